//! Upgrading documents of an older format version to the one this build writes.
//!
//! Works on the JSON, not on the types: the types describe only the current version.
//! Each step upgrades one version to the next, so a chain reaches the current one.
//! A step moves data; it never drops it. What a step cannot move stays where it is
//! (still readable) and is reported.

use serde_json::{Map, Value};

use crate::diagnostic::{Code, Diagnostic, Message};
use crate::documents::FORMAT_VERSION;

/// A document brought to the current format version.
#[derive(Debug, Clone, PartialEq)]
pub struct Migration {
    /// The version the document declared.
    pub from: String,
    /// What was changed, in order; empty when the document was already current.
    pub steps: Vec<Step>,
    /// The upgraded document.
    pub value: Value,
}

/// One change made to a document.
#[derive(Debug, Clone, PartialEq)]
pub struct Step {
    /// The version the step upgrades to.
    pub to: &'static str,
    /// Where the change was made.
    pub pointer: String,
    pub message: Message,
}

type Upgrade = fn(&mut Map<String, Value>, &mut Vec<Step>);

/// Each version this build can upgrade from, the version it becomes, and how.
const UPGRADES: &[(&str, &str, Upgrade)] = &[
    ("1.0", "1.1", |document, steps| weight_date_into_weight(document, steps, true)),
    ("1.1", "1.2", |document, steps| to_1_2(document, steps, true)),
];

/// Upgrades a document to [`FORMAT_VERSION`], step by step.
///
/// # Errors
/// A diagnostic when the value is not an object or its `formatVersion` is missing or
/// not one this build knows (newer versions cannot be downgraded).
pub fn migrate(mut value: Value) -> Result<Migration, Box<Diagnostic>> {
    let Some(object) = value.as_object_mut() else {
        let message = Message::new("文書は JSON オブジェクトでなければなりません", "a document must be a JSON object");
        return Err(Box::new(Diagnostic::new(Code::NotObject, "", message)));
    };
    let Some(from) = object.get("formatVersion").and_then(Value::as_str).map(str::to_owned) else {
        let message = Message::new("formatVersion がありません", "formatVersion is missing");
        return Err(Box::new(Diagnostic::new(Code::Required, "/formatVersion", message)));
    };
    let mut steps = Vec::new();
    let mut version = from.as_str();
    while version != FORMAT_VERSION {
        let Some(&(_, to, upgrade)) = UPGRADES.iter().find(|(old, _, _)| *old == version) else {
            // The value is not quoted: it is the document's text.
            let message = Message::new(
                format!("この書式の版からは更新できません (更新できる版: {})", upgradable()),
                format!("cannot upgrade from this format version (upgradable: {})", upgradable()),
            );
            return Err(Box::new(Diagnostic::new(Code::VersionUnsupported, "/formatVersion", message)));
        };
        upgrade(object, &mut steps);
        object.insert("formatVersion".to_owned(), Value::from(to));
        // A `$schema` naming the old version's schema would flag the new fields.
        if let Some(Value::String(schema)) = object.get_mut("$schema") {
            let (old, new) = (format!("/schemas/{version}/"), format!("/schemas/{to}/"));
            if schema.contains(&old) {
                *schema = schema.replace(&old, &new);
                steps.push(Step {
                    to,
                    pointer: "/$schema".to_owned(),
                    message: Message::new(
                        format!("$schema を {to} のスキーマにしました"),
                        format!("pointed $schema at the {to} schema"),
                    ),
                });
            }
        }
        steps.push(Step {
            to,
            pointer: "/formatVersion".to_owned(),
            message: Message::new(format!("formatVersion を {to} にしました"), format!("set formatVersion to {to}")),
        });
        version = to;
    }
    if from == FORMAT_VERSION {
        // Deprecated fields written into a current document still move to their replacements.
        weight_date_into_weight(object, &mut steps, false);
        to_1_2(object, &mut steps, false);
    }
    Ok(Migration { from, steps, value })
}

fn upgradable() -> String {
    UPGRADES.iter().map(|(from, _, _)| *from).collect::<Vec<_>>().join(", ")
}

/// 1.0 → 1.1: `child.weightMeasuredOn` moves into `child.weight.measuredOn`, beside the value it dates.
/// What cannot move is reported when `report_kept` (upgrading), left quietly otherwise.
fn weight_date_into_weight(document: &mut Map<String, Value>, steps: &mut Vec<Step>, report_kept: bool) {
    let Some(Value::Object(child)) = document.get_mut("child") else { return };
    if !child.contains_key("weightMeasuredOn") {
        return;
    }
    let (pointer, ja, en) = match child.get("weight") {
        Some(Value::Object(weight)) if weight.contains_key("measuredOn") => (
            "/child/weightMeasuredOn",
            "weight.measuredOn が既にあるため child.weightMeasuredOn はそのまま残しました (どちらかを消してください)",
            "kept child.weightMeasuredOn: weight.measuredOn is already given (remove one of them)",
        ),
        Some(Value::Object(_)) => {
            let date = child.remove("weightMeasuredOn");
            if let (Some(date), Some(Value::Object(weight))) = (date, child.get_mut("weight")) {
                weight.insert("measuredOn".to_owned(), date);
            }
            (
                "/child/weight/measuredOn",
                "child.weightMeasuredOn を child.weight.measuredOn に移しました",
                "moved child.weightMeasuredOn into child.weight.measuredOn",
            )
        }
        _ => (
            "/child/weightMeasuredOn",
            "体重がないため child.weightMeasuredOn はそのまま残しました (1.1 でも読めます)",
            "kept child.weightMeasuredOn: there is no weight to move it into (1.1 still reads it)",
        ),
    };
    if report_kept || pointer == "/child/weight/measuredOn" {
        steps.push(Step { to: "1.1", pointer: pointer.to_owned(), message: Message::new(ja, en) });
    }
}

/// 1.1 → 1.2: suction settings move to each site, a tube's length to the field its
/// route means, and an allergy list says what 1.1 meant by it. `upgrading`: also what
/// only an upgrade does (the allergy status), and report what stays.
fn to_1_2(document: &mut Map<String, Value>, steps: &mut Vec<Step>, upgrading: bool) {
    if let Some(Value::Object(care)) = document.get_mut("care") {
        if let Some(Value::Object(suction)) = care.get_mut("suction") {
            suction_per_site(suction, steps, upgrading);
        }
        if let Some(Value::Object(feeding)) = care.get_mut("tubeFeeding") {
            tube_length_by_route(feeding, steps);
        }
    }
    if upgrading
        && document.get("kind").and_then(Value::as_str) == Some("instruction")
        && !document.contains_key("allergyStatus")
        && let Some(Value::Array(allergies)) = document.get("allergies")
    {
        // What 1.1 said an allergy list means: empty is "none known".
        let status = if allergies.is_empty() { "noKnownAllergies" } else { "listed" };
        document.insert("allergyStatus".to_owned(), Value::from(status));
        steps.push(step_1_2(
            "/allergyStatus",
            format!("1.1 の意味のとおり allergyStatus を {status} にしました"),
            format!("set allergyStatus to {status}, as the 1.1 list meant"),
        ));
    }
}

fn step_1_2(pointer: &str, ja: String, en: String) -> Step {
    Step { to: "1.2", pointer: pointer.to_owned(), message: Message::new(ja, en) }
}

/// 1.1 stated one catheter size, pressure and time for suction as a whole, so each
/// listed site had them; its depth was the tracheal one (its rule asked it for that site).
fn suction_per_site(suction: &mut Map<String, Value>, steps: &mut Vec<Step>, upgrading: bool) {
    let sites: Vec<String> = suction
        .get("sites")
        .and_then(Value::as_array)
        .map(|sites| sites.iter().filter_map(Value::as_str).map(str::to_owned).collect())
        .unwrap_or_default();
    for field in ["catheterSize", "pressure", "maxTimePerPass", "insertionDepth"] {
        let Some(value) = suction.get(field).cloned() else { continue };
        let targets: Vec<&String> = if field == "insertionDepth" {
            match sites.iter().find(|site| *site == "tracheostomyTube") {
                Some(tracheal) => vec![tracheal],
                None if sites.len() == 1 => sites.iter().collect(),
                None => Vec::new(),
            }
        } else {
            sites.iter().collect()
        };
        let conflict = targets.iter().any(|site| {
            suction.get(site.as_str()).and_then(|s| s.get(field)).is_some_and(|existing| *existing != value)
        });
        if targets.is_empty() || conflict {
            if upgrading {
                steps.push(step_1_2(
                    &format!("/care/suction/{field}"),
                    format!(
                        "suction.{field} はどの部位のものか決められないため、そのまま残しました (1.2 でも読めます)"
                    ),
                    format!("kept suction.{field}: which site it belongs to cannot be told (1.2 still reads it)"),
                ));
            }
            continue;
        }
        for site in &targets {
            let block = suction.entry(site.as_str()).or_insert_with(|| Value::Object(Map::new()));
            if let Value::Object(block) = block {
                block.insert(field.to_owned(), value.clone());
            }
        }
        suction.remove(field);
        let names = targets.iter().map(|s| s.as_str()).collect::<Vec<_>>().join(", ");
        steps.push(step_1_2(
            &format!("/care/suction/{field}"),
            format!("suction.{field} を部位ごとの設定 ({names}) に移しました"),
            format!("moved suction.{field} into the settings of each site ({names})"),
        ));
    }
}

/// 1.1's one "insertion or shaft length" is an insertion length on a nasal route and
/// a shaft length on a stoma route.
fn tube_length_by_route(feeding: &mut Map<String, Value>, steps: &mut Vec<Step>) {
    let Some(length) = feeding.get("tubeLength").cloned() else { return };
    let nasal =
        matches!(feeding.get("route").and_then(Value::as_str), Some("nasogastric" | "nasoduodenal" | "nasojejunal"));
    let field = if nasal { "insertionLength" } else { "shaftLength" };
    if feeding.contains_key(field) {
        return;
    }
    feeding.remove("tubeLength");
    feeding.insert(field.to_owned(), length);
    steps.push(step_1_2(
        &format!("/care/tubeFeeding/{field}"),
        format!("経路に合わせて tubeFeeding.tubeLength を {field} に移しました"),
        format!("moved tubeFeeding.tubeLength into {field}, as the route means"),
    ));
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    #[test]
    fn moves_the_weighing_date_beside_the_weight() {
        let old = json!({"formatVersion": "1.0", "child": {"weight": {"value": 18.4, "unit": "kg"}, "weightMeasuredOn": "2026-03-10"}});
        let migration = migrate(old).expect("migrates");
        assert_eq!(migration.from, "1.0");
        assert_eq!(
            migration.value,
            json!({"formatVersion": "1.2", "child": {"weight": {"value": 18.4, "unit": "kg", "measuredOn": "2026-03-10"}}})
        );
        let steps: Vec<(&str, &str)> = migration.steps.iter().map(|s| (s.to, s.pointer.as_str())).collect();
        assert_eq!(steps, [("1.1", "/child/weight/measuredOn"), ("1.1", "/formatVersion"), ("1.2", "/formatVersion")]);
    }

    #[test]
    fn keeps_a_date_with_no_weight_and_says_so() {
        let old = json!({"formatVersion": "1.0", "child": {"weightMeasuredOn": "2026-03-10"}});
        let migration = migrate(old).expect("migrates");
        assert_eq!(migration.value, json!({"formatVersion": "1.2", "child": {"weightMeasuredOn": "2026-03-10"}}));
        assert_eq!(migration.steps[0].pointer, "/child/weightMeasuredOn");
    }

    #[test]
    fn leaves_a_current_document_alone() {
        let current = json!({"formatVersion": FORMAT_VERSION, "child": {"weightMeasuredOn": "2026-03-10"}});
        let migration = migrate(current.clone()).expect("migrates");
        assert!(migration.steps.is_empty());
        assert_eq!(migration.value, current);
    }

    #[test]
    fn moves_a_deprecated_date_in_a_current_document_and_updates_schema_links() {
        let current = json!({"formatVersion": FORMAT_VERSION, "child": {"weight": {"value": 9, "unit": "kg"}, "weightMeasuredOn": "2026-03-10"}});
        let migration = migrate(current).expect("migrates");
        assert_eq!(migration.value["child"], json!({"weight": {"value": 9, "unit": "kg", "measuredOn": "2026-03-10"}}));
        let old = json!({"$schema": "https://tsunagu-jp.github.io/tsunagu/schemas/1.0/consent.schema.json", "formatVersion": "1.0"});
        let migration = migrate(old).expect("migrates");
        assert_eq!(migration.value["$schema"], "https://tsunagu-jp.github.io/tsunagu/schemas/1.2/consent.schema.json");
    }

    #[test]
    fn suction_settings_move_to_each_listed_site_and_the_depth_to_the_tracheal_one() {
        let old = json!({"formatVersion": "1.1", "care": {"suction": {
            "sites": ["oral", "tracheostomyTube"],
            "catheterSize": {"value": 8, "unit": "Fr"},
            "pressure": {"value": 20, "unit": "kPa"},
            "insertionDepth": {"value": 7.5, "unit": "cm"}
        }}});
        let migration = migrate(old).expect("migrates");
        assert_eq!(
            migration.value["care"]["suction"],
            json!({
                "sites": ["oral", "tracheostomyTube"],
                "oral": {"catheterSize": {"value": 8, "unit": "Fr"}, "pressure": {"value": 20, "unit": "kPa"}},
                "tracheostomyTube": {"catheterSize": {"value": 8, "unit": "Fr"}, "pressure": {"value": 20, "unit": "kPa"}, "insertionDepth": {"value": 7.5, "unit": "cm"}}
            })
        );
    }

    #[test]
    fn a_depth_no_site_can_claim_stays_where_it_was() {
        let old = json!({"formatVersion": "1.1", "care": {"suction": {"sites": ["oral", "nasal"], "insertionDepth": {"value": 5, "unit": "cm"}}}});
        let migration = migrate(old).expect("migrates");
        assert_eq!(migration.value["care"]["suction"]["insertionDepth"], json!({"value": 5, "unit": "cm"}));
        assert!(
            migration
                .steps
                .iter()
                .any(|s| s.pointer == "/care/suction/insertionDepth" && s.message.en.starts_with("kept"))
        );
    }

    #[test]
    fn a_tube_length_becomes_what_its_route_means() {
        for (route, field) in [("nasogastric", "insertionLength"), ("gastrostomy", "shaftLength")] {
            let old = json!({"formatVersion": "1.1", "care": {"tubeFeeding": {"route": route, "tubeLength": {"value": 2, "unit": "cm"}}}});
            let migration = migrate(old).expect("migrates");
            assert_eq!(
                migration.value["care"]["tubeFeeding"],
                json!({"route": route, field: {"value": 2, "unit": "cm"}}),
                "{route}"
            );
        }
    }

    #[test]
    fn an_allergy_list_says_what_1_1_meant() {
        for (allergies, status) in [(json!([]), "noKnownAllergies"), (json!([{"substance": "卵"}]), "listed")] {
            let old = json!({"kind": "instruction", "formatVersion": "1.1", "allergies": allergies});
            assert_eq!(migrate(old).expect("migrates").value["allergyStatus"], status);
        }
    }

    #[test]
    fn refuses_unknown_and_missing_versions() {
        let error = migrate(json!({"formatVersion": "2.0"})).expect_err("newer");
        assert_eq!((error.code, error.pointer.as_str()), (Code::VersionUnsupported, "/formatVersion"));
        let error = migrate(json!({"kind": "consent"})).expect_err("missing");
        assert_eq!(error.code, Code::Required);
        assert_eq!(migrate(json!([])).expect_err("array").code, Code::NotObject);
    }
}
