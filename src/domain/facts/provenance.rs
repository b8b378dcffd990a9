//! Where each value the page shows or uses came from: the facts table (with its source),
//! `config.json`, typed by the user in this visit, or stored from an earlier one.
//!
//! The rule the page keeps: a source note citing a document stands only beside a value equal
//! to that document's. Any other value says where it came from and shows the published value
//! beside it ([`Sourced::published`]), in the step where it is used and in the proof of
//! onboarding, which lists every value that differs ([`differing`]).

use std::collections::BTreeSet;

use crate::domain::facts::config::{EndpointField, EndpointOverrides, SiteConfig};
use crate::domain::facts::environment::{self, Brand, Environment};
use crate::domain::facts::sources::Fact;

/// Where a value came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Origin {
    /// The facts table: the value is the one the fact's source publishes.
    Published(Fact),
    /// The site's `config.json`.
    SiteConfig,
    /// Typed by the user in this visit.
    Typed,
    /// Stored in this browser from an earlier visit.
    Stored,
    /// No source publishes one and nobody entered one.
    NotPublished,
}

impl Origin {
    /// A stable name for automation (`data-origin`).
    pub fn id(self) -> &'static str {
        match self {
            Origin::Published(_) => "published",
            Origin::SiteConfig => "config",
            Origin::Typed => "typed",
            Origin::Stored => "stored",
            Origin::NotPublished => "not-published",
        }
    }
}

/// Which value of the page a [`Sourced`] is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum ValueName {
    /// The ACM issuer (step 5).
    Issuer,
    /// ACM's token endpoint (step 5).
    TokenEndpoint,
    /// The API's ping endpoint (steps 1 and 5).
    Ping,
    /// The API's client id in ACM (step 1).
    ApiClientId,
    /// Where the mail to the API team goes (step 3).
    ApiTeamEmail,
    /// The name of the API the page composes with (step 1).
    Brand,
}

impl ValueName {
    /// A stable name for automation (`data-value`).
    pub fn id(self) -> &'static str {
        match self {
            ValueName::Issuer => "issuer",
            ValueName::TokenEndpoint => "token-endpoint",
            ValueName::Ping => "ping",
            ValueName::ApiClientId => "api-client-id",
            ValueName::ApiTeamEmail => "api-team-email",
            ValueName::Brand => "brand",
        }
    }
}

/// A value with its origin, and the published value where one exists.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Sourced {
    /// Which value.
    pub name: ValueName,
    /// The value in effect ("" when there is none).
    pub value: String,
    /// Where it came from.
    pub origin: Origin,
    /// What the facts table publishes for it, and the fact whose source says so.
    pub published: Option<(String, Fact)>,
}

impl Sourced {
    /// True when a value is in effect and it is not the published one (there is a published
    /// one, or the value came from somewhere else than a source).
    pub fn differs_from_published(&self) -> bool {
        !self.value.is_empty() && !matches!(self.origin, Origin::Published(_))
    }

    /// The fact to cite beside the value: only when the value is the published one.
    pub fn source_fact(&self) -> Option<Fact> {
        match self.origin {
            Origin::Published(fact) => Some(fact),
            _ => None,
        }
    }
}

/// The user's edits to the endpoint fields of one environment: what is stored (loaded from an
/// earlier visit, or saved since) and which fields were typed in this visit.
#[derive(Debug, Clone, Copy)]
pub struct EndpointEdits<'a> {
    /// The overrides in effect for the environment.
    pub overrides: Option<&'a EndpointOverrides>,
    /// The fields typed in this visit (the rest of the overrides came from storage).
    pub typed: &'a BTreeSet<EndpointField>,
}

impl EndpointEdits<'_> {
    fn layer(&self, field: EndpointField) -> Option<Origin> {
        let overrides = self.overrides?;
        let set = match field {
            EndpointField::Issuer => overrides.issuer.is_some(),
            EndpointField::Token => overrides.token.is_some(),
            EndpointField::Ping => overrides.ping.is_some(),
        };
        set.then(|| {
            if self.typed.contains(&field) {
                Origin::Typed
            } else {
                Origin::Stored
            }
        })
    }
}

/// The three endpoints in effect for an environment and brand, each with its origin.
pub fn endpoints(
    config: &SiteConfig,
    env: Environment,
    brand: Brand,
    edits: EndpointEdits<'_>,
) -> [Sourced; 3] {
    let facts = env.facts();
    let published_issuer = env.acm_side().issuer();
    let effective = config.endpoints(env, brand).with_overrides(edits.overrides);
    let configured = config.environments.get(&env);
    let config_sets = |field: EndpointField| {
        configured.is_some_and(|o| match field {
            EndpointField::Issuer => o.issuer.is_some(),
            EndpointField::Token => o.token_endpoint.is_some(),
            EndpointField::Ping => match brand {
                Brand::Dao => o.ping_dao.is_some(),
                Brand::Elys => o.ping_elys.is_some(),
            },
        })
    };
    // The layer that set a field: the user's (typed or stored), else config.json's.
    let layer = |field: EndpointField| {
        edits
            .layer(field)
            .or_else(|| config_sets(field).then_some(Origin::SiteConfig))
    };
    // A token endpoint that nobody set follows the issuer (issuer + /v1/token).
    let token_layer = layer(EndpointField::Token).or_else(|| layer(EndpointField::Issuer));
    let sourced = |name, value: String, published: String, fact, set_by: Option<Origin>| {
        let origin = if value == published {
            Origin::Published(fact)
        } else {
            set_by.unwrap_or(Origin::NotPublished)
        };
        Sourced {
            name,
            value,
            origin,
            published: Some((published, fact)),
        }
    };
    [
        sourced(
            ValueName::Issuer,
            effective.issuer,
            published_issuer.to_string(),
            facts.issuer_fact(),
            layer(EndpointField::Issuer),
        ),
        sourced(
            ValueName::TokenEndpoint,
            effective.token_endpoint,
            // The facts table's rule: issuer + /v1/token.
            environment::token_endpoint(published_issuer),
            Fact::TokenEndpoint,
            token_layer,
        ),
        sourced(
            ValueName::Ping,
            effective.ping,
            facts.ping_url(brand).to_string(),
            facts.ping_fact(brand),
            layer(EndpointField::Ping),
        ),
    ]
}

/// The API's client id in effect and its origin: `config.json`'s, else the published one (only
/// the onboarding text's DAO T&I id), else none.
pub fn api_client_id(config: &SiteConfig, env: Environment, brand: Brand) -> Sourced {
    let published = environment::published_api_client_id(brand, env)
        .map(|id| (id.to_string(), Fact::ApiClientIdDaoTi));
    let value = config.api_client_id(env, brand).unwrap_or_default();
    let origin = match &published {
        Some((id, fact)) if *id == value => Origin::Published(*fact),
        _ if value.is_empty() => Origin::NotPublished,
        _ => Origin::SiteConfig,
    };
    Sourced {
        name: ValueName::ApiClientId,
        value,
        origin,
        published,
    }
}

/// The API team's address and its origin. No source publishes one: it is `config.json`'s,
/// typed, or stored.
pub fn api_team_email(value: &str, origin: Origin) -> Sourced {
    Sourced {
        name: ValueName::ApiTeamEmail,
        value: value.to_string(),
        origin: if value.trim().is_empty() {
            Origin::NotPublished
        } else {
            origin
        },
        published: None,
    }
}

/// The API's name in effect and its origin: the page opens on eLys, the current name (the API
/// team's documents, `Fact::RenamedToElys`); `config.json` may choose another default, and the
/// user's choice is stored.
pub fn brand(value: Brand, site_default: Option<Brand>, stored: Option<Brand>) -> Sourced {
    // Like every value: the current name cites its source whoever chose it.
    let origin = if value == Brand::Elys {
        Origin::Published(Fact::RenamedToElys)
    } else if stored == Some(value) {
        Origin::Stored
    } else if site_default == Some(value) {
        Origin::SiteConfig
    } else {
        Origin::Typed
    };
    Sourced {
        name: ValueName::Brand,
        value: value.name().to_string(),
        origin,
        published: Some((Brand::Elys.name().to_string(), Fact::RenamedToElys)),
    }
}

/// The values that differ from what the sources publish, for the proof of onboarding.
pub fn differing(values: &[Sourced]) -> Vec<&Sourced> {
    values
        .iter()
        .filter(|value| value.differs_from_published())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::facts::config::parse_site_config;

    fn no_edits() -> BTreeSet<EndpointField> {
        BTreeSet::new()
    }

    #[test]
    fn origins_and_values_have_the_ids_automation_reads() {
        let origins = [
            (Origin::Published(Fact::IssuerTi), "published"),
            (Origin::SiteConfig, "config"),
            (Origin::Typed, "typed"),
            (Origin::Stored, "stored"),
            (Origin::NotPublished, "not-published"),
        ];
        for (origin, id) in origins {
            assert_eq!(origin.id(), id);
        }
        let names = [
            (ValueName::Issuer, "issuer"),
            (ValueName::TokenEndpoint, "token-endpoint"),
            (ValueName::Ping, "ping"),
            (ValueName::ApiClientId, "api-client-id"),
            (ValueName::ApiTeamEmail, "api-team-email"),
            (ValueName::Brand, "brand"),
        ];
        for (name, id) in names {
            assert_eq!(name.id(), id);
        }
    }

    #[test]
    fn the_published_endpoints_cite_their_sources() {
        let typed = no_edits();
        let edits = EndpointEdits {
            overrides: None,
            typed: &typed,
        };
        for env in Environment::ALL {
            for brand in Brand::ALL {
                let [issuer, token, ping] = endpoints(&SiteConfig::default(), env, brand, edits);
                assert_eq!(issuer.origin, Origin::Published(env.facts().issuer_fact()));
                assert_eq!(token.origin, Origin::Published(Fact::TokenEndpoint));
                assert_eq!(
                    token.value,
                    environment::token_endpoint(env.acm_side().issuer())
                );
                assert_eq!(ping.origin, Origin::Published(env.facts().ping_fact(brand)));
                assert!(!issuer.differs_from_published());
                assert_eq!(ping.source_fact(), Some(env.facts().ping_fact(brand)));
            }
        }
    }

    #[test]
    fn a_value_from_elsewhere_says_where_and_shows_the_published_one() {
        let config = parse_site_config(
            r#"{"environments":{"beta":{"issuer":"https://idp.example/op",
                "ping":{"elys":"https://api.example/health/v1/ping"}}}}"#,
        )
        .unwrap();
        let typed = no_edits();
        let none = EndpointEdits {
            overrides: None,
            typed: &typed,
        };
        let [issuer, token, ping] = endpoints(&config, Environment::Beta, Brand::Elys, none);
        assert_eq!(issuer.origin, Origin::SiteConfig);
        assert_eq!(
            issuer
                .published
                .as_ref()
                .map(|(url, fact)| (url.as_str(), *fact)),
            Some(("https://authenticatie-ti.vlaanderen.be/op", Fact::IssuerTi))
        );
        assert_eq!(issuer.source_fact(), None, "no source note beside it");
        // The token endpoint follows config.json's issuer.
        assert_eq!(token.value, "https://idp.example/op/v1/token");
        assert_eq!(token.origin, Origin::SiteConfig);
        assert_eq!(ping.origin, Origin::SiteConfig);
        // The DAO ping was not overridden: still the published one.
        let [_, _, dao] = endpoints(&config, Environment::Beta, Brand::Dao, none);
        assert_eq!(dao.origin, Origin::Published(Fact::PingDaoBeta));

        // Stored from an earlier visit, then one field typed now.
        let overrides = EndpointOverrides {
            issuer: Some("http://127.0.0.1:9000/op".into()),
            token: None,
            ping: Some("http://127.0.0.1:9001/health/v1/ping".into()),
        };
        let mut typed = no_edits();
        typed.insert(EndpointField::Ping);
        let edits = EndpointEdits {
            overrides: Some(&overrides),
            typed: &typed,
        };
        let [issuer, token, ping] = endpoints(&config, Environment::Beta, Brand::Elys, edits);
        assert_eq!(issuer.origin, Origin::Stored);
        assert_eq!(token.origin, Origin::Stored, "follows the stored issuer");
        assert_eq!(token.value, "http://127.0.0.1:9000/op/v1/token");
        assert_eq!(ping.origin, Origin::Typed);
        assert_eq!(differing(&[issuer, token, ping]).len(), 3);
    }

    #[test]
    fn a_typed_value_equal_to_the_published_one_cites_its_source() {
        let overrides = EndpointOverrides {
            issuer: Some("https://authenticatie-ti.vlaanderen.be/op".into()),
            ..EndpointOverrides::default()
        };
        let mut typed = no_edits();
        typed.insert(EndpointField::Issuer);
        let edits = EndpointEdits {
            overrides: Some(&overrides),
            typed: &typed,
        };
        let [issuer, ..] = endpoints(&SiteConfig::default(), Environment::Acc, Brand::Elys, edits);
        assert_eq!(issuer.origin, Origin::Published(Fact::IssuerTi));
    }

    #[test]
    fn the_api_client_id_is_published_only_for_dao_t_and_i() {
        let config = SiteConfig::default();
        let dao = api_client_id(&config, Environment::Beta, Brand::Dao);
        assert_eq!(dao.origin, Origin::Published(Fact::ApiClientIdDaoTi));
        let elys = api_client_id(&config, Environment::Beta, Brand::Elys);
        assert_eq!(elys.origin, Origin::NotPublished);
        assert!(!elys.differs_from_published(), "nothing in effect");
        let configured = parse_site_config(
            r#"{"environments":{"beta":{"apiClientId":"0f9d1c34-aaaa-bbbb-cccc-123456789abc"}}}"#,
        )
        .unwrap();
        let dao = api_client_id(&configured, Environment::Beta, Brand::Dao);
        assert_eq!(dao.origin, Origin::SiteConfig);
        assert_eq!(
            dao.published.as_ref().map(|(id, _)| id.as_str()),
            Some(environment::DAO_TI_API_CLIENT_ID)
        );
        assert!(dao.differs_from_published());
        // The page opens on eLys; config.json's DAO default and a stored choice say so.
        assert_eq!(
            brand(Brand::Elys, None, None).origin,
            Origin::Published(Fact::RenamedToElys)
        );
        assert_eq!(
            brand(Brand::Dao, Some(Brand::Dao), None).origin,
            Origin::SiteConfig
        );
        assert_eq!(
            brand(Brand::Dao, None, Some(Brand::Dao)).origin,
            Origin::Stored
        );
        assert_eq!(brand(Brand::Dao, None, None).origin, Origin::Typed);
        assert_eq!(
            brand(Brand::Elys, Some(Brand::Dao), Some(Brand::Elys)).origin,
            Origin::Published(Fact::RenamedToElys)
        );
        assert!(brand(Brand::Dao, None, None).differs_from_published());
        let email = api_team_email("team@example.org", Origin::Typed);
        assert_eq!(email.origin, Origin::Typed);
        assert_eq!(
            api_team_email(" ", Origin::Stored).origin,
            Origin::NotPublished
        );
    }
}
