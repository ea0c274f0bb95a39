//! Two things the engine carries are made here from readable sources:
//!
//! - the widgets' CSS, joined into one sheet without comments and extra white space, so the
//!   wasm carries only the bytes the browser needs (the sources in `src/web/css/` stay readable);
//! - the words, from one file per language in `locales/`. Every file is checked against English
//!   (every message present, no other, the same `{placeholders}`; see `src/core/locale.rs`,
//!   which the engine uses too) and the build stops on any problem, naming the file, the message
//!   and what is wrong. Then the [`Msg`] keys are written from `locales/en.json`, English is
//!   compiled into the engine as one text, a message per line, and every other language is either
//!   compiled in the same way or, by default, left to be fetched when a widget needs it: the
//!   engine keeps only its file name and integrity hash (SHA-256 of the file's bytes), and
//!   `scripts/dist.mjs` copies the file under that name. `ATTUNE_BUILT_IN=es,fr` (or `all`), or
//!   the `all-locales` feature (which the tests use), builds languages in instead. The messages'
//!   keys, which only `registerTranslation` needs, are a file of their own in the same way
//!   (`attune-keys-<hash>.json`, one JSON string, a key per line), unless every language is built in.

extern crate alloc;

use std::{env, fs, path::Path};

#[allow(dead_code)]
#[path = "src/core/locale.rs"]
mod locale;

/// The engine's own prelude, which `locale.rs` imports.
#[allow(dead_code, unused_imports)]
#[path = "src/prelude.rs"]
mod prelude;

/// In cascade order: shared first, then one file per widget.
const SHEETS: &[&str] = &[
    "base",
    "breathing",
    "grounding",
    "body_scan",
    "check_in",
    "pleasure",
    "plan",
    "summary",
];

fn minify(css: &str) -> String {
    let mut out = String::with_capacity(css.len());
    let mut rest = css;
    // Drop comments.
    let mut text = String::with_capacity(css.len());
    while let Some(start) = rest.find("/*") {
        text.push_str(&rest[..start]);
        match rest[start + 2..].find("*/") {
            Some(end) => rest = &rest[start + 2 + end + 2..],
            None => rest = "",
        }
    }
    text.push_str(rest);
    // Collapse white space, and drop it around punctuation where CSS allows.
    let mut pending_space = false;
    for c in text.chars() {
        if c.is_whitespace() {
            pending_space = true;
            continue;
        }
        if pending_space {
            let prev = out.chars().last();
            let tight = |ch: char| matches!(ch, '{' | '}' | ';' | ',' | '>');
            // A space after `:` never matters (`color: red`, `:hover`); one before it can
            // (`.a :focus`), so that one stays.
            if !(prev.is_none_or(|p| tight(p) || p == ':') || tight(c)) {
                out.push(' ');
            }
            pending_space = false;
        }
        out.push(c);
    }
    out.replace(";}", "}")
}

fn write(name: &str, contents: &str) {
    let out = Path::new(&env::var("OUT_DIR").unwrap_or_else(|_| ".".into())).join(name);
    if let Err(e) = fs::write(&out, contents) {
        println!("cargo:warning=could not write {}: {e}", out.display());
    }
}

fn css() {
    let dir = Path::new("src/web/css");
    let mut all = String::new();
    for name in SHEETS {
        let path = dir.join(format!("{name}.css"));
        println!("cargo:rerun-if-changed={}", path.display());
        let css = fs::read_to_string(&path).unwrap_or_default();
        all.push_str(&minify(&css));
    }
    write("attune.css", &all);
}

/// SHA-256 (FIPS 180-4), for the fetched files' integrity hashes. Small enough to keep here
/// rather than add a dependency; `scripts/dist.mjs` checks the result against Node's own.
fn sha256(data: &[u8]) -> [u8; 32] {
    const K: [u32; 64] = [
        0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4,
        0xab1c5ed5, 0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe,
        0x9bdc06a7, 0xc19bf174, 0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f,
        0x4a7484aa, 0x5cb0a9dc, 0x76f988da, 0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7,
        0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967, 0x27b70a85, 0x2e1b2138, 0x4d2c6dfc,
        0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85, 0xa2bfe8a1, 0xa81a664b,
        0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070, 0x19a4c116,
        0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
        0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7,
        0xc67178f2,
    ];
    let mut h: [u32; 8] = [
        0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab,
        0x5be0cd19,
    ];
    let mut msg = data.to_vec();
    msg.push(0x80);
    while msg.len() % 64 != 56 {
        msg.push(0);
    }
    msg.extend_from_slice(&((data.len() as u64) * 8).to_be_bytes());
    for block in msg.chunks(64) {
        let mut w = [0u32; 64];
        for i in 0..16 {
            w[i] = u32::from_be_bytes([
                block[4 * i],
                block[4 * i + 1],
                block[4 * i + 2],
                block[4 * i + 3],
            ]);
        }
        for i in 16..64 {
            let s0 = w[i - 15].rotate_right(7) ^ w[i - 15].rotate_right(18) ^ (w[i - 15] >> 3);
            let s1 = w[i - 2].rotate_right(17) ^ w[i - 2].rotate_right(19) ^ (w[i - 2] >> 10);
            w[i] = w[i - 16]
                .wrapping_add(s0)
                .wrapping_add(w[i - 7])
                .wrapping_add(s1);
        }
        let [mut a, mut b, mut c, mut d, mut e, mut f, mut g, mut hh] = h;
        for i in 0..64 {
            let s1 = e.rotate_right(6) ^ e.rotate_right(11) ^ e.rotate_right(25);
            let ch = (e & f) ^ (!e & g);
            let t1 = hh
                .wrapping_add(s1)
                .wrapping_add(ch)
                .wrapping_add(K[i])
                .wrapping_add(w[i]);
            let s0 = a.rotate_right(2) ^ a.rotate_right(13) ^ a.rotate_right(22);
            let maj = (a & b) ^ (a & c) ^ (b & c);
            let t2 = s0.wrapping_add(maj);
            hh = g;
            g = f;
            f = e;
            e = d.wrapping_add(t1);
            d = c;
            c = b;
            b = a;
            a = t1.wrapping_add(t2);
        }
        for (x, y) in h.iter_mut().zip([a, b, c, d, e, f, g, hh]) {
            *x = x.wrapping_add(y);
        }
    }
    let mut out = [0u8; 32];
    for (i, x) in h.iter().enumerate() {
        out[4 * i..4 * i + 4].copy_from_slice(&x.to_be_bytes());
    }
    out
}

fn base64(bytes: &[u8]) -> String {
    const ABC: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::new();
    for chunk in bytes.chunks(3) {
        let n = chunk
            .iter()
            .enumerate()
            .fold(0u32, |n, (i, b)| n | u32::from(*b) << (16 - 8 * i));
        for i in 0..4 {
            if i <= chunk.len() {
                out.push(ABC[(n >> (18 - 6 * i) & 63) as usize] as char);
            } else {
                out.push('=');
            }
        }
    }
    out
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

struct Language {
    tag: String,
    bytes: Vec<u8>,
    members: Vec<(String, String)>,
}

impl Language {
    fn setting(&self, key: &str) -> Option<&str> {
        self.members
            .iter()
            .find(|(k, _)| k == key)
            .map(|(_, v)| v.as_str())
    }
}

/// The name of a language's constant: `fr` is `Lang::Fr`, `pt-BR` is `Lang::PtBr`.
fn const_name(tag: &str) -> String {
    tag.split('-')
        .map(|part| {
            let lower = part.to_ascii_lowercase();
            let mut chars = lower.chars();
            chars.next().map_or(String::new(), |c| {
                c.to_ascii_uppercase().to_string() + chars.as_str()
            })
        })
        .collect()
}

/// A Rust string literal for `s`.
fn literal(s: &str) -> String {
    format!("{s:?}")
}

fn read_languages(dir: &Path) -> Result<Vec<Language>, Vec<String>> {
    println!("cargo:rerun-if-changed={}", dir.display());
    let mut paths: Vec<_> = fs::read_dir(dir)
        .map_err(|e| vec![format!("{}: {e}", dir.display())])?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "json"))
        .collect();
    paths.sort();
    let mut errors = Vec::new();
    let mut languages = Vec::new();
    for path in paths {
        println!("cargo:rerun-if-changed={}", path.display());
        let tag = path
            .file_stem()
            .and_then(|s| s.to_str())
            .unwrap_or("")
            .to_string();
        if !locale::valid_tag(&tag) {
            errors.push(format!(
                "{}: the file name is not a language tag (such as fr or pt-BR)",
                path.display()
            ));
            continue;
        }
        let bytes = match fs::read(&path) {
            Ok(b) => b,
            Err(e) => {
                errors.push(format!("{}: {e}", path.display()));
                continue;
            }
        };
        let Ok(text) = std::str::from_utf8(&bytes) else {
            errors.push(format!("{}: not UTF-8 text", path.display()));
            continue;
        };
        match locale::read_object(text) {
            Ok(members) => languages.push(Language {
                tag,
                bytes: bytes.clone(),
                members,
            }),
            Err(why) => errors.push(format!("{}: {why}", path.display())),
        }
    }
    // English first: it is the reference and `Lang(0)`.
    languages.sort_by_key(|l| (l.tag != "en", l.tag.clone()));
    if languages.first().map(|l| l.tag.as_str()) != Some("en") {
        errors.push(format!("{}/en.json is missing", dir.display()));
    }
    if errors.is_empty() {
        Ok(languages)
    } else {
        Err(errors)
    }
}

fn check(languages: &[Language]) -> Vec<String> {
    let mut errors = Vec::new();
    let Some(en) = languages.first() else {
        return errors;
    };
    for (key, _) in &en.members {
        let ok = key.starts_with('_')
            || (key.starts_with(|c: char| c.is_ascii_uppercase())
                && key.chars().all(|c| c.is_ascii_alphanumeric()));
        if !ok {
            errors.push(format!(
                "locales/en.json: \"{key}\" is not a message name (CamelCase letters and digits, as Msg::{key} in Rust)"
            ));
        }
    }
    for language in languages {
        let problems = locale::check(&en.members, &language.members);
        for problem in &problems {
            errors.push(format!(
                "locales/{}.json: {}",
                language.tag,
                problem.describe()
            ));
        }
        let misplaced = problems
            .is_empty()
            .then(|| locale::out_of_order(&en.members, &language.members))
            .flatten();
        if let Some(key) = misplaced {
            errors.push(format!(
                "locales/{}.json: \"{key}\" is not where locales/en.json has it; keep the messages in English's order (the engine reads a fetched language by position)",
                language.tag
            ));
        }
    }
    errors
}

/// One language's messages, compiled, in the order of English's, one per line: the engine
/// splits them once, when it first needs the language, so it carries no table of offsets
/// (0.7 KB gzip).
fn table(en: &Language, language: &Language) -> String {
    let intl = language.setting("_intl").unwrap_or(&language.tag);
    let mut text = String::new();
    for (i, (key, _)) in en
        .members
        .iter()
        .filter(|(k, _)| !k.starts_with('_'))
        .enumerate()
    {
        let message = language
            .members
            .iter()
            .find(|(k, _)| k == key)
            .map_or("", |(_, v)| v.as_str());
        if i > 0 {
            text.push('\n');
        }
        // No message has a line break: `locale::check` refused the build before.
        text.push_str(&locale::compile(message, intl).unwrap_or_default());
    }
    text
}

fn words() {
    let dir = Path::new("locales");
    println!("cargo:rerun-if-env-changed=ATTUNE_BUILT_IN");
    let languages = read_languages(dir).unwrap_or_else(|errors| stop(&errors));
    let errors = check(&languages);
    if !errors.is_empty() {
        stop(&errors);
    }
    let built_in: Vec<String> = if env::var_os("CARGO_FEATURE_ALL_LOCALES").is_some() {
        vec!["all".into()]
    } else {
        env::var("ATTUNE_BUILT_IN")
            .unwrap_or_default()
            .split(',')
            .map(|s| s.trim().to_string())
            .collect()
    };
    let Some(en) = languages.first() else { return };
    let keys: Vec<&str> = en
        .members
        .iter()
        .map(|(k, _)| k.as_str())
        .filter(|k| !k.starts_with('_'))
        .collect();

    let mut out = String::new();
    out.push_str("// Written by build.rs from locales/*.json. Edit those files, not this one.\n\n");
    out.push_str("/// Keys of the catalog: one per message of `locales/en.json`, in its order.\n");
    out.push_str("#[allow(missing_docs)]\n#[derive(Debug, Clone, Copy, PartialEq, Eq)]\n");
    out.push_str("pub enum Msg {\n");
    for key in &keys {
        out.push_str(&format!("    {key},\n"));
    }
    out.push_str("}\n\n");
    out.push_str(&format!(
        "/// How many messages there are.\npub const MSG_COUNT: usize = {};\n\n",
        keys.len()
    ));
    // The keys are what a translation given at run time names, so they are fetched with the
    // first `registerTranslation` (1.6 KB gzip that no other page needs), unless every
    // language is built in: then nothing is fetched at all.
    let names = if built_in.iter().any(|t| t == "all") {
        format!("Words::Built(|| {})", literal(&keys.join("\n")))
    } else {
        // A JSON string, a key per line: the keys are CamelCase names, so nothing else in
        // them needs escaping.
        let bytes = format!("\"{}\"", keys.join("\\n"));
        let digest = sha256(bytes.as_bytes());
        format!(
            "Words::File({}, {})",
            literal(&format!("attune-keys-{}.json", &hex(&digest)[..8])),
            literal(&format!("sha256-{}", base64(&digest)))
        )
    };
    out.push_str(&format!(
        "/// The messages' keys, in [`Msg`] order: built in (one per line) or the name and integrity\n/// hash of a file next to the engine (a JSON string, a key per line), which `scripts/dist.mjs` writes.\nconst KEYS: Words = {names};\n\n"
    ));
    out.push_str("#[allow(non_upper_case_globals)]\nimpl Lang {\n");
    for (i, language) in languages.iter().enumerate() {
        out.push_str(&format!(
            "    /// The language of `locales/{}.json`.\n    pub const {}: Lang = Lang({i});\n",
            language.tag,
            const_name(&language.tag)
        ));
    }
    out.push_str("}\n\n");
    let mut shipped = String::new();
    for (i, language) in languages.iter().enumerate() {
        let rtl = language.setting("_dir") == Some("rtl");
        let intl = language.setting("_intl").unwrap_or(&language.tag);
        let build_in = i == 0 || built_in.iter().any(|t| t == "all" || t == &language.tag);
        let words = if build_in {
            let name = const_name(&language.tag).to_ascii_uppercase();
            let text = table(en, language);
            // A `Tail`: kept after the engine's other constants (see `src/lib.rs`).
            out.push_str(&format!(
                "static {name}_TEXT: crate::Tail<{}> = crate::Tail::new({});\n\n",
                text.len(),
                literal(&text)
            ));
            format!("Words::Built(|| {name}_TEXT.text())")
        } else {
            let digest = sha256(&language.bytes);
            let file = format!("attune-{}-{}.json", language.tag, &hex(&digest)[..8]);
            format!(
                "Words::File({}, {})",
                literal(&file),
                literal(&format!("sha256-{}", base64(&digest)))
            )
        };
        shipped.push_str(&format!(
            "    Shipped {{ tag: {}, rtl: {rtl}, intl: {}, words: {words} }},\n",
            literal(&language.tag),
            literal(intl)
        ));
    }
    out.push_str(&format!(
        "/// The languages in `locales/`, English first.\nconst SHIPPED: [Shipped; {}] = [\n{shipped}];\n",
        languages.len()
    ));
    write("locales.rs", &out);
}

/// Stops the build, listing every problem found.
fn stop(errors: &[String]) -> ! {
    for e in errors {
        println!("cargo:warning={e}");
    }
    eprintln!("The language files in locales/ have problems:");
    for e in errors {
        eprintln!("  {e}");
    }
    std::process::exit(1);
}

fn main() {
    css();
    words();
}
