//! Part of `messages`: Texts of step 4: why an assertion cannot be signed yet, the field errors, and the linter's checks and problems.

use super::{msg, t, Lang, T};
use crate::domain::acm::assertion::{LintCheck, LintProblem, NotReady, SignError};
use crate::domain::checked::client_id::ClientIdError;
use crate::domain::checked::lifetime::LifetimeError;

use super::owned;
use super::signing_key::key_kind;

/// Why the page cannot sign or send yet, in words.
pub fn not_ready(lang: Lang, reason: &NotReady) -> String {
    match reason {
        NotReady::NoKey => t(lang, T::NeedKey).to_string(),
        NotReady::ClientId(err) => client_id_error(lang, err),
        NotReady::Lifetime(err) => lifetime_error(lang, err),
        NotReady::Sign(err) => sign_error(lang, err),
        NotReady::KeyStoreFailed => t(lang, T::SignFailed).to_string(),
        NotReady::NoPastedAssertion => t(lang, T::NeedLintedAssertion).to_string(),
        NotReady::NotCompactJws => t(lang, T::NotCompactJws).to_string(),
        NotReady::NoToken => t(lang, T::NeedToken).to_string(),
    }
}

pub fn client_id_error(lang: Lang, err: &ClientIdError) -> String {
    match err {
        ClientIdError::Empty => t(lang, T::NeedClientId).to_string(),
        ClientIdError::ContainsWhiteSpace => owned(lang, T::ClientIdErrorContainsWhiteSpace),
        ClientIdError::ContainsControlCharacter => {
            owned(lang, T::ClientIdErrorContainsControlCharacter)
        }
        ClientIdError::NotAscii => owned(lang, T::ClientIdErrorNotAscii),
        ClientIdError::TooLong { chars, max } => msg::ClientIdErrorTooLong {
            chars: &chars,
            max: &max,
        }
        .text(lang),
    }
}

pub fn lifetime_error(lang: Lang, err: &LifetimeError) -> String {
    match err {
        LifetimeError::NotANumber => owned(lang, T::LifetimeErrorNotAnumber),
        LifetimeError::NotPositive => owned(lang, T::LifetimeErrorNotPositive),
        LifetimeError::TooLong { seconds, max } => msg::LifetimeErrorTooLong {
            max: &max,
            seconds: &seconds,
        }
        .text(lang),
    }
}

pub(crate) fn sign_error(lang: Lang, err: &SignError) -> String {
    match err {
        SignError::AlgorithmDoesNotFitKey { alg, key } => {
            let (alg, key) = (alg.name(), key_kind(lang, *key));
            msg::SignErrorAlgorithmDoesNotFitKey {
                alg: &alg,
                key: &key,
            }
            .text(lang)
        }
        SignError::Encoding { detail } => msg::SignErrorEncoding { detail: &detail }.text(lang),
        SignError::SignatureLength { expected, found } => msg::SignErrorSignatureLength {
            expected: &expected,
            found: &found,
        }
        .text(lang),
    }
}

pub fn lint_check_name(lang: Lang, check: LintCheck) -> &'static str {
    t(
        lang,
        match check {
            LintCheck::Format => T::LintCheckNameFormat,
            LintCheck::Alg => T::LintCheckNameAlg,
            LintCheck::Typ => T::LintCheckNameTyp,
            LintCheck::Kid => T::LintCheckNameKid,
            LintCheck::Signature => T::LintCheckNameSignature,
            LintCheck::IssSub => T::LintCheckNameIssSub,
            LintCheck::Aud => T::LintCheckNameAud,
            LintCheck::Lifetime => T::LintCheckNameLifetime,
            LintCheck::IatNotInFuture => T::LintCheckNameIatNotInFuture,
            LintCheck::NotExpired => T::LintCheckNameNotExpired,
            LintCheck::Jti => T::LintCheckNameJti,
        },
    )
}

pub fn lint_problem(lang: Lang, problem: &LintProblem) -> String {
    match problem {
        LintProblem::NotThreeParts { parts } => {
            msg::LintProblemNotThreeParts { parts: &parts }.text(lang)
        }
        LintProblem::PartNotBase64 { part } => {
            msg::LintProblemPartNotBase64 { part: &part }.text(lang)
        }
        LintProblem::PartNotJsonObject { part } => {
            msg::LintProblemPartNotJsonObject { part: &part }.text(lang)
        }
        LintProblem::MissingClaim { claim } => {
            msg::LintProblemMissingClaim { claim: &claim }.text(lang)
        }
        LintProblem::NotAString { claim } => {
            msg::LintProblemNotAstring { claim: &claim }.text(lang)
        }
        LintProblem::NotATimestamp { claim } => {
            msg::LintProblemNotAtimestamp { claim: &claim }.text(lang)
        }
        LintProblem::AlgNone => owned(lang, T::LintProblemAlgNone),
        LintProblem::AlgSymmetric => owned(lang, T::LintProblemAlgSymmetric),
        LintProblem::AlgUnknown => owned(lang, T::LintProblemAlgUnknown),
        LintProblem::AlgDoesNotFitKey => owned(lang, T::LintProblemAlgDoesNotFitKey),
        LintProblem::TypNotJwt => owned(lang, T::LintProblemTypNotJwt),
        LintProblem::KidDiffers => owned(lang, T::LintProblemKidDiffers),
        LintProblem::KidNotRegistered => owned(lang, T::LintProblemKidNotRegistered),
        LintProblem::SignatureInvalid => owned(lang, T::LintProblemSignatureInvalid),
        LintProblem::NoKeyLoaded => owned(lang, T::LintProblemNoKeyLoaded),
        LintProblem::NoClientIdEntered => owned(lang, T::LintProblemNoClientIdEntered),
        LintProblem::IssDiffersFromSub => owned(lang, T::LintProblemIssDiffersFromSub),
        LintProblem::IssDiffersFromClientId => owned(lang, T::LintProblemIssDiffersFromClientId),
        LintProblem::AudSeveral { count } => {
            msg::LintProblemAudSeveral { count: &count }.text(lang)
        }
        LintProblem::AudNotThisAcm => owned(lang, T::LintProblemAudNotThisAcm),
        LintProblem::LifetimeTooLong { seconds } => {
            msg::LintProblemLifetimeTooLong { seconds: &seconds }.text(lang)
        }
        LintProblem::LifetimeNotPositive { seconds } => {
            msg::LintProblemLifetimeNotPositive { seconds: &seconds }.text(lang)
        }
        LintProblem::IatInFuture { seconds_ahead } => msg::LintProblemIatInFuture {
            seconds_ahead: &seconds_ahead,
        }
        .text(lang),
        LintProblem::Expired { seconds_ago } => msg::LintProblemExpired {
            seconds_ago: &seconds_ago,
        }
        .text(lang),
        LintProblem::JtiReused => owned(lang, T::LintProblemJtiReused),
    }
}

/// The default "expected" text of a lint check whose expectation is a sentence.
pub fn lint_expected(lang: Lang, check: LintCheck) -> &'static str {
    match check {
        LintCheck::Jti => t(lang, T::LintExpectedJti),
        _ => "",
    }
}

/// "4:32" style remaining time, or the expired text.
pub fn expires_in(lang: Lang, seconds: i64) -> String {
    if seconds <= 0 {
        return t(lang, T::AssertionExpired).to_string();
    }
    let (minutes, rest) = (seconds / 60, seconds % 60);
    msg::ExpiresIn {
        minutes: &minutes,
        rest: &format!("{rest:02}"),
    }
    .text(lang)
}
