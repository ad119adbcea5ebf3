//! The direct route: the typed document is read straight from the text while
//! the schema, compiled for it, checks every value as it goes by. One pass,
//! nothing built but the document itself; then the rules, as on the full route.
//! The text is read by our own serde `Deserializer` ([`Reader`]), not through
//! `serde_json`'s: it checks as it reads, and it knows its strings are short.
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
use serde::de::value::{BorrowedStrDeserializer, StrDeserializer};
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
    let mut reader = Reader { text, at: 0, scratch: Vec::new() };
    let at = At { schema, node: schema.root(), depth: 0, clean: text::json_text_is_clean(text) };
    let value = T::deserialize(ValueReader { reader: &mut reader, at }).ok()?;
    // Nothing but white space after the document.
    reader.peek().is_none().then_some(value)
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

/// A set of strings in a small hash table keyed by a fingerprint (length and
/// first bytes), so a look-up costs one probe and one comparison whatever
/// order the keys come in. A probe reads one slot and one run of bytes: the
/// table sits on the validation's hottest path, where every cache line counts.
#[derive(Debug)]
struct Names {
    /// Open addressing, a power of two at least twice the names, so a probe
    /// always meets an empty slot.
    slots: Vec<Slot>,
    /// Every name, one after the other.
    bytes: Vec<u8>,
    count: usize,
}

#[derive(Debug, Clone, Copy, Default)]
struct Slot {
    print: u64,
    /// The name's index + 1, or 0 when the slot is empty.
    entry: usize,
    /// Where the name sits in `bytes`.
    start: usize,
    end: usize,
}

impl Names {
    const fn new() -> Self {
        Self { slots: Vec::new(), bytes: Vec::new(), count: 0 }
    }

    /// Compile time only: the table is built again for every name.
    fn push(&mut self, name: &str) {
        let mut entries: Vec<Slot> = self.slots.iter().copied().filter(|slot| slot.entry != 0).collect();
        self.count += 1;
        let start = self.bytes.len();
        self.bytes.extend_from_slice(name.as_bytes());
        entries.push(Slot { print: fingerprint(name), entry: self.count, start, end: self.bytes.len() });
        let size = (2 * self.count).next_power_of_two();
        self.slots = vec![Slot::default(); size];
        for entry in entries {
            let mut slot = first_slot(entry.print, size - 1);
            while self.slots[slot].entry != 0 {
                slot = (slot + 1) & (size - 1);
            }
            self.slots[slot] = entry;
        }
    }

    #[inline]
    fn find(&self, text: &str) -> Option<usize> {
        let mask = self.slots.len().checked_sub(1)?;
        let print = fingerprint(text);
        let mut slot = first_slot(print, mask);
        loop {
            let Slot { print: candidate, entry, start, end } = self.slots[slot];
            let index = entry.checked_sub(1)?;
            if candidate == print && self.bytes.get(start..end) == Some(text.as_bytes()) {
                return Some(index);
            }
            slot = (slot + 1) & mask;
        }
    }
}

#[inline]
fn first_slot(print: u64, mask: usize) -> usize {
    // Fibonacci hashing: the high bits of the product mix every byte of the print.
    (print.wrapping_mul(0x9E37_79B9_7F4A_7C15) >> 40) as usize & mask
}

impl From<Vec<String>> for Names {
    fn from(names: Vec<String>) -> Self {
        let mut set = Self::new();
        for name in &names {
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
                        node.properties.push(name);
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
        // A valid date matches the date pattern (see the tests), so the pattern need not run as well.
        if node.format == Some(Format::Date) && object.get("pattern").and_then(Value::as_str) == Some(DATE_PATTERN) {
            node.pattern = None;
        }
        if node.property_names.is_some() && node.properties.count > 0 {
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

/// The pattern the schemas give dates beside `format: date`.
const DATE_PATTERN: &str = "^[0-9]{4}-[0-9]{2}-[0-9]{2}$";

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
    /// No string of the document can hold a refused character (see [`text::json_text_is_clean`]).
    clean: bool,
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
    fn scalar(self, bit: u8) -> Proof {
        proven(self.node.types & bit != 0 && self.node.allowed.is_none())
    }

    #[inline]
    fn number(self, value: f64, whole: bool) -> Proof {
        let node = self.node;
        let typed = node.types & NUMBER != 0 || (node.types & INTEGER != 0 && whole);
        // An integer beyond 2^53 may round on its way to f64, but rounding keeps
        // order, and limits are small (see `limit`), so no comparison flips.
        proven(
            typed
                && node.allowed.is_none()
                && node.minimum.is_none_or(|min| value >= min)
                && node.maximum.is_none_or(|max| value <= max),
        )
    }

    /// A string in a value position (keys are checked by [`At::key`]).
    #[inline]
    fn string(self, text: &str) -> Proof {
        proven(
            self.node.types & STRING != 0
                && matches(self.node, text)
                && (self.clean || text::first_refused(text).is_none()),
        )
    }

    #[inline]
    fn enter(self, bit: u8) -> Proof {
        proven(self.node.types & bit != 0 && self.node.allowed.is_none() && self.depth < MAX_DEPTH)
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

/// Why the direct route stepped aside. It carries nothing: the full route
/// finds the problem again and names it.
#[derive(Debug)]
pub(crate) struct NotProven;

impl fmt::Display for NotProven {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("not proven valid")
    }
}

impl std::error::Error for NotProven {}

impl de::Error for NotProven {
    fn custom<T: fmt::Display>(_: T) -> Self {
        Self
    }
}

type Proof<T = ()> = Result<T, NotProven>;

#[inline]
fn proven(ok: bool) -> Proof {
    if ok { Ok(()) } else { Err(NotProven) }
}

/// The JSON text, read once. It parses as strictly as `serde_json` (the full
/// route's parser) or more so: anything it is unsure of is an error, and an
/// error only means the full route decides.
struct Reader<'de> {
    text: &'de str,
    at: usize,
    /// Strings with escapes, decoded.
    scratch: Vec<u8>,
}

/// A string as read: straight from the text, or decoded into the scratch buffer.
enum Text<'de, 'r> {
    Borrowed(&'de str),
    Decoded(&'r str),
}

impl<'de> Reader<'de> {
    #[inline]
    fn peek(&mut self) -> Option<u8> {
        let bytes = self.text.as_bytes();
        while let Some(&b) = bytes.get(self.at) {
            if !matches!(b, b' ' | b'\n' | b'\r' | b'\t') {
                return Some(b);
            }
            self.at += 1;
        }
        None
    }

    #[inline]
    fn eat(&mut self, byte: u8) -> Proof {
        proven(self.peek() == Some(byte))?;
        self.at += 1;
        Ok(())
    }

    fn literal(&mut self, word: &str) -> Proof {
        proven(self.text.as_bytes()[self.at..].starts_with(word.as_bytes()))?;
        self.at += word.len();
        Ok(())
    }

    /// A string, the opening quote already seen (not eaten).
    #[inline]
    fn string(&mut self) -> Proof<Text<'de, '_>> {
        let bytes = self.text.as_bytes();
        let start = self.at + 1;
        // Eight bytes at a time to the closing quote, an escape or a raw control
        // character (which JSON refuses in a string): strings here are short,
        // so a word loop in line beats calling out to a vector search.
        let mut stop = start;
        while let Some(word) = bytes.get(stop..stop + 8).and_then(|word| <[u8; 8]>::try_from(word).ok()) {
            let word = u64::from_le_bytes(word);
            let found = zero_bytes(word ^ (ONES * u64::from(b'"')))
                | zero_bytes(word ^ (ONES * u64::from(b'\\')))
                | (word.wrapping_sub(ONES * 0x20) & !word & HIGHS);
            if found != 0 {
                // The lowest flag is exact (a borrow only ever flags bytes above a true hit).
                stop += found.trailing_zeros() as usize / 8;
                break;
            }
            stop += 8;
        }
        while bytes.get(stop).is_some_and(|&b| b != b'"' && b != b'\\' && b >= 0x20) {
            stop += 1;
        }
        match bytes.get(stop) {
            Some(b'"') => {
                self.at = stop + 1;
                // Quotes are ASCII, so both ends are character boundaries.
                self.text.get(start..stop).map(Text::Borrowed).ok_or(NotProven)
            }
            Some(b'\\') => self.decode(start, stop),
            _ => Err(NotProven),
        }
    }

    /// The rest of a string that has escapes, from `escape` on, into the scratch buffer.
    fn decode(&mut self, start: usize, mut at: usize) -> Proof<Text<'de, '_>> {
        let bytes = self.text.as_bytes();
        self.scratch.clear();
        self.scratch.extend_from_slice(&bytes[start..at]);
        loop {
            match *bytes.get(at).ok_or(NotProven)? {
                b'"' => break,
                b'\\' => {
                    let escaped = *bytes.get(at + 1).ok_or(NotProven)?;
                    at += 2;
                    let plain = match escaped {
                        b'"' | b'\\' | b'/' => escaped,
                        b'b' => 0x08,
                        b'f' => 0x0C,
                        b'n' => b'\n',
                        b'r' => b'\r',
                        b't' => b'\t',
                        b'u' => {
                            let c = self.unicode_escape(&mut at)?;
                            self.scratch.extend_from_slice(c.encode_utf8(&mut [0; 4]).as_bytes());
                            continue;
                        }
                        _ => return Err(NotProven),
                    };
                    self.scratch.push(plain);
                }
                b if b < 0x20 => return Err(NotProven),
                b => {
                    self.scratch.push(b);
                    at += 1;
                }
            }
        }
        self.at = at + 1;
        std::str::from_utf8(&self.scratch).map(Text::Decoded).map_err(|_| NotProven)
    }

    /// The character of a `\u` escape (a surrogate pair takes two); `at` is past the `u`.
    fn unicode_escape(&self, at: &mut usize) -> Proof<char> {
        let bytes = self.text.as_bytes();
        let hex = |at: usize| -> Proof<u32> {
            let digits = bytes.get(at..at + 4).ok_or(NotProven)?;
            let digits = std::str::from_utf8(digits).map_err(|_| NotProven)?;
            proven(digits.bytes().all(|b| b.is_ascii_hexdigit()))?;
            u32::from_str_radix(digits, 16).map_err(|_| NotProven)
        };
        let first = hex(*at)?;
        *at += 4;
        let code = match first {
            0xD800..=0xDBFF => {
                proven(bytes.get(*at..*at + 2) == Some(b"\\u"))?;
                let second = hex(*at + 2)?;
                proven((0xDC00..=0xDFFF).contains(&second))?;
                *at += 6;
                0x10000 + ((first - 0xD800) << 10) + (second - 0xDC00)
            }
            // A lone surrogate: serde_json refuses it too.
            0xDC00..=0xDFFF => return Err(NotProven),
            _ => first,
        };
        char::from_u32(code).ok_or(NotProven)
    }

    /// A number's text, checked against JSON's grammar.
    fn number(&mut self) -> Proof<&'de str> {
        let bytes = self.text.as_bytes();
        let start = self.at;
        let digits = |at: &mut usize| {
            let from = *at;
            while bytes.get(*at).is_some_and(u8::is_ascii_digit) {
                *at += 1;
            }
            *at - from
        };
        let mut at = start + usize::from(bytes.get(start) == Some(&b'-'));
        let whole = digits(&mut at);
        proven(whole == 1 || (whole > 1 && bytes[at - whole] != b'0'))?;
        if bytes.get(at) == Some(&b'.') {
            at += 1;
            proven(digits(&mut at) > 0)?;
        }
        if matches!(bytes.get(at), Some(b'e' | b'E')) {
            at += 1;
            at += usize::from(matches!(bytes.get(at), Some(b'+' | b'-')));
            proven(digits(&mut at) > 0)?;
        }
        self.at = at;
        Ok(&self.text[start..at])
    }
}

const ONES: u64 = 0x0101_0101_0101_0101;
const HIGHS: u64 = 0x8080_8080_8080_8080;

/// The high bit of each zero byte of `word` set (and possibly of bytes above
/// the lowest zero byte, never below it).
#[inline]
fn zero_bytes(word: u64) -> u64 {
    word.wrapping_sub(ONES) & !word & HIGHS
}

/// One value of the document, read and checked against its subschema, then
/// handed to the type's own visitor.
struct ValueReader<'r, 'de, 's> {
    reader: &'r mut Reader<'de>,
    at: At<'s>,
}

// Values are whole numbers only if they came as integers or as floats without a fraction.
#[allow(clippy::cast_precision_loss)]
impl<'de> Deserializer<'de> for ValueReader<'_, 'de, '_> {
    type Error = NotProven;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Proof<V::Value> {
        let Self { reader, at } = self;
        match reader.peek().ok_or(NotProven)? {
            b'"' => match reader.string()? {
                Text::Borrowed(text) => {
                    at.string(text)?;
                    visitor.visit_borrowed_str(text)
                }
                Text::Decoded(text) => {
                    at.string(text)?;
                    visitor.visit_str(text)
                }
            },
            b'{' => {
                at.enter(OBJECT)?;
                reader.at += 1;
                let value =
                    visitor.visit_map(Fields { reader: &mut *reader, at, keys: Keys::default(), first: true })?;
                reader.eat(b'}')?;
                Ok(value)
            }
            b'[' => {
                at.enter(ARRAY)?;
                reader.at += 1;
                let value = visitor.visit_seq(Items { reader: &mut *reader, at, count: 0 })?;
                reader.eat(b']')?;
                Ok(value)
            }
            b't' => {
                reader.literal("true")?;
                at.scalar(BOOLEAN)?;
                visitor.visit_bool(true)
            }
            b'f' => {
                reader.literal("false")?;
                at.scalar(BOOLEAN)?;
                visitor.visit_bool(false)
            }
            b'n' => {
                reader.literal("null")?;
                at.scalar(NULL)?;
                visitor.visit_unit()
            }
            b'-' | b'0'..=b'9' => {
                let text = reader.number()?;
                // Plain whole numbers are common and exact; anything else is
                // read by serde_json itself, so every value equals the full route's.
                if let Ok(n) = text.parse::<u64>() {
                    at.number(n as f64, true)?;
                    return visitor.visit_u64(n);
                }
                let number: serde_json::Number = serde_json::from_str(text).map_err(|_| NotProven)?;
                if let Some(n) = number.as_u64() {
                    at.number(n as f64, true)?;
                    visitor.visit_u64(n)
                } else if let Some(n) = number.as_i64() {
                    at.number(n as f64, true)?;
                    visitor.visit_i64(n)
                } else {
                    let n = number.as_f64().ok_or(NotProven)?;
                    at.number(n, n.fract() == 0.0)?;
                    visitor.visit_f64(n)
                }
            }
            _ => Err(NotProven),
        }
    }

    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Proof<V::Value> {
        if self.reader.peek() == Some(b'n') {
            self.reader.literal("null")?;
            self.at.scalar(NULL)?;
            visitor.visit_none()
        } else {
            visitor.visit_some(self)
        }
    }

    fn deserialize_newtype_struct<V: Visitor<'de>>(self, _name: &'static str, visitor: V) -> Proof<V::Value> {
        visitor.visit_newtype_struct(self)
    }

    /// Read as a string only, so `{"variant": …}` (serde's other spelling of an enum) is refused.
    fn deserialize_enum<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _variants: &'static [&'static str],
        visitor: V,
    ) -> Proof<V::Value> {
        proven(self.reader.peek() == Some(b'"'))?;
        match self.reader.string()? {
            Text::Borrowed(text) => {
                self.at.string(text)?;
                visitor.visit_enum(BorrowedStrDeserializer::new(text))
            }
            Text::Decoded(text) => {
                self.at.string(text)?;
                visitor.visit_enum(StrDeserializer::new(text))
            }
        }
    }

    /// Skipped values are not checked, so a type that skips takes the full route.
    fn deserialize_ignored_any<V: Visitor<'de>>(self, _visitor: V) -> Proof<V::Value> {
        Err(NotProven)
    }

    serde::forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string
        bytes byte_buf unit unit_struct seq tuple tuple_struct map struct identifier
    }
}

struct Items<'r, 'de, 's> {
    reader: &'r mut Reader<'de>,
    at: At<'s>,
    count: usize,
}

impl<'de> SeqAccess<'de> for Items<'_, 'de, '_> {
    type Error = NotProven;

    fn next_element_seed<T: DeserializeSeed<'de>>(&mut self, seed: T) -> Proof<Option<T::Value>> {
        let node = self.at.node;
        match self.reader.peek() {
            Some(b']') => {
                proven(self.count >= node.min_items)?;
                return Ok(None);
            }
            Some(b',') if self.count > 0 => self.reader.at += 1,
            _ => proven(self.count == 0)?,
        }
        self.count += 1;
        proven(self.count <= node.max_items)?;
        let at = node.items.map_or_else(|| self.at.any(), |id| self.at.to(id));
        seed.deserialize(ValueReader { reader: &mut *self.reader, at }).map(Some)
    }
}

/// The keys of one object read so far.
#[derive(Default)]
struct Keys {
    /// One bit per property of the subschema.
    seen: u64,
    /// Keys not among the properties, to refuse duplicates among them (at most
    /// [`MAX_OTHER_KEYS`]: the look-up is linear, and a bigger object takes the full route).
    others: Vec<String>,
    /// The subschema of the value read next.
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

struct Fields<'r, 'de, 's> {
    reader: &'r mut Reader<'de>,
    at: At<'s>,
    keys: Keys,
    first: bool,
}

impl<'de> MapAccess<'de> for Fields<'_, 'de, '_> {
    type Error = NotProven;

    fn next_key_seed<K: DeserializeSeed<'de>>(&mut self, seed: K) -> Proof<Option<K::Value>> {
        match self.reader.peek() {
            Some(b'}') => {
                let required = self.at.node.required;
                proven(self.keys.seen & required == required)?;
                return Ok(None);
            }
            Some(b',') if !self.first => self.reader.at += 1,
            _ => proven(self.first)?,
        }
        self.first = false;
        proven(self.reader.peek() == Some(b'"'))?;
        let key = match self.reader.string()? {
            Text::Borrowed(key) => {
                self.at.key(key, &mut self.keys)?;
                seed.deserialize(BorrowedStrDeserializer::new(key))
            }
            Text::Decoded(key) => {
                self.at.key(key, &mut self.keys)?;
                seed.deserialize(StrDeserializer::new(key))
            }
        }?;
        self.reader.eat(b':')?;
        Ok(Some(key))
    }

    fn next_value_seed<T: DeserializeSeed<'de>>(&mut self, seed: T) -> Proof<T::Value> {
        let at = match std::mem::take(&mut self.keys.next) {
            Next::Property(id) => self.at.to(id),
            Next::Other => self.at.any(),
            Next::Unchecked => return Err(NotProven),
        };
        seed.deserialize(ValueReader { reader: &mut *self.reader, at })
    }
}

impl At<'_> {
    /// Records a key of this object; `Err` if the subschema does not allow it or it came before.
    #[inline]
    fn key(self, key: &str, state: &mut Keys) -> Proof {
        let node = self.node;
        if let Some(index) = node.properties.find(key) {
            let bit = 1 << index;
            proven(state.seen & bit == 0)?;
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
        proven(node.additional && name_ok && new)?;
        state.others.push(key.to_owned());
        state.next = Next::Other;
        Ok(())
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
        let pattern = Regex::new(DATE_PATTERN).expect("compiles");
        for text in &dates {
            assert!(!valid_date(text) || date.is_valid(&json!(text)), "{text}");
            // Why the date pattern is not run beside the format.
            assert!(!valid_date(text) || pattern.is_match(text), "{text}");
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
            "abc",
            "cab",
            "x2026-04-01",
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
        assert_eq!(names.find("family"), Some(0));
        assert_eq!(names.find("given"), Some(2));
        assert_eq!(names.find("familyReadinG"), None);
        assert_eq!(names.find("famil"), None);
        assert_eq!(names.find(&long), Some(3));
        // Same first six bytes and the same length modulo 2^16.
        assert_eq!(names.find(&"a".repeat(70_000 - 65_536)), None);
    }
}
