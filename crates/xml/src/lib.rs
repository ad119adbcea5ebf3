//! The XML form of tsunagu documents, for partner systems that exchange XML.
//!
//! The mapping is mechanical and guided by the JSON Schema, so it is lossless
//! both ways and needs no second schema to keep in step:
//!
//! - the root element is the kind (`<instruction>`), in the namespace
//!   [`NAMESPACE`], which carries the format version;
//! - an object field is a child element of the same name, in schema order;
//! - a list is an element whose children are `<item>` elements;
//! - a string, number or boolean is the element's text (`true` / `false`);
//! - `extensions` holds its JSON as text (its keys need not be XML names);
//! - `$schema`, if present, is the root's `jsonSchema` attribute.
//!
//! Reading refuses what XML parsers are attacked with: DOCTYPE declarations
//! (so no entity expansion and no external entities), undefined entities, deep
//! nesting, oversized input and oversized attributes. A structural mistake
//! (an unknown element, text where a number belongs) is kept as it is and
//! reported by the validator, with the same codes and pointers as JSON.

mod read;
mod write;

pub use read::{XmlError, from_xml};
pub use write::to_xml;

/// The XML namespace of format 1.0.
pub const NAMESPACE: &str = "https://tsunagu-jp.github.io/tsunagu/xml/1.0";

/// The largest XML document read, in bytes.
pub const MAX_XML_BYTES: usize = 2 * tsunagu_model::MAX_DOCUMENT_BYTES;

/// The deepest element nesting read.
pub const MAX_XML_DEPTH: usize = tsunagu_model::MAX_DEPTH;

/// The longest attribute value read, in bytes.
pub const MAX_ATTRIBUTE_BYTES: usize = 1024;
