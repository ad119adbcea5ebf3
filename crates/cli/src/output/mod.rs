//! Printing reports: human text (Japanese or English), JSON Lines, JUnit XML,
//! SARIF 2.1.0 and GitHub annotations.
//! Reports name files, fields and codes; they print a document's values only
//! when asked (`--show-values`), since values are health data.

pub mod github;
pub mod junit;
pub mod sarif;

use std::io::{self, Write};

use serde::Serialize;
use tsunagu_model::{Diagnostic, Kind, Lang, Severity};

/// The validation outcome of one input.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
pub struct FileReport {
    pub file: String,
    pub kind: Option<Kind>,
    pub valid: bool,
    /// Set when the input could not be read at all; `diagnostics` is then empty.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub io_error: Option<String>,
    pub diagnostics: Vec<Diagnostic>,
}

impl FileReport {
    pub fn count(&self, severity: Severity) -> usize {
        self.diagnostics.iter().filter(|d| d.severity == severity).count()
    }
}

pub fn human(reports: &[FileReport], lang: Lang, out: &mut impl Write) -> io::Result<()> {
    for report in reports {
        let kind = report.kind.map(|k| format!(" ({})", k.label(lang))).unwrap_or_default();
        let verdict = match (&report.io_error, report.valid, lang) {
            (Some(error), _, Lang::Ja) => format!("読み込めません: {error}"),
            (Some(error), _, Lang::En) => format!("cannot read: {error}"),
            (None, true, Lang::Ja) => "有効".to_owned(),
            (None, true, Lang::En) => "valid".to_owned(),
            (None, false, Lang::Ja) => "無効".to_owned(),
            (None, false, Lang::En) => "invalid".to_owned(),
        };
        let mark = if report.valid { "✔" } else { "✘" };
        let counts = counts(report, lang);
        writeln!(out, "{mark} {}{kind}: {verdict}{counts}", report.file)?;
        for diagnostic in &report.diagnostics {
            diagnostic_lines(diagnostic, lang, out)?;
        }
    }
    let valid = reports.iter().filter(|r| r.valid).count();
    let invalid = reports.len() - valid;
    match lang {
        Lang::Ja => writeln!(out, "\n{} 件: 有効 {valid}、無効 {invalid}", reports.len()),
        Lang::En => writeln!(out, "\n{} documents: {valid} valid, {invalid} invalid", reports.len()),
    }
}

fn counts(report: &FileReport, lang: Lang) -> String {
    let parts: Vec<String> = [Severity::Error, Severity::Warning, Severity::Info]
        .into_iter()
        .filter_map(|severity| {
            let n = report.count(severity);
            (n > 0).then(|| match lang {
                Lang::Ja => format!("{} {n}", severity.label(lang)),
                Lang::En => format!("{n} {}{}", severity.label(lang), if n == 1 { "" } else { "s" }),
            })
        })
        .collect();
    if parts.is_empty() {
        String::new()
    } else {
        let separator = if lang == Lang::Ja { "、" } else { ", " };
        format!(" ({})", parts.join(separator))
    }
}

pub fn diagnostic_lines(diagnostic: &Diagnostic, lang: Lang, out: &mut impl Write) -> io::Result<()> {
    let pointer = if diagnostic.pointer.is_empty() { "/" } else { &diagnostic.pointer };
    writeln!(out, "  {} [{}] {pointer}", diagnostic.severity.label(lang), diagnostic.code)?;
    writeln!(out, "    {}", diagnostic.message.get(lang))?;
    if let Some(hint) = &diagnostic.hint {
        let label = if lang == Lang::Ja { "ヒント" } else { "hint" };
        writeln!(out, "    {label}: {}", hint.get(lang))?;
    }
    if let Some(value) = &diagnostic.value {
        let label = if lang == Lang::Ja { "値" } else { "value" };
        writeln!(out, "    {label}: {value}")?;
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

/// A line on standard error, in the chosen language.
pub fn error_line(lang: Lang, ja: &str, en: &str) {
    let text = if lang == Lang::Ja { ja } else { en };
    let label = if lang == Lang::Ja { "エラー" } else { "error" };
    let _ = writeln!(io::stderr(), "{label}: {text}");
}
