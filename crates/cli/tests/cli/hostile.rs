//! The hostile-input corpus (`tests/hostile/`, written by its `make.py`), each
//! case through the `tsunagu` command: a clear error naming the field, or a
//! literal rendering. Never a panic, a hang, a blank box or silent data loss.

use predicates::prelude::PredicateBooleanExt;
use predicates::str::contains;
use serde_json::Value;

use crate::{root, tsunagu};

/// `tsunagu validate --format json` on a corpus file: (valid, [(code, pointer)]).
fn validate(name: &str) -> (bool, Vec<(String, String)>) {
    let output =
        tsunagu().args(["validate", "--format", "json"]).arg(format!("tests/hostile/{name}")).output().expect("run");
    let report: Value = serde_json::from_slice(&output.stdout).unwrap_or_else(|_| panic!("{name}: no JSON report"));
    let valid = report["valid"].as_bool().expect("valid");
    assert_eq!(output.status.code(), Some(i32::from(!valid)), "{name}: exit code");
    let diagnostics = report["diagnostics"]
        .as_array()
        .expect("diagnostics")
        .iter()
        .map(|d| (d["code"].as_str().expect("code").to_owned(), d["pointer"].as_str().expect("pointer").to_owned()))
        .collect();
    (valid, diagnostics)
}

fn refused(name: &str, code: &str, pointer: &str) {
    let (valid, diagnostics) = validate(name);
    assert!(!valid, "{name} was accepted");
    assert_eq!(diagnostics, [(code.to_owned(), pointer.to_owned())], "{name}");
}

fn accepted(name: &str) {
    let (valid, diagnostics) = validate(name);
    assert!(valid && diagnostics.is_empty(), "{name}: {diagnostics:?}");
}

/// Renders a corpus file; the PDF's text when it renders.
fn render(name: &str) -> Result<String, String> {
    let dir = tempfile::tempdir().expect("tempdir");
    let pdf = dir.path().join("out.pdf");
    let output = tsunagu()
        .args(["render", "--lang", "en"])
        .arg(format!("tests/hostile/{name}"))
        .arg("-o")
        .arg(&pdf)
        .output()
        .expect("run");
    if !output.status.success() {
        assert_eq!(output.status.code(), Some(1), "{name}: a refused render is exit 1, not a crash");
        assert!(!pdf.exists(), "{name}: nothing is written when rendering fails");
        return Err(String::from_utf8_lossy(&output.stderr).into_owned());
    }
    // -raw keeps each text run whole, in the order it was drawn (table cells do not interleave).
    let text = std::process::Command::new("pdftotext")
        .args(["-enc", "UTF-8", "-raw"])
        .arg(&pdf)
        .arg("-")
        .output()
        .expect("pdftotext (poppler-utils) reads the PDF back");
    Ok(String::from_utf8_lossy(&text.stdout).into_owned())
}

// Bytes that are not a JSON document this format accepts.

#[test]
fn invalid_utf8() {
    refused("invalid-utf8.json", "document.not-json", "");
}

#[test]
fn byte_order_mark() {
    refused("byte-order-mark.json", "document.not-json", "");
}

#[test]
fn truncated_json() {
    refused("truncated.json", "document.not-json", "");
}

#[test]
fn empty_file() {
    refused("empty.json", "document.not-json", "");
}

#[test]
fn nul_bytes() {
    refused("nul-bytes.json", "document.not-json", "");
}

#[test]
fn number_out_of_range() {
    refused("number-1e400.json", "document.not-json", "");
}

#[test]
fn deeply_nested_arrays() {
    let (valid, diagnostics) = validate("deeply-nested-arrays.json");
    assert!(!valid);
    assert_eq!(diagnostics.len(), 1);
    assert_eq!(diagnostics[0].0, "document.too-deep");
    assert!(diagnostics[0].1.starts_with("/x/0/0/"), "the pointer shows where: {}", diagnostics[0].1);
}

#[test]
fn duplicate_key_deep_inside() {
    refused("duplicate-key-nested.json", "document.duplicate-key", "/child/name/family");
}

#[test]
fn a_50_mb_string_is_refused_by_size_without_reading_it_all() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("huge.json");
    let mut bytes = br#"{"kind": "instruction", "remarks": ""#.to_vec();
    bytes.resize(bytes.len() + 50 * 1024 * 1024, b'a');
    bytes.extend_from_slice(b"\"}");
    std::fs::write(&path, bytes).expect("write");
    tsunagu()
        .args(["validate", "--format", "json"])
        .arg(&path)
        .assert()
        .code(1)
        // The size it names is where reading stopped: one byte past the 2 MiB it reads to, not 50 MB.
        .stdout(contains("document.too-large").and(contains("2097153 bytes or more")).and(contains("aaaa").not()));
}

// Valid JSON at the edges of numbers.

#[test]
fn negative_zero_is_a_weight_of_zero() {
    accepted("negative-zero-weight.json");
    let dir = tempfile::tempdir().expect("tempdir");
    let out = dir.path().join("out.json");
    tsunagu()
        .args(["convert", "--to", "json", "tests/hostile/negative-zero-weight.json", "-o"])
        .arg(&out)
        .assert()
        .code(0);
    let written: Value = serde_json::from_slice(&std::fs::read(out).expect("read")).expect("json");
    assert_eq!(written["care"]["ventilator"]["devices"][0]["peep"]["value"], 0, "written back as 0, not -0");
}

#[test]
fn a_huge_integer_is_kept_not_wrapped() {
    accepted("huge-integer-weight.json");
}

// Characters that are invisible on paper or make the shown text differ from the data.

#[test]
fn control_characters() {
    refused("control-characters.json", "text.forbidden-character", "/child/name/given");
}

#[test]
fn bidi_override() {
    refused("bidi-override.json", "text.forbidden-character", "/care/injection/subcutaneous/doseRule");
}

#[test]
fn byte_order_mark_inside_a_text() {
    refused("byte-order-mark-in-text.json", "text.forbidden-character", "/diagnoses/0/name");
}

#[test]
fn direction_mark_and_invisible_characters() {
    refused("direction-mark-and-invisible.json", "text.forbidden-character", "/dailyLife/meals");
}

#[test]
fn c1_control_and_noncharacter() {
    refused("c1-control-and-noncharacter.json", "text.forbidden-character", "/issuer/institution/name");
}

#[test]
fn a_draft_with_a_forbidden_character_names_the_field_instead_of_failing_in_typst() {
    let dir = tempfile::tempdir().expect("tempdir");
    let pdf = dir.path().join("draft.pdf");
    tsunagu()
        .args(["render", "--force", "--lang", "en", "tests/hostile/byte-order-mark-in-text.json", "-o"])
        .arg(&pdf)
        .assert()
        .code(1)
        .stderr(contains("/diagnoses/0/name").and(contains("U+FEFF")).and(contains("template").not()));
    assert!(!pdf.exists());
}

// Characters that are fine as data but not in the embedded fonts: valid, and the
// render stops naming the field rather than printing a blank box.

#[test]
fn emoji_zwj_sequence() {
    accepted("emoji-zwj-sequence.json");
    let error = render("emoji-zwj-sequence.json").expect_err("no emoji in the fonts");
    assert!(error.contains("/child/name/given") && error.contains("not in the embedded fonts"), "{error}");
}

#[test]
fn rare_cjk_outside_the_fonts() {
    accepted("rare-cjk-outside-fonts.json");
    let error = render("rare-cjk-outside-fonts.json").expect_err("𰀀 is in no font");
    assert!(error.contains("/child/name/given") && !error.contains('\u{30000}'), "{error}");
}

// Characters the fonts have: valid, and printed as written.

#[test]
fn ideographic_variation_sequence() {
    accepted("ideographic-variation-sequence.json");
    let text = render("ideographic-variation-sequence.json").expect("renders");
    assert!(text.contains('葛') && text.contains('城'), "{text}");
}

#[test]
fn rare_but_covered_cjk() {
    accepted("rare-but-covered-cjk.json");
    let text = render("rare-but-covered-cjk.json").expect("renders");
    assert!(text.contains("髙﨑"), "printed as written, not normalised to 高崎");
}

#[test]
fn zero_width_joiner_and_non_joiner_in_text() {
    accepted("zero-width-joiner-in-text.json");
    let text = render("zero-width-joiner-in-text.json").expect("renders");
    let visible: String = text.chars().filter(|c| !matches!(c, '\u{200C}' | '\u{200D}')).collect();
    assert!(visible.contains("みなと"), "{text}");
}

#[test]
fn typst_markup_in_every_free_text_field_prints_literally() {
    const MARKUP: &str = r#"#read("/etc/passwd") #{panic("x")} $x$ <l> @r *b* `c` \ ]"#;
    let name = "typst-markup-in-every-text-field.json";
    accepted(name);
    let document: Value =
        serde_json::from_slice(&std::fs::read(root().join("tests/hostile").join(name)).expect("read")).expect("json");
    let mut fields = 0;
    let _ = tsunagu_model::find_string(&document, &mut |_, text| {
        fields += usize::from(text == MARKUP);
        None::<()>
    });
    let text = render(name).expect("renders");
    let squeezed: String = text.split_whitespace().collect();
    let printed = squeezed.matches(&MARKUP.split_whitespace().collect::<String>()).count();
    // Two fields are in the data but not on the form: the addressee's address and
    // the emergency hospital's address (they travel in the attached JSON). Some print
    // twice (a care's name in its section and in the schedule), so at least the rest.
    assert!(fields >= 100, "the corpus reaches the 1.2 fields too ({fields})");
    assert!(printed >= fields - 2, "every printed field shows the markup as text: {printed} of {fields}");
}

// XML: DOCTYPE (entity bombs, external entities), undefined entities, depth, truncation.

#[test]
fn xml_billion_laughs() {
    refused("xml-billion-laughs.xml", "document.not-xml", "");
}

#[test]
fn xml_external_entity() {
    refused("xml-external-entity.xml", "document.not-xml", "");
    tsunagu()
        .args(["validate", "--lang", "en", "tests/hostile/xml-external-entity.xml"])
        .assert()
        .code(1)
        .stdout(contains("DOCTYPE"));
}

#[test]
fn xml_undefined_entity() {
    refused("xml-undefined-entity.xml", "document.not-xml", "");
}

#[test]
fn xml_deep_nesting() {
    refused("xml-deep-nesting.xml", "document.not-xml", "");
}

#[test]
fn xml_repeated_scalar_element_is_reported_not_dropped() {
    // Found by the xml fuzz target: a second <family> is kept and reported, never
    // silently replacing or dropping the first.
    refused("xml-repeated-scalar-element.xml", "schema.type", "/signers/0/name/family");
}

#[test]
fn xml_truncated() {
    refused("xml-truncated.xml", "document.not-xml", "");
}
