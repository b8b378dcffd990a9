//! Client assertions: signed with keys generated here, verified by an independent JWT library
//! (`jsonwebtoken`, on ring), every header field and claim asserted; `jti` uniqueness; and the
//! linter rejecting each single-rule violation.

#![cfg(not(target_arch = "wasm32"))]

use std::collections::HashSet;

use base64ct::{Base64UrlUnpadded, Encoding};
use dao_onboard::domain::assertion::{
    self, lint, new_uuid, AssertionSpec, ClientId, ClientIdError, JtiLedger, Lifetime,
    LifetimeError, LintCheck, LintContext, LintProblem, LintStatus, SignedAssertion,
};
use dao_onboard::domain::key::{SignError, SigningAlg, SigningKey};
use jsonwebtoken::{Algorithm, DecodingKey, Validation};
use p256::ecdsa::SigningKey as P256Key;
use rand_core::OsRng;
use rsa::RsaPrivateKey;
use serde_json::{json, Map, Value};

const ISSUER: &str = dao_onboard::domain::ping::samples::TI_ISSUER;
const TOKEN_URL: &str = "https://authenticatie-ti.vlaanderen.be/op/v1/token";
const CLIENT_ID: &str = dao_onboard::domain::ping::samples::CLIENT_ID;
const NOW: i64 = 1_780_000_000;

fn rsa_key(bits: usize) -> SigningKey {
    SigningKey::from_rsa(RsaPrivateKey::new(&mut OsRng, bits).unwrap()).unwrap()
}

fn p256_key() -> SigningKey {
    SigningKey::from_p256(P256Key::random(&mut OsRng))
}

fn spec(alg: SigningAlg) -> AssertionSpec {
    assertion::samples::spec(alg)
}

/// Verifies with `jsonwebtoken` against the page's own public JWK, as ACM would.
fn verify_independently(key: &SigningKey, token: &str, alg: Algorithm, audience: &str) -> Value {
    let jwk: jsonwebtoken::jwk::Jwk = serde_json::from_value(key.public_jwk()).unwrap();
    let decoding = DecodingKey::from_jwk(&jwk).unwrap();
    let mut validation = Validation::new(alg);
    validation.set_audience(&[audience]);
    validation.set_issuer(&[CLIENT_ID]);
    validation.set_required_spec_claims(&["exp", "iat", "iss", "sub", "aud"]);
    // The tokens are signed at a fixed time in the future; expiry is asserted separately.
    validation.validate_exp = false;
    let header = jsonwebtoken::decode_header(token).unwrap();
    assert_eq!(header.alg, alg);
    assert_eq!(header.typ.as_deref(), Some("JWT"));
    assert_eq!(header.kid.as_deref(), Some(key.kid()));
    jsonwebtoken::decode::<Value>(token, &decoding, &validation)
        .unwrap_or_else(|e| panic!("independent verification failed: {e}"))
        .claims
}

fn assert_claims(claims: &Value, signed: &SignedAssertion, audience: &str) {
    let object = claims.as_object().unwrap();
    let mut names: Vec<&str> = object.keys().map(String::as_str).collect();
    names.sort_unstable();
    assert_eq!(names, ["aud", "exp", "iat", "iss", "jti", "sub"]);
    assert_eq!(claims["iss"], CLIENT_ID);
    assert_eq!(claims["sub"], CLIENT_ID);
    assert_eq!(claims["aud"], audience);
    assert_eq!(claims["iat"], NOW);
    assert_eq!(claims["exp"], NOW + 300);
    assert_eq!(claims["jti"], signed.jti.as_str());
    let jti = uuid::Uuid::parse_str(&signed.jti).unwrap();
    assert_eq!(jti.get_version_num(), 4);
    assert_eq!(signed.issued_at, NOW);
    assert_eq!(signed.expires_at, NOW + 300);
}

#[test]
fn rs256_with_2048_and_4096_bit_keys() {
    for bits in [2048, 4096] {
        let key = rsa_key(bits);
        let signed =
            assertion::sign(&key, &spec(SigningAlg::Rs256), NOW, new_uuid(&mut OsRng)).unwrap();
        let claims = verify_independently(&key, &signed.compact, Algorithm::RS256, ISSUER);
        assert_claims(&claims, &signed, ISSUER);
        assert_eq!(
            signed.header,
            json!({"alg": "RS256", "typ": "JWT", "kid": key.kid()})
        );
    }
}

#[test]
fn ps256_with_an_rsa_key() {
    let key = rsa_key(2048);
    let signed =
        assertion::sign(&key, &spec(SigningAlg::Ps256), NOW, new_uuid(&mut OsRng)).unwrap();
    let claims = verify_independently(&key, &signed.compact, Algorithm::PS256, ISSUER);
    assert_claims(&claims, &signed, ISSUER);
}

#[test]
fn es256_with_a_p256_key_and_token_endpoint_audience() {
    let key = p256_key();
    let mut spec = spec(SigningAlg::Es256);
    spec.audience = TOKEN_URL.into();
    let signed = assertion::sign(&key, &spec, NOW, new_uuid(&mut OsRng)).unwrap();
    let claims = verify_independently(&key, &signed.compact, Algorithm::ES256, TOKEN_URL);
    assert_claims(&claims, &signed, TOKEN_URL);
}

#[test]
fn a_tampered_assertion_fails_independent_verification() {
    let key = rsa_key(2048);
    let signed =
        assertion::sign(&key, &spec(SigningAlg::Rs256), NOW, new_uuid(&mut OsRng)).unwrap();
    let mut parts: Vec<String> = signed.compact.split('.').map(str::to_string).collect();
    let mut claims: Value =
        serde_json::from_slice(&Base64UrlUnpadded::decode_vec(&parts[1]).unwrap()).unwrap();
    claims["sub"] = json!("iemand-anders");
    parts[1] = Base64UrlUnpadded::encode_string(claims.to_string().as_bytes());
    let tampered = parts.join(".");
    let jwk: jsonwebtoken::jwk::Jwk = serde_json::from_value(key.public_jwk()).unwrap();
    let mut validation = Validation::new(Algorithm::RS256);
    validation.validate_exp = false;
    validation.set_audience(&[ISSUER]);
    assert!(jsonwebtoken::decode::<Value>(
        &tampered,
        &DecodingKey::from_jwk(&jwk).unwrap(),
        &validation
    )
    .is_err());
    assert!(!key.verify("RS256", &tampered));
    assert!(key.verify("RS256", &signed.compact));
}

#[test]
fn algorithm_that_does_not_fit_the_key_is_refused() {
    let key = p256_key();
    assert!(matches!(
        assertion::sign(&key, &spec(SigningAlg::Rs256), NOW, new_uuid(&mut OsRng)),
        Err(SignError::AlgorithmDoesNotFitKey {
            alg: SigningAlg::Rs256,
            ..
        })
    ));
}

#[test]
fn jti_is_unique_over_10000_signings() {
    let key = p256_key();
    let spec = spec(SigningAlg::Es256);
    let mut seen = HashSet::new();
    for _ in 0..10_000 {
        let signed = assertion::sign(&key, &spec, NOW, new_uuid(&mut OsRng)).unwrap();
        assert!(seen.insert(signed.jti), "jti repeated");
    }
}

#[test]
fn client_id_rules() {
    assert!(ClientId::parse(CLIENT_ID).unwrap().looks_like_uuid());
    assert!(!ClientId::parse("mijn-client").unwrap().looks_like_uuid());
    assert_eq!(ClientId::parse(" \t"), Err(ClientIdError::Empty));
    assert_eq!(
        ClientId::parse("ab cd"),
        Err(ClientIdError::ContainsWhiteSpace)
    );
    assert_eq!(
        ClientId::parse("ab\u{7}cd"),
        Err(ClientIdError::ContainsControlCharacter)
    );
    assert!(matches!(
        ClientId::parse(&"a".repeat(201)),
        Err(ClientIdError::TooLong { .. })
    ));
    assert_eq!(
        ClientId::parse(&format!(" {CLIENT_ID}\n"))
            .unwrap()
            .as_str(),
        CLIENT_ID
    );
}

#[test]
fn lifetime_rules() {
    assert_eq!(Lifetime::parse("300").unwrap().seconds(), 300);
    assert_eq!(Lifetime::parse("600").unwrap().seconds(), 600);
    assert_eq!(
        Lifetime::parse("601"),
        Err(LifetimeError::TooLong {
            seconds: 601,
            max: 600
        })
    );
    assert_eq!(Lifetime::parse("0"), Err(LifetimeError::NotPositive));
    assert_eq!(Lifetime::parse("-5"), Err(LifetimeError::NotPositive));
    assert_eq!(Lifetime::parse("vijf"), Err(LifetimeError::NotANumber));
    assert_eq!(
        Lifetime::parse("99999999999999999999999"),
        Err(LifetimeError::NotANumber)
    );
    assert_eq!(Lifetime::default().seconds(), 300);
}

// ----------------------------------------------------------------------------------------------
// Linter

fn context<'a>(key: Option<&'a SigningKey>, ledger: &'a JtiLedger) -> LintContext<'a> {
    LintContext {
        client_id: Some(CLIENT_ID),
        issuer: ISSUER,
        token_endpoint: TOKEN_URL,
        now: NOW + 10,
        key,
        ledger,
    }
}

/// Builds an assertion from header and claims, signed with `key` as RS256 over the exact bytes.
fn forge(key: &SigningKey, header: &Map<String, Value>, claims: &Map<String, Value>) -> String {
    // Re-sign through jwt-compact's raw path: encode header and claims, sign the input.
    let h = Base64UrlUnpadded::encode_string(Value::Object(header.clone()).to_string().as_bytes());
    let c = Base64UrlUnpadded::encode_string(Value::Object(claims.clone()).to_string().as_bytes());
    let input = format!("{h}.{c}");
    let signature = sign_raw(key, &input);
    format!("{input}.{signature}")
}

/// RS256 over `input` with the key's private JWK loaded into the rsa crate directly.
fn sign_raw(key: &SigningKey, input: &str) -> String {
    use rsa::pkcs1v15::SigningKey as Pkcs1Signer;
    use rsa::signature::{SignatureEncoding, Signer};
    let jwk: Value = serde_json::from_str(&key.private_jwk()).unwrap();
    let big = |m: &str| {
        rsa::BigUint::from_bytes_be(
            &Base64UrlUnpadded::decode_vec(jwk[m].as_str().unwrap()).unwrap(),
        )
    };
    let private =
        RsaPrivateKey::from_components(big("n"), big("e"), big("d"), vec![big("p"), big("q")])
            .unwrap();
    let signer = Pkcs1Signer::<sha2::Sha256>::new(private);
    Base64UrlUnpadded::encode_string(&signer.sign(input.as_bytes()).to_bytes())
}

fn good_parts(key: &SigningKey) -> (Map<String, Value>, Map<String, Value>) {
    let header = json!({"alg": "RS256", "typ": "JWT", "kid": key.kid()});
    let claims = json!({
        "iss": CLIENT_ID, "sub": CLIENT_ID, "aud": ISSUER,
        "jti": "0b6f1a52-8f0e-4b8e-9a63-3c1d2e4f5a6b", "iat": NOW, "exp": NOW + 300
    });
    (
        header.as_object().unwrap().clone(),
        claims.as_object().unwrap().clone(),
    )
}

fn failing(report: &assertion::LintReport) -> Vec<(LintCheck, Option<LintProblem>)> {
    report
        .findings
        .iter()
        .filter(|f| f.status == LintStatus::Fail)
        .map(|f| (f.check, f.problem.clone()))
        .collect()
}

#[test]
fn a_signed_assertion_passes_every_rule() {
    let key = rsa_key(2048);
    let ledger = JtiLedger::default();
    let signed =
        assertion::sign(&key, &spec(SigningAlg::Rs256), NOW, new_uuid(&mut OsRng)).unwrap();
    let report = lint(&signed.compact, &context(Some(&key), &ledger));
    assert!(report.passed(), "{:?}", failing(&report));
    assert_eq!(
        report.finding(LintCheck::Signature).unwrap().status,
        LintStatus::Pass
    );
    // The forged-but-correct baseline passes too, so each case below fails by its one change.
    let (header, claims) = good_parts(&key);
    let baseline = lint(
        &forge(&key, &header, &claims),
        &context(Some(&key), &ledger),
    );
    assert!(baseline.passed(), "{:?}", failing(&baseline));
}

#[test]
fn each_single_rule_violation_is_rejected() {
    let key = rsa_key(2048);
    let other = rsa_key(2048);
    type Edit = Box<dyn Fn(&mut Map<String, Value>, &mut Map<String, Value>)>;
    let cases: Vec<(&str, Edit, LintCheck, LintProblem)> = vec![
        (
            "sub differs from iss",
            Box::new(|_, c| {
                c.insert("sub".into(), json!("iemand"));
            }),
            LintCheck::IssSub,
            LintProblem::IssDiffersFromSub,
        ),
        (
            "iss is another client",
            Box::new(|_, c| {
                c.insert("iss".into(), json!("x"));
                c.insert("sub".into(), json!("x"));
            }),
            LintCheck::IssSub,
            LintProblem::IssDiffersFromClientId,
        ),
        (
            "iss missing",
            Box::new(|_, c| {
                c.remove("iss");
            }),
            LintCheck::IssSub,
            LintProblem::MissingClaim { claim: "iss" },
        ),
        (
            "aud of another ACM",
            Box::new(|_, c| {
                c.insert(
                    "aud".into(),
                    json!("https://authenticatie.vlaanderen.be/op"),
                );
            }),
            LintCheck::Aud,
            LintProblem::AudNotThisAcm,
        ),
        (
            "two audiences",
            Box::new(|_, c| {
                c.insert("aud".into(), json!([ISSUER, TOKEN_URL]));
            }),
            LintCheck::Aud,
            LintProblem::AudSeveral { count: 2 },
        ),
        (
            "aud missing",
            Box::new(|_, c| {
                c.remove("aud");
            }),
            LintCheck::Aud,
            LintProblem::MissingClaim { claim: "aud" },
        ),
        (
            "lifetime 601 s",
            Box::new(|_, c| {
                c.insert("exp".into(), json!(NOW + 601));
            }),
            LintCheck::Lifetime,
            LintProblem::LifetimeTooLong { seconds: 601 },
        ),
        (
            "exp before iat",
            Box::new(|_, c| {
                c.insert("exp".into(), json!(NOW - 1));
            }),
            LintCheck::Lifetime,
            LintProblem::LifetimeNotPositive { seconds: -1 },
        ),
        (
            "iat in the future",
            Box::new(|_, c| {
                c.insert("iat".into(), json!(NOW + 100));
                c.insert("exp".into(), json!(NOW + 200));
            }),
            LintCheck::IatNotInFuture,
            LintProblem::IatInFuture { seconds_ahead: 90 },
        ),
        (
            "iat as text",
            Box::new(|_, c| {
                c.insert("iat".into(), json!("nu"));
            }),
            LintCheck::IatNotInFuture,
            LintProblem::NotATimestamp { claim: "iat" },
        ),
        (
            "expired",
            Box::new(|_, c| {
                c.insert("iat".into(), json!(NOW - 400));
                c.insert("exp".into(), json!(NOW - 100));
            }),
            LintCheck::NotExpired,
            LintProblem::Expired { seconds_ago: 110 },
        ),
        (
            "jti missing",
            Box::new(|_, c| {
                c.remove("jti");
            }),
            LintCheck::Jti,
            LintProblem::MissingClaim { claim: "jti" },
        ),
        (
            "alg none",
            Box::new(|h, _| {
                h.insert("alg".into(), json!("none"));
            }),
            LintCheck::Alg,
            LintProblem::AlgNone,
        ),
        (
            "alg HS256",
            Box::new(|h, _| {
                h.insert("alg".into(), json!("HS256"));
            }),
            LintCheck::Alg,
            LintProblem::AlgSymmetric,
        ),
        (
            "alg ES256 for an RSA key",
            Box::new(|h, _| {
                h.insert("alg".into(), json!("ES256"));
            }),
            LintCheck::Alg,
            LintProblem::AlgDoesNotFitKey,
        ),
        (
            "alg unknown",
            Box::new(|h, _| {
                h.insert("alg".into(), json!("RS1"));
            }),
            LintCheck::Alg,
            LintProblem::AlgUnknown,
        ),
        (
            "kid of another key",
            Box::new(|h, _| {
                h.insert("kid".into(), json!("ander"));
            }),
            LintCheck::Kid,
            LintProblem::KidDiffers,
        ),
        (
            "typ not JWT",
            Box::new(|h, _| {
                h.insert("typ".into(), json!("at+jwt"));
            }),
            LintCheck::Typ,
            LintProblem::TypNotJwt,
        ),
    ];
    for (name, edit, check, problem) in cases {
        let (mut header, mut claims) = good_parts(&key);
        edit(&mut header, &mut claims);
        let ledger = JtiLedger::default();
        let report = lint(
            &forge(&key, &header, &claims),
            &context(Some(&key), &ledger),
        );
        let fails = failing(&report);
        assert!(
            fails.contains(&(check, Some(problem.clone()))),
            "{name}: {fails:?}"
        );
        assert!(!report.passed(), "{name}");
    }
    // Signed by another key.
    let (header, claims) = good_parts(&key);
    let ledger = JtiLedger::default();
    let report = lint(
        &forge(&other, &header, &claims),
        &context(Some(&key), &ledger),
    );
    assert_eq!(
        failing(&report),
        vec![(LintCheck::Signature, Some(LintProblem::SignatureInvalid))]
    );
}

#[test]
fn a_jti_used_by_another_assertion_is_a_reuse() {
    let key = rsa_key(2048);
    let (header, claims) = good_parts(&key);
    let first = forge(&key, &header, &claims);
    let mut ledger = JtiLedger::default();
    ledger.record("0b6f1a52-8f0e-4b8e-9a63-3c1d2e4f5a6b", &first);
    // Linting the same assertion again is not a reuse.
    assert!(lint(&first, &context(Some(&key), &ledger)).passed());
    let mut later = claims.clone();
    later.insert("iat".into(), json!(NOW + 5));
    let second = forge(&key, &header, &later);
    let report = lint(&second, &context(Some(&key), &ledger));
    assert_eq!(
        failing(&report),
        vec![(LintCheck::Jti, Some(LintProblem::JtiReused))]
    );
}

#[test]
fn without_a_key_signature_and_kid_are_skipped_not_failed() {
    let key = rsa_key(2048);
    let (header, claims) = good_parts(&key);
    let ledger = JtiLedger::default();
    let report = lint(&forge(&key, &header, &claims), &context(None, &ledger));
    assert!(report.passed());
    assert_eq!(
        report.finding(LintCheck::Signature).unwrap().status,
        LintStatus::Skipped
    );
    assert_eq!(
        report.finding(LintCheck::Kid).unwrap().status,
        LintStatus::Skipped
    );
}

#[test]
fn malformed_assertions_fail_the_format_check_without_panicking() {
    let ledger = JtiLedger::default();
    let inputs = [
        "",
        "abc",
        "a.b",
        "a.b.c.d",
        "!!!.e30.c2ln",
        "e30.!!!.c2ln",
        "WzFd.e30.c2ln",
        "e30.WzFd.c2ln",
        "e30.e30.",
        "e30.e30.!!",
    ];
    for input in inputs {
        let report = lint(input, &context(None, &ledger));
        assert_eq!(report.findings.len(), 1, "{input}");
        assert_eq!(report.findings[0].check, LintCheck::Format, "{input}");
        assert_eq!(report.findings[0].status, LintStatus::Fail, "{input}");
    }
}
