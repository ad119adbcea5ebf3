//! Reference outputs: the SHA-256 of each PDF and a small PNG of its first page.
//! A change in either fails until it is reviewed and blessed.

use std::fs;

use tsunagu_render::RenderOptions;

use crate::{RENDERER, documents, root};

#[test]
fn outputs_match_their_references() {
    let bless = std::env::var_os("TSUNAGU_BLESS").is_some();
    let dir = root().join("tests/references");
    let mut failures = Vec::new();
    for (name, document) in documents() {
        let pdf = RENDERER.render(&document, &RenderOptions::default()).expect("render");
        let hash = tsunagu_render::digest(&pdf);
        let png = RENDERER.preview_first_page(&document, &RenderOptions::default(), 0.5).expect("preview");
        let hash_path = dir.join(format!("{name}.pdf.sha256"));
        let png_path = dir.join(format!("{name}.png"));
        if bless {
            fs::create_dir_all(&dir).expect("dir");
            fs::write(&hash_path, format!("{hash}\n")).expect("write");
            fs::write(&png_path, &png).expect("write");
            continue;
        }
        if fs::read_to_string(&hash_path).ok().as_deref().map(str::trim) != Some(hash.as_str()) {
            failures.push(format!("{name}: PDF hash differs from {}", hash_path.display()));
        }
        if fs::read(&png_path).ok().as_deref() != Some(png.as_slice()) {
            failures.push(format!("{name}: first page differs from {}", png_path.display()));
        }
    }
    assert!(
        failures.is_empty(),
        "{}\nhint: look at the change, then TSUNAGU_BLESS=1 cargo test -p tsunagu-render --test render",
        failures.join("\n")
    );
}
