//! Client assertions: built by the page's domain (jwt-compact's header and claims encoding),
//! signed over the page's signing input by an independent signer (ring, standing in for
//! WebCrypto, from the PKCS#8 the page hands WebCrypto), and verified by an independent JWT
//! library (`jsonwebtoken` on RustCrypto) against the page's public JWK; every header field and
//! claim asserted; the `kid` decision; `jti` uniqueness; and the linter rejecting each
//! single-rule violation.

#![cfg(not(target_arch = "wasm32"))]

use std::collections::HashSet;

use base64ct::{Base64UrlUnpadded, Encoding};
use dao_onboard::domain::acm::assertion::{
    self, lint, new_uuid, AssertionSpec, JtiLedger, LintCheck, LintContext, LintProblem,
    LintStatus, SignError, SignatureCheck, SignedAssertion,
};
use dao_onboard::domain::acm::key::{self, KeyInfo, SigningAlg};
use dao_onboard::domain::checked::client_id::{ClientId, ClientIdError};
use dao_onboard::domain::checked::lifetime::{Lifetime, LifetimeError};
use dao_onboard::domain::samples;
use jsonwebtoken::{Algorithm, DecodingKey, Validation};
use rand_core::OsRng;
use ring::signature::{self as ring_sig, KeyPair};
use rsa::pkcs8::{EncodePrivateKey, LineEnding};
use rsa::RsaPrivateKey;
use serde_json::{json, Map, Value};

const ISSUER: &str = dao_onboard::domain::samples::TI_ISSUER;
const TOKEN_URL: &str = "https://authenticatie-ti.vlaanderen.be/op/v1/token";
const CLIENT_ID: &str = dao_onboard::domain::samples::CLIENT_ID;
const NOW: i64 = 1_780_000_000;

/// A key as the page holds it: its public facts, and the PKCS#8 DER the page hands WebCrypto,
/// loaded into ring to sign as WebCrypto would.
struct TestKey {
    info: KeyInfo,
    der: Vec<u8>,
}

impl TestKey {
    fn import(pem: &str) -> TestKey {
        let importable = key::import(pem).unwrap();
        TestKey {
            info: importable.info().clone(),
            der: importable.pkcs8_der().to_vec(),
        }
    }

    /// Signs `input` with ring: PKCS#1 v1.5 or PSS (salt = hash length) for RSA, P1363 `r || s`
    /// for P-256 (WebCrypto's output form).
    fn sign(&self, alg: SigningAlg, input: &[u8]) -> Vec<u8> {
        let rng = ring::rand::SystemRandom::new();
        match alg {
            SigningAlg::Rs256 | SigningAlg::Ps256 => {
                let pair = ring_sig::RsaKeyPair::from_pkcs8(&self.der).expect("ring takes the DER");
                let padding: &dyn ring_sig::RsaEncoding = if alg == SigningAlg::Rs256 {
                    &ring_sig::RSA_PKCS1_SHA256
                } else {
                    &ring_sig::RSA_PSS_SHA256
                };
                let mut signature = vec![0; pair.public().modulus_len()];
                pair.sign(padding, &rng, input, &mut signature).unwrap();
                signature
            }
            SigningAlg::Es256 => {
                let pair = ring_sig::EcdsaKeyPair::from_pkcs8(
                    &ring_sig::ECDSA_P256_SHA256_FIXED_SIGNING,
                    &self.der,
                    &rng,
                )
                .expect("ring takes the DER");
                pair.sign(&rng, input).unwrap().as_ref().to_vec()
            }
        }
    }

    /// Verifies a compact JWS with ring against this key's public part (as the page asks
    /// WebCrypto to), giving the verdict the linter takes.
    fn verdict(&self, compact: &str) -> SignatureCheck {
        let thumbprint = self.info.thumbprint().to_string();
        let Some(parts) = assertion::signed_parts(compact) else {
            return SignatureCheck::Invalid { thumbprint };
        };
        let rng = ring::rand::SystemRandom::new();
        let (algorithm, public): (&dyn ring_sig::VerificationAlgorithm, Vec<u8>) = match parts.alg {
            SigningAlg::Rs256 => (
                &ring_sig::RSA_PKCS1_2048_8192_SHA256,
                ring_sig::RsaKeyPair::from_pkcs8(&self.der)
                    .unwrap()
                    .public_key()
                    .as_ref()
                    .to_vec(),
            ),
            SigningAlg::Ps256 => (
                &ring_sig::RSA_PSS_2048_8192_SHA256,
                ring_sig::RsaKeyPair::from_pkcs8(&self.der)
                    .unwrap()
                    .public_key()
                    .as_ref()
                    .to_vec(),
            ),
            SigningAlg::Es256 => match ring_sig::EcdsaKeyPair::from_pkcs8(
                &ring_sig::ECDSA_P256_SHA256_FIXED_SIGNING,
                &self.der,
                &rng,
            ) {
                Ok(pair) => (
                    &ring_sig::ECDSA_P256_SHA256_FIXED,
                    pair.public_key().as_ref().to_vec(),
                ),
                Err(_) => return SignatureCheck::Invalid { thumbprint },
            },
        };
        let verified = ring_sig::UnparsedPublicKey::new(algorithm, public)
            .verify(parts.signing_input.as_bytes(), &parts.signature)
            .is_ok();
        if verified {
            SignatureCheck::Verified { thumbprint }
        } else {
            SignatureCheck::Invalid { thumbprint }
        }
    }

    /// The page's whole assertion path, with ring in WebCrypto's place.
    fn sign_assertion(&self, spec: &AssertionSpec, kid: Option<&str>) -> SignedAssertion {
        let unsigned =
            assertion::prepare(spec, &self.info, kid, NOW, new_uuid(&mut OsRng)).unwrap();
        let signature = self.sign(unsigned.alg(), unsigned.signing_input());
        unsigned.finish(&signature).unwrap()
    }
}

fn rsa_key(bits: usize) -> TestKey {
    let key = RsaPrivateKey::new(&mut OsRng, bits).unwrap();
    TestKey::import(&key.to_pkcs8_pem(LineEnding::LF).unwrap())
}

fn p256_key() -> TestKey {
    use p256::pkcs8::EncodePrivateKey as _;
    let key = p256::SecretKey::random(&mut OsRng);
    TestKey::import(&key.to_pkcs8_pem(p256::pkcs8::LineEnding::LF).unwrap())
}

fn spec(alg: SigningAlg) -> AssertionSpec {
    samples::assertion_spec(alg)
}

/// Verifies with `jsonwebtoken` against the page's own public JWK, as ACM would.
fn verify_independently(key: &TestKey, token: &str, alg: Algorithm, audience: &str) -> Value {
    let jwk: jsonwebtoken::jwk::Jwk = serde_json::from_value(key.info.public_jwk()).unwrap();
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
    assert_eq!(header.kid.as_deref(), Some(key.info.kid()));
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
    // The default lifetime: the API team's demo client's 60 s.
    assert_eq!(claims["exp"], NOW + 60);
    assert_eq!(claims["jti"], signed.jti.as_str());
    let jti = uuid::Uuid::parse_str(&signed.jti).unwrap();
    assert_eq!(jti.get_version_num(), 4);
    assert_eq!(signed.issued_at, NOW);
    assert_eq!(signed.expires_at, NOW + 60);
}

#[test]
fn rs256_with_2048_and_4096_bit_keys() {
    for bits in [2048, 4096] {
        let key = rsa_key(bits);
        let signed = key.sign_assertion(&spec(SigningAlg::Rs256), Some(key.info.kid()));
        let claims = verify_independently(&key, &signed.compact, Algorithm::RS256, ISSUER);
        assert_claims(&claims, &signed, ISSUER);
        assert_eq!(
            signed.header,
            json!({"alg": "RS256", "typ": "JWT", "kid": key.info.kid()})
        );
    }
}

#[test]
fn ps256_with_an_rsa_key() {
    let key = rsa_key(2048);
    let signed = key.sign_assertion(&spec(SigningAlg::Ps256), Some(key.info.kid()));
    let claims = verify_independently(&key, &signed.compact, Algorithm::PS256, ISSUER);
    assert_claims(&claims, &signed, ISSUER);
}

#[test]
fn es256_with_a_p256_key_and_token_endpoint_audience() {
    let key = p256_key();
    let mut spec = spec(SigningAlg::Es256);
    spec.audience = TOKEN_URL.into();
    let signed = key.sign_assertion(&spec, Some(key.info.kid()));
    let claims = verify_independently(&key, &signed.compact, Algorithm::ES256, TOKEN_URL);
    assert_claims(&claims, &signed, TOKEN_URL);
}

#[test]
fn the_signing_input_is_the_rfc7515_encoding_of_header_and_claims() {
    let key = rsa_key(2048);
    let unsigned = assertion::prepare(
        &spec(SigningAlg::Rs256),
        &key.info,
        Some("mijn-kid"),
        NOW,
        uuid::Uuid::nil(),
    )
    .unwrap();
    let input = std::str::from_utf8(unsigned.signing_input()).unwrap();
    let (header, claims) = input.split_once('.').unwrap();
    let decode = |part: &str| -> Value {
        serde_json::from_slice(&Base64UrlUnpadded::decode_vec(part).unwrap()).unwrap()
    };
    assert_eq!(
        decode(header),
        json!({"alg": "RS256", "typ": "JWT", "kid": "mijn-kid"})
    );
    assert_eq!(
        decode(claims),
        json!({"iss": CLIENT_ID, "sub": CLIENT_ID, "aud": ISSUER,
               "jti": "00000000-0000-0000-0000-000000000000", "iat": NOW, "exp": NOW + 60})
    );
    assert!(!input.contains('='), "base64url without padding");
}

#[test]
fn a_signature_of_the_wrong_length_is_refused() {
    let key = rsa_key(2048);
    let unsigned = assertion::prepare(
        &spec(SigningAlg::Rs256),
        &key.info,
        None,
        NOW,
        uuid::Uuid::nil(),
    )
    .unwrap();
    assert_eq!(
        unsigned.clone().finish(&[0; 64]),
        Err(SignError::SignatureLength {
            expected: 256,
            found: 64
        })
    );
    let ec = p256_key();
    let unsigned = assertion::prepare(
        &spec(SigningAlg::Es256),
        &ec.info,
        None,
        NOW,
        uuid::Uuid::nil(),
    )
    .unwrap();
    // A DER-encoded ECDSA signature (70-72 bytes) is not the JWS form.
    assert!(matches!(
        unsigned.finish(&[0x30; 71]),
        Err(SignError::SignatureLength { expected: 64, .. })
    ));
}

#[test]
fn kid_follows_the_registered_key() {
    let key = rsa_key(2048);
    let mut public = key.info.public_jwk();
    // Not registered (or not checked): the kid of the public JWK the page hands out.
    assert_eq!(key::assertion_kid(&key.info, None), Some(key.info.kid()));
    // Registered as handed out.
    let report = key::compare_registered(&key.info, &public.to_string()).unwrap();
    assert_eq!(
        key::assertion_kid(&key.info, Some(&report)),
        Some(key.info.kid())
    );
    // Registered under another kid: the assertion names it that way.
    public["kid"] = json!("beheerportaal-2026");
    let report = key::compare_registered(&key.info, &public.to_string()).unwrap();
    assert_eq!(
        key::assertion_kid(&key.info, Some(&report)),
        Some("beheerportaal-2026")
    );
    // Registered without a kid: the assertion leaves kid out, and an independent verifier
    // that has the JWK without kid accepts it.
    public.as_object_mut().unwrap().remove("kid");
    let report = key::compare_registered(&key.info, &public.to_string()).unwrap();
    assert_eq!(key::assertion_kid(&key.info, Some(&report)), None);
    let signed = key.sign_assertion(
        &spec(SigningAlg::Rs256),
        key::assertion_kid(&key.info, Some(&report)),
    );
    assert_eq!(signed.header, json!({"alg": "RS256", "typ": "JWT"}));
    let header = jsonwebtoken::decode_header(&signed.compact).unwrap();
    assert_eq!(header.kid, None);
    // Another key registered: the page's own kid.
    let other = rsa_key(2048);
    let report = key::compare_registered(&key.info, &other.info.public_jwk_text()).unwrap();
    assert_eq!(
        key::assertion_kid(&key.info, Some(&report)),
        Some(key.info.kid())
    );
    // The linter agrees: a kid on an assertion for a key registered without one fails.
    let mut registered_without_kid = key.info.public_jwk();
    registered_without_kid
        .as_object_mut()
        .unwrap()
        .remove("kid");
    let report = key::compare_registered(&key.info, &registered_without_kid.to_string()).unwrap();
    let with_kid = key.sign_assertion(&spec(SigningAlg::Rs256), Some(key.info.kid()));
    let ledger = JtiLedger::default();
    let mut ctx = context(Some(&key), &ledger, &with_kid.compact);
    ctx.registered = Some(&report);
    assert_eq!(
        failing(&lint(&with_kid.compact, &ctx)),
        vec![(LintCheck::Kid, Some(LintProblem::KidNotRegistered))]
    );
    let mut ctx = context(Some(&key), &ledger, &signed.compact);
    ctx.registered = Some(&report);
    assert!(lint(&signed.compact, &ctx).passed());
}

#[test]
fn a_tampered_assertion_fails_independent_verification() {
    let key = rsa_key(2048);
    let signed = key.sign_assertion(&spec(SigningAlg::Rs256), Some(key.info.kid()));
    let mut parts: Vec<String> = signed.compact.split('.').map(str::to_string).collect();
    let mut claims: Value =
        serde_json::from_slice(&Base64UrlUnpadded::decode_vec(&parts[1]).unwrap()).unwrap();
    claims["sub"] = json!("iemand-anders");
    parts[1] = Base64UrlUnpadded::encode_string(claims.to_string().as_bytes());
    let tampered = parts.join(".");
    let jwk: jsonwebtoken::jwk::Jwk = serde_json::from_value(key.info.public_jwk()).unwrap();
    let mut validation = Validation::new(Algorithm::RS256);
    validation.validate_exp = false;
    validation.set_audience(&[ISSUER]);
    assert!(jsonwebtoken::decode::<Value>(
        &tampered,
        &DecodingKey::from_jwk(&jwk).unwrap(),
        &validation
    )
    .is_err());
    assert!(matches!(
        key.verdict(&tampered),
        SignatureCheck::Invalid { .. }
    ));
    assert!(matches!(
        key.verdict(&signed.compact),
        SignatureCheck::Verified { .. }
    ));
}

#[test]
fn algorithm_that_does_not_fit_the_key_is_refused() {
    let key = p256_key();
    assert!(matches!(
        assertion::prepare(
            &spec(SigningAlg::Rs256),
            &key.info,
            None,
            NOW,
            new_uuid(&mut OsRng)
        ),
        Err(SignError::AlgorithmDoesNotFitKey {
            alg: SigningAlg::Rs256,
            ..
        })
    ));
}

#[test]
fn only_a_compact_jws_is_sent_as_an_own_assertion() {
    let key = rsa_key(2048);
    let signed = key.sign_assertion(&spec(SigningAlg::Rs256), None);
    assert_eq!(
        assertion::compact_jws(&format!(" {}\n", signed.compact)),
        Ok(signed.compact.as_str())
    );
    let pem = std::fs::read_to_string(format!(
        "{}/tests/fixtures/keys/rsa2048-pkcs8.pem",
        env!("CARGO_MANIFEST_DIR")
    ))
    .unwrap();
    let jwk = key::import(&pem).unwrap().private_jwk();
    for not_a_jws in [pem.as_str(), jwk.as_str(), "e30.e30.c2ln", "", "a.b.c"] {
        assert!(
            assertion::compact_jws(not_a_jws).is_err(),
            "{not_a_jws:.30}"
        );
    }
}

#[test]
fn jti_is_unique_over_10000_signings() {
    let key = p256_key();
    let spec = spec(SigningAlg::Es256);
    let mut seen = HashSet::new();
    for _ in 0..10_000 {
        let unsigned =
            assertion::prepare(&spec, &key.info, None, NOW, new_uuid(&mut OsRng)).unwrap();
        let signed = unsigned.finish(&[0; 64]).unwrap();
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
fn backend_code_takes_the_fields_lifetime_or_the_default_never_a_refused_one() {
    assert_eq!(Lifetime::for_backend_code(" 120 ").seconds(), 120);
    assert_eq!(Lifetime::for_backend_code("600").seconds(), 600);
    for refused in ["601", "0", "-5", "vijf", ""] {
        assert!(Lifetime::parse(refused).is_err(), "{refused}");
        assert_eq!(
            Lifetime::for_backend_code(refused),
            Lifetime::default(),
            "{refused}"
        );
    }
    assert_eq!(Lifetime::default().seconds(), 60);
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
    // What the API team's demo client signs, the only lifetime known to work against ACM.
    assert_eq!(Lifetime::default().seconds(), 60);
}

// ----------------------------------------------------------------------------------------------
// Linter

/// The linter's context, with the signature verdict ring reaches for `compact` with `key`.
fn context<'a>(key: Option<&'a TestKey>, ledger: &'a JtiLedger, compact: &str) -> LintContext<'a> {
    LintContext {
        client_id: Some(CLIENT_ID),
        issuer: ISSUER,
        token_endpoint: TOKEN_URL,
        now: NOW + 10,
        key: key.map(|k| &k.info),
        registered: None,
        signature: key.map_or(SignatureCheck::NoKey, |k| k.verdict(compact)),
        ledger,
    }
}

/// Lints `compact` with `key` loaded.
fn lint_with(compact: &str, key: Option<&TestKey>, ledger: &JtiLedger) -> assertion::LintReport {
    lint(compact, &context(key, ledger, compact))
}

/// Builds an assertion from header and claims, signed with `key` as RS256 over the exact bytes.
fn forge(key: &TestKey, header: &Map<String, Value>, claims: &Map<String, Value>) -> String {
    let h = Base64UrlUnpadded::encode_string(Value::Object(header.clone()).to_string().as_bytes());
    let c = Base64UrlUnpadded::encode_string(Value::Object(claims.clone()).to_string().as_bytes());
    let input = format!("{h}.{c}");
    let signature = key.sign(SigningAlg::Rs256, input.as_bytes());
    format!("{input}.{}", Base64UrlUnpadded::encode_string(&signature))
}

fn good_parts(key: &TestKey) -> (Map<String, Value>, Map<String, Value>) {
    let header = json!({"alg": "RS256", "typ": "JWT", "kid": key.info.kid()});
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
    let signed = key.sign_assertion(&spec(SigningAlg::Rs256), Some(key.info.kid()));
    let report = lint_with(&signed.compact, Some(&key), &ledger);
    assert!(report.passed(), "{:?}", failing(&report));
    assert_eq!(
        report.finding(LintCheck::Signature).unwrap().status,
        LintStatus::Pass
    );
    // The forged-but-correct baseline passes too, so each case below fails by its one change.
    let (header, claims) = good_parts(&key);
    let baseline = lint_with(&forge(&key, &header, &claims), Some(&key), &ledger);
    assert!(baseline.passed(), "{:?}", failing(&baseline));
}

#[test]
fn each_single_rule_violation_is_rejected() {
    type Edit = Box<dyn Fn(&mut Map<String, Value>, &mut Map<String, Value>)>;
    let key = rsa_key(2048);
    let other = rsa_key(2048);
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
        let report = lint_with(&forge(&key, &header, &claims), Some(&key), &ledger);
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
    let report = lint_with(&forge(&other, &header, &claims), Some(&key), &ledger);
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
    // Recording a pasted assertion takes its jti; a malformed one records nothing.
    let mut pasted = JtiLedger::default();
    pasted.record_compact(&first);
    pasted.record_compact("not.an.assertion");
    let mut later_claims = claims.clone();
    later_claims.insert("iat".into(), json!(NOW + 1));
    assert!(pasted.reused_by_other(
        "0b6f1a52-8f0e-4b8e-9a63-3c1d2e4f5a6b",
        &forge(&key, &header, &later_claims)
    ));
    assert!(!pasted.reused_by_other("0b6f1a52-8f0e-4b8e-9a63-3c1d2e4f5a6b", &first));
    // Linting the same assertion again is not a reuse.
    assert!(lint_with(&first, Some(&key), &ledger).passed());
    let mut later = claims.clone();
    later.insert("iat".into(), json!(NOW + 5));
    let second = forge(&key, &header, &later);
    let report = lint_with(&second, Some(&key), &ledger);
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
    let report = lint_with(&forge(&key, &header, &claims), None, &ledger);
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
        let report = lint_with(input, None, &ledger);
        assert_eq!(report.findings.len(), 1, "{input}");
        assert_eq!(report.findings[0].check, LintCheck::Format, "{input}");
        assert_eq!(report.findings[0].status, LintStatus::Fail, "{input}");
    }
}

/// The audience choice: its stored names, what an unknown stored value means, and which URL
/// each puts into `aud`.
#[test]
fn the_audience_choice_is_named_restored_and_resolved_in_one_place() {
    use dao_onboard::domain::acm::assertion::AudienceChoice;
    assert_eq!(AudienceChoice::ALL[0], AudienceChoice::default());
    assert_eq!(AudienceChoice::default(), AudienceChoice::TokenEndpoint);
    for choice in AudienceChoice::ALL {
        assert_eq!(AudienceChoice::from_code(choice.code()), choice);
    }
    assert_eq!(AudienceChoice::TokenEndpoint.code(), "token");
    assert_eq!(AudienceChoice::Issuer.code(), "issuer");
    // An earlier visit stored nothing, or a value this version does not know: the default.
    for stored in ["", "Issuer", "token_endpoint", "aud"] {
        assert_eq!(
            AudienceChoice::from_code(stored),
            AudienceChoice::TokenEndpoint
        );
    }
    let (issuer, token) = ("https://x/op", "https://x/op/v1/token");
    assert_eq!(AudienceChoice::Issuer.pick(issuer, token), issuer);
    assert_eq!(AudienceChoice::TokenEndpoint.pick(issuer, token), token);
}

/// The algorithm in effect: the user's choice when the key can sign it, else the key's default.
#[test]
fn the_algorithm_follows_the_choice_only_where_the_key_fits() {
    use dao_onboard::domain::acm::key::KeyKind;
    let rsa = KeyKind::Rsa { bits: 2048 };
    assert_eq!(rsa.effective_alg(None), SigningAlg::Rs256);
    assert_eq!(
        rsa.effective_alg(Some(SigningAlg::Ps256)),
        SigningAlg::Ps256
    );
    assert_eq!(
        rsa.effective_alg(Some(SigningAlg::Rs256)),
        SigningAlg::Rs256
    );
    assert_eq!(
        rsa.effective_alg(Some(SigningAlg::Es256)),
        SigningAlg::Rs256
    );
    let ec = KeyKind::EcP256;
    assert_eq!(ec.effective_alg(None), SigningAlg::Es256);
    assert_eq!(ec.effective_alg(Some(SigningAlg::Ps256)), SigningAlg::Es256);
    assert_eq!(ec.effective_alg(Some(SigningAlg::Rs256)), SigningAlg::Es256);
}
