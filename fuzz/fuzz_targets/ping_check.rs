//! The ping checker on arbitrary bytes: it must never panic, and its report must hold together.
#![no_main]

use dao_onboard::domain::onboarding::ping::{check_bytes, CheckId, Verdict};
use dao_onboard::domain::samples;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let report = check_bytes(data, &samples::documented_expectations());
    match report.verdict {
        Verdict::Invalid => assert_eq!(report.rows.len(), 1),
        _ => assert_eq!(report.rows.len(), CheckId::ALL.len()),
    }
});
