//! The only module that does HTTP: one request through the relay, with a time-out and a cancel
//! button, turned into an [`HttpAnswer`] or an [`ExchangeFailure`] the UI can explain.
//!
//! Requests never carry cookies or a referrer, are never cached, and never follow a redirect
//! (`redirect: "error"`: a 3xx would re-send the assertion wherever `Location` points). A body
//! is read as a stream and abandoned at `MAX_ANSWER_BYTES`, whatever `Content-Length` says.
//! What the answer means is decided by `domain::acm::exchange`, not here.

use std::cell::Cell;
use std::rc::Rc;
use std::time::Duration;

use gloo_net::http::{Request, RequestBuilder, Response};
use js_sys::{Reflect, Uint8Array};
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use web_sys::{
    AbortController, ReadableStreamDefaultReader, ReferrerPolicy, RequestCache, RequestCredentials,
    RequestRedirect,
};

use crate::domain::acm::exchange::{ExchangeFailure, MAX_ANSWER_BYTES};

/// An answer that arrived (any status).
#[derive(Debug, Clone, PartialEq)]
pub struct HttpAnswer {
    pub status: u16,
    pub content_type: Option<String>,
    /// The `Date` header, when the server (and the relay) expose it.
    pub date: Option<String>,
    pub body: String,
    pub elapsed_ms: f64,
}

/// A request in flight that the user can cancel.
#[derive(Clone)]
pub struct InFlight {
    controller: AbortController,
    timed_out: Rc<Cell<bool>>,
}

impl InFlight {
    pub fn new() -> Option<InFlight> {
        Some(InFlight {
            controller: AbortController::new().ok()?,
            timed_out: Rc::new(Cell::new(false)),
        })
    }

    pub fn cancel(&self) {
        self.controller.abort();
    }
}

/// What to send.
pub enum Outgoing {
    Get {
        url: String,
        headers: Vec<(&'static str, String)>,
    },
    PostForm {
        url: String,
        form: String,
    },
}

impl Outgoing {
    pub fn url(&self) -> &str {
        match self {
            Outgoing::Get { url, .. } | Outgoing::PostForm { url, .. } => url,
        }
    }

    /// The same request addressed to `url` (the relay's address for the target).
    #[must_use]
    pub fn to(self, url: String) -> Outgoing {
        match self {
            Outgoing::Get { headers, .. } => Outgoing::Get { url, headers },
            Outgoing::PostForm { form, .. } => Outgoing::PostForm { url, form },
        }
    }
}

fn builder(outgoing: &Outgoing) -> RequestBuilder {
    let builder = match outgoing {
        Outgoing::Get { url, headers } => headers
            .iter()
            .fold(Request::get(url), |b, (name, value)| b.header(name, value)),
        Outgoing::PostForm { url, .. } => {
            Request::post(url).header("Content-Type", "application/x-www-form-urlencoded")
        }
    };
    builder
        .credentials(RequestCredentials::Omit)
        .cache(RequestCache::NoStore)
        .referrer_policy(ReferrerPolicy::NoReferrer)
        .redirect(RequestRedirect::Error)
}

/// Why a body could not be read whole.
enum BodyFailure {
    /// The stream broke off (or was aborted).
    Broken,
    /// More than `max` bytes: reading stopped there.
    TooLarge { bytes: usize },
}

/// Reads a response body chunk by chunk, stopping (and cancelling the stream) once it passes
/// `max` bytes, so an endless or huge answer is never held whole.
async fn read_capped(response: &Response, max: usize) -> Result<Vec<u8>, BodyFailure> {
    let Some(stream) = response.body() else {
        return Ok(Vec::new());
    };
    let reader: ReadableStreamDefaultReader = stream.get_reader().unchecked_into();
    let mut body = Vec::new();
    loop {
        let chunk = JsFuture::from(reader.read())
            .await
            .map_err(|_| BodyFailure::Broken)?;
        let done = Reflect::get(&chunk, &"done".into())
            .ok()
            .and_then(|done| done.as_bool())
            .unwrap_or(true);
        if done {
            return Ok(body);
        }
        let value = Reflect::get(&chunk, &"value".into()).map_err(|_| BodyFailure::Broken)?;
        let bytes = Uint8Array::new(&value);
        let total = body.len() + bytes.length() as usize;
        if total > max {
            let _ = reader.cancel();
            return Err(BodyFailure::TooLarge { bytes: total });
        }
        body.extend(bytes.to_vec());
    }
}

/// Sends one request, giving up after `timeout_seconds` or when `flight` is cancelled.
pub async fn send(
    outgoing: &Outgoing,
    timeout_seconds: u32,
    via_relay: bool,
    flight: &InFlight,
) -> Result<HttpAnswer, ExchangeFailure> {
    send_capped(
        outgoing,
        timeout_seconds,
        via_relay,
        flight,
        MAX_ANSWER_BYTES,
    )
    .await
}

/// Fetches one of the page's own files (`config.json`, the English texts; `url`: resolved
/// against the page's base URL), with the same rules as every other request (no redirect, no
/// cookies, no cache) and read up to `max` bytes.
pub async fn fetch_page_file(url: String, max: usize) -> Result<HttpAnswer, ExchangeFailure> {
    let flight = InFlight::new().ok_or(ExchangeFailure::Unreachable { via_relay: false })?;
    let outgoing = Outgoing::Get {
        url,
        headers: Vec::new(),
    };
    send_capped(&outgoing, 15, false, &flight, max).await
}

async fn send_capped(
    outgoing: &Outgoing,
    timeout_seconds: u32,
    via_relay: bool,
    flight: &InFlight,
    max_bytes: usize,
) -> Result<HttpAnswer, ExchangeFailure> {
    let started = crate::platform::monotonic_ms();
    let timer = {
        let flight = flight.clone();
        leptos::prelude::set_timeout_with_handle(
            move || {
                flight.timed_out.set(true);
                flight.cancel();
            },
            Duration::from_secs(u64::from(timeout_seconds)),
        )
        .ok()
    };
    let aborted = || {
        if flight.timed_out.get() {
            ExchangeFailure::Timeout {
                seconds: timeout_seconds,
            }
        } else if flight.controller.signal().aborted() {
            ExchangeFailure::Cancelled
        } else {
            ExchangeFailure::Unreachable { via_relay }
        }
    };
    let builder = builder(outgoing).abort_signal(Some(&flight.controller.signal()));
    let sent = match outgoing {
        Outgoing::Get { .. } => builder.send().await,
        Outgoing::PostForm { form, .. } => match builder.body(form.clone()) {
            Ok(request) => request.send().await,
            Err(_) => return Err(ExchangeFailure::Unreachable { via_relay }),
        },
    };
    let result = match sent {
        Err(_) => Err(aborted()),
        Ok(response) => {
            let headers = response.headers();
            let declared = headers
                .get("content-length")
                .and_then(|l| l.trim().parse::<usize>().ok());
            match declared {
                Some(bytes) if bytes > max_bytes => Err(ExchangeFailure::TooLarge {
                    bytes,
                    max: max_bytes,
                }),
                _ => match read_capped(&response, max_bytes).await {
                    Err(BodyFailure::Broken) => Err(aborted()),
                    Err(BodyFailure::TooLarge { bytes }) => Err(ExchangeFailure::TooLarge {
                        bytes,
                        max: max_bytes,
                    }),
                    Ok(body) => Ok(HttpAnswer {
                        status: response.status(),
                        content_type: headers.get("content-type"),
                        date: headers.get("date"),
                        body: String::from_utf8_lossy(&body).into_owned(),
                        elapsed_ms: crate::platform::monotonic_ms() - started,
                    }),
                },
            }
        }
    };
    if let Some(timer) = timer {
        timer.clear();
    }
    // An answer refused as too large, read or not, is aborted: the browser stops fetching it.
    if matches!(result, Err(ExchangeFailure::TooLarge { .. })) {
        flight.cancel();
    }
    result
}
