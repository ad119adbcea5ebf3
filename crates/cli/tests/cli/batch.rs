use predicates::str::contains;

use crate::tsunagu;

fn sample(kind: &str, count: &str) -> Vec<u8> {
    let output = tsunagu().args(["sample", "--kind", kind, "--count", count, "--seed", "11"]).assert().code(0);
    output.get_output().stdout.clone()
}

fn pdfs(dir: &std::path::Path) -> usize {
    std::fs::read_dir(dir).map_or(0, |entries| {
        entries.filter(|e| e.as_ref().is_ok_and(|e| e.path().extension().is_some_and(|x| x == "pdf"))).count()
    })
}

/// Temporary files (`*.tsunagu-tmp`) in a directory.
fn temporaries(dir: &std::path::Path) -> usize {
    std::fs::read_dir(dir)
        .expect("dir")
        .filter(|e| e.as_ref().is_ok_and(|e| e.file_name().to_string_lossy().ends_with(".tsunagu-tmp")))
        .count()
}

#[test]
fn samples_are_deterministic_json_lines_that_validate() {
    let first = sample("consent", "5");
    assert_eq!(first, sample("consent", "5"));
    assert_eq!(String::from_utf8_lossy(&first).lines().count(), 5);
    let dir = tempfile::tempdir().expect("tempdir");
    for (i, line) in String::from_utf8_lossy(&first).lines().enumerate() {
        std::fs::write(dir.path().join(format!("{i}.json")), line).expect("write");
    }
    tsunagu().args(["validate"]).arg(dir.path()).assert().code(0);
}

#[test]
fn a_bad_line_is_reported_and_the_batch_goes_on() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut input = sample("instruction", "6");
    input.extend_from_slice(
        b"{\"kind\": \"instruction\", \"child\": {\"name\": \"\xe9\xab\x99\xe6\xa9\x8b\"}}\nnot json\n",
    );
    input.extend_from_slice(&sample("assessment", "2"));
    let jsonl = dir.path().join("docs.jsonl");
    std::fs::write(&jsonl, &input).expect("write");
    let out = dir.path().join("out");
    let report = dir.path().join("report.json");
    tsunagu()
        .args(["batch", "--jobs", "2"])
        .arg(&jsonl)
        .arg("-o")
        .arg(&out)
        .arg("--report")
        .arg(&report)
        .assert()
        .code(1);
    assert_eq!(pdfs(&out), 8);
    let text = std::fs::read_to_string(&report).expect("report");
    assert!(!text.contains("髙橋"), "the report carries no values");
    let report: serde_json::Value = serde_json::from_str(&text).expect("json");
    assert_eq!(report["summary"]["rendered"], 8);
    assert_eq!(report["summary"]["invalid"], 2);
    let sources: Vec<&str> = report["problems"]
        .as_array()
        .expect("problems")
        .iter()
        .map(|p| p["source"].as_str().expect("source"))
        .collect();
    assert!(sources.iter().any(|s| s.ends_with("docs.jsonl:7")), "{sources:?}");
    assert!(sources.iter().any(|s| s.ends_with("docs.jsonl:8")), "{sources:?}");
    assert_eq!(temporaries(&out), 0, "no temporary files are left behind");
}

#[test]
fn skip_existing_resumes_without_rendering_again() {
    let dir = tempfile::tempdir().expect("tempdir");
    let jsonl = dir.path().join("docs.jsonl");
    std::fs::write(&jsonl, sample("consent", "4")).expect("write");
    let out = dir.path().join("out");
    tsunagu().args(["batch"]).arg(&jsonl).arg("-o").arg(&out).arg("--name").arg("{kind}-{id}").assert().code(0);
    assert_eq!(pdfs(&out), 4);
    let report = dir.path().join("again.json");
    tsunagu()
        .args(["batch", "--skip-existing"])
        .arg(&jsonl)
        .arg("-o")
        .arg(&out)
        .arg("--name")
        .arg("{kind}-{id}")
        .arg("--report")
        .arg(&report)
        .assert()
        .code(0);
    let report: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&report).expect("report")).expect("json");
    assert_eq!(report["summary"]["skipped"], 4);
    assert_eq!(report["summary"]["rendered"], 0);
}

#[test]
fn directories_and_standard_input_are_inputs_too() {
    let dir = tempfile::tempdir().expect("tempdir");
    tsunagu().args(["batch", "examples", "-o"]).arg(dir.path().join("a")).assert().code(0);
    assert_eq!(pdfs(&dir.path().join("a")), crate::json_files("examples").len());
    tsunagu()
        .args(["batch", "-", "-o"])
        .arg(dir.path().join("b"))
        .write_stdin(sample("assessment", "3"))
        .assert()
        .code(0);
    assert_eq!(pdfs(&dir.path().join("b")), 3);
}

#[test]
fn junit_reports_list_the_bad_documents() {
    let dir = tempfile::tempdir().expect("tempdir");
    let report = dir.path().join("report.xml");
    tsunagu()
        .args(["batch", "tests/fixtures", "--report-format", "junit", "-o"])
        .arg(dir.path().join("out"))
        .arg("--report")
        .arg(&report)
        .assert()
        .code(1);
    let xml = std::fs::read_to_string(&report).expect("report");
    assert!(xml.contains(r#"type="care.empty""#), "{xml}");
}

#[test]
fn an_unwritable_output_or_bad_name_is_a_usage_error() {
    let dir = tempfile::tempdir().expect("tempdir");
    let file = dir.path().join("a-file");
    std::fs::write(&file, b"").expect("write");
    tsunagu().args(["batch", "examples", "-o"]).arg(file.join("out")).assert().code(2).stderr(contains("a-file"));
    tsunagu().args(["batch", "examples", "--name", "../{id}", "-o"]).arg(dir.path()).assert().code(2);
}

#[test]
fn documents_with_the_same_id_do_not_overwrite_each_other() {
    let dir = tempfile::tempdir().expect("tempdir");
    let one = sample("consent", "1");
    let mut twice = one.clone();
    twice.extend_from_slice(&one);
    let out = dir.path().join("out");
    let report = dir.path().join("report.json");
    tsunagu().args(["batch", "-", "--report"]).arg(&report).arg("-o").arg(&out).write_stdin(twice).assert().code(1);
    assert_eq!(pdfs(&out), 1);
    let report: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&report).expect("report")).expect("json");
    assert_eq!(report["summary"]["failed"], 1);
    assert!(report["problems"][0]["error"]["en"].as_str().expect("error").contains("same output name"));
}

#[test]
fn leftover_temporary_files_are_removed() {
    let dir = tempfile::tempdir().expect("tempdir");
    let out = dir.path().join("out");
    std::fs::create_dir_all(&out).expect("dir");
    let stale = out.join(".x.pdf.1.0.tsunagu-tmp");
    std::fs::write(&stale, b"half a pdf").expect("write");
    tsunagu().args(["batch", "examples", "-o"]).arg(&out).assert().code(0);
    assert!(!stale.exists());
}

/// Every PDF in `dir` is whole: it ends with the trailer and carries its document.
fn assert_every_pdf_is_whole(dir: &std::path::Path) {
    for entry in std::fs::read_dir(dir).expect("out") {
        let path = entry.expect("entry").path();
        if path.extension().is_some_and(|x| x == "pdf") {
            let bytes = std::fs::read(&path).expect("read");
            let tail = &bytes[bytes.len().saturating_sub(32)..];
            assert!(tail.windows(5).any(|w| w == b"%%EOF"), "{} is cut short", path.display());
            tsunagu().arg("extract").arg(&path).assert().code(0);
        }
    }
}

#[test]
fn a_batch_killed_mid_run_leaves_no_half_written_pdf_and_resumes() {
    const DOCUMENTS: usize = 24;
    let dir = tempfile::tempdir().expect("tempdir");
    let jsonl = dir.path().join("docs.jsonl");
    std::fs::write(&jsonl, sample("instruction", &DOCUMENTS.to_string())).expect("write");
    let out = dir.path().join("out");
    let binary = assert_cmd::cargo::cargo_bin("tsunagu");
    let mut child = std::process::Command::new(&binary)
        .args(["batch", "--jobs", "2"])
        .arg(&jsonl)
        .arg("-o")
        .arg(&out)
        .stderr(std::process::Stdio::null())
        .spawn()
        .expect("spawn");
    // Kill it (SIGKILL: no clean-up code runs) once a few PDFs are out, mid-write or not.
    let deadline = std::time::Instant::now() + std::time::Duration::from_mins(5);
    while pdfs(&out) < 3 {
        assert!(std::time::Instant::now() < deadline, "the batch made no progress");
        assert!(child.try_wait().expect("wait").is_none(), "the batch ended before it could be killed");
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    child.kill().expect("kill");
    child.wait().expect("reap");
    let done = pdfs(&out);
    assert!(done < DOCUMENTS, "killed before the end ({done} of {DOCUMENTS})");
    assert_every_pdf_is_whole(&out);

    let report = dir.path().join("report.json");
    tsunagu()
        .args(["batch", "--skip-existing", "--jobs", "2", "--report"])
        .arg(&report)
        .arg(&jsonl)
        .arg("-o")
        .arg(&out)
        .assert()
        .code(0);
    let report: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&report).expect("report")).expect("json");
    assert_eq!(report["summary"]["skipped"], done, "the PDFs made before the kill are kept");
    assert_eq!(report["summary"]["rendered"], DOCUMENTS - done);
    assert_eq!(pdfs(&out), DOCUMENTS);
    assert_every_pdf_is_whole(&out);
    assert_eq!(temporaries(&out), 0, "the resumed run removes what the killed one left");
}

#[test]
fn a_full_disk_stops_the_batch_with_a_clear_error_and_a_report() {
    // A file-size limit makes every PDF write fail the way a full disk does
    // (the write is refused part-way), without needing a small filesystem.
    // `trap '' XFSZ` makes the write fail with EFBIG instead of killing the process.
    let dir = tempfile::tempdir().expect("tempdir");
    let jsonl = dir.path().join("docs.jsonl");
    std::fs::write(&jsonl, sample("instruction", "6")).expect("write");
    let out = dir.path().join("out");
    let report = dir.path().join("report.json");
    let binary = assert_cmd::cargo::cargo_bin("tsunagu");
    let output = std::process::Command::new("sh")
        .arg("-c")
        .arg(r#"ulimit -f 64; trap '' XFSZ; exec "$0" "$@""#)
        .arg(&binary)
        .args(["batch", "--jobs", "1", "--lang", "en", "--report"])
        .arg(&report)
        .arg(&jsonl)
        .arg("-o")
        .arg(&out)
        .output()
        .expect("run");
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(2), "{stderr}");
    assert!(stderr.contains("stopped") && stderr.contains("--skip-existing"), "{stderr}");
    let report: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&report).expect("the report is still written")).expect("json");
    assert_eq!(report["summary"]["stoppedStorageFull"], true);
    assert_eq!(report["summary"]["rendered"], 0);
    assert_eq!(report["summary"]["failed"], 1, "stops after the first refused write");
    assert!(report["problems"][0]["error"]["en"].as_str().expect("error").contains("cannot write"));
    assert_eq!(pdfs(&out), 0, "no partial PDF is left");
    let leftovers = std::fs::read_dir(&out).expect("out").count();
    assert_eq!(leftovers, 0, "the refused temporary file is removed too");
}

#[test]
fn a_document_that_cannot_be_rendered_is_reported_and_the_batch_goes_on() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut lines: Vec<serde_json::Value> = String::from_utf8(sample("instruction", "3"))
        .expect("utf-8")
        .lines()
        .map(|line| serde_json::from_str(line).expect("json"))
        .collect();
    // Valid, but 𰀀 (CJK Ext. G) is in no font: rendering it must fail, not print a blank box.
    lines[1]["child"]["name"]["given"] = "𰀀".into();
    let input: String = lines.iter().map(|doc| doc.to_string() + "\n").collect();
    let jsonl = dir.path().join("docs.jsonl");
    std::fs::write(&jsonl, input).expect("write");
    let out = dir.path().join("out");
    let report = dir.path().join("report.json");
    tsunagu().args(["batch", "--report"]).arg(&report).arg(&jsonl).arg("-o").arg(&out).assert().code(1);
    assert_eq!(pdfs(&out), 2);
    let text = std::fs::read_to_string(&report).expect("report");
    assert!(!text.contains('𰀀'), "no value in the report");
    let report: serde_json::Value = serde_json::from_str(&text).expect("json");
    assert_eq!((report["summary"]["rendered"].as_u64(), report["summary"]["failed"].as_u64()), (Some(2), Some(1)));
    assert!(report["problems"][0]["source"].as_str().expect("source").ends_with("docs.jsonl:2"));
    assert!(report["problems"][0]["error"]["en"].as_str().expect("error").contains("/child/name/given"));
}

#[test]
fn values_reach_the_report_only_when_asked() {
    let dir = tempfile::tempdir().expect("tempdir");
    let jsonl = dir.path().join("docs.jsonl");
    std::fs::write(&jsonl, b"{\"kind\": \"consent\", \"child\": {\"name\": \"SECRET-NAME\"}}\n").expect("write");
    for (flag, shown) in [(None, false), (Some("--show-values"), true)] {
        let report = dir.path().join("report.json");
        let mut command = tsunagu();
        command.args(["batch", "--report"]).arg(&report).arg(&jsonl).arg("-o").arg(dir.path().join("out"));
        command.args(flag);
        command.assert().code(1);
        let text = std::fs::read_to_string(&report).expect("report");
        assert_eq!(text.contains("SECRET-NAME"), shown, "{flag:?}: {text}");
    }
}
