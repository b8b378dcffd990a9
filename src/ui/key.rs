//! Step 2, "Sleutel": make a key pair with WebCrypto or import one, show the public JWK for the
//! Beheerportaal, check it against the registered key, and forget it.
//!
//! The key text is read from the (uncontrolled) text area only when importing, and the area is
//! emptied after a successful import; the key itself lives in `Signing::key` only.

use std::sync::Arc;

use leptos::html;
use leptos::prelude::*;

use super::browser;
use super::state::{LoadedKey, Signing};
use super::widgets::{
    tr, use_lang, CopyButton, DownloadButton, FileButton, Message, SelectField, TextArea, Tone,
};
use crate::domain::key::{self, KeyCandidate, KeyImportError, SigningKey};
use crate::i18n::{messages, t, T};
use crate::webcrypto::{self, KeySpec};

/// What happened last, kept as data so it is worded in the current language.
#[derive(Clone, PartialEq)]
enum KeyNotice {
    Imported,
    Forgotten,
    ImportFailed(KeyImportError),
    GenerateFailed,
    FileUnreadable,
}

#[component]
pub fn KeyStep(signing: Signing) -> impl IntoView {
    let lang = use_lang();
    let key_input: NodeRef<html::Textarea> = NodeRef::new();
    let spec = RwSignal::new(KeySpec::Rsa { bits: 4096 });
    let busy = RwSignal::new(None::<T>);
    let notice = RwSignal::new(None::<KeyNotice>);
    let candidates = RwSignal::new(Vec::<KeyCandidate>::new());
    let confirming_private = RwSignal::new(false);
    let registered_text = RwSignal::new(String::new());
    let secure = browser::is_secure_context();
    let key_types = Signal::derive(move || {
        [
            (KeySpec::Rsa { bits: 4096 }, T::KeyTypeRsa4096),
            (KeySpec::Rsa { bits: 3072 }, T::KeyTypeRsa3072),
            (KeySpec::Rsa { bits: 2048 }, T::KeyTypeRsa2048),
            (KeySpec::EcP256, T::KeyTypeEcP256),
        ]
        .into_iter()
        .map(|(spec, label)| (spec.id(), t(lang.get(), label).to_string()))
        .collect()
    });

    let accept = move |key: SigningKey, generated: bool| {
        signing.key.set(Some(LoadedKey {
            key: Arc::new(key),
            generated,
        }));
        // An assertion signed with the previous key no longer belongs to the loaded one.
        signing.assertion.set(None);
        candidates.set(Vec::new());
        confirming_private.set(false);
    };

    let import_text = move |choice: Option<usize>| {
        let Some(area) = key_input.get() else {
            return;
        };
        busy.set(Some(T::Importing));
        leptos::task::spawn_local(async move {
            // Let the busy state render before a 4096-bit key is validated.
            browser::next_frame().await;
            let text = zeroize::Zeroizing::new(area.value());
            let result = match choice {
                Some(index) => key::import_jwks_entry(&text, index),
                None => key::import(&text),
            };
            match result {
                Ok(key) => {
                    area.set_value("");
                    accept(key, false);
                    notice.set(Some(KeyNotice::Imported));
                }
                Err(KeyImportError::SeveralPrivateKeys { candidates: found }) => {
                    candidates.set(found.clone());
                    notice.set(Some(KeyNotice::ImportFailed(
                        KeyImportError::SeveralPrivateKeys { candidates: found },
                    )));
                }
                Err(err) => {
                    candidates.set(Vec::new());
                    notice.set(Some(KeyNotice::ImportFailed(err)));
                }
            }
            busy.set(None);
        });
    };

    let load_file = Callback::new(move |file: web_sys::File| {
        leptos::task::spawn_local(async move {
            match browser::read_file(&file)
                .await
                .ok()
                .and_then(|bytes| String::from_utf8(bytes).ok())
            {
                Some(text) => {
                    if let Some(area) = key_input.get_untracked() {
                        area.set_value(&text);
                    }
                    import_text(None);
                }
                None => notice.set(Some(KeyNotice::FileUnreadable)),
            }
        });
    });

    let generate = move |_| {
        let chosen = spec.get_untracked();
        busy.set(Some(T::Generating));
        notice.set(None);
        leptos::task::spawn_local(async move {
            match webcrypto::generate(chosen).await {
                Ok(jwk) => match key::import(&jwk) {
                    Ok(key) => {
                        accept(key, true);
                        notice.set(None);
                    }
                    Err(err) => notice.set(Some(KeyNotice::ImportFailed(err))),
                },
                Err(_) => notice.set(Some(KeyNotice::GenerateFailed)),
            }
            busy.set(None);
        });
    };

    let forget = move |_| {
        signing.key.set(None);
        signing.assertion.set(None);
        candidates.set(Vec::new());
        confirming_private.set(false);
        registered_text.set(String::new());
        if let Some(area) = key_input.get_untracked() {
            area.set_value("");
        }
        notice.set(Some(KeyNotice::Forgotten));
    };

    let loaded = move || signing.key.with(Option::is_some);
    let status = move || {
        signing.key.with(|k| match k {
            Some(loaded) => messages::key_status(lang.get(), &loaded.key, loaded.generated),
            None => t(lang.get(), T::KeyStatusNone).to_string(),
        })
    };
    let public_jwk = Signal::derive(move || {
        signing.key.with(|k| {
            k.as_ref()
                .map(|l| l.key.public_jwk_text())
                .unwrap_or_default()
        })
    });
    let kid = move || {
        signing.key.with(|k| {
            k.as_ref()
                .map(|l| l.key.kid().to_string())
                .unwrap_or_default()
        })
    };
    let registered = move || {
        if registered_text.with(|t| t.trim().is_empty()) {
            return None;
        }
        signing.key.with(|k| {
            let loaded = k.as_ref()?;
            Some(
                registered_text.with(|text| match key::compare_registered(&loaded.key, text) {
                    Ok(report) => messages::registered_report(lang.get(), &report, &loaded.key),
                    Err(err) => (false, messages::registered_error(lang.get(), &err)),
                }),
            )
        })
    };
    let notice_view = move || {
        notice.get().map(|n| {
            let (tone, text) = match &n {
                KeyNotice::Imported => (Tone::Ok, t(lang.get(), T::KeyImported).to_string()),
                KeyNotice::Forgotten => (Tone::Info, t(lang.get(), T::KeyForgotten).to_string()),
                KeyNotice::ImportFailed(err) => {
                    (Tone::Error, messages::key_import_error(lang.get(), err))
                }
                KeyNotice::GenerateFailed => {
                    (Tone::Error, t(lang.get(), T::GenerateFailed).to_string())
                }
                KeyNotice::FileUnreadable => {
                    (Tone::Error, t(lang.get(), T::FileReadFailed).to_string())
                }
            };
            view! { <Message tone=tone text=text testid="key-message"/> }
        })
    };

    view! {
        <section id="sleutel" class="step" aria-labelledby="sleutel-title">
            <h2 id="sleutel-title">{tr(T::StepKey)}</h2>
            <p>{tr(T::KeyIntro)}</p>
            <p class="promise" data-testid="key-promise">{tr(T::KeyPromise)}</p>

            <h3>{tr(T::GenerateHeading)}</h3>
            {(!secure).then(|| view! { <p class="msg msg-warning" role="status" data-testid="insecure-context">{tr(T::InsecureContext)}</p> })}
            <SelectField
                id="key-type"
                label=T::KeyTypeLabel
                wide=true
                options=key_types
                selected=Signal::derive(move || spec.get().id())
                on_change=Callback::new(move |value: String| {
                    if let Some(chosen) = KeySpec::parse(&value) {
                        spec.set(chosen);
                    }
                })
            />
            <p class="row">
                <button
                    type="button"
                    class="btn"
                    data-testid="key-generate"
                    disabled=move || !secure || busy.get().is_some()
                    on:click=generate
                >
                    {tr(T::GenerateButton)}
                </button>
            </p>
            <p class="busy" role="status" aria-live="polite" data-testid="key-busy">
                {move || busy.get().map(|key| view! { <span class="spinner" aria-hidden="true"></span>{t(lang.get(), key)} })}
            </p>

            <h3>{tr(T::ImportHeading)}</h3>
            <div class="field">
                <label for="key-input">{tr(T::KeyInputLabel)}</label>
                <textarea
                    id="key-input"
                    node_ref=key_input
                    data-testid="key-input"
                    rows="6"
                    autocomplete="off"
                    autocapitalize="off"
                    spellcheck="false"
                    data-lpignore="true"
                    aria-describedby="key-input-hint"
                    class="mono"
                    on:dragover=move |ev: web_sys::DragEvent| ev.prevent_default()
                    on:drop=move |ev: web_sys::DragEvent| {
                        ev.prevent_default();
                        if let Some(file) = browser::dropped_file(&ev) {
                            load_file.run(file);
                        }
                    }
                ></textarea>
                <p id="key-input-hint" class="hint">{tr(T::KeyInputHint)}</p>
                <div class="row">
                    <button
                        type="button"
                        class="btn"
                        data-testid="key-import"
                        disabled=move || busy.get().is_some()
                        on:click=move |_| import_text(None)
                    >
                        {tr(T::ImportButton)}
                    </button>
                    <FileButton label=T::KeyFileLabel testid="key-file" accept=".json,.jwk,.jwks,.pem,.key,.txt" on_file=load_file/>
                </div>
            </div>
            {notice_view}
            <Show when=move || !candidates.with(Vec::is_empty)>
                <fieldset class="choices" data-testid="jwks-choice">
                    <legend>{tr(T::JwksChoose)}</legend>
                    {move || {
                        candidates
                            .get()
                            .into_iter()
                            .map(|candidate| {
                                let label = format!(
                                    "#{} · {} · kid {}",
                                    candidate.index + 1,
                                    candidate.kty,
                                    candidate.kid.clone().unwrap_or_else(|| "—".into()),
                                );
                                view! {
                                    <button type="button" class="btn btn-secondary" on:click=move |_| import_text(Some(candidate.index))>
                                        {label}
                                    </button>
                                }
                            })
                            .collect_view()
                    }}
                </fieldset>
            </Show>

            <h3>{tr(T::KeyStatusHeading)}</h3>
            <p class="status" data-testid="key-status" data-loaded=move || loaded().to_string()>{status}</p>

            <Show when=loaded>
                <h3>{tr(T::PublicJwkHeading)}</h3>
                <p class="hint">{tr(T::PublicJwkHint)}</p>
                <pre class="mono output" data-testid="public-jwk" tabindex="0">{move || public_jwk.get()}</pre>
                <div class="row">
                    <CopyButton value=public_jwk what=Signal::derive(move || t(lang.get(), T::PublicJwkHeading).to_string()) testid="public-jwk-copy"/>
                    <DownloadButton
                        label=Signal::derive(move || t(lang.get(), T::DownloadPublicJwk).to_string())
                        file_name=Signal::derive(move || format!("{}.public.jwk.json", kid()))
                        mime="application/json"
                        content=Callback::new(move |_| public_jwk.get_untracked())
                        testid="public-jwk-download"
                    />
                    <button type="button" class="btn btn-small btn-secondary" data-testid="key-download-private" on:click=move |_| confirming_private.set(true)>
                        {tr(T::PrivateDownloadButton)}
                    </button>
                </div>
                <Show when=move || confirming_private.get()>
                    <div class="msg msg-warning" role="alertdialog" aria-labelledby="private-warning">
                        <p id="private-warning">{tr(T::PrivateDownloadWarning)}</p>
                        <div class="row">
                            <button
                                type="button"
                                class="btn btn-danger"
                                data-testid="key-download-private-confirm"
                                on:click=move |_| {
                                    if let Some(loaded) = signing.key.get_untracked() {
                                        let jwk = loaded.key.private_jwk();
                                        let name = format!("{}.PRIVATE.jwk.json", loaded.key.kid());
                                        let _ = browser::download(&name, "application/json", &jwk);
                                    }
                                    confirming_private.set(false);
                                }
                            >
                                {tr(T::PrivateDownloadConfirm)}
                            </button>
                            <button type="button" class="btn btn-secondary" on:click=move |_| confirming_private.set(false)>
                                {tr(T::Cancel)}
                            </button>
                        </div>
                    </div>
                </Show>

                <h3>{tr(T::RegisteredHeading)}</h3>
                <TextArea id="registered-jwk" label=T::RegisteredLabel hint=T::RegisteredHint value=registered_text/>
                {move || registered().map(|(ok, text)| view! {
                    <p class=if ok { "msg msg-ok" } else { "msg msg-error" } role="status" data-testid="registered-result" data-match=if ok { "yes" } else { "no" }>{text}</p>
                })}

                <p>
                    <button type="button" class="btn btn-secondary" data-testid="key-forget" on:click=forget>
                        {tr(T::ForgetButton)}
                    </button>
                </p>
            </Show>
        </section>
    }
}
