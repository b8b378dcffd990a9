//! The ping answer check: does what ACM and the API know about this client match what was
//! registered? Each check yields a row with the expected and the found value; the rows give
//! the verdict. The checker is total: any input gives a report, never a panic.
//!
//! Field names are matched case-insensitively and with or without `_`/`-` (`clientId`,
//! `client_id`, `VoOrgcode`, `vo_orgcode`); fields the checker does not know are listed, never
//! rejected.

use serde_json::{Map, Value};

use crate::domain::checked::client_id::ClientId;
use crate::domain::checked::json::{self, JsonError};
use crate::domain::checked::organisation::{OrgCode, OrgName};
use crate::domain::facts::config::Endpoints;
use crate::domain::facts::environment::{AcmSide, Brand, Role};
use crate::domain::onboarding::registration::Registration;

mod answer;
mod rows;

use answer::{normalise_key, unknown_fields, Answer};
use rows::{
    check_active, check_client_id, check_client_name, check_environment, check_org_code,
    check_org_name, check_scopes, check_subject, check_times, row,
};

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

listed_enum! {
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
}

impl CheckId {
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

#[cfg(test)]
mod tests {
    use super::answer::{format_time, normalise_org_name, parse_time};
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
