//! Relay figures for `scripts/bench.sh` (ignored by the test suite): pings forwarded through the
//! real nginx relay to the API stand-in under load (`oha`, from crates.io), the share answered
//! 429 when one client goes past the reference rate limit, and what the relay and the page say,
//! and how fast, when the upstream is down, too slow or breaks off. Lines start with `BENCH|`.

#![cfg(not(target_arch = "wasm32"))]

mod support;

use std::time::{Duration, Instant};

use dao_onboard::domain::acm::exchange::{self, ExchangeFailure, RelayError};
use dao_onboard::domain::acm::token::{self, TokenAnswer};
use dao_onboard::domain::runnable::relay_nginx::RelayLimits;
use dao_onboard::i18n::{messages, Lang};
use serde_json::Value;
use support::signer::Signer;
use support::stand_ins::{ApiMode, StandIns};
use support::{raw_http, Relay, CLIENT_ID};

const ORIGIN: &str = "http://127.0.0.1:8080";
const IDS: [&str; 3] = [
    "0b6f1a52-8f0e-4b8e-9a63-3c1d2e4f5a6b",
    "1b6f1a52-8f0e-4b8e-9a63-3c1d2e4f5a6b",
    "2b6f1a52-8f0e-4b8e-9a63-3c1d2e4f5a6b",
];

fn report(name: &str, value: impl std::fmt::Display, unit: &str, note: &str) {
    println!("BENCH|{name}|{value}|{unit}|{note}");
}

/// A real access token from the ACM stand-in, through the relay.
async fn access_token(stand_ins: &StandIns, relay: &Relay, signer: &Signer) -> String {
    let form = dao_onboard::domain::acm::token::token_request_form(
        CLIENT_ID,
        &signer.assertion(stand_ins),
        "vo_info dao_lbbs",
        None,
    );
    let request = format!(
        "POST /{} HTTP/1.1\r\nHost: relay\r\nConnection: close\r\nOrigin: {ORIGIN}\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: {}\r\n\r\n{form}",
        stand_ins.token_url(),
        form.len()
    );
    let reply = raw_http(relay.port, &request).await;
    match token::parse_token_answer(reply.status, reply.body.trim()) {
        Ok(TokenAnswer::Granted(grant)) => grant.access_token,
        other => panic!("no token: {other:?} {reply:?}"),
    }
}

/// Runs oha against `url` and returns its JSON summary.
fn oha(url: &str, token: &str, concurrency: u32, requests: u32) -> Value {
    let mut command = std::process::Command::new("oha");
    command
        .args(["--no-tui", "--output-format", "json"])
        .args(["-c", &concurrency.to_string(), "-n", &requests.to_string()])
        .args(["-H", &format!("Origin: {ORIGIN}")])
        .args(["-H", &format!("Authorization: Bearer {token}")]);
    for (header, id) in exchange::TRACE_HEADERS.iter().zip(IDS) {
        command.args(["-H", &format!("{header}: {id}")]);
    }
    let output = command
        .arg(url)
        .output()
        .expect("oha is installed (scripts/bench.sh installs it)");
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    serde_json::from_slice(&output.stdout).expect("oha's JSON")
}

fn count(summary: &Value, status: &str) -> u64 {
    summary["statusCodeDistribution"][status]
        .as_u64()
        .unwrap_or(0)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[ignore = "benchmark: scripts/bench.sh"]
async fn relay_under_load() {
    let stand_ins = StandIns::start().await;
    let signer = Signer::new();
    signer.register_stad_gent(&stand_ins);
    // Throughput: limits out of the way.
    let open = Relay::start_with(ORIGIN, stand_ins.relay_targets(), |params| {
        params.limits = RelayLimits {
            requests_per_second: 1_000_000,
            burst: 1_000_000,
            connections: 10_000,
        }
    });
    let token = access_token(&stand_ins, &open, &signer).await;
    let url = format!("http://127.0.0.1:{}/{}", open.port, stand_ins.ping_url());
    for (concurrency, requests) in [(50, 5_000), (200, 10_000)] {
        let summary = oha(&url, &token, concurrency, requests);
        let ok = count(&summary, "200");
        assert!(ok > 0, "{summary}");
        let label = format!("relay, ping at {concurrency} connections");
        report(
            &format!("{label}: requests per second"),
            format!(
                "{:.0}",
                summary["summary"]["requestsPerSec"].as_f64().unwrap_or(0.0)
            ),
            "req/s",
            &format!("{ok} of {requests} answered 200, nginx to the axum stand-in"),
        );
        let percentile =
            |p: &str| summary["latencyPercentiles"][p].as_f64().unwrap_or(0.0) * 1000.0;
        report(
            &format!("{label}: latency p50 / p99"),
            format!("{:.1} / {:.1}", percentile("p50"), percentile("p99")),
            "ms",
            "",
        );
    }
    // One client past the reference limit (5 per second, burst 20, 10 connections).
    let limited = Relay::start(ORIGIN, stand_ins.relay_targets());
    let token = access_token(&stand_ins, &limited, &signer).await;
    let url = format!("http://127.0.0.1:{}/{}", limited.port, stand_ins.ping_url());
    let summary = oha(&url, &token, 20, 1_000);
    let share = count(&summary, "429") as f64 / 1_000.0 * 100.0;
    report(
        "relay, one client sending 1000 pings at 20 connections: answered 429",
        format!("{share:.1}"),
        "%",
        "reference limits: 5 requests/s, burst 20, 10 connections per address",
    );
}

/// What the page says for a relay error (first sentence).
fn page_says(error: RelayError) -> String {
    let text = messages::exchange_failure(Lang::En, &ExchangeFailure::RelayRefused { error });
    text.split(". ").next().unwrap_or_default().to_string()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[ignore = "benchmark: scripts/bench.sh"]
async fn relay_faults() {
    let stand_ins = StandIns::start().await;
    let (down, breaking, targets) = support::fault_targets(&stand_ins).await;
    // The reference relay: 15 s upstream time-out.
    let relay = Relay::start(ORIGIN, targets);
    let get = |target: String| {
        let port = relay.port;
        async move {
            let started = Instant::now();
            let reply = raw_http(
                port,
                &format!("GET /{target} HTTP/1.1\r\nHost: relay\r\nConnection: close\r\nOrigin: {ORIGIN}\r\n\r\n"),
            )
            .await;
            (reply, started.elapsed())
        }
    };
    let show = |elapsed: Duration| format!("{:.0}", elapsed.as_secs_f64() * 1000.0);

    let (reply, elapsed) = get(down).await;
    let error = exchange::relay_refusal(reply.status, reply.body.trim());
    report(
        &format!(
            "fault, upstream down: {} {}",
            reply.status,
            error.as_ref().map_or("-", |e| e.code())
        ),
        show(elapsed),
        "ms",
        &format!("page: {}", error.map(page_says).unwrap_or_default()),
    );

    stand_ins.set_api_mode(ApiMode::Hang);
    let (reply, elapsed) = get(stand_ins.ping_url()).await;
    let error = exchange::relay_refusal(reply.status, reply.body.trim());
    report(
        &format!(
            "fault, upstream silent: {} {}",
            reply.status,
            error.as_ref().map_or("-", |e| e.code())
        ),
        show(elapsed),
        "ms",
        &format!(
            "after the 15 s read time-out; page: {}",
            error.map(page_says).unwrap_or_default()
        ),
    );

    let (reply, elapsed) = get(breaking).await;
    report(
        &format!("fault, upstream breaks off mid-answer: {} with {} of 1000 bytes", reply.status, reply.body.len()),
        show(elapsed),
        "ms",
        "headers already sent, so the relay closes the connection; the page's read fails and it says the server cannot be reached",
    );
}
