//! `tsunagu validate`: every document checked, every problem reported.

use std::io::{self, Write};

use clap::ValueEnum;
use tsunagu_model::{Code, Document, Kind, Lang, Message, check_folder, compare_with_previous};

use crate::args::{Inputs, kind_parser};
use crate::error::{CliError, exit};
use crate::folder::{Read, read_all, summaries};
use crate::input::{Source, expand, load_document};
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
    /// 共有シートの前の版: その記録がすべて変わらずに残っているか確かめる /
    /// The previous copy of a shared record: check every entry of it is still there, unchanged
    #[arg(long, value_name = "OLD")]
    previous: Option<std::path::PathBuf>,
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
    let mut reads = read_all(&sources, args.kind, args.show_values);
    let folder = args.inputs.paths.iter().any(|p| p.is_dir());
    across_documents(&mut reads, folder);
    if let Some(previous) = &args.previous {
        against_previous(&mut reads, &sources, previous)?;
    }
    reports.extend(reads.into_iter().map(|read| read.report));

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

/// `--previous OLD`: every entry of the earlier copy is still in the record, unchanged
/// (a removed last entry breaks no link; only the earlier copy shows it).
fn against_previous(reads: &mut [Read], sources: &[Source], previous: &std::path::Path) -> Result<(), CliError> {
    let only_record = |document: &Document| match document {
        Document::Record(record) => Some((**record).clone()),
        _ => None,
    };
    let refuse = || {
        CliError::usage(Message::fixed(
            "--previous は共有シート一件と、その前の版に使います",
            "--previous takes one shared record to validate and its previous copy",
        ))
    };
    let ([read], [Source::File(path)]) = (reads, sources) else { return Err(refuse()) };
    let old = only_record(&load_document(previous)?).ok_or_else(refuse)?;
    let new = only_record(&load_document(path)?).ok_or_else(refuse)?;
    for diagnostic in compare_with_previous(&old, &new) {
        read.report.valid &= !diagnostic.is_error();
        read.report.diagnostics.push(diagnostic);
    }
    read.report.diagnostics.sort_by(|a, b| b.severity.cmp(&a.severity).then_with(|| a.pointer.cmp(&b.pointer)));
    Ok(())
}

/// The checks that need the whole folder (`case.*`, and whether each shared-record
/// entry is within a consent): each goes into the report of the document it is about,
/// naming the other file. They run for a directory, or for two documents or more.
fn across_documents(reads: &mut [Read], folder: bool) {
    let valid: Vec<usize> = (0..reads.len()).filter(|&i| reads[i].summary.is_some()).collect();
    if valid.is_empty() || (valid.len() < 2 && !folder) {
        return;
    }
    // The consent check is about to be made: the note that it was not is dropped.
    for &i in &valid {
        reads[i].report.diagnostics.retain(|d| d.code != Code::RecordConsentNotChecked);
    }
    let (summaries, names) = summaries(reads);
    let names: Vec<&str> = names.iter().map(String::as_str).collect();
    for (index, diagnostic) in check_folder(&summaries, &names) {
        let report = &mut reads[valid[index]].report;
        report.valid &= !diagnostic.is_error();
        report.diagnostics.push(diagnostic);
        report.diagnostics.sort_by(|a, b| b.severity.cmp(&a.severity).then_with(|| a.pointer.cmp(&b.pointer)));
    }
}
