//! End to end, the first screen `index.html` carries (drawn at build time from the page's own
//! mount by `scripts/first_screen.mjs`): it is what the wasm mounts, byte for byte; a visitor
//! on a slow line can type into it before the wasm arrives, and what they typed, chose and
//! where their caret was are kept when the wasm takes over.
#![cfg(not(target_arch = "wasm32"))]

mod support;

use dao_onboard::settings::STORAGE_KEY;
use serde_json::{json, Value};
use support::{dist_dir, serve_page, Browser, Relay};

/// `scripts/build.py`'s container of the first screen in index.html's body.
const OPEN: &str = "<div class=\"first-screen\" data-testid=\"first-screen\">";

/// The first screen a built index.html carries (the markup inside its container).
fn first_screen_of(index_html: &str) -> Option<&str> {
    let start = index_html.find(OPEN)? + OPEN.len();
    let end = index_html.rfind("</div>\n</body>")?;
    (start <= end).then(|| &index_html[start..end])
}

/// What `scripts/first_screen.mjs` draws of the page at `url`: its mount, as the build takes it.
fn drawn(url: &str) -> String {
    let output = support::node_script("scripts/first_screen.mjs", &[url.as_ref()]);
    String::from_utf8(output).unwrap().trim().to_string()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_first_screen_in_index_html_is_what_the_wasm_mounts() {
    let dist = dist_dir("dist");
    let index = std::fs::read_to_string(dist.join("index.html")).unwrap();
    let carried = first_screen_of(&index).expect("index.html carries the first screen");
    for part in [
        "class=\"page-header\"",
        "class=\"steps-nav\"",
        "data-testid=\"org-name\"",
        "data-testid=\"env-select\"",
        "data-testid=\"client-name\"",
        "data-testid=\"footer-promise\"",
    ] {
        assert!(carried.contains(part), "the first screen lacks {part}");
    }
    // Markup only: no script, no inline style (the CSP allows neither), nothing loading.
    for absent in ["<script", " style=\"", "data-testid=\"part-", "<!--"] {
        assert!(!carried.contains(absent), "the first screen has {absent}");
    }
    // The page as served, mounted: its first screen drawn again is the one index.html carries.
    let server = serve_page(&dist, "/", None).await;
    let mounted = drawn(&server.url());
    assert_eq!(
        carried, mounted,
        "index.html's first screen differs from what the wasm mounts"
    );
    // And the comparison sees a difference of one word in the markup.
    let altered = index.replacen("Organisatie", "Organisation", 1);
    assert_ne!(first_screen_of(&altered).unwrap(), mounted);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn typing_before_the_wasm_arrives_is_kept_when_it_takes_over() {
    let dist = std::fs::canonicalize(dist_dir("dist")).unwrap();
    // A site whose config.json names the brand the first screen shows: the visitor's other
    // choice, made before the file arrived, must win over it.
    let site = support::copy_dist(&dist, "dist-first-screen", |_| true);
    std::fs::write(site.join("config.json"), r#"{ "defaultBrand": "eLys" }"#).unwrap();
    let nginx = Relay::host_page(&site);
    let page = Browser::start_not_waiting_for_load().await;
    // A line slow enough that the first wasm piece takes seconds: 150 ms latency, 300 kbit/s.
    page.emulate_slow_line(150, 300_000, 300_000).await;
    page.client.goto(&nginx.url()).await.unwrap();
    let not_mounted = "return !document.documentElement.hasAttribute('data-ready-ms')";
    page.wait_script(
        "return document.querySelector('.first-screen [data-testid=\"org-name\"]') !== null",
        "index.html's first screen",
    )
    .await;
    assert_eq!(
        page.eval(not_mounted).await,
        json!(true),
        "the wasm was there already"
    );

    // A choice and a name typed, with real key events, into the static fields; the caret
    // moved inside the name.
    page.client
        .find(fantoccini::Locator::Css(
            ".first-screen #env-select option[value=\"acc\"]",
        ))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    page.client
        .find(fantoccini::Locator::Css(
            ".first-screen #brand-select option[value=\"DAO\"]",
        ))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    page.type_keys("org-name", "Stad Gent").await;
    page.eval("document.getElementById('org-name').setSelectionRange(2, 4); return null;")
        .await;
    assert_eq!(
        page.eval(not_mounted).await,
        json!(true),
        "the wasm arrived while typing: the line is not slow enough for this test"
    );

    page.wait_mounted().await;
    let after = page
        .eval(
            "const field = document.getElementById('org-name');
             return {
               static: document.querySelector('.first-screen') !== null,
               fields: document.querySelectorAll('#org-name').length,
               value: field.value,
               env: document.getElementById('env-select').value,
               brand: document.getElementById('brand-select').value,
               focused: document.activeElement === field,
               selection: [field.selectionStart, field.selectionEnd],
             };",
        )
        .await;
    assert_eq!(
        after,
        json!({
            "static": false, "fields": 1, "value": "Stad Gent", "env": "acc", "brand": "DAO",
            "focused": true, "selection": [2, 4],
        }),
        "after the wasm took over"
    );
    // The values reached the page's state, not only the fields: the settings it stores.
    page.wait_for(
        || async {
            let stored = page
                .eval(&format!("return localStorage.getItem('{STORAGE_KEY}');"))
                .await;
            let stored: Value = serde_json::from_str(stored.as_str().unwrap_or("null")).unwrap();
            stored["org_name"] == json!("Stad Gent") && stored["environment"] == json!("acc")
        },
        "the typed values in the stored settings",
    )
    .await;
    page.wait_config_loaded().await;
    assert_eq!(
        page.value("brand-select").await,
        "DAO",
        "config.json took the brand back"
    );
    // And the page derives from them: the client name names the organisation.
    assert!(
        page.text("client-name").await.contains("Stad Gent"),
        "{}",
        page.text("client-name").await
    );
    page.close().await;
}
