//! What the browser test files share: mounting a view on fresh default state, with the English
//! texts installed as the page fetches them (see `i18n::english`).

use std::sync::{Arc, Mutex};

use dao_onboard::settings::Settings;
use dao_onboard::ui::state::{AppState, UiLang};
use leptos::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{Element, HtmlElement};

/// Mounts a view built from fresh default state in a new container, returning the container and
/// the state. `build` runs under the mount's owner, so it may provide context and make effects.
pub fn mount<V: IntoView + 'static>(
    build: impl Fn(AppState) -> V + 'static,
) -> (Element, AppState) {
    let document = web_sys::window().unwrap().document().unwrap();
    let root: HtmlElement = document.create_element("div").unwrap().unchecked_into();
    document.body().unwrap().append_child(&root).unwrap();
    dao_onboard::i18n::english::install(include_str!(concat!(env!("OUT_DIR"), "/texts-en.json")))
        .unwrap();
    let slot = Arc::new(Mutex::new(None));
    let state_slot = slot.clone();
    leptos::mount::mount_to(root.clone(), move || {
        let state = AppState::from_settings(&Settings::default());
        provide_context(UiLang(state.lang));
        *state_slot.lock().unwrap() = Some(state);
        build(state)
    })
    .forget();
    let state = slot.lock().unwrap().take().unwrap();
    (root.unchecked_into(), state)
}

/// Empties the page's storage, so a test starts from no stored settings or workspace.
#[allow(
    dead_code,
    reason = "used by some of the test files that share this module"
)]
pub fn clear_storage() {
    let _ = web_sys::window()
        .unwrap()
        .local_storage()
        .unwrap()
        .unwrap()
        .clear();
}
