use predicates::prelude::*;
use predicates::str::contains;

use crate::{root, tsunagu};

#[test]
fn examples_are_valid() {
    let n = crate::json_files("examples").len();
    tsunagu().args(["validate", "examples/"]).assert().code(0).stdout(contains(format!("有効 {n}、無効 0")));
}

#[test]
fn each_fixture_gives_its_exit_code_and_report() {
    // The report a person reads, per fixture, in English (codes, pointers, messages, hints).
    for path in crate::json_files("tests/fixtures") {
        let name = path.file_stem().expect("stem").to_string_lossy().into_owned();
        let code = i32::from(!name.ends_with("-warns"));
        let relative = format!("tests/fixtures/{name}.json");
        let output = tsunagu().args(["validate", "--lang", "en", &relative]).assert().code(code);
        let stdout = String::from_utf8_lossy(&output.get_output().stdout).into_owned();
        insta::assert_snapshot!(format!("validate-en-{name}"), stdout);
    }
}

#[test]
fn a_folder_report_reads_in_japanese() {
    let output = tsunagu().args(["validate", "tests/fixtures"]).assert().code(1);
    insta::assert_snapshot!(String::from_utf8_lossy(&output.get_output().stdout));
}

#[test]
fn json_format_is_one_object_per_document() {
    let output = tsunagu()
        .args(["validate", "--format", "json", "examples/", "tests/fixtures/consent-rules.json"])
        .assert()
        .code(1);
    let stdout = String::from_utf8_lossy(&output.get_output().stdout).into_owned();
    let lines: Vec<serde_json::Value> =
        stdout.lines().map(|line| serde_json::from_str(line).expect("each line is JSON")).collect();
    assert_eq!(lines.len(), crate::json_files("examples").len() + 1);
    let consent = lines.last().expect("last");
    assert_eq!(consent["valid"], false);
    assert_eq!(consent["kind"], "consent");
    assert_eq!(consent["diagnostics"][0]["code"], "consent.end-missing");
    assert_eq!(consent["diagnostics"][0]["pointer"], "/period/end");
    assert!(consent["diagnostics"][0]["message"]["ja"].is_string());
    assert!(consent["diagnostics"][0]["message"]["en"].is_string());
}

#[test]
fn messages_are_japanese_by_default_and_english_on_request() {
    let fixture = "tests/fixtures/instruction-no-care.json";
    tsunagu().args(["validate", fixture]).assert().code(1).stdout(contains("医療的ケアが一つも書かれていません"));
    tsunagu()
        .args(["validate", "--lang", "en", fixture])
        .assert()
        .code(1)
        .stdout(contains("no care item is filled in"));
}

#[test]
fn a_directory_run_reports_every_file() {
    let output = tsunagu().args(["validate", "--format", "json", "tests/fixtures"]).assert().code(1);
    let stdout = String::from_utf8_lossy(&output.get_output().stdout).into_owned();
    let fixtures = std::fs::read_dir(root().join("tests/fixtures"))
        .expect("dir")
        .filter(|e| e.as_ref().expect("entry").file_name().to_string_lossy().ends_with(".json"))
        .count();
    assert_eq!(stdout.lines().count(), fixtures, "{stdout}");
}

#[test]
fn unreadable_input_exits_2_and_names_the_file() {
    tsunagu().args(["validate", "no/such/file.json"]).assert().code(2).stdout(contains("no/such/file.json"));
}

#[test]
fn usage_errors_exit_2() {
    tsunagu().args(["validate"]).assert().code(2);
    tsunagu().args(["validate", "--format", "yaml", "examples/"]).assert().code(2);
}

#[test]
fn standard_input_is_read_with_dash() {
    let bytes = std::fs::read(root().join("examples/consent-five-departments.json")).expect("example");
    tsunagu().args(["validate", "-"]).write_stdin(bytes).assert().code(0).stdout(contains("<stdin>"));
    tsunagu().args(["validate", "-"]).write_stdin("{not json").assert().code(1).stdout(contains("document.not-json"));
}

#[test]
fn a_too_large_file_is_refused_by_name() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("huge.json");
    std::fs::write(&path, vec![b' '; 3 * 1024 * 1024]).expect("write");
    tsunagu()
        .args(["validate", "--lang", "en"])
        .arg(&path)
        .assert()
        .code(1)
        .stdout(contains("huge.json").and(contains("document.too-large")));
}

#[test]
fn a_document_of_the_wrong_kind_is_refused_when_a_kind_is_asked_for() {
    tsunagu()
        .args(["validate", "--kind", "instruction", "examples/consent-five-departments.json"])
        .assert()
        .code(1)
        .stdout(contains("document.kind-mismatch"));
}

#[test]
fn reports_do_not_echo_patient_values() {
    let output = tsunagu().args(["validate", "--format", "json", "tests/fixtures"]).assert().code(1);
    let stdout = String::from_utf8_lossy(&output.get_output().stdout).into_owned();
    for secret in ["髙橋", "陽葵", "090-0000", "ひーちゃん"] {
        assert!(!stdout.contains(secret), "report leaks {secret}");
    }
}

#[test]
fn no_format_prints_a_value_unless_asked() {
    // Invalid values in several kinds of field: a pattern, an enum, a date, a type.
    let mut document: serde_json::Value = serde_json::from_slice(
        &std::fs::read(crate::root().join("examples/instruction-diabetes-nursery.json")).expect("read"),
    )
    .expect("json");
    document["child"]["guardians"][0]["phone"] = "SECRET-PHONE".into();
    document["child"]["sex"] = "SECRET-SEX".into();
    document["issueDate"] = "SECRET-DATE".into();
    document["child"]["weight"]["value"] = "SECRET-WEIGHT".into();
    document["child"]["name"]["given"] = "SECRET\u{202E}NAME".into();
    let dir = tempfile::tempdir().expect("tempdir");
    let file = dir.path().join("secret.json");
    std::fs::write(&file, serde_json::to_vec(&document).expect("json")).expect("write");
    for format in ["human", "json", "junit", "sarif", "github"] {
        for lang in ["ja", "en"] {
            let output =
                tsunagu().args(["validate", "--format", format, "--lang", lang]).arg(&file).output().expect("run");
            assert_eq!(output.status.code(), Some(1));
            let printed = [output.stdout, output.stderr].concat();
            assert!(!String::from_utf8_lossy(&printed).contains("SECRET"), "{format}/{lang} prints a value");
        }
    }
    let output = tsunagu().args(["validate", "--format", "json", "--show-values"]).arg(&file).output().expect("run");
    let report: serde_json::Value = serde_json::from_slice(&output.stdout).expect("json");
    let values: Vec<&str> =
        report["diagnostics"].as_array().expect("diagnostics").iter().filter_map(|d| d["value"].as_str()).collect();
    for secret in ["SECRET-PHONE", "SECRET-SEX", "SECRET-DATE", "SECRET-WEIGHT"] {
        assert!(values.iter().any(|v| v.contains(secret)), "{secret} not shown: {values:?}");
    }
    let human = tsunagu().args(["validate", "--show-values", "--lang", "en"]).arg(&file).output().expect("run");
    assert!(String::from_utf8_lossy(&human.stdout).contains("value: \"SECRET-PHONE\""));

    // A document that passes the schema, so the rules (here the character rule) report.
    let mut document: serde_json::Value = serde_json::from_slice(
        &std::fs::read(crate::root().join("examples/instruction-diabetes-nursery.json")).expect("read"),
    )
    .expect("json");
    document["child"]["name"]["given"] = "SECRET\u{202E}NAME".into();
    std::fs::write(&file, serde_json::to_vec(&document).expect("json")).expect("write");
    for format in ["human", "json", "junit", "sarif", "github"] {
        let output = tsunagu().args(["validate", "--format", format]).arg(&file).output().expect("run");
        let printed = String::from_utf8_lossy(&[output.stdout, output.stderr].concat()).into_owned();
        assert!(printed.contains("text.forbidden-character") && !printed.contains("SECRET"), "{format}: {printed}");
    }
    // Shown on request, with the override spelled out rather than reordering the terminal.
    let output = tsunagu().args(["validate", "--format", "json", "--show-values"]).arg(&file).output().expect("run");
    let printed = String::from_utf8_lossy(&output.stdout).into_owned();
    assert!(printed.contains(r"SECRET\\u{202E}NAME") && !printed.contains('\u{202E}'), "{printed}");
}
