//! WebCrypto through web-sys: key-pair generation for step 2, and signing with an imported key
//! for the benchmark that compares the Rust signer with the browser's.
//!
//! Generation runs inside the browser's crypto implementation, off the page's thread, so the
//! page stays responsive. The private key leaves WebCrypto once, as a JWK handed straight to
//! `domain::key::import`, and the JS copy is dropped when this function returns.

use js_sys::{Object, Reflect, Uint8Array};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use zeroize::Zeroizing;

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

fn subtle() -> Result<web_sys::SubtleCrypto, JsValue> {
    let window = web_sys::window().ok_or_else(|| JsValue::from_str("no window"))?;
    // `crypto.subtle` is undefined outside secure contexts; web-sys would hand out `undefined`.
    let crypto = window.crypto()?;
    let subtle = Reflect::get(&crypto, &JsValue::from_str("subtle"))?;
    if subtle.is_undefined() {
        return Err(JsValue::from_str(
            "WebCrypto is only available on https or localhost",
        ));
    }
    subtle.dyn_into()
}

fn set(object: &Object, key: &str, value: &JsValue) -> Result<(), JsValue> {
    Reflect::set(object, &JsValue::from_str(key), value).map(|_| ())
}

fn algorithm(spec: KeySpec) -> Result<Object, JsValue> {
    let algorithm = Object::new();
    match spec {
        KeySpec::Rsa { bits } => {
            set(&algorithm, "name", &"RSASSA-PKCS1-v1_5".into())?;
            set(&algorithm, "modulusLength", &bits.into())?;
            set(
                &algorithm,
                "publicExponent",
                &Uint8Array::from(&[1u8, 0, 1][..]).into(),
            )?;
            set(&algorithm, "hash", &"SHA-256".into())?;
        }
        KeySpec::EcP256 => {
            set(&algorithm, "name", &"ECDSA".into())?;
            set(&algorithm, "namedCurve", &"P-256".into())?;
        }
    }
    Ok(algorithm)
}

/// Makes a key pair and returns the private key as JWK text.
pub async fn generate(spec: KeySpec) -> Result<Zeroizing<String>, JsValue> {
    let subtle = subtle()?;
    let usages = js_sys::Array::of2(&"sign".into(), &"verify".into());
    let pair =
        JsFuture::from(subtle.generate_key_with_object(&algorithm(spec)?, true, &usages)?).await?;
    let private: web_sys::CryptoKey = Reflect::get(&pair, &"privateKey".into())?.dyn_into()?;
    let jwk = JsFuture::from(subtle.export_key("jwk", &private)?).await?;
    let text = js_sys::JSON::stringify(&jwk)?;
    Ok(Zeroizing::new(String::from(text)))
}

/// The WebCrypto algorithm of a JWS name, for signing.
fn sign_algorithm(jws_alg: &str) -> Result<Object, JsValue> {
    let algorithm = Object::new();
    match jws_alg {
        "RS256" => {
            set(&algorithm, "name", &"RSASSA-PKCS1-v1_5".into())?;
            set(&algorithm, "hash", &"SHA-256".into())?;
        }
        "PS256" => {
            set(&algorithm, "name", &"RSA-PSS".into())?;
            set(&algorithm, "hash", &"SHA-256".into())?;
            set(&algorithm, "saltLength", &32.into())?;
        }
        "ES256" => {
            set(&algorithm, "name", &"ECDSA".into())?;
            set(&algorithm, "namedCurve", &"P-256".into())?;
            set(&algorithm, "hash", &"SHA-256".into())?;
        }
        other => return Err(JsValue::from_str(&format!("unsupported algorithm {other}"))),
    }
    Ok(algorithm)
}

/// Imports a private JWK (with all RFC 7518 members) for signing.
pub async fn import_for_signing(
    private_jwk: &str,
    jws_alg: &str,
) -> Result<web_sys::CryptoKey, JsValue> {
    let subtle = subtle()?;
    let jwk: Object = js_sys::JSON::parse(private_jwk)?.dyn_into()?;
    // WebCrypto refuses a JWK whose alg contradicts the import algorithm; ours carries none.
    let _ = Reflect::delete_property(&jwk, &"alg".into());
    let usages = js_sys::Array::of1(&"sign".into());
    let promise =
        subtle.import_key_with_object("jwk", &jwk, &sign_algorithm(jws_alg)?, false, &usages)?;
    JsFuture::from(promise).await?.dyn_into()
}

/// Signs `data` with an imported key.
pub async fn sign(
    key: &web_sys::CryptoKey,
    jws_alg: &str,
    data: &[u8],
) -> Result<Vec<u8>, JsValue> {
    let subtle = subtle()?;
    let promise = subtle.sign_with_object_and_u8_array(&sign_algorithm(jws_alg)?, key, data)?;
    let signature = JsFuture::from(promise).await?;
    Ok(Uint8Array::new(&signature).to_vec())
}
