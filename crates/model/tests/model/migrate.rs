//! Format 1.0 → 1.1, proven on real documents: `tests/migrate/1.0/` holds the
//! examples as they were written in 1.0 (valid under the archived 1.0 schemas in
//! `schemas/1.0/`), and migrating each must give the 1.1 example of the same name.

use tsunagu_model::{Code, FORMAT_VERSION, Kind, Severity, migrate, parse_json, validate, validate_value};

use crate::{json_files, root};

fn archived_schema(kind: &str) -> jsonschema::Validator {
    let path = root().join("schemas/1.0").join(format!("{kind}.schema.json"));
    let schema = serde_json::from_slice(&std::fs::read(&path).expect("archived schema")).expect("schema json");
    jsonschema::draft202012::new(&schema).expect("archived schema compiles")
}

#[test]
fn old_documents_are_genuine_format_1_0() {
    for path in json_files("tests/migrate/1.0") {
        let value = parse_json(&std::fs::read(&path).expect("read")).expect("json");
        assert_eq!(value["formatVersion"], "1.0", "{}", path.display());
        let kind = value["kind"].as_str().expect("kind");
        let errors: Vec<String> = archived_schema(kind).iter_errors(&value).map(|e| e.to_string()).collect();
        assert!(errors.is_empty(), "{}: not valid under schemas/1.0: {errors:?}", path.display());
    }
}

#[test]
fn a_minor_version_still_reads_every_older_document() {
    for path in json_files("tests/migrate/1.0") {
        let report = validate(&std::fs::read(&path).expect("read"));
        assert!(report.is_valid(), "{}: {:#?}", path.display(), report.diagnostics);
        let codes: Vec<Code> = report.diagnostics.iter().map(|d| d.code).collect();
        assert_eq!(codes, [Code::VersionOlder], "{}: only the note that it is older", path.display());
        assert_eq!(report.diagnostics[0].severity, Severity::Info);
    }
}

#[test]
fn migrating_each_1_0_document_gives_the_1_1_example() {
    let mut moved = 0;
    for path in json_files("tests/migrate/1.0") {
        let old = parse_json(&std::fs::read(&path).expect("read")).expect("json");
        let migration = migrate(old.clone()).expect("migrates");
        let name = path.file_name().expect("name");
        let expected = parse_json(&std::fs::read(root().join("examples").join(name)).expect("example")).expect("json");
        assert_eq!(migration.value, expected, "{}", path.display());
        assert_eq!(migration.value["formatVersion"], FORMAT_VERSION);
        let report = validate_value(migration.value.clone());
        assert!(report.is_valid() && report.diagnostics.is_empty(), "{}: {:#?}", path.display(), report.diagnostics);
        moved += migration.steps.iter().filter(|step| step.pointer == "/child/weight/measuredOn").count();
        // The weighing date is the same fact in both versions.
        let document = report.document.expect("typed");
        if let Some(child) = document.child().health {
            assert_eq!(
                child.weight_date().map(|d| d.to_string()),
                old["child"]["weightMeasuredOn"].as_str().map(str::to_owned),
                "{}",
                path.display()
            );
        }
        assert!(Kind::parse(expected["kind"].as_str().expect("kind")).is_some());
    }
    assert!(moved >= 2, "the corpus must exercise the real change, moved {moved}");
}

#[test]
fn a_second_migration_changes_nothing() {
    for path in json_files("examples") {
        let value = parse_json(&std::fs::read(&path).expect("read")).expect("json");
        let migration = migrate(value.clone()).expect("migrates");
        assert!(migration.steps.is_empty(), "{}", path.display());
        assert_eq!(migration.value, value);
    }
}
