//! `make bench` part one: the worst phase error over a simulated 60-minute session.
//!
//! Drives every named pattern's session with a jittery 60 Hz frame clock, long hidden-tab gaps
//! and a few backwards ticks, and compares each answer with an independent walk through the
//! breaths in whole microseconds. Prints the worst disagreement (the distance from the true
//! phase boundary when the two disagree) and the cost of one tick.

use attune::core::breathing::{BreathPattern, BreathingPlan, BreathingSession, Length};
use std::time::Instant;

fn reference(pattern: &BreathPattern, t_ms: f64) -> (u64, usize, f64) {
    let lens: Vec<i64> = pattern
        .segments
        .iter()
        .map(|s| (s.secs * 1_000_000.0).round() as i64 / 1000)
        .collect();
    let cycle: i64 = lens.iter().sum();
    let t_us = (t_ms * 1000.0).round() as i64;
    let breath = t_us / (cycle * 1000);
    let mut into = t_us - breath * cycle * 1000;
    for (i, len) in lens.iter().enumerate() {
        let len_us = len * 1000;
        if len_us == 0 {
            continue;
        }
        if into < len_us {
            let to_edge = into.min(len_us - into) as f64 / 1000.0;
            return (breath as u64, i, to_edge);
        }
        into -= len_us;
    }
    (breath as u64, 0, 0.0)
}

fn main() {
    let patterns = [
        BreathPattern::box_breathing(),
        BreathPattern::four_seven_eight(),
        BreathPattern::resonance(6.0),
        BreathPattern::extended_exhale(),
        BreathPattern::sigh(),
        BreathPattern::custom("3.5-0-5.5-0").unwrap_or_else(BreathPattern::box_breathing),
    ];
    println!("Phase error over a simulated 60-minute session (budget: one frame, 16.7 ms)");
    println!(
        "{:<18} {:>9} {:>14} {:>16}",
        "pattern", "ticks", "worst error", "ns per tick"
    );
    let mut worst_all: f64 = 0.0;
    for pattern in patterns {
        let plan = BreathingPlan {
            pattern: pattern.clone(),
            length: Length::Minutes(61.0),
            ramp: false,
        };
        let mut session = BreathingSession::new(&plan);
        session.start(1_000.0);
        let mut seed: u64 = 0x2545_f491_4f6c_dd1d;
        let mut now = 1_000.0;
        let mut ticks = 0u64;
        let mut worst: f64 = 0.0;
        let started = Instant::now();
        while now < 1_000.0 + 3_600_000.0 {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            // 60 Hz with jitter; every ~2000 frames the tab is hidden for up to 5 minutes.
            now += 16.667 + (seed % 900) as f64 / 100.0 - 4.5;
            if seed.is_multiple_of(2003) {
                now += (seed % 300_000) as f64;
            }
            let ask = if seed.is_multiple_of(101) {
                now - 40.0
            } else {
                now
            };
            let f = session.tick(ask);
            ticks += 1;
            if ask < now {
                continue;
            }
            let (breath, segment, to_edge) = reference(&pattern, f.elapsed_ms);
            if (u64::from(f.moment.breath), f.moment.segment) != (breath, segment) {
                worst = worst.max(to_edge);
            }
        }
        let ns = started.elapsed().as_nanos() as f64 / ticks as f64;
        worst_all = worst_all.max(worst);
        println!(
            "{:<18} {:>9} {:>11.3} ms {:>16.0}",
            pattern.id(),
            ticks,
            worst,
            ns
        );
    }
    println!("worst phase error: {worst_all:.3} ms (one frame is 16.7 ms)");
}
