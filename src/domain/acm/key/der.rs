//! Part of `key`: DER building and the structural checks RustCrypto's DER crates leave to us (sizes, zero values, ranges), and PKCS#8, PKCS#1 and SEC1 read back.

use pkcs8::der::asn1::AnyRef;
use pkcs8::der::{Decode, Encode};
use pkcs8::spki::AlgorithmIdentifierRef;
use std::cmp::Ordering;
use std::fmt;
use zeroize::Zeroizing;

use super::pem::{algorithm_name, curve_name};
use super::{
    ImportableKey, KeyImportError, KeyInfo, KeySource, PublicKey, ValueProblem, OID_EC, OID_P256,
    OID_RSA, P256_ORDER, P256_PRIME, RSA_MAX_BITS, RSA_MIN_BITS,
};

pub(super) fn rsa_algorithm() -> AlgorithmIdentifierRef<'static> {
    AlgorithmIdentifierRef {
        oid: OID_RSA,
        parameters: Some(AnyRef::NULL),
    }
}

pub(super) fn ec_algorithm() -> AlgorithmIdentifierRef<'static> {
    AlgorithmIdentifierRef {
        oid: OID_EC,
        parameters: Some(AnyRef::from(&OID_P256)),
    }
}

pub(super) fn wrap_pkcs8(
    algorithm: AlgorithmIdentifierRef<'_>,
    inner: &[u8],
) -> Result<Zeroizing<Vec<u8>>, KeyImportError> {
    pkcs8::PrivateKeyInfo::new(algorithm, inner)
        .to_der()
        .map(Zeroizing::new)
        .map_err(|e| der_error(&e))
}

pub(super) fn der_error(err: &dyn fmt::Display) -> KeyImportError {
    KeyImportError::DerInvalid {
        detail: err.to_string(),
    }
}

// ---------------------------------------------------------------------------------------------
// Structure checks: byte comparisons, no arithmetic

pub(super) fn strip_zeros(bytes: &[u8]) -> &[u8] {
    let first = bytes.iter().position(|&b| b != 0).unwrap_or(bytes.len());
    &bytes[first..]
}

pub(super) fn bit_length(bytes: &[u8]) -> usize {
    let bytes = strip_zeros(bytes);
    match bytes.first() {
        None => 0,
        Some(&top) => (bytes.len() - 1) * 8 + (8 - top.leading_zeros() as usize),
    }
}

/// Compares two unsigned big-endian integers.
fn compare_uint(a: &[u8], b: &[u8]) -> Ordering {
    let (a, b) = (strip_zeros(a), strip_zeros(b));
    a.len().cmp(&b.len()).then_with(|| a.cmp(b))
}

pub(super) fn check_nonzero(field: &'static str, value: &[u8]) -> Result<(), KeyImportError> {
    if strip_zeros(value).is_empty() {
        return Err(KeyImportError::InvalidValue {
            field,
            problem: ValueProblem::Zero,
        });
    }
    Ok(())
}

pub(super) fn check_below(
    field: &'static str,
    value: &[u8],
    bound: &[u8],
    bound_name: &'static str,
) -> Result<(), KeyImportError> {
    if compare_uint(value, bound) != Ordering::Less {
        return Err(KeyImportError::InvalidValue {
            field,
            problem: ValueProblem::NotBelow { bound: bound_name },
        });
    }
    Ok(())
}

pub(super) fn check_rsa_public(n: &[u8], e: &[u8]) -> Result<(), KeyImportError> {
    check_nonzero("n", n)?;
    let bits = bit_length(n);
    if bits < RSA_MIN_BITS {
        return Err(KeyImportError::RsaTooSmall { bits });
    }
    if bits > RSA_MAX_BITS {
        return Err(KeyImportError::RsaTooLarge { bits });
    }
    let odd = |v: &[u8]| v.last().is_some_and(|b| b & 1 == 1);
    if !odd(n) {
        return Err(KeyImportError::InvalidValue {
            field: "n",
            problem: ValueProblem::NotOdd,
        });
    }
    if !odd(e) || compare_uint(e, &[3]) == Ordering::Less {
        return Err(KeyImportError::InvalidValue {
            field: "e",
            problem: ValueProblem::NotOdd,
        });
    }
    Ok(())
}

pub(super) fn check_rsa_private<const N: usize>(
    n: &[u8],
    d: &[u8],
    others: [(&'static str, &[u8]); N],
) -> Result<(), KeyImportError> {
    check_nonzero("d", d)?;
    check_below("d", d, n, "n")?;
    for (field, value) in others {
        check_nonzero(field, value)?;
        check_below(field, value, n, "n")?;
    }
    Ok(())
}

/// Checks a P-256 private scalar (`1 ≤ d < order`) and left-pads it to 32 bytes.
pub(super) fn check_ec_scalar(d: &[u8]) -> Result<Zeroizing<[u8; 32]>, KeyImportError> {
    let stripped = strip_zeros(d);
    if stripped.len() > 32 {
        return Err(KeyImportError::InvalidValue {
            field: "d",
            problem: ValueProblem::WrongLength {
                expected: 32,
                found: d.len(),
            },
        });
    }
    check_nonzero("d", stripped)?;
    check_below("d", stripped, &P256_ORDER, "n")?;
    Ok(left_pad_32(stripped))
}

pub(super) fn left_pad_32(bytes: &[u8]) -> Zeroizing<[u8; 32]> {
    let bytes = strip_zeros(bytes);
    let mut out = Zeroizing::new([0u8; 32]);
    if bytes.len() <= 32 {
        out[32 - bytes.len()..].copy_from_slice(bytes);
    }
    out
}

pub(super) fn pkcs8_to_key(der: &[u8], source: KeySource) -> Result<ImportableKey, KeyImportError> {
    let info = pkcs8::PrivateKeyInfo::from_der(der).map_err(|e| der_error(&e))?;
    let (public, algorithm) = if info.algorithm.oid == OID_RSA {
        (rsa_public_of_pkcs1(info.private_key)?, rsa_algorithm())
    } else if info.algorithm.oid == OID_EC {
        let curve = info.algorithm.parameters_oid().ok();
        if curve != Some(OID_P256) {
            return Err(KeyImportError::UnsupportedKeyType {
                description: curve_name(curve),
            });
        }
        let parsed = sec1::EcPrivateKey::from_der(info.private_key).map_err(|e| der_error(&e))?;
        (ec_public_of_sec1(&parsed)?, ec_algorithm())
    } else {
        return Err(KeyImportError::UnsupportedKeyType {
            description: algorithm_name(info.algorithm.oid),
        });
    };
    // Re-encoded without attributes or a v2 public key, which WebCrypto need not see.
    let pkcs8 = wrap_pkcs8(algorithm, info.private_key)?;
    Ok(ImportableKey {
        info: KeyInfo::new(public, None, source),
        pkcs8,
    })
}

/// Checks a PKCS#1 `RSAPrivateKey` and returns its public key.
pub(super) fn rsa_public_of_pkcs1(der: &[u8]) -> Result<PublicKey, KeyImportError> {
    let key = pkcs1::RsaPrivateKey::from_der(der).map_err(|e| der_error(&e))?;
    let n = key.modulus.as_bytes();
    let e = key.public_exponent.as_bytes();
    check_rsa_public(n, e)?;
    if key.other_prime_infos.is_some() {
        return Err(KeyImportError::UnsupportedKeyType {
            description: "RSA multi-prime".into(),
        });
    }
    check_rsa_private(
        n,
        key.private_exponent.as_bytes(),
        [
            ("p", key.prime1.as_bytes()),
            ("q", key.prime2.as_bytes()),
            ("dp", key.exponent1.as_bytes()),
            ("dq", key.exponent2.as_bytes()),
            ("qi", key.coefficient.as_bytes()),
        ],
    )?;
    Ok(PublicKey::rsa(n, e))
}

/// Checks a SEC1 `ECPrivateKey` on P-256 and returns its public point.
pub(super) fn ec_public_of_sec1(key: &sec1::EcPrivateKey<'_>) -> Result<PublicKey, KeyImportError> {
    check_ec_scalar(key.private_key)?;
    let point = key.public_key.ok_or(KeyImportError::EcPublicKeyMissing)?;
    if point.len() != 65 || point[0] != 4 {
        return Err(KeyImportError::InvalidValue {
            field: "publicKey",
            problem: ValueProblem::WrongLength {
                expected: 65,
                found: point.len(),
            },
        });
    }
    let mut x = [0u8; 32];
    let mut y = [0u8; 32];
    x.copy_from_slice(&point[1..33]);
    y.copy_from_slice(&point[33..]);
    check_below("x", &x, &P256_PRIME, "p")?;
    check_below("y", &y, &P256_PRIME, "p")?;
    Ok(PublicKey::ec(x, y))
}
