//! The format's wording, read from the schema the types generate: field titles
//! (`日本語 / English`), vocabulary labels, dates in the era and values with their
//! units, as paper and people show them. The renderer's view and `tsunagu diff`
//! word a document the same way from here.

use serde_json::Value;

use crate::Lang;
use crate::date::Date;

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

/// `日本語 / English` → the part for `lang`.
pub fn pick(title: &str, lang: Lang) -> String {
    match (title.split_once(" / "), lang) {
        (Some((ja, _)), Lang::Ja) => ja.trim().to_owned(),
        (Some((_, en)), Lang::En) => en.trim().to_owned(),
        (None, _) => title.trim().to_owned(),
    }
}

/// Follows `$ref`s to the schema that describes a value.
pub fn resolve<'a>(node: &'a Value, root: &'a Value) -> &'a Value {
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

pub fn title_of(node: &Value, root: &Value) -> Option<String> {
    node.get("title").or_else(|| resolve(node, root).get("title")).and_then(Value::as_str).map(str::to_owned)
}

pub fn schema_at<'a>(root: &'a Value, path: &[&str]) -> &'a Value {
    let mut node = root;
    for step in path {
        node = resolve(node, root);
        node = node.get(*step).unwrap_or(&Value::Null);
    }
    node
}

/// A value that prints on one line: text, numbers, dates, units, vocabulary, yes/no.
pub fn scalar_text(item: &Value, target: &Value, lang: Lang) -> Option<String> {
    let unit = target.pointer("/properties/unit/const").and_then(Value::as_str);
    match item {
        Value::Object(object) if unit.is_some() => {
            let unit = unit.unwrap_or_default();
            if let (Some(min), Some(max)) = (object.get("min"), object.get("max")) {
                Some(format!("{min}–{max} {unit}"))
            } else {
                let value = object.get("value")?;
                // Suction units are read in mmHg on many devices: both, so no one converts by hand.
                let mmhg = (unit == "kPa")
                    .then(|| value.as_f64())
                    .flatten()
                    .map(|kpa| format!(" ({:.0} mmHg)", kpa * 7.500_62));
                Some(format!("{value} {unit}{}", mmhg.unwrap_or_default()))
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
