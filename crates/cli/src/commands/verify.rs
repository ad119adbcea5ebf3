//! `tsunagu verify`: match paper and data. For a JSON (or XML) document, print
//! the code its paper copy shows in the QR code and footer, to compare by eye or
//! by scanning. For a tsunagu PDF, check that the attached data is the data the
//! PDF's embedded code (in its metadata, the same code that was printed) was
//! made from. It does not read the printed page itself: an edit to the page's
//! text is not detected, only a changed attachment.

use std::io::{self, Write};
use std::path::PathBuf;

use tsunagu_model::{Lang, Message, Vocabulary};
use tsunagu_render::{declared_payload, digest, extract_attachment, payload};

use crate::error::{CliError, exit, in_file};
use crate::input::{load_pdf_or_document, validate_document};
use crate::output::FileReport;

#[derive(clap::Args)]
pub struct Args {
    /// tsunagu の PDF 又は JSON / A tsunagu PDF or JSON document
    #[arg(value_name = "FILE")]
    file: PathBuf,
}

pub fn run(args: &Args, lang: Lang) -> Result<u8, CliError> {
    let name = args.file.display().to_string();
    let bytes = load_pdf_or_document(&args.file)?;
    let is_pdf = bytes.starts_with(b"%PDF-");
    let json = if is_pdf {
        extract_attachment(&bytes).map_err(|error| CliError::invalid(in_file(&name, &error.message())))?.json
    } else {
        bytes.clone()
    };
    let report = validate_document(&json);
    // A document with errors (a shared record whose links are broken, say) is not matched:
    // its report says where.
    let Some(document) = report.document.clone().filter(|_| report.is_valid()) else {
        let message = Message::fixed("有効な文書ではありません", "not a valid document");
        let source = crate::input::Source::File(args.file.clone());
        return Err(CliError::invalid(in_file(&name, &message)).with_report(FileReport::of(&source, report, None)));
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
        writeln!(out, "{expected}")?;
        return Ok(exit::VALID);
    }
    let declared = declared_payload(&bytes);
    if declared.as_deref() != Some(expected.as_str()) || json != canonical {
        let message = Message::fixed(
            "印字されたコードと添付データが一致しません (PDF が作成後に変更された可能性があります)",
            "the printed code does not match the attached data (the PDF may have been changed after it was made)",
        );
        return Err(CliError::invalid(in_file(&name, &message)));
    }
    let matched = Message::fixed(
        "一致: 印字されたコードと添付データは同じ文書です",
        "match: the printed code and the attached data are the same document",
    );
    writeln!(out, "{expected}\n{}", matched.get(lang))?;
    Ok(exit::VALID)
}
