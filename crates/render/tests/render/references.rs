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
