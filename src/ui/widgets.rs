//! Pieces every step uses: reading texts in the current language, copy and download buttons,
//! and messages that screen readers announce.

use leptos::prelude::*;

use super::browser;
use super::state::UiLang;
use crate::i18n::{t, Lang, T};

/// The current language signal.
pub fn use_lang() -> RwSignal<Lang> {
    use_context::<UiLang>().map_or_else(|| RwSignal::new(Lang::Nl), |UiLang(lang)| lang)
}

/// A static text that follows the language.
pub fn tr(key: T) -> impl Fn() -> &'static str + Copy + Send + Sync + 'static {
    let lang = use_lang();
    move || t(lang.get(), key)
}

/// How a message looks and is announced.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Tone {
    Info,
    Ok,
    Warning,
    Error,
}

impl Tone {
    pub fn class(self) -> &'static str {
        match self {
            Tone::Info => "msg msg-info",
            Tone::Ok => "msg msg-ok",
            Tone::Warning => "msg msg-warning",
            Tone::Error => "msg msg-error",
        }
    }
}

/// A message block; errors are announced assertively, the rest politely.
#[component]
pub fn Message(
    tone: Tone,
    #[prop(into)] text: Signal<String>,
    #[prop(optional)] testid: &'static str,
) -> impl IntoView {
    let role = if tone == Tone::Error {
        "alert"
    } else {
        "status"
    };
    view! {
        <p class=tone.class() role=role data-testid=testid>{move || text.get()}</p>
    }
}

/// The copy feedback state of one button.
#[derive(Clone, Copy, PartialEq, Eq)]
enum CopyState {
    Idle,
    Copied,
    Failed,
}

/// A button that copies `value`, with visible and announced feedback.
#[component]
pub fn CopyButton(
    #[prop(into)] value: Signal<String>,
    /// What is copied, for screen readers ("Clientnaam").
    #[prop(into)]
    what: Signal<String>,
    #[prop(optional)] testid: &'static str,
) -> impl IntoView {
    let lang = use_lang();
    let state = RwSignal::new(CopyState::Idle);
    let on_click = move |_| {
        let text = value.get_untracked();
        leptos::task::spawn_local(async move {
            let ok = browser::copy_text(&text).await.is_ok();
            state.set(if ok {
                CopyState::Copied
            } else {
                CopyState::Failed
            });
            set_timeout(
                move || state.set(CopyState::Idle),
                std::time::Duration::from_secs(3),
            );
        });
    };
    view! {
        <span class="copy">
            <button
                type="button"
                class="btn btn-small"
                data-testid=testid
                on:click=on_click
                disabled=move || value.with(String::is_empty)
                aria-label=move || format!("{} {}", t(lang.get(), T::Copy), what.get())
            >
                {move || t(lang.get(), if state.get() == CopyState::Copied { T::Copied } else { T::Copy })}
            </button>
            <span class="sr-live" role="status">
                {move || match state.get() {
                    CopyState::Idle => "",
                    CopyState::Copied => t(lang.get(), T::Copied),
                    CopyState::Failed => t(lang.get(), T::CopyFailed),
                }}
            </span>
        </span>
    }
}

/// A button that offers `content()` as a file download.
#[component]
pub fn DownloadButton(
    #[prop(into)] label: Signal<String>,
    #[prop(into)] file_name: Signal<String>,
    mime: &'static str,
    content: Callback<(), String>,
    #[prop(optional)] testid: &'static str,
    #[prop(into, optional)] disabled: Signal<bool>,
) -> impl IntoView {
    view! {
        <button
            type="button"
            class="btn btn-small"
            data-testid=testid
            disabled=move || disabled.get()
            on:click=move |_| {
                let _ = browser::download(&file_name.get_untracked(), mime, &content.run(()));
            }
        >
            {move || label.get()}
        </button>
    }
}

/// A labelled read-only value with a copy button: the shape of every value the user pastes
/// into the Beheerportaal.
#[component]
pub fn CopyValue(
    #[prop(into)] label: Signal<String>,
    #[prop(into)] value: Signal<String>,
    testid: &'static str,
    #[prop(into, optional)] placeholder: Signal<String>,
) -> impl IntoView {
    view! {
        <div class="value-row">
            <dt>{move || label.get()}</dt>
            <dd>
                <code class="value" data-testid=testid>{move || value.get()}</code>
                <Show when=move || value.with(String::is_empty)>
                    <span class="hint">{move || placeholder.get()}</span>
                </Show>
                <CopyButton value=value what=label testid=""/>
            </dd>
        </div>
    }
}
