//! The onboarding workspace: one row per organisation, role and environment, with each
//! onboarding's progress derived from what happened (values composed, key registered, client
//! requested, API team mailed, approved, connected) and the date of each step.
//!
//! No row holds a secret: the key only by its public thumbprint and `kid`, the proof of a
//! connection only as the ping check's rows (what the API answered about the client, never a
//! token). Reading and writing files is `workspace_file`'s.

use std::collections::BTreeMap;

use crate::domain::acm::key::looks_like_key_material;
use crate::domain::checked::client_id::ClientId;
use crate::domain::checked::kid::Kid;
use crate::domain::checked::organisation::{OrgCode, OrgName};
use crate::domain::facts::environment::{Environment, Role};
use crate::domain::onboarding::checklist::ChecklistItem;
use crate::domain::onboarding::ping::{CheckStatus, PingReport, Verdict};
use crate::domain::onboarding::registration::RegistrationForm;

/// Most rows a workspace holds: an integrator's few hundred customers in three environments,
/// with room; it keeps the stored text well under the 5 MB browsers give a page.
pub const MAX_WORKSPACE_ROWS: usize = 3000;

/// Longest `found` value kept per proof row (an answer's value, shown in the report).
const MAX_PROOF_VALUE_CHARS: usize = 200;

/// A row's identity within its workspace (stable across reloads, exports and imports).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct RowId(pub u64);

/// A key's RFC 7638 SHA-256 thumbprint: 43 base64url characters.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Thumbprint(String);

impl Thumbprint {
    /// Checks a thumbprint (`None` for anything but 43 base64url characters).
    pub fn parse(raw: &str) -> Option<Thumbprint> {
        (raw.len() == 43
            && raw
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_'))
        .then(|| Thumbprint(raw.to_string()))
    }

    /// The thumbprint.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// A key as a row remembers it: public facts only.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KeyRef {
    /// The public key's thumbprint.
    pub thumbprint: Thumbprint,
    /// Its `kid`, when it has one.
    pub kid: Option<Kid>,
}

/// One check of a ping answer, as the proof of a connection keeps it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProofRow {
    /// The check's stable id (`ping::CheckId::id`).
    pub check: String,
    /// How it came out.
    pub status: CheckStatus,
    /// What the answer held (at most 200 characters).
    pub found: String,
}

/// A ping answer checked ok or with warnings for this onboarding's client and environment.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Connected {
    /// When it was checked (Unix seconds).
    pub at: i64,
    /// True when the check had warnings.
    pub warnings: bool,
    /// The client id the answer was checked against.
    pub client_id: ClientId,
    /// The check's rows.
    pub proof: Vec<ProofRow>,
}

/// A date that may be unknown: steps taken before the workspace existed (read from the page's
/// settings of an earlier version) have no date.
pub type When = Option<i64>;

/// One onboarding: an organisation in one role and one environment.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Onboarding {
    /// Its identity in the workspace.
    pub id: RowId,
    /// The organisation's name.
    pub org_name: OrgName,
    /// The organisation's code.
    pub org_code: OrgCode,
    /// The role its client acts in.
    pub role: Role,
    /// The environment.
    pub environment: Environment,
    /// Whether an integrator requests the client for the organisation.
    pub integrator: bool,
    /// The client id ACM gave, once entered.
    pub client_id: Option<ClientId>,
    /// When the values were composed (the row was made).
    pub composed_at: When,
    /// The ticked checklist items, each with when it was ticked.
    pub ticks: BTreeMap<ChecklistItem, When>,
    /// The key registered for this client, and when.
    pub key: Option<(KeyRef, When)>,
    /// The last ping answer checked ok or with warnings.
    pub connected: Option<Connected>,
}

listed_enum! {
    /// An onboarding's progress, from what happened (`data-status` in the page).
    #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
    pub enum Status {
        /// Values composed, perhaps a key registered; the client not yet requested.
        New,
        /// The client was requested in the Beheerportaal.
        Requested,
        /// The API team was mailed.
        Mailed,
        /// The user says the API team approved it.
        Approved,
        /// A ping answer was checked ok or with warnings.
        Connected,
    }
}

impl Status {
    /// The stable id (`new`, `requested`, `mailed`, `approved`, `connected`).
    pub fn id(self) -> &'static str {
        match self {
            Status::New => "new",
            Status::Requested => "requested",
            Status::Mailed => "mailed",
            Status::Approved => "approved",
            Status::Connected => "connected",
        }
    }

    /// The milestone whose date is the status's date (values composed, for a new one).
    pub fn milestone(self) -> Milestone {
        match self {
            Status::New => Milestone::Composed,
            Status::Requested => Milestone::Requested,
            Status::Mailed => Milestone::Mailed,
            Status::Approved => Milestone::Approved,
            Status::Connected => Milestone::Connected,
        }
    }
}

listed_enum! {
    /// A step of an onboarding's progress, each with its date in [`Onboarding::milestones`].
    #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
    pub enum Milestone {
        /// The values were composed.
        Composed,
        /// The public key was registered (the checklist's upload item ticked with a key loaded).
        KeyRegistered,
        /// The client was requested (the checklist's "create client" item).
        Requested,
        /// The API team was mailed (the checklist's mail item).
        Mailed,
        /// Approved (the checklist's approval item: the user says so).
        Approved,
        /// A ping answer checked ok or with warnings.
        Connected,
    }
}

impl Milestone {
    /// A stable id, for the markup and the tests.
    pub fn id(self) -> &'static str {
        match self {
            Milestone::Composed => "composed",
            Milestone::KeyRegistered => "key-registered",
            Milestone::Requested => "requested",
            Milestone::Mailed => "mailed",
            Milestone::Approved => "approved",
            Milestone::Connected => "connected",
        }
    }

    /// The checklist item whose tick marks this milestone, if one does.
    pub fn item(self) -> Option<ChecklistItem> {
        match self {
            Milestone::KeyRegistered => Some(ChecklistItem::UploadPublicJwk),
            Milestone::Requested => Some(ChecklistItem::CreateClient),
            Milestone::Mailed => Some(ChecklistItem::MailApiTeam),
            Milestone::Approved => Some(ChecklistItem::AwaitApproval),
            Milestone::Composed | Milestone::Connected => None,
        }
    }
}

/// A milestone reached, and when (`None` inside: reached, date unknown).
pub type Reached = Option<When>;

impl Onboarding {
    /// A new onboarding of these values, composed at `now`.
    pub fn new(id: RowId, values: RowValues, now: When) -> Onboarding {
        Onboarding {
            id,
            org_name: values.org_name,
            org_code: values.org_code,
            role: values.role,
            environment: values.environment,
            integrator: values.integrator,
            client_id: values.client_id,
            composed_at: now,
            ticks: BTreeMap::new(),
            key: None,
            connected: None,
        }
    }

    /// Whether `other` is the same onboarding: organisation (by code), role and environment.
    pub fn same_onboarding(&self, code: &OrgCode, role: Role, environment: Environment) -> bool {
        self.org_code.canonical() == code.canonical()
            && self.role == role
            && self.environment == environment
    }

    /// Each milestone and whether (and when) it was reached.
    pub fn milestones(&self) -> [(Milestone, Reached); 6] {
        Milestone::ALL.map(|milestone| {
            let reached = match milestone {
                Milestone::Composed => Some(self.composed_at),
                Milestone::KeyRegistered => self.key.as_ref().map(|(_, when)| *when),
                Milestone::Connected => self.connected.as_ref().map(|c| Some(c.at)),
                other => other.item().and_then(|item| self.ticks.get(&item).copied()),
            };
            (milestone, reached)
        })
    }

    /// The progress: the furthest of requested, mailed, approved, connected reached.
    pub fn status(&self) -> Status {
        if self.connected.is_some() {
            return Status::Connected;
        }
        let ticked = |item| self.ticks.contains_key(&item);
        if ticked(ChecklistItem::AwaitApproval) {
            Status::Approved
        } else if ticked(ChecklistItem::MailApiTeam) {
            Status::Mailed
        } else if ticked(ChecklistItem::CreateClient) {
            Status::Requested
        } else {
            Status::New
        }
    }

    /// Whether the filter text matches: a case-insensitive part of the name, the code (as typed
    /// with or without separators), the client id, the role or the environment.
    pub fn matches(&self, filter: &str) -> bool {
        let filter = filter.trim();
        if filter.is_empty() {
            return true;
        }
        let needle = filter.to_lowercase();
        let compact: String = needle
            .chars()
            .filter(|c| !matches!(c, '.' | ' ' | '-' | '/'))
            .collect();
        self.org_name.as_str().to_lowercase().contains(&needle)
            || (!compact.is_empty()
                && self
                    .org_code
                    .canonical()
                    .to_ascii_lowercase()
                    .contains(&compact))
            || self
                .client_id
                .as_ref()
                .is_some_and(|id| id.as_str().to_ascii_lowercase().contains(&needle))
            || self.role.code() == needle
            || self.environment.code().eq_ignore_ascii_case(&needle)
    }

    /// Takes in what the page shows while this row is open (see [`Observation`]): values that
    /// pass their checks replace the row's, ticks gain their date (or lose it when unticked),
    /// the loaded key is remembered once its upload is ticked, and a ping answer checked ok or
    /// with warnings for this client is its connection. Returns whether anything changed.
    pub fn observe(&mut self, seen: &Observation<'_>) -> bool {
        let before = self.clone();
        // Text that looks like key material is never stored, here as in the settings: the row
        // keeps what it had.
        if let Some(name) = storable(seen.org_name).and_then(|raw| OrgName::parse(raw).ok()) {
            self.org_name = name;
        }
        if let Some(code) = storable(seen.org_code).and_then(|raw| OrgCode::parse(raw).ok()) {
            self.org_code = code;
        }
        self.role = seen.role;
        self.environment = seen.environment;
        self.integrator = seen.integrator;
        if seen.client_id.trim().is_empty() {
            self.client_id = None;
        } else if let Some(id) = storable(seen.client_id).and_then(|raw| ClientId::parse(raw).ok())
        {
            self.client_id = Some(id);
        }
        self.ticks.retain(|item, _| seen.ticks.contains(item));
        for item in seen.ticks {
            self.ticks.entry(*item).or_insert(Some(seen.now));
        }
        if !self.ticks.contains_key(&ChecklistItem::UploadPublicJwk) {
            self.key = None;
        } else if self.key.is_none() {
            if let Some(key) = seen.key {
                self.key = Some((key.clone(), Some(seen.now)));
            }
        }
        if let (Some((report, at)), Some(client_id)) = (seen.ping, &self.client_id) {
            if let Some(connected) = connection(report, at, client_id) {
                if self.connected.as_ref().is_none_or(|c| c.at <= at) {
                    self.connected = Some(connected);
                }
            }
        }
        *self != before
    }
}

/// The proof of a connection, when the report is one: ok or with warnings.
fn connection(report: &PingReport, at: i64, client_id: &ClientId) -> Option<Connected> {
    let warnings = match report.verdict {
        Verdict::Ok => false,
        Verdict::Warning => true,
        Verdict::Mismatch | Verdict::Invalid => return None,
    };
    let proof = report
        .rows
        .iter()
        .map(|row| ProofRow {
            check: row.check.id().to_string(),
            status: row.status,
            found: row.found.chars().take(MAX_PROOF_VALUE_CHARS).collect(),
        })
        .collect();
    Some(Connected {
        at,
        warnings,
        client_id: client_id.clone(),
        proof,
    })
}

/// What the page shows while a row is open, as its fields hold it (raw text is checked here).
#[derive(Debug, Clone, Copy)]
pub struct Observation<'a> {
    /// The organisation name field.
    pub org_name: &'a str,
    /// The organisation code field.
    pub org_code: &'a str,
    /// The role chosen.
    pub role: Role,
    /// The environment chosen.
    pub environment: Environment,
    /// The integrator choice.
    pub integrator: bool,
    /// The client id field.
    pub client_id: &'a str,
    /// The ticked checklist items.
    pub ticks: &'a std::collections::BTreeSet<ChecklistItem>,
    /// The key loaded in the browser, if any.
    pub key: Option<&'a KeyRef>,
    /// The last ping check of this onboarding and when it was checked (Unix seconds).
    pub ping: Option<(&'a PingReport, i64)>,
    /// Now (Unix seconds).
    pub now: i64,
}

/// The checked values a new row starts from (a form, a line of a CSV file).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RowValues {
    /// The organisation's name.
    pub org_name: OrgName,
    /// Its code.
    pub org_code: OrgCode,
    /// The role.
    pub role: Role,
    /// The environment.
    pub environment: Environment,
    /// Whether an integrator requests the client.
    pub integrator: bool,
    /// The client id, when known.
    pub client_id: Option<ClientId>,
}

impl RowValues {
    /// The values step 1 and the client id field hold, when the name and code pass their
    /// checks (a client id that does not pass is left out).
    pub fn from_form(form: &RegistrationForm, client_id: &str) -> Option<RowValues> {
        Some(RowValues {
            org_name: OrgName::parse(storable(&form.org_name)?).ok()?,
            org_code: OrgCode::parse(storable(&form.org_code)?).ok()?,
            role: form.role,
            environment: form.environment,
            integrator: form.integrator,
            client_id: storable(client_id).and_then(|raw| ClientId::parse(raw).ok()),
        })
    }
}

/// The text when a row may keep it: `None` for text that looks like key material
/// (`key::looks_like_key_material`), which no row, store or export ever holds.
pub(crate) fn storable(raw: &str) -> Option<&str> {
    (!looks_like_key_material(raw)).then_some(raw)
}

/// Why a row could not be added.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AddError {
    /// The workspace already has this organisation in this role and environment.
    Duplicate(RowId),
    /// The workspace holds [`MAX_WORKSPACE_ROWS`] rows.
    Full,
    /// Production is the last environment: there is no next one.
    LastEnvironment,
}

/// The next environment of the onboarding order (beta, acc, prod).
pub fn next_environment(environment: Environment) -> Option<Environment> {
    match environment {
        Environment::Beta => Some(Environment::Acc),
        Environment::Acc => Some(Environment::Prod),
        Environment::Prod => None,
    }
}

/// The workspace: its rows, in the order they were added.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Workspace {
    rows: Vec<Onboarding>,
}

impl Workspace {
    /// A workspace of these rows (read from a file; ids are assumed unique, as the readers check).
    pub(crate) fn from_rows(rows: Vec<Onboarding>) -> Workspace {
        Workspace { rows }
    }

    /// The workspace made from the page's single onboarding of before the workspace (its stored
    /// settings): one row, its ticks kept with unknown dates (they were not recorded).
    pub fn migrated_from_single(
        values: RowValues,
        ticks: &std::collections::BTreeSet<ChecklistItem>,
    ) -> (Workspace, RowId) {
        let id = RowId(1);
        let mut row = Onboarding::new(id, values, None);
        row.ticks = crate::domain::onboarding::collect::map_by_insertion(
            ticks.iter().map(|item| (*item, None)),
        );
        (Workspace { rows: vec![row] }, id)
    }

    /// The rows, in order.
    pub fn rows(&self) -> &[Onboarding] {
        &self.rows
    }

    /// The row with this id.
    pub fn get(&self, id: RowId) -> Option<&Onboarding> {
        self.rows.iter().find(|row| row.id == id)
    }

    /// The row with this id, to change.
    pub fn get_mut(&mut self, id: RowId) -> Option<&mut Onboarding> {
        self.rows.iter_mut().find(|row| row.id == id)
    }

    /// The row of this organisation, role and environment, if there is one.
    pub fn find(&self, code: &OrgCode, role: Role, environment: Environment) -> Option<RowId> {
        self.rows
            .iter()
            .find(|row| row.same_onboarding(code, role, environment))
            .map(|row| row.id)
    }

    fn next_id(&self) -> RowId {
        RowId(self.rows.iter().map(|row| row.id.0).max().unwrap_or(0) + 1)
    }

    /// Adds an onboarding of these values, composed at `now`.
    pub fn add(&mut self, values: RowValues, now: When) -> Result<RowId, AddError> {
        if let Some(existing) = self.find(&values.org_code, values.role, values.environment) {
            return Err(AddError::Duplicate(existing));
        }
        if self.rows.len() >= MAX_WORKSPACE_ROWS {
            return Err(AddError::Full);
        }
        let id = self.next_id();
        self.rows.push(Onboarding::new(id, values, now));
        Ok(id)
    }

    /// Starts the same organisation's onboarding in the next environment: same name, code, role
    /// and integrator choice, no client id, ticks or key (one client per environment). An
    /// existing row for it is `Err(Duplicate)`, for the page to open instead.
    pub fn add_next_environment(&mut self, from: RowId, now: i64) -> Result<RowId, AddError> {
        let Some(row) = self.get(from) else {
            return Err(AddError::Full);
        };
        let environment = next_environment(row.environment).ok_or(AddError::LastEnvironment)?;
        let values = RowValues {
            org_name: row.org_name.clone(),
            org_code: row.org_code.clone(),
            role: row.role,
            environment,
            integrator: row.integrator,
            client_id: None,
        };
        self.add(values, Some(now))
    }

    /// Removes a row; returns it with its position, for an undo.
    pub fn remove(&mut self, id: RowId) -> Option<(usize, Onboarding)> {
        let index = self.rows.iter().position(|row| row.id == id)?;
        Some((index, self.rows.remove(index)))
    }

    /// Puts a removed row back where it was (undo), unless its onboarding was added again since.
    pub fn restore(&mut self, index: usize, row: Onboarding) -> bool {
        if self
            .find(&row.org_code, row.role, row.environment)
            .is_some()
            || self.get(row.id).is_some()
        {
            return false;
        }
        let index = index.min(self.rows.len());
        self.rows.insert(index, row);
        true
    }

    /// Adds the rows of an import (already checked against this workspace by
    /// [`Workspace::check_import`]), giving each a fresh id; returns the ids.
    pub fn append(&mut self, rows: Vec<Onboarding>) -> Vec<RowId> {
        let mut ids = Vec::with_capacity(rows.len());
        for mut row in rows {
            row.id = self.next_id();
            ids.push(row.id);
            self.rows.push(row);
        }
        ids
    }

    /// The rows whose registered key has this thumbprint.
    pub fn rows_with_key<'a>(
        &'a self,
        thumbprint: &'a str,
    ) -> impl Iterator<Item = &'a Onboarding> {
        self.rows.iter().filter(move |row| {
            row.key
                .as_ref()
                .is_some_and(|(key, _)| key.thumbprint.as_str() == thumbprint)
        })
    }
}

/// What the page says about the key loaded and the onboarding open.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum KeyMatch {
    /// No key loaded, or no row registered it and the open row has none either.
    Nothing,
    /// The open row registered this key.
    ThisOnboarding,
    /// Other rows registered it (and the open one did not): a warning.
    OtherOnboarding(Vec<RowId>),
    /// The open row registered another key (this thumbprint): a warning.
    OpenRowHasAnotherKey(Thumbprint),
    /// No row is open; these rows registered the key.
    RegisteredFor(Vec<RowId>),
}

/// Which onboarding the loaded key belongs to, against the open one.
pub fn key_match(workspace: &Workspace, open: Option<RowId>, thumbprint: Option<&str>) -> KeyMatch {
    let Some(thumbprint) = thumbprint else {
        return KeyMatch::Nothing;
    };
    let owners: Vec<RowId> = workspace.rows_with_key(thumbprint).map(|r| r.id).collect();
    let Some(open) = open.and_then(|id| workspace.get(id)) else {
        return if owners.is_empty() {
            KeyMatch::Nothing
        } else {
            KeyMatch::RegisteredFor(owners)
        };
    };
    match &open.key {
        Some((key, _)) if key.thumbprint.as_str() == thumbprint => KeyMatch::ThisOnboarding,
        Some((key, _)) => KeyMatch::OpenRowHasAnotherKey(key.thumbprint.clone()),
        None if owners.is_empty() => KeyMatch::Nothing,
        None => KeyMatch::OtherOnboarding(owners),
    }
}
