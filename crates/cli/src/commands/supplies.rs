//! `tsunagu supplies`: what to pack for 1, 3 and 14 days, reckoned from an instruction
//! sheet (and the evacuation plan's counts, such as suctions a day).

use std::io::{self, Write};
use std::path::PathBuf;

use clap::ValueEnum;
use tsunagu_model::{Document, Lang, Message, SUPPLY_DAYS, supplies};

use crate::error::{CliError, exit};
use crate::input::load_document;

#[derive(clap::Args)]
pub struct Args {
    /// 医療的ケア指示書 / The instruction sheet
    #[arg(value_name = "SHEET")]
    sheet: PathBuf,
    /// 個別避難計画 (1日の吸引回数・栄養剤のパックなど) / The evacuation plan (suctions a day, feed packs, …)
    #[arg(long, value_name = "PLAN")]
    plan: Option<PathBuf>,
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
    let Document::Instruction(sheet) = load_document(&args.sheet)? else {
        return Err(CliError::usage(Message::fixed(
            "医療的ケア指示書を指定してください",
            "give a medical-care instruction sheet",
        )));
    };
    let plan = match &args.plan {
        Some(path) => match load_document(path)? {
            Document::Evacuation(plan) => Some(plan),
            _ => {
                return Err(CliError::usage(Message::fixed(
                    "--plan には個別避難計画を指定してください",
                    "--plan takes an evacuation plan",
                )));
            }
        },
        None => None,
    };
    let lines = supplies(&sheet, plan.as_ref().and_then(|p| p.supplies.as_ref()));
    let mut out = io::stdout().lock();
    match args.format {
        Format::Json => {
            serde_json::to_writer_pretty(&mut out, &lines).map_err(io::Error::from)?;
            writeln!(out)?;
        }
        Format::Human => {
            let days: Vec<String> = SUPPLY_DAYS
                .iter()
                .map(|d| if lang == Lang::Ja { format!("{d}日") } else { format!("{d} d") })
                .collect();
            writeln!(out, "{}", days.join(" / "))?;
            for line in &lines {
                let amounts: Vec<String> = line
                    .amounts
                    .iter()
                    .map(|a| a.map_or_else(|| "—".to_owned(), tsunagu_model::print_number))
                    .collect();
                writeln!(
                    out,
                    "{}: {} {} ({})",
                    line.item.get(lang),
                    amounts.join(" / "),
                    line.unit.get(lang),
                    line.note.get(lang)
                )?;
            }
        }
    }
    Ok(exit::VALID)
}
