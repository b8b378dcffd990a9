//! The exchange of step 5 as a sequence of hops between the page, the relay, ACM/IDM and the
//! API: each request and answer with its status and time, and, when something failed, the hop
//! where it failed with a short reason. The UI draws it as an SVG sequence diagram with a text
//! equivalent; without values it explains the flow in the checklist.

use crate::domain::acm::exchange::{ExchangeFailure, RelayError};

listed_enum! {
    /// A lifeline of the diagram.
    #[derive(Debug, Clone, Copy, PartialEq, Eq)]
    pub enum Party {
        /// This page, in the browser.
        Page,
        /// The CORS relay.
        Relay,
        /// ACM/IDM, the token issuer.
        Acm,
        /// The API.
        Api,
    }
}

impl Party {
    /// A stable name for automation (`data-from`, `data-to`).
    pub fn id(self) -> &'static str {
        match self {
            Party::Page => "page",
            Party::Relay => "relay",
            Party::Acm => "acm",
            Party::Api => "api",
        }
    }

    /// The lifeline's column, 0 to 3.
    pub fn column(self) -> usize {
        match self {
            Party::Page => 0,
            Party::Relay => 1,
            Party::Acm => 2,
            Party::Api => 3,
        }
    }
}

/// Which exchange a hop belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Call {
    /// The token request to ACM.
    Token,
    /// The ping call to the API.
    Ping,
}

/// How one call ended, as far as the diagram cares.
#[derive(Debug, Clone, PartialEq)]
pub enum Ending {
    /// The upstream answered with what was wanted.
    Answered {
        /// The HTTP status.
        status: u16,
    },
    /// The upstream answered with a refusal or an error (ACM's `invalid_client`, the API's 401).
    Refused {
        /// The HTTP status.
        status: u16,
        /// What the answer said.
        reason: String,
    },
    /// The relay answered for itself (`relay_error`), the upstream was not reached.
    RelayRefused {
        /// The relay's status.
        status: u16,
        /// The relay's reason.
        error: RelayError,
    },
    /// No answer came back (unreachable, time-out, cancelled).
    NoAnswer {
        /// Why there was none.
        reason: String,
    },
}

impl Ending {
    /// How a failure of the page's exchange shows in the diagram.
    pub fn of_failure(failure: &ExchangeFailure) -> Ending {
        match failure {
            ExchangeFailure::RelayRefused { error } => Ending::RelayRefused {
                status: relay_status(error),
                error: error.clone(),
            },
            ExchangeFailure::HttpError { status, .. } | ExchangeFailure::NotJson { status, .. } => {
                Ending::Refused {
                    status: *status,
                    reason: format!("HTTP {status}"),
                }
            }
            ExchangeFailure::Unreachable { .. } => Ending::NoAnswer {
                reason: "unreachable".into(),
            },
            ExchangeFailure::Timeout { seconds } => Ending::NoAnswer {
                reason: format!("timeout {seconds} s"),
            },
            ExchangeFailure::Cancelled => Ending::NoAnswer {
                reason: "cancelled".into(),
            },
            ExchangeFailure::TooLarge { .. } => Ending::NoAnswer {
                reason: "too large".into(),
            },
            ExchangeFailure::InvalidUrl { field, .. } => Ending::NoAnswer {
                reason: format!("invalid {field}"),
            },
        }
    }
}

fn relay_status(error: &RelayError) -> u16 {
    RelayError::KNOWN
        .iter()
        .find(|(known, _)| known == error)
        .map_or(403, |(_, status)| *status)
}

impl Ending {
    /// The upstream's answer, when it answered: its status, and the reason when it refused.
    fn upstream_answer(&self) -> Option<(u16, Option<String>)> {
        match self {
            Ending::Answered { status } => Some((*status, None)),
            Ending::Refused { status, reason } => Some((*status, Some(reason.clone()))),
            _ => None,
        }
    }
}

/// One call as it went: how it ended and how long it took.
#[derive(Debug, Clone, PartialEq)]
pub struct Attempt {
    /// How it ended.
    pub ending: Ending,
    /// How long it took, when measured.
    pub elapsed_ms: Option<f64>,
}

/// One arrow of the diagram.
#[derive(Debug, Clone, PartialEq)]
pub struct Hop {
    /// Which request.
    pub call: Call,
    /// Who sent it.
    pub from: Party,
    /// Who received it.
    pub to: Party,
    /// What travels: `POST /v1/token`, `GET /health/v1/ping`, or the answer.
    pub label: String,
    /// The status of an answer hop.
    pub status: Option<u16>,
    /// How long the request took, on the answer's hop.
    pub elapsed_ms: Option<f64>,
    /// The hop where the call failed, with the short reason.
    pub failure: Option<String>,
}

/// The hops of the token request and the ping, as they went (`None`: not attempted yet), or,
/// with no attempts at all, the flow without values.
pub fn hops(via_relay: bool, token: Option<&Attempt>, ping: Option<&Attempt>) -> Vec<Hop> {
    let mut out = Vec::new();
    for (call, attempt) in [(Call::Token, token), (Call::Ping, ping)] {
        call_hops(&mut out, via_relay, call, attempt);
    }
    out
}

/// The flow as it is meant to go, without values: for the checklist.
pub fn flow() -> Vec<Hop> {
    hops(true, None, None)
}

fn call_hops(out: &mut Vec<Hop>, via_relay: bool, call: Call, attempt: Option<&Attempt>) {
    let (upstream, request) = match call {
        Call::Token => (Party::Acm, "POST /v1/token"),
        Call::Ping => (Party::Api, "GET /health/v1/ping"),
    };
    let hop = |from, to, label: &str| Hop {
        call,
        from,
        to,
        label: label.to_string(),
        status: None,
        elapsed_ms: None,
        failure: None,
    };
    let first = if via_relay { Party::Relay } else { upstream };
    let answer_label = match call {
        Call::Token => "access_token",
        Call::Ping => "JSON",
    };
    let ends = [first, upstream];
    let labels = [request, answer_label];
    if let Some(attempt) = attempt {
        if let Some((status, failure)) = attempt.ending.upstream_answer() {
            answered(
                out,
                via_relay,
                ends,
                labels,
                hop,
                status,
                failure,
                attempt.elapsed_ms,
            );
            return;
        }
    }
    match attempt.map(|a| (&a.ending, a.elapsed_ms)) {
        None => {
            out.push(hop(Party::Page, first, request));
            if via_relay {
                out.push(hop(Party::Relay, upstream, request));
                out.push(hop(upstream, Party::Relay, answer_label));
            }
            out.push(hop(first, Party::Page, answer_label));
        }
        Some((Ending::NoAnswer { reason }, elapsed)) => {
            let mut failed = hop(Party::Page, first, request);
            failed.failure = Some(reason.clone());
            failed.elapsed_ms = elapsed;
            out.push(failed);
        }
        Some((Ending::RelayRefused { status, error }, elapsed)) => {
            out.push(hop(Party::Page, Party::Relay, request));
            let reached_upstream = matches!(
                error,
                RelayError::UpstreamRedirect
                    | RelayError::UpstreamFailed
                    | RelayError::UpstreamTimeout
            );
            if reached_upstream {
                let mut tried = hop(Party::Relay, upstream, request);
                tried.failure = Some(error.code().to_string());
                out.push(tried);
            }
            let mut back = hop(Party::Relay, Party::Page, "relay_error");
            back.status = Some(*status);
            back.elapsed_ms = elapsed;
            if !reached_upstream {
                back.failure = Some(error.code().to_string());
            }
            out.push(back);
        }
        // Answered by the upstream: handled above.
        Some((Ending::Answered { .. } | Ending::Refused { .. }, _)) => {}
    }
}

/// The hops of a call the upstream answered: there and back, the answer's status on both answer
/// hops, a refusal marked where the upstream gave it.
#[allow(clippy::too_many_arguments)]
fn answered(
    out: &mut Vec<Hop>,
    via_relay: bool,
    [first, upstream]: [Party; 2],
    [request, answer_label]: [&str; 2],
    hop: impl Fn(Party, Party, &str) -> Hop,
    status: u16,
    failure: Option<String>,
    elapsed_ms: Option<f64>,
) {
    out.push(hop(Party::Page, first, request));
    if via_relay {
        out.push(hop(Party::Relay, upstream, request));
        let mut answer = hop(upstream, Party::Relay, answer_label);
        answer.status = Some(status);
        answer.failure.clone_from(&failure);
        out.push(answer);
    }
    let mut back = hop(first, Party::Page, answer_label);
    back.status = Some(status);
    back.elapsed_ms = elapsed_ms;
    if !via_relay {
        back.failure = failure;
    }
    out.push(back);
}

#[cfg(test)]
mod tests {
    use super::*;

    fn answered(status: u16) -> Attempt {
        Attempt {
            ending: Ending::Answered { status },
            elapsed_ms: Some(12.0),
        }
    }

    fn route(hops: &[Hop]) -> Vec<(&str, &str, Option<u16>, bool)> {
        hops.iter()
            .map(|h| (h.from.id(), h.to.id(), h.status, h.failure.is_some()))
            .collect()
    }

    #[test]
    fn a_good_exchange_through_the_relay() {
        let hops = hops(true, Some(&answered(200)), Some(&answered(200)));
        assert_eq!(
            route(&hops),
            [
                ("page", "relay", None, false),
                ("relay", "acm", None, false),
                ("acm", "relay", Some(200), false),
                ("relay", "page", Some(200), false),
                ("page", "relay", None, false),
                ("relay", "api", None, false),
                ("api", "relay", Some(200), false),
                ("relay", "page", Some(200), false),
            ]
        );
        assert_eq!(hops[3].elapsed_ms, Some(12.0));
    }

    #[test]
    fn each_kind_of_failure_marks_its_hop() {
        // The relay refused the target: the upstream is never reached.
        let refused = Attempt {
            ending: Ending::of_failure(&ExchangeFailure::RelayRefused {
                error: RelayError::TargetNotAllowed,
            }),
            elapsed_ms: None,
        };
        let hops_refused = hops(true, Some(&refused), None);
        assert_eq!(
            route(&hops_refused)[..2],
            [
                ("page", "relay", None, false),
                ("relay", "page", Some(403), true)
            ]
        );
        assert_eq!(
            hops_refused[1].failure.as_deref(),
            Some("target_not_allowed")
        );
        // ACM refused the client: its answer hop carries the reason.
        let acm = Attempt {
            ending: Ending::Refused {
                status: 401,
                reason: "invalid_client".into(),
            },
            elapsed_ms: None,
        };
        let hops_acm = hops(true, Some(&acm), None);
        assert_eq!(route(&hops_acm)[2], ("acm", "relay", Some(401), true));
        assert_eq!(hops_acm[2].failure.as_deref(), Some("invalid_client"));
        // The API refused the token.
        let api = Attempt {
            ending: Ending::of_failure(&ExchangeFailure::HttpError {
                status: 401,
                body: crate::domain::acm::exchange::BodyKind::Empty,
            }),
            elapsed_ms: None,
        };
        let hops_api = hops(true, Some(&answered(200)), Some(&api));
        assert_eq!(route(&hops_api)[6], ("api", "relay", Some(401), true));
        // Nothing came back: the first hop failed.
        let gone = Attempt {
            ending: Ending::of_failure(&ExchangeFailure::Unreachable { via_relay: true }),
            elapsed_ms: None,
        };
        assert_eq!(
            route(&hops(true, Some(&gone), None))[0],
            ("page", "relay", None, true)
        );
        // The upstream redirected: the relay tried and answered 502 itself.
        let redirected = Attempt {
            ending: Ending::of_failure(&ExchangeFailure::RelayRefused {
                error: RelayError::UpstreamRedirect,
            }),
            elapsed_ms: None,
        };
        assert_eq!(
            route(&hops(true, None, Some(&redirected)))[4..],
            [
                ("page", "relay", None, false),
                ("relay", "api", None, true),
                ("relay", "page", Some(502), false)
            ]
        );
    }

    #[test]
    fn direct_calls_skip_the_relay_and_the_flow_has_no_values() {
        let direct = hops(false, Some(&answered(200)), None);
        assert_eq!(
            route(&direct)[..2],
            [
                ("page", "acm", None, false),
                ("acm", "page", Some(200), false)
            ]
        );
        assert!(flow()
            .iter()
            .all(|h| h.status.is_none() && h.failure.is_none()));
        assert_eq!(flow().len(), 8);
    }
}
