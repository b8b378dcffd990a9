//! Part of `key`: the check of the registered key (the JWKS in the Beheerportaal) against the loaded one, and the `kid` an assertion carries.

use crate::domain::checked::json::{self, JsonError};
use crate::domain::checked::kid::Kid;
use serde_json::{Map, Value};

use super::jwk::WipeOnDrop;
use super::{KeyInfo, PublicKey, MAX_KEY_INPUT_BYTES};

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
        // Position only: a private key pasted here by mistake must not live on in the error.
        Err(err) => return Err(RegisteredKeyError::Json(err.without_text())),
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
