//! The web shell (wasm32 only): one Leptos component per step, holding signals and calling the
//! domain. No business rule lives here.
//!
//! How a step file is laid out: the step's component owns the step's local signals and wires
//! them; small private components draw each part of the screen (a result, a row, a prompt, a
//! choice) from signals and callbacks passed as props. Lists whose rows live on (the checklist,
//! a JWKS's keys) are keyed `<For>`s, keyed by all a row shows, so a row keeps its element while
//! others come and go; lists that show one result (the check table, the lint report, the
//! diagram) are drawn whole when the result is replaced. Step 5's requests are plain async
//! functions over one `Requests` value (relay, time-out, busy label, cancel, clock skew).

pub mod assertion;
pub mod browser;
pub mod check;
pub mod connection;
pub mod diagram;
pub mod key;
pub mod organisation;
pub mod own_relay;
pub mod parts;
pub mod registration;
pub mod software;
pub mod state;
pub(crate) mod widgets;
pub mod workspace;
pub mod workspace_list;

use leptos::prelude::*;

use self::state::{AppState, Clock, UiLang};
use self::widgets::{message, tr, Tone};
use crate::domain::acm::exchange::ExchangeFailure;
use crate::domain::checked::json::JsonError;
use crate::domain::facts::config::{self, ConfigError};
use crate::domain::facts::environment::Brand;
use crate::i18n::{messages, t, Lang, T};
use crate::net;
use crate::settings::RefusedField;
use crate::steps::Step;

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

    let refused = save_settings_on_change(state);
    // The workspace itself is read and kept by its part (`parts::workspace_view`).
    provide_workspace(state);
    ask_before_leaving_an_unsaved_key(state);
    Effect::new(move |_| browser::mark_document("lang", state.lang.get().code()));

    let lang = state.lang;
    let first = Step::ALL[0];
    // The English texts as the toggle last asked for them ("loaded" until it asks: the
    // background fetch below does not make the toggle busy).
    let english = RwSignal::new(LateState::Loaded);
    let templates = RwSignal::new(LateState::Loading);
    provide_context(LateTemplates(templates));
    // The other language and step 7's templates arrive after the first paint (the page stays
    // usable meanwhile), so the toggle works at once and both work offline later; a stored
    // English choice shows once it is there.
    leptos::task::spawn_local(async move {
        browser::next_frame().await;
        if load_english().await.is_ok() {
            lang.update(|_| {});
        }
        load_templates(templates).await;
    });

    view! {
        <a class="skip-link" href=format!("#{}", first.id())>
            {widgets::step_title(first)}
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
                    aria-busy=move || (english.get() == LateState::Loading).to_string()
                    disabled=move || english.get() == LateState::Loading
                    on:click=move |_| {
                        leptos::task::spawn_local(switch_language(lang, english));
                    }
                >
                    {tr(T::LangToggle)}
                </button>
            </div>
            <Show when=move || {
                english.get() == LateState::Failed
            }>{message!(Tone::Error, "lang-problem"; {tr(T::LangLoadFailed)})}</Show>
            <p>{tr(T::AppIntro)}</p>
            <workspace_list::CurrentOnboarding workspace=state.workspace />
            <nav aria-label=move || t(lang.get(), T::NavLabel)>
                <ol class="steps-nav">
                    {Step::ALL
                        .into_iter()
                        .map(|step| {
                            view! {
                                <li>
                                    <a href=format!(
                                        "#{}",
                                        step.id(),
                                    )>{widgets::step_title(step)}</a>
                                </li>
                            }
                        })
                        .collect_view()}
                </ol>
            </nav>
        </header>
        <main>
            <Notices state=state refused=refused />
            <parts::LaterPart part=parts::Part::Workspace state=state />
            {parts::organisation_view(state)}
            <parts::LaterPart part=parts::Part::LaterSteps state=state />
        </main>
        <footer class="page-footer">
            <p data-testid="footer-promise">{tr(T::FooterPromise)}</p>
            <p>{tr(T::FooterRelay)}</p>
            // The release this is, in no language's words (a name and a number): static text,
            // so it costs the first download next to nothing.
            <p data-testid="page-version">{concat!("dao-onboard ", env!("CARGO_PKG_VERSION"))}</p>
        </footer>
    }
}

/// The workspace as context for the parts that show it (the header's line, the section, step
/// 3's row actions): the page and the browser tests call this.
pub fn provide_workspace(state: AppState) {
    provide_context(state.workspace);
}

/// Non-secret settings follow every change (see `AppState::settings`); text that looks like key
/// material is not saved, and the returned signal says which fields, for the page to tell.
fn save_settings_on_change(state: AppState) -> RwSignal<Vec<RefusedField>> {
    let refused = RwSignal::new(Vec::new());
    Effect::new(move |_| {
        let mut settings = state.settings();
        refused.set(settings.refuse_key_material());
        browser::save_settings(&settings);
    });
    refused
}

/// A generated key that was neither saved nor declined would be lost with the tab, and one
/// registered at ACM by then means registering again: the browser asks first.
fn ask_before_leaving_an_unsaved_key(state: AppState) {
    let pending_save = state.signing.pending_save;
    let unload_guard = window_event_listener(leptos::ev::beforeunload, move |event| {
        if pending_save.with_untracked(Option::is_some) {
            event.prevent_default();
            event.set_return_value("");
        }
    });
    on_cleanup(move || unload_guard.remove());
}

/// What the page says above the steps: a broken `config.json`, fields not saved because they
/// looked like key material, stored settings dropped at load.
#[component]
fn Notices(state: AppState, refused: RwSignal<Vec<RefusedField>>) -> impl IntoView {
    let lang = state.lang;
    view! {
        {move || {
            state
                .config_problem
                .get()
                .map(|problem| {
                    let text = move || {
                        messages::config_ignored(
                            lang.get(),
                            &messages::config_error(lang.get(), &problem),
                        )
                    };
                    view! { {message!(Tone::Warning, "config-problem"; {text})} }
                })
        }}
        <FieldsNotice
            fields=refused.into()
            lang=lang
            tone=Tone::Error
            testid="key-material-refused"
            text=messages::key_material_refused
        />
        <FieldsNotice
            fields=state.dropped_settings.into()
            lang=lang
            tone=Tone::Warning
            testid="stored-settings-dropped"
            text=messages::stored_settings_dropped
        />
    }
}

/// A notice naming fields, shown while there are any.
#[component]
fn FieldsNotice(
    fields: Signal<Vec<RefusedField>>,
    lang: RwSignal<Lang>,
    tone: Tone,
    testid: &'static str,
    text: fn(Lang, &[RefusedField]) -> String,
) -> impl IntoView {
    move || {
        fields.with(|fields| {
            (!fields.is_empty()).then(|| {
                let text = text(lang.get(), fields);
                view! { {message!(tone, testid; {text})} }
            })
        })
    }
}

/// Fetches one of the build's late tables (`domain::templates::late`) from next to the page and installs
/// it when its hash is the one this build has.
async fn load_table(file: &str, install: impl FnOnce(&str) -> bool) -> Result<(), ()> {
    let url = browser::page_file_url(file).ok_or(())?;
    let answer = net::fetch_page_file(url, crate::domain::templates::late::MAX_TABLE_BYTES)
        .await
        .map_err(|_| ())?;
    if answer.status != 200 || !install(&answer.body) {
        return Err(());
    }
    Ok(())
}

/// Fetches the English texts (once; see `i18n::english`).
async fn load_english() -> Result<(), ()> {
    use crate::i18n::english;
    if english::is_installed() {
        return Ok(());
    }
    load_table(crate::i18n::ENGLISH_FILE, |text| {
        english::install(text).is_ok()
    })
    .await
}

/// Whether step 7's templates (`domain::templates::late::TEMPLATES`) are there, provided as context.
#[derive(Clone, Copy)]
pub struct LateTemplates(pub RwSignal<LateState>);

/// Where something that arrives after the first paint is: a late table, the English texts, the
/// chunk of the later steps. The page's one pending state (`widgets::LateNotice` shows it).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LateState {
    Loading,
    Loaded,
    Failed,
}

/// Fetches step 7's templates (once) and says how it went.
pub async fn load_templates(state: RwSignal<LateState>) {
    use crate::domain::templates::late::{late_texts, TEMPLATES};
    if TEMPLATES.is_installed() {
        state.set(LateState::Loaded);
        return;
    }
    state.set(LateState::Loading);
    let loaded = load_table(late_texts::TEMPLATES_FILE, |text| {
        TEMPLATES.install(text).is_ok()
    })
    .await;
    state.set(if loaded.is_ok() {
        LateState::Loaded
    } else {
        LateState::Failed
    });
}

/// The language toggle: to English only once its texts are there (fetched now if the
/// background fetch has not finished, or failed); if they cannot be fetched, the page says so
/// and stays in Dutch.
async fn switch_language(lang: RwSignal<Lang>, english: RwSignal<LateState>) {
    if lang.get_untracked() == Lang::Nl {
        english.set(LateState::Loading);
        let loaded = load_english().await;
        english.set(if loaded.is_ok() {
            LateState::Loaded
        } else {
            LateState::Failed
        });
        if loaded.is_err() {
            return;
        }
    }
    lang.update(|l| *l = l.other());
}

/// Loads `config.json` next to the page, if there is one, into the state. A brand the user
/// chose wins over the site's default: `brand_stored`, or one changed since the mount (where
/// it was `brand_at_mount`) while the file was on its way: by hand, or on index.html's first
/// screen before the wasm took it over.
async fn load_site_config(state: AppState, brand_stored: bool, brand_at_mount: Brand) {
    let Some(url) = browser::page_file_url("config.json") else {
        return;
    };
    let answer = match net::fetch_page_file(url, config::MAX_CONFIG_BYTES).await {
        Ok(answer) => answer,
        Err(ExchangeFailure::TooLarge { bytes, max }) => {
            state
                .config_problem
                .set(Some(ConfigError::Json(JsonError::TooLarge { bytes, max })));
            browser::mark_document("data-config", "invalid");
            return;
        }
        // Unreachable, or a redirect (refused): no config, the defaults stay.
        Err(_) => return,
    };
    let (status, content_type, text) = (answer.status, answer.content_type, answer.body);
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
            let brand_changed = state.form.brand.get_untracked() != brand_at_mount;
            if !brand_stored && !brand_changed {
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
        leptos::task::spawn_local(load_site_config(
            state,
            settings.brand.is_some(),
            state.form.brand.get_untracked(),
        ));
        view! { <App state=state /> }
    });
    browser::mark_document(
        "data-ready-ms",
        &(browser::monotonic_ms().round() as i64).to_string(),
    );
}
