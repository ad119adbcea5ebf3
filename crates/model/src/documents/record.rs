//! 共有シート: the shared record of a child's consultations, appended to by each
//! department so the family does not tell its story again.
//!
//! The record is append-only, provably: each entry names the hashes of the entries
//! its author had seen last (its parents, like a commit's) and carries its own hash
//! over its content, parents included. Changing, removing or reordering an earlier
//! entry breaks a later entry's link. The entries are kept in one canonical order
//! (parents first, then by date, time and id), so two copies merged in any order
//! give the same record.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::fmt::Write as _;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use uuid::Uuid;

use super::{ChildRef, ConsentChild, DocumentKind, FormatVersion, Kind, RecipientKind, RecordTag};
use crate::common::{Extensions, PersonName};
use crate::date::Date;
use crate::diagnostic::{Code, Diagnostic, Message, Severity};
use crate::rules::{birth_before, child_name, push};
use crate::vocab::{DocLanguage, vocabulary};

/// # 共有シート (相談の記録) / Shared record of consultations
///
/// こども一人につき一つ。各部署が相談や情報提供を受けるたびに、主訴・状況・対応を書き足します。
/// 記録は追記のみで、書き換えや削除は検出されます。
/// / One per child. Each department appends the main concern, the situation and its
/// response whenever it is consulted or informed. Entries are only ever appended; a
/// change or removal is detected.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct SharedRecord {
    /// # スキーマの URI / Schema URI
    #[serde(rename = "$schema", default, skip_serializing_if = "Option::is_none")]
    pub schema: Option<String>,
    /// # 文書の種類 / Document kind
    pub kind: RecordTag,
    /// # 書式の版 / Format version
    pub format_version: FormatVersion,
    /// # 文書 ID / Document id
    ///
    /// 部署ごとの写しも同じ ID です (統合できるのは同じ ID の記録だけ)。
    /// / Every department's copy has the same id (only copies of one record merge).
    pub id: Uuid,
    /// # 記入言語 / Language
    pub language: DocLanguage,
    /// # こども / Child
    pub child: ConsentChild,
    /// # 作成日 / Opened on
    pub opened_on: Date,
    /// # 記録を管理する部署 / Keeping department
    ///
    /// 例: つなぐ市 福祉健康部 障害福祉課 / e.g. the city's disability welfare division
    #[schemars(length(min = 1, max = 200))]
    pub keeper: String,
    /// # 記録 / Entries
    ///
    /// 前の記録を先に、同じなら日付・時刻・ID の順。文書は 1 MiB まで (記録はおよそ数百件)。
    /// / Parents first, then by date, time and id. A document is at most 1 MiB (some hundreds of entries).
    #[serde(default)]
    #[schemars(length(max = 1000))]
    pub entries: Vec<RecordEntry>,
    /// # 地域拡張 / Local extensions
    #[serde(default, skip_serializing_if = "Extensions::is_empty")]
    pub extensions: Extensions,
}

/// # 記録 / Entry
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct RecordEntry {
    /// # 記録 ID / Entry id
    pub id: Uuid,
    /// # 日付 / Date
    pub date: Date,
    /// # 時刻 / Time
    ///
    /// 24時間表記 HH:MM / 24-hour HH:MM
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(regex(pattern = r"^([01][0-9]|2[0-3]):[0-5][0-9]$"))]
    pub time: Option<String>,
    /// # 部署 / Department
    ///
    /// 同意書の共有先と同じ語彙。/ From the consent's recipients.
    pub department: RecipientKind,
    /// # 部署名 / Department name
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(length(min = 1, max = 200))]
    pub department_name: Option<String>,
    /// # 担当者 / Staff
    pub staff: PersonName,
    /// # 方法 / Channel
    pub channel: Channel,
    /// # 主訴 / Main concern
    #[schemars(length(min = 1, max = 2000))]
    pub concern: String,
    /// # 状況 / Situation
    #[schemars(length(min = 1, max = 4000))]
    pub situation: String,
    /// # 対応 / Response
    #[schemars(length(min = 1, max = 4000))]
    pub response: String,
    /// # 次の対応 / Next step
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub next: Option<NextStep>,
    /// # 根拠とする同意 / Consent relied on
    ///
    /// 同意書の文書 ID。/ The consent document's id.
    pub consent: Uuid,
    /// # 共有した相手と内容 / Shared with
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[schemars(length(max = 20))]
    pub shared: Vec<Sharing>,
    /// # 直前に見た記録 / Entries seen last
    ///
    /// 書いた人が最後に見た記録のハッシュ (最初の記録では空、統合の後は複数)。
    /// / The hashes of the entries the author had seen last (none for the first entry,
    /// several after a merge).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[schemars(length(max = 50))]
    pub parents: Vec<EntryHash>,
    /// # この記録のハッシュ / Hash of this entry
    ///
    /// この記録 (hash を除く、RFC 8785 の正規形) の SHA-256。
    /// / SHA-256 of this entry without `hash`, in RFC 8785 canonical JSON.
    pub hash: EntryHash,
}

/// # 記録のハッシュ / Entry hash
///
/// SHA-256 (16進数小文字 64 桁) / SHA-256, 64 lower-case hex digits
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(transparent)]
pub struct EntryHash(#[schemars(regex(pattern = r"^[0-9a-f]{64}$"))] pub String);

impl EntryHash {
    /// The first characters, enough to tell entries apart in a message.
    pub fn short(&self) -> &str {
        self.0.get(..12).unwrap_or(&self.0)
    }
}

vocabulary! {
    /// # 相談の方法 / Channel
    pub enum Channel: "recordChannel" {
        Visit = "visit" => "来所" / "Visit to the office",
        Phone = "phone" => "電話" / "Phone",
        HomeVisit = "homeVisit" => "家庭訪問" / "Home visit",
        Meeting = "meeting" => "会議" / "Meeting",
        Letter = "letter" => "文書・メール" / "Letter or e-mail",
        Online = "online" => "オンライン" / "Online",
    }
}

/// # 次の対応 / Next step
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct NextStep {
    /// # 内容 / Action
    #[schemars(length(min = 1, max = 2000))]
    pub action: String,
    /// # 期日 / By
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub by: Option<Date>,
    /// # 担当する部署 / Who
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub who: Option<RecipientKind>,
}

/// # 共有 / Sharing
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct Sharing {
    /// # 共有先 / With
    pub with: RecipientKind,
    /// # 名称 / Name
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(length(min = 1, max = 200))]
    pub name: Option<String>,
    /// # 共有した内容 / What was shared
    #[schemars(length(min = 1, max = 2000))]
    pub what: String,
}

impl RecordEntry {
    /// The hash this entry's content gives: SHA-256 of the entry without `hash`, as
    /// RFC 8785 canonical JSON of its canonical tsunagu form (absent options and empty
    /// lists left out).
    pub fn content_hash(&self) -> EntryHash {
        let mut value = serde_json::to_value(self).unwrap_or_default();
        if let Some(object) = value.as_object_mut() {
            object.remove("hash");
        }
        // Canonicalising a value made of strings, booleans and objects cannot fail.
        let bytes = serde_json_canonicalizer::to_vec(&value).unwrap_or_default();
        let mut hex = String::with_capacity(64);
        for byte in Sha256::digest(&bytes) {
            let _ = write!(hex, "{byte:02x}");
        }
        EntryHash(hex)
    }

    /// Sets the entry's hash from its content.
    pub fn seal(&mut self) {
        self.hash = self.content_hash();
    }

    fn order_key(&self) -> (Date, &str, Uuid) {
        (self.date, self.time.as_deref().unwrap_or(""), self.id)
    }
}

impl SharedRecord {
    /// The entries nothing later names as its parent: what a new entry has seen.
    pub fn heads(&self) -> Vec<EntryHash> {
        let named: HashSet<&EntryHash> = self.entries.iter().flat_map(|e| &e.parents).collect();
        let mut heads: Vec<EntryHash> =
            self.entries.iter().map(|e| &e.hash).filter(|h| !named.contains(h)).cloned().collect();
        heads.sort();
        heads
    }

    /// Appends an entry after everything in the record: its parents are the record's
    /// heads, its hash is sealed, and it goes last (it follows every entry).
    pub fn append(&mut self, mut entry: RecordEntry) {
        entry.parents = self.heads();
        entry.seal();
        self.entries.push(entry);
    }

    /// Appends an entry written as JSON, as a person or another system writes one: its
    /// links (`parents`, `hash`) are the toolkit's to set and are replaced. The entry is
    /// checked in place, as `/entries/N` of the record, so a mistake is named by the
    /// field it would have in the record; an id already in the record is refused.
    ///
    /// # Errors
    /// The diagnostics of the record with the entry in it, when one is an error.
    pub fn append_value(&self, mut entry: serde_json::Value) -> Result<SharedRecord, Vec<Diagnostic>> {
        let at = self.entries.len();
        if let Some(fields) = entry.as_object_mut() {
            fields.remove("parents");
            fields.insert("hash".into(), "0".repeat(64).into());
        }
        let mut candidate = serde_json::to_value(self).unwrap_or_default();
        if let Some(entries) = candidate.get_mut("entries").and_then(serde_json::Value::as_array_mut) {
            entries.push(entry.clone());
        }
        let mut report = crate::validate_value(candidate);
        // Not sealed yet: that is done below, once the entry is known to be right.
        let unsealed = format!("/entries/{at}");
        report.diagnostics.retain(|d| !(d.code == Code::RecordEntryAltered && d.pointer == unsealed));
        if report.document.is_none() || report.diagnostics.iter().any(Diagnostic::is_error) {
            return Err(report.diagnostics);
        }
        let entry: RecordEntry = serde_json::from_value(entry).map_err(|_| report.diagnostics)?;
        let mut record = self.clone();
        record.append(entry);
        Ok(record)
    }

    /// The display order: by date, time and id (a back-dated entry shows where it happened).
    pub fn by_date(&self) -> Vec<&RecordEntry> {
        let mut entries: Vec<&RecordEntry> = self.entries.iter().collect();
        entries.sort_by(|a, b| a.order_key().cmp(&b.order_key()));
        entries
    }
}

/// Entries in canonical order: every entry after its parents, and among entries free to
/// go next, the earliest by date, time and id. Entries whose parents are missing go
/// last, in that order too (the checks report them).
pub fn canonical_order(entries: Vec<RecordEntry>) -> Vec<RecordEntry> {
    let index: HashMap<EntryHash, usize> = entries.iter().enumerate().map(|(i, e)| (e.hash.clone(), i)).collect();
    let mut waiting: Vec<usize> = entries
        .iter()
        .map(|e| e.parents.iter().filter(|p| index.contains_key(*p)).collect::<HashSet<_>>().len())
        .collect();
    let mut children: Vec<Vec<usize>> = vec![Vec::new(); entries.len()];
    for (i, entry) in entries.iter().enumerate() {
        for parent in entry.parents.iter().collect::<HashSet<_>>() {
            if let Some(&p) = index.get(parent) {
                children[p].push(i);
            }
        }
    }
    let key = |i: usize| entries[i].order_key();
    let mut ready: BTreeMap<(Date, &str, Uuid, usize), usize> = BTreeMap::new();
    for (i, &count) in waiting.iter().enumerate() {
        if count == 0 {
            let (date, time, id) = key(i);
            ready.insert((date, time, id, i), i);
        }
    }
    let mut order = Vec::with_capacity(entries.len());
    while let Some((_, i)) = ready.pop_first() {
        order.push(i);
        for &child in &children[i] {
            waiting[child] -= 1;
            if waiting[child] == 0 {
                let (date, time, id) = key(child);
                ready.insert((date, time, id, child), child);
            }
        }
    }
    // A cycle (possible only with forged hashes) leaves entries unplaced: keep them, last.
    let placed: HashSet<usize> = order.iter().copied().collect();
    let mut rest: Vec<usize> = (0..entries.len()).filter(|i| !placed.contains(i)).collect();
    rest.sort_by(|&a, &b| key(a).cmp(&key(b)));
    order.extend(rest);
    let mut slots: Vec<Option<RecordEntry>> = entries.into_iter().map(Some).collect();
    order.into_iter().filter_map(|i| slots[i].take()).collect()
}

/// Why two records do not merge.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum MergeError {
    /// Copies of different records (ids differ).
    NotTheSameRecord,
    /// A field outside the entries differs between the copies (its pointer).
    Differs(String),
    /// One entry id with two different contents.
    Conflict(Uuid),
}

impl MergeError {
    pub fn message(&self) -> Message {
        match self {
            Self::NotTheSameRecord => Message::fixed(
                "文書 ID が違います: 同じ記録の写しではありません",
                "the document ids differ: these are not copies of one record",
            ),
            Self::Differs(pointer) => Message::new(
                format!("{pointer} が写しによって違います。どちらかに揃えてから統合してください"),
                format!("{pointer} differs between the copies; make them agree, then merge"),
            ),
            Self::Conflict(id) => Message::new(
                format!("記録 {id} の内容が写しによって違います (記録は書き換えられません)"),
                format!("entry {id} has different contents in the two copies (entries are never rewritten)"),
            ),
        }
    }
}

/// The union of two copies of one record: every entry of either, once, in canonical
/// order. Commutative, associative and idempotent: the result depends only on the set
/// of entries.
///
/// # Errors
/// Copies of different records, a differing field outside the entries, or one entry id
/// with two contents.
pub fn merge_records(a: &SharedRecord, b: &SharedRecord) -> Result<SharedRecord, MergeError> {
    if a.id != b.id {
        return Err(MergeError::NotTheSameRecord);
    }
    let envelope = |r: &SharedRecord| {
        let mut value = serde_json::to_value(SharedRecord { entries: Vec::new(), ..r.clone() }).unwrap_or_default();
        if let Some(object) = value.as_object_mut() {
            object.remove("entries");
            object.remove("$schema");
        }
        value
    };
    let (left, right) = (envelope(a), envelope(b));
    if left != right {
        let differing = left
            .as_object()
            .into_iter()
            .flatten()
            .find(|(key, value)| right.get(key.as_str()) != Some(value))
            .map(|(key, _)| key.clone())
            .or_else(|| {
                right
                    .as_object()
                    .into_iter()
                    .flatten()
                    .find(|(k, _)| left.get(k.as_str()).is_none())
                    .map(|(k, _)| k.clone())
            })
            .unwrap_or_default();
        return Err(MergeError::Differs(format!("/{differing}")));
    }
    let mut by_id: BTreeMap<Uuid, RecordEntry> = BTreeMap::new();
    for entry in a.entries.iter().chain(&b.entries) {
        match by_id.get(&entry.id) {
            Some(existing) if existing != entry => return Err(MergeError::Conflict(entry.id)),
            Some(_) => {}
            None => {
                by_id.insert(entry.id, entry.clone());
            }
        }
    }
    // Either copy's `$schema` would do; the one that sorts first keeps the merge symmetric.
    let schema = a.schema.clone().min(b.schema.clone());
    Ok(SharedRecord { schema, entries: canonical_order(by_id.into_values().collect()), ..a.clone() })
}

/// What `NEW` lost or changed of `OLD`: every entry of the earlier copy must be in the
/// later one, unchanged (this catches a removed last entry, which no link shows).
pub fn compare_with_previous(old: &SharedRecord, new: &SharedRecord) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    if old.id != new.id {
        out.push(Diagnostic::new(Code::RecordNotPrevious, "/id", MergeError::NotTheSameRecord.message()));
        return out;
    }
    let now: HashMap<Uuid, (usize, &RecordEntry)> =
        new.entries.iter().enumerate().map(|(i, e)| (e.id, (i, e))).collect();
    for (i, entry) in old.entries.iter().enumerate() {
        match now.get(&entry.id) {
            None => out.push(Diagnostic::new(
                Code::RecordEntryRemoved,
                format!("/entries/{i}"),
                Message::new(
                    format!("前の版の記録 {} (/entries/{i}) がありません", entry.id),
                    format!("entry {} of the previous copy (/entries/{i}) is missing", entry.id),
                ),
            )),
            Some((j, later)) if *later != entry => out.push(Diagnostic::new(
                Code::RecordEntryAltered,
                format!("/entries/{j}"),
                Message::new(
                    format!("前の版の記録 {} (/entries/{i}) と内容が違います", entry.id),
                    format!("entry {} differs from the previous copy's (/entries/{i})", entry.id),
                ),
            )),
            Some(_) => {}
        }
    }
    out
}

impl DocumentKind for SharedRecord {
    const KIND: Kind = Kind::Record;

    fn id(&self) -> Uuid {
        self.id
    }

    fn format_version(&self) -> FormatVersion {
        self.format_version
    }

    /// The last entry's date, else the day the record was opened.
    fn date(&self) -> Date {
        self.entries.iter().map(|e| e.date).max().unwrap_or(self.opened_on).max(self.opened_on)
    }

    fn child(&self) -> ChildRef<'_> {
        ChildRef::from(&self.child)
    }

    fn check(&self, out: &mut Vec<Diagnostic>) {
        child_name(&self.child.name, "/child/name", out);
        birth_before(
            self.child.birth_date,
            self.opened_on,
            "/child/birthDate",
            "作成日",
            "the day the record was opened",
            out,
        );
        check_chain(self, out);
        for (i, entry) in self.entries.iter().enumerate() {
            if entry.date < self.opened_on {
                push(
                    out,
                    Code::DateOrder,
                    format!("/entries/{i}/date"),
                    "記録の日付が作成日より前です",
                    "the entry is dated before the record was opened",
                );
            }
            if let Some(by) = entry.next.as_ref().and_then(|n| n.by)
                && by < entry.date
            {
                push(
                    out,
                    Code::DateOrder,
                    format!("/entries/{i}/next/by"),
                    "次の対応の期日が記録の日付より前です",
                    "the next step is due before the entry's date",
                );
            }
        }
        if !self.entries.is_empty() {
            out.push(
                Diagnostic::new(
                    Code::RecordConsentNotChecked,
                    "/entries",
                    Message::fixed(
                        "同意の確認には同意書と同じフォルダで検証してください (tsunagu validate DIR)",
                        "whether each entry is within a consent is checked with the consents: validate the folder (tsunagu validate DIR)",
                    ),
                )
                .with_severity(Severity::Info),
            );
        }
    }
}

/// The links: each entry's hash matches its content, each parent is an earlier entry,
/// ids are unique, and the entries are in canonical order.
fn check_chain(record: &SharedRecord, out: &mut Vec<Diagnostic>) {
    let entries = &record.entries;
    let position: HashMap<&EntryHash, usize> = entries.iter().enumerate().map(|(i, e)| (&e.hash, i)).collect();
    let mut ids: HashMap<Uuid, usize> = HashMap::new();
    let mut broken = false;
    for (i, entry) in entries.iter().enumerate() {
        if let Some(first) = ids.insert(entry.id, i) {
            broken = true;
            push(
                out,
                Code::RecordEntryDuplicate,
                format!("/entries/{i}/id"),
                format!("記録 ID が /entries/{first} と同じです"),
                format!("the same entry id as /entries/{first}"),
            );
        }
        if entry.content_hash() != entry.hash {
            broken = true;
            out.push(
                Diagnostic::new(
                    Code::RecordEntryAltered,
                    format!("/entries/{i}"),
                    Message::fixed(
                        "この記録の内容がハッシュと合いません: 書かれた後に変更されています",
                        "this entry no longer matches its hash: it was changed after it was written",
                    ),
                )
                .with_hint(Message::fixed(
                    "記録は書き換えず、訂正は新しい記録として追加してください (tsunagu record add)",
                    "never rewrite an entry: add a correction as a new entry (tsunagu record add)",
                )),
            );
        }
        for (j, parent) in entry.parents.iter().enumerate() {
            let pointer = format!("/entries/{i}/parents/{j}");
            match position.get(parent) {
                Some(&at) if at < i => {}
                Some(&at) => {
                    broken = true;
                    push(
                        out,
                        Code::RecordEntriesReordered,
                        pointer,
                        format!(
                            "この記録より後 (/entries/{at}) にある記録を前の記録としています: 順序が入れ替えられています"
                        ),
                        format!(
                            "names an entry that comes after it (/entries/{at}) as seen before: the entries were reordered"
                        ),
                    );
                }
                None => {
                    broken = true;
                    push(
                        out,
                        Code::RecordLinkBroken,
                        pointer,
                        format!(
                            "前の記録 {}… が記録にありません: それより前の記録が変更又は削除されています",
                            parent.short()
                        ),
                        format!(
                            "the entry it follows ({}…) is not in the record: an earlier entry was changed or removed",
                            parent.short()
                        ),
                    );
                }
            }
        }
    }
    if broken {
        return;
    }
    let canonical = canonical_order(entries.clone());
    if let Some(i) = canonical.iter().zip(entries).position(|(a, b)| a.id != b.id) {
        push(
            out,
            Code::RecordEntriesReordered,
            format!("/entries/{i}"),
            "記録の順序が正規の順 (前の記録、日付・時刻・ID の順) と違います: 入れ替えられています",
            "the entries are not in their canonical order (parents first, then date, time and id): they were reordered",
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry(n: u128, date: &str) -> RecordEntry {
        RecordEntry {
            id: Uuid::from_u128(n),
            date: Date::parse(date).expect("date"),
            time: None,
            department: RecipientKind::DisabilityWelfare,
            department_name: None,
            staff: PersonName { family: "田中".into(), given: None, family_reading: None, given_reading: None },
            channel: Channel::Phone,
            concern: format!("主訴 {n}"),
            situation: "状況".into(),
            response: "対応".into(),
            next: None,
            consent: Uuid::from_u128(999),
            shared: Vec::new(),
            parents: Vec::new(),
            hash: EntryHash(String::new()),
        }
    }

    #[test]
    fn the_hash_covers_the_content_and_the_parents() {
        let mut first = entry(1, "2026-04-01");
        first.seal();
        assert_eq!(first.hash.0.len(), 64);
        let mut changed = first.clone();
        changed.response = "別の対応".into();
        assert_ne!(changed.content_hash(), first.hash);
        let mut linked = first.clone();
        linked.parents = vec![EntryHash("0".repeat(64))];
        assert_ne!(linked.content_hash(), first.hash);
    }

    #[test]
    fn an_appended_entry_follows_every_head_and_goes_last() {
        let mut base = entry(1, "2026-04-01");
        base.seal();
        let mut a = entry(2, "2026-05-01");
        a.parents = vec![base.hash.clone()];
        a.seal();
        let mut b = entry(3, "2026-04-15");
        b.parents = vec![base.hash.clone()];
        b.seal();
        let entries = canonical_order(vec![a.clone(), base.clone(), b.clone()]);
        let ids: Vec<u128> = entries.iter().map(|e| e.id.as_u128()).collect();
        assert_eq!(ids, [1, 3, 2], "parents first, then by date");
        // Appending an entry dated before both heads: it still goes last.
        let mut record_entries = entries;
        let heads = {
            let named: HashSet<&EntryHash> = record_entries.iter().flat_map(|e| &e.parents).collect();
            record_entries.iter().filter(|e| !named.contains(&e.hash)).count()
        };
        assert_eq!(heads, 2);
        let mut late = entry(4, "2026-04-02");
        late.parents = vec![a.hash.clone(), b.hash.clone()];
        late.seal();
        record_entries.push(late);
        let again = canonical_order(record_entries.clone());
        assert_eq!(again, record_entries);
    }
}
