#!/usr/bin/env bash
# Runs the fuzz targets, each for a fixed time, one after another.
#
#   bash fuzz/run.sh [SECONDS] [TARGET...]   # default: 600 s each, all four targets
#   bash fuzz/run.sh 30 validate xml         # what CI runs: the parsers, without Typst
#
# Needs the nightly toolchain and cargo-fuzz (installed here if missing). Seeds come
# from the examples, the test fixtures and the hostile corpus (tests/hostile), plus
# their XML forms and one rendered PDF. The growing corpus lives in target/fuzz/corpus;
# a crash leaves its input in fuzz/artifacts/<target>/ and fails the script: turn it
# into a test under tests/hostile before fixing it.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds="${1:-600}"
shift || true
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(validate xml extract render)

rustup toolchain list | grep -q '^nightly' || rustup toolchain install nightly --profile minimal
cargo fuzz --version >/dev/null 2>&1 || cargo install cargo-fuzz --locked --version 0.13.2

work=target/fuzz
mkdir -p "$work"
tsunagu=target/debug/tsunagu
[ -x "$tsunagu" ] || cargo build --quiet --locked -p tsunagu-cli

seed() { # target, files...
  local dir="$work/seeds/$1"; shift
  mkdir -p "$dir"
  for file in "$@"; do
    if [ -f "$file" ]; then cp "$file" "$dir/"; fi
  done
}
json_seeds=(examples/*.json tests/documents/*.json tests/fixtures/*.json tests/migrate/1.0/*.json tests/hostile/*.json)
seed validate "${json_seeds[@]}"
seed render fuzz/seeds/render/*
mkdir -p "$work/seeds/xml"
for example in examples/*.json; do
  "$tsunagu" convert "$example" --to xml -o "$work/seeds/xml/$(basename "$example" .json).xml" 2>/dev/null || true
done
seed xml tests/hostile/*.xml
mkdir -p "$work/seeds/extract"
"$tsunagu" render examples/consent-five-departments.json -o "$work/seeds/extract/consent.pdf"
seed extract tests/hostile/*.pdf

# The parser targets alone need no Typst, so they build without the render feature.
features=(--no-default-features)
for target in "${targets[@]}"; do
  case "$target" in extract | render) features=(--features render) ;; esac
done

status=0
for target in "${targets[@]}"; do
  corpus="$work/corpus/$target"
  mkdir -p "$corpus"
  max_len=65536
  [ "$target" = extract ] && max_len=262144
  [ "$target" = render ] && max_len=4096
  echo "==> fuzz $target for ${seconds}s"
  log="$work/$target.log"
  if cargo +nightly fuzz run "${features[@]}" --fuzz-dir fuzz --target-dir target/fuzz-build "$target" "$corpus" "$work/seeds/$target" -- \
      -max_total_time="$seconds" -max_len="$max_len" -rss_limit_mb=2048 -timeout=60 -print_final_stats=1 \
      >"$log" 2>&1; then
    # The last status line: runs, coverage, corpus size.
    grep -E '^#[0-9]+.*(DONE|pulse)' "$log" | tail -1 || true
    grep -E '^stat::(number_of_executed_units|average_exec_per_sec|peak_rss_mb)' "$log" | tr '\n' ' ' || true
    echo
  else
    echo "!! $target failed: see $log and fuzz/artifacts/$target/" >&2
    tail -40 "$log" >&2
    status=1
  fi
done
exit "$status"
