//! Part of step 5: what came back, shown: failures, the relay check, the API's version, ACM's discovery facts, clock skew, the exchange as it went, the token and its countdown, the ping answer.

use super::requests::{
    check_api_info, check_relay, ApiInfoOutcome, Failure, PingOutcome, RelayOutcome, Requests,
    TokenOutcome,
};
use crate::domain::acm::diagram::{self};
use crate::domain::acm::exchange::{self, ClientAuthVerdict, RelayCheck};
use crate::domain::acm::token::{self};
use crate::domain::checked::url::Relay;
use crate::domain::facts::config::Endpoints;
use crate::domain::facts::sources::Fact;
use crate::i18n::{messages, t, Lang, T};
use crate::steps::Step;
use crate::ui::browser;
use crate::ui::diagram::ExchangeDiagram;
use crate::ui::state::{AcmDiscovery, Connection, Signing};
use crate::ui::widgets::{
    message, message_block, tr, use_clock, use_lang, CopyButton, SourceNote, Tone,
};
use leptos::prelude::*;

fn failure_view(lang: RwSignal<Lang>, failure: Failure) -> impl IntoView {
    let kind = failure.kind();
    view! {
        {message!(Tone::Error, "failure", [data-failure=kind]; {move || failure.text(lang.get())})}
    }
}

/// The relay check: its button and its result.
#[component]
pub(super) fn RelayCheckRow(
    requests: Requests,
    endpoints: Memo<Endpoints>,
    signing: Signing,
) -> impl IntoView {
    let outcome = RwSignal::new(None::<RelayOutcome>);
    let api_info = RwSignal::new(None::<ApiInfoOutcome>);
    let run = move |_| {
        outcome.set(None);
        let e = endpoints.get_untracked();
        leptos::task::spawn_local(async move {
            let issuer = e.issuer.clone();
            let checked = check_relay(requests, e).await;
            // What ACM's own document says, for the assertion step.
            if let Ok(RelayOutcome::Checked {
                discovery: Ok(discovery),
                status: 200,
                ..
            }) = &checked
            {
                signing.acm_discovery.set(Some(AcmDiscovery {
                    discovery: discovery.clone(),
                    issuer,
                    fetched_at: browser::now_secs(),
                }));
            }
            outcome.set(Some(checked.unwrap_or_else(RelayOutcome::Failed)));
        });
    };
    let run_api_info = move |_| {
        api_info.set(None);
        let ping = endpoints.with_untracked(|e| e.ping.clone());
        leptos::task::spawn_local(async move {
            api_info.set(Some(check_api_info(requests, &ping).await));
        });
    };
    let busy = requests.busy;
    view! {
        <p class="row">
            <button
                type="button"
                class="btn btn-secondary"
                data-testid="relay-check"
                disabled=move || busy.get().is_some()
                on:click=run
            >
                {tr(T::RelayCheckButton)}
            </button>
            <button
                type="button"
                class="btn btn-secondary"
                data-testid="api-info-check"
                disabled=move || busy.get().is_some()
                on:click=run_api_info
            >
                {tr(T::ApiInfoButton)}
            </button>
        </p>
        <RelayResult outcome=outcome.read_only() />
        <DiscoveryFacts signing=signing endpoints=endpoints />
        <ApiInfoResult outcome=api_info.read_only() />
    }
}

#[component]
fn ApiInfoResult(outcome: ReadSignal<Option<ApiInfoOutcome>>) -> impl IntoView {
    let lang = use_lang();
    move || {
        outcome.get().map(|outcome| match outcome {
            ApiInfoOutcome::Answered { version } => view! {
                {message!(
                    Tone::Ok, "api-info-result", [data-outcome="ok"]; {move || messages::api_info(lang.get(), version.as_deref())}
                    <SourceNote fact=Fact::ActuatorInfo />
                )}
            }
            .into_any(),
            ApiInfoOutcome::NotPublished => view! {
                {message!(
                    Tone::Warning, "api-info-result", [data-outcome="not-published"]; {tr(T::ApiInfoNotPublished)}
                    <SourceNote fact=Fact::ActuatorInfo />
                )}
            }
            .into_any(),
            ApiInfoOutcome::Failed(failure) => view! {
                <div data-testid="api-info-result" data-outcome="failed">
                    {failure_view(lang, failure)}
                </div>
            }
            .into_any(),
        })
    }
}

/// What ACM's discovery document, once fetched for the issuer in effect, says about client
/// authentication: whether it lists `private_key_jwt`, and the algorithms it takes.
#[component]
fn DiscoveryFacts(signing: Signing, endpoints: Memo<Endpoints>) -> impl IntoView {
    let lang = use_lang();
    let current = move || {
        signing
            .acm_discovery
            .get()
            .filter(|d| endpoints.with(|e| e.issuer == d.issuer))
    };
    move || {
        current().map(|fetched| {
            let text = messages::discovery_facts(
                lang.get(),
                &fetched.discovery,
                &crate::domain::checked::time::format_rfc3339(fetched.fetched_at),
            );
            // Not listing private_key_jwt is worth a warning, never a verdict: ACM's own
            // documented example does not list it either.
            let verdict = fetched.discovery.client_auth_verdict();
            let warn = matches!(verdict, ClientAuthVerdict::NotListed { .. });
            view! {
                <p
                    class=if warn { "msg msg-warning" } else { "note" }
                    role=warn.then_some("status")
                    data-testid="discovery-facts"
                    data-verdict=match verdict {
                        ClientAuthVerdict::Listed => "listed",
                        ClientAuthVerdict::NotListed { .. } => "not-listed",
                        ClientAuthVerdict::NotStated => "not-stated",
                    }
                >
                    {text}
                    " "
                    <SourceNote fact=Fact::DiscoveryExampleSecretsOnly />
                </p>
            }
        })
    }
}

/// A warning when the server's clock and this computer's differ enough to matter.
#[component]
pub(super) fn ClockSkewWarning(skew: ReadSignal<Option<i64>>) -> impl IntoView {
    let lang = use_lang();
    move || {
        skew.get()
            .filter(|s| exchange::skew_is_dangerous(*s))
            .map(|s| {
                view! { {message!(Tone::Warning, "clock-skew"; {move || messages::clock_skew(lang.get(), s)})} }
            })
    }
}

/// The sequence diagram of the exchange as it went, once a request was made: the domain
/// decides the hops.
#[component]
pub(super) fn ExchangeAsItWent(
    relay_url: ReadSignal<String>,
    token_outcome: ReadSignal<Option<TokenOutcome>>,
    ping_outcome: ReadSignal<Option<PingOutcome>>,
) -> impl IntoView {
    let hops = Signal::derive(move || {
        let via_relay = Relay::parse(&relay_url.get()).is_ok_and(|r| !r.is_direct());
        let token = token_outcome.with(|o| o.as_ref().and_then(TokenOutcome::attempt));
        let ping = ping_outcome.with(|o| o.as_ref().and_then(PingOutcome::attempt));
        diagram::hops(via_relay, token.as_ref(), ping.as_ref())
    });
    view! {
        <Show when=move || {
            token_outcome.with(Option::is_some) || ping_outcome.with(Option::is_some)
        }>
            <h3>{tr(T::DiagramHeading)}</h3>
            <ExchangeDiagram hops=hops testid="exchange-diagram" />
        </Show>
    }
}

/// How long the token has left, by the page's clock and ACM's `expires_in`.
#[component]
fn TokenCountdown(connection: Connection) -> impl IntoView {
    let lang = use_lang();
    let clock = use_clock();
    view! {
        <span data-testid="token-countdown">
            {move || {
                let expires = connection
                    .token
                    .with(|g| g.as_ref().and_then(|g| g.expires_in))
                    .unwrap_or_default() as i64;
                let elapsed = ((clock.get() - connection.token_received_ms.get()) / 1000.0) as i64;
                messages::expires_in(lang.get(), expires - elapsed)
            }}
        </span>
    }
}

/// The token request's outcome: the masked token with its countdown, ACM's refusal with its
/// likely causes, or why no answer came.
#[component]
pub(super) fn TokenResult(
    outcome: ReadSignal<Option<TokenOutcome>>,
    connection: Connection,
    /// Whether the token is shown unmasked (reset by the step when a new token arrives).
    revealed: RwSignal<bool>,
) -> impl IntoView {
    let lang = use_lang();
    move || {
        outcome.get().map(|outcome| match outcome {
        TokenOutcome::Granted { status, elapsed_ms } => {
            let grant = connection.token.get();
            let access = Signal::derive(move || connection.token.with(|g| g.as_ref().map(|g| g.access_token.clone()).unwrap_or_default()));
            view! {
                {message_block!(
                    Tone::Ok, "token-result", [data-outcome="granted"]; <p>
                        <strong>{tr(T::TokenGranted)}</strong>
                        {format!(" · HTTP {status} · {}", messages::duration(elapsed_ms))}
                    </p>
                    <p class="mono" data-testid="token-value">
                        {move || {
                            if revealed.get() {
                                access.get()
                            } else {
                                token::mask_token(&access.get())
                            }
                        }}
                    </p>
                    <p class="row">
                        <button
                            type="button"
                            class="btn btn-small btn-secondary"
                            data-testid="token-reveal"
                            on:click=move |_| revealed.update(|r| *r = !*r)
                        >
                            {move || t(
                                lang.get(),
                                if revealed.get() { T::Hide } else { T::Reveal },
                            )}
                        </button>
                        <CopyButton
                            value=access
                            what=Signal::derive(move || {
                                t(lang.get(), T::AccessTokenLabel).to_string()
                            })
                            testid="token-copy"
                        />
                        <span>
                            {grant.as_ref().map(|g| format!("token_type {}", g.token_type))}
                        </span>
                        <TokenCountdown connection=connection />
                    </p>
                    <p class="hint" data-testid="token-lifetime-example">
                        {tr(T::TokenLifetimeExample)}
                        <SourceNote fact=Fact::TokenLifetimeExample />
                    </p>
                )}
            }
            .into_any()
        }
        TokenOutcome::Refused { status, elapsed_ms, error } => {
            let causes = error.code.likely_causes();
            let code = error.code.as_str().to_string();
            view! {
                {message_block!(
                    Tone::Error, "token-result", [data-outcome="refused" data-error=code]; <p>
                        <strong>{tr(T::TokenRefused)}</strong>
                        {format!(" · {}", messages::duration(elapsed_ms))}
                    </p>
                    <p>{move || messages::oauth_error(lang.get(), status, &error)}</p>
                    {(!causes.is_empty())
                        .then(|| {
                            view! {
                                <p>{tr(T::CausesHeading)}</p>
                                <ol data-testid="token-causes">
                                    {causes
                                        .iter()
                                        .map(|cause| {
                                            let cause = *cause;
                                            view! {
                                                <li>{move || messages::oauth_cause(lang.get(), cause)}</li>
                                            }
                                        })
                                        .collect_view()}
                                </ol>
                            }
                        })}
                )}
            }
            .into_any()
        }
        TokenOutcome::Failed(failure) => view! {
            <div data-testid="token-result" data-outcome="failed">
                {failure_view(lang, failure)}
            </div>
        }
        .into_any(),
    })
    }
}

/// The ping call's outcome: the answer (handed over to step 6) or why there was none.
#[component]
pub(super) fn PingResult(outcome: ReadSignal<Option<PingOutcome>>) -> impl IntoView {
    let lang = use_lang();
    move || {
        outcome.get().map(|outcome| match outcome {
            PingOutcome::Answered {
                status,
                elapsed_ms,
                body,
            } => view! {
                {message_block!(
                    Tone::Ok, "ping-result", [data-outcome="answered"]; <p>
                        <strong>{tr(T::PingDone)}</strong>
                        {format!(" · HTTP {status} · {}", messages::duration(elapsed_ms))}
                    </p>
                    <p>
                        {tr(T::PingHandedOver)} " "
                        <a href=format!(
                            "#{}",
                            Step::Check.id(),
                        )>{crate::ui::widgets::step_title(Step::Check)}</a>
                    </p>
                    <pre class="mono output small">{body}</pre>
                )}
            }
            .into_any(),
            PingOutcome::Failed(failure) => view! {
                <div data-testid="ping-result" data-outcome="failed">
                    {failure_view(lang, failure)}
                </div>
            }
            .into_any(),
        })
    }
}

/// The relay check's outcome, as the domain's `RelayCheck` judged the discovery document.
#[component]
fn RelayResult(outcome: ReadSignal<Option<RelayOutcome>>) -> impl IntoView {
    let lang = use_lang();
    move || {
        outcome.get().map(|outcome| match outcome {
            RelayOutcome::Checked {
                status,
                discovery,
                token_field,
            } => {
                let check = RelayCheck::of(&discovery, &token_field);
                let ok = check.is_ok();
                let text = messages::relay_check(lang.get(), status, &check, &token_field);
                view! {
                    {message!(
                        if ok { Tone::Ok } else { Tone::Warning }, "relay-result", [data-outcome=if ok { "ok" } else { "warning" }]; {text}
                    )}
                }
                .into_any()
            }
            RelayOutcome::Failed(failure) => view! {
                <div data-testid="relay-result" data-outcome="failed">
                    {failure_view(lang, failure)}
                </div>
            }
            .into_any(),
        })
    }
}
