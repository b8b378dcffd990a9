//! Small wrappers around browser APIs the steps use: clipboard, downloads, reading a dropped or
//! picked file, and the settings store (the clocks are `platform`'s, re-exported here). Each
//! failure is returned, never thrown.

use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

use crate::settings::{Settings, STORAGE_KEY};

pub use crate::platform::{monotonic_ms, now_ms, now_secs};

/// WebCrypto exists only in secure contexts (https, localhost).
pub(crate) fn is_secure_context() -> bool {
    web_sys::window().is_some_and(|w| w.is_secure_context())
}

/// Copies text to the clipboard.
pub(crate) async fn copy_text(text: &str) -> Result<(), ()> {
    let window = web_sys::window().ok_or(())?;
    let promise = window.navigator().clipboard().write_text(text);
    JsFuture::from(promise).await.map(|_| ()).map_err(|_| ())
}

/// Offers `content` as a file download named `file_name`; nothing is sent anywhere.
pub(crate) fn download(file_name: &str, mime: &str, content: &str) -> Result<(), JsValue> {
    let parts = js_sys::Array::of1(&JsValue::from_str(content));
    let options = web_sys::BlobPropertyBag::new();
    options.set_type(mime);
    let blob = web_sys::Blob::new_with_str_sequence_and_options(&parts, &options)?;
    let url = web_sys::Url::create_object_url_with_blob(&blob)?;
    let document = web_sys::window()
        .and_then(|w| w.document())
        .ok_or_else(|| JsValue::from_str("no document"))?;
    let anchor: web_sys::HtmlAnchorElement = document.create_element("a")?.dyn_into()?;
    anchor.set_href(&url);
    anchor.set_download(file_name);
    anchor.click();
    web_sys::Url::revoke_object_url(&url)?;
    Ok(())
}

/// Reads a file the user picked or dropped, locally.
pub(crate) async fn read_file(file: &web_sys::File) -> Result<Vec<u8>, JsValue> {
    let buffer = JsFuture::from(file.array_buffer()).await?;
    Ok(js_sys::Uint8Array::new(&buffer).to_vec())
}

/// The first file of a file input's change event.
pub(crate) fn picked_file(event: &web_sys::Event) -> Option<web_sys::File> {
    let input: web_sys::HtmlInputElement = event.target()?.dyn_into().ok()?;
    let file = input.files()?.get(0);
    // Picking the same file again must fire a new change event.
    input.set_value("");
    file
}

/// The first file of a drop event.
pub(crate) fn dropped_file(event: &web_sys::DragEvent) -> Option<web_sys::File> {
    event.data_transfer()?.files()?.get(0)
}

fn storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok().flatten()
}

/// The stored settings; defaults when storage is unavailable or holds nothing readable.
pub(crate) fn load_settings() -> Settings {
    storage()
        .and_then(|s| s.get_item(STORAGE_KEY).ok().flatten())
        .map(|json| Settings::from_json(&json))
        .unwrap_or_default()
}

/// Stores the settings. Only [`Settings`] can be stored: there is no way to store anything else.
pub(crate) fn save_settings(settings: &Settings) {
    if let Some(storage) = storage() {
        // A full or disabled store only costs the user their saved ticks, so the error is dropped.
        let _ = storage.set_item(STORAGE_KEY, &settings.to_json());
    }
}

/// The `localStorage` key of the onboarding workspace (its JSON carries its own version).
pub(crate) const WORKSPACE_KEY: &str = "dao-onboard.workspace";

/// Why the workspace could not be stored.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StorageProblem {
    /// The browser gives the page no storage (a private window, a setting).
    Unavailable,
    /// The store refused the text (full: `QuotaExceededError`).
    Full,
}

/// The stored workspace's text, `Ok(None)` when there is none; `Err` without storage.
pub(crate) fn load_workspace() -> Result<Option<String>, StorageProblem> {
    let storage = storage().ok_or(StorageProblem::Unavailable)?;
    storage
        .get_item(WORKSPACE_KEY)
        .map_err(|_| StorageProblem::Unavailable)
}

/// Stores the workspace's JSON (`workspace_file::to_json`, which holds no secret), saying
/// when it could not be stored: unlike the settings, a lost workspace is weeks of progress.
pub(crate) fn save_workspace(json: &str) -> Result<(), StorageProblem> {
    let storage = storage().ok_or(StorageProblem::Unavailable)?;
    storage
        .set_item(WORKSPACE_KEY, json)
        .map_err(|_| StorageProblem::Full)
}

/// Sets an attribute on `<html>`, for automation and measurements.
pub(crate) fn mark_document(name: &str, value: &str) {
    if let Some(root) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.document_element())
    {
        let _ = root.set_attribute(name, value);
    }
}

/// Resolves once the browser reports its first paint (Paint Timing, `first-paint`), at once if
/// it has; after at most a second where it reports none (no support, a hidden tab), so what
/// waits for it is never held back for good. `next_frame`'s timeout can run before the frame
/// is on screen, which is too early for what must not compete with the first screen.
#[cfg(feature = "split")]
pub(crate) async fn after_first_paint() {
    let promise = js_sys::Promise::new(&mut |resolve, _reject| {
        let Some(window) = web_sys::window() else {
            let _ = resolve.call0(&JsValue::NULL);
            return;
        };
        let _ = window
            .set_timeout_with_callback_and_timeout_and_arguments_0(resolve.unchecked_ref(), 1000);
        let on_paint = {
            let resolve = resolve.clone();
            wasm_bindgen::closure::Closure::<dyn FnMut(JsValue, web_sys::PerformanceObserver)>::new(
                move |_entries: JsValue, observer: web_sys::PerformanceObserver| {
                    observer.disconnect();
                    let _ = resolve.call0(&JsValue::NULL);
                },
            )
        };
        if let Ok(observer) = web_sys::PerformanceObserver::new(on_paint.as_ref().unchecked_ref()) {
            // `{type: "paint", buffered: true}`: web-sys's constructor sets `entryTypes`, with
            // which browsers ignore `buffered` (a paint already past would never be reported).
            let options = js_sys::Object::new();
            let _ = js_sys::Reflect::set(&options, &"type".into(), &"paint".into());
            let _ = js_sys::Reflect::set(&options, &"buffered".into(), &JsValue::TRUE);
            observer.observe(options.unchecked_ref());
        }
        // Called at most once per page and part; kept alive for the observer.
        on_paint.forget();
    });
    let _ = JsFuture::from(promise).await;
}

/// Resolves after the browser has painted, so a busy indicator shows before blocking work.
pub(crate) async fn next_frame() {
    let promise = js_sys::Promise::new(&mut |resolve, _reject| {
        let Some(window) = web_sys::window() else {
            let _ = resolve.call0(&JsValue::NULL);
            return;
        };
        // requestAnimationFrame runs before the paint; the timeout it schedules runs after it.
        let after_paint = wasm_bindgen::closure::Closure::once_into_js(move || {
            if let Some(window) = web_sys::window() {
                let _ = window.set_timeout_with_callback_and_timeout_and_arguments_0(
                    resolve.unchecked_ref(),
                    0,
                );
            }
        });
        if window
            .request_animation_frame(after_paint.unchecked_ref())
            .is_err()
        {
            let _ = window.set_timeout_with_callback_and_timeout_and_arguments_0(
                after_paint.unchecked_ref(),
                0,
            );
        }
    });
    let _ = JsFuture::from(promise).await;
}

/// `name` resolved against the page's own base URL: the directory its boot script was loaded
/// from (so a page opened at a deeper path, or under a sub-path, still finds its own files),
/// else the document's base URL.
pub(crate) fn page_file_url(name: &str) -> Option<String> {
    let document = web_sys::window()?.document()?;
    let base = document
        .query_selector("script[data-wasm]")
        .ok()
        .flatten()
        .and_then(|script| script.get_attribute("src"))
        .and_then(|src| {
            let base_uri = document.base_uri().ok().flatten()?;
            web_sys::Url::new_with_base(&src, &base_uri).ok()
        })
        .map(|url| url.href())
        .or_else(|| document.base_uri().ok().flatten())?;
    web_sys::Url::new_with_base(name, &base)
        .ok()
        .map(|url| url.href())
}

/// This page's origin (`location.origin`), for the relay configuration it writes.
pub(crate) fn page_origin() -> Option<String> {
    web_sys::window()?.location().origin().ok()
}
