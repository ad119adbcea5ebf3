//! The label catalog: every word of the format a person reads (the kinds, each
//! vocabulary's values, the score table's rows, the watch levels, the severities),
//! in one language, as one JSON object built once per process.
//!
//! The renderer hands it to the templates, the page gets it from the core module
//! and the CLI prints from the same types, so a label is written once, here or in
//! its vocabulary. Field titles come from the schemas (the types' doc comments).

use std::sync::LazyLock;

use serde_json::{Map, Value};

use crate::Lang;
use crate::care::{
    ContinuousDrainage, DialysisMethod, DisimpactionMethod, FeedingRoute, GlucoseMethod, OxygenDevice, RescueDrug,
    StomaType, SuctionSite, VentilatorKind, WatchLevel2, WatchLevel3,
};
use crate::diagnostic::Severity;
use crate::documents::{
    AllergyCategory, AllergySeverity, AllergyStatus, AuthorRole, BackupPower, BedriddenRank, Channel, ConsentDirection,
    ConsentUntil, ContactRole, DementiaRank, DestinationKind, DeviceKind, FeedRelation, FormatVersion,
    InformationScope, Kind, MedicationRoute, PlanContactKind, PowerOutput, Purpose, RecipientKind, ServiceKind,
    Therapist, UlcerDepth,
};
use crate::plan::{AfterRescue, CallKind, Performer, TroubleKind, Weekday};
use crate::score::{ScoreClass, ScoreItem, ShortStay};
use crate::vocab::{
    CareNeedLevel, DocLanguage, FacilityKind, Relationship, Sex, SignatureMethod, SupportCategory, Vocabulary,
};

/// One vocabulary's values with their labels, in form order.
#[derive(Debug, Clone)]
pub struct VocabularyLabels {
    /// The stable name ([`Vocabulary::NAME`]).
    pub name: &'static str,
    /// `(JSON value, Japanese, English)`.
    pub values: Vec<(&'static str, &'static str, &'static str)>,
}

fn entry<V: Vocabulary>() -> VocabularyLabels {
    let values = V::ALL.iter().map(|value| (value.as_str(), value.label(Lang::Ja), value.label(Lang::En))).collect();
    VocabularyLabels { name: V::NAME, values }
}

/// Every vocabulary of the format. A test proves that each list of options in the
/// schemas is one of these, so a vocabulary left out here fails the build's tests.
pub fn vocabularies() -> Vec<VocabularyLabels> {
    vec![
        entry::<FormatVersion>(),
        entry::<DocLanguage>(),
        entry::<Sex>(),
        entry::<Relationship>(),
        entry::<FacilityKind>(),
        entry::<SignatureMethod>(),
        entry::<ContactRole>(),
        entry::<WatchLevel3>(),
        entry::<WatchLevel2>(),
        entry::<VentilatorKind>(),
        entry::<OxygenDevice>(),
        entry::<SuctionSite>(),
        entry::<FeedingRoute>(),
        entry::<GlucoseMethod>(),
        entry::<DialysisMethod>(),
        entry::<ContinuousDrainage>(),
        entry::<StomaType>(),
        entry::<DisimpactionMethod>(),
        entry::<RescueDrug>(),
        entry::<ScoreClass>(),
        entry::<ShortStay>(),
        entry::<AuthorRole>(),
        entry::<ServiceKind>(),
        entry::<BackupPower>(),
        entry::<Purpose>(),
        entry::<InformationScope>(),
        entry::<RecipientKind>(),
        entry::<ConsentUntil>(),
        entry::<ConsentDirection>(),
        entry::<Channel>(),
        entry::<DestinationKind>(),
        entry::<DeviceKind>(),
        entry::<PowerOutput>(),
        entry::<PlanContactKind>(),
        entry::<Performer>(),
        entry::<Weekday>(),
        entry::<TroubleKind>(),
        entry::<CallKind>(),
        entry::<AfterRescue>(),
        entry::<CareNeedLevel>(),
        entry::<SupportCategory>(),
        entry::<AllergyStatus>(),
        entry::<AllergyCategory>(),
        entry::<AllergySeverity>(),
        entry::<MedicationRoute>(),
        entry::<FeedRelation>(),
        entry::<BedriddenRank>(),
        entry::<DementiaRank>(),
        entry::<UlcerDepth>(),
        entry::<Therapist>(),
    ]
}

static CATALOG: LazyLock<[Value; 2]> = LazyLock::new(|| [build(Lang::Ja), build(Lang::En)]);

/// The catalog in one language:
///
/// ```json
/// { "lang": "ja",
///   "kinds": { "instruction": "医療的ケア指示書", … },
///   "vocabularies": { "facilityKind": { "nursery": "保育所", … }, … },
///   "scoreItems": { "1": "人工呼吸器の管理", "7(2)": "経管栄養 (持続注入ポンプ)", … },
///   "watchInPlainWords": { "high": "トラブルのときは直ちに対応が必要", … },
///   "severities": { "error": "エラー", … } }
/// ```
///
/// Objects keep form order. Built on first use, then shared.
pub fn labels(lang: Lang) -> &'static Value {
    &CATALOG[usize::from(lang == Lang::En)]
}

fn build(lang: Lang) -> Value {
    let object = |pairs: Vec<(&str, &str)>| {
        Value::Object(pairs.into_iter().map(|(key, label)| (key.to_owned(), Value::from(label))).collect())
    };
    let vocabularies: Map<String, Value> = vocabularies()
        .into_iter()
        .map(|vocabulary| {
            let labels = vocabulary
                .values
                .iter()
                .map(|&(value, ja, en)| (value, if lang == Lang::Ja { ja } else { en }))
                .collect();
            (vocabulary.name.to_owned(), object(labels))
        })
        .collect();
    let mut catalog = Map::new();
    catalog.insert("lang".into(), lang.as_str().into());
    catalog.insert("kinds".into(), object(Kind::ALL.iter().map(|kind| (kind.as_str(), kind.label(lang))).collect()));
    catalog.insert("vocabularies".into(), Value::Object(vocabularies));
    let rows = ScoreItem::ALL.iter().map(|item| (item.number(), item.label(lang))).collect();
    catalog.insert("scoreItems".into(), object(rows));
    let plain = WatchLevel3::ALL.iter().map(|level| (level.as_str(), level.plain(lang))).collect();
    catalog.insert("watchInPlainWords".into(), object(plain));
    let severities = [Severity::Error, Severity::Warning, Severity::Info];
    catalog.insert("severities".into(), object(severities.iter().map(|s| (s.as_str(), s.label(lang))).collect()));
    Value::Object(catalog)
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeSet;

    use super::*;
    use crate::schema::SchemaSet;

    #[test]
    fn every_value_of_every_vocabulary_has_a_japanese_and_an_english_label() {
        let mut names = BTreeSet::new();
        for vocabulary in vocabularies() {
            assert!(names.insert(vocabulary.name), "two vocabularies are called {}", vocabulary.name);
            assert!(!vocabulary.values.is_empty(), "{} has no values", vocabulary.name);
            for (value, ja, en) in &vocabulary.values {
                assert!(!ja.trim().is_empty(), "{}.{value} has no Japanese label", vocabulary.name);
                assert!(!en.trim().is_empty(), "{}.{value} has no English label", vocabulary.name);
                assert!(en.is_ascii(), "{}.{value}: the English label is not English: {en}", vocabulary.name);
            }
        }
        for kind in Kind::ALL {
            assert!(!kind.label(Lang::Ja).is_empty() && kind.label(Lang::En).is_ascii(), "{kind}");
        }
    }

    /// Every list of options in the generated schemas, as a set of values.
    fn option_lists(node: &Value, out: &mut Vec<BTreeSet<String>>) {
        match node {
            Value::Object(object) => {
                if let Some(Value::Array(options)) = object.get("oneOf") {
                    let values: Option<BTreeSet<String>> =
                        options.iter().map(|o| o.get("const").and_then(Value::as_str).map(str::to_owned)).collect();
                    if let Some(values) = values {
                        out.push(values);
                    }
                }
                object.values().for_each(|child| option_lists(child, out));
            }
            Value::Array(items) => items.iter().for_each(|child| option_lists(child, out)),
            _ => {}
        }
    }

    #[test]
    fn every_option_list_in_the_schemas_is_a_catalogued_vocabulary() {
        let catalogued: Vec<BTreeSet<String>> = vocabularies()
            .iter()
            .map(|vocabulary| vocabulary.values.iter().map(|(value, _, _)| (*value).to_owned()).collect())
            .collect();
        for &kind in Kind::ALL {
            let mut lists = Vec::new();
            option_lists(SchemaSet::get().schema(kind), &mut lists);
            assert!(!lists.is_empty(), "{kind}");
            for list in lists {
                assert!(catalogued.contains(&list), "{kind}: options {list:?} belong to no vocabulary in labels.rs");
            }
        }
    }

    #[test]
    fn the_catalog_holds_each_label_once_in_each_language() {
        let ja = labels(Lang::Ja);
        let en = labels(Lang::En);
        assert_eq!(ja["kinds"]["instruction"], "医療的ケア指示書");
        assert_eq!(en["vocabularies"]["facilityKind"]["nursery"], "Nursery (day care)");
        assert_eq!(ja["scoreItems"]["7(2)"], "経管栄養 (持続注入ポンプ)");
        assert_eq!(ja["vocabularies"]["scoreClass"]["middle"], ScoreClass::Middle.label(Lang::Ja));
        let keys = |value: &Value| value.as_object().map(|o| o.keys().cloned().collect::<Vec<_>>());
        assert_eq!(keys(&ja["vocabularies"]), keys(&en["vocabularies"]));
    }
}
