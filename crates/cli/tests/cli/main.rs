//! The `tsunagu` command as users and CI systems call it.

mod batch;
mod case;
mod evacuation;
mod formats;
mod hostile;
mod limits;
mod messages;
mod migrate;
mod network;
mod record;
mod render;
mod schema;
mod score;
mod validate;

use std::path::{Path, PathBuf};

use assert_cmd::Command;

pub fn tsunagu() -> Command {
    let mut command = Command::cargo_bin("tsunagu").expect("binary built");
    command.current_dir(root());
    command
}

pub fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// The `*.json` files directly in a directory of the repository, sorted.
pub fn json_files(dir: &str) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(root().join(dir))
        .expect("directory exists")
        .map(|entry| entry.expect("entry").path())
        .filter(|path| path.extension().is_some_and(|e| e == "json"))
        .collect();
    files.sort();
    files
}

/// The text of a PDF file (poppler's `pdftotext`), or `None` (after a note) where it is
/// not installed; required where `TSUNAGU_REQUIRE_TOOLS` is set (CI).
pub fn pdftotext(pdf: &Path) -> Option<String> {
    let output = std::process::Command::new("pdftotext").args(["-enc", "UTF-8"]).arg(pdf).arg("-").output();
    match output {
        Ok(output) if output.status.success() => Some(String::from_utf8_lossy(&output.stdout).into_owned()),
        Ok(output) => panic!("pdftotext failed: {}", String::from_utf8_lossy(&output.stderr)),
        Err(_) => {
            assert!(
                std::env::var_os("TSUNAGU_REQUIRE_TOOLS").is_none(),
                "pdftotext is required here but not installed"
            );
            eprintln!("note: pdftotext not installed; its checks are skipped (install poppler-utils)");
            None
        }
    }
}
