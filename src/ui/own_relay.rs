//! Step 5's "Uw eigen relay": the reference relay configuration rendered in the browser by the
//! same `domain::runnable::relay_nginx` that writes `relay/nginx.conf`, for this page's origin, with the
//! fields it depends on, the allowlist the page needs, and how to run it.

use leptos::prelude::*;

use super::browser;
use super::state::Connection;
use super::widgets::{
    late_ids, tr, tr_signal, use_lang, Binding, CopyButton, DownloadButton, FieldMessage,
    TemplatesState, TextField, Tone,
};
use crate::domain::facts::config::Endpoints;
use crate::domain::facts::provenance::Sourced;
use crate::domain::runnable::own_relay::{self, RelaySetup, RelaySetupForm, Target, TargetSource};
use crate::i18n::{messages, msg, T};

/// The section: fields, the rendered configuration and how to run it.
#[component]
pub(crate) fn OwnRelay(
    connection: Connection,
    endpoints: Memo<Endpoints>,
    sourced: Memo<[Sourced; 3]>,
) -> impl IntoView {
    let form = RwSignal::new(RelaySetupForm::for_origin(
        &browser::page_origin().unwrap_or_default(),
    ));
    let targets = Memo::new(move |_| {
        endpoints.with(|e| sourced.with(|s| own_relay::targets(e, s.as_slice())))
    });
    let late = super::widgets::late_templates();
    // Checked again once the relay's template has arrived (it is fetched after the first paint):
    // rendering checks the values, so a value may be refused only then.
    let setup = Memo::new(move |_| {
        late.track();
        form.with(|f| targets.with(|t| RelaySetup::check(f, t)))
    });
    view! {
        <details class="own-relay" data-testid="own-relay">
            <summary>
                <h3>{tr(T::RelaySetupHeading)}</h3>
            </summary>
            <p>{tr(T::RelaySetupIntro)}</p>
            <OwnRelayFields form=form setup=setup />
            <ExtraTargets targets=targets />
            <TemplatesState late=late ids=late_ids!("relay-config") />
            <OwnRelayOutput connection=connection setup=setup late=late />
        </details>
    }
}

/// A field bound to one text of the form.
fn field(
    form: RwSignal<RelaySetupForm>,
    read: fn(&RelaySetupForm) -> String,
    write: fn(&mut RelaySetupForm, String),
) -> Binding {
    Binding {
        get: Signal::derive(move || form.with(read)),
        set: Callback::new(move |value| form.update(|f| write(f, value))),
    }
}

#[component]
fn OwnRelayFields(
    form: RwSignal<RelaySetupForm>,
    setup: Memo<Result<RelaySetup, own_relay::RelaySetupError>>,
) -> impl IntoView {
    let lang = use_lang();
    // One message for the whole form, under the first field: what the renderer refused.
    let message: FieldMessage = Signal::derive(move || {
        setup.with(|s| {
            s.as_ref()
                .err()
                .map(|e| (Tone::Error, messages::relay_setup_error(lang.get(), e)))
        })
    });
    view! {
        <TextField
            id="relay-config-origin"
            label=T::RelaySetupOrigin
            hint=T::RelaySetupOriginHint
            kind="url"
            mono=true
            wide=true
            value=field(form, |f| f.origin.clone(), |f, v| f.origin = v)
            message=message
        />
        <TextField
            id="relay-config-listen"
            label=T::RelaySetupListen
            mono=true
            value=field(form, |f| f.listen.clone(), |f, v| f.listen = v)
        />
        <TextField
            id="relay-config-resolver"
            label=T::RelaySetupResolver
            hint=T::RelaySetupResolverHint
            mono=true
            value=field(form, |f| f.resolver.clone(), |f, v| f.resolver = v)
        />
        <TextField
            id="relay-config-log-dir"
            label=T::RelaySetupLogDir
            hint=T::RelaySetupLogDirHint
            mono=true
            value=field(form, |f| f.log_dir.clone(), |f, v| f.log_dir = v)
        />
        <TextField
            id="relay-config-prefix"
            label=T::RelaySetupPrefix
            mono=true
            value=field(form, |f| f.prefix.clone(), |f, v| f.prefix = v)
        />
        <p class="hint">{tr(T::RelaySetupTlsNote)}</p>
        <TextField
            id="relay-config-tls-certificate"
            label=T::RelaySetupTlsCertificate
            mono=true
            wide=true
            value=field(form, |f| f.tls_certificate.clone(), |f, v| f.tls_certificate = v)
        />
        <TextField
            id="relay-config-tls-key"
            label=T::RelaySetupTlsKey
            mono=true
            wide=true
            value=field(form, |f| f.tls_key.clone(), |f, v| f.tls_key = v)
        />
        <TextField
            id="relay-config-real-ip-from"
            label=T::RelaySetupRealIpFrom
            hint=T::RelaySetupRealIpFromHint
            mono=true
            value=field(form, |f| f.real_ip_from.clone(), |f, v| f.real_ip_from = v)
        />
        <label class="field-check">
            <input
                type="checkbox"
                data-testid="relay-config-loopback-targets"
                prop:checked=move || form.with(|f| f.loopback_targets)
                on:change=move |ev| {
                    let on = event_target_checked(&ev);
                    form.update(|f| f.loopback_targets = on);
                }
            />
            {tr(T::RelaySetupLoopbackTargets)}
        </label>
    }
}

/// The endpoints in use that the allowlist adds to the published ones, each with its origin.
#[component]
fn ExtraTargets(targets: Memo<Vec<Target>>) -> impl IntoView {
    let lang = use_lang();
    let extra = move || {
        targets.with(|all| {
            all.iter()
                .filter_map(|t| match t.source {
                    TargetSource::InUse(origin) => Some((t.url.clone(), origin)),
                    TargetSource::Published => None,
                })
                .collect::<Vec<_>>()
        })
    };
    move || {
        let extra = extra();
        if extra.is_empty() {
            view! {
                <p class="hint" data-testid="relay-config-targets">
                    {tr(T::RelaySetupTargetsNone)}
                </p>
            }
            .into_any()
        } else {
            view! {
                <p>{tr(T::RelaySetupTargets)}</p>
                <ul data-testid="relay-config-targets">
                    {extra
                        .into_iter()
                        .map(|(url, origin)| {
                            view! {
                                <li>
                                    <code>{url}</code>
                                    " ("
                                    {move || messages::origin_name(lang.get(), origin)}
                                    ")"
                                </li>
                            }
                        })
                        .collect_view()}
                </ul>
            }
            .into_any()
        }
    }
}

/// The configuration to copy or download, the commands, and the relay URL to enter.
#[component]
fn OwnRelayOutput(
    connection: Connection,
    setup: Memo<Result<RelaySetup, own_relay::RelaySetupError>>,
    late: RwSignal<super::LateState>,
) -> impl IntoView {
    let lang = use_lang();
    // The text is rendered from the late template, which no signal holds: it follows the
    // template's arrival itself. The checked setup alone compares equal before and after, and
    // the box stayed empty until a field changed.
    let config = Signal::derive(move || {
        late.track();
        setup.with(|s| {
            s.as_ref()
                .ok()
                .and_then(|s| s.config().ok())
                .unwrap_or_default()
        })
    });
    let commands = Signal::derive(move || {
        setup.with(|s| {
            s.as_ref()
                .ok()
                .and_then(|s| s.commands().ok())
                .unwrap_or_default()
        })
    });
    let relay_url = Signal::derive(move || {
        setup.with(|s| s.as_ref().map(RelaySetup::relay_url).unwrap_or_default())
    });
    view! {
        <h4>{tr(T::RelaySetupConfig)}</h4>
        <pre class="mono output" data-testid="relay-config" tabindex="0">
            {move || config.get()}
        </pre>
        <p class="row">
            <CopyButton
                value=config
                what=tr_signal(T::RelaySetupConfig)
                testid="relay-config-copy"
            />
            <DownloadButton
                label=tr_signal(T::RelaySetupDownload)
                file_name=Signal::derive(|| own_relay::FILE_NAME.to_string())
                mime="text/plain"
                content=Callback::new(move |()| config.get_untracked())
                testid="relay-config-download"
                disabled=Signal::derive(move || config.with(String::is_empty))
            />
        </p>
        <h4>{tr(T::RelaySetupRunHeading)}</h4>
        <p>{tr(T::RelaySetupRunIntro)}</p>
        <pre class="mono output" data-testid="relay-config-commands" tabindex="0">
            {move || commands.get()}
        </pre>
        <CopyButton
            value=commands
            what=tr_signal(T::RelaySetupCommands)
            testid="relay-config-commands-copy"
        />
        <p data-testid="relay-config-then">
            {move || {
                msg::RelaySetupThen {
                    url: &relay_url.get(),
                }
                    .text(lang.get())
            }}
        </p>
        <p class="row">
            <button
                type="button"
                class="btn btn-secondary btn-small"
                data-testid="relay-config-use-url"
                disabled=move || relay_url.with(|u| u.is_empty() || u.contains('<'))
                on:click=move |_| connection.relay_url.set(relay_url.get_untracked())
            >
                {tr(T::RelaySetupUseUrl)}
            </button>
        </p>
    }
}
