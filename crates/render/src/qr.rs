//! The QR code in the footer: the document id and a hash of its canonical JSON,
//! so a paper copy can be matched with its data.

use qrcode::canvas::{Canvas, MaskPattern};
use qrcode::{Color, EcLevel};
use sha2::{Digest, Sha256};

/// SHA-256 of the canonical JSON, in lowercase hex.
pub fn digest(canonical_json: &[u8]) -> String {
    use std::fmt::Write;
    Sha256::digest(canonical_json).iter().fold(String::with_capacity(64), |mut hex, b| {
        let _ = write!(hex, "{b:02x}");
        hex
    })
}

/// What the QR code holds: `tsunagu:<version>:<kind>:<id>:sha256:<hex>`.
pub fn payload(version: &str, kind: &str, id: &str, digest: &str) -> String {
    format!("tsunagu:{version}:{kind}:{id}:sha256:{digest}")
}

/// The QR code as an SVG image, or `None` if the payload does not fit (it always does).
///
/// One path of horizontal runs of dark modules: a fraction of the shapes one
/// rectangle per module would give Typst to parse and the PDF to carry.
pub fn svg(payload: &str) -> Option<String> {
    use std::fmt::Write;
    let (width, colors) = modules(payload)?;
    let mut path = String::with_capacity(width * width);
    for (y, row) in colors.chunks(width).enumerate() {
        let mut x = 0;
        while x < width {
            if row[x] == Color::Dark {
                let run = row[x..].iter().take_while(|&&c| c == Color::Dark).count();
                let _ = write!(path, "M{x} {y}h{run}v1h-{run}z");
                x += run;
            } else {
                x += 1;
            }
        }
    }
    Some(format!(
        r##"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {width}" shape-rendering="crispEdges"><path d="{path}" fill="#000"/></svg>"##
    ))
}

/// The modules of the code, row by row, and the width.
///
/// Always the checkerboard mask: every reader decodes any mask, and scoring all
/// eight to pick one took longer than laying out a page's table.
fn modules(payload: &str) -> Option<(usize, Vec<Color>)> {
    let bits = qrcode::bits::encode_auto(payload.as_bytes(), EcLevel::M).ok()?;
    let version = bits.version();
    let (data, ec) = qrcode::ec::construct_codewords(&bits.into_bytes(), version, EcLevel::M).ok()?;
    let mut canvas = Canvas::new(version, EcLevel::M);
    canvas.draw_all_functional_patterns();
    canvas.draw_data(&data, &ec);
    canvas.apply_mask(MaskPattern::Checkerboard);
    Some((usize::try_from(version.width()).ok()?, canvas.into_colors()))
}
