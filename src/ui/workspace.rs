//! The onboarding workspace's wiring: reading and keeping it in the browser's store, following
//! the open row (what the steps show is taken into it), and the actions of its list (open, add,
//! next environment, delete and undo, import). Its components are `workspace_list.rs`'s.

use leptos::prelude::*;

use super::browser::{self, StorageProblem};
use super::state::{AppState, WorkspaceNotice};
use crate::domain::checked::kid::Kid;
use crate::domain::onboarding::workspace::{
    AddError, KeyRef, Observation, RowId, RowValues, Thumbprint, Workspace,
};
use crate::domain::onboarding::workspace_file::{
    self, FileError, MAX_IMPORT_BYTES, MAX_STORED_BYTES,
};
use crate::i18n::workspace_messages as words;

/// Reads the stored workspace into the state. None stored: the single onboarding the steps
/// were filled with from the settings (a page from before the workspace) becomes its first row,
/// when it is complete. Unreadable: kept aside, untouched, and said (see
/// [`super::state::WorkspaceState`]).
pub fn load(state: AppState) {
    let ws = state.workspace;
    match browser::load_workspace() {
        Err(problem) => ws.storage_problem.set(Some(problem)),
        Ok(Some(text)) => {
            match workspace_file::from_json(&text, &Workspace::default(), MAX_STORED_BYTES) {
                Ok(read) => {
                    ws.rows.set(read.workspace);
                    ws.current.set(read.current);
                }
                Err(error) => ws.stored_refused.set(Some((text, error))),
            }
        }
        Ok(None) => {
            let Some(values) = current_values(state) else {
                return;
            };
            let ticks = state.ticks.get_untracked();
            let (workspace, id) = Workspace::migrated_from_single(values, &ticks);
            ws.rows.set(workspace);
            ws.current.set(Some(id));
            ws.migrated.set(true);
        }
    }
}

/// Keeps the workspace: the open row takes in what the steps show, and every change is stored
/// (not while a stored workspace that could not be read is kept aside).
pub fn keep(state: AppState) {
    let ws = state.workspace;
    Effect::new(move |_| {
        let Some(id) = ws.current.get() else {
            return;
        };
        let form = state.form.get();
        let client_id = state.signing.client_id.get();
        let ticks = state.ticks.get();
        let key = state.signing.key.with(|held| {
            let info = &held.as_ref()?.info;
            Some(KeyRef {
                thumbprint: Thumbprint::parse(info.thumbprint())?,
                kid: info.explicit_kid().and_then(Kid::parse),
            })
        });
        let report = state.report().get();
        let checked_at = state
            .check
            .submitted
            .with(|s| s.as_ref().map(|(_, at)| *at));
        let ping = report.as_ref().zip(checked_at);
        let seen = Observation {
            org_name: &form.org_name,
            org_code: &form.org_code,
            role: form.role,
            environment: form.environment,
            integrator: form.integrator,
            client_id: &client_id,
            ticks: &ticks,
            key: key.as_ref(),
            ping,
            now: browser::now_secs(),
        };
        let mut changed = false;
        ws.rows.maybe_update(|rows| {
            changed = rows.get_mut(id).is_some_and(|row| row.observe(&seen));
            changed
        });
        if changed {
            ws.undo.set(None);
        }
    });
    Effect::new(move |_| {
        // Nothing is written (or serialised) over a stored workspace kept aside; the effect
        // runs again once the user lets it go.
        if ws.stored_refused.with(Option::is_some) {
            return;
        }
        let json = ws
            .rows
            .with(|rows| workspace_file::to_json(rows, ws.current.get()));
        let result = browser::save_workspace(&json);
        ws.storage_problem.set(result.err());
    });
}

/// Fills the steps with a row's onboarding and makes it the open one. What belonged to the
/// previous onboarding (its ping answer, token and assertion) is let go.
pub fn open(state: AppState, id: RowId) {
    let Some(row) = state.workspace.rows.with_untracked(|w| w.get(id).cloned()) else {
        return;
    };
    state.check.submitted.set(None);
    state.check.text.set(String::new());
    state.connection.token.set(None);
    state.signing.assertion.set(None);
    state.form.org_name.set(row.org_name.as_str().to_string());
    state.form.org_code.set(row.org_code.display());
    state.form.role.set(row.role);
    state.form.environment.set(row.environment);
    state.form.integrator.set(row.integrator);
    state.signing.client_id.set(
        row.client_id
            .map(|c| c.as_str().to_string())
            .unwrap_or_default(),
    );
    state
        .ticks
        .set(crate::domain::onboarding::collect::set_by_insertion(
            row.ticks.keys().copied(),
        ));
    state.workspace.current.set(Some(id));
}

/// The onboarding the steps show, when its name and code pass their checks.
fn current_values(state: AppState) -> Option<RowValues> {
    state
        .signing
        .client_id
        .with_untracked(|client_id| RowValues::from_form(&state.form.get_untracked(), client_id))
}

/// Adds the onboarding the steps show (or opens its row, when it is there already).
pub fn add_current(state: AppState) {
    let ws = state.workspace;
    let Some(values) = current_values(state) else {
        ws.notice.set(Some(WorkspaceNotice::Invalid));
        return;
    };
    let name = words::onboarding_name(values.org_name.as_str(), values.environment);
    let mut added = None;
    ws.rows.maybe_update(|rows| {
        added = Some(rows.add(values, Some(browser::now_secs())));
        matches!(added, Some(Ok(_)))
    });
    match added {
        Some(Ok(id)) => {
            ws.undo.set(None);
            // The steps already show it: only the open row changes (the ticks it takes in are
            // dated now).
            ws.current.set(Some(id));
            ws.notice.set(Some(WorkspaceNotice::Added(name)));
        }
        Some(Err(AddError::Duplicate(id))) => {
            open(state, id);
            ws.notice.set(Some(WorkspaceNotice::Duplicate(name)));
        }
        _ => ws.notice.set(Some(WorkspaceNotice::Full)),
    }
}

/// Starts (or opens) the same organisation's onboarding in the next environment.
pub fn next_environment(state: AppState, from: RowId) {
    let ws = state.workspace;
    let mut result = None;
    ws.rows.maybe_update(|rows| {
        result = Some(rows.add_next_environment(from, browser::now_secs()));
        matches!(result, Some(Ok(_)))
    });
    let environment = |id| {
        ws.rows
            .with_untracked(|w: &Workspace| w.get(id).map(|r| r.environment))
    };
    match result {
        Some(Ok(id)) => {
            ws.undo.set(None);
            open(state, id);
            if let Some(env) = environment(id) {
                ws.notice.set(Some(WorkspaceNotice::NextStarted(env)));
            }
        }
        Some(Err(AddError::Duplicate(id))) => {
            open(state, id);
            if let Some(env) = environment(id) {
                ws.notice.set(Some(WorkspaceNotice::NextExists(env)));
            }
        }
        _ => ws.notice.set(Some(WorkspaceNotice::Full)),
    }
}

/// Deletes a row (the user confirmed), keeping it for an undo until the next change.
pub fn delete(state: AppState, id: RowId) {
    let ws = state.workspace;
    let mut removed = None;
    ws.rows.maybe_update(|rows| {
        removed = rows.remove(id);
        removed.is_some()
    });
    if let Some((index, row)) = removed {
        if ws.current.get_untracked() == Some(id) {
            ws.current.set(None);
        }
        let name = words::row_name(&row);
        ws.undo.set(Some((index, row)));
        ws.notice.set(Some(WorkspaceNotice::Deleted(name)));
    }
}

/// Puts the deleted row back.
pub fn undo(state: AppState) {
    let ws = state.workspace;
    let Some((index, row)) = ws.undo.get_untracked() else {
        return;
    };
    let name = words::row_name(&row);
    let mut restored = false;
    ws.rows.maybe_update(|rows| {
        restored = rows.restore(index, row);
        restored
    });
    ws.undo.set(None);
    if restored {
        ws.notice.set(Some(WorkspaceNotice::Undone(name)));
    }
}

/// Imports a picked file: the workspace's JSON or a CSV file of organisations, all or nothing.
pub async fn import(state: AppState, file: web_sys::File) {
    let ws = state.workspace;
    let name = file.name();
    let size = file.size() as usize;
    // A workspace's own export may be as large as the store holds, so every export imports
    // again; a CSV file is capped at MAX_IMPORT_BYTES.
    let max = if is_json_name(&name) {
        MAX_STORED_BYTES
    } else {
        MAX_IMPORT_BYTES
    };
    let outcome = if size > max {
        Err(FileError::TooLarge { bytes: size, max })
    } else {
        match browser::read_file(&file).await {
            Ok(bytes) => read_import(&name, &bytes, &ws.rows.get_untracked()),
            Err(_) => Err(FileError::NotUtf8),
        }
    };
    match outcome {
        Ok(rows) => {
            let count = rows.len();
            ws.rows.update(|all| {
                all.append(rows);
            });
            ws.undo.set(None);
            ws.notice
                .set(Some(WorkspaceNotice::Imported { file: name, count }));
        }
        Err(error) => ws
            .notice
            .set(Some(WorkspaceNotice::ImportRefused { file: name, error })),
    }
}

/// The rows a file adds, checked against the workspace: JSON (by its name or its first
/// character) or CSV.
fn read_import(
    name: &str,
    bytes: &[u8],
    existing: &Workspace,
) -> Result<Vec<crate::domain::onboarding::workspace::Onboarding>, FileError> {
    let first = bytes
        .iter()
        .copied()
        .find(|b| !(b.is_ascii_whitespace() || matches!(b, 0xef | 0xbb | 0xbf)));
    if is_json_name(name) || first == Some(b'{') {
        let text = std::str::from_utf8(bytes).map_err(|_| FileError::NotUtf8)?;
        let read = workspace_file::from_json(text, existing, MAX_STORED_BYTES)?;
        return Ok(read.workspace.rows().to_vec());
    }
    let values = workspace_file::read_csv(bytes, existing)?;
    let now = Some(browser::now_secs());
    Ok(values
        .into_iter()
        .map(|v| crate::domain::onboarding::workspace::Onboarding::new(RowId(0), v, now))
        .collect())
}

fn is_json_name(name: &str) -> bool {
    name.to_ascii_lowercase().ends_with(".json")
}

/// Whether the store took the workspace, for the page to say when it did not.
pub fn storage_problem_text(lang: crate::i18n::Lang, problem: StorageProblem) -> &'static str {
    use crate::i18n::{t, T};
    match problem {
        StorageProblem::Full => t(lang, T::WorkspaceStorageFull),
        StorageProblem::Unavailable => t(lang, T::WorkspaceStorageUnavailable),
    }
}
