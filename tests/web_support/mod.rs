//! What the browser test files share: mounting what the page mounts on fresh default state,
//! with the English texts installed as the page fetches them (see `i18n::english`), and the DOM
//! helpers that drive it the way a user does.
#![allow(
    dead_code,
    reason = "each test file that includes this module uses part of it"
)]

use std::sync::{Arc, Mutex};

use dao_onboard::settings::Settings;
use dao_onboard::ui::state::{AppState, UiLang};
use leptos::prelude::*;
use leptos::task::tick;
use wasm_bindgen::JsCast;
use web_sys::{Element, HtmlElement, HtmlInputElement, HtmlTextAreaElement};

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
pub fn clear_storage() {
    let _ = web_sys::window()
        .unwrap()
        .local_storage()
        .unwrap()
        .unwrap()
        .clear();
}

/// Lets Leptos run what a change scheduled (effects, then what they change in turn).
pub async fn settle() {
    for _ in 0..4 {
        tick().await;
    }
}

/// Settles the page until `condition` holds, for up to two seconds (imports run asynchronously).
pub async fn wait_until(condition: impl Fn() -> bool) {
    for _ in 0..40 {
        settle().await;
        if condition() {
            return;
        }
        sleep_ms(50).await;
    }
}

/// Waits `ms` milliseconds on the browser's timer.
pub async fn sleep_ms(ms: i32) {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        web_sys::window()
            .unwrap()
            .set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, ms)
            .unwrap();
    });
    wasm_bindgen_futures::JsFuture::from(promise).await.unwrap();
}

/// The element with `data-testid="{testid}"` under `root`.
pub fn find(root: &Element, testid: &str) -> Element {
    root.query_selector(&format!("[data-testid=\"{testid}\"]"))
        .unwrap()
        .unwrap_or_else(|| panic!("no element with data-testid={testid}"))
}

/// Every element with `data-testid="{testid}"` under `root`.
pub fn find_all(root: &Element, testid: &str) -> Vec<Element> {
    select_all(root, &format!("[data-testid=\"{testid}\"]"))
}

/// Every element under `root` that matches a CSS selector.
pub fn select_all(root: &Element, selector: &str) -> Vec<Element> {
    let list = root.query_selector_all(selector).unwrap();
    (0..list.length())
        .map(|i| list.item(i).unwrap().unchecked_into())
        .collect()
}

/// The text of the element with `data-testid="{testid}"`.
pub fn text(root: &Element, testid: &str) -> String {
    find(root, testid).text_content().unwrap_or_default()
}

/// Types into an input or text area the way a user does: value, then a bubbling `input` event
/// (Leptos delegates events to the document).
pub fn type_into(root: &Element, testid: &str, value: &str) {
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

/// Dispatches a bubbling event of `kind` at `element`.
pub fn dispatch(element: &Element, kind: &str) {
    let init = web_sys::EventInit::new();
    init.set_bubbles(true);
    let event = web_sys::Event::new_with_event_init_dict(kind, &init).unwrap();
    element.dispatch_event(&event).unwrap();
}

/// Clicks the element with `data-testid="{testid}"`.
pub fn click(root: &Element, testid: &str) {
    find(root, testid).unchecked_ref::<HtmlElement>().click();
}

/// Every message under `root` is announced by the page's one rule: errors at once
/// (`role="alert"`), everything else politely (`role="status"`). Returns how many were checked.
pub fn assert_roles_follow_tones(root: &Element) -> usize {
    let messages = select_all(root, ".msg");
    for message in &messages {
        let class = message.get_attribute("class").unwrap_or_default();
        let expected = if class.contains("msg-error") {
            "alert"
        } else {
            "status"
        };
        assert_eq!(
            message.get_attribute("role").as_deref(),
            Some(expected),
            "{class}: {}",
            message.outer_html()
        );
    }
    messages.len()
}
