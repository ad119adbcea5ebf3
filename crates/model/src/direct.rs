//! The direct route: the typed document is read straight from the text while
//! the schema, compiled for it, checks every value as it goes by. One pass,
//! nothing built but the document itself; then the rules, as on the full route.
//!
//! It answers only for documents it proves pass the schema and the character
//! rule. On anything else (a schema error, a keyword it does not compile, a
//! refused character, a duplicate key) it steps aside and [`crate::validate`]
//! takes the full route through `jsonschema`, which names every problem. So
//! the two routes must give the same report wherever this one answers; the
//! differential tests (`tests/model/direct.rs`) and the `validate` fuzz target
//! hold them to that.

use std::fmt;

use regex::Regex;
use serde::de::value::{BorrowedStrDeserializer, StrDeserializer, StringDeserializer};
use serde::de::{self, Deserialize, DeserializeSeed, Deserializer, MapAccess, SeqAccess, Visitor};
use serde_json::{Map, Value};

use crate::documents::{Assessment, Consent, Document, InstructionSheet, Kind};
use crate::json::{MAX_DEPTH, MAX_DOCUMENT_BYTES};
use crate::rules;
use crate::schema::SchemaSet;
use crate::text;
use crate::validate::{Report, sort};

/// The report of a document proven to pass the schema, or `None` to take the full route.
pub(crate) fn validate(bytes: &[u8]) -> Option<Report> {
    if bytes.len() > MAX_DOCUMENT_BYTES || bytes.starts_with(b"\xEF\xBB\xBF") {
        return None;
    }
    // Checked once for the whole text, so no string is checked again on its own.
    let text = simdutf8::basic::from_utf8(bytes).ok()?;
    // Only a guess of which type to read: the typed read checks `kind` itself.
    let kind = guess_kind(text)?;
    let schema = SchemaSet::get().compiled(kind)?;
    let document = match kind {
        Kind::Instruction => Document::Instruction(Box::new(read::<InstructionSheet>(text, schema)?)),
        Kind::Assessment => Document::Assessment(Box::new(read::<Assessment>(text, schema)?)),
        Kind::Consent => Document::Consent(Box::new(read::<Consent>(text, schema)?)),
    };
    let mut diagnostics = rules::check(&document);
    sort(&mut diagnostics);
    Some(Report { kind: Some(kind), diagnostics, document: Some(document) })
}

fn read<'de, T: Deserialize<'de>>(text: &'de str, schema: &CompiledSchema) -> Option<T> {
    let mut deserializer = serde_json::Deserializer::from_str(text);
    let at = At { schema, node: schema.root(), depth: 0 };
    let value = T::deserialize(Checked { inner: &mut deserializer, at }).ok()?;
    deserializer.end().ok()?;
    Some(value)
}

/// The value of the first `"kind"` key that names a document kind (a
/// facility's `kind`, if it comes first, names a facility kind and is passed over).
fn guess_kind(text: &str) -> Option<Kind> {
    text.match_indices("\"kind\"").find_map(|(at, key)| {
        let after = text[at + key.len()..].trim_start().strip_prefix(':')?.trim_start().strip_prefix('"')?;
        Kind::parse(&after[..after.find('"')?])
    })
}

/// A schema keyword the direct route does not check (so it never answers for that kind).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Unsupported(pub(crate) String);

/// A schema compiled for checking values while they are read.
#[derive(Debug)]
pub(crate) struct CompiledSchema {
    nodes: Vec<Node>,
}

const NULL: u8 = 1;
const BOOLEAN: u8 = 1 << 1;
const INTEGER: u8 = 1 << 2;
const NUMBER: u8 = 1 << 3;
const STRING: u8 = 1 << 4;
const ARRAY: u8 = 1 << 5;
const OBJECT: u8 = 1 << 6;
const ANY: u8 = NULL | BOOLEAN | INTEGER | NUMBER | STRING | ARRAY | OBJECT;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Format {
    Date,
    Uuid,
}

/// What one subschema allows. Absent keywords allow anything, as in JSON Schema.
#[derive(Debug)]
struct Node {
    types: u8,
    /// `const`, `enum`, or a `oneOf` of distinct string constants.
    allowed: Option<Names>,
    min_length: usize,
    max_length: usize,
    pattern: Option<Regex>,
    format: Option<Format>,
    minimum: Option<f64>,
    maximum: Option<f64>,
    items: Option<usize>,
    min_items: usize,
    max_items: usize,
    properties: Names,
    /// The subschema of each property, in the order of `properties`.
    property_nodes: Vec<usize>,
    /// One bit per entry of `properties`.
    required: u64,
    additional: bool,
    property_names: Option<usize>,
}

impl Node {
    /// Allows anything, like the schema `true`.
    const fn any() -> Self {
        Self {
            types: ANY,
            allowed: None,
            min_length: 0,
            max_length: usize::MAX,
            pattern: None,
            format: None,
            minimum: None,
            maximum: None,
            items: None,
            min_items: 0,
            max_items: usize::MAX,
            properties: Names::new(),
            property_nodes: Vec::new(),
            required: 0,
            additional: true,
            property_names: None,
        }
    }
}

/// A set of strings, each with a fingerprint (its length and first bytes)
/// compared before its bytes, so a lookup rarely compares more than one string.
#[derive(Debug)]
struct Names {
    prints: Vec<u64>,
    names: Vec<String>,
}

impl Names {
    const fn new() -> Self {
        Self { prints: Vec::new(), names: Vec::new() }
    }

    fn push(&mut self, name: String) {
        self.prints.push(fingerprint(&name));
        self.names.push(name);
    }

    fn find(&self, text: &str) -> Option<usize> {
        self.find_from(0, text)
    }

    /// Looks at `start` first, then at the rest in order.
    #[inline]
    fn find_from(&self, start: usize, text: &str) -> Option<usize> {
        let print = fingerprint(text);
        let hit = |i: usize| self.prints[i] == print && same_tail(&self.names[i], text);
        if start < self.prints.len() && hit(start) {
            return Some(start);
        }
        (0..self.prints.len()).find(|&i| hit(i))
    }
}

/// Whether two strings with the same fingerprint are equal (the first six
/// bytes are): a byte loop, as names are short and a `memcmp` call is not.
#[inline]
fn same_tail(a: &str, b: &str) -> bool {
    a.len() == b.len() && (a.len() <= 6 || a.as_bytes()[6..].iter().zip(&b.as_bytes()[6..]).all(|(x, y)| x == y))
}

impl From<Vec<String>> for Names {
    fn from(names: Vec<String>) -> Self {
        let mut set = Self::new();
        for name in names {
            set.push(name);
        }
        set
    }
}

/// The length (low 16 bits kept) and the first six bytes.
#[inline]
fn fingerprint(text: &str) -> u64 {
    let bytes = text.as_bytes();
    let head = bytes.iter().take(6).enumerate().fold(0, |print, (i, &b)| print | u64::from(b) << (8 * i));
    head | (bytes.len() as u64 & 0xFFFF) << 48
}

/// Keywords that only describe.
const ANNOTATIONS: &[&str] =
    &["title", "description", "deprecated", "examples", "default", "$comment", "readOnly", "writeOnly"];

impl CompiledSchema {
    /// Compiles a schema whose keywords are all ones this module checks exactly.
    pub(crate) fn compile(schema: &Value) -> Result<Self, Unsupported> {
        let mut compiler = Compiler { root: schema, nodes: vec![Node::any()], definitions: Vec::new() };
        let root = schema.as_object().ok_or_else(|| Unsupported("a root that is not an object".into()))?;
        let node = compiler.node(root, &["$schema", "$id", "$defs"])?;
        compiler.nodes[0] = node;
        Ok(Self { nodes: compiler.nodes })
    }

    fn root(&self) -> &Node {
        &self.nodes[0]
    }
}

struct Compiler<'v> {
    root: &'v Value,
    nodes: Vec<Node>,
    /// `$defs` names already given a node (which may still be being compiled).
    definitions: Vec<(&'v str, usize)>,
}

impl<'v> Compiler<'v> {
    fn subschema(&mut self, schema: &'v Value) -> Result<usize, Unsupported> {
        let object = match schema {
            Value::Bool(true) => {
                self.nodes.push(Node::any());
                return Ok(self.nodes.len() - 1);
            }
            Value::Object(object) => object,
            _ => return Err(Unsupported(format!("subschema {schema}"))),
        };
        if let Some(reference) = object.get("$ref") {
            if let Some(key) = object.keys().find(|key| *key != "$ref" && !ANNOTATIONS.contains(&key.as_str())) {
                return Err(Unsupported(format!("{key} beside $ref")));
            }
            return self.definition(reference);
        }
        let node = self.node(object, &[])?;
        self.nodes.push(node);
        Ok(self.nodes.len() - 1)
    }

    fn definition(&mut self, reference: &'v Value) -> Result<usize, Unsupported> {
        let name = reference
            .as_str()
            .and_then(|r| r.strip_prefix("#/$defs/"))
            .filter(|name| !name.contains(['/', '~', '%']))
            .ok_or_else(|| Unsupported(format!("$ref {reference}")))?;
        if let Some(&(_, id)) = self.definitions.iter().find(|(known, _)| *known == name) {
            return Ok(id);
        }
        let target = self
            .root
            .get("$defs")
            .and_then(|defs| defs.get(name))
            .and_then(Value::as_object)
            .filter(|target| !target.contains_key("$ref"))
            .ok_or_else(|| Unsupported(format!("$ref {name}")))?;
        // The id is taken before compiling, so a definition may refer to itself.
        self.nodes.push(Node::any());
        let id = self.nodes.len() - 1;
        self.definitions.push((name, id));
        self.nodes[id] = self.node(target, &[])?;
        Ok(id)
    }

    fn node(&mut self, object: &'v Map<String, Value>, also_ignored: &[&str]) -> Result<Node, Unsupported> {
        let unsupported = |key: &str, value: &Value| Unsupported(format!("{key}: {value}"));
        let count = |key: &str, value: &Value| {
            value.as_u64().and_then(|n| usize::try_from(n).ok()).ok_or_else(|| unsupported(key, value))
        };
        let mut node = Node::any();
        let mut required = Vec::new();
        for (key, value) in object {
            match key.as_str() {
                key if ANNOTATIONS.contains(&key) || also_ignored.contains(&key) => {}
                "type" => node.types = types(value).ok_or_else(|| unsupported(key, value))?,
                // Each alone is a set of allowed strings; two together would be their
                // intersection, which is not worth compiling.
                "const" | "enum" | "oneOf" if node.allowed.is_some() => return Err(unsupported(key, value)),
                "const" => {
                    node.allowed = Some(Names::from(vec![string(value).ok_or_else(|| unsupported(key, value))?]));
                }
                "enum" => node.allowed = Some(Names::from(strings(value).ok_or_else(|| unsupported(key, value))?)),
                "oneOf" => {
                    node.allowed = Some(Names::from(string_constants(value).ok_or_else(|| unsupported(key, value))?));
                }
                "minLength" => node.min_length = count(key, value)?,
                "maxLength" => node.max_length = count(key, value)?,
                "pattern" => {
                    let pattern = value.as_str().ok_or_else(|| unsupported(key, value))?;
                    // Plain patterns only: where `regex` and ECMA-262 could read a class differently, refuse.
                    if !ecma_safe(pattern) {
                        return Err(unsupported(key, value));
                    }
                    node.pattern = Some(Regex::new(pattern).map_err(|_| unsupported(key, value))?);
                }
                "format" => {
                    node.format = Some(match value.as_str() {
                        Some("date") => Format::Date,
                        Some("uuid") => Format::Uuid,
                        _ => return Err(unsupported(key, value)),
                    });
                }
                "minimum" => node.minimum = Some(limit(value).ok_or_else(|| unsupported(key, value))?),
                "maximum" => node.maximum = Some(limit(value).ok_or_else(|| unsupported(key, value))?),
                "items" => node.items = Some(self.subschema(value)?),
                "minItems" => node.min_items = count(key, value)?,
                "maxItems" => node.max_items = count(key, value)?,
                "properties" => {
                    let properties = value.as_object().ok_or_else(|| unsupported(key, value))?;
                    if properties.len() > 64 {
                        return Err(unsupported(key, &Value::from(properties.len())));
                    }
                    for (name, schema) in properties {
                        let id = self.subschema(schema)?;
                        node.properties.push(name.clone());
                        node.property_nodes.push(id);
                    }
                }
                "required" => required = strings(value).ok_or_else(|| unsupported(key, value))?,
                "additionalProperties" => {
                    node.additional = value.as_bool().ok_or_else(|| unsupported(key, value))?;
                }
                "propertyNames" => node.property_names = Some(self.subschema(value)?),
                _ => return Err(unsupported(key, value)),
            }
        }
        // `propertyNames` applies to declared properties too; the keys are only checked against it
        // when they are not declared, so the two together are not compiled.
        if node.property_names.is_some() && !node.properties.names.is_empty() {
            return Err(Unsupported("propertyNames beside properties".into()));
        }
        for name in required {
            let Some(index) = node.properties.find(&name) else {
                return Err(Unsupported(format!("required {name} without a property schema")));
            };
            node.required |= 1 << index;
        }
        Ok(node)
    }
}

/// A numeric limit, if comparing any number with it in f64 gives JSON Schema's
/// exact answer: it must be representable and well inside 2^53, where a number
/// rounded to f64 cannot cross it.
fn limit(value: &Value) -> Option<f64> {
    let limit = value.as_f64()?;
    (limit.abs() < 4_503_599_627_370_496.0).then_some(limit)
}

fn types(value: &Value) -> Option<u8> {
    let one = |name: &str| {
        Some(match name {
            "null" => NULL,
            "boolean" => BOOLEAN,
            "integer" => INTEGER,
            "number" => NUMBER | INTEGER,
            "string" => STRING,
            "array" => ARRAY,
            "object" => OBJECT,
            _ => return None,
        })
    };
    match value {
        Value::String(name) => one(name),
        Value::Array(names) => names.iter().try_fold(0, |bits, name| Some(bits | one(name.as_str()?)?)),
        _ => None,
    }
}

fn string(value: &Value) -> Option<String> {
    value.as_str().map(str::to_owned)
}

fn strings(value: &Value) -> Option<Vec<String>> {
    value.as_array()?.iter().map(string).collect()
}

/// `oneOf` whose alternatives are each one distinct string (a vocabulary): the same as `enum`.
fn string_constants(value: &Value) -> Option<Vec<String>> {
    let mut constants: Vec<String> = Vec::new();
    for option in value.as_array()? {
        let object = option.as_object()?;
        let plain = object.iter().all(|(key, value)| {
            key == "const" || ANNOTATIONS.contains(&key.as_str()) || (key == "type" && value == "string")
        });
        let constant = string(object.get("const")?)?;
        if !plain || constants.contains(&constant) {
            return None;
        }
        constants.push(constant);
    }
    Some(constants)
}

/// Whether a pattern means the same to `regex` as to `jsonschema` (which reads
/// it as ECMA-262), judged plainly: literals, classes without nesting, groups,
/// alternation, anchors and counted repeats; escapes only of characters both
/// read as literals. Refused: `.` (ECMA's also refuses U+2028/9 and `\r`),
/// `\d` `\w` `\s` `\b` (their classes differ), `\<` `\>` (word boundaries to
/// `regex`), `(?` (lookaround, flags) and `regex`'s class set operators.
fn ecma_safe(pattern: &str) -> bool {
    const LITERAL_ESCAPES: &str = ".-+*?()[]{}|^$\\/";
    let mut chars = pattern.chars();
    let mut in_class = false;
    while let Some(c) = chars.next() {
        let plain = match c {
            '\\' => chars.next().is_some_and(|escaped| LITERAL_ESCAPES.contains(escaped)),
            '.' => in_class,
            '[' if in_class => false,
            '[' => {
                in_class = true;
                true
            }
            ']' => {
                in_class = false;
                true
            }
            _ => true,
        };
        if !plain {
            return false;
        }
    }
    !["(?", "&&", "~~", "--"].iter().any(|operator| pattern.contains(operator))
}

fn valid_date(text: &str) -> bool {
    let bytes = text.as_bytes();
    let digits = |range: std::ops::Range<usize>| {
        bytes[range].iter().try_fold(0_u32, |n, b| b.is_ascii_digit().then(|| n * 10 + u32::from(b - b'0')))
    };
    if bytes.len() != 10 || bytes[4] != b'-' || bytes[7] != b'-' {
        return false;
    }
    let (Some(year), Some(month), Some(day)) = (digits(0..4), digits(5..7), digits(8..10)) else {
        return false;
    };
    let leap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0);
    let days = match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if leap => 29,
        2 => 28,
        _ => return false,
    };
    (1..=days).contains(&day)
}

/// The hyphenated form only (8-4-4-4-12 hex digits), as JSON Schema's `uuid`.
fn valid_uuid(text: &str) -> bool {
    let bytes = text.as_bytes();
    bytes.len() == 36
        && bytes
            .iter()
            .enumerate()
            .all(|(i, b)| if matches!(i, 8 | 13 | 18 | 23) { *b == b'-' } else { b.is_ascii_hexdigit() })
}

/// Where a value is: its subschema and how deep it sits.
#[derive(Clone, Copy)]
struct At<'s> {
    schema: &'s CompiledSchema,
    node: &'s Node,
    depth: usize,
}

impl At<'_> {
    #[inline]
    fn to(self, id: usize) -> Self {
        Self { node: &self.schema.nodes[id], depth: self.depth + 1, ..self }
    }

    #[inline]
    fn any(self) -> Self {
        Self { node: &ANY_NODE, depth: self.depth + 1, ..self }
    }

    #[inline]
    fn check<E: de::Error>(ok: bool) -> Result<(), E> {
        // The message is never shown: the full route reports the problem.
        if ok { Ok(()) } else { Err(E::custom("not proven valid")) }
    }

    #[inline]
    fn scalar<E: de::Error>(self, bit: u8) -> Result<(), E> {
        Self::check(self.node.types & bit != 0 && self.node.allowed.is_none())
    }

    #[inline]
    fn number<E: de::Error>(self, value: f64, whole: bool) -> Result<(), E> {
        let node = self.node;
        let typed = node.types & NUMBER != 0 || (node.types & INTEGER != 0 && whole);
        // An integer beyond 2^53 may round on its way to f64, but rounding keeps
        // order, and limits are small (see `limit`), so no comparison flips.
        Self::check(
            typed
                && node.allowed.is_none()
                && node.minimum.is_none_or(|min| value >= min)
                && node.maximum.is_none_or(|max| value <= max),
        )
    }

    /// A string in a value position (keys are checked by [`At::key`]).
    #[inline]
    fn string<E: de::Error>(self, text: &str) -> Result<(), E> {
        Self::check(self.node.types & STRING != 0 && matches(self.node, text) && text::first_refused(text).is_none())
    }

    #[inline]
    fn enter<E: de::Error>(self, bit: u8) -> Result<(), E> {
        Self::check(self.node.types & bit != 0 && self.node.allowed.is_none() && self.depth < MAX_DEPTH)
    }
}

/// The string keywords of a subschema.
#[inline]
fn matches(node: &Node, text: &str) -> bool {
    // A character is one to four bytes, so the byte length often settles the count.
    let within = |count: usize| (node.min_length..=node.max_length).contains(&count);
    let length_ok =
        (text.len().div_ceil(4) >= node.min_length && text.len() <= node.max_length) || within(text.chars().count());
    length_ok
        && node.allowed.as_ref().is_none_or(|allowed| allowed.find(text).is_some())
        && node.pattern.as_ref().is_none_or(|pattern| pattern.is_match(text))
        && match node.format {
            None => true,
            Some(Format::Date) => valid_date(text),
            Some(Format::Uuid) => valid_uuid(text),
        }
}

static ANY_NODE: Node = Node::any();

/// A deserializer that checks every value it hands on against its subschema.
struct Checked<'s, D> {
    inner: D,
    at: At<'s>,
}

/// Deserializer methods that hand the inner deserializer the visitor wrapped by `self.split`.
macro_rules! forward {
    ($($method:ident($($arg:ident: $ty:ty),*);)*) => {$(
        fn $method<V: Visitor<'de>>(self, $($arg: $ty,)* visitor: V) -> Result<V::Value, D::Error> {
            let (inner, visitor) = self.split(visitor);
            inner.$method($($arg,)* visitor)
        }
    )*};
}

macro_rules! forward_common {
    () => {
        forward! {
            deserialize_any();
            deserialize_bool();
            deserialize_i8();
            deserialize_i16();
            deserialize_i32();
            deserialize_i64();
            deserialize_i128();
            deserialize_u8();
            deserialize_u16();
            deserialize_u32();
            deserialize_u64();
            deserialize_u128();
            deserialize_f32();
            deserialize_f64();
            deserialize_char();
            deserialize_str();
            deserialize_string();
            deserialize_bytes();
            deserialize_byte_buf();
            deserialize_option();
            deserialize_unit();
            deserialize_unit_struct(name: &'static str);
            deserialize_newtype_struct(name: &'static str);
            deserialize_seq();
            deserialize_tuple(len: usize);
            deserialize_tuple_struct(name: &'static str, len: usize);
            deserialize_map();
            deserialize_struct(name: &'static str, fields: &'static [&'static str]);
            deserialize_identifier();
        }
    };
}

impl<'s, D> Checked<'s, D> {
    fn split<V>(self, visitor: V) -> (D, Check<'s, V>) {
        (self.inner, Check { visitor, at: self.at })
    }
}

impl<'de, D: Deserializer<'de>> Deserializer<'de> for Checked<'_, D> {
    type Error = D::Error;

    forward_common!();

    /// Read as a string, so `{"variant": …}` (serde's other spelling of an enum) is refused.
    fn deserialize_enum<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _variants: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, D::Error> {
        self.inner.deserialize_str(Variant { visitor, at: self.at })
    }

    /// Skipped values are not checked, so a type that skips takes the full route.
    fn deserialize_ignored_any<V: Visitor<'de>>(self, _visitor: V) -> Result<V::Value, D::Error> {
        Err(de::Error::custom("not proven valid"))
    }

    fn is_human_readable(&self) -> bool {
        self.inner.is_human_readable()
    }
}

/// The visitor that checks a value, then hands it to the type's own visitor.
struct Check<'s, V> {
    visitor: V,
    at: At<'s>,
}

// Values are whole numbers only if they came as integers or as floats without a fraction.
#[allow(clippy::cast_precision_loss)]
impl<'de, V: Visitor<'de>> Visitor<'de> for Check<'_, V> {
    type Value = V::Value;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        self.visitor.expecting(f)
    }

    fn visit_bool<E: de::Error>(self, v: bool) -> Result<V::Value, E> {
        self.at.scalar(BOOLEAN)?;
        self.visitor.visit_bool(v)
    }

    fn visit_i64<E: de::Error>(self, v: i64) -> Result<V::Value, E> {
        self.at.number(v as f64, true)?;
        self.visitor.visit_i64(v)
    }

    fn visit_u64<E: de::Error>(self, v: u64) -> Result<V::Value, E> {
        self.at.number(v as f64, true)?;
        self.visitor.visit_u64(v)
    }

    fn visit_f64<E: de::Error>(self, v: f64) -> Result<V::Value, E> {
        self.at.number(v, v.fract() == 0.0)?;
        self.visitor.visit_f64(v)
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<V::Value, E> {
        self.at.string(v)?;
        self.visitor.visit_str(v)
    }

    fn visit_borrowed_str<E: de::Error>(self, v: &'de str) -> Result<V::Value, E> {
        self.at.string(v)?;
        self.visitor.visit_borrowed_str(v)
    }

    fn visit_string<E: de::Error>(self, v: String) -> Result<V::Value, E> {
        self.at.string(&v)?;
        self.visitor.visit_string(v)
    }

    fn visit_none<E: de::Error>(self) -> Result<V::Value, E> {
        self.at.scalar(NULL)?;
        self.visitor.visit_none()
    }

    fn visit_unit<E: de::Error>(self) -> Result<V::Value, E> {
        self.at.scalar(NULL)?;
        self.visitor.visit_unit()
    }

    fn visit_some<D: Deserializer<'de>>(self, inner: D) -> Result<V::Value, D::Error> {
        self.visitor.visit_some(Checked { inner, at: self.at })
    }

    fn visit_newtype_struct<D: Deserializer<'de>>(self, inner: D) -> Result<V::Value, D::Error> {
        self.visitor.visit_newtype_struct(Checked { inner, at: self.at })
    }

    fn visit_seq<A: SeqAccess<'de>>(self, inner: A) -> Result<V::Value, A::Error> {
        self.at.enter(ARRAY)?;
        self.visitor.visit_seq(Items { inner, at: self.at, count: 0 })
    }

    fn visit_map<A: MapAccess<'de>>(self, inner: A) -> Result<V::Value, A::Error> {
        self.at.enter(OBJECT)?;
        self.visitor.visit_map(Fields { inner, at: self.at, state: Keys::default() })
    }
}

/// An enum's variant, read as a checked string.
struct Variant<'s, V> {
    visitor: V,
    at: At<'s>,
}

impl<'de, V: Visitor<'de>> Visitor<'de> for Variant<'_, V> {
    type Value = V::Value;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        self.visitor.expecting(f)
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<V::Value, E> {
        self.at.string(v)?;
        self.visitor.visit_enum(StrDeserializer::new(v))
    }

    fn visit_borrowed_str<E: de::Error>(self, v: &'de str) -> Result<V::Value, E> {
        self.at.string(v)?;
        self.visitor.visit_enum(BorrowedStrDeserializer::new(v))
    }

    fn visit_string<E: de::Error>(self, v: String) -> Result<V::Value, E> {
        self.at.string(&v)?;
        self.visitor.visit_enum(StringDeserializer::new(v))
    }
}

struct Items<'s, A> {
    inner: A,
    at: At<'s>,
    count: usize,
}

impl<'de, A: SeqAccess<'de>> SeqAccess<'de> for Items<'_, A> {
    type Error = A::Error;

    fn next_element_seed<T: DeserializeSeed<'de>>(&mut self, seed: T) -> Result<Option<T::Value>, A::Error> {
        let node = self.at.node;
        let at = node.items.map_or_else(|| self.at.any(), |id| self.at.to(id));
        let next = self.inner.next_element_seed(Seeded { seed, at })?;
        match next {
            Some(_) => {
                self.count += 1;
                At::check(self.count <= node.max_items)?;
            }
            None => At::check(self.count >= node.min_items)?,
        }
        Ok(next)
    }

    fn size_hint(&self) -> Option<usize> {
        self.inner.size_hint()
    }
}

/// The keys of one object read so far.
#[derive(Default)]
struct Keys {
    /// One bit per property of the subschema.
    seen: u64,
    /// Where the next property is looked for first: documents are mostly
    /// written in schema order, so this usually finds it in one comparison.
    cursor: usize,
    /// Keys not among the properties, to refuse duplicates among them (at most
    /// [`MAX_OTHER_KEYS`]: the look-up is linear, and a bigger object takes the full route).
    others: Vec<String>,
    /// What the value read next belongs to.
    next: Next,
}

/// Objects with more undeclared keys than this (extensions, values inside them) take the full route.
const MAX_OTHER_KEYS: usize = 64;

#[derive(Default, Clone, Copy)]
enum Next {
    /// No key has been checked: a value now would be one whose key was not seen.
    #[default]
    Unchecked,
    /// The value of the property with this subschema.
    Property(usize),
    /// The value of an undeclared key, allowed by `additionalProperties`.
    Other,
}

struct Fields<'s, A> {
    inner: A,
    at: At<'s>,
    state: Keys,
}

impl<'de, A: MapAccess<'de>> MapAccess<'de> for Fields<'_, A> {
    type Error = A::Error;

    fn next_key_seed<K: DeserializeSeed<'de>>(&mut self, seed: K) -> Result<Option<K::Value>, A::Error> {
        let key = self.inner.next_key_seed(Key { seed, at: self.at, state: &mut self.state })?;
        if key.is_none() {
            let required = self.at.node.required;
            At::check(self.state.seen & required == required)?;
        }
        Ok(key)
    }

    fn next_value_seed<T: DeserializeSeed<'de>>(&mut self, seed: T) -> Result<T::Value, A::Error> {
        let at = match std::mem::take(&mut self.state.next) {
            Next::Property(id) => self.at.to(id),
            Next::Other => self.at.any(),
            Next::Unchecked => return Err(de::Error::custom("not proven valid")),
        };
        self.inner.next_value_seed(Seeded { seed, at })
    }

    fn size_hint(&self) -> Option<usize> {
        self.inner.size_hint()
    }
}

/// A seed whose value is read through [`Checked`].
struct Seeded<'s, S> {
    seed: S,
    at: At<'s>,
}

impl<'de, S: DeserializeSeed<'de>> DeserializeSeed<'de> for Seeded<'_, S> {
    type Value = S::Value;

    fn deserialize<D: Deserializer<'de>>(self, inner: D) -> Result<S::Value, D::Error> {
        self.seed.deserialize(Checked { inner, at: self.at })
    }
}

/// A seed for an object's key: finds its property and refuses unknown or repeated keys.
struct Key<'k, 's, S> {
    seed: S,
    at: At<'s>,
    state: &'k mut Keys,
}

impl<'de, S: DeserializeSeed<'de>> DeserializeSeed<'de> for Key<'_, '_, S> {
    type Value = S::Value;

    fn deserialize<D: Deserializer<'de>>(self, inner: D) -> Result<S::Value, D::Error> {
        self.seed.deserialize(KeyReader { inner, at: self.at, state: self.state })
    }
}

struct KeyReader<'k, 's, D> {
    inner: D,
    at: At<'s>,
    state: &'k mut Keys,
}

impl At<'_> {
    /// Records a key of this object; `Err` if the subschema does not allow it or it came before.
    #[inline]
    fn key<E: de::Error>(self, key: &str, state: &mut Keys) -> Result<(), E> {
        let node = self.node;
        let found = node.properties.find_from(state.cursor, key);
        if let Some(index) = found {
            state.cursor = index + 1;
            let bit = 1 << index;
            At::check(state.seen & bit == 0)?;
            state.seen |= bit;
            state.next = Next::Property(node.property_nodes[index]);
            return Ok(());
        }
        // A key is a string: the type and string keywords apply, the text rule does not.
        let name_ok = node.property_names.is_none_or(|id| {
            let names = &self.schema.nodes[id];
            names.types & STRING != 0 && matches(names, key)
        });
        let new = state.others.len() < MAX_OTHER_KEYS && !state.others.iter().any(|seen| seen == key);
        At::check(node.additional && name_ok && new)?;
        state.others.push(key.to_owned());
        state.next = Next::Other;
        Ok(())
    }
}

impl<'k, 's, D> KeyReader<'k, 's, D> {
    fn split<V>(self, visitor: V) -> (D, KeyCheck<'k, 's, V>) {
        (self.inner, KeyCheck { visitor, at: self.at, state: self.state })
    }
}

impl<'de, D: Deserializer<'de>> Deserializer<'de> for KeyReader<'_, '_, D> {
    type Error = D::Error;

    forward_common!();
    forward! {
        deserialize_enum(name: &'static str, variants: &'static [&'static str]);
        deserialize_ignored_any();
    }

    fn is_human_readable(&self) -> bool {
        self.inner.is_human_readable()
    }
}

/// Sees a key's text, records it, then hands it on. Keys that are not plain strings are refused.
struct KeyCheck<'k, 's, V> {
    visitor: V,
    at: At<'s>,
    state: &'k mut Keys,
}

impl<'de, V: Visitor<'de>> Visitor<'de> for KeyCheck<'_, '_, V> {
    type Value = V::Value;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        self.visitor.expecting(f)
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<V::Value, E> {
        self.at.key(v, self.state)?;
        self.visitor.visit_str(v)
    }

    fn visit_borrowed_str<E: de::Error>(self, v: &'de str) -> Result<V::Value, E> {
        self.at.key(v, self.state)?;
        self.visitor.visit_borrowed_str(v)
    }

    fn visit_string<E: de::Error>(self, v: String) -> Result<V::Value, E> {
        self.at.key(&v, self.state)?;
        self.visitor.visit_string(v)
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    #[test]
    fn every_kind_is_checked_in_one_pass() {
        for kind in Kind::ALL {
            assert_eq!(SchemaSet::get().direct_unsupported(kind), None, "{kind}");
        }
    }

    #[test]
    fn refuses_keywords_it_does_not_check_exactly() {
        for schema in [
            json!({"anyOf": [{"type": "string"}]}),
            json!({"type": "string", "format": "email"}),
            json!({"type": "string", "pattern": "^\\d+$"}),
            json!({"type": "string", "pattern": "^a.b$"}),
            json!({"type": "string", "pattern": "(?i)a"}),
            json!({"type": "object", "required": ["a"]}),
            json!({"type": "number", "minimum": 1e300}),
            json!({"type": "object", "additionalProperties": {"type": "string"}}),
            json!({"const": 1}),
            json!({"oneOf": [{"const": "a"}, {"const": "a"}]}),
            json!({"const": "a", "enum": ["a", "b"]}),
            json!({"type": "object", "properties": {"a": {}}, "propertyNames": {"pattern": "^a$"}}),
            json!({"type": "string", "pattern": "^[a[b]]$"}),
            json!({"type": "string", "pattern": "^\\<a"}),
            json!({"$ref": "#/$defs/A", "type": "string", "$defs": {"A": {}}}),
            json!({"$ref": "https://example.com/a"}),
        ] {
            assert!(CompiledSchema::compile(&schema).is_err(), "{schema}");
        }
        let plain = json!({"type": "object", "properties": {"a": {"$ref": "#/$defs/A"}}, "$defs": {"A": {"type": "string", "pattern": "^[0-9\\-() ]+$"}}});
        assert!(CompiledSchema::compile(&plain).is_ok());
    }

    #[test]
    fn formats_are_no_more_lenient_than_jsonschema() {
        let validator = |format: &str| {
            jsonschema::options().should_validate_formats(true).build(&json!({"format": format})).expect("compiles")
        };
        let (date, uuid) = (validator("date"), validator("uuid"));
        let mut dates = vec!["2024-02-29".to_owned(), "2023-02-29".into(), "2026-13-01".into(), "2026-1-01".into()];
        dates.extend(
            ["0000-01-01", "2026-04-31", "2026-04-30", "２０２６-01-01", "2026-01-01 ", "2026/01/01"].map(String::from),
        );
        for year in [1900, 2000, 2024, 2025, 2100] {
            for month in 0..=13 {
                for day in 0..=32 {
                    dates.push(format!("{year:04}-{month:02}-{day:02}"));
                }
            }
        }
        for text in &dates {
            assert!(!valid_date(text) || date.is_valid(&json!(text)), "{text}");
        }
        for text in [
            "7476cf8a-4baa-4dc0-87b3-41d690d7a28a",
            "7476CF8A-4BAA-4DC0-87B3-41D690D7A28A",
            "7476cf8a4baa4dc087b341d690d7a28a",
            "{7476cf8a-4baa-4dc0-87b3-41d690d7a28a}",
            "urn:uuid:7476cf8a-4baa-4dc0-87b3-41d690d7a28a",
            "7476cf8a-4baa-4dc0-87b3-41d690d7a28g",
        ] {
            assert!(!valid_uuid(text) || uuid.is_valid(&json!(text)), "{text}");
        }
        assert!(
            valid_date("2024-02-29") && !valid_date("2023-02-29") && valid_uuid("7476cf8a-4baa-4dc0-87b3-41d690d7a28a")
        );
    }

    #[test]
    fn every_schema_pattern_matches_as_jsonschema_reads_it() {
        fn patterns(value: &Value, out: &mut Vec<String>) {
            match value {
                Value::Object(map) => {
                    if let Some(Value::String(pattern)) = map.get("pattern") {
                        out.push(pattern.clone());
                    }
                    map.values().for_each(|v| patterns(v, out));
                }
                Value::Array(items) => items.iter().for_each(|v| patterns(v, out)),
                _ => {}
            }
        }
        let mut all = Vec::new();
        for kind in Kind::ALL {
            patterns(SchemaSet::get().schema(kind), &mut all);
        }
        all.sort();
        all.dedup();
        assert!(all.len() >= 5, "{all:?}");
        let witnesses = [
            "",
            "a",
            "A01",
            "A01.1",
            "A01.12345",
            "a01",
            "Ａ01",
            "03-1234-5678",
            "+81 3 (1234) 5678",
            "++81",
            "12:30",
            "23:59",
            "24:00",
            "9:30",
            "jp.lg.chofu",
            "jp..lg",
            "jp.lg.",
            "JP.lg",
            "jp.lg.x\n",
            "\njp.lg",
            "123-4567",
            "1234567",
            "2026-04-01",
            "2026-4-1",
            "２０２６-04-01",
            "a]",
            "0",
            "-",
            "00000000",
        ];
        for pattern in &all {
            assert!(ecma_safe(pattern), "{pattern}");
            let ours = Regex::new(pattern).expect("compiles");
            let theirs = jsonschema::validator_for(&json!({"type": "string", "pattern": pattern})).expect("compiles");
            for witness in witnesses {
                assert_eq!(ours.is_match(witness), theirs.is_valid(&json!(witness)), "{pattern} on {witness:?}");
            }
        }
    }

    #[test]
    fn objects_with_many_undeclared_keys_take_the_full_route() {
        let example = include_str!("../../../examples/instruction-diabetes-nursery.json");
        let keys = |n: usize| (0..n).map(|i| format!("\"k{i}\": {i}")).collect::<Vec<_>>().join(", ");
        for (n, answered) in [(MAX_OTHER_KEYS, true), (MAX_OTHER_KEYS + 1, false)] {
            let text = example.replacen(
                "\"issueDate\"",
                &format!("\"extensions\": {{\"jp.lg.x\": {{{}}}}}, \"issueDate\"", keys(n)),
                1,
            );
            assert!(crate::validate(text.as_bytes()).is_valid(), "{n}");
            assert_eq!(validate(text.as_bytes()).is_some(), answered, "{n}");
        }
    }

    #[test]
    fn the_kind_is_guessed_past_other_kinds() {
        assert_eq!(guess_kind(r#"{"to": {"kind": "nursery"}, "kind": "consent"}"#), Some(Kind::Consent));
        assert_eq!(guess_kind(r#"{"kind": 1}"#), None);
        assert_eq!(guess_kind(r#"{"kind": "instruct"#), None);
        assert_eq!(guess_kind(r#"{"kind""#), None);
    }

    #[test]
    fn names_are_found_by_fingerprint_and_bytes() {
        let long = "a".repeat(70_000);
        let names = Names::from(vec!["family".to_owned(), "familyReading".into(), "given".into(), long.clone()]);
        assert_eq!(names.find("familyReading"), Some(1));
        assert_eq!(names.find_from(2, "family"), Some(0));
        assert_eq!(names.find("familyReadinG"), None);
        assert_eq!(names.find("famil"), None);
        assert_eq!(names.find(&long), Some(3));
        // Same first six bytes and the same length modulo 2^16.
        assert_eq!(names.find(&"a".repeat(70_000 - 65_536)), None);
    }
}
