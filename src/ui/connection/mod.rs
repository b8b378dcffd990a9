//! Step 5, "Verbinding": the relay and endpoints, a relay check against the discovery document,
//! the token request, the ping call (whose answer goes straight to step 6), clock-skew warnings
//! and the curl export. Every failure keeps what the user entered and says what to do.

use leptos::prelude::*;

use crate::domain::facts::config::Endpoints;
use crate::domain::facts::environment::Environment;
use crate::domain::facts::provenance::Sourced;
use crate::domain::facts::sources::Fact;
use crate::domain::onboarding::registration::Registration;
use crate::i18n::{msg, t, T};
use crate::net::InFlight;
use crate::steps::Step;
use crate::ui::own_relay::OwnRelay;
use crate::ui::state::{Check, Connection, Signing};
use crate::ui::widgets::{tr, use_lang, SourceNote, StepSection, TextField};

mod fields;
mod requests;
mod results;

use fields::{CurlCommands, EndpointFields, RelayUrlField};
use requests::{call_ping, request_token, PingOutcome, Requests, TokenForm, TokenOutcome};
use results::{ClockSkewWarning, ExchangeAsItWent, PingResult, RelayCheckRow, TokenResult};

/// Which assertion the token request uses.
#[derive(Clone, Copy, PartialEq, Eq)]
enum TokenSource {
    Fresh,
    Linted,
}

#[component]
pub fn ConnectionStep(
    connection: Connection,
    signing: Signing,
    check: Check,
    registration: Memo<Registration>,
    endpoints: Memo<Endpoints>,
    /// The endpoints in effect with their origins.
    sourced: Memo<[Sourced; 3]>,
    environment: RwSignal<Environment>,
) -> impl IntoView {
    let busy = RwSignal::new(None::<T>);
    let flight = StoredValue::new_local(None::<InFlight>);
    let source = RwSignal::new(TokenSource::Fresh);
    let token_outcome = RwSignal::new(None::<TokenOutcome>);
    let ping_outcome = RwSignal::new(None::<PingOutcome>);
    let skew = RwSignal::new(None::<i64>);
    let revealed = RwSignal::new(false);
    let last_assertion = RwSignal::new(None::<String>);

    let requests = Requests {
        connection,
        busy,
        flight,
        skew,
    };
    let request_token = move |()| {
        token_outcome.set(None);
        let e = endpoints.get_untracked();
        let (scope, api_audience) = registration
            .with_untracked(|r| (r.scope_string.clone(), untrack(|| signing.api_audience(r))));
        let source = source.get_untracked();
        leptos::task::spawn_local(async move {
            let form = TokenForm {
                scope,
                api_audience,
            };
            let outcome = request_token(requests, signing, source, e, form, last_assertion).await;
            if matches!(outcome, Ok(TokenOutcome::Granted { .. })) {
                revealed.set(false);
            }
            token_outcome.set(Some(outcome.unwrap_or_else(TokenOutcome::Failed)));
        });
    };
    let call_ping = move |()| {
        ping_outcome.set(None);
        let ping_url = endpoints.get_untracked().ping;
        leptos::task::spawn_local(async move {
            let outcome = call_ping(requests, check, ping_url).await;
            ping_outcome.set(Some(outcome.unwrap_or_else(PingOutcome::Failed)));
        });
    };

    view! {
        <StepSection step=Step::Connection>
            <p>{tr(T::ConnIntro)}</p>
            <p class="promise" data-testid="relay-statement">
                {tr(T::RelayStatement)}
            </p>

            <RelayUrlField connection=connection />

            <EndpointFields
                connection=connection
                endpoints=endpoints
                sourced=sourced
                environment=environment
            />
            <TextField
                id="request-timeout"
                label=T::TimeoutLabel
                kind="number"
                min="1"
                max="300"
                value=connection.timeout
            />

            <RelayCheckRow requests=requests endpoints=endpoints signing=signing />
            <OwnRelay connection=connection endpoints=endpoints sourced=sourced />

            <TokenSourceChoice source=source />
            <ApiAudienceChoice signing=signing registration=registration />

            <RequestButtons
                busy=busy.read_only()
                on_token=Callback::new(request_token)
                on_ping=Callback::new(call_ping)
            />
            <RequestBusy
                busy=busy.read_only()
                on_cancel=Callback::new(move |()| requests.cancel())
            />
            <TokenResult
                outcome=token_outcome.read_only()
                connection=connection
                revealed=revealed
            />
            <PingResult outcome=ping_outcome.read_only() />
            <ClockSkewWarning skew=skew.read_only() />
            <ExchangeAsItWent
                relay_url=connection.relay_url.read_only()
                token_outcome=token_outcome.read_only()
                ping_outcome=ping_outcome.read_only()
            />

            <CurlCommands
                connection=connection
                signing=signing
                registration=registration
                endpoints=endpoints
                last_assertion=last_assertion.read_only()
            />
        </StepSection>
    }
}

/// The token and ping buttons, disabled while a request is under way.
#[component]
fn RequestButtons(
    busy: ReadSignal<Option<T>>,
    on_token: Callback<()>,
    on_ping: Callback<()>,
) -> impl IntoView {
    view! {
        <p class="row">
            <button
                type="button"
                class="btn"
                data-testid="token-request"
                disabled=move || busy.get().is_some()
                on:click=move |_| on_token.run(())
            >
                {tr(T::TokenRequestButton)}
            </button>
            <button
                type="button"
                class="btn"
                data-testid="ping-request"
                disabled=move || busy.get().is_some()
                on:click=move |_| on_ping.run(())
            >
                {tr(T::PingRequestButton)}
            </button>
        </p>
    }
}

/// Which assertion the token request sends: a freshly signed one or the one pasted in step 4.
#[component]
fn TokenSourceChoice(source: RwSignal<TokenSource>) -> impl IntoView {
    view! {
        <fieldset class="choices">
            <legend>{tr(T::TokenSourceLabel)}</legend>
            <label>
                <input
                    type="radio"
                    name="token-source"
                    data-testid="token-source-fresh"
                    prop:checked=move || source.get() == TokenSource::Fresh
                    on:change=move |_| source.set(TokenSource::Fresh)
                />
                {tr(T::TokenSourceFresh)}
            </label>
            <label>
                <input
                    type="radio"
                    name="token-source"
                    data-testid="token-source-linted"
                    prop:checked=move || source.get() == TokenSource::Linted
                    on:change=move |_| source.set(TokenSource::Linted)
                />
                {tr(T::TokenSourceLinted)}
            </label>
        </fieldset>
    }
}

/// Whether the token request sends ACM's optional `audience` parameter, the API's client id:
/// off by default (neither the onboarding text nor the API team's demo sends it), and only
/// possible when an id is known.
#[component]
fn ApiAudienceChoice(signing: Signing, registration: Memo<Registration>) -> impl IntoView {
    let lang = use_lang();
    let known = move || registration.with(|r| r.api_client_id.clone());
    view! {
        <div class="field-check-group">
            <label class="field-check">
                <input
                    type="checkbox"
                    data-testid="token-audience"
                    prop:checked=move || signing.send_api_audience.get() && known().is_some()
                    disabled=move || known().is_none()
                    on:change=move |ev| signing.send_api_audience.set(event_target_checked(&ev))
                />
                {move || match known() {
                    Some(id) => msg::TokenAudienceLabel { id: &id }.text(lang.get()),
                    None => t(lang.get(), T::TokenAudienceUnknown).to_string(),
                }}
            </label>
            <p class="hint" data-testid="token-audience-hint">
                {tr(T::TokenAudienceHint)}
                <SourceNote fact=Fact::TokenAudienceParameter />
            </p>
        </div>
    }
}

/// The request under way, with its cancel button.
#[component]
fn RequestBusy(busy: ReadSignal<Option<T>>, on_cancel: Callback<()>) -> impl IntoView {
    let lang = use_lang();
    view! {
        <div class="busy" role="status" aria-live="polite" data-testid="request-busy">
            {move || {
                busy.get()
                    .map(|label| {
                        view! {
                            <span class="spinner" aria-hidden="true"></span>
                            <span>
                                {move || {
                                    format!(
                                        "{} – {}",
                                        t(lang.get(), label),
                                        t(lang.get(), T::Busy),
                                    )
                                }}
                            </span>
                            <button
                                type="button"
                                class="btn btn-small btn-secondary"
                                data-testid="request-cancel"
                                on:click=move |_| on_cancel.run(())
                            >
                                {tr(T::Cancel)}
                            </button>
                        }
                    })
            }}
        </div>
    }
}
