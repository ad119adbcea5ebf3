//! Printing reports: human text (Japanese or English), JSON Lines, JUnit XML,
//! SARIF 2.1.0 and GitHub annotations.
//! Reports name files, fields and codes; they print a document's values only
//! when asked (`--show-values`), since values are health data.

pub mod github;
pub mod junit;
pub mod sarif;

use std::io::{self, Write};

use serde::Serialize;
use tsunagu_model::{Code, Diagnostic, Kind, Lang, Message, Report, Severity};

use crate::error::io_reason;
use crate::input::Source;
use crate::text;

/// The validation outcome of one input.
#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct FileReport {
    pub file: String,
    pub kind: Option<Kind>,
    pub valid: bool,
    /// Set when the input could not be read at all; `diagnostics` is then empty.
    #[serde(skip_serializing_if = "Option::is_none", serialize_with = "io_kind")]
    pub io_error: Option<io::ErrorKind>,
    /// Set when the document was read but could not be processed (a batch that
    /// could not render or write it).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub failure: Option<Message>,
    pub diagnostics: Vec<Diagnostic>,
}

#[allow(clippy::ref_option, clippy::trivially_copy_pass_by_ref)] // serde's serialize_with passes a reference
fn io_kind<S: serde::Serializer>(kind: &Option<io::ErrorKind>, serializer: S) -> Result<S::Ok, S::Error> {
    serializer.collect_str(&kind.map(|kind| kind.to_string()).unwrap_or_default())
}

impl FileReport {
    pub fn count(&self, severity: Severity) -> usize {
        self.diagnostics.iter().filter(|d| d.severity == severity).count()
    }

    /// The report of a document, with a kind-mismatch error if it is not the kind expected.
    pub fn of(source: &Source, mut report: Report, expected: Option<Kind>) -> Self {
        if let (Some(expected), Some(kind)) = (expected, report.kind)
            && expected != kind
        {
            report.diagnostics.insert(
                0,
                Diagnostic::new(
                    Code::KindMismatch,
                    "/kind",
                    Message::new(
                        format!("{}が必要ですが、{}です", expected.label(Lang::Ja), kind.label(Lang::Ja)),
                        format!("expected a document of kind {expected}, found {kind}"),
                    ),
                ),
            );
        }
        let valid = report.is_valid();
        Self {
            file: source.to_string(),
            kind: report.kind,
            valid,
            io_error: None,
            failure: None,
            diagnostics: report.diagnostics,
        }
    }

    /// An input larger than any document may be (only its size was read).
    pub fn too_large(source: &Source, size: u64) -> Self {
        let limit = tsunagu_model::MAX_DOCUMENT_BYTES;
        Self {
            file: source.to_string(),
            kind: None,
            valid: false,
            io_error: None,
            failure: None,
            diagnostics: vec![Diagnostic::new(
                Code::TooLarge,
                "",
                Message::new(
                    format!("ファイルが大きすぎます ({size} バイト以上、上限 {limit} バイト)"),
                    format!("file too large ({size} bytes or more, limit {limit})"),
                ),
            )],
        }
    }

    /// An input that could not be read.
    pub fn unreadable(file: String, error: io::ErrorKind) -> Self {
        Self { file, kind: None, valid: false, io_error: Some(error), failure: None, diagnostics: Vec::new() }
    }
}

pub fn human(reports: &[FileReport], lang: Lang, out: &mut impl Write) -> io::Result<()> {
    for report in reports {
        let kind = report.kind.map(|k| format!(" ({})", k.label(lang))).unwrap_or_default();
        let verdict = match report.io_error {
            Some(error) => format!("{}: {}", text::CANNOT_READ.get(lang), io_reason(error).get(lang)),
            None if report.valid => text::VALID.get(lang).to_owned(),
            None => text::INVALID.get(lang).to_owned(),
        };
        let mark = if report.valid { "✔" } else { "✘" };
        let counts = counts(report, lang);
        writeln!(out, "{mark} {}{kind}: {verdict}{counts}", report.file)?;
        for diagnostic in &report.diagnostics {
            diagnostic_lines(diagnostic, lang, out)?;
        }
    }
    let valid = reports.iter().filter(|r| r.valid).count();
    let (total, invalid) = (reports.len(), reports.len() - valid);
    let summary = Message::new(
        format!("{total} 件: 有効 {valid}、無効 {invalid}"),
        format!("{total} document{}: {valid} valid, {invalid} invalid", if total == 1 { "" } else { "s" }),
    );
    writeln!(out, "\n{}", summary.get(lang))
}

fn counts(report: &FileReport, lang: Lang) -> String {
    let parts: Vec<String> = [Severity::Error, Severity::Warning, Severity::Info]
        .into_iter()
        .filter_map(|severity| {
            let n = report.count(severity);
            (n > 0).then(|| {
                let label = severity.label(lang);
                Message::new(format!("{label} {n}"), format!("{n} {label}{}", if n == 1 { "" } else { "s" }))
                    .get(lang)
                    .to_owned()
            })
        })
        .collect();
    if parts.is_empty() { String::new() } else { format!(" ({})", parts.join(text::LIST_SEPARATOR.get(lang))) }
}

pub fn diagnostic_lines(diagnostic: &Diagnostic, lang: Lang, out: &mut impl Write) -> io::Result<()> {
    let pointer = if diagnostic.pointer.is_empty() { "/" } else { &diagnostic.pointer };
    writeln!(out, "  {} [{}] {pointer}", diagnostic.severity.label(lang), diagnostic.code)?;
    writeln!(out, "    {}", diagnostic.message.get(lang))?;
    if let Some(hint) = &diagnostic.hint {
        writeln!(out, "    {}: {}", text::HINT.get(lang), hint.get(lang))?;
    }
    if let Some(value) = &diagnostic.value {
        writeln!(out, "    {}: {value}", text::VALUE.get(lang))?;
    }
    Ok(())
}

/// One JSON object per document, one per line.
pub fn json_lines(reports: &[FileReport], out: &mut impl Write) -> io::Result<()> {
    for report in reports {
        serde_json::to_writer(&mut *out, report)?;
        writeln!(out)?;
    }
    Ok(())
}

/// An error and its hint, as the CLI prints them (on standard error).
pub fn error_lines(message: &Message, hint: Option<&Message>, lang: Lang, out: &mut impl Write) -> io::Result<()> {
    writeln!(out, "{}: {}", text::ERROR.get(lang), message.get(lang))?;
    if let Some(hint) = hint {
        writeln!(out, "{}: {}", text::HINT.get(lang), hint.get(lang))?;
    }
    Ok(())
}
