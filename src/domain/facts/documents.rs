//! The documents the page cites: the API team's repository files, each at the version read
//! (`Doc`: path, commit and date, linked at that commit), and ACM's pages. `sources` says which
//! fact rests on which; this module only names them.

/// The API team's public repository, where its documents live.
pub const API_REPOSITORY: &str = "athumi-eu/digitale-aangifte-overlijden-demo";

/// A document of the API team's repository, at the commit the page was checked against: its
/// path, that commit and the commit's date, so the page can say which version it read and link
/// the file as it stood then.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Doc {
    /// The file's path in the repository.
    pub path: &'static str,
    /// The commit (40 hex digits) whose version of the file the page read.
    pub commit: &'static str,
    /// That commit's date (ISO 8601).
    pub date: &'static str,
}

impl Doc {
    /// The file at that commit on the repository's public host.
    pub fn url(self) -> String {
        format!(
            "https://github.com/{API_REPOSITORY}/blob/{}/{}",
            self.commit, self.path
        )
    }
}

/// The documents of the API team's repository that the page cites, each at the newest commit
/// that changed it when the page was last checked against the repository (its history up to
/// 2026-06-29), unless said otherwise.
pub mod repo {
    use super::Doc;

    /// How clients are requested (the Beheerportaal, the public JWK, approval).
    pub const CLIENT_AANVRAGEN: Doc = Doc {
        path: "algemeen/security/client-aanvragen.md",
        commit: "ec607c685e42e598c0c7004f8c9ba82df2110fa2",
        date: "2026-01-22",
    };
    /// client-aanvragen.md as it stood before the rename of 2025-05-08 (DAO names).
    pub const CLIENT_AANVRAGEN_DAO: Doc = Doc {
        path: "algemeen/security/client-aanvragen.md",
        commit: "ab003f3ea30c9296289cd8b0d78ebd89bce3c0e8",
        date: "2025-04-09",
    };
    /// The security overview.
    pub const SECURITY: Doc = Doc {
        path: "algemeen/security/README.md",
        commit: "969e26635ffdcc3b2d9dddfe15f0d8d1edadc58a",
        date: "2025-08-19",
    };
    /// The security overview in its first version with the headers section (then under
    /// `burgerlijke-stand/`): the three `x-*` ids expected on a request since 2024-12-19.
    pub const SECURITY_HEADERS_FIRST: Doc = Doc {
        path: "burgerlijke-stand/doc/security/README.md",
        commit: "54bb1b8a12eddc29e42396dfb55c9e4b3a091897",
        date: "2024-12-19",
    };
    /// The security overview as it stood before the rename of 2025-05-08 (DAO ping hosts).
    pub const SECURITY_DAO: Doc = Doc {
        path: "algemeen/security/README.md",
        commit: "ab003f3ea30c9296289cd8b0d78ebd89bce3c0e8",
        date: "2025-04-09",
    };
    /// Retention periods.
    pub const BEWAARTERMIJNEN: Doc = Doc {
        path: "algemeen/security/bewaartermijnen.md",
        commit: "7fda525fbff6bf3f067d6509110c83f7924b2886",
        date: "2025-05-08",
    };
    /// The funeral-home API's documentation.
    pub const UITVAART: Doc = Doc {
        path: "uitvaart/doc/README.md",
        commit: "7afd865c97fa9c8c12afd1d919ca4c598666fdd8",
        date: "2026-04-24",
    };
    /// The user stories.
    pub const USERSTORIES: Doc = Doc {
        path: "uitvaart/doc/userstories/userstories.md",
        commit: "807ed30f3ffe17d1f014a928e021b514ff21c62d",
        date: "2026-01-29",
    };
    /// The repository's README.
    pub const README: Doc = Doc {
        path: "README.md",
        commit: "90700fafcdfb2d5c93c1b494aef4587ab835a889",
        date: "2025-10-21",
    };
    /// The release notes, with the `actuator/info` badges per environment.
    pub const RELEASE_NOTES: Doc = Doc {
        path: "algemeen/release-notes/realease-notes.md",
        commit: "14b25bfbe34ee53a290fe6542a3651d8c42fb3b1",
        date: "2026-04-20",
    };
    /// The API documentation per actor, each linking its Swagger UI on beta.
    pub const API_UITVAART: Doc = Doc {
        path: "uitvaart/doc/api/README.md",
        commit: "fbb40730a377d3a8745e2ce96095aa4228187d60",
        date: "2026-05-11",
    };
    /// The crematorium's API documentation.
    pub const API_CREMATORIUM: Doc = Doc {
        path: "crematorium/doc/api/README.md",
        commit: "7b6db8ed818bcb488ebb63b092353211cabf4b0d",
        date: "2026-02-03",
    };
    /// The Departement Zorg's API documentation (it links a Swagger UI on test and on beta).
    pub const API_DEPZORG: Doc = Doc {
        path: "departementzorg/doc/api/README.md",
        commit: "ebce9d637f4ff0dee11a6dc86dd38d507337f3b0",
        date: "2025-11-18",
    };
    /// The civil registry's API documentation.
    pub const API_BURGERLIJKE_STAND: Doc = Doc {
        path: "burgerlijke-stand/doc/api/README.md",
        commit: "818dd5670f80432cd8dd74fcc30ac7914ce57033",
        date: "2026-02-11",
    };
    /// The cemetery's API documentation.
    pub const API_BEGRAAFPLAATS: Doc = Doc {
        path: "begraafplaats/doc/api/README.md",
        commit: "eaeb3ca2c12e31817b14f51e7c931dcddaf9275c",
        date: "2025-07-02",
    };
    /// The physician's API documentation (it links a Swagger UI on test and on beta).
    pub const API_VASTSTELLING: Doc = Doc {
        path: "vaststelling/doc/api/README.md",
        commit: "c7c1596d4d115f9b0e1ee96bbaf5c6b262a5aa39",
        date: "2025-02-26",
    };
    /// The API team's demo client's beta settings: `private_key_jwt` against ACM T&I, with its
    /// token-uri (since 2024-11-25).
    pub const DEMO_BETA_SETTINGS: Doc = Doc {
        path: "burgerlijke-stand/src/main/resources/application-beta.yml",
        commit: "4e4ee88a7a410e01c6f7bb7a06fbd97314af0c18",
        date: "2025-10-28",
    };
    /// The demo client's security configuration: Spring Security's
    /// `NimbusJwtClientAuthenticationParametersConverter`, which signs the client assertion with
    /// the provider's token-uri as `aud` (since 2024-11-22).
    pub const DEMO_SECURITY_CONFIG: Doc = Doc {
        path: "burgerlijke-stand/src/main/java/eu/athumi/dao/demoburgerlijkestand/adapter/dao/configuration/SecurityConfig.java",
        commit: "e8c02cac87955674aef6d8ffc6aca56e0670ba8b",
        date: "2026-06-25",
    };
    /// The demo client's notes, which name `client_secret` for dev and test.
    pub const DEMO_NOTES: Doc = Doc {
        path: "burgerlijke-stand/.claude/CLAUDE.md",
        commit: "209c7de6a64e1399a1b81398003e43fd5d6b0bb3",
        date: "2026-06-29",
    };

    /// Every document cited, for the tests.
    pub const ALL: [Doc; 19] = [
        CLIENT_AANVRAGEN,
        CLIENT_AANVRAGEN_DAO,
        SECURITY,
        SECURITY_HEADERS_FIRST,
        SECURITY_DAO,
        BEWAARTERMIJNEN,
        UITVAART,
        USERSTORIES,
        README,
        RELEASE_NOTES,
        API_UITVAART,
        API_CREMATORIUM,
        API_DEPZORG,
        API_BURGERLIJKE_STAND,
        API_BEGRAAFPLAATS,
        API_VASTSTELLING,
        DEMO_BETA_SETTINGS,
        DEMO_SECURITY_CONFIG,
        DEMO_NOTES,
    ];
}

/// ACM's manuals the onboarding text and client-aanvragen.md link to.
pub mod acm {
    /// The Beheerportaal manual.
    pub const BEHEERPORTAAL_MANUAL: (&str, &str) = (
        "Uw OAuth-client beheren via het ACM-Beheerportaal",
        "https://vlaamseoverheid.atlassian.net/wiki/spaces/IKPubliek/pages/6282739963/Uw+OAuth-client+beheren+via+het+ACM-Beheerportaal",
    );
    /// The Client Credentials Grant module.
    pub const CCG_MODULE: (&str, &str) = (
        "Module OAuth Client Credentials Grant: API-Client beheren",
        "https://vlaamseoverheid.atlassian.net/wiki/spaces/GAEP/pages/6377410189/Module+OAuth+Client+Credentials+Grant+API-Client+beheren",
    );
    /// Creating a new client.
    pub const NEW_CLIENT: (&str, &str) = (
        "Nieuwe OAuth client aanmaken",
        "https://vlaamseoverheid.atlassian.net/wiki/x/RY4ffAE",
    );
    /// OAuth for REST APIs.
    pub const OAUTH_REST: (&str, &str) = (
        "Beveiligen van API: OAuth REST",
        "https://authenticatie.vlaanderen.be/docs/beveiligen-van-api/oauth-rest/",
    );

    /// ACM's documented discovery document (its example lists `client_secret_basic` and
    /// `client_secret_post` only, and no `token_endpoint_auth_signing_alg_values_supported`).
    pub const DISCOVERY_URL: (&str, &str) = (
        "Discovery URL",
        "https://authenticatie.vlaanderen.be/docs/beveiligen-van-toepassingen/integratie-methoden/oauth/technische-info/discovery-url/",
    );
    /// The token request of the Client Credentials Grant, with its optional `audience` (an API's
    /// client id) and `resource` parameters and default scopes.
    pub const ACCESS_TOKEN_REQUEST: (&str, &str) = (
        "Aanvraag Access Token",
        "https://authenticatie.vlaanderen.be/docs/beveiligen-van-api/oauth-rest/rest-server2server/aanvraag-access-token/",
    );

    /// The three manuals the onboarding text sends the user to, in its order.
    pub const MANUALS: [(&str, &str); 3] = [BEHEERPORTAAL_MANUAL, CCG_MODULE, NEW_CLIENT];
}
