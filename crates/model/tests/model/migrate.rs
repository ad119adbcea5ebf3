//! Older formats, proven on real documents: `tests/migrate/1.0/` and
//! `tests/migrate/1.1/` hold the examples as they were written in those versions
//! (each valid under its archived schema in `schemas/<version>/`). This build still
//! reads them, and migrating them loses nothing.

use tsunagu_model::{Code, FORMAT_VERSION, Severity, migrate, parse_json, validate, validate_value};

use crate::{json_files, root};

fn archived_schema(version: &str, kind: &str) -> jsonschema::Validator {
    let path = root().join("schemas").join(version).join(format!("{kind}.schema.json"));
    let schema = serde_json::from_slice(&std::fs::read(&path).expect("archived schema")).expect("schema json");
    jsonschema::draft202012::new(&schema).expect("archived schema compiles")
}

fn read(path: &std::path::Path) -> serde_json::Value {
    parse_json(&std::fs::read(path).expect("read")).expect("json")
}

#[test]
fn old_documents_are_genuine_documents_of_their_version() {
    for version in ["1.0", "1.1"] {
        for path in json_files(&format!("tests/migrate/{version}")) {
            let value = read(&path);
            assert_eq!(value["formatVersion"], version, "{}", path.display());
            let kind = value["kind"].as_str().expect("kind");
            let errors: Vec<String> =
                archived_schema(version, kind).iter_errors(&value).map(|e| e.to_string()).collect();
            assert!(errors.is_empty(), "{}: not valid under schemas/{version}: {errors:?}", path.display());
        }
    }
}

#[test]
fn a_minor_version_still_reads_every_older_document() {
    for path in json_files("tests/migrate/1.0").into_iter().chain(json_files("tests/migrate/1.1")) {
        let report = validate(&std::fs::read(&path).expect("read"));
        assert!(report.is_valid(), "{}: {:#?}", path.display(), report.diagnostics);
        // The note that it is older; anything else a later minor version added is a warning at most.
        let older: Vec<_> = report.diagnostics.iter().filter(|d| d.code == Code::VersionOlder).collect();
        assert_eq!(older.len(), 1, "{}", path.display());
        assert_eq!(older[0].severity, Severity::Info);
        let others: Vec<_> = report.diagnostics.iter().filter(|d| d.code != Code::VersionOlder).collect();
        assert!(others.iter().all(|d| d.severity == Severity::Warning), "{}: {others:#?}", path.display());
    }
}

/// Every scalar of a document, with its path where keys are kept, as a sorted list:
/// what a migration may move but never drop.
fn scalars(value: &serde_json::Value, out: &mut Vec<String>) {
    match value {
        serde_json::Value::Object(map) => map.values().for_each(|v| scalars(v, out)),
        serde_json::Value::Array(items) => items.iter().for_each(|v| scalars(v, out)),
        other => out.push(other.to_string()),
    }
}

#[test]
fn migrating_loses_nothing_and_gives_a_valid_current_document() {
    let mut moved = 0;
    for path in json_files("tests/migrate/1.1") {
        let old = read(&path);
        let migration = migrate(old.clone()).expect("migrates");
        assert_eq!(migration.value["formatVersion"], FORMAT_VERSION);
        let report = validate_value(migration.value.clone());
        let errors: Vec<_> = report.diagnostics.iter().filter(|d| d.is_error()).collect();
        assert!(report.is_valid(), "{}: {errors:#?}", path.display());
        // Every value of the old document is still there (copied to each site it applies to).
        let (mut before, mut after) = (Vec::new(), Vec::new());
        scalars(&old, &mut before);
        scalars(&migration.value, &mut after);
        for value in &before {
            assert!(after.contains(value) || value == "\"1.1\"", "{}: lost {value}", path.display());
        }
        moved += migration.steps.iter().filter(|step| step.to == "1.2" && step.pointer != "/formatVersion").count();
    }
    assert!(moved >= 5, "the corpus must exercise the real changes, moved {moved}");
}

#[test]
fn a_1_0_document_migrates_to_what_its_1_1_form_migrates_to() {
    for path in json_files("tests/migrate/1.0") {
        let name = path.file_name().expect("name");
        let from_1_0 = migrate(read(&path)).expect("migrates").value;
        let from_1_1 = migrate(read(&root().join("tests/migrate/1.1").join(name))).expect("migrates").value;
        assert_eq!(from_1_0, from_1_1, "{}", path.display());
    }
}

#[test]
fn the_weighing_date_is_the_same_fact_in_every_version() {
    for path in json_files("tests/migrate/1.0") {
        let old = read(&path);
        let report = validate_value(migrate(old.clone()).expect("migrates").value);
        let document = report.document.expect("typed");
        if let Some(child) = document.child().health {
            assert_eq!(
                child.weight_date().map(|d| d.to_string()),
                old["child"]["weightMeasuredOn"].as_str().map(str::to_owned),
                "{}",
                path.display()
            );
        }
    }
}

#[test]
fn a_second_migration_changes_nothing() {
    for path in json_files("examples") {
        let value = read(&path);
        let migration = migrate(value.clone()).expect("migrates");
        assert!(migration.steps.is_empty(), "{}", path.display());
        assert_eq!(migration.value, value);
    }
}

#[test]
fn a_1_1_document_using_a_1_2_field_is_told_to_say_1_2() {
    let mut value = read(&root().join("tests/migrate/1.1/instruction-diabetes-nursery.json"));
    value["supersedes"] = "9d8c7b6a-5e4f-4a3b-8c2d-1e0f9a8b7c6d".into();
    let report = validate_value(value);
    let newer: Vec<&str> = report
        .diagnostics
        .iter()
        .filter(|d| d.code == Code::FieldNewerThanVersion)
        .map(|d| d.pointer.as_str())
        .collect();
    assert_eq!(newer, ["/supersedes"]);
    assert!(!report.is_valid());
}
