//! What survives a reload, and nothing else.
//!
//! This struct and the onboarding workspace's JSON (`domain::onboarding::workspace_file::to_json`, which
//! has no room for secrets either) are the only things the page writes to browser storage
//! (`ui::browser::save_settings` takes a `Settings`, `save_workspace` that JSON). It has no field that could hold key material, an assertion
//! or a token: keeping secrets out of storage is a property of this type, checked by a test.

use std::collections::BTreeMap;

use serde_json::{json, Map, Value};

use crate::domain::checked::client_id::ClientId;
use crate::domain::checked::url::{EndpointUrl, Relay};
pub use crate::domain::facts::config::EndpointOverrides;
use crate::domain::onboarding::collect::{map_by_insertion, object_by_insertion};

/// The `localStorage` key. Bump the version when the meaning of a field changes.
pub const STORAGE_KEY: &str = "dao-onboard.settings.v1";

/// Non-secret settings. Unknown or broken stored values fall back to the defaults.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
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

/// A stored field whose text looked like key material, so it was not saved.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RefusedField {
    OrgName,
    OrgCode,
    ClientId,
    RelayUrl,
    Endpoint,
    ApiTeamEmail,
    Lifetime,
    Timeout,
}

pub use crate::domain::acm::key::looks_like_key_material;

impl Settings {
    /// Empties every field whose text looks like key material (see [`looks_like_key_material`])
    /// and says which, so the page can tell the user it was not saved.
    pub fn refuse_key_material(&mut self) -> Vec<RefusedField> {
        let mut refused = Vec::new();
        for (field, value) in [
            (RefusedField::OrgName, &mut self.org_name),
            (RefusedField::OrgCode, &mut self.org_code),
            (RefusedField::ClientId, &mut self.client_id),
            (RefusedField::RelayUrl, &mut self.relay_url),
            (RefusedField::ApiTeamEmail, &mut self.api_team_email),
            (RefusedField::Lifetime, &mut self.lifetime),
            (RefusedField::Timeout, &mut self.timeout_seconds),
        ] {
            if looks_like_key_material(value) {
                value.clear();
                refused.push(field);
            }
        }
        for overrides in self.endpoint_overrides.values_mut() {
            for value in [
                &mut overrides.issuer,
                &mut overrides.token,
                &mut overrides.ping,
            ] {
                if value.as_deref().is_some_and(looks_like_key_material) {
                    *value = None;
                    if !refused.contains(&RefusedField::Endpoint) {
                        refused.push(RefusedField::Endpoint);
                    }
                }
            }
        }
        refused
    }

    /// Drops every stored value that no longer passes the door it would enter by (the relay
    /// URL, the endpoint overrides, the client id; a rule may have tightened since it was
    /// stored, or the store was written by something else) and says which, so the page can say
    /// it was not used.
    pub fn drop_unusable(&mut self) -> Vec<RefusedField> {
        let mut dropped = Vec::new();
        if Relay::parse(&self.relay_url).is_err() {
            self.relay_url.clear();
            dropped.push(RefusedField::RelayUrl);
        }
        if !self.client_id.trim().is_empty() && ClientId::parse(&self.client_id).is_err() {
            self.client_id.clear();
            dropped.push(RefusedField::ClientId);
        }
        for overrides in self.endpoint_overrides.values_mut() {
            for value in [
                &mut overrides.issuer,
                &mut overrides.token,
                &mut overrides.ping,
            ] {
                if value
                    .as_deref()
                    .is_some_and(|v| EndpointUrl::parse(v).is_err())
                {
                    *value = None;
                    if !dropped.contains(&RefusedField::Endpoint) {
                        dropped.push(RefusedField::Endpoint);
                    }
                }
            }
        }
        dropped
    }

    /// Reads stored settings; anything unreadable gives the defaults rather than an error,
    /// because a broken store must not lock the user out of the page.
    ///
    /// Read through `serde_json::Value` rather than a derived deserializer: the page already
    /// carries `Value`, and derived code for this struct alone was 16 KB of wasm.
    pub fn from_json(text: &str) -> Settings {
        let Ok(Value::Object(map)) = serde_json::from_str::<Value>(text) else {
            return Settings::default();
        };
        let text = |key: &str| {
            map.get(key)
                .and_then(Value::as_str)
                .unwrap_or_default()
                .to_string()
        };
        let optional = |object: &Map<String, Value>, key: &str| {
            object.get(key).and_then(Value::as_str).map(str::to_string)
        };
        let endpoint_overrides = map
            .get("endpoint_overrides")
            .and_then(Value::as_object)
            .map(|all| {
                map_by_insertion(all.iter().filter_map(|(env, value)| {
                    let value = value.as_object()?;
                    let overrides = EndpointOverrides {
                        issuer: optional(value, "issuer"),
                        token: optional(value, "token"),
                        ping: optional(value, "ping"),
                    };
                    Some((env.clone(), overrides))
                }))
            })
            .unwrap_or_default();
        Settings {
            lang: text("lang"),
            org_name: text("org_name"),
            org_code: text("org_code"),
            environment: text("environment"),
            brand: text("brand"),
            role: text("role"),
            integrator: map
                .get("integrator")
                .and_then(Value::as_bool)
                .unwrap_or(false),
            ticks: map
                .get("ticks")
                .and_then(Value::as_array)
                .map(|ticks| {
                    ticks
                        .iter()
                        .filter_map(|t| t.as_str().map(str::to_string))
                        .collect()
                })
                .unwrap_or_default(),
            client_id: text("client_id"),
            relay_url: text("relay_url"),
            endpoint_overrides,
            api_team_email: text("api_team_email"),
            audience: text("audience"),
            lifetime: text("lifetime"),
            timeout_seconds: text("timeout_seconds"),
        }
    }

    pub fn to_json(&self) -> String {
        let overrides = object_by_insertion(self.endpoint_overrides.iter().map(|(env, o)| {
            (
                env.clone(),
                json!({ "issuer": o.issuer, "token": o.token, "ping": o.ping }),
            )
        }));
        json!({
            "lang": self.lang,
            "org_name": self.org_name,
            "org_code": self.org_code,
            "environment": self.environment,
            "brand": self.brand,
            "role": self.role,
            "integrator": self.integrator,
            "ticks": self.ticks,
            "client_id": self.client_id,
            "relay_url": self.relay_url,
            "endpoint_overrides": overrides,
            "api_team_email": self.api_team_email,
            "audience": self.audience,
            "lifetime": self.lifetime,
            "timeout_seconds": self.timeout_seconds,
        })
        .to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_stored_setting_belongs_to_one_step() {
        use crate::steps::Step;
        use std::collections::BTreeSet;
        let written = match serde_json::from_str::<Value>(&Settings::default().to_json()) {
            Ok(Value::Object(map)) => map.keys().cloned().collect::<BTreeSet<String>>(),
            other => panic!("settings are a JSON object: {other:?}"),
        };
        let mut claimed = vec!["lang".to_string()];
        for step in Step::ALL {
            claimed.extend(
                step.stored_settings()
                    .iter()
                    .map(std::string::ToString::to_string),
            );
        }
        let unique: BTreeSet<String> = claimed.iter().cloned().collect();
        assert_eq!(
            unique.len(),
            claimed.len(),
            "a key claimed twice: {claimed:?}"
        );
        assert_eq!(written, unique);
        assert!(Step::Key.stored_settings().is_empty());
    }

    #[test]
    fn a_single_pem_line_or_a_lone_ec_d_is_not_stored() {
        // One 64-character line of a PEM body, and a P-256 `d` (43 base64url characters): both
        // shorter than the long-run rule, both private-key material.
        let pem_line = "MIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSjAgEAAoIBAQC7VJTUt9Us8cKj";
        let ec_d = "870MB6gfuTJ4HtUnUvYMyJpr5eUZNP4Bk43bVdj3eAE";
        for secret in [pem_line, ec_d] {
            let mut settings = Settings {
                org_name: secret.into(),
                relay_url: format!(" {secret}\n"),
                ..Settings::default()
            };
            assert_eq!(
                settings.refuse_key_material(),
                vec![RefusedField::OrgName, RefusedField::RelayUrl]
            );
            assert!(settings.org_name.is_empty() && settings.relay_url.is_empty());
        }
        // What these fields are for is kept.
        let mut fine = Settings {
            org_name: "Stad Gent".into(),
            client_id: "5b8c2a7e-3d1f-4e9a-b6c0-2f7d8e9a1b3c".into(),
            relay_url: "https://relay.example.org/".into(),
            ..Settings::default()
        };
        assert!(fine.refuse_key_material().is_empty());
    }

    #[test]
    fn stored_values_that_no_longer_pass_are_dropped_and_named() {
        let mut settings = Settings {
            relay_url: "https://relay.example/\u{1b}[201~".into(),
            client_id: "cli\u{e9}nt".into(),
            org_name: "Stad Gent".into(),
            ..Settings::default()
        };
        settings.endpoint_overrides.insert(
            "beta".into(),
            EndpointOverrides {
                issuer: Some("http://idp.example/op".into()),
                token: Some("http://127.0.0.1:9000/op/v1/token".into()),
                ping: Some("https://api.example/ping#x".into()),
            },
        );
        assert_eq!(
            settings.drop_unusable(),
            vec![
                RefusedField::RelayUrl,
                RefusedField::ClientId,
                RefusedField::Endpoint
            ]
        );
        assert_eq!(settings.relay_url, "");
        assert_eq!(settings.client_id, "");
        assert_eq!(settings.org_name, "Stad Gent", "what passes stays");
        let beta = &settings.endpoint_overrides["beta"];
        assert_eq!(beta.issuer, None);
        assert_eq!(
            beta.token.as_deref(),
            Some("http://127.0.0.1:9000/op/v1/token")
        );
        assert_eq!(beta.ping, None);
        // Values that pass are left alone, and nothing is said.
        let mut fine = Settings {
            relay_url: "http://127.0.0.1:8010/".into(),
            client_id: "5b8c2a7e-3d1f-4e9a-b6c0-2f7d8e9a1b3c".into(),
            ..Settings::default()
        };
        let before = fine.clone();
        assert!(fine.drop_unusable().is_empty());
        assert_eq!(fine, before);
    }

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
    fn wrongly_typed_values_fall_back_field_by_field() {
        let settings = Settings::from_json(
            r#"{"lang":3,"org_name":"Stad Gent","integrator":"ja","ticks":["a",7],
                "endpoint_overrides":{"beta":{"issuer":"http://x/op","token":5},"acc":"x"}}"#,
        );
        assert_eq!(settings.lang, "");
        assert_eq!(settings.org_name, "Stad Gent");
        assert!(!settings.integrator);
        assert_eq!(settings.ticks, ["a"]);
        assert_eq!(settings.endpoint_overrides.len(), 1);
        assert_eq!(
            settings.endpoint_overrides["beta"].issuer.as_deref(),
            Some("http://x/op")
        );
        assert_eq!(settings.endpoint_overrides["beta"].token, None);
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
    fn key_shaped_text_is_refused_in_every_stored_field() {
        let pem = "-----BEGIN PRIVATE KEY-----\nMIIEvQIBADANBgkqhkiG9w0BAQEFAASC\n-----END PRIVATE KEY-----";
        let jwk = r#"{"kty":"EC","crv":"P-256","x":"a","y":"b","d":"c"}"#;
        // One more than the longest base64 run a stored value may hold.
        let base64 = "A".repeat(101);
        for secret in [pem, jwk, base64.as_str()] {
            let mut settings = Settings {
                org_name: "Stad Gent".into(),
                client_id: secret.into(),
                relay_url: secret.into(),
                ..Settings::default()
            };
            settings.endpoint_overrides.insert(
                "beta".into(),
                EndpointOverrides {
                    ping: Some(secret.into()),
                    ..EndpointOverrides::default()
                },
            );
            let refused = settings.refuse_key_material();
            assert_eq!(
                refused,
                [
                    RefusedField::ClientId,
                    RefusedField::RelayUrl,
                    RefusedField::Endpoint
                ]
            );
            assert_eq!(settings.org_name, "Stad Gent");
            let stored = settings.to_json();
            assert!(!stored.contains(secret), "{secret:.20} reached storage");
            assert!(!stored.contains("BEGIN") && !stored.contains("AAAAAAAAAA"));
        }
    }

    #[test]
    fn ordinary_values_are_kept() {
        for text in [
            "b3f43c85-53a5-443d-838c-7c2d0359897b",
            "https://relay.example.org/",
            "https://elys.api.beta-athumi.eu/health/v1/ping",
            "0207.446.759",
            "Stad Gent",
            "elys@athumi.eu",
        ] {
            assert!(!looks_like_key_material(text), "{text}");
        }
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
