//! Step 7, "Naar uw software": the exchange of step 5 as a program in four languages, filled in
//! with the registration's values by `domain::runnable::backend_code`, to copy or download. All four are in
//! the DOM at once; the tabs only hide the others.

use leptos::prelude::*;

use super::assertion::effective_alg;
use super::state::Signing;
use super::widgets::{
    late_ids, message, tr, use_lang, CopyButton, DownloadButton, SourceNote, StepSection,
    TemplatesState, Tone,
};
use crate::domain::acm::key::{self, SigningAlg};
use crate::domain::checked::client_id::ClientId;
use crate::domain::checked::kid::Kid;
use crate::domain::checked::lifetime::Lifetime;
use crate::domain::facts::config::Endpoints;
use crate::domain::facts::sources::Fact;
use crate::domain::onboarding::registration::Registration;
use crate::domain::runnable::backend_code::{self, BackendParams, Language, Unwritable};
use crate::domain::templates::engine::TemplateError;
use crate::i18n::{messages, t, T};
use crate::steps::Step;

/// What the programs are filled in with, from steps 1, 2, 4 and 5, each value checked.
fn params(
    signing: &Signing,
    registration: &Registration,
    endpoints: &Endpoints,
) -> Result<BackendParams, Unwritable> {
    let checked = endpoints.checked()?;
    let kid = signing.key.with(|held| {
        held.as_ref().and_then(|held| {
            key::assertion_kid(&held.info, signing.registered_report().as_ref())
                .and_then(Kid::parse)
        })
    });
    Ok(BackendParams {
        client_id: signing
            .client_id_checked
            .get()
            .unwrap_or_else(|_| ClientId::placeholder()),
        scope: registration.scope_string.clone(),
        audience: signing
            .audience
            .get()
            .pick(checked.issuer, checked.token_endpoint.clone()),
        token_url: checked.token_endpoint,
        ping_url: checked.ping,
        alg: effective_alg(signing).unwrap_or(SigningAlg::Rs256),
        kid,
        lifetime: signing
            .lifetime
            .with(|field| Lifetime::for_backend_code(field)),
        api_audience: signing.api_audience(registration),
    })
}

#[component]
pub(crate) fn SoftwareStep(
    signing: Signing,
    registration: Memo<Registration>,
    endpoints: Memo<Endpoints>,
) -> impl IntoView {
    let lang = use_lang();
    let chosen = RwSignal::new(Language::Shell);
    let values =
        Memo::new(move |_| registration.with(|reg| endpoints.with(|e| params(&signing, reg, e))));
    let no_client_id = move || signing.client_id_checked.with(Result::is_err);
    // Step 7's templates are fetched after the first paint (see `ui::load_templates`).
    let late = super::widgets::late_templates();

    view! {
        <StepSection step=Step::Software>
            <p>{tr(T::SoftwareIntro)}</p>
            <p class="note" data-testid="test-environment-note">
                {tr(T::SoftwareTestEnvironment)}
                <SourceNote fact=Fact::TestEnvironment />
                <SourceNote fact=Fact::TestEnvironmentClientSecret />
                <SourceNote fact=Fact::ClientEnvironments />
            </p>
            <TemplatesState late=late ids=late_ids!("software") />
            <Show when=no_client_id>
                {message!(Tone::Warning, "software-no-client-id"; {tr(T::SoftwareNoClientId)})}
            </Show>
            <div class="tabs" role="tablist" aria-label=move || t(lang.get(), T::SoftwareLanguages)>
                {Language::ALL
                    .into_iter()
                    .map(|language| {
                        view! {
                            <button
                                type="button"
                                role="tab"
                                id=format!("tab-{}", language.id())
                                aria-controls=format!("panel-{}", language.id())
                                aria-selected=move || (chosen.get() == language).to_string()
                                class="tab"
                                data-testid="snippet-tab"
                                data-lang=language.id()
                                on:click=move |_| chosen.set(language)
                            >
                                {language.label()}
                            </button>
                        }
                    })
                    .collect_view()}
            </div>
            {Language::ALL
                .into_iter()
                .map(|language| {
                    let text = Signal::derive(move || {
                        late.track();
                        values
                            .with(|p| {
                                p.clone().and_then(|p| Ok(backend_code::program(language, &p)?))
                            })
                            .unwrap_or_else(|e| match e {
                                Unwritable::Template(TemplateError::NotLoaded) => String::new(),
                                e => messages::unwritable(lang.get(), &e),
                            })
                    });
                    // Re-rendered once the templates arrive.
                    // Said above the tabs (`TemplatesState`).
                    view! {
                        <div
                            role="tabpanel"
                            id=format!("panel-{}", language.id())
                            aria-labelledby=format!("tab-{}", language.id())
                            hidden=move || chosen.get() != language
                        >
                            <pre
                                class="mono output snippet"
                                tabindex="0"
                                data-testid="snippet"
                                data-lang=language.id()
                                data-filename=language.filename()
                            >
                                {move || text.get()}
                            </pre>
                            <p class="hint">
                                {tr(T::SoftwareRun)}": "<code>{language.run_command()}</code>
                            </p>
                            <div class="row">
                                <CopyButton
                                    value=text
                                    what=Signal::derive(move || language.filename().to_string())
                                    testid="snippet-copy"
                                />
                                <DownloadButton
                                    label=Signal::derive(move || {
                                        format!(
                                            "{} {}",
                                            t(lang.get(), T::SoftwareDownload),
                                            language.filename(),
                                        )
                                    })
                                    file_name=Signal::derive(move || {
                                        language.filename().to_string()
                                    })
                                    mime="text/plain"
                                    content=Callback::new(move |()| text.get_untracked())
                                    testid="snippet-download"
                                />
                            </div>
                        </div>
                    }
                })
                .collect_view()}
        </StepSection>
    }
}
