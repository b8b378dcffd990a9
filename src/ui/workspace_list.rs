//! The workspace on the page: the list of onboardings with their progress, the open one, the
//! toolbar (add, import, exports, report) and what the last action came to. The actions are
//! `workspace.rs`'s.

use leptos::prelude::*;

use super::state::{AppState, Signing, WorkspaceNotice, WorkspaceState};
use super::widgets::{
    message, message_block, tr, tr_signal, use_lang, DownloadButton, FileButton, TextField, Tone,
};
use super::workspace;
use crate::domain::checked::time;
use crate::domain::facts::environment::{Environment, Role};
use crate::domain::onboarding::workspace::{
    key_match, next_environment, Milestone, Onboarding, Reached, RowId, Status,
};
use crate::domain::onboarding::workspace_file::{self, env_id, FileError};
use crate::i18n::workspace_messages as words;
use crate::i18n::{msg, t, Lang, T};

/// What a row of the list shows; the list is keyed by it, so only changed rows re-render.
#[derive(Clone, PartialEq, Eq, Hash)]
struct RowView {
    id: RowId,
    org: String,
    code: String,
    canonical: String,
    role: Role,
    environment: Environment,
    client_id: Option<String>,
    status: Status,
    status_reached: Reached,
    milestones: [(Milestone, Reached); 6],
    next: Option<Environment>,
}

impl RowView {
    fn of(row: &Onboarding) -> RowView {
        let status = row.status();
        let milestones = row.milestones();
        let status_reached = milestones
            .into_iter()
            .find(|(m, _)| *m == status.milestone())
            .and_then(|(_, reached)| reached);
        RowView {
            id: row.id,
            org: row.org_name.as_str().to_string(),
            code: row.org_code.display(),
            canonical: row.org_code.canonical().to_string(),
            role: row.role,
            environment: row.environment,
            client_id: row.client_id.as_ref().map(|c| c.as_str().to_string()),
            status,
            status_reached,
            milestones,
            next: next_environment(row.environment),
        }
    }
}

/// A milestone's date as the list shows it.
fn date_text(lang: Lang, reached: Reached) -> String {
    match reached {
        Some(Some(at)) => time::format_date(at),
        Some(None) => t(lang, T::WorkspaceDateUnknown).to_string(),
        None => String::new(),
    }
}

/// The open onboarding, in view in the page's header once the workspace holds a row.
#[component]
pub fn CurrentOnboarding(workspace: WorkspaceState) -> impl IntoView {
    let lang = use_lang();
    let text = move || {
        let current = workspace.current.get();
        workspace.rows.with(|rows| {
            words::current(
                lang.get(),
                current.and_then(|id| rows.get(id)),
                !rows.rows().is_empty(),
            )
        })
    };
    move || {
        text().map(|text| {
            view! {
                <p class="workspace-current" data-testid="workspace-current">
                    <a href="#werkruimte">{text}</a>
                </p>
            }
        })
    }
}

/// The workspace's section, before the steps.
#[component]
pub fn WorkspaceSection(state: AppState) -> impl IntoView {
    // Until it holds a row the workspace is one line (title, add, import) above step 1; what
    // only a list needs (the intro, exports, filter, table) is drawn once there is one.
    let empty = Signal::derive(move || state.workspace.rows.with(|rows| rows.rows().is_empty()));
    view! {
        <section
            id="werkruimte"
            class="step workspace"
            class:workspace-empty=empty
            aria-labelledby="werkruimte-title"
            data-testid="workspace"
            data-empty=move || empty.get().to_string()
        >
            <h2 id="werkruimte-title">{tr(T::WorkspaceTitle)}</h2>
            <p class="workspace-detail">{tr(T::WorkspaceIntro)}</p>
            <p class="hint workspace-detail">{tr(T::WorkspaceProgressHint)}</p>
            <StoreNotices workspace=state.workspace />
            <Toolbar state=state empty=empty />
            <LastAction state=state />
            <RowList state=state />
        </section>
    }
}

/// The store's troubles: unavailable or full, a stored workspace not read, a migration.
#[component]
fn StoreNotices(workspace: WorkspaceState) -> impl IntoView {
    let lang = use_lang();
    let problem = move || {
        workspace.storage_problem.get().map(|problem| {
            let text = move || workspace::storage_problem_text(lang.get(), problem).to_string();
            view! { {message!(Tone::Error, "workspace-storage-problem"; {text})} }
        })
    };
    let refused = move || {
        workspace.stored_refused.get().map(|(stored, error)| {
            let text = move || words::stored_refused(lang.get(), &error);
            let content = Callback::new(move |()| stored.clone());
            view! {
                {message!(Tone::Warning, "workspace-stored-refused"; {text})}
                <DownloadButton
                    label=tr_signal(T::WorkspaceStoredDownload)
                    file_name="dao-onboard-werkruimte-bewaard.json".to_string()
                    mime="application/json"
                    content=content
                    testid="workspace-stored-download"
                />
                <button
                    type="button"
                    class="btn btn-small btn-secondary"
                    data-testid="workspace-stored-replace"
                    on:click=move |_| workspace.stored_refused.set(None)
                >
                    {tr(T::WorkspaceStoredReplace)}
                </button>
            }
        })
    };
    let migrated = move || {
        workspace.migrated.get().then(|| {
            view! { {message!(Tone::Info, "workspace-migrated"; {tr(T::WorkspaceMigrated)})} }
        })
    };
    view! {
        {problem}
        {refused}
        {migrated}
    }
}

/// Add, import, the exports, the report and the filter.
#[component]
fn Toolbar(state: AppState, empty: Signal<bool>) -> impl IntoView {
    let lang = use_lang();
    let ws = state.workspace;
    let json = Callback::new(move |()| {
        ws.rows
            .with_untracked(|rows| workspace_file::to_json(rows, ws.current.get_untracked()))
    });
    // Every cell is a string, which CSV and Markdown always encode: rendering cannot fail.
    let csv = Callback::new(move |()| {
        ws.rows
            .with_untracked(|rows| workspace_file::to_csv(rows).unwrap_or_default())
    });
    let report = Callback::new(move |()| {
        ws.rows
            .with_untracked(|rows| words::report(lang.get_untracked(), rows).unwrap_or_default())
    });
    let on_file = Callback::new(move |file| {
        leptos::task::spawn_local(workspace::import(state, file));
    });
    view! {
        <div class="button-row">
            <button
                type="button"
                class="btn"
                data-testid="workspace-add"
                on:click=move |_| workspace::add_current(state)
            >
                {tr(T::WorkspaceAdd)}
            </button>
            <FileButton
                label=T::WorkspaceImportLabel
                testid="workspace-import"
                accept=".csv,.json,text/csv,application/json"
                on_file=on_file
            />
            <span class="workspace-detail button-group">
                <DownloadButton
                    label=tr_signal(T::WorkspaceExportJson)
                    file_name="dao-onboard-werkruimte.json".to_string()
                    mime="application/json"
                    content=json
                    testid="workspace-export-json"
                    disabled=empty
                />
                <DownloadButton
                    label=tr_signal(T::WorkspaceExportCsv)
                    file_name="dao-onboard-werkruimte.csv".to_string()
                    mime="text/csv"
                    content=csv
                    testid="workspace-export-csv"
                    disabled=empty
                />
                <DownloadButton
                    label=tr_signal(T::WorkspaceReport)
                    file_name="dao-onboard-voortgang.md".to_string()
                    mime="text/markdown"
                    content=report
                    testid="workspace-report"
                    disabled=empty
                />
            </span>
            <span class="hint workspace-empty-line" data-testid="workspace-empty-line">
                {tr(T::WorkspaceEmptyLine)}
            </span>
        </div>
        <p class="hint workspace-detail">{tr(T::WorkspaceImportHelp)}</p>
        <div class="workspace-detail">
            <TextField id="workspace-filter" label=T::WorkspaceFilterLabel value=ws.filter />
        </div>
    }
}

/// What the last action came to, with the undo of a deletion and the refused lines of an import.
#[component]
fn LastAction(state: AppState) -> impl IntoView {
    let lang = use_lang();
    let ws = state.workspace;
    let notice = move || {
        let notice = ws.notice.get()?;
        let lang = lang.get();
        let text = match &notice {
            WorkspaceNotice::Added(org) => msg::WorkspaceAdded { org }.text(lang),
            WorkspaceNotice::Duplicate(org) => msg::WorkspaceAddDuplicate { org }.text(lang),
            WorkspaceNotice::Full => msg::WorkspaceAddFull {
                max: &crate::domain::onboarding::workspace::MAX_WORKSPACE_ROWS,
            }
            .text(lang),
            WorkspaceNotice::Invalid => t(lang, T::WorkspaceAddInvalid).to_string(),
            WorkspaceNotice::NextStarted(e) => {
                msg::WorkspaceNextEnvStarted { env: &env_id(*e) }.text(lang)
            }
            WorkspaceNotice::NextExists(e) => {
                msg::WorkspaceNextEnvExists { env: &env_id(*e) }.text(lang)
            }
            WorkspaceNotice::Deleted(org) => msg::WorkspaceDeleted { org }.text(lang),
            WorkspaceNotice::Undone(org) => msg::WorkspaceUndone { org }.text(lang),
            WorkspaceNotice::Imported { file, count } => {
                msg::WorkspaceImportAdded { count, file }.text(lang)
            }
            WorkspaceNotice::ImportRefused { file, error } => words::file_error(lang, file, error),
        };
        let tone = match &notice {
            WorkspaceNotice::Added(_)
            | WorkspaceNotice::NextStarted(_)
            | WorkspaceNotice::Undone(_)
            | WorkspaceNotice::Imported { .. } => Tone::Ok,
            WorkspaceNotice::Duplicate(_)
            | WorkspaceNotice::NextExists(_)
            | WorkspaceNotice::Deleted(_) => Tone::Info,
            WorkspaceNotice::Full
            | WorkspaceNotice::Invalid
            | WorkspaceNotice::ImportRefused { .. } => Tone::Error,
        };
        // An import's outcome has its own handle; every other action's message shares one.
        let (testid, outcome) = match &notice {
            WorkspaceNotice::Imported { .. } => ("workspace-import-result", "added"),
            WorkspaceNotice::ImportRefused { .. } => ("workspace-import-result", "refused"),
            _ => ("workspace-message", ""),
        };
        let lines = match &notice {
            WorkspaceNotice::ImportRefused {
                error: FileError::Lines(lines),
                ..
            } => words::listed_refusals(lang, lines),
            _ => Vec::new(),
        };
        Some(view! {
            {message_block!(
                tone, testid, [data-outcome=outcome]; <p>{text}</p>
                <ul class="refused-lines">
                    {lines.into_iter().map(|line| view! { <li>{line}</li> }).collect_view()}
                </ul>
            )}
        })
    };
    let undo = move || {
        ws.undo.with(Option::is_some).then(|| {
            view! {
                <button
                    type="button"
                    class="btn btn-small"
                    data-testid="workspace-undo"
                    on:click=move |_| workspace::undo(state)
                >
                    {tr(T::WorkspaceUndo)}
                </button>
            }
        })
    };
    view! {
        {notice}
        {undo}
    }
}

/// Rows rendered at once: a row costs about a millisecond to render, so a thousand would make
/// opening and filtering visibly slow; the filter narrows, "more" shows the next ones.
const ROWS_PER_PAGE: usize = 50;

/// The list of onboardings, filtered, [`ROWS_PER_PAGE`] at a time.
#[component]
fn RowList(state: AppState) -> impl IntoView {
    let lang = use_lang();
    let ws = state.workspace;
    let limit = RwSignal::new(ROWS_PER_PAGE);
    // A new filter starts from the first page.
    Effect::new(move |_| {
        ws.filter.track();
        limit.set(ROWS_PER_PAGE);
    });
    let matching = Memo::new(move |_| {
        ws.filter.with(|filter| {
            ws.rows.with(|rows| {
                rows.rows()
                    .iter()
                    .filter(|row| row.matches(filter))
                    .map(|row| row.id)
                    .collect::<Vec<_>>()
            })
        })
    });
    let views = Memo::new(move |_| {
        let shown = limit.get();
        matching.with(|ids| {
            ws.rows.with(|rows| {
                ids.iter()
                    .take(shown)
                    .filter_map(|id| rows.get(*id))
                    .map(RowView::of)
                    .collect::<Vec<_>>()
            })
        })
    });
    let count = move || {
        let total = ws.rows.with(|rows| rows.rows().len());
        if total == 0 {
            return t(lang.get(), T::WorkspaceEmpty).to_string();
        }
        msg::WorkspaceCount {
            shown: &views.with(Vec::len),
            matching: &matching.with(Vec::len),
            total: &total,
        }
        .text(lang.get())
    };
    let more = move || {
        (matching.with(Vec::len) > limit.get()).then(|| {
            view! {
                <button
                    type="button"
                    class="btn btn-small btn-secondary"
                    data-testid="workspace-more"
                    on:click=move |_| limit.update(|l| *l += ROWS_PER_PAGE)
                >
                    {tr(T::WorkspaceMore)}
                </button>
            }
        })
    };
    view! {
        <p data-testid="workspace-count" role="status" class="workspace-detail">
            {count}
        </p>
        <div class="table-wrap workspace-list workspace-detail">
            <table class="workspace-table">
                <thead>
                    <tr>
                        <th scope="col">{tr(T::WorkspaceColOrganisation)}</th>
                        <th scope="col">{tr(T::WorkspaceColRole)}</th>
                        <th scope="col">{tr(T::WorkspaceColClient)}</th>
                        <th scope="col">{tr(T::WorkspaceColStatus)}</th>
                        <th scope="col">{tr(T::WorkspaceColActions)}</th>
                    </tr>
                </thead>
                <tbody>
                    <For
                        each=move || views.get()
                        key=RowView::clone
                        children=move |row| view! { <Row row=row state=state /> }
                    />
                </tbody>
            </table>
        </div>
        {more}
    }
}

/// One onboarding: its values, progress and actions.
#[component]
fn Row(row: RowView, state: AppState) -> impl IntoView {
    let lang = use_lang();
    let id = row.id;
    let current = state.workspace.current;
    let is_current = Memo::new(move |_| current.get() == Some(id));
    let (status, reached) = (row.status, row.status_reached);
    let progress = move || {
        let date = date_text(lang.get(), reached);
        let name = words::status(lang.get(), status);
        if date.is_empty() {
            name.to_string()
        } else {
            format!("{name} ({date})")
        }
    };
    let client = row.client_id.clone();
    let milestones = row.milestones;
    let (canonical, org, code, role, environment) = (
        row.canonical.clone(),
        row.org.clone(),
        row.code.clone(),
        row.role,
        row.environment,
    );
    let client_text = move || {
        client
            .clone()
            .unwrap_or_else(|| t(lang.get(), T::WorkspaceNoClientId).to_string())
    };
    // The column's name beside each cell where the phone layout stacks a row's cells.
    let label = move |key: T| move || t(lang.get(), key);
    view! {
        <tr
            data-testid="workspace-row"
            data-org-code=canonical
            data-env=env_id(environment)
            data-role=role.code()
            data-status=status.id()
            data-current=move || is_current.get().to_string()
            class:current=move || is_current.get()
        >
            // The organisation with its code, and role with environment, share a column each,
            // one a line: the table fits 60rem (the page's width at 1,280 px).
            <td data-label=label(T::WorkspaceColOrganisation)>
                <span class="org">{org}</span>
                " "
                <span class="code mono">{code}</span>
            </td>
            <td data-label=label(T::WorkspaceColRole)>
                <span class="role">{role.code()}</span>
                " "
                <span class="env">{env_id(environment)}</span>
            </td>
            <td class="mono client-id" data-label=label(T::WorkspaceColClient)>
                {client_text}
            </td>
            <td data-label=label(T::WorkspaceColStatus)>
                <details class="progress">
                    <summary data-testid="workspace-progress">{progress}</summary>
                    <Milestones milestones=milestones />
                </details>
            </td>
            <td class="actions" data-label=label(T::WorkspaceColActions)>
                <RowActions row=row state=state is_current=is_current />
            </td>
        </tr>
    }
}

/// Each step of a row's progress with its date, or "not yet".
#[component]
fn Milestones(milestones: [(Milestone, Reached); 6]) -> impl IntoView {
    let lang = use_lang();
    view! {
        <ul class="milestones">
            {milestones
                .into_iter()
                .map(|(milestone, reached)| {
                    let text = move || {
                        let date = match reached {
                            None => t(lang.get(), T::WorkspaceNotYet).to_string(),
                            reached => date_text(lang.get(), reached),
                        };
                        format!("{}: {date}", words::milestone(lang.get(), milestone))
                    };
                    view! {
                        <li
                            data-milestone=milestone.id()
                            data-reached=reached.is_some().to_string()
                        >
                            {text}
                        </li>
                    }
                })
                .collect_view()}
        </ul>
    }
}

/// A row's buttons: open, next environment, delete (after a confirmation).
#[component]
fn RowActions(row: RowView, state: AppState, is_current: Memo<bool>) -> impl IntoView {
    let lang = use_lang();
    let id = row.id;
    let confirming = RwSignal::new(false);
    let name = words::onboarding_name(&row.org, row.environment);
    let next = row.next.map(|env| {
        let label = move || msg::WorkspaceNextEnv { env: &env_id(env) }.text(lang.get());
        view! {
            <button
                type="button"
                class="btn btn-small btn-secondary"
                data-testid="workspace-next-env"
                on:click=move |_| workspace::next_environment(state, id)
            >
                {label}
            </button>
        }
    });
    let confirm_text = move || msg::WorkspaceDeleteConfirm { org: &name }.text(lang.get());
    view! {
        <div class="row-actions">
            <button
                type="button"
                class="btn btn-small"
                data-testid="workspace-open"
                disabled=move || is_current.get()
                on:click=move |_| workspace::open(state, id)
            >
                {move || {
                    if is_current.get() { tr(T::WorkspaceIsOpen)() } else { tr(T::WorkspaceOpen)() }
                }}
            </button>
            {next}
            <Show
                when=move || confirming.get()
                fallback=move || {
                    view! {
                        <button
                            type="button"
                            class="btn btn-small btn-secondary"
                            data-testid="workspace-delete"
                            on:click=move |_| confirming.set(true)
                        >
                            {tr(T::WorkspaceDelete)}
                        </button>
                    }
                }
            >
                <span role="alert">{confirm_text.clone()}</span>
                <button
                    type="button"
                    class="btn btn-small btn-danger"
                    data-testid="workspace-delete-confirm"
                    on:click=move |_| workspace::delete(state, id)
                >
                    {tr(T::WorkspaceDeleteYes)}
                </button>
                <button
                    type="button"
                    class="btn btn-small btn-secondary"
                    data-testid="workspace-delete-cancel"
                    on:click=move |_| confirming.set(false)
                >
                    {tr(T::WorkspaceDeleteNo)}
                </button>
            </Show>
        </div>
    }
}

/// Which onboarding registered the loaded key, and a warning when it is not the open one (in
/// step 2, under the key).
#[component]
pub fn KeyOwner(signing: Signing) -> impl IntoView {
    let lang = use_lang();
    let workspace = use_context::<WorkspaceState>();
    move || {
        let ws = workspace?;
        let thumbprint = signing
            .key
            .with(|held| held.as_ref().map(|h| h.info.thumbprint().to_string()));
        let (text, warns) = ws.rows.with(|rows| {
            let matched = key_match(rows, ws.current.get(), thumbprint.as_deref());
            words::key_match(lang.get(), &matched, rows)
        })?;
        let tone = if warns { Tone::Warning } else { Tone::Info };
        Some(view! { {message!(tone, "workspace-key-match"; {text})} })
    }
}
