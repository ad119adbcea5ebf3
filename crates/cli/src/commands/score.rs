//! `tsunagu score`: the medical-care score of an instruction sheet or assessment.

use std::io::{self, Write};
use std::path::PathBuf;

use clap::ValueEnum;
use tsunagu_model::{Lang, Message, Score, Vocabulary, score_document};

use crate::error::{CliError, exit};
use crate::input::{load_one, validate_document};
use crate::output::{self, FileReport};
use crate::text;

#[derive(clap::Args)]
pub struct Args {
    /// 指示書又はアセスメントのファイル (- で標準入力) / Instruction sheet or assessment (- for standard input)
    #[arg(value_name = "FILE")]
    file: PathBuf,
    /// 出力形式 / Output format
    #[arg(long, value_enum, default_value_t = Format::Human)]
    format: Format,
}

#[derive(Clone, Copy, ValueEnum)]
enum Format {
    Human,
    Json,
}

pub fn run(args: &Args, lang: Lang) -> Result<u8, CliError> {
    let (source, bytes) = load_one(&args.file)?;
    let report = validate_document(&bytes);
    let Some(document) = &report.document else {
        let message = Message::new(
            format!("{source}: 文書がスキーマに合致しないため計算できません"),
            format!("{source}: the document does not match its schema"),
        );
        let hint = Message::fixed("tsunagu validate で確認してください", "see tsunagu validate");
        return Err(CliError::invalid(message).with_hint(hint).with_report(FileReport::of(&source, report, None)));
    };
    let Some(score) = score_document(document) else {
        let kind = document.kind();
        return Err(CliError::invalid(Message::new(
            format!("{source}: {}にはケアの項目がありません", kind.label(Lang::Ja)),
            format!("{source}: a {kind} has no care items to score"),
        )));
    };
    let mut stdout = io::stdout().lock();
    match args.format {
        Format::Human => human(&score, lang, &mut stdout)?,
        Format::Json => {
            serde_json::to_writer_pretty(&mut stdout, &score).map_err(io::Error::from)?;
            writeln!(stdout)?;
        }
    }
    Ok(exit::VALID)
}

fn human(score: &Score, lang: Lang, out: &mut impl Write) -> io::Result<()> {
    writeln!(out, "{}", text::SCORE_TITLE.get(lang))?;
    for line in &score.lines {
        writeln!(
            out,
            "  {:<6} {:<28} {:>2} + {} {} = {:>2}",
            line.item.number(),
            line.item.label(lang),
            line.base,
            text::WATCH.get(lang),
            line.watch_points,
            line.points
        )?;
        if let Some(note) = &line.note {
            writeln!(out, "         ({})", note.get(lang))?;
        }
    }
    writeln!(out, "{}: {} — {}", text::TOTAL.get(lang), score.total, score.class.label(lang))?;
    writeln!(out, "{}", score.short_stay.label(lang))?;
    for diagnostic in &score.diagnostics {
        output::diagnostic_lines(diagnostic, lang, out)?;
    }
    Ok(())
}
