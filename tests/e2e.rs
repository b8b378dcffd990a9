//! End to end: the built page in headless Chromium (chromedriver + fantoccini), against local
//! stand-ins for ACM/IDM and the API behind the project's real nginx relay.
//!
//! Needs the release build in `dist/` (scripts/test.sh builds it) and Debian's chromium,
//! chromium-driver and nginx (scripts/setup.sh installs them).
#![cfg(not(target_arch = "wasm32"))]

mod support;

use std::time::Duration;

use dao_onboard::domain::acm::key;
use dao_onboard::i18n::{t, Lang, T};
use jsonwebtoken::{Algorithm, DecodingKey, Validation};
use serde_json::{json, Value};
use support::stand_ins::{ApiMode, RegisteredClient, StandIns};
use support::{
    dist_dir, failing_checks, fill_organisation, serve_page, stad_gent_answer, Browser, Relay,
    CLIENT_ID,
};

fn fixture(name: &str) -> String {
    std::fs::read_to_string(format!(
        "{}/tests/fixtures/keys/{name}",
        env!("CARGO_MANIFEST_DIR")
    ))
    .unwrap()
}

/// Waits for the token endpoint to refuse with `error`.
async fn expect_refusal(page: &Browser, error: &str) {
    page.wait_attr("token-result", "data-outcome", "refused")
        .await;
    assert_eq!(
        page.attr("token-result", "data-error").await.as_deref(),
        Some(error)
    );
}

/// Makes a key in the page and waits for it.
async fn generate_key(page: &Browser, kind: &str) {
    page.set("key-type", kind).await;
    page.click("key-generate").await;
    page.wait_attr("key-status", "data-loaded", "true").await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn foundation_compose_validate_persist_and_translate() {
    let server = serve_page(&dist_dir("dist"), "/", None).await;
    let page = Browser::start().await;
    page.goto(&server.url()).await;

    // The page opens on eLys, each value with its source on demand.
    assert_eq!(page.value("brand-select").await, "eLys");
    page.type_keys("org-name", "Stad Gent").await;
    assert_eq!(page.text("client-name").await, "eLys beta Stad Gent client");
    assert_eq!(
        page.text("api-reference").await,
        "eLys (Digitale Aangifte Overlijden) API beta"
    );
    let note = page
        .client
        .find(fantoccini::Locator::Css("[data-fact=\"client-name-elys\"]"))
        .await
        .unwrap();
    assert_eq!(
        note.prop("open").await.unwrap().as_deref(),
        Some("false"),
        "closed until asked"
    );
    note.find(fantoccini::Locator::Css("summary"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    let said = note.text().await.unwrap();
    assert!(
        said.contains("athumi-eu/digitale-aangifte-overlijden-demo")
            && said.contains("algemeen/security/client-aanvragen.md"),
        "{said}"
    );
    page.set("brand-select", "DAO").await;
    assert_eq!(page.text("client-name").await, "DAO beta Stad Gent client");
    assert_eq!(
        page.text("api-reference").await,
        "DAO (Digitale Aangifte Overlijden) API T&I"
    );
    assert_eq!(
        page.text("scope-string").await,
        "vo_info dao_uitvaartondernemer"
    );

    page.set("env-select", "PROD").await;
    assert_eq!(page.text("client-name").await, "DAO PROD Stad Gent client");
    assert_eq!(
        page.text("api-reference").await,
        "DAO (Digitale Aangifte Overlijden) API"
    );
    page.set("brand-select", "eLys").await;
    page.set("role-select", "depzorg").await;
    assert_eq!(page.text("client-name").await, "eLys prod Stad Gent client");
    assert_eq!(
        page.text("api-reference").await,
        "eLys (Digitale Aangifte Overlijden) API"
    );
    assert_eq!(page.text("scope-string").await, "vo_info elys_depzorg");
    assert_eq!(
        page.attr("beheerportaal-link", "href").await.as_deref(),
        Some("https://beheerportaal.vlaanderen.be")
    );

    page.type_keys("org-code", "0207.451.228").await;
    let message = page.text("org-code-message").await;
    assert!(
        message.contains("controlecijfers") && message.contains("27"),
        "{message}"
    );
    assert_eq!(
        page.attr("org-code", "aria-invalid").await.as_deref(),
        Some("true")
    );
    page.type_keys("org-code", "0207.451.227").await;
    assert!(page.text("org-code-message").await.contains("0207.451.227"));

    let first = &page.all("checklist-item").await[0];
    let item = first.attr("data-item").await.unwrap().unwrap();
    first.click().await.unwrap();
    page.client.refresh().await.unwrap();
    page.wait_ready().await;
    let ticked = page
        .client
        .find(fantoccini::Locator::Css(&format!("[data-item=\"{item}\"]")))
        .await
        .unwrap();
    assert_eq!(
        ticked.prop("checked").await.unwrap().as_deref(),
        Some("true")
    );
    assert_eq!(
        page.value("org-name").await,
        "Stad Gent",
        "organisation fields survive a reload"
    );
    assert_eq!(page.text("client-name").await, "eLys prod Stad Gent client");

    page.click("lang-toggle").await;
    assert_eq!(page.text("lang-toggle").await, "Nederlands");
    assert!(page
        .text("org-code-message")
        .await
        .starts_with("Valid KBO number"));
    assert_eq!(
        page.eval("return document.documentElement.lang").await,
        "en"
    );
    page.client.refresh().await.unwrap();
    page.wait_ready().await;
    assert_eq!(
        page.text("lang-toggle").await,
        "Nederlands",
        "the language survives a reload"
    );
    page.close().await;
}

/// Asserts that `haystack` holds no part of the private key in `pem`: not its JWK members (in
/// base64url), not a line of its PEM body.
fn assert_no_key_secrets(pem: &str, haystack: &str, what: &str) {
    let imported = key::import(pem).unwrap();
    let private: Value = serde_json::from_str(&imported.private_jwk()).unwrap();
    for member in ["d", "p", "q", "dp", "dq", "qi"] {
        let secret = private[member].as_str().unwrap();
        assert!(
            !haystack.contains(&secret[..24]),
            "{member} of the key in {what}"
        );
    }
    for line in pem
        .lines()
        .filter(|l| !l.starts_with("-----") && l.len() > 16)
    {
        assert!(!haystack.contains(line), "PEM body in {what}");
    }
}

/// [`assert_no_key_secrets`], and nothing shaped like a private key either: for places where
/// the page's own texts do not stand (storage, the console, the network).
fn assert_no_key_material(pem: &str, haystack: &str, what: &str) {
    assert_no_key_secrets(pem, haystack, what);
    assert_no_key_markers(haystack, what);
}

/// Asserts that `haystack` holds nothing shaped like a private key.
fn assert_no_key_markers(haystack: &str, what: &str) {
    for marker in [
        "PRIVATE KEY",
        "\\\"d\\\":",
        "\"d\":",
        "\\\"qi\\\":",
        "\"qi\":",
        "\\\"dp\\\":",
    ] {
        assert!(
            !haystack.contains(marker),
            "{marker} found in {what}: {haystack:.300}"
        );
    }
}

/// The exchange diagram's hops: from, to, status, failed.
async fn exchange_hops(page: &Browser) -> Vec<[String; 4]> {
    let hops = page
        .eval(
            "return [...document.querySelectorAll('[data-testid=\"exchange-diagram\"] [data-testid=\"diagram-hop\"]')]
                .map(g => [g.dataset.from, g.dataset.to, g.dataset.status, g.dataset.failed])",
        )
        .await;
    serde_json::from_value(hops).unwrap()
}

fn hop(from: &str, to: &str, status: &str, failed: bool) -> [String; 4] {
    [from.into(), to.into(), status.into(), failed.to_string()]
}

/// The `.value` of every input, text area and select on the page (what `outerHTML` cannot
/// show), one per line.
async fn field_values(page: &Browser) -> String {
    page.eval(
        "return Array.from(document.querySelectorAll('input, textarea, select'))
            .map(e => (e.dataset.testid || e.id) + '=' + e.value).join('\\n');",
    )
    .await
    .as_str()
    .unwrap_or_default()
    .to_string()
}

/// Whether leaving the page now would ask first: the page's `beforeunload` listener cancels
/// the event (what makes the browser ask).
async fn leaving_asks_first(page: &Browser) -> bool {
    page.eval(
        "const e = new Event('beforeunload', { cancelable: true });
         window.dispatchEvent(e);
         return e.defaultPrevented;",
    )
    .await
    .as_bool()
    .unwrap_or(false)
}

/// Every place a browser keeps data, as one string.
async fn everything_stored(page: &Browser) -> String {
    let sync = page
        .eval(
            "return JSON.stringify({
                local: Object.entries(localStorage), session: Object.entries(sessionStorage),
                cookie: document.cookie, url: location.href, history: history.length, name: window.name })",
        )
        .await;
    let databases = page
        .eval_async("const done = arguments[arguments.length - 1]; indexedDB.databases().then(d => done(JSON.stringify(d)), e => done('error ' + e));")
        .await;
    let caches = page
        .eval_async("const done = arguments[arguments.length - 1]; caches.keys().then(k => done(JSON.stringify(k)), e => done('error ' + e));")
        .await;
    let cookies = page.client.get_all_cookies().await.unwrap();
    assert!(cookies.is_empty(), "cookies: {cookies:?}");
    assert_eq!(databases, "[]", "IndexedDB databases");
    assert_eq!(caches, "[]", "Cache Storage");
    format!("{sync} {databases} {caches}")
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn key_generation_signing_import_and_nothing_stored() {
    let server = serve_page(&dist_dir("dist"), "/", None).await;
    let page = Browser::start().await;
    page.goto(&server.url()).await;
    page.capture_console().await;
    fill_organisation(&page).await;

    // A key made in the page (the default: RSA 4096), a client id, a signature.
    page.click("key-generate").await;
    page.wait_attr("key-status", "data-loaded", "true").await;
    assert!(page.text("key-status").await.contains("RSA, 4096 bits"));
    // The page offers to save the generated key once; until it is saved or declined, leaving
    // the page asks first (a key registered at ACM and lost means registering again).
    page.wait_exists("key-save").await;
    assert!(
        leaving_asks_first(&page).await,
        "beforeunload while unsaved"
    );
    page.click("key-save-decline").await;
    page.wait_for(
        || async { !page.exists("key-save").await },
        "the save offer to go",
    )
    .await;
    assert!(
        !leaving_asks_first(&page).await,
        "nothing to lose once declined"
    );
    // After generation nothing shaped like a private key is anywhere.
    assert_no_key_markers(&everything_stored(&page).await, "storage after generation");
    assert_no_key_markers(&page.console_text().await, "the console after generation");
    assert_no_key_markers(&field_values(&page).await, "the fields after generation");
    page.set("client-id", CLIENT_ID).await;
    page.click("assertion-sign").await;
    page.wait_attr("assertion-lint", "data-passed", "true")
        .await;
    let assertion = page.value("assertion-output").await;
    let public_jwk: Value = serde_json::from_str(&page.text("public-jwk").await).unwrap();
    for private in ["d", "p", "q", "dp", "dq", "qi"] {
        assert!(public_jwk.get(private).is_none());
    }
    // Verified natively by an independent library against the public JWK from the page.
    let jwk: jsonwebtoken::jwk::Jwk = serde_json::from_value(public_jwk.clone()).unwrap();
    let mut validation = Validation::new(Algorithm::RS256);
    // The default aud is the token endpoint, as the API team's demo client sends it
    // (`facts::Fact::AssertionAudience`).
    validation.set_audience(&["https://authenticatie-ti.vlaanderen.be/op/v1/token"]);
    validation.set_issuer(&[CLIENT_ID]);
    let claims = jsonwebtoken::decode::<Value>(
        &assertion,
        &DecodingKey::from_jwk(&jwk).unwrap(),
        &validation,
    )
    .expect("the page's assertion verifies")
    .claims;
    assert_eq!(
        claims["aud"],
        "https://authenticatie-ti.vlaanderen.be/op/v1/token"
    );
    assert_eq!(claims["sub"], CLIENT_ID);
    assert_eq!(
        claims["exp"].as_i64().unwrap() - claims["iat"].as_i64().unwrap(),
        60
    );
    assert_eq!(
        jsonwebtoken::decode_header(&assertion)
            .unwrap()
            .kid
            .as_deref(),
        public_jwk["kid"].as_str()
    );

    // Key-shaped text in a stored field is not stored, and the page says so.
    let pem = fixture("rsa2048-pkcs8.pem");
    page.set("client-id", &pem).await;
    page.wait_exists("key-material-refused").await;
    assert_no_key_material(&pem, &everything_stored(&page).await, "storage");
    page.set("client-id", CLIENT_ID).await;
    page.wait_for(
        || async { !page.exists("key-material-refused").await },
        "the warning to go",
    )
    .await;

    // The registered-key check recognises the page's own public JWK.
    page.set("registered-jwk", &public_jwk.to_string()).await;
    page.wait_attr("registered-result", "data-match", "yes")
        .await;

    // Garbage: its own message, the page keeps working.
    page.set("key-input", "-----BEGIN PRIVATE KEY-----\nbroken\n")
        .await;
    page.click("key-import").await;
    page.wait_exists("key-message").await;
    assert!(
        page.text("key-message").await.contains("PEM"),
        "{}",
        page.text("key-message").await
    );
    page.type_keys("org-name", "Stad Gent 2").await;
    assert_eq!(
        page.text("client-name").await,
        "DAO beta Stad Gent 2 client"
    );
    assert_eq!(
        page.attr("key-status", "data-loaded").await.as_deref(),
        Some("true"),
        "the loaded key stays"
    );

    // A failed import of a real key (its END line lost): a message that quotes none of it, the
    // field emptied, and no trace in storage or the console.
    let truncated_pem = fixture("rsa2048-pkcs8.pem");
    let broken: String = truncated_pem
        .lines()
        .filter(|l| !l.starts_with("-----END"))
        .collect::<Vec<_>>()
        .join("\n");
    page.set("key-input", &broken).await;
    page.click("key-import").await;
    page.wait_for(
        || async { page.text("key-message").await.contains("END") },
        "the END-line message",
    )
    .await;
    assert_no_key_secrets(
        &truncated_pem,
        &page.text("key-message").await,
        "the message",
    );
    assert_eq!(
        page.value("key-input").await,
        "",
        "emptied after a failed import"
    );
    assert_no_key_material(
        &truncated_pem,
        &everything_stored(&page).await,
        "storage after a failed import",
    );
    assert_no_key_material(
        &truncated_pem,
        &page.console_text().await,
        "the console after a failed import",
    );

    // A PKCS#1 PEM made by openssl.
    let pem = fixture("rsa2048-pkcs1.pem");
    page.set("key-input", &pem).await;
    page.click("key-import").await;
    page.wait_for(
        || async { page.text("key-status").await.contains("PKCS#1") },
        "the PKCS#1 key",
    )
    .await;
    assert!(page.text("key-status").await.contains("RSA, 2048 bits"));
    assert_eq!(
        page.value("key-input").await,
        "",
        "the input is emptied after import"
    );
    assert_eq!(
        page.attr("key-input", "autocomplete").await.as_deref(),
        Some("off")
    );
    assert_eq!(
        page.attr("key-input", "spellcheck").await.as_deref(),
        Some("false")
    );

    // Sign with it, so the key has been used, then look everywhere.
    page.click("assertion-sign").await;
    page.wait_attr("assertion-lint", "data-passed", "true")
        .await;
    let stored = everything_stored(&page).await;
    assert_no_key_material(&pem, &stored, "storage");
    assert_no_key_material(&pem, &page.console_text().await, "the console");
    let dom = page
        .eval("return document.documentElement.outerHTML;")
        .await;
    assert_no_key_secrets(&pem, dom.as_str().unwrap_or_default(), "the DOM");
    // A field's value is not in outerHTML: read every input's and text area's.
    assert_no_key_material(&pem, &field_values(&page).await, "the fields' values");
    assert!(
        stored.contains("Stad Gent 2"),
        "the non-secret settings are stored: {stored}"
    );

    page.click("key-forget").await;
    page.wait_attr("key-status", "data-loaded", "false").await;
    assert!(!page.exists("public-jwk").await);
    page.close().await;
}

/// A page, stand-ins and the relay between them, with step 1 filled in; the relay also allows
/// an upstream that streams an endless answer.
struct Live {
    page: Browser,
    stand_ins: StandIns,
    relay: Relay,
    endless: String,
    _server: support::Server,
}

async fn live_setup() -> Live {
    let server = serve_page(&dist_dir("dist"), "/", None).await;
    let stand_ins = StandIns::start().await;
    let endless = support::endless_upstream().await;
    let mut targets = stand_ins.relay_targets();
    targets.push(endless.clone());
    let relay = Relay::start(&server.url(), targets);
    let page = Browser::start().await;
    page.goto(&server.url()).await;
    page.capture_console().await;
    fill_organisation(&page).await;
    page.set("relay-url", &relay.url()).await;
    page.set("issuer-url", &stand_ins.issuer()).await;
    page.set("ping-url", &stand_ins.ping_url()).await;
    page.set("request-timeout", "3").await;
    Live {
        page,
        stand_ins,
        relay,
        endless,
        _server: server,
    }
}

fn register(stand_ins: &StandIns, public_jwk: Value) {
    stand_ins.register(RegisteredClient {
        client_id: CLIENT_ID.into(),
        public_jwks: vec![public_jwk],
        org_code: "0207451227".into(),
        org_name: "Stad Gent".into(),
        client_name: "DAO beta Stad Gent client".into(),
        scopes: vec!["vo_info".into(), "dao_lbbs".into()],
    });
}

/// One live onboarding, case after case: each named case starts where the one before left the
/// page (a key registered, a token, the relay running), because setting all of that up again
/// for each would multiply the run's time for nothing the cases test.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn live_connection_from_key_to_verified_ping_and_every_failure() {
    let mut live = live_setup().await;
    let token = a_registered_key_gets_a_token_and_a_verified_ping(&live).await;
    the_exchange_is_drawn_and_handed_over_as_backend_code(&live, &token).await;
    a_reused_assertion_is_refused_and_pasted_keys_are_never_sent(&live).await;
    api_failures_are_said_and_drawn_where_they_happened(&live).await;
    relay_refusals_and_endless_answers_stop_at_the_relay_or_the_cap(&live).await;
    a_key_the_stand_in_does_not_know_is_refused(&live).await;
    an_imported_key_leaves_no_trace_in_requests_console_or_logs(&live).await;
    a_token_endpoints_clock_ahead_is_warned(&live).await;
    a_reload_keeps_the_settings_and_drops_key_and_token(&live).await;
    a_stopped_relay_is_said_and_what_was_entered_kept(&mut live).await;
    live.page.close().await;
}

/// Key made, registered at the stand-in, relay checked: a token (masked until revealed) and a
/// ping whose every check passes, handed to step 6. Returns the token.
async fn a_registered_key_gets_a_token_and_a_verified_ping(live: &Live) -> String {
    let Live {
        page, stand_ins, ..
    } = live;
    assert_eq!(
        page.value("token-url").await,
        stand_ins.token_url(),
        "the token endpoint follows the issuer"
    );

    generate_key(page, "rsa-2048").await;
    let public_jwk: Value = serde_json::from_str(&page.text("public-jwk").await).unwrap();
    register(stand_ins, public_jwk);
    page.set("client-id", CLIENT_ID).await;

    page.click("relay-check").await;
    page.wait_attr("relay-result", "data-outcome", "ok").await;

    page.click("token-request").await;
    page.wait_attr("token-result", "data-outcome", "granted")
        .await;
    let shown = page.text("token-value").await;
    let tokens = stand_ins.issued_tokens();
    assert_eq!(tokens.len(), 1);
    assert!(
        !shown.contains(&tokens[0]),
        "the token is masked by default"
    );
    page.click("token-reveal").await;
    assert_eq!(page.text("token-value").await, tokens[0]);

    page.click("ping-request").await;
    page.wait_attr("ping-result", "data-outcome", "answered")
        .await;
    page.wait_attr("ping-verdict", "data-verdict", "ok").await;
    for row in page.all("check-row").await {
        assert_eq!(
            row.attr("data-status").await.unwrap().as_deref(),
            Some("ok"),
            "{:?}",
            row.attr("data-check").await
        );
    }
    assert!(
        page.value("ping-input")
            .await
            .contains("DAO beta Stad Gent client"),
        "the answer is handed to step 6"
    );
    let curl = page.text("curl-ping").await;
    assert!(curl.contains("$ACCESS_TOKEN") && !curl.contains(&tokens[0]));

    tokens[0].clone()
}

/// The exchange drawn hop by hop with each status, and the same exchange as four programs
/// holding the values but not the token.
async fn the_exchange_is_drawn_and_handed_over_as_backend_code(live: &Live, token: &str) {
    let Live {
        page, stand_ins, ..
    } = live;
    // The exchange, drawn: there and back through the relay, each answer's status.
    assert_eq!(
        exchange_hops(page).await,
        [
            hop("page", "relay", "", false),
            hop("relay", "acm", "", false),
            hop("acm", "relay", "200", false),
            hop("relay", "page", "200", false),
            hop("page", "relay", "", false),
            hop("relay", "api", "", false),
            hop("api", "relay", "200", false),
            hop("relay", "page", "200", false),
        ]
    );
    let described = page.text("exchange-diagram-text").await;
    assert!(
        described.contains("ACM/IDM") && described.contains("200"),
        "{described}"
    );

    // The same exchange as backend code: four programs, all in the DOM, with the values.
    let snippets = page
        .eval(
            "return [...document.querySelectorAll('[data-testid=\"snippet\"]')]
                .map(e => [e.dataset.lang, e.dataset.filename, e.textContent])",
        )
        .await;
    let snippets: Vec<[String; 3]> = serde_json::from_value(snippets).unwrap();
    let langs: Vec<&str> = snippets.iter().map(|s| s[0].as_str()).collect();
    assert_eq!(langs, ["shell", "python", "node", "java"]);
    assert_eq!(snippets[3][1], "Main.java");
    for [lang, _, text] in &snippets {
        assert!(text.contains(CLIENT_ID), "{lang}");
        assert!(text.contains(&stand_ins.token_url()), "{lang}");
        assert!(text.contains(&stand_ins.ping_url()), "{lang}");
        assert!(!text.contains(token), "{lang} holds the token");
    }
}

/// The same pasted assertion twice is refused (jti); a PEM pasted as "own assertion" is
/// emptied at once, and text that is no compact JWS is refused, both before anything is sent.
async fn a_reused_assertion_is_refused_and_pasted_keys_are_never_sent(live: &Live) {
    let Live {
        page, stand_ins, ..
    } = live;
    // An assertion reused: the same pasted assertion twice.
    page.click("assertion-sign").await;
    page.wait_attr("assertion-lint", "data-passed", "true")
        .await;
    let assertion = page.value("assertion-output").await;
    page.set("lint-input", &assertion).await;
    page.click("token-source-linted").await;
    page.click("token-request").await;
    page.wait_attr("token-result", "data-outcome", "granted")
        .await;
    page.click("token-request").await;
    expect_refusal(page, "invalid_client").await;
    assert!(page.text("token-causes").await.contains("jti"));
    // Drawn: ACM's answer is where it failed.
    assert_eq!(
        exchange_hops(page).await[..4],
        [
            hop("page", "relay", "", false),
            hop("relay", "acm", "", false),
            hop("acm", "relay", "401", true),
            hop("relay", "page", "401", false),
        ]
    );
    // A PEM pasted as "own assertion" never leaves the page: the field refuses it at once and
    // is emptied, so the token request has no assertion to send.
    let requests_before = stand_ins.request_counts().0;
    page.set("lint-input", &fixture("rsa2048-pkcs8.pem")).await;
    assert_eq!(page.value("lint-input").await, "", "the PEM is not kept");
    assert_eq!(
        page.text("lint-input-message").await,
        t(Lang::Nl, T::PrivateKeyRefusedHere)
    );
    page.click("token-request").await;
    page.wait_attr("failure", "data-failure", "precondition")
        .await;
    // Text that is no key but no compact JWS either is still refused before sending.
    page.set("lint-input", "not-a-jws").await;
    page.click("token-request").await;
    page.wait_for(
        || async { page.text("failure").await.contains("compacte JWS") },
        "the compact-JWS refusal",
    )
    .await;
    assert_eq!(
        stand_ins.request_counts().0,
        requests_before,
        "nothing was sent"
    );
    page.set("lint-input", "").await;
    page.click("token-source-fresh").await;
    page.click("token-request").await;
    page.wait_attr("token-result", "data-outcome", "granted")
        .await;
}

/// A 500 with an HTML body, a redirect nobody follows, no browser header reaching the API, and
/// an API that never answers (the page's time-out).
async fn api_failures_are_said_and_drawn_where_they_happened(live: &Live) {
    let Live {
        page, stand_ins, ..
    } = live;
    // A 500 with an HTML body.
    stand_ins.set_api_mode(ApiMode::Html500);
    page.click("ping-request").await;
    page.wait_attr("failure", "data-failure", "http-error")
        .await;
    let failure = page.text("failure").await;
    assert!(
        failure.contains("HTTP 500")
            && failure.contains("Internal Server Error")
            && !failure.contains("<h1>"),
        "{failure}"
    );
    // Drawn: the API's answer is where it failed.
    let hops = exchange_hops(page).await;
    assert_eq!(
        hops[hops.len() - 4..],
        [
            hop("page", "relay", "", false),
            hop("relay", "api", "", false),
            hop("api", "relay", "500", true),
            hop("relay", "page", "500", false),
        ]
    );

    // An upstream redirect: neither the relay nor the page follows it.
    stand_ins.set_api_mode(ApiMode::Redirect);
    page.click("ping-request").await;
    page.wait_attr("failure", "data-failure", "relay-refused")
        .await;
    assert!(page.text("failure").await.contains("upstream_redirect"));
    let followed = page
        .eval("return performance.getEntriesByType('resource').some(e => e.name.includes('elsewhere.example'))")
        .await;
    assert_eq!(followed, json!(false), "the page followed the redirect");
    stand_ins.set_api_mode(ApiMode::Normal);

    // What the browser sent did not reach the API: no cookies, no browser headers.
    let received = stand_ins.received();
    let pings: Vec<&str> = received
        .lines()
        .filter(|line| line.contains("x-correlation-id"))
        .collect();
    assert!(!pings.is_empty());
    for ping in pings {
        for browser_header in [
            "user-agent",
            "origin",
            "referer",
            "cookie",
            "sec-fetch",
            "accept-language",
            "x-forwarded",
        ] {
            assert!(
                !ping
                    .to_ascii_lowercase()
                    .contains(&format!("\"{browser_header}")),
                "{browser_header} reached the API: {ping}"
            );
        }
    }

    // An API that never answers: the page's time-out (3 s here).
    stand_ins.set_api_mode(ApiMode::Hang);
    page.click("ping-request").await;
    page.wait_exists("request-cancel").await;
    page.wait_attr("failure", "data-failure", "timeout").await;
    // Drawn: no answer came back; the first hop failed.
    let hops = exchange_hops(page).await;
    assert_eq!(hops.last(), Some(&hop("page", "relay", "", true)));
    stand_ins.set_api_mode(ApiMode::Normal);
}

/// A target outside the relay's allowlist, and an answer that does not end.
async fn relay_refusals_and_endless_answers_stop_at_the_relay_or_the_cap(live: &Live) {
    let Live {
        page,
        stand_ins,
        endless,
        ..
    } = live;
    // A target outside the relay's allowlist.
    page.set(
        "ping-url",
        &format!("{}/health/v1/other", stand_ins.api.url()),
    )
    .await;
    page.click("ping-request").await;
    page.wait_attr("failure", "data-failure", "relay-refused")
        .await;
    assert!(page.text("failure").await.contains("target_not_allowed"));
    // Drawn: the relay answered for itself; the API was never reached.
    let hops = exchange_hops(page).await;
    assert_eq!(
        hops[hops.len() - 2..],
        [
            hop("page", "relay", "", false),
            hop("relay", "page", "403", true)
        ]
    );
    // An answer without Content-Length that does not end: the page stops reading at its cap.
    page.set("ping-url", endless).await;
    page.click("ping-request").await;
    page.wait_attr("failure", "data-failure", "too-large").await;
    page.click("endpoints-reset").await;
    page.set("issuer-url", &stand_ins.issuer()).await;
    page.set("ping-url", &stand_ins.ping_url()).await;
}

/// A key that was never registered: ACM's refusal, with the likely cause.
async fn a_key_the_stand_in_does_not_know_is_refused(live: &Live) {
    let Live { page, .. } = live;
    // A key the stand-in does not know.
    page.click("key-forget").await;
    generate_key(page, "ec-p256").await;
    page.click("token-request").await;
    expect_refusal(page, "invalid_client").await;
    assert!(page.text("token-causes").await.contains("publieke sleutel"));
}

/// A key imported from a file, registered, used for a token and a ping: nothing the stand-ins
/// received, the console or the relay's logs hold any part of it, nor a token or an assertion.
async fn an_imported_key_leaves_no_trace_in_requests_console_or_logs(live: &Live) {
    let Live {
        page,
        stand_ins,
        relay,
        ..
    } = live;
    // A key imported from a file, registered, used for a token and a ping: nothing the
    // stand-ins received and nothing in the console holds any part of it.
    let pem = fixture("rsa2048-pkcs8.pem");
    page.set("key-input", &pem).await;
    page.click("key-import").await;
    page.wait_for(
        || async { page.text("key-status").await.contains("PKCS#8") },
        "the PKCS#8 key",
    )
    .await;
    let public_jwk: Value = serde_json::from_str(&page.text("public-jwk").await).unwrap();
    register(stand_ins, public_jwk);
    page.click("token-request").await;
    page.wait_attr("token-result", "data-outcome", "granted")
        .await;
    page.click("ping-request").await;
    page.wait_attr("ping-result", "data-outcome", "answered")
        .await;
    let received = stand_ins.received();
    assert!(
        received.contains("client_assertion"),
        "the stand-ins recorded: {received:.200}"
    );
    assert_no_key_material(&pem, &received, "what the stand-ins received");
    assert_no_key_material(&pem, &page.console_text().await, "the console");
    assert_no_key_material(&pem, &relay.logs(), "the relay's logs");

    // Nothing the relay logged holds a token or an assertion.
    let logs = relay.logs();
    assert!(logs.contains("POST"), "the relay logged requests: {logs}");
    assert!(!logs.to_lowercase().contains("bearer"));
    for token in stand_ins.issued_tokens() {
        assert!(!logs.contains(&token), "a token was logged");
    }
    for seen in stand_ins.seen_assertions() {
        let signature = seen.rsplit('.').next().unwrap();
        assert!(!logs.contains(signature), "an assertion was logged");
    }
}

/// A token endpoint whose clock runs a minute ahead: the page warns, and stops when it is right.
async fn a_token_endpoints_clock_ahead_is_warned(live: &Live) {
    let Live {
        page, stand_ins, ..
    } = live;
    // A token endpoint whose clock runs a minute ahead: the page warns.
    stand_ins.set_date_skew(60);
    page.click("token-request").await;
    page.wait_exists("clock-skew").await;
    let skew = page.text("clock-skew").await;
    assert!(
        skew.contains("60 s") || skew.contains("59 s") || skew.contains("61 s"),
        "{skew}"
    );
    stand_ins.set_date_skew(0);
    page.click("token-request").await;
    page.wait_for(
        || async { !page.exists("clock-skew").await },
        "the skew warning to go",
    )
    .await;
}

/// A reload keeps the relay, the endpoints and the client id, and drops key and token.
async fn a_reload_keeps_the_settings_and_drops_key_and_token(live: &Live) {
    let Live {
        page,
        stand_ins,
        relay,
        ..
    } = live;
    // A reload keeps the relay, the endpoints and the client id, and drops key and token.
    page.client.refresh().await.unwrap();
    page.wait_ready().await;
    assert_eq!(page.value("relay-url").await, relay.url());
    assert_eq!(page.value("issuer-url").await, stand_ins.issuer());
    assert_eq!(page.value("client-id").await, CLIENT_ID);
    assert_eq!(
        page.attr("key-status", "data-loaded").await.as_deref(),
        Some("false")
    );
    assert!(!page.exists("token-result").await);
}

/// The relay stopped, with a key loaded again so the request gets as far as the network.
async fn a_stopped_relay_is_said_and_what_was_entered_kept(live: &mut Live) {
    let Live { page, relay, .. } = live;
    // The relay stopped (with a key loaded again, so the request gets as far as the network).
    generate_key(page, "ec-p256").await;
    relay.stop();
    page.click("token-request").await;
    page.wait_attr("failure", "data-failure", "unreachable")
        .await;
    assert!(page.text("failure").await.contains("relay"));
    assert_eq!(
        page.value("client-id").await,
        CLIENT_ID,
        "what the user entered is kept"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn ping_answers_pasted_by_hand() {
    let server = serve_page(&dist_dir("dist"), "/", None).await;
    let page = Browser::start().await;
    page.goto(&server.url()).await;
    fill_organisation(&page).await;
    page.set("client-id", CLIENT_ID).await;
    let secret_marker = "eyJzZWNyZXQtdG9rZW4tdmFsdWUi";
    let mut answer = stad_gent_answer();
    answer["token"]["access_token_hint"] = json!(secret_marker);
    page.set(
        "ping-input",
        &serde_json::to_string_pretty(&answer).unwrap(),
    )
    .await;
    page.click("ping-validate").await;
    page.wait_attr("ping-verdict", "data-verdict", "ok").await;
    let rows = page.all("check-row").await;
    assert_eq!(
        rows.len(),
        dao_onboard::domain::onboarding::ping::CheckId::ALL.len()
    );
    for row in &rows {
        assert_eq!(
            row.attr("data-status").await.unwrap().as_deref(),
            Some("ok")
        );
    }
    assert!(page
        .text("unknown-fields")
        .await
        .contains("token.access_token_hint"));
    let proof = page.text("proof-report").await;
    assert!(
        proof.contains("DAO beta Stad Gent client")
            && proof.contains(CLIENT_ID)
            && proof.contains("0207451227")
    );
    assert!(
        !proof.contains(secret_marker),
        "the proof holds only what it lists"
    );
    // The proof lists the assumptions in force, each with its reason.
    let assumed = proof
        .split("## Aangenomen")
        .nth(1)
        .unwrap_or_else(|| panic!("no assumptions section in {proof}"));
    for reason in [
        dao_onboard::i18n::messages::assumption_reason(
            dao_onboard::i18n::Lang::Nl,
            dao_onboard::domain::facts::sources::Assumption::LifetimeAtMost600,
        ),
        dao_onboard::i18n::messages::assumption_reason(
            dao_onboard::i18n::Lang::Nl,
            dao_onboard::domain::facts::sources::Assumption::Rs256FromExamples,
        ),
    ] {
        assert!(assumed.contains(reason), "{reason} in {assumed}");
    }
    // DAO in beta: the onboarding text names that host, so no host assumption.
    assert!(!assumed.contains("patroon van beta"), "{assumed}");

    // The answer exactly as documented: the role scope alone at the top level.
    // (First an invalid answer, so the ok below is the new verdict, not the old one.)
    page.set("ping-input", "{").await;
    page.click("ping-validate").await;
    page.wait_attr("ping-verdict", "data-verdict", "invalid")
        .await;
    answer["scopes"] = json!("dao_lbbs");
    page.set("ping-input", &answer.to_string()).await;
    page.click("ping-validate").await;
    page.wait_attr("ping-verdict", "data-verdict", "ok").await;
    assert!(page
        .attr("proof-mail", "href")
        .await
        .unwrap()
        .starts_with("mailto:"));

    let mut other = answer.clone();
    other["clientId"] = json!("11111111-2222-4333-8444-555555555555");
    other["token"]["client_id"] = json!("11111111-2222-4333-8444-555555555555");
    other["token"]["sub"] = json!("11111111-2222-4333-8444-555555555555");
    page.set("ping-input", &other.to_string()).await;
    page.click("ping-validate").await;
    page.wait_attr("ping-verdict", "data-verdict", "mismatch")
        .await;
    page.wait_attr("check-row", "data-status", "fail").await;
    assert_eq!(failing_checks(&page).await, ["client-id"]);

    page.set("ping-input", "{\n  \"clientId\": \"abc\",\n  oops\n}")
        .await;
    page.click("ping-validate").await;
    page.wait_attr("ping-verdict", "data-verdict", "invalid")
        .await;
    let verdict = page.text("ping-verdict").await;
    assert!(
        verdict.contains("regel 3") && verdict.contains("kolom 3"),
        "{verdict}"
    );
    assert!(page.text("json-snippet").await.contains("oops"));
    page.close().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn relay_config_is_valid_for_nginx() {
    let dir = support::temp_dir("nginx-t");
    std::fs::create_dir_all(dir.join("logs")).unwrap();
    std::fs::create_dir_all(dir.join("tmp")).unwrap();
    for conf in [
        std::fs::read_to_string(format!("{}/relay/nginx.conf", env!("CARGO_MANIFEST_DIR")))
            .unwrap(),
        dao_onboard::domain::runnable::relay_nginx::render(&Relay::params(
            "http://127.0.0.1:8080",
            vec!["http://127.0.0.1:9/op/v1/token".into()],
            18010,
            &dir,
        ))
        .unwrap(),
        std::fs::read_to_string(format!("{}/hosting/nginx.conf", env!("CARGO_MANIFEST_DIR")))
            .unwrap(),
    ] {
        let path = dir.join("nginx.conf");
        std::fs::write(&path, conf).unwrap();
        let out = std::process::Command::new("nginx")
            .arg("-t")
            .arg("-p")
            .arg(&dir)
            .arg("-c")
            .arg(&path)
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
    let _ = std::fs::remove_dir_all(dir);
    tokio::time::sleep(Duration::from_millis(1)).await;
}

/// The origin of an endpoint value as the page shows it (`data-origin` of its note in step 5).
async fn origin_of(page: &Browser, value: &str) -> String {
    page.eval(&format!(
        "const e = document.querySelector('#verbinding [data-testid=value-origin][data-value={value}]');
         return e ? e.dataset.origin + '|' + e.textContent : 'none';"
    ))
    .await
    .as_str()
    .unwrap_or_default()
    .to_string()
}

/// Every value says where it came from: a `config.json` value and a typed one each say where they came from, beside the
/// published value, in step 5 and in the proof; ACM's own discovery document (here one that
/// lists RS256 and PS256 only) drives the algorithm statement and warns before ES256; the API's
/// actuator/info answers without a token; and a `sub` that is not the client id is no mismatch.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_value_says_where_it_came_from_and_acm_speaks_for_itself() {
    use support::stand_ins::DiscoveryLists;
    let stand_ins = StandIns::start().await;
    stand_ins.set_discovery_lists(DiscoveryLists {
        auth_methods: vec!["private_key_jwt"],
        signing_algs: vec!["RS256", "PS256"],
    });
    let config = json!({ "environments": { "beta": { "issuer": stand_ins.issuer() } } });
    let server = serve_page(&dist_dir("dist"), "/", Some(config.to_string())).await;
    let relay = Relay::start(&server.url(), stand_ins.relay_targets());
    let page = Browser::start().await;
    page.goto(&server.url()).await;
    page.wait_config_loaded().await;
    fill_organisation(&page).await;
    page.set("relay-url", &relay.url()).await;
    page.set("ping-url", &stand_ins.ping_url()).await;

    // Step 5: config.json's issuer (and the token endpoint that follows it), the typed ping,
    // each with the published value beside it; no source note of ACM beside config's issuer.
    let issuer = origin_of(&page, "issuer").await;
    assert!(issuer.starts_with("config|"), "{issuer}");
    assert!(
        issuer.contains("https://authenticatie-ti.vlaanderen.be/op"),
        "{issuer}"
    );
    let token = origin_of(&page, "token-endpoint").await;
    assert!(token.starts_with("config|"), "{token}");
    assert!(
        token.contains("https://authenticatie-ti.vlaanderen.be/op/v1/token"),
        "{token}"
    );
    let ping = origin_of(&page, "ping").await;
    assert!(ping.starts_with("typed|"), "{ping}");
    assert!(
        ping.contains("https://dao.api.beta-athumi.eu/health/v1/ping"),
        "{ping}"
    );
    // The API's name: DAO was chosen here; the page's own default is eLys, with its source.
    let brand_origin = "return document.querySelector('[data-testid=brand-origin] [data-testid=value-origin]').dataset.origin;";
    assert_eq!(page.eval(brand_origin).await, json!("typed"));
    page.set("brand-select", "eLys").await;
    assert_eq!(page.eval(brand_origin).await, json!("published"));
    page.set("brand-select", "DAO").await;
    // Back to the published ping: its source note again, no origin text.
    page.set("ping-url", "https://dao.api.beta-athumi.eu/health/v1/ping")
        .await;
    assert!(origin_of(&page, "ping").await.starts_with("published|"));
    page.set("ping-url", &stand_ins.ping_url()).await;

    // ACM's discovery document, through the relay, says what it takes.
    page.click("relay-check").await;
    page.wait_exists("discovery-facts").await;
    let facts = page.text("discovery-facts").await;
    assert!(facts.contains("RS256, PS256"), "{facts}");
    assert!(facts.contains("private_key_jwt staat bij"), "{facts}");
    assert_eq!(
        page.attr("alg-source", "data-from").await.as_deref(),
        Some("discovery")
    );
    // An EC key signs ES256, which the document does not list: a warning before signing.
    generate_key(&page, "ec-p256").await;
    page.click("key-save-decline").await;
    page.wait_exists("alg-not-listed").await;
    assert!(page.text("alg-not-listed").await.contains("ES256"));

    // The API's version, without a token.
    page.click("api-info-check").await;
    page.wait_attr("api-info-result", "data-outcome", "ok")
        .await;
    assert!(page
        .text("api-info-result")
        .await
        .contains("0.31.2-stand-in"));

    // A sub of its own is shown, not failed; the proof lists what differs from the sources.
    page.set("client-id", CLIENT_ID).await;
    let mut answer = stad_gent_answer();
    answer["token"]["sub"] = json!("7c1f0e22-subject-of-its-own");
    answer["token"]["iss"] = json!(stand_ins.issuer());
    page.set("ping-input", &answer.to_string()).await;
    page.click("ping-validate").await;
    page.wait_attr("ping-verdict", "data-verdict", "ok").await;
    assert!(failing_checks(&page).await.is_empty());
    let proof = page.text("proof-report").await;
    assert!(
        proof.contains("Anders dan de bronnen publiceren"),
        "{proof}"
    );
    assert!(
        proof.contains(&format!("Issuer: {}", stand_ins.issuer())),
        "{proof}"
    );
    assert!(proof.contains("uit config.json van deze site"), "{proof}");
    assert!(proof.contains("door u ingevuld"), "{proof}");
    page.close().await;

    // A document without private_key_jwt (like ACM's own documented example) is said as it is,
    // with a warning, never as "ACM refuses assertions": the token request decides.
    stand_ins.set_discovery_lists(DiscoveryLists {
        auth_methods: vec!["client_secret_basic", "client_secret_post"],
        signing_algs: vec!["RS256"],
    });
    let page = Browser::start().await;
    page.goto(&server.url()).await;
    fill_organisation(&page).await;
    page.set("relay-url", &relay.url()).await;
    page.click("relay-check").await;
    page.wait_exists("discovery-facts").await;
    assert_eq!(
        page.attr("discovery-facts", "data-verdict")
            .await
            .as_deref(),
        Some("not-listed")
    );
    let facts = page.text("discovery-facts").await;
    assert!(
        facts.contains("client_secret_basic, client_secret_post"),
        "{facts}"
    );
    assert!(facts.contains("De tokenaanvraag beslist"), "{facts}");
    assert!(!facts.contains("zegt zelf"), "{facts}");
    page.close().await;
}

/// The relay from the page itself: the configuration the page writes for its own origin is
/// accepted by `nginx -t`, and run by real nginx it carries the page's whole flow against the
/// stand-ins, answers the page's preflight, and refuses another origin.
/// A fresh key registered with the stand-ins, then the relay check, the token and the ping,
/// each as it should come out, through the relay the page is set to.
async fn whole_flow_through_the_relay(page: &Browser, stand_ins: &StandIns) {
    generate_key(page, "rsa-2048").await;
    page.click("key-save-decline").await;
    let public_jwk: Value = serde_json::from_str(&page.text("public-jwk").await).unwrap();
    register(stand_ins, public_jwk);
    page.set("client-id", CLIENT_ID).await;
    page.click("relay-check").await;
    page.wait_attr("relay-result", "data-outcome", "ok").await;
    page.click("token-request").await;
    page.wait_attr("token-result", "data-outcome", "granted")
        .await;
    page.click("ping-request").await;
    page.wait_attr("ping-verdict", "data-verdict", "ok").await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_relay_the_page_writes_carries_its_whole_flow() {
    let server = serve_page(&dist_dir("dist"), "/", None).await;
    let stand_ins = StandIns::start().await;
    let page = Browser::start().await;
    page.goto(&server.url()).await;
    fill_organisation(&page).await;
    page.set("issuer-url", &stand_ins.issuer()).await;
    page.set("ping-url", &stand_ins.ping_url()).await;
    page.eval("document.querySelector('[data-testid=own-relay]').open = true;")
        .await;
    assert_eq!(page.value("relay-config-origin").await, server.url());
    let port = support::free_port();
    page.set("relay-config-listen", &format!("127.0.0.1:{port}"))
        .await;
    // Something nginx would read as syntax is refused, and nothing is written.
    page.set("relay-config-log-dir", "logs; include /etc/passwd")
        .await;
    assert_eq!(page.text("relay-config").await, "");
    assert!(!page.text("relay-config-origin-message").await.is_empty());
    page.set("relay-config-log-dir", "logs").await;
    // The stand-ins are on 127.0.0.1: in a relay that is the relay host's own loopback, so
    // they go on the allowlist only when the user says the relay runs beside them.
    assert_eq!(page.text("relay-config").await, "");
    let refused = page.text("relay-config-origin-message").await;
    assert!(refused.contains(&stand_ins.token_url()), "{refused}");
    page.click("relay-config-loopback-targets").await;
    // A plain-http relay off this machine is refused too.
    page.set("relay-config-listen", &format!("0.0.0.0:{port}"))
        .await;
    assert_eq!(page.text("relay-config").await, "");
    page.set("relay-config-listen", &format!("127.0.0.1:{port}"))
        .await;
    let conf = page.text("relay-config").await;
    assert!(
        conf.contains(&format!("listen 127.0.0.1:{port};")),
        "{conf}"
    );
    // The endpoints in use that differ are listed, with where they came from.
    let listed = page.text("relay-config-targets").await;
    assert!(listed.contains(&stand_ins.token_url()), "{listed}");
    assert!(listed.contains(&stand_ins.actuator_info_url()), "{listed}");
    assert!(listed.contains("door u ingevuld"), "{listed}");
    let commands = page.text("relay-config-commands").await;
    assert!(
        commands.contains("sudo nginx -t -p '/srv/dao-relay'"),
        "{commands}"
    );

    // Real nginx takes the page's file as it is (Relay::run runs nginx -t first).
    let relay = Relay::run(port, support::temp_dir("own-relay"), &conf);
    page.click("relay-config-use-url").await;
    assert_eq!(
        page.value("relay-url").await,
        format!("http://127.0.0.1:{port}/")
    );

    // The whole flow through it.
    whole_flow_through_the_relay(&page, &stand_ins).await;

    // The preflight for this page's origin, and none for another.
    let preflight = |origin: &str| {
        format!(
            "OPTIONS /{} HTTP/1.1\r\nHost: relay\r\nOrigin: {origin}\r\nAccess-Control-Request-Method: GET\r\nAccess-Control-Request-Headers: authorization, x-correlation-id\r\nConnection: close\r\n\r\n",
            stand_ins.ping_url()
        )
    };
    let ours = support::raw_http(relay.port, &preflight(&server.url())).await;
    assert_eq!(ours.status, 204, "{ours:?}");
    assert_eq!(
        ours.header("access-control-allow-origin"),
        Some(server.url().as_str())
    );
    assert!(ours
        .header("access-control-allow-headers")
        .is_some_and(|h| h.contains("x-correlation-id")));
    let theirs = support::raw_http(relay.port, &preflight("https://elsewhere.example")).await;
    assert_eq!(theirs.status, 403, "{theirs:?}");
    page.close().await;
}

/// A TLS-1.3-only upstream: the API team's release notes announced it for the eLys API from
/// 2025-10-02 until the entry was removed on 2026-04-20, and nginx before 1.23.4 (Debian 12's
/// 1.22) offers only up to TLS 1.2 upstream unless told. The relay this page writes
/// ("Uw eigen relay"), run by real nginx, carries the whole flow (discovery, token, ping) to
/// ACM and the API behind an nginx that speaks TLS 1.3 only, with a certificate from a test
/// CA; the file as the page wrote it but for the CA it trusts. On such an nginx, the same file
/// without `proxy_ssl_protocols` gets the reported 502.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_relay_the_page_writes_reaches_acm_and_the_api_over_tls_1_3_only() {
    let server = serve_page(&dist_dir("dist"), "/", None).await;
    let stand_ins = StandIns::start().await;
    let acm = stand_ins.acm.url();
    let api = stand_ins.api.url();
    let (_front, tls_port, tls_dir) = support::tls13_only_nginx(&format!(
        "location /op/ {{ proxy_pass {acm}; }}\n\
         location /health/ {{ proxy_pass {api}; }}\n\
         location /actuator/ {{ proxy_pass {api}; }}"
    ));
    let issuer = format!("https://127.0.0.1:{tls_port}/op");
    stand_ins.set_issuer(&issuer);
    let page = Browser::start().await;
    page.goto(&server.url()).await;
    fill_organisation(&page).await;
    page.set("issuer-url", &issuer).await;
    page.set(
        "ping-url",
        &format!("https://127.0.0.1:{tls_port}/health/v1/ping"),
    )
    .await;
    page.eval("document.querySelector('[data-testid=own-relay]').open = true;")
        .await;
    let port = support::free_port();
    page.set("relay-config-listen", &format!("127.0.0.1:{port}"))
        .await;
    page.set("relay-config-log-dir", "logs").await;
    page.click("relay-config-loopback-targets").await;
    let written = page.text("relay-config").await;
    assert!(
        written.contains("proxy_ssl_protocols TLSv1.2 TLSv1.3;"),
        "{written}"
    );
    assert!(written.contains(&format!("https://127.0.0.1:{tls_port}/op/v1/token")));
    let conf = support::trusting_test_ca(&written, &tls_dir.join("ca.pem"));
    let _relay = Relay::run(port, support::temp_dir("own-relay-tls13"), &conf);
    page.click("relay-config-use-url").await;

    whole_flow_through_the_relay(&page, &stand_ins).await;
    assert!(stand_ins.request_counts().0 >= 1 && stand_ins.request_counts().1 >= 1);

    if support::nginx_version() < (1, 23, 4) {
        let control_port = support::free_port();
        let control_conf = support::without_tls13_upstream(&conf).replace(
            &format!("listen 127.0.0.1:{port};"),
            &format!("listen 127.0.0.1:{control_port};"),
        );
        let control = Relay::run(
            control_port,
            support::temp_dir("own-relay-tls12"),
            &control_conf,
        );
        let reply = support::raw_http(
            control.port,
            &format!(
                "GET /{issuer}/.well-known/openid-configuration HTTP/1.1\r\nHost: relay\r\n\
                 Origin: {}\r\nConnection: close\r\n\r\n",
                server.url()
            ),
        )
        .await;
        assert_eq!(reply.status, 502, "{reply:?}");
    }
    page.close().await;
}

/// The workspace's rows as `code/env/role/status/current`.
async fn workspace_rows(page: &Browser) -> Vec<String> {
    let rows = page
        .eval(
            "return [...document.querySelectorAll('[data-testid=\"workspace-row\"]')]
                .map(r => [r.dataset.orgCode, r.dataset.env, r.dataset.role, r.dataset.status,
                           r.dataset.current].join('/'))",
        )
        .await;
    serde_json::from_value(rows).unwrap()
}

/// Clicks a button of the workspace's `index`th row.
async fn workspace_row_click(page: &Browser, index: usize, testid: &str) {
    page.eval(&format!(
        "document.querySelectorAll('[data-testid=\"workspace-row\"]')[{index}]
            .querySelector('[data-testid=\"{testid}\"]').click(); return null;"
    ))
    .await;
}

/// Ticks (or unticks) a checklist item.
async fn tick(page: &Browser, item: &str) {
    page.eval(&format!(
        "document.querySelector('[data-item=\"{item}\"]').click(); return null;"
    ))
    .await;
}

/// Keeps what the page offers as downloads, for [`last_download`].
async fn capture_downloads(page: &Browser) {
    page.eval(
        "window.__downloads = [];
         const create = URL.createObjectURL;
         URL.createObjectURL = function (blob) { window.__downloads.push(blob); return create.call(URL, blob); };
         return null;",
    )
    .await;
}

/// The text of the last file the page offered for download.
async fn last_download(page: &Browser) -> String {
    page.eval_async(
        "const done = arguments[arguments.length - 1];
         window.__downloads.at(-1).text().then(done, e => done('error ' + e));",
    )
    .await
    .as_str()
    .unwrap()
    .to_string()
}

/// Picks a file in the workspace's import input, as a user does.
async fn import_file(page: &Browser, path: &std::path::Path) {
    page.el("workspace-import")
        .await
        .send_keys(&path.display().to_string())
        .await
        .unwrap();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_workspace_survives_a_reload_and_moves_to_a_fresh_browser_without_secrets() {
    let server = serve_page(&dist_dir("dist"), "/", None).await;
    let page = Browser::start().await;
    page.goto(&server.url()).await;
    page.wait_ready().await;
    page.capture_console().await;
    fill_organisation(&page).await;
    page.click("workspace-add").await;
    page.wait_for(
        || async { workspace_rows(&page).await.len() == 1 },
        "the row",
    )
    .await;
    assert_eq!(
        workspace_rows(&page).await,
        ["0207451227/beta/lbbs/new/true"]
    );
    assert!(page.text("workspace-current").await.contains("Stad Gent"));

    // The organisation's own key, registered for this row; the client requested.
    let pem = fixture("rsa2048-pkcs8.pem");
    page.set("key-input", &pem).await;
    page.click("key-import").await;
    page.wait_attr("key-status", "data-loaded", "true").await;
    tick(&page, "upload-public-jwk").await;
    tick(&page, "create-client").await;
    page.wait_for(
        || async { workspace_rows(&page).await[0].contains("/requested/") },
        "the requested status",
    )
    .await;
    assert!(!page
        .attr("workspace-key-match", "class")
        .await
        .unwrap_or_default()
        .contains("warning"));

    // A CSV file through the file input: refused as a whole, then accepted.
    let dir = support::temp_dir("workspace-import");
    let refused = dir.join("refused.csv");
    std::fs::write(
        &refused,
        "organisation;code;role;environment\nUitvaart A;0123456749;uitvaartondernemer;beta\nUitvaart B;0123456750;uitvaartondernemer;beta\n",
    )
    .unwrap();
    import_file(&page, &refused).await;
    page.wait_attr("workspace-import-result", "data-outcome", "refused")
        .await;
    assert!(page
        .text("workspace-import-result")
        .await
        .contains("Regel 3"));
    assert_eq!(workspace_rows(&page).await.len(), 1);
    let accepted = dir.join("accepted.csv");
    std::fs::write(
        &accepted,
        "\u{feff}organisation;code;role;environment;client_id\r\n\"Uitvaart A; Gent\";0123456749;uitvaartondernemer;beta;\r\nStad Gent;0207451227;lbbs;PROD;\r\n",
    )
    .unwrap();
    import_file(&page, &accepted).await;
    page.wait_attr("workspace-import-result", "data-outcome", "added")
        .await;
    assert_eq!(workspace_rows(&page).await.len(), 3);

    // The next environment from the first row: acc, open, no ticks, and the loaded key is
    // beta's, which the key step says.
    workspace_row_click(&page, 0, "workspace-next-env").await;
    page.wait_for(
        || async { workspace_rows(&page).await.len() == 4 },
        "the acc row",
    )
    .await;
    assert_eq!(
        workspace_rows(&page).await,
        [
            "0207451227/beta/lbbs/requested/false",
            "0123456749/beta/uitvaartondernemer/new/false",
            "0207451227/prod/lbbs/new/false",
            "0207451227/acc/lbbs/new/true",
        ]
    );
    assert!(page
        .attr("workspace-key-match", "class")
        .await
        .unwrap()
        .contains("warning"));
    assert!(page
        .text("workspace-key-match")
        .await
        .contains("Stad Gent (beta)"));

    // A reload keeps every row, the open one and its ticks.
    let before = workspace_rows(&page).await;
    page.goto(&server.url()).await;
    page.wait_ready().await;
    page.wait_for(
        || async { workspace_rows(&page).await.len() == 4 },
        "the rows after the reload",
    )
    .await;
    assert_eq!(workspace_rows(&page).await, before);
    workspace_row_click(&page, 0, "workspace-open").await;
    page.wait_for(
        || async { workspace_rows(&page).await[0].ends_with("/true") },
        "beta open",
    )
    .await;
    let ticked = page
        .eval(
            "return [...document.querySelectorAll('[data-testid=\"checklist-item\"]')]
                .filter(i => i.checked).map(i => i.dataset.item)",
        )
        .await;
    assert_eq!(ticked, json!(["create-client", "upload-public-jwk"]));

    // The exports, and nothing secret anywhere the page keeps or hands out.
    capture_downloads(&page).await;
    page.click("workspace-export-json").await;
    let exported = last_download(&page).await;
    page.click("workspace-export-csv").await;
    let csv = last_download(&page).await;
    page.click("workspace-report").await;
    let report = last_download(&page).await;
    assert!(csv.starts_with("organisation;code;role;environment;client_id;status"));
    assert!(report.contains("Stad Gent") && report.contains("Client aangevraagd"));
    let everything = format!(
        "{} {exported} {csv} {report} {}",
        everything_stored(&page).await,
        page.console_text().await
    );
    assert_no_key_material(&pem, &everything, "the workspace's storage and exports");
    let thumbprint = key::import(&pem).unwrap().info().thumbprint().to_string();
    assert!(exported.contains(&thumbprint), "the key by its thumbprint");

    // The export into a fresh browser gives the same rows (none open there).
    let file = dir.join("dao-onboard-werkruimte.json");
    std::fs::write(&file, &exported).unwrap();
    let fresh = Browser::start().await;
    fresh.goto(&server.url()).await;
    fresh.wait_ready().await;
    import_file(&fresh, &file).await;
    fresh
        .wait_attr("workspace-import-result", "data-outcome", "added")
        .await;
    let strip_current = |rows: Vec<String>| {
        rows.into_iter()
            .map(|r| r.rsplit_once('/').unwrap().0.to_string())
            .collect::<Vec<_>>()
    };
    assert_eq!(
        strip_current(workspace_rows(&fresh).await),
        strip_current(workspace_rows(&page).await)
    );
    fresh.close().await;
    page.close().await;
}
