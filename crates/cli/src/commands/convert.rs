//! `tsunagu convert`: between the JSON and XML forms, losslessly.

use std::path::PathBuf;

use tsunagu_model::{Lang, Message};

use crate::args::Form;
use crate::error::{CliError, exit, in_file};
use crate::input::{load_one, validate_document};
use crate::output::FileReport;
use crate::write::{in_form, to_file_or_stdout};

#[derive(clap::Args)]
pub struct Args {
    /// 変換する文書 (JSON 又は XML、- で標準入力) / Document to convert (JSON or XML, - for standard input)
    #[arg(value_name = "FILE")]
    file: PathBuf,
    /// 変換先の形式 / Target form
    #[arg(long, value_enum)]
    to: Form,
    /// 出力先 (既定: 標準出力) / Output path (default: standard output)
    #[arg(short, long, value_name = "PATH")]
    output: Option<PathBuf>,
}

pub fn run(args: &Args, _lang: Lang) -> Result<u8, CliError> {
    let (source, bytes) = load_one(&args.file)?;
    let report = validate_document(&bytes);
    let Some(document) = report.document.as_ref().filter(|_| report.is_valid()) else {
        let message = Message::fixed("有効な文書だけを変換します", "only valid documents are converted");
        return Err(CliError::invalid(message).with_report(FileReport::of(&source, report, None)));
    };
    let converted = in_form(document, args.to)
        .map_err(|error| CliError::invalid(in_file(&source.to_string(), &error.message())))?;
    to_file_or_stdout(args.output.as_deref(), &converted)?;
    Ok(exit::VALID)
}
