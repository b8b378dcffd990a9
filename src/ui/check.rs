//! Step 6, "Controle": the ping answer, pasted, dropped, picked or fetched in step 5, checked
//! field by field against the other steps; the answer as a tree; the proof of onboarding.

use std::collections::HashSet;

use leptos::prelude::*;
use serde_json::Value;

use super::browser;
use super::state::{Check, CheckInput, Signing};
use super::widgets::{
    tr, tr_signal, use_lang, CopyButton, DownloadButton, FileButton, KeyGuard, SourceNote,
    StepSection, TextArea,
};
use crate::domain::acm::key::{self, SigningAlg};
use crate::domain::checked::client_id::ClientId;
use crate::domain::checked::lifetime::Lifetime;
use crate::domain::checked::time::format_rfc3339 as format_time;
use crate::domain::facts::environment::Role;
use crate::domain::facts::provenance::{self, Sourced};
use crate::domain::facts::sources as facts;
use crate::domain::facts::sources::Fact;
use crate::domain::onboarding::checklist;
use crate::domain::onboarding::ping::{self, PingReport, Verdict};
use crate::domain::onboarding::registration::Registration;
use crate::i18n::messages::{self, ProofFacts};
use crate::i18n::{t, Lang, T};
use crate::steps::Step;

/// The tree shows at most this many nodes: a 5 MB answer must not freeze the page.
const TREE_NODE_BUDGET: usize = 1500;
/// Longer strings are cut in the tree.
const TREE_STRING_CHARS: usize = 200;

#[component]
pub fn CheckStep(
    check: Check,
    report: Memo<Option<PingReport>>,
    registration: Memo<Registration>,
    signing: Signing,
    api_team_email: RwSignal<String>,
    /// The values whose origin the page shows, for the proof's list of what differs.
    sourced_values: Memo<Vec<Sourced>>,
) -> impl IntoView {
    let submit_text = move || {
        let text = check.text.get_untracked();
        check
            .submitted
            .set(Some((CheckInput::Text(text), browser::now_secs())));
    };
    let guard = KeyGuard::new();
    let load_file = Callback::new(move |file: web_sys::File| {
        // The size first: a file too large is never read.
        let size = file.size() as usize;
        if size > ping::MAX_PING_BYTES {
            check
                .submitted
                .set(Some((CheckInput::Oversized(size), browser::now_secs())));
            return;
        }
        leptos::task::spawn_local(async move {
            if let Ok(bytes) = browser::read_file(&file).await {
                if let Ok(text) = std::str::from_utf8(&bytes) {
                    if !guard.admits(text) {
                        check.text.set(String::new());
                        return;
                    }
                    check.text.set(text.to_string());
                }
                check
                    .submitted
                    .set(Some((CheckInput::Bytes(bytes), browser::now_secs())));
            }
        });
    });

    view! {
        <StepSection step=Step::Check>
            <p>{tr(T::CheckIntro)}</p>
            <p class="sources" data-testid="check-sources">
                {tr(T::SourcesHeading)}
                ": "
                <SourceNote topic="vo_orgcode, vo_orgnaam, client id" fact=Fact::PingMatchRule />
                <SourceNote topic="JSON" fact=Fact::PingAnswer />
            </p>
            <TextArea
                id="ping-input"
                label=T::PingInputLabel
                hint=T::PingInputHint
                value=guard.binding(check.text)
                message=guard.message()
                rows=10
                on_file=load_file
            />
            <p class="row">
                <button
                    type="button"
                    class="btn"
                    data-testid="ping-validate"
                    on:click=move |_| submit_text()
                >
                    {tr(T::ValidateButton)}
                </button>
                <FileButton
                    label=T::PingFileLabel
                    testid="ping-file"
                    accept=".json,.txt"
                    on_file=load_file
                />
            </p>

            {move || report.get().map(|report| view! { <PingVerdict report=report /> })}
            <Show when=move || {
                report
                    .with(|r| {
                        r.as_ref()
                            .is_some_and(|r| matches!(r.verdict, Verdict::Ok | Verdict::Warning))
                    })
            }>
                <NextSteps registration=registration />
            </Show>

            <Show when=move || report.with(Option::is_some)>
                <ProofReport
                    check=check
                    report=report
                    registration=registration
                    signing=signing
                    api_team_email=api_team_email
                    sourced_values=sourced_values
                />
            </Show>
        </StepSection>
    }
}

/// After a good ping, where to go next, each with its source: the Swagger UI of the user's role
/// on beta, what the role's API documents say its requests need (`facts::api_notes`), eLys's
/// terms of use for funeral-home integrators, and the release notes.
#[component]
fn NextSteps(registration: Memo<Registration>) -> impl IntoView {
    let lang = use_lang();
    let role = move || registration.with(|r| r.role);
    let funeral_home_integrator =
        move || registration.with(|r| r.integrator && r.role == Role::Uitvaartondernemer);
    view! {
        <section class="next-steps" data-testid="next-steps">
            <h3>{tr(T::NextStepsHeading)}</h3>
            <ul>
                <li>
                    {tr(T::NextStepSwagger)} " "
                    <a
                        href=move || facts::swagger_ui(role())
                        data-testid="next-step-swagger"
                        rel="noopener noreferrer"
                        target="_blank"
                    >
                        {move || facts::swagger_ui(role())}
                    </a> <SourceNote fact=Signal::derive(move || Fact::SwaggerUi(role())) />
                </li>
                {move || {
                    facts::api_notes(role())
                        .iter()
                        .map(|&note| {
                            view! {
                                <li data-testid="next-step-api-note" data-fact=note.fact().id()>
                                    {move || messages::api_note(lang.get(), note)}
                                    " "
                                    <SourceNote fact=note.fact() />
                                </li>
                            }
                        })
                        .collect_view()
                }}
                <Show when=funeral_home_integrator>
                    <li data-testid="next-step-terms">
                        {tr(T::NextStepTerms)} " "
                        <a href=facts::TERMS_OF_USE rel="noopener noreferrer" target="_blank">
                            {facts::TERMS_OF_USE}
                        </a> <SourceNote fact=Fact::TermsOfUse />
                    </li>
                </Show>
                <li>
                    {tr(T::NextStepReleaseNotes)} " "
                    <a href=facts::RELEASE_NOTES_PAGE rel="noopener noreferrer" target="_blank">
                        {facts::RELEASE_NOTES_PAGE}
                    </a> <SourceNote fact=Fact::ReleaseNotes />
                </li>
            </ul>
        </section>
    }
}

/// For a JSON error: the offending line with the error's character marked.
fn snippet_view(row: &crate::domain::onboarding::ping::CheckRow) -> Option<impl IntoView> {
    let crate::domain::onboarding::ping::Finding::Invalid(err) = &row.finding else {
        return None;
    };
    let at = err.position()?;
    let split = at
        .snippet
        .char_indices()
        .nth(at.caret)
        .map_or(at.snippet.len(), |(i, _)| i);
    let (before, after) = at.snippet.split_at(split);
    let mut rest = after.chars();
    let marked = rest.next().map(String::from).unwrap_or_default();
    let (before, after) = (before.to_string(), rest.collect::<String>());
    Some(view! {
        <pre class="mono snippet" data-testid="json-snippet">
            {before}
            <mark>{marked}</mark>
            {after}
        </pre>
    })
}

fn scalar(value: &Value) -> String {
    match value {
        Value::String(s) if s.chars().count() > TREE_STRING_CHARS => {
            format!(
                "\"{}…\"",
                s.chars().take(TREE_STRING_CHARS).collect::<String>()
            )
        }
        other => other.to_string(),
    }
}

/// The answer as nested `<details>`, checked fields marked, within a node budget.
fn tree(
    value: &Value,
    path: &str,
    highlighted: &HashSet<String>,
    lang: Lang,
    budget: &mut usize,
) -> AnyView {
    let entries: Vec<(String, &Value)> = match value {
        Value::Object(map) => map.iter().map(|(k, v)| (k.clone(), v)).collect(),
        Value::Array(items) => items
            .iter()
            .enumerate()
            .map(|(i, v)| (i.to_string(), v))
            .collect(),
        other => return view! { <span class="tree-scalar">{scalar(other)}</span> }.into_any(),
    };
    let mut children = Vec::new();
    for (key, child) in entries {
        if *budget == 0 {
            let more = t(lang, T::TreeTruncated);
            children.push(view! { <li class="tree-more">{more}</li> }.into_any());
            break;
        }
        *budget -= 1;
        let child_path = if path.is_empty() {
            key.clone()
        } else {
            format!("{path}.{key}")
        };
        let marked = highlighted.contains(&child_path);
        let class = if marked {
            "tree-node tree-checked"
        } else {
            "tree-node"
        };
        let item = match child {
            Value::Object(_) | Value::Array(_) => {
                let inner = tree(child, &child_path, highlighted, lang, budget);
                view! {
                    <li class=class data-path=child_path.clone()>
                        <details open=true>
                            <summary>
                                <span class="tree-key">{key}</span>
                            </summary>
                            {inner}
                        </details>
                    </li>
                }
                .into_any()
            }
            scalar_value => view! {
                <li class=class data-path=child_path.clone()>
                    <span class="tree-key">{key}</span>
                    ": "
                    <span class="tree-scalar">{scalar(scalar_value)}</span>
                </li>
            }
            .into_any(),
        };
        children.push(item);
    }
    view! { <ul class="tree-list">{children}</ul> }.into_any()
}

/// The verdict on one checked ping answer: the sentence, a row per check with the expected and
/// the found value, the fields the API team did not document, and the answer as a tree.
#[component]
fn PingVerdict(report: PingReport) -> impl IntoView {
    let lang = use_lang();
    let verdict = report.verdict;
    let sentence = {
        let report = report.clone();
        move || messages::verdict(lang.get(), &report)
    };
    let highlighted: HashSet<String> = report
        .checked_paths()
        .into_iter()
        .map(str::to_string)
        .collect();
    let unknown = report.unknown_fields.clone();
    let answer = report.answer.clone();
    view! {
        <div
            class=format!("verdict verdict-{}", verdict.id())
            data-testid="ping-verdict"
            data-verdict=verdict.id()
            role="status"
            aria-live="polite"
        >
            {sentence}
        </div>
        // Focusable and labelled: on narrow screens the table scrolls sideways.
        <div
            class="table-wrap"
            tabindex="0"
            role="region"
            aria-label=move || t(lang.get(), T::CheckColumn)
        >
            <table class="checks">
                <thead>
                    <tr>
                        <th scope="col">{tr(T::CheckColumn)}</th>
                        <th scope="col">{tr(T::StatusColumn)}</th>
                        <th scope="col">{tr(T::ExpectedColumn)}</th>
                        <th scope="col">{tr(T::FoundColumn)}</th>
                        <th scope="col">{tr(T::ExplanationColumn)}</th>
                    </tr>
                </thead>
                <tbody>
                    {report
                        .rows
                        .iter()
                        .cloned()
                        .map(|row| {
                            let status = row.status;
                            let check_id = row.check;
                            let snippet = snippet_view(&row);
                            let (expected, found) = (row.expected.clone(), row.found.clone());
                            view! {
                                <tr
                                    class=format!("row-{}", status.id())
                                    data-testid="check-row"
                                    data-check=check_id.id()
                                    data-status=status.id()
                                >
                                    <th scope="row">
                                        {move || messages::check_name(lang.get(), check_id)}
                                    </th>
                                    <td>
                                        <span class=format!(
                                            "badge badge-{}",
                                            status.id(),
                                        )>{move || messages::status_text(lang.get(), status)}</span>
                                    </td>
                                    <td class="mono">{expected}</td>
                                    <td class="mono">{found}</td>
                                    <td>{move || messages::finding(lang.get(), &row)} {snippet}</td>
                                </tr>
                            }
                        })
                        .collect_view()}
                </tbody>
            </table>
        </div>
        {(!unknown.is_empty())
            .then(|| {
                view! {
                    <h3>{tr(T::UnknownFieldsHeading)}</h3>
                    <ul data-testid="unknown-fields">
                        {unknown
                            .into_iter()
                            .map(|f| view! { <li class="mono">{f}</li> })
                            .collect_view()}
                    </ul>
                }
            })}
        {answer
            .map(|answer| {
                view! {
                    <h3>{tr(T::TreeHeading)}</h3>
                    <div
                        class="tree mono"
                        data-testid="ping-tree"
                        tabindex="0"
                        role="region"
                        aria-label=move || t(lang.get(), T::TreeHeading)
                    >
                        {tree(
                            &answer,
                            "",
                            &highlighted,
                            lang.get_untracked(),
                            &mut TREE_NODE_BUDGET.clone(),
                        )}
                    </div>
                }
            })}
    }
}

/// The onboarding proof: what was registered, checked and assumed, as Markdown to copy,
/// download or mail to the API team.
#[component]
fn ProofReport(
    check: Check,
    report: Memo<Option<PingReport>>,
    registration: Memo<Registration>,
    signing: Signing,
    api_team_email: RwSignal<String>,
    sourced_values: Memo<Vec<Sourced>>,
) -> impl IntoView {
    let lang = use_lang();
    let proof = Memo::new(move |_| {
        let report = report.get()?;
        let client_id = signing.client_id_checked.get().ok();
        let checked_at = check
            .submitted
            .with(|s| s.as_ref().map(|(_, at)| *at))
            .unwrap_or_default();
        // What the page took on trust: the algorithm in effect and whether a kid is sent.
        let alg = super::assertion::effective_alg(&signing).unwrap_or(SigningAlg::Rs256);
        let has_kid = signing.key.with(|held| match held {
            Some(held) => {
                key::assertion_kid(&held.info, signing.registered_report().as_ref()).is_some()
            }
            None => true,
        });
        let values = sourced_values.get();
        Some(registration.with(|reg| {
            let situation = reg.situation(alg, has_kid, signing.audience.get());
            let assumptions = facts::assumptions_in_force(&situation);
            messages::proof_report(
                lang.get(),
                &ProofFacts {
                    registration: reg,
                    client_id: client_id.as_ref().map(ClientId::as_str),
                    report: &report,
                    checked_at: format_time(checked_at),
                    assumptions: &assumptions,
                    differing: &provenance::differing(&values),
                    lifetime_seconds: Lifetime::parse(&signing.lifetime.get())
                        .ok()
                        .map(Lifetime::seconds),
                    api_audience: signing.api_audience(reg).as_ref().map(ClientId::as_str),
                },
            )
        }))
    });
    let proof_text = Signal::derive(move || proof.get().map(|(text, _)| text).unwrap_or_default());

    view! {
        <h3>{tr(T::ProofHeading)}</h3>
        <p>{tr(T::ProofIntro)}</p>
        <pre class="mono output" data-testid="proof-report" tabindex="0">
            {move || proof_text.get()}
        </pre>
        <p class="row">
            <CopyButton value=proof_text what=tr_signal(T::ProofHeading) testid="proof-copy" />
            <DownloadButton
                label=tr_signal(T::ProofDownload)
                file_name=Signal::derive(move || {
                    format!("onboarding-proof-{}.md", registration.with(|r| r.environment.code()))
                })
                mime="text/markdown"
                content=Callback::new(move |()| proof_text.get_untracked())
                testid="proof-download"
            />
            <a
                class="btn btn-small"
                data-testid="proof-mail"
                href=move || {
                    proof
                        .get()
                        .and_then(|(text, subject)| {
                            checklist::mailto(&api_team_email.get(), &subject, &text).ok()
                        })
                        .unwrap_or_default()
                }
            >
                {tr(T::ProofMail)}
            </a>
        </p>
    }
}
