//! Browser tests of what arrives after the first paint (wasm-bindgen-test in headless Chromium):
//! a step mounted while its late templates are still on their way, as every newcomer sees it.
//! A test binary of its own, so the page's one template table is not yet installed when it
//! starts (a table, once installed, stays for the whole instance).
//!
//! Run with `cargo test --target wasm32-unknown-unknown --test web_late`.
#![cfg(target_arch = "wasm32")]

use dao_onboard::domain::templates::late::TEMPLATES;
use dao_onboard::ui::{LateState, LateTemplates};
use leptos::prelude::*;
use leptos::task::tick;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::HtmlButtonElement;

mod web_support;

use web_support::find;

wasm_bindgen_test_configure!(run_in_browser);

/// Regression: "Uw eigen relay" stayed empty, its download disabled, when
/// its template arrived after the section was drawn and no field was touched: the checked
/// setup compared equal before and after, so nothing drew the configuration again.
#[wasm_bindgen_test]
async fn the_own_relay_is_rendered_once_its_template_arrives_without_touching_a_field() {
    assert!(
        !TEMPLATES.is_installed(),
        "this test binary starts without the late templates"
    );
    let late = std::rc::Rc::new(std::cell::Cell::new(None));
    let slot = late.clone();
    let (root, _state) = web_support::mount(move |s| {
        // As the page does at start: the templates are on their way.
        let templates = RwSignal::new(LateState::Loading);
        provide_context(LateTemplates(templates));
        slot.set(Some(templates));
        dao_onboard::ui::parts::step_view(dao_onboard::steps::Step::Connection, s)
    });
    let late = late.get().expect("the mount ran");
    tick().await;
    // The user opens "Uw eigen relay", and touches nothing else.
    find(&root, "own-relay").set_attribute("open", "").unwrap();
    tick().await;
    let config = find(&root, "relay-config");
    let download = || {
        find(&root, "relay-config-download")
            .unchecked_into::<HtmlButtonElement>()
            .disabled()
    };
    // While the templates are on their way: said, nothing shown, nothing to download.
    assert!(find(&root, "relay-config-loading").is_connected());
    assert_eq!(config.text_content().unwrap_or_default(), "");
    assert!(download());

    // They arrive, as `ui::load_templates` installs them; no field is touched.
    TEMPLATES
        .install(include_str!(concat!(
            env!("OUT_DIR"),
            "/late-templates.json"
        )))
        .expect("this build's table");
    late.set(LateState::Loaded);
    tick().await;

    let text = config.text_content().unwrap_or_default();
    assert!(
        text.contains("server {"),
        "the configuration is shown: {text:?}"
    );
    assert!(
        text.contains("proxy_ssl_protocols TLSv1.2 TLSv1.3;"),
        "{text}"
    );
    assert!(!download(), "the download is offered");
    let commands = find(&root, "relay-config-commands")
        .text_content()
        .unwrap_or_default();
    assert!(commands.contains("nginx -t"), "{commands}");
    assert!(root
        .query_selector("[data-testid=\"relay-config-loading\"]")
        .unwrap()
        .is_none());
}
