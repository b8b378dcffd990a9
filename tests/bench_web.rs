//! Browser benchmarks that print figures, run by `scripts/bench.sh` in release mode: the whole
//! assertion (claims, encoding, WebCrypto signature) against the bare WebCrypto signature with the
//! same key (as a ratio), key import into the key store, RSA-4096 key generation, and the ping
//! check of a 1 MB answer in the browser, and the onboarding workspace at 1,000 rows (shown,
//! switched, filtered, each change stored).
#![cfg(target_arch = "wasm32")]

use dao_onboard::domain::acm::assertion;
use dao_onboard::domain::acm::key;
use dao_onboard::domain::onboarding::ping::check_text;
use dao_onboard::domain::samples;
use dao_onboard::webcrypto::{self, KeySpec};
use rand_core::OsRng;
use wasm_bindgen_test::*;

mod web_support;

use web_support::settle;

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
    let assertion_spec = samples::assertion_spec(alg);
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
            dao_onboard::domain::onboarding::ping::CheckId::ALL.len()
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

/// Milliseconds until the page has taken in a change (effects run, DOM updated).
fn shown_rows(root: &web_sys::Element) -> u32 {
    root.query_selector_all("[data-testid=\"workspace-row\"]")
        .unwrap()
        .length()
}

#[wasm_bindgen_test]
async fn workspace_of_a_thousand_rows() {
    use dao_onboard::domain::onboarding::workspace::{Onboarding, RowId, Workspace};
    use dao_onboard::domain::onboarding::workspace_file;
    use dao_onboard::ui::workspace;
    use leptos::prelude::*;

    let mut csv = String::from("organisation;code;role;environment\n");
    for n in 0..1000u64 {
        let first_eight = 1_000_000 + n;
        csv.push_str(&format!(
            "Uitvaart {n};{first_eight:08}{:02};uitvaartondernemer;beta\n",
            97 - first_eight % 97
        ));
    }
    let started = now_ms();
    let values = workspace_file::read_csv(csv.as_bytes(), &Workspace::default()).unwrap();
    report(
        "workspace: read a CSV of 1,000 rows",
        now_ms() - started,
        "ms",
        "all checks, all or nothing",
    );
    let mut rows = Workspace::default();
    rows.append(
        values
            .into_iter()
            .map(|v| Onboarding::new(RowId(0), v, Some(0)))
            .collect(),
    );

    // What opening costs apart from drawing: the stored JSON of every row, and writing it.
    let started = now_ms();
    let json = workspace_file::to_json(&rows, None);
    let to_json = now_ms() - started;
    report(
        "workspace: its stored JSON for 1,000 rows",
        to_json,
        "ms",
        &format!(
            "{} B, {:.0} µs a row; every change writes all rows",
            json.len(),
            to_json
        ),
    );
    let started = now_ms();
    let read = workspace_file::from_json(
        &json,
        &Workspace::default(),
        workspace_file::MAX_STORED_BYTES,
    )
    .unwrap();
    let from_json = now_ms() - started;
    assert_eq!(read.workspace.rows().len(), 1000);
    report(
        "workspace: reading that JSON back (a visit's start)",
        from_json,
        "ms",
        &format!("{from_json:.0} µs a row, every check"),
    );
    let storage = web_sys::window().unwrap().local_storage().unwrap().unwrap();
    let started = now_ms();
    storage.set_item("dao-onboard.bench", &json).unwrap();
    let stored = now_ms() - started;
    storage.remove_item("dao-onboard.bench").unwrap();
    report(
        "workspace: writing that JSON to localStorage",
        stored,
        "ms",
        "the browser's own cost",
    );

    web_support::clear_storage();
    let (root, state) = web_support::mount(|state| {
        dao_onboard::ui::provide_workspace(state);
        dao_onboard::ui::parts::workspace_view(state)
    });

    let started = now_ms();
    state.workspace.rows.set(rows);
    settle().await;
    let shown = now_ms() - started;
    // The list renders 50 rows at a time (the filter narrows, "more" adds the next 50).
    assert_eq!(shown_rows(&root), 50);
    report(
        "workspace: open with 1,000 rows",
        shown,
        "ms",
        "first 50 rendered, all stored; goal ≤ 100 ms",
    );
    let drawing = shown - to_json - stored;
    report(
        "workspace: open with 1,000 rows, less storing",
        drawing,
        "ms",
        &format!(
            "drawing 50 rows (about {:.1} ms each) and the list's own work over 1,000",
            drawing / 50.0
        ),
    );

    let ids: Vec<RowId> = state
        .workspace
        .rows
        .with_untracked(|w| w.rows().iter().map(|r| r.id).collect());
    let mut times = Vec::new();
    for index in [10usize, 49, 3, 0, 25, 37, 1, 48, 42] {
        let started = now_ms();
        workspace::open(state, ids[index]);
        settle().await;
        times.push(now_ms() - started);
        let current = root
            .query_selector("[data-current=\"true\"]")
            .unwrap()
            .unwrap();
        assert_eq!(
            current.get_attribute("data-org-code").unwrap(),
            format!(
                "{:08}{:02}",
                1_000_000 + index,
                97 - (1_000_000 + index) % 97
            )
        );
    }
    times.sort_by(f64::total_cmp);
    report(
        "workspace: switch rows at 1,000 (median of 9)",
        times[4],
        "ms",
        "steps filled, row marked, stored; goal ≤ 100 ms",
    );

    let mut times = Vec::new();
    for filter in ["Uitvaart 99", "", "0100012", "", "uitvaart 5"] {
        let expected = state
            .workspace
            .rows
            .with_untracked(|w| w.rows().iter().filter(|r| r.matches(filter)).count())
            .min(50) as u32;
        let started = now_ms();
        state.workspace.filter.set(filter.to_string());
        settle().await;
        times.push(now_ms() - started);
        assert_eq!(shown_rows(&root), expected, "filter {filter:?}");
    }
    times.sort_by(f64::total_cmp);
    report(
        "workspace: filter 1,000 rows (median of 5, narrowing and clearing)",
        times[2],
        "ms",
        "goal ≤ 100 ms",
    );
}
