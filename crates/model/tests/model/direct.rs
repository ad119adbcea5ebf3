//! The one-pass route (`validate_direct`) against the full route (strict parse,
//! `jsonschema`, rules): wherever the one-pass route answers, the reports must
//! be equal; it must answer for every valid document of the corpus (or the
//! speed would be lost without anyone noticing); and on thousands of near
//! misses (one value changed, removed, added or repeated) it must step aside
//! whenever the full route finds an error.

use std::fmt::Write as _;
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

/// The text with every non-ASCII character written as a `\u` escape (a
/// surrogate pair above the BMP), as Python's `json.dumps` writes by default.
fn ascii_escaped(text: &str) -> String {
    let mut out = String::with_capacity(text.len() * 2);
    for c in text.chars() {
        if c.is_ascii() {
            out.push(c);
        } else {
            for unit in c.encode_utf16(&mut [0; 2]) {
                let _ = write!(out, "\\u{unit:04x}");
            }
        }
    }
    out
}

#[test]
fn the_one_pass_reader_reads_every_spelling_of_a_valid_document() {
    let mut spelled = 0;
    for (name, bytes) in corpus() {
        let Some(value) = parse_json(&bytes).ok().filter(|value| validate_value(value).is_valid()) else { continue };
        let compact = value.to_string();
        let pretty = serde_json::to_string_pretty(&value).expect("serialises");
        // CRLF line ends and tabs between values.
        let windows = pretty.replace('\n', "\r\n").replace("  ", "\t");
        for (spelling, text) in [
            ("compact", compact.clone()),
            ("pretty", pretty),
            ("windows", windows),
            ("escaped", ascii_escaped(&compact)),
        ] {
            assert!(agree(&format!("{name} ({spelling})"), text.as_bytes()), "{name} ({spelling}): stepped aside");
            spelled += 1;
        }
    }
    assert!(spelled > 480, "{spelled}");
    // Escapes the writers above never use, in a free-text field.
    let remarks = r#""a\/b \"c\" \\ \n\t\r \u00e9\u9ad9\ud842\udfb7 \uD842\uDFB7""#;
    let text = base().replacen("\"remarks\":\"placeholder\"", &format!("\"remarks\":{remarks}"), 1);
    assert!(agree("escapes", text.as_bytes()), "escapes: stepped aside");
    let report = validate_direct(text.as_bytes()).expect("answered");
    let document = report.document.expect("typed").to_value();
    assert_eq!(document["remarks"], json!("a/b \"c\" \\ \n\t\r é髙𠮷 𠮷"));
}

/// An example, compact, with `"remarks":"placeholder"` and `"value":27.5` (the
/// weight) to change.
fn base() -> String {
    let text = std::fs::read_to_string(root().join("examples/instruction-diabetes-nursery.json")).expect("read");
    let mut value: Value = serde_json::from_str(&text).expect("JSON");
    value["remarks"] = json!("placeholder");
    value["child"]["weight"]["value"] = json!(27.5);
    let compact = value.to_string();
    assert!(agree("base", compact.as_bytes()), "base: stepped aside");
    compact
}

#[test]
fn malformed_json_is_never_answered_in_one_pass() {
    let compact = base();
    let weight = "\"value\":27.5";
    let remarks = "\"remarks\":\"";
    assert!(compact.contains(weight) && compact.contains(remarks), "{compact}");
    let cases: Vec<String> = [
        // Structure.
        compact.replacen('{', "{,", 1),
        compact.replacen("\"kind\":\"instruction\"", "\"kind\":\"instruction\",", 1).replacen('}', ",}", 1),
        compact.replacen(',', " ", 1),
        compact.replacen(':', " ", 1),
        format!("{compact} {{}}"),
        format!("{compact},"),
        compact[..compact.len() - 1].to_owned(),
        compact.replacen("\"kind\":", "'kind':", 1),
        compact.replacen("\"kind\":", "kind:", 1),
        // Strings: a raw control character, a lone surrogate, bad escapes, no end.
        compact.replacen(remarks, "\"remarks\":\"\t", 1),
        compact.replacen(remarks, "\"remarks\":\"\n", 1),
        compact.replacen(remarks, "\"remarks\":\"\\ud842", 1),
        compact.replacen(remarks, "\"remarks\":\"\\udfb7", 1),
        compact.replacen(remarks, "\"remarks\":\"\\ud842\\u0041", 1),
        compact.replacen(remarks, "\"remarks\":\"\\x41", 1),
        compact.replacen(remarks, "\"remarks\":\"\\u12", 1),
        compact.replacen(remarks, "\"remarks\":\"\\U0041", 1),
        compact.replacen(remarks, "\"remarks\":\"\\", 1),
        // Numbers outside JSON's grammar.
        compact.replacen(weight, "\"value\":027.5", 1),
        compact.replacen(weight, "\"value\":+27.5", 1),
        compact.replacen(weight, "\"value\":.5", 1),
        compact.replacen(weight, "\"value\":27.", 1),
        compact.replacen(weight, "\"value\":2e", 1),
        compact.replacen(weight, "\"value\":-", 1),
        compact.replacen(weight, "\"value\":NaN", 1),
        compact.replacen(weight, "\"value\":Infinity", 1),
        compact.replacen(weight, "\"value\":1e999", 1),
        compact.replacen(weight, "\"value\":true", 1),
        compact.replacen(remarks, "\"remarks\":tru\"", 1),
        compact.replacen(remarks, "\"remarks\":nul\"", 1),
        compact.replacen(remarks, "\"remarks\":[\"", 1),
    ]
    .into_iter()
    .filter(|case| case != &compact)
    .collect();
    assert!(cases.len() >= 25, "{}", cases.len());
    for case in &cases {
        // Each case is malformed or at least invalid, so the test cannot pass by accident.
        assert!(parse_json(case.as_bytes()).is_err() || !validate(case.as_bytes()).is_valid(), "{case}");
        assert_eq!(validate_direct(case.as_bytes()), None, "answered for malformed JSON: {case}");
    }
    // Numbers JSON allows, read to the same values as the strict reader reads them.
    for number in ["2.75e1", "275E-1", "27.50", "0.275e+2", "27.500000000000000000001"] {
        let case = compact.replacen(weight, &format!("\"value\":{number}"), 1);
        assert_ne!(case, compact, "the example weighs 27.5 kg");
        assert!(agree(number, case.as_bytes()), "{number}: stepped aside");
    }
}
