//! JSON document → XML.

use quick_xml::Writer;
use quick_xml::events::{BytesDecl, BytesEnd, BytesStart, BytesText, Event};
use serde_json::Value;
use tsunagu_model::Kind;

use crate::NAMESPACE;
use crate::read::XmlError;

/// Writes a document (a JSON object of the given kind) as XML.
///
/// Fails only for text XML 1.0 cannot carry (control characters other than
/// tab, line feed and carriage return), naming the field.
pub fn to_xml(kind: Kind, document: &Value) -> Result<String, XmlError> {
    if let Some(pointer) = unrepresentable(document) {
        return Err(XmlError::Unrepresentable { pointer });
    }
    let mut xml = Writer::new_with_indent(Vec::new(), b' ', 2);
    // Writing to a Vec cannot fail.
    let _ = write_document(&mut xml, kind, document);
    let mut text = String::from_utf8(xml.into_inner()).unwrap_or_default();
    text.push('\n');
    Ok(text)
}

/// The first string with a character XML 1.0 cannot hold, as a JSON Pointer.
fn unrepresentable(value: &Value) -> Option<String> {
    let bad =
        |c: char| matches!(c, '\u{0}'..='\u{8}' | '\u{B}' | '\u{C}' | '\u{E}'..='\u{1F}' | '\u{FFFE}' | '\u{FFFF}');
    tsunagu_model::find_string(value, &mut |pointer, text| text.contains(bad).then(|| pointer.to_owned()))
}

fn write_document(xml: &mut Writer<Vec<u8>>, kind: Kind, document: &Value) -> std::io::Result<()> {
    xml.write_event(Event::Decl(BytesDecl::new("1.0", Some("UTF-8"), None)))?;
    let mut root = BytesStart::new(kind.as_str());
    root.push_attribute(("xmlns", NAMESPACE));
    if let Some(schema) = document.get("$schema").and_then(Value::as_str) {
        root.push_attribute(("jsonSchema", schema));
    }
    xml.write_event(Event::Start(root))?;
    if let Some(object) = document.as_object() {
        for (key, value) in object.iter().filter(|(key, _)| *key != "$schema") {
            write_field(xml, key, value)?;
        }
    }
    xml.write_event(Event::End(BytesEnd::new(kind.as_str())))
}

fn write_field(xml: &mut Writer<Vec<u8>>, name: &str, value: &Value) -> std::io::Result<()> {
    match value {
        Value::Object(object) if name == "extensions" => {
            let json = serde_json::to_string(object).unwrap_or_default();
            text_element(xml, name, &json)
        }
        Value::Object(object) => {
            xml.write_event(Event::Start(BytesStart::new(name)))?;
            for (key, value) in object {
                write_field(xml, key, value)?;
            }
            xml.write_event(Event::End(BytesEnd::new(name)))
        }
        Value::Array(items) if items.is_empty() => xml.write_event(Event::Empty(BytesStart::new(name))),
        Value::Array(items) => {
            xml.write_event(Event::Start(BytesStart::new(name)))?;
            for item in items {
                write_field(xml, "item", item)?;
            }
            xml.write_event(Event::End(BytesEnd::new(name)))
        }
        Value::String(text) => text_element(xml, name, text),
        Value::Number(number) => text_element(xml, name, &number.to_string()),
        Value::Bool(flag) => text_element(xml, name, if *flag { "true" } else { "false" }),
        Value::Null => xml.write_event(Event::Empty(BytesStart::new(name))),
    }
}

fn text_element(xml: &mut Writer<Vec<u8>>, name: &str, text: &str) -> std::io::Result<()> {
    xml.write_event(Event::Start(BytesStart::new(name)))?;
    xml.write_event(Event::Text(BytesText::from_escaped(escape(text))))?;
    xml.write_event(Event::End(BytesEnd::new(name)))
}

/// Escapes markup, and carriage returns too: a reader would otherwise turn
/// them into line feeds (XML 1.0 §2.11) and the round trip would lose them.
fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '\r' => out.push_str("&#xD;"),
            c => out.push(c),
        }
    }
    out
}
