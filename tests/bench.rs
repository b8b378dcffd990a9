//! Benchmarks that print figures, run by `scripts/bench.sh` (ignored by the test suite):
//! the page's time to first interactive render in headless Chromium, and the ping check of a
//! 1 MB answer natively. Lines start with `BENCH|` for the script to tabulate.
#![cfg(not(target_arch = "wasm32"))]

mod support;

use std::time::Instant;

use dao_onboard::domain::environment::{AcmSide, Brand, Role};
use dao_onboard::domain::organisation::{OrgCode, OrgName};
use dao_onboard::domain::ping::{check_text, Expectations, Verdict};
use serde_json::json;
use support::{dist_dir, serve_page, Browser};

fn median(mut values: Vec<f64>) -> f64 {
    values.sort_by(|a, b| a.total_cmp(b));
    values[values.len() / 2]
}

/// A documented ping answer padded with unknown fields to about `bytes`.
pub fn big_answer(bytes: usize) -> String {
    let mut answer = json!({
        "VoOrgcode": "0123456749", "scopes": "vo_info elys_depzorg", "clientId": "5b8c2a7e-3d1f-4e9a-b6c0-2f7d8e9a1b3c",
        "token": {"active": true, "iss": "https://authenticatie-ti.vlaanderen.be/op", "sub": "5b8c2a7e-3d1f-4e9a-b6c0-2f7d8e9a1b3c",
                  "client_id": "5b8c2a7e-3d1f-4e9a-b6c0-2f7d8e9a1b3c", "vo_orgcode": "0123456749", "vo_orgnaam": "Departement Zorg",
                  "vo_applicatienaam": "eLys beta Departement Zorg client", "token_type": "bearer", "aud": [],
                  "scope": ["vo_info", "elys_depzorg"], "iat": "2024-12-19T08:55:56Z", "exp": "2024-12-19T09:55:56Z"}
    });
    let record = json!({"id": 12345, "naam": "Stad Gent", "tags": ["a", "b", "c"], "actief": true, "score": 1.5});
    let per_record = record.to_string().len() + 1;
    answer["extra"] = json!(vec![record; bytes / per_record]);
    answer.to_string()
}

fn expectations() -> Expectations {
    Expectations {
        client_id: Some("5b8c2a7e-3d1f-4e9a-b6c0-2f7d8e9a1b3c".into()),
        org_code: OrgCode::parse("0123456749").ok(),
        org_name: OrgName::parse("Departement Zorg").ok(),
        client_name: Some("eLys beta Departement Zorg client".into()),
        issuer: "https://authenticatie-ti.vlaanderen.be/op".into(),
        side: AcmSide::TestAndIntegration,
        brand: Brand::Elys,
        role: Role::Depzorg,
        now: 1_734_598_800,
    }
}

#[test]
#[ignore = "benchmark: scripts/bench.sh"]
fn ping_check_of_a_1_mb_answer_natively() {
    let text = big_answer(1 << 20);
    let expectations = expectations();
    let mut times = Vec::new();
    for _ in 0..15 {
        let started = Instant::now();
        let report = check_text(&text, &expectations);
        times.push(started.elapsed().as_secs_f64() * 1000.0);
        assert_eq!(report.verdict, Verdict::Ok);
    }
    println!(
        "BENCH|ping check, 1 MB answer (native, median of 15)|{:.1}|ms|goal ≤ 20 ms",
        median(times)
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[ignore = "benchmark: scripts/bench.sh"]
async fn first_interactive_render_in_chromium() {
    let server = serve_page(&dist_dir("dist"), "/", None).await;
    let page = Browser::start().await;
    let mut times = Vec::new();
    for _ in 0..11 {
        page.client.goto(&server.url()).await.unwrap();
        page.wait_ready().await;
        let ready = page
            .eval("return Number(document.documentElement.getAttribute('data-ready-ms'))")
            .await;
        times.push(ready.as_f64().unwrap());
    }
    // The first load fills the HTTP cache; the median is over the 10 loads after it.
    let first = times.remove(0);
    println!(
        "BENCH|first interactive render, cold load|{first:.0}|ms|navigation start to mounted page"
    );
    println!(
        "BENCH|first interactive render (median of 10 loads)|{:.0}|ms|goal ≤ 150 ms",
        median(times)
    );
    page.close().await;
}
