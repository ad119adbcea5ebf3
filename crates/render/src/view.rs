//! What the templates read: the document as written, plus everything derived
//! for paper (era dates, ages, label/value rows, the score), so the templates
//! only lay out and never compute. Nothing here is kind-specific.
//!
//! Field labels come from the JSON Schema titles (`日本語 / English`), the one
//! source of the format's wording, so any care item renders without a template
//! change. Vocabulary labels come from the model's catalog, in its own file
//! (`/data/labels.json`).

use serde_json::{Map, Value, json};
use tsunagu_model::wording::{date_text, pick, resolve, scalar_text, schema_at, title_of};
use tsunagu_model::{
    Change, Date, Document, Lang, SchemaSet, ScoreItem, SupplyLine, Vocabulary, Watch, find_string, score_document,
};

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
        "schedule": schedule(value, root, lang),
        "troubles": troubles(value, root, lang),
        "callOrder": value.pointer("/emergency/callOrder").map_or(Value::Null, |steps| calls(steps, value)),
        "power": power(document),
    })
}

/// An evacuation plan's hours, computed by the model, as printed (rounded).
fn power(document: &Document) -> Value {
    let Document::Evacuation(plan) = document else { return Value::Null };
    let power = plan.power();
    let text = |h: Option<f64>| h.map(tsunagu_model::print_number);
    json!({
        "devices": power.devices.iter().map(|d| json!({
            "kind": d.kind.as_str(),
            "model": d.model,
            "battery": tsunagu_model::print_number(d.battery_hours),
            "backupAlone": text(d.backup_alone_hours),
            "total": tsunagu_model::print_number(d.total_hours),
        })).collect::<Vec<_>>(),
        "backupWh": tsunagu_model::print_number(power.backup_wh),
        "totalWatts": tsunagu_model::print_number(power.total_watts),
        "backup": text(power.backup_hours),
        "total": text(power.total_hours),
        "target": text(power.target_hours),
        "short": matches!((power.total_hours, power.target_hours), (Some(t), Some(g)) if t < g),
        "efficiencies": plan.backup_power.iter().map(|b| tsunagu_model::print_number(b.efficiency_used() * 100.0)).collect::<Vec<_>>(),
    })
}

/// What to pack, as printed: each line's amounts for 1, 3 and 14 days.
pub fn supplies(lines: &[SupplyLine], lang: Lang) -> Value {
    Value::Array(
        lines
            .iter()
            .map(|line| {
                let amount = |a: &Option<f64>| a.map_or_else(|| "—".to_owned(), tsunagu_model::print_number);
                json!({
                    "item": line.item.get(lang),
                    "unit": line.unit.get(lang),
                    "amounts": line.amounts.iter().map(amount).collect::<Vec<_>>(),
                    "note": line.note.get(lang),
                })
            })
            .collect(),
    )
}

/// What changed from the version before, for the 変更点 section.
pub fn changes(changes: &[Change], lang: Lang) -> Value {
    Value::Array(
        changes
            .iter()
            .map(|c| {
                json!({
                    "change": c.change.label(lang),
                    "path": c.path.join(" › "),
                    "old": c.old,
                    "new": c.new,
                })
            })
            .collect(),
    )
}

/// Every block of the document that carries `field` (assignments, trouble plans),
/// with the block's title: its `name` where it has one (a medicine), else its schema title.
fn blocks_with<'a>(value: &'a Value, root: &Value, field: &str, lang: Lang) -> Vec<(String, &'a Vec<Value>)> {
    fn walk<'a>(
        value: &'a Value,
        node: &Value,
        root: &Value,
        title: &str,
        field: &str,
        lang: Lang,
        out: &mut Vec<(String, &'a Vec<Value>)>,
    ) {
        let node = resolve(node, root);
        match value {
            Value::Object(object) => {
                if let Some(Value::Array(list)) = object.get(field)
                    && !list.is_empty()
                {
                    out.push((title.to_owned(), list));
                }
                for (key, item) in object {
                    if key == field || key == "extensions" {
                        continue;
                    }
                    let property = node.pointer(&format!("/properties/{key}")).unwrap_or(&Value::Null);
                    let own = title_of(property, root).map_or_else(|| key.clone(), |t| pick(&t, lang));
                    walk(item, property, root, &own, field, lang, out);
                }
            }
            Value::Array(items) => {
                let element = node.get("items").unwrap_or(&Value::Null);
                for item in items {
                    let named =
                        item.get("name").and_then(Value::as_str).map_or_else(|| title.to_owned(), str::to_owned);
                    walk(item, element, root, &named, field, lang, out);
                }
            }
            _ => {}
        }
    }
    let mut out = Vec::new();
    walk(value, root, root, "", field, lang, &mut out);
    out
}

/// Each addressee's own schedule: what is done there, when and by whom, what is done
/// at every place, and what the child receives elsewhere. Empty without assignments.
fn schedule(value: &Value, root: &Value, lang: Lang) -> Value {
    let assigned = blocks_with(value, root, "assignments", lang);
    if assigned.is_empty() {
        return Value::Array(Vec::new());
    }
    let everywhere: Vec<Value> = value
        .get("care")
        .and_then(Value::as_object)
        .into_iter()
        .flatten()
        .filter(|(_, block)| blocks_with(block, &Value::Null, "assignments", lang).is_empty())
        .map(|(key, _)| {
            let property = schema_at(root, &["properties", "care", "properties", key]);
            Value::String(title_of(property, root).map_or_else(|| key.clone(), |t| pick(&t, lang)))
        })
        .collect();
    let places = value.get("addressees").and_then(Value::as_array).into_iter().flatten();
    let schedules = places
        .filter_map(|place| {
            let id = place.get("id")?;
            let mut timed = Vec::new();
            let mut as_needed = Vec::new();
            let mut elsewhere = Vec::new();
            for (title, list) in &assigned {
                let here: Vec<&Value> = list.iter().filter(|a| a.get("at") == Some(id)).collect();
                if here.is_empty() {
                    elsewhere.push(Value::String(title.clone()));
                }
                for assignment in here {
                    let row = |time: Value| {
                        json!({
                            "time": time,
                            "care": title,
                            "days": assignment.get("days").cloned().unwrap_or_else(|| json!([])),
                            "performers": assignment.get("performers").cloned().unwrap_or_else(|| json!([])),
                            "conditions": assignment.get("conditions").cloned().unwrap_or(Value::Null),
                            "note": assignment.get("note").cloned().unwrap_or(Value::Null),
                        })
                    };
                    match assignment.get("times").and_then(Value::as_array).filter(|t| !t.is_empty()) {
                        Some(at) => timed.extend(at.iter().cloned().map(row)),
                        None => as_needed.push(row(Value::Null)),
                    }
                }
            }
            timed.sort_by(|a, b| a["time"].as_str().cmp(&b["time"].as_str()));
            elsewhere.dedup();
            Some(json!({
                "id": id,
                "name": place.get("name").cloned().unwrap_or(Value::Null),
                "timed": timed,
                "asNeeded": as_needed,
                "everywhere": everywhere,
                "elsewhere": elsewhere,
            }))
        })
        .collect();
    Value::Array(schedules)
}

/// Every trouble plan, with the block it belongs to and its calls spelled out.
fn troubles(value: &Value, root: &Value, lang: Lang) -> Value {
    let rows = blocks_with(value, root, "troublePlans", lang)
        .into_iter()
        .flat_map(|(title, plans)| {
            plans.iter().map(move |plan| {
                json!({
                    "care": title,
                    "trouble": plan.get("trouble").cloned().unwrap_or(Value::Null),
                    "situation": plan.get("situation").cloned().unwrap_or(Value::Null),
                    "action": plan.get("action").cloned().unwrap_or(Value::Null),
                    "performers": plan.get("performers").cloned().unwrap_or_else(|| json!([])),
                    "calls": plan.get("calls").map_or_else(|| json!([]), |steps| calls(steps, value)),
                })
            })
        })
        .collect();
    Value::Array(rows)
}

/// Call steps with the contact each one names looked up: its name and phone.
fn calls(steps: &Value, value: &Value) -> Value {
    let contacts = value.pointer("/emergency/contacts").and_then(Value::as_array);
    let steps = steps.as_array().into_iter().flatten().map(|step| {
        let contact = step.get("contact").and_then(|id| contacts?.iter().find(|c| c.get("id") == Some(id)));
        json!({
            "call": step.get("call").cloned().unwrap_or(Value::Null),
            "name": contact.and_then(|c| c.get("name")).cloned().unwrap_or(Value::Null),
            "phone": contact.and_then(|c| c.get("phone")).cloned().unwrap_or(Value::Null),
            "when": step.get("when").cloned().unwrap_or(Value::Null),
        })
    });
    Value::Array(steps.collect())
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
        // Assignments and trouble plans have tables of their own (`schedule`, `troubles`).
        if matches!(key.as_str(), "assignments" | "troublePlans") {
            continue;
        }
        let Some(item) = object.get(key) else { continue };
        let label = title_of(property, root).map_or_else(|| key.clone(), |t| pick(&t, lang));
        let mut row = row(&label, item, property, root, lang);
        if let Value::Object(fields) = &mut row {
            fields.insert("key".into(), Value::String(key.clone()));
            // A vocabulary value's own name, for templates that word it their own way.
            if let Value::String(code) = item {
                fields.insert("code".into(), Value::String(code.clone()));
            }
        }
        out.push(row);
    }
    out
}

fn row(label: &str, item: &Value, property: &Value, root: &Value, lang: Lang) -> Value {
    let target = resolve(property, root);
    if let Some(text) = scalar_text(item, target, lang) {
        return json!({ "label": label, "value": text });
    }
    match item {
        Value::Array(items) => {
            let element = target.get("items").unwrap_or(&Value::Null);
            let element_target = resolve(element, root);
            let texts: Option<Vec<String>> = items.iter().map(|i| scalar_text(i, element_target, lang)).collect();
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
        // The checklist is the score table's rows; other care and drains are outside it.
        if !matches!(key.as_str(), "other" | "drains") {
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
        "shortStay": score.short_stay.label(lang),
        "notes": score.diagnostics.iter().map(|d| d.message.get(lang).to_owned()).collect::<Vec<_>>(),
    })
}
