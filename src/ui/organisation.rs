//! Step 1, "Organisatie": who the client is for, in which environment and role; shows the
//! client name, API reference, scopes and API client id to paste into the Beheerportaal.

use leptos::prelude::*;

use super::state::OrgForm;
use super::widgets::{
    message, tr, use_lang, CopyValue, PortalLink, SelectField, SourceNote, StepSection, TextField,
    Tone, ValueOrigin,
};
use crate::domain::facts::environment::{Brand, Environment, Role};
use crate::domain::facts::provenance::Sourced;
use crate::domain::facts::sources::Fact;
use crate::domain::onboarding::registration::Registration;
use crate::i18n::messages;
use crate::i18n::{msg, t, T};
use crate::steps::Step;

#[component]
pub fn OrganisationStep(
    form: OrgForm,
    registration: Memo<Registration>,
    /// The endpoints in effect with their origins (the ping one is previewed here).
    sourced: Memo<[Sourced; 3]>,
    /// The API's client id with its origin.
    api_client_id: Memo<Sourced>,
    /// The API's name with its origin.
    brand: Memo<Sourced>,
) -> impl IntoView {
    view! {
        <StepSection step=Step::Organisation>
            <p>{tr(T::OrgIntro)}</p>
            <p class="note" data-testid="rename-note">
                {tr(T::RenameNote)}
                <SourceNote fact=Fact::RenamedToElys />
            </p>

            <OrganisationFields form=form registration=registration brand=brand />

            <Show when=move || {
                form.environment.get() == Environment::Acc
            }>
                {message!(
                    Tone::Warning, "acc-note"; {tr(T::AccNote)}
                    <SourceNote fact=Fact::AccMayHoldRealData />
                    <SourceNote fact=Fact::BetaHoldsNoPersonalData />
                )}
            </Show>

            <ComposedValues
                form=form
                registration=registration
                sourced=sourced
                api_client_id=api_client_id
            />
        </StepSection>
    }
}

/// The organisation's name and code (checked as typed), environment, brand, role and whether
/// the user registers for a customer.
#[component]
fn OrganisationFields(
    form: OrgForm,
    registration: Memo<Registration>,
    brand: Memo<Sourced>,
) -> impl IntoView {
    let lang = use_lang();
    // An empty field is not an error until the user typed something.
    let name_message = Signal::derive(move || {
        if form.org_name.with(String::is_empty) {
            return None;
        }
        registration.with(|r| {
            r.org_name
                .as_ref()
                .err()
                .map(|e| (Tone::Error, messages::org_name_error(lang.get(), e)))
        })
    });
    let code_message = Signal::derive(move || {
        if form.org_code.with(String::is_empty) {
            return None;
        }
        Some(registration.with(|r| match &r.org_code {
            Ok(code) => (Tone::Ok, messages::org_code_ok(lang.get(), code)),
            Err(err) => (Tone::Error, messages::org_code_error(lang.get(), err)),
        }))
    });
    view! {
        <div class="grid">
            <TextField
                id="org-name"
                label=T::OrgNameLabel
                hint=T::OrgNameHint
                value=form.org_name
                autocomplete="organization"
                message=name_message
            />
            <TextField
                id="org-code"
                label=T::OrgCodeLabel
                hint=T::OrgCodeHint
                value=form.org_code
                message=code_message
            />
            <ChoiceFields form=form brand=brand />
            <IntegratorChoice form=form />
        </div>
    }
}

/// The environment, the API's name and the role: three choices from the domain's lists.
#[component]
fn ChoiceFields(form: OrgForm, brand: Memo<Sourced>) -> impl IntoView {
    let lang = use_lang();
    let environments = Signal::derive(move || {
        Environment::ALL
            .iter()
            .map(|env| {
                (
                    env.code(),
                    messages::environment_text(lang.get(), *env).to_string(),
                )
            })
            .collect()
    });
    let brands = Signal::derive(move || {
        vec![
            (Brand::Dao.name(), t(lang.get(), T::BrandDao).to_string()),
            (Brand::Elys.name(), t(lang.get(), T::BrandElys).to_string()),
        ]
    });
    let roles = Signal::derive(move || {
        Role::ALL
            .iter()
            .map(|role| {
                (
                    role.code(),
                    messages::role_text(lang.get(), *role).to_string(),
                )
            })
            .collect()
    });

    view! {
        <SelectField
            id="env-select"
            label=T::EnvLabel
            options=environments
            selected=Signal::derive(move || form.environment.get().code())
            on_change=Callback::new(move |value: String| {
                if let Some(env) = Environment::parse(&value) {
                    form.environment.set(env);
                }
            })
        />
        <SelectField
            id="brand-select"
            label=T::BrandLabel
            options=brands
            selected=Signal::derive(move || form.brand.get().name())
            on_change=Callback::new(move |value: String| {
                if let Some(brand) = Brand::parse(&value) {
                    form.brand.set(brand);
                }
            })
        />
        <p class="sources" data-testid="brand-origin">
            <ValueOrigin sourced=brand />
        </p>
        <SelectField
            id="role-select"
            label=T::RoleLabel
            hint=T::RoleHint
            wide=true
            options=roles
            selected=Signal::derive(move || form.role.get().code())
            on_change=Callback::new(move |value: String| {
                if let Some(role) = Role::parse(&value) {
                    form.role.set(role);
                }
            })
        />
    }
}

/// Whether a software integrator requests the client for a customer, with what that means.
#[component]
fn IntegratorChoice(form: OrgForm) -> impl IntoView {
    view! {
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
                <p id="integrator-hint" class="hint">
                    {tr(T::IntegratorHint)}
                    // The sentence on the customer speaks of funeral homes only.
                    <Show when=move || {
                        form.role.get() == Role::Uitvaartondernemer
                    }>
                        " "
                        <span data-testid="integrator-funeral-home">
                            {tr(T::IntegratorHintFuneralHome)}
                        </span> <SourceNote fact=Fact::IntegratorForCustomer />
                    </Show>
                </p>
            </Show>
        </div>
    }
}

/// The values composed from the form, each with its copy button and its source: client name,
/// API reference, scopes, API client id, the Beheerportaal and the ping URL.
#[component]
fn ComposedValues(
    form: OrgForm,
    registration: Memo<Registration>,
    sourced: Memo<[Sourced; 3]>,
    api_client_id: Memo<Sourced>,
) -> impl IntoView {
    let lang = use_lang();
    let label = move |key: T| Signal::derive(move || t(lang.get(), key).to_string());
    let value =
        move |read: fn(&Registration) -> String| Signal::derive(move || registration.with(read));
    let ping = Signal::derive(move || sourced.with(|all| all[2].clone()));
    let ping_value = Signal::derive(move || ping.with(|p| p.value.clone()));
    // A value's source note (these are always the facts table's).
    let fact_of = move |read: fn(&Registration) -> Option<Fact>| {
        Signal::derive(move || registration.with(read))
    };
    let ping_dropped = move || {
        !form
            .environment
            .get()
            .facts()
            .ping_url_current(form.brand.get())
    };

    view! {
        <h3>{tr(T::ValuesHeading)}</h3>
        <dl class="values">
            <CopyValue
                label=label(T::ClientNameLabel)
                value=value(|r| r.client_name.clone().unwrap_or_default())
                testid="client-name"
                placeholder=label(T::ClientNameMissing)
                fact=fact_of(|r| Some(r.client_name_fact()))
            />
            <CopyValue
                label=label(T::ApiReferenceLabel)
                value=value(|r| r.api_reference.clone())
                testid="api-reference"
                fact=fact_of(|r| Some(r.api_reference_fact()))
            />
            <CopyValue
                label=label(T::ScopesLabel)
                value=value(|r| r.scope_string.clone())
                testid="scope-string"
                fact=fact_of(|_| Some(Fact::Scopes))
            />
            <CopyValue
                label=label(T::ApiClientIdLabel)
                value=Signal::derive(move || api_client_id.with(|s| s.value.clone()))
                testid="api-client-id"
                placeholder=label(T::ApiClientIdUnknown)
                origin=api_client_id
            />
            <div class="value-row">
                <dt>{tr(T::BeheerportaalLabel)}</dt>
                <dd>
                    <PortalLink
                        url=Signal::derive(move || registration.with(|r| r.beheerportaal))
                        testid="beheerportaal-link"
                    />
                    <SourceNote fact=Signal::derive(move || {
                        registration.with(Registration::beheerportaal_fact)
                    }) />
                </dd>
            </div>
            <CopyValue
                label=label(T::PingLabel)
                value=ping_value
                testid="ping-preview"
                origin=ping
            />
        </dl>
        <p class="note" data-testid="api-client-id-purpose">
            {tr(T::ApiClientIdPurpose)}
            " "
            <SourceNote fact=Fact::TokenAudienceParameter />
        </p>
        // The reference in force stands above; the repository gave another for a while.
        {move || {
            registration
                .with(Registration::dated_api_reference)
                .map(|(reference, fact)| {
                    view! {
                        <p class="note" data-testid="api-reference-dated">
                            {move || {
                                msg::ApiReferenceDated {
                                    reference: &reference,
                                }
                                    .text(lang.get())
                            }}
                            <SourceNote fact=fact />
                        </p>
                    }
                })
        }}
        <Show when=ping_dropped>
            <p class="note" data-testid="ping-unconfirmed">
                {tr(T::PingUnconfirmed)}
                <SourceNote fact=Fact::PingDaoOther />
                <SourceNote fact=Fact::PingDaoOtherAnswers />
            </p>
        </Show>
    }
}
