//! Every example is valid, round-trips through the types unchanged, and has a
//! score where it has care items.

use tsunagu_model::{Severity, parse_json, score_document, validate};

use crate::json_files;

#[test]
fn every_example_is_valid_without_warnings() {
    for path in json_files("examples") {
        let report = validate(&std::fs::read(&path).expect("read"));
        assert!(report.is_valid(), "{}: {:#?}", path.display(), report.diagnostics);
        let warnings: Vec<_> = report.diagnostics.iter().filter(|d| d.severity >= Severity::Warning).collect();
        assert!(warnings.is_empty(), "{}: {warnings:#?}", path.display());
    }
}

#[test]
fn examples_round_trip_through_the_types() {
    for path in json_files("examples") {
        let bytes = std::fs::read(&path).expect("read");
        let report = validate(&bytes);
        let document = report.document.expect("typed document");
        let input = parse_json(&bytes).expect("json");
        assert_eq!(document.to_value(), input, "{}: canonical form differs from the input", path.display());
        let again = validate(&document.to_canonical_json());
        assert_eq!(again.document.as_ref(), Some(&document), "{}", path.display());
    }
}

#[test]
fn examples_with_care_have_the_expected_score() {
    let expected = [
        ("assessment-tracheostomy-ventilator.json", 42),
        ("instruction-diabetes-nursery.json", 10),
        ("instruction-home-nursing-school.json", 32),
        // The ventilator's oxygen is an oxygen item since 1.2 (score.ventilator-oxygen-without-oxygen-item).
        ("instruction-tracheostomy-ventilator.json", 50),
    ];
    for (name, total) in expected {
        let bytes = std::fs::read(crate::root().join("examples").join(name)).expect("read");
        let document = validate(&bytes).document.expect("valid");
        let score = score_document(&document).expect("has care items");
        assert_eq!(score.total, total, "{name}");
    }
}
