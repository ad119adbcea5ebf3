//! `tsunagu render`: a document to a PDF/A-3 that carries its own JSON.

use std::path::{Path, PathBuf};

use tsunagu_model::{Document, Lang, Message};
use tsunagu_render::{Extras, Page, RenderError, RenderOptions, Renderer};

use crate::error::{CliError, exit};
use crate::input::{Source, changes, load_document, load_one, validate_document};
use crate::output::FileReport;
use crate::write::write_durably;

#[derive(clap::Args)]
pub struct Args {
    /// 文書のファイル (- で標準入力) / Document file (- for standard input)
    #[arg(value_name = "FILE")]
    file: PathBuf,
    /// 出力先 (既定: 入力と同じ名前の .pdf、カードは -card.pdf) / Output path (default: the input's name with .pdf, -card.pdf for the card)
    #[arg(short, long, value_name = "PDF")]
    output: Option<PathBuf>,
    /// 無効な文書も「下書き」として出力する / Render an invalid document, marked DRAFT on every page
    #[arg(long)]
    force: bool,
    /// PDF の代わりに Typst のプロジェクト (テンプレート・データ・フォント) をこのディレクトリに書く
    /// / Instead of a PDF, write the Typst project (templates, data, fonts) to this directory
    #[arg(long, value_name = "DIR", conflicts_with = "output")]
    typst_project: Option<PathBuf>,
    /// 前の版からの変更点を用紙に載せる / Print what changed from this earlier version on the form
    #[arg(long, value_name = "OLD")]
    changes_from: Option<PathBuf>,
    /// 個別避難計画に、この指示書から計算した持ち出し品を載せる / On an evacuation plan, print what to pack, reckoned from this instruction sheet
    #[arg(long, value_name = "SHEET")]
    sheet: Option<PathBuf>,
    /// 個別避難計画の緊急時カード (A5 1枚) を作る / Make an evacuation plan's emergency card (one A5 page)
    #[arg(long)]
    card: bool,
}

pub fn run(args: &Args, lang: Lang) -> Result<u8, CliError> {
    let (source, bytes) = load_one(&args.file)?;
    let report = validate_document(&bytes);
    let valid = report.is_valid();
    let Some(document) = report.document.clone() else {
        let message =
            Message::fixed("文書を読み込めないため出力しません", "the document cannot be read, so nothing is rendered");
        return Err(CliError::invalid(message).with_report(FileReport::of(&source, report, None)));
    };
    if !valid && !args.force {
        let message = Message::fixed(
            "無効な文書は出力しません (--force で下書きとして出力できます)",
            "invalid documents are not rendered (--force renders a draft)",
        );
        return Err(CliError::invalid(message).with_report(FileReport::of(&source, report, None)));
    }
    let renderer = Renderer::with_embedded_fonts();
    let options = RenderOptions { lang, draft: !valid };
    if let Some(dir) = &args.typst_project {
        return write_project(&renderer, &document, options, dir, &source);
    }
    let changes = match &args.changes_from {
        Some(old) => changes(&load_document(old)?, &document, lang)?,
        None => Vec::new(),
    };
    let supplies = match (&args.sheet, &document) {
        (None, _) => Vec::new(),
        (Some(path), Document::Evacuation(plan)) => match load_document(path)? {
            Document::Instruction(sheet) => tsunagu_model::supplies(&sheet, plan.supplies.as_ref()),
            _ => {
                return Err(CliError::usage(Message::fixed(
                    "--sheet には医療的ケア指示書を指定してください",
                    "--sheet takes a medical-care instruction sheet",
                )));
            }
        },
        (Some(_), _) => {
            return Err(CliError::usage(Message::fixed(
                "--sheet は個別避難計画に使います",
                "--sheet is for an evacuation plan",
            )));
        }
    };
    if args.card && !matches!(document, Document::Evacuation(_)) {
        return Err(CliError::usage(Message::fixed(
            "--card は個別避難計画に使います",
            "--card is for an evacuation plan",
        )));
    }
    let page = if args.card { Page::EmergencyCard } else { Page::Form };
    let extras = Extras { changes, supplies, page };
    let pdf = renderer.render_with(&document, &options, &extras).map_err(|error| render_error(&source, &error))?;
    // The card sits beside the plan's own PDF rather than over it.
    let suffix = if args.card { "-card.pdf" } else { ".pdf" };
    let output = args.output.clone().unwrap_or_else(|| match &source {
        Source::File(path) => {
            let stem = path.file_stem().unwrap_or_default().to_string_lossy();
            path.with_file_name(format!("{stem}{suffix}"))
        }
        Source::Stdin => PathBuf::from(format!("{}{suffix}", document.id())),
    });
    write_durably(&output, &pdf).map_err(|error| CliError::cannot_write(&output, &error))?;
    eprintln!("{}", output.display());
    Ok(exit::VALID)
}

/// A character of the document is the document's problem (exit 1); anything else is ours.
fn render_error(source: &Source, error: &RenderError) -> CliError {
    let message = error.message();
    let message = Message::new(format!("{source}: {}", message.ja), format!("{source}: {}", message.en));
    if error.is_in_document() { CliError::invalid(message) } else { CliError::usage(message) }
}

/// Writes the Typst project of a document, with the fonts, and says how to compile it.
fn write_project(
    renderer: &Renderer,
    document: &Document,
    options: RenderOptions,
    dir: &Path,
    source: &Source,
) -> Result<u8, CliError> {
    let files = renderer.typst_project(document, &options).map_err(|error| render_error(source, &error))?;
    // The pieces the document's characters need ride along, as in the PDF.
    let pieces = renderer.fonts().pieces_needed(&document.to_value()).into_iter();
    let pieces = pieces.filter_map(|name| Some((tsunagu_render::embedded_piece(&name)?, name)));
    let fonts = tsunagu_render::EMBEDDED_FONT_FILES
        .iter()
        .map(|(name, bytes)| (*bytes, (*name).to_owned()))
        .chain(pieces)
        .map(|(bytes, name)| (format!("fonts/{name}"), bytes.to_vec()));
    let main = files.first().map(|(path, _)| path.clone()).unwrap_or_default();
    for (path, bytes) in files.into_iter().chain(fonts) {
        let path = dir.join(&path);
        write_durably(&path, &bytes).map_err(|error| CliError::cannot_write(&path, &error))?;
    }
    let dir = dir.display();
    eprintln!(
        "typst compile --root {dir} --font-path {dir}/fonts --ignore-system-fonts --pdf-standard a-3a {dir}/{main}"
    );
    Ok(exit::VALID)
}
