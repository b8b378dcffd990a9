//! Part of `workspace_file`: the CSV import (`csv-core`'s record reader, each refusal with its line, duplicates against the workspace) and the CSV export, through the template engine.

use crate::domain::checked::client_id::ClientId;
use crate::domain::checked::organisation::{OrgCode, OrgName};
use crate::domain::checked::time;
use crate::domain::facts::environment::{Environment, Role};
use crate::domain::onboarding::workspace::{
    storable, Milestone, RowValues, When, Workspace, MAX_WORKSPACE_ROWS,
};
use crate::domain::templates::engine::{Syntax, Template, TemplateError, Value as Slot};
use std::collections::BTreeMap;

use super::{
    echoable, env_id, FileError, LineProblem, LineRefusal, Record, MAX_COLUMNS, MAX_IMPORT_BYTES,
    MAX_IMPORT_ROWS,
};

/// The checked values of a row from their text (a CSV line, a JSON row).
pub(super) fn row_values(
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
    // No row holds text that looks like key material, whatever file it came from.
    for (column, value) in [
        ("organisation", organisation),
        ("code", code),
        ("client_id", client_id),
    ] {
        if storable(value).is_none() {
            return Err(LineProblem::KeyMaterial { column });
        }
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
pub(super) struct Duplicates<'a> {
    existing: &'a Workspace,
    seen: BTreeMap<(String, &'static str, Environment), usize>,
}

impl<'a> Duplicates<'a> {
    pub(super) fn new(existing: &'a Workspace) -> Duplicates<'a> {
        Duplicates {
            existing,
            seen: BTreeMap::new(),
        }
    }

    /// The problem with this line's onboarding, if it repeats one; else it is remembered.
    pub(super) fn check(
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
    // makes a row of two lines, so this can only over-count). A line ends at LF, CRLF or a lone
    // CR, as the record reader ends a record: a file of CR-only lines is counted like any other.
    let lines = bytes
        .split(|b| matches!(b, b'\n' | b'\r'))
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
    let header_line = text.split(['\r', '\n']).next().unwrap_or_default();
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

/// The line breaks in `bytes`: LF, CRLF (one) and a lone CR, as the record reader sees them.
fn line_breaks(bytes: &[u8]) -> usize {
    bytes
        .iter()
        .enumerate()
        .filter(|&(i, b)| *b == b'\n' || (*b == b'\r' && bytes.get(i + 1) != Some(&b'\n')))
        .count()
}

/// The records of a CSV text with their first line numbers; blank lines are skipped. The
/// record reader is `csv-core`'s (RFC 4180 quoting, CRLF), over the whole text at once.
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
            line += line_breaks(&input[counted_to..start]);
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
// CSV export

const CSV_HEADER: &str = "organisation;code;role;environment;client_id;status;composed;key_registered;requested;mailed;approved;connected;key_thumbprint\r\n";

const CSV_ROW: Template = Template::new(
    Syntax::Csv,
    "{{ORG}};{{CODE}};{{ROLE}};{{ENV}};{{CLIENT}};{{STATUS}};{{COMPOSED}};{{KEY_REGISTERED}};{{REQUESTED}};{{MAILED}};{{APPROVED}};{{CONNECTED}};{{THUMBPRINT}}\r\n",
);

/// A reached milestone's date (`YYYY-MM-DD`), `?` for reached on an unknown date, empty for not.
pub(super) fn date_cell(reached: Option<When>) -> String {
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
