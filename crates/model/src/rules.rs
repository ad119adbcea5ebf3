//! Rules beyond the schema: date order, what each care item needs, consent
//! logic and the score's consistency. Each rule reports; none stops the others.

use crate::care::{CareItems, SuctionSite};
use crate::common::PersonName;
use crate::date::Date;
use crate::diagnostic::{Code, Diagnostic, Message};
use crate::documents::{Document, FORMAT_VERSION, FormatVersion};
use crate::quantity::{QuantityRange, Unit};
use crate::score::score_document;
use crate::vocab::Vocabulary;

/// Every rule problem of a document that passed the schema: its kind's rules,
/// the format version's, then the score's.
pub(crate) fn check(document: &Document) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    document.check(&mut out);
    format_version(document, &mut out);
    if let Some(score) = score_document(document) {
        out.extend(score.diagnostics.iter().cloned());
        document.check_score(&score, &mut out);
    }
    out
}

pub(crate) fn push(
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
    let Some(child) = document.child().health else { return };
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

pub(crate) fn birth_before(
    birth: Date,
    date: Date,
    pointer: &str,
    ja_what: &str,
    en_what: &str,
    out: &mut Vec<Diagnostic>,
) {
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

pub(crate) fn age_at(birth: Date, on: Date, out: &mut Vec<Diagnostic>) {
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

pub(crate) fn child_name(name: &PersonName, base: &str, out: &mut Vec<Diagnostic>) {
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

pub(crate) fn care_items(care: &CareItems, base: &str, out: &mut Vec<Diagnostic>) {
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
