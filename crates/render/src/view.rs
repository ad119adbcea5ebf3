//! What the templates read: the document as written, plus everything derived
//! for paper (era dates, ages, label/value rows, the score), so the templates
//! only lay out and never compute. Nothing here is kind-specific.
//!
//! Field labels come from the JSON Schema titles (`日本語 / English`), the one
//! source of the format's wording, so any care item renders without a template
//! change. Vocabulary labels come from the model's catalog, in its own file
//! (`/data/labels.json`).

use serde_json::{Map, Value, json};
use tsunagu_model::{Date, Document, Lang, SchemaSet, ScoreItem, Vocabulary, Watch, find_string, score_document};

use crate::world::RenderOptions;

/// Builds the view of one document.
pub fn build(document: &Document, value: &Value, options: RenderOptions, digest: &str, payload: &str) -> Value {
    let lang = options.lang;
    let kind = document.kind();
    let root = SchemaSet::get().schema(kind);
    json!({
        "lang": lang.as_str(),
        "draft": options.draft,
        "kind": kind.as_str(),
        "title": kind.label(lang),
        "footer": {
            "id": document.id().to_string(),
            "version": document.format_version().as_str(),
            "digest": &digest[..16],
            "payload": payload,
        },
        "doc": value,
        "dates": dates(value, lang),
        "age": age_text(document.birth_date(), document.date(), lang),
        "rows": top_level_rows(value, root, lang),
        "care": value.get("care").map_or(Value::Null, |care| self::care(care, root, lang)),
        "score": score(document, lang),
    })
}

/// A date for paper: 令和8年4月1日, or 1 April 2026 (Reiwa 8) in English.
pub fn date_text(date: Date, lang: Lang) -> String {
    const MONTHS: [&str; 12] = [
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ];
    match (lang, date.era()) {
        (Lang::Ja, Some(era)) => era.to_japanese(),
        (Lang::Ja, None) => format!("{}年{}月{}日", date.year(), date.month(), date.day()),
        (Lang::En, era) => {
            let month = MONTHS[usize::from(date.month() - 1)];
            let era = era.map(|e| format!(" ({} {})", e.era.romaji(), e.year)).unwrap_or_default();
            format!("{} {month} {}{era}", date.day(), date.year())
        }
    }
}

fn age_text(birth: Date, on: Date, lang: Lang) -> String {
    let age = birth.years_until(on).unwrap_or(0);
    match lang {
        Lang::Ja => format!("{age}歳"),
        Lang::En => format!("age {age}"),
    }
}

/// Every date in the document, formatted, keyed by its JSON Pointer.
fn dates(value: &Value, lang: Lang) -> Value {
    let mut out = Map::new();
    find_string::<()>(value, &mut |pointer, text| {
        if text.len() == 10
            && !pointer.starts_with("/extensions")
            && let Ok(date) = Date::parse(text)
        {
            out.insert(pointer.to_owned(), Value::String(date_text(date, lang)));
        }
        None
    });
    Value::Object(out)
}

/// `日本語 / English` → the part for `lang`.
fn pick(title: &str, lang: Lang) -> String {
    match (title.split_once(" / "), lang) {
        (Some((ja, _)), Lang::Ja) => ja.trim().to_owned(),
        (Some((_, en)), Lang::En) => en.trim().to_owned(),
        (None, _) => title.trim().to_owned(),
    }
}

/// Follows `$ref`s to the schema that describes a value.
fn resolve<'a>(node: &'a Value, root: &'a Value) -> &'a Value {
    let mut node = node;
    for _ in 0..8 {
        match node.get("$ref").and_then(Value::as_str).and_then(|r| r.strip_prefix("#/$defs/")) {
            Some(name) => match root["$defs"].get(name) {
                Some(target) => node = target,
                None => break,
            },
            None => break,
        }
    }
    node
}

fn title_of(node: &Value, root: &Value) -> Option<String> {
    node.get("title").or_else(|| resolve(node, root).get("title")).and_then(Value::as_str).map(str::to_owned)
}

fn schema_at<'a>(root: &'a Value, path: &[&str]) -> &'a Value {
    let mut node = root;
    for step in path {
        node = resolve(node, root);
        node = node.get(*step).unwrap_or(&Value::Null);
    }
    node
}

/// Label/value rows of each block at the top of the document (an object other
/// than the care items, which have their own view), by field name.
fn top_level_rows(value: &Value, root: &Value, lang: Lang) -> Value {
    let Some(properties) = root.get("properties").and_then(Value::as_object) else { return Value::Null };
    let rows: Map<String, Value> = properties
        .iter()
        .filter(|(key, _)| !matches!(key.as_str(), "care" | "extensions"))
        .filter_map(|(key, property)| {
            let item = value.get(key).filter(|item| item.is_object())?;
            Some((key.clone(), Value::Array(rows(item, property, root, lang))))
        })
        .collect();
    Value::Object(rows)
}

/// Label/value rows for an object, in schema order, nested for sub-objects.
fn rows(value: &Value, node: &Value, root: &Value, lang: Lang) -> Vec<Value> {
    let node = resolve(node, root);
    let Some(object) = value.as_object() else { return Vec::new() };
    let Some(properties) = node.get("properties").and_then(Value::as_object) else { return Vec::new() };
    let mut out = Vec::new();
    for (key, property) in properties {
        let Some(item) = object.get(key) else { continue };
        let label = title_of(property, root).map_or_else(|| key.clone(), |t| pick(&t, lang));
        out.push(row(&label, item, property, root, lang));
    }
    out
}

fn row(label: &str, item: &Value, property: &Value, root: &Value, lang: Lang) -> Value {
    let target = resolve(property, root);
    if let Some(text) = scalar(item, target, lang) {
        return json!({ "label": label, "value": text });
    }
    match item {
        Value::Array(items) => {
            let element = target.get("items").unwrap_or(&Value::Null);
            let element_target = resolve(element, root);
            let texts: Option<Vec<String>> = items.iter().map(|i| scalar(i, element_target, lang)).collect();
            if let Some(texts) = texts {
                let separator = if lang == Lang::Ja { "、" } else { ", " };
                return json!({ "label": label, "value": texts.join(separator) });
            }
            let children: Vec<Value> = items
                .iter()
                .enumerate()
                .map(|(i, entry)| {
                    json!({ "label": format!("{}", i + 1), "rows": rows(entry, element_target, root, lang) })
                })
                .collect();
            json!({ "label": label, "rows": children })
        }
        Value::Object(_) => json!({ "label": label, "rows": rows(item, target, root, lang) }),
        _ => json!({ "label": label, "value": "" }),
    }
}

/// A value that prints on one line: text, numbers, dates, units, vocabulary, yes/no.
fn scalar(item: &Value, target: &Value, lang: Lang) -> Option<String> {
    let unit = target.pointer("/properties/unit/const").and_then(Value::as_str);
    match item {
        Value::Object(object) if unit.is_some() => {
            let unit = unit.unwrap_or_default();
            if let (Some(min), Some(max)) = (object.get("min"), object.get("max")) {
                Some(format!("{min}–{max} {unit}"))
            } else {
                object.get("value").map(|v| format!("{v} {unit}"))
            }
        }
        Value::String(text) => {
            if let Some(options) = target.get("oneOf").and_then(Value::as_array)
                && let Some(option) = options.iter().find(|o| o.get("const") == Some(item))
            {
                return Some(
                    option.get("title").and_then(Value::as_str).map_or_else(|| text.clone(), |t| pick(t, lang)),
                );
            }
            if target.get("format").and_then(Value::as_str) == Some("date")
                && let Ok(date) = Date::parse(text)
            {
                return Some(date_text(date, lang));
            }
            Some(text.clone())
        }
        Value::Bool(yes) => Some(
            match (yes, lang) {
                (true, Lang::Ja) => "はい",
                (false, Lang::Ja) => "いいえ",
                (true, Lang::En) => "Yes",
                (false, Lang::En) => "No",
            }
            .to_owned(),
        ),
        Value::Number(n) => Some(n.to_string()),
        _ => None,
    }
}

/// The care block: a checklist of every category, then a section per item present.
fn care(value: &Value, root: &Value, lang: Lang) -> Value {
    let node = resolve(schema_at(root, &["properties", "care"]), root);
    let empty = Map::new();
    let present = value.as_object().unwrap_or(&empty);
    let mut checklist = Vec::new();
    let mut sections = Vec::new();
    for (key, property) in node["properties"].as_object().into_iter().flatten() {
        let title = title_of(property, root).unwrap_or_else(|| key.clone());
        let label = pick(&title, lang);
        let item = present.get(key);
        if key != "other" {
            checklist.push(json!({ "label": label, "checked": item.is_some() }));
        }
        if let Some(item) = item {
            let rows = match row(&label, item, property, root, lang) {
                Value::Object(mut row) => row.remove("rows").unwrap_or(Value::Array(Vec::new())),
                _ => Value::Array(Vec::new()),
            };
            sections.push(json!({ "key": key, "title": label, "rows": rows }));
        }
    }
    json!({ "checklist": checklist, "sections": sections })
}

/// The score as the official table: every row, with points where counted.
fn score(document: &Document, lang: Lang) -> Value {
    let Some(score) = score_document(document) else { return Value::Null };
    let cell = |points: Option<u32>| points.map_or_else(|| "–".to_owned(), |p| p.to_string());
    let table: Vec<Value> = ScoreItem::ALL
        .iter()
        .map(|&item| {
            let line = score.lines.iter().find(|line| line.item == item);
            json!({
                "number": item.number(),
                "label": item.label(lang),
                "base": item.base_points(),
                "high": cell(item.watch_points(Watch::High)),
                "mid": cell(item.watch_points(Watch::Mid)),
                "low": cell(item.watch_points(Watch::Low)),
                "counted": line.is_some(),
                "watch": line.and_then(|l| l.watch).map_or("", |watch| watch.label(lang)),
                "points": line.map(|l| l.points),
                "note": line.and_then(|l| l.note.as_ref()).map(|n| n.get(lang).to_owned()),
            })
        })
        .collect();
    json!({
        "table": table,
        "total": score.total,
        "class": score.class.label(lang),
        "shortStay": score.short_stay_threshold_met,
        "notes": score.diagnostics.iter().map(|d| d.message.get(lang).to_owned()).collect::<Vec<_>>(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_print_in_the_era_and_in_english() {
        let date = Date::parse("2019-05-01").expect("date");
        assert_eq!(date_text(date, Lang::Ja), "令和元年5月1日");
        assert_eq!(date_text(date, Lang::En), "1 May 2019 (Reiwa 1)");
    }

    #[test]
    fn titles_split_by_language() {
        assert_eq!(pick("姓 / Family name", Lang::Ja), "姓");
        assert_eq!(pick("姓 / Family name", Lang::En), "Family name");
        assert_eq!(pick("PEEP", Lang::En), "PEEP");
    }
}
