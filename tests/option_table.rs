//! `src/options.json`, the table that the loader's option names, `custom-elements.json`, the
//! TypeScript types and the snippet builder are made from, checked against the engine itself:
//! the option parser (every name it reads, every value it takes, every default) and the events
//! and parts the web layer's source names. Change one without the other and this fails, naming
//! what differs. Host only: `cargo test`.
#![cfg(not(target_arch = "wasm32"))]

use std::collections::BTreeSet;

use attune::core::breathing::PATTERN_NAMES;
use attune::core::check_in::Point;
use attune::core::config::{Config, WidgetConfig};
use attune::core::options::{Expected, OptionError, RawOptions, OPTION_NAMES, WIDGET_NAMES};
use attune::core::plan::CUE_MAX_LEN;
use serde_json::Value;

const TABLE: &str = include_str!("../src/options.json");

fn table() -> Value {
    serde_json::from_str(TABLE).expect("src/options.json is JSON")
}

fn source(path: &str) -> String {
    let file = format!("{}/{path}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read_to_string(&file).unwrap_or_else(|e| panic!("{file}: {e}"))
}

fn strings(v: &Value) -> Vec<String> {
    v.as_array()
        .map(|a| {
            a.iter()
                .filter_map(|s| s.as_str().map(String::from))
                .collect()
        })
        .unwrap_or_default()
}

fn keys(v: &Value) -> BTreeSet<String> {
    v.as_object()
        .map(|o| o.keys().cloned().collect())
        .unwrap_or_default()
}

fn widgets(t: &Value) -> Vec<String> {
    keys(&t["widgets"]).into_iter().collect()
}

/// The options a widget takes: the common ones and its own.
fn options_of(t: &Value, widget: &str) -> Vec<String> {
    let mut all = strings(&t["common"]["options"]);
    all.extend(strings(&t["widgets"][widget]["options"]));
    all
}

fn parse(widget: &str, pairs: &[(&str, &str)]) -> Result<Config, OptionError> {
    Config::parse(widget, &RawOptions::new(pairs.iter().copied()), None)
}

fn num(option: &Value, key: &str) -> f64 {
    option[key]
        .as_f64()
        .unwrap_or_else(|| panic!("{option}: no number {key}"))
}

fn text(option: &Value, key: &str) -> String {
    option[key]
        .as_str()
        .unwrap_or_else(|| panic!("{option}: no text {key}"))
        .to_string()
}

/// A value the option does not take (`None` for free text, which takes anything).
fn bad_value(option: &Value) -> Option<String> {
    Some(match option["type"].as_str().unwrap_or("") {
        "choice" => "not-one-of-them".into(),
        "switch" => "perhaps".into(),
        "number" | "whole" => format!("{}", num(option, "max") + 1.0),
        "pattern" => "deep".into(),
        "lang" => "zz".into(),
        "key" => "has space".into(),
        "link" => "javascript:alert(1)".into(),
        "list" => vec!["a"; num(option, "max_items") as usize + 1].join("|"),
        "cues" => "only one".into(),
        "text" => return None,
        other => panic!("unknown option type {other:?} in src/options.json"),
    })
}

/// What the parser should say the option takes, by the table.
fn expected(name: &str, option: &Value) -> Expected {
    match option["type"].as_str().unwrap_or("") {
        "choice" => {
            let Err(OptionError::BadValue {
                expected: Expected::OneOf(choices),
                ..
            }) = parse_any(name, "not-one-of-them")
            else {
                panic!("{name}: the parser did not refuse a value with a list of choices");
            };
            assert_eq!(
                choices.iter().map(|c| c.to_string()).collect::<Vec<_>>(),
                strings(&option["values"]),
                "{name}: the values in src/options.json are not the parser's"
            );
            Expected::OneOf(choices)
        }
        "switch" => Expected::OnOff,
        "number" => Expected::Number {
            min: num(option, "min"),
            max: num(option, "max"),
        },
        "whole" => Expected::Whole {
            min: num(option, "min") as u32,
            max: num(option, "max") as u32,
        },
        "pattern" => Expected::Pattern(PATTERN_NAMES),
        "lang" => Expected::Lang,
        "key" => Expected::Key,
        "link" => Expected::Link,
        "list" => Expected::List {
            max_items: num(option, "max_items") as u32,
            max_len: num(option, "max_len") as u32,
        },
        "cues" => Expected::Cues,
        other => panic!("{name}: no refusal expected for type {other}"),
    }
}

/// Parses `name=value` on the first widget that takes `name`.
fn parse_any(name: &str, value: &str) -> Result<Config, OptionError> {
    let t = table();
    let widget = widgets(&t)
        .into_iter()
        .find(|w| options_of(&t, w).iter().any(|o| o == name))
        .unwrap_or_else(|| panic!("no widget takes {name}"));
    parse(&widget, &[(name, value)])
}

/// The option a parse refused, whether the widget stopped or only left the option out.
fn refused(result: &Result<Config, OptionError>) -> Option<(&'static str, Expected)> {
    match result {
        Err(OptionError::BadValue {
            option, expected, ..
        }) => Some((option, expected.clone())),
        Err(other) => panic!("refused otherwise: {other:?}"),
        Ok(config) => config.dropped.first().map(|e| match e {
            OptionError::BadValue {
                option, expected, ..
            } => (*option, expected.clone()),
            other => panic!("dropped otherwise: {other:?}"),
        }),
    }
}

#[test]
fn the_widgets_are_the_engines() {
    let t = table();
    let ours: BTreeSet<String> = widgets(&t).into_iter().collect();
    let engine: BTreeSet<String> = WIDGET_NAMES.iter().map(|s| s.to_string()).collect();
    assert_eq!(ours, engine);
    for w in &ours {
        assert!(parse(w, &[]).is_ok(), "{w} with no options");
    }
}

#[test]
fn every_option_is_described_once() {
    let t = table();
    let described = keys(&t["options"]);
    let mut used = BTreeSet::new();
    for w in widgets(&t) {
        let list = options_of(&t, &w);
        let unique: BTreeSet<&String> = list.iter().collect();
        assert_eq!(unique.len(), list.len(), "{w} names an option twice");
        used.extend(list);
    }
    assert_eq!(
        used, described,
        "options named by widgets vs. options described"
    );
    for (name, option) in t["options"].as_object().into_iter().flatten() {
        assert!(
            option["description"]
                .as_str()
                .is_some_and(|d| !d.is_empty()),
            "{name} has no description"
        );
        assert!(
            option.get("default").is_none() || option["default"].is_string(),
            "{name}: a default is written as the attribute's text"
        );
    }
}

#[test]
fn the_parser_reads_exactly_the_options_described() {
    // The names that are read from the raw options, in src/core/options.rs (the common ones),
    // src/core/config.rs and each widget's core module (its own): `raw.get("x")`,
    // `raw.value("x")`, `raw.literal("x")` and the helpers' `(raw, "x", ...)`. The tests at
    // the end of each file don't count.
    let mut read = BTreeSet::new();
    for module in [
        "options",
        "config",
        "breathing",
        "grounding",
        "body_scan",
        "check_in",
        "pleasure",
        "plan",
        "summary",
    ] {
        let code = source(&format!("src/core/{module}.rs"));
        let code = code.split("#[cfg(test)]").next().unwrap_or("");
        let flat: String = code.chars().filter(|c| !c.is_whitespace()).collect();
        for opener in ["raw.get(\"", "raw.value(\"", "raw.literal(\"", "raw,\""] {
            for piece in flat.split(opener).skip(1) {
                if let Some(name) = piece.split('"').next() {
                    read.insert(name.to_string());
                }
            }
        }
    }
    assert_eq!(read, keys(&table()["options"]));
}

#[test]
fn the_names_told_as_unknown_are_those_no_widget_takes() {
    let t = table();
    let known: BTreeSet<String> = OPTION_NAMES.split(' ').map(String::from).collect();
    assert_eq!(known, keys(&t["options"]));
    for w in widgets(&t) {
        let got = parse(&w, &[("minuts", "2"), ("theme", "dark")]).expect("the rest is taken");
        assert_eq!(
            got.dropped,
            [OptionError::UnknownOption {
                given: "minuts".into()
            }],
            "{w}"
        );
    }
}

#[test]
fn each_widget_refuses_a_bad_value_of_its_options_and_ignores_the_others() {
    let t = table();
    for w in widgets(&t) {
        let own = options_of(&t, &w);
        for (name, option) in t["options"].as_object().into_iter().flatten() {
            let Some(bad) = bad_value(option) else {
                let got = parse(&w, &[(name, "\u{1}any words at all")]);
                assert!(
                    got.is_ok_and(|c| c.dropped.is_empty()),
                    "{w}: {name} is free text"
                );
                continue;
            };
            let got = parse(&w, &[(name, &bad)]);
            if own.contains(name) {
                let (option_named, what) =
                    refused(&got).unwrap_or_else(|| panic!("{w} took {name}={bad:?}"));
                assert_eq!(option_named, name, "{w}: {name}={bad:?}");
                assert_eq!(what, expected(name, option), "{w}: what {name} takes");
            } else {
                assert!(
                    got.as_ref().is_ok_and(|c| c.dropped.is_empty()),
                    "{w} is not documented to take {name}, yet {name}={bad:?} gave {got:?}"
                );
            }
        }
    }
}

#[test]
fn the_values_and_ranges_described_are_taken() {
    let t = table();
    for (name, option) in t["options"].as_object().into_iter().flatten() {
        let mut good = strings(&option["values"]);
        match option["type"].as_str().unwrap_or("") {
            "number" | "whole" => {
                good.push(format!("{}", num(option, "min")));
                good.push(format!("{}", num(option, "max")));
            }
            "switch" => good.extend(["on".to_string(), "off".to_string()]),
            "key" => good.push("a".repeat(num(option, "max") as usize)),
            "link" => good.extend(["https://example.org/help".into(), "tel:988".into()]),
            "list" => good.push(vec!["a"; num(option, "max_items") as usize].join("|")),
            "cues" => good.push("w|x|y|z".into()),
            _ => {}
        }
        if let Some(d) = option["default"].as_str() {
            good.push(d.to_string());
        }
        for value in good {
            let got = parse_any(name, &value);
            assert!(
                got.as_ref().is_ok_and(|c| c.dropped.is_empty()),
                "{name}={value:?}: {got:?}"
            );
        }
    }
}

#[test]
fn the_pattern_names_and_languages_are_the_engines() {
    let t = table();
    let names: Vec<String> = PATTERN_NAMES.iter().map(|s| s.to_string()).collect();
    assert_eq!(strings(&t["options"]["pattern"]["values"]), names);
    let dir = format!("{}/locales", env!("CARGO_MANIFEST_DIR"));
    let mut shipped: Vec<String> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{dir}: {e}"))
        .filter_map(|e| {
            e.ok()?
                .file_name()
                .to_str()?
                .strip_suffix(".json")
                .map(String::from)
        })
        .collect();
    shipped.sort();
    let mut ours = strings(&t["options"]["lang"]["values"]);
    ours.sort();
    assert_eq!(ours, shipped, "lang values vs. locales/");
}

#[test]
fn the_value_types_of_event_details_are_the_engines() {
    let t = table();
    let mut patterns: Vec<String> = PATTERN_NAMES.iter().map(|s| s.to_string()).collect();
    let custom = match parse("breathing", &[("pattern", "3-0-3-0")]) {
        Ok(Config {
            widget: WidgetConfig::Breathing(b),
            ..
        }) => b.plan.pattern.id(),
        other => panic!("a custom pattern: {other:?}"),
    };
    patterns.push(custom.to_string());
    assert_eq!(strings(&t["types"]["pattern"]), patterns);
    let points: Vec<String> = Point::ALL.iter().map(|p| p.id().to_string()).collect();
    assert_eq!(strings(&t["types"]["point"]), points);
    // Every type a detail names is known.
    let mut named = keys(&t["types"]);
    named.extend(
        [
            "string",
            "number",
            "boolean",
            "number[]",
            "Record<string, string>",
            "widget",
        ]
        .map(String::from),
    );
    let mut all = vec![&t["common"]["events"]];
    for w in widgets(&t) {
        all.push(&t["widgets"][&w]["events"]);
    }
    for events in all {
        for (name, event) in events.as_object().into_iter().flatten() {
            for (key, ty) in event["detail"].as_object().into_iter().flatten() {
                assert!(
                    ty.is_array() || ty.as_str().is_some_and(|s| named.contains(s)),
                    "{name}.{key}: unknown type {ty}"
                );
            }
        }
    }
}

#[test]
fn the_cues_length_is_the_engines() {
    assert_eq!(
        num(&table()["options"]["cues"], "max_len") as u32,
        CUE_MAX_LEN
    );
    let long = "x".repeat(CUE_MAX_LEN as usize + 1);
    assert!(parse("plan", &[("cues", &format!("a|b|c|{long}"))]).is_err());
}

#[test]
fn text_over_its_length_is_left_out_not_cut() {
    let t = table();
    for name in ["support-text", "crisis-text"] {
        let max = num(&t["options"][name], "max") as usize;
        let kept = |c: Config| match name {
            "support-text" => c.common.support_text,
            _ => c.common.crisis_text,
        };
        let at_max = "w".repeat(max);
        let c = parse("breathing", &[(name, &at_max)]).expect("text is taken");
        assert!(c.dropped.is_empty(), "{name}");
        assert_eq!(kept(c).map(|k| k.chars().count()), Some(max), "{name}");
        let over = "w".repeat(max + 1);
        let c = parse("breathing", &[(name, &over)]).expect("the widget still shows");
        assert_eq!(
            c.dropped.len(),
            1,
            "{name} over {max} characters is told to the page"
        );
        assert_eq!(
            kept(c),
            None,
            "{name}: the built-in words stand in, nothing is cut"
        );
    }
    let max = num(&t["options"]["support-href"], "max") as usize;
    let link = format!("https://example.org/{}", "a".repeat(max));
    let c = parse("breathing", &[("support-href", &link)]).expect("a long link is left out");
    assert_eq!(c.dropped.len(), 1, "a link over {max} bytes is refused");
}

#[test]
fn the_defaults_are_the_parsers() {
    let t = table();
    for w in widgets(&t) {
        let plain = parse(&w, &[]).expect("no options");
        for name in options_of(&t, &w) {
            let option = &t["options"][&name];
            if let Some(d) = option["default"].as_str() {
                let given = parse(&w, &[(&name, d)]).expect("the default is taken");
                assert_eq!(given, plain, "{w}: {name}={d:?} is not the default");
            } else if option["type"] == "choice" {
                // No default: no value is what the widget does without one (theme follows the page).
                assert!(
                    option["default_text"].is_string(),
                    "{name}: say what happens without it"
                );
                for v in strings(&option["values"]) {
                    assert_ne!(
                        parse(&w, &[(&name, &v)]).ok(),
                        Some(plain.clone()),
                        "{w}: {name}={v}"
                    );
                }
            }
            if let Some(when) = option.get("default_when") {
                let (k, v) = when
                    .as_object()
                    .and_then(|o| o.iter().find(|(k, _)| *k != "value"))
                    .map(|(k, v)| (k.clone(), v.as_str().unwrap_or("").to_string()))
                    .expect("default_when names an option");
                let value = text(when, "value");
                assert_eq!(
                    parse(&w, &[(&k, &v), (&name, &value)]).ok(),
                    parse(&w, &[(&k, &v)]).ok(),
                    "{w}: with {k}={v}, {name} is {value}"
                );
            }
        }
    }
}

#[test]
fn an_option_that_needs_another_says_so() {
    let t = table();
    for (name, option) in t["options"].as_object().into_iter().flatten() {
        let Some(with) = option["only_with"].as_object() else {
            continue;
        };
        let value = option["default"].as_str().unwrap_or("1");
        for (k, v) in with {
            let other = strings(&t["options"][k]["values"])
                .into_iter()
                .find(|x| Some(x.as_str()) != v.as_str())
                .expect("another value");
            match parse_any(name, value)
                .and(parse_any(k, &other))
                .and_then(|_| {
                    let w = widgets(&t)
                        .into_iter()
                        .find(|w| options_of(&t, w).contains(name))
                        .unwrap_or_default();
                    parse(&w, &[(k.as_str(), other.as_str()), (name.as_str(), value)])
                }) {
                Err(OptionError::OnlyWith { option, .. }) => assert_eq!(option, name),
                got => panic!("{name} with {k}={other}: {got:?}"),
            }
        }
    }
}

#[test]
fn options_that_exclude_each_other_are_refused_together() {
    let t = table();
    for (name, option) in t["options"].as_object().into_iter().flatten() {
        let Some(other) = option["excludes"].as_str() else {
            continue;
        };
        assert_eq!(
            t["options"][other]["excludes"].as_str(),
            Some(name.as_str()),
            "{other} excludes {name} too"
        );
        let w = widgets(&t)
            .into_iter()
            .find(|w| options_of(&t, w).contains(name))
            .unwrap_or_default();
        match parse(&w, &[(name.as_str(), "2"), (other, "2")]) {
            Err(OptionError::Conflict { first, second }) => {
                let mut got = [first, second];
                got.sort_unstable();
                let mut want = [name.as_str(), other];
                want.sort_unstable();
                assert_eq!(got, want);
            }
            got => panic!("{name} with {other}: {got:?}"),
        }
    }
}

// --- Events and parts: what the web layer's source names ---

/// The source file of a widget's view, and whether it keeps sessions through `session.rs`
/// (which fires `attune:entry` with its own detail).
fn view(widget: &str) -> (String, bool) {
    let code = source(&format!("src/web/{}.rs", widget.replace('-', "_")));
    let keeps = code.contains("Keeper");
    (code, keeps)
}

fn flat(code: &str) -> String {
    code.chars().filter(|c| !c.is_whitespace()).collect()
}

/// `"attune:NAME"` strings in the code.
fn event_names(code: &str) -> BTreeSet<String> {
    code.split("\"attune:")
        .skip(1)
        .filter_map(|p| p.split('"').next())
        .filter(|n| !n.is_empty() && n.chars().all(|c| c.is_ascii_lowercase()))
        .map(|n| format!("attune:{n}"))
        .collect()
}

/// The keys a `Detail` is given in the code: `.text("k", ..)`, `.num(`, `.flag(`, `.value(`.
fn detail_keys(code: &str) -> BTreeSet<String> {
    let code = flat(code);
    let mut out = BTreeSet::new();
    for method in [".text(\"", ".num(\"", ".flag(\"", ".value(\""] {
        for piece in code.split(method).skip(1) {
            if let Some(k) = piece.split('"').next() {
                out.insert(k.to_string());
            }
        }
    }
    out
}

fn documented_keys(events: &Value) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    for (_, event) in events.as_object().into_iter().flatten() {
        for k in keys(&event["detail"]) {
            out.insert(k.trim_end_matches('?').to_string());
        }
    }
    out
}

#[test]
fn the_events_and_their_details_are_the_engines() {
    let t = table();
    let session = source("src/web/session.rs");
    let mount = source("src/web/mount.rs");
    assert_eq!(
        event_names(&mount),
        keys(&t["common"]["events"]),
        "mount.rs"
    );
    assert_eq!(
        detail_keys(&mount),
        &documented_keys(&t["common"]["events"]) - &BTreeSet::from(["widget".to_string()]),
        "attune:error's detail (mount.rs)"
    );
    for w in widgets(&t) {
        let (code, keeps) = view(&w);
        let events = &t["widgets"][&w]["events"];
        let mut fired = event_names(&code);
        let mut keys_in_code = detail_keys(&code);
        let mut may = keys_in_code.clone();
        if keeps {
            fired.extend(event_names(&session));
            may.extend(detail_keys(&session));
            // What every kept session's attune:entry may carry, whichever exercise kept it
            // (rating and point belong to some exercises only).
            let entry = keys(&events["attune:entry"]["detail"]);
            for k in ["id", "kind", "edited?"] {
                assert!(
                    entry.contains(k),
                    "{w}: attune:entry's detail documents {k}"
                );
            }
        }
        may.insert("widget".into());
        assert_eq!(fired, keys(events), "{w}: events fired vs. documented");
        let documented = documented_keys(events);
        keys_in_code.retain(|k| !documented.contains(k));
        assert!(
            keys_in_code.is_empty(),
            "{w}: detail keys not in src/options.json: {keys_in_code:?}"
        );
        let missing: Vec<_> = documented.difference(&may).collect();
        assert!(
            missing.is_empty(),
            "{w}: documented detail keys the code never sets: {missing:?}"
        );
    }
}

/// The part names set literally in the code: `("part", "button primary")` gives both.
fn literal_parts(code: &str) -> BTreeSet<String> {
    code.split("(\"part\", \"")
        .skip(1)
        .filter_map(|p| p.split('"').next())
        .flat_map(|names| names.split(' ').map(String::from).collect::<Vec<_>>())
        .filter(|n| !n.is_empty())
        .collect()
}

#[test]
fn the_parts_are_the_engines() {
    let t = table();
    let common = keys(&t["common"]["parts"]);
    let shared: String = ["kit", "mount", "dom", "data"]
        .iter()
        .map(|f| source(&format!("src/web/{f}.rs")))
        .collect();
    let mut all = common.clone();
    for w in widgets(&t) {
        all.extend(keys(&t["widgets"][&w]["parts"]));
    }
    // A part name can also come in a variable (the title's sub-line, a contact's link): then
    // the name is at least a string in the code.
    let named =
        |code: &str, p: &str| literal_parts(code).contains(p) || code.contains(&format!("\"{p}\""));
    let unknown: Vec<_> = literal_parts(&shared)
        .into_iter()
        .filter(|p| !all.contains(p))
        .collect();
    assert!(
        unknown.is_empty(),
        "parts in kit.rs, mount.rs, dom.rs, data.rs not in src/options.json: {unknown:?}"
    );
    for p in &common {
        assert!(
            named(&shared, p),
            "common part {p} is not in kit.rs, mount.rs, dom.rs or data.rs"
        );
    }
    for w in widgets(&t) {
        let (code, _) = view(&w);
        let mine = keys(&t["widgets"][&w]["parts"]);
        let unknown: Vec<_> = literal_parts(&code)
            .into_iter()
            .filter(|p| !mine.contains(p) && !common.contains(p))
            .collect();
        assert!(
            unknown.is_empty(),
            "{w}: parts not in src/options.json: {unknown:?}"
        );
        for p in &mine {
            assert!(
                named(&code, p) || literal_parts(&shared).contains(p),
                "{w}: documented part {p} is not in its code"
            );
        }
    }
}
