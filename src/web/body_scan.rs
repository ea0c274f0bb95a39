//! The screen of the head-to-toe body scan and its palms and temperature variants.
//!
//! Where the scan is comes from [`BodyScan::tick`], told the time by [`now`]: a frame loop moves
//! the calm progress cue while the page is visible, a slow interval keeps the steps moving while
//! it is hidden, and neither decides anything. This module shows each step, announces it once,
//! turns the tag buttons into the core's tags, and at the end draws the body outline (inline SVG,
//! built here) with the regions where something was noticed, and its text alternative.

use crate::prelude::*;

use alloc::rc::Rc;
use core::cell::RefCell;
use web_sys::{Element, HtmlElement};

use super::clock::{now, Ticking, Timed};
use super::device::WakeLock;
use super::dom::{
    attrs, clear, enable, focus_to, key, press, scale, set_text, set_var, show, summary_end,
    target, Builder, DomResult, SummaryEnd,
};
use super::events::{listen, Detail, Pending, Queued};
use super::kit::{
    action_at, care_footer, data_value, fire_after, on_actions, on_control, page_hidden,
    reflect_state, storage_notice, Ctx, MountResult, View, Widget,
};
use super::session::{focus_inside, focus_lost, move_focus, Keeper, Live};
use crate::core::body_scan::{
    outline_text, Advance, BodyScan, BodyScanConfig, Region, ScanFrame, ScanState, ScanStep,
    ScanVariant, Sensation,
};
use crate::core::i18n::{fill, text, Lang, Msg};
use crate::core::num::{self, uint};

const WIDGET: &str = "body-scan";

struct Ui {
    intro: HtmlElement,
    stage: HtmlElement,
    meta: HtmlElement,
    heading: HtmlElement,
    prompt: HtmlElement,
    rest: HtmlElement,
    cue: HtmlElement,
    here: Vec<(Region, Element)>,
    toggle: HtmlElement,
    back: HtmlElement,
    next: HtmlElement,
    stop: HtmlElement,
    tags_box: HtmlElement,
    tags: Vec<(Sensation, HtmlElement)>,
    intensity_box: HtmlElement,
    intensity: Vec<HtmlElement>,
    summary: HtmlElement,
    lead: HtmlElement,
    outline: Vec<(Region, Element)>,
    figure: HtmlElement,
    outline_text: HtmlElement,
    details: HtmlElement,
    rating: Option<HtmlElement>,
    points: Vec<HtmlElement>,
    thanks: HtmlElement,
    summary_back: HtmlElement,
    again: HtmlElement,
}

/// What is on screen now, so a frame only touches the DOM where something changed.
#[derive(Default)]
struct Shown {
    permille: i32,
    /// What the cue line says, if anything: paused, the time is up (manual), or the region is
    /// held.
    waiting: Option<Msg>,
    /// The part whose hold was said: going out of its tags and back holds it again, unsaid.
    held_said: Option<usize>,
}

struct Scanner {
    host: HtmlElement,
    build: Builder,
    lang: Lang,
    cfg: BodyScanConfig,
    scan: BodyScan,
    ui: Ui,
    live: Live,
    keeper: Keeper,
    shown: Shown,
    reduced_motion: bool,
    /// The summary follows a stop, not the end.
    stopped: bool,
    /// `attune:complete` was fired for this session.
    completed: bool,
    clock: Option<Ticking>,
    /// The screen kept awake while the scan runs: the visitor attends to the body, not the
    /// screen, and a phone would lock within the first part. Not while it waits for the
    /// visitor (a part's time up with `advance="manual"`, or held by a choice): a phone put
    /// down mid-scan then locks as it would.
    wake: WakeLock,
    pending: Vec<Pending>,
}

/// Unmounted, the scan stops with its frame loop and timer. The care footer (the mount's) is
/// its only contact.
impl Widget for Scanner {
    fn unmounting(&mut self) {
        // Removed mid-scan (the page moved on, an option changed): kept as if stopped.
        self.keep_noticed();
        fire_after(&self.host, core::mem::take(&mut self.pending));
        self.halt();
        self.clock = None;
    }
}

/// Whether `el` is one of the region's tags or strength buttons (or inside one).
fn on_tags(el: Option<Element>) -> bool {
    el.and_then(|t| action_at(&t))
        .is_some_and(|(a, _)| a == "tag" || a == "intensity")
}

fn record_widget(variant: ScanVariant) -> &'static str {
    match variant {
        ScanVariant::Full => "body-scan",
        ScanVariant::Palms => "palms",
        ScanVariant::Temperature => "temperature",
    }
}

/// Builds the scan in `ctx.base`, idle. Returns its view and the events to fire once placed.
pub fn mount(ctx: &Ctx<'_>, cfg: &BodyScanConfig) -> MountResult {
    let lang = ctx.lang();
    let b = ctx.build;
    let base = ctx.base;
    attrs(base, &[("data-variant", cfg.variant.id())]);
    let steps = cfg.variant.steps().len();

    let length = fill(
        text(lang, cfg.variant.step_words().0),
        &[
            ("n", &uint(steps as u64)),
            ("s", &uint(u64::from(cfg.seconds))),
        ],
    );
    let intro = ctx.head(
        "body-scan",
        cfg.variant.title(),
        Some((&length, "pattern")),
        cfg.variant.intro(),
    )?;

    // The step being rested on.
    let stage = b.el(base, "div", "stage-scan")?;
    attrs(&stage, &[("part", "stage")]);
    stage.set_hidden(true);
    let place = b.el(&stage, "div", "place")?;
    let mini = b.el(&place, "div", "here")?;
    attrs(&mini, &[("aria-hidden", "true")]);
    let here = draw_outline(b, &mini, "here-figure")?;
    let words = b.el(&place, "div", "place-words")?;
    let meta = b.text(&words, "p", "step-meta", "")?;
    let heading = b.text(&words, "h3", "step-title", "")?;
    attrs(
        &heading,
        &[("id", "step-title"), ("tabindex", "-1"), ("part", "step")],
    );
    let prompt = b.text(&words, "p", "prompt", "")?;
    attrs(&prompt, &[("part", "prompt")]);
    let rest = b.el(&stage, "div", "rest")?;
    attrs(&rest, &[("part", "progress"), ("aria-hidden", "true")]);
    b.el(&rest, "div", "fill")?;
    // Its room is kept while it says nothing (see the CSS): a line that came and went moved
    // the choices below it under a finger about to tap the next one.
    let cue = b.el(&stage, "p", "cue")?;

    let controls = b.el(base, "div", "controls")?;
    attrs(&controls, &[("part", "controls")]);
    let back = b.msg_button(&controls, "", lang, Msg::Back, "back")?;
    back.set_hidden(true);
    let toggle = b.msg_button(&controls, "primary", lang, Msg::Start, "toggle")?;
    attrs(&toggle, &[("part", "button primary")]);
    let next = b.msg_button(&controls, "", lang, Msg::Next, "next")?;
    next.set_hidden(true);
    let stop_row = b.el(base, "div", "stop-row")?;
    let stop = b.msg_button(&stop_row, "quiet", lang, Msg::Stop, "stop")?;
    stop.set_hidden(true);

    // What is there, if anything.
    let tags_box = b.el(base, "div", "tags-box")?;
    tags_box.set_hidden(true);
    let q = b.msg(&tags_box, "p", "question", lang, Msg::TagsQuestion)?;
    attrs(&q, &[("id", "tags-q")]);
    let row = b.el(&tags_box, "div", "tags")?;
    attrs(
        &row,
        &[
            ("role", "group"),
            ("aria-labelledby", "tags-q"),
            ("part", "tags"),
        ],
    );
    let mut tags = Vec::new();
    for s in Sensation::ALL {
        let class = if s == Sensation::Nothing {
            "tag tag-nothing"
        } else {
            "tag"
        };
        let t = b.button(&row, class, text(lang, s.name()), "tag")?;
        attrs(
            &t,
            &[
                ("data-value", s.id()),
                ("aria-pressed", "false"),
                ("part", "button tag"),
            ],
        );
        tags.push((s, t));
    }
    let intensity_box = b.el(&tags_box, "div", "intensity")?;
    intensity_box.set_hidden(true);
    let iq = b.msg(&intensity_box, "p", "question", lang, Msg::Intensity)?;
    attrs(&iq, &[("id", "intensity-q")]);
    let intensity = scale(
        b,
        &intensity_box,
        "intensity-q",
        text(lang, Msg::IntensityLow),
        text(lang, Msg::IntensityHigh),
        "intensity",
    )?;

    // The end: the outline and the optional question.
    let summary = b.el(base, "div", "summary")?;
    summary.set_hidden(true);
    let lead = b.text(&summary, "p", "lead", "")?;
    attrs(&lead, &[("tabindex", "-1")]);
    // Named by its heading, or by its one sentence when nothing was noticed (`show_summary`).
    let figure = b.el(&summary, "figure", "outline")?;
    let drawing = b.el(&figure, "div", "drawing")?;
    let outline = draw_outline(b, &drawing, "outline-figure")?;
    let caption = b.el(&figure, "figcaption", "caption")?;
    let ot = b.msg(&caption, "h3", "outline-title", lang, Msg::OutlineTitle)?;
    attrs(&ot, &[("id", "outline-title")]);
    let outline_text_el = b.text(&caption, "p", "outline-text", "")?;
    attrs(
        &outline_text_el,
        &[("part", "outline-text"), ("id", "outline-text")],
    );
    let details = b.el(&caption, "ul", "details")?;
    let SummaryEnd {
        rating,
        points,
        thanks,
        controls: end,
    } = summary_end(
        b,
        &summary,
        lang,
        cfg.rating.then_some((
            "rating-q",
            [Msg::RatingQuestion, Msg::RatingLow, Msg::RatingHigh],
        )),
    )?;
    let summary_back = b.msg_button(&end, "", lang, Msg::Back, "back")?;
    let again = b.msg_button(&end, "primary", lang, Msg::StartAgain, "again")?;

    let live = Live::new(b, base)?;
    let keeper = Keeper::open(ctx);
    storage_notice(ctx, keeper.vault())?;
    care_footer(ctx)?;

    let ui = Ui {
        intro,
        stage,
        meta,
        heading,
        prompt,
        rest,
        cue,
        here,
        toggle,
        back,
        next,
        stop,
        tags_box,
        tags,
        intensity_box,
        intensity,
        summary,
        lead,
        outline,
        figure,
        outline_text: outline_text_el,
        details,
        rating,
        points,
        thanks,
        summary_back,
        again,
    };
    let state = Rc::new(RefCell::new(Scanner {
        host: ctx.host.clone(),
        build: b.clone(),
        lang,
        cfg: cfg.clone(),
        scan: BodyScan::new(cfg.variant, cfg.seconds, cfg.advance),
        ui,
        live,
        keeper,
        shown: Shown {
            permille: -1,
            waiting: None,
            held_said: None,
        },
        reduced_motion: super::dom::reduced_motion(),
        stopped: false,
        completed: false,
        clock: None,
        wake: WakeLock::default(),
        pending: Vec::new(),
    }));
    let weak = Rc::downgrade(&state);
    {
        let clock = Ticking::new(&weak);
        let mut s = state.borrow_mut();
        s.clock = Some(clock);
        s.render_idle();
    }

    let on_click = on_actions(base, &weak, |s: &mut Scanner, action, el| match action {
        "toggle" => s.toggle(now()),
        "next" => s.step_by(now(), true),
        "back" => s.step_by(now(), false),
        "stop" => s.stop(),
        "tag" => s.tag(
            el.get_attribute("data-value")
                .as_deref()
                .and_then(Sensation::from_id),
        ),
        "intensity" => s.intensity(data_value(el)),
        "rate" => s.rate(data_value(el)),
        "rate-skip" => s.rate(None),
        "again" => s.start(now()),
        _ => {}
    });
    let on_key = listen(base, "keydown", &weak, |s: &mut Scanner, e| {
        let Some(k) = key(e) else {
            return;
        };
        if !matches!(s.scan.state(), ScanState::Running | ScanState::Paused) {
            return;
        }
        match k.as_str() {
            " " | "Spacebar" if !on_control(e) => {
                e.prevent_default();
                s.toggle(now());
            }
            "Escape" => {
                e.prevent_default();
                s.stop();
            }
            _ => {}
        }
    });
    // A keyboard or screen-reader visitor going through the tags or the strength is answering
    // this region as much as one who taps: time stops moving it on under them until Next. One
    // who goes on past them choosing nothing (Tab out of the widget) lets time go on again.
    let on_focus = listen(base, "focusin", &weak, |s: &mut Scanner, e| {
        if on_tags(target(e)) {
            s.hold();
        }
    });
    let on_leave = listen(base, "focusout", &weak, |s: &mut Scanner, e| {
        if on_tags(target(e)) && !on_tags(focus_to(e)) {
            s.scan.release(now());
        }
    });
    let mut listeners = vec![on_click, on_key, on_focus, on_leave];
    if let Some(doc) = ctx.host.owner_document() {
        listeners.push(listen(
            &doc,
            "visibilitychange",
            &weak,
            |s: &mut Scanner, _| {
                if page_hidden(&s.host) {
                    // The tab may be closing (storage writes it at once).
                    s.keep_noticed();
                } else if s.scan.state() == ScanState::Running && s.shown.waiting.is_none() {
                    // The browser let go of the lock while the tab was hidden.
                    s.wake.acquire();
                }
                s.update(now());
            },
        ));
    }
    let ready = Pending::new(
        "attune:ready",
        Detail::new(WIDGET)
            .text("version", crate::VERSION)
            .text("variant", cfg.variant.id())
            .num("seconds", f64::from(cfg.seconds)),
    );
    View::mounted(state, listeners, None, vec![ready])
}

impl Scanner {
    fn pause(&mut self, now: f64) {
        self.scan.pause(now);
        self.update(now);
        if self.scan.state() == ScanState::Paused {
            self.halt();
            self.live.say(text(self.lang, Msg::PausedWords));
            self.render_controls();
            reflect_state(&self.host, "paused", None);
        }
    }

    fn toggle(&mut self, now: f64) {
        match self.scan.state() {
            ScanState::Idle | ScanState::Done => self.start(now),
            ScanState::Running => self.pause(now),
            ScanState::Paused => {
                self.scan.resume(now);
                self.run();
                self.update(now);
                let part = self.part_of(self.scan.index());
                self.live.say(&self.step_words(&part, self.scan.step()));
            }
        }
    }

    fn start(&mut self, now: f64) {
        let had_focus = focus_inside(&self.host);
        self.scan.start(now);
        self.keeper.begin();
        self.stopped = false;
        self.completed = false;
        self.shown = Shown {
            permille: -1,
            waiting: None,
            held_said: None,
        };
        self.pending.push(Pending::new(
            "attune:start",
            Detail::new(WIDGET)
                .text("variant", self.cfg.variant.id())
                .text(
                    "advance",
                    if self.cfg.advance == Advance::Manual {
                        "manual"
                    } else {
                        "auto"
                    },
                )
                .num("steps", self.scan.steps().len() as f64)
                .num("seconds", f64::from(self.cfg.seconds)),
        ));
        show(&self.ui.summary, false);
        show(&self.ui.intro, false);
        show(&self.ui.stage, true);
        show(&self.ui.tags_box, true);
        press(&self.ui.points, None);
        self.run();
        self.update(now);
        move_focus(&self.host, had_focus, &self.ui.toggle);
        // Start is Pause now, its button kept, so the focus does not move the page: pushed down
        // by the region shown above it, it is brought back into view (below a short window).
        if had_focus {
            super::dom::to_view_keeping(&self.ui.toggle, &self.ui.stage);
        }
    }

    fn step_by(&mut self, now: f64, forward: bool) {
        let had_focus = focus_inside(&self.host);
        if self.scan.state() == ScanState::Done && !forward {
            self.scan.back(now);
            show(&self.ui.summary, false);
            show(&self.ui.stage, true);
            show(&self.ui.tags_box, true);
            self.run();
            self.update(now);
            move_focus(&self.host, had_focus, &self.ui.heading);
            return;
        }
        if forward {
            self.scan.next(now);
        } else {
            self.scan.back(now);
        }
        // A held region (or a manual one whose time was up) let the loops stop; the new region's
        // time runs again.
        if self.scan.state() == ScanState::Running {
            if let Some(c) = self.clock.as_mut() {
                c.start();
            }
        }
        self.update(now);
        // A control that went away takes the focus to the step's heading, not to the page.
        if focus_lost(&self.host, had_focus) && self.scan.state() != ScanState::Done {
            move_focus(&self.host, had_focus, &self.ui.heading);
        }
    }

    /// Whether anything was noticed in this scan: only then is a stopped scan kept.
    fn noticed(&self) -> bool {
        (0..self.scan.steps().len()).any(|i| self.scan.tags(i).is_some_and(|t| !t.is_empty()))
    }

    /// Keeps a scan under way that noticed something, as stopped before the end: as the
    /// widget is removed, and as the page is hidden (the tab may be closing; Stop or the end
    /// later updates the same record). One kept earlier is updated even with nothing noticed
    /// now: what was taken back goes from it.
    fn keep_noticed(&mut self) {
        if matches!(self.scan.state(), ScanState::Running | ScanState::Paused)
            && (self.noticed() || self.keeper.has_record())
        {
            self.keep(false);
        }
    }

    fn stop(&mut self) {
        let had_focus = focus_inside(&self.host);
        let anything = self.noticed();
        self.keep_noticed();
        self.scan.stop();
        self.halt();
        if anything {
            self.stopped = true;
            reflect_state(&self.host, "idle", None);
            self.show_summary(had_focus);
        } else {
            self.render_idle();
            self.live.say(text(self.lang, Msg::StoppedWords));
            move_focus(&self.host, had_focus, &self.ui.toggle);
        }
    }

    /// Starts the loops that look at the clock while the scan runs.
    fn run(&mut self) {
        self.wake.acquire();
        if let Some(c) = self.clock.as_mut() {
            c.start();
        }
        self.render_controls();
    }

    fn halt(&mut self) {
        self.wake.release();
        if let Some(c) = self.clock.as_mut() {
            c.stop();
        }
    }

    /// Looks at the clock and shows what the scan says. Returns whether to keep looking.
    fn update(&mut self, now: f64) -> bool {
        // A scan that `next` just took past its last step is done but not yet reported: tick.
        if self.scan.state() == ScanState::Idle
            || (self.scan.state() == ScanState::Done && self.completed_shown())
        {
            return false;
        }
        let f = self.scan.tick(now);
        if f.entered_region {
            self.enter(&f);
        }
        self.render_progress(&f);
        if f.state != ScanState::Done {
            reflect_state(&self.host, f.state.as_str(), None);
        }
        if f.just_finished {
            self.finish(&f);
            return false;
        }
        f.state == ScanState::Running && self.scan.next_deadline(now).is_some()
    }

    /// The end was shown: nothing more to look at until a new start or a step back.
    fn completed_shown(&self) -> bool {
        !self.ui.summary.hidden()
    }

    /// "Part 3 of 10" ("Step 2 of 4"): where step `index` is in the scan.
    fn part_of(&self, index: usize) -> String {
        fill(
            text(self.lang, self.cfg.variant.step_words().1),
            &[
                ("n", &uint(index as u64 + 1)),
                ("total", &uint(self.scan.steps().len() as u64)),
            ],
        )
    }

    /// What is said of a step: its `part`, its name and its invitation.
    fn step_words(&self, part: &str, step: ScanStep) -> String {
        [
            part,
            ". ",
            text(self.lang, step.name()),
            ". ",
            text(self.lang, step.prompt()),
        ]
        .cat()
    }

    /// A new step began: show it and say it, once.
    fn enter(&mut self, f: &ScanFrame) {
        let lang = self.lang;
        let part = self.part_of(f.index);
        set_text(&self.ui.meta, &part);
        set_text(&self.ui.heading, text(lang, f.step.name()));
        set_text(&self.ui.prompt, text(lang, f.step.prompt()));
        let area = f.step.area();
        for (r, g) in &self.ui.here {
            let on = *r == area;
            attrs(g, &[("data-current", if on { "true" } else { "false" })]);
        }
        self.shown.waiting = None;
        set_text(&self.ui.cue, "");
        self.render_tags();
        self.render_controls();
        self.live.say(&self.step_words(&part, f.step));
        self.pending.push(Pending::new(
            "attune:step",
            Detail::new(WIDGET)
                .text("variant", self.cfg.variant.id())
                .text("step", f.step.id())
                .num("index", f.index as f64)
                .num("total", self.scan.steps().len() as f64),
        ));
    }

    fn render_progress(&mut self, f: &ScanFrame) {
        let mut permille = num::round(f.progress * 1000.0) as i32;
        if self.reduced_motion && f.state != ScanState::Done {
            // Whole seconds only: a still cue that changes now and then, not a moving bar.
            let total = f64::from(self.cfg.seconds);
            let left = f64::from(f.seconds_left);
            permille = num::round(((total - left) / total) * 1000.0) as i32;
        }
        if permille != self.shown.permille {
            self.shown.permille = permille;
            set_var(&self.ui.rest, "--progress", &uint(permille.max(0) as u64));
        }
        // Held by a choice made, the part waits for Next; held only by the keyboard passing
        // through the choices, it goes on once the focus leaves them, so it promises nothing.
        let chosen = f.held && self.scan.tags(f.index).is_some_and(|t| !t.is_empty());
        // Paused: said on screen too, as the pacer does (the button's "Resume" alone was all a
        // sighted visitor saw of it).
        let waiting = if f.state == ScanState::Paused {
            Some(Msg::PausedWords)
        } else if chosen {
            Some(Msg::ScanHeld)
        } else if f.held {
            Some(Msg::ScanChoosing)
        } else if self.cfg.advance == Advance::Manual
            && f.state == ScanState::Running
            && f.seconds_left == 0
        {
            Some(Msg::MoveOnWhenReady)
        } else {
            None
        };
        self.wake
            .want(f.state == ScanState::Running && waiting.is_none());
        if waiting != self.shown.waiting {
            self.shown.waiting = waiting;
            set_text(&self.ui.cue, waiting.map_or("", |m| text(self.lang, m)));
            // Said, as shown: a screen reader going through the tags hears why the part no
            // longer moves on.
            if let Some(m @ (Msg::MoveOnWhenReady | Msg::ScanChoosing)) = waiting {
                self.live.say(text(self.lang, m));
            }
        }
        // The hold is said once a choice makes it last, once per part.
        if chosen && self.shown.held_said != Some(f.index) {
            self.shown.held_said = Some(f.index);
            self.live.say(text(self.lang, Msg::ScanHeld));
        }
    }

    fn render_controls(&self) {
        let state = self.scan.state();
        let live = matches!(state, ScanState::Running | ScanState::Paused);
        let label = match state {
            ScanState::Idle | ScanState::Done => Msg::Start,
            ScanState::Running => Msg::Pause,
            ScanState::Paused => Msg::Resume,
        };
        set_text(&self.ui.toggle, text(self.lang, label));
        show(
            &self.ui.toggle,
            state != ScanState::Done && !(state == ScanState::Idle && self.stopped),
        );
        // Back stays in its place on the first step, greyed out, so Pause and Next do not move
        // under a finger between the first step and the second.
        show(&self.ui.back, live);
        enable(&self.ui.back, self.scan.index() > 0);
        show(&self.ui.next, live);
        show(&self.ui.stop, live);
    }

    fn render_tags(&self) {
        let tags = self
            .scan
            .tags(self.scan.index())
            .copied()
            .unwrap_or_default();
        for (s, el) in &self.ui.tags {
            attrs(
                el,
                &[(
                    "aria-pressed",
                    if tags.contains(*s) { "true" } else { "false" },
                )],
            );
        }
        let some = tags.sensations().any(|s| s != Sensation::Nothing) || tags.intensity().is_some();
        show(&self.ui.intensity_box, some);
        press(&self.ui.intensity, tags.intensity().map(u32::from));
    }

    fn tag(&mut self, s: Option<Sensation>) {
        let Some(s) = s else { return };
        self.hold();
        // Choosing "nothing noticed" lets go of what was chosen here: said, since a screen
        // reader only hears the pressed button. Letting go of it in turn empties what was said,
        // no longer true.
        let before = self
            .scan
            .tags(self.scan.index())
            .copied()
            .unwrap_or_default();
        if self.scan.toggle_tag(s) {
            self.render_tags();
            if s == Sensation::Nothing && before.noticed_something() {
                self.live.say(text(self.lang, Msg::NothingClears));
            } else if before.contains(Sensation::Nothing) {
                self.live.clear();
            }
        }
    }

    /// The visitor is answering this region: time stops moving it on until Next, and the
    /// screen says so.
    fn hold(&mut self) {
        self.scan.hold(now());
    }

    /// Sets the intensity; choosing the chosen value again clears it.
    fn intensity(&mut self, value: Option<u32>) {
        let Some(v) = value else { return };
        let v = v.min(10) as u8;
        let current = self
            .scan
            .tags(self.scan.index())
            .and_then(|t| t.intensity());
        let next = if current == Some(v) { None } else { Some(v) };
        self.hold();
        if self.scan.set_intensity(next) {
            self.render_tags();
        }
    }

    fn finish(&mut self, f: &ScanFrame) {
        let had_focus = focus_inside(&self.host);
        self.halt();
        self.stopped = false;
        reflect_state(&self.host, "done", None);
        if !self.completed {
            self.completed = true;
            let per_step: Vec<u32> = (0..self.scan.steps().len())
                .map(|i| {
                    self.scan
                        .tags(i)
                        .map_or(0, |t| t.sensations().count() as u32)
                })
                .vec();
            self.pending.push(Pending::new(
                "attune:complete",
                Detail::new(WIDGET)
                    .text("variant", self.cfg.variant.id())
                    .num("steps", self.scan.steps().len() as f64)
                    .num("noticed", self.scan.noticed_regions().len() as f64)
                    .value("counts", &super::dom::numbers(&per_step))
                    .num("duration_ms", num::round(f.elapsed_ms))
                    .flag("completed", true),
            ));
        }
        self.keep(true);
        self.show_summary(had_focus);
    }

    /// The tags as the record keeps them: `region:sensation` (`palms-press:pressure` in the
    /// variants), and `region:intensity:N`.
    fn tag_ids(&self) -> Vec<String> {
        let mut out = Vec::new();
        for (i, step) in self.scan.steps().iter().enumerate() {
            let Some(t) = self.scan.tags(i) else { continue };
            for s in t.sensations() {
                out.push([step.id(), ":", s.id()].cat());
            }
            if let Some(v) = t.intensity() {
                out.push([step.id(), ":intensity:", &uint(u64::from(v))].cat());
            }
        }
        out
    }

    fn keep(&mut self, completed: bool) {
        let tags = self.tag_ids();
        let counts: Vec<u8> = (0..self.scan.steps().len())
            .map(|i| {
                self.scan
                    .tags(i)
                    .map_or(0, |t| t.sensations().count() as u8)
            })
            .vec();
        let entry = self
            .keeper
            .save(WIDGET, record_widget(self.cfg.variant), |r| {
                r.completed = r.completed || completed;
                r.tags = tags;
                r.counts = counts;
            });
        self.pending.extend(entry);
    }

    fn show_summary(&mut self, had_focus: bool) {
        let lang = self.lang;
        show(&self.ui.stage, false);
        show(&self.ui.tags_box, false);
        self.render_controls();
        let lead = text(
            lang,
            if self.stopped {
                Msg::ScanStopped
            } else {
                Msg::ScanDone
            },
        );
        set_text(&self.ui.lead, lead);
        let regions = self.scan.noticed_regions();
        for (r, g) in &self.ui.outline {
            attrs(
                g,
                &[(
                    "data-noticed",
                    if regions.contains(r) { "true" } else { "false" },
                )],
            );
        }
        // Nothing in particular noticed: the kind sentence alone, without "What you noticed"
        // over a blank body.
        let none = regions.is_empty();
        attrs(
            &self.ui.figure,
            &[
                ("data-noticed", if none { "false" } else { "true" }),
                (
                    "aria-labelledby",
                    if none {
                        "outline-text"
                    } else {
                        "outline-title"
                    },
                ),
            ],
        );
        let alt = outline_text(lang, &regions);
        set_text(&self.ui.outline_text, &alt);
        clear(&self.ui.details);
        for (i, step) in self.scan.steps().iter().enumerate() {
            let Some(t) = self.scan.tags(i) else { continue };
            if t.is_empty() {
                continue;
            }
            let Ok(li) = self.build.el(&self.ui.details, "li", "");
            let _ = self
                .build
                .text(&li, "span", "detail-name", text(lang, step.name()));
            let mut what: Vec<&str> = t.sensations().map(|s| text(lang, s.name())).vec();
            let strength;
            if let Some(v) = t.intensity() {
                // A 0 is "barely there", not a score of nothing: said in the scale's own words.
                strength = match v {
                    0 => text(lang, Msg::IntensityLow)
                        .trim_start_matches(|c: char| c.is_ascii_digit())
                        .trim_start()
                        .to_string(),
                    // In words: "6/10" is read "6 slash 10", or as a date.
                    _ => fill(text(lang, Msg::OutOfTen), &[("n", &uint(u64::from(v)))]),
                };
                what.push(&strength);
            }
            let _ = self.build.text(
                &li,
                "span",
                "detail-what",
                &what.joined(text(lang, Msg::ListSep)),
            );
        }
        show(&self.ui.details, self.ui.details.first_child().is_some());
        let ask = self.ui.rating.is_some() && !self.stopped;
        if let Some(r) = &self.ui.rating {
            show(r, ask);
        }
        show(&self.ui.thanks, !ask);
        show(&self.ui.summary_back, !self.stopped);
        show(&self.ui.summary, true);
        // The lead is heard once: from the focus, when it moves there, else said first.
        let moving = had_focus || focus_inside(&self.host);
        let mut words = if moving { alt } else { [lead, " ", &alt].cat() };
        if ask {
            words.push(' ');
            words.push_str(text(lang, Msg::RatingQuestion));
        }
        self.live.say(&words);
        move_focus(&self.host, moving, &self.ui.lead);
    }

    /// The visitor answered the end question (`None`: skipped). Nothing is scored.
    fn rate(&mut self, value: Option<u32>) {
        if self.scan.state() != ScanState::Done {
            return;
        }
        let had_focus = focus_inside(&self.host);
        press(&self.ui.points, value);
        if let Some(v) = value {
            let entry = self
                .keeper
                .save(WIDGET, record_widget(self.cfg.variant), |r| {
                    r.rating = Some(v.min(10) as u8)
                });
            self.pending.extend(entry);
        }
        if let Some(r) = &self.ui.rating {
            show(r, false);
        }
        show(&self.ui.thanks, true);
        self.live.say(text(self.lang, Msg::Thanks));
        move_focus(&self.host, had_focus, &self.ui.again);
    }

    fn render_idle(&mut self) {
        reflect_state(&self.host, "idle", None);
        self.stopped = false;
        show(&self.ui.intro, true);
        show(&self.ui.stage, false);
        show(&self.ui.tags_box, false);
        show(&self.ui.summary, false);
        set_var(&self.ui.rest, "--progress", "0");
        self.shown = Shown {
            permille: 0,
            waiting: None,
            held_said: None,
        };
        self.render_controls();
    }
}

/// One shape of the body outline, in a 160 × 300 box. `mirror` draws it a second time, flipped
/// across the middle (the other arm, leg or foot).
struct Shape {
    region: Region,
    tag: &'static str,
    attrs: &'static [(&'static str, &'static str)],
    mirror: bool,
}

/// A calm, simple figure, back to front: the back as a soft band behind the torso, then the
/// hands and arms, the feet and legs, the torso from the hips up, the neck and shoulders, the
/// head and the jaw.
const FIGURE: &[Shape] = &[
    Shape { region: Region::Back, tag: "rect", attrs: &[("x", "37"), ("y", "76"), ("width", "86"), ("height", "86"), ("rx", "26")], mirror: false },
    Shape { region: Region::Arms, tag: "ellipse", attrs: &[("cx", "33.2"), ("cy", "163"), ("rx", "6"), ("ry", "8.5")], mirror: true },
    Shape {
        region: Region::Arms,
        tag: "path",
        attrs: &[("d", "M47 69 C40 70 35.5 76 35 84 L28 150 C27.7 154 29.5 157 33 157 C36.5 157 38.2 154.5 38.5 151 L43 102 C43.5 96 44.5 91 46 88 Z")],
        mirror: true,
    },
    Shape { region: Region::Feet, tag: "ellipse", attrs: &[("cx", "60"), ("cy", "272.5"), ("rx", "11"), ("ry", "6")], mirror: true },
    Shape {
        region: Region::Legs,
        tag: "path",
        attrs: &[("d", "M44 184 L78.5 184 C78 212 75 240 70 266 C69.5 268.5 67.5 270 65 270 L59 270 C56.5 270 55 268.5 54.8 266 C52 240 45 214 44 186 Z")],
        mirror: true,
    },
    Shape {
        region: Region::Hips,
        tag: "path",
        attrs: &[("d", "M51 156 L109 156 C113 164 116 174 116 186 C110 195 95 200 80 200 C65 200 50 195 44 186 C44 174 47 164 51 156 Z")],
        mirror: false,
    },
    Shape {
        region: Region::Belly,
        tag: "path",
        attrs: &[("d", "M49 124 L111 124 C108 134 107 146 109 156 L51 156 C53 146 52 134 49 124 Z")],
        mirror: false,
    },
    Shape {
        region: Region::Chest,
        tag: "path",
        attrs: &[("d", "M44 84 L116 84 C116.5 98 114.5 112 111 124 L49 124 C45.5 112 43.5 98 44 84 Z")],
        mirror: false,
    },
    Shape {
        region: Region::Neck,
        tag: "path",
        attrs: &[(
            "d",
            "M73 46 L73 59 C67 63 57 64 51 68 C46 71 44 77 44 84 L116 84 C116 77 114 71 109 68 C103 64 93 63 87 59 L87 46 Z",
        )],
        mirror: false,
    },
    Shape { region: Region::Head, tag: "path", attrs: &[("d", "M64.4 38 A17 20 0 1 1 95.6 38 Q80 44 64.4 38 Z")], mirror: false },
    Shape { region: Region::Jaw, tag: "path", attrs: &[("d", "M64.4 38 Q80 44 95.6 38 A17 20 0 0 1 64.4 38 Z")], mirror: false },
];

/// Draws the body outline into `parent`: one `<g data-region=...>` per region, head to toe, so
/// the scan can light up where something was noticed (`data-noticed`) or where the scan is
/// (`data-current`). The drawing itself is hidden from screen readers; its words go beside it.
fn draw_outline(
    b: &Builder,
    parent: &HtmlElement,
    class: &str,
) -> DomResult<Vec<(Region, Element)>> {
    let svg = b.svg(
        parent,
        "svg",
        &[
            ("viewBox", "18 4 124 282"),
            ("class", class),
            ("aria-hidden", "true"),
            ("focusable", "false"),
            ("part", "outline"),
        ],
    );
    let mut groups: Vec<(Region, Element)> = Vec::new();
    for shape in FIGURE {
        let group = match groups.iter().find(|(r, _)| *r == shape.region) {
            Some((_, g)) => g.clone(),
            None => {
                let g = b.svg(
                    &svg,
                    "g",
                    &[
                        ("class", "region"),
                        ("data-region", shape.region.id()),
                        ("data-noticed", "false"),
                    ],
                );
                groups.push((shape.region, g.clone()));
                g
            }
        };
        b.svg(&group, shape.tag, shape.attrs);
        if shape.mirror {
            let twin = b.svg(&group, shape.tag, shape.attrs);
            attrs(&twin, &[("transform", "matrix(-1 0 0 1 160 0)")]);
        }
    }
    // Head to toe, as the scan goes.
    crate::core::num::sort_by(&mut groups, |a, b| a.0 < b.0);
    Ok(groups)
}

impl Queued for Scanner {
    fn host(&self) -> &HtmlElement {
        &self.host
    }

    fn queue(&mut self) -> &mut Vec<Pending> {
        &mut self.pending
    }
}

impl Timed for Scanner {
    fn update(&mut self, now: f64) -> bool {
        Scanner::update(self, now)
    }

    fn hold(&mut self) {
        if self.scan.state() == ScanState::Running {
            self.pause(now());
        }
    }
}
