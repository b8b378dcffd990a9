//! The documented sample values the tests, benchmarks and fuzz targets use: the API team's
//! documented ping answer (`client-aanvragen.md`), what it was registered with, and an
//! assertion specification for its client. Unused by the page, so it is not in the wasm.

use serde_json::{json, Value};

use crate::domain::acm::assertion::AssertionSpec;
use crate::domain::acm::key::SigningAlg;
use crate::domain::checked::client_id::ClientId;
use crate::domain::checked::lifetime::Lifetime;
use crate::domain::checked::organisation::{OrgCode, OrgName};
use crate::domain::facts::environment::{AcmSide, Brand, Role};
use crate::domain::onboarding::ping::Expectations;

/// The client id of the documented answer.
pub const CLIENT_ID: &str = "5b8c2a7e-3d1f-4e9a-b6c0-2f7d8e9a1b3c";
/// The T&I issuer that signed it.
pub const TI_ISSUER: &str = "https://authenticatie-ti.vlaanderen.be/op";
/// 2024-12-19T09:00:00Z, within the documented answer's token lifetime.
pub const NOW: i64 = 1_734_598_800;

/// The answer client-aanvragen.md documents, its placeholders filled in for the
/// Departement Zorg's eLys beta client: the top-level `scopes` holds the role scope alone
/// (as the December 2024 example did), the token's `scope` both scopes.
pub fn documented_answer() -> Value {
    documented_answer_for(Brand::Elys)
}

/// The documented answer under either naming (`eLys …`, `elys_depzorg` or `DAO …`,
/// `dao_depzorg`).
pub fn documented_answer_for(brand: Brand) -> Value {
    let role_scope = format!("{}_depzorg", brand.scope_prefix());
    json!({
        "VoOrgcode": "0123456749",
        "scopes": role_scope,
        "token": {
            "sub": CLIENT_ID,
            "vo_orgcode": "0123456749",
            "iss": TI_ISSUER,
            "active": true,
            "vo_applicatienaam": format!("{} beta Departement Zorg client", brand.name()),
            "token_type": "bearer",
            "vo_orgnaam": "Departement Zorg",
            "client_id": CLIENT_ID,
            "aud": [],
            "scope": ["vo_info", role_scope],
            "exp": "2024-12-19T09:55:56Z",
            "iat": "2024-12-19T08:55:56Z"
        },
        "clientId": CLIENT_ID
    })
}

/// What the documented answer is checked against, at [`NOW`].
pub fn documented_expectations() -> Expectations {
    documented_expectations_for(Brand::Elys)
}

/// [`documented_expectations`] under either naming.
pub fn documented_expectations_for(brand: Brand) -> Expectations {
    let org = OrgName::parse("Departement Zorg").ok();
    Expectations {
        client_id: Some(CLIENT_ID.into()),
        org_code: OrgCode::parse("0123456749").ok(),
        client_name: Some(format!("{} beta Departement Zorg client", brand.name())),
        org_name: org,
        issuer: TI_ISSUER.into(),
        side: AcmSide::TestAndIntegration,
        brand,
        role: Role::Depzorg,
        now: NOW,
    }
}

/// The documented answer padded with unknown records to about `bytes`, for benchmarks.
pub fn padded_answer(bytes: usize) -> String {
    let mut answer = documented_answer();
    let record = json!({"id": 12345, "naam": "Stad Gent", "tags": ["a", "b", "c"], "actief": true, "score": 1.5});
    let per_record = record.to_string().len() + 1;
    answer["extra"] = Value::Array(vec![record; bytes / per_record]);
    answer.to_string()
}

/// A valid assertion specification with the given algorithm: the sample client, the T&I issuer
/// as audience, the default lifetime. ([`CLIENT_ID`] is a valid client id; were it not, the
/// placeholder would stand in and `tests/assertion.rs`, which checks `iss` and `sub` against
/// [`CLIENT_ID`], would fail, without a panic here.)
pub fn assertion_spec(alg: SigningAlg) -> AssertionSpec {
    AssertionSpec {
        client_id: ClientId::parse(CLIENT_ID).unwrap_or_else(|_| ClientId::placeholder()),
        audience: TI_ISSUER.to_string(),
        lifetime: Lifetime::default(),
        alg,
    }
}
