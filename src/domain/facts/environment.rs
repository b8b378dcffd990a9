//! The facts table: environments, brands, roles and the public endpoints of ACM/IDM and the API.
//!
//! Everything the page knows about the outside world is data in this one file (`FACTS`), so a
//! renamed host is a one-line change. Endpoints can still be overridden at run time (the UI's
//! endpoint fields and `config.json`), because hosts change faster than releases.

use std::fmt;

listed_enum! {
    /// One registration per environment: the client name, API reference and ACM side follow from it.
    /// The default is the one the page opens on: beta, where an organisation starts.
    #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Default)]
    pub enum Environment {
        /// The beta environment (ACM T&I).
        #[default]
        Beta,
        /// Acceptance (ACM T&I).
        Acc,
        /// Production (ACM production).
        Prod,
    }
}

impl Environment {
    /// The spelling used in the DAO client name and in the UI (`beta`, `acc`, `PROD`).
    pub fn code(self) -> &'static str {
        match self {
            Environment::Beta => "beta",
            Environment::Acc => "acc",
            Environment::Prod => "PROD",
        }
    }

    /// Accepts the DAO and eLys spellings, in any case.
    pub fn parse(raw: &str) -> Option<Environment> {
        match raw.trim().to_ascii_lowercase().as_str() {
            "beta" => Some(Environment::Beta),
            "acc" => Some(Environment::Acc),
            "prod" => Some(Environment::Prod),
            _ => None,
        }
    }

    /// Which ACM/IDM instance (and Beheerportaal) serves this environment.
    pub(crate) fn acm_side(self) -> AcmSide {
        match self {
            Environment::Beta | Environment::Acc => AcmSide::TestAndIntegration,
            Environment::Prod => AcmSide::Production,
        }
    }

    /// The environment's hosts and names, from the facts table.
    pub fn facts(self) -> &'static EnvironmentFacts {
        match self {
            Environment::Beta => &FACTS[0],
            Environment::Acc => &FACTS[1],
            Environment::Prod => &FACTS[2],
        }
    }
}

impl fmt::Display for Environment {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

/// The two ACM/IDM instances of the Flemish government.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum AcmSide {
    /// "T&I": test and integration, serving beta and acc.
    TestAndIntegration,
    /// ACM's production instance.
    Production,
}

impl AcmSide {
    /// The instance's issuer.
    pub fn issuer(self) -> &'static str {
        match self {
            AcmSide::TestAndIntegration => "https://authenticatie-ti.vlaanderen.be/op",
            AcmSide::Production => "https://authenticatie.vlaanderen.be/op",
        }
    }

    /// The instance's Beheerportaal.
    pub fn beheerportaal(self) -> &'static str {
        match self {
            AcmSide::TestAndIntegration => "https://beheerportaal-ti.vlaanderen.be",
            AcmSide::Production => "https://beheerportaal.vlaanderen.be",
        }
    }

    /// The other instance: an answer signed by it means "registered in the wrong environment".
    #[must_use]
    pub fn other(self) -> AcmSide {
        match self {
            AcmSide::TestAndIntegration => AcmSide::Production,
            AcmSide::Production => AcmSide::TestAndIntegration,
        }
    }
}

listed_enum! {
    /// The API's name: eLys, as the API team's documents call it now, or DAO (Digitale Aangifte
    /// Overlijden) as in the onboarding text (before 2025). eLys is the default.
    #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
    pub enum Brand {
        /// The API's former name, as in the onboarding text.
        Dao,
        #[default]
        /// The API's current name.
        Elys,
    }
}

impl Brand {
    /// The name as written (`DAO`, `eLys`).
    pub fn name(self) -> &'static str {
        match self {
            Brand::Dao => "DAO",
            Brand::Elys => "eLys",
        }
    }

    /// The prefix of the role scopes (`dao_depzorg`, `elys_depzorg`).
    pub fn scope_prefix(self) -> &'static str {
        match self {
            Brand::Dao => "dao",
            Brand::Elys => "elys",
        }
    }

    /// The brand of this name, in any case.
    pub fn parse(raw: &str) -> Option<Brand> {
        match raw.trim().to_ascii_lowercase().as_str() {
            "dao" => Some(Brand::Dao),
            "elys" => Some(Brand::Elys),
            _ => None,
        }
    }
}

listed_enum! {
    /// The actor a client acts as; each role has its own scope. One client per actor and environment.
    /// The default is the one the page opens on, the first it offers.
    #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
    pub enum Role {
        /// Funeral homes.
        #[default]
        Uitvaartondernemer,
        /// Crematoria.
        Crematorium,
        /// Cemeteries.
        Begraafplaats,
        /// A local government as the civil registry (lokaal bestuur, burgerlijke stand).
        Lbbs,
        /// The Departement Zorg.
        Depzorg,
        /// Physicians.
        Arts,
    }
}

impl Role {
    /// The role part of the scope, as the API names it.
    pub fn code(self) -> &'static str {
        match self {
            Role::Uitvaartondernemer => "uitvaartondernemer",
            Role::Crematorium => "crematorium",
            Role::Begraafplaats => "begraafplaats",
            Role::Lbbs => "lbbs",
            Role::Depzorg => "depzorg",
            Role::Arts => "arts",
        }
    }

    /// A local government (as civil registry or as the body responsible for a cemetery): the
    /// municipal systems `bewaartermijnen.md` gives their own retention duties.
    pub fn is_local_government(self) -> bool {
        matches!(self, Role::Lbbs | Role::Begraafplaats)
    }

    /// The role of this code, if any.
    pub fn parse(raw: &str) -> Option<Role> {
        let raw = raw.trim().to_ascii_lowercase();
        Role::ALL.into_iter().find(|role| role.code() == raw)
    }
}

/// What is known about one environment. `None` means "not published; ask the API team".
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EnvironmentFacts {
    /// The environment these facts are about.
    pub environment: Environment,
    /// Ping URL under the current eLys host names.
    pub ping_elys: &'static str,
    /// Ping URL under the DAO host names of the onboarding text.
    pub ping_dao: &'static str,
    /// Whether the onboarding text names this DAO ping host (it names only beta's).
    pub ping_dao_in_onboarding_text: bool,
    /// The API's public `actuator/info` under the eLys host name, which answers the API's
    /// version without a token (the release notes' badges). None is published for DAO's.
    pub actuator_info_elys: &'static str,
}

/// The API's client id that the onboarding text gives for "DAO (Digitale Aangifte Overlijden)
/// API T&I". No other id is published.
pub(crate) const DAO_TI_API_CLIENT_ID: &str = "b3f43c85-53a5-443d-838c-7c2d0359897b";

/// The API's own client id in ACM (to which access is requested), where a source publishes it:
/// only for the DAO reference on the T&I side (beta and acc). Elsewhere `config.json` may give
/// it, or the API team.
pub(crate) fn published_api_client_id(brand: Brand, env: Environment) -> Option<&'static str> {
    match (brand, env.acm_side()) {
        (Brand::Dao, AcmSide::TestAndIntegration) => Some(DAO_TI_API_CLIENT_ID),
        _ => None,
    }
}

/// The scope every client needs besides its role scope.
pub(crate) const BASE_SCOPE: &str = "vo_info";

static FACTS: [EnvironmentFacts; 3] = [
    EnvironmentFacts {
        environment: Environment::Beta,
        ping_elys: "https://elys.api.beta-athumi.eu/health/v1/ping",
        ping_dao: "https://dao.api.beta-athumi.eu/health/v1/ping",
        ping_dao_in_onboarding_text: true,
        actuator_info_elys: "https://elys.api.beta-athumi.eu/actuator/info",
    },
    EnvironmentFacts {
        environment: Environment::Acc,
        ping_elys: "https://elys.api.acc-athumi.eu/health/v1/ping",
        ping_dao: "https://dao.api.acc-athumi.eu/health/v1/ping",
        ping_dao_in_onboarding_text: false,
        actuator_info_elys: "https://elys.api.acc-athumi.eu/actuator/info",
    },
    EnvironmentFacts {
        environment: Environment::Prod,
        ping_elys: "https://elys.api.athumi.eu/health/v1/ping",
        ping_dao: "https://dao.api.athumi.eu/health/v1/ping",
        ping_dao_in_onboarding_text: false,
        actuator_info_elys: "https://elys.api.athumi.eu/actuator/info",
    },
];

impl EnvironmentFacts {
    /// The ping endpoint under the given name.
    pub fn ping_url(&self, brand: Brand) -> &'static str {
        match brand {
            Brand::Dao => self.ping_dao,
            Brand::Elys => self.ping_elys,
        }
    }

    /// The published `actuator/info` of the API under a brand: eLys's only.
    pub fn actuator_info(&self, brand: Brand) -> Option<&'static str> {
        match brand {
            Brand::Elys => Some(self.actuator_info_elys),
            Brand::Dao => None,
        }
    }

    /// Whether the API team's documents still name this ping host. Every DAO host, beta's
    /// included (which the onboarding text gives), was on the security page until the rename
    /// of 2025-05-08 replaced all three with `elys.api.*`.
    pub fn ping_url_current(&self, brand: Brand) -> bool {
        match brand {
            Brand::Dao => false,
            Brand::Elys => true,
        }
    }
}

/// The token endpoint of an issuer, by ACM's convention.
pub fn token_endpoint(issuer: &str) -> String {
    format!("{}/v1/token", issuer.trim_end_matches('/'))
}

/// The OpenID Connect discovery document of an issuer.
pub fn discovery_url(issuer: &str) -> String {
    format!(
        "{}/.well-known/openid-configuration",
        issuer.trim_end_matches('/')
    )
}

/// The `actuator/info` next to a ping endpoint that is not the published one (a stand-in, a
/// host's own copy): the same scheme and host, path `/actuator/info`.
pub fn actuator_info_beside(ping: &str) -> Option<String> {
    let (scheme, rest) = ping.split_once("://")?;
    let host = rest
        .split(['/', '?', '#'])
        .next()
        .filter(|h| !h.is_empty())?;
    Some(format!("{scheme}://{host}/actuator/info"))
}

/// The `actuator/info` to ask for the API's version, for the ping endpoint in effect: the
/// published one for an eLys ping of the table, none for a DAO ping of the table (no source
/// publishes one), and the one beside any other ping endpoint (a stand-in, a host's own).
pub fn actuator_info_for_ping(ping: &str) -> ActuatorInfo {
    if let Some(facts) = FACTS.iter().find(|f| f.ping_elys == ping) {
        return ActuatorInfo::Published(facts.actuator_info_elys.to_string());
    }
    if FACTS.iter().any(|f| f.ping_dao == ping) {
        return ActuatorInfo::NotPublished;
    }
    actuator_info_beside(ping).map_or(ActuatorInfo::NotPublished, ActuatorInfo::BesidePing)
}

/// Where the API's `actuator/info` is, for [`actuator_info_for_ping`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ActuatorInfo {
    /// The address the release notes publish.
    Published(String),
    /// Next to a ping endpoint that is not the table's (same scheme and host).
    BesidePing(String),
    /// No source publishes one for this host.
    NotPublished,
}

/// Every URL the relay may forward to, for the reference nginx allowlist: token and discovery
/// endpoints of both ACM sides, the ping endpoints of both brands in every environment, and the
/// published `actuator/info` of every environment.
pub fn relay_targets() -> Vec<String> {
    let mut targets = Vec::new();
    for side in [AcmSide::TestAndIntegration, AcmSide::Production] {
        targets.push(token_endpoint(side.issuer()));
        targets.push(discovery_url(side.issuer()));
    }
    for facts in &FACTS {
        for brand in Brand::ALL {
            targets.push(facts.ping_url(brand).to_string());
        }
    }
    for facts in &FACTS {
        targets.extend(
            Brand::ALL
                .iter()
                .filter_map(|b| facts.actuator_info(*b))
                .map(str::to_string),
        );
    }
    targets
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn actuator_info_is_published_for_elys_only_and_found_beside_any_ping() {
        assert_eq!(
            Environment::Acc.facts().actuator_info(Brand::Elys),
            Some("https://elys.api.acc-athumi.eu/actuator/info")
        );
        assert_eq!(Environment::Prod.facts().actuator_info(Brand::Dao), None);
        assert_eq!(
            actuator_info_beside("http://127.0.0.1:9001/health/v1/ping").as_deref(),
            Some("http://127.0.0.1:9001/actuator/info")
        );
        assert_eq!(actuator_info_beside("no-url"), None);
        assert_eq!(
            actuator_info_for_ping("https://elys.api.athumi.eu/health/v1/ping"),
            ActuatorInfo::Published("https://elys.api.athumi.eu/actuator/info".into())
        );
        assert_eq!(
            actuator_info_for_ping("https://dao.api.beta-athumi.eu/health/v1/ping"),
            ActuatorInfo::NotPublished
        );
        assert_eq!(
            actuator_info_for_ping("http://127.0.0.1:9001/health/v1/ping"),
            ActuatorInfo::BesidePing("http://127.0.0.1:9001/actuator/info".into())
        );
        let targets = relay_targets();
        for env in Environment::ALL {
            assert!(targets.contains(&env.facts().actuator_info_elys.to_string()));
        }
        assert_eq!(
            targets
                .iter()
                .filter(|t| t.ends_with("/actuator/info"))
                .count(),
            3,
            "exactly the published ones"
        );
    }

    #[test]
    fn environments_map_to_their_acm_side() {
        assert_eq!(Environment::Beta.acm_side(), AcmSide::TestAndIntegration);
        assert_eq!(Environment::Acc.acm_side(), AcmSide::TestAndIntegration);
        assert_eq!(Environment::Prod.acm_side(), AcmSide::Production);
        assert_eq!(
            AcmSide::Production.beheerportaal(),
            "https://beheerportaal.vlaanderen.be"
        );
        assert_eq!(
            AcmSide::TestAndIntegration.issuer(),
            "https://authenticatie-ti.vlaanderen.be/op"
        );
    }

    #[test]
    fn facts_are_indexed_by_their_own_environment() {
        for env in Environment::ALL {
            assert_eq!(env.facts().environment, env);
        }
    }

    #[test]
    fn endpoints_follow_the_issuer() {
        assert_eq!(
            token_endpoint("https://authenticatie-ti.vlaanderen.be/op"),
            "https://authenticatie-ti.vlaanderen.be/op/v1/token"
        );
        assert_eq!(
            token_endpoint("https://authenticatie.vlaanderen.be/op/"),
            "https://authenticatie.vlaanderen.be/op/v1/token"
        );
        assert_eq!(
            discovery_url("https://authenticatie.vlaanderen.be/op"),
            "https://authenticatie.vlaanderen.be/op/.well-known/openid-configuration"
        );
    }

    /// Pinned after `cargo mutants`: every spelling parses, and the page writes each as it is
    /// written in client names.
    #[test]
    fn environments_parse_and_display() {
        for env in Environment::ALL {
            assert_eq!(Environment::parse(env.code()), Some(env));
            assert_eq!(env.to_string(), env.code());
        }
        assert_eq!(Environment::parse(" ACC "), Some(Environment::Acc));
        assert_eq!(Environment::Acc.to_string(), "acc");
        assert_eq!(Environment::parse("test"), None);
    }

    #[test]
    fn ping_urls_per_brand() {
        let beta = Environment::Beta.facts();
        assert_eq!(
            beta.ping_url(Brand::Dao),
            "https://dao.api.beta-athumi.eu/health/v1/ping"
        );
        assert_eq!(
            beta.ping_url(Brand::Elys),
            "https://elys.api.beta-athumi.eu/health/v1/ping"
        );
        // Beta's DAO host is the onboarding text's, and dropped at the rename like the others.
        for env in Environment::ALL {
            assert!(!env.facts().ping_url_current(Brand::Dao), "{env:?}");
            assert!(env.facts().ping_url_current(Brand::Elys), "{env:?}");
        }
        assert!(beta.ping_dao_in_onboarding_text);
        assert!(!Environment::Acc.facts().ping_dao_in_onboarding_text);
        assert_eq!(
            Environment::Prod.facts().ping_url(Brand::Elys),
            "https://elys.api.athumi.eu/health/v1/ping"
        );
    }

    #[test]
    fn the_api_client_id_is_published_only_for_the_dao_reference_on_t_and_i() {
        assert_eq!(
            published_api_client_id(Brand::Dao, Environment::Beta),
            Some(DAO_TI_API_CLIENT_ID)
        );
        assert_eq!(
            published_api_client_id(Brand::Dao, Environment::Acc),
            Some(DAO_TI_API_CLIENT_ID)
        );
        assert_eq!(published_api_client_id(Brand::Dao, Environment::Prod), None);
        for env in Environment::ALL {
            assert_eq!(published_api_client_id(Brand::Elys, env), None);
        }
        assert_eq!(Brand::default(), Brand::Elys);
    }

    #[test]
    fn parsing_accepts_both_spellings() {
        assert_eq!(Environment::parse("PROD"), Some(Environment::Prod));
        assert_eq!(Environment::parse(" prod "), Some(Environment::Prod));
        assert_eq!(Environment::parse("test"), None);
        assert_eq!(Brand::parse("ELYS"), Some(Brand::Elys));
        assert_eq!(Role::parse("Depzorg"), Some(Role::Depzorg));
        assert_eq!(Role::parse("dokter"), None);
    }

    #[test]
    fn relay_targets_cover_every_endpoint_once() {
        let targets = relay_targets();
        // Token and discovery of both ACM sides, 6 pings, 3 published actuator/info.
        assert_eq!(targets.len(), 4 + 6 + 3);
        let unique: std::collections::BTreeSet<_> = targets.iter().collect();
        assert_eq!(unique.len(), targets.len());
        assert!(targets.contains(&"https://authenticatie-ti.vlaanderen.be/op/v1/token".to_string()));
        assert!(targets.contains(&"https://dao.api.athumi.eu/health/v1/ping".to_string()));
    }
}
