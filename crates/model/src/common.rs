//! Building blocks shared by every document kind: people, places, contacts,
//! signatures and the envelope.

use std::collections::BTreeMap;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::date::Date;
use crate::vocab::{CareNeedLevel, FacilityKind, Relationship, Sex, SignatureMethod, SupportCategory};

/// # ID (この文書の中で一意) / Local id (unique within the document)
///
/// 英小文字で始まり、英小文字・数字・ハイフン。例: school, day-service
/// / Starts with a lowercase letter; lowercase letters, digits and hyphens. e.g. school, day-service
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, JsonSchema)]
#[serde(transparent)]
pub struct LocalId(#[schemars(regex(pattern = r"^[a-z][a-z0-9-]{0,31}$"))] pub String);

impl LocalId {
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// # 識別子 / Identifier
///
/// 書類をまたいで同じこどもを結びつける番号。例: 市の宛名番号、施設の利用者番号。
/// マイナンバー (個人番号) は書かないでください。
/// / A number that links one child's documents: the city's resident number, a facility's
/// client number. Never the My Number (individual number).
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct Identifier {
    /// # 発番者 / System
    ///
    /// 番号を付けた組織を表す逆ドメイン名又は URI。例: jp.lg.chofu.atena
    /// / Who issued the number, as a reverse domain name or URI, e.g. jp.lg.chofu.atena
    #[schemars(length(min = 1, max = 200), regex(pattern = r"^[A-Za-z0-9][A-Za-z0-9.:/_-]*$"))]
    pub system: String,
    /// # 番号 / Value
    #[schemars(length(min = 1, max = 64), regex(pattern = r"^[A-Za-z0-9][A-Za-z0-9._-]*$"))]
    pub value: String,
}

/// # 福祉の状況 / Welfare status
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct WelfareStatus {
    /// # 重症心身障害児 / Child with severe motor and intellectual disabilities (重症心身障害児)
    ///
    /// 医療型短期入所の判定スコアの基準が変わります。/ Changes which score opens medical short stay.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub severe_motor_intellectual_disabilities: Option<bool>,
    /// # 要介護認定 / Long-term care need level
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub care_need_level: Option<CareNeedLevel>,
    /// # 障害支援区分 / Disability support category
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub support_category: Option<SupportCategory>,
}

/// # 氏名 / Name
///
/// 入力されたとおりの文字で保持し、正規化しません (﨑・髙・異体字セレクタもそのまま)。
/// ふりがなは別に持ちます。/ Kept exactly as entered, never normalised (﨑, 髙 and
/// variation selectors stay as they are); readings are separate.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct PersonName {
    /// # 姓 / Family name
    #[schemars(length(min = 1, max = 100))]
    pub family: String,
    /// # 名 / Given name
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(length(min = 1, max = 100))]
    pub given: Option<String>,
    /// # 姓のふりがな / Reading of the family name
    ///
    /// ひらがな又はカタカナ。/ In hiragana or katakana.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(length(min = 1, max = 200))]
    pub family_reading: Option<String>,
    /// # 名のふりがな / Reading of the given name
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(length(min = 1, max = 200))]
    pub given_reading: Option<String>,
}

/// # 住所 / Address
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct Address {
    /// # 郵便番号 / Postal code
    ///
    /// 例 / e.g. 182-0026
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(regex(pattern = r"^[0-9]{3}-?[0-9]{4}$"))]
    pub postal_code: Option<String>,
    /// # 住所 / Address text
    #[schemars(length(min = 1, max = 300))]
    pub text: String,
}

/// # 電話番号 / Phone number
///
/// 数字・ハイフン・括弧・+ のみ。/ Digits, hyphens, brackets and + only.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(transparent)]
pub struct Phone(#[schemars(regex(pattern = r"^\+?[0-9][0-9\-() ]{1,30}$"))] pub String);

/// # 保護者 / Guardian
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct Guardian {
    /// # 氏名 / Name
    pub name: PersonName,
    /// # 続柄 / Relationship
    pub relationship: Relationship,
    /// # 電話 / Phone
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub phone: Option<Phone>,
    /// # 日中の連絡先 / Daytime contact
    ///
    /// 勤務先など。/ Workplace or similar.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub daytime_phone: Option<Phone>,
    /// # 住所 (こどもと異なる場合) / Address, if not the child's
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub address: Option<Address>,
}

/// # こども / Child
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct Child {
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
    /// # 性別 / Sex
    pub sex: Sex,
    /// # 住所 / Address
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub address: Option<Address>,
    /// # 電話 (自宅) / Home phone
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub phone: Option<Phone>,
    /// # 保護者 / Guardians
    #[schemars(length(max = 4))]
    pub guardians: Vec<Guardian>,
    /// # 体重 / Body weight
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub weight: Option<Weight>,
    /// # 体重の測定日 (1.0 の書き方) / Date the weight was measured (1.0 form)
    ///
    /// 1.1 からは `weight.measuredOn` に書きます。`tsunagu migrate` が移します。
    /// / Since 1.1 this goes in `weight.measuredOn`; `tsunagu migrate` moves it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(extend("deprecated" = true))]
    pub weight_measured_on: Option<Date>,
    /// # 福祉の状況 / Welfare status
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub welfare: Option<WelfareStatus>,
}

impl Child {
    /// The date the weight was measured, in either form.
    pub fn weight_date(&self) -> Option<Date> {
        self.weight.as_ref().and_then(|weight| weight.measured_on).or(self.weight_measured_on)
    }
}

/// # 体重 / Body weight
///
/// 値と測定日を一緒に持ちます (体重あたりの薬用量は測った日に依存するため)。
/// / The value with the date it was measured, since doses per kilogram depend on it.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct Weight {
    /// # 体重 / Weight
    #[serde(serialize_with = "crate::quantity::serialize_whole")]
    #[schemars(range(min = 0))]
    pub value: f64,
    /// # 単位 / Unit
    pub unit: KgUnit,
    /// # 測定日 / Date measured
    ///
    /// 1.1 で追加。/ Added in 1.1.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub measured_on: Option<Date>,
}

/// The unit of [`Weight`]: always `kg`, fixed by `const` like every quantity's unit.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum KgUnit {
    #[serde(rename = "kg")]
    Kg,
}

impl JsonSchema for KgUnit {
    fn inline_schema() -> bool {
        true
    }

    fn schema_name() -> std::borrow::Cow<'static, str> {
        "KgUnit".into()
    }

    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({ "const": "kg" })
    }
}

/// # 施設 / Facility
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct Facility {
    /// # ID / Id
    ///
    /// ケアの割り当て (assignments の at) から参照します。/ What care assignments (`at`) refer to.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<LocalId>,
    /// # 施設名 / Name
    #[schemars(length(min = 1, max = 200))]
    pub name: String,
    /// # 種別 / Kind
    pub kind: FacilityKind,
    /// # 宛名 (部署・職名) / Attention (department or title)
    ///
    /// 例: 校長、看護師 / e.g. principal, school nurse
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(length(min = 1, max = 200))]
    pub attention: Option<String>,
    /// # 住所 / Address
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub address: Option<Address>,
    /// # 電話 / Phone
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub phone: Option<Phone>,
    /// # FAX / Fax
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub fax: Option<Phone>,
    /// # 事業所番号 / Office number
    ///
    /// 介護・障害福祉サービスの事業所番号、登録喀痰吸引等事業者の登録番号。
    /// / The service office's number, or its registration for suction and tube feeding.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(regex(pattern = r"^[0-9A-Za-z]{1,20}$"))]
    pub office_number: Option<String>,
}

/// # 医療機関 / Medical institution
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct Institution {
    /// # 名称 / Name
    #[schemars(length(min = 1, max = 200))]
    pub name: String,
    /// # 診療科 / Department
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(length(min = 1, max = 100))]
    pub department: Option<String>,
    /// # 所在地 / Address
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub address: Option<Address>,
    /// # 電話 / Phone
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub phone: Option<Phone>,
    /// # FAX / Fax
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub fax: Option<Phone>,
}

/// # 代理人 / Proxy
///
/// 本人に代わって署名した人。/ Someone who signed on the signer's behalf.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct Proxy {
    /// # 代理人の氏名 / Proxy's name
    pub name: PersonName,
    /// # 本人との関係 / Relationship to the signer
    #[schemars(length(min = 1, max = 100))]
    pub relationship: String,
}

/// # 署名欄 / Signature block
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct Signature {
    /// # 署名の方法 / Method
    ///
    /// 自署は押印に代わります。/ An own-hand signature replaces the seal.
    pub method: SignatureMethod,
    /// # 署名日 / Date signed
    pub date: Date,
    /// # 代理人 / Proxy
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub proxy: Option<Proxy>,
}

/// # 地域拡張 / Local extensions
///
/// 標準にない項目を置く唯一の場所。キーは逆ドメイン名 (例: `jp.lg.chofu`)、値は任意の JSON。
/// / The one place for items the standard lacks. Keys are reverse domain names
/// (e.g. `jp.lg.chofu`); values are any JSON.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(transparent)]
pub struct Extensions(
    #[schemars(extend("propertyNames" = { "pattern": "^[a-z0-9-]+(\\.[a-z0-9-]+)+$" }))]
    pub  BTreeMap<String, serde_json::Value>,
);

impl Extensions {
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}
