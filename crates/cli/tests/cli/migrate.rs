//! `tsunagu migrate`: older documents upgraded to the current format (see docs/versioning.md).

use predicates::prelude::PredicateBooleanExt;
use predicates::str::contains;

use crate::{root, tsunagu};

#[test]
fn upgrades_a_1_0_document_to_what_its_1_1_form_upgrades_to() {
    let from_1_0 =
        tsunagu().args(["migrate", "tests/migrate/1.0/instruction-diabetes-nursery.json"]).assert().code(0).stderr(
            contains(format!("1.0 → {}", tsunagu_model::FORMAT_VERSION)).and(contains("/child/weight/measuredOn")),
        );
    let from_1_1 = tsunagu().args(["migrate", "tests/migrate/1.1/instruction-diabetes-nursery.json"]).assert().code(0);
    let upgraded: serde_json::Value = serde_json::from_slice(&from_1_0.get_output().stdout).expect("json out");
    let expected: serde_json::Value = serde_json::from_slice(&from_1_1.get_output().stdout).expect("json out");
    assert_eq!(upgraded, expected);
    assert_eq!(upgraded["formatVersion"], tsunagu_model::FORMAT_VERSION);
}

#[test]
fn in_place_upgrades_a_directory_and_leaves_current_files_untouched() {
    let dir = tempfile::tempdir().expect("temp dir");
    for name in ["instruction-tracheostomy-ventilator.json", "consent-five-departments.json"] {
        std::fs::copy(root().join("tests/migrate/1.0").join(name), dir.path().join(name)).expect("copy");
    }
    let current = root().join("examples/assessment-tracheostomy-ventilator.json");
    let current_bytes = std::fs::read(&current).expect("read");
    std::fs::write(dir.path().join("assessment.json"), &current_bytes).expect("write");
    tsunagu()
        .args(["migrate", "--in-place"])
        .arg(dir.path())
        .assert()
        .code(0)
        .stderr(contains(format!("既に書式 {}", tsunagu_model::FORMAT_VERSION)));
    tsunagu().args(["validate", "--format", "json"]).arg(dir.path()).assert().code(0).stdout(contains("1.0").not());
    assert_eq!(std::fs::read(dir.path().join("assessment.json")).expect("read"), current_bytes);
}

#[test]
fn writes_nothing_when_the_upgraded_document_is_invalid() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("invalid.json");
    let old =
        std::fs::read_to_string(root().join("tests/migrate/1.0/instruction-diabetes-nursery.json")).expect("read");
    std::fs::write(&path, old.replace("\"issueDate\"", "\"issuedOn\"")).expect("write");
    let before = std::fs::read(&path).expect("read");
    tsunagu()
        .args(["migrate", "--in-place", "--lang", "en"])
        .arg(&path)
        .assert()
        .code(1)
        .stderr(contains("schema.unknown-field").and(contains("nothing was written")));
    assert_eq!(std::fs::read(&path).expect("read"), before);
}

#[test]
fn refuses_a_version_it_cannot_upgrade_from() {
    tsunagu()
        .args(["migrate", "--lang", "en", "-"])
        .write_stdin(r#"{"kind": "consent", "formatVersion": "2.0"}"#)
        .assert()
        .code(1)
        .stderr(contains("document.version-unsupported").and(contains("upgradable: 1.0")));
}

#[test]
fn several_documents_need_in_place() {
    tsunagu().args(["migrate", "tests/migrate/1.0"]).assert().code(2).stderr(contains("--in-place"));
}

#[test]
fn upgrades_xml_to_xml() {
    let xml = tsunagu()
        .args(["convert", "--to", "xml", "tests/migrate/1.0/instruction-diabetes-nursery.json"])
        .assert()
        .code(0)
        .get_output()
        .stdout
        .clone();
    let output = tsunagu().args(["migrate", "-"]).write_stdin(xml).assert().code(0);
    let upgraded = String::from_utf8_lossy(&output.get_output().stdout).into_owned();
    assert!(upgraded.starts_with("<?xml"), "{upgraded}");
    assert!(upgraded.contains("<measuredOn>2026-03-20</measuredOn>"), "{upgraded}");
}
