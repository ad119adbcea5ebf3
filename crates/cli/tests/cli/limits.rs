//! The limits SECURITY.md promises are the ones the code and schemas enforce.

use serde_json::Value;

use crate::root;

/// 1048576 -> "1,048,576".
fn grouped(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

fn schema(kind: &str) -> Value {
    let path = root().join(format!("schemas/{kind}.schema.json"));
    serde_json::from_slice(&std::fs::read(path).expect("schema")).expect("json")
}

/// Every value of `keyword` anywhere in the schema.
fn all(value: &Value, keyword: &str, out: &mut Vec<u64>) {
    match value {
        Value::Object(map) => {
            if let Some(n) = map.get(keyword).and_then(Value::as_u64) {
                out.push(n);
            }
            map.values().for_each(|v| all(v, keyword, out));
        }
        Value::Array(items) => items.iter().for_each(|v| all(v, keyword, out)),
        _ => {}
    }
}

#[test]
fn limits_in_security_md_are_the_ones_enforced() {
    let text = std::fs::read_to_string(root().join("SECURITY.md")).expect("SECURITY.md");
    let row = |what: &str| {
        text.lines().find(|line| line.starts_with(&format!("| {what}"))).unwrap_or_else(|| panic!("no row {what}"))
    };
    assert!(row("JSON document").contains(&grouped(tsunagu_model::MAX_DOCUMENT_BYTES)));
    assert!(row("XML document").contains(&grouped(tsunagu_xml::MAX_XML_BYTES)));
    assert!(row("Nesting depth of JSON").contains(&format!("| {} |", tsunagu_model::MAX_DEPTH)));
    assert!(row("Nesting depth of XML").contains(&format!("| {} |", tsunagu_xml::MAX_XML_DEPTH)));
    assert!(row("XML attribute").contains(&grouped(tsunagu_xml::MAX_ATTRIBUTE_BYTES)));
    assert!(row("PDF given").contains(&grouped(tsunagu_render::MAX_PDF_BYTES)));
    assert!(row("Attached JSON").contains(&grouped(tsunagu_model::MAX_DOCUMENT_BYTES)));
    assert!(row("Files the page opens").contains(&grouped(tsunagu_render::MAX_PDF_BYTES)));
    let page = std::fs::read_to_string(root().join("web/app.js")).expect("app.js");
    assert!(page.contains("const MAX_INPUT_BYTES = 64 * 1024 * 1024;") && tsunagu_render::MAX_PDF_BYTES == 64 << 20);

    let mut lengths = Vec::new();
    for kind in ["instruction", "assessment", "consent"] {
        all(&schema(kind), "maxLength", &mut lengths);
    }
    let longest = usize::try_from(*lengths.iter().max().expect("maxLength")).expect("fits");
    assert!(row("Any text field").contains(&format!("{} characters", grouped(longest))));
    let instruction = schema("instruction");
    let addressees = &instruction["properties"]["addressees"]["maxItems"];
    assert!(row("Addressees").contains(&format!("| {addressees} |")));
    let other = &instruction["$defs"]["CareItems"]["properties"]["other"]["maxItems"];
    assert!(row("Care items").contains(&format!("at most {other} `other`")));
}

#[test]
fn every_list_and_text_in_the_schemas_is_bounded() {
    // A text is bounded by maxLength, or by a vocabulary, a format or an anchored
    // pattern; a list by maxItems. The two exceptions are named in SECURITY.md.
    fn walk(value: &Value, pointer: &str, out: &mut Vec<String>) {
        match value {
            Value::Object(map) => {
                let types: Vec<&str> = match map.get("type") {
                    Some(Value::String(t)) => vec![t.as_str()],
                    Some(Value::Array(ts)) => ts.iter().filter_map(Value::as_str).collect(),
                    _ => Vec::new(),
                };
                // Anchored at both ends with no unbounded repetition (escaped characters aside).
                let anchored = map.get("pattern").and_then(Value::as_str).is_some_and(|p| {
                    let mut plain = String::new();
                    let mut chars = p.chars();
                    while let Some(c) = chars.next() {
                        if c == '\\' {
                            chars.next();
                        } else {
                            plain.push(c);
                        }
                    }
                    plain.starts_with('^')
                        && plain.ends_with('$')
                        && !plain.contains(['*', '+'])
                        && !plain.contains(",}")
                });
                let bounded = ["maxLength", "enum", "const", "format"].iter().any(|k| map.contains_key(*k)) || anchored;
                if types.contains(&"string") && !bounded {
                    out.push(pointer.to_owned());
                }
                if types.contains(&"array") && !map.contains_key("maxItems") {
                    out.push(pointer.to_owned());
                }
                for (key, item) in map {
                    walk(item, &format!("{pointer}/{key}"), out);
                }
            }
            Value::Array(items) => {
                for (i, item) in items.iter().enumerate() {
                    walk(item, &format!("{pointer}/{i}"), out);
                }
            }
            _ => {}
        }
    }
    for kind in ["instruction", "assessment", "consent"] {
        let mut unbounded = Vec::new();
        walk(&schema(kind), "", &mut unbounded);
        assert_eq!(unbounded, ["/properties/$schema"], "{kind}");
    }
}
