//! Characters no text field may hold. They print as nothing (or break PDF/A),
//! or make what is shown differ from what is stored: a right-to-left override
//! turns "10" into "01" on screen. Tab and line breaks stay allowed.

use std::fmt::Write as _;

use serde_json::Value;

use crate::diagnostic::{Code, Diagnostic, Message, escape_token};

/// Why a character is refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Forbidden {
    /// C0 and C1 controls and DEL, except tab, line feed and carriage return.
    Control,
    /// Embeddings, overrides, isolates and marks (U+202A–U+202E, U+2066–U+2069,
    /// U+200E, U+200F, U+061C): they reorder what is shown.
    DirectionOverride,
    /// Characters that draw nothing and join nothing: zero-width space, word
    /// joiner and invisible operators, deprecated format controls, interlinear
    /// annotation marks (which can hide text) and tag characters. Zero-width
    /// (non-)joiners and variation selectors stay allowed: they shape what is drawn.
    Invisible,
    /// U+FEFF inside a text (PDF/A forbids it too).
    ByteOrderMark,
    /// U+FDD0–U+FDEF and the last two code points of every plane.
    Noncharacter,
    /// U+2028 and U+2029: line breaks that are not line breaks everywhere.
    Separator,
}

impl Forbidden {
    /// The reason a character is refused, or `None` if it may appear in text.
    pub fn of(c: char) -> Option<Self> {
        let code = u32::from(c);
        Some(match c {
            '\t' | '\n' | '\r' => return None,
            _ if c.is_control() => Self::Control,
            '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{200E}' | '\u{200F}' | '\u{061C}' => {
                Self::DirectionOverride
            }
            '\u{200B}'
            | '\u{2060}'..='\u{2064}'
            | '\u{206A}'..='\u{206F}'
            | '\u{FFF9}'..='\u{FFFB}'
            | '\u{180E}'
            | '\u{E0000}'..='\u{E007F}' => Self::Invisible,
            '\u{FEFF}' => Self::ByteOrderMark,
            '\u{FDD0}'..='\u{FDEF}' => Self::Noncharacter,
            _ if code & 0xFFFE == 0xFFFE => Self::Noncharacter,
            '\u{2028}' | '\u{2029}' => Self::Separator,
            _ => return None,
        })
    }

    /// The text with every refused character written as `\u{XXXX}`, for showing
    /// a value on a terminal or in a report without it reordering or hiding anything.
    pub fn escape(text: &str) -> std::borrow::Cow<'_, str> {
        if !text.chars().any(|c| Self::of(c).is_some()) {
            return text.into();
        }
        let mut out = String::with_capacity(text.len() + 8);
        for c in text.chars() {
            if Self::of(c).is_some() {
                let _ = write!(out, "\\u{{{:04X}}}", u32::from(c));
            } else {
                out.push(c);
            }
        }
        out.into()
    }

    fn message(self, c: char) -> Message {
        let code = u32::from(c);
        let (ja, en) = match self {
            Self::Control => ("制御文字", "a control character"),
            Self::DirectionOverride => ("文字の向きを変える制御文字", "a text-direction control"),
            Self::Invisible => ("見えない書式文字", "an invisible format character"),
            Self::ByteOrderMark => ("BOM (U+FEFF)", "a byte-order mark"),
            Self::Noncharacter => ("文字として使えない符号位置", "a noncharacter"),
            Self::Separator => ("行・段落区切り文字", "a line or paragraph separator"),
        };
        // The code point says which character without quoting the text around it.
        Message::new(
            format!("{ja} (U+{code:04X}) が入っています。印刷されないか、表示と内容が食い違います"),
            format!("contains {en} (U+{code:04X}), which does not print or makes what is shown differ from the data"),
        )
    }
}

/// Whether a UTF-8 byte can start (or be) a refused character: ASCII controls
/// and DEL, and the lead bytes of the ranges above (U+0080–U+009F, U+061C,
/// U+180E, U+200B–U+206F, U+FDD0–U+FFFF, and the planes above the BMP). Kana and
/// kanji (lead bytes E3–E9) never match, so most Japanese text is passed over
/// without decoding a character.
const SUSPECT: [bool; 256] = {
    let mut table = [false; 256];
    let mut b = 0;
    while b < 0x20 {
        table[b] = !matches!(b, 0x09 | 0x0A | 0x0D);
        b += 1;
    }
    table[0x7F] = true;
    table[0xC2] = true;
    table[0xD8] = true;
    table[0xE1] = true;
    table[0xE2] = true;
    table[0xEF] = true;
    let mut b = 0xF0;
    while b <= 0xF4 {
        table[b] = true;
        b += 1;
    }
    table
};

/// The first refused character of every string in `value`, as diagnostics.
pub(crate) fn check(value: &Value, out: &mut Vec<Diagnostic>) {
    // Every validation walks every string, so the path is kept as borrowed steps
    // and spelled out as a pointer only for a string that has a refused character.
    // Object keys are checked by the schema (fixed names, patterned extension keys).
    fn walk<'v>(value: &'v Value, path: &mut Vec<Step<'v>>, out: &mut Vec<Diagnostic>) {
        match value {
            Value::String(text) => {
                if let Some((reason, c)) = first_refused(text) {
                    let hint = Message::new(
                        "見えない文字を削除してください (他のソフトから貼り付けた文字に多く含まれます)",
                        "delete the invisible character (text pasted from other software often carries them)",
                    );
                    out.push(
                        Diagnostic::new(Code::ForbiddenCharacter, pointer(path), reason.message(c)).with_hint(hint),
                    );
                }
            }
            Value::Array(items) => {
                for (i, item) in items.iter().enumerate() {
                    path.push(Step::Index(i));
                    walk(item, path, out);
                    path.pop();
                }
            }
            Value::Object(map) => {
                for (key, item) in map {
                    path.push(Step::Key(key));
                    walk(item, path, out);
                    path.pop();
                }
            }
            _ => {}
        }
    }
    walk(value, &mut Vec::new(), out);
}

enum Step<'v> {
    Key(&'v str),
    Index(usize),
}

fn pointer(path: &[Step<'_>]) -> String {
    let mut out = String::new();
    for step in path {
        out.push('/');
        match step {
            Step::Key(key) => out.push_str(&escape_token(key)),
            Step::Index(i) => {
                let _ = write!(out, "{i}");
            }
        }
    }
    out
}

fn first_refused(text: &str) -> Option<(Forbidden, char)> {
    if !text.bytes().any(|b| SUSPECT[usize::from(b)]) {
        return None;
    }
    text.chars().find_map(|c| Forbidden::of(c).map(|reason| (reason, c)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn refuses_invisible_and_misleading_characters_only() {
        for c in [
            '\0',
            '\u{7}',
            '\u{7F}',
            '\u{85}',
            '\u{202E}',
            '\u{2067}',
            '\u{FEFF}',
            '\u{FFFE}',
            '\u{1FFFF}',
            '\u{FDD0}',
            '\u{2028}',
            '\u{200F}',
            '\u{061C}',
            '\u{200B}',
            '\u{2060}',
            '\u{FFF9}',
            '\u{E0041}',
        ] {
            assert!(Forbidden::of(c).is_some(), "U+{:04X}", u32::from(c));
        }
        for c in ['\t', '\n', '\r', 'a', '湊', '髙', '\u{200D}', '\u{200C}', '\u{FE0F}', '\u{E0100}', '\u{E000}', '😀']
        {
            assert_eq!(Forbidden::of(c), None, "U+{:04X}", u32::from(c));
        }
    }

    #[test]
    fn the_byte_prefilter_sees_every_refused_character() {
        // Every code point the rule refuses starts with a suspect byte.
        for code in 0..=0x10_FFFF_u32 {
            let Some(c) = char::from_u32(code) else { continue };
            if Forbidden::of(c).is_some() {
                let mut buffer = [0; 4];
                let first = c.encode_utf8(&mut buffer).as_bytes()[0];
                assert!(SUSPECT[usize::from(first)], "U+{code:04X}");
            }
        }
    }

    #[test]
    fn escape_spells_out_refused_characters_only() {
        assert_eq!(Forbidden::escape("a\u{202E}b\u{85}湊"), "a\\u{202E}b\\u{0085}湊");
        assert!(matches!(Forbidden::escape("plain 湊"), std::borrow::Cow::Borrowed(_)));
    }

    #[test]
    fn names_the_field_and_code_point_not_the_text() {
        let value = serde_json::json!({"a": ["ok", "秘密\u{202E}"], "b": "x\u{0}"});
        let mut out = Vec::new();
        check(&value, &mut out);
        let pointers: Vec<&str> = out.iter().map(|d| d.pointer.as_str()).collect();
        assert_eq!(pointers, ["/a/1", "/b"]);
        assert!(out[0].message.en.contains("U+202E") && !out[0].message.ja.contains("秘密"));
    }
}
