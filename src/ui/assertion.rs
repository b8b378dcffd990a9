//! Step 4, "Client assertion": the client id and assertion settings, signing, the decoded
//! result with a countdown, and the linter for this page's or a pasted assertion.

use leptos::prelude::*;
use rand_core::OsRng;

use super::browser;
use super::state::{AcmDiscovery, Signing};
use super::widgets::{
    message, tr, tr_signal, use_clock, use_lang, CopyButton, KeyGuard, SelectField, SourceNote,
    StepSection, TextArea, TextField, Tone,
};
use crate::domain::acm::assertion::{
    self, AssertionSpec, AudienceChoice, LintContext, LintReport, LintStatus, NotReady,
    SignatureCheck,
};
use crate::domain::acm::exchange::AlgorithmVerdict;
use crate::domain::acm::key::{self, KeyImportError, PublicKey, SigningAlg};
use crate::domain::checked::client_id::ClientId;
use crate::domain::checked::lifetime::Lifetime;
use crate::domain::checked::time::format_rfc3339 as format_time;
use crate::domain::facts::config::Endpoints;
use crate::domain::facts::sources::Fact;
use crate::domain::onboarding::registration::Registration;
use crate::i18n::{messages, msg, t, T};
use crate::steps::Step;
use crate::webcrypto;

/// The algorithm in effect for the held key (`KeyKind::effective_alg`), if a key is held.
pub(crate) fn effective_alg(signing: &Signing) -> Option<SigningAlg> {
    let kind = signing
        .key
        .with(|k| k.as_ref().map(|held| held.info.kind()))?;
    Some(kind.effective_alg(signing.alg.get()))
}

/// Signs a fresh assertion with the step's settings in the browser's key store, or says what
/// is left to do.
pub(crate) async fn sign_fresh(
    signing: Signing,
    endpoints: &Endpoints,
) -> Result<assertion::SignedAssertion, NotReady> {
    let Some(held) = signing.key.get_untracked() else {
        return Err(NotReady::NoKey);
    };
    let client_id = signing
        .client_id_checked
        .get_untracked()
        .map_err(NotReady::ClientId)?;
    let lifetime =
        Lifetime::parse(&signing.lifetime.get_untracked()).map_err(NotReady::Lifetime)?;
    let audience = signing
        .audience
        .get_untracked()
        .pick(&endpoints.issuer, &endpoints.token_endpoint)
        .clone();
    let alg = untrack(|| effective_alg(&signing)).unwrap_or(SigningAlg::Rs256);
    let spec = AssertionSpec {
        client_id,
        audience,
        lifetime,
        alg,
    };
    let registered = untrack(|| signing.registered_report());
    let unsigned = assertion::prepare(
        &spec,
        &held.info,
        key::assertion_kid(&held.info, registered.as_ref()),
        browser::now_secs(),
        assertion::new_uuid(&mut OsRng),
    )
    .map_err(NotReady::Sign)?;
    let signed = held.sign_assertion(unsigned).await?;
    signing
        .ledger
        .update(|ledger| ledger.record(&signed.jti, &signed.compact));
    Ok(signed)
}

/// Verifies an assertion's signature in WebCrypto with the given public key.
async fn check_signature(compact: &str, public: Option<PublicKey>) -> SignatureCheck {
    let Some(public) = public else {
        return SignatureCheck::NoKey;
    };
    let thumbprint = public.thumbprint();
    let verified = match assertion::signed_parts(compact) {
        Some(parts) => {
            webcrypto::verify(
                &public,
                parts.alg,
                parts.signing_input.as_bytes(),
                &parts.signature,
            )
            .await
        }
        None => false,
    };
    if verified {
        SignatureCheck::Verified { thumbprint }
    } else {
        SignatureCheck::Invalid { thumbprint }
    }
}

#[component]
pub fn AssertionStep(
    signing: Signing,
    endpoints: Memo<Endpoints>,
    registration: Memo<Registration>,
) -> impl IntoView {
    let linter = Linter::new(signing, endpoints);
    view! {
        <StepSection step=Step::Assertion>
            <p>{tr(T::AssertionIntro)}</p>
            <AssertionSettings signing=signing endpoints=endpoints registration=registration />
            <AssertionSources signing=signing endpoints=endpoints />
            <AlgorithmNotListed signing=signing endpoints=endpoints />
            <SignControls signing=signing endpoints=endpoints linter=linter />
            <Show when=move || signing.assertion.with(Option::is_some)>
                <SignedAssertion signing=signing />
            </Show>
            <LintSection linter=linter />
        </StepSection>
    }
}

/// The linter's inputs and what it last checked: the assertion, when, and what WebCrypto said of
/// its signature.
#[derive(Clone, Copy)]
struct Linter {
    signing: Signing,
    endpoints: Memo<Endpoints>,
    subject: RwSignal<Option<(String, i64, SignatureCheck)>>,
    /// A public key pasted to verify with instead of the loaded key.
    verify_key_text: RwSignal<String>,
    /// Worded when shown, so it follows the language toggle.
    verify_key_problem: RwSignal<Option<KeyImportError>>,
}

impl Linter {
    fn new(signing: Signing, endpoints: Memo<Endpoints>) -> Linter {
        Linter {
            signing,
            endpoints,
            subject: RwSignal::new(None),
            verify_key_text: RwSignal::new(String::new()),
            verify_key_problem: RwSignal::new(None),
        }
    }

    /// The pasted public key, or else the loaded key's.
    fn verify_key(self) -> Result<Option<PublicKey>, KeyImportError> {
        let text = self.verify_key_text.get_untracked();
        if text.trim().is_empty() {
            return Ok(self
                .signing
                .key
                .with_untracked(|k| k.as_ref().map(|held| held.info.public_key().clone())));
        }
        PublicKey::parse_jwk_text(&text).map(Some)
    }

    /// Lints `compact` at `now` once WebCrypto has checked its signature.
    fn lint_later(self, compact: String, now: i64) {
        let public = match self.verify_key() {
            Ok(public) => {
                self.verify_key_problem.set(None);
                public
            }
            Err(problem) => {
                self.verify_key_problem.set(Some(problem));
                None
            }
        };
        leptos::task::spawn_local(async move {
            let signature = check_signature(&compact, public).await;
            self.subject.set(Some((compact, now, signature)));
        });
    }

    /// The report on the last assertion linted, against the current key, client id and
    /// endpoints.
    fn report(self) -> Memo<Option<LintReport>> {
        let signing = self.signing;
        let endpoints = self.endpoints;
        let subject = self.subject;
        Memo::new(move |_| -> Option<LintReport> {
            let (compact, now, signature) = subject.get()?;
            let key = signing.key.get();
            let registered = signing.registered_report();
            let client_id = signing.client_id_checked.get().ok();
            let e = endpoints.get();
            signing.ledger.with(|ledger| {
                Some(assertion::lint(
                    &compact,
                    &LintContext {
                        client_id: client_id.as_ref().map(ClientId::as_str),
                        issuer: &e.issuer,
                        token_endpoint: &e.token_endpoint,
                        now,
                        key: key.as_ref().map(|held| &held.info),
                        registered: registered.as_ref(),
                        signature,
                        ledger,
                    },
                ))
            })
        })
    }
}

/// The sign button, what keeps it disabled, and why signing failed; a signed assertion is
/// linted at once.
#[component]
fn SignControls(signing: Signing, endpoints: Memo<Endpoints>, linter: Linter) -> impl IntoView {
    let lang = use_lang();
    let sign_problem = RwSignal::new(None::<NotReady>);
    let signing_busy = RwSignal::new(false);
    let lifetime_error = move || {
        Lifetime::parse(&signing.lifetime.get())
            .err()
            .map(|e| messages::lifetime_error(lang.get(), &e))
    };
    let blocked = move || {
        if signing.key.with(Option::is_none) {
            Some(t(lang.get(), T::NeedKey).to_string())
        } else if signing.client_id.with(|c| c.trim().is_empty()) {
            Some(t(lang.get(), T::NeedClientId).to_string())
        } else {
            None
        }
    };
    let sign = move |_| {
        signing_busy.set(true);
        leptos::task::spawn_local(async move {
            let e = endpoints.get_untracked();
            match sign_fresh(signing, &e).await {
                Ok(signed) => {
                    linter.lint_later(signed.compact.clone(), browser::now_secs());
                    signing.assertion.set(Some(signed));
                    sign_problem.set(None);
                }
                Err(problem) => sign_problem.set(Some(problem)),
            }
            signing_busy.set(false);
        });
    };
    view! {
        <p class="row">
            <button
                type="button"
                class="btn"
                data-testid="assertion-sign"
                disabled=move || {
                    blocked().is_some() || lifetime_error().is_some() || signing_busy.get()
                }
                on:click=sign
            >
                {tr(T::SignButton)}
            </button>
            <span class="hint" data-testid="assertion-blocked">
                {move || blocked().unwrap_or_default()}
            </span>
        </p>
        {move || {
            sign_problem
                .get()
                .map(|p| {
                    view! {
                        {message!(
                            Tone::Error, "assertion-error"; {move || messages::not_ready(lang.get(), &p)}
                        )}
                    }
                })
        }}
    }
}

/// The linter: a pasted assertion (or the one just signed), an optional public key to verify
/// with, and the report.
#[component]
fn LintSection(linter: Linter) -> impl IntoView {
    let lang = use_lang();
    let signing = linter.signing;
    let run_lint = move |_| {
        let compact = signing.lint_input.get_untracked().trim().to_string();
        signing
            .ledger
            .update(|ledger| ledger.record_compact(&compact));
        linter.lint_later(compact, browser::now_secs());
    };
    let problem = linter.verify_key_problem;
    let (lint_guard, key_guard) = (KeyGuard::new(), KeyGuard::new());
    view! {
        <h3>{tr(T::LintHeading)}</h3>
        <p>{tr(T::LintIntro)}</p>
        <TextArea
            id="lint-input"
            label=T::LintPasteLabel
            value=lint_guard.binding(signing.lint_input)
            message=lint_guard.message()
            rows=3
        />
        <TextArea
            id="lint-public-key"
            label=T::LintPublicKeyLabel
            hint=T::LintPublicKeyHint
            value=key_guard.binding(linter.verify_key_text)
            message=key_guard.message()
            rows=3
        />
        {move || {
            problem
                .get()
                .map(|p| {
                    view! {
                        {message!(
                            Tone::Error, "lint-key-error"; {move || messages::key_import_error(lang.get(), &p)}
                        )}
                    }
                })
        }}
        <p>
            <button
                type="button"
                class="btn btn-secondary"
                data-testid="lint-run"
                on:click=run_lint
            >
                {tr(T::LintRun)}
            </button>
        </p>
        <LintReportView report=linter.report() />
    }
}

/// ACM's discovery document, when the relay check fetched it for the issuer in effect.
fn current_discovery(signing: Signing, endpoints: Memo<Endpoints>) -> Option<AcmDiscovery> {
    signing
        .acm_discovery
        .get()
        .filter(|d| endpoints.with(|e| e.issuer == d.issuer))
}

/// A warning before signing with an algorithm ACM's discovery document does not list.
#[component]
fn AlgorithmNotListed(signing: Signing, endpoints: Memo<Endpoints>) -> impl IntoView {
    let lang = use_lang();
    move || {
        let fetched = current_discovery(signing, endpoints)?;
        let alg = effective_alg(&signing)?;
        match fetched.discovery.algorithm_verdict(alg.name()) {
            AlgorithmVerdict::NotListed { listed } => {
                let at = format_time(fetched.fetched_at);
                Some(view! {
                    {message!(
                        Tone::Warning, "alg-not-listed"; {move || messages::algorithm_not_listed(
                            lang.get(),
                            alg.name(),
                            &listed,
                            &at,
                        )}
                    )}
                })
            }
            AlgorithmVerdict::Listed | AlgorithmVerdict::NotStated => None,
        }
    }
}

/// Where each claim rule and the algorithm come from. The algorithm's is ACM's own discovery
/// document once fetched (and listing algorithms), else the page's assumption.
#[component]
fn AssertionSources(signing: Signing, endpoints: Memo<Endpoints>) -> impl IntoView {
    let lang = use_lang();
    let from_discovery = move || {
        current_discovery(signing, endpoints).and_then(|fetched| {
            let algs = fetched.discovery.signing_algs.clone()?;
            let text = msg::DiscoveryAlgListed {
                algs: &algs.join(", "),
                fetched_at: &format_time(fetched.fetched_at),
            }
            .text(lang.get());
            // "alg" is the header's name, the same in every language.
            Some(format!("alg: {text}"))
        })
    };
    view! {
        <p class="sources" data-testid="assertion-sources">
            {tr(T::SourcesHeading)}
            ": "
            <SourceNote topic="iss, sub, exp" fact=Fact::AssertionClaims />
            <SourceNote
                topic="aud"
                fact=Signal::derive(move || match signing.audience.get() {
                    AudienceChoice::TokenEndpoint => Fact::AssertionAudience,
                    AudienceChoice::Issuer => Fact::AssertionAudienceIssuer,
                })
            />
            {move || match from_discovery() {
                Some(text) => {
                    view! {
                        <span class="source" data-testid="alg-source" data-from="discovery">
                            {text}
                        </span>
                    }
                        .into_any()
                }
                None => {
                    view! {
                        <SourceNote
                            topic="alg"
                            fact=Signal::derive(move || {
                                if effective_alg(&signing)
                                    .is_none_or(|alg| alg == SigningAlg::Rs256)
                                {
                                    Fact::AlgorithmRs256
                                } else {
                                    Fact::AlgorithmsOther
                                }
                            })
                        />
                    }
                        .into_any()
                }
            }}
            <SourceNote topic="exp − iat ≤ 600" fact=Fact::AssertionLifetime />
            <SourceNote topic="jti" fact=Fact::AssertionJti />
            <SourceNote topic="iat" fact=Fact::ClockTolerance />
        </p>
    }
}

/// The assertion just signed: the compact form to copy, its countdown, and its decoded header
/// and claims.
#[component]
fn SignedAssertion(signing: Signing) -> impl IntoView {
    let lang = use_lang();
    let clock = use_clock();
    let compact = Signal::derive(move || {
        signing
            .assertion
            .with(|a| a.as_ref().map(|a| a.compact.clone()).unwrap_or_default())
    });
    let pretty =
        |value: &serde_json::Value| serde_json::to_string_pretty(value).unwrap_or_default();
    view! {
        <div class="field">
            <label for="assertion-output">{tr(T::AssertionOutputLabel)}</label>
            <textarea
                id="assertion-output"
                data-testid="assertion-output"
                class="mono"
                readonly
                rows="5"
                prop:value=move || compact.get()
            ></textarea>
            <p class="row">
                <CopyButton
                    value=compact
                    what=tr_signal(T::AssertionOutputLabel)
                    testid="assertion-copy"
                />
                <span data-testid="assertion-countdown" class="countdown">
                    {move || {
                        let exp = signing
                            .assertion
                            .with(|a| a.as_ref().map(|a| a.expires_at))
                            .unwrap_or_default();
                        messages::expires_in(lang.get(), exp - (clock.get() / 1000.0) as i64)
                    }}
                </span>
            </p>
            {move || {
                signing
                    .assertion
                    .get()
                    .map(|a| {
                        view! {
                            <dl class="decoded">
                                <dt>{tr(T::IssuedAtLabel)}</dt>
                                <dd>{format_time(a.issued_at)}</dd>
                                <dt>{tr(T::ExpiresAtLabel)}</dt>
                                <dd>{format_time(a.expires_at)}</dd>
                            </dl>
                            <div class="two-col">
                                <div>
                                    <h4>{tr(T::HeaderLabel)}</h4>
                                    <pre class="mono output" data-testid="assertion-header">
                                        {pretty(&a.header)}
                                    </pre>
                                </div>
                                <div>
                                    <h4>{tr(T::ClaimsLabel)}</h4>
                                    <pre class="mono output" data-testid="assertion-claims">
                                        {pretty(&a.claims)}
                                    </pre>
                                </div>
                            </div>
                        }
                    })
            }}
        </div>
    }
}

/// The linter's verdict and one row per check, with the expected and the found value.
#[component]
fn LintReportView(report: Memo<Option<LintReport>>) -> impl IntoView {
    let lang = use_lang();
    view! {
        {move || {
            report
                .get()
                .map(|report| {
                    let passed = report.passed();
                    view! {
                        <div data-testid="assertion-lint" data-passed=passed.to_string()>
                            {message!(
                                if passed {
                                Tone::Ok
                            } else {
                                Tone::Error
                            }, ""; {tr(if passed { T::LintPassed } else { T::LintFailed })}
                            )}
                            <ul class="lint">
                                {report
                                    .findings
                                    .into_iter()
                                    .map(|finding| {
                                        let status = match finding.status {
                                            LintStatus::Pass => "pass",
                                            LintStatus::Fail => "fail",
                                            LintStatus::Skipped => "skipped",
                                        };
                                        let status_key = match finding.status {
                                            LintStatus::Pass => T::LintStatusPass,
                                            LintStatus::Fail => T::LintStatusFail,
                                            LintStatus::Skipped => T::LintStatusSkipped,
                                        };
                                        let check = finding.check;
                                        let problem = finding.problem.clone();
                                        let expected = finding.expected.clone();
                                        let found = finding.found.clone();
                                        view! {
                                            <li
                                                class=format!("lint-row lint-{status}")
                                                data-testid="lint-row"
                                                data-check=check.id()
                                                data-status=status
                                            >
                                                <span class="badge">
                                                    {move || t(lang.get(), status_key)}
                                                </span>
                                                <strong>
                                                    {move || messages::lint_check_name(lang.get(), check)}
                                                </strong>
                                                <span class="lint-values">
                                                    {move || {
                                                        let expected = if expected.is_empty() {
                                                            messages::lint_expected(lang.get(), check).to_string()
                                                        } else {
                                                            expected.clone()
                                                        };
                                                        if expected.is_empty() && found.is_empty() {
                                                            String::new()
                                                        } else {
                                                            format!(
                                                                "{}: {} · {}: {}",
                                                                t(lang.get(), T::ExpectedLabel),
                                                                expected,
                                                                t(lang.get(), T::FoundLabel),
                                                                found,
                                                            )
                                                        }
                                                    }}
                                                </span>
                                                {problem
                                                    .map(|p| {
                                                        view! {
                                                            <span class="lint-problem">
                                                                {move || messages::lint_problem(lang.get(), &p)}
                                                            </span>
                                                        }
                                                    })}
                                            </li>
                                        }
                                    })
                                    .collect_view()}
                            </ul>
                        </div>
                    }
                })
        }}
    }
}

/// The assertion's settings: client id (checked as typed), audience, algorithm and lifetime.
#[component]
fn AssertionSettings(
    signing: Signing,
    endpoints: Memo<Endpoints>,
    registration: Memo<Registration>,
) -> impl IntoView {
    let lang = use_lang();
    let client_id_message = Signal::derive(move || {
        if signing.client_id.with(|raw| raw.trim().is_empty()) {
            return None;
        }
        match signing.client_id_checked.get() {
            Err(err) => Some((Tone::Error, messages::client_id_error(lang.get(), &err))),
            Ok(id) if registration.with(|r| r.api_client_id.as_deref() == Some(id.as_str())) => {
                Some((Tone::Error, t(lang.get(), T::ClientIdIsApiId).to_string()))
            }
            Ok(id) if !id.looks_like_uuid() => {
                Some((Tone::Warning, t(lang.get(), T::ClientIdNotUuid).to_string()))
            }
            Ok(_) => None,
        }
    });
    let lifetime_error = move || {
        Lifetime::parse(&signing.lifetime.get())
            .err()
            .map(|e| messages::lifetime_error(lang.get(), &e))
    };
    let lifetime_message = Signal::derive(move || lifetime_error().map(|m| (Tone::Error, m)));
    let audiences = Signal::derive(move || {
        endpoints.with(|e| {
            AudienceChoice::ALL
                .into_iter()
                .map(|choice| {
                    let label = choice.pick(T::AudIssuer, T::AudToken);
                    let url = choice.pick(&e.issuer, &e.token_endpoint);
                    (choice.code(), format!("{}: {url}", t(lang.get(), label)))
                })
                .collect()
        })
    });
    let algorithms = Signal::derive(move || {
        let available = signing
            .key
            .with(|k| {
                k.as_ref()
                    .map(|held| held.info.kind().algorithms().to_vec())
            })
            .unwrap_or_else(|| SigningAlg::ALL.to_vec());
        available
            .into_iter()
            .map(|alg| {
                let label = if alg.confirmed_for_acm() {
                    alg.name().to_string()
                } else {
                    format!("{} ({})", alg.name(), t(lang.get(), T::AlgUnconfirmed))
                };
                (alg.name(), label)
            })
            .collect()
    });

    view! {
        <div class="grid">
            <TextField
                id="client-id"
                label=T::ClientIdLabel
                hint=T::ClientIdHint
                value=signing.client_id
                mono=true
                wide=true
                message=client_id_message
            />
            <SelectField
                id="aud-select"
                label=T::AudLabel
                options=audiences
                selected=Signal::derive(move || signing.audience.get().code())
                on_change=Callback::new(move |value: String| {
                    signing.audience.set(AudienceChoice::from_code(&value));
                })
            />
            <SelectField
                id="alg-select"
                label=T::AlgLabel
                options=algorithms
                selected=Signal::derive(move || {
                    effective_alg(&signing).map_or("", SigningAlg::name)
                })
                on_change=Callback::new(move |value: String| {
                    signing.alg.set(SigningAlg::parse(&value));
                })
            />
            <TextField
                id="assertion-lifetime"
                label=T::LifetimeLabel
                hint=T::LifetimeHint
                kind="number"
                min="1"
                max="600"
                value=signing.lifetime
                message=lifetime_message
            />
        </div>
        <LifetimeSources />
    }
}

/// Where the default lifetime (the API team's demo) and the limit (assumed) come from.
#[component]
fn LifetimeSources() -> impl IntoView {
    view! {
        <p class="hint" data-testid="lifetime-sources">
            {tr(T::LifetimeSources)}
            " "
            <SourceNote topic="60 s" fact=Fact::AssertionLifetimeDefault />
            " "
            <SourceNote topic="600 s" fact=Fact::AssertionLifetime />
        </p>
    }
}
