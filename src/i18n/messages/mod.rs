//! Which text says what: error messages, check explanations, the checklist, the mail and the
//! proof report. The words are in `locales/<lang>.ftl`; here the code chooses the message for
//! each case and fills in its values (`msg::*` structs, checked by the compiler field by field).

use super::{msg, t, Lang, T};

mod assertion;
mod config;
mod connection;
mod diagram;
mod documents;
mod json;
mod organisation;
mod ping;
mod signing_key;
mod sources;

pub use assertion::{client_id_error, lifetime_error};
pub use assertion::{expires_in, lint_check_name, lint_expected, lint_problem, not_ready};
pub use config::{config_error, config_ignored};
pub use connection::url_error;
pub use connection::{
    clock_skew, duration, exchange_failure, oauth_cause, oauth_error, relay_check,
    token_answer_error, unwritable,
};
pub use diagram::{hop_label, hop_sentence, party_name};
pub use documents::{
    checklist_item, checklist_markdown, proof_report, registration_mail, ChecklistContext,
    ProofFacts,
};
pub use json::json_error;
pub use organisation::acm_side;
pub use organisation::{environment_text, org_code_error, org_code_ok, org_name_error, role_text};
pub use ping::{check_name, check_name_by_id};
pub use ping::{finding, status_text, verdict};
pub use signing_key::{key_import_error, key_source, key_status};
pub use sources::{
    algorithm_not_listed, api_info, api_note, assumption_reason, discovery_facts,
    key_material_refused, origin_name, registered_error, registered_report, relay_setup_error,
    source_text, stored_settings_dropped, value_name, value_origin,
};

/// A static text as a `String`, for the functions that also return formatted ones. Not inlined:
/// one call per site keeps the wasm smaller than the allocation code at each of 115 sites.
#[inline(never)]
fn owned(lang: Lang, key: T) -> String {
    t(lang, key).to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::acm::key::KeyImportError;
    use crate::domain::facts::config::SiteConfig;
    use crate::domain::onboarding::checklist::{self, ChecklistItem};
    use crate::domain::onboarding::registration::Registration;
    use crate::domain::onboarding::registration::RegistrationForm;

    /// What the audit of 2026-12-07 found outdated or too strong, each as its sources say it
    /// now (both languages): the headers' date, the test environment's hosts and headers, the
    /// checklist's "Publieke JWT", the public ACM clients behind `aud` = issuer, the default
    /// lifetime, the approval in the Beheerportaal, and a discovery document without
    /// `private_key_jwt` that no longer makes ACM "say it takes no assertion".
    #[test]
    fn audited_statements_say_what_their_sources_say() {
        use crate::domain::acm::exchange::parse_discovery;
        for (lang, headers_since, test_only) in [
            (Lang::Nl, "19 december 2024", "horen bij die testomgeving"),
            (
                Lang::En,
                "19 December 2024",
                "belong to that test environment",
            ),
        ] {
            assert!(t(lang, T::TraceIdsMeaning).contains(headers_since));
            assert!(t(lang, T::ChecklistItemCallPingDetail).contains(headers_since));
            let test_env = t(lang, T::SoftwareTestEnvironment);
            for needed in [
                "dao.api.test-athumi.eu",
                "x-kbonummer",
                "x-scopes",
                test_only,
            ] {
                assert!(test_env.contains(needed), "{lang:?}: {needed}");
            }
            assert!(t(lang, T::AssumptionReasonAudienceIssuer).contains("jwt-python-script"));
            assert!(
                t(lang, T::LifetimeHint).starts_with("60")
                    || t(lang, T::LifetimeHint).contains(" 60")
            );
            assert!(t(lang, T::MailIntro).contains("Beheerportaal"));
            let example = parse_discovery(
                r#"{"token_endpoint_auth_methods_supported":["client_secret_basic","client_secret_post"]}"#,
            )
            .unwrap();
            let said = discovery_facts(lang, &example, "2026-12-07T10:00:00Z");
            assert!(
                said.contains("client_secret_basic, client_secret_post"),
                "{said}"
            );
        }
        assert!(t(Lang::Nl, T::ChecklistItemUseClientCredentialsWithJwt).contains("Publieke JWT"));
        let said_nl = discovery_facts(
            Lang::Nl,
            &parse_discovery(
                r#"{"token_endpoint_auth_methods_supported":["client_secret_basic"]}"#,
            )
            .unwrap(),
            "2026-12-07T10:00:00Z",
        );
        assert!(said_nl.contains("De tokenaanvraag beslist"), "{said_nl}");
        assert!(!said_nl.contains("zegt zelf"), "{said_nl}");
    }

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

    /// Regression: the "to be filled in" mark is parenthesised, so a text
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
