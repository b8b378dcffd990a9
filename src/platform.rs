//! The browser's clocks (wasm32 only), for every module that needs the time: `SystemTime` does
//! not exist on wasm32. Below the UI, so `net.rs` does not depend on `ui`.

/// Milliseconds since the Unix epoch.
pub fn now_ms() -> f64 {
    js_sys::Date::now()
}

/// Seconds since the Unix epoch.
pub fn now_secs() -> i64 {
    (now_ms() / 1000.0).floor() as i64
}

/// A monotonic clock for durations, in milliseconds.
pub fn monotonic_ms() -> f64 {
    web_sys::window()
        .and_then(|w| w.performance())
        .map_or_else(now_ms, |p| p.now())
}
