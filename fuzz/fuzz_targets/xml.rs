//! Any bytes through the XML reader (entities, DOCTYPE, depth, attributes):
//! what it reads must validate without panicking, and a valid document must
//! write back to XML losslessly. (An invalid one need not: a repeated element is
//! kept as a list for the validator to report, and lists write as `<item>`s.)
#![no_main]

use libfuzzer_sys::fuzz_target;
use tsunagu_model::validate_value;
use tsunagu_xml::{from_xml, to_xml};

fuzz_target!(|data: &[u8]| {
    let Ok((kind, value)) = from_xml(data) else { return };
    if !validate_value(value.clone()).is_valid() {
        return;
    }
    if let Ok(xml) = to_xml(kind, &value) {
        let (kind_again, value_again) = from_xml(xml.as_bytes()).expect("our own XML reads back");
        assert_eq!(kind_again, kind);
        assert_eq!(value_again, value, "XML written from a valid document reads back differently");
    }
});
