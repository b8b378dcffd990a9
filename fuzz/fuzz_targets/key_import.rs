//! Key import on arbitrary text: an error or a key, never a panic.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(text) = std::str::from_utf8(data) {
        let _ = dao_onboard::domain::acm::key::import(text);
    }
});
