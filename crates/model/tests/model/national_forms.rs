//! `docs/national-forms.md` maps every item of the national forms to a place in the
//! instruction sheet. Each JSON Pointer there must name a place the schema has.

use serde_json::Value;
use tsunagu_model::{Kind, SchemaSet};

use crate::root;

/// Follows a pointer through the schema (properties, array items, `$ref`s): whether
/// a document could hold a value there. `{i}` stands for any index.
fn resolve<'a>(root: &'a Value, mut node: &'a Value) -> &'a Value {
    while let Some(name) = node.get("$ref").and_then(Value::as_str).and_then(|r| r.strip_prefix("#/$defs/")) {
        node = &root["$defs"][name];
    }
    node
}

fn schema_has(root: &Value, pointer: &str) -> bool {
    let resolve = |node| resolve(root, node);
    let mut node = resolve(root);
    for token in pointer.split('/').skip(1) {
        node = if token == "{i}" || token.parse::<usize>().is_ok() {
            match node.get("items") {
                Some(items) => resolve(items),
                None => return false,
            }
        } else {
            match node.get("properties").and_then(|p| p.get(token)) {
                Some(property) => resolve(property),
                None => return false,
            }
        };
    }
    true
}

#[test]
fn every_item_of_the_national_forms_has_a_home_in_the_schema() {
    let text = std::fs::read_to_string(root().join("docs/national-forms.md")).expect("docs/national-forms.md");
    let schema = SchemaSet::get().schema(Kind::Instruction);
    let mut items = 0;
    let mut missing = Vec::new();
    for line in text.lines().filter(|line| line.starts_with('|') && !line.starts_with("|---")) {
        let Some(home) = line.trim_end_matches('|').rsplit('|').next() else { continue };
        let pointers: Vec<&str> = home.split('`').skip(1).step_by(2).filter(|p| p.starts_with('/')).collect();
        if pointers.is_empty() {
            continue; // the header row
        }
        items += 1;
        missing.extend(
            pointers.into_iter().filter(|pointer| !schema_has(schema, pointer)).map(|p| format!("{p} ({line})")),
        );
    }
    assert!(missing.is_empty(), "no place in the schema for:\n{}", missing.join("\n"));
    assert!(items >= 80, "both national forms are listed item by item ({items} items)");
}

#[test]
fn the_check_refuses_a_place_the_schema_does_not_have() {
    let schema = SchemaSet::get().schema(Kind::Instruction);
    assert!(schema_has(schema, "/care/suction/oral/pressure"));
    assert!(!schema_has(schema, "/care/suction/oral/volume"));
    assert!(!schema_has(schema, "/homeNursing/specialInstruction"));
}
