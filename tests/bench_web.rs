//! Browser benchmarks that print figures, run by `scripts/bench.sh` in release mode:
//! the Rust signer against WebCrypto signing the same data with the same key (as a ratio),
//! RSA-4096 key generation, and the ping check of a 1 MB answer in the browser.
#![cfg(target_arch = "wasm32")]

use dao_onboard::domain::assertion;
use dao_onboard::domain::key::{self, SigningAlg};
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

/// Mean milliseconds of Rust assertion signing and of WebCrypto signing the same signing input.
async fn compare(spec: KeySpec, iterations: u32) -> (f64, f64) {
    let jwk = webcrypto::generate(spec).await.unwrap();
    let signing_key = key::import(&jwk).unwrap();
    let alg = signing_key.kind().default_alg();
    let assertion_spec = assertion::samples::spec(alg);
    let signed = assertion::sign(
        &signing_key,
        &assertion_spec,
        1_780_000_000,
        assertion::new_uuid(&mut OsRng),
    )
    .unwrap();
    let input = signed.compact.rsplit_once('.').unwrap().0.to_string();
    let web_key = webcrypto::import_for_signing(&signing_key.private_jwk(), alg.name())
        .await
        .unwrap();

    let started = now_ms();
    for _ in 0..iterations {
        let signed = assertion::sign(
            &signing_key,
            &assertion_spec,
            1_780_000_000,
            assertion::new_uuid(&mut OsRng),
        )
        .unwrap();
        assert!(!signed.compact.is_empty());
    }
    let rust = (now_ms() - started) / f64::from(iterations);
    let started = now_ms();
    for _ in 0..iterations {
        let signature = webcrypto::sign(&web_key, alg.name(), input.as_bytes())
            .await
            .unwrap();
        assert!(!signature.is_empty());
    }
    let web = (now_ms() - started) / f64::from(iterations);
    assert!(alg == SigningAlg::Rs256 || alg == SigningAlg::Es256);
    (rust, web)
}

#[wasm_bindgen_test]
async fn signing_against_webcrypto() {
    for (spec, label, iterations) in [
        (KeySpec::Rsa { bits: 2048 }, "RS256, RSA 2048", 20),
        (KeySpec::Rsa { bits: 4096 }, "RS256, RSA 4096", 8),
        (KeySpec::EcP256, "ES256, P-256", 50),
    ] {
        let (rust, web) = compare(spec, iterations).await;
        report(
            &format!("sign {label}: Rust (jwt-compact)"),
            rust,
            "ms",
            "whole assertion: claims, encoding, signature",
        );
        report(
            &format!("sign {label}: WebCrypto"),
            web,
            "ms",
            "signature only, same key and data",
        );
        report(
            &format!("sign {label}: ratio Rust / WebCrypto"),
            rust / web,
            "×",
            "goal ≤ 2×",
        );
    }
}

#[wasm_bindgen_test]
async fn rsa_4096_key_generation() {
    let mut total = 0.0;
    for _ in 0..3 {
        let started = now_ms();
        let jwk = webcrypto::generate(KeySpec::Rsa { bits: 4096 })
            .await
            .unwrap();
        let _ = key::import(&jwk).unwrap();
        total += now_ms() - started;
    }
    report(
        "RSA 4096 key generation + import (mean of 3)",
        total / 3.0,
        "ms",
        "WebCrypto, then into the signer",
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
        assert_eq!(report.rows.len(), 9);
    }
    times.sort_by(|a, b| a.total_cmp(b));
    report(
        "ping check, 1 MB answer (browser, median of 9)",
        times[4],
        "ms",
        "goal ≤ 20 ms",
    );
}
