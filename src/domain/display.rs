//! Plain-English `Display` for the domain's errors, for tools, logs and examples (the page words
//! them in the user's language through `i18n::messages`). Like the page's messages, none
//! repeats input that may be key material: positions and field names only, never snippets.

use std::error::Error;
use std::fmt::{self, Display, Formatter};

use crate::domain::acm::assertion::SignError;

use crate::domain::checked::client_id::ClientIdError;

use crate::domain::acm::exchange::{ExchangeFailure, RelayError};
use crate::domain::acm::key::{KeyImportError, PemProblem, RegisteredKeyError, ValueProblem};
use crate::domain::acm::token::TokenAnswerError;
use crate::domain::checked::json::JsonError;
use crate::domain::checked::lifetime::LifetimeError;
use crate::domain::checked::organisation::{OrgCodeError, OrgNameError};
use crate::domain::checked::url::UrlError;
use crate::domain::facts::config::ConfigError;
use crate::domain::runnable::relay_nginx::RelayConfigError;

impl Display for JsonError {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        match self {
            JsonError::Empty => f.write_str("empty input"),
            JsonError::TooLarge { bytes, max } => write!(f, "{bytes} bytes, more than {max}"),
            JsonError::NotUtf8 { byte_offset } => write!(f, "not UTF-8 at byte {byte_offset}"),
            JsonError::TooDeep { max, at } => write!(
                f,
                "nested deeper than {max} at line {}, column {}",
                at.line, at.column
            ),
            JsonError::Truncated { at } => {
                write!(f, "ends early at line {}, column {}", at.line, at.column)
            }
            JsonError::TrailingCharacters { at } => write!(
                f,
                "text after the JSON value at line {}, column {}",
                at.line, at.column
            ),
            JsonError::Syntax { at, .. } => {
                write!(f, "invalid JSON at line {}, column {}", at.line, at.column)
            }
            JsonError::NotAnObject { found } => write!(f, "a JSON {found:?}, not an object"),
        }
    }
}

impl Display for UrlError {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            UrlError::Empty => "no URL",
            UrlError::Scheme => "not an http or https URL",
            UrlError::ContainsWhiteSpace => "white space in the URL",
            UrlError::NoHost => "no host in the URL",
            UrlError::QueryOrFragment => "a query or fragment where none belongs",
            UrlError::TooLong { .. } => "longer than 2048 bytes",
            UrlError::ControlCharacter => "a control character in the URL",
            UrlError::NotAscii => "a character beyond ASCII in the URL (percent-encode it)",
            UrlError::InvalidCharacter => "a character RFC 3986 does not allow in a URL",
            UrlError::UserInfo => "a user name or password before the host",
            UrlError::Fragment => "a #fragment in the URL",
            UrlError::PlainHttp => "plain http to a host that is not this machine",
        })
    }
}

impl Display for ConfigError {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        match self {
            ConfigError::Json(err) => write!(f, "config.json: {err}"),
            ConfigError::UnknownField { path } => write!(f, "config.json: unknown field {path}"),
            ConfigError::WrongType { path, expected } => {
                write!(f, "config.json: {path} must be {expected}")
            }
            ConfigError::UnknownEnvironment { path } => {
                write!(f, "config.json: unknown environment {path}")
            }
            ConfigError::UnknownBrand { path, value } => {
                write!(f, "config.json: {path} is {value:?}, not DAO or eLys")
            }
            ConfigError::BadUrl { path, problem } => write!(f, "config.json: {path}: {problem}"),
            ConfigError::BadClientId { path } => {
                write!(
                    f,
                    "config.json: {path} is not a client id (printable ASCII, no spaces)"
                )
            }
            ConfigError::BadEmail { path } => {
                write!(f, "config.json: {path} is not an e-mail address")
            }
        }
    }
}

impl Display for RelayError {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        write!(f, "the relay answered {}", self.code())
    }
}

impl Display for ExchangeFailure {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        match self {
            ExchangeFailure::InvalidUrl { field, problem } => write!(f, "{field}: {problem}"),
            ExchangeFailure::Unreachable { via_relay: true } => {
                f.write_str("the relay could not be reached (or sent no CORS headers)")
            }
            ExchangeFailure::Unreachable { via_relay: false } => {
                f.write_str("the server could not be reached (or sent no CORS headers)")
            }
            ExchangeFailure::Timeout { seconds } => write!(f, "no answer within {seconds} s"),
            ExchangeFailure::Cancelled => f.write_str("cancelled"),
            ExchangeFailure::RelayRefused { error } => write!(f, "{error}"),
            ExchangeFailure::TooLarge { bytes, max } => {
                write!(f, "an answer of {bytes} bytes or more, over {max}")
            }
            ExchangeFailure::HttpError { status, .. } => write!(f, "HTTP {status}"),
            ExchangeFailure::NotJson { status, .. } => write!(f, "HTTP {status} without JSON"),
        }
    }
}

impl Display for OrgNameError {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        match self {
            OrgNameError::Empty => f.write_str("no organisation name"),
            OrgNameError::TooLong { chars, max } => {
                write!(f, "{chars} characters, more than {max}")
            }
            OrgNameError::ControlCharacter {
                position,
                code_point,
            } => write!(f, "control character U+{code_point:04X} at {position}"),
        }
    }
}

impl Display for OrgCodeError {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        match self {
            OrgCodeError::Empty => f.write_str("no organisation code"),
            OrgCodeError::InvalidCharacter { ch } => write!(f, "{ch:?} in an organisation code"),
            OrgCodeError::KboWrongLength { digits } => {
                write!(f, "a KBO number has 10 digits, not {digits}")
            }
            OrgCodeError::KboWrongCheckDigits { expected, found } => {
                write!(f, "KBO check digits {found}, expected {expected}")
            }
            OrgCodeError::OvoWrongFormat => f.write_str("an OVO code is OVO and 6 digits"),
            OrgCodeError::KboEstablishmentUnit => {
                f.write_str("an establishment unit's number, not an enterprise number")
            }
        }
    }
}

impl Display for RelayConfigError {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        match self {
            RelayConfigError::BadOrigin { origin } => {
                write!(f, "{origin:?} is not an origin (scheme://host[:port])")
            }
            RelayConfigError::BadTarget { target } => write!(f, "{target:?} is not a target URL"),
            RelayConfigError::TargetWithQuery { target } => {
                write!(f, "{target:?} has a query or fragment")
            }
            RelayConfigError::BadListen { listen } => write!(f, "{listen:?} is not host:port"),
            RelayConfigError::ResolverNeeded => {
                f.write_str("targets with host names need a --resolver")
            }
            RelayConfigError::UnsafeCharacter { value } => {
                write!(
                    f,
                    "{value:?} holds a character that would break the nginx file"
                )
            }
            RelayConfigError::BadRealIpFrom { value } => write!(
                f,
                "{value:?} is not an IP address or network (10.0.0.1, 10.0.0.0/8, ::1)"
            ),
            RelayConfigError::Template(err) => write!(f, "{err}"),
        }
    }
}

impl Display for TokenAnswerError {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        match self {
            TokenAnswerError::NotJson(err) => write!(f, "the token answer is not JSON: {err}"),
            TokenAnswerError::MissingAccessToken => f.write_str("no access_token in the answer"),
            TokenAnswerError::MalformedAccessToken => {
                f.write_str("the access_token is not an RFC 6750 bearer token")
            }
            TokenAnswerError::UnexpectedError { status } => {
                write!(f, "HTTP {status} without an OAuth error code")
            }
        }
    }
}

impl Display for ClientIdError {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        match self {
            ClientIdError::Empty => f.write_str("no client id"),
            ClientIdError::ContainsWhiteSpace => f.write_str("white space in the client id"),
            ClientIdError::ContainsControlCharacter => {
                f.write_str("a control character in the client id")
            }
            ClientIdError::NotAscii => {
                f.write_str("a character beyond printable ASCII in the client id")
            }
            ClientIdError::TooLong { chars, max } => {
                write!(f, "{chars} characters, more than {max}")
            }
        }
    }
}

impl Display for LifetimeError {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        match self {
            LifetimeError::NotANumber => f.write_str("the lifetime is not a whole number"),
            LifetimeError::NotPositive => f.write_str("the lifetime must be positive"),
            LifetimeError::TooLong { seconds, max } => {
                write!(f, "{seconds} s, longer than {max} s")
            }
        }
    }
}

impl Display for SignError {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        match self {
            SignError::AlgorithmDoesNotFitKey { alg, key } => {
                write!(f, "{} does not fit a {key:?} key", alg.name())
            }
            SignError::Encoding { detail } => write!(f, "encoding failed: {detail}"),
            SignError::SignatureLength { expected, found } => {
                write!(f, "a signature of {found} bytes, expected {expected}")
            }
        }
    }
}

impl Display for ValueProblem {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        match self {
            ValueProblem::Zero => f.write_str("is zero"),
            ValueProblem::NotBelow { bound } => write!(f, "is not below {bound}"),
            ValueProblem::NotOdd => f.write_str("is even or too small"),
            ValueProblem::WrongLength { expected, found } => {
                write!(f, "is {found} bytes, not {expected}")
            }
        }
    }
}

impl Display for PemProblem {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            PemProblem::BeginLineIncomplete => "the BEGIN line does not end in dashes",
            PemProblem::NoEndLine => "no matching END line",
            PemProblem::HeaderLines => "header lines are not supported",
            PemProblem::EmptyBody => "nothing between BEGIN and END",
            PemProblem::BadBase64 => "the body is not base64",
        })
    }
}

impl Display for KeyImportError {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        match self {
            KeyImportError::Empty => f.write_str("no key text"),
            KeyImportError::TooLarge { bytes, max } => write!(f, "{bytes} bytes, more than {max}"),
            KeyImportError::Json(err) => write!(f, "not valid JSON: {err}"),
            KeyImportError::NotAJwk => f.write_str("JSON, but not a JWK or JWKS"),
            KeyImportError::PemInJsonString => f.write_str("a PEM key inside a JSON string"),
            KeyImportError::Unrecognised => f.write_str("neither JWK nor PEM"),
            KeyImportError::PublicKeyOnly => f.write_str("a public key, not a private key"),
            KeyImportError::Certificate => f.write_str("a certificate, not a private key"),
            KeyImportError::EncryptedPem => f.write_str("a password-protected key"),
            KeyImportError::OpenSshKey => f.write_str("an OpenSSH key (convert it to PKCS#8)"),
            KeyImportError::UnsupportedKeyType { description } => {
                write!(f, "unsupported key type {description}")
            }
            KeyImportError::RsaTooSmall { bits } => write!(f, "RSA {bits} bits, fewer than 2048"),
            KeyImportError::RsaTooLarge { bits } => write!(f, "RSA {bits} bits, more than 4096"),
            KeyImportError::MissingField { field } => write!(f, "the JWK lacks {field}"),
            KeyImportError::BadBase64 { field } => write!(f, "the JWK's {field} is not base64url"),
            KeyImportError::InvalidValue { field, problem } => write!(f, "{field} {problem}"),
            KeyImportError::RsaCrtMissing { field } => {
                write!(
                    f,
                    "the RSA JWK lacks {field} (WebCrypto needs a complete key)"
                )
            }
            KeyImportError::EcPublicKeyMissing => {
                f.write_str("the EC key file has no public point")
            }
            KeyImportError::JwksEmpty => f.write_str("the JWKS holds no keys"),
            KeyImportError::JwksTooLarge { count, max } => {
                write!(f, "the JWKS holds {count} keys, more than {max}")
            }
            KeyImportError::JwksWithoutPrivateKey => f.write_str("the JWKS holds no private key"),
            KeyImportError::SeveralPrivateKeys { candidates } => {
                write!(f, "{} private keys: choose one", candidates.len())
            }
            KeyImportError::SeveralPublicKeys { count } => write!(f, "{count} keys, not one"),
            KeyImportError::JwksIndexOutOfRange { index } => write!(f, "no key at index {index}"),
            KeyImportError::BadPem { problem } => write!(f, "damaged PEM: {problem}"),
            KeyImportError::UnknownPemLabel { label } => write!(f, "PEM label {label:?}"),
            KeyImportError::SeveralPemKeys { count } => {
                write!(f, "{count} private keys in one PEM")
            }
            KeyImportError::DerInvalid { detail } => write!(f, "invalid DER: {detail}"),
            KeyImportError::RefusedByKeyStore => {
                f.write_str("the browser's key store refused the key")
            }
        }
    }
}

impl Display for RegisteredKeyError {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        match self {
            RegisteredKeyError::Json(err) => write!(f, "not valid JSON: {err}"),
            RegisteredKeyError::NotAJwk => f.write_str("not a JWK or JWKS"),
            RegisteredKeyError::JwksEmpty => f.write_str("the JWKS holds no keys"),
            RegisteredKeyError::UnusableKid { index } => write!(
                f,
                "key {} has a kid that is not printable ASCII of at most 200 characters",
                index + 1
            ),
        }
    }
}

impl Error for JsonError {}
impl Error for UrlError {}
impl Error for ConfigError {}
impl Error for RelayError {}
impl Error for ExchangeFailure {}
impl Error for OrgNameError {}
impl Error for OrgCodeError {}
impl Error for RelayConfigError {}
impl Error for TokenAnswerError {}
impl Error for ClientIdError {}
impl Error for LifetimeError {}
impl Error for SignError {}
impl Error for KeyImportError {}
impl Error for RegisteredKeyError {}

impl Display for crate::domain::templates::engine::TemplateError {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        use crate::domain::templates::engine::{EncodeProblem, TemplateError};
        match self {
            TemplateError::UnknownSlot { name } => {
                write!(f, "the template names an unknown slot {name}")
            }
            TemplateError::UnclosedSlot { offset } => {
                write!(f, "the template has an unclosed slot at byte {offset}")
            }
            TemplateError::NotLoaded => f.write_str("the template's text is not loaded yet"),
            TemplateError::Unencodable {
                slot,
                syntax,
                problem,
            } => {
                let problem = match problem {
                    EncodeProblem::Nul => "a NUL character",
                    EncodeProblem::UnsafeCharacter => "a character with a meaning there",
                    EncodeProblem::KindNotSupported => "a kind of value that has no place there",
                    EncodeProblem::Empty => "nothing",
                };
                write!(f, "the value for {slot} holds {problem} ({syntax:?})")
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::acm::key;

    #[test]
    fn messages_are_plain_and_repeat_no_input() {
        // A key whose BEGIN line lost its dashes: the message names the problem, not the body.
        let body = "MIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSjAgEAAoIBAQ";
        let err = key::import(&format!(
            "-----BEGIN PRIVATE KEY\n{body}\n-----END PRIVATE KEY-----"
        ))
        .unwrap_err();
        let text = err.to_string();
        assert_eq!(text, "damaged PEM: the BEGIN line does not end in dashes");
        assert!(!text.contains(body));
        // A JSON error gives the position, never the snippet around it.
        let json_err = key::import("{\"d\": \"secretsecretsecret\" x}").unwrap_err();
        assert!(!json_err.to_string().contains("secret"), "{json_err}");
        assert_eq!(
            RelayConfigError::ResolverNeeded.to_string(),
            "targets with host names need a --resolver"
        );
        assert_eq!(
            RelayError::RateLimited.to_string(),
            "the relay answered rate_limited"
        );
    }
}
