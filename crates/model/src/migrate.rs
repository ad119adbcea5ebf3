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
const UPGRADES: &[(&str, &str, Upgrade)] =
    &[("1.0", "1.1", |document, steps| weight_date_into_weight(document, steps, true))];

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
            json!({"formatVersion": "1.1", "child": {"weight": {"value": 18.4, "unit": "kg", "measuredOn": "2026-03-10"}}})
        );
        let pointers: Vec<&str> = migration.steps.iter().map(|s| s.pointer.as_str()).collect();
        assert_eq!(pointers, ["/child/weight/measuredOn", "/formatVersion"]);
    }

    #[test]
    fn keeps_a_date_with_no_weight_and_says_so() {
        let old = json!({"formatVersion": "1.0", "child": {"weightMeasuredOn": "2026-03-10"}});
        let migration = migrate(old).expect("migrates");
        assert_eq!(migration.value, json!({"formatVersion": "1.1", "child": {"weightMeasuredOn": "2026-03-10"}}));
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
        assert_eq!(migration.value["$schema"], "https://tsunagu-jp.github.io/tsunagu/schemas/1.1/consent.schema.json");
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
