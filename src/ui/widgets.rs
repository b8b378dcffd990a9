//! Pieces every step uses: reading texts in the current language, copy and download buttons,
//! and messages that screen readers announce.

use leptos::prelude::*;
use wasm_bindgen::JsCast;

use super::browser;
use super::state::{Clock, UiLang};
use crate::domain::acm::key;
use crate::domain::facts::provenance::Sourced;
use crate::domain::facts::sources::{Fact, Source};
use crate::i18n::{messages, t, Lang, T};
use crate::steps::Step;

/// The current language signal.
pub(crate) fn use_lang() -> RwSignal<Lang> {
    use_context::<UiLang>().map_or_else(|| RwSignal::new(Lang::Nl), |UiLang(lang)| lang)
}

/// The clock that ticks every second (a fresh one outside the app, e.g. in tests).
pub(crate) fn use_clock() -> RwSignal<f64> {
    use_context::<Clock>().map_or_else(|| RwSignal::new(browser::now_ms()), |Clock(clock)| clock)
}

/// A static text that follows the language.
pub fn tr(key: T) -> impl Fn() -> &'static str + Copy + Send + Sync + 'static {
    let lang = use_lang();
    move || t(lang.get(), key)
}

/// A step's title with its number (`2. Sleutel`), in the page's language: headings, the
/// navigation and links to a step show it.
pub(crate) fn step_title(step: Step) -> impl Fn() -> String + Copy + Send + Sync + 'static {
    let lang = use_lang();
    move || format!("{}. {}", step.number(), t(lang.get(), step.title()))
}

/// The text of `key` in the page's language, as the `Signal<String>` props of the copy and
/// download buttons and messages take.
pub(crate) fn tr_signal(key: T) -> Signal<String> {
    let lang = use_lang();
    Signal::derive(move || t(lang.get(), key).to_string())
}

/// How a message looks and is announced.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(crate) enum Tone {
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

impl Tone {
    /// How assistive technology announces a message, the page's one rule: errors at once
    /// (`alert`), everything else politely (`status`), so a warning never interrupts.
    pub fn role(self) -> &'static str {
        if self == Tone::Error {
            "alert"
        } else {
            "status"
        }
    }
}

/// A message: one paragraph (its text, and inline parts after it: a source note, a link, a
/// button), announced by its tone ([`Tone::role`]). Every message of the page is one of these or
/// a [`message_block!`]:
///
/// `message!(Tone::Warning, "acc-note"; {tr(T::AccNote)} <SourceNote fact=… />)`, with
/// attributes a test needs in brackets after the `data-testid`:
/// `message!(Tone::Ok, "api-info-result", [data-outcome="ok"]; …)`.
///
/// A macro rather than a component: as a component (its text a `Signal` prop, or children) each
/// of the page's two dozen messages paid for a boxed closure or a derived signal, about 2.5 KB
/// gzip in all; expanded in place, a message costs what its markup costs.
macro_rules! message {
    ($tone:expr, $testid:expr $(, [$($attr:tt)*])?; $($children:tt)*) => {
        $crate::ui::widgets::message!(@p $tone, $testid $(, [$($attr)*])?; $($children)*)
    };
    // The markup of both: the element, its tone's class and role, and its test id.
    (@$element:ident $tone:expr, $testid:expr $(, [$($attr:tt)*])?; $($children:tt)*) => {
        ::leptos::prelude::view! {
            <$element
                class={ ($tone).class() }
                role={ ($tone).role() }
                data-testid={ $testid }
                $($($attr)*)?
            >
                $($children)*
            </$element>
        }
    };
}
pub(crate) use message;

/// A message of several blocks (paragraphs, a list, a code block), announced as [`message!`].
macro_rules! message_block {
    ($tone:expr, $testid:expr $(, [$($attr:tt)*])?; $($children:tt)*) => {
        $crate::ui::widgets::message!(@div $tone, $testid $(, [$($attr)*])?; $($children)*)
    };
}
pub(crate) use message_block;

/// The copy feedback state of one button.
#[derive(Clone, Copy, PartialEq, Eq)]
enum CopyState {
    Idle,
    Copied,
    Failed,
}

/// A button that copies `value`, with visible and announced feedback.
#[component]
pub(crate) fn CopyButton(
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
                {move || t(
                    lang.get(),
                    if state.get() == CopyState::Copied { T::Copied } else { T::Copy },
                )}
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
pub(crate) fn DownloadButton(
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
pub(crate) fn CopyValue(
    #[prop(into)] label: Signal<String>,
    #[prop(into)] value: Signal<String>,
    testid: &'static str,
    #[prop(into, optional)] placeholder: Signal<String>,
    /// The fact the value states, for its source note.
    #[prop(into, optional)]
    fact: Option<Signal<Option<Fact>>>,
    /// Where the value came from, for a value that may not be the published one: its source
    /// note when it is, else its origin and the published value.
    #[prop(into, optional)]
    origin: Option<Signal<Sourced>>,
) -> impl IntoView {
    view! {
        <div class="value-row">
            <dt>{move || label.get()}</dt>
            <dd>
                <code class="value" data-testid=testid>
                    {move || value.get()}
                </code>
                <Show when=move || value.with(String::is_empty)>
                    <span class="hint">{move || placeholder.get()}</span>
                </Show>
                <CopyButton value=value what=label testid="" />
                {move || fact.and_then(|f| f.get()).map(|f| view! { <SourceNote fact=f /> })}
                {origin.map(|sourced| view! { <ValueOrigin sourced=sourced /> })}
            </dd>
        </div>
    }
}

/// Where a value came from: the source note of the fact it states when it is the published
/// value; otherwise its origin (`config.json`, typed, stored) and the published value beside it
/// with that value's source.
#[component]
pub(crate) fn ValueOrigin(
    #[prop(into)] sourced: Signal<Sourced>,
    /// What the value is, where several stand in a row.
    #[prop(optional)]
    topic: Option<&'static str>,
) -> impl IntoView {
    let lang = use_lang();
    view! {
        <span
            class="value-origin"
            data-testid="value-origin"
            data-value=move || sourced.with(|s| s.name.id())
            data-origin=move || sourced.with(|s| s.origin.id())
        >
            {move || {
                if let Some(fact) = sourced.with(Sourced::source_fact) {
                    if let Some(topic) = topic {
                        view! { <SourceNote fact=fact topic=topic /> }.into_any()
                    } else {
                        view! { <SourceNote fact=fact /> }.into_any()
                    }
                } else {
                    let published = sourced.with(|s| s.published.as_ref().map(|(_, fact)| *fact));
                    view! {
                        <span class="origin-text">
                            {topic.map(|topic| format!("{topic}: "))}
                            {move || sourced.with(|s| messages::value_origin(lang.get(), s))}
                        </span>
                        {published.map(|fact| view! { <SourceNote fact=fact /> })}
                    }
                        .into_any()
                }
            }}
        </span>
    }
}

/// Where a fact comes from, opening on demand: "bron" (or "aangenomen" for an assumption) and,
/// when opened, the source or the reason.
#[component]
pub(crate) fn SourceNote(
    #[prop(into)] fact: Signal<Fact>,
    /// What the note is about, where several stand in a row (a field or claim name).
    #[prop(optional)]
    topic: Option<&'static str>,
) -> impl IntoView {
    let lang = use_lang();
    let assumed = move || matches!(fact.get().source(), Source::Assumed(_));
    view! {
        <details
            class="source"
            data-testid="source"
            data-fact=move || fact.get().id()
            data-assumed=move || assumed().to_string()
        >
            <summary>
                {topic.map(|topic| format!("{topic}: "))}
                {move || t(lang.get(), if assumed() { T::SourceAssumed } else { T::SourceLabel })}
            </summary>
            <span>{move || messages::source_text(lang.get(), fact.get().source())}</span>
            // Each file cited, as it stood at the version read.
            {move || {
                fact.get()
                    .source()
                    .documents()
                    .into_iter()
                    .map(|doc| {
                        view! {
                            " "
                            <a
                                href=doc.url()
                                target="_blank"
                                rel="noopener noreferrer"
                                data-testid="source-link"
                            >
                                {format!(
                                    "{} @ {}",
                                    doc.path,
                                    doc.commit.get(..7).unwrap_or(doc.commit),
                                )}
                            </a>
                        }
                    })
                    .collect_view()
            }}
        </details>
    }
}

/// A text value a field shows and changes: read through `get`, written through `set`.
#[derive(Clone, Copy)]
pub(crate) struct Binding {
    pub get: Signal<String>,
    pub set: Callback<String>,
}

impl From<RwSignal<String>> for Binding {
    fn from(signal: RwSignal<String>) -> Binding {
        Binding {
            get: signal.into(),
            set: Callback::new(move |value| signal.set(value)),
        }
    }
}

/// The message under a field: its tone and text, or nothing.
pub(crate) type FieldMessage = Signal<Option<(Tone, String)>>;

/// Keeps private-key material out of a field other than step 2's key field: text that holds
/// it (`key::holds_private_key_material`) never reaches the field's signal, the field is
/// cleared, and the field says why. Pasted, typed or read from a file alike.
#[derive(Clone, Copy)]
pub(crate) struct KeyGuard {
    refused: RwSignal<bool>,
}

impl KeyGuard {
    pub(crate) fn new() -> KeyGuard {
        KeyGuard {
            refused: RwSignal::new(false),
        }
    }

    /// Whether `text` may enter the field; a refusal is remembered for the message.
    pub(crate) fn admits(self, text: &str) -> bool {
        let is_key = key::holds_private_key_material(text);
        self.refused.set(is_key);
        !is_key
    }

    /// `signal` as a field's binding that refuses and clears private-key material.
    pub(crate) fn binding(self, signal: RwSignal<String>) -> Binding {
        Binding {
            get: signal.into(),
            set: Callback::new(move |text: String| {
                signal.set(if self.admits(&text) {
                    text
                } else {
                    String::new()
                });
            }),
        }
    }

    /// The field's message while its last input was refused.
    pub(crate) fn message(self) -> FieldMessage {
        let lang = use_lang();
        Signal::derive(move || {
            self.refused.get().then(|| {
                (
                    Tone::Error,
                    t(lang.get(), T::PrivateKeyRefusedHere).to_string(),
                )
            })
        })
    }
}

/// The class of a field message by tone.
fn message_class(message: Option<&(Tone, String)>) -> &'static str {
    match message {
        Some((Tone::Error, _)) => "field-error",
        Some((Tone::Warning, _)) => "field-warning",
        Some((Tone::Ok, _)) => "field-ok",
        _ => "hint",
    }
}

/// The `aria-describedby` of a field: its hint, if it has one, and its message.
fn described_by(id: &str, hint: Option<T>) -> String {
    match hint {
        Some(_) => format!("{id}-hint {id}-message"),
        None => format!("{id}-message"),
    }
}

/// The label, hint and message around a field; the message area always exists so screen
/// readers announce what appears in it.
#[component]
fn FieldFrame(
    id: &'static str,
    label: T,
    hint: Option<T>,
    message: FieldMessage,
    wide: bool,
    children: Children,
) -> impl IntoView {
    view! {
        <div class=if wide { "field field-wide" } else { "field" }>
            <label for=id>{tr(label)}</label>
            {children()}
            {hint
                .map(|hint| {
                    view! {
                        <p id=format!("{id}-hint") class="hint">
                            {tr(hint)}
                        </p>
                    }
                })}
            <p
                id=format!("{id}-message")
                data-testid=format!("{id}-message")
                aria-live="polite"
                class=move || message.with(|m| message_class(m.as_ref()))
            >
                {move || {
                    message.with(|m| m.as_ref().map(|(_, text)| text.clone()).unwrap_or_default())
                }}
            </p>
        </div>
    }
}

/// A labelled single-line input; its id is also its `data-testid`.
#[component]
pub(crate) fn TextField(
    id: &'static str,
    label: T,
    #[prop(into)] value: Binding,
    #[prop(optional)] hint: Option<T>,
    #[prop(default = "text")] kind: &'static str,
    #[prop(default = "off")] autocomplete: &'static str,
    #[prop(optional)] mono: bool,
    #[prop(optional)] wide: bool,
    #[prop(optional)] min: Option<&'static str>,
    #[prop(optional)] max: Option<&'static str>,
    #[prop(into, optional)] message: FieldMessage,
) -> impl IntoView {
    let described = described_by(id, hint);
    view! {
        <FieldFrame id=id label=label hint=hint message=message wide=wide>
            <input
                id=id
                type=kind
                data-testid=id
                class=if mono { "mono" } else { "" }
                autocomplete=autocomplete
                spellcheck="false"
                min=min
                max=max
                aria-describedby=described
                aria-invalid=move || {
                    message.with(|m| matches!(m, Some((Tone::Error, _)))).to_string()
                }
                prop:value=move || value.get.get()
                on:input=move |ev| value.set.run(event_target_value(&ev))
            />
        </FieldFrame>
    }
}

/// A labelled multi-line input; a dropped file goes to `on_file`.
#[component]
pub(crate) fn TextArea(
    id: &'static str,
    label: T,
    #[prop(into)] value: Binding,
    #[prop(optional)] hint: Option<T>,
    #[prop(default = 4)] rows: u32,
    #[prop(optional)] on_file: Option<Callback<web_sys::File>>,
    #[prop(into, optional)] message: FieldMessage,
) -> impl IntoView {
    let described = described_by(id, hint);
    view! {
        <FieldFrame id=id label=label hint=hint message=message wide=true>
            <textarea
                id=id
                data-testid=id
                class="mono"
                rows=rows
                spellcheck="false"
                autocomplete="off"
                aria-describedby=described
                prop:value=move || value.get.get()
                on:input=move |ev| {
                    let typed = event_target_value(&ev);
                    value.set.run(typed.clone());
                    let kept = value.get.get_untracked();
                    if kept != typed {
                        if let Some(area) = ev
                            .target()
                            .and_then(|t| t.dyn_into::<web_sys::HtmlTextAreaElement>().ok())
                        {
                            area.set_value(&kept);
                        }
                    }
                }
                on:dragover=move |ev: web_sys::DragEvent| ev.prevent_default()
                on:drop=move |ev: web_sys::DragEvent| {
                    ev.prevent_default();
                    if let (Some(file), Some(on_file)) = (browser::dropped_file(&ev), on_file) {
                        on_file.run(file);
                    }
                }
            ></textarea>
        </FieldFrame>
    }
}

/// One option of a [`SelectField`]: its value and its label in the current language.
pub(crate) type SelectOption = (&'static str, String);

/// A labelled select; its id is also its `data-testid`.
#[component]
pub(crate) fn SelectField(
    id: &'static str,
    label: T,
    #[prop(into)] options: Signal<Vec<SelectOption>>,
    #[prop(into)] selected: Signal<&'static str>,
    on_change: Callback<String>,
    #[prop(optional)] hint: Option<T>,
    #[prop(optional)] wide: bool,
) -> impl IntoView {
    let described = described_by(id, hint);
    view! {
        <FieldFrame id=id label=label hint=hint message=Signal::derive(|| None) wide=wide>
            <select
                id=id
                data-testid=id
                aria-describedby=described
                on:change=move |ev| on_change.run(event_target_value(&ev))
            >
                {move || {
                    let current = selected.get();
                    options
                        .get()
                        .into_iter()
                        .map(|(value, label)| {
                            view! {
                                <option value=value selected=value == current>
                                    {label}
                                </option>
                            }
                        })
                        .collect_view()
                }}
            </select>
        </FieldFrame>
    }
}

/// A button that opens the file picker; the file is read locally by `on_file`.
#[component]
pub(crate) fn FileButton(
    label: T,
    testid: &'static str,
    accept: &'static str,
    on_file: Callback<web_sys::File>,
) -> impl IntoView {
    view! {
        <label class="btn btn-secondary file-label">
            {tr(label)}
            <input
                type="file"
                class="visually-hidden"
                data-testid=testid
                accept=accept
                on:change=move |ev| {
                    if let Some(file) = browser::picked_file(&ev) {
                        on_file.run(file);
                    }
                }
            />
        </label>
    }
}

/// A link to the environment's Beheerportaal, opened in a new tab without a referrer.
#[component]
pub(crate) fn PortalLink(
    #[prop(into)] url: Signal<&'static str>,
    testid: &'static str,
) -> impl IntoView {
    view! {
        <a data-testid=testid href=move || url.get() target="_blank" rel="noopener noreferrer">
            {move || url.get()}
        </a>
    }
}

/// A step's section: its anchor and heading come from the step registry (`steps::Step`), so the
/// navigation, the skip link and the tests always point at an existing section.
#[component]
pub(crate) fn StepSection(step: Step, children: Children) -> impl IntoView {
    let title_id = format!("{}-title", step.id());
    let heading_id = title_id.clone();
    view! {
        <section id=step.id() class="step" aria-labelledby=title_id>
            <h2 id=heading_id>{step_title(step)}</h2>
            {children()}
        </section>
    }
}

/// Where the late templates are (`ui::load_templates`); "loaded" where no page provides them
/// (a component mounted alone, natively compiled templates).
pub(crate) fn late_templates() -> RwSignal<super::LateState> {
    use_context::<super::LateTemplates>()
        .map_or_else(|| RwSignal::new(super::LateState::Loaded), |late| late.0)
}

/// The `data-testid`s of a [`LateNotice`]: `{prefix}-loading`, `-load-failed` and `-retry`.
#[derive(Clone, Copy)]
pub(crate) struct LateIds {
    pub loading: &'static str,
    pub failed: &'static str,
    pub retry: &'static str,
}

/// The [`LateIds`] of a prefix, as string literals (no formatting at run time).
macro_rules! late_ids {
    ($prefix:literal) => {
        $crate::ui::widgets::LateIds {
            loading: concat!($prefix, "-loading"),
            failed: concat!($prefix, "-load-failed"),
            retry: concat!($prefix, "-retry"),
        }
    };
}
pub(crate) use late_ids;

/// While the late templates are on their way, or if they could not be fetched: what the page
/// says, and a button to try again.
#[component]
pub(crate) fn TemplatesState(late: RwSignal<super::LateState>, ids: LateIds) -> impl IntoView {
    view! {
        <LateNotice
            state=late
            loading=T::LateLoading
            failed=T::LateLoadFailed
            ids=ids
            retry=move || leptos::task::spawn_local(super::load_templates(late))
        />
    }
}

/// The one notice for everything that arrives after the first paint (the chunk of the later
/// steps, a late table): while it is on its way it says so, and if it could not be fetched it
/// says that, with a button to try again.
#[component]
pub(crate) fn LateNotice(
    state: RwSignal<super::LateState>,
    loading: T,
    failed: T,
    ids: LateIds,
    retry: impl Fn() + Copy + Send + Sync + 'static,
) -> impl IntoView {
    use super::LateState;
    move || match state.get() {
        LateState::Loaded => None,
        LateState::Loading => {
            Some(view! { {message!(Tone::Info, ids.loading; {tr(loading)})} }.into_any())
        }
        LateState::Failed => Some(
            view! {
                {message!(
                    Tone::Error, ids.failed; {tr(failed)}
                    " "
                    <button
                        type="button"
                        class="btn btn-small"
                        data-testid=ids.retry
                        on:click=move |_| retry()
                    >
                        {tr(T::LateRetry)}
                    </button>
                )}
            }
            .into_any(),
        ),
    }
}
