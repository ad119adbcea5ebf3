//! What changed between two versions of a document, in the words of the form:
//! each care item, parameter, addressee, period or emergency action added, removed
//! or changed, with its unit ("吸引圧 15 kPa → 20 kPa"). A nurse reads this list,
//! so the values are shown: it is the document's own content, asked for.

use std::collections::HashMap;

use serde::Serialize;
use serde_json::Value;

use crate::Lang;
use crate::diagnostic::escape_token;
use crate::documents::Document;
use crate::schema::SchemaSet;
use crate::wording::{pick, resolve, scalar_text, title_of};

/// How a field changed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub enum ChangeKind {
    Added,
    Removed,
    Changed,
}

impl ChangeKind {
    pub fn label(self, lang: Lang) -> &'static str {
        match (self, lang) {
            (Self::Added, Lang::Ja) => "追加",
            (Self::Removed, Lang::Ja) => "削除",
            (Self::Changed, Lang::Ja) => "変更",
            (Self::Added, Lang::En) => "added",
            (Self::Removed, Lang::En) => "removed",
            (Self::Changed, Lang::En) => "changed",
        }
    }
}

/// One change.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Change {
    pub change: ChangeKind,
    /// JSON Pointer of the field (in the new version; in the old one for a removal).
    pub pointer: String,
    /// The field's titles from the top of the form, e.g. 医療的ケア › 吸引 › 吸引圧.
    pub path: Vec<String>,
    /// The value before and after, as printed (with units, labels, era dates); a
    /// block added or removed whole has none.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub old: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub new: Option<String>,
}

impl Change {
    /// `変更: 医療的ケア › 吸引 › 吸引圧: 15 kPa → 20 kPa`.
    pub fn text(&self, lang: Lang) -> String {
        let path = self.path.join(" › ");
        let values = match (&self.old, &self.new) {
            (Some(old), Some(new)) => format!(": {old} → {new}"),
            (None, Some(new)) => format!(": {new}"),
            (Some(old), None) => format!(": {old}"),
            (None, None) => String::new(),
        };
        format!("{}: {path}{values}", self.change.label(lang))
    }
}

/// Bookkeeping, not content: a new version always has a new id.
const SKIPPED: &[&str] = &["$schema", "id", "supersedes", "formatVersion", "extensions", "kind"];

/// Every change from `old` to `new` (documents of the same kind), in form order.
pub fn diff(old: &Document, new: &Document, lang: Lang) -> Vec<Change> {
    let root = SchemaSet::get().schema(new.kind());
    let (old, new) = (old.to_value(), new.to_value());
    // Entries point at each other by id (`at: "school"`): the diff names them instead.
    let mut names = HashMap::new();
    collect_names(&old, &mut names);
    collect_names(&new, &mut names);
    let mut out = Vec::new();
    let context = Walk { root, lang, names };
    context.walk(&old, &new, root, "", &mut Vec::new(), &mut out);
    out
}

/// Every `id` with the `name` next to it, anywhere in the document.
fn collect_names(value: &Value, names: &mut HashMap<String, String>) {
    match value {
        Value::Object(map) => {
            if let (Some(Value::String(id)), Some(Value::String(name))) = (map.get("id"), map.get("name")) {
                names.entry(id.clone()).or_insert_with(|| name.clone());
            }
            map.values().for_each(|v| collect_names(v, names));
        }
        Value::Array(items) => items.iter().for_each(|v| collect_names(v, names)),
        _ => {}
    }
}

/// The fields that say which entry of a list an object is, most telling first.
const IDENTITY: &[&str] = &["id", "name", "situation", "substance", "trouble", "at", "contact", "kind", "site", "call"];

struct Walk<'a> {
    root: &'a Value,
    lang: Lang,
    names: HashMap<String, String>,
}

impl Walk<'_> {
    fn walk(
        &self,
        old: &Value,
        new: &Value,
        node: &Value,
        pointer: &str,
        path: &mut Vec<String>,
        out: &mut Vec<Change>,
    ) {
        let node = resolve(node, self.root);
        if old == new {
            return;
        }
        if let Some(properties) = node.get("properties").and_then(Value::as_object)
            && scalar_text(new, node, self.lang).is_none()
            && scalar_text(old, node, self.lang).is_none()
        {
            for (key, property) in properties {
                if pointer.is_empty() && SKIPPED.contains(&key.as_str()) {
                    continue;
                }
                let (a, b) = (old.get(key), new.get(key));
                let at = format!("{pointer}/{}", escape_token(key));
                path.push(self.title(property, key));
                match (a, b) {
                    (None, None) => {}
                    (None, Some(b)) => self.whole(ChangeKind::Added, &at, b, property, path, out),
                    (Some(a), None) => self.whole(ChangeKind::Removed, &at, a, property, path, out),
                    (Some(a), Some(b)) => self.walk(a, b, property, &at, path, out),
                }
                path.pop();
            }
            return;
        }
        if let (Value::Array(a), Value::Array(b)) = (old, new) {
            let element = node.get("items").unwrap_or(&Value::Null);
            let target = resolve(element, self.root);
            let scalars = |items: &Vec<Value>| items.iter().all(|i| scalar_text(i, target, self.lang).is_some());
            if !(scalars(a) && scalars(b)) {
                for pair in pair_entries(a, b) {
                    let (x, y) = (pair.0.map(|i| &a[i]), pair.1.map(|j| &b[j]));
                    let index = pair.1.or(pair.0).unwrap_or_default();
                    let at = format!("{pointer}/{index}");
                    path.push(self.item_title(y.or(x), target, index));
                    match (x, y) {
                        (Some(x), Some(y)) => self.walk(x, y, element, &at, path, out),
                        (None, Some(y)) => self.whole(ChangeKind::Added, &at, y, element, path, out),
                        (Some(x), None) => self.whole(ChangeKind::Removed, &at, x, element, path, out),
                        (None, None) => {}
                    }
                    path.pop();
                }
                return;
            }
        }
        out.push(Change {
            change: ChangeKind::Changed,
            pointer: pointer.to_owned(),
            path: path.clone(),
            old: Some(self.text(old, node)),
            new: Some(self.text(new, node)),
        });
    }

    /// A field added or removed: a value is shown; a block is named.
    fn whole(
        &self,
        change: ChangeKind,
        pointer: &str,
        value: &Value,
        node: &Value,
        path: &[String],
        out: &mut Vec<Change>,
    ) {
        let target = resolve(node, self.root);
        let shown = self.value_text(value, target);
        let (old, new) = match change {
            ChangeKind::Added => (None, shown),
            _ => (shown, None),
        };
        out.push(Change { change, pointer: pointer.to_owned(), path: path.to_vec(), old, new });
    }

    fn value_text(&self, value: &Value, node: &Value) -> Option<String> {
        if let Some(text) = scalar_text(value, node, self.lang) {
            return Some(text);
        }
        let Value::Array(items) = value else { return None };
        let element = resolve(node.get("items").unwrap_or(&Value::Null), self.root);
        let texts: Option<Vec<String>> = items.iter().map(|i| scalar_text(i, element, self.lang)).collect();
        texts.map(|t| t.join(if self.lang == Lang::Ja { "、" } else { ", " }))
    }

    fn text(&self, value: &Value, node: &Value) -> String {
        self.value_text(value, node).unwrap_or_default()
    }

    fn title(&self, property: &Value, key: &str) -> String {
        title_of(property, self.root).map_or_else(|| key.to_owned(), |t| pick(&t, self.lang))
    }

    /// A list entry named by what it is (the place it names, its situation, its kind),
    /// in the form's words, else by its number.
    fn item_title(&self, item: Option<&Value>, element: &Value, index: usize) -> String {
        let properties = element.get("properties");
        let named = IDENTITY.iter().find_map(|key| {
            let value = item?.get(*key)?;
            if let Some(name) = value.as_str().and_then(|id| self.names.get(id)) {
                return Some(name.clone());
            }
            let property = resolve(properties?.get(*key)?, self.root);
            scalar_text(value, property, self.lang)
        });
        let mut title = named.unwrap_or_else(|| format!("{}", index + 1));
        // Two entries for one place differ by when: say when.
        let when: Vec<String> = ["days", "times"]
            .iter()
            .filter_map(|key| {
                let property = resolve(properties?.get(*key)?, self.root);
                self.value_text(item?.get(*key)?, property).filter(|t| !t.is_empty())
            })
            .collect();
        if !when.is_empty() {
            title = format!("{title} ({})", when.join(" "));
        }
        title
    }
}

/// Which old entry became which new one: equal entries first, then entries with the
/// same identity (see [`IDENTITY`]), then the rest in order. `(old, new)` indices;
/// one side empty for an entry added or removed. Sorted as the new list reads.
fn pair_entries(old: &[Value], new: &[Value]) -> Vec<(Option<usize>, Option<usize>)> {
    let mut old_used = vec![false; old.len()];
    let mut partner: Vec<Option<usize>> = vec![None; new.len()];
    let mut match_by = |same: &dyn Fn(&Value, &Value) -> bool, partner: &mut Vec<Option<usize>>| {
        for (j, entry) in new.iter().enumerate() {
            if partner[j].is_some() {
                continue;
            }
            if let Some(i) = (0..old.len()).find(|&i| !old_used[i] && same(&old[i], entry)) {
                old_used[i] = true;
                partner[j] = Some(i);
            }
        }
    };
    match_by(&|a, b| a == b, &mut partner);
    let identity = |v: &Value| IDENTITY.iter().find_map(|key| v.get(*key).map(|found| (*key, found.clone())));
    match_by(&|a, b| identity(a).is_some() && identity(a) == identity(b), &mut partner);
    // What is left pairs in order only where neither side says who it is.
    match_by(&|a, b| a.is_object() && b.is_object() && identity(a).is_none() && identity(b).is_none(), &mut partner);
    let mut pairs: Vec<(Option<usize>, Option<usize>)> =
        partner.iter().enumerate().map(|(j, &i)| (i, Some(j))).collect();
    for (i, used) in old_used.iter().enumerate() {
        if !used {
            // A removed entry goes where it stood among the old ones.
            let at = pairs.iter().position(|p| p.0.is_some_and(|k| k > i)).unwrap_or(pairs.len());
            pairs.insert(at, (Some(i), None));
        }
    }
    pairs
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::validate;

    fn example() -> serde_json::Value {
        let text = include_str!("../../../examples/instruction-tracheostomy-ventilator.json");
        serde_json::from_str(text).expect("example")
    }

    fn document(value: &serde_json::Value) -> Document {
        validate(value.to_string().as_bytes()).document.expect("valid")
    }

    #[test]
    fn a_changed_parameter_is_named_with_its_unit() {
        let old = example();
        let mut new = old.clone();
        new["care"]["suction"]["oral"]["pressure"]["value"] = 15.into();
        new["id"] = "7f1c2d3e-4a5b-4c6d-8e7f-0a1b2c3d4e5f".into();
        let changes = diff(&document(&old), &document(&new), Lang::Ja);
        assert_eq!(changes.len(), 1, "{changes:#?}");
        assert_eq!(changes[0].pointer, "/care/suction/oral/pressure");
        assert_eq!(
            changes[0].text(Lang::Ja),
            "変更: 医療的ケア › 5 吸引 › 口腔内吸引 › 吸引圧 (陰圧の大きさ): 20 kPa (150 mmHg) → 15 kPa (113 mmHg)"
        );
    }

    #[test]
    fn care_items_added_and_removed_are_named() {
        let old = example();
        let mut new = old.clone();
        new["care"].as_object_mut().expect("care").remove("oxygen");
        new["care"]["nebulizer"] = serde_json::json!({ "timing": { "times": ["10:00"] } });
        let changes = diff(&document(&old), &document(&new), Lang::En);
        let summary: Vec<(ChangeKind, &str)> = changes.iter().map(|c| (c.change, c.pointer.as_str())).collect();
        assert_eq!(summary, [(ChangeKind::Removed, "/care/oxygen"), (ChangeKind::Added, "/care/nebulizer")]);
        assert!(
            changes[1].text(Lang::En).starts_with("added: Care items › Nebulizer"),
            "{}",
            changes[1].text(Lang::En)
        );
    }
}
