//! tsunagu in the browser and Node: the PDF module. Typst is large, so it lives
//! here, apart from the core module, and a page fetches it (with the fonts) only
//! when the first PDF is asked for.
//!
//! The PDF is the same, byte for byte, as the CLI's for the same document.

// wasm-bindgen hands JavaScript values to exports by value.
#![allow(clippy::needless_pass_by_value)]

use std::cell::RefCell;
use tsunagu_model::{Lang, Message, validate};

use tsunagu_render::drawing::{Drawing, Glyphs};
use tsunagu_render::{Fonts, Preview, RenderOptions, Renderer, extract_attachment};
use wasm_bindgen::prelude::*;

/// A JavaScript `Error` whose `message` is the English text and whose `messages`
/// holds both languages (`{ ja, en }`), so the page shows the one it is set to.
fn error(message: &Message) -> JsValue {
    let error = js_sys::Error::new(&message.en);
    let both = js_sys::Object::new();
    let _ = js_sys::Reflect::set(&both, &"ja".into(), &message.ja.as_ref().into());
    let _ = js_sys::Reflect::set(&both, &"en".into(), &message.en.as_ref().into());
    let _ = js_sys::Reflect::set(&error, &"messages".into(), &both);
    error.into()
}

/// A warm renderer: fonts parsed once, then any number of PDFs.
#[wasm_bindgen]
pub struct PdfRenderer {
    renderer: Renderer,
    /// The last preview's pages, laid out, drawn when the page asks for each.
    preview: RefCell<Option<Preview>>,
    /// The glyph outlines the page has been sent for its canvas.
    glyphs: RefCell<Glyphs>,
}

#[wasm_bindgen]
impl PdfRenderer {
    /// Parses the font files (the bytes of Tsunagu Gothic Regular and Bold, the core of
    /// BIZ UDGothic, and Tsunagu Title Mincho, the title cut of BIZ UDMincho, as
    /// `Uint8Array`s, in that order for the same PDF as the CLI).
    ///
    /// # Errors
    /// A file that is not a font.
    #[wasm_bindgen(constructor)]
    pub fn new(fonts: Vec<js_sys::Uint8Array>) -> Result<PdfRenderer, JsValue> {
        let fonts = Fonts::from_files(fonts.iter().map(js_sys::Uint8Array::to_vec)).map_err(|e| error(&e.message()))?;
        Ok(Self { renderer: Renderer::new(fonts), preview: RefCell::new(None), glyphs: RefCell::new(Glyphs::new()) })
    }

    /// The font pieces the document's characters need and that have not been handed in
    /// yet, by path under `fonts/` (`gothic/gothic-NN-regular.ttf`, `fallback/fallback-NN.ttf`):
    /// fetch each and pass it to [`PdfRenderer::add_font`] before rendering. Empty for most
    /// documents.
    pub fn fonts_needed(&self, document: JsValue) -> Vec<String> {
        let Ok(text) = json_text(&document) else { return Vec::new() };
        let Ok(value) = serde_json::from_str::<serde_json::Value>(&text) else { return Vec::new() };
        let fonts = self.renderer.fonts();
        fonts.pieces_needed(&value).into_iter().filter(|name| !fonts.has_piece(name)).collect()
    }

    /// Hands in a font piece by its path under `fonts/`.
    ///
    /// # Errors
    /// A name that is no piece, or bytes that are not a font.
    pub fn add_font(&self, name: &str, bytes: Vec<u8>) -> Result<(), JsValue> {
        self.renderer.fonts().add_piece(name, bytes).map_err(|e| error(&e.message()))
    }

    /// The PDF/A-3 of a document (an object or the text of a JSON file), with its JSON attached.
    /// `lang` is the language of the printed form (`ja` or `en`). An invalid document is
    /// rendered only with `draft`, marked 下書き / DRAFT on every page.
    ///
    /// # Errors
    /// An unreadable or invalid document (without `draft`), or a character the fonts lack;
    /// the message names the field, never the value.
    pub fn render(&self, document: JsValue, lang: &str, draft: bool) -> Result<Vec<u8>, JsValue> {
        let unreadable = Message::fixed(
            "文書を読み込めません。先に確認してください",
            "the document cannot be read; validate it first",
        );
        let (document, valid) = read_document(&document, unreadable)?;
        if !valid && !draft {
            return Err(error(&Message::fixed(
                "文書が有効ではありません。先に確認するか、下書きとして出力してください",
                "the document is not valid; validate it first, or render a draft",
            )));
        }
        let options = RenderOptions { lang: Lang::parse(lang).unwrap_or_default(), draft: !valid };
        self.renderer.render(&document, &options).map_err(|e| error(&e.message()))
    }
}

#[wasm_bindgen]
impl PdfRenderer {
    /// Lays a document out for the live preview beside the form (its pages then drawn by
    /// [`PdfRenderer::preview_drawing`], or [`PdfRenderer::preview_page`] where that gives
    /// none): `{ pages: number, focus: { page, y } | null }`,
    /// `pages` how many it prints on and `focus` where the text
    /// `find` (the value being edited) first prints, `y` from 0 (top) to 1 (bottom).
    /// An invalid document is drawn as its draft, marked 下書き / DRAFT.
    ///
    /// # Errors
    /// An unreadable document, or a character no font has (the message names the field).
    pub fn preview(&self, document: JsValue, lang: &str, find: Option<String>) -> Result<JsValue, JsValue> {
        let unreadable = Message::fixed(
            "必須の項目がそろうと、ここに用紙が表示されます",
            "the sheet appears here once the required fields are filled in",
        );
        let (document, valid) = read_document(&document, unreadable)?;
        let options = RenderOptions { lang: Lang::parse(lang).unwrap_or_default(), draft: !valid };
        let preview = self.renderer.preview(&document, &options, find.as_deref()).map_err(|e| error(&e.message()))?;
        let out = js_sys::Object::new();
        let count = u32::try_from(preview.page_count()).unwrap_or(u32::MAX);
        let _ = js_sys::Reflect::set(&out, &"pages".into(), &JsValue::from(count));
        let focus = match preview.focus {
            Some(focus) => {
                let at = js_sys::Object::new();
                let page = u32::try_from(focus.page).unwrap_or(u32::MAX);
                let _ = js_sys::Reflect::set(&at, &"page".into(), &JsValue::from(page));
                let _ = js_sys::Reflect::set(&at, &"y".into(), &JsValue::from(focus.y));
                at.into()
            }
            None => JsValue::NULL,
        };
        let _ = js_sys::Reflect::set(&out, &"focus".into(), &focus);
        *self.preview.borrow_mut() = Some(preview);
        Ok(out.into())
    }

    /// A page (from 0) of the last preview as SVG, for a page the drawing commands cannot
    /// draw. `undefined` past the last page or before any preview.
    pub fn preview_page(&self, page: usize) -> Option<String> {
        self.preview.borrow().as_ref()?.page_svg(page)
    }

    /// A page (from 0) of the last preview as drawing commands for a canvas, far quicker
    /// to draw than its SVG is to decode: `{ width, height, ops: Float64Array, paths,
    /// colors, dashes, glyphs }` (the commands are described in `tsunagu_render::drawing`;
    /// `glyphs` holds `[id, path data]` for each outline not sent before: keep them, for
    /// later drawings refer to them by id only). `undefined` past the last page, or for a
    /// page the commands cannot draw exactly; draw that one from [`PdfRenderer::preview_page`].
    pub fn preview_drawing(&self, page: usize) -> Option<js_sys::Object> {
        let drawing = self.preview.borrow().as_ref()?.page_drawing(page, &mut self.glyphs.borrow_mut())?;
        Some(drawing_object(drawing))
    }
}

fn drawing_object(drawing: Drawing) -> js_sys::Object {
    let strings = |items: Vec<String>| items.into_iter().map(JsValue::from).collect::<js_sys::Array>();
    let out = js_sys::Object::new();
    let set = |key: &str, value: &JsValue| {
        let _ = js_sys::Reflect::set(&out, &key.into(), value);
    };
    set("width", &drawing.size.0.into());
    set("height", &drawing.size.1.into());
    set("ops", &js_sys::Float64Array::from(drawing.ops.as_slice()).into());
    set("paths", &strings(drawing.paths).into());
    set("colors", &strings(drawing.colors).into());
    let dashes: js_sys::Array =
        drawing.dashes.iter().map(|dash| JsValue::from(js_sys::Float64Array::from(dash.as_slice()))).collect();
    set("dashes", &dashes.into());
    let glyphs: js_sys::Array = drawing
        .new_glyphs
        .into_iter()
        .map(|(id, outline)| JsValue::from(js_sys::Array::of2(&id.into(), &outline.into())))
        .collect();
    set("glyphs", &glyphs.into());
    out
}

/// A document handed in, read and checked as the CLI does, and whether it is valid;
/// `unreadable` is the message when it cannot be read as a document at all.
fn read_document(document: &JsValue, unreadable: Message) -> Result<(tsunagu_model::Document, bool), JsValue> {
    let text = json_text(document)?;
    let report = validate(text.as_bytes());
    let valid = report.is_valid();
    Ok((report.document.ok_or_else(|| error(&unreadable))?, valid))
}

/// A document handed in as an object or as the text of a JSON file, as JSON text.
fn json_text(document: &JsValue) -> Result<String, JsValue> {
    match document.as_string() {
        Some(text) => Ok(text),
        None => js_sys::JSON::stringify(document)
            .ok()
            .and_then(|text| text.as_string())
            .ok_or_else(|| error(&Message::fixed("JSON にできない値です", "not a JSON value"))),
    }
}

/// The canonical JSON text a tsunagu PDF carries.
///
/// # Errors
/// Not a PDF, no tsunagu attachment, or an attachment too large.
#[wasm_bindgen]
pub fn extract(pdf: &[u8]) -> Result<String, JsValue> {
    let extracted = extract_attachment(pdf).map_err(|e| error(&e.message()))?;
    String::from_utf8(extracted.json).map_err(|_| {
        error(&Message::fixed("添付された文書が UTF-8 の文字列ではありません", "the attachment is not UTF-8 text"))
    })
}
