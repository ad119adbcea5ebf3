use predicates::prelude::PredicateBooleanExt;
use predicates::str::contains;

use crate::{root, tsunagu};

fn json(bytes: &[u8]) -> serde_json::Value {
    serde_json::from_slice(bytes).expect("json")
}

#[test]
fn render_then_extract_gives_the_document_back() {
    let dir = tempfile::tempdir().expect("tempdir");
    for name in
        ["instruction-tracheostomy-ventilator", "assessment-tracheostomy-ventilator", "consent-five-departments"]
    {
        let input = root().join(format!("examples/{name}.json"));
        let pdf = dir.path().join(format!("{name}.pdf"));
        tsunagu().args(["render"]).arg(&input).arg("-o").arg(&pdf).assert().code(0);
        let output = tsunagu().args(["extract"]).arg(&pdf).assert().code(0);
        assert_eq!(json(&output.get_output().stdout), json(&std::fs::read(&input).expect("input")), "{name}");
        tsunagu().args(["verify"]).arg(&pdf).assert().code(0).stdout(contains("sha256:"));
    }
}

#[test]
fn invalid_documents_are_refused_unless_forced_as_a_draft() {
    let dir = tempfile::tempdir().expect("tempdir");
    let pdf = dir.path().join("draft.pdf");
    tsunagu()
        .args(["render", "tests/fixtures/instruction-no-care.json", "-o"])
        .arg(&pdf)
        .assert()
        .code(1)
        .stderr(contains("care.empty").and(contains("--force")));
    assert!(!pdf.exists(), "nothing is written for an invalid document");
    tsunagu().args(["render", "--force", "tests/fixtures/instruction-no-care.json", "-o"]).arg(&pdf).assert().code(0);
    assert!(pdf.exists());
    // A draft carries invalid data, so extract refuses it with the report.
    tsunagu().args(["extract"]).arg(&pdf).assert().code(1).stderr(contains("care.empty"));
}

#[test]
fn a_missing_glyph_names_the_field_and_not_the_text() {
    let mut document =
        json(&std::fs::read(root().join("examples/instruction-diabetes-nursery.json")).expect("example"));
    document["child"]["name"]["given"] = "秘密😀".into();
    let dir = tempfile::tempdir().expect("tempdir");
    let input = dir.path().join("emoji.json");
    std::fs::write(&input, serde_json::to_vec(&document).expect("json")).expect("write");
    tsunagu()
        .args(["render", "--lang", "en"])
        .arg(&input)
        .assert()
        .code(1)
        .stderr(contains("/child/name/given").and(contains("秘密").not()));
}

#[test]
fn extract_refuses_pdfs_without_data_and_truncated_pdfs() {
    let dir = tempfile::tempdir().expect("tempdir");
    let pdf = dir.path().join("doc.pdf");
    tsunagu().args(["render", "examples/consent-five-departments.json", "-o"]).arg(&pdf).assert().code(0);
    let bytes = std::fs::read(&pdf).expect("pdf");

    let truncated = dir.path().join("truncated.pdf");
    std::fs::write(&truncated, &bytes[..bytes.len() / 3]).expect("write");
    tsunagu().args(["extract", "--lang", "en"]).arg(&truncated).assert().code(1).stderr(contains("truncated.pdf"));

    let not_pdf = dir.path().join("not.pdf");
    std::fs::write(&not_pdf, b"hello").expect("write");
    tsunagu().args(["extract", "--lang", "en"]).arg(&not_pdf).assert().code(1).stderr(contains("not a readable PDF"));

    let mut plain = lopdf::Document::load_mem(&bytes).expect("parse");
    let catalog = plain.catalog_mut().expect("catalog");
    catalog.remove(b"Names");
    catalog.remove(b"AF");
    let without = dir.path().join("without.pdf");
    plain.save(&without).expect("save");
    tsunagu()
        .args(["extract", "--lang", "en"])
        .arg(&without)
        .assert()
        .code(1)
        .stderr(contains("carries no tsunagu document"));
}

#[test]
fn verify_detects_an_attachment_changed_after_printing() {
    let dir = tempfile::tempdir().expect("tempdir");
    let pdf = dir.path().join("doc.pdf");
    tsunagu().args(["render", "examples/consent-five-departments.json", "-o"]).arg(&pdf).assert().code(0);
    let mut document = lopdf::Document::load(&pdf).expect("parse");
    // Swap the attached JSON for another valid document's.
    let other = std::fs::read(root().join("examples/consent-five-departments.json")).expect("example");
    let mut changed: serde_json::Value = serde_json::from_slice(&other).expect("json");
    changed["receipt"]["copyGiven"] = false.into();
    let changed = serde_json::to_vec_pretty(&changed).expect("json");
    let stream =
        document.get_object_mut(embedded_file(&document)).and_then(lopdf::Object::as_stream_mut).expect("stream");
    stream.dict.remove(b"Filter");
    stream.dict.remove(b"Params");
    stream.set_content(changed);
    let tampered = dir.path().join("tampered.pdf");
    document.save(&tampered).expect("save");
    tsunagu().args(["verify", "--lang", "en"]).arg(&tampered).assert().code(1).stderr(contains("does not match"));
}

/// Renders the consent example and returns the parsed PDF and the directory it lives in.
fn rendered_consent() -> (lopdf::Document, tempfile::TempDir) {
    let dir = tempfile::tempdir().expect("tempdir");
    let pdf = dir.path().join("doc.pdf");
    tsunagu().args(["render", "examples/consent-five-departments.json", "-o"]).arg(&pdf).assert().code(0);
    (lopdf::Document::load(&pdf).expect("parse"), dir)
}

#[test]
fn regression_forged_name_tree_loops_do_not_hang_extract() {
    let (mut document, dir) = rendered_consent();
    // A name-tree node whose kids are itself, many times over.
    let node = document.new_object_id();
    let kids: Vec<lopdf::Object> = (0..100).map(|_| lopdf::Object::Reference(node)).collect();
    document.objects.insert(node, lopdf::Object::Dictionary(lopdf::dictionary! { "Kids" => kids }));
    let names = document.new_object_id();
    document.objects.insert(names, lopdf::Object::Dictionary(lopdf::dictionary! { "EmbeddedFiles" => node }));
    document.catalog_mut().expect("catalog").set("Names", names);
    let forged = dir.path().join("forged.pdf");
    document.save(&forged).expect("save");
    let started = std::time::Instant::now();
    tsunagu()
        .args(["extract", "--lang", "en"])
        .arg(&forged)
        .assert()
        .code(1)
        .stderr(contains("carries no tsunagu document"));
    assert!(started.elapsed() < std::time::Duration::from_secs(20), "extract must not walk the loop exponentially");
}

#[test]
fn regression_an_oversized_attachment_without_a_declared_size_is_refused() {
    let (mut document, dir) = rendered_consent();
    let stream =
        document.get_object_mut(embedded_file(&document)).and_then(lopdf::Object::as_stream_mut).expect("stream");
    stream.dict.remove(b"Params");
    stream.dict.remove(b"Filter");
    stream.set_content(vec![b' '; 64 * 1024 * 1024]);
    stream.compress().expect("compress");
    let bomb = dir.path().join("bomb.pdf");
    document.save(&bomb).expect("save");
    tsunagu()
        .args(["extract", "--lang", "en"])
        .arg(&bomb)
        .assert()
        .code(1)
        .stderr(contains("too large or cannot be decoded"));
}

/// The object id of the one embedded file (the attached JSON) of a tsunagu PDF.
fn embedded_file(document: &lopdf::Document) -> lopdf::ObjectId {
    let ids: Vec<_> = document
        .objects
        .iter()
        .filter(|(_, o)| {
            o.as_stream()
                .is_ok_and(|s| s.dict.get(b"Type").is_ok_and(|t| t.as_name().is_ok_and(|n| n == b"EmbeddedFile")))
        })
        .map(|(id, _)| *id)
        .collect();
    assert_eq!(ids.len(), 1, "one embedded file");
    ids[0]
}

#[test]
fn typst_project_writes_the_sources_the_pdf_is_compiled_from() {
    let dir = tempfile::tempdir().expect("temp dir");
    tsunagu()
        .args(["render", "examples/instruction-diabetes-nursery.json", "--typst-project"])
        .arg(dir.path())
        .assert()
        .code(0)
        .stderr(contains("typst compile --root").and(contains("templates/instruction.typ")));
    for file in [
        "templates/common.typ",
        "templates/instruction.typ",
        "data/view.json",
        "data/qr.svg",
        "fonts/TsunaguGothic-Regular.ttf",
    ] {
        assert!(dir.path().join(file).is_file(), "{file} written");
    }
    // The attached document is the canonical form of the input.
    let carried = json(&std::fs::read(dir.path().join("data/document.json")).expect("read"));
    let input = json(&std::fs::read(root().join("examples/instruction-diabetes-nursery.json")).expect("read"));
    assert_eq!(carried, input);
    assert!(!dir.path().join("instruction-diabetes-nursery.pdf").exists(), "no PDF in project mode");
}
