//! Plausible and possible values of what is measured: a value outside what is
//! usual for children is a warning (a unit slip is the common cause, and the
//! hint says which: "mmHg? 150 mmHg = 20 kPa"); a value that cannot be right is
//! an error in a 1.2 document and a warning in an older one (docs/versioning.md).
//!
//! Hints show fixed worked examples, never the value typed: messages never carry
//! a document's values. The ranges are wide on purpose (these children are often
//! small for their age), chosen to catch slips, not to judge a prescription.

use crate::care::{CareItems, RescueDrug, SuctionSettings, SuctionSite, VentilatorDevice};
use crate::care_rules::CareContext;
use crate::common::Child;
use crate::diagnostic::{Code, Diagnostic, Message, Severity};
use crate::quantity::{Quantity, QuantityRange, Unit};
use crate::vocab::Vocabulary;

/// One field's ranges, in its own unit.
struct Bounds {
    /// Usual for children: outside is a warning.
    usual: (f64, f64),
    /// Possible at all: outside is `value.impossible`.
    possible: (f64, f64),
    /// A unit slip that lands the value where it is: when the value lies in this
    /// range, the hint is given.
    slip: Option<((f64, f64), Message)>,
}

impl Bounds {
    const fn new(usual: (f64, f64), possible: (f64, f64)) -> Self {
        Self { usual, possible, slip: None }
    }

    fn with_slip(mut self, range: (f64, f64), ja: &'static str, en: &'static str) -> Self {
        self.slip = Some((range, Message::fixed(ja, en)));
        self
    }
}

/// Checks one value against its bounds.
fn check(
    value: f64,
    unit: &str,
    bounds: &Bounds,
    pointer: String,
    context: &CareContext<'_>,
    out: &mut Vec<Diagnostic>,
) {
    let (lo, hi) = bounds.usual;
    let (min, max) = bounds.possible;
    let number = |n: f64| if n.fract() == 0.0 { format!("{n:.0}") } else { format!("{n}") };
    let diagnostic = if value < min || value > max {
        let severity = if context.says_1_2() { Severity::Error } else { Severity::Warning };
        Diagnostic::new(
            Code::ValueImpossible,
            pointer,
            Message::new(
                format!("ありえない値です ({}–{} {unit} の範囲外)", number(min), number(max)),
                format!("this value cannot be right (outside {}–{} {unit})", number(min), number(max)),
            ),
        )
        .with_severity(severity)
    } else if value < lo || value > hi {
        Diagnostic::new(
            Code::ValueImplausible,
            pointer,
            Message::new(
                format!("こどもでは通常 {}–{} {unit} の値です", number(lo), number(hi)),
                format!("for children this is usually {}–{} {unit}", number(lo), number(hi)),
            ),
        )
    } else {
        return;
    };
    let hint = bounds.slip.as_ref().filter(|((a, b), _)| value >= *a && value <= *b).map(|(_, hint)| hint.clone());
    out.push(match hint {
        Some(hint) => diagnostic.with_hint(hint),
        None => diagnostic,
    });
}

fn quantity<U: Unit>(
    value: Option<&Quantity<U>>,
    bounds: &Bounds,
    pointer: impl Into<String>,
    context: &CareContext<'_>,
    out: &mut Vec<Diagnostic>,
) {
    if let Some(q) = value {
        check(q.value(), U::SYMBOL, bounds, pointer.into(), context, out);
    }
}

fn range_bounds<U: Unit>(
    value: Option<&QuantityRange<U>>,
    min: &Bounds,
    max: &Bounds,
    pointer: &str,
    context: &CareContext<'_>,
    out: &mut Vec<Diagnostic>,
) {
    if let Some(r) = value {
        check(r.min.value(), U::SYMBOL, min, format!("{pointer}/min"), context, out);
        check(r.max.value(), U::SYMBOL, max, format!("{pointer}/max"), context, out);
    }
}

const MMHG_HINT: (&str, &str) = ("mmHg で書いていませんか? 150 mmHg = 20 kPa です", "mmHg? 150 mmHg = 20 kPa");

fn suction_site(
    site: SuctionSite,
    settings: &SuctionSettings,
    pointer: &str,
    context: &CareContext<'_>,
    out: &mut Vec<Diagnostic>,
) {
    let infant = context.age() < 1;
    let pressure = Bounds::new((5.0, if infant { 20.0 } else { 27.0 }), (0.5, 101.3)).with_slip(
        (50.0, 300.0),
        MMHG_HINT.0,
        MMHG_HINT.1,
    );
    quantity(settings.pressure.as_ref(), &pressure, format!("{pointer}/pressure"), context, out);
    let catheter = Bounds::new((4.0, 16.0), (2.0, 24.0)).with_slip(
        (0.5, 3.9),
        "mm で書いていませんか? 8 Fr = 2.7 mm です",
        "mm? 8 Fr = 2.7 mm",
    );
    quantity(settings.catheter_size.as_ref(), &catheter, format!("{pointer}/catheterSize"), context, out);
    let depth = match site {
        SuctionSite::TracheostomyTube => Bounds::new((1.0, 20.0), (0.3, 40.0)),
        SuctionSite::Oral | SuctionSite::Nasal => Bounds::new((1.0, 15.0), (0.3, 30.0)),
    }
    .with_slip((40.0, 400.0), "mm で書いていませんか? 75 mm = 7.5 cm です", "mm? 75 mm = 7.5 cm");
    quantity(settings.insertion_depth.as_ref(), &depth, format!("{pointer}/insertionDepth"), context, out);
    let time = Bounds::new((3.0, 15.0), (1.0, 60.0));
    quantity(settings.max_time_per_pass.as_ref(), &time, format!("{pointer}/maxTimePerPass"), context, out);
}

fn ventilator_device(device: &VentilatorDevice, pointer: &str, context: &CareContext<'_>, out: &mut Vec<Diagnostic>) {
    let fio2 = Bounds::new((21.0, 100.0), (21.0, 100.0)).with_slip(
        (0.0, 1.0),
        "割合で書いていませんか? 0.4 = 40 % です",
        "a fraction? 0.4 = 40 %",
    );
    quantity(device.fio2.as_ref(), &fio2, format!("{pointer}/fio2"), context, out);
    quantity(device.rate.as_ref(), &Bounds::new((5.0, 60.0), (0.0, 150.0)), format!("{pointer}/rate"), context, out);
    let tidal = Bounds::new((10.0, 1000.0), (1.0, 2500.0)).with_slip(
        (0.0, 3.0),
        "L で書いていませんか? 0.15 L = 150 ml です",
        "litres? 0.15 L = 150 ml",
    );
    quantity(device.tidal_volume.as_ref(), &tidal, format!("{pointer}/tidalVolume"), context, out);
    quantity(device.peep.as_ref(), &Bounds::new((0.0, 15.0), (0.0, 40.0)), format!("{pointer}/peep"), context, out);
    let pressure = Bounds::new((4.0, 40.0), (0.0, 80.0)).with_slip(
        (0.1, 3.9),
        "kPa で書いていませんか? 2 kPa = 20 cmH2O です",
        "kPa? 2 kPa = 20 cmH2O",
    );
    quantity(device.inspiratory_pressure.as_ref(), &pressure, format!("{pointer}/inspiratoryPressure"), context, out);
    quantity(device.oxygen_flow.as_ref(), &oxygen_flow(), format!("{pointer}/oxygenFlow"), context, out);
}

fn oxygen_flow() -> Bounds {
    Bounds::new((0.02, 10.0), (0.0, 60.0)).with_slip(
        (60.0, 10_000.0),
        "ml/min で書いていませんか? 250 ml/min = 0.25 L/min です",
        "ml/min? 250 ml/min = 0.25 L/min",
    )
}

/// Every measured value of the care items.
pub(crate) fn care_items(care: &CareItems, context: &CareContext<'_>, out: &mut Vec<Diagnostic>) {
    let base = context.base;
    if let Some(ventilator) = &care.ventilator {
        for (i, device) in ventilator.devices.iter().enumerate() {
            ventilator_device(device, &format!("{base}/ventilator/devices/{i}"), context, out);
        }
    }
    if let Some(tracheostomy) = &care.tracheostomy {
        let cannula = &tracheostomy.cannula;
        let pointer = format!("{base}/tracheostomy/cannula");
        quantity(
            cannula.inner_diameter.as_ref(),
            &Bounds::new((2.5, 9.0), (1.5, 12.0)),
            format!("{pointer}/innerDiameter"),
            context,
            out,
        );
        quantity(
            cannula.outer_diameter.as_ref(),
            &Bounds::new((3.5, 12.0), (2.0, 16.0)),
            format!("{pointer}/outerDiameter"),
            context,
            out,
        );
        let length = Bounds::new((30.0, 120.0), (10.0, 200.0)).with_slip(
            (1.0, 14.9),
            "cm で書いていませんか? 4.5 cm = 45 mm です",
            "cm? 4.5 cm = 45 mm",
        );
        quantity(cannula.length.as_ref(), &length, format!("{pointer}/length"), context, out);
        let cuff = Bounds::new((10.0, 30.0), (0.0, 80.0));
        quantity(cannula.cuff_pressure.as_ref(), &cuff, format!("{pointer}/cuffPressure"), context, out);
    }
    if let Some(oxygen) = &care.oxygen {
        let pointer = format!("{base}/oxygen");
        for (field, flow) in [
            ("flowAtRest", &oxygen.flow_at_rest),
            ("flowOnExertion", &oxygen.flow_on_exertion),
            ("flowDuringSleep", &oxygen.flow_during_sleep),
        ] {
            quantity(flow.as_ref(), &oxygen_flow(), format!("{pointer}/{field}"), context, out);
        }
        let fraction = ("割合で書いていませんか? 0.95 = 95 % です", "a fraction? 0.95 = 95 %");
        let min = Bounds::new((80.0, 100.0), (0.0, 100.0)).with_slip((0.0, 1.0), fraction.0, fraction.1);
        let max = Bounds::new((85.0, 100.0), (0.0, 100.0)).with_slip((0.0, 1.0), fraction.0, fraction.1);
        range_bounds(oxygen.spo2_target.as_ref(), &min, &max, &format!("{pointer}/spo2Target"), context, out);
    }
    if let Some(suction) = &care.suction {
        for site in SuctionSite::ALL {
            if let Some(settings) = suction.settings(*site) {
                suction_site(*site, settings, &format!("{base}/suction/{}", site.as_str()), context, out);
            }
        }
        // The 1.1 form: one setting for every site.
        let old = SuctionSettings {
            catheter_size: suction.catheter_size,
            pressure: suction.pressure,
            insertion_depth: suction.insertion_depth,
            max_time_per_pass: suction.max_time_per_pass,
            ..SuctionSettings::default()
        };
        let site = if suction.sites.contains(&SuctionSite::TracheostomyTube) {
            SuctionSite::TracheostomyTube
        } else {
            SuctionSite::Oral
        };
        suction_site(site, &old, &format!("{base}/suction"), context, out);
    }
    if let Some(feeding) = &care.tube_feeding {
        let pointer = format!("{base}/tubeFeeding");
        quantity(
            feeding.rate.as_ref(),
            &Bounds::new((5.0, 500.0), (0.5, 3000.0)),
            format!("{pointer}/rate"),
            context,
            out,
        );
        quantity(
            feeding.volume.as_ref(),
            &Bounds::new((5.0, 600.0), (0.5, 2000.0)),
            format!("{pointer}/volume"),
            context,
            out,
        );
        quantity(
            feeding.water_flush.as_ref(),
            &Bounds::new((1.0, 250.0), (0.0, 1000.0)),
            format!("{pointer}/waterFlush"),
            context,
            out,
        );
        quantity(
            feeding.tube_size.as_ref(),
            &Bounds::new((4.0, 24.0), (3.0, 30.0)),
            format!("{pointer}/tubeSize"),
            context,
            out,
        );
        let insertion = Bounds::new((10.0, 70.0), (3.0, 100.0)).with_slip(
            (100.0, 1000.0),
            "mm で書いていませんか? 350 mm = 35 cm です",
            "mm? 350 mm = 35 cm",
        );
        quantity(feeding.insertion_length.as_ref(), &insertion, format!("{pointer}/insertionLength"), context, out);
        let shaft = Bounds::new((0.6, 5.0), (0.3, 10.0)).with_slip(
            (6.0, 60.0),
            "mm で書いていませんか? 17 mm = 1.7 cm です",
            "mm? 17 mm = 1.7 cm",
        );
        quantity(feeding.shaft_length.as_ref(), &shaft, format!("{pointer}/shaftLength"), context, out);
    }
    if let Some(line) = &care.central_venous_catheter {
        quantity(
            line.rate.as_ref(),
            &Bounds::new((1.0, 250.0), (0.1, 2000.0)),
            format!("{base}/centralVenousCatheter/rate"),
            context,
            out,
        );
    }
    if let Some(sc) = care.injection.as_ref().and_then(|i| i.subcutaneous.as_ref()) {
        let dose = Bounds::new((0.1, 40.0), (0.0, 100.0)).with_slip(
            (70.0, 600.0),
            "血糖値 (mg/dL) を書いていませんか?",
            "a blood glucose (mg/dL) typed here?",
        );
        quantity(sc.insulin_dose.as_ref(), &dose, format!("{base}/injection/subcutaneous/insulinDose"), context, out);
    }
    if let Some(glucose) = &care.blood_glucose {
        let pointer = format!("{base}/bloodGlucose");
        let mmol = ("mmol/L で書いていませんか? 3.9 mmol/L = 70 mg/dL です", "mmol/L? 3.9 mmol/L = 70 mg/dL");
        let min = Bounds::new((60.0, 180.0), (20.0, 600.0)).with_slip((1.0, 25.0), mmol.0, mmol.1);
        let max = Bounds::new((100.0, 300.0), (20.0, 600.0)).with_slip((1.0, 25.0), mmol.0, mmol.1);
        range_bounds(glucose.target.as_ref(), &min, &max, &format!("{pointer}/target"), context, out);
        let below = Bounds::new((54.0, 90.0), (20.0, 200.0)).with_slip((1.0, 19.9), mmol.0, mmol.1);
        quantity(glucose.hypoglycemia_below.as_ref(), &below, format!("{pointer}/hypoglycemiaBelow"), context, out);
    }
    if let Some(seizure) = &care.seizure {
        let (usual, possible) = match seizure.rescue_drug {
            Some(RescueDrug::BuccalMidazolam) => ((2.5, 10.0), (0.5, 20.0)),
            Some(RescueDrug::DiazepamSuppository) => ((2.0, 10.0), (0.5, 30.0)),
            _ => ((0.1, 1000.0), (0.0, 3000.0)),
        };
        quantity(
            seizure.rescue_dose.as_ref(),
            &Bounds::new(usual, possible),
            format!("{base}/seizure/rescueDose"),
            context,
            out,
        );
        quantity(
            seizure.give_after.as_ref(),
            &Bounds::new((1.0, 10.0), (0.0, 60.0)),
            format!("{base}/seizure/giveAfter"),
            context,
            out,
        );
    }
}

/// The child's weight for the age on the document's date.
pub(crate) fn weight(child: &Child, context: &CareContext<'_>, out: &mut Vec<Diagnostic>) {
    let Some(weight) = &child.weight else { return };
    let months = months_between(context);
    let usual = match months {
        0..3 => (1.0, 8.0),
        3..12 => (2.0, 14.0),
        12..36 => (4.0, 20.0),
        36..72 => (5.0, 30.0),
        72..144 => (7.0, 70.0),
        _ => (10.0, 130.0),
    };
    let bounds = Bounds::new(usual, (0.2, 250.0)).with_slip(
        (250.0, 10_000.0),
        "g で書いていませんか? 3200 g = 3.2 kg です",
        "grams? 3200 g = 3.2 kg",
    );
    check(weight.value, "kg", &bounds, "/child/weight/value".to_owned(), context, out);
}

/// An auto-injector's dose: 0.15 mg or 0.3 mg are the products there are.
pub(crate) fn auto_injector_dose(dose: f64, pointer: String, context: &CareContext<'_>, out: &mut Vec<Diagnostic>) {
    let known = [0.15, 0.3].iter().any(|d| (dose - d).abs() < 1e-9);
    if !known {
        let bounds = Bounds::new((0.15, 0.3), (0.0, 1.0));
        check(dose, "mg", &bounds, pointer.clone(), context, out);
        if dose > 0.15 && dose < 0.3 {
            out.push(Diagnostic::new(
                Code::ValueImplausible,
                pointer,
                Message::fixed("自己注射薬は 0.15 mg 又は 0.3 mg です", "auto-injectors come as 0.15 mg or 0.3 mg"),
            ));
        }
    }
}

fn months_between(context: &CareContext<'_>) -> i64 {
    let days = context.birth.days_until(context.on).max(0);
    days * 12 / 365
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::date::Date;
    use crate::documents::FormatVersion;

    fn context(version: FormatVersion) -> CareContext<'static> {
        CareContext {
            base: "/care",
            places: None,
            version,
            birth: Date::parse("2020-04-01").expect("date"),
            on: Date::parse("2026-04-01").expect("date"),
        }
    }

    #[test]
    fn a_pressure_in_mmhg_gets_the_hint_and_not_the_value() {
        let bounds = Bounds::new((5.0, 27.0), (0.5, 101.3)).with_slip((50.0, 300.0), MMHG_HINT.0, MMHG_HINT.1);
        let mut out = Vec::new();
        check(150.0, "kPa", &bounds, "/care/suction/oral/pressure".into(), &context(FormatVersion::V1_2), &mut out);
        assert_eq!(out[0].code, Code::ValueImpossible);
        assert_eq!(out[0].severity, Severity::Error);
        assert!(out[0].hint.as_ref().is_some_and(|h| h.en.contains("150 mmHg = 20 kPa")));
        let mut old = Vec::new();
        check(150.0, "kPa", &bounds, "/p".into(), &context(FormatVersion::V1_1), &mut old);
        assert_eq!(old[0].severity, Severity::Warning, "older documents get a warning");
        let mut usual = Vec::new();
        check(20.0, "kPa", &bounds, "/p".into(), &context(FormatVersion::V1_2), &mut usual);
        assert!(usual.is_empty());
        let mut high = Vec::new();
        check(35.0, "kPa", &bounds, "/p".into(), &context(FormatVersion::V1_2), &mut high);
        assert_eq!(high[0].code, Code::ValueImplausible);
        assert!(high[0].hint.is_none() && !high[0].message.en.contains("35"));
    }
}
