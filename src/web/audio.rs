//! Soft chimes made with Web Audio: no audio files, nothing fetched.
//!
//! Tones are scheduled ahead on the audio clock (`AudioContext.currentTime`), not played when a
//! frame happens to notice a phase change, so they land on the phase boundary even when frames
//! are late or the tab is hidden.

use crate::prelude::*;

use core::cell::RefCell;
use wasm_bindgen::prelude::wasm_bindgen;
use wasm_bindgen::JsCast;
use web_sys::{AudioContext, AudioNode, GainNode, OscillatorNode, OscillatorType};

#[wasm_bindgen]
extern "C" {
    // Web Audio calls that cannot throw as the engine makes them (nodes of the one context it
    // made, which it never closes; `resume()` answers with a promise, never an exception), so
    // they are declared without web-sys's `catch` and its error branch at each call.
    #[wasm_bindgen(extends = AudioContext)]
    type Audio;
    #[wasm_bindgen(method, js_name = resume)]
    fn wake_up(this: &Audio);
    #[wasm_bindgen(method, js_name = createOscillator)]
    fn oscillator(this: &Audio) -> OscillatorNode;
    #[wasm_bindgen(method, js_name = createGain)]
    fn amplifier(this: &Audio) -> GainNode;
    // Seconds from a sample's time on the audio clock to the speaker: undefined (NaN here) in
    // browsers without them, 0 until the context runs.
    #[wasm_bindgen(method, getter, js_name = baseLatency)]
    fn base_latency(this: &Audio) -> f64;
    #[wasm_bindgen(method, getter, js_name = outputLatency)]
    fn output_latency(this: &Audio) -> f64;

    #[wasm_bindgen(extends = AudioNode)]
    type Plug;
    #[wasm_bindgen(method, js_name = connect)]
    fn feed(this: &Plug, into: &AudioNode);
    #[wasm_bindgen(method, js_name = disconnect)]
    fn unplug(this: &Plug);
    // Started once each, at a time of 0 or later, and stopped after (any number of times).
    #[wasm_bindgen(method, js_name = start)]
    fn play_at(this: &Plug, when: f64);
    #[wasm_bindgen(method, js_name = stop)]
    fn end_at(this: &Plug, when: f64);

    // Every time is finite and 0 or later, and no ramp goes to 0 (an exponential one can't).
    type Level;
    #[wasm_bindgen(method, js_name = setValueAtTime)]
    fn set_at(this: &Level, value: f32, when: f64);
    #[wasm_bindgen(method, js_name = linearRampToValueAtTime)]
    fn ramp_to(this: &Level, value: f32, when: f64);
    #[wasm_bindgen(method, js_name = exponentialRampToValueAtTime)]
    fn fade_to(this: &Level, value: f32, when: f64);
}

/// Which chime to play.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tone {
    /// Start of an inhale: a brighter note.
    In,
    /// Start of a hold: a very quiet high note.
    Hold,
    /// Start of an exhale: a lower, warmer note.
    Out,
}

impl Tone {
    fn note(self) -> (f32, f32) {
        // (frequency in Hz, peak gain)
        match self {
            Tone::In => (523.25, 0.16),
            Tone::Hold => (659.25, 0.06),
            Tone::Out => (392.0, 0.16),
        }
    }
}

local! {
    // One audio context for the page: browsers limit how many may exist.
    static CONTEXT: RefCell<Option<AudioContext>> = const { RefCell::new(None) };
}

fn shared_context() -> Option<AudioContext> {
    CONTEXT.with(|c| {
        let mut c = c.try_borrow_mut().ok()?;
        if c.is_none() {
            *c = AudioContext::new().ok();
        }
        c.clone()
    })
}

/// One widget's chimes. Dropping it silences everything it scheduled.
#[derive(Debug)]
pub struct Chimes {
    ctx: AudioContext,
    scheduled: Vec<(OscillatorNode, f64)>,
}

impl Chimes {
    /// Opens (or reuses) the page's audio context. Call from a click or key press: browsers only
    /// let sound start from a visitor's gesture.
    pub fn new() -> Option<Chimes> {
        let ctx = shared_context()?;
        let chimes = Chimes {
            ctx,
            scheduled: Vec::new(),
        };
        chimes.wake();
        Some(chimes)
    }

    fn audio(&self) -> &Audio {
        self.ctx.unchecked_ref()
    }

    /// Resumes the context if the browser suspended it (on a running one, `resume()` does
    /// nothing; the engine never closes the page's context).
    pub fn wake(&self) {
        self.audio().wake_up();
    }

    /// Whether the audio clock runs steadily: a context made a moment ago stands at 0 until
    /// its device is open (tens of ms, more on a slow phone), then runs in bursts while its
    /// delay to the speaker settles (its first quarter second here); a chime queued ahead
    /// before then sounds up to that much after its phase.
    pub fn ticking(&self) -> bool {
        self.ctx.current_time() > 0.25
    }

    /// Milliseconds from a sample's time on the audio clock to the speaker (each part not
    /// reported, NaN here, counts as none).
    pub fn lag_ms(&self) -> f64 {
        let part = |s: f64| if (0.0..1.0).contains(&s) { s } else { 0.0 };
        1000.0 * (part(self.audio().base_latency()) + part(self.audio().output_latency()))
    }

    /// Plays `tone` so that it is heard `delay_ms` from now: queued earlier on the audio clock by
    /// the time the sound takes to reach the speaker (tens of ms on a laptop, a few hundred with
    /// Bluetooth headphones), as soon as it can be when that moment has passed.
    pub fn play_in(&mut self, delay_ms: f64, tone: Tone) {
        let now = self.ctx.current_time();
        self.scheduled.keep_only(|(_, end)| *end > now);
        let at = now + (delay_ms - self.lag_ms()).max(0.0) / 1000.0;
        let (freq, peak) = tone.note();
        // A bell-like note: the fundamental and a quiet octave, a soft attack, a long fade.
        for (mult, level) in [(1.0f32, 1.0f32), (2.0, 0.25)] {
            let (osc, gain) = (self.audio().oscillator(), self.audio().amplifier());
            osc.set_type(OscillatorType::Sine);
            osc.frequency().set_value(freq * mult);
            let g = gain.gain();
            let g: &Level = g.unchecked_ref();
            g.set_at(0.0001, at);
            g.ramp_to(peak * level, at + 0.03);
            g.fade_to(0.0001, at + 1.6);
            let plug: &Plug = osc.unchecked_ref();
            plug.feed(&gain);
            gain.unchecked_ref::<Plug>().feed(&self.ctx.destination());
            plug.play_at(at);
            plug.end_at(at + NOTE_S);
            self.scheduled.push((osc, at + NOTE_S));
        }
    }

    /// Silences the chimes still to come, letting one that sounds ring out as a bell does
    /// (cut short, it clicks). Gives how long ago, in seconds on the audio clock, the newest
    /// that sounds on started (infinity: none). One that started less than `lag_s` ago counts
    /// as to come: with [`Chimes::lag_ms`], one not yet at the speaker (queued early, it is the
    /// next phase's: silenced on pause and at the end); with infinity, every one (the widget
    /// goes, or its sound was turned off).
    pub fn cancel(&mut self, lag_s: f64) -> f64 {
        let clock = self.ctx.current_time();
        let mut age = f64::INFINITY;
        for (osc, end) in core::mem::take(&mut self.scheduled) {
            let start = end - NOTE_S;
            if start > clock - lag_s {
                silence(&osc);
            } else {
                if end > clock {
                    age = age.min(clock - start);
                }
                self.scheduled.push((osc, end));
            }
        }
        age
    }
}

/// How long a chime sounds, in seconds.
const NOTE_S: f64 = 1.7;

fn silence(osc: &OscillatorNode) {
    let plug: &Plug = osc.unchecked_ref();
    plug.end_at(0.0);
    plug.unplug();
}

impl Drop for Chimes {
    fn drop(&mut self) {
        self.cancel(f64::INFINITY);
    }
}
