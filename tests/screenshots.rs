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
    page.wait_ready().await;
    // The empty workspace: one line above step 1.
    let workspace = page
        .client
        .find(fantoccini::Locator::Id("werkruimte"))
        .await
        .unwrap();
    std::fs::write(
        out.join("werkruimte-leeg.png"),
        workspace.screenshot().await.unwrap(),
    )
    .unwrap();

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
    // The workspace with an integrator's rows, at this width and on a phone.
    let csv = support::temp_dir("screenshots").join("klanten.csv");
    std::fs::write(
        &csv,
        "organisation;code;role;environment;client_id\n\
         Uitvaartcentrum Van den Broeck en Zonen 2;0123456749;uitvaartondernemer;beta;3f1c2b9e-6a1d-4e0b-9f3a-2c7d8e9f0a1b\n\
         Uitvaart De Linde;0207451227;uitvaartondernemer;acc;\n\
         Crematorium Heimolen;0404040434;crematorium;beta;\n",
    )
    .unwrap();
    page.el("workspace-import")
        .await
        .send_keys(&csv.display().to_string())
        .await
        .unwrap();
    page.wait_attr("workspace-import-result", "data-outcome", "added")
        .await;
    for (width, name) in [(1100, "werkruimte.png"), (390, "werkruimte-telefoon.png")] {
        page.client.set_window_size(width, 4000).await.unwrap();
        let workspace = page
            .client
            .find(fantoccini::Locator::Id("werkruimte"))
            .await
            .unwrap();
        std::fs::write(out.join(name), workspace.screenshot().await.unwrap()).unwrap();
    }
    page.close().await;
}
