//! End to end, "ready for real users": axe-core on every step (light and dark, desktop and
//! 360 px), a keyboard-only pass, no CSP violation, the sub-path build, `config.json` good and
//! broken, and the page kept working after its server is gone.
#![cfg(not(target_arch = "wasm32"))]

mod support;

use fantoccini::actions::{InputSource, KeyAction, KeyActions};
use fantoccini::key::Key;
use serde_json::{json, Value};
use support::{dist_dir, fill_organisation, serve_page, stad_gent_answer, Browser, CLIENT_ID};

/// Fills every step so each shows its results (messages, outputs, tables).
async fn use_every_step(page: &Browser) {
    fill_organisation(page).await;
    // The workspace with a row, as it reads at every width checked below.
    page.click("workspace-add").await;
    page.wait_attr("workspace", "data-empty", "false").await;
    page.set("key-type", "ec-p256").await;
    page.click("key-generate").await;
    page.wait_attr("key-status", "data-loaded", "true").await;
    page.set("registered-jwk", &page.text("public-jwk").await)
        .await;
    page.set("client-id", CLIENT_ID).await;
    page.click("assertion-sign").await;
    page.wait_exists("assertion-lint").await;
    page.set("ping-input", &stad_gent_answer().to_string())
        .await;
    page.click("ping-validate").await;
    page.wait_attr("ping-verdict", "data-verdict", "ok").await;
}

/// Runs axe-core on one step; returns its serious and critical violations.
async fn axe(page: &Browser, step: &str) -> Vec<Value> {
    let installed = page.eval("return typeof window.axe !== 'undefined'").await;
    if installed != json!(true) {
        let source = std::fs::read_to_string(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/node_modules/axe-core/axe.min.js"
        ))
        .expect("axe-core is installed (npm ci in scripts/setup.sh)");
        page.client
            .execute(&source, vec![])
            .await
            .expect("axe-core loads");
    }
    let script = format!(
        "const done = arguments[arguments.length - 1];
         axe.run(document.getElementById('{step}'), {{ resultTypes: ['violations'] }})
            .then(r => done(r.violations.filter(v => v.impact === 'serious' || v.impact === 'critical')
                .map(v => ({{ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map(n => n.target.join(' ')) }}))))
            .catch(e => done([{{ id: 'axe-error', help: String(e) }}]));"
    );
    page.eval_async(&script)
        .await
        .as_array()
        .cloned()
        .unwrap_or_default()
}

async fn axe_every_step(page: &Browser, label: &str) {
    let mut problems = Vec::new();
    for step in support::step_ids() {
        for violation in axe(page, step).await {
            problems.push(format!("{label} #{step}: {violation}"));
        }
    }
    assert!(
        problems.is_empty(),
        "axe-core found serious or critical violations:\n{}",
        problems.join("\n")
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn axe_core_finds_nothing_serious_on_any_step() {
    let server = serve_page(&dist_dir("dist"), "/", None).await;
    let page = Browser::start().await;
    page.goto(&server.url()).await;
    use_every_step(&page).await;
    axe_every_step(&page, "light, 1280 px").await;

    // Errors and warnings showing too.
    page.type_keys("org-code", "0207.451.228").await;
    page.set("key-input", "geen sleutel").await;
    page.click("key-import").await;
    page.wait_exists("key-message").await;
    page.set("ping-input", "{ kapot").await;
    page.click("ping-validate").await;
    page.wait_attr("ping-verdict", "data-verdict", "invalid")
        .await;
    axe_every_step(&page, "with errors").await;

    // 360 px wide: no horizontal scrolling, still nothing serious.
    page.client.set_window_size(360, 800).await.unwrap();
    let overflow = page
        .eval("return document.documentElement.scrollWidth - window.innerWidth")
        .await;
    assert!(
        overflow.as_f64().unwrap_or(0.0) <= 0.0,
        "the page scrolls sideways at 360 px by {overflow}"
    );
    // The workspace's rows are cards there, each cell with its column's name, all of it in view.
    let cards = page
        .eval(
            "const row = document.querySelector('[data-testid=\"workspace-row\"]');\
             const table = row.closest('table');\
             return [getComputedStyle(table.querySelector('thead')).display,\
                     getComputedStyle(row).display,\
                     row.getBoundingClientRect().right <= window.innerWidth,\
                     getComputedStyle(row.querySelector('td'), '::before').content]",
        )
        .await;
    assert_eq!(cards[0], json!("none"), "{cards}");
    assert_eq!(cards[1], json!("block"), "{cards}");
    assert_eq!(cards[2], json!(true), "a row fits at 360 px: {cards}");
    assert!(
        cards[3].as_str().unwrap_or("").contains("Organisatie"),
        "{cards}"
    );
    axe_every_step(&page, "360 px").await;
    page.close().await;

    // The dark scheme follows the system setting; its contrast is checked too.
    let dark = Browser::start_with(&[
        "--force-dark-mode",
        "--blink-settings=preferredColorScheme=0",
    ])
    .await;
    dark.goto(&server.url()).await;
    let scheme = dark
        .eval("return matchMedia('(prefers-color-scheme: dark)').matches")
        .await;
    assert_eq!(scheme, json!(true), "the browser is in dark mode");
    let background = dark
        .eval("return getComputedStyle(document.body).backgroundColor")
        .await;
    assert_eq!(
        background,
        json!("rgb(20, 23, 28)"),
        "the dark scheme applies"
    );
    use_every_step(&dark).await;
    axe_every_step(&dark, "dark").await;
    dark.close().await;
}

/// Presses and releases each key in turn, as a keyboard does (WebDriver key actions).
async fn press(page: &Browser, keys: &str) {
    let mut actions = KeyActions::new("keyboard".into());
    for key in keys.chars() {
        actions = actions
            .then(KeyAction::Down { value: key })
            .then(KeyAction::Up { value: key });
    }
    page.client.perform_actions(actions).await.unwrap();
}

/// Presses Tab until the element with `testid` has the focus; returns how many presses it took.
async fn tab_to(page: &Browser, testid: &str) -> usize {
    for presses in 1..=80 {
        press(page, &Key::Tab.to_string()).await;
        let focused = page.eval("return document.activeElement && document.activeElement.getAttribute('data-testid')").await;
        if focused == json!(testid) {
            let outline = page
                .eval("return getComputedStyle(document.activeElement).outlineStyle")
                .await;
            assert_ne!(outline, json!("none"), "{testid} has no visible focus");
            return presses;
        }
    }
    panic!("Tab never reached {testid}");
}

async fn type_active(page: &Browser, text: &str) {
    press(page, text).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_whole_flow_with_the_keyboard_alone() {
    let server = serve_page(&dist_dir("dist"), "/", None).await;
    let page = Browser::start().await;
    page.goto(&server.url()).await;
    page.eval("document.activeElement && document.activeElement.blur(); window.scrollTo(0, 0);")
        .await;

    tab_to(&page, "org-name").await;
    type_active(&page, "Stad Gent").await;
    tab_to(&page, "org-code").await;
    type_active(&page, "0207451227").await;
    tab_to(&page, "env-select").await;
    type_active(&page, "acc").await;
    assert_eq!(page.text("client-name").await, "eLys acc Stad Gent client");
    // acc can hold real data: the page says so, with its source.
    page.wait_exists("acc-note").await;

    tab_to(&page, "key-type").await;
    type_active(&page, "EC").await;
    tab_to(&page, "key-generate").await;
    type_active(&page, &Key::Enter.to_string()).await;
    page.wait_attr("key-status", "data-loaded", "true").await;
    assert!(page.text("key-status").await.contains("EC P-256"));

    let first = page.all("checklist-item").await[0]
        .attr("data-item")
        .await
        .unwrap()
        .unwrap();
    tab_to(&page, "checklist-item").await;
    type_active(&page, " ").await;
    let ticked = page
        .eval(&format!(
            "return document.querySelector('[data-item=\"{first}\"]').checked"
        ))
        .await;
    assert_eq!(ticked, json!(true));

    tab_to(&page, "client-id").await;
    type_active(&page, CLIENT_ID).await;
    tab_to(&page, "assertion-sign").await;
    type_active(&page, &Key::Enter.to_string()).await;
    page.wait_attr("assertion-lint", "data-passed", "true")
        .await;

    let mut answer = stad_gent_answer();
    answer["token"]["vo_applicatienaam"] = json!("eLys acc Stad Gent client");
    tab_to(&page, "ping-input").await;
    page.set("ping-input", &answer.to_string()).await;
    tab_to(&page, "ping-validate").await;
    type_active(&page, &Key::Enter.to_string()).await;
    page.wait_exists("ping-verdict").await;
    // The role is uitvaartondernemer here, so the scopes differ: a mismatch, reached by keyboard.
    assert_eq!(
        page.attr("ping-verdict", "data-verdict").await.as_deref(),
        Some("mismatch")
    );

    tab_to(&page, "lang-toggle").await;
    type_active(&page, &Key::Enter.to_string()).await;
    assert_eq!(page.text("lang-toggle").await, "Nederlands");
    page.close().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn no_content_security_policy_violation() {
    let html = std::fs::read_to_string(dist_dir("dist").join("index.html")).unwrap();
    assert!(html.contains("http-equiv=\"Content-Security-Policy\""));
    for directive in [
        "script-src 'self' 'wasm-unsafe-eval'",
        "style-src 'self'",
        "base-uri 'none'",
        "form-action 'none'",
        "default-src 'none'",
    ] {
        assert!(html.contains(directive), "CSP lacks {directive}");
    }
    assert!(html.contains("<meta name=\"referrer\" content=\"no-referrer\">"));
    assert!(
        !html.contains("<script>") && !html.contains("<script type=\"module\">"),
        "an inline script in {html}"
    );
    assert!(
        html.contains("integrity=\"sha384-"),
        "subresource integrity"
    );
    for attribute in ["src=\"", "href=\""] {
        for (i, _) in html.match_indices(attribute) {
            let value = &html[i + attribute.len()..];
            assert!(
                value.starts_with('/') && !value.starts_with("//"),
                "a resource from another origin: {}",
                &value[..40.min(value.len())]
            );
        }
    }

    let server = serve_page(&dist_dir("dist"), "/", None).await;
    let page = Browser::start().await;
    page.goto(&server.url()).await;
    use_every_step(&page).await;
    page.click("lang-toggle").await;
    // The one inline script is the import map (data, allowed by its hash: tests/integrity.rs).
    let inline = page
        .eval("return [...document.querySelectorAll('script:not([src])')].map(s => s.type)")
        .await;
    assert_eq!(inline, json!(["importmap"]));
    let violations = page
        .eval("return document.documentElement.getAttribute('data-csp-violations')")
        .await;
    assert_eq!(
        violations,
        json!("0"),
        "CSP violations reported by the page"
    );
    let external = page
        .eval("return performance.getEntriesByType('resource').map(e => e.name).filter(n => !n.startsWith(location.origin))")
        .await;
    assert_eq!(external, json!([]), "resources from another origin");
    page.close().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sub_path_build_with_a_good_config() {
    let config = json!({
        "defaultBrand": "DAO",
        "apiTeamEmail": "team@example.org",
        "environments": { "beta": { "issuer": "https://idp.example.org/op", "apiClientId": "api-id-from-config" } }
    });
    let server = serve_page(
        &dist_dir("dist-subpath"),
        "/dao-onboard/",
        Some(config.to_string()),
    )
    .await;
    let page = Browser::start().await;
    page.goto(&format!("{}/dao-onboard/", server.url())).await;
    page.wait_config_loaded().await;
    page.type_keys("org-name", "Stad Gent").await;
    // config.json can still set the default (here the onboarding text's DAO naming).
    assert_eq!(
        page.text("client-name").await,
        "DAO beta Stad Gent client",
        "defaultBrand"
    );
    assert_eq!(page.text("api-client-id").await, "api-id-from-config");
    // Both say they come from config.json, not from a source.
    for (block, origin) in [
        ("brand-origin", "config"),
        ("api-team-email-origin", "config"),
    ] {
        assert_eq!(
            page.eval(&format!(
                "return document.querySelector('[data-testid={block}] [data-testid=value-origin]').dataset.origin;"
            ))
            .await,
            json!(origin),
            "{block}"
        );
    }
    assert_eq!(page.value("issuer-url").await, "https://idp.example.org/op");
    assert_eq!(
        page.value("token-url").await,
        "https://idp.example.org/op/v1/token"
    );
    assert_eq!(page.value("api-team-email").await, "team@example.org");
    assert!(page
        .attr("mail-link", "href")
        .await
        .unwrap()
        .starts_with("mailto:team@example.org?"));
    page.close().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_broken_config_is_reported_and_the_defaults_stay() {
    use dao_onboard::i18n::{messages, Lang};
    let server = serve_page(
        &dist_dir("dist"),
        "/",
        Some(r#"{"defaultbrand": "DAO"}"#.into()),
    )
    .await;
    let page = Browser::start().await;
    page.goto(&server.url()).await;
    page.wait_exists("config-problem").await;
    let problem = page.text("config-problem").await;
    assert!(problem.contains("defaultbrand"), "{problem}");
    // The message is the library's wording of the domain's error, and follows the toggle.
    let error = dao_onboard::domain::facts::config::read_answer(
        200,
        Some("application/json"),
        r#"{"defaultbrand": "DAO"}"#,
    )
    .expect("a config file")
    .expect_err("refused");
    let wording = |lang| messages::config_ignored(lang, &messages::config_error(lang, &error));
    assert_eq!(problem.trim(), wording(Lang::Nl).trim());
    page.click("lang-toggle").await;
    let english = wording(Lang::En);
    assert_ne!(english, wording(Lang::Nl));
    page.wait_for(
        || async { page.text("config-problem").await.trim() == english.trim() },
        "the config problem in English",
    )
    .await;
    page.click("lang-toggle").await;
    page.type_keys("org-name", "Stad Gent").await;
    // The page keeps its own default: eLys.
    assert_eq!(page.text("client-name").await, "eLys beta Stad Gent client");
    assert_eq!(
        page.value("issuer-url").await,
        "https://authenticatie-ti.vlaanderen.be/op"
    );
    page.close().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_page_keeps_working_with_the_network_cut() {
    let server = serve_page(&dist_dir("dist"), "/", None).await;
    let page = Browser::start().await;
    page.goto(&server.url()).await;
    go_offline(&page, &server).await;
    use_every_step(&page).await;
    assert!(page
        .text("proof-report")
        .await
        .contains("DAO beta Stad Gent client"));
    page.click("lang-toggle").await;
    assert!(page
        .text("ping-verdict")
        .await
        .starts_with("Everything matches"));
    page.close().await;
}

/// Stops the page's server and waits until it no longer answers.
async fn go_offline(page: &Browser, server: &support::Server) {
    server.stop();
    page.wait_for(
        || async { connect(&server.url()).await.is_err() },
        "the page's server to be gone",
    )
    .await;
}

/// A plain TCP connect, to show the page's server no longer answers.
async fn connect(url: &str) -> std::io::Result<()> {
    let address = url.trim_start_matches("http://");
    tokio::net::TcpStream::connect(address).await.map(|_| ())
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_missing_config_behind_a_single_page_fallback_is_silent() {
    let server = support::serve_page_with_fallback(&dist_dir("dist")).await;
    // The host answers config.json with index.html, as trunk serve does.
    let answer = support::raw_http(
        server.addr.port(),
        "GET /config.json HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n",
    )
    .await;
    assert_eq!(answer.status, 200);
    assert!(answer.body.contains("<!DOCTYPE html>"));
    let page = Browser::start().await;
    page.goto(&server.url()).await;
    page.type_keys("org-name", "Stad Gent").await;
    assert_eq!(page.text("client-name").await, "eLys beta Stad Gent client");
    assert!(
        !page.exists("config-problem").await,
        "no banner for a missing config"
    );
    assert_eq!(page.data_config().await, json!(null));
    page.close().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn served_by_the_reference_nginx_with_its_headers() {
    use dao_onboard::domain::generated::hosting_config::{csp_header, INTEGRITY_POLICY};
    let dist = std::fs::canonicalize(dist_dir("dist")).unwrap();
    let nginx = support::Relay::host_page(&dist);
    let port = nginx.port;
    let fetch = |path: &str, extra: &str| {
        format!("GET {path} HTTP/1.1\r\nHost: page\r\nConnection: close\r\n{extra}\r\n")
    };

    let index = support::raw_http(port, &fetch("/", "")).await;
    assert_eq!(index.status, 200);
    assert_eq!(index.header("content-security-policy"), Some(csp_header()));
    assert!(csp_header().contains("frame-ancestors 'none'"));
    assert_eq!(
        index.header("integrity-policy"),
        Some("blocked-destinations=(script)")
    );
    assert_eq!(INTEGRITY_POLICY, "blocked-destinations=(script)");
    assert_eq!(
        index.header("cross-origin-opener-policy"),
        Some("same-origin")
    );
    assert_eq!(index.header("x-content-type-options"), Some("nosniff"));
    assert_eq!(index.header("referrer-policy"), Some("no-referrer"));
    assert!(index
        .header("permissions-policy")
        .is_some_and(|p| p.contains("camera=()")));
    assert_eq!(index.header("cache-control"), Some("no-cache"));
    assert!(index
        .header("content-type")
        .is_some_and(|t| t.starts_with("text/html")));

    // Every piece of the split build is content-addressed (its folder is named by their hash),
    // the chunk as much as the first download.
    let pieces = support::pieces_dir(&dist);
    for piece in [
        "dao-onboard_bg.wasm",
        "split_rest.wasm",
        "dao-onboard.js",
        "__wasm_split.js",
    ] {
        let path = pieces.join(piece).display().to_string();
        let answer = support::raw_http(port, &fetch(&format!("/{path}"), "")).await;
        assert_eq!(answer.status, 200, "{path}");
        assert_eq!(
            answer.header("cache-control"),
            Some("public, max-age=31536000, immutable"),
            "{path}"
        );
    }
    let wasm = support::first_wasm(&dist).display().to_string();
    let plain = support::raw_http(port, &fetch(&format!("/{wasm}"), "")).await;
    assert_eq!(plain.header("content-type"), Some("application/wasm"));
    assert_eq!(
        plain.header("cache-control"),
        Some("public, max-age=31536000, immutable")
    );
    assert_eq!(plain.header("content-encoding"), None);
    let zipped = support::raw_http(
        port,
        &fetch(&format!("/{wasm}"), "Accept-Encoding: gzip\r\n"),
    )
    .await;
    assert_eq!(
        zipped.header("content-encoding"),
        Some("gzip"),
        "the build's .gz is served"
    );
    assert_eq!(zipped.header("content-security-policy"), Some(csp_header()));

    // Every asset as brotli where the browser takes it, else gzip: the build's own bytes.
    for file in support::dist_files(&dist) {
        let name = file.display().to_string();
        let served = ["wasm", "js", "css", "html"]
            .iter()
            .any(|ext| name.ends_with(&format!(".{ext}")));
        if !served {
            continue;
        }
        for (accept, encoding, suffix) in [("br, gzip", "br", "br"), ("gzip", "gzip", "gz")] {
            let (headers, body) = support::raw_http_bytes(
                port,
                &fetch(
                    &format!("/{name}"),
                    &format!("Accept-Encoding: {accept}\r\n"),
                ),
            )
            .await;
            let header = |n: &str| {
                headers
                    .iter()
                    .find(|(k, _)| k == n)
                    .map(|(_, v)| v.as_str())
            };
            assert_eq!(
                header("content-encoding"),
                Some(encoding),
                "{name} for {accept}"
            );
            let file = std::fs::read(dist.join(format!("{name}.{suffix}")))
                .unwrap_or_else(|e| panic!("the build wrote {name}.{suffix}: {e}"));
            assert_eq!(body, file, "{name} as {encoding}: the file's bytes");
            // A shared cache keeps one copy per encoding asked for.
            let vary = headers.iter().find(|(k, _)| k == "vary").map(|(_, v)| v);
            assert_eq!(
                vary.map(String::as_str),
                Some("Accept-Encoding"),
                "{name} as {encoding}"
            );
        }
    }

    let config_json = support::raw_http(port, &fetch("/config.json", "")).await;
    assert_eq!(config_json.status, 404, "no single-page fallback");
    let post_answer = support::raw_http(
        port,
        "POST / HTTP/1.1\r\nHost: page\r\nConnection: close\r\nContent-Length: 0\r\n\r\n",
    )
    .await;
    assert_eq!(post_answer.status, 403);

    // The page itself through nginx: it works, with no CSP violation from the first script on.
    let page = Browser::start().await;
    page.goto(&format!("http://127.0.0.1:{port}/")).await;
    use_every_step(&page).await;
    assert_eq!(
        page.eval("return document.documentElement.getAttribute('data-csp-violations')")
            .await,
        json!("0")
    );
    assert!(!page.exists("config-problem").await);
    page.close().await;
}

/// `config.json` is the page's own file: fetched from the page's base URL (not the address the
/// page happens to be open at), never through a redirect, and read up to its size cap.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn config_json_comes_from_the_page_itself_whole_and_small() {
    use axum::http::{header, StatusCode};
    use axum::response::IntoResponse;
    use axum::routing::get;
    let dist = dist_dir("dist");
    let good = json!({ "environments": { "beta": { "apiClientId": "api-id-from-config" } } });
    let index = std::fs::read_to_string(dist.join("index.html")).unwrap();
    let serve = |config: axum::Router| {
        let index = index.clone();
        let files = tower_http::services::ServeDir::new(&dist);
        // Any other path (a deep link) answers the page, as single-page hosts do.
        config
            .route(
                "/deep/link/page",
                get(move || {
                    let index = index.clone();
                    async move { ([(header::CONTENT_TYPE, "text/html")], index).into_response() }
                }),
            )
            .fallback_service(files)
    };
    let config_at = |body: String| {
        get(move || {
            let body = body.clone();
            async move { ([(header::CONTENT_TYPE, "application/json")], body).into_response() }
        })
    };

    // Opened at a deeper path: the config next to the page's own files is the one read.
    let server = support::Server::start(serve(
        axum::Router::new()
            .route("/config.json", config_at(good.to_string()))
            .route(
                "/deep/link/config.json",
                config_at(json!({"defaultBrand": "DAO"}).to_string()),
            ),
    ))
    .await;
    let page = Browser::start().await;
    page.goto(&format!("{}/deep/link/page", server.url())).await;
    page.wait_config_loaded().await;
    assert_eq!(page.text("api-client-id").await, "api-id-from-config");
    page.type_keys("org-name", "Stad Gent").await;
    assert_eq!(page.text("client-name").await, "eLys beta Stad Gent client");
    page.close().await;

    // A redirect is not followed: the defaults stay, silently.
    let server = support::Server::start(serve(
        axum::Router::new()
            .route(
                "/config.json",
                get(|| async {
                    (StatusCode::FOUND, [(header::LOCATION, "/elsewhere.json")]).into_response()
                }),
            )
            .route("/elsewhere.json", config_at(good.to_string())),
    ))
    .await;
    let page = Browser::start().await;
    page.goto(&server.url()).await;
    page.wait_exists("org-name").await;
    tokio::time::sleep(std::time::Duration::from_millis(800)).await;
    assert_eq!(page.data_config().await, Value::Null, "no config was read");
    assert!(!page.exists("config-problem").await);
    assert_ne!(page.text("api-client-id").await, "api-id-from-config");
    page.close().await;

    // Over the cap: the page says so and keeps its defaults.
    let padded = json!({ "$comment": "x".repeat(70 * 1024), "defaultBrand": "DAO" });
    let server = support::Server::start(serve(
        axum::Router::new().route("/config.json", config_at(padded.to_string())),
    ))
    .await;
    let page = Browser::start().await;
    page.goto(&server.url()).await;
    page.wait_exists("config-problem").await;
    let problem = page.text("config-problem").await;
    assert!(problem.contains("64 KB"), "{problem}");
    page.type_keys("org-name", "Stad Gent").await;
    assert_eq!(page.text("client-name").await, "eLys beta Stad Gent client");
    page.close().await;
}

/// Whether the first download's wasm in `dist/` holds `text` (as bytes).
fn release_wasm_holds() -> impl Fn(&str) -> bool {
    let dist = dist_dir("dist");
    let wasm = std::fs::read(dist.join(support::first_wasm(&dist))).unwrap();
    move |text: &str| wasm.windows(text.len()).any(|w| w == text.as_bytes())
}

/// The page loaded from a copy of `dist/` whose late table `file` holds `table` instead.
async fn page_with_table(name: &str, file: &str, table: &str) -> (support::Server, Browser) {
    let server = serve_page(&dist_with_table(name, file, table), "/", None).await;
    let page = Browser::start().await;
    page.goto(&server.url()).await;
    page.wait_ready().await;
    (server, page)
}

/// An element's text from the DOM (also inside a closed `<details>`, which WebDriver's element
/// text leaves out).
async fn dom_text(page: &Browser, selector: &str) -> Value {
    page.eval(&format!(
        "return document.querySelector('{selector}').textContent"
    ))
    .await
}

/// Step 5's own relay configuration for 127.0.0.1:8443 with logs in `logs` (its section is
/// closed, so the text is read from the DOM).
async fn own_relay_config(page: &Browser) -> String {
    page.set("relay-config-listen", "127.0.0.1:8443").await;
    page.set("relay-config-log-dir", "logs").await;
    let text = dom_text(page, "[data-testid=\"relay-config\"]").await;
    text.as_str().unwrap().to_owned()
}

/// A copy of `dist/` with the late table `file`'s text replaced by `table` (no precompressed
/// copies of it, so the server sends these bytes).
fn dist_with_table(name: &str, file: &str, table: &str) -> std::path::PathBuf {
    let copy = support::copy_dist(&dist_dir("dist"), name, |_| true);
    std::fs::write(copy.join(file), table).unwrap();
    for compressed in ["gz", "br"] {
        let _ = std::fs::remove_file(copy.join(format!("{file}.{compressed}")));
    }
    copy
}

/// No shipped file names a path of the machine that built it (panic locations name source
/// files: the checkout and `CARGO_HOME` are remapped by `scripts/build.py`), so the same commit
/// built elsewhere can give the same bytes.
#[test]
fn no_shipped_file_holds_a_build_machine_path() {
    let checkout = env!("CARGO_MANIFEST_DIR");
    let cargo_home = std::env::var("CARGO_HOME")
        .unwrap_or_else(|_| format!("{}/.cargo", std::env::var("HOME").unwrap_or_default()));
    for variant in ["dist", "dist-subpath"] {
        let dist = dist_dir(variant);
        let mut read = 0;
        for file in support::dist_files(&dist) {
            let name = file.to_string_lossy().to_string();
            let shipped_code = file
                .extension()
                .and_then(|ext| ext.to_str())
                .is_some_and(|ext| ["wasm", "js", "html"].contains(&ext));
            if !shipped_code {
                continue;
            }
            let bytes = std::fs::read(dist.join(&file)).unwrap();
            let text = String::from_utf8_lossy(&bytes);
            for path in [
                checkout,
                cargo_home.as_str(),
                "/.cargo/registry/",
                "/root/",
                "/home/",
            ] {
                assert!(!text.contains(path), "{variant}/{name} holds {path}");
            }
            read += 1;
        }
        assert!(read >= 4, "{variant}: the shipped files were read ({read})");
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn only_dutch_is_in_the_first_download_and_english_arrives_checked() {
    use dao_onboard::i18n::{t, Lang, T};
    let dist = dist_dir("dist");
    // The wasm holds the Dutch texts and none of the English ones; the table holds those,
    // under the name with its content hash that the wasm asks for.
    let holds = release_wasm_holds();
    for key in [T::AppIntro, T::WorkspaceIntro, T::FooterPromise] {
        assert!(holds(t(Lang::Nl, key)), "{key:?} in Dutch");
        assert!(!holds(t(Lang::En, key)), "{key:?} in English");
    }
    let table = std::fs::read_to_string(dist.join(dao_onboard::i18n::ENGLISH_FILE)).unwrap();
    assert!(table.contains(t(Lang::En, T::AppIntro)));

    // The table arrives after the page is up; the toggle then works without the server.
    let server = serve_page(&dist, "/", None).await;
    let page = Browser::start().await;
    page.goto(&server.url()).await;
    page.wait_ready().await;
    page.wait_for(
        || async {
            page.eval(
                "return performance.getEntriesByType('resource').some(e => e.name.includes('/texts-en-'))",
            )
            .await
                == json!(true)
        },
        "the English table's background fetch",
    )
    .await;
    tokio::time::sleep(std::time::Duration::from_millis(300)).await;
    server.stop();
    page.click("lang-toggle").await;
    page.wait_for(
        || async { page.text("lang-toggle").await == "Nederlands" },
        "English without the server",
    )
    .await;
    // The workspace is empty, so its header line is absent; the title speaks English.
    assert_eq!(
        page.eval("return document.querySelector('h1').textContent")
            .await,
        json!(t(Lang::En, T::AppTitle))
    );
    page.close().await;

    // A table that is not this build's is refused: the page says so and stays Dutch.
    let altered = table.replacen(t(Lang::En, T::AppTitle), "Altered title", 1);
    let (_other, page) =
        page_with_table("english-altered", dao_onboard::i18n::ENGLISH_FILE, &altered).await;
    page.click("lang-toggle").await;
    page.wait_exists("lang-problem").await;
    assert_eq!(page.text("lang-toggle").await, "English");
    assert!(!page
        .eval("return document.body.innerText")
        .await
        .to_string()
        .contains("Altered title"));
    page.close().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn step_7_s_programs_arrive_after_the_page_checked_and_stay_offline() {
    use dao_onboard::domain::text::late::late_texts::TEMPLATES_FILE;
    let dist = dist_dir("dist");
    let shell = include_str!("../src/domain/generated/templates/elys-ping.sh.tmpl");
    let java = include_str!("../src/domain/generated/templates/Main.java.tmpl");
    let relay = include_str!("../src/domain/generated/templates/relay.conf.tmpl");
    let first_line = |text: &'static str| text.lines().nth(1).unwrap();
    let holds = release_wasm_holds();
    for line in [
        first_line(shell),
        first_line(java),
        relay.lines().next().unwrap(),
    ] {
        assert!(!holds(line), "{line} in the wasm");
    }
    let table = std::fs::read_to_string(dist.join(TEMPLATES_FILE)).unwrap();
    let entries: Vec<String> = serde_json::from_str(&table).unwrap();
    assert_eq!(entries[0], shell);

    // After the page is up, the programs are there, also once the server is gone.
    let server = serve_page(&dist, "/", None).await;
    let page = Browser::start().await;
    page.goto(&server.url()).await;
    page.wait_ready().await;
    page.wait_for(
        || async { !page.exists("software-loading").await },
        "the templates",
    )
    .await;
    server.stop();
    fill_organisation(&page).await;
    let snippet = dom_text(&page, "[data-testid=\"snippet\"][data-lang=\"shell\"]").await;
    let snippet = snippet.as_str().unwrap();
    assert!(snippet.starts_with("#!/usr/bin/env bash"), "{snippet:.200}");
    assert!(
        snippet.contains("Stad Gent") || snippet.contains("SCOPE="),
        "{snippet:.400}"
    );
    assert!(!page.exists("software-load-failed").await);
    // Step 5's own relay, rendered from the late template too.
    let relay_config = own_relay_config(&page).await;
    assert!(
        relay_config.starts_with(relay.lines().next().unwrap()),
        "{relay_config}"
    );
    page.close().await;

    // A table that is not this build's: the step says so and offers to try again.
    let altered = table.replacen("curl", "wget", 1);
    let (_other, page) = page_with_table("templates-altered", TEMPLATES_FILE, &altered).await;
    page.wait_exists("software-load-failed").await;
    page.wait_exists("software-retry").await;
    page.wait_exists("relay-config-load-failed").await;
    let relay_config = dom_text(&page, "[data-testid=\"relay-config\"]").await;
    assert_eq!(relay_config, json!(""));
    let snippet = dom_text(&page, "[data-testid=\"snippet\"][data-lang=\"shell\"]").await;
    assert_eq!(
        snippet,
        json!(""),
        "no program from a table that failed its check"
    );
    page.close().await;
}

/// The split build: the first download is the shell and step 1; the workspace and steps 2 to 7
/// arrive as a chunk the page requests by itself right after the first paint (no scrolling,
/// no click), and once it is there they work with the page's server gone: step 5's own relay,
/// step 7's programs and the workspace.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_parts_arrive_after_the_first_paint_and_work_offline() {
    let dist = dist_dir("dist");
    let first = std::fs::read(dist.join(support::first_wasm(&dist))).unwrap();
    let chunk = std::fs::read(
        dist.join(support::pieces_dir(&dist))
            .join("split_rest.wasm"),
    )
    .unwrap();
    let holds = |wasm: &[u8], text: &str| wasm.windows(text.len()).any(|w| w == text.as_bytes());
    // A text only step 7's component uses is in the chunk, not in the first download.
    let step_7_only = "data-lang";
    assert!(holds(&chunk, step_7_only) && !holds(&first, step_7_only));

    let server = serve_page(&dist, "/", None).await;
    let page = Browser::start().await;
    page.client.goto(&server.url()).await.unwrap();
    page.wait_ready().await;
    let timing = page
        .eval(
            "const paint = performance.getEntriesByType('paint').map(e => e.startTime);
             const chunk = performance.getEntriesByType('resource').filter(e => e.name.endsWith('/split_rest.wasm'));
             return { paint: Math.min(...paint), chunk: chunk.map(e => e.startTime), scrolled: window.scrollY };",
        )
        .await;
    let paint = timing["paint"].as_f64().expect("a paint entry");
    let chunk_starts = timing["chunk"].as_array().unwrap();
    assert_eq!(chunk_starts.len(), 1, "the chunk, fetched once: {timing}");
    assert!(
        chunk_starts[0].as_f64().unwrap() >= paint,
        "requested after the first paint: {timing}"
    );
    assert_eq!(timing["scrolled"], json!(0), "without scrolling");

    // What the byte budget counts as the first download (scripts/first_download.py) is what
    // the browser fetched before the page was usable: no file more, no file less.
    let listed = std::process::Command::new("python3")
        .arg(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/scripts/first_download.py"
        ))
        .arg(&dist)
        .arg("--files")
        .output()
        .unwrap();
    assert!(listed.status.success(), "{listed:?}");
    let mut listed: Vec<String> = String::from_utf8(listed.stdout)
        .unwrap()
        .lines()
        .map(|file| format!("/{file}"))
        .collect();
    listed.sort();
    let fetched = page
        .eval(
            "const ready = Number(document.documentElement.getAttribute('data-ready-ms'));
             const paths = performance.getEntriesByType('resource')
               .filter(e => e.responseEnd <= ready).map(e => new URL(e.name).pathname)
               // The browser's own guess at an icon (a 404 here), not a file of the page.
               .filter(path => path !== '/favicon.ico');
             const page = new URL(location.href).pathname;
             return [page.endsWith('/') ? page + 'index.html' : page, ...paths];",
        )
        .await;
    let mut fetched: Vec<String> = fetched
        .as_array()
        .unwrap()
        .iter()
        .map(|path| path.as_str().unwrap().to_owned())
        .collect();
    fetched.sort();
    fetched.dedup();
    assert_eq!(fetched, listed, "the first download");
    page.wait_for(
        || async { !page.exists("software-loading").await },
        "the templates",
    )
    .await;

    go_offline(&page, &server).await;
    fill_organisation(&page).await;
    // Step 5: the own relay's configuration.
    let relay_config = own_relay_config(&page).await;
    assert!(
        relay_config.contains("listen 127.0.0.1:8443"),
        "{relay_config}"
    );
    // Step 7: the programs.
    let snippet = dom_text(&page, "[data-testid=\"snippet\"][data-lang=\"shell\"]").await;
    assert!(
        snippet.as_str().unwrap().starts_with("#!/usr/bin/env bash"),
        "{snippet:.200}"
    );
    // The workspace: a row for this onboarding.
    page.click("workspace-add").await;
    page.wait_for(
        || async { page.all("workspace-row").await.len() == 1 },
        "the workspace's row",
    )
    .await;
    assert!(page.text("workspace-current").await.contains("Stad Gent"));
    assert!(!page.exists("part-steps-load-failed").await);
    assert!(!page.exists("part-workspace-load-failed").await);
    page.close().await;
}

/// A chunk that cannot be fetched: step 1 works, the page says which parts are missing and
/// offers to try again; once the file is back, the retry brings them, and what was typed stays.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_part_that_cannot_be_fetched_is_said_with_a_retry() {
    let dist = dist_dir("dist");
    let pieces = support::pieces_dir(&dist);
    let is_chunk = |file: &std::path::Path| {
        file.starts_with(&pieces)
            && file
                .file_name()
                .is_some_and(|n| n.to_string_lossy().starts_with("split_rest.wasm"))
    };
    let copy = support::copy_dist(&dist, "dist-without-chunk", |file| !is_chunk(file));
    let server = serve_page(&copy, "/", None).await;
    let page = Browser::start().await;
    page.client.goto(&server.url()).await.unwrap();
    page.wait_mounted().await;
    page.wait_exists("part-steps-load-failed").await;
    page.wait_exists("part-workspace-load-failed").await;
    assert!(page
        .text("part-steps-load-failed")
        .await
        .contains("kon niet geladen of gecontroleerd worden"));
    assert!(
        !page.exists("key-generate").await,
        "no step 2 without its part"
    );
    fill_organisation(&page).await;

    std::fs::copy(
        dist.join(&pieces).join("split_rest.wasm"),
        copy.join(&pieces).join("split_rest.wasm"),
    )
    .unwrap();
    page.click("part-steps-retry").await;
    page.click("part-workspace-retry").await;
    page.wait_ready().await;
    assert!(!page.exists("part-steps-load-failed").await);
    assert!(page.text("client-name").await.contains("Stad Gent"));
    assert_eq!(page.value("org-name").await, "Stad Gent");
    page.close().await;
}
