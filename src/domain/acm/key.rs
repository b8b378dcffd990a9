//! The organisation's signing key as text: import from JWK, JWKS or PEM, every diagnostic, the
//! conversion to the PKCS#8 DER that WebCrypto imports, the public JWK for the Beheerportaal,
//! RFC 7638 thumbprints, and the registered-key check.
//!
//! This module never signs and does no bignum or curve arithmetic: the browser's key store
//! (WebCrypto) holds the private key as a non-extractable `CryptoKey` and signs with it. Here,
//! raw text becomes an [`ImportableKey`] only through [`import`]: the structure is checked with
//! RustCrypto's DER crates and byte comparisons (a zero `d`, `d ≥ n`, a scalar beyond the curve
//! order), and what only arithmetic could check (that the parts belong together, that a point
//! lies on the curve) is left to WebCrypto's import, whose refusal has its own error.
//!
//! Key material is held in [`Zeroizing`] buffers and wiped when dropped; no error variant
//! carries text from the input, so no message can repeat key material.

use std::cmp::Ordering;
use std::fmt;

use base64ct::{Base64UrlUnpadded, Encoding};
use jwt_compact::jwk::JsonWebKey;
use pkcs8::der::asn1::{AnyRef, ObjectIdentifier, UintRef};
use pkcs8::der::{Decode, Encode};
use pkcs8::spki::AlgorithmIdentifierRef;
use serde_json::{Map, Value};
use sha2::Sha256;
use zeroize::{Zeroize, Zeroizing};

use crate::domain::checked::json::{self, JsonError};
use crate::domain::checked::kid::Kid;

/// Largest key text accepted (a 4096-bit RSA JWK is about 3.3 KB; bundles with certificates more).
pub const MAX_KEY_INPUT_BYTES: usize = 256 * 1024;
/// Smallest RSA modulus accepted: RFC 7518 §3.3 requires 2048 bits for RS256.
pub(crate) const RSA_MIN_BITS: usize = 2048;
/// Largest RSA modulus the page offers and accepts.
pub(crate) const RSA_MAX_BITS: usize = 4096;
/// Most keys a pasted JWKS may hold: beyond this it is not an organisation's own key set.
pub(crate) const JWKS_MAX_KEYS: usize = 100;

const OID_RSA: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.113549.1.1.1");
const OID_RSA_PSS: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.113549.1.1.10");
const OID_EC: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.10045.2.1");
const OID_P256: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.10045.3.1.7");

/// The order of the P-256 group (FIPS 186-4 D.1.2.3): a private scalar lies in `1..n`.
const P256_ORDER: [u8; 32] = [
    0xff, 0xff, 0xff, 0xff, 0x00, 0x00, 0x00, 0x00, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff,
    0xbc, 0xe6, 0xfa, 0xad, 0xa7, 0x17, 0x9e, 0x84, 0xf3, 0xb9, 0xca, 0xc2, 0xfc, 0x63, 0x25, 0x51,
];
/// The P-256 field prime: a coordinate lies in `0..p`.
const P256_PRIME: [u8; 32] = [
    0xff, 0xff, 0xff, 0xff, 0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
    0x00, 0x00, 0x00, 0x00, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff,
];

/// What kind of key is loaded.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum KeyKind {
    /// An RSA key.
    Rsa {
        /// The modulus length.
        bits: usize,
    },
    /// An EC key on P-256.
    EcP256,
}

impl KeyKind {
    /// The algorithm a client assertion uses by default: RS256 is the one every public example
    /// of the API team uses.
    pub fn default_alg(self) -> SigningAlg {
        match self {
            KeyKind::Rsa { .. } => SigningAlg::Rs256,
            KeyKind::EcP256 => SigningAlg::Es256,
        }
    }

    /// The algorithms the page signs with for this kind of key, the default first.
    pub(crate) fn algorithms(self) -> &'static [SigningAlg] {
        match self {
            KeyKind::Rsa { .. } => &[SigningAlg::Rs256, SigningAlg::Ps256],
            KeyKind::EcP256 => &[SigningAlg::Es256],
        }
    }

    /// Length in bytes of a JWS signature by this key (RFC 7518 §3.3 and §3.4).
    pub(crate) fn signature_len(self) -> usize {
        match self {
            KeyKind::Rsa { bits } => bits.div_ceil(8),
            KeyKind::EcP256 => 64,
        }
    }
}

/// The JWS algorithms the page signs with.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum SigningAlg {
    /// RSASSA-PKCS1-v1_5 with SHA-256.
    Rs256,
    /// RSASSA-PSS with SHA-256.
    Ps256,
    /// ECDSA on P-256 with SHA-256.
    Es256,
}

impl SigningAlg {
    /// Every algorithm, in the order the page offers them.
    pub const ALL: [SigningAlg; 3] = [SigningAlg::Rs256, SigningAlg::Ps256, SigningAlg::Es256];

    /// The JWS name (`RS256`, …).
    pub fn name(self) -> &'static str {
        match self {
            SigningAlg::Rs256 => "RS256",
            SigningAlg::Ps256 => "PS256",
            SigningAlg::Es256 => "ES256",
        }
    }

    /// The algorithm of a JWS name.
    pub fn parse(name: &str) -> Option<SigningAlg> {
        SigningAlg::ALL.into_iter().find(|alg| alg.name() == name)
    }

    /// Only RS256 is seen working with ACM in public examples; the others are offered but marked
    /// as unconfirmed (an assumption, not a rule of ACM's).
    pub fn confirmed_for_acm(self) -> bool {
        self == SigningAlg::Rs256
    }
}

/// Where a key came from, for the status line.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum KeySource {
    /// A single JWK.
    Jwk,
    /// A key picked from a JWKS.
    Jwks,
    /// A PKCS#8 PEM (`PRIVATE KEY`).
    Pkcs8Pem,
    /// A PKCS#1 PEM (`RSA PRIVATE KEY`).
    Pkcs1Pem,
    /// A SEC1 PEM (`EC PRIVATE KEY`).
    Sec1Pem,
    /// Made by WebCrypto on this page.
    Generated,
}

// ---------------------------------------------------------------------------------------------
// Public keys

/// The public half of a key the page signs with (RSA or EC P-256), as JWK members.
#[derive(Clone, PartialEq, Eq)]
pub struct PublicKey {
    kind: KeyKind,
    members: PublicMembers,
}

#[derive(Clone, PartialEq, Eq)]
enum PublicMembers {
    /// Big-endian, without leading zero bytes (RFC 7518 §6.3.1 and RFC 7638 §3.3).
    Rsa {
        n: Vec<u8>,
        e: Vec<u8>,
    },
    Ec {
        x: [u8; 32],
        y: [u8; 32],
    },
}

impl fmt::Debug for PublicKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("PublicKey")
            .field("kind", &self.kind)
            .field("thumbprint", &self.thumbprint())
            // The members are public but long; the thumbprint names them.
            .finish_non_exhaustive()
    }
}

impl PublicKey {
    fn rsa(n: &[u8], e: &[u8]) -> PublicKey {
        let (n, e) = (strip_zeros(n).to_vec(), strip_zeros(e).to_vec());
        PublicKey {
            kind: KeyKind::Rsa {
                bits: bit_length(&n),
            },
            members: PublicMembers::Rsa { n, e },
        }
    }

    fn ec(x: [u8; 32], y: [u8; 32]) -> PublicKey {
        PublicKey {
            kind: KeyKind::EcP256,
            members: PublicMembers::Ec { x, y },
        }
    }

    /// The key's type and size.
    pub fn kind(&self) -> KeyKind {
        self.kind
    }

    fn jwt_compact_jwk(&self) -> JsonWebKey<'_> {
        match &self.members {
            PublicMembers::Rsa { n, e } => JsonWebKey::Rsa {
                modulus: n.as_slice().into(),
                public_exponent: e.as_slice().into(),
                private_parts: None,
            },
            PublicMembers::Ec { x, y } => JsonWebKey::EllipticCurve {
                curve: "P-256".into(),
                x: x.as_slice().into(),
                y: y.as_slice().into(),
                secret: None,
            },
        }
    }

    /// The RFC 7638 SHA-256 thumbprint, base64url (computed by jwt-compact).
    pub fn thumbprint(&self) -> String {
        Base64UrlUnpadded::encode_string(&self.jwt_compact_jwk().thumbprint::<Sha256>())
    }

    /// The required JWK members only (`kty`, `n`, `e` or `kty`, `crv`, `x`, `y`).
    pub(crate) fn jwk_members(&self) -> Map<String, Value> {
        match serde_json::to_value(self.jwt_compact_jwk()) {
            Ok(Value::Object(map)) => map,
            // jwt-compact serialises a JWK to a JSON object; anything else would be its bug.
            _ => Map::new(),
        }
    }

    /// Reads a public key of a kind the page signs with from a JWK object; private members are
    /// ignored. RSA moduli up to 16384 bits are read, so larger registered keys can be compared.
    pub fn from_jwk(jwk: &Map<String, Value>) -> Result<PublicKey, KeyImportError> {
        match jwk_kty(jwk)? {
            JwkType::Rsa => {
                let n = jwk_bytes(jwk, "n")?;
                let e = jwk_bytes(jwk, "e")?;
                check_nonzero("n", &n)?;
                check_nonzero("e", &e)?;
                if bit_length(&n) > 16_384 {
                    return Err(KeyImportError::RsaTooLarge {
                        bits: bit_length(&n),
                    });
                }
                Ok(PublicKey::rsa(&n, &e))
            }
            JwkType::EcP256 => {
                let x = coordinate(jwk, "x")?;
                let y = coordinate(jwk, "y")?;
                Ok(PublicKey::ec(x, y))
            }
        }
    }

    /// Reads a pasted public JWK (or a JWKS with exactly one key), for verifying a signature.
    pub fn parse_jwk_text(text: &str) -> Result<PublicKey, KeyImportError> {
        let object = WipeOnDrop(parse_json_object(text)?);
        let jwk = match object.0.get("keys") {
            Some(Value::Array(keys)) => match keys.as_slice() {
                [] => return Err(KeyImportError::JwksEmpty),
                [Value::Object(jwk)] => jwk,
                [_] => return Err(KeyImportError::NotAJwk),
                several => {
                    return Err(KeyImportError::SeveralPublicKeys {
                        count: several.len(),
                    })
                }
            },
            Some(_) => return Err(KeyImportError::NotAJwk),
            None => &object.0,
        };
        PublicKey::from_jwk(jwk)
    }
}

// ---------------------------------------------------------------------------------------------
// The loaded key, as the page knows it

/// Everything public about the loaded key: what the page shows and puts in headers. The private
/// part lives in WebCrypto only.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KeyInfo {
    public: PublicKey,
    thumbprint: String,
    kid: Option<String>,
    source: KeySource,
}

impl KeyInfo {
    fn new(public: PublicKey, kid: Option<String>, source: KeySource) -> KeyInfo {
        KeyInfo {
            thumbprint: public.thumbprint(),
            public,
            kid,
            source,
        }
    }

    /// The key's type and size.
    pub fn kind(&self) -> KeyKind {
        self.public.kind
    }

    /// The public half.
    pub fn public_key(&self) -> &PublicKey {
        &self.public
    }

    /// Where the key came from.
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

    /// The `kid` of the public JWK: the key's own, else its thumbprint.
    pub fn kid(&self) -> &str {
        self.kid.as_deref().unwrap_or(&self.thumbprint)
    }

    /// The public JWK to upload in the Beheerportaal ("Publieke JWT" in client-aanvragen.md),
    /// with `kid`, `use` and `alg`.
    pub fn public_jwk(&self) -> Value {
        let mut jwk = self.public.jwk_members();
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
}

/// A private key checked and converted for WebCrypto's `importKey("pkcs8", …)`: its PKCS#8 DER
/// (wiped when dropped) and what is public about it.
pub struct ImportableKey {
    info: KeyInfo,
    pkcs8: Zeroizing<Vec<u8>>,
}

impl fmt::Debug for ImportableKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ImportableKey")
            .field("info", &self.info)
            .finish_non_exhaustive()
    }
}

impl ImportableKey {
    /// The key's public facts.
    pub fn info(&self) -> &KeyInfo {
        &self.info
    }

    /// The PKCS#8 `PrivateKeyInfo` DER to hand to WebCrypto.
    pub fn pkcs8_der(&self) -> &[u8] {
        &self.pkcs8
    }

    /// The key as a PKCS#8 PEM file (`-----BEGIN PRIVATE KEY-----`), for an explicit save.
    pub fn pkcs8_pem(&self) -> Zeroizing<String> {
        let pem = pkcs8::der::pem::encode_string(
            "PRIVATE KEY",
            pkcs8::der::pem::LineEnding::LF,
            &self.pkcs8,
        );
        Zeroizing::new(pem.unwrap_or_default())
    }

    /// The complete private JWK (RFC 7518 §6.3.2 with the CRT members, which WebCrypto needs),
    /// for an explicit save. Built from the DER by reading its fields: no arithmetic.
    pub fn private_jwk(&self) -> Zeroizing<String> {
        let mut fields: Vec<(&str, Zeroizing<String>)> = Vec::new();
        let text = |s: &str| Zeroizing::new(s.to_string());
        let b64 = |bytes: &[u8]| Zeroizing::new(Base64UrlUnpadded::encode_string(bytes));
        let Ok(info) = pkcs8::PrivateKeyInfo::from_der(&self.pkcs8) else {
            return Zeroizing::new(String::new());
        };
        if info.algorithm.oid == OID_RSA {
            let Ok(key) = pkcs1::RsaPrivateKey::from_der(info.private_key) else {
                return Zeroizing::new(String::new());
            };
            fields.push(("kty", text("RSA")));
            for (name, value) in [
                ("n", key.modulus),
                ("e", key.public_exponent),
                ("d", key.private_exponent),
                ("p", key.prime1),
                ("q", key.prime2),
                ("dp", key.exponent1),
                ("dq", key.exponent2),
                ("qi", key.coefficient),
            ] {
                fields.push((name, b64(value.as_bytes())));
            }
        } else {
            let Ok(key) = sec1::EcPrivateKey::from_der(info.private_key) else {
                return Zeroizing::new(String::new());
            };
            let PublicMembers::Ec { x, y } = &self.info.public.members else {
                return Zeroizing::new(String::new());
            };
            fields.push(("kty", text("EC")));
            fields.push(("crv", text("P-256")));
            fields.push(("x", b64(x)));
            fields.push(("y", b64(y)));
            fields.push(("d", b64(&left_pad_32(key.private_key)[..])));
        }
        fields.push(("kid", text(self.info.kid())));
        let mut out = Zeroizing::new(String::from("{"));
        for (i, (name, value)) in fields.iter().enumerate() {
            if i > 0 {
                out.push(',');
            }
            // Names are fixed ASCII; values are base64url or the kid, which JSON-escapes safely.
            out.push('"');
            out.push_str(name);
            out.push_str("\":");
            out.push_str(&Value::String(value.to_string()).to_string());
        }
        out.push('}');
        out
    }

    /// Takes the key apart: what stays on the page, and the DER that goes to WebCrypto.
    pub fn into_parts(self) -> (KeyInfo, Zeroizing<Vec<u8>>) {
        (self.info, self.pkcs8)
    }
}

// ---------------------------------------------------------------------------------------------
// Errors

/// What is wrong with a single value of a key.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ValueProblem {
    /// The value is zero.
    Zero,
    /// Not smaller than the named bound (`n`, or the curve's order or prime).
    NotBelow {
        /// The bound's name.
        bound: &'static str,
    },
    /// An even RSA modulus, or an even or too small public exponent.
    NotOdd,
    /// Not the length the curve requires.
    WrongLength {
        /// The length required, in bytes.
        expected: usize,
        /// The length found, in bytes.
        found: usize,
    },
}

/// What is wrong with PEM armour.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PemProblem {
    /// A `-----BEGIN` line that does not end in dashes on the same line.
    BeginLineIncomplete,
    /// No `-----END …-----` line with the BEGIN line's label.
    NoEndLine,
    /// `Key: value` header lines inside the block.
    HeaderLines,
    /// Nothing between `BEGIN` and `END`.
    EmptyBody,
    /// The body is not base64.
    BadBase64,
}

/// Why a key text was refused. Each variant has its own message and leaves the loaded key alone.
/// No variant carries text from the input but short, checked names (`kty`, a PEM label).
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum KeyImportError {
    /// Nothing entered.
    Empty,
    /// Larger than any key the page reads.
    TooLarge {
        /// The size of the input.
        bytes: usize,
        /// The largest input read.
        max: usize,
    },
    /// Looks like JSON but is not valid JSON (only the position is kept).
    Json(JsonError),
    /// Valid JSON, but neither a JWK (`kty`) nor a JWKS (`keys`).
    NotAJwk,
    /// A PEM key inside a JSON string (`"-----BEGIN …\n…"`), as copied from a JSON file.
    PemInJsonString,
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
    /// A key type or curve the page does not sign with (Ed25519, P-384, symmetric, DSA, …).
    UnsupportedKeyType {
        /// The type or curve found.
        description: String,
    },
    /// An RSA key shorter than [`RSA_MIN_BITS`].
    RsaTooSmall {
        /// Its length.
        bits: usize,
    },
    /// An RSA key longer than [`RSA_MAX_BITS`].
    RsaTooLarge {
        /// Its length.
        bits: usize,
    },
    /// A JWK member the key needs is absent.
    MissingField {
        /// The member's name.
        field: &'static str,
    },
    /// A JWK member is not base64url.
    BadBase64 {
        /// The member's name.
        field: &'static str,
    },
    /// A value of the key is impossible (zero, out of range, wrong length).
    InvalidValue {
        /// The member's name.
        field: &'static str,
        /// What is wrong with it.
        problem: ValueProblem,
    },
    /// An RSA JWK without the CRT members (`p`, `q`, `dp`, `dq`, `qi`): RFC 7518 allows it, but
    /// WebCrypto imports only complete keys, and completing one takes factoring arithmetic.
    RsaCrtMissing {
        /// The first member missing.
        field: &'static str,
    },
    /// An EC private key file without its public point, which only curve arithmetic restores.
    EcPublicKeyMissing,
    /// A JWKS with no keys.
    JwksEmpty,
    /// A JWKS with more keys than the page reads.
    JwksTooLarge {
        /// How many keys.
        count: usize,
        /// The most keys read.
        max: usize,
    },
    /// A JWKS of public keys only.
    JwksWithoutPrivateKey,
    /// Several private keys in one JWKS: the user picks one with [`import_jwks_entry`].
    SeveralPrivateKeys {
        /// The private keys, to pick from.
        candidates: Vec<KeyCandidate>,
    },
    /// Several keys where one public key was expected.
    SeveralPublicKeys {
        /// How many keys.
        count: usize,
    },
    /// The picked position is not in the JWKS.
    JwksIndexOutOfRange {
        /// The position picked.
        index: usize,
    },
    /// The PEM armour is broken.
    BadPem {
        /// How.
        problem: PemProblem,
    },
    /// A PEM label the page does not read (`CERTIFICATE` has its own variant).
    UnknownPemLabel {
        /// The label.
        label: String,
    },
    /// Several private keys in one PEM file.
    SeveralPemKeys {
        /// How many keys.
        count: usize,
    },
    /// The PEM body decodes, but is not the structure its label promises (der's description,
    /// which names tags and positions, never content).
    DerInvalid {
        /// The DER parser's description.
        detail: String,
    },
    /// The browser's key store refused the key: its parts do not belong together, or the EC
    /// point is not on the curve (checks that take arithmetic, done by WebCrypto).
    RefusedByKeyStore,
}

/// A private key found in a JWKS with several, offered to the user to pick from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KeyCandidate {
    /// Position in the `keys` array.
    pub index: usize,
    /// The key's `kid`, if any.
    pub kid: Option<String>,
    /// The key's `kty`.
    pub kty: String,
}

// ---------------------------------------------------------------------------------------------
// Import

/// Parses a private key from JWK, JWKS (with one private key) or PEM (PKCS#8, PKCS#1, SEC1)
/// into the PKCS#8 DER WebCrypto imports.
///
/// Windows line ends, surrounding white space and a byte-order mark are accepted.
pub fn import(text: &str) -> Result<ImportableKey, KeyImportError> {
    import_inner(text, None)
}

/// Like [`import`], taking the private key at `index` of a JWKS's `keys` array.
pub fn import_jwks_entry(text: &str, index: usize) -> Result<ImportableKey, KeyImportError> {
    import_inner(text, Some(index))
}

/// Reads the PKCS#8 DER of a key WebCrypto made (`exportKey("pkcs8")`), to save it and to show
/// what is public about it.
pub fn from_pkcs8_der(der: &[u8]) -> Result<ImportableKey, KeyImportError> {
    let mut key = pkcs8_to_key(der, KeySource::Generated)?;
    key.info.source = KeySource::Generated;
    Ok(key)
}

fn import_inner(text: &str, jwks_index: Option<usize>) -> Result<ImportableKey, KeyImportError> {
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
    if cleaned.starts_with('"') && cleaned.contains("-----BEGIN ") {
        return Err(KeyImportError::PemInJsonString);
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

/// A parsed JSON object whose strings are wiped when it is dropped: they may hold `d`.
struct WipeOnDrop(Map<String, Value>);

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

fn parse_json_object(text: &str) -> Result<Map<String, Value>, KeyImportError> {
    match json::parse_object(text, MAX_KEY_INPUT_BYTES) {
        Ok(object) => Ok(object),
        Err(JsonError::NotAnObject { .. }) => Err(KeyImportError::NotAJwk),
        Err(err) => Err(KeyImportError::Json(err)),
    }
}

fn import_json(text: &str, jwks_index: Option<usize>) -> Result<ImportableKey, KeyImportError> {
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

/// The JWK members that are private (RFC 7518 6.3.2 for RSA, 6.2.2 for EC, 6.4.1 for `oct`;
/// RFC 8037 for OKP's `d`).
const PRIVATE_JWK_MEMBERS: [&str; 8] = ["d", "p", "q", "dp", "dq", "qi", "oth", "k"];

/// Shortest run of bare base64 taken for a piece of a private key: a PEM body line has 64
/// characters, an EC P-256 `d` 43; the UUIDs, codes and names of the other fields are shorter,
/// and the assertions and answers they take hold dots, braces or quotes.
const MIN_BARE_KEY_CHARS: usize = 40;

/// True for text that holds private-key material, for every field but step 2's key field,
/// which refuses and clears it: PEM armour of a private key, a JWK or JWKS with a private
/// member (JSON that does not parse but names one counts too: a JWK cut short is still a
/// secret), or nothing but bare base64 (one line of a PEM body, a lone EC `d`).
pub fn holds_private_key_material(text: &str) -> bool {
    if text.contains("PRIVATE KEY") {
        return true;
    }
    let trimmed = text.trim();
    if trimmed.starts_with('{') || trimmed.starts_with('[') {
        let parsed = (trimmed.len() <= MAX_KEY_INPUT_BYTES)
            .then(|| serde_json::from_str::<Value>(trimmed).ok())
            .flatten();
        return match parsed {
            Some(value) => has_private_member(&value),
            None => PRIVATE_JWK_MEMBERS
                .iter()
                .any(|member| trimmed.contains(&format!("\"{member}\""))),
        };
    }
    let bare = trimmed.lines().map(str::trim).all(|line| {
        line.bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'+' | b'/' | b'_' | b'-' | b'='))
    });
    bare && trimmed.chars().filter(|c| !c.is_whitespace()).count() >= MIN_BARE_KEY_CHARS
}

fn has_private_member(value: &Value) -> bool {
    match value {
        Value::Object(object) => {
            let is_jwk = object.contains_key("kty");
            (is_jwk && PRIVATE_JWK_MEMBERS.iter().any(|m| object.contains_key(*m)))
                || object.values().any(has_private_member)
        }
        Value::Array(items) => items.iter().any(has_private_member),
        _ => false,
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

enum JwkType {
    Rsa,
    EcP256,
}

fn jwk_kty(jwk: &Map<String, Value>) -> Result<JwkType, KeyImportError> {
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

fn jwk_bytes(
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

fn coordinate(jwk: &Map<String, Value>, field: &'static str) -> Result<[u8; 32], KeyImportError> {
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

fn rsa_algorithm() -> AlgorithmIdentifierRef<'static> {
    AlgorithmIdentifierRef {
        oid: OID_RSA,
        parameters: Some(AnyRef::NULL),
    }
}

fn ec_algorithm() -> AlgorithmIdentifierRef<'static> {
    AlgorithmIdentifierRef {
        oid: OID_EC,
        parameters: Some(AnyRef::from(&OID_P256)),
    }
}

fn wrap_pkcs8(
    algorithm: AlgorithmIdentifierRef<'_>,
    inner: &[u8],
) -> Result<Zeroizing<Vec<u8>>, KeyImportError> {
    pkcs8::PrivateKeyInfo::new(algorithm, inner)
        .to_der()
        .map(Zeroizing::new)
        .map_err(|e| der_error(&e))
}

fn der_error(err: &dyn fmt::Display) -> KeyImportError {
    KeyImportError::DerInvalid {
        detail: err.to_string(),
    }
}

// ---------------------------------------------------------------------------------------------
// Structure checks: byte comparisons, no arithmetic

fn strip_zeros(bytes: &[u8]) -> &[u8] {
    let first = bytes.iter().position(|&b| b != 0).unwrap_or(bytes.len());
    &bytes[first..]
}

fn bit_length(bytes: &[u8]) -> usize {
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

fn check_nonzero(field: &'static str, value: &[u8]) -> Result<(), KeyImportError> {
    if strip_zeros(value).is_empty() {
        return Err(KeyImportError::InvalidValue {
            field,
            problem: ValueProblem::Zero,
        });
    }
    Ok(())
}

fn check_below(
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

fn check_rsa_public(n: &[u8], e: &[u8]) -> Result<(), KeyImportError> {
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

fn check_rsa_private<const N: usize>(
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
fn check_ec_scalar(d: &[u8]) -> Result<Zeroizing<[u8; 32]>, KeyImportError> {
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

fn left_pad_32(bytes: &[u8]) -> Zeroizing<[u8; 32]> {
    let bytes = strip_zeros(bytes);
    let mut out = Zeroizing::new([0u8; 32]);
    if bytes.len() <= 32 {
        out[32 - bytes.len()..].copy_from_slice(bytes);
    }
    out
}

// ---------------------------------------------------------------------------------------------
// PEM

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

fn import_pem(text: &str) -> Result<ImportableKey, KeyImportError> {
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

fn curve_name(oid: Option<ObjectIdentifier>) -> String {
    match oid.map(|oid| oid.to_string()).as_deref() {
        Some("1.3.132.0.34") => "EC P-384".into(),
        Some("1.3.132.0.35") => "EC P-521".into(),
        Some("1.3.132.0.10") => "EC secp256k1".into(),
        Some(other) => format!("EC {other}"),
        // RFC 5915 §3 requires the named curve in a SEC1 file; without it the curve is unknown.
        None => "EC (no named curve)".into(),
    }
}

fn algorithm_name(oid: ObjectIdentifier) -> String {
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

fn pkcs8_to_key(der: &[u8], source: KeySource) -> Result<ImportableKey, KeyImportError> {
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
fn rsa_public_of_pkcs1(der: &[u8]) -> Result<PublicKey, KeyImportError> {
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
fn ec_public_of_sec1(key: &sec1::EcPrivateKey<'_>) -> Result<PublicKey, KeyImportError> {
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

// ---------------------------------------------------------------------------------------------
// Registered-key check

/// One key found in what the user pasted as "registered in the Beheerportaal".
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RegisteredKey {
    /// The registered key's `kid`, if any.
    pub kid: Option<String>,
    /// `None` when the entry is not an RSA or EC P-256 public key.
    pub thumbprint: Option<String>,
    /// A private key was registered: it must be replaced, since it is no longer secret.
    pub contains_private_parts: bool,
}

/// The verdict of comparing the loaded key with the registered one(s).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RegisteredKeyReport {
    /// The keys pasted as registered.
    pub registered: Vec<RegisteredKey>,
    /// Index of the registered key whose thumbprint equals the loaded key's.
    pub matching: Option<usize>,
}

impl RegisteredKeyReport {
    /// Good news: the loaded key is registered, and nothing private was pasted as registered.
    pub fn is_good(&self) -> bool {
        self.matching.is_some() && !self.leaks_private_key()
    }

    /// What was pasted as registered holds a private key: it is no longer secret.
    pub fn leaks_private_key(&self) -> bool {
        self.registered
            .iter()
            .any(|entry| entry.contains_private_parts)
    }

    /// The registered entry that is the loaded key.
    pub(crate) fn matching_entry(&self) -> Option<&RegisteredKey> {
        self.matching.and_then(|i| self.registered.get(i))
    }
}

/// Why the pasted registered key could not be read.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum RegisteredKeyError {
    /// The text is not valid JSON.
    Json(JsonError),
    /// JSON, but neither a JWK nor a JWKS.
    NotAJwk,
    /// A JWKS with no keys.
    JwksEmpty,
    /// A key whose `kid` is not one the page takes (see [`Kid`]): it would be written into the
    /// assertion and into programs.
    UnusableKid {
        /// The key's position in the JWKS (0 for a single JWK).
        index: usize,
    },
}

/// Compares the loaded key with a pasted public JWK or JWKS by RFC 7638 thumbprint.
pub fn compare_registered(
    key: &KeyInfo,
    registered_text: &str,
) -> Result<RegisteredKeyReport, RegisteredKeyError> {
    let object = match json::parse_object(registered_text, MAX_KEY_INPUT_BYTES) {
        Ok(object) => WipeOnDrop(object),
        Err(JsonError::NotAnObject { .. }) => return Err(RegisteredKeyError::NotAJwk),
        Err(err) => return Err(RegisteredKeyError::Json(err)),
    };
    let entries: Vec<&Map<String, Value>> = match object.0.get("keys") {
        Some(Value::Array(keys)) if keys.is_empty() => return Err(RegisteredKeyError::JwksEmpty),
        Some(Value::Array(keys)) => keys.iter().filter_map(Value::as_object).collect(),
        Some(_) => return Err(RegisteredKeyError::NotAJwk),
        None if object.0.contains_key("kty") => vec![&object.0],
        None => return Err(RegisteredKeyError::NotAJwk),
    };
    for (index, entry) in entries.iter().enumerate() {
        let kid = entry.get("kid");
        if kid.is_some_and(|kid| kid.as_str().and_then(Kid::parse).is_none()) {
            return Err(RegisteredKeyError::UnusableKid { index });
        }
    }
    let registered: Vec<RegisteredKey> = entries
        .iter()
        .map(|entry| RegisteredKey {
            kid: entry.get("kid").and_then(Value::as_str).map(str::to_string),
            thumbprint: PublicKey::from_jwk(entry).ok().map(|k| k.thumbprint()),
            contains_private_parts: entry.contains_key("d"),
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

/// The `kid` the client assertion carries.
///
/// When the registered key is known and is this key, the assertion names it the way it was
/// registered: with its registered `kid`, or with none when it was registered without one (a
/// strict verifier such as oidc-provider refuses a `kid` it does not know). Otherwise the
/// assertion carries the `kid` of the public JWK this page hands out.
pub fn assertion_kid<'a>(
    key: &'a KeyInfo,
    registered: Option<&'a RegisteredKeyReport>,
) -> Option<&'a str> {
    match registered.and_then(RegisteredKeyReport::matching_entry) {
        Some(entry) => entry.kid.as_deref(),
        None => Some(key.kid()),
    }
}
