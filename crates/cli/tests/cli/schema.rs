use predicates::str::contains;

use crate::tsunagu;

#[test]
fn prints_a_kind_schema() {
    let output = tsunagu().args(["schema", "consent"]).assert().code(0);
    let schema: serde_json::Value = serde_json::from_slice(&output.get_output().stdout).expect("json");
    let end = format!("/{}/consent.schema.json", tsunagu_model::FORMAT_VERSION);
    assert!(schema["$id"].as_str().expect("$id").ends_with(&end));
}

#[test]
fn check_passes_on_the_checked_in_schemas() {
    tsunagu().args(["schema", "--check", "schemas"]).assert().code(0);
}

#[test]
fn check_fails_on_drift_and_prints_the_fix() {
    let dir = tempfile::tempdir().expect("tempdir");
    tsunagu().args(["schema", "--write"]).arg(dir.path()).assert().code(0);
    std::fs::write(dir.path().join("consent.schema.json"), "{}").expect("write");
    tsunagu()
        .args(["schema", "--check"])
        .arg(dir.path())
        .assert()
        .code(1)
        .stderr(contains("consent.schema.json").and(contains("schema --write")));
}

use predicates::prelude::PredicateBooleanExt;
