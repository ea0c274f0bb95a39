//! "Your records": the panel the record-keeping widgets share (micro-pleasure tracker, plan).
//!
//! It covers every kind kept under the widget's `storage-key` namespace, so the visitor has one
//! place to take their data away or remove it:
//!
//! - **Export (JSON)**: a [`Bundle`](crate::core::records::Bundle) of the pleasure entries, the
//!   plans and the other widgets' sessions, downloaded from a `Blob`.
//! - **Export (CSV)**: the pleasure entries, for a spreadsheet (the tracker only).
//! - **Import (JSON)**: a bundle or one kind's document, merged by id, all or nothing, with
//!   "N added, M already here" (and how many it updated) or the plain reason nothing changed.
//! - **Delete everything**, after a confirm step with Cancel: every kind, and the values kept
//!   aside.
//! - **Export the kept data**: values that could not be read, exactly as they were stored.
//! - **Print a summary**: opens the summary widget inside the panel, on the same records, to
//!   print or save as a PDF for a session.
//!
//! Nothing here reads or writes the page: only the widget's own shadow root and the storage.

use crate::prelude::*;

use alloc::rc::{Rc, Weak};
use core::cell::RefCell;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{BlobPropertyBag, HtmlAnchorElement, HtmlElement, HtmlInputElement, Node};

use super::clock::{local_day, next_task, wall_ms};
use super::dom::{attrs, clear, find, focus, set_text, show, Builder, DomResult};
use super::events::{later, listen, settle, with_state, Listener, Queued};
use super::kit::{nested_options, Ctx, Nested, Opener};
use super::storage::{announce, encode, locked, Notice, Store, Vault, CHANGED};
use crate::core::bundle::{bundle_json, import_file, Bundle, FileKind, Incoming, Records};
use crate::core::i18n::{fill, text, Lang, Msg};
use crate::core::json::{self, push_string, FromJson};
use crate::core::num::uint;
use crate::core::options::{Common, RawOptions, StorageKind};
use crate::core::plan::PlanItem;
use crate::core::pleasure::PleasureEntry;
use crate::core::records::{
    aside_prefix, union, Envelope, Header, ImportError, ImportReport, Kind, SessionRecord,
    MAX_IMPORT_BYTES,
};

/// The three record kinds of one namespace. The widget's own kind is opened at mount; the
/// others only when an export, import or delete needs them.
#[derive(Debug)]
pub struct Vaults {
    storage: StorageKind,
    namespace: String,
    pleasure: Option<Vault<PleasureEntry>>,
    plan: Option<Vault<PlanItem>>,
    sessions: Option<Vault<SessionRecord>>,
    /// Tells this widget's own change events apart from other widgets'.
    token: String,
}

/// What an export left out, so the panel can say so.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Exported {
    /// Everything stored in the namespace is in the file.
    Whole,
    /// Something stored could not be read (damaged, or a newer version's); it is not in the
    /// file, and "Export the kept data" saves it as it is.
    Partial,
}

impl Vaults {
    /// The namespace's vaults, with `own` opened now.
    pub fn new(common: &Common, own: Kind) -> Vaults {
        let mut v = Vaults {
            storage: common.storage,
            namespace: common.storage_key.clone(),
            pleasure: None,
            plan: None,
            sessions: None,
            token: uint(u64::from(super::clock::random_u32())),
        };
        match own {
            Kind::Pleasure => drop(v.pleasure()),
            Kind::Plan => drop(v.plan()),
            Kind::Sessions => drop(v.sessions()),
        }
        v
    }

    /// The micro-pleasure entries.
    pub fn pleasure(&mut self) -> &Vault<PleasureEntry> {
        let (s, ns, token) = (self.storage, &self.namespace, &self.token);
        self.pleasure
            .get_or_insert_with(|| signed(Vault::open(s, ns, Kind::Pleasure, wall_ms()), token))
    }

    /// The plans.
    pub fn plan(&mut self) -> &Vault<PlanItem> {
        let (s, ns, token) = (self.storage, &self.namespace, &self.token);
        self.plan
            .get_or_insert_with(|| signed(Vault::open(s, ns, Kind::Plan, wall_ms()), token))
    }

    /// The other widgets' sessions.
    pub fn sessions(&mut self) -> &Vault<SessionRecord> {
        let (s, ns, token) = (self.storage, &self.namespace, &self.token);
        self.sessions
            .get_or_insert_with(|| signed(Vault::open(s, ns, Kind::Sessions, wall_ms()), token))
    }

    /// All three, opened (handles on the same vaults, to read them side by side).
    pub fn all(&mut self) -> (Vault<PleasureEntry>, Vault<PlanItem>, Vault<SessionRecord>) {
        (
            self.pleasure().clone(),
            self.plan().clone(),
            self.sessions().clone(),
        )
    }

    /// The storage itself, through whichever vault is open (all share one).
    fn store(&mut self) -> Rc<dyn Store> {
        if let Some(v) = &self.pleasure {
            return v.store();
        }
        self.plan().store()
    }

    /// Whether the records outlast the tab: `storage="local"`, the default.
    pub fn lasting(&self) -> bool {
        self.storage == StorageKind::Local
    }

    /// Whether nothing will outlive the page because the site chose `storage="none"`.
    pub fn chosen_off(&self) -> bool {
        self.storage == StorageKind::None
    }

    /// Merges in another tab's writes to any open vault whose key is `key` (`None`: the
    /// storage was cleared, so all). Returns whether anything changed.
    pub fn reload(&mut self, key: Option<&str>, now: i64) -> bool {
        let hit = |k: String| key.is_none_or(|key| key == k);
        let mut changed = false;
        if let Some(v) = self.pleasure.as_ref().filter(|v| hit(v.key())) {
            changed |= v.reload(now);
        }
        if let Some(v) = self.plan.as_ref().filter(|v| hit(v.key())) {
            changed |= v.reload(now);
        }
        if let Some(v) = self.sessions.as_ref().filter(|v| hit(v.key())) {
            changed |= v.reload(now);
        }
        changed
    }

    /// Every kind as one export file: everything stored in the namespace that can be read,
    /// read afresh, with whatever this tab holds that could not be stored yet, and the
    /// namespace's records in the browser's other storages (a site can keep some widgets in
    /// `session` and others in `local`): "Delete everything" deletes those too, so the export
    /// offered before it must hold them.
    pub fn export_json(&mut self, now: i64) -> (String, Exported) {
        let (p, plan, s) = self.all();
        p.reload(now);
        plan.reload(now);
        s.reload(now);
        let mut whole = !(p.unreadable() || plan.unreadable() || s.unreadable());
        let mut docs = (
            p.document().clone(),
            plan.document().clone(),
            s.document().clone(),
        );
        let (others, readable) = self.others();
        whole &= readable;
        for mut other in others {
            let (op, oplan, os) = other.all();
            whole &= !(op.unreadable() || oplan.unreadable() || os.unreadable());
            docs.0 = union(&docs.0, &op.document());
            docs.1 = union(&docs.1, &oplan.document());
            docs.2 = union(&docs.2, &os.document());
        }
        // The file is at the latest of its documents' versions (see `SCHEMA_VERSION`).
        let version = docs.0.written_version();
        let file = bundle_json(
            now,
            version
                .max(docs.1.written_version())
                .max(docs.2.written_version()),
            &encode(&docs.0),
            &encode(&docs.1),
            &encode(&docs.2),
        );
        let exported = if whole {
            Exported::Whole
        } else {
            Exported::Partial
        };
        (file, exported)
    }

    /// The namespace's vaults in the browser's other storages that hold any of its records,
    /// and whether every other storage could be looked at.
    fn others(&self) -> (Vec<Vaults>, bool) {
        let mut readable = true;
        let mut others = Vec::new();
        for storage in [StorageKind::Local, StorageKind::Session, StorageKind::None] {
            if storage == self.storage {
                continue;
            }
            match super::storage::holds(storage, &self.namespace) {
                Ok(true) => others.push(Vaults::bare(storage, &self.namespace)),
                Ok(false) => {}
                Err(_) => readable = false,
            }
        }
        (others, readable)
    }

    /// A namespace's vaults in a storage, none opened yet, its writes unsigned.
    fn bare(storage: StorageKind, namespace: &str) -> Vaults {
        Vaults {
            storage,
            namespace: namespace.to_string(),
            pleasure: None,
            plan: None,
            sessions: None,
            token: String::new(),
        }
    }

    /// Adds an export file (a bundle or one kind's document), all or nothing, under the
    /// namespace's lock: the result is stored first, and only a stored result counts. `done`
    /// hears what happened: at once for a file that is not JSON, a task later for one whose
    /// records can't be read, else when the lock is held.
    pub fn import_text(
        &mut self,
        text: &str,
        now: i64,
        done: impl FnOnce(Result<ImportReport, ImportError>) + 'static,
    ) {
        // Three tasks, none of them long for the page: the JSON is read here, its records in
        // the next task (each about half of reading a 6.6 MB file), then they are merged and
        // stored under the lock.
        let value = match parse(text) {
            Ok(value) => value,
            Err(e) => return done(Err(e)),
        };
        let (p, plan, s) = self.all();
        let store = self.store();
        let announce = self.announcer();
        let namespace = self.namespace.clone();
        next_task(move || {
            let incoming = match decode(&value) {
                Ok(incoming) => incoming,
                Err(e) => return done(Err(e)),
            };
            drop(value);
            locked(store.as_ref(), &namespace, move || {
                p.reload(now);
                plan.reload(now);
                s.reload(now);
                let current = Records {
                    pleasure: p.document().clone(),
                    plan: plan.document().clone(),
                    sessions: s.document().clone(),
                };
                let result = import_file(&current, incoming, local_day(now), now).and_then(
                    |(next, report)| {
                        // Each changed kind is written; if one write fails, those already written
                        // are put back, so nothing changed at all.
                        let mut undo: Vec<Box<dyn FnOnce()>> = Vec::new();
                        let mut ok = true;
                        if ok && next.pleasure != current.pleasure {
                            ok = keep(&p, next.pleasure, &mut undo);
                        }
                        if ok && next.plan != current.plan {
                            ok = keep(&plan, next.plan, &mut undo);
                        }
                        if ok && next.sessions != current.sessions {
                            ok = keep(&s, next.sessions, &mut undo);
                        }
                        if ok {
                            Ok(report)
                        } else {
                            for f in undo.into_iter().rev() {
                                f();
                            }
                            // A kind kept for a newer Attune refuses every write.
                            let held = [p.notice(), plan.notice(), s.notice()]
                                .contains(&Some(Notice::Newer));
                            Err(if held {
                                ImportError::Held
                            } else {
                                ImportError::NotStored
                            })
                        }
                    },
                );
                let changed = result.as_ref().is_ok_and(|r| r.added + r.updated > 0);
                done(result);
                if changed {
                    announce();
                }
            });
        });
    }

    /// Deletes every record of every kind in the namespace, and the values kept aside, then
    /// reads storage back: `done(true)` only if nothing of ours is left there. Memory is
    /// emptied at once; storage under the namespace's lock. The namespace's records in the
    /// browser's other storage go too (a site can keep some widgets in `session` and others in
    /// `local`): the visitor asked for everything, and is told it is gone. The caller, which
    /// may delete several namespaces for one click, calls [`super::storage::ended`] once the
    /// last is done (each one's notes of what is saved after the click last until then).
    pub fn delete_all(&mut self, now: i64, done: Box<dyn FnOnce(bool)>) {
        let (p, plan, s) = self.all();
        p.forget(now);
        plan.forget(now);
        s.forget(now);
        let own = self.storage;
        let ns = self.namespace.clone();
        let announce = self.announcer();
        // The page's memory too: widgets with `storage="none"` keep their records there.
        let all = [StorageKind::Local, StorageKind::Session, StorageKind::None];
        // What the visitor saves on this page after the click, while a wipe waits for a lock,
        // in any of them, stays.
        // The widgets of another storage show its records gone at once too: it is emptied in
        // memory here, where it holds any (kept until the end, for those widgets to read).
        let mut emptied = Vec::new();
        for k in all {
            super::storage::pend(k, &ns, now);
            let held = || super::storage::holds(k, &ns).unwrap_or(false);
            if k != own && (held() || super::storage::unwritten(k, &ns)) {
                let three = Vaults::bare(k, &ns).all();
                three.0.forget(now);
                three.1.forget(now);
                three.2.forget(now);
                emptied.push(three);
            }
        }
        let others = all.into_iter().filter(|k| *k != own).vec();
        let tell = self.announcer();
        wipe_in(
            self.store(),
            ns,
            (p, plan, s),
            now,
            others,
            Box::new(move |gone| {
                drop(emptied);
                done(gone);
                announce();
            }),
        );
        // The page's other widgets show the records gone at once too, not at the end of a wait
        // for the lock, in which they offered them to be changed (told after the wipe asked for
        // the lock, so it goes before the writes this may start).
        tell();
    }

    /// The values kept aside under this namespace (any kind), and data held for a newer
    /// version, raw, as one JSON file; `None` if there are none.
    pub fn kept_aside_json(&mut self, now: i64) -> Option<String> {
        let items = self.kept();
        if items.is_empty() {
            return None;
        }
        let mut out = String::from("{\"app\":\"attune\",\"kind\":\"kept-aside\",\"exported_at\":");
        out.push_str(&uint(now.max(0).unsigned_abs()));
        out.push_str(",\"items\":[");
        for (i, (key, value)) in items.iter().enumerate() {
            if i > 0 {
                out.push(',');
            }
            out.push_str("{\"key\":");
            push_string(&mut out, key);
            out.push_str(",\"value\":");
            push_string(&mut out, value);
            out.push('}');
        }
        out.push_str("]}");
        Some(out)
    }

    /// What is kept aside or held, here and in the browser's other storages: the export said
    /// "Export the kept data" saves it, wherever it is, and "Delete everything" deletes it.
    fn kept(&mut self) -> Vec<(String, String)> {
        let mut items = self.kept_here();
        for mut other in self.others().0 {
            items.extend(other.kept_here());
        }
        items
    }

    fn kept_here(&mut self) -> Vec<(String, String)> {
        let ns = self.namespace.clone();
        let (p, plan, s) = self.all();
        let store = self.store();
        let mut items: Vec<(String, String)> = [p.held(), plan.held(), s.held()]
            .into_iter()
            .flatten()
            .vec();
        for kind in Kind::ALL {
            for key in store.keys(&aside_prefix(&ns, kind)) {
                if let Ok(Some(value)) = store.get(&key) {
                    items.push((key, value));
                }
            }
        }
        items
    }

    /// Whether anything is kept aside, or held for a newer version, under this namespace.
    pub fn has_kept_aside(&mut self) -> bool {
        !self.kept().is_empty()
    }

    /// Tells every widget of the namespace, this one too, that its records changed (after a
    /// write that waited for the lock, when this widget is no longer in the middle of acting).
    fn announcer(&self) -> impl Fn() + 'static {
        let ns = self.namespace.clone();
        move || announce(&ns, "")
    }

    /// Whether a change event came from another widget of this namespace.
    fn concerns(&self, event: &web_sys::Event) -> bool {
        let Some(e) = event.dyn_ref::<web_sys::CustomEvent>() else {
            return false;
        };
        let detail = e.detail().as_string().unwrap_or_default();
        let (ns, token) = detail.split_once('\n').unwrap_or(("", ""));
        ns == self.namespace && token != self.token
    }
}

/// The three vaults of one namespace in one storage.
type Three = (Vault<PleasureEntry>, Vault<PlanItem>, Vault<SessionRecord>);

/// [`Vaults::delete_all`] in one storage, under its lock, then in each of `rest` that holds
/// something of the namespace (the others are not touched); `done` hears whether everything
/// read back empty.
fn wipe_in(
    store: Rc<dyn Store>,
    ns: String,
    (p, plan, s): Three,
    now: i64,
    mut rest: Vec<StorageKind>,
    done: Box<dyn FnOnce(bool)>,
) {
    let lock_store = store.clone();
    locked(lock_store.as_ref(), &ns.clone(), move || {
        p.wipe(now);
        plan.wipe(now);
        s.wipe(now);
        let aside = |store: &dyn Store| {
            Kind::ALL
                .iter()
                .flat_map(|k| store.keys(&aside_prefix(&ns, *k)))
                .vec()
        };
        for key in aside(store.as_ref()) {
            let _ = store.remove(&key);
        }
        let mut gone = p.verify_empty()
            && plan.verify_empty()
            && s.verify_empty()
            && aside(store.as_ref()).is_empty();
        // A storage that can't be read now may still hold records: not said to be deleted.
        rest.keep_only(|k| {
            let holds = super::storage::holds(*k, &ns);
            gone &= holds.is_ok();
            holds.unwrap_or(false) || super::storage::unwritten(*k, &ns)
        });
        match rest.pop() {
            Some(storage) => {
                let mut other = Vaults::bare(storage, &ns);
                let three = other.all();
                let store = other.store();
                let rest_done = Box::new(move |rest_gone| done(gone && rest_gone));
                wipe_in(store, other.namespace, three, now, rest, rest_done);
            }
            None => done(gone),
        }
    });
}

/// `vault`, its writes signed as this widget's (see [`Vault::sign`]).
fn signed<T>(vault: Vault<T>, token: &str) -> Vault<T> {
    vault.sign(token);
    vault
}

/// Stores `doc` as `vault`'s document; on success, remembers how to put the old one back.
fn keep<T>(vault: &Vault<T>, doc: Envelope<T>, undo: &mut Vec<Box<dyn FnOnce()>>) -> bool
where
    T: crate::core::records::Record + 'static,
{
    match vault.replace(doc) {
        Ok(replaced) => {
            let v = vault.clone();
            undo.push(Box::new(move || v.restore(replaced)));
            true
        }
        Err(_) => false,
    }
}

/// A day as the visitor's browser writes it in their language: "Mon, November 23".
pub fn date_label(lang: Lang, day: crate::core::days::LocalDay) -> String {
    crate::core::i18n::date(lang, day)
}

/// Reads an import file's text as JSON.
fn parse(text: &str) -> Result<json::Value, ImportError> {
    if text.len() as u64 > MAX_IMPORT_BYTES {
        return Err(ImportError::TooLarge);
    }
    json::parse(text).map_err(|_| ImportError::Damaged)
}

/// Reads an import file's records out of its JSON: a bundle or one kind's document.
fn decode(value: &json::Value) -> Result<Incoming, ImportError> {
    if !matches!(value, json::Value::Obj(_)) {
        return Err(ImportError::NotOurs);
    }
    let header = Header::from_json(value).map_err(|_| ImportError::NotOurs)?;
    let damaged = |_| ImportError::Damaged;
    Ok(match header.file_kind()? {
        // Section by section, with the same readers as the stored documents (no separate
        // reader for the bundle's own shape in the wasm).
        FileKind::Bundle => {
            let mut bundle = Bundle {
                app: header.app.clone(),
                kind: header.kind.clone(),
                version: header.version,
                exported_at: 0,
                pleasure: None,
                plan: None,
                sessions: None,
            };
            if let Some(v) = value.get("pleasure") {
                bundle.pleasure = Some(FromJson::from_json(v).map_err(damaged)?);
            }
            if let Some(v) = value.get("plan") {
                bundle.plan = Some(FromJson::from_json(v).map_err(damaged)?);
            }
            if let Some(v) = value.get("sessions") {
                bundle.sessions = Some(FromJson::from_json(v).map_err(damaged)?);
            }
            Incoming::Bundle(bundle)
        }
        FileKind::One(Kind::Pleasure) => {
            Incoming::Pleasure(FromJson::from_json(value).map_err(damaged)?)
        }
        FileKind::One(Kind::Plan) => Incoming::Plan(FromJson::from_json(value).map_err(damaged)?),
        FileKind::One(Kind::Sessions) => {
            Incoming::Sessions(FromJson::from_json(value).map_err(damaged)?)
        }
    })
}

/// The panel's elements.
pub struct DataUi {
    lang: Lang,
    /// The panel itself (a `<details>`, closed until the visitor opens it).
    details: HtmlElement,
    /// Where "imported", "deleted" and import problems are said (`role="status"`).
    pub status: HtmlElement,
    delete: HtmlElement,
    confirm: HtmlElement,
    cancel: HtmlElement,
    kept: HtmlElement,
    /// The hidden file input behind the Import button.
    pub input: HtmlInputElement,
    stays: HtmlElement,
    /// "Print a summary", where the summary opens, and how to open it.
    print: HtmlElement,
    slot: HtmlElement,
    open: Opener,
    options: Vec<(String, String)>,
    summary: Option<Box<dyn Nested>>,
}

impl core::fmt::Debug for DataUi {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.debug_struct("DataUi").finish_non_exhaustive()
    }
}

/// The summary opened in the panel goes with the widget.
impl Drop for DataUi {
    fn drop(&mut self) {
        if let Some(s) = self.summary.take() {
            s.unmount();
        }
    }
}

/// Builds the panel in `parent`: a `<details>` so it stays out of the way until wanted. `csv`
/// adds the spreadsheet export of the pleasure entries. `ctx` gives the widget's options, passed
/// on to the summary the panel can open, and the mount layer's way of opening it.
pub fn build(ctx: &Ctx<'_>, parent: &Node, csv: bool) -> DomResult<DataUi> {
    let b = ctx.build;
    let lang = ctx.lang();
    let details = b.el(parent, "details", "data")?;
    attrs(&details, &[("part", "data")]);
    b.put_msg(&details, "summary", "", lang, Msg::DataTitle);
    let stays = b.msg(&details, "p", "stays", lang, Msg::StaysHere)?;
    let row = b.el(&details, "div", "data-actions")?;
    b.put_msg_button(&row, "", lang, Msg::ExportJson, "export-json");
    if csv {
        b.put_msg_button(&row, "", lang, Msg::ExportCsv, "export-csv");
    }
    b.put_msg_button(&row, "", lang, Msg::ImportJson, "import");
    let input: HtmlInputElement = b.el(&row, "input", "")?.unchecked_into();
    attrs(
        &input,
        &[
            ("type", "file"),
            ("accept", ".json,application/json"),
            ("aria-label", text(lang, Msg::ImportJson)),
            ("tabindex", "-1"),
        ],
    );
    input.set_hidden(true);
    let kept = b.msg_button(&row, "", lang, Msg::ExportKept, "export-kept")?;
    kept.set_hidden(true);
    let print = b.msg_button(&row, "", lang, Msg::DataSummary, "summary")?;
    attrs(&print, &[("aria-expanded", "false")]);
    let delete = b.msg_button(&row, "quiet", lang, Msg::DeleteAll, "delete")?;
    let confirm = b.el(&details, "div", "confirm")?;
    attrs(
        &confirm,
        &[("role", "group"), ("aria-labelledby", "delete-q")],
    );
    let q = b.msg(&confirm, "p", "", lang, Msg::DeleteConfirm)?;
    attrs(&q, &[("id", "delete-q")]);
    let buttons = b.el(&confirm, "div", "confirm-actions")?;
    b.put_msg_button(&buttons, "danger", lang, Msg::DeleteYes, "delete-yes");
    let cancel = b.msg_button(&buttons, "", lang, Msg::Cancel, "delete-cancel")?;
    attrs(&cancel, &[("data-escape", "")]);
    confirm.set_hidden(true);
    let status = b.el(&details, "p", "data-status")?;
    attrs(&status, &[("role", "status")]);
    let slot = b.el(&details, "div", "summary-slot")?;
    Ok(DataUi {
        lang,
        status,
        delete,
        confirm,
        cancel,
        kept,
        input,
        stays,
        print,
        slot,
        details,
        open: ctx.open,
        options: nested_options(ctx.common),
        summary: None,
    })
}

impl DataUi {
    /// Shows what is true about this namespace now: whether anything is kept aside, and
    /// whether anything is kept at all.
    pub fn refresh(&self, vaults: &mut Vaults) {
        // Whether anything is kept aside takes reading every kind's records, which the widget
        // itself may not need: asked while the panel is open (on opening it, and on each
        // change), not on every mount (5 ms of the first mount of three years of entries).
        if self.details.has_attribute("open") {
            show(&self.kept, vaults.has_kept_aside());
        }
        let off = vaults.chosen_off();
        set_text(
            &self.stays,
            text(
                self.lang,
                if off { Msg::StorageOff } else { Msg::StaysHere },
            ),
        );
    }

    /// The summary open in the panel, if any, so it can follow the widget's look.
    pub fn nested(&self) -> Option<Box<dyn Nested>> {
        self.summary.as_ref().map(|s| s.share())
    }

    /// Opens the summary below the panel's buttons, or closes it.
    fn toggle_summary(&mut self) {
        if let Some(s) = self.summary.take() {
            s.unmount();
            clear(&self.slot);
            attrs(&self.print, &[("aria-expanded", "false")]);
            return;
        }
        let Some(b) = Builder::for_node(&self.slot) else {
            return;
        };
        let Ok(host) = b.el(&self.slot, "div", "summary-host");
        attrs(&host, &[("part", "summary")]);
        let raw = RawOptions::new(self.options.iter().map(|(k, v)| (k.as_str(), v.as_str())));
        self.summary = Some((self.open)(host.clone(), "summary".to_string(), raw));
        attrs(&self.print, &[("aria-expanded", "true")]);
        // The chosen period first (a radio group is entered at its checked radio; on another,
        // a screen reader would say "not checked" and the arrow keys would change the period).
        if let Some(first) = host
            .shadow_root()
            .and_then(|r| find(&r, "input:checked, button"))
        {
            focus(first.unchecked_ref());
        }
    }

    fn say(&self, words: &str) {
        set_text(&self.status, words);
    }

    /// After an export: says that the file was made (a download shows nothing a screen reader
    /// hears in every browser), or that only part of the records is in it.
    fn say_exported(&self, whole: bool, file: &str) {
        if whole {
            self.say(&fill(text(self.lang, Msg::Exported), &[("file", file)]));
        } else {
            self.say(text(self.lang, Msg::ExportPartial));
        }
    }
}

/// What a panel action did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    /// Not one of the panel's actions.
    NotMine,
    /// Done; the records did not change.
    Done,
    /// The records changed: the widget should show them again.
    Changed,
}

/// Runs one of the panel's `data-action`s. `csv` makes the spreadsheet text when asked.
pub fn act(
    action: &str,
    vaults: &mut Vaults,
    ui: &mut DataUi,
    csv: &dyn Fn(&mut Vaults) -> String,
) -> Outcome {
    let now = wall_ms();
    let day = local_day(now).to_iso();
    match action {
        "summary" => ui.toggle_summary(),
        "export-json" => {
            let (json, exported) = vaults.export_json(now);
            let file = ["attune-records-", &day, ".json"].cat();
            download(&ui.status, &file, "application/json", &json);
            ui.say_exported(exported == Exported::Whole, &file);
        }
        "export-csv" => {
            // A byte-order mark, so spreadsheet programs read the accents right.
            let text = ["\u{feff}", &csv(vaults)].cat();
            let file = ["attune-pleasure-", &day, ".csv"].cat();
            download(&ui.status, &file, "text/csv;charset=utf-8", &text);
            ui.say_exported(!vaults.pleasure().unreadable(), &file);
        }
        "export-kept" => {
            if let Some(json) = vaults.kept_aside_json(now) {
                download(
                    &ui.status,
                    &["attune-kept-aside-", &day, ".json"].cat(),
                    "application/json",
                    &json,
                );
            }
        }
        "import" => {
            ui.say("");
            ui.input.set_value("");
            let input = ui.input.clone();
            later(move || input.click());
        }
        "delete" => {
            ui.say("");
            show(&ui.confirm, true);
            focus(&ui.cancel);
        }
        "delete-cancel" => {
            show(&ui.confirm, false);
            focus(&ui.delete);
        }
        "delete-yes" => {
            let (status, lang) = (ui.status.clone(), ui.lang);
            // Every namespace, not only this widget's: the visitor was asked about everything
            // Attune keeps in this browser (a site may keep two sets of records apart). All
            // at once, each under its own lock, so each one's widgets show it gone at the
            // click and keep what is saved after it; told when the last is done.
            let others = super::storage::namespaces(&vaults.namespace);
            let left = Rc::new(core::cell::Cell::new((others.len() + 1, true)));
            let one_done = move |gone: bool| {
                let (n, all) = left.get();
                left.set((n - 1, all && gone));
                if n == 1 {
                    super::storage::ended(now);
                    let msg = if all && gone {
                        Msg::Deleted
                    } else {
                        Msg::DeleteIncomplete
                    };
                    set_text(&status, text(lang, msg));
                }
            };
            vaults.delete_all(now, Box::new(one_done.clone()));
            for (storage, ns) in others {
                Vaults::bare(storage, &ns).delete_all(now, Box::new(one_done.clone()));
            }
            show(&ui.confirm, false);
            ui.refresh(vaults);
            focus(&ui.delete);
            return Outcome::Changed;
        }
        _ => return Outcome::NotMine,
    }
    Outcome::Done
}

/// Finishes an import once the file's text was read (`Err`: it could not be). Says what
/// happened, once it is stored (or refused); returns whether the records may have changed.
pub fn imported(
    vaults: &mut Vaults,
    ui: &DataUi,
    text_or_err: Result<String, ImportError>,
) -> bool {
    ui.input.set_value("");
    let (status, lang) = (ui.status.clone(), ui.lang);
    let done = move |result: Result<ImportReport, ImportError>| {
        set_text(&status, &import_words(lang, result));
    };
    match text_or_err {
        Ok(t) => {
            vaults.import_text(&t, wall_ms(), done);
            true
        }
        Err(e) => {
            done(Err(e));
            false
        }
    }
}

/// What the visitor reads after an import.
pub fn import_words(lang: Lang, result: Result<ImportReport, ImportError>) -> String {
    match result {
        Ok(r) => {
            let added = uint(r.added as u64);
            let skipped = uint(r.skipped as u64);
            let dropped = uint(r.dropped as u64);
            let msg = if r.dropped > 0 {
                Msg::ImportDoneDropped
            } else {
                Msg::ImportDone
            };
            let mut words = fill(
                text(lang, msg),
                &[
                    ("added", &added),
                    ("skipped", &skipped),
                    ("dropped", &dropped),
                ],
            );
            if r.updated > 0 {
                words.push(' ');
                let updated = uint(r.updated as u64);
                words.push_str(&fill(
                    text(lang, Msg::ImportUpdated),
                    &[("updated", &updated)],
                ));
            }
            words
        }
        Err(e) => {
            let msg = match e {
                ImportError::NotOurs => Msg::ImportNotOurs,
                ImportError::NewerVersion(_) => Msg::ImportNewer,
                ImportError::TooLarge => Msg::ImportTooLarge,
                ImportError::Damaged => Msg::ImportDamaged,
                ImportError::FuturePlan => Msg::ImportFuturePlan,
                ImportError::NotStored => Msg::ImportNotStored,
                ImportError::Held => Msg::StorageNewer,
            };
            text(lang, msg).to_string()
        }
    }
}

/// A file's text from its bytes: UTF-8, a leading byte order mark dropped. Malformed UTF-8 is
/// a damaged file (every export is well-formed).
fn file_text(bytes: Vec<u8>) -> Result<String, ImportError> {
    let text = String::from_utf8(bytes).map_err(|_| ImportError::Damaged)?;
    Ok(match text.strip_prefix('\u{feff}') {
        Some(rest) => rest.to_string(),
        None => text,
    })
}

/// Reads the file chosen in `input` and hands its text to `done` (once, later).
pub fn read_chosen(
    input: &HtmlInputElement,
    done: impl FnOnce(Result<String, ImportError>) + 'static,
) {
    let Some(file) = input.files().and_then(|f| f.get(0)) else {
        return;
    };
    if file.size() > MAX_IMPORT_BYTES as f64 {
        done(Err(ImportError::TooLarge));
        return;
    }
    // The file's bytes, copied into the engine at once and decoded there: handing its text
    // over as a string instead copies it character by character in script (about 65 ms for a
    // 6.6 MB file, in the same task as reading it).
    let promise = file.array_buffer();
    settle(
        promise.unchecked_ref(),
        Box::new(move |bytes| {
            done(match bytes {
                Some(v) => file_text(super::storage::bytes(&js_sys::Uint8Array::new(&v))),
                None => Err(ImportError::Damaged),
            })
        }),
    );
}

/// Offers `text` as a file download: a Blob, an object URL, a temporary `<a download>` clicked
/// and removed, the URL revoked a little later.
pub fn download(near: &HtmlElement, name: &str, mime: &str, text: &str) {
    let bag = BlobPropertyBag::new();
    bag.set_type(mime);
    let parts = js_sys::Array::of1(&JsValue::from_str(text));
    let url = address_of(&Made::new(&parts, &bag));
    let (Some(b), Some(parent)) = (Builder::for_node(near), near.parent_node()) else {
        return;
    };
    let Ok(a) = b.el(&parent, "a", "");
    let a: HtmlAnchorElement = a.unchecked_into();
    a.set_hidden(true);
    a.set_href(&url);
    a.set_download(name);
    later(move || {
        a.click();
        a.remove();
    });
    super::clock::after(30_000, move || forget_address(&url));
}

#[wasm_bindgen]
extern "C" {
    // A download's file and its address: neither can throw as the engine makes them (text
    // parts and a MIME type; a Blob), so they are declared without web-sys's `catch`.
    #[wasm_bindgen(js_name = Blob)]
    type Made;
    #[wasm_bindgen(constructor, js_class = "Blob")]
    fn new(parts: &js_sys::Array, options: &BlobPropertyBag) -> Made;
    #[wasm_bindgen(js_namespace = URL, js_name = createObjectURL)]
    fn address_of(file: &Made) -> String;
    #[wasm_bindgen(js_namespace = URL, js_name = revokeObjectURL)]
    fn forget_address(url: &str);
}

/// What the panel needs from the widget that holds it.
pub trait RecordWidget: Queued {
    /// The namespace's vaults.
    fn vaults(&mut self) -> &mut Vaults;
    /// The records changed elsewhere (another tab, another widget, an import or a delete):
    /// show them again.
    fn records_changed(&mut self);
    /// The records and the "Your records" panel, for the widgets that show the panel: an
    /// import goes through them, and opening the panel shows what is true of them.
    fn records_panel(&mut self) -> Option<(&mut Vaults, &DataUi)> {
        None
    }
}

/// The panel's listeners: its file input's (reads the chosen file and imports it into the
/// widget's records, then shows them again if anything changed), and its opening's (shows
/// what is true about the records now).
pub fn on_panel<S: RecordWidget + 'static>(ui: &DataUi, state: &Weak<RefCell<S>>) -> [Listener; 2] {
    let w = state.clone();
    let import = Listener::new(&ui.input, "change", move |e| {
        // (The listener is on the file input: the target is always it.)
        let Some(input) = e.target().map(JsCast::unchecked_into::<HtmlInputElement>) else {
            return;
        };
        let w = w.clone();
        read_chosen(&input, move |result| {
            with_state(&w, |t| {
                if t.records_panel()
                    .is_some_and(|(v, ui)| imported(v, ui, result))
                {
                    t.records_changed();
                }
            });
        });
    });
    let opened = listen(&ui.details, "toggle", state, |t: &mut S, _| {
        if let Some((v, ui)) = t.records_panel() {
            ui.refresh(v);
            // What was said ("Everything was deleted.") was about then: closed, it goes, so
            // the panel opened later says nothing that may no longer be true.
            if !ui.details.has_attribute("open") {
                ui.say("");
            }
        }
    });
    [import, opened]
}

/// Listens for changes to the records made elsewhere: another tab's (the window's `storage`
/// event, when its key is one of the vaults' or `None` for a cleared storage) and another
/// widget's on this page.
pub fn watch<S: RecordWidget + 'static>(state: &Weak<RefCell<S>>) -> Vec<Listener> {
    let Some(w) = super::dom::window() else {
        return Vec::new();
    };
    let storage = listen(&w, "storage", state, |st: &mut S, e| {
        let key = e.dyn_ref::<web_sys::StorageEvent>().and_then(|e| e.key());
        if st.vaults().reload(key.as_deref(), wall_ms()) || key.is_none() {
            st.records_changed();
        }
    });
    let here = listen(&w, CHANGED, state, |st: &mut S, e| {
        if st.vaults().concerns(e) {
            st.vaults().reload(None, wall_ms());
            st.records_changed();
        }
    });
    vec![storage, here]
}

/// What a "Saved" of the widget's own kind goes by: the storage's notice, or, with
/// `storage="none"` or `"session"` (the site's choice, so no warning shows), that nothing
/// outlasts the page (the tab's storage goes when it closes), whatever the storage says.
pub fn save_notice(vaults: &mut Vaults, own: Kind) -> Option<Notice> {
    if vaults.lasting() {
        notice_of(vaults, own)
    } else {
        Some(Notice::NotKept)
    }
}

/// What the visitor should know about the storage of the widget's own kind, if anything.
pub fn notice_of(vaults: &mut Vaults, own: Kind) -> Option<Notice> {
    match own {
        Kind::Pleasure => vaults.pleasure().notice(),
        Kind::Plan => vaults.plan().notice(),
        Kind::Sessions => vaults.sessions().notice(),
    }
}
