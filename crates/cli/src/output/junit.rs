//! JUnit XML: one test case per document, one failure per error. Warnings and
//! notes go to the case's `system-out`, so CI dashboards show them without failing.

use std::io::{self, Write};

use quick_xml::Writer;
use quick_xml::events::{BytesDecl, BytesEnd, BytesStart, BytesText, Event};
use tsunagu_model::{Lang, Severity};

use super::FileReport;

pub fn write(reports: &[FileReport], lang: Lang, out: &mut impl Write) -> io::Result<()> {
    let failures: usize = reports.iter().map(|r| r.count(Severity::Error)).sum();
    let errors = reports.iter().filter(|r| r.io_error.is_some() || r.failure.is_some()).count();
    let tests = reports.len().to_string();
    let (failures, errors) = (failures.to_string(), errors.to_string());

    let mut xml = Writer::new_with_indent(out, b' ', 2);
    xml.write_event(Event::Decl(BytesDecl::new("1.0", Some("UTF-8"), None)))?;
    let mut suites = BytesStart::new("testsuites");
    suites.push_attribute(("name", "tsunagu validate"));
    suites.push_attribute(("tests", tests.as_str()));
    suites.push_attribute(("failures", failures.as_str()));
    suites.push_attribute(("errors", errors.as_str()));
    xml.write_event(Event::Start(suites))?;
    let mut suite = BytesStart::new("testsuite");
    suite.push_attribute(("name", "tsunagu validate"));
    suite.push_attribute(("tests", tests.as_str()));
    suite.push_attribute(("failures", failures.as_str()));
    suite.push_attribute(("errors", errors.as_str()));
    suite.push_attribute(("skipped", "0"));
    xml.write_event(Event::Start(suite))?;

    for report in reports {
        let mut case = BytesStart::new("testcase");
        case.push_attribute(("name", report.file.as_str()));
        let classname = format!("tsunagu.{}", report.kind.map_or("unknown", |k| k.as_str()));
        case.push_attribute(("classname", classname.as_str()));
        xml.write_event(Event::Start(case))?;
        if let Some(error) = report.io_error {
            let message =
                format!("{}: {}", crate::text::CANNOT_READ.get(lang), crate::error::io_reason(error).get(lang));
            let mut element = BytesStart::new("error");
            element.push_attribute(("type", "io"));
            element.push_attribute(("message", message.as_str()));
            xml.write_event(Event::Empty(element))?;
        }
        if let Some(failure) = &report.failure {
            let mut element = BytesStart::new("error");
            element.push_attribute(("type", "failed"));
            element.push_attribute(("message", failure.get(lang)));
            xml.write_event(Event::Empty(element))?;
        }
        for diagnostic in report.diagnostics.iter().filter(|d| d.severity == Severity::Error) {
            let message = format!("{} {}", pointer(&diagnostic.pointer), diagnostic.message.get(lang));
            let mut element = BytesStart::new("failure");
            element.push_attribute(("type", diagnostic.code.as_str()));
            element.push_attribute(("message", message.as_str()));
            xml.write_event(Event::Start(element))?;
            let mut body =
                format!("{}\n{}\n{}", diagnostic.code, pointer(&diagnostic.pointer), diagnostic.message.get(lang));
            if let Some(hint) = &diagnostic.hint {
                body = format!("{body}\nhint: {}", hint.get(lang));
            }
            if let Some(value) = &diagnostic.value {
                body = format!("{body}\nvalue: {value}");
            }
            xml.write_event(Event::Text(BytesText::new(&body)))?;
            xml.write_event(Event::End(BytesEnd::new("failure")))?;
        }
        let notes: Vec<String> = report
            .diagnostics
            .iter()
            .filter(|d| d.severity != Severity::Error)
            .map(|d| {
                format!("{} [{}] {} {}", d.severity.label(Lang::En), d.code, pointer(&d.pointer), d.message.get(lang))
            })
            .collect();
        if !notes.is_empty() {
            xml.write_event(Event::Start(BytesStart::new("system-out")))?;
            xml.write_event(Event::Text(BytesText::new(&notes.join("\n"))))?;
            xml.write_event(Event::End(BytesEnd::new("system-out")))?;
        }
        xml.write_event(Event::End(BytesEnd::new("testcase")))?;
    }
    xml.write_event(Event::End(BytesEnd::new("testsuite")))?;
    xml.write_event(Event::End(BytesEnd::new("testsuites")))?;
    writeln!(xml.get_mut())
}

fn pointer(pointer: &str) -> &str {
    if pointer.is_empty() { "/" } else { pointer }
}
