//! Any bytes through the strict parser, the schema, the rules and the score;
//! a valid document must survive its own canonical form and a migration, and
//! wherever the one-pass route answers, the full route must give the same report.
#![no_main]

use libfuzzer_sys::fuzz_target;
use tsunagu_model::{migrate, parse_json, validate, validate_direct, validate_value};

fuzz_target!(|data: &[u8]| {
    let report = validate(data);
    if let Some(document) = report.document.as_ref().filter(|_| report.is_valid()) {
        // What we write back out must read back as the same document.
        let again = validate(&document.to_canonical_json());
        assert!(again.is_valid(), "canonical JSON of a valid document is invalid: {:?}", again.diagnostics);
        assert_eq!(again.document.as_ref(), Some(document), "canonical JSON reads back differently");
    }
    let parsed = parse_json(data);
    if let Some(direct) = validate_direct(data) {
        let value = parsed.as_ref().expect("the one-pass route answered for bytes the strict reader refuses");
        assert_eq!(direct, validate_value(value), "the one-pass and full routes disagree");
    }
    if let Ok(value) = parsed {
        let _ = migrate(value);
    }
});
