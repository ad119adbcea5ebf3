//! Reference outputs, as `insta` snapshots in `tests/references/`: the SHA-256 of
//! each PDF (`<name>-pdf-sha256.snap`) and a small PNG of its first page
//! (`<name>-first-page.snap.png`). A change in either fails until it is reviewed
//! (`cargo insta review`, or `INSTA_UPDATE=always` to accept).

use tsunagu_render::RenderOptions;

use crate::{RENDERER, documents, root};

#[test]
fn outputs_match_their_references() {
    for (name, document) in documents() {
        let pdf = RENDERER.render(&document, &RenderOptions::default()).expect("render");
        let png = RENDERER.preview_first_page(&document, &RenderOptions::default(), 0.5).expect("preview");
        insta::with_settings!({
            snapshot_path => root().join("tests/references"),
            prepend_module_to_snapshot => false,
            omit_expression => true,
        }, {
            insta::assert_snapshot!(format!("{name}-pdf-sha256"), tsunagu_render::digest(&pdf));
            insta::assert_binary_snapshot!(&format!("{name}-first-page.png"), png);
        });
    }
}

/// Issue 16: the sheet to a school and an after-school day service shows each
/// facility its own schedule and every trouble plan. Its pages are references
/// too, and its text is read back.
#[test]
fn the_school_and_day_service_sheet_shows_each_schedule_and_every_trouble_plan() {
    let (_, document) =
        documents().into_iter().find(|(name, _)| name == "instruction-tracheostomy-ventilator").expect("example");
    let pages = RENDERER.preview_pages(&document, &RenderOptions::default(), 0.5, 8).expect("preview");
    for (i, png) in pages.iter().enumerate() {
        insta::with_settings!({
            snapshot_path => root().join("tests/references"),
            prepend_module_to_snapshot => false,
            omit_expression => true,
        }, {
            insta::assert_binary_snapshot!(&format!("school-and-day-service-page-{}.png", i + 1), png.clone());
        });
    }
    let pdf = RENDERER.render(&document, &RenderOptions::default()).expect("render");
    let Some(text) = crate::poppler("pdftotext", &[], &pdf) else { return };
    let text: String = text.split_whitespace().collect();
    for heading in
        ["施設ごとの実施予定", "東京都立つなぐ特別支援学校", "放課後等デイサービスひだまり", "トラブル時の対応"]
    {
        assert!(text.contains(heading), "{heading} is not printed");
    }
    // Each facility its own feed: the school at 12:00 on weekdays, the day service at 15:30.
    assert!(text.contains("12:007経管栄養月、火、水、木、金"), "the school's 12:00 feed");
    assert!(text.contains("15:307経管栄養月、火、水、木、金"), "the day service's 15:30 feed");
    let value = document.to_value();
    let mut actions = 0;
    let _ = tsunagu_model::find_string(&value, &mut |pointer, action| {
        if pointer.contains("/troublePlans/") && pointer.ends_with("/action") {
            actions += 1;
            let squeezed: String = action.split_whitespace().collect();
            assert!(text.contains(&squeezed), "the trouble plan at {pointer} is not printed");
        }
        None::<()>
    });
    assert!(actions >= 8, "{actions} trouble plans");
    assert!(text.contains("119番通報"), "119 is a printed step");
    assert!(text.contains("20kPa(150mmHg)"), "kPa with mmHg beside");
}

/// Issue 19: the emergency card is a reference too, and one page.
#[test]
fn the_emergency_card_is_one_page_and_a_reference() {
    let (_, document) =
        documents().into_iter().find(|(name, _)| name == "evacuation-tracheostomy-ventilator").expect("example");
    let extras = tsunagu_render::Extras { page: tsunagu_render::Page::EmergencyCard, ..Default::default() };
    let pdf = RENDERER.render_with(&document, &RenderOptions::default(), &extras).expect("card");
    insta::with_settings!({
        snapshot_path => root().join("tests/references"),
        prepend_module_to_snapshot => false,
        omit_expression => true,
    }, {
        insta::assert_snapshot!("evacuation-card-pdf-sha256", tsunagu_render::digest(&pdf));
    });
    if let Some(info) = crate::poppler("pdfinfo", &[], &pdf) {
        assert!(info.lines().any(|l| l.starts_with("Pages:") && l.trim_end().ends_with(" 1")), "{info}");
        assert!(info.contains("419.528 x 595.276"), "A5: {info}");
    }
}
