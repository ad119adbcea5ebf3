//! The validation pipeline: strict JSON, the kind, the schema, then the rules
//! the schema cannot express. Every problem is returned at once.

use jsonschema::error::{TypeKind, ValidationErrorKind};
use serde_json::Value;

use crate::Lang;
use crate::diagnostic::{Code, Diagnostic, Message, Severity, escape_token};
use crate::documents::{Document, FORMAT_VERSION, FormatVersion, Kind};
use crate::json::parse_json;
use crate::rules;
use crate::schema::SchemaSet;
use crate::vocab::Vocabulary;

/// The outcome of validating one document.
#[derive(Debug, Clone, PartialEq)]
pub struct Report {
    /// The kind, once known.
    pub kind: Option<Kind>,
    /// Every problem found, errors first, then by position.
    pub diagnostics: Vec<Diagnostic>,
    /// The typed document, when it passed the schema (it may still have rule errors).
    pub document: Option<Document>,
}

impl Report {
    fn failed(kind: Option<Kind>, diagnostics: Vec<Diagnostic>) -> Self {
        Self { kind, diagnostics, document: None }
    }

    /// Valid means no error; warnings and notes are allowed.
    pub fn is_valid(&self) -> bool {
        self.document.is_some() && !self.diagnostics.iter().any(Diagnostic::is_error)
    }

    pub fn count(&self, severity: Severity) -> usize {
        self.diagnostics.iter().filter(|d| d.severity == severity).count()
    }
}

/// Validates the bytes of one JSON document of any kind: the strict reader, the
/// kind's schema, then the rules the schema cannot express. Every tool reads JSON
/// documents through here (the CLI, batch, the browser modules).
pub fn validate(bytes: &[u8]) -> Report {
    match parse_json(bytes) {
        Ok(value) => validate_value(value),
        Err(error) => Report::failed(None, vec![error.into_diagnostic()]),
    }
}

/// Validates a document already read into a JSON value (from XML, or upgraded by
/// [`crate::migrate`]): the same schema and rules as [`validate`]. The value is taken
/// apart to build the typed document, so its strings are moved, not copied.
pub fn validate_value(owned: Value) -> Report {
    let value = &owned;
    let Some(object) = value.as_object() else {
        let message = Message::new("文書は JSON オブジェクトでなければなりません", "a document must be a JSON object");
        return Report::failed(None, vec![Diagnostic::new(Code::NotObject, "", message)]);
    };
    let kind = match object.get("kind") {
        None => {
            let message = Message::new("文書の種類 (kind) がありません", "the document kind (kind) is missing");
            let hint = Message::new(
                format!("kind に {} のいずれかを書いてください", kind_names(Lang::Ja)),
                format!("set kind to {}", kind_names(Lang::En)),
            );
            return Report::failed(None, vec![Diagnostic::new(Code::KindMissing, "/kind", message).with_hint(hint)]);
        }
        Some(kind) => {
            if let Some(kind) = kind.as_str().and_then(Kind::parse) {
                kind
            } else {
                let message = Message::new("文書の種類 (kind) が不明です", "unknown document kind (kind)");
                let hint = Message::new(
                    format!("{} のいずれかです", kind_names(Lang::Ja)),
                    format!("expected {}", kind_names(Lang::En)),
                );
                return Report::failed(
                    None,
                    vec![Diagnostic::new(Code::KindUnknown, "/kind", message).with_hint(hint)],
                );
            }
        }
    };
    let readable = |version: &str| FormatVersion::ALL.iter().any(|known| known.as_str() == version);
    if object.get("formatVersion").and_then(Value::as_str).is_some_and(|version| !readable(version)) {
        // The value is not quoted: it is the document's text, and could be anything.
        let supported = FormatVersion::ALL.iter().map(|v| v.as_str()).collect::<Vec<_>>().join(", ");
        let message = Message::new(
            format!("この書式の版には対応していません (対応: {supported})"),
            format!("this format version is not supported (supported: {supported})"),
        );
        let version_pointer = "/formatVersion";
        return Report::failed(Some(kind), vec![Diagnostic::new(Code::VersionUnsupported, version_pointer, message)]);
    }

    let validator = SchemaSet::get().validator(kind);
    if !validator.is_valid(value) {
        let mut diagnostics: Vec<Diagnostic> =
            validator.iter_errors(value).flat_map(|error| schema_diagnostics(&error)).collect();
        sort(&mut diagnostics);
        diagnostics.dedup();
        return Report::failed(Some(kind), diagnostics);
    }

    // Checked on the JSON while it is still whole: it sees every string, extensions included.
    let mut text_problems = Vec::new();
    crate::text::check(value, &mut text_problems);

    // An older document is also held against its own version's schema, which needs it whole.
    let older = (object.get("formatVersion").and_then(Value::as_str) != Some(FORMAT_VERSION)).then(|| owned.clone());
    let document = match kind.read(owned) {
        Ok(document) => document,
        Err(error) => {
            // The schema and the types are generated from one source, so this means a bug;
            // still report it as data rather than panic.
            let message = Message::new(
                "スキーマに合致しましたが読み込めませんでした (tsunagu の不具合です)",
                format!("matched the schema but could not be read: {} (a tsunagu bug)", error.classify_name()),
            );
            return Report::failed(Some(kind), vec![Diagnostic::new(Code::Schema, "", message)]);
        }
    };
    let mut diagnostics = Vec::new();
    rules::check(&document, older.as_ref(), &mut diagnostics);
    diagnostics.append(&mut text_problems);
    sort(&mut diagnostics);
    Report { kind: Some(kind), diagnostics, document: Some(document) }
}

trait ClassifyName {
    fn classify_name(&self) -> &'static str;
}

impl ClassifyName for serde_json::Error {
    fn classify_name(&self) -> &'static str {
        match self.classify() {
            serde_json::error::Category::Io => "io",
            serde_json::error::Category::Syntax => "syntax",
            serde_json::error::Category::Data => "data",
            serde_json::error::Category::Eof => "eof",
        }
    }
}

/// `instruction・assessment・consent`, or `instruction, assessment or consent`.
fn kind_names(lang: Lang) -> String {
    let names: Vec<&str> = Kind::ALL.iter().map(|kind| kind.as_str()).collect();
    match (lang, names.split_last()) {
        (Lang::En, Some((last, rest))) if !rest.is_empty() => format!("{} or {last}", rest.join(", ")),
        _ => names.join("・"),
    }
}

/// Errors first, then in document order of their pointers.
pub(crate) fn sort(diagnostics: &mut [Diagnostic]) {
    diagnostics.sort_by(|a, b| b.severity.cmp(&a.severity).then_with(|| a.pointer.cmp(&b.pointer)));
}

/// Turns one schema error into diagnostics, naming fields and limits but never
/// quoting the document's values.
fn schema_diagnostics(error: &jsonschema::ValidationError<'_>) -> Vec<Diagnostic> {
    let pointer = error.instance_path().as_str().to_owned();
    let one = |code: Code, ja: String, en: String| vec![Diagnostic::new(code, pointer.clone(), Message::new(ja, en))];
    match error.kind() {
        ValidationErrorKind::Required { property } => {
            let name = property.as_str().unwrap_or_default();
            let pointer = format!("{pointer}/{}", escape_token(name));
            vec![Diagnostic::new(
                Code::Required,
                pointer,
                Message::new(format!("必須の項目 {name} がありません"), format!("required field {name} is missing")),
            )]
        }
        ValidationErrorKind::AdditionalProperties { unexpected } => unexpected
            .iter()
            .map(|name| {
                Diagnostic::new(
                    Code::UnknownField,
                    format!("{pointer}/{}", escape_token(name)),
                    Message::new("この書式にない項目です", "this field is not part of the format"),
                )
                .with_hint(Message::new(
                    "地域独自の項目は extensions に置いてください",
                    "put local items under extensions",
                ))
            })
            .collect(),
        ValidationErrorKind::Type { kind } => {
            let expected = match kind {
                TypeKind::Single(t) => t.to_string(),
                TypeKind::Multiple(set) => set.iter().map(|t| t.to_string()).collect::<Vec<_>>().join(" | "),
            };
            one(
                Code::Type,
                format!("型が違います ({expected} が必要です)"),
                format!("wrong type (expected {expected})"),
            )
        }
        ValidationErrorKind::Enum { .. } | ValidationErrorKind::OneOfNotValid { .. } => {
            one(Code::Enum, "選択肢にない値です".into(), "not one of the allowed values".into())
        }
        ValidationErrorKind::Constant { expected_value } => {
            one(Code::Const, format!("値は {expected_value} でなければなりません"), format!("must be {expected_value}"))
        }
        ValidationErrorKind::Format { format } => {
            let (ja, en) = match format.as_str() {
                "date" => (
                    "日付は YYYY-MM-DD で、実在する日でなければなりません",
                    "a date must be a real day written YYYY-MM-DD",
                ),
                "uuid" => ("UUID の形式ではありません", "not a UUID"),
                _ => ("形式が違います", "wrong format"),
            };
            one(Code::Format, ja.into(), en.into())
        }
        ValidationErrorKind::Pattern { .. } => {
            one(Code::Pattern, "書き方が正しくありません".into(), "not written in the expected form".into())
        }
        ValidationErrorKind::MinLength { limit } => {
            let (ja, en) = if *limit == 1 {
                ("空にはできません".to_owned(), "must not be empty".to_owned())
            } else {
                (format!("{limit} 文字以上が必要です"), format!("must be at least {limit} characters"))
            };
            one(Code::TooShort, ja, en)
        }
        ValidationErrorKind::MaxLength { limit } => {
            one(Code::TooLong, format!("{limit} 文字までです"), format!("must be at most {limit} characters"))
        }
        ValidationErrorKind::MinItems { limit } => one(
            Code::TooFewItems,
            format!("{limit} 件以上が必要です"),
            format!("needs at least {limit} {}", entries(*limit)),
        ),
        ValidationErrorKind::MaxItems { limit } => one(
            Code::TooManyItems,
            format!("{limit} 件までです"),
            format!("allows at most {limit} {}", entries(*limit)),
        ),
        ValidationErrorKind::Minimum { limit } | ValidationErrorKind::ExclusiveMinimum { limit } => {
            one(Code::BelowMinimum, format!("{limit} 以上でなければなりません"), format!("must be at least {limit}"))
        }
        ValidationErrorKind::Maximum { limit } | ValidationErrorKind::ExclusiveMaximum { limit } => {
            one(Code::AboveMaximum, format!("{limit} 以下でなければなりません"), format!("must be at most {limit}"))
        }
        ValidationErrorKind::PropertyNames { .. } => one(
            Code::Pattern,
            "拡張のキーは逆ドメイン名 (例: jp.lg.chofu) で書いてください".into(),
            "extension keys must be reverse domain names (e.g. jp.lg.chofu)".into(),
        ),
        _ => one(Code::Schema, "スキーマに合致しません".into(), "does not match the schema".into()),
    }
}

fn entries(n: u64) -> &'static str {
    if n == 1 { "entry" } else { "entries" }
}
