//! `tsunagu validate`: every document checked, every problem reported.

use std::io::{self, Write};

use clap::ValueEnum;
use tsunagu_model::{Code, Diagnostic, Kind, Lang, MAX_DOCUMENT_BYTES, Message};

use crate::args::{Inputs, kind_parser};
use crate::error::{CliError, exit};
use crate::input::{Loaded, Source, expand, fill_in_values, load, validate_document};
use crate::output::{self, FileReport};

#[derive(clap::Args)]
pub struct Args {
    #[command(flatten)]
    inputs: Inputs,
    /// 出力形式 / Report format
    #[arg(long, value_enum, default_value_t = Format::Human)]
    format: Format,
    /// この種類の文書だけを受け付ける / Accept only documents of this kind
    #[arg(long, value_parser = kind_parser())]
    kind: Option<Kind>,
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

pub fn run(args: &Args, lang: Lang) -> Result<u8, CliError> {
    let (sources, walk_errors) = expand(&args.inputs.paths);
    let mut reports: Vec<FileReport> = walk_errors
        .into_iter()
        .map(|(path, error)| FileReport::unreadable(path.display().to_string(), error.kind()))
        .collect();
    reports.extend(sources.iter().map(|source| check(source, args.kind, args.show_values)));

    let mut stdout = io::stdout().lock();
    match args.format {
        Format::Human => output::human(&reports, lang, &mut stdout),
        Format::Json => output::json_lines(&reports, &mut stdout),
        Format::Junit => output::junit::write(&reports, lang, &mut stdout),
        Format::Sarif => output::sarif::write(&reports, lang, &mut stdout),
        Format::Github => output::github::write(&reports, lang, &mut stdout),
    }?;
    stdout.flush()?;
    Ok(if reports.iter().any(|r| r.io_error.is_some()) {
        exit::USAGE_OR_IO
    } else if reports.iter().all(|r| r.valid) {
        exit::VALID
    } else {
        exit::INVALID
    })
}

/// Validates one source into its report.
fn check(source: &Source, expected: Option<Kind>, show_values: bool) -> FileReport {
    match load(source) {
        Loaded::Bytes(bytes) => {
            let mut file = FileReport::of(source, validate_document(&bytes), expected);
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
            failure: None,
            diagnostics: vec![Diagnostic::new(
                Code::TooLarge,
                "",
                Message::new(
                    format!("ファイルが大きすぎます ({size} バイト以上、上限 {MAX_DOCUMENT_BYTES} バイト)"),
                    format!("file too large ({size} bytes or more, limit {MAX_DOCUMENT_BYTES})"),
                ),
            )],
        },
        Loaded::Failed(error) => FileReport::unreadable(source.to_string(), error.kind()),
    }
}
