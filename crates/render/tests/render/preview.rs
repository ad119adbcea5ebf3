//! The live preview: the same pages as the PDF, as SVG and as canvas drawing commands,
//! and where an edited text prints.

use tsunagu_model::Document;
use tsunagu_render::RenderOptions;
use tsunagu_render::drawing::{Drawing, Glyphs, op};

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
        let preview = RENDERER.preview(&document, &options, find.as_deref()).expect("previews");
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
        let nowhere = RENDERER.preview(&document, &options, Some("存在しない文字列の並び")).expect("previews");
        assert_eq!(nowhere.focus, None, "{name}");
    }
}

/// A drawing's commands as (code, operands), checked to be whole and to refer only to
/// paths, colours and dashes it holds and to glyphs `sent` so far.
fn commands(drawing: &Drawing, sent: usize) -> Vec<(f64, &[f64])> {
    let mut out = Vec::new();
    let mut rest = drawing.ops.as_slice();
    let mut depth = 0_i32;
    while let Some(&code) = rest.first() {
        let operands = match code {
            op::GLYPH => 8,
            op::FILL => 9,
            op::STROKE => 13,
            op::CLIP => 7,
            op::RESTORE => 0,
            other => panic!("unknown command {other}"),
        };
        assert!(rest.len() > operands, "command {code} is cut short");
        let (command, tail) = rest.split_at(operands + 1);
        let args = &command[1..];
        let index = |value: f64, len: usize, what: &str| {
            let len = f64::from(u32::try_from(len).expect("a small table"));
            assert!(value >= 0.0 && value.fract() == 0.0 && value < len, "{what} {value} of {len}");
        };
        match code {
            op::GLYPH => {
                index(args[0], sent, "glyph");
                index(args[1], drawing.colors.len(), "colour");
            }
            op::FILL | op::STROKE => {
                index(args[0], drawing.paths.len(), "path");
                index(args[1], drawing.colors.len(), "colour");
                if code == op::STROKE && args[6] >= 0.0 {
                    index(args[6], drawing.dashes.len(), "dash");
                }
            }
            op::CLIP => {
                index(args[0], drawing.paths.len(), "path");
                depth += 1;
            }
            _ => {
                depth -= 1;
                assert!(depth >= 0, "a RESTORE without its CLIP");
            }
        }
        assert!(args[args.len().saturating_sub(6)..].iter().all(|n| n.is_finite()), "finite transforms");
        out.push((code, args));
        rest = tail;
    }
    assert_eq!(depth, 0, "every CLIP is restored");
    out
}

#[test]
fn every_page_draws_on_a_canvas_with_the_svgs_glyphs_and_each_outline_is_sent_once() {
    let mut glyphs = Glyphs::new();
    for (name, document) in documents() {
        // The draft adds a rotated, grey 下書き over every page.
        for draft in [false, true] {
            let options = RenderOptions { draft, ..RenderOptions::default() };
            let preview = RENDERER.preview(&document, &options, None).expect("previews");
            for page in 0..preview.page_count() {
                let sent = glyphs.len();
                let drawing = preview
                    .page_drawing(page, &mut glyphs)
                    .unwrap_or_else(|| panic!("{name} page {page}: nothing the canvas cannot draw"));
                let new: Vec<u32> = drawing.new_glyphs.iter().map(|(id, _)| *id).collect();
                let expected: Vec<u32> = (sent..glyphs.len()).map(|id| u32::try_from(id).expect("id")).collect();
                assert_eq!(new, expected, "{name} page {page}: new outlines numbered after the sent ones");
                let commands = commands(&drawing, glyphs.len());
                // typst-svg places each outline glyph with one <use>: the same glyphs, drawn by another backend.
                let svg = preview.page_svg(page).expect("a page");
                let glyph_commands = commands.iter().filter(|(code, _)| *code == op::GLYPH).count();
                assert_eq!(glyph_commands, svg.matches("<use ").count(), "{name} page {page}: every glyph");
                assert!(glyph_commands > 100, "{name} page {page}: a page of text, {glyph_commands} glyphs");
                // A4, upright or (the shared record) on its side.
                let (short, long) =
                    if drawing.size.0 < drawing.size.1 { drawing.size } else { (drawing.size.1, drawing.size.0) };
                assert!(
                    (short - 595.276).abs() < 0.01 && (long - 841.89).abs() < 0.01,
                    "{name} page {page}: {:?}",
                    drawing.size
                );
                // Drawn again, it sends no outline and says the same.
                let again = preview.page_drawing(page, &mut glyphs).expect("drawn again");
                assert!(again.new_glyphs.is_empty(), "{name} page {page}: outlines are sent once");
                assert_eq!(again.ops, drawing.ops, "{name} page {page}");
            }
            assert_eq!(preview.page_drawing(preview.page_count(), &mut glyphs), None, "{name}: no page past the last");
        }
    }
    // The shared outlines are kept: far fewer than the glyphs drawn.
    assert!(glyphs.len() > 500 && glyphs.len() < 5000, "{} outlines", glyphs.len());
}

#[test]
fn an_edit_changes_the_drawing_where_it_prints() {
    let (_, document) =
        documents().into_iter().find(|(name, _)| name.contains("evacuation")).expect("an evacuation plan");
    let mut glyphs = Glyphs::new();
    let options = RenderOptions::default();
    let before = RENDERER.preview(&document, &options, None).expect("previews");
    let before = before.page_drawing(0, &mut glyphs).expect("drawn");
    let mut value = document.to_value();
    value["child"]["name"]["family"] = "鷗外".into();
    let edited = tsunagu_model::validate(&serde_json::to_vec(&value).expect("json")).document.expect("reads");
    let after = RENDERER.preview(&edited, &options, None).expect("previews");
    let after = after.page_drawing(0, &mut glyphs).expect("drawn");
    assert_ne!(after.ops, before.ops);
    // 鷗 and 外 were not on the page before: their outlines come with this drawing.
    assert!(!after.new_glyphs.is_empty());
    assert!(after.new_glyphs.iter().all(|(_, outline)| outline.starts_with('M') && outline.ends_with('Z')));
}
