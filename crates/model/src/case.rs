//! A folder of documents as the city keeps it: one child across documents, who may
//! see whom, the list of children (医療的ケア児一覧), what falls due, and the checks
//! that need more than one document. Pure: the caller reads the files and says
//! what day it is.
//!
//! Everything here works on [`Summary`]s, the few facts of each document these
//! functions need, so a folder of the country's scale (100,000 documents) fits in
//! memory without keeping the documents.

use std::collections::{BTreeMap, HashMap};

use serde::Serialize;
use uuid::Uuid;

use crate::care::VentilatorKind;
use crate::common::{Identifier, PersonName};
use crate::date::Date;
use crate::diagnostic::{Code, Diagnostic, Message, Severity};
use crate::documents::{ConsentDirection, ConsentUntil, DeviceKind, Document, Kind, RecipientKind};
use crate::score::{ScoreClass, score_document};
use crate::vocab::{FacilityKind, Vocabulary};

/// The facts of one document that the folder-level functions need.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Summary {
    pub kind: Kind,
    pub id: Uuid,
    /// The date the document is about (issue, assessment, receipt).
    pub date: Date,
    pub child: ChildKey,
    pub facts: Facts,
}

/// Who the child is, as the documents say.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ChildKey {
    pub identifiers: Vec<Identifier>,
    pub name: PersonName,
    pub birth_date: Date,
}

impl ChildKey {
    /// Name, reading and date of birth: what documents without a shared identifier are matched by.
    fn demographics(&self) -> (String, String, String, String, Date) {
        let n = &self.name;
        let text = |s: &Option<String>| s.clone().unwrap_or_default();
        (n.family.clone(), text(&n.given), text(&n.family_reading), text(&n.given_reading), self.birth_date)
    }
}

/// What each kind contributes.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "kind", rename_all = "camelCase")]
pub enum Facts {
    #[serde(rename_all = "camelCase")]
    Instruction {
        start: Date,
        end: Date,
        supersedes: Option<Uuid>,
        /// Names and kinds of the addressees.
        facilities: Vec<(String, FacilityKind)>,
        /// The care items present, by their JSON names, in form order.
        care: Vec<String>,
        /// Devices that need power (a ventilator, an oxygen concentrator, a pump).
        power_dependent: bool,
        /// The ventilator block's devices, by kind.
        ventilator_devices: Vec<VentilatorKind>,
    },
    #[serde(rename_all = "camelCase")]
    Assessment { total: u32, class: ScoreClass, next_review_on: Date, care: Vec<String> },
    #[serde(rename_all = "camelCase")]
    Consent {
        start: Date,
        /// The day the consent ends, where a date says it (fixed, or the school year of 18).
        end: Option<Date>,
        until: ConsentUntil,
        revoked_on: Option<Date>,
        recipients: Vec<RecipientKind>,
        /// Whether it covers providing information to the recipients.
        provides: bool,
    },
    #[serde(rename_all = "camelCase")]
    Record { entries: Vec<EntryFacts> },
    #[serde(rename_all = "camelCase")]
    Evacuation {
        consent: Uuid,
        shared_with: Vec<RecipientKind>,
        devices: Vec<DeviceKind>,
        /// Until the first device stops (see [`crate::EvacuationPlan::power`]).
        total_hours: Option<f64>,
        target_hours: Option<f64>,
        /// The first destination's name.
        destination: String,
        next_review_on: Date,
    },
}

/// What the consent rule needs of one entry of a shared record.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct EntryFacts {
    pub date: Date,
    pub department: RecipientKind,
    /// The consent the entry says it relies on.
    pub consent: Uuid,
    /// The departments the entry says it was shared with.
    pub shared: Vec<RecipientKind>,
}

fn care_keys(document: &Document) -> Vec<String> {
    let Some(section) = document.care() else { return Vec::new() };
    let value = serde_json::to_value(section.care).unwrap_or_default();
    value.as_object().map(|o| o.keys().cloned().collect()).unwrap_or_default()
}

/// The last day of the school year (31 March) in which the child turns 18.
pub fn end_of_school_year_at_18(birth: Date) -> Date {
    let eighteen = birth.add_years(18);
    // The school year runs from 1 April; a birthday on 1 April falls in the year before.
    let year = if (eighteen.month(), eighteen.day()) >= (4, 2) { eighteen.year() + 1 } else { eighteen.year() };
    Date::new(year, 3, 31).unwrap_or(eighteen)
}

/// The day a child enters elementary school: the 1 April after the sixth birthday
/// (a child born on 1 April enters with the year before).
pub fn school_entry(birth: Date) -> Date {
    let six = birth.add_years(6);
    let year = if (six.month(), six.day()) >= (4, 2) { six.year() + 1 } else { six.year() };
    Date::new(year, 4, 1).unwrap_or(six)
}

impl Summary {
    /// The summary of a valid document.
    pub fn of(document: &Document) -> Self {
        let child = document.child();
        let key = ChildKey {
            identifiers: child.identifiers.to_vec(),
            name: child.name.clone(),
            birth_date: child.birth_date,
        };
        let facts = match document {
            Document::Instruction(sheet) => {
                let care = &sheet.care;
                let pump = care.injection.as_ref().is_some_and(|i| i.continuous_pump.is_some())
                    || care.tube_feeding.as_ref().is_some_and(|f| f.pump.is_some());
                Facts::Instruction {
                    start: sheet.period.start,
                    end: sheet.period.end,
                    supersedes: sheet.supersedes,
                    facilities: sheet.addressees.iter().map(|a| (a.name.clone(), a.kind)).collect(),
                    care: care_keys(document),
                    power_dependent: care.ventilator.is_some() || care.oxygen.is_some() || pump,
                    ventilator_devices: care.ventilator.iter().flat_map(|v| v.devices.iter().map(|d| d.kind)).collect(),
                }
            }
            Document::Assessment(assessment) => {
                let score = score_document(document);
                Facts::Assessment {
                    total: score.as_ref().map_or(0, |s| s.total),
                    class: score.map_or(ScoreClass::NotApplicable, |s| s.class),
                    next_review_on: assessment.next_review_on,
                    care: care_keys(document),
                }
            }
            Document::Consent(consent) => {
                let end = match consent.period.until {
                    ConsentUntil::FixedDate => consent.period.end,
                    ConsentUntil::Age18 => Some(end_of_school_year_at_18(consent.child.birth_date)),
                    ConsentUntil::EndOfHighSchool | ConsentUntil::MovingOut => None,
                };
                Facts::Consent {
                    start: consent.period.start,
                    end,
                    until: consent.period.until,
                    revoked_on: consent.revocation.revoked_on,
                    recipients: consent.recipients.iter().map(|r| r.kind).collect(),
                    provides: consent.directions.is_empty() || consent.directions.contains(&ConsentDirection::Provide),
                }
            }
            Document::Evacuation(plan) => {
                let power = plan.power();
                Facts::Evacuation {
                    consent: plan.consent,
                    shared_with: plan.shared_with.clone(),
                    devices: plan.devices.iter().map(|d| d.kind).collect(),
                    total_hours: power.total_hours,
                    target_hours: power.target_hours,
                    destination: plan.destinations.first().map(|d| d.name.clone()).unwrap_or_default(),
                    next_review_on: plan.next_review_on,
                }
            }
            Document::Record(record) => Facts::Record {
                entries: record
                    .entries
                    .iter()
                    .map(|e| EntryFacts {
                        date: e.date,
                        department: e.department,
                        consent: e.consent,
                        shared: e.shared.iter().map(|s| s.with).collect(),
                    })
                    .collect(),
            },
        };
        Self { kind: document.kind(), id: document.id(), date: document.date(), child: key, facts }
    }

    /// Whether this is a consent in force on `on` that lets information be given to `department`.
    pub fn consent_covers(&self, department: RecipientKind, on: Date) -> bool {
        match &self.facts {
            Facts::Consent { start, end, revoked_on, recipients, provides, .. } => {
                *provides
                    && *start <= on
                    && end.is_none_or(|end| on <= end)
                    && revoked_on.is_none_or(|revoked| on < revoked)
                    && recipients.contains(&department)
            }
            _ => false,
        }
    }

    /// Why this consent does not cover `department` on `on`, in words (None if it does).
    pub fn why_not_covered(&self, department: RecipientKind, on: Date) -> Option<Message> {
        let Facts::Consent { start, end, revoked_on, recipients, provides, .. } = &self.facts else {
            return Some(Message::fixed("同意書ではありません", "it is not a consent"));
        };
        Some(if revoked_on.is_some_and(|r| r <= on) {
            let r = revoked_on.unwrap_or(on);
            Message::new(format!("{r} に撤回されています"), format!("it was revoked on {r}"))
        } else if *start > on {
            Message::new(format!("{start} からの同意です"), format!("it starts on {start}"))
        } else if let Some(end) = end.filter(|end| *end < on) {
            Message::new(format!("{end} に終わっています"), format!("it ended on {end}"))
        } else if !recipients.contains(&department) {
            Message::new(
                format!("{}を共有先にしていません", department.label(crate::Lang::Ja)),
                format!("it does not name {} as a recipient", department.label(crate::Lang::En)),
            )
        } else if !provides {
            Message::fixed("情報の提供への同意ではありません", "it does not cover providing information")
        } else {
            return None;
        })
    }
}

/// How the documents of one child were found to belong together.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub enum MatchedBy {
    /// One document only.
    Single,
    /// A shared identifier (system and value).
    Identifier,
    /// Name, reading and date of birth, without a shared identifier.
    NameAndBirth,
}

/// One child and the indices of its documents (in the order given).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ChildCase {
    pub documents: Vec<usize>,
    pub matched_by: MatchedBy,
}

struct Groups {
    parent: Vec<usize>,
}

impl Groups {
    fn find(&mut self, mut i: usize) -> usize {
        while self.parent[i] != i {
            self.parent[i] = self.parent[self.parent[i]];
            i = self.parent[i];
        }
        i
    }

    fn join(&mut self, a: usize, b: usize) -> bool {
        let (a, b) = (self.find(a), self.find(b));
        if a == b {
            return false;
        }
        let (keep, drop) = if a < b { (a, b) } else { (b, a) };
        self.parent[drop] = keep;
        true
    }
}

/// Groups documents by child: a shared identifier joins documents; documents whose
/// groups share no identifier are joined by name, reading and date of birth unless
/// they carry different numbers of the same system (then they are two children).
pub fn group(summaries: &[Summary]) -> Vec<ChildCase> {
    let n = summaries.len();
    let mut groups = Groups { parent: (0..n).collect() };
    let mut by_identifier: HashMap<&Identifier, usize> = HashMap::new();
    for (i, summary) in summaries.iter().enumerate() {
        for identifier in &summary.child.identifiers {
            match by_identifier.get(identifier) {
                Some(&first) => {
                    groups.join(first, i);
                }
                None => {
                    by_identifier.insert(identifier, i);
                }
            }
        }
    }
    // Each group's numbers by system, to tell two children apart.
    let mut numbers: HashMap<usize, BTreeMap<&str, Vec<&str>>> = HashMap::new();
    for (i, summary) in summaries.iter().enumerate() {
        let root = groups.find(i);
        for identifier in &summary.child.identifiers {
            let entry = numbers.entry(root).or_default().entry(identifier.system.as_str()).or_default();
            if !entry.contains(&identifier.value.as_str()) {
                entry.push(identifier.value.as_str());
            }
        }
    }
    let mut by_name: HashMap<_, Vec<usize>> = HashMap::new();
    let mut by_name_joined = vec![false; n];
    for (i, summary) in summaries.iter().enumerate() {
        let roots = by_name.entry(summary.child.demographics()).or_default();
        let root = groups.find(i);
        let candidate = roots.iter().copied().find(|&other| {
            let other = groups.find(other);
            other != root && !conflict(numbers.get(&other), numbers.get(&root))
        });
        if let Some(other) = candidate {
            let other = groups.find(other);
            let merged = numbers.remove(&root).unwrap_or_default();
            if groups.join(other, root) {
                let keep = groups.find(root);
                let target = numbers.entry(keep).or_default();
                for (system, values) in merged {
                    target.entry(system).or_default().extend(values);
                }
                by_name_joined[keep] = true;
            }
        }
        if !roots.iter().any(|&r| groups.find(r) == groups.find(i)) {
            roots.push(i);
        }
    }
    let mut cases: Vec<ChildCase> = Vec::new();
    let mut index_of: HashMap<usize, usize> = HashMap::new();
    for i in 0..n {
        let root = groups.find(i);
        let case = *index_of.entry(root).or_insert_with(|| {
            cases.push(ChildCase { documents: Vec::new(), matched_by: MatchedBy::Single });
            cases.len() - 1
        });
        cases[case].documents.push(i);
    }
    for (root, &case) in &index_of {
        let case = &mut cases[case];
        if case.documents.len() > 1 {
            case.matched_by = if by_name_joined[*root] { MatchedBy::NameAndBirth } else { MatchedBy::Identifier };
        }
    }
    cases
}

/// Two groups are two children if they hold different numbers of one system.
fn conflict(a: Option<&BTreeMap<&str, Vec<&str>>>, b: Option<&BTreeMap<&str, Vec<&str>>>) -> bool {
    let (Some(a), Some(b)) = (a, b) else { return false };
    a.iter().any(|(system, values)| b.get(system).is_some_and(|other| other.iter().all(|v| !values.contains(v))))
}

/// The state of a child's consent on a day.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub enum ConsentState {
    Valid,
    EndingSoon,
    Expired,
    Revoked,
    NotYetStarted,
    None,
}

impl ConsentState {
    pub fn label(self, lang: crate::Lang) -> &'static str {
        let (ja, en) = match self {
            Self::Valid => ("有効", "valid"),
            Self::EndingSoon => ("まもなく終了", "ending soon"),
            Self::Expired => ("期限切れ", "expired"),
            Self::Revoked => ("撤回", "revoked"),
            Self::NotYetStarted => ("開始前", "not yet started"),
            Self::None => ("なし", "none"),
        };
        if lang == crate::Lang::Ja { ja } else { en }
    }
}

/// Days before an end that count as "ending soon".
pub const ENDING_SOON_DAYS: i64 = 60;

/// The latest consent of a child, and what it is on `on`.
fn consent_state<'a>(docs: &[&'a Summary], on: Date) -> (ConsentState, Option<&'a Summary>) {
    let latest = docs.iter().copied().filter(|s| s.kind == Kind::Consent).max_by_key(|s| s.date);
    let Some(summary) = latest else { return (ConsentState::None, None) };
    let Facts::Consent { start, end, revoked_on, .. } = &summary.facts else { return (ConsentState::None, None) };
    let state = if revoked_on.is_some_and(|r| r <= on) {
        ConsentState::Revoked
    } else if *start > on {
        ConsentState::NotYetStarted
    } else if end.is_some_and(|end| end < on) {
        ConsentState::Expired
    } else if end.is_some_and(|end| on.days_until(end) <= ENDING_SOON_DAYS) {
        ConsentState::EndingSoon
    } else {
        ConsentState::Valid
    };
    (state, Some(summary))
}

/// The instruction sheet in force on `on`: the latest issued whose period covers the
/// day and that no other sheet supersedes; else the latest issued.
fn current_instruction<'a>(docs: &[&'a Summary], on: Date) -> Option<&'a Summary> {
    let sheets: Vec<&Summary> = docs.iter().copied().filter(|s| s.kind == Kind::Instruction).collect();
    let superseded = |s: &Summary| {
        sheets
            .iter()
            .any(|other| matches!(&other.facts, Facts::Instruction { supersedes: Some(id), .. } if *id == s.id))
    };
    let covering = sheets
        .iter()
        .copied()
        .filter(|s| !superseded(s))
        .filter(|s| matches!(&s.facts, Facts::Instruction { start, end, .. } if *start <= on && on <= *end))
        .max_by_key(|s| s.date);
    covering.or_else(|| sheets.iter().copied().filter(|s| !superseded(s)).max_by_key(|s| s.date))
}

/// One row of the list of children.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct RosterRow {
    pub name: PersonName,
    pub birth_date: Date,
    pub age: u32,
    pub identifiers: Vec<Identifier>,
    pub matched_by: MatchedBy,
    /// The care items, by JSON name, from the current sheet (else the latest assessment).
    pub care: Vec<String>,
    pub score: Option<u32>,
    pub class: Option<ScoreClass>,
    pub facilities: Vec<String>,
    pub instruction_until: Option<Date>,
    pub consent: ConsentState,
    pub consent_until: Option<Date>,
    pub consent_departments: Vec<RecipientKind>,
    pub next_review_on: Option<Date>,
    /// The shared record's latest entry.
    pub last_entry: Option<LastEntry>,
    pub flags: Vec<Flag>,
    /// The indices of the child's documents.
    pub documents: Vec<usize>,
}

/// Something about a child the city should see at a glance.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub enum Flag {
    PowerDependent,
    NoInstruction,
    InstructionExpired,
    ReviewOverdue,
    SchoolEntrySoon,
}

impl Flag {
    pub fn label(self, lang: crate::Lang) -> &'static str {
        let (ja, en) = match self {
            Self::PowerDependent => ("電源が必要な医療機器", "power-dependent device"),
            Self::NoInstruction => ("指示書なし", "no instruction sheet"),
            Self::InstructionExpired => ("指示書の期限切れ", "instruction sheet expired"),
            Self::ReviewOverdue => ("見直しの期限切れ", "review overdue"),
            Self::SchoolEntrySoon => ("就学まで1年半以内", "school entry within 18 months"),
        };
        if lang == crate::Lang::Ja { ja } else { en }
    }
}

/// The list of children (医療的ケア児一覧).
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Roster {
    pub as_of: Date,
    /// The department the list was made for, if one.
    pub department: Option<RecipientKind>,
    pub rows: Vec<RosterRow>,
    /// Children left out because no valid consent names the department (a count, never who).
    pub left_out: usize,
}

/// Which children a department may see: those with a consent in force on `on` that
/// names the department as a recipient. Later kinds (the shared record, evacuation
/// plans) use the same rule.
pub fn visible_to(summaries: &[Summary], case: &ChildCase, department: RecipientKind, on: Date) -> bool {
    case.documents.iter().any(|&i| summaries[i].consent_covers(department, on))
}

/// The list of children on `as_of`, for a department or for the division that keeps it.
pub fn roster(summaries: &[Summary], as_of: Date, department: Option<RecipientKind>) -> Roster {
    let cases = group(summaries);
    let mut rows = Vec::new();
    let mut left_out = 0;
    for case in &cases {
        if let Some(department) = department
            && !visible_to(summaries, case, department, as_of)
        {
            left_out += 1;
            continue;
        }
        let docs: Vec<&Summary> = case.documents.iter().map(|&i| &summaries[i]).collect();
        rows.push(row(&docs, case, as_of));
    }
    rows.sort_by(|a, b| {
        let key = |r: &RosterRow| (r.name.family_reading.clone(), r.name.given_reading.clone(), r.birth_date);
        key(a).cmp(&key(b))
    });
    Roster { as_of, department, rows, left_out }
}

fn row(docs: &[&Summary], child: &ChildCase, as_of: Date) -> RosterRow {
    // The newest document names the child as it is now.
    let newest = docs.iter().copied().max_by_key(|s| s.date).unwrap_or(docs[0]);
    let assessment = docs.iter().copied().filter(|s| s.kind == Kind::Assessment).max_by_key(|s| s.date);
    let sheet = current_instruction(docs, as_of);
    let (consent, consent_doc) = consent_state(docs, as_of);
    let mut flags = Vec::new();
    let (mut care, mut facilities, mut instruction_until) = (Vec::new(), Vec::new(), None);
    if let Some(Facts::Instruction { end, facilities: f, care: c, power_dependent, .. }) = sheet.map(|s| &s.facts) {
        care.clone_from(c);
        facilities = f.iter().map(|(name, _)| name.clone()).collect();
        instruction_until = Some(*end);
        if *end < as_of {
            flags.push(Flag::InstructionExpired);
        }
        if *power_dependent {
            flags.push(Flag::PowerDependent);
        }
    } else {
        flags.push(Flag::NoInstruction);
    }
    let (mut score, mut class, mut next_review_on) = (None, None, None);
    if let Some(Facts::Assessment { total, class: c, next_review_on: review, care: assessed }) =
        assessment.map(|s| &s.facts)
    {
        score = Some(*total);
        class = Some(*c);
        next_review_on = Some(*review);
        if *review < as_of {
            flags.push(Flag::ReviewOverdue);
        }
        if care.is_empty() {
            care.clone_from(assessed);
        }
    }
    let birth = newest.child.birth_date;
    let entry = school_entry(birth);
    if as_of < entry && as_of.days_until(entry) <= 548 {
        flags.push(Flag::SchoolEntrySoon);
    }
    let (consent_until, consent_departments) = match consent_doc.map(|s| &s.facts) {
        Some(Facts::Consent { end, recipients, .. }) => (*end, recipients.clone()),
        _ => (None, Vec::new()),
    };
    let mut identifiers: Vec<Identifier> = docs.iter().flat_map(|s| s.child.identifiers.iter().cloned()).collect();
    identifiers.sort();
    identifiers.dedup();
    RosterRow {
        name: newest.child.name.clone(),
        birth_date: birth,
        age: birth.years_until(as_of).unwrap_or(0),
        identifiers,
        matched_by: child.matched_by,
        care,
        score,
        class,
        facilities,
        instruction_until,
        consent,
        consent_until,
        consent_departments,
        next_review_on,
        last_entry: last_entry(docs),
        flags,
        documents: child.documents.clone(),
    }
}

/// When the child's shared record was last written to, and by whom.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct LastEntry {
    pub on: Date,
    pub department: RecipientKind,
}

/// The latest entry of the child's shared records, by date (the later department on a tie).
fn last_entry(docs: &[&Summary]) -> Option<LastEntry> {
    docs.iter()
        .filter_map(|s| match &s.facts {
            Facts::Record { entries } => {
                entries.iter().map(|e| (e.date, e.department)).max_by_key(|(d, k)| (*d, k.as_str()))
            }
            _ => None,
        })
        .max_by_key(|(d, k)| (*d, k.as_str()))
        .map(|(on, department)| LastEntry { on, department })
}

/// The list as people read it: headers and rows of text in one language, the same
/// for the workbook, the CSV file and the PDF.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RosterTable {
    pub headers: Vec<String>,
    pub rows: Vec<Vec<String>>,
    /// Relative column widths, for the workbook and the PDF.
    pub widths: Vec<u32>,
}

/// A care item's name, by its JSON name, from the schema's title.
pub fn care_label(key: &str, lang: crate::Lang) -> String {
    let root = crate::schema::SchemaSet::get().schema(Kind::Instruction);
    let node = crate::wording::schema_at(root, &["properties", "care", "properties", key]);
    crate::wording::title_of(node, root).map_or_else(|| key.to_owned(), |t| crate::wording::pick(&t, lang))
}

impl Roster {
    /// The table of the list in `lang`.
    pub fn table(&self, lang: crate::Lang) -> RosterTable {
        use crate::Lang::Ja;
        let h = |ja: &str, en: &str| if lang == Ja { ja.to_owned() } else { en.to_owned() };
        let columns: [(String, u32); 17] = [
            (h("氏名", "Name"), 8),
            (h("ふりがな", "Reading"), 8),
            (h("生年月日", "Date of birth"), 7),
            (h("年齢", "Age"), 4),
            (h("識別子", "Identifiers"), 7),
            (h("医療的ケア", "Care items"), 14),
            (h("判定スコア", "Score"), 5),
            (h("区分", "Class"), 4),
            (h("施設", "Facilities"), 12),
            (h("指示書の期限", "Instruction until"), 7),
            (h("同意", "Consent"), 5),
            (h("同意の期限", "Consent until"), 7),
            (h("共有先", "Shared with"), 12),
            (h("次回見直し", "Next review"), 7),
            (h("最新の記録 (共有シート)", "Latest entry (shared record)"), 9),
            (h("注意", "Flags"), 10),
            (h("照合", "Matched by"), 6),
        ];
        let separator = if lang == Ja { "、" } else { ", " };
        let date = |d: Option<Date>| d.map(|d| d.to_string()).unwrap_or_default();
        let rows = self
            .rows
            .iter()
            .map(|row| {
                let name = &row.name;
                let join = |parts: [&Option<String>; 2]| {
                    parts.iter().filter_map(|p| p.as_deref()).collect::<Vec<_>>().join(" ")
                };
                vec![
                    format!("{} {}", name.family, name.given.as_deref().unwrap_or_default()).trim().to_owned(),
                    join([&name.family_reading, &name.given_reading]),
                    row.birth_date.to_string(),
                    row.age.to_string(),
                    row.identifiers.iter().map(|i| i.value.clone()).collect::<Vec<_>>().join(separator),
                    row.care.iter().map(|key| care_label(key, lang)).collect::<Vec<_>>().join(separator),
                    row.score.map(|s| s.to_string()).unwrap_or_default(),
                    row.class.map(|c| c.short_label(lang).to_owned()).unwrap_or_default(),
                    row.facilities.join(separator),
                    date(row.instruction_until),
                    row.consent.label(lang).to_owned(),
                    date(row.consent_until),
                    row.consent_departments.iter().map(|d| d.label(lang)).collect::<Vec<_>>().join(separator),
                    date(row.next_review_on),
                    row.last_entry
                        .map(|last| format!("{} {}", last.on, last.department.label(lang)))
                        .unwrap_or_default(),
                    row.flags.iter().map(|f| f.label(lang)).collect::<Vec<_>>().join(separator),
                    match row.matched_by {
                        MatchedBy::Single | MatchedBy::Identifier => h("識別子", "identifier"),
                        MatchedBy::NameAndBirth => h("氏名・生年月日", "name and birth date"),
                    },
                ]
            })
            .collect();
        let (headers, widths) = columns.into_iter().unzip();
        RosterTable { headers, rows, widths }
    }
}

/// One power-dependent child, for the disaster-prevention view.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct DisasterRow {
    pub name: PersonName,
    pub birth_date: Date,
    pub age: u32,
    pub identifiers: Vec<Identifier>,
    /// The latest plan's devices.
    pub devices: Vec<DeviceKind>,
    /// Until the first device stops, from the latest plan; none without a plan.
    pub total_hours: Option<f64>,
    pub target_hours: Option<f64>,
    pub destination: Option<String>,
    pub next_review_on: Option<Date>,
    pub consent: ConsentState,
    pub flags: Vec<DisasterFlag>,
    pub documents: Vec<usize>,
}

/// What the disaster-prevention division should see at a glance.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub enum DisasterFlag {
    NoPlan,
    BelowTarget,
    ReviewOverdue,
}

impl DisasterFlag {
    pub fn label(self, lang: crate::Lang) -> &'static str {
        let (ja, en) = match self {
            Self::NoPlan => ("計画なし", "no plan"),
            Self::BelowTarget => ("目標の時間に足りない", "short of the target hours"),
            Self::ReviewOverdue => ("見直しの期限切れ", "review overdue"),
        };
        if lang == crate::Lang::Ja { ja } else { en }
    }
}

/// The power-dependent children (`roster --disaster`), the shortest hours first (no plan first of all).
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct DisasterRoster {
    pub as_of: Date,
    pub department: Option<RecipientKind>,
    pub rows: Vec<DisasterRow>,
    /// Children left out because no valid consent names the department (a count, never who).
    pub left_out: usize,
}

/// Every child whose current sheet has a power-dependent device or whose plan lists one.
pub fn disaster_roster(summaries: &[Summary], as_of: Date, department: Option<RecipientKind>) -> DisasterRoster {
    let mut rows = Vec::new();
    let mut left_out = 0;
    for case in group(summaries) {
        let docs: Vec<&Summary> = case.documents.iter().map(|&i| &summaries[i]).collect();
        let plan = docs.iter().copied().filter(|s| s.kind == Kind::Evacuation).max_by_key(|s| s.date);
        let sheet_needs_power = current_instruction(&docs, as_of)
            .is_some_and(|s| matches!(&s.facts, Facts::Instruction { power_dependent: true, .. }));
        let plan_devices = plan.map(|p| match &p.facts {
            Facts::Evacuation { devices, .. } => devices.clone(),
            _ => Vec::new(),
        });
        if !sheet_needs_power && plan_devices.as_ref().is_none_or(Vec::is_empty) {
            continue;
        }
        if let Some(department) = department
            && !visible_to(summaries, &case, department, as_of)
        {
            left_out += 1;
            continue;
        }
        let newest = docs.iter().copied().max_by_key(|s| s.date).unwrap_or(docs[0]);
        let mut flags = Vec::new();
        let (mut total_hours, mut target_hours, mut destination, mut next_review_on) = (None, None, None, None);
        if let Some(Facts::Evacuation { total_hours: t, target_hours: g, destination: d, next_review_on: r, .. }) =
            plan.map(|p| &p.facts)
        {
            (total_hours, target_hours, destination, next_review_on) = (*t, *g, Some(d.clone()), Some(*r));
            if let (Some(t), Some(g)) = (t, g)
                && t < g
            {
                flags.push(DisasterFlag::BelowTarget);
            }
            if *r < as_of {
                flags.push(DisasterFlag::ReviewOverdue);
            }
        } else {
            flags.push(DisasterFlag::NoPlan);
        }
        let mut identifiers: Vec<Identifier> = docs.iter().flat_map(|s| s.child.identifiers.clone()).collect();
        identifiers.sort();
        identifiers.dedup();
        let birth = newest.child.birth_date;
        rows.push(DisasterRow {
            name: newest.child.name.clone(),
            birth_date: birth,
            age: birth.years_until(as_of).unwrap_or(0),
            identifiers,
            devices: plan_devices.unwrap_or_default(),
            total_hours,
            target_hours,
            destination,
            next_review_on,
            consent: consent_state(&docs, as_of).0,
            flags,
            documents: case.documents.clone(),
        });
    }
    // The shortest hours first; a child without a plan (hours unknown) before everyone.
    rows.sort_by(|a, b| {
        let hours = |r: &DisasterRow| r.total_hours.unwrap_or(-1.0);
        hours(a).total_cmp(&hours(b)).then_with(|| a.name.family_reading.cmp(&b.name.family_reading))
    });
    DisasterRoster { as_of, department, rows, left_out }
}

impl DisasterRoster {
    /// The list as people read it, for the workbook, the CSV file and the PDF.
    pub fn table(&self, lang: crate::Lang) -> RosterTable {
        use crate::Lang::Ja;
        let h = |ja: &str, en: &str| if lang == Ja { ja.to_owned() } else { en.to_owned() };
        let columns: [(String, u32); 11] = [
            (h("氏名", "Name"), 8),
            (h("ふりがな", "Reading"), 8),
            (h("生年月日", "Date of birth"), 7),
            (h("年齢", "Age"), 4),
            (h("識別子", "Identifiers"), 7),
            (h("電源が必要な機器", "Power-dependent devices"), 14),
            (h("電源が続く時間", "Hours of power"), 6),
            (h("目標", "Target"), 5),
            (h("避難先", "Where to go"), 12),
            (h("次回見直し", "Next review"), 7),
            (h("注意", "Flags"), 9),
        ];
        let separator = if lang == Ja { "、" } else { ", " };
        let rows = self
            .rows
            .iter()
            .map(|row| {
                let name = &row.name;
                let reading: Vec<&str> =
                    [&name.family_reading, &name.given_reading].iter().filter_map(|p| p.as_deref()).collect();
                let flags: Vec<&str> = row.flags.iter().map(|f| f.label(lang)).collect();
                vec![
                    format!("{} {}", name.family, name.given.as_deref().unwrap_or_default()).trim().to_owned(),
                    reading.join(" "),
                    row.birth_date.to_string(),
                    row.age.to_string(),
                    row.identifiers.iter().map(|i| i.value.clone()).collect::<Vec<_>>().join(separator),
                    row.devices.iter().map(|d| d.label(lang)).collect::<Vec<_>>().join(separator),
                    row.total_hours.map(crate::documents::print_number).unwrap_or_default(),
                    row.target_hours.map(crate::documents::print_number).unwrap_or_default(),
                    row.destination.clone().unwrap_or_default(),
                    row.next_review_on.map(|d| d.to_string()).unwrap_or_default(),
                    flags.join(separator),
                ]
            })
            .collect();
        let (headers, widths) = columns.into_iter().unzip();
        RosterTable { headers, rows, widths }
    }
}

/// What falls due.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub enum DueKind {
    InstructionEnds,
    ConsentEnds,
    Review,
    /// The evacuation plan's yearly review.
    PlanReview,
    /// The child starts school on the next 1 April: the board of education needs about a
    /// year for the 就学相談, so the hand-over is prompted from a year before.
    SchoolEntryHandOver,
}

impl DueKind {
    pub fn label(self, lang: crate::Lang) -> &'static str {
        let (ja, en) = match self {
            Self::InstructionEnds => ("指示書の期間が終わる", "instruction sheet ends"),
            Self::ConsentEnds => ("同意の期間が終わる", "consent ends"),
            Self::Review => ("アセスメントの見直し", "assessment review"),
            Self::PlanReview => ("個別避難計画の見直し", "evacuation plan review"),
            Self::SchoolEntryHandOver => {
                ("就学 (教育委員会へ就学相談の引き継ぎ)", "school entry (hand over to the board of education)")
            }
        };
        if lang == crate::Lang::Ja { ja } else { en }
    }
}

/// One thing that lapses or is due.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct DueItem {
    pub due: DueKind,
    pub on: Date,
    /// Days from the as-of date (negative: overdue).
    pub days: i64,
    pub overdue: bool,
    pub name: PersonName,
    pub birth_date: Date,
    /// The document it is about (an index into the summaries), where one is.
    #[serde(skip)]
    pub document: Option<usize>,
}

impl DueItem {
    /// 期限切れ (3日前) / overdue (3 days ago), or あと5日 / in 5 days.
    pub fn when(&self) -> crate::Message {
        if self.overdue {
            crate::Message::new(format!("期限切れ ({}日前)", -self.days), format!("overdue ({} days ago)", -self.days))
        } else {
            crate::Message::new(format!("あと{}日", self.days), format!("in {} days", self.days))
        }
    }
}

/// What lapses or is due within `within` days of `as_of`, soonest first. The school-entry
/// hand-over is listed only where a valid consent covers the board of education.
pub fn due(summaries: &[Summary], as_of: Date, within: i64) -> Vec<DueItem> {
    let mut items = Vec::new();
    for case in group(summaries) {
        let docs: Vec<&Summary> = case.documents.iter().map(|&i| &summaries[i]).collect();
        let index = |s: &Summary| case.documents.iter().copied().find(|&i| std::ptr::eq(&raw const summaries[i], s));
        let newest = docs.iter().copied().max_by_key(|s| s.date).unwrap_or(docs[0]);
        let mut push = |due: DueKind, on: Date, document: Option<usize>| {
            let days = as_of.days_until(on);
            if days <= within {
                items.push(DueItem {
                    due,
                    on,
                    days,
                    overdue: days < 0,
                    name: newest.child.name.clone(),
                    birth_date: newest.child.birth_date,
                    document,
                });
            }
        };
        if let Some(sheet) = current_instruction(&docs, as_of)
            && let Facts::Instruction { end, .. } = &sheet.facts
        {
            push(DueKind::InstructionEnds, *end, index(sheet));
        }
        let (state, consent) = consent_state(&docs, as_of);
        if let Some(consent) = consent
            && let Facts::Consent { end: Some(end), .. } = &consent.facts
            && state != ConsentState::Revoked
        {
            push(DueKind::ConsentEnds, *end, index(consent));
        }
        if let Some(assessment) = docs.iter().copied().filter(|s| s.kind == Kind::Assessment).max_by_key(|s| s.date)
            && let Facts::Assessment { next_review_on, .. } = &assessment.facts
        {
            push(DueKind::Review, *next_review_on, index(assessment));
        }
        if let Some(plan) = docs.iter().copied().filter(|s| s.kind == Kind::Evacuation).max_by_key(|s| s.date)
            && let Facts::Evacuation { next_review_on, .. } = &plan.facts
        {
            push(DueKind::PlanReview, *next_review_on, index(plan));
        }
        // Children who start school on the next 1 April: a prompt dated on the entry, never
        // overdue (whether the hand-over happened is not in the documents).
        let entry = school_entry(newest.child.birth_date);
        let days = as_of.days_until(entry);
        let board =
            case.documents.iter().copied().find(|&i| summaries[i].consent_covers(RecipientKind::SchoolAffairs, as_of));
        if (0..=365.max(within)).contains(&days)
            && let Some(consent) = board
        {
            items.push(DueItem {
                due: DueKind::SchoolEntryHandOver,
                on: entry,
                days,
                overdue: false,
                name: newest.child.name.clone(),
                birth_date: newest.child.birth_date,
                document: Some(consent),
            });
        }
    }
    items.sort_by(|a, b| (a.on, &a.name.family_reading).cmp(&(b.on, &b.name.family_reading)));
    items
}

/// The checks that need the whole folder, as diagnostics of the document they are
/// found in (its index), each naming the other file by the name given for it.
pub fn check(summaries: &[Summary], names: &[&str]) -> Vec<(usize, Diagnostic)> {
    let mut out = Vec::new();
    let by_id: HashMap<Uuid, usize> = summaries.iter().enumerate().map(|(i, s)| (s.id, i)).collect();
    for case in group(summaries) {
        let docs = &case.documents;
        // Sheets that replace another, directly or through others.
        let supersedes = |i: usize, j: usize| {
            let mut at = i;
            for _ in 0..docs.len() {
                let Facts::Instruction { supersedes: Some(id), .. } = &summaries[at].facts else { return false };
                let Some(&next) = by_id.get(id) else { return false };
                if next == j {
                    return true;
                }
                at = next;
            }
            false
        };
        for (n, &i) in docs.iter().enumerate() {
            let Facts::Instruction { start, end, facilities, supersedes: replaced, .. } = &summaries[i].facts else {
                continue;
            };
            if let Some(id) = replaced
                && !by_id.contains_key(id)
            {
                out.push((
                    i,
                    Diagnostic::new(
                        Code::CaseSupersedesUnknown,
                        "/supersedes",
                        Message::fixed(
                            "置き換える指示書がこのフォルダーにありません",
                            "the sheet this one replaces is not in the folder",
                        ),
                    ),
                ));
            }
            for &j in &docs[n + 1..] {
                let Facts::Instruction { start: s2, end: e2, facilities: f2, .. } = &summaries[j].facts else {
                    continue;
                };
                let shared = facilities.iter().find(|f| f2.contains(f));
                if shared.is_some() && start <= e2 && s2 <= end && !supersedes(i, j) && !supersedes(j, i) {
                    let other = names.get(j).copied().unwrap_or("?");
                    let this = names.get(i).copied().unwrap_or("?");
                    let message = |other: &str| {
                        Message::new(
                            format!(
                                "同じ施設への指示書 {other} と期間が重なっていますが、どちらも他方を置き換えていません"
                            ),
                            format!(
                                "the period overlaps {other}, a sheet to the same facility, and neither replaces the other"
                            ),
                        )
                    };
                    let hint = Message::fixed(
                        "新しい指示書の supersedes に前の指示書の文書 ID を書いてください",
                        "name the earlier sheet's id in the newer sheet's supersedes",
                    );
                    out.push((
                        i,
                        Diagnostic::new(Code::CaseOverlappingInstructions, "/period", message(other))
                            .with_hint(hint.clone()),
                    ));
                    out.push((
                        j,
                        Diagnostic::new(Code::CaseOverlappingInstructions, "/period", message(this)).with_hint(hint),
                    ));
                }
            }
        }
        // A document made after the child's consent was revoked relies on a consent no longer given.
        let revoked: Vec<(usize, Date)> = docs
            .iter()
            .filter_map(|&i| match &summaries[i].facts {
                Facts::Consent { revoked_on: Some(date), .. } => Some((i, *date)),
                _ => None,
            })
            .collect();
        for &(consent, revoked_on) in &revoked {
            let renewed = docs.iter().any(|&i| {
                matches!(&summaries[i].facts, Facts::Consent { start, revoked_on: None, .. } if *start >= revoked_on)
            });
            if renewed {
                continue;
            }
            for &i in docs {
                // A record's entries, and whom a plan is shared with, are checked below.
                if !matches!(summaries[i].kind, Kind::Consent | Kind::Record | Kind::Evacuation)
                    && summaries[i].date > revoked_on
                {
                    let other = names.get(consent).copied().unwrap_or("?");
                    out.push((
                        i,
                        Diagnostic::new(
                            Code::CaseAfterRevokedConsent,
                            "",
                            Message::new(
                                format!("同意 {other} が撤回された後に作られた文書です。どの部署にも示されません"),
                                format!("made after the consent {other} was revoked: no department is shown it"),
                            ),
                        ),
                    ));
                }
            }
        }
        within_consent(summaries, names, docs, &mut out);
        plan_lists_the_sheets_devices(summaries, names, docs, &mut out);
        if case.matched_by == MatchedBy::NameAndBirth
            && let (Some(&first), Some(&second)) = (docs.first(), docs.get(1))
        {
            let other = names.get(first).copied().unwrap_or("?");
            out.push((
                second,
                Diagnostic::new(
                    Code::CaseMatchedByName,
                    "/child",
                    Message::new(
                        format!("{other} と共通の識別子がなく、氏名・ふりがな・生年月日で同じこどもとしました"),
                        format!("no identifier shared with {other}: taken as the same child by name, reading and date of birth"),
                    ),
                )
                .with_severity(Severity::Info),
            ));
        }
    }
    out
}

/// Every entry of a child's shared record, and every department it was shared with,
/// must be covered by a consent of that child in force on the entry's date; so must
/// every body an evacuation plan is shared with, on the day it was made.
fn within_consent(summaries: &[Summary], names: &[&str], docs: &[usize], out: &mut Vec<(usize, Diagnostic)>) {
    let consents: Vec<usize> = docs.iter().copied().filter(|&i| summaries[i].kind == Kind::Consent).collect();
    for &doc in docs {
        match &summaries[doc].facts {
            Facts::Record { entries } => {
                for (k, entry) in entries.iter().enumerate() {
                    let needed = std::iter::once((entry.department, format!("/entries/{k}/department"))).chain(
                        entry.shared.iter().enumerate().map(|(m, &d)| (d, format!("/entries/{k}/shared/{m}/with"))),
                    );
                    let reliance = Reliance {
                        doc,
                        consent: entry.consent,
                        consent_pointer: format!("/entries/{k}/consent"),
                        date: entry.date,
                        what: Message::new(format!("{} の記録", entry.date), format!("the entry of {}", entry.date)),
                        outside: Code::RecordOutsideConsent,
                    };
                    reliance.check(summaries, names, &consents, needed, out);
                }
            }
            Facts::Evacuation { consent, shared_with, .. } => {
                let needed = shared_with.iter().enumerate().map(|(m, &d)| (d, format!("/sharedWith/{m}")));
                let date = summaries[doc].date;
                let reliance = Reliance {
                    doc,
                    consent: *consent,
                    consent_pointer: "/consent".into(),
                    date,
                    what: Message::new(
                        format!("{date} に作られた計画の共有"),
                        format!("sharing the plan made on {date}"),
                    ),
                    outside: Code::EvacuationOutsideConsent,
                };
                reliance.check(summaries, names, &consents, needed, out);
            }
            _ => {}
        }
    }
}

/// A document's (or an entry's) claim to be within a consent.
struct Reliance {
    doc: usize,
    consent: Uuid,
    consent_pointer: String,
    date: Date,
    what: Message,
    outside: Code,
}

impl Reliance {
    fn check(
        &self,
        summaries: &[Summary],
        names: &[&str],
        consents: &[usize],
        needed: impl Iterator<Item = (RecipientKind, String)>,
        out: &mut Vec<(usize, Diagnostic)>,
    ) {
        let name = |i: usize| names.get(i).copied().unwrap_or("?");
        let relied_on = consents.iter().copied().find(|&c| summaries[c].id == self.consent);
        let mut elsewhere = false;
        for (department, pointer) in needed {
            if relied_on.is_some_and(|c| summaries[c].consent_covers(department, self.date)) {
                continue;
            }
            if consents.iter().any(|&c| summaries[c].consent_covers(department, self.date)) {
                elsewhere = true;
                continue;
            }
            let (ja_dept, en_dept) = (department.label(crate::Lang::Ja), department.label(crate::Lang::En));
            let (ja, en) = (&self.what.ja, &self.what.en);
            let message = match relied_on {
                Some(c) => {
                    let why =
                        summaries[c].why_not_covered(department, self.date).unwrap_or_else(|| Message::fixed("", ""));
                    Message::new(
                        format!("{ja} ({ja_dept}) は同意 {} の範囲外です: {}", name(c), why.ja),
                        format!("{en} ({en_dept}) is outside the consent {}: {}", name(c), why.en),
                    )
                }
                None => Message::new(
                    format!("{ja} ({ja_dept}) の同意がフォルダにありません (どの同意も{ja_dept}を含みません)"),
                    format!("no consent in the folder covers {en} ({en_dept})"),
                ),
            };
            out.push((self.doc, Diagnostic::new(self.outside, pointer, message)));
        }
        if elsewhere && relied_on.is_none() {
            out.push((
                self.doc,
                Diagnostic::new(
                    Code::RecordConsentElsewhere,
                    self.consent_pointer.clone(),
                    Message::fixed(
                        "根拠とする同意はフォルダにありませんが、別の同意がこれを含みます",
                        "the consent relied on is not in the folder, but another consent covers this",
                    ),
                ),
            ));
        }
    }
}

/// A ventilator or cough assist on the child's current instruction sheet that the
/// child's evacuation plans do not list.
fn plan_lists_the_sheets_devices(
    summaries: &[Summary],
    names: &[&str],
    docs: &[usize],
    out: &mut Vec<(usize, Diagnostic)>,
) {
    let refs: Vec<&Summary> = docs.iter().map(|&i| &summaries[i]).collect();
    for &plan in docs {
        let Facts::Evacuation { devices, .. } = &summaries[plan].facts else { continue };
        let Some(sheet) = current_instruction(&refs, summaries[plan].date) else { continue };
        let Facts::Instruction { ventilator_devices, .. } = &sheet.facts else { continue };
        let sheet_name = docs
            .iter()
            .find(|&&i| std::ptr::eq(&raw const summaries[i], sheet))
            .and_then(|&i| names.get(i).copied())
            .unwrap_or("?");
        for kind in ventilator_devices {
            let (wanted, label) = match kind {
                VentilatorKind::CoughAssist => (DeviceKind::CoughAssist, DeviceKind::CoughAssist),
                VentilatorKind::Invasive | VentilatorKind::Nppv | VentilatorKind::NegativePressure => {
                    (DeviceKind::Ventilator, DeviceKind::Ventilator)
                }
                _ => continue,
            };
            if !devices.contains(&wanted) {
                out.push((
                    plan,
                    Diagnostic::new(
                        Code::EvacuationDeviceMissing,
                        "/devices",
                        Message::new(
                            format!(
                                "指示書 {sheet_name} の{}がこの計画の機器にありません",
                                label.label(crate::Lang::Ja)
                            ),
                            format!(
                                "the {} on the instruction sheet {sheet_name} is not among the plan's devices",
                                label.label(crate::Lang::En).to_lowercase()
                            ),
                        ),
                    ),
                ));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Date {
        Date::parse(s).expect("date")
    }

    fn child(family: &str, birth: &str, number: Option<&str>) -> ChildKey {
        ChildKey {
            identifiers: number
                .map(|value| Identifier { system: "jp.lg.example.atena".into(), value: value.into() })
                .into_iter()
                .collect(),
            name: PersonName {
                family: family.into(),
                given: Some("湊".into()),
                family_reading: Some("やまだ".into()),
                given_reading: Some("みなと".into()),
            },
            birth_date: d(birth),
        }
    }

    fn id(n: u128) -> Uuid {
        Uuid::from_u128(n)
    }

    fn sheet(n: u128, key: ChildKey, start: &str, end: &str, supersedes: Option<u128>) -> Summary {
        Summary {
            kind: Kind::Instruction,
            id: id(n),
            date: d(start).add_months(-1),
            child: key,
            facts: Facts::Instruction {
                start: d(start),
                end: d(end),
                supersedes: supersedes.map(id),
                facilities: vec![("みどり保育園".into(), FacilityKind::Nursery)],
                care: vec!["suction".into()],
                power_dependent: false,
                ventilator_devices: Vec::new(),
            },
        }
    }

    fn consent(
        n: u128,
        key: ChildKey,
        start: &str,
        end: Option<&str>,
        revoked: Option<&str>,
        to: &[RecipientKind],
    ) -> Summary {
        Summary {
            kind: Kind::Consent,
            id: id(n),
            date: d(start),
            child: key,
            facts: Facts::Consent {
                start: d(start),
                end: end.map(d),
                until: ConsentUntil::FixedDate,
                revoked_on: revoked.map(d),
                recipients: to.to_vec(),
                provides: true,
            },
        }
    }

    #[test]
    fn one_child_across_documents_by_number_then_by_name_but_never_across_numbers() {
        let docs = [
            sheet(1, child("山田", "2020-05-01", Some("A1")), "2026-04-01", "2027-03-31", None),
            consent(2, child("山田", "2020-05-01", Some("A1")), "2026-04-01", None, None, &[]),
            // No number: matched by name, reading and date of birth, and said so.
            sheet(3, child("山田", "2020-05-01", None), "2025-04-01", "2026-03-31", None),
            // Same name and birthday, another number of the same system: another child.
            sheet(4, child("山田", "2020-05-01", Some("A2")), "2026-04-01", "2027-03-31", None),
        ];
        let cases = group(&docs);
        assert_eq!(cases.len(), 2, "{cases:?}");
        assert_eq!(cases[0].documents, [0, 1, 2]);
        assert_eq!(cases[0].matched_by, MatchedBy::NameAndBirth);
        assert_eq!(cases[1].documents, [3]);
        assert_eq!(cases[1].matched_by, MatchedBy::Single);
        let by_number = group(&docs[..2]);
        assert_eq!(by_number[0].matched_by, MatchedBy::Identifier);
    }

    #[test]
    fn a_department_sees_only_children_whose_valid_consent_names_it() {
        use RecipientKind::{Childcare, SchoolAffairs};
        let on = d("2026-10-01");
        let cases = [
            consent(1, child("青木", "2019-01-01", Some("B1")), "2026-04-01", None, None, &[Childcare]),
            consent(2, child("井上", "2019-01-01", Some("B2")), "2026-04-01", None, Some("2026-09-01"), &[Childcare]),
            consent(3, child("上田", "2019-01-01", Some("B3")), "2025-04-01", Some("2026-03-31"), None, &[Childcare]),
            consent(4, child("江藤", "2019-01-01", Some("B4")), "2026-04-01", None, None, &[SchoolAffairs]),
        ];
        let visible: Vec<bool> = group(&cases).iter().map(|case| visible_to(&cases, case, Childcare, on)).collect();
        assert_eq!(visible, [true, false, false, false], "valid; revoked; expired; another department");
        let list = roster(&cases, on, Some(Childcare));
        assert_eq!(list.rows.len(), 1);
        assert_eq!(list.left_out, 3);
        assert_eq!(list.rows[0].name.family, "青木");
        let states: Vec<ConsentState> = roster(&cases, on, None).rows.iter().map(|r| r.consent).collect();
        assert_eq!(states, [ConsentState::Valid, ConsentState::Revoked, ConsentState::Expired, ConsentState::Valid]);
    }

    #[test]
    fn overlapping_sheets_without_supersedes_are_an_error_naming_both_files() {
        let key = || child("山田", "2020-05-01", Some("A1"));
        let docs = [
            sheet(1, key(), "2026-04-01", "2027-03-31", None),
            sheet(2, key(), "2026-10-01", "2027-09-30", None),
            sheet(3, key(), "2026-12-01", "2027-11-30", Some(2)),
            sheet(4, key(), "2027-12-01", "2028-11-30", Some(99)),
        ];
        let found = check(&docs, &["a.json", "b.json", "c.json", "d.json"]);
        let codes: Vec<(usize, Code)> = found.iter().map(|(i, d)| (*i, d.code)).collect();
        assert!(
            codes.contains(&(0, Code::CaseOverlappingInstructions))
                && codes.contains(&(1, Code::CaseOverlappingInstructions))
        );
        assert!(found.iter().any(|(i, d)| *i == 0 && d.message.en.contains("b.json")));
        assert!(
            !codes.contains(&(2, Code::CaseOverlappingInstructions))
                || found.iter().all(|(i, d)| *i != 2 || !d.message.en.contains("b.json")),
            "c replaces b"
        );
        assert!(codes.contains(&(3, Code::CaseSupersedesUnknown)));
    }

    #[test]
    fn a_document_after_a_revoked_consent_is_flagged_until_a_new_consent() {
        let key = || child("山田", "2020-05-01", Some("A1"));
        let revoked = consent(1, key(), "2025-04-01", None, Some("2026-01-01"), &[RecipientKind::Childcare]);
        let later = sheet(2, key(), "2026-04-01", "2027-03-31", None);
        let found = check(&[revoked.clone(), later.clone()], &["consent.json", "sheet.json"]);
        assert_eq!(found.len(), 1);
        assert_eq!((found[0].0, found[0].1.code), (1, Code::CaseAfterRevokedConsent));
        assert!(found[0].1.message.ja.contains("consent.json"));
        let renewed = consent(3, key(), "2026-02-01", None, None, &[RecipientKind::Childcare]);
        assert!(check(&[revoked, later, renewed], &["a", "b", "c"]).is_empty());
    }

    #[test]
    fn what_falls_due_and_the_school_hand_over_only_with_the_boards_consent() {
        let on = d("2026-10-01");
        let key = || child("山田", "2020-06-15", Some("A1"));
        let mut docs = vec![
            sheet(1, key(), "2025-11-01", "2026-10-31", None),
            consent(2, key(), "2025-04-01", Some("2026-09-30"), None, &[RecipientKind::Childcare]),
        ];
        let items = due(&docs, on, 45);
        let kinds: Vec<(DueKind, bool)> = items.iter().map(|i| (i.due, i.overdue)).collect();
        assert_eq!(kinds, [(DueKind::ConsentEnds, true), (DueKind::InstructionEnds, false)]);
        // School entry 2027-04-01: prompted (never overdue), only if the consent covers the board.
        docs.push(consent(3, key(), "2026-09-15", None, None, &[RecipientKind::SchoolAffairs]));
        let items = due(&docs, on, 45);
        let prompt = items.iter().find(|i| i.due == DueKind::SchoolEntryHandOver).expect("prompted");
        assert_eq!((prompt.on, prompt.days, prompt.overdue), (d("2027-04-01"), 182, false));
        // A child who starts school the April after next is not prompted yet.
        let younger = || child("山田", "2021-06-15", Some("A2"));
        let later = [consent(4, younger(), "2026-09-15", None, None, &[RecipientKind::SchoolAffairs])];
        assert!(due(&later, on, 45).iter().all(|i| i.due != DueKind::SchoolEntryHandOver));
    }
    #[test]
    fn consent_until_18_ends_with_the_school_year() {
        assert_eq!(end_of_school_year_at_18(d("2010-06-15")), d("2029-03-31"));
        assert_eq!(end_of_school_year_at_18(d("2010-02-10")), d("2028-03-31"));
        assert_eq!(end_of_school_year_at_18(d("2010-04-01")), d("2028-03-31"), "born 1 April: the year before");
    }

    #[test]
    fn school_entry_is_the_april_after_the_sixth_birthday() {
        assert_eq!(school_entry(d("2020-06-15")), d("2027-04-01"));
        assert_eq!(school_entry(d("2020-04-01")), d("2026-04-01"));
        assert_eq!(school_entry(d("2020-04-02")), d("2027-04-01"));
    }
}
