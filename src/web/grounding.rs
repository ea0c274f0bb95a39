//! The screen of the 5-4-3-2-1 grounding scan: one sense at a time, a clear count of what has
//! been noticed, and a short summary at the end.
//!
//! The step machine is [`GroundingScan`]; this module only shows its state, turns clicks and key
//! presses into its events, announces each new step once, moves the focus along with the
//! content, and keeps the session's record. Typed words stay on the page and in the visitor's
//! own storage: events carry ids and counts only.

use crate::prelude::*;

use alloc::rc::Rc;
use core::cell::RefCell;
use wasm_bindgen::JsCast;
use web_sys::{HtmlElement, HtmlInputElement, KeyboardEvent};

use super::dom::{
    attrs, clear, focus, key, press, set_text, show, summary_end, target, Builder, SummaryEnd,
};
use super::events::{listen, Detail, Pending, Queued};
use super::kit::{
    care_footer, data_value, fire_after, on_actions, page_hidden, reflect_state, storage_notice,
    Ctx, MountResult, View, Widget,
};
use super::session::{focus_inside, focus_lost, move_focus, Keeper, Live};
use crate::core::grounding::{
    GroundingConfig, GroundingEvent, GroundingMode, GroundingScan, GroundingState, GroundingStep,
    Rating, StepAnswer, MAX_WORD_CHARS,
};
use crate::core::i18n::{fill, text, Lang, Msg};
use crate::core::num::uint;

const WIDGET: &str = "grounding";

struct Ui {
    intro: HtmlElement,
    step: HtmlElement,
    meta: HtmlElement,
    dots: Vec<HtmlElement>,
    heading: HtmlElement,
    prompt: HtmlElement,
    count: HtmlElement,
    pips: Vec<HtmlElement>,
    words: HtmlElement,
    input: Option<HtmlInputElement>,
    write: Option<HtmlElement>,
    notice: HtmlElement,
    undo: HtmlElement,
    back: HtmlElement,
    /// "Nothing right now": offered while nothing is noticed on the step (it would let go of
    /// what was).
    nothing: HtmlElement,
    onward: HtmlElement,
    summary: HtmlElement,
    summary_title: HtmlElement,
    summary_list: HtmlElement,
    rating: Option<HtmlElement>,
    points: Vec<HtmlElement>,
    thanks: HtmlElement,
    again: HtmlElement,
}

struct Grounding {
    host: HtmlElement,
    build: Builder,
    lang: Lang,
    cfg: GroundingConfig,
    scan: GroundingScan,
    ui: Ui,
    live: Live,
    keeper: Keeper,
    started: bool,
    pending: Vec<Pending>,
}

/// Nothing runs on its own, and the care footer (the mount's) is its only contact.
impl Widget for Grounding {
    /// Removed mid-way (the page moved on, an option changed): what was noticed is kept.
    fn unmounting(&mut self) {
        self.keep_left();
        fire_after(&self.host, core::mem::take(&mut self.pending));
    }
}

/// Builds the scan in `ctx.base`, on its first step. Returns its view and the events to fire
/// once placed.
pub fn mount(ctx: &Ctx<'_>, cfg: &GroundingConfig) -> MountResult {
    let lang = ctx.lang();
    let b = ctx.build;
    let base = ctx.base;
    let write = cfg.mode == GroundingMode::Write;
    let intro = ctx.head("grounding", Msg::GroundingTitle, None, Msg::GroundingIntro)?;

    // One step at a time.
    let step = b.el(base, "div", "step")?;
    attrs(&step, &[("part", "stage")]);
    let top = b.el(&step, "div", "step-top")?;
    // "Sense 2 of 5" is for screen readers; the dots show the way through, quietly.
    let meta = b.text(&top, "p", "step-meta visually-hidden", "")?;
    let dot_row = b.el(&top, "div", "dots")?;
    attrs(&dot_row, &[("aria-hidden", "true")]);
    let mut dots = Vec::new();
    for _ in GroundingStep::ALL {
        dots.push(b.el(&dot_row, "span", "dot")?);
    }
    let heading = b.text(&step, "h3", "step-title", "")?;
    attrs(
        &heading,
        &[("id", "step-title"), ("tabindex", "-1"), ("part", "step")],
    );
    let prompt = b.text(&step, "p", "prompt", "")?;
    attrs(&prompt, &[("id", "step-prompt"), ("part", "prompt")]);

    let tally = b.el(&step, "div", "tally")?;
    let pip_row = b.el(&tally, "div", "pips")?;
    attrs(&pip_row, &[("aria-hidden", "true")]);
    let mut pips = Vec::new();
    for _ in 0..GroundingStep::See.target() {
        pips.push(b.el(&pip_row, "span", "pip")?);
    }
    let count = b.text(&tally, "p", "tally-count", "")?;
    attrs(&count, &[("part", "count")]);

    let (input, write_box, notice) = if write {
        let wrap = b.el(&step, "div", "write")?;
        let label = b.msg(&wrap, "label", "word-label", lang, Msg::WordLabel)?;
        attrs(&label, &[("for", "word")]);
        let row = b.el(&wrap, "div", "write-row")?;
        let field = b.el(&row, "input", "word")?;
        let max = uint(MAX_WORD_CHARS as u64);
        attrs(
            &field,
            &[
                ("id", "word"),
                ("type", "text"),
                ("maxlength", &max),
                ("autocomplete", "off"),
                ("part", "input"),
                ("aria-describedby", "step-prompt"),
            ],
        );
        let add = b.msg_button(&row, "primary", lang, Msg::AddWord, "add")?;
        attrs(&add, &[("part", "button primary")]);
        (
            Some(field.unchecked_into::<HtmlInputElement>()),
            Some(wrap),
            add,
        )
    } else {
        let row = b.el(&step, "div", "notice-row")?;
        let add = b.msg_button(&row, "primary notice-btn", lang, Msg::Noticed, "notice")?;
        attrs(
            &add,
            &[
                ("part", "button primary"),
                ("aria-describedby", "step-prompt"),
                // Counted as quickly as the visitor likes (see `kit::on_actions`).
                ("data-repeat", ""),
            ],
        );
        (None, None, add)
    };
    let words = b.el(&step, "ul", "words")?;
    attrs(&words, &[("aria-label", text(lang, Msg::NoticedSoFar))]);
    words.set_hidden(true);
    let undo_row = b.el(&step, "div", "undo-row")?;
    let undo = b.msg_button(&undo_row, "quiet", lang, Msg::UndoLast, "undo")?;
    attrs(&undo, &[("data-repeat", "")]);

    let nav = b.el(&step, "div", "controls nav")?;
    attrs(&nav, &[("part", "controls")]);
    let back = b.msg_button(&nav, "", lang, Msg::Back, "back")?;
    let nothing = b.msg_button(&nav, "", lang, Msg::NothingRightNow, "nothing")?;
    let onward = b.msg_button(&nav, "", lang, Msg::Skip, "skip")?;

    // The summary.
    let summary = b.el(base, "div", "summary")?;
    summary.set_hidden(true);
    let summary_title = b.msg(&summary, "h3", "step-title", lang, Msg::SummaryTitle)?;
    attrs(
        &summary_title,
        &[
            ("id", "summary-title"),
            ("tabindex", "-1"),
            ("part", "step"),
        ],
    );
    b.put_msg(&summary, "p", "prompt", lang, Msg::GroundingSummary);
    let summary_list = b.el(&summary, "ul", "senses")?;
    attrs(&summary_list, &[("part", "summary")]);
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
            "present-q",
            [Msg::PresentQuestion, Msg::PresentLow, Msg::PresentHigh],
        )),
    )?;
    b.put_msg_button(&end, "", lang, Msg::Back, "back");
    let again = b.msg_button(&end, "primary", lang, Msg::StartAgain, "again")?;

    let live = Live::new(b, base)?;
    let keeper = Keeper::open(ctx);
    storage_notice(ctx, keeper.vault())?;
    care_footer(ctx)?;

    let ui = Ui {
        intro,
        step,
        meta,
        dots,
        heading,
        prompt,
        count,
        pips,
        words,
        input,
        write: write_box,
        notice,
        undo,
        back,
        nothing,
        onward,
        summary,
        summary_title,
        summary_list,
        rating,
        points,
        thanks,
        again,
    };
    let state = Rc::new(RefCell::new(Grounding {
        host: ctx.host.clone(),
        build: b.clone(),
        lang,
        cfg: cfg.clone(),
        scan: GroundingScan::new(),
        ui,
        live,
        keeper,
        started: false,
        pending: Vec::new(),
    }));
    {
        let mut g = state.borrow_mut();
        g.render();
        reflect_state(ctx.host, "idle", None);
    }

    let weak = Rc::downgrade(&state);
    let on_click = on_actions(base, &weak, |g: &mut Grounding, action, el| match action {
        "notice" => g.act(GroundingEvent::Noticed),
        "add" => g.add_word(),
        "undo" => g.act(GroundingEvent::Unnoticed),
        "nothing" => g.act(GroundingEvent::NothingRightNow),
        // Skip reads "Skip" only on a sense with nothing added yet: a first word typed there
        // and not added goes with it, as with Next.
        "skip" => g.onward(GroundingEvent::Skip),
        "next" => g.onward(GroundingEvent::Next),
        "back" => g.act(GroundingEvent::Back),
        "rate" => g.act(GroundingEvent::Rate(
            data_value(el).map(|v| v.min(10) as u8),
        )),
        "rate-skip" => g.act(GroundingEvent::Rate(None)),
        "again" => g.act(GroundingEvent::Restart),
        _ => {}
    });
    let on_key = listen(base, "keydown", &weak, |g: &mut Grounding, e| {
        let in_field = target(e).is_some_and(|t| t.tag_name() == "INPUT");
        if in_field
            && key(e).as_deref() == Some("Enter")
            && !e.unchecked_ref::<KeyboardEvent>().is_composing()
        {
            e.prevent_default();
            g.add_word();
        }
    });
    let ready = Pending::new(
        "attune:ready",
        Detail::new(WIDGET)
            .text("version", crate::VERSION)
            .text("mode", mode_id(cfg.mode)),
    );
    let mut listeners = vec![on_click, on_key];
    if let Some(doc) = ctx.host.owner_document() {
        listeners.push(listen(
            &doc,
            "visibilitychange",
            &weak,
            |g: &mut Grounding, _| {
                if page_hidden(&g.host) {
                    // The tab may be closing: what was noticed so far is kept (storage writes
                    // it at once).
                    g.keep_left();
                }
            },
        ));
    }
    View::mounted(state, listeners, None, vec![ready])
}

fn mode_id(mode: GroundingMode) -> &'static str {
    match mode {
        GroundingMode::Tap => "tap",
        GroundingMode::Write => "write",
    }
}

fn index_of(state: GroundingState) -> usize {
    match state {
        GroundingState::Step(s) => s.index(),
        GroundingState::Summary => GroundingStep::ALL.len(),
    }
}

impl Grounding {
    fn counts(&self) -> Vec<u32> {
        GroundingStep::ALL
            .iter()
            .map(|s| u32::from(self.scan.record(*s).count()))
            .vec()
    }

    /// How many were noticed, without the sense's number beside it: the number is only an
    /// invitation, and "2 of 5" would point at what is missing. Nothing noticed (yet, or all
    /// taken back) is no line at all: "0 noticed" would read as a score.
    fn count_words(&self, step: GroundingStep) -> String {
        match self.scan.record(step).count() {
            0 => String::new(),
            n => fill(
                text(self.lang, Msg::NoticedCount),
                &[("n", &uint(u64::from(n)))],
            ),
        }
    }

    fn sense_of(&self, step: GroundingStep) -> String {
        fill(
            text(self.lang, Msg::SenseOf),
            &[
                ("n", &uint(step.index() as u64 + 1)),
                ("total", &uint(GroundingStep::ALL.len() as u64)),
            ],
        )
    }

    /// On to the next sense (`Next`, or `Skip`): a word typed and not yet added is this sense's,
    /// as Add would take it; when it fills the sense, the scan has moved on by itself already.
    /// (Back, Nothing right now and Start again leave such a word behind: see [`Self::act`].)
    fn onward(&mut self, event: GroundingEvent) {
        let at = self.scan.state();
        if self
            .ui
            .input
            .as_ref()
            .is_some_and(|i| !i.value().trim().is_empty())
        {
            self.add_word();
        }
        if self.scan.state() == at {
            self.act(event);
        }
    }

    /// Reads the write box, hands its word to the scan and empties it.
    fn add_word(&mut self) {
        let Some(input) = self.ui.input.clone() else {
            return;
        };
        let word = input.value();
        if word.trim().is_empty() {
            focus(&input);
            return;
        }
        input.set_value("");
        self.act(GroundingEvent::Word(word));
    }

    /// Applies one of the visitor's actions and shows, says and fires what follows from it.
    fn act(&mut self, event: GroundingEvent) {
        let had_focus = focus_inside(&self.host);
        let restart = event == GroundingEvent::Restart;
        let left = self.scan.state();
        // The first step is reported as the visitor found it, when the scan starts, like every
        // step after it (and every step of the body scan).
        let first = (!self.started).then(|| self.step_event());
        let undo = matches!(event, GroundingEvent::Unnoticed);
        let out = self.scan.handle(event);
        if !out.changed {
            return;
        }
        // A word left in the write box belongs to the sense it was typed for: it must not join
        // the next sense's first word.
        if self.scan.state() != left {
            if let Some(input) = &self.ui.input {
                input.set_value("");
            }
        }
        if restart {
            self.started = false;
            self.keeper.forget();
            reflect_state(&self.host, "idle", None);
            self.render();
            let step = GroundingStep::See;
            let sense = self.sense_of(step);
            let words = [sense.as_str(), ". ", text(self.lang, step.prompt())].cat();
            self.live.say(&words);
            self.focus_step(had_focus);
            return;
        }
        if !self.started {
            self.started = true;
            self.pending.push(Pending::new(
                "attune:start",
                Detail::new(WIDGET).text("mode", mode_id(self.cfg.mode)),
            ));
            self.pending.extend(first);
        }
        let state = self.scan.state();
        reflect_state(
            &self.host,
            if state == GroundingState::Summary {
                "done"
            } else {
                "running"
            },
            None,
        );
        self.render();

        if out.step_changed {
            let mut words = String::new();
            // The count of the step left by itself, not before the summary: there it read as
            // a total for the whole scan.
            if let (true, GroundingState::Step(prev), GroundingState::Step(_)) =
                (out.advanced_by_itself, left, state)
            {
                words.push_str(&self.count_words(prev));
                words.push_str(". ");
            }
            match state {
                GroundingState::Step(step) => {
                    words.push_str(&self.sense_of(step));
                    words.push_str(". ");
                    words.push_str(text(self.lang, step.prompt()));
                }
                GroundingState::Summary => {
                    words.push_str(text(self.lang, Msg::GroundingSummary));
                    if self.ui.rating.as_ref().is_some_and(|r| !r.hidden()) {
                        words.push(' ');
                        words.push_str(text(self.lang, Msg::PresentQuestion));
                    }
                }
            }
            self.live.say(&words);
            let step = self.step_event();
            self.pending.push(step);
            if state == GroundingState::Summary {
                move_focus(&self.host, had_focus, &self.ui.summary_title);
            } else {
                self.focus_step(had_focus);
            }
        } else if let GroundingState::Step(step) = state {
            if !out.rated {
                // One taken back is said so (the visitor hears the button's work, not
                // silence), with the count left, if any.
                let count = self.count_words(step);
                if undo {
                    self.live.say(
                        [text(self.lang, Msg::TakenBack), " ", &count]
                            .cat()
                            .trim_end(),
                    );
                } else if count.is_empty() {
                    self.live.clear();
                } else {
                    self.live.say(&count);
                }
            }
            // The last one taken back hides "Take back": the focus goes where the next one is
            // noticed, not to the page.
            if focus_lost(&self.host, had_focus) {
                self.focus_step(true);
            }
        }

        if out.completed {
            let summary = self.scan.summary();
            let with =
                |a: StepAnswer| summary.steps.iter().filter(|s| s.answer == a).count() as f64;
            self.pending.push(Pending::new(
                "attune:complete",
                Detail::new(WIDGET)
                    .text("mode", mode_id(self.cfg.mode))
                    .value("counts", &super::dom::numbers(&self.counts()))
                    .num("noticed", f64::from(summary.total_noticed()))
                    .num("nothing", with(StepAnswer::NothingRightNow))
                    .num("skipped", with(StepAnswer::Skipped))
                    .flag("completed", true),
            ));
            self.keep();
        } else if out.step_changed && state == GroundingState::Summary && self.keeper.has_record() {
            // Back and forward again: the same session's record, with what changed.
            self.keep();
        }
        if out.rated {
            if self.scan.rating().value().is_some() {
                self.keep();
            }
            press(&self.ui.points, self.scan.rating().value().map(u32::from));
            self.live.say(text(self.lang, Msg::Thanks));
            move_focus(&self.host, had_focus, &self.ui.again);
        }
    }

    /// Keeps a scan left on a step after something was noticed, as stopped before the end (the
    /// step being answered counts as noticed); finishing it later updates the same record. One
    /// kept earlier is updated even with nothing noticed now: what was taken back goes from it.
    fn keep_left(&mut self) {
        if matches!(self.scan.state(), GroundingState::Step(_))
            && (self.scan.summary().total_noticed() > 0 || self.keeper.has_record())
        {
            self.keep_as(false);
        }
    }

    fn keep(&mut self) {
        self.keep_as(true);
    }

    /// Saves (or updates) this session's record: counts and answers per step, the words typed
    /// (kept only in the visitor's own storage), the rating.
    fn keep_as(&mut self, completed: bool) {
        let summary = self.scan.summary();
        let counts: Vec<u8> = summary.steps.iter().map(|s| s.count).vec();
        let tags: Vec<String> = summary
            .steps
            .iter()
            .map(|s| {
                let answer = match s.answer {
                    StepAnswer::Open if s.count > 0 => StepAnswer::Noticed,
                    a => a,
                };
                [s.step.id(), ":", answer.as_str()].cat()
            })
            .vec();
        let words: Vec<String> = GroundingStep::ALL
            .iter()
            .flat_map(|s| self.scan.record(*s).words().map(str::to_string).vec())
            .vec();
        let rating = self.scan.rating().value();
        let entry = self.keeper.save(WIDGET, WIDGET, |r| {
            // A scan finished, then left on a step it went back to, stays finished.
            r.completed = r.completed || completed;
            r.counts = counts;
            r.tags = tags;
            r.words = words;
            r.rating = rating;
        });
        self.pending.extend(entry);
    }

    /// The `attune:step` of the step shown now: which, and the counts so far.
    fn step_event(&self) -> Pending {
        let step = self.scan.state();
        let (current, target) = match step {
            GroundingState::Step(s) => (u32::from(self.scan.record(s).count()), s.target()),
            GroundingState::Summary => (self.scan.summary().total_noticed(), 15),
        };
        Pending::new(
            "attune:step",
            Detail::new(WIDGET)
                .text("step", step.id())
                .num("index", index_of(step) as f64)
                .num("count", f64::from(current))
                .num("target", f64::from(target))
                .value("counts", &super::dom::numbers(&self.counts())),
        )
    }

    /// Moves the focus to the step's first control (or its heading when the step is full).
    fn focus_step(&self, had_focus: bool) {
        let GroundingState::Step(step) = self.scan.state() else {
            return;
        };
        let full = self.scan.record(step).count() >= step.target();
        let target: HtmlElement = match (&self.ui.input, full) {
            (_, true) => self.ui.heading.clone(),
            (Some(input), false) => input.clone().into(),
            (None, false) => self.ui.notice.clone(),
        };
        move_focus(&self.host, had_focus, &target);
    }

    fn render(&mut self) {
        match self.scan.state() {
            GroundingState::Step(step) => {
                show(&self.ui.summary, false);
                show(&self.ui.step, true);
                self.render_step(step);
            }
            GroundingState::Summary => {
                show(&self.ui.step, false);
                show(&self.ui.summary, true);
                self.render_summary();
            }
        }
    }

    fn render_step(&mut self, step: GroundingStep) {
        let lang = self.lang;
        let record = self.scan.record(step);
        let count = record.count();
        let target = step.target();
        show(&self.ui.intro, step == GroundingStep::See);
        set_text(&self.ui.meta, &self.sense_of(step));
        for (i, dot) in self.ui.dots.iter().enumerate() {
            let state = match i.cmp(&step.index()) {
                core::cmp::Ordering::Less => "past",
                core::cmp::Ordering::Equal => "now",
                core::cmp::Ordering::Greater => "later",
            };
            attrs(dot, &[("data-at", state)]);
        }
        set_text(&self.ui.heading, text(lang, step.sense()));
        set_text(&self.ui.prompt, text(lang, step.prompt()));
        set_text(&self.ui.count, &self.count_words(step));
        for (i, pip) in self.ui.pips.iter().enumerate() {
            show(pip, i < usize::from(target));
            attrs(
                pip,
                &[(
                    "data-on",
                    if i < usize::from(count) {
                        "true"
                    } else {
                        "false"
                    },
                )],
            );
        }
        let full = count >= target;
        if let Some(w) = &self.ui.write {
            show(w, !full);
        } else {
            show(&self.ui.notice, !full);
        }
        clear(&self.ui.words);
        let mut any = false;
        for word in record.words() {
            any = true;
            let _ = self.build.text(&self.ui.words, "li", "chip", word);
        }
        show(&self.ui.words, any);
        show(&self.ui.undo, count > 0);
        show(&self.ui.back, step.previous().is_some());
        show(&self.ui.nothing, count == 0);
        let (label, action) = if count == 0 {
            (Msg::Skip, "skip")
        } else {
            (Msg::Next, "next")
        };
        set_text(&self.ui.onward, text(lang, label));
        attrs(&self.ui.onward, &[("data-action", action)]);
    }

    fn render_summary(&mut self) {
        let lang = self.lang;
        clear(&self.ui.summary_list);
        let summary = self.scan.summary();
        for s in summary.steps {
            let Ok(li) = self.build.el(&self.ui.summary_list, "li", "sense");
            let _ = self
                .build
                .text(&li, "span", "sense-name", text(lang, s.step.sense()));
            let answer = match (s.answer, s.count) {
                (StepAnswer::NothingRightNow, _) => text(lang, Msg::AnswerNothing).to_string(),
                (_, 0) => text(lang, Msg::AnswerSkipped).to_string(),
                (_, n) => fill(text(lang, Msg::NoticedN), &[("n", &uint(u64::from(n)))]),
            };
            let _ = self.build.text(&li, "span", "sense-answer", &answer);
            let record = self.scan.record(s.step);
            if record.words().next().is_some() {
                let Ok(ul) = self.build.el(&li, "ul", "words");
                for w in record.words() {
                    let _ = self.build.text(&ul, "li", "chip", w);
                }
            }
        }
        let answered = self.scan.rating() != Rating::NotAnswered;
        if let Some(r) = &self.ui.rating {
            show(r, !answered);
        }
        show(&self.ui.thanks, answered || self.ui.rating.is_none());
    }
}

impl Queued for Grounding {
    fn host(&self) -> &HtmlElement {
        &self.host
    }

    fn queue(&mut self) -> &mut Vec<Pending> {
        &mut self.pending
    }
}
