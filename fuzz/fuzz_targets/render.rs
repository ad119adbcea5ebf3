//! Hostile text in the fields of a real instruction sheet, rendered: the PDF
//! must come out, or the missing-glyph error must name a field. A template
//! error here means user text changed what Typst did, which is a bug.
#![no_main]

use std::sync::LazyLock;

use libfuzzer_sys::fuzz_target;
use serde_json::Value;
use tsunagu_model::validate_value;
use tsunagu_render::{RenderError, RenderOptions, Renderer};

static RENDERER: LazyLock<Renderer> = LazyLock::new(Renderer::with_embedded_fonts);
static EXAMPLE: &str = include_str!("../../examples/instruction-diabetes-nursery.json");

/// Text fields of different kinds: names (with readings above), free text, table cells.
const FIELDS: [&str; 7] = [
    "/child/name/family",
    "/child/name/given",
    "/diagnoses/0/name",
    "/care/bloodGlucose/hypoglycemiaTreatment",
    "/emergency/actions/0/action",
    "/addressees/0/name",
    "/dailyLife/activity",
];

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let mut value: Value = serde_json::from_str(EXAMPLE).expect("example");
    // The input is split into one piece per field, so fields get different text.
    for (field, piece) in FIELDS.iter().zip(text.split('\u{1F}')) {
        if let Some(slot) = value.pointer_mut(field) {
            *slot = Value::String(piece.to_owned());
        }
    }
    let report = validate_value(value);
    let Some(document) = report.document.as_ref().filter(|_| report.is_valid()) else { return };
    for lang in [tsunagu_model::Lang::Ja, tsunagu_model::Lang::En] {
        match RENDERER.render(document, &RenderOptions { lang, draft: false }) {
            Ok(pdf) => assert!(pdf.starts_with(b"%PDF-")),
            Err(RenderError::MissingGlyph { pointer, .. }) => assert!(pointer.starts_with('/'), "{pointer}"),
            Err(error @ RenderError::Template { .. }) => panic!("user text broke the template: {error}"),
            // Validation refuses these characters, so a valid document cannot carry one.
            Err(error @ RenderError::ForbiddenCharacter { .. }) => panic!("validation let it through: {error}"),
        }
    }
});
