//! The workspace's words: statuses, milestones, import refusals, the key's owner and the
//! progress report. Like `messages/`, it chooses the message for each case and fills in its
//! values; the words are in `locales/<lang>.ftl`.

use crate::domain::facts::environment::Environment;
use crate::domain::onboarding::workspace::{
    KeyMatch, Milestone, Onboarding, RowId, Status, Workspace,
};
use crate::domain::onboarding::workspace_file::{
    self, env_id, FileError, LineProblem, LineRefusal, MAX_LISTED_REFUSALS,
};
use crate::domain::templates::engine::TemplateError;

use super::messages::{
    check_name_by_id, client_id_error, org_code_error, org_name_error, status_text,
};
use super::{msg, t, Lang, T};

pub fn status(lang: Lang, status: Status) -> &'static str {
    t(
        lang,
        match status {
            Status::New => T::WorkspaceStatusNew,
            Status::Requested => T::WorkspaceStatusRequested,
            Status::Mailed => T::WorkspaceStatusMailed,
            Status::Approved => T::WorkspaceStatusApproved,
            Status::Connected => T::WorkspaceStatusConnected,
        },
    )
}

pub fn milestone(lang: Lang, milestone: Milestone) -> &'static str {
    t(
        lang,
        match milestone {
            Milestone::Composed => T::WorkspaceMilestoneComposed,
            Milestone::KeyRegistered => T::WorkspaceMilestoneKeyRegistered,
            Milestone::Requested => T::WorkspaceMilestoneRequested,
            Milestone::Mailed => T::WorkspaceMilestoneMailed,
            Milestone::Approved => T::WorkspaceMilestoneApproved,
            Milestone::Connected => T::WorkspaceMilestoneConnected,
        },
    )
}

/// A row as people name it: "Stad Gent (acc)".
pub fn row_name(row: &Onboarding) -> String {
    onboarding_name(row.org_name.as_str(), row.environment)
}

/// An organisation in an environment as people name it: "Stad Gent (acc)".
pub fn onboarding_name(org: &str, environment: Environment) -> String {
    format!("{org} ({})", env_id(environment))
}

/// The open row, for the line in the page's header. With an empty workspace there is nothing
/// to say (a first visit would be greeted by noise): `None`.
pub fn current(lang: Lang, row: Option<&Onboarding>, workspace_has_rows: bool) -> Option<String> {
    match row {
        None if !workspace_has_rows => None,
        None => Some(t(lang, T::WorkspaceCurrentNone).to_string()),
        Some(row) => Some(
            msg::WorkspaceCurrent {
                org: &row.org_name.as_str(),
                code: &row.org_code.display(),
                role: &row.role.code(),
                env: &env_id(row.environment),
            }
            .text(lang),
        ),
    }
}

/// Why a file was not imported (for `Lines`, the summary; each line is [`line`]).
pub fn file_error(lang: Lang, file: &str, err: &FileError) -> String {
    if let FileError::Lines(lines) = err {
        return msg::WorkspaceImportRefusedLines {
            file: &file,
            count: &lines.len(),
        }
        .text(lang);
    }
    msg::WorkspaceImportRefused {
        file: &file,
        reason: &reason(lang, err),
    }
    .text(lang)
}

/// Why the stored workspace was not read.
pub fn stored_refused(lang: Lang, err: &FileError) -> String {
    msg::WorkspaceStoredRefused {
        reason: &reason(lang, err),
    }
    .text(lang)
}

/// The refused lines as the page lists them: the first [`MAX_LISTED_REFUSALS`] one by one,
/// then one line that counts the rest.
pub fn listed_refusals(lang: Lang, lines: &[LineRefusal]) -> Vec<String> {
    let mut listed: Vec<String> = lines
        .iter()
        .take(MAX_LISTED_REFUSALS)
        .map(|refusal| line(lang, refusal))
        .collect();
    let rest = lines.len().saturating_sub(MAX_LISTED_REFUSALS);
    if rest > 0 {
        listed.push(msg::WorkspaceRefusalsNotListed { count: &rest }.text(lang));
    }
    listed
}

fn reason(lang: Lang, err: &FileError) -> String {
    match err {
        FileError::Lines(lines) => listed_refusals(lang, lines).join(" "),
        FileError::Empty => t(lang, T::WorkspaceFileEmpty).to_string(),
        FileError::TooLarge { bytes, max } => msg::WorkspaceFileTooLarge {
            bytes: &bytes,
            max: &max,
        }
        .text(lang),
        FileError::TooManyRows { rows, max } => msg::WorkspaceFileTooManyRows {
            rows: &rows,
            max: &max,
        }
        .text(lang),
        FileError::NotUtf8 => t(lang, T::WorkspaceFileNotUtf8).to_string(),
        FileError::NotJson { line, column } => msg::WorkspaceFileNotJson {
            line: &line,
            column: &column,
        }
        .text(lang),
        FileError::NotAWorkspace => t(lang, T::WorkspaceFileNotAWorkspace).to_string(),
        FileError::NewerVersion { version } => {
            msg::WorkspaceFileNewerVersion { version: &version }.text(lang)
        }
        FileError::MissingColumn { name } => {
            msg::WorkspaceFileMissingColumn { name: &name }.text(lang)
        }
        FileError::DuplicateColumn { name } => {
            msg::WorkspaceFileDuplicateColumn { name: &name }.text(lang)
        }
        FileError::WorkspaceFull { rows, max } => msg::WorkspaceFileWorkspaceFull {
            rows: &rows,
            max: &max,
        }
        .text(lang),
    }
}

/// One refused line: "Regel 3: ...".
pub fn line(lang: Lang, refusal: &LineRefusal) -> String {
    let reason = match &refusal.problem {
        LineProblem::Missing { column } => msg::WorkspaceLineMissing { column }.text(lang),
        LineProblem::TooManyColumns => t(lang, T::WorkspaceLineTooManyColumns).to_string(),
        LineProblem::OrgName(err) => org_name_error(lang, err),
        LineProblem::OrgCode(err) => org_code_error(lang, err),
        LineProblem::UnknownRole { found: Some(found) } => {
            msg::WorkspaceLineUnknownRole { found }.text(lang)
        }
        LineProblem::UnknownRole { found: None } => {
            t(lang, T::WorkspaceLineUnknownRoleUnshown).to_string()
        }
        LineProblem::UnknownEnvironment { found: Some(found) } => {
            msg::WorkspaceLineUnknownEnvironment { found }.text(lang)
        }
        LineProblem::UnknownEnvironment { found: None } => {
            t(lang, T::WorkspaceLineUnknownEnvironmentUnshown).to_string()
        }
        LineProblem::ClientId(err) => client_id_error(lang, err),
        LineProblem::DuplicateInFile { first_line } => {
            msg::WorkspaceLineDuplicateInFile { first: first_line }.text(lang)
        }
        LineProblem::DuplicateOfRow => t(lang, T::WorkspaceLineDuplicateOfRow).to_string(),
        LineProblem::BadMember { member } => msg::WorkspaceLineBadMember { member }.text(lang),
        LineProblem::KeyMaterial { column } => msg::WorkspaceLineKeyMaterial { column }.text(lang),
    };
    msg::WorkspaceImportLine {
        line: &refusal.line,
        reason: &reason,
    }
    .text(lang)
}

/// What the page says about the loaded key and the open row: the text and whether it warns.
pub fn key_match(lang: Lang, matched: &KeyMatch, workspace: &Workspace) -> Option<(String, bool)> {
    let names = |ids: &[RowId]| {
        ids.iter()
            .filter_map(|id| workspace.get(*id))
            .map(row_name)
            .collect::<Vec<_>>()
            .join(", ")
    };
    match matched {
        KeyMatch::Nothing => None,
        KeyMatch::ThisOnboarding => Some((t(lang, T::WorkspaceKeyThis).to_string(), false)),
        KeyMatch::OtherOnboarding(ids) => Some((
            msg::WorkspaceKeyOther { rows: &names(ids) }.text(lang),
            true,
        )),
        KeyMatch::OpenRowHasAnotherKey(thumbprint) => Some((
            msg::WorkspaceKeyOpenHasOther {
                thumbprint: &thumbprint.as_str(),
            }
            .text(lang),
            true,
        )),
        KeyMatch::RegisteredFor(ids) => Some((
            msg::WorkspaceKeyRegisteredFor { rows: &names(ids) }.text(lang),
            false,
        )),
    }
}

/// The progress report in Markdown, in `lang`.
pub fn report(lang: Lang, workspace: &Workspace) -> Result<String, TemplateError> {
    let heading = |row: &Onboarding| {
        msg::WorkspaceReportHeading {
            org: &row.org_name.as_str(),
            code: &row.org_code.display(),
            role: &row.role.code(),
            env: &env_id(row.environment),
        }
        .text(lang)
    };
    let status_name = |s: Status| status(lang, s).to_string();
    let milestone_name = |m: Milestone| milestone(lang, m).to_string();
    let check = |id: &str| check_name_by_id(lang, id);
    let check_status = |s| status_text(lang, s).to_string();
    let words = workspace_file::ReportWords {
        title: t(lang, T::WorkspaceReportTitle),
        heading: &heading,
        status: &status_name,
        milestone: &milestone_name,
        labels: [
            t(lang, T::WorkspaceReportStatus),
            t(lang, T::WorkspaceReportClient),
            t(lang, T::WorkspaceReportKey),
            t(lang, T::WorkspaceReportProof),
            t(lang, T::WorkspaceDateUnknown),
            t(lang, T::WorkspaceNotYet),
        ],
        proof_columns: [
            t(lang, T::WorkspaceReportColCheck),
            t(lang, T::WorkspaceReportColResult),
            t(lang, T::WorkspaceReportColFound),
            t(lang, T::WorkspaceReportColDate),
        ],
        check: &check,
        check_status: &check_status,
    };
    workspace_file::report_markdown(workspace, &words)
}
