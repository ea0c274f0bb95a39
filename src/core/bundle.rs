//! The export file that holds every kind of one namespace (a bundle), and bringing an export
//! file back in: the one place that knows all three record kinds, so it sits above them
//! ([`super::records`] knows none of them).

use crate::prelude::*;

use super::days::LocalDay;
use super::json::{Fields, FromJson, Invalid, Value};
use super::num::push_uint;
use super::records::{
    import, Envelope, Header, ImportError, ImportReport, Kind, SessionRecord, APP, SCHEMA_VERSION,
};

/// The `kind` of an export file that holds every kind of one namespace.
pub const BUNDLE: &str = "bundle";

/// An export file with every document of one namespace: the micro-pleasure entries, the plans
/// and the other widgets' sessions, so that "export", "delete everything" and "import" cover
/// the same records. Each section is an [`Envelope`] exactly as it is stored, so an import
/// checks it the same way; a missing section is simply nothing to add.
///
/// ```json
/// { "app": "attune", "kind": "bundle", "version": 1, "exported_at": 1795435200000,
///   "pleasure": { "app": "attune", "kind": "pleasure", ... }, "plan": { ... }, "sessions": { ... } }
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Bundle {
    /// Always [`APP`].
    pub app: String,
    /// Always [`BUNDLE`].
    pub kind: String,
    /// The schema version it was written with.
    pub version: u32,
    /// When it was exported (ms); for the visitor's information only.
    pub exported_at: i64,
    /// The micro-pleasure entries.
    pub pleasure: Option<Envelope<super::pleasure::PleasureEntry>>,
    /// The plans and their days.
    pub plan: Option<Envelope<super::plan::PlanItem>>,
    /// The other widgets' finished sessions.
    pub sessions: Option<Envelope<SessionRecord>>,
}

impl FromJson for Bundle {
    fn from_json(v: &Value) -> Result<Self, Invalid> {
        let f = Fields::of(v)?;
        Ok(Bundle {
            app: f.or_default("app")?,
            kind: f.or_default("kind")?,
            version: f.or_default("version")?,
            exported_at: f.or_default("exported_at")?,
            pleasure: f.or_default("pleasure")?,
            plan: f.or_default("plan")?,
            sessions: f.or_default("sessions")?,
        })
    }
}

/// The bundle's JSON text, from the three documents' own JSON texts (as the web layer already
/// writes them to storage): no second serializer in the wasm. An empty text leaves its section
/// out.
pub fn bundle_json(
    exported_at: i64,
    version: u32,
    pleasure: &str,
    plan: &str,
    sessions: &str,
) -> String {
    let mut out = String::with_capacity(96 + pleasure.len() + plan.len() + sessions.len());
    out.push_str("{\"app\":\"");
    out.push_str(APP);
    out.push_str("\",\"kind\":\"");
    out.push_str(BUNDLE);
    out.push_str("\",\"version\":");
    push_uint(&mut out, u64::from(version));
    out.push_str(",\"exported_at\":");
    push_uint(&mut out, exported_at.max(0).unsigned_abs());
    for (name, text) in [
        ("pleasure", pleasure),
        ("plan", plan),
        ("sessions", sessions),
    ] {
        if !text.trim().is_empty() {
            out.push_str(",\"");
            out.push_str(name);
            out.push_str("\":");
            out.push_str(text);
        }
    }
    out.push('}');
    out
}

/// What a file's header says it holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FileKind {
    /// A [`Bundle`] of every kind.
    Bundle,
    /// One kind's document, as stored (or as exported by an earlier build).
    One(Kind),
}

impl Header {
    /// What an import file is, from its header: a bundle or one kind's document. Refuses other
    /// apps' files and later versions before anything else is decoded.
    pub fn file_kind(&self) -> Result<FileKind, ImportError> {
        let kind = if self.kind == BUNDLE {
            FileKind::Bundle
        } else {
            FileKind::One(Kind::parse(&self.kind).ok_or(ImportError::NotOurs)?)
        };
        if self.app != APP {
            return Err(ImportError::NotOurs);
        }
        if self.version > SCHEMA_VERSION {
            return Err(ImportError::NewerVersion(self.version));
        }
        if self.version == 0 {
            return Err(ImportError::Damaged);
        }
        Ok(kind)
    }
}

/// A decoded import file.
// One lives for a single import, on the stack: boxing the bundle would add an allocation and
// its code for no memory worth saving.
#[allow(clippy::large_enum_variant)]
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Incoming {
    /// Every kind at once.
    Bundle(Bundle),
    /// Micro-pleasure entries only.
    Pleasure(Envelope<super::pleasure::PleasureEntry>),
    /// Plans only.
    Plan(Envelope<super::plan::PlanItem>),
    /// Sessions only.
    Sessions(Envelope<SessionRecord>),
}

/// The three documents of one namespace, as the "your data" panel holds them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Records {
    /// The micro-pleasure entries.
    pub pleasure: Envelope<super::pleasure::PleasureEntry>,
    /// The plans and their days.
    pub plan: Envelope<super::plan::PlanItem>,
    /// The other widgets' sessions.
    pub sessions: Envelope<SessionRecord>,
}

impl Default for Records {
    fn default() -> Self {
        Records {
            pleasure: Envelope::new(Kind::Pleasure),
            plan: Envelope::new(Kind::Plan),
            sessions: Envelope::new(Kind::Sessions),
        }
    }
}

fn add(total: &mut ImportReport, part: ImportReport) {
    total.added += part.added;
    total.updated += part.updated;
    total.skipped += part.skipped;
    total.dropped += part.dropped;
}

/// Adds an import file (a bundle or one kind's document) to the namespace's documents, all or
/// nothing: if any section is not ours, newer, too large or has an invalid entry, nothing
/// changes and the first reason is returned. Each section goes through [`import`], so an id
/// already here takes the file's copy only where it is the later change (an edit or a deletion
/// made on the device the file came from). The report adds up every section.
/// Plans go through [`super::plan::arriving`] first, so an imported plan never takes the place
/// of the one the visitor is following (`today` and `now_ms` are the visitor's).
pub fn import_file(
    current: &Records,
    incoming: Incoming,
    today: LocalDay,
    now_ms: i64,
) -> Result<(Records, ImportReport), ImportError> {
    let plans = |doc| super::plan::arriving(&current.plan.items, doc, today, now_ms);
    // No change in the file counts as later than three days from now (a device whose clock
    // ran fast, or a file made to win every merge): see [`import`].
    let latest = now_ms.saturating_add(3 * super::days::MS_PER_DAY);
    let mut out = current.clone();
    let mut report = ImportReport::default();
    match incoming {
        Incoming::Bundle(b) => {
            let header = Header {
                app: b.app,
                kind: b.kind,
                version: b.version,
            };
            if header.file_kind()? != FileKind::Bundle {
                return Err(ImportError::NotOurs);
            }
            if let Some(doc) = b.pleasure {
                let (d, r) = import(&current.pleasure, doc, latest)?;
                out.pleasure = d;
                add(&mut report, r);
            }
            if let Some(doc) = b.plan {
                let (d, r) = import(&current.plan, plans(doc)?, latest)?;
                out.plan = d;
                add(&mut report, r);
            }
            if let Some(doc) = b.sessions {
                let (d, r) = import(&current.sessions, doc, latest)?;
                out.sessions = d;
                add(&mut report, r);
            }
        }
        Incoming::Pleasure(doc) => {
            let (d, r) = import(&current.pleasure, doc, latest)?;
            out.pleasure = d;
            report = r;
        }
        Incoming::Plan(doc) => {
            let (d, r) = import(&current.plan, plans(doc)?, latest)?;
            out.plan = d;
            report = r;
        }
        Incoming::Sessions(doc) => {
            let (d, r) = import(&current.sessions, doc, latest)?;
            out.sessions = d;
            report = r;
        }
    }
    Ok((out, report))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::days::MS_PER_DAY;
    use crate::core::json::ToJson;
    use crate::core::plan::restart;
    use crate::core::pleasure::PleasureEntry;
    use crate::core::records::tests::{session, DAY, NOON};
    use crate::core::records::{merge, Envelope, Record, MAX_ITEMS, MAX_TIME_MS};

    fn entry(id: &str, text: Option<&str>) -> PleasureEntry {
        PleasureEntry {
            id: id.to_string(),
            at: NOON,
            day: LocalDay((NOON / MS_PER_DAY) as i32),
            updated_at: NOON,
            act: if text.is_some() {
                "own".into()
            } else {
                "song".into()
            },
            text: text.map(str::to_string),
            shift: Some(3),
            signals: 1,
            status: crate::core::pleasure::Status::Logged,
        }
    }

    fn records() -> Records {
        let mut r = Records::default();
        r.pleasure.items = vec![
            entry("p1", None),
            entry("p2", Some("tea, \"warm\"\n<img src=x>")),
        ];
        r.plan.items = restart(&[], LocalDay(20_780), 14, "plan1", NOON).unwrap_or_default();
        r.sessions.items = vec![session("s1", NOON)];
        r
    }

    /// The web layer's steps.
    fn decode(text: &str) -> Result<Incoming, ImportError> {
        let value = crate::core::json::parse(text).map_err(|_| ImportError::Damaged)?;
        let header = Header::from_json(&value).map_err(|_| ImportError::NotOurs)?;
        let damaged = |_| ImportError::Damaged;
        Ok(match header.file_kind()? {
            FileKind::Bundle => Incoming::Bundle(FromJson::from_json(&value).map_err(damaged)?),
            FileKind::One(Kind::Pleasure) => {
                Incoming::Pleasure(FromJson::from_json(&value).map_err(damaged)?)
            }
            FileKind::One(Kind::Plan) => {
                Incoming::Plan(FromJson::from_json(&value).map_err(damaged)?)
            }
            FileKind::One(Kind::Sessions) => {
                Incoming::Sessions(FromJson::from_json(&value).map_err(damaged)?)
            }
        })
    }

    fn export(r: &Records) -> String {
        let j = |v: &dyn ToJson| crate::core::json::to_string(v);
        bundle_json(NOON, 1, &j(&r.pleasure), &j(&r.plan), &j(&r.sessions))
    }

    fn ids<T: Record>(e: &Envelope<T>) -> Vec<String> {
        e.items.iter().map(|i| i.id().to_string()).collect()
    }

    #[test]
    fn the_bundle_text_is_valid_json_of_the_agreed_shape() {
        let text = export(&records());
        let v: serde_json::Value = serde_json::from_str(&text).expect("valid JSON");
        assert_eq!(v["app"], "attune");
        assert_eq!(v["kind"], "bundle");
        assert_eq!(v["version"], 1);
        assert_eq!(v["exported_at"], NOON);
        assert_eq!(v["pleasure"]["kind"], "pleasure");
        assert_eq!(v["plan"]["items"][0]["plan"]["id"], "plan1");
        assert_eq!(v["sessions"]["items"][0]["id"], "s1");
        assert_eq!(
            v["pleasure"]["items"][1]["text"],
            "tea, \"warm\"\n<img src=x>"
        );
        // Sections with nothing to say are left out.
        let bare: serde_json::Value =
            serde_json::from_str(&bundle_json(-4, 1, "", " ", "")).expect("valid");
        assert_eq!(
            bare,
            serde_json::json!({"app": "attune", "kind": "bundle", "version": 1, "exported_at": 0})
        );
    }

    #[test]
    fn a_file_stamped_far_ahead_cannot_hide_what_is_saved_after_delete_everything() {
        // A made-up file whose entry was changed "in the year 3000", the schema's last time.
        let mut far = records();
        far.pleasure.items.truncate(1);
        if let Some(e) = far.pleasure.items.first_mut() {
            e.updated_at = MAX_TIME_MS;
        }
        let file = export(&far);
        let (mut here, report) =
            import_file(&Records::default(), decode(&file).expect("ours"), DAY, NOON)
                .expect("imports");
        assert_eq!(report.added, 3);
        assert!(here
            .pleasure
            .items
            .iter()
            .all(|e| e.updated_at <= NOON + 3 * MS_PER_DAY));
        // "Delete everything", then a new entry: it is kept, and still there when read again.
        here.pleasure.clear(NOON + 1);
        here.pleasure.upsert(entry("p7", None));
        let stored = crate::core::json::to_string(&here.pleasure);
        let read: Envelope<PleasureEntry> = crate::core::json::from_str(&stored).expect("reads");
        let read = read.checked(Kind::Pleasure).expect("valid");
        assert_eq!(ids(&read), ["p7"]);
    }

    #[test]
    fn a_file_stamped_ahead_imported_again_does_not_undo_an_edit_made_here() {
        // A device whose clock runs five days ahead: its entry arrives held to three days
        // ahead, is edited here (stamped past that), and the same file comes again the next day.
        let mut fast = records();
        fast.pleasure.items.truncate(1);
        if let Some(e) = fast.pleasure.items.first_mut() {
            e.updated_at = NOON + 5 * MS_PER_DAY;
        }
        let file = export(&fast);
        let (mut here, _) =
            import_file(&Records::default(), decode(&file).expect("ours"), DAY, NOON)
                .expect("imports");
        let mut mine = here.pleasure.items[0].clone();
        mine.shift = Some(7);
        here.pleasure.upsert(mine.clone());
        let stamped = here.pleasure.items[0].clone();
        let next_day = NOON + MS_PER_DAY;
        let (again, report) =
            import_file(&here, decode(&file).expect("ours"), DAY, next_day).expect("imports");
        assert_eq!(again.pleasure.items, vec![stamped]);
        assert_eq!(
            (report.updated, report.skipped),
            (0, 3),
            "the entry, the plan, the session"
        );
    }

    #[test]
    fn export_delete_everything_import_restores_every_kind() {
        let before = records();
        let file = export(&before);
        let mut after = before.clone();
        after.pleasure.clear(NOON + 10);
        after.plan.clear(NOON + 10);
        after.sessions.clear(NOON + 10);
        let (restored, report) =
            import_file(&after, decode(&file).expect("ours"), DAY, NOON).expect("imports");
        assert_eq!(
            report,
            ImportReport {
                added: 4,
                updated: 0,
                skipped: 0,
                dropped: 0
            }
        );
        assert_eq!(ids(&restored.pleasure), ids(&before.pleasure));
        assert_eq!(ids(&restored.plan), ids(&before.plan));
        assert_eq!(ids(&restored.sessions), ids(&before.sessions));
        assert_eq!(
            restored.pleasure.items.get(1).and_then(|e| e.text.clone()),
            before.pleasure.items.get(1).and_then(|e| e.text.clone())
        );
        // The tombstone stays, and the entries are stamped after it so another tab keeps them.
        assert_eq!(restored.pleasure.cleared_at, NOON + 10);
        assert!(restored
            .pleasure
            .items
            .iter()
            .all(|e| e.updated_at > NOON + 10));
        assert_eq!(merge(&restored.pleasure, &before.pleasure).items.len(), 2);
        // Importing the same file again adds nothing.
        let (again, report) =
            import_file(&restored, decode(&file).expect("ours"), DAY, NOON).expect("imports");
        assert_eq!(
            report,
            ImportReport {
                added: 0,
                updated: 0,
                skipped: 4,
                dropped: 0
            }
        );
        assert_eq!(again, restored);
    }

    #[test]
    fn a_single_kind_document_is_accepted_too() {
        let r = records();
        let only_pleasure = crate::core::json::to_string(&r.pleasure);
        let (out, report) = import_file(
            &Records::default(),
            decode(&only_pleasure).expect("ours"),
            DAY,
            NOON,
        )
        .expect("imports");
        assert_eq!(report.added, 2);
        assert_eq!(ids(&out.pleasure), ["p1", "p2"]);
        assert!(out.plan.items.is_empty() && out.sessions.items.is_empty());
        let only_plan = crate::core::json::to_string(&r.plan);
        let (out, _) = import_file(
            &Records::default(),
            decode(&only_plan).expect("ours"),
            DAY,
            NOON,
        )
        .expect("imports");
        assert_eq!(ids(&out.plan), ["plan1"]);
        let only_sessions = crate::core::json::to_string(&r.sessions);
        let (out, _) = import_file(
            &Records::default(),
            decode(&only_sessions).expect("ours"),
            DAY,
            NOON,
        )
        .expect("imports");
        assert_eq!(ids(&out.sessions), ["s1"]);
    }

    #[test]
    fn one_bad_section_refuses_the_whole_file() {
        let r = records();
        let good = export(&r);
        let current = Records::default();
        let bad_session = good.replace("\"widget\":\"breathing\"", "\"widget\":\"yoga\"");
        assert_ne!(bad_session, good);
        let swapped = bundle_json(NOON, 1, &crate::core::json::to_string(&r.plan), "", "");
        let cases = [
            (bad_session, ImportError::Damaged),
            (swapped, ImportError::Damaged),
            (
                good.replacen("\"kind\":\"pleasure\"", "\"kind\":\"sessions\"", 1),
                ImportError::NotOurs,
            ),
            (
                good.replacen("\"version\":1", "\"version\":3", 1),
                ImportError::NewerVersion(3),
            ),
            (
                good.replacen("\"app\":\"attune\"", "\"app\":\"other\"", 1),
                ImportError::NotOurs,
            ),
            (
                good.replacen("\"kind\":\"bundle\"", "\"kind\":\"bundles\"", 1),
                ImportError::NotOurs,
            ),
            (
                good.replacen("\"version\":1", "\"version\":0", 1),
                ImportError::Damaged,
            ),
            (good[..good.len() - 3].to_string(), ImportError::Damaged),
            ("{\"theme\":\"dark\"}".to_string(), ImportError::NotOurs),
            ("[]".to_string(), ImportError::NotOurs),
            ("not json".to_string(), ImportError::Damaged),
        ];
        for (text, why) in cases {
            let result =
                decode(&text).and_then(|inc| import_file(&current, inc, DAY, NOON).map(|_| ()));
            assert_eq!(result, Err(why), "{}", &text[..text.len().min(120)]);
        }
    }

    #[test]
    fn header_says_what_a_file_is() {
        let h = |app: &str, kind: &str, version: u32| Header {
            app: app.into(),
            kind: kind.into(),
            version,
        };
        assert_eq!(h("attune", "bundle", 1).file_kind(), Ok(FileKind::Bundle));
        assert_eq!(
            h("attune", "plan", 1).file_kind(),
            Ok(FileKind::One(Kind::Plan))
        );
        assert_eq!(
            h("attune", "pleasure", 7).file_kind(),
            Err(ImportError::NewerVersion(7))
        );
        assert_eq!(
            h("attune", "grocery", 1).file_kind(),
            Err(ImportError::NotOurs)
        );
        assert_eq!(h("", "", 0).file_kind(), Err(ImportError::NotOurs));
        assert_eq!(
            h("attune", "sessions", 0).file_kind(),
            Err(ImportError::Damaged)
        );
    }

    #[test]
    fn hostile_bundles_never_panic_and_change_nothing() {
        let current = records();
        let huge: Vec<String> = (0..MAX_ITEMS + 1)
            .map(|i| ["{\"id\":\"a", &i.to_string(), "\"}"].cat())
            .collect();
        let too_many = ["{\"app\":\"attune\",\"kind\":\"bundle\",\"version\":1,\"sessions\":{\"app\":\"attune\",\"kind\":\"sessions\",\"version\":1,\"items\":[", &huge.join(","), "]}}"].cat();
        for text in [
            "{\"app\":\"attune\",\"kind\":\"bundle\",\"version\":1,\"pleasure\":[]}",
            "{\"app\":\"attune\",\"kind\":\"bundle\",\"version\":1,\"pleasure\":{\"items\":[{}]}}",
            "{\"app\":\"attune\",\"kind\":\"bundle\",\"version\":1,\"plan\":{\"app\":\"attune\",\"kind\":\"plan\",\"version\":1,\"items\":[{\"week\":{}}]}}",
            "{\"app\":\"attune\",\"kind\":\"bundle\",\"version\":1e400}",
            too_many.as_str(),
        ] {
            let result = decode(text).and_then(|inc| import_file(&current, inc, DAY, NOON));
            assert!(result.is_err(), "{}", &text[..text.len().min(100)]);
        }
        let empty = "{\"app\":\"attune\",\"kind\":\"bundle\",\"version\":1}";
        let (same, report) =
            import_file(&current, decode(empty).expect("ours"), DAY, NOON).expect("nothing to add");
        assert_eq!((same, report), (current, ImportReport::default()));
    }

    /// Documents written by the build before the hand-written codec (kept in
    /// `tests/golden/`): read, checked, and written back byte for byte the same.
    #[test]
    fn documents_written_before_read_and_write_back_unchanged() {
        use crate::core::json::{from_str, to_string};
        use crate::core::plan::PlanItem;
        use crate::core::pleasure::PleasureEntry;
        let sessions = include_str!("../../tests/golden/sessions.json");
        let doc: Envelope<SessionRecord> = from_str(sessions).expect("reads");
        let doc = doc.checked(Kind::Sessions).expect("valid");
        assert_eq!(doc.items.len(), 2);
        assert_eq!(to_string(&doc), sessions);
        let pleasure = include_str!("../../tests/golden/pleasure.json");
        let doc: Envelope<PleasureEntry> = from_str(pleasure).expect("reads");
        let doc = doc.checked(Kind::Pleasure).expect("valid");
        assert_eq!(
            doc.items[1].text.as_deref(),
            Some("soup, \"warm\"\tand =SUM(A1)")
        );
        assert_eq!(to_string(&doc), pleasure);
        let plan = include_str!("../../tests/golden/plan.json");
        let doc: Envelope<PlanItem> = from_str(plan).expect("reads");
        let doc = doc.checked(Kind::Plan).expect("valid");
        assert_eq!(doc.items.len(), 4);
        assert_eq!(to_string(&doc), plan);
    }

    /// A file the visitor picks may be anything: documents of ours with any member set to a
    /// hostile value (extreme numbers, wrong types, long or empty text) are read and imported,
    /// or refused, without a panic, on any day (the host's tests check arithmetic overflow too).
    #[cfg(not(target_arch = "wasm32"))]
    mod hostile_files {
        use super::*;
        use proptest::prelude::*;
        fn leaf() -> impl Strategy<Value = serde_json::Value> {
            prop_oneof![
                Just(serde_json::Value::Null),
                any::<bool>().prop_map(serde_json::Value::from),
                prop::sample::select(vec![
                    i64::MIN,
                    i64::MAX,
                    -1,
                    0,
                    1,
                    7,
                    14,
                    15,
                    2_147_483_648,
                    -2_147_483_649,
                    9_007_199_254_740_993,
                    1_700_000_000_000,
                    253_402_300_800_000
                ])
                .prop_map(serde_json::Value::from),
                prop::sample::select(vec![1e308, -1e308, 0.5, -0.0, 1e-300, 3.9])
                    .prop_map(serde_json::Value::from),
                prop::sample::select(vec![
                    String::new(),
                    "own".into(),
                    "song".into(),
                    "x".repeat(300),
                    "\u{0}".to_string(),
                    "attune".into(),
                    "bundle".into(),
                    "pleasure".into(),
                    "plan".into(),
                    "sessions".into()
                ])
                .prop_map(serde_json::Value::from),
                Just(serde_json::json!([])),
                Just(serde_json::json!({})),
            ]
        }
        fn mutate(v: &mut serde_json::Value, path: &[usize], new: serde_json::Value) {
            let mut cur = v;
            for (k, p) in path.iter().enumerate() {
                let last = k + 1 == path.len();
                let next = match cur {
                    serde_json::Value::Array(a) if !a.is_empty() => {
                        let n = a.len();
                        &mut a[p % n]
                    }
                    serde_json::Value::Object(m) if !m.is_empty() => {
                        let n = m.len();
                        let key = m.keys().nth(p % n).unwrap().clone();
                        m.get_mut(&key).unwrap()
                    }
                    _ => break,
                };
                if last {
                    *next = new;
                    return;
                }
                cur = next;
            }
        }
        proptest! {
            #![proptest_config(ProptestConfig { cases: 2000, .. ProptestConfig::default() })]
            #[test]
            fn a_mutated_file_never_panics_the_import(muts in prop::collection::vec((prop::collection::vec(0usize..50, 1..7), leaf()), 1..4), kind in 0usize..4) {
                let r = records();
                let text = match kind {
                    0 => export(&r),
                    1 => crate::core::json::to_string(&r.pleasure),
                    2 => crate::core::json::to_string(&r.plan),
                    _ => crate::core::json::to_string(&r.sessions),
                };
                let mut v: serde_json::Value = serde_json::from_str(&text).unwrap();
                for (path, new) in muts { mutate(&mut v, &path, new); }
                let t = serde_json::to_string(&v).unwrap();
                if let Ok(inc) = decode(&t) {
                    let _ = import_file(&r, inc, LocalDay(20_780), NOON);
                    let _ = import_file(&Records::default(), decode(&t).unwrap(), LocalDay(i32::MAX), i64::MAX);
                    let _ = import_file(&Records::default(), decode(&t).unwrap(), LocalDay(i32::MIN), i64::MIN);
                }
            }
        }
    }
}
