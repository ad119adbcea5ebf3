//! `tsunagu extract`: the JSON a tsunagu PDF carries, validated.

use std::path::PathBuf;

use tsunagu_model::{Lang, Message};
use tsunagu_render::extract_attachment;

use crate::error::{CliError, exit, in_file};
use crate::input::{Source, load_pdf_or_document};
use crate::output::FileReport;
use crate::write::to_file_or_stdout;

#[derive(clap::Args)]
pub struct Args {
    /// tsunagu の PDF / A PDF made by tsunagu
    #[arg(value_name = "PDF")]
    file: PathBuf,
    /// JSON の出力先 (既定: 標準出力) / Where to write the JSON (default: standard output)
    #[arg(short, long, value_name = "JSON")]
    output: Option<PathBuf>,
}

pub fn run(args: &Args, _lang: Lang) -> Result<u8, CliError> {
    let name = args.file.display().to_string();
    let pdf = load_pdf_or_document(&args.file)?;
    let data = extract_attachment(&pdf).map_err(|error| CliError::invalid(in_file(&name, &error.message())))?;
    let report = tsunagu_model::validate(&data.json);
    if !report.is_valid() {
        let message = Message::fixed("添付された文書が有効ではありません", "the attached document is not valid");
        let report = FileReport::of(&Source::File(args.file.clone()), report, None);
        return Err(CliError::invalid(message).with_report(report));
    }
    to_file_or_stdout(args.output.as_deref(), &data.json)?;
    Ok(exit::VALID)
}
