//! Model suite: the example corpus, the invalid fixtures with their expected
//! diagnostics, and the schemas checked against the types.
//!
//! The expected diagnostics are `insta` snapshots beside the fixtures:
//! `cargo insta review` (or `INSTA_UPDATE=always cargo test`) after an intended change.

mod corpus;
mod evacuation;
mod fixtures;
mod migrate;
mod national_forms;
mod record;
mod schemas;

use std::path::{Path, PathBuf};

/// The repository root.
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
    assert!(!files.is_empty(), "no documents in {dir}");
    files
}
