//! Issue 18: the shared record is append-only, provably, and merges as a set.

use proptest::prelude::*;
use serde_json::Value;
use tsunagu_model::{
    Channel, Code, Date, Document, EntryHash, MergeError, PersonName, RecipientKind, RecordEntry, SharedRecord,
    compare_with_previous, merge_records, validate, validate_value,
};

use crate::root;

fn example_value() -> Value {
    let text = std::fs::read_to_string(root().join("examples/record-consultations.json")).expect("example");
    serde_json::from_str(&text).expect("json")
}

fn example() -> SharedRecord {
    match validate(example_value().to_string().as_bytes()).document {
        Some(Document::Record(record)) => *record,
        other => panic!("not a valid record: {other:?}"),
    }
}

/// The errors of a record value, as (code, pointer).
fn errors(value: Value) -> Vec<(Code, String)> {
    validate_value(value)
        .diagnostics
        .into_iter()
        .filter(tsunagu_model::Diagnostic::is_error)
        .map(|d| (d.code, d.pointer))
        .collect()
}

#[test]
fn the_example_is_whole_and_in_canonical_order() {
    let record = example();
    assert!(record.entries.len() >= 4);
    assert!(errors(example_value()).is_empty());
    assert_eq!(record.heads().len(), 1, "appended one after another: one head");
}

#[test]
fn an_edited_entry_is_reported_at_its_pointer() {
    let mut value = example_value();
    value["entries"][1]["response"] = "書き換えた対応".into();
    assert_eq!(errors(value), [(Code::RecordEntryAltered, "/entries/1".to_owned())]);
}

#[test]
fn an_edit_with_a_recomputed_hash_breaks_the_next_entrys_link() {
    let mut record = example();
    record.entries[1].response = "書き換えた対応".into();
    record.entries[1].seal();
    let value = serde_json::to_value(&record).expect("json");
    assert_eq!(errors(value), [(Code::RecordLinkBroken, "/entries/2/parents/0".to_owned())]);
}

#[test]
fn a_deleted_entry_is_reported_where_the_chain_breaks() {
    let mut value = example_value();
    value["entries"].as_array_mut().expect("entries").remove(1);
    assert_eq!(errors(value), [(Code::RecordLinkBroken, "/entries/1/parents/0".to_owned())]);
}

#[test]
fn swapped_entries_are_reported() {
    let mut value = example_value();
    value["entries"].as_array_mut().expect("entries").swap(1, 2);
    assert_eq!(errors(value), [(Code::RecordEntriesReordered, "/entries/1/parents/0".to_owned())]);
}

#[test]
fn a_removed_last_entry_shows_only_against_the_previous_copy() {
    let full = example();
    let mut shorter = full.clone();
    let last = shorter.entries.pop().expect("an entry");
    assert!(errors(serde_json::to_value(&shorter).expect("json")).is_empty(), "no link shows it");
    let found = compare_with_previous(&full, &shorter);
    assert_eq!(found.len(), 1);
    assert_eq!(
        (found[0].code, found[0].pointer.as_str()),
        (Code::RecordEntryRemoved, format!("/entries/{}", full.entries.len() - 1).as_str())
    );
    assert!(found[0].message.en.contains(&last.id.to_string()));
    assert!(compare_with_previous(&shorter, &full).is_empty(), "appending is what a later copy may do");
}

#[test]
fn a_conflicting_entry_does_not_merge() {
    let a = example();
    let mut b = a.clone();
    b.entries[0].concern = "別の主訴".into();
    b.entries[0].seal();
    assert_eq!(merge_records(&a, &b), Err(MergeError::Conflict(a.entries[0].id)));
    let mut other = a.clone();
    other.id = uuid::Uuid::from_u128(7);
    assert_eq!(merge_records(&a, &other), Err(MergeError::NotTheSameRecord));
    let mut keeper = a.clone();
    keeper.keeper = "別の部署".into();
    assert_eq!(merge_records(&a, &keeper), Err(MergeError::Differs("/keeper".into())));
}

// Generated records: copies of one record that departments append to and merge in
// any order. Each step appends to one of three copies or merges one into another.

fn base() -> SharedRecord {
    SharedRecord { entries: Vec::new(), ..example() }
}

fn entry(n: u32, day: u8, department: usize) -> RecordEntry {
    let departments = [RecipientKind::DisabilityWelfare, RecipientKind::SchoolAffairs, RecipientKind::HealthPromotion];
    RecordEntry {
        id: uuid::Uuid::from_u128(u128::from(n) + 1),
        date: Date::new(2026, 5, day).expect("date"),
        time: None,
        department: departments[department % 3],
        department_name: None,
        staff: PersonName { family: "田中".into(), given: None, family_reading: None, given_reading: None },
        channel: Channel::Phone,
        concern: format!("主訴 {n}"),
        situation: "状況".into(),
        response: "対応".into(),
        next: None,
        consent: example().entries[0].consent,
        shared: Vec::new(),
        parents: Vec::new(),
        hash: EntryHash(String::new()),
    }
}

#[derive(Debug, Clone)]
enum Step {
    Append { copy: usize, day: u8, department: usize },
    Merge { from: usize, into: usize },
}

fn step() -> impl Strategy<Value = Step> {
    prop_oneof![
        (0..3usize, 1..=28u8, 0..3usize).prop_map(|(copy, day, department)| Step::Append { copy, day, department }),
        (0..3usize, 0..3usize).prop_map(|(from, into)| Step::Merge { from, into }),
    ]
}

/// Three copies after the steps, each a valid record.
fn copies(steps: &[Step]) -> [SharedRecord; 3] {
    let mut copies = [base(), base(), base()];
    for (n, step) in (0u32..).zip(steps) {
        match *step {
            Step::Append { copy, day, department } => copies[copy].append(entry(n, day, department)),
            Step::Merge { from, into } => {
                copies[into] = merge_records(&copies[into], &copies[from]).expect("copies of one record merge");
            }
        }
    }
    copies
}

fn is_whole(record: &SharedRecord) -> bool {
    let value = serde_json::to_value(record).expect("json");
    validate_value(value).diagnostics.iter().all(|d| !d.is_error())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 200, ..ProptestConfig::default() })]

    #[test]
    fn merging_is_commutative_associative_and_idempotent(steps in proptest::collection::vec(step(), 0..24)) {
        let [a, b, c] = copies(&steps);
        for copy in [&a, &b, &c] {
            prop_assert!(is_whole(copy), "every copy stays whole: {copy:#?}");
        }
        let ab = merge_records(&a, &b).expect("merge");
        prop_assert_eq!(&ab, &merge_records(&b, &a).expect("merge"), "commutative");
        let ab_c = merge_records(&ab, &c).expect("merge");
        let a_bc = merge_records(&a, &merge_records(&b, &c).expect("merge")).expect("merge");
        prop_assert_eq!(&ab_c, &a_bc, "associative");
        prop_assert_eq!(&merge_records(&a, &a).expect("merge"), &a, "idempotent");
        prop_assert!(is_whole(&ab_c), "the merge keeps every link valid");
        // Nothing is lost: every entry of every copy is in the merge, unchanged.
        for copy in [&a, &b, &c] {
            prop_assert!(compare_with_previous(copy, &ab_c).is_empty());
        }
        // A copy that appends after the merge still validates, and its new entry follows every head.
        let mut next = ab_c.clone();
        let heads = next.heads();
        next.append(entry(1000, 1, 0));
        prop_assert!(is_whole(&next));
        prop_assert_eq!(&next.entries.last().expect("appended").parents, &heads);
    }
}
