//! `tsunagu record`: the shared record (共有シート). `new` opens one for a child,
//! `add` appends an entry, `merge` unions two departments' copies. Every write
//! validates the whole record first and after, and goes to disk durably (the data
//! synced before the rename), so a killed or power-cut write leaves the old record whole.

use std::io::{self, Write};
use std::path::{Path, PathBuf};

use serde_json::{Value, json};
use tsunagu_model::{
    Code, Date, Diagnostic, Document, FORMAT_VERSION, Lang, Message, SharedRecord, merge_records, validate_value,
};

use crate::args::{as_of, parse_date};
use crate::error::{CliError, exit, in_file};
use crate::input::{load_document, load_one, parse_value};
use crate::output::FileReport;
use crate::write::{to_file_or_stdout, write_durably};

#[derive(clap::Args)]
pub struct Args {
    #[command(subcommand)]
    action: Action,
}

#[derive(clap::Subcommand)]
enum Action {
    /// こどもの共有シートを作る (同意書などからこどもを写す) / Open a record for the child a document names
    New {
        /// こどもを写す文書 (同意書など) / A document naming the child (a consent, say)
        #[arg(long, value_name = "DOC")]
        from: PathBuf,
        /// 記録を管理する部署 / The keeping department
        #[arg(long, value_name = "NAME")]
        keeper: String,
        /// 作成日 (既定: 今日) / Opened on (default: today)
        #[arg(long, value_name = "DATE", value_parser = parse_date)]
        opened_on: Option<Date>,
        /// 出力先 / Output file
        #[arg(short, long, value_name = "FILE")]
        output: PathBuf,
    },
    /// 記録を一件追加する / Append an entry
    Add {
        /// 共有シート / The record
        #[arg(value_name = "RECORD")]
        record: PathBuf,
        /// 追加する記録 (JSON、id・parents・hash は不要)、- は標準入力 / The entry (JSON; no id, parents or hash needed), - for standard input
        #[arg(value_name = "ENTRY", default_value = "-")]
        entry: PathBuf,
    },
    /// 二つの写しを統合する / Merge two copies of one record
    Merge {
        #[arg(value_name = "A")]
        a: PathBuf,
        #[arg(value_name = "B")]
        b: PathBuf,
        /// 出力先 (なければ標準出力) / Output file (standard output if none)
        #[arg(short, long, value_name = "FILE")]
        output: Option<PathBuf>,
    },
}

pub fn run(args: &Args, lang: Lang) -> Result<u8, CliError> {
    match &args.action {
        Action::New { from, keeper, opened_on, output } => new(from, keeper, *opened_on, output, lang),
        Action::Add { record, entry } => add(record, entry, lang),
        Action::Merge { a, b, output } => {
            let (left, right) = (load_record(a)?, load_record(b)?);
            let merged = merge_records(&left, &right).map_err(|error| CliError::invalid(error.message()))?;
            let bytes = checked_bytes(merged, "merge")?;
            to_file_or_stdout(output.as_deref(), &bytes)?;
            if output.is_some() {
                let n =
                    serde_json::from_slice::<Value>(&bytes).ok().and_then(|v| v["entries"].as_array().map(Vec::len));
                let n = n.unwrap_or(0);
                let done = Message::new(format!("統合しました: 記録 {n} 件"), format!("merged: {n} entries"));
                writeln!(io::stderr().lock(), "{}", done.get(lang))?;
            }
            Ok(exit::VALID)
        }
    }
}

fn new(from: &Path, keeper: &str, opened_on: Option<Date>, output: &Path, lang: Lang) -> Result<u8, CliError> {
    if output.exists() {
        return Err(CliError::usage(Message::new(
            format!("{} は既にあります (記録は上書きしません)", output.display()),
            format!("{} already exists (a record is never overwritten)", output.display()),
        )));
    }
    let document = load_document(from)?;
    let child = document.child();
    let mut child_value = json!({ "name": child.name, "birthDate": child.birth_date });
    if !child.identifiers.is_empty() {
        child_value["identifiers"] = json!(child.identifiers);
    }
    if let Document::Consent(consent) = &document
        && let Some(address) = &consent.child.address
    {
        child_value["address"] = json!(address);
    }
    let record = json!({
        "kind": "record",
        "formatVersion": FORMAT_VERSION,
        "id": uuid::Uuid::new_v4(),
        "language": "ja",
        "child": child_value,
        "openedOn": as_of(opened_on)?,
        "keeper": keeper,
        "entries": [],
    });
    let typed: SharedRecord = serde_json::from_value(record).map_err(|_| {
        CliError::usage(Message::fixed(
            "記録を作れませんでした (--keeper を確かめてください)",
            "the record could not be made (check --keeper)",
        ))
    })?;
    let bytes = checked_bytes(typed, "new")?;
    write_durably(output, &bytes).map_err(|error| CliError::cannot_write(output, &error))?;
    let done = Message::new(format!("{} を作りました", output.display()), format!("wrote {}", output.display()));
    writeln!(io::stderr().lock(), "{}", done.get(lang))?;
    Ok(exit::VALID)
}

fn add(path: &Path, entry_path: &Path, lang: Lang) -> Result<u8, CliError> {
    let record = load_record(path)?;
    let (source, bytes) = load_one(entry_path)?;
    let mut entry = parse_value(&bytes)
        .map_err(|diagnostic| CliError::invalid(in_file(&source.to_string(), &diagnostic.message)))?
        .0;
    let Some(fields) = entry.as_object_mut() else {
        let message = Message::fixed("記録は JSON のオブジェクトで書いてください", "an entry is a JSON object");
        return Err(CliError::invalid(in_file(&source.to_string(), &message)));
    };
    fields.entry("id").or_insert_with(|| uuid::Uuid::new_v4().to_string().into());
    let at = record.entries.len();
    let record = record.append_value(entry).map_err(|diagnostics| {
        let message = Message::new(
            format!("追加する記録 ({source}) が正しくありません (/entries/{at} として検証)"),
            format!("the entry ({source}) is not valid (checked as /entries/{at})"),
        );
        let report = tsunagu_model::Report { kind: Some(tsunagu_model::Kind::Record), diagnostics, document: None };
        CliError::invalid(message).with_report(FileReport::of(&source, report, None))
    })?;
    let bytes = checked_bytes(record, "add")?;
    write_durably(path, &bytes).map_err(|error| CliError::cannot_write(path, &error))?;
    let done = Message::new(
        format!("{} に記録を追加しました (/entries/{at})", path.display()),
        format!("appended an entry to {} (/entries/{at})", path.display()),
    );
    writeln!(io::stderr().lock(), "{}", done.get(lang))?;
    Ok(exit::VALID)
}

/// A record that validates with no error: a broken record is never added to or merged.
fn load_record(path: &Path) -> Result<SharedRecord, CliError> {
    let (source, bytes) = load_one(path)?;
    let report = crate::input::validate_document(&bytes);
    let name = source.to_string();
    match (&report.document, report.is_valid()) {
        (Some(Document::Record(record)), true) => Ok((**record).clone()),
        (Some(Document::Record(_)), false) => {
            let message = Message::fixed(
                "この記録にはエラーがあります (書き換え・削除・入れ替えを含む)。直すまで追加・統合はできません",
                "this record has errors (a change, removal or reordering among them): nothing is added or merged until it is mended",
            );
            Err(CliError::invalid(in_file(&name, &message)).with_report(FileReport::of(&source, report, None)))
        }
        (Some(other), _) => Err(CliError::usage(in_file(
            &name,
            &Message::new(
                format!("共有シートではありません ({})", other.kind().label(Lang::Ja)),
                format!("not a shared record ({})", other.kind().label(Lang::En)),
            ),
        ))),
        (None, _) => Err(CliError::invalid(in_file(
            &name,
            &Message::fixed("文書として読めません", "cannot be read as a document"),
        ))
        .with_report(FileReport::of(&source, report, None))),
    }
}

/// The record as written: canonical JSON, after checking it validates (a bug would
/// otherwise write a record the next command refuses).
fn checked_bytes(record: SharedRecord, what: &str) -> Result<Vec<u8>, CliError> {
    let document = Document::from(record);
    let report = validate_value(document.to_value());
    if !report.is_valid() {
        let errors: Vec<&Diagnostic> = report.diagnostics.iter().filter(|d| d.is_error()).collect();
        let codes: Vec<Code> = errors.iter().map(|d| d.code).collect();
        return Err(CliError::invalid(Message::new(
            format!("record {what} の結果が検証を通りません ({codes:?})。書き込みませんでした"),
            format!("the result of record {what} does not validate ({codes:?}); nothing was written"),
        )));
    }
    Ok(document.to_canonical_json())
}
