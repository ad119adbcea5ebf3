//! 個別避難計画: the individual evacuation plan of a child on medical care. The
//! fields the Disaster Countermeasures Basic Act asks of a plan (§49-10, §49-14: who,
//! why help is needed, the helpers, the shelter and the route), and what a child on
//! power-dependent devices needs: the devices, the backup power, the hours they give
//! (computed, never typed: [`EvacuationPlan::power`]), the three phases, who
//! confirms the child is safe, and the contacts.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use super::{BackupPower, ChildRef, DocumentKind, EvacuationTag, FormatVersion, Kind, RecipientKind};
use crate::common::{Address, Extensions, Identifier, PersonName, Phone};
use crate::date::Date;
use crate::diagnostic::{Code, Diagnostic, Message};
use crate::quantity::{Hours, Litres, Ml, Quantity, WattHours, Watts};
use crate::rules::{birth_before, child_name, push};
use crate::vocab::{DocLanguage, Sex, vocabulary};

/// Conversion efficiency through an AC inverter (a power station's or a car's AC outlet):
/// 0.80–0.90 in practice; 0.85 unless the plan says otherwise.
pub const AC_EFFICIENCY: f64 = 0.85;
/// Conversion efficiency on a DC cable (0.90–0.95 in practice).
pub const DC_EFFICIENCY: f64 = 0.92;
/// Batteries are replaced about every five years.
pub const BATTERY_YEARS: u32 = 5;

/// # 個別避難計画 / Individual evacuation plan
///
/// 災害時に避難の支援が必要なこどもの計画。本人・家族の同意のもとで作り、毎年見直します。
/// / The plan for a child who needs help to evacuate in a disaster, made with the
/// family's consent and reviewed every year.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct EvacuationPlan {
    /// # スキーマの URI / Schema URI
    #[serde(rename = "$schema", default, skip_serializing_if = "Option::is_none")]
    pub schema: Option<String>,
    /// # 文書の種類 / Document kind
    pub kind: EvacuationTag,
    /// # 書式の版 / Format version
    pub format_version: FormatVersion,
    /// # 文書 ID / Document id
    pub id: Uuid,
    /// # 記入言語 / Language
    pub language: DocLanguage,
    /// # 避難行動要支援者 (こども) / The child
    pub child: Evacuee,
    /// # 避難の支援が必要な理由 / Why help is needed
    #[schemars(length(min = 1, max = 2000))]
    pub why_help_is_needed: String,
    /// # 作成日 / Made on
    pub made_on: Date,
    /// # 作成者 / Made by
    pub made_by: PlanAuthor,
    /// # 根拠とする同意 / Consent
    ///
    /// 同意書の文書 ID。/ The consent document's id.
    pub consent: Uuid,
    /// # 計画を共有する先 / Shared with
    ///
    /// 避難支援等関係者 (民生委員・自主防災組織・消防など)。同意の共有先に含まれている必要があります。
    /// / The bodies that help (welfare commissioners, the voluntary organisation, the fire
    /// department); the consent must name each.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[schemars(length(max = 20))]
    pub shared_with: Vec<RecipientKind>,
    /// # 医療的ケアの指示書 / Instruction sheet
    ///
    /// 持ち出し品を計算する指示書の文書 ID。/ The id of the instruction sheet the supplies follow.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub instruction_sheet: Option<Uuid>,
    /// # 医療的ケアの要点 / Care at a glance
    ///
    /// 緊急カードに印字します。/ Printed on the emergency card.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(length(min = 1, max = 1000))]
    pub care_summary: Option<String>,
    /// # 避難支援者 / Helpers
    ///
    /// 支援者に法的な義務は生じません。/ Helpers take on no legal duty.
    #[schemars(length(min = 1, max = 10))]
    pub helpers: Vec<Helper>,
    /// # 避難先と経路 / Where to go and how
    ///
    /// 最初のものが第一の避難先です。/ The first is where to go first.
    #[schemars(length(min = 1, max = 5))]
    pub destinations: Vec<Destination>,
    /// # 電源が必要な医療機器 / Power-dependent devices
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[schemars(length(max = 12))]
    pub devices: Vec<PlanDevice>,
    /// # 予備電源 / Backup power
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[schemars(length(max = 10))]
    pub backup_power: Vec<BackupSource>,
    /// # 目標とする時間 / Target hours
    ///
    /// 停電のあいだ機器を動かし続けたい時間 (例: 72 時間)。/ How long the devices should keep running in a power cut (e.g. 72 h).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub target_hours: Option<Quantity<Hours>>,
    /// # 持ち出し品の計算 / For the supplies
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub supplies: Option<SupplySettings>,
    /// # 時期ごとの行動 / What to do in each phase
    pub phases: Phases,
    /// # 安否確認 / Confirming the child is safe
    pub safety_check: SafetyCheck,
    /// # 連絡先 / Contacts
    #[schemars(length(min = 1, max = 20))]
    pub contacts: Vec<PlanContact>,
    /// # 次回の見直し / Next review
    pub next_review_on: Date,
    /// # 地域拡張 / Local extensions
    #[serde(default, skip_serializing_if = "Extensions::is_empty")]
    pub extensions: Extensions,
}

/// # こども / Child
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct Evacuee {
    /// # 識別子 / Identifiers
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
    pub address: Address,
    /// # 連絡先 / Phone
    pub phone: Phone,
}

/// # 作成者 / Author
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct PlanAuthor {
    /// # 氏名 / Name
    pub name: PersonName,
    /// # 所属・職種 / Organisation and role
    ///
    /// 例: つなぐ訪問看護ステーション 看護師 / e.g. the visiting nurse
    #[schemars(length(min = 1, max = 200))]
    pub organization: String,
}

/// # 避難支援者 / Helper
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct Helper {
    /// # 氏名 / Name
    #[schemars(length(min = 1, max = 200))]
    pub name: String,
    /// # 続柄・立場 / Relationship or role
    ///
    /// 例: 隣人、民生委員 / e.g. neighbour, welfare commissioner
    #[schemars(length(min = 1, max = 200))]
    pub role: String,
    /// # 住所 / Address
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub address: Option<Address>,
    /// # 電話 / Phone
    pub phone: Phone,
}

vocabulary! {
    /// # 避難先の種類 / Kind of destination
    pub enum DestinationKind: "destinationKind" {
        Home = "home" => "自宅 (在宅避難)" / "Home (sheltering in place)",
        WelfareShelter = "welfareShelter" => "福祉避難所" / "Welfare shelter",
        Shelter = "shelter" => "指定避難所" / "Designated shelter",
        Hospital = "hospital" => "病院" / "Hospital",
        Relatives = "relatives" => "親族・知人の家" / "Relatives' or friends' home",
        Other = "other" => "その他" / "Other",
    }
}

/// # 避難先 / Destination
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct Destination {
    /// # 種類 / Kind
    pub kind: DestinationKind,
    /// # 名称 / Name
    #[schemars(length(min = 1, max = 200))]
    pub name: String,
    /// # 住所 / Address
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub address: Option<Address>,
    /// # 電話 / Phone
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub phone: Option<Phone>,
    /// # どんなときに / When
    ///
    /// 例: 浸水のおそれがあるとき / e.g. when flooding is forecast
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(length(min = 1, max = 500))]
    pub when: Option<String>,
    /// # 経路と移動手段 / Route and transport
    #[schemars(length(min = 1, max = 1000))]
    pub route: String,
}

vocabulary! {
    /// # 医療機器の種類 / Kind of device
    pub enum DeviceKind: "powerDeviceKind" {
        Ventilator = "ventilator" => "人工呼吸器" / "Ventilator",
        CoughAssist = "coughAssist" => "排痰補助装置" / "Cough assist",
        OxygenConcentrator = "oxygenConcentrator" => "酸素濃縮器" / "Oxygen concentrator",
        SuctionUnit = "suctionUnit" => "吸引器" / "Suction unit",
        FeedingPump = "feedingPump" => "経腸栄養ポンプ" / "Feeding pump",
        InfusionPump = "infusionPump" => "輸液ポンプ" / "Infusion pump",
        PulseOximeter = "pulseOximeter" => "パルスオキシメーター" / "Pulse oximeter",
        Humidifier = "humidifier" => "加温加湿器" / "Humidifier",
        AirMattress = "airMattress" => "エアマットレス" / "Air mattress",
        Other = "other" => "その他" / "Other",
    }
}

/// # 電源が必要な医療機器 / Power-dependent device
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct PlanDevice {
    /// # 種類 / Kind
    pub kind: DeviceKind,
    /// # 機種 / Model
    #[schemars(length(min = 1, max = 200))]
    pub model: String,
    /// # 実測の消費電力 / Measured power
    ///
    /// 時間の計算に使います (定格より大幅に小さいのが普通です)。/ Used for the hours (usually far below the rating).
    pub measured_watts: Quantity<Watts>,
    /// # 定格消費電力 / Rated power
    ///
    /// 予備電源の出力が足りるかの確認に使います。/ Checked against each backup's output.
    pub rated_watts: Quantity<Watts>,
    /// # 内部バッテリー / Internal battery
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub internal_battery: Option<Quantity<Hours>>,
    /// # 外部バッテリー / External battery
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub external_battery: Option<Quantity<Hours>>,
    /// # バッテリーの購入日 / Battery bought on
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub battery_purchased_on: Option<Date>,
    /// # 正弦波の電源が必要 / Needs a pure sine wave
    ///
    /// 人工呼吸器など、矩形波・修正正弦波では動かない機器。/ Devices that do not run on a square or modified sine wave, such as ventilators.
    pub needs_pure_sine_wave: bool,
    /// # 設定 / Settings
    ///
    /// 緊急カードに印字します (例: SIMV 20回/分 150 ml PEEP 5)。/ Printed on the emergency card.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(length(min = 1, max = 500))]
    pub settings: Option<String>,
}

vocabulary! {
    /// # 出力 / Output
    pub enum PowerOutput: "powerOutput" {
        Ac = "ac" => "AC (コンセント、インバーター経由)" / "AC (an outlet, through an inverter)",
        Dc = "dc" => "DC (直流ケーブル)" / "DC (a direct-current cable)",
    }
}

/// # 予備電源 / Backup power
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct BackupSource {
    /// # 種類 / Kind
    pub kind: BackupPower,
    /// # 名称・機種 / Name or model
    #[schemars(length(min = 1, max = 200))]
    pub name: String,
    /// # 容量 / Capacity
    ///
    /// 発電機・自動車では、燃料一回分で供給できる電力量。/ For a generator or a car, the energy one tank of fuel gives.
    pub capacity: Quantity<WattHours>,
    /// # 定格出力 (連続) / Rated continuous output
    pub rated_output: Quantity<Watts>,
    /// # 純正弦波 / Pure sine wave
    pub pure_sine_wave: bool,
    /// # 出力 / Output
    pub output: PowerOutput,
    /// # 変換効率 / Conversion efficiency
    ///
    /// ないときは AC 0.85、DC 0.92。/ Without it, 0.85 on AC and 0.92 on DC.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(range(min = 0.5, max = 1.0))]
    pub efficiency: Option<f64>,
    /// # 購入日 / Bought on
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub purchased_on: Option<Date>,
}

/// # 持ち出し品の計算 / For the supplies
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct SupplySettings {
    /// # 1日の吸引回数 / Suctions a day
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(range(min = 0, max = 200))]
    pub suctions_per_day: Option<u32>,
    /// # 栄養剤1パックの量 / Volume of one pack of feed
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub feed_pack: Option<Quantity<Ml>>,
    /// # 酸素ボンベ1本の量 / Oxygen in one cylinder
    ///
    /// ないときは 500 L。/ 500 L without it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub oxygen_cylinder: Option<Quantity<Litres>>,
    /// # 睡眠時間 / Hours of sleep
    ///
    /// 睡眠時の酸素流量を使う時間。ないときは 8 時間。/ The hours at the sleeping oxygen flow; 8 without it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sleep_hours: Option<Quantity<Hours>>,
}

/// # 時期ごとの行動 / Phases
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct Phases {
    /// # 平常時 / Before a disaster
    #[schemars(length(min = 1, max = 20), inner(length(min = 1, max = 1000)))]
    pub normal: Vec<String>,
    /// # 発災時 / When it strikes
    #[schemars(length(min = 1, max = 20), inner(length(min = 1, max = 1000)))]
    pub onset: Vec<String>,
    /// # 復旧時 / Recovery
    #[schemars(length(min = 1, max = 20), inner(length(min = 1, max = 1000)))]
    pub recovery: Vec<String>,
}

/// # 安否確認 / Safety check
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct SafetyCheck {
    /// # 確認する人 / Who confirms
    #[schemars(length(min = 1, max = 500))]
    pub who: String,
    /// # 方法 / How
    #[schemars(length(min = 1, max = 1000))]
    pub how: String,
    /// # 人工呼吸器の作動確認 / Checking the ventilator runs
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(length(min = 1, max = 1000))]
    pub device_check: Option<String>,
}

vocabulary! {
    /// # 連絡先の種類 / Kind of contact
    pub enum PlanContactKind: "planContactKind" {
        Guardian = "guardian" => "保護者" / "Guardian",
        Physician = "physician" => "主治医" / "Physician",
        Hospital = "hospital" => "病院" / "Hospital",
        HomeNursing = "homeNursing" => "訪問看護" / "Home-visit nursing",
        DeviceVendor = "deviceVendor" => "医療機器の業者 (24時間窓口)" / "Device vendor (24-hour line)",
        ElectricityCompany = "electricityCompany" => "電力会社" / "Electricity company",
        City = "city" => "市の担当" / "City office",
        Other = "other" => "その他" / "Other",
    }
}

/// # 連絡先 / Contact
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct PlanContact {
    /// # 種類 / Kind
    pub kind: PlanContactKind,
    /// # 名称・氏名 / Name
    #[schemars(length(min = 1, max = 200))]
    pub name: String,
    /// # 電話 / Phone
    pub phone: Phone,
    /// # 24時間 / Around the clock
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub available24h: bool,
}

/// How long the power lasts: each device's own batteries, the backup shared by every
/// device, and the plan's total.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "typescript", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct PowerHours {
    pub devices: Vec<DeviceHours>,
    /// Backup energy after conversion: Σ capacity (Wh) × efficiency.
    pub backup_wh: f64,
    /// Every device's measured watts together.
    pub total_watts: f64,
    /// The backup running every device at once: backup Wh ÷ total watts.
    pub backup_hours: Option<f64>,
    /// Until the first device stops: the shortest own-battery time, then the shared backup.
    pub total_hours: Option<f64>,
    pub target_hours: Option<f64>,
}

/// One device's hours.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "typescript", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct DeviceHours {
    pub kind: DeviceKind,
    pub model: String,
    /// Internal and external batteries.
    pub battery_hours: f64,
    /// The backup running this device alone: backup Wh ÷ its measured watts.
    pub backup_alone_hours: Option<f64>,
    /// Its batteries, then the backup shared with every device.
    pub total_hours: f64,
}

impl BackupSource {
    /// The efficiency used: the plan's own, else by output.
    pub fn efficiency_used(&self) -> f64 {
        self.efficiency.unwrap_or(match self.output {
            PowerOutput::Ac => AC_EFFICIENCY,
            PowerOutput::Dc => DC_EFFICIENCY,
        })
    }
}

impl EvacuationPlan {
    /// The hours, computed: run time = Wh × efficiency ÷ measured W.
    pub fn power(&self) -> PowerHours {
        let backup_wh: f64 = self.backup_power.iter().map(|b| b.capacity.value() * b.efficiency_used()).sum();
        let total_watts: f64 = self.devices.iter().map(|d| d.measured_watts.value()).sum();
        let backup_hours = (total_watts > 0.0).then(|| backup_wh / total_watts);
        let devices: Vec<DeviceHours> = self
            .devices
            .iter()
            .map(|d| {
                let battery_hours =
                    d.internal_battery.map_or(0.0, Quantity::value) + d.external_battery.map_or(0.0, Quantity::value);
                let watts = d.measured_watts.value();
                DeviceHours {
                    kind: d.kind,
                    model: d.model.clone(),
                    battery_hours,
                    backup_alone_hours: (watts > 0.0).then(|| backup_wh / watts),
                    total_hours: battery_hours + backup_hours.unwrap_or(0.0),
                }
            })
            .collect();
        let shortest = devices.iter().map(|d| d.battery_hours).reduce(f64::min);
        let total_hours = shortest.map(|s| s + backup_hours.unwrap_or(0.0));
        PowerHours {
            devices,
            backup_wh,
            total_watts,
            backup_hours,
            total_hours,
            target_hours: self.target_hours.map(Quantity::value),
        }
    }
}

impl DocumentKind for EvacuationPlan {
    const KIND: Kind = Kind::Evacuation;

    fn id(&self) -> Uuid {
        self.id
    }

    fn format_version(&self) -> FormatVersion {
        self.format_version
    }

    fn date(&self) -> Date {
        self.made_on
    }

    fn child(&self) -> ChildRef<'_> {
        ChildRef {
            identifiers: &self.child.identifiers,
            name: &self.child.name,
            birth_date: self.child.birth_date,
            health: None,
        }
    }

    fn check(&self, out: &mut Vec<Diagnostic>) {
        child_name(&self.child.name, "/child/name", out);
        birth_before(
            self.child.birth_date,
            self.made_on,
            "/child/birthDate",
            "作成日",
            "the day the plan was made",
            out,
        );
        if self.next_review_on <= self.made_on {
            push(
                out,
                Code::DateOrder,
                "/nextReviewOn",
                "次回の見直しが作成日より後ではありません",
                "the next review is not after the plan was made",
            );
        } else if self.made_on.add_years(1) < self.next_review_on {
            push(
                out,
                Code::EvacuationReviewOverAYear,
                "/nextReviewOn",
                "次回の見直しが作成から1年より先です (計画は毎年見直します)",
                "the next review is more than a year after the plan was made (plans are reviewed yearly)",
            );
        }
        let power = self.power();
        if let (Some(total), Some(target)) = (power.total_hours, power.target_hours)
            && total < target
        {
            out.push(Diagnostic::new(
                Code::EvacuationHoursBelowTarget,
                "/targetHours",
                Message::new(
                    format!(
                        "電源が続くのは約 {} 時間で、目標の {} 時間に足りません",
                        print_number(total),
                        print_number(target)
                    ),
                    format!(
                        "the power lasts about {} h, short of the target of {} h",
                        print_number(total),
                        print_number(target)
                    ),
                ),
            ));
        }
        if !self.devices.is_empty() && self.backup_power.is_empty() {
            push(out, Code::EvacuationNoBackup, "/backupPower", "予備電源がありません", "there is no backup power");
        }
        for (b, backup) in self.backup_power.iter().enumerate() {
            for (d, device) in self.devices.iter().enumerate() {
                if backup.rated_output.value() < device.rated_watts.value() {
                    out.push(Diagnostic::new(
                        Code::EvacuationBackupUnderRated,
                        format!("/backupPower/{b}/ratedOutput"),
                        Message::new(
                            format!("定格出力が /devices/{d} の定格消費電力より小さく、動かせないおそれがあります"),
                            format!("the rated output is below the rated power of /devices/{d}: it may not run it"),
                        ),
                    ));
                }
                if device.needs_pure_sine_wave && !backup.pure_sine_wave && backup.output == PowerOutput::Ac {
                    out.push(Diagnostic::new(
                        Code::EvacuationNotPureSine,
                        format!("/backupPower/{b}/pureSineWave"),
                        Message::new(
                            format!("/devices/{d} は正弦波の電源が必要ですが、この予備電源は正弦波ではありません"),
                            format!("/devices/{d} needs a pure sine wave, which this backup does not give"),
                        ),
                    ));
                }
            }
            if let Some(bought) = backup.purchased_on {
                old_battery(bought, self.made_on, &format!("/backupPower/{b}/purchasedOn"), out);
            }
        }
        for (d, device) in self.devices.iter().enumerate() {
            if let Some(bought) = device.battery_purchased_on {
                old_battery(bought, self.made_on, &format!("/devices/{d}/batteryPurchasedOn"), out);
            }
        }
        let vendor = self.contacts.iter().any(|c| c.kind == PlanContactKind::DeviceVendor);
        if !self.devices.is_empty() && !vendor {
            push(
                out,
                Code::VendorMissing,
                "/contacts",
                "医療機器の業者 (24時間窓口) が連絡先にありません",
                "the device vendor's 24-hour line is not among the contacts",
            );
        }
        if !self.devices.is_empty() && !self.contacts.iter().any(|c| c.kind == PlanContactKind::ElectricityCompany) {
            push(
                out,
                Code::EvacuationElectricityMissing,
                "/contacts",
                "電力会社が連絡先にありません (医療機器を使う世帯として登録し、停電の情報を受け取れます)",
                "the electricity company is not among the contacts (households with medical devices can register for outage news)",
            );
        }
    }
}

fn old_battery(bought: Date, on: Date, pointer: &str, out: &mut Vec<Diagnostic>) {
    if bought.years_until(on).is_some_and(|years| years >= BATTERY_YEARS) {
        out.push(Diagnostic::new(
            Code::EvacuationBatteryOld,
            pointer,
            Message::new(
                format!("購入から{BATTERY_YEARS}年以上たったバッテリーです (交換の目安は約{BATTERY_YEARS}年)"),
                format!("the battery is {BATTERY_YEARS} years old or more (batteries are replaced about every {BATTERY_YEARS} years)"),
            ),
        ));
    }
}

/// A number as printed (hours, watts, amounts): one decimal, none when whole.
pub fn print_number(value: f64) -> String {
    let rounded = (value * 10.0).round() / 10.0;
    if rounded.fract() == 0.0 { format!("{rounded:.0}") } else { format!("{rounded:.1}") }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hours_are_rounded_for_print() {
        assert_eq!(
            (print_number(72.0), print_number(10.04), print_number(12.96)),
            ("72".into(), "10".into(), "13".into())
        );
        assert_eq!(print_number(3.25), "3.3");
    }
}
