//! Key import: every accepted format converted to the PKCS#8 DER the browser's key store imports
//! (cross-checked by parsing it back with the RustCrypto key crates and loading it into ring), a
//! corpus of malformed inputs each with its own error and a message that repeats no key material,
//! the RFC 7638 thumbprint vector, the public/private JWK round trip and the registered-key check.

#![cfg(not(target_arch = "wasm32"))]

use dao_onboard::domain::acm::key::{
    self, compare_registered, import, import_jwks_entry, ImportableKey, KeyImportError, KeyKind,
    KeySource, PemProblem, PublicKey, RegisteredKeyError, ValueProblem,
};
use dao_onboard::domain::checked::json::JsonError;
use dao_onboard::i18n::{messages, Lang};
use rand_core::OsRng;
use rsa::pkcs1::{EncodeRsaPrivateKey, LineEnding};
use rsa::pkcs8::{DecodePrivateKey, EncodePrivateKey};
use rsa::traits::{PrivateKeyParts, PublicKeyParts};
use rsa::RsaPrivateKey;
use serde_json::{json, Value};

fn fixture(name: &str) -> String {
    let path = format!("{}/tests/fixtures/keys/{name}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

fn rsa_2048() -> RsaPrivateKey {
    RsaPrivateKey::new(&mut OsRng, 2048).expect("key generation")
}

fn p256_secret() -> p256::SecretKey {
    p256::SecretKey::random(&mut OsRng)
}

fn import_rsa(key: &RsaPrivateKey) -> ImportableKey {
    import(&key.to_pkcs8_pem(LineEnding::LF).unwrap()).unwrap()
}

fn import_p256(key: &p256::SecretKey) -> ImportableKey {
    use p256::pkcs8::EncodePrivateKey as _;
    import(&key.to_pkcs8_pem(p256::pkcs8::LineEnding::LF).unwrap()).unwrap()
}

/// A private JWK made by the page from a key generated here, as a `serde_json::Value` to mutate.
fn rsa_private_jwk(key: &RsaPrivateKey) -> Value {
    serde_json::from_str(&import_rsa(key).private_jwk()).unwrap()
}

fn p256_private_jwk() -> Value {
    serde_json::from_str(&import_p256(&p256_secret()).private_jwk()).unwrap()
}

/// ring, an independent implementation, accepts the page's PKCS#8 DER (and checks what the page
/// leaves to WebCrypto: RSA consistency, the EC point against the scalar).
fn ring_accepts(key: &ImportableKey) -> bool {
    let der = key.pkcs8_der();
    match key.info().kind() {
        KeyKind::Rsa { .. } => ring::signature::RsaKeyPair::from_pkcs8(der).is_ok(),
        KeyKind::EcP256 => ring::signature::EcdsaKeyPair::from_pkcs8(
            &ring::signature::ECDSA_P256_SHA256_FIXED_SIGNING,
            der,
            &ring::rand::SystemRandom::new(),
        )
        .is_ok(),
    }
}

// ----------------------------------------------------------------------------------------------
// The PKCS#8 handed to WebCrypto is the key that went in

#[test]
fn every_rsa_format_becomes_the_same_pkcs8_key() {
    let key = rsa_2048();
    let inputs = [
        key.to_pkcs8_pem(LineEnding::LF).unwrap().to_string(),
        key.to_pkcs1_pem(LineEnding::CRLF).unwrap().to_string(),
        rsa_private_jwk(&key).to_string(),
        json!({"keys": [rsa_private_jwk(&key)]}).to_string(),
    ];
    for input in &inputs {
        let imported = import(input).unwrap();
        let back = RsaPrivateKey::from_pkcs8_der(imported.pkcs8_der()).expect("parses back");
        assert_eq!(back.n(), key.n());
        assert_eq!(back.e(), key.e());
        assert_eq!(back.d(), key.d());
        assert_eq!(back.primes(), key.primes());
        assert!(ring_accepts(&imported), "ring refused the DER");
        assert_eq!(imported.info().kind(), KeyKind::Rsa { bits: 2048 });
    }
}

#[test]
fn every_ec_format_becomes_the_same_pkcs8_key() {
    use p256::pkcs8::{DecodePrivateKey as _, EncodePrivateKey as _};
    let secret = p256_secret();
    let jwk = p256_private_jwk_of(&secret);
    let inputs = [
        secret
            .to_pkcs8_pem(p256::pkcs8::LineEnding::LF)
            .unwrap()
            .to_string(),
        jwk.to_string(),
    ];
    for input in &inputs {
        let imported = import(input).unwrap();
        let back = p256::SecretKey::from_pkcs8_der(imported.pkcs8_der()).expect("parses back");
        assert_eq!(back.to_bytes(), secret.to_bytes());
        assert!(ring_accepts(&imported), "ring refused the DER");
        assert_eq!(imported.info().kind(), KeyKind::EcP256);
    }
    // elliptic-curve writes SEC1 without the named curve that RFC 5915 §3 requires.
    let unnamed = secret.to_sec1_pem(p256::pkcs8::LineEnding::LF).unwrap();
    assert_eq!(
        import(&unnamed).err(),
        Some(KeyImportError::UnsupportedKeyType {
            description: "EC (no named curve)".into()
        })
    );
}

/// Only the members elliptic-curve's strict JWK parser knows.
fn ec_members(jwk: &Value) -> String {
    let keep = ["kty", "crv", "x", "y", "d"];
    let object: serde_json::Map<String, Value> = jwk
        .as_object()
        .unwrap()
        .iter()
        .filter(|(k, _)| keep.contains(&k.as_str()))
        .map(|(k, v)| (k.clone(), v.clone()))
        .collect();
    Value::Object(object).to_string()
}

fn p256_private_jwk_of(secret: &p256::SecretKey) -> Value {
    serde_json::from_str(&import_p256(secret).private_jwk()).unwrap()
}

#[test]
fn private_jwk_members_are_the_keys_own() {
    use base64ct::Encoding;
    let key = rsa_2048();
    let jwk = rsa_private_jwk(&key);
    let big = |m: &str| {
        rsa::BigUint::from_bytes_be(
            &base64ct::Base64UrlUnpadded::decode_vec(jwk[m].as_str().unwrap()).unwrap(),
        )
    };
    assert_eq!(&big("n"), key.n());
    assert_eq!(&big("d"), key.d());
    assert_eq!(big("p"), key.primes()[0]);
    assert_eq!(&big("dp"), key.dp().unwrap());
    // The EC JWK: an independent JWK parser (p256's) reads the same key.
    let secret = p256_secret();
    let ec = p256_private_jwk_of(&secret);
    let parsed = p256::SecretKey::from_jwk_str(&ec_members(&ec)).unwrap();
    assert_eq!(parsed.to_bytes(), secret.to_bytes());
}

#[test]
fn the_public_jwk_is_an_independent_librarys_public_key() {
    use base64ct::Encoding;
    let secret = p256_secret();
    let imported = import_p256(&secret);
    let from_page: p256::PublicKey =
        p256::PublicKey::from_jwk_str(&ec_members(&imported.info().public_jwk())).unwrap();
    assert_eq!(from_page, secret.public_key());
    let key = rsa_2048();
    let public: jsonwebtoken::jwk::Jwk =
        serde_json::from_value(import_rsa(&key).info().public_jwk()).unwrap();
    let jsonwebtoken::jwk::AlgorithmParameters::RSA(rsa) = public.algorithm else {
        panic!("not an RSA JWK");
    };
    let n = base64ct::Base64UrlUnpadded::decode_vec(&rsa.n).unwrap();
    assert_eq!(rsa::BigUint::from_bytes_be(&n), *key.n());
}

#[test]
fn what_only_arithmetic_can_catch_is_left_to_the_key_store() {
    // A JWK with a prime of another key, or an EC point of another key: structurally sound, so
    // the domain passes them on; an implementation that does the arithmetic (ring here, which
    // checks p·q = n; WebCrypto in the page, see tests/web.rs) refuses them.
    let rsa = rsa_private_jwk(&rsa_2048());
    let other = rsa_private_jwk(&rsa_2048());
    let mut mixed = rsa.clone();
    mixed["p"] = other["p"].clone();
    let imported = import(&mixed.to_string()).unwrap();
    assert!(!ring_accepts(&imported));
    let ec = p256_private_jwk();
    let ec_other = p256_private_jwk();
    let mut mixed = ec.clone();
    mixed["x"] = ec_other["x"].clone();
    mixed["y"] = ec_other["y"].clone();
    let imported = import(&mixed.to_string()).unwrap();
    assert!(!ring_accepts(&imported));
}

// ----------------------------------------------------------------------------------------------
// Accepted formats

#[test]
fn openssl_pkcs8_and_pkcs1_give_the_same_key() {
    let pkcs8 = import(&fixture("rsa2048-pkcs8.pem")).unwrap();
    let pkcs1 = import(&fixture("rsa2048-pkcs1.pem")).unwrap();
    assert_eq!(pkcs8.pkcs8_der(), pkcs1.pkcs8_der());
    let (pkcs8, pkcs1) = (pkcs8.info().clone(), pkcs1.info().clone());
    assert_eq!(pkcs8.kind(), KeyKind::Rsa { bits: 2048 });
    assert_eq!(pkcs8.source(), KeySource::Pkcs8Pem);
    assert_eq!(pkcs1.source(), KeySource::Pkcs1Pem);
    assert_eq!(pkcs8.thumbprint(), pkcs1.thumbprint());
    // Without a kid of its own, the key's kid is its thumbprint.
    assert_eq!(pkcs8.kid(), pkcs8.thumbprint());
    assert_eq!(pkcs8.explicit_kid(), None);
}

#[test]
fn openssl_ec_keys_in_sec1_with_parameters_and_pkcs8() {
    let sec1 = import(&fixture("p256-sec1-with-params.pem")).unwrap();
    let pkcs8 = import(&fixture("p256-pkcs8.pem")).unwrap();
    assert!(ring_accepts(&sec1) && ring_accepts(&pkcs8));
    let (sec1, pkcs8) = (sec1.info().clone(), pkcs8.info().clone());
    assert_eq!(sec1.kind(), KeyKind::EcP256);
    assert_eq!(sec1.source(), KeySource::Sec1Pem);
    assert_eq!(sec1.thumbprint(), pkcs8.thumbprint());
}

#[test]
fn windows_line_ends_bom_and_white_space_are_accepted() {
    let pem = fixture("rsa2048-pkcs1.pem");
    let reference = import(&pem).unwrap();
    let windows = format!("\u{feff}\r\n  {}\r\n\r\n", pem.replace('\n', "\r\n"));
    assert_eq!(
        import(&windows).unwrap().info().thumbprint(),
        reference.info().thumbprint()
    );
    let jwk = rsa_private_jwk(&rsa_2048()).to_string();
    assert!(import(&format!("\u{feff} \n{jwk}\n ")).is_ok());
}

#[test]
fn pem_wrapped_at_76_columns_or_unwrapped_is_accepted() {
    let key = rsa_2048();
    let pem = key.to_pkcs8_pem(LineEnding::LF).unwrap();
    let body: String = pem.lines().filter(|l| !l.starts_with("-----")).collect();
    let at76: Vec<String> = body
        .as_bytes()
        .chunks(76)
        .map(|c| String::from_utf8(c.to_vec()).unwrap())
        .collect();
    let rewrapped = format!(
        "-----BEGIN PRIVATE KEY-----\n{}\n-----END PRIVATE KEY-----\n",
        at76.join("\n")
    );
    let one_line = format!("-----BEGIN PRIVATE KEY-----\n{body}\n-----END PRIVATE KEY-----");
    let expected = import_rsa(&key);
    assert_eq!(
        import(&rewrapped).unwrap().pkcs8_der(),
        expected.pkcs8_der()
    );
    assert_eq!(import(&one_line).unwrap().pkcs8_der(), expected.pkcs8_der());
}

#[test]
fn text_around_the_pem_block_and_a_certificate_beside_it_are_ignored() {
    let bundle = format!(
        "Bag Attributes\n    localKeyID: 01\n{}\nsubject=CN=x\n{}",
        fixture("rsa2048-pkcs8.pem"),
        fixture("rsa2048-cert.pem")
    );
    assert_eq!(
        import(&bundle).unwrap().info().kind(),
        KeyKind::Rsa { bits: 2048 }
    );
}

#[test]
fn private_jwk_round_trips_with_its_kid() {
    let mut jwk = rsa_private_jwk(&rsa_2048());
    jwk["kid"] = json!("dao-2026");
    let imported = import(&jwk.to_string()).unwrap();
    let key = imported.info();
    assert_eq!(key.kid(), "dao-2026");
    assert_eq!(key.explicit_kid(), Some("dao-2026"));
    assert_ne!(key.thumbprint(), "dao-2026");
    let again = import(&imported.private_jwk()).unwrap();
    assert_eq!(again.info().thumbprint(), key.thumbprint());
    assert_eq!(again.info().kid(), "dao-2026");
    assert_eq!(again.pkcs8_der(), imported.pkcs8_der());
}

#[test]
fn exported_private_jwk_has_every_rfc7518_member() {
    let jwk = rsa_private_jwk(&rsa_2048());
    for member in ["kty", "n", "e", "d", "p", "q", "dp", "dq", "qi", "kid"] {
        assert!(
            jwk.get(member).is_some_and(Value::is_string),
            "{member} in {jwk}"
        );
    }
    let ec = p256_private_jwk();
    for member in ["kty", "crv", "x", "y", "d", "kid"] {
        assert!(
            ec.get(member).is_some_and(Value::is_string),
            "{member} in {ec}"
        );
    }
}

#[test]
fn jwk_with_d_but_without_primes_is_refused_with_the_reason() {
    // RFC 7518 allows it; WebCrypto does not import it, and completing it takes factoring.
    let mut jwk = rsa_private_jwk(&rsa_2048());
    for member in ["p", "q", "dp", "dq", "qi"] {
        jwk.as_object_mut().unwrap().remove(member);
    }
    assert_eq!(
        import(&jwk.to_string()).err(),
        Some(KeyImportError::RsaCrtMissing { field: "p" })
    );
}

#[test]
fn webcrypto_style_jwk_with_extra_members() {
    let mut jwk = rsa_private_jwk(&rsa_2048());
    jwk["alg"] = json!("RS256");
    jwk["ext"] = json!(true);
    jwk["key_ops"] = json!(["sign"]);
    jwk.as_object_mut().unwrap().remove("kid");
    assert!(import(&jwk.to_string()).is_ok());
}

#[test]
fn jwks_with_one_private_key_among_public_ones() {
    let private = rsa_private_jwk(&rsa_2048());
    let public = import(&p256_private_jwk().to_string())
        .unwrap()
        .info()
        .public_jwk();
    let jwks = json!({ "keys": [public, private] });
    let key = import(&jwks.to_string()).unwrap();
    assert_eq!(key.info().source(), KeySource::Jwks);
    assert!(matches!(key.info().kind(), KeyKind::Rsa { .. }));
}

#[test]
fn jwks_with_several_private_keys_lets_the_user_pick() {
    let mut first = rsa_private_jwk(&rsa_2048());
    first["kid"] = json!("oud");
    let mut second = p256_private_jwk();
    second["kid"] = json!("nieuw");
    let jwks = json!({ "keys": [first, second] }).to_string();
    let Err(KeyImportError::SeveralPrivateKeys { candidates }) = import(&jwks) else {
        panic!("expected a choice");
    };
    assert_eq!(candidates.len(), 2);
    assert_eq!(candidates[1].kid.as_deref(), Some("nieuw"));
    assert_eq!(candidates[1].kty, "EC");
    let picked = import_jwks_entry(&jwks, candidates[1].index).unwrap();
    assert_eq!(picked.info().kind(), KeyKind::EcP256);
    assert_eq!(picked.info().kid(), "nieuw");
    assert_eq!(
        import_jwks_entry(&jwks, 7).err().unwrap(),
        KeyImportError::JwksIndexOutOfRange { index: 7 }
    );
}

// ----------------------------------------------------------------------------------------------
// RFC 7638 and the public JWK

#[test]
fn rfc7638_thumbprint_example() {
    // RFC 7638 §3.1: the public key of RFC 7517 Appendix A.1.
    let rfc_key = json!({
        "kty": "RSA",
        "n": "0vx7agoebGcQSuuPiLJXZptN9nndrQmbXEps2aiAFbWhM78LhWx4cbbfAAtVT86zwu1RK7aPFFxuhDR1L6tSoc_BJECPebWKRXjBZCiFV4n3oknjhMstn64tZ_2W-5JsGY4Hc5n9yBXArwl93lqt7_RN5w6Cf0h4QyQ5v-65YGjQR0_FDW2QvzqY368QQMicAtaSqzs8KJZgnYb9c7d0zgdAZHzu6qMQvRL5hajrn1n91CbOpbISD08qNLyrdkt-bFTWhAI4vMQFh6WeZu0fM4lFd2NcRwr3XPksINHaQ-G_xBniIqbw0Ls1jF44-csFCur-kEgU8awapJzKnqDKgw",
        "e": "AQAB",
        "alg": "RS256",
        "kid": "2011-04-29"
    });
    // The registered-key check computes thumbprints of pasted JWKs; run it against a key whose
    // thumbprint is not the RFC's and read the registered entry's thumbprint.
    let loaded = import(&fixture("rsa2048-pkcs8.pem")).unwrap();
    let report = compare_registered(loaded.info(), &rfc_key.to_string()).unwrap();
    assert_eq!(
        report.registered[0].thumbprint.as_deref(),
        Some("NzbLsXh8uDCcd-6MNwXF4W_7noWXFZAfHkxZsRGC9Xs")
    );
    assert_eq!(report.registered[0].kid.as_deref(), Some("2011-04-29"));
    assert_eq!(report.matching, None);
}

#[test]
fn public_jwk_has_no_private_member_and_its_own_thumbprint() {
    for imported in [
        import(&fixture("rsa2048-pkcs8.pem")).unwrap(),
        import(&fixture("p256-pkcs8.pem")).unwrap(),
    ] {
        let key = imported.info();
        let public = key.public_jwk();
        for private in ["d", "p", "q", "dp", "dq", "qi", "oth"] {
            assert!(
                public.get(private).is_none(),
                "{private} leaked into {public}"
            );
        }
        assert_eq!(public["use"], "sig");
        assert_eq!(public["kid"], key.kid());
        assert_eq!(public["alg"], key.kind().default_alg().name());
        let report = compare_registered(key, &key.public_jwk_text()).unwrap();
        assert_eq!(report.matching, Some(0));
        assert_eq!(key::assertion_kid(key, Some(&report)), Some(key.kid()));
        assert!(!report.registered[0].contains_private_parts);
        // An independent JWT library accepts it as a key.
        let jwk: jsonwebtoken::jwk::Jwk = serde_json::from_value(public).unwrap();
        assert!(jsonwebtoken::DecodingKey::from_jwk(&jwk).is_ok());
    }
}

#[test]
fn registered_key_check() {
    let key = import(&fixture("rsa2048-pkcs8.pem"))
        .unwrap()
        .info()
        .clone();
    let other = import(&fixture("p256-pkcs8.pem")).unwrap().info().clone();
    // A JWKS holding the right key under another kid: found, and its kid is the one to use.
    let mut renamed = key.public_jwk();
    renamed["kid"] = json!("anders");
    let jwks = json!({ "keys": [other.public_jwk(), renamed] }).to_string();
    let report = compare_registered(&key, &jwks).unwrap();
    assert_eq!(report.matching, Some(1));
    assert_eq!(key::assertion_kid(&key, Some(&report)), Some("anders"));
    // Only the other key: no match.
    assert_eq!(
        compare_registered(&key, &other.public_jwk_text())
            .unwrap()
            .matching,
        None
    );
    // A private key was registered: flagged.
    let leaked = compare_registered(&key, &fixture_jwk_private()).unwrap();
    assert!(leaked.registered[0].contains_private_parts);
    assert!(matches!(
        compare_registered(&key, "{"),
        Err(RegisteredKeyError::Json(_))
    ));
    assert_eq!(
        compare_registered(&key, "{\"a\":1}"),
        Err(RegisteredKeyError::NotAJwk)
    );
    assert_eq!(
        compare_registered(&key, "{\"keys\":[]}"),
        Err(RegisteredKeyError::JwksEmpty)
    );
}

fn fixture_jwk_private() -> String {
    p256_private_jwk().to_string()
}

#[test]
fn debug_output_shows_no_private_material() {
    let key = import(&fixture("rsa2048-pkcs8.pem")).unwrap();
    let jwk: Value = serde_json::from_str(&key.private_jwk()).unwrap();
    let debug = format!("{key:?}");
    for member in ["d", "p", "q"] {
        let secret = jwk[member].as_str().unwrap();
        assert!(!debug.contains(&secret[..16]), "{member} in Debug output");
    }
    assert!(debug.contains(key.info().thumbprint()));
}

#[test]
fn a_pasted_public_key_for_verifying() {
    let key = import(&fixture("p256-pkcs8.pem")).unwrap();
    let public = PublicKey::parse_jwk_text(&key.info().public_jwk_text()).unwrap();
    assert_eq!(&public, key.info().public_key());
    let jwks = json!({"keys": [key.info().public_jwk()]}).to_string();
    assert_eq!(
        &PublicKey::parse_jwk_text(&jwks).unwrap(),
        key.info().public_key()
    );
    let two = json!({"keys": [key.info().public_jwk(), key.info().public_jwk()]}).to_string();
    assert_eq!(
        PublicKey::parse_jwk_text(&two),
        Err(KeyImportError::SeveralPublicKeys { count: 2 })
    );
}

// ----------------------------------------------------------------------------------------------
// Malformed input: each has its own error and none panics.

/// The error kinds, without their data, for table-driven checks.
fn kind(err: &KeyImportError) -> &'static str {
    match err {
        KeyImportError::Empty => "Empty",
        KeyImportError::TooLarge { .. } => "TooLarge",
        KeyImportError::Json(_) => "Json",
        KeyImportError::NotAJwk => "NotAJwk",
        KeyImportError::Unrecognised => "Unrecognised",
        KeyImportError::PublicKeyOnly => "PublicKeyOnly",
        KeyImportError::Certificate => "Certificate",
        KeyImportError::EncryptedPem => "EncryptedPem",
        KeyImportError::OpenSshKey => "OpenSshKey",
        KeyImportError::UnsupportedKeyType { .. } => "UnsupportedKeyType",
        KeyImportError::RsaTooSmall { .. } => "RsaTooSmall",
        KeyImportError::RsaTooLarge { .. } => "RsaTooLarge",
        KeyImportError::MissingField { .. } => "MissingField",
        KeyImportError::BadBase64 { .. } => "BadBase64",
        KeyImportError::InvalidValue { .. } => "InvalidValue",
        KeyImportError::RsaCrtMissing { .. } => "RsaCrtMissing",
        KeyImportError::EcPublicKeyMissing => "EcPublicKeyMissing",
        KeyImportError::PemInJsonString => "PemInJsonString",
        KeyImportError::JwksTooLarge { .. } => "JwksTooLarge",
        KeyImportError::JwksEmpty => "JwksEmpty",
        KeyImportError::JwksWithoutPrivateKey => "JwksWithoutPrivateKey",
        KeyImportError::SeveralPrivateKeys { .. } => "SeveralPrivateKeys",
        KeyImportError::JwksIndexOutOfRange { .. } => "JwksIndexOutOfRange",
        KeyImportError::BadPem { .. } => "BadPem",
        KeyImportError::UnknownPemLabel { .. } => "UnknownPemLabel",
        KeyImportError::SeveralPemKeys { .. } => "SeveralPemKeys",
        KeyImportError::DerInvalid { .. } => "DerInvalid",
        _ => "other",
    }
}

#[test]
fn malformed_corpus() {
    let rsa_jwk = rsa_private_jwk(&rsa_2048());
    let ec_jwk = p256_private_jwk();
    let with = |base: &Value, member: &str, value: Value| {
        let mut jwk = base.clone();
        jwk[member] = value;
        jwk.to_string()
    };
    let without = |base: &Value, member: &str| {
        let mut jwk = base.clone();
        jwk.as_object_mut().unwrap().remove(member);
        jwk.to_string()
    };
    let pkcs8 = fixture("rsa2048-pkcs8.pem");
    let pkcs8_body: String = pkcs8.lines().filter(|l| !l.starts_with("-----")).collect();
    let with_without = |base: &Value, member: &str, value: Value, drop: &[&str]| {
        let mut jwk = base.clone();
        jwk[member] = value;
        for m in drop {
            jwk.as_object_mut().unwrap().remove(*m);
        }
        jwk.to_string()
    };
    let public_ec = import(&ec_jwk.to_string()).unwrap().info().public_jwk();

    let corpus: Vec<(&str, String, &str)> = vec![
        ("empty", String::new(), "Empty"),
        ("white space only", " \r\n\t ".into(), "Empty"),
        ("BOM only", "\u{feff}".into(), "Empty"),
        ("too large", "x".repeat(key::MAX_KEY_INPUT_BYTES + 1), "TooLarge"),
        ("random text", "dit is geen sleutel".into(), "Unrecognised"),
        ("bare base64", pkcs8_body.clone(), "Unrecognised"),
        ("truncated JSON", rsa_jwk.to_string()[..40].to_string(), "Json"),
        ("JSON array", "[1, 2]".into(), "NotAJwk"),
        ("JSON without kty", "{\"n\": \"AQAB\"}".into(), "NotAJwk"),
        ("keys not an array", "{\"keys\": {}}".into(), "NotAJwk"),
        ("empty kty", with(&rsa_jwk, "kty", json!("")), "MissingField"),
        ("RSA JWK without d", without(&rsa_jwk, "d"), "PublicKeyOnly"),
        ("EC JWK without d", without(&ec_jwk, "d"), "PublicKeyOnly"),
        ("RSA JWK without n", without(&rsa_jwk, "n"), "MissingField"),
        ("RSA JWK with p but no q", without(&rsa_jwk, "q"), "RsaCrtMissing"),
        ("RSA JWK d empty", with(&rsa_jwk, "d", json!("")), "InvalidValue"),
        ("RSA JWK d AA", with(&rsa_jwk, "d", json!("AA")), "InvalidValue"),
        ("RSA JWK d empty without primes", with_without(&rsa_jwk, "d", json!(""), &["p", "q", "dp", "dq", "qi"]), "InvalidValue"),
        ("RSA JWK d AA without primes", with_without(&rsa_jwk, "d", json!("AA"), &["p", "q", "dp", "dq", "qi"]), "InvalidValue"),
        ("RSA JWK d = n", with(&rsa_jwk, "d", rsa_jwk["n"].clone()), "InvalidValue"),
        ("RSA JWK d = n without primes", with_without(&rsa_jwk, "d", rsa_jwk["n"].clone(), &["p", "q"]), "InvalidValue"),
        ("RSA JWK even modulus", with(&rsa_jwk, "n", json!(even_modulus(&rsa_jwk))), "InvalidValue"),
        ("EC JWK d = order", with(&ec_jwk, "d", json!(P256_ORDER_B64)), "InvalidValue"),
        ("EC JWK x too long", with(&ec_jwk, "x", json!("AAAA".repeat(11))), "InvalidValue"),
        ("EC JWK x beyond the prime", with(&ec_jwk, "x", json!(format!("{}w", "_".repeat(42)))), "InvalidValue"),
        ("PKCS#1 with a zero modulus", zero_modulus_pkcs1(), "InvalidValue"),
        ("2 MB of base64", "QUFB".repeat(512 * 1024), "TooLarge"),
        ("PEM inside a JSON string", serde_json::to_string(&pkcs8).unwrap(), "PemInJsonString"),
        ("JWKS with 1000 keys", json!({"keys": vec![public_ec.clone(); 1000]}).to_string(), "JwksTooLarge"),
        ("BEGIN line without dashes before the body", pkcs8.replacen("-----BEGIN PRIVATE KEY-----", "-----BEGIN PRIVATE KEY", 1), "BadPem"),
        ("RSA JWK d in standard base64", with(&rsa_jwk, "d", json!("ab+/cd==")), "BadBase64"),
        ("RSA JWK n as a number", with(&rsa_jwk, "n", json!(12345)), "BadBase64"),
        ("EC JWK d of zero", with(&ec_jwk, "d", json!("AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")), "InvalidValue"),
        ("EC JWK on P-384", with(&ec_jwk, "crv", json!("P-384")), "UnsupportedKeyType"),
        ("OKP Ed25519 JWK", json!({"kty":"OKP","crv":"Ed25519","x":"11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo","d":"nWGxne_9WmC6hEr0kuwsxERJxWl7MmkZcDusAxyuf2A"}).to_string(), "UnsupportedKeyType"),
        ("symmetric JWK", json!({"kty":"oct","k":"GawgguFyGrWKav7AX4VKUg"}).to_string(), "UnsupportedKeyType"),
        ("unknown kty", with(&rsa_jwk, "kty", json!("XYZ")), "UnsupportedKeyType"),
        ("empty JWKS", "{\"keys\": []}".into(), "JwksEmpty"),
        ("JWKS of public keys", json!({"keys": [import(&fixture("rsa2048-pkcs8.pem")).unwrap().info().public_jwk()]}).to_string(), "JwksWithoutPrivateKey"),
        ("JWKS with two private keys", json!({"keys": [rsa_jwk.clone(), ec_jwk.clone()]}).to_string(), "SeveralPrivateKeys"),
        ("encrypted PKCS#8", fixture("rsa2048-encrypted-pkcs8.pem"), "EncryptedPem"),
        ("encrypted PKCS#1", fixture("rsa2048-encrypted-pkcs1.pem"), "EncryptedPem"),
        ("public key PEM", fixture("rsa2048-public.pem"), "PublicKeyOnly"),
        ("RSA public key PEM", fixture("rsa2048-rsapublickey.pem"), "PublicKeyOnly"),
        ("certificate", fixture("rsa2048-cert.pem"), "Certificate"),
        ("OpenSSH private key", fixture("openssh-ed25519.key"), "OpenSshKey"),
        ("OpenSSH public key", fixture("openssh-ed25519.pub.txt"), "PublicKeyOnly"),
        ("Ed25519 PKCS#8", fixture("ed25519-pkcs8.pem"), "UnsupportedKeyType"),
        ("P-384 PKCS#8", fixture("p384-pkcs8.pem"), "UnsupportedKeyType"),
        ("P-384 SEC1", fixture("p384-sec1.pem"), "UnsupportedKeyType"),
        ("secp256k1 PKCS#8", fixture("secp256k1-pkcs8.pem"), "UnsupportedKeyType"),
        ("DSA traditional", fixture("dsa-traditional.pem"), "UnsupportedKeyType"),
        ("DSA PKCS#8", fixture("dsa-pkcs8.pem"), "UnsupportedKeyType"),
        ("RSA 1024", fixture("rsa1024-pkcs8.pem"), "RsaTooSmall"),
        ("RSA 6144", fixture("rsa6144-pkcs8.pem"), "RsaTooLarge"),
        ("missing END line", pkcs8.lines().take(10).collect::<Vec<_>>().join("\n"), "BadPem"),
        ("END of another label", pkcs8.replace("END PRIVATE KEY", "END RSA PRIVATE KEY"), "BadPem"),
        ("BEGIN without dashes", "-----BEGIN PRIVATE KEY\nabc".into(), "BadPem"),
        ("broken base64 in PEM", pkcs8.replacen("MII", "M!I", 1), "BadPem"),
        ("empty PEM body", "-----BEGIN PRIVATE KEY-----\n-----END PRIVATE KEY-----".into(), "BadPem"),
        ("unknown PEM label", "-----BEGIN FOO-----\nAAAA\n-----END FOO-----".into(), "UnknownPemLabel"),
        ("two private keys in one PEM", format!("{pkcs8}\n{}", fixture("p256-pkcs8.pem")), "SeveralPemKeys"),
        ("PKCS#8 label on PKCS#1 data", fixture("rsa2048-pkcs1.pem").replace("RSA PRIVATE KEY", "PRIVATE KEY"), "DerInvalid"),
        ("PKCS#1 label on PKCS#8 data", pkcs8.replace("PRIVATE KEY", "RSA PRIVATE KEY"), "DerInvalid"),
        ("SEC1 label on RSA data", fixture("rsa2048-pkcs1.pem").replace("RSA PRIVATE KEY", "EC PRIVATE KEY"), "DerInvalid"),
        ("truncated PEM body", truncate_pem_body(&pkcs8), "DerInvalid"),
    ];
    assert!(corpus.len() >= 30);
    for (name, input, expected) in &corpus {
        let result = std::panic::catch_unwind(|| import(input));
        let Ok(result) = result else {
            panic!("{name}: import panicked");
        };
        match result {
            Ok(key) => panic!("{name}: accepted as {:?}", key.info().kind()),
            Err(err) => {
                assert_eq!(kind(&err), *expected, "{name}: {err:?}");
                assert_message_repeats_no_key_material(name, input, &err);
            }
        }
    }
}

/// No message, in either language, repeats a run of base64 from the input (where key material
/// would be), nor the Debug form of the error.
fn assert_message_repeats_no_key_material(name: &str, input: &str, err: &KeyImportError) {
    // A `kid` is a public identifier, shown on purpose (to pick a key from a JWKS).
    let kids: Vec<String> = serde_json::from_str::<Value>(input)
        .ok()
        .and_then(|v| v.get("keys").and_then(Value::as_array).cloned())
        .unwrap_or_default()
        .iter()
        .filter_map(|k| k.get("kid").and_then(Value::as_str).map(str::to_string))
        .collect();
    let runs: Vec<&str> = input
        .split(|c: char| !(c.is_ascii_alphanumeric() || matches!(c, '+' | '/' | '_' | '-')))
        .filter(|run| run.len() >= 24 && !kids.iter().any(|kid| kid == run))
        .collect();
    let texts = [
        messages::key_import_error(Lang::Nl, err),
        messages::key_import_error(Lang::En, err),
        format!("{err:?}"),
    ];
    for text in &texts {
        for run in &runs {
            assert!(
                !text.contains(&run[..24]),
                "{name}: message repeats input: {text:.120}"
            );
        }
    }
}

const P256_ORDER_B64: &str = "_____wAAAAD__________7zm-q2nF56E87nKwvxjJVE";

/// The modulus with its lowest bit cleared.
fn even_modulus(jwk: &Value) -> String {
    use base64ct::Encoding;
    let mut n = base64ct::Base64UrlUnpadded::decode_vec(jwk["n"].as_str().unwrap()).unwrap();
    *n.last_mut().unwrap() &= 0xfe;
    base64ct::Base64UrlUnpadded::encode_string(&n)
}

/// A PKCS#1 PEM whose modulus is zero, made with the pkcs1 crate.
fn zero_modulus_pkcs1() -> String {
    use pkcs8::der::asn1::UintRef;
    use pkcs8::der::Encode;
    let one = [1u8];
    let key = pkcs1::RsaPrivateKey {
        modulus: UintRef::new(&[0]).unwrap(),
        public_exponent: UintRef::new(&[1, 0, 1]).unwrap(),
        private_exponent: UintRef::new(&one).unwrap(),
        prime1: UintRef::new(&one).unwrap(),
        prime2: UintRef::new(&one).unwrap(),
        exponent1: UintRef::new(&one).unwrap(),
        exponent2: UintRef::new(&one).unwrap(),
        coefficient: UintRef::new(&one).unwrap(),
        other_prime_infos: None,
    };
    let der = key.to_der().unwrap();
    pkcs8::der::pem::encode_string("RSA PRIVATE KEY", pkcs8::der::pem::LineEnding::LF, &der)
        .unwrap()
}

#[test]
fn a_begin_line_without_dashes_is_reported_without_the_key_body() {
    let pkcs8 = fixture("rsa2048-pkcs8.pem");
    let broken = pkcs8.replacen("-----BEGIN PRIVATE KEY-----", "-----BEGIN PRIVATE KEY", 1);
    assert_eq!(
        import(&broken).err(),
        Some(KeyImportError::BadPem {
            problem: PemProblem::BeginLineIncomplete
        })
    );
}

#[test]
fn impossible_values_name_their_field_and_bound() {
    let jwk = rsa_private_jwk(&rsa_2048());
    let mut big_d = jwk.clone();
    big_d["d"] = jwk["n"].clone();
    assert_eq!(
        import(&big_d.to_string()).err(),
        Some(KeyImportError::InvalidValue {
            field: "d",
            problem: ValueProblem::NotBelow { bound: "n" }
        })
    );
    let mut zero = jwk.clone();
    zero["d"] = json!("");
    assert_eq!(
        import(&zero.to_string()).err(),
        Some(KeyImportError::InvalidValue {
            field: "d",
            problem: ValueProblem::Zero
        })
    );
}

/// Drops the last lines of a PEM body, keeping the armour intact.
fn truncate_pem_body(pem: &str) -> String {
    let lines: Vec<&str> = pem.lines().collect();
    let body = &lines[1..lines.len() - 1];
    format!(
        "{}\n{}\n{}",
        lines[0],
        body[..body.len() / 2].join("\n"),
        lines[lines.len() - 1]
    )
}

#[test]
fn json_errors_carry_line_and_column() {
    let Err(KeyImportError::Json(JsonError::Syntax { at, .. })) =
        import("{\n  \"kty\": \"RSA\",\n  \"n\": x\n}")
    else {
        panic!("expected a syntax error");
    };
    assert_eq!((at.line, at.column), (3, 8));
}

#[test]
fn sizes_are_reported() {
    assert_eq!(
        import(&fixture("rsa1024-pkcs8.pem")).err(),
        Some(KeyImportError::RsaTooSmall { bits: 1024 })
    );
    assert_eq!(
        import(&fixture("rsa6144-pkcs8.pem")).err(),
        Some(KeyImportError::RsaTooLarge { bits: 6144 })
    );
    let Err(KeyImportError::UnsupportedKeyType { description }) = import(&fixture("p384-sec1.pem"))
    else {
        panic!("expected unsupported");
    };
    assert_eq!(description, "EC P-384");
    let Err(KeyImportError::UnsupportedKeyType { description }) =
        import(&fixture("ed25519-pkcs8.pem"))
    else {
        panic!("expected unsupported");
    };
    assert_eq!(description, "Ed25519");
}

#[test]
fn pkcs1_pem_made_here_imports() {
    let key = rsa_2048();
    let pem = key.to_pkcs1_pem(LineEnding::CRLF).unwrap();
    assert_eq!(import(&pem).unwrap().info().source(), KeySource::Pkcs1Pem);
}

/// Private-key material in any of its forms, made from keys generated here, is recognised for
/// the fields that must refuse it; what those fields are for (public JWKs, assertions, ping
/// answers, ids, URLs) is not.
#[test]
fn private_key_material_is_recognised_in_every_form_and_public_text_is_not() {
    let rsa = rsa_2048();
    let p256 = p256_secret();
    let rsa_pkcs8 = rsa.to_pkcs8_pem(LineEnding::LF).unwrap().to_string();
    let rsa_pkcs1 = rsa.to_pkcs1_pem(LineEnding::CRLF).unwrap().to_string();
    let ec_sec1 = p256
        .to_sec1_pem(p256::pkcs8::LineEnding::LF)
        .unwrap()
        .to_string();
    let rsa_jwk = rsa_private_jwk(&rsa);
    let ec_jwk = p256_private_jwk_of(&p256);
    let body_line = rsa_pkcs8.lines().nth(3).unwrap().to_string();
    let ec_d = ec_jwk["d"].as_str().unwrap().to_string();
    let mut cut_short = ec_jwk.to_string();
    cut_short.truncate(cut_short.len() - 10);
    let secret_forms = [
        ("PKCS#8 PEM", rsa_pkcs8.clone()),
        ("PKCS#1 PEM, CRLF", rsa_pkcs1),
        ("SEC1 PEM", ec_sec1),
        (
            "PEM body only",
            rsa_pkcs8
                .lines()
                .skip(1)
                .take(5)
                .collect::<Vec<_>>()
                .join("\n"),
        ),
        ("one PEM body line", body_line),
        ("an EC d alone", ec_d.clone()),
        ("an EC d with spaces", format!("  {ec_d}\n")),
        ("RSA private JWK", rsa_jwk.to_string()),
        ("EC private JWK", ec_jwk.to_string()),
        (
            "a JWKS holding a private key",
            json!({ "keys": [rsa_jwk.clone()] }).to_string(),
        ),
        ("a JWK cut short", cut_short),
        (
            "an oct key",
            json!({ "kty": "oct", "k": "c2VjcmV0" }).to_string(),
        ),
        (
            "an RSA JWK with only p and q",
            json!({ "kty": "RSA", "n": "x", "e": "AQAB", "p": "y", "q": "z" }).to_string(),
        ),
    ];
    for (what, text) in &secret_forms {
        assert!(
            key::holds_private_key_material(text),
            "{what} not recognised"
        );
    }
    let public_jwk = import_rsa(&rsa).info().public_jwk();
    let public_forms = [
        ("public JWK", public_jwk.to_string()),
        ("public JWKS", json!({ "keys": [public_jwk.clone()] }).to_string()),
        (
            "an assertion",
            "eyJhbGciOiJSUzI1NiIsInR5cCI6IkpXVCJ9.eyJpc3MiOiJ4In0.c2lnbmF0dXJlLXNpZ25hdHVyZS1zaWduYXR1cmU".to_string(),
        ),
        (
            "the documented ping answer",
            dao_onboard::domain::samples::documented_answer().to_string(),
        ),
        ("a UUID client id", "5b8c2a7e-3d1f-4e9a-b6c0-2f7d8e9a1b3c".to_string()),
        ("a URL", "https://authenticatie-ti.vlaanderen.be/op/v1/token".to_string()),
        ("a JSON object with d that is no JWK", json!({ "d": "2024-12-19" }).to_string()),
        ("nothing", String::new()),
    ];
    for (what, text) in &public_forms {
        assert!(
            !key::holds_private_key_material(text),
            "{what} taken for a key"
        );
    }
}

/// The openssl command the page offers for a key made outside the browser, run by the real
/// openssl: it writes an RSA 2048 PKCS#8 key readable by its owner only, which the page imports.
#[test]
fn the_openssl_command_makes_a_key_the_page_imports() {
    use dao_onboard::domain::runnable::shell;
    use std::os::unix::fs::PermissionsExt as _;
    let dir = std::env::temp_dir().join(format!("openssl-key-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let command = shell::openssl_key_command().unwrap();
    let output = std::process::Command::new("/bin/bash")
        .arg("-c")
        .arg(&command)
        .current_dir(&dir)
        .output()
        .expect("bash runs");
    assert!(
        output.status.success(),
        "{command}: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    let file = dir.join(shell::KEY_FILE_NAME);
    let mode = std::fs::metadata(&file).unwrap().permissions().mode();
    assert_eq!(mode & 0o077, 0, "only its owner reads the key: {mode:o}");
    let pem = std::fs::read_to_string(&file).unwrap();
    assert!(pem.starts_with("-----BEGIN PRIVATE KEY-----"), "PKCS#8");
    let imported = import(&pem).unwrap();
    assert_eq!(imported.info().kind(), KeyKind::Rsa { bits: 2048 });
    std::fs::remove_dir_all(&dir).unwrap();
}

/// A pasted private JWK that is not valid JSON: the error keeps the position, none of the text
/// around it (serde's error sits right beside the `d`), neither in the message nor in the error
/// value the page holds; the same for the registered-key field.
#[test]
fn a_json_error_in_a_key_field_keeps_no_key_text() {
    let d = "870MB6gfuTJ4HtUnUvYMyJpr5eUZNP4Bk43bVdj3eAE";
    let broken = format!(r#"{{"kty":"EC","crv":"P-256","d":"{d}" "x":"a"}}"#);
    // What sits right before the error: the end of `d`.
    let tail = &d[d.len() - 8..];
    let err = import(&broken).unwrap_err();
    let KeyImportError::Json(json) = &err else {
        panic!("{err:?}")
    };
    assert!(!format!("{json:?}").contains(tail), "{json:?}");
    for lang in [Lang::Nl, Lang::En] {
        assert!(!messages::key_import_error(lang, &err).contains(tail));
    }
    let loaded = import_rsa(&rsa_2048());
    let registered = compare_registered(loaded.info(), &broken).unwrap_err();
    assert!(!format!("{registered:?}").contains(tail), "{registered:?}");
}

/// Pinned after `cargo mutants`: a JSON object naming `d` or `k` is key material even without
/// `kty` (a JWK cut down to its secret); the same names outside an object are just text.
#[test]
fn what_looks_like_key_material_to_every_store() {
    use dao_onboard::domain::acm::key::looks_like_key_material;
    // Any PEM armour (a public key's too), and a lone EC `d` without armour.
    assert!(looks_like_key_material(
        "-----BEGIN PUBLIC KEY-----\nMFkw\n-----END PUBLIC KEY-----"
    ));
    assert!(looks_like_key_material(
        "870MB6gfuTJ4HtUnUvYMyJpr5eUZNP4Bk43bVdj3eAE"
    ));
    assert!(looks_like_key_material(r#"{"d":"abc"}"#));
    assert!(looks_like_key_material(r#" {"k":"abc"}"#));
    assert!(!looks_like_key_material(r#"{"x":"abc"}"#));
    assert!(!looks_like_key_material(r#"the "d" member"#));
    assert!(!looks_like_key_material("Stad Gent"));
    assert!(!looks_like_key_material(
        "b3f43c85-53a5-443d-838c-7c2d0359897b"
    ));
    // A long base64 run inside other text (not bare, so only the run rule sees it): more than
    // 100 characters, of letters, digits and the base64 symbols.
    assert!(looks_like_key_material(&format!(
        "key: {}",
        "A".repeat(101)
    )));
    assert!(!looks_like_key_material(&format!(
        "key: {}",
        "A".repeat(100)
    )));
    assert!(looks_like_key_material(&format!(
        "key: {}",
        "a1+/_-=".repeat(15)
    )));
    assert!(!looks_like_key_material(&format!(
        "key: {}",
        "+/".repeat(50)
    )));
    assert!(!looks_like_key_material(&format!(
        "{} {}",
        "A".repeat(39),
        "A".repeat(39)
    )));
}
