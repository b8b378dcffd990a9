//! Key import: every accepted format, a corpus of malformed inputs each with its own error, the
//! RFC 7638 thumbprint vector, the public/private JWK round trip and the registered-key check.

#![cfg(not(target_arch = "wasm32"))]

use dao_onboard::domain::json::JsonError;
use dao_onboard::domain::key::{
    self, compare_registered, import, import_jwks_entry, KeyImportError, KeyKind, KeySource,
    RegisteredKeyError, SigningKey,
};
use p256::ecdsa::SigningKey as P256Key;
use rand_core::OsRng;
use rsa::pkcs1::{EncodeRsaPrivateKey, LineEnding};
use rsa::pkcs8::EncodePrivateKey;
use rsa::RsaPrivateKey;
use serde_json::{json, Value};

fn fixture(name: &str) -> String {
    let path = format!("{}/tests/fixtures/keys/{name}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

fn rsa_2048() -> RsaPrivateKey {
    RsaPrivateKey::new(&mut OsRng, 2048).expect("key generation")
}

/// A private JWK made from a key generated here, as a `serde_json::Value` to mutate.
fn rsa_private_jwk(key: &RsaPrivateKey) -> Value {
    let signing = SigningKey::from_rsa(key.clone()).unwrap();
    serde_json::from_str(&signing.private_jwk()).unwrap()
}

fn p256_private_jwk() -> Value {
    let signing = SigningKey::from_p256(P256Key::random(&mut OsRng));
    serde_json::from_str(&signing.private_jwk()).unwrap()
}

// ----------------------------------------------------------------------------------------------
// Accepted formats

#[test]
fn openssl_pkcs8_and_pkcs1_give_the_same_key() {
    let pkcs8 = import(&fixture("rsa2048-pkcs8.pem")).unwrap();
    let pkcs1 = import(&fixture("rsa2048-pkcs1.pem")).unwrap();
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
        import(&windows).unwrap().thumbprint(),
        reference.thumbprint()
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
    let expected = SigningKey::from_rsa(key).unwrap();
    assert_eq!(
        import(&rewrapped).unwrap().thumbprint(),
        expected.thumbprint()
    );
    assert_eq!(
        import(&one_line).unwrap().thumbprint(),
        expected.thumbprint()
    );
}

#[test]
fn text_around_the_pem_block_and_a_certificate_beside_it_are_ignored() {
    let bundle = format!(
        "Bag Attributes\n    localKeyID: 01\n{}\nsubject=CN=x\n{}",
        fixture("rsa2048-pkcs8.pem"),
        fixture("rsa2048-cert.pem")
    );
    assert_eq!(import(&bundle).unwrap().kind(), KeyKind::Rsa { bits: 2048 });
}

#[test]
fn private_jwk_round_trips_with_its_kid() {
    let mut jwk = rsa_private_jwk(&rsa_2048());
    jwk["kid"] = json!("dao-2026");
    let key = import(&jwk.to_string()).unwrap();
    assert_eq!(key.kid(), "dao-2026");
    assert_eq!(key.explicit_kid(), Some("dao-2026"));
    assert_ne!(key.thumbprint(), "dao-2026");
    let again = import(&key.private_jwk()).unwrap();
    assert_eq!(again.thumbprint(), key.thumbprint());
    assert_eq!(again.kid(), "dao-2026");
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
fn jwk_with_d_but_without_primes_is_a_complete_key() {
    let key = rsa_2048();
    let mut jwk = rsa_private_jwk(&key);
    for member in ["p", "q", "dp", "dq", "qi"] {
        jwk.as_object_mut().unwrap().remove(member);
    }
    let imported = import(&jwk.to_string()).unwrap();
    assert_eq!(
        imported.thumbprint(),
        SigningKey::from_rsa(key).unwrap().thumbprint()
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
        .public_jwk();
    let jwks = json!({ "keys": [public, private] });
    let key = import(&jwks.to_string()).unwrap();
    assert_eq!(key.source(), KeySource::Jwks);
    assert!(matches!(key.kind(), KeyKind::Rsa { .. }));
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
    assert_eq!(picked.kind(), KeyKind::EcP256);
    assert_eq!(picked.kid(), "nieuw");
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
    let report = compare_registered(&loaded, &rfc_key.to_string()).unwrap();
    assert_eq!(
        report.registered[0].thumbprint.as_deref(),
        Some("NzbLsXh8uDCcd-6MNwXF4W_7noWXFZAfHkxZsRGC9Xs")
    );
    assert_eq!(report.registered[0].kid.as_deref(), Some("2011-04-29"));
    assert_eq!(report.matching, None);
}

#[test]
fn public_jwk_has_no_private_member_and_its_own_thumbprint() {
    for key in [
        import(&fixture("rsa2048-pkcs8.pem")).unwrap(),
        import(&fixture("p256-pkcs8.pem")).unwrap(),
    ] {
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
        let report = compare_registered(&key, &key.public_jwk_text()).unwrap();
        assert_eq!(report.matching, Some(0));
        assert!(report.kid_matches(&key));
        assert!(!report.registered[0].contains_private_parts);
        // An independent JWT library accepts it as a key.
        let jwk: jsonwebtoken::jwk::Jwk = serde_json::from_value(public).unwrap();
        assert!(jsonwebtoken::DecodingKey::from_jwk(&jwk).is_ok());
    }
}

#[test]
fn registered_key_check() {
    let key = import(&fixture("rsa2048-pkcs8.pem")).unwrap();
    let other = import(&fixture("p256-pkcs8.pem")).unwrap();
    // A JWKS holding the right key under another kid: found, but the kid differs.
    let mut renamed = key.public_jwk();
    renamed["kid"] = json!("anders");
    let jwks = json!({ "keys": [other.public_jwk(), renamed] }).to_string();
    let report = compare_registered(&key, &jwks).unwrap();
    assert_eq!(report.matching, Some(1));
    assert!(!report.kid_matches(&key));
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
    assert!(debug.contains(key.thumbprint()));
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
        KeyImportError::InvalidKey { .. } => "InvalidKey",
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
    let other_rsa = rsa_private_jwk(&rsa_2048());
    let ec_other = p256_private_jwk();

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
        ("RSA JWK with p but no q", without(&rsa_jwk, "q"), "MissingField"),
        ("RSA JWK d in standard base64", with(&rsa_jwk, "d", json!("ab+/cd==")), "BadBase64"),
        ("RSA JWK n as a number", with(&rsa_jwk, "n", json!(12345)), "BadBase64"),
        ("RSA JWK d of another key", with(&rsa_jwk, "d", other_rsa["d"].clone()), "InvalidKey"),
        ("EC JWK x of another key", with(&ec_jwk, "x", ec_other["x"].clone()), "InvalidKey"),
        ("EC JWK d of zero", with(&ec_jwk, "d", json!("AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")), "InvalidKey"),
        ("EC JWK on P-384", with(&ec_jwk, "crv", json!("P-384")), "UnsupportedKeyType"),
        ("OKP Ed25519 JWK", json!({"kty":"OKP","crv":"Ed25519","x":"11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo","d":"nWGxne_9WmC6hEr0kuwsxERJxWl7MmkZcDusAxyuf2A"}).to_string(), "UnsupportedKeyType"),
        ("symmetric JWK", json!({"kty":"oct","k":"GawgguFyGrWKav7AX4VKUg"}).to_string(), "UnsupportedKeyType"),
        ("unknown kty", with(&rsa_jwk, "kty", json!("XYZ")), "UnsupportedKeyType"),
        ("empty JWKS", "{\"keys\": []}".into(), "JwksEmpty"),
        ("JWKS of public keys", json!({"keys": [import(&fixture("rsa2048-pkcs8.pem")).unwrap().public_jwk()]}).to_string(), "JwksWithoutPrivateKey"),
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
            Ok(key) => panic!("{name}: accepted as {:?}", key.kind()),
            Err(err) => assert_eq!(kind(&err), *expected, "{name}: {err:?}"),
        }
    }
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
    assert_eq!(import(&pem).unwrap().source(), KeySource::Pkcs1Pem);
}
