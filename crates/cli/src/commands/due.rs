//! `tsunagu due`: what lapses or is due within some days, from a folder of documents:
//! instruction sheets and consents ending, reviews, and the hand-over to the board
//! of education before school entry. Exit 1 when something is overdue, so a city
//! can run it daily from a scheduler.

use std::io::{self, Write};

use clap::ValueEnum;
use quick_xml::Writer;
use quick_xml::events::{BytesDecl, BytesEnd, BytesStart, BytesText, Event};
use serde_json::json;
use tsunagu_model::{Date, DueItem, Lang, Message, due};

use crate::args::{Inputs, as_of, parse_date};
use crate::error::{CliError, exit};
use crate::folder::{read_all, summaries};
use crate::input::expand;

#[derive(clap::Args)]
pub struct Args {
    #[command(flatten)]
    inputs: Inputs,
    /// この日数のうちに期限が来るもの / What falls due within this many days
    #[arg(long, value_name = "DAYS", default_value_t = 30)]
    within: i64,
    /// この日で判断する (既定: 今日) / Judge dates as of this day (default: today)
    #[arg(long, value_name = "DATE", value_parser = parse_date)]
    as_of: Option<Date>,
    /// 出力形式 / Output format
    #[arg(long, value_enum, default_value_t = Format::Human)]
    format: Format,
}

#[derive(Clone, Copy, ValueEnum)]
enum Format {
    /// 一覧 (こどもの氏名付き) / A list naming each child
    Human,
    /// 1 行 1 件の JSON (JSON Lines) / One JSON object per line
    Json,
    /// JUnit XML (ファイル名のみ、氏名なし) / JUnit XML naming files, never children
    Junit,
}

pub fn run(args: &Args, lang: Lang) -> Result<u8, CliError> {
    let as_of = as_of(args.as_of)?;
    let (sources, walk_errors) = expand(&args.inputs.paths);
    if let Some((path, error)) = walk_errors.first() {
        return Err(CliError::cannot_read(&path.display(), error));
    }
    let reads = read_all(&sources, None, false);
    let (summaries, names) = summaries(&reads);
    let items = due(&summaries, as_of, args.within);
    let file = |item: &DueItem| item.document.map(|i| names[i].clone());
    let mut out = io::stdout().lock();
    match args.format {
        Format::Human => {
            for item in &items {
                let when = item.when();
                let name = format!("{} {}", item.name.family, item.name.given.as_deref().unwrap_or_default());
                let source = file(item).map(|f| format!(" — {f}")).unwrap_or_default();
                writeln!(
                    out,
                    "{} {} {}: {} ({}){source}",
                    item.on,
                    when.get(lang),
                    item.due.label(lang),
                    name.trim(),
                    item.birth_date
                )?;
            }
            let overdue = items.iter().filter(|i| i.overdue).count();
            let summary = Message::new(
                format!("{} 件 (期限切れ {overdue} 件、{} の時点)", items.len(), as_of),
                format!("{} items ({overdue} overdue, as of {as_of})", items.len()),
            );
            writeln!(out, "\n{}", summary.get(lang))?;
        }
        Format::Json => {
            for item in &items {
                let mut row = serde_json::to_value(item).map_err(io::Error::from)?;
                row["file"] = json!(file(item));
                row["label"] = json!(item.due.label(lang));
                serde_json::to_writer(&mut out, &row).map_err(io::Error::from)?;
                writeln!(out)?;
            }
        }
        Format::Junit => junit(&items, &names, lang, &mut out)?,
    }
    Ok(if items.iter().any(|i| i.overdue) { exit::INVALID } else { exit::VALID })
}

/// One test case per item; an overdue one fails, so a CI dashboard shows it red.
fn junit(items: &[DueItem], names: &[String], lang: Lang, out: &mut impl Write) -> io::Result<()> {
    let failures = items.iter().filter(|i| i.overdue).count().to_string();
    let tests = items.len().to_string();
    let mut xml = Writer::new_with_indent(out, b' ', 2);
    xml.write_event(Event::Decl(BytesDecl::new("1.0", Some("UTF-8"), None)))?;
    let mut suite = BytesStart::new("testsuite");
    suite.push_attribute(("name", "tsunagu due"));
    suite.push_attribute(("tests", tests.as_str()));
    suite.push_attribute(("failures", failures.as_str()));
    xml.write_event(Event::Start(suite))?;
    for item in items {
        let mut case = BytesStart::new("testcase");
        // A CI log is kept and widely read: the file is named, never the child.
        let file = item.document.map_or("", |i| names[i].as_str());
        let name = format!("{} {}", item.on, item.due.label(lang));
        case.push_attribute(("name", name.as_str()));
        case.push_attribute(("classname", file));
        case.push_attribute(("file", file));
        xml.write_event(Event::Start(case))?;
        if item.overdue {
            let mut failure = BytesStart::new("failure");
            failure.push_attribute(("type", "overdue"));
            let message = format!("{} ({})", item.due.label(lang), item.on);
            failure.push_attribute(("message", message.as_str()));
            xml.write_event(Event::Start(failure))?;
            xml.write_event(Event::Text(BytesText::new(&message)))?;
            xml.write_event(Event::End(BytesEnd::new("failure")))?;
        }
        xml.write_event(Event::End(BytesEnd::new("testcase")))?;
    }
    xml.write_event(Event::End(BytesEnd::new("testsuite")))?;
    writeln!(xml.get_mut())
}
