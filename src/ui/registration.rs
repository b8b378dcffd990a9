//! Step 3, "Registratie": the onboarding text's two steps as a checklist to tick, export and
//! mail, filled in with the values of step 1 and the loaded key.

use std::collections::BTreeSet;

use leptos::prelude::*;

use super::browser;
use super::diagram::ExchangeDiagram;
use super::state::Signing;
use super::widgets::{
    message, tr, tr_signal, use_lang, CopyButton, PortalLink, SourceNote, StepSection, TextField,
    Tone, ValueOrigin,
};
use crate::domain::acm::diagram;
use crate::domain::facts::config::Endpoints;
use crate::domain::facts::provenance::{self, Origin, Sourced, ValueName};
use crate::domain::onboarding::checklist::{self, ChecklistItem, ChecklistStep};
use crate::domain::onboarding::registration::Registration;
use crate::i18n::messages::{self, ChecklistContext};
use crate::i18n::{Lang, T};
use crate::steps::Step;

fn markdown(
    lang: Lang,
    reg: &Registration,
    endpoints: &Endpoints,
    kid: Option<&str>,
    ticks: &BTreeSet<ChecklistItem>,
) -> String {
    let ctx = ChecklistContext {
        registration: reg,
        token_endpoint: &endpoints.token_endpoint,
        ping_url: &endpoints.ping,
        kid,
    };
    messages::checklist_markdown(lang, &ctx, &|item| ticks.contains(&item))
}

#[component]
pub fn RegistrationStep(
    registration: Memo<Registration>,
    endpoints: Memo<Endpoints>,
    ticks: RwSignal<BTreeSet<ChecklistItem>>,
    api_team_email: RwSignal<String>,
    /// The values with their origins (the API team's address among them).
    sourced_values: Memo<Vec<Sourced>>,
    signing: Signing,
) -> impl IntoView {
    let lang = use_lang();
    let exported = RwSignal::new(false);
    let kid = move || {
        signing
            .key
            .with(|k| k.as_ref().map(|held| held.info.kid().to_string()))
    };
    let item_text = move |item: ChecklistItem| {
        let kid = kid();
        registration.with(|reg| {
            endpoints.with(|e| {
                let ctx = ChecklistContext {
                    registration: reg,
                    token_endpoint: &e.token_endpoint,
                    ping_url: &e.ping,
                    kid: kid.as_deref(),
                };
                messages::checklist_item(lang.get(), item, &ctx)
            })
        })
    };
    let export = move |_| {
        let text = registration.with_untracked(|reg| {
            endpoints.with_untracked(|e| {
                ticks.with_untracked(|tk| {
                    markdown(lang.get_untracked(), reg, e, kid().as_deref(), tk)
                })
            })
        });
        let name =
            registration.with_untracked(|r| checklist::export_file_name(r.client_name.as_deref()));
        let _ = browser::download(&name, "text/markdown", &text);
        leptos::task::spawn_local(async move {
            let _ = browser::copy_text(&text).await;
        });
        exported.set(true);
    };
    // Keyed rows: a row stays (with its tick and focus) while the registration changes; only
    // the integrator choice (for a funeral home) adds or removes rows.
    let step_list = move |step: ChecklistStep| {
        view! {
            <For
                each=move || {
                    let (integrator, role) = registration.with(|r| (r.integrator, r.role));
                    checklist::items(integrator, role)
                        .into_iter()
                        .filter(move |item| item.step() == step)
                        .collect::<Vec<_>>()
                }
                key=|item| *item
                children=move |item| {
                    let texts = Memo::new(move |_| item_text(item));
                    view! { <ChecklistRow item=item texts=texts ticks=ticks /> }
                }
            />
        }
    };

    view! {
        <StepSection step=Step::Registration>
            <p>{tr(T::RegIntro)}</p>
            <p>
                {tr(T::BeheerportaalLabel)}": "
                <PortalLink
                    url=Signal::derive(move || registration.with(|r| r.beheerportaal))
                    testid="checklist-portal-link"
                />
            </p>
            <h3>{tr(T::ChecklistStepRegister)}</h3>
            <ul class="checklist">{step_list(ChecklistStep::Register)}</ul>
            <h3>{tr(T::ChecklistStepConnect)}</h3>
            <p class="hint">{tr(T::FlowHeading)}</p>
            <ExchangeDiagram hops=Signal::derive(diagram::flow) testid="flow-diagram" />
            <ul class="checklist">{step_list(ChecklistStep::FirstConnection)}</ul>
            <p class="row">
                <button type="button" class="btn" data-testid="checklist-export" on:click=export>
                    {tr(T::ExportButton)}
                </button>
            </p>
            <Show when=move || {
                exported.get()
            }>{message!(Tone::Ok, "checklist-exported"; {tr(T::Exported)})}</Show>

            <MailToApiTeam
                registration=registration
                signing=signing
                api_team_email=api_team_email
                email_origin=Signal::derive(move || {
                    sourced_values
                        .with(|all| {
                            all.iter().find(|s| s.name == ValueName::ApiTeamEmail).cloned()
                        })
                        .unwrap_or_else(|| provenance::api_team_email("", Origin::NotPublished))
                })
            />
        </StepSection>
    }
}

/// One checklist item: its box, its title and detail, its links (ACM's manuals, for the
/// Beheerportaal item) and its source.
#[component]
fn ChecklistRow(
    item: ChecklistItem,
    texts: Memo<(String, String)>,
    ticks: RwSignal<BTreeSet<ChecklistItem>>,
) -> impl IntoView {
    let id = format!("check-{}", item.id());
    let links = item.links();
    view! {
        <li class="check-item">
            <input
                type="checkbox"
                id=id.clone()
                data-testid="checklist-item"
                data-item=item.id()
                prop:checked=move || ticks.with(|t| t.contains(&item))
                on:change=move |ev| {
                    let on = event_target_checked(&ev);
                    ticks
                        .update(|t| {
                            if on {
                                t.insert(item);
                            } else {
                                t.remove(&item);
                            }
                        });
                }
            />
            <div class="check-body">
                <label for=id>
                    <span class="check-title">{move || texts.get().0}</span>
                    <span class="check-detail">{move || texts.get().1}</span>
                </label>
                {(!links.is_empty())
                    .then(|| {
                        view! {
                            <ul class="manuals" data-testid="acm-manuals">
                                {links
                                    .iter()
                                    .map(|(title, url)| {
                                        view! {
                                            <li>
                                                <a href=*url target="_blank" rel="noopener noreferrer">
                                                    {*title}
                                                </a>
                                            </li>
                                        }
                                    })
                                    .collect_view()}
                            </ul>
                        }
                    })}
            </div>
            {item.fact().map(|fact| view! { <SourceNote fact=fact /> })}
        </li>
    }
}

/// The mail to the API team, filled in from the registration: its address, the text to copy
/// and a `mailto:` link.
#[component]
fn MailToApiTeam(
    registration: Memo<Registration>,
    signing: Signing,
    api_team_email: RwSignal<String>,
    /// Where the API team's address came from (no source publishes one).
    email_origin: Signal<Sourced>,
) -> impl IntoView {
    let lang = use_lang();
    let mail = Memo::new(move |_| {
        let client_id = signing.client_id_checked.get().ok();
        registration.with(|reg| {
            messages::registration_mail(
                lang.get(),
                reg,
                client_id
                    .as_ref()
                    .map(crate::domain::checked::client_id::ClientId::as_str),
            )
        })
    });
    let mail_link = move || {
        let (subject, body) = mail.get();
        // Every part is encodable in a URL; an error would be a broken template.
        checklist::mailto(&api_team_email.get(), &subject, &body).unwrap_or_default()
    };
    let mail_text = Signal::derive(move || {
        let (subject, body) = mail.get();
        format!("{subject}\n\n{body}")
    });

    view! {
        <h3>{tr(T::MailHeading)}</h3>
        <p>{tr(T::MailIntro)}</p>
        <TextField
            id="api-team-email"
            label=T::ApiTeamEmailLabel
            hint=T::ApiTeamEmailHint
            kind="email"
            value=api_team_email
        />
        <p class="sources" data-testid="api-team-email-origin">
            <ValueOrigin sourced=email_origin />
        </p>
        <div class="field">
            <label for="mail-text">{tr(T::MailTextLabel)}</label>
            <textarea
                id="mail-text"
                data-testid="mail-text"
                readonly
                rows="12"
                prop:value=move || mail_text.get()
            ></textarea>
        </div>
        <p class="row">
            <a class="btn" data-testid="mail-link" href=mail_link>
                {tr(T::MailOpen)}
            </a>
            <CopyButton value=mail_text what=tr_signal(T::MailTextLabel) testid="mail-copy" />
        </p>
    }
}
