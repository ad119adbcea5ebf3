//! The document kinds and what they share: the envelope.

mod assessment;
mod consent;
mod evacuation;
mod instruction;
mod record;

pub use assessment::*;
pub use consent::*;
pub use evacuation::*;
pub use instruction::*;
pub use record::*;

use std::fmt;

use schemars::JsonSchema;
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};
use serde_json::Value;
use uuid::Uuid;

use crate::Lang;
use crate::care::CareItems;
use crate::common::{Child, Identifier, PersonName};
use crate::date::Date;
use crate::diagnostic::Diagnostic;
use crate::score::{Score, ScoreContext};
use crate::vocab::{Vocabulary, vocabulary};

/// The format version this build writes, as in `formatVersion`.
pub const FORMAT_VERSION: &str = "1.2";

vocabulary! {
    /// # 書式の版 / Format version
    ///
    /// tsunagu 書式の版 (major.minor)。同じ major の古い版も読めます。
    /// / The tsunagu format version (major.minor); older minor versions are read too.
    pub enum FormatVersion: "formatVersion" {
        V1_0 = "1.0" => "1.0" / "1.0",
        V1_1 = "1.1" => "1.1" / "1.1",
        V1_2 = "1.2" => "1.2" / "1.2",
    }
}

impl PartialOrd for FormatVersion {
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

/// Versions compare in release order.
impl Ord for FormatVersion {
    fn cmp(&self, other: &Self) -> std::cmp::Ordering {
        let position = |version: &Self| Self::ALL.iter().position(|v| v == version);
        position(self).cmp(&position(other))
    }
}

/// The child a document is about, as every kind names it.
#[derive(Debug, Clone, Copy)]
pub struct ChildRef<'a> {
    /// Numbers that link the child's documents.
    pub identifiers: &'a [Identifier],
    pub name: &'a PersonName,
    pub birth_date: Date,
    /// The child with health details (weight, guardians), where the kind has them.
    pub health: Option<&'a Child>,
}

impl<'a> From<&'a Child> for ChildRef<'a> {
    fn from(child: &'a Child) -> Self {
        Self { identifiers: &child.identifiers, name: &child.name, birth_date: child.birth_date, health: Some(child) }
    }
}

impl<'a> From<&'a ConsentChild> for ChildRef<'a> {
    /// The consent's child, also the shared record's: who, without health details.
    fn from(child: &'a ConsentChild) -> Self {
        Self { identifiers: &child.identifiers, name: &child.name, birth_date: child.birth_date, health: None }
    }
}

/// The care items of a document and how they are scored.
#[derive(Debug, Clone, Copy)]
pub struct CareSection<'a> {
    pub care: &'a CareItems,
    /// JSON Pointer of the care items, e.g. `/care`.
    pub pointer: &'static str,
    pub context: ScoreContext,
}

/// What each document kind gives the rest of the toolkit. A kind implements it in
/// its own module; [`Document`] dispatches to it, so validation, the score, the
/// renderer and the tools need nothing kind-specific beyond the kind's template.
pub trait DocumentKind:
    Serialize + DeserializeOwned + JsonSchema + Clone + fmt::Debug + PartialEq + Send + Sync + 'static
{
    /// The kind, as in `kind`.
    const KIND: Kind;
    fn id(&self) -> Uuid;
    fn format_version(&self) -> FormatVersion;
    /// The date the document is about (issue, assessment, receipt): "today" on paper.
    fn date(&self) -> Date;
    fn child(&self) -> ChildRef<'_>;
    /// The care items, for kinds that carry them (and so have a score).
    fn care(&self) -> Option<CareSection<'_>> {
        None
    }
    /// The rules beyond the schema; each reports and none stops the others.
    fn check(&self, out: &mut Vec<Diagnostic>);
    /// Rules that compare the document with its computed score.
    fn check_score(&self, _score: &Score, _out: &mut Vec<Diagnostic>) {}
}

/// The object-safe face of a [`DocumentKind`], for [`Document`] to dispatch to.
trait Contents: fmt::Debug {
    fn id(&self) -> Uuid;
    fn format_version(&self) -> FormatVersion;
    fn date(&self) -> Date;
    fn child(&self) -> ChildRef<'_>;
    fn care(&self) -> Option<CareSection<'_>>;
    fn check(&self, out: &mut Vec<Diagnostic>);
    fn check_score(&self, score: &Score, out: &mut Vec<Diagnostic>);
    fn to_canonical_json(&self) -> Vec<u8>;
    fn to_value(&self) -> Value;
}

impl<T: DocumentKind> Contents for T {
    fn id(&self) -> Uuid {
        DocumentKind::id(self)
    }
    fn format_version(&self) -> FormatVersion {
        DocumentKind::format_version(self)
    }
    fn date(&self) -> Date {
        DocumentKind::date(self)
    }
    fn child(&self) -> ChildRef<'_> {
        DocumentKind::child(self)
    }
    fn care(&self) -> Option<CareSection<'_>> {
        DocumentKind::care(self)
    }
    fn check(&self, out: &mut Vec<Diagnostic>) {
        DocumentKind::check(self, out);
    }
    fn check_score(&self, score: &Score, out: &mut Vec<Diagnostic>) {
        DocumentKind::check_score(self, score, out);
    }
    fn to_canonical_json(&self) -> Vec<u8> {
        // Serialising these types cannot fail: every map key is a string.
        let mut bytes = serde_json::to_vec_pretty(self).unwrap_or_default();
        bytes.push(b'\n');
        bytes
    }
    fn to_value(&self) -> Value {
        serde_json::to_value(self).unwrap_or(Value::Null)
    }
}

/// Declares the document kinds: [`Kind`], [`Document`] and what dispatches between them.
/// Adding a kind is one line here (and its module, template, example and samples).
macro_rules! kinds {
    ($($variant:ident($ty:ty) = $json:literal, $ja:literal / $en:literal;)*) => {
        /// A kind of document.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum Kind {
            $(#[doc = $ja] $variant,)*
        }

        impl Kind {
            pub const ALL: &'static [Kind] = &[$(Kind::$variant),*];

            /// The value of `kind` in JSON, also the schema's and the template's file stem.
            pub fn as_str(self) -> &'static str {
                match self { $(Self::$variant => $json,)* }
            }

            pub fn label(self, lang: Lang) -> &'static str {
                match (self, lang) {
                    $((Self::$variant, Lang::Ja) => $ja, (Self::$variant, Lang::En) => $en,)*
                }
            }

            /// The JSON Schema generated from the kind's type.
            pub(crate) fn generate_schema(self) -> schemars::Schema {
                match self { $(Self::$variant => crate::schema::generate::<$ty>(),)* }
            }

            /// The typed document from a value that passed the kind's schema.
            pub(crate) fn read(self, value: Value) -> Result<Document, serde_json::Error> {
                Ok(match self { $(Self::$variant => Document::$variant(Box::new(<$ty>::deserialize(value)?)),)* })
            }

            /// Position in [`Kind::ALL`], for tables kept per kind.
            pub(crate) fn index(self) -> usize {
                self as usize
            }
        }

        /// A document of any kind, after it passed the schema.
        #[derive(Debug, Clone, PartialEq)]
        pub enum Document {
            $($variant(Box<$ty>),)*
        }

        impl Document {
            fn contents(&self) -> &dyn Contents {
                match self { $(Self::$variant(document) => &**document,)* }
            }

            pub fn kind(&self) -> Kind {
                match self { $(Self::$variant(_) => Kind::$variant,)* }
            }
        }

        $(
            impl From<$ty> for Document {
                fn from(document: $ty) -> Self {
                    Self::$variant(Box::new(document))
                }
            }
        )*

        /// The kinds, as the browser modules' TypeScript declarations name them.
        #[cfg(feature = "typescript")]
        #[wasm_bindgen::prelude::wasm_bindgen(typescript_custom_section)]
        const TS_KIND: &'static str = concat!("export type Kind = ", $("\"", $json, "\" | ",)* "never;");

        // Each kind's type names its own kind.
        const _: () = { $(assert!(matches!(<$ty as DocumentKind>::KIND, Kind::$variant));)* };
    };
}

kinds! {
    Instruction(InstructionSheet) = "instruction", "医療的ケア指示書" / "Medical-care instruction sheet";
    Assessment(Assessment) = "assessment", "アセスメントシート" / "Assessment sheet";
    Consent(Consent) = "consent", "個人情報使用同意書" / "Consent to share personal information";
    Record(SharedRecord) = "record", "共有シート (相談の記録)" / "Shared record of consultations";
    Evacuation(EvacuationPlan) = "evacuation", "個別避難計画" / "Individual evacuation plan";
}

impl Kind {
    pub fn parse(text: &str) -> Option<Self> {
        Self::ALL.iter().copied().find(|kind| kind.as_str() == text)
    }
}

impl Serialize for Kind {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.as_str())
    }
}

impl fmt::Display for Kind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Declares the one-value enum that tags a document's `kind`.
macro_rules! kind_tag {
    ($name:ident = $json:literal, $title:literal) => {
        #[doc = $title]
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
        pub enum $name {
            #[serde(rename = $json)]
            Tag,
        }
    };
}

kind_tag!(InstructionTag = "instruction", "# 文書の種類 / Document kind");
kind_tag!(AssessmentTag = "assessment", "# 文書の種類 / Document kind");
kind_tag!(ConsentTag = "consent", "# 文書の種類 / Document kind");
kind_tag!(RecordTag = "record", "# 文書の種類 / Document kind");
kind_tag!(EvacuationTag = "evacuation", "# 文書の種類 / Document kind");

impl Document {
    pub fn id(&self) -> Uuid {
        self.contents().id()
    }

    /// The format version the document declares.
    pub fn format_version(&self) -> FormatVersion {
        self.contents().format_version()
    }

    /// The child the document is about.
    pub fn child(&self) -> ChildRef<'_> {
        self.contents().child()
    }

    /// The date the document is about: the date of issue, of assessment, or of receipt of the consent.
    pub fn date(&self) -> Date {
        self.contents().date()
    }

    /// The child's date of birth.
    pub fn birth_date(&self) -> Date {
        self.child().birth_date
    }

    /// The care items, for kinds that carry them.
    pub fn care(&self) -> Option<CareSection<'_>> {
        self.contents().care()
    }

    /// The rules of the document's kind, then those every kind shares.
    pub(crate) fn check(&self, out: &mut Vec<Diagnostic>) {
        self.contents().check(out);
    }

    pub(crate) fn check_score(&self, score: &Score, out: &mut Vec<Diagnostic>) {
        self.contents().check_score(score, out);
    }

    /// The canonical JSON of the document: fields in schema order, whole numbers
    /// without fractions, absent options left out. This is what a PDF carries.
    pub fn to_canonical_json(&self) -> Vec<u8> {
        self.contents().to_canonical_json()
    }

    /// The document as a JSON value (canonical form).
    pub fn to_value(&self) -> Value {
        self.contents().to_value()
    }
}
