//! `tsunagu schema`: print one kind's schema, or write / check all of them.

use std::fs;
use std::io::{self, Write};
use std::path::PathBuf;

use tsunagu_model::{Kind, Message, schema_json};

use crate::args::kind_parser;
use crate::error::{CliError, exit};

#[derive(clap::Args)]
#[command(group(clap::ArgGroup::new("mode").required(true).args(["kind", "write", "check"])))]
pub struct Args {
    /// 出力する文書の種類 / Kind whose schema to print
    #[arg(value_parser = kind_parser())]
    kind: Option<Kind>,
    /// 全スキーマをこのディレクトリに書き出す / Write every schema into this directory
    #[arg(long, value_name = "DIR")]
    write: Option<PathBuf>,
    /// このディレクトリのスキーマが型と一致するか照合する (CI 用) / Check the schemas in this directory match the types (for CI)
    #[arg(long, value_name = "DIR")]
    check: Option<PathBuf>,
}

/// The file name of a kind's schema.
fn file_name(kind: Kind) -> String {
    format!("{}.schema.json", kind.as_str())
}

/// A schema as written to disk: pretty JSON with a final newline.
fn rendered(kind: Kind) -> String {
    let mut text = serde_json::to_string_pretty(&schema_json(kind)).unwrap_or_default();
    text.push('\n');
    text
}

pub fn run(args: &Args) -> Result<u8, CliError> {
    if let Some(kind) = args.kind {
        io::stdout().lock().write_all(rendered(kind).as_bytes())?;
        return Ok(exit::VALID);
    }
    if let Some(dir) = &args.write {
        fs::create_dir_all(dir).map_err(|error| CliError::cannot_write(dir, &error))?;
        for &kind in Kind::ALL {
            let path = dir.join(file_name(kind));
            fs::write(&path, rendered(kind)).map_err(|error| CliError::cannot_write(&path, &error))?;
            eprintln!("wrote {}", path.display());
        }
        return Ok(exit::VALID);
    }
    let Some(dir) = &args.check else { return Ok(exit::USAGE_OR_IO) };
    let stale: Vec<String> = Kind::ALL
        .iter()
        .map(|&kind| (dir.join(file_name(kind)), rendered(kind)))
        .filter(|(path, text)| fs::read_to_string(path).ok().as_deref() != Some(text.as_str()))
        .map(|(path, _)| path.display().to_string())
        .collect();
    if stale.is_empty() {
        eprintln!("schemas in {} match the types", dir.display());
        return Ok(exit::VALID);
    }
    let list = stale.join(", ");
    let message = Message::new(
        format!("型と一致しないスキーマがあります: {list}"),
        format!("{list}: out of date with the Rust types"),
    );
    Err(CliError::invalid(message).with_hint(Message::new(
        format!("cargo run -p tsunagu-cli -- schema --write {} を実行してください", dir.display()),
        format!("run `cargo run -p tsunagu-cli -- schema --write {}`", dir.display()),
    )))
}
