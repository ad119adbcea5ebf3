//! The checked-in schemas are the generated ones, and the schema and serde
//! agree on what they accept.

use tsunagu_model::{
    FORMAT_VERSION, FormatVersion, Kind, SchemaSet, Vocabulary, parse_json, schema_id, schema_json, validate,
};

use crate::{json_files, root};

#[test]
fn checked_in_schemas_match_the_types() {
    for &kind in Kind::ALL {
        let path = root().join("schemas").join(format!("{}.schema.json", kind.as_str()));
        let on_disk: serde_json::Value =
            serde_json::from_str(&std::fs::read_to_string(&path).expect("schema file")).expect("json");
        assert_eq!(
            on_disk,
            schema_json(kind),
            "{} is stale\nhint: cargo run -p tsunagu-cli -- schema --write schemas/",
            path.display()
        );
    }
}

#[test]
fn schemas_are_2020_12_with_versioned_ids() {
    for &kind in Kind::ALL {
        let schema = schema_json(kind);
        assert_eq!(schema["$schema"], "https://json-schema.org/draft/2020-12/schema");
        assert_eq!(schema["$id"], schema_id(kind));
        assert!(schema_id(kind).contains(&format!("/{FORMAT_VERSION}/")), "the $id carries the format version");
        assert_eq!(schema["additionalProperties"], false, "unknown fields are errors");
        assert!(jsonschema::meta::is_valid(&schema), "{kind} schema is a valid 2020-12 schema");
    }
}

#[test]
fn schema_and_serde_agree_on_every_fixture() {
    // Where the schema accepts a document, the types read it; where it rejects, they do too.
    let files = [json_files("tests/fixtures"), json_files("examples"), json_files("tests/migrate/1.0")];
    for path in files.into_iter().flatten() {
        let bytes = std::fs::read(&path).expect("read");
        let Ok(value) = parse_json(&bytes) else { continue };
        let Some(kind) = value.get("kind").and_then(|k| k.as_str()).and_then(Kind::parse) else { continue };
        let version = value.get("formatVersion").and_then(|v| v.as_str());
        if !FormatVersion::ALL.iter().any(|known| Some(known.as_str()) == version) {
            continue;
        }
        let schema_ok = jsonschema::options()
            .should_validate_formats(true)
            .build(&schema_json(kind))
            .expect("schema compiles")
            .is_valid(&value);
        let serde_ok = match kind {
            Kind::Instruction => serde_json::from_value::<tsunagu_model::InstructionSheet>(value.clone()).is_ok(),
            Kind::Assessment => serde_json::from_value::<tsunagu_model::Assessment>(value.clone()).is_ok(),
            Kind::Consent => serde_json::from_value::<tsunagu_model::Consent>(value.clone()).is_ok(),
            Kind::Record => serde_json::from_value::<tsunagu_model::SharedRecord>(value.clone()).is_ok(),
            Kind::Evacuation => serde_json::from_value::<tsunagu_model::EvacuationPlan>(value.clone()).is_ok(),
        };
        assert_eq!(schema_ok, serde_ok, "{}: schema says {schema_ok}, serde says {serde_ok}", path.display());
        assert_eq!(validate(&bytes).document.is_some(), schema_ok, "{}", path.display());
    }
}

#[test]
fn the_process_wide_set_serves_the_generated_schemas() {
    for &kind in Kind::ALL {
        assert_eq!(SchemaSet::get().schema(kind), &schema_json(kind), "{kind}");
    }
}
