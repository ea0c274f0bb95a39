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
        self.area.set_item(key, value).map_err(|_| StoreError::Refused)
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
                .map(|m| m.keys().filter(|k| k.starts_with(prefix)).cloned().collect())
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
