use tsunagu_model::{Document, Lang, validate};
use tsunagu_render::{RenderOptions, Renderer, extract_attachment};

use crate::{RENDERER, documents, poppler};

fn child_family_name(document: &Document) -> String {
    document.child().name.family.clone()
}

#[test]
fn every_document_renders_with_text_fonts_and_data() {
    for (name, document) in documents() {
        let pdf = RENDERER.render(&document, &RenderOptions::default()).unwrap_or_else(|e| panic!("{name}: {e}"));
        assert!(pdf.starts_with(b"%PDF-"), "{name}");

        // The data comes back out, equal to the canonical input.
        let data = extract_attachment(&pdf).expect("attachment");
        assert_eq!(data.json, document.to_canonical_json(), "{name}: attached JSON differs");
        assert_eq!(validate(&data.json).document.as_ref(), Some(&document), "{name}");

        if let Some(text) = poppler("pdftotext", &["-enc", "UTF-8"], &pdf) {
            assert!(text.contains(&child_family_name(&document)), "{name}: child's name not in the text");
            assert!(text.contains("令和"), "{name}: no era date in the text");
            if document.care().is_some() {
                assert!(text.contains("医療的ケア"), "{name}: no care heading");
            }
            // Template source printed as text (an `else` on its own line is markup, not code).
            for leaked in ["else if", "else [", "#if", "#let", "#for", "get(", "doc.", "data."] {
                assert!(!text.contains(leaked), "{name}: template source {leaked:?} printed");
            }
        }
        if let Some(fonts) = poppler("pdffonts", &[], &pdf) {
            let rows: Vec<&str> = fonts.lines().skip(2).collect();
            assert!(!rows.is_empty(), "{name}: no fonts listed");
            for row in rows {
                let ours = ["TsunaguGothic", "TsunaguTitleMincho", "TsunaguFallbackMincho"];
                assert!(ours.iter().any(|font| row.contains(font)), "{name}: unexpected font {row}");
                let columns: Vec<&str> = row.split_whitespace().collect();
                let embedded = columns[columns.len() - 5];
                assert_eq!(embedded, "yes", "{name}: font not embedded: {row}");
            }
        }
        if let Some(list) = poppler("pdfdetach", &["-list"], &pdf) {
            assert!(list.contains("tsunagu-document.json"), "{name}: {list}");
        }
    }
}

#[test]
fn care_items_and_the_era_date_read_back() {
    let (_, document) =
        documents().into_iter().find(|(n, _)| n == "instruction-tracheostomy-ventilator").expect("example");
    let pdf = RENDERER.render(&document, &RenderOptions::default()).expect("render");
    if let Some(text) = poppler("pdftotext", &["-enc", "UTF-8"], &pdf) {
        for expected in [
            "令和8年3月18日",
            "人工呼吸器の管理",
            "気管切開の管理",
            "吸引",
            "経管栄養",
            "8 Fr",
            "20 kPa",
            "平成29年6月15日",
            "たかはし",
        ] {
            assert!(text.contains(expected), "missing {expected:?}");
        }
    }
}

#[test]
fn english_forms_keep_the_data_as_written() {
    let (_, document) = documents().into_iter().find(|(n, _)| n == "consent-five-departments").expect("example");
    let pdf = RENDERER.render(&document, &RenderOptions { lang: Lang::En, draft: false }).expect("render");
    if let Some(text) = poppler("pdftotext", &["-enc", "UTF-8"], &pdf) {
        assert!(text.contains("Consent to share personal information"));
        assert!(text.contains("Reiwa 8"));
        assert!(text.contains("髙橋"), "names stay as written");
    }
}

#[test]
fn the_same_document_gives_the_same_bytes() {
    let other = Renderer::with_embedded_fonts();
    for (name, document) in documents() {
        let first = RENDERER.render(&document, &RenderOptions::default()).expect("render");
        let again = RENDERER.render(&document, &RenderOptions::default()).expect("render");
        let fresh = other.render(&document, &RenderOptions::default()).expect("render");
        assert!(first == again && first == fresh, "{name}: output is not deterministic");
    }
}

#[test]
fn drafts_are_marked() {
    let (_, document) = documents().into_iter().next().expect("a document");
    let draft = RENDERER.render(&document, &RenderOptions { lang: Lang::Ja, draft: true }).expect("render");
    let clean = RENDERER.render(&document, &RenderOptions::default()).expect("render");
    // The mark is rotated, so text extraction gives its characters one per line:
    // every page of the draft has one more 下 than the clean copy.
    if let (Some(draft_text), Some(clean_text)) =
        (poppler("pdftotext", &["-enc", "UTF-8"], &draft), poppler("pdftotext", &["-enc", "UTF-8"], &clean))
    {
        let pages = poppler("pdfinfo", &[], &clean)
            .and_then(|info| {
                info.lines().find_map(|l| l.strip_prefix("Pages:").map(|n| n.trim().parse::<usize>().unwrap_or(0)))
            })
            .unwrap_or(0);
        assert!(pages > 0);
        assert_eq!(draft_text.matches('下').count(), clean_text.matches('下').count() + pages);
    }
}

#[test]
fn pdfs_declare_pdf_a_3a() {
    let (_, document) = documents().into_iter().next().expect("a document");
    let pdf = RENDERER.render(&document, &RenderOptions::default()).expect("render");
    let text = String::from_utf8_lossy(&pdf);
    assert!(text.contains("<pdfaid:part>3</pdfaid:part>"), "XMP declares PDF/A part 3");
    assert!(text.contains("<pdfaid:conformance>A</pdfaid:conformance>"), "XMP declares conformance A");
}

#[test]
fn the_printed_qr_code_reads_back_as_the_documents_code() {
    use tsunagu_model::Vocabulary;
    for (name, document) in documents().into_iter().take(2) {
        let png = RENDERER.preview_first_page(&document, &RenderOptions::default(), 3.0).expect("preview");
        let mut reader = png::Decoder::new(std::io::Cursor::new(png)).read_info().expect("png header");
        let mut pixels = vec![0; reader.output_buffer_size().expect("size")];
        let frame = reader.next_frame(&mut pixels).expect("png frame");
        let (width, channels) = (frame.width as usize, frame.color_type.samples());
        let mut image = rqrr::PreparedImage::prepare_from_greyscale(width, frame.height as usize, |x, y| {
            // The page is black on white; the first channel is enough.
            pixels[(y * width + x) * channels]
        });
        let grids = image.detect_grids();
        assert_eq!(grids.len(), 1, "{name}: one QR code on the page");
        let (_, content) = grids[0].decode().unwrap_or_else(|error| panic!("{name}: QR code does not decode: {error}"));
        let expected = tsunagu_render::payload(
            document.format_version().as_str(),
            document.kind().as_str(),
            &document.id().to_string(),
            &tsunagu_render::digest(&document.to_canonical_json()),
        );
        assert_eq!(content, expected, "{name}");
    }
}

#[test]
fn a_new_version_prints_what_changed_under_its_title() {
    let found = documents();
    let of = |wanted: &str| found.iter().find(|(n, _)| n == wanted).map(|(_, d)| d).expect("document");
    let (old, new) = (of("instruction-tracheostomy-ventilator-2025"), of("instruction-tracheostomy-ventilator"));
    let changes = tsunagu_model::diff(old, new, Lang::Ja);
    let extras = tsunagu_render::Extras { changes, ..Default::default() };
    let pdf = RENDERER.render_with(new, &RenderOptions::default(), &extras).expect("render");
    let Some(text) = poppler("pdftotext", &["-enc", "UTF-8"], &pdf) else { return };
    let text: String = text.split_whitespace().collect();
    let (title, box_title) =
        (text.find("医療的ケア指示書").expect("title"), text.find("変更点(前の版から)").expect("box"));
    assert!(title < box_title, "the changes come under the title");
    for expected in
        ["吸引圧(陰圧の大きさ):15kPa(113mmHg)→20kPa(150mmHg)", "内径:4mm→4.5mm", "追加:医療的ケア›4酸素療法"]
    {
        assert!(text.contains(expected), "{expected} is not printed");
    }
    // Without changes, no box.
    let plain = RENDERER.render(new, &RenderOptions::default()).expect("render");
    let plain = poppler("pdftotext", &["-enc", "UTF-8"], &plain).expect("text");
    assert!(!plain.contains("変更点"));
}
