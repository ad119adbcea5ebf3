//! Reading documents: gathering them from files, directories and standard input
//! (the size limit enforced before anything large is read), and the command
//! line's one way into validation, for JSON and XML alike.

use std::fs;
use std::io::{self, Read};
use std::path::{Path, PathBuf};

use serde_json::Value;
use tsunagu_model::{
    Code, Diagnostic, Document, Lang, MAX_DOCUMENT_BYTES, Message, Report, diff, parse_json, validate_value,
};

use crate::output::FileReport;

use crate::args::Form;
use crate::error::{CliError, in_file};

/// Where a document came from, as shown in reports.
#[derive(Debug, Clone)]
pub enum Source {
    File(PathBuf),
    Stdin,
}

impl std::fmt::Display for Source {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Self::File(path) => write!(f, "{}", path.display()),
            Self::Stdin => f.write_str("<stdin>"),
        }
    }
}

/// The bytes of one input, or why they could not be had.
pub enum Loaded {
    Bytes(Vec<u8>),
    /// Larger than any document may be; only the size was read.
    TooLarge(u64),
    /// Could not be read at all (missing, unreadable).
    Failed(io::Error),
}

/// Expands the arguments into sources: files as given, directories walked for
/// `*.json` and `*.xml` in name order, `-` as standard input.
pub fn expand(args: &[PathBuf]) -> (Vec<Source>, Vec<(PathBuf, io::Error)>) {
    let mut sources = Vec::new();
    let mut errors = Vec::new();
    for arg in args {
        if arg.as_os_str() == "-" {
            sources.push(Source::Stdin);
        } else if arg.is_dir() {
            walk(arg, &mut sources, &mut errors, 0);
        } else {
            sources.push(Source::File(arg.clone()));
        }
    }
    (sources, errors)
}

/// Directory depth past which we stop walking (guards against deep trees).
const MAX_WALK_DEPTH: usize = 32;

fn walk(dir: &Path, sources: &mut Vec<Source>, errors: &mut Vec<(PathBuf, io::Error)>, depth: usize) {
    if depth > MAX_WALK_DEPTH {
        return;
    }
    let entries = match fs::read_dir(dir) {
        Ok(entries) => entries,
        Err(error) => {
            errors.push((dir.to_owned(), error));
            return;
        }
    };
    let mut paths: Vec<(PathBuf, bool)> = entries
        .filter_map(Result::ok)
        .filter(|entry| !entry.file_name().to_string_lossy().starts_with('.'))
        // file_type does not follow symbolic links, so a link cannot make the walk loop.
        .map(|entry| (entry.path(), entry.file_type().is_ok_and(|t| t.is_dir())))
        .collect();
    paths.sort();
    for (path, is_dir) in paths {
        if is_dir {
            walk(&path, sources, errors, depth + 1);
        } else if path.extension().is_some_and(|ext| ext == "json" || ext == "xml") {
            sources.push(Source::File(path));
        }
    }
}

/// Reads a source, stopping once it is over the size limit. The limit is the
/// XML one (XML is wordier); JSON's own, smaller limit is enforced when parsing.
pub fn load(source: &Source) -> Loaded {
    let limit = MAX_DOCUMENT_BYTES.max(tsunagu_xml::MAX_XML_BYTES) as u64;
    let result = match source {
        Source::File(path) => fs::File::open(path).and_then(|file| read_limited(file, limit)),
        Source::Stdin => read_limited(io::stdin().lock(), limit),
    };
    match result {
        Ok(Ok(bytes)) => Loaded::Bytes(bytes),
        Ok(Err(size)) => Loaded::TooLarge(size),
        Err(error) => Loaded::Failed(error),
    }
}

/// `Ok(Err(n))` means at least `n` bytes: more than `limit`.
fn read_limited(reader: impl Read, limit: u64) -> io::Result<Result<Vec<u8>, u64>> {
    let mut bytes = Vec::new();
    reader.take(limit + 1).read_to_end(&mut bytes)?;
    if bytes.len() as u64 > limit {
        return Ok(Err(bytes.len() as u64));
    }
    Ok(Ok(bytes))
}

/// Loads the one document a command works on (`-` is standard input).
pub fn load_one(path: &Path) -> Result<(Source, Vec<u8>), CliError> {
    let source = if path.as_os_str() == "-" { Source::Stdin } else { Source::File(path.to_owned()) };
    load_or_fail(&source).map(|bytes| (source, bytes))
}

/// Loads a source, or says why it cannot be.
pub fn load_or_fail(source: &Source) -> Result<Vec<u8>, CliError> {
    match load(source) {
        Loaded::Bytes(bytes) => Ok(bytes),
        Loaded::TooLarge(_) => Err(CliError::invalid(Message::new(
            format!("{source}: ファイルが大きすぎます"),
            format!("{source}: file too large"),
        ))),
        Loaded::Failed(error) => Err(CliError::cannot_read(source, &error)),
    }
}

/// Validates a document of either form: JSON through [`tsunagu_model::validate`],
/// XML (recognised by its first character) read into the same value and checked
/// by [`tsunagu_model::validate_value`]. Every command that reads a document uses it.
pub fn validate_document(bytes: &[u8]) -> Report {
    if form_of(bytes) == Form::Json {
        return tsunagu_model::validate(bytes);
    }
    match parse_value(bytes) {
        Ok((value, _)) => validate_value(value),
        Err(diagnostic) => Report { kind: None, diagnostics: vec![*diagnostic], document: None },
    }
}

/// JSON, or XML when the first character that is not white space is `<`.
pub fn form_of(bytes: &[u8]) -> Form {
    if bytes.iter().find(|b| !b.is_ascii_whitespace()) == Some(&b'<') { Form::Xml } else { Form::Json }
}

/// Reads JSON or XML into a JSON value, strictly.
pub fn parse_value(bytes: &[u8]) -> Result<(Value, Form), Box<Diagnostic>> {
    match form_of(bytes) {
        Form::Json => {
            parse_json(bytes).map(|value| (value, Form::Json)).map_err(|error| Box::new(error.into_diagnostic()))
        }
        Form::Xml => match tsunagu_xml::from_xml(bytes) {
            Ok((_, value)) => Ok((value, Form::Xml)),
            Err(error) => Err(Box::new(Diagnostic::new(Code::NotXml, "", error.message()))),
        },
    }
}

/// `--show-values`: each diagnostic gets the value at its pointer. The document is
/// read a second time, which only this opt-in path pays.
pub fn fill_in_values(diagnostics: &mut [Diagnostic], bytes: &[u8]) {
    if let Ok((value, _)) = parse_value(bytes) {
        for diagnostic in diagnostics {
            diagnostic.show_value(&value);
        }
    }
}

/// A PDF (or a document) read whole, up to the largest PDF tsunagu reads.
pub fn load_pdf_or_document(path: &Path) -> Result<Vec<u8>, CliError> {
    let name = path.display();
    let metadata = fs::metadata(path).map_err(|error| CliError::cannot_read(&name, &error))?;
    if metadata.len() > tsunagu_render::MAX_PDF_BYTES as u64 {
        let message = tsunagu_render::ExtractError::TooLarge.message();
        return Err(CliError::invalid(in_file(&name.to_string(), &message)));
    }
    fs::read(path).map_err(|error| CliError::cannot_read(&name, &error))
}

/// A document to compare or print beside another: it must read as a document (it may have rule errors).
pub fn load_document(path: &Path) -> Result<Document, CliError> {
    let (source, bytes) = load_one(path)?;
    let mut report = validate_document(&bytes);
    if let Some(document) = report.document.take() {
        return Ok(document);
    }
    let message = Message::fixed("文書として読めません", "cannot be read as a document");
    Err(CliError::invalid(in_file(&source.to_string(), &message)).with_report(FileReport::of(&source, report, None)))
}

/// The changes from `old` to `new`, refusing documents of two kinds.
pub fn changes(old: &Document, new: &Document, lang: Lang) -> Result<Vec<tsunagu_model::Change>, CliError> {
    if old.kind() != new.kind() {
        return Err(CliError::usage(Message::fixed(
            "種類の違う文書は比べられません",
            "documents of different kinds cannot be compared",
        )));
    }
    Ok(diff(old, new, lang))
}
