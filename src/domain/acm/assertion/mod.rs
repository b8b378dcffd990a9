//! The OAuth2 client assertion (RFC 7523, `private_key_jwt`): checked inputs, signing, and a
//! linter that applies the rules a strict verifier such as ACM applies.
//!
//! The clock and the `jti` are passed in, so signing and linting are deterministic in tests.

use std::borrow::Cow;

use base64ct::{Base64UrlUnpadded, Encoding};
use chrono::{DateTime, Utc};
use jwt_compact::{Algorithm, AlgorithmExt, AlgorithmSignature, Claims, Header};
use rand_core::RngCore;
use serde::Serialize;
use serde_json::{Map, Value};
use uuid::Uuid;

use crate::domain::acm::key::{KeyInfo, KeyKind, SigningAlg};
use crate::domain::checked::client_id::ClientId;
use crate::domain::checked::client_id::ClientIdError;
use crate::domain::checked::lifetime::Lifetime;
use crate::domain::checked::lifetime::LifetimeError;

mod lint;

use lint::decode_part;
pub use lint::{
    compact_jws, lint, JtiLedger, LintCheck, LintContext, LintFinding, LintProblem, LintReport,
    LintStatus, SignatureCheck,
};

/// How far in the future `iat` may lie: `facts::Assumption::ClockTolerance`.
pub(crate) const IAT_LEEWAY_SECONDS: i64 = 15;

listed_enum! {
    /// Which URL goes into `aud`. The token endpoint is the default: the API team's own demo
    /// client sends it (Spring Security's converter puts the token-uri in `aud`,
    /// `facts::Fact::AssertionAudience`); the issuer is the other choice, which only a secondary
    /// source uses (`facts::Assumption::AudienceIssuer`).
    #[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
    pub enum AudienceChoice {
        /// The token endpoint of the environment's ACM (the default, as the API team's demo).
        #[default]
        TokenEndpoint,
        /// The issuer of the environment's ACM.
        Issuer,
    }
}

impl AudienceChoice {
    /// The choice's name where it is stored or selected (`token`, `issuer`).
    pub fn code(self) -> &'static str {
        match self {
            AudienceChoice::Issuer => "issuer",
            AudienceChoice::TokenEndpoint => "token",
        }
    }

    /// A stored or selected name back: `issuer` keeps a user's earlier choice of the issuer;
    /// anything else (nothing stored, an older or unknown value) is the default.
    pub fn from_code(code: &str) -> AudienceChoice {
        if code == AudienceChoice::Issuer.code() {
            AudienceChoice::Issuer
        } else {
            AudienceChoice::default()
        }
    }

    /// What goes into `aud`: the issuer or the token endpoint, whichever this choice names.
    pub fn pick<T>(self, issuer: T, token_endpoint: T) -> T {
        match self {
            AudienceChoice::Issuer => issuer,
            AudienceChoice::TokenEndpoint => token_endpoint,
        }
    }
}

/// Everything needed to sign one assertion.
#[derive(Debug, Clone)]
pub struct AssertionSpec {
    /// Both `iss` and `sub`.
    pub client_id: ClientId,
    /// The `aud` claim: the issuer or the token endpoint.
    pub audience: String,
    /// Seconds between `iat` and `exp`.
    pub lifetime: Lifetime,
    /// The JWS algorithm (`alg` header).
    pub alg: SigningAlg,
}

/// The claims of a client assertion besides the times.
#[derive(Debug, Clone, Serialize)]
struct AssertionClaims<'a> {
    iss: &'a str,
    sub: &'a str,
    aud: &'a str,
    jti: &'a str,
}

/// A signed assertion with its decoded parts, for display.
#[derive(Debug, Clone, PartialEq)]
pub struct SignedAssertion {
    /// The compact JWS, `header.payload.signature`.
    pub compact: String,
    /// The decoded header.
    pub header: Value,
    /// The decoded claims.
    pub claims: Value,
    /// The assertion's unique id (`jti`), a fresh UUID v4.
    pub jti: String,
    /// `iat`, in seconds since the Unix epoch.
    pub issued_at: i64,
    /// `exp`, in seconds since the Unix epoch.
    pub expires_at: i64,
}

/// Why the page cannot sign or send yet: something left to do on the page. Kept as data, so it
/// is worded in the language shown at the moment (`i18n::messages::not_ready`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum NotReady {
    /// No key loaded (step 2).
    NoKey,
    /// The client id field.
    ClientId(ClientIdError),
    /// The lifetime field.
    Lifetime(LifetimeError),
    /// Building or finishing the signature.
    Sign(SignError),
    /// The browser's key store would not sign.
    KeyStoreFailed,
    /// "Own assertion" chosen, but nothing pasted in step 4's check.
    NoPastedAssertion,
    /// What was pasted as own assertion is not a compact JWS: it is not sent.
    NotCompactJws,
    /// No token yet (request one first).
    NoToken,
}

/// A fresh random (version 4) UUID.
pub fn new_uuid(rng: &mut impl RngCore) -> Uuid {
    let mut bytes = [0u8; 16];
    rng.fill_bytes(&mut bytes);
    uuid::Builder::from_random_bytes(bytes).into_uuid()
}

/// Why an assertion could not be built or finished.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum SignError {
    /// The chosen algorithm does not fit the key (PS256 with an EC key, …).
    AlgorithmDoesNotFitKey {
        /// The algorithm asked for.
        alg: SigningAlg,
        /// The loaded key's type.
        key: KeyKind,
    },
    /// jwt-compact could not serialise the header or claims.
    Encoding {
        /// What jwt-compact said.
        detail: String,
    },
    /// The signature WebCrypto returned has the wrong length for the key.
    SignatureLength {
        /// The signature length this key and algorithm give, in bytes.
        expected: usize,
        /// The length returned, in bytes.
        found: usize,
    },
}

/// jwt-compact's stand-in for a signer that lives elsewhere (WebCrypto): its signature is empty,
/// so `AlgorithmExt::token` yields `header.claims.` in jwt-compact's own encoding, and the
/// signature is appended once the browser has made it.
struct ExternallySigned(SigningAlg);

/// The empty signature of [`ExternallySigned`].
struct NoSignature;

impl AlgorithmSignature for NoSignature {
    fn try_from_slice(_: &[u8]) -> anyhow::Result<Self> {
        Ok(NoSignature)
    }

    fn as_bytes(&self) -> Cow<'_, [u8]> {
        Cow::Borrowed(&[])
    }
}

impl Algorithm for ExternallySigned {
    type SigningKey = ();
    type VerifyingKey = ();
    type Signature = NoSignature;

    fn name(&self) -> Cow<'static, str> {
        Cow::Borrowed(self.0.name())
    }

    fn sign(&self, (): &(), _: &[u8]) -> NoSignature {
        NoSignature
    }

    /// Never used: signatures are verified by WebCrypto (and by independent libraries in tests).
    fn verify_signature(&self, _: &NoSignature, (): &(), _: &[u8]) -> bool {
        false
    }
}

/// A client assertion whose header and claims are encoded and that awaits its signature.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnsignedAssertion {
    signing_input: String,
    alg: SigningAlg,
    signature_len: usize,
    jti: String,
    issued_at: i64,
    expires_at: i64,
}

/// Builds a client assertion at time `now` (Unix seconds) with the given `jti`, for the key
/// described by `key`; `kid` is the header's `kid` (see `key::assertion_kid`), left out if `None`.
pub fn prepare(
    spec: &AssertionSpec,
    key: &KeyInfo,
    kid: Option<&str>,
    now: i64,
    jti: Uuid,
) -> Result<UnsignedAssertion, SignError> {
    if !key.kind().algorithms().contains(&spec.alg) {
        return Err(SignError::AlgorithmDoesNotFitKey {
            alg: spec.alg,
            key: key.kind(),
        });
    }
    let jti = jti.to_string();
    let issued_at = DateTime::<Utc>::from_timestamp(now, 0).unwrap_or_default();
    let expires_at = issued_at + chrono::Duration::seconds(i64::from(spec.lifetime.seconds()));
    let mut claims = Claims::new(AssertionClaims {
        iss: spec.client_id.as_str(),
        sub: spec.client_id.as_str(),
        aud: &spec.audience,
        jti: &jti,
    });
    claims.issued_at = Some(issued_at);
    claims.expiration = Some(expires_at);
    let mut header = Header::empty().with_token_type("JWT");
    if let Some(kid) = kid {
        header = header.with_key_id(kid);
    }
    let unsigned = ExternallySigned(spec.alg)
        .token(&header, &claims, &())
        .map_err(|err| SignError::Encoding {
            detail: err.to_string(),
        })?;
    let signing_input = unsigned.trim_end_matches('.').to_string();
    Ok(UnsignedAssertion {
        signing_input,
        alg: spec.alg,
        signature_len: key.kind().signature_len(),
        jti,
        issued_at: issued_at.timestamp(),
        expires_at: expires_at.timestamp(),
    })
}

impl UnsignedAssertion {
    /// The JWS signing input (`base64url(header) "." base64url(claims)`, RFC 7515 §5.1).
    pub fn signing_input(&self) -> &[u8] {
        self.signing_input.as_bytes()
    }

    /// The algorithm the assertion is signed with.
    pub fn alg(&self) -> SigningAlg {
        self.alg
    }

    /// Attaches the signature over [`Self::signing_input`]: PKCS#1 v1.5 or PSS bytes for RSA,
    /// the IEEE P1363 `r || s` that WebCrypto's ECDSA returns (already the JWS form) for ES256.
    pub fn finish(self, signature: &[u8]) -> Result<SignedAssertion, SignError> {
        if signature.len() != self.signature_len {
            return Err(SignError::SignatureLength {
                expected: self.signature_len,
                found: signature.len(),
            });
        }
        let compact = format!(
            "{}.{}",
            self.signing_input,
            Base64UrlUnpadded::encode_string(signature)
        );
        let (header, claims) = decode_parts(&compact).map_err(|problem| SignError::Encoding {
            detail: format!("{problem:?}"),
        })?;
        Ok(SignedAssertion {
            compact,
            header: Value::Object(header),
            claims: Value::Object(claims),
            jti: self.jti,
            issued_at: self.issued_at,
            expires_at: self.expires_at,
        })
    }
}

/// A compact JWS split for verification: its algorithm, signing input and signature bytes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SignedParts {
    /// The algorithm named in the header.
    pub alg: SigningAlg,
    /// `header.payload`, the bytes signed.
    pub signing_input: String,
    /// The signature, decoded from base64url.
    pub signature: Vec<u8>,
}

/// Splits a compact JWS whose `alg` is one the page verifies; `None` for anything else.
pub fn signed_parts(compact: &str) -> Option<SignedParts> {
    let compact = compact.trim();
    let (header, _) = decode_parts(compact).ok()?;
    let alg = SigningAlg::parse(header.get("alg")?.as_str()?)?;
    let (signing_input, signature) = compact.rsplit_once('.')?;
    Some(SignedParts {
        alg,
        signing_input: signing_input.to_string(),
        signature: Base64UrlUnpadded::decode_vec(signature).ok()?,
    })
}

/// A decoded JSON object (a JWS header or claims set).
pub(crate) type JsonObject = Map<String, Value>;

/// Splits a compact JWS into its decoded header and claims.
pub(crate) fn decode_parts(compact: &str) -> Result<(JsonObject, JsonObject), LintProblem> {
    let parts: Vec<&str> = compact.trim().split('.').collect();
    if parts.len() != 3 {
        return Err(LintProblem::NotThreeParts { parts: parts.len() });
    }
    let header = decode_part(parts[0], "header")?;
    let claims = decode_part(parts[1], "payload")?;
    if Base64UrlUnpadded::decode_vec(parts[2]).is_err() || parts[2].is_empty() {
        return Err(LintProblem::PartNotBase64 { part: "signature" });
    }
    Ok((header, claims))
}
