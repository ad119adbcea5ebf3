//! The `tsunagu` command as users and CI systems call it.

mod batch;
mod formats;
mod hostile;
mod limits;
mod messages;
mod migrate;
mod network;
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
