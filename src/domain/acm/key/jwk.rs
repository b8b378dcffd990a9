//! Part of `key`: JWK and JWKS text to the PKCS#8 DER WebCrypto imports.

use crate::domain::checked::json::{self, JsonError};
use crate::domain::checked::kid::Kid;
use base64ct::{Base64UrlUnpadded, Encoding};
use pkcs8::der::asn1::UintRef;
use pkcs8::der::Encode;
use serde_json::{Map, Value};
use zeroize::{Zeroize, Zeroizing};

use super::der::{
    check_below, check_ec_scalar, check_rsa_private, check_rsa_public, der_error, ec_algorithm,
    rsa_algorithm, strip_zeros, wrap_pkcs8,
};
use super::{
    ImportableKey, KeyCandidate, KeyImportError, KeyInfo, KeySource, PublicKey, ValueProblem,
    JWKS_MAX_KEYS, MAX_KEY_INPUT_BYTES, OID_P256, P256_PRIME,
};

/// A parsed JSON object whose strings are wiped when it is dropped: they may hold `d`.
pub(super) struct WipeOnDrop(pub(super) Map<String, Value>);

impl Drop for WipeOnDrop {
    fn drop(&mut self) {
        fn wipe(value: &mut Value) {
            match value {
                Value::String(text) => text.zeroize(),
                Value::Array(items) => items.iter_mut().for_each(wipe),
                Value::Object(map) => map.values_mut().for_each(wipe),
                _ => {}
            }
        }
        self.0.values_mut().for_each(wipe);
    }
}

pub(super) fn parse_json_object(text: &str) -> Result<Map<String, Value>, KeyImportError> {
    match json::parse_object(text, MAX_KEY_INPUT_BYTES) {
        Ok(object) => Ok(object),
        Err(JsonError::NotAnObject { .. }) => Err(KeyImportError::NotAJwk),
        // The error keeps the position only: the text around it may be a private key's.
        Err(err) => Err(KeyImportError::Json(err.without_text())),
    }
}

pub(super) fn import_json(
    text: &str,
    jwks_index: Option<usize>,
) -> Result<ImportableKey, KeyImportError> {
    let object = WipeOnDrop(parse_json_object(text)?);
    if let Some(keys) = object.0.get("keys") {
        let Value::Array(keys) = keys else {
            return Err(KeyImportError::NotAJwk);
        };
        return import_jwks(keys, jwks_index);
    }
    if object.0.contains_key("kty") {
        return jwk_to_key(&object.0, KeySource::Jwk);
    }
    Err(KeyImportError::NotAJwk)
}

fn import_jwks(keys: &[Value], jwks_index: Option<usize>) -> Result<ImportableKey, KeyImportError> {
    if keys.is_empty() {
        return Err(KeyImportError::JwksEmpty);
    }
    if keys.len() > JWKS_MAX_KEYS {
        return Err(KeyImportError::JwksTooLarge {
            count: keys.len(),
            max: JWKS_MAX_KEYS,
        });
    }
    if let Some(index) = jwks_index {
        let Some(Value::Object(jwk)) = keys.get(index) else {
            return Err(KeyImportError::JwksIndexOutOfRange { index });
        };
        return jwk_to_key(jwk, KeySource::Jwks);
    }
    let private: Vec<(usize, &Map<String, Value>)> = keys
        .iter()
        .enumerate()
        .filter_map(|(index, key)| match key {
            Value::Object(jwk) if jwk.contains_key("d") => Some((index, jwk)),
            _ => None,
        })
        .collect();
    match private.as_slice() {
        [] => Err(KeyImportError::JwksWithoutPrivateKey),
        [(_, jwk)] => jwk_to_key(jwk, KeySource::Jwks),
        several => Err(KeyImportError::SeveralPrivateKeys {
            candidates: several
                .iter()
                .map(|(index, jwk)| KeyCandidate {
                    index: *index,
                    kid: jwk_kid(jwk),
                    kty: shown_name(jwk.get("kty").and_then(Value::as_str).unwrap_or("?")),
                })
                .collect(),
        }),
    }
}

/// A `kid` worth keeping: one [`Kid::parse`] takes. Another is left out, and the page names
/// the key by its thumbprint instead.
fn jwk_kid(jwk: &Map<String, Value>) -> Option<String> {
    jwk.get("kid")
        .and_then(Value::as_str)
        .and_then(Kid::parse)
        .map(|kid| kid.as_str().to_string())
}

/// A name from the input (`kty`, `crv`) fit to show: short and plain, else "?". Key material is
/// long base64, so it never passes.
fn shown_name(name: &str) -> String {
    let plain = name.len() <= 16
        && name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == ' ');
    if plain {
        name.to_string()
    } else {
        "?".to_string()
    }
}

pub(super) enum JwkType {
    Rsa,
    EcP256,
}

pub(super) fn jwk_kty(jwk: &Map<String, Value>) -> Result<JwkType, KeyImportError> {
    match jwk.get("kty").and_then(Value::as_str).unwrap_or_default() {
        "RSA" => Ok(JwkType::Rsa),
        "EC" => match jwk.get("crv").and_then(Value::as_str).unwrap_or_default() {
            "P-256" => Ok(JwkType::EcP256),
            "" => Err(KeyImportError::MissingField { field: "crv" }),
            curve => Err(KeyImportError::UnsupportedKeyType {
                description: format!("EC {}", shown_name(curve)),
            }),
        },
        "OKP" => Err(KeyImportError::UnsupportedKeyType {
            description: shown_name(jwk.get("crv").and_then(Value::as_str).unwrap_or("OKP")),
        }),
        "oct" => Err(KeyImportError::UnsupportedKeyType {
            description: "oct (symmetric)".into(),
        }),
        "" => Err(KeyImportError::MissingField { field: "kty" }),
        other => Err(KeyImportError::UnsupportedKeyType {
            description: shown_name(other),
        }),
    }
}

fn jwk_to_key(
    jwk: &Map<String, Value>,
    source: KeySource,
) -> Result<ImportableKey, KeyImportError> {
    let kind = jwk_kty(jwk)?;
    if !jwk.contains_key("d") {
        return Err(KeyImportError::PublicKeyOnly);
    }
    let (public, pkcs8) = match kind {
        JwkType::Rsa => rsa_jwk_to_pkcs8(jwk)?,
        JwkType::EcP256 => ec_jwk_to_pkcs8(jwk)?,
    };
    Ok(ImportableKey {
        info: KeyInfo::new(public, jwk_kid(jwk), source),
        pkcs8,
    })
}

pub(super) fn jwk_bytes(
    jwk: &Map<String, Value>,
    field: &'static str,
) -> Result<Zeroizing<Vec<u8>>, KeyImportError> {
    let value = jwk
        .get(field)
        .ok_or(KeyImportError::MissingField { field })?;
    let text = value.as_str().ok_or(KeyImportError::BadBase64 { field })?;
    // Some tools pad base64url; the JWK spec does not, so padding is tolerated, nothing else.
    Base64UrlUnpadded::decode_vec(text.trim_end_matches('='))
        .map(Zeroizing::new)
        .map_err(|_| KeyImportError::BadBase64 { field })
}

pub(super) fn coordinate(
    jwk: &Map<String, Value>,
    field: &'static str,
) -> Result<[u8; 32], KeyImportError> {
    let bytes = jwk_bytes(jwk, field)?;
    let array: [u8; 32] =
        bytes
            .as_slice()
            .try_into()
            .map_err(|_| KeyImportError::InvalidValue {
                field,
                problem: ValueProblem::WrongLength {
                    expected: 32,
                    found: bytes.len(),
                },
            })?;
    check_below(field, &array, &P256_PRIME, "p")?;
    Ok(array)
}

#[allow(
    clippy::many_single_char_names,
    reason = "n, e, d, p, q are the names RFC 7518 and RFC 8017 give these numbers"
)]
fn rsa_jwk_to_pkcs8(
    jwk: &Map<String, Value>,
) -> Result<(PublicKey, Zeroizing<Vec<u8>>), KeyImportError> {
    fn uint<'a>(field: &'static str, bytes: &'a [u8]) -> Result<UintRef<'a>, KeyImportError> {
        UintRef::new(strip_zeros(bytes)).map_err(|_| KeyImportError::InvalidValue {
            field,
            problem: ValueProblem::Zero,
        })
    }
    let n = jwk_bytes(jwk, "n")?;
    let e = jwk_bytes(jwk, "e")?;
    let d = jwk_bytes(jwk, "d")?;
    check_rsa_public(&n, &e)?;
    check_rsa_private(&n, &d, [])?;
    for field in ["p", "q", "dp", "dq", "qi"] {
        if !jwk.contains_key(field) {
            return Err(KeyImportError::RsaCrtMissing { field });
        }
    }
    let (p, q) = (jwk_bytes(jwk, "p")?, jwk_bytes(jwk, "q")?);
    let (dp, dq, qi) = (
        jwk_bytes(jwk, "dp")?,
        jwk_bytes(jwk, "dq")?,
        jwk_bytes(jwk, "qi")?,
    );
    check_rsa_private(
        &n,
        &d,
        [("p", &p), ("q", &q), ("dp", &dp), ("dq", &dq), ("qi", &qi)],
    )?;
    let pkcs1 = pkcs1::RsaPrivateKey {
        modulus: uint("n", &n)?,
        public_exponent: uint("e", &e)?,
        private_exponent: uint("d", &d)?,
        prime1: uint("p", &p)?,
        prime2: uint("q", &q)?,
        exponent1: uint("dp", &dp)?,
        exponent2: uint("dq", &dq)?,
        coefficient: uint("qi", &qi)?,
        other_prime_infos: None,
    };
    let inner = Zeroizing::new(pkcs1.to_der().map_err(|e| der_error(&e))?);
    Ok((PublicKey::rsa(&n, &e), wrap_pkcs8(rsa_algorithm(), &inner)?))
}

fn ec_jwk_to_pkcs8(
    jwk: &Map<String, Value>,
) -> Result<(PublicKey, Zeroizing<Vec<u8>>), KeyImportError> {
    let x = coordinate(jwk, "x")?;
    let y = coordinate(jwk, "y")?;
    let d = jwk_bytes(jwk, "d")?;
    let d = check_ec_scalar(&d)?;
    let mut point = [0u8; 65];
    point[0] = 4;
    point[1..33].copy_from_slice(&x);
    point[33..].copy_from_slice(&y);
    let sec1 = sec1::EcPrivateKey {
        private_key: d.as_slice(),
        parameters: Some(sec1::EcParameters::NamedCurve(OID_P256)),
        public_key: Some(&point),
    };
    let inner = Zeroizing::new(sec1.to_der().map_err(|e| der_error(&e))?);
    Ok((PublicKey::ec(x, y), wrap_pkcs8(ec_algorithm(), &inner)?))
}
