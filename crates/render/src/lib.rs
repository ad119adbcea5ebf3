//! PDF rendering of tsunagu documents through Typst, embedded as a library.
//!
//! A [`Renderer`] is made once (fonts parsed, templates loaded) and renders
//! any number of documents. Each PDF is PDF/A-3 with the document's canonical
//! JSON attached, so the paper form and the data travel as one file, and the
//! same document always gives the same bytes.
//!
//! Document data reaches Typst only as a JSON file the templates read with
//! `json()`: never as markup.

#[cfg(feature = "canvas")]
pub mod drawing;
mod extract;
mod fallback_index;
mod fonts;
mod gothic_index;
mod qr;
mod view;
mod world;

pub use extract::{ExtractError, ExtractedData, MAX_PDF_BYTES, declared_payload, extract_attachment};
#[cfg(feature = "embedded-fonts")]
pub use fonts::{EMBEDDED_FONT_FILES, embedded_piece};
pub use fonts::{FontError, Fonts};
pub use qr::{digest, payload};
pub use world::{Extras, Layout, Page, RenderError, RenderOptions, Renderer};
#[cfg(feature = "svg")]
pub use world::{Focus, Preview};

/// The file name of the JSON attached to every PDF.
pub const ATTACHMENT_NAME: &str = "tsunagu-document.json";
