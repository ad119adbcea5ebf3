//! XML → JSON document, refusing hostile XML.

use std::fmt;

use quick_xml::Reader;
use quick_xml::events::Event;
use serde_json::{Map, Number, Value};
use tsunagu_model::{Kind, Message, SchemaSet, parse_json};

use crate::{MAX_ATTRIBUTE_BYTES, MAX_XML_BYTES, MAX_XML_DEPTH, NAMESPACE};

/// Why XML was refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum XmlError {
    /// Larger than [`MAX_XML_BYTES`].
    TooLarge,
    /// Elements nested deeper than [`MAX_XML_DEPTH`].
    TooDeep,
    /// A DOCTYPE declaration: refused, so no entity can be defined or fetched.
    Doctype,
    /// A reference to an entity that is not one of XML's five.
    UndefinedEntity,
    /// An attribute longer than [`MAX_ATTRIBUTE_BYTES`].
    AttributeTooLarge,
    /// The root element is not a document kind in the tsunagu namespace.
    NotTsunagu,
    /// Not well-formed XML (with the byte offset where reading stopped).
    Malformed { position: u64 },
    /// A field holds text XML 1.0 cannot carry (writing only).
    Unrepresentable { pointer: String },
    /// Content the XML form has no place for, which would otherwise be lost:
    /// text inside a list or group element, or attributes below the root.
    Unexpected { element: String },
}

impl XmlError {
    /// What went wrong, in Japanese and English.
    pub fn message(&self) -> Message {
        let kinds = |separator: &str| Kind::ALL.iter().map(|kind| kind.as_str()).collect::<Vec<_>>().join(separator);
        match self {
            Self::TooLarge => Message::new(
                format!("XML が大きすぎます (上限 {MAX_XML_BYTES} バイト)"),
                format!("XML too large (limit {MAX_XML_BYTES} bytes)"),
            ),
            Self::TooDeep => Message::new(
                format!("XML の入れ子が深すぎます (上限 {MAX_XML_DEPTH})"),
                format!("XML nested too deep (limit {MAX_XML_DEPTH})"),
            ),
            Self::Doctype => Message::fixed(
                "DOCTYPE 宣言は使えません (実体の定義・外部参照を防ぐため)",
                "DOCTYPE declarations are not allowed (they can define or fetch entities)",
            ),
            Self::UndefinedEntity => Message::fixed(
                "定義されていない実体参照があります",
                "undefined entity reference (only &lt; &gt; &amp; &apos; &quot; and character references)",
            ),
            Self::AttributeTooLarge => Message::new(
                format!("属性が長すぎます (上限 {MAX_ATTRIBUTE_BYTES} バイト)"),
                format!("attribute too large (limit {MAX_ATTRIBUTE_BYTES} bytes)"),
            ),
            Self::NotTsunagu => Message::new(
                format!("tsunagu の文書ではありません (ルート要素は名前空間 {NAMESPACE} の {})", kinds("・")),
                format!("not a tsunagu document: the root must be one of {} in namespace {NAMESPACE}", kinds(", ")),
            ),
            Self::Malformed { position } => Message::new(
                format!("XML の構文が正しくありません ({position} バイト目付近)"),
                format!("malformed XML near byte {position}"),
            ),
            Self::Unrepresentable { pointer } => Message::new(
                format!("{pointer}: XML 1.0 で表せない制御文字があります"),
                format!("{pointer}: contains a control character that XML 1.0 cannot carry"),
            ),
            Self::Unexpected { element } => Message::new(
                format!("<{element}> に書式にない文字列又は属性があります (失われるため受け付けません)"),
                format!("<{element}> holds text or attributes the format has no place for (they would be lost)"),
            ),
        }
    }
}

impl fmt::Display for XmlError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message().en)
    }
}

impl std::error::Error for XmlError {}

/// A parsed element: name, text and children, in order.
struct Element {
    name: String,
    attributes: Vec<(String, String)>,
    text: String,
    children: Vec<Element>,
}

/// Reads a tsunagu XML document into its JSON form (which still needs validating).
pub fn from_xml(xml: &[u8]) -> Result<(Kind, Value), XmlError> {
    if xml.len() > MAX_XML_BYTES {
        return Err(XmlError::TooLarge);
    }
    let text = std::str::from_utf8(xml).map_err(|e| XmlError::Malformed { position: e.valid_up_to() as u64 })?;
    let root = parse(text)?;
    let kind = Kind::parse(&root.name).ok_or(XmlError::NotTsunagu)?;
    let namespace = root.attributes.iter().find(|(k, _)| k == "xmlns").map(|(_, v)| v.as_str());
    if namespace != Some(NAMESPACE) {
        return Err(XmlError::NotTsunagu);
    }
    let schema = SchemaSet::get().schema(kind);
    check_no_stray_content(&root, true)?;
    let mut value = object(&root, schema, schema);
    // The root names the kind; a <kind> inside that says otherwise is refused, not guessed at.
    if value.get("kind").and_then(Value::as_str).is_some_and(|inner| inner != kind.as_str()) {
        return Err(XmlError::NotTsunagu);
    }
    if let (Some(uri), Value::Object(map)) =
        (root.attributes.iter().find(|(k, _)| k == "jsonSchema").map(|(_, v)| v.clone()), &mut value)
    {
        let mut with_schema = Map::new();
        with_schema.insert("$schema".into(), Value::String(uri));
        with_schema.extend(std::mem::take(map));
        *map = with_schema;
    }
    Ok((kind, value))
}

fn parse(text: &str) -> Result<Element, XmlError> {
    let mut reader = Reader::from_str(text);
    let mut stack: Vec<Element> = Vec::new();
    let mut root = None;
    loop {
        let event = reader.read_event().map_err(|_| XmlError::Malformed { position: reader.buffer_position() })?;
        match event {
            Event::DocType(_) => return Err(XmlError::Doctype),
            Event::Start(start) | Event::Empty(start) if root.is_some() => {
                let _ = start;
                return Err(XmlError::Malformed { position: reader.buffer_position() });
            }
            Event::Start(start) => {
                if stack.len() >= MAX_XML_DEPTH {
                    return Err(XmlError::TooDeep);
                }
                stack.push(element(&start, reader.buffer_position())?);
            }
            Event::Empty(start) => {
                let element = element(&start, reader.buffer_position())?;
                match stack.last_mut() {
                    Some(parent) => parent.children.push(element),
                    None => root = Some(element),
                }
            }
            Event::End(_) => {
                let element = stack.pop().ok_or(XmlError::Malformed { position: reader.buffer_position() })?;
                match stack.last_mut() {
                    Some(parent) => parent.children.push(element),
                    None => root = Some(element),
                }
            }
            Event::Text(text) => {
                if let Some(current) = stack.last_mut() {
                    current.text.push_str(&text.xml10_content());
                } else if !text.xml10_content().trim().is_empty() {
                    return Err(XmlError::Malformed { position: reader.buffer_position() });
                }
            }
            Event::CData(data) => {
                if let Some(current) = stack.last_mut() {
                    current.text.push_str(data.as_ref());
                }
            }
            Event::GeneralRef(reference) => {
                let resolved = match reference.resolve_char_ref() {
                    Ok(Some(c)) => c,
                    Ok(None) => match reference.as_ref() {
                        "lt" => '<',
                        "gt" => '>',
                        "amp" => '&',
                        "apos" => '\'',
                        "quot" => '"',
                        _ => return Err(XmlError::UndefinedEntity),
                    },
                    Err(_) => return Err(XmlError::UndefinedEntity),
                };
                if let Some(current) = stack.last_mut() {
                    current.text.push(resolved);
                }
            }
            Event::Eof => break,
            Event::Decl(_) | Event::Comment(_) | Event::PI(_) => {}
        }
    }
    if !stack.is_empty() {
        return Err(XmlError::Malformed { position: reader.buffer_position() });
    }
    root.ok_or(XmlError::Malformed { position: 0 })
}

fn element(start: &quick_xml::events::BytesStart<'_>, position: u64) -> Result<Element, XmlError> {
    let name = start.name().as_ref().to_owned();
    let mut attributes = Vec::new();
    for attribute in start.attributes() {
        let attribute = attribute.map_err(|_| XmlError::Malformed { position })?;
        if attribute.value.len() > MAX_ATTRIBUTE_BYTES {
            return Err(XmlError::AttributeTooLarge);
        }
        let key = attribute.key.as_ref().to_owned();
        let value = attribute
            .normalized_value(quick_xml::XmlVersion::Implicit1_0)
            .map_err(|_| XmlError::UndefinedEntity)?
            .into_owned();
        attributes.push((key, value));
    }
    Ok(Element { name, attributes, text: String::new(), children: Vec::new() })
}

/// Refuses what the mapping would drop: attributes below the root, and text
/// beside child elements (text belongs only in leaf elements).
fn check_no_stray_content(element: &Element, is_root: bool) -> Result<(), XmlError> {
    let stray_text = !element.children.is_empty() && !element.text.trim().is_empty();
    if (!is_root && !element.attributes.is_empty()) || stray_text {
        return Err(XmlError::Unexpected { element: element.name.clone() });
    }
    element.children.iter().try_for_each(|child| check_no_stray_content(child, false))
}

/// Follows `$ref`s.
fn resolve<'a>(node: &'a Value, root: &'a Value) -> &'a Value {
    let mut node = node;
    for _ in 0..8 {
        match node.get("$ref").and_then(Value::as_str).and_then(|r| r.strip_prefix("#/$defs/")) {
            Some(name) => node = root["$defs"].get(name).unwrap_or(&Value::Null),
            None => break,
        }
    }
    node
}

/// An element whose schema is an object: each child becomes a field.
fn object(element: &Element, schema: &Value, root: &Value) -> Value {
    let schema = resolve(schema, root);
    let mut map = Map::new();
    for child in &element.children {
        let property = schema.get("properties").and_then(|p| p.get(&child.name)).unwrap_or(&Value::Null);
        // A repeated element is kept as a list so the validator reports it, never silently dropped.
        let value = value(child, property, root);
        match map.get_mut(&child.name) {
            Some(Value::Array(existing)) if !is_array(property, root) => existing.push(value),
            Some(existing) => {
                let first = existing.take();
                *existing = Value::Array(vec![first, value]);
            }
            None => {
                map.insert(child.name.clone(), value);
            }
        }
    }
    Value::Object(map)
}

fn is_array(schema: &Value, root: &Value) -> bool {
    resolve(schema, root).get("type").and_then(Value::as_str) == Some("array")
}

/// One element's value, typed by its schema. Anything that does not fit is kept
/// as text, so the schema reports it with its pointer.
fn value(element: &Element, schema: &Value, root: &Value) -> Value {
    let resolved = resolve(schema, root);
    let kind = resolved.get("type").and_then(Value::as_str);
    let text = element.text.as_str();
    if element.name == "extensions" && element.children.is_empty() {
        return parse_json(text.as_bytes()).unwrap_or_else(|_| Value::String(text.to_owned()));
    }
    // Text where a list or group belongs is kept as text, so the validator
    // reports a type error at this field instead of the text vanishing.
    if matches!(kind, Some("array" | "object")) && element.children.is_empty() && !text.trim().is_empty() {
        return Value::String(text.to_owned());
    }
    match kind {
        Some("array") => {
            let items = resolved.get("items").unwrap_or(&Value::Null);
            Value::Array(element.children.iter().map(|child| value(child, items, root)).collect())
        }
        Some("object") => object(element, resolved, root),
        Some("integer" | "number") => number(text).unwrap_or_else(|| Value::String(text.to_owned())),
        Some("boolean") => match text {
            "true" => Value::Bool(true),
            "false" => Value::Bool(false),
            _ => Value::String(text.to_owned()),
        },
        _ if !element.children.is_empty() => object(element, resolved, root),
        _ => Value::String(text.to_owned()),
    }
}

fn number(text: &str) -> Option<Value> {
    if let Ok(integer) = text.parse::<i64>() {
        return Some(Value::Number(integer.into()));
    }
    let float: f64 = text.parse().ok()?;
    // Only JSON number syntax: Rust also accepts "inf", "NaN" and "+1".
    if text.starts_with('+')
        || !float.is_finite()
        || text.chars().any(|c| c.is_ascii_alphabetic() && c != 'e' && c != 'E')
    {
        return None;
    }
    Number::from_f64(float).map(Value::Number)
}
