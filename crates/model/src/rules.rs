//! Rules beyond the schema: date order, what each care item needs, consent
//! logic and the score's consistency. Each rule reports; none stops the others.

use crate::care::{CareItems, SuctionSite};
use crate::common::PersonName;
use crate::date::Date;
use crate::diagnostic::{Code, Diagnostic, Message};
use crate::documents::{
    Assessment, Consent, ConsentUntil, Document, FORMAT_VERSION, FormatVersion, InstructionSheet, Purpose,
    RecipientKind,
};
use crate::quantity::{QuantityRange, Unit};
use crate::score::{ScoreClass, score_document};
use crate::vocab::Vocabulary;

/// Every rule problem of a document that passed the schema.
pub(crate) fn check(document: &Document) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    match document {
        Document::Instruction(sheet) => instruction(sheet, &mut out),
        Document::Assessment(assessment) => self::assessment(assessment, &mut out),
        Document::Consent(consent) => self::consent(consent, &mut out),
    }
    format_version(document, &mut out);
    if let Some(score) = score_document(document) {
        out.extend(score.diagnostics.iter().cloned());
        if let Document::Assessment(assessment) = document {
            declared_score(assessment, score.total, score.class, &mut out);
        }
    }
    out
}

fn push(
    out: &mut Vec<Diagnostic>,
    code: Code,
    pointer: impl Into<String>,
    ja: impl Into<String>,
    en: impl Into<String>,
) {
    out.push(Diagnostic::new(code, pointer, Message::new(ja.into(), en.into())));
}

/// What differs between the format versions this build reads (see docs/versioning.md).
fn format_version(document: &Document, out: &mut Vec<Diagnostic>) {
    let version = document.format_version();
    if version != FormatVersion::V1_1 {
        push(
            out,
            Code::VersionOlder,
            "/formatVersion",
            format!("書式 {} の文書です。`tsunagu migrate` で {FORMAT_VERSION} に更新できます", version.as_str()),
            format!("a format {} document; `tsunagu migrate` upgrades it to {FORMAT_VERSION}", version.as_str()),
        );
    }
    let Some(child) = document.health_child() else { return };
    let measured_on = child.weight.as_ref().and_then(|weight| weight.measured_on);
    if measured_on.is_some() && version == FormatVersion::V1_0 {
        push(
            out,
            Code::FieldNewerThanVersion,
            "/child/weight/measuredOn",
            "weight.measuredOn は書式 1.1 からの項目です (formatVersion を 1.1 にしてください)",
            "weight.measuredOn was added in format 1.1 (set formatVersion to 1.1)",
        );
    }
    if child.weight_measured_on.is_some() {
        if measured_on.is_some() {
            push(
                out,
                Code::GivenTwice,
                "/child/weightMeasuredOn",
                "体重の測定日が weightMeasuredOn と weight.measuredOn の両方にあります",
                "the weighing date is given both in weightMeasuredOn and in weight.measuredOn",
            );
        } else if version != FormatVersion::V1_0 {
            let mut diagnostic = Diagnostic::new(
                Code::DeprecatedField,
                "/child/weightMeasuredOn",
                Message::new("weightMeasuredOn は書式 1.0 の書き方です", "weightMeasuredOn is the format 1.0 form"),
            );
            diagnostic = diagnostic.with_hint(Message::new(
                "weight.measuredOn に書いてください (tsunagu migrate が移します)",
                "write it in weight.measuredOn (tsunagu migrate moves it)",
            ));
            out.push(diagnostic);
        }
    }
}

fn instruction(sheet: &InstructionSheet, out: &mut Vec<Diagnostic>) {
    birth_before(sheet.child.birth_date, sheet.issue_date, "/child/birthDate", "発行日", "the date of issue", out);
    age_at(sheet.child.birth_date, sheet.issue_date, out);
    child_name(&sheet.child.name, "/child/name", out);

    let period = sheet.period;
    if period.end < period.start {
        push(
            out,
            Code::PeriodInverted,
            "/period/end",
            "指示期間の終了日が開始日より前です",
            "the instruction period ends before it starts",
        );
    } else if period.end > period.start.add_years(1) {
        out.push(
            Diagnostic::new(
                Code::PeriodOverOneYear,
                "/period/end",
                Message::new("指示期間が1年を超えています", "the instruction period is longer than a year"),
            )
            .with_hint(Message::new(
                "学校は毎年度更新が一般的で、国の指示書 (訪問看護・喀痰吸引等) は最長6か月です",
                "schools usually renew yearly; national instruction forms (home nursing, suction by carers) allow at most six months",
            )),
        );
    }
    if period.end < sheet.issue_date {
        push(
            out,
            Code::PeriodEndedBeforeIssue,
            "/period/end",
            "指示期間が発行日より前に終わっています",
            "the instruction period ended before the date of issue",
        );
    }
    if sheet.issuer.signature.date < sheet.child.birth_date {
        push(
            out,
            Code::DateOrder,
            "/issuer/signature/date",
            "署名日が生年月日より前です",
            "the signature date is before the date of birth",
        );
    }
    if sheet.care.is_empty() {
        push(out, Code::CareEmpty, "/care", "医療的ケアが一つも書かれていません", "no care item is filled in");
    }
    care_items(&sheet.care, "/care", out);
}

fn assessment(assessment: &Assessment, out: &mut Vec<Diagnostic>) {
    birth_before(
        assessment.child.birth_date,
        assessment.assessed_on,
        "/child/birthDate",
        "作成日",
        "the date of assessment",
        out,
    );
    age_at(assessment.child.birth_date, assessment.assessed_on, out);
    child_name(&assessment.child.name, "/child/name", out);
    if assessment.next_review_on <= assessment.assessed_on {
        push(
            out,
            Code::ReviewNotAfterAssessment,
            "/nextReviewOn",
            "次回の見直し日が作成日より後になっていません",
            "the next review is not after the date of assessment",
        );
    }
    if !assessment.care.is_empty() && assessment.score.physician.is_none() {
        push(
            out,
            Code::ScorePhysicianMissing,
            "/score/physician",
            "判定スコアを判定した医師が書かれていません",
            "the physician who assessed the score is not given",
        );
    }
    care_items(&assessment.care, "/care", out);
}

fn declared_score(assessment: &Assessment, total: u32, class: ScoreClass, out: &mut Vec<Diagnostic>) {
    if let Some(declared) = assessment.score.declared_total
        && declared != total
    {
        push(
            out,
            Code::DeclaredTotalMismatch,
            "/score/declaredTotal",
            format!("記載された合計点がケアの項目から計算した {total} 点と一致しません"),
            format!("the total as written does not match the {total} points computed from the care items"),
        );
    }
    if let Some(declared) = assessment.score.declared_class
        && declared != class
    {
        push(
            out,
            Code::DeclaredClassMismatch,
            "/score/declaredClass",
            format!("記載された区分が計算結果「{}」と一致しません", class.label(crate::Lang::Ja)),
            format!("the class as written does not match the computed class \"{}\"", class.label(crate::Lang::En)),
        );
    }
}

fn consent(consent: &Consent, out: &mut Vec<Diagnostic>) {
    let birth = consent.child.birth_date;
    child_name(&consent.child.name, "/child/name", out);
    let period = &consent.period;
    birth_before(birth, period.start, "/child/birthDate", "同意の開始日", "the start of the consent", out);
    match (period.until, period.end) {
        (ConsentUntil::FixedDate, None) => {
            push(
                out,
                Code::ConsentEndMissing,
                "/period/end",
                "期日までの同意には終了日が必要です",
                "a consent until a fixed date needs its end date",
            );
        }
        (ConsentUntil::FixedDate, Some(end)) if end < period.start => {
            push(
                out,
                Code::PeriodInverted,
                "/period/end",
                "同意の終了日が開始日より前です",
                "the consent ends before it starts",
            );
        }
        (ConsentUntil::Age18 | ConsentUntil::MovingOut, Some(_)) => {
            push(
                out,
                Code::ConsentEndUnexpected,
                "/period/end",
                "期日まででない同意に終了日が書かれています",
                "an end date is given for a consent that does not end on a fixed date",
            );
        }
        _ => {}
    }
    if consent.purposes.contains(&Purpose::Other) && consent.purpose_note.is_none() {
        push(
            out,
            Code::OtherWithoutName,
            "/purposeNote",
            "「その他」の利用目的の内容がありません",
            "the \"other\" purpose is not described",
        );
    }
    for (i, recipient) in consent.recipients.iter().enumerate() {
        let other = matches!(recipient.kind, RecipientKind::OtherCityDepartment | RecipientKind::OtherOutsideBody);
        if other && recipient.name.is_none() {
            push(
                out,
                Code::OtherWithoutName,
                format!("/recipients/{i}/name"),
                "「その他」の共有先の名称がありません",
                "an \"other\" recipient has no name",
            );
        }
    }
    let mut first_signed: Option<Date> = None;
    for (i, signer) in consent.signers.iter().enumerate() {
        let base = format!("/signers/{i}");
        if !signer.relationship.may_consent_for_child() {
            out.push(
                Diagnostic::new(
                    Code::SignerCannotConsent,
                    format!("{base}/relationship"),
                    Message::new(
                        format!(
                            "続柄「{}」の人はこどもに代わって同意できません",
                            signer.relationship.label(crate::Lang::Ja)
                        ),
                        format!(
                            "a signer who is the child's {} cannot consent for the child",
                            signer.relationship.label(crate::Lang::En).to_lowercase()
                        ),
                    ),
                )
                .with_hint(Message::new(
                    "親権者 (父母)・未成年後見人・施設長が署名し、代筆は proxy に書いてください",
                    "a parent, legal guardian or facility head signs; someone writing for them goes under proxy",
                )),
            );
        }
        if signer.signed_on < birth {
            push(
                out,
                Code::DateOrder,
                format!("{base}/signedOn"),
                "署名日が生年月日より前です",
                "the signature date is before the date of birth",
            );
        }
        first_signed = Some(first_signed.map_or(signer.signed_on, |d| d.min(signer.signed_on)));
    }
    if let Some(revoked) = consent.revocation.revoked_on
        && (first_signed.is_some_and(|signed| revoked < signed) || revoked < period.start)
    {
        push(
            out,
            Code::RevokedBeforeSigned,
            "/revocation/revokedOn",
            "撤回日が署名日又は同意の開始日より前です",
            "the consent is revoked before it was signed or started",
        );
    }
    if let Some(signed) = first_signed
        && consent.receipt.received_on < signed
    {
        push(
            out,
            Code::ReceivedBeforeSigned,
            "/receipt/receivedOn",
            "受付日が署名日より前です",
            "the consent was received before it was signed",
        );
    }
}

fn birth_before(birth: Date, date: Date, pointer: &str, ja_what: &str, en_what: &str, out: &mut Vec<Diagnostic>) {
    if birth > date {
        push(
            out,
            Code::BirthAfterDocumentDate,
            pointer,
            format!("生年月日が{ja_what}より後です"),
            format!("the date of birth is after {en_what}"),
        );
    }
}

fn age_at(birth: Date, on: Date, out: &mut Vec<Diagnostic>) {
    if let Some(age) = birth.years_until(on)
        && age >= 18
    {
        out.push(
            Diagnostic::new(
                Code::AgeOver18,
                "/child/birthDate",
                Message::new(
                    format!("文書の日付で {age} 歳です"),
                    format!("the child is {age} on the document's date"),
                ),
            )
            .with_hint(Message::new(
                "児童福祉法のサービスは原則18歳未満が対象です",
                "child welfare services are for under-18s as a rule",
            )),
        );
    }
}

fn child_name(name: &PersonName, base: &str, out: &mut Vec<Diagnostic>) {
    if name.family_reading.is_none() || (name.given.is_some() && name.given_reading.is_none()) {
        push(
            out,
            Code::ReadingMissing,
            base.to_owned(),
            "こどもの氏名にふりがながありません",
            "the child's name has no reading (furigana)",
        );
    }
    for (field, reading) in [("familyReading", &name.family_reading), ("givenReading", &name.given_reading)] {
        if reading.as_deref().is_some_and(|r| !is_kana(r)) {
            push(
                out,
                Code::ReadingNotKana,
                format!("{base}/{field}"),
                "ふりがなはひらがな又はカタカナで書いてください",
                "a reading must be written in hiragana or katakana",
            );
        }
    }
}

/// Hiragana, katakana (full and half width), the prolonged sound mark, middle dots and spaces.
fn is_kana(text: &str) -> bool {
    text.chars().all(|c| {
        matches!(c, '\u{3041}'..='\u{309F}' | '\u{30A0}'..='\u{30FF}' | '\u{31F0}'..='\u{31FF}' | '\u{FF66}'..='\u{FF9F}' | ' ' | '\u{3000}')
    })
}

fn range<U: Unit>(range: Option<&QuantityRange<U>>, pointer: String, out: &mut Vec<Diagnostic>) {
    if let Some(r) = range
        && r.min.value() > r.max.value()
    {
        push(
            out,
            Code::RangeInverted,
            pointer,
            "範囲の下限が上限を超えています",
            "the lower bound of the range is above the upper bound",
        );
    }
}

fn care_items(care: &CareItems, base: &str, out: &mut Vec<Diagnostic>) {
    if let Some(ventilator) = &care.ventilator {
        for (i, device) in ventilator.devices.iter().enumerate() {
            use crate::care::VentilatorKind::{Invasive, Nppv};
            let needs_settings = matches!(device.kind, Invasive | Nppv);
            let has_volume_or_pressure = device.tidal_volume.is_some() || device.inspiratory_pressure.is_some();
            if needs_settings && (device.rate.is_none() || !has_volume_or_pressure) {
                push(
                    out,
                    Code::VentilatorSettingsMissing,
                    format!("{base}/ventilator/devices/{i}"),
                    "人工呼吸器の設定 (換気回数と、一回換気量又は吸気圧) がありません",
                    "the ventilator settings (rate, and tidal volume or inspiratory pressure) are missing",
                );
            }
        }
    }
    if let Some(tracheostomy) = &care.tracheostomy {
        if tracheostomy.accidental_decannulation.is_none() {
            push(
                out,
                Code::DecannulationPlanMissing,
                format!("{base}/tracheostomy/accidentalDecannulation"),
                "カニューレが抜けたときの対応が書かれていません",
                "what to do on accidental decannulation is not given",
            );
        }
        if tracheostomy.cannula.cuff == Some(true) && tracheostomy.cannula.cuff_pressure.is_none() {
            push(
                out,
                Code::CuffPressureMissing,
                format!("{base}/tracheostomy/cannula/cuffPressure"),
                "カフ付きカニューレのカフ圧がありません",
                "the cuff pressure of the cuffed cannula is not given",
            );
        }
    }
    if let Some(oxygen) = &care.oxygen {
        if oxygen.flow_at_rest.is_none() && oxygen.flow_on_exertion.is_none() && oxygen.flow_during_sleep.is_none() {
            push(
                out,
                Code::OxygenFlowMissing,
                format!("{base}/oxygen/flowAtRest"),
                "酸素の流量が一つも書かれていません",
                "no oxygen flow is given",
            );
        }
        range(oxygen.spo2_target.as_ref(), format!("{base}/oxygen/spo2Target"), out);
    }
    if let Some(suction) = &care.suction
        && suction.sites.contains(&SuctionSite::TracheostomyTube)
    {
        if suction.insertion_depth.is_none() {
            push(
                out,
                Code::SuctionDepthMissing,
                format!("{base}/suction/insertionDepth"),
                "気管カニューレ内の吸引には挿入の深さが必要です",
                "suction inside the tracheostomy tube needs the insertion depth",
            );
        }
        if care.tracheostomy.is_none() {
            push(
                out,
                Code::SuctionWithoutTracheostomy,
                format!("{base}/suction/sites"),
                "気管カニューレ内の吸引がありますが、気管切開の項目がありません",
                "suction inside a tracheostomy tube is given, but no tracheostomy",
            );
        }
    }
    if let Some(sc) = care.injection.as_ref().and_then(|i| i.subcutaneous.as_ref())
        && sc.insulin_dose.is_none()
        && sc.dose_rule.is_none()
    {
        push(
            out,
            Code::InjectionDoseMissing,
            format!("{base}/injection/subcutaneous"),
            "皮下注射の量又は量の決め方がありません",
            "the subcutaneous injection has no dose or dose rule",
        );
    }
    if let Some(glucose) = &care.blood_glucose {
        if glucose.hypoglycemia_below.is_none() || glucose.hypoglycemia_treatment.is_none() {
            push(
                out,
                Code::HypoglycemiaPlanMissing,
                format!("{base}/bloodGlucose"),
                "低血糖とする値とその対応を書いてください",
                "give the hypoglycaemia threshold and what to do",
            );
        }
        range(glucose.target.as_ref(), format!("{base}/bloodGlucose/target"), out);
    }
    if let Some(seizure) = &care.seizure
        && let Some(drug) = seizure.rescue_drug
    {
        let pointer = format!("{base}/seizure");
        if seizure.rescue_dose.is_none() {
            push(
                out,
                Code::RescueDoseMissing,
                format!("{pointer}/rescueDose"),
                "頓用薬の用量がありません",
                "the rescue drug has no dose",
            );
        }
        if seizure.give_after.is_none() && seizure.give_conditions.is_none() {
            push(
                out,
                Code::RescueTriggerMissing,
                format!("{pointer}/giveAfter"),
                "頓用薬を使う条件がありません",
                "when to give the rescue drug is not given",
            );
        }
        if drug == crate::care::RescueDrug::Other && seizure.rescue_drug_name.is_none() {
            push(
                out,
                Code::RescueDrugNameMissing,
                format!("{pointer}/rescueDrugName"),
                "頓用薬の名称がありません",
                "the rescue drug is not named",
            );
        }
        if seizure.guardian_request_on_file != Some(true) {
            out.push(
                Diagnostic::new(
                    Code::GuardianRequestMissing,
                    format!("{pointer}/guardianRequestOnFile"),
                    Message::new("頓用薬について保護者からの依頼が確認されていません", "the guardian's request for the rescue drug is not confirmed"),
                )
                .with_hint(Message::new(
                    "職員が頓用薬を使うには、医師の事前の指示と保護者の依頼が必要です (令和4年・5年の通知)",
                    "staff may give a rescue drug only with the doctor's prior instruction and the guardian's request (national notices 2022, 2023)",
                )),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::is_kana;

    #[test]
    fn kana_readings() {
        assert!(is_kana("やまだ"));
        assert!(is_kana("ヤマダ タロウ"));
        assert!(is_kana("ｶﾅ"));
        assert!(!is_kana("山田"));
        assert!(!is_kana("yamada"));
    }
}
