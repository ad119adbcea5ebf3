//! `tsunagu roster`: the list of children (医療的ケア児一覧) from a folder of
//! documents, never typed: one row per child, as a workbook, CSV, JSON or PDF.
//! With `--for`, only the children whose valid consent names that department.

use std::io::{self, Write};
use std::path::PathBuf;

use clap::ValueEnum;
use serde_json::json;
use tsunagu_model::{Date, Lang, Message, RecipientKind, RosterTable, Vocabulary, disaster_roster, roster};
use tsunagu_render::{Layout, Renderer};

use crate::args::{Inputs, as_of, parse_date, vocabulary_parser};
use crate::error::{CliError, exit};
use crate::folder::{read_all, summaries};
use crate::input::expand;
use crate::write::to_file_or_stdout;

#[derive(clap::Args)]
pub struct Args {
    #[command(flatten)]
    inputs: Inputs,
    /// 出力形式 (既定: 出力先の拡張子から、なければ csv) / Output format (default: from the output file's extension, else csv)
    #[arg(long, value_enum)]
    format: Option<Format>,
    /// 出力先 (xlsx・pdf では必須) / Output file (required for xlsx and pdf)
    #[arg(short, long, value_name = "FILE")]
    output: Option<PathBuf>,
    /// この日で判断する (既定: 今日) / Judge dates as of this day (default: today)
    #[arg(long, value_name = "DATE", value_parser = parse_date)]
    as_of: Option<Date>,
    /// この部署に見せてよいこどもだけ (有効な同意の共有先) / Only children a valid consent lets this department see
    #[arg(long = "for", value_name = "DEPARTMENT", value_parser = vocabulary_parser::<RecipientKind>())]
    department: Option<RecipientKind>,
    /// 災害時の一覧: 電源が必要な機器を使うこどもを、電源が続く時間の短い順に / The disaster view: children on power-dependent devices, the shortest hours first
    #[arg(long)]
    disaster: bool,
}

/// Either list, as every output format needs it.
struct List {
    title: Message,
    table: RosterTable,
    /// The list itself, as JSON (what `--format json` writes and the PDF carries).
    json: Vec<u8>,
    rows: usize,
    as_of: Date,
    department: Option<RecipientKind>,
    left_out: usize,
    /// Columns written as numbers in the workbook, so the city can sort and sum them.
    numbers: &'static [u16],
}

impl List {
    fn of(
        summaries: &[tsunagu_model::Summary],
        as_of: Date,
        department: Option<RecipientKind>,
        disaster: bool,
        lang: Lang,
    ) -> Result<Self, CliError> {
        Ok(if disaster {
            let list = disaster_roster(summaries, as_of, department);
            Self {
                title: Message::fixed(
                    "災害時に支援が必要な医療的ケア児 (電源が必要な機器)",
                    "Children on power-dependent devices, for disasters",
                ),
                table: list.table(lang),
                json: json(&list)?,
                rows: list.rows.len(),
                as_of,
                department,
                left_out: list.left_out,
                numbers: &[3, 6, 7],
            }
        } else {
            let list = roster(summaries, as_of, department);
            Self {
                title: Message::fixed("医療的ケア児一覧", "Children who need daily medical care"),
                table: list.table(lang),
                json: json(&list)?,
                rows: list.rows.len(),
                as_of,
                department,
                left_out: list.left_out,
                numbers: &[3, 6],
            }
        })
    }
}

fn json<T: serde::Serialize>(value: &T) -> Result<Vec<u8>, CliError> {
    let mut bytes = serde_json::to_vec_pretty(value).map_err(io::Error::from)?;
    bytes.push(b'\n');
    Ok(bytes)
}
#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
enum Format {
    /// Excel のブック / An Excel workbook
    Xlsx,
    /// CSV (UTF-8、BOM 付き) / CSV (UTF-8 with a BOM, as Excel reads it)
    Csv,
    /// JSON
    Json,
    /// PDF (A4 横) / PDF (A4 landscape)
    Pdf,
}

pub fn run(args: &Args, lang: Lang) -> Result<u8, CliError> {
    let as_of = as_of(args.as_of)?;
    let format = match (args.format, &args.output) {
        (Some(format), _) => format,
        (None, None) => Format::Csv,
        (None, Some(path)) => {
            path.extension().and_then(|e| e.to_str()).and_then(|e| Format::from_str(e, true).ok()).ok_or_else(|| {
                CliError::usage(Message::fixed(
                    "出力先の拡張子から形式が分かりません。--format で書いてください",
                    "the output file's extension names no format: give --format",
                ))
            })?
        }
    };
    if matches!(format, Format::Xlsx | Format::Pdf) && args.output.is_none() {
        return Err(CliError::usage(Message::fixed(
            "xlsx と pdf は -o で出力先を書いてください",
            "xlsx and pdf need an output file (-o)",
        )));
    }
    let (sources, walk_errors) = expand(&args.inputs.paths);
    if let Some((path, error)) = walk_errors.first() {
        return Err(CliError::cannot_read(&path.display(), error));
    }
    let reads = read_all(&sources, None, false);
    let skipped = reads.iter().filter(|r| r.summary.is_none()).count();
    let (summaries, _) = summaries(&reads);
    let list = List::of(&summaries, as_of, args.department, args.disaster, lang)?;
    let bytes = match format {
        Format::Json => list.json.clone(),
        Format::Csv => csv(&list.table),
        Format::Xlsx => xlsx(&list, lang)?,
        Format::Pdf => pdf(&list, lang)?,
    };
    to_file_or_stdout(args.output.as_deref(), &bytes)?;
    let mut err = io::stderr().lock();
    let counted =
        Message::new(format!("{} 人 ({} の時点)", list.rows, as_of), format!("{} children (as of {as_of})", list.rows));
    writeln!(err, "{}", counted.get(lang))?;
    if let Some(note) = left_out_note(&list, lang) {
        writeln!(err, "{note}")?;
    }
    if skipped > 0 {
        let note = Message::new(
            format!("無効又は読めない文書 {skipped} 件は含めていません (tsunagu validate で確認してください)"),
            format!("{skipped} invalid or unreadable documents were left out (see tsunagu validate)"),
        );
        writeln!(err, "{}", note.get(lang))?;
    }
    Ok(exit::VALID)
}

/// How many children a department does not see: a count, never who.
fn left_out_note(list: &List, lang: Lang) -> Option<String> {
    let department = list.department?;
    let n = list.left_out;
    let message = Message::new(
        format!("{}への共有に同意のないこども {n} 人は含めていません", department.label(Lang::Ja)),
        format!("{n} children without a consent to share with {} are not listed", department.label(Lang::En)),
    );
    Some(message.get(lang).to_owned())
}

/// CSV as Excel opens it: UTF-8 with a byte-order mark, CRLF, quoted where needed.
fn csv(table: &RosterTable) -> Vec<u8> {
    let cell = |text: &str| {
        if text.contains([',', '"', '\n', '\r']) {
            format!("\"{}\"", text.replace('"', "\"\""))
        } else {
            text.to_owned()
        }
    };
    let mut out = String::from("\u{FEFF}");
    for row in std::iter::once(&table.headers).chain(&table.rows) {
        out.push_str(&row.iter().map(|c| cell(c)).collect::<Vec<_>>().join(","));
        out.push_str("\r\n");
    }
    out.into_bytes()
}

/// A real workbook: a header row, filters, frozen panes and column widths.
fn xlsx(list: &List, lang: Lang) -> Result<Vec<u8>, CliError> {
    use rust_xlsxwriter::{Format as Style, Workbook};
    let table = &list.table;
    let failed = |_| CliError::usage(Message::fixed("ブックを作れませんでした", "the workbook could not be made"));
    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    // A sheet name is at most 31 characters.
    let title: String = list.title.get(lang).chars().take(31).collect();
    sheet.set_name(title.replace(['(', ')'], "")).map_err(failed)?;
    let bold = Style::new().set_bold().set_background_color(0x00EE_EEEE).set_text_wrap();
    let wrap = Style::new().set_text_wrap();
    for (column, (header, width)) in table.headers.iter().zip(&table.widths).enumerate() {
        let column = u16::try_from(column).unwrap_or(u16::MAX);
        sheet.write_string_with_format(0, column, header, &bold).map_err(failed)?;
        sheet.set_column_width(column, f64::from(*width) * 2.2).map_err(failed)?;
    }
    for (r, row) in table.rows.iter().enumerate() {
        let r = u32::try_from(r + 1).unwrap_or(u32::MAX);
        for (column, text) in row.iter().enumerate() {
            let column = u16::try_from(column).unwrap_or(u16::MAX);
            match text.parse::<f64>() {
                Ok(number) if list.numbers.contains(&column) => sheet.write_number(r, column, number),
                _ => sheet.write_string_with_format(r, column, text, &wrap),
            }
            .map_err(failed)?;
        }
    }
    let last_row = u32::try_from(table.rows.len()).unwrap_or(u32::MAX);
    let last_column = u16::try_from(table.headers.len().saturating_sub(1)).unwrap_or(0);
    sheet.autofilter(0, 0, last_row, last_column).map_err(failed)?;
    sheet.set_freeze_panes(1, 1).map_err(failed)?;
    if let Some(note) = left_out_note(list, lang) {
        sheet.write_string(last_row + 2, 0, note).map_err(failed)?;
    }
    book.save_to_buffer().map_err(failed)
}

/// The list for the practitioners' meeting: A4 landscape, the list attached as JSON.
fn pdf(list: &List, lang: Lang) -> Result<Vec<u8>, CliError> {
    let table = &list.table;
    let title = list.title.get(lang);
    let subtitle = match (list.department, lang) {
        (Some(d), Lang::Ja) => format!("{} の時点・{}への共有", list.as_of, d.label(lang)),
        (Some(d), Lang::En) => format!("As of {}, for {}", list.as_of, d.label(lang)),
        (None, Lang::Ja) => format!("{} の時点", list.as_of),
        (None, Lang::En) => format!("As of {}", list.as_of),
    };
    let view = json!({
        "lang": lang.as_str(),
        "doc": {},
        "dates": {},
        "title": title,
        "subtitle": subtitle,
        "footer": format!("tsunagu roster {}", list.as_of),
        "headers": table.headers,
        "widths": table.widths,
        "rows": table.rows,
        "note": left_out_note(list, lang),
    });
    let attachment = list.json.clone();
    Renderer::with_embedded_fonts().render_layout(Layout::Roster, &view, attachment, list.as_of, lang).map_err(
        |error| {
            let message = error.message();
            if error.is_in_document() { CliError::invalid(message) } else { CliError::usage(message) }
        },
    )
}
