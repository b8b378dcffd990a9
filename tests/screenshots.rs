//! Screenshots of every step for the README, made from the built page in headless Chromium with
//! the stand-ins and the relay behind step 5. Not a test: run it with
//! `cargo test --test screenshots -- --ignored` after a release build; it writes docs/screenshots/.
#![cfg(not(target_arch = "wasm32"))]

mod support;

use serde_json::Value;
use support::stand_ins::{RegisteredClient, StandIns};
use support::{dist_dir, fill_organisation, serve_page, Browser, Relay, CLIENT_ID};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[ignore = "writes docs/screenshots/; run by hand"]
async fn screenshots_of_every_step() {
    let out = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/screenshots");
    std::fs::create_dir_all(&out).unwrap();
    let server = serve_page(&dist_dir("dist"), "/", None).await;
    let stand_ins = StandIns::start().await;
    let relay = Relay::start(&server.url(), stand_ins.relay_targets());
    let page = Browser::start().await;
    page.client.set_window_size(1100, 4000).await.unwrap();
    page.goto(&server.url()).await;

    fill_organisation(&page).await;
    page.set("key-type", "rsa-2048").await;
    page.click("key-generate").await;
    page.wait_attr("key-status", "data-loaded", "true").await;
    let public_jwk: Value = serde_json::from_str(&page.text("public-jwk").await).unwrap();
    stand_ins.register(RegisteredClient {
        client_id: CLIENT_ID.into(),
        public_jwks: vec![public_jwk.clone()],
        org_code: "0207451227".into(),
        org_name: "Stad Gent".into(),
        client_name: "DAO beta Stad Gent client".into(),
        scopes: vec!["vo_info".into(), "dao_lbbs".into()],
    });
    page.set("registered-jwk", &public_jwk.to_string()).await;
    for item in page.all("checklist-item").await.iter().take(3) {
        item.click().await.unwrap();
    }
    // The stand-ins' endpoints first, so the assertion is signed for their issuer.
    page.set("relay-url", &relay.url()).await;
    page.set("issuer-url", &stand_ins.issuer()).await;
    page.set("ping-url", &stand_ins.ping_url()).await;
    page.set("client-id", CLIENT_ID).await;
    page.click("assertion-sign").await;
    page.wait_exists("assertion-lint").await;
    page.click("token-request").await;
    page.wait_attr("token-result", "data-outcome", "granted")
        .await;
    page.click("ping-request").await;
    page.wait_attr("ping-verdict", "data-verdict", "ok").await;

    for step in support::step_ids() {
        let section = page
            .client
            .find(fantoccini::Locator::Id(step))
            .await
            .unwrap();
        let png = section.screenshot().await.unwrap();
        std::fs::write(out.join(format!("{step}.png")), png).unwrap();
    }
    page.close().await;
}
