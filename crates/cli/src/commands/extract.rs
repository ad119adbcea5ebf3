//! `tsunagu extract`: the JSON a tsunagu PDF carries, validated.

use std::fs;
use std::io::{self, Write};
use std::path::PathBuf;

use tsunagu_model::{Lang, validate};
use tsunagu_render::{ExtractError, extract_attachment};

use crate::commands::render::write_atomically;
use crate::commands::validate::file_report;
use crate::input::Source;
use crate::output::{self, error_line};
use crate::{LangArg, exit};

#[derive(clap::Args)]
pub struct Args {
    /// tsunagu の PDF / A PDF made by tsunagu
    #[arg(value_name = "PDF")]
    file: PathBuf,
    /// JSON の出力先 (既定: 標準出力) / Where to write the JSON (default: standard output)
    #[arg(short, long, value_name = "JSON")]
    output: Option<PathBuf>,
    /// 言語 / Language
    #[arg(long, value_enum, default_value_t = LangArg::Ja)]
    lang: LangArg,
}

pub fn run(args: &Args) -> u8 {
    let lang = Lang::from(args.lang);
    let name = args.file.display().to_string();
    let metadata = match fs::metadata(&args.file) {
        Ok(metadata) => metadata,
        Err(error) => {
            let kind = error.kind();
            error_line(lang, &format!("{name} を読み込めません: {kind}"), &format!("cannot read {name}: {kind}"));
            return exit::USAGE_OR_IO;
        }
    };
    if metadata.len() > tsunagu_render::MAX_PDF_BYTES as u64 {
        let error = ExtractError::TooLarge;
        error_line(lang, &format!("{name}: {}", error.message_ja()), &format!("{name}: {error}"));
        return exit::INVALID;
    }
    let pdf = match fs::read(&args.file) {
        Ok(pdf) => pdf,
        Err(error) => {
            let kind = error.kind();
            error_line(lang, &format!("{name} を読み込めません: {kind}"), &format!("cannot read {name}: {kind}"));
            return exit::USAGE_OR_IO;
        }
    };
    let data = match extract_attachment(&pdf) {
        Ok(data) => data,
        Err(error) => {
            error_line(lang, &format!("{name}: {}", error.message_ja()), &format!("{name}: {error}"));
            return exit::INVALID;
        }
    };
    let report = validate(&data.json);
    if !report.is_valid() {
        let _ = output::human(&[file_report(&Source::File(args.file.clone()), report, None)], lang, &mut io::stderr());
        error_line(lang, "添付された文書が有効ではありません", "the attached document is not valid");
        return exit::INVALID;
    }
    let written = match &args.output {
        Some(path) => write_atomically(path, &data.json),
        None => io::stdout().lock().write_all(&data.json),
    };
    if written.is_err() {
        return exit::USAGE_OR_IO;
    }
    exit::VALID
}
