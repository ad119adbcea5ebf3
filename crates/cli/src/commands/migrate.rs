//! `tsunagu migrate`: upgrades documents of an older format version to the
//! current one. Nothing is written unless the upgraded document is valid.

use std::io::{self, Write};
use std::path::PathBuf;

use tsunagu_model::{FORMAT_VERSION, Lang, Report, migrate, validate_value};

use crate::commands::render::write_atomically;
use crate::commands::validate::{file_report, parse_value, write_form};
use crate::input::{Source, expand, load_reporting};
use crate::output::{self, error_line};
use crate::{LangArg, exit};

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
    /// 言語 / Language of messages
    #[arg(long, value_enum, default_value_t = LangArg::Ja)]
    lang: LangArg,
}

pub fn run(args: &Args) -> u8 {
    let lang = Lang::from(args.lang);
    let (sources, walk_errors) = expand(&args.paths);
    for (path, error) in &walk_errors {
        let (path, kind) = (path.display(), error.kind());
        error_line(lang, &format!("{path} を読み込めません: {kind}"), &format!("cannot read {path}: {kind}"));
    }
    if !walk_errors.is_empty() {
        return exit::USAGE_OR_IO;
    }
    if !args.in_place && sources.len() != 1 {
        error_line(lang, "複数の文書は --in-place で更新してください", "upgrade several documents with --in-place");
        return exit::USAGE_OR_IO;
    }
    if args.in_place && sources.iter().any(|source| matches!(source, Source::Stdin)) {
        error_line(lang, "標準入力は --in-place で更新できません", "standard input cannot be upgraded in place");
        return exit::USAGE_OR_IO;
    }
    let mut worst = exit::VALID;
    for source in &sources {
        worst = worst.max(migrate_one(source, args, lang));
    }
    worst
}

fn migrate_one(source: &Source, args: &Args, lang: Lang) -> u8 {
    let bytes = match load_reporting(source, lang) {
        Ok(bytes) => bytes,
        Err(code) => return code,
    };
    let migrated = parse_value(&bytes).and_then(|(value, form)| Ok((migrate(value)?, form)));
    let (migration, form) = match migrated {
        Ok(migrated) => migrated,
        Err(diagnostic) => {
            let report = Report { kind: None, diagnostics: vec![*diagnostic], document: None };
            let _ = output::human(&[file_report(source, report, None)], lang, &mut io::stderr());
            return exit::INVALID;
        }
    };
    let report = validate_value(&migration.value);
    let Some(document) = report.document.as_ref().filter(|_| report.is_valid()) else {
        let _ = output::human(&[file_report(source, report, None)], lang, &mut io::stderr());
        error_line(
            lang,
            &format!("{source}: 更新後の文書が有効でないため、何も書きませんでした"),
            &format!("{source}: the upgraded document is not valid, so nothing was written"),
        );
        return exit::INVALID;
    };

    let mut log = io::stderr().lock();
    if migration.steps.is_empty() {
        let _ = match lang {
            Lang::Ja => writeln!(log, "{source}: 既に書式 {FORMAT_VERSION} です"),
            Lang::En => writeln!(log, "{source}: already format {FORMAT_VERSION}"),
        };
    } else {
        let _ = writeln!(log, "{source}: {} → {FORMAT_VERSION}", migration.from);
        for step in &migration.steps {
            let _ = writeln!(log, "  {} {}", step.pointer, step.message.get(lang));
        }
    }
    drop(log);

    let upgraded = match write_form(document, form, source, lang) {
        Ok(bytes) => bytes,
        Err(code) => return code,
    };
    let written = match (source, &args.output, args.in_place) {
        // Already current: leave the file (and its formatting) untouched.
        (Source::File(_), _, true) if migration.steps.is_empty() => Ok(()),
        (Source::File(path), _, true) | (_, Some(path), _) => write_atomically(path, &upgraded),
        _ => io::stdout().lock().write_all(&upgraded),
    };
    if let Err(error) = written {
        let kind = error.kind();
        error_line(lang, &format!("{source}: 書き込めません: {kind}"), &format!("{source}: cannot write: {kind}"));
        return exit::USAGE_OR_IO;
    }
    exit::VALID
}
