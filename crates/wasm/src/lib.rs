//! tsunagu in the browser and in Node: the core module (validation, score,
//! schemas, samples, migration). It is small on purpose; PDFs come from the
//! separate render module (`tsunagu-wasm-render`), fetched only when needed.
//!
//! Everything goes in and out as plain JSON values. A document may be handed in
//! as an object or as the text of a file; text goes through the same strict
//! reader as the CLI (duplicate keys, depth, size), so the diagnostics match the
//! CLI's JSON report field for field.

// wasm-bindgen hands JavaScript values to exports by value.
#![allow(clippy::needless_pass_by_value)]

use serde::Serialize;
use serde_json::{Value, json};
use tsify::Tsify;
use tsunagu_model::{Code, Diagnostic, FORMAT_VERSION, Kind, Lang, Message, Report, SchemaSet, migrate};
use wasm_bindgen::prelude::*;

/// What [`validate`] returns: the CLI's `--format json` report without `file`.
#[derive(Serialize, Tsify)]
pub struct ValidationReport {
    #[tsify(type = "Kind | null")]
    pub kind: Option<Kind>,
    pub valid: bool,
    pub diagnostics: Vec<Diagnostic>,
}

impl From<&Report> for ValidationReport {
    fn from(report: &Report) -> Self {
        Self { kind: report.kind, valid: report.is_valid(), diagnostics: report.diagnostics.clone() }
    }
}

/// One step [`migrate_document`] took.
#[derive(Serialize, Tsify)]
pub struct MigrationStep {
    pub to: &'static str,
    pub pointer: String,
    pub message: Message,
}

/// What [`migrate_document`] returns.
#[derive(Serialize, Tsify)]
pub struct MigrationResult {
    pub from: String,
    pub steps: Vec<MigrationStep>,
    /// The upgraded document (validate it with `report`).
    #[tsify(type = "Record<string, unknown>")]
    pub document: Value,
    pub report: ValidationReport,
}

/// A diagnostic code as [`codes`] lists it.
#[derive(Serialize, Tsify)]
pub struct CodeInfo {
    #[tsify(type = "Code")]
    pub code: Code,
    pub severity: tsunagu_model::Severity,
    pub summary: &'static str,
}

/// What [`version`] returns.
#[derive(Serialize, Tsify)]
#[serde(rename_all = "camelCase")]
pub struct VersionInfo {
    pub tsunagu: &'static str,
    pub format_version: &'static str,
}

/// The version of this module (and of the format it writes).
#[wasm_bindgen(js_name = version, unchecked_return_type = "VersionInfo")]
#[must_use]
pub fn version() -> JsValue {
    to_js(&VersionInfo { tsunagu: env!("CARGO_PKG_VERSION"), format_version: FORMAT_VERSION })
}

/// Validates a document (an object, or the text of a JSON file).
///
/// Returns `{ kind, valid, diagnostics }`: the CLI's `--format json` report without
/// `file`. Messages are in both languages (`message.ja`, `message.en`).
#[wasm_bindgen(unchecked_return_type = "ValidationReport")]
#[must_use]
pub fn validate(#[wasm_bindgen(unchecked_param_type = "string | object")] document: JsValue) -> JsValue {
    to_js(&ValidationReport::from(&read_and_validate(&document)))
}

/// The medical-care score of an instruction sheet or an assessment, or `null`
/// for a consent form or a document too broken to read.
#[wasm_bindgen(unchecked_return_type = "Score | null")]
#[must_use]
pub fn score(#[wasm_bindgen(unchecked_param_type = "string | object")] document: JsValue) -> JsValue {
    let report = read_and_validate(&document);
    match report.document.as_ref().and_then(tsunagu_model::score_document) {
        Some(score) => to_js(&score),
        None => JsValue::NULL,
    }
}

/// The JSON Schema of a kind (`instruction`, `assessment`, `consent`, `record`, …).
///
/// # Errors
/// An unknown kind.
#[wasm_bindgen(unchecked_return_type = "Record<string, unknown>")]
pub fn schema(kind: &str) -> Result<JsValue, JsError> {
    Ok(to_js(SchemaSet::get().schema(parse_kind(kind)?)))
}

/// A realistic synthetic document (no real person), the same as `tsunagu sample`.
///
/// # Errors
/// An unknown kind.
#[wasm_bindgen(unchecked_return_type = "Record<string, unknown>")]
pub fn sample(kind: &str, seed: u32, index: u32) -> Result<JsValue, JsError> {
    Ok(to_js(&tsunagu_model::sample(parse_kind(kind)?, u64::from(seed), u64::from(index))))
}

/// A blank document to start a form from: the envelope only, with the given id
/// (a UUID from the caller, e.g. `crypto.randomUUID()`; this module has no randomness).
///
/// # Errors
/// An unknown kind.
#[wasm_bindgen(unchecked_return_type = "Record<string, unknown>")]
pub fn blank(kind: &str, id: &str) -> Result<JsValue, JsError> {
    let kind = parse_kind(kind)?;
    Ok(to_js(&json!({ "kind": kind.as_str(), "formatVersion": FORMAT_VERSION, "id": id, "language": "ja" })))
}

/// Upgrades a document of an older format version: `{ from, steps, document, report }`.
///
/// # Errors
/// A document that is not an object or whose version cannot be upgraded, with the diagnostic.
#[wasm_bindgen(unchecked_return_type = "MigrationResult")]
pub fn migrate_document(
    #[wasm_bindgen(unchecked_param_type = "string | object")] document: JsValue,
) -> Result<JsValue, JsError> {
    let value = read_value(&document).map_err(|diagnostic| JsError::new(&diagnostic.message.en))?;
    let migration = migrate(value).map_err(|diagnostic| JsError::new(&diagnostic.message.en))?;
    let report = tsunagu_model::validate_value(migration.value.clone());
    let steps = migration
        .steps
        .into_iter()
        .map(|step| MigrationStep { to: step.to, pointer: step.pointer, message: step.message })
        .collect();
    Ok(to_js(&MigrationResult {
        from: migration.from,
        steps,
        document: migration.value,
        report: ValidationReport::from(&report),
    }))
}

/// What [`record_append`] returns: the record with the entry appended, or, when the
/// entry has an error, the record unchanged (`null`) and the diagnostics.
#[derive(Serialize, Tsify)]
pub struct AppendResult {
    /// The new record, or `null` when the entry was refused.
    #[tsify(type = "Record<string, unknown> | null")]
    pub document: Option<Value>,
    pub diagnostics: Vec<Diagnostic>,
}

/// Appends an entry to a shared record, as `tsunagu record add` does: the same checks
/// (the entry as `/entries/N` of the record; a broken record is refused), its links
/// set and its hash sealed here. `entry.id` is the caller's (e.g. `crypto.randomUUID()`).
///
/// # Errors
/// Not a valid shared record.
#[wasm_bindgen(unchecked_return_type = "AppendResult")]
pub fn record_append(
    #[wasm_bindgen(unchecked_param_type = "string | object")] record: JsValue,
    #[wasm_bindgen(unchecked_param_type = "object")] entry: JsValue,
) -> Result<JsValue, JsError> {
    let report = read_and_validate(&record);
    let Some(tsunagu_model::Document::Record(shared)) = report.document.as_ref().filter(|_| report.is_valid()) else {
        return Err(JsError::new("not a valid shared record: nothing is added to a record with errors"));
    };
    let entry = read_value(&entry).map_err(|diagnostic| JsError::new(&diagnostic.message.en))?;
    Ok(to_js(&match shared.append_value(entry) {
        Ok(appended) => {
            AppendResult { document: Some(tsunagu_model::Document::from(appended).to_value()), diagnostics: Vec::new() }
        }
        Err(diagnostics) => AppendResult { document: None, diagnostics },
    }))
}

/// How long an evacuation plan's batteries and backup power keep its devices running,
/// computed as the PDF prints it, or `null` for another kind or a broken document.
#[wasm_bindgen(unchecked_return_type = "PowerHours | null")]
#[must_use]
pub fn power(#[wasm_bindgen(unchecked_param_type = "string | object")] document: JsValue) -> JsValue {
    match read_and_validate(&document).document {
        Some(tsunagu_model::Document::Evacuation(plan)) => to_js(&plan.power()),
        _ => JsValue::NULL,
    }
}

/// Every diagnostic code with its severity and summary.
#[wasm_bindgen(unchecked_return_type = "CodeInfo[]")]
#[must_use]
pub fn codes() -> JsValue {
    let codes: Vec<CodeInfo> = Code::ALL
        .iter()
        .map(|&code| CodeInfo { code, severity: code.default_severity(), summary: code.summary() })
        .collect();
    to_js(&codes)
}

/// The label catalog in `ja` or `en` (kinds, vocabularies, score rows, severities):
/// the labels the PDF prints, so the page writes none of its own.
#[wasm_bindgen(unchecked_return_type = "Labels")]
#[must_use]
pub fn labels(lang: &str) -> JsValue {
    to_js(tsunagu_model::labels(Lang::parse(lang).unwrap_or_default()))
}

#[wasm_bindgen(typescript_custom_section)]
const TS_LABELS: &'static str = r#"
/** The label catalog (see `labels`): each map keeps form order. */
export interface Labels {
    lang: "ja" | "en";
    kinds: Record<Kind, string>;
    vocabularies: Record<string, Record<string, string>>;
    scoreItems: Record<string, string>;
    watchInPlainWords: Record<"high" | "mid" | "low", string>;
    severities: Record<Severity, string>;
}
"#;

/// One file of a folder, as the page read it.
#[derive(serde::Deserialize)]
struct FolderFile {
    name: String,
    text: String,
}

/// What [`folder`] returns: the coordinator's view of a folder of documents.
#[derive(Serialize, Tsify)]
#[serde(rename_all = "camelCase")]
pub struct FolderView {
    #[tsify(type = "string")]
    pub as_of: tsunagu_model::Date,
    /// 医療的ケア児一覧, as `tsunagu roster` prints it.
    #[tsify(type = "{ headers: string[]; rows: string[][]; widths: number[] }")]
    pub roster: tsunagu_model::RosterTable,
    /// Children left out because no consent in force names the department (a count).
    pub left_out: usize,
    /// What lapses or is due within the days asked, soonest first, as `tsunagu due`.
    pub due: Vec<FolderDue>,
    /// Each file's problems, its own and those across documents (`validate DIR`).
    pub files: Vec<FolderFileReport>,
}

/// One item of [`FolderView::due`].
#[derive(Serialize, Tsify)]
#[serde(rename_all = "camelCase")]
pub struct FolderDue {
    #[tsify(type = "string")]
    pub on: tsunagu_model::Date,
    pub label: String,
    pub when: String,
    pub overdue: bool,
    pub name: String,
    #[tsify(type = "string")]
    pub birth_date: tsunagu_model::Date,
    /// The file it is about, where one is.
    pub file: Option<String>,
}

/// One file of [`FolderView::files`].
#[derive(Serialize, Tsify)]
pub struct FolderFileReport {
    pub name: String,
    #[tsify(type = "Kind | null")]
    pub kind: Option<Kind>,
    pub valid: bool,
    pub diagnostics: Vec<Diagnostic>,
}

/// A city's folder of documents, read in the page: the list of children, what is due
/// within `within` days of `as_of` (`YYYY-MM-DD`; the page passes today), and every
/// file's problems, with the checks across documents. With `department` (a recipient
/// such as `schoolAffairs`), only children whose consent in force names it. The same
/// functions as `tsunagu roster`, `due` and `validate DIR`; nothing leaves the page.
///
/// # Errors
/// `files` not a list of `{ name, text }`, a date that is not one, an unknown department.
#[wasm_bindgen(unchecked_return_type = "FolderView")]
pub fn folder(
    #[wasm_bindgen(unchecked_param_type = "{ name: string; text: string }[]")] files: JsValue,
    as_of: &str,
    within: i32,
    lang: &str,
    department: Option<String>,
) -> Result<JsValue, JsError> {
    let lang = Lang::parse(lang).unwrap_or_default();
    // Through JSON text, as every input: the module imports nothing new to read it.
    let files: Vec<FolderFile> = js_sys::JSON::stringify(&files)
        .ok()
        .and_then(|text| text.as_string())
        .and_then(|text| serde_json::from_str(&text).ok())
        .ok_or_else(|| JsError::new("files: expected a list of { name, text }"))?;
    let as_of = tsunagu_model::Date::parse(as_of).map_err(|_| JsError::new("as_of: expected YYYY-MM-DD"))?;
    let department = match department.filter(|d| !d.is_empty()) {
        Some(name) => Some(
            serde_json::from_value::<tsunagu_model::RecipientKind>(json!(name))
                .map_err(|_| JsError::new("department: not a recipient of the format"))?,
        ),
        None => None,
    };
    let mut reports = Vec::with_capacity(files.len());
    let mut summaries = Vec::new();
    let mut owners = Vec::new(); // summaries[i] is of files[owners[i]]
    for (index, file) in files.iter().enumerate() {
        let report = tsunagu_model::validate(file.text.as_bytes());
        if let Some(document) = report.document.as_ref().filter(|_| report.is_valid()) {
            summaries.push(tsunagu_model::Summary::of(document));
            owners.push(index);
        }
        reports.push(FolderFileReport {
            name: file.name.clone(),
            kind: report.kind,
            valid: report.is_valid(),
            diagnostics: report.diagnostics,
        });
    }
    let names: Vec<&str> = owners.iter().map(|&i| files[i].name.as_str()).collect();
    for (index, diagnostic) in tsunagu_model::check_folder(&summaries, &names) {
        let report = &mut reports[owners[index]];
        report.valid &= !diagnostic.is_error();
        report.diagnostics.push(diagnostic);
    }
    let roster = tsunagu_model::roster(&summaries, as_of, department);
    let due = tsunagu_model::due(&summaries, as_of, i64::from(within))
        .into_iter()
        .map(|item| FolderDue {
            on: item.on,
            label: item.due.label(lang).to_owned(),
            when: item.when().get(lang).to_owned(),
            overdue: item.overdue,
            name: format!("{} {}", item.name.family, item.name.given.as_deref().unwrap_or_default()).trim().to_owned(),
            birth_date: item.birth_date,
            file: item.document.map(|i| files[owners[i]].name.clone()),
        })
        .collect();
    let view = FolderView { as_of, roster: roster.table(lang), left_out: roster.left_out, due, files: reports };
    Ok(to_js(&view))
}

/// What changed between two versions of a document, in the form's words, as
/// `tsunagu diff` says it (`変更: 医療的ケア › 吸引 › 吸引圧: 15 kPa → 20 kPa`).
///
/// # Errors
/// Either version unreadable or invalid, or the two of different kinds.
#[wasm_bindgen]
pub fn diff(
    #[wasm_bindgen(unchecked_param_type = "string | object")] old: JsValue,
    #[wasm_bindgen(unchecked_param_type = "string | object")] new: JsValue,
    lang: &str,
) -> Result<Vec<String>, JsError> {
    let lang = Lang::parse(lang).unwrap_or_default();
    let read = |value: &JsValue, which: &str| {
        let report = read_and_validate(value);
        let valid = report.is_valid();
        report
            .document
            .filter(|_| valid)
            .ok_or_else(|| JsError::new(&format!("{which}: not a valid document (validate it first)")))
    };
    let (old, new) = (read(&old, "old")?, read(&new, "new")?);
    if old.kind() != new.kind() {
        return Err(JsError::new("the two documents are of different kinds"));
    }
    Ok(tsunagu_model::diff(&old, &new, lang).iter().map(|change| change.text(lang)).collect())
}

/// A date (`YYYY-MM-DD`) as paper shows it: 令和8年4月1日, or 1 April 2026 (Reiwa 8);
/// nothing for text that is not a date.
#[wasm_bindgen]
#[must_use]
pub fn date_text(date: &str, lang: &str) -> Option<String> {
    let lang = Lang::parse(lang).unwrap_or_default();
    tsunagu_model::Date::parse(date).ok().map(|date| tsunagu_model::wording::date_text(date, lang))
}

/// The name of a kind in `ja` or `en`, e.g. 医療的ケア指示書.
#[wasm_bindgen]
#[must_use]
pub fn kind_label(kind: &str, lang: &str) -> Option<String> {
    let lang = Lang::parse(lang).unwrap_or_default();
    Kind::parse(kind).map(|kind| kind.label(lang).to_owned())
}

fn parse_kind(kind: &str) -> Result<Kind, JsError> {
    Kind::parse(kind).ok_or_else(|| {
        let known: Vec<&str> = Kind::ALL.iter().map(|k| k.as_str()).collect();
        JsError::new(&format!("unknown kind: expected one of {}", known.join(", ")))
    })
}

/// Every input goes through the CLI's strict reader (size, depth, duplicate keys):
/// text as it is, objects as `JSON.stringify` writes them.
fn read_value(document: &JsValue) -> Result<Value, Box<Diagnostic>> {
    let text = match document.as_string() {
        Some(text) => text,
        None => js_sys::JSON::stringify(document).ok().and_then(|text| text.as_string()).ok_or_else(|| {
            let message = tsunagu_model::Message::new(
                "JSON にできない値です (undefined・循環参照など)",
                "not a JSON value (undefined, a cycle or similar)",
            );
            Box::new(Diagnostic::new(Code::NotJson, "", message))
        })?,
    };
    tsunagu_model::parse_json(text.as_bytes()).map_err(|error| Box::new(error.into_diagnostic()))
}

fn read_and_validate(document: &JsValue) -> Report {
    match document.as_string() {
        Some(text) => tsunagu_model::validate(text.as_bytes()),
        None => match read_value(document) {
            Ok(value) => tsunagu_model::validate_value(value),
            Err(diagnostic) => Report { kind: None, diagnostics: vec![*diagnostic], document: None },
        },
    }
}

/// Plain objects (not `Map`s) out, so callers can `JSON.stringify` what they get.
fn to_js<T: Serialize + ?Sized>(value: &T) -> JsValue {
    let serializer = serde_wasm_bindgen::Serializer::json_compatible();
    value.serialize(&serializer).unwrap_or(JsValue::NULL)
}
