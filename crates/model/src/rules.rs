//! Rules beyond the schema: date order, what each care item needs, consent
//! logic and the score's consistency. Each rule reports; none stops the others.

use crate::common::PersonName;
use crate::date::Date;
use crate::diagnostic::{Code, Diagnostic, Message};
use serde_json::Value;

use crate::documents::Document;
use crate::quantity::{QuantityRange, Unit};
use crate::score::score_document;

/// Every rule problem of a document that passed the schema: its kind's rules,
/// the format version's, then the score's. `value` is the document as read, when
/// it declares an older version (its own version's schema is checked against it).
pub(crate) fn check(document: &Document, value: Option<&Value>, out: &mut Vec<Diagnostic>) {
    document.check(out);
    crate::versions::check(document, value.unwrap_or(&Value::Null), out);
    if let Some(score) = score_document(document) {
        out.extend(score.diagnostics.iter().cloned());
        document.check_score(&score, out);
    }
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

pub(crate) fn range<U: Unit>(range: Option<&QuantityRange<U>>, pointer: String, out: &mut Vec<Diagnostic>) {
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
