//! Where the visitor's records live: `localStorage`, `sessionStorage`, or memory, and the
//! [`Vault`] that keeps one kind of record there.
//!
//! Every web storage call can throw (private mode, a sandboxed iframe's opaque origin, blocked
//! cookies, a full quota), so each one is wrapped and answers a `Result`. Two failures are kept
//! apart, because they need different words and different care:
//!
//! - **Storage can't be read** (switched off, an opaque origin): the widget works in memory and
//!   says history won't be kept this time.
//! - **Storage can be read but not written** (a full quota): what is stored is shown, exported
//!   and deletable as usual (`removeItem` works on a full quota), and the widget says new
//!   entries can't be kept right now, until a write succeeds again.
//!
//! Writes to `localStorage` go through the namespace's Web Lock (`navigator.locks`), so two
//! tabs never interleave a read-merge-write: each write reads what is stored, merges this tab's
//! records in, and writes the whole document, while the other tab waits. Where the browser has
//! no Web Locks, the write happens at once with the same merge (what every tab did before).
//!
//! Text in and out goes through [`crate::core::json`], never the page's `JSON` object.

use crate::prelude::*;

use alloc::rc::{Rc, Weak};
use core::cell::{Ref, RefCell};

use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

use super::events::dispatch;
use crate::core::json::{self, FromJson};
use crate::core::options::StorageKind;
use crate::core::records::{
    aside_key, aside_prefix, merge, storage_key, Envelope, Header, Kind, LoadError, Record,
};

/// A storage call that the browser refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum StoreError {
    /// The browser threw (quota, security, or storage switched off).
    Refused,
}

/// Key-value text storage. Each `set` replaces a whole value or changes nothing.
pub trait Store {
    /// The value under `key`, if any.
    fn get(&self, key: &str) -> Result<Option<String>, StoreError>;
    /// Replaces the value under `key`.
    fn set(&self, key: &str, value: &str) -> Result<(), StoreError>;
    /// Removes `key`.
    fn remove(&self, key: &str) -> Result<(), StoreError>;
    /// Every key that starts with `prefix`.
    fn keys(&self, prefix: &str) -> Vec<String>;
    /// Whether what is saved outlives this page.
    fn persistent(&self) -> bool;
    /// Whether other tabs write here too, so writes must take the namespace's lock.
    fn shared(&self) -> bool {
        false
    }
}

/// `localStorage` or `sessionStorage`.
#[derive(Debug)]
pub struct WebStore {
    area: web_sys::Storage,
    /// `localStorage`: other tabs of the site read and write it too.
    shared: bool,
}

#[wasm_bindgen]
extern "C" {
    /// A storage area, as far as reading a value goes.
    #[wasm_bindgen(extends = js_sys::Object)]
    type Area;
    #[wasm_bindgen(method, catch, js_name = getItem)]
    fn get_text(this: &Area, key: &str) -> Result<Option<js_sys::JsString>, JsValue>;

    /// `TextEncoder`.
    type Utf8;
    #[wasm_bindgen(constructor, js_class = "TextEncoder")]
    fn new() -> Utf8;
    #[wasm_bindgen(method)]
    fn encode(this: &Utf8, text: &js_sys::JsString) -> js_sys::Uint8Array;

    /// `Uint8Array.prototype.set` called on a view of the engine's memory: copies `from` in.
    #[wasm_bindgen(js_namespace = Uint8Array, js_name = "prototype.set.call")]
    fn copy_in(into: &mut [u8], from: &js_sys::Uint8Array);
}

/// A byte array's contents, copied into the engine in one call. (js-sys's `to_vec` checks the
/// length with an `assert_eq!`, whose message formatting alone is about 0.4 KB of wasm.)
pub fn bytes(array: &js_sys::Uint8Array) -> Vec<u8> {
    let mut out = vec![0; array.length() as usize];
    copy_in(&mut out, array);
    out
}

impl Store for WebStore {
    fn get(&self, key: &str) -> Result<Option<String>, StoreError> {
        let area: &Area = self.area.unchecked_ref();
        let Some(text) = area.get_text(key).map_err(|_| StoreError::Refused)? else {
            return Ok(None);
        };
        // The value's UTF-8 from the browser's own encoder, copied in at once: a string handed
        // over as it is gets copied character by character in script (about 9 ms for three
        // years of entries, on a page's first read).
        String::from_utf8(bytes(&Utf8::new().encode(&text)))
            .map(Some)
            .map_err(|_| StoreError::Refused)
    }

    fn set(&self, key: &str, value: &str) -> Result<(), StoreError> {
        self.area
            .set_item(key, value)
            .map_err(|_| StoreError::Refused)
    }

    fn remove(&self, key: &str) -> Result<(), StoreError> {
        self.area.remove_item(key).map_err(|_| StoreError::Refused)
    }

    fn keys(&self, prefix: &str) -> Vec<String> {
        let n = self.area.length().unwrap_or(0);
        (0..n)
            .filter_map(|i| self.area.key(i).ok().flatten())
            .filter(|k| k.starts_with(prefix))
            .vec()
    }

    fn persistent(&self) -> bool {
        true
    }

    fn shared(&self) -> bool {
        self.shared
    }
}

local! {
    // Memory storage is shared by the widgets of one page, like real storage would be. A list,
    // not a map: a page holds a few keys, and a map's code would cost more bytes than the search.
    static MEMORY: RefCell<Vec<(String, String)>> = const { RefCell::new(Vec::new()) };
}

/// Storage that lasts as long as the page: the fallback, and `storage="none"`.
#[derive(Debug, Default)]
pub struct MemoryStore;

impl Store for MemoryStore {
    fn get(&self, key: &str) -> Result<Option<String>, StoreError> {
        Ok(MEMORY.with(|m| {
            let m = m.try_borrow().ok()?;
            m.iter().find(|(k, _)| k == key).map(|(_, v)| v.clone())
        }))
    }

    fn set(&self, key: &str, value: &str) -> Result<(), StoreError> {
        MEMORY.with(|m| match m.try_borrow_mut() {
            Ok(mut m) => {
                match m.iter_mut().find(|(k, _)| k == key) {
                    Some((_, v)) => *v = value.to_string(),
                    None => m.push((key.to_string(), value.to_string())),
                }
                Ok(())
            }
            Err(_) => Err(StoreError::Refused),
        })
    }

    fn remove(&self, key: &str) -> Result<(), StoreError> {
        MEMORY.with(|m| {
            if let Ok(mut m) = m.try_borrow_mut() {
                m.keep_only(|(k, _)| k != key);
            }
        });
        Ok(())
    }

    fn keys(&self, prefix: &str) -> Vec<String> {
        MEMORY.with(|m| {
            m.try_borrow()
                .map(|m| {
                    m.iter()
                        .filter(|(k, _)| k.starts_with(prefix))
                        .map(|(k, _)| k.clone())
                        .vec()
                })
                .unwrap_or_default()
        })
    }

    fn persistent(&self) -> bool {
        false
    }
}

/// What a widget should tell the visitor about its records, if anything.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Notice {
    /// The browser refused storage: history won't be kept this time.
    NotKept,
    /// Stored data could not be read; it was kept aside, untouched.
    KeptAside,
    /// Stored data comes from a newer Attune: read nothing, write nothing, offer its export.
    Newer,
    /// Stored records can be read, but a write failed (a full quota): new entries live in
    /// memory only, until a write succeeds again.
    NotSaved,
}

fn web_area(kind: StorageKind) -> Option<web_sys::Storage> {
    let w = super::dom::window()?;
    match kind {
        StorageKind::Local => w.local_storage().ok().flatten(),
        StorageKind::Session => w.session_storage().ok().flatten(),
        StorageKind::None => None,
    }
}

/// Opens the storage a widget asked for. Storage that can't be read is replaced by memory
/// ([`Notice::NotKept`]); storage that can be read but refuses a probe write is kept, for what
/// it holds, with [`Notice::NotSaved`]; one whose writes do nothing, with [`Notice::NotKept`].
pub fn open(kind: StorageKind, namespace: &str) -> (Rc<dyn Store>, Option<Notice>) {
    if kind == StorageKind::None {
        return (Rc::new(MemoryStore), None);
    }
    if let Some(area) = web_area(kind) {
        let store = WebStore {
            area,
            shared: kind == StorageKind::Local,
        };
        let probe = ["attune.", namespace, ".probe"].cat();
        if store.get(&probe).is_ok() {
            let writes = store.set(&probe, "1").is_ok();
            // Read back: a page script can make writes do nothing without an error (a consent
            // tool that stubs storage), and "Saved" would then be untrue.
            let kept = writes && store.get(&probe).ok().flatten().as_deref() == Some("1");
            let notice = if !(writes && store.remove(&probe).is_ok()) {
                Some(Notice::NotSaved)
            } else {
                (!kept).then_some(Notice::NotKept)
            };
            return (Rc::new(store), notice);
        }
    }
    (Rc::new(MemoryStore), Some(Notice::NotKept))
}

/// Whether the storage `kind` holds anything of `namespace` (records, or values kept aside),
/// read without writing to it (no probe): a storage the site never used stays untouched.
/// `Err` when it can't be read now, so nobody can tell (or delete) what it holds.
pub fn holds(kind: StorageKind, namespace: &str) -> Result<bool, StoreError> {
    let Some(store) = reader(kind) else {
        return Ok(false);
    };
    for k in Kind::ALL {
        if store.get(&storage_key(namespace, k))?.is_some()
            || !store.keys(&aside_prefix(namespace, k)).is_empty()
        {
            return Ok(true);
        }
    }
    Ok(false)
}

/// The storage `kind`, to read without a probe; `None` where the browser has none.
fn reader(kind: StorageKind) -> Option<Box<dyn Store>> {
    match (web_area(kind), kind) {
        (Some(area), _) => Some(Box::new(WebStore {
            area,
            shared: false,
        })),
        (None, StorageKind::None) => Some(Box::new(MemoryStore)),
        (None, _) => None,
    }
}

/// Every namespace but `except` with records (or values kept aside) in the browser's storages
/// or the page's memory, or not written yet by a widget of this page (its first entry waiting
/// for the lock, or refused by a full storage), each once, with a storage that holds it: what
/// "Delete everything" deletes besides the widget's own (from there, as it deletes the
/// widget's own).
pub fn namespaces(except: &str) -> Vec<(StorageKind, String)> {
    let mut all: Vec<(StorageKind, String)> = Vec::new();
    for kind in [StorageKind::Local, StorageKind::Session, StorageKind::None] {
        let mut seen = vec![except.to_string()];
        for key in reader(kind).map(|s| s.keys("attune.")).unwrap_or_default() {
            // `attune.<namespace>.<kind>`; each name looked at once in each storage, and
            // taken only where a record kind's key is there (not another app's
            // `attune.settings.theme`, nor a widget's probe).
            let ns = crate::core::locale::before(key.get(7..).unwrap_or(""), |b| b == b'.');
            if !seen.iter().any(|n| n == ns) {
                seen.push(ns.to_string());
                if !all.iter().any(|(_, n)| n == ns) && holds(kind, ns).unwrap_or(false) {
                    all.push((kind, ns.to_string()));
                }
            }
        }
    }
    each_shelf(&mut |s| {
        if let Ok(s) = s.try_borrow() {
            if s.dirty && s.namespace != except && !all.iter().any(|(_, n)| *n == s.namespace) {
                all.push((s.storage, s.namespace.clone()));
            }
        }
    });
    all
}

/// The name of the private window event that tells the Attune widgets of the same page that
/// records of a namespace changed (a `storage` event only reaches *other* tabs). Its detail is
/// the namespace and the writer's token, a line each.
pub const CHANGED: &str = "attune-records-changed";

/// Tells the widgets of this page that `namespace`'s records changed, on behalf of the widget
/// named `token` (see [`Vault::sign`]; empty: on behalf of none, so every widget reads them).
pub fn announce(namespace: &str, token: &str) {
    let Some(w) = super::dom::window() else {
        return;
    };
    let detail = JsValue::from_str(&[namespace, "\n", token].cat());
    dispatch(&w, CHANGED, false, &detail);
}

/// Runs `f` holding the namespace's lock across tabs when `store` is shared with them (the
/// Web Locks API), else at once. `f` runs exactly once: if the browser refuses the lock (an
/// opaque origin rejects every request), it runs without it rather than not at all.
pub fn locked(store: &dyn Store, namespace: &str, f: impl FnOnce() + 'static) {
    run_locked(store, namespace, Box::new(f));
}

/// [`locked`]'s body, compiled once for every caller.
fn run_locked(store: &dyn Store, namespace: &str, f: Box<dyn FnOnce()>) {
    let locks = store
        .shared()
        .then(super::dom::window)
        .flatten()
        .and_then(|w| js_sys::Reflect::get(&w.navigator(), &JsValue::from_str("locks")).ok())
        .filter(|l| l.is_object());
    let request = locks.as_ref().and_then(|l| {
        js_sys::Reflect::get(l, &JsValue::from_str("request"))
            .ok()
            .and_then(|r| r.dyn_into::<js_sys::Function>().ok())
    });
    let (Some(locks), Some(request)) = (locks, request) else {
        f();
        return;
    };
    // Granted or refused, `f` runs once, and both functions are freed after.
    let (held, refused) = super::events::either(Box::new(move |_| f()));
    let without_lock = || {
        if let Some(refused) = refused.dyn_ref::<js_sys::Function>() {
            let _ = refused.call0(&JsValue::UNDEFINED);
        }
    };
    let name = JsValue::from_str(&["attune:", namespace].cat());
    match request.call2(&locks, &name, &held) {
        Ok(promise) => {
            let catch = js_sys::Reflect::get(&promise, &JsValue::from_str("catch"))
                .ok()
                .and_then(|c| c.dyn_into::<js_sys::Function>().ok());
            match catch {
                Some(catch) => drop(catch.call1(&promise, &refused)),
                None => without_lock(),
            }
        }
        Err(_) => without_lock(),
    }
}

/// Parses JSON text into a checked document (in Rust: the page's `JSON` is not trusted).
pub fn decode<T: Record>(text: &str, kind: Kind) -> Result<Envelope<T>, LoadError> {
    let value = json::parse(text).map_err(|_| LoadError::Damaged)?;
    Header::from_json(&value)
        .map_err(|_| LoadError::Damaged)?
        .check(kind)?;
    let doc = Envelope::<T>::from_json(&value).map_err(|_| LoadError::Damaged)?;
    doc.checked(kind)
}

/// Turns a document into JSON text.
pub fn encode<T: Record>(doc: &Envelope<T>) -> String {
    json::to_string(doc)
}

/// Why stored data under a vault's key must not be written over.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Hold {
    /// A newer Attune wrote it: this build reads nothing and writes nothing there.
    Newer,
    /// It could not be read and could not be copied aside either (a full quota).
    Unread,
}

/// What a vault shows the widget about storage, told each time it changes.
pub type NoticeHook = Rc<dyn Fn(Option<Notice>)>;

/// What the storage logic needs of a document, whatever its record type. The logic itself
/// (reading, keeping aside, holding, writing, notices) is compiled once for every kind; only
/// these few calls are compiled per record type.
trait Doc: core::any::Any {
    /// Reads stored text and merges it in: whether memory changed, and whether memory holds
    /// records the stored copy lacks.
    fn merge_in(&mut self, text: &str, kind: Kind) -> Result<(bool, bool), LoadError>;
    /// The document as JSON text.
    fn text(&self) -> String;
    /// "Delete everything" at `now_ms`, but for the records `keep` marks (by position).
    fn clear(&mut self, now_ms: i64, keep: &[bool]);
    /// The document as JSON text without its records: its clear alone.
    fn marker(&self) -> String;
    /// Whether it holds any record.
    fn has_items(&self) -> bool;
    /// Each record's id and change stamp, in id order.
    fn stamps(&self) -> Vec<(String, i64)>;
    /// [`Doc::stamps`] of stored text (`None`: it can't be read).
    fn stored_stamps(&self, text: &str, kind: Kind) -> Option<Vec<(String, i64)>>;
    /// Lets the typed vault reach its own document.
    fn any(&self) -> &dyn core::any::Any;
    /// Likewise, to change it.
    fn any_mut(&mut self) -> &mut dyn core::any::Any;
}

impl<T: Record + 'static> Doc for Envelope<T> {
    fn merge_in(&mut self, text: &str, kind: Kind) -> Result<(bool, bool), LoadError> {
        let stored = decode::<T>(text, kind)?;
        let merged = merge(self, &stored);
        let changed = merged != *self;
        let behind = merged != stored;
        *self = merged;
        Ok((changed, behind))
    }

    fn text(&self) -> String {
        encode(self)
    }

    fn clear(&mut self, now_ms: i64, keep: &[bool]) {
        self.clear_keeping(now_ms, keep);
    }

    fn marker(&self) -> String {
        encode(&Envelope::<T> {
            app: self.app.clone(),
            kind: self.kind.clone(),
            version: self.version,
            cleared_at: self.cleared_at,
            items: Vec::new(),
        })
    }

    fn has_items(&self) -> bool {
        !self.items.is_empty()
    }

    fn stamps(&self) -> Vec<(String, i64)> {
        self.items
            .iter()
            .map(|i| (i.id().to_string(), i.updated_at()))
            .vec()
    }

    fn stored_stamps(&self, text: &str, kind: Kind) -> Option<Vec<(String, i64)>> {
        decode::<T>(text, kind).ok().map(|d| d.stamps())
    }

    fn any(&self) -> &dyn core::any::Any {
        self
    }

    fn any_mut(&mut self) -> &mut dyn core::any::Any {
        self
    }
}

struct Shelf {
    store: Rc<dyn Store>,
    storage: StorageKind,
    key: String,
    namespace: String,
    kind: Kind,
    doc: Box<dyn Doc>,
    hold: Option<Hold>,
    /// The unreadable stored text already copied aside (or held), so that is done once.
    set_aside: Option<String>,
    notice: Option<Notice>,
    /// The stored text last read or written: when the key still holds it, nothing new is there
    /// to merge, and decoding it again (tens of milliseconds for years of entries) is skipped.
    seen: Option<String>,
    /// Memory holds changes that are not stored yet.
    dirty: bool,
    /// A write is waiting for the namespace's lock; later changes ride along with it.
    queued: bool,
    /// A failed write waits for the page's next `visibilitychange` ([`Shelf::retry_later`]).
    armed: bool,
    hook: Option<NoticeHook>,
    /// Whose writes these are, for [`announce`] (see [`Vault::sign`]).
    token: String,
    /// The ids of the records the last "Delete everything" kept (see [`Shelf::wipe`]), which
    /// may still be stored after it.
    kept: Vec<String>,
}

/// One widget kind's records in one namespace: read at open, merged with what is stored before
/// every write (so another tab's entries survive), written whole.
///
/// A vault is a shared handle: the widget holds it, and so does a write waiting for the lock,
/// which therefore still lands when the widget was unmounted in between.
pub struct Vault<T> {
    shelf: Rc<RefCell<Shelf>>,
    kind: core::marker::PhantomData<T>,
}

impl<T> Clone for Vault<T> {
    fn clone(&self) -> Self {
        Vault {
            shelf: self.shelf.clone(),
            kind: core::marker::PhantomData,
        }
    }
}

impl<T> Vault<T> {
    fn shelf(&self) -> Ref<'_, Shelf> {
        self.shelf.borrow()
    }

    /// What the widget should say about storage, if anything.
    pub fn notice(&self) -> Option<Notice> {
        self.shelf().notice
    }

    /// Calls `hook` whenever [`Vault::notice`] changes (a write failed, storage recovered).
    pub fn on_notice(&self, hook: NoticeHook) {
        self.shelf.borrow_mut().hook = Some(hook);
    }

    /// Names the widget whose writes these are, so that its own [`announce`]s can be told
    /// apart from other widgets' (unsigned, a vault's writes concern every widget).
    pub fn sign(&self, token: &str) {
        self.shelf.borrow_mut().token = token.to_string();
    }
}

impl<T> core::fmt::Debug for Vault<T> {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.debug_struct("Vault").finish_non_exhaustive()
    }
}

/// What [`Vault::replace`] replaced, for [`Vault::restore`].
pub struct Replaced {
    before: Option<String>,
    doc: Box<dyn Doc>,
    dirty: bool,
}

impl core::fmt::Debug for Replaced {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.debug_struct("Replaced").finish_non_exhaustive()
    }
}

local! {
    /// Every shelf on the page (a widget's goes with it), for [`Shelf::read`].
    static SHELVES: RefCell<Vec<Weak<RefCell<Shelf>>>> = const { RefCell::new(Vec::new()) };
    /// Each "Delete everything" on the page, while it waits for its lock.
    static PENDING: RefCell<Vec<Pending>> = const { RefCell::new(Vec::new()) };
}

/// A "Delete everything" waiting for its lock, with the ids of the records the visitor changed
/// on this page since the click, in any widget: its wipe keeps those, and only those. Told by
/// id, not by stamp or by what is stored: an import or a tab whose clock runs ahead stamps
/// older records past the click too, and this page may have stored its own changes before the
/// wipe (a hidden page writes at once, a write asked for before the click goes first).
struct Pending {
    storage: StorageKind,
    /// The records' key; emptied when the delete is over ([`ended`]).
    key: String,
    /// The click's time, which the wipe is called with too.
    at: i64,
    ids: Vec<String>,
}

/// Runs `f` on each shelf on the page (one closure type, so the walk is compiled once).
fn each_shelf(f: &mut dyn FnMut(&RefCell<Shelf>)) {
    SHELVES.with(|all| {
        if let Ok(all) = all.try_borrow() {
            for shelf in all.iter().filter_map(Weak::upgrade) {
                f(&shelf);
            }
        }
    });
}

/// Runs `f` on the page's [`Pending`] deletes (one closure type, so compiled once).
fn pending(f: &mut dyn FnMut(&mut Vec<Pending>)) {
    PENDING.with(|all| {
        if let Ok(mut all) = all.try_borrow_mut() {
            f(&mut all);
        }
    });
}

/// "Delete everything" in `namespace` was clicked at `at_ms`: from now until its wipe of each
/// kind in `storage` ([`Vault::wipe`], called with the same time), what the visitor changes
/// there on this page is noted, and the wipe keeps it.
pub fn pend(storage: StorageKind, namespace: &str, at_ms: i64) {
    pending(&mut |all| {
        for kind in Kind::ALL {
            all.push(Pending {
                storage,
                key: storage_key(namespace, kind),
                at: at_ms,
                ids: Vec::new(),
            });
        }
    });
}

/// The "Delete everything" clicked at `at_ms` is over: nothing more is noted for it (in a
/// storage it left alone, holding nothing of the namespace, no wipe took its notes).
pub fn ended(at_ms: i64) {
    pending(&mut |all| {
        for p in all.iter_mut().filter(|p| p.at == at_ms) {
            // (Left in the list, matching no key: a few bytes for each click.)
            p.key.clear();
        }
    });
}

/// Whether a widget on this page holds records of `namespace` in the storage `kind` that are
/// not written yet (a write waiting for the lock, a full storage): "Delete everything" must
/// reach that storage too, though nothing may be stored there yet.
pub fn unwritten(kind: StorageKind, namespace: &str) -> bool {
    let mut any = false;
    each_shelf(&mut |s| {
        any |= s
            .try_borrow()
            .is_ok_and(|s| s.dirty && s.storage == kind && s.namespace == namespace);
    });
    any
}

impl Shelf {
    /// Reads what is stored and merges it in, with the changes the other widgets on this page
    /// hold of the same records and have not written yet (waiting for the lock, or a full
    /// storage): a change made here builds on them rather than replacing them (two plans' ticks
    /// of one day), and an export holds them. Returns whether the records changed.
    fn read(&mut self, now_ms: i64) -> bool {
        let mut changed = false;
        each_shelf(&mut |peer| {
            // (This shelf itself is borrowed: skipped.)
            let Ok(peer) = peer.try_borrow() else { return };
            if peer.dirty && peer.key == self.key && peer.storage == self.storage {
                changed |= self
                    .doc
                    .merge_in(&peer.doc.text(), self.kind)
                    .is_ok_and(|(c, _)| c);
            }
        });
        self.read_stored(now_ms) | changed
    }

    /// Reads what is stored and merges it in. Returns whether the records changed.
    fn read_stored(&mut self, now_ms: i64) -> bool {
        let text = match self.store.get(&self.key) {
            Ok(Some(text)) => text,
            Ok(None) => {
                // Our key was there and is gone: "delete everything" in another tab, when even
                // its small clear marker could not be written. Keeping memory's copy would bring
                // the records back with this tab's next write.
                if self.seen.take().is_some() && self.doc.has_items() {
                    self.doc.clear(now_ms, &[]);
                    return true;
                }
                return false;
            }
            Err(_) => return false,
        };
        // Text held unread because it could not be copied aside is tried again: space may
        // have been freed since.
        if self.seen.as_deref() == Some(text.as_str())
            || (self.set_aside.as_deref() == Some(text.as_str()) && self.hold != Some(Hold::Unread))
        {
            return false;
        }
        match self.doc.merge_in(&text, self.kind) {
            Ok((changed, behind)) => {
                // Memory holds records the stored copy lacks: another tab wrote without them
                // (its copy of storage was a moment behind). Write them back, or they are lost.
                self.dirty |= behind;
                self.seen = Some(text);
                // What was kept aside is gone ("Delete everything" elsewhere): no notice
                // offers it for export any more.
                let aside_gone = self.notice == Some(Notice::KeptAside)
                    && self
                        .store
                        .keys(&aside_prefix(&self.namespace, self.kind))
                        .is_empty();
                if self.hold.take().is_some() || aside_gone {
                    self.set_notice(None);
                }
                changed
            }
            Err(LoadError::NewerVersion(_)) => {
                // Not ours to change: read nothing from it, never write over it, and offer it
                // for export exactly as it is.
                self.hold = Some(Hold::Newer);
                self.set_aside = Some(text);
                self.set_notice(Some(Notice::Newer));
                false
            }
            Err(_) => {
                // Copied aside once, not on every page load: an identical kept copy is enough.
                let prefix = aside_prefix(&self.namespace, self.kind);
                let store = &self.store;
                let kept = store
                    .keys(&prefix)
                    .iter()
                    .any(|k| store.get(k).ok().flatten().as_deref() == Some(text.as_str()));
                let aside = aside_key(&self.namespace, self.kind, now_ms);
                let held = !(kept || self.store.set(&aside, &text).is_ok());
                // Not copied aside (a full quota): it is not written over, so nothing new is
                // kept either, and the widget says so, not "kept aside" and "Saved".
                self.hold = held.then_some(Hold::Unread);
                self.set_aside = Some(text);
                self.set_notice(Some(if held {
                    Notice::NotSaved
                } else {
                    Notice::KeptAside
                }));
                false
            }
        }
    }

    fn set_notice(&mut self, notice: Option<Notice>) {
        if self.notice != notice {
            self.notice = notice;
            if let Some(hook) = &self.hook {
                hook(notice);
            }
        }
    }

    /// Merges in what is stored and writes the whole document, if memory holds anything new.
    /// Runs under the namespace's lock. What it could not write is tried again later (see
    /// [`Shelf::schedule`]). Returns the namespace and token to [`announce`] a write with,
    /// once this shelf is let go: the widgets that hear it read their own shelves at once,
    /// and may write too.
    fn flush(&mut self, now_ms: i64) -> Option<(String, String)> {
        self.queued = false;
        // What another tab wrote while this write waited (its `storage` event may come after,
        // and finds nothing new then): every widget of the namespace hears of it, this one too,
        // or a tab that ticked a cue as another deleted everything went on showing the plan.
        let merged = self.read(now_ms);
        // Held back: a newer version's data for good, unread text not yet copied aside until
        // there is room.
        if !self.dirty || self.hold.is_some() {
            return None;
        }
        let text = self.doc.text();
        match self.put(text) {
            Ok(_) => {
                self.dirty = false;
                if matches!(self.notice, Some(Notice::NotSaved)) {
                    self.set_notice(None); // storage recovered
                }
                // Now, not at the change: a write may have waited for the lock, and the other
                // widgets would read storage back before it landed.
                let token = if merged { "" } else { &self.token };
                Some((self.namespace.clone(), token.to_string()))
            }
            Err(_) => {
                self.set_notice(Some(Notice::NotSaved));
                None
            }
        }
    }

    /// Writes `text` as the stored copy.
    fn put(&mut self, text: String) -> Result<(), StoreError> {
        // Nothing written over held text: a newer version's, or one that could be neither
        // read nor copied aside (an import would have erased it for good).
        if self.hold.is_some() {
            return Err(StoreError::Refused);
        }
        self.store.set(&self.key, &text)?;
        self.seen = Some(text);
        Ok(())
    }

    /// Queues a write of what memory holds that is not stored yet, under the namespace's lock
    /// (one queued write takes every change made before it runs).
    ///
    /// While the page is hidden the write is made at once (still read and merged first), even
    /// with one already waiting: the tab may be closing, and a lock would be granted too late.
    fn schedule(me: &Rc<RefCell<Shelf>>) {
        let hidden = super::dom::window()
            .and_then(|w| w.document())
            .is_some_and(|d| d.hidden());
        let (store, namespace) = {
            let Ok(mut s) = me.try_borrow_mut() else {
                return;
            };
            // Unread text not yet copied aside is tried again at each write (space may have
            // been freed): only a newer version's data holds every write back for good.
            if !s.dirty || (s.queued && !hidden) || s.hold == Some(Hold::Newer) {
                return;
            }
            s.queued = true;
            (s.store.clone(), s.namespace.clone())
        };
        // Tried again (one listener at a time) when the visitor switches away from the tab or
        // back, or closes it: a write still waiting for another tab's lock is then made at
        // once, and one that failed (a full quota) finds the space freed meanwhile. (A failed
        // write is also tried again with the next change.)
        if me
            .try_borrow_mut()
            .is_ok_and(|mut s| !core::mem::replace(&mut s.armed, true))
        {
            Shelf::retry_later(me);
        }
        let me = me.clone();
        let write = Box::new(move || {
            let wrote = me
                .try_borrow_mut()
                .ok()
                .and_then(|mut s| s.flush(super::clock::wall_ms()));
            // Told in a microtask: the widgets that hear it read their records at once, and
            // one busy right now (a hidden page's write is made inside its own handler) would
            // not hear it at all.
            if let Some((namespace, token)) = wrote {
                super::events::microtask(Box::new(move |_| announce(&namespace, &token)));
            }
        });
        if hidden {
            write();
        } else {
            run_locked(store.as_ref(), &namespace, write);
        }
    }

    /// Tries a failed write again at the page's next `visibilitychange` (the visitor switching
    /// to another tab or coming back), through a listener that removes itself.
    fn retry_later(me: &Rc<RefCell<Shelf>>) {
        let Some(w) = super::dom::window() else {
            return;
        };
        let me = Rc::downgrade(me);
        let again = super::events::once(Box::new(move |_| {
            let Some(me) = me.upgrade() else { return };
            if let Ok(mut s) = me.try_borrow_mut() {
                s.armed = false;
            }
            Shelf::schedule(&me);
        }));
        let options = web_sys::AddEventListenerOptions::new();
        options.set_once(true);
        let _ = w.add_event_listener_with_callback_and_add_event_listener_options(
            "visibilitychange",
            again.unchecked_ref(),
            &options,
        );
    }

    fn open(storage: StorageKind, namespace: &str, kind: Kind, doc: Box<dyn Doc>) -> Shelf {
        let (store, notice) = open(storage, namespace);
        Shelf {
            store,
            storage,
            key: storage_key(namespace, kind),
            namespace: namespace.to_string(),
            kind,
            doc,
            hold: None,
            set_aside: None,
            notice,
            seen: None,
            dirty: false,
            queued: false,
            armed: false,
            hook: None,
            token: String::new(),
            kept: Vec::new(),
        }
    }

    fn wipe(&mut self, now_ms: i64) {
        // What other tabs stored is read in first, so the clear's stamp is past their records
        // too (see `Envelope::clear`).
        self.read(now_ms);
        self.hold = None;
        self.set_aside = None;
        // What the visitor changed on this page since the click stays (see [`Pending`]): they
        // saw it saved after the history went.
        let mut ids = Vec::new();
        pending(&mut |all| {
            for p in all.iter_mut() {
                if p.storage == self.storage && p.key == self.key && p.at == now_ms {
                    ids = core::mem::take(&mut p.ids);
                }
            }
        });
        let mut keep = Vec::new();
        self.kept.clear();
        for (id, _) in self.doc.stamps() {
            let fresh = ids.contains(&id);
            keep.push(fresh);
            if fresh {
                self.kept.push(id);
            }
        }
        self.doc.clear(now_ms, &keep);
        self.dirty = false;
        let text = self.doc.text();
        if self.put(text).is_err() {
            // Still to be written.
            self.dirty = true;
            // What it kept makes it larger than the clear alone (a full storage): then the
            // clear alone, and what it kept follows once there is room, as any change does.
            // (A removed key is read by the other tabs as a clear of their own time, past it.)
            if self.kept.is_empty() || self.put(self.doc.marker()).is_err() {
                let _ = self.store.remove(&self.key);
                self.seen = None;
                // Until the clear is written, the other widgets of these records on this page
                // take it from here (see `Shelf::read`), with what it kept. The removed key is
                // not another tab's clear to them: taken for one, it would drop that.
                each_shelf(&mut |peer| {
                    if let Ok(mut peer) = peer.try_borrow_mut() {
                        if peer.key == self.key && peer.storage == self.storage {
                            peer.seen = None;
                        }
                    }
                });
            }
        }
        if matches!(self.notice, Some(Notice::KeptAside) | Some(Notice::Newer)) {
            self.set_notice(None);
        }
    }

    /// While a "Delete everything" of these records waits for its lock, each record's stamp
    /// before a change, to tell what the change touched ([`Shelf::note_fresh`]).
    fn fresh_stamps(&self) -> Option<Vec<(String, i64)>> {
        let mut waiting = false;
        pending(&mut |all| waiting = all.iter().any(|p| self.waits(p)));
        waiting.then(|| self.doc.stamps())
    }

    /// Notes, for each "Delete everything" waiting, the records changed since `before`.
    fn note_fresh(&self, before: Option<Vec<(String, i64)>>) {
        let Some(before) = before else { return };
        let now = self.doc.stamps();
        pending(&mut |all| {
            for p in all.iter_mut().filter(|p| self.waits(p)) {
                for (id, _) in now.iter().filter(|s| !before.contains(s)) {
                    p.ids.push(id.clone());
                }
            }
        });
    }

    /// Whether `p` is a delete of these records still waiting.
    fn waits(&self, p: &Pending) -> bool {
        p.storage == self.storage && p.key == self.key
    }

    /// [`Vault::forget`]'s body, compiled once for every kind. Returns whether to arm a retry.
    fn forget(&mut self, now_ms: i64) -> bool {
        self.doc.clear(now_ms, &[]);
        // Not stored yet: a tab hidden or closed while another holds the lock writes the
        // clear at once, as it does a change (see [`Shelf::schedule`]). Waiting for
        // [`Vault::wipe`], it was lost with the tab, after the visitor saw the records go.
        self.dirty = true;
        !core::mem::replace(&mut self.armed, true)
    }

    fn verify_empty(&self) -> bool {
        match self.store.get(&self.key) {
            Ok(None) => true,
            // Nothing but what the clear kept.
            Ok(Some(text)) => self
                .doc
                .stored_stamps(&text, self.kind)
                .is_some_and(|all| all.iter().all(|(id, _)| self.kept.contains(id))),
            Err(_) => false,
        }
    }

    fn restore(&mut self, replaced: Replaced) {
        let _ = match &replaced.before {
            Some(text) => self.store.set(&self.key, text),
            None => self.store.remove(&self.key),
        };
        self.seen = None;
        // Memory's own copy, not the stored text read back: it may hold entries kept only
        // while the page stays open (a full storage), which a read would drop.
        self.doc = replaced.doc;
        self.dirty = replaced.dirty;
    }
}

impl<T: Record + 'static> Vault<T> {
    /// Opens the records of `kind` under the `namespace`, in the storage the site chose.
    pub fn open(storage: StorageKind, namespace: &str, kind: Kind, now_ms: i64) -> Vault<T> {
        let doc: Box<dyn Doc> = Box::new(Envelope::<T>::new(kind));
        let mut shelf = Shelf::open(storage, namespace, kind, doc);
        shelf.read(now_ms);
        let vault = Vault {
            shelf: Rc::new(RefCell::new(shelf)),
            kind: core::marker::PhantomData,
        };
        SHELVES.with(|all| {
            if let Ok(mut all) = all.try_borrow_mut() {
                all.retain(|s| s.strong_count() > 0);
                all.push(Rc::downgrade(&vault.shelf));
            }
        });
        // A stored copy the merge would change (a plan's day left without its plan) is written
        // again now, not at the visitor's next change.
        Shelf::schedule(&vault.shelf);
        vault
    }

    /// Merges in what another tab wrote, and writes back what that write lacked. Returns
    /// whether anything changed.
    pub fn reload(&self, now_ms: i64) -> bool {
        let changed = self.shelf.borrow_mut().read(now_ms);
        Shelf::schedule(&self.shelf);
        changed
    }

    /// The storage key, to recognise this vault's `storage` events.
    pub fn key(&self) -> String {
        self.shelf().key.clone()
    }

    /// The whole document (for the bundled export and import of every kind).
    pub fn document(&self) -> Ref<'_, Envelope<T>> {
        Ref::map(self.shelf(), |s| typed::<T>(s.doc.as_ref()))
    }

    /// The records, in the document's order.
    pub fn items(&self) -> Ref<'_, [T]> {
        Ref::map(self.document(), |d| d.items.as_slice())
    }

    /// The storage the vault writes to (for listing and removing kept-aside values).
    pub fn store(&self) -> Rc<dyn Store> {
        self.shelf().store.clone()
    }

    /// Whether what is stored under the key could not be read as records (damaged or newer),
    /// so an export of the records alone would leave it out.
    pub fn unreadable(&self) -> bool {
        let s = self.shelf();
        s.hold.is_some() || s.notice == Some(Notice::KeptAside)
    }

    /// Stored text this build keeps but can't read under the key itself (a newer version's
    /// document, or one a full storage left no room to copy aside), as `(key, text)`, for
    /// "Export the kept data".
    pub fn held(&self) -> Option<(String, String)> {
        let s = self.shelf();
        s.hold.and(s.set_aside.clone()).map(|t| (s.key.clone(), t))
    }

    /// Changes the records in memory at once, and stores them: under the namespace's lock,
    /// the stored copy is merged in first, then the whole document is written. The change is
    /// made on what is stored and on what the other widgets on this page hold of the same
    /// records and have not written yet (see `Shelf::read`). If the write
    /// fails the change still holds in memory, and the notice says so.
    pub fn change(&self, now_ms: i64, edit: impl FnOnce(&mut Envelope<T>)) {
        {
            let mut s = self.shelf.borrow_mut();
            s.read(now_ms);
            let before = s.fresh_stamps();
            if let Some(doc) = s.doc.any_mut().downcast_mut::<Envelope<T>>() {
                edit(doc);
            }
            s.note_fresh(before);
            s.dirty = true;
        }
        Shelf::schedule(&self.shelf);
    }

    /// Adds or replaces one record.
    pub fn save(&self, now_ms: i64, item: T) {
        self.change(now_ms, |doc| doc.upsert(item));
    }

    /// Replaces the stored document with `doc`, and memory's copy only if that write worked.
    /// Returns what it replaced, for undoing a many-kind import that failed half way. Call it
    /// under the namespace's lock.
    pub fn replace(&self, doc: Envelope<T>) -> Result<Replaced, StoreError> {
        let mut s = self.shelf.borrow_mut();
        // Read only here, where an import may have to put it back: no other write needs the
        // text it replaces, and reading it copies the whole document into the engine (132 KB
        // for three years of entries).
        let before = s.store.get(&s.key)?;
        s.put(encode(&doc))?;
        let doc = core::mem::replace(&mut s.doc, Box::new(doc));
        let dirty = core::mem::replace(&mut s.dirty, false);
        if matches!(s.notice, Some(Notice::NotSaved)) {
            s.set_notice(None);
        }
        Ok(Replaced { before, doc, dirty })
    }

    /// Puts back what [`Vault::replace`] replaced: the stored text (or no key), and memory's
    /// copy with its changes not stored yet, which the next write tries again.
    pub fn restore(&self, replaced: Replaced) {
        self.shelf.borrow_mut().restore(replaced);
    }

    /// Empties memory's copy at once ("delete everything"), before storage follows under the
    /// lock ([`Vault::wipe`]).
    pub fn forget(&self, now_ms: i64) {
        let arm = self
            .shelf
            .try_borrow_mut()
            .is_ok_and(|mut s| s.forget(now_ms));
        if arm {
            Shelf::retry_later(&self.shelf);
        }
    }

    /// "Delete everything" for this kind: memory and storage. The stored copy becomes a small
    /// clear marker (so another tab's older copy can't bring the records back), or, where even
    /// that can't be written, is removed. Data held for a newer version goes too: the visitor
    /// asked for everything. Call it under the namespace's lock, then [`Vault::verify_empty`].
    pub fn wipe(&self, now_ms: i64) {
        self.shelf.borrow_mut().wipe(now_ms);
    }

    /// Whether, read back, nothing of this kind is stored: no key, or a document with no
    /// records in it.
    pub fn verify_empty(&self) -> bool {
        self.shelf().verify_empty()
    }
}

/// The typed document behind a vault. A vault of `T` only ever holds an `Envelope<T>`; the
/// fallback (an empty document) is never used, but keeps this free of panics.
fn typed<T: Record + 'static>(doc: &dyn Doc) -> &Envelope<T> {
    match doc.any().downcast_ref::<Envelope<T>>() {
        Some(d) => d,
        None => empty::<T>(),
    }
}

fn empty<T: Record + 'static>() -> &'static Envelope<T> {
    // Leaked once per record type, only if a vault ever held the wrong type (it can't).
    Box::leak(Box::new(Envelope {
        app: String::new(),
        kind: String::new(),
        version: 0,
        cleared_at: 0,
        items: Vec::new(),
    }))
}
