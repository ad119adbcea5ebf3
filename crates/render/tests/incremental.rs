//! The live preview lays out again only what an edit changed: Typst reuses the rest of
//! the last layout, unless a value that changes with every edit (the digest, the QR
//! payload) has become a style of the whole document. Counted in paragraphs laid out
//! (Typst's own `prepare` scope), not timed.

use tsunagu_model::validate;
use tsunagu_render::{RenderOptions, Renderer};

/// How many paragraphs Typst lays out to preview the document `value`.
fn paragraphs_laid_out(renderer: &Renderer, value: &serde_json::Value) -> usize {
    let document = validate(&serde_json::to_vec(value).expect("json")).document.expect("reads");
    typst_timing::clear();
    typst_timing::enable();
    let preview = renderer.preview(&document, &RenderOptions::default(), None);
    typst_timing::disable();
    preview.expect("previews");
    let mut trace = Vec::new();
    typst_timing::export_json(&mut trace, |_| (String::new(), 0)).expect("trace");
    let events: Vec<serde_json::Value> = serde_json::from_slice(&trace).expect("trace is JSON");
    events.iter().filter(|event| event["name"] == "prepare" && event["ph"] == "B").count()
}

#[test]
fn an_edit_lays_out_again_only_what_it_changed() {
    let renderer = Renderer::with_embedded_fonts();
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../../examples/instruction-tracheostomy-ventilator.json");
    let mut value: serde_json::Value = serde_json::from_slice(&std::fs::read(path).expect("example")).expect("json");
    // The first edit settles the fonts (the example's name needs a piece of the Gothic).
    value["child"]["name"]["family"] = "山田".into();
    let whole = paragraphs_laid_out(&renderer, &value);
    assert!(whole > 500, "the 6-page sheet has {whole} paragraphs");
    for (pointer, text) in [("/child/name/family", "佐藤"), ("/careStaffNotes", "停電時は外部バッテリーに切り替える")]
    {
        *value.pointer_mut(pointer).expect("field") = text.into();
        let again = paragraphs_laid_out(&renderer, &value);
        assert!(again * 10 < whole, "an edit of {pointer} laid out {again} of {whole} paragraphs again");
    }
}
