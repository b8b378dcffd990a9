//! A key as the page would hold it (the PKCS#8 the page hands WebCrypto), signing client
//! assertions with ring in WebCrypto's place, for tests that need real tokens from the stand-ins.

use dao_onboard::domain::acm::assertion::{self, AssertionSpec};

use dao_onboard::domain::checked::client_id::ClientId;

use dao_onboard::domain::acm::key::{self, KeyInfo, SigningAlg};
use dao_onboard::domain::checked::lifetime::Lifetime;
use rand_core::OsRng;
use rsa::pkcs8::{EncodePrivateKey, LineEnding};

use super::stand_ins::{RegisteredClient, StandIns};
use super::CLIENT_ID;

pub struct Signer {
    pub info: KeyInfo,
    der: Vec<u8>,
}

impl Signer {
    #[allow(clippy::new_without_default)]
    pub fn new() -> Signer {
        let pem = rsa::RsaPrivateKey::new(&mut OsRng, 2048)
            .unwrap()
            .to_pkcs8_pem(LineEnding::LF)
            .unwrap();
        let importable = key::import(&pem).unwrap();
        Signer {
            info: importable.info().clone(),
            der: importable.pkcs8_der().to_vec(),
        }
    }

    /// A fresh client assertion for the stand-in's token endpoint (a `jti` is single-use).
    pub fn assertion(&self, stand_ins: &StandIns) -> String {
        let spec = AssertionSpec {
            client_id: ClientId::parse(CLIENT_ID).unwrap(),
            audience: stand_ins.issuer(),
            lifetime: Lifetime::default(),
            alg: SigningAlg::Rs256,
        };
        let now = chrono::Utc::now().timestamp();
        let unsigned = assertion::prepare(
            &spec,
            &self.info,
            Some(self.info.kid()),
            now,
            assertion::new_uuid(&mut OsRng),
        )
        .unwrap();
        let pair = ring::signature::RsaKeyPair::from_pkcs8(&self.der).unwrap();
        let mut signature = vec![0; pair.public().modulus_len()];
        pair.sign(
            &ring::signature::RSA_PKCS1_SHA256,
            &ring::rand::SystemRandom::new(),
            unsigned.signing_input(),
            &mut signature,
        )
        .unwrap();
        unsigned.finish(&signature).unwrap().compact
    }

    /// Registers [`CLIENT_ID`] for Stad Gent (DAO beta, role lbbs) with this key.
    pub fn register_stad_gent(&self, stand_ins: &StandIns) {
        stand_ins.register(RegisteredClient {
            client_id: CLIENT_ID.into(),
            public_jwks: vec![self.info.public_jwk()],
            org_code: "0207451227".into(),
            org_name: "Stad Gent".into(),
            client_name: "DAO beta Stad Gent client".into(),
            scopes: vec!["vo_info".into(), "dao_lbbs".into()],
        });
    }
}
