//! Problems found in a document, as data: a stable code, a severity, a JSON
//! Pointer to the field and a message in Japanese and English.
//!
//! Messages name fields, never their values: documents hold health data.

use std::borrow::Cow;

use serde::Serialize;

use crate::Lang;

/// How serious a problem is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[cfg_attr(feature = "typescript", derive(tsify::Tsify))]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// Worth knowing; the document is valid.
    Info,
    /// Probably a mistake or an unconfirmed rule; the document is valid.
    Warning,
    /// The document is invalid.
    Error,
}

impl Severity {
    /// The name in reports (`error`, `warning`, `info`).
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Error => "error",
            Self::Warning => "warning",
            Self::Info => "info",
        }
    }

    pub fn label(self, lang: Lang) -> &'static str {
        match (self, lang) {
            (Self::Error, Lang::Ja) => "エラー",
            (Self::Warning, Lang::Ja) => "警告",
            (Self::Info, Lang::Ja) => "情報",
            (Self::Error, Lang::En) => "error",
            (Self::Warning, Lang::En) => "warning",
            (Self::Info, Lang::En) => "info",
        }
    }
}

/// A text in both languages.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "typescript", derive(tsify::Tsify))]
pub struct Message {
    pub ja: Cow<'static, str>,
    pub en: Cow<'static, str>,
}

impl Message {
    pub fn new(ja: impl Into<Cow<'static, str>>, en: impl Into<Cow<'static, str>>) -> Self {
        Self { ja: ja.into(), en: en.into() }
    }

    /// A text fixed at compile time.
    pub const fn fixed(ja: &'static str, en: &'static str) -> Self {
        Self { ja: Cow::Borrowed(ja), en: Cow::Borrowed(en) }
    }

    pub fn get(&self, lang: Lang) -> &str {
        match lang {
            Lang::Ja => &self.ja,
            Lang::En => &self.en,
        }
    }
}

macro_rules! codes {
    ($($variant:ident = $code:literal, $severity:ident, $summary:literal;)*) => {
        /// Every diagnostic code. Codes are stable: a code is never reused for
        /// another meaning, and removing one is a major format change.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum Code {
            $(#[doc = $summary] $variant,)*
        }

        impl Code {
            pub const ALL: &'static [Code] = &[$(Code::$variant),*];

            pub fn as_str(self) -> &'static str {
                match self { $(Code::$variant => $code,)* }
            }

            /// The severity a diagnostic with this code has, unless a rule says otherwise.
            pub fn default_severity(self) -> Severity {
                match self { $(Code::$variant => Severity::$severity,)* }
            }

            /// What the code means, for documentation.
            pub fn summary(self) -> &'static str {
                match self { $(Code::$variant => $summary,)* }
            }
        }

        /// Every code, as the browser modules' TypeScript declarations name them.
        #[cfg(feature = "typescript")]
        #[wasm_bindgen::prelude::wasm_bindgen(typescript_custom_section)]
        const TS_CODE: &'static str = concat!("export type Code = ", $("\"", $code, "\" | ",)* "never;");
    };
}

codes! {
    NotJson = "document.not-json", Error, "The input is not well-formed JSON (or not UTF-8).";
    NotXml = "document.not-xml", Error, "The input is XML that is malformed, hostile (DOCTYPE, entities) or not a tsunagu document.";
    TooLarge = "document.too-large", Error, "The input is larger than the format allows.";
    TooDeep = "document.too-deep", Error, "JSON nests deeper than the format allows.";
    DuplicateKey = "document.duplicate-key", Error, "An object has the same key twice.";
    NotObject = "document.not-object", Error, "The top level is not a JSON object.";
    KindMissing = "document.kind-missing", Error, "`kind` is missing.";
    KindUnknown = "document.kind-unknown", Error, "`kind` names no document kind of this format.";
    KindMismatch = "document.kind-mismatch", Error, "The document is of another kind than expected.";
    VersionUnsupported = "document.version-unsupported", Error, "`formatVersion` is not one this tool reads.";
    VersionOlder = "document.version-older", Info, "An older format version, still read; `tsunagu migrate` upgrades the document.";
    FieldNewerThanVersion = "document.field-newer-than-version", Error, "A field added in a later format version than the document declares.";
    DeprecatedField = "document.deprecated-field", Warning, "A field kept for older documents; `tsunagu migrate` moves it to its replacement.";
    GivenTwice = "document.given-twice", Error, "The same fact given in both a deprecated field and its replacement.";
    Required = "schema.required", Error, "A required field is missing.";
    UnknownField = "schema.unknown-field", Error, "A field the format does not define (use `extensions` for local items).";
    Type = "schema.type", Error, "A value of the wrong JSON type.";
    Enum = "schema.enum", Error, "A value outside the field's vocabulary.";
    Const = "schema.const", Error, "A value that must be one fixed value, such as a unit.";
    Format = "schema.format", Error, "A date, id or other formatted text in the wrong form.";
    Pattern = "schema.pattern", Error, "A text that does not match the field's pattern.";
    TooShort = "schema.too-short", Error, "A text that is empty or too short.";
    TooLong = "schema.too-long", Error, "A text that is too long.";
    TooFewItems = "schema.too-few-items", Error, "A list with too few entries.";
    TooManyItems = "schema.too-many-items", Error, "A list with too many entries.";
    BelowMinimum = "schema.below-minimum", Error, "A number below the minimum.";
    AboveMaximum = "schema.above-maximum", Error, "A number above the maximum.";
    Schema = "schema.invalid", Error, "Any other schema violation.";
    BirthAfterDocumentDate = "date.birth-after-document", Error, "The date of birth is after the document's date.";
    PeriodInverted = "date.period-inverted", Error, "A period ends before it starts.";
    PeriodOverOneYear = "date.period-over-one-year", Warning, "An instruction period longer than a year.";
    PeriodEndedBeforeIssue = "date.period-ended-before-issue", Error, "The instruction period ended before the sheet was issued.";
    DateOrder = "date.order", Error, "A date in a document that lies before the document's own date, where that cannot be.";
    AgeOver18 = "child.age-18-or-over", Warning, "The child is 18 or older on the document's date.";
    ForbiddenCharacter = "text.forbidden-character", Error, "A text holds a control character, a direction override, a byte-order mark or a noncharacter: invisible on paper, or able to make the printed text differ from the data.";
    ReadingMissing = "name.reading-missing", Warning, "The child's name has no reading (ふりがな).";
    ReadingNotKana = "name.reading-not-kana", Warning, "A reading that is not written in kana.";
    CareEmpty = "care.empty", Error, "An instruction sheet with no care item.";
    OxygenFlowMissing = "care.oxygen-flow-missing", Error, "Oxygen therapy without any flow.";
    SuctionDepthMissing = "care.suction-depth-missing", Error, "Suction inside the tracheostomy tube without an insertion depth.";
    SuctionWithoutTracheostomy = "care.suction-without-tracheostomy", Warning, "Suction inside a tracheostomy tube, but no tracheostomy.";
    DecannulationPlanMissing = "care.decannulation-plan-missing", Warning, "Tracheostomy without instructions for accidental decannulation.";
    CuffPressureMissing = "care.cuff-pressure-missing", Warning, "A cuffed cannula without a cuff pressure.";
    VentilatorSettingsMissing = "care.ventilator-settings-missing", Error, "A ventilator without its rate and volume or pressure.";
    InjectionDoseMissing = "care.injection-dose-missing", Error, "A subcutaneous injection without a dose or dose rule.";
    HypoglycemiaPlanMissing = "care.hypoglycemia-plan-missing", Warning, "Blood glucose monitoring without a hypoglycaemia threshold or treatment.";
    RescueDoseMissing = "care.rescue-dose-missing", Error, "A seizure rescue drug without its dose.";
    RescueTriggerMissing = "care.rescue-trigger-missing", Error, "A seizure rescue drug without when to give it.";
    RescueDrugNameMissing = "care.rescue-drug-name-missing", Error, "A rescue drug of kind \"other\" without its name.";
    GuardianRequestMissing = "care.guardian-request-missing", Warning, "A rescue drug without the guardian's request on file.";
    RangeInverted = "care.range-inverted", Error, "A range whose lower bound is above its upper bound.";
    AssignmentUnknownPlace = "care.assignment-unknown-place", Error, "A care assignment names a place that is no addressee's id.";
    AssignmentOverlap = "care.assignment-overlap", Warning, "The same care at the same time and day at two places.";
    PerformerNotPermitted = "care.performer-not-permitted", Warning, "A performer the national notices do not allow for this care (teachers and nursery staff need the certificate for suction and tube feeding).";
    SuctionSiteNotListed = "care.suction-site-not-listed", Error, "Settings for a suction site that is not among the sites.";
    SuctionDepthBeyondCannula = "care.suction-depth-beyond-cannula", Error, "Tracheal suction deeper than the cannula is long.";
    SuctionBeyondPharynxByStaff = "care.suction-beyond-pharynx-by-staff", Warning, "Oral or nasal suction beyond the pharynx with staff other than nurses named.";
    TroublePlanMissing = "care.trouble-plan-missing", Warning, "A device without the plan for its foreseeable trouble (format 1.2).";
    TroubleOtherWithoutSituation = "care.trouble-other-without-situation", Error, "A trouble plan of kind \"other\" without its situation.";
    RescueAftercareMissing = "care.rescue-aftercare-missing", Warning, "A rescue drug without what happens after it is given (format 1.2).";
    CgmConfirmationMissing = "care.cgm-confirmation-missing", Warning, "A continuous glucose monitor without when to confirm by finger-stick (format 1.2).";
    FeedingLengthRouteMismatch = "care.feeding-length-route-mismatch", Warning, "A nasal insertion length on a stoma route, or a button's shaft length on a nasal route.";
    ValueImplausible = "value.implausible", Warning, "A measured value outside the range usual for children (a unit slip is likely).";
    ValueImpossible = "value.impossible", Error, "A measured value that cannot be right (a warning in documents older than 1.2).";
    AddresseeIdDuplicate = "instruction.addressee-id-duplicate", Error, "Two addressees with the same id.";
    SupersedesSelf = "instruction.supersedes-self", Error, "A sheet that names itself as the sheet it replaces.";
    CallContactUnknown = "emergency.call-contact-unknown", Error, "A call step that names no emergency contact, or a contact id that no contact has.";
    ContactIdDuplicate = "emergency.contact-id-duplicate", Error, "Two emergency contacts with the same id.";
    VendorMissing = "emergency.vendor-missing", Warning, "A ventilator or insulin pump without the device vendor's 24-hour line among the contacts (format 1.2).";
    AmbulanceNotInOrder = "emergency.ambulance-not-in-order", Warning, "No step of any calling order calls 119 (format 1.2).";
    AllergyStatusContradiction = "allergy.status-contradiction", Error, "An allergy status that contradicts the list of allergies.";
    AllergyStatusMissing = "allergy.status-missing", Warning, "No allergy status: none known and not asked look the same (format 1.2).";
    LatexSuppliesNotStated = "allergy.latex-supplies-not-stated", Warning, "A latex allergy without latex-free supplies stated.";
    MedicationFacilityContradiction = "medication.facility-contradiction", Error, "A medicine not given at the facility, yet assigned to one.";
    NationalPeriodOverSixMonths = "date.national-period-over-six-months", Error, "A period over six months on a sheet to home-visit nursing or a home-care office (a warning in documents older than 1.2).";
    InfusionPeriodOverSevenDays = "date.infusion-period-over-seven-days", Warning, "A home infusion instruction longer than seven days.";
    PeriodOutsideSheet = "date.period-outside-sheet", Warning, "A period inside the sheet that lies outside the sheet's own period.";
    WatchMissing = "score.watch-missing", Error, "A scored care item without its watch level.";
    DeclaredTotalMismatch = "score.declared-total-mismatch", Error, "The total written on the form differs from the computed score.";
    DeclaredClassMismatch = "score.declared-class-mismatch", Error, "The class written on the form differs from the computed class.";
    GlucoseLinkedPump = "score.glucose-linked-pump", Warning, "Blood glucose with a CGM linked to an insulin pump (unconfirmed rule).";
    SeizureMayNotApply = "score.seizure-may-not-apply", Warning, "The seizure item may not apply: no seizure within about a year, or no instruction (unconfirmed rule).";
    GlycerinEnemaNotScored = "score.glycerin-enema-not-scored", Info, "A small commercial glycerin enema, which the score does not count.";
    ScorePhysicianMissing = "score.physician-missing", Warning, "The score section states no physician.";
    VentilatorOxygenWithoutItem = "score.ventilator-oxygen-without-oxygen-item", Warning, "Oxygen given through the ventilator circuit, but no oxygen therapy item (score item 4) (unconfirmed rule).";
    EnemaAmountDisagrees = "score.enema-amount-disagrees", Warning, "The enema's amount and the small-product tick disagree for the child's age.";
    ReviewNotAfterAssessment = "assessment.review-not-after", Error, "The next review is not after the assessment.";
    ConsentEndMissing = "consent.end-missing", Error, "A fixed-date consent without its end date.";
    ConsentEndUnexpected = "consent.end-unexpected", Warning, "An end date on a consent that does not end on a fixed date.";
    OtherWithoutName = "consent.other-without-name", Error, "A recipient or purpose of kind \"other\" without its name.";
    SignerCannotConsent = "consent.signer-cannot-consent", Error, "A signer who cannot consent for the child.";
    RevokedBeforeSigned = "consent.revoked-before-signed", Error, "The consent was revoked before it was signed or started.";
    ReceivedBeforeSigned = "consent.received-before-signed", Warning, "The consent was received before it was signed.";
    CaseOverlappingInstructions = "case.overlapping-instructions", Error, "Two instruction sheets for one child and one facility whose periods overlap, neither replacing the other (names both files).";
    CaseSupersedesUnknown = "case.supersedes-unknown", Warning, "A sheet replaces one that is not in the folder.";
    CaseAfterRevokedConsent = "case.after-revoked-consent", Warning, "A document made after the child's consent was revoked, with no new consent: no department is shown it (names both files).";
    RecordEntryAltered = "record.entry-altered", Error, "An entry of a shared record that no longer matches its hash, or differs from the previous copy: it was changed after it was written.";
    RecordLinkBroken = "record.link-broken", Error, "An entry follows an entry that is not in the record: an earlier entry was changed or removed.";
    RecordEntriesReordered = "record.entries-reordered", Error, "The entries of a shared record are not in their canonical order (parents first, then date, time and id).";
    RecordEntryDuplicate = "record.entry-duplicate", Error, "Two entries of a shared record with one id.";
    RecordEntryRemoved = "record.entry-removed", Error, "An entry of the previous copy is missing (`validate NEW --previous OLD`).";
    RecordNotPrevious = "record.not-previous", Error, "The previous copy given is of another record.";
    RecordConsentNotChecked = "record.consent-not-checked", Info, "A shared record validated without its folder: whether each entry is within a consent is not checked.";
    RecordOutsideConsent = "record.outside-consent", Error, "An entry from, or shared with, a department no consent of the child covers on the entry's date (names the entry and the consent).";
    RecordConsentElsewhere = "record.consent-elsewhere", Warning, "An entry relies on a consent that is not in the folder, though another consent covers it.";
    EvacuationHoursBelowTarget = "evacuation.hours-below-target", Warning, "The batteries and backup power last less than the plan's own target.";
    EvacuationNoBackup = "evacuation.no-backup", Warning, "Power-dependent devices without any backup power.";
    EvacuationBackupUnderRated = "evacuation.backup-under-rated", Warning, "A backup whose rated output is below a device's rated power.";
    EvacuationNotPureSine = "evacuation.not-pure-sine", Warning, "An AC backup that is not pure sine wave, for a device that needs one.";
    EvacuationBatteryOld = "evacuation.battery-old", Warning, "A battery bought five years or more before the plan (replace about every five years).";
    EvacuationElectricityMissing = "evacuation.electricity-company-missing", Warning, "Power-dependent devices, but no electricity company among the contacts.";
    EvacuationReviewOverAYear = "evacuation.review-over-a-year", Warning, "The next review is more than a year after the plan was made.";
    EvacuationOutsideConsent = "evacuation.outside-consent", Error, "The plan is shared with a body no consent of the child covers on the day it was made (names the consent).";
    EvacuationDeviceMissing = "evacuation.device-missing", Warning, "A ventilator or cough assist on the child's current instruction sheet that the plan does not list (names the sheet).";
    CaseMatchedByName = "case.matched-by-name", Info, "Documents taken as one child by name, reading and date of birth, without a shared identifier (names both files).";
}

impl std::fmt::Display for Code {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

impl Serialize for Code {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.as_str())
    }
}

/// One problem in a document.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "typescript", derive(tsify::Tsify))]
pub struct Diagnostic {
    #[cfg_attr(feature = "typescript", tsify(type = "Code"))]
    pub code: Code,
    pub severity: Severity,
    /// JSON Pointer (RFC 6901) to the field, `""` for the whole document.
    pub pointer: String,
    pub message: Message,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub hint: Option<Message>,
    /// The value at `pointer`, as JSON text cut to [`SHOWN_VALUE_CHARS`] characters.
    /// Never set by validation: only a tool asked to show values (e.g. `tsunagu
    /// validate --show-values`) fills it in, because values are health data.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub value: Option<String>,
}

/// How much of a value `--show-values` shows.
pub const SHOWN_VALUE_CHARS: usize = 120;

impl Diagnostic {
    /// A diagnostic with the code's default severity.
    pub fn new(code: Code, pointer: impl Into<String>, message: Message) -> Self {
        Self { code, severity: code.default_severity(), pointer: pointer.into(), message, hint: None, value: None }
    }

    #[must_use]
    pub fn with_hint(mut self, hint: Message) -> Self {
        self.hint = Some(hint);
        self
    }

    #[must_use]
    pub fn with_severity(mut self, severity: Severity) -> Self {
        self.severity = severity;
        self
    }

    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }

    /// Fills in the value at the pointer from the document it was found in,
    /// for people debugging their own data. Nothing if the pointer has no value.
    pub fn show_value(&mut self, document: &serde_json::Value) {
        // The whole document is not a field's value.
        let Some(found) = document.pointer(&self.pointer).filter(|_| !self.pointer.is_empty()) else { return };
        let text = crate::text::Forbidden::escape(&found.to_string()).into_owned();
        self.value = Some(match text.char_indices().nth(SHOWN_VALUE_CHARS) {
            Some((cut, _)) => format!("{}…", &text[..cut]),
            None => text,
        });
    }
}

/// Escapes one JSON Pointer reference token (RFC 6901 §3).
pub(crate) fn escape_token(token: &str) -> Cow<'_, str> {
    if token.contains(['~', '/']) {
        Cow::Owned(token.replace('~', "~0").replace('/', "~1"))
    } else {
        Cow::Borrowed(token)
    }
}
