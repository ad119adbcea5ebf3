//! `tsunagu verify`: match paper and data. For a JSON (or XML) document, print
//! the code its paper copy shows in the QR code and footer, to compare by eye or
//! by scanning. For a tsunagu PDF, check that the attached data is the data the
//! PDF's embedded code (in its metadata, the same code that was printed) was
//! made from. It does not read the printed page itself: an edit to the page's
//! text is not detected, only a changed attachment.

use std::fs;
use std::io::{self, Write};
use std::path::PathBuf;

use tsunagu_model::{Lang, Vocabulary};
use tsunagu_render::{declared_payload, digest, extract_attachment, payload};

use crate::output::error_line;
use crate::{LangArg, exit};

#[derive(clap::Args)]
pub struct Args {
    /// tsunagu の PDF 又は JSON / A tsunagu PDF or JSON document
    #[arg(value_name = "FILE")]
    file: PathBuf,
    /// 言語 / Language
    #[arg(long, value_enum, default_value_t = LangArg::Ja)]
    lang: LangArg,
}

pub fn run(args: &Args) -> u8 {
    let lang = Lang::from(args.lang);
    let name = args.file.display().to_string();
    let bytes = match fs::metadata(&args.file).and_then(|m| {
        if m.len() > tsunagu_render::MAX_PDF_BYTES as u64 {
            Err(io::Error::new(io::ErrorKind::InvalidData, "file too large"))
        } else {
            fs::read(&args.file)
        }
    }) {
        Ok(bytes) => bytes,
        Err(error) => {
            let kind = error.kind();
            error_line(lang, &format!("{name} を読み込めません: {kind}"), &format!("cannot read {name}: {kind}"));
            return exit::USAGE_OR_IO;
        }
    };
    let is_pdf = bytes.starts_with(b"%PDF-");
    let json = if is_pdf {
        match extract_attachment(&bytes) {
            Ok(data) => data.json,
            Err(error) => {
                error_line(lang, &format!("{name}: {}", error.message_ja()), &format!("{name}: {error}"));
                return exit::INVALID;
            }
        }
    } else {
        bytes.clone()
    };
    let Some(document) = crate::commands::validate::parse_any(&json).document else {
        error_line(
            lang,
            &format!("{name}: 有効な文書ではありません (tsunagu validate で確認してください)"),
            &format!("{name}: not a valid document (see tsunagu validate)"),
        );
        return exit::INVALID;
    };
    let canonical = document.to_canonical_json();
    let expected = payload(
        document.format_version().as_str(),
        document.kind().as_str(),
        &document.id().to_string(),
        &digest(&canonical),
    );
    let mut out = io::stdout().lock();
    if !is_pdf {
        let _ = writeln!(out, "{expected}");
        return exit::VALID;
    }
    let declared = declared_payload(&bytes);
    let matches = declared.as_deref() == Some(expected.as_str()) && json == canonical;
    if matches {
        let _ = writeln!(out, "{expected}");
        let (ja, en) = (
            "一致: 印字されたコードと添付データは同じ文書です",
            "match: the printed code and the attached data are the same document",
        );
        let _ = writeln!(out, "{}", if lang == Lang::Ja { ja } else { en });
        exit::VALID
    } else {
        error_line(
            lang,
            &format!("{name}: 印字されたコードと添付データが一致しません (PDF が作成後に変更された可能性があります)"),
            &format!(
                "{name}: the printed code does not match the attached data (the PDF may have been changed after it was made)"
            ),
        );
        exit::INVALID
    }
}
