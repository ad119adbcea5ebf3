//! `tsunagu validate`: every document checked, every problem reported.

use std::io::{self, Write};

use clap::ValueEnum;
use serde_json::Value;
use tsunagu_model::{Code, Diagnostic, Kind, Lang, MAX_DOCUMENT_BYTES, Message, Report, parse_json, validate_owned};

use crate::input::{Loaded, Source, expand, load};
use crate::output::{self, FileReport};
use crate::{Inputs, LangArg, exit};

#[derive(clap::Args)]
pub struct Args {
    #[command(flatten)]
    inputs: Inputs,
    /// 出力形式 / Report format
    #[arg(long, value_enum, default_value_t = Format::Human)]
    format: Format,
    /// メッセージの言語 / Language of messages
    #[arg(long, value_enum, default_value_t = LangArg::Ja)]
    lang: LangArg,
    /// この種類の文書だけを受け付ける / Accept only documents of this kind
    #[arg(long, value_enum)]
    kind: Option<KindArg>,
    /// 問題のある項目の値も表示する (健康情報が出力に入ります。自分のデータの確認用) /
    /// Also print the value of each field with a problem (puts health data in the output; for checking your own data)
    #[arg(long)]
    show_values: bool,
}

#[derive(Clone, Copy, ValueEnum)]
enum Format {
    /// 人が読む形式 / For people
    Human,
    /// JSON Lines (1行に1文書) / JSON Lines, one object per document
    Json,
    /// JUnit XML (1文書 = 1テストケース) / JUnit XML, one test case per document
    Junit,
    /// SARIF 2.1.0
    Sarif,
    /// GitHub Actions の注釈 / GitHub Actions annotations
    Github,
}

#[derive(Clone, Copy, ValueEnum)]
pub enum KindArg {
    Instruction,
    Assessment,
    Consent,
}

impl From<KindArg> for Kind {
    fn from(value: KindArg) -> Self {
        match value {
            KindArg::Instruction => Kind::Instruction,
            KindArg::Assessment => Kind::Assessment,
            KindArg::Consent => Kind::Consent,
        }
    }
}

pub fn run(args: &Args) -> u8 {
    let lang = Lang::from(args.lang);
    let (sources, walk_errors) = expand(&args.inputs.paths);
    let mut reports: Vec<FileReport> =
        walk_errors.into_iter().map(|(path, error)| io_report(&Source::File(path), &error)).collect();
    reports.extend(sources.iter().map(|source| check(source, args.kind.map(Kind::from), args.show_values)));

    let mut stdout = io::stdout().lock();
    let written = match args.format {
        Format::Human => output::human(&reports, lang, &mut stdout),
        Format::Json => output::json_lines(&reports, &mut stdout),
        Format::Junit => output::junit::write(&reports, lang, &mut stdout),
        Format::Sarif => output::sarif::write(&reports, lang, &mut stdout),
        Format::Github => output::github::write(&reports, lang, &mut stdout),
    };
    if written.and_then(|()| stdout.flush()).is_err() {
        return exit::USAGE_OR_IO;
    }
    if reports.iter().any(|r| r.io_error.is_some()) {
        exit::USAGE_OR_IO
    } else if reports.iter().all(|r| r.valid) {
        exit::VALID
    } else {
        exit::INVALID
    }
}

/// Validates one source into its report.
pub fn check(source: &Source, expected: Option<Kind>, show_values: bool) -> FileReport {
    match load(source) {
        Loaded::Bytes(bytes) => {
            let mut file = file_report(source, parse_any(&bytes), expected);
            if show_values {
                fill_in_values(&mut file.diagnostics, &bytes);
            }
            file
        }
        Loaded::TooLarge(size) => FileReport {
            file: source.to_string(),
            kind: None,
            valid: false,
            io_error: None,
            diagnostics: vec![Diagnostic::new(
                Code::TooLarge,
                "",
                Message::new(
                    format!("ファイルが大きすぎます ({size} バイト以上、上限 {MAX_DOCUMENT_BYTES} バイト)"),
                    format!("file too large ({size} bytes or more, limit {MAX_DOCUMENT_BYTES})"),
                ),
            )],
        },
        Loaded::Failed(error) => io_report(source, &error),
    }
}

pub fn file_report(source: &Source, mut report: Report, expected: Option<Kind>) -> FileReport {
    if let (Some(expected), Some(kind)) = (expected, report.kind)
        && expected != kind
    {
        report.diagnostics.insert(
            0,
            Diagnostic::new(
                Code::KindMismatch,
                "/kind",
                Message::new(
                    format!("{}が必要ですが、{}です", expected.label(Lang::Ja), kind.label(Lang::Ja)),
                    format!("expected a document of kind {expected}, found {kind}"),
                ),
            ),
        );
    }
    let valid = report.is_valid();
    FileReport { file: source.to_string(), kind: report.kind, valid, io_error: None, diagnostics: report.diagnostics }
}

fn io_report(source: &Source, error: &io::Error) -> FileReport {
    FileReport {
        file: source.to_string(),
        kind: None,
        valid: false,
        io_error: Some(error.kind().to_string()),
        diagnostics: Vec::new(),
    }
}

/// `--show-values`: each diagnostic gets the value at its pointer. The document is
/// read a second time, which only this opt-in path pays.
pub fn fill_in_values(diagnostics: &mut [Diagnostic], bytes: &[u8]) {
    if let Ok((value, _)) = parse_value(bytes) {
        for diagnostic in diagnostics {
            diagnostic.show_value(&value);
        }
    }
}

/// Validates JSON, or XML (recognised by its first character), the same way.
pub fn parse_any(bytes: &[u8]) -> Report {
    match parse_value(bytes) {
        Ok((value, _)) => validate_owned(value),
        Err(diagnostic) => Report { kind: None, diagnostics: vec![*diagnostic], document: None },
    }
}

/// The form a document is written in.
#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Form {
    Json,
    Xml,
}

/// The document in a form: canonical JSON, or the XML form. When XML cannot carry
/// it, says why on standard error and returns the exit code.
pub fn write_form(document: &tsunagu_model::Document, form: Form, source: &Source, lang: Lang) -> Result<Vec<u8>, u8> {
    match form {
        Form::Json => Ok(document.to_canonical_json()),
        Form::Xml => {
            tsunagu_xml::to_xml(document.kind(), &document.to_value()).map(String::into_bytes).map_err(|error| {
                output::error_line(lang, &format!("{source}: {}", error.message_ja()), &format!("{source}: {error}"));
                exit::INVALID
            })
        }
    }
}

/// Reads JSON or XML (told apart by the first character) into a JSON value, strictly.
pub fn parse_value(bytes: &[u8]) -> Result<(Value, Form), Box<Diagnostic>> {
    let first = bytes.iter().find(|b| !b.is_ascii_whitespace());
    if first != Some(&b'<') {
        return parse_json(bytes).map(|value| (value, Form::Json)).map_err(|error| Box::new(error.into_diagnostic()));
    }
    match tsunagu_xml::from_xml(bytes) {
        Ok((_, value)) => Ok((value, Form::Xml)),
        Err(error) => {
            Err(Box::new(Diagnostic::new(Code::NotXml, "", Message::new(error.message_ja(), error.to_string()))))
        }
    }
}
