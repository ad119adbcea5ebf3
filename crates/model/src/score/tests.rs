//! One test per rule and per threshold of the score table.

use super::*;
use crate::care::CareItems;

fn care(json: serde_json::Value) -> CareItems {
    serde_json::from_value(json).expect("care items in test")
}

fn on() -> Date {
    Date::parse("2026-04-01").expect("date")
}

/// A child of six on the document's date, not stated to be a 重症心身障害児.
fn context(missing_watch: Severity) -> ScoreContext {
    ScoreContext {
        on: on(),
        missing_watch,
        seizure_instruction_on_file: Some(true),
        birth_date: Date::parse("2020-01-10").expect("date"),
        severe_disabilities: None,
    }
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

/// Issue 16: medical short stay opens at 16 points for a child who is not a
/// 重症心身障害児 (not 8), and a 重症心身障害児 qualifies by the status.
#[test]
fn issue_16_medical_short_stay_opens_at_sixteen() {
    let eight = care(serde_json::json!({"oxygen": {"watch": "low"}}));
    let sixteen = care(serde_json::json!({"oxygen": {"watch": "low"}, "suction": {"watch": "low", "sites": ["oral"]}}));
    let not_severe = ScoreContext { severe_disabilities: Some(false), ..context(Severity::Warning) };
    let below = score(&eight, "/care", not_severe);
    assert_eq!(below.total, 8);
    assert!(!below.short_stay_threshold_met, "8 points no longer opens it");
    assert_eq!(below.short_stay, ShortStay::NotByScore);
    let at = score(&sixteen, "/care", not_severe);
    assert_eq!(at.total, 16);
    assert!(at.short_stay_threshold_met);
    assert_eq!(at.short_stay, ShortStay::ByScore);
    let severe = score(&eight, "/care", ScoreContext { severe_disabilities: Some(true), ..context(Severity::Warning) });
    assert_eq!(severe.short_stay, ShortStay::AsSevereDisabilities);
    assert_eq!(score(&sixteen, "/care", context(Severity::Warning)).short_stay, ShortStay::ByScoreIfNotSevere);
}

#[test]
fn the_enema_exclusion_takes_the_amount_for_the_age() {
    // A six-year-old: small products go up to 20 g.
    let small = care(
        serde_json::json!({"bowel": {"enema": {"smallCommercialGlycerin": false, "amount": {"value": 20, "unit": "g"}}}}),
    );
    let s = score(&small, "/care", context(Severity::Warning));
    assert_eq!(s.total, 0, "20 g at six is a small product whatever the tick says");
    assert_eq!(codes(&s), vec![Code::EnemaAmountDisagrees, Code::GlycerinEnemaNotScored]);
    let large = care(
        serde_json::json!({"bowel": {"enema": {"smallCommercialGlycerin": true, "amount": {"value": 30, "unit": "g"}}}}),
    );
    let s = score(&large, "/care", context(Severity::Warning));
    assert_eq!(s.total, 3, "30 g at six is counted");
    assert!(codes(&s).contains(&Code::EnemaAmountDisagrees));
    let agreed = care(
        serde_json::json!({"bowel": {"enema": {"smallCommercialGlycerin": true, "amount": {"value": 10, "unit": "g"}}}}),
    );
    assert_eq!(codes(&score(&agreed, "/care", context(Severity::Warning))), vec![Code::GlycerinEnemaNotScored]);
}

#[test]
fn oxygen_through_the_ventilator_without_an_oxygen_item_warns_and_keeps_points() {
    let json = serde_json::json!({"ventilator": {"watch": "low", "devices": [{"kind": "invasive", "fio2": {"value": 30, "unit": "%"}}]}});
    let s = score(&care(json), "/care", context(Severity::Warning));
    assert_eq!(s.total, 10);
    assert_eq!(codes(&s), vec![Code::VentilatorOxygenWithoutItem]);
    assert!(s.diagnostics[0].message.en.contains("score item 4"));
    let room_air = serde_json::json!({"ventilator": {"watch": "low", "devices": [{"kind": "invasive", "fio2": {"value": 21, "unit": "%"}}]}});
    assert!(score(&care(room_air), "/care", context(Severity::Warning)).diagnostics.is_empty());
}

#[test]
fn the_table_prints_zero_for_a_low_watch_level_on_every_row() {
    for item in ScoreItem::ALL {
        assert_eq!(item.watch_points(Watch::Low), Some(0), "{}", item.number());
    }
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
