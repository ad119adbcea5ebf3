use predicates::str::contains;

use crate::tsunagu;

#[test]
fn scores_an_assessment() {
    tsunagu()
        .args(["score", "examples/assessment-tracheostomy-ventilator.json"])
        .assert()
        .code(0)
        .stdout(contains("合計: 42").and(contains("最も高い区分")));
}

#[test]
fn score_as_json() {
    let output =
        tsunagu().args(["score", "--format", "json", "examples/instruction-diabetes-nursery.json"]).assert().code(0);
    let score: serde_json::Value = serde_json::from_slice(&output.get_output().stdout).expect("json");
    assert_eq!(score["total"], 10);
    assert_eq!(score["class"], "lowest");
    assert_eq!(score["lines"][0]["item"], "9(1)");
}

#[test]
fn a_consent_has_no_score() {
    tsunagu().args(["score", "examples/consent-five-departments.json"]).assert().code(1);
}

use predicates::prelude::PredicateBooleanExt;
