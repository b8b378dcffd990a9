//! The optional `config.json` served next to `index.html`, and the endpoints that result from
//! the facts table, that file and the user's own overrides.
//!
//! The file is validated strictly (unknown fields are errors) so a typo does not silently leave
//! a default in place. Example:
//!
//! ```json
//! {
//!   "defaultBrand": "eLys",
//!   "apiTeamEmail": "onboarding@example.org",
//!   "environments": {
//!     "PROD": { "apiClientId": "…", "issuer": "https://…/op", "tokenEndpoint": "https://…/op/v1/token",
//!               "ping": { "dao": "https://…/health/v1/ping", "elys": "https://…/health/v1/ping" } }
//!   }
//! }
//! ```

use std::collections::BTreeMap;

use serde_json::{Map, Value};

use crate::domain::checked::client_id::ClientId;
use crate::domain::checked::json::{self, JsonError};
use crate::domain::checked::url::{EndpointUrl, UrlError};
use crate::domain::facts::environment::{self, Brand, Environment};

/// Largest `config.json` accepted.
pub(crate) const MAX_CONFIG_BYTES: usize = 64 * 1024;

/// Endpoint and id overrides for one environment, each checked as it entered.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct EnvironmentOverride {
    /// The ACM issuer.
    pub issuer: Option<EndpointUrl>,
    /// The token endpoint (otherwise issuer + `/v1/token`).
    pub token_endpoint: Option<EndpointUrl>,
    /// The ping endpoint under the DAO name.
    pub ping_dao: Option<EndpointUrl>,
    /// The ping endpoint under the eLys name.
    pub ping_elys: Option<EndpointUrl>,
    /// The API's client id in this environment.
    pub api_client_id: Option<String>,
}

/// A validated site configuration. The default (no file) changes nothing.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SiteConfig {
    /// The brand the page starts with.
    pub default_brand: Option<Brand>,
    /// Where the mail to the API team goes.
    pub api_team_email: Option<String>,
    /// Overrides per environment.
    pub environments: BTreeMap<Environment, EnvironmentOverride>,
}

/// What is wrong with `config.json`; `path` is the dotted path of the offending field.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum ConfigError {
    /// The file is not valid JSON.
    Json(JsonError),
    /// A field the page does not know (a typo, most likely).
    UnknownField {
        /// Where, as `a.b.c`.
        path: String,
    },
    /// A field of the wrong JSON type.
    WrongType {
        /// Where, as `a.b.c`.
        path: String,
        /// The type expected there.
        expected: &'static str,
    },
    /// An environment other than `beta`, `acc` or `PROD`.
    UnknownEnvironment {
        /// Where, as `a.b.c`.
        path: String,
    },
    /// A brand other than `DAO` or `eLys`.
    UnknownBrand {
        /// Where, as `a.b.c`.
        path: String,
        /// The value found.
        value: String,
    },
    /// Not a usable URL.
    BadUrl {
        /// Where, as `a.b.c`.
        path: String,
        /// What is wrong with it.
        problem: UrlError,
    },
    /// Not a client id the page takes (see `checked::client_id::ClientId`).
    BadClientId {
        /// Where, as `a.b.c`.
        path: String,
    },
    /// Not an e-mail address.
    BadEmail {
        /// Where, as `a.b.c`.
        path: String,
    },
}

fn string_at<'a>(
    object: &'a Map<String, Value>,
    key: &str,
    path: &str,
) -> Result<Option<&'a str>, ConfigError> {
    match object.get(key) {
        None | Some(Value::Null) => Ok(None),
        Some(Value::String(s)) => Ok(Some(s)),
        Some(_) => Err(ConfigError::WrongType {
            path: format!("{path}{key}"),
            expected: "string",
        }),
    }
}

fn object_at<'a>(value: &'a Value, path: &str) -> Result<&'a Map<String, Value>, ConfigError> {
    value.as_object().ok_or_else(|| ConfigError::WrongType {
        path: path.to_string(),
        expected: "object",
    })
}

fn only_known(object: &Map<String, Value>, known: &[&str], path: &str) -> Result<(), ConfigError> {
    match object.keys().find(|key| !known.contains(&key.as_str())) {
        Some(key) => Err(ConfigError::UnknownField {
            path: format!("{path}{key}"),
        }),
        None => Ok(()),
    }
}

fn url_at(
    object: &Map<String, Value>,
    key: &str,
    path: &str,
) -> Result<Option<EndpointUrl>, ConfigError> {
    string_at(object, key, path)?
        .map(|raw| {
            EndpointUrl::parse(raw).map_err(|problem| ConfigError::BadUrl {
                path: format!("{path}{key}"),
                problem,
            })
        })
        .transpose()
}

/// Reads the answer to `GET config.json`: `None` when there is no config (a 404 or any other
/// error status, an empty body, or an HTML page, which is what static hosts with a single-page
/// fallback answer for a missing file) and the page silently keeps its defaults; otherwise the
/// validated config or why it is invalid, which the page reports.
pub fn read_answer(
    status: u16,
    content_type: Option<&str>,
    body: &str,
) -> Option<Result<SiteConfig, ConfigError>> {
    if !(200..300).contains(&status) {
        return None;
    }
    let text = json::clean_text(body);
    let html_type = content_type.is_some_and(|t| t.to_ascii_lowercase().contains("html"));
    if text.is_empty() || html_type || text.starts_with('<') {
        return None;
    }
    Some(parse_site_config(body))
}

/// Parses and validates `config.json`.
pub(crate) fn parse_site_config(text: &str) -> Result<SiteConfig, ConfigError> {
    let root = json::parse_object(text, MAX_CONFIG_BYTES).map_err(ConfigError::Json)?;
    only_known(
        &root,
        &["defaultBrand", "apiTeamEmail", "environments", "$comment"],
        "",
    )?;
    let mut config = SiteConfig::default();
    if let Some(raw) = string_at(&root, "defaultBrand", "")? {
        config.default_brand =
            Some(Brand::parse(raw).ok_or_else(|| ConfigError::UnknownBrand {
                path: "defaultBrand".into(),
                value: raw.to_string(),
            })?);
    }
    if let Some(raw) = string_at(&root, "apiTeamEmail", "")? {
        let email = raw.trim();
        let valid = email.split_once('@').is_some_and(|(local, domain)| {
            !local.is_empty() && domain.contains('.') && !email.chars().any(char::is_whitespace)
        });
        if !valid {
            return Err(ConfigError::BadEmail {
                path: "apiTeamEmail".into(),
            });
        }
        config.api_team_email = Some(email.to_string());
    }
    if let Some(environments) = root.get("environments") {
        for (key, value) in object_at(environments, "environments")? {
            let path = format!("environments.{key}.");
            let env = Environment::parse(key).ok_or_else(|| ConfigError::UnknownEnvironment {
                path: format!("environments.{key}"),
            })?;
            let object = object_at(value, path.trim_end_matches('.'))?;
            only_known(
                object,
                &["issuer", "tokenEndpoint", "ping", "apiClientId"],
                &path,
            )?;
            let mut entry = EnvironmentOverride {
                issuer: url_at(object, "issuer", &path)?,
                token_endpoint: url_at(object, "tokenEndpoint", &path)?,
                api_client_id: string_at(object, "apiClientId", &path)?
                    .filter(|s| !s.trim().is_empty())
                    .map(|raw| {
                        ClientId::parse(raw)
                            .map(|id| id.as_str().to_string())
                            .map_err(|_| ConfigError::BadClientId {
                                path: format!("{path}apiClientId"),
                            })
                    })
                    .transpose()?,
                ..EnvironmentOverride::default()
            };
            if let Some(ping) = object.get("ping") {
                let ping_path = format!("{path}ping.");
                let ping = object_at(ping, ping_path.trim_end_matches('.'))?;
                only_known(ping, &["dao", "elys"], &ping_path)?;
                entry.ping_dao = url_at(ping, "dao", &ping_path)?;
                entry.ping_elys = url_at(ping, "elys", &ping_path)?;
            }
            config.environments.insert(env, entry);
        }
    }
    Ok(config)
}

/// The three endpoints a client talks to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Endpoints {
    /// The ACM issuer (also the assertion's default `aud`).
    pub issuer: String,
    /// ACM's token endpoint.
    pub token_endpoint: String,
    /// The API's ping endpoint for the chosen brand.
    pub ping: String,
}

/// Endpoint fields the user changed for one environment (kept in the settings store).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct EndpointOverrides {
    /// The issuer entered by the user.
    pub issuer: Option<String>,
    /// The token endpoint entered by the user.
    pub token: Option<String>,
    /// The ping endpoint entered by the user.
    pub ping: Option<String>,
}

impl EndpointOverrides {
    /// True when the user overrides nothing.
    pub fn is_empty(&self) -> bool {
        self.issuer.is_none() && self.token.is_none() && self.ping.is_none()
    }

    /// The three fields, for a rule that treats each alike.
    pub fn fields_mut(&mut self) -> [&mut Option<String>; 3] {
        [&mut self.issuer, &mut self.token, &mut self.ping]
    }
}

/// Which of the three endpoint fields a value came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum EndpointField {
    /// The issuer field (`issuer-url`).
    Issuer,
    /// The token endpoint field (`token-url`).
    Token,
    /// The ping endpoint field (`ping-url`).
    Ping,
}

impl EndpointField {
    /// The field's automation handle.
    pub fn testid(self) -> &'static str {
        match self {
            EndpointField::Issuer => "issuer-url",
            EndpointField::Token => "token-url",
            EndpointField::Ping => "ping-url",
        }
    }
}

/// The three endpoints, each checked at the door: what requests, programs and commands use.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CheckedEndpoints {
    /// The ACM issuer.
    pub issuer: EndpointUrl,
    /// ACM's token endpoint.
    pub token_endpoint: EndpointUrl,
    /// The API's ping endpoint.
    pub ping: EndpointUrl,
}

impl Endpoints {
    /// The three endpoints as checked URLs, or the first field that does not pass.
    pub fn checked(&self) -> Result<CheckedEndpoints, (EndpointField, UrlError)> {
        let check = |field, raw: &str| EndpointUrl::parse(raw).map_err(|e| (field, e));
        Ok(CheckedEndpoints {
            issuer: check(EndpointField::Issuer, &self.issuer)?,
            token_endpoint: check(EndpointField::Token, &self.token_endpoint)?,
            ping: check(EndpointField::Ping, &self.ping)?,
        })
    }

    /// The user's overrides laid over these endpoints. A changed issuer moves the token endpoint
    /// along (issuer + `/v1/token`) unless the token endpoint was overridden too.
    #[must_use]
    pub fn with_overrides(self, overrides: Option<&EndpointOverrides>) -> Endpoints {
        let Some(o) = overrides else {
            return self;
        };
        let token_endpoint = match (&o.token, &o.issuer) {
            (Some(token), _) => token.clone(),
            (None, Some(issuer)) => environment::token_endpoint(issuer),
            (None, None) => self.token_endpoint,
        };
        Endpoints {
            issuer: o.issuer.clone().unwrap_or(self.issuer),
            token_endpoint,
            ping: o.ping.clone().unwrap_or(self.ping),
        }
    }
}

impl SiteConfig {
    fn environment(&self, env: Environment) -> Option<&EnvironmentOverride> {
        self.environments.get(&env)
    }

    /// The defaults for an environment and brand: the facts table, overridden by this config.
    pub fn endpoints(&self, env: Environment, brand: Brand) -> Endpoints {
        let overrides = self.environment(env);
        let issuer = overrides.and_then(|o| o.issuer.as_ref()).map_or_else(
            || env.acm_side().issuer().to_string(),
            EndpointUrl::to_string,
        );
        let token_endpoint = overrides
            .and_then(|o| o.token_endpoint.as_ref())
            .map_or_else(
                || environment::token_endpoint(&issuer),
                EndpointUrl::to_string,
            );
        let ping_override = overrides.and_then(|o| match brand {
            Brand::Dao => o.ping_dao.as_ref().map(EndpointUrl::to_string),
            Brand::Elys => o.ping_elys.as_ref().map(EndpointUrl::to_string),
        });
        let ping = ping_override.unwrap_or_else(|| env.facts().ping_url(brand).to_string());
        Endpoints {
            issuer,
            token_endpoint,
            ping,
        }
    }

    /// The API's client id for an environment and brand: this config's, else the published one
    /// (only the onboarding text's DAO T&I id), else unknown.
    pub(crate) fn api_client_id(&self, env: Environment, brand: Brand) -> Option<String> {
        self.environment(env)
            .and_then(|o| o.api_client_id.clone())
            .or_else(|| environment::published_api_client_id(brand, env).map(str::to_string))
    }

    /// The brand the page starts with: the site's choice, else eLys.
    pub fn brand(&self) -> Brand {
        self.default_brand.unwrap_or_default()
    }
}

/// What `config.json` may change, as the page holds it without one (the facts table), in
/// `config.json`'s own shape, so a hosted file can be compared field by field
/// (`scripts/verify.sh`, through the release manifest). `apiClientId` is per environment in
/// `config.json` but per brand in the facts, so it is given per brand; `null` is "not
/// published"; `apiTeamEmail` has no default.
pub fn site_defaults() -> Value {
    let site = SiteConfig::default();
    let environments: Map<String, Value> = Environment::ALL
        .into_iter()
        .map(|env| {
            let endpoints = site.endpoints(env, Brand::Elys);
            // `ping`'s keys as in config.json (`dao`, `elys`); the ids' by the brand's name.
            let per_brand = |key: fn(Brand) -> String, field: &dyn Fn(Brand) -> Value| {
                Brand::ALL
                    .into_iter()
                    .map(|brand| (key(brand), field(brand)))
                    .collect::<Map<String, Value>>()
            };
            let ids = per_brand(|b| b.name().to_string(), &|brand| {
                site.api_client_id(env, brand)
                    .map_or(Value::Null, Value::String)
            });
            let pings = per_brand(|b| b.name().to_ascii_lowercase(), &|brand| {
                Value::String(site.endpoints(env, brand).ping)
            });
            let mut entry = Map::new();
            entry.insert("apiClientId".into(), Value::Object(ids));
            entry.insert("issuer".into(), Value::String(endpoints.issuer));
            entry.insert(
                "tokenEndpoint".into(),
                Value::String(endpoints.token_endpoint),
            );
            entry.insert("ping".into(), Value::Object(pings));
            (env.code().to_string(), Value::Object(entry))
        })
        .collect();
    let mut defaults = Map::new();
    defaults.insert(
        "defaultBrand".into(),
        Value::String(site.brand().name().into()),
    );
    defaults.insert("apiTeamEmail".into(), Value::Null);
    defaults.insert("environments".into(), Value::Object(environments));
    Value::Object(defaults)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_token_endpoint_of_its_own_overrides_the_issuer_s() {
        let text = r#"{"environments":{"PROD":{"issuer":"https://idp.example/op","tokenEndpoint":"https://idp.example/token"}}}"#;
        let Some(Ok(config)) = read_answer(200, Some("application/json"), text) else {
            panic!("a valid config");
        };
        let endpoints = config.endpoints(Environment::Prod, Brand::Elys);
        assert_eq!(endpoints.issuer, "https://idp.example/op");
        assert_eq!(endpoints.token_endpoint, "https://idp.example/token");
        // Without it: the issuer's.
        let text = r#"{"environments":{"PROD":{"issuer":"https://idp.example/op"}}}"#;
        let Some(Ok(config)) = read_answer(200, Some("application/json"), text) else {
            panic!("a valid config");
        };
        assert_eq!(
            config
                .endpoints(Environment::Prod, Brand::Elys)
                .token_endpoint,
            "https://idp.example/op/v1/token"
        );
    }

    #[test]
    fn the_site_defaults_are_the_facts_in_config_json_s_shape() {
        let defaults = site_defaults();
        assert_eq!(defaults["defaultBrand"], "eLys");
        assert_eq!(defaults["apiTeamEmail"], Value::Null);
        let prod = &defaults["environments"]["PROD"];
        assert_eq!(prod["issuer"], "https://authenticatie.vlaanderen.be/op");
        assert_eq!(
            prod["tokenEndpoint"],
            "https://authenticatie.vlaanderen.be/op/v1/token"
        );
        assert_eq!(
            prod["ping"]["elys"],
            "https://elys.api.athumi.eu/health/v1/ping"
        );
        assert_eq!(
            prod["ping"]["dao"],
            "https://dao.api.athumi.eu/health/v1/ping"
        );
        assert_eq!(prod["apiClientId"]["DAO"], Value::Null);
        let beta = &defaults["environments"]["beta"];
        assert_eq!(
            beta["apiClientId"]["DAO"],
            environment::published_api_client_id(Brand::Dao, Environment::Beta).unwrap()
        );
        assert_eq!(beta["apiClientId"]["eLys"], Value::Null);
        // Every key a config.json may hold for an environment is compared.
        let environment_keys: Vec<&String> = prod.as_object().unwrap().keys().collect();
        assert_eq!(
            environment_keys,
            ["apiClientId", "issuer", "ping", "tokenEndpoint"]
        );
    }

    #[test]
    fn a_missing_config_is_silent_and_only_json_is_judged() {
        assert!(read_answer(404, Some("text/html"), "<h1>Not Found</h1>").is_none());
        assert!(read_answer(500, Some("application/json"), "{}").is_none());
        // A single-page fallback: index.html for any path.
        let index = "<!DOCTYPE html><html lang=\"nl\"><head></head></html>";
        assert!(read_answer(200, Some("text/html; charset=utf-8"), index).is_none());
        assert!(read_answer(200, None, index).is_none());
        assert!(read_answer(200, Some("application/json"), "  ").is_none());
        assert!(matches!(
            read_answer(200, Some("application/json"), r#"{"defaultBrand":"DAO"}"#),
            Some(Ok(_))
        ));
        assert!(matches!(
            read_answer(200, Some("application/json"), r#"{"defaultbrand":"DAO"}"#),
            Some(Err(ConfigError::UnknownField { .. }))
        ));
        assert!(matches!(
            read_answer(200, Some("application/json"), "{"),
            Some(Err(ConfigError::Json(_)))
        ));
    }

    #[test]
    fn no_config_means_the_facts_table() {
        let config = SiteConfig::default();
        let endpoints = config.endpoints(Environment::Beta, Brand::Dao);
        assert_eq!(
            endpoints.issuer,
            "https://authenticatie-ti.vlaanderen.be/op"
        );
        assert_eq!(
            endpoints.token_endpoint,
            "https://authenticatie-ti.vlaanderen.be/op/v1/token"
        );
        assert_eq!(
            endpoints.ping,
            "https://dao.api.beta-athumi.eu/health/v1/ping"
        );
        assert_eq!(
            config
                .api_client_id(Environment::Acc, Brand::Dao)
                .as_deref(),
            Some(environment::DAO_TI_API_CLIENT_ID)
        );
        assert_eq!(config.api_client_id(Environment::Acc, Brand::Elys), None);
        assert_eq!(config.api_client_id(Environment::Prod, Brand::Dao), None);
        assert_eq!(config.brand(), Brand::Elys);
    }

    #[test]
    fn a_full_config_overrides_everything() {
        let config = parse_site_config(
            r#"{"defaultBrand":"eLys","apiTeamEmail":" team@example.org ",
                "environments":{"PROD":{"apiClientId":"prod-id","issuer":"https://idp.example/op",
                "ping":{"elys":"https://api.example/health/v1/ping"}}}}"#,
        )
        .unwrap();
        assert_eq!(config.brand(), Brand::Elys);
        assert_eq!(config.api_team_email.as_deref(), Some("team@example.org"));
        assert_eq!(
            config
                .api_client_id(Environment::Prod, Brand::Elys)
                .as_deref(),
            Some("prod-id")
        );
        let endpoints = config.endpoints(Environment::Prod, Brand::Elys);
        assert_eq!(endpoints.issuer, "https://idp.example/op");
        assert_eq!(endpoints.token_endpoint, "https://idp.example/op/v1/token");
        assert_eq!(endpoints.ping, "https://api.example/health/v1/ping");
        // The DAO ping of PROD was not overridden.
        assert_eq!(
            config.endpoints(Environment::Prod, Brand::Dao).ping,
            "https://dao.api.athumi.eu/health/v1/ping"
        );
    }

    #[test]
    fn user_overrides_over_defaults() {
        let defaults = SiteConfig::default().endpoints(Environment::Beta, Brand::Dao);
        assert_eq!(defaults.clone().with_overrides(None), defaults);
        let issuer_only = EndpointOverrides {
            issuer: Some("http://127.0.0.1:9000/op".into()),
            ..EndpointOverrides::default()
        };
        let moved = defaults.clone().with_overrides(Some(&issuer_only));
        assert_eq!(moved.token_endpoint, "http://127.0.0.1:9000/op/v1/token");
        assert_eq!(moved.ping, defaults.ping);
        let all = EndpointOverrides {
            issuer: Some("http://a/op".into()),
            token: Some("http://b/token".into()),
            ping: Some("http://c/ping".into()),
        };
        let replaced = defaults.with_overrides(Some(&all));
        assert_eq!(
            (
                replaced.issuer.as_str(),
                replaced.token_endpoint.as_str(),
                replaced.ping.as_str()
            ),
            ("http://a/op", "http://b/token", "http://c/ping")
        );
        assert!(EndpointOverrides::default().is_empty());
    }

    #[test]
    fn broken_configs_say_where() {
        let cases: [(&str, ConfigError); 8] = [
            (
                r#"{"defaultbrand":"eLys"}"#,
                ConfigError::UnknownField {
                    path: "defaultbrand".into(),
                },
            ),
            (
                r#"{"defaultBrand":"ELIS"}"#,
                ConfigError::UnknownBrand {
                    path: "defaultBrand".into(),
                    value: "ELIS".into(),
                },
            ),
            (
                r#"{"defaultBrand":3}"#,
                ConfigError::WrongType {
                    path: "defaultBrand".into(),
                    expected: "string",
                },
            ),
            (
                r#"{"apiTeamEmail":"team"}"#,
                ConfigError::BadEmail {
                    path: "apiTeamEmail".into(),
                },
            ),
            (
                r#"{"environments":{"test":{}}}"#,
                ConfigError::UnknownEnvironment {
                    path: "environments.test".into(),
                },
            ),
            (
                r#"{"environments":{"beta":{"issuer":"authenticatie"}}}"#,
                ConfigError::BadUrl {
                    path: "environments.beta.issuer".into(),
                    problem: UrlError::Scheme,
                },
            ),
            (
                r#"{"environments":{"beta":{"ping":{"doa":"https://x"}}}}"#,
                ConfigError::UnknownField {
                    path: "environments.beta.ping.doa".into(),
                },
            ),
            (
                r#"{"environments":[]}"#,
                ConfigError::WrongType {
                    path: "environments".into(),
                    expected: "object",
                },
            ),
        ];
        for (text, expected) in cases {
            assert_eq!(parse_site_config(text), Err(expected), "{text}");
        }
        assert!(matches!(
            parse_site_config("{"),
            Err(ConfigError::Json(JsonError::Truncated { .. }))
        ));
    }
}
