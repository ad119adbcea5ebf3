//! The XML form: lossless round trips on the corpus, and hostile XML refused.

use std::path::{Path, PathBuf};

use serde_json::Value;
use tsunagu_model::{Code, Kind, validate, validate_value};
use tsunagu_xml::{NAMESPACE, XmlError, from_xml, to_xml};

fn corpus() -> Vec<PathBuf> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let mut paths = Vec::new();
    for dir in ["examples", "tests/documents"] {
        for entry in std::fs::read_dir(root.join(dir)).expect("dir") {
            let path = entry.expect("entry").path();
            if path.extension().is_some_and(|e| e == "json") {
                paths.push(path);
            }
        }
    }
    paths.sort();
    paths
}

fn example(name: &str) -> Value {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    serde_json::from_slice(&std::fs::read(root.join("examples").join(name)).expect("read")).expect("json")
}

#[test]
fn json_to_xml_to_json_is_identity_on_the_corpus() {
    for path in corpus() {
        let document = validate(&std::fs::read(&path).expect("read")).document.expect("valid");
        let json = document.to_value();
        let xml = to_xml(document.kind(), &json).expect("to xml");
        let (kind, back) = from_xml(xml.as_bytes()).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        assert_eq!(kind, document.kind());
        assert_eq!(back, json, "{}: round trip changed the document", path.display());
        assert!(validate_value(back.clone()).is_valid(), "{}", path.display());
    }
}

#[test]
fn text_survives_markup_whitespace_and_carriage_returns() {
    let mut json = example("consent-five-departments.json");
    let tricky = "  <b>&amp; \"quoted\" 'single'</b>\r\nline two\ttab  ";
    json["revocation"]["how"] = tricky.into();
    json["extensions"] = serde_json::json!({ "jp.lg.example": { "weird key <&>": [1, 2.5, "x"] } });
    let xml = to_xml(Kind::Consent, &json).expect("to xml");
    assert!(xml.contains(&format!("xmlns=\"{NAMESPACE}\"")));
    let (_, back) = from_xml(xml.as_bytes()).expect("from xml");
    assert_eq!(back, json);
}

#[test]
fn control_characters_xml_cannot_carry_are_refused_by_field() {
    let mut json = example("consent-five-departments.json");
    json["revocation"]["how"] = "bell\u{7}".into();
    assert_eq!(to_xml(Kind::Consent, &json), Err(XmlError::Unrepresentable { pointer: "/revocation/how".into() }));
}

#[test]
fn structural_mistakes_surface_as_validator_diagnostics() {
    let json = example("instruction-diabetes-nursery.json");
    let xml = to_xml(Kind::Instruction, &json).expect("to xml");
    let broken = xml
        .replace("<value>15.2</value>", "<value>fifteen</value>")
        .replace("<allergies/>", "<allergies/><nickname>x</nickname>");
    let (_, value) = from_xml(broken.as_bytes()).expect("well-formed");
    let report = validate_value(value.clone());
    let found: Vec<(Code, &str)> = report.diagnostics.iter().map(|d| (d.code, d.pointer.as_str())).collect();
    assert!(found.contains(&(Code::Type, "/child/weight/value")), "{found:?}");
    assert!(found.contains(&(Code::UnknownField, "/nickname")), "{found:?}");
}

#[test]
fn hostile_xml_is_refused() {
    let billion_laughs = r#"<?xml version="1.0"?>
<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]>
<consent xmlns="https://tsunagu-jp.github.io/tsunagu/xml/1.0"><addressee>&lol2;</addressee></consent>"#;
    assert_eq!(from_xml(billion_laughs.as_bytes()).map(|_| ()), Err(XmlError::Doctype));

    let external = r#"<?xml version="1.0"?><!DOCTYPE x [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>
<consent xmlns="https://tsunagu-jp.github.io/tsunagu/xml/1.0"><addressee>&xxe;</addressee></consent>"#;
    assert_eq!(from_xml(external.as_bytes()).map(|_| ()), Err(XmlError::Doctype));

    let undefined =
        r#"<consent xmlns="https://tsunagu-jp.github.io/tsunagu/xml/1.0"><addressee>&xxe;</addressee></consent>"#;
    assert_eq!(from_xml(undefined.as_bytes()).map(|_| ()), Err(XmlError::UndefinedEntity));

    let deep = format!(
        r#"<consent xmlns="{NAMESPACE}">{}{}</consent>"#,
        "<a>".repeat(tsunagu_xml::MAX_XML_DEPTH + 1),
        "</a>".repeat(tsunagu_xml::MAX_XML_DEPTH + 1)
    );
    assert_eq!(from_xml(deep.as_bytes()).map(|_| ()), Err(XmlError::TooDeep));

    let attribute =
        format!(r#"<consent xmlns="{NAMESPACE}" jsonSchema="{}"/>"#, "a".repeat(tsunagu_xml::MAX_ATTRIBUTE_BYTES + 1));
    assert_eq!(from_xml(attribute.as_bytes()).map(|_| ()), Err(XmlError::AttributeTooLarge));

    let huge = vec![b' '; tsunagu_xml::MAX_XML_BYTES + 1];
    assert_eq!(from_xml(&huge).map(|_| ()), Err(XmlError::TooLarge));

    let foreign = r#"<consent xmlns="urn:other"><addressee>x</addressee></consent>"#;
    assert_eq!(from_xml(foreign.as_bytes()).map(|_| ()), Err(XmlError::NotTsunagu));

    let unknown_root = format!(r#"<invoice xmlns="{NAMESPACE}"/>"#);
    assert_eq!(from_xml(unknown_root.as_bytes()).map(|_| ()), Err(XmlError::NotTsunagu));

    for malformed in [&b"<consent"[..], b"<a></b>", b"\xff\xfe<x/>", b"<a/><b/>"] {
        assert!(matches!(from_xml(malformed), Err(XmlError::Malformed { .. })), "{malformed:?}");
    }
}

#[test]
fn content_the_form_has_no_place_for_is_refused_or_reported_never_dropped() {
    let json = example("instruction-diabetes-nursery.json");
    let xml = to_xml(Kind::Instruction, &json).expect("to xml");

    // Text where a list belongs: kept, and reported as a type error.
    let (_, value) =
        from_xml(xml.replace("<allergies/>", "<allergies>卵</allergies>").as_bytes()).expect("well-formed");
    let report = validate_value(value.clone());
    assert!(
        report.diagnostics.iter().any(|d| d.code == Code::Type && d.pointer == "/allergies"),
        "{:?}",
        report.diagnostics
    );

    // Attributes below the root would be dropped: refused.
    let attributed = xml.replace("<allergies/>", r#"<allergies reaction="x"/>"#);
    assert_eq!(from_xml(attributed.as_bytes()).map(|_| ()), Err(XmlError::Unexpected { element: "allergies".into() }));

    // Text beside child elements: refused.
    let mixed = xml.replace("<diagnoses>", "<diagnoses>stray");
    assert_eq!(from_xml(mixed.as_bytes()).map(|_| ()), Err(XmlError::Unexpected { element: "diagnoses".into() }));

    // A root that disagrees with the <kind> inside it.
    let disguised = xml.replacen("<kind>instruction</kind>", "<kind>consent</kind>", 1);
    assert_eq!(from_xml(disguised.as_bytes()).map(|_| ()), Err(XmlError::NotTsunagu));
}
