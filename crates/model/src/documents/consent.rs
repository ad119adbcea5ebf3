//! 個人情報使用同意書: the guardian's consent for the city to share information.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use super::{ChildRef, ConsentTag, DocumentKind, FormatVersion, Kind};
use crate::common::{Address, Extensions, Identifier, PersonName, Proxy};
use crate::date::Date;
use crate::diagnostic::{Code, Diagnostic, Message};
use crate::rules::{birth_before, child_name, push};
use crate::vocab::{DocLanguage, Relationship, SignatureMethod, Vocabulary, vocabulary};

/// # 個人情報使用同意書 / Consent to share personal information
///
/// 支援の調整・緊急時・災害時のため、市区町村の部署と関係機関の間で情報を共有することへの保護者の同意。
/// / The guardian's consent for the city's departments and outside bodies to share
/// information, to coordinate support and for emergencies and disasters.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct Consent {
    /// # スキーマの URI / Schema URI
    #[serde(rename = "$schema", default, skip_serializing_if = "Option::is_none")]
    pub schema: Option<String>,
    /// # 文書の種類 / Document kind
    pub kind: ConsentTag,
    /// # 書式の版 / Format version
    pub format_version: FormatVersion,
    /// # 文書 ID / Document id
    pub id: Uuid,
    /// # 記入言語 / Language
    pub language: DocLanguage,
    /// # 宛先 / Addressee
    ///
    /// 例: 調布市長 / e.g. the Mayor of Chofu
    #[schemars(length(min = 1, max = 200))]
    pub addressee: String,
    /// # こども / Child
    pub child: ConsentChild,
    /// # 利用目的 / Purposes
    #[schemars(length(min = 1, max = 5))]
    pub purposes: Vec<Purpose>,
    /// # 利用目的 (その他の内容) / Other purpose
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(length(min = 1, max = 1000))]
    pub purpose_note: Option<String>,
    /// # 共有する情報の範囲 / Scope of information
    #[schemars(length(min = 1, max = 10))]
    pub scope: Vec<InformationScope>,
    /// # 共有先 / Recipients
    #[schemars(length(min = 1, max = 40))]
    pub recipients: Vec<Recipient>,
    /// # 同意の範囲 (提供・照会) / Directions
    ///
    /// 情報を提供すること、主治医や施設に照会すること。ないときは提供のみ。1.2 で追加。
    /// / Providing information, and asking physicians or facilities for it; without this, providing only. Added in 1.2.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[schemars(length(max = 2))]
    pub directions: Vec<ConsentDirection>,
    /// # 同意の期間 / Period of consent
    pub period: ConsentPeriod,
    /// # 撤回について / Revocation
    pub revocation: Revocation,
    /// # 署名者 / Signers
    ///
    /// 保護者一人以上 (二人目は任意)。/ At least one guardian; a second is optional.
    #[schemars(length(min = 1, max = 2))]
    pub signers: Vec<Signer>,
    /// # 受付 / Receipt
    pub receipt: Receipt,
    /// # 地域拡張 / Local extensions
    #[serde(default, skip_serializing_if = "Extensions::is_empty")]
    pub extensions: Extensions,
}

/// # こども / Child
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct ConsentChild {
    /// # 識別子 / Identifiers
    ///
    /// 1.2 で追加。/ Added in 1.2.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[schemars(length(max = 10))]
    pub identifiers: Vec<Identifier>,
    /// # 氏名 / Name
    pub name: PersonName,
    /// # 生年月日 / Date of birth
    pub birth_date: Date,
    /// # 住所 / Address
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub address: Option<Address>,
}

vocabulary! {
    /// # 利用目的 / Purpose
    pub enum Purpose: "purpose" {
        CoordinatingSupport = "coordinatingSupport" => "支援の調整" / "Coordinating support",
        Emergency = "emergency" => "緊急時の対応" / "Emergencies",
        Disaster = "disaster" => "災害時の対応" / "Disasters",
        Other = "other" => "その他" / "Other",
    }
}

vocabulary! {
    /// # 共有する情報 / Information shared
    pub enum InformationScope: "informationScope" {
        Identity = "identity" => "氏名・生年月日・住所" / "Name, date of birth, address",
        Diagnoses = "diagnoses" => "診断名" / "Diagnoses",
        CareItems = "careItems" => "医療的ケアの内容と判定スコア" / "Care items and score",
        Devices = "devices" => "使用する医療機器" / "Medical devices",
        Contacts = "contacts" => "連絡先" / "Contacts",
        ConsultationHistory = "consultationHistory" => "相談の記録" / "Consultation history",
        Certificates = "certificates" => "手帳・受給者証" / "Disability certificates",
        SchoolOrFacility = "schoolOrFacility" => "在籍する学校・施設" / "School or facility",
        Family = "family" => "家族の状況" / "Family situation",
        Caregivers = "caregivers" => "介護者と介護の状況" / "Caregivers and their load",
    }
}

vocabulary! {
    /// # 共有先の種類 / Kind of recipient
    pub enum RecipientKind: "recipientKind" {
        DisabilityWelfare = "disabilityWelfare" => "障害福祉担当課" / "Disability welfare division",
        ChildDevelopmentCenter = "childDevelopmentCenter" => "子ども発達センター" / "Child development centre",
        Childcare = "childcare" => "保育担当課" / "Childcare division",
        SchoolAffairs = "schoolAffairs" => "教育委員会・学務課" / "Board of education, school affairs",
        HealthPromotion = "healthPromotion" => "健康推進課 (母子保健)" / "Health promotion (maternal and child health)",
        DisasterPrevention = "disasterPrevention" => "防災担当課" / "Disaster prevention division",
        PublicHealthCenter = "publicHealthCenter" => "保健所" / "Public health centre",
        Hospital = "hospital" => "医療機関" / "Hospitals",
        HomeNursing = "homeNursing" => "訪問看護事業所" / "Home-visit nursing",
        ConsultationSupport = "consultationSupport" => "相談支援事業所" / "Consultation support office",
        School = "school" => "学校" / "Schools",
        DayService = "dayService" => "通所支援事業所" / "Day services",
        WelfareCommissioner = "welfareCommissioner" => "民生委員・児童委員" / "Welfare and child commissioners",
        VoluntaryDisasterOrganization = "voluntaryDisasterOrganization" => "自主防災組織" / "Voluntary disaster-prevention organisation",
        FireDepartment = "fireDepartment" => "消防" / "Fire department",
        SocialWelfareCouncil = "socialWelfareCouncil" => "社会福祉協議会" / "Social welfare council",
        OtherCityDepartment = "otherCityDepartment" => "その他の市の部署" / "Other city department",
        OtherOutsideBody = "otherOutsideBody" => "その他の関係機関" / "Other outside body",
    }
}

impl RecipientKind {
    /// Whether the recipient is a department of the city itself (APPI Art. 69 applies).
    pub fn is_city_department(self) -> bool {
        matches!(
            self,
            Self::DisabilityWelfare
                | Self::ChildDevelopmentCenter
                | Self::Childcare
                | Self::SchoolAffairs
                | Self::HealthPromotion
                | Self::DisasterPrevention
                | Self::PublicHealthCenter
                | Self::OtherCityDepartment
        )
    }
}

/// # 共有先 / Recipient
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct Recipient {
    /// # 種類 / Kind
    pub kind: RecipientKind,
    /// # 名称 / Name
    ///
    /// 「その他」では必須。/ Required for the "other" kinds.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(length(min = 1, max = 200))]
    pub name: Option<String>,
}

vocabulary! {
    /// # 同意の範囲 / Direction
    pub enum ConsentDirection: "consentDirection" {
        Provide = "provide" => "共有先に情報を提供する" / "Provide information to the recipients",
        Obtain = "obtain" => "主治医・関係機関に情報を照会する" / "Ask physicians and other bodies for information",
    }
}

vocabulary! {
    /// # 同意の終わり / How the consent ends
    pub enum ConsentUntil: "consentUntil" {
        FixedDate = "fixedDate" => "期日まで" / "Until a fixed date",
        Age18 = "age18" => "18歳に達する日の属する年度末まで" / "Until the end of the school year in which the child turns 18",
        EndOfHighSchool = "endOfHighSchool" => "高等学校等を卒業するまで" / "Until the child leaves high school",
        MovingOut = "movingOut" => "転出するまで" / "Until the family moves out of the city",
    }
}

/// # 同意の期間 / Period of consent
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct ConsentPeriod {
    /// # 開始日 / From
    pub start: Date,
    /// # 終わり方 / Ends
    pub until: ConsentUntil,
    /// # 終了日 / To
    ///
    /// 「期日まで」では必須。/ Required when the consent runs until a fixed date.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub end: Option<Date>,
}

/// # 撤回 / Revocation
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct Revocation {
    /// # 撤回の方法 / How to revoke
    #[schemars(length(min = 1, max = 1000))]
    pub how: String,
    /// # 撤回の効果 / What revocation means
    #[schemars(length(min = 1, max = 1000))]
    pub effect: String,
    /// # 撤回された日 / Date revoked
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub revoked_on: Option<Date>,
}

/// # 署名者 / Signer
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct Signer {
    /// # 氏名 / Name
    pub name: PersonName,
    /// # こどもとの続柄 / Relationship to the child
    pub relationship: Relationship,
    /// # 署名の方法 / Method
    pub method: SignatureMethod,
    /// # 署名日 / Date signed
    pub signed_on: Date,
    /// # 代理人 / Proxy
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub proxy: Option<Proxy>,
}

/// # 受付 / Receipt
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct Receipt {
    /// # 受付部署 / Receiving department
    #[schemars(length(min = 1, max = 200))]
    pub department: String,
    /// # 担当者 / Staff
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub staff: Option<PersonName>,
    /// # 受付日 / Date received
    pub received_on: Date,
    /// # 控えを渡した / Copy given to the family
    pub copy_given: bool,
}

impl DocumentKind for Consent {
    const KIND: Kind = Kind::Consent;

    fn id(&self) -> Uuid {
        self.id
    }

    fn format_version(&self) -> FormatVersion {
        self.format_version
    }

    fn date(&self) -> Date {
        self.receipt.received_on
    }

    fn child(&self) -> ChildRef<'_> {
        ChildRef::from(&self.child)
    }

    fn check(&self, out: &mut Vec<Diagnostic>) {
        let consent = self;
        let birth = consent.child.birth_date;
        child_name(&consent.child.name, "/child/name", out);
        let period = &consent.period;
        birth_before(birth, period.start, "/child/birthDate", "同意の開始日", "the start of the consent", out);
        match (period.until, period.end) {
            (ConsentUntil::FixedDate, None) => {
                push(
                    out,
                    Code::ConsentEndMissing,
                    "/period/end",
                    "期日までの同意には終了日が必要です",
                    "a consent until a fixed date needs its end date",
                );
            }
            (ConsentUntil::FixedDate, Some(end)) if end < period.start => {
                push(
                    out,
                    Code::PeriodInverted,
                    "/period/end",
                    "同意の終了日が開始日より前です",
                    "the consent ends before it starts",
                );
            }
            (ConsentUntil::Age18 | ConsentUntil::MovingOut, Some(_)) => {
                push(
                    out,
                    Code::ConsentEndUnexpected,
                    "/period/end",
                    "期日まででない同意に終了日が書かれています",
                    "an end date is given for a consent that does not end on a fixed date",
                );
            }
            _ => {}
        }
        if consent.purposes.contains(&Purpose::Other) && consent.purpose_note.is_none() {
            push(
                out,
                Code::OtherWithoutName,
                "/purposeNote",
                "「その他」の利用目的の内容がありません",
                "the \"other\" purpose is not described",
            );
        }
        for (i, recipient) in consent.recipients.iter().enumerate() {
            let other = matches!(recipient.kind, RecipientKind::OtherCityDepartment | RecipientKind::OtherOutsideBody);
            if other && recipient.name.is_none() {
                push(
                    out,
                    Code::OtherWithoutName,
                    format!("/recipients/{i}/name"),
                    "「その他」の共有先の名称がありません",
                    "an \"other\" recipient has no name",
                );
            }
        }
        let mut first_signed: Option<Date> = None;
        for (i, signer) in consent.signers.iter().enumerate() {
            let base = format!("/signers/{i}");
            if !signer.relationship.may_consent_for_child() {
                out.push(
                    Diagnostic::new(
                        Code::SignerCannotConsent,
                        format!("{base}/relationship"),
                        Message::new(
                            format!(
                                "続柄「{}」の人はこどもに代わって同意できません",
                                signer.relationship.label(crate::Lang::Ja)
                            ),
                            format!(
                                "a signer who is the child's {} cannot consent for the child",
                                signer.relationship.label(crate::Lang::En).to_lowercase()
                            ),
                        ),
                    )
                    .with_hint(Message::new(
                        "親権者 (父母)・未成年後見人・施設長が署名し、代筆は proxy に書いてください",
                        "a parent, legal guardian or facility head signs; someone writing for them goes under proxy",
                    )),
                );
            }
            if signer.signed_on < birth {
                push(
                    out,
                    Code::DateOrder,
                    format!("{base}/signedOn"),
                    "署名日が生年月日より前です",
                    "the signature date is before the date of birth",
                );
            }
            first_signed = Some(first_signed.map_or(signer.signed_on, |d| d.min(signer.signed_on)));
        }
        if let Some(revoked) = consent.revocation.revoked_on
            && (first_signed.is_some_and(|signed| revoked < signed) || revoked < period.start)
        {
            push(
                out,
                Code::RevokedBeforeSigned,
                "/revocation/revokedOn",
                "撤回日が署名日又は同意の開始日より前です",
                "the consent is revoked before it was signed or started",
            );
        }
        if let Some(signed) = first_signed
            && consent.receipt.received_on < signed
        {
            push(
                out,
                Code::ReceivedBeforeSigned,
                "/receipt/receivedOn",
                "受付日が署名日より前です",
                "the consent was received before it was signed",
            );
        }
    }
}
