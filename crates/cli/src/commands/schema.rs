//! `tsunagu schema`: print one kind's schema, or write / check all of them.

use std::fs;
use std::io::{self, Write};
use std::path::PathBuf;

use tsunagu_model::{Kind, schema_json};

use super::validate::KindArg;
use crate::exit;

#[derive(clap::Args)]
#[command(group(clap::ArgGroup::new("mode").required(true).args(["kind", "write", "check"])))]
pub struct Args {
    /// 出力する文書の種類 / Kind whose schema to print
    #[arg(value_enum)]
    kind: Option<KindArg>,
    /// 全スキーマをこのディレクトリに書き出す / Write every schema into this directory
    #[arg(long, value_name = "DIR")]
    write: Option<PathBuf>,
    /// このディレクトリのスキーマが型と一致するか照合する (CI 用) / Check the schemas in this directory match the types (for CI)
    #[arg(long, value_name = "DIR")]
    check: Option<PathBuf>,
}

/// The file name of a kind's schema.
pub fn file_name(kind: Kind) -> String {
    format!("{}.schema.json", kind.as_str())
}

/// A schema as written to disk: pretty JSON with a final newline.
pub fn rendered(kind: Kind) -> String {
    let mut text = serde_json::to_string_pretty(&schema_json(kind)).unwrap_or_default();
    text.push('\n');
    text
}

pub fn run(args: &Args) -> u8 {
    if let Some(kind) = args.kind {
        let mut stdout = io::stdout().lock();
        return match stdout.write_all(rendered(kind.into()).as_bytes()) {
            Ok(()) => exit::VALID,
            Err(_) => exit::USAGE_OR_IO,
        };
    }
    if let Some(dir) = &args.write {
        if let Err(error) = fs::create_dir_all(dir) {
            eprintln!("error: cannot create {}: {error}", dir.display());
            return exit::USAGE_OR_IO;
        }
        for kind in Kind::ALL {
            let path = dir.join(file_name(kind));
            if let Err(error) = fs::write(&path, rendered(kind)) {
                eprintln!("error: cannot write {}: {error}", path.display());
                return exit::USAGE_OR_IO;
            }
            eprintln!("wrote {}", path.display());
        }
        return exit::VALID;
    }
    if let Some(dir) = &args.check {
        let mut stale = Vec::new();
        for kind in Kind::ALL {
            let path = dir.join(file_name(kind));
            if fs::read_to_string(&path).ok().as_deref() != Some(rendered(kind).as_str()) {
                stale.push(path);
            }
        }
        if stale.is_empty() {
            eprintln!("schemas in {} match the types", dir.display());
            return exit::VALID;
        }
        for path in &stale {
            eprintln!("error: {} is out of date with the Rust types", path.display());
        }
        eprintln!("hint: run `cargo run -p tsunagu-cli -- schema --write {}`", dir.display());
        return exit::INVALID;
    }
    exit::USAGE_OR_IO
}
