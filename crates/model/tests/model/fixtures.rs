//! Invalid documents under `tests/fixtures/` give exactly the diagnostics
//! recorded beside them in `<name>.expected.json`.

use std::fs;

use tsunagu_model::validate;

use crate::json_files;

#[test]
fn fixtures_give_their_expected_diagnostics() {
    let bless = std::env::var_os("TSUNAGU_BLESS").is_some();
    let mut failures = Vec::new();
    for path in json_files("tests/fixtures") {
        let report = validate(&fs::read(&path).expect("read"));
        let actual = serde_json::to_string_pretty(&report.diagnostics).expect("json") + "\n";
        let expected_path = path.with_extension("expected");
        if bless {
            fs::write(&expected_path, &actual).expect("write expected");
            continue;
        }
        match fs::read_to_string(&expected_path) {
            Ok(expected) if expected == actual => {}
            Ok(_) => failures.push(format!("{}: diagnostics differ:\n{actual}", path.display())),
            Err(_) => failures.push(format!("{}: no {}", path.display(), expected_path.display())),
        }
    }
    assert!(
        failures.is_empty(),
        "{}\nhint: TSUNAGU_BLESS=1 cargo test -p tsunagu-model --test model",
        failures.join("\n")
    );
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
