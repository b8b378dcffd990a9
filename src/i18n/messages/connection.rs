//! Part of `messages`: Texts of step 5: URL errors, what an exchange's failure was, ACM's OAuth errors, the token answer, clock skew and the relay check.

use super::{msg, Lang, T};
use crate::domain::acm::exchange::{BodyKind, ExchangeFailure, RelayCheck, RelayError};
use crate::domain::acm::token::{OAuthError, OAuthErrorCode, TokenAnswerError, TokenFailureCause};
use crate::domain::checked::url::UrlError;
use crate::domain::runnable::backend_code::Unwritable;

use super::json::{bytes, json_error};
use super::owned;

/// What stands instead of a program or command that cannot be written: a shell comment, so
/// that even pasted into a terminal it runs nothing.
pub fn unwritable(lang: Lang, err: &Unwritable) -> String {
    let reason = match err {
        Unwritable::Endpoint { field, problem } => msg::UnwritableEndpoint {
            field: &field.testid(),
            problem: &url_error(lang, problem),
        }
        .text(lang),
        Unwritable::Template(err) => msg::UnwritableTemplate {
            problem: &err.to_string(),
        }
        .text(lang),
    };
    format!("# {}", reason.replace('\n', " "))
}

pub fn url_error(lang: Lang, err: &UrlError) -> String {
    match err {
        UrlError::Empty => owned(lang, T::UrlErrorEmpty),
        UrlError::Scheme => owned(lang, T::UrlErrorScheme),
        UrlError::ContainsWhiteSpace => owned(lang, T::UrlErrorContainsWhiteSpace),
        UrlError::NoHost => owned(lang, T::UrlErrorNoHost),
        UrlError::QueryOrFragment => owned(lang, T::UrlErrorQueryOrFragment),
        UrlError::TooLong { bytes, max } => msg::UrlErrorTooLong { bytes, max }.text(lang),
        UrlError::ControlCharacter => owned(lang, T::UrlErrorControlCharacter),
        UrlError::NotAscii => owned(lang, T::UrlErrorNotAscii),
        UrlError::InvalidCharacter => owned(lang, T::UrlErrorInvalidCharacter),
        UrlError::UserInfo => owned(lang, T::UrlErrorUserInfo),
        UrlError::Fragment => owned(lang, T::UrlErrorFragment),
        UrlError::PlainHttp => owned(lang, T::UrlErrorPlainHttp),
    }
}

fn body_excerpt(lang: Lang, body: &BodyKind) -> String {
    match body {
        BodyKind::Empty => owned(lang, T::BodyExcerptEmpty),
        BodyKind::Json => owned(lang, T::BodyExcerptJson),
        BodyKind::Html { first_lines } => msg::BodyExcerptHtml {
            first_lines: &first_lines,
        }
        .text(lang),
        BodyKind::Text { first_lines } => first_lines.clone(),
    }
}

/// What the reference relay said, and what to do.
fn relay_error(lang: Lang, error: &RelayError) -> String {
    let code = error.code();
    match error {
        RelayError::OriginNotAllowed => msg::RelayErrorOriginNotAllowed { code: &code }.text(lang),
        RelayError::TargetNotAllowed => msg::RelayErrorTargetNotAllowed { code: &code }.text(lang),
        RelayError::MethodNotAllowed => msg::RelayErrorMethodNotAllowed { code: &code }.text(lang),
        RelayError::RateLimited => msg::RelayErrorRateLimited { code: &code }.text(lang),
        RelayError::UpstreamRedirect => msg::RelayErrorUpstreamRedirect { code: &code }.text(lang),
        RelayError::UpstreamFailed => msg::RelayErrorUpstreamFailed { code: &code }.text(lang),
        RelayError::UpstreamTimeout => msg::RelayErrorUpstreamTimeout { code: &code }.text(lang),
        RelayError::Other(_) => msg::RelayErrorOther { code: &code }.text(lang),
    }
}

pub fn exchange_failure(lang: Lang, failure: &ExchangeFailure) -> String {
    match failure {
        ExchangeFailure::InvalidUrl { field, problem } => {
            let problem = url_error(lang, problem);
            msg::ExchangeFailureInvalidUrl {
                field: &field,
                problem: &problem,
            }
            .text(lang)
        }
        ExchangeFailure::Unreachable { via_relay: true } => {
            owned(lang, T::ExchangeFailureRelayUnreachable)
        }
        ExchangeFailure::Unreachable { via_relay: false } => {
            owned(lang, T::ExchangeFailureServerUnreachable)
        }
        ExchangeFailure::Timeout { seconds } => {
            msg::ExchangeFailureTimeout { seconds: &seconds }.text(lang)
        }
        ExchangeFailure::Cancelled => owned(lang, T::ExchangeFailureCancelled),
        ExchangeFailure::RelayRefused { error } => relay_error(lang, error),
        ExchangeFailure::TooLarge { bytes: size, max } => {
            let (size, max) = (bytes(*size), bytes(*max));
            msg::ExchangeFailureTooLarge {
                max: &max,
                size: &size,
            }
            .text(lang)
        }
        ExchangeFailure::HttpError { status, body } => {
            let excerpt = body_excerpt(lang, body);
            let hint = match status {
                401 | 403 => owned(lang, T::ExchangeFailureHttpDenied),
                404 => owned(lang, T::ExchangeFailureHttpNotFound),
                502..=504 => owned(lang, T::ExchangeFailureHttpBadGateway),
                500..=599 => owned(lang, T::ExchangeFailureHttpServerError),
                _ => String::new(),
            };
            msg::ExchangeFailureHttp {
                excerpt: &excerpt,
                hint: &hint,
                status: &status,
            }
            .text(lang)
        }
        ExchangeFailure::NotJson { status, body } => {
            let excerpt = body_excerpt(lang, body);
            msg::ExchangeFailureNotJson {
                excerpt: &excerpt,
                status: &status,
            }
            .text(lang)
        }
    }
}

pub fn oauth_cause(lang: Lang, cause: TokenFailureCause) -> String {
    use TokenFailureCause::{
        AssertionExpired, AssertionReused, ClientIdTypo, ClientNotApproved, ClockSkew,
        GrantNotAllowed, KeyNotRegistered, KidOrAlgMismatch, MalformedRequest, RelayAltersBody,
        ScopeNotGranted, ScopeOfOtherBrand, ServerTrouble, WrongAudience,
    };
    match cause {
        KeyNotRegistered => owned(lang, T::OauthCauseKeyNotRegistered),
        ClientNotApproved => owned(lang, T::OauthCauseNotApproved),
        KidOrAlgMismatch => owned(lang, T::OauthCauseKidOrAlg),
        WrongAudience => owned(lang, T::OauthCauseWrongAud),
        AssertionExpired => owned(lang, T::OauthCauseExpired),
        AssertionReused => owned(lang, T::OauthCauseJtiReused),
        ClockSkew => owned(lang, T::OauthCauseClock),
        ClientIdTypo => owned(lang, T::OauthCauseClientIdTypo),
        ScopeNotGranted => owned(lang, T::OauthCauseScopeNotGranted),
        ScopeOfOtherBrand => owned(lang, T::OauthCauseScopeOtherName),
        GrantNotAllowed => owned(lang, T::OauthCauseGrantNotAllowed),
        MalformedRequest => owned(lang, T::OauthCauseMalformed),
        RelayAltersBody => owned(lang, T::OauthCauseRelayAltersBody),
        ServerTrouble => owned(lang, T::OauthCauseTemporary),
    }
}

pub fn oauth_error(lang: Lang, status: u16, error: &OAuthError) -> String {
    let code = error.code.as_str();
    let description = error
        .description
        .as_deref()
        .map(|d| format!(" ({d})"))
        .unwrap_or_default();
    let meaning = match error.code {
        OAuthErrorCode::InvalidClient => owned(lang, T::OauthErrorInvalidClient),
        OAuthErrorCode::InvalidScope => owned(lang, T::OauthErrorInvalidScope),
        OAuthErrorCode::UnauthorizedClient => owned(lang, T::OauthErrorUnauthorizedClient),
        OAuthErrorCode::InvalidRequest => owned(lang, T::OauthErrorInvalidRequest),
        OAuthErrorCode::InvalidGrant => owned(lang, T::OauthErrorInvalidGrant),
        OAuthErrorCode::UnsupportedGrantType => owned(lang, T::OauthErrorUnsupportedGrantType),
        OAuthErrorCode::ServerError | OAuthErrorCode::TemporarilyUnavailable => {
            owned(lang, T::OauthErrorServerError)
        }
        OAuthErrorCode::Other(_) => owned(lang, T::OauthErrorOther),
    };
    format!("HTTP {status}: {code}{description}. {meaning}")
}

pub fn token_answer_error(lang: Lang, err: &TokenAnswerError) -> String {
    match err {
        TokenAnswerError::NotJson(json) => {
            let detail = json_error(lang, json);
            msg::TokenAnswerErrorNotJson { detail: &detail }.text(lang)
        }
        TokenAnswerError::MissingAccessToken => owned(lang, T::TokenAnswerErrorMissingAccessToken),
        TokenAnswerError::MalformedAccessToken => {
            owned(lang, T::TokenAnswerErrorMalformedAccessToken)
        }
        TokenAnswerError::UnexpectedError { status } => {
            msg::TokenAnswerErrorUnexpectedError { status: &status }.text(lang)
        }
    }
}

pub fn clock_skew(lang: Lang, skew_seconds: i64) -> String {
    let (amount, ahead) = (skew_seconds.abs(), skew_seconds > 0);
    if ahead {
        msg::ClockSkewServerAhead { amount: &amount }.text(lang)
    } else {
        msg::ClockSkewComputerAhead { amount: &amount }.text(lang)
    }
}

/// A duration in whole milliseconds (the same in both languages).
pub fn duration(millis: f64) -> String {
    format!("{} ms", millis.round() as i64)
}

/// What the relay check found, in words (`RelayCheck::is_ok` says whether all is well).
pub fn relay_check(lang: Lang, status: u16, check: &RelayCheck, token_field: &str) -> String {
    let reached = msg::RelayCheckReached { status: &status }.text(lang);
    match check {
        RelayCheck::Unreadable(err) => {
            let detail = json_error(lang, err);
            msg::RelayCheckUnreadable {
                detail: &detail,
                reached: &reached,
            }
            .text(lang)
        }
        RelayCheck::NoTokenEndpoint => {
            msg::RelayCheckNoTokenEndpoint { reached: &reached }.text(lang)
        }
        RelayCheck::Matches { found } => msg::RelayCheckMatches {
            found: &found,
            reached: &reached,
        }
        .text(lang),
        RelayCheck::Differs { found } => msg::RelayCheckDiffers {
            found: &found,
            reached: &reached,
            token_field: &token_field,
        }
        .text(lang),
    }
}
