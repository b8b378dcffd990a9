//! Part of `messages`: Texts of step 2: the key's kind, source and status, and why an import was refused.

use super::{msg, t, Lang, T};
use crate::domain::acm::key::{
    KeyImportError, KeyInfo, KeyKind, KeySource, PemProblem, ValueProblem,
};

use super::json::{bytes, json_position};
use super::owned;

pub(crate) fn key_kind(lang: Lang, kind: KeyKind) -> String {
    match kind {
        KeyKind::Rsa { bits } => msg::KeyKindRsa { bits: &bits }.text(lang),
        KeyKind::EcP256 => "EC P-256".to_string(),
    }
}

pub fn key_source(lang: Lang, source: KeySource) -> &'static str {
    t(
        lang,
        match source {
            KeySource::Generated => T::KeySourceGenerated,
            KeySource::Jwk => T::KeySourceJwk,
            KeySource::Jwks => T::KeySourceJwks,
            KeySource::Pkcs8Pem => T::KeySourcePkcs8Pem,
            KeySource::Pkcs1Pem => T::KeySourcePkcs1Pem,
            KeySource::Sec1Pem => T::KeySourceSec1Pem,
        },
    )
}

/// The key status line: type, size, kid, thumbprint, origin, and where the private key is.
pub fn key_status(lang: Lang, key: &KeyInfo) -> String {
    let key_type = key_kind(lang, key.kind());
    let source = key_source(lang, key.source());
    let kid = key.kid();
    let thumbprint = key.thumbprint();
    let kid_note = match key.explicit_kid() {
        None => t(lang, T::KeyStatusKidIsThumbprint),
        Some(_) => "",
    };
    msg::KeyStatus {
        kid: &kid,
        kid_note: &kid_note,
        kind: &key_type,
        source: &source,
        thumbprint: &thumbprint,
    }
    .text(lang)
}

fn value_problem(lang: Lang, field: &str, problem: ValueProblem) -> String {
    match problem {
        ValueProblem::Zero => msg::ValueProblemZero { field: &field }.text(lang),
        ValueProblem::NotBelow { bound } => msg::ValueProblemNotBelow {
            bound: &bound,
            field: &field,
        }
        .text(lang),
        ValueProblem::NotOdd => msg::ValueProblemNotOdd { field: &field }.text(lang),
        ValueProblem::WrongLength { expected, found } => msg::ValueProblemWrongLength {
            expected: &expected,
            field: &field,
            found: &found,
        }
        .text(lang),
    }
}

fn pem_problem(lang: Lang, problem: PemProblem) -> &'static str {
    t(
        lang,
        match problem {
            PemProblem::BeginLineIncomplete => T::PemProblemBeginLineIncomplete,
            PemProblem::NoEndLine => T::PemProblemNoEndLine,
            PemProblem::HeaderLines => T::PemProblemHeaderLines,
            PemProblem::EmptyBody => T::PemProblemEmptyBody,
            PemProblem::BadBase64 => T::PemProblemBadBase64,
        },
    )
}

pub fn key_import_error(lang: Lang, err: &KeyImportError) -> String {
    match err {
        KeyImportError::Empty => owned(lang, T::KeyImportErrorEmpty),
        KeyImportError::TooLarge { bytes: size, max } => {
            let (size, max) = (bytes(*size), bytes(*max));
            msg::KeyImportErrorTooLarge {
                max: &max,
                size: &size,
            }
            .text(lang)
        }
        KeyImportError::Json(json) => {
            let detail = json_position(lang, json);
            msg::KeyImportErrorJson { detail: &detail }.text(lang)
        }
        KeyImportError::PemInJsonString => owned(lang, T::KeyImportErrorPemInJsonString),
        KeyImportError::NotAJwk => owned(lang, T::KeyImportErrorNotAjwk),
        KeyImportError::Unrecognised => owned(lang, T::KeyImportErrorUnrecognised),
        KeyImportError::PublicKeyOnly => owned(lang, T::KeyImportErrorPublicKeyOnly),
        KeyImportError::Certificate => owned(lang, T::KeyImportErrorCertificate),
        KeyImportError::EncryptedPem => owned(lang, T::KeyImportErrorEncryptedPem),
        KeyImportError::OpenSshKey => owned(lang, T::KeyImportErrorOpenSshKey),
        KeyImportError::UnsupportedKeyType { description } => {
            msg::KeyImportErrorUnsupportedKeyType {
                description: &description,
            }
            .text(lang)
        }
        KeyImportError::RsaTooSmall { bits } => {
            msg::KeyImportErrorRsaTooSmall { bits: &bits }.text(lang)
        }
        KeyImportError::RsaTooLarge { bits } => {
            msg::KeyImportErrorRsaTooLarge { bits: &bits }.text(lang)
        }
        KeyImportError::MissingField { field } => {
            msg::KeyImportErrorMissingField { field: &field }.text(lang)
        }
        KeyImportError::BadBase64 { field } => {
            msg::KeyImportErrorBadBase64 { field: &field }.text(lang)
        }
        KeyImportError::InvalidValue { field, problem } => {
            let detail = value_problem(lang, field, *problem);
            msg::KeyImportErrorInvalidValue { detail: &detail }.text(lang)
        }
        KeyImportError::RsaCrtMissing { field } => {
            msg::KeyImportErrorRsaCrtMissing { field: &field }.text(lang)
        }
        KeyImportError::EcPublicKeyMissing => owned(lang, T::KeyImportErrorEcPublicKeyMissing),
        KeyImportError::RefusedByKeyStore => owned(lang, T::KeyImportErrorRefusedByKeyStore),
        KeyImportError::JwksTooLarge { count, max } => msg::KeyImportErrorJwksTooLarge {
            count: &count,
            max: &max,
        }
        .text(lang),
        KeyImportError::SeveralPublicKeys { count } => {
            msg::KeyImportErrorSeveralPublicKeys { count: &count }.text(lang)
        }
        KeyImportError::JwksEmpty => owned(lang, T::KeyImportErrorJwksEmpty),
        KeyImportError::JwksWithoutPrivateKey => {
            owned(lang, T::KeyImportErrorJwksWithoutPrivateKey)
        }
        KeyImportError::SeveralPrivateKeys { candidates } => {
            let count = candidates.len();
            msg::KeyImportErrorSeveralPrivateKeys { count: &count }.text(lang)
        }
        KeyImportError::JwksIndexOutOfRange { index } => {
            msg::KeyImportErrorJwksIndexOutOfRange { index: &index }.text(lang)
        }
        KeyImportError::BadPem { problem } => {
            let detail = pem_problem(lang, *problem);
            msg::KeyImportErrorBadPem { detail: &detail }.text(lang)
        }
        KeyImportError::UnknownPemLabel { label } => {
            msg::KeyImportErrorUnknownPemLabel { label: &label }.text(lang)
        }
        KeyImportError::SeveralPemKeys { count } => {
            msg::KeyImportErrorSeveralPemKeys { count: &count }.text(lang)
        }
        KeyImportError::DerInvalid { detail } => {
            msg::KeyImportErrorDerInvalid { detail: &detail }.text(lang)
        }
    }
}
