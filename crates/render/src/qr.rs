//! The QR code in the footer: the document id and a hash of its canonical JSON,
//! so a paper copy can be matched with its data.

use qrcode::render::svg;
use qrcode::{EcLevel, QrCode};
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
pub fn svg(payload: &str) -> Option<String> {
    let code = QrCode::with_error_correction_level(payload.as_bytes(), EcLevel::M).ok()?;
    Some(code.render::<svg::Color<'_>>().min_dimensions(200, 200).quiet_zone(false).build())
}
