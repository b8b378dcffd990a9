//! Part of `ping`: one check row per registered value, each with the expected and the found value and the finding that explains a difference.

use crate::domain::acm::exchange::same_endpoint;
use crate::domain::checked::organisation::OrgCode;
use crate::domain::facts::environment::{Brand, BASE_SCOPE};
use crate::domain::onboarding::naming;
use serde_json::Value;

use super::answer::{
    distinct, format_time, normalise_org_name, parse_time, scope_list, text_of, Answer, Found,
};
use super::{
    CheckId, CheckRow, CheckStatus, Expectations, Finding, FUTURE_IAT_TOLERANCE_SECONDS,
    STALE_AFTER_SECONDS,
};

pub(super) fn row(
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

pub(super) fn check_client_id(answer: &Answer<'_>, exp: &Expectations) -> CheckRow {
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
pub(super) fn check_subject(answer: &Answer<'_>, exp: &Expectations) -> CheckRow {
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

pub(super) fn check_org_code(answer: &Answer<'_>, exp: &Expectations) -> CheckRow {
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

pub(super) fn check_org_name(answer: &Answer<'_>, exp: &Expectations) -> CheckRow {
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

pub(super) fn check_client_name(answer: &Answer<'_>, exp: &Expectations) -> CheckRow {
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

pub(super) fn check_environment(answer: &Answer<'_>, exp: &Expectations) -> CheckRow {
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

pub(super) fn check_active(answer: &Answer<'_>) -> CheckRow {
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

/// The scopes: `vo_info` and the role scope must both be in the token's scope list; the
/// top-level `scopes` may hold the role scope alone (client-aanvragen.md's December 2024 answer
/// showed `"scopes": "dao_lbbs"`), so there only the role scope is required.
pub(super) fn check_scopes(answer: &Answer<'_>, exp: &Expectations) -> CheckRow {
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

pub(super) fn check_times(answer: &Answer<'_>, exp: &Expectations) -> CheckRow {
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
