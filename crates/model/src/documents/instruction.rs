//! 医療的ケア指示書: the physician's instruction for care at facilities.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use super::{CareSection, ChildRef, DocumentKind, FormatVersion, InstructionTag, Kind};
use crate::care::{CareItems, Timing};
use crate::care_rules::{CareContext, Place, assignment_rules, care_items, trouble_plans_of};
use crate::common::{Child, Extensions, Facility, Institution, LocalId, PersonName, Phone, Signature};
use crate::date::Date;
use crate::diagnostic::{Code, Diagnostic, Message, Severity};
use crate::plan::CallKind;
use crate::plan::{Assignment, CallStep};
use crate::quantity::{Mg, Minutes, Quantity};
use crate::rules::{age_at, birth_before, child_name, push};
use crate::score::ScoreContext;
use crate::vocab::{DocLanguage, vocabulary};

/// # 医療的ケア指示書 / Medical-care instruction sheet
///
/// 主治医が作成し署名する、施設でのケアの指示。一枚で複数の施設に宛てられます。
/// / Written and signed by the child's physician for the facilities where care is
/// given; one sheet is addressed to several facilities at once.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct InstructionSheet {
    /// # スキーマの URI / Schema URI
    ///
    /// 任意。エディタでの検証用。/ Optional, for editors that validate as you type.
    #[serde(rename = "$schema", default, skip_serializing_if = "Option::is_none")]
    pub schema: Option<String>,
    /// # 文書の種類 / Document kind
    pub kind: InstructionTag,
    /// # 書式の版 / Format version
    pub format_version: FormatVersion,
    /// # 文書 ID / Document id
    ///
    /// 文書ごとに一意の UUID。/ A UUID unique to this document.
    pub id: Uuid,
    /// # 置き換える指示書 / Replaces the sheet
    ///
    /// この指示書が置き換える前の指示書の文書 ID (更新・ケアの変更)。1.2 で追加。
    /// / The id of the sheet this one replaces (renewal, change of care). Added in 1.2.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub supersedes: Option<Uuid>,
    /// # 記入言語 / Language
    pub language: DocLanguage,
    /// # 発行日 / Date of issue
    pub issue_date: Date,
    /// # 指示期間 / Instruction period
    pub period: Period,
    /// # 宛先の施設 / Addressee facilities
    ///
    /// 一枚の指示書で複数の施設に宛てられます。/ One sheet serves several facilities.
    #[schemars(length(min = 1, max = 10))]
    pub addressees: Vec<Facility>,
    /// # こども / Child
    pub child: Child,
    /// # 診断名 / Diagnoses
    ///
    /// 主な診断名を1〜3つ。/ The one to three main diagnoses.
    #[schemars(length(min = 1, max = 10))]
    pub diagnoses: Vec<Diagnosis>,
    /// # アレルギーの有無 / Allergy status
    ///
    /// 「なし (確認済み)」と「未確認」を区別します。1.2 で追加。
    /// / Tells "none, asked" from "not asked". Added in 1.2.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub allergy_status: Option<AllergyStatus>,
    /// # アレルギー / Allergies
    ///
    /// allergyStatus がないとき、空の配列は「なし」。/ Without allergyStatus, an empty list means none known.
    #[schemars(length(max = 30))]
    pub allergies: Vec<Allergy>,
    /// # アレルギーへの備え / Allergy care
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub allergy_care: Option<AllergyCare>,
    /// # 服薬 / Regular medications
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[schemars(length(max = 30))]
    pub medications: Vec<Medication>,
    /// # 薬の相互作用・副作用の留意点 / Drug interactions and side effects to watch
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(length(min = 1, max = 2000))]
    pub medication_notes: Option<String>,
    /// # 医療的ケア / Care items
    pub care: CareItems,
    /// # 生活上の配慮 / Daily-life considerations
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub daily_life: Option<DailyLifeInstructions>,
    /// # 緊急時の対応 / Emergencies
    pub emergency: Emergency,
    /// # 日常生活自立度・褥瘡 / Functional status and pressure ulcers
    ///
    /// 訪問看護指示書の項目。/ Items of the home-nursing instruction.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub functional_status: Option<FunctionalStatus>,
    /// # 訪問看護への指示 / Instructions to home-visit nursing
    ///
    /// 訪問看護指示書 (別紙様式16) だけにある項目。/ The items only the national home-nursing form has.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub home_nursing: Option<HomeNursing>,
    /// # 集団生活についての医師の意見 / Physician's opinion on group care
    ///
    /// 保育所・学校が求める項目。/ What nurseries and schools ask.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub attendance_opinion: Option<AttendanceOpinion>,
    /// # 介護職員等への留意事項 / Notes for care staff
    ///
    /// 喀痰吸引等指示書の「その他留意事項 (介護職員等)」。/ The suction instruction's notes for care staff.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(length(min = 1, max = 2000))]
    pub care_staff_notes: Option<String>,
    /// # 看護職員への留意事項 / Notes for nurses
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(length(min = 1, max = 2000))]
    pub nurse_notes: Option<String>,
    /// # 診療情報提供 / Clinical information for the facility's doctor
    ///
    /// 診療情報提供書の項目。家族の同意があれば、別に提供書を書かずに済みます。
    /// / The items of a clinical referral letter; with the family's consent the sheet
    /// serves as one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub clinical_information: Option<ClinicalInformation>,
    /// # 発行者 / Issuer
    pub issuer: Issuer,
    /// # 備考 / Remarks
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(length(min = 1, max = 4000))]
    pub remarks: Option<String>,
    /// # 地域拡張 / Local extensions
    #[serde(default, skip_serializing_if = "Extensions::is_empty")]
    pub extensions: Extensions,
}

/// # 期間 / Period
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct Period {
    /// # 開始日 / From
    pub start: Date,
    /// # 終了日 / To
    pub end: Date,
}

/// # 診断名 / Diagnosis
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct Diagnosis {
    /// # 診断名 / Name
    #[schemars(length(min = 1, max = 200))]
    pub name: String,
    /// # ICD-10 コード / ICD-10 code
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(regex(pattern = r"^[A-Z][0-9]{2}(\.[0-9A-Z]{1,4})?$"))]
    pub icd10: Option<String>,
    /// # 傷病名コード / Diagnosis code (receipt master)
    ///
    /// レセプト電算処理の傷病名コード (7桁)。訪問看護指示書に書く番号。
    /// / The 7-digit code of the claims diagnosis master, as the home-nursing form asks.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(regex(pattern = r"^[0-9]{7}$"))]
    pub receipt_code: Option<String>,
}

/// # アレルギー / Allergy
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct Allergy {
    /// # 原因 / Substance
    #[schemars(length(min = 1, max = 200))]
    pub substance: String,
    /// # 症状 / Reaction
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(length(min = 1, max = 500))]
    pub reaction: Option<String>,
    /// # 種類 / Category
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub category: Option<AllergyCategory>,
    /// # 重症度 / Severity
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub severity: Option<AllergySeverity>,
    /// # アナフィラキシーの既往 / Has had anaphylaxis
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub anaphylaxis: Option<bool>,
}

vocabulary! {
    /// # アレルギーの有無 / Allergy status
    pub enum AllergyStatus: "allergyStatus" {
        Listed = "listed" => "あり (下記のとおり)" / "Allergies as listed",
        NoKnownAllergies = "noKnownAllergies" => "なし (確認済み)" / "No known allergies (asked)",
        Unknown = "unknown" => "未確認" / "Not asked or unknown",
    }
}

vocabulary! {
    /// # アレルギーの種類 / Allergy category
    pub enum AllergyCategory: "allergyCategory" {
        Food = "food" => "食物" / "Food",
        Drug = "drug" => "薬剤" / "Drug",
        Latex = "latex" => "ラテックス" / "Latex",
        Environmental = "environmental" => "環境 (花粉・ダニ・動物)" / "Environmental",
        Insect = "insect" => "昆虫 (ハチ等)" / "Insect sting",
        Other = "other" => "その他" / "Other",
    }
}

vocabulary! {
    /// # アレルギーの重症度 / Allergy severity
    pub enum AllergySeverity: "allergySeverity" {
        Mild = "mild" => "軽症" / "Mild",
        Moderate = "moderate" => "中等症" / "Moderate",
        Severe = "severe" => "重症" / "Severe",
    }
}

/// # アレルギーへの備え / Allergy care
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct AllergyCare {
    /// # ラテックスフリーの物品を使う / Use latex-free supplies
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub latex_free_supplies: Option<bool>,
    /// # アドレナリン自己注射薬 (エピペン®) / Adrenaline auto-injector
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub adrenaline_auto_injector: Option<AutoInjector>,
    /// # 備考 / Notes
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(length(min = 1, max = 2000))]
    pub notes: Option<String>,
}

/// # アドレナリン自己注射薬 / Adrenaline auto-injector
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct AutoInjector {
    /// # 用量 / Dose
    ///
    /// 0.15 mg 又は 0.3 mg / 0.15 mg or 0.3 mg
    pub dose: Quantity<Mg>,
    /// # 使う症状 / When to use it
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(length(min = 1, max = 1000))]
    pub use_when: Option<String>,
    /// # 保管場所 / Where it is kept
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(length(min = 1, max = 200))]
    pub kept_at: Option<String>,
    /// # 使用期限 / Expires on
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub expires_on: Option<Date>,
    /// # 実施の割り当て (場所・実施者) / Where and by whom
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[schemars(length(max = 20))]
    pub assignments: Vec<Assignment>,
}

/// # 服薬 / Medication
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct Medication {
    /// # 薬剤名 / Drug
    #[schemars(length(min = 1, max = 200))]
    pub name: String,
    /// # 用法・用量 / Dose and timing
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(length(min = 1, max = 500))]
    pub dosage: Option<String>,
    /// # 施設で服薬 / Given at the facility
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub at_facility: Option<bool>,
    /// # 投与経路 / Route
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub route: Option<MedicationRoute>,
    /// # 食事・注入との関係 / Relative to meals and feeds
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub feed_relation: Option<FeedRelation>,
    /// # 実施のタイミング / Timing
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub timing: Option<Timing>,
    /// # 施設での投与 (場所・時間・実施者) / Given at which facility, when, by whom
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[schemars(length(max = 20))]
    pub assignments: Vec<Assignment>,
}

vocabulary! {
    /// # 投与経路 / Route
    pub enum MedicationRoute: "medicationRoute" {
        Oral = "oral" => "内服" / "Oral",
        Tube = "tube" => "経管 (胃ろう・経鼻チューブから)" / "Via the feeding tube",
        Inhaled = "inhaled" => "吸入" / "Inhaled",
        Topical = "topical" => "外用 (塗布・貼付)" / "Topical",
        Drops = "drops" => "点眼・点鼻・点耳" / "Eye, nose or ear drops",
        Rectal = "rectal" => "坐剤・注腸" / "Rectal",
        Buccal = "buccal" => "口腔粘膜" / "Buccal",
        Injection = "injection" => "注射" / "Injection",
        Other = "other" => "その他" / "Other",
    }
}

vocabulary! {
    /// # 食事・注入との関係 / Relative to meals and feeds
    pub enum FeedRelation: "feedRelation" {
        Before = "before" => "食前・注入前" / "Before meals or feeds",
        After = "after" => "食後・注入後" / "After meals or feeds",
        Between = "between" => "食間" / "Between meals",
        WithFeed = "withFeed" => "注入と一緒に" / "With the feed",
        Bedtime = "bedtime" => "就寝前" / "At bedtime",
        Independent = "independent" => "食事・注入と関係なし" / "Independent of meals",
    }
}

/// # 生活上の配慮 / Daily-life considerations
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct DailyLifeInstructions {
    /// # 運動・活動の制限 / Limits on exercise and activity
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(length(min = 1, max = 2000))]
    pub activity: Option<String>,
    /// # 食事 (形態・経口摂取) / Meals (texture, oral intake)
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(length(min = 1, max = 2000))]
    pub meals: Option<String>,
    /// # 入浴・プール / Bathing and swimming
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(length(min = 1, max = 2000))]
    pub bathing_and_swimming: Option<String>,
    /// # 校外活動・外出 / Outings and trips
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(length(min = 1, max = 2000))]
    pub outings: Option<String>,
    /// # 感染症への配慮 / Infection precautions
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(length(min = 1, max = 2000))]
    pub infection: Option<String>,
}

vocabulary! {
    /// # 連絡先の種別 / Contact role
    pub enum ContactRole: "contactRole" {
        Guardian = "guardian" => "保護者" / "Guardian",
        Physician = "physician" => "主治医" / "Physician",
        Hospital = "hospital" => "医療機関" / "Hospital",
        HomeNursing = "homeNursing" => "訪問看護" / "Home-visit nursing",
        DeviceVendor = "deviceVendor" => "医療機器の業者 (24時間窓口)" / "Device vendor (24-hour line)",
        Other = "other" => "その他" / "Other",
    }
}

/// # 緊急時の対応 / Emergencies
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct Emergency {
    /// # 想定されるトラブルと対応 / Foreseeable troubles and what to do
    #[schemars(length(min = 1, max = 30))]
    pub actions: Vec<EmergencyAction>,
    /// # 連絡の順番 / Contacts, in the order to call
    #[schemars(length(min = 1, max = 10))]
    pub contacts: Vec<EmergencyContact>,
    /// # 緊急時の連絡の手順 / Steps to take, in order
    ///
    /// 119番通報を手順として書けます。ないときは連絡先の順。1.2 で追加。
    /// / Can name calling 119 as a step; without it, the contacts in order. Added in 1.2.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[schemars(length(max = 12))]
    pub call_order: Vec<CallStep>,
    /// # 主治医が不在のときの対応 / When the physician cannot be reached
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(length(min = 1, max = 1000))]
    pub when_physician_absent: Option<String>,
    /// # 搬送先の医療機関 / Hospital to transport to
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub hospital: Option<Institution>,
}

/// # トラブルと対応 / Trouble and action
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct EmergencyAction {
    /// # 状況 / Situation
    #[schemars(length(min = 1, max = 500))]
    pub situation: String,
    /// # 対応 / Action
    #[schemars(length(min = 1, max = 2000))]
    pub action: String,
    /// # 連絡の順番 / Whom to call, in order
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[schemars(length(max = 8))]
    pub calls: Vec<CallStep>,
}

/// # 緊急連絡先 / Emergency contact
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct EmergencyContact {
    /// # ID / Id
    ///
    /// 連絡の手順 (calls・callOrder) から参照します。/ What call steps refer to.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<LocalId>,
    /// # 種別 / Role
    pub role: ContactRole,
    /// # 名前・名称 / Name
    #[schemars(length(min = 1, max = 200))]
    pub name: String,
    /// # 電話 / Phone
    pub phone: Phone,
    /// # 24時間対応 / Available 24 hours
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub available_24h: Option<bool>,
    /// # 備考 / Note
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(length(min = 1, max = 500))]
    pub note: Option<String>,
}

/// # 日常生活自立度・褥瘡 / Functional status and pressure ulcers
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct FunctionalStatus {
    /// # 寝たきり度 (障害高齢者の日常生活自立度) / Bedridden rank
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub bedridden: Option<BedriddenRank>,
    /// # 認知症の状況 / Dementia rank
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub dementia: Option<DementiaRank>,
    /// # 褥瘡 / Pressure ulcers
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[schemars(length(max = 10))]
    pub pressure_ulcers: Vec<PressureUlcer>,
}

vocabulary! {
    /// # 寝たきり度 / Bedridden rank
    pub enum BedriddenRank: "bedriddenRank" {
        J1 = "j1" => "J1" / "J1",
        J2 = "j2" => "J2" / "J2",
        A1 = "a1" => "A1" / "A1",
        A2 = "a2" => "A2" / "A2",
        B1 = "b1" => "B1" / "B1",
        B2 = "b2" => "B2" / "B2",
        C1 = "c1" => "C1" / "C1",
        C2 = "c2" => "C2" / "C2",
    }
}

vocabulary! {
    /// # 認知症の状況 / Dementia rank
    pub enum DementiaRank: "dementiaRank" {
        I = "i" => "Ⅰ" / "I",
        IIa = "iia" => "Ⅱa" / "IIa",
        IIb = "iib" => "Ⅱb" / "IIb",
        IIIa = "iiia" => "Ⅲa" / "IIIa",
        IIIb = "iiib" => "Ⅲb" / "IIIb",
        IV = "iv" => "Ⅳ" / "IV",
        M = "m" => "M" / "M",
    }
}

vocabulary! {
    /// # 褥瘡の深さ / Pressure ulcer depth
    pub enum UlcerDepth: "ulcerDepth" {
        Npuap3 = "npuap3" => "NPUAP分類 Ⅲ度" / "NPUAP stage III",
        Npuap4 = "npuap4" => "NPUAP分類 Ⅳ度" / "NPUAP stage IV",
        DesignD3 = "designD3" => "DESIGN分類 D3" / "DESIGN D3",
        DesignD4 = "designD4" => "DESIGN分類 D4" / "DESIGN D4",
        DesignD5 = "designD5" => "DESIGN分類 D5" / "DESIGN D5",
        Shallower = "shallower" => "それより浅い" / "Shallower",
    }
}

/// # 褥瘡 / Pressure ulcer
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct PressureUlcer {
    /// # 深さ / Depth
    pub depth: UlcerDepth,
    /// # 部位 / Site
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(length(min = 1, max = 100))]
    pub site: Option<String>,
}

/// # 訪問看護への指示 / Instructions to home-visit nursing
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct HomeNursing {
    /// # 療養生活指導上の留意事項 / Points for guidance on daily life
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(length(min = 1, max = 2000))]
    pub life_guidance: Option<String>,
    /// # リハビリテーション (理学療法士・作業療法士・言語聴覚士) / Rehabilitation (PT, OT, ST)
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[schemars(length(max = 3))]
    pub rehabilitation: Vec<Rehabilitation>,
    /// # 褥瘡の処置等 / Pressure ulcer care
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(length(min = 1, max = 2000))]
    pub pressure_ulcer_care: Option<String>,
    /// # 装着・使用医療機器等の操作援助・管理 / Help with and management of devices
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(length(min = 1, max = 2000))]
    pub device_management: Option<String>,
    /// # その他 / Other instructions
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(length(min = 1, max = 2000))]
    pub other_instructions: Option<String>,
    /// # 在宅患者訪問点滴注射指示 / Home intravenous infusion instruction
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub infusion: Option<InfusionInstruction>,
    /// # 訪問介護事業所への指示 / Instructions to the home-care office
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(length(min = 1, max = 2000))]
    pub home_care_instructions: Option<String>,
}

vocabulary! {
    /// # 職種 / Profession
    pub enum Therapist: "therapist" {
        Pt = "pt" => "理学療法士" / "Physiotherapist",
        Ot = "ot" => "作業療法士" / "Occupational therapist",
        St = "st" => "言語聴覚士" / "Speech therapist",
    }
}

/// # リハビリテーション / Rehabilitation
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct Rehabilitation {
    /// # 職種 / Profession
    pub profession: Therapist,
    /// # 1日あたりの時間 / Minutes a day
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub minutes_per_day: Option<Quantity<Minutes>>,
    /// # 週あたりの回数 / Times a week
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(range(min = 1, max = 21))]
    pub times_per_week: Option<u32>,
    /// # 内容 / Content
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(length(min = 1, max = 1000))]
    pub content: Option<String>,
}

/// # 在宅患者訪問点滴注射指示 / Home intravenous infusion instruction
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct InfusionInstruction {
    /// # 点滴注射指示期間 / Infusion period
    pub period: Period,
    /// # 投与薬剤・投与量・投与方法 / Drugs, doses and how to give them
    #[schemars(length(min = 1, max = 2000))]
    pub instructions: String,
    /// # 相互作用・副作用の留意点 / Interactions and side effects
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(length(min = 1, max = 1000))]
    pub notes: Option<String>,
}

/// # 集団生活についての医師の意見 / Physician's opinion on group care
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct AttendanceOpinion {
    /// # 集団での保育・教育が可能 / Group care or schooling is possible
    pub group_care_possible: bool,
    /// # 条件・配慮 / Conditions
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(length(min = 1, max = 1000))]
    pub conditions: Option<String>,
    /// # 病状が安定している / The condition is stable
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub condition_stable: Option<bool>,
    /// # 安定した時期 / Stable since
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub stable_since: Option<Date>,
    /// # 入院していない期間 / Months without hospital admission
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(range(max = 240))]
    pub months_without_admission: Option<u32>,
}

/// # 診療情報 / Clinical information
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct ClinicalInformation {
    /// # 既往歴・経過 / History and course
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(length(min = 1, max = 4000))]
    pub history: Option<String>,
    /// # 現在の状態 / Current condition
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(length(min = 1, max = 4000))]
    pub current_condition: Option<String>,
    /// # 家族の同意 (情報提供) / Family consents to this information being provided
    pub family_consent: bool,
}

/// # 発行者 / Issuer
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct Issuer {
    /// # 医療機関 / Medical institution
    pub institution: Institution,
    /// # 医師名 / Physician
    pub physician: PersonName,
    /// # 署名 / Signature
    pub signature: Signature,
}

impl DocumentKind for InstructionSheet {
    const KIND: Kind = Kind::Instruction;

    fn id(&self) -> Uuid {
        self.id
    }

    fn format_version(&self) -> FormatVersion {
        self.format_version
    }

    fn date(&self) -> Date {
        self.issue_date
    }

    fn child(&self) -> ChildRef<'_> {
        ChildRef::from(&self.child)
    }

    fn care(&self) -> Option<CareSection<'_>> {
        let context = ScoreContext {
            on: self.issue_date,
            birth_date: self.child.birth_date,
            severe_disabilities: self.child.welfare.as_ref().and_then(|w| w.severe_motor_intellectual_disabilities),
            missing_watch: Severity::Warning,
            // The sheet itself is the physician's instruction.
            seizure_instruction_on_file: Some(true),
        };
        Some(CareSection { care: &self.care, pointer: "/care", context })
    }

    fn check(&self, out: &mut Vec<Diagnostic>) {
        let sheet = self;
        birth_before(sheet.child.birth_date, sheet.issue_date, "/child/birthDate", "発行日", "the date of issue", out);
        age_at(sheet.child.birth_date, sheet.issue_date, out);
        child_name(&sheet.child.name, "/child/name", out);

        let period = sheet.period;
        if period.end < period.start {
            push(
                out,
                Code::PeriodInverted,
                "/period/end",
                "指示期間の終了日が開始日より前です",
                "the instruction period ends before it starts",
            );
        } else if period.end > period.start.add_years(1) {
            out.push(
                Diagnostic::new(
                    Code::PeriodOverOneYear,
                    "/period/end",
                    Message::new("指示期間が1年を超えています", "the instruction period is longer than a year"),
                )
                .with_hint(Message::new(
                    "学校は毎年度更新が一般的で、国の指示書 (訪問看護・喀痰吸引等) は最長6か月です",
                    "schools usually renew yearly; national instruction forms (home nursing, suction by carers) allow at most six months",
                )),
            );
        }
        if period.end < sheet.issue_date {
            push(
                out,
                Code::PeriodEndedBeforeIssue,
                "/period/end",
                "指示期間が発行日より前に終わっています",
                "the instruction period ended before the date of issue",
            );
        }
        if sheet.issuer.signature.date < sheet.child.birth_date {
            push(
                out,
                Code::DateOrder,
                "/issuer/signature/date",
                "署名日が生年月日より前です",
                "the signature date is before the date of birth",
            );
        }
        if sheet.care.is_empty() {
            push(out, Code::CareEmpty, "/care", "医療的ケアが一つも書かれていません", "no care item is filled in");
        }
        let places: Vec<Place> =
            sheet.addressees.iter().filter_map(|a| a.id.clone().map(|id| Place { id, kind: a.kind })).collect();
        let context = CareContext {
            base: "/care",
            places: Some(&places),
            version: sheet.format_version,
            birth: sheet.child.birth_date,
            on: sheet.issue_date,
        };
        care_items(&sheet.care, &context, out);
        crate::plausible::weight(&sheet.child, &context, out);
        addressees(sheet, &context, out);
        allergies(sheet, &context, out);
        medications(sheet, &context, out);
        emergency(sheet, &context, out);
        national_forms(sheet, &context, out);
    }
}

/// Ids are unique; a sheet replaces another, not itself.
fn addressees(sheet: &InstructionSheet, context: &CareContext<'_>, out: &mut Vec<Diagnostic>) {
    for (i, addressee) in sheet.addressees.iter().enumerate() {
        if addressee.id.is_some() && sheet.addressees[..i].iter().any(|other| other.id == addressee.id) {
            push(
                out,
                Code::AddresseeIdDuplicate,
                format!("/addressees/{i}/id"),
                "同じ ID の宛先が二つあります",
                "two addressees have this id",
            );
        }
    }
    if sheet.supersedes == Some(sheet.id) {
        push(
            out,
            Code::SupersedesSelf,
            "/supersedes",
            "自分自身を置き換えています",
            "the sheet names itself as the one it replaces",
        );
    }
    // National forms (訪問看護指示書, 喀痰吸引等指示書) are valid at most six months.
    let national = sheet.addressees.iter().position(|a| a.kind.has_six_month_limit());
    if let Some(i) = national
        && sheet.period.end > sheet.period.start.add_months(6)
    {
        let severity = if context.says_1_2() { Severity::Error } else { Severity::Warning };
        out.push(
            Diagnostic::new(
                Code::NationalPeriodOverSixMonths,
                "/period/end",
                Message::new(
                    format!("{}番目の宛先 (訪問看護・居宅介護) への指示期間は6か月までです", i + 1),
                    format!(
                        "a sheet to addressee {} (home-visit nursing or home care) is valid at most six months",
                        i + 1
                    ),
                ),
            )
            .with_severity(severity),
        );
    }
}

fn allergies(sheet: &InstructionSheet, context: &CareContext<'_>, out: &mut Vec<Diagnostic>) {
    match (sheet.allergy_status, sheet.allergies.is_empty()) {
        (Some(AllergyStatus::Listed), true)
        | (Some(AllergyStatus::NoKnownAllergies | AllergyStatus::Unknown), false) => {
            push(
                out,
                Code::AllergyStatusContradiction,
                "/allergyStatus",
                "アレルギーの有無とアレルギーの一覧が食い違っています",
                "the allergy status contradicts the list of allergies",
            );
        }
        (None, _) if context.says_1_2() => {
            out.push(
                Diagnostic::new(
                    Code::AllergyStatusMissing,
                    "/allergyStatus",
                    Message::fixed("アレルギーの有無が書かれていません", "the allergy status is not given"),
                )
                .with_hint(Message::fixed(
                    "「なし (確認済み)」と「未確認」を区別するために書いてください",
                    "it tells \"none, asked\" from \"not asked\"",
                )),
            );
        }
        _ => {}
    }
    let latex = sheet.allergies.iter().position(|a| a.category == Some(AllergyCategory::Latex));
    let latex_free = sheet.allergy_care.as_ref().and_then(|c| c.latex_free_supplies) == Some(true);
    if let Some(i) = latex
        && !latex_free
    {
        push(
            out,
            Code::LatexSuppliesNotStated,
            format!("/allergies/{i}/category"),
            "ラテックスアレルギーがありますが、ラテックスフリーの物品を使うことが書かれていません",
            "a latex allergy, but latex-free supplies are not stated",
        );
    }
    if let Some(injector) = sheet.allergy_care.as_ref().and_then(|c| c.adrenaline_auto_injector.as_ref()) {
        let pointer = "/allergyCare/adrenalineAutoInjector".to_owned();
        crate::plausible::auto_injector_dose(injector.dose.value(), format!("{pointer}/dose"), context, out);
        assignment_rules(&pointer, &injector.assignments, context, out);
    }
}

fn medications(sheet: &InstructionSheet, context: &CareContext<'_>, out: &mut Vec<Diagnostic>) {
    for (i, medication) in sheet.medications.iter().enumerate() {
        let pointer = format!("/medications/{i}");
        if medication.at_facility == Some(false) && !medication.assignments.is_empty() {
            push(
                out,
                Code::MedicationFacilityContradiction,
                format!("{pointer}/atFacility"),
                "施設で服薬しないとされていますが、施設に割り当てられています",
                "not given at the facility, yet assigned to one",
            );
        }
        assignment_rules(&pointer, &medication.assignments, context, out);
    }
}

/// Call steps name listed contacts; in a 1.2 sheet, the calling order reaches 119 and
/// a ventilator or insulin pump has its vendor's line.
fn emergency(sheet: &InstructionSheet, context: &CareContext<'_>, out: &mut Vec<Diagnostic>) {
    let contacts = &sheet.emergency.contacts;
    for (i, contact) in contacts.iter().enumerate() {
        if contact.id.is_some() && contacts[..i].iter().any(|other| other.id == contact.id) {
            push(
                out,
                Code::ContactIdDuplicate,
                format!("/emergency/contacts/{i}/id"),
                "同じ ID の連絡先が二つあります",
                "two contacts have this id",
            );
        }
    }
    let mut steps: Vec<(String, &CallStep)> = Vec::new();
    for (i, step) in sheet.emergency.call_order.iter().enumerate() {
        steps.push((format!("/emergency/callOrder/{i}"), step));
    }
    for (i, action) in sheet.emergency.actions.iter().enumerate() {
        for (j, step) in action.calls.iter().enumerate() {
            steps.push((format!("/emergency/actions/{i}/calls/{j}"), step));
        }
    }
    for (pointer, plans) in trouble_plans_of(&sheet.care, "/care") {
        for (i, plan) in plans.iter().enumerate() {
            for (j, step) in plan.calls.iter().enumerate() {
                steps.push((format!("{pointer}/troublePlans/{i}/calls/{j}"), step));
            }
        }
    }
    for (pointer, step) in &steps {
        let known = step.contact.as_ref().is_some_and(|id| contacts.iter().any(|c| c.id.as_ref() == Some(id)));
        if step.call == CallKind::Contact && !known {
            push(
                out,
                Code::CallContactUnknown,
                format!("{pointer}/contact"),
                "連絡先の ID がないか、緊急連絡先にない ID です",
                "no contact id, or one no emergency contact has",
            );
        }
    }
    if !context.says_1_2() {
        return;
    }
    if !steps.iter().any(|(_, step)| step.call == CallKind::Ambulance) {
        out.push(
            Diagnostic::new(
                Code::AmbulanceNotInOrder,
                "/emergency/callOrder",
                Message::fixed("連絡の手順に119番通報がありません", "no calling order includes calling 119"),
            )
            .with_hint(Message::fixed(
                "どの時点で救急車を呼ぶかを手順として書いてください",
                "say at which step to call an ambulance",
            )),
        );
    }
    let pump = sheet.care.injection.as_ref().is_some_and(|i| i.continuous_pump.is_some());
    let vendor = contacts.iter().any(|c| c.role == ContactRole::DeviceVendor);
    if (sheet.care.ventilator.is_some() || pump) && !vendor {
        push(
            out,
            Code::VendorMissing,
            "/emergency/contacts",
            "人工呼吸器・ポンプの業者の24時間窓口が連絡先にありません",
            "the device vendor's 24-hour line is not among the contacts",
        );
    }
}

/// The items the national forms add: the infusion instruction's own period, and the
/// physician's opinion on group care.
fn national_forms(sheet: &InstructionSheet, _context: &CareContext<'_>, out: &mut Vec<Diagnostic>) {
    if let Some(infusion) = sheet.home_nursing.as_ref().and_then(|h| h.infusion.as_ref()) {
        let period = infusion.period;
        let pointer = "/homeNursing/infusion/period";
        if period.end < period.start {
            push(
                out,
                Code::PeriodInverted,
                format!("{pointer}/end"),
                "点滴注射指示期間の終了日が開始日より前です",
                "the infusion period ends before it starts",
            );
        } else if period.start.days_until(period.end) > 6 {
            push(
                out,
                Code::InfusionPeriodOverSevenDays,
                format!("{pointer}/end"),
                "在宅患者訪問点滴注射指示の期間は7日以内です",
                "a home infusion instruction covers at most seven days",
            );
        }
        if period.start < sheet.period.start || period.end > sheet.period.end {
            push(
                out,
                Code::PeriodOutsideSheet,
                pointer,
                "点滴注射指示期間が指示期間の外にあります",
                "the infusion period lies outside the sheet's period",
            );
        }
    }
    if let Some(stable) = sheet.attendance_opinion.as_ref().and_then(|a| a.stable_since)
        && stable > sheet.issue_date
    {
        push(
            out,
            Code::DateOrder,
            "/attendanceOpinion/stableSince",
            "安定した時期が発行日より後です",
            "stable since a date after the date of issue",
        );
    }
}
