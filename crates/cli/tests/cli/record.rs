//! Issue 18: the shared record through the command line: append, merge, the consent
//! rule in a folder, and writes that survive being killed.

use std::path::Path;
use std::time::Instant;

use serde_json::{Value, json};

use crate::{root, tsunagu};

fn read(path: &Path) -> Value {
    serde_json::from_slice(&std::fs::read(path).expect("read")).expect("json")
}

fn write(path: &Path, value: &Value) {
    std::fs::write(path, serde_json::to_vec_pretty(value).expect("json")).expect("write");
}

/// A folder with the example consent and the example record (entries from 2026-04-10 to 2026-07-15).
fn folder() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("tempdir");
    for name in ["consent-five-departments.json", "record-consultations.json"] {
        std::fs::copy(root().join("examples").join(name), dir.path().join(name)).expect("copy");
    }
    dir
}

fn entry(department: &str, date: &str) -> Value {
    json!({
        "date": date, "department": department, "staff": { "family": "木村" }, "channel": "phone",
        "concern": "保育園の入園について", "situation": "母の復職", "response": "園の一覧を渡した",
        "consent": "3c9a8b7d-6e5f-4a1b-9c2d-7e8f9a0b1c2d"
    })
}

fn add(record: &Path, entry: &Value) -> std::process::Output {
    let dir = record.parent().expect("dir");
    let path = dir.join("entry.input");
    write(&path, entry);
    let output = tsunagu().args(["record", "add"]).arg(record).arg(&path).output().expect("run");
    std::fs::remove_file(path).expect("remove");
    output
}

fn validate_en(path: &Path) -> (Option<i32>, String) {
    let output = tsunagu().args(["--lang", "en", "validate"]).arg(path).output().expect("run");
    (output.status.code(), String::from_utf8_lossy(&output.stdout).into_owned())
}

#[test]
fn alone_the_record_says_the_consent_check_needs_the_folder_and_in_the_folder_it_is_made() {
    let dir = folder();
    let (code, alone) = validate_en(&dir.path().join("record-consultations.json"));
    assert_eq!(code, Some(0));
    assert!(alone.contains("record.consent-not-checked"), "{alone}");
    let (code, together) = validate_en(dir.path());
    assert_eq!(code, Some(0), "{together}");
    assert!(!together.contains("record.consent-not-checked"), "{together}");
    // A record alone in a folder: no consent covers its entries.
    let lonely = tempfile::tempdir().expect("tempdir");
    std::fs::copy(dir.path().join("record-consultations.json"), lonely.path().join("record.json")).expect("copy");
    let (code, out) = validate_en(lonely.path());
    assert_eq!(code, Some(1));
    assert!(out.contains("record.outside-consent") && out.contains("no consent in the folder"), "{out}");
}

#[test]
fn an_entry_from_a_department_outside_the_consent_is_an_error_in_the_folder() {
    let dir = folder();
    let record = dir.path().join("record-consultations.json");
    // Childcare is not among the consent's recipients; the entry itself is well formed.
    let output = add(&record, &entry("childcare", "2026-08-01"));
    assert_eq!(output.status.code(), Some(0), "{}", String::from_utf8_lossy(&output.stderr));
    let (code, out) = validate_en(dir.path());
    assert_eq!(code, Some(1));
    let n = read(&record)["entries"].as_array().expect("entries").len() - 1;
    assert!(out.contains(&format!("error [record.outside-consent] /entries/{n}/department")), "{out}");
    assert!(out.contains("consent-five-departments.json") && out.contains("does not name Childcare division"), "{out}");
}

#[test]
fn after_the_consent_is_revoked_a_later_entry_is_an_error() {
    let dir = folder();
    let consent_path = dir.path().join("consent-five-departments.json");
    let mut consent = read(&consent_path);
    consent["revocation"]["revokedOn"] = "2026-06-01".into();
    write(&consent_path, &consent);
    let (code, out) = validate_en(dir.path());
    assert_eq!(code, Some(1));
    // The example's entries of 2026-06-03 and 2026-07-15 (and what the latter shared) came after.
    let outside: Vec<&str> = out.lines().filter(|l| l.contains("record.outside-consent")).collect();
    assert!(outside.iter().any(|l| l.ends_with("/entries/2/department")), "{out}");
    assert!(outside.iter().any(|l| l.ends_with("/entries/3/shared/1/with")), "{out}");
    assert!(
        !outside.iter().any(|l| l.contains("/entries/0/") || l.contains("/entries/1/")),
        "earlier entries stand: {out}"
    );
    assert!(out.contains("it was revoked on 2026-06-01"), "{out}");
}

#[test]
fn add_appends_a_linked_entry_and_refuses_a_broken_record() {
    let dir = folder();
    let record = dir.path().join("record-consultations.json");
    let before = read(&record);
    let output = add(&record, &entry("schoolAffairs", "2026-08-20"));
    assert_eq!(output.status.code(), Some(0), "{}", String::from_utf8_lossy(&output.stderr));
    let after = read(&record);
    let (old, new) = (before["entries"].as_array().expect("old"), after["entries"].as_array().expect("new"));
    assert_eq!(new.len(), old.len() + 1);
    assert_eq!(&new[..old.len()], &old[..], "earlier entries untouched");
    assert_eq!(new[old.len()]["parents"], json!([old[old.len() - 1]["hash"]]), "the new entry follows the last");
    let previous = dir.path().join("previous.json");
    write(&previous, &before);
    tsunagu().args(["validate"]).arg(&record).arg("--previous").arg(&previous).assert().code(0);

    // An entry with a mistake names its field as it would be in the record.
    let mut bad = entry("schoolAffairs", "2026-08-21");
    bad["channel"] = "pigeon".into();
    let output = add(&record, &bad);
    assert_eq!(output.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains(&format!("/entries/{}/channel", new.len())), "{stderr}");

    // A record whose earlier entry was edited is refused, and left as it was.
    let mut edited = after.clone();
    edited["entries"][0]["response"] = "書き換え".into();
    write(&record, &edited);
    let output = add(&record, &entry("schoolAffairs", "2026-08-22"));
    assert_eq!(output.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&output.stderr).contains("record.entry-altered"));
    assert_eq!(read(&record), edited, "nothing written");
}

#[test]
fn merge_is_symmetric_keeps_every_entry_and_refuses_conflicts() {
    let dir = folder();
    let base = dir.path().join("record-consultations.json");
    let (a, b) = (dir.path().join("a.json"), dir.path().join("b.json"));
    std::fs::copy(&base, &a).expect("copy");
    std::fs::copy(&base, &b).expect("copy");
    assert!(add(&a, &entry("schoolAffairs", "2026-08-01")).status.success());
    assert!(add(&b, &entry("healthPromotion", "2026-07-20")).status.success());
    let merged = |x: &Path, y: &Path| {
        let output = tsunagu().args(["record", "merge"]).arg(x).arg(y).output().expect("run");
        assert_eq!(output.status.code(), Some(0), "{}", String::from_utf8_lossy(&output.stderr));
        output.stdout
    };
    let ab = merged(&a, &b);
    assert_eq!(ab, merged(&b, &a), "merge A B equals merge B A");
    assert_eq!(merged(&a, &a), std::fs::read(&a).expect("a"), "merging a record with itself changes nothing");
    let out = dir.path().join("merged.json");
    std::fs::write(&out, &ab).expect("write");
    let entries = read(&out)["entries"].as_array().expect("entries").len();
    assert_eq!(entries, read(&base)["entries"].as_array().expect("base").len() + 2);
    for copy in [&a, &b] {
        tsunagu().args(["validate"]).arg(&out).arg("--previous").arg(copy).assert().code(0);
    }
    // Appending to the merge follows both heads.
    assert!(add(&out, &entry("disabilityWelfare", "2026-09-01")).status.success());
    let last = read(&out)["entries"].as_array().expect("entries").last().cloned().expect("last");
    assert_eq!(last["parents"].as_array().expect("parents").len(), 2);

    // One id, two contents: refused with the id.
    let mut conflicting = read(&a);
    let n = conflicting["entries"].as_array().expect("entries").len() - 1;
    conflicting["entries"][n]["response"] = "別の対応".into();
    write(&b, &conflicting);
    let output = tsunagu().args(["record", "merge"]).arg(&a).arg(&b).output().expect("run");
    assert_eq!(output.status.code(), Some(1), "a broken copy is not merged");
}

#[test]
fn new_opens_an_empty_record_for_the_child_of_a_consent() {
    let dir = tempfile::tempdir().expect("tempdir");
    let out = dir.path().join("new.json");
    tsunagu()
        .args([
            "record",
            "new",
            "--from",
            "examples/consent-five-departments.json",
            "--keeper",
            "つなぐ市 障害福祉課",
            "--opened-on",
            "2026-04-10",
            "-o",
        ])
        .arg(&out)
        .assert()
        .code(0);
    let record = read(&out);
    assert_eq!(record["child"]["identifiers"][0]["value"], "A0012345");
    assert_eq!(record["entries"], json!([]));
    // Never over an existing record.
    tsunagu()
        .args(["record", "new", "--from", "examples/consent-five-departments.json", "--keeper", "x", "-o"])
        .arg(&out)
        .assert()
        .code(2);
}

/// `record add` killed at random points never leaves a truncated or half-written
/// record: after every kill the file is the old record or the new one, whole.
#[test]
fn a_killed_add_leaves_the_old_record_or_the_new_one_whole() {
    let dir = tempfile::tempdir().expect("tempdir");
    let record = dir.path().join("record.json");
    std::fs::copy(root().join("examples/record-consultations.json"), &record).expect("copy");
    // A longer record, so that a write takes long enough to be interrupted in the middle.
    for day in 1..=60 {
        let date = format!("2026-08-{:02}", (day % 28) + 1);
        assert!(add(&record, &entry("disabilityWelfare", &date)).status.success());
    }
    let input = dir.path().join("entry.input");
    write(&input, &entry("schoolAffairs", "2026-09-01"));
    let program = assert_cmd::cargo::cargo_bin("tsunagu");
    let start = Instant::now();
    let status =
        std::process::Command::new(&program).args(["record", "add"]).arg(&record).arg(&input).status().expect("run");
    assert!(status.success());
    let whole = start.elapsed();
    let mut seed = u64::from(std::process::id()) ^ 0x9E37_79B9_7F4A_7C15;
    let (mut killed_mid_way, mut appended) = (0, 0);
    for round in 0..40 {
        let before = std::fs::read(&record).expect("read");
        let entries_before =
            serde_json::from_slice::<Value>(&before).expect("json")["entries"].as_array().expect("entries").len();
        seed = seed.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1_442_695_040_888_963_407);
        // From the start to past the usual end: some runs die early, some mid-write, some finish.
        let wait = whole.mul_f64(f64::from(u32::try_from((seed >> 33) % 1000).unwrap_or(0)) / 500.0);
        let mut child = std::process::Command::new(&program)
            .args(["record", "add"])
            .arg(&record)
            .arg(&input)
            .spawn()
            .expect("spawn");
        std::thread::sleep(wait);
        let finished = child.try_wait().expect("wait").is_some();
        let _ = child.kill();
        let _ = child.wait();
        killed_mid_way += usize::from(!finished);
        let after = std::fs::read(&record).expect("read");
        let value: Value = serde_json::from_slice(&after)
            .unwrap_or_else(|e| panic!("round {round} (waited {wait:?}): the record does not parse: {e}"));
        let entries = value["entries"].as_array().expect("entries").len();
        assert!(
            entries == entries_before || entries == entries_before + 1,
            "round {round}: {entries_before} → {entries}"
        );
        assert!(after == before || entries == entries_before + 1, "round {round}: changed without a new entry");
        appended += usize::from(entries == entries_before + 1);
        let (code, out) = validate_en(&record);
        assert_eq!(code, Some(0), "round {round} (waited {wait:?}): {out}");
    }
    eprintln!(
        "kill test: {killed_mid_way} of 40 runs killed before they finished, {appended} appended (a run takes {whole:?})"
    );
    assert!(killed_mid_way > 0, "no run was interrupted: the test proves nothing");
}

#[test]
fn verify_reports_where_a_record_was_changed() {
    let output = tsunagu()
        .args(["--lang", "en", "verify", "tests/fixtures/record-edited-and-reordered.json"])
        .output()
        .expect("run");
    assert_eq!(output.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("[record.entry-altered] /entries/0"), "{stderr}");
    // A whole record prints the code its paper copy carries.
    tsunagu()
        .args(["verify", "examples/record-consultations.json"])
        .assert()
        .code(0)
        .stdout(predicates::str::starts_with("tsunagu:1.2:record:"));
}
