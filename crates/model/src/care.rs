//! Care items (医療的ケア): one optional block per category of the official
//! medical-care score table, shared by the instruction sheet and the assessment.
//!
//! Each category appears at most once (it is an object key, not a list entry),
//! so the table's "count once" rules hold by construction. Sub-items of the
//! table (7(2), 9(1)/(2), 12(1)/(2), 13(1)–(3)) are blocks inside their category.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::date::Date;
use crate::plan::{AfterRescue, Assignment, TroublePlan};
use crate::quantity::{
    Cm, CmH2O, Fr, Grams, Hours, InsulinUnit, KPa, LPerMin, Mg, MgPerDl, Minutes, Ml, MlPerHour, Mm, PerMin, Percent,
    Quantity, QuantityRange, Seconds,
};
use crate::vocab::vocabulary;

vocabulary! {
    /// # 見守りスコア (高・中・低) / Watch level (high, mid, low)
    ///
    /// 高: トラブル時に直ちに対応が必要 / high: trouble needs an immediate response;
    /// 中: 概ね15分以内 / mid: within about 15 minutes; 低: それ以外 / low: otherwise.
    pub enum WatchLevel3: "watchLevel3" {
        High = "high" => "高" / "High",
        Mid = "mid" => "中" / "Mid",
        Low = "low" => "低" / "Low",
    }
}

impl WatchLevel3 {
    /// The level in the words of the people who do the care (the instruction sheet
    /// prints these; the score's 高・中・低 are for the city).
    pub fn plain(self, lang: crate::Lang) -> &'static str {
        match (self, lang) {
            (Self::High, crate::Lang::Ja) => "トラブルのときは直ちに対応が必要",
            (Self::Mid, crate::Lang::Ja) => "トラブルのときは概ね15分以内に対応が必要",
            (Self::Low, crate::Lang::Ja) => "急ぎの対応が必要になることは少ない",
            (Self::High, crate::Lang::En) => "Trouble needs an immediate response",
            (Self::Mid, crate::Lang::En) => "Trouble needs a response within about 15 minutes",
            (Self::Low, crate::Lang::En) => "An urgent response is rarely needed",
        }
    }
}

vocabulary! {
    /// # 見守りスコア (高・低) / Watch level (high, low)
    pub enum WatchLevel2: "watchLevel2" {
        High = "high" => "高" / "High",
        Low = "low" => "低" / "Low",
    }
}

/// # 実施のタイミング / Timing
///
/// 定時の時刻、又は実施する条件。/ Scheduled times, or the conditions for doing it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct Timing {
    /// # 定時 / Scheduled times
    ///
    /// 24時間表記 HH:MM / 24-hour HH:MM
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[schemars(inner(regex(pattern = r"^([01][0-9]|2[0-3]):[0-5][0-9]$")), length(max = 24))]
    pub times: Vec<String>,
    /// # 条件 / Conditions
    ///
    /// 例: 痰の貯留音があるとき / e.g. when secretions are heard
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(length(min = 1, max = 1000))]
    pub conditions: Option<String>,
}

/// # 医療的ケア / Care items
///
/// 実施するケアの種類ごとに一つ。判定スコア表の14項目に対応します。
/// / One block per kind of care, matching the 14 items of the official score table.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct CareItems {
    /// # 1 人工呼吸器の管理 / Ventilator management
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ventilator: Option<Ventilator>,
    /// # 2 気管切開の管理 / Tracheostomy
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tracheostomy: Option<Tracheostomy>,
    /// # 3 鼻咽頭エアウェイの管理 / Nasopharyngeal airway
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub nasopharyngeal_airway: Option<NasopharyngealAirway>,
    /// # 4 酸素療法 / Oxygen therapy
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub oxygen: Option<Oxygen>,
    /// # 5 吸引 / Suction
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub suction: Option<Suction>,
    /// # 6 ネブライザーの管理 / Nebulizer
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub nebulizer: Option<Nebulizer>,
    /// # 7 経管栄養 / Tube feeding
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tube_feeding: Option<TubeFeeding>,
    /// # 8 中心静脈カテーテルの管理 / Central venous catheter
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub central_venous_catheter: Option<CentralVenousCatheter>,
    /// # 9 その他の注射管理 / Other injections
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub injection: Option<Injection>,
    /// # 10 血糖測定 / Blood glucose measurement
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub blood_glucose: Option<BloodGlucose>,
    /// # 11 継続的な透析 / Continuous dialysis
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub dialysis: Option<Dialysis>,
    /// # 12 導尿 / Catheterization
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub catheterization: Option<Catheterization>,
    /// # 13 排便管理 / Bowel management
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub bowel: Option<Bowel>,
    /// # 14 痙攣時の管理 / Seizure management
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub seizure: Option<Seizure>,
    /// # その他のケア / Other care
    ///
    /// 判定スコア表にないケア (点数に含めません)。/ Care outside the score table (not scored).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[schemars(length(max = 20))]
    pub other: Vec<OtherCare>,
    /// # ドレーン / Drains
    ///
    /// 判定スコアの対象外。/ Not scored.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[schemars(length(max = 5))]
    pub drains: Vec<Drain>,
}

impl CareItems {
    /// Whether no care item is filled in.
    pub fn is_empty(&self) -> bool {
        *self == Self::default()
    }
}

vocabulary! {
    /// # 人工呼吸器等の種類 / Kind of respiratory device
    pub enum VentilatorKind: "ventilatorKind" {
        Invasive = "invasive" => "人工呼吸器 (気管切開下)" / "Invasive ventilator",
        Nppv = "nppv" => "非侵襲的陽圧換気 (NPPV・マスク)" / "Non-invasive ventilation (NPPV, mask)",
        HighFlow = "highFlow" => "ネーザルハイフロー" / "High-flow nasal cannula",
        Ippb = "ippb" => "間歇的陽圧吸入法 (IPPB)" / "Intermittent positive pressure breathing (IPPB)",
        CoughAssist = "coughAssist" => "排痰補助装置" / "Mechanical cough assist",
        Hfcwo = "hfcwo" => "高頻度胸壁振動法 (HFCWO)" / "High-frequency chest wall oscillation (HFCWO)",
        NegativePressure = "negativePressure" => "陰圧式人工呼吸器 (体外式)" / "Negative-pressure ventilator",
    }
}

/// # 人工呼吸器の管理 / Ventilator management
///
/// 複数の機器を使っても判定スコアでは1項目として数えます。
/// / Counted once in the score however many devices are used.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct Ventilator {
    /// # 見守りスコア / Watch level
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub watch: Option<WatchLevel3>,
    /// # 機器 / Devices
    #[schemars(length(min = 1, max = 6))]
    pub devices: Vec<VentilatorDevice>,
    /// # 使用時間帯 / Hours of use
    ///
    /// 例: 終日、夜間のみ / e.g. all day, at night only
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(length(min = 1, max = 200))]
    pub hours_of_use: Option<String>,
    /// # アラーム時の対応 / What to do on alarms
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(length(min = 1, max = 2000))]
    pub alarms: Option<String>,
    /// # 蘇生バッグ (アンビューバッグ) を携行 / Resuscitation bag at hand
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub resuscitation_bag: Option<bool>,
    /// # 内部バッテリー駆動時間 / Internal battery hours
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub internal_battery: Option<Quantity<Hours>>,
    /// # 外部バッテリー駆動時間 / External battery hours
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub external_battery: Option<Quantity<Hours>>,
    /// # 備考 / Notes
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(length(min = 1, max = 4000))]
    pub notes: Option<String>,
    /// # 実施の割り当て (場所・時間・実施者) / Where, when and by whom
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[schemars(length(max = 20))]
    pub assignments: Vec<Assignment>,
    /// # トラブル時の対応 / Trouble plans
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[schemars(length(max = 12))]
    pub trouble_plans: Vec<TroublePlan>,
}

/// # 呼吸器等の機器 / Respiratory device
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct VentilatorDevice {
    /// # 種類 / Kind
    pub kind: VentilatorKind,
    /// # 機種 / Model
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(length(min = 1, max = 200))]
    pub model: Option<String>,
    /// # モード / Mode
    ///
    /// 例: SIMV, PCV, S/T / e.g. SIMV, PCV, S/T
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(length(min = 1, max = 100))]
    pub mode: Option<String>,
    /// # 換気回数 / Rate
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rate: Option<Quantity<PerMin>>,
    /// # 一回換気量 / Tidal volume
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tidal_volume: Option<Quantity<Ml>>,
    /// # 吸気圧 / Inspiratory pressure
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub inspiratory_pressure: Option<Quantity<CmH2O>>,
    /// # PEEP / Positive end-expiratory pressure
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub peep: Option<Quantity<CmH2O>>,
    /// # 酸素濃度 (FiO2) / Oxygen fraction (FiO2)
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub fio2: Option<Quantity<Percent>>,
    /// # 酸素流量 / Oxygen flow
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub oxygen_flow: Option<Quantity<LPerMin>>,
    /// # 使用する場面 / When it is used
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(length(min = 1, max = 500))]
    pub usage: Option<String>,
}

/// # 気管カニューレ / Tracheostomy cannula
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct Cannula {
    /// # 製品名 / Product
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(length(min = 1, max = 200))]
    pub product: Option<String>,
    /// # 内径 / Inner diameter
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub inner_diameter: Option<Quantity<Mm>>,
    /// # 外径 / Outer diameter
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub outer_diameter: Option<Quantity<Mm>>,
    /// # 長さ (入口から先端まで) / Length (opening to tip)
    ///
    /// 気管内吸引の深さの上限になります。/ The limit for the depth of tracheal suction.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub length: Option<Quantity<Mm>>,
    /// # カフあり / Cuffed
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cuff: Option<bool>,
    /// # カフ圧 / Cuff pressure
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cuff_pressure: Option<Quantity<CmH2O>>,
}

/// # 気管切開の管理 / Tracheostomy
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct Tracheostomy {
    /// # 見守りスコア / Watch level
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub watch: Option<WatchLevel2>,
    /// # 使用中のカニューレ / Cannula in use
    pub cannula: Cannula,
    /// # 予備カニューレ (一サイズ小さいもの) / Spare cannula (one size smaller)
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub spare_cannula: Option<Cannula>,
    /// # 人工鼻の使用 / Heat and moisture exchanger used
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub hme: Option<bool>,
    /// # 事故抜去時の対応 / What to do on accidental decannulation
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(length(min = 1, max = 2000))]
    pub accidental_decannulation: Option<String>,
    /// # 備考 / Notes
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(length(min = 1, max = 4000))]
    pub notes: Option<String>,
    /// # 実施の割り当て (場所・時間・実施者) / Where, when and by whom
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[schemars(length(max = 20))]
    pub assignments: Vec<Assignment>,
    /// # トラブル時の対応 / Trouble plans
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[schemars(length(max = 12))]
    pub trouble_plans: Vec<TroublePlan>,
}

/// # 鼻咽頭エアウェイの管理 / Nasopharyngeal airway
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct NasopharyngealAirway {
    /// # 見守りスコア / Watch level
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub watch: Option<WatchLevel2>,
    /// # サイズ (内径) / Size (inner diameter)
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub size: Option<Quantity<Mm>>,
    /// # 挿入長 / Insertion length
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub insertion_length: Option<Quantity<Cm>>,
    /// # 交換の頻度 / How often it is changed
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(length(min = 1, max = 200))]
    pub change_frequency: Option<String>,
    /// # 抜けたときの対応 / What to do if it comes out
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(length(min = 1, max = 2000))]
    pub dislodgement: Option<String>,
    /// # 備考 / Notes
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(length(min = 1, max = 4000))]
    pub notes: Option<String>,
    /// # 実施の割り当て (場所・時間・実施者) / Where, when and by whom
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[schemars(length(max = 20))]
    pub assignments: Vec<Assignment>,
    /// # トラブル時の対応 / Trouble plans
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[schemars(length(max = 12))]
    pub trouble_plans: Vec<TroublePlan>,
}

vocabulary! {
    /// # 酸素の投与方法 / Oxygen device
    pub enum OxygenDevice: "oxygenDevice" {
        NasalCannula = "nasalCannula" => "鼻カニューレ" / "Nasal cannula",
        Mask = "mask" => "マスク" / "Mask",
        TracheostomyCollar = "tracheostomyCollar" => "気管切開部 (トラキマスク等)" / "Tracheostomy collar",
        Ventilator = "ventilator" => "人工呼吸器回路から" / "Through the ventilator circuit",
        Other = "other" => "その他" / "Other",
    }
}

/// # 酸素療法 / Oxygen therapy
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct Oxygen {
    /// # 見守りスコア / Watch level
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub watch: Option<WatchLevel2>,
    /// # 投与方法 / Device
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub device: Option<OxygenDevice>,
    /// # 安静時の流量 / Flow at rest
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub flow_at_rest: Option<Quantity<LPerMin>>,
    /// # 活動時の流量 / Flow on exertion
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub flow_on_exertion: Option<Quantity<LPerMin>>,
    /// # 睡眠時の流量 / Flow during sleep
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub flow_during_sleep: Option<Quantity<LPerMin>>,
    /// # SpO2 の目標範囲 / SpO2 target range
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub spo2_target: Option<QuantityRange<Percent>>,
    /// # 備考 / Notes
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(length(min = 1, max = 4000))]
    pub notes: Option<String>,
    /// # 実施の割り当て (場所・時間・実施者) / Where, when and by whom
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[schemars(length(max = 20))]
    pub assignments: Vec<Assignment>,
    /// # トラブル時の対応 / Trouble plans
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[schemars(length(max = 12))]
    pub trouble_plans: Vec<TroublePlan>,
}

vocabulary! {
    /// # 吸引の部位 / Suction site
    pub enum SuctionSite: "suctionSite" {
        Oral = "oral" => "口腔内" / "Oral",
        Nasal = "nasal" => "鼻腔内" / "Nasal",
        TracheostomyTube = "tracheostomyTube" => "気管カニューレ内" / "Inside the tracheostomy tube",
    }
}

/// # 吸引 / Suction
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct Suction {
    /// # 見守りスコア / Watch level
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub watch: Option<WatchLevel2>,
    /// # 部位 / Sites
    #[schemars(length(min = 1, max = 3))]
    pub sites: Vec<SuctionSite>,
    /// # 吸引器 / Suction machine
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(length(min = 1, max = 200))]
    pub device: Option<String>,
    /// # 口腔内吸引 / Oral suction
    ///
    /// 1.2 で追加。部位ごとの設定。/ Added in 1.2: settings for this site.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub oral: Option<SuctionSettings>,
    /// # 鼻腔内吸引 / Nasal suction
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub nasal: Option<SuctionSettings>,
    /// # 気管カニューレ内吸引 / Suction inside the tracheostomy tube
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tracheostomy_tube: Option<SuctionSettings>,
    /// # カテーテルの太さ (1.1 の書き方) / Catheter size (1.1 form)
    ///
    /// 1.2 からは部位ごとに書きます。`tsunagu migrate` が移します。
    /// / Since 1.2 each site has its own; `tsunagu migrate` moves it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(extend("deprecated" = true))]
    pub catheter_size: Option<Quantity<Fr>>,
    /// # 吸引圧 (1.1 の書き方) / Suction pressure (1.1 form)
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(extend("deprecated" = true))]
    pub pressure: Option<Quantity<KPa>>,
    /// # 挿入の深さ (1.1 の書き方) / Insertion depth (1.1 form)
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(extend("deprecated" = true))]
    pub insertion_depth: Option<Quantity<Cm>>,
    /// # 1回の吸引時間の上限 (1.1 の書き方) / Maximum time per pass (1.1 form)
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(extend("deprecated" = true))]
    pub max_time_per_pass: Option<Quantity<Seconds>>,
    /// # 実施のタイミング / Timing
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub timing: Option<Timing>,
    /// # 備考 / Notes
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(length(min = 1, max = 4000))]
    pub notes: Option<String>,
}

impl Suction {
    /// The settings of a site, as written for it.
    pub fn settings(&self, site: SuctionSite) -> Option<&SuctionSettings> {
        match site {
            SuctionSite::Oral => self.oral.as_ref(),
            SuctionSite::Nasal => self.nasal.as_ref(),
            SuctionSite::TracheostomyTube => self.tracheostomy_tube.as_ref(),
        }
    }

    /// Whether any site has its own settings (the 1.2 form).
    pub fn has_site_settings(&self) -> bool {
        self.oral.is_some() || self.nasal.is_some() || self.tracheostomy_tube.is_some()
    }
}

/// # 部位ごとの吸引の設定 / Suction settings for one site
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct SuctionSettings {
    /// # カテーテルの太さ / Catheter size
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub catheter_size: Option<Quantity<Fr>>,
    /// # 吸引圧 (陰圧の大きさ) / Suction pressure (magnitude of the negative pressure)
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pressure: Option<Quantity<KPa>>,
    /// # 挿入の深さ / Insertion depth
    ///
    /// 口腔は口唇から、鼻腔は鼻孔から、気管カニューレ内はカニューレの入口から。
    /// / From the lips (oral), the nostril (nasal) or the cannula's opening (tracheal).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub insertion_depth: Option<Quantity<Cm>>,
    /// # 咽頭より奥まで入れる / Reaches beyond the pharynx
    ///
    /// 口腔・鼻腔のみ。教員・介護職員等の吸引は咽頭の手前までです。
    /// / Oral and nasal only; suction by teachers and care staff stops short of the pharynx.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub beyond_pharynx: Option<bool>,
    /// # 1回の吸引時間の上限 / Maximum time per pass
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_time_per_pass: Option<Quantity<Seconds>>,
    /// # 実施の割り当て (場所・時間・実施者) / Where, when and by whom
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[schemars(length(max = 20))]
    pub assignments: Vec<Assignment>,
}

/// # 薬剤 / Drug
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct DrugDose {
    /// # 薬剤名 / Drug
    #[schemars(length(min = 1, max = 200))]
    pub drug: String,
    /// # 量 / Amount
    ///
    /// 例: 1回 0.5 ml / e.g. 0.5 ml a time
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(length(min = 1, max = 200))]
    pub amount: Option<String>,
}

/// # ネブライザーの管理 / Nebulizer
///
/// サービス提供時間中に行う吸入。見守りスコアはありません。
/// / Inhalation during service hours. There is no watch level.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct Nebulizer {
    /// # 薬剤 / Drugs
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[schemars(length(max = 10))]
    pub drugs: Vec<DrugDose>,
    /// # 実施のタイミング / Timing
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub timing: Option<Timing>,
    /// # 備考 / Notes
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(length(min = 1, max = 4000))]
    pub notes: Option<String>,
    /// # 実施の割り当て (場所・時間・実施者) / Where, when and by whom
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[schemars(length(max = 20))]
    pub assignments: Vec<Assignment>,
}

vocabulary! {
    /// # 経管栄養の経路 / Feeding route
    pub enum FeedingRoute: "feedingRoute" {
        Nasogastric = "nasogastric" => "経鼻胃管" / "Nasogastric tube",
        Gastrostomy = "gastrostomy" => "胃ろう" / "Gastrostomy",
        Nasoduodenal = "nasoduodenal" => "経鼻十二指腸チューブ" / "Nasoduodenal tube",
        Nasojejunal = "nasojejunal" => "経鼻空腸チューブ" / "Nasojejunal tube",
        GastrostomyJejunal = "gastrostomyJejunal" => "胃ろう経由空腸チューブ" / "Gastrostomy-jejunal tube",
        Jejunostomy = "jejunostomy" => "腸ろう" / "Jejunostomy",
        Esophagostomy = "esophagostomy" => "食道ろう" / "Esophagostomy",
    }
}

/// # 経管栄養 / Tube feeding
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct TubeFeeding {
    /// # 見守りスコア / Watch level
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub watch: Option<WatchLevel2>,
    /// # 経路 / Route
    pub route: FeedingRoute,
    /// # チューブ・ボタンの太さ / Tube or button size
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tube_size: Option<Quantity<Fr>>,
    /// # チューブ・ボタンの種類 / Kind of tube or button
    ///
    /// 例: ボタン型 (バルーン)、チューブ型 / e.g. balloon button, tube
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(length(min = 1, max = 200))]
    pub device_type: Option<String>,
    /// # 挿入長・シャフト長 (1.1 の書き方) / Insertion or shaft length (1.1 form)
    ///
    /// 1.2 からは経鼻の挿入長 (insertionLength) とボタンのシャフト長 (shaftLength) に分けます。
    /// / Since 1.2 split into a nasal tube's insertion length and a button's shaft length.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(extend("deprecated" = true))]
    pub tube_length: Option<Quantity<Cm>>,
    /// # 挿入長 (鼻孔から) / Insertion length (from the nostril)
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub insertion_length: Option<Quantity<Cm>>,
    /// # シャフト長 (ボタン型) / Shaft length (button)
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub shaft_length: Option<Quantity<Cm>>,
    /// # チューブ・ボタンの交換 / How often the tube or button is changed
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(length(min = 1, max = 200))]
    pub change_frequency: Option<String>,
    /// # 栄養剤 / Nutrient product
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(length(min = 1, max = 200))]
    pub nutrient: Option<String>,
    /// # 1回量 / Volume per feed
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub volume: Option<Quantity<Ml>>,
    /// # 注入速度 / Rate
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rate: Option<Quantity<MlPerHour>>,
    /// # 白湯 (フラッシュ) / Water flush
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub water_flush: Option<Quantity<Ml>>,
    /// # 実施のタイミング / Timing
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub timing: Option<Timing>,
    /// # 持続注入ポンプ使用 (判定スコア 7(2)) / Continuous feeding pump (score item 7(2))
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pump: Option<FeedingPump>,
    /// # 注入前の確認 / Checks before feeding
    ///
    /// 例: 胃内容の確認、チューブ位置 / e.g. gastric residual, tube position
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(length(min = 1, max = 2000))]
    pub checks_before_feeding: Option<String>,
    /// # 備考 / Notes
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(length(min = 1, max = 4000))]
    pub notes: Option<String>,
    /// # 実施の割り当て (場所・時間・実施者) / Where, when and by whom
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[schemars(length(max = 20))]
    pub assignments: Vec<Assignment>,
    /// # トラブル時の対応 / Trouble plans
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[schemars(length(max = 12))]
    pub trouble_plans: Vec<TroublePlan>,
}

/// # 持続注入ポンプ / Continuous feeding pump
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct FeedingPump {
    /// # 見守りスコア / Watch level
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub watch: Option<WatchLevel2>,
    /// # 機種 / Model
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(length(min = 1, max = 200))]
    pub model: Option<String>,
}

/// # 中心静脈カテーテルの管理 / Central venous catheter
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct CentralVenousCatheter {
    /// # 見守りスコア / Watch level
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub watch: Option<WatchLevel2>,
    /// # カテーテルの種類・部位 / Catheter type and site
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(length(min = 1, max = 200))]
    pub catheter: Option<String>,
    /// # 輸液 / Infusion
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(length(min = 1, max = 200))]
    pub infusion: Option<String>,
    /// # 速度 / Rate
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rate: Option<Quantity<MlPerHour>>,
    /// # 輸液ポンプ / Infusion pump
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub infusion_pump: Option<bool>,
    /// # 閉塞・抜去・発熱時の対応 / What to do on occlusion, dislodgement or fever
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(length(min = 1, max = 2000))]
    pub troubles: Option<String>,
    /// # 備考 / Notes
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(length(min = 1, max = 4000))]
    pub notes: Option<String>,
    /// # 実施の割り当て (場所・時間・実施者) / Where, when and by whom
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[schemars(length(max = 20))]
    pub assignments: Vec<Assignment>,
    /// # トラブル時の対応 / Trouble plans
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[schemars(length(max = 12))]
    pub trouble_plans: Vec<TroublePlan>,
}

/// # その他の注射管理 / Other injections
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct Injection {
    /// # 9(1) 皮下注射 (インスリン・麻薬など) / 9(1) Subcutaneous injection (insulin, opioids)
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub subcutaneous: Option<SubcutaneousInjection>,
    /// # 9(2) 持続皮下注射ポンプ / 9(2) Continuous subcutaneous pump
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub continuous_pump: Option<SubcutaneousPump>,
}

/// # 皮下注射 / Subcutaneous injection
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct SubcutaneousInjection {
    /// # 見守りスコア / Watch level
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub watch: Option<WatchLevel2>,
    /// # 薬剤 / Drug
    #[schemars(length(min = 1, max = 200))]
    pub drug: String,
    /// # 1回量 (インスリン) / Dose (insulin units)
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub insulin_dose: Option<Quantity<InsulinUnit>>,
    /// # 量の決め方 (スライディングスケール等) / Dose scale or rule
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(length(min = 1, max = 2000))]
    pub dose_rule: Option<String>,
    /// # 実施のタイミング / Timing
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub timing: Option<Timing>,
    /// # 実施者 / Who injects
    ///
    /// 例: 本人が自己注射、看護師 / e.g. the child, a nurse
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(length(min = 1, max = 200))]
    pub given_by: Option<String>,
    /// # 実施の割り当て (場所・時間・実施者) / Where, when and by whom
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[schemars(length(max = 20))]
    pub assignments: Vec<Assignment>,
}

/// # 持続皮下注射ポンプ / Continuous subcutaneous pump
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct SubcutaneousPump {
    /// # 見守りスコア / Watch level
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub watch: Option<WatchLevel2>,
    /// # 薬剤 / Drug
    #[schemars(length(min = 1, max = 200))]
    pub drug: String,
    /// # 機種 / Model
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(length(min = 1, max = 200))]
    pub model: Option<String>,
    /// # 基礎注入量・ボーラスの指示 / Basal rate and bolus instructions
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(length(min = 1, max = 2000))]
    pub settings: Option<String>,
    /// # 実施の割り当て (場所・時間・実施者) / Where, when and by whom
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[schemars(length(max = 20))]
    pub assignments: Vec<Assignment>,
    /// # トラブル時の対応 / Trouble plans
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[schemars(length(max = 12))]
    pub trouble_plans: Vec<TroublePlan>,
}

vocabulary! {
    /// # 血糖測定の方法 / Glucose measurement method
    pub enum GlucoseMethod: "glucoseMethod" {
        FingerStick = "fingerStick" => "指先穿刺 (SMBG)" / "Finger-stick (SMBG)",
        Cgm = "cgm" => "持続血糖測定 (CGM)" / "Continuous glucose monitor (CGM)",
        Flash = "flash" => "FGM (isCGM)" / "Flash glucose monitor (isCGM)",
    }
}

/// # 血糖測定 / Blood glucose measurement
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct BloodGlucose {
    /// # 見守りスコア / Watch level
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub watch: Option<WatchLevel2>,
    /// # 方法 / Method
    pub method: GlucoseMethod,
    /// # CGM とインスリンポンプの連動 / CGM linked to an insulin pump
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub linked_to_insulin_pump: Option<bool>,
    /// # 指先穿刺で確かめるとき / When to confirm by finger-stick
    ///
    /// CGM の値と症状が合わないとき、低値のとき、機器のエラーのとき等。
    /// / e.g. when symptoms do not match the reading, on a low reading, on a sensor error.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(length(min = 1, max = 1000))]
    pub finger_stick_when: Option<String>,
    /// # 測定のタイミング / Timing
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub timing: Option<Timing>,
    /// # 目標血糖値 / Target range
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub target: Option<QuantityRange<MgPerDl>>,
    /// # 低血糖とする値 / Hypoglycaemia threshold
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub hypoglycemia_below: Option<Quantity<MgPerDl>>,
    /// # 低血糖時の対応 / What to do on hypoglycaemia
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(length(min = 1, max = 2000))]
    pub hypoglycemia_treatment: Option<String>,
    /// # 高血糖時の対応 / What to do on hyperglycaemia
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(length(min = 1, max = 2000))]
    pub hyperglycemia_action: Option<String>,
    /// # 備考 / Notes
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(length(min = 1, max = 4000))]
    pub notes: Option<String>,
    /// # 実施の割り当て (場所・時間・実施者) / Where, when and by whom
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[schemars(length(max = 20))]
    pub assignments: Vec<Assignment>,
    /// # トラブル時の対応 / Trouble plans
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[schemars(length(max = 12))]
    pub trouble_plans: Vec<TroublePlan>,
}

vocabulary! {
    /// # 透析の方法 / Dialysis method
    pub enum DialysisMethod: "dialysisMethod" {
        Peritoneal = "peritoneal" => "腹膜透析" / "Peritoneal dialysis",
        Hemodialysis = "hemodialysis" => "血液透析" / "Haemodialysis",
    }
}

/// # 継続的な透析 / Continuous dialysis
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct Dialysis {
    /// # 見守りスコア / Watch level
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub watch: Option<WatchLevel2>,
    /// # 方法 / Method
    pub method: DialysisMethod,
    /// # 自動腹膜灌流装置 (APD) / Automated peritoneal dialysis machine
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub automated: Option<bool>,
    /// # スケジュール / Schedule
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(length(min = 1, max = 500))]
    pub schedule: Option<String>,
    /// # 備考 / Notes
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(length(min = 1, max = 4000))]
    pub notes: Option<String>,
    /// # 実施の割り当て (場所・時間・実施者) / Where, when and by whom
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[schemars(length(max = 20))]
    pub assignments: Vec<Assignment>,
}

/// # 導尿 / Catheterization
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct Catheterization {
    /// # 12(1) 間欠的導尿 / 12(1) Intermittent catheterization
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub intermittent: Option<IntermittentCatheterization>,
    /// # 12(2) 持続的導尿 / 12(2) Continuous catheterization
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub continuous: Option<ContinuousCatheterization>,
}

/// # 間欠的導尿 / Intermittent catheterization
///
/// 見守りスコアはありません。/ There is no watch level.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct IntermittentCatheterization {
    /// # カテーテルの太さ / Catheter size
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub catheter_size: Option<Quantity<Fr>>,
    /// # 実施のタイミング / Timing
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub timing: Option<Timing>,
    /// # 実施者 / Who does it
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(length(min = 1, max = 200))]
    pub done_by: Option<String>,
    /// # 実施の割り当て (場所・時間・実施者) / Where, when and by whom
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[schemars(length(max = 20))]
    pub assignments: Vec<Assignment>,
}

vocabulary! {
    /// # 持続的導尿の種類 / Kind of continuous drainage
    pub enum ContinuousDrainage: "continuousDrainage" {
        Indwelling = "indwelling" => "尿道留置カテーテル" / "Indwelling urethral catheter",
        Cystostomy = "cystostomy" => "膀胱ろう" / "Cystostomy",
        Nephrostomy = "nephrostomy" => "腎ろう" / "Nephrostomy",
        Urostomy = "urostomy" => "尿路ストーマ" / "Urostomy",
    }
}

/// # 持続的導尿 / Continuous catheterization
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct ContinuousCatheterization {
    /// # 見守りスコア / Watch level
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub watch: Option<WatchLevel2>,
    /// # 種類 / Kind
    pub kind: ContinuousDrainage,
    /// # カテーテルの太さ / Catheter size
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub catheter_size: Option<Quantity<Fr>>,
    /// # 交換の頻度 / How often it is changed
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(length(min = 1, max = 200))]
    pub change_frequency: Option<String>,
    /// # 実施の割り当て (場所・時間・実施者) / Where, when and by whom
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[schemars(length(max = 20))]
    pub assignments: Vec<Assignment>,
    /// # トラブル時の対応 / Trouble plans
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[schemars(length(max = 12))]
    pub trouble_plans: Vec<TroublePlan>,
}

/// # 排便管理 / Bowel management
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct Bowel {
    /// # 13(1) 消化管ストーマ / 13(1) Intestinal stoma
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub stoma: Option<Stoma>,
    /// # 13(2) 摘便・洗腸 / 13(2) Disimpaction or irrigation
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub disimpaction_or_irrigation: Option<Disimpaction>,
    /// # 13(3) 浣腸 / 13(3) Enema
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub enema: Option<Enema>,
}

vocabulary! {
    /// # ストーマの種類 / Stoma type
    pub enum StomaType: "stomaType" {
        Colostomy = "colostomy" => "コロストミー" / "Colostomy",
        Ileostomy = "ileostomy" => "イレオストミー" / "Ileostomy",
        Other = "other" => "その他" / "Other",
    }
}

/// # 消化管ストーマ / Intestinal stoma
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct Stoma {
    /// # 見守りスコア / Watch level
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub watch: Option<WatchLevel2>,
    /// # 種類 / Type
    pub stoma_type: StomaType,
    /// # 装具 / Appliance
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(length(min = 1, max = 200))]
    pub appliance: Option<String>,
    /// # 備考 / Notes
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(length(min = 1, max = 2000))]
    pub notes: Option<String>,
    /// # 実施の割り当て (場所・時間・実施者) / Where, when and by whom
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[schemars(length(max = 20))]
    pub assignments: Vec<Assignment>,
    /// # トラブル時の対応 / Trouble plans
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[schemars(length(max = 12))]
    pub trouble_plans: Vec<TroublePlan>,
}

vocabulary! {
    /// # 方法 / Method
    pub enum DisimpactionMethod: "disimpactionMethod" {
        Disimpaction = "disimpaction" => "摘便" / "Digital disimpaction",
        Irrigation = "irrigation" => "洗腸" / "Irrigation",
    }
}

/// # 摘便・洗腸 / Disimpaction or irrigation
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct Disimpaction {
    /// # 方法 / Method
    pub method: DisimpactionMethod,
    /// # 実施する条件 / Conditions
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(length(min = 1, max = 2000))]
    pub conditions: Option<String>,
    /// # 実施の割り当て (場所・時間・実施者) / Where, when and by whom
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[schemars(length(max = 20))]
    pub assignments: Vec<Assignment>,
}

/// # 浣腸 / Enema
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct Enema {
    /// # 薬剤 / Product
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(length(min = 1, max = 200))]
    pub product: Option<String>,
    /// # 市販の小さなグリセリン浣腸 / Small commercial glycerin enema
    ///
    /// 判定スコアの対象外 (告示の注)。/ Not scored (official note).
    pub small_commercial_glycerin: bool,
    /// # 1回の量 (製品の表示) / Amount per use (as on the product)
    ///
    /// 小さな市販品かどうかを年齢に応じて確かめます。/ Checked against the child's age for the small-product exclusion.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub amount: Option<Quantity<Grams>>,
    /// # 実施する条件 / Conditions
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(length(min = 1, max = 2000))]
    pub conditions: Option<String>,
    /// # 実施の割り当て (場所・時間・実施者) / Where, when and by whom
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[schemars(length(max = 20))]
    pub assignments: Vec<Assignment>,
}

vocabulary! {
    /// # 頓用薬 / Rescue drug
    pub enum RescueDrug: "rescueDrug" {
        DiazepamSuppository = "diazepamSuppository" => "ジアゼパム坐剤" / "Diazepam suppository",
        BuccalMidazolam = "buccalMidazolam" => "ミダゾラム口腔用液" / "Buccal midazolam",
        Other = "other" => "その他" / "Other",
    }
}

/// # 痙攣時の管理 / Seizure management
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct Seizure {
    /// # 見守りスコア / Watch level
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub watch: Option<WatchLevel2>,
    /// # 発作の型・様子 / Seizure types
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(length(min = 1, max = 2000))]
    pub seizure_types: Option<String>,
    /// # 最後の発作 / Most recent seizure
    ///
    /// 判定スコアの対象は概ね1年以内に発作のある場合 (未確認の規則)。
    /// / The score item applies to a seizure within about a year (unconfirmed rule).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_seizure_on: Option<Date>,
    /// # 頓用薬 / Rescue drug
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rescue_drug: Option<RescueDrug>,
    /// # 薬剤名 (その他の場合) / Drug name (if other)
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(length(min = 1, max = 200))]
    pub rescue_drug_name: Option<String>,
    /// # 用量 / Dose
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rescue_dose: Option<Quantity<Mg>>,
    /// # 使用する条件 (発作の持続時間) / Give when the seizure lasts
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub give_after: Option<Quantity<Minutes>>,
    /// # 使用する条件 (その他) / Other conditions for giving it
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(length(min = 1, max = 1000))]
    pub give_conditions: Option<String>,
    /// # 追加投与 / Repeat dose
    ///
    /// 例: 効果がなければ10分後に1回まで / e.g. once more after 10 minutes if no effect
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(length(min = 1, max = 500))]
    pub repeat: Option<String>,
    /// # 救急要請の目安 / When to call an ambulance
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(length(min = 1, max = 1000))]
    pub call_ambulance_when: Option<String>,
    /// # 迷走神経刺激療法 (VNS) / Vagus nerve stimulation (VNS)
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub vns: Option<bool>,
    /// # 保護者からの依頼 (頓用薬の使用) / Guardian's request for the rescue drug
    ///
    /// 職員が頓用薬を使うには医師の事前の指示と保護者の依頼が必要です。
    /// / Staff may give a rescue drug only with the doctor's instruction and the guardian's request.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub guardian_request_on_file: Option<bool>,
    /// # 頓用薬の使用後 / After the rescue drug
    ///
    /// 職員が使ったあとは、こどもは必ず医師の診察を受けます。/ After staff give it, the child is always seen by a doctor.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub after_rescue: Option<AfterRescue>,
    /// # 備考 / Notes
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(length(min = 1, max = 4000))]
    pub notes: Option<String>,
    /// # 実施の割り当て (場所・時間・実施者) / Where, when and by whom
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[schemars(length(max = 20))]
    pub assignments: Vec<Assignment>,
}

/// # その他のケア / Other care
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct OtherCare {
    /// # ケアの名称 / Name of the care
    #[schemars(length(min = 1, max = 200))]
    pub name: String,
    /// # 内容 / Instructions
    #[schemars(length(min = 1, max = 4000))]
    pub instructions: String,
    /// # 実施の割り当て (場所・時間・実施者) / Where, when and by whom
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[schemars(length(max = 20))]
    pub assignments: Vec<Assignment>,
}

/// # ドレーン / Drain
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct Drain {
    /// # 種類 / Kind
    ///
    /// 例: 胸腔ドレーン、脳室ドレーン / e.g. chest drain, ventricular drain
    #[schemars(length(min = 1, max = 200))]
    pub name: String,
    /// # 部位 / Site
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(length(min = 1, max = 200))]
    pub site: Option<String>,
    /// # 管理 (観察・固定・排液) / Management (watching, fixing, draining)
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(length(min = 1, max = 2000))]
    pub management: Option<String>,
    /// # トラブル時の対応 / Trouble plans
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[schemars(length(max = 12))]
    pub trouble_plans: Vec<TroublePlan>,
    /// # 実施の割り当て (場所・時間・実施者) / Where, when and by whom
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[schemars(length(max = 20))]
    pub assignments: Vec<Assignment>,
}
