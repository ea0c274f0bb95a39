//! The storage schema every widget uses: what is kept in the visitor's browser, how it is checked
//! when read back, and how two copies of it come together.
//!
//! Each widget kind keeps one document per `storage-key` namespace, an [`Envelope`]:
//!
//! ```json
//! { "app": "attune", "kind": "pleasure", "version": 1, "cleared_at": 0, "items": [ ... ] }
//! ```
//!
//! Text is read and written by [`super::json`] (never the page's `JSON` object, which a page can
//! replace or bend with `toJSON`). Reading a stored value goes in four steps, and each failure
//! has its own answer, so the visitor's data is never silently overwritten:
//!
//! 1. The text is not JSON: [`LoadError::Damaged`].
//! 2. Decode a [`Header`] and [`Header::check`] it: someone else's data is
//!    [`LoadError::NotOurs`], a later schema is [`LoadError::NewerVersion`]. Both are moved
//!    aside (see [`aside_key`]), never overwritten.
//! 3. Decode the whole [`Envelope`]; a failure is [`LoadError::Damaged`].
//! 4. [`Envelope::checked`] migrates older versions and validates every item; one bad item
//!    refuses the whole document ([`LoadError::Damaged`]), which the web layer keeps aside while
//!    the widget starts empty and says so. Nothing is dropped quietly.
//!
//! Two tabs, or a tab and an import, come together with [`merge`]: union by id, the later edit
//! of a record wins, and "delete everything" is a time stamp ([`Envelope::cleared_at`]) that
//! also removes the old entries another open tab still holds.

use crate::prelude::*;

use super::json::{Fields, FromJson, Invalid, Object, ToJson, Value};

use super::days::LocalDay;
use super::num::push_uint;

/// The newest schema version this build reads. Bump it together with a step in
/// [`Record::upgrade`] (and, if the envelope itself changes, in `upgrade_step` below).
/// Version 2 lets a session hold up to [`MAX_TAGS`] tags where version 1 held 50. A document
/// is written at the oldest version that holds all its records ([`Envelope::written_version`]),
/// so the builds before read every other document as they did, and hold one they cannot read
/// whole (as a newer version's) instead of taking it for damaged.
pub const SCHEMA_VERSION: u32 = 2;

/// The `app` field of every document Attune writes; anything else is not ours.
pub const APP: &str = "attune";

/// The most items one document may hold, and one import may bring. Three years of daily use is
/// about a thousand; the limit only stops a hostile or mistaken file from freezing the page.
pub const MAX_ITEMS: usize = 50_000;

/// The largest import file the web layer should read, checked on the file's size before any
/// parsing.
pub const MAX_IMPORT_BYTES: u64 = 20 * 1024 * 1024;

/// The latest time a record may carry: 3000-01-01T00:00Z in milliseconds. Later (or negative)
/// times only come from a broken clock or a forged file.
pub const MAX_TIME_MS: i64 = 32_503_680_000_000;

/// The latest change stamp a record or a clear may carry: past [`MAX_TIME_MS`], so a record
/// saved after a clear stamped at that time (a clock past 3000, a file, an earlier build) is
/// still stamped later than the clear, and kept. Stamps are only compared, never shown; the
/// largest integer JSON readers keep exactly.
pub const MAX_STAMP: i64 = 1 << 53;

/// Longest id, in characters.
pub const MAX_ID_LEN: usize = 64;

/// Longest free text any record keeps, in characters. Widgets set tighter limits of their own.
pub const MAX_TEXT: usize = 500;

/// Highest value of every 0-10 rating.
pub const MAX_RATING: u8 = 10;

/// Most entries of each list in a [`SessionRecord`] (counts, words).
pub const MAX_LIST: usize = 50;

/// Most tags in a [`SessionRecord`]: a body scan's ten parts, each with its nine sensations
/// and a strength. (At 50, the feet's and legs' tags of a full scan were cut from the record.)
pub const MAX_TAGS: usize = 100;

/// Longest word or short phrase in [`SessionRecord::words`], in characters.
pub const MAX_WORD: usize = 60;

/// The kinds of stored document, one per widget family.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// The micro-pleasure tracker's entries.
    Pleasure,
    /// The reconnection plan: plans and their days.
    Plan,
    /// Finished exercises of the other widgets (breathing, grounding, body scan, check-in).
    Sessions,
}

impl Kind {
    /// Every kind, for the web layer's listing of what is stored.
    pub const ALL: [Kind; 3] = [Kind::Pleasure, Kind::Plan, Kind::Sessions];

    /// The name in documents and storage keys.
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Pleasure => "pleasure",
            Kind::Plan => "plan",
            Kind::Sessions => "sessions",
        }
    }

    /// Reads a kind name; anything else is `None`.
    pub fn parse(name: &str) -> Option<Kind> {
        Kind::ALL.iter().copied().find(|k| k.as_str() == name)
    }
}

/// The storage key of a kind's document: `attune.<namespace>.<kind>`. The namespace is the
/// `storage-key` option, so two sites' or two widgets' records never meet by accident.
pub fn storage_key(namespace: &str, kind: Kind) -> String {
    ["attune.", namespace, ".", kind.as_str()].cat()
}

/// Where a stored value that could not be used is moved: `attune.<namespace>.<kind>.aside.<at_ms>`.
/// It stays there untouched, so the visitor can still export it and nothing is lost.
pub fn aside_key(namespace: &str, kind: Kind, at_ms: i64) -> String {
    let mut key = aside_prefix(namespace, kind);
    if at_ms < 0 {
        key.push('-');
    }
    push_uint(&mut key, at_ms.unsigned_abs());
    key
}

/// The start every [`aside_key`] of this namespace and kind shares, for finding them again.
pub fn aside_prefix(namespace: &str, kind: Kind) -> String {
    [&storage_key(namespace, kind), ".aside."].cat()
}

/// Why a stored document could not be used. The web layer keeps such data aside and says so.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LoadError {
    /// It is not an Attune document of this kind (another app's data under our key).
    NotOurs,
    /// It was written by a newer Attune with this schema version; it is kept as it is.
    NewerVersion(u32),
    /// It could not be read, or an item broke the schema's limits.
    Damaged,
}

/// The first three fields of a document, read on their own before the items, so that a newer
/// version whose items this build cannot decode is recognised as newer, not as damaged.
/// Missing fields read as empty or 0 (which [`Header::check`] refuses).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Header {
    /// Must be [`APP`].
    pub app: String,
    /// One of [`Kind`]'s names.
    pub kind: String,
    /// The schema version it was written with.
    pub version: u32,
}

impl FromJson for Header {
    fn from_json(v: &Value) -> Result<Self, Invalid> {
        let f = Fields::of(v)?;
        Ok(Header {
            app: f.or_default("app")?,
            kind: f.or_default("kind")?,
            version: f.or_default("version")?,
        })
    }
}

impl Header {
    /// Whether a document with this header can be read as `expected`: refuses others' data and
    /// later versions; older versions pass (they are migrated after decoding).
    pub fn check(&self, expected: Kind) -> Result<(), LoadError> {
        check_header(&self.app, &self.kind, self.version, expected)
    }
}

fn check_header(app: &str, kind: &str, version: u32, expected: Kind) -> Result<(), LoadError> {
    if app != APP || kind != expected.as_str() {
        return Err(LoadError::NotOurs);
    }
    if version > SCHEMA_VERSION {
        return Err(LoadError::NewerVersion(version));
    }
    Ok(())
}

/// What every stored item is: identified, time-stamped at its last change, and checkable.
///
/// `Ord` is required only to break ties: when two copies of one record carry the same
/// `updated_at` but differ, the greater one wins, so the outcome never depends on which copy
/// came first.
pub trait Record: Clone + Ord + FromJson + ToJson {
    /// The record's id: unique within its document, kept for life.
    fn id(&self) -> &str;
    /// When the record last changed, in ms since the epoch; the later change wins a merge.
    fn updated_at(&self) -> i64;
    /// Sets the change stamp; used when an import brings back entries deleted earlier.
    fn set_updated_at(&mut self, at_ms: i64);
    /// Whether this copy is the tombstone of a record deleted on its own. A tombstone wins a
    /// merge over any live copy, whatever their stamps: an edit saved in another tab after the
    /// deletion (or racing it) must not bring deleted words back.
    fn gone(&self) -> bool {
        false
    }
    /// Whether the record keeps the schema's limits (id shape, text lengths, ranges, sane
    /// times). Stored or imported data with any invalid record is refused whole.
    fn valid(&self) -> bool;
    /// Whether an import takes the file's later copy of a record already here, as a merge of
    /// two tabs does. Not for a record that two devices change apart, hours from each other, in
    /// different parts (a plan's day holds its ticks and its note): the later copy, whole, would
    /// lose what the other device wrote, so this device's copy stays.
    const IMPORT_TAKES_LATER: bool = true;
    /// The oldest schema version that can hold this record (see [`SCHEMA_VERSION`]).
    fn version(&self) -> u32 {
        1
    }
    /// Drops from a merged document what cannot stand without a record the merge left out:
    /// for the plan, a day whose plan is gone. Such a day is a tick or a note made in a tab that
    /// had not yet heard of "Delete everything" in another one, stamped after it, so the clear
    /// kept it while dropping its plan: an invisible note said to be deleted. Run on merges
    /// only, not on reading, so a stored copy that holds such a day differs from the merge and
    /// is written again without it.
    fn prune(items: &mut Vec<Self>) {
        let _ = items;
    }
    /// Brings the record from schema `from_version` to `from_version + 1` after it was decoded
    /// into today's type (defaults fill fields added since). Returns `false` if it can't.
    /// Nothing to do from 1 to 2, which only let a session hold more tags; adding version 3
    /// means bumping [`SCHEMA_VERSION`] and handling `2` here (and [`Record::version`]).
    fn upgrade(&mut self, from_version: u32) -> bool {
        let _ = from_version;
        true
    }
}

/// One stored document: the records of one widget kind in one namespace.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Envelope<T> {
    /// Always [`APP`] when written by Attune.
    pub app: String,
    /// The [`Kind`] name.
    pub kind: String,
    /// The schema version it was written with.
    pub version: u32,
    /// When "delete everything" last happened (ms), 0 if never. Every item changed at or before
    /// this time is gone, also when another tab still holds it.
    pub cleared_at: i64,
    /// The records, sorted by id.
    pub items: Vec<T>,
}

impl<T: FromJson> FromJson for Envelope<T> {
    fn from_json(v: &Value) -> Result<Self, Invalid> {
        let f = Fields::of(v)?;
        Ok(Envelope {
            app: f.or_default("app")?,
            kind: f.or_default("kind")?,
            version: f.or_default("version")?,
            cleared_at: f.or_default("cleared_at")?,
            items: f.or_default("items")?,
        })
    }
}

impl<T: Record> ToJson for Envelope<T> {
    fn write_json(&self, out: &mut String) {
        Object::open(out)
            .put("app", &self.app)
            .put("kind", &self.kind)
            .put("version", &self.written_version())
            .put("cleared_at", &self.cleared_at)
            .put("items", &self.items)
            .close();
    }
}

impl<T: Record> Envelope<T> {
    /// An empty document of this kind, at the current version.
    pub fn new(kind: Kind) -> Self {
        Envelope {
            app: APP.to_string(),
            kind: kind.as_str().to_string(),
            version: SCHEMA_VERSION,
            cleared_at: 0,
            items: Vec::new(),
        }
    }

    /// The version the document is written at: the oldest that holds every record in it.
    pub fn written_version(&self) -> u32 {
        // A stamp past the year 3000 is damage to builds before version 2 (see [`MAX_STAMP`]).
        let past = self.cleared_at > MAX_TIME_MS;
        self.items.iter().fold(1 + u32::from(past), |v, i| {
            v.max(i.version())
                .max(1 + u32::from(i.updated_at() > MAX_TIME_MS))
        })
    }

    /// The document's header, for messages and checks.
    pub fn header(&self) -> Header {
        Header {
            app: self.app.clone(),
            kind: self.kind.clone(),
            version: self.version,
        }
    }

    /// Checks a decoded document before use: refuses others' data ([`LoadError::NotOurs`]) and
    /// later versions ([`LoadError::NewerVersion`]), migrates earlier ones, and refuses the
    /// whole document if any item or the clear stamp is out of bounds ([`LoadError::Damaged`]).
    /// The result is in canonical form: one copy per id (the later wins), nothing cleared, sorted.
    pub fn checked(self, expected: Kind) -> Result<Self, LoadError> {
        check_header(&self.app, &self.kind, self.version, expected)?;
        let env = migrate(self)?;
        if !valid_stamp(env.cleared_at) || !env.items.iter().all(Record::valid) {
            return Err(LoadError::Damaged);
        }
        Ok(Envelope {
            items: canonical(&env.items, &[], env.cleared_at),
            ..env
        })
    }

    /// Saves one new or changed record, replacing the copy with the same id. A record deleted
    /// meanwhile (another tab) stays deleted, as in a [`merge`]. The record's `updated_at` is
    /// moved past the copy it replaces and past the clear where it is not already (see
    /// [`stamp`]): a copy stamped ahead of this clock (an imported file, a clock set back since)
    /// would otherwise win the next merge, and the change be lost, or the clear drop it.
    pub fn upsert(&mut self, mut item: T) {
        let slot = self.items.iter_mut().find(|i| i.id() == item.id());
        let after = slot
            .as_ref()
            .map_or(self.cleared_at, |s| s.updated_at().max(self.cleared_at));
        item.set_updated_at(stamp(item.updated_at(), after));
        match slot {
            Some(slot) if slot.gone() && !item.gone() => {}
            Some(slot) => *slot = item,
            None => {
                let at = self.items.partition_point(|i| i.id() < item.id());
                self.items.insert(at, item);
            }
        }
    }

    /// Whether a live copy of the record `id` is here: not deleted on its own, nor by a clear
    /// (another tab's, merged in). A change to a record that is gone must not save it again.
    pub fn live(&self, id: &str) -> bool {
        self.items.iter().any(|i| i.id() == id && !i.gone())
    }

    /// "Delete everything": empties the document and records when, so a merge with an older
    /// copy (another tab) cannot bring the entries back.
    pub fn clear(&mut self, now_ms: i64) {
        self.clear_keeping(now_ms, &[]);
    }

    /// [`Envelope::clear`], but for the records `keep` marks, by position: those the visitor
    /// changed on this page after the click, while the clear waited for the namespace's lock.
    /// Told apart by the caller, not by stamp: an import or a tab whose clock runs ahead
    /// stamps older records past the click too, and those go. A kept record is stamped past
    /// the clear where it is not already, so no merge drops it.
    pub fn clear_keeping(&mut self, now_ms: i64, keep: &[bool]) {
        let fresh = |n: usize| keep.get(n) == Some(&true);
        // Past every record it empties, whatever its stamp: one stamped ahead of this clock (an
        // imported file, a clock set back since) would otherwise outlive the clear and come back
        // from another tab's copy.
        // (Even one stamped at the year 3000: a record saved after it is stamped past it, see
        // [`MAX_STAMP`].)
        let mut at = self.cleared_at.max(now_ms);
        for (n, item) in self.items.iter().enumerate() {
            if !fresh(n) {
                at = at.max(item.updated_at());
            }
        }
        for (n, item) in self.items.iter_mut().enumerate() {
            if fresh(n) {
                item.set_updated_at(stamp(item.updated_at(), at));
            }
        }
        self.cleared_at = at;
        // (What the clear empties is dropped as a merge drops it: no code of its own for each
        // record type.)
        self.items = canonical(&self.items, &[], at);
    }
}

/// Brings a document from an earlier schema version to [`SCHEMA_VERSION`], one version at a
/// time, so each step is written once and every older version takes the whole path.
pub fn migrate<T: Record>(mut env: Envelope<T>) -> Result<Envelope<T>, LoadError> {
    while env.version < SCHEMA_VERSION {
        upgrade_step(&mut env)?;
    }
    Ok(env)
}

/// One step: version `v` to `v + 1`. Version 0 never existed, so a document claiming it is
/// damaged. Envelope-level changes (none yet) would go here; record-level ones go in
/// [`Record::upgrade`].
fn upgrade_step<T: Record>(env: &mut Envelope<T>) -> Result<(), LoadError> {
    let from = env.version;
    if from == 0 || from >= SCHEMA_VERSION {
        return Err(LoadError::Damaged);
    }
    for item in env.items.iter_mut() {
        if !item.upgrade(from) {
            return Err(LoadError::Damaged);
        }
    }
    env.version = from + 1;
    Ok(())
}

/// One copy per id (a tombstone over a live copy, then the later `updated_at`; equal stamps go
/// to the greater record), none changed at or before `cleared_at`, sorted by id: of the records
/// of `a` and `b` together.
/// (Two slices rather than any iterator: one copy of this for each record kind.)
fn canonical<T: Record>(a: &[T], b: &[T], cleared_at: i64) -> Vec<T> {
    let mut kept: Vec<&T> = a
        .iter()
        .chain(b)
        .filter(|i| i.updated_at() > cleared_at)
        .vec();
    // By id, and within one id the winning copy first; then the first of each id is kept.
    // (A sort rather than a map: a fraction of the wasm for each record type.)
    super::num::sort_by(&mut kept, |a, b| match a.id().cmp(b.id()) {
        core::cmp::Ordering::Equal => {
            (a.gone(), a.updated_at(), *a) > (b.gone(), b.updated_at(), *b)
        }
        order => order.is_lt(),
    });
    kept.dedup_by(|later, first| later.id() == first.id());
    kept.into_iter().cloned().vec()
}

/// Two copies of a document together (two tabs, or the stored copy and this tab's): every id
/// from either, the later change of each record (a deletion over any change), the later clear,
/// nothing cleared, sorted by id.
///
/// The result depends only on the set of record copies, never on the order of merging, so it
/// is commutative and associative: tabs can merge whenever they like and agree in the end.
/// (One exception, from [`Record::prune`]: a plan ended in a third tab that had not heard of
/// the clear either comes back without the days the first merge dropped with it.)
pub fn merge<T: Record>(a: &Envelope<T>, b: &Envelope<T>) -> Envelope<T> {
    joined(a, b, a.cleared_at.max(b.cleared_at))
}

/// `a` and `b` as one document cleared at `cleared_at`.
fn joined<T: Record>(a: &Envelope<T>, b: &Envelope<T>, cleared_at: i64) -> Envelope<T> {
    let mut items = canonical(&a.items, &b.items, cleared_at);
    T::prune(&mut items);
    Envelope {
        app: APP.to_string(),
        kind: a.kind.clone().max(b.kind.clone()),
        version: SCHEMA_VERSION,
        cleared_at,
        items,
    }
}

/// Two storages' documents of one kind as one file (an export): every record of either. Each
/// storage was cleared on its own, so neither's clear drops the other's records; the file keeps
/// the earlier clear.
pub fn union<T: Record>(a: &Envelope<T>, b: &Envelope<T>) -> Envelope<T> {
    joined(a, b, a.cleared_at.min(b.cleared_at))
}

/// What an import did, for "3 added, 12 already here".
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ImportReport {
    /// Entries that were not here and now are.
    pub added: usize,
    /// Of the entries already here, those whose copy in the file is a later change (an edit,
    /// or a deletion, made on the device the file came from), which now stands here too.
    pub updated: usize,
    /// Entries already here (same id), updated or not.
    pub skipped: usize,
    /// Entries of the file that were left out: repeated within it, or deleted in it (changed
    /// at or before its own "delete everything", or never stamped with a change time).
    pub dropped: usize,
}

/// Why an import changed nothing. Each has its own plain sentence in the catalog.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ImportError {
    /// Not an Attune export of this widget (another app's file, or another widget's).
    NotOurs,
    /// Exported by a newer Attune with this schema version.
    NewerVersion(u32),
    /// More than [`MAX_ITEMS`] entries, or a file over [`MAX_IMPORT_BYTES`].
    TooLarge,
    /// Not readable JSON, cut short, or with an entry outside the schema's limits.
    Damaged,
    /// A plan in the file starts after today (a clock or a file from the future).
    FuturePlan,
    /// The browser would not store the result (a full quota); nothing was changed.
    NotStored,
    /// Data from a newer Attune is kept here untouched, so nothing is written over it.
    Held,
}

impl From<LoadError> for ImportError {
    fn from(e: LoadError) -> Self {
        match e {
            LoadError::NotOurs => ImportError::NotOurs,
            LoadError::NewerVersion(v) => ImportError::NewerVersion(v),
            LoadError::Damaged => ImportError::Damaged,
        }
    }
}

/// Merges an exported file's entries into the current document by id, all or nothing: what
/// two devices exported to each other agrees in the end, as two tabs do.
///
/// A file that is not ours, newer, too large or with any invalid entry is refused whole and
/// nothing changes. An entry new here is added. For an id already here, the later change wins
/// as in a [`merge`] (an edit made since on the other device, or its deletion); what changed
/// here since stays; and a record kind that two devices change apart keeps this device's copy
/// (see [`Record::IMPORT_TAKES_LATER`]).
/// The file's own `cleared_at` is ignored: an import never empties what the visitor has.
/// Entries deleted here by "Delete everything" come back (the visitor chose to import them):
/// they are re-stamped just after this document's clear, so the clear does not hide them;
/// one deleted here on its own stays deleted.
///
/// A change in the file stamped after `latest_ms` (the caller gives now plus three days, more
/// than two clocks or time zones differ by) counts as made at `latest_ms`: a stamp far ahead
/// would win every merge, and a "Delete everything" after it would be stamped that far ahead
/// too, hiding every record saved since (at the schema's last valid time, for good).
pub fn import<T: Record>(
    current: &Envelope<T>,
    incoming: Envelope<T>,
    latest_ms: i64,
) -> Result<(Envelope<T>, ImportReport), ImportError> {
    let kind = Kind::parse(&current.kind).ok_or(ImportError::NotOurs)?;
    check_header(&incoming.app, &incoming.kind, incoming.version, kind)?;
    if incoming.items.len() > MAX_ITEMS {
        return Err(ImportError::TooLarge);
    }
    let given = incoming.items.len();
    let incoming = incoming.checked(kind)?;
    let cleared_at = current.cleared_at;
    // Sorted by id (canonical), so a binary search finds what is here.
    let here = canonical(&current.items, &[], cleared_at);
    let mut report = ImportReport {
        dropped: given - incoming.items.len(),
        ..ImportReport::default()
    };
    let mut taken = Vec::new();
    for mut item in incoming.items {
        // Held to `latest_ms`, a copy stamped ahead only adds what is not here, or deletes it:
        // as a change, it would take the place of an edit made here since (stamped past it)
        // when the same file came again later, its stamp held to a later time. A deletion is
        // held too, and still taken: stamped ahead, a "Delete everything" would take its time
        // and every record made until then would be lost.
        let ahead = item.updated_at() > latest_ms;
        if ahead {
            item.set_updated_at(latest_ms);
        }
        let ahead = ahead && !item.gone();
        match here.binary_search_by(|p| p.id().cmp(item.id())) {
            Ok(at) => match here.get(at) {
                // Deleted here on its own: the deletion stands, and the report says the entry
                // was left out, not that it is "already here".
                Some(mine) if mine.gone() => report.dropped += 1,
                // Later in the file, by the merge's own order (a deletion over any change).
                Some(mine)
                    if T::IMPORT_TAKES_LATER
                        && !ahead
                        && item.updated_at() > cleared_at
                        && (item.gone(), item.updated_at(), &item)
                            > (mine.gone(), mine.updated_at(), mine) =>
                {
                    // (An entry restored there after a "Delete everything" counts too: stamped
                    // anew, it is the later copy, even if nothing else about it changed. Telling
                    // the two apart measured 260 B.)
                    report.skipped += 1;
                    report.updated += 1;
                    taken.push(item);
                }
                _ => report.skipped += 1,
            },
            // A deletion of an entry never here: nothing to add.
            Err(_) if item.gone() => report.dropped += 1,
            Err(_) => {
                // Past the clear, as a change made now would be (never past the last stamp).
                item.set_updated_at(stamp(item.updated_at(), cleared_at));
                report.added += 1;
                taken.push(item);
            }
        }
    }
    let items = canonical(&here, &taken, cleared_at);
    if items.len() > MAX_ITEMS {
        return Err(ImportError::TooLarge);
    }
    Ok((
        Envelope {
            items,
            cleared_at,
            ..Envelope::new(kind)
        },
        report,
    ))
}

/// A change stamp for a record edited at `now_ms` whose previous stamp (or the document's
/// clear) was `after`: never earlier than `after + 1`, so an edit wins over what it replaces
/// even when the clock went back.
pub fn stamp(now_ms: i64, after: i64) -> i64 {
    // Never past the last valid stamp: one beyond it would make the whole document unreadable.
    now_ms.max(after.saturating_add(1)).min(MAX_STAMP)
}

/// A fresh id from the time and a random number (the web layer's `crypto.getRandomValues`):
/// fixed-width base 36, so ids sort in time order and two tabs never pick the same one.
pub fn new_id(at_ms: i64, random: u32) -> String {
    let mut out = String::with_capacity(17);
    push_base36(&mut out, at_ms.max(0).unsigned_abs(), 9);
    out.push('-');
    push_base36(&mut out, u64::from(random), 7);
    out
}

fn push_base36(out: &mut String, mut n: u64, width: usize) {
    const DIGITS: &[u8; 36] = b"0123456789abcdefghijklmnopqrstuvwxyz";
    let mut buf = [b'0'; 13];
    let mut i = buf.len();
    while n > 0 && i > 0 {
        i -= 1;
        if let (Some(slot), Some(d)) = (buf.get_mut(i), DIGITS.get((n % 36) as usize)) {
            *slot = *d;
        }
        n /= 36;
    }
    let start = i.min(buf.len().saturating_sub(width));
    for b in buf.iter().skip(start) {
        out.push(char::from(*b));
    }
}

/// An id: 1 to 64 characters of `A-Z a-z 0-9 _ -`. Safe in keys, attributes and CSV.
pub fn valid_id(id: &str) -> bool {
    !id.is_empty()
        && id.len() <= MAX_ID_LEN
        && id
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-')
}

/// A tag: ids joined by `:` (`chest:warmth`), at most 64 characters in all.
pub fn valid_tag(tag: &str) -> bool {
    tag.len() <= MAX_ID_LEN && tag.split(':').all(valid_id)
}

/// Text of at most `max_chars` characters. Any character is kept: text is only ever shown as
/// text, and exports quote it.
pub fn valid_text(text: &str, max_chars: usize) -> bool {
    text.len() <= max_chars || text.chars().count() <= max_chars
}

/// A time between the epoch and the year 3000.
pub fn valid_time(ms: i64) -> bool {
    (0..=MAX_TIME_MS).contains(&ms)
}

/// A change stamp: from the epoch to [`MAX_STAMP`].
pub fn valid_stamp(ms: i64) -> bool {
    (0..=MAX_STAMP).contains(&ms)
}

/// A local day between 1969-12-31 and 3000-01-02: the span of [`valid_time`], one day wider on
/// each side for time zones.
pub fn valid_day(day: LocalDay) -> bool {
    let last = MAX_TIME_MS / super::days::MS_PER_DAY + 1;
    (-1..=last).contains(&i64::from(day.0))
}

/// Whether a local day fits the time it was recorded at: a time zone puts it at most one day
/// from the UTC day.
pub fn valid_day_for(day: LocalDay, at_ms: i64) -> bool {
    (i64::from(day.0) - LocalDay::utc_of_ms(at_ms)).abs() <= 1
}

/// Whether `c` turns the direction of the text after it (an embedding, an override or an
/// isolate, U+202A-202E and U+2066-2069). One in a visitor's or a site's words could run on
/// into the words around them and show them back to front: "4 out of 10" as "01 fo tuo 4",
/// or a crisis number with its digits reversed. Words never need one (the widget isolates
/// each language's words itself), so they are left out of text and refused in links.
pub fn bidi_control(c: char) -> bool {
    matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

/// `text` without [`bidi_control`]s.
pub fn without_bidi(text: &str) -> String {
    text.chars().filter(|c| !bidi_control(*c)).collect()
}

/// A visitor's words inside a line of the widget's language (`rtl`: one written right to
/// left): without [`bidi_control`]s of their own and, when they hold a letter of the other
/// direction, between a first-strong isolate and its end (U+2068, U+2069), so they take their
/// own direction and their punctuation stays theirs ("Walk in the park!" in an Arabic line read
/// "!Walk in the park", "+1 555 0100" "0100 555 1+"); in a right-to-left line, words with
/// letters of both directions between a right-to-left isolate and its end (U+2067), as
/// [`rtl_first`] shows them in the widgets. Words of the line's own direction need no marks,
/// which would go with them into copied text and a printed PDF's search.
pub fn isolated(text: &str, rtl: bool) -> String {
    let out: String = text.chars().filter(|c| !bidi_control(*c)).collect();
    let (right, latin) = letters(&out);
    // In a right-to-left line, words without a right-to-left letter (numbers, Cyrillic, Greek,
    // Japanese) are isolated too; and words with one and a Latin word read right to left, as
    // they were written ("Netflix مع أختي" began with its Latin word and read left to right).
    let start = match (rtl, right, latin) {
        (true, true, true) => "\u{2067}",
        (true, true, false) | (false, false, _) => return out,
        _ => "\u{2068}",
    };
    [start, &out, "\u{2069}"].cat()
}

/// Whether `text` holds a character written right to left, near enough (U+0590-U+07FF:
/// Hebrew, Arabic, Syriac, Thaana, N'Ko), and whether it holds an ASCII Latin letter.
fn letters(text: &str) -> (bool, bool) {
    (
        text.chars().any(|c| ('\u{590}'..'\u{800}').contains(&c)),
        text.bytes().any(|b| b.is_ascii_alphabetic()),
    )
}

/// Words of a visitor's or a site's, in a widget written right to left (`rtl`), to show where
/// the line takes the direction of its first letter (the CSS's `unicode-bidi: plaintext`, which
/// keeps "Walk in the park!" left to right, its "!" at the end): words that hold a right-to-left
/// letter and a Latin one ("Netflix مع أختي") get a right-to-left mark first, so they read
/// right to left, as they were written, a Latin word first or not.
pub fn rtl_first(text: &str, rtl: bool) -> String {
    let mark = rtl && letters(text) == (true, true);
    [if mark { "\u{200f}" } else { "" }, text].cat()
}

/// A site's contact words with each phone number in the order it was typed: among words
/// written right to left, "920 033 360" shows as "360 033 920" (each group a number of its own,
/// the groups laid out right to left) and "+966..." as "966...+", and a visitor in crisis would
/// dial that. So, in words that hold a right-to-left letter, a run of at least six digits (ASCII
/// or Arabic-Indic) in groups, or after a `+`, with spaces, dots or hyphens between the groups,
/// is held left to right, between U+2066 and U+2069. Shorter runs ("9 - 17", opening hours)
/// read right to left as the words around them do.
pub fn numbers_in_order(text: &str) -> String {
    let b = text.as_bytes();
    let (rtl, _) = letters(text);
    let (mut out, mut copied, mut i) = (String::new(), 0, 0);
    while let Some(&c) = b.get(i) {
        // The run from here: where its last digit ends, how many digits, and whether a
        // separator stood between two of them. (A digit's first byte is never inside another
        // character, so any byte may be looked at.)
        let start = i;
        let (mut end, mut digits, mut split) = (i, 0, false);
        i += usize::from(c == b'+');
        loop {
            let len = digit_len(b, i);
            if len > 0 {
                split |= digits > 0 && i > end;
                digits += 1;
                i += len;
                end = i;
            } else if digits > 0 && matches!(b.get(i), Some(b' ' | b'-' | b'.')) {
                i += 1;
            } else {
                break;
            }
        }
        if rtl && digits >= 6 && (split || c == b'+') {
            out.push_str(text.get(copied..start).unwrap_or_default());
            out.push('\u{2066}');
            out.push_str(text.get(start..end).unwrap_or_default());
            out.push('\u{2069}');
            copied = end;
        }
        i = end.max(start + 1);
    }
    out.push_str(text.get(copied..).unwrap_or_default());
    out
}

/// How many bytes the digit at `i` takes: 1 for `0`-`9`, 2 for an Arabic-Indic or an Eastern
/// Arabic-Indic one (U+0660-U+0669, U+06F0-U+06F9), 0 for anything else.
fn digit_len(b: &[u8], i: usize) -> usize {
    match (b.get(i), b.get(i + 1)) {
        (Some(x), _) if x.is_ascii_digit() => 1,
        (Some(0xD9), Some(0xA0..=0xA9)) | (Some(0xDB), Some(0xB0..=0xB9)) => 2,
        _ => 0,
    }
}

/// Typed or pasted text made tidy: runs of white space (line breaks too) become one space, ends
/// trimmed, at most `max_chars` characters, without [`bidi_control`]s; `None` if nothing is left.
pub fn clean_text(text: &str, max_chars: usize) -> Option<String> {
    let mut out = String::new();
    let mut count = 0;
    for word in text.split_whitespace() {
        if count >= max_chars {
            break;
        }
        if !out.is_empty() {
            out.push(' ');
            count += 1;
        }
        for c in word.chars().filter(|c| !bidi_control(*c)) {
            if count >= max_chars {
                break;
            }
            out.push(c);
            count += 1;
        }
    }
    let trimmed = out.trim_end();
    (!trimmed.is_empty()).then(|| trimmed.to_string())
}

/// Widgets whose sessions are kept in the `sessions` document.
pub const SESSION_WIDGETS: &[&str] = &[
    "breathing",
    "grounding",
    "body-scan",
    "check-in",
    "palms",
    "temperature",
];

/// One finished (or stopped) exercise of the breathing, grounding, body-scan or check-in
/// widgets. Holds ids, counts and ratings, and the few words a visitor chose to write.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct SessionRecord {
    /// Unique id (see [`new_id`]).
    pub id: String,
    /// Which exercise: one of [`SESSION_WIDGETS`].
    pub widget: String,
    /// When it ended, ms since the epoch.
    pub at: i64,
    /// The visitor's local day it ended on.
    pub day: LocalDay,
    /// Last change, ms since the epoch.
    pub updated_at: i64,
    /// Ran to its end (rather than stopped early, which is just as fine).
    pub completed: bool,
    /// The optional 0-10 answer at the end.
    pub rating: Option<u8>,
    /// Per-step counts (things noticed per grounding step, for instance).
    pub counts: Vec<u8>,
    /// What was noticed, as ids (`chest:warmth`).
    pub tags: Vec<String>,
    /// A position on a short line (the check-in's five points), 0-10.
    pub point: Option<u8>,
    /// Words the visitor wrote, each short.
    pub words: Vec<String>,
}

impl FromJson for SessionRecord {
    fn from_json(v: &Value) -> Result<Self, Invalid> {
        let f = Fields::of(v)?;
        Ok(SessionRecord {
            id: f.need("id")?,
            widget: f.need("widget")?,
            at: f.need("at")?,
            day: f.need("day")?,
            updated_at: f.need("updated_at")?,
            completed: f.or_default("completed")?,
            rating: f.or_default("rating")?,
            counts: f.or_default("counts")?,
            tags: f.or_default("tags")?,
            point: f.or_default("point")?,
            words: f.or_default("words")?,
        })
    }
}

impl ToJson for SessionRecord {
    fn write_json(&self, out: &mut String) {
        Object::open(out)
            .put("id", &self.id)
            .put("widget", &self.widget)
            .put("at", &self.at)
            .put("day", &self.day)
            .put("updated_at", &self.updated_at)
            .put("completed", &self.completed)
            .put_some("rating", &self.rating)
            .put("counts", &self.counts)
            .put("tags", &self.tags)
            .put_some("point", &self.point)
            .put("words", &self.words)
            .close();
    }
}

impl Record for SessionRecord {
    fn version(&self) -> u32 {
        if self.tags.len() > MAX_LIST {
            2
        } else {
            1
        }
    }

    fn id(&self) -> &str {
        &self.id
    }

    fn updated_at(&self) -> i64 {
        self.updated_at
    }

    fn set_updated_at(&mut self, at_ms: i64) {
        self.updated_at = at_ms;
    }

    fn valid(&self) -> bool {
        valid_id(&self.id)
            && SESSION_WIDGETS.contains(&self.widget.as_str())
            && valid_time(self.at)
            && valid_stamp(self.updated_at)
            && valid_day_for(self.day, self.at)
            && self.rating.is_none_or(|r| r <= MAX_RATING)
            && self.point.is_none_or(|p| p <= MAX_RATING)
            && self.counts.len() <= MAX_LIST
            && self.tags.len() <= MAX_TAGS
            && self.words.len() <= MAX_LIST
            && self.tags.iter().all(|t| valid_tag(t))
            && self.words.iter().all(|w| valid_text(w, MAX_WORD))
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    /// 2026-11-23 12:00 UTC, and its day.
    pub(crate) const NOON: i64 = 1_795_435_200_000;
    pub(crate) const DAY: LocalDay = LocalDay(20_780);

    #[test]
    fn a_number_among_right_to_left_words_keeps_its_groups_in_order() {
        let (lri, pdi) = ("\u{2066}", "\u{2069}");
        assert_eq!(
            numbers_in_order("اتصل بالرقم 920 033 360 (خط المساندة)"),
            ["اتصل بالرقم ", lri, "920 033 360", pdi, " (خط المساندة)"].cat()
        );
        assert_eq!(
            numbers_in_order("عيادة د. سارة – +966 55-123.4567. شكرا"),
            ["عيادة د. سارة – ", lri, "+966 55-123.4567", pdi, ". شكرا"].cat()
        );
        assert_eq!(
            numbers_in_order("٩٢٠ ٠٣٣ ٣٦٠ اتصل، أو ۹۲۰-۰۳۳-۳۶۰"),
            [
                lri,
                "٩٢٠ ٠٣٣ ٣٦٠",
                pdi,
                " اتصل، أو ",
                lri,
                "۹۲۰-۰۳۳-۳۶۰",
                pdi
            ]
            .cat()
        );
        // A `+` keeps its place before the digits that follow it.
        assert_eq!(
            numbers_in_order("اتصل +966551234567"),
            ["اتصل ", lri, "+966551234567", pdi].cat()
        );
        assert_eq!(
            numbers_in_order("اتصل 116 123"),
            ["اتصل ", lri, "116 123", pdi].cat()
        );
        // Short runs read as the words around them (opening hours).
        assert_eq!(numbers_in_order("من 9 - 17 يوميًا"), "من 9 - 17 يوميًا");
        // One number alone is in order already; Latin words need nothing.
        assert_eq!(
            numbers_in_order("اتصل بالرقم 988 الآن"),
            "اتصل بالرقم 988 الآن"
        );
        assert_eq!(
            numbers_in_order("Call 555 0100 - any time."),
            "Call 555 0100 - any time."
        );
        // A `+` or a separator without digits is only text.
        assert_eq!(numbers_in_order("+ اتصل - . 7"), "+ اتصل - . 7");
        assert_eq!(numbers_in_order("اتصل 1 "), "اتصل 1 ");
    }

    #[test]
    fn words_are_isolated_only_where_their_direction_is_not_the_lines() {
        // The line's own direction: as they are (no marks to copy along), controls taken out.
        assert_eq!(isolated("tea, then a walk!", false), "tea, then a walk!");
        assert_eq!(isolated("\u{202E}tea", false), "tea");
        assert_eq!(isolated("مشي في الحديقة!", true), "مشي في الحديقة!");
        assert_eq!(isolated("3 أكواب 🙂", true), "3 أكواب 🙂");
        assert_eq!(isolated("1, 2, 3", false), "1, 2, 3");
        // The other: between a first-strong isolate and its end.
        assert_eq!(
            isolated("Walk in the park!", true),
            "\u{2068}Walk in the park!\u{2069}"
        );
        assert_eq!(isolated("Café", true), "\u{2068}Café\u{2069}");
        assert_eq!(isolated("tea كوب", false), "\u{2068}tea كوب\u{2069}");
        assert_eq!(isolated("שלום", false), "\u{2068}שלום\u{2069}");
        // Numbers alone, and other scripts written left to right, in a right-to-left line.
        assert_eq!(isolated("+1 555 0100", true), "\u{2068}+1 555 0100\u{2069}");
        assert_eq!(isolated("Привет мир!", true), "\u{2068}Привет мир!\u{2069}");
        // Both, in a right-to-left line: right to left, a Latin word first or not.
        assert_eq!(
            isolated("Netflix مع أختي", true),
            "\u{2067}Netflix مع أختي\u{2069}"
        );
    }

    #[test]
    fn words_with_a_right_to_left_letter_read_right_to_left_in_a_right_to_left_widget() {
        assert_eq!(
            rtl_first("Netflix مع أختي", true),
            "\u{200f}Netflix مع أختي"
        );
        assert_eq!(
            rtl_first("3 Netflix مع أختي", true),
            "\u{200f}3 Netflix مع أختي"
        );
        assert_eq!(
            rtl_first("مع أختي Netflix", true),
            "\u{200f}مع أختي Netflix"
        );
        // All right to left, or all left to right, or in a left-to-right widget: as typed.
        assert_eq!(rtl_first("مع أختي", true), "مع أختي");
        assert_eq!(rtl_first("Walk in the park!", true), "Walk in the park!");
        assert_eq!(rtl_first("Netflix مع أختي", false), "Netflix مع أختي");
    }

    pub(crate) fn session(id: &str, updated_at: i64) -> SessionRecord {
        SessionRecord {
            id: id.to_string(),
            widget: "breathing".to_string(),
            at: NOON,
            day: DAY,
            updated_at,
            completed: true,
            rating: Some(6),
            counts: vec![],
            tags: vec![],
            point: None,
            words: vec![],
        }
    }

    fn env(items: Vec<SessionRecord>) -> Envelope<SessionRecord> {
        Envelope {
            items,
            ..Envelope::new(Kind::Sessions)
        }
    }

    fn ids(e: &Envelope<SessionRecord>) -> Vec<&str> {
        e.items.iter().map(|i| i.id.as_str()).collect()
    }

    #[test]
    fn keys_live_under_the_namespace() {
        assert_eq!(
            storage_key("attune", Kind::Pleasure),
            "attune.attune.pleasure"
        );
        assert_eq!(storage_key("clinic-a", Kind::Plan), "attune.clinic-a.plan");
        assert_eq!(
            aside_key("clinic-a", Kind::Sessions, NOON),
            "attune.clinic-a.sessions.aside.1795435200000"
        );
        assert!(aside_key("x", Kind::Plan, 5).starts_with(&aside_prefix("x", Kind::Plan)));
        assert_ne!(storage_key("a", Kind::Plan), storage_key("b", Kind::Plan));
        for k in Kind::ALL {
            assert_eq!(Kind::parse(k.as_str()), Some(k));
        }
        assert_eq!(Kind::parse("Pleasure"), None);
    }

    #[test]
    fn the_stored_document_has_the_agreed_shape() {
        let e = env(vec![session("a", NOON)]);
        let text = crate::core::json::to_string(&e);
        let json: serde_json::Value = serde_json::from_str(&text).expect("valid JSON");
        assert_eq!(json["app"], "attune");
        assert_eq!(json["kind"], "sessions");
        assert_eq!(json["version"], 1);
        assert_eq!(json["cleared_at"], 0);
        assert_eq!(json["items"][0]["day"], 20_780);
        let back: Envelope<SessionRecord> = crate::core::json::from_str(&text).expect("reads back");
        assert_eq!(back.checked(Kind::Sessions), Ok(e));
    }

    fn load(text: &str, kind: Kind) -> Result<Envelope<SessionRecord>, LoadError> {
        // The web layer's steps.
        let value = crate::core::json::parse(text).map_err(|_| LoadError::Damaged)?;
        Header::from_json(&value)
            .map_err(|_| LoadError::Damaged)?
            .check(kind)?;
        let env = Envelope::<SessionRecord>::from_json(&value).map_err(|_| LoadError::Damaged)?;
        env.checked(kind)
    }

    #[test]
    fn a_version_1_document_passes_unchanged() {
        let e = env(vec![session("a", NOON), session("b", NOON + 1)]);
        assert_eq!(migrate(e.clone()), Ok(e.clone()));
        assert_eq!(e.clone().checked(Kind::Sessions), Ok(e));
    }

    #[test]
    fn a_stored_document_is_read_in_canonical_form() {
        // Out of order, one id twice (the later change wins), one entry older than the clear.
        let mut e = env(vec![
            session("c", NOON + 5),
            session("a", NOON + 3),
            session("c", NOON + 9),
            session("b", NOON - 1),
        ]);
        e.cleared_at = NOON;
        let read = e.checked(Kind::Sessions).expect("valid");
        assert_eq!(ids(&read), ["a", "c"]);
        assert_eq!(read.items.get(1).map(|i| i.updated_at), Some(NOON + 9));
        // In canonical form already, it is read as it is; an entry changed at the clear is not.
        let fine = env(vec![session("a", NOON + 1), session("b", NOON + 2)]);
        assert_eq!(fine.clone().checked(Kind::Sessions), Ok(fine.clone()));
        let at_clear = Envelope {
            cleared_at: NOON + 1,
            ..fine
        };
        assert_eq!(
            ids(&at_clear.checked(Kind::Sessions).expect("valid")),
            ["b"]
        );
    }

    #[test]
    fn other_and_newer_documents_are_refused_not_reinterpreted() {
        let v3 = r#"{"app":"attune","kind":"sessions","version":3,"items":[{"shape":"unknown"}]}"#;
        assert_eq!(load(v3, Kind::Sessions), Err(LoadError::NewerVersion(3)));
        let e = Envelope {
            version: 3,
            ..env(vec![])
        };
        assert_eq!(e.checked(Kind::Sessions), Err(LoadError::NewerVersion(3)));
        assert_eq!(
            load(
                r#"{"app":"other","kind":"sessions","version":1}"#,
                Kind::Sessions
            ),
            Err(LoadError::NotOurs)
        );
        assert_eq!(
            load(
                r#"{"app":"attune","kind":"plan","version":1}"#,
                Kind::Sessions
            ),
            Err(LoadError::NotOurs)
        );
        assert_eq!(
            load(r#"{"theme":"dark"}"#, Kind::Sessions),
            Err(LoadError::NotOurs)
        );
        assert_eq!(load(r#"[1,2,3]"#, Kind::Sessions), Err(LoadError::Damaged));
        // Version 0 never existed.
        assert_eq!(
            load(r#"{"app":"attune","kind":"sessions"}"#, Kind::Sessions),
            Err(LoadError::Damaged)
        );
    }

    #[test]
    fn a_document_is_written_at_the_oldest_version_that_holds_it() {
        // 50 tags are version 1, as every build before version 2 wrote and reads them; more
        // only version 2, which those builds hold as a newer version's (not as damaged).
        let session = |tags: usize| SessionRecord {
            tags: (0..tags)
                .map(|i| ["head:intensity:", &i.to_string()].concat())
                .collect(),
            ..session("a", NOON)
        };
        for (tags, version) in [(0, 1), (50, 1), (51, 2), (100, 2)] {
            let text = crate::core::json::to_string(&env(vec![session(tags)]));
            assert!(
                text.contains(&format!("\"version\":{version},")),
                "{tags}: {text}"
            );
            let back = load(&text, Kind::Sessions).expect("reads back");
            assert_eq!(back.items.first().map(|s| s.tags.len()), Some(tags));
        }
        assert!(load(
            &crate::core::json::to_string(&env(vec![session(101)])),
            Kind::Sessions
        )
        .is_err());
        // A version 1 document reads as it always has.
        let v1 = r#"{"app":"attune","kind":"sessions","version":1,"cleared_at":0,"items":[]}"#;
        assert_eq!(load(v1, Kind::Sessions).map(|e| e.items.len()), Ok(0));
    }

    #[test]
    fn a_missing_clear_or_item_list_reads_as_empty() {
        let e = load(
            r#"{"app":"attune","kind":"sessions","version":1}"#,
            Kind::Sessions,
        )
        .expect("valid");
        assert!(e.items.is_empty());
        assert_eq!(e.cleared_at, 0);
    }

    #[test]
    fn one_bad_item_refuses_the_whole_stored_document() {
        let good = r#"{"id":"a","widget":"breathing","at":1795435200000,"day":20780,"updated_at":1795435200000}"#;
        let ok = [
            "{\"app\":\"attune\",\"kind\":\"sessions\",\"version\":1,\"items\":[",
            good,
            "]}",
        ]
        .cat();
        assert_eq!(load(&ok, Kind::Sessions).map(|e| e.items.len()), Ok(1));
        let bad_items = [
            good.replace("\"a\"", "\"a b\""),
            good.replace("\"a\"", "\"\""),
            good.replace("breathing", "yoga"),
            good.replace("20780", "20790"),
            good.replace(",\"day\"", ",\"rating\":11,\"day\""),
            good.replace(",\"day\"", ",\"rating\":-1,\"day\""),
            good.replace(",\"day\"", ",\"point\":300,\"day\""),
            good.replace(",\"day\"", ",\"tags\":[\"<img src=x>\"],\"day\""),
            good.replace(
                ",\"day\"",
                &[",\"words\":[\"", &"w".repeat(61), "\"],\"day\""].cat(),
            ),
            good.replace("\"at\":1795435200000", "\"at\":-5"),
            good.replace("\"at\":1795435200000", "\"at\":1.5"),
            good.replace(
                "\"updated_at\":1795435200000",
                "\"updated_at\":99999999999999999",
            ),
            good.replace("\"id\":\"a\",", ""),
        ];
        for item in bad_items {
            let doc = [
                "{\"app\":\"attune\",\"kind\":\"sessions\",\"version\":1,\"items\":[",
                good,
                ",",
                &item,
                "]}",
            ]
            .cat();
            assert_eq!(
                load(&doc, Kind::Sessions),
                Err(LoadError::Damaged),
                "{item}"
            );
        }
        let truncated = &ok[..ok.len() - 5];
        assert_eq!(load(truncated, Kind::Sessions), Err(LoadError::Damaged));
        let bad_clear = ok.replace("\"version\":1", "\"version\":1,\"cleared_at\":-3");
        assert_eq!(load(&bad_clear, Kind::Sessions), Err(LoadError::Damaged));
    }

    #[test]
    fn hostile_json_never_panics() {
        let deep = "[".repeat(100_000);
        let long_id = [
            "{\"app\":\"attune\",\"kind\":\"sessions\",\"version\":1,\"items\":[{\"id\":\"",
            &"a".repeat(1_000_000),
            "\"}]}",
        ]
        .cat();
        for text in [
            deep.as_str(),
            long_id.as_str(),
            "",
            "null",
            "{\"app\":\"attune\",\"kind\":\"sessions\",\"version\":4294967296}",
            "{\"app\":\"attune\",\"kind\":\"sessions\",\"version\":1,\"items\":{}}",
            "{\"app\":\"attune\",\"kind\":\"sessions\",\"version\":1,\"items\":[null]}",
        ] {
            assert!(
                load(text, Kind::Sessions).is_err(),
                "{}",
                &text[..text.len().min(80)]
            );
        }
        let proto = "{\"app\":\"attune\",\"kind\":\"sessions\",\"version\":1,\"items\":[],\"__proto__\":{\"x\":1}}";
        assert_eq!(load(proto, Kind::Sessions).map(|e| e.items.len()), Ok(0));
    }

    #[test]
    fn merge_keeps_every_id_once_and_the_later_edit() {
        let mut a1 = session("a", NOON);
        a1.rating = Some(2);
        let mut a2 = session("a", NOON + 10);
        a2.rating = Some(8);
        let left = env(vec![a1, session("b", NOON)]);
        let right = env(vec![a2.clone(), session("c", NOON)]);
        let m = merge(&left, &right);
        assert_eq!(ids(&m), ["a", "b", "c"]);
        assert_eq!(m.items.first(), Some(&a2));
        assert_eq!(merge(&right, &left), m);
        assert_eq!(merge(&m, &m), m, "merging again changes nothing");
    }

    #[test]
    fn delete_everything_sticks_when_another_tab_still_holds_old_entries() {
        let old_tab = env(vec![session("a", NOON), session("b", NOON + 5)]);
        let mut this_tab = old_tab.clone();
        this_tab.clear(NOON + 100);
        let m = merge(&this_tab, &old_tab);
        assert!(m.items.is_empty());
        assert_eq!(m.cleared_at, NOON + 100);
        // What either tab adds after the clear survives.
        let mut later = old_tab.clone();
        later.upsert(session("c", stamp(NOON + 50, m.cleared_at)));
        assert_eq!(ids(&merge(&m, &later)), ["c"]);
    }

    #[test]
    fn an_export_of_two_storages_keeps_each_ones_records_whatever_the_other_cleared() {
        // sessionStorage kept an entry; localStorage was cleared later, in another tab.
        let session_doc = env(vec![session("a", NOON)]);
        let mut local_doc = env(vec![session("b", NOON + 5)]);
        local_doc.clear(NOON + 100);
        local_doc.upsert(session("c", stamp(NOON + 150, local_doc.cleared_at)));
        let u = union(&local_doc, &session_doc);
        assert_eq!(
            ids(&u),
            ["a", "c"],
            "the session's entry too, not dropped by the local clear"
        );
        assert_eq!(union(&session_doc, &local_doc), u);
        assert!(
            merge(&local_doc, &session_doc).items.len() == 1,
            "where a merge drops it"
        );
    }

    #[test]
    fn upsert_replaces_by_id_and_keeps_order() {
        let mut e = env(vec![session("b", NOON)]);
        e.upsert(session("c", NOON));
        e.upsert(session("a", NOON));
        let mut b = session("b", NOON + 1);
        b.rating = None;
        e.upsert(b);
        assert_eq!(ids(&e), ["a", "b", "c"]);
        assert_eq!(e.items.get(1).map(|i| i.rating), Some(None));
        assert!(e.live("b") && !e.live("d"));
        e.clear(NOON + 2);
        assert!(!e.live("b"), "a clear leaves nothing live");
        assert_eq!(
            stamp(NOON, NOON + 7),
            NOON + 8,
            "an edit after a clock change still wins"
        );
        assert_eq!(stamp(NOON + 9, NOON), NOON + 9);
        assert_eq!(
            stamp(NOON, MAX_STAMP),
            MAX_STAMP,
            "never past the last valid stamp, which would make the document unreadable"
        );
    }

    #[test]
    fn a_record_stamped_ahead_of_the_clock_neither_outlives_a_clear_nor_wins_over_an_edit() {
        // Imported from a phone whose clock ran two hours fast (or saved before the clock was
        // set back): stamped after "now".
        let ahead = NOON + 7_200_000;
        let stored = env(vec![session("a", ahead)]);
        // Another tab still holds it when this one deletes everything at NOON.
        let other_tab = stored.clone();
        let mut here = stored.clone();
        here.clear(NOON);
        assert!(
            here.cleared_at >= ahead,
            "the clear is past every record it empties"
        );
        assert_eq!(ids(&merge(&here, &other_tab)), Vec::<&str>::new());
        assert_eq!(ids(&merge(&other_tab, &here)), Vec::<&str>::new());

        // An edit made now replaces it, and wins the merge with the older copy.
        let mut edited = stored.clone();
        let mut a = session("a", stamp(NOON, 0));
        a.rating = Some(9);
        edited.upsert(a);
        let m = merge(&stored, &edited);
        assert_eq!(m.items.first().map(|i| i.rating), Some(Some(9)));
        // A record saved now after that clear is kept by the merge too.
        here.upsert(session("b", NOON + 1));
        assert_eq!(ids(&merge(&here, &other_tab)), ["b"]);
    }

    #[test]
    fn a_clear_keeps_the_records_changed_after_the_click_and_only_those() {
        // The click at NOON; the clear waited for the lock. Meanwhile the visitor saved "new"
        // (NOON + 10) and edited "kept" here; another tab with its clock two hours fast had
        // stored "ahead"; an import had restamped "imported" past the click.
        let ahead = NOON + 7_200_000;
        let stored = env(vec![
            session("ahead", ahead),
            session("imported", NOON + 20),
            session("kept", NOON - 5),
            session("old", NOON - 9),
        ]);
        let mut here = stored.clone();
        here.upsert(session("new", NOON + 10));
        here.upsert(session("kept", NOON + 30));
        assert_eq!(ids(&here), ["ahead", "imported", "kept", "new", "old"]);
        here.clear_keeping(NOON, &[false, false, true, true, false]);
        assert_eq!(ids(&here), ["kept", "new"], "{:?}", here.items);
        assert!(here.cleared_at >= ahead, "past every record it empties");
        assert!(here.items.iter().all(|i| i.updated_at > here.cleared_at));
        // No copy brings back what went, and none drops what was kept.
        assert_eq!(ids(&merge(&here, &stored)), ["kept", "new"]);
        assert_eq!(ids(&merge(&stored, &here)), ["kept", "new"]);
        // Nothing marked to keep: the clear of before.
        let mut plain = stored.clone();
        plain.clear_keeping(NOON, &[]);
        let mut cleared = stored.clone();
        cleared.clear(NOON);
        assert_eq!(plain, cleared);
    }

    #[test]
    fn a_clear_past_a_record_stamped_at_the_year_3000_deletes_it_and_keeps_what_comes_after() {
        // Stamped at 3000-01-01 (a clock past it, an earlier build): the clear takes its stamp,
        // and a record saved after it is stamped past that time.
        let stored = env(vec![session("a", MAX_TIME_MS)]);
        let mut here = stored.clone();
        here.clear(NOON);
        assert_eq!(
            ids(&merge(&here, &stored)),
            Vec::<&str>::new(),
            "not back from a copy"
        );
        here.upsert(session("b", stamp(NOON, here.cleared_at)));
        let read = merge(&here, &stored);
        assert_eq!(ids(&read), ["b"]);
        // Written so that earlier builds keep it as a newer version's, not as damage, and read
        // back here as it was.
        assert_eq!(read.written_version(), 2);
        let text = crate::core::json::to_string(&read);
        let back: Envelope<SessionRecord> = crate::core::json::from_str(&text).expect("reads");
        assert_eq!(back.checked(Kind::Sessions), Ok(read.clone()));
        assert_eq!(stored.written_version(), 1);
    }

    #[test]
    fn an_import_after_a_clear_at_the_last_stamp_writes_nothing_unreadable() {
        let mut current = env(vec![]);
        current.cleared_at = MAX_STAMP;
        let (out, _) = import(&current, env(vec![session("a", NOON)]), NOON).expect("ours");
        let text = crate::core::json::to_string(&out);
        let back: Envelope<SessionRecord> = crate::core::json::from_str(&text).expect("reads");
        assert!(back.checked(Kind::Sessions).is_ok(), "{text}");
    }

    #[test]
    fn import_adds_new_entries_and_takes_later_changes() {
        let mut b_here = session("b", NOON + 500);
        b_here.rating = Some(9);
        let current = env(vec![session("a", NOON), b_here]);
        // Changed on the other device after this copy (a), changed here after that device's
        // copy (b), and two new ones (c, d). (A deletion's turn: the tracker's own tests.)
        let mut changed_a = session("a", NOON + 99);
        changed_a.rating = Some(1);
        let mut older_b = session("b", NOON + 100);
        older_b.rating = Some(2);
        let file = env(vec![
            changed_a,
            older_b,
            session("c", NOON),
            session("d", NOON),
        ]);
        let (out, report) = import(&current, file.clone(), MAX_TIME_MS).expect("ours");
        assert_eq!(
            report,
            ImportReport {
                added: 2,
                updated: 1,
                skipped: 2,
                dropped: 0
            }
        );
        assert_eq!(ids(&out), ["a", "b", "c", "d"]);
        let rating = |id: &str| out.items.iter().find(|s| s.id == id).and_then(|s| s.rating);
        assert_eq!(
            rating("a"),
            Some(1),
            "the later edit, made on the other device"
        );
        assert_eq!(rating("b"), Some(9), "the later edit, made here");
        // The same as two tabs would agree on, and the same file again changes nothing.
        assert_eq!(out, merge(&current, &file));
        let (again, report) = import(&out, file, MAX_TIME_MS).expect("ours");
        assert_eq!(
            (again, report),
            (
                out,
                ImportReport {
                    added: 0,
                    updated: 0,
                    skipped: 4,
                    dropped: 0
                }
            )
        );
    }

    #[test]
    fn export_delete_import_brings_the_entries_back() {
        let mut current = env(vec![session("a", NOON), session("b", NOON)]);
        let exported = crate::core::json::to_string(&current);
        current.clear(NOON + 1_000);
        let file: Envelope<SessionRecord> = crate::core::json::from_str(&exported).expect("reads");
        let (restored, report) = import(&current, file, MAX_TIME_MS).expect("ours");
        assert_eq!(report.added, 2);
        assert_eq!(ids(&restored), ["a", "b"]);
        // And another tab still holding the pre-delete copies doesn't undo or duplicate them.
        let old_tab = env(vec![session("a", NOON)]);
        assert_eq!(ids(&merge(&restored, &old_tab)), ["a", "b"]);
    }

    #[test]
    fn a_refused_import_changes_nothing_and_says_why() {
        let current = env(vec![session("a", NOON)]);
        let mut bad = session("x", NOON);
        bad.rating = Some(42);
        let cases = [
            (
                Envelope {
                    app: "other".into(),
                    ..env(vec![])
                },
                ImportError::NotOurs,
            ),
            (
                Envelope {
                    kind: "pleasure".into(),
                    ..env(vec![])
                },
                ImportError::NotOurs,
            ),
            (
                Envelope {
                    version: 3,
                    ..env(vec![])
                },
                ImportError::NewerVersion(3),
            ),
            (env(vec![session("ok", NOON), bad]), ImportError::Damaged),
            (
                env(vec![session("y", NOON); MAX_ITEMS + 1]),
                ImportError::TooLarge,
            ),
        ];
        for (file, why) in cases {
            assert_eq!(import(&current, file, MAX_TIME_MS).map(|_| ()), Err(why));
        }
        assert_eq!(ImportError::from(LoadError::Damaged), ImportError::Damaged);
    }

    #[test]
    fn ids_are_fresh_sortable_and_valid() {
        let a = new_id(NOON, 0);
        let b = new_id(NOON + 1, 7);
        let c = new_id(MAX_TIME_MS, u32::MAX);
        assert!(valid_id(&a) && valid_id(&b) && valid_id(&c), "{a} {b} {c}");
        assert!(a < b && b < c);
        assert_eq!(a.len(), 17);
        assert_eq!(c.len(), 17);
        assert_eq!(new_id(-5, 1), new_id(0, 1));
        assert!(valid_tag("chest:warmth") && !valid_tag("chest:") && !valid_tag("a b"));
    }

    #[test]
    fn text_is_tidied_and_capped_by_characters() {
        assert_eq!(
            clean_text("  a  walk\n after   lunch ", 120).as_deref(),
            Some("a walk after lunch")
        );
        assert_eq!(clean_text(" \n\t ", 120), None);
        assert_eq!(clean_text("ñññññ", 3).as_deref(), Some("ñññ"));
        assert_eq!(clean_text("ab cd", 3).as_deref(), Some("ab"));
        assert_eq!(
            clean_text("0800\u{202E}1234 567\u{2066}", 120).as_deref(),
            Some("08001234 567"),
            "nothing that turns the words around them back to front"
        );
        assert!(valid_text(&"é".repeat(60), 60));
        assert!(!valid_text(&"é".repeat(61), 60));
    }
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod prop {
    use super::tests::{session, NOON};
    use super::*;
    use proptest::prelude::*;

    fn record() -> impl Strategy<Value = SessionRecord> {
        (0..6u8, 0..4i64, proptest::option::of(0..=10u8)).prop_map(|(id, t, rating)| {
            let mut s = session(["a", "b", "c", "d", "e", "f"][usize::from(id)], NOON + t);
            s.rating = rating;
            s
        })
    }

    fn doc() -> impl Strategy<Value = Envelope<SessionRecord>> {
        (
            proptest::collection::vec(record(), 0..8),
            prop_oneof![Just(0i64), Just(NOON + 1)],
        )
            .prop_map(|(items, c)| Envelope {
                items,
                cleared_at: c,
                ..Envelope::new(Kind::Sessions)
            })
    }

    proptest! {
        #[test]
        fn merging_in_any_order_gives_the_same_document(a in doc(), b in doc(), c in doc()) {
            prop_assert_eq!(merge(&a, &b), merge(&b, &a));
            prop_assert_eq!(merge(&merge(&a, &b), &c), merge(&a, &merge(&b, &c)));
            let m = merge(&a, &b);
            prop_assert_eq!(merge(&m, &m), m.clone());
            // Nothing newer than the clear is lost, nothing is duplicated.
            for item in a.items.iter().chain(b.items.iter()) {
                if item.updated_at > m.cleared_at {
                    prop_assert!(m.items.iter().any(|i| i.id == item.id && i.updated_at >= item.updated_at));
                }
            }
            let mut seen: Vec<&str> = m.items.iter().map(|i| i.id.as_str()).collect();
            seen.dedup();
            prop_assert_eq!(seen.len(), m.items.len());
        }

        /// Two tabs saving at once, each write a read-merge-write of the whole document done
        /// under the lock (so one write never overlaps another), in any interleaving of saves,
        /// writes and `storage`-event merges: every saved entry is stored in the end.
        #[test]
        fn two_writers_under_the_lock_never_lose_an_entry(
            steps in proptest::collection::vec((0..2usize, 0..3u8), 1..80)
        ) {
            let mut stored: Option<Envelope<SessionRecord>> = None;
            let mut tabs = [Envelope::new(Kind::Sessions), Envelope::new(Kind::Sessions)];
            let mut saved = Vec::new();
            for (n, (tab, op)) in steps.iter().enumerate() {
                let memory = &mut tabs[*tab];
                match op {
                    // Save: a new entry in memory (the write waits for the lock).
                    0 => {
                        let id = format!("t{tab}-{n}");
                        memory.upsert(session(&id, NOON + n as i64));
                        saved.push(id);
                    }
                    // The lock is held: read what is stored, merge, write the whole document.
                    1 => {
                        let merged = match &stored {
                            Some(s) => merge(memory, s),
                            None => memory.clone(),
                        };
                        *memory = merged.clone();
                        stored = Some(merged);
                    }
                    // A `storage` event: merge what the other tab stored, write nothing.
                    _ => {
                        if let Some(s) = &stored {
                            *memory = merge(memory, s);
                        }
                    }
                }
            }
            // Each tab's last pending write runs.
            for tab in &tabs {
                let merged = match &stored {
                    Some(s) => merge(tab, s),
                    None => tab.clone(),
                };
                stored = Some(merged);
            }
            let stored = stored.unwrap_or_else(|| Envelope::new(Kind::Sessions));
            for id in &saved {
                prop_assert!(stored.items.iter().any(|i| &i.id == id), "{} lost", id);
            }
            prop_assert_eq!(stored.items.len(), saved.len());
        }

        #[test]
        fn arbitrary_json_never_panics(text in any::<String>()) {
            if let Ok(v) = crate::core::json::parse(&text) {
                if let Ok(e) = Envelope::<SessionRecord>::from_json(&v) {
                    let current = Envelope::<SessionRecord>::new(Kind::Sessions);
                    let _ = import(&current, e.clone(), MAX_TIME_MS);
                    let _ = e.checked(Kind::Sessions);
                }
            }
        }
    }
}
