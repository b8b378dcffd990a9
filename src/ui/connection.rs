//! Step 5, "Verbinding": the relay and endpoints, a relay check against the discovery document,
//! the token request, the ping call (whose answer goes straight to step 6), clock-skew warnings
//! and the curl export. Every failure keeps what the user entered and says what to do.

use leptos::prelude::*;
use rand_core::OsRng;

use super::assertion::sign_fresh;
use super::browser;
use super::diagram::ExchangeDiagram;
use super::own_relay::OwnRelay;
use super::state::{AcmDiscovery, Check, CheckInput, Connection, Signing};
use super::widgets::{
    tr, tr_signal, use_clock, use_lang, Binding, CopyButton, FieldMessage, SourceNote, StepSection,
    TextField, Tone, ValueOrigin,
};
use crate::domain::acm::assertion::{self, NotReady};
use crate::domain::acm::diagram::{self, Attempt, Ending};
use crate::domain::acm::exchange::{self, Discovery, ExchangeFailure, RelayCheck};
use crate::domain::acm::token::{self, OAuthError, TokenAnswer, TokenAnswerError};
use crate::domain::checked::client_id::ClientId;
use crate::domain::checked::json::JsonError;
use crate::domain::checked::url::{EndpointUrl, Relay};
use crate::domain::facts::config::{EndpointField, EndpointOverrides, Endpoints};
use crate::domain::facts::environment::{self, ActuatorInfo, Environment};
use crate::domain::facts::provenance::Sourced;
use crate::domain::facts::sources::Fact;
use crate::domain::generated::backend_code::Unwritable;
use crate::domain::generated::shell;
use crate::domain::onboarding::registration::Registration;
use crate::i18n::{messages, t, Lang, T};
use crate::net::{self, HttpAnswer, InFlight, Outgoing};
use crate::steps::Step;

/// Why an action produced no result.
#[derive(Clone, PartialEq)]
enum Failure {
    Exchange(ExchangeFailure),
    TokenAnswer(TokenAnswerError),
    /// Something left to do on this page (no key, no client id, …).
    Local(NotReady),
}

impl Failure {
    fn text(&self, lang: Lang) -> String {
        match self {
            Failure::Exchange(failure) => messages::exchange_failure(lang, failure),
            Failure::TokenAnswer(err) => messages::token_answer_error(lang, err),
            Failure::Local(reason) => messages::not_ready(lang, reason),
        }
    }

    fn kind(&self) -> &'static str {
        match self {
            Failure::Exchange(ExchangeFailure::Unreachable { .. }) => "unreachable",
            Failure::Exchange(ExchangeFailure::Timeout { .. }) => "timeout",
            Failure::Exchange(ExchangeFailure::Cancelled) => "cancelled",
            Failure::Exchange(ExchangeFailure::RelayRefused { .. }) => "relay-refused",
            Failure::Exchange(ExchangeFailure::TooLarge { .. }) => "too-large",
            Failure::Exchange(ExchangeFailure::HttpError { .. }) => "http-error",
            Failure::Exchange(ExchangeFailure::NotJson { .. }) => "not-json",
            Failure::Exchange(ExchangeFailure::InvalidUrl { .. }) => "invalid-url",
            Failure::TokenAnswer(_) => "bad-answer",
            Failure::Local(_) => "precondition",
        }
    }
}

#[derive(Clone, PartialEq)]
enum TokenOutcome {
    Granted {
        status: u16,
        elapsed_ms: f64,
    },
    Refused {
        status: u16,
        elapsed_ms: f64,
        error: OAuthError,
    },
    Failed(Failure),
}

#[derive(Clone, PartialEq)]
enum PingOutcome {
    Answered {
        status: u16,
        elapsed_ms: f64,
        body: String,
    },
    Failed(Failure),
}

#[derive(Clone, PartialEq)]
enum RelayOutcome {
    Checked {
        status: u16,
        discovery: Result<Discovery, JsonError>,
        token_field: String,
    },
    Failed(Failure),
}

/// Which assertion the token request uses.
#[derive(Clone, Copy, PartialEq, Eq)]
enum TokenSource {
    Fresh,
    Linted,
}

impl Failure {
    /// How the failure shows in the diagram; `None` when no request went out.
    fn ending(&self) -> Option<Ending> {
        match self {
            Failure::Exchange(failure) => Some(Ending::of_failure(failure)),
            Failure::TokenAnswer(_) => Some(Ending::NoAnswer {
                reason: "unreadable answer".into(),
            }),
            Failure::Local(_) => None,
        }
    }
}

impl TokenOutcome {
    fn attempt(&self) -> Option<Attempt> {
        Some(match self {
            TokenOutcome::Granted { status, elapsed_ms } => Attempt {
                ending: Ending::Answered { status: *status },
                elapsed_ms: Some(*elapsed_ms),
            },
            TokenOutcome::Refused {
                status,
                elapsed_ms,
                error,
            } => Attempt {
                ending: Ending::Refused {
                    status: *status,
                    reason: error.code.as_str().to_string(),
                },
                elapsed_ms: Some(*elapsed_ms),
            },
            TokenOutcome::Failed(failure) => Attempt {
                ending: failure.ending()?,
                elapsed_ms: None,
            },
        })
    }
}

impl PingOutcome {
    fn attempt(&self) -> Option<Attempt> {
        Some(match self {
            PingOutcome::Answered {
                status, elapsed_ms, ..
            } => Attempt {
                ending: Ending::Answered { status: *status },
                elapsed_ms: Some(*elapsed_ms),
            },
            PingOutcome::Failed(failure) => Attempt {
                ending: failure.ending()?,
                elapsed_ms: None,
            },
        })
    }
}

fn failure_view(lang: RwSignal<Lang>, failure: Failure) -> impl IntoView {
    let kind = failure.kind();
    view! {
        <p class="msg msg-error" role="alert" data-testid="failure" data-failure=kind>
            {move || failure.text(lang.get())}
        </p>
    }
}

/// What every request of this step shares: the relay and time-out fields, the busy label, the
/// request in flight (for the cancel button) and the last clock skew seen.
#[derive(Clone, Copy)]
struct Requests {
    connection: Connection,
    busy: RwSignal<Option<T>>,
    flight: StoredValue<Option<InFlight>, LocalStorage>,
    skew: RwSignal<Option<i64>>,
}

impl Requests {
    /// Cancels the request under way, if any.
    fn cancel(self) {
        self.flight.with_value(|f| {
            if let Some(f) = f {
                f.cancel();
            }
        });
    }

    /// Runs one request through the relay with the busy state, the cancel button and the
    /// clock-skew check, and sorts out answers that are not the JSON expected
    /// (`expect_error_json`: the token endpoint, whose 4xx answers are RFC 6749 JSON).
    async fn send(
        self,
        label: T,
        outgoing: Outgoing,
        expect_error_json: bool,
    ) -> Result<HttpAnswer, Failure> {
        let relay =
            Relay::parse(&self.connection.relay_url.get_untracked()).map_err(|problem| {
                Failure::Exchange(ExchangeFailure::InvalidUrl {
                    field: "relay-url",
                    problem,
                })
            })?;
        let timeout = exchange::timeout_seconds(&self.connection.timeout.get_untracked());
        let via_relay = !relay.is_direct();
        let Some(in_flight) = InFlight::new() else {
            return Err(Failure::Exchange(ExchangeFailure::Unreachable {
                via_relay,
            }));
        };
        self.flight.set_value(Some(in_flight.clone()));
        self.busy.set(Some(label));
        let outgoing = {
            let url = relay.url_for(outgoing.url());
            outgoing.to(url)
        };
        let result = net::send(&outgoing, timeout, via_relay, &in_flight).await;
        self.busy.set(None);
        self.flight.set_value(None);
        let answer: HttpAnswer = result.map_err(Failure::Exchange)?;
        if let Some(date) = &answer.date {
            self.skew.set(exchange::clock_skew(date, browser::now_ms()));
        }
        match exchange::answer_failure(
            answer.status,
            answer.content_type.as_deref(),
            &answer.body,
            expect_error_json,
        ) {
            Some(failure) => Err(Failure::Exchange(failure)),
            None => Ok(answer),
        }
    }
}

/// An endpoint field's URL, checked; `field` names the field in the error.
fn target(field: &'static str, url: &str) -> Result<String, Failure> {
    EndpointUrl::parse(url)
        .map(|url| url.as_str().to_string())
        .map_err(|problem| Failure::Exchange(ExchangeFailure::InvalidUrl { field, problem }))
}

/// Fetches the issuer's discovery document through the relay, for the relay check.
async fn check_relay(requests: Requests, endpoints: Endpoints) -> Result<RelayOutcome, Failure> {
    let discovery_url = crate::domain::facts::environment::discovery_url(&endpoints.issuer);
    let url = target("issuer-url", &discovery_url)?;
    let outgoing = Outgoing::Get {
        url,
        headers: Vec::new(),
    };
    let answer = requests.send(T::RelayCheckButton, outgoing, false).await?;
    Ok(RelayOutcome::Checked {
        status: answer.status,
        discovery: exchange::parse_discovery(&answer.body),
        token_field: endpoints.token_endpoint,
    })
}

/// Signs (or takes the pasted) assertion and asks ACM/IDM for a token; a granted token goes to
/// the connection state. The assertion sent is kept in `last_assertion`, for the curl commands.
async fn request_token(
    requests: Requests,
    signing: Signing,
    source: TokenSource,
    endpoints: Endpoints,
    scope: String,
    last_assertion: RwSignal<Option<String>>,
) -> Result<TokenOutcome, Failure> {
    let url = target("token-url", &endpoints.token_endpoint)?;
    let client_id = signing
        .client_id_checked
        .get_untracked()
        .map_err(|err| Failure::Local(NotReady::ClientId(err)))?;
    let assertion = match source {
        TokenSource::Fresh => {
            sign_fresh(signing, &endpoints)
                .await
                .map_err(Failure::Local)?
                .compact
        }
        TokenSource::Linted => {
            let pasted = signing.lint_input.get_untracked();
            if pasted.trim().is_empty() {
                return Err(Failure::Local(NotReady::NoPastedAssertion));
            }
            // Only a compact JWS leaves the page: never a PEM or JWK pasted there.
            assertion::compact_jws(&pasted)
                .map_err(|_| Failure::Local(NotReady::NotCompactJws))?
                .to_string()
        }
    };
    last_assertion.set(Some(assertion.clone()));
    let form = token::token_request_form(client_id.as_str(), &assertion, &scope);
    let answer = requests
        .send(
            T::TokenRequestButton,
            Outgoing::PostForm { url, form },
            true,
        )
        .await?;
    let outcome = match token::parse_token_answer(answer.status, &answer.body)
        .map_err(Failure::TokenAnswer)?
    {
        TokenAnswer::Granted(grant) => {
            requests.connection.token.set(Some(grant));
            requests.connection.token_received_ms.set(browser::now_ms());
            TokenOutcome::Granted {
                status: answer.status,
                elapsed_ms: answer.elapsed_ms,
            }
        }
        TokenAnswer::Refused { status, error } => TokenOutcome::Refused {
            status,
            elapsed_ms: answer.elapsed_ms,
            error,
        },
    };
    Ok(outcome)
}

/// Calls the ping endpoint with the token and hands the answer to step 6's check.
async fn call_ping(
    requests: Requests,
    check: Check,
    ping_url: String,
) -> Result<PingOutcome, Failure> {
    let Some(grant) = requests.connection.token.get_untracked() else {
        return Err(Failure::Local(NotReady::NoToken));
    };
    let url = target("ping-url", &ping_url)?;
    let ids = [(); 3].map(|()| assertion::new_uuid(&mut OsRng));
    let headers = exchange::ping_headers(&grant.access_token, ids);
    let answer = requests
        .send(T::PingRequestButton, Outgoing::Get { url, headers }, false)
        .await?;
    // Shown pretty-printed for reading; checked as it arrived.
    let shown = serde_json::from_str::<serde_json::Value>(&answer.body)
        .ok()
        .and_then(|value| serde_json::to_string_pretty(&value).ok())
        .unwrap_or_else(|| answer.body.clone());
    check.text.set(shown);
    check.submitted.set(Some((
        CheckInput::Text(answer.body.clone()),
        browser::now_secs(),
    )));
    Ok(PingOutcome::Answered {
        status: answer.status,
        elapsed_ms: answer.elapsed_ms,
        body: answer.body,
    })
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
        let scope = registration.with_untracked(|r| r.scope_string.clone());
        let source = source.get_untracked();
        leptos::task::spawn_local(async move {
            let outcome = request_token(requests, signing, source, e, scope, last_assertion).await;
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

/// The relay field, with what its value means: no relay, a plain-http remote relay, or an
/// address that is not one.
#[component]
fn RelayUrlField(connection: Connection) -> impl IntoView {
    let lang = use_lang();
    let relay_message = Signal::derive(move || {
        let raw = connection.relay_url.get();
        match Relay::parse(&raw) {
            Err(err) => Some((Tone::Error, messages::url_error(lang.get(), &err))),
            Ok(relay) if relay.is_direct() => {
                Some((Tone::Info, t(lang.get(), T::RelayDirect).to_string()))
            }
            Ok(relay) => relay
                .is_plain_http_remote()
                .then(|| (Tone::Warning, t(lang.get(), T::RelayPlainHttp).to_string())),
        }
    });
    view! {
        <TextField
            id="relay-url"
            label=T::RelayLabel
            hint=T::RelayHint
            kind="url"
            mono=true
            wide=true
            value=connection.relay_url
            message=relay_message
        />
    }
}

/// The relay check: its button and its result.
#[component]
fn RelayCheckRow(
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

/// What the API's public `actuator/info` answered.
#[derive(Clone, PartialEq)]
enum ApiInfoOutcome {
    /// It answered; the version, if it says one.
    Answered {
        version: Option<String>,
    },
    /// No source publishes one for this host (DAO's).
    NotPublished,
    Failed(Failure),
}

/// Asks the API's `actuator/info` for its version through the relay: a reachability check that
/// needs no token.
async fn check_api_info(requests: Requests, ping: &str) -> ApiInfoOutcome {
    let url = match environment::actuator_info_for_ping(ping) {
        ActuatorInfo::Published(url) | ActuatorInfo::BesidePing(url) => url,
        ActuatorInfo::NotPublished => return ApiInfoOutcome::NotPublished,
    };
    let url = match target("ping-url", &url) {
        Ok(url) => url,
        Err(failure) => return ApiInfoOutcome::Failed(failure),
    };
    let outgoing = Outgoing::Get {
        url,
        headers: Vec::new(),
    };
    match requests.send(T::ApiInfoButton, outgoing, false).await {
        Ok(answer) => ApiInfoOutcome::Answered {
            version: exchange::api_version(&answer.body).ok().flatten(),
        },
        Err(failure) => ApiInfoOutcome::Failed(failure),
    }
}

#[component]
fn ApiInfoResult(outcome: ReadSignal<Option<ApiInfoOutcome>>) -> impl IntoView {
    let lang = use_lang();
    move || {
        outcome.get().map(|outcome| match outcome {
            ApiInfoOutcome::Answered { version } => view! {
                <p class="msg msg-ok" role="status" data-testid="api-info-result" data-outcome="ok">
                    {move || messages::api_info(lang.get(), version.as_deref())}
                    <SourceNote fact=Fact::ActuatorInfo />
                </p>
            }
            .into_any(),
            ApiInfoOutcome::NotPublished => view! {
                <p
                    class="msg msg-warning"
                    role="status"
                    data-testid="api-info-result"
                    data-outcome="not-published"
                >
                    {tr(T::ApiInfoNotPublished)}
                    <SourceNote fact=Fact::ActuatorInfo />
                </p>
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
            view! {
                <p class="note" data-testid="discovery-facts">
                    {text}
                </p>
            }
        })
    }
}

/// A warning when the server's clock and this computer's differ enough to matter.
#[component]
fn ClockSkewWarning(skew: ReadSignal<Option<i64>>) -> impl IntoView {
    let lang = use_lang();
    move || {
        skew.get()
            .filter(|s| exchange::skew_is_dangerous(*s))
            .map(|s| {
                view! {
                    <p class="msg msg-warning" role="alert" data-testid="clock-skew">
                        {move || messages::clock_skew(lang.get(), s)}
                    </p>
                }
            })
    }
}

/// The sequence diagram of the exchange as it went, once a request was made: the domain
/// decides the hops.
#[component]
fn ExchangeAsItWent(
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
fn TokenResult(
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
                <div
                    class="msg msg-ok"
                    data-testid="token-result"
                    data-outcome="granted"
                    role="status"
                >
                    <p>
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
                </div>
            }
            .into_any()
        }
        TokenOutcome::Refused { status, elapsed_ms, error } => {
            let causes = error.code.likely_causes();
            let code = error.code.as_str().to_string();
            view! {
                <div
                    class="msg msg-error"
                    data-testid="token-result"
                    data-outcome="refused"
                    data-error=code
                    role="alert"
                >
                    <p>
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
                </div>
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
fn PingResult(outcome: ReadSignal<Option<PingOutcome>>) -> impl IntoView {
    let lang = use_lang();
    move || {
        outcome.get().map(|outcome| {
            match outcome {
        PingOutcome::Answered { status, elapsed_ms, body } => view! {
            <div class="msg msg-ok" data-testid="ping-result" data-outcome="answered" role="status">
                <p>
                    <strong>{tr(T::PingDone)}</strong>
                    {format!(" · HTTP {status} · {}", messages::duration(elapsed_ms))}
                </p>
                <p>
                    {tr(T::PingHandedOver)} " "
                    <a href=format!("#{}", Step::Check.id())>{tr(Step::Check.title())}</a>
                </p>
                <pre class="mono output small">{body}</pre>
            </div>
        }
        .into_any(),
        PingOutcome::Failed(failure) => view! {
            <div data-testid="ping-result" data-outcome="failed">
                {failure_view(lang, failure)}
            </div>
        }
        .into_any(),
    }
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
                    <p
                        class=if ok { "msg msg-ok" } else { "msg msg-warning" }
                        role="status"
                        data-testid="relay-result"
                        data-outcome=if ok { "ok" } else { "warning" }
                    >
                        {text}
                    </p>
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

/// The token request and the ping call as curl commands (`domain::generated::shell`), with placeholders or,
/// on request, the real assertion and token of this session.
#[component]
fn CurlCommands(
    connection: Connection,
    signing: Signing,
    registration: Memo<Registration>,
    endpoints: Memo<Endpoints>,
    /// The assertion the last token request sent, if any.
    last_assertion: ReadSignal<Option<String>>,
) -> impl IntoView {
    let lang = use_lang();
    let curl_real = RwSignal::new(false);
    let curl_token = Signal::derive(move || {
        let e = endpoints.get();
        let client_id = signing.client_id.get();
        let scope = registration.with(|r| r.scope_string.clone());
        let real = curl_real
            .get()
            .then(|| {
                last_assertion.get().or_else(|| {
                    signing
                        .assertion
                        .with(|a| a.as_ref().map(|a| a.compact.clone()))
                })
            })
            .flatten();
        let client_id = ClientId::parse(&client_id).unwrap_or_else(|_| ClientId::placeholder());
        e.checked()
            .map_err(Unwritable::from)
            .and_then(|e| {
                Ok(shell::curl_token_request(
                    &e.token_endpoint,
                    &client_id,
                    &scope,
                    real.as_deref(),
                )?)
            })
            .unwrap_or_else(|e| messages::unwritable(lang.get(), &e))
    });
    let curl_ping = Signal::derive(move || {
        let e = endpoints.get();
        let real = curl_real
            .get()
            .then(|| {
                connection
                    .token
                    .with(|g| g.as_ref().map(|g| g.access_token.clone()))
            })
            .flatten();
        // Real values: fresh literal ids, new with every token and every switch to this mode.
        let ids = curl_real
            .get()
            .then(|| [(); 3].map(|()| assertion::new_uuid(&mut OsRng)));
        e.checked()
            .map_err(Unwritable::from)
            .and_then(|e| {
                let real = real.as_deref().zip(ids);
                Ok(shell::curl_ping_request(&e.ping, real)?)
            })
            .unwrap_or_else(|e| messages::unwritable(lang.get(), &e))
    });

    view! {
        <h3>{tr(T::CurlHeading)}</h3>
        <p class="hint">{tr(T::CurlHint)}</p>
        <label class="field-check">
            <input
                type="checkbox"
                data-testid="curl-real-values"
                prop:checked=move || curl_real.get()
                on:change=move |ev| curl_real.set(event_target_checked(&ev))
            />
            {tr(T::CurlRealValues)}
        </label>
        <h4>{tr(T::CurlToken)}</h4>
        <pre class="mono output" data-testid="curl-token" tabindex="0">
            {move || curl_token.get()}
        </pre>
        <CopyButton value=curl_token what=tr_signal(T::CurlToken) testid="curl-token-copy" />
        <h4>{tr(T::CurlPing)}</h4>
        <pre class="mono output" data-testid="curl-ping" tabindex="0">
            {move || curl_ping.get()}
        </pre>
        <CopyButton value=curl_ping what=tr_signal(T::CurlPing) testid="curl-ping-copy" />
    }
}

/// The three endpoints in effect for the environment, each editable as an override of the
/// table's value (kept per environment), each with where it came from (the source note only
/// beside a published value), and a reset to the table.
#[component]
fn EndpointFields(
    connection: Connection,
    endpoints: Memo<Endpoints>,
    sourced: Memo<[Sourced; 3]>,
    environment: RwSignal<Environment>,
) -> impl IntoView {
    let lang = use_lang();
    // An endpoint field: shows the endpoint in effect, edits the override for this environment.
    let endpoint = move |field: EndpointField,
                         read: fn(&Endpoints) -> String,
                         write: fn(&mut EndpointOverrides, String)| {
        let get = Signal::derive(move || endpoints.with(read));
        let set = Callback::new(move |value: String| {
            let env = environment.get_untracked();
            connection
                .overrides
                .update(|all| write(all.entry(env).or_default(), value));
            connection.typed_endpoints.update(|typed| {
                typed.entry(env).or_default().insert(field);
            });
        });
        let message: FieldMessage = Signal::derive(move || {
            get.with(|v| EndpointUrl::parse(v).err())
                .map(|e| (Tone::Error, messages::url_error(lang.get(), &e)))
        });
        (Binding { get, set }, message)
    };
    let (issuer_field, issuer_message) = endpoint(
        EndpointField::Issuer,
        |e| e.issuer.clone(),
        |o, v| o.issuer = Some(v),
    );
    let (token_field, token_message) = endpoint(
        EndpointField::Token,
        |e| e.token_endpoint.clone(),
        |o, v| o.token = Some(v),
    );
    let (ping_field, ping_message) = endpoint(
        EndpointField::Ping,
        |e| e.ping.clone(),
        |o, v| o.ping = Some(v),
    );
    let reset = move |_| {
        let env = environment.get_untracked();
        connection.overrides.update(|all| {
            all.remove(&env);
        });
        connection.typed_endpoints.update(|typed| {
            typed.remove(&env);
        });
    };
    let origin = move |index: usize| Signal::derive(move || sourced.with(|all| all[index].clone()));

    view! {
        <h3>{tr(T::EndpointsHeading)}</h3>
        <TextField
            id="issuer-url"
            label=T::IssuerLabel
            kind="url"
            mono=true
            wide=true
            value=issuer_field
            message=issuer_message
        />
        <TextField
            id="token-url"
            label=T::TokenUrlLabel
            kind="url"
            mono=true
            wide=true
            value=token_field
            message=token_message
        />
        <TextField
            id="ping-url"
            label=T::PingUrlLabel
            kind="url"
            mono=true
            wide=true
            value=ping_field
            message=ping_message
        />
        <p class="sources" data-testid="endpoint-sources">
            {tr(T::SourcesHeading)}
            ": "
            <ValueOrigin topic="issuer" sourced=origin(0) />
            <ValueOrigin topic="token" sourced=origin(1) />
            <ValueOrigin topic="ping" sourced=origin(2) />
            <SourceNote topic="POST /v1/token" fact=Fact::TokenRequest />
            <SourceNote topic="x-*-id" fact=Fact::PingHeaders />
        </p>
        <p class="hint" data-testid="trace-ids-meaning">
            {tr(T::TraceIdsMeaning)}
            <SourceNote fact=Fact::TraceIdMeaning />
        </p>
        <p class="row">
            <button
                type="button"
                class="btn btn-secondary btn-small"
                data-testid="endpoints-reset"
                on:click=reset
            >
                {tr(T::ResetEndpoints)}
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
