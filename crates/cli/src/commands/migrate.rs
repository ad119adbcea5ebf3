//! `tsunagu migrate`: upgrades documents of an older format version to the
//! current one. Nothing is written unless the upgraded document is valid.

use std::io::{self, Write};
use std::path::PathBuf;

use tsunagu_model::{FORMAT_VERSION, Lang, Message, Report, migrate, validate_value};

use crate::error::{CliError, exit, in_file};
use crate::input::{Source, expand, load_or_fail, parse_value};
use crate::output::FileReport;
use crate::write::{in_form, to_file_or_stdout};

#[derive(clap::Args)]
pub struct Args {
    /// 更新する文書 (JSON 又は XML、ディレクトリ、- で標準入力) / Documents to upgrade (JSON or XML, directories, - for standard input)
    #[arg(required = true, value_name = "PATH")]
    paths: Vec<PathBuf>,
    /// 元のファイルを書き換える (既定: 一つの文書を標準出力へ) / Rewrite the files in place (default: one document to standard output)
    #[arg(long, conflicts_with = "output")]
    in_place: bool,
    /// 出力先 (文書が一つのとき) / Output path, for a single document
    #[arg(short, long, value_name = "PATH")]
    output: Option<PathBuf>,
}

pub fn run(args: &Args, lang: Lang) -> Result<u8, CliError> {
    let (sources, walk_errors) = expand(&args.paths);
    if let Some((path, error)) = walk_errors.first() {
        return Err(CliError::cannot_read(&path.display(), error));
    }
    if !args.in_place && sources.len() != 1 {
        return Err(CliError::usage(Message::fixed(
            "複数の文書は --in-place で更新してください",
            "upgrade several documents with --in-place",
        )));
    }
    if args.in_place && sources.iter().any(|source| matches!(source, Source::Stdin)) {
        return Err(CliError::usage(Message::fixed(
            "標準入力は --in-place で更新できません",
            "standard input cannot be upgraded in place",
        )));
    }
    // Each document stands alone: one that cannot be upgraded is reported and the rest go on.
    let mut worst = exit::VALID;
    for source in &sources {
        if let Err(error) = migrate_one(source, args, lang) {
            error.print(lang);
            worst = worst.max(error.exit);
        }
    }
    Ok(worst)
}

fn migrate_one(source: &Source, args: &Args, lang: Lang) -> Result<(), CliError> {
    let bytes = load_or_fail(source)?;
    let (migration, form) =
        parse_value(&bytes).and_then(|(value, form)| Ok((migrate(value)?, form))).map_err(|diagnostic| {
            let report = Report { kind: None, diagnostics: vec![*diagnostic], document: None };
            let message = Message::fixed("更新できません", "cannot be upgraded");
            CliError::invalid(in_file(&source.to_string(), &message)).with_report(FileReport::of(source, report, None))
        })?;
    let report = validate_value(migration.value);
    let Some(document) = report.document.as_ref().filter(|_| report.is_valid()) else {
        let message = Message::fixed(
            "更新後の文書が有効でないため、何も書きませんでした",
            "the upgraded document is not valid, so nothing was written",
        );
        return Err(
            CliError::invalid(in_file(&source.to_string(), &message)).with_report(FileReport::of(source, report, None))
        );
    };

    let mut log = io::stderr().lock();
    if migration.steps.is_empty() {
        let already =
            Message::new(format!("既に書式 {FORMAT_VERSION} です"), format!("already format {FORMAT_VERSION}"));
        writeln!(log, "{source}: {}", already.get(lang))?;
    } else {
        writeln!(log, "{source}: {} → {FORMAT_VERSION}", migration.from)?;
        for step in &migration.steps {
            writeln!(log, "  {} {}", step.pointer, step.message.get(lang))?;
        }
    }
    drop(log);

    let upgraded =
        in_form(document, form).map_err(|error| CliError::invalid(in_file(&source.to_string(), &error.message())))?;
    match (source, &args.output, args.in_place) {
        // Already current: leave the file (and its formatting) untouched.
        (Source::File(_), _, true) if migration.steps.is_empty() => Ok(()),
        (Source::File(path), _, true) | (_, Some(path), _) => to_file_or_stdout(Some(path), &upgraded),
        _ => to_file_or_stdout(None, &upgraded),
    }
}
