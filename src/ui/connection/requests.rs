//! Part of step 5: the requests (relay check, token, ping, `actuator/info`) as plain async functions over one `Requests` value, and what each outcome was.

use crate::domain::acm::assertion::{self, NotReady};
use crate::domain::acm::diagram::{Attempt, Ending};
use crate::domain::acm::exchange::{self, Discovery, ExchangeFailure};
use crate::domain::acm::token::{self, OAuthError, TokenAnswer, TokenAnswerError};
use crate::domain::checked::client_id::ClientId;
use crate::domain::checked::json::JsonError;
use crate::domain::checked::url::{EndpointUrl, Relay};
use crate::domain::facts::config::Endpoints;
use crate::domain::facts::environment::{self, ActuatorInfo};
use crate::i18n::{messages, Lang, T};
use crate::net::{self, HttpAnswer, InFlight, Outgoing};
use crate::ui::assertion::sign_fresh;
use crate::ui::browser;
use crate::ui::state::{Check, CheckInput, Connection, Signing};
use leptos::prelude::*;
use rand_core::OsRng;

use super::TokenSource;

/// Why an action produced no result.
#[derive(Clone, PartialEq)]
pub(super) enum Failure {
    Exchange(ExchangeFailure),
    TokenAnswer(TokenAnswerError),
    /// Something left to do on this page (no key, no client id, …).
    Local(NotReady),
}

impl Failure {
    pub(super) fn text(&self, lang: Lang) -> String {
        match self {
            Failure::Exchange(failure) => messages::exchange_failure(lang, failure),
            Failure::TokenAnswer(err) => messages::token_answer_error(lang, err),
            Failure::Local(reason) => messages::not_ready(lang, reason),
        }
    }

    pub(super) fn kind(&self) -> &'static str {
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
pub(super) enum TokenOutcome {
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
pub(super) enum PingOutcome {
    Answered {
        status: u16,
        elapsed_ms: f64,
        body: String,
    },
    Failed(Failure),
}

#[derive(Clone, PartialEq)]
pub(super) enum RelayOutcome {
    Checked {
        status: u16,
        discovery: Result<Discovery, JsonError>,
        token_field: String,
    },
    Failed(Failure),
}

impl Failure {
    /// How the failure shows in the diagram; `None` when no request went out.
    pub(super) fn ending(&self) -> Option<Ending> {
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
    pub(super) fn attempt(&self) -> Option<Attempt> {
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
    pub(super) fn attempt(&self) -> Option<Attempt> {
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

/// What every request of this step shares: the relay and time-out fields, the busy label, the
/// request in flight (for the cancel button) and the last clock skew seen.
#[derive(Clone, Copy)]
pub(super) struct Requests {
    pub(super) connection: Connection,
    pub(super) busy: RwSignal<Option<T>>,
    pub(super) flight: StoredValue<Option<InFlight>, LocalStorage>,
    pub(super) skew: RwSignal<Option<i64>>,
}

impl Requests {
    /// Cancels the request under way, if any.
    pub(super) fn cancel(self) {
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
pub(super) async fn check_relay(
    requests: Requests,
    endpoints: Endpoints,
) -> Result<RelayOutcome, Failure> {
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

/// What the token request asks for besides the client's authentication.
pub(super) struct TokenForm {
    /// `vo_info` and the role scope.
    pub scope: String,
    /// ACM's optional `audience` parameter, when sent.
    pub api_audience: Option<ClientId>,
}

/// Signs (or takes the pasted) assertion and asks ACM/IDM for a token; a granted token goes to
/// the connection state. The assertion sent is kept in `last_assertion`, for the curl commands.
pub(super) async fn request_token(
    requests: Requests,
    signing: Signing,
    source: TokenSource,
    endpoints: Endpoints,
    form: TokenForm,
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
    let form = token::token_request_form(
        client_id.as_str(),
        &assertion,
        &form.scope,
        form.api_audience.as_ref(),
    );
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
pub(super) async fn call_ping(
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

/// What the API's public `actuator/info` answered.
#[derive(Clone, PartialEq)]
pub(super) enum ApiInfoOutcome {
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
pub(super) async fn check_api_info(requests: Requests, ping: &str) -> ApiInfoOutcome {
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
