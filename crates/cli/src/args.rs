//! Argument types several commands share.

use std::path::PathBuf;

use clap::ValueEnum;
use clap::builder::{PossibleValuesParser, TypedValueParser};
use tsunagu_model::{Kind, Lang};

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
