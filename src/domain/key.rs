//! The organisation's signing key: import from JWK, JWKS or PEM, the public JWK for the
//! Beheerportaal, RFC 7638 thumbprints, signing and verification, and the registered-key check.
//!
//! Raw text becomes a [`SigningKey`] only through [`import`], which refuses everything a signer
//! cannot use with its own [`KeyImportError`]. The key lives in memory only: this type has no
//! serialisation but [`SigningKey::private_jwk`] (for an explicit download), its `Debug` shows no
//! private material, and the RustCrypto key types zeroize themselves when dropped.

use std::fmt;

use base64ct::{Base64UrlUnpadded, Encoding};
use jwt_compact::alg::{Es256, Rsa};
use jwt_compact::jwk::JsonWebKey;
use jwt_compact::{AlgorithmExt, Claims, Header, UntrustedToken};
use p256::ecdsa::{SigningKey as P256SigningKey, VerifyingKey as P256VerifyingKey};
use pkcs8::der::Decode;
use rsa::pkcs1::DecodeRsaPrivateKey;
use rsa::pkcs8::DecodePrivateKey;
use rsa::traits::{PrivateKeyParts, PublicKeyParts};
use rsa::{BigUint, RsaPrivateKey, RsaPublicKey};
use serde::Serialize;
use serde_json::{Map, Value};
use sha2::Sha256;
use zeroize::Zeroizing;

use super::json::{self, JsonError};

/// Largest key text accepted (a 4096-bit RSA JWK is about 3.3 KB; bundles with certificates more).
pub const MAX_KEY_INPUT_BYTES: usize = 256 * 1024;
/// Smallest RSA modulus accepted: ACM and RFC 7518 require 2048 bits.
pub const RSA_MIN_BITS: usize = 2048;
/// Largest RSA modulus the signer supports.
pub const RSA_MAX_BITS: usize = 4096;

/// What kind of key is loaded.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum KeyKind {
    Rsa { bits: usize },
    EcP256,
}

impl KeyKind {
    /// The algorithm a client assertion uses by default: RS256 is the one known to work with ACM.
    pub fn default_alg(self) -> SigningAlg {
        match self {
            KeyKind::Rsa { .. } => SigningAlg::Rs256,
            KeyKind::EcP256 => SigningAlg::Es256,
        }
    }

    pub fn algorithms(self) -> &'static [SigningAlg] {
        match self {
            KeyKind::Rsa { .. } => &[SigningAlg::Rs256, SigningAlg::Ps256],
            KeyKind::EcP256 => &[SigningAlg::Es256],
        }
    }
}

/// The JWS algorithms the page signs with.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum SigningAlg {
    Rs256,
    Ps256,
    Es256,
}

impl SigningAlg {
    pub const ALL: [SigningAlg; 3] = [SigningAlg::Rs256, SigningAlg::Ps256, SigningAlg::Es256];

    pub fn name(self) -> &'static str {
        match self {
            SigningAlg::Rs256 => "RS256",
            SigningAlg::Ps256 => "PS256",
            SigningAlg::Es256 => "ES256",
        }
    }

    pub fn parse(name: &str) -> Option<SigningAlg> {
        SigningAlg::ALL.into_iter().find(|alg| alg.name() == name)
    }

    /// Only RS256 is known to be accepted by ACM; the others are offered but marked as unconfirmed.
    pub fn confirmed_for_acm(self) -> bool {
        self == SigningAlg::Rs256
    }
}

/// Where a key came from, for the status line.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum KeySource {
    Jwk,
    Jwks,
    Pkcs8Pem,
    Pkcs1Pem,
    Sec1Pem,
}

/// A usable private key, in memory only.
pub struct SigningKey {
    material: KeyMaterial,
    kid: Option<String>,
    thumbprint: String,
    source: KeySource,
}

enum KeyMaterial {
    Rsa(Box<RsaPrivateKey>),
    P256(P256SigningKey),
}

impl fmt::Debug for SigningKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("SigningKey")
            .field("kind", &self.kind())
            .field("kid", &self.kid)
            .field("thumbprint", &self.thumbprint)
            .finish_non_exhaustive()
    }
}

/// A private key found in a JWKS with several, offered to the user to pick from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KeyCandidate {
    /// Position in the `keys` array.
    pub index: usize,
    pub kid: Option<String>,
    pub kty: String,
}

/// Why a key text was refused. Each variant has its own message and leaves the loaded key alone.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum KeyImportError {
    Empty,
    TooLarge {
        bytes: usize,
        max: usize,
    },
    /// Looks like JSON but is not valid JSON.
    Json(JsonError),
    /// Valid JSON, but neither a JWK (`kty`) nor a JWKS (`keys`).
    NotAJwk,
    /// Neither JSON nor PEM.
    Unrecognised,
    /// A public key where the private key is needed (JWK without `d`, `PUBLIC KEY` PEM, SSH key).
    PublicKeyOnly,
    /// An X.509 certificate or certificate request.
    Certificate,
    /// A password-protected PEM (PKCS#8 `ENCRYPTED PRIVATE KEY` or legacy `Proc-Type: 4,ENCRYPTED`).
    EncryptedPem,
    /// An OpenSSH private key, which needs converting to PKCS#8 first.
    OpenSshKey,
    /// A key type or curve the signer does not support (Ed25519, P-384, symmetric, DSA, …).
    UnsupportedKeyType {
        description: String,
    },
    RsaTooSmall {
        bits: usize,
    },
    RsaTooLarge {
        bits: usize,
    },
    MissingField {
        field: String,
    },
    BadBase64 {
        field: String,
    },
    /// The parts of the key do not belong together (e.g. `d` does not match `n`).
    InvalidKey {
        detail: String,
    },
    JwksEmpty,
    JwksWithoutPrivateKey,
    /// Several private keys in one JWKS: the user picks one with [`import_jwks_entry`].
    SeveralPrivateKeys {
        candidates: Vec<KeyCandidate>,
    },
    JwksIndexOutOfRange {
        index: usize,
    },
    /// Broken PEM armour: missing END line, header lines, bad base64.
    BadPem {
        detail: String,
    },
    UnknownPemLabel {
        label: String,
    },
    /// Several private keys in one PEM file.
    SeveralPemKeys {
        count: usize,
    },
    /// The PEM body decodes, but is not the structure its label promises.
    DerInvalid {
        detail: String,
    },
}

/// Parses a private key from JWK, JWKS (with one private key) or PEM (PKCS#8, PKCS#1, SEC1).
///
/// Windows line ends, surrounding white space and a byte-order mark are accepted.
pub fn import(text: &str) -> Result<SigningKey, KeyImportError> {
    import_inner(text, None)
}

/// Like [`import`], taking the private key at `index` of a JWKS's `keys` array.
pub fn import_jwks_entry(text: &str, index: usize) -> Result<SigningKey, KeyImportError> {
    import_inner(text, Some(index))
}

fn import_inner(text: &str, jwks_index: Option<usize>) -> Result<SigningKey, KeyImportError> {
    if text.len() > MAX_KEY_INPUT_BYTES {
        return Err(KeyImportError::TooLarge {
            bytes: text.len(),
            max: MAX_KEY_INPUT_BYTES,
        });
    }
    let cleaned = json::clean_text(text);
    if cleaned.is_empty() {
        return Err(KeyImportError::Empty);
    }
    if cleaned.starts_with('{') || cleaned.starts_with('[') {
        return import_json(cleaned, jwks_index);
    }
    let unix_text = Zeroizing::new(cleaned.replace("\r\n", "\n").replace('\r', "\n"));
    if unix_text.contains("-----BEGIN ") {
        return import_pem(&unix_text);
    }
    if ["ssh-rsa ", "ssh-ed25519 ", "ecdsa-sha2-"]
        .iter()
        .any(|prefix| unix_text.starts_with(prefix))
    {
        return Err(KeyImportError::PublicKeyOnly);
    }
    Err(KeyImportError::Unrecognised)
}

fn import_json(text: &str, jwks_index: Option<usize>) -> Result<SigningKey, KeyImportError> {
    let object = match json::parse_object(text, MAX_KEY_INPUT_BYTES) {
        Ok(object) => object,
        Err(JsonError::NotAnObject { .. }) => return Err(KeyImportError::NotAJwk),
        Err(err) => return Err(KeyImportError::Json(err)),
    };
    if let Some(keys) = object.get("keys") {
        let Value::Array(keys) = keys else {
            return Err(KeyImportError::NotAJwk);
        };
        return import_jwks(keys, jwks_index);
    }
    if object.contains_key("kty") {
        return jwk_to_key(&object, KeySource::Jwk);
    }
    Err(KeyImportError::NotAJwk)
}

fn import_jwks(keys: &[Value], jwks_index: Option<usize>) -> Result<SigningKey, KeyImportError> {
    if keys.is_empty() {
        return Err(KeyImportError::JwksEmpty);
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
                    kid: jwk.get("kid").and_then(Value::as_str).map(str::to_string),
                    kty: jwk
                        .get("kty")
                        .and_then(Value::as_str)
                        .unwrap_or("?")
                        .to_string(),
                })
                .collect(),
        }),
    }
}

fn jwk_to_key(jwk: &Map<String, Value>, source: KeySource) -> Result<SigningKey, KeyImportError> {
    let kty = jwk.get("kty").and_then(Value::as_str).unwrap_or_default();
    let kid = jwk
        .get("kid")
        .and_then(Value::as_str)
        .filter(|kid| !kid.trim().is_empty())
        .map(str::to_string);
    let material = match kty {
        "RSA" => KeyMaterial::Rsa(Box::new(rsa_from_jwk(jwk)?)),
        "EC" => KeyMaterial::P256(p256_from_jwk(jwk)?),
        "OKP" => {
            let curve = jwk.get("crv").and_then(Value::as_str).unwrap_or("OKP");
            return Err(KeyImportError::UnsupportedKeyType {
                description: curve.to_string(),
            });
        }
        "oct" => {
            return Err(KeyImportError::UnsupportedKeyType {
                description: "oct (symmetric)".into(),
            })
        }
        "" => {
            return Err(KeyImportError::MissingField {
                field: "kty".into(),
            })
        }
        other => {
            return Err(KeyImportError::UnsupportedKeyType {
                description: other.to_string(),
            })
        }
    };
    Ok(SigningKey::new(material, kid, source))
}

fn jwk_bytes(jwk: &Map<String, Value>, field: &str) -> Result<Zeroizing<Vec<u8>>, KeyImportError> {
    let value = jwk.get(field).ok_or_else(|| KeyImportError::MissingField {
        field: field.to_string(),
    })?;
    let text = value.as_str().ok_or_else(|| KeyImportError::BadBase64 {
        field: field.to_string(),
    })?;
    // Some tools pad base64url; the JWK spec does not, so padding is tolerated, nothing else.
    Base64UrlUnpadded::decode_vec(text.trim_end_matches('='))
        .map(Zeroizing::new)
        .map_err(|_| KeyImportError::BadBase64 {
            field: field.to_string(),
        })
}

fn rsa_from_jwk(jwk: &Map<String, Value>) -> Result<RsaPrivateKey, KeyImportError> {
    if !jwk.contains_key("d") {
        return Err(KeyImportError::PublicKeyOnly);
    }
    let n = BigUint::from_bytes_be(&jwk_bytes(jwk, "n")?);
    let e = BigUint::from_bytes_be(&jwk_bytes(jwk, "e")?);
    check_rsa_bits(n.bits())?;
    let d = BigUint::from_bytes_be(&jwk_bytes(jwk, "d")?);
    // RFC 7518 §6.3.2: `d` alone is a complete private key; the primes are an optimisation.
    let primes = match (jwk.contains_key("p"), jwk.contains_key("q")) {
        (true, true) => vec![
            BigUint::from_bytes_be(&jwk_bytes(jwk, "p")?),
            BigUint::from_bytes_be(&jwk_bytes(jwk, "q")?),
        ],
        (false, false) => Vec::new(),
        (true, false) => return Err(KeyImportError::MissingField { field: "q".into() }),
        (false, true) => return Err(KeyImportError::MissingField { field: "p".into() }),
    };
    RsaPrivateKey::from_components(n, e, d, primes).map_err(|err| KeyImportError::InvalidKey {
        detail: err.to_string(),
    })
}

fn p256_from_jwk(jwk: &Map<String, Value>) -> Result<P256SigningKey, KeyImportError> {
    let curve = jwk.get("crv").and_then(Value::as_str).unwrap_or_default();
    if curve != "P-256" {
        return Err(KeyImportError::UnsupportedKeyType {
            description: format!("EC {curve}").trim().to_string(),
        });
    }
    if !jwk.contains_key("d") {
        return Err(KeyImportError::PublicKeyOnly);
    }
    let d = jwk_bytes(jwk, "d")?;
    let key = P256SigningKey::from_slice(&d).map_err(|_| KeyImportError::InvalidKey {
        detail: "d is not a P-256 private scalar".into(),
    })?;
    // The public point in the JWK must be the one `d` gives: a mismatch means a mixed-up file.
    let point = key.verifying_key().to_encoded_point(false);
    let (x, y) = (jwk_bytes(jwk, "x")?, jwk_bytes(jwk, "y")?);
    if point.x().map(|c| &c[..]) != Some(x.as_slice())
        || point.y().map(|c| &c[..]) != Some(y.as_slice())
    {
        return Err(KeyImportError::InvalidKey {
            detail: "x/y do not belong to d".into(),
        });
    }
    Ok(key)
}

fn check_rsa_bits(bits: usize) -> Result<(), KeyImportError> {
    if bits < RSA_MIN_BITS {
        Err(KeyImportError::RsaTooSmall { bits })
    } else if bits > RSA_MAX_BITS {
        Err(KeyImportError::RsaTooLarge { bits })
    } else {
        Ok(())
    }
}

// ---------------------------------------------------------------------------------------------
// PEM

/// What a PEM label announces.
enum PemKind {
    Pkcs8,
    Pkcs1,
    Sec1,
    Encrypted,
    OpenSsh,
    Public,
    Certificate,
    Ignored,
    Dsa,
    Unknown,
}

fn pem_kind(label: &str) -> PemKind {
    match label {
        "PRIVATE KEY" => PemKind::Pkcs8,
        "RSA PRIVATE KEY" => PemKind::Pkcs1,
        "EC PRIVATE KEY" => PemKind::Sec1,
        "ENCRYPTED PRIVATE KEY" => PemKind::Encrypted,
        "OPENSSH PRIVATE KEY" => PemKind::OpenSsh,
        "PUBLIC KEY" | "RSA PUBLIC KEY" | "SSH2 PUBLIC KEY" => PemKind::Public,
        "CERTIFICATE"
        | "X509 CERTIFICATE"
        | "TRUSTED CERTIFICATE"
        | "CERTIFICATE REQUEST"
        | "NEW CERTIFICATE REQUEST" => PemKind::Certificate,
        // `openssl ecparam -genkey` writes the curve parameters before the key.
        "EC PARAMETERS" | "DSA PARAMETERS" => PemKind::Ignored,
        "DSA PRIVATE KEY" => PemKind::Dsa,
        _ => PemKind::Unknown,
    }
}

/// One `-----BEGIN X-----` … `-----END X-----` block.
struct PemBlock<'a> {
    label: &'a str,
    body: &'a str,
}

fn pem_blocks(text: &str) -> Result<Vec<PemBlock<'_>>, KeyImportError> {
    let mut blocks = Vec::new();
    let mut rest = text;
    while let Some(start) = rest.find("-----BEGIN ") {
        let after = &rest[start + "-----BEGIN ".len()..];
        let Some(label_end) = after.find("-----") else {
            return Err(KeyImportError::BadPem {
                detail: "BEGIN line without closing dashes".into(),
            });
        };
        let label = &after[..label_end];
        let body_start = &after[label_end + "-----".len()..];
        let end_marker = format!("-----END {label}-----");
        let Some(body_end) = body_start.find(&end_marker) else {
            return Err(KeyImportError::BadPem {
                detail: format!("no \"{end_marker}\" line"),
            });
        };
        blocks.push(PemBlock {
            label,
            body: &body_start[..body_end],
        });
        rest = &body_start[body_end + end_marker.len()..];
    }
    Ok(blocks)
}

fn import_pem(text: &str) -> Result<SigningKey, KeyImportError> {
    let blocks = pem_blocks(text)?;
    let mut private = Vec::new();
    let (mut encrypted, mut openssh, mut public, mut certificate, mut dsa) =
        (false, false, false, false, false);
    let mut unknown = None;
    for block in &blocks {
        match pem_kind(block.label) {
            PemKind::Pkcs8 | PemKind::Pkcs1 | PemKind::Sec1 => private.push(block),
            PemKind::Encrypted => encrypted = true,
            PemKind::OpenSsh => openssh = true,
            PemKind::Public => public = true,
            PemKind::Certificate => certificate = true,
            PemKind::Dsa => dsa = true,
            PemKind::Ignored => {}
            PemKind::Unknown => unknown = Some(block.label),
        }
    }
    match private.as_slice() {
        [block] => pem_to_key(block),
        [] if encrypted => Err(KeyImportError::EncryptedPem),
        [] if openssh => Err(KeyImportError::OpenSshKey),
        [] if dsa => Err(KeyImportError::UnsupportedKeyType {
            description: "DSA".into(),
        }),
        [] if public => Err(KeyImportError::PublicKeyOnly),
        [] if certificate => Err(KeyImportError::Certificate),
        [] => Err(match unknown {
            Some(label) => KeyImportError::UnknownPemLabel {
                label: label.to_string(),
            },
            None => KeyImportError::BadPem {
                detail: "no complete BEGIN/END block".into(),
            },
        }),
        several => Err(KeyImportError::SeveralPemKeys {
            count: several.len(),
        }),
    }
}

/// Decodes a block's base64 through pem-rfc7468 after re-wrapping it to the strict 64 columns,
/// because people's tools wrap at 64, 76 or not at all.
fn pem_der(block: &PemBlock<'_>) -> Result<Zeroizing<Vec<u8>>, KeyImportError> {
    if block.body.contains("Proc-Type:") && block.body.contains("ENCRYPTED") {
        return Err(KeyImportError::EncryptedPem);
    }
    if block.body.lines().any(|line| line.contains(':')) {
        return Err(KeyImportError::BadPem {
            detail: "header lines are not supported".into(),
        });
    }
    let base64: Zeroizing<String> =
        Zeroizing::new(block.body.chars().filter(|c| !c.is_whitespace()).collect());
    if base64.is_empty() {
        return Err(KeyImportError::BadPem {
            detail: "empty body".into(),
        });
    }
    let mut strict = Zeroizing::new(format!("-----BEGIN {}-----\n", block.label));
    for chunk in base64.as_bytes().chunks(64) {
        strict.push_str(&String::from_utf8_lossy(chunk));
        strict.push('\n');
    }
    strict.push_str(&format!("-----END {}-----\n", block.label));
    pem_rfc7468::decode_vec(strict.as_bytes())
        .map(|(_, der)| Zeroizing::new(der))
        .map_err(|err| KeyImportError::BadPem {
            detail: err.to_string(),
        })
}

const OID_RSA: &str = "1.2.840.113549.1.1.1";
const OID_RSA_PSS: &str = "1.2.840.113549.1.1.10";
const OID_EC: &str = "1.2.840.10045.2.1";
const OID_P256: &str = "1.2.840.10045.3.1.7";

fn curve_name(oid: &str) -> String {
    match oid {
        "1.3.132.0.34" => "EC P-384".into(),
        "1.3.132.0.35" => "EC P-521".into(),
        "1.3.132.0.10" => "EC secp256k1".into(),
        other => format!("EC {other}"),
    }
}

fn algorithm_name(oid: &str) -> String {
    match oid {
        "1.3.101.112" => "Ed25519".into(),
        "1.3.101.113" => "Ed448".into(),
        "1.3.101.110" => "X25519".into(),
        "1.3.101.111" => "X448".into(),
        "1.2.840.10040.4.1" => "DSA".into(),
        OID_RSA_PSS => "RSA-PSS (restricted)".into(),
        other => other.to_string(),
    }
}

fn pem_to_key(block: &PemBlock<'_>) -> Result<SigningKey, KeyImportError> {
    let der = pem_der(block)?;
    let der_error = |err: &dyn fmt::Display| KeyImportError::DerInvalid {
        detail: err.to_string(),
    };
    match pem_kind(block.label) {
        PemKind::Pkcs8 => {
            let info =
                pkcs8::PrivateKeyInfo::try_from(der.as_slice()).map_err(|e| der_error(&e))?;
            let oid = info.algorithm.oid.to_string();
            if oid == OID_RSA {
                check_rsa_bits(pkcs1_modulus_bits(info.private_key)?)?;
                let key = RsaPrivateKey::from_pkcs8_der(&der).map_err(|e| der_error(&e))?;
                Ok(SigningKey::new(
                    KeyMaterial::Rsa(Box::new(key)),
                    None,
                    KeySource::Pkcs8Pem,
                ))
            } else if oid == OID_EC {
                let curve = info
                    .algorithm
                    .parameters_oid()
                    .map(|oid| oid.to_string())
                    .unwrap_or_default();
                if curve != OID_P256 {
                    return Err(KeyImportError::UnsupportedKeyType {
                        description: curve_name(&curve),
                    });
                }
                let key = P256SigningKey::from_pkcs8_der(&der).map_err(|e| der_error(&e))?;
                Ok(SigningKey::new(
                    KeyMaterial::P256(key),
                    None,
                    KeySource::Pkcs8Pem,
                ))
            } else {
                Err(KeyImportError::UnsupportedKeyType {
                    description: algorithm_name(&oid),
                })
            }
        }
        PemKind::Pkcs1 => {
            check_rsa_bits(pkcs1_modulus_bits(&der)?)?;
            let key = RsaPrivateKey::from_pkcs1_der(&der).map_err(|e| der_error(&e))?;
            Ok(SigningKey::new(
                KeyMaterial::Rsa(Box::new(key)),
                None,
                KeySource::Pkcs1Pem,
            ))
        }
        PemKind::Sec1 => {
            let parsed = sec1::EcPrivateKey::from_der(&der).map_err(|e| der_error(&e))?;
            let curve = parsed
                .parameters
                .and_then(|params| params.named_curve())
                .map(|oid| oid.to_string())
                .unwrap_or_default();
            if curve != OID_P256 {
                return Err(KeyImportError::UnsupportedKeyType {
                    description: curve_name(&curve),
                });
            }
            let secret = p256::SecretKey::from_sec1_der(&der).map_err(|e| der_error(&e))?;
            Ok(SigningKey::new(
                KeyMaterial::P256(P256SigningKey::from(secret)),
                None,
                KeySource::Sec1Pem,
            ))
        }
        _ => Err(KeyImportError::UnknownPemLabel {
            label: block.label.to_string(),
        }),
    }
}

/// The modulus size of a PKCS#1 key, read before the rsa crate refuses sizes it does not handle.
fn pkcs1_modulus_bits(der: &[u8]) -> Result<usize, KeyImportError> {
    let key = pkcs1::RsaPrivateKey::from_der(der).map_err(|err| KeyImportError::DerInvalid {
        detail: err.to_string(),
    })?;
    Ok(BigUint::from_bytes_be(key.modulus.as_bytes()).bits())
}

// ---------------------------------------------------------------------------------------------
// The loaded key

/// Why signing failed. With a validated key, only an algorithm that does not fit the key can.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum SignError {
    AlgorithmDoesNotFitKey { alg: SigningAlg, key: KeyKind },
    Encoding { detail: String },
}

impl SigningKey {
    fn new(material: KeyMaterial, kid: Option<String>, source: KeySource) -> SigningKey {
        let thumbprint = match &material {
            KeyMaterial::Rsa(key) => rsa_thumbprint(&key.to_public_key()),
            KeyMaterial::P256(key) => p256_thumbprint(key.verifying_key()),
        };
        SigningKey {
            material,
            kid,
            thumbprint,
            source,
        }
    }

    /// Wraps an RSA key made elsewhere (tests, benchmarks); the size rules of [`import`] apply.
    pub fn from_rsa(key: RsaPrivateKey) -> Result<SigningKey, KeyImportError> {
        check_rsa_bits(key.n().bits())?;
        Ok(SigningKey::new(
            KeyMaterial::Rsa(Box::new(key)),
            None,
            KeySource::Jwk,
        ))
    }

    /// Wraps a P-256 key made elsewhere (tests, benchmarks).
    pub fn from_p256(key: P256SigningKey) -> SigningKey {
        SigningKey::new(KeyMaterial::P256(key), None, KeySource::Jwk)
    }

    pub fn kind(&self) -> KeyKind {
        match &self.material {
            KeyMaterial::Rsa(key) => KeyKind::Rsa {
                bits: key.n().bits(),
            },
            KeyMaterial::P256(_) => KeyKind::EcP256,
        }
    }

    pub fn source(&self) -> KeySource {
        self.source
    }

    /// The RFC 7638 SHA-256 thumbprint of the public key, base64url.
    pub fn thumbprint(&self) -> &str {
        &self.thumbprint
    }

    /// The `kid` the key came with, if any.
    pub fn explicit_kid(&self) -> Option<&str> {
        self.kid.as_deref()
    }

    /// The `kid` used in the public JWK and the assertion header: the key's own, else its thumbprint.
    pub fn kid(&self) -> &str {
        self.kid.as_deref().unwrap_or(&self.thumbprint)
    }

    /// The public JWK to upload in the Beheerportaal ("Publieke JWK"), with `kid`, `use` and `alg`.
    pub fn public_jwk(&self) -> Value {
        let jwk = match &self.material {
            KeyMaterial::Rsa(key) => serde_json::to_value(JsonWebKey::from(&key.to_public_key())),
            KeyMaterial::P256(key) => serde_json::to_value(JsonWebKey::from(key.verifying_key())),
        };
        let mut jwk = match jwk {
            Ok(Value::Object(map)) => map,
            // jwt-compact serialises a JWK to a JSON object; anything else would be its bug.
            _ => Map::new(),
        };
        jwk.insert("kid".into(), Value::String(self.kid().to_string()));
        jwk.insert("use".into(), Value::String("sig".into()));
        jwk.insert(
            "alg".into(),
            Value::String(self.kind().default_alg().name().into()),
        );
        Value::Object(jwk)
    }

    /// The public JWK as pretty JSON text.
    pub fn public_jwk_text(&self) -> String {
        serde_json::to_string_pretty(&self.public_jwk()).unwrap_or_default()
    }

    /// The complete private JWK (RFC 7518 §6.3.2 with the CRT values, which WebCrypto requires),
    /// for an explicit download only.
    pub fn private_jwk(&self) -> Zeroizing<String> {
        let b64 = |bytes: &[u8]| Zeroizing::new(Base64UrlUnpadded::encode_string(bytes));
        let big = |n: &BigUint| b64(&Zeroizing::new(n.to_bytes_be()));
        let mut fields: Vec<(&str, Zeroizing<String>)> = Vec::new();
        match &self.material {
            KeyMaterial::Rsa(key) => {
                fields.push(("kty", Zeroizing::new("RSA".into())));
                fields.push(("n", big(key.n())));
                fields.push(("e", big(key.e())));
                fields.push(("d", big(key.d())));
                if let [p, q] = key.primes() {
                    fields.push(("p", big(p)));
                    fields.push(("q", big(q)));
                    if let (Some(dp), Some(dq), Some(qi)) =
                        (key.dp(), key.dq(), key.crt_coefficient())
                    {
                        fields.push(("dp", big(dp)));
                        fields.push(("dq", big(dq)));
                        fields.push(("qi", big(&Zeroizing::new(qi))));
                    }
                }
            }
            KeyMaterial::P256(key) => {
                let point = key.verifying_key().to_encoded_point(false);
                fields.push(("kty", Zeroizing::new("EC".into())));
                fields.push(("crv", Zeroizing::new("P-256".into())));
                fields.push(("x", b64(point.x().map(|c| &c[..]).unwrap_or_default())));
                fields.push(("y", b64(point.y().map(|c| &c[..]).unwrap_or_default())));
                fields.push(("d", b64(&key.to_bytes())));
            }
        }
        fields.push(("kid", Zeroizing::new(self.kid().to_string())));
        let mut out = Zeroizing::new(String::from("{"));
        for (i, (name, value)) in fields.iter().enumerate() {
            if i > 0 {
                out.push(',');
            }
            // Names are fixed ASCII; values are base64url or the kid, which JSON-escapes safely.
            out.push_str(&format!("\"{name}\":"));
            out.push_str(&Value::String(value.to_string()).to_string());
        }
        out.push('}');
        out
    }

    /// Signs a JWS with the given algorithm.
    pub fn sign<T: Serialize>(
        &self,
        alg: SigningAlg,
        header: &Header,
        claims: &Claims<T>,
    ) -> Result<String, SignError> {
        let encoding = |err: jwt_compact::CreationError| SignError::Encoding {
            detail: err.to_string(),
        };
        match (&self.material, alg) {
            (KeyMaterial::Rsa(key), SigningAlg::Rs256) => {
                Rsa::rs256().token(header, claims, key).map_err(encoding)
            }
            (KeyMaterial::Rsa(key), SigningAlg::Ps256) => {
                Rsa::ps256().token(header, claims, key).map_err(encoding)
            }
            (KeyMaterial::P256(key), SigningAlg::Es256) => {
                Es256.token(header, claims, key).map_err(encoding)
            }
            _ => Err(SignError::AlgorithmDoesNotFitKey {
                alg,
                key: self.kind(),
            }),
        }
    }

    /// Verifies a compact JWS's signature with this key's public part under the named algorithm.
    pub fn verify(&self, alg_name: &str, token: &str) -> bool {
        let Ok(untrusted) = UntrustedToken::new(token) else {
            return false;
        };
        let Some(alg) = SigningAlg::parse(alg_name) else {
            return false;
        };
        match (&self.material, alg) {
            (KeyMaterial::Rsa(key), SigningAlg::Rs256) => Rsa::rs256()
                .validator::<Value>(&key.to_public_key())
                .validate(&untrusted)
                .is_ok(),
            (KeyMaterial::Rsa(key), SigningAlg::Ps256) => Rsa::ps256()
                .validator::<Value>(&key.to_public_key())
                .validate(&untrusted)
                .is_ok(),
            (KeyMaterial::P256(key), SigningAlg::Es256) => Es256
                .validator::<Value>(key.verifying_key())
                .validate(&untrusted)
                .is_ok(),
            _ => false,
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Registered-key check

/// One key found in what the user pasted as "registered in the Beheerportaal".
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RegisteredKey {
    pub kid: Option<String>,
    /// `None` when the entry is not a JWK jwt-compact understands.
    pub thumbprint: Option<String>,
    /// A private key was registered: it must be replaced, since it is no longer secret.
    pub contains_private_parts: bool,
}

/// The verdict of comparing the loaded key with the registered one(s).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RegisteredKeyReport {
    pub registered: Vec<RegisteredKey>,
    /// Index of the registered key whose thumbprint equals the loaded key's.
    pub matching: Option<usize>,
}

impl RegisteredKeyReport {
    /// Whether the matching entry's `kid` (if it has one) is the `kid` the assertion will carry.
    pub fn kid_matches(&self, key: &SigningKey) -> bool {
        self.matching
            .and_then(|i| self.registered.get(i))
            .is_some_and(|entry| entry.kid.as_deref().is_none_or(|kid| kid == key.kid()))
    }
}

/// Why the pasted registered key could not be read.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum RegisteredKeyError {
    Json(JsonError),
    NotAJwk,
    JwksEmpty,
}

/// The RFC 7638 thumbprint of a public JWK of a kind the signer uses (RSA, EC P-256); `None`
/// for anything else. The key is rebuilt from its members and thumbprinted by jwt-compact, the
/// same way as the loaded key, so equal keys give equal thumbprints.
fn public_thumbprint(jwk: &Map<String, Value>) -> Option<String> {
    match jwk.get("kty").and_then(Value::as_str)? {
        "RSA" => {
            let n = BigUint::from_bytes_be(&jwk_bytes(jwk, "n").ok()?);
            let e = BigUint::from_bytes_be(&jwk_bytes(jwk, "e").ok()?);
            // Registered keys may be larger than the signer supports; they can still be compared.
            RsaPublicKey::new_with_max_size(n, e, 16_384)
                .ok()
                .map(|key| rsa_thumbprint(&key))
        }
        "EC" if jwk.get("crv").and_then(Value::as_str) == Some("P-256") => {
            let (x, y) = (jwk_bytes(jwk, "x").ok()?, jwk_bytes(jwk, "y").ok()?);
            if x.len() != 32 || y.len() != 32 {
                return None;
            }
            let mut sec1 = vec![4u8];
            sec1.extend_from_slice(&x);
            sec1.extend_from_slice(&y);
            P256VerifyingKey::from_sec1_bytes(&sec1)
                .ok()
                .map(|key| p256_thumbprint(&key))
        }
        _ => None,
    }
}

/// The RFC 7638 SHA-256 thumbprint of an RSA public key, base64url (computed by jwt-compact).
fn rsa_thumbprint(key: &RsaPublicKey) -> String {
    Base64UrlUnpadded::encode_string(&JsonWebKey::from(key).thumbprint::<Sha256>())
}

/// The RFC 7638 SHA-256 thumbprint of a P-256 public key, base64url (computed by jwt-compact).
fn p256_thumbprint(key: &P256VerifyingKey) -> String {
    Base64UrlUnpadded::encode_string(&JsonWebKey::from(key).thumbprint::<Sha256>())
}

/// Compares the loaded key with a pasted public JWK or JWKS by RFC 7638 thumbprint.
pub fn compare_registered(
    key: &SigningKey,
    registered_text: &str,
) -> Result<RegisteredKeyReport, RegisteredKeyError> {
    let object = match json::parse_object(registered_text, MAX_KEY_INPUT_BYTES) {
        Ok(object) => object,
        Err(JsonError::NotAnObject { .. }) => return Err(RegisteredKeyError::NotAJwk),
        Err(err) => return Err(RegisteredKeyError::Json(err)),
    };
    let entries: Vec<Value> = match object.get("keys") {
        Some(Value::Array(keys)) if keys.is_empty() => return Err(RegisteredKeyError::JwksEmpty),
        Some(Value::Array(keys)) => keys.clone(),
        Some(_) => return Err(RegisteredKeyError::NotAJwk),
        None if object.contains_key("kty") => vec![Value::Object(object)],
        None => return Err(RegisteredKeyError::NotAJwk),
    };
    let registered: Vec<RegisteredKey> = entries
        .iter()
        .map(|entry| RegisteredKey {
            kid: entry.get("kid").and_then(Value::as_str).map(str::to_string),
            thumbprint: entry.as_object().and_then(public_thumbprint),
            contains_private_parts: entry.get("d").is_some(),
        })
        .collect();
    let matching = registered
        .iter()
        .position(|entry| entry.thumbprint.as_deref() == Some(key.thumbprint()));
    Ok(RegisteredKeyReport {
        registered,
        matching,
    })
}
