//! The ping checker on arbitrary bytes: it must never panic, and its report must hold together.
#![no_main]

use dao_onboard::domain::environment::{AcmSide, Brand, Role};
use dao_onboard::domain::organisation::{OrgCode, OrgName};
use dao_onboard::domain::ping::{check_bytes, CheckId, Expectations, Verdict};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let expectations = Expectations {
        client_id: Some("5b8c2a7e-3d1f-4e9a-b6c0-2f7d8e9a1b3c".into()),
        org_code: OrgCode::parse("0123456749").ok(),
        org_name: OrgName::parse("Departement Zorg").ok(),
        client_name: Some("eLys beta Departement Zorg client".into()),
        issuer: "https://authenticatie-ti.vlaanderen.be/op".into(),
        side: AcmSide::TestAndIntegration,
        brand: Brand::Elys,
        role: Role::Depzorg,
        now: 1_734_598_800,
    };
    let report = check_bytes(data, &expectations);
    match report.verdict {
        Verdict::Invalid => assert_eq!(report.rows.len(), 1),
        _ => assert_eq!(report.rows.len(), CheckId::ALL.len()),
    }
});
