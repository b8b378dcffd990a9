//! Step 1, "Organisatie": who the client is for, in which environment and role; shows the
//! client name, API reference, scopes and API client id to paste into the Beheerportaal.

use leptos::prelude::*;

use super::state::OrgForm;
use super::widgets::{tr, use_lang, CopyValue};
use crate::domain::config::Endpoints;
use crate::domain::environment::{Brand, Environment, Role};
use crate::domain::registration::Registration;
use crate::i18n::messages;
use crate::i18n::{t, T};

#[component]
pub fn OrganisationStep(
    form: OrgForm,
    registration: Memo<Registration>,
    endpoints: Memo<Endpoints>,
) -> impl IntoView {
    let lang = use_lang();
    let name_error = move || {
        // An empty field is not an error until the user typed something.
        if form.org_name.with(|n| n.is_empty()) {
            return None;
        }
        registration.with(|r| {
            r.org_name
                .as_ref()
                .err()
                .map(|e| messages::org_name_error(lang.get(), e))
        })
    };
    let code_message = move || {
        if form.org_code.with(|c| c.is_empty()) {
            return None;
        }
        Some(registration.with(|r| match &r.org_code {
            Ok(code) => (true, messages::org_code_ok(lang.get(), code)),
            Err(err) => (false, messages::org_code_error(lang.get(), err)),
        }))
    };
    let client_name =
        Signal::derive(move || registration.with(|r| r.client_name.clone().unwrap_or_default()));
    let api_reference = Signal::derive(move || registration.with(|r| r.api_reference.clone()));
    let scopes = Signal::derive(move || registration.with(|r| r.scope_string.clone()));
    let api_client_id =
        Signal::derive(move || registration.with(|r| r.api_client_id.clone().unwrap_or_default()));
    let ping = Signal::derive(move || endpoints.with(|e| e.ping.clone()));
    let ping_unconfirmed = move || {
        let (env, brand) = (form.environment.get(), form.brand.get());
        !env.facts().ping_url_confirmed(brand)
    };

    view! {
        <section id="organisatie" class="step" aria-labelledby="organisatie-title">
            <h2 id="organisatie-title">{tr(T::StepOrganisation)}</h2>
            <p>{tr(T::OrgIntro)}</p>
            <p class="note" data-testid="rename-note">{tr(T::RenameNote)}</p>

            <div class="grid">
                <div class="field">
                    <label for="org-name">{tr(T::OrgNameLabel)}</label>
                    <input
                        id="org-name"
                        type="text"
                        data-testid="org-name"
                        autocomplete="organization"
                        aria-describedby="org-name-hint org-name-error"
                        aria-invalid=move || name_error().is_some().to_string()
                        prop:value=move || form.org_name.get()
                        on:input=move |ev| form.org_name.set(event_target_value(&ev))
                    />
                    <p id="org-name-hint" class="hint">{tr(T::OrgNameHint)}</p>
                    <p id="org-name-error" class="field-error" role="alert" data-testid="org-name-error">
                        {move || name_error().unwrap_or_default()}
                    </p>
                </div>

                <div class="field">
                    <label for="org-code">{tr(T::OrgCodeLabel)}</label>
                    <input
                        id="org-code"
                        type="text"
                        data-testid="org-code"
                        inputmode="text"
                        autocomplete="off"
                        spellcheck="false"
                        aria-describedby="org-code-hint org-code-message"
                        aria-invalid=move || code_message().is_some_and(|(ok, _)| !ok).to_string()
                        prop:value=move || form.org_code.get()
                        on:input=move |ev| form.org_code.set(event_target_value(&ev))
                    />
                    <p id="org-code-hint" class="hint">{tr(T::OrgCodeHint)}</p>
                    <p
                        id="org-code-message"
                        role="alert"
                        data-testid="org-code-message"
                        class=move || match code_message() {
                            Some((true, _)) => "field-ok",
                            _ => "field-error",
                        }
                    >
                        {move || code_message().map(|(_, m)| m).unwrap_or_default()}
                    </p>
                </div>

                <div class="field">
                    <label for="env-select">{tr(T::EnvLabel)}</label>
                    <select
                        id="env-select"
                        data-testid="env-select"
                        on:change=move |ev| {
                            if let Some(env) = Environment::parse(&event_target_value(&ev)) {
                                form.environment.set(env);
                            }
                        }
                        prop:value=move || form.environment.get().code()
                    >
                        {Environment::ALL
                            .into_iter()
                            .map(|env| {
                                view! {
                                    <option value=env.code() selected=move || form.environment.get() == env>
                                        {move || messages::environment_text(lang.get(), env)}
                                    </option>
                                }
                            })
                            .collect_view()}
                    </select>
                </div>

                <div class="field">
                    <label for="brand-select">{tr(T::BrandLabel)}</label>
                    <select
                        id="brand-select"
                        data-testid="brand-select"
                        on:change=move |ev| {
                            if let Some(brand) = Brand::parse(&event_target_value(&ev)) {
                                form.brand.set(brand);
                            }
                        }
                        prop:value=move || form.brand.get().name()
                    >
                        {Brand::ALL
                            .into_iter()
                            .map(|brand| {
                                let label = match brand {
                                    Brand::Dao => T::BrandDao,
                                    Brand::Elys => T::BrandElys,
                                };
                                view! {
                                    <option value=brand.name() selected=move || form.brand.get() == brand>
                                        {tr(label)}
                                    </option>
                                }
                            })
                            .collect_view()}
                    </select>
                </div>

                <div class="field field-wide">
                    <label for="role-select">{tr(T::RoleLabel)}</label>
                    <select
                        id="role-select"
                        data-testid="role-select"
                        aria-describedby="role-hint"
                        on:change=move |ev| {
                            if let Some(role) = Role::parse(&event_target_value(&ev)) {
                                form.role.set(role);
                            }
                        }
                        prop:value=move || form.role.get().code()
                    >
                        {Role::ALL
                            .into_iter()
                            .map(|role| {
                                view! {
                                    <option value=role.code() selected=move || form.role.get() == role>
                                        {move || messages::role_text(lang.get(), role)}
                                    </option>
                                }
                            })
                            .collect_view()}
                    </select>
                    <p id="role-hint" class="hint">{tr(T::RoleHint)}</p>
                </div>

                <div class="field field-wide field-check">
                    <input
                        id="integrator"
                        type="checkbox"
                        data-testid="integrator"
                        aria-describedby="integrator-hint"
                        prop:checked=move || form.integrator.get()
                        on:change=move |ev| form.integrator.set(event_target_checked(&ev))
                    />
                    <label for="integrator">{tr(T::IntegratorLabel)}</label>
                    <Show when=move || form.integrator.get()>
                        <p id="integrator-hint" class="hint">{tr(T::IntegratorHint)}</p>
                    </Show>
                </div>
            </div>

            <h3>{tr(T::ValuesHeading)}</h3>
            <dl class="values">
                <CopyValue
                    label=Signal::derive(move || t(lang.get(), T::ClientNameLabel).to_string())
                    value=client_name
                    testid="client-name"
                    placeholder=Signal::derive(move || t(lang.get(), T::ClientNameMissing).to_string())
                />
                <CopyValue
                    label=Signal::derive(move || t(lang.get(), T::ApiReferenceLabel).to_string())
                    value=api_reference
                    testid="api-reference"
                />
                <CopyValue
                    label=Signal::derive(move || t(lang.get(), T::ScopesLabel).to_string())
                    value=scopes
                    testid="scope-string"
                />
                <CopyValue
                    label=Signal::derive(move || t(lang.get(), T::ApiClientIdLabel).to_string())
                    value=api_client_id
                    testid="api-client-id"
                    placeholder=Signal::derive(move || t(lang.get(), T::ApiClientIdUnknown).to_string())
                />
                <div class="value-row">
                    <dt>{tr(T::BeheerportaalLabel)}</dt>
                    <dd>
                        <a
                            data-testid="beheerportaal-link"
                            href=move || registration.with(|r| r.beheerportaal)
                            target="_blank"
                            rel="noopener noreferrer"
                        >
                            {move || registration.with(|r| r.beheerportaal)}
                        </a>
                    </dd>
                </div>
                <CopyValue
                    label=Signal::derive(move || t(lang.get(), T::PingLabel).to_string())
                    value=ping
                    testid="ping-preview"
                />
            </dl>
            <Show when=ping_unconfirmed>
                <p class="note">{tr(T::PingUnconfirmed)}</p>
            </Show>
        </section>
    }
}
