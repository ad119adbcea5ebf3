//! The CI report formats and the XML exchange, as partner systems call them.

use predicates::prelude::PredicateBooleanExt;
use predicates::str::contains;

use crate::{root, tsunagu};

fn stdout(args: &[&str], code: i32) -> String {
    let output = tsunagu().args(args).assert().code(code);
    String::from_utf8_lossy(&output.get_output().stdout).into_owned()
}

#[test]
fn junit_has_a_case_per_document_and_a_failure_per_error() {
    let xml = stdout(&["validate", "--format", "junit", "examples", "tests/fixtures/consent-rules.json"], 1);
    assert_eq!(xml.matches("<testcase ").count(), crate::json_files("examples").len() + 1, "{xml}");
    assert_eq!(xml.matches("<failure ").count(), 5, "{xml}");
    assert!(xml.contains(r#"type="consent.end-missing""#));
    assert!(xml.starts_with("<?xml version=\"1.0\" encoding=\"UTF-8\"?>"));
}

#[test]
fn sarif_is_a_2_1_0_log_with_rules_and_pointers() {
    let log: serde_json::Value =
        serde_json::from_str(&stdout(&["validate", "--format", "sarif", "tests/fixtures/consent-rules.json"], 1))
            .expect("json");
    assert_eq!(log["version"], "2.1.0");
    let run = &log["runs"][0];
    assert_eq!(run["tool"]["driver"]["name"], "tsunagu");
    assert_eq!(run["results"].as_array().expect("results").len(), 5);
    let first = &run["results"][0];
    assert_eq!(first["ruleId"], "consent.end-missing");
    assert_eq!(first["locations"][0]["logicalLocations"][0]["fullyQualifiedName"], "/period/end");
    let index = usize::try_from(first["ruleIndex"].as_u64().expect("index")).expect("small");
    let rule = &run["tool"]["driver"]["rules"][index];
    assert_eq!(rule["id"], "consent.end-missing");
}

#[test]
fn github_annotations_name_file_code_and_pointer() {
    let text =
        stdout(&["validate", "--format", "github", "--lang", "en", "tests/fixtures/instruction-no-care.json"], 1);
    assert_eq!(
        text.lines().next(),
        Some("::error file=tests/fixtures/instruction-no-care.json,title=care.empty::/care: no care item is filled in")
    );
    assert!(text.lines().skip(1).all(|line| line.starts_with("::warning ") || line.starts_with("::notice ")), "{text}");
}

#[test]
fn convert_round_trips_through_xml() {
    let dir = tempfile::tempdir().expect("tempdir");
    let xml = dir.path().join("assessment.xml");
    tsunagu()
        .args(["convert", "examples/assessment-tracheostomy-ventilator.json", "--to", "xml", "-o"])
        .arg(&xml)
        .assert()
        .code(0);
    tsunagu().args(["validate"]).arg(&xml).assert().code(0);
    let back = tsunagu().args(["convert", "--to", "json"]).arg(&xml).assert().code(0);
    let back: serde_json::Value = serde_json::from_slice(&back.get_output().stdout).expect("json");
    let original: serde_json::Value = serde_json::from_slice(
        &std::fs::read(root().join("examples/assessment-tracheostomy-ventilator.json")).expect("read"),
    )
    .expect("json");
    assert_eq!(back, original);
}

#[test]
fn hostile_xml_is_refused_with_a_clear_error() {
    let bomb = r#"<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaa">]><consent xmlns="https://tsunagu-jp.github.io/tsunagu/xml/1.0">&a;</consent>"#;
    tsunagu()
        .args(["validate", "--lang", "en", "-"])
        .write_stdin(bomb)
        .assert()
        .code(1)
        .stdout(contains("document.not-xml").and(contains("DOCTYPE")));
    tsunagu().args(["convert", "--to", "json", "-"]).write_stdin(bomb).assert().code(1);
}

#[test]
fn codes_are_listed_for_partners() {
    let list: serde_json::Value = serde_json::from_str(&stdout(&["codes", "--format", "json"], 0)).expect("json");
    let codes: Vec<&str> = list.as_array().expect("array").iter().map(|c| c["code"].as_str().expect("code")).collect();
    assert!(codes.contains(&"schema.required") && codes.contains(&"consent.signer-cannot-consent"));
    let mut unique = codes.clone();
    unique.sort_unstable();
    unique.dedup();
    assert_eq!(unique.len(), codes.len(), "codes are unique");
}
