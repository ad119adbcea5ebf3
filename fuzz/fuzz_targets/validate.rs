//! Any bytes through the strict parser, the schema, the rules and the score;
//! a valid document must survive its own canonical form and a migration.
#![no_main]

use libfuzzer_sys::fuzz_target;
use tsunagu_model::{migrate, parse_json, validate};

fuzz_target!(|data: &[u8]| {
    let report = validate(data);
    if let Some(document) = report.document.as_ref().filter(|_| report.is_valid()) {
        // What we write back out must read back as the same document.
        let again = validate(&document.to_canonical_json());
        assert!(again.is_valid(), "canonical JSON of a valid document is invalid: {:?}", again.diagnostics);
        assert_eq!(again.document.as_ref(), Some(document), "canonical JSON reads back differently");
    }
    if let Ok(value) = parse_json(data) {
        let _ = migrate(value);
    }
});
