//! The web shell (wasm32 only): one Leptos component per step, holding signals and calling the
//! domain. No business rule lives here.

pub mod assertion;
pub mod browser;
pub mod check;
pub mod connection;
pub mod diagram;
pub mod key;
pub mod organisation;
pub mod registration;
pub mod software;
pub mod state;
pub(crate) mod widgets;

use leptos::prelude::*;

use self::state::{AppState, Clock, UiLang};
use self::widgets::tr;
use crate::domain::config;
use crate::i18n::{messages, t, T};
use crate::steps::Step;

/// Each step's component with the slice of state it needs: the one place a step is wired.
fn step_view(step: Step, state: AppState) -> AnyView {
    match step {
        Step::Organisation => view! {
            <organisation::OrganisationStep
                form=state.form
                registration=state.registration
                endpoints=state.endpoints
            />
        }
        .into_any(),
        Step::Key => view! { <key::KeyStep signing=state.signing /> }.into_any(),
        Step::Registration => view! {
            <registration::RegistrationStep
                registration=state.registration
                endpoints=state.endpoints
                ticks=state.ticks
                api_team_email=state.api_team_email
                signing=state.signing
            />
        }
        .into_any(),
        Step::Assertion => view! {
            <assertion::AssertionStep
                signing=state.signing
                endpoints=state.endpoints
                registration=state.registration
            />
        }
        .into_any(),
        Step::Connection => view! {
            <connection::ConnectionStep
                connection=state.connection
                signing=state.signing
                check=state.check
                registration=state.registration
                endpoints=state.endpoints
                environment=state.form.environment
            />
        }
        .into_any(),
        Step::Check => view! {
            <check::CheckStep
                check=state.check
                report=state.report
                registration=state.registration
                signing=state.signing
                api_team_email=state.api_team_email
            />
        }
        .into_any(),
        Step::Software => view! {
            <software::SoftwareStep
                signing=state.signing
                registration=state.registration
                endpoints=state.endpoints
            />
        }
        .into_any(),
    }
}

/// The page: header, the steps of `steps::Step::ALL`, footer.
#[component]
pub(crate) fn App(state: AppState) -> impl IntoView {
    provide_context(UiLang(state.lang));
    let clock = RwSignal::new(browser::now_ms());
    provide_context(Clock(clock));
    set_interval(
        move || clock.set(browser::now_ms()),
        std::time::Duration::from_secs(1),
    );

    // Non-secret settings follow every change; see `AppState::settings`. Text that looks like
    // key material is not saved, and the user is told.
    let refused = RwSignal::new(Vec::new());
    Effect::new(move |_| {
        let mut settings = state.settings();
        refused.set(settings.refuse_key_material());
        browser::save_settings(&settings);
    });
    Effect::new(move |_| browser::mark_document("lang", state.lang.get().code()));

    let lang = state.lang;
    let first = Step::ALL[0];

    view! {
        <a class="skip-link" href=format!("#{}", first.id())>
            {tr(first.title())}
        </a>
        <header class="page-header">
            <div class="header-row">
                <h1>{tr(T::AppTitle)}</h1>
                <button
                    type="button"
                    class="btn btn-secondary"
                    data-testid="lang-toggle"
                    lang=move || lang.get().other().code()
                    aria-label=move || t(lang.get(), T::LangToggleLabel)
                    on:click=move |_| lang.update(|l| *l = l.other())
                >
                    {tr(T::LangToggle)}
                </button>
            </div>
            <p>{tr(T::AppIntro)}</p>
            <nav aria-label=move || t(lang.get(), T::NavLabel)>
                <ol class="steps-nav">
                    {Step::ALL
                        .into_iter()
                        .map(|step| {
                            view! {
                                <li>
                                    <a href=format!("#{}", step.id())>{tr(step.title())}</a>
                                </li>
                            }
                        })
                        .collect_view()}
                </ol>
            </nav>
        </header>
        <main>
            {move || {
                state
                    .config_problem
                    .get()
                    .map(|problem| {
                        view! {
                            <p class="msg msg-warning" role="alert" data-testid="config-problem">
                                {move || messages::config_ignored(
                                    lang.get(),
                                    &messages::config_error(lang.get(), &problem),
                                )}
                            </p>
                        }
                    })
            }}
            {move || {
                refused
                    .with(|fields| {
                        (!fields.is_empty())
                            .then(|| {
                                let text = messages::key_material_refused(lang.get(), fields);
                                view! {
                                    <p
                                        class="msg msg-error"
                                        role="alert"
                                        data-testid="key-material-refused"
                                    >
                                        {text}
                                    </p>
                                }
                            })
                    })
            }} {Step::ALL.into_iter().map(|step| step_view(step, state)).collect_view()}
        </main>
        <footer class="page-footer">
            <p data-testid="footer-promise">{tr(T::FooterPromise)}</p>
            <p>{tr(T::FooterRelay)}</p>
        </footer>
    }
}

/// Loads `config.json` next to the page, if there is one, into the state. `brand_chosen`: the
/// user's stored brand, which wins over the site's default.
async fn load_site_config(state: AppState, brand_chosen: bool) {
    let Ok(response) = gloo_net::http::Request::get("config.json")
        .cache(web_sys::RequestCache::NoCache)
        .send()
        .await
    else {
        return;
    };
    let status = response.status();
    let content_type = response.headers().get("content-type");
    let Ok(text) = response.text().await else {
        return;
    };
    // No file (a 404, or a host's single-page fallback answering index.html) is the normal case.
    let Some(read) = config::read_answer(status, content_type.as_deref(), &text) else {
        return;
    };
    match read {
        Ok(site) => {
            if state.api_team_email.with_untracked(String::is_empty) {
                if let Some(email) = &site.api_team_email {
                    state.api_team_email.set(email.clone());
                }
            }
            if !brand_chosen {
                state.form.brand.set(site.brand());
            }
            state.config.set(site);
            browser::mark_document("data-config", "loaded");
        }
        Err(err) => {
            state.config_problem.set(Some(err));
            browser::mark_document("data-config", "invalid");
        }
    }
}

/// Mounts the page; called by `main`.
pub fn start() {
    leptos::mount::mount_to_body(|| {
        // Created under the mount's owner, so the memos live as long as the page.
        let settings = browser::load_settings();
        let state = AppState::from_settings(&settings);
        leptos::task::spawn_local(load_site_config(state, !settings.brand.is_empty()));
        view! { <App state=state /> }
    });
    browser::mark_document(
        "data-ready-ms",
        &(browser::monotonic_ms().round() as i64).to_string(),
    );
}
