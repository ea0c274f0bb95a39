//! Where the visitor's records live: `localStorage`, `sessionStorage`, or memory.
//!
//! Every web storage call can throw (private mode, a sandboxed iframe's opaque origin, blocked
//! cookies, a full quota), so each one is wrapped and answers a `Result`. Storage is probed with a
//! real write before it is trusted; where that fails, the widget keeps working in memory and says
//! that history won't be kept this time.

use std::cell::RefCell;
use std::collections::BTreeMap;

use crate::core::options::StorageKind;

/// A storage call that the browser refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum StoreError {
    /// The browser threw (quota, security, or storage switched off).
    Refused,
}

/// Key-value text storage. Each `set` replaces a whole value or changes nothing.
pub trait Store: std::fmt::Debug {
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
}

/// `localStorage` or `sessionStorage`.
#[derive(Debug)]
pub struct WebStore {
    area: web_sys::Storage,
}

impl Store for WebStore {
    fn get(&self, key: &str) -> Result<Option<String>, StoreError> {
        self.area.get_item(key).map_err(|_| StoreError::Refused)
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
            .collect()
    }

    fn persistent(&self) -> bool {
        true
    }
}

thread_local! {
    // Memory storage is shared by the widgets of one page, like real storage would be.
    static MEMORY: RefCell<BTreeMap<String, String>> = const { RefCell::new(BTreeMap::new()) };
}

/// Storage that lasts as long as the page: the fallback, and `storage="none"`.
#[derive(Debug, Default)]
pub struct MemoryStore;

impl Store for MemoryStore {
    fn get(&self, key: &str) -> Result<Option<String>, StoreError> {
        Ok(MEMORY.with(|m| m.try_borrow().ok().and_then(|m| m.get(key).cloned())))
    }

    fn set(&self, key: &str, value: &str) -> Result<(), StoreError> {
        MEMORY.with(|m| match m.try_borrow_mut() {
            Ok(mut m) => {
                m.insert(key.to_string(), value.to_string());
                Ok(())
            }
            Err(_) => Err(StoreError::Refused),
        })
    }

    fn remove(&self, key: &str) -> Result<(), StoreError> {
        MEMORY.with(|m| {
            if let Ok(mut m) = m.try_borrow_mut() {
                m.remove(key);
            }
        });
        Ok(())
    }

    fn keys(&self, prefix: &str) -> Vec<String> {
        MEMORY.with(|m| {
            m.try_borrow()
                .map(|m| {
                    m.keys()
                        .filter(|k| k.starts_with(prefix))
                        .cloned()
                        .collect()
                })
                .unwrap_or_default()
        })
    }

    fn persistent(&self) -> bool {
        false
    }
}

/// Why a widget is keeping its records in memory.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Fallback {
    /// The site chose `storage="none"`: nothing to tell the visitor.
    Chosen,
    /// The browser refused storage: the visitor should know history won't be kept.
    Refused,
}

fn web_area(kind: StorageKind) -> Option<web_sys::Storage> {
    let w = web_sys::window()?;
    match kind {
        StorageKind::Local => w.local_storage().ok().flatten(),
        StorageKind::Session => w.session_storage().ok().flatten(),
        StorageKind::None => None,
    }
}

/// Opens the storage a widget asked for, probing it with a real write and removal. Returns
/// memory storage, and why, where the browser refuses.
pub fn open(kind: StorageKind, namespace: &str) -> (Box<dyn Store>, Option<Fallback>) {
    if kind == StorageKind::None {
        return (Box::new(MemoryStore), Some(Fallback::Chosen));
    }
    if let Some(area) = web_area(kind) {
        let store = WebStore { area };
        let probe = ["attune.", namespace, ".probe"].concat();
        if store.set(&probe, "1").is_ok() && store.remove(&probe).is_ok() {
            return (Box::new(store), None);
        }
    }
    (Box::new(MemoryStore), Some(Fallback::Refused))
}

use super::json::from_js;
use crate::core::records::{
    aside_key, import, merge, storage_key, Envelope, Header, ImportError, ImportReport, Kind,
    LoadError, Record, MAX_IMPORT_BYTES,
};
use serde::{de::DeserializeOwned, Serialize};
use wasm_bindgen::JsValue;

/// What a widget should tell the visitor about its records, if anything.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Notice {
    /// The browser refused storage: history won't be kept this time.
    NotKept,
    /// Stored data could not be read; it was kept aside, untouched.
    KeptAside,
    /// Stored data comes from a newer Attune; it was kept aside, untouched.
    Newer,
    /// A write failed (a full quota); this session's entries live in memory only.
    NotSaved,
}

/// Parses JSON text into a checked document, with the browser's own `JSON.parse`.
pub fn decode<T: Record + DeserializeOwned>(
    text: &str,
    kind: Kind,
) -> Result<Envelope<T>, LoadError> {
    let value = js_sys::JSON::parse(text).map_err(|_| LoadError::Damaged)?;
    let header: Header = from_js(value.clone()).map_err(|_| LoadError::Damaged)?;
    header.check(kind)?;
    let doc: Envelope<T> = from_js(value).map_err(|_| LoadError::Damaged)?;
    doc.checked(kind)
}

/// Turns a document into JSON text.
pub fn encode<T: Serialize>(doc: &Envelope<T>) -> Option<String> {
    let value: JsValue = serde_wasm_bindgen::to_value(doc).ok()?;
    js_sys::JSON::stringify(&value).ok().map(String::from)
}

/// One widget kind's records in one namespace: read at open, merged with what is stored before
/// every write (so another tab's entries survive), written whole.
#[derive(Debug)]
pub struct Vault<T> {
    store: Box<dyn Store>,
    key: String,
    namespace: String,
    kind: Kind,
    doc: Envelope<T>,
    /// False while a stored value that could not be read sits under the key and could not be
    /// copied aside: then nothing may be written over it.
    writable: bool,
    /// The unreadable stored text already copied aside, so it is copied once, not per read.
    set_aside: Option<String>,
    notice: Option<Notice>,
    /// The stored text last read or written: when the key still holds it, nothing new is there
    /// to merge, and decoding it again (tens of milliseconds for years of entries) is skipped.
    seen: Option<String>,
}

impl<T: Record + Serialize + DeserializeOwned> Vault<T> {
    /// Opens the records of `kind` under the `namespace`, in the storage the site chose.
    pub fn open(storage: StorageKind, namespace: &str, kind: Kind, now_ms: i64) -> Vault<T> {
        let (store, fallback) = open(storage, namespace);
        let mut vault = Vault {
            store,
            key: storage_key(namespace, kind),
            namespace: namespace.to_string(),
            kind,
            doc: Envelope::new(kind),
            writable: true,
            set_aside: None,
            notice: (fallback == Some(Fallback::Refused)).then_some(Notice::NotKept),
            seen: None,
        };
        vault.read(now_ms);
        vault
    }

    /// Reads what is stored and merges it in. A value that can't be read is copied aside under
    /// its own key, never overwritten; the visitor is told.
    fn read(&mut self, now_ms: i64) -> bool {
        let Ok(Some(text)) = self.store.get(&self.key) else {
            return false;
        };
        if self.seen.as_deref() == Some(text.as_str()) {
            return false;
        }
        match decode::<T>(&text, self.kind) {
            Ok(stored) => {
                let merged = merge(&self.doc, &stored);
                let changed = merged != self.doc;
                self.doc = merged;
                self.seen = Some(text);
                changed
            }
            Err(_) if self.set_aside.as_deref() == Some(text.as_str()) => false,
            Err(err) => {
                // Copied aside once, not on every page load: an identical kept copy is enough.
                let prefix = crate::core::records::aside_prefix(&self.namespace, self.kind);
                let store = &self.store;
                let kept = store
                    .keys(&prefix)
                    .iter()
                    .any(|k| store.get(k).ok().flatten().as_deref() == Some(text.as_str()));
                let aside = aside_key(&self.namespace, self.kind, now_ms);
                self.writable = kept || self.store.set(&aside, &text).is_ok();
                self.set_aside = Some(text);
                self.notice = Some(match err {
                    LoadError::NewerVersion(_) => Notice::Newer,
                    _ => Notice::KeptAside,
                });
                false
            }
        }
    }

    /// Merges in what another tab wrote. Returns whether anything changed.
    pub fn reload(&mut self, now_ms: i64) -> bool {
        self.read(now_ms)
    }

    /// The storage key, to recognise this vault's `storage` events.
    pub fn key(&self) -> &str {
        &self.key
    }

    /// The records, in the document's order.
    pub fn items(&self) -> &[T] {
        &self.doc.items
    }

    /// The whole document (for the bundled export and import of every kind).
    pub fn document(&self) -> &Envelope<T> {
        &self.doc
    }

    /// The storage the vault writes to (for listing and removing kept-aside values).
    pub fn store(&self) -> &dyn Store {
        self.store.as_ref()
    }

    /// What the widget should say about storage, if anything.
    pub fn notice(&self) -> Option<Notice> {
        self.notice
    }

    /// Changes the records and writes them: the stored copy is merged in first, then the whole
    /// document is written at once. If the write fails the change still holds in memory.
    pub fn change(&mut self, now_ms: i64, edit: impl FnOnce(&mut Envelope<T>)) {
        self.read(now_ms);
        edit(&mut self.doc);
        self.write();
    }

    fn write(&mut self) {
        if !self.writable {
            return;
        }
        let text = encode(&self.doc);
        let ok = text
            .as_ref()
            .is_some_and(|text| self.store.set(&self.key, text).is_ok());
        self.seen = if ok { text } else { None };
        if !ok && self.store.persistent() {
            self.notice = Some(Notice::NotSaved);
        }
    }

    /// Adds or replaces one record.
    pub fn save(&mut self, now_ms: i64, item: T) {
        self.change(now_ms, |doc| doc.upsert(item));
    }

    /// Deletes every record (and, through the clear time, other tabs' copies of them too).
    pub fn clear(&mut self, now_ms: i64) {
        self.change(now_ms, |doc| doc.clear(now_ms));
    }

    /// The records as a JSON file's text.
    pub fn export_json(&self) -> String {
        encode(&self.doc).unwrap_or_default()
    }

    /// Adds the records of an exported file. All or nothing: a file that is not ours or is
    /// damaged changes nothing.
    pub fn import_json(&mut self, text: &str, now_ms: i64) -> Result<ImportReport, ImportError> {
        if text.len() as u64 > MAX_IMPORT_BYTES {
            return Err(ImportError::TooLarge);
        }
        let value = js_sys::JSON::parse(text).map_err(|_| ImportError::Damaged)?;
        let header: Header = from_js(value.clone()).map_err(|_| ImportError::NotOurs)?;
        header.check(self.kind)?;
        let incoming: Envelope<T> = from_js(value).map_err(|_| ImportError::Damaged)?;
        self.read(now_ms);
        let (doc, report) = import(&self.doc, incoming)?;
        self.doc = doc;
        self.write();
        Ok(report)
    }

    /// Values kept aside under this vault's namespace, raw, for the visitor to export.
    pub fn kept_aside(&self) -> Vec<(String, String)> {
        let prefix = crate::core::records::aside_prefix(&self.namespace, self.kind);
        self.store
            .keys(&prefix)
            .into_iter()
            .filter_map(|k| self.store.get(&k).ok().flatten().map(|v| (k, v)))
            .collect()
    }
}
