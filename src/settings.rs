//! What survives a reload, and nothing else.
//!
//! This struct is the only thing the page writes to browser storage (`src/ui/storage.rs` takes
//! a `Settings` and nothing else). It has no field that could hold key material, an assertion
//! or a token: keeping secrets out of storage is a property of this type, checked by a test.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

pub use crate::domain::config::EndpointOverrides;

/// The `localStorage` key. Bump the version when the meaning of a field changes.
pub const STORAGE_KEY: &str = "dao-onboard.settings.v1";

/// Non-secret settings. Unknown or broken stored values fall back to the defaults.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Settings {
    /// `nl` or `en`.
    pub lang: String,
    pub org_name: String,
    pub org_code: String,
    /// `beta`, `acc` or `PROD`.
    pub environment: String,
    /// `DAO` or `eLys`.
    pub brand: String,
    pub role: String,
    pub integrator: bool,
    /// Ids of the ticked checklist items.
    pub ticks: Vec<String>,
    /// The organisation's client id: an identifier, not a secret.
    pub client_id: String,
    pub relay_url: String,
    /// Keyed by environment code.
    pub endpoint_overrides: BTreeMap<String, EndpointOverrides>,
    pub api_team_email: String,
    /// `issuer` or `token`.
    pub audience: String,
    pub lifetime: String,
    pub timeout_seconds: String,
}

impl Settings {
    /// Reads stored settings; anything unreadable gives the defaults rather than an error,
    /// because a broken store must not lock the user out of the page.
    pub fn from_json(text: &str) -> Settings {
        serde_json::from_str(text).unwrap_or_default()
    }

    pub fn to_json(&self) -> String {
        serde_json::to_string(self).unwrap_or_default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trip() {
        let mut settings = Settings {
            lang: "en".into(),
            org_name: "Stad Gent".into(),
            ticks: vec!["make-key-pair".into()],
            ..Settings::default()
        };
        settings.endpoint_overrides.insert(
            "beta".into(),
            EndpointOverrides {
                issuer: Some("http://127.0.0.1:9000/op".into()),
                ..EndpointOverrides::default()
            },
        );
        assert_eq!(Settings::from_json(&settings.to_json()), settings);
    }

    #[test]
    fn broken_or_partial_storage_gives_defaults() {
        assert_eq!(Settings::from_json("{"), Settings::default());
        assert_eq!(Settings::from_json("null"), Settings::default());
        let partial = Settings::from_json(r#"{"lang":"en","unknown":1}"#);
        assert_eq!(partial.lang, "en");
        assert_eq!(partial.org_name, "");
    }

    #[test]
    fn no_field_can_hold_secrets() {
        // Every field name of the stored JSON; none is a key, assertion or token field.
        let json: serde_json::Value = serde_json::from_str(&Settings::default().to_json()).unwrap();
        let names: Vec<&str> = json
            .as_object()
            .unwrap()
            .keys()
            .map(String::as_str)
            .collect();
        for forbidden in [
            "key",
            "jwk",
            "pem",
            "private",
            "assertion",
            "token",
            "secret",
            "d",
        ] {
            assert!(
                !names
                    .iter()
                    .any(|name| name.split('_').any(|part| part == forbidden)),
                "{forbidden} in {names:?}"
            );
        }
    }
}
