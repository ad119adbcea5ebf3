//! `tsunagu codes`: every diagnostic code with its severity and meaning.

use std::io::{self, Write};

use clap::ValueEnum;
use serde_json::json;
use tsunagu_model::{Code, Lang};

use crate::error::{CliError, exit};

#[derive(clap::Args)]
pub struct Args {
    /// 出力形式 / Output format
    #[arg(long, value_enum, default_value_t = Format::Table)]
    format: Format,
}

#[derive(Clone, Copy, ValueEnum)]
enum Format {
    /// 表 / A table
    Table,
    /// Markdown
    Markdown,
    /// JSON
    Json,
}

pub fn run(args: &Args) -> Result<u8, CliError> {
    let mut out = io::stdout().lock();
    let written = match args.format {
        Format::Table => Code::ALL.iter().try_for_each(|code| {
            writeln!(out, "{:<38} {:<8} {}", code.as_str(), code.default_severity().label(Lang::En), code.summary())
        }),
        Format::Markdown => writeln!(out, "| Code | Severity | Meaning |\n|---|---|---|").and_then(|()| {
            Code::ALL.iter().try_for_each(|code| {
                writeln!(
                    out,
                    "| `{}` | {} | {} |",
                    code.as_str(),
                    code.default_severity().label(Lang::En),
                    code.summary()
                )
            })
        }),
        Format::Json => {
            let list: Vec<_> = Code::ALL
                .iter()
                .map(|code| json!({ "code": code.as_str(), "severity": code.default_severity(), "summary": code.summary() }))
                .collect();
            serde_json::to_writer_pretty(&mut out, &list).map_err(io::Error::from).and_then(|()| writeln!(out))
        }
    };
    written?;
    Ok(exit::VALID)
}
