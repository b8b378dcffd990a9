//! End to end, usable by everyone: axe-core on every step (light and dark, desktop and 360 px)
//! finds nothing serious, and the whole flow works with the keyboard alone.
#![cfg(not(target_arch = "wasm32"))]

mod support;

use fantoccini::actions::{InputSource, KeyAction, KeyActions};
use fantoccini::key::Key;
use serde_json::{json, Value};
use support::{dist_dir, serve_page, stad_gent_answer, use_every_step, Browser, CLIENT_ID};

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
