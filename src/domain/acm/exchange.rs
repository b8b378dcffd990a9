//! The pure side of HTTP: relay and endpoint URLs, the ping request headers, classifying what
//! came back, clock skew from the `Date` header and the discovery check (the curl export is `shell`'s).
//!
//! `src/net.rs` does the actual requests; everything it decides is decided here, testably.

use serde_json::Value;
use uuid::Uuid;

use crate::domain::checked::json;
use crate::domain::checked::url::UrlError;

/// The longest time-out a user may set for one request.
pub(crate) const MAX_TIMEOUT_SECONDS: u32 = 300;

/// The time-out the user typed, if it is a whole number of seconds from 1 to
/// [`MAX_TIMEOUT_SECONDS`]; otherwise the default.
pub fn timeout_seconds(raw: &str) -> u32 {
    raw.trim()
        .parse::<u32>()
        .ok()
        .filter(|seconds| (1..=MAX_TIMEOUT_SECONDS).contains(seconds))
        .unwrap_or(DEFAULT_TIMEOUT_SECONDS)
}

/// Requests give up after this long unless the user sets another time-out.
pub(crate) const DEFAULT_TIMEOUT_SECONDS: u32 = 15;

/// Answers larger than this are refused (a ping answer is about 1 KB).
pub(crate) const MAX_ANSWER_BYTES: usize = 1 << 20;
/// ACM rejects assertions from clocks off by more than a few seconds; warn above this.
pub const CLOCK_SKEW_WARNING_SECONDS: i64 = 15;
/// The JSON field by which the reference relay marks its own refusals.
pub(crate) const RELAY_ERROR_FIELD: &str = "relay_error";
/// The three tracing headers the API requires on every call.
pub const TRACE_HEADERS: [&str; 3] = ["x-correlation-id", "x-tracing-id", "x-request-id"];

/// The headers of a ping request: the bearer token and three fresh ids.
pub fn ping_headers(access_token: &str, ids: [Uuid; 3]) -> Vec<(&'static str, String)> {
    let mut headers = vec![("Authorization", format!("Bearer {access_token}"))];
    for (name, id) in TRACE_HEADERS.iter().zip(ids) {
        headers.push((name, id.to_string()));
    }
    headers
}

/// What an answer's body looks like, to say what came back when it is not what we wanted.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum BodyKind {
    /// No body.
    Empty,
    /// A JSON body.
    Json,
    /// An HTML page (a proxy's or server's error page); the first lines as plain text.
    Html {
        /// The first lines of the page, as plain text.
        first_lines: String,
    },
    /// Any other text; its first lines.
    Text {
        /// The first lines.
        first_lines: String,
    },
}

/// How many lines of a non-JSON answer are shown.
const SHOWN_LINES: usize = 5;

/// Sorts a body by its `Content-Type` and content.
pub fn classify_body(content_type: Option<&str>, body: &str) -> BodyKind {
    let trimmed = json::clean_text(body);
    if trimmed.is_empty() {
        return BodyKind::Empty;
    }
    let content_type = content_type.unwrap_or_default().to_ascii_lowercase();
    let looks_html = content_type.contains("html")
        || trimmed
            .get(..15)
            .is_some_and(|head| head.to_ascii_lowercase().starts_with("<!doctype html"))
        || trimmed
            .get(..5)
            .is_some_and(|head| head.eq_ignore_ascii_case("<html"));
    if looks_html {
        return BodyKind::Html {
            first_lines: first_lines(&strip_tags(trimmed)),
        };
    }
    if serde_json::from_str::<serde::de::IgnoredAny>(trimmed).is_ok() {
        return BodyKind::Json;
    }
    BodyKind::Text {
        first_lines: first_lines(trimmed),
    }
}

fn first_lines(text: &str) -> String {
    text.lines()
        .map(str::trim)
        .filter(|line| !line.is_empty())
        .take(SHOWN_LINES)
        .map(|line| line.chars().take(200).collect::<String>())
        .collect::<Vec<_>>()
        .join("\n")
}

/// Drops tags and the contents of `<script>`/`<style>`, leaving the readable text of a page.
fn strip_tags(html: &str) -> String {
    // One lower-cased copy, searched with the same byte offsets (ASCII lower-casing keeps
    // them), so every byte is looked at a bounded number of times: linear in the body.
    let lower = html.to_ascii_lowercase();
    let mut out = String::with_capacity(html.len());
    let mut pos = 0;
    while let Some(found) = lower[pos..].find('<') {
        let open = pos + found;
        out.push_str(&html[pos..open]);
        let tag = &lower[open..];
        let closing = if tag.starts_with("<script") {
            Some("</script>")
        } else if tag.starts_with("<style") {
            Some("</style>")
        } else {
            None
        };
        let end = match closing {
            Some(closing) => tag.find(closing).map(|i| open + i + closing.len()),
            None => tag.find('>').map(|i| open + i + 1),
        };
        match end {
            Some(end) => {
                out.push('\n');
                pos = end;
            }
            None => pos = html.len(),
        }
    }
    out.push_str(&html[pos..]);
    out
}

/// Why an exchange produced no usable answer. Each has its own message and next step; none
/// touches what the user entered.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum ExchangeFailure {
    /// An endpoint or relay field holds no usable URL.
    InvalidUrl {
        /// The field's id on the page.
        field: &'static str,
        /// What is wrong with the URL.
        problem: UrlError,
    },
    /// The browser's opaque `TypeError`: the relay (or server) is unreachable, or it answered
    /// without CORS headers for this page, or the network is down. Browsers do not say which.
    Unreachable {
        /// Whether the request went through the relay (which then is the likely cause).
        via_relay: bool,
    },
    /// No answer within the time-out.
    Timeout {
        /// The time-out.
        seconds: u32,
    },
    /// The user cancelled the request.
    Cancelled,
    /// The reference relay answered for itself (`relay_error`): a refusal or an upstream fault.
    RelayRefused {
        /// The relay's `relay_error` code.
        error: RelayError,
    },
    /// An answer larger than the page reads.
    TooLarge {
        /// The size of the answer.
        bytes: usize,
        /// The largest answer read.
        max: usize,
    },
    /// An error status whose body is not the JSON expected there.
    HttpError {
        /// The HTTP status.
        status: u16,
        /// What the body was.
        body: BodyKind,
    },
    /// A success status with something other than JSON (a proxy's or portal's page).
    NotJson {
        /// The HTTP status.
        status: u16,
        /// What the body was.
        body: BodyKind,
    },
}

/// Sorts an answer that arrived into a failure, or `None` when its body is usable JSON.
/// `expect_error_json` is true for the token endpoint, whose 4xx answers are RFC 6749 JSON.
pub fn answer_failure(
    status: u16,
    content_type: Option<&str>,
    body: &str,
    expect_error_json: bool,
) -> Option<ExchangeFailure> {
    if body.len() > MAX_ANSWER_BYTES {
        return Some(ExchangeFailure::TooLarge {
            bytes: body.len(),
            max: MAX_ANSWER_BYTES,
        });
    }
    if let Some(error) = relay_refusal(status, body) {
        return Some(ExchangeFailure::RelayRefused { error });
    }
    let kind = classify_body(content_type, body);
    let success = (200..300).contains(&status);
    match (success, kind) {
        (true, BodyKind::Json) => None,
        (false, BodyKind::Json) if expect_error_json && (400..500).contains(&status) => None,
        (true, body) => Some(ExchangeFailure::NotJson { status, body }),
        (false, body) => Some(ExchangeFailure::HttpError { status, body }),
    }
}

/// What the reference relay says when it answers for itself, in its JSON `relay_error` field.
/// The nginx configuration is rendered from these codes and statuses, so page and relay agree.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RelayError {
    /// The request's `Origin` is not the configured page origin (or there is none).
    OriginNotAllowed,
    /// The target is not exactly one of the allowlisted URLs.
    TargetNotAllowed,
    /// A method other than GET or POST.
    MethodNotAllowed,
    /// Too many requests or connections from this address.
    RateLimited,
    /// The upstream answered with a redirect, which the relay never follows or passes on.
    UpstreamRedirect,
    /// The upstream could not be reached or broke off its answer.
    UpstreamFailed,
    /// The upstream did not answer within the relay's time-out.
    UpstreamTimeout,
    /// A code this page does not know (a newer relay).
    Other(String),
}

impl RelayError {
    /// Every error the reference relay gives, with its HTTP status.
    pub(crate) const KNOWN: [(RelayError, u16); 7] = [
        (RelayError::OriginNotAllowed, 403),
        (RelayError::TargetNotAllowed, 403),
        (RelayError::MethodNotAllowed, 405),
        (RelayError::RateLimited, 429),
        (RelayError::UpstreamRedirect, 502),
        (RelayError::UpstreamFailed, 502),
        (RelayError::UpstreamTimeout, 504),
    ];

    /// The code as the relay writes it (`origin_not_allowed`, …).
    pub fn code(&self) -> &str {
        match self {
            RelayError::OriginNotAllowed => "origin_not_allowed",
            RelayError::TargetNotAllowed => "target_not_allowed",
            RelayError::MethodNotAllowed => "method_not_allowed",
            RelayError::RateLimited => "rate_limited",
            RelayError::UpstreamRedirect => "upstream_redirect",
            RelayError::UpstreamFailed => "upstream_failed",
            RelayError::UpstreamTimeout => "upstream_timeout",
            RelayError::Other(code) => code,
        }
    }

    /// The error of a relay's code; an unknown code is kept as [`RelayError::Other`].
    pub fn parse(code: &str) -> RelayError {
        RelayError::KNOWN
            .into_iter()
            .map(|(error, _)| error)
            .find(|error| error.code() == code)
            .unwrap_or_else(|| RelayError::Other(code.chars().take(40).collect()))
    }

    /// The JSON body the relay answers with.
    pub fn body(&self) -> String {
        format!("{{\"{RELAY_ERROR_FIELD}\":\"{}\"}}", self.code())
    }
}

/// Whether an answer is the reference relay speaking for itself: a status it uses, with a JSON
/// `relay_error`.
pub fn relay_refusal(status: u16, body: &str) -> Option<RelayError> {
    if !matches!(status, 403 | 405 | 429 | 502 | 504) {
        return None;
    }
    let object = json::parse_object(body, MAX_ANSWER_BYTES).ok()?;
    object
        .get(RELAY_ERROR_FIELD)
        .and_then(Value::as_str)
        .map(RelayError::parse)
}

/// Seconds the server's clock (from an HTTP `Date` header) is ahead of ours; negative if behind.
pub fn clock_skew(date_header: &str, local_unix_ms: f64) -> Option<i64> {
    let server = httpdate::parse_http_date(date_header.trim()).ok()?;
    let server = server.duration_since(std::time::UNIX_EPOCH).ok()?.as_secs() as i64;
    Some(server - (local_unix_ms / 1000.0).round() as i64)
}

/// Whether a skew is large enough to make ACM reject assertions.
pub fn skew_is_dangerous(skew_seconds: i64) -> bool {
    skew_seconds.abs() > CLOCK_SKEW_WARNING_SECONDS
}

/// The relevant parts of an OpenID Connect discovery document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Discovery {
    /// `issuer`, if present.
    pub issuer: Option<String>,
    /// `token_endpoint`, if present.
    pub token_endpoint: Option<String>,
    /// `token_endpoint_auth_methods_supported`: the client authentication methods the document
    /// lists, if it lists any (short, plain names only: they are shown on the page).
    pub auth_methods: Option<Vec<String>>,
    /// `token_endpoint_auth_signing_alg_values_supported`: the algorithms ACM says it takes
    /// for a client assertion, if the document lists them.
    pub signing_algs: Option<Vec<String>>,
}

/// The API's version from its public `actuator/info` (`build.version`), when the answer says.
pub fn api_version(body: &str) -> Result<Option<String>, json::JsonError> {
    let object = json::parse_object(body, MAX_ANSWER_BYTES)?;
    Ok(object
        .get("build")
        .and_then(|build| build.get("version"))
        .and_then(Value::as_str)
        // Shown on the page: a version is short and plain.
        .filter(|v| v.len() <= 40 && v.bytes().all(|b| b.is_ascii_graphic()))
        .map(str::to_string))
}

/// What ACM's discovery document says about client assertions (`private_key_jwt`). A document
/// that does not list it is no proof that ACM refuses assertions: ACM's own documented example
/// lists only `client_secret_basic` and `client_secret_post`, while ACM's client-authentication
/// page and the API team's demo client authenticate with an assertion. So the page warns and
/// lets the token request decide; it never blocks on it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ClientAuthVerdict {
    /// The document lists `private_key_jwt`.
    Listed,
    /// The document lists other methods, not `private_key_jwt`.
    NotListed {
        /// The methods it lists.
        listed: Vec<String>,
    },
    /// The document lists no methods.
    NotStated,
}

/// What ACM's own discovery document says about the algorithm the page would sign with.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum AlgorithmVerdict {
    /// The document lists the algorithm.
    Listed,
    /// The document lists others, not this one: ACM may refuse the assertion.
    NotListed {
        /// The algorithms it lists.
        listed: Vec<String>,
    },
    /// The document lists no algorithms: the page's assumption stands.
    NotStated,
}

impl Discovery {
    /// What the document says about client assertions as a way to authenticate.
    pub fn client_auth_verdict(&self) -> ClientAuthVerdict {
        match &self.auth_methods {
            None => ClientAuthVerdict::NotStated,
            Some(listed) if listed.iter().any(|m| m == "private_key_jwt") => {
                ClientAuthVerdict::Listed
            }
            Some(listed) => ClientAuthVerdict::NotListed {
                listed: listed.clone(),
            },
        }
    }

    /// What the document says about signing client assertions with `alg`.
    pub fn algorithm_verdict(&self, alg: &str) -> AlgorithmVerdict {
        match &self.signing_algs {
            None => AlgorithmVerdict::NotStated,
            Some(listed) if listed.iter().any(|a| a == alg) => AlgorithmVerdict::Listed,
            Some(listed) => AlgorithmVerdict::NotListed {
                listed: listed.clone(),
            },
        }
    }
}

/// Reads a discovery document.
pub fn parse_discovery(body: &str) -> Result<Discovery, json::JsonError> {
    let object = json::parse_object(body, MAX_ANSWER_BYTES)?;
    let text = |name: &str| object.get(name).and_then(Value::as_str).map(str::to_string);
    Ok(Discovery {
        issuer: text("issuer"),
        token_endpoint: text("token_endpoint"),
        auth_methods: plain_names(&object, "token_endpoint_auth_methods_supported", 40),
        signing_algs: plain_names(
            &object,
            "token_endpoint_auth_signing_alg_values_supported",
            16,
        ),
    })
}

/// The strings of a discovery document's list, keeping only short, plain names (letters,
/// digits, `_`): they are shown on the page. `None` when the document has no such list.
fn plain_names(
    object: &serde_json::Map<String, Value>,
    name: &str,
    max_len: usize,
) -> Option<Vec<String>> {
    object.get(name).and_then(Value::as_array).map(|items| {
        items
            .iter()
            .filter_map(Value::as_str)
            .filter(|a| {
                a.len() <= max_len && a.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_')
            })
            .map(str::to_string)
            .collect()
    })
}

/// What the relay check found in the discovery document it fetched through the relay.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RelayCheck {
    /// The document could not be read.
    Unreadable(json::JsonError),
    /// It names no `token_endpoint`.
    NoTokenEndpoint,
    /// Its `token_endpoint` is the page's token endpoint field.
    Matches {
        /// The `token_endpoint` the discovery document gives.
        found: String,
    },
    /// Its `token_endpoint` differs from the field: the field should take the document's.
    Differs {
        /// The `token_endpoint` the discovery document gives.
        found: String,
    },
}

impl RelayCheck {
    /// Judges a fetched discovery document against the token endpoint field.
    pub fn of(discovery: &Result<Discovery, json::JsonError>, token_field: &str) -> RelayCheck {
        match discovery {
            Err(err) => RelayCheck::Unreadable(err.clone()),
            Ok(Discovery {
                token_endpoint: None,
                ..
            }) => RelayCheck::NoTokenEndpoint,
            Ok(Discovery {
                token_endpoint: Some(found),
                ..
            }) if same_endpoint(found, token_field) => RelayCheck::Matches {
                found: found.clone(),
            },
            Ok(Discovery {
                token_endpoint: Some(found),
                ..
            }) => RelayCheck::Differs {
                found: found.clone(),
            },
        }
    }

    /// All is well: the relay answers and the endpoints agree.
    pub fn is_ok(&self) -> bool {
        matches!(self, RelayCheck::Matches { .. })
    }
}

/// Compares URLs the way endpoints are written: ignoring a trailing slash.
pub(crate) fn same_endpoint(a: &str, b: &str) -> bool {
    a.trim().trim_end_matches('/') == b.trim().trim_end_matches('/')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_api_version_comes_from_actuator_info() {
        assert_eq!(
            api_version(r#"{"build":{"version":"0.31.2","name":"elys"}}"#),
            Ok(Some("0.31.2".into()))
        );
        assert_eq!(api_version(r#"{"build":{}}"#), Ok(None));
        assert_eq!(
            api_version(r#"{"build":{"version":"<script>x</script> y"}}"#),
            Ok(None)
        );
        assert!(api_version("<html>").is_err());
    }

    #[test]
    fn the_discovery_document_says_which_algorithms_acm_takes() {
        let document = r#"{"issuer":"https://a/op","token_endpoint":"https://a/op/v1/token",
            "token_endpoint_auth_methods_supported":["client_secret_basic","private_key_jwt"],
            "token_endpoint_auth_signing_alg_values_supported":["RS256","PS256","<b>x</b>"]}"#;
        let discovery = parse_discovery(document).unwrap();
        assert_eq!(discovery.client_auth_verdict(), ClientAuthVerdict::Listed);
        assert_eq!(
            discovery.signing_algs.as_deref(),
            Some(&["RS256".to_string(), "PS256".to_string()][..])
        );
        assert_eq!(
            discovery.algorithm_verdict("RS256"),
            AlgorithmVerdict::Listed
        );
        assert_eq!(
            discovery.algorithm_verdict("ES256"),
            AlgorithmVerdict::NotListed {
                listed: vec!["RS256".into(), "PS256".into()]
            }
        );
        let silent =
            parse_discovery(r#"{"token_endpoint_auth_methods_supported":["client_secret_basic"]}"#)
                .unwrap();
        assert_eq!(
            silent.client_auth_verdict(),
            ClientAuthVerdict::NotListed {
                listed: vec!["client_secret_basic".into()]
            }
        );
        assert_eq!(
            silent.algorithm_verdict("RS256"),
            AlgorithmVerdict::NotStated
        );
        assert_eq!(
            parse_discovery("{}").unwrap().client_auth_verdict(),
            ClientAuthVerdict::NotStated
        );
    }

    /// ACM's own documented discovery example lists client secrets only and no signing
    /// algorithms, while ACM and the API team's demo use client assertions: the document's
    /// lists are reported as they are, never turned into "ACM refuses assertions".
    #[test]
    fn acms_documented_example_is_reported_as_it_is() {
        let example = r#"{"issuer":"https://authenticatie.vlaanderen.be/op",
            "token_endpoint":"https://authenticatie.vlaanderen.be/op/v1/token",
            "token_endpoint_auth_methods_supported":["client_secret_basic","client_secret_post"],
            "id_token_signing_alg_values_supported":["RS256"]}"#;
        let discovery = parse_discovery(example).unwrap();
        assert_eq!(
            discovery.client_auth_verdict(),
            ClientAuthVerdict::NotListed {
                listed: vec!["client_secret_basic".into(), "client_secret_post".into()]
            }
        );
        // The id token's algorithms are not the assertion's.
        assert_eq!(discovery.signing_algs, None);
        assert_eq!(
            discovery.algorithm_verdict("RS256"),
            AlgorithmVerdict::NotStated
        );
        // A name that is not plain is not shown.
        let odd = parse_discovery(
            r#"{"token_endpoint_auth_methods_supported":["<b>x</b>","private_key_jwt"]}"#,
        )
        .unwrap();
        assert_eq!(odd.auth_methods, Some(vec!["private_key_jwt".to_string()]));
    }

    #[test]
    fn the_relay_check_judges_the_discovery_document() {
        let discovery = |token: Option<&str>| {
            Ok(Discovery {
                issuer: None,
                token_endpoint: token.map(str::to_string),
                auth_methods: None,
                signing_algs: None,
            })
        };
        let field = "https://a/op/v1/token";
        assert!(RelayCheck::of(&discovery(Some("https://a/op/v1/token/")), field).is_ok());
        assert_eq!(
            RelayCheck::of(&discovery(Some("https://b/op/v1/token")), field),
            RelayCheck::Differs {
                found: "https://b/op/v1/token".into()
            }
        );
        assert_eq!(
            RelayCheck::of(&discovery(None), field),
            RelayCheck::NoTokenEndpoint
        );
        assert!(!RelayCheck::of(&parse_discovery("{"), field).is_ok());
    }

    #[test]
    fn the_time_out_stays_in_its_range() {
        assert_eq!(timeout_seconds(" 30 "), 30);
        assert_eq!(timeout_seconds("300"), 300);
        for out_of_range in ["0", "301", "-5", "tien", "", "1.5"] {
            assert_eq!(
                timeout_seconds(out_of_range),
                DEFAULT_TIMEOUT_SECONDS,
                "{out_of_range}"
            );
        }
    }

    #[test]
    fn ping_headers_carry_token_and_three_ids() {
        let ids = [Uuid::from_u128(1), Uuid::from_u128(2), Uuid::from_u128(3)];
        let headers = ping_headers("tok", ids);
        assert_eq!(headers[0], ("Authorization", "Bearer tok".to_string()));
        assert_eq!(headers[1].0, "x-correlation-id");
        assert_eq!(headers[3], ("x-request-id", ids[2].to_string()));
    }

    #[test]
    fn body_classification() {
        assert_eq!(classify_body(None, "  "), BodyKind::Empty);
        assert_eq!(
            classify_body(Some("application/json"), "{\"a\":1}"),
            BodyKind::Json
        );
        let html = "<!DOCTYPE html><html><head><style>p{}</style><title>500</title></head>\
                    <body><h1>Internal Server Error</h1><script>x()</script></body></html>";
        assert_eq!(
            classify_body(Some("text/html; charset=utf-8"), html),
            BodyKind::Html {
                first_lines: "500\nInternal Server Error".into()
            }
        );
        assert!(matches!(
            classify_body(None, "<html><body>Bad</body>"),
            BodyKind::Html { .. }
        ));
        assert_eq!(
            classify_body(Some("text/plain"), "upstream timed out\nretry"),
            BodyKind::Text {
                first_lines: "upstream timed out\nretry".into()
            }
        );
    }

    #[test]
    fn answers_sorted_into_failures() {
        assert_eq!(
            answer_failure(200, Some("application/json"), "{}", false),
            None
        );
        assert_eq!(
            answer_failure(401, None, "{\"error\":\"invalid_client\"}", true),
            None
        );
        assert_eq!(
            answer_failure(401, None, "{\"error\":\"x\"}", false),
            Some(ExchangeFailure::HttpError {
                status: 401,
                body: BodyKind::Json
            })
        );
        assert!(matches!(
            answer_failure(500, Some("text/html"), "<html><h1>Oops</h1></html>", true),
            Some(ExchangeFailure::HttpError {
                status: 500,
                body: BodyKind::Html { .. }
            })
        ));
        assert!(matches!(
            answer_failure(200, Some("text/html"), "<html>login</html>", false),
            Some(ExchangeFailure::NotJson { status: 200, .. })
        ));
        assert_eq!(
            answer_failure(403, None, "{\"relay_error\":\"target_not_allowed\"}", true),
            Some(ExchangeFailure::RelayRefused {
                error: RelayError::TargetNotAllowed
            })
        );
        let huge = "x".repeat(MAX_ANSWER_BYTES + 1);
        assert!(matches!(
            answer_failure(200, None, &huge, false),
            Some(ExchangeFailure::TooLarge { .. })
        ));
    }

    #[test]
    fn relay_refusals_are_recognised() {
        let body = r#"{"relay_error":"target_not_allowed"}"#;
        assert_eq!(relay_refusal(403, body), Some(RelayError::TargetNotAllowed));
        assert_eq!(relay_refusal(401, body), None);
        assert_eq!(relay_refusal(403, r#"{"error":"forbidden"}"#), None);
        assert_eq!(relay_refusal(403, "<html>"), None);
        // Every error the relay gives round-trips through its body and status.
        for (error, status) in RelayError::KNOWN {
            assert_eq!(relay_refusal(status, &error.body()), Some(error.clone()));
        }
        assert_eq!(
            relay_refusal(429, r#"{"relay_error":"newer_code"}"#),
            Some(RelayError::Other("newer_code".into()))
        );
    }

    #[test]
    fn html_sniffing_is_linear_and_keeps_the_text() {
        let html = "<html><head><style>p{}</style><script>x<y</script></head><body><h1>Oops</h1></body></html>";
        assert_eq!(
            classify_body(Some("text/html"), html),
            BodyKind::Html {
                first_lines: "Oops".into()
            }
        );
        // A hostile body: many unclosed script tags. Linear time keeps this instant.
        let hostile = format!("<html>{}", "<script>".repeat(200_000));
        let started = std::time::Instant::now();
        let _ = classify_body(Some("text/html"), &hostile);
        assert!(started.elapsed() < std::time::Duration::from_secs(2));
    }

    #[test]
    fn clock_skew_from_date_header() {
        // Sun, 06 Nov 1994 08:49:37 GMT = 784111777
        let local = 784_111_777_000.0;
        assert_eq!(clock_skew("Sun, 06 Nov 1994 08:49:37 GMT", local), Some(0));
        assert_eq!(clock_skew("Sun, 06 Nov 1994 08:50:07 GMT", local), Some(30));
        assert_eq!(
            clock_skew("Sun, 06 Nov 1994 08:49:17 GMT", local),
            Some(-20)
        );
        assert_eq!(clock_skew("gisteren", local), None);
        assert!(skew_is_dangerous(-20));
        assert!(!skew_is_dangerous(15));
    }

    #[test]
    fn discovery_document() {
        let body = r#"{"issuer":"https://a/op","token_endpoint":"https://a/op/v1/token",
                       "token_endpoint_auth_methods_supported":["private_key_jwt"]}"#;
        let discovery = parse_discovery(body).unwrap();
        assert_eq!(
            discovery.token_endpoint.as_deref(),
            Some("https://a/op/v1/token")
        );
        assert_eq!(discovery.client_auth_verdict(), ClientAuthVerdict::Listed);
        assert!(same_endpoint(
            "https://a/op/v1/token/",
            "https://a/op/v1/token"
        ));
        assert!(parse_discovery("[]").is_err());
    }
}
