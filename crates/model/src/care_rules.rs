//! What each care item needs beyond the schema, and (format 1.2) where, when and
//! by whom it is done, what to do when its device fails, and suction's limits.

use crate::care::{CareItems, FeedingRoute, GlucoseMethod, Suction, SuctionSite};
use crate::common::LocalId;
use crate::date::Date;
use crate::diagnostic::{Code, Diagnostic, Message};
use crate::documents::FormatVersion;
use crate::plan::{Assignment, Performer, TroubleKind, TroublePlan};
use crate::rules::{push, range};
use crate::vocab::{FacilityKind, Vocabulary};

/// What the care checks need to know of the document around the care items.
pub(crate) struct CareContext<'a> {
    /// JSON Pointer of the care items, e.g. `/care`.
    pub base: &'a str,
    /// The places assignments may name (the sheet's addressees), or `None` where the
    /// kind has no addressees and `at` is not checked.
    pub places: Option<&'a [Place]>,
    pub version: FormatVersion,
    pub birth: Date,
    /// The document's date.
    pub on: Date,
}

/// An addressee that care can be assigned to.
pub(crate) struct Place {
    pub id: LocalId,
    pub kind: FacilityKind,
}

impl CareContext<'_> {
    /// Rules about what only format 1.2 can say apply to documents that declare it.
    pub fn says_1_2(&self) -> bool {
        self.version >= FormatVersion::V1_2
    }

    /// The child's age in whole years on the document's date.
    pub fn age(&self) -> u32 {
        self.birth.years_until(self.on).unwrap_or(0)
    }

    /// Whether staff other than nurses may do care no assignment pins down:
    /// any addressee that is not a nursing service.
    fn unassigned_may_be_staff(&self) -> bool {
        self.places.is_none_or(|places| places.is_empty() || places.iter().any(|place| !place.kind.is_nursing()))
    }
}

/// Every check of the care items.
pub(crate) fn care_items(care: &CareItems, context: &CareContext<'_>, out: &mut Vec<Diagnostic>) {
    let base = context.base;
    needs(care, base, out);
    for (pointer, assignments) in assignments_of(care, base) {
        assignment_rules(&pointer, assignments, context, out);
    }
    for (pointer, plans) in trouble_plans_of(care, base) {
        for (i, plan) in plans.iter().enumerate() {
            trouble_plan(&format!("{pointer}/troublePlans/{i}"), plan, out);
        }
    }
    if let Some(suction) = &care.suction {
        suction_rules(suction, care, context, out);
    }
    // What a sheet that instructs facilities must say (an assessment only describes).
    if context.says_1_2() && context.places.is_some() {
        plans_expected(care, base, out);
    }
    if let Some(feeding) = &care.tube_feeding {
        for (i, assignment) in feeding.assignments.iter().enumerate() {
            if assignment.performers.contains(&Performer::FacilityStaff) {
                performer_not_permitted(&format!("{base}/tubeFeeding/assignments/{i}/performers"), out);
            }
        }
        let stoma = matches!(
            feeding.route,
            FeedingRoute::Gastrostomy
                | FeedingRoute::GastrostomyJejunal
                | FeedingRoute::Jejunostomy
                | FeedingRoute::Esophagostomy
        );
        let mismatch = if stoma {
            feeding.insertion_length.is_some().then_some("insertionLength")
        } else {
            feeding.shaft_length.is_some().then_some("shaftLength")
        };
        if let Some(field) = mismatch {
            push(
                out,
                Code::FeedingLengthRouteMismatch,
                format!("{base}/tubeFeeding/{field}"),
                "経路に合わない長さです (経鼻は挿入長、胃ろう・腸ろうはシャフト長)",
                "a length that does not fit the route (nasal tubes: insertion length; stomas: shaft length)",
            );
        }
    }
    crate::plausible::care_items(care, context, out);
}

/// The checks of 1.1 and before: what each care item needs.
fn needs(care: &CareItems, base: &str, out: &mut Vec<Diagnostic>) {
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
        let planned = tracheostomy.trouble_plans.iter().any(|plan| plan.trouble == TroubleKind::Dislodged);
        if tracheostomy.accidental_decannulation.is_none() && !planned {
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
        let tracheal = suction.tracheostomy_tube.as_ref();
        if suction.insertion_depth.is_none() && tracheal.and_then(|s| s.insertion_depth).is_none() {
            // Where it belongs: the site's own settings once the sheet has them (1.2).
            let field = if suction.has_site_settings() { "tracheostomyTube/insertionDepth" } else { "insertionDepth" };
            push(
                out,
                Code::SuctionDepthMissing,
                format!("{base}/suction/{field}"),
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

/// Every block of care items that can carry assignments, with its pointer.
fn assignments_of<'a>(care: &'a CareItems, base: &str) -> Vec<(String, &'a [Assignment])> {
    let mut out: Vec<(String, &[Assignment])> = Vec::new();
    let mut add = |pointer: &str, list: &'a [Assignment]| {
        if !list.is_empty() {
            out.push((format!("{base}{pointer}"), list));
        }
    };
    if let Some(b) = &care.ventilator {
        add("/ventilator", &b.assignments);
    }
    if let Some(b) = &care.tracheostomy {
        add("/tracheostomy", &b.assignments);
    }
    if let Some(b) = &care.nasopharyngeal_airway {
        add("/nasopharyngealAirway", &b.assignments);
    }
    if let Some(b) = &care.oxygen {
        add("/oxygen", &b.assignments);
    }
    if let Some(suction) = &care.suction {
        for site in SuctionSite::ALL {
            if let Some(settings) = suction.settings(*site) {
                out_site(&mut add, site.as_str(), &settings.assignments);
            }
        }
    }
    if let Some(b) = &care.nebulizer {
        add("/nebulizer", &b.assignments);
    }
    if let Some(b) = &care.tube_feeding {
        add("/tubeFeeding", &b.assignments);
    }
    if let Some(b) = &care.central_venous_catheter {
        add("/centralVenousCatheter", &b.assignments);
    }
    if let Some(injection) = &care.injection {
        if let Some(b) = &injection.subcutaneous {
            add("/injection/subcutaneous", &b.assignments);
        }
        if let Some(b) = &injection.continuous_pump {
            add("/injection/continuousPump", &b.assignments);
        }
    }
    if let Some(b) = &care.blood_glucose {
        add("/bloodGlucose", &b.assignments);
    }
    if let Some(b) = &care.dialysis {
        add("/dialysis", &b.assignments);
    }
    if let Some(c) = &care.catheterization {
        if let Some(b) = &c.intermittent {
            add("/catheterization/intermittent", &b.assignments);
        }
        if let Some(b) = &c.continuous {
            add("/catheterization/continuous", &b.assignments);
        }
    }
    if let Some(bowel) = &care.bowel {
        if let Some(b) = &bowel.stoma {
            add("/bowel/stoma", &b.assignments);
        }
        if let Some(b) = &bowel.disimpaction_or_irrigation {
            add("/bowel/disimpactionOrIrrigation", &b.assignments);
        }
        if let Some(b) = &bowel.enema {
            add("/bowel/enema", &b.assignments);
        }
    }
    if let Some(b) = &care.seizure {
        add("/seizure", &b.assignments);
    }
    for (i, b) in care.other.iter().enumerate() {
        add(&format!("/other/{i}"), &b.assignments);
    }
    for (i, b) in care.drains.iter().enumerate() {
        add(&format!("/drains/{i}"), &b.assignments);
    }
    out
}

fn out_site<'a>(add: &mut impl FnMut(&str, &'a [Assignment]), site: &str, list: &'a [Assignment]) {
    add(&format!("/suction/{site}"), list);
}

/// Every block with trouble plans, with its pointer.
pub(crate) fn trouble_plans_of<'a>(care: &'a CareItems, base: &str) -> Vec<(String, &'a [TroublePlan])> {
    let mut out = Vec::new();
    let mut add = |pointer: &str, list: &'a [TroublePlan]| out.push((format!("{base}{pointer}"), list));
    if let Some(b) = &care.ventilator {
        add("/ventilator", &b.trouble_plans);
    }
    if let Some(b) = &care.tracheostomy {
        add("/tracheostomy", &b.trouble_plans);
    }
    if let Some(b) = &care.nasopharyngeal_airway {
        add("/nasopharyngealAirway", &b.trouble_plans);
    }
    if let Some(b) = &care.oxygen {
        add("/oxygen", &b.trouble_plans);
    }
    if let Some(b) = &care.tube_feeding {
        add("/tubeFeeding", &b.trouble_plans);
    }
    if let Some(b) = &care.central_venous_catheter {
        add("/centralVenousCatheter", &b.trouble_plans);
    }
    if let Some(b) = care.injection.as_ref().and_then(|i| i.continuous_pump.as_ref()) {
        add("/injection/continuousPump", &b.trouble_plans);
    }
    if let Some(b) = &care.blood_glucose {
        add("/bloodGlucose", &b.trouble_plans);
    }
    if let Some(b) = care.catheterization.as_ref().and_then(|c| c.continuous.as_ref()) {
        add("/catheterization/continuous", &b.trouble_plans);
    }
    if let Some(b) = care.bowel.as_ref().and_then(|b| b.stoma.as_ref()) {
        add("/bowel/stoma", &b.trouble_plans);
    }
    for (i, b) in care.drains.iter().enumerate() {
        add(&format!("/drains/{i}"), &b.trouble_plans);
    }
    out
}

/// Each assignment names a place of the sheet; one care at one time is done in one place.
pub(crate) fn assignment_rules(
    pointer: &str,
    assignments: &[Assignment],
    context: &CareContext<'_>,
    out: &mut Vec<Diagnostic>,
) {
    for (i, assignment) in assignments.iter().enumerate() {
        if let Some(places) = context.places
            && !places.iter().any(|place| place.id == assignment.at)
        {
            out.push(
                Diagnostic::new(
                    Code::AssignmentUnknownPlace,
                    format!("{pointer}/assignments/{i}/at"),
                    Message::fixed("宛先の施設にない ID です", "no addressee has this id"),
                )
                .with_hint(Message::fixed(
                    "宛先の施設 (addressees) に id を付け、その id を書いてください",
                    "give the addressee an id and name it here",
                )),
            );
        }
    }
    for (i, a) in assignments.iter().enumerate() {
        for (j, b) in assignments.iter().enumerate().skip(i + 1) {
            let days_meet = a.days.is_empty() || b.days.is_empty() || a.days.iter().any(|d| b.days.contains(d));
            if a.at != b.at && days_meet && a.times.iter().any(|t| b.times.contains(t)) {
                out.push(Diagnostic::new(
                    Code::AssignmentOverlap,
                    format!("{pointer}/assignments/{j}/times"),
                    Message::new(
                        format!("同じ時刻・曜日に別の場所 ({}番目の割り当て) でも行うことになっています", i + 1),
                        format!("the same time and day is also assigned to another place (assignment {})", i + 1),
                    ),
                ));
            }
        }
    }
}

/// Suction per site (format 1.2): settings only for listed sites, the cannula's length
/// as the limit of tracheal suction, and oral and nasal suction short of the pharynx
/// when staff other than nurses do it (MEXT and MHLW notices).
fn suction_rules(suction: &Suction, care: &CareItems, context: &CareContext<'_>, out: &mut Vec<Diagnostic>) {
    let base = context.base;
    for site in SuctionSite::ALL {
        let Some(settings) = suction.settings(*site) else { continue };
        let pointer = format!("{base}/suction/{}", site.as_str());
        if !suction.sites.contains(site) {
            push(
                out,
                Code::SuctionSiteNotListed,
                pointer.clone(),
                "部位 (sites) にない吸引の設定です",
                "settings for a suction site that is not among the sites",
            );
        }
        let staff = if settings.assignments.is_empty() {
            context.unassigned_may_be_staff()
        } else {
            settings.assignments.iter().flat_map(|a| &a.performers).any(|p| p.is_non_nurse_staff())
        };
        if *site != SuctionSite::TracheostomyTube && settings.beyond_pharynx == Some(true) && staff {
            out.push(
                Diagnostic::new(
                    Code::SuctionBeyondPharynxByStaff,
                    format!("{pointer}/beyondPharynx"),
                    Message::fixed(
                        "咽頭より奥までの吸引に、看護職員以外の職員が割り当てられているか、割り当てがありません",
                        "suction beyond the pharynx, with staff other than nurses assigned (or no one assigned)",
                    ),
                )
                .with_hint(Message::fixed(
                    "教員・介護職員等の口腔・鼻腔内吸引は咽頭の手前までです。実施者を看護職員にしてください",
                    "oral and nasal suction by teachers and care staff stops short of the pharynx; assign it to nurses",
                )),
            );
        }
        for (i, assignment) in settings.assignments.iter().enumerate() {
            if assignment.performers.contains(&Performer::FacilityStaff) {
                performer_not_permitted(&format!("{pointer}/assignments/{i}/performers"), out);
            }
        }
    }
    // The limit of tracheal suction is the cannula: deeper goes into the trachea.
    let depth = suction.tracheostomy_tube.as_ref().and_then(|s| s.insertion_depth).or(suction.insertion_depth);
    let length = care.tracheostomy.as_ref().and_then(|t| t.cannula.length);
    if let (Some(depth), Some(length)) = (depth, length)
        && suction.sites.contains(&SuctionSite::TracheostomyTube)
        && depth.value() * 10.0 > length.value()
    {
        let field = if suction.tracheostomy_tube.as_ref().is_some_and(|s| s.insertion_depth.is_some()) {
            "tracheostomyTube/insertionDepth"
        } else {
            "insertionDepth"
        };
        out.push(
            Diagnostic::new(
                Code::SuctionDepthBeyondCannula,
                format!("{base}/suction/{field}"),
                Message::fixed(
                    "気管内吸引の深さが気管カニューレの長さを超えています",
                    "the tracheal suction depth goes beyond the length of the cannula",
                ),
            )
            .with_hint(Message::fixed(
                "気管カニューレ内の吸引はカニューレの先端を越えません (深さ cm とカニューレの長さ mm を確かめてください)",
                "suction inside the tracheostomy tube stays within the cannula (check the depth in cm and the cannula length in mm)",
            )),
        );
    }
}

fn performer_not_permitted(pointer: &str, out: &mut Vec<Diagnostic>) {
    out.push(
        Diagnostic::new(
            Code::PerformerNotPermitted,
            pointer,
            Message::fixed(
                "教員・保育士等は、研修 (認定特定行為業務従事者) なしに吸引・経管栄養を行えません",
                "teachers and nursery staff may not do suction or tube feeding without the certificate",
            ),
        )
        .with_hint(Message::fixed(
            "認定を受けた職員 (certifiedStaff) 又は看護職員 (nurse) にしてください",
            "assign certified staff (certifiedStaff) or a nurse",
        )),
    );
}

fn trouble_plan(pointer: &str, plan: &TroublePlan, out: &mut Vec<Diagnostic>) {
    if plan.trouble == TroubleKind::Other && plan.situation.is_none() {
        push(
            out,
            Code::TroubleOtherWithoutSituation,
            format!("{pointer}/situation"),
            "「その他」のトラブルの状況が書かれていません",
            "the situation of an \"other\" trouble is not given",
        );
    }
}

/// The trouble each device must have a plan for, in a sheet that can say it (1.2).
fn plans_expected(care: &CareItems, base: &str, out: &mut Vec<Diagnostic>) {
    use TroubleKind::{Alarm, Blocked, DeviceFailure, Dislodged, Infection, Leakage, PowerFailure};
    let has = |plans: &[TroublePlan], kinds: &[TroubleKind]| plans.iter().any(|p| kinds.contains(&p.trouble));
    let mut expect = |present: bool, pointer: &str, ja: &str, en: &str| {
        if !present {
            out.push(Diagnostic::new(
                Code::TroublePlanMissing,
                format!("{base}{pointer}/troublePlans"),
                Message::new(format!("{ja}ときの対応が書かれていません"), format!("no plan for when {en}")),
            ));
        }
    };
    if let Some(b) = &care.tube_feeding {
        expect(
            has(&b.trouble_plans, &[Dislodged]),
            "/tubeFeeding",
            "チューブ・ボタンが抜けた",
            "the tube or button comes out",
        );
        expect(has(&b.trouble_plans, &[Blocked]), "/tubeFeeding", "チューブが詰まった", "the tube is blocked");
    }
    if let Some(b) = &care.nasopharyngeal_airway
        && b.dislodgement.is_none()
    {
        expect(
            has(&b.trouble_plans, &[Dislodged]),
            "/nasopharyngealAirway",
            "エアウェイが抜けた",
            "the airway comes out",
        );
    }
    if let Some(b) = care.catheterization.as_ref().and_then(|c| c.continuous.as_ref()) {
        expect(
            has(&b.trouble_plans, &[Dislodged]),
            "/catheterization/continuous",
            "カテーテルが抜けた",
            "the catheter comes out",
        );
        expect(
            has(&b.trouble_plans, &[Blocked]),
            "/catheterization/continuous",
            "カテーテルが詰まった",
            "the catheter is blocked",
        );
    }
    if let Some(b) = care.bowel.as_ref().and_then(|b| b.stoma.as_ref()) {
        expect(
            has(&b.trouble_plans, &[Leakage]),
            "/bowel/stoma",
            "装具が漏れた・はがれた",
            "the appliance leaks or comes off",
        );
    }
    if let Some(b) = &care.central_venous_catheter
        && b.troubles.is_none()
    {
        expect(has(&b.trouble_plans, &[Infection]), "/centralVenousCatheter", "発熱した", "there is fever");
        expect(
            has(&b.trouble_plans, &[Dislodged, Blocked]),
            "/centralVenousCatheter",
            "カテーテルが抜けた・詰まった",
            "the line comes out or is blocked",
        );
    }
    if let Some(b) = care.injection.as_ref().and_then(|i| i.continuous_pump.as_ref()) {
        expect(
            has(&b.trouble_plans, &[Alarm, DeviceFailure]),
            "/injection/continuousPump",
            "ポンプのアラーム・故障の",
            "the pump alarms or fails",
        );
    }
    if let Some(b) = &care.ventilator {
        if b.alarms.is_none() {
            expect(has(&b.trouble_plans, &[Alarm]), "/ventilator", "アラームが鳴った", "an alarm sounds");
        }
        expect(has(&b.trouble_plans, &[PowerFailure]), "/ventilator", "停電した", "the power fails");
    }
    if let Some(glucose) = &care.blood_glucose
        && matches!(glucose.method, GlucoseMethod::Cgm | GlucoseMethod::Flash)
        && glucose.finger_stick_when.is_none()
    {
        out.push(Diagnostic::new(
            Code::CgmConfirmationMissing,
            format!("{base}/bloodGlucose/fingerStickWhen"),
            Message::fixed(
                "どのようなときに指先穿刺で確かめるかが書かれていません",
                "when to confirm the reading by finger-stick is not given",
            ),
        ));
    }
    if let Some(seizure) = &care.seizure
        && seizure.rescue_drug.is_some()
        && seizure.after_rescue.is_none()
    {
        out.push(
            Diagnostic::new(
                Code::RescueAftercareMissing,
                format!("{base}/seizure/afterRescue"),
                Message::fixed("頓用薬を使ったあとの対応が書かれていません", "what happens after the rescue drug is given is not stated"),
            )
            .with_hint(Message::fixed(
                "職員が頓用薬を使ったあとは、こどもは必ず医師の診察を受けます (国の通知の条件)",
                "after staff give a rescue drug, the child is always seen by a doctor (a condition of the national notices)",
            )),
        );
    }
}
