//! The breathing pacer's screen: the circle, the words, the countdown, the controls.
//!
//! The schedule lives in [`crate::core::breathing`]; this module only shows what
//! [`BreathingSession::tick`] says for the current time, announces each new phase once, and
//! turns clicks and keys into `start`/`pause`/`resume`/`stop`.

use crate::prelude::*;

use alloc::rc::Rc;
use core::cell::RefCell;
use web_sys::HtmlElement;

use super::audio::{Chimes, Tone};
use super::clock::{now, Ticking, Timed};
use super::device::{self, WakeLock};
use super::dom::{
    attrs, end_question, focus, key, press, set_msg, set_text, set_var, show, EndQuestion,
};
use super::events::{listen, Detail, Pending, Queued};
use super::kit::{
    care_footer, data_value, fire_after, on_actions, on_control, page_hidden, reflect_state,
    storage_notice, Ctx, MountResult, View, Widget,
};
use super::session::{Keeper, Live};
use crate::core::breathing::{
    cue_text, pattern_label, BreathingConfig, BreathingSession, Cue, Frame, Length, Motion,
    SessionState, Sound,
};
use crate::core::i18n::{fill, number, text, Lang, Msg};
use crate::core::num::{self, uint};

/// The widget's name in events and in its session records.
const WIDGET: &str = "breathing";

/// How far ahead chimes are put on the audio clock: a little while the page is visible, more
/// than a throttled hidden-tab timer's gap while it is not.
const LOOKAHEAD_VISIBLE_MS: f64 = 2_000.0;
const LOOKAHEAD_HIDDEN_MS: f64 = 75_000.0;

struct Ui {
    shape: HtmlElement,
    phase: HtmlElement,
    count: HtmlElement,
    progress: HtmlElement,
    meta: HtmlElement,
    toggle: HtmlElement,
    stop: HtmlElement,
    live: Live,
    note: HtmlElement,
    rating: HtmlElement,
    question: HtmlElement,
    points: Vec<HtmlElement>,
    thanks: HtmlElement,
}

/// What is on screen now, so a frame only touches the DOM where something changed.
#[derive(Default)]
struct Shown {
    level: i32,
    count: u32,
    permille: i32,
    breath: u32,
}

struct Pacer {
    host: HtmlElement,
    lang: Lang,
    cfg: BreathingConfig,
    session: BreathingSession,
    ui: Ui,
    shown: Shown,
    clock: Option<Ticking>,
    chimes: Option<Chimes>,
    voice: bool,
    /// The first words of a session also say why there is no voice (the note on screen).
    say_note: bool,
    /// Resumed: the phase it paused in is said again, but it is no new phase for the page
    /// (`attune:phase` fires once per phase).
    resumed: bool,
    wake: WakeLock,
    sound_until_ms: f64,
    pending: Vec<Pending>,
    /// Keeps the end-of-session record (and the rating given after it).
    keeper: Keeper,
}

/// Unmounted, the pacer stops the session with every frame, timer, sound and wake lock it had.
/// The care footer (the mount's) is its only contact.
impl Widget for Pacer {
    fn unmounting(&mut self) {
        // Removed mid-session (the page moved on, an option changed): kept as if stopped.
        self.keep_taken();
        fire_after(&self.host, core::mem::take(&mut self.pending));
        self.halt();
        self.clock = None;
    }
}

fn length_label(lang: Lang, cfg: &BreathingConfig) -> String {
    let mut out = pattern_label(lang, &cfg.plan.pattern);
    out.push_str(" · ");
    let (msg, n) = match cfg.plan.length {
        Length::Minutes(m) => (Msg::MinutesShort, number(lang, m)),
        Length::Breaths(b) => (Msg::Breaths, uint(u64::from(b))),
    };
    out.push_str(&fill(text(lang, msg), &[("n", &n)]));
    // The pattern named is where the ramp arrives, with the out-breath at least one and a half
    // times the in-breath: said, or box's 4-4-6-4 would read as 4-4-4-4.
    if cfg.plan.ramp {
        out.push_str(" · ");
        out.push_str(text(lang, Msg::BreathingRamp));
    }
    // Said before Start: a visitor at work or on a bus knows it will make a sound.
    let sound = match cfg.sound {
        Sound::Chime => Some(Msg::BreathingChimes),
        Sound::Voice => Some(Msg::BreathingVoice),
        Sound::Off => None,
    };
    if let Some(msg) = sound {
        out.push_str(" · ");
        out.push_str(text(lang, msg));
    }
    out
}

/// Builds the pacer in `ctx.base`, idle. Returns its view and the events to fire once placed.
pub fn mount(ctx: &Ctx<'_>, cfg: &BreathingConfig) -> MountResult {
    let lang = ctx.lang();
    let b = ctx.build;
    let base = ctx.base;
    if cfg.motion == Motion::Reduced {
        attrs(base, &[("data-motion", "reduced")]);
    }
    let length = length_label(lang, cfg);
    // Kept still, the circle does not grow: its colour deepens (what it does is what is said).
    let still = cfg.motion == Motion::Reduced || super::dom::reduced_motion();
    ctx.head(
        "breathing",
        Msg::BreathingTitle,
        Some((&length, "pattern")),
        if still {
            Msg::BreathingIntroStill
        } else {
            Msg::BreathingIntro
        },
    )?;

    let stage = b.el(base, "div", "stage")?;
    attrs(
        &stage,
        &[
            ("part", "stage"),
            ("tabindex", "0"),
            ("role", "group"),
            ("aria-label", text(lang, Msg::BreathingTitle)),
            ("aria-describedby", "keys"),
        ],
    );
    let ring = b.el(&stage, "div", "ring")?;
    let shape = b.el(&ring, "div", "shape")?;
    attrs(&shape, &[("part", "shape"), ("aria-hidden", "true")]);
    let count = b.text(&stage, "p", "count", "")?;
    attrs(&count, &[("part", "count"), ("aria-hidden", "true")]);
    let phase = b.msg(base, "p", "phase", lang, Msg::ReadyWords)?;
    attrs(&phase, &[("part", "phase")]);

    let progress = b.el(base, "div", "progress")?;
    attrs(
        &progress,
        &[
            ("part", "progress"),
            ("role", "progressbar"),
            ("aria-label", text(lang, Msg::SessionProgress)),
            ("aria-valuemin", "0"),
            ("aria-valuemax", "100"),
            ("aria-valuenow", "0"),
        ],
    );
    b.el(&progress, "div", "fill")?;
    let meta = b.text(base, "p", "meta", "")?;

    let EndQuestion {
        panel: rating,
        question,
        points,
    } = end_question(
        b,
        base,
        "question",
        lang,
        [Msg::RatingQuestion, Msg::RatingLow, Msg::RatingHigh],
        "skip",
    )?;
    rating.set_hidden(true);
    let thanks = b.msg(base, "p", "thanks", lang, Msg::Thanks)?;
    thanks.set_hidden(true);

    let controls = b.el(base, "div", "controls")?;
    attrs(&controls, &[("part", "controls")]);
    let toggle = b.msg_button(&controls, "primary", lang, Msg::Start, "toggle")?;
    attrs(&toggle, &[("part", "button primary")]);
    let stop = b.msg_button(&controls, "", lang, Msg::Stop, "stop")?;
    stop.set_hidden(true);
    let keys = b.msg(base, "p", "hint", lang, Msg::KeysHint)?;
    attrs(&keys, &[("id", "keys")]);
    let note = b.text(base, "p", "note", "")?;
    note.set_hidden(true);
    let live = Live::new(b, base)?;
    let keeper = Keeper::open(ctx);
    storage_notice(ctx, keeper.vault())?;
    care_footer(ctx)?;

    let ui = Ui {
        shape,
        phase,
        count,
        progress,
        meta,
        toggle,
        stop,
        live,
        note,
        rating,
        question,
        points,
        thanks,
    };
    let pacer = Rc::new(RefCell::new(Pacer {
        host: ctx.host.clone(),
        lang,
        cfg: cfg.clone(),
        session: BreathingSession::new(&cfg.plan),
        ui,
        shown: Shown {
            level: -1,
            permille: -1,
            ..Shown::default()
        },
        clock: None,
        chimes: None,
        voice: false,
        say_note: false,
        resumed: false,
        wake: WakeLock::default(),
        sound_until_ms: -1.0,
        pending: Vec::new(),
        keeper,
    }));
    if cfg.sound == Sound::Voice {
        // Asked for now, so they are there by Start: Chrome lists no voice at a page's first
        // ask and loads them after it, and the first session would have said there was none.
        device::has_voice(lang.tag());
    }
    let weak = Rc::downgrade(&pacer);
    {
        let clock = Ticking::new(&weak);
        let mut p = pacer.borrow_mut();
        p.clock = Some(clock);
        p.render_idle();
    }

    let on_click = on_actions(base, &weak, |p: &mut Pacer, action, el| match action {
        "toggle" => p.toggle(now()),
        "stop" => p.stop(),
        "rate" => p.rate(data_value(el)),
        "skip" => p.rate(None),
        _ => {}
    });
    let on_key = listen(base, "keydown", &weak, |p: &mut Pacer, e| {
        let Some(k) = key(e) else {
            return;
        };
        let running = matches!(
            p.session.state(),
            SessionState::Running | SessionState::Paused
        );
        // Space anywhere but on a control or on words the focus was moved to (the closing
        // question, which it would answer by starting again); Enter on the circle alone, a
        // focusable group one might take for a button.
        // (The circle is the one spot with a tab stop of its own; the question's is -1.)
        let spot = super::dom::target(e).and_then(|t| t.get_attribute("tabindex"));
        let toggles = !on_control(e)
            && if k == "Enter" {
                spot.as_deref() == Some("0")
            } else {
                spot.as_deref() != Some("-1")
            };
        match k.as_str() {
            " " | "Spacebar" | "Enter" if toggles => {
                e.prevent_default();
                p.toggle(now());
            }
            "Escape" if running => {
                e.prevent_default();
                p.stop();
            }
            _ => {}
        }
    });
    let mut listeners = vec![on_click, on_key];
    if let Some(doc) = ctx.host.owner_document() {
        listeners.push(listen(
            &doc,
            "visibilitychange",
            &weak,
            |p: &mut Pacer, _| p.on_visibility(),
        ));
    }
    let ready = Pending::new(
        "attune:ready",
        Detail::new(WIDGET)
            .text("version", crate::VERSION)
            .text("pattern", cfg.plan.pattern.id()),
    );
    View::mounted(pacer, listeners, None, vec![ready])
}

impl Pacer {
    fn toggle(&mut self, now: f64) {
        match self.session.state() {
            SessionState::Idle | SessionState::Done => self.start(now),
            SessionState::Running => self.pause(now),
            SessionState::Paused => self.resume(now),
        }
    }

    fn start(&mut self, now: f64) {
        self.voice = false;
        show(&self.ui.note, false);
        if self.cfg.sound == Sound::Voice {
            self.voice = device::has_voice(self.lang.tag());
            if !self.voice {
                set_msg(&self.ui.note, self.lang, Msg::NoVoice);
                show(&self.ui.note, true);
                self.say_note = true;
            }
        }
        if self.cfg.sound != Sound::Off && !self.voice {
            // Created inside the click or key press: browsers only allow sound from a gesture.
            if self.chimes.is_none() {
                self.chimes = Chimes::new();
            }
        }
        // Opening the page's audio holds the page while the device opens (a tenth of a second
        // here, more on some machines): the session begins after it, or its first breath would
        // be cut short and the chimes queued from the click sound that much after their phases.
        // And it begins as its first chime is heard: played at once, it reaches the speaker
        // the sound's way later (a few hundred ms with Bluetooth headphones).
        let now = now.max(super::clock::now()) + self.chimes.as_ref().map_or(0.0, Chimes::lag_ms);
        self.session.start(now);
        self.keeper.begin();
        let sched = self.session.schedule();
        self.pending.push(Pending::new(
            "attune:start",
            Detail::new(WIDGET)
                .text("pattern", self.cfg.plan.pattern.id())
                .num("breaths", f64::from(sched.total_breaths()))
                .num("duration_ms", num::round(sched.total_ms())),
        ));
        self.sound_until_ms = -1.0;
        show(&self.ui.rating, false);
        show(&self.ui.thanks, false);
        press(&self.ui.points, None);
        self.run();
        self.update(now);
    }

    fn pause(&mut self, now: f64) {
        // A phase begun since the last frame: the page hears of it (resuming goes on in it
        // without an `attune:phase`), the visitor does not (no words, voice or buzz for a phase
        // the pause keeps from them). Reaching the end there finishes the session instead.
        let (voice, buzz) = (self.voice, self.cfg.vibrate);
        (self.voice, self.cfg.vibrate) = (false, false);
        let running = self.update(now);
        (self.voice, self.cfg.vibrate) = (voice, buzz);
        if !running {
            return;
        }
        self.session.pause(now);
        self.halt();
        set_msg(&self.ui.phase, self.lang, Msg::PausedWords);
        self.ui.live.say(text(self.lang, Msg::PausedWords));
        self.show_controls();
        reflect_state(
            &self.host,
            "paused",
            Some(self.session.tick(now).moment.phase.as_str()),
        );
    }

    fn resume(&mut self, now: f64) {
        self.session.resume(now);
        self.resumed = true;
        if let Some(c) = &self.chimes {
            c.wake();
        }
        self.run();
        self.update(now);
    }

    /// Keeps a running or paused session after a breath or more, marked as stopped before the
    /// end (the summary says so, without judging it): at Stop, as the widget is removed, and as
    /// the page is hidden (the tab may be closing; an end or Stop later updates the same record).
    fn keep_taken(&mut self) {
        if !matches!(
            self.session.state(),
            SessionState::Running | SessionState::Paused
        ) {
            return;
        }
        let elapsed = self.session.elapsed_ms(now());
        let sched = self.session.schedule();
        let at = sched.at(elapsed);
        // Past the last breath, before the frame that ends it: every breath was taken.
        let taken = if at.done {
            sched.total_breaths()
        } else {
            at.breath
        };
        let breaths = taken.min(255) as u8;
        if breaths > 0 {
            self.keep(false, breaths);
        }
    }

    fn stop(&mut self) {
        self.keep_taken();
        self.session.stop();
        self.halt();
        self.render_idle();
        // Said on screen too, until the next Start: not "Ready when you are", as if nothing
        // had happened (the breaths taken are kept, as stopped before the end).
        set_msg(&self.ui.phase, self.lang, Msg::StoppedWords);
        self.ui.live.say(text(self.lang, Msg::StoppedWords));
        focus(&self.ui.toggle);
    }

    /// Starts the loops that look at the clock while the session runs.
    fn run(&mut self) {
        self.wake.acquire();
        if let Some(c) = self.clock.as_mut() {
            c.start();
        }
        self.show_controls();
    }

    /// Stops every loop, the chimes to come (one that sounds rings out), the voice and the
    /// wake lock (pause, stop, end, unmount).
    fn halt(&mut self) {
        if let Some(c) = self.clock.as_mut() {
            c.stop();
        }
        if let Some(c) = self.chimes.as_mut() {
            // One that rings on for this phase (begun since the phase's chime was queued, the
            // sound's way to the speaker early) is not struck again on resume; one of a phase or
            // a session before it is no reason to leave this phase without its chime.
            let lag_s = c.lag_ms() / 1000.0;
            let age = c.cancel(lag_s);
            let now = now();
            let into_s = self.session.tick(now).moment.into_ms / 1000.0;
            self.sound_until_ms = if age <= into_s + lag_s + 0.05 {
                self.session.elapsed_ms(now)
            } else {
                -1.0
            };
        }
        if self.voice {
            device::hush();
        }
        self.wake.release();
    }

    fn on_visibility(&mut self) {
        if page_hidden(&self.host) {
            // The tab may be closing: what was taken is kept (storage writes it at once).
            self.keep_taken();
        } else if self.session.state() == SessionState::Running {
            self.wake.acquire();
            let now = now();
            // Chimes queued far ahead while hidden follow the audio clock, which may not have
            // run with the page's (the device asleep, the sound interrupted): queued anew. One
            // that sounds rings on, and its phase's chime is not played again.
            if let Some(c) = self.chimes.as_mut() {
                // (A chime that has started on the audio clock may be the next phase's, queued
                // early by the sound's way to the speaker.)
                self.sound_until_ms = if c.cancel(0.0) < f64::INFINITY {
                    self.session.elapsed_ms(now) + c.lag_ms()
                } else {
                    -1.0
                };
            }
            self.update(now);
        }
    }

    /// Looks at the clock and shows what the schedule says. Returns whether to keep looking.
    fn update(&mut self, now: f64) -> bool {
        if self.session.state() != SessionState::Running {
            return false;
        }
        let f = self.session.tick(now);
        self.render(&f);
        if f.entered_segment {
            self.enter(&f);
        }
        self.schedule_sound(&f);
        if f.just_finished {
            self.finish(&f);
        }
        f.state == SessionState::Running
    }

    fn render(&mut self, f: &Frame) {
        let level = num::round(f.moment.level * 1000.0) as i32;
        if level != self.shown.level {
            self.shown.level = level;
            set_var(&self.ui.shape, "--level", &uint(level.max(0) as u64));
        }
        if f.seconds_left != self.shown.count {
            self.shown.count = f.seconds_left;
            let t = if f.seconds_left == 0 {
                String::new()
            } else {
                uint(u64::from(f.seconds_left))
            };
            set_text(&self.ui.count, &t);
        }
        let permille = num::round(f.progress * 1000.0) as i32;
        if permille != self.shown.permille {
            let percent = uint((permille / 10).max(0) as u64);
            if self.shown.permille / 10 != permille / 10 || self.shown.permille < 0 {
                attrs(&self.ui.progress, &[("aria-valuenow", &percent)]);
            }
            self.shown.permille = permille;
            set_var(
                &self.ui.progress,
                "--progress",
                &uint(permille.max(0) as u64),
            );
        }
        let breath = f.moment.breath + 1;
        if breath != self.shown.breath {
            self.shown.breath = breath;
            let total = uint(u64::from(self.session.schedule().total_breaths()));
            let words = fill(
                text(self.lang, Msg::BreathOf),
                &[("n", &uint(u64::from(breath))), ("total", &total)],
            );
            set_text(&self.ui.meta, &words);
            attrs(&self.ui.progress, &[("aria-valuetext", &words)]);
        }
        if f.state == SessionState::Running {
            reflect_state(&self.host, "running", Some(f.moment.phase.as_str()));
        }
    }

    /// A new segment began: say it once, in every way the visitor asked for.
    fn enter(&mut self, f: &Frame) {
        let words = cue_text(self.lang, f.moment.cue);
        set_text(&self.ui.phase, words);
        // The device's voice says the cue aloud, to everyone: a screen reader reading the live
        // region too would say it again, over it, at the same moment.
        if self.voice && device::speak(words, self.lang.tag()) {
            self.ui.live.say("");
        } else if core::mem::take(&mut self.say_note) {
            self.ui
                .live
                .say(&[text(self.lang, Msg::NoVoice), " ", words].cat());
        } else {
            self.ui.live.say(words);
        }
        if self.cfg.vibrate {
            match f.moment.cue {
                Cue::In => device::vibrate(&[180]),
                Cue::Out => device::vibrate(&[70, 90, 70]),
                _ => {}
            }
        }
        if core::mem::take(&mut self.resumed) {
            return;
        }
        self.pending.push(Pending::new(
            "attune:phase",
            Detail::new(WIDGET)
                .text("phase", f.moment.phase.as_str())
                .num("breath", f64::from(f.moment.breath + 1))
                .num("duration_ms", num::round(f.moment.len_ms))
                .num("elapsed_ms", num::round(f.elapsed_ms)),
        ));
    }

    /// Puts the coming phase changes' chimes on the audio clock.
    fn schedule_sound(&mut self, f: &Frame) {
        let Some(chimes) = self.chimes.as_mut() else {
            return;
        };
        if f.state != SessionState::Running || self.voice {
            return;
        }
        let sched = self.session.schedule();
        if self.sound_until_ms < 0.0 && f.moment.into_ms < 150.0 {
            chimes.play_in(0.0, tone(f.moment.cue));
            self.sound_until_ms = f.elapsed_ms;
        }
        if !chimes.ticking() {
            // The next frames queue the coming chimes, once the audio clock runs.
            return;
        }
        // A phase that began while the audio clock was not yet running (a slow device, a
        // short first phase) is chimed now, if it began only just.
        self.sound_until_ms = self.sound_until_ms.max(f.elapsed_ms - 150.0);
        let horizon = f.elapsed_ms
            + if page_hidden(&self.host) {
                LOOKAHEAD_HIDDEN_MS
            } else {
                LOOKAHEAD_VISIBLE_MS
            };
        for _ in 0..64 {
            let Some(b) = sched.next_boundary_ms(self.sound_until_ms) else {
                break;
            };
            if b > horizon {
                break;
            }
            chimes.play_in(b - f.elapsed_ms, tone(sched.at(b + 0.5).cue));
            self.sound_until_ms = b;
        }
    }

    fn finish(&mut self, f: &Frame) {
        self.halt();
        reflect_state(&self.host, "done", None);
        set_msg(&self.ui.phase, self.lang, Msg::DoneWords);
        // Heard too, by a visitor following with closed eyes: the voice says the end, or two
        // chimes, falling, close the session. What the voice says, the live region does not
        // say again over it (as with the cues).
        let mut done = text(self.lang, Msg::DoneWords);
        if self.voice && device::speak(done, self.lang.tag()) {
            done = "";
        } else if let Some(c) = self.chimes.as_mut() {
            c.play_in(0.0, Tone::In);
            c.play_in(700.0, Tone::Out);
        }
        set_text(&self.ui.count, "");
        let had_focus = self.focus_inside();
        self.show_controls();
        let mut ask = "";
        if self.cfg.rating {
            show(&self.ui.rating, true);
            // The question is heard once: from the focus, when it moves there, else said.
            if had_focus {
                focus(&self.ui.question);
            } else {
                ask = text(self.lang, Msg::RatingQuestion);
            }
        } else {
            show(&self.ui.thanks, true);
        }
        self.ui.live.say([done, " ", ask].cat().trim());
        self.pending.push(Pending::new(
            "attune:complete",
            Detail::new(WIDGET)
                .text("pattern", self.cfg.plan.pattern.id())
                .num(
                    "breaths",
                    f64::from(self.session.schedule().total_breaths()),
                )
                .num("duration_ms", num::round(f.elapsed_ms))
                .flag("completed", true),
        ));
        let breaths = self.session.schedule().total_breaths().min(255) as u8;
        self.keep(true, breaths);
    }

    /// Keeps this session's record: made at its first keeping (the page hidden, Stop, the
    /// end), then updated in place (a later end or Stop, the rating).
    fn keep(&mut self, completed: bool, breaths: u8) {
        let tags = vec![["pattern:", self.cfg.plan.pattern.id()].cat()];
        let entry = self.keeper.save(WIDGET, WIDGET, |r| {
            r.completed = completed;
            r.counts = vec![breaths];
            r.tags = tags;
        });
        self.pending.extend(entry);
    }

    /// The visitor answered the end question (`None`: skipped). Nothing is scored or judged.
    fn rate(&mut self, value: Option<u32>) {
        if self.session.state() != SessionState::Done {
            return;
        }
        press(&self.ui.points, value);
        if let (true, Some(v)) = (self.keeper.has_record(), value) {
            let entry = self
                .keeper
                .save(WIDGET, WIDGET, |r| r.rating = Some(v.min(10) as u8));
            self.pending.extend(entry);
        }
        let had_focus = self.focus_inside();
        show(&self.ui.rating, false);
        show(&self.ui.thanks, true);
        self.ui.live.say(text(self.lang, Msg::Thanks));
        if had_focus {
            focus(&self.ui.toggle);
        }
    }

    fn focus_inside(&self) -> bool {
        self.host
            .shadow_root()
            .and_then(|r| r.active_element())
            .is_some()
    }

    fn show_controls(&self) {
        let state = self.session.state();
        let label = match state {
            SessionState::Idle => Msg::Start,
            SessionState::Running => Msg::Pause,
            SessionState::Paused => Msg::Resume,
            SessionState::Done => Msg::Again,
        };
        set_text(&self.ui.toggle, text(self.lang, label));
        let active = matches!(state, SessionState::Running | SessionState::Paused);
        let stop_focused = self
            .host
            .shadow_root()
            .and_then(|r| r.active_element())
            .is_some_and(|a| a.is_same_node(Some(&self.ui.stop)));
        if !active && stop_focused {
            focus(&self.ui.toggle);
        }
        show(&self.ui.stop, active);
    }

    fn render_idle(&mut self) {
        reflect_state(&self.host, "idle", None);
        set_msg(&self.ui.phase, self.lang, Msg::ReadyWords);
        set_text(&self.ui.count, "");
        set_var(&self.ui.shape, "--level", "0");
        set_var(&self.ui.progress, "--progress", "0");
        attrs(&self.ui.progress, &[("aria-valuenow", "0")]);
        self.shown = Shown {
            level: 0,
            permille: 0,
            ..Shown::default()
        };
        set_text(&self.ui.meta, "");
        // No words of its own: a screen reader says the 0 as a percentage in its language.
        super::dom::unset(&self.ui.progress, "aria-valuetext");
        show(&self.ui.rating, false);
        show(&self.ui.thanks, false);
        self.show_controls();
    }
}

fn tone(cue: Cue) -> Tone {
    match cue {
        Cue::In => Tone::In,
        Cue::Out => Tone::Out,
        Cue::TopUp | Cue::HoldIn | Cue::HoldOut => Tone::Hold,
    }
}

impl Queued for Pacer {
    fn host(&self) -> &HtmlElement {
        &self.host
    }

    fn queue(&mut self) -> &mut Vec<Pending> {
        &mut self.pending
    }
}

impl Timed for Pacer {
    fn update(&mut self, now: f64) -> bool {
        Pacer::update(self, now)
    }

    fn hold(&mut self) {
        if self.session.state() == SessionState::Running {
            self.pause(now());
        }
    }
}
