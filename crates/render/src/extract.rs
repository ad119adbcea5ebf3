//! Getting the document's JSON back out of a tsunagu PDF.

use std::fmt;

use lopdf::{Dictionary, Object};
use tsunagu_model::{MAX_DOCUMENT_BYTES, Message};

use crate::ATTACHMENT_NAME;

/// The largest PDF read, in bytes. Our PDFs are a few hundred kilobytes.
pub const MAX_PDF_BYTES: usize = 64 * 1024 * 1024;

/// Why no document could be had from a PDF.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ExtractError {
    /// Not a PDF, or a damaged or truncated one.
    NotPdf,
    /// Larger than [`MAX_PDF_BYTES`].
    TooLarge,
    /// A PDF, but it carries no tsunagu document.
    NoAttachment,
    /// The attachment is larger than a document may be, or cannot be decoded.
    BadAttachment,
}

impl ExtractError {
    /// What went wrong, in Japanese and English.
    pub fn message(&self) -> Message {
        match self {
            Self::NotPdf => Message::fixed(
                "PDF として読めません (壊れているか途中までしかありません)",
                "not a readable PDF (damaged or truncated)",
            ),
            Self::TooLarge => Message::fixed("PDF が大きすぎます", "the PDF is too large"),
            Self::NoAttachment => Message::fixed(
                "tsunagu の文書が添付されていない PDF です",
                "the PDF carries no tsunagu document (no attachment named tsunagu-document.json)",
            ),
            Self::BadAttachment => Message::fixed(
                "添付された文書が大きすぎるか、復号できません",
                "the attached document is too large or cannot be decoded",
            ),
        }
    }
}

impl fmt::Display for ExtractError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message().en)
    }
}

impl std::error::Error for ExtractError {}

/// The attached JSON, as bytes (validate it with `tsunagu_model::validate`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExtractedData {
    pub json: Vec<u8>,
}

/// Finds the tsunagu attachment in a PDF.
pub fn extract_attachment(pdf: &[u8]) -> Result<ExtractedData, ExtractError> {
    if pdf.len() > MAX_PDF_BYTES {
        return Err(ExtractError::TooLarge);
    }
    if !pdf.starts_with(b"%PDF-") {
        return Err(ExtractError::NotPdf);
    }
    let document = lopdf::Document::load_mem(pdf).map_err(|_| ExtractError::NotPdf)?;
    let catalog = document.catalog().map_err(|_| ExtractError::NotPdf)?;
    let names = deref_dict(&document, catalog.get(b"Names").ok()).ok_or(ExtractError::NoAttachment)?;
    let tree = deref_dict(&document, names.get(b"EmbeddedFiles").ok()).ok_or(ExtractError::NoAttachment)?;
    let mut budget = MAX_NAME_TREE_NODES;
    let spec =
        find_name(&document, tree, ATTACHMENT_NAME.as_bytes(), 0, &mut budget).ok_or(ExtractError::NoAttachment)?;
    let embedded = deref_dict(&document, spec.get(b"EF").ok()).ok_or(ExtractError::BadAttachment)?;
    let stream_ref = embedded.get(b"F").map_err(|_| ExtractError::BadAttachment)?;
    let stream = match stream_ref {
        Object::Reference(id) => document.get_object(*id).and_then(Object::as_stream),
        other => other.as_stream(),
    }
    .map_err(|_| ExtractError::BadAttachment)?;
    // Check the declared size before inflating, so a forged attachment cannot balloon.
    if let Ok(Object::Dictionary(params)) = stream.dict.get(b"Params")
        && let Ok(Object::Integer(size)) = params.get(b"Size")
        && usize::try_from(*size).map_or(true, |size| size > MAX_DOCUMENT_BYTES)
    {
        return Err(ExtractError::BadAttachment);
    }
    // Inflate with a cap: a forged attachment must not balloon in memory.
    let json = stream.get_plain_content_with_limit(MAX_DOCUMENT_BYTES + 1).map_err(|_| ExtractError::BadAttachment)?;
    if json.len() > MAX_DOCUMENT_BYTES {
        return Err(ExtractError::BadAttachment);
    }
    Ok(ExtractedData { json })
}

fn deref_dict<'a>(document: &'a lopdf::Document, object: Option<&'a Object>) -> Option<&'a Dictionary> {
    match object? {
        Object::Reference(id) => document.get_dictionary(*id).ok(),
        Object::Dictionary(dict) => Some(dict),
        _ => None,
    }
}

/// How many name-tree nodes a lookup visits at most: a forged tree whose kids
/// point back at themselves must not make the walk exponential.
const MAX_NAME_TREE_NODES: usize = 1024;

/// Looks a name up in a PDF name tree, bounded in depth and in nodes visited.
fn find_name<'a>(
    document: &'a lopdf::Document,
    node: &'a Dictionary,
    name: &[u8],
    depth: usize,
    budget: &mut usize,
) -> Option<&'a Dictionary> {
    if depth > 16 || *budget == 0 {
        return None;
    }
    *budget -= 1;
    if let Ok(Object::Array(names)) = node.get(b"Names") {
        for pair in names.chunks(2) {
            if let [Object::String(key, _), value] = pair
                && key.as_slice() == name
            {
                return deref_dict(document, Some(value));
            }
        }
    }
    if let Ok(Object::Array(kids)) = node.get(b"Kids") {
        for kid in kids {
            if let Some(kid) = deref_dict(document, Some(kid))
                && let Some(found) = find_name(document, kid, name, depth + 1, budget)
            {
                return Some(found);
            }
        }
    }
    None
}

/// The QR payload a tsunagu PDF declares in its metadata (document keywords).
pub fn declared_payload(pdf: &[u8]) -> Option<String> {
    if pdf.len() > MAX_PDF_BYTES {
        return None;
    }
    let document = lopdf::Document::load_mem(pdf).ok()?;
    let info = deref_dict(&document, document.trailer.get(b"Info").ok())?;
    let keywords = match info.get(b"Keywords").ok()? {
        Object::String(bytes, _) => decode_text_string(bytes),
        _ => return None,
    };
    keywords.split([',', ';']).map(str::trim).find(|k| k.starts_with("tsunagu:")).map(str::to_owned)
}

/// PDF text strings are PDFDocEncoding (ASCII for our payload) or UTF-16BE with a BOM.
fn decode_text_string(bytes: &[u8]) -> String {
    if let Some(utf16) = bytes.strip_prefix(&[0xFE, 0xFF]) {
        let units: Vec<u16> = utf16.chunks_exact(2).map(|c| u16::from_be_bytes([c[0], c[1]])).collect();
        String::from_utf16_lossy(&units)
    } else {
        String::from_utf8_lossy(bytes).into_owned()
    }
}
