//! `tsunagu convert`: between the JSON and XML forms, losslessly.

use std::io::{self, Write};
use std::path::PathBuf;

use tsunagu_model::Lang;

use crate::commands::render::write_atomically;
use crate::commands::validate::{Form, parse_any, write_form};
use crate::input::load_one;
use crate::output::{self, error_line};
use crate::{LangArg, exit};

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
    /// 言語 / Language of messages
    #[arg(long, value_enum, default_value_t = LangArg::Ja)]
    lang: LangArg,
}

pub fn run(args: &Args) -> u8 {
    let lang = Lang::from(args.lang);
    let (source, bytes) = match load_one(&args.file, lang) {
        Ok(loaded) => loaded,
        Err(code) => return code,
    };
    let report = parse_any(&bytes);
    let Some(document) = report.document.as_ref().filter(|_| report.is_valid()) else {
        let file_report = crate::commands::validate::file_report(&source, report, None);
        let _ = output::human(&[file_report], lang, &mut io::stderr());
        error_line(lang, "有効な文書だけを変換します", "only valid documents are converted");
        return exit::INVALID;
    };
    let converted = match write_form(document, args.to, &source, lang) {
        Ok(bytes) => bytes,
        Err(code) => return code,
    };
    let written = match &args.output {
        Some(path) => write_atomically(path, &converted),
        None => io::stdout().lock().write_all(&converted),
    };
    if written.is_err() {
        return exit::USAGE_OR_IO;
    }
    exit::VALID
}
