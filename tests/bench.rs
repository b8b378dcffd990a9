//! Benchmarks that print figures, run by `scripts/bench.sh` (ignored by the test suite):
//! the page's time to first interactive render in headless Chromium, and the ping check of a
//! 1 MB answer natively. Lines start with `BENCH|` for the script to tabulate.
#![cfg(not(target_arch = "wasm32"))]

mod support;

use std::time::Instant;

use dao_onboard::domain::ping::{check_text, samples, Verdict};
use support::{dist_dir, serve_page, Browser};

fn median(mut values: Vec<f64>) -> f64 {
    values.sort_by(f64::total_cmp);
    values[values.len() / 2]
}

#[test]
#[ignore = "benchmark: scripts/bench.sh"]
fn ping_check_of_a_1_mb_answer_natively() {
    let text = samples::padded_answer(1 << 20);
    let expectations = samples::documented_expectations();
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
