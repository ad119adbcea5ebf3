//! SARIF 2.1.0, for code-scanning dashboards. Each diagnostic code is a rule;
//! each problem a result located at its file and JSON Pointer.

use std::collections::BTreeSet;
use std::io::{self, Write};

use serde_json::{Value, json};
use tsunagu_model::{Code, Lang, Severity};

use super::FileReport;

fn level(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "note",
    }
}

pub fn log(reports: &[FileReport], lang: Lang) -> Value {
    let used: BTreeSet<Code> = reports.iter().flat_map(|r| r.diagnostics.iter().map(|d| d.code)).collect();
    let rules: Vec<Code> = used.into_iter().collect();
    let rule_entries: Vec<Value> = rules
        .iter()
        .map(|code| {
            json!({
                "id": code.as_str(),
                "shortDescription": { "text": code.summary() },
                "defaultConfiguration": { "level": level(code.default_severity()) },
            })
        })
        .collect();
    let mut results = Vec::new();
    let mut notifications = Vec::new();
    for report in reports {
        if let Some(error) = &report.io_error {
            notifications.push(json!({
                "level": "error",
                "message": { "text": format!("{}: {}: {}", report.file, crate::text::CANNOT_READ.get(lang), crate::error::io_reason(*error).get(lang)) },
                "locations": [{ "physicalLocation": { "artifactLocation": { "uri": uri(&report.file) } } }],
            }));
        }
        for diagnostic in &report.diagnostics {
            let mut message = diagnostic.message.get(lang).to_owned();
            if let Some(hint) = &diagnostic.hint {
                message = format!("{message} (hint: {})", hint.get(lang));
            }
            if let Some(value) = &diagnostic.value {
                message = format!("{message} (value: {value})");
            }
            results.push(json!({
                "ruleId": diagnostic.code.as_str(),
                "ruleIndex": rules.iter().position(|c| *c == diagnostic.code).unwrap_or(0),
                "level": level(diagnostic.severity),
                "message": { "text": message },
                "locations": [{
                    "physicalLocation": { "artifactLocation": { "uri": uri(&report.file) } },
                    "logicalLocations": [{
                        "fullyQualifiedName": if diagnostic.pointer.is_empty() { "/" } else { diagnostic.pointer.as_str() },
                        "kind": "member",
                    }],
                }],
            }));
        }
    }
    json!({
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [{
            "tool": { "driver": {
                "name": "tsunagu",
                "version": env!("CARGO_PKG_VERSION"),
                "informationUri": "https://github.com/tsunagu-jp/tsunagu",
                "rules": rule_entries,
            }},
            "invocations": [{ "executionSuccessful": notifications.is_empty(), "toolExecutionNotifications": notifications }],
            "results": results,
        }],
    })
}

/// File paths as relative URI references (forward slashes, spaces escaped).
fn uri(path: &str) -> String {
    path.replace('\\', "/").replace('%', "%25").replace(' ', "%20")
}

pub fn write(reports: &[FileReport], lang: Lang, out: &mut impl Write) -> io::Result<()> {
    serde_json::to_writer_pretty(&mut *out, &log(reports, lang))?;
    writeln!(out)
}
