//! Warm rendering speed: fonts parsed and templates loaded once, then each
//! example rendered many times. Prints a table; run with
//! `cargo bench -p tsunagu-render --bench render`.

// A benchmark's output is its table.
#![allow(clippy::print_stdout, clippy::cast_precision_loss)]

use std::time::{Duration, Instant};

use tsunagu_model::{Lang, validate};
use tsunagu_render::{RenderOptions, Renderer};

// The CLI's allocator, so "native" here is what `tsunagu render` runs.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

const ROUNDS: usize = 200;

fn main() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let started = Instant::now();
    let renderer = Renderer::with_embedded_fonts();
    let cold_setup = started.elapsed();

    println!("tsunagu render benchmark (warm renderer, {ROUNDS} rounds per document, one thread)");
    println!("renderer set-up (fonts parsed, templates loaded): {:.1} ms", ms(cold_setup));
    println!(
        "{:<42} {:>6} {:>10} {:>10} {:>10} {:>9}",
        "document", "pages", "first ms", "median ms", "p95 ms", "PDF KiB"
    );
    for name in [
        "examples/instruction-diabetes-nursery.json",
        "examples/instruction-tracheostomy-ventilator.json",
        "examples/assessment-tracheostomy-ventilator.json",
        "examples/consent-five-departments.json",
        "tests/documents/instruction-every-care-item.json",
    ] {
        let document = validate(&std::fs::read(root.join(name)).expect("read")).document.expect("valid document");
        let options = RenderOptions { lang: Lang::Ja, draft: false };
        let first = Instant::now();
        let pdf = renderer.render(&document, &options).expect("render");
        let first = first.elapsed();
        let mut times: Vec<Duration> = (0..ROUNDS)
            .map(|_| {
                let start = Instant::now();
                let pdf = renderer.render(&document, &options).expect("render");
                std::hint::black_box(pdf);
                start.elapsed()
            })
            .collect();
        times.sort();
        let pages = String::from_utf8_lossy(&pdf).matches("/Type /Page\n").count().max(count_pages(&pdf));
        println!(
            "{:<42} {:>6} {:>10.2} {:>10.2} {:>10.2} {:>9.0}",
            name.rsplit('/').next().unwrap_or(name),
            pages,
            ms(first),
            ms(times[ROUNDS / 2]),
            ms(times[ROUNDS * 95 / 100]),
            pdf.len() as f64 / 1024.0
        );
    }
}

fn count_pages(pdf: &[u8]) -> usize {
    let text = String::from_utf8_lossy(pdf);
    text.matches("/Type/Page").count() - text.matches("/Type/Pages").count()
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}
