//! Part of step 5: the relay and endpoint fields and the curl commands for the same exchange.

use crate::domain::acm::assertion::{self};
use crate::domain::checked::client_id::ClientId;
use crate::domain::checked::url::{EndpointUrl, Relay};
use crate::domain::facts::config::{EndpointField, EndpointOverrides, Endpoints};
use crate::domain::facts::environment::Environment;
use crate::domain::facts::provenance::Sourced;
use crate::domain::facts::sources::Fact;
use crate::domain::onboarding::registration::Registration;
use crate::domain::runnable::backend_code::Unwritable;
use crate::domain::runnable::shell;
use crate::i18n::{messages, t, T};
use crate::ui::state::{Connection, Signing};
use crate::ui::widgets::{
    tr, tr_signal, use_lang, Binding, CopyButton, FieldMessage, SourceNote, TextField, Tone,
    ValueOrigin,
};
use leptos::prelude::*;
use rand_core::OsRng;

/// The relay field, with what its value means: no relay, a plain-http remote relay, or an
/// address that is not one.
#[component]
pub(super) fn RelayUrlField(connection: Connection) -> impl IntoView {
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

/// The token request and the ping call as curl commands (`domain::runnable::shell`), with placeholders or,
/// on request, the real assertion and token of this session.
#[component]
pub(super) fn CurlCommands(
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
        let (scope, api_audience) =
            registration.with(|r| (r.scope_string.clone(), signing.api_audience(r)));
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
                    api_audience.as_ref(),
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
pub(super) fn EndpointFields(
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
            <SourceNote topic="2024-12-19" fact=Fact::PingHeadersSince />
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
