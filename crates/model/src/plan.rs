//! What a facility needs to act on a care item: where, when and by whom it is
//! done ([`Assignment`]), and what to do when a device comes out or fails
//! ([`TroublePlan`]), with whom to call in which order ([`CallStep`]). Format 1.2.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::common::LocalId;
use crate::vocab::vocabulary;

vocabulary! {
    /// # 実施者 / Who may do it
    ///
    /// 看護職員 (看護師・准看護師)、認定特定行為業務従事者 (喀痰吸引等の研修を修了し認定を受けた職員)、
    /// 国の通知の範囲で行う教員・保育士等、保護者、本人。
    /// / Nurses; care staff certified for suction and tube feeding; teachers and nursery staff
    /// within the national notices; the guardian; the child.
    pub enum Performer: "performer" {
        Nurse = "nurse" => "看護職員" / "Nurse",
        CertifiedStaff = "certifiedStaff" => "認定特定行為業務従事者" / "Certified care staff",
        FacilityStaff = "facilityStaff" => "教員・保育士等" / "Teachers, nursery staff",
        Guardian = "guardian" => "保護者" / "Guardian",
        Myself = "self" => "本人" / "The child",
    }
}

impl Performer {
    /// Staff the legal limits of suction and feeding bind (not nurses, not the family).
    pub fn is_non_nurse_staff(self) -> bool {
        matches!(self, Self::CertifiedStaff | Self::FacilityStaff)
    }
}

vocabulary! {
    /// # 曜日 / Day of the week
    pub enum Weekday: "weekday" {
        Mon = "mon" => "月" / "Mon",
        Tue = "tue" => "火" / "Tue",
        Wed = "wed" => "水" / "Wed",
        Thu = "thu" => "木" / "Thu",
        Fri = "fri" => "金" / "Fri",
        Sat = "sat" => "土" / "Sat",
        Sun = "sun" => "日" / "Sun",
    }
}

/// # 実施の割り当て (場所・時間・実施者) / Where, when and by whom
///
/// 割り当てのないケアは、宛先のすべての施設で行います (1.1 までと同じ意味)。
/// / Care without assignments is done at every addressee, as before 1.2.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct Assignment {
    /// # 実施する場所 / Where
    ///
    /// 宛先の施設の ID。/ The id of one of the sheet's addressees.
    pub at: LocalId,
    /// # 曜日 / Days
    ///
    /// 空なら、その場所にいる日すべて。/ Empty: every day the child is there.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[schemars(length(max = 7))]
    pub days: Vec<Weekday>,
    /// # 時刻 / Times
    ///
    /// 24時間表記 HH:MM / 24-hour HH:MM
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[schemars(inner(regex(pattern = r"^([01][0-9]|2[0-3]):[0-5][0-9]$")), length(max = 24))]
    pub times: Vec<String>,
    /// # 随時の条件 / Conditions (as needed)
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(length(min = 1, max = 1000))]
    pub conditions: Option<String>,
    /// # 実施者 / Who may do it
    ///
    /// 書かれた人のいずれかが行います。/ Any of them may do it.
    #[schemars(length(min = 1, max = 5))]
    pub performers: Vec<Performer>,
    /// # 備考 / Note
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(length(min = 1, max = 500))]
    pub note: Option<String>,
}

vocabulary! {
    /// # トラブルの種類 / Kind of trouble
    pub enum TroubleKind: "troubleKind" {
        Dislodged = "dislodged" => "抜けた (事故抜去)" / "Came out",
        Blocked = "blocked" => "詰まった (閉塞)" / "Blocked",
        Leakage = "leakage" => "漏れ" / "Leakage",
        Disconnected = "disconnected" => "回路・接続が外れた" / "Disconnected",
        Bleeding = "bleeding" => "出血" / "Bleeding",
        Infection = "infection" => "発熱・感染の徴候" / "Fever or signs of infection",
        SkinProblem = "skinProblem" => "皮膚のトラブル" / "Skin problem",
        Alarm = "alarm" => "アラーム" / "Alarm",
        DeviceFailure = "deviceFailure" => "機器の故障・エラー" / "Device failure",
        PowerFailure = "powerFailure" => "停電・電源の喪失" / "Power failure",
        Other = "other" => "その他" / "Other",
    }
}

vocabulary! {
    /// # 連絡の種類 / Kind of call
    pub enum CallKind: "callKind" {
        Ambulance = "ambulance" => "119番通報 (救急車)" / "Call 119 (ambulance)",
        Contact = "contact" => "連絡先に電話" / "Call a listed contact",
    }
}

/// # 連絡の手順 / Call step
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct CallStep {
    /// # 連絡 / Call
    pub call: CallKind,
    /// # 連絡先 / Contact
    ///
    /// 緊急連絡先の ID (「連絡先に電話」のとき)。/ The id of an emergency contact (for a contact call).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub contact: Option<LocalId>,
    /// # いつ / When
    ///
    /// 例: 再挿入できないとき / e.g. if it cannot be put back
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(length(min = 1, max = 300))]
    pub when: Option<String>,
}

/// # トラブル時の対応 / Trouble plan
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct TroublePlan {
    /// # トラブル / Trouble
    pub trouble: TroubleKind,
    /// # 状況 / Situation
    ///
    /// 「その他」では必須。例: 低圧アラーム / Required for "other"; e.g. the low-pressure alarm
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(length(min = 1, max = 500))]
    pub situation: Option<String>,
    /// # 対応 / What to do
    #[schemars(length(min = 1, max = 2000))]
    pub action: String,
    /// # 対応できる人 / Who may do it
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[schemars(length(max = 5))]
    pub performers: Vec<Performer>,
    /// # 連絡の順番 / Whom to call, in order
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[schemars(length(max = 8))]
    pub calls: Vec<CallStep>,
}

vocabulary! {
    /// # 頓用薬の使用後 / After the rescue drug
    pub enum AfterRescue: "afterRescue" {
        Ambulance = "ambulance" => "救急搬送する" / "Call an ambulance",
        SeeDoctor = "seeDoctor" => "保護者に引き渡し、必ず医療機関を受診させる" / "Hand over to the guardian; the child is always seen by a doctor",
    }
}
