//! `tsunagu sample`: deterministic synthetic documents, one JSON object a line.

use std::io::{self, BufWriter, Write};
use std::path::PathBuf;

use tsunagu_model::{Kind, sample};

use crate::args::kind_parser;
use crate::error::{CliError, exit};
use crate::write::to_file_or_stdout;

#[derive(clap::Args)]
pub struct Args {
    /// 文書の種類 / Kind of document
    #[arg(long, value_parser = kind_parser())]
    kind: Kind,
    /// 件数 / How many
    #[arg(long, default_value_t = 10)]
    count: u64,
    /// 乱数の種 (同じ種なら同じ文書) / Seed: the same seed gives the same documents
    #[arg(long, default_value_t = 1)]
    seed: u64,
    /// 出力先 (既定: 標準出力) / Output file (default: standard output)
    #[arg(short, long, value_name = "FILE")]
    output: Option<PathBuf>,
}

pub fn run(args: &Args) -> Result<u8, CliError> {
    if args.output.is_some() {
        let mut bytes = Vec::new();
        write_lines(args.kind, args, &mut bytes)?;
        to_file_or_stdout(args.output.as_deref(), &bytes)?;
    } else {
        let mut out = BufWriter::new(io::stdout().lock());
        write_lines(args.kind, args, &mut out)?;
        out.flush()?;
    }
    Ok(exit::VALID)
}

fn write_lines(kind: Kind, args: &Args, out: &mut impl Write) -> io::Result<()> {
    for index in 0..args.count {
        serde_json::to_writer(&mut *out, &sample(kind, args.seed, index))?;
        out.write_all(b"\n")?;
    }
    Ok(())
}
