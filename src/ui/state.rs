//! The page's state: source signals grouped by the step that owns them, and the values derived
//! from them through the domain. Steps receive the groups they need as props.
//!
//! Secrets (the key, assertions, the access token) live only in signals here; the settings
//! store is written from [`AppState::settings`], which has no room for them.

use std::collections::{BTreeMap, BTreeSet};

use leptos::prelude::*;

use crate::domain::acm::assertion::{AudienceChoice, JtiLedger, SignedAssertion};

use crate::domain::acm::exchange::Discovery;
use crate::domain::acm::key::{self, RegisteredKeyReport, SigningAlg};
use crate::domain::acm::token::TokenGrant;
use crate::domain::checked::client_id::{ClientId, ClientIdError};
use crate::domain::facts::config::{ConfigError, EndpointField, Endpoints, SiteConfig};
use crate::domain::facts::environment::{Brand, Environment, Role};
use crate::domain::facts::provenance::{self, Origin, Sourced};
use crate::domain::onboarding::checklist::ChecklistItem;

use crate::domain::onboarding::ping::{self, Expectations, PingReport};
use crate::domain::onboarding::registration::{Registration, RegistrationForm};
use crate::domain::onboarding::workspace::{Onboarding, RowId, Workspace};
use crate::domain::onboarding::workspace_file::FileError;
use crate::i18n::Lang;
use crate::settings::{EndpointOverrides, RefusedField, Settings};
use crate::webcrypto::{HeldKey, PendingSave};

use super::browser::StorageProblem;

/// The page language, provided as context to every component.
#[derive(Clone, Copy)]
pub struct UiLang(pub RwSignal<Lang>);

/// The current time in milliseconds, ticking every second, for countdowns.
#[derive(Clone, Copy)]
pub(crate) struct Clock(pub RwSignal<f64>);

/// Step 1: the organisation form.
#[derive(Clone, Copy)]
pub struct OrgForm {
    pub org_name: RwSignal<String>,
    pub org_code: RwSignal<String>,
    pub environment: RwSignal<Environment>,
    pub brand: RwSignal<Brand>,
    pub role: RwSignal<Role>,
    pub integrator: RwSignal<bool>,
}

impl OrgForm {
    pub fn new(form: RegistrationForm) -> OrgForm {
        OrgForm {
            org_name: RwSignal::new(form.org_name),
            org_code: RwSignal::new(form.org_code),
            environment: RwSignal::new(form.environment),
            brand: RwSignal::new(form.brand),
            role: RwSignal::new(form.role),
            integrator: RwSignal::new(form.integrator),
        }
    }

    /// The form as stored settings left it. The brand is the stored choice, else the site's
    /// default (applied again when `config.json` arrives, unless a choice was stored).
    fn restore(settings: &Settings) -> OrgForm {
        OrgForm::new(RegistrationForm {
            org_name: settings.org_name.clone(),
            org_code: settings.org_code.clone(),
            environment: settings.environment,
            brand: settings.brand.unwrap_or_default(),
            role: settings.role,
            integrator: settings.integrator,
        })
    }

    /// Writes the form into the settings; the brand only when it differs from the site's
    /// default (`site_brand`), because only then is it a choice to remember.
    fn store(&self, settings: &mut Settings, site_brand: Brand) {
        let form = self.get();
        settings.org_name = form.org_name;
        settings.org_code = form.org_code;
        settings.environment = form.environment;
        settings.brand = (form.brand != site_brand).then_some(form.brand);
        settings.role = form.role;
        settings.integrator = form.integrator;
    }

    /// The form's values, without subscribing to them (in event handlers).
    pub fn get_untracked(&self) -> RegistrationForm {
        untrack(|| self.get())
    }

    pub fn get(&self) -> RegistrationForm {
        RegistrationForm {
            org_name: self.org_name.get(),
            org_code: self.org_code.get(),
            environment: self.environment.get(),
            brand: self.brand.get(),
            role: self.role.get(),
            integrator: self.integrator.get(),
        }
    }
}

/// ACM's discovery document as the relay check fetched it: what ACM says itself about client
/// authentication, which the assertion step states instead of the page's assumption.
#[derive(Clone, Debug, PartialEq)]
pub struct AcmDiscovery {
    pub discovery: Discovery,
    /// The issuer it was fetched for (it speaks only for that one).
    pub issuer: String,
    /// When it was fetched (Unix seconds).
    pub fetched_at: i64,
}

/// Step 2 and 4: the key and the assertion settings.
#[derive(Clone, Copy)]
pub struct Signing {
    /// The key in the browser's key store (non-extractable `CryptoKey`s) and its public facts.
    pub key: RwSignal<Option<HeldKey>, LocalStorage>,
    /// A generated key not yet saved by the user: the only extractable key, dropped once saved
    /// or declined.
    pub pending_save: RwSignal<Option<PendingSave>, LocalStorage>,
    /// The public JWK or JWKS the user pasted as registered in the Beheerportaal.
    pub registered_text: RwSignal<String>,
    pub client_id: RwSignal<String>,
    /// [`Signing::client_id`] checked once, for every step that needs it.
    pub client_id_checked: Memo<Result<ClientId, ClientIdError>>,
    pub audience: RwSignal<AudienceChoice>,
    /// `None`: the key's default algorithm.
    pub alg: RwSignal<Option<SigningAlg>>,
    pub lifetime: RwSignal<String>,
    /// The assertion last signed in step 4.
    pub assertion: RwSignal<Option<SignedAssertion>>,
    /// The assertion pasted into the linter.
    pub lint_input: RwSignal<String>,
    pub ledger: RwSignal<JtiLedger>,
    /// ACM's discovery document, once the relay check fetched it.
    pub acm_discovery: RwSignal<Option<AcmDiscovery>>,
    /// Whether the token request sends ACM's optional `audience` parameter (the API's client
    /// id): off by default, not stored (`token::api_audience`).
    pub send_api_audience: RwSignal<bool>,
}

impl Signing {
    /// Step 4's fields as stored settings left them; the key and everything signed start empty.
    fn restore(settings: &Settings) -> Signing {
        let client_id = RwSignal::new(settings.client_id.clone());
        Signing {
            key: RwSignal::new_local(None),
            pending_save: RwSignal::new_local(None),
            registered_text: RwSignal::new(String::new()),
            client_id,
            client_id_checked: Memo::new(move |_| client_id.with(|raw| ClientId::parse(raw))),
            audience: RwSignal::new(settings.audience),
            alg: RwSignal::new(None),
            lifetime: RwSignal::new(settings.lifetime.clone()),
            assertion: RwSignal::new(None),
            lint_input: RwSignal::new(String::new()),
            ledger: RwSignal::new(JtiLedger::default()),
            acm_discovery: RwSignal::new(None),
            send_api_audience: RwSignal::new(false),
        }
    }

    fn store(&self, settings: &mut Settings) {
        settings.client_id = self.client_id.get();
        settings.audience = self.audience.get();
        settings.lifetime = self.lifetime.get();
    }

    /// Lets go of a generated key's extractable original (saved, declined, or replaced): the
    /// key is discarded for every handle, then the signal is emptied.
    pub fn drop_pending_save(&self) {
        if let Some(pending) = self.pending_save.get_untracked() {
            pending.discard();
        }
        self.pending_save.set(None);
    }

    /// ACM's `audience` parameter the token request carries, if any, for a registration.
    pub(crate) fn api_audience(&self, registration: &Registration) -> Option<ClientId> {
        crate::domain::acm::token::api_audience(
            self.send_api_audience.get(),
            registration.api_client_id.as_deref(),
        )
    }

    /// The registered-key check, when a key is loaded and the registered key was pasted.
    pub(crate) fn registered_report(&self) -> Option<RegisteredKeyReport> {
        let text = self.registered_text.get();
        if text.trim().is_empty() {
            return None;
        }
        self.key
            .with(|held| key::compare_registered(&held.as_ref()?.info, &text).ok())
    }
}

/// Step 5: relay, endpoints and the token.
#[derive(Clone, Copy)]
pub struct Connection {
    pub relay_url: RwSignal<String>,
    pub overrides: RwSignal<BTreeMap<Environment, EndpointOverrides>>,
    /// The endpoint fields typed in this visit, per environment (the other overrides came from
    /// storage): for each value's origin.
    pub typed_endpoints: RwSignal<BTreeMap<Environment, BTreeSet<EndpointField>>>,
    pub timeout: RwSignal<String>,
    pub token: RwSignal<Option<TokenGrant>>,
    /// When the token arrived (ms), for its countdown.
    pub token_received_ms: RwSignal<f64>,
}

impl Connection {
    /// Step 5's fields as stored settings left them; no token yet.
    fn restore(settings: &Settings) -> Connection {
        Connection {
            relay_url: RwSignal::new(settings.relay_url.clone()),
            overrides: RwSignal::new(settings.endpoint_overrides.clone()),
            typed_endpoints: RwSignal::new(BTreeMap::new()),
            timeout: RwSignal::new(settings.timeout_seconds.clone()),
            token: RwSignal::new(None),
            token_received_ms: RwSignal::new(0.0),
        }
    }

    fn store(&self, settings: &mut Settings) {
        settings.relay_url = self.relay_url.get();
        settings.endpoint_overrides = self.overrides.get();
        settings.timeout_seconds = self.timeout.get();
    }
}

/// What the ping check is run on: pasted or fetched text, or the bytes of a file.
#[derive(Clone, Debug, PartialEq)]
pub enum CheckInput {
    Text(String),
    Bytes(Vec<u8>),
    /// A file too large to read; only its size is known.
    Oversized(usize),
}

/// Step 6: the ping answer under check.
#[derive(Clone, Copy)]
pub struct Check {
    pub text: RwSignal<String>,
    /// The input last submitted and the time (s) it was checked at.
    pub submitted: RwSignal<Option<(CheckInput, i64)>>,
}

/// The onboarding workspace: its rows, the open one, and what the page says about them.
#[derive(Clone, Copy)]
pub struct WorkspaceState {
    pub rows: RwSignal<Workspace>,
    pub current: RwSignal<Option<RowId>>,
    /// A stored workspace the page could not read, kept as it was: never overwritten while
    /// this is set (the user downloads it, or chooses to start a new one).
    pub stored_refused: RwSignal<Option<(String, FileError)>>,
    /// The store's last answer: `None` when the workspace was stored.
    pub storage_problem: RwSignal<Option<StorageProblem>>,
    /// The row last deleted and where it was, until the next change.
    pub undo: RwSignal<Option<(usize, Onboarding)>>,
    /// The single onboarding of an earlier version became the first row at this load.
    pub migrated: RwSignal<bool>,
    pub filter: RwSignal<String>,
    /// The last action's outcome, worded when shown.
    pub notice: RwSignal<Option<WorkspaceNotice>>,
}

/// What the workspace's last action came to.
#[derive(Clone, Debug, PartialEq)]
pub enum WorkspaceNotice {
    Added(String),
    Duplicate(String),
    Full,
    Invalid,
    NextStarted(Environment),
    NextExists(Environment),
    Deleted(String),
    Undone(String),
    Imported { file: String, count: usize },
    ImportRefused { file: String, error: FileError },
}

impl WorkspaceState {
    fn new() -> WorkspaceState {
        WorkspaceState {
            rows: RwSignal::new(Workspace::default()),
            current: RwSignal::new(None),
            stored_refused: RwSignal::new(None),
            storage_problem: RwSignal::new(None),
            undo: RwSignal::new(None),
            migrated: RwSignal::new(false),
            filter: RwSignal::new(String::new()),
            notice: RwSignal::new(None),
        }
    }
}

/// Everything, created once by the app (or by a test).
#[derive(Clone, Copy)]
pub struct AppState {
    pub lang: RwSignal<Lang>,
    pub config: RwSignal<SiteConfig>,
    /// What is wrong with a broken `config.json`, worded when shown (so it follows the toggle).
    pub config_problem: RwSignal<Option<ConfigError>>,
    /// Stored settings that no longer passed their checks, dropped at load (said on the page).
    pub dropped_settings: RwSignal<Vec<RefusedField>>,
    pub form: OrgForm,
    pub ticks: RwSignal<BTreeSet<ChecklistItem>>,
    pub api_team_email: RwSignal<String>,
    pub signing: Signing,
    pub connection: Connection,
    pub check: Check,
    pub registration: Memo<Registration>,
    pub endpoints: Memo<Endpoints>,
    /// The three endpoints in effect, each with where it came from.
    pub sourced_endpoints: Memo<[Sourced; 3]>,
    /// The API's client id in effect, with where it came from.
    pub sourced_api_client_id: Memo<Sourced>,
    /// The API's name in effect, with where it came from.
    pub sourced_brand: Memo<Sourced>,
    /// Every value whose origin the page shows (endpoints, API client id, the API team's
    /// address, the API's name), for the proof of onboarding.
    pub sourced_values: Memo<Vec<Sourced>>,
    /// Step 6's verdict: see [`AppState::report`].
    report: StoredValue<Option<Memo<Option<PingReport>>>>,
    /// The page's owner, for what is created later but lives as long as the page.
    owner: StoredValue<Owner>,
    pub workspace: WorkspaceState,
}

impl AppState {
    /// State initialised from stored settings (or defaults), through [`Settings::restore`]; each
    /// group restores its own fields.
    pub fn from_settings(stored: &Settings) -> AppState {
        let (settings, dropped) = stored.restore();
        let lang = RwSignal::new(settings.lang);
        let config = RwSignal::new(SiteConfig::default());
        let form = OrgForm::restore(&settings);
        let signing = Signing::restore(&settings);
        let connection = Connection::restore(&settings);
        let check = Check {
            text: RwSignal::new(String::new()),
            submitted: RwSignal::new(None),
        };
        let registration =
            Memo::new(move |_| config.with(|c| Registration::from_form(&form.get(), c)));
        let endpoints = Memo::new(move |_| {
            let (env, brand) = (form.environment.get(), form.brand.get());
            let defaults = config.with(|c| c.endpoints(env, brand));
            connection
                .overrides
                .with(|all| defaults.with_overrides(all.get(&env)))
        });
        let sourced_endpoints = Memo::new(move |_| {
            let (env, brand) = (form.environment.get(), form.brand.get());
            connection.overrides.with(|all| {
                connection.typed_endpoints.with(|typed| {
                    let none = BTreeSet::new();
                    let edits = provenance::EndpointEdits {
                        overrides: all.get(&env),
                        typed: typed.get(&env).unwrap_or(&none),
                    };
                    config.with(|c| provenance::endpoints(c, env, brand, edits))
                })
            })
        });
        let sourced_api_client_id = Memo::new(move |_| {
            let (env, brand) = (form.environment.get(), form.brand.get());
            config.with(|c| provenance::api_client_id(c, env, brand))
        });
        let api_team_email = RwSignal::new(settings.api_team_email.clone());
        let stored_email = settings.api_team_email.clone();
        let stored_brand = settings.brand;
        let sourced_brand = Memo::new(move |_| {
            let value = form.brand.get();
            config.with(|c| provenance::brand(value, c.default_brand, stored_brand))
        });
        let sourced_values = Memo::new(move |_| {
            let email = api_team_email.get();
            // The address's origin: config.json's, the stored one, else typed in this visit.
            let origin = if config.with(|c| c.api_team_email.as_deref() == Some(email.as_str())) {
                Origin::SiteConfig
            } else if email == stored_email {
                Origin::Stored
            } else {
                Origin::Typed
            };
            let mut values = sourced_endpoints.get().to_vec();
            values.push(sourced_api_client_id.get());
            values.push(provenance::api_team_email(&email, origin));
            values.push(sourced_brand.get());
            values
        });
        AppState {
            lang,
            config,
            config_problem: RwSignal::new(None),
            dropped_settings: RwSignal::new(dropped),
            form,
            ticks: RwSignal::new(settings.ticks),
            api_team_email,
            signing,
            connection,
            check,
            registration,
            endpoints,
            sourced_endpoints,
            sourced_api_client_id,
            sourced_brand,
            sourced_values,
            report: StoredValue::new(None),
            owner: StoredValue::new(Owner::current().unwrap_or_default()),
            workspace: WorkspaceState::new(),
        }
    }

    /// Step 6's verdict on the ping answer submitted, against what the steps registered.
    /// Created the first time a part asks for it (step 6 and the workspace, both in the chunk
    /// of the shipped page), under the page's owner: so the ping check's code is not in the
    /// first download, and the memo lives as long as the page.
    pub fn report(&self) -> Memo<Option<PingReport>> {
        if let Some(report) = self.report.get_value() {
            return report;
        }
        let (check, registration, endpoints, signing) =
            (self.check, self.registration, self.endpoints, self.signing);
        let report = self.owner.with_value(|owner| {
            owner.with(|| {
                Memo::new(move |_| {
                    let (input, checked_at) = check.submitted.get()?;
                    let expectations = Expectations::from_steps(
                        &registration.get(),
                        &endpoints.get(),
                        &signing.client_id.get(),
                        checked_at,
                    );
                    Some(match input {
                        CheckInput::Text(text) => ping::check_text(&text, &expectations),
                        CheckInput::Bytes(bytes) => ping::check_bytes(&bytes, &expectations),
                        CheckInput::Oversized(bytes) => ping::check_oversized(bytes),
                    })
                })
            })
        });
        self.report.set_value(Some(report));
        report
    }

    /// The non-secret settings to store: each group writes its own fields.
    pub fn settings(&self) -> Settings {
        let mut settings = Settings {
            lang: self.lang.get(),
            ticks: self.ticks.get(),
            api_team_email: self.api_team_email.get(),
            ..Settings::default()
        };
        self.form
            .store(&mut settings, self.config.with(SiteConfig::brand));
        self.signing.store(&mut settings);
        self.connection.store(&mut settings);
        settings
    }
}
