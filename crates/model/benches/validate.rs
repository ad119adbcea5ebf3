//! Validation throughput on one core, in process: `tsunagu_model::validate` (strict
//! parse + schema + rules + score) per document, and the stages inside it alone.
//! The command users run is timed end to end by `bench/run.py` (`tsunagu validate DIR`).
//!
//! `cargo bench -p tsunagu-model --bench validate -- FILE.jsonl...` validates every
//! line of each file (one document a line, e.g. from `tsunagu sample`); with no
//! files it samples 10,000 documents of each kind itself. Prints one JSON object
//! per file: `{"name", "documents", "invalid", "seconds", "per_second", "mib_per_second"}`.

// A benchmark's output is its numbers.
#![allow(clippy::print_stdout, clippy::cast_precision_loss)]

use std::time::Instant;

use tsunagu_model::{Kind, SchemaSet, parse_json, sample, validate};

const ROUNDS: usize = 3;

// The allocator the `tsunagu` command uses: parsing JSON is mostly allocation.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() {
    let files: Vec<String> = std::env::args().skip(1).filter(|arg| !arg.starts_with("--")).collect();
    let inputs: Vec<(String, Vec<Vec<u8>>)> = if files.is_empty() {
        Kind::ALL
            .iter()
            .map(|&kind| {
                let docs = (0..10_000).map(|i| sample(kind, 1, i).to_string().into_bytes()).collect();
                (kind.as_str().to_owned(), docs)
            })
            .collect()
    } else {
        files
            .iter()
            .map(|path| {
                let text = std::fs::read_to_string(path).unwrap_or_else(|error| panic!("{path}: {error}"));
                let docs = text.lines().filter(|line| !line.trim().is_empty()).map(|l| l.as_bytes().to_vec()).collect();
                (path.rsplit('/').next().unwrap_or(path).trim_end_matches(".jsonl").to_owned(), docs)
            })
            .collect()
    };
    for (name, docs) in inputs {
        let bytes: usize = docs.iter().map(Vec::len).sum();
        let mut invalid = 0;
        let mut best = f64::INFINITY;
        for round in 0..ROUNDS {
            let start = Instant::now();
            let mut round_invalid = 0;
            for doc in &docs {
                let report = validate(std::hint::black_box(doc));
                round_invalid += usize::from(!report.is_valid());
                std::hint::black_box(report);
            }
            best = best.min(start.elapsed().as_secs_f64());
            if round == 0 {
                invalid = round_invalid;
            }
        }
        // Where the time goes: the strict parse alone, then parse + schema.
        let kind = parse_json(&docs[0]).ok().and_then(|v| v["kind"].as_str().and_then(Kind::parse)).expect("kind");
        let validator = SchemaSet::get().validator(kind);
        let stage = |work: &dyn Fn(&[u8])| {
            let start = Instant::now();
            for doc in &docs {
                work(std::hint::black_box(doc));
            }
            docs.len() as f64 / start.elapsed().as_secs_f64()
        };
        let parse_only = stage(&|doc| {
            std::hint::black_box(parse_json(doc).ok());
        });
        let plain_serde_json = stage(&|doc| {
            std::hint::black_box(serde_json::from_slice::<serde_json::Value>(doc).ok());
        });
        let scan_only = stage(&|doc| {
            std::hint::black_box(serde_json::from_slice::<serde::de::IgnoredAny>(doc).ok());
        });
        let parse_and_schema = stage(&|doc| {
            std::hint::black_box(parse_json(doc).is_ok_and(|value| validator.is_valid(&value)));
        });
        println!(
            "{}",
            serde_json::json!({
                "name": name,
                "function": "tsunagu_model::validate",
                "stages": {
                    "serde_json::from_slice::<IgnoredAny>": scan_only,
                    "serde_json::from_slice::<Value>": plain_serde_json,
                    "tsunagu_model::parse_json": parse_only,
                    "tsunagu_model::parse_json + jsonschema::Validator::is_valid": parse_and_schema,
                },
                "documents": docs.len(),
                "invalid": invalid,
                "seconds": best,
                "per_second": docs.len() as f64 / best,
                "mib_per_second": bytes as f64 / best / 1_048_576.0,
                "rounds": ROUNDS,
            })
        );
    }
}
