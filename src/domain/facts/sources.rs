//! Where every fact the page states comes from.
//!
//! The values themselves live where they are used (`environment`, `naming`, `assertion`, …);
//! this module is the one list of the facts the page states about ACM/IDM and the API, each with
//! its [`Source`]: the onboarding text, a file of the API team's public repository, ACM's
//! documentation, a standard, or "assumed" with the reason. `Fact::source` is an exhaustive
//! `match`, so a fact cannot be added without a source; the tests check that every assumption
//! has a reason and every repository path is one of the documents the page cites.

use crate::domain::facts::environment::{AcmSide, Brand, EnvironmentFacts, Role};

pub use super::documents::{acm, repo, Doc, API_REPOSITORY};

/// The API documentation of a role, which links its Swagger UI on beta.
fn swagger_document(role: Role) -> Doc {
    match role {
        Role::Uitvaartondernemer => repo::API_UITVAART,
        Role::Crematorium => repo::API_CREMATORIUM,
        Role::Begraafplaats => repo::API_BEGRAAFPLAATS,
        Role::Lbbs => repo::API_BURGERLIJKE_STAND,
        Role::Depzorg => repo::API_DEPZORG,
        Role::Arts => repo::API_VASTSTELLING,
    }
}

/// The Swagger UI of a role's API on beta, exactly as its API documentation links it (the
/// physician's is under the DAO host name there).
pub fn swagger_ui(role: Role) -> &'static str {
    match role {
        Role::Uitvaartondernemer => {
            "https://elys.api.beta-athumi.eu/swagger-ui/index.html?urls.primaryName=Uitvaart%20sector"
        }
        Role::Crematorium => {
            "https://elys.api.beta-athumi.eu/swagger-ui/index.html?urls.primaryName=Crematorium"
        }
        Role::Begraafplaats => {
            "https://elys.api.beta-athumi.eu/swagger-ui/index.html?urls.primaryName=Begraafplaats"
        }
        Role::Lbbs => {
            "https://elys.api.beta-athumi.eu/swagger-ui/index.html?urls.primaryName=Dienst%20burgerlijke%20stand"
        }
        Role::Depzorg => {
            "https://elys.api.beta-athumi.eu/swagger-ui/index.html?urls.primaryName=Datadeling"
        }
        Role::Arts => {
            "https://dao.api.beta-athumi.eu/swagger-ui/index.html?urls.primaryName=Vaststelling"
        }
    }
}

/// What the API documents of a role say that its first real requests need, shown after a good
/// ping as next steps (not onboarding rules): JSON-LD with the published context files for a
/// civil registry and a physician, the v2 dossier list for a civil registry, the payment that
/// starts a funeral dossier since 0.28.0.
pub fn api_notes(role: Role) -> &'static [ApiNote] {
    match role {
        Role::Lbbs => &[ApiNote::JsonLdCivilRegistry, ApiNote::DossiersV2],
        Role::Arts => &[ApiNote::JsonLdPhysician],
        Role::Uitvaartondernemer => &[ApiNote::DossierPayment],
        Role::Crematorium | Role::Begraafplaats | Role::Depzorg => &[],
    }
}

/// A next step after a good ping that a role's API documents state (worded in `i18n`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ApiNote {
    /// A civil registry's requests are JSON-LD.
    JsonLdCivilRegistry,
    /// A physician's requests are JSON-LD.
    JsonLdPhysician,
    /// The v2 dossier list replaced v1.
    DossiersV2,
    /// Starting a funeral dossier needs a payment.
    DossierPayment,
}

impl ApiNote {
    /// The fact it states, for its source.
    pub fn fact(self) -> Fact {
        match self {
            ApiNote::JsonLdCivilRegistry => Fact::JsonLdCivilRegistry,
            ApiNote::JsonLdPhysician => Fact::JsonLdPhysician,
            ApiNote::DossiersV2 => Fact::DossiersV2,
            ApiNote::DossierPayment => Fact::DossierPayment,
        }
    }
}

/// eLys's terms of use, which an integrator shows in its software (`uitvaart/doc/README.md`).
pub const TERMS_OF_USE: &str = "https://docs.athumi.eu/elys/help/gebruiksvoorwaarden-elys";

/// Where the release notes are kept since release 0.30.0 (the release notes' own pointer).
pub const RELEASE_NOTES_PAGE: &str = "https://docs.athumi.eu/elys/help/feature-planning";

/// Where a fact comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Source {
    /// The onboarding text this page accompanies (DAO naming: scopes `dao_*` until 2025-04-09,
    /// names and hosts until 2025-05-08).
    OnboardingText,
    /// A document of the API team's repository ([`API_REPOSITORY`]), at the version read.
    ApiRepository(Doc),
    /// What a document of the API team's repository said for a while only: the last version
    /// that says it, and the dates (ISO 8601) between which its history shows it.
    ApiRepositoryHistory {
        /// The last version of the document that says it.
        doc: Doc,
        /// The first dated version that says it.
        from: &'static str,
        /// The date it was changed.
        until: &'static str,
    },
    /// A sentence attributed to a document of the API team's repository that no dated version
    /// in the repository's history holds: cited with that caveat.
    ApiRepositoryUndated(Doc),
    /// What the API team's own demo client does against ACM: its settings file and the code
    /// that uses them, and since when it does so.
    ApiDemo {
        /// The settings (endpoints, authentication method).
        settings: Doc,
        /// The code that builds the request from them.
        code: Doc,
        /// Since when (ISO 8601) the history shows the demo doing it.
        since: &'static str,
    },
    /// A page of ACM's documentation: title and address.
    AcmDocumentation(&'static str, &'static str),
    /// A public standard (an RFC section, the KBO's numbering rule).
    Standard(&'static str),
    /// No public source says it: the page says "assumed", with the reason.
    Assumed(Assumption),
}

impl Source {
    /// The repository's files this source cites, each at the version read, for links.
    pub fn documents(self) -> Vec<Doc> {
        match self {
            Source::ApiRepository(doc)
            | Source::ApiRepositoryHistory { doc, .. }
            | Source::ApiRepositoryUndated(doc) => vec![doc],
            Source::ApiDemo { settings, code, .. } => vec![settings, code],
            Source::OnboardingText
            | Source::AcmDocumentation(..)
            | Source::Standard(_)
            | Source::Assumed(_) => Vec::new(),
        }
    }
}

listed_enum! {
    /// A rule the page applies without a public source, each with its reason (worded in `i18n`).
    #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
    pub enum Assumption {
        /// RS256 is the algorithm of every public example; no document lists what ACM accepts.
        Rs256FromExamples,
        /// PS256 and ES256 are offered, but no source confirms ACM accepts them.
        OtherAlgorithmsUnconfirmed,
        /// The assertion's `aud` may be the issuer instead of the token endpoint: several public ACM
        /// clients use it (Wegen en Verkeer's `jwt-python-script`, the `DCBaaS` scripts), none of them
        /// a source of the page's; the API team's demo sends the token endpoint.
        AudienceIssuer,
        /// At most 600 s between `iat` and `exp`: another Flemish OAuth server's rules and public
        /// ACM scripts' comments only; the only value known to work against ACM is the demo's 60 s.
        LifetimeAtMost600,
        /// A `jti` is accepted once: RFC 7523 allows a server to refuse a reused one.
        JtiSingleUse,
        /// The registered key is looked up by `kid` when the header has one.
        KeyLookupByKid,
        /// `aud` must be one value, not a list.
        SingleAudience,
        /// An `iat` up to 15 s in the future is tolerated (clock differences).
        ClockTolerance,
        /// The DAO ping hosts (beta, acc and production), dropped from the API team's documents at
        /// the rename, still answer.
        DaoPingHosts,
        /// `vo_orgcode` may also be an OVO code or an OV-instellingsnummer (5 or 6 digits, not
        /// checked further): ACM's documentation is said to list them; no document at hand does.
        OtherOrgCodes,
    }
}

impl Assumption {
    /// A stable name for automation (`data-assumption`).
    pub fn id(self) -> &'static str {
        match self {
            Assumption::Rs256FromExamples => "rs256",
            Assumption::OtherAlgorithmsUnconfirmed => "other-algorithms",
            Assumption::AudienceIssuer => "aud-issuer",
            Assumption::LifetimeAtMost600 => "lifetime-600",
            Assumption::JtiSingleUse => "jti-single-use",
            Assumption::KeyLookupByKid => "kid-lookup",
            Assumption::SingleAudience => "single-aud",
            Assumption::ClockTolerance => "clock-tolerance",
            Assumption::DaoPingHosts => "dao-ping-hosts",
            Assumption::OtherOrgCodes => "other-org-codes",
        }
    }
}

/// A fact the page states.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Fact {
    /// The Beheerportaal of ACM T&I.
    BeheerportaalTi,
    /// The Beheerportaal of ACM production.
    BeheerportaalProd,
    /// The issuer of ACM T&I.
    IssuerTi,
    /// The issuer of ACM production.
    IssuerProd,
    /// The token endpoint is the issuer + `/v1/token`.
    TokenEndpoint,
    /// The OpenID Connect discovery document of an issuer.
    DiscoveryDocument,
    /// The eLys ping endpoints.
    PingElys,
    /// The DAO ping endpoint of beta, as the onboarding text gives it.
    PingDaoBeta,
    /// The DAO ping endpoints of all three environments, as the security page published them
    /// until the rename dropped them (the id keeps its first name, `ping-dao-other`).
    PingDaoOther,
    /// That those DAO ping endpoints still answer.
    PingDaoOtherAnswers,
    /// The client name under eLys.
    ClientNameElys,
    /// The client name under DAO.
    ClientNameDao,
    /// The API reference under eLys.
    ApiReferenceElys,
    /// The API reference under DAO.
    ApiReferenceDao,
    /// The DAO reference of beta and acc as client-aanvragen.md gave it before the rename.
    ApiReferenceDaoBetaDated,
    /// The API's client id in DAO T&I.
    ApiClientIdDaoTi,
    /// `vo_info` and the role scope.
    Scopes,
    /// Role scopes start with `elys_` under eLys.
    ScopePrefixElys,
    /// Role scopes start with `dao_` under DAO.
    ScopePrefixDao,
    /// One client per actor and per environment.
    OneClientPerActorAndEnvironment,
    /// The API team approves the client after a mail.
    ApprovalByApiTeam,
    /// The API's owner approves or rejects the link request in the Beheerportaal.
    ApprovalInBeheerportaal,
    /// An integrator requests access in a customer's name.
    IntegratorForCustomer,
    /// An integrator is a trusted party.
    IntegratorTrustedParty,
    /// Users' roles are the client's responsibility.
    RolesAreTheClientsDuty,
    /// The audit log is kept for ten years.
    AuditLogTenYears,
    /// How long eLys shows a file, and what municipalities keep themselves for ten years.
    Retention,
    /// Acc may hold real data.
    AccMayHoldRealData,
    /// Beta holds no personal data.
    BetaHoldsNoPersonalData,
    /// DAO was renamed eLys.
    RenamedToElys,
    /// The organisation makes its own key pair.
    KeyMadeByOrganisation,
    /// The Client Credentials Grant with a JWT.
    ClientCredentialsWithJwt,
    /// RS256 with an RSA key.
    AlgorithmRs256,
    /// PS256 and ES256.
    AlgorithmsOther,
    /// The assertion's claims.
    AssertionClaims,
    /// The assertion's audience: the token endpoint, as the API team's demo client sends it.
    AssertionAudience,
    /// The issuer as the assertion's audience, the other choice.
    AssertionAudienceIssuer,
    /// The assertion's lifetime: at most 600 s.
    AssertionLifetime,
    /// The default lifetime, 60 s: what the API team's demo client signs.
    AssertionLifetimeDefault,
    /// The assertion's `jti`.
    AssertionJti,
    /// The assertion's `kid`.
    AssertionKid,
    /// One `aud`, not a list.
    AssertionSingleAudience,
    /// The tolerated clock difference.
    ClockTolerance,
    /// The token request's form.
    TokenRequest,
    /// The optional `audience` (an API's client id) and `resource` parameters of a token
    /// request, and default scopes: what a published API client id is for.
    TokenAudienceParameter,
    /// ACM's documented discovery example lists client secrets only, and no signing algorithms.
    DiscoveryExampleSecretsOnly,
    /// The ping call's tracing headers.
    PingHeaders,
    /// Those headers are expected on a request since 2024-12-19 (2025-08-19 added "ELKE").
    PingHeadersSince,
    /// The ping answer's fields.
    PingAnswer,
    /// How the ping answer is matched to the registration.
    PingMatchRule,
    /// KBO numbers as organisation codes.
    OrgCodeKbo,
    /// OVO codes as organisation codes.
    OrgCodeOvo,
    /// OV-instellingsnummers as organisation codes.
    OrgCodeOvInstelling,
    /// The access token of the documented example lives 3,600 s.
    TokenLifetimeExample,
    /// What the three `x-*` ids mean.
    TraceIdMeaning,
    /// The API team's own `test` environment, as its repository shows it (example scripts and
    /// Swagger links), with client secrets.
    TestEnvironment,
    /// The demo client's notes: `client_secret` in dev and test.
    TestEnvironmentClientSecret,
    /// Clients are requested for beta, acc and production (client-aanvragen.md).
    ClientEnvironments,
    /// Integrators of every actor check their users' organisation and role (since 2025-05-15).
    IntegratorsCheckUsers,
    /// The Swagger UI of an actor's API on beta, as that actor's API documentation links it.
    SwaggerUi(Role),
    /// Integrators show eLys's terms of use in their software.
    TermsOfUse,
    /// The release notes.
    ReleaseNotes,
    /// The API's public `actuator/info`, which answers its version without a token.
    ActuatorInfo,
    /// Requests of a civil registry (lbbs) are JSON-LD with the published context files.
    JsonLdCivilRegistry,
    /// Requests of a physician are JSON-LD with the published context files.
    JsonLdPhysician,
    /// `/burgerlijke-stand/v1/dossiers` gave way to `/burgerlijke-stand/v2/dossiers`.
    DossiersV2,
    /// Starting a funeral dossier needs a payment since release 0.28.0.
    DossierPayment,
}

impl Fact {
    /// Every fact, in the order the page's source list shows them.
    pub const ALL: [Fact; 72] = [
        Fact::BeheerportaalTi,
        Fact::BeheerportaalProd,
        Fact::IssuerTi,
        Fact::IssuerProd,
        Fact::TokenEndpoint,
        Fact::DiscoveryDocument,
        Fact::PingElys,
        Fact::PingDaoBeta,
        Fact::PingDaoOther,
        Fact::PingDaoOtherAnswers,
        Fact::ClientNameElys,
        Fact::ClientNameDao,
        Fact::ApiReferenceElys,
        Fact::ApiReferenceDao,
        Fact::ApiReferenceDaoBetaDated,
        Fact::ApiClientIdDaoTi,
        Fact::Scopes,
        Fact::ScopePrefixElys,
        Fact::ScopePrefixDao,
        Fact::OneClientPerActorAndEnvironment,
        Fact::ApprovalByApiTeam,
        Fact::ApprovalInBeheerportaal,
        Fact::IntegratorForCustomer,
        Fact::IntegratorTrustedParty,
        Fact::RolesAreTheClientsDuty,
        Fact::AuditLogTenYears,
        Fact::Retention,
        Fact::AccMayHoldRealData,
        Fact::BetaHoldsNoPersonalData,
        Fact::RenamedToElys,
        Fact::KeyMadeByOrganisation,
        Fact::ClientCredentialsWithJwt,
        Fact::AlgorithmRs256,
        Fact::AlgorithmsOther,
        Fact::AssertionClaims,
        Fact::AssertionAudience,
        Fact::AssertionAudienceIssuer,
        Fact::AssertionLifetime,
        Fact::AssertionLifetimeDefault,
        Fact::AssertionJti,
        Fact::AssertionKid,
        Fact::AssertionSingleAudience,
        Fact::ClockTolerance,
        Fact::TokenRequest,
        Fact::TokenAudienceParameter,
        Fact::DiscoveryExampleSecretsOnly,
        Fact::PingHeaders,
        Fact::PingHeadersSince,
        Fact::PingAnswer,
        Fact::PingMatchRule,
        Fact::OrgCodeKbo,
        Fact::OrgCodeOvo,
        Fact::OrgCodeOvInstelling,
        Fact::TokenLifetimeExample,
        Fact::TraceIdMeaning,
        Fact::TestEnvironment,
        Fact::TestEnvironmentClientSecret,
        Fact::ClientEnvironments,
        Fact::IntegratorsCheckUsers,
        Fact::SwaggerUi(Role::Uitvaartondernemer),
        Fact::SwaggerUi(Role::Crematorium),
        Fact::SwaggerUi(Role::Begraafplaats),
        Fact::SwaggerUi(Role::Lbbs),
        Fact::SwaggerUi(Role::Depzorg),
        Fact::SwaggerUi(Role::Arts),
        Fact::TermsOfUse,
        Fact::ReleaseNotes,
        Fact::ActuatorInfo,
        Fact::JsonLdCivilRegistry,
        Fact::JsonLdPhysician,
        Fact::DossiersV2,
        Fact::DossierPayment,
    ];

    /// Where the fact comes from. Exhaustive: a new fact does not compile without a source.
    pub fn source(self) -> Source {
        use self::repo::{
            API_BURGERLIJKE_STAND, API_DEPZORG, API_VASTSTELLING, BEWAARTERMIJNEN,
            CLIENT_AANVRAGEN, DEMO_NOTES, README, RELEASE_NOTES, SECURITY, UITVAART, USERSTORIES,
        };
        use Source::{
            AcmDocumentation, ApiRepository, ApiRepositoryUndated, Assumed, OnboardingText,
            Standard,
        };
        match self {
            Fact::BeheerportaalTi | Fact::BeheerportaalProd => ApiRepository(CLIENT_AANVRAGEN),
            // The ping example of client-aanvragen.md is signed by the T&I issuer.
            Fact::IssuerTi => ApiRepository(CLIENT_AANVRAGEN),
            Fact::IssuerProd | Fact::TokenEndpoint => {
                AcmDocumentation(acm::OAUTH_REST.0, acm::OAUTH_REST.1)
            }
            Fact::DiscoveryDocument => Standard("OpenID Connect Discovery 1.0 §4"),
            Fact::PingElys => ApiRepository(CLIENT_AANVRAGEN),
            Fact::PingDaoBeta => OnboardingText,
            // The security README listed them from 2024-11-14 until the rename on 2025-05-08.
            Fact::PingDaoOther => Source::ApiRepositoryHistory {
                doc: repo::SECURITY_DAO,
                from: "2024-11-14",
                until: "2025-05-08",
            },
            Fact::PingDaoOtherAnswers => Assumed(Assumption::DaoPingHosts),
            Fact::ClientNameElys | Fact::ApiReferenceElys => ApiRepository(CLIENT_AANVRAGEN),
            Fact::ClientNameDao | Fact::ApiReferenceDao | Fact::ApiClientIdDaoTi => OnboardingText,
            // "API T&I" until 2025-01-31, "API beta" from then until the rename.
            Fact::ApiReferenceDaoBetaDated => Source::ApiRepositoryHistory {
                doc: repo::CLIENT_AANVRAGEN_DAO,
                from: "2025-01-31",
                until: "2025-05-08",
            },
            Fact::Scopes | Fact::ScopePrefixElys => ApiRepository(SECURITY),
            Fact::ScopePrefixDao => OnboardingText,
            Fact::OneClientPerActorAndEnvironment => ApiRepository(SECURITY),
            Fact::ApprovalByApiTeam => OnboardingText,
            Fact::ApprovalInBeheerportaal => {
                AcmDocumentation(acm::BEHEERPORTAAL_MANUAL.0, acm::BEHEERPORTAAL_MANUAL.1)
            }
            // The sentence is in no dated version of client-aanvragen.md in the history.
            Fact::IntegratorForCustomer => ApiRepositoryUndated(CLIENT_AANVRAGEN),
            Fact::IntegratorTrustedParty => ApiRepository(USERSTORIES),
            Fact::RolesAreTheClientsDuty => ApiRepository(SECURITY),
            Fact::AuditLogTenYears => ApiRepository(SECURITY),
            Fact::Retention => ApiRepository(BEWAARTERMIJNEN),
            Fact::AccMayHoldRealData | Fact::BetaHoldsNoPersonalData => ApiRepository(README),
            Fact::RenamedToElys => ApiRepository(CLIENT_AANVRAGEN),
            Fact::KeyMadeByOrganisation | Fact::ClientCredentialsWithJwt => {
                ApiRepository(CLIENT_AANVRAGEN)
            }
            Fact::AlgorithmRs256 => Assumed(Assumption::Rs256FromExamples),
            Fact::AlgorithmsOther => Assumed(Assumption::OtherAlgorithmsUnconfirmed),
            Fact::AssertionClaims => Standard("RFC 7523 §3"),
            // Spring Security's converter puts the provider's token-uri in `aud`.
            Fact::AssertionAudience => Source::ApiDemo {
                settings: repo::DEMO_BETA_SETTINGS,
                code: repo::DEMO_SECURITY_CONFIG,
                since: "2024-11-25",
            },
            Fact::AssertionAudienceIssuer => Assumed(Assumption::AudienceIssuer),
            Fact::AssertionLifetime => Assumed(Assumption::LifetimeAtMost600),
            // Spring Security's converter signs assertions that live 60 s.
            Fact::AssertionLifetimeDefault => Source::ApiDemo {
                settings: repo::DEMO_BETA_SETTINGS,
                code: repo::DEMO_SECURITY_CONFIG,
                since: "2024-11-25",
            },
            Fact::AssertionJti => Assumed(Assumption::JtiSingleUse),
            Fact::AssertionKid => Assumed(Assumption::KeyLookupByKid),
            Fact::AssertionSingleAudience => Assumed(Assumption::SingleAudience),
            Fact::ClockTolerance => Assumed(Assumption::ClockTolerance),
            Fact::TokenRequest => Standard("RFC 6749 §4.4, RFC 7521 §4.2, RFC 7523 §2.2"),
            Fact::TokenAudienceParameter => {
                AcmDocumentation(acm::ACCESS_TOKEN_REQUEST.0, acm::ACCESS_TOKEN_REQUEST.1)
            }
            Fact::DiscoveryExampleSecretsOnly => {
                AcmDocumentation(acm::DISCOVERY_URL.0, acm::DISCOVERY_URL.1)
            }
            Fact::PingHeaders => ApiRepository(SECURITY),
            Fact::PingHeadersSince => ApiRepository(repo::SECURITY_HEADERS_FIRST),
            Fact::PingAnswer => ApiRepository(CLIENT_AANVRAGEN),
            Fact::PingMatchRule => OnboardingText,
            Fact::OrgCodeKbo => Standard("KBO/BCE, FOD Economie"),
            Fact::OrgCodeOvo | Fact::OrgCodeOvInstelling => Assumed(Assumption::OtherOrgCodes),
            // The example's iat and exp are an hour apart (08:55:56 and 09:55:56).
            Fact::TokenLifetimeExample => ApiRepository(CLIENT_AANVRAGEN),
            Fact::TraceIdMeaning => ApiRepository(SECURITY),
            // The example scripts of every actor use test; departementzorg's and vaststelling's
            // API documents link its Swagger UI.
            Fact::TestEnvironment => ApiRepository(API_DEPZORG),
            Fact::TestEnvironmentClientSecret => ApiRepository(DEMO_NOTES),
            Fact::ClientEnvironments => ApiRepository(CLIENT_AANVRAGEN),
            // "Hetzelfde geldt voor de integratoren voor de overige actoren" (2025-05-15).
            Fact::IntegratorsCheckUsers => ApiRepository(SECURITY),
            Fact::SwaggerUi(role) => ApiRepository(swagger_document(role)),
            Fact::TermsOfUse => ApiRepository(UITVAART),
            Fact::ReleaseNotes | Fact::ActuatorInfo => ApiRepository(RELEASE_NOTES),
            // Both documents say "Alle requests moeten voldoen aan het JSON-ld formaat".
            Fact::JsonLdPhysician => ApiRepository(API_VASTSTELLING),
            Fact::JsonLdCivilRegistry | Fact::DossiersV2 => ApiRepository(API_BURGERLIJKE_STAND),
            // 0.28.0 (17/09/2025): the old endpoint to start a dossier is removed; a payment by
            // redirect flow or by wallet comes first.
            Fact::DossierPayment => ApiRepository(RELEASE_NOTES),
        }
    }

    /// A stable name for automation (`data-fact`).
    pub fn id(self) -> &'static str {
        match self {
            Fact::BeheerportaalTi => "beheerportaal-ti",
            Fact::BeheerportaalProd => "beheerportaal-prod",
            Fact::IssuerTi => "issuer-ti",
            Fact::IssuerProd => "issuer-prod",
            Fact::TokenEndpoint => "token-endpoint",
            Fact::DiscoveryDocument => "discovery",
            Fact::PingElys => "ping-elys",
            Fact::PingDaoBeta => "ping-dao-beta",
            Fact::PingDaoOther => "ping-dao-other",
            Fact::PingDaoOtherAnswers => "ping-dao-other-answers",
            Fact::ClientNameElys => "client-name-elys",
            Fact::ClientNameDao => "client-name-dao",
            Fact::ApiReferenceElys => "api-reference-elys",
            Fact::ApiReferenceDao => "api-reference-dao",
            Fact::ApiReferenceDaoBetaDated => "api-reference-dao-beta-dated",
            Fact::ApiClientIdDaoTi => "api-client-id-dao-ti",
            Fact::Scopes => "scopes",
            Fact::ScopePrefixElys => "scope-prefix-elys",
            Fact::ScopePrefixDao => "scope-prefix-dao",
            Fact::OneClientPerActorAndEnvironment => "one-client",
            Fact::ApprovalByApiTeam => "approval",
            Fact::ApprovalInBeheerportaal => "approval-beheerportaal",
            Fact::IntegratorForCustomer => "integrator-customer",
            Fact::IntegratorTrustedParty => "integrator-trusted-party",
            Fact::RolesAreTheClientsDuty => "roles",
            Fact::AuditLogTenYears => "audit-log",
            Fact::Retention => "retention",
            Fact::AccMayHoldRealData => "acc-real-data",
            Fact::BetaHoldsNoPersonalData => "beta-no-personal-data",
            Fact::RenamedToElys => "renamed",
            Fact::KeyMadeByOrganisation => "key-pair",
            Fact::ClientCredentialsWithJwt => "ccg-jwt",
            Fact::AlgorithmRs256 => "alg-rs256",
            Fact::AlgorithmsOther => "alg-other",
            Fact::AssertionClaims => "assertion-claims",
            Fact::AssertionAudience => "assertion-aud",
            Fact::AssertionAudienceIssuer => "assertion-aud-issuer",
            Fact::AssertionLifetime => "assertion-lifetime",
            Fact::AssertionLifetimeDefault => "assertion-lifetime-default",
            Fact::AssertionJti => "assertion-jti",
            Fact::AssertionKid => "assertion-kid",
            Fact::AssertionSingleAudience => "assertion-single-aud",
            Fact::ClockTolerance => "clock-tolerance",
            Fact::TokenRequest => "token-request",
            Fact::TokenAudienceParameter => "token-audience",
            Fact::DiscoveryExampleSecretsOnly => "discovery-example",
            Fact::PingHeaders => "ping-headers",
            Fact::PingHeadersSince => "ping-headers-since",
            Fact::PingAnswer => "ping-answer",
            Fact::PingMatchRule => "ping-match",
            Fact::OrgCodeKbo => "org-code-kbo",
            Fact::OrgCodeOvo => "org-code-ovo",
            Fact::OrgCodeOvInstelling => "org-code-ov",
            Fact::TokenLifetimeExample => "token-lifetime-example",
            Fact::TraceIdMeaning => "trace-ids",
            Fact::TestEnvironment => "test-environment",
            Fact::TestEnvironmentClientSecret => "test-environment-client-secret",
            Fact::ClientEnvironments => "client-environments",
            Fact::IntegratorsCheckUsers => "integrators-check-users",
            Fact::SwaggerUi(Role::Uitvaartondernemer) => "swagger-ui-uitvaartondernemer",
            Fact::SwaggerUi(Role::Crematorium) => "swagger-ui-crematorium",
            Fact::SwaggerUi(Role::Begraafplaats) => "swagger-ui-begraafplaats",
            Fact::SwaggerUi(Role::Lbbs) => "swagger-ui-lbbs",
            Fact::SwaggerUi(Role::Depzorg) => "swagger-ui-depzorg",
            Fact::SwaggerUi(Role::Arts) => "swagger-ui-arts",
            Fact::TermsOfUse => "terms-of-use",
            Fact::ReleaseNotes => "release-notes",
            Fact::ActuatorInfo => "actuator-info",
            Fact::JsonLdPhysician => "json-ld-arts",
            Fact::JsonLdCivilRegistry => "json-ld-lbbs",
            Fact::DossiersV2 => "dossiers-v2",
            Fact::DossierPayment => "dossier-payment",
        }
    }

    /// The assumption behind this fact, if it is one.
    pub fn assumption(self) -> Option<Assumption> {
        match self.source() {
            Source::Assumed(assumption) => Some(assumption),
            _ => None,
        }
    }
}

/// What the page applies in the situation described, and takes on trust: the assumptions the
/// proof report lists.
#[allow(
    clippy::struct_excessive_bools,
    reason = "independent yes/no facts about one exchange, named at the call site"
)]
pub struct Situation {
    /// A DAO ping host is used (all three were dropped at the rename).
    pub dao_ping: bool,
    /// The assertion is signed with PS256 or ES256.
    pub algorithm_other_than_rs256: bool,
    /// The assertion carries a `kid`.
    pub assertion_has_kid: bool,
    /// The organisation code is an OVO code or an OV-instellingsnummer.
    pub other_org_code: bool,
    /// The assertion's `aud` is the issuer rather than the token endpoint.
    pub audience_issuer: bool,
}

/// The assumptions in force for a situation, in the order of [`Assumption::ALL`] (a filter of
/// that list rather than a sort: no sort code for a handful of items).
pub fn assumptions_in_force(situation: &Situation) -> Vec<Assumption> {
    Assumption::ALL
        .into_iter()
        .filter(|assumption| match assumption {
            Assumption::Rs256FromExamples => !situation.algorithm_other_than_rs256,
            Assumption::OtherAlgorithmsUnconfirmed => situation.algorithm_other_than_rs256,
            Assumption::AudienceIssuer => situation.audience_issuer,
            Assumption::LifetimeAtMost600
            | Assumption::JtiSingleUse
            | Assumption::SingleAudience
            | Assumption::ClockTolerance => true,
            Assumption::KeyLookupByKid => situation.assertion_has_kid,
            Assumption::DaoPingHosts => situation.dao_ping,
            Assumption::OtherOrgCodes => situation.other_org_code,
        })
        .collect()
}

/// The facts behind the table's values: which `Fact` a value of [`EnvironmentFacts`] rests on,
/// kept with the sources so that the table imports nothing of them.
impl EnvironmentFacts {
    /// The fact behind the ping URL of a brand.
    pub fn ping_fact(&self, brand: Brand) -> Fact {
        match (brand, self.ping_dao_in_onboarding_text) {
            (Brand::Elys, _) => Fact::PingElys,
            (Brand::Dao, true) => Fact::PingDaoBeta,
            (Brand::Dao, false) => Fact::PingDaoOther,
        }
    }

    /// The fact behind an issuer of this environment.
    pub fn issuer_fact(&self) -> Fact {
        match self.environment.acm_side() {
            AcmSide::TestAndIntegration => Fact::IssuerTi,
            AcmSide::Production => Fact::IssuerProd,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_fact_is_listed_once_with_a_source_the_page_can_name() {
        let mut ids: Vec<&str> = Fact::ALL.iter().map(|f| f.id()).collect();
        ids.sort_unstable();
        ids.dedup();
        assert_eq!(ids.len(), Fact::ALL.len(), "ids are unique");
        // The one fact with a value per role is listed for every role (the unit facts are
        // checked by `tests/tidy.rs`).
        for role in Role::ALL {
            assert!(Fact::ALL.contains(&Fact::SwaggerUi(role)), "{role:?}");
        }
        for fact in Fact::ALL {
            // Every repository file a source cites, whatever the kind of source.
            for doc in fact.source().documents() {
                assert!(
                    repo::ALL.contains(&doc),
                    "{fact:?}: unknown document {doc:?}"
                );
            }
            match fact.source() {
                Source::ApiRepository(_)
                | Source::ApiRepositoryUndated(_)
                | Source::ApiRepositoryHistory { .. } => {}
                Source::ApiDemo { since, .. } => assert!(is_iso_date(since), "{fact:?}"),
                Source::AcmDocumentation(title, url) => {
                    assert!(!title.is_empty() && url.starts_with("https://"), "{fact:?}");
                }
                Source::Standard(name) => assert!(!name.trim().is_empty(), "{fact:?}"),
                Source::OnboardingText => {}
                Source::Assumed(assumption) => {
                    assert!(Assumption::ALL.contains(&assumption), "{fact:?}");
                }
            }
        }
    }

    fn is_iso_date(text: &str) -> bool {
        let b = text.as_bytes();
        b.len() == 10
            && b[4] == b'-'
            && b[7] == b'-'
            && b.iter()
                .enumerate()
                .all(|(i, c)| i == 4 || i == 7 || c.is_ascii_digit())
    }

    #[test]
    fn every_document_is_a_dated_version_with_its_link() {
        for doc in repo::ALL {
            assert_eq!(doc.commit.len(), 40, "{doc:?}");
            assert!(
                doc.commit
                    .bytes()
                    .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b)),
                "{doc:?}"
            );
            assert!(is_iso_date(doc.date), "{doc:?}");
            assert!(
                !doc.path.starts_with('/') && !doc.path.contains(".."),
                "{doc:?}"
            );
            assert_eq!(
                doc.url(),
                format!(
                    "https://github.com/athumi-eu/digitale-aangifte-overlijden-demo/blob/{}/{}",
                    doc.commit, doc.path
                )
            );
        }
        assert_eq!(
            repo::CLIENT_AANVRAGEN.url(),
            "https://github.com/athumi-eu/digitale-aangifte-overlijden-demo/blob/\
             ec607c685e42e598c0c7004f8c9ba82df2110fa2/algemeen/security/client-aanvragen.md"
        );
        // A version that said something for a while stands within that while.
        for fact in Fact::ALL {
            if let Source::ApiRepositoryHistory { doc, from, until } = fact.source() {
                assert!(is_iso_date(from) && is_iso_date(until), "{fact:?}");
                assert!(from <= doc.date && doc.date < until, "{fact:?}");
            }
        }
    }

    /// Pinned after `cargo mutants`: each role's Swagger UI as its API documentation links it,
    /// the documents a source cites, and the assumptions' automation ids.
    #[test]
    fn swagger_links_documents_and_assumption_ids() {
        assert_eq!(
            swagger_ui(Role::Lbbs),
            "https://elys.api.beta-athumi.eu/swagger-ui/index.html?urls.primaryName=Dienst%20burgerlijke%20stand"
        );
        for role in Role::ALL {
            assert!(swagger_ui(role).starts_with("https://"), "{role:?}");
            assert!(swagger_ui(role).contains("/swagger-ui/index.html?urls.primaryName="));
        }
        assert_eq!(
            Source::ApiRepository(repo::SECURITY).documents(),
            vec![repo::SECURITY]
        );
        assert_eq!(
            Fact::AssertionAudience.source().documents(),
            vec![repo::DEMO_BETA_SETTINGS, repo::DEMO_SECURITY_CONFIG]
        );
        assert!(Source::OnboardingText.documents().is_empty());
        let mut ids: Vec<&str> = Assumption::ALL.iter().map(|a| a.id()).collect();
        ids.sort_unstable();
        ids.dedup();
        assert_eq!(ids.len(), Assumption::ALL.len());
        assert_eq!(Assumption::AudienceIssuer.id(), "aud-issuer");
    }

    #[test]
    fn api_notes_cite_the_documents_of_their_role() {
        assert_eq!(
            api_notes(Role::Lbbs),
            [ApiNote::JsonLdCivilRegistry, ApiNote::DossiersV2]
        );
        assert_eq!(ApiNote::DossiersV2.fact(), Fact::DossiersV2);
        assert_eq!(
            Fact::JsonLdCivilRegistry.source(),
            Source::ApiRepository(repo::API_BURGERLIJKE_STAND)
        );
        assert_eq!(api_notes(Role::Arts), [ApiNote::JsonLdPhysician]);
        assert_eq!(ApiNote::JsonLdPhysician.fact(), Fact::JsonLdPhysician);
        assert_eq!(
            Fact::JsonLdPhysician.source(),
            Source::ApiRepository(repo::API_VASTSTELLING)
        );
        assert_eq!(
            api_notes(Role::Uitvaartondernemer),
            [ApiNote::DossierPayment]
        );
        assert_eq!(ApiNote::DossierPayment.fact(), Fact::DossierPayment);
        assert_eq!(
            ApiNote::JsonLdCivilRegistry.fact(),
            Fact::JsonLdCivilRegistry
        );
        assert_eq!(
            Fact::DossierPayment.source(),
            Source::ApiRepository(repo::RELEASE_NOTES)
        );
        for role in [Role::Crematorium, Role::Begraafplaats, Role::Depzorg] {
            assert!(api_notes(role).is_empty(), "{role:?}");
        }
    }

    #[test]
    fn acm_documents_what_an_api_client_id_is_for_and_what_discovery_lists() {
        assert_eq!(
            Fact::TokenAudienceParameter.source(),
            Source::AcmDocumentation(acm::ACCESS_TOKEN_REQUEST.0, acm::ACCESS_TOKEN_REQUEST.1)
        );
        assert_eq!(
            Fact::DiscoveryExampleSecretsOnly.source(),
            Source::AcmDocumentation(acm::DISCOVERY_URL.0, acm::DISCOVERY_URL.1)
        );
        assert!(matches!(
            Fact::ApprovalInBeheerportaal.source(),
            Source::AcmDocumentation(..)
        ));
        // The default lifetime is the demo's; the 600 s limit stays an assumption.
        assert!(matches!(
            Fact::AssertionLifetimeDefault.source(),
            Source::ApiDemo { .. }
        ));
        assert_eq!(
            Fact::Retention.source(),
            Source::ApiRepository(repo::BEWAARTERMIJNEN)
        );
        // Required since the first version with the headers; "ELKE" came on 2025-08-19.
        assert_eq!(
            Fact::PingHeadersSince.source(),
            Source::ApiRepository(repo::SECURITY_HEADERS_FIRST)
        );
        assert_eq!(repo::SECURITY_HEADERS_FIRST.date, "2024-12-19");
        assert_eq!(repo::SECURITY.date, "2025-08-19");
    }

    #[test]
    fn the_dao_reference_of_beta_is_dated() {
        assert_eq!(
            Fact::ApiReferenceDaoBetaDated.source(),
            Source::ApiRepositoryHistory {
                doc: repo::CLIENT_AANVRAGEN_DAO,
                from: "2025-01-31",
                until: "2025-05-08"
            }
        );
        // The onboarding text's own reference stays the onboarding text's.
        assert_eq!(Fact::ApiReferenceDao.source(), Source::OnboardingText);
    }

    #[test]
    fn every_assumption_is_behind_a_fact_and_has_an_id() {
        for assumption in Assumption::ALL {
            assert!(
                Fact::ALL.iter().any(|f| f.assumption() == Some(assumption)),
                "{assumption:?} is not the source of any fact"
            );
            assert!(!assumption.id().is_empty());
        }
    }

    #[test]
    fn the_rules_without_a_public_source_are_assumptions() {
        for fact in [
            Fact::AssertionLifetime,
            Fact::AssertionJti,
            Fact::AssertionKid,
            Fact::AssertionSingleAudience,
            Fact::ClockTolerance,
            Fact::AlgorithmsOther,
            Fact::PingDaoOtherAnswers,
        ] {
            assert!(fact.assumption().is_some(), "{fact:?}");
        }
        // Published once, until the rename: a dated, sourced fact, not an assumption.
        assert_eq!(
            Fact::PingDaoOther.source(),
            Source::ApiRepositoryHistory {
                doc: repo::SECURITY_DAO,
                from: "2024-11-14",
                until: "2025-05-08"
            }
        );
        // The token endpoint is the demo's; the issuer is the assumption.
        assert!(matches!(
            Fact::AssertionAudience.source(),
            Source::ApiDemo { .. }
        ));
        assert_eq!(
            Fact::AssertionAudienceIssuer.assumption(),
            Some(Assumption::AudienceIssuer)
        );
        // The integrator sentence is cited with its caveat.
        assert_eq!(
            Fact::IntegratorForCustomer.source(),
            Source::ApiRepositoryUndated(repo::CLIENT_AANVRAGEN)
        );
        assert_eq!(Fact::ApprovalByApiTeam.source(), Source::OnboardingText);
        assert_eq!(
            Fact::AuditLogTenYears.source(),
            Source::ApiRepository(repo::SECURITY)
        );
    }

    #[test]
    fn assumptions_in_force_follow_the_situation() {
        let plain = Situation {
            dao_ping: false,
            algorithm_other_than_rs256: false,
            assertion_has_kid: false,
            other_org_code: false,
            audience_issuer: false,
        };
        let found = assumptions_in_force(&plain);
        assert!(found.contains(&Assumption::Rs256FromExamples));
        // The token endpoint, the demo's audience, takes nothing on trust.
        assert!(!found.contains(&Assumption::AudienceIssuer));
        assert!(!found.contains(&Assumption::KeyLookupByKid));
        assert!(!found.contains(&Assumption::DaoPingHosts));
        // Every DAO host was dropped at the rename, beta's too.
        let dao = assumptions_in_force(&Situation {
            dao_ping: true,
            ..plain
        });
        assert!(dao.contains(&Assumption::DaoPingHosts));
        let all = assumptions_in_force(&Situation {
            dao_ping: true,
            algorithm_other_than_rs256: true,
            assertion_has_kid: true,
            other_org_code: true,
            audience_issuer: true,
        });
        assert!(all.contains(&Assumption::AudienceIssuer));
        assert!(all.contains(&Assumption::OtherAlgorithmsUnconfirmed));
        assert!(!all.contains(&Assumption::Rs256FromExamples));
        assert!(all.contains(&Assumption::KeyLookupByKid));
        assert!(all.contains(&Assumption::DaoPingHosts));
        assert!(all.contains(&Assumption::OtherOrgCodes));
    }
}
