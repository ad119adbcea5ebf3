//! `tsunagu batch`: validate and render many documents on all cores.
//!
//! Input is streamed (a directory, a JSON Lines file, or standard input) through
//! a bounded queue, so memory stays flat on any input size. Workers share one
//! warm renderer: fonts are parsed once per process. Each PDF is written to a
//! temporary file and renamed into place, so none is ever half-written. The
//! report lists the documents that were not rendered, by file or line, with
//! codes and JSON Pointers and no values.

use std::collections::HashSet;
use std::fs;
use std::io::{self, BufRead, BufReader, IsTerminal, Read, Write};
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{Receiver, SyncSender, sync_channel};
use std::sync::{Arc, Mutex};
use std::thread;
use std::time::{Duration, Instant};

use clap::ValueEnum;
use serde::Serialize;
use tsunagu_model::{Diagnostic, Document, Lang, MAX_DOCUMENT_BYTES, Message, Severity};
use tsunagu_render::{RenderOptions, Renderer};

use crate::error::{CliError, exit, io_reason};
use crate::input::{Source, expand, fill_in_values, validate_document};
use crate::output::{self, FileReport};
use crate::write::{TEMP_SUFFIX, write_atomically};

#[derive(clap::Args)]
pub struct Args {
    /// ディレクトリ・JSON Lines ファイル・- (標準入力の JSON Lines) / A directory, a JSON Lines file, or - for JSON Lines on standard input
    #[arg(value_name = "INPUT")]
    input: PathBuf,
    /// PDF の出力先ディレクトリ / Directory for the PDFs
    #[arg(short, long, value_name = "DIR")]
    output: PathBuf,
    /// 並列数 (既定: コア数) / Parallel workers (default: the number of cores)
    #[arg(long, short = 'j', value_name = "N")]
    jobs: Option<usize>,
    /// 出力ファイル名の型 ({id}・{kind}・{index}) / File name template ({id}, {kind}, {index})
    #[arg(long, value_name = "TEMPLATE", default_value = "{id}")]
    name: String,
    /// 既にある PDF は作り直さない (中断した処理の再開) / Skip documents whose PDF exists (resume)
    #[arg(long)]
    skip_existing: bool,
    /// レポートの出力先 / Where to write the report
    #[arg(long, value_name = "FILE")]
    report: Option<PathBuf>,
    /// レポートの形式 / Report format
    #[arg(long, value_enum, default_value_t = ReportFormat::Json)]
    report_format: ReportFormat,
    /// レポートに問題のある項目の値も入れる (健康情報がレポートに入ります) /
    /// Put the value of each field with a problem in the report (puts health data in the report)
    #[arg(long)]
    show_values: bool,
}

#[derive(Clone, Copy, ValueEnum)]
enum ReportFormat {
    Json,
    Junit,
}

/// One unit of work: where it came from and its bytes (or why there are none).
struct Item {
    index: u64,
    source: String,
    bytes: Result<Vec<u8>, Message>,
}

#[derive(Serialize, Clone, Copy, PartialEq, Eq)]
#[serde(rename_all = "lowercase")]
enum Status {
    Rendered,
    Skipped,
    Invalid,
    Failed,
}

/// What happened to one document; only problems are kept for the report.
#[derive(Serialize)]
struct Outcome {
    source: String,
    status: Status,
    #[serde(skip_serializing_if = "Option::is_none")]
    id: Option<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    diagnostics: Vec<Diagnostic>,
    #[serde(skip_serializing_if = "Option::is_none")]
    error: Option<Message>,
}

#[derive(Serialize, Default)]
struct Summary {
    documents: u64,
    rendered: u64,
    skipped: u64,
    invalid: u64,
    failed: u64,
    seconds: f64,
    /// Set when the batch stopped early because the output could take no more
    /// (disk full, quota, read-only): the documents after it were not attempted.
    #[serde(rename = "stoppedStorageFull", skip_serializing_if = "std::ops::Not::not")]
    stopped_storage_full: bool,
}

pub fn run(args: &Args, lang: Lang) -> Result<u8, CliError> {
    check_template(&args.name).map_err(|message| {
        CliError::usage(Message::new(format!("--name: {}", message.ja), format!("--name: {}", message.en)))
    })?;
    fs::create_dir_all(&args.output)
        .and_then(|()| probe_writable(&args.output))
        .map_err(|error| CliError::cannot_write(&args.output, &error))?;
    remove_leftover_temporaries(&args.output);
    let jobs = args.jobs.unwrap_or_else(|| thread::available_parallelism().map_or(1, usize::from)).max(1);
    let started = Instant::now();
    let renderer = Arc::new(Renderer::with_embedded_fonts());
    let (items_tx, items_rx) = sync_channel::<Item>(jobs * 4);
    let (outcomes_tx, outcomes_rx) = sync_channel::<Outcome>(jobs * 4);
    let items_rx = Arc::new(Mutex::new(items_rx));
    let claimed = Arc::new(Mutex::new(HashSet::new()));
    let storage_full = Arc::new(AtomicBool::new(false));

    let input = args.input.clone();
    let producer = thread::spawn(move || produce(&input, &items_tx));
    let workers: Vec<_> = (0..jobs)
        .map(|_| {
            let (items, outcomes, renderer) = (Arc::clone(&items_rx), outcomes_tx.clone(), Arc::clone(&renderer));
            let job = Job {
                output: args.output.clone(),
                name: args.name.clone(),
                skip_existing: args.skip_existing,
                show_values: args.show_values,
                lang,
                claimed: Arc::clone(&claimed),
                storage_full: Arc::clone(&storage_full),
            };
            thread::spawn(move || work(&items, &outcomes, &renderer, &job))
        })
        .collect();
    // Only the workers hold the queue, so if they all stop the reader stops too.
    drop(items_rx);
    drop(outcomes_tx);

    let mut summary = Summary::default();
    let mut problems = Vec::new();
    let mut progress = Progress::new(io::stderr().is_terminal());
    for outcome in outcomes_rx {
        summary.documents += 1;
        match outcome.status {
            Status::Rendered => summary.rendered += 1,
            Status::Skipped => summary.skipped += 1,
            Status::Invalid => summary.invalid += 1,
            Status::Failed => summary.failed += 1,
        }
        if matches!(outcome.status, Status::Invalid | Status::Failed) {
            problems.push(outcome);
        }
        progress.tick(&summary, started, lang);
    }
    for worker in workers {
        let _ = worker.join();
    }
    summary.stopped_storage_full = storage_full.load(Ordering::Relaxed);
    // After a stop the reader may be blocked on an idle pipe: it is left to end with the process.
    let input_error = if summary.stopped_storage_full {
        Ok(())
    } else {
        producer.join().unwrap_or_else(|_| {
            Err(CliError::usage(Message::fixed("入力の読み込みが止まりました", "the input reader stopped")))
        })
    };
    summary.seconds = started.elapsed().as_secs_f64();
    progress.finish(&summary, lang);

    // Said before the report is written: on a full disk the report may not fit either.
    let stopped = summary.stopped_storage_full.then(|| {
        let (done, dir) = (summary.rendered, args.output.display());
        CliError::usage(Message::new(
            format!("出力先 {dir} がいっぱいで書き込めないため中止しました ({done} 件作成済み)"),
            format!("stopped: {dir} is full or cannot take more ({done} PDFs written)"),
        ))
        .with_hint(Message::fixed(
            "空きを作って --skip-existing で再開してください",
            "free space and resume with --skip-existing",
        ))
    });
    if let Some(stopped) = &stopped {
        stopped.print(lang);
    }
    if let Some(path) = &args.report {
        write_report(path, args.report_format, &summary, &problems, lang)
            .map_err(|error| CliError::cannot_write(path, &error))?;
    }
    if stopped.is_some() {
        return Ok(exit::USAGE_OR_IO);
    }
    if let Err(error) = input_error {
        let hint = Message::fixed("入力を最後まで読めませんでした", "could not read all input");
        return Err(error.with_hint(hint));
    }
    Ok(if problems.is_empty() { exit::VALID } else { exit::INVALID })
}

struct Job {
    output: PathBuf,
    name: String,
    skip_existing: bool,
    show_values: bool,
    lang: Lang,
    /// Output paths already taken in this run: two documents with one id must
    /// not overwrite each other.
    claimed: Arc<Mutex<HashSet<PathBuf>>>,
    /// Raised when a write finds the output full; every worker then stops.
    storage_full: Arc<AtomicBool>,
}

fn work(items: &Mutex<Receiver<Item>>, outcomes: &SyncSender<Outcome>, renderer: &Renderer, job: &Job) {
    loop {
        if job.storage_full.load(Ordering::Relaxed) {
            return;
        }
        // Hold the lock only to take the next item.
        let next = items.lock().map(|queue| queue.recv());
        let Ok(Ok(item)) = next else { return };
        // A worker that waited for the lock while another found the disk full stops too.
        if job.storage_full.load(Ordering::Relaxed) {
            return;
        }
        let source = item.source.clone();
        // A bug in rendering one document must not drop it from the report.
        let outcome = catch_unwind(AssertUnwindSafe(|| process(item, renderer, job))).unwrap_or_else(|_| Outcome {
            source,
            status: Status::Failed,
            id: None,
            diagnostics: Vec::new(),
            error: Some(Message::fixed(
                "PDF の作成中の内部エラー (tsunagu の不具合です)",
                "internal error while rendering (a tsunagu bug)",
            )),
        });
        if outcomes.send(outcome).is_err() {
            return;
        }
    }
}

fn process(item: Item, renderer: &Renderer, job: &Job) -> Outcome {
    let failed = |source: String, id: Option<String>, error: Message| Outcome {
        source,
        status: Status::Failed,
        id,
        diagnostics: Vec::new(),
        error: Some(error),
    };
    let bytes = match item.bytes {
        Ok(bytes) => bytes,
        Err(error) => return failed(item.source, None, error),
    };
    let report = validate_document(&bytes);
    let valid = report.is_valid();
    let document: Option<Document> = report.document;
    let Some(document) = document.filter(|_| valid) else {
        let mut diagnostics: Vec<Diagnostic> =
            report.diagnostics.into_iter().filter(|d| d.severity == Severity::Error).collect();
        if job.show_values {
            fill_in_values(&mut diagnostics, &bytes);
        }
        return Outcome { source: item.source, status: Status::Invalid, id: None, diagnostics, error: None };
    };
    let id = document.id().to_string();
    let path = job.output.join(file_name(&job.name, &document, item.index));
    let first_claim = job.claimed.lock().is_ok_and(|mut claimed| claimed.insert(path.clone()));
    if !first_claim {
        let name = path.display();
        let error = Message::new(
            format!("このバッチの別の文書と出力先の名前 {name} が同じです"),
            format!("another document in this batch has the same output name {name}"),
        );
        return failed(item.source, Some(id), error);
    }
    if job.skip_existing && path.exists() {
        return Outcome {
            source: item.source,
            status: Status::Skipped,
            id: Some(id),
            diagnostics: Vec::new(),
            error: None,
        };
    }
    let pdf = match renderer.render(&document, &RenderOptions { lang: job.lang, draft: false }) {
        Ok(pdf) => pdf,
        Err(error) => return failed(item.source, Some(id), error.message()),
    };
    match write_atomically(&path, &pdf) {
        Ok(()) => Outcome {
            source: item.source,
            status: Status::Rendered,
            id: Some(id),
            diagnostics: Vec::new(),
            error: None,
        },
        Err(error) => {
            if is_storage_full(&error) {
                job.storage_full.store(true, Ordering::Relaxed);
            }
            failed(item.source, Some(id), CliError::cannot_write(&path, &error).message)
        }
    }
}

/// Reads the input in order, one item at a time, into the bounded queue.
fn produce(input: &Path, items: &SyncSender<Item>) -> Result<(), CliError> {
    let send = |item: Item| {
        items.send(item).map_err(|_| CliError::usage(Message::fixed("処理が止まりました", "the workers stopped")))
    };
    if input.is_dir() {
        let (sources, errors) = expand(&[input.to_owned()]);
        if let Some((path, error)) = errors.first() {
            return Err(CliError::cannot_read(&path.display(), error));
        }
        for (index, source) in (0_u64..).zip(sources) {
            let Source::File(path) = source else { continue };
            let bytes = read_file(&path);
            send(Item { index, source: path.display().to_string(), bytes })?;
        }
        return Ok(());
    }
    let is_stdin = input.as_os_str() == "-";
    let name = if is_stdin { "<stdin>".to_owned() } else { input.display().to_string() };
    let reader: Box<dyn Read + Send> = if is_stdin {
        Box::new(io::stdin())
    } else {
        Box::new(fs::File::open(input).map_err(|error| CliError::cannot_read(&name, &error))?)
    };
    let mut lines = BufReader::with_capacity(1 << 16, reader);
    let mut index = 0;
    let mut line_number = 0_u64;
    loop {
        line_number += 1;
        let line = match read_line_limited(&mut lines, MAX_DOCUMENT_BYTES) {
            Ok(Some(line)) => line,
            Ok(None) => return Ok(()),
            Err(error) => return Err(CliError::cannot_read(&name, &error)),
        };
        let bytes = match line {
            Line::Text(text) if text.iter().all(u8::is_ascii_whitespace) => continue,
            Line::Text(text) => Ok(text),
            Line::TooLong => Err(Message::new(
                format!("行が {MAX_DOCUMENT_BYTES} バイトより長い"),
                format!("line longer than {MAX_DOCUMENT_BYTES} bytes"),
            )),
        };
        send(Item { index, source: format!("{name}:{line_number}"), bytes })?;
        index += 1;
    }
}

enum Line {
    Text(Vec<u8>),
    TooLong,
}

/// Reads one line, keeping at most `limit` bytes of it: a huge line costs no memory.
fn read_line_limited(reader: &mut impl BufRead, limit: usize) -> io::Result<Option<Line>> {
    let mut line = Vec::new();
    let mut too_long = false;
    let mut read_any = false;
    loop {
        let buffer = reader.fill_buf()?;
        if buffer.is_empty() {
            break;
        }
        read_any = true;
        let (chunk, done) = match buffer.iter().position(|&b| b == b'\n') {
            Some(end) => (&buffer[..end], Some(end + 1)),
            None => (buffer, None),
        };
        if !too_long {
            if line.len() + chunk.len() > limit {
                too_long = true;
                line = Vec::new();
            } else {
                line.extend_from_slice(chunk);
            }
        }
        let consumed = done.unwrap_or(buffer.len());
        reader.consume(consumed);
        if done.is_some() {
            break;
        }
    }
    if !read_any {
        return Ok(None);
    }
    Ok(Some(if too_long { Line::TooLong } else { Line::Text(line) }))
}

fn read_file(path: &Path) -> Result<Vec<u8>, Message> {
    let unreadable = |error: io::Error| {
        let reason = io_reason(error.kind());
        Message::new(format!("読み込めません: {}", reason.ja), format!("cannot read: {}", reason.en))
    };
    let file = fs::File::open(path).map_err(unreadable)?;
    let mut bytes = Vec::new();
    // The limit `validate` reads to (XML's, the larger); JSON's own applies when parsing.
    let limit = MAX_DOCUMENT_BYTES.max(tsunagu_xml::MAX_XML_BYTES);
    file.take(limit as u64 + 1).read_to_end(&mut bytes).map_err(unreadable)?;
    if bytes.len() > limit {
        return Err(Message::new(
            format!("{limit} バイトより大きいファイルです"),
            format!("file larger than {limit} bytes"),
        ));
    }
    Ok(bytes)
}

fn check_template(template: &str) -> Result<(), Message> {
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        let close = rest[open..].find('}').ok_or(Message::fixed("{ が閉じていません", "unclosed {"))? + open;
        let placeholder = &rest[open + 1..close];
        if !matches!(placeholder, "id" | "kind" | "index") {
            return Err(Message::new(
                format!("{{{placeholder}}} は使えません ({{id}}・{{kind}}・{{index}} が使えます)"),
                format!("unknown placeholder {{{placeholder}}} (use {{id}}, {{kind}}, {{index}})"),
            ));
        }
        rest = &rest[close + 1..];
    }
    if template.contains(['/', '\\']) || template.is_empty() || template.starts_with('.') {
        return Err(Message::fixed(
            "ディレクトリを含まないファイル名にしてください",
            "the name must be a plain file name",
        ));
    }
    if !template.contains("{id}") && !template.contains("{index}") {
        return Err(Message::fixed(
            "{id} か {index} を含めてください (全 PDF が同じ名前になります)",
            "the name needs {id} or {index}, or every PDF gets the same name",
        ));
    }
    Ok(())
}

fn file_name(template: &str, document: &Document, index: u64) -> String {
    let name = template
        .replace("{id}", &document.id().to_string())
        .replace("{kind}", document.kind().as_str())
        .replace("{index}", &format!("{index:06}"));
    format!("{name}.pdf")
}

/// Removes temporary files an interrupted run left behind (they hold whole PDFs).
fn remove_leftover_temporaries(dir: &Path) {
    let Ok(entries) = fs::read_dir(dir) else { return };
    for entry in entries.flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        if name.starts_with('.') && name.ends_with(TEMP_SUFFIX) {
            let _ = fs::remove_file(entry.path());
        }
    }
}

/// A write error after which no later write can succeed either.
fn is_storage_full(error: &io::Error) -> bool {
    use io::ErrorKind::{FileTooLarge, QuotaExceeded, ReadOnlyFilesystem, StorageFull};
    matches!(error.kind(), StorageFull | QuotaExceeded | FileTooLarge | ReadOnlyFilesystem)
}

fn probe_writable(dir: &Path) -> io::Result<()> {
    let probe = dir.join(format!(".tsunagu-write-test.{}", std::process::id()));
    fs::write(&probe, b"")?;
    fs::remove_file(probe)
}

struct Progress {
    terminal: bool,
    last: Instant,
}

impl Progress {
    fn new(terminal: bool) -> Self {
        Self { terminal, last: Instant::now() }
    }

    fn tick(&mut self, summary: &Summary, started: Instant, lang: Lang) {
        let interval = if self.terminal { Duration::from_millis(100) } else { Duration::from_secs(5) };
        if self.last.elapsed() < interval {
            return;
        }
        self.last = Instant::now();
        let elapsed = started.elapsed().as_secs_f64();
        #[allow(clippy::cast_precision_loss)]
        let rate = summary.documents as f64 / elapsed.max(1e-9);
        let line = format!("{}, {rate:.0}/s", summary.counts().get(lang));
        let mut err = io::stderr().lock();
        if self.terminal {
            let _ = write!(err, "\r\x1b[2K{line}");
        } else {
            let _ = writeln!(err, "{line}");
        }
    }

    fn finish(&self, summary: &Summary, lang: Lang) {
        let mut err = io::stderr().lock();
        if self.terminal {
            let _ = write!(err, "\r\x1b[2K");
        }
        let seconds = Message::new(format!("{:.1} 秒", summary.seconds), format!("{:.1} s", summary.seconds));
        let _ = writeln!(err, "{} ({})", summary.counts().get(lang), seconds.get(lang));
    }
}

impl Summary {
    /// `12 件: 作成 10、スキップ 0、無効 1、失敗 1`, or in English.
    fn counts(&self) -> Message {
        let Self { documents, rendered, skipped, invalid, failed, .. } = self;
        Message::new(
            format!("{documents} 件: 作成 {rendered}、スキップ {skipped}、無効 {invalid}、失敗 {failed}"),
            format!(
                "{documents} documents: {rendered} rendered, {skipped} skipped, {invalid} invalid, {failed} failed"
            ),
        )
    }
}

fn write_report(
    path: &Path,
    format: ReportFormat,
    summary: &Summary,
    problems: &[Outcome],
    lang: Lang,
) -> io::Result<()> {
    let bytes = match format {
        ReportFormat::Json => {
            let report = serde_json::json!({ "summary": summary, "problems": problems });
            let mut bytes = serde_json::to_vec_pretty(&report)?;
            bytes.push(b'\n');
            bytes
        }
        ReportFormat::Junit => {
            let reports: Vec<FileReport> = problems
                .iter()
                .map(|outcome| FileReport {
                    file: outcome.source.clone(),
                    kind: None,
                    valid: false,
                    io_error: None,
                    failure: outcome.error.clone(),
                    diagnostics: outcome.diagnostics.clone(),
                })
                .collect();
            let mut bytes = Vec::new();
            output::junit::write(&reports, lang, &mut bytes)?;
            bytes
        }
    };
    write_atomically(path, &bytes)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_lines_are_skipped_without_being_kept() {
        let input = format!("{{\"a\":1}}\n{}\n{{\"b\":2}}", "x".repeat(100));
        let mut reader = BufReader::with_capacity(8, input.as_bytes());
        assert!(matches!(read_line_limited(&mut reader, 50).expect("io"), Some(Line::Text(t)) if t == b"{\"a\":1}"));
        assert!(matches!(read_line_limited(&mut reader, 50).expect("io"), Some(Line::TooLong)));
        assert!(matches!(read_line_limited(&mut reader, 50).expect("io"), Some(Line::Text(t)) if t == b"{\"b\":2}"));
        assert!(read_line_limited(&mut reader, 50).expect("io").is_none());
    }

    #[test]
    fn templates_are_checked() {
        assert!(check_template("{id}").is_ok());
        assert!(check_template("{kind}-{index}").is_ok());
        assert!(check_template("{name}").is_err());
        assert!(check_template("../{id}").is_err());
        assert!(check_template("fixed").is_err());
    }
}
