//! JSON Schemas (draft 2020-12) generated from the types, and their compiled
//! validators, built once per process.

use std::sync::LazyLock;

use schemars::generate::SchemaSettings;
use schemars::transform::{Transform, transform_subschemas};
use schemars::{JsonSchema, Schema};
use serde_json::Value;

use crate::documents::{FORMAT_VERSION, Kind};

/// Where the schemas are published; `$id` is this, the format version and the kind.
const SCHEMA_BASE: &str = "https://tsunagu-jp.github.io/tsunagu/schemas";

/// The schema's `$id`, e.g. `https://…/schemas/1.1/instruction.schema.json`.
pub fn schema_id(kind: Kind) -> String {
    format!("{SCHEMA_BASE}/{FORMAT_VERSION}/{}.schema.json", kind.as_str())
}

/// The JSON Schema of a kind, as checked in under `schemas/`.
pub fn schema_json(kind: Kind) -> Value {
    let mut schema = kind.generate_schema();
    if let Some(object) = schema.as_object_mut() {
        // `$schema` first, then `$id`, then the rest, as people expect to read them.
        let rest = std::mem::take(object);
        object.insert("$schema".into(), "https://json-schema.org/draft/2020-12/schema".into());
        object.insert("$id".into(), schema_id(kind).into());
        object.extend(rest.into_iter().filter(|(key, _)| key != "$schema"));
    }
    schema.to_value()
}

pub(crate) fn generate<T: JsonSchema>() -> Schema {
    SchemaSettings::draft2020_12()
        .for_deserialize()
        .with_transform(NoNull)
        .with_transform(VocabularyTitles)
        .into_generator()
        .into_root_schema_for::<T>()
}

/// Makes the generated schema portable to any validator. An optional field is
/// left out when it has no value; `null` is not a value
/// in this format. schemars lets `Option<T>` accept `null`, which would also
/// make a validator report a problem inside such a field at its parent (an
/// `anyOf` failure), so the `null` alternatives are removed.
#[derive(Clone)]
struct NoNull;

/// The formats JSON Schema 2020-12 defines (§7.3 of the validation spec).
const STANDARD_FORMATS: &[&str] = &[
    "date-time",
    "date",
    "time",
    "duration",
    "email",
    "idn-email",
    "hostname",
    "idn-hostname",
    "ipv4",
    "ipv6",
    "uri",
    "uri-reference",
    "iri",
    "iri-reference",
    "uuid",
    "uri-template",
    "json-pointer",
    "relative-json-pointer",
    "regex",
];

fn is_null_schema(value: &Value) -> bool {
    value.get("type").and_then(Value::as_str) == Some("null")
}

impl Transform for NoNull {
    fn transform(&mut self, schema: &mut Schema) {
        if let Some(object) = schema.as_object_mut() {
            if let Some(Value::Array(options)) = object.get("anyOf")
                && options.len() == 2
                && let Some(keep) = options.iter().position(|option| !is_null_schema(option))
                && options.iter().any(is_null_schema)
            {
                let kept = options[keep].clone();
                object.remove("anyOf");
                if let Value::Object(kept) = kept {
                    for (key, value) in kept {
                        object.entry(key).or_insert(value);
                    }
                }
            }
            if let Some(Value::Array(types)) = object.get_mut("type") {
                types.retain(|t| t != "null");
                if types.len() == 1 {
                    let single = types.remove(0);
                    object.insert("type".into(), single);
                }
            }
            if let Some(Value::Array(values)) = object.get_mut("enum") {
                values.retain(|v| !v.is_null());
            }
            // schemars marks integer widths as formats ("uint32"); they are not
            // standard formats and strict validators (ajv) refuse unknown ones.
            if object.get("format").and_then(Value::as_str).is_some_and(|f| !STANDARD_FORMATS.contains(&f)) {
                object.remove("format");
            }
        }
        transform_subschemas(self, schema);
    }
}

/// Vocabulary values carry `日本語 / English` as their description; a form
/// generator shows an option's `title`, so it becomes the title.
#[derive(Clone)]
struct VocabularyTitles;

impl Transform for VocabularyTitles {
    fn transform(&mut self, schema: &mut Schema) {
        if let Some(Value::Array(options)) = schema.get_mut("oneOf") {
            for option in options {
                if let Some(object) = option.as_object_mut()
                    && object.contains_key("const")
                    && !object.contains_key("title")
                    && let Some(description) = object.remove("description")
                {
                    let text = description.as_str().unwrap_or_default().replace('\n', " ");
                    object.insert("title".into(), Value::String(text));
                }
            }
        }
        transform_subschemas(self, schema);
    }
}

/// The schemas of every kind, generated once per process, and their compiled validators.
pub struct SchemaSet {
    /// Per kind, in the order of [`Kind::ALL`].
    schemas: Vec<Value>,
    validators: Vec<jsonschema::Validator>,
}

static SCHEMAS: LazyLock<SchemaSet> = LazyLock::new(SchemaSet::build);

impl SchemaSet {
    fn build() -> Self {
        let schemas: Vec<Value> = Kind::ALL.iter().map(|&kind| schema_json(kind)).collect();
        let validators = Kind::ALL
            .iter()
            .zip(&schemas)
            .map(|(kind, schema)| {
                jsonschema::options()
                    .with_draft(jsonschema::Draft::Draft202012)
                    .should_validate_formats(true)
                    .build(schema)
                    // The schemas are generated from our own types; a failure here is a bug caught by tests.
                    .unwrap_or_else(|error| panic!("the generated {kind} schema does not compile: {error}"))
            })
            .collect();
        Self { schemas, validators }
    }

    /// The process-wide set, compiled on first use.
    pub fn get() -> &'static SchemaSet {
        &SCHEMAS
    }

    /// The schema of a kind (the same value [`schema_json`] generates), without generating it again.
    pub fn schema(&self, kind: Kind) -> &Value {
        &self.schemas[kind.index()]
    }

    /// The compiled validator of a kind (for benchmarks of the schema stage alone).
    pub fn validator(&self, kind: Kind) -> &jsonschema::Validator {
        &self.validators[kind.index()]
    }
}
