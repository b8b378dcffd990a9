//! The ping answer check: does what ACM and the API know about this client match what was
//! registered? Each check yields a row with the expected and the found value; the rows give
//! the verdict. The checker is total: any input gives a report, never a panic.
//!
//! Field names are matched case-insensitively and with or without `_`/`-` (`clientId`,
//! `client_id`, `VoOrgcode`, `vo_orgcode`); fields the checker does not know are listed, never
//! rejected.

use serde_json::{Map, Value};

use crate::domain::checked::client_id::ClientId;
use crate::domain::facts::config::Endpoints;
use crate::domain::facts::environment::{AcmSide, Brand, Role, BASE_SCOPE};
use crate::domain::acm::exchange::same_endpoint;
use crate::domain::checked::json::{self, JsonError};
use crate::domain::onboarding::naming;
use crate::domain::checked::organisation::{OrgCode, OrgName};
use crate::domain::onboarding::registration::Registration;
use crate::domain::checked::time;

/// Largest answer accepted.
pub(crate) const MAX_PING_BYTES: usize = 5 * 1024 * 1024;
/// An answer whose token expired longer ago than this is probably an old copy (a warning).
pub(crate) const STALE_AFTER_SECONDS: i64 = 24 * 3600;
/// An `iat` further in the future than this points at a wrong clock (a warning).
pub(crate) const FUTURE_IAT_TOLERANCE_SECONDS: i64 = 300;

/// What the answer should say, from the page's other steps. `None`: not entered yet.
#[derive(Debug, Clone)]
pub struct Expectations {
    /// The client id entered in step 4.
    pub client_id: Option<String>,
    /// The organisation code of step 1, when valid.
    pub org_code: Option<OrgCode>,
    /// The organisation's name of step 1, when valid.
    pub org_name: Option<OrgName>,
    /// The composed client name (`DAO beta Stad Gent client`).
    pub client_name: Option<String>,
    /// The issuer the answer's `iss` must equal (the issuer field: default or override).
    pub issuer: String,
    /// The ACM instance of the chosen environment.
    pub side: AcmSide,
    /// The chosen API name.
    pub brand: Brand,
    /// The chosen role.
    pub role: Role,
    /// Unix seconds.
    pub now: i64,
}

impl Expectations {
    /// The expectations from the page's other steps, checked at `now` (Unix seconds).
    pub fn from_steps(
        reg: &Registration,
        endpoints: &Endpoints,
        client_id: &str,
        now: i64,
    ) -> Expectations {
        Expectations {
            client_id: ClientId::parse(client_id)
                .ok()
                .map(|id| id.as_str().to_string()),
            org_code: reg.org_code.clone().ok(),
            org_name: reg.org_name.clone().ok(),
            client_name: reg.client_name.clone(),
            issuer: endpoints.issuer.clone(),
            side: reg.environment.acm_side(),
            brand: reg.brand,
            role: reg.role,
            now,
        }
    }
}

/// The checks, in display order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum CheckId {
    /// The answer is a JSON object.
    Json,
    /// The client id.
    ClientId,
    /// The token's `sub`, shown for information.
    Subject,
    /// The organisation code (`vo_orgcode`).
    OrgCode,
    /// The organisation's name (`vo_orgnaam`).
    OrgName,
    /// The client name (`vo_applicatienaam`).
    ClientName,
    /// The environment, from the token's issuer.
    Environment,
    /// The token is active.
    Active,
    /// The scopes granted.
    Scopes,
    /// The token's `iat` and `exp`.
    TokenTimes,
}

impl CheckId {
    /// Every check, in the order of the table.
    pub const ALL: [CheckId; 10] = [
        CheckId::Json,
        CheckId::ClientId,
        CheckId::Subject,
        CheckId::OrgCode,
        CheckId::OrgName,
        CheckId::ClientName,
        CheckId::Environment,
        CheckId::Active,
        CheckId::Scopes,
        CheckId::TokenTimes,
    ];

    /// A stable name for automation (`data-check`).
    pub fn id(self) -> &'static str {
        match self {
            CheckId::Json => "json",
            CheckId::ClientId => "client-id",
            CheckId::Subject => "subject",
            CheckId::OrgCode => "org-code",
            CheckId::OrgName => "org-name",
            CheckId::ClientName => "client-name",
            CheckId::Environment => "environment",
            CheckId::Active => "active",
            CheckId::Scopes => "scopes",
            CheckId::TokenTimes => "token-times",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
/// How a check came out.
pub enum CheckStatus {
    /// As registered.
    Ok,
    /// Acceptable, but worth a look.
    Warning,
    /// Not as registered.
    Fail,
}

impl CheckStatus {
    /// The status as a stable id (`ok`, `warning`, `fail`), for the markup and the tests.
    pub fn id(self) -> &'static str {
        match self {
            CheckStatus::Ok => "ok",
            CheckStatus::Warning => "warning",
            CheckStatus::Fail => "fail",
        }
    }
}

/// What a check found, for the UI to put into words.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum Finding {
    /// Equal.
    Matches,
    /// Equal after normalising case, accents, punctuation or the legal form.
    MatchesAfterNormalising,
    /// The page has no expected value yet (the field in an earlier step is empty).
    NotEntered,
    /// The token's `sub`, shown for information, and whether it equals the client id.
    SubjectShown {
        /// True when it is the client id too.
        equals_client_id: bool,
    },
    /// The token has no `sub` (no source requires one).
    SubjectAbsent,
    /// The answer lacks the field.
    Missing {
        /// The field's name.
        field: &'static str,
    },
    /// Different.
    Differs,
    /// The answer gives different values in different places (top level vs `token`).
    Inconsistent,
    /// Equal except for case or white space.
    CaseOrSpacing,
    /// One name contains the other.
    Partial,
    /// Signed by the other ACM instance: registered in the wrong environment.
    WrongEnvironment {
        /// The instance that signed it.
        found: AcmSide,
    },
    /// An issuer that is neither ACM instance.
    UnknownIssuer,
    /// `active` is false.
    Inactive,
    /// `active` is the string `"true"`, not the boolean.
    NotBoolean,
    /// Scopes requested but not granted.
    MissingScopes {
        /// The scopes missing.
        missing: Vec<String>,
    },
    /// The role scope of the other brand (`dao_*` vs `elys_*`) instead of the chosen one.
    OtherBrandScope {
        /// The scope found.
        scope: String,
    },
    /// The answer's organisation code is not a valid KBO number.
    MalformedOrgCode,
    /// A time field is not a time.
    TimeUnreadable {
        /// The field's name.
        field: &'static str,
    },
    /// `exp` is not after `iat`.
    ExpNotAfterIat,
    /// The token expired long ago: an old answer, perhaps.
    ExpiredLongAgo {
        /// How long ago.
        hours: i64,
    },
    /// `iat` is in the future: a clock is off.
    IatInFuture {
        /// How far ahead.
        minutes: i64,
    },
    /// The answer is not readable JSON.
    Invalid(JsonError),
}

/// One row of the report.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CheckRow {
    /// The check.
    pub check: CheckId,
    /// How it came out.
    pub status: CheckStatus,
    /// What was registered.
    pub expected: String,
    /// What the answer holds.
    pub found: String,
    /// Why the status is what it is.
    pub finding: Finding,
    /// The answer's fields this check read, as dotted paths with the answer's own spelling.
    pub paths: Vec<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
/// The answer as a whole.
pub enum Verdict {
    /// Everything as registered.
    Ok,
    /// As registered, with a warning.
    Warning,
    /// Something is not as registered.
    Mismatch,
    /// Not a readable ping answer.
    Invalid,
}

impl Verdict {
    /// The verdict as a stable id, for the markup and the tests.
    pub fn id(self) -> &'static str {
        match self {
            Verdict::Ok => "ok",
            Verdict::Warning => "warning",
            Verdict::Mismatch => "mismatch",
            Verdict::Invalid => "invalid",
        }
    }
}

/// The whole check of one answer.
#[derive(Debug, Clone, PartialEq)]
pub struct PingReport {
    /// The answer as a whole.
    pub verdict: Verdict,
    /// One row per check, in [`CheckId`] order.
    pub rows: Vec<CheckRow>,
    /// Fields the checker does not know, as dotted paths.
    pub unknown_fields: Vec<String>,
    /// The parsed answer, for the tree view.
    pub answer: Option<Value>,
}

impl PingReport {
    /// The row of one check.
    pub fn row(&self, check: CheckId) -> Option<&CheckRow> {
        self.rows.iter().find(|row| row.check == check)
    }

    /// The row that explains the verdict: the most telling failure, else the first warning.
    pub fn primary_row(&self) -> Option<&CheckRow> {
        const PRIORITY: [CheckId; 9] = [
            CheckId::Json,
            CheckId::Environment,
            CheckId::OrgCode,
            CheckId::ClientId,
            CheckId::ClientName,
            CheckId::Scopes,
            CheckId::Active,
            CheckId::TokenTimes,
            CheckId::OrgName,
        ];
        for status in [CheckStatus::Fail, CheckStatus::Warning] {
            for check in PRIORITY {
                if let Some(row) = self.row(check).filter(|row| row.status == status) {
                    return Some(row);
                }
            }
        }
        None
    }

    /// Every path a check read, for highlighting in the tree.
    pub fn checked_paths(&self) -> Vec<&str> {
        self.rows
            .iter()
            .flat_map(|row| row.paths.iter().map(String::as_str))
            .collect()
    }
}

/// Checks an answer read from a file: bytes that must be UTF-8.
pub fn check_bytes(bytes: &[u8], expectations: &Expectations) -> PingReport {
    match json::decode_utf8(bytes, MAX_PING_BYTES) {
        Ok(text) => check_text(text, expectations),
        Err(err) => invalid(err),
    }
}

/// Checks a pasted or fetched answer.
pub fn check_text(text: &str, expectations: &Expectations) -> PingReport {
    match json::parse_object(text, MAX_PING_BYTES) {
        Ok(object) => check_object(object, expectations),
        Err(err) => invalid(err),
    }
}

/// The report for a file too large to read (its size is known before reading it).
pub fn check_oversized(bytes: usize) -> PingReport {
    invalid(JsonError::TooLarge {
        bytes,
        max: MAX_PING_BYTES,
    })
}

fn invalid(err: JsonError) -> PingReport {
    PingReport {
        verdict: Verdict::Invalid,
        rows: vec![CheckRow {
            check: CheckId::Json,
            status: CheckStatus::Fail,
            expected: String::new(),
            found: String::new(),
            finding: Finding::Invalid(err),
            paths: Vec::new(),
        }],
        unknown_fields: Vec::new(),
        answer: None,
    }
}

/// A key as the checker compares it: lower case, without `_` and `-`.
fn normalise_key(key: &str) -> String {
    key.chars()
        .filter(|c| *c != '_' && *c != '-')
        .flat_map(char::to_lowercase)
        .collect()
}

const KNOWN_TOP: [&str; 5] = ["voorgcode", "scopes", "scope", "clientid", "token"];
const KNOWN_TOKEN: [&str; 17] = [
    "active",
    "iss",
    "sub",
    "clientid",
    "voorgcode",
    "voorgnaam",
    "voapplicatienaam",
    "tokentype",
    "aud",
    "scope",
    "scopes",
    "iat",
    "exp",
    "nbf",
    "jti",
    "void",
    "username",
];

/// The answer with its two levels, looked up by normalised key.
struct Answer<'a> {
    top: &'a Map<String, Value>,
    token: Option<&'a Map<String, Value>>,
}

/// A value found in the answer, with its path.
struct Found<'a> {
    path: String,
    value: &'a Value,
}

impl<'a> Answer<'a> {
    fn find_in(map: &'a Map<String, Value>, prefix: &str, name: &str) -> Option<Found<'a>> {
        map.iter()
            .find(|(key, _)| normalise_key(key) == name)
            .map(|(key, value)| Found {
                path: format!("{prefix}{key}"),
                value,
            })
    }

    fn top(&self, name: &str) -> Option<Found<'a>> {
        Self::find_in(self.top, "", name)
    }

    fn in_token(&self, name: &str) -> Option<Found<'a>> {
        let token = self.token?;
        let token_key = self
            .top
            .keys()
            .find(|key| normalise_key(key) == "token")
            .map_or("token", String::as_str);
        Self::find_in(token, &format!("{token_key}."), name)
    }

    /// A field of the token introspection, or the same field at the top level as a fallback.
    fn token_field(&self, name: &str) -> Option<Found<'a>> {
        self.in_token(name).or_else(|| self.top(name))
    }
}

fn text_of(value: &Value) -> String {
    match value {
        Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}

fn row(
    check: CheckId,
    status: CheckStatus,
    expected: impl Into<String>,
    found: impl Into<String>,
    finding: Finding,
    paths: Vec<String>,
) -> CheckRow {
    CheckRow {
        check,
        status,
        expected: expected.into(),
        found: found.into(),
        finding,
        paths,
    }
}

fn check_object(object: Map<String, Value>, exp: &Expectations) -> PingReport {
    let token = object
        .iter()
        .find(|(key, _)| normalise_key(key) == "token")
        .and_then(|(_, value)| value.as_object());
    let answer = Answer {
        top: &object,
        token,
    };
    let field_count = object.len();
    let rows = vec![
        row(
            CheckId::Json,
            CheckStatus::Ok,
            "",
            field_count.to_string(),
            Finding::Matches,
            Vec::new(),
        ),
        check_client_id(&answer, exp),
        check_subject(&answer, exp),
        check_org_code(&answer, exp),
        check_org_name(&answer, exp),
        check_client_name(&answer, exp),
        check_environment(&answer, exp),
        check_active(&answer),
        check_scopes(&answer, exp),
        check_times(&answer, exp),
    ];
    let unknown_fields = unknown_fields(&answer);
    let verdict = if rows.iter().any(|r| r.status == CheckStatus::Fail) {
        Verdict::Mismatch
    } else if rows.iter().any(|r| r.status == CheckStatus::Warning) {
        Verdict::Warning
    } else {
        Verdict::Ok
    };
    PingReport {
        verdict,
        rows,
        unknown_fields,
        answer: Some(Value::Object(object)),
    }
}

fn unknown_fields(answer: &Answer<'_>) -> Vec<String> {
    let mut unknown: Vec<String> = answer
        .top
        .keys()
        .filter(|key| {
            let key = normalise_key(key);
            !KNOWN_TOP.contains(&key.as_str()) && !KNOWN_TOKEN.contains(&key.as_str())
        })
        .cloned()
        .collect();
    if let Some(token) = answer.token {
        let token_key = answer
            .top
            .keys()
            .find(|key| normalise_key(key) == "token")
            .map_or("token", String::as_str);
        unknown.extend(
            token
                .keys()
                .filter(|key| !KNOWN_TOKEN.contains(&normalise_key(key).as_str()))
                .map(|key| format!("{token_key}.{key}")),
        );
    }
    unknown
}

/// Shows the distinct values found, in order.
fn distinct(values: &[String]) -> String {
    let mut seen: Vec<&String> = Vec::new();
    for value in values {
        if !seen.contains(&value) {
            seen.push(value);
        }
    }
    seen.iter()
        .map(|s| s.as_str())
        .collect::<Vec<_>>()
        .join(" / ")
}

fn check_client_id(answer: &Answer<'_>, exp: &Expectations) -> CheckRow {
    // `clientId` at the top and `client_id` in the token, either spelling. Not `sub`: the API
    // team documents it as a subject id of its own (`<<Subject id>>` beside `<<Client id>>`).
    let places: Vec<Found<'_>> = [answer.top("clientid"), answer.in_token("clientid")]
        .into_iter()
        .flatten()
        .collect();
    let paths: Vec<String> = places.iter().map(|f| f.path.clone()).collect();
    let values: Vec<String> = places.iter().map(|f| text_of(f.value)).collect();
    let found = distinct(&values);
    let expected = exp.client_id.clone().unwrap_or_default();
    if values.is_empty() {
        return row(
            CheckId::ClientId,
            CheckStatus::Fail,
            expected,
            "",
            Finding::Missing { field: "clientId" },
            paths,
        );
    }
    let Some(expected_id) = &exp.client_id else {
        return row(
            CheckId::ClientId,
            CheckStatus::Warning,
            "",
            found,
            Finding::NotEntered,
            paths,
        );
    };
    // ACM client ids are UUIDs, whose hex digits may come back in either case.
    let equal = |value: &String| value.trim().eq_ignore_ascii_case(expected_id.trim());
    if values.iter().all(equal) {
        row(
            CheckId::ClientId,
            CheckStatus::Ok,
            expected,
            found,
            Finding::Matches,
            paths,
        )
    } else if values.iter().any(equal) {
        row(
            CheckId::ClientId,
            CheckStatus::Fail,
            expected,
            found,
            Finding::Inconsistent,
            paths,
        )
    } else {
        row(
            CheckId::ClientId,
            CheckStatus::Fail,
            expected,
            found,
            Finding::Differs,
            paths,
        )
    }
}

/// The token's `sub`, shown for information: a subject id of its own in the documented answer,
/// equal to the client id or not; never a failure by itself.
fn check_subject(answer: &Answer<'_>, exp: &Expectations) -> CheckRow {
    let Some(found) = answer.in_token("sub") else {
        return row(
            CheckId::Subject,
            CheckStatus::Ok,
            "",
            "",
            Finding::SubjectAbsent,
            Vec::new(),
        );
    };
    let value = text_of(found.value);
    let equals_client_id = exp
        .client_id
        .as_deref()
        .is_some_and(|id| value.trim().eq_ignore_ascii_case(id.trim()));
    row(
        CheckId::Subject,
        CheckStatus::Ok,
        "",
        value,
        Finding::SubjectShown { equals_client_id },
        vec![found.path],
    )
}

fn check_org_code(answer: &Answer<'_>, exp: &Expectations) -> CheckRow {
    let places: Vec<Found<'_>> = [answer.top("voorgcode"), answer.in_token("voorgcode")]
        .into_iter()
        .flatten()
        .collect();
    let paths: Vec<String> = places.iter().map(|f| f.path.clone()).collect();
    let raw: Vec<String> = places.iter().map(|f| text_of(f.value)).collect();
    let expected = exp
        .org_code
        .as_ref()
        .map(|c| c.canonical().to_string())
        .unwrap_or_default();
    if raw.is_empty() {
        return row(
            CheckId::OrgCode,
            CheckStatus::Fail,
            expected,
            "",
            Finding::Missing {
                field: "vo_orgcode",
            },
            paths,
        );
    }
    let parsed: Vec<Result<OrgCode, _>> = raw.iter().map(|value| OrgCode::parse(value)).collect();
    let canonical: Vec<String> = parsed
        .iter()
        .zip(&raw)
        .map(|(code, raw)| {
            code.as_ref()
                .map_or_else(|_| raw.clone(), |c| c.canonical().to_string())
        })
        .collect();
    let found = distinct(&canonical);
    let consistent = canonical.iter().all(|c| *c == canonical[0]);
    let Some(expected_code) = &exp.org_code else {
        let status = if consistent {
            CheckStatus::Warning
        } else {
            CheckStatus::Fail
        };
        let finding = if consistent {
            Finding::NotEntered
        } else {
            Finding::Inconsistent
        };
        return row(CheckId::OrgCode, status, "", found, finding, paths);
    };
    if canonical.iter().all(|c| c == expected_code.canonical()) {
        row(
            CheckId::OrgCode,
            CheckStatus::Ok,
            expected,
            found,
            Finding::Matches,
            paths,
        )
    } else if !consistent {
        row(
            CheckId::OrgCode,
            CheckStatus::Fail,
            expected,
            found,
            Finding::Inconsistent,
            paths,
        )
    } else if parsed.iter().any(Result::is_err) {
        row(
            CheckId::OrgCode,
            CheckStatus::Fail,
            expected,
            found,
            Finding::MalformedOrgCode,
            paths,
        )
    } else {
        row(
            CheckId::OrgCode,
            CheckStatus::Fail,
            expected,
            found,
            Finding::Differs,
            paths,
        )
    }
}

fn check_org_name(answer: &Answer<'_>, exp: &Expectations) -> CheckRow {
    let place = answer.token_field("voorgnaam");
    let paths: Vec<String> = place.iter().map(|f| f.path.clone()).collect();
    let expected = exp
        .org_name
        .as_ref()
        .map(|n| n.as_str().to_string())
        .unwrap_or_default();
    let Some(place) = place else {
        return row(
            CheckId::OrgName,
            CheckStatus::Warning,
            expected,
            "",
            Finding::Missing {
                field: "vo_orgnaam",
            },
            paths,
        );
    };
    let found = text_of(place.value);
    let Some(expected_name) = &exp.org_name else {
        return row(
            CheckId::OrgName,
            CheckStatus::Warning,
            "",
            found,
            Finding::NotEntered,
            paths,
        );
    };
    if found.trim() == expected_name.as_str() {
        return row(
            CheckId::OrgName,
            CheckStatus::Ok,
            expected,
            found,
            Finding::Matches,
            paths,
        );
    }
    let (a, b) = (
        normalise_org_name(&found),
        normalise_org_name(expected_name.as_str()),
    );
    let (status, finding) = if !a.is_empty() && a == b {
        (CheckStatus::Ok, Finding::MatchesAfterNormalising)
    } else if !a.is_empty() && !b.is_empty() && (contains_words(&a, &b) || contains_words(&b, &a)) {
        (CheckStatus::Warning, Finding::Partial)
    } else {
        (CheckStatus::Warning, Finding::Differs)
    };
    row(CheckId::OrgName, status, expected, found, finding, paths)
}

/// Whether the words of `needle` appear, in order and contiguous, among the words of `haystack`.
fn contains_words(haystack: &str, needle: &str) -> bool {
    let hay: Vec<&str> = haystack.split(' ').collect();
    let needle: Vec<&str> = needle.split(' ').collect();
    hay.windows(needle.len())
        .any(|window| window == needle.as_slice())
}

fn check_client_name(answer: &Answer<'_>, exp: &Expectations) -> CheckRow {
    let place = answer.token_field("voapplicatienaam");
    let paths: Vec<String> = place.iter().map(|f| f.path.clone()).collect();
    let expected = exp.client_name.clone().unwrap_or_default();
    // Not among the onboarding text's required matches (vo_orgcode, vo_orgnaam, client id):
    // a missing or differing client name is a warning.
    let Some(place) = place else {
        return row(
            CheckId::ClientName,
            CheckStatus::Warning,
            expected,
            "",
            Finding::Missing {
                field: "vo_applicatienaam",
            },
            paths,
        );
    };
    let found = text_of(place.value);
    let Some(expected_name) = &exp.client_name else {
        return row(
            CheckId::ClientName,
            CheckStatus::Warning,
            "",
            found,
            Finding::NotEntered,
            paths,
        );
    };
    let loose = |s: &str| {
        s.split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
            .to_lowercase()
    };
    if found == *expected_name {
        row(
            CheckId::ClientName,
            CheckStatus::Ok,
            expected,
            found,
            Finding::Matches,
            paths,
        )
    } else if loose(&found) == loose(expected_name) {
        row(
            CheckId::ClientName,
            CheckStatus::Warning,
            expected,
            found,
            Finding::CaseOrSpacing,
            paths,
        )
    } else {
        row(
            CheckId::ClientName,
            CheckStatus::Warning,
            expected,
            found,
            Finding::Differs,
            paths,
        )
    }
}

fn check_environment(answer: &Answer<'_>, exp: &Expectations) -> CheckRow {
    let place = answer.token_field("iss");
    let paths: Vec<String> = place.iter().map(|f| f.path.clone()).collect();
    let expected = exp.issuer.clone();
    let Some(place) = place else {
        return row(
            CheckId::Environment,
            CheckStatus::Fail,
            expected,
            "",
            Finding::Missing { field: "iss" },
            paths,
        );
    };
    let found = text_of(place.value);
    if same_endpoint(&found, &exp.issuer) {
        row(
            CheckId::Environment,
            CheckStatus::Ok,
            expected,
            found,
            Finding::Matches,
            paths,
        )
    } else if same_endpoint(&found, exp.side.other().issuer()) {
        let wrong = Finding::WrongEnvironment {
            found: exp.side.other(),
        };
        row(
            CheckId::Environment,
            CheckStatus::Fail,
            expected,
            found,
            wrong,
            paths,
        )
    } else {
        row(
            CheckId::Environment,
            CheckStatus::Fail,
            expected,
            found,
            Finding::UnknownIssuer,
            paths,
        )
    }
}

fn check_active(answer: &Answer<'_>) -> CheckRow {
    let place = answer.token_field("active");
    let paths: Vec<String> = place.iter().map(|f| f.path.clone()).collect();
    match place.map(|f| f.value) {
        None => row(
            CheckId::Active,
            CheckStatus::Fail,
            "true",
            "",
            Finding::Missing { field: "active" },
            paths,
        ),
        Some(Value::Bool(true)) => row(
            CheckId::Active,
            CheckStatus::Ok,
            "true",
            "true",
            Finding::Matches,
            paths,
        ),
        Some(Value::Bool(false)) => row(
            CheckId::Active,
            CheckStatus::Fail,
            "true",
            "false",
            Finding::Inactive,
            paths,
        ),
        Some(Value::String(s)) if s.trim().eq_ignore_ascii_case("true") => row(
            CheckId::Active,
            CheckStatus::Warning,
            "true",
            s.clone(),
            Finding::NotBoolean,
            paths,
        ),
        Some(other) => row(
            CheckId::Active,
            CheckStatus::Fail,
            "true",
            text_of(other),
            Finding::Inactive,
            paths,
        ),
    }
}

/// Scopes as ACM gives them: a space-separated string or an array of strings.
fn scope_list(value: &Value) -> Vec<String> {
    match value {
        Value::String(s) => s.split_whitespace().map(str::to_string).collect(),
        Value::Array(items) => items
            .iter()
            .filter_map(Value::as_str)
            .flat_map(|s| s.split_whitespace())
            .map(str::to_string)
            .collect(),
        _ => Vec::new(),
    }
}

/// The scopes: `vo_info` and the role scope must both be in the token's scope list; the
/// top-level `scopes` may hold the role scope alone (client-aanvragen.md's December 2024 answer
/// showed `"scopes": "dao_lbbs"`), so there only the role scope is required.
fn check_scopes(answer: &Answer<'_>, exp: &Expectations) -> CheckRow {
    let in_token: Vec<Found<'_>> = [answer.in_token("scope"), answer.in_token("scopes")]
        .into_iter()
        .flatten()
        .collect();
    let top_level: Vec<Found<'_>> = [answer.top("scopes"), answer.top("scope")]
        .into_iter()
        .flatten()
        .collect();
    let paths: Vec<String> = in_token
        .iter()
        .chain(&top_level)
        .map(|f| f.path.clone())
        .collect();
    let role_scope = naming::role_scope(exp.brand, exp.role);
    let required = [BASE_SCOPE.to_string(), role_scope.clone()];
    let expected = required.join(" ");
    if in_token.is_empty() {
        return row(
            CheckId::Scopes,
            CheckStatus::Fail,
            expected,
            top_level
                .iter()
                .flat_map(|f| scope_list(f.value))
                .collect::<Vec<_>>()
                .join(" "),
            Finding::Missing {
                field: "token.scope",
            },
            paths,
        );
    }
    let token_lists: Vec<Vec<String>> = in_token.iter().map(|f| scope_list(f.value)).collect();
    let top_lists: Vec<Vec<String>> = top_level.iter().map(|f| scope_list(f.value)).collect();
    let mut union: Vec<String> = Vec::new();
    for scope in token_lists.iter().chain(&top_lists).flatten() {
        if !union.contains(scope) {
            union.push(scope.clone());
        }
    }
    let found = union.join(" ");
    let mut missing: Vec<String> = Vec::new();
    let mut require = |list: &Vec<String>, scope: &String| {
        if !list.contains(scope) && !missing.contains(scope) {
            missing.push(scope.clone());
        }
    };
    for list in &token_lists {
        for scope in &required {
            require(list, scope);
        }
    }
    for list in &top_lists {
        require(list, &role_scope);
    }
    if missing.is_empty() {
        return row(
            CheckId::Scopes,
            CheckStatus::Ok,
            expected,
            found,
            Finding::Matches,
            paths,
        );
    }
    let other_brand = match exp.brand {
        Brand::Dao => Brand::Elys,
        Brand::Elys => Brand::Dao,
    };
    let other_scope = naming::role_scope(other_brand, exp.role);
    let finding = if missing.contains(&role_scope) && union.contains(&other_scope) {
        Finding::OtherBrandScope { scope: other_scope }
    } else {
        Finding::MissingScopes { missing }
    };
    row(
        CheckId::Scopes,
        CheckStatus::Fail,
        expected,
        found,
        finding,
        paths,
    )
}

/// A time as the API gives it: RFC 3339 text, or Unix seconds as a number or numeric text
/// (values beyond the year 5000 in seconds are taken as milliseconds).
pub(crate) fn parse_time(value: &Value) -> Option<i64> {
    let from_number = |n: f64| {
        if !n.is_finite() {
            None
        } else if n.abs() > 1e11 {
            Some((n / 1000.0) as i64)
        } else {
            Some(n as i64)
        }
    };
    match value {
        Value::Number(n) => n.as_f64().and_then(from_number),
        Value::String(s) => {
            let s = s.trim();
            // serde_json's number parser, so the page carries only one float parser.
            time::parse_rfc3339(s)
                .or_else(|| serde_json::from_str::<f64>(s).ok().and_then(from_number))
        }
        _ => None,
    }
}

/// A Unix time as RFC 3339 UTC text.
pub(crate) fn format_time(unix: i64) -> String {
    time::format_rfc3339(unix)
}

fn check_times(answer: &Answer<'_>, exp: &Expectations) -> CheckRow {
    let iat = answer.token_field("iat");
    let expiry = answer.token_field("exp");
    let paths: Vec<String> = [&iat, &expiry]
        .iter()
        .filter_map(|f| f.as_ref().map(|f| f.path.clone()))
        .collect();
    let expected = "iat < exp".to_string();
    let (Some(iat), Some(expiry)) = (iat, expiry) else {
        let field = if paths.iter().any(|p| p.to_lowercase().ends_with("iat")) {
            "exp"
        } else {
            "iat"
        };
        return row(
            CheckId::TokenTimes,
            CheckStatus::Warning,
            expected,
            "",
            Finding::Missing { field },
            paths,
        );
    };
    let found_raw = format!("{} – {}", text_of(iat.value), text_of(expiry.value));
    // No source makes the token's times part of the match with the registration: an odd time
    // is worth a look (a warning), never a mismatch by itself.
    let Some(iat_time) = parse_time(iat.value) else {
        return row(
            CheckId::TokenTimes,
            CheckStatus::Warning,
            expected,
            found_raw,
            Finding::TimeUnreadable { field: "iat" },
            paths,
        );
    };
    let Some(exp_time) = parse_time(expiry.value) else {
        return row(
            CheckId::TokenTimes,
            CheckStatus::Warning,
            expected,
            found_raw,
            Finding::TimeUnreadable { field: "exp" },
            paths,
        );
    };
    let found = format!("{} – {}", format_time(iat_time), format_time(exp_time));
    if exp_time <= iat_time {
        return row(
            CheckId::TokenTimes,
            CheckStatus::Warning,
            expected,
            found,
            Finding::ExpNotAfterIat,
            paths,
        );
    }
    if iat_time - exp.now > FUTURE_IAT_TOLERANCE_SECONDS {
        let minutes = (iat_time - exp.now) / 60;
        return row(
            CheckId::TokenTimes,
            CheckStatus::Warning,
            expected,
            found,
            Finding::IatInFuture { minutes },
            paths,
        );
    }
    if exp.now - exp_time > STALE_AFTER_SECONDS {
        let hours = (exp.now - exp_time) / 3600;
        return row(
            CheckId::TokenTimes,
            CheckStatus::Warning,
            expected,
            found,
            Finding::ExpiredLongAgo { hours },
            paths,
        );
    }
    row(
        CheckId::TokenTimes,
        CheckStatus::Ok,
        expected,
        found,
        Finding::Matches,
        paths,
    )
}

/// Lower case, accents folded, punctuation to spaces, legal-form words dropped, spaces collapsed:
/// "Begrafenissen Dûchêne BV" and "begrafenissen duchene" compare equal.
pub(crate) fn normalise_org_name(name: &str) -> String {
    const LEGAL_FORMS: &[&str] = &[
        "vzw", "ivzw", "nv", "bv", "bvba", "cv", "cvba", "cvso", "vof", "commv", "sa", "srl",
        "sprl", "asbl", "scrl", "scs", "snc", "ag", "gmbh", "ltd", "dv", "ov",
    ];
    let mut folded = String::with_capacity(name.len());
    for ch in name.chars().flat_map(char::to_lowercase) {
        match fold_accent(ch) {
            Folded::One(c) if c.is_alphanumeric() => folded.push(c),
            Folded::One(_) => folded.push(' '),
            Folded::Two(a, b) => {
                folded.push(a);
                folded.push(b);
            }
        }
    }
    folded
        .split_whitespace()
        .filter(|word| !LEGAL_FORMS.contains(word))
        .collect::<Vec<_>>()
        .join(" ")
}

enum Folded {
    One(char),
    Two(char, char),
}

/// Folds the accented lower-case letters of Latin-1 and Latin Extended-A to plain ASCII.
fn fold_accent(ch: char) -> Folded {
    let plain = match ch {
        'à'..='å' | 'ā' | 'ă' | 'ą' => 'a',
        'ç' | 'ć' | 'ĉ' | 'ċ' | 'č' => 'c',
        'ď' | 'đ' => 'd',
        'è'..='ë' | 'ē' | 'ĕ' | 'ė' | 'ę' | 'ě' => 'e',
        'ĝ' | 'ğ' | 'ġ' | 'ģ' => 'g',
        'ĥ' | 'ħ' => 'h',
        'ì'..='ï' | 'ĩ' | 'ī' | 'ĭ' | 'į' | 'ı' => 'i',
        'ĵ' => 'j',
        'ķ' => 'k',
        'ĺ' | 'ļ' | 'ľ' | 'ŀ' | 'ł' => 'l',
        'ñ' | 'ń' | 'ņ' | 'ň' => 'n',
        'ò'..='ö' | 'ø' | 'ō' | 'ŏ' | 'ő' => 'o',
        'ŕ' | 'ŗ' | 'ř' => 'r',
        'ś' | 'ŝ' | 'ş' | 'š' => 's',
        'ţ' | 'ť' | 'ŧ' => 't',
        'ù'..='ü' | 'ũ' | 'ū' | 'ŭ' | 'ů' | 'ű' | 'ų' => 'u',
        'ŵ' => 'w',
        'ý' | 'ÿ' | 'ŷ' => 'y',
        'ź' | 'ż' | 'ž' => 'z',
        'ß' => return Folded::Two('s', 's'),
        'æ' => return Folded::Two('a', 'e'),
        'œ' => return Folded::Two('o', 'e'),
        'ĳ' => return Folded::Two('i', 'j'),
        other => other,
    };
    Folded::One(plain)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn org_name_normalisation() {
        assert_eq!(
            normalise_org_name("Begrafenissen Dûchêne BV"),
            "begrafenissen duchene"
        );
        assert_eq!(
            normalise_org_name("Zorgbedrijf Antwerpen-Noord/Oost"),
            "zorgbedrijf antwerpen noord oost"
        );
        assert_eq!(
            normalise_org_name("Uitvaartzorg De Vos, vzw"),
            "uitvaartzorg de vos"
        );
        assert_eq!(normalise_org_name("Straße Œuvre"), "strasse oeuvre");
        assert_eq!(normalise_org_name("  "), "");
    }

    #[test]
    fn times_in_every_accepted_form() {
        assert_eq!(
            parse_time(&Value::from("2024-12-19T08:55:56Z")),
            Some(1_734_598_556)
        );
        assert_eq!(
            parse_time(&Value::from("2024-12-19T09:55:56+01:00")),
            Some(1_734_598_556)
        );
        assert_eq!(parse_time(&Value::from(1_734_598_556)), Some(1_734_598_556));
        assert_eq!(parse_time(&Value::from("1734598556")), Some(1_734_598_556));
        assert_eq!(
            parse_time(&Value::from(1_734_598_556_000i64)),
            Some(1_734_598_556)
        );
        // Up to 1e11 a number is seconds (the year 5138); beyond, milliseconds.
        assert_eq!(
            parse_time(&Value::from(100_000_000_000i64)),
            Some(100_000_000_000)
        );
        assert_eq!(
            parse_time(&Value::from(100_000_000_001i64)),
            Some(100_000_000)
        );
        assert_eq!(parse_time(&Value::from("gisteren")), None);
        assert_eq!(parse_time(&Value::Null), None);
        assert_eq!(format_time(1_734_598_556), "2024-12-19T08:55:56Z");
    }

    #[test]
    fn key_normalisation() {
        assert_eq!(normalise_key("VoOrgcode"), "voorgcode");
        assert_eq!(normalise_key("vo_orgcode"), "voorgcode");
        assert_eq!(normalise_key("client-id"), "clientid");
        assert_eq!(normalise_key("CLIENT_ID"), "clientid");
    }
}
