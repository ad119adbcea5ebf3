//! `tsunagu`: validate, score and render the shared documents for children
//! who need daily medical care (医療的ケア児).
//!
//! Each command returns its exit code or a [`CliError`]; errors are printed here,
//! once, in the language asked for.

mod args;
mod commands;
mod error;
mod folder;
mod input;
mod output;
mod text;
mod write;

use std::process::ExitCode;

use clap::{Parser, Subcommand};
use tsunagu_model::Lang;

use crate::args::LangArg;
use crate::error::{CliError, exit};

// Reading JSON is mostly small allocations; mimalloc validates about a third
// faster than the system allocator.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// tsunagu — 医療的ケア児の書類をひとつの書式で / one format for the paperwork of children who need daily medical care
#[derive(Parser)]
#[command(name = "tsunagu", version, about, long_about = None)]
struct Cli {
    /// メッセージと用紙の言語 / Language of messages and printed forms
    #[arg(long, value_enum, default_value_t = LangArg::Ja, global = true)]
    lang: LangArg,
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// 文書を検証する / Validate documents (exit 0 valid, 1 invalid, 2 usage or I/O error)
    Validate(commands::validate::Args),
    /// スキーマを出力・生成・照合する / Print, write or check the JSON Schemas
    Schema(commands::schema::Args),
    /// 医療的ケア判定スコアを計算する / Compute the medical-care score
    Score(commands::score::Args),
    /// PDF (PDF/A-3、JSON 添付) を作る / Render a PDF (PDF/A-3 with the JSON attached)
    Render(commands::render::Args),
    /// PDF に添付された文書を取り出して検証する / Extract and validate the document a PDF carries
    Extract(commands::extract::Args),
    /// 紙 (QR コード) とデータを照合する / Match a paper copy (QR code) with its data
    Verify(commands::verify::Args),
    /// JSON と XML を相互に変換する / Convert between the JSON and XML forms
    Convert(commands::convert::Args),
    /// 古い書式の版の文書を更新する / Upgrade documents of an older format version
    Migrate(commands::migrate::Args),
    /// 多数の文書を並列に検証・PDF 化する / Validate and render many documents in parallel
    Batch(commands::batch::Args),
    /// 医療的ケア児一覧を作る (xlsx・csv・json・pdf) / The list of children, from a folder of documents
    Roster(commands::roster::Args),
    /// 期限が来るもの (指示書・同意・見直し・就学) / What lapses or is due (sheets, consents, reviews, school entry)
    Due(commands::due::Args),
    /// 二つの版の違い / What changed between two versions of a document
    Diff(commands::diff::Args),
    /// 持ち出し品 (1日・3日・14日分) を指示書から計算する / What to pack for 1, 3 and 14 days, from an instruction sheet
    Supplies(commands::supplies::Args),
    /// 共有シートを作る・記録を追加する・写しを統合する / Open a shared record, append an entry, merge copies
    Record(commands::record::Args),
    /// 合成の文書を作る (デモ・試験・ベンチマーク用) / Make synthetic documents (demos, tests, benchmarks)
    Sample(commands::sample::Args),
    /// 診断コードの一覧 / List every diagnostic code
    Codes(commands::codes::Args),
}

fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(error) => {
            let code = if error.use_stderr() { exit::USAGE_OR_IO } else { exit::VALID };
            let _ = error.print();
            return ExitCode::from(code);
        }
    };
    let lang = Lang::from(cli.lang);
    match run(cli.command, lang) {
        Ok(code) => ExitCode::from(code),
        Err(error) => {
            error.print(lang);
            ExitCode::from(error.exit)
        }
    }
}

fn run(command: Command, lang: Lang) -> Result<u8, CliError> {
    match command {
        Command::Validate(args) => commands::validate::run(&args, lang),
        Command::Schema(args) => commands::schema::run(&args),
        Command::Score(args) => commands::score::run(&args, lang),
        Command::Render(args) => commands::render::run(&args, lang),
        Command::Extract(args) => commands::extract::run(&args, lang),
        Command::Verify(args) => commands::verify::run(&args, lang),
        Command::Convert(args) => commands::convert::run(&args, lang),
        Command::Migrate(args) => commands::migrate::run(&args, lang),
        Command::Batch(args) => commands::batch::run(&args, lang),
        Command::Roster(args) => commands::roster::run(&args, lang),
        Command::Due(args) => commands::due::run(&args, lang),
        Command::Diff(args) => commands::diff::run(&args, lang),
        Command::Record(args) => commands::record::run(&args, lang),
        Command::Supplies(args) => commands::supplies::run(&args, lang),
        Command::Sample(args) => commands::sample::run(&args),
        Command::Codes(args) => commands::codes::run(&args),
    }
}
