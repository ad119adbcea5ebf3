//! Gathering documents from files, directories and standard input, with the
//! size limit enforced before anything large is read.

use std::fs;
use std::io::{self, Read};
use std::path::{Path, PathBuf};

use tsunagu_model::MAX_DOCUMENT_BYTES;

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

/// Loads the one document a command works on (`-` is standard input), or
/// reports on standard error why it cannot and returns the exit code.
pub fn load_one(path: &Path, lang: tsunagu_model::Lang) -> Result<(Source, Vec<u8>), u8> {
    let source = if path.as_os_str() == "-" { Source::Stdin } else { Source::File(path.to_owned()) };
    load_reporting(&source, lang).map(|bytes| (source, bytes))
}

/// Loads a source, or reports on standard error why it cannot and returns the exit code.
pub fn load_reporting(source: &Source, lang: tsunagu_model::Lang) -> Result<Vec<u8>, u8> {
    use crate::exit;
    use crate::output::error_line;
    match load(source) {
        Loaded::Bytes(bytes) => Ok(bytes),
        Loaded::TooLarge(_) => {
            error_line(lang, &format!("{source}: ファイルが大きすぎます"), &format!("{source}: file too large"));
            Err(exit::INVALID)
        }
        Loaded::Failed(error) => {
            let kind = error.kind();
            error_line(lang, &format!("{source} を読み込めません: {kind}"), &format!("cannot read {source}: {kind}"));
            Err(exit::USAGE_OR_IO)
        }
    }
}
