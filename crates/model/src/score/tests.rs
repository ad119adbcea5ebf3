//! One test per rule and per threshold of the score table.

use super::*;
use crate::care::CareItems;

fn care(json: serde_json::Value) -> CareItems {
    serde_json::from_value(json).expect("care items in test")
}

fn on() -> Date {
    Date::parse("2026-04-01").expect("date")
}

fn context(missing_watch: Severity) -> ScoreContext {
    ScoreContext { on: on(), missing_watch, seizure_instruction_on_file: Some(true) }
}

fn total(json: serde_json::Value) -> u32 {
    score(&care(json), "/care", context(Severity::Warning)).total
}

fn codes(score: &Score) -> Vec<Code> {
    score.diagnostics.iter().map(|d| d.code).collect()
}

/// Each row's base and watch points as the table gives them.
#[test]
fn every_row_scores_as_the_table() {
    use serde_json::json;
    let rows: [(serde_json::Value, u32, u32); 19] = [
        (json!({"ventilator": {"watch": "high", "devices": [{"kind": "nppv"}]}}), 10, 2),
        (json!({"tracheostomy": {"watch": "high", "cannula": {}}}), 8, 2),
        (json!({"nasopharyngealAirway": {"watch": "high"}}), 5, 1),
        (json!({"oxygen": {"watch": "high"}}), 8, 1),
        (json!({"suction": {"watch": "high", "sites": ["oral"]}}), 8, 1),
        (json!({"nebulizer": {}}), 3, 0),
        (json!({"tubeFeeding": {"watch": "high", "route": "gastrostomy"}}), 8, 2),
        (json!({"tubeFeeding": {"watch": "low", "route": "gastrostomy", "pump": {"watch": "high"}}}), 8 + 3, 1),
        (json!({"centralVenousCatheter": {"watch": "high"}}), 8, 2),
        (json!({"injection": {"subcutaneous": {"watch": "high", "drug": "insulin"}}}), 5, 1),
        (json!({"injection": {"continuousPump": {"watch": "high", "drug": "insulin"}}}), 3, 1),
        (json!({"bloodGlucose": {"watch": "high", "method": "cgm"}}), 3, 1),
        (json!({"dialysis": {"watch": "high", "method": "peritoneal"}}), 8, 2),
        (json!({"catheterization": {"intermittent": {}}}), 5, 0),
        (json!({"catheterization": {"continuous": {"watch": "high", "kind": "cystostomy"}}}), 3, 1),
        (json!({"bowel": {"stoma": {"watch": "high", "stomaType": "colostomy"}}}), 5, 1),
        (json!({"bowel": {"disimpactionOrIrrigation": {"method": "irrigation"}}}), 5, 0),
        (json!({"bowel": {"enema": {"smallCommercialGlycerin": false}}}), 3, 0),
        (json!({"seizure": {"watch": "high", "lastSeizureOn": "2026-01-10"}}), 3, 2),
    ];
    for (json, base, high) in rows {
        assert_eq!(total(json.clone()), base + high, "high watch: {json}");
        let low = serde_json::to_string(&json).expect("json").replace("\"high\"", "\"low\"");
        assert_eq!(total(serde_json::from_str(&low).expect("json")), base, "low watch: {low}");
    }
}

#[test]
fn ventilator_mid_watch_adds_one() {
    let json = serde_json::json!({"ventilator": {"watch": "mid", "devices": [{"kind": "invasive"}]}});
    assert_eq!(total(json), 11);
}

#[test]
fn ventilator_counts_once_with_several_devices() {
    let json = serde_json::json!({"ventilator": {"watch": "low", "devices": [
        {"kind": "invasive"}, {"kind": "coughAssist"}, {"kind": "highFlow"}
    ]}});
    let s = score(&care(json), "/care", context(Severity::Warning));
    assert_eq!(s.lines.len(), 1);
    assert_eq!(s.total, 10);
}

#[test]
fn tracheostomy_watch_not_added_with_ventilator() {
    let json = serde_json::json!({
        "ventilator": {"watch": "high", "devices": [{"kind": "invasive"}]},
        "tracheostomy": {"watch": "high", "cannula": {}}
    });
    let s = score(&care(json), "/care", context(Severity::Warning));
    assert_eq!(s.total, 12 + 8);
    let trach = s.lines.iter().find(|l| l.item == ScoreItem::Tracheostomy).expect("row");
    assert_eq!(trach.watch_points, 0);
    assert!(trach.note.is_some(), "the row says why the watch points are missing");
}

#[test]
fn tracheostomy_watch_added_without_ventilator() {
    let json = serde_json::json!({"tracheostomy": {"watch": "high", "cannula": {}}});
    assert_eq!(total(json), 10);
}

#[test]
fn tube_feeding_counts_once_whatever_the_route() {
    for route in ["nasogastric", "gastrostomy", "jejunostomy", "esophagostomy"] {
        let json = serde_json::json!({"tubeFeeding": {"watch": "low", "route": route}});
        assert_eq!(total(json), 8, "route {route}");
    }
}

#[test]
fn feeding_pump_adds_to_tube_feeding() {
    let json = serde_json::json!({"tubeFeeding": {"watch": "high", "route": "gastrostomy", "pump": {"watch": "low"}}});
    assert_eq!(total(json), 10 + 3);
}

#[test]
fn small_glycerin_enema_is_not_scored() {
    let json = serde_json::json!({"bowel": {"enema": {"smallCommercialGlycerin": true}}});
    let s = score(&care(json), "/care", context(Severity::Warning));
    assert_eq!(s.total, 0);
    assert_eq!(codes(&s), vec![Code::GlycerinEnemaNotScored]);
    assert_eq!(s.diagnostics[0].severity, Severity::Info);
}

#[test]
fn linked_pump_and_cgm_warn_but_keep_points() {
    let json = serde_json::json!({
        "injection": {"continuousPump": {"watch": "low", "drug": "insulin"}},
        "bloodGlucose": {"watch": "low", "method": "cgm", "linkedToInsulinPump": true}
    });
    let s = score(&care(json), "/care", context(Severity::Warning));
    assert_eq!(s.total, 3 + 3, "points unchanged: the rule is unconfirmed");
    assert_eq!(codes(&s), vec![Code::GlucoseLinkedPump]);
}

#[test]
fn seizure_within_a_year_needs_no_warning() {
    let json = serde_json::json!({"seizure": {"watch": "low", "lastSeizureOn": "2025-04-01"}});
    let s = score(&care(json), "/care", context(Severity::Warning));
    assert!(s.diagnostics.is_empty(), "{:?}", s.diagnostics);
}

#[test]
fn seizure_over_a_year_ago_warns_but_keeps_points() {
    let json = serde_json::json!({"seizure": {"watch": "low", "lastSeizureOn": "2025-03-31"}});
    let s = score(&care(json), "/care", context(Severity::Warning));
    assert_eq!(s.total, 3);
    assert_eq!(codes(&s), vec![Code::SeizureMayNotApply]);
}

#[test]
fn seizure_without_date_or_instruction_warns() {
    let json = serde_json::json!({"seizure": {"watch": "low"}});
    let s = score(&care(json.clone()), "/care", context(Severity::Warning));
    assert_eq!(codes(&s), vec![Code::SeizureMayNotApply]);

    let dated = serde_json::json!({"seizure": {"watch": "low", "lastSeizureOn": "2026-03-01"}});
    let ctx = ScoreContext { seizure_instruction_on_file: None, ..context(Severity::Error) };
    let s = score(&care(dated), "/care", ctx);
    assert_eq!(codes(&s), vec![Code::SeizureMayNotApply]);
    assert_eq!(s.total, 3);
}

#[test]
fn missing_watch_counts_low_and_is_reported_by_document_kind() {
    let json = serde_json::json!({"oxygen": {"flowAtRest": {"value": 1, "unit": "L/min"}}});
    let warned = score(&care(json.clone()), "/care", context(Severity::Warning));
    assert_eq!(warned.total, 8);
    assert_eq!(warned.diagnostics[0].code, Code::WatchMissing);
    assert_eq!(warned.diagnostics[0].severity, Severity::Warning);
    assert_eq!(warned.diagnostics[0].pointer, "/care/oxygen/watch");
    let failed = score(&care(json), "/care", context(Severity::Error));
    assert_eq!(failed.diagnostics[0].severity, Severity::Error);
}

#[test]
fn rows_without_watch_points_never_ask_for_one() {
    let json = serde_json::json!({"nebulizer": {}, "catheterization": {"intermittent": {}}});
    let s = score(&care(json), "/care", context(Severity::Error));
    assert!(s.diagnostics.is_empty());
}

#[test]
fn empty_care_scores_zero() {
    let s = score(&CareItems::default(), "/care", context(Severity::Error));
    assert_eq!((s.total, s.class), (0, ScoreClass::NotApplicable));
}

#[test]
fn thresholds_give_their_class() {
    let cases = [
        (0, ScoreClass::NotApplicable),
        (2, ScoreClass::NotApplicable),
        (3, ScoreClass::Lowest),
        (15, ScoreClass::Lowest),
        (16, ScoreClass::Middle),
        (31, ScoreClass::Middle),
        (32, ScoreClass::Highest),
        (60, ScoreClass::Highest),
    ];
    for (total, class) in cases {
        assert_eq!(ScoreClass::for_total(total), class, "total {total}");
    }
}

#[test]
fn short_stay_threshold_is_eight() {
    let below = score(&care(serde_json::json!({"nebulizer": {}})), "/care", context(Severity::Warning));
    assert!(!below.short_stay_threshold_met);
    let at = score(&care(serde_json::json!({"oxygen": {"watch": "low"}})), "/care", context(Severity::Warning));
    assert_eq!(at.total, 8);
    assert!(at.short_stay_threshold_met);
}

#[test]
fn a_full_house_reaches_the_highest_class() {
    let json = serde_json::json!({
        "ventilator": {"watch": "high", "devices": [{"kind": "invasive"}]},
        "tracheostomy": {"watch": "high", "cannula": {}},
        "suction": {"watch": "high", "sites": ["oral", "tracheostomyTube"]},
        "tubeFeeding": {"watch": "high", "route": "gastrostomy"}
    });
    let s = score(&care(json), "/care", context(Severity::Warning));
    assert_eq!(s.total, 12 + 8 + 9 + 10);
    assert_eq!(s.class, ScoreClass::Highest);
}

#[test]
fn a_ventilated_tracheostomy_needs_no_watch_level() {
    let json = serde_json::json!({
        "ventilator": {"watch": "low", "devices": [{"kind": "invasive"}]},
        "tracheostomy": {"cannula": {}}
    });
    let s = score(&care(json), "/care", context(Severity::Error));
    assert!(s.diagnostics.is_empty(), "{:?}", s.diagnostics);
}

#[test]
fn a_seizure_dated_after_the_document_says_so() {
    let json = serde_json::json!({"seizure": {"watch": "low", "lastSeizureOn": "2026-05-01"}});
    let s = score(&care(json), "/care", context(Severity::Warning));
    assert_eq!(codes(&s), vec![Code::SeizureMayNotApply]);
    assert!(s.diagnostics[0].message.en.contains("after the document's date"));
}
