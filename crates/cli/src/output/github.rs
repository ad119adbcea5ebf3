//! GitHub Actions workflow commands: one annotation line per problem.
//! <https://docs.github.com/actions/reference/workflow-commands-for-github-actions>

use std::io::{self, Write};

use tsunagu_model::{Lang, Severity};

use super::FileReport;

/// Escapes a message (`%`, CR, LF).
fn data(text: &str) -> String {
    text.replace('%', "%25").replace('\r', "%0D").replace('\n', "%0A")
}

/// Escapes a property value (also `:` and `,`).
fn property(text: &str) -> String {
    data(text).replace(':', "%3A").replace(',', "%2C")
}

pub fn write(reports: &[FileReport], lang: Lang, out: &mut impl Write) -> io::Result<()> {
    for report in reports {
        if let Some(error) = &report.io_error {
            writeln!(
                out,
                "::error file={},title=io::{}",
                property(&report.file),
                data(&format!("{}: {}", crate::text::CANNOT_READ.get(lang), crate::error::io_reason(*error).get(lang)))
            )?;
        }
        for diagnostic in &report.diagnostics {
            let command = match diagnostic.severity {
                Severity::Error => "error",
                Severity::Warning => "warning",
                Severity::Info => "notice",
            };
            let pointer = if diagnostic.pointer.is_empty() { "/" } else { &diagnostic.pointer };
            let mut message = format!("{pointer}: {}", diagnostic.message.get(lang));
            if let Some(hint) = &diagnostic.hint {
                message = format!("{message}\nhint: {}", hint.get(lang));
            }
            if let Some(value) = &diagnostic.value {
                message = format!("{message}\nvalue: {value}");
            }
            writeln!(
                out,
                "::{command} file={},title={}::{}",
                property(&report.file),
                property(diagnostic.code.as_str()),
                data(&message)
            )?;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_what_github_requires() {
        assert_eq!(data("50%\nnext"), "50%25%0Anext");
        assert_eq!(property("a:b,c"), "a%3Ab%2Cc");
    }
}
