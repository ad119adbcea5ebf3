//! アセスメントシート: the child's situation for a supporters' meeting, with the
//! medical-care score.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use super::{AssessmentTag, CareSection, ChildRef, Diagnosis, DocumentKind, FormatVersion, Kind};
use crate::care::CareItems;
use crate::care_rules::{CareContext, care_items};
use crate::common::{Child, Extensions, PersonName, Phone};
use crate::date::Date;
use crate::diagnostic::{Code, Diagnostic, Severity};
use crate::quantity::{Hours, Quantity, Watts};
use crate::rules::{age_at, birth_before, child_name, push};
use crate::score::{Score, ScoreClass, ScoreContext};
use crate::vocab::{DocLanguage, Relationship, Vocabulary, vocabulary};

/// # アセスメントシート / Assessment sheet
///
/// コーディネーターや施設が家族と作成し、支援会議で使います。医療的ケア判定スコアを含みます。
/// / Made by the coordinator or a facility with the family for supporters' meetings;
/// includes the medical-care score.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct Assessment {
    /// # スキーマの URI / Schema URI
    #[serde(rename = "$schema", default, skip_serializing_if = "Option::is_none")]
    pub schema: Option<String>,
    /// # 文書の種類 / Document kind
    pub kind: AssessmentTag,
    /// # 書式の版 / Format version
    pub format_version: FormatVersion,
    /// # 文書 ID / Document id
    pub id: Uuid,
    /// # 記入言語 / Language
    pub language: DocLanguage,
    /// # 作成日 / Date of assessment
    pub assessed_on: Date,
    /// # 作成者 / Author
    pub author: Author,
    /// # こども / Child
    pub child: Child,
    /// # 診断名 / Diagnoses
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[schemars(length(max = 10))]
    pub diagnoses: Vec<Diagnosis>,
    /// # 医療的ケア / Care items
    pub care: CareItems,
    /// # 医療的ケア判定スコア / Medical-care score
    ///
    /// 点数はケアの項目と見守りスコアから計算します。ここには医師と、記載された合計 (照合用) を置きます。
    /// / The points are computed from the care items and watch levels; this holds the
    /// physician and any total written on paper, which is checked against them.
    pub score: ScoreSection,
    /// # 日常生活 / Daily life
    pub daily_life: DailyLife,
    /// # 発達の状況 / Development
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(length(min = 1, max = 4000))]
    pub development: Option<String>,
    /// # 家族の状況 / Family situation
    pub family: Family,
    /// # 利用中のサービス / Services in use
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[schemars(length(max = 30))]
    pub services: Vec<ServiceUse>,
    /// # 本人・家族の希望 / Wishes
    pub wishes: Wishes,
    /// # 支援の必要性 / Needs
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(length(min = 1, max = 4000))]
    pub needs: Option<String>,
    /// # 緊急時・災害時の備え / Emergency and disaster readiness
    pub disaster: DisasterReadiness,
    /// # 役割分担 / Agreed roles
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[schemars(length(max = 30))]
    pub roles: Vec<AgreedRole>,
    /// # 次回の見直し日 / Next review
    pub next_review_on: Date,
    /// # 地域拡張 / Local extensions
    #[serde(default, skip_serializing_if = "Extensions::is_empty")]
    pub extensions: Extensions,
}

vocabulary! {
    /// # 作成者の立場 / Author's role
    pub enum AuthorRole: "authorRole" {
        Coordinator = "coordinator" => "医療的ケア児コーディネーター" / "Medical-care coordinator",
        ConsultationSupport = "consultationSupport" => "相談支援専門員" / "Consultation support specialist",
        Facility = "facility" => "施設職員" / "Facility staff",
        Nurse = "nurse" => "看護師" / "Nurse",
        CityStaff = "cityStaff" => "市区町村職員" / "City staff",
        Other = "other" => "その他" / "Other",
    }
}

/// # 作成者 / Author
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct Author {
    /// # 氏名 / Name
    pub name: PersonName,
    /// # 所属 / Organisation
    #[schemars(length(min = 1, max = 200))]
    pub organization: String,
    /// # 立場 / Role
    pub role: AuthorRole,
    /// # 電話 / Phone
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub phone: Option<Phone>,
}

/// # 判定スコア欄 / Score section
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct ScoreSection {
    /// # 判定した医師 / Assessing physician
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub physician: Option<PersonName>,
    /// # 医療機関 / Medical institution
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(length(min = 1, max = 200))]
    pub institution: Option<String>,
    /// # 判定日 / Date assessed
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub assessed_on: Option<Date>,
    /// # 痙攣時の管理に関する医師の指示あり / Physician's seizure instruction on file
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub seizure_instruction_on_file: Option<bool>,
    /// # 記載された合計点 / Total as written
    ///
    /// 紙の判定票に書かれた合計。計算結果と照合します。/ The total written on a paper form, checked against the computed one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(range(max = 200))]
    pub declared_total: Option<u32>,
    /// # 記載された区分 / Class as written
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub declared_class: Option<ScoreClass>,
}

/// # 日常生活 / Daily life
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct DailyLife {
    /// # 食事 / Eating
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(length(min = 1, max = 2000))]
    pub eating: Option<String>,
    /// # 排泄 / Toileting
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(length(min = 1, max = 2000))]
    pub toileting: Option<String>,
    /// # 移動 / Mobility
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(length(min = 1, max = 2000))]
    pub mobility: Option<String>,
    /// # 睡眠 / Sleep
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(length(min = 1, max = 2000))]
    pub sleep: Option<String>,
    /// # コミュニケーション / Communication
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(length(min = 1, max = 2000))]
    pub communication: Option<String>,
}

/// # 家族の状況 / Family situation
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct Family {
    /// # 主な介護者 / Caregivers
    #[schemars(length(max = 10))]
    pub caregivers: Vec<Caregiver>,
    /// # きょうだい / Siblings
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(length(min = 1, max = 1000))]
    pub siblings: Option<String>,
    /// # 介護の負担 / Caregiver load
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(length(min = 1, max = 2000))]
    pub caregiver_load: Option<String>,
    /// # レスパイトの必要 / Respite needs
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(length(min = 1, max = 2000))]
    pub respite_needs: Option<String>,
}

/// # 介護者 / Caregiver
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct Caregiver {
    /// # 続柄 / Relationship
    pub relationship: Relationship,
    /// # 就労 / Works
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub works: Option<bool>,
    /// # 備考 / Note
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(length(min = 1, max = 1000))]
    pub note: Option<String>,
}

vocabulary! {
    /// # サービスの種類 / Kind of service
    pub enum ServiceKind: "serviceKind" {
        HomeNursing = "homeNursing" => "訪問看護" / "Home-visit nursing",
        HomeHelp = "homeHelp" => "居宅介護" / "Home help",
        ChildDevelopmentSupport = "childDevelopmentSupport" => "児童発達支援" / "Child development support",
        AfterSchoolDayService = "afterSchoolDayService" => "放課後等デイサービス" / "After-school day service",
        ShortStay = "shortStay" => "短期入所" / "Short stay",
        Nursery = "nursery" => "保育所等" / "Nursery",
        School = "school" => "学校" / "School",
        Rehabilitation = "rehabilitation" => "リハビリテーション" / "Rehabilitation",
        Other = "other" => "その他" / "Other",
    }
}

/// # 利用中のサービス / Service in use
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct ServiceUse {
    /// # 種類 / Kind
    pub kind: ServiceKind,
    /// # 事業所 / Provider
    #[schemars(length(min = 1, max = 200))]
    pub provider: String,
    /// # 頻度 / Frequency
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(length(min = 1, max = 200))]
    pub frequency: Option<String>,
}

/// # 希望 / Wishes
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct Wishes {
    /// # 本人の希望 / The child's wishes
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(length(min = 1, max = 2000))]
    pub child: Option<String>,
    /// # 家族の希望 / The family's wishes
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(length(min = 1, max = 2000))]
    pub family: Option<String>,
}

vocabulary! {
    /// # 予備電源 / Backup power
    pub enum BackupPower: "backupPower" {
        Battery = "battery" => "外部バッテリー" / "External battery",
        Car = "car" => "自動車からの給電" / "Power from a car",
        Generator = "generator" => "発電機" / "Generator",
        Other = "other" => "その他" / "Other",
    }
}

/// # 緊急時・災害時の備え / Emergency and disaster readiness
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct DisasterReadiness {
    /// # 電源を要する医療機器 / Power-dependent devices
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[schemars(length(max = 20))]
    pub devices: Vec<PowerDevice>,
    /// # 予備電源 / Backup power
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[schemars(length(max = 4))]
    pub backup_power: Vec<BackupPower>,
    /// # 避難先 / Where to evacuate
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(length(min = 1, max = 500))]
    pub evacuation_place: Option<String>,
    /// # 個別避難計画あり / Individual evacuation plan exists
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub evacuation_plan: Option<bool>,
    /// # 備考 / Notes
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(length(min = 1, max = 2000))]
    pub notes: Option<String>,
}

/// # 電源を要する機器 / Power-dependent device
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct PowerDevice {
    /// # 機器 / Device
    #[schemars(length(min = 1, max = 200))]
    pub name: String,
    /// # 消費電力 / Power draw
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub watts: Option<Quantity<Watts>>,
    /// # 内部バッテリー / Internal battery
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub internal_battery: Option<Quantity<Hours>>,
    /// # 外部バッテリー / External battery
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub external_battery: Option<Quantity<Hours>>,
}

/// # 役割分担 / Agreed role
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct AgreedRole {
    /// # 誰が / Who
    #[schemars(length(min = 1, max = 200))]
    pub who: String,
    /// # 何をする / Does what
    #[schemars(length(min = 1, max = 2000))]
    pub does: String,
}

impl DocumentKind for Assessment {
    const KIND: Kind = Kind::Assessment;

    fn id(&self) -> Uuid {
        self.id
    }

    fn format_version(&self) -> FormatVersion {
        self.format_version
    }

    fn date(&self) -> Date {
        self.assessed_on
    }

    fn child(&self) -> ChildRef<'_> {
        ChildRef::from(&self.child)
    }

    fn care(&self) -> Option<CareSection<'_>> {
        let context = ScoreContext {
            on: self.assessed_on,
            birth_date: self.child.birth_date,
            severe_disabilities: self.child.welfare.as_ref().and_then(|w| w.severe_motor_intellectual_disabilities),
            missing_watch: Severity::Error,
            seizure_instruction_on_file: self.score.seizure_instruction_on_file,
        };
        Some(CareSection { care: &self.care, pointer: "/care", context })
    }

    fn check(&self, out: &mut Vec<Diagnostic>) {
        let assessment = self;
        birth_before(
            assessment.child.birth_date,
            assessment.assessed_on,
            "/child/birthDate",
            "作成日",
            "the date of assessment",
            out,
        );
        age_at(assessment.child.birth_date, assessment.assessed_on, out);
        child_name(&assessment.child.name, "/child/name", out);
        if assessment.next_review_on <= assessment.assessed_on {
            push(
                out,
                Code::ReviewNotAfterAssessment,
                "/nextReviewOn",
                "次回の見直し日が作成日より後になっていません",
                "the next review is not after the date of assessment",
            );
        }
        if !assessment.care.is_empty() && assessment.score.physician.is_none() {
            push(
                out,
                Code::ScorePhysicianMissing,
                "/score/physician",
                "判定スコアを判定した医師が書かれていません",
                "the physician who assessed the score is not given",
            );
        }
        let context = CareContext {
            base: "/care",
            places: None,
            version: assessment.format_version,
            birth: assessment.child.birth_date,
            on: assessment.assessed_on,
        };
        care_items(&assessment.care, &context, out);
        crate::plausible::weight(&assessment.child, &context, out);
    }

    /// A total or class written on the form must be the computed one.
    fn check_score(&self, score: &Score, out: &mut Vec<Diagnostic>) {
        let assessment = self;
        if let Some(declared) = assessment.score.declared_total
            && declared != score.total
        {
            push(
                out,
                Code::DeclaredTotalMismatch,
                "/score/declaredTotal",
                format!("記載された合計点がケアの項目から計算した {} 点と一致しません", score.total),
                format!("the total as written does not match the {} points computed from the care items", score.total),
            );
        }
        if let Some(declared) = assessment.score.declared_class
            && declared != score.class
        {
            push(
                out,
                Code::DeclaredClassMismatch,
                "/score/declaredClass",
                format!("記載された区分が計算結果「{}」と一致しません", score.class.label(crate::Lang::Ja)),
                format!(
                    "the class as written does not match the computed class \"{}\"",
                    score.class.label(crate::Lang::En)
                ),
            );
        }
    }
}
