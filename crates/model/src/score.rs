//! 医療的ケア判定スコア: the medical-care score, computed from care items.
//!
//! The table is the fee notice's (2021 revision, still used in 2024). Rules whose
//! source is not official are applied as the domain reference states them, and
//! the ones marked unconfirmed there only raise warnings: they never change points.

use serde::Serialize;

use crate::Lang;
use crate::care::{CareItems, WatchLevel2, WatchLevel3};
use crate::date::Date;
use crate::diagnostic::{Code, Diagnostic, Message, Severity};
use crate::documents::Document;
use crate::vocab::{Vocabulary, vocabulary};

vocabulary! {
    /// # 判定スコアによる区分 / Class given by the score
    pub enum ScoreClass: "scoreClass" {
        Highest = "highest" => "医療的ケア区分3 (32点以上・最も高い区分)" / "Medical-care class 3 (32 points or more, the highest)",
        Middle = "middle" => "医療的ケア区分2 (16点以上・中間の区分)" / "Medical-care class 2 (16 points or more, the middle)",
        Lowest = "lowest" => "医療的ケア区分1 (3点以上・最も低い区分)" / "Medical-care class 1 (3 points or more, the lowest)",
        NotApplicable = "notApplicable" => "該当なし (3点未満)" / "Not applicable (under 3 points)",
    }
}

impl ScoreClass {
    /// The class a total gives: ≥ 32, ≥ 16, ≥ 3, else none.
    pub fn for_total(total: u32) -> Self {
        match total {
            32.. => Self::Highest,
            16.. => Self::Middle,
            3.. => Self::Lowest,
            _ => Self::NotApplicable,
        }
    }

    /// The class in a word, for a list's narrow column.
    pub fn short_label(self, lang: crate::Lang) -> &'static str {
        let (ja, en) = match self {
            Self::Highest => ("区分3", "Class 3"),
            Self::Middle => ("区分2", "Class 2"),
            Self::Lowest => ("区分1", "Class 1"),
            Self::NotApplicable => ("該当なし", "None"),
        };
        if lang == crate::Lang::Ja { ja } else { en }
    }
}

/// A total at or above this opens medical short stay (医療型短期入所) for a child who is
/// not a 重症心身障害児 (2021 revision; the 8-point criteria belong to other groups).
pub const MEDICAL_SHORT_STAY_THRESHOLD: u32 = 16;

vocabulary! {
    /// # 医療型短期入所と判定スコア / Medical short stay and the score
    pub enum ShortStay: "shortStay" {
        AsSevereDisabilities = "asSevereDisabilities" => "重症心身障害児のため、医療型短期入所は判定スコアによらず対象です" / "A child with severe motor and intellectual disabilities: medical short stay does not depend on the score",
        ByScore = "byScore" => "16点以上のため、医療型短期入所の対象です (重症心身障害児ではないこども)" / "16 points or more: medical short stay is open (a child who is not severely disabled)",
        NotByScore = "notByScore" => "16点未満のため、判定スコアでは医療型短期入所の対象になりません" / "Under 16 points: the score does not open medical short stay",
        ByScoreIfNotSevere = "byScoreIfNotSevere" => "16点以上: 重症心身障害児でないこどもは医療型短期入所の対象です (重症心身障害児かどうかは書かれていません)" / "16 points or more: medical short stay is open for a child who is not severely disabled (not stated)",
        NotByScoreIfNotSevere = "notByScoreIfNotSevere" => "16点未満: 重症心身障害児でないこどもは判定スコアでは対象になりません (重症心身障害児かどうかは書かれていません)" / "Under 16 points: the score does not open medical short stay for a child who is not severely disabled (not stated)",
    }
}

impl ShortStay {
    /// What the total means for medical short stay, given whether the child is a 重症心身障害児.
    pub fn of(total: u32, severe_disabilities: Option<bool>) -> Self {
        let met = total >= MEDICAL_SHORT_STAY_THRESHOLD;
        match (severe_disabilities, met) {
            (Some(true), _) => Self::AsSevereDisabilities,
            (Some(false), true) => Self::ByScore,
            (Some(false), false) => Self::NotByScore,
            (None, true) => Self::ByScoreIfNotSevere,
            (None, false) => Self::NotByScoreIfNotSevere,
        }
    }
}

/// A row of the official score table.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ScoreItem {
    Ventilator,
    Tracheostomy,
    NasopharyngealAirway,
    Oxygen,
    Suction,
    Nebulizer,
    TubeFeeding,
    FeedingPump,
    CentralVenousCatheter,
    SubcutaneousInjection,
    SubcutaneousPump,
    BloodGlucose,
    Dialysis,
    IntermittentCatheterization,
    ContinuousCatheterization,
    Stoma,
    Disimpaction,
    Enema,
    Seizure,
}

/// Points of one row: base, then watch high / mid / low (`None` where the table has "–").
struct Points {
    base: u32,
    high: Option<u32>,
    mid: Option<u32>,
}

impl ScoreItem {
    /// Every row, in the table's order.
    pub const ALL: [ScoreItem; 19] = [
        Self::Ventilator,
        Self::Tracheostomy,
        Self::NasopharyngealAirway,
        Self::Oxygen,
        Self::Suction,
        Self::Nebulizer,
        Self::TubeFeeding,
        Self::FeedingPump,
        Self::CentralVenousCatheter,
        Self::SubcutaneousInjection,
        Self::SubcutaneousPump,
        Self::BloodGlucose,
        Self::Dialysis,
        Self::IntermittentCatheterization,
        Self::ContinuousCatheterization,
        Self::Stoma,
        Self::Disimpaction,
        Self::Enema,
        Self::Seizure,
    ];

    /// The row's base points.
    pub fn base_points(self) -> u32 {
        self.points().base
    }

    /// The points a watch level adds on this row; `None` where the table has "–".
    pub fn watch_points(self, watch: Watch) -> Option<u32> {
        let points = self.points();
        match watch {
            Watch::High => points.high,
            Watch::Mid => points.mid,
            // The official table prints 0 for a low watch level on every row.
            Watch::Low => Some(0),
        }
    }

    /// The row's number in the table, e.g. `7(2)`.
    pub fn number(self) -> &'static str {
        match self {
            Self::Ventilator => "1",
            Self::Tracheostomy => "2",
            Self::NasopharyngealAirway => "3",
            Self::Oxygen => "4",
            Self::Suction => "5",
            Self::Nebulizer => "6",
            Self::TubeFeeding => "7(1)",
            Self::FeedingPump => "7(2)",
            Self::CentralVenousCatheter => "8",
            Self::SubcutaneousInjection => "9(1)",
            Self::SubcutaneousPump => "9(2)",
            Self::BloodGlucose => "10",
            Self::Dialysis => "11",
            Self::IntermittentCatheterization => "12(1)",
            Self::ContinuousCatheterization => "12(2)",
            Self::Stoma => "13(1)",
            Self::Disimpaction => "13(2)",
            Self::Enema => "13(3)",
            Self::Seizure => "14",
        }
    }

    pub fn label(self, lang: Lang) -> &'static str {
        let (ja, en) = match self {
            Self::Ventilator => ("人工呼吸器の管理", "Ventilator management"),
            Self::Tracheostomy => ("気管切開の管理", "Tracheostomy"),
            Self::NasopharyngealAirway => ("鼻咽頭エアウェイの管理", "Nasopharyngeal airway"),
            Self::Oxygen => ("酸素療法", "Oxygen therapy"),
            Self::Suction => ("吸引 (口鼻腔・気管内)", "Suction (oral/nasal or tracheal)"),
            Self::Nebulizer => ("ネブライザーの管理", "Nebulizer"),
            Self::TubeFeeding => ("経管栄養", "Tube feeding"),
            Self::FeedingPump => ("経管栄養 (持続注入ポンプ)", "Tube feeding (continuous pump)"),
            Self::CentralVenousCatheter => ("中心静脈カテーテルの管理", "Central venous catheter"),
            Self::SubcutaneousInjection => ("皮下注射", "Subcutaneous injection"),
            Self::SubcutaneousPump => ("持続皮下注射ポンプ", "Continuous subcutaneous pump"),
            Self::BloodGlucose => ("血糖測定", "Blood glucose measurement"),
            Self::Dialysis => ("継続的な透析", "Continuous dialysis"),
            Self::IntermittentCatheterization => ("導尿 (間欠的)", "Catheterization (intermittent)"),
            Self::ContinuousCatheterization => ("導尿 (持続的)", "Catheterization (continuous)"),
            Self::Stoma => ("消化管ストーマ", "Intestinal stoma"),
            Self::Disimpaction => ("摘便・洗腸", "Disimpaction or irrigation"),
            Self::Enema => ("浣腸", "Enema"),
            Self::Seizure => ("痙攣時の管理", "Seizure management"),
        };
        match lang {
            Lang::Ja => ja,
            Lang::En => en,
        }
    }

    fn points(self) -> Points {
        let (base, high, mid) = match self {
            Self::Ventilator => (10, Some(2), Some(1)),
            Self::Tracheostomy | Self::TubeFeeding | Self::CentralVenousCatheter | Self::Dialysis => (8, Some(2), None),
            Self::NasopharyngealAirway | Self::SubcutaneousInjection | Self::Stoma => (5, Some(1), None),
            Self::Oxygen | Self::Suction => (8, Some(1), None),
            Self::Nebulizer | Self::Enema => (3, None, None),
            Self::FeedingPump | Self::SubcutaneousPump | Self::BloodGlucose | Self::ContinuousCatheterization => {
                (3, Some(1), None)
            }
            Self::IntermittentCatheterization | Self::Disimpaction => (5, None, None),
            Self::Seizure => (3, Some(2), None),
        };
        Points { base, high, mid }
    }

    /// Whether the table gives this row watch points at all.
    pub fn has_watch(self) -> bool {
        self.points().high.is_some()
    }
}

/// The watch level given for a row.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "typescript", derive(tsify::Tsify))]
#[serde(rename_all = "lowercase")]
pub enum Watch {
    High,
    Mid,
    Low,
}

impl Watch {
    /// The level's label (高・中・低), as its vocabulary says.
    pub fn label(self, lang: Lang) -> &'static str {
        let level = match self {
            Self::High => WatchLevel3::High,
            Self::Mid => WatchLevel3::Mid,
            Self::Low => WatchLevel3::Low,
        };
        level.label(lang)
    }
}

impl From<WatchLevel3> for Watch {
    fn from(value: WatchLevel3) -> Self {
        match value {
            WatchLevel3::High => Self::High,
            WatchLevel3::Mid => Self::Mid,
            WatchLevel3::Low => Self::Low,
        }
    }
}

impl From<WatchLevel2> for Watch {
    fn from(value: WatchLevel2) -> Self {
        match value {
            WatchLevel2::High => Self::High,
            WatchLevel2::Low => Self::Low,
        }
    }
}

/// One counted row.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "typescript", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct ScoreLine {
    /// The row's number in the table, e.g. `7(2)`.
    #[cfg_attr(feature = "typescript", tsify(type = "string"))]
    pub item: ScoreItem,
    /// JSON Pointer to the care item the row comes from.
    pub pointer: String,
    pub base: u32,
    /// The watch level given, if the row has watch points and one was given.
    pub watch: Option<Watch>,
    pub watch_points: u32,
    pub points: u32,
    /// Why points differ from base + watch, if they do.
    pub note: Option<Message>,
}

/// A row is written as its number in the table, e.g. `"7(2)"`.
impl Serialize for ScoreItem {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.number())
    }
}

/// The computed score.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "typescript", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct Score {
    pub lines: Vec<ScoreLine>,
    pub total: u32,
    pub class: ScoreClass,
    /// Whether the total reaches the medical short-stay threshold (16).
    pub short_stay_threshold_met: bool,
    /// What the score means for medical short stay.
    pub short_stay: ShortStay,
    /// Warnings and notes about the computation (unconfirmed rules, missing watch levels).
    pub diagnostics: Vec<Diagnostic>,
}

/// What the score needs to know besides the care items.
#[derive(Debug, Clone, Copy)]
pub struct ScoreContext {
    /// The date the score is for (the document's date): "within a year" counts back from it.
    pub on: Date,
    /// Whether a missing watch level is an error (assessment) or a warning (instruction sheet).
    pub missing_watch: Severity,
    /// Whether the physician's seizure instruction is known to be on file.
    pub seizure_instruction_on_file: Option<bool>,
    /// The child's date of birth: the enema exclusion depends on the age.
    pub birth_date: Date,
    /// Whether the child is a 重症心身障害児 (`child.welfare`), which decides how the score
    /// bears on medical short stay.
    pub severe_disabilities: Option<bool>,
}

/// The score of a document's care items, or `None` for a kind without them.
pub fn score_document(document: &Document) -> Option<Score> {
    document.care().map(|section| score(section.care, section.pointer, section.context))
}

struct Tally<'a> {
    base: &'a str,
    context: ScoreContext,
    lines: Vec<ScoreLine>,
    diagnostics: Vec<Diagnostic>,
}

impl Tally<'_> {
    fn add(&mut self, item: ScoreItem, pointer: &str, watch: Option<Watch>) -> usize {
        self.add_with(item, pointer, watch, true)
    }

    /// `watch_counts`: whether the row's watch points can count at all here.
    fn add_with(&mut self, item: ScoreItem, pointer: &str, watch: Option<Watch>, watch_counts: bool) -> usize {
        let points = item.points();
        let pointer = format!("{}{pointer}", self.base);
        if points.high.is_some() && watch.is_none() && watch_counts {
            self.diagnostics.push(
                Diagnostic::new(
                    Code::WatchMissing,
                    format!("{pointer}/watch"),
                    Message::new(
                        format!("判定スコア {} の見守りスコアがありません (低として数えました)", item.number()),
                        format!("score item {} has no watch level (counted as low)", item.number()),
                    ),
                )
                .with_severity(self.context.missing_watch),
            );
        }
        let watch_points = match watch {
            Some(Watch::High) => points.high.unwrap_or(0),
            Some(Watch::Mid) => points.mid.unwrap_or(0),
            Some(Watch::Low) | None => 0,
        };
        self.lines.push(ScoreLine {
            item,
            pointer,
            base: points.base,
            watch: if points.high.is_some() { watch } else { None },
            watch_points,
            points: points.base + watch_points,
            note: None,
        });
        self.lines.len() - 1
    }

    fn warn(&mut self, code: Code, pointer: &str, message: Message) {
        self.diagnostics.push(Diagnostic::new(code, format!("{}{pointer}", self.base), message));
    }
}

/// Computes the score of `care`, whose JSON Pointer is `base` (e.g. `/care`).
pub fn score(care: &CareItems, base: &str, context: ScoreContext) -> Score {
    let mut tally = Tally { base, context, lines: Vec::new(), diagnostics: Vec::new() };

    // 1: counts once whatever devices are used (the devices are one block).
    if let Some(ventilator) = &care.ventilator {
        tally.add(ScoreItem::Ventilator, "/ventilator", ventilator.watch.map(Watch::from));
    }
    // 2: with a ventilator, the tracheostomy's watch points are not added.
    if let Some(tracheostomy) = &care.tracheostomy {
        // A missing watch level is no problem where it could not count anyway.
        let ventilated = care.ventilator.is_some();
        let line =
            tally.add_with(ScoreItem::Tracheostomy, "/tracheostomy", tracheostomy.watch.map(Watch::from), !ventilated);
        if care.ventilator.is_some() {
            let row = &mut tally.lines[line];
            if row.watch_points > 0 {
                row.note = Some(Message::new(
                    "人工呼吸器と併用のため見守り加算なし",
                    "no watch points: used with a ventilator",
                ));
            }
            row.watch_points = 0;
            row.points = row.base;
        }
    }
    if let Some(airway) = &care.nasopharyngeal_airway {
        tally.add(ScoreItem::NasopharyngealAirway, "/nasopharyngealAirway", airway.watch.map(Watch::from));
    }
    if let Some(oxygen) = &care.oxygen {
        tally.add(ScoreItem::Oxygen, "/oxygen", oxygen.watch.map(Watch::from));
    } else if let Some(ventilator) = &care.ventilator {
        // Oxygen through the circuit: whether it counts as item 4 is unconfirmed, so warn only.
        let given = ventilator.devices.iter().position(|device| {
            device.oxygen_flow.is_some_and(|flow| flow.value() > 0.0)
                || device.fio2.is_some_and(|fio2| fio2.value() > 21.0)
        });
        if let Some(i) = given {
            tally.warn(
                Code::VentilatorOxygenWithoutItem,
                &format!("/ventilator/devices/{i}"),
                Message::new(
                    "人工呼吸器から酸素を投与していますが、酸素療法 (判定スコア 4) の項目がありません (点数は変えていません)",
                    "oxygen is given through the ventilator, but there is no oxygen therapy item (score item 4) (points unchanged)",
                ),
            );
        }
    }
    // 5: oral/nasal and tracheal suction are one item.
    if let Some(suction) = &care.suction {
        tally.add(ScoreItem::Suction, "/suction", suction.watch.map(Watch::from));
    }
    if care.nebulizer.is_some() {
        tally.add(ScoreItem::Nebulizer, "/nebulizer", None);
    }
    // 7(1) counts once whatever the route; 7(2) adds to it.
    if let Some(feeding) = &care.tube_feeding {
        tally.add(ScoreItem::TubeFeeding, "/tubeFeeding", feeding.watch.map(Watch::from));
        if let Some(pump) = &feeding.pump {
            tally.add(ScoreItem::FeedingPump, "/tubeFeeding/pump", pump.watch.map(Watch::from));
        }
    }
    if let Some(line) = &care.central_venous_catheter {
        tally.add(ScoreItem::CentralVenousCatheter, "/centralVenousCatheter", line.watch.map(Watch::from));
    }
    if let Some(injection) = &care.injection {
        if let Some(sc) = &injection.subcutaneous {
            tally.add(ScoreItem::SubcutaneousInjection, "/injection/subcutaneous", sc.watch.map(Watch::from));
        }
        if let Some(pump) = &injection.continuous_pump {
            tally.add(ScoreItem::SubcutaneousPump, "/injection/continuousPump", pump.watch.map(Watch::from));
        }
    }
    if let Some(glucose) = &care.blood_glucose {
        tally.add(ScoreItem::BloodGlucose, "/bloodGlucose", glucose.watch.map(Watch::from));
        let pump = care.injection.as_ref().is_some_and(|i| i.continuous_pump.is_some());
        if pump && glucose.linked_to_insulin_pump == Some(true) {
            tally.warn(
                Code::GlucoseLinkedPump,
                "/bloodGlucose",
                Message::new(
                    "CGM とインスリンポンプが連動している場合、血糖測定は加算しないとする説があります (未確認のため点数は変えていません)",
                    "blood glucose may not count when the CGM is linked to an insulin pump (unconfirmed: points unchanged)",
                ),
            );
        }
    }
    if let Some(dialysis) = &care.dialysis {
        tally.add(ScoreItem::Dialysis, "/dialysis", dialysis.watch.map(Watch::from));
    }
    if let Some(catheterization) = &care.catheterization {
        if catheterization.intermittent.is_some() {
            tally.add(ScoreItem::IntermittentCatheterization, "/catheterization/intermittent", None);
        }
        if let Some(continuous) = &catheterization.continuous {
            tally.add(
                ScoreItem::ContinuousCatheterization,
                "/catheterization/continuous",
                continuous.watch.map(Watch::from),
            );
        }
    }
    if let Some(bowel) = &care.bowel {
        if let Some(stoma) = &bowel.stoma {
            tally.add(ScoreItem::Stoma, "/bowel/stoma", stoma.watch.map(Watch::from));
        }
        if bowel.disimpaction_or_irrigation.is_some() {
            tally.add(ScoreItem::Disimpaction, "/bowel/disimpactionOrIrrigation", None);
        }
        if let Some(enema) = &bowel.enema {
            // 13(3) excludes small commercial glycerin enemas (official note), by the
            // product's amount for the child's age; the amount decides when it is given.
            let limit = small_enema_limit(context.birth_date.years_until(context.on).unwrap_or(0));
            let small_by_amount = enema.amount.map(|amount| amount.value() <= limit);
            if let Some(small) = small_by_amount
                && small != enema.small_commercial_glycerin
            {
                tally.warn(
                    Code::EnemaAmountDisagrees,
                    "/bowel/enema/amount",
                    Message::new(
                        format!("この年齢の小さな市販品は {limit} g までです。量と「市販の小さなグリセリン浣腸」の記入が食い違っています (量で数えました)"),
                        format!("a small commercial product for this age is at most {limit} g; the amount and the small-product tick disagree (counted by the amount)"),
                    ),
                );
            }
            if small_by_amount.unwrap_or(enema.small_commercial_glycerin) {
                tally.warn(
                    Code::GlycerinEnemaNotScored,
                    "/bowel/enema",
                    Message::new(
                        "市販の小さなグリセリン浣腸は判定スコアの対象外です",
                        "a small commercial glycerin enema is not scored",
                    ),
                );
            } else {
                tally.add(ScoreItem::Enema, "/bowel/enema", None);
            }
        }
    }
    if let Some(seizure) = &care.seizure {
        tally.add(ScoreItem::Seizure, "/seizure", seizure.watch.map(Watch::from));
        let within_a_year = seizure.last_seizure_on.map(|last| last >= context.on.add_years(-1) && last <= context.on);
        let in_future = seizure.last_seizure_on.is_some_and(|last| last > context.on);
        let instructed = context.seizure_instruction_on_file;
        if within_a_year != Some(true) || instructed != Some(true) {
            let (ja, en) = match (within_a_year, instructed) {
                (Some(false), _) if in_future => (
                    "最後の発作の日付が文書の日付より後です",
                    "the date of the last seizure is after the document's date",
                ),
                (Some(false), _) => ("最後の発作が1年より前です", "the last seizure was over a year ago"),
                (None, _) => ("最後の発作の日付がありません", "the date of the last seizure is not given"),
                _ => ("医師の指示の有無が示されていません", "the physician's instruction is not shown to be on file"),
            };
            tally.warn(
                Code::SeizureMayNotApply,
                "/seizure",
                Message::new(
                    format!("{ja}。痙攣時の管理は医師の指示と概ね1年以内の発作が要件とされます (未確認のため点数は変えていません)"),
                    format!("{en}; the seizure item is said to need the physician's instruction and a seizure within about a year (unconfirmed: points unchanged)"),
                ),
            );
        }
    }

    let total = tally.lines.iter().map(|line| line.points).sum();
    Score {
        lines: tally.lines,
        total,
        class: ScoreClass::for_total(total),
        short_stay_threshold_met: total >= MEDICAL_SHORT_STAY_THRESHOLD,
        short_stay: ShortStay::of(total, context.severe_disabilities),
        diagnostics: tally.diagnostics,
    }
}

/// The largest small commercial glycerin enema, in grams, by age (official note:
/// about 40 g for adults, 20 g at 6–11, 10 g at 1–5, 5 g for infants).
fn small_enema_limit(age: u32) -> f64 {
    match age {
        0 => 5.0,
        1..=5 => 10.0,
        6..=11 => 20.0,
        _ => 40.0,
    }
}

#[cfg(test)]
mod tests;
