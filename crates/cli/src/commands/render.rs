//! `tsunagu render`: a document to a PDF/A-3 that carries its own JSON.

use std::fs;
use std::io;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};

use tsunagu_model::Lang;
use tsunagu_render::{RenderError, RenderOptions, Renderer};

use crate::commands::validate::{file_report, parse_any};
use crate::input::{Source, load_one};
use crate::output::{self, error_line};
use crate::{LangArg, exit};

#[derive(clap::Args)]
pub struct Args {
    /// 文書のファイル (- で標準入力) / Document file (- for standard input)
    #[arg(value_name = "FILE")]
    file: PathBuf,
    /// 出力先 (既定: 入力と同じ名前の .pdf) / Output path (default: the input's name with .pdf)
    #[arg(short, long, value_name = "PDF")]
    output: Option<PathBuf>,
    /// 用紙の言語 / Language of the form
    #[arg(long, value_enum, default_value_t = LangArg::Ja)]
    lang: LangArg,
    /// 無効な文書も「下書き」として出力する / Render an invalid document, marked DRAFT on every page
    #[arg(long)]
    force: bool,
    /// PDF の代わりに Typst のプロジェクト (テンプレート・データ・フォント) をこのディレクトリに書く
    /// / Instead of a PDF, write the Typst project (templates, data, fonts) to this directory
    #[arg(long, value_name = "DIR", conflicts_with = "output")]
    typst_project: Option<PathBuf>,
}

pub fn run(args: &Args) -> u8 {
    let lang = Lang::from(args.lang);
    let (source, bytes) = match load_one(&args.file, lang) {
        Ok(loaded) => loaded,
        Err(code) => return code,
    };
    let report = parse_any(&bytes);
    let valid = report.is_valid();
    let Some(document) = report.document.clone() else {
        let _ = output::human(&[file_report(&source, report, None)], lang, &mut io::stderr());
        return exit::INVALID;
    };
    if !valid && !args.force {
        let _ = output::human(&[file_report(&source, report, None)], lang, &mut io::stderr());
        error_line(
            lang,
            "無効な文書は出力しません (--force で下書きとして出力できます)",
            "invalid documents are not rendered (--force renders a draft)",
        );
        return exit::INVALID;
    }
    let renderer = Renderer::with_embedded_fonts();
    let options = RenderOptions { lang, draft: !valid };
    if let Some(dir) = &args.typst_project {
        return write_project(&renderer, &document, options, dir, &source, lang);
    }
    let pdf = match renderer.render(&document, &options) {
        Ok(pdf) => pdf,
        Err(error @ (RenderError::MissingGlyph { .. } | RenderError::ForbiddenCharacter { .. })) => {
            error_line(lang, &format!("{source}: {}", error.message_ja()), &format!("{source}: {error}"));
            return exit::INVALID;
        }
        Err(error) => {
            error_line(lang, &error.message_ja(), &error.to_string());
            return exit::USAGE_OR_IO;
        }
    };
    let output = args.output.clone().unwrap_or_else(|| match &source {
        Source::File(path) => path.with_extension("pdf"),
        Source::Stdin => PathBuf::from(format!("{}.pdf", document.id())),
    });
    if let Err(error) = write_atomically(&output, &pdf) {
        let kind = error.kind();
        error_line(
            lang,
            &format!("{} に書き込めません: {kind}", output.display()),
            &format!("cannot write {}: {kind}", output.display()),
        );
        return exit::USAGE_OR_IO;
    }
    eprintln!("{}", output.display());
    exit::VALID
}

/// Writes the Typst project of a document, with the fonts, and says how to compile it.
fn write_project(
    renderer: &Renderer,
    document: &tsunagu_model::Document,
    options: RenderOptions,
    dir: &Path,
    source: &Source,
    lang: Lang,
) -> u8 {
    let files = match renderer.typst_project(document, &options) {
        Ok(files) => files,
        Err(error) => {
            error_line(lang, &format!("{source}: {}", error.message_ja()), &format!("{source}: {error}"));
            return exit::INVALID;
        }
    };
    let fonts =
        tsunagu_render::EMBEDDED_FONT_FILES.iter().map(|(name, bytes)| (format!("fonts/{name}"), bytes.to_vec()));
    let main = files.first().map(|(path, _)| path.clone()).unwrap_or_default();
    for (path, bytes) in files.into_iter().chain(fonts) {
        if let Err(error) = write_atomically(&dir.join(&path), &bytes) {
            let kind = error.kind();
            error_line(lang, &format!("{path} を書き込めません: {kind}"), &format!("cannot write {path}: {kind}"));
            return exit::USAGE_OR_IO;
        }
    }
    let dir = dir.display();
    eprintln!(
        "typst compile --root {dir} --font-path {dir}/fonts --ignore-system-fonts --pdf-standard a-3a {dir}/{main}"
    );
    exit::VALID
}

/// The suffix of temporary files, so a later run can recognise and remove leftovers.
pub const TEMP_SUFFIX: &str = ".tsunagu-tmp";

/// Writes to a temporary file beside `path`, then renames it into place, so a
/// reader never sees a half-written PDF. Each call gets its own temporary name,
/// so threads writing at once never share one.
pub fn write_atomically(path: &Path, bytes: &[u8]) -> io::Result<()> {
    static NEXT: AtomicU64 = AtomicU64::new(0);
    let dir = path.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."));
    let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    fs::create_dir_all(dir)?;
    let unique = NEXT.fetch_add(1, Ordering::Relaxed);
    let temp = dir.join(format!(".{name}.{}.{unique}{TEMP_SUFFIX}", std::process::id()));
    let result = fs::write(&temp, bytes).and_then(|()| fs::rename(&temp, path));
    if result.is_err() {
        let _ = fs::remove_file(&temp);
    }
    result
}
