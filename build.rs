//! Joins the widgets' CSS into one sheet, without comments and extra white space, so the wasm
//! carries only the bytes the browser needs. The sources in `src/web/css/` stay readable.

use std::{env, fs, path::Path};

/// In cascade order: shared first, then one file per widget.
const SHEETS: &[&str] = &[
    "base",
    "breathing",
    "grounding",
    "body_scan",
    "check_in",
    "pleasure",
    "plan",
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
            if !(prev.map_or(true, |p| tight(p) || p == ':') || tight(c)) {
                out.push(' ');
            }
            pending_space = false;
        }
        out.push(c);
    }
    out.replace(";}", "}")
}

fn main() {
    let dir = Path::new("src/web/css");
    let mut all = String::new();
    for name in SHEETS {
        let path = dir.join(format!("{name}.css"));
        println!("cargo:rerun-if-changed={}", path.display());
        let css = fs::read_to_string(&path).unwrap_or_default();
        all.push_str(&minify(&css));
    }
    let out = Path::new(&env::var("OUT_DIR").unwrap_or_else(|_| ".".into())).join("attune.css");
    if let Err(e) = fs::write(&out, all) {
        println!("cargo:warning=could not write {}: {e}", out.display());
    }
}
