//! Invalid documents under `tests/fixtures/` give exactly the diagnostics recorded
//! beside them in `<name>.snap` (an `insta` snapshot: review changes with
//! `cargo insta review`, or accept them with `INSTA_UPDATE=always`).

use std::fs;

use tsunagu_model::validate;

use crate::{json_files, root};

#[test]
fn fixtures_give_their_expected_diagnostics() {
    for path in json_files("tests/fixtures") {
        let report = validate(&fs::read(&path).expect("read"));
        let name = path.file_stem().expect("stem").to_string_lossy().into_owned();
        insta::with_settings!({
            snapshot_path => root().join("tests/fixtures"),
            prepend_module_to_snapshot => false,
            omit_expression => true,
        }, {
            insta::assert_json_snapshot!(name, report.diagnostics);
        });
    }
}

#[test]
fn every_fixture_but_the_warning_ones_is_invalid() {
    for path in json_files("tests/fixtures") {
        let report = validate(&fs::read(&path).expect("read"));
        let warns_only = path.file_stem().is_some_and(|s| s.to_string_lossy().ends_with("-warns"));
        assert_eq!(report.is_valid(), warns_only, "{}", path.display());
        assert!(!report.diagnostics.is_empty(), "{}", path.display());
    }
}

#[test]
fn diagnostics_never_quote_field_values() {
    // Values that appear in the fixtures; none may leak into a message.
    let secrets = ["髙橋", "陽葵", "たかはし", "090-0000", "ひーちゃん", "prescription", "Minato"];
    for path in json_files("tests/fixtures") {
        let report = validate(&fs::read(&path).expect("read"));
        let text = serde_json::to_string(&report.diagnostics).expect("json");
        for secret in secrets {
            assert!(!text.contains(secret), "{} leaks {secret:?}: {text}", path.display());
        }
    }
}
