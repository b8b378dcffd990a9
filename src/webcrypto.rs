//! The browser's key store (WebCrypto through web-sys): key-pair generation, import of a checked
//! PKCS#8 key as a non-extractable `CryptoKey`, signing and verifying.
//!
//! The private key the page holds is a [`HeldKey`]: non-extractable `CryptoKey`s, which no
//! script (this page's included) can read, and which sign in the browser's own native code.
//! Key material crosses into JS only as the PKCS#8 DER handed to `importKey`; that buffer is
//! overwritten with zeros as soon as the promise settles. A freshly generated key stays
//! extractable only as a [`PendingSave`], until the user has saved it or declined.

use js_sys::{Array, Object, Reflect, Uint8Array};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use zeroize::Zeroizing;

use crate::domain::acm::assertion::{NotReady, SignedAssertion, UnsignedAssertion};
use crate::domain::acm::key::{
    self, ImportableKey, KeyImportError, KeyInfo, KeyKind, PublicKey, SigningAlg,
};

/// The key pairs the page can make.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum KeySpec {
    Rsa { bits: u32 },
    EcP256,
}

impl KeySpec {
    pub fn id(self) -> &'static str {
        match self {
            KeySpec::Rsa { bits: 2048 } => "rsa-2048",
            KeySpec::Rsa { bits: 3072 } => "rsa-3072",
            KeySpec::Rsa { .. } => "rsa-4096",
            KeySpec::EcP256 => "ec-p256",
        }
    }

    pub fn parse(id: &str) -> Option<KeySpec> {
        match id {
            "rsa-2048" => Some(KeySpec::Rsa { bits: 2048 }),
            "rsa-3072" => Some(KeySpec::Rsa { bits: 3072 }),
            "rsa-4096" => Some(KeySpec::Rsa { bits: 4096 }),
            "ec-p256" => Some(KeySpec::EcP256),
            _ => None,
        }
    }
}

/// Why the key store could not do what was asked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum KeyStoreError {
    /// `crypto.subtle` is missing: the page is not on https or localhost.
    Unavailable,
    /// WebCrypto refused the key on import (its parts do not fit, a point off the curve).
    Refused,
    /// The checked key text was refused before it reached WebCrypto.
    Import(KeyImportError),
    /// Any other failure of a WebCrypto call (generation, signing).
    Failed,
}

fn subtle() -> Result<web_sys::SubtleCrypto, KeyStoreError> {
    let window = web_sys::window().ok_or(KeyStoreError::Unavailable)?;
    // `crypto.subtle` is undefined outside secure contexts; web-sys would hand out `undefined`.
    let crypto = window.crypto().map_err(|_| KeyStoreError::Unavailable)?;
    let subtle = Reflect::get(&crypto, &JsValue::from_str("subtle"))
        .map_err(|_| KeyStoreError::Unavailable)?;
    if subtle.is_undefined() {
        return Err(KeyStoreError::Unavailable);
    }
    subtle.dyn_into().map_err(|_| KeyStoreError::Unavailable)
}

fn object(entries: &[(&str, JsValue)]) -> Object {
    let object = Object::new();
    for (key, value) in entries {
        // Setting a plain property on a fresh object cannot fail.
        let _ = Reflect::set(&object, &JsValue::from_str(key), value);
    }
    object
}

/// The WebCrypto algorithm for generating, importing, signing or verifying under a JWS `alg`.
fn algorithm(alg: SigningAlg) -> Object {
    match alg {
        SigningAlg::Rs256 => object(&[
            ("name", "RSASSA-PKCS1-v1_5".into()),
            ("hash", "SHA-256".into()),
        ]),
        // RFC 7518 §3.5: the salt is as long as the hash.
        SigningAlg::Ps256 => object(&[
            ("name", "RSA-PSS".into()),
            ("hash", "SHA-256".into()),
            ("saltLength", 32.into()),
        ]),
        SigningAlg::Es256 => object(&[
            ("name", "ECDSA".into()),
            ("namedCurve", "P-256".into()),
            ("hash", "SHA-256".into()),
        ]),
    }
}

fn usages(usage: &str) -> Array {
    Array::of1(&usage.into())
}

async fn settle(promise: Result<js_sys::Promise, JsValue>) -> Result<JsValue, JsValue> {
    JsFuture::from(promise?).await
}

/// The private key the page holds: one non-extractable `CryptoKey` per algorithm the key
/// signs with (WebCrypto binds a key to one algorithm), and what is public about it.
#[derive(Clone)]
pub struct HeldKey {
    pub info: KeyInfo,
    keys: Vec<(SigningAlg, web_sys::CryptoKey)>,
}

impl HeldKey {
    /// The `CryptoKey`s held, for tests that prove they cannot be exported.
    pub fn crypto_keys(&self) -> impl Iterator<Item = &web_sys::CryptoKey> {
        self.keys.iter().map(|(_, key)| key)
    }

    /// Signs `data` under `alg` in the browser's key store.
    pub async fn sign(&self, alg: SigningAlg, data: &[u8]) -> Result<Vec<u8>, KeyStoreError> {
        let key = self
            .keys
            .iter()
            .find(|(held, _)| *held == alg)
            .map(|(_, key)| key)
            .ok_or(KeyStoreError::Failed)?;
        let subtle = subtle()?;
        let signature = settle(subtle.sign_with_object_and_u8_array(&algorithm(alg), key, data))
            .await
            .map_err(|_| KeyStoreError::Failed)?;
        Ok(Uint8Array::new(&signature).to_vec())
    }

    /// Signs an assertion prepared by `assertion::prepare` under the algorithm it names and
    /// attaches the signature: the page's signing path, which the tests and benchmarks call too.
    pub async fn sign_assertion(
        &self,
        unsigned: UnsignedAssertion,
    ) -> Result<SignedAssertion, NotReady> {
        let signature = self
            .sign(unsigned.alg(), unsigned.signing_input())
            .await
            .map_err(|_| NotReady::KeyStoreFailed)?;
        unsigned.finish(&signature).map_err(NotReady::Sign)
    }
}

/// Imports a checked key into the key store as non-extractable, for every algorithm it signs
/// with, and wipes the DER (Rust's buffer and the copy in JS) whatever WebCrypto answers.
pub async fn hold(key: ImportableKey) -> Result<HeldKey, KeyStoreError> {
    let (info, der) = key.into_parts();
    let keys = import_pkcs8(info.kind(), &der).await;
    drop(der);
    Ok(HeldKey { info, keys: keys? })
}

async fn import_pkcs8(
    kind: KeyKind,
    der: &[u8],
) -> Result<Vec<(SigningAlg, web_sys::CryptoKey)>, KeyStoreError> {
    let subtle = subtle()?;
    let mut keys = Vec::new();
    for &alg in kind.algorithms() {
        let bytes = Uint8Array::from(der);
        let imported = settle(subtle.import_key_with_object(
            "pkcs8",
            &bytes.buffer(),
            &algorithm(alg),
            false,
            &usages("sign"),
        ))
        .await;
        bytes.fill(0, 0, bytes.length());
        let key = imported.map_err(|_| KeyStoreError::Refused)?;
        keys.push((alg, key.dyn_into().map_err(|_| KeyStoreError::Refused)?));
    }
    Ok(keys)
}

/// A freshly generated key that the user has not saved yet: the only extractable key the page
/// ever holds. Discarded once saved or declined: every handle to it then loses the key, so no
/// copy kept anywhere (a signal, a closure, a test) can export it afterwards.
#[derive(Clone)]
pub struct PendingSave {
    key: std::rc::Rc<std::cell::RefCell<Option<web_sys::CryptoKey>>>,
}

impl PendingSave {
    fn new(key: web_sys::CryptoKey) -> PendingSave {
        PendingSave {
            key: std::rc::Rc::new(std::cell::RefCell::new(Some(key))),
        }
    }

    /// Exports the key, for the user to save it as PKCS#8 PEM or JWK; fails once discarded.
    pub async fn export(&self) -> Result<ImportableKey, KeyStoreError> {
        let key = self.key.borrow().clone().ok_or(KeyStoreError::Failed)?;
        let der = export_pkcs8(&key).await?;
        key::from_pkcs8_der(&der).map_err(KeyStoreError::Import)
    }

    /// Lets go of the extractable key, for every handle at once.
    pub fn discard(&self) {
        self.key.borrow_mut().take();
    }
}

async fn export_pkcs8(key: &web_sys::CryptoKey) -> Result<Zeroizing<Vec<u8>>, KeyStoreError> {
    let subtle = subtle()?;
    let exported = settle(subtle.export_key("pkcs8", key))
        .await
        .map_err(|_| KeyStoreError::Failed)?;
    let view = Uint8Array::new(&exported);
    let der = Zeroizing::new(view.to_vec());
    view.fill(0, 0, view.length());
    Ok(der)
}

/// Makes a key pair: the page holds a non-extractable copy for signing at once, and keeps the
/// generated (extractable) private key only until the user saves it or declines.
pub async fn generate(spec: KeySpec) -> Result<(HeldKey, PendingSave), KeyStoreError> {
    let subtle = subtle()?;
    let params = match spec {
        KeySpec::Rsa { bits } => {
            let params = algorithm(SigningAlg::Rs256);
            let _ = Reflect::set(&params, &"modulusLength".into(), &bits.into());
            let _ = Reflect::set(
                &params,
                &"publicExponent".into(),
                &Uint8Array::from(&[1u8, 0, 1][..]).into(),
            );
            params
        }
        KeySpec::EcP256 => algorithm(SigningAlg::Es256),
    };
    let pair = settle(subtle.generate_key_with_object(
        &params,
        true,
        &Array::of2(&"sign".into(), &"verify".into()),
    ))
    .await
    .map_err(|_| KeyStoreError::Failed)?;
    let private: web_sys::CryptoKey = Reflect::get(&pair, &"privateKey".into())
        .and_then(wasm_bindgen::JsCast::dyn_into)
        .map_err(|_| KeyStoreError::Failed)?;
    let pending = PendingSave::new(private);
    // The non-extractable copy goes through the same checked path as an imported key.
    let importable = pending.export().await?;
    let held = hold(importable).await?;
    Ok((held, pending))
}

/// Verifies a compact JWS's signature with a public key, in WebCrypto. `false` for a signature
/// that does not verify, an algorithm that does not fit the key, or a malformed token.
pub async fn verify(
    public: &PublicKey,
    alg: SigningAlg,
    signing_input: &[u8],
    signature: &[u8],
) -> bool {
    let Ok(subtle) = subtle() else {
        return false;
    };
    if !public.kind().algorithms().contains(&alg) {
        return false;
    }
    let Ok(jwk) = js_sys::JSON::parse(&serde_json::Value::Object(public.jwk_members()).to_string())
    else {
        return false;
    };
    let Ok(key) = settle(subtle.import_key_with_object(
        "jwk",
        jwk.unchecked_ref(),
        &algorithm(alg),
        false,
        &usages("verify"),
    ))
    .await
    else {
        return false;
    };
    let Ok(key) = key.dyn_into::<web_sys::CryptoKey>() else {
        return false;
    };
    settle(subtle.verify_with_object_and_u8_array_and_u8_array(
        &algorithm(alg),
        &key,
        signature,
        signing_input,
    ))
    .await
    .is_ok_and(|verified| verified.as_bool() == Some(true))
}

/// Tries to export a key as PKCS#8: succeeds only for an extractable key. For the tests that
/// prove the held key cannot leave the key store.
pub async fn try_export(key: &web_sys::CryptoKey) -> bool {
    export_pkcs8(key).await.is_ok()
}
