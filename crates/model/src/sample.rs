//! Synthetic documents for demos, tests and benchmarks: deterministic for a
//! seed, realistic in shape (Japanese names with readings, varied care items
//! and lengths, rare but valid characters such as 髙 and 﨑), and about no one.

use serde_json::{Value, json};

use crate::date::Date;
use crate::documents::{FORMAT_VERSION, Kind};

/// A small, fast, seedable generator (SplitMix64): the same seed gives the same documents everywhere.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    fn below(&mut self, n: usize) -> usize {
        // Modulo bias is irrelevant for synthetic data.
        usize::try_from(self.next() % (n as u64).max(1)).unwrap_or(0)
    }

    fn chance(&mut self, percent: u64) -> bool {
        self.next() % 100 < percent
    }

    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }

    fn uuid(&mut self) -> String {
        let (a, b) = (self.next(), self.next());
        // Version 4 and variant bits, so the id is a well-formed random UUID.
        let b = (b & 0x3FFF_FFFF_FFFF_FFFF) | 0x8000_0000_0000_0000;
        let a = (a & 0xFFFF_FFFF_FFFF_0FFF) | 0x4000;
        format!(
            "{:08x}-{:04x}-{:04x}-{:04x}-{:012x}",
            a >> 32,
            (a >> 16) & 0xFFFF,
            a & 0xFFFF,
            b >> 48,
            b & 0xFFFF_FFFF_FFFF
        )
    }
}

const FAMILY: &[(&str, &str)] = &[
    ("佐藤", "さとう"),
    ("鈴木", "すずき"),
    ("髙橋", "たかはし"),
    ("田中", "たなか"),
    ("伊藤", "いとう"),
    ("渡辺", "わたなべ"),
    ("山本", "やまもと"),
    ("中村", "なかむら"),
    ("小林", "こばやし"),
    ("加藤", "かとう"),
    ("山﨑", "やまざき"),
    ("吉田", "よしだ"),
    ("斎藤", "さいとう"),
    ("松本", "まつもと"),
    ("井上", "いのうえ"),
    ("木村", "きむら"),
    ("林", "はやし"),
    ("清水", "しみず"),
    ("森", "もり"),
    ("池田", "いけだ"),
];
const CHILD_GIVEN: &[(&str, &str)] = &[
    ("陽葵", "ひまり"),
    ("湊", "みなと"),
    ("蓮", "れん"),
    ("結菜", "ゆいな"),
    ("碧", "あおい"),
    ("陽翔", "はると"),
    ("凛", "りん"),
    ("蒼", "そう"),
    ("芽依", "めい"),
    ("樹", "いつき"),
    ("紬", "つむぎ"),
    ("律", "りつ"),
    ("葵", "あおい"),
    ("大和", "やまと"),
    ("心春", "こはる"),
];
const ADULT_GIVEN: &[(&str, &str)] = &[
    ("美咲", "みさき"),
    ("健一", "けんいち"),
    ("彩", "あや"),
    ("大輔", "だいすけ"),
    ("由紀", "ゆき"),
    ("誠", "まこと"),
    ("恵", "めぐみ"),
    ("翔太", "しょうた"),
    ("真由美", "まゆみ"),
    ("剛", "つよし"),
];
const DIAGNOSES: &[&str] = &[
    "脊髄性筋萎縮症",
    "慢性呼吸不全",
    "脳性麻痺",
    "低酸素性虚血性脳症",
    "18トリソミー",
    "先天性心疾患",
    "1型糖尿病",
    "短腸症候群",
    "二分脊椎",
    "てんかん",
    "気管軟化症",
    "ミトコンドリア病",
    "嚥下障害",
];
const FACILITIES: &[(&str, &str)] = &[
    ("つなぐ市立みどり保育園", "nursery"),
    ("つなぐ市立ひかり幼稚園", "kindergarten"),
    ("東京都立つなぐ特別支援学校", "specialNeedsSchool"),
    ("つなぐ市立第一小学校", "school"),
    ("児童発達支援センター こだま", "childDevelopmentSupport"),
    ("放課後等デイサービス ひだまり", "afterSchoolDayService"),
    ("医療型短期入所 つばさ", "shortStay"),
    ("認定こども園 そら", "certifiedChildcare"),
];
const NOTES: &[&str] = &[
    "体調に変化があれば保護者に連絡してください。",
    "手順は別紙の写真付き手順書を参照してください。",
    "発熱時 (37.5℃以上) は実施前に看護師が状態を確認し、必要に応じて保護者に連絡する。",
    "本人は処置の前に声かけをすると落ち着きます。嫌がるときは無理に続けず、少し時間をおいてから再開してください。",
];

fn quantity(value: f64, unit: &str) -> Value {
    json!({ "value": value, "unit": unit })
}

fn watch(rng: &mut Rng) -> &'static str {
    if rng.chance(50) { "high" } else { "low" }
}

fn name(rng: &mut Rng, family: (&str, &str), given: &[(&str, &str)]) -> Value {
    let (given, reading) = *rng.pick(given);
    json!({ "family": family.0, "given": given, "familyReading": family.1, "givenReading": reading })
}

/// An adult of any family (physicians, staff).
fn adult(rng: &mut Rng) -> Value {
    let family = *rng.pick(FAMILY);
    name(rng, family, ADULT_GIVEN)
}

fn phone(rng: &mut Rng) -> String {
    format!("0{}0-{:04}-{:04}", 7 + rng.below(3), rng.below(10_000), rng.below(10_000))
}

fn date(year: i32, rng: &mut Rng) -> Date {
    let month = u8::try_from(1 + rng.below(12)).unwrap_or(1);
    let day = u8::try_from(1 + rng.below(28)).unwrap_or(1);
    Date::new(year, month, day).expect("days 1 to 28 exist in every month")
}

fn note(rng: &mut Rng) -> Option<&'static str> {
    rng.chance(40).then(|| *rng.pick(NOTES))
}

fn with_note(mut item: Value, rng: &mut Rng) -> Value {
    if let (Some(text), Some(object)) = (note(rng), item.as_object_mut()) {
        object.insert("notes".into(), text.into());
    }
    item
}

/// Care items: at least one, each valid on its own and together.
fn care(rng: &mut Rng, on: Date) -> Value {
    let mut care = serde_json::Map::new();
    let ventilated = rng.chance(25);
    if ventilated {
        care.insert("ventilator".into(), with_note(json!({
            "watch": if rng.chance(30) { "mid" } else { watch(rng) },
            "devices": [{ "kind": "invasive", "mode": "SIMV", "rate": quantity(f64::from(16 + u8::try_from(rng.below(10)).unwrap_or(0)), "/min"), "tidalVolume": quantity(120.0, "ml"), "peep": quantity(5.0, "cmH2O") }],
            "hoursOfUse": "終日", "resuscitationBag": true, "internalBattery": quantity(3.0, "h")
        }), rng));
    }
    let trach = ventilated || rng.chance(20);
    if trach {
        care.insert("tracheostomy".into(), json!({
            "watch": watch(rng),
            "cannula": { "innerDiameter": quantity(4.0 + 0.5 * f64::from(u8::try_from(rng.below(3)).unwrap_or(0)), "mm"), "length": quantity(80.0, "mm"), "cuff": false },
            "accidentalDecannulation": "予備カニューレを再挿入し、できなければ蘇生バッグで換気して119番通報する。"
        }));
    }
    if trach || rng.chance(30) {
        let mut sites = vec!["oral", "nasal"];
        if trach {
            sites.push("tracheostomyTube");
        }
        let mut suction =
            json!({ "watch": watch(rng), "sites": sites, "timing": { "conditions": "痰の貯留音があるとき" } });
        for site in &sites {
            let depth = if *site == "tracheostomyTube" { 7.0 } else { 6.0 };
            suction[*site] = json!({
                "catheterSize": quantity(8.0, "Fr"), "pressure": quantity(20.0, "kPa"),
                "insertionDepth": quantity(depth, "cm"), "maxTimePerPass": quantity(10.0, "s")
            });
            if *site != "tracheostomyTube" {
                suction[*site]["beyondPharynx"] = false.into();
            }
        }
        care.insert("suction".into(), with_note(suction, rng));
    }
    if rng.chance(25) {
        care.insert(
            "oxygen".into(),
            json!({
                "watch": watch(rng), "device": "nasalCannula", "flowAtRest": quantity(0.5, "L/min"),
                "spo2Target": { "min": 92, "max": 98, "unit": "%" }
            }),
        );
    }
    if rng.chance(45) {
        let route = *rng.pick(&["gastrostomy", "nasogastric", "gastrostomyJejunal", "jejunostomy"]);
        let mut feeding = json!({
            "watch": watch(rng), "route": route, "tubeSize": quantity(12.0, "Fr"), "nutrient": "半消化態栄養剤",
            "volume": quantity(200.0, "ml"), "rate": quantity(150.0, "ml/h"), "timing": { "times": ["12:00"] }
        });
        if rng.chance(30) {
            feeding["pump"] = json!({ "watch": "low" });
        }
        care.insert("tubeFeeding".into(), with_note(feeding, rng));
    }
    if rng.chance(10) {
        care.insert(
            "nebulizer".into(),
            json!({ "drugs": [{ "drug": "生理食塩水", "amount": "2 ml" }], "timing": { "times": ["10:00"] } }),
        );
    }
    if rng.chance(12) {
        care.insert("injection".into(), json!({ "subcutaneous": { "watch": watch(rng), "drug": "超速効型インスリン", "doseRule": "食事量に応じて別紙のとおり" } }));
        care.insert("bloodGlucose".into(), json!({
            "watch": watch(rng), "method": "cgm", "target": { "min": 80, "max": 180, "unit": "mg/dL" },
            "hypoglycemiaBelow": quantity(70.0, "mg/dL"), "hypoglycemiaTreatment": "ブドウ糖 5 g を与え15分後に再測定する。"
        }));
    }
    if rng.chance(8) {
        care.insert("catheterization".into(), json!({ "intermittent": { "catheterSize": quantity(8.0, "Fr"), "timing": { "times": ["10:30", "13:30"] } } }));
    }
    if rng.chance(6) {
        care.insert("bowel".into(), json!({ "stoma": { "watch": watch(rng), "stomaType": "colostomy" } }));
    }
    if care.is_empty() || rng.chance(30) {
        let last = on.add_months(-i32::try_from(1 + rng.below(9)).unwrap_or(1));
        care.insert("seizure".into(), json!({
            "watch": watch(rng), "seizureTypes": "強直間代発作", "lastSeizureOn": last.to_string(),
            "rescueDrug": "diazepamSuppository", "rescueDose": quantity(4.0, "mg"), "giveAfter": quantity(5.0, "min"),
            "callAmbulanceWhen": "投与後10分で止まらないとき", "guardianRequestOnFile": true
        }));
    }
    Value::Object(care)
}

fn child(rng: &mut Rng, family: (&str, &str), birth: Date, weighed_on: Date) -> Value {
    json!({
        "name": name(rng, family, CHILD_GIVEN),
        "birthDate": birth.to_string(),
        "sex": if rng.chance(50) { "female" } else { "male" },
        "address": { "postalCode": format!("18{}-{:04}", rng.below(10), rng.below(10_000)), "text": format!("東京都つなぐ市{}町{}-{}", rng.pick(&["みどり", "ひかり", "さくら", "つばさ"]), 1 + rng.below(9), 1 + rng.below(30)) },
        "guardians": [{ "name": name(rng, family, ADULT_GIVEN), "relationship": if rng.chance(70) { "mother" } else { "father" }, "phone": phone(rng) }],
        "weight": { "value": f64::from(u8::try_from(8 + rng.below(30)).unwrap_or(10)) + 0.5, "unit": "kg", "measuredOn": weighed_on.to_string() }
    })
}

fn instruction(rng: &mut Rng) -> Value {
    let issue = date(2026, rng);
    let birth = issue
        .add_years(-i32::try_from(1 + rng.below(15)).unwrap_or(5))
        .add_months(-i32::try_from(rng.below(11)).unwrap_or(0));
    let family = *rng.pick(FAMILY);
    let facilities: Vec<Value> = (0..=rng.below(2))
        .map(|i| {
            let (name, kind) = *rng.pick(FACILITIES);
            json!({ "id": format!("place-{}", i + 1), "name": name, "kind": kind })
        })
        .collect();
    let diagnoses: Vec<Value> = (0..=rng.below(2)).map(|_| json!({ "name": *rng.pick(DIAGNOSES) })).collect();
    let months = *rng.pick(&[6, 12]);
    let start = issue.add_months(1);
    let latex = rng.chance(20);
    let mut sheet = json!({
        "kind": "instruction", "formatVersion": FORMAT_VERSION, "id": rng.uuid(), "language": "ja",
        "issueDate": issue.to_string(),
        "period": { "start": start.to_string(), "end": start.add_months(months).to_string() },
        "addressees": facilities,
        "child": child(rng, family, birth, issue.add_months(-1)),
        "diagnoses": diagnoses,
        "allergyStatus": if latex { "listed" } else { "noKnownAllergies" },
        "allergies": if latex { json!([{ "substance": "ラテックス", "category": "latex" }]) } else { json!([]) },
        "allergyCare": { "latexFreeSupplies": true },
        "care": care(rng, issue),
        "emergency": {
            "actions": [{ "situation": "呼吸が苦しそう・顔色が悪い", "action": "吸引・体位変換を行い、改善しなければ119番通報し保護者に連絡する。" }],
            "contacts": [{ "id": "guardian", "role": "guardian", "name": "保護者", "phone": phone(rng) }, { "id": "physician", "role": "physician", "name": "主治医", "phone": phone(rng) }],
            "callOrder": [{ "call": "ambulance", "when": "呼吸が止まった、意識がないとき" }, { "call": "contact", "contact": "guardian" }, { "call": "contact", "contact": "physician" }]
        },
        "issuer": {
            "institution": { "name": "つなぐ小児医療センター", "department": "小児科", "phone": phone(rng) },
            "physician": adult(rng),
            "signature": { "method": if rng.chance(60) { "handwritten" } else { "nameAndSeal" }, "date": issue.to_string() }
        }
    });
    if !latex && let Some(object) = sheet.as_object_mut() {
        object.remove("allergyCare");
    }
    sheet
}

fn assessment(rng: &mut Rng) -> Value {
    let on = date(2026, rng);
    let birth = on.add_years(-i32::try_from(1 + rng.below(15)).unwrap_or(5));
    let family = *rng.pick(FAMILY);
    let care = care(rng, on);
    json!({
        "kind": "assessment", "formatVersion": FORMAT_VERSION, "id": rng.uuid(), "language": "ja",
        "assessedOn": on.to_string(),
        "author": { "name": adult(rng), "organization": "つなぐ市 障害福祉課", "role": "coordinator" },
        "child": child(rng, family, birth, on.add_months(-1)),
        "care": care,
        "score": { "physician": adult(rng), "institution": "つなぐ小児医療センター", "assessedOn": on.to_string(), "seizureInstructionOnFile": true },
        "dailyLife": { "eating": *rng.pick(NOTES), "mobility": "車いす (介助)", "communication": "表情と発声で意思を伝える" },
        "family": { "caregivers": [{ "relationship": "mother", "works": rng.chance(40) }], "respiteNeeds": "月に数日の短期入所を希望" },
        "wishes": { "family": "安心して通える場所がほしい" },
        "disaster": { "devices": [{ "name": "吸引器", "internalBattery": quantity(1.0, "h") }], "backupPower": ["battery"] },
        "nextReviewOn": on.add_months(6).to_string()
    })
}

fn consent(rng: &mut Rng) -> Value {
    let on = date(2026, rng);
    let birth = on.add_years(-i32::try_from(1 + rng.below(15)).unwrap_or(5));
    let family = *rng.pick(FAMILY);
    let departments = [
        "disabilityWelfare",
        "childDevelopmentCenter",
        "childcare",
        "schoolAffairs",
        "healthPromotion",
        "disasterPrevention",
        "publicHealthCenter",
    ];
    let count = 2 + rng.below(departments.len() - 1);
    let recipients: Vec<Value> = departments[..count].iter().map(|kind| json!({ "kind": kind })).collect();
    json!({
        "kind": "consent", "formatVersion": FORMAT_VERSION, "id": rng.uuid(), "language": "ja",
        "addressee": "つなぐ市長",
        "child": { "name": name(rng, family, CHILD_GIVEN), "birthDate": birth.to_string() },
        "purposes": ["coordinatingSupport", "emergency", "disaster"],
        "scope": ["identity", "diagnoses", "careItems", "contacts"],
        "recipients": recipients,
        "period": { "start": on.to_string(), "until": "age18" },
        "revocation": { "how": "障害福祉課に撤回届を提出する。", "effect": "撤回後は新たな共有を行いません。" },
        "signers": [{ "name": name(rng, family, ADULT_GIVEN), "relationship": "mother", "method": "handwritten", "signedOn": on.to_string() }],
        "receipt": { "department": "つなぐ市 障害福祉課", "receivedOn": on.to_string(), "copyGiven": true }
    })
}

const CONCERNS: &[(&str, &str, &str)] = &[
    (
        "保育園の入園について相談したい",
        "母が復職を希望。看護師の配置がある園を探している。",
        "看護師配置のある園の一覧を渡し、見学の日程を調整した。",
    ),
    (
        "就学先について相談したい",
        "来年度の就学を控え、通常の学級か特別支援学校かで迷っている。",
        "就学相談の流れを説明し、教育委員会の窓口につないだ。",
    ),
    (
        "夜間の吸引で母が眠れていない",
        "夜間に2〜3回の吸引があり、介護者が母のみ。",
        "短期入所と訪問看護の夜間利用について説明した。",
    ),
    (
        "停電時の備えが心配",
        "人工呼吸器の外部バッテリーは1台のみ。",
        "個別避難計画の作成を提案し、蓄電池の給付制度を案内した。",
    ),
    (
        "きょうだいの行事の間の預け先",
        "兄の運動会の間、本人を見てくれる人がいない。",
        "日中一時支援の事業所を紹介した。",
    ),
    ("受給者証の更新", "通所支援の受給者証の期限が近い。", "更新の書類を渡し、記入の仕方を説明した。"),
];

/// A shared record for a child: entries by departments the consent covers, dated
/// within `from..=to`, each appended after the ones before (so the links hold).
fn record(rng: &mut Rng, child: &Value, consent_id: &str, departments: &[Value], from: Date, to: Date) -> Value {
    use crate::documents::{RecordEntry, SharedRecord};
    let mut document = json!({
        "kind": "record", "formatVersion": FORMAT_VERSION, "id": rng.uuid(), "language": "ja",
        "child": child, "openedOn": from.to_string(), "keeper": "つなぐ市 福祉健康部 障害福祉課", "entries": []
    });
    let Ok(mut typed) = serde_json::from_value::<SharedRecord>(document.clone()) else { return document };
    let count = 1 + rng.below(5);
    let mut on = from;
    for n in 0..count {
        // Entries move forward in time, a month or two apart, within the consent.
        if n > 0 {
            on = on.add_months(i32::try_from(1 + rng.below(2)).unwrap_or(1));
        }
        if on > to {
            break;
        }
        let (concern, situation, response) = *rng.pick(CONCERNS);
        let department = departments
            .get(rng.below(departments.len()))
            .and_then(|d| d["kind"].as_str())
            .unwrap_or("disabilityWelfare");
        let mut entry = json!({
            "id": rng.uuid(), "date": on.to_string(), "time": format!("{:02}:{:02}", 9 + rng.below(8), 15 * rng.below(4)),
            "department": department, "staff": adult(rng), "channel": *rng.pick(&["visit", "phone", "homeVisit", "meeting"]),
            "concern": concern, "situation": situation, "response": response, "consent": consent_id,
            "hash": "0".repeat(64)
        });
        if n + 1 < count && rng.chance(50) {
            entry["next"] =
                json!({ "action": "結果を確認し、家族に連絡する", "by": next_day(on).add_months(1).to_string() });
        }
        let Ok(entry) = serde_json::from_value::<RecordEntry>(entry) else { continue };
        typed.append(entry);
    }
    document = serde_json::to_value(typed).unwrap_or(document);
    document
}

fn next_day(d: Date) -> Date {
    Date::new(d.year(), d.month(), d.day() + 1)
        .ok()
        .filter(|_| d.day() < 28)
        .unwrap_or_else(|| Date::new(d.year(), d.month(), 1).unwrap_or(d).add_months(1))
}

/// An evacuation plan for a child whose sheet is `sheet`: a device for each powered care
/// item on it, backup power that sometimes falls short of the target, helpers, shelters.
fn evacuation(rng: &mut Rng, sheet: &Value, consent_id: &str, made_on: Date) -> Value {
    let care = &sheet["care"];
    let mut devices = Vec::new();
    let battery_year = made_on.year() - i32::try_from(rng.below(7)).unwrap_or(1);
    if care.get("ventilator").is_some() {
        devices.push(json!({ "kind": "ventilator", "model": "在宅用人工呼吸器", "measuredWatts": quantity(15.0 + f64::from(u8::try_from(rng.below(20)).unwrap_or(0)), "W"),
            "ratedWatts": quantity(170.0, "W"), "internalBattery": quantity(f64::from(u8::try_from(2 + rng.below(5)).unwrap_or(3)), "h"),
            "externalBattery": quantity(6.0, "h"), "batteryPurchasedOn": format!("{battery_year}-04-01"), "needsPureSineWave": true,
            "settings": "SIMV 20回/分 一回換気量 150 ml PEEP 5 cmH2O" }));
        let cough =
            care["ventilator"]["devices"].as_array().is_some_and(|d| d.iter().any(|d| d["kind"] == "coughAssist"));
        if cough {
            devices.push(json!({ "kind": "coughAssist", "model": "排痰補助装置", "measuredWatts": quantity(30.0, "W"), "ratedWatts": quantity(150.0, "W"), "needsPureSineWave": true }));
        }
    }
    if care.get("oxygen").is_some() {
        devices.push(json!({ "kind": "oxygenConcentrator", "model": "酸素濃縮器 3 L", "measuredWatts": quantity(90.0, "W"), "ratedWatts": quantity(120.0, "W"), "needsPureSineWave": false }));
    }
    if care.get("suction").is_some() {
        devices.push(json!({ "kind": "suctionUnit", "model": "電動吸引器", "measuredWatts": quantity(40.0, "W"), "ratedWatts": quantity(80.0, "W"),
            "internalBattery": quantity(1.0, "h"), "needsPureSineWave": false }));
    }
    let capacity = *rng.pick(&[500.0, 1000.0, 1500.0, 2000.0]);
    let backup = json!({ "kind": "battery", "name": "ポータブル電源", "capacity": quantity(capacity, "Wh"),
        "ratedOutput": quantity(*rng.pick(&[300.0, 1000.0, 1500.0]), "W"), "pureSineWave": rng.chance(85), "output": "ac",
        "purchasedOn": format!("{}-06-01", made_on.year() - i32::try_from(rng.below(3)).unwrap_or(0)) });
    let guardian_phone = sheet["child"]["guardians"][0]["phone"].clone();
    let mut child = json!({ "name": sheet["child"]["name"], "birthDate": sheet["child"]["birthDate"], "sex": sheet["child"]["sex"],
        "address": sheet["child"]["address"], "phone": guardian_phone });
    if let Some(identifiers) = sheet["child"].get("identifiers") {
        child["identifiers"] = identifiers.clone();
    }
    let mut plan = json!({
        "kind": "evacuation", "formatVersion": FORMAT_VERSION, "id": rng.uuid(), "language": "ja",
        "child": child,
        "whyHelpIsNeeded": "医療機器を使っており、停電すると命にかかわる。一人で移動できない。",
        "madeOn": made_on.to_string(),
        "madeBy": { "name": adult(rng), "organization": "つなぐ訪問看護ステーション 看護師" },
        "consent": consent_id,
        "sharedWith": ["disasterPrevention"],
        "instructionSheet": sheet["id"],
        "helpers": [{ "name": "近隣の支援者", "role": "隣人", "phone": phone(rng) }],
        "destinations": [
            { "kind": "home", "name": "自宅 (在宅避難)", "route": "自宅にとどまる。停電が続くときは病院へ。" },
            { "kind": "hospital", "name": "つなぐ小児医療センター", "route": "自家用車で約20分 (父が運転)", "when": "停電が6時間を超えるとき" }
        ],
        "devices": devices,
        "backupPower": if devices.is_empty() { json!([]) } else { json!([backup]) },
        "targetHours": quantity(*rng.pick(&[6.0, 12.0, 24.0, 48.0]), "h"),
        "supplies": { "suctionsPerDay": 8 + rng.below(20), "feedPack": quantity(200.0, "ml") },
        "phases": {
            "normal": ["外部バッテリーを満充電にしておく", "3日分の物品を持ち出し袋に入れる"],
            "onset": ["内部バッテリーに切り替わったことを確かめる", "主治医・訪問看護に連絡する"],
            "recovery": ["電力の復旧を確かめ、バッテリーを充電する"]
        },
        "safetyCheck": { "who": "訪問看護師、又は民生委員", "how": "電話。つながらなければ訪問する。", "deviceCheck": "作動ランプと換気回数を見る" },
        "contacts": [
            { "kind": "guardian", "name": "母", "phone": guardian_phone },
            { "kind": "deviceVendor", "name": "医療機器の業者", "phone": "0120-000-000", "available24h": true },
            { "kind": "electricityCompany", "name": "電力会社 (停電の問い合わせ)", "phone": "0120-995-000", "available24h": true }
        ],
        "nextReviewOn": made_on.add_years(1).add_months(-1).to_string()
    });
    if plan["devices"].as_array().is_some_and(Vec::is_empty) {
        plan.as_object_mut().map(|o| o.remove("devices"));
        plan.as_object_mut().map(|o| o.remove("backupPower"));
    }
    plan
}

/// The `index`-th synthetic document of a kind for a seed. Each index draws from
/// its own stream, so any document can be made without making the ones before it.
pub fn sample(kind: Kind, seed: u64, index: u64) -> Value {
    let mut rng = Rng(seed ^ index.wrapping_mul(0xD1B5_4A32_D192_ED03));
    rng.next();
    match kind {
        Kind::Instruction => instruction(&mut rng),
        Kind::Assessment => assessment(&mut rng),
        Kind::Consent => consent(&mut rng),
        Kind::Evacuation => {
            let sheet = instruction(&mut rng);
            let consent = rng.uuid();
            let made_on =
                Date::parse(sheet["issueDate"].as_str().unwrap_or_default()).unwrap_or_else(|_| date(2026, &mut rng));
            evacuation(&mut rng, &sheet, &consent, made_on)
        }
        Kind::Record => {
            let consent = consent(&mut rng);
            let fallback = date(2026, &mut rng);
            let from = Date::parse(consent["period"]["start"].as_str().unwrap_or_default()).unwrap_or(fallback);
            record(
                &mut rng,
                &consent["child"],
                consent["id"].as_str().unwrap_or_default(),
                consent["recipients"].as_array().map_or(&[][..], Vec::as_slice),
                from,
                from.add_months(10),
            )
        }
    }
}

/// A folder of documents about `children` children, as a city keeps it, dated
/// around `around`: for each child a consent (most valid, some ending soon, revoked or
/// expired), one to three versions of the instruction sheet (each replacing the one
/// before), and for most an assessment. Most children carry the city's resident
/// number; some do not, and are matched by name and date of birth. Returns
/// `(file name, document)`; the same seed gives the same folder.
pub fn sample_case_folder(seed: u64, children: u64, around: Date) -> Vec<(String, Value)> {
    let mut out = Vec::new();
    let mut taken = std::collections::HashSet::new();
    for n in 0..children {
        // Each child's stream starts at a scrambled state: states that differ by a multiple
        // of the generator's step would give two children the same ids.
        let mut rng = Rng(Rng(seed ^ 0xCA5E).next() ^ Rng(n).next().rotate_left(17));
        rng.next();
        let family = *rng.pick(FAMILY);
        let month = around
            .add_years(-i32::try_from(1 + rng.below(17)).unwrap_or(5))
            .add_months(-i32::try_from(rng.below(12)).unwrap_or(0));
        let mut birth =
            Date::new(month.year(), month.month(), 1 + u8::try_from(rng.below(28)).unwrap_or(0)).unwrap_or(month);
        let mut child = child(&mut rng, family, birth, around.add_months(-2));
        // Two children of one name and birth date would be taken as one (when either has no
        // resident number): the sample's children are all told apart, as a city's are.
        let given = child["name"]["given"].as_str().unwrap_or_default().to_owned();
        while !taken.insert((family.0, given.clone(), birth)) {
            birth = match Date::new(birth.year(), birth.month(), birth.day() + 1) {
                Ok(next) if birth.day() < 28 => next,
                _ => Date::new(birth.year(), birth.month(), 1).unwrap_or(birth).add_months(1),
            };
        }
        child["birthDate"] = birth.to_string().into();
        if rng.chance(90) {
            child["identifiers"] = json!([{ "system": "jp.lg.tsunagu.atena", "value": format!("A{n:07}") }]);
        }
        let prefix = format!("child-{n:05}");
        // The consent: who may see the child.
        let mut consent = consent(&mut rng);
        consent["child"] = json!({ "name": child["name"].clone(), "birthDate": child["birthDate"].clone() });
        if let Some(identifiers) = child.get("identifiers") {
            consent["child"]["identifiers"] = identifiers.clone();
        }
        // Nothing is dated before the child was a month old.
        let earliest = birth.add_months(1);
        let signed = around.add_months(-i32::try_from(1 + rng.below(30)).unwrap_or(3)).max(earliest);
        consent["period"] = json!({ "start": signed.to_string(), "until": "age18" });
        match rng.below(10) {
            0 => {
                consent["period"] = json!({ "start": signed.to_string(), "until": "fixedDate", "end": around.add_months(1).to_string() });
            }
            1 => {
                consent["period"] = json!({ "start": signed.to_string(), "until": "fixedDate", "end": around.add_months(-1).to_string() });
            }
            2 => {
                // Revoked two months ago, after signing.
                let revoked = around.add_months(-2).max(signed.add_months(1)).min(around);
                consent["revocation"]["revokedOn"] = revoked.to_string().into();
            }
            _ => {}
        }
        consent["signers"][0]["signedOn"] = signed.to_string().into();
        consent["receipt"]["receivedOn"] = signed.to_string().into();
        // Most children have a shared record, its entries within the consent.
        if rng.chance(70) {
            let mut until = around;
            if let Some(revoked) = consent["revocation"]["revokedOn"].as_str().and_then(|d| Date::parse(d).ok()) {
                until = until.min(revoked.add_months(-1));
            }
            if let Some(end) = consent["period"]["end"].as_str().and_then(|d| Date::parse(d).ok()) {
                until = until.min(end);
            }
            if signed < until {
                let mut child_of_record = consent["child"].clone();
                child_of_record["birthDate"] = birth.to_string().into();
                let recipients = consent["recipients"].as_array().cloned().unwrap_or_default();
                let id = consent["id"].as_str().unwrap_or_default().to_owned();
                let shared = record(&mut rng, &child_of_record, &id, &recipients, signed, until);
                out.push((format!("{prefix}-record.json"), shared));
            }
        }
        let consent_id = consent["id"].as_str().unwrap_or_default().to_owned();
        // A plan is shared with the disaster-prevention division only where the consent,
        // in force, names it.
        let shares_with_disaster =
            consent["recipients"].as_array().is_some_and(|r| r.iter().any(|r| r["kind"] == "disasterPrevention"))
                && consent["revocation"].get("revokedOn").is_none()
                && consent["period"].get("end").is_none();
        out.push((format!("{prefix}-consent.json"), consent));
        // One to three yearly instruction sheets, each replacing the one before.
        let versions = 1 + rng.below(3);
        let mut previous: Option<Value> = None;
        for v in 0..versions {
            let mut sheet = instruction(&mut rng);
            let back = i32::try_from(versions - 1 - v).unwrap_or(0);
            let start = around
                .add_months(-i32::try_from(rng.below(11)).unwrap_or(0))
                .add_years(-back)
                .max(earliest.add_months(1));
            let issue = start.add_months(-1);
            sheet["issueDate"] = issue.to_string().into();
            sheet["period"] =
                json!({ "start": start.to_string(), "end": start.add_years(1).add_months(-1).to_string() });
            sheet["issuer"]["signature"]["date"] = issue.to_string().into();
            sheet["child"] = child.clone();
            sheet["child"]["weight"]["measuredOn"] = issue.to_string().into();
            if let Some(previous) = &previous {
                sheet["supersedes"] = previous["id"].clone();
            }
            out.push((format!("{prefix}-instruction-{}.json", v + 1), sheet.clone()));
            previous = Some(sheet);
        }
        // Most children on a ventilator or oxygen have an evacuation plan.
        if let Some(sheet) = &previous
            && (sheet["care"].get("ventilator").is_some() || sheet["care"].get("oxygen").is_some())
            && rng.chance(80)
        {
            let issued = Date::parse(sheet["issueDate"].as_str().unwrap_or_default()).unwrap_or(around);
            let mut plan = evacuation(&mut rng, sheet, &consent_id, issued.max(signed));
            if !shares_with_disaster {
                plan.as_object_mut().map(|o| o.remove("sharedWith"));
            }
            out.push((format!("{prefix}-evacuation.json"), plan));
        }
        if rng.chance(80) {
            let mut assessment = assessment(&mut rng);
            let on = around.add_months(-i32::try_from(rng.below(9)).unwrap_or(0)).max(earliest);
            assessment["assessedOn"] = on.to_string().into();
            assessment["score"]["assessedOn"] = on.to_string().into();
            assessment["nextReviewOn"] = on.add_months(6).to_string().into();
            assessment["child"] = child.clone();
            assessment["child"]["weight"]["measuredOn"] = on.to_string().into();
            out.push((format!("{prefix}-assessment.json"), assessment));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Severity, validate_value};

    #[test]
    fn samples_are_valid_and_without_errors() {
        for &kind in Kind::ALL {
            for index in 0..300 {
                let document = sample(kind, 7, index);
                let report = validate_value(document.clone());
                let errors: Vec<_> = report.diagnostics.iter().filter(|d| d.severity == Severity::Error).collect();
                assert!(report.is_valid(), "{kind} #{index}: {errors:#?}\n{document:#}");
            }
        }
    }

    #[test]
    fn a_case_folder_is_valid_and_holds_every_kind_of_consent_state() {
        let around = Date::parse("2026-10-01").expect("date");
        // Enough children that rare draws (a name twice, a late signature) come up.
        let folder = sample_case_folder(1, 3000, around);
        let small = sample_case_folder(1, 50, around);
        assert_eq!(folder[..small.len()], small[..], "deterministic, child by child");
        for (name, document) in &folder {
            let report = validate_value(document.clone());
            let errors: Vec<_> = report.diagnostics.iter().filter(|d| d.severity == Severity::Error).collect();
            assert!(report.is_valid(), "{name}: {errors:#?}");
        }
        let summaries: Vec<_> = folder
            .iter()
            .map(|(_, document)| crate::Summary::of(&validate_value(document.clone()).document.expect("valid")))
            .collect();
        let names: Vec<&str> = folder.iter().map(|(name, _)| name.as_str()).collect();
        let across = crate::check_folder(&summaries, &names);
        assert!(across.iter().all(|(_, d)| !d.is_error()), "{across:#?}");
        assert!(
            across.iter().any(|(_, d)| d.code == crate::Code::CaseAfterRevokedConsent),
            "a revoked consent is in the folder"
        );
        let text = serde_json::to_string(&folder).expect("json");
        assert!(text.contains("revokedOn") && text.contains("fixedDate") && text.contains("supersedes"));
    }

    #[test]
    fn samples_are_deterministic_and_varied() {
        assert_eq!(sample(Kind::Instruction, 1, 5), sample(Kind::Instruction, 1, 5));
        assert_ne!(sample(Kind::Instruction, 1, 5), sample(Kind::Instruction, 2, 5));
        let ids: std::collections::HashSet<String> =
            (0..1000).map(|i| sample(Kind::Consent, 1, i)["id"].as_str().unwrap_or_default().to_owned()).collect();
        assert_eq!(ids.len(), 1000, "ids are unique");
        let care_kinds: std::collections::HashSet<String> = (0..200)
            .flat_map(|i| {
                sample(Kind::Instruction, 3, i)["care"]
                    .as_object()
                    .cloned()
                    .unwrap_or_default()
                    .into_iter()
                    .map(|(k, _)| k)
            })
            .collect();
        assert!(care_kinds.len() >= 10, "{care_kinds:?}");
    }
}
