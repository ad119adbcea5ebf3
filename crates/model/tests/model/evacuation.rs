//! Issue 19: the evacuation plan's hours are computed, its warnings raised, and its
//! supplies follow from the instruction sheet.

use tsunagu_model::{Code, Document, EvacuationPlan, InstructionSheet, SupplyLine, supplies, validate};

use crate::root;

fn read(name: &str) -> Document {
    let bytes = std::fs::read(root().join(name)).expect("read");
    let report = validate(&bytes);
    assert!(report.is_valid(), "{name}: {:#?}", report.diagnostics);
    report.document.expect("document")
}

fn plan() -> EvacuationPlan {
    match read("examples/evacuation-tracheostomy-ventilator.json") {
        Document::Evacuation(plan) => *plan,
        other => panic!("{other:?}"),
    }
}

fn sheet() -> InstructionSheet {
    match read("examples/instruction-tracheostomy-ventilator.json") {
        Document::Instruction(sheet) => *sheet,
        other => panic!("{other:?}"),
    }
}

fn close(a: f64, b: f64) -> bool {
    (a - b).abs() < 1e-9
}

#[test]
fn the_example_plans_hours_match_a_hand_calculation() {
    let power = plan().power();
    // By hand: a 2000 Wh power station at 0.85 (AC, the default) and a car giving 2250 Wh
    // at the plan's 0.80: 1700 + 1800 = 3500 Wh, for 15 + 30 + 55 + 40 = 140 W measured.
    assert!(close(power.backup_wh, 3500.0), "{}", power.backup_wh);
    assert!(close(power.total_watts, 140.0));
    assert!(close(power.backup_hours.expect("backup"), 3500.0 / 140.0)); // 25 h
    // The cough assist and the humidifier have no battery: they are the first to need the backup.
    assert!(close(power.total_hours.expect("total"), 25.0));
    let by_device: Vec<(f64, f64)> = power.devices.iter().map(|d| (d.battery_hours, d.total_hours)).collect();
    assert_eq!(by_device, [(9.0, 34.0), (0.0, 25.0), (0.0, 25.0), (1.0, 26.0)]);
    // The ventilator alone on the backup: 3500 / 15 W.
    assert!(close(power.devices[0].backup_alone_hours.expect("alone"), 3500.0 / 15.0));
    assert_eq!(power.target_hours, Some(24.0));
}

fn amounts(lines: &[SupplyLine], item: &str) -> Vec<Option<f64>> {
    lines
        .iter()
        .find(|l| l.item.ja.starts_with(item))
        .unwrap_or_else(|| panic!("no {item}: {lines:#?}"))
        .amounts
        .clone()
}

#[test]
fn three_days_of_supplies_follow_from_the_tracheostomy_sheet() {
    let lines = supplies(&sheet(), plan().supplies.as_ref());
    // Days 1, 3 and 14. Feeds: 200 ml at 07:00, 12:00, 15:30 and 19:00 = 800 ml a day, in 200 ml packs.
    assert_eq!(amounts(&lines, "栄養剤 "), [Some(800.0), Some(2400.0), Some(11200.0)]);
    assert_eq!(amounts(&lines, "栄養剤のパック"), [Some(4.0), Some(12.0), Some(56.0)]);
    // Oxygen 0.5 L/min all day = 720 L a day; 500 L cylinders, rounded up.
    assert_eq!(amounts(&lines, "酸素"), [Some(720.0), Some(2160.0), Some(10080.0)]);
    assert_eq!(amounts(&lines, "酸素ボンベ"), [Some(2.0), Some(5.0), Some(21.0)]);
    // The plan says 12 suctions a day: a catheter each.
    assert_eq!(amounts(&lines, "吸引カテーテル"), [Some(12.0), Some(36.0), Some(168.0)]);
    // Packed once whatever the days.
    assert_eq!(amounts(&lines, "予備の気管カニューレ 同サイズ"), [Some(1.0); 3]);
    assert_eq!(amounts(&lines, "蘇生バッグ"), [Some(1.0); 3]);
    // Without the plan's count, the catheters are not guessed.
    let unknown = supplies(&sheet(), None);
    assert_eq!(amounts(&unknown, "吸引カテーテル"), [None, None, None]);
    assert!(unknown.iter().any(|l| l.note.en.contains("suctionsPerDay")));
}

#[test]
fn each_power_warning_has_its_fixture() {
    let bytes = std::fs::read(root().join("tests/fixtures/evacuation-power-warns.json")).expect("fixture");
    let codes: Vec<Code> = validate(&bytes).diagnostics.iter().map(|d| d.code).collect();
    for code in [
        Code::EvacuationHoursBelowTarget,
        Code::EvacuationBackupUnderRated,
        Code::EvacuationNotPureSine,
        Code::EvacuationBatteryOld,
        Code::EvacuationElectricityMissing,
        Code::VendorMissing,
    ] {
        assert!(codes.contains(&code), "{code} not raised: {codes:?}");
    }
}
