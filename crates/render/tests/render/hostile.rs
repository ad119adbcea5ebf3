//! Text that looks like Typst markup prints literally; characters the fonts
//! lack stop the render with the field named.

use tsunagu_model::{Document, InstructionSheet, validate};
use tsunagu_render::{RenderError, RenderOptions};

use crate::{RENDERER, poppler, root};

fn instruction() -> InstructionSheet {
    let bytes = std::fs::read(root().join("examples/instruction-diabetes-nursery.json")).expect("example");
    match validate(&bytes).document {
        Some(Document::Instruction(sheet)) => *sheet,
        other => panic!("unexpected {other:?}"),
    }
}

#[test]
fn markup_in_every_kind_of_field_prints_literally() {
    let hostile = [
        r#"#read("/etc/passwd")"#,
        r"]}*_$\",
        r#"#{panic("x")}"#,
        "#import \"@preview/x:0.1.0\"",
        "<label> @ref `raw` = heading",
    ];
    for text in hostile {
        let mut sheet = instruction();
        sheet.child.name.given = Some(text.to_owned());
        sheet.diagnoses[0].name = text.to_owned();
        sheet.remarks = Some(text.to_owned());
        let document = Document::Instruction(Box::new(sheet));
        let pdf = RENDERER.render(&document, &RenderOptions::default()).unwrap_or_else(|e| panic!("{text}: {e}"));
        if let Some(extracted) = poppler("pdftotext", &["-enc", "UTF-8", "-raw"], &pdf) {
            assert!(!extracted.contains("root:"), "{text}: a file was read");
            let squeezed: String = extracted.split_whitespace().collect();
            let expected: String = text.split_whitespace().collect();
            assert!(squeezed.contains(&expected), "{text} is not printed literally in\n{extracted}");
        }
    }
}

#[test]
fn a_character_outside_the_fonts_names_its_field() {
    for (text, codepoint) in [("𰀀", 0x30000_u32), ("湊😀", 0x1F600)] {
        let mut sheet = instruction();
        sheet.child.name.given = Some(text.to_owned());
        let document = Document::Instruction(Box::new(sheet));
        match RENDERER.render(&document, &RenderOptions::default()) {
            Err(RenderError::MissingGlyph { pointer, codepoint: found }) => {
                assert_eq!(pointer, "/child/name/given");
                assert_eq!(found, codepoint);
            }
            other => panic!("{text}: expected a missing-glyph error, got {other:?}"),
        }
    }
}

#[test]
fn missing_glyph_errors_do_not_print_the_text() {
    let mut sheet = instruction();
    sheet.child.name.given = Some("秘密😀".to_owned());
    let error = RENDERER.render(&Document::Instruction(Box::new(sheet)), &RenderOptions::default()).expect_err("fails");
    assert!(!error.to_string().contains("秘密") && !error.message().ja.contains("秘密"));
}

#[test]
fn characters_of_the_mj_set_print_from_the_fallback_chunks_they_are_in() {
    let mut sheet = instruction();
    // 𠮷 (Ext. B), 毄 (URO), 䨓 (Ext. A), 𦧤: none in BIZ UD, each in its own fallback file.
    sheet.child.name.family = "𠮷田".to_owned();
    sheet.child.name.given = Some("毄".to_owned());
    sheet.care_staff_notes = Some("䨓・𦧤".to_owned());
    let document = Document::Instruction(Box::new(sheet));
    let files = RENDERER.fonts().pieces_needed(&document.to_value());
    let expected = ["09", "17", "32", "58"].map(|n| format!("fallback/fallback-{n}.ttf"));
    assert_eq!(files, expected);
    let pdf = RENDERER.render(&document, &RenderOptions::default()).expect("renders");
    assert_eq!(pdf, RENDERER.render(&document, &RenderOptions::default()).expect("renders"), "reproducible");
    if let Some(text) = poppler("pdftotext", &["-enc", "UTF-8"], &pdf) {
        assert!(text.contains("𠮷田") && text.contains("毄") && text.contains("䨓・𦧤"), "{text}");
    }
    if let Some(fonts) = poppler("pdffonts", &[], &pdf) {
        for n in ["09", "17", "32", "58"] {
            assert!(fonts.contains(&format!("TsunaguFallbackMincho{n}")), "{fonts}");
        }
    }
    // A document without such characters embeds no fallback font.
    let plain = RENDERER.render(&Document::Instruction(Box::new(instruction())), &RenderOptions::default());
    if let Some(fonts) = poppler("pdffonts", &[], &plain.expect("renders")) {
        assert!(!fonts.contains("Fallback"), "{fonts}");
    }
}

#[test]
fn rare_but_covered_characters_and_variation_sequences_render() {
    let mut sheet = instruction();
    // 髙 and 﨑 are outside JIS X 0208; 葛󠄀 carries an ideographic variation selector;
    // 鷗 is of JIS level 2, outside the core of BIZ UDGothic.
    sheet.child.name.family = "髙﨑".to_owned();
    sheet.child.name.given = Some("鷗葛\u{E0100}".to_owned());
    let document = Document::Instruction(Box::new(sheet));
    // 鷗 is in a piece of BIZ UDGothic, loaded in both weights.
    let pieces = RENDERER.fonts().pieces_needed(&document.to_value());
    assert_eq!(pieces, ["gothic/gothic-13-regular.ttf", "gothic/gothic-13-bold.ttf"]);
    let pdf = RENDERER.render(&document, &RenderOptions::default()).expect("renders");
    if let Some(text) = poppler("pdftotext", &["-enc", "UTF-8"], &pdf) {
        assert!(text.contains("髙﨑") && text.contains("鷗"), "kept exactly, not normalised to 高崎");
    }
    if let Some(fonts) = poppler("pdffonts", &[], &pdf) {
        assert!(fonts.contains("TsunaguGothic13-Regular"), "{fonts}");
    }
}
