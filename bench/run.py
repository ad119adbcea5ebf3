#!/usr/bin/env python3
"""Runs the whole benchmark comparison and writes BENCHMARKS.md.

    python3 bench/run.py            # build (release), install the peers, measure, write BENCHMARKS.md
    python3 bench/run.py --quick    # fewer documents, to try the script; does not write BENCHMARKS.md
    python3 bench/run.py --only-browser   # re-measure the page, keep the rest of the last run
    python3 bench/run.py --only-validate  # re-measure validation, keep the rest of the last run
    python3 bench/run.py --only-case      # re-measure roster, due and validate over the case folder

Everything runs side by side in one run on this machine, on the same synthetic
documents (`tsunagu sample`, seed 1). Each step prints one JSON object per
measurement; the report quotes them and the commands that produced them.
"""

import datetime
import json
import os
import pathlib
import platform
import shutil
import subprocess
import sys
import tempfile
import time

ROOT = pathlib.Path(__file__).resolve().parents[1]
WORK = ROOT / "target" / "bench"
QUICK = "--quick" in sys.argv
N_VALIDATE = 1_000 if QUICK else 10_000
N_VALIDATE_PYTHON = 200 if QUICK else 1_000
N_RENDER = 100 if QUICK else 1_000
N_ONE_SHOT = 50 if QUICK else 200
N_PDFME = 50 if QUICK else 200
N_MEMORY = 1_000 if QUICK else 10_000
N_CHILDREN = 1_000 if QUICK else 20_000
TSUNAGU = ROOT / "target" / "release" / "tsunagu"
# GNU time (Debian's `time` package) reads each command's own peak memory.
GNU_TIME = shutil.which("time", path="/usr/bin:/bin") or sys.exit("bench: GNU time is needed (apt-get install time)")
FONT = ROOT / "crates" / "render" / "fonts" / "BIZUDGothic-Regular.ttf"

results = {}


def log(message):
    print(f"[bench] {message}", file=sys.stderr, flush=True)


def run(args, **kwargs):
    log(" ".join(map(str, args)))
    return subprocess.run(args, check=True, text=True, **kwargs)


def json_lines(args, cwd=ROOT):
    out = run(args, cwd=cwd, stdout=subprocess.PIPE).stdout
    return [json.loads(line) for line in out.splitlines() if line.startswith("{")]


def timed(args, cwd=ROOT, stdout=subprocess.DEVNULL):
    """Wall seconds and peak resident memory (MiB) of one child process.

    The peak is GNU time's `%M`: a child's own `ru_maxrss` starts from the RSS of the
    process that forked it (this script, which holds the sampled documents), so read
    from here every command would seem to need at least this script's memory."""
    log(" ".join(map(str, args)))
    with tempfile.NamedTemporaryFile("r") as peak:
        start = time.perf_counter()
        proc = subprocess.Popen([GNU_TIME, "-f", "%M", "-o", peak.name, *map(str, args)], cwd=cwd, stdout=stdout, stderr=subprocess.DEVNULL)
        _, status, _ = os.wait4(proc.pid, 0)
        seconds = time.perf_counter() - start
        kib = peak.read().strip().splitlines()
    code = os.waitstatus_to_exitcode(status)
    # GNU time writes "Command exited with non-zero status N" before the figure.
    return seconds, int(kib[-1]) / 1024 if kib else float("nan"), code


def version(args):
    try:
        return subprocess.run(args, capture_output=True, text=True).stdout.strip().splitlines()[0]
    except (OSError, IndexError):
        return "not found"


def machine():
    cpu = "unknown"
    for line in pathlib.Path("/proc/cpuinfo").read_text().splitlines():
        if line.startswith("model name"):
            cpu = line.split(":", 1)[1].strip()
            break
    mem_kib = int(next(l.split()[1] for l in pathlib.Path("/proc/meminfo").read_text().splitlines() if l.startswith("MemTotal")))
    return {
        "cpu": cpu,
        "cores": os.cpu_count(),
        "memory": f"{mem_kib / 1024 / 1024:.0f} GiB",
        "os": platform.platform(),
        "rustc": version(["rustc", "--version"]),
        "node": version(["node", "--version"]),
        "python": platform.python_version(),
        "date": datetime.date.today().isoformat(),
    }


def build_and_install():
    run(["cargo", "build", "--release", "-p", "tsunagu-cli"], cwd=ROOT)
    run(["cargo", "bench", "--no-run", "-p", "tsunagu-model", "-p", "tsunagu-render"], cwd=ROOT)
    run([sys.executable, "-m", "pip", "install", "--quiet", "-r", str(ROOT / "bench" / "requirements.txt")])
    # The lock file lists typst.ts's native package for every platform, so `npm ci` works anywhere.
    run(["npm", "ci", "--silent", "--no-audit", "--no-fund"], cwd=ROOT / "bench")


def samples():
    WORK.mkdir(parents=True, exist_ok=True)
    files = {}
    for kind in ("instruction", "assessment", "consent"):
        path = WORK / f"{kind}.jsonl"
        with path.open("w") as out:
            run([TSUNAGU, "sample", "--kind", kind, "--count", str(max(N_VALIDATE, N_MEMORY)), "--seed", "1"], stdout=out)
        files[kind] = path
    head = lambda n, name: head_lines(files["instruction"], n, WORK / name)
    files["render"] = head(N_RENDER, "render.jsonl")
    files["memory"] = head(N_MEMORY, "memory.jsonl")
    files["validate"] = {kind: head_lines(files[kind], N_VALIDATE, WORK / f"validate-{kind}.jsonl") for kind in ("instruction", "assessment", "consent")}
    return files


def head_lines(source, n, target):
    lines = source.read_text().splitlines()[:n]
    target.write_text("\n".join(lines) + "\n")
    return target


def validate(files):
    paths = [str(p) for p in files["validate"].values()]
    # This machine's speed drifts between moments, so tsunagu and ajv take turns three times
    # and each keeps its best pass: neither is measured only in a slow moment.
    ours, ajv = [], []
    for _ in range(3):
        ours.append(json_lines(["cargo", "bench", "-q", "-p", "tsunagu-model", "--bench", "validate", "--", *paths]))
        ajv.append(json_lines(["node", "peers/ajv_validate.mjs", str(ROOT / "schemas"), *paths], cwd=ROOT / "bench"))
    ours, ajv = best_pass(ours), best_pass(ajv)
    python = json_lines([sys.executable, "peers/jsonschema_validate.py", str(ROOT / "schemas"), *paths, "--limit", str(N_VALIDATE_PYTHON)], cwd=ROOT / "bench")
    results["validate"] = {"tsunagu": ours, "ajv": ajv, "python-jsonschema": python}


def validate_cli(files):
    """What users run: `tsunagu validate DIR` on a folder of files, one process, wall clock,
    beside ajv-cli and check-jsonschema on the same files (each file one document)."""
    folder = WORK / "validate-dir"
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir()
    lines = files["validate"]["instruction"].read_text().splitlines()
    for i, line in enumerate(lines):
        (folder / f"{i:05}.json").write_text(line + "\n")
    schema = ROOT / "schemas" / "instruction.schema.json"
    # Shell-free: the file list is expanded here, as a shell would.
    paths = sorted(str(p) for p in folder.glob("*.json"))
    ajv = ROOT / "bench" / "node_modules" / ".bin" / "ajv"
    commands = {
        "tsunagu validate": [TSUNAGU, "validate", str(folder)],
        "ajv-cli": [ajv, "validate", "--spec=draft2020", "-c", "ajv-formats", "-s", str(schema), "-d", f"{folder}/*.json"],
        "check-jsonschema": [shutil.which("check-jsonschema") or "check-jsonschema", "--schemafile", str(schema), *paths],
    }
    rows = {}
    # tsunagu and ajv-cli take turns five times (the machine's speed drifts); check-jsonschema,
    # far slower, runs once.
    for round in range(5):
        for name, args in commands.items():
            if name == "check-jsonschema" and round > 0:
                continue
            seconds, rss, code = timed(args, cwd=ROOT / "bench")
            rows.setdefault(name, []).append({"seconds": seconds, "max_rss_mib": rss, "exit": code})
    out = {}
    for name, runs in rows.items():
        ordered = sorted(run["seconds"] for run in runs)
        median = ordered[len(ordered) // 2]
        out[name] = {
            "files": len(paths),
            "runs": len(runs),
            "median_seconds": median,
            "files_per_second": len(paths) / median,
            "max_rss_mib": max(run["max_rss_mib"] for run in runs),
            "exits": sorted({run["exit"] for run in runs}),
        }
    out["versions"] = {
        "ajv-cli": json.loads((ROOT / "bench" / "node_modules" / "ajv-cli" / "package.json").read_text())["version"],
        "check-jsonschema": version(["check-jsonschema", "--version"]),
    }
    results["validate-cli"] = out


def case_folder(_files=None):
    """Issue 17: the city's folder at the country's scale (`sample --case-folder`), through
    the commands a city runs on it, each one process timed from outside (median of 3),
    beside the least a hand-written script does (`peers/roster_python.py`)."""
    folder = WORK / "case-folder"
    shutil.rmtree(folder, ignore_errors=True)
    run([TSUNAGU, "sample", "--case-folder", str(N_CHILDREN), "--around", "2026-10-01", "-o", str(folder)], stdout=subprocess.DEVNULL)
    documents = len(list(folder.glob("*.json")))
    out = WORK / "case-out"
    out.mkdir(exist_ok=True)
    as_of = ["--as-of", "2026-10-01"]
    commands = {
        "tsunagu roster DIR -o roster.xlsx": [TSUNAGU, "roster", str(folder), *as_of, "-o", str(out / "roster.xlsx")],
        "tsunagu roster DIR -o roster.csv": [TSUNAGU, "roster", str(folder), *as_of, "-o", str(out / "roster.csv")],
        "tsunagu roster DIR --for schoolAffairs -o roster.csv": [TSUNAGU, "roster", str(folder), *as_of, "--for", "schoolAffairs", "-o", str(out / "board.csv")],
        "tsunagu due DIR --format json": [TSUNAGU, "due", str(folder), *as_of, "--format", "json"],
        "tsunagu validate DIR (with the checks across documents)": [TSUNAGU, "validate", str(folder)],
        "python3 peers/roster_python.py DIR (read and group only)": [sys.executable, "peers/roster_python.py", str(folder), str(out / "python.csv")],
    }
    rows = {}
    for _ in range(3):
        for name, args in commands.items():
            seconds, rss, code = timed(args, cwd=ROOT / "bench")
            rows.setdefault(name, []).append({"seconds": seconds, "max_rss_mib": rss, "exit": code})
    table = {}
    for name, runs in rows.items():
        ordered = sorted(r["seconds"] for r in runs)
        table[name] = {
            "median_seconds": ordered[len(ordered) // 2],
            "max_rss_mib": max(r["max_rss_mib"] for r in runs),
            "exits": sorted({r["exit"] for r in runs}),
        }
    results["case-folder"] = {"children": N_CHILDREN, "documents": documents, "commands": table}
    shutil.rmtree(out, ignore_errors=True)


def case_folder_section():
    case = results.get("case-folder")
    if not case:
        return []
    yes = lambda ok: "met" if ok else "**not met**"
    rows = [
        f"| `{name}` | {row['median_seconds']:.2f} | {row['max_rss_mib'] * 1.048576:.0f} | {', '.join(map(str, row['exits']))} |"
        for name, row in case["commands"].items()
    ]
    tsunagu = {n: r for n, r in case["commands"].items() if n.startswith("tsunagu roster") or n.startswith("tsunagu due")}
    slowest = max(r["median_seconds"] for r in tsunagu.values())
    biggest = max(r["max_rss_mib"] for r in tsunagu.values()) * 1.048576
    return [
        f"## The city's folder: {case['children']:,} children, {case['documents']:,} documents (issue 17)",
        "",
        "`tsunagu sample --case-folder` writes a folder as a city keeps it (consents, one to three",
        "versions of each sheet, assessments); each command is one process over the whole folder,",
        "timed from outside (wall clock, median of 3 turns in alternation). `due` exits 1 because",
        "some items are overdue; `validate` exits 0 (every document valid, the checks across documents",
        "find no error). The Python script reads and groups the files and nothing more: a floor for a",
        "hand-written script, not a tool with the same output.",
        "",
        "| command | seconds | peak MB | exit |",
        "|---|---:|---:|---|",
        *rows,
        "",
        f"Target: `roster` and `due` under 10 s and 500 MB: slowest {slowest:.2f} s, largest {biggest:.0f} MB, {yes(slowest < 10 and biggest < 500)}.",
        "",
    ]


def best_pass(passes):
    """Per file, the pass with the highest rate (its breakdown stays that pass's own)."""
    return [max(rows, key=lambda row: row["per_second"]) for rows in zip(*passes)]


def render(files):
    project = WORK / "project"
    shutil.rmtree(project, ignore_errors=True)
    ours = json_lines([
        "cargo", "bench", "-q", "-p", "tsunagu-render", "--bench", "throughput", "--",
        str(files["render"]), "--count", str(N_RENDER), "--threads", str(os.cpu_count()),
        "--export", str(project), "--export-count", str(N_RENDER),
    ])
    results["render"] = {r["name"]: r for r in ours}

    # What users run: the batch command, one worker and every core; and, for the
    # scaling target, what this machine gives independent work: one single-worker
    # batch process per core, each on its share of the documents, all at once (no
    # shared cache or lock can slow them). Taking turns twice, best of each.
    for _ in range(2):
        for jobs in (1, os.cpu_count()):
            out = WORK / f"batch-{jobs}"
            shutil.rmtree(out, ignore_errors=True)
            seconds, rss, code = timed([TSUNAGU, "batch", str(files["render"]), "-o", str(out), "--jobs", str(jobs)])
            pdfs = len(list(out.glob("*.pdf")))
            row = {"jobs": jobs, "documents": pdfs, "seconds": seconds, "per_second": pdfs / seconds, "max_rss_mib": rss, "exit": code}
            keep_best(f"batch-{jobs}", row)
        keep_best("independent-processes", independent_processes(files["render"]))

    # The naive route: one `tsunagu render` process per document.
    single = WORK / "single"
    shutil.rmtree(single, ignore_errors=True)
    single.mkdir()
    inputs = []
    for i, line in enumerate(files["render"].read_text().splitlines()):
        path = single / f"{i:04}.json"
        path.write_text(line)
        inputs.append(path)
    start = time.perf_counter()
    for path in inputs:
        subprocess.run([TSUNAGU, "render", str(path), "-o", str(path.with_suffix(".pdf"))], check=True, stderr=subprocess.DEVNULL)
    seconds = time.perf_counter() - start
    results["one-process-per-document"] = {"documents": len(inputs), "seconds": seconds, "per_second": len(inputs) / seconds}

    # Peers on the same templates, fonts and data.
    peers = json_lines([sys.executable, "peers/typst_py.py", str(project), str(N_RENDER), "compiler"], cwd=ROOT / "bench")
    # The one-shot route is slow; it runs on fewer documents than the reused compiler.
    one_shot = json_lines([sys.executable, "peers/typst_py.py", str(project), str(N_ONE_SHOT), "one-shot"], cwd=ROOT / "bench")
    node = json_lines(["node", "peers/typst_ts_node.mjs", str(project), str(N_RENDER)], cwd=ROOT / "bench")
    pdfme = json_lines(["node", "peers/pdfme.mjs", str(files["render"]), str(N_PDFME), str(FONT)], cwd=ROOT / "bench")
    results["render-peers"] = {r["name"]: r for r in peers + one_shot + node + pdfme}


def keep_best(name, row):
    if name not in results or row["per_second"] > results[name]["per_second"]:
        results[name] = row


def independent_processes(source):
    """One `tsunagu batch --jobs 1` a core, each on its share of the lines, started together."""
    lines = source.read_text().splitlines()
    cores = os.cpu_count()
    procs = []
    for core in range(cores):
        share = WORK / f"share-{core}.jsonl"
        share.write_text("\n".join(lines[core::cores]) + "\n")
        out = WORK / f"share-{core}"
        shutil.rmtree(out, ignore_errors=True)
        procs.append((out, [TSUNAGU, "batch", str(share), "-o", str(out), "--jobs", "1"]))
    log(f"{cores} processes at once: " + " | ".join(" ".join(map(str, args)) for _, args in procs))
    start = time.perf_counter()
    running = [subprocess.Popen(args, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL) for _, args in procs]
    codes = [proc.wait() for proc in running]
    seconds = time.perf_counter() - start
    pdfs = sum(len(list(out.glob("*.pdf"))) for out, _ in procs)
    return {"processes": cores, "documents": pdfs, "seconds": seconds, "per_second": pdfs / seconds, "exit": max(codes)}


def memory(files):
    out = WORK / "memory"
    shutil.rmtree(out, ignore_errors=True)
    seconds, rss, code = timed([TSUNAGU, "batch", str(files["memory"]), "-o", str(out), "--jobs", str(os.cpu_count())])
    pdfs = len(list(out.glob("*.pdf")))
    results["memory"] = {"documents": pdfs, "seconds": seconds, "per_second": pdfs / seconds, "max_rss_mib": rss, "exit": code}
    shutil.rmtree(out, ignore_errors=True)


def browser():
    """The page in headless Chromium, if `web/build.sh` has been run."""
    if not (ROOT / "web" / "pkg" / "tsunagu_wasm_bg.wasm").exists():
        log("web/pkg missing: run bash web/build.sh for the browser numbers")
        return
    run(["npm", "ci", "--silent", "--no-audit", "--no-fund"], cwd=ROOT / "web")
    lines = json_lines(["node", "bench.mjs"], cwd=ROOT / "web")
    results["browser"] = next(line for line in lines if line["measure"] == "localhost")
    results["browser-throttled"] = [line for line in lines if line["measure"].startswith("first PDF over")]
    results["browser-preview"] = [line for line in lines if line["measure"].startswith("live preview")]


def render_table():
    out = run(["cargo", "bench", "-q", "-p", "tsunagu-render", "--bench", "render"], cwd=ROOT, stdout=subprocess.PIPE).stdout
    results["render-table"] = out.strip()


HISTORY = ROOT / "bench" / "history.json"


def over_one_job(row):
    """A route's rate as a multiple of `tsunagu batch --jobs 1`'s (the scaling target's measure)."""
    return row["per_second"] / results["batch-1"]["per_second"]


def validation_rates(validator):
    """Documents a second by kind, for one validator of the last run."""
    return {r["name"].removeprefix("validate-"): r["per_second"] for r in results["validate"][validator]}


def headline(info):
    """The numbers a full run is remembered by in bench/history.json."""
    v, a = validation_rates("tsunagu"), validation_rates("ajv")
    return {
        "date": info["date"],
        "cpu": info["cpu"],
        "cores": info["cores"],
        "validate_instruction_per_second": round(v["instruction"]),
        "ajv_instruction_per_second": round(a["instruction"]),
        "render_one_thread_ms": round(1000 / results["render"]["render-1-thread"]["per_second"], 2),
        "python_typst_compiler_ms": round(1000 / results["render-peers"]["python-typst-compiler"]["per_second"], 2),
        "batch_speedup": round(over_one_job(results[f"batch-{os.cpu_count()}"]), 2),
        "memory_max_rss_mib": round(results["memory"]["max_rss_mib"]),
    }


def load_history():
    return json.loads(HISTORY.read_text()) if HISTORY.exists() else []


def remember(info):
    history = load_history()
    entry = headline(info)
    history = [h for h in history if (h["date"], h["cpu"]) != (entry["date"], entry["cpu"])] + [entry]
    HISTORY.write_text(json.dumps(history, indent=1, ensure_ascii=False) + "\n")


def history_section():
    history = load_history()
    if len(history) < 2:
        return []
    lines = [
        "## Earlier runs",
        "",
        "The headline numbers of each full run (`bench/history.json`). The machine behind this",
        "workplace has changed between runs: compare within a row, not across rows.",
        "",
        "| date | cpu | validate instruction/s (ajv) | render ms, one thread (Python `typst`) | batch 2 jobs / 1 | peak MiB, 10,000 |",
        "|---|---|---:|---:|---:|---:|",
    ]
    for h in history:
        note = f" {h['note']}" if h.get("note") else ""
        lines.append(
            f"| {h['date']} | {h['cpu']}{note} | {h['validate_instruction_per_second']:,} ({h['ajv_instruction_per_second']:,}) "
            f"| {h['render_one_thread_ms']:.1f} ({h['python_typst_compiler_ms']:.1f}) | {h['batch_speedup']:.2f}× | {h['memory_max_rss_mib']} |"
        )
    return lines + [""]


def targets_section():
    """Issue 4's targets, each with what this run measured."""
    v, a = validation_rates("tsunagu"), validation_rates("ajv")
    one = results["render"]["render-1-thread"]
    python = results["render-peers"].get("python-typst-compiler")
    b1, bn = results["batch-1"], results[f"batch-{os.cpu_count()}"]
    ceiling = results.get("independent-processes")
    mem = results["memory"]
    one_ms = 1000 / one["per_second"]
    speedup = over_one_job(bn)
    yes = lambda ok: "met" if ok else "**not met**"
    cli = results.get("validate-cli", {})
    rows = [
        *([("`tsunagu validate DIR` of 10,000 files faster than ajv-cli and check-jsonschema, end to end",
            f"{cli['tsunagu validate']['median_seconds']:.2f} s vs {cli['ajv-cli']['median_seconds']:.2f} s and {cli['check-jsonschema']['median_seconds']:.1f} s",
            yes(cli["tsunagu validate"]["median_seconds"] < min(cli["ajv-cli"]["median_seconds"], cli["check-jsonschema"]["median_seconds"])))] if cli else []),
        ("validation of instruction sheets, one core, in process (`tsunagu_model::validate`): at least 50,000 a second", f"{v['instruction']:,.0f}/s", yes(v["instruction"] >= 50_000)),
        ("validation faster than ajv on the same bytes, in process (parse included)", f"{ratio(v['instruction'], a['instruction'])} ajv's {a['instruction']:,.0f}/s", yes(v["instruction"] > a["instruction"])),
    ]
    if python:
        python_ms = 1000 / python["per_second"]
        rows.append(("warm render, one core, no slower than Python `typst` with one reused `typst.Compiler`", f"{one_ms:.1f} ms vs {python_ms:.1f} ms", yes(one_ms <= python_ms)))
    rows.append(("warm render: aim for 2 ms a document", f"{one_ms:.1f} ms ({one['pages_per_document']:.1f} pages)", yes(one_ms <= 2)))
    scaling = f"{speedup:.2f}×"
    if ceiling:
        scaling += f" ({ceiling['processes']} independent processes: {over_one_job(ceiling):.2f}×, this machine's ceiling)"
    rows.append((f"batch with {bn['jobs']} workers: at least 1.8 times one worker", scaling, yes(speedup >= 1.8)))
    peak_mb = mem["max_rss_mib"] * 1.048576
    rows.append((f"peak memory, {mem['documents']:,} documents streamed from JSON Lines: under 200 MB", f"{peak_mb:.0f} MB ({mem['max_rss_mib']:.0f} MiB)", yes(peak_mb < 200)))
    naive = results["one-process-per-document"]
    rows.append(("one process per document vs the batch: report the ratio", f"{ratio(b1['per_second'], naive['per_second'])} slower than `batch --jobs 1`", "reported"))
    return [
        "## Targets (issue 4), as measured in this run",
        "",
        "| target | measured | |",
        "|---|---|---|",
        *[f"| {target} | {measured} | {verdict} |" for target, measured, verdict in rows],
        "",
    ]


def ratio(a, b):
    return f"{a / b:.1f}×" if b else "–"


def versus(ms_a, ms_b):
    """How route a compares with route b, by milliseconds a PDF."""
    if abs(ms_a - ms_b) < 0.05 * ms_b:
        return "on par"
    return f"{ms_a / ms_b:.1f}× slower" if ms_a > ms_b else f"{ms_b / ms_a:.1f}× faster"


def report(info):
    v = results["validate"]
    by = lambda rows: {r["name"].removeprefix("validate-"): r for r in rows}
    ours, ajv, py = by(v["tsunagu"]), by(v["ajv"]), by(v["python-jsonschema"])
    r = results["render"]
    one = r["render-1-thread"]
    many = next(val for key, val in r.items() if key.endswith("-threads"))
    peers = results["render-peers"]
    b1, bn = results["batch-1"], results[f"batch-{os.cpu_count()}"]
    naive = results["one-process-per-document"]
    mem = results["memory"]
    ms = lambda row: 1000 / row["per_second"]

    lines = [
        "# Benchmarks",
        "",
        "Generated by `python3 bench/run.py` (it builds the release binaries, installs the peers",
        "from `bench/requirements.txt` and `bench/package-lock.json`, samples the documents with",
        "`tsunagu sample --seed 1`, runs every measurement side by side and writes this file).",
        "Quote numbers from here only.",
        "",
        "## Machine",
        "",
        *[f"- {key}: {value}" for key, value in info.items()],
        "",
        *targets_section(),
        *validate_cli_section(),
        *case_folder_section(),
        "## Validation in process: documents per second, one core",
        "",
        f"{N_VALIDATE:,} sampled documents of each kind, every one valid, from JSON Lines in memory. tsunagu:",
        "`tsunagu_model::validate` on the bytes, the route every command takes: strict parse, JSON Schema (`jsonschema`),",
        "typed document, semantic rules and score (`cargo bench -p tsunagu-model --bench validate`).",
        "ajv 8 (2020-12, formats on) and Python jsonschema (format checker on) validate the same lines against",
        "`schemas/`, `JSON.parse` / `json.loads` included, structure only (they have no rules). Best of 3 rounds, and of",
        "3 alternating passes of tsunagu and ajv (Python: one round of "
        f"{N_VALIDATE_PYTHON:,}).",
        "",
        "| kind | tsunagu | ajv | python-jsonschema | tsunagu / ajv |",
        "|---|---:|---:|---:|---:|",
    ]
    for kind in ("instruction", "assessment", "consent"):
        o, a, p = ours[kind], ajv[kind], py[kind]
        lines.append(f"| {kind} | {o['per_second']:,.0f} | {a['per_second']:,.0f} | {p['per_second']:,.0f} | {ratio(o['per_second'], a['per_second'])} |")
    stages = ours["instruction"].get("stages", {})
    lines += [
        "",
        "Inside `tsunagu_model::validate`, instruction sheets (documents a second, each function alone over the same lines;",
        "this virtual machine's speed drifts by up to 1.5× between moments, so compare rows of one run only):",
        "",
        "| function | documents/s |",
        "|---|---:|",
        *[f"| `{name}` | {rate:,.0f} |" for name, rate in stages.items()],
        f"| `tsunagu_model::validate` (all of the above, then the typed document, rules and score) | {ours['instruction']['per_second']:,.0f} |",
    ]
    lines += [
        "",
        "## Rendering: PDF/A-3a with the JSON attached",
        "",
        f"{N_RENDER:,} sampled instruction sheets ({one['pages_per_document']:.1f} pages and {one['kib_per_document']:.0f} KiB a PDF on average), warm.",
        "",
        "| route | PDFs/s | ms a PDF | vs tsunagu, one thread |",
        "|---|---:|---:|---:|",
        f"| tsunagu renderer, one thread (`--bench throughput`) | {one['per_second']:.1f} | {ms(one):.2f} (median {one['median_ms']:.2f}, p95 {one['p95_ms']:.2f}) | 1.0× |",
        f"| tsunagu renderer, {many['threads']} threads sharing it | {many['per_second']:.1f} | {ms(many):.2f} | {ratio(many['per_second'], one['per_second'])} faster |",
        f"| `tsunagu batch --jobs 1` (validate, render, write) | {b1['per_second']:.1f} | {ms(b1):.2f} | {versus(ms(b1), ms(one))} |",
        f"| `tsunagu batch --jobs {bn['jobs']}` | {bn['per_second']:.1f} | {ms(bn):.2f} | {ratio(bn['per_second'], b1['per_second'])} the 1-job batch |",
        f"| `tsunagu render` called once per document ({naive['documents']:,} processes) | {naive['per_second']:.1f} | {ms(naive):.2f} | {ratio(ms(naive), ms(b1))} slower than `batch --jobs 1` |",
    ]
    order = ["python-typst-compiler", "python-typst-one-shot", "typst-ts-node-compiler", "pdfme-generator"]
    label = {
        "python-typst-compiler": "Python `typst` 0.15.2, one reused `typst.Compiler`, same templates/fonts/data",
        "python-typst-one-shot": "Python `typst` 0.15.2, `typst.compile` per document",
        "typst-ts-node-compiler": "`@myriaddreamin/typst-ts-node-compiler` 0.7.0, reused, same templates/fonts/data",
        "pdfme-generator": "`@pdfme/generator` 6.1.13, an equivalent one-page form, same Gothic font",
    }
    for name in order:
        if name in peers:
            p = peers[name]
            extra = f" ({p['documents']:,} documents" + (f", {p['distinct_pdfs']} distinct PDFs" if "distinct_pdfs" in p else "") + ")"
            lines.append(f"| {label[name]}{extra} | {p['per_second']:.1f} | {ms(p):.2f} | {versus(ms(p), ms(one))} |")
    ceiling = results.get("independent-processes")
    if ceiling:
        lines.append(
            f"| {ceiling['processes']} × `tsunagu batch --jobs 1` at once, each on its share (independent processes) "
            f"| {ceiling['per_second']:.1f} | {ms(ceiling):.2f} | {ratio(ceiling['per_second'], b1['per_second'])} the 1-job batch |"
        )
    lines += [
        "",
        "Two cores: " + f"{ratio(many['per_second'], one['per_second'])} the one-thread rate in process, "
        f"{over_one_job(bn):.2f}× for the batch command (target: at least 1.8×)"
        + (f"; {over_one_job(ceiling):.2f}× for independent processes, which share nothing but the machine." if ceiling else "."),
        "Batches and independent processes take turns twice; each row keeps its best.",
        *breakdown_section(r.get("render-breakdown")),
        "",
        "## Memory",
        "",
        f"`tsunagu batch` of {mem['documents']:,} instruction sheets from one JSON Lines file, {os.cpu_count()} jobs: peak RSS",
        f"**{mem['max_rss_mib']:.0f} MiB**, {mem['seconds']:.1f} s ({mem['per_second']:.1f} PDFs/s). The 1,000-document batches above peaked at",
        f"{b1['max_rss_mib']:.0f} MiB (1 job) and {bn['max_rss_mib']:.0f} MiB ({bn['jobs']} jobs).",
        "",
        *browser_section(native_same_document()),
        *history_section(),
        "## Warm render per example (`cargo bench -p tsunagu-render --bench render`)",
        "",
        "Each example rendered 200 times by one renderer: Typst reuses what it memoised for the",
        "same document, so these times are lower than the 1,000-document runs above, where every",
        "document is new (as in a batch).",
        "",
        "```",
        results["render-table"],
        "```",
        "",
        "## Raw results",
        "",
        "```json",
        json.dumps(results, indent=1, ensure_ascii=False),
        "```",
        "",
    ]
    return "\n".join(lines)


def validate_cli_section():
    cli = results.get("validate-cli")
    if not cli:
        return []
    versions = cli.get("versions", {})
    label = {
        "tsunagu validate": "`tsunagu validate DIR` (schema, rules and score; human report)",
        "ajv-cli": f"`ajv validate --spec=draft2020 -c ajv-formats -s schema -d 'DIR/*.json'` (ajv-cli {versions.get('ajv-cli', '?')}; schema only)",
        "check-jsonschema": f"`check-jsonschema --schemafile schema FILES…` ({versions.get('check-jsonschema', '?')}; schema only)",
    }
    ours = cli["tsunagu validate"]["median_seconds"]
    rows = [
        f"| {label[name]} | {row['median_seconds']:.2f} | {row['files_per_second']:,.0f} | {row['max_rss_mib']:.0f} | {row['median_seconds'] / ours:.1f}× |"
        for name, row in cli.items()
        if name in label
    ]
    return [
        "## Validation end to end: a folder of files, the command users run",
        "",
        f"{cli['tsunagu validate']['files']:,} sampled instruction sheets, one file each, in one folder; each tool is one",
        "process over the whole folder, timed from outside (wall clock, median of 5 turns taken in alternation;",
        "check-jsonschema once). Every file is valid and every tool said so.",
        "",
        "| command | seconds | files/s | peak MiB | time vs tsunagu |",
        "|---|---:|---:|---:|---:|",
        *rows,
        "",
    ]


def breakdown_section(b):
    if not b:
        return []
    stage = lambda name: b["stages"].get(name, {}).get("ms_per_document", 0.0)
    typst_compile, pdf = stage("compile"), stage("pdf")
    passes = sum(b["stages"].get(f"iter ({i})", {}).get("per_document", 0.0) for i in (1, 2, 3))
    rows = [
        ("Typst: evaluate the templates and the data", stage("eval")),
        ("Typst: lay out, first pass", stage("iter (1)")),
        ("Typst: lay out again (the footer's page *n* / *total* settles)", stage("iter (2)") + stage("iter (3)")),
        ("Typst: PDF/A-3a export (tagging, font subsets, compression)", pdf),
        ("tsunagu: canonical JSON, view, QR code, character checks, cache eviction", b["ms_per_document"] - typst_compile - pdf),
    ]
    return [
        "",
        f"Where a render's time goes ({b['documents']} of the same documents again, one thread, with Typst's",
        "own timing scopes (`typst-timing`) on, which slows it a little; "
        f"{passes:.1f} layout passes a document):",
        "",
        "| stage | ms a document |",
        "|---|---:|",
        *[f"| {label} | {value:.2f} |" for label, value in rows],
        f"| all | {b['ms_per_document']:.2f} |",
    ]


def native_same_document():
    """The native warm render of the document the browser renders, from the render table."""
    document = results.get("browser", {}).get("document", "")
    for line in results["render-table"].splitlines():
        if line.startswith(document) and document:
            return float(line.split()[3])
    return float("nan")


def browser_section(native_ms):
    b = results.get("browser")
    if not b:
        return ["## In the browser", "", "Not measured in this run (`bash web/build.sh` first).", ""]
    lines = [
        "## In the browser: the first PDF over a facility's line (`node web/bench.mjs`)",
        "",
        "Headless Chromium, network throttled by CDP `Network.emulateNetworkConditions` to 20 Mbps",
        "down / 40 ms, cache disabled, service worker blocked; the clock starts at navigation and",
        "stops at the PDF's download (open the page, open the document, press PDF). The same run",
        "with the server's precompressed copies (`web/compress.mjs`, written by `web/build.sh`)",
        "and without them. Bytes are on the wire (CDP `encodedDataLength`).",
        "",
        f"| `{b['document']}` served | page ready | first PDF | bytes to page ready | bytes to first PDF | target |",
        "|---|---:|---:|---:|---:|---|",
    ]
    for t in results.get("browser-throttled", []):
        lines.append(
            f"| {t['served']} | {t['page_ready_ms'] / 1000:.1f} s | {t['first_pdf_ms'] / 1000:.1f} s | "
            f"{t['page_ready_bytes'] / 1e6:.2f} MB | {t['first_pdf_bytes'] / 1e6:.2f} MB | < 5 s, < 8 MB |"
        )
    lines += [
        "",
        "## In the browser: the live preview (`node web/bench.mjs`, localhost)",
        "",
        "From an edit in the form (an `input` event) to the page in view redrawn beside it:",
        "validation, the Typst compile and that page drawn on its canvas (from the module's",
        "drawing commands; each glyph outline is sent once, then reused). The other pages are",
        "drawn after it while the page is idle; the last columns are until every page is.",
        "40 edits each, one at a time.",
        "",
        "| document | pages | field edited | page in view, median | p95 | every page, median | p95 | target |",
        "|---|---:|---|---:|---:|---:|---:|---|",
    ]
    for p in results.get("browser-preview", []):
        field = p["measure"].split("(")[1].split(")")[0]
        lines.append(
            f"| `{p['document']}` | {p['pages']} | {field} | {p['preview_median_ms']:.0f} ms | {p['preview_p95_ms']:.0f} ms | "
            f"{p['all_pages_median_ms']:.0f} ms | {p['all_pages_p95_ms']:.0f} ms | about 100 ms |"
        )
    lines += [
        "",
        "## In the browser (headless Chromium, served from localhost, `node web/bench.mjs`)",
        "",
        "On localhost the network costs nothing: these are the page's own costs.",
        "",
        "| measure | result | target |",
        "|---|---:|---:|",
        f"| first load: page + core module, gzipped | {b['first_load_gzip_bytes'] / 1e6:.2f} MB | < 2 MB |",
        f"| render module + fonts, gzipped, fetched on the first PDF | {b['render_module_and_fonts_gzip_bytes'] / 1e6:.2f} MB | – |",
        f"| validate + score per edit (median / p95) | {b['validate_median_ms']:.2f} / {b['validate_p95_ms']:.2f} ms | < 5 ms |",
        f"| first PDF after load on localhost, module and font fetches included | {b['first_pdf_ms']:.0f} ms | < 3,000 ms |",
        f"| later PDFs of `{b['document']}` (median) | {b['later_pdf_median_ms']:.1f} ms ({b['later_pdf_median_ms'] / native_ms:.1f}× its native warm render, {native_ms:.2f} ms) | < 2× native |",
        "",
    ]
    return lines


def main():
    saved = WORK / "results.json"
    only = [flag for flag in ("--only-browser", "--only-validate", "--only-case") if flag in sys.argv]
    if only:
        # Re-measure one part, keeping the rest of the last full run.
        previous = json.loads(saved.read_text())
        results.update(previous["results"])
        info = previous["machine"]
        if "--only-browser" in sys.argv:
            browser()
            if "render-table" not in results:  # the step after the browser in a full run
                render_table()
        elif "--only-case" in sys.argv:
            case_folder()
        else:
            files = {"validate": {kind: WORK / f"validate-{kind}.jsonl" for kind in ("instruction", "assessment", "consent")}}
            validate(files)
            validate_cli(files)
    else:
        if "--no-build" not in sys.argv:
            build_and_install()
        info = machine()
        files = samples()
        # Saved after every step, so a step that fails (say, no browser) can be
        # measured again with --only-browser without running the rest again.
        for step in (validate, validate_cli, case_folder, render, memory, lambda _: browser(), lambda _: render_table()):
            step(files)
            saved.write_text(json.dumps({"machine": info, "results": results}))
    saved.write_text(json.dumps({"machine": info, "results": results}))
    if not QUICK and not only:
        remember(info)
    text = report(info)
    if QUICK:
        print(text)
    else:
        (ROOT / "BENCHMARKS.md").write_text(text)
        log("wrote BENCHMARKS.md")


if __name__ == "__main__":
    main()
