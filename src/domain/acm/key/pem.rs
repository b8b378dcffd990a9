//! Part of `key`: PEM blocks, their labels and what each holds.

use pkcs8::der::asn1::ObjectIdentifier;
use pkcs8::der::Decode;
use zeroize::Zeroizing;

use super::der::{
    der_error, ec_algorithm, ec_public_of_sec1, pkcs8_to_key, rsa_algorithm, rsa_public_of_pkcs1,
    wrap_pkcs8,
};
use super::{ImportableKey, KeyImportError, KeyInfo, KeySource, PemProblem, OID_P256, OID_RSA_PSS};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum PemKind {
    Pkcs8,
    Pkcs1,
    Sec1,
    Encrypted,
    OpenSsh,
    Public,
    Certificate,
    Dsa,
    /// Blocks that commonly travel with a key and can be skipped (EC PARAMETERS).
    Ignored,
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
        | "TRUSTED CERTIFICATE"
        | "CERTIFICATE REQUEST"
        | "NEW CERTIFICATE REQUEST"
        | "X509 CRL" => PemKind::Certificate,
        "DSA PRIVATE KEY" => PemKind::Dsa,
        "EC PARAMETERS" => PemKind::Ignored,
        _ => PemKind::Unknown,
    }
}

/// One `-----BEGIN X-----` … `-----END X-----` block.
struct PemBlock<'a> {
    label: &'a str,
    body: &'a str,
}

/// Splits text into PEM blocks. A label is the rest of its BEGIN line, so a BEGIN line that
/// lost its closing dashes cannot swallow the key body into the label (and into a message).
fn pem_blocks(text: &str) -> Result<Vec<PemBlock<'_>>, KeyImportError> {
    const BEGIN: &str = "-----BEGIN ";
    let mut blocks = Vec::new();
    let mut rest = text;
    while let Some(start) = rest.find(BEGIN) {
        let after = &rest[start + BEGIN.len()..];
        let line = after.split('\n').next().unwrap_or_default();
        let Some(label) = line.trim_end().strip_suffix("-----") else {
            return Err(KeyImportError::BadPem {
                problem: PemProblem::BeginLineIncomplete,
            });
        };
        let body_start = &after[line.len()..];
        let end_marker = ["-----END ", label, "-----"].concat();
        let Some(body_end) = body_start.find(&end_marker) else {
            return Err(KeyImportError::BadPem {
                problem: PemProblem::NoEndLine,
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

pub(super) fn import_pem(text: &str) -> Result<ImportableKey, KeyImportError> {
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
                label: shown_label(label),
            },
            None => KeyImportError::BadPem {
                problem: PemProblem::NoEndLine,
            },
        }),
        several => Err(KeyImportError::SeveralPemKeys {
            count: several.len(),
        }),
    }
}

/// A PEM label fit to show: labels are short upper-case words; anything else is not shown.
fn shown_label(label: &str) -> String {
    let plain = label.len() <= 40
        && label
            .chars()
            .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit() || c == ' ');
    if plain {
        label.to_string()
    } else {
        "?".to_string()
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
            problem: PemProblem::HeaderLines,
        });
    }
    let base64: Zeroizing<String> =
        Zeroizing::new(block.body.chars().filter(|c| !c.is_whitespace()).collect());
    if base64.is_empty() {
        return Err(KeyImportError::BadPem {
            problem: PemProblem::EmptyBody,
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
        .map_err(|_| KeyImportError::BadPem {
            problem: PemProblem::BadBase64,
        })
}

pub(super) fn curve_name(oid: Option<ObjectIdentifier>) -> String {
    match oid.map(|oid| oid.to_string()).as_deref() {
        Some("1.3.132.0.34") => "EC P-384".into(),
        Some("1.3.132.0.35") => "EC P-521".into(),
        Some("1.3.132.0.10") => "EC secp256k1".into(),
        Some(other) => format!("EC {other}"),
        // RFC 5915 §3 requires the named curve in a SEC1 file; without it the curve is unknown.
        None => "EC (no named curve)".into(),
    }
}

pub(super) fn algorithm_name(oid: ObjectIdentifier) -> String {
    match oid.to_string().as_str() {
        "1.3.101.112" => "Ed25519".into(),
        "1.3.101.113" => "Ed448".into(),
        "1.3.101.110" => "X25519".into(),
        "1.3.101.111" => "X448".into(),
        "1.2.840.10040.4.1" => "DSA".into(),
        _ if oid == OID_RSA_PSS => "RSA-PSS (restricted)".into(),
        other => other.to_string(),
    }
}

fn pem_to_key(block: &PemBlock<'_>) -> Result<ImportableKey, KeyImportError> {
    let der = pem_der(block)?;
    match pem_kind(block.label) {
        PemKind::Pkcs8 => pkcs8_to_key(&der, KeySource::Pkcs8Pem),
        PemKind::Pkcs1 => {
            let public = rsa_public_of_pkcs1(&der)?;
            let pkcs8 = wrap_pkcs8(rsa_algorithm(), &der)?;
            Ok(ImportableKey {
                info: KeyInfo::new(public, None, KeySource::Pkcs1Pem),
                pkcs8,
            })
        }
        PemKind::Sec1 => {
            let parsed = sec1::EcPrivateKey::from_der(&der).map_err(|e| der_error(&e))?;
            let curve = parsed.parameters.and_then(sec1::EcParameters::named_curve);
            if curve != Some(OID_P256) {
                return Err(KeyImportError::UnsupportedKeyType {
                    description: curve_name(curve),
                });
            }
            let public = ec_public_of_sec1(&parsed)?;
            let pkcs8 = wrap_pkcs8(ec_algorithm(), &der)?;
            Ok(ImportableKey {
                info: KeyInfo::new(public, None, KeySource::Sec1Pem),
                pkcs8,
            })
        }
        _ => Err(KeyImportError::UnknownPemLabel {
            label: shown_label(block.label),
        }),
    }
}
