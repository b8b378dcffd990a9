//! Which text says what: error messages, check explanations, the checklist, the mail and the
//! proof report. The words are in `locales/<lang>.ftl`; here the code chooses the message for
//! each case and fills in its values (`msg::*` structs, checked by the compiler field by field).

use crate::domain::acm::assertion::{LintCheck, LintProblem, NotReady, SignError};

use crate::domain::checked::client_id::ClientIdError;

use crate::domain::acm::diagram::{Hop, Party};
use crate::domain::acm::exchange::{BodyKind, Discovery, ExchangeFailure, RelayCheck, RelayError};
use crate::domain::acm::key::{
    self, KeyImportError, KeyInfo, KeyKind, KeySource, PemProblem, RegisteredKeyError,
    RegisteredKeyReport, ValueProblem,
};
use crate::domain::acm::token::{OAuthError, OAuthErrorCode, TokenAnswerError, TokenFailureCause};
use crate::domain::checked::json::{JsonError, JsonKind};
use crate::domain::checked::kid::Kid;
use crate::domain::checked::lifetime::LifetimeError;
use crate::domain::checked::organisation::{OrgCode, OrgCodeError, OrgName, OrgNameError};
use crate::domain::checked::url::UrlError;
use crate::domain::facts::config::ConfigError;
use crate::domain::facts::environment::{AcmSide, Environment, Role};
use crate::domain::facts::provenance::{Origin, Sourced, ValueName};
use crate::domain::facts::sources::{self as facts, Assumption, Source};
use crate::domain::generated::backend_code::Unwritable;
use crate::domain::generated::own_relay::RelaySetupError;
use crate::domain::generated::relay_config::RelayConfigError;
use crate::domain::onboarding::checklist::{self, ChecklistItem};
use crate::domain::onboarding::ping::{CheckId, CheckRow, Finding, PingReport, Verdict};
use crate::domain::onboarding::registration::Registration;
use crate::domain::text::template::markdown_inline;
use crate::settings::RefusedField;

use super::{msg, t, Lang, T};

/// A static text as a `String`, for the functions that also return formatted ones. Not inlined:
/// one call per site keeps the wasm smaller than the allocation code at each of 115 sites.
#[inline(never)]
fn owned(lang: Lang, key: T) -> String {
    t(lang, key).to_owned()
}

// ---------------------------------------------------------------------------------------------
// Organisation

pub fn role_text(lang: Lang, role: Role) -> &'static str {
    t(
        lang,
        match role {
            Role::Uitvaartondernemer => T::RoleUitvaartondernemer,
            Role::Crematorium => T::RoleCrematorium,
            Role::Begraafplaats => T::RoleBegraafplaats,
            Role::Lbbs => T::RoleLbbs,
            Role::Depzorg => T::RoleDepzorg,
            Role::Arts => T::RoleArts,
        },
    )
}

pub fn environment_text(lang: Lang, env: Environment) -> &'static str {
    t(
        lang,
        match env {
            Environment::Beta => T::EnvBeta,
            Environment::Acc => T::EnvAcc,
            Environment::Prod => T::EnvProd,
        },
    )
}

pub(crate) fn acm_side(lang: Lang, side: AcmSide) -> &'static str {
    t(
        lang,
        match side {
            AcmSide::TestAndIntegration => T::AcmSideTestAndIntegration,
            AcmSide::Production => T::AcmSideProduction,
        },
    )
}

pub fn org_name_error(lang: Lang, err: &OrgNameError) -> String {
    match err {
        OrgNameError::Empty => owned(lang, T::OrgNameErrorEmpty),
        OrgNameError::TooLong { chars, max } => msg::OrgNameErrorTooLong {
            chars: &chars,
            max: &max,
        }
        .text(lang),
        OrgNameError::ControlCharacter {
            position,
            code_point,
        } => msg::OrgNameErrorControlCharacter {
            code_point: &format!("{code_point:04X}"),
            position: &position,
        }
        .text(lang),
    }
}

pub fn org_code_error(lang: Lang, err: &OrgCodeError) -> String {
    match err {
        OrgCodeError::Empty => owned(lang, T::OrgCodeErrorEmpty),
        OrgCodeError::InvalidCharacter { ch } => {
            msg::OrgCodeErrorInvalidCharacter { ch: &ch }.text(lang)
        }
        OrgCodeError::KboWrongLength { digits: 9 } => owned(lang, T::OrgCodeErrorKboNineDigits),
        OrgCodeError::KboWrongLength { digits } => {
            msg::OrgCodeErrorKboWrongLength { digits: &digits }.text(lang)
        }
        OrgCodeError::KboWrongCheckDigits { expected, found } => {
            msg::OrgCodeErrorKboWrongCheckDigits {
                expected: &expected,
                found: &found,
            }
            .text(lang)
        }
        OrgCodeError::OvoWrongFormat => owned(lang, T::OrgCodeErrorOvoWrongFormat),
        OrgCodeError::KboEstablishmentUnit => owned(lang, T::OrgCodeErrorKboEstablishmentUnit),
    }
}

pub fn org_code_ok(lang: Lang, code: &OrgCode) -> String {
    let shown = code.display();
    match code {
        OrgCode::Kbo(_) => msg::OrgCodeOkKbo { shown: &shown }.text(lang),
        OrgCode::Ovo(_) => msg::OrgCodeOkOvo { shown: &shown }.text(lang),
        OrgCode::OvInstelling(_) => msg::OrgCodeOkOvInstelling { shown: &shown }.text(lang),
    }
}

// ---------------------------------------------------------------------------------------------
// JSON

fn json_kind(lang: Lang, kind: JsonKind) -> &'static str {
    t(
        lang,
        match kind {
            JsonKind::Null => T::JsonKindNull,
            JsonKind::Bool => T::JsonKindBool,
            JsonKind::Number => T::JsonKindNumber,
            JsonKind::String => T::JsonKindString,
            JsonKind::Array => T::JsonKindArray,
            JsonKind::Object => T::JsonKindObject,
        },
    )
}

fn bytes(n: usize) -> String {
    if n >= 1 << 20 {
        // Integer arithmetic: float formatting would add its tables to the wasm for one digit.
        let tenths = n * 10 / (1 << 20);
        format!("{}.{} MB", tenths / 10, tenths % 10)
    } else if n >= 1024 {
        format!("{} KB", n / 1024)
    } else {
        format!("{n} B")
    }
}

/// Where JSON went wrong, without `serde_json`'s description: for key text, which may hold
/// key material, only the position is told.
fn json_position(lang: Lang, err: &JsonError) -> String {
    match err {
        JsonError::TooDeep { at, .. }
        | JsonError::Truncated { at }
        | JsonError::TrailingCharacters { at }
        | JsonError::Syntax { at, .. } => {
            let (line, column) = (at.line, at.column);
            format!(
                " {}",
                msg::JsonPositionSyntax {
                    column: &column,
                    line: &line
                }
                .text(lang)
            )
        }
        _ => String::new(),
    }
}

pub fn json_error(lang: Lang, err: &JsonError) -> String {
    match err {
        JsonError::Empty => owned(lang, T::JsonErrorEmpty),
        JsonError::TooLarge { bytes: size, max } => {
            let (size, max) = (bytes(*size), bytes(*max));
            msg::JsonErrorTooLarge {
                max: &max,
                size: &size,
            }
            .text(lang)
        }
        JsonError::NotUtf8 { byte_offset } => msg::JsonErrorNotUtf8 {
            byte_offset: &byte_offset,
        }
        .text(lang),
        JsonError::TooDeep { max, at } => {
            let (line, column) = (at.line, at.column);
            msg::JsonErrorTooDeep {
                column: &column,
                line: &line,
                max: &max,
            }
            .text(lang)
        }
        JsonError::Truncated { at } => {
            let (line, column) = (at.line, at.column);
            msg::JsonErrorTruncated {
                column: &column,
                line: &line,
            }
            .text(lang)
        }
        JsonError::TrailingCharacters { at } => {
            let (line, column) = (at.line, at.column);
            msg::JsonErrorTrailingCharacters {
                column: &column,
                line: &line,
            }
            .text(lang)
        }
        JsonError::Syntax { at, detail } => {
            let (line, column) = (at.line, at.column);
            msg::JsonErrorSyntax {
                column: &column,
                detail: &detail,
                line: &line,
            }
            .text(lang)
        }
        JsonError::NotAnObject { found } => {
            let found = json_kind(lang, *found);
            msg::JsonErrorNotAnObject { found: &found }.text(lang)
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Key

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

// ---------------------------------------------------------------------------------------------
// The exchange diagram

pub fn party_name(lang: Lang, party: Party) -> &'static str {
    t(
        lang,
        match party {
            Party::Page => T::PartyNamePage,
            Party::Relay => T::PartyNameRelay,
            Party::Acm => T::PartyNameAcm,
            Party::Api => T::PartyNameApi,
        },
    )
}

/// The short text on an arrow: the request, or the answer's status and time, or the failure.
pub fn hop_label(lang: Lang, hop: &Hop) -> String {
    let mut label = match hop.status {
        Some(status) => format!("{status} {}", hop.label),
        None => hop.label.clone(),
    };
    if let Some(ms) = hop.elapsed_ms {
        let ms = ms.round() as i64;
        label.push_str(&format!(" · {ms} ms"));
    }
    if let Some(reason) = &hop.failure {
        let failed = owned(lang, T::HopLabelFailed);
        label.push_str(&format!(" ✗ {failed}: {reason}"));
    }
    label
}

/// The hop as a sentence, for the diagram's text equivalent.
pub fn hop_sentence(lang: Lang, hop: &Hop) -> String {
    let (from, to) = (party_name(lang, hop.from), party_name(lang, hop.to));
    let what = &hop.label;
    let mut sentence = match hop.status {
        Some(status) => msg::HopSentence {
            from: &from,
            status: &status,
            to: &to,
            what: &what,
        }
        .text(lang),
        None => msg::HopSentenceNoStatus {
            from: &from,
            to: &to,
            what: &what,
        }
        .text(lang),
    };
    if let Some(ms) = hop.elapsed_ms {
        sentence.push_str(
            &msg::HopSentenceAfter {
                ms: &(ms.round() as i64),
            }
            .text(lang),
        );
    }
    if let Some(reason) = &hop.failure {
        sentence.push_str(&msg::HopSentenceFailedHere { reason: &reason }.text(lang));
    }
    sentence
}

// ---------------------------------------------------------------------------------------------
// Sources

/// Why the page takes a rule on trust.
pub fn assumption_reason(lang: Lang, assumption: Assumption) -> &'static str {
    t(
        lang,
        match assumption {
            Assumption::Rs256FromExamples => T::AssumptionReasonRs256FromExamples,
            Assumption::OtherAlgorithmsUnconfirmed => T::AssumptionReasonOtherAlgorithmsUnconfirmed,
            Assumption::AudienceIssuer => T::AssumptionReasonAudienceIssuer,
            Assumption::LifetimeAtMost600 => T::AssumptionReasonLifetimeAtMost600,
            Assumption::JtiSingleUse => T::AssumptionReasonJtiSingleUse,
            Assumption::KeyLookupByKid => T::AssumptionReasonKeyLookupByKid,
            Assumption::SingleAudience => T::AssumptionReasonSingleAudience,
            Assumption::ClockTolerance => T::AssumptionReasonClockTolerance,
            Assumption::DaoPingHosts => T::AssumptionReasonDaoPingHosts,
            Assumption::OtherOrgCodes => T::AssumptionReasonOtherOrgCodes,
        },
    )
}

/// Where a fact comes from, as the page says it.
pub fn source_text(lang: Lang, source: Source) -> String {
    match source {
        Source::OnboardingText => owned(lang, T::SourceTextOnboardingText),
        Source::ApiRepository(doc) => {
            let repo = facts::API_REPOSITORY;
            msg::SourceTextApiRepository {
                date: &doc.date,
                path: &doc.path,
                repo: &repo,
            }
            .text(lang)
        }
        Source::ApiRepositoryHistory { doc, from, until } => {
            let repo = facts::API_REPOSITORY;
            msg::SourceTextApiRepositoryHistory {
                date: &doc.date,
                from: &from,
                path: &doc.path,
                repo: &repo,
                until: &until,
            }
            .text(lang)
        }
        Source::ApiRepositoryUndated(doc) => {
            let repo = facts::API_REPOSITORY;
            msg::SourceTextApiRepositoryUndated {
                date: &doc.date,
                path: &doc.path,
                repo: &repo,
            }
            .text(lang)
        }
        Source::ApiDemo {
            settings,
            code,
            since,
        } => {
            let repo = facts::API_REPOSITORY;
            msg::SourceTextApiDemo {
                code: &code.path,
                code_date: &code.date,
                repo: &repo,
                settings: &settings.path,
                settings_date: &settings.date,
                since: &since,
            }
            .text(lang)
        }
        Source::AcmDocumentation(title, url) => msg::SourceTextAcmDocumentation {
            title: &title,
            url: &url,
        }
        .text(lang),
        Source::Standard(name) => msg::SourceTextStandard { name: &name }.text(lang),
        Source::Assumed(assumption) => {
            let reason = assumption_reason(lang, assumption);
            msg::SourceTextAssumed { reason: &reason }.text(lang)
        }
    }
}

/// Why the fields of "Uw eigen relay" make no configuration.
pub fn relay_setup_error(lang: Lang, err: &RelaySetupError) -> String {
    match err {
        RelaySetupError::TlsIncomplete => owned(lang, T::RelaySetupErrorTlsIncomplete),
        RelaySetupError::BadPrefix => owned(lang, T::RelaySetupErrorBadPrefix),
        RelaySetupError::Config(err) => match err {
            RelayConfigError::BadOrigin { .. } => owned(lang, T::RelaySetupErrorBadOrigin),
            RelayConfigError::BadTarget { target }
            | RelayConfigError::TargetWithQuery { target } => {
                msg::RelaySetupErrorBadTarget { target: &target }.text(lang)
            }
            RelayConfigError::BadListen { .. } => owned(lang, T::RelaySetupErrorBadListen),
            RelayConfigError::ResolverNeeded => owned(lang, T::RelaySetupErrorResolverNeeded),
            RelayConfigError::UnsafeCharacter { .. } | RelayConfigError::Template(_) => {
                owned(lang, T::RelaySetupErrorUnsafeCharacter)
            }
            RelayConfigError::BadRealIpFrom { .. } => owned(lang, T::RelaySetupErrorBadRealIpFrom),
        },
    }
}

/// What the API's `actuator/info` answered.
pub fn api_info(lang: Lang, version: Option<&str>) -> String {
    match version {
        Some(version) => msg::ApiInfoVersion { version: &version }.text(lang),
        None => owned(lang, T::ApiInfoNoVersion),
    }
}

/// What ACM's discovery document, fetched at `fetched_at`, says about client authentication.
pub fn discovery_facts(lang: Lang, discovery: &Discovery, fetched_at: &str) -> String {
    let method = match discovery.private_key_jwt {
        Some(true) => owned(lang, T::DiscoveryPrivateKeyJwtListed),
        Some(false) => owned(lang, T::DiscoveryPrivateKeyJwtNotListed),
        None => owned(lang, T::DiscoveryPrivateKeyJwtNotStated),
    };
    let algs = match &discovery.signing_algs {
        Some(algs) if !algs.is_empty() => msg::DiscoveryAlgsListed {
            algs: &algs.join(", "),
        }
        .text(lang),
        _ => owned(lang, T::DiscoveryAlgsNotStated),
    };
    msg::DiscoveryFacts {
        algs: &algs,
        fetched_at: &fetched_at,
        method: &method,
    }
    .text(lang)
}

/// The warning before signing with an algorithm ACM's discovery document does not list.
pub fn algorithm_not_listed(lang: Lang, alg: &str, listed: &[String], fetched_at: &str) -> String {
    msg::DiscoveryAlgNotListed {
        alg: &alg,
        fetched_at: &fetched_at,
        listed: &listed.join(", "),
    }
    .text(lang)
}

/// An origin on its own (the relay's extra targets, and inside [`value_origin`]).
pub fn origin_name(lang: Lang, origin: Origin) -> String {
    owned(
        lang,
        match origin {
            Origin::Published(_) => T::OriginPublished,
            Origin::SiteConfig => T::OriginSiteConfig,
            Origin::Typed => T::OriginTyped,
            Origin::Stored => T::OriginStored,
            Origin::NotPublished => T::OriginNotPublished,
        },
    )
}

/// Where a value came from, when it is not the published one: its origin and, where a source
/// publishes one, that value (its source note stands beside).
pub fn value_origin(lang: Lang, sourced: &Sourced) -> String {
    let origin = origin_name(lang, sourced.origin);
    match &sourced.published {
        Some((published, _)) if sourced.differs_from_published() => msg::OriginWithPublished {
            origin: &origin,
            published,
        }
        .text(lang),
        _ => origin,
    }
}

/// The name of a value whose origin the page shows.
pub fn value_name(lang: Lang, name: ValueName) -> &'static str {
    t(
        lang,
        match name {
            ValueName::Issuer => T::IssuerLabel,
            ValueName::TokenEndpoint => T::TokenUrlLabel,
            ValueName::Ping => T::PingUrlLabel,
            ValueName::ApiClientId => T::ApiClientIdLabel,
            ValueName::ApiTeamEmail => T::ApiTeamEmailLabel,
            ValueName::Brand => T::BrandLabel,
        },
    )
}

/// Says which stored fields held key-shaped text and were therefore not saved.
pub fn key_material_refused(lang: Lang, fields: &[RefusedField]) -> String {
    msg::KeyMaterialRefusedTimeout {
        names: &field_names(lang, fields),
    }
    .text(lang)
}

/// The notice for stored settings dropped at load because they no longer pass their checks.
pub fn stored_settings_dropped(lang: Lang, fields: &[RefusedField]) -> String {
    msg::StoredSettingsDropped {
        names: &field_names(lang, fields),
    }
    .text(lang)
}

fn field_names(lang: Lang, fields: &[RefusedField]) -> String {
    fields
        .iter()
        .map(|field| match field {
            RefusedField::OrgName => t(lang, T::OrgNameLabel),
            RefusedField::OrgCode => t(lang, T::OrgCodeLabel),
            RefusedField::ClientId => t(lang, T::ClientIdLabel),
            RefusedField::RelayUrl => t(lang, T::RelayLabel),
            RefusedField::Endpoint => t(lang, T::TokenUrlLabel),
            RefusedField::ApiTeamEmail => t(lang, T::ApiTeamEmailLabel),
            RefusedField::Lifetime => t(lang, T::LifetimeLabel),
            RefusedField::Timeout => t(lang, T::TimeoutLabel),
        })
        .collect::<Vec<_>>()
        .join(", ")
}

/// The sentence for a registered-key report (`RegisteredKeyReport::is_good` says whether it is
/// good news).
pub fn registered_report(lang: Lang, report: &RegisteredKeyReport, key: &KeyInfo) -> String {
    let leak = if report.leaks_private_key() {
        format!(" {}", owned(lang, T::RegisteredReportPrivateKeyPasted))
    } else {
        String::new()
    };
    if let Some(entry) = report.matching_entry() {
        let carried = match key::assertion_kid(key, Some(report)) {
            Some(kid) if entry.kid.as_deref() == Some(key.kid()) => {
                msg::RegisteredReportSameKid { kid: &kid }.text(lang)
            }
            Some(kid) => msg::RegisteredReportRegisteredWithKid { kid: &kid }.text(lang),
            None => owned(lang, T::RegisteredReportRegisteredWithoutKid),
        };
        msg::RegisteredReportMatches {
            carried: &carried,
            leak: &leak,
        }
        .text(lang)
    } else {
        let count = report.registered.len();
        let thumbprint = key.thumbprint();
        msg::RegisteredReportNoMatch {
            count: &count,
            leak: &leak,
            thumbprint: &thumbprint,
        }
        .text(lang)
    }
}

pub fn registered_error(lang: Lang, err: &RegisteredKeyError) -> String {
    match err {
        RegisteredKeyError::Json(json) => json_error(lang, json),
        RegisteredKeyError::NotAJwk => owned(lang, T::RegisteredErrorNotAjwk),
        RegisteredKeyError::JwksEmpty => owned(lang, T::RegisteredErrorJwksEmpty),
        RegisteredKeyError::UnusableKid { index } => msg::RegisteredErrorUnusableKid {
            position: &(index + 1),
            max: &Kid::MAX_CHARS,
        }
        .text(lang),
    }
}

// ---------------------------------------------------------------------------------------------
// Assertion

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

pub(crate) fn client_id_error(lang: Lang, err: &ClientIdError) -> String {
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

pub(crate) fn lifetime_error(lang: Lang, err: &LifetimeError) -> String {
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

// ---------------------------------------------------------------------------------------------
// Connection

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

pub(crate) fn url_error(lang: Lang, err: &UrlError) -> String {
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

// ---------------------------------------------------------------------------------------------
// Ping check

pub(crate) fn check_name(lang: Lang, check: CheckId) -> &'static str {
    t(
        lang,
        match check {
            CheckId::Json => T::CheckNameJson,
            CheckId::ClientId => T::CheckNameClientId,
            CheckId::Subject => T::CheckNameSubject,
            CheckId::OrgCode => T::CheckNameOrgCode,
            CheckId::OrgName => T::CheckNameOrgName,
            CheckId::ClientName => T::CheckNameClientName,
            CheckId::Environment => T::CheckNameEnvironment,
            CheckId::Active => T::CheckNameActive,
            CheckId::Scopes => T::CheckNameScopes,
            CheckId::TokenTimes => T::CheckNameTokenTimes,
        },
    )
}

/// A check's name by its stable id (as a workspace's proof keeps it); the id itself for one
/// this page no longer has.
pub(crate) fn check_name_by_id(lang: Lang, id: &str) -> String {
    CheckId::ALL
        .into_iter()
        .find(|check| check.id() == id)
        .map_or_else(
            || id.to_string(),
            |check| check_name(lang, check).to_string(),
        )
}

/// The explanation of one check row.
pub fn finding(lang: Lang, row: &CheckRow) -> String {
    let check = row.check;
    match &row.finding {
        Finding::Matches => match check {
            CheckId::Json => {
                let count = &row.found;
                msg::FindingJson { count: &count }.text(lang)
            }
            _ => owned(lang, T::FindingMatches),
        },
        Finding::MatchesAfterNormalising => owned(lang, T::FindingMatchesAfterNormalising),
        Finding::NotEntered => owned(lang, T::FindingNotEntered),
        Finding::SubjectShown {
            equals_client_id: true,
        } => owned(lang, T::FindingSubjectIsClientId),
        Finding::SubjectShown {
            equals_client_id: false,
        } => owned(lang, T::FindingSubjectOfItsOwn),
        Finding::SubjectAbsent => owned(lang, T::FindingSubjectAbsent),
        Finding::Missing { field } => msg::FindingMissing { field: &field }.text(lang),
        Finding::Differs => match check {
            CheckId::ClientId => owned(lang, T::FindingClientId),
            CheckId::OrgCode => owned(lang, T::FindingOrgCode),
            CheckId::OrgName => owned(lang, T::FindingOrgName),
            CheckId::ClientName => owned(lang, T::FindingClientName),
            _ => owned(lang, T::FindingDiffers),
        },
        Finding::Inconsistent => owned(lang, T::FindingInconsistent),
        Finding::CaseOrSpacing => owned(lang, T::FindingCaseOrSpacing),
        Finding::Partial => owned(lang, T::FindingPartial),
        Finding::WrongEnvironment { found } => {
            let found = acm_side(lang, *found);
            msg::FindingWrongEnvironment { found: &found }.text(lang)
        }
        Finding::UnknownIssuer => owned(lang, T::FindingUnknownIssuer),
        Finding::Inactive => owned(lang, T::FindingInactive),
        Finding::NotBoolean => owned(lang, T::FindingNotBoolean),
        Finding::MissingScopes { missing } => {
            let missing = missing.join(", ");
            msg::FindingMissingScopes { missing: &missing }.text(lang)
        }
        Finding::OtherBrandScope { scope } => {
            msg::FindingOtherBrandScope { scope: &scope }.text(lang)
        }
        Finding::MalformedOrgCode => owned(lang, T::FindingMalformedOrgCode),
        Finding::TimeUnreadable { field } => {
            msg::FindingTimeUnreadable { field: &field }.text(lang)
        }
        Finding::ExpNotAfterIat => owned(lang, T::FindingExpNotAfterIat),
        Finding::ExpiredLongAgo { hours } => {
            msg::FindingExpiredLongAgo { hours: &hours }.text(lang)
        }
        Finding::IatInFuture { minutes } => {
            msg::FindingIatInFuture { minutes: &minutes }.text(lang)
        }
        Finding::Invalid(err) => json_error(lang, err),
    }
}

/// The one sentence that sums up a report and says what to do next.
pub fn verdict(lang: Lang, report: &PingReport) -> String {
    let primary = report.primary_row();
    match report.verdict {
        Verdict::Ok => owned(lang, T::VerdictOk),
        Verdict::Invalid => {
            let detail = primary.map(|row| finding(lang, row)).unwrap_or_default();
            msg::VerdictInvalid { detail: &detail }.text(lang)
        }
        Verdict::Warning => {
            let (name, detail) = primary.map_or((String::new(), String::new()), |row| {
                (
                    check_name(lang, row.check).to_lowercase(),
                    finding(lang, row),
                )
            });
            msg::VerdictWarning {
                detail: &detail,
                name: &name,
            }
            .text(lang)
        }
        Verdict::Mismatch => {
            let Some(row) = primary else {
                return String::new();
            };
            let detail = finding(lang, row);
            match row.check {
                CheckId::OrgCode => msg::VerdictOrgCode { detail: &detail }.text(lang),
                CheckId::ClientId => msg::VerdictClientId { detail: &detail }.text(lang),
                CheckId::Environment => msg::VerdictEnvironment { detail: &detail }.text(lang),
                CheckId::ClientName => msg::VerdictClientName { detail: &detail }.text(lang),
                CheckId::Scopes => msg::VerdictScopes { detail: &detail }.text(lang),
                other => {
                    let name = check_name(lang, other);
                    msg::VerdictOther {
                        detail: &detail,
                        name: &name,
                    }
                    .text(lang)
                }
            }
        }
    }
}

pub fn status_text(
    lang: Lang,
    status: crate::domain::onboarding::ping::CheckStatus,
) -> &'static str {
    use crate::domain::onboarding::ping::CheckStatus;
    t(
        lang,
        match status {
            CheckStatus::Ok => T::StatusOk,
            CheckStatus::Warning => T::StatusWarning,
            CheckStatus::Fail => T::StatusFail,
        },
    )
}

// ---------------------------------------------------------------------------------------------
// Documents: checklist, mail, proof

/// What the checklist texts are filled in with.
pub struct ChecklistContext<'a> {
    pub registration: &'a Registration,
    pub token_endpoint: &'a str,
    pub ping_url: &'a str,
    pub kid: Option<&'a str>,
}

fn or_placeholder(lang: Lang, value: Option<&str>) -> String {
    value.map_or_else(|| owned(lang, T::OrPlaceholder), str::to_string)
}

/// The organisation's name and code as entered when valid, else the "to be filled in" mark.
fn organisation_or_placeholders(lang: Lang, reg: &Registration) -> (String, String) {
    (
        or_placeholder(lang, reg.org_name.as_ref().ok().map(OrgName::as_str)),
        or_placeholder(lang, reg.org_code.as_ref().ok().map(OrgCode::canonical)),
    )
}

/// The title and detail of one checklist item.
pub fn checklist_item(
    lang: Lang,
    item: ChecklistItem,
    ctx: &ChecklistContext<'_>,
) -> (String, String) {
    let reg = ctx.registration;
    let (org, code) = organisation_or_placeholders(lang, reg);
    let client_name = or_placeholder(lang, reg.client_name.as_deref());
    let env = reg.environment.code();
    let portal = reg.beheerportaal;
    let reference = &reg.api_reference;
    let scopes = &reg.scope_string;
    let side = acm_side(lang, reg.environment.acm_side());
    let (token_url, ping_url) = (ctx.token_endpoint, ctx.ping_url);
    match item {
        ChecklistItem::MakeKeyPair => (
            owned(lang, T::ChecklistItemMakeKeyPair),
            owned(lang, T::ChecklistItemMakeKeyPairDetail),
        ),
        ChecklistItem::OpenBeheerportaal => (
            msg::ChecklistItemOpenBeheerportaal { portal: &portal }.text(lang),
            // The manuals themselves are the item's links (`ChecklistItem::links`).
            owned(lang, T::ChecklistItemOpenBeheerportaalManuals),
        ),
        ChecklistItem::CreateClient => (
            msg::ChecklistItemCreateClient {
                client_name: &client_name,
            }
            .text(lang),
            msg::ChecklistItemCreateClientDetail { env: &env }.text(lang),
        ),
        ChecklistItem::UseClientCredentialsWithJwt => (
            owned(lang, T::ChecklistItemUseClientCredentialsWithJwt),
            String::new(),
        ),
        ChecklistItem::UploadPublicJwk => (
            owned(lang, T::ChecklistItemUploadPublicJwk),
            match ctx.kid {
                Some(kid) => msg::ChecklistItemUploadPublicJwkKid { kid: &kid }.text(lang),
                None => owned(lang, T::ChecklistItemUploadPublicJwkNoKey),
            },
        ),
        ChecklistItem::RequestApiAccess => {
            let api_id = or_placeholder(lang, reg.api_client_id.as_deref());
            (
                msg::ChecklistItemRequestApiAccess {
                    reference: &reference,
                }
                .text(lang),
                match reg.api_client_id {
                    Some(_) => {
                        msg::ChecklistItemRequestApiAccessDetail { api_id: &api_id }.text(lang)
                    }
                    None => t(lang, T::ApiClientIdUnknown).to_string(),
                },
            )
        }
        ChecklistItem::RequestScopes => {
            let role = role_text(lang, reg.role);
            (
                msg::ChecklistItemRequestScopes { scopes: &scopes }.text(lang),
                msg::ChecklistItemRequestScopesDetail { role: &role }.text(lang),
            )
        }
        ChecklistItem::IntegratorCustomerKnown => (
            msg::ChecklistItemIntegratorCustomerKnown { org: &org }.text(lang),
            owned(lang, T::ChecklistItemIntegratorCustomerKnownDetail),
        ),
        ChecklistItem::IntegratorChecksUsers => (
            msg::ChecklistItemIntegratorChecksUsers { org: &org }.text(lang),
            owned(lang, T::ChecklistItemIntegratorChecksUsersDetail),
        ),
        ChecklistItem::IntegratorTrustedParty => (
            owned(lang, T::ChecklistItemIntegratorTrustedParty),
            owned(lang, T::ChecklistItemIntegratorTrustedPartyDetail),
        ),
        ChecklistItem::IntegratorTermsOfUse => (
            owned(lang, T::ChecklistItemIntegratorTermsOfUse),
            String::new(),
        ),
        ChecklistItem::AuditLog => (
            owned(lang, T::ChecklistItemAuditLog),
            owned(lang, T::ChecklistItemAuditLogDetail),
        ),
        ChecklistItem::RolesResponsibility => (
            owned(lang, T::ChecklistItemRolesResponsibility),
            owned(lang, T::ChecklistItemRolesResponsibilityDetail),
        ),
        ChecklistItem::MailApiTeam => (owned(lang, T::ChecklistItemMailApiTeam), String::new()),
        ChecklistItem::AwaitApproval => (owned(lang, T::ChecklistItemAwaitApproval), String::new()),
        ChecklistItem::NoteClientId => (owned(lang, T::ChecklistItemNoteClientId), String::new()),
        ChecklistItem::RequestToken => (
            msg::ChecklistItemRequestToken { side: &side }.text(lang),
            msg::ChecklistItemRequestTokenDetail {
                token_url: &token_url,
            }
            .text(lang),
        ),
        ChecklistItem::CallPing => (
            msg::ChecklistItemCallPing {
                ping_url: &ping_url,
            }
            .text(lang),
            owned(lang, T::ChecklistItemCallPingDetail),
        ),
        ChecklistItem::CheckPingAnswer => (
            msg::ChecklistItemCheckPingAnswer {
                code: &code,
                org: &org,
            }
            .text(lang),
            String::new(),
        ),
        ChecklistItem::SendProof => (owned(lang, T::ChecklistItemSendProof), String::new()),
    }
}

/// The checklist as Markdown, with ticks.
pub fn checklist_markdown(
    lang: Lang,
    ctx: &ChecklistContext<'_>,
    ticked: &dyn Fn(ChecklistItem) -> bool,
) -> String {
    let items = checklist::items(ctx.registration.integrator, ctx.registration.role);
    let steps = [
        (checklist::ChecklistStep::Register, T::ChecklistStepRegister),
        (
            checklist::ChecklistStep::FirstConnection,
            T::ChecklistStepConnect,
        ),
    ]
    .iter()
    .map(|(step, heading)| checklist::MarkdownStep {
        heading: t(lang, *heading).to_string(),
        items: items
            .iter()
            .filter(|item| item.step() == *step)
            .map(|item| {
                let (text, detail) = checklist_item(lang, *item, ctx);
                checklist::MarkdownItem {
                    done: ticked(*item),
                    text,
                    detail,
                    links: item.links(),
                }
            })
            .collect(),
    })
    .collect::<Vec<_>>();
    let title = match ctx.registration.client_name.as_deref() {
        Some(name) => format!("{} – {name}", t(lang, T::ChecklistTitle)),
        None => t(lang, T::ChecklistTitle).to_string(),
    };
    // Markdown text always encodes; an error here would be a broken template, shown as such.
    checklist::to_markdown(&title, &steps).unwrap_or_else(|err| err.to_string())
}

/// Subject and body of the mail that tells the API team the client was requested.
pub fn registration_mail(
    lang: Lang,
    reg: &Registration,
    client_id: Option<&str>,
) -> (String, String) {
    let (org, code) = organisation_or_placeholders(lang, reg);
    let client_name = or_placeholder(lang, reg.client_name.as_deref());
    let env = reg.environment.code();
    let brand = reg.brand.name();
    let (portal, reference, scopes) = (reg.beheerportaal, &reg.api_reference, &reg.scope_string);
    let subject = msg::RegistrationMailSubject {
        client_name: &client_name,
        env: &env,
    }
    .text(lang);
    let integrator = if reg.integrator {
        format!(
            "\n{}",
            msg::RegistrationMailIntegrator { org: &org }.text(lang)
        )
    } else {
        String::new()
    };
    let client_id = client_id
        .map(|id| {
            format!(
                "\n{}",
                msg::RegistrationMailClientIdLine { id: &id }.text(lang)
            )
        })
        .unwrap_or_default();
    let body = format!(
        "{}\n",
        msg::RegistrationMailBody {
            brand: &brand,
            client_id: &client_id,
            client_name: &client_name,
            code: &code,
            env: &env,
            integrator: &integrator,
            org: &org,
            portal: &portal,
            reference: &reference,
            scopes: &scopes
        }
        .text(lang)
    );
    (subject, body)
}

/// What the proof report states; it holds no token, assertion or key by construction.
pub struct ProofFacts<'a> {
    pub registration: &'a Registration,
    pub client_id: Option<&'a str>,
    pub report: &'a PingReport,
    /// RFC 3339 time of the check.
    pub checked_at: String,
    /// The assumptions the page applied (`facts::assumptions_in_force`).
    pub assumptions: &'a [Assumption],
    /// The values that differ from what the sources publish (`provenance::differing`).
    pub differing: &'a [&'a Sourced],
}

/// The proof of onboarding as Markdown, and its mail subject.
pub fn proof_report(lang: Lang, facts: &ProofFacts<'_>) -> (String, String) {
    let reg = facts.registration;
    let client_name = or_placeholder(lang, reg.client_name.as_deref());
    let (org, code) = organisation_or_placeholders(lang, reg);
    let client_id = or_placeholder(lang, facts.client_id);
    let env = reg.environment.code();
    let side = acm_side(lang, reg.environment.acm_side());
    let brand = reg.brand.name();
    let scopes = &reg.scope_string;
    let verdict_id = facts.report.verdict.id();
    let verdict_text = verdict(lang, facts.report);
    // The proof's frame is a Markdown message of the locale files; the values it takes are
    // Markdown-encoded first, like every value the generator writes into Markdown.
    let md = markdown_inline;
    let (client_name, org, code, client_id) =
        (md(&client_name), md(&org), md(&code), md(&client_id));
    let (scopes, verdict_text) = (md(scopes), md(&verdict_text));
    let checked_at = md(&facts.checked_at);
    let mut out = format!(
        "{}\n",
        msg::ProofReportOut {
            brand: &brand,
            checked_at: &checked_at,
            client_id: &client_id,
            client_name: &client_name,
            code: &code,
            env: &env,
            org: &org,
            scopes: &scopes,
            side: &side,
            verdict_id: &verdict_id,
            verdict_text: &verdict_text
        }
        .text(lang)
    );
    for row in &facts.report.rows {
        let (check, status) = (check_name(lang, row.check), status_text(lang, row.status));
        // The found values come from the server's answer: Markdown-encoded like every cell.
        let cells = [check, status, &row.expected, &row.found];
        out.push_str(&checklist::markdown_table_row(cells).unwrap_or_else(|err| err.to_string()));
    }
    out.push_str(&format!("\n{}\n\n", owned(lang, T::ProofReport)));
    for assumption in facts.assumptions {
        let reason = assumption_reason(lang, *assumption);
        out.push_str(&checklist::markdown_list_item(reason).unwrap_or_else(|err| err.to_string()));
    }
    if !facts.differing.is_empty() {
        out.push_str(&format!("\n{}\n\n", owned(lang, T::ProofReportDiffering)));
        for value in facts.differing {
            let line = msg::ProofDifferingLine {
                name: &value_name(lang, value.name),
                origin: &value_origin(lang, value),
                value: &value.value,
            }
            .text(lang);
            out.push_str(
                &checklist::markdown_list_item(&line).unwrap_or_else(|err| err.to_string()),
            );
        }
    }
    let subject = msg::ProofReportSubject {
        client_name: &client_name,
        env: &env,
    }
    .text(lang);
    (out, subject)
}

// ---------------------------------------------------------------------------------------------
// Site configuration

pub fn config_error(lang: Lang, err: &ConfigError) -> String {
    match err {
        ConfigError::Json(json) => {
            let detail = json_error(lang, json);
            msg::ConfigErrorJson { detail: &detail }.text(lang)
        }
        ConfigError::UnknownField { path } => {
            msg::ConfigErrorUnknownField { path: &path }.text(lang)
        }
        ConfigError::WrongType { path, expected } => msg::ConfigErrorWrongType {
            expected: &expected,
            path: &path,
        }
        .text(lang),
        ConfigError::UnknownEnvironment { path } => {
            msg::ConfigErrorUnknownEnvironment { path: &path }.text(lang)
        }
        ConfigError::UnknownBrand { path, value } => msg::ConfigErrorUnknownBrand {
            path: &path,
            value: &value,
        }
        .text(lang),
        ConfigError::BadUrl { path, problem } => {
            let problem = url_error(lang, problem);
            msg::ConfigErrorBadUrl {
                path: &path,
                problem: &problem,
            }
            .text(lang)
        }
        ConfigError::BadEmail { path } => msg::ConfigErrorBadEmail { path: &path }.text(lang),
        ConfigError::BadClientId { path } => msg::ConfigErrorBadClientId { path: &path }.text(lang),
    }
}

pub fn config_ignored(lang: Lang, message: &str) -> String {
    msg::ConfigIgnored { message: &message }.text(lang)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::facts::config::SiteConfig;
    use crate::domain::onboarding::registration::RegistrationForm;

    fn registration() -> Registration {
        let form = RegistrationForm {
            org_name: "Stad Gent".into(),
            org_code: "0207451227".into(),
            ..RegistrationForm::default()
        };
        Registration::from_form(&form, &SiteConfig::default())
    }

    #[test]
    fn checklist_markdown_is_filled_in() {
        let reg = registration();
        let ctx = ChecklistContext {
            registration: &reg,
            token_endpoint: "https://authenticatie-ti.vlaanderen.be/op/v1/token",
            ping_url: "https://dao.api.beta-athumi.eu/health/v1/ping",
            kid: Some("kid-1"),
        };
        let md = checklist_markdown(Lang::Nl, &ctx, &|item| item == ChecklistItem::MakeKeyPair);
        assert!(md.starts_with("# Checklist eLys-onboarding – DAO beta Stad Gent client\n"));
        assert!(md.contains("- [x] Maak een sleutelpaar"));
        assert!(md.contains(
            "- [ ] Maak een nieuwe OAuth-client aan met de clientnaam ‘DAO beta Stad Gent client’."
        ));
        assert!(md.contains("DAO (Digitale Aangifte Overlijden) API T&I"));
        assert!(md.contains("b3f43c85-53a5-443d-838c-7c2d0359897b"));
        assert!(md.contains("vo_info dao_uitvaartondernemer"));
        assert!(md.contains("kid-1"));
        // The audit-log duty is on every client (security/README.md), with its reason.
        assert!(
            md.contains("auditlog") && md.contains("10 jaar") && md.contains("niet wie er handelt")
        );
        // Not an integrator: no integrator items.
        assert!(!md.contains("samenwerkingsovereenkomst"));
        for (title, url) in crate::domain::facts::sources::acm::MANUALS {
            assert!(md.contains(&format!("  - [{title}]({url})\n")), "{url}");
        }
        let en = checklist_markdown(Lang::En, &ctx, &|_| false);
        assert!(en.contains("## Step 1: register the client"));
    }

    /// Regression (issue 26, point 8): the "to be filled in" mark is parenthesised, so a text
    /// that puts a value in parentheses read "((nog in te vullen))" before anything was typed.
    #[test]
    fn an_empty_form_s_texts_hold_no_doubled_parentheses() {
        for (integrator, role) in [
            (false, crate::domain::facts::environment::Role::Lbbs),
            (
                true,
                crate::domain::facts::environment::Role::Uitvaartondernemer,
            ),
            (true, crate::domain::facts::environment::Role::Arts),
        ] {
            let form = RegistrationForm {
                role,
                integrator,
                ..RegistrationForm::default()
            };
            let empty = Registration::from_form(&form, &SiteConfig::default());
            for lang in [Lang::Nl, Lang::En] {
                let ctx = ChecklistContext {
                    registration: &empty,
                    token_endpoint: "https://authenticatie-ti.vlaanderen.be/op/v1/token",
                    ping_url: "https://elys.api.beta-athumi.eu/health/v1/ping",
                    kid: None,
                };
                // What the page shows, item by item, and the export.
                let mut texts: Vec<String> = checklist::items(integrator, role)
                    .into_iter()
                    .map(|item| {
                        let (title, detail) = checklist_item(lang, item, &ctx);
                        format!("{title} {detail}")
                    })
                    .collect();
                texts.push(checklist_markdown(lang, &ctx, &|_| false));
                let (subject, body) = registration_mail(lang, &empty, None);
                texts.extend([subject, body]);
                for text in &texts {
                    assert!(
                        !text.contains("((") && !text.contains("))"),
                        "{lang:?}: {text}"
                    );
                }
                // The mark is there: the test reads the texts of an empty form.
                let mark = t(lang, T::OrPlaceholder);
                assert!(texts.iter().filter(|text| text.contains(mark)).count() >= 4);
            }
        }
    }

    #[test]
    fn mail_names_client_environment_organisation_and_code() {
        let (subject, body) = registration_mail(Lang::Nl, &registration(), None);
        assert_eq!(subject, "Clientaanvraag DAO beta Stad Gent client (beta)");
        for needle in [
            "DAO beta Stad Gent client",
            "Omgeving: beta",
            "Organisatie: Stad Gent",
            "0207451227",
        ] {
            assert!(body.contains(needle), "{needle} in {body}");
        }
    }

    #[test]
    fn every_key_error_has_a_message_in_both_languages() {
        let errors = [
            KeyImportError::Empty,
            KeyImportError::EncryptedPem,
            KeyImportError::RsaTooSmall { bits: 1024 },
            KeyImportError::UnsupportedKeyType {
                description: "Ed25519".into(),
            },
        ];
        for err in &errors {
            let (nl, en) = (
                key_import_error(Lang::Nl, err),
                key_import_error(Lang::En, err),
            );
            assert!(!nl.is_empty() && !en.is_empty() && nl != en, "{err:?}");
        }
        assert!(key_import_error(Lang::Nl, &KeyImportError::EncryptedPem).contains("openssl pkey"));
    }

    #[test]
    fn expiry_countdown() {
        assert_eq!(expires_in(Lang::Nl, 272), "verloopt over 4:32");
        assert_eq!(expires_in(Lang::En, 5), "expires in 0:05");
        assert_eq!(expires_in(Lang::Nl, 0), t(Lang::Nl, T::AssertionExpired));
    }
}
