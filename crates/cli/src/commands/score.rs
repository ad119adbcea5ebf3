//! `tsunagu score`: the medical-care score of an instruction sheet or assessment.

use std::io::{self, Write};
use std::path::PathBuf;

use clap::ValueEnum;
use tsunagu_model::{Lang, Score, Vocabulary, score_document};

use crate::input::load_one;
use crate::output::{self, error_line};
use crate::{LangArg, exit};

#[derive(clap::Args)]
pub struct Args {
    /// 指示書又はアセスメントのファイル (- で標準入力) / Instruction sheet or assessment (- for standard input)
    #[arg(value_name = "FILE")]
    file: PathBuf,
    /// 出力形式 / Output format
    #[arg(long, value_enum, default_value_t = Format::Human)]
    format: Format,
    /// 言語 / Language
    #[arg(long, value_enum, default_value_t = LangArg::Ja)]
    lang: LangArg,
}

#[derive(Clone, Copy, ValueEnum)]
enum Format {
    Human,
    Json,
}

pub fn run(args: &Args) -> u8 {
    let lang = Lang::from(args.lang);
    let (source, bytes) = match load_one(&args.file, lang) {
        Ok(loaded) => loaded,
        Err(code) => return code,
    };
    let report = crate::commands::validate::parse_any(&bytes);
    let Some(document) = &report.document else {
        error_line(
            lang,
            &format!("{source}: 文書がスキーマに合致しないため計算できません (tsunagu validate で確認してください)"),
            &format!("{source}: the document does not match its schema (see tsunagu validate)"),
        );
        return exit::INVALID;
    };
    let Some(score) = score_document(document) else {
        error_line(
            lang,
            &format!("{source}: {}にはケアの項目がありません", document.kind().label(Lang::Ja)),
            &format!("{source}: a {} has no care items to score", document.kind()),
        );
        return exit::INVALID;
    };
    let mut stdout = io::stdout().lock();
    let written = match args.format {
        Format::Human => human(&score, lang, &mut stdout),
        Format::Json => {
            serde_json::to_writer_pretty(&mut stdout, &score).map_err(io::Error::from).and_then(|()| writeln!(stdout))
        }
    };
    if written.is_err() {
        return exit::USAGE_OR_IO;
    }
    exit::VALID
}

fn human(score: &Score, lang: Lang, out: &mut impl Write) -> io::Result<()> {
    let (title, watch_label, total_label) = match lang {
        Lang::Ja => ("医療的ケア判定スコア", "見守り", "合計"),
        Lang::En => ("Medical-care score", "watch", "Total"),
    };
    writeln!(out, "{title}")?;
    for line in &score.lines {
        writeln!(
            out,
            "  {:<6} {:<28} {:>2} + {watch_label} {} = {:>2}",
            line.item.number(),
            line.item.label(lang),
            line.base,
            line.watch_points,
            line.points
        )?;
        if let Some(note) = &line.note {
            writeln!(out, "         ({})", note.get(lang))?;
        }
    }
    writeln!(out, "{total_label}: {} — {}", score.total, score.class.label(lang))?;
    if score.short_stay_threshold_met {
        match lang {
            Lang::Ja => writeln!(out, "8点以上: 他の要件を満たせば医療型短期入所の対象になります")?,
            Lang::En => writeln!(out, "8 points or more: with the other criteria, medical short stay is open")?,
        }
    }
    for diagnostic in &score.diagnostics {
        output::diagnostic_lines(diagnostic, lang, out)?;
    }
    Ok(())
}
