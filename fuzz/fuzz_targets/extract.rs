//! Any bytes as a PDF: finding the attachment and the printed code must end
//! in a result or an error, never a panic, a hang or unbounded memory.
#![no_main]

use libfuzzer_sys::fuzz_target;
use tsunagu_model::MAX_DOCUMENT_BYTES;
use tsunagu_render::{declared_payload, extract_attachment};

fuzz_target!(|data: &[u8]| {
    if let Ok(extracted) = extract_attachment(data) {
        assert!(extracted.json.len() <= MAX_DOCUMENT_BYTES, "an attachment past the limit came out");
        let _ = tsunagu_model::validate(&extracted.json);
    }
    let _ = declared_payload(data);
});
