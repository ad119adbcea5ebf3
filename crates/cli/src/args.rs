//! Argument types several commands share.

use std::path::PathBuf;

use clap::ValueEnum;
use clap::builder::{PossibleValuesParser, TypedValueParser};
use tsunagu_model::{Date, Kind, Lang, Vocabulary};

/// Language of messages and printed forms.
#[derive(Clone, Copy, Default, ValueEnum)]
pub enum LangArg {
    /// 日本語
    #[default]
    Ja,
    /// English
    En,
}

impl From<LangArg> for Lang {
    fn from(value: LangArg) -> Self {
        match value {
            LangArg::Ja => Lang::Ja,
            LangArg::En => Lang::En,
        }
    }
}

/// Parses a document kind by its JSON name; every kind of the format is offered.
pub fn kind_parser() -> impl TypedValueParser<Value = Kind> {
    PossibleValuesParser::new(Kind::ALL.iter().map(|kind| kind.as_str()))
        // The possible values are the kinds' own names, so the look-up always finds one.
        .map(|name| Kind::parse(&name).unwrap_or(Kind::ALL[0]))
}

/// Parses a vocabulary value by its JSON name, offering every value.
pub fn vocabulary_parser<V: Vocabulary + Send + Sync + Clone>() -> impl TypedValueParser<Value = V> {
    PossibleValuesParser::new(V::ALL.iter().map(|value| value.as_str()))
        // The possible values are the vocabulary's own names, so the look-up always finds one.
        .map(|name| V::ALL.iter().copied().find(|value| value.as_str() == name).unwrap_or(V::ALL[0]))
}

/// A date written `YYYY-MM-DD`.
pub fn parse_date(text: &str) -> Result<Date, String> {
    Date::parse(text).map_err(|_| "expected a date as YYYY-MM-DD (e.g. 2026-04-01)".to_owned())
}

/// The date given, else today in this machine's time zone: the one place the tools read the clock.
pub fn as_of(given: Option<Date>) -> Result<Date, crate::error::CliError> {
    if let Some(date) = given {
        return Ok(date);
    }
    let now = jiff::ZonedDateTime::now();
    let (month, day) = (u8::try_from(now.month()).unwrap_or(0), u8::try_from(now.day()).unwrap_or(0));
    Date::new(i32::from(now.year()), month, day).map_err(|_| {
        crate::error::CliError::usage(tsunagu_model::Message::fixed(
            "今日の日付がわかりません。--as-of で日付を書いてください",
            "cannot tell today's date; give it with --as-of",
        ))
    })
}

/// The paths arguments of commands that read documents.
#[derive(clap::Args)]
pub struct Inputs {
    /// ファイル・ディレクトリ (*.json・*.xml)・- (標準入力) / Files, directories (*.json, *.xml) or - for standard input
    #[arg(required = true, value_name = "PATH")]
    pub paths: Vec<PathBuf>,
}

/// The form a document is written in.
#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Form {
    Json,
    Xml,
}
