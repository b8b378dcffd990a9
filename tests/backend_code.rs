//! The backend programs of the "Naar uw software" step, run with their real runtimes (bash with
//! curl and openssl; python3 with PyJWT, cryptography and requests from `.venv-backend`, which
//! `scripts/setup.sh` makes; node; java) against the ACM and API stand-ins: each must get a
//! token, call the ping endpoint and print an answer the page's own checker finds ok, for RS256,
//! PS256 and ES256; a refused key must end in a non-zero exit with `invalid_client`. The texts
//! hold no key material and carry every environment's and brand's values.

#![cfg(not(target_arch = "wasm32"))]

mod support;

use std::path::{Path, PathBuf};
use std::process::Output;

use dao_onboard::domain::assertion::{ClientId, Lifetime};
use dao_onboard::domain::backend_code::{program, BackendParams, Language, KEY_FILE_VAR};
use dao_onboard::domain::config::SiteConfig;
use dao_onboard::domain::environment::{Brand, Environment, Role};
use dao_onboard::domain::key::{self, SigningAlg};
use dao_onboard::domain::ping::{self, Expectations, Verdict};
use dao_onboard::domain::registration::{Registration, RegistrationForm};
use rand_core::OsRng;
use support::stand_ins::{RegisteredClient, StandIns};
use support::CLIENT_ID;

/// A key pair for `alg`, as a PKCS#8 PEM file the programs read, and its public JWK.
fn key_file(alg: SigningAlg, dir: &Path) -> (PathBuf, serde_json::Value) {
    let pem = match alg {
        SigningAlg::Rs256 | SigningAlg::Ps256 => {
            use rsa::pkcs8::{EncodePrivateKey, LineEnding};
            rsa::RsaPrivateKey::new(&mut OsRng, 2048)
                .unwrap()
                .to_pkcs8_pem(LineEnding::LF)
                .unwrap()
                .to_string()
        }
        SigningAlg::Es256 => {
            use p256::pkcs8::{EncodePrivateKey, LineEnding};
            p256::SecretKey::random(&mut OsRng)
                .to_pkcs8_pem(LineEnding::LF)
                .unwrap()
                .to_string()
        }
    };
    let path = dir.join(format!("key-{}.pem", alg.name()));
    std::fs::write(&path, &pem).unwrap();
    (path, key::import(&pem).unwrap().info().public_jwk())
}

fn register(stand_ins: &StandIns, jwk: serde_json::Value) {
    stand_ins.register(RegisteredClient {
        client_id: CLIENT_ID.into(),
        public_jwks: vec![jwk],
        org_code: "0207451227".into(),
        org_name: "Stad Gent".into(),
        client_name: "eLys beta Stad Gent client".into(),
        scopes: vec!["vo_info".into(), "elys_lbbs".into()],
    });
}

fn params(stand_ins: &StandIns, alg: SigningAlg, kid: Option<String>) -> BackendParams {
    BackendParams {
        client_id: ClientId::parse(CLIENT_ID).unwrap(),
        scope: "vo_info elys_lbbs".into(),
        token_url: stand_ins.token_url(),
        audience: stand_ins.issuer(),
        ping_url: stand_ins.ping_url(),
        alg,
        kid,
        lifetime: Lifetime::default(),
    }
}

fn expectations(stand_ins: &StandIns) -> Expectations {
    support::stad_gent_expectations(stand_ins.issuer(), Brand::Elys)
}

/// The Python with PyJWT, cryptography and requests (made by scripts/setup.sh).
fn python() -> PathBuf {
    let venv = Path::new(env!("CARGO_MANIFEST_DIR")).join(".venv-backend/bin/python");
    assert!(
        venv.exists(),
        "run scripts/setup.sh: {} is missing",
        venv.display()
    );
    venv
}

/// Writes `language`'s program into `dir` and runs it with its runtime and the key file.
async fn run(language: Language, params: &BackendParams, key: &Path, dir: &Path) -> Output {
    let dir = dir.join(language.id());
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join(language.filename());
    std::fs::write(&file, program(language, params)).unwrap();
    let mut command = match language {
        Language::Shell => {
            let mut c = tokio::process::Command::new("bash");
            c.arg(&file);
            c
        }
        Language::Python => {
            let mut c = tokio::process::Command::new(python());
            c.arg(&file);
            c
        }
        Language::Node => {
            let mut c = tokio::process::Command::new("node");
            c.arg(&file);
            c
        }
        Language::Java => {
            let mut c = tokio::process::Command::new("java");
            c.arg(&file);
            c
        }
    };
    command
        .current_dir(&dir)
        .env(KEY_FILE_VAR, key)
        .output()
        .await
        .unwrap_or_else(|e| panic!("{} runs: {e}", language.id()))
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_program_gets_a_token_and_a_good_ping_answer() {
    let stand_ins = StandIns::start().await;
    let dir = support::temp_dir("backend-code");
    for alg in [SigningAlg::Rs256, SigningAlg::Ps256, SigningAlg::Es256] {
        let (key, jwk) = key_file(alg, &dir);
        let kid = jwk["kid"].as_str().map(str::to_string);
        register(&stand_ins, jwk);
        let params = params(&stand_ins, alg, kid);
        for language in Language::ALL {
            let output = run(language, &params, &key, &dir).await;
            let stdout = String::from_utf8_lossy(&output.stdout);
            let stderr = String::from_utf8_lossy(&output.stderr);
            assert!(
                output.status.success(),
                "{} {}: exit {:?}\n{stderr}\n{stdout}",
                language.id(),
                alg.name(),
                output.status
            );
            let report = ping::check_text(&stdout, &expectations(&stand_ins));
            assert_eq!(
                report.verdict,
                Verdict::Ok,
                "{} {}: {stdout}\n{:#?}",
                language.id(),
                alg.name(),
                report.rows
            );
        }
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_refused_key_ends_in_invalid_client() {
    let stand_ins = StandIns::start().await;
    let dir = support::temp_dir("backend-code-refused");
    let (_, registered) = key_file(SigningAlg::Rs256, &dir);
    register(&stand_ins, registered);
    // Another key than the registered one.
    let other_dir = dir.join("other");
    std::fs::create_dir_all(&other_dir).unwrap();
    let (other, _) = key_file(SigningAlg::Rs256, &other_dir);
    let params = params(&stand_ins, SigningAlg::Rs256, None);
    for language in Language::ALL {
        let output = run(language, &params, &other, &dir).await;
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert!(!output.status.success(), "{}: must fail", language.id());
        assert!(
            stderr.contains("invalid_client"),
            "{}: {stderr}",
            language.id()
        );
        assert!(
            output.stdout.is_empty()
                || !String::from_utf8_lossy(&output.stdout).contains("VoOrgcode")
        );
    }
}

#[test]
fn the_texts_hold_no_secrets_and_every_environments_values() {
    let config = SiteConfig::default();
    for env in Environment::ALL {
        for brand in Brand::ALL {
            let registration = Registration::from_form(
                &RegistrationForm {
                    org_name: "Stad Gent".into(),
                    org_code: "0207451227".into(),
                    environment: env,
                    brand,
                    role: Role::Arts,
                    integrator: false,
                },
                &config,
            );
            let endpoints = config.endpoints(env, brand);
            let params = BackendParams {
                client_id: ClientId::parse(CLIENT_ID).unwrap(),
                scope: registration.scope_string.clone(),
                token_url: endpoints.token_endpoint.clone(),
                audience: endpoints.issuer.clone(),
                ping_url: endpoints.ping.clone(),
                alg: SigningAlg::Rs256,
                kid: None,
                lifetime: Lifetime::default(),
            };
            for language in Language::ALL {
                let text = program(language, &params);
                for value in [
                    CLIENT_ID,
                    registration.scope_string.as_str(),
                    endpoints.token_endpoint.as_str(),
                    endpoints.issuer.as_str(),
                    endpoints.ping.as_str(),
                ] {
                    assert!(
                        text.contains(value),
                        "{env:?} {brand:?} {language:?}: {value}"
                    );
                }
                for secret in ["PRIVATE KEY-----\n", "\"d\":", "eyJ", "Bearer ey"] {
                    assert!(!text.contains(secret), "{language:?} holds {secret}");
                }
                assert!(
                    !text
                        .split(|c: char| !c.is_ascii_alphanumeric() && c != '+' && c != '/')
                        .any(|run| run.len() > 80),
                    "{language:?} holds a long base64 run"
                );
            }
        }
    }
}
