//! `tsunagu diff`: what changed between two versions of a document, in the words
//! of the form, with units (吸引圧 15 kPa → 20 kPa).

use std::io::{self, Write};
use std::path::PathBuf;

use clap::ValueEnum;
use tsunagu_model::{Lang, Message};

use crate::error::{CliError, exit};
use crate::input::{changes, load_document};

#[derive(clap::Args)]
pub struct Args {
    /// 前の版 / The earlier version
    #[arg(value_name = "OLD")]
    old: PathBuf,
    /// 新しい版 / The new version
    #[arg(value_name = "NEW")]
    new: PathBuf,
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
    let (old, new) = (load_document(&args.old)?, load_document(&args.new)?);
    let changes = changes(&old, &new, lang)?;
    let mut out = io::stdout().lock();
    match args.format {
        Format::Human => {
            for change in &changes {
                writeln!(out, "{}", change.text(lang))?;
            }
            let summary = Message::new(format!("\n{} 件の変更", changes.len()), format!("\n{} changes", changes.len()));
            writeln!(out, "{}", summary.get(lang))?;
        }
        Format::Json => {
            serde_json::to_writer_pretty(&mut out, &changes).map_err(io::Error::from)?;
            writeln!(out)?;
        }
    }
    Ok(exit::VALID)
}
