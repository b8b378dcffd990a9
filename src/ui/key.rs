//! Step 2, "Sleutel": make a key pair in the browser's key store or import one, save a generated
//! key once, show the public JWK for the Beheerportaal, check it against the registered key, and
//! forget it.
//!
//! Key text is read from the (uncontrolled) text area or a file only when importing, the area is
//! emptied on every attempt, and the text lives on only in a zeroizing buffer while the user picks
//! a key from a JWKS. The key itself is a non-extractable `CryptoKey` in `Signing::key`.

use leptos::html;
use leptos::prelude::*;
use zeroize::Zeroizing;

use super::browser;
use super::state::Signing;
use super::widgets::{
    message, tr, tr_signal, use_lang, CopyButton, DownloadButton, FileButton, KeyGuard,
    SelectField, StepSection, TextArea, Tone,
};
use crate::domain::acm::key::{self, KeyCandidate, KeyImportError, MAX_KEY_INPUT_BYTES};
use crate::domain::runnable::backend_code::Unwritable;
use crate::domain::runnable::shell;
use crate::i18n::{messages, t, T};
use crate::steps::Step;
use crate::webcrypto::{self, HeldKey, KeySpec, KeyStoreError};

/// What happened last, kept as data so it is worded in the current language.
#[derive(Clone, PartialEq)]
enum KeyNotice {
    Imported,
    Forgotten,
    ImportFailed(KeyImportError),
    StoreUnavailable,
    GenerateFailed,
    FileUnreadable,
    Saved,
    SaveDeclined,
    SaveFailed,
}

impl KeyNotice {
    fn from_store_error(err: KeyStoreError) -> KeyNotice {
        match err {
            KeyStoreError::Unavailable => KeyNotice::StoreUnavailable,
            KeyStoreError::Refused => KeyNotice::ImportFailed(KeyImportError::RefusedByKeyStore),
            KeyStoreError::Import(err) => KeyNotice::ImportFailed(err),
            KeyStoreError::Failed => KeyNotice::GenerateFailed,
        }
    }

    fn tone_and_text(&self, lang: crate::i18n::Lang) -> (Tone, String) {
        let plain = |tone, key| (tone, t(lang, key).to_string());
        match self {
            KeyNotice::Imported => plain(Tone::Ok, T::KeyImported),
            KeyNotice::Forgotten => plain(Tone::Info, T::KeyForgotten),
            KeyNotice::ImportFailed(err) => (Tone::Error, messages::key_import_error(lang, err)),
            KeyNotice::StoreUnavailable => plain(Tone::Error, T::KeyStoreUnavailable),
            KeyNotice::GenerateFailed => plain(Tone::Error, T::GenerateFailed),
            KeyNotice::FileUnreadable => plain(Tone::Error, T::FileReadFailed),
            KeyNotice::Saved => plain(Tone::Ok, T::Saved),
            KeyNotice::SaveDeclined => plain(Tone::Info, T::SaveDeclined),
            KeyNotice::SaveFailed => plain(Tone::Error, T::SaveFailed),
        }
    }
}

/// Which file a generated key is saved as.
#[derive(Clone, Copy)]
enum SaveFormat {
    Pkcs8Pem,
    Jwk,
}

/// What loading and forgetting a key share: the key text area, the busy label, the last
/// notice and, while the user picks from a JWKS with several private keys, the candidates and the
/// JWKS text (Rust memory only, wiped when replaced; never the DOM).
#[derive(Clone, Copy)]
struct KeyLoader {
    signing: Signing,
    key_input: NodeRef<html::Textarea>,
    busy: RwSignal<Option<T>>,
    notice: RwSignal<Option<KeyNotice>>,
    candidates: RwSignal<Vec<KeyCandidate>>,
    jwks_text: StoredValue<Option<Zeroizing<String>>>,
}

impl KeyLoader {
    fn new(signing: Signing) -> KeyLoader {
        KeyLoader {
            signing,
            key_input: NodeRef::new(),
            busy: RwSignal::new(None),
            notice: RwSignal::new(None),
            candidates: RwSignal::new(Vec::new()),
            jwks_text: StoredValue::new(None),
        }
    }

    fn forget_choice(self) {
        self.candidates.set(Vec::new());
        self.jwks_text.set_value(None);
    }

    fn accept(self, held: HeldKey) {
        self.signing.key.set(Some(held));
        self.signing.drop_pending_save();
        // An assertion signed with the previous key no longer belongs to the loaded one.
        self.signing.assertion.set(None);
        self.forget_choice();
    }

    /// Checks the text in Rust, then hands the key to the key store; the loaded key stays as it
    /// is unless both succeed.
    fn import(self, text: Zeroizing<String>, choice: Option<usize>) {
        self.busy.set(Some(T::Importing));
        leptos::task::spawn_local(async move {
            // Let the busy state render before the key is checked.
            browser::next_frame().await;
            let result = match choice {
                Some(index) => key::import_jwks_entry(&text, index),
                None => key::import(&text),
            };
            let notice = match result {
                Ok(importable) => match webcrypto::hold(importable).await {
                    Ok(held) => {
                        self.accept(held);
                        KeyNotice::Imported
                    }
                    Err(err) => KeyNotice::from_store_error(err),
                },
                Err(KeyImportError::SeveralPrivateKeys { candidates }) => {
                    self.candidates.set(candidates.clone());
                    self.jwks_text.set_value(Some(text));
                    KeyNotice::ImportFailed(KeyImportError::SeveralPrivateKeys { candidates })
                }
                Err(err) => KeyNotice::ImportFailed(err),
            };
            self.notice.set(Some(notice));
            self.busy.set(None);
        });
    }

    /// Empties the text area, and returns what it held.
    fn take_area(self) -> Option<Zeroizing<String>> {
        let area = self.key_input.get_untracked()?;
        let text = Zeroizing::new(area.value());
        area.set_value("");
        Some(text)
    }

    /// Takes the text out of the area, emptying it whatever the outcome.
    fn import_area(self) {
        if let Some(text) = self.take_area() {
            self.forget_choice();
            self.import(text, None);
        }
    }

    fn pick(self, index: usize) {
        if let Some(text) = self.jwks_text.with_value(Clone::clone) {
            self.import(text, Some(index));
        }
    }

    /// A file goes straight to the import, never through the text area; its size is checked
    /// before it is read.
    fn load_file(self, file: web_sys::File) {
        let bytes = file.size() as usize;
        if bytes > MAX_KEY_INPUT_BYTES {
            self.notice
                .set(Some(KeyNotice::ImportFailed(KeyImportError::TooLarge {
                    bytes,
                    max: MAX_KEY_INPUT_BYTES,
                })));
            return;
        }
        leptos::task::spawn_local(async move {
            let read = browser::read_file(&file).await.ok().map(Zeroizing::new);
            match read.and_then(|bytes| String::from_utf8(bytes.to_vec()).ok()) {
                Some(text) => self.import(Zeroizing::new(text), None),
                None => self.notice.set(Some(KeyNotice::FileUnreadable)),
            }
        });
    }

    fn forget(self) {
        let signing = self.signing;
        signing.key.set(None);
        signing.drop_pending_save();
        signing.assertion.set(None);
        signing.registered_text.set(String::new());
        self.forget_choice();
        drop(self.take_area());
        self.notice.set(Some(KeyNotice::Forgotten));
    }

    fn clear_area(self) {
        drop(self.take_area());
        self.forget_choice();
    }
}

#[component]
pub fn KeyStep(signing: Signing) -> impl IntoView {
    let lang = use_lang();
    let loader = KeyLoader::new(signing);
    let has_key = move || signing.key.with(Option::is_some);
    let status = move || {
        signing.key.with(|k| match k {
            Some(held) => messages::key_status(lang.get(), &held.info),
            None => t(lang.get(), T::KeyStatusNone).to_string(),
        })
    };
    let notice_view = move || {
        loader.notice.get().map(|n| {
            let (tone, text) = n.tone_and_text(lang.get());
            view! { {message!(tone, "key-message"; {text})} }
        })
    };

    view! {
        <StepSection step=Step::Key>
            <p>{tr(T::KeyIntro)}</p>
            <p class="promise" data-testid="key-promise">
                {tr(T::KeyPromise)}
            </p>

            <KeyGenerate
                busy=loader.busy
                notice=loader.notice
                signing=signing
                on_generated=Callback::new(move |held| loader.accept(held))
            />

            <h3>{tr(T::ImportHeading)}</h3>
            <KeyInputArea
                key_input=loader.key_input
                busy=loader.busy.read_only()
                on_import=Callback::new(move |()| loader.import_area())
                on_file=Callback::new(move |file| loader.load_file(file))
                on_clear=Callback::new(move |()| loader.clear_area())
            />
            {notice_view}
            <JwksChoice
                candidates=loader.candidates.read_only()
                on_pick=Callback::new(move |index| loader.pick(index))
            />

            <h3>{tr(T::KeyStatusHeading)}</h3>
            <p class="status" data-testid="key-status" data-loaded=move || has_key().to_string()>
                {status}
            </p>
            <crate::ui::workspace_list::KeyOwner signing=signing />

            <Show when=has_key>
                <KeyInUse signing=signing on_forget=Callback::new(move |()| loader.forget()) />
            </Show>
        </StepSection>
    }
}

/// The key types the browser can make, with their labels.
#[component]
fn KeyTypeSelect(spec: RwSignal<KeySpec>) -> impl IntoView {
    let lang = use_lang();
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
    view! {
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
    }
}

/// Asks once to save a generated private key (PKCS#8 PEM or JWK) or to decline; either way the
/// extractable copy is dropped afterwards and signing goes on with the held one.
#[component]
fn SavePrompt(signing: Signing, notice: RwSignal<Option<KeyNotice>>) -> impl IntoView {
    let save = move |format: SaveFormat| {
        let Some(pending) = signing.pending_save.get_untracked() else {
            return;
        };
        leptos::task::spawn_local(async move {
            let saved = match pending.export().await {
                Ok(exported) => {
                    let kid = exported.info().kid().to_string();
                    let (name, mime, text) = match format {
                        SaveFormat::Pkcs8Pem => (
                            format!("{kid}.PRIVATE.pkcs8.pem"),
                            "application/x-pem-file",
                            exported.pkcs8_pem(),
                        ),
                        SaveFormat::Jwk => (
                            format!("{kid}.PRIVATE.jwk.json"),
                            "application/json",
                            exported.private_jwk(),
                        ),
                    };
                    !text.is_empty() && browser::download(&name, mime, &text).is_ok()
                }
                Err(_) => false,
            };
            if saved {
                // Saved once: the extractable key is dropped; signing goes on with the held copy.
                signing.drop_pending_save();
                notice.set(Some(KeyNotice::Saved));
            } else {
                notice.set(Some(KeyNotice::SaveFailed));
            }
        });
    };

    let decline = move |_| {
        signing.drop_pending_save();
        notice.set(Some(KeyNotice::SaveDeclined));
    };
    view! {
        <Show when=move || signing.pending_save.with(Option::is_some)>
            <div
                class="msg msg-warning"
                role="region"
                aria-labelledby="save-heading"
                data-testid="key-save"
            >
                <h4 id="save-heading">{tr(T::SaveHeading)}</h4>
                <p>{tr(T::SaveIntro)}</p>
                <p>{tr(T::PrivateDownloadWarning)}</p>
                <div class="row">
                    <button
                        type="button"
                        class="btn"
                        data-testid="key-save-pem"
                        on:click=move |_| save(SaveFormat::Pkcs8Pem)
                    >
                        {tr(T::SavePem)}
                    </button>
                    <button
                        type="button"
                        class="btn btn-secondary"
                        data-testid="key-save-jwk"
                        on:click=move |_| save(SaveFormat::Jwk)
                    >
                        {tr(T::SaveJwk)}
                    </button>
                    <button
                        type="button"
                        class="btn btn-secondary"
                        data-testid="key-save-decline"
                        on:click=decline
                    >
                        {tr(T::SaveDecline)}
                    </button>
                </div>
            </div>
        </Show>
    }
}

/// A choice between the private keys of a JWKS, by position, type and `kid` (never by content).
/// Public for the browser tests.
#[component]
pub fn JwksChoice(
    candidates: ReadSignal<Vec<KeyCandidate>>,
    on_pick: Callback<usize>,
) -> impl IntoView {
    view! {
        <Show when=move || !candidates.with(Vec::is_empty)>
            <fieldset class="choices" data-testid="jwks-choice">
                <legend>{tr(T::JwksChoose)}</legend>
                <For
                    each=move || candidates.get()
                    // The whole candidate: another JWKS may have keys at the same indices.
                    key=|candidate| (candidate.index, candidate.kty.clone(), candidate.kid.clone())
                    children=move |candidate| {
                        let label = format!(
                            "#{} · {} · kid {}",
                            candidate.index + 1,
                            candidate.kty,
                            candidate.kid.clone().unwrap_or_else(|| "—".into()),
                        );
                        view! {
                            <button
                                type="button"
                                class="btn btn-secondary"
                                on:click=move |_| on_pick.run(candidate.index)
                            >
                                {label}
                            </button>
                        }
                    }
                />
            </fieldset>
        </Show>
    }
}

/// The loaded key: its public JWK to copy or download for the Beheerportaal, the check against
/// the registered key, and the button to forget it.
#[component]
fn KeyInUse(signing: Signing, on_forget: Callback<()>) -> impl IntoView {
    let lang = use_lang();
    let guard = KeyGuard::new();
    let public_jwk = Signal::derive(move || {
        signing.key.with(|k| {
            k.as_ref()
                .map(|held| held.info.public_jwk_text())
                .unwrap_or_default()
        })
    });
    let kid = move || {
        signing.key.with(|k| {
            k.as_ref()
                .map(|held| held.info.kid().to_string())
                .unwrap_or_default()
        })
    };
    let registered = move || {
        if signing.registered_text.with(|t| t.trim().is_empty()) {
            return None;
        }
        signing.key.with(|k| {
            let held = k.as_ref()?;
            Some(signing.registered_text.with(|text| {
                match key::compare_registered(&held.info, text) {
                    Ok(report) => (
                        report.is_good(),
                        messages::registered_report(lang.get(), &report, &held.info),
                    ),
                    Err(err) => (false, messages::registered_error(lang.get(), &err)),
                }
            }))
        })
    };
    view! {
        <h3>{tr(T::PublicJwkHeading)}</h3>
        <p class="hint">{tr(T::PublicJwkHint)}</p>
        <pre class="mono output" data-testid="public-jwk" tabindex="0">
            {move || public_jwk.get()}
        </pre>
        <div class="row">
            <CopyButton
                value=public_jwk
                what=tr_signal(T::PublicJwkHeading)
                testid="public-jwk-copy"
            />
            <DownloadButton
                label=tr_signal(T::DownloadPublicJwk)
                file_name=Signal::derive(move || format!("{}.public.jwk.json", kid()))
                mime="application/json"
                content=Callback::new(move |()| public_jwk.get_untracked())
                testid="public-jwk-download"
            />
        </div>

        <h3>{tr(T::RegisteredHeading)}</h3>
        <TextArea
            id="registered-jwk"
            label=T::RegisteredLabel
            hint=T::RegisteredHint
            value=guard.binding(signing.registered_text)
            message=guard.message()
        />
        {move || {
            registered()
                .map(|(ok, text)| {
                    view! {
                        {message!(
                            if ok { Tone::Ok } else { Tone::Error }, "registered-result", [data-match=if ok { "yes" } else { "no" }]; {text}
                        )}
                    }
                })
        }}

        <p>
            <button
                type="button"
                class="btn btn-secondary"
                data-testid="key-forget"
                on:click=move |_| on_forget.run(())
            >
                {tr(T::ForgetButton)}
            </button>
        </p>
    }
}

/// Making a key pair in the browser's key store: the key type, the button (off outside a secure
/// context, where WebCrypto is missing) and the progress; then the one-time save prompt.
#[component]
fn KeyGenerate(
    signing: Signing,
    busy: RwSignal<Option<T>>,
    notice: RwSignal<Option<KeyNotice>>,
    /// Takes the new key into use (the step's own bookkeeping).
    on_generated: Callback<HeldKey>,
) -> impl IntoView {
    let lang = use_lang();
    let spec = RwSignal::new(KeySpec::Rsa { bits: 4096 });
    let secure = browser::is_secure_context();
    let generate = move |_| {
        let chosen = spec.get_untracked();
        busy.set(Some(T::Generating));
        notice.set(None);
        leptos::task::spawn_local(async move {
            match webcrypto::generate(chosen).await {
                Ok((held, pending)) => {
                    on_generated.run(held);
                    signing.pending_save.set(Some(pending));
                }
                Err(err) => notice.set(Some(KeyNotice::from_store_error(err))),
            }
            busy.set(None);
        });
    };

    view! {
        <h3>{tr(T::GenerateHeading)}</h3>
        {(!secure)
            .then(|| {
                view! { {message!(Tone::Warning, "insecure-context"; {tr(T::InsecureContext)})} }
            })}
        <KeyTypeSelect spec=spec />
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
            {move || {
                busy.get()
                    .map(|key| {
                        view! {
                            <span class="spinner" aria-hidden="true"></span>
                            {t(lang.get(), key)}
                        }
                    })
            }}
        </p>
        <SavePrompt signing=signing notice=notice />
        <KeyInBrowserQuestion />
    }
}

/// "Should I make a real key in a web page?": what this page does differently, and the openssl
/// command for those who make the key outside the browser and import the file.
#[component]
fn KeyInBrowserQuestion() -> impl IntoView {
    let lang = use_lang();
    let command = Signal::derive(move || {
        shell::openssl_key_command()
            .unwrap_or_else(|e| messages::unwritable(lang.get(), &Unwritable::Template(e)))
    });
    view! {
        <details class="question" data-testid="key-question">
            <summary>{tr(T::KeyQuestionHeading)}</summary>
            <p>{tr(T::KeyQuestionText)}</p>
            <p>{tr(T::KeyQuestionOpenssl)}</p>
            <pre class="mono output" data-testid="key-openssl-command" tabindex="0">
                {move || command.get()}
            </pre>
            <CopyButton
                value=command
                what=tr_signal(T::KeyQuestionHeading)
                testid="key-openssl-copy"
            />
        </details>
    }
}

/// Where a private key is pasted, dropped or picked as a file. The text area is uncontrolled:
/// its text is read only when importing, and emptied then.
#[component]
fn KeyInputArea(
    key_input: NodeRef<html::Textarea>,
    busy: ReadSignal<Option<T>>,
    on_import: Callback<()>,
    on_file: Callback<web_sys::File>,
    on_clear: Callback<()>,
) -> impl IntoView {
    view! {
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
                        on_file.run(file);
                    }
                }
            ></textarea>
            <p id="key-input-hint" class="hint">
                {tr(T::KeyInputHint)}
            </p>
            <div class="row">
                <button
                    type="button"
                    class="btn"
                    data-testid="key-import"
                    disabled=move || busy.get().is_some()
                    on:click=move |_| on_import.run(())
                >
                    {tr(T::ImportButton)}
                </button>
                <FileButton
                    label=T::KeyFileLabel
                    testid="key-file"
                    accept=".json,.jwk,.jwks,.pem,.key,.txt"
                    on_file=on_file
                />
                <button
                    type="button"
                    class="btn btn-secondary"
                    data-testid="key-clear"
                    on:click=move |_| on_clear.run(())
                >
                    {tr(T::KeyClear)}
                </button>
            </div>
        </div>
    }
}
