//! The workspace's files: its own JSON (stored in the browser, exported, imported; versioned),
//! a CSV file of organisations to import, the CSV export for a spreadsheet and the Markdown
//! progress report. Every reader is all or nothing: a file with one bad line adds nothing and
//! says which lines and why.
//!
//! No message repeats a file's text beyond a short plain word (an unknown role), so a key pasted
//! into the wrong file is never echoed.

use std::collections::{BTreeMap, BTreeSet};

use serde_json::{json, Map, Value};

use crate::domain::checked::client_id::{ClientId, ClientIdError};
use crate::domain::onboarding::checklist::{markdown_table_row, ChecklistItem};
use crate::domain::onboarding::collect::object_by_insertion;
use crate::domain::facts::environment::{Environment, Role};
use crate::domain::checked::json::{self, JsonError};
use crate::domain::checked::kid::Kid;
use crate::domain::checked::organisation::{OrgCode, OrgCodeError, OrgName, OrgNameError};
use crate::domain::onboarding::ping::CheckStatus;
use crate::domain::text::template::{Rendered, Syntax, Template, TemplateError, Value as Slot};
use crate::domain::checked::time;
use crate::domain::onboarding::workspace::{
    Connected, KeyRef, Milestone, Onboarding, ProofRow, RowId, RowValues, Thumbprint, When,
    Workspace, MAX_WORKSPACE_ROWS,
};

/// The `format` member of the workspace's JSON.
pub const FORMAT: &str = "dao-onboard.workspace";
/// The version this page writes; it reads this one and every older one.
pub const VERSION: u64 = 1;
/// Largest file imported (CSV or JSON), checked before parsing.
pub const MAX_IMPORT_BYTES: usize = 1024 * 1024;
/// Most rows one file may add, counted before parsing.
pub const MAX_IMPORT_ROWS: usize = 1000;
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
    let rows: Vec<Value> = workspace.rows().iter().map(row_to_json).collect();
    json!({
        "format": FORMAT,
        "version": VERSION,
        "current": current.map(|id| id.0),
        "rows": rows,
    })
    .to_string()
}

fn when_json(when: When) -> Value {
    when.map_or(Value::Null, |at| Value::String(time::format_rfc3339(at)))
}

fn row_to_json(row: &Onboarding) -> Value {
    let ticks = object_by_insertion(
        row.ticks
            .iter()
            .map(|(item, when)| (item.id().to_string(), when_json(*when))),
    );
    let key = row.key.as_ref().map(|(key, when)| {
        json!({
            "thumbprint": key.thumbprint.as_str(),
            "kid": key.kid.as_ref().map(Kid::as_str),
            "registered": when_json(*when),
        })
    });
    let connected = row.connected.as_ref().map(|c| {
        let proof: Vec<Value> = c
            .proof
            .iter()
            .map(|p| json!({ "check": p.check, "status": p.status.id(), "found": p.found }))
            .collect();
        json!({
            "at": time::format_rfc3339(c.at),
            "warnings": c.warnings,
            "client_id": c.client_id.as_str(),
            "proof": proof,
        })
    });
    json!({
        "id": row.id.0,
        "organisation": row.org_name.as_str(),
        "code": row.org_code.canonical(),
        "role": row.role.code(),
        "environment": env_id(row.environment),
        "integrator": row.integrator,
        "client_id": row.client_id.as_ref().map(ClientId::as_str),
        "composed": when_json(row.composed_at),
        "ticks": ticks,
        "key": key,
        "connected": connected,
    })
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

/// The checked values of a row from their text (a CSV line, a JSON row).
fn row_values(
    organisation: &str,
    code: &str,
    role: &str,
    environment: &str,
    client_id: &str,
) -> Result<RowValues, LineProblem> {
    if organisation.trim().is_empty() {
        return Err(LineProblem::Missing {
            column: "organisation",
        });
    }
    if code.trim().is_empty() {
        return Err(LineProblem::Missing { column: "code" });
    }
    let org_name = OrgName::parse(organisation).map_err(LineProblem::OrgName)?;
    let org_code = OrgCode::parse(code).map_err(LineProblem::OrgCode)?;
    let role = Role::parse(role).ok_or_else(|| LineProblem::UnknownRole {
        found: echoable(role),
    })?;
    let environment =
        Environment::parse(environment).ok_or_else(|| LineProblem::UnknownEnvironment {
            found: echoable(environment),
        })?;
    let client_id = if client_id.trim().is_empty() {
        None
    } else {
        Some(ClientId::parse(client_id).map_err(LineProblem::ClientId)?)
    };
    Ok(RowValues {
        org_name,
        org_code,
        role,
        environment,
        integrator: false,
        client_id,
    })
}

/// Which lines repeat an earlier line or a row of the workspace, checked line by line (so the
/// refusals come out in line order).
struct Duplicates<'a> {
    existing: &'a Workspace,
    seen: BTreeMap<(String, &'static str, Environment), usize>,
}

impl<'a> Duplicates<'a> {
    fn new(existing: &'a Workspace) -> Duplicates<'a> {
        Duplicates {
            existing,
            seen: BTreeMap::new(),
        }
    }

    /// The problem with this line's onboarding, if it repeats one; else it is remembered.
    fn check(
        &mut self,
        line: usize,
        code: &OrgCode,
        role: Role,
        environment: Environment,
    ) -> Option<LineProblem> {
        if self.existing.find(code, role, environment).is_some() {
            return Some(LineProblem::DuplicateOfRow);
        }
        // Keyed by the role's code: `Role` has no order.
        let key = (code.canonical().to_string(), role.code(), environment);
        if let Some(first_line) = self.seen.get(&key) {
            return Some(LineProblem::DuplicateInFile {
                first_line: *first_line,
            });
        }
        self.seen.insert(key, line);
        None
    }
}

// ---------------------------------------------------------------------------------------------
// CSV import

/// The columns a CSV file must (or may) name in its header row.
const REQUIRED_COLUMNS: [&str; 4] = ["organisation", "code", "role", "environment"];
const OPTIONAL_COLUMN: &str = "client_id";

/// The rows of a CSV file of organisations, checked against the workspace (all or nothing).
/// The header row names the columns `organisation`, `code`, `role`, `environment` and
/// optionally `client_id`, in any order and case; other columns are ignored (a spreadsheet's
/// own, or this page's CSV export's status columns). Comma or semicolon separated (as the
/// header row shows), UTF-8 with or without BOM, quoted fields, LF or CRLF.
pub fn read_csv(bytes: &[u8], existing: &Workspace) -> Result<Vec<RowValues>, FileError> {
    if bytes.len() > MAX_IMPORT_BYTES {
        return Err(FileError::TooLarge {
            bytes: bytes.len(),
            max: MAX_IMPORT_BYTES,
        });
    }
    // Counted before parsing: every line but the header is at most one row (a quoted line break
    // makes a row of two lines, so this can only over-count).
    let lines = bytes
        .split(|b| *b == b'\n')
        .filter(|line| !line.iter().all(u8::is_ascii_whitespace))
        .count();
    if lines.saturating_sub(1) > MAX_IMPORT_ROWS {
        return Err(FileError::TooManyRows {
            rows: lines - 1,
            max: MAX_IMPORT_ROWS,
        });
    }
    let text = std::str::from_utf8(bytes).map_err(|_| FileError::NotUtf8)?;
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    if text.trim().is_empty() {
        return Err(FileError::Empty);
    }
    let header_line = text.lines().next().unwrap_or_default();
    let delimiter = if header_line.matches(';').count() > header_line.matches(',').count() {
        b';'
    } else {
        b','
    };
    let records = csv_records(text.as_bytes(), delimiter);
    let mut records = records.into_iter();
    let Some((_, header)) = records.next() else {
        return Err(FileError::Empty);
    };
    let header = header.map_err(|_| FileError::MissingColumn {
        name: REQUIRED_COLUMNS[0],
    })?;
    let column = |name: &'static str| -> Result<Option<usize>, FileError> {
        let mut found = header
            .iter()
            .enumerate()
            .filter(|(_, h)| h.trim().eq_ignore_ascii_case(name))
            .map(|(i, _)| i);
        let first = found.next();
        if found.next().is_some() {
            return Err(FileError::DuplicateColumn { name });
        }
        Ok(first)
    };
    let mut required = [0usize; 4];
    for (slot, name) in required.iter_mut().zip(REQUIRED_COLUMNS) {
        *slot = column(name)?.ok_or(FileError::MissingColumn { name })?;
    }
    let client_column = column(OPTIONAL_COLUMN)?;
    let mut read = Vec::new();
    let mut refusals = Vec::new();
    let mut duplicates = Duplicates::new(existing);
    for (line, record) in records {
        let fields = match record {
            Ok(fields) => fields,
            Err(problem) => {
                refusals.push(LineRefusal { line, problem });
                continue;
            }
        };
        let field = |index: usize| fields.get(index).map_or("", |f| unprotect(f));
        let [org, code, role, env] = required.map(field);
        let client = client_column.map_or("", field);
        let checked = row_values(org, code, role, env, client).and_then(|values| match duplicates
            .check(line, &values.org_code, values.role, values.environment)
        {
            Some(problem) => Err(problem),
            None => Ok(values),
        });
        match checked {
            Ok(values) => read.push(values),
            Err(problem) => refusals.push(LineRefusal { line, problem }),
        }
    }
    // No second count: the lines counted before parsing are never fewer than the records.
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
    Ok(read)
}

/// A cell of this page's CSV export written with the spreadsheet guard (`'=`, see
/// [`Syntax::Csv`]), read back as its value.
fn unprotect(field: &str) -> &str {
    match field.strip_prefix('\'') {
        Some(rest) if rest.starts_with(['=', '+', '-', '@', '\t', '\r']) => rest,
        _ => field,
    }
}

type Record = Result<Vec<String>, LineProblem>;

/// The records of a CSV text with their first line numbers; blank lines are skipped. The
/// record reader is `csv-core`'s (RFC 4180 quoting, CRLF), over the whole text at once.
// Counting line feeds of a file of at most 1 MB, once: the bytecount crate's speed is not needed.
#[allow(clippy::naive_bytecount)]
fn csv_records(text: &[u8], delimiter: u8) -> Vec<(usize, Record)> {
    use csv_core::{ReadRecordResult, ReaderBuilder};
    // With a line end after the last record, every record ends within one call on the whole
    // text, so its fields are always in the output buffer together.
    let owned;
    let input = if text.ends_with(b"\n") {
        text
    } else {
        owned = [text, b"\n"].concat();
        &owned[..]
    };
    let mut reader = ReaderBuilder::new().delimiter(delimiter).build();
    // A record's unquoted bytes are never more than its input, so this never fills.
    let mut output = vec![0u8; input.len() + 1];
    let mut ends = [0usize; MAX_COLUMNS];
    let mut records = Vec::new();
    let mut offset = 0;
    // Line numbers are counted here: csv-core counts a CRLF's line feed only when the next
    // record starts.
    let (mut line, mut counted_to) = (1, 0);
    let mut too_wide = false;
    loop {
        if !too_wide {
            // The record starts after the previous one's line end and any blank lines.
            let start = offset
                + input[offset..]
                    .iter()
                    .take_while(|b| matches!(b, b'\r' | b'\n'))
                    .count();
            line += input[counted_to..start]
                .iter()
                .filter(|b| **b == b'\n')
                .count();
            counted_to = start;
        }
        let (result, consumed, _, fields) =
            reader.read_record(&input[offset..], &mut output, &mut ends);
        offset += consumed;
        match result {
            ReadRecordResult::Record => {
                if std::mem::take(&mut too_wide) {
                    records.push((line, Err(LineProblem::TooManyColumns)));
                    continue;
                }
                let mut start = 0;
                let values: Vec<String> = ends[..fields]
                    .iter()
                    .map(|end| {
                        let value = String::from_utf8_lossy(&output[start..*end]).into_owned();
                        start = *end;
                        value
                    })
                    .collect();
                if !values.iter().all(|v| v.trim().is_empty()) {
                    records.push((line, Ok(values)));
                }
            }
            // The reader goes on with the same record; its fields are no longer all here.
            ReadRecordResult::OutputEndsFull => too_wide = true,
            // Empty input tells the reader the text has ended: the next call says `End`.
            ReadRecordResult::InputEmpty => {}
            ReadRecordResult::OutputFull | ReadRecordResult::End => break,
        }
    }
    records
}

// ---------------------------------------------------------------------------------------------
// CSV export and Markdown report

const CSV_HEADER: &str = "organisation;code;role;environment;client_id;status;composed;key_registered;requested;mailed;approved;connected;key_thumbprint\r\n";
const CSV_ROW: Template = Template::new(
    Syntax::Csv,
    "{{ORG}};{{CODE}};{{ROLE}};{{ENV}};{{CLIENT}};{{STATUS}};{{COMPOSED}};{{KEY_REGISTERED}};{{REQUESTED}};{{MAILED}};{{APPROVED}};{{CONNECTED}};{{THUMBPRINT}}\r\n",
);

/// A reached milestone's date (`YYYY-MM-DD`), `?` for reached on an unknown date, empty for not.
fn date_cell(reached: Option<When>) -> String {
    match reached {
        None => String::new(),
        Some(None) => "?".to_string(),
        Some(Some(at)) => time::format_date(at),
    }
}

/// The workspace as CSV for a spreadsheet: semicolon separated (as Excel reads it in Belgium),
/// CRLF, every cell quoted; re-importable (the status columns are ignored then).
pub fn to_csv(workspace: &Workspace) -> Result<String, TemplateError> {
    let mut out = String::from(CSV_HEADER);
    for row in workspace.rows() {
        let dates = row.milestones().map(|(_, reached)| date_cell(reached));
        let code = row.org_code.display();
        let rendered = CSV_ROW.render(|slot| {
            let date = |milestone: Milestone| {
                let index = Milestone::ALL.iter().position(|m| *m == milestone)?;
                Some(Slot::Str(dates[index].as_str()))
            };
            match slot {
                "ORG" => Some(Slot::Str(row.org_name.as_str())),
                "CODE" => Some(Slot::Str(&code)),
                "ROLE" => Some(Slot::Str(row.role.code())),
                "ENV" => Some(Slot::Str(env_id(row.environment))),
                "CLIENT" => Some(Slot::Str(
                    row.client_id.as_ref().map_or("", ClientId::as_str),
                )),
                "STATUS" => Some(Slot::Str(row.status().id())),
                "COMPOSED" => date(Milestone::Composed),
                "KEY_REGISTERED" => date(Milestone::KeyRegistered),
                "REQUESTED" => date(Milestone::Requested),
                "MAILED" => date(Milestone::Mailed),
                "APPROVED" => date(Milestone::Approved),
                "CONNECTED" => date(Milestone::Connected),
                "THUMBPRINT" => Some(Slot::Str(
                    row.key
                        .as_ref()
                        .map_or("", |(key, _)| key.thumbprint.as_str()),
                )),
                _ => None,
            }
        })?;
        out.push_str(rendered.as_str());
    }
    Ok(out)
}

/// The words of the progress report, in the page's language (the core has none of its own).
pub struct ReportWords<'a> {
    /// The report's title.
    pub title: &'a str,
    /// A row's heading: organisation, code, role, environment.
    pub heading: &'a dyn Fn(&Onboarding) -> String,
    /// A status's name.
    pub status: &'a dyn Fn(crate::domain::onboarding::workspace::Status) -> String,
    /// A milestone's name.
    pub milestone: &'a dyn Fn(Milestone) -> String,
    /// "Status", "Client id", "Key (thumbprint)", "Proof", "date unknown", "not yet".
    pub labels: [&'a str; 6],
    /// The proof table's four column headings.
    pub proof_columns: [&'a str; 4],
    /// A check id's name and a check status's name, for the proof table.
    pub check: &'a dyn Fn(&str) -> String,
    /// A check status's name.
    pub check_status: &'a dyn Fn(CheckStatus) -> String,
}

const MD_SECTION: Template = Template::new(Syntax::Markdown, "\n## {{HEADING}}\n\n");
const MD_FIELD: Template = Template::new(Syntax::Markdown, "- {{LABEL}}: {{VALUE}}\n");
const MD_PROOF_HEAD: Template = Template::new(Syntax::Markdown, "\n{{LABEL}}:\n\n");

/// The progress report in Markdown: per onboarding its status, each milestone with its date,
/// the client id, the key's thumbprint and the proof of a connected onboarding. No secrets:
/// nothing in a row is one.
pub fn report_markdown(
    workspace: &Workspace,
    words: &ReportWords<'_>,
) -> Result<String, TemplateError> {
    let [status_label, client_label, key_label, proof_label, unknown, not_yet] = words.labels;
    let mut out = String::new();
    let title = Template::new(Syntax::Markdown, "# {{TITLE}}\n");
    out.push_str(
        title
            .render(|slot| (slot == "TITLE").then_some(Slot::Str(words.title)))?
            .as_str(),
    );
    let field = |label: &str, value: &str| {
        MD_FIELD
            .render(|slot| match slot {
                "LABEL" => Some(Slot::Str(label)),
                "VALUE" => Some(Slot::Str(value)),
                _ => None,
            })
            .map(Rendered::into_string)
    };
    for row in workspace.rows() {
        let heading = (words.heading)(row);
        out.push_str(
            MD_SECTION
                .render(|slot| (slot == "HEADING").then_some(Slot::Str(&heading)))?
                .as_str(),
        );
        out.push_str(&field(status_label, &(words.status)(row.status()))?);
        for (milestone, reached) in row.milestones() {
            let date = match reached {
                None => not_yet.to_string(),
                Some(None) => unknown.to_string(),
                Some(Some(_)) => date_cell(reached),
            };
            out.push_str(&field(&(words.milestone)(milestone), &date)?);
        }
        let client = row.client_id.as_ref().map_or(not_yet, ClientId::as_str);
        out.push_str(&field(client_label, client)?);
        if let Some((key, _)) = &row.key {
            out.push_str(&field(key_label, key.thumbprint.as_str())?);
        }
        if let Some(connected) = &row.connected {
            out.push_str(
                MD_PROOF_HEAD
                    .render(|slot| (slot == "LABEL").then_some(Slot::Str(proof_label)))?
                    .as_str(),
            );
            out.push_str(&markdown_table_row(words.proof_columns)?);
            out.push_str("|---|---|---|---|\n");
            let date = date_cell(Some(Some(connected.at)));
            for proof in &connected.proof {
                out.push_str(&markdown_table_row([
                    &(words.check)(&proof.check),
                    &(words.check_status)(proof.status),
                    &proof.found,
                    &date,
                ])?);
            }
        }
    }
    Ok(out)
}
