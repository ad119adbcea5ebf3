//! Render suite: every document renders to a PDF that reads, carries its data
//! and never changes by accident.
//!
//! The reference hashes and PNGs under `tests/references/` are `insta` snapshots:
//! `cargo insta review` after an intended change.
//! The checks that use poppler (`pdftotext`, `pdffonts`, `pdfdetach`) are
//! required where `TSUNAGU_REQUIRE_TOOLS` is set (CI) and skipped, with a note, elsewhere.

mod corpus;
mod hostile;
mod preview;
mod references;
mod typst_parts;

use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::LazyLock;

use tsunagu_model::{Document, validate};
use tsunagu_render::Renderer;

pub static RENDERER: LazyLock<Renderer> = LazyLock::new(Renderer::with_embedded_fonts);

pub fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// Every valid document of the corpus: the examples and the render test documents.
pub fn documents() -> Vec<(String, Document)> {
    let mut out = Vec::new();
    for dir in ["examples", "tests/documents"] {
        let mut paths: Vec<PathBuf> = std::fs::read_dir(root().join(dir))
            .expect("dir")
            .map(|e| e.expect("entry").path())
            .filter(|p| p.extension().is_some_and(|e| e == "json"))
            .collect();
        paths.sort();
        for path in paths {
            let report = validate(&std::fs::read(&path).expect("read"));
            assert!(report.is_valid(), "{}: {:?}", path.display(), report.diagnostics);
            let name = path.file_stem().expect("stem").to_string_lossy().into_owned();
            out.push((name, report.document.expect("document")));
        }
    }
    out
}

/// Runs a poppler tool on a PDF file, or returns `None` (after a note) if it is not installed.
pub fn poppler(tool: &str, args: &[&str], pdf: &[u8]) -> Option<String> {
    let available = Command::new(tool).arg("-v").output().is_ok();
    if !available {
        assert!(std::env::var_os("TSUNAGU_REQUIRE_TOOLS").is_none(), "{tool} is required here but not installed");
        eprintln!("note: {tool} not installed; its checks are skipped (install poppler-utils)");
        return None;
    }
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("doc.pdf");
    std::fs::write(&path, pdf).expect("write pdf");
    let output = Command::new(tool)
        .args(args)
        .arg(&path)
        .args(if tool == "pdftotext" { &["-"][..] } else { &[][..] })
        .output()
        .expect("run tool");
    assert!(output.status.success(), "{tool} failed: {}", String::from_utf8_lossy(&output.stderr));
    Some(String::from_utf8_lossy(&output.stdout).into_owned())
}
