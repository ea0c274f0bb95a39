//! What the grounding scan, the body scan and the check-in share: a polite live region, knowing
//! whether the visitor's focus is inside the widget, and keeping one session record.

use crate::prelude::*;

use alloc::rc::Rc;
use core::cell::Cell;
use web_sys::{HtmlElement, Node};

use super::clock::{local_day, random_u32, wall_ms};
use super::dom::{attrs, focus, Builder, DomResult};
use super::events::{Detail, Pending};
use super::kit::Ctx;
use super::storage::Vault;
use crate::core::records::{new_id, stamp, Kind, SessionRecord, MAX_LIST, MAX_TAGS};

/// How long said words stay in a [`Live`] region: long after any screen reader has taken them
/// (it reads its own copy, so taking them away cuts nothing short).
const SAID_MS: i32 = 7_000;

/// A visually hidden, polite live region. Each call says its words once; the same words twice
/// in a row are still read (a trailing no-break space alternates so each is a change). Words
/// said are taken away after [`SAID_MS`]: a screen reader reading down the widget later would
/// otherwise meet them again, out of date, after the screen they were said for.
#[derive(Debug)]
pub struct Live {
    el: HtmlElement,
    flip: bool,
    /// How many times the region has been given words or emptied: a timer takes words away
    /// only if nothing came since it was set (the same words said again, with the alternating
    /// space, are the same text as the time before last).
    said: Rc<Cell<u32>>,
}

impl Live {
    /// Appends the region to `parent`.
    pub fn new(b: &Builder, parent: &Node) -> DomResult<Live> {
        let el = b.el(parent, "div", "visually-hidden")?;
        attrs(&el, &[("aria-live", "polite"), ("aria-atomic", "true")]);
        Ok(Live {
            el,
            flip: false,
            said: Rc::default(),
        })
    }

    /// Says `words` politely; empty words empty the region (nothing to say, not a blank a
    /// screen reader might read).
    pub fn say(&mut self, words: &str) {
        if words.is_empty() {
            return self.clear();
        }
        self.flip = !self.flip;
        let t = if self.flip {
            [words, "\u{a0}"].cat()
        } else {
            words.to_string()
        };
        self.el.set_text_content(Some(&t));
        let (el, said) = (self.el.clone(), self.said.clone());
        let this = self.tick();
        super::clock::after(SAID_MS, move || {
            // Only if nothing newer was said meanwhile.
            if said.get() == this {
                el.set_text_content(None);
            }
        });
    }

    /// Counts one more change of the region's words, and gives the count.
    fn tick(&self) -> u32 {
        let n = self.said.get().wrapping_add(1);
        self.said.set(n);
        n
    }

    /// Empties the region without saying anything, where what it last said is no longer true
    /// (a screen reader reading the page would still find it there).
    pub fn clear(&mut self) {
        self.tick();
        self.el.set_text_content(None);
    }
}

/// Whether the focus is somewhere inside the widget on `host` (then moving it along with the
/// content is right; otherwise the visitor is elsewhere on the page and it stays there).
pub fn focus_inside(host: &HtmlElement) -> bool {
    host.shadow_root()
        .and_then(|r| r.active_element())
        .is_some()
}

/// Whether the focus was inside the widget and went with a control that is now hidden or
/// disabled (the browser drops it to the page once styles are worked out, or already has).
pub fn focus_lost(host: &HtmlElement, had_focus: bool) -> bool {
    had_focus
        && host
            .shadow_root()
            .and_then(|r| r.active_element())
            .is_none_or(|a| {
                a.has_attribute("disabled") || super::dom::closest(&a, "[hidden]").is_some()
            })
}

/// Focuses `el` if the focus was inside the widget.
pub fn move_focus(host: &HtmlElement, had_focus: bool, el: &HtmlElement) {
    if had_focus || focus_inside(host) {
        focus(el);
    }
}

/// One exercise's record: created when there is something to keep, then updated in place (the
/// same id) as the visitor answers more, so one session is one entry. Deleted meanwhile (by
/// "Delete everything" in another tab or widget), it is not saved again: the rest of that
/// session keeps nothing, since an update would carry the deleted answers back.
#[derive(Debug)]
pub struct Keeper {
    vault: Vault<SessionRecord>,
    current: Option<SessionRecord>,
    /// This session's record was deleted elsewhere: nothing more is kept until the next one.
    dropped: bool,
    /// When a timed exercise began ([`Keeper::begin`]): its record is of that moment and day,
    /// though first kept at its end (a pacer begun at 23:58 is that evening's practice).
    begun: Option<i64>,
}

impl Keeper {
    /// Opens the session records in the storage the site chose.
    pub fn open(ctx: &Ctx<'_>) -> Keeper {
        Keeper {
            vault: Vault::open(
                ctx.common.storage,
                &ctx.common.storage_key,
                Kind::Sessions,
                wall_ms(),
            ),
            current: None,
            dropped: false,
            begun: None,
        }
    }

    /// The session records, for the storage notice.
    pub fn vault(&self) -> &Vault<SessionRecord> {
        &self.vault
    }

    /// Whether a record is being kept for this session.
    pub fn has_record(&self) -> bool {
        self.current.is_some()
    }

    /// Creates (first time) or updates this session's record with `edit`, saves it, and returns
    /// the `attune:entry` event for the page (ids and numbers only), or `None` when the record
    /// was deleted meanwhile and so is not saved. `event_widget` names the widget in events;
    /// `record_widget` the exercise in the record (`palms` for a body-scan variant, for
    /// instance).
    pub fn save(
        &mut self,
        event_widget: &str,
        record_widget: &str,
        edit: impl FnOnce(&mut SessionRecord),
    ) -> Option<Pending> {
        if self.dropped {
            return None;
        }
        let before = self.current.clone();
        let mut record = self.record(record_widget);
        edit(&mut record);
        // Nothing new (the page hidden again mid-session): no write, and no `attune:entry`.
        if let Some(before) = before {
            let mut same = record.clone();
            same.updated_at = before.updated_at;
            if same == before {
                self.current = Some(before);
                return None;
            }
            return self.keep(event_widget, record, true);
        }
        self.keep(event_widget, record, false)
    }

    /// This session's record, restamped, or a new one: what [`Keeper::save`] edits. (Apart
    /// from the edit, so that `save` compiled for each caller's edit is only the call.)
    fn record(&mut self, record_widget: &str) -> SessionRecord {
        let at = wall_ms();
        match self.current.take() {
            Some(mut r) => {
                r.updated_at = stamp(at, r.updated_at);
                r
            }
            None => {
                let from = self.begun.unwrap_or(at);
                SessionRecord {
                    id: new_id(at, random_u32()),
                    widget: record_widget.to_string(),
                    at: from,
                    day: local_day(from),
                    updated_at: at,
                    completed: false,
                    rating: None,
                    counts: Vec::new(),
                    tags: Vec::new(),
                    point: None,
                    words: Vec::new(),
                }
            }
        }
    }

    /// Saves the edited `record` within the schema's limits and returns its `attune:entry`. An
    /// `update` (of a record saved before) is saved only over a live copy, read from storage
    /// first.
    fn keep(
        &mut self,
        event_widget: &str,
        mut record: SessionRecord,
        update: bool,
    ) -> Option<Pending> {
        // The schema's limits: a record beyond them would make the whole document unreadable.
        record.counts.truncate(MAX_LIST);
        record.tags.truncate(MAX_TAGS);
        record.words.truncate(MAX_LIST);
        record.rating = record.rating.map(|r| r.min(10));
        record.point = record.point.map(|p| p.min(10));
        let mut detail = Detail::new(event_widget)
            .text("id", &record.id)
            .text("kind", "session");
        if let Some(r) = record.rating {
            detail = detail.num("rating", f64::from(r));
        }
        if let Some(p) = record.point {
            detail = detail.num("point", f64::from(p));
        }
        // An exercise's record says whether it ran to its end, as `attune:complete` alone did:
        // a page's count of sessions stopped early needs it (a check-in has no end to reach).
        if record.widget != "check-in" {
            detail = detail.flag("completed", record.completed);
        }
        // The same record again (a rating after the end, a later answer in one check-in): a
        // page counting sessions by their events counts each once, as the tracker's edits.
        if update {
            detail = detail.flag("edited", true);
        }
        let item = record.clone();
        let mut gone = false;
        self.vault.change(wall_ms(), |doc| {
            gone = update && !doc.live(&item.id);
            if !gone {
                doc.upsert(item);
            }
        });
        self.dropped = gone;
        self.current = (!gone).then_some(record);
        (!gone).then(|| Pending::new("attune:entry", detail))
    }

    /// Whether this session's record was begun on an earlier day than today.
    pub fn from_earlier_day(&self) -> bool {
        self.current
            .as_ref()
            .is_some_and(|r| r.day != local_day(wall_ms()))
    }

    /// The next [`Keeper::save`] starts a new record (a new session).
    pub fn forget(&mut self) {
        self.current = None;
        self.dropped = false;
        self.begun = None;
    }

    /// A timed exercise begins now: as [`Keeper::forget`], and its record will be dated now.
    pub fn begin(&mut self) {
        self.forget();
        self.begun = Some(wall_ms());
    }
}
