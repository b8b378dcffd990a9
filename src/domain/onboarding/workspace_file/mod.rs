//! The workspace's files: its own JSON (stored in the browser, exported, imported; versioned),
//! a CSV file of organisations to import, the CSV export for a spreadsheet and the Markdown
//! progress report. Every reader is all or nothing: a file with one bad line adds nothing and
//! says which lines and why.
//!
//! No message repeats a file's text beyond a short plain word (an unknown role), so a key pasted
//! into the wrong file is never echoed.

use std::collections::{BTreeMap, BTreeSet};

use serde_json::{Map, Value};

use crate::domain::checked::client_id::{ClientId, ClientIdError};
use crate::domain::checked::json::{self, JsonError};
use crate::domain::checked::kid::Kid;
use crate::domain::checked::organisation::{OrgCodeError, OrgNameError};
use crate::domain::checked::time;
use crate::domain::facts::environment::Environment;
use crate::domain::onboarding::checklist::ChecklistItem;
use crate::domain::onboarding::ping::CheckStatus;
use crate::domain::onboarding::workspace::{
    Connected, KeyRef, Onboarding, ProofRow, RowId, RowValues, Thumbprint, When, Workspace,
    MAX_WORKSPACE_ROWS,
};

mod csv;
mod report;

pub use csv::{read_csv, to_csv};
use csv::{row_values, Duplicates};
pub use report::{report_markdown, ReportWords};

/// The `format` member of the workspace's JSON.
pub const FORMAT: &str = "dao-onboard.workspace";
/// The version this page writes; it reads this one and every older one.
pub const VERSION: u64 = 1;
/// Largest file imported (CSV or JSON), checked before parsing.
pub const MAX_IMPORT_BYTES: usize = 1024 * 1024;
/// Most rows one file may add, counted before parsing.
pub const MAX_IMPORT_ROWS: usize = 1000;
/// The refused lines a page lists one by one; the rest are counted (a file of a thousand bad
/// lines must not bury the answer).
pub const MAX_LISTED_REFUSALS: usize = 50;
/// Largest stored workspace read (the browser's store holds about 5 MB per page).
pub const MAX_STORED_BYTES: usize = 5 * 1024 * 1024;
/// Most columns a CSV line may have.
const MAX_COLUMNS: usize = 64;
/// Longest value a message repeats (an unknown role or environment), and only plain words.
const MAX_ECHOED_CHARS: usize = 24;

/// Why a file was not imported (or a stored workspace not read). Nothing was changed.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum FileError {
    /// Nothing in the file.
    Empty,
    /// Larger than [`MAX_IMPORT_BYTES`].
    TooLarge {
        /// The file's size.
        bytes: usize,
        /// The largest read.
        max: usize,
    },
    /// More rows than [`MAX_IMPORT_ROWS`].
    TooManyRows {
        /// The rows counted.
        rows: usize,
        /// The most read.
        max: usize,
    },
    /// Not UTF-8 text.
    NotUtf8,
    /// Not JSON; where it stops being JSON.
    NotJson {
        /// The line, from 1.
        line: usize,
        /// The column, from 1.
        column: usize,
    },
    /// JSON, but not a workspace (no `format` of [`FORMAT`]).
    NotAWorkspace,
    /// A workspace written by a newer version of the page.
    NewerVersion {
        /// Its version.
        version: u64,
    },
    /// The CSV's header row lacks a column.
    MissingColumn {
        /// The column's name.
        name: &'static str,
    },
    /// The CSV's header row names a column twice.
    DuplicateColumn {
        /// The column's name.
        name: &'static str,
    },
    /// The rows would make the workspace larger than it holds.
    WorkspaceFull {
        /// Rows the workspace would have.
        rows: usize,
        /// The most it holds.
        max: usize,
    },
    /// Lines (or rows of a JSON file) that were refused, each with its reason.
    Lines(Vec<LineRefusal>),
}

/// A refused line: its number in the file (for JSON: the row's number in `rows`, from 1).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LineRefusal {
    /// The line, from 1.
    pub line: usize,
    /// Why.
    pub problem: LineProblem,
}

/// Why a line was refused.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum LineProblem {
    /// A required value is empty or missing.
    Missing {
        /// The column.
        column: &'static str,
    },
    /// More columns than a line may have.
    TooManyColumns,
    /// The organisation's name.
    OrgName(OrgNameError),
    /// The organisation's code (an invalid KBO check digit, an establishment unit, ...).
    OrgCode(OrgCodeError),
    /// Not a role the page knows; the value when it is a short plain word.
    UnknownRole {
        /// What the line holds, if it is fit to repeat.
        found: Option<String>,
    },
    /// Not `beta`, `acc` or `prod`; the value when it is a short plain word.
    UnknownEnvironment {
        /// What the line holds, if it is fit to repeat.
        found: Option<String>,
    },
    /// The client id.
    ClientId(ClientIdError),
    /// The same organisation, role and environment as an earlier line.
    DuplicateInFile {
        /// The earlier line.
        first_line: usize,
    },
    /// The same organisation, role and environment as a row already in the workspace.
    DuplicateOfRow,
    /// A member of a JSON row is missing or not what it must be.
    BadMember {
        /// The member's name.
        member: &'static str,
    },
    /// A value looks like key material (a PEM line, a JWK's `d`): never stored, never repeated.
    KeyMaterial {
        /// The column (or member).
        column: &'static str,
    },
}

/// A value short and plain enough to repeat in a message.
fn echoable(raw: &str) -> Option<String> {
    let raw = raw.trim();
    (!raw.is_empty()
        && raw.chars().count() <= MAX_ECHOED_CHARS
        && raw
            .chars()
            .all(|c| c.is_alphanumeric() || matches!(c, ' ' | '-' | '_')))
    .then(|| raw.to_string())
}

// ---------------------------------------------------------------------------------------------
// JSON

/// The workspace read from the browser's store, or from an exported file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReadWorkspace {
    /// The rows.
    pub workspace: Workspace,
    /// The row that was open.
    pub current: Option<RowId>,
}

/// The workspace as JSON (the store and the export): versioned, no secrets.
pub fn to_json(workspace: &Workspace, current: Option<RowId>) -> String {
    let file = FileOut {
        current: current.map(|id| id.0),
        format: FORMAT,
        rows: workspace.rows().iter().map(RowOut::of).collect(),
        version: VERSION,
    };
    // Only strings, numbers, booleans and maps with string keys: nothing serde_json refuses.
    serde_json::to_string(&file).unwrap_or_default()
}

// The JSON's shape, borrowed from the workspace and written by serde directly: every change
// writes all rows, and a tree of `Value`s cost about 60 µs a row in the browser (README,
// benchmarks). The members are in alphabetical order, the order the file has always had
// (serde_json's objects are sorted maps); `tests/workspace.rs` holds it to that.

#[derive(serde::Serialize)]
struct FileOut<'a> {
    current: Option<u64>,
    format: &'static str,
    rows: Vec<RowOut<'a>>,
    version: u64,
}

#[derive(serde::Serialize)]
struct RowOut<'a> {
    client_id: Option<&'a str>,
    code: &'a str,
    composed: Option<String>,
    connected: Option<ConnectedOut<'a>>,
    environment: &'static str,
    id: u64,
    integrator: bool,
    key: Option<KeyOut<'a>>,
    organisation: &'a str,
    role: &'static str,
    /// By the items' ids, sorted as text.
    ticks: BTreeMap<&'static str, Option<String>>,
}

#[derive(serde::Serialize)]
struct KeyOut<'a> {
    kid: Option<&'a str>,
    registered: Option<String>,
    thumbprint: &'a str,
}

#[derive(serde::Serialize)]
struct ConnectedOut<'a> {
    at: String,
    client_id: &'a str,
    proof: Vec<ProofOut<'a>>,
    warnings: bool,
}

#[derive(serde::Serialize)]
struct ProofOut<'a> {
    check: &'a str,
    found: &'a str,
    status: &'static str,
}

fn when_text(when: When) -> Option<String> {
    when.map(time::format_rfc3339)
}

impl<'a> RowOut<'a> {
    fn of(row: &'a Onboarding) -> RowOut<'a> {
        RowOut {
            client_id: row.client_id.as_ref().map(ClientId::as_str),
            code: row.org_code.canonical(),
            composed: when_text(row.composed_at),
            connected: row.connected.as_ref().map(|c| ConnectedOut {
                at: time::format_rfc3339(c.at),
                client_id: c.client_id.as_str(),
                proof: c
                    .proof
                    .iter()
                    .map(|p| ProofOut {
                        check: &p.check,
                        found: &p.found,
                        status: p.status.id(),
                    })
                    .collect(),
                warnings: c.warnings,
            }),
            environment: env_id(row.environment),
            id: row.id.0,
            integrator: row.integrator,
            key: row.key.as_ref().map(|(key, when)| KeyOut {
                kid: key.kid.as_ref().map(Kid::as_str),
                registered: when_text(*when),
                thumbprint: key.thumbprint.as_str(),
            }),
            organisation: row.org_name.as_str(),
            role: row.role.code(),
            ticks: row
                .ticks
                .iter()
                .map(|(item, when)| (item.id(), when_text(*when)))
                .collect(),
        }
    }
}

/// The environment as the workspace writes it (`beta`, `acc`, `prod`; `data-env`).
pub fn env_id(environment: Environment) -> &'static str {
    match environment {
        Environment::Beta => "beta",
        Environment::Acc => "acc",
        Environment::Prod => "prod",
    }
}

/// Reads the workspace's JSON: the stored one (with `existing` empty) or an imported file
/// (against the rows already there, which its rows may not repeat). `max_bytes`:
/// [`MAX_IMPORT_BYTES`] for a file, [`MAX_STORED_BYTES`] for the store.
pub fn from_json(
    text: &str,
    existing: &Workspace,
    max_bytes: usize,
) -> Result<ReadWorkspace, FileError> {
    let object = json::parse_object(text, max_bytes).map_err(|err| match err {
        JsonError::Empty => FileError::Empty,
        JsonError::TooLarge { bytes, max } => FileError::TooLarge { bytes, max },
        JsonError::NotUtf8 { .. } => FileError::NotUtf8,
        JsonError::NotAnObject { .. } => FileError::NotAWorkspace,
        other => {
            let (line, column) = other.position().map_or((1, 1), |p| (p.line, p.column));
            FileError::NotJson { line, column }
        }
    })?;
    if object.get("format").and_then(Value::as_str) != Some(FORMAT) {
        return Err(FileError::NotAWorkspace);
    }
    let version = object
        .get("version")
        .and_then(Value::as_u64)
        .ok_or(FileError::NotAWorkspace)?;
    // One version so far; an older one would be migrated here, before the rows are read.
    match version {
        VERSION => {}
        0 => return Err(FileError::NotAWorkspace),
        newer => return Err(FileError::NewerVersion { version: newer }),
    }
    let rows = object
        .get("rows")
        .and_then(Value::as_array)
        .ok_or(FileError::NotAWorkspace)?;
    if rows.len() > MAX_WORKSPACE_ROWS.max(MAX_IMPORT_ROWS) {
        return Err(FileError::TooManyRows {
            rows: rows.len(),
            max: MAX_WORKSPACE_ROWS,
        });
    }
    let mut read = Vec::with_capacity(rows.len());
    let mut refusals = Vec::new();
    let mut ids = BTreeSet::new();
    let mut duplicates = Duplicates::new(existing);
    for (index, value) in rows.iter().enumerate() {
        let line = index + 1;
        let problem = match row_from_json(value) {
            Ok(row) if !ids.insert(row.id) => Some(LineProblem::BadMember { member: "id" }),
            Ok(row) => {
                let repeated = duplicates.check(line, &row.org_code, row.role, row.environment);
                if repeated.is_none() {
                    read.push(row);
                }
                repeated
            }
            Err(problem) => Some(problem),
        };
        if let Some(problem) = problem {
            refusals.push(LineRefusal { line, problem });
        }
    }
    if !refusals.is_empty() {
        return Err(FileError::Lines(refusals));
    }
    let total = existing.rows().len() + read.len();
    if total > MAX_WORKSPACE_ROWS {
        return Err(FileError::WorkspaceFull {
            rows: total,
            max: MAX_WORKSPACE_ROWS,
        });
    }
    let current = object
        .get("current")
        .and_then(Value::as_u64)
        .map(RowId)
        .filter(|id| ids.contains(id));
    Ok(ReadWorkspace {
        workspace: Workspace::from_rows(read),
        current,
    })
}

fn member<'a>(
    object: &'a Map<String, Value>,
    name: &'static str,
) -> Result<&'a Value, LineProblem> {
    object
        .get(name)
        .ok_or(LineProblem::BadMember { member: name })
}

fn text_member<'a>(
    object: &'a Map<String, Value>,
    name: &'static str,
) -> Result<&'a str, LineProblem> {
    member(object, name)?
        .as_str()
        .ok_or(LineProblem::BadMember { member: name })
}

/// A time member: an RFC 3339 string, or `null` for "date unknown".
fn when_member(value: &Value, name: &'static str) -> Result<When, LineProblem> {
    match value {
        Value::Null => Ok(None),
        Value::String(text) => time::parse_rfc3339(text)
            .map(Some)
            .ok_or(LineProblem::BadMember { member: name }),
        _ => Err(LineProblem::BadMember { member: name }),
    }
}

fn row_from_json(value: &Value) -> Result<Onboarding, LineProblem> {
    let object = value
        .as_object()
        .ok_or(LineProblem::BadMember { member: "rows" })?;
    let id = member(object, "id")?
        .as_u64()
        .filter(|id| *id > 0)
        .ok_or(LineProblem::BadMember { member: "id" })?;
    let values = row_values(
        text_member(object, "organisation")?,
        text_member(object, "code")?,
        text_member(object, "role")?,
        text_member(object, "environment")?,
        match object.get("client_id") {
            None | Some(Value::Null) => "",
            Some(Value::String(id)) => id,
            Some(_) => {
                return Err(LineProblem::BadMember {
                    member: "client_id",
                })
            }
        },
    )?;
    let integrator = member(object, "integrator")?
        .as_bool()
        .ok_or(LineProblem::BadMember {
            member: "integrator",
        })?;
    let mut row = Onboarding::new(
        RowId(id),
        RowValues {
            integrator,
            ..values
        },
        when_member(member(object, "composed")?, "composed")?,
    );
    let ticks = member(object, "ticks")?
        .as_object()
        .ok_or(LineProblem::BadMember { member: "ticks" })?;
    for (id, when) in ticks {
        // An item this page no longer lists is left out rather than refusing the row.
        if let Some(item) = ChecklistItem::from_id(id) {
            row.ticks.insert(item, when_member(when, "ticks")?);
        }
    }
    row.key = match object.get("key") {
        None | Some(Value::Null) => None,
        Some(Value::Object(key)) => {
            let bad = LineProblem::BadMember { member: "key" };
            let thumbprint = key
                .get("thumbprint")
                .and_then(Value::as_str)
                .and_then(Thumbprint::parse)
                .ok_or(bad.clone())?;
            let kid = match key.get("kid") {
                None | Some(Value::Null) => None,
                Some(Value::String(kid)) => Some(Kid::parse(kid).ok_or(bad.clone())?),
                Some(_) => return Err(bad),
            };
            let when = when_member(key.get("registered").unwrap_or(&Value::Null), "key")?;
            Some((KeyRef { thumbprint, kid }, when))
        }
        Some(_) => return Err(LineProblem::BadMember { member: "key" }),
    };
    row.connected = match object.get("connected") {
        None | Some(Value::Null) => None,
        Some(connected) => Some(connected_from_json(connected)?),
    };
    Ok(row)
}

fn connected_from_json(value: &Value) -> Result<Connected, LineProblem> {
    let bad = LineProblem::BadMember {
        member: "connected",
    };
    let object = value.as_object().ok_or(bad.clone())?;
    let at = when_member(member(object, "at")?, "connected")?.ok_or(bad.clone())?;
    let warnings = object
        .get("warnings")
        .and_then(Value::as_bool)
        .ok_or(bad.clone())?;
    let client_id = object
        .get("client_id")
        .and_then(Value::as_str)
        .and_then(|id| ClientId::parse(id).ok())
        .ok_or(bad.clone())?;
    let proof = object
        .get("proof")
        .and_then(Value::as_array)
        .ok_or(bad.clone())?
        .iter()
        .map(|row| {
            let row = row.as_object()?;
            let status = match row.get("status")?.as_str()? {
                "ok" => CheckStatus::Ok,
                "warning" => CheckStatus::Warning,
                "fail" => CheckStatus::Fail,
                _ => return None,
            };
            Some(ProofRow {
                check: echoable(row.get("check")?.as_str()?)?,
                status,
                found: row.get("found")?.as_str()?.chars().take(200).collect(),
            })
        })
        .collect::<Option<Vec<_>>>()
        .ok_or(bad)?;
    Ok(Connected {
        at,
        warnings,
        client_id,
        proof,
    })
}

type Record = Result<Vec<String>, LineProblem>;
