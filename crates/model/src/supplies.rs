//! What to pack for a disaster, derived from the instruction sheet: feeds, oxygen,
//! catheters, insulin, the spare cannula and so on, for 1, 3 and 14 days (the carry-out
//! bag holds 3 days; staying at home needs 14). Counts the sheet cannot give (how often
//! suction is needed) come from the evacuation plan; where neither says, the line says
//! what is missing instead of guessing.

use serde::Serialize;

use crate::care::{CareItems, SuctionSite};
use crate::diagnostic::Message;
use crate::documents::{InstructionSheet, SupplySettings};
use crate::quantity::Quantity;
use crate::vocab::Vocabulary;

/// The days the supplies are reckoned for.
pub const SUPPLY_DAYS: [u32; 3] = [1, 3, 14];
/// Oxygen in one cylinder when the plan does not say (a 500 L portable cylinder).
pub const DEFAULT_CYLINDER_LITRES: f64 = 500.0;
/// Hours at the sleeping oxygen flow when the plan does not say.
pub const DEFAULT_SLEEP_HOURS: f64 = 8.0;

/// One thing to pack.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct SupplyLine {
    pub item: Message,
    pub unit: Message,
    /// How much a day, where it is used daily.
    pub per_day: Option<f64>,
    /// How much for each of [`SUPPLY_DAYS`] (the same for a thing packed once).
    pub amounts: Vec<Option<f64>>,
    /// How it was reckoned, or what is missing.
    pub note: Message,
}

fn daily(item: Message, unit: Message, per_day: Option<f64>, note: Message, round_up: bool) -> SupplyLine {
    let amounts = SUPPLY_DAYS
        .iter()
        .map(|&days| per_day.map(|p| if round_up { (p * f64::from(days)).ceil() } else { p * f64::from(days) }))
        .collect();
    SupplyLine { item, unit, per_day, amounts, note }
}

fn once(item: Message, unit: Message, count: f64, note: Message) -> SupplyLine {
    SupplyLine { item, unit, per_day: None, amounts: vec![Some(count); SUPPLY_DAYS.len()], note }
}

fn pieces() -> Message {
    Message::fixed("個", "pcs")
}

fn number(value: f64) -> String {
    crate::documents::print_number(value)
}

/// The supplies for the care on `sheet`, with the plan's counts where the sheet has none.
pub fn supplies(sheet: &InstructionSheet, settings: Option<&SupplySettings>) -> Vec<SupplyLine> {
    let care: &CareItems = &sheet.care;
    let mut out = Vec::new();
    if let Some(feeding) = &care.tube_feeding {
        let feeds = feeding.timing.as_ref().map(|t| t.times.len()).filter(|&n| n > 0);
        let feeds_f = feeds.and_then(|n| u32::try_from(n).ok()).map(f64::from);
        let per_day = feeding.volume.map(Quantity::value).zip(feeds_f).map(|(v, n)| v * n);
        let product = feeding.nutrient.clone().unwrap_or_default();
        let note = match (feeds, feeding.volume) {
            (Some(n), Some(v)) => Message::new(
                format!("1回 {} ml × 1日 {n} 回", number(v.value())),
                format!("{} ml a feed × {n} a day", number(v.value())),
            ),
            _ => Message::fixed(
                "指示書に1回量と定時の時刻がありません",
                "the sheet gives no volume per feed or no scheduled times",
            ),
        };
        out.push(daily(
            Message::new(format!("栄養剤 {product}").trim().to_owned(), format!("Feed {product}").trim().to_owned()),
            Message::fixed("ml", "ml"),
            per_day,
            note,
            false,
        ));
        if let (Some(per_day), Some(pack)) = (per_day, settings.and_then(|s| s.feed_pack)) {
            let pack = pack.value();
            if pack > 0.0 {
                out.push(daily(
                    Message::fixed("栄養剤のパック", "Packs of feed"),
                    Message::fixed("パック", "packs"),
                    Some(per_day / pack),
                    Message::new(format!("1パック {} ml", number(pack)), format!("{} ml a pack", number(pack))),
                    true,
                ));
            }
        }
        if let (Some(flush), Some(n)) = (feeding.water_flush, feeds_f) {
            out.push(daily(
                Message::fixed("白湯 (フラッシュ)", "Water for flushes"),
                Message::fixed("ml", "ml"),
                Some(flush.value() * n),
                Message::new(
                    format!("1回 {} ml", number(flush.value())),
                    format!("{} ml a feed", number(flush.value())),
                ),
                false,
            ));
        }
    }
    let sleep = settings.and_then(|s| s.sleep_hours).map_or(DEFAULT_SLEEP_HOURS, Quantity::value).clamp(0.0, 24.0);
    let oxygen_flows = care.oxygen.as_ref().and_then(|o| {
        let rest = o.flow_at_rest.map(Quantity::value)?;
        Some((rest, o.flow_during_sleep.map_or(rest, Quantity::value)))
    });
    // Oxygen through the ventilator circuit only: its flow, all day.
    let through_ventilator = care
        .ventilator
        .as_ref()
        .and_then(|v| v.devices.iter().find_map(|d| d.oxygen_flow.map(Quantity::value)))
        .map(|flow| (flow, flow));
    if let Some((awake, asleep)) = oxygen_flows.or(through_ventilator) {
        let litres = awake * 60.0 * (24.0 - sleep) + asleep * 60.0 * sleep;
        out.push(daily(
            Message::fixed("酸素", "Oxygen"),
            Message::fixed("L", "L"),
            Some(litres),
            Message::new(
                format!(
                    "安静時 {} L/分 × {} 時間、睡眠時 {} L/分 × {} 時間",
                    number(awake),
                    number(24.0 - sleep),
                    number(asleep),
                    number(sleep)
                ),
                format!(
                    "{} L/min for {} h, {} L/min asleep for {} h",
                    number(awake),
                    number(24.0 - sleep),
                    number(asleep),
                    number(sleep)
                ),
            ),
            false,
        ));
        let cylinder = settings.and_then(|s| s.oxygen_cylinder).map_or(DEFAULT_CYLINDER_LITRES, Quantity::value);
        if cylinder > 0.0 {
            out.push(daily(
                Message::fixed("酸素ボンベ", "Oxygen cylinders"),
                Message::fixed("本", "cylinders"),
                Some(litres / cylinder),
                Message::new(format!("1本 {} L", number(cylinder)), format!("{} L a cylinder", number(cylinder))),
                true,
            ));
        }
    }
    if let Some(suction) = &care.suction {
        let sizes: Vec<String> = suction
            .sites
            .iter()
            .filter_map(|&site| {
                let size = suction.settings(site).and_then(|s| s.catheter_size).or(suction.catheter_size)?;
                Some(format!("{} {} Fr", site.label(crate::Lang::Ja), number(size.value())))
            })
            .collect();
        let per_day = settings.and_then(|s| s.suctions_per_day).map(f64::from);
        let note = match per_day {
            Some(n) => Message::new(
                format!("1回1本 × 1日 {} 回 ({})", number(n), sizes.join("、")),
                format!("one a suction × {} a day ({})", number(n), sizes.join(", ")),
            ),
            None => Message::fixed(
                "1日の吸引回数を計画 (supplies.suctionsPerDay) に書くと本数を計算します",
                "give the suctions a day in the plan (supplies.suctionsPerDay) to count the catheters",
            ),
        };
        out.push(daily(
            Message::fixed("吸引カテーテル", "Suction catheters"),
            Message::fixed("本", "pcs"),
            per_day,
            note,
            true,
        ));
        if suction.sites.contains(&SuctionSite::TracheostomyTube) && per_day.is_some() {
            out.push(daily(
                Message::fixed("滅菌手袋・アルコール綿", "Sterile gloves and alcohol swabs"),
                Message::fixed("組", "sets"),
                per_day,
                Message::fixed("気管カニューレ内吸引 1回に1組", "one set a tracheal suction"),
                true,
            ));
        }
    }
    if let Some(trach) = &care.tracheostomy {
        let size =
            trach.cannula.inner_diameter.map(|d| format!(" (内径 {} mm)", number(d.value()))).unwrap_or_default();
        let size_en = trach
            .cannula
            .inner_diameter
            .map(|d| format!(" (inner diameter {} mm)", number(d.value())))
            .unwrap_or_default();
        out.push(once(
            Message::new(
                format!("予備の気管カニューレ 同サイズ{size}"),
                format!("Spare tracheostomy cannula, same size{size_en}"),
            ),
            pieces(),
            1.0,
            Message::fixed("事故抜去に備えて", "for accidental decannulation"),
        ));
        if trach.spare_cannula.is_some() {
            out.push(once(
                Message::fixed("予備の気管カニューレ 一サイズ小さいもの", "Spare cannula, one size smaller"),
                pieces(),
                1.0,
                Message::fixed("同サイズが入らないときに", "if the same size does not go in"),
            ));
        }
        if trach.hme == Some(true) {
            out.push(daily(
                Message::fixed("人工鼻", "Heat and moisture exchangers"),
                pieces(),
                Some(1.0),
                Message::fixed("1日1個", "one a day"),
                true,
            ));
        }
    }
    if let Some(ventilator) = &care.ventilator {
        out.push(once(
            Message::fixed("人工呼吸器の予備回路", "Spare ventilator circuit"),
            Message::fixed("組", "sets"),
            1.0,
            Message::fixed("回路の破損・汚れに備えて", "in case the circuit breaks or is soiled"),
        ));
        if ventilator.resuscitation_bag == Some(true) {
            out.push(once(
                Message::fixed("蘇生バッグ", "Resuscitation bag"),
                pieces(),
                1.0,
                Message::fixed("停電・故障のときの換気に", "to ventilate in a power cut or a failure"),
            ));
        }
    }
    if let Some(injection) = care.injection.as_ref().and_then(|i| i.subcutaneous.as_ref()) {
        let times =
            injection.timing.as_ref().map(|t| t.times.len()).filter(|&n| n > 0).and_then(|n| u32::try_from(n).ok());
        let per_day = injection.insulin_dose.map(Quantity::value).zip(times).map(|(dose, n)| dose * f64::from(n));
        let note = match (injection.insulin_dose, times) {
            (Some(dose), Some(n)) => Message::new(
                format!("1回 {} 単位 × 1日 {n} 回", number(dose.value())),
                format!("{} U a dose × {n} a day", number(dose.value())),
            ),
            _ => Message::fixed(
                "量の決め方に従う (指示書に定まった1回量と時刻がありません)",
                "as the dose rule says (the sheet gives no fixed dose and times)",
            ),
        };
        out.push(daily(
            Message::new(format!("{} (インスリン)", injection.drug), format!("{} (insulin)", injection.drug)),
            Message::fixed("単位", "U"),
            per_day,
            note,
            false,
        ));
        if let Some(n) = times {
            out.push(daily(
                Message::fixed("注射針", "Needles"),
                Message::fixed("本", "pcs"),
                Some(f64::from(n)),
                Message::fixed("1回1本", "one a dose"),
                true,
            ));
        }
    }
    if care.blood_glucose.is_some() {
        out.push(once(
            Message::fixed("血糖測定器・センサー・穿刺針", "Glucose meter, sensors and lancets"),
            Message::fixed("式", "set"),
            1.0,
            Message::fixed("センサーの交換日を確かめる", "check when the sensor is due"),
        ));
    }
    if let Some(intermittent) = care.catheterization.as_ref().and_then(|c| c.intermittent.as_ref()) {
        let times =
            intermittent.timing.as_ref().map(|t| t.times.len()).filter(|&n| n > 0).and_then(|n| u32::try_from(n).ok());
        let note = match times {
            Some(n) => Message::new(format!("1日 {n} 回"), format!("{n} a day")),
            None => Message::fixed("指示書に定時の時刻がありません", "the sheet gives no scheduled times"),
        };
        out.push(daily(
            Message::fixed("導尿カテーテル", "Urinary catheters"),
            Message::fixed("本", "pcs"),
            times.map(f64::from),
            note,
            true,
        ));
    }
    if let Some(seizure) = &care.seizure
        && seizure.rescue_drug.is_some()
    {
        let name = seizure.rescue_drug_name.clone().unwrap_or_default();
        out.push(once(
            Message::new(
                format!("発作時の薬 {name}").trim().to_owned(),
                format!("Rescue drug {name}").trim().to_owned(),
            ),
            Message::fixed("回分", "doses"),
            2.0,
            Message::fixed("2回分 (使用後は受診)", "two doses (a doctor sees the child after use)"),
        ));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn daily_amounts_scale_with_the_days_and_counts_round_up() {
        let line = daily(Message::fixed("a", "a"), pieces(), Some(2.5), Message::fixed("", ""), true);
        assert_eq!(line.amounts, [Some(3.0), Some(8.0), Some(35.0)]);
        let ml = daily(Message::fixed("a", "a"), pieces(), Some(2.5), Message::fixed("", ""), false);
        assert_eq!(ml.amounts, [Some(2.5), Some(7.5), Some(35.0)]);
    }
}
