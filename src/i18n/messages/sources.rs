//! Part of `messages`: Texts of the sources and origins: assumptions, sources, discovery and actuator facts, where each value came from, refused settings and the registered-key report.

use super::{msg, t, Lang, T};
use crate::domain::acm::exchange::{ClientAuthVerdict, Discovery};
use crate::domain::acm::key::{self, KeyInfo, RegisteredKeyError, RegisteredKeyReport};
use crate::domain::checked::kid::Kid;
use crate::domain::facts::provenance::{Origin, Sourced, ValueName};
use crate::domain::facts::sources::{self as facts, Assumption, Source};
use crate::domain::runnable::own_relay::RelaySetupError;
use crate::domain::runnable::relay_nginx::RelayConfigError;
use crate::settings::RefusedField;

use super::json::json_error;
use super::owned;

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
        RelaySetupError::PlainHttpOffLoopback => {
            owned(lang, T::RelaySetupErrorPlainHttpOffLoopback)
        }
        RelaySetupError::LoopbackTargets { targets } => msg::RelaySetupErrorLoopbackTargets {
            targets: &targets.join(", "),
        }
        .text(lang),
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

/// A next step after a good ping, from the role's API documents (`facts::api_notes`).
pub fn api_note(lang: Lang, note: facts::ApiNote) -> &'static str {
    use facts::ApiNote;
    t(
        lang,
        match note {
            ApiNote::JsonLdCivilRegistry => T::NextStepJsonLdCivilRegistry,
            ApiNote::JsonLdPhysician => T::NextStepJsonLdPhysician,
            ApiNote::DossiersV2 => T::NextStepDossiersV2,
            ApiNote::DossierPayment => T::NextStepDossierPayment,
        },
    )
}

/// What ACM's discovery document, fetched at `fetched_at`, says about client authentication.
pub fn discovery_facts(lang: Lang, discovery: &Discovery, fetched_at: &str) -> String {
    let method = match discovery.client_auth_verdict() {
        ClientAuthVerdict::Listed => owned(lang, T::DiscoveryPrivateKeyJwtListed),
        ClientAuthVerdict::NotListed { listed } => msg::DiscoveryPrivateKeyJwtNotListed {
            methods: &listed.join(", "),
        }
        .text(lang),
        ClientAuthVerdict::NotStated => owned(lang, T::DiscoveryPrivateKeyJwtNotStated),
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
