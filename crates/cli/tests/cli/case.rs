//! Issue 17: the list of children, due dates and changes, from a folder of documents.

use std::path::Path;
use std::process::Command as Process;

use serde_json::{Value, json};

use crate::{root, tsunagu};

fn example(name: &str) -> Value {
    let text = std::fs::read_to_string(root().join("examples").join(name)).expect("example");
    serde_json::from_str(&text).expect("json")
}

fn write(dir: &Path, name: &str, document: &Value) {
    std::fs::write(dir.join(name), serde_json::to_vec_pretty(document).expect("json")).expect("write");
}

/// A child as the documents name them: family name, reading, date of birth, resident number.
fn as_child(document: &mut Value, family: &str, reading: &str, birth: &str, number: &str) {
    let child = &mut document["child"];
    child["name"]["family"] = family.into();
    child["name"]["familyReading"] = reading.into();
    child["birthDate"] = birth.into();
    child["identifiers"] = json!([{ "system": "jp.lg.tsunagu.atena", "value": number }]);
}

fn uuid(n: u32) -> String {
    format!("00000000-0000-4000-8000-{n:012}")
}

/// Five children, as of 2026-10-01, and who the board of education (schoolAffairs) may see:
/// 青木 (valid consent naming it), 井上 (consent revoked), 上田 (consent expired),
/// 江藤 (valid consent that names only childcare) and 岡田 (no consent at all).
fn consent_folder() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("tempdir");
    let children = [
        ("青木", "あおき", "A1"),
        ("井上", "いのうえ", "A2"),
        ("上田", "うえだ", "A3"),
        ("江藤", "えとう", "A4"),
        ("岡田", "おかだ", "A5"),
    ];
    for (n, (family, reading, number)) in (1..).zip(children) {
        let mut sheet = example("instruction-tracheostomy-ventilator.json");
        sheet["id"] = uuid(n).into();
        as_child(&mut sheet, family, reading, "2017-06-15", number);
        write(dir.path(), &format!("{number}-instruction.json"), &sheet);
        if family == "岡田" {
            continue;
        }
        let mut consent = example("consent-five-departments.json");
        consent["id"] = uuid(100 + n).into();
        as_child(&mut consent, family, reading, "2017-06-15", number);
        match family {
            "井上" => consent["revocation"]["revokedOn"] = "2026-07-01".into(),
            "上田" => consent["period"] = json!({ "start": "2026-04-10", "until": "fixedDate", "end": "2026-09-30" }),
            "江藤" => consent["recipients"] = json!([{ "kind": "childcare" }]),
            _ => {}
        }
        write(dir.path(), &format!("{number}-consent.json"), &consent);
    }
    dir
}

fn roster_json(dir: &Path, extra: &[&str]) -> (Value, String) {
    let as_of = if extra.contains(&"--as-of") { &[][..] } else { &["--as-of", "2026-10-01"][..] };
    let output = tsunagu().args(["roster", "--format", "json"]).args(as_of).args(extra).arg(dir).output().expect("run");
    assert_eq!(output.status.code(), Some(0), "{}", String::from_utf8_lossy(&output.stderr));
    (serde_json::from_slice(&output.stdout).expect("json"), String::from_utf8_lossy(&output.stderr).into_owned())
}

fn families(roster: &Value) -> Vec<String> {
    roster["rows"]
        .as_array()
        .expect("rows")
        .iter()
        .map(|r| r["name"]["family"].as_str().expect("name").to_owned())
        .collect()
}

#[test]
fn for_a_department_only_children_whose_valid_consent_names_it_are_listed() {
    let dir = consent_folder();
    let (all, _) = roster_json(dir.path(), &[]);
    assert_eq!(families(&all), ["青木", "井上", "上田", "江藤", "岡田"], "the keeping division sees every child");
    let states: Vec<&str> =
        all["rows"].as_array().expect("rows").iter().map(|r| r["consent"].as_str().expect("state")).collect();
    assert_eq!(states, ["valid", "revoked", "expired", "valid", "none"]);

    let (board, note) = roster_json(dir.path(), &["--for", "schoolAffairs"]);
    assert_eq!(families(&board), ["青木"], "revoked, expired, other department and no consent are left out");
    assert_eq!(board["leftOut"], 4);
    assert!(note.contains("4 人は含めていません"), "{note}");
    for left_out in ["井上", "上田", "江藤", "岡田"] {
        assert!(!note.contains(left_out), "the note counts, never names");
    }
    // The other way round: childcare is named only by 江藤's consent.
    let (childcare, _) = roster_json(dir.path(), &["--for", "childcare"]);
    assert_eq!(families(&childcare), ["江藤"], "the five-department consent does not name childcare");
    // Before 井上's consent was revoked, the board saw them too.
    let (earlier, _) = roster_json(dir.path(), &["--for", "schoolAffairs", "--as-of", "2026-06-30"]);
    assert_eq!(families(&earlier), ["青木", "井上", "上田"]);
}

#[test]
fn an_unknown_department_is_refused_with_the_choices() {
    let dir = consent_folder();
    tsunagu()
        .args(["roster", "--format", "json", "--for", "everyone"])
        .arg(dir.path())
        .assert()
        .code(2)
        .stderr(predicates::str::contains("schoolAffairs"));
}

fn sample_folder() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("tempdir");
    tsunagu().args(["sample", "--case-folder", "30", "--around", "2026-10-01", "-o"]).arg(dir.path()).assert().code(0);
    dir
}

#[test]
fn the_sample_folder_validates_across_documents() {
    let dir = sample_folder();
    let output = tsunagu().args(["validate", "--format", "json"]).arg(dir.path()).output().expect("run");
    assert_eq!(output.status.code(), Some(0), "{}", String::from_utf8_lossy(&output.stdout));
}

#[test]
fn the_roster_workbook_reads_back_in_openpyxl_and_the_csv_has_its_bom() {
    let dir = sample_folder();
    let out = tempfile::tempdir().expect("tempdir");
    let (book, csv, pdf) =
        (out.path().join("roster.xlsx"), out.path().join("roster.csv"), out.path().join("roster.pdf"));
    for file in [&book, &csv, &pdf] {
        tsunagu().args(["roster", "--as-of", "2026-10-01", "-o"]).arg(file).arg(dir.path()).assert().code(0);
    }
    let (list, _) = roster_json(dir.path(), &[]);
    let rows = list["rows"].as_array().expect("rows");
    assert_eq!(rows.len(), 30, "one row per child");

    let text = std::fs::read(&csv).expect("csv");
    assert!(text.starts_with(b"\xEF\xBB\xBF"), "UTF-8 BOM for Excel");
    let text = String::from_utf8(text).expect("utf-8");
    assert_eq!(text.lines().count(), 31, "a header and a line per child");
    assert!(text.lines().next().expect("header").contains("氏名,ふりがな,生年月日"));

    let pdf_bytes = std::fs::read(&pdf).expect("pdf");
    assert!(pdf_bytes.starts_with(b"%PDF-"));
    if let Some(text) = crate::pdftotext(&pdf) {
        assert!(text.contains("医療的ケア児一覧"), "{text}");
    }

    // openpyxl: the header row, one row per child, the names in the order of the JSON list.
    let script = r#"
import json, sys
from openpyxl import load_workbook
sheet = load_workbook(sys.argv[1]).active
rows = list(sheet.iter_rows(values_only=True))
print(json.dumps({"title": sheet.title, "filter": sheet.auto_filter.ref, "frozen": sheet.freeze_panes,
                  "header": rows[0], "names": [r[0] for r in rows[1:] if r[0] and r[2]],
                  "scores": [r[6] for r in rows[1:] if r[2]]}, ensure_ascii=False, default=str))
"#;
    let Some(read) = python(script, &book) else { return };
    assert_eq!(read["title"], "医療的ケア児一覧");
    assert_eq!(read["frozen"], "B2", "the header row and the name column stay in view");
    assert!(read["filter"].as_str().is_some_and(|f| f.starts_with("A1:")), "filters on the header row");
    assert_eq!(read["header"][0], "氏名");
    let names: Vec<String> = rows
        .iter()
        .map(|r| {
            format!("{} {}", r["name"]["family"].as_str().unwrap_or(""), r["name"]["given"].as_str().unwrap_or(""))
        })
        .collect();
    assert_eq!(read["names"], json!(names));
    // Scores are numbers the city can sort, or empty where no assessment exists.
    for (score, row) in read["scores"].as_array().expect("scores").iter().zip(rows) {
        assert_eq!(score.as_f64(), row["score"].as_f64(), "{row}");
    }
}

/// Runs a Python script with `openpyxl`, or `None` (after a note) where it is missing.
fn python(script: &str, file: &Path) -> Option<Value> {
    let available = Process::new("python3").args(["-c", "import openpyxl"]).output().is_ok_and(|o| o.status.success());
    if !available {
        assert!(std::env::var_os("TSUNAGU_REQUIRE_TOOLS").is_none(), "openpyxl is required here but not installed");
        eprintln!("note: openpyxl not installed; the workbook read-back is skipped (pip install openpyxl)");
        return None;
    }
    let output = Process::new("python3").args(["-c", script]).arg(file).output().expect("python3");
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    Some(serde_json::from_slice(&output.stdout).expect("json"))
}

#[test]
fn due_lists_what_lapses_and_exits_1_when_something_is_overdue() {
    let dir = consent_folder();
    // 上田's consent ended on 2026-09-30: overdue on 2026-10-01.
    let output =
        tsunagu().args(["due", "--as-of", "2026-10-01", "--format", "json"]).arg(dir.path()).output().expect("run");
    assert_eq!(output.status.code(), Some(1));
    let items: Vec<Value> =
        String::from_utf8_lossy(&output.stdout).lines().map(|l| serde_json::from_str(l).expect("json line")).collect();
    let overdue: Vec<(&str, &str)> = items
        .iter()
        .filter(|i| i["overdue"] == true)
        .map(|i| (i["due"].as_str().expect("due"), i["name"]["family"].as_str().expect("name")))
        .collect();
    assert_eq!(overdue, [("consentEnds", "上田")]);
    // Every sheet ends 2027-03-31: within 200 days, not within 30.
    let ends = |within: &str| {
        let output = tsunagu()
            .args(["due", "--as-of", "2026-10-01", "--format", "json", "--within", within])
            .arg(dir.path())
            .output();
        let stdout = output.expect("run").stdout;
        String::from_utf8_lossy(&stdout).matches("\"instructionEnds\"").count()
    };
    assert_eq!((ends("30"), ends("200")), (0, 5));

    // JUnit for a CI dashboard: one failure, files named, children never.
    let junit =
        tsunagu().args(["due", "--as-of", "2026-10-01", "--format", "junit"]).arg(dir.path()).output().expect("run");
    let junit = String::from_utf8_lossy(&junit.stdout);
    assert!(junit.contains(r#"failures="1""#) && junit.contains("A3-consent.json"), "{junit}");
    for family in ["青木", "井上", "上田", "江藤", "岡田"] {
        assert!(!junit.contains(family), "JUnit names no child");
    }
    // Nothing overdue a day earlier: exit 0.
    tsunagu().args(["due", "--as-of", "2026-09-29"]).arg(dir.path()).assert().code(0);
}

#[test]
fn school_entry_is_prompted_only_where_the_consent_covers_the_board() {
    let dir = consent_folder();
    // Born 2017-06-15: entered school 2024-04-01. Make 青木 and 江藤 start in 2027.
    for number in ["A1", "A4"] {
        for kind in ["instruction", "consent"] {
            let path = dir.path().join(format!("{number}-{kind}.json"));
            let mut document: Value = serde_json::from_slice(&std::fs::read(&path).expect("read")).expect("json");
            document["child"]["birthDate"] = "2020-06-15".into();
            if kind == "instruction" {
                document["child"]["weight"]["measuredOn"] = "2026-03-10".into();
            }
            write(dir.path(), &format!("{number}-{kind}.json"), &document);
        }
    }
    let output =
        tsunagu().args(["due", "--as-of", "2026-10-01", "--format", "json"]).arg(dir.path()).output().expect("run");
    let stdout = String::from_utf8_lossy(&output.stdout);
    let prompted: Vec<&str> = stdout
        .lines()
        .filter(|l| l.contains("schoolEntryHandOver"))
        .map(|l| if l.contains("青木") { "青木" } else { "other" })
        .collect();
    assert_eq!(prompted, ["青木"], "江藤's consent does not name the board: {stdout}");
}

#[test]
fn validate_folder_reports_overlapping_sheets_naming_both_files() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut first = example("instruction-tracheostomy-ventilator.json");
    first["id"] = uuid(1).into();
    let mut second = first.clone();
    second["id"] = uuid(2).into();
    second["period"]["start"] = "2026-10-01".into();
    second["issueDate"] = "2026-09-20".into();
    second["issuer"]["signature"]["date"] = "2026-09-20".into();
    write(dir.path(), "old.json", &first);
    write(dir.path(), "new.json", &second);
    let output = tsunagu().args(["--lang", "en", "validate"]).arg(dir.path()).output().expect("run");
    assert_eq!(output.status.code(), Some(1));
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert_eq!(stdout.matches("case.overlapping-instructions").count(), 2, "{stdout}");
    assert!(stdout.contains("old.json") && stdout.contains("new.json"));

    // Naming the earlier sheet in `supersedes` resolves it; naming a missing one is reported.
    second["supersedes"] = uuid(1).into();
    write(dir.path(), "new.json", &second);
    tsunagu().args(["validate"]).arg(dir.path()).assert().code(0);
    second["supersedes"] = uuid(9).into();
    write(dir.path(), "new.json", &second);
    let output = tsunagu().args(["--lang", "en", "validate"]).arg(dir.path()).output().expect("run");
    assert!(String::from_utf8_lossy(&output.stdout).contains("case.supersedes-unknown"));
}

#[test]
fn diff_of_two_tracheostomy_sheets_lists_each_changed_parameter() {
    let old = "tests/documents/instruction-tracheostomy-ventilator-2025.json";
    let new = "examples/instruction-tracheostomy-ventilator.json";
    for lang in ["ja", "en"] {
        let output = tsunagu().args(["--lang", lang, "diff", old, new]).output().expect("run");
        assert_eq!(output.status.code(), Some(0));
        let text = String::from_utf8_lossy(&output.stdout).into_owned();
        insta::assert_snapshot!(format!("diff-tracheostomy-{lang}"), text);
    }
    let output = tsunagu().args(["diff", "--format", "json", old, new]).output().expect("run");
    let changes: Vec<Value> = serde_json::from_slice(&output.stdout).expect("json");
    let pointers: Vec<&str> = changes.iter().map(|c| c["pointer"].as_str().expect("pointer")).collect();
    for changed in [
        "/care/ventilator/devices/0/rate",
        "/care/ventilator/devices/0/peep",
        "/care/ventilator/devices/0/oxygenFlow",
        "/care/tracheostomy/cannula/innerDiameter",
        "/care/suction/oral/pressure",
        "/care/oxygen",
        "/child/weight",
        "/period/start",
    ] {
        assert!(pointers.contains(&changed), "{changed} not listed: {pointers:?}");
    }
    let pressure = changes.iter().find(|c| c["pointer"] == "/care/suction/oral/pressure").expect("pressure");
    assert_eq!(
        (pressure["old"].as_str(), pressure["new"].as_str()),
        (Some("15 kPa (113 mmHg)"), Some("20 kPa (150 mmHg)"))
    );
    // Documents of different kinds are not compared.
    tsunagu().args(["diff", old, "examples/consent-five-departments.json"]).assert().code(2);
}

#[test]
fn render_changes_from_prints_the_changes_on_the_sheet() {
    let out = tempfile::tempdir().expect("tempdir");
    let pdf = out.path().join("sheet.pdf");
    tsunagu()
        .args(["render", "examples/instruction-tracheostomy-ventilator.json", "--changes-from"])
        .arg("tests/documents/instruction-tracheostomy-ventilator-2025.json")
        .arg("-o")
        .arg(&pdf)
        .assert()
        .code(0);
    if let Some(text) = crate::pdftotext(&pdf) {
        let text: String = text.split_whitespace().collect();
        assert!(text.contains("変更点(前の版から)") && text.contains("15kPa(113mmHg)→20kPa(150mmHg)"), "{text}");
    }
}
