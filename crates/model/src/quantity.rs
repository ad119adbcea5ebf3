//! Measured values that always carry their unit: `{"value": 8, "unit": "Fr"}`.
//!
//! The unit is part of the data, not only of the field name, so a reader never
//! guesses whether a pressure is in kPa or cmH2O. Each field fixes its unit in
//! the schema (`"const"`), which also lets a form show the unit beside the input.

use std::borrow::Cow;
use std::fmt;
use std::marker::PhantomData;

use schemars::{JsonSchema, Schema, SchemaGenerator, json_schema};
use serde::de::{self, MapAccess};
use serde::ser::SerializeMap;
use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// A unit of measure, fixed per field.
pub trait Unit: Copy + Default + fmt::Debug + PartialEq + Send + Sync + 'static {
    /// The symbol in data and on paper, e.g. `kPa`.
    const SYMBOL: &'static str;
    /// A name usable in a schema definition, e.g. `KPa`.
    const NAME: &'static str;
    /// What the unit measures, Japanese then English, e.g. `圧力 / pressure`.
    const MEASURES: &'static str;
}

macro_rules! units {
    ($($(#[$doc:meta])* $name:ident = $symbol:literal, $measures:literal;)*) => {
        $(
            $(#[$doc])*
            #[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
            #[allow(dead_code)] // some units are only listed in UNIT_SYMBOLS
            pub struct $name;

            impl Unit for $name {
                const SYMBOL: &'static str = $symbol;
                const NAME: &'static str = stringify!($name);
                const MEASURES: &'static str = $measures;
            }
        )*

        /// Every unit symbol the format knows.
        pub const UNIT_SYMBOLS: &[&str] = &[$($symbol),*];
    };
}

units! {
    /// French gauge (catheter and tube size).
    Fr = "Fr", "カテーテル・チューブの太さ / catheter or tube size";
    KPa = "kPa", "圧力 / pressure";
    CmH2O = "cmH2O", "気道内圧・カフ圧 / airway or cuff pressure";
    Cm = "cm", "長さ・深さ / length or depth";
    Mm = "mm", "内径・外径 / diameter";
    Ml = "ml", "容量 / volume";
    MlPerHour = "ml/h", "注入速度 / infusion rate";
    LPerMin = "L/min", "酸素流量 / oxygen flow";
    Percent = "%", "割合 / percentage";
    Mg = "mg", "薬剤量 / drug dose";
    MgPerDl = "mg/dL", "血糖値 / blood glucose";
    InsulinUnit = "U", "インスリン単位 / insulin units";
    PerMin = "/min", "回数毎分 / rate per minute";
    Seconds = "s", "秒 / seconds";
    Minutes = "min", "分 / minutes";
    Hours = "h", "時間 / hours";
    /// Body weight ([`crate::Weight`] carries it with its own unit tag).
    Kg = "kg", "体重 / body weight";
    Grams = "g", "重さ / weight in grams";
    Watts = "W", "消費電力 / power";
    WattHours = "Wh", "蓄電容量 / stored energy";
    Litres = "L", "酸素の量 / oxygen volume";
}

/// A non-negative value with a fixed unit.
#[derive(Clone, Copy, PartialEq)]
pub struct Quantity<U: Unit> {
    value: f64,
    unit: PhantomData<U>,
}

impl<U: Unit> Quantity<U> {
    /// A quantity; `None` for a negative or non-finite value.
    pub fn new(value: f64) -> Option<Self> {
        (value.is_finite() && value >= 0.0).then_some(Self { value, unit: PhantomData })
    }

    pub fn value(self) -> f64 {
        self.value
    }

    pub fn unit(self) -> &'static str {
        U::SYMBOL
    }
}

impl<U: Unit> fmt::Debug for Quantity<U> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} {}", self.value, U::SYMBOL)
    }
}

impl<U: Unit> fmt::Display for Quantity<U> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} {}", self.value, U::SYMBOL)
    }
}

/// A range with a fixed unit, such as an SpO2 target of 90–95 %.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct QuantityRange<U: Unit> {
    pub min: Quantity<U>,
    pub max: Quantity<U>,
}

/// The number as an integer when it is whole, so `8` stays `8` and never becomes `8.0`.
fn whole(value: f64) -> Option<i64> {
    // 2^53: above it f64 no longer holds every integer.
    const EXACT: f64 = 9_007_199_254_740_992.0;
    #[allow(clippy::cast_possible_truncation)]
    (value.fract() == 0.0 && value.abs() < EXACT).then_some(value as i64)
}

fn serialize_number<S: SerializeMap>(map: &mut S, key: &str, value: f64) -> Result<(), S::Error> {
    match whole(value) {
        Some(integer) => map.serialize_entry(key, &integer),
        None => map.serialize_entry(key, &value),
    }
}

/// Writes a number as [`Quantity`] does: whole numbers without a fraction.
#[allow(clippy::trivially_copy_pass_by_ref)] // serde's serialize_with passes a reference
pub(crate) fn serialize_whole<S: Serializer>(value: &f64, serializer: S) -> Result<S::Ok, S::Error> {
    match whole(*value) {
        Some(integer) => serializer.serialize_i64(integer),
        None => serializer.serialize_f64(*value),
    }
}

impl<U: Unit> Serialize for Quantity<U> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(Some(2))?;
        serialize_number(&mut map, "value", self.value)?;
        map.serialize_entry("unit", U::SYMBOL)?;
        map.end()
    }
}

impl<U: Unit> Serialize for QuantityRange<U> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(Some(3))?;
        serialize_number(&mut map, "min", self.min.value)?;
        serialize_number(&mut map, "max", self.max.value)?;
        map.serialize_entry("unit", U::SYMBOL)?;
        map.end()
    }
}

/// Reads `{ <number keys>, "unit": U }` with no other keys, each once.
fn read_measure<'de, A: MapAccess<'de>, U: Unit, const N: usize>(
    mut map: A,
    keys: [&'static str; N],
    expected: &'static [&'static str],
) -> Result<[f64; N], A::Error> {
    let mut values: [Option<f64>; N] = [None; N];
    let mut unit_seen = false;
    while let Some(key) = map.next_key::<Cow<'de, str>>()? {
        if key == "unit" {
            if unit_seen {
                return Err(de::Error::duplicate_field("unit"));
            }
            let unit: Cow<'de, str> = map.next_value()?;
            if unit != U::SYMBOL {
                return Err(de::Error::invalid_value(de::Unexpected::Str(&unit), &U::SYMBOL));
            }
            unit_seen = true;
        } else if let Some(i) = keys.iter().position(|k| *k == key) {
            if values[i].is_some() {
                return Err(de::Error::duplicate_field(keys[i]));
            }
            let value: f64 = map.next_value()?;
            if !(value.is_finite() && value >= 0.0) {
                return Err(de::Error::invalid_value(de::Unexpected::Float(value), &"a number >= 0"));
            }
            values[i] = Some(value);
        } else {
            return Err(de::Error::unknown_field(&key, expected));
        }
    }
    if !unit_seen {
        return Err(de::Error::missing_field("unit"));
    }
    let mut out = [0.0; N];
    for (i, value) in values.into_iter().enumerate() {
        out[i] = value.ok_or_else(|| de::Error::missing_field(keys[i]))?;
    }
    Ok(out)
}

impl<'de, U: Unit> Deserialize<'de> for Quantity<U> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Visitor<U>(PhantomData<U>);
        impl<'de, U: Unit> de::Visitor<'de> for Visitor<U> {
            type Value = Quantity<U>;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                write!(f, "{{\"value\": number, \"unit\": \"{}\"}}", U::SYMBOL)
            }
            fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Self::Value, A::Error> {
                let [value] = read_measure::<A, U, 1>(map, ["value"], &["value", "unit"])?;
                Ok(Quantity { value, unit: PhantomData })
            }
        }
        deserializer.deserialize_map(Visitor(PhantomData))
    }
}

impl<'de, U: Unit> Deserialize<'de> for QuantityRange<U> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Visitor<U>(PhantomData<U>);
        impl<'de, U: Unit> de::Visitor<'de> for Visitor<U> {
            type Value = QuantityRange<U>;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                write!(f, "{{\"min\": number, \"max\": number, \"unit\": \"{}\"}}", U::SYMBOL)
            }
            fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Self::Value, A::Error> {
                let [min, max] = read_measure::<A, U, 2>(map, ["min", "max"], &["min", "max", "unit"])?;
                Ok(QuantityRange {
                    min: Quantity { value: min, unit: PhantomData },
                    max: Quantity { value: max, unit: PhantomData },
                })
            }
        }
        deserializer.deserialize_map(Visitor(PhantomData))
    }
}

impl<U: Unit> JsonSchema for Quantity<U> {
    fn schema_name() -> Cow<'static, str> {
        format!("Quantity_{}", U::NAME).into()
    }

    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "title": format!("{} ({})", U::MEASURES, U::SYMBOL),
            "description": format!("単位 {} の値 (0 以上) / A value (>= 0) in {}", U::SYMBOL, U::SYMBOL),
            "type": "object",
            "properties": {
                "value": { "type": "number", "minimum": 0 },
                "unit": { "const": U::SYMBOL }
            },
            "required": ["value", "unit"],
            "additionalProperties": false
        })
    }
}

impl<U: Unit> JsonSchema for QuantityRange<U> {
    fn schema_name() -> Cow<'static, str> {
        format!("Range_{}", U::NAME).into()
    }

    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "title": format!("{} の範囲 ({}) / range", U::MEASURES, U::SYMBOL),
            "description": format!("下限と上限 (単位 {}) / Lower and upper bound in {}", U::SYMBOL, U::SYMBOL),
            "type": "object",
            "properties": {
                "min": { "type": "number", "minimum": 0 },
                "max": { "type": "number", "minimum": 0 },
                "unit": { "const": U::SYMBOL }
            },
            "required": ["min", "max", "unit"],
            "additionalProperties": false
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_whole_numbers_whole() {
        let q: Quantity<Fr> = serde_json::from_str(r#"{"value": 8, "unit": "Fr"}"#).expect("parse");
        assert_eq!(serde_json::to_string(&q).expect("write"), r#"{"value":8,"unit":"Fr"}"#);
        let q: Quantity<LPerMin> = serde_json::from_str(r#"{"unit": "L/min", "value": 0.5}"#).expect("parse");
        assert_eq!(serde_json::to_string(&q).expect("write"), r#"{"value":0.5,"unit":"L/min"}"#);
    }

    #[test]
    fn refuses_wrong_unit_extra_keys_and_negatives() {
        assert!(serde_json::from_str::<Quantity<KPa>>(r#"{"value": 20, "unit": "mmHg"}"#).is_err());
        assert!(serde_json::from_str::<Quantity<KPa>>(r#"{"value": 20}"#).is_err());
        assert!(serde_json::from_str::<Quantity<KPa>>(r#"{"value": 20, "unit": "kPa", "x": 1}"#).is_err());
        assert!(serde_json::from_str::<Quantity<KPa>>(r#"{"value": -1, "unit": "kPa"}"#).is_err());
        assert!(serde_json::from_str::<Quantity<KPa>>(r#"{"value": 1, "value": 2, "unit": "kPa"}"#).is_err());
    }

    #[test]
    fn range_round_trips() {
        let text = r#"{"min":90,"max":95,"unit":"%"}"#;
        let r: QuantityRange<Percent> = serde_json::from_str(text).expect("parse");
        assert_eq!(serde_json::to_string(&r).expect("write"), text);
    }
}
