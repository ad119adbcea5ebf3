//! The `tsunagu` command as users and CI systems call it.

mod batch;
mod formats;
mod hostile;
mod limits;
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
