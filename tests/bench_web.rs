//! Browser benchmarks that print figures, run by `scripts/bench.sh` in release mode: the whole
//! assertion (claims, encoding, WebCrypto signature) against the bare WebCrypto signature with the
//! same key (as a ratio), key import into the key store, RSA-4096 key generation, and the ping
//! check of a 1 MB answer in the browser.
#![cfg(target_arch = "wasm32")]

use dao_onboard::domain::assertion;
use dao_onboard::domain::key;
use dao_onboard::domain::ping::{check_text, samples};
use dao_onboard::webcrypto::{self, KeySpec};
use rand_core::OsRng;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

fn now_ms() -> f64 {
    web_sys::window().unwrap().performance().unwrap().now()
}

fn report(name: &str, value: f64, unit: &str, note: &str) {
    console_log!("BENCH|{name}|{value:.2}|{unit}|{note}");
}

/// Mean milliseconds of a whole assertion and of the bare WebCrypto signature of its input.
async fn compare(spec: KeySpec, iterations: u32) -> (f64, f64) {
    let (held, _) = webcrypto::generate(spec).await.unwrap();
    let alg = held.info.kind().default_alg();
    let assertion_spec = assertion::samples::spec(alg);
    let whole = || async {
        let unsigned = assertion::prepare(
            &assertion_spec,
            &held.info,
            Some(held.info.kid()),
            1_780_000_000,
            assertion::new_uuid(&mut OsRng),
        )
        .unwrap();
        held.sign_assertion(unsigned).await.unwrap()
    };
    let input = whole()
        .await
        .compact
        .rsplit_once('.')
        .unwrap()
        .0
        .to_string();
    let started = now_ms();
    for _ in 0..iterations {
        assert!(!whole().await.compact.is_empty());
    }
    let page = (now_ms() - started) / f64::from(iterations);
    let started = now_ms();
    for _ in 0..iterations {
        assert!(!held.sign(alg, input.as_bytes()).await.unwrap().is_empty());
    }
    let bare = (now_ms() - started) / f64::from(iterations);
    (page, bare)
}

#[wasm_bindgen_test]
async fn whole_assertion_against_the_bare_signature() {
    for (spec, label, iterations) in [
        (KeySpec::Rsa { bits: 2048 }, "RS256, RSA 2048", 40),
        (KeySpec::Rsa { bits: 4096 }, "RS256, RSA 4096", 16),
        (KeySpec::EcP256, "ES256, P-256", 100),
    ] {
        let (page, bare) = compare(spec, iterations).await;
        report(
            &format!("sign {label}: whole assertion"),
            page,
            "ms",
            "claims, encoding, WebCrypto signature",
        );
        report(
            &format!("sign {label}: WebCrypto signature alone"),
            bare,
            "ms",
            "same key and signing input",
        );
        report(
            &format!("sign {label}: ratio whole / bare"),
            page / bare,
            "×",
            "goal ≤ 1.2×",
        );
    }
}

#[wasm_bindgen_test]
async fn key_import_into_the_key_store() {
    let pem = include_str!("fixtures/keys/rsa2048-pkcs8.pem");
    let mut total = 0.0;
    for _ in 0..10 {
        let started = now_ms();
        let held = webcrypto::hold(key::import(pem).unwrap()).await.unwrap();
        total += now_ms() - started;
        assert_eq!(held.crypto_keys().count(), 2);
    }
    report(
        "import RSA 2048 PKCS#8 PEM (mean of 10)",
        total / 10.0,
        "ms",
        "checks in Rust, then importKey for RS256 and PS256",
    );
}

#[wasm_bindgen_test]
async fn rsa_4096_key_generation() {
    let mut total = 0.0;
    for _ in 0..3 {
        let started = now_ms();
        let _ = webcrypto::generate(KeySpec::Rsa { bits: 4096 })
            .await
            .unwrap();
        total += now_ms() - started;
    }
    report(
        "RSA 4096 key generation (mean of 3)",
        total / 3.0,
        "ms",
        "WebCrypto, then the non-extractable copy",
    );
}

#[wasm_bindgen_test]
fn ping_check_in_the_browser() {
    let text = samples::padded_answer(1 << 20);
    let expectations = samples::documented_expectations();
    let mut times = Vec::new();
    for _ in 0..9 {
        let started = now_ms();
        let report = check_text(&text, &expectations);
        times.push(now_ms() - started);
        assert_eq!(
            report.rows.len(),
            dao_onboard::domain::ping::CheckId::ALL.len()
        );
    }
    times.sort_by(f64::total_cmp);
    report(
        "ping check, 1 MB answer (browser, median of 9)",
        times[4],
        "ms",
        "goal ≤ 20 ms",
    );
}
