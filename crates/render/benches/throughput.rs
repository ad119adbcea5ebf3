//! Render throughput on documents from a JSON Lines file, one warm renderer:
//! one thread, then every core (threads share the renderer).
//!
//! `cargo bench -p tsunagu-render --bench throughput -- FILE.jsonl [--count N] [--threads T]
//! [--export DIR --export-count M]` prints one JSON object per run. `--export` also
//! writes the Typst project of the first M documents (templates and fonts once,
//! each document's data under `docs/NNNN/`) so other Typst front ends can compile
//! exactly the same sources.

// A benchmark's output is its numbers.
#![allow(clippy::print_stdout, clippy::cast_precision_loss)]

use std::path::Path;
use std::sync::Arc;
use std::time::{Duration, Instant};

use tsunagu_model::{Document, Lang, validate};
use tsunagu_render::{EMBEDDED_FONT_FILES, RenderOptions, Renderer};

// The CLI's allocator: with the system's, allocation was a sixth of a render here
// (`perf`), and the bench would measure a renderer `tsunagu batch` never runs.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() {
    let args: Vec<String> = std::env::args().skip(1).filter(|a| a != "--bench").collect();
    let value = |flag: &str| args.iter().position(|a| a == flag).and_then(|i| args.get(i + 1)).cloned();
    let file =
        args.iter().find(|a| !a.starts_with("--") && std::path::Path::new(a).exists()).expect("a JSON Lines file");
    let count: usize = value("--count").map_or(1000, |v| v.parse().expect("--count N"));
    let threads: usize = value("--threads").map_or_else(
        || std::thread::available_parallelism().map_or(1, usize::from),
        |v| v.parse().expect("--threads T"),
    );
    let text = std::fs::read_to_string(file).expect("read the JSON Lines file");
    let documents: Vec<Document> = text
        .lines()
        .filter(|line| !line.trim().is_empty())
        .take(count)
        .map(|line| validate(line.as_bytes()).document.expect("every benchmark document is valid"))
        .collect();
    let options = RenderOptions { lang: Lang::Ja, draft: false };

    let started = Instant::now();
    let renderer = Arc::new(Renderer::with_embedded_fonts());
    let first = renderer.render(&documents[0], &options).expect("render");
    let setup = started.elapsed();
    let pages = |pdf: &[u8]| {
        let count = |needle: &[u8]| pdf.windows(needle.len()).filter(|w| w == &needle).count();
        count(b"/Type /Page") + count(b"/Type/Page") - count(b"/Type /Pages") - count(b"/Type/Pages")
    };
    std::hint::black_box(first);

    // One thread. Only the renders are timed: counting the pages is the bench's own work.
    let mut times = Vec::with_capacity(documents.len());
    let mut total_pages = 0;
    let mut total_bytes = 0;
    for document in &documents {
        let one = Instant::now();
        let pdf = renderer.render(document, &options).expect("render");
        times.push(one.elapsed());
        total_pages += pages(&pdf);
        total_bytes += pdf.len();
    }
    let single: Duration = times.iter().sum();
    times.sort();
    let ms = |d: Duration| d.as_secs_f64() * 1000.0;
    println!(
        "{}",
        serde_json::json!({
            "name": "render-1-thread",
            "documents": documents.len(),
            "threads": 1,
            "seconds": single.as_secs_f64(),
            "per_second": documents.len() as f64 / single.as_secs_f64(),
            "median_ms": ms(times[times.len() / 2]),
            "p95_ms": ms(times[times.len() * 95 / 100]),
            "pages_per_document": total_pages as f64 / documents.len() as f64,
            "kib_per_document": total_bytes as f64 / 1024.0 / documents.len() as f64,
            "setup_and_first_ms": ms(setup),
        })
    );

    // Every core: the documents dealt out to threads sharing one renderer.
    let documents = Arc::new(documents);
    let start = Instant::now();
    let workers: Vec<_> = (0..threads)
        .map(|t| {
            let (renderer, documents) = (Arc::clone(&renderer), Arc::clone(&documents));
            std::thread::spawn(move || {
                for document in documents.iter().skip(t).step_by(threads) {
                    std::hint::black_box(renderer.render(document, &options).expect("render"));
                }
            })
        })
        .collect();
    for worker in workers {
        worker.join().expect("worker");
    }
    let parallel = start.elapsed();
    println!(
        "{}",
        serde_json::json!({
            "name": format!("render-{threads}-threads"),
            "documents": documents.len(),
            "threads": threads,
            "seconds": parallel.as_secs_f64(),
            "per_second": documents.len() as f64 / parallel.as_secs_f64(),
            "speedup": single.as_secs_f64() / parallel.as_secs_f64(),
        })
    );

    breakdown(&renderer, &documents[..documents.len().min(BREAKDOWN_DOCUMENTS)], options);

    if let Some(dir) = value("--export") {
        let export_count: usize = value("--export-count").map_or(documents.len(), |v| v.parse().expect("N"));
        export(Path::new(&dir), &renderer, &documents[..export_count.min(documents.len())], options);
    }
}

/// Documents rendered once more with Typst's own timing on, for the breakdown.
const BREAKDOWN_DOCUMENTS: usize = 200;

/// Typst's timing scopes that split a render: evaluating the templates, each layout
/// pass (Typst lays the document out again until page numbers and other
/// introspections settle), and the PDF export (fonts subset, streams compressed).
const STAGES: [&str; 6] = ["compile", "eval", "iter (1)", "iter (2)", "iter (3)", "pdf"];

/// Where a render's time goes, from `typst-timing` in a separate one-thread pass
/// (its recording slows Typst a little, so the rates above come from untraced runs).
/// Prints milliseconds a document per stage; the rest of a render is tsunagu's
/// own (the view of the document, the character checks, the QR code, eviction).
fn breakdown(renderer: &Renderer, documents: &[Document], options: RenderOptions) {
    // A document's trace is folded in and dropped before the next one: kept whole,
    // the traces of 200 documents took 2.3 GB.
    let mut spent = std::collections::BTreeMap::<String, (f64, usize)>::new();
    let mut total = Duration::ZERO;
    typst_timing::clear();
    for document in documents {
        typst_timing::enable();
        let start = Instant::now();
        std::hint::black_box(renderer.render(document, &options).expect("render"));
        total += start.elapsed();
        typst_timing::disable();
        let mut trace = Vec::new();
        typst_timing::export_json(&mut trace, |_| (String::new(), 0)).expect("typst-timing trace");
        let events: Vec<TraceEvent> = serde_json::from_slice(&trace).expect("trace is JSON");
        add_inclusive_times(&events, &mut spent);
    }
    let n = documents.len() as f64;
    let stages: serde_json::Map<String, serde_json::Value> = STAGES
        .iter()
        .map(|stage| {
            let (micros, count) = spent.get(*stage).copied().unwrap_or_default();
            let numbers = serde_json::json!({"ms_per_document": micros / 1000.0 / n, "per_document": count as f64 / n});
            ((*stage).to_owned(), numbers)
        })
        .collect();
    println!(
        "{}",
        serde_json::json!({
            "name": "render-breakdown",
            "documents": documents.len(),
            "ms_per_document": total.as_secs_f64() * 1000.0 / n,
            "stages": stages,
        })
    );
}

/// One event of a `typst-timing` trace (Chrome's trace format).
#[derive(serde::Deserialize)]
struct TraceEvent {
    name: String,
    ph: String,
    ts: f64,
    tid: u64,
}

/// Adds each scope's inclusive time and count. B and E events nest within a thread
/// (Typst may hand work to helper threads, whose scopes interleave with the main one's).
fn add_inclusive_times(events: &[TraceEvent], spent: &mut std::collections::BTreeMap<String, (f64, usize)>) {
    let mut open = std::collections::HashMap::<u64, Vec<(&str, f64)>>::new();
    for event in events {
        let open = open.entry(event.tid).or_default();
        if event.ph == "B" {
            open.push((&event.name, event.ts));
        } else if let Some((begun, since)) = open.pop() {
            assert_eq!(begun, event.name, "typst-timing scopes nest");
            let entry = spent.entry(event.name.clone()).or_default();
            entry.0 += event.ts - since;
            entry.1 += 1;
        }
    }
}

/// The Typst projects of the documents: shared templates and fonts, each document's data apart.
fn export(dir: &Path, renderer: &Renderer, documents: &[Document], options: RenderOptions) {
    let write = |path: &Path, bytes: &[u8]| {
        std::fs::create_dir_all(path.parent().expect("parent")).expect("mkdir");
        std::fs::write(path, bytes).expect("write");
    };
    for (name, bytes) in EMBEDDED_FONT_FILES {
        write(&dir.join("fonts").join(name), bytes);
    }
    for (index, document) in documents.iter().enumerate() {
        // The font pieces its characters need, beside the base fonts, as the CLI's project carries.
        for name in renderer.fonts().pieces_needed(&document.to_value()) {
            let bytes = tsunagu_render::embedded_piece(&name).expect("an embedded piece");
            write(&dir.join("fonts").join(&name), bytes);
        }
        let files = renderer.typst_project(document, &options).expect("project");
        let main = files[0].0.clone();
        for (path, bytes) in files {
            if path.starts_with("templates/") {
                if index == 0 {
                    write(&dir.join(&path), &bytes);
                }
            } else {
                write(&dir.join(format!("docs/{index:04}")).join(path.trim_start_matches("data/")), &bytes);
            }
        }
        write(&dir.join(format!("docs/{index:04}/main")), main.as_bytes());
    }
}
