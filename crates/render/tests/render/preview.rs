//! The live preview: the same pages as the PDF, as SVG, and where an edited text prints.

use tsunagu_model::Document;
use tsunagu_render::RenderOptions;

use crate::{RENDERER, documents};

fn pdf_pages(pdf: &[u8]) -> usize {
    lopdf::Document::load_mem(pdf).expect("pdf").get_pages().len()
}

#[test]
fn the_preview_has_the_pdfs_pages_and_finds_the_edited_text() {
    for (name, document) in documents() {
        let options = RenderOptions::default();
        let pdf = RENDERER.render(&document, &options).expect("renders");
        let find = match &document {
            Document::Instruction(sheet) => Some(sheet.child.name.family.clone()),
            _ => None,
        };
        let preview = RENDERER.preview_svg(&document, &options, find.as_deref()).expect("previews");
        assert_eq!(preview.page_count(), pdf_pages(&pdf), "{name}");
        for page in 0..preview.page_count() {
            let svg = preview.page_svg(page).expect("a page");
            assert!(svg.starts_with("<svg") && svg.contains("<path"), "{name}");
        }
        assert_eq!(preview.page_svg(preview.page_count()), None, "{name}: no page past the last");
        if find.is_some() {
            let focus = preview.focus.unwrap_or_else(|| panic!("{name}: the child's name {find:?} prints"));
            assert_eq!(focus.page, 0, "{name}: the name is on the first page");
            assert!(focus.y > 0.0 && focus.y < 0.5, "{name}: near the top, {}", focus.y);
        }
        // Text that prints nowhere is found nowhere.
        let nowhere = RENDERER.preview_svg(&document, &options, Some("存在しない文字列の並び")).expect("previews");
        assert_eq!(nowhere.focus, None, "{name}");
    }
}
