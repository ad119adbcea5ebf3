//! 医療的ケア指示書: the physician's instruction for care at facilities.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use super::{CareSection, ChildRef, DocumentKind, FormatVersion, InstructionTag, Kind};
use crate::care::CareItems;
use crate::common::{Child, Extensions, Facility, Institution, PersonName, Phone, Signature};
use crate::date::Date;
use crate::diagnostic::{Code, Diagnostic, Message, Severity};
use crate::rules::{age_at, birth_before, care_items, child_name, push};
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
    /// # アレルギー / Allergies
    ///
    /// 空の配列は「なし」。/ An empty list means none known.
    #[schemars(length(max = 30))]
    pub allergies: Vec<Allergy>,
    /// # 服薬 / Regular medications
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[schemars(length(max = 30))]
    pub medications: Vec<Medication>,
    /// # 医療的ケア / Care items
    pub care: CareItems,
    /// # 生活上の配慮 / Daily-life considerations
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub daily_life: Option<DailyLifeInstructions>,
    /// # 緊急時の対応 / Emergencies
    pub emergency: Emergency,
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
}

/// # 緊急連絡先 / Emergency contact
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct EmergencyContact {
    /// # 種別 / Role
    pub role: ContactRole,
    /// # 名前・名称 / Name
    #[schemars(length(min = 1, max = 200))]
    pub name: String,
    /// # 電話 / Phone
    pub phone: Phone,
    /// # 備考 / Note
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(length(min = 1, max = 500))]
    pub note: Option<String>,
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
        ChildRef { name: &self.child.name, birth_date: self.child.birth_date, health: Some(&self.child) }
    }

    fn care(&self) -> Option<CareSection<'_>> {
        let context = ScoreContext {
            on: self.issue_date,
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
        care_items(&sheet.care, "/care", out);
    }
}
