//! The engine's modules, read from their source, form layers without circles: no module uses
//! a module that uses it back, directly or through others, and the pure core never uses the
//! web layer. A circle makes two modules one to read and to change; this fails naming it.
//! Host only: `cargo test`.
#![cfg(not(target_arch = "wasm32"))]

use std::collections::{BTreeMap, BTreeSet};
use std::fs;

type Graph = BTreeMap<String, BTreeSet<String>>;

/// The source a module compiles into the engine: its unit tests and comments left out (a doc
/// link to another module is not a use of it).
fn engine_code(source: &str) -> String {
    let code = source.split("#[cfg(test)]\nmod tests").next().unwrap_or("");
    code.lines()
        .filter(|l| !l.trim_start().starts_with("//"))
        .collect::<Vec<_>>()
        .join("\n")
}

/// The modules of `layer` (`core`, `web`) that `code`, in that layer, names.
fn uses(code: &str, layer: &str, known: &BTreeSet<String>) -> BTreeSet<String> {
    let mut found = BTreeSet::new();
    let mut note = |name: &str, in_layer: &str| {
        let module = format!("{in_layer}::{name}");
        if known.contains(&module) {
            found.insert(module);
        }
    };
    for (prefix, in_layer) in [
        ("super::", layer),
        ("crate::core::", "core"),
        ("crate::web::", "web"),
    ] {
        for (at, _) in code.match_indices(prefix) {
            let rest = &code[at + prefix.len()..];
            let name: String = rest
                .chars()
                .take_while(|c| c.is_alphanumeric() || *c == '_')
                .collect();
            if !name.is_empty() {
                note(&name, in_layer);
            }
            // `use super::{dom::x, events::{..}}`: each module named in the braces.
            if let Some(group) = rest.strip_prefix('{') {
                let group = &group[..group.find(';').unwrap_or(group.len())];
                for part in group.split([',', '{']) {
                    if let Some((name, _)) = part.trim().split_once("::") {
                        note(name, in_layer);
                    }
                }
            }
        }
    }
    found
}

fn graph() -> Graph {
    let mut sources = BTreeMap::new();
    for layer in ["core", "web"] {
        let dir = format!("{}/src/{layer}", env!("CARGO_MANIFEST_DIR"));
        for entry in fs::read_dir(&dir).expect("the layer's folder") {
            let path = entry.expect("a file").path();
            if path.extension().is_some_and(|e| e == "rs") {
                let name = path.file_stem().unwrap().to_string_lossy().to_string();
                if name != "mod" {
                    let text = fs::read_to_string(&path).expect("a source file");
                    sources.insert(format!("{layer}::{name}"), (layer, engine_code(&text)));
                }
            }
        }
    }
    let known: BTreeSet<String> = sources.keys().cloned().collect();
    sources
        .iter()
        .map(|(module, (layer, code))| {
            let mut used = uses(code, layer, &known);
            used.remove(module);
            (module.clone(), used)
        })
        .collect()
}

/// A circle through `from`, if there is one: the modules in order, back to `from`.
fn circle_through(graph: &Graph, from: &str) -> Option<Vec<String>> {
    fn walk(graph: &Graph, at: &str, from: &str, path: &mut Vec<String>) -> bool {
        for next in graph.get(at).into_iter().flatten() {
            if next == from {
                path.push(next.clone());
                return true;
            }
            if !path.contains(next) {
                path.push(next.clone());
                if walk(graph, next, from, path) {
                    return true;
                }
                path.pop();
            }
        }
        false
    }
    let mut path = vec![from.to_string()];
    walk(graph, from, from, &mut path).then_some(path)
}

#[test]
fn no_module_uses_a_module_that_uses_it_back() {
    let graph = graph();
    assert!(
        graph.len() > 20,
        "the modules were found: {:?}",
        graph.keys()
    );
    let circles: Vec<String> = graph
        .keys()
        .filter_map(|m| circle_through(&graph, m))
        .map(|c| c.join(" -> "))
        .collect();
    assert!(
        circles.is_empty(),
        "circles of modules:\n{}",
        circles.join("\n")
    );
}

#[test]
fn the_core_never_uses_the_web_layer() {
    for (module, used) in graph() {
        if module.starts_with("core::") {
            let web: Vec<_> = used.iter().filter(|u| u.starts_with("web::")).collect();
            assert!(web.is_empty(), "{module} uses {web:?}");
        }
    }
}

#[test]
fn a_circle_is_found() {
    // The reader itself, on two made-up modules that use each other.
    let known: BTreeSet<String> = ["web::a", "web::b"].iter().map(|s| s.to_string()).collect();
    let mut graph = Graph::new();
    graph.insert(
        "web::a".into(),
        uses("use super::{b::x, c::y};", "web", &known),
    );
    graph.insert(
        "web::b".into(),
        uses("let t = super::a::f();", "web", &known),
    );
    assert_eq!(
        circle_through(&graph, "web::a"),
        Some(vec!["web::a".into(), "web::b".into(), "web::a".into()])
    );
    graph.insert("web::b".into(), BTreeSet::new());
    assert_eq!(circle_through(&graph, "web::a"), None);
}
