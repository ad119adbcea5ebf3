//! The tsunagu data model: one shared format for the paperwork around children
//! who need daily medical care (医療的ケア児).
//!
//! - [`InstructionSheet`] (医療的ケア指示書), [`Assessment`] (アセスメントシート) and
//!   [`Consent`] (個人情報使用同意書) share one vocabulary of people, places,
//!   dates and [`CareItems`].
//! - [`validate`] checks a document against its JSON Schema and the rules the
//!   schema cannot express, returning every problem at once as [`Diagnostic`]s.
//!   It is the one route every tool takes; [`validate_value`] enters it with a
//!   value already read (from XML, or after [`migrate`]).
//! - Each kind implements [`DocumentKind`]; [`Document`] holds any of them.
//! - [`labels`] is the catalog of every label a person reads, in one language.
//! - [`score()`] computes the medical-care score (医療的ケア判定スコア).
//!
//! The crate does no I/O and reads no clock: callers hand in bytes and dates.

mod care;
mod care_rules;
mod case;
mod common;
mod date;
mod diagnostic;
mod diff;
mod documents;
mod json;
mod labels;
mod migrate;
mod plan;
mod plausible;
mod quantity;
mod rules;
mod sample;
mod schema;
mod score;
mod supplies;
mod text;
mod validate;
mod versions;
mod vocab;
pub mod wording;

pub use care::*;
pub use case::{
    ChildCase, ChildKey, ConsentState, DisasterFlag, DisasterRoster, DisasterRow, DueItem, DueKind, ENDING_SOON_DAYS,
    EntryFacts, Facts, Flag, LastEntry, MatchedBy, Roster, RosterRow, RosterTable, Summary, care_label,
    check as check_folder, disaster_roster, due, end_of_school_year_at_18, group, roster, school_entry, visible_to,
};
pub use common::{
    Address, Child, Extensions, Facility, Guardian, Identifier, Institution, KgUnit, LocalId, PersonName, Phone, Proxy,
    Signature, Weight, WelfareStatus,
};
pub use date::{Date, DateError, Era, EraDate};
pub use diagnostic::{Code, Diagnostic, Message, SHOWN_VALUE_CHARS, Severity};
pub use diff::{Change, ChangeKind, diff};
pub use documents::*;
pub use json::{MAX_DEPTH, MAX_DOCUMENT_BYTES, ParseError, find_string, parse_json};
pub use labels::{VocabularyLabels, labels, vocabularies};
pub use migrate::{Migration, Step, migrate};
pub use plan::{AfterRescue, Assignment, CallKind, CallStep, Performer, TroubleKind, TroublePlan, Weekday};
pub use quantity::{Quantity, QuantityRange, UNIT_SYMBOLS, Unit};
pub use sample::{sample, sample_case_folder};
pub use schema::{SchemaSet, schema_id, schema_json};
pub use score::{
    MEDICAL_SHORT_STAY_THRESHOLD, Score, ScoreClass, ScoreContext, ScoreItem, ScoreLine, ShortStay, Watch, score,
    score_document,
};
pub use supplies::{DEFAULT_CYLINDER_LITRES, DEFAULT_SLEEP_HOURS, SUPPLY_DAYS, SupplyLine, supplies};
pub use text::Forbidden;
pub use validate::{Report, validate, validate_value};
pub use vocab::{
    CareNeedLevel, DocLanguage, FacilityKind, Relationship, Sex, SignatureMethod, SupportCategory, Vocabulary,
};

/// The language of messages and labels shown to people.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Lang {
    /// 日本語 (the default).
    #[default]
    Ja,
    /// English.
    En,
}

impl Lang {
    pub fn parse(text: &str) -> Option<Self> {
        match text {
            "ja" => Some(Self::Ja),
            "en" => Some(Self::En),
            _ => None,
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Ja => "ja",
            Self::En => "en",
        }
    }
}
