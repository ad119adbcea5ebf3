//! The renderer and the Typst `World` it compiles in: templates and fonts are
//! shared and parsed once; each document adds only its own virtual files.

use std::fmt;

use tsunagu_model::{Change, Date, Document, Forbidden, Kind, Lang, Message, SupplyLine, Vocabulary, find_string};
use typst::diag::{FileError, FileResult, Severity as TypstSeverity, SourceDiagnostic};
use typst::foundations::{Bytes, Datetime, Smart};
use typst::syntax::{FileId, RootedPath, Source, VirtualPath, VirtualRoot};
use typst::text::{Font, FontBook};
use typst::utils::LazyHash;
use typst::{Library, LibraryExt, World};
use typst_layout::PagedDocument;
use typst_pdf::{PdfOptions, PdfStandard, PdfStandards, Timestamp};

use crate::fonts::Fonts;
use crate::{qr, view};

/// How to render.
#[derive(Debug, Clone, Copy, Default)]
pub struct RenderOptions {
    /// Language of the form's printed labels (the data stays as written).
    pub lang: Lang,
    /// Mark every page 下書き / DRAFT (for documents that are not valid yet).
    pub draft: bool,
}

/// Why a document could not be rendered.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RenderError {
    /// A character no embedded font can draw. `pointer` names the field; the
    /// character itself is kept out of the message (it is part of the data).
    MissingGlyph { pointer: String, codepoint: u32 },
    /// A character no text may hold (see [`tsunagu_model::Forbidden`]): a control
    /// character, a direction override, a byte-order mark. Validation reports it
    /// too; this catches it when a document with errors is printed as a draft.
    ForbiddenCharacter { pointer: String, codepoint: u32 },
    /// Typst failed on a template: a bug in tsunagu, not in the document.
    Template { messages: Vec<String> },
}

impl RenderError {
    /// What went wrong, in Japanese and English. Names the field, never its text.
    pub fn message(&self) -> Message {
        match self {
            Self::MissingGlyph { pointer, .. } => Message::new(
                format!("{pointer}: 埋め込みフォントにない文字があります (空白の四角で印刷されるため中止しました)"),
                format!("{pointer}: a character is not in the embedded fonts and would print as a blank box"),
            ),
            Self::ForbiddenCharacter { pointer, codepoint } => Message::new(
                format!(
                    "{pointer}: 使えない文字 (U+{codepoint:04X}) があります (印刷されないか、表示と内容が食い違います)"
                ),
                format!(
                    "{pointer}: contains U+{codepoint:04X}, a character no text may hold (invisible or misleading on paper)"
                ),
            ),
            Self::Template { messages } => Message::new(
                format!("テンプレートのエラー (tsunagu の不具合です): {}", messages.join("; ")),
                format!("template error: {}", messages.join("; ")),
            ),
        }
    }

    /// Whether the document is at fault (a character it holds), not tsunagu.
    pub fn is_in_document(&self) -> bool {
        matches!(self, Self::MissingGlyph { .. } | Self::ForbiddenCharacter { .. })
    }
}

impl fmt::Display for RenderError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message().en)
    }
}

impl std::error::Error for RenderError {}

/// The layout every form shares.
const COMMON_TEMPLATE: (&str, &str) = ("/templates/common.typ", include_str!("../templates/common.typ"));
/// An evacuation plan's emergency card (A5, one page).
const CARD_TEMPLATE: (&str, &str) =
    ("/templates/evacuation-card.typ", include_str!("../templates/evacuation-card.typ"));

/// What a render may add to the document's own form.
#[derive(Debug, Clone, Default)]
pub struct Extras {
    /// What changed from the version before ([`tsunagu_model::diff`]), printed under the title.
    pub changes: Vec<Change>,
    /// What to pack, from the instruction sheet ([`tsunagu_model::supplies`]), on an evacuation plan.
    pub supplies: Vec<SupplyLine>,
    /// Which page of the document to make.
    pub page: Page,
}

/// Which page of a document to make.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Page {
    /// The document's form.
    #[default]
    Form,
    /// An evacuation plan's one-page emergency card (A5), to keep on the wheelchair or the ventilator.
    EmergencyCard,
}

/// The template of a kind, `templates/<kind>.typ`: a new kind does not compile until it has one.
fn template(kind: Kind) -> &'static str {
    match kind {
        Kind::Instruction => include_str!("../templates/instruction.typ"),
        Kind::Assessment => include_str!("../templates/assessment.typ"),
        Kind::Consent => include_str!("../templates/consent.typ"),
        Kind::Record => include_str!("../templates/record.typ"),
        Kind::Evacuation => include_str!("../templates/evacuation.typ"),
    }
}

fn template_path(kind: Kind) -> String {
    format!("/templates/{}.typ", kind.as_str())
}

const VIEW_PATH: &str = "/data/view.json";
const LABELS_PATH: &str = "/data/labels.json";
const QR_PATH: &str = "/data/qr.svg";
const DOCUMENT_PATH: &str = "/data/document.json";

fn file_id(path: &str) -> FileId {
    // The paths are constants above; they are always valid virtual paths.
    let vpath = VirtualPath::new(path).unwrap_or_else(|error| panic!("bad template path {path}: {error:?}"));
    FileId::new(RootedPath::new(VirtualRoot::Project, vpath))
}

/// A warm renderer: fonts parsed and templates loaded once, then any number of
/// documents rendered, from any number of threads.
pub struct Renderer {
    library: LazyHash<Library>,
    fonts: Fonts,
    templates: Vec<(FileId, Source)>,
    /// The label catalog in each language ([`tsunagu_model::labels`]), as the templates read it.
    labels: [Bytes; 2],
    view_id: FileId,
    labels_id: FileId,
    qr_id: FileId,
    document_id: FileId,
    standards: PdfStandards,
}

impl Renderer {
    pub fn new(fonts: Fonts) -> Self {
        let kinds = Kind::ALL.iter().map(|&kind| (template_path(kind), template(kind)));
        let layouts = Layout::ALL.iter().map(|layout| (layout.path().to_owned(), layout.source()));
        let templates = [COMMON_TEMPLATE, CARD_TEMPLATE]
            .into_iter()
            .map(|(path, text)| (path.to_owned(), text))
            .chain(kinds)
            .chain(layouts)
            .map(|(path, text)| {
                let id = file_id(&path);
                (id, Source::new(id, text.to_owned()))
            })
            .collect();
        let labels = [Lang::Ja, Lang::En]
            .map(|lang| Bytes::new(serde_json::to_vec(tsunagu_model::labels(lang)).unwrap_or_default()));
        Self {
            library: LazyHash::new(Library::default()),
            fonts,
            templates,
            labels,
            view_id: file_id(VIEW_PATH),
            labels_id: file_id(LABELS_PATH),
            qr_id: file_id(QR_PATH),
            document_id: file_id(DOCUMENT_PATH),
            // A constant, valid standard: checked by every render test.
            standards: PdfStandards::new(&[PdfStandard::A_3a])
                .unwrap_or_else(|error| panic!("PDF/A-3a is a valid standard: {error:?}")),
        }
    }

    /// A renderer with the fonts that travel with tsunagu.
    #[cfg(feature = "embedded-fonts")]
    pub fn with_embedded_fonts() -> Self {
        Self::new(Fonts::embedded())
    }

    pub fn fonts(&self) -> &Fonts {
        &self.fonts
    }

    /// Renders a document (which should be valid; see [`RenderOptions::draft`])
    /// to PDF/A-3 bytes with its canonical JSON attached.
    pub fn render(&self, document: &Document, options: &RenderOptions) -> Result<Vec<u8>, RenderError> {
        self.render_with(document, options, &Extras::default())
    }

    /// As [`Renderer::render`], with what the document alone does not hold: what changed
    /// from the version before, what to pack, or another page of the same document.
    pub fn render_with(
        &self,
        document: &Document,
        options: &RenderOptions,
        extras: &Extras,
    ) -> Result<Vec<u8>, RenderError> {
        let pdf = self.compile(document, *options, extras, Output::Pdf).and_then(|(compiled, date)| {
            typst_pdf::pdf(&compiled, &pdf_options(document, date, self.standards.clone()))
                .map_err(|errors| template_error(&errors))
        });
        evict();
        pdf
    }

    /// The first page as a PNG, `pixels_per_pt` pixels per point (for previews and reference tests).
    #[cfg(feature = "preview")]
    pub fn preview_first_page(
        &self,
        document: &Document,
        options: &RenderOptions,
        pixels_per_pt: f32,
    ) -> Result<Vec<u8>, RenderError> {
        let pages = self.preview_pages(document, options, pixels_per_pt, 1)?;
        pages.into_iter().next().ok_or_else(|| RenderError::Template { messages: vec!["no page".into()] })
    }

    /// The first `limit` pages as PNGs, `pixels_per_pt` pixels per point.
    #[cfg(feature = "preview")]
    pub fn preview_pages(
        &self,
        document: &Document,
        options: &RenderOptions,
        pixels_per_pt: f32,
        limit: usize,
    ) -> Result<Vec<Vec<u8>>, RenderError> {
        let compiled = self.compile(document, *options, &Extras::default(), Output::Pages);
        evict();
        let (compiled, _) = compiled?;
        let render_options = typst_render::RenderOptions {
            pixel_per_pt: f64::from(pixels_per_pt).into(),
            ..typst_render::RenderOptions::default()
        };
        compiled
            .pages()
            .iter()
            .take(limit)
            .map(|page| {
                typst_render::render(page, &render_options)
                    .encode_png()
                    .map_err(|error| RenderError::Template { messages: vec![error.to_string()] })
            })
            .collect()
    }

    /// The pages as they will print, for a live preview (each drawn on demand, as canvas
    /// commands or SVG); and where on them the text `find` (the field being edited) first appears, as (page,
    /// height from the top as a fraction of the page), so the preview can scroll there.
    /// A document that is not valid yet is drawn as a draft would be.
    #[cfg(feature = "svg")]
    pub fn preview(
        &self,
        document: &Document,
        options: &RenderOptions,
        find: Option<&str>,
    ) -> Result<Preview, RenderError> {
        let compiled = self.compile(document, *options, &Extras::default(), Output::Pages);
        evict();
        let (compiled, _) = compiled?;
        let focus = find.filter(|needle| !needle.trim().is_empty()).and_then(|needle| locate(&compiled, needle.trim()));
        Ok(Preview { compiled, focus })
    }

    /// The Typst project a document compiles from, as `(path, bytes)`: the templates,
    /// `data/view.json`, `data/qr.svg` and `data/document.json`, with the main file
    /// first. Compiling it with the Typst CLI (`--root` the project, the embedded
    /// fonts as `--font-path`) gives the same pages; for inspection and comparisons.
    ///
    /// # Errors
    /// A character no embedded font has, as for [`Renderer::render`].
    pub fn typst_project(
        &self,
        document: &Document,
        options: &RenderOptions,
    ) -> Result<Vec<(String, Vec<u8>)>, RenderError> {
        let world = self.world(document, *options, &Extras::default(), Output::Pdf)?;
        let path = |id: FileId| id.vpath().get_without_slash().to_owned();
        let mut files = vec![(path(world.main), self.source(world.main).map(|s| s.text().as_bytes().to_vec()))];
        for (id, source) in &self.templates {
            if *id != world.main {
                files.push((path(*id), Some(source.text().as_bytes().to_vec())));
            }
        }
        files.push((path(self.view_id), Some(world.view.to_vec())));
        files.push((path(self.labels_id), Some(world.labels.to_vec())));
        files.push((path(self.qr_id), Some(world.qr.to_vec())));
        files.push((path(self.document_id), Some(world.document.to_vec())));
        Ok(files.into_iter().filter_map(|(path, bytes)| Some((path, bytes?))).collect())
    }

    fn source(&self, id: FileId) -> Option<&Source> {
        self.templates.iter().find(|(template, _)| *template == id).map(|(_, source)| source)
    }

    /// The document's world: its view, QR code and canonical JSON beside the shared templates.
    fn world(
        &self,
        document: &Document,
        options: RenderOptions,
        extras: &Extras,
        output: Output,
    ) -> Result<DocumentWorld<'_>, RenderError> {
        let canonical = document.to_canonical_json();
        let value = document.to_value();
        let digest = qr::digest(&canonical);
        let kind = document.kind();
        let payload =
            qr::payload(document.format_version().as_str(), kind.as_str(), &document.id().to_string(), &digest);
        let mut view = view::build(document, &value, options, &digest, &payload);
        view["changes"] = view::changes(&extras.changes, options.lang);
        view["supplies"] = view::supplies(&extras.supplies, options.lang);
        if output == Output::Pages {
            // The payload holds the digest, which every edit changes, and in the PDF's
            // metadata it is a style of the whole document: Typst would lay every page out
            // again after each keystroke. Pages alone have no metadata.
            view["footer"]["payload"] = serde_json::Value::Null;
        }
        // The earlier version's values are printed too.
        let earlier: Vec<serde_json::Value> =
            extras.changes.iter().map(|change| serde_json::json!([change.old, change.new])).collect();
        let earlier = serde_json::Value::Array(earlier);
        let fallback = self.fonts.for_text(&[&value, &earlier, &view["supplies"]]);
        let fonts = fallback.as_ref().unwrap_or(&self.fonts);
        if let Some(error) = first_unprintable(fonts, &value) {
            return Err(error);
        }
        // An error in an earlier version's value names the field it was in.
        for (change, values) in extras.changes.iter().zip(earlier.as_array().into_iter().flatten()) {
            if let Some(mut error) = first_unprintable(fonts, values) {
                if let RenderError::MissingGlyph { pointer, .. } | RenderError::ForbiddenCharacter { pointer, .. } =
                    &mut error
                {
                    pointer.clone_from(&change.pointer);
                }
                return Err(error);
            }
        }
        if let Some(error) = first_unprintable(fonts, &view["supplies"]) {
            return Err(error);
        }
        let main = match (extras.page, kind) {
            (Page::Form, _) => file_id(&template_path(kind)),
            (Page::EmergencyCard, Kind::Evacuation) => file_id(CARD_TEMPLATE.0),
            (Page::EmergencyCard, _) => {
                let message = "only an evacuation plan has an emergency card".to_owned();
                return Err(RenderError::Template { messages: vec![message] });
            }
        };
        let qr = qr::svg(&payload).unwrap_or_default();
        // The document's own date stands in for "today", so output never depends on the clock.
        let date = document.date();
        Ok(DocumentWorld {
            renderer: self,
            fallback,
            main,
            labels: self.labels[usize::from(options.lang == Lang::En)].clone(),
            view: Bytes::new(serde_json::to_vec(&view).unwrap_or_default()),
            qr: Bytes::from_string(qr),
            document: Bytes::new(canonical),
            today: Datetime::from_ymd(date.year(), date.month(), date.day()),
            value,
        })
    }

    fn compile(
        &self,
        document: &Document,
        options: RenderOptions,
        extras: &Extras,
        output: Output,
    ) -> Result<(PagedDocument, Date), RenderError> {
        let world = self.world(document, options, extras, output)?;
        Ok((compile_world(&world)?, document.date()))
    }

    /// A page that is not one document: the list of children, for one.
    pub fn render_layout(
        &self,
        layout: Layout,
        view: &serde_json::Value,
        attachment: Vec<u8>,
        date: Date,
        lang: Lang,
    ) -> Result<Vec<u8>, RenderError> {
        let fallback = self.fonts.for_text(&[view]);
        if let Some(error) = first_unprintable(fallback.as_ref().unwrap_or(&self.fonts), view) {
            return Err(error);
        }
        let world = DocumentWorld {
            renderer: self,
            fallback,
            main: file_id(layout.path()),
            labels: self.labels[usize::from(lang == Lang::En)].clone(),
            view: Bytes::new(serde_json::to_vec(view).unwrap_or_default()),
            qr: Bytes::from_string(String::new()),
            document: Bytes::new(attachment),
            today: Datetime::from_ymd(date.year(), date.month(), date.day()),
            value: view.clone(),
        };
        let compiled = compile_world(&world);
        let pdf = compiled.and_then(|compiled| {
            let ident = qr::digest(&world.document);
            let options = PdfOptions {
                ident: Smart::Custom(ident),
                creator: Smart::Custom(Some(format!("tsunagu {}", env!("CARGO_PKG_VERSION")))),
                timestamp: world.today.map(Timestamp::new_utc),
                standards: self.standards.clone(),
                ..PdfOptions::default()
            };
            typst_pdf::pdf(&compiled, &options).map_err(|errors| template_error(&errors))
        });
        evict();
        pdf
    }
}

/// Compiles a world, refusing a page with a blank box (a glyph no font has).
fn compile_world(world: &DocumentWorld<'_>) -> Result<PagedDocument, RenderError> {
    let value = &world.value;
    {
        let compiled = typst::compile::<PagedDocument>(world).output.map_err(|errors| template_error(&errors))?;
        match blank_glyph(&compiled, value) {
            Some(BlankGlyph::InData(pointer)) => Err(RenderError::MissingGlyph { pointer, codepoint: 0 }),
            Some(BlankGlyph::InForm) => {
                let message = "a character of the form's own text is not in the fonts".to_owned();
                Err(RenderError::Template { messages: vec![message] })
            }
            None => Ok(compiled),
        }
    }
}

/// What a document is compiled into: a PDF, or pages to look at (previews), which
/// print the same but carry no PDF metadata.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Output {
    Pdf,
    Pages,
}

/// Pages that are not one document, each with its own template.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Layout {
    /// The list of children (医療的ケア児一覧), A4 landscape.
    Roster,
}

impl Layout {
    pub const ALL: &'static [Layout] = &[Layout::Roster];

    fn path(self) -> &'static str {
        match self {
            Self::Roster => "/templates/roster.typ",
        }
    }

    fn source(self) -> &'static str {
        match self {
            Self::Roster => include_str!("../templates/roster.typ"),
        }
    }
}

/// Typst memoises across compilations; drop what the last few documents did not
/// use, so a long batch stays within bounded memory.
fn evict() {
    typst::comemo::evict(2);
}

fn pdf_options(document: &Document, date: Date, standards: PdfStandards) -> PdfOptions {
    PdfOptions {
        ident: Smart::Custom(document.id().to_string()),
        creator: Smart::Custom(Some(format!("tsunagu {}", env!("CARGO_PKG_VERSION")))),
        timestamp: Datetime::from_ymd(date.year(), date.month(), date.day()).map(Timestamp::new_utc),
        standards,
        ..PdfOptions::default()
    }
}

fn template_error(errors: &[SourceDiagnostic]) -> RenderError {
    let messages = errors
        .iter()
        .filter(|d| d.severity == TypstSeverity::Error)
        .map(|d| {
            let hints: Vec<String> = d.hints.iter().map(|h| redact_quoted(&h.v)).collect();
            let message = redact_quoted(&d.message);
            if hints.is_empty() { message } else { format!("{message} ({})", hints.join("; ")) }
        })
        .collect();
    RenderError::Template { messages }
}

/// Typst and the PDF writer quote the text they fail on (`…` or "…"), and that
/// text can be the document's; the quoted part is left out of our messages.
fn redact_quoted(message: &str) -> String {
    let mut out = String::with_capacity(message.len());
    let mut open: Option<char> = None;
    for c in message.chars() {
        match open {
            Some(quote) if c == quote => {
                out.push('…');
                out.push(c);
                open = None;
            }
            Some(_) => {}
            None if c == '`' || c == '"' => {
                out.push(c);
                open = Some(c);
            }
            None => out.push(c),
        }
    }
    if open.is_some() {
        out.push('…');
    }
    out
}

/// The first character in the document that must not or cannot be printed.
fn first_unprintable(fonts: &Fonts, value: &serde_json::Value) -> Option<RenderError> {
    find_string(value, &mut |pointer, text| {
        let c = text.chars().find(|&c| Forbidden::of(c).is_some() || !fonts.covers(c))?;
        let (pointer, codepoint) = (pointer.to_owned(), u32::from(c));
        Some(if Forbidden::of(c).is_some() {
            RenderError::ForbiddenCharacter { pointer, codepoint }
        } else {
            RenderError::MissingGlyph { pointer, codepoint }
        })
    })
}

/// Where a laid-out glyph 0 (".notdef", the blank box) came from.
enum BlankGlyph {
    /// A field of the document, by JSON Pointer.
    InData(String),
    /// The form's own text.
    InForm,
}

/// A safety net behind the coverage check: a blank box anywhere on a page.
fn blank_glyph(document: &PagedDocument, value: &serde_json::Value) -> Option<BlankGlyph> {
    fn walk(frame: &typst::layout::Frame) -> Option<String> {
        frame.items().find_map(|(_, item)| match item {
            typst::layout::FrameItem::Group(group) => walk(&group.frame),
            typst::layout::FrameItem::Text(text) if text.glyphs.iter().any(|g| g.id == 0) => {
                Some(text.text.to_string())
            }
            _ => None,
        })
    }
    let text = document.pages().iter().find_map(|page| walk(&page.frame))?;
    let needle = text.trim();
    if needle.is_empty() {
        return Some(BlankGlyph::InForm);
    }
    Some(
        find_string(value, &mut |pointer, field| field.contains(needle).then(|| pointer.to_owned()))
            .map_or(BlankGlyph::InForm, BlankGlyph::InData),
    )
}

/// A document laid out as it will print, for a live preview: its pages are drawn one at
/// a time, so the page in view can be shown before the others are drawn.
#[cfg(feature = "svg")]
#[derive(Debug, Clone)]
pub struct Preview {
    compiled: PagedDocument,
    /// Where the text asked for first prints.
    pub focus: Option<Focus>,
}

#[cfg(feature = "svg")]
impl Preview {
    /// How many pages the document prints on.
    pub fn page_count(&self) -> usize {
        self.compiled.pages().len()
    }

    /// A page (from 0) as an SVG image; `None` past the last page.
    pub fn page_svg(&self, index: usize) -> Option<String> {
        let page = self.compiled.pages().get(index)?;
        Some(typst_svg::svg(page, &typst_svg::SvgOptions::default()))
    }

    /// A page (from 0) as commands for a 2D canvas, each glyph outline sent once per
    /// `glyphs` (see [`crate::drawing`]). `None` past the last page, or for a page the
    /// commands cannot draw exactly: draw that one from [`Preview::page_svg`].
    #[cfg(feature = "canvas")]
    pub fn page_drawing(&self, index: usize, glyphs: &mut crate::drawing::Glyphs) -> Option<crate::drawing::Drawing> {
        crate::drawing::draw_page(self.compiled.pages().get(index)?, glyphs)
    }
}

/// A place on a printed page.
#[cfg(feature = "svg")]
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Focus {
    /// The page, from 0.
    pub page: usize,
    /// The height on it, 0 at the top and 1 at the bottom.
    pub y: f64,
}

/// Where the text `needle` prints: the page and height (0 at the top, 1 at the bottom)
/// of the text run sharing the longest start with it (a run is one line at most, and
/// the text may follow a label on its line), the first such run on ties.
#[cfg(feature = "svg")]
fn locate(document: &PagedDocument, needle: &str) -> Option<Focus> {
    use typst::layout::{Frame, FrameItem, Point};
    fn shared_start(run: &str, needle: &[char]) -> usize {
        // How much of the needle's start the run holds, or how much of it the run is.
        // One shared character anywhere is chance; a run that is the needle's start is not
        // (a name split across fonts, 𠮷 | 田, is two runs).
        let held = (2..=needle.len()).rev().find(|&k| run.contains(&needle[..k].iter().collect::<String>()));
        let whole = run.chars().count();
        let is_start = whole >= 1 && needle.len() >= whole && run.chars().eq(needle[..whole].iter().copied());
        held.unwrap_or(0).max(if is_start { whole } else { 0 })
    }
    fn walk(
        frame: &Frame,
        origin: Point,
        needle: &[char],
        best: &mut (usize, f64),
        page: usize,
        out: &mut Option<usize>,
    ) {
        for (position, item) in frame.items() {
            let at = origin + *position;
            match item {
                FrameItem::Group(group) => walk(&group.frame, at, needle, best, page, out),
                FrameItem::Text(text) => {
                    let score = shared_start(&text.text, needle);
                    if score > best.0 {
                        *best = (score, at.y.to_pt());
                        *out = Some(page);
                    }
                }
                _ => {}
            }
        }
    }
    let needle: Vec<char> = needle.lines().next().unwrap_or(needle).chars().take(24).collect();
    let mut best = (0, 0.0);
    let mut found = None;
    for (index, page) in document.pages().iter().enumerate() {
        walk(&page.frame, Point::zero(), &needle, &mut best, index, &mut found);
    }
    let page = found?;
    let height = document.pages()[page].frame.height().to_pt();
    Some(Focus { page, y: (best.1 / height).clamp(0.0, 1.0) })
}

/// The world one document is compiled in.
struct DocumentWorld<'a> {
    renderer: &'a Renderer,
    /// The renderer's fonts with the fallback chunks this document needs, if it needs any.
    fallback: Option<Fonts>,
    main: FileId,
    view: Bytes,
    labels: Bytes,
    qr: Bytes,
    document: Bytes,
    today: Option<Datetime>,
    /// The document as JSON, to name the field behind a blank glyph.
    value: serde_json::Value,
}

impl DocumentWorld<'_> {
    fn fonts(&self) -> &Fonts {
        self.fallback.as_ref().unwrap_or(&self.renderer.fonts)
    }
}

impl World for DocumentWorld<'_> {
    fn library(&self) -> &LazyHash<Library> {
        &self.renderer.library
    }

    fn book(&self) -> &LazyHash<FontBook> {
        &self.fonts().book
    }

    fn main(&self) -> FileId {
        self.main
    }

    fn source(&self, id: FileId) -> FileResult<Source> {
        self.renderer.source(id).cloned().ok_or_else(|| not_found(id))
    }

    fn file(&self, id: FileId) -> FileResult<Bytes> {
        if id == self.renderer.view_id {
            Ok(self.view.clone())
        } else if id == self.renderer.labels_id {
            Ok(self.labels.clone())
        } else if id == self.renderer.qr_id {
            Ok(self.qr.clone())
        } else if id == self.renderer.document_id {
            Ok(self.document.clone())
        } else {
            // Nothing else exists: no file system, no packages.
            self.source(id).map(|source| Bytes::from_string(source.text().to_owned()))
        }
    }

    fn font(&self, index: usize) -> Option<Font> {
        self.fonts().faces.get(index).cloned()
    }

    fn today(&self, _offset: Option<typst::foundations::Duration>) -> Option<Datetime> {
        self.today
    }
}

fn not_found(id: FileId) -> FileError {
    FileError::NotFound(id.vpath().get_without_slash().into())
}

#[cfg(test)]
mod tests {
    use super::redact_quoted;

    #[test]
    fn quoted_text_is_left_out_of_messages() {
        assert_eq!(
            redact_quoted("the text `秘密` could not be displayed with \"Font\""),
            "the text `…` could not be displayed with \"…\""
        );
        assert_eq!(redact_quoted("unclosed `秘密"), "unclosed `…");
        assert_eq!(redact_quoted("plain message"), "plain message");
    }
}
