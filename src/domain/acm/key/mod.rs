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

use std::fmt;

use base64ct::{Base64UrlUnpadded, Encoding};
use jwt_compact::jwk::JsonWebKey;
use pkcs8::der::asn1::ObjectIdentifier;
use pkcs8::der::Decode;
use serde_json::{Map, Value};
use sha2::Sha256;
use zeroize::Zeroizing;

use crate::domain::checked::json::{self, JsonError};

mod der;
mod jwk;
mod pem;
mod registered;

use der::{bit_length, check_nonzero, left_pad_32, pkcs8_to_key, strip_zeros};
use jwk::{coordinate, import_json, jwk_bytes, jwk_kty, parse_json_object, JwkType, WipeOnDrop};
use pem::import_pem;
pub use registered::{
    assertion_kid, compare_registered, RegisteredKey, RegisteredKeyError, RegisteredKeyReport,
};

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

    /// The algorithm a key of this kind signs with: the user's choice if it fits the key
    /// (an RSA key can sign RS256 or PS256), else the key's default.
    pub fn effective_alg(self, chosen: Option<SigningAlg>) -> SigningAlg {
        match chosen {
            Some(alg) if self.algorithms().contains(&alg) => alg,
            _ => self.default_alg(),
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

listed_enum! {
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
}

impl SigningAlg {
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

/// Longest run of base64 characters a stored value may hold: a UUID client id has 36, a URL's
/// segments are short; key material and tokens are hundreds long.
const MAX_STORED_BASE64_RUN: usize = 100;

/// True for text that looks like key material: PEM armour, a JSON object with a private member
/// (`d`), or a long run of base64 characters. Such text is never stored or exported, whichever
/// field it is in: not in the settings, not in a workspace row, not in a file the page writes.
pub fn looks_like_key_material(text: &str) -> bool {
    if text.contains("-----BEGIN") || holds_private_key_material(text) {
        return true;
    }
    let trimmed = text.trim_start();
    if trimmed.starts_with('{') && (text.contains("\"d\"") || text.contains("\"k\"")) {
        return true;
    }
    let mut run = 0usize;
    for c in text.chars() {
        if c.is_ascii_alphanumeric() || matches!(c, '+' | '/' | '_' | '-' | '=') {
            run += 1;
            if run > MAX_STORED_BASE64_RUN {
                return true;
            }
        } else {
            run = 0;
        }
    }
    false
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
