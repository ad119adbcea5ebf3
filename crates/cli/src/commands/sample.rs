//! `tsunagu sample`: deterministic synthetic documents, one JSON object a line, or a
//! whole folder as a city keeps it (`--case-folder N`).

use std::io::{self, BufWriter, Write};
use std::path::PathBuf;

use tsunagu_model::{Date, Kind, Message, sample, sample_case_folder};

use crate::args::{as_of, kind_parser, parse_date};
use crate::error::{CliError, exit};
use crate::write::{to_file_or_stdout, write_atomically};

#[derive(clap::Args)]
#[command(group(clap::ArgGroup::new("what").required(true).args(["kind", "case_folder"])))]
pub struct Args {
    /// 文書の種類 / Kind of document
    #[arg(long, value_parser = kind_parser())]
    kind: Option<Kind>,
    /// 件数 / How many
    #[arg(long, default_value_t = 10)]
    count: u64,
    /// N 人のこどものフォルダー (同意・指示書の版・アセスメント) を -o のディレクトリに書く
    /// / Write a folder for N children (consents, versions of sheets, assessments) into the -o directory
    #[arg(long, value_name = "N", requires = "output")]
    case_folder: Option<u64>,
    /// フォルダーの日付の基準 (既定: 今日) / The day the folder's dates are around (default: today)
    #[arg(long, value_name = "DATE", value_parser = parse_date)]
    around: Option<Date>,
    /// 乱数の種 (同じ種なら同じ文書) / Seed: the same seed gives the same documents
    #[arg(long, default_value_t = 1)]
    seed: u64,
    /// 出力先 (既定: 標準出力) / Output file (default: standard output), or the folder's directory
    #[arg(short, long, value_name = "PATH")]
    output: Option<PathBuf>,
}

pub fn run(args: &Args) -> Result<u8, CliError> {
    if let (Some(children), Some(dir)) = (args.case_folder, &args.output) {
        let around = as_of(args.around)?;
        let folder = sample_case_folder(args.seed, children, around);
        for (name, document) in &folder {
            let path = dir.join(name);
            let mut bytes = serde_json::to_vec_pretty(document).map_err(io::Error::from)?;
            bytes.push(b'\n');
            write_atomically(&path, &bytes).map_err(|error| CliError::cannot_write(&path, &error))?;
        }
        let count = folder.len();
        let _ =
            writeln!(io::stderr(), "{}", Message::new(format!("{count} 件の文書"), format!("{count} documents")).en);
        return Ok(exit::VALID);
    }
    let Some(kind) = args.kind else { return Ok(exit::USAGE_OR_IO) };
    if args.output.is_some() {
        let mut bytes = Vec::new();
        write_lines(kind, args, &mut bytes)?;
        to_file_or_stdout(args.output.as_deref(), &bytes)?;
    } else {
        let mut out = BufWriter::new(io::stdout().lock());
        write_lines(kind, args, &mut out)?;
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
