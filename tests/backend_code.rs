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

use dao_onboard::domain::checked::client_id::ClientId;

use dao_onboard::domain::acm::key::{self, SigningAlg};
use dao_onboard::domain::checked::kid::Kid;
use dao_onboard::domain::checked::lifetime::Lifetime;
use dao_onboard::domain::checked::url::EndpointUrl;
use dao_onboard::domain::facts::config::SiteConfig;
use dao_onboard::domain::facts::environment::{Brand, Environment, Role};
use dao_onboard::domain::onboarding::ping::{self, Expectations, Verdict};
use dao_onboard::domain::onboarding::registration::{Registration, RegistrationForm};
use dao_onboard::domain::runnable::backend_code::{program, BackendParams, Language, KEY_FILE_VAR};
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

fn url(raw: &str) -> EndpointUrl {
    EndpointUrl::parse(raw).unwrap()
}

fn params(stand_ins: &StandIns, alg: SigningAlg, kid: Option<&str>) -> BackendParams {
    BackendParams {
        client_id: ClientId::parse(CLIENT_ID).unwrap(),
        scope: "vo_info elys_lbbs".into(),
        token_url: url(&stand_ins.token_url()),
        audience: url(&stand_ins.issuer()),
        ping_url: url(&stand_ins.ping_url()),
        alg,
        kid: kid.and_then(Kid::parse),
        lifetime: Lifetime::default(),
        api_audience: None,
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
    run_with(language, params, dir, |command| {
        command.env(KEY_FILE_VAR, key);
    })
    .await
}

/// Writes `language`'s program into `dir/<language>` and runs it there, `adjust`ed.
async fn run_with(
    language: Language,
    params: &BackendParams,
    dir: &Path,
    adjust: impl FnOnce(&mut tokio::process::Command),
) -> Output {
    let dir = dir.join(language.id());
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join(language.filename());
    std::fs::write(&file, program(language, params).unwrap()).unwrap();
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
    command.current_dir(&dir);
    adjust(&mut command);
    command
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
        let params = params(&stand_ins, alg, kid.as_deref());
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

/// ACM's optional `audience` parameter: sent by every program when set, by none when not.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_program_sends_the_api_audience_only_when_set() {
    const API: &str = "b3f43c85-53a5-443d-838c-7c2d0359897b";
    let stand_ins = StandIns::start().await;
    let dir = support::temp_dir("backend-audience");
    let (key, jwk) = key_file(SigningAlg::Rs256, &dir);
    register(&stand_ins, jwk);
    for (case, api_audience) in [(0, None), (1, ClientId::parse(API).ok())] {
        let params = BackendParams {
            api_audience: api_audience.clone(),
            ..params(&stand_ins, SigningAlg::Rs256, None)
        };
        for language in Language::ALL {
            let before = stand_ins.received().len();
            let output = run(language, &params, &key, &dir.join(format!("case-{case}"))).await;
            assert!(
                output.status.success(),
                "{}: {}",
                language.id(),
                String::from_utf8_lossy(&output.stderr)
            );
            let received = &stand_ins.received()[before..];
            let sent = received.contains(&format!(r#""audience": "{API}""#));
            assert_eq!(
                sent,
                api_audience.is_some(),
                "{}: {received}",
                language.id()
            );
            assert_eq!(received.contains("audience"), api_audience.is_some());
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
                token_url: url(&endpoints.token_endpoint),
                audience: url(&endpoints.issuer),
                ping_url: url(&endpoints.ping),
                alg: SigningAlg::Rs256,
                kid: None,
                lifetime: Lifetime::default(),
                api_audience: None,
            };
            for language in Language::ALL {
                let text = program(language, &params).unwrap();
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

/// Values an attacker who controls one field, a stored setting, `config.json` or a registered
/// JWK would try: every slot's name, each language's quotes and escapes, command substitution,
/// `${IFS}`, a Unicode escape as text, a newline, a NUL, 10 KB.
fn hostile_values() -> Vec<String> {
    let mut values: Vec<String> = [
        "{{PING_URL}}",
        "{{KID}}",
        "{{CLIENT_ID}}",
        "{{UUID_FUNCTION}}",
        "@PING_URL@",
        "'",
        "\"",
        "\\",
        "\\'",
        "\\\"",
        "'\"`",
        "$(touch pwned)",
        "`touch pwned`",
        "${IFS}touch${IFS}pwned",
        "$((1+1))",
        "a[$(touch pwned)]",
        "\\u0022; touch pwned; //",
        "\\x27",
        "\\n",
        "%s%n",
        "\"+Runtime.getRuntime().exec(\"touch pwned\")+\"",
        "'''",
        "\"\"\"",
        "${process.exit(9)}",
        "*/ touch pwned /*",
        "# ",
        "line\nbreak",
        "nul\0byte",
        "\u{1b}[201~",
        "\u{2028}",
    ]
    .iter()
    .map(|v| (*v).to_string())
    .collect();
    values.push("x".repeat(10 * 1024));
    values
}

/// Every program with a hostile value in every slot that takes one: the value is refused at the
/// door (its checked type), or the program, parsed by its real tool, holds exactly that value
/// (printed by the program itself with `--settings`), and no command in it ran.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn hostile_values_are_refused_at_the_door_or_stay_values() {
    let dir = support::temp_dir("backend-hostile");
    let base = "https://authenticatie-ti.vlaanderen.be/op/v1/token";
    let mut accepted = 0;
    for (case, hostile) in hostile_values().into_iter().enumerate() {
        let id = ClientId::parse(&format!("id{hostile}"));
        let kid = Kid::parse(&format!("kid{hostile}"));
        let token_url = EndpointUrl::parse(&format!("{base}?q={hostile}"));
        let ping_url = EndpointUrl::parse(&format!("https://elys.api.beta-athumi.eu/{hostile}"));
        // What the door takes goes into the program; what it refuses never gets that far.
        let params = BackendParams {
            client_id: id
                .clone()
                .unwrap_or_else(|_| ClientId::parse("id").unwrap()),
            scope: "vo_info elys_lbbs".into(),
            token_url: token_url.clone().unwrap_or_else(|_| url(base)),
            audience: url("https://authenticatie-ti.vlaanderen.be/op"),
            ping_url: ping_url
                .clone()
                .unwrap_or_else(|_| url("https://elys.api.beta-athumi.eu/health/v1/ping")),
            alg: SigningAlg::Rs256,
            kid: kid.clone(),
            lifetime: Lifetime::default(),
            api_audience: id.clone().ok(),
        };
        accepted += usize::from(id.is_ok()) + usize::from(kid.is_some());
        accepted += usize::from(token_url.is_ok()) + usize::from(ping_url.is_ok());
        let expected = [
            ("CLIENT_ID", params.client_id.as_str().to_string()),
            ("TOKEN_URL", params.token_url.as_str().to_string()),
            ("PING_URL", params.ping_url.as_str().to_string()),
            (
                "KID",
                params
                    .kid
                    .as_ref()
                    .map(|k| k.as_str().to_string())
                    .unwrap_or_default(),
            ),
            ("LIFETIME", params.lifetime.seconds().to_string()),
            (
                "API_AUDIENCE",
                params
                    .api_audience
                    .as_ref()
                    .map(|a| a.as_str().to_string())
                    .unwrap_or_default(),
            ),
        ];
        let case_dir = dir.join(format!("case-{case}"));
        for language in Language::ALL {
            parses(language, &params, &case_dir).await;
            let output = run_with(language, &params, &case_dir, |command| {
                command.arg("--settings");
            })
            .await;
            let stdout = String::from_utf8_lossy(&output.stdout);
            assert!(
                output.status.success(),
                "{} with {hostile:?}: {}",
                language.id(),
                String::from_utf8_lossy(&output.stderr)
            );
            for (name, value) in &expected {
                assert!(
                    stdout.lines().any(|line| line == format!("{name}={value}")),
                    "{} with {hostile:?}: {name} should be {value:?}, printed:\n{stdout}",
                    language.id()
                );
            }
            assert!(
                !case_dir.join(language.id()).join("pwned").exists(),
                "{} ran a command from {hostile:?}",
                language.id()
            );
        }
    }
    assert!(
        accepted > 40,
        "most hostile values pass the door as text: {accepted}"
    );
}

/// The program parsed (not run) by its language's own tool.
async fn parses(language: Language, params: &BackendParams, dir: &Path) {
    let dir = dir.join(format!("parse-{}", language.id()));
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join(language.filename());
    std::fs::write(&file, program(language, params).unwrap()).unwrap();
    let mut command = match language {
        Language::Shell => {
            let mut c = tokio::process::Command::new("bash");
            c.arg("-n").arg(&file);
            c
        }
        Language::Python => {
            let mut c = tokio::process::Command::new("python3");
            c.arg("-c")
                .arg("import sys; compile(open(sys.argv[1]).read(), sys.argv[1], 'exec')")
                .arg(&file);
            c
        }
        Language::Node => {
            let mut c = tokio::process::Command::new("node");
            c.arg("--check").arg(&file);
            c
        }
        Language::Java => {
            let mut c = tokio::process::Command::new("javac");
            c.arg("-d").arg(dir.join("classes")).arg(&file);
            c
        }
    };
    let output = command.output().await.unwrap();
    assert!(
        output.status.success(),
        "{} does not parse: {}",
        language.id(),
        String::from_utf8_lossy(&output.stderr)
    );
}

/// A token endpoint under an attacker's control: it answers `token_answer` (and the API answers
/// the ping with `{}`), counting the pings.
async fn hostile_token_endpoint(
    token_answer: serde_json::Value,
) -> (String, std::sync::Arc<std::sync::atomic::AtomicUsize>) {
    use std::sync::atomic::{AtomicUsize, Ordering};
    let pings = std::sync::Arc::new(AtomicUsize::new(0));
    let counted = pings.clone();
    let app = axum::Router::new()
        .route(
            "/op/v1/token",
            axum::routing::post(move || {
                let answer = token_answer.clone();
                async move { axum::Json(answer) }
            }),
        )
        .route(
            "/health/v1/ping",
            axum::routing::get(move || {
                counted.fetch_add(1, Ordering::SeqCst);
                async { axum::Json(serde_json::json!({})) }
            }),
        );
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let base = format!("http://{}", listener.local_addr().unwrap());
    tokio::spawn(async move { axum::serve(listener, app).await });
    (base, pings)
}

fn params_for(base: &str) -> BackendParams {
    BackendParams {
        client_id: ClientId::parse(CLIENT_ID).unwrap(),
        scope: "vo_info elys_lbbs".into(),
        token_url: url(&format!("{base}/op/v1/token")),
        audience: url(&format!("{base}/op")),
        ping_url: url(&format!("{base}/health/v1/ping")),
        alg: SigningAlg::Rs256,
        kid: None,
        lifetime: Lifetime::default(),
        api_audience: None,
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn programs_trust_no_token_answer() {
    use std::sync::atomic::Ordering;
    let dir = support::temp_dir("backend-hostile-answer");
    let (key, _) = key_file(SigningAlg::Rs256, &dir);
    let hostile_tokens = [
        serde_json::json!("$(touch pwned)"),
        serde_json::json!("a b"),
        serde_json::json!("tok\r\nX-Injected: 1"),
        serde_json::json!("`touch pwned`"),
        serde_json::json!(["array"]),
        serde_json::json!(12),
    ];
    let hostile_expiry = [
        serde_json::json!("a[$(touch pwned)]"),
        serde_json::json!("1$(touch pwned)"),
        serde_json::json!("3600 $(touch pwned)"),
        serde_json::json!(-5),
        serde_json::json!(1e300),
        serde_json::json!("099"),
    ];
    for (token, expires) in hostile_tokens.iter().zip(&hostile_expiry) {
        let (base, pings) = hostile_token_endpoint(serde_json::json!({
            "access_token": token, "token_type": "Bearer", "expires_in": expires
        }))
        .await;
        for language in Language::ALL {
            let output = run(language, &params_for(&base), &key, &dir).await;
            let stderr = String::from_utf8_lossy(&output.stderr);
            assert!(!output.status.success(), "{} took {token}", language.id());
            assert!(
                stderr.contains("not an RFC 6750 token"),
                "{} with {token}: {stderr}",
                language.id()
            );
            assert!(
                !dir.join(language.id()).join("pwned").exists(),
                "{} ran it",
                language.id()
            );
        }
        assert_eq!(pings.load(Ordering::SeqCst), 0, "no ping with {token}");
    }
    // A good token with a hostile expires_in: the default lifetime, no command, and the ping.
    for expires in &hostile_expiry {
        let (base, pings) = hostile_token_endpoint(serde_json::json!({
            "access_token": "opaque-Token_1.2~3+4/5==", "token_type": "Bearer",
            "expires_in": expires
        }))
        .await;
        for language in Language::ALL {
            let output = run(language, &params_for(&base), &key, &dir).await;
            assert!(
                output.status.success(),
                "{} with expires_in {expires}: {}",
                language.id(),
                String::from_utf8_lossy(&output.stderr)
            );
            assert!(
                !dir.join(language.id()).join("pwned").exists(),
                "{} ran it",
                language.id()
            );
        }
        assert_eq!(pings.load(Ordering::SeqCst), Language::ALL.len());
    }
}

/// A server's words may hold terminal escape sequences (ESC, BEL, the 8-bit CSI): a refusing
/// token endpoint and a refusing API under an attacker's control, with raw control characters
/// in their bodies. Every program still says why it stopped, and prints none of them (bash
/// drops the 7-bit ones with `tr`; its 8-bit CSI is two bytes in UTF-8, which `tr` cannot
/// take apart, and which terminals in UTF-8 mode do not act on).
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn programs_print_no_control_characters_from_a_server() {
    let dir = support::temp_dir("backend-escapes");
    let (key, _) = key_file(SigningAlg::Rs256, &dir);
    let hostile = "\u{1b}[2J\u{1b}]0;owned\u{7}\u{9b}31mred";
    let token_body = format!(r#"{{"error":"invalid_client","error_description":"{hostile}"}}"#);
    let ping_body = format!("gone {hostile}");
    let app = axum::Router::new()
        .route(
            "/refused/op/v1/token",
            axum::routing::post(move || {
                let body = token_body.clone();
                async move {
                    (
                        axum::http::StatusCode::BAD_REQUEST,
                        [("content-type", "application/json")],
                        body,
                    )
                }
            }),
        )
        .route(
            "/granted/op/v1/token",
            axum::routing::post(|| async {
                axum::Json(serde_json::json!({
                    "access_token": "opaque-Token_1", "token_type": "Bearer", "expires_in": 60
                }))
            }),
        )
        .route(
            "/granted/health/v1/ping",
            axum::routing::get(move || {
                let body = ping_body.clone();
                async move { (axum::http::StatusCode::SERVICE_UNAVAILABLE, body) }
            }),
        );
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let base = format!("http://{}", listener.local_addr().unwrap());
    tokio::spawn(async move { axum::serve(listener, app).await });
    for (case, expected) in [("refused", "token refused"), ("granted", "")] {
        for language in Language::ALL {
            let params = params_for(&format!("{base}/{case}"));
            let output = run(language, &params, &key, &dir.join(case)).await;
            assert!(!output.status.success(), "{} {case}", language.id());
            let printed = format!(
                "{}{}",
                String::from_utf8_lossy(&output.stdout),
                String::from_utf8_lossy(&output.stderr)
            );
            assert!(
                printed.contains(expected),
                "{} {case}: {printed}",
                language.id()
            );
            assert!(
                !printed.contains(['\u{1b}', '\u{7}']),
                "{} {case} printed a control character: {printed:?}",
                language.id()
            );
            if language != Language::Shell {
                assert!(
                    !printed.contains('\u{9b}'),
                    "{} {case}: {printed:?}",
                    language.id()
                );
            }
            if case == "granted" {
                assert!(
                    printed.contains("gone"),
                    "{} {case}: {printed}",
                    language.id()
                );
            }
        }
    }
}

/// The bash program against the stand-ins with a curl that records its arguments: neither the
/// assertion the stand-in saw nor the token it issued was ever on curl's command line.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_bash_program_keeps_secrets_off_the_command_line() {
    let stand_ins = StandIns::start().await;
    let dir = support::temp_dir("backend-argv");
    let (key, jwk) = key_file(SigningAlg::Rs256, &dir);
    let kid = jwk["kid"].as_str().map(str::to_string);
    register(&stand_ins, jwk);
    let (bin, log) = support::recording_curl("backend-curl");
    let path = format!("{}:{}", bin.display(), std::env::var("PATH").unwrap());
    let params = params(&stand_ins, SigningAlg::Rs256, kid.as_deref());
    let output = run_with(Language::Shell, &params, &dir, |command| {
        command.env(KEY_FILE_VAR, &key).env("PATH", &path);
    })
    .await;
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let recorded = std::fs::read(&log).unwrap();
    let recorded = String::from_utf8_lossy(&recorded);
    let arguments: Vec<&str> = recorded.split('\0').collect();
    assert!(arguments.contains(&"client_assertion@-"), "{arguments:?}");
    let assertion = stand_ins
        .seen_assertions()
        .last()
        .cloned()
        .expect("an assertion");
    let token = stand_ins.issued_tokens().last().cloned().expect("a token");
    for (secret, what) in [(assertion, "assertion"), (token, "token")] {
        for form in support::secret_forms(&secret) {
            assert!(
                arguments.iter().all(|a| !a.contains(&form)),
                "the {what} was an argument of curl: {arguments:?}"
            );
        }
    }
}
