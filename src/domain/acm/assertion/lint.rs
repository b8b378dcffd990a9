//! Part of `assertion`: the linter, which reads a compact assertion and applies the rules a strict verifier such as ACM applies, each with the value expected and the value found; the signature verdict comes in as an input.

use crate::domain::acm::key::{self, KeyInfo, RegisteredKeyReport, SigningAlg};
use crate::domain::checked::lifetime::MAX_LIFETIME_SECONDS;
use base64ct::{Base64UrlUnpadded, Encoding};
use serde_json::{Map, Value};
use std::collections::HashMap;

use super::{decode_parts, IAT_LEEWAY_SECONDS};

/// Checks that pasted text is a compact JWS (three base64url parts, a header with `alg`) before
/// it is sent anywhere: a PEM or JWK pasted by mistake never leaves the page.
pub fn compact_jws(text: &str) -> Result<&str, LintProblem> {
    let compact = text.trim();
    let (header, _) = decode_parts(compact)?;
    match header.get("alg") {
        Some(Value::String(alg)) if !alg.is_empty() => Ok(compact),
        _ => Err(LintProblem::MissingClaim { claim: "alg" }),
    }
}

// ---------------------------------------------------------------------------------------------
// Linter

/// The assertion `jti`s seen this session, with the assertion each belonged to: ACM refuses a
/// `jti` used twice, so a second assertion with a known `jti` fails the lint.
#[derive(Debug, Clone, Default)]
pub struct JtiLedger {
    seen: HashMap<String, String>,
}

impl JtiLedger {
    /// Records that `jti` was used by the assertion whose signature part is that of `compact`.
    pub fn record(&mut self, jti: &str, compact: &str) {
        self.seen
            .entry(jti.to_string())
            .or_insert_with(|| signature_part(compact).to_string());
    }

    /// Records a pasted assertion's `jti`, if it has one (a malformed assertion has none to
    /// record; the linter says what is wrong with it).
    pub fn record_compact(&mut self, compact: &str) {
        if let Ok((_, claims)) = decode_parts(compact) {
            if let Some(jti) = claims.get("jti").and_then(Value::as_str) {
                self.record(jti, compact);
            }
        }
    }

    /// True when `jti` was used before by a different assertion.
    pub fn reused_by_other(&self, jti: &str, compact: &str) -> bool {
        self.seen
            .get(jti)
            .is_some_and(|signature| signature != signature_part(compact))
    }
}

fn signature_part(compact: &str) -> &str {
    compact.trim().rsplit('.').next().unwrap_or_default()
}

/// The checks of the linter, in display order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum LintCheck {
    /// Three base64url parts holding JSON objects.
    Format,
    /// An asymmetric `alg` that fits the loaded key.
    Alg,
    /// `typ`, when present, is `JWT`.
    Typ,
    /// `kid` belongs to the loaded (or registered) key.
    Kid,
    /// The signature verifies with the loaded key.
    Signature,
    /// `iss` and `sub` are both the client id.
    IssSub,
    /// One `aud`: this ACM's issuer or token endpoint.
    Aud,
    /// `exp − iat` is positive and at most 600 seconds.
    Lifetime,
    /// `iat` is not in the future (beyond the clock tolerance).
    IatNotInFuture,
    /// `exp` has not passed.
    NotExpired,
    /// `jti` is present and not used before in this session.
    Jti,
}

impl LintCheck {
    /// A stable name for automation (`data-check`).
    pub fn id(self) -> &'static str {
        match self {
            LintCheck::Format => "format",
            LintCheck::Alg => "alg",
            LintCheck::Typ => "typ",
            LintCheck::Kid => "kid",
            LintCheck::Signature => "signature",
            LintCheck::IssSub => "iss-sub",
            LintCheck::Aud => "aud",
            LintCheck::Lifetime => "lifetime",
            LintCheck::IatNotInFuture => "iat",
            LintCheck::NotExpired => "exp",
            LintCheck::Jti => "jti",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
/// Whether a check passed.
pub enum LintStatus {
    /// The rule holds.
    Pass,
    /// The rule is broken; the finding's `problem` says how.
    Fail,
    /// Could not be checked (no key loaded, no client id entered).
    Skipped,
}

/// Why a check failed or was skipped; the UI turns it into a sentence.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum LintProblem {
    /// Not three dot-separated parts.
    NotThreeParts {
        /// How many parts there were.
        parts: usize,
    },
    /// A part is not base64url.
    PartNotBase64 {
        /// `header` or `payload`.
        part: &'static str,
    },
    /// A part decodes, but not to a JSON object.
    PartNotJsonObject {
        /// `header` or `payload`.
        part: &'static str,
    },
    /// A required claim is absent.
    MissingClaim {
        /// The claim's name.
        claim: &'static str,
    },
    /// A claim that must be a string is not.
    NotAString {
        /// The claim's name.
        claim: &'static str,
    },
    /// A time claim is not a number of seconds.
    NotATimestamp {
        /// The claim's name.
        claim: &'static str,
    },
    /// `alg` is `none`: the assertion is unsigned.
    AlgNone,
    /// A symmetric `alg` (`HS256` and the like), which needs a shared secret.
    AlgSymmetric,
    /// An `alg` the page does not know.
    AlgUnknown,
    /// The `alg` does not fit the loaded key's type.
    AlgDoesNotFitKey,
    /// `typ` is present and not `JWT`.
    TypNotJwt,
    /// The `kid` is not the loaded key's.
    KidDiffers,
    /// The header names a `kid`, but the key was registered without one.
    KidNotRegistered,
    /// The signature does not verify with the loaded key.
    SignatureInvalid,
    /// No key is loaded to verify with.
    NoKeyLoaded,
    /// No client id entered to compare `iss` and `sub` with.
    NoClientIdEntered,
    /// `iss` and `sub` differ.
    IssDiffersFromSub,
    /// `iss` is not the client id entered.
    IssDiffersFromClientId,
    /// `aud` is a list of several values.
    AudSeveral {
        /// How many.
        count: usize,
    },
    /// `aud` is neither this ACM's issuer nor its token endpoint.
    AudNotThisAcm,
    /// Valid longer than 600 seconds.
    LifetimeTooLong {
        /// `exp − iat`.
        seconds: i64,
    },
    /// `exp` is not after `iat`.
    LifetimeNotPositive {
        /// `exp − iat`.
        seconds: i64,
    },
    /// `iat` is in the future.
    IatInFuture {
        /// By how much.
        seconds_ahead: i64,
    },
    /// `exp` has passed.
    Expired {
        /// How long ago.
        seconds_ago: i64,
    },
    /// The `jti` was seen before in this session.
    JtiReused,
}

/// One line of the lint report.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LintFinding {
    /// The rule checked.
    pub check: LintCheck,
    /// Whether it holds.
    pub status: LintStatus,
    /// What the rule expects (empty when the rule is a sentence, worded by the page).
    pub expected: String,
    /// What the assertion holds.
    pub found: String,
    /// How the rule is broken, when it is.
    pub problem: Option<LintProblem>,
}

/// The lint of one assertion.
#[derive(Debug, Clone, PartialEq)]
pub struct LintReport {
    /// One finding per check, in [`LintCheck`] order.
    pub findings: Vec<LintFinding>,
    /// The decoded header, when the assertion had one.
    pub header: Option<Value>,
    /// The decoded claims, when the assertion had them.
    pub claims: Option<Value>,
}

impl LintReport {
    /// True when no check failed (skipped checks do not fail the assertion).
    pub fn passed(&self) -> bool {
        self.findings.iter().all(|f| f.status != LintStatus::Fail)
    }

    /// The finding of one check.
    pub fn finding(&self, check: LintCheck) -> Option<&LintFinding> {
        self.findings.iter().find(|f| f.check == check)
    }
}

/// What the linter checks against.
pub struct LintContext<'a> {
    /// The user's client id; `None` when not entered yet.
    pub client_id: Option<&'a str>,
    /// This environment's ACM issuer.
    pub issuer: &'a str,
    /// This environment's token endpoint.
    pub token_endpoint: &'a str,
    /// Unix seconds.
    pub now: i64,
    /// What is public about the loaded key, if one is loaded.
    pub key: Option<&'a KeyInfo>,
    /// The registered-key check of step 2, if the user pasted the registered key.
    pub registered: Option<&'a RegisteredKeyReport>,
    /// The signature verdict, reached by WebCrypto before linting (verification is async there).
    pub signature: SignatureCheck,
    /// The `jti`s seen in this session.
    pub ledger: &'a JtiLedger,
}

/// Whether the assertion's signature verified, and with which key (by RFC 7638 thumbprint).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SignatureCheck {
    /// The signature verifies with the key of this thumbprint.
    Verified {
        /// The RFC 7638 thumbprint of the key used.
        thumbprint: String,
    },
    /// The signature does not verify with the key of this thumbprint.
    Invalid {
        /// The RFC 7638 thumbprint of the key used.
        thumbprint: String,
    },
    /// No key to verify with: neither a loaded key nor a pasted public JWK.
    NoKey,
}

pub(super) fn decode_part(
    part: &str,
    name: &'static str,
) -> Result<Map<String, Value>, LintProblem> {
    let bytes = Base64UrlUnpadded::decode_vec(part)
        .map_err(|_| LintProblem::PartNotBase64 { part: name })?;
    match serde_json::from_slice::<Value>(&bytes) {
        Ok(Value::Object(map)) => Ok(map),
        _ => Err(LintProblem::PartNotJsonObject { part: name }),
    }
}

fn finding(
    check: LintCheck,
    expected: impl Into<String>,
    found: impl Into<String>,
    problem: Option<LintProblem>,
) -> LintFinding {
    LintFinding {
        check,
        status: if problem.is_some() {
            LintStatus::Fail
        } else {
            LintStatus::Pass
        },
        expected: expected.into(),
        found: found.into(),
        problem,
    }
}

fn skipped(check: LintCheck, found: impl Into<String>, problem: LintProblem) -> LintFinding {
    LintFinding {
        check,
        status: LintStatus::Skipped,
        expected: String::new(),
        found: found.into(),
        problem: Some(problem),
    }
}

pub(super) fn shown(value: Option<&Value>) -> String {
    match value {
        None => "—".to_string(),
        Some(Value::String(s)) => s.clone(),
        Some(other) => other.to_string(),
    }
}

pub(super) fn timestamp(
    claims: &Map<String, Value>,
    claim: &'static str,
) -> Result<i64, LintProblem> {
    match claims.get(claim) {
        None => Err(LintProblem::MissingClaim { claim }),
        Some(Value::Number(n)) => n
            .as_i64()
            .or_else(|| n.as_f64().map(|f| f as i64))
            .ok_or(LintProblem::NotATimestamp { claim }),
        Some(_) => Err(LintProblem::NotATimestamp { claim }),
    }
}

/// Lints a compact client assertion. Never panics, whatever the input.
pub fn lint(compact: &str, ctx: &LintContext<'_>) -> LintReport {
    let compact = compact.trim();
    let (header, claims) = match decode_parts(compact) {
        Ok(parts) => parts,
        Err(problem) => {
            return LintReport {
                findings: vec![finding(
                    LintCheck::Format,
                    "header.payload.signature",
                    compact.chars().take(24).collect::<String>(),
                    Some(problem),
                )],
                header: None,
                claims: None,
            }
        }
    };
    let mut findings = vec![finding(
        LintCheck::Format,
        "header.payload.signature",
        "header.payload.signature",
        None,
    )];
    findings.push(lint_alg(&header, ctx.key));
    findings.push(lint_typ(&header));
    findings.push(lint_kid(&header, ctx.key, ctx.registered));
    findings.push(lint_signature(&ctx.signature));
    findings.push(lint_iss_sub(&claims, ctx.client_id));
    findings.push(lint_aud(&claims, ctx.issuer, ctx.token_endpoint));
    findings.extend(lint_times(&claims, ctx.now));
    findings.push(lint_jti(&claims, compact, ctx.ledger));
    LintReport {
        findings,
        header: Some(Value::Object(header)),
        claims: Some(Value::Object(claims)),
    }
}

fn lint_alg(header: &Map<String, Value>, key: Option<&KeyInfo>) -> LintFinding {
    let alg = header
        .get("alg")
        .and_then(Value::as_str)
        .unwrap_or_default();
    let expected = match key {
        Some(key) => key
            .kind()
            .algorithms()
            .iter()
            .map(|a| a.name())
            .collect::<Vec<_>>()
            .join(" / "),
        None => "RS256 / PS256 / ES256".to_string(),
    };
    let problem = if alg.is_empty() {
        Some(LintProblem::MissingClaim { claim: "alg" })
    } else if alg.eq_ignore_ascii_case("none") {
        Some(LintProblem::AlgNone)
    } else if alg.starts_with("HS") {
        Some(LintProblem::AlgSymmetric)
    } else {
        match (SigningAlg::parse(alg), key.map(KeyInfo::kind)) {
            (None, _) => Some(LintProblem::AlgUnknown),
            (Some(alg), Some(kind)) if !kind.algorithms().contains(&alg) => {
                Some(LintProblem::AlgDoesNotFitKey)
            }
            _ => None,
        }
    };
    finding(LintCheck::Alg, expected, shown(header.get("alg")), problem)
}

fn lint_typ(header: &Map<String, Value>) -> LintFinding {
    let problem = match header.get("typ") {
        None => None,
        Some(Value::String(typ)) if typ.eq_ignore_ascii_case("JWT") => None,
        Some(_) => Some(LintProblem::TypNotJwt),
    };
    finding(LintCheck::Typ, "JWT", shown(header.get("typ")), problem)
}

fn lint_kid(
    header: &Map<String, Value>,
    key: Option<&KeyInfo>,
    registered: Option<&RegisteredKeyReport>,
) -> LintFinding {
    let Some(kid) = header.get("kid") else {
        // `kid` is optional (RFC 7515 §4.1.4); a verifier then tries the client's keys.
        return finding(LintCheck::Kid, "—", "—", None);
    };
    let Some(key) = key else {
        return skipped(LintCheck::Kid, shown(Some(kid)), LintProblem::NoKeyLoaded);
    };
    let found = kid.as_str().unwrap_or_default();
    match key::assertion_kid(key, registered) {
        // Registered without a kid: a strict verifier refuses a kid it does not know.
        None => finding(
            LintCheck::Kid,
            "—",
            found,
            Some(LintProblem::KidNotRegistered),
        ),
        Some(expected) => {
            let unregistered = registered.is_none_or(|r| r.matching.is_none());
            let matches = found == expected || (unregistered && found == key.thumbprint());
            finding(
                LintCheck::Kid,
                expected,
                found,
                (!matches).then_some(LintProblem::KidDiffers),
            )
        }
    }
}

fn lint_signature(check: &SignatureCheck) -> LintFinding {
    match check {
        SignatureCheck::NoKey => skipped(LintCheck::Signature, "", LintProblem::NoKeyLoaded),
        SignatureCheck::Verified { thumbprint } => {
            finding(LintCheck::Signature, thumbprint, thumbprint, None)
        }
        SignatureCheck::Invalid { thumbprint } => finding(
            LintCheck::Signature,
            thumbprint,
            "—",
            Some(LintProblem::SignatureInvalid),
        ),
    }
}

fn lint_iss_sub(claims: &Map<String, Value>, client_id: Option<&str>) -> LintFinding {
    let found = format!(
        "iss={} sub={}",
        shown(claims.get("iss")),
        shown(claims.get("sub"))
    );
    let expected = client_id.map_or_else(|| "iss = sub".to_string(), |id| format!("iss=sub={id}"));
    let iss = match claims.get("iss") {
        None => {
            return finding(
                LintCheck::IssSub,
                expected,
                found,
                Some(LintProblem::MissingClaim { claim: "iss" }),
            )
        }
        Some(Value::String(iss)) => iss,
        Some(_) => {
            return finding(
                LintCheck::IssSub,
                expected,
                found,
                Some(LintProblem::NotAString { claim: "iss" }),
            )
        }
    };
    let problem = match claims.get("sub") {
        None => Some(LintProblem::MissingClaim { claim: "sub" }),
        Some(Value::String(sub)) if sub != iss => Some(LintProblem::IssDiffersFromSub),
        Some(Value::String(_)) => match client_id {
            Some(id) if id != iss => Some(LintProblem::IssDiffersFromClientId),
            Some(_) => None,
            None => {
                return LintFinding {
                    check: LintCheck::IssSub,
                    status: LintStatus::Skipped,
                    expected,
                    found,
                    problem: Some(LintProblem::NoClientIdEntered),
                }
            }
        },
        Some(_) => Some(LintProblem::NotAString { claim: "sub" }),
    };
    finding(LintCheck::IssSub, expected, found, problem)
}

/// Stricter than `exchange::same_endpoint`: a strict verifier does not trim white space in `aud`.
fn same_url(a: &str, b: &str) -> bool {
    a.trim_end_matches('/') == b.trim_end_matches('/')
}

fn lint_aud(claims: &Map<String, Value>, issuer: &str, token_endpoint: &str) -> LintFinding {
    let expected = format!("{issuer} | {token_endpoint}");
    let found = shown(claims.get("aud"));
    let single = match claims.get("aud") {
        None => {
            return finding(
                LintCheck::Aud,
                expected,
                found,
                Some(LintProblem::MissingClaim { claim: "aud" }),
            )
        }
        Some(Value::String(aud)) => aud.as_str(),
        Some(Value::Array(list)) if list.len() == 1 => match &list[0] {
            Value::String(aud) => aud.as_str(),
            _ => {
                return finding(
                    LintCheck::Aud,
                    expected,
                    found,
                    Some(LintProblem::NotAString { claim: "aud" }),
                )
            }
        },
        Some(Value::Array(list)) => {
            return finding(
                LintCheck::Aud,
                expected,
                found,
                Some(LintProblem::AudSeveral { count: list.len() }),
            )
        }
        Some(_) => {
            return finding(
                LintCheck::Aud,
                expected,
                found,
                Some(LintProblem::NotAString { claim: "aud" }),
            )
        }
    };
    let ok = same_url(single, issuer) || same_url(single, token_endpoint);
    finding(
        LintCheck::Aud,
        expected,
        found,
        (!ok).then_some(LintProblem::AudNotThisAcm),
    )
}

fn lint_times(claims: &Map<String, Value>, now: i64) -> Vec<LintFinding> {
    let iat = timestamp(claims, "iat");
    let exp = timestamp(claims, "exp");
    let lifetime = match (&iat, &exp) {
        (Ok(iat), Ok(exp)) => {
            let seconds = exp - iat;
            let problem = if seconds <= 0 {
                Some(LintProblem::LifetimeNotPositive { seconds })
            } else if seconds > i64::from(MAX_LIFETIME_SECONDS) {
                Some(LintProblem::LifetimeTooLong { seconds })
            } else {
                None
            };
            finding(
                LintCheck::Lifetime,
                format!("≤ {MAX_LIFETIME_SECONDS} s"),
                format!("{seconds} s"),
                problem,
            )
        }
        (Err(problem), _) | (_, Err(problem)) => finding(
            LintCheck::Lifetime,
            format!("≤ {MAX_LIFETIME_SECONDS} s"),
            "—",
            Some(problem.clone()),
        ),
    };
    let iat_finding = match iat {
        Ok(iat) => {
            let ahead = iat - now;
            finding(
                LintCheck::IatNotInFuture,
                format!("≤ {now} (+{IAT_LEEWAY_SECONDS} s)"),
                iat.to_string(),
                (ahead > IAT_LEEWAY_SECONDS).then_some(LintProblem::IatInFuture {
                    seconds_ahead: ahead,
                }),
            )
        }
        Err(problem) => finding(LintCheck::IatNotInFuture, "", "—", Some(problem)),
    };
    let exp_finding = match exp {
        Ok(exp) => finding(
            LintCheck::NotExpired,
            format!("> {now}"),
            exp.to_string(),
            (exp <= now).then_some(LintProblem::Expired {
                seconds_ago: now - exp,
            }),
        ),
        Err(problem) => finding(LintCheck::NotExpired, "", "—", Some(problem)),
    };
    vec![lifetime, iat_finding, exp_finding]
}

fn lint_jti(claims: &Map<String, Value>, compact: &str, ledger: &JtiLedger) -> LintFinding {
    // The expectation ("unique this session") is a sentence, which the UI supplies.
    let expected = String::new();
    match claims.get("jti") {
        None => finding(
            LintCheck::Jti,
            expected,
            "—",
            Some(LintProblem::MissingClaim { claim: "jti" }),
        ),
        Some(Value::String(jti)) if jti.trim().is_empty() => finding(
            LintCheck::Jti,
            expected,
            "",
            Some(LintProblem::MissingClaim { claim: "jti" }),
        ),
        Some(Value::String(jti)) => finding(
            LintCheck::Jti,
            expected,
            jti.clone(),
            ledger
                .reused_by_other(jti, compact)
                .then_some(LintProblem::JtiReused),
        ),
        Some(other) => finding(
            LintCheck::Jti,
            expected,
            other.to_string(),
            Some(LintProblem::NotAString { claim: "jti" }),
        ),
    }
}
