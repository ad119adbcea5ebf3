//! The one-pass route (`validate_direct`) against the full route (strict parse,
//! `jsonschema`, rules): wherever the one-pass route answers, the reports must
//! be equal; it must answer for every valid document of the corpus (or the
//! speed would be lost without anyone noticing); and on thousands of near
//! misses (one value changed, removed, added or repeated) it must step aside
//! whenever the full route finds an error.

use std::path::Path;

use serde_json::{Value, json};
use tsunagu_model::{Kind, Report, parse_json, sample, validate, validate_direct, validate_value};

use crate::{json_files, root};

/// The full route alone, or `None` when the strict reader refuses the bytes.
fn full(bytes: &[u8]) -> Option<Report> {
    parse_json(bytes).ok().map(|value| validate_value(&value))
}

/// Checks the two routes agree on `bytes`; returns whether the one-pass route answered.
fn agree(name: &str, bytes: &[u8]) -> bool {
    let Some(direct) = validate_direct(bytes) else { return false };
    let full = full(bytes).unwrap_or_else(|| panic!("{name}: answered for bytes the strict reader refuses"));
    assert_eq!(direct, full, "{name}: the routes disagree");
    assert!(direct.document.is_some(), "{name}: answered without a typed document");
    assert_eq!(validate(bytes), full, "{name}: validate is not the full route's answer");
    true
}

fn files(dir: &str) -> Vec<(String, Vec<u8>)> {
    json_files(dir).into_iter().map(|path| (name(&path), std::fs::read(&path).expect("read"))).collect()
}

fn name(path: &Path) -> String {
    path.strip_prefix(root()).unwrap_or(path).display().to_string()
}

/// Every document the repository holds, valid or not, and samples of each kind.
fn corpus() -> Vec<(String, Vec<u8>)> {
    let mut corpus = Vec::new();
    for dir in ["examples", "tests/documents", "tests/fixtures", "tests/hostile", "tests/migrate/1.0"] {
        corpus.extend(files(dir));
    }
    for kind in Kind::ALL {
        for index in 0..40 {
            corpus.push((format!("sample {kind} {index}"), sample(kind, 1, index).to_string().into_bytes()));
        }
    }
    corpus
}

#[test]
fn both_routes_agree_on_the_corpus() {
    for (name, bytes) in corpus() {
        agree(&name, &bytes);
    }
}

#[test]
fn the_one_pass_route_answers_for_every_valid_document() {
    let mut answered = 0;
    for (name, bytes) in corpus() {
        if full(&bytes).is_some_and(|report| report.is_valid()) {
            assert!(agree(&name, &bytes), "{name}: valid, but the one-pass route stepped aside");
            answered += 1;
        }
    }
    // Examples, the every-care-item sheet, hostile-but-valid texts, 1.0 documents and samples.
    assert!(answered > 120, "only {answered} valid documents");
}

/// Every JSON Pointer in `value`, parents before children.
fn pointers(value: &Value, at: &str, out: &mut Vec<String>) {
    out.push(at.to_owned());
    match value {
        Value::Object(map) => {
            for (key, item) in map {
                pointers(item, &format!("{at}/{}", key.replace('~', "~0").replace('/', "~1")), out);
            }
        }
        Value::Array(items) => {
            for (i, item) in items.iter().enumerate() {
                pointers(item, &format!("{at}/{i}"), out);
            }
        }
        _ => {}
    }
}

/// The values put in place of each value: every JSON type, edge strings and numbers.
fn replacements() -> Vec<Value> {
    vec![
        Value::Null,
        json!(true),
        json!(0),
        json!(-1),
        json!(1.5),
        json!(1e300),
        json!(""),
        json!("x"),
        json!("a\u{202E}b"),
        json!("\u{0}"),
        json!("x".repeat(4001)),
        json!("2026-02-30"),
        json!("7476cf8a4baa4dc087b341d690d7a28a"),
        json!([]),
        json!({}),
        json!({"unit": "kg", "value": 1}),
    ]
}

/// Near misses of one valid document: each value replaced, removed, or its
/// container given an unknown key or too many items.
fn near_misses(document: &Value) -> Vec<(String, Value)> {
    let mut all = Vec::new();
    pointers(document, "", &mut all);
    let mut out = Vec::new();
    for pointer in all.iter().skip(1) {
        let (parent, last) = pointer.rsplit_once('/').expect("not the root");
        for (i, replacement) in replacements().into_iter().enumerate() {
            let mut changed = document.clone();
            *changed.pointer_mut(pointer).expect("exists") = replacement;
            out.push((format!("{pointer} = replacement {i}"), changed));
        }
        let mut removed = document.clone();
        match removed.pointer_mut(parent).expect("exists") {
            Value::Object(map) => drop(map.remove(last)),
            Value::Array(items) => drop(items.remove(last.parse::<usize>().expect("index"))),
            _ => unreachable!("a parent is a container"),
        }
        out.push((format!("{pointer} removed"), removed));
        let mut grown = document.clone();
        match grown.pointer_mut(pointer).expect("exists") {
            Value::Object(map) => drop(map.insert("unknownField".into(), json!(1))),
            Value::Array(items) if !items.is_empty() => {
                let first = items[0].clone();
                items.resize(40, first);
            }
            _ => continue,
        }
        out.push((format!("{pointer} grown"), grown));
    }
    out
}

#[test]
fn near_misses_take_the_full_route_whenever_it_objects() {
    let mut documents: Vec<(String, Vec<u8>)> = files("examples");
    documents.extend(files("tests/documents"));
    let (mut cases, mut answered, mut invalid) = (0, 0, 0);
    for (name, bytes) in documents {
        let document = parse_json(&bytes).expect("valid JSON");
        for (change, value) in near_misses(&document) {
            let bytes = serde_json::to_vec(&value).expect("serialise");
            cases += 1;
            answered += usize::from(agree(&format!("{name}: {change}"), &bytes));
            invalid += usize::from(!full(&bytes).is_some_and(|report| report.is_valid()));
        }
    }
    // Sanity of the test itself: most changes break the document, some do not
    // (a free text replaced by "x"), and those are answered in one pass.
    assert!(cases > 5_000, "{cases} cases");
    assert!(invalid > cases / 2, "{invalid} of {cases} invalid");
    assert!(answered > 100, "{answered} answered");
}

#[test]
fn repeated_keys_take_the_full_route() {
    let bytes = std::fs::read(root().join("examples/instruction-diabetes-nursery.json")).expect("read");
    let text = String::from_utf8(bytes).expect("UTF-8");
    // A key repeated in a struct, in a vocabulary-valued field and in extensions.
    for (from, to) in [
        ("\"kind\": \"instruction\",", "\"kind\": \"instruction\", \"kind\": \"instruction\","),
        ("\"language\": \"ja\",", "\"language\": \"ja\", \"language\": \"ja\","),
        ("\"issueDate\"", "\"extensions\": {\"jp.lg.x\": 1, \"jp.lg.x\": 1}, \"issueDate\""),
        ("\"issueDate\"", "\"extensions\": {\"jp.lg.x\": {\"a\": 1, \"a\": 2}}, \"issueDate\""),
    ] {
        assert!(text.contains(from), "{from}");
        let changed = text.replacen(from, to, 1);
        assert_eq!(validate_direct(changed.as_bytes()), None, "{to}");
        assert!(parse_json(changed.as_bytes()).is_err(), "{to}");
    }
    // Extensions without a repeat are answered in one pass, values and all.
    let with_extensions = text.replacen(
        "\"issueDate\"",
        "\"extensions\": {\"jp.lg.x\": {\"a\": [1, -0, 2.5e3, null, \"ok\"]}}, \"issueDate\"",
        1,
    );
    assert!(agree("extensions", with_extensions.as_bytes()));
}
