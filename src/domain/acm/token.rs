//! The Client Credentials token request and what ACM answers to it.
//!
//! The access token is opaque: it is kept as a string, never decoded, and shown masked.

use serde_json::Value;

use crate::domain::checked::client_id::ClientId;
use crate::domain::checked::json::{self, JsonError};

/// `client_assertion_type` for RFC 7523 client authentication.
pub(crate) const ASSERTION_TYPE: &str = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer";

/// Largest token answer accepted (a normal one is a few hundred bytes).
pub(crate) const MAX_TOKEN_RESPONSE_BYTES: usize = 1 << 20;

/// The `application/x-www-form-urlencoded` body of the token request, with ACM's optional
/// `audience` parameter (the API's client id, `facts::Fact::TokenAudienceParameter`) when given.
pub fn token_request_form(
    client_id: &str,
    assertion: &str,
    scope: &str,
    audience: Option<&ClientId>,
) -> String {
    let mut form = form_urlencoded::Serializer::new(String::new());
    form.append_pair("grant_type", "client_credentials")
        .append_pair("client_id", client_id)
        .append_pair("client_assertion_type", ASSERTION_TYPE)
        .append_pair("client_assertion", assertion)
        .append_pair("scope", scope);
    if let Some(audience) = audience {
        form.append_pair("audience", audience.as_str());
    }
    form.finish()
}

/// The `audience` parameter a token request carries: the API's client id, when the user asked
/// for it and an id is known (published or from `config.json`). Off by default: neither the
/// onboarding text nor the API team's demo client sends it; ACM documents it as optional.
pub fn api_audience(send: bool, api_client_id: Option<&str>) -> Option<ClientId> {
    if !send {
        return None;
    }
    ClientId::parse(api_client_id?).ok()
}

/// A successful token answer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TokenGrant {
    /// The bearer token for the API.
    pub access_token: String,
    /// The token type (`Bearer`).
    pub token_type: String,
    /// Seconds until the token expires, when ACM says.
    pub expires_in: Option<u64>,
    /// The scopes granted, when ACM says.
    pub scope: Option<String>,
}

/// The RFC 6749 §5.2 error codes, plus whatever else a server sends.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum OAuthErrorCode {
    /// `invalid_client`: ACM could not authenticate the client.
    InvalidClient,
    /// `invalid_scope`.
    InvalidScope,
    /// `unauthorized_client`: the client may not use this grant.
    UnauthorizedClient,
    /// `invalid_request`.
    InvalidRequest,
    /// `invalid_grant`: the assertion was not accepted.
    InvalidGrant,
    /// `unsupported_grant_type`.
    UnsupportedGrantType,
    /// `server_error`.
    ServerError,
    /// `temporarily_unavailable`.
    TemporarilyUnavailable,
    /// Any other code.
    Other(String),
}

impl OAuthErrorCode {
    /// The code of an `error` member.
    pub fn parse(code: &str) -> OAuthErrorCode {
        match code {
            "invalid_client" => OAuthErrorCode::InvalidClient,
            "invalid_scope" => OAuthErrorCode::InvalidScope,
            "unauthorized_client" => OAuthErrorCode::UnauthorizedClient,
            "invalid_request" => OAuthErrorCode::InvalidRequest,
            "invalid_grant" => OAuthErrorCode::InvalidGrant,
            "unsupported_grant_type" => OAuthErrorCode::UnsupportedGrantType,
            "server_error" => OAuthErrorCode::ServerError,
            "temporarily_unavailable" => OAuthErrorCode::TemporarilyUnavailable,
            other => OAuthErrorCode::Other(other.to_string()),
        }
    }

    /// The code as written.
    pub fn as_str(&self) -> &str {
        match self {
            OAuthErrorCode::InvalidClient => "invalid_client",
            OAuthErrorCode::InvalidScope => "invalid_scope",
            OAuthErrorCode::UnauthorizedClient => "unauthorized_client",
            OAuthErrorCode::InvalidRequest => "invalid_request",
            OAuthErrorCode::InvalidGrant => "invalid_grant",
            OAuthErrorCode::UnsupportedGrantType => "unsupported_grant_type",
            OAuthErrorCode::ServerError => "server_error",
            OAuthErrorCode::TemporarilyUnavailable => "temporarily_unavailable",
            OAuthErrorCode::Other(code) => code,
        }
    }

    /// The likely causes, most likely first, for the UI to explain.
    pub fn likely_causes(&self) -> &'static [TokenFailureCause] {
        use TokenFailureCause::{
            AssertionExpired, AssertionReused, ClientIdTypo, ClientNotApproved, ClockSkew,
            GrantNotAllowed, KeyNotRegistered, KidOrAlgMismatch, MalformedRequest, RelayAltersBody,
            ScopeNotGranted, ScopeOfOtherBrand, ServerTrouble, WrongAudience,
        };
        match self {
            OAuthErrorCode::InvalidClient => &[
                KeyNotRegistered,
                ClientNotApproved,
                KidOrAlgMismatch,
                WrongAudience,
                AssertionExpired,
                AssertionReused,
                ClockSkew,
                ClientIdTypo,
            ],
            OAuthErrorCode::InvalidScope => &[ScopeNotGranted, ScopeOfOtherBrand],
            OAuthErrorCode::UnauthorizedClient => &[GrantNotAllowed, ClientNotApproved],
            OAuthErrorCode::InvalidRequest => &[MalformedRequest, RelayAltersBody],
            OAuthErrorCode::InvalidGrant => &[AssertionExpired, AssertionReused, ClockSkew],
            OAuthErrorCode::UnsupportedGrantType => &[GrantNotAllowed],
            OAuthErrorCode::ServerError | OAuthErrorCode::TemporarilyUnavailable => {
                &[ServerTrouble]
            }
            OAuthErrorCode::Other(_) => &[],
        }
    }
}

/// A cause of a failed token request, with a fix the UI spells out.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TokenFailureCause {
    /// The public key is not registered, or another one is.
    KeyNotRegistered,
    /// The client is not approved yet.
    ClientNotApproved,
    /// The assertion's `kid` or `alg` does not fit the registered key.
    KidOrAlgMismatch,
    /// The wrong `aud`.
    WrongAudience,
    /// The assertion had expired.
    AssertionExpired,
    /// The `jti` was used before.
    AssertionReused,
    /// This computer's clock is off.
    ClockSkew,
    /// A typo in the client id.
    ClientIdTypo,
    /// The role scope is not granted.
    ScopeNotGranted,
    /// The scope may be under the other API name.
    ScopeOfOtherBrand,
    /// The client may not use the Client Credentials Grant.
    GrantNotAllowed,
    /// The request was malformed.
    MalformedRequest,
    /// The relay may alter the body.
    RelayAltersBody,
    /// Trouble at ACM.
    ServerTrouble,
}

/// An RFC 6749 error answer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OAuthError {
    /// The `error` member.
    pub code: OAuthErrorCode,
    /// `error_description`, if any.
    pub description: Option<String>,
    /// `error_uri`, if any.
    pub uri: Option<String>,
}

/// What a token answer was.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TokenAnswer {
    /// A token.
    Granted(TokenGrant),
    /// An OAuth error (RFC 6749 §5.2).
    Refused {
        /// The HTTP status.
        status: u16,
        /// The error.
        error: OAuthError,
    },
}

/// Why a token answer could not be understood.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum TokenAnswerError {
    /// Not JSON (an HTML error page, say) or not the shape of either answer.
    NotJson(JsonError),
    /// A 2xx JSON answer without an `access_token`.
    MissingAccessToken,
    /// An `access_token` that is not an RFC 6750 `b64token` (it could not travel in an
    /// `Authorization: Bearer` header: a newline, a space, a quote, …).
    MalformedAccessToken,
    /// An error status with JSON that is not an RFC 6749 error.
    UnexpectedError {
        /// The HTTP status.
        status: u16,
    },
}

/// Interprets a token endpoint answer by status and body.
pub fn parse_token_answer(status: u16, body: &str) -> Result<TokenAnswer, TokenAnswerError> {
    let object =
        json::parse_object(body, MAX_TOKEN_RESPONSE_BYTES).map_err(TokenAnswerError::NotJson)?;
    if let Some(Value::String(code)) = object.get("error") {
        return Ok(TokenAnswer::Refused {
            status,
            error: OAuthError {
                code: OAuthErrorCode::parse(code),
                description: object
                    .get("error_description")
                    .and_then(Value::as_str)
                    .map(str::to_string),
                uri: object
                    .get("error_uri")
                    .and_then(Value::as_str)
                    .map(str::to_string),
            },
        });
    }
    if !(200..300).contains(&status) {
        return Err(TokenAnswerError::UnexpectedError { status });
    }
    let Some(Value::String(access_token)) = object.get("access_token") else {
        return Err(TokenAnswerError::MissingAccessToken);
    };
    if !is_bearer_token(access_token) {
        return Err(TokenAnswerError::MalformedAccessToken);
    }
    Ok(TokenAnswer::Granted(TokenGrant {
        access_token: access_token.clone(),
        token_type: object
            .get("token_type")
            .and_then(Value::as_str)
            .unwrap_or("Bearer")
            .to_string(),
        expires_in: object.get("expires_in").and_then(|v| {
            v.as_u64()
                .or_else(|| v.as_str().and_then(|s| s.trim().parse().ok()))
        }),
        scope: object
            .get("scope")
            .and_then(Value::as_str)
            .map(str::to_string),
    }))
}

/// Whether `token` is an RFC 6750 §2.1 `b64token`: `1*( ALPHA / DIGIT / "-" / "." / "_" /
/// "~" / "+" / "/" ) *"="`, so it can go into an `Authorization: Bearer` header as it is.
pub(crate) fn is_bearer_token(token: &str) -> bool {
    let body = token.trim_end_matches('=');
    !body.is_empty()
        && body.bytes().all(|b| {
            b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~' | b'+' | b'/')
        })
}

/// A token shown with only its first and last four characters, for the screen and screenshots.
pub fn mask_token(token: &str) -> String {
    let chars: Vec<char> = token.chars().collect();
    if chars.len() <= 12 {
        return "•".repeat(chars.len().max(8));
    }
    let head: String = chars[..4].iter().collect();
    let tail: String = chars[chars.len() - 4..].iter().collect();
    format!("{head}{}{tail}", "•".repeat(12))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn form_is_urlencoded_with_every_field() {
        let form = token_request_form("abc-123", "x.y.z", "vo_info dao_depzorg", None);
        let pairs: Vec<(String, String)> = form_urlencoded::parse(form.as_bytes())
            .into_owned()
            .collect();
        assert_eq!(
            pairs,
            vec![
                ("grant_type".into(), "client_credentials".into()),
                ("client_id".into(), "abc-123".into()),
                ("client_assertion_type".into(), ASSERTION_TYPE.into()),
                ("client_assertion".into(), "x.y.z".into()),
                ("scope".into(), "vo_info dao_depzorg".into()),
            ]
        );
        assert!(form.contains("scope=vo_info+dao_depzorg"));
        assert!(form.contains("urn%3Aietf%3Aparams%3Aoauth"));
        assert!(!form.contains("audience"));
    }

    #[test]
    fn the_api_audience_is_sent_only_when_asked_and_known() {
        const API: &str = "b3f43c85-53a5-443d-838c-7c2d0359897b";
        let audience = api_audience(true, Some(API));
        assert_eq!(audience.as_ref().map(ClientId::as_str), Some(API));
        let form = token_request_form("abc-123", "x.y.z", "vo_info", audience.as_ref());
        let pairs: Vec<(String, String)> = form_urlencoded::parse(form.as_bytes())
            .into_owned()
            .collect();
        assert_eq!(pairs.last(), Some(&("audience".into(), API.into())));
        assert_eq!(pairs.len(), 6);
        // Off by default, and nothing to send without a known id (or with a broken one).
        assert_eq!(api_audience(false, Some(API)), None);
        assert_eq!(api_audience(true, None), None);
        assert_eq!(api_audience(true, Some("")), None);
        assert_eq!(api_audience(true, Some("a b")), None);
    }

    #[test]
    fn granted() {
        let answer = parse_token_answer(
            200,
            r#"{"access_token":"opaque-123","token_type":"Bearer","expires_in":3600}"#,
        );
        assert_eq!(
            answer,
            Ok(TokenAnswer::Granted(TokenGrant {
                access_token: "opaque-123".into(),
                token_type: "Bearer".into(),
                expires_in: Some(3600),
                scope: None,
            }))
        );
    }

    #[test]
    fn expires_in_as_string() {
        let Ok(TokenAnswer::Granted(grant)) =
            parse_token_answer(200, r#"{"access_token":"t","expires_in":"60"}"#)
        else {
            panic!("expected a grant");
        };
        assert_eq!(grant.expires_in, Some(60));
        assert_eq!(grant.token_type, "Bearer");
    }

    #[test]
    fn refused_with_rfc6749_error() {
        let answer = parse_token_answer(
            401,
            r#"{"error":"invalid_client","error_description":"Client authentication failed"}"#,
        );
        let Ok(TokenAnswer::Refused { status, error }) = answer else {
            panic!("expected a refusal, got {answer:?}");
        };
        assert_eq!(status, 401);
        assert_eq!(error.code, OAuthErrorCode::InvalidClient);
        assert_eq!(
            error.description.as_deref(),
            Some("Client authentication failed")
        );
        assert!(error
            .code
            .likely_causes()
            .contains(&TokenFailureCause::KeyNotRegistered));
    }

    #[test]
    fn every_documented_code_round_trips_and_has_causes() {
        for code in [
            "invalid_client",
            "invalid_scope",
            "unauthorized_client",
            "invalid_request",
            "invalid_grant",
            "unsupported_grant_type",
            "server_error",
            "temporarily_unavailable",
        ] {
            let parsed = OAuthErrorCode::parse(code);
            assert_eq!(parsed.as_str(), code);
            assert!(!parsed.likely_causes().is_empty(), "{code}");
        }
        assert_eq!(
            OAuthErrorCode::parse("weird"),
            OAuthErrorCode::Other("weird".into())
        );
    }

    #[test]
    fn html_error_page_is_not_json() {
        let answer = parse_token_answer(502, "<html><body>Bad Gateway</body></html>");
        assert!(
            matches!(answer, Err(TokenAnswerError::NotJson(_))),
            "{answer:?}"
        );
    }

    #[test]
    fn success_status_without_token() {
        assert_eq!(
            parse_token_answer(200, r#"{"token_type":"Bearer"}"#),
            Err(TokenAnswerError::MissingAccessToken)
        );
        assert_eq!(
            parse_token_answer(500, r#"{"message":"boom"}"#),
            Err(TokenAnswerError::UnexpectedError { status: 500 })
        );
    }

    #[test]
    fn only_an_rfc6750_token_becomes_a_grant() {
        for good in ["abc", "a.b-c_d~e+f/g==", "2YotnFZFEjr1zCsicMWpAA"] {
            assert!(is_bearer_token(good), "{good}");
        }
        for bad in ["", "==", "a b", "a\nb", "a\"b", "tok=en", "é"] {
            assert!(!is_bearer_token(bad), "{bad:?}");
        }
        let newline = r#"{"access_token":"abc\r\nX-Evil: 1","token_type":"Bearer"}"#;
        assert_eq!(
            parse_token_answer(200, newline),
            Err(TokenAnswerError::MalformedAccessToken)
        );
    }

    #[test]
    fn masking_keeps_only_the_ends() {
        let masked = mask_token("abcdefghijklmnopqrstuvwxyz");
        assert!(masked.starts_with("abcd") && masked.ends_with("wxyz"));
        assert!(!masked.contains("mnop"));
        assert_eq!(mask_token("short"), "••••••••");
    }
}
