//! What differs between the format versions this build reads (docs/versioning.md):
//! a note on older documents, fields newer than the version a document declares
//! (found by the archived schema of that version, so no field needs its own
//! check), and deprecated fields kept for older documents.

use std::sync::LazyLock;

use serde_json::Value;

use crate::care::SuctionSite;
use crate::diagnostic::{Code, Diagnostic, Message, escape_token};
use crate::documents::{Document, FORMAT_VERSION, FormatVersion, Kind};
use crate::vocab::Vocabulary;

/// The released schemas of the older versions, exactly as published (`schemas/<version>/`).
const ARCHIVED: &[(FormatVersion, &str, &str)] = &[
    (FormatVersion::V1_0, "instruction", include_str!("../../../schemas/1.0/instruction.schema.json")),
    (FormatVersion::V1_0, "assessment", include_str!("../../../schemas/1.0/assessment.schema.json")),
    (FormatVersion::V1_0, "consent", include_str!("../../../schemas/1.0/consent.schema.json")),
    (FormatVersion::V1_1, "instruction", include_str!("../../../schemas/1.1/instruction.schema.json")),
    (FormatVersion::V1_1, "assessment", include_str!("../../../schemas/1.1/assessment.schema.json")),
    (FormatVersion::V1_1, "consent", include_str!("../../../schemas/1.1/consent.schema.json")),
];

struct Archived {
    version: FormatVersion,
    kind: &'static str,
    validator: jsonschema::Validator,
}

static VALIDATORS: LazyLock<Vec<Archived>> = LazyLock::new(|| {
    ARCHIVED
        .iter()
        .map(|&(version, kind, text)| {
            // Released files, checked by the tests; a failure here is a bug in the archive.
            let schema: Value =
                serde_json::from_str(text).unwrap_or_else(|e| panic!("schemas/{version:?}/{kind}: {e}"));
            let validator = jsonschema::options()
                .with_draft(jsonschema::Draft::Draft202012)
                .should_validate_formats(true)
                .build(&schema)
                .unwrap_or_else(|e| panic!("schemas/{version:?}/{kind} does not compile: {e}"));
            Archived { version, kind, validator }
        })
        .collect()
});

/// The format-version diagnostics of a document that passed the current schema.
/// `value` is the document as read.
pub(crate) fn check(document: &Document, value: &Value, out: &mut Vec<Diagnostic>) {
    let version = document.format_version();
    let current = FormatVersion::ALL.last().copied().unwrap_or(version);
    if version != current {
        out.push(Diagnostic::new(
            Code::VersionOlder,
            "/formatVersion",
            Message::new(
                format!("書式 {} の文書です。`tsunagu migrate` で {FORMAT_VERSION} に更新できます", version.as_str()),
                format!("a format {} document; `tsunagu migrate` upgrades it to {FORMAT_VERSION}", version.as_str()),
            ),
        ));
        newer_than_declared(document.kind(), version, value, out);
    }
    deprecated(document, version, out);
}

/// Anything the declared version's own schema refuses, in a document the current
/// schema accepts, was added later: the document must say the later version.
fn newer_than_declared(kind: Kind, version: FormatVersion, value: &Value, out: &mut Vec<Diagnostic>) {
    let declared = version.as_str();
    let Some(archived) = VALIDATORS.iter().find(|a| a.version == version && a.kind == kind.as_str()) else {
        out.push(newer(
            "/kind".to_owned(),
            format!(
                "この文書の種類は書式 {declared} にはありません (formatVersion を {FORMAT_VERSION} にしてください)"
            ),
            format!("this kind of document is not part of format {declared} (set formatVersion to {FORMAT_VERSION})"),
        ));
        return;
    };
    let mut pointers: Vec<String> = archived
        .validator
        .iter_errors(value)
        .flat_map(|error| {
            let at = error.instance_path().as_str().to_owned();
            match error.kind() {
                jsonschema::error::ValidationErrorKind::AdditionalProperties { unexpected } => {
                    unexpected.iter().map(|name| format!("{at}/{}", escape_token(name))).collect()
                }
                _ => vec![at],
            }
        })
        .collect();
    pointers.sort();
    pointers.dedup();
    for pointer in pointers {
        out.push(newer(
            pointer,
            format!("書式 {declared} にない項目又は値です (formatVersion を {FORMAT_VERSION} にしてください)"),
            format!("a field or value added after format {declared} (set formatVersion to {FORMAT_VERSION})"),
        ));
    }
}

fn newer(pointer: String, ja: String, en: String) -> Diagnostic {
    Diagnostic::new(Code::FieldNewerThanVersion, pointer, Message::new(ja, en))
}

/// A field an older version wrote, and where it belongs now.
struct Moved {
    old: String,
    new: String,
    /// The version whose form the old field is.
    form: &'static str,
    /// Whether the new place is filled in too.
    both: bool,
}

/// Fields kept for older documents: a warning in a document of the version that
/// replaced them, an error where both forms say the same thing.
fn deprecated(document: &Document, version: FormatVersion, out: &mut Vec<Diagnostic>) {
    let mut moved = Vec::new();
    if let Some(child) = document.child().health {
        let measured_on = child.weight.as_ref().and_then(|weight| weight.measured_on);
        if child.weight_measured_on.is_some() {
            let (old, new) = ("/child/weightMeasuredOn".to_owned(), "/child/weight/measuredOn".to_owned());
            moved.push((FormatVersion::V1_1, Moved { old, new, form: "1.0", both: measured_on.is_some() }));
        }
    }
    if let Some(section) = document.care() {
        let base = section.pointer;
        if let Some(suction) = &section.care.suction {
            let fields = [
                ("catheterSize", suction.catheter_size.is_some()),
                ("pressure", suction.pressure.is_some()),
                ("insertionDepth", suction.insertion_depth.is_some()),
                ("maxTimePerPass", suction.max_time_per_pass.is_some()),
            ];
            for (field, present) in fields {
                if !present {
                    continue;
                }
                let given = |site: SuctionSite| {
                    suction.settings(site).is_some_and(|s| match field {
                        "catheterSize" => s.catheter_size.is_some(),
                        "pressure" => s.pressure.is_some(),
                        "insertionDepth" => s.insertion_depth.is_some(),
                        _ => s.max_time_per_pass.is_some(),
                    })
                };
                let both = suction.sites.iter().any(|&site| given(site));
                let site = suction.sites.first().map_or("oral", |site| site.as_str());
                moved.push((
                    FormatVersion::V1_2,
                    Moved {
                        old: format!("{base}/suction/{field}"),
                        new: format!("{base}/suction/{site}/{field}"),
                        form: "1.1",
                        both,
                    },
                ));
            }
        }
        if let Some(feeding) = &section.care.tube_feeding
            && feeding.tube_length.is_some()
        {
            let both = feeding.insertion_length.is_some() || feeding.shaft_length.is_some();
            let (old, new) = (format!("{base}/tubeFeeding/tubeLength"), format!("{base}/tubeFeeding/insertionLength"));
            moved.push((FormatVersion::V1_2, Moved { old, new, form: "1.1", both }));
        }
    }
    for (since, field) in moved {
        if field.both {
            out.push(Diagnostic::new(
                Code::GivenTwice,
                field.old.clone(),
                Message::new(
                    format!("同じ事柄が書式 {} の書き方と新しい書き方の両方にあります", field.form),
                    format!("the same fact is given both in the format {} form and in the new one", field.form),
                ),
            ));
        } else if version >= since {
            out.push(
                Diagnostic::new(
                    Code::DeprecatedField,
                    field.old,
                    Message::new(
                        format!("書式 {} の書き方です", field.form),
                        format!("the format {} form of this field", field.form),
                    ),
                )
                .with_hint(Message::new(
                    format!("{} に書いてください (tsunagu migrate が移します)", field.new),
                    format!("write it in {} (tsunagu migrate moves it)", field.new),
                )),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_archived_schema_compiles_and_names_its_version() {
        for (version, kind, text) in ARCHIVED {
            let schema: Value = serde_json::from_str(text).expect("json");
            let id = schema["$id"].as_str().expect("$id");
            assert!(id.contains(&format!("/{}/{kind}.", version.as_str())), "{id}");
        }
        assert_eq!(VALIDATORS.len(), ARCHIVED.len());
    }
}
