//! The onboarding the end-to-end tests walk through: Stad Gent's values, the step anchors,
//! and what the page shows of them.

use super::*;

/// The client id the end-to-end tests register.
pub const CLIENT_ID: &str = dao_onboard::domain::samples::CLIENT_ID;

/// The anchors of the page's steps, from the page's own registry (`steps::Step::ALL`).
pub fn step_ids() -> impl Iterator<Item = &'static str> {
    dao_onboard::steps::Step::ALL
        .into_iter()
        .map(dao_onboard::steps::Step::id)
}

/// Fills step 1 for Stad Gent (KBO 0207.451.227) in beta, DAO, role lbbs.
pub async fn fill_organisation(page: &Browser) {
    page.set("brand-select", "DAO").await;
    page.type_keys("org-name", "Stad Gent").await;
    page.type_keys("org-code", "0207.451.227").await;
    page.set("role-select", "lbbs").await;
}

/// What the stand-ins' ping answer for Stad Gent (lbbs, beta, [`CLIENT_ID`]) is checked against,
/// under `brand`'s naming, now; `issuer` is the ACM/IDM stand-in's.
pub fn stad_gent_expectations(issuer: String, brand: Brand) -> Expectations {
    Expectations {
        client_id: Some(CLIENT_ID.into()),
        org_code: OrgCode::parse("0207451227").ok(),
        org_name: OrgName::parse("Stad Gent").ok(),
        client_name: Some(format!("{} beta Stad Gent client", brand.name())),
        issuer,
        side: AcmSide::TestAndIntegration,
        brand,
        role: Role::Lbbs,
        now: chrono::Utc::now().timestamp(),
    }
}

/// A ping answer that passes for [`fill_organisation`]'s registration and [`CLIENT_ID`], issued now.
pub fn stad_gent_answer() -> Value {
    let now = chrono::Utc::now().timestamp();
    json!({
        "VoOrgcode": "0207451227", "scopes": "vo_info dao_lbbs", "clientId": CLIENT_ID,
        "token": {"active": true, "iss": "https://authenticatie-ti.vlaanderen.be/op", "sub": CLIENT_ID, "client_id": CLIENT_ID,
                  "vo_orgcode": "0207451227", "vo_orgnaam": "Stad Gent", "vo_applicatienaam": "DAO beta Stad Gent client",
                  "token_type": "bearer", "aud": [], "scope": ["vo_info", "dao_lbbs"], "iat": now - 60, "exp": now + 3540}
    })
}

/// The `data-check` of every check row that failed, in order.
pub async fn failing_checks(page: &Browser) -> Vec<String> {
    let mut failed = Vec::new();
    for row in page.all("check-row").await {
        if row.attr("data-status").await.unwrap().as_deref() == Some("fail") {
            failed.push(row.attr("data-check").await.unwrap().unwrap());
        }
    }
    failed
}

/// Fills every step so each shows its results (messages, outputs, tables).
pub async fn use_every_step(page: &Browser) {
    fill_organisation(page).await;
    // The workspace with a row, as it reads at every width checked below.
    page.click("workspace-add").await;
    page.wait_attr("workspace", "data-empty", "false").await;
    page.set("key-type", "ec-p256").await;
    page.click("key-generate").await;
    page.wait_attr("key-status", "data-loaded", "true").await;
    page.set("registered-jwk", &page.text("public-jwk").await)
        .await;
    page.set("client-id", CLIENT_ID).await;
    page.click("assertion-sign").await;
    page.wait_exists("assertion-lint").await;
    page.set("ping-input", &stad_gent_answer().to_string())
        .await;
    page.click("ping-validate").await;
    page.wait_attr("ping-verdict", "data-verdict", "ok").await;
}
