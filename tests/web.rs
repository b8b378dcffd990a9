//! Browser tests (wasm-bindgen-test in headless Chromium): the step components mounted alone,
//! driven through the DOM, and WebCrypto key generation feeding the Rust signer.
//!
//! Run with `cargo test --target wasm32-unknown-unknown --test web`.
#![cfg(target_arch = "wasm32")]

use std::sync::Arc;

use dao_onboard::domain::assertion;
use dao_onboard::domain::key::{self, SigningAlg};
use dao_onboard::domain::ping::samples;
use dao_onboard::i18n::{t, Lang, T};
use dao_onboard::settings::Settings;
use dao_onboard::ui::state::{AppState, LoadedKey, UiLang};
use dao_onboard::ui::{
    assertion::AssertionStep, check::CheckStep, key::KeyStep, organisation::OrganisationStep,
    registration::RegistrationStep,
};
use dao_onboard::webcrypto::{self, KeySpec};
use leptos::prelude::*;
use leptos::task::tick;
use rand_core::OsRng;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::{Element, HtmlElement, HtmlInputElement, HtmlTextAreaElement};

wasm_bindgen_test_configure!(run_in_browser);

/// A fresh container in the document for one test.
fn container() -> HtmlElement {
    let document = document();
    let div: HtmlElement = document.create_element("div").unwrap().unchecked_into();
    document.body().unwrap().append_child(&div).unwrap();
    div
}

fn find(root: &Element, testid: &str) -> Element {
    root.query_selector(&format!("[data-testid=\"{testid}\"]"))
        .unwrap()
        .unwrap_or_else(|| panic!("no element with data-testid={testid}"))
}

fn find_all(root: &Element, testid: &str) -> Vec<Element> {
    let list = root
        .query_selector_all(&format!("[data-testid=\"{testid}\"]"))
        .unwrap();
    (0..list.length())
        .map(|i| list.item(i).unwrap().unchecked_into())
        .collect()
}

fn text(root: &Element, testid: &str) -> String {
    find(root, testid).text_content().unwrap_or_default()
}

/// Types into an input or text area the way a user does: value, then a bubbling `input` event
/// (Leptos delegates events to the document).
fn type_into(root: &Element, testid: &str, value: &str) {
    let element = find(root, testid);
    if let Some(input) = element.dyn_ref::<HtmlInputElement>() {
        input.set_value(value);
    } else {
        element
            .unchecked_ref::<HtmlTextAreaElement>()
            .set_value(value);
    }
    dispatch(&element, "input");
}

fn dispatch(element: &Element, kind: &str) {
    let init = web_sys::EventInit::new();
    init.set_bubbles(true);
    let event = web_sys::Event::new_with_event_init_dict(kind, &init).unwrap();
    element.dispatch_event(&event).unwrap();
}

fn click(root: &Element, testid: &str) {
    find(root, testid).unchecked_ref::<HtmlElement>().click();
}

/// Mounts a view built from fresh default state, returning the container and the state.
fn mount<V: IntoView + 'static>(build: impl Fn(AppState) -> V + 'static) -> (Element, AppState) {
    let root = container();
    let state_slot = Arc::new(std::sync::Mutex::new(None));
    let slot = state_slot.clone();
    leptos::mount::mount_to(root.clone(), move || {
        let state = AppState::from_settings(&Settings::default());
        provide_context(UiLang(state.lang));
        *slot.lock().unwrap() = Some(state);
        build(state)
    })
    .forget();
    let state = state_slot.lock().unwrap().take().unwrap();
    (root.unchecked_into(), state)
}

/// Settles the page until `condition` holds, for up to two seconds (imports run asynchronously).
async fn wait_until(condition: impl Fn() -> bool) {
    for _ in 0..40 {
        settle().await;
        if condition() {
            return;
        }
        gloo_sleep(50).await;
    }
}

async fn settle() {
    for _ in 0..3 {
        tick().await;
    }
}

#[wasm_bindgen_test]
async fn organisation_step_composes_the_values() {
    let (root, state) = mount(
        |s| view! { <OrganisationStep form=s.form registration=s.registration endpoints=s.endpoints/> },
    );
    settle().await;
    assert_eq!(text(&root, "client-name"), "");
    assert_eq!(
        text(&root, "api-reference"),
        "DAO (Digitale Aangifte Overlijden) API T&I"
    );

    type_into(&root, "org-name", "  Stad   Gent ");
    settle().await;
    assert_eq!(text(&root, "client-name"), "DAO beta Stad Gent client");
    assert_eq!(
        text(&root, "scope-string"),
        "vo_info dao_uitvaartondernemer"
    );

    let env = find(&root, "env-select");
    env.unchecked_ref::<web_sys::HtmlSelectElement>()
        .set_value("PROD");
    dispatch(&env, "change");
    let brand = find(&root, "brand-select");
    brand
        .unchecked_ref::<web_sys::HtmlSelectElement>()
        .set_value("eLys");
    dispatch(&brand, "change");
    settle().await;
    assert_eq!(text(&root, "client-name"), "eLys prod Stad Gent client");
    assert_eq!(
        text(&root, "api-reference"),
        "eLys (Digitale Aangifte Overlijden) API"
    );
    assert_eq!(
        text(&root, "api-client-id"),
        "",
        "the production id is not published"
    );
    assert_eq!(
        find(&root, "beheerportaal-link")
            .get_attribute("href")
            .as_deref(),
        Some("https://beheerportaal.vlaanderen.be")
    );

    type_into(&root, "org-code", "0123.456.748");
    settle().await;
    let message = text(&root, "org-code-message");
    assert!(message.contains("49"), "{message}");

    state.lang.set(Lang::En);
    settle().await;
    assert!(text(&root, "org-code-message").starts_with("The check digits are wrong"));
}

#[wasm_bindgen_test]
async fn checklist_ticks_and_markdown() {
    let (root, state) = mount(|s| {
        view! {
            <RegistrationStep registration=s.registration endpoints=s.endpoints ticks=s.ticks api_team_email=s.api_team_email signing=s.signing/>
        }
    });
    state.form.org_name.set("Stad Gent".into());
    settle().await;
    let items = find_all(&root, "checklist-item");
    assert_eq!(items.len(), 15);
    items[0].unchecked_ref::<HtmlElement>().click();
    settle().await;
    assert!(state.ticks.with(|t| t.len() == 1));
    assert!(state
        .settings()
        .ticks
        .contains(&"make-key-pair".to_string()));

    state.form.integrator.set(true);
    settle().await;
    assert_eq!(find_all(&root, "checklist-item").len(), 17);
    let mail = find(&root, "mail-text")
        .unchecked_into::<HtmlTextAreaElement>()
        .value();
    assert!(mail.contains("DAO beta Stad Gent client"), "{mail}");
    let link = find(&root, "mail-link").get_attribute("href").unwrap();
    assert!(
        link.starts_with("mailto:?subject=Clientaanvraag%20DAO%20beta%20Stad%20Gent%20client"),
        "{link}"
    );
}

#[wasm_bindgen_test]
async fn webcrypto_keys_feed_the_rust_signer_and_verify() {
    for spec in [KeySpec::Rsa { bits: 2048 }, KeySpec::EcP256] {
        let jwk = webcrypto::generate(spec)
            .await
            .expect("WebCrypto generates");
        let signing_key = key::import(&jwk).expect("the exported JWK imports");
        let alg = signing_key.kind().default_alg();
        let spec = assertion::samples::spec(alg);
        let signed = assertion::sign(
            &signing_key,
            &spec,
            1_780_000_000,
            assertion::new_uuid(&mut OsRng),
        )
        .unwrap();
        assert!(signing_key.verify(alg.name(), &signed.compact));
        // Verified again by the browser's own crypto, against the exported private key's public part.
        let (input, signature) = signed.compact.rsplit_once('.').unwrap();
        let signature =
            <base64ct::Base64UrlUnpadded as base64ct::Encoding>::decode_vec(signature).unwrap();
        let key = webcrypto::import_for_signing(&signing_key.private_jwk(), alg.name())
            .await
            .unwrap();
        let again = webcrypto::sign(&key, alg.name(), input.as_bytes())
            .await
            .unwrap();
        if alg == SigningAlg::Rs256 {
            // PKCS#1 v1.5 is deterministic: both implementations give the same bytes.
            assert_eq!(again, signature);
        } else {
            assert_eq!(again.len(), signature.len());
        }
    }
}

#[wasm_bindgen_test]
async fn key_step_imports_shows_the_public_jwk_and_forgets() {
    let (root, state) = mount(|s| view! { <KeyStep signing=s.signing/> });
    settle().await;
    assert_eq!(
        find(&root, "key-status")
            .get_attribute("data-loaded")
            .as_deref(),
        Some("false")
    );

    type_into(
        &root,
        "key-input",
        "-----BEGIN PUBLIC KEY-----\nAAAA\n-----END PUBLIC KEY-----",
    );
    click(&root, "key-import");
    wait_until(|| !find_all(&root, "key-message").is_empty()).await;
    assert!(
        text(&root, "key-message").contains("publieke sleutel"),
        "{}",
        text(&root, "key-message")
    );
    // A failed import keeps what the user pasted.
    assert!(find(&root, "key-input")
        .unchecked_into::<HtmlTextAreaElement>()
        .value()
        .contains("PUBLIC KEY"));

    let jwk = webcrypto::generate(KeySpec::EcP256).await.unwrap();
    type_into(&root, "key-input", &jwk);
    click(&root, "key-import");
    wait_until(|| state.signing.key.with(Option::is_some)).await;
    settle().await;
    assert_eq!(
        find(&root, "key-status")
            .get_attribute("data-loaded")
            .as_deref(),
        Some("true")
    );
    assert_eq!(
        find(&root, "key-input")
            .unchecked_into::<HtmlTextAreaElement>()
            .value(),
        "",
        "emptied after import"
    );
    let public: serde_json::Value = serde_json::from_str(&text(&root, "public-jwk")).unwrap();
    assert_eq!(public["kty"], "EC");
    assert!(public.get("d").is_none());

    click(&root, "key-forget");
    settle().await;
    assert!(state.signing.key.with(Option::is_none));
    assert_eq!(
        find(&root, "key-status")
            .get_attribute("data-loaded")
            .as_deref(),
        Some("false")
    );
    assert!(find_all(&root, "public-jwk").is_empty());
}

#[wasm_bindgen_test]
async fn assertion_step_signs_and_lints() {
    let (root, state) = mount(
        |s| view! { <AssertionStep signing=s.signing endpoints=s.endpoints registration=s.registration/> },
    );
    settle().await;
    assert_eq!(text(&root, "assertion-blocked"), t(Lang::Nl, T::NeedKey));
    let jwk = webcrypto::generate(KeySpec::Rsa { bits: 2048 })
        .await
        .unwrap();
    state.signing.key.set(Some(LoadedKey {
        key: Arc::new(key::import(&jwk).unwrap()),
        generated: true,
    }));
    type_into(&root, "client-id", samples::CLIENT_ID);
    type_into(&root, "assertion-lifetime", "601");
    settle().await;
    assert!(text(&root, "assertion-lifetime-message").contains("600"));
    assert!(find(&root, "assertion-sign")
        .unchecked_into::<web_sys::HtmlButtonElement>()
        .disabled());
    type_into(&root, "assertion-lifetime", "300");
    settle().await;
    click(&root, "assertion-sign");
    settle().await;
    let compact = find(&root, "assertion-output")
        .unchecked_into::<HtmlTextAreaElement>()
        .value();
    assert_eq!(compact.split('.').count(), 3);
    assert_eq!(
        find(&root, "assertion-lint")
            .get_attribute("data-passed")
            .as_deref(),
        Some("true")
    );
    assert_eq!(find_all(&root, "lint-row").len(), 11);

    // A pasted assertion with another client id fails the iss/sub rule.
    state.signing.client_id.set("ander-id".into());
    type_into(&root, "lint-input", &compact);
    click(&root, "lint-run");
    settle().await;
    let failing: Vec<String> = find_all(&root, "lint-row")
        .into_iter()
        .filter(|row| row.get_attribute("data-status").as_deref() == Some("fail"))
        .filter_map(|row| row.get_attribute("data-check"))
        .collect();
    assert_eq!(failing, ["iss-sub"]);
}

#[wasm_bindgen_test]
async fn check_step_gives_verdicts() {
    let (root, state) = mount(|s| {
        view! {
            <CheckStep check=s.check report=s.report registration=s.registration signing=s.signing api_team_email=s.api_team_email/>
        }
    });
    state.form.org_name.set("Stad Gent".into());
    state.form.org_code.set("0207451227".into());
    state.signing.client_id.set(samples::CLIENT_ID.into());
    settle().await;
    let now = (js_sys::Date::now() / 1000.0) as i64;
    let answer = serde_json::json!({
        "VoOrgcode": "0207451227", "scopes": "vo_info dao_uitvaartondernemer", "clientId": samples::CLIENT_ID,
        "token": {"active": true, "iss": "https://authenticatie-ti.vlaanderen.be/op", "sub": samples::CLIENT_ID,
                  "client_id": samples::CLIENT_ID, "vo_orgcode": "0207451227", "vo_orgnaam": "Stad Gent",
                  "vo_applicatienaam": "DAO beta Stad Gent client", "scope": ["vo_info", "dao_uitvaartondernemer"],
                  "iat": now - 60, "exp": now + 3540}
    });
    type_into(&root, "ping-input", &answer.to_string());
    click(&root, "ping-validate");
    settle().await;
    assert_eq!(
        find(&root, "ping-verdict")
            .get_attribute("data-verdict")
            .as_deref(),
        Some("ok")
    );
    let rows = find_all(&root, "check-row");
    assert_eq!(rows.len(), 9);
    assert!(rows
        .iter()
        .all(|r| r.get_attribute("data-status").as_deref() == Some("ok")));
    assert!(text(&root, "proof-report").contains("DAO beta Stad Gent client"));

    type_into(&root, "ping-input", "{\"clientId\": ");
    click(&root, "ping-validate");
    settle().await;
    assert_eq!(
        find(&root, "ping-verdict")
            .get_attribute("data-verdict")
            .as_deref(),
        Some("invalid")
    );
    assert!(text(&root, "ping-verdict").contains("regel 1"));
}

/// Waits `ms` milliseconds.
async fn gloo_sleep(ms: i32) {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        web_sys::window()
            .unwrap()
            .set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, ms)
            .unwrap();
    });
    wasm_bindgen_futures::JsFuture::from(promise).await.unwrap();
}
