//! What survives a reload, and nothing else.
//!
//! This struct and the onboarding workspace's JSON (`domain::onboarding::workspace_file::to_json`, which
//! has no room for secrets either) are the only things the page writes to browser storage
//! (`ui::browser::save_settings` takes a `Settings`, `save_workspace` that JSON). It has no field that could hold key material, an assertion
//! or a token: keeping secrets out of storage is a property of this type, checked by a test.
//!
//! Every stored setting is one row of the [`stored_settings!`] table below: its key, its type,
//! the step that owns it and, for free text, the name under which it is refused when it looks
//! like key material. The struct, its JSON, the keys each step stores and the guard follow from
//! that row; the type says how the value reads and writes ([`StoredValue`]), so a setting is
//! typed (an `Environment`, a `Role`, …) from the moment it is loaded.

use std::collections::{BTreeMap, BTreeSet};

use serde_json::{json, Map, Value};

use crate::domain::acm::assertion::AudienceChoice;
use crate::domain::checked::client_id::ClientId;
use crate::domain::checked::url::{EndpointUrl, Relay};
pub use crate::domain::facts::config::EndpointOverrides;
use crate::domain::facts::environment::{Brand, Environment, Role};
use crate::domain::onboarding::checklist::ChecklistItem;
use crate::domain::onboarding::collect::{map_by_insertion, object_by_insertion, set_by_insertion};
use crate::i18n::Lang;
use crate::steps::Step;

/// The `localStorage` key. Bump the version when the meaning of a field changes.
pub const STORAGE_KEY: &str = "dao-onboard.settings.v1";

/// Declares the stored settings, one row each: `key: Type, owner` and, for text that could
/// hold pasted key material, `refused: Variant` (the [`RefusedField`] that names it; the type
/// is then [`FreeText`]).
macro_rules! stored_settings {
    ($( $(#[doc = $doc:literal])* $key:ident: $ty:ty, $owner:expr $(, refused: $refused:ident)?; )*) => {
        /// Non-secret settings, typed. Unknown or broken stored values fall back to the
        /// defaults, field by field.
        #[derive(Debug, Clone, Default, PartialEq, Eq)]
        pub struct Settings {
            $( $(#[doc = $doc])* pub $key: $ty, )*
        }

        /// A stored field whose text looked like key material (so it was not saved), or that no
        /// longer passed its check (so it was not used).
        #[derive(Debug, Clone, Copy, PartialEq, Eq)]
        pub enum RefusedField {
            $( $( $refused, )? )*
        }

        impl Settings {
            /// Every stored key with the step that owns it (`None`: the page, for its language).
            pub const KEYS: &'static [(&'static str, Option<Step>)] = &[$( (stringify!($key), $owner), )*];

            /// Reads stored settings; anything unreadable gives the defaults rather than an
            /// error, because a broken store must not lock the user out of the page.
            ///
            /// Read through `serde_json::Value` rather than a derived deserializer: the page
            /// already carries `Value`, and derived code for this struct alone was 16 KB of wasm.
            pub fn from_json(text: &str) -> Settings {
                let Ok(Value::Object(map)) = serde_json::from_str::<Value>(text) else {
                    return Settings::default();
                };
                Settings { $( $key: StoredValue::read(map.get(stringify!($key))), )* }
            }

            pub fn to_json(&self) -> String {
                let mut map = Map::new();
                $( map.insert(stringify!($key).to_string(), self.$key.write()); )*
                Value::Object(map).to_string()
            }

            /// Empties every free-text field whose text looks like key material (see
            /// [`looks_like_key_material`]) and says which, so the page can tell the user it was
            /// not saved.
            pub fn refuse_key_material(&mut self) -> Vec<RefusedField> {
                let mut refused = Vec::new();
                $( $(
                    if FreeText::clear_key_material(&mut self.$key) {
                        refused.push(RefusedField::$refused);
                    }
                )? )*
                refused
            }
        }
    };
}

stored_settings! {
    /// The page's language.
    lang: Lang, None;
    org_name: String, Some(Step::Organisation), refused: OrgName;
    org_code: String, Some(Step::Organisation), refused: OrgCode;
    environment: Environment, Some(Step::Organisation);
    /// `None`: not chosen, the site's default applies (only a choice that differs from it is
    /// stored).
    brand: Option<Brand>, Some(Step::Organisation);
    role: Role, Some(Step::Organisation);
    integrator: bool, Some(Step::Organisation);
    /// The ticked checklist items.
    ticks: BTreeSet<ChecklistItem>, Some(Step::Registration);
    api_team_email: String, Some(Step::Registration), refused: ApiTeamEmail;
    /// The organisation's client id: an identifier, not a secret.
    client_id: String, Some(Step::Assertion), refused: ClientId;
    audience: AudienceChoice, Some(Step::Assertion);
    lifetime: String, Some(Step::Assertion), refused: Lifetime;
    relay_url: String, Some(Step::Connection), refused: RelayUrl;
    /// The endpoint fields the user changed, per environment.
    endpoint_overrides: BTreeMap<Environment, EndpointOverrides>, Some(Step::Connection), refused: Endpoint;
    timeout_seconds: String, Some(Step::Connection), refused: Timeout;
}

pub use crate::domain::acm::key::looks_like_key_material;

impl Step {
    /// The keys of the stored settings that keep this step's fields across a reload, as
    /// [`Settings::KEYS`] assigns them (a setting names its step there). Step 2 stores
    /// nothing: the key never leaves the key store.
    pub fn stored_settings(self) -> impl Iterator<Item = &'static str> {
        Settings::KEYS
            .iter()
            .filter(move |(_, owner)| *owner == Some(self))
            .map(|(key, _)| *key)
    }
}

/// How a stored value's type is read from its JSON member and written back.
pub trait StoredValue: Sized {
    /// The value of a member, or the type's default when it is missing or unreadable.
    fn read(member: Option<&Value>) -> Self;
    fn write(&self) -> Value;
}

/// A stored value of free text, which could hold pasted key material: the rows of the table
/// with a `refused:` name.
pub trait FreeText {
    /// Empties text that looks like key material; true when something was emptied.
    fn clear_key_material(&mut self) -> bool;
}

fn member_text(member: Option<&Value>) -> &str {
    member.and_then(Value::as_str).unwrap_or_default()
}

impl StoredValue for String {
    fn read(member: Option<&Value>) -> Self {
        member_text(member).to_string()
    }
    fn write(&self) -> Value {
        Value::String(self.clone())
    }
}

impl FreeText for String {
    fn clear_key_material(&mut self) -> bool {
        let found = looks_like_key_material(self);
        if found {
            self.clear();
        }
        found
    }
}

impl StoredValue for bool {
    fn read(member: Option<&Value>) -> Self {
        member.and_then(Value::as_bool).unwrap_or(false)
    }
    fn write(&self) -> Value {
        Value::Bool(*self)
    }
}

impl StoredValue for Lang {
    fn read(member: Option<&Value>) -> Self {
        Lang::parse(member_text(member))
    }
    fn write(&self) -> Value {
        self.code().into()
    }
}

impl StoredValue for Environment {
    fn read(member: Option<&Value>) -> Self {
        Environment::parse(member_text(member)).unwrap_or_default()
    }
    fn write(&self) -> Value {
        self.code().into()
    }
}

impl StoredValue for Option<Brand> {
    fn read(member: Option<&Value>) -> Self {
        Brand::parse(member_text(member))
    }
    fn write(&self) -> Value {
        self.map_or("", Brand::name).into()
    }
}

impl StoredValue for Role {
    fn read(member: Option<&Value>) -> Self {
        Role::parse(member_text(member)).unwrap_or_default()
    }
    fn write(&self) -> Value {
        self.code().into()
    }
}

impl StoredValue for AudienceChoice {
    fn read(member: Option<&Value>) -> Self {
        AudienceChoice::from_code(member_text(member))
    }
    fn write(&self) -> Value {
        self.code().into()
    }
}

impl StoredValue for BTreeSet<ChecklistItem> {
    fn read(member: Option<&Value>) -> Self {
        let ids = member.and_then(Value::as_array).map(Vec::as_slice);
        set_by_insertion(
            ids.unwrap_or_default()
                .iter()
                .filter_map(|id| ChecklistItem::from_id(id.as_str()?)),
        )
    }
    fn write(&self) -> Value {
        Value::Array(self.iter().map(|item| item.id().into()).collect())
    }
}

/// Each environment's three fields; an environment that overrides nothing is not written.
impl StoredValue for BTreeMap<Environment, EndpointOverrides> {
    fn read(member: Option<&Value>) -> Self {
        let Some(all) = member.and_then(Value::as_object) else {
            return BTreeMap::new();
        };
        let field = |object: &Map<String, Value>, name: &str| {
            object.get(name).and_then(Value::as_str).map(str::to_string)
        };
        map_by_insertion(all.iter().filter_map(|(env, value)| {
            let value = value.as_object()?;
            let overrides = EndpointOverrides {
                issuer: field(value, "issuer"),
                token: field(value, "token"),
                ping: field(value, "ping"),
            };
            Some((Environment::parse(env)?, overrides))
        }))
    }
    fn write(&self) -> Value {
        Value::Object(object_by_insertion(
            self.iter().filter(|(_, o)| !o.is_empty()).map(|(env, o)| {
                (
                    env.code().to_string(),
                    json!({ "issuer": o.issuer, "token": o.token, "ping": o.ping }),
                )
            }),
        ))
    }
}

impl FreeText for BTreeMap<Environment, EndpointOverrides> {
    fn clear_key_material(&mut self) -> bool {
        let mut found = false;
        for value in self.values_mut().flat_map(EndpointOverrides::fields_mut) {
            if value.as_deref().is_some_and(looks_like_key_material) {
                *value = None;
                found = true;
            }
        }
        found
    }
}

impl Settings {
    /// The settings as the page starts from them: what no longer passes its door is dropped
    /// (and named, so the page can say it was not used), and the fields whose stored text
    /// means "the default" get it. Pure, so a reload's outcome is tested natively.
    pub fn restore(&self) -> (Settings, Vec<RefusedField>) {
        let mut settings = self.clone();
        let dropped = settings.drop_unusable();
        settings.lifetime = crate::domain::checked::lifetime::restored_field(&settings.lifetime);
        if settings.timeout_seconds.is_empty() {
            settings.timeout_seconds =
                crate::domain::acm::exchange::DEFAULT_TIMEOUT_SECONDS.to_string();
        }
        (settings, dropped)
    }

    /// Drops every stored value that no longer passes the door it would enter by (the relay
    /// URL, the endpoint overrides, the client id; a rule may have tightened since it was
    /// stored, or the store was written by something else) and says which.
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
        let mut endpoint_dropped = false;
        for value in self
            .endpoint_overrides
            .values_mut()
            .flat_map(EndpointOverrides::fields_mut)
        {
            if value
                .as_deref()
                .is_some_and(|v| EndpointUrl::parse(v).is_err())
            {
                *value = None;
                endpoint_dropped = true;
            }
        }
        if endpoint_dropped {
            dropped.push(RefusedField::Endpoint);
        }
        dropped
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
            claimed.extend(step.stored_settings().map(str::to_string));
        }
        let unique: BTreeSet<String> = claimed.iter().cloned().collect();
        assert_eq!(
            unique.len(),
            claimed.len(),
            "a key claimed twice: {claimed:?}"
        );
        assert_eq!(written, unique);
        assert_eq!(Step::Key.stored_settings().count(), 0);
        assert_eq!(
            Step::Assertion.stored_settings().collect::<Vec<_>>(),
            ["client_id", "audience", "lifetime"]
        );
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
            Environment::Beta,
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
        let beta = &settings.endpoint_overrides[&Environment::Beta];
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
            lang: Lang::En,
            org_name: "Stad Gent".into(),
            environment: Environment::Prod,
            brand: Some(Brand::Dao),
            role: Role::Arts,
            integrator: true,
            ticks: [ChecklistItem::ALL[0], ChecklistItem::ALL[3]].into(),
            audience: AudienceChoice::Issuer,
            ..Settings::default()
        };
        settings.endpoint_overrides.insert(
            Environment::Beta,
            EndpointOverrides {
                issuer: Some("http://127.0.0.1:9000/op".into()),
                ..EndpointOverrides::default()
            },
        );
        assert_eq!(Settings::from_json(&settings.to_json()), settings);
    }

    #[test]
    fn settings_are_typed_at_load_and_unknown_codes_give_the_defaults() {
        let item = ChecklistItem::ALL[2];
        let stored = format!(
            r#"{{"lang":"EN","environment":"prod","brand":"dao","role":"lbbs","audience":"issuer",
                "ticks":["{}","no-such-item"],
                "endpoint_overrides":{{"acc":{{"ping":"https://api.example/ping"}},"test":{{"ping":"https://x/"}}}}}}"#,
            item.id()
        );
        let settings = Settings::from_json(&stored);
        assert_eq!(settings.lang, Lang::En);
        assert_eq!(settings.environment, Environment::Prod);
        assert_eq!(settings.brand, Some(Brand::Dao));
        assert_eq!(settings.role, Role::Lbbs);
        assert_eq!(settings.audience, AudienceChoice::Issuer);
        assert_eq!(settings.ticks, [item].into());
        assert_eq!(
            settings.endpoint_overrides.keys().collect::<Vec<_>>(),
            [&Environment::Acc],
            "an unknown environment's overrides are not kept"
        );
        let unknown = Settings::from_json(
            r#"{"lang":"fr","environment":"staging","brand":"x","role":"bakker","audience":"aud"}"#,
        );
        assert_eq!(unknown.lang, Lang::Nl);
        assert_eq!(unknown.environment, Environment::Beta);
        assert_eq!(
            unknown.brand, None,
            "not chosen: the site's default applies"
        );
        assert_eq!(unknown.role, Role::Uitvaartondernemer);
        assert_eq!(unknown.audience, AudienceChoice::TokenEndpoint);
        // An unchosen brand and an environment without overrides are written as nothing.
        let written: Value = serde_json::from_str(&Settings::default().to_json()).unwrap();
        assert_eq!(written["brand"], "");
        assert_eq!(written["endpoint_overrides"], json!({}));
        assert_eq!(written["environment"], "beta");
    }

    #[test]
    fn a_reload_restores_the_defaults_the_stored_text_stands_for() {
        let stored = Settings {
            lifetime: "300".into(),
            relay_url: "ftp://relay.example/".into(),
            org_name: "Stad Gent".into(),
            ..Settings::default()
        };
        let (restored, dropped) = stored.restore();
        assert_eq!(dropped, [RefusedField::RelayUrl]);
        assert_eq!(restored.relay_url, "");
        assert_eq!(restored.org_name, "Stad Gent");
        // The former default, stored unasked by earlier versions, is today's default; an
        // empty timeout is the exchange's default.
        assert_eq!(restored.lifetime, "60");
        assert_eq!(
            restored.timeout_seconds,
            crate::domain::acm::exchange::DEFAULT_TIMEOUT_SECONDS.to_string()
        );
        // A user's own values are theirs.
        let own = Settings {
            lifetime: "120".into(),
            timeout_seconds: "7".into(),
            ..Settings::default()
        };
        let (restored, dropped) = own.restore();
        assert!(dropped.is_empty());
        assert_eq!(
            (
                restored.lifetime.as_str(),
                restored.timeout_seconds.as_str()
            ),
            ("120", "7")
        );
    }

    #[test]
    fn wrongly_typed_values_fall_back_field_by_field() {
        let settings = Settings::from_json(
            r#"{"lang":3,"org_name":"Stad Gent","integrator":"ja","ticks":["a",7],
                "endpoint_overrides":{"beta":{"issuer":"http://x/op","token":5},"acc":"x"}}"#,
        );
        assert_eq!(settings.lang, Lang::Nl);
        assert_eq!(settings.org_name, "Stad Gent");
        assert!(!settings.integrator);
        assert!(
            settings.ticks.is_empty(),
            "neither is a checklist item's id"
        );
        assert_eq!(settings.endpoint_overrides.len(), 1);
        assert_eq!(
            settings.endpoint_overrides[&Environment::Beta]
                .issuer
                .as_deref(),
            Some("http://x/op")
        );
        assert_eq!(settings.endpoint_overrides[&Environment::Beta].token, None);
    }

    #[test]
    fn broken_or_partial_storage_gives_defaults() {
        assert_eq!(Settings::from_json("{"), Settings::default());
        assert_eq!(Settings::from_json("null"), Settings::default());
        let partial = Settings::from_json(r#"{"lang":"en","unknown":1}"#);
        assert_eq!(partial.lang, Lang::En);
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
                Environment::Beta,
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
