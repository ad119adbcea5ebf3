//! Issue 19: the evacuation plan through the command line: printed for the day, the
//! city's disaster view, and the checks against the child's other documents.

use std::path::Path;

use serde_json::{Value, json};

use crate::{pdftotext, root, tsunagu};

const PLAN: &str = "examples/evacuation-tracheostomy-ventilator.json";
const SHEET: &str = "examples/instruction-tracheostomy-ventilator.json";
const CONSENT: &str = "examples/consent-five-departments.json";

fn read(path: &Path) -> Value {
    serde_json::from_slice(&std::fs::read(path).expect("read")).expect("json")
}

fn write(path: &Path, value: &Value) {
    std::fs::write(path, serde_json::to_vec_pretty(value).expect("json")).expect("write");
}

fn pages(pdf: &Path) -> Option<usize> {
    let output = std::process::Command::new("pdfinfo").arg(pdf).output().ok()?;
    let text = String::from_utf8_lossy(&output.stdout).into_owned();
    text.lines().find_map(|l| l.strip_prefix("Pages:").and_then(|n| n.trim().parse().ok()))
}

#[test]
fn the_plan_prints_its_hours_and_what_to_pack_and_the_card_fits_one_page() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (plan_pdf, card_pdf) = (dir.path().join("plan.pdf"), dir.path().join("card.pdf"));
    tsunagu().args(["render", PLAN, "--sheet", SHEET, "-o"]).arg(&plan_pdf).assert().code(0);
    tsunagu().args(["render", PLAN, "--card", "-o"]).arg(&card_pdf).assert().code(0);
    if let Some(text) = pdftotext(&plan_pdf) {
        let text: String = text.split_whitespace().collect();
        assert!(text.contains("停電のとき電源が続く時間:約25時間"), "{text}");
        assert!(text.contains("吸引カテーテル本123616"), "three days of catheters: {text}");
    }
    if let Some(text) = pdftotext(&card_pdf) {
        let text: String = text.split_whitespace().collect();
        assert!(text.contains("緊急時カード") && text.contains("119") && text.contains("約25時間"), "{text}");
    }
    if let Some(n) = pages(&card_pdf) {
        assert_eq!(n, 1, "the emergency card is one page");
    }
    // Both carry the plan's JSON.
    for pdf in [&plan_pdf, &card_pdf] {
        tsunagu().args(["verify"]).arg(pdf).assert().code(0);
    }
    // A card is an evacuation plan's only; a sheet for supplies must be a sheet.
    tsunagu().args(["render", SHEET, "--card", "-o"]).arg(dir.path().join("x.pdf")).assert().code(2);
    tsunagu().args(["render", PLAN, "--sheet", CONSENT, "-o"]).arg(dir.path().join("y.pdf")).assert().code(2);
    // Without -o the card lands beside the plan's PDF, not over it.
    let copy = dir.path().join("plan.json");
    std::fs::copy(root().join(PLAN), &copy).expect("copy");
    tsunagu().args(["render", "--card"]).arg(&copy).assert().code(0);
    assert!(dir.path().join("plan-card.pdf").is_file() && plan_pdf.is_file());
}

/// Three children with plans of 5, 25 and 50 hours, one whose consent does not name the
/// disaster-prevention division, and one on a ventilator without a plan.
fn disaster_folder() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("tempdir");
    let plan = read(&root().join(PLAN));
    let consent = read(&root().join(CONSENT));
    let sheet = read(&root().join(SHEET));
    let children = [
        ("青木", "あおき", "B1", Some(1500.0)),
        ("井上", "いのうえ", "B2", Some(50.0)),
        ("上田", "うえだ", "B3", Some(4500.0)),
        ("江藤", "えとう", "B4", None),
    ];
    for (n, (family, reading, number, capacity)) in (1u32..).zip(children) {
        let id = |k: u32| format!("00000000-0000-4000-8000-{:012}", n * 10 + k);
        let identify = |doc: &mut Value| {
            doc["child"]["name"]["family"] = family.into();
            doc["child"]["name"]["familyReading"] = reading.into();
            doc["child"]["identifiers"] = json!([{ "system": "jp.lg.tsunagu.atena", "value": number }]);
        };
        let mut c = consent.clone();
        identify(&mut c);
        c["id"] = id(1).into();
        if family == "上田" {
            c["recipients"] = json!([{ "kind": "disabilityWelfare" }]);
        }
        write(&dir.path().join(format!("{number}-consent.json")), &c);
        let mut s = sheet.clone();
        identify(&mut s);
        s["id"] = id(2).into();
        write(&dir.path().join(format!("{number}-instruction.json")), &s);
        if let Some(capacity) = capacity {
            let mut p = plan.clone();
            identify(&mut p);
            p["id"] = id(3).into();
            p["consent"] = id(1).into();
            p["backupPower"] = json!([{ "kind": "battery", "name": "蓄電池", "capacity": { "value": capacity, "unit": "Wh" },
                "ratedOutput": { "value": 1500, "unit": "W" }, "pureSineWave": true, "output": "dc", "efficiency": 0.92 }]);
            if family == "上田" {
                p["sharedWith"] = json!([]);
            }
            write(&dir.path().join(format!("{number}-evacuation.json")), &p);
        }
    }
    dir
}

#[test]
fn the_disaster_view_orders_by_hours_and_keeps_to_the_consent() {
    let dir = disaster_folder();
    let list = |extra: &[&str]| -> Value {
        let output = tsunagu()
            .args(["roster", "--disaster", "--format", "json", "--as-of", "2026-10-01"])
            .args(extra)
            .arg(dir.path())
            .output()
            .expect("run");
        assert_eq!(output.status.code(), Some(0), "{}", String::from_utf8_lossy(&output.stderr));
        serde_json::from_slice(&output.stdout).expect("json")
    };
    let rows = |v: &Value| -> Vec<(String, Option<f64>)> {
        v["rows"]
            .as_array()
            .expect("rows")
            .iter()
            .map(|r| (r["name"]["family"].as_str().expect("name").to_owned(), r["totalHours"].as_f64()))
            .collect()
    };
    // By hand: the smallest battery is the humidifier's 0 h, so the total is the backup:
    // capacity × 0.92 ÷ 140 W. 50 Wh → 0.33 h, 1500 Wh → 9.86 h, 4500 Wh → 29.6 h.
    let all = rows(&list(&[]));
    let names: Vec<&str> = all.iter().map(|(n, _)| n.as_str()).collect();
    assert_eq!(names, ["江藤", "井上", "青木", "上田"], "no plan first, then the shortest hours");
    assert_eq!(all[0].1, None);
    for ((_, hours), expected) in all[1..].iter().zip([50.0, 1500.0, 4500.0]) {
        assert!((hours.expect("hours") - expected * 0.92 / 140.0).abs() < 1e-9);
    }
    // The disaster-prevention division sees only children whose consent names it.
    let board = list(&["--for", "disasterPrevention"]);
    let names: Vec<String> = rows(&board).into_iter().map(|(n, _)| n).collect();
    assert_eq!(names, ["江藤", "井上", "青木"]);
    assert_eq!(board["leftOut"], 1);
}

#[test]
fn validate_folder_finds_a_missing_ventilator_and_sharing_outside_the_consent() {
    let dir = tempfile::tempdir().expect("tempdir");
    for name in [PLAN, SHEET, CONSENT] {
        std::fs::copy(root().join(name), dir.path().join(Path::new(name).file_name().expect("name"))).expect("copy");
    }
    let run = || {
        let output = tsunagu().args(["--lang", "en", "validate"]).arg(dir.path()).output().expect("run");
        (output.status.code(), String::from_utf8_lossy(&output.stdout).into_owned())
    };
    let (code, out) = run();
    assert_eq!(code, Some(0), "{out}");
    assert!(!out.contains("evacuation.device-missing"), "{out}");
    let plan_path = dir.path().join("evacuation-tracheostomy-ventilator.json");
    let mut plan = read(&plan_path);
    plan["devices"].as_array_mut().expect("devices").remove(0);
    plan["sharedWith"] = json!(["disasterPrevention", "socialWelfareCouncil"]);
    write(&plan_path, &plan);
    let (code, out) = run();
    assert_eq!(code, Some(1));
    assert!(out.contains("warning [evacuation.device-missing] /devices"), "{out}");
    assert!(out.contains("instruction-tracheostomy-ventilator.json"), "names the sheet: {out}");
    assert!(out.contains("error [evacuation.outside-consent] /sharedWith/1"), "{out}");
    assert!(out.contains("does not name Social welfare council"), "{out}");
}

#[test]
fn supplies_prints_three_days_from_the_sheet() {
    let output = tsunagu().args(["--lang", "en", "supplies", SHEET, "--plan", PLAN]).output().expect("run");
    assert_eq!(output.status.code(), Some(0));
    let text = String::from_utf8_lossy(&output.stdout);
    assert!(text.contains("Suction catheters: 12 / 36 / 168 pcs"), "{text}");
    assert!(text.contains("Oxygen cylinders: 2 / 5 / 21 cylinders"), "{text}");
}
