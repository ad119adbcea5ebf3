//! Reading many documents at once, on every core: each is validated, reported and
//! boiled down to its [`Summary`] (the facts the folder-level functions need), and
//! the document itself is dropped, so a folder of the country's scale fits in memory.

use std::thread;

use tsunagu_model::{Kind, Summary};

use crate::input::{Loaded, Source, fill_in_values, load, validate_document};
use crate::output::FileReport;

/// One source read: its report, and its summary when it is a valid document.
pub struct Read {
    pub report: FileReport,
    pub summary: Option<Summary>,
}

/// Reads and validates every source, in order, on every core.
pub fn read_all(sources: &[Source], expected: Option<Kind>, show_values: bool) -> Vec<Read> {
    let workers = thread::available_parallelism().map_or(1, usize::from).min(sources.len().max(1));
    let chunk = sources.len().div_ceil(workers).max(1);
    thread::scope(|scope| {
        let handles: Vec<_> = sources
            .chunks(chunk)
            .map(|part| {
                scope.spawn(move || part.iter().map(|source| read(source, expected, show_values)).collect::<Vec<_>>())
            })
            .collect();
        // A worker that panicked loses nothing silently: its sources are reported as unreadable.
        handles
            .into_iter()
            .zip(sources.chunks(chunk))
            .flat_map(|(handle, part)| {
                handle.join().unwrap_or_else(|_| {
                    part.iter()
                        .map(|source| Read {
                            report: FileReport::unreadable(source.to_string(), std::io::ErrorKind::Other),
                            summary: None,
                        })
                        .collect()
                })
            })
            .collect()
    })
}

fn read(source: &Source, expected: Option<Kind>, show_values: bool) -> Read {
    match load(source) {
        Loaded::Bytes(bytes) => {
            let report = validate_document(&bytes);
            let summary = report.document.as_ref().filter(|_| report.is_valid()).map(Summary::of);
            // The report (and with it the document) is dropped here; only the summary stays.
            let mut file = FileReport::of(source, report, expected);
            if show_values {
                fill_in_values(&mut file.diagnostics, &bytes);
            }
            Read { report: file, summary }
        }
        Loaded::TooLarge(size) => Read { report: FileReport::too_large(source, size), summary: None },
        Loaded::Failed(error) => {
            Read { report: FileReport::unreadable(source.to_string(), error.kind()), summary: None }
        }
    }
}

/// The valid documents' summaries and file names, for the folder-level functions.
pub fn summaries(reads: &[Read]) -> (Vec<Summary>, Vec<String>) {
    reads.iter().filter_map(|r| r.summary.clone().map(|s| (s, r.report.file.clone()))).unzip()
}
