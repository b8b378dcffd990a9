//! Part of `messages`: Texts of step 6: the check rows' names, findings and the verdict.

use super::{msg, t, Lang, T};
use crate::domain::onboarding::ping::{CheckId, CheckRow, Finding, PingReport, Verdict};

use super::json::json_error;
use super::organisation::acm_side;
use super::owned;

pub fn check_name(lang: Lang, check: CheckId) -> &'static str {
    t(
        lang,
        match check {
            CheckId::Json => T::CheckNameJson,
            CheckId::ClientId => T::CheckNameClientId,
            CheckId::Subject => T::CheckNameSubject,
            CheckId::OrgCode => T::CheckNameOrgCode,
            CheckId::OrgName => T::CheckNameOrgName,
            CheckId::ClientName => T::CheckNameClientName,
            CheckId::Environment => T::CheckNameEnvironment,
            CheckId::Active => T::CheckNameActive,
            CheckId::Scopes => T::CheckNameScopes,
            CheckId::TokenTimes => T::CheckNameTokenTimes,
        },
    )
}

/// A check's name by its stable id (as a workspace's proof keeps it); the id itself for one
/// this page no longer has.
pub fn check_name_by_id(lang: Lang, id: &str) -> String {
    CheckId::ALL
        .into_iter()
        .find(|check| check.id() == id)
        .map_or_else(
            || id.to_string(),
            |check| check_name(lang, check).to_string(),
        )
}

/// The explanation of one check row.
pub fn finding(lang: Lang, row: &CheckRow) -> String {
    let check = row.check;
    match &row.finding {
        Finding::Matches => match check {
            CheckId::Json => {
                let count = &row.found;
                msg::FindingJson { count: &count }.text(lang)
            }
            _ => owned(lang, T::FindingMatches),
        },
        Finding::MatchesAfterNormalising => owned(lang, T::FindingMatchesAfterNormalising),
        Finding::NotEntered => owned(lang, T::FindingNotEntered),
        Finding::SubjectShown {
            equals_client_id: true,
        } => owned(lang, T::FindingSubjectIsClientId),
        Finding::SubjectShown {
            equals_client_id: false,
        } => owned(lang, T::FindingSubjectOfItsOwn),
        Finding::SubjectAbsent => owned(lang, T::FindingSubjectAbsent),
        Finding::Missing { field } => msg::FindingMissing { field: &field }.text(lang),
        Finding::Differs => match check {
            CheckId::ClientId => owned(lang, T::FindingClientId),
            CheckId::OrgCode => owned(lang, T::FindingOrgCode),
            CheckId::OrgName => owned(lang, T::FindingOrgName),
            CheckId::ClientName => owned(lang, T::FindingClientName),
            _ => owned(lang, T::FindingDiffers),
        },
        Finding::Inconsistent => owned(lang, T::FindingInconsistent),
        Finding::CaseOrSpacing => owned(lang, T::FindingCaseOrSpacing),
        Finding::Partial => owned(lang, T::FindingPartial),
        Finding::WrongEnvironment { found } => {
            let found = acm_side(lang, *found);
            msg::FindingWrongEnvironment { found: &found }.text(lang)
        }
        Finding::UnknownIssuer => owned(lang, T::FindingUnknownIssuer),
        Finding::Inactive => owned(lang, T::FindingInactive),
        Finding::NotBoolean => owned(lang, T::FindingNotBoolean),
        Finding::MissingScopes { missing } => {
            let missing = missing.join(", ");
            msg::FindingMissingScopes { missing: &missing }.text(lang)
        }
        Finding::OtherBrandScope { scope } => {
            msg::FindingOtherBrandScope { scope: &scope }.text(lang)
        }
        Finding::MalformedOrgCode => owned(lang, T::FindingMalformedOrgCode),
        Finding::TimeUnreadable { field } => {
            msg::FindingTimeUnreadable { field: &field }.text(lang)
        }
        Finding::ExpNotAfterIat => owned(lang, T::FindingExpNotAfterIat),
        Finding::ExpiredLongAgo { hours } => {
            msg::FindingExpiredLongAgo { hours: &hours }.text(lang)
        }
        Finding::IatInFuture { minutes } => {
            msg::FindingIatInFuture { minutes: &minutes }.text(lang)
        }
        Finding::Invalid(err) => json_error(lang, err),
    }
}

/// The one sentence that sums up a report and says what to do next.
pub fn verdict(lang: Lang, report: &PingReport) -> String {
    let primary = report.primary_row();
    match report.verdict {
        Verdict::Ok => owned(lang, T::VerdictOk),
        Verdict::Invalid => {
            let detail = primary.map(|row| finding(lang, row)).unwrap_or_default();
            msg::VerdictInvalid { detail: &detail }.text(lang)
        }
        Verdict::Warning => {
            let (name, detail) = primary.map_or((String::new(), String::new()), |row| {
                (
                    check_name(lang, row.check).to_lowercase(),
                    finding(lang, row),
                )
            });
            msg::VerdictWarning {
                detail: &detail,
                name: &name,
            }
            .text(lang)
        }
        Verdict::Mismatch => {
            let Some(row) = primary else {
                return String::new();
            };
            let detail = finding(lang, row);
            match row.check {
                CheckId::OrgCode => msg::VerdictOrgCode { detail: &detail }.text(lang),
                CheckId::ClientId => msg::VerdictClientId { detail: &detail }.text(lang),
                CheckId::Environment => msg::VerdictEnvironment { detail: &detail }.text(lang),
                CheckId::ClientName => msg::VerdictClientName { detail: &detail }.text(lang),
                CheckId::Scopes => msg::VerdictScopes { detail: &detail }.text(lang),
                other => {
                    let name = check_name(lang, other);
                    msg::VerdictOther {
                        detail: &detail,
                        name: &name,
                    }
                    .text(lang)
                }
            }
        }
    }
}

pub fn status_text(
    lang: Lang,
    status: crate::domain::onboarding::ping::CheckStatus,
) -> &'static str {
    use crate::domain::onboarding::ping::CheckStatus;
    t(
        lang,
        match status {
            CheckStatus::Ok => T::StatusOk,
            CheckStatus::Warning => T::StatusWarning,
            CheckStatus::Fail => T::StatusFail,
        },
    )
}
