//! The document kinds and what they share: the envelope.

mod assessment;
mod consent;
mod instruction;

pub use assessment::*;
pub use consent::*;
pub use instruction::*;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::Lang;
use crate::vocab::vocabulary;

/// The format version this build writes, as in `formatVersion`.
pub const FORMAT_VERSION: &str = "1.1";

vocabulary! {
    /// # 書式の版 / Format version
    ///
    /// tsunagu 書式の版 (major.minor)。同じ major の古い版も読めます。
    /// / The tsunagu format version (major.minor); older minor versions are read too.
    pub enum FormatVersion {
        V1_0 = "1.0" => "1.0" / "1.0",
        V1_1 = "1.1" => "1.1" / "1.1",
    }
}

/// A kind of document.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Kind {
    Instruction,
    Assessment,
    Consent,
}

impl Kind {
    pub const ALL: [Kind; 3] = [Kind::Instruction, Kind::Assessment, Kind::Consent];

    /// The value of `kind` in JSON, also the schema's file stem.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Instruction => "instruction",
            Self::Assessment => "assessment",
            Self::Consent => "consent",
        }
    }

    pub fn parse(text: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|kind| kind.as_str() == text)
    }

    pub fn label(self, lang: Lang) -> &'static str {
        match (self, lang) {
            (Self::Instruction, Lang::Ja) => "医療的ケア指示書",
            (Self::Instruction, Lang::En) => "Medical-care instruction sheet",
            (Self::Assessment, Lang::Ja) => "アセスメントシート",
            (Self::Assessment, Lang::En) => "Assessment sheet",
            (Self::Consent, Lang::Ja) => "個人情報使用同意書",
            (Self::Consent, Lang::En) => "Consent to share personal information",
        }
    }
}

impl Serialize for Kind {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.as_str())
    }
}

impl std::fmt::Display for Kind {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
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

/// A document of any kind, after it passed the schema.
#[derive(Debug, Clone, PartialEq)]
pub enum Document {
    Instruction(Box<InstructionSheet>),
    Assessment(Box<Assessment>),
    Consent(Box<Consent>),
}

impl Document {
    pub fn kind(&self) -> Kind {
        match self {
            Self::Instruction(_) => Kind::Instruction,
            Self::Assessment(_) => Kind::Assessment,
            Self::Consent(_) => Kind::Consent,
        }
    }

    pub fn id(&self) -> uuid::Uuid {
        match self {
            Self::Instruction(d) => d.id,
            Self::Assessment(d) => d.id,
            Self::Consent(d) => d.id,
        }
    }

    /// The format version the document declares.
    pub fn format_version(&self) -> FormatVersion {
        match self {
            Self::Instruction(d) => d.format_version,
            Self::Assessment(d) => d.format_version,
            Self::Consent(d) => d.format_version,
        }
    }

    /// The child with health details (weight, guardians); the consent form has only the name and birth date.
    pub fn health_child(&self) -> Option<&crate::Child> {
        match self {
            Self::Instruction(d) => Some(&d.child),
            Self::Assessment(d) => Some(&d.child),
            Self::Consent(_) => None,
        }
    }

    /// The date the document is about: the date of issue, of assessment, or of receipt of the consent.
    pub fn date(&self) -> crate::Date {
        match self {
            Self::Instruction(d) => d.issue_date,
            Self::Assessment(d) => d.assessed_on,
            Self::Consent(d) => d.receipt.received_on,
        }
    }

    /// The child's date of birth.
    pub fn birth_date(&self) -> crate::Date {
        match self {
            Self::Instruction(d) => d.child.birth_date,
            Self::Assessment(d) => d.child.birth_date,
            Self::Consent(d) => d.child.birth_date,
        }
    }

    /// The canonical JSON of the document: fields in schema order, whole numbers
    /// without fractions, absent options left out. This is what a PDF carries.
    pub fn to_canonical_json(&self) -> Vec<u8> {
        let result = match self {
            Self::Instruction(d) => serde_json::to_vec_pretty(d),
            Self::Assessment(d) => serde_json::to_vec_pretty(d),
            Self::Consent(d) => serde_json::to_vec_pretty(d),
        };
        // Serialising these types cannot fail: every map key is a string.
        let mut bytes = result.unwrap_or_default();
        bytes.push(b'\n');
        bytes
    }

    /// The document as a JSON value (canonical form).
    pub fn to_value(&self) -> serde_json::Value {
        let result = match self {
            Self::Instruction(d) => serde_json::to_value(d),
            Self::Assessment(d) => serde_json::to_value(d),
            Self::Consent(d) => serde_json::to_value(d),
        };
        result.unwrap_or(serde_json::Value::Null)
    }
}
