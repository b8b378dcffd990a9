//! Stand-ins for the two remote services.
//!
//! ACM/IDM: discovery and a token endpoint that verifies the client assertion with an
//! independent JWT library (`jsonwebtoken`, on RustCrypto) against the registered public JWK,
//! applying RFC 7523 (`iss` = `sub` = `client_id`) and the rules the page *assumes* ACM applies
//! (see `domain::facts::sources::Assumption`: RS256/PS256/ES256, `aud` = issuer or token URL,
//! `exp` − `iat` ≤ 600 s, `iat` not beyond 15 s ahead, single-use `jti`, key lookup by `kid`),
//! answering RFC 6749 errors and opaque tokens. It is a stand-in for those assumptions, not
//! evidence of ACM's behaviour.
//!
//! API: `/health/v1/ping`, which demands the bearer token and the three `x-*` ids and answers
//! the documented shape with the registered client's `vo_*` values.

use std::collections::{HashMap, HashSet};
use std::sync::{Arc, Mutex};

use axum::extract::{Form, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Json, Router};
use chrono::{DateTime, Utc};
use jsonwebtoken::{decode, decode_header, Algorithm, DecodingKey, Validation};
use serde_json::{json, Value};

use super::Server;

/// A client as registered in the stand-in's Beheerportaal.
#[derive(Clone, Debug)]
pub struct RegisteredClient {
    pub client_id: String,
    pub public_jwks: Vec<Value>,
    pub org_code: String,
    pub org_name: String,
    pub client_name: String,
    pub scopes: Vec<String>,
}

/// How the API stand-in behaves.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ApiMode {
    Normal,
    /// 500 with an HTML error page.
    Html500,
    /// Never answers.
    Hang,
    /// Redirects elsewhere (307), as a moved or hijacked endpoint would.
    Redirect,
}

struct Issued {
    client_id: String,
    scopes: Vec<String>,
    iat: i64,
    exp: i64,
}

#[derive(Default)]
struct Shared {
    issuer: String,
    clients: HashMap<String, RegisteredClient>,
    used_jti: HashSet<String>,
    tokens: HashMap<String, Issued>,
    api_mode: Option<ApiMode>,
    /// Every assertion and token seen, for the "not logged" checks.
    seen_assertions: Vec<String>,
    token_requests: usize,
    ping_requests: usize,
    /// Seconds the token endpoint's `Date` header is ahead of the real clock.
    date_skew_seconds: i64,
    /// Every form and header set received, for the checks that no key material was sent.
    received: Vec<String>,
    /// What the discovery document lists (`None`: the defaults below).
    discovery_lists: Option<DiscoveryLists>,
}

/// What the stand-in's discovery document says about client authentication.
#[derive(Clone, Debug)]
pub struct DiscoveryLists {
    /// `token_endpoint_auth_methods_supported`.
    pub auth_methods: Vec<&'static str>,
    /// `token_endpoint_auth_signing_alg_values_supported`.
    pub signing_algs: Vec<&'static str>,
}

/// Both stand-ins, sharing their registry (as ACM and the API share ACM's).
#[derive(Clone)]
pub struct StandIns {
    shared: Arc<Mutex<Shared>>,
    pub acm: Arc<Server>,
    pub api: Arc<Server>,
}

impl StandIns {
    pub async fn start() -> StandIns {
        let shared = Arc::new(Mutex::new(Shared::default()));
        let acm_app = Router::new()
            .route("/op/.well-known/openid-configuration", get(discovery))
            .route("/op/v1/token", post(token))
            .with_state(shared.clone());
        let acm = Server::start(acm_app).await;
        shared.lock().unwrap().issuer = format!("{}/op", acm.url());
        let api_app = Router::new()
            .route("/health/v1/ping", get(ping))
            .route(
                "/actuator/info",
                get(|| async { Json(json!({ "build": { "version": "0.31.2-stand-in" } })) }),
            )
            .with_state(shared.clone());
        let api = Server::start(api_app).await;
        StandIns {
            shared,
            acm: Arc::new(acm),
            api: Arc::new(api),
        }
    }

    pub fn issuer(&self) -> String {
        format!("{}/op", self.acm.url())
    }

    /// The issuer ACM's stand-in names (in discovery, the introspection's `iss`, the accepted
    /// `aud`), for a stand-in reached at another address (behind a TLS front).
    pub fn set_issuer(&self, issuer: &str) {
        self.shared.lock().unwrap().issuer = issuer.to_string();
    }

    pub fn token_url(&self) -> String {
        format!("{}/op/v1/token", self.acm.url())
    }

    pub fn discovery_url(&self) -> String {
        format!("{}/op/.well-known/openid-configuration", self.acm.url())
    }

    pub fn ping_url(&self) -> String {
        format!("{}/health/v1/ping", self.api.url())
    }

    /// The API stand-in's public `actuator/info`.
    pub fn actuator_info_url(&self) -> String {
        format!("{}/actuator/info", self.api.url())
    }

    /// The relay's allowlist for these stand-ins.
    pub fn relay_targets(&self) -> Vec<String> {
        vec![
            self.token_url(),
            self.discovery_url(),
            self.ping_url(),
            self.actuator_info_url(),
        ]
    }

    /// Makes the discovery document list these methods and algorithms.
    pub fn set_discovery_lists(&self, lists: DiscoveryLists) {
        self.shared.lock().unwrap().discovery_lists = Some(lists);
    }

    pub fn register(&self, client: RegisteredClient) {
        self.shared
            .lock()
            .unwrap()
            .clients
            .insert(client.client_id.clone(), client);
    }

    /// Makes the token endpoint's clock run `seconds` ahead (its `Date` header).
    pub fn set_date_skew(&self, seconds: i64) {
        self.shared.lock().unwrap().date_skew_seconds = seconds;
    }

    pub fn set_api_mode(&self, mode: ApiMode) {
        self.shared.lock().unwrap().api_mode = Some(mode);
    }

    pub fn issued_tokens(&self) -> Vec<String> {
        self.shared.lock().unwrap().tokens.keys().cloned().collect()
    }

    pub fn seen_assertions(&self) -> Vec<String> {
        self.shared.lock().unwrap().seen_assertions.clone()
    }

    /// Everything the stand-ins received (token forms, ping headers), as one string.
    pub fn received(&self) -> String {
        self.shared.lock().unwrap().received.join("\n")
    }

    pub fn request_counts(&self) -> (usize, usize) {
        let shared = self.shared.lock().unwrap();
        (shared.token_requests, shared.ping_requests)
    }
}

async fn discovery(State(shared): State<Arc<Mutex<Shared>>>) -> Json<Value> {
    let (issuer, lists) = {
        let shared = shared.lock().unwrap();
        (shared.issuer.clone(), shared.discovery_lists.clone())
    };
    let lists = lists.unwrap_or(DiscoveryLists {
        auth_methods: vec!["private_key_jwt"],
        signing_algs: vec!["RS256", "PS256", "ES256"],
    });
    Json(json!({
        "issuer": issuer,
        "token_endpoint": format!("{issuer}/v1/token"),
        "token_endpoint_auth_methods_supported": lists.auth_methods,
        "token_endpoint_auth_signing_alg_values_supported": lists.signing_algs,
        "grant_types_supported": ["client_credentials"]
    }))
}

fn oauth_error(status: StatusCode, error: &str, description: &str) -> Response {
    (
        status,
        Json(json!({ "error": error, "error_description": description })),
    )
        .into_response()
}

fn now() -> i64 {
    Utc::now().timestamp()
}

fn opaque_token() -> String {
    let mut bytes = [0u8; 24];
    rand_core::RngCore::fill_bytes(&mut rand_core::OsRng, &mut bytes);
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

async fn token(
    State(shared): State<Arc<Mutex<Shared>>>,
    Form(form): Form<HashMap<String, String>>,
) -> Response {
    let skew = shared.lock().unwrap().date_skew_seconds;
    let mut response = token_answer(&shared, &form);
    if skew != 0 {
        let skewed =
            std::time::SystemTime::now() + std::time::Duration::from_secs(skew.unsigned_abs());
        let date = httpdate::fmt_http_date(skewed);
        response.headers_mut().insert("date", date.parse().unwrap());
    }
    response
}

fn token_answer(shared: &Mutex<Shared>, form: &HashMap<String, String>) -> Response {
    let mut shared = shared.lock().unwrap();
    shared.token_requests += 1;
    shared.received.push(format!("{form:?}"));
    let field = |name: &str| form.get(name).map(String::as_str).unwrap_or_default();
    if field("grant_type") != "client_credentials" {
        return oauth_error(
            StatusCode::BAD_REQUEST,
            "unsupported_grant_type",
            "only client_credentials",
        );
    }
    if field("client_assertion_type") != "urn:ietf:params:oauth:client-assertion-type:jwt-bearer" {
        return oauth_error(
            StatusCode::BAD_REQUEST,
            "invalid_request",
            "client_assertion_type",
        );
    }
    let assertion = field("client_assertion").to_string();
    shared.seen_assertions.push(assertion.clone());
    let client_id = field("client_id").to_string();
    let Some(client) = shared.clients.get(&client_id).cloned() else {
        return oauth_error(StatusCode::UNAUTHORIZED, "invalid_client", "unknown client");
    };
    let Ok(header) = decode_header(&assertion) else {
        return oauth_error(
            StatusCode::UNAUTHORIZED,
            "invalid_client",
            "malformed assertion",
        );
    };
    if !matches!(
        header.alg,
        Algorithm::RS256 | Algorithm::PS256 | Algorithm::ES256
    ) {
        return oauth_error(
            StatusCode::UNAUTHORIZED,
            "invalid_client",
            "algorithm not allowed",
        );
    }
    let candidates: Vec<&Value> = client
        .public_jwks
        .iter()
        .filter(|jwk| {
            header.kid.is_none() || jwk.get("kid").and_then(Value::as_str) == header.kid.as_deref()
        })
        .collect();
    let issuer = shared.issuer.clone();
    let token_url = format!("{issuer}/v1/token");
    let mut claims = None;
    for jwk in candidates {
        let Ok(jwk) = serde_json::from_value::<jsonwebtoken::jwk::Jwk>(jwk.clone()) else {
            continue;
        };
        let Ok(key) = DecodingKey::from_jwk(&jwk) else {
            continue;
        };
        let mut validation = Validation::new(header.alg);
        validation.set_audience(&[issuer.as_str(), token_url.as_str()]);
        validation.set_issuer(&[client_id.as_str()]);
        validation.set_required_spec_claims(&["exp", "iat", "iss", "sub", "aud"]);
        validation.leeway = 15;
        if let Ok(data) = decode::<Value>(&assertion, &key, &validation) {
            claims = Some(data.claims);
            break;
        }
    }
    let Some(claims) = claims else {
        return oauth_error(
            StatusCode::UNAUTHORIZED,
            "invalid_client",
            "signature, audience or expiry check failed",
        );
    };
    let (iat, exp) = (
        claims["iat"].as_i64().unwrap_or(0),
        claims["exp"].as_i64().unwrap_or(0),
    );
    if claims["sub"] != client_id.as_str() {
        return oauth_error(
            StatusCode::UNAUTHORIZED,
            "invalid_client",
            "sub must equal client_id",
        );
    }
    if iat > now() + 15 {
        return oauth_error(
            StatusCode::UNAUTHORIZED,
            "invalid_client",
            "iat in the future",
        );
    }
    if exp - iat > 600 {
        return oauth_error(
            StatusCode::UNAUTHORIZED,
            "invalid_client",
            "assertion lifetime over 600 s",
        );
    }
    let Some(jti) = claims["jti"].as_str().map(str::to_string) else {
        return oauth_error(StatusCode::UNAUTHORIZED, "invalid_client", "jti missing");
    };
    if !shared.used_jti.insert(jti) {
        return oauth_error(
            StatusCode::UNAUTHORIZED,
            "invalid_client",
            "assertion reused (jti)",
        );
    }
    let requested: Vec<String> = field("scope")
        .split_whitespace()
        .map(str::to_string)
        .collect();
    if let Some(missing) = requested.iter().find(|s| !client.scopes.contains(s)) {
        return oauth_error(
            StatusCode::BAD_REQUEST,
            "invalid_scope",
            &format!("{missing} not granted"),
        );
    }
    let access_token = opaque_token();
    let now = now();
    shared.tokens.insert(
        access_token.clone(),
        Issued {
            client_id,
            scopes: requested,
            iat: now,
            exp: now + 3600,
        },
    );
    Json(json!({ "access_token": access_token, "token_type": "Bearer", "expires_in": 3600 }))
        .into_response()
}

fn rfc3339(unix: i64) -> String {
    DateTime::<Utc>::from_timestamp(unix, 0)
        .map(|t| t.format("%Y-%m-%dT%H:%M:%SZ").to_string())
        .unwrap_or_default()
}

async fn ping(State(shared): State<Arc<Mutex<Shared>>>, headers: HeaderMap) -> Response {
    let mode = {
        let mut shared = shared.lock().unwrap();
        shared.ping_requests += 1;
        shared.received.push(format!("{headers:?}"));
        shared.api_mode.unwrap_or(ApiMode::Normal)
    };
    match mode {
        ApiMode::Hang => return std::future::pending::<Response>().await,
        ApiMode::Html500 => {
            return (
                StatusCode::INTERNAL_SERVER_ERROR,
                [("content-type", "text/html")],
                "<!DOCTYPE html><html><head><title>500 Internal Server Error</title><style>h1{}</style></head><body><h1>Internal Server Error</h1><p>The server encountered an internal error.</p></body></html>",
            )
                .into_response()
        }
        ApiMode::Redirect => {
            return (
                StatusCode::TEMPORARY_REDIRECT,
                [("location", "https://elsewhere.example/steal")],
                "",
            )
                .into_response()
        }
        ApiMode::Normal => {}
    }
    for name in ["x-correlation-id", "x-tracing-id", "x-request-id"] {
        let valid = headers
            .get(name)
            .and_then(|v| v.to_str().ok())
            .is_some_and(|v| uuid::Uuid::parse_str(v).is_ok());
        if !valid {
            return (
                StatusCode::BAD_REQUEST,
                Json(json!({ "error": format!("{name} missing or not a UUID") })),
            )
                .into_response();
        }
    }
    let bearer = headers
        .get("authorization")
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Bearer "))
        .map(str::to_string);
    let shared = shared.lock().unwrap();
    let Some(issued) = bearer.as_deref().and_then(|t| shared.tokens.get(t)) else {
        return (
            StatusCode::UNAUTHORIZED,
            Json(json!({ "error": "invalid_token" })),
        )
            .into_response();
    };
    let Some(client) = shared.clients.get(&issued.client_id) else {
        return (
            StatusCode::UNAUTHORIZED,
            Json(json!({ "error": "invalid_token" })),
        )
            .into_response();
    };
    Json(json!({
        "VoOrgcode": client.org_code,
        "scopes": issued.scopes.join(" "),
        "clientId": client.client_id,
        "token": {
            "active": issued.exp > now(),
            "iss": shared.issuer,
            "sub": client.client_id,
            "client_id": client.client_id,
            "vo_orgcode": client.org_code,
            "vo_orgnaam": client.org_name,
            "vo_applicatienaam": client.client_name,
            "token_type": "bearer",
            "aud": [],
            "scope": issued.scopes,
            "iat": rfc3339(issued.iat),
            "exp": rfc3339(issued.exp)
        }
    }))
    .into_response()
}
