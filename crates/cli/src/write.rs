//! Writing results: atomically (a reader never sees half a file), and a document
//! in either of its forms.

use std::fs;
use std::io::{self, Write};
use std::path::Path;
use std::sync::atomic::{AtomicU64, Ordering};

use tsunagu_model::Document;
use tsunagu_xml::XmlError;

use crate::args::Form;

/// The suffix of temporary files, so a later run can recognise and remove leftovers.
pub const TEMP_SUFFIX: &str = ".tsunagu-tmp";

/// Writes to a temporary file beside `path`, then renames it into place: a reader
/// or a killed process never sees a half-written file. Each call gets its own
/// temporary name, so threads writing at once never share one. For the many
/// files of a batch; a single file that must survive a power cut takes
/// [`write_durably`].
pub fn write_atomically(path: &Path, bytes: &[u8]) -> io::Result<()> {
    write_via_temporary(path, bytes, false)
}

/// As [`write_atomically`], and the data and the rename are on disk before it
/// returns: after a power cut the file is either the old one or the new one, whole.
pub fn write_durably(path: &Path, bytes: &[u8]) -> io::Result<()> {
    write_via_temporary(path, bytes, true)
}

fn write_via_temporary(path: &Path, bytes: &[u8], durable: bool) -> io::Result<()> {
    static NEXT: AtomicU64 = AtomicU64::new(0);
    let dir = path.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."));
    let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    fs::create_dir_all(dir)?;
    let unique = NEXT.fetch_add(1, Ordering::Relaxed);
    let temp = dir.join(format!(".{name}.{}.{unique}{TEMP_SUFFIX}", std::process::id()));
    let written = fs::File::create(&temp).and_then(|mut file| {
        file.write_all(bytes)?;
        if durable { file.sync_all() } else { Ok(()) }
    });
    let result = written.and_then(|()| fs::rename(&temp, path));
    if result.is_err() {
        let _ = fs::remove_file(&temp);
        return result;
    }
    if durable {
        // The rename itself is on disk only once the directory is.
        fs::File::open(dir)?.sync_all()?;
    }
    Ok(())
}

/// The document in a form: canonical JSON, or the XML form (which cannot carry
/// every control character JSON can).
pub fn in_form(document: &Document, form: Form) -> Result<Vec<u8>, XmlError> {
    match form {
        Form::Json => Ok(document.to_canonical_json()),
        Form::Xml => tsunagu_xml::to_xml(document.kind(), &document.to_value()).map(String::into_bytes),
    }
}

/// Writes to `path` atomically, or to standard output when there is none.
pub fn to_file_or_stdout(path: Option<&Path>, bytes: &[u8]) -> Result<(), crate::error::CliError> {
    match path {
        Some(path) => write_durably(path, bytes).map_err(|error| crate::error::CliError::cannot_write(path, &error)),
        None => Ok(io::stdout().lock().write_all(bytes)?),
    }
}
