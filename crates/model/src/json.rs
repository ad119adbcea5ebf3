//! Strict JSON reading: no duplicate keys, bounded depth and size, and errors
//! that say where without quoting what (the input holds health data).

use std::fmt::{self, Write as _};

use serde::de::{self, DeserializeSeed, MapAccess, SeqAccess, Visitor};
use serde_json::{Map, Value};

use crate::diagnostic::{Code, Diagnostic, Message, escape_token};

/// The largest document accepted, in bytes. Real documents are a few kilobytes.
pub const MAX_DOCUMENT_BYTES: usize = 1024 * 1024;

/// The deepest nesting of arrays and objects accepted. The schemas need about ten.
pub const MAX_DEPTH: usize = 32;

/// Why bytes are not a JSON document this format accepts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParseError {
    pub code: Code,
    /// Where the problem is, as a JSON Pointer, when known.
    pub pointer: String,
    /// 1-based line and column in the input, when known.
    pub line: usize,
    pub column: usize,
    pub message: Message,
    pub hint: Option<Message>,
}

impl ParseError {
    pub fn into_diagnostic(self) -> Diagnostic {
        let mut diagnostic = Diagnostic::new(self.code, self.pointer, self.message);
        diagnostic.hint = self.hint;
        diagnostic
    }
}

impl fmt::Display for ParseError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message.en)
    }
}

/// Parses one JSON document strictly.
// The error is large, but it is made once per bad document, never on the hot path.
#[allow(clippy::result_large_err)]
pub fn parse_json(bytes: &[u8]) -> Result<Value, ParseError> {
    if bytes.len() > MAX_DOCUMENT_BYTES {
        return Err(ParseError {
            code: Code::TooLarge,
            pointer: String::new(),
            line: 0,
            column: 0,
            message: Message::new(
                format!("文書が大きすぎます ({} バイト、上限 {MAX_DOCUMENT_BYTES} バイト)", bytes.len()),
                format!("document too large ({} bytes, limit {MAX_DOCUMENT_BYTES})", bytes.len()),
            ),
            hint: None,
        });
    }
    if bytes.starts_with(b"\xEF\xBB\xBF") {
        return Err(ParseError {
            code: Code::NotJson,
            pointer: String::new(),
            line: 1,
            column: 1,
            message: Message::new(
                "ファイルの先頭に BOM (バイト順マーク) があります",
                "the file starts with a byte-order mark",
            ),
            hint: Some(Message::new(
                "BOM なしの UTF-8 で保存してください (RFC 8259 §8.1)",
                "save it as UTF-8 without a BOM (RFC 8259 section 8.1)",
            )),
        });
    }
    let mut problem = None;
    let mut deserializer = serde_json::Deserializer::from_slice(bytes);
    let seed = ValueSeed { path: &mut Vec::with_capacity(MAX_DEPTH), problem: &mut problem };
    let result = seed.deserialize(&mut deserializer).and_then(|value| {
        deserializer.end()?;
        Ok(value)
    });
    result.map_err(|error| {
        if let Some((code, pointer)) = problem {
            let message = match code {
                Code::DuplicateKey => Message::new("同じキーが二度あります", "the same key appears twice"),
                _ => Message::new(
                    format!("入れ子が深すぎます (上限 {MAX_DEPTH})"),
                    format!("nesting too deep (limit {MAX_DEPTH})"),
                ),
            };
            return ParseError { code, pointer, line: error.line(), column: error.column(), message, hint: None };
        }
        syntax_error(&error)
    })
}

/// Calls `visit` with the JSON Pointer and text of every string in `value`, in
/// document order, until it returns `Some`; returns that.
pub fn find_string<T>(value: &Value, visit: &mut impl FnMut(&str, &str) -> Option<T>) -> Option<T> {
    // One pointer buffer, extended and cut back in place (no string per step).
    fn walk<T>(value: &Value, pointer: &mut String, visit: &mut impl FnMut(&str, &str) -> Option<T>) -> Option<T> {
        let len = pointer.len();
        match value {
            Value::String(text) => visit(pointer, text),
            Value::Array(items) => items.iter().enumerate().find_map(|(i, item)| {
                let _ = write!(pointer, "/{i}");
                let found = walk(item, pointer, visit);
                pointer.truncate(len);
                found
            }),
            Value::Object(map) => map.iter().find_map(|(key, item)| {
                pointer.push('/');
                pointer.push_str(&escape_token(key));
                let found = walk(item, pointer, visit);
                pointer.truncate(len);
                found
            }),
            _ => None,
        }
    }
    walk(value, &mut String::new(), visit)
}

fn syntax_error(error: &serde_json::Error) -> ParseError {
    // serde_json's own messages can quote input (e.g. an invalid escape), so we
    // only keep its category and position.
    let text = error.to_string();
    let (ja, en) = if text.starts_with("EOF") {
        ("JSON が途中で終わっています", "JSON ends too early")
    } else if text.contains("number out of range") {
        ("数値が大きすぎます", "number out of range")
    } else if text.contains("control character") {
        ("文字列に制御文字がそのまま入っています", "control character inside a string")
    } else if text.contains("unicode") || text.contains("UTF-8") || text.contains("escape") {
        ("文字コードが UTF-8 でないか、エスケープが不正です", "not valid UTF-8 or an invalid escape")
    } else if text.contains("trailing characters") {
        ("JSON の後に余分な文字があります", "trailing characters after the JSON")
    } else if text.contains("recursion limit") {
        ("入れ子が深すぎます", "nesting too deep")
    } else {
        ("JSON の構文が正しくありません", "invalid JSON syntax")
    };
    ParseError {
        code: Code::NotJson,
        pointer: String::new(),
        line: error.line(),
        column: error.column(),
        message: Message::new(
            format!("{ja} ({}行{}列)", error.line(), error.column()),
            format!("{en} at line {} column {}", error.line(), error.column()),
        ),
        hint: None,
    }
}

/// A step of the path to the value being read; the pointer is spelled out only
/// when there is a problem to report.
enum Step {
    Key(String),
    Index(usize),
}

struct ValueSeed<'a> {
    path: &'a mut Vec<Step>,
    problem: &'a mut Option<(Code, String)>,
}

impl ValueSeed<'_> {
    fn pointer(&self) -> String {
        let mut out = String::new();
        for step in self.path.iter() {
            out.push('/');
            match step {
                Step::Key(key) => out.push_str(&escape_token(key)),
                Step::Index(index) => out.push_str(&index.to_string()),
            }
        }
        out
    }

    fn enter<E: de::Error>(&mut self) -> Result<(), E> {
        if self.path.len() >= MAX_DEPTH {
            *self.problem = Some((Code::TooDeep, self.pointer()));
            return Err(E::custom("nesting too deep"));
        }
        Ok(())
    }
}

impl<'de> DeserializeSeed<'de> for ValueSeed<'_> {
    type Value = Value;

    fn deserialize<D: de::Deserializer<'de>>(self, deserializer: D) -> Result<Value, D::Error> {
        deserializer.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for ValueSeed<'_> {
    type Value = Value;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("any JSON value")
    }

    fn visit_bool<E>(self, v: bool) -> Result<Value, E> {
        Ok(Value::Bool(v))
    }

    fn visit_i64<E>(self, v: i64) -> Result<Value, E> {
        Ok(Value::from(v))
    }

    fn visit_u64<E>(self, v: u64) -> Result<Value, E> {
        Ok(Value::from(v))
    }

    fn visit_f64<E>(self, v: f64) -> Result<Value, E> {
        Ok(serde_json::Number::from_f64(v).map_or(Value::Null, Value::Number))
    }

    fn visit_str<E>(self, v: &str) -> Result<Value, E> {
        Ok(Value::String(v.to_owned()))
    }

    fn visit_string<E>(self, v: String) -> Result<Value, E> {
        Ok(Value::String(v))
    }

    fn visit_unit<E>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }

    fn visit_seq<A: SeqAccess<'de>>(mut self, mut seq: A) -> Result<Value, A::Error> {
        self.enter()?;
        let mut items = Vec::new();
        loop {
            self.path.push(Step::Index(items.len()));
            let next = seq.next_element_seed(ValueSeed { path: self.path, problem: self.problem });
            self.path.pop();
            match next? {
                Some(item) => items.push(item),
                None => return Ok(Value::Array(items)),
            }
        }
    }

    fn visit_map<A: MapAccess<'de>>(mut self, mut map: A) -> Result<Value, A::Error> {
        self.enter()?;
        let mut object = Map::new();
        while let Some(key) = map.next_key::<String>()? {
            self.path.push(Step::Key(key));
            let value = map.next_value_seed(ValueSeed { path: self.path, problem: self.problem })?;
            let Some(Step::Key(key)) = self.path.pop() else {
                return Err(de::Error::custom("path out of step")); // cannot happen: pushed above
            };
            match object.entry(key) {
                serde_json::map::Entry::Vacant(entry) => {
                    entry.insert(value);
                }
                serde_json::map::Entry::Occupied(entry) => {
                    self.path.push(Step::Key(entry.key().clone()));
                    *self.problem = Some((Code::DuplicateKey, self.pointer()));
                    return Err(de::Error::custom("duplicate key"));
                }
            }
        }
        Ok(Value::Object(object))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn code(bytes: &[u8]) -> Code {
        parse_json(bytes).expect_err("should be refused").code
    }

    #[test]
    fn accepts_plain_json() {
        let value = parse_json(br#"{"a": [1, 2.5, "x", null, true], "b": {"c": -0}}"#).expect("valid");
        assert_eq!(value["a"][2], "x");
    }

    #[test]
    fn refuses_duplicate_keys_with_their_pointer() {
        let error = parse_json(br#"{"child": {"name": 1, "name": 2}}"#).expect_err("duplicate");
        assert_eq!(error.code, Code::DuplicateKey);
        assert_eq!(error.pointer, "/child/name");
    }

    #[test]
    fn refuses_deep_nesting_bom_size_and_bad_utf8() {
        let deep = "[".repeat(MAX_DEPTH + 1) + &"]".repeat(MAX_DEPTH + 1);
        assert_eq!(code(deep.as_bytes()), Code::TooDeep);
        assert_eq!(code(b"\xEF\xBB\xBF{}"), Code::NotJson);
        assert_eq!(code(b"{\"a\": \"\xff\"}"), Code::NotJson);
        assert_eq!(code(b"{\"a\": 1e400}"), Code::NotJson);
        assert_eq!(code(&vec![b' '; MAX_DOCUMENT_BYTES + 1]), Code::TooLarge);
    }

    #[test]
    fn errors_do_not_quote_the_input() {
        let error = parse_json(br#"{"name": "\q secret"}"#).expect_err("bad escape");
        assert!(!error.message.en.contains("secret"));
        assert!(!error.message.ja.contains("secret"));
    }
}
