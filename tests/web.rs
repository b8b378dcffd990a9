//! Browser tests (wasm-bindgen-test in headless Chromium): the step components mounted alone,
//! driven through the DOM, and the browser's key store: keys that cannot be exported, WebCrypto's
//! signatures over the page's signing input verified by an independent library (RustCrypto), and
//! WebCrypto refusing keys whose parts do not belong together.
//!
//! Run with `cargo test --target wasm32-unknown-unknown --test web`.
#![cfg(target_arch = "wasm32")]

use dao_onboard::domain::acm::assertion;
use dao_onboard::domain::acm::key::{self, SigningAlg};
use dao_onboard::domain::samples;
use dao_onboard::i18n::{t, Lang, T};
use dao_onboard::steps::Step;
use dao_onboard::ui::parts::step_view;
use dao_onboard::ui::state::AppState;
use dao_onboard::webcrypto::{self, HeldKey, KeySpec, KeyStoreError};
use leptos::prelude::*;
use rand_core::OsRng;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::{Element, HtmlElement, HtmlInputElement, HtmlTextAreaElement};

mod web_support;

use web_support::{
    assert_roles_follow_tones, click, dispatch, find, find_all, mount, settle, text, type_into,
    wait_until,
};

wasm_bindgen_test_configure!(run_in_browser);

#[wasm_bindgen_test]
async fn organisation_step_composes_the_values() {
    let (root, state) = mount(|s| step_view(Step::Organisation, s));
    settle().await;
    assert_eq!(text(&root, "client-name"), "");
    // The page opens on eLys, the API team's current naming.
    assert_eq!(
        text(&root, "api-reference"),
        "eLys (Digitale Aangifte Overlijden) API beta"
    );
    assert_eq!(
        text(&root, "api-client-id"),
        "",
        "no id is published for eLys"
    );

    type_into(&root, "org-name", "  Stad   Gent ");
    settle().await;
    assert_eq!(text(&root, "client-name"), "eLys beta Stad Gent client");
    assert_eq!(
        text(&root, "scope-string"),
        "vo_info elys_uitvaartondernemer"
    );
    // The onboarding text's DAO naming, with the one published API client id.
    let brand = find(&root, "brand-select");
    brand
        .unchecked_ref::<web_sys::HtmlSelectElement>()
        .set_value("DAO");
    dispatch(&brand, "change");
    settle().await;
    assert_eq!(text(&root, "client-name"), "DAO beta Stad Gent client");
    assert_eq!(
        text(&root, "api-reference"),
        "DAO (Digitale Aangifte Overlijden) API T&I"
    );
    assert_eq!(
        text(&root, "api-client-id"),
        "b3f43c85-53a5-443d-838c-7c2d0359897b"
    );
    assert_eq!(
        text(&root, "scope-string"),
        "vo_info dao_uitvaartondernemer"
    );
    // Each value says where it comes from.
    let sources: Vec<String> = find_all(&root, "source")
        .iter()
        .filter_map(|s| s.get_attribute("data-fact"))
        .collect();
    for fact in [
        "client-name-dao",
        "api-reference-dao",
        "api-client-id-dao-ti",
        "scopes",
        "beheerportaal-ti",
        "ping-dao-beta",
    ] {
        assert!(sources.iter().any(|s| s == fact), "{fact} in {sources:?}");
    }
    // Beside the onboarding text's "API T&I": the reference the API team's documentation gave
    // for beta and acc from 2025-01-31 until the rename, dated and linked at its last version.
    let dated = find(&root, "api-reference-dated");
    let dated_text = dated.text_content().unwrap_or_default();
    assert!(
        dated_text.contains("DAO (Digitale Aangifte Overlijden) API beta"),
        "{dated_text}"
    );
    assert!(dated_text.contains("2025-01-31") && dated_text.contains("2025-05-08"));
    let link = dated
        .query_selector("[data-testid=\"source-link\"]")
        .unwrap()
        .expect("the dated source links its file");
    assert_eq!(
        link.get_attribute("href").as_deref(),
        Some(
            "https://github.com/athumi-eu/digitale-aangifte-overlijden-demo/blob/\
             ab003f3ea30c9296289cd8b0d78ebd89bce3c0e8/algemeen/security/client-aanvragen.md"
        )
    );
    // Every repository source says its version and links the file at that commit.
    let reference_source = find_all(&root, "source")
        .into_iter()
        .find(|s| s.get_attribute("data-fact").as_deref() == Some("ping-dao-beta"))
        .expect("the ping's source");
    assert!(
        reference_source
            .query_selector("[data-testid=\"source-link\"]")
            .unwrap()
            .is_none(),
        "the onboarding text is no repository file"
    );
    let scopes_source = find_all(&root, "source")
        .into_iter()
        .find(|s| s.get_attribute("data-fact").as_deref() == Some("scopes"))
        .expect("the scopes' source");
    let scopes_text = scopes_source.text_content().unwrap_or_default();
    assert!(scopes_text.contains("2025-08-19"), "{scopes_text}");
    assert_eq!(
        scopes_source
            .query_selector("[data-testid=\"source-link\"]")
            .unwrap()
            .and_then(|a| a.get_attribute("href"))
            .as_deref(),
        Some(
            "https://github.com/athumi-eu/digitale-aangifte-overlijden-demo/blob/\
             969e26635ffdcc3b2d9dddfe15f0d8d1edadc58a/algemeen/security/README.md"
        )
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
    assert!(
        root.query_selector("[data-testid=\"api-reference-dated\"]")
            .unwrap()
            .is_none(),
        "only beside the DAO reference of beta and acc"
    );
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

/// Step 3 on its own, with the state it is given on the page.
fn mount_registration_step() -> (Element, AppState) {
    mount(|s| step_view(Step::Registration, s))
}

#[wasm_bindgen_test]
async fn checklist_ticks_and_markdown() {
    let (root, state) = mount_registration_step();
    state.form.org_name.set("Stad Gent".into());
    settle().await;
    let items = find_all(&root, "checklist-item");
    // 16 for everyone since the audit log is every client's item (a funeral home by itself has
    // no retention item: bewaartermijnen.md speaks of integrators' and municipalities' data).
    assert_eq!(items.len(), 16);
    assert!(!items
        .iter()
        .any(|i| i.get_attribute("data-item").as_deref() == Some("retention")));
    items[0].unchecked_ref::<HtmlElement>().click();
    settle().await;
    assert!(state.ticks.with(|t| t.len() == 1));
    assert!(state
        .settings()
        .to_json()
        .contains(r#""ticks":["make-key-pair"]"#));

    state.form.integrator.set(true);
    settle().await;
    // Every integrator checks that its users belong to the customer and have the right role
    // (the security README: local governments, and since 2025-05-15 the other actors; issue
    // 26). Integrators of funeral homes (the default role) add three more: the customer in
    // whose name access is requested, the trusted party and the terms of use, whose sources
    // speak of funeral homes only. And every integrator sees eLys's retention periods.
    assert_eq!(find_all(&root, "checklist-item").len(), 21);
    state
        .form
        .role
        .set(dao_onboard::domain::facts::environment::Role::Lbbs);
    settle().await;
    let items: Vec<String> = find_all(&root, "checklist-item")
        .iter()
        .map(|item| item.get_attribute("data-item").unwrap())
        .collect();
    assert_eq!(items.len(), 18, "{items:?}");
    assert!(items.contains(&"integrator-checks-users".to_string()));
    assert!(items.contains(&"retention".to_string()));
    // A local government sees the municipal retention duties under the item, integrator or not.
    state.form.integrator.set(false);
    settle().await;
    let retention = find_all(&root, "checklist-item")
        .into_iter()
        .find(|item| item.get_attribute("data-item").as_deref() == Some("retention"))
        .expect("a local government's retention item");
    let row = retention
        .closest("li")
        .unwrap()
        .unwrap()
        .text_content()
        .unwrap();
    assert!(row.contains("strook A"), "{row}");
    state.form.integrator.set(true);
    state
        .form
        .role
        .set(dao_onboard::domain::facts::environment::Role::Uitvaartondernemer);
    settle().await;
    let mail = find(&root, "mail-text")
        .unchecked_into::<HtmlTextAreaElement>()
        .value();
    assert!(mail.contains("eLys beta Stad Gent client"), "{mail}");
    let link = find(&root, "mail-link").get_attribute("href").unwrap();
    assert!(
        link.starts_with("mailto:?subject=Clientaanvraag%20eLys%20beta%20Stad%20Gent%20client"),
        "{link}"
    );
    // The ACM manuals the onboarding text names are linked where the portal is opened.
    assert_eq!(
        find(&root, "acm-manuals")
            .query_selector_all("a")
            .unwrap()
            .length(),
        3
    );
}

#[wasm_bindgen_test]
async fn checklist_rows_keep_their_element_when_rows_are_added() {
    let (root, state) = mount_registration_step();
    state.form.org_name.set("Stad Gent".into());
    settle().await;
    let by_item = || {
        find_all(&root, "checklist-item")
            .into_iter()
            .map(|box_| (box_.get_attribute("data-item").unwrap(), box_))
            .collect::<Vec<_>>()
    };
    let before = by_item();
    // Integrators of funeral homes get five more items, in the middle of the list.
    state.form.integrator.set(true);
    settle().await;
    let after = by_item();
    assert_eq!(after.len(), before.len() + 5);
    let first_new = after
        .iter()
        .position(|(item, _)| !before.iter().any(|(old, _)| old == item))
        .expect("a new item");
    assert!(first_new < after.len() - 5, "inserted before other rows");
    // Each item keeps its own checkbox element (keyed rows), so a focused or half-read row
    // does not turn into another item under the user's hands.
    for (item, old) in &before {
        let (_, new) = after.iter().find(|(i, _)| i == item).expect("still listed");
        assert!(
            old.is_same_node(Some(new)),
            "the checkbox of {item} was rebuilt"
        );
    }
}

#[wasm_bindgen_test]
async fn a_new_jwks_choice_shows_its_own_keys() {
    use dao_onboard::domain::acm::key::KeyCandidate;
    use dao_onboard::ui::key::JwksChoice;
    let candidates = RwSignal::new(Vec::<KeyCandidate>::new());
    let picked = RwSignal::new(None::<usize>);
    let (root, _) = mount(move |_| {
        view! {
            <JwksChoice
                candidates=candidates.read_only()
                on_pick=Callback::new(move |i| picked.set(Some(i)))
            />
        }
    });
    let jwks = |kids: [&str; 2]| {
        kids.iter()
            .enumerate()
            .map(|(index, kid)| KeyCandidate {
                index,
                kid: Some((*kid).to_string()),
                kty: "RSA".into(),
            })
            .collect::<Vec<_>>()
    };
    let labels = || {
        let choice = find(&root, "jwks-choice");
        let buttons = choice.query_selector_all("button").unwrap();
        (0..buttons.length())
            .map(|i| buttons.item(i).unwrap().text_content().unwrap_or_default())
            .collect::<Vec<_>>()
    };
    candidates.set(jwks(["first-a", "first-b"]));
    settle().await;
    assert_eq!(
        labels(),
        ["#1 · RSA · kid first-a", "#2 · RSA · kid first-b"]
    );
    // A second JWKS (a file loaded after the first) at the same positions.
    candidates.set(jwks(["second-a", "second-b"]));
    settle().await;
    assert_eq!(
        labels(),
        ["#1 · RSA · kid second-a", "#2 · RSA · kid second-b"]
    );
    find(&root, "jwks-choice")
        .query_selector("button:nth-of-type(2)")
        .unwrap()
        .unwrap()
        .unchecked_into::<HtmlElement>()
        .click();
    assert_eq!(picked.get_untracked(), Some(1));
}

const FIXTURE_PKCS8: &str = include_str!("fixtures/keys/rsa2048-pkcs8.pem");

/// Verifies a compact JWS with RustCrypto (rsa, p256), independently of WebCrypto, against the
/// public JWK the page hands out.
fn verify_independently(public_jwk: &serde_json::Value, compact: &str) -> bool {
    use base64ct::{Base64UrlUnpadded, Encoding};
    use rsa::signature::Verifier;
    let Some(parts) = assertion::signed_parts(compact) else {
        return false;
    };
    let member =
        |name: &str| Base64UrlUnpadded::decode_vec(public_jwk[name].as_str().unwrap()).unwrap();
    let input = parts.signing_input.as_bytes();
    match parts.alg {
        SigningAlg::Rs256 | SigningAlg::Ps256 => {
            let key = rsa::RsaPublicKey::new(
                rsa::BigUint::from_bytes_be(&member("n")),
                rsa::BigUint::from_bytes_be(&member("e")),
            )
            .unwrap();
            if parts.alg == SigningAlg::Rs256 {
                let Ok(signature) = rsa::pkcs1v15::Signature::try_from(parts.signature.as_slice())
                else {
                    return false;
                };
                rsa::pkcs1v15::VerifyingKey::<sha2::Sha256>::new(key)
                    .verify(input, &signature)
                    .is_ok()
            } else {
                let Ok(signature) = rsa::pss::Signature::try_from(parts.signature.as_slice())
                else {
                    return false;
                };
                rsa::pss::VerifyingKey::<sha2::Sha256>::new(key)
                    .verify(input, &signature)
                    .is_ok()
            }
        }
        SigningAlg::Es256 => {
            let mut point = vec![4u8];
            point.extend(member("x"));
            point.extend(member("y"));
            let key = p256::ecdsa::VerifyingKey::from_sec1_bytes(&point).unwrap();
            let Ok(signature) = p256::ecdsa::Signature::from_slice(&parts.signature) else {
                return false;
            };
            key.verify(input, &signature).is_ok()
        }
    }
}

/// The page's whole signing path: domain signing input, then `HeldKey::sign_assertion`.
async fn sign_with(held: &HeldKey, alg: SigningAlg) -> assertion::SignedAssertion {
    let unsigned = assertion::prepare(
        &samples::assertion_spec(alg),
        &held.info,
        Some(held.info.kid()),
        1_780_000_000,
        assertion::new_uuid(&mut OsRng),
    )
    .unwrap();
    held.sign_assertion(unsigned).await.unwrap()
}

/// The same assertion with another `sub` claim and the original signature.
fn tampered(compact: &str) -> String {
    use base64ct::{Base64UrlUnpadded, Encoding};
    let (header, rest) = compact.split_once('.').unwrap();
    let (claims, signature) = rest.split_once('.').unwrap();
    let mut claims: serde_json::Value =
        serde_json::from_slice(&Base64UrlUnpadded::decode_vec(claims).unwrap()).unwrap();
    claims["sub"] = serde_json::json!("iemand-anders");
    let claims = Base64UrlUnpadded::encode_string(claims.to_string().as_bytes());
    format!("{header}.{claims}.{signature}")
}

#[wasm_bindgen_test]
async fn webcrypto_signatures_verify_with_an_independent_library() {
    for (spec, algs) in [
        (
            KeySpec::Rsa { bits: 2048 },
            vec![SigningAlg::Rs256, SigningAlg::Ps256],
        ),
        (KeySpec::EcP256, vec![SigningAlg::Es256]),
    ] {
        let (held, _pending) = webcrypto::generate(spec)
            .await
            .expect("WebCrypto generates");
        let public = held.info.public_jwk();
        for alg in algs {
            let signed = sign_with(&held, alg).await;
            assert!(
                verify_independently(&public, &signed.compact),
                "{alg:?} by RustCrypto"
            );
            assert!(
                !verify_independently(&public, &tampered(&signed.compact)),
                "{alg:?} tampered"
            );
            // And by WebCrypto's verify, as the linter does.
            let parts = assertion::signed_parts(&signed.compact).unwrap();
            assert!(
                webcrypto::verify(
                    held.info.public_key(),
                    alg,
                    parts.signing_input.as_bytes(),
                    &parts.signature
                )
                .await
            );
            let bad = assertion::signed_parts(&tampered(&signed.compact)).unwrap();
            assert!(
                !webcrypto::verify(
                    held.info.public_key(),
                    alg,
                    bad.signing_input.as_bytes(),
                    &bad.signature
                )
                .await
            );
        }
    }
}

#[wasm_bindgen_test]
async fn a_fixture_key_signs_in_the_key_store_and_verifies_independently() {
    use rsa::pkcs8::DecodePrivateKey;
    use rsa::signature::{SignatureEncoding, Signer};
    let held = webcrypto::hold(key::import(FIXTURE_PKCS8).unwrap())
        .await
        .unwrap();
    let signed = sign_with(&held, SigningAlg::Rs256).await;
    assert!(verify_independently(
        &held.info.public_jwk(),
        &signed.compact
    ));
    // RS256 is deterministic: RustCrypto's signature over the same input is the same bytes.
    let private = rsa::RsaPrivateKey::from_pkcs8_pem(FIXTURE_PKCS8).unwrap();
    let parts = assertion::signed_parts(&signed.compact).unwrap();
    let expected = rsa::pkcs1v15::SigningKey::<sha2::Sha256>::new(private)
        .sign(parts.signing_input.as_bytes())
        .to_vec();
    assert_eq!(parts.signature, expected);
}

#[wasm_bindgen_test]
async fn the_held_key_cannot_be_exported() {
    // Imported: non-extractable from the start.
    let held = webcrypto::hold(key::import(FIXTURE_PKCS8).unwrap())
        .await
        .unwrap();
    assert_eq!(held.crypto_keys().count(), 2, "RS256 and PS256");
    for key in held.crypto_keys() {
        assert!(!key.extractable());
        assert!(!webcrypto::try_export(key).await, "exportKey must reject");
    }
    // Generated: the held copy is non-extractable at once; only the pending save exports.
    let (held, pending) = webcrypto::generate(KeySpec::EcP256).await.unwrap();
    for key in held.crypto_keys() {
        assert!(!webcrypto::try_export(key).await, "exportKey must reject");
    }
    let exported = pending
        .export()
        .await
        .expect("saveable until saved or declined");
    assert_eq!(exported.info().thumbprint(), held.info.thumbprint());
    // Signing works with the held copy throughout.
    let signed = sign_with(&held, SigningAlg::Es256).await;
    assert!(verify_independently(
        &held.info.public_jwk(),
        &signed.compact
    ));
}

#[wasm_bindgen_test]
async fn the_key_store_refuses_keys_whose_parts_do_not_belong_together() {
    let (held, pending) = webcrypto::generate(KeySpec::Rsa { bits: 2048 })
        .await
        .unwrap();
    let (_, other) = webcrypto::generate(KeySpec::Rsa { bits: 2048 })
        .await
        .unwrap();
    let mut jwk: serde_json::Value =
        serde_json::from_str(&pending.export().await.unwrap().private_jwk()).unwrap();
    let other: serde_json::Value =
        serde_json::from_str(&other.export().await.unwrap().private_jwk()).unwrap();
    jwk["d"] = other["d"].clone();
    // Structurally sound, so the domain passes it on; WebCrypto does the arithmetic.
    let mixed = key::import(&jwk.to_string()).expect("structure is fine");
    assert!(matches!(
        webcrypto::hold(mixed).await,
        Err(KeyStoreError::Refused)
    ));
    let _ = held;
    // An EC point that is not on the curve.
    let (_, ec) = webcrypto::generate(KeySpec::EcP256).await.unwrap();
    let mut ec: serde_json::Value =
        serde_json::from_str(&ec.export().await.unwrap().private_jwk()).unwrap();
    ec["y"] = ec["x"].clone();
    let off_curve = key::import(&ec.to_string()).expect("structure is fine");
    assert!(matches!(
        webcrypto::hold(off_curve).await,
        Err(KeyStoreError::Refused)
    ));
}

#[wasm_bindgen_test]
async fn key_step_generates_saves_or_declines_and_holds_a_non_extractable_key() {
    let (root, state) = mount(|s| step_view(Step::Key, s));
    settle().await;
    state.signing.pending_save.set(None);
    // Generate an EC key (quick), then decline to save it.
    let select = find(&root, "key-type").unchecked_into::<web_sys::HtmlSelectElement>();
    select.set_value("ec-p256");
    select
        .dispatch_event(
            &web_sys::Event::new_with_event_init_dict("change", &{
                let init = web_sys::EventInit::new();
                init.set_bubbles(true);
                init
            })
            .unwrap(),
        )
        .unwrap();
    click(&root, "key-generate");
    wait_until(|| state.signing.key.with(Option::is_some)).await;
    settle().await;
    assert!(
        !find_all(&root, "key-save").is_empty(),
        "the save offer is shown"
    );
    assert!(state.signing.pending_save.with(Option::is_some));
    // A handle to the extractable original, kept past the decline.
    let kept = state.signing.pending_save.get_untracked().unwrap();
    click(&root, "key-save-decline");
    settle().await;
    assert!(
        state.signing.pending_save.with(Option::is_none),
        "the extractable key is dropped"
    );
    assert!(
        kept.export().await.is_err(),
        "the declined generated key cannot be exported through any handle"
    );
    assert!(find_all(&root, "key-save").is_empty());
    let held = state.signing.key.get_untracked().unwrap();
    for key in held.crypto_keys() {
        assert!(
            !webcrypto::try_export(key).await,
            "exportKey must reject after declining"
        );
    }
    assert_eq!(text(&root, "key-message"), t(Lang::Nl, T::SaveDeclined));
}

#[wasm_bindgen_test]
async fn key_step_imports_shows_the_public_jwk_and_forgets() {
    let (root, state) = mount(|s| step_view(Step::Key, s));
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
    // Every attempt empties the field, a failed one too: key text never stays in the DOM.
    assert_eq!(
        find(&root, "key-input")
            .unchecked_into::<HtmlTextAreaElement>()
            .value(),
        ""
    );

    let (_, pending) = webcrypto::generate(KeySpec::EcP256).await.unwrap();
    let jwk = pending.export().await.unwrap().private_jwk();
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
    let loaded = state
        .signing
        .key
        .get_untracked()
        .unwrap()
        .info
        .thumbprint()
        .to_string();

    // A key WebCrypto refuses: a clear message, the page alive, the loaded key unchanged.
    let mut broken: serde_json::Value = serde_json::from_str(&jwk).unwrap();
    broken["y"] = broken["x"].clone();
    type_into(&root, "key-input", &broken.to_string());
    click(&root, "key-import");
    wait_until(|| text(&root, "key-message").contains("WebCrypto")).await;
    assert_eq!(
        text(&root, "key-message"),
        dao_onboard::i18n::messages::key_import_error(
            Lang::Nl,
            &key::KeyImportError::RefusedByKeyStore
        )
    );
    assert_eq!(
        state.signing.key.get_untracked().unwrap().info.thumbprint(),
        loaded
    );
    assert_eq!(
        find(&root, "key-input")
            .unchecked_into::<HtmlTextAreaElement>()
            .value(),
        ""
    );

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
    let (root, state) = mount(|s| step_view(Step::Assertion, s));
    settle().await;
    assert_eq!(text(&root, "assertion-blocked"), t(Lang::Nl, T::NeedKey));
    let (held, _) = webcrypto::generate(KeySpec::Rsa { bits: 2048 })
        .await
        .unwrap();
    state.signing.key.set(Some(held));
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
    wait_until(|| !find_all(&root, "assertion-lint").is_empty()).await;
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
    wait_until(|| {
        find_all(&root, "lint-row")
            .iter()
            .any(|row| row.get_attribute("data-status").as_deref() == Some("fail"))
    })
    .await;
    let failing: Vec<String> = find_all(&root, "lint-row")
        .into_iter()
        .filter(|row| row.get_attribute("data-status").as_deref() == Some("fail"))
        .filter_map(|row| row.get_attribute("data-check"))
        .collect();
    assert_eq!(failing, ["iss-sub"]);
    // The failed lint is an error, announced at once; the rest politely.
    assert!(find_all(&root, "lint-row").len() > 1);
    assert!(assert_roles_follow_tones(&root) >= 1);
}

/// Step 6 as the page wires it.
fn check_step(s: AppState) -> AnyView {
    step_view(Step::Check, s)
}

/// A warning (acceptance may hold real data) is announced politely, like every message that is
/// not an error.
#[wasm_bindgen_test]
async fn a_warning_is_a_status_and_an_error_an_alert() {
    use dao_onboard::domain::facts::environment::Environment;
    let (root, state) = mount(|s| {
        [Step::Organisation, Step::Key]
            .map(|step| step_view(step, s))
            .collect_view()
    });
    state.form.environment.set(Environment::Acc);
    settle().await;
    assert_eq!(
        find(&root, "acc-note").get_attribute("role").as_deref(),
        Some("status")
    );
    // A registered key that is not the loaded one: an error.
    let (held, _) = webcrypto::generate(KeySpec::EcP256).await.unwrap();
    state.signing.key.set(Some(held));
    let (other, _) = webcrypto::generate(KeySpec::EcP256).await.unwrap();
    state
        .signing
        .registered_text
        .set(other.info.public_jwk_text());
    settle().await;
    assert_eq!(
        find(&root, "registered-result")
            .get_attribute("role")
            .as_deref(),
        Some("alert")
    );
    assert!(assert_roles_follow_tones(&root) >= 2);
}

#[wasm_bindgen_test]
async fn check_step_gives_verdicts() {
    let (root, state) = mount(check_step);
    state.form.org_name.set("Stad Gent".into());
    state.form.org_code.set("0207451227".into());
    state
        .form
        .brand
        .set(dao_onboard::domain::facts::environment::Brand::Dao);
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
    assert_eq!(
        rows.len(),
        dao_onboard::domain::onboarding::ping::CheckId::ALL.len()
    );
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
#[wasm_bindgen_test]
async fn a_ping_file_too_large_is_refused_before_it_is_read() {
    let (root, state) = mount(check_step);
    settle().await;
    // 6 MB, past the 5 MB the checker reads.
    let bytes = js_sys::Uint8Array::new_with_length(6 * 1024 * 1024);
    let parts = js_sys::Array::of1(&bytes);
    let file = web_sys::File::new_with_u8_array_sequence(&parts, "antwoord.json").unwrap();
    let transfer = web_sys::DataTransfer::new().unwrap();
    transfer.items().add_with_file(&file).unwrap();
    let input = find(&root, "ping-file").unchecked_into::<HtmlInputElement>();
    input.set_files(transfer.files().as_ref());
    dispatch(&input, "change");
    wait_until(|| !find_all(&root, "ping-verdict").is_empty()).await;
    assert_eq!(
        find(&root, "ping-verdict")
            .get_attribute("data-verdict")
            .as_deref(),
        Some("invalid")
    );
    let said = text(&root, "ping-verdict");
    assert!(said.contains("te groot") || said.contains("MB"), "{said}");
    // Judged by its size alone: the file was never read (no bytes, no text in the field).
    assert!(matches!(
        state.check.submitted.get_untracked(),
        Some((dao_onboard::ui::state::CheckInput::Oversized(6_291_456), _))
    ));
    assert_eq!(state.check.text.get_untracked(), "");
}

#[wasm_bindgen_test]
async fn a_failure_worded_on_the_page_follows_the_language_toggle() {
    use dao_onboard::domain::acm::assertion::NotReady;
    use dao_onboard::domain::checked::client_id::ClientIdError;
    use dao_onboard::i18n::messages;
    let (root, state) = mount(|s| step_view(Step::Connection, s));
    settle().await;
    // No client id yet: the token request cannot go out.
    click(&root, "token-request");
    wait_until(|| !find_all(&root, "failure").is_empty()).await;
    let reason = NotReady::ClientId(ClientIdError::Empty);
    assert_eq!(
        text(&root, "failure"),
        messages::not_ready(Lang::Nl, &reason)
    );
    state.lang.set(Lang::En);
    settle().await;
    assert_eq!(
        text(&root, "failure"),
        messages::not_ready(Lang::En, &reason)
    );
    assert_ne!(
        messages::not_ready(Lang::Nl, &reason),
        messages::not_ready(Lang::En, &reason)
    );
}

#[wasm_bindgen_test]
async fn a_refused_verification_key_is_worded_in_the_current_language() {
    use dao_onboard::domain::acm::key::PublicKey;
    use dao_onboard::i18n::messages;
    let (root, state) = mount(|s| step_view(Step::Assertion, s));
    settle().await;
    let pasted = r#"{"kty": "RSA"}"#;
    let err = PublicKey::parse_jwk_text(pasted).expect_err("not a whole key");
    type_into(&root, "lint-public-key", pasted);
    type_into(&root, "lint-input", "a.b.c");
    click(&root, "lint-run");
    wait_until(|| !find_all(&root, "lint-key-error").is_empty()).await;
    assert_eq!(
        text(&root, "lint-key-error"),
        messages::key_import_error(Lang::Nl, &err)
    );
    state.lang.set(Lang::En);
    settle().await;
    assert_eq!(
        text(&root, "lint-key-error"),
        messages::key_import_error(Lang::En, &err)
    );
    assert_ne!(
        messages::key_import_error(Lang::Nl, &err),
        messages::key_import_error(Lang::En, &err)
    );
}

/// Private-key text pasted into a field other than step 2's key field: refused and cleared, the
/// field's signal never holds it, and the field says why. Every form: PEM, a private JWK, one
/// bare PEM body line.
#[wasm_bindgen_test]
async fn private_key_text_in_any_other_field_is_refused_and_cleared() {
    let (held, pending) = webcrypto::generate(KeySpec::EcP256).await.unwrap();
    let private_jwk = pending.export().await.unwrap().private_jwk();
    let body_line = FIXTURE_PKCS8.lines().nth(2).unwrap().to_string();
    let forms = [
        FIXTURE_PKCS8.to_string(),
        private_jwk.to_string(),
        body_line,
    ];

    let (root, state) = mount(|s| {
        [Step::Assertion, Step::Check, Step::Key]
            .map(|step| step_view(step, s))
            .collect_view()
    });
    settle().await;
    state.signing.key.set(Some(held));
    settle().await;
    let fields = [
        "lint-input",
        "lint-public-key",
        "ping-input",
        "registered-jwk",
    ];
    for field in fields {
        for secret in &forms {
            // Something harmless first, so a refusal must clear, not merely keep an empty field.
            type_into(&root, field, "{\"kty\":\"EC\"}");
            settle().await;
            type_into(&root, field, secret);
            settle().await;
            let value = find(&root, field)
                .unchecked_into::<HtmlTextAreaElement>()
                .value();
            assert_eq!(value, "", "{field} still shows the key");
            assert_eq!(
                text(&root, &format!("{field}-message")),
                t(Lang::Nl, T::PrivateKeyRefusedHere),
                "{field}"
            );
        }
    }
    for (field, signal) in [
        ("lint-input", state.signing.lint_input.get_untracked()),
        ("ping-input", state.check.text.get_untracked()),
        (
            "registered-jwk",
            state.signing.registered_text.get_untracked(),
        ),
    ] {
        assert_eq!(signal, "", "{field}'s signal holds the key");
    }
    // What belongs there is taken, and the message goes.
    type_into(&root, "lint-input", "a.b.c");
    settle().await;
    assert_eq!(state.signing.lint_input.get_untracked(), "a.b.c");
    assert_eq!(text(&root, "lint-input-message"), "");
}

/// ACM's optional `audience` parameter: off by default, impossible without a known API client
/// id (eLys publishes none), and once chosen in the curl command and the proof of the exchange.
#[wasm_bindgen_test]
async fn the_api_audience_is_offered_only_with_a_known_api_client_id() {
    use dao_onboard::domain::facts::environment::Brand;
    let (root, state) = mount(|s| step_view(Step::Connection, s));
    settle().await;
    let checkbox = || find(&root, "token-audience").unchecked_into::<HtmlInputElement>();
    // eLys (the default): no API client id is published, so nothing to send.
    assert!(checkbox().disabled());
    assert!(!checkbox().checked());
    assert!(!text(&root, "curl-token").contains("audience"));
    // DAO on beta: the onboarding text's id can be sent, but is not by default.
    state.form.brand.set(Brand::Dao);
    settle().await;
    assert!(!checkbox().disabled());
    assert!(!checkbox().checked());
    assert!(!text(&root, "curl-token").contains("audience"));
    checkbox().click();
    settle().await;
    assert!(state.signing.send_api_audience.get_untracked());
    assert!(
        text(&root, "curl-token")
            .contains("--data-urlencode 'audience=b3f43c85-53a5-443d-838c-7c2d0359897b'"),
        "{}",
        text(&root, "curl-token")
    );
    // Back to eLys: the choice cannot apply, and the command says nothing of it.
    state.form.brand.set(Brand::Elys);
    settle().await;
    assert!(checkbox().disabled());
    assert!(!text(&root, "curl-token").contains("audience"));
}
