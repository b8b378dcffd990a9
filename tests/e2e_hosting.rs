//! End to end, the page as hosts serve it: no Content-Security-Policy violation, the sub-path
//! build, `config.json` good, broken, missing (behind a single-page fallback) and read from the
//! page itself, the reference nginx with its headers, and no build machine's path in any
//! shipped file.
#![cfg(not(target_arch = "wasm32"))]

mod support;

use serde_json::{json, Value};
use support::{dist_dir, serve_page, use_every_step, Browser};

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
    // Every resource the page loads is its own; links a reader follows (the first screen's
    // sources, its in-page anchors) load nothing.
    for attribute in [" src=\"", " href=\""] {
        for (i, _) in html.match_indices(attribute) {
            let tag = &html[html[..i].rfind('<').unwrap()..i];
            if tag == "<a" || tag.starts_with("<a ") {
                continue;
            }
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
    use dao_onboard::domain::runnable::hosting_nginx::{csp_header, INTEGRITY_POLICY};
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
