//! The curl commands of step 5 as a user pastes them: run with bash and curl against the ACM and
//! API stand-ins, in "real values" mode and in placeholder mode (with the variables exported as
//! the page's hint says, with `read -rs`), the printed ping answer fed to the page's own
//! checker; a recording curl shows that neither the assertion nor the token is ever one of
//! curl's arguments.

#![cfg(not(target_arch = "wasm32"))]

mod support;

use std::collections::HashMap;
use std::process::Output;

use dao_onboard::domain::acm::assertion;

use dao_onboard::domain::acm::token::{self, TokenAnswer};
use dao_onboard::domain::checked::client_id::ClientId;
use dao_onboard::domain::checked::url::EndpointUrl;
use dao_onboard::domain::facts::environment::Brand;
use dao_onboard::domain::onboarding::ping::{self, Expectations, Verdict};
use dao_onboard::domain::runnable::shell;
use rand_core::OsRng;
use support::signer::Signer;
use support::stand_ins::StandIns;
use support::CLIENT_ID;

const SCOPE: &str = "vo_info dao_lbbs";

async fn setup() -> (StandIns, Signer) {
    let stand_ins = StandIns::start().await;
    let signer = Signer::new();
    signer.register_stad_gent(&stand_ins);
    (stand_ins, signer)
}

/// Runs `command` as pasted into bash, with `env` exported.
async fn bash(command: &str, env: &HashMap<&str, String>) -> Output {
    // Absolute: a test below runs with a PATH that lacks most tools.
    tokio::process::Command::new("/bin/bash")
        .arg("-c")
        .arg(command)
        .envs(env)
        .output()
        .await
        .expect("bash runs")
}

fn stdout(output: &Output) -> String {
    assert!(
        output.status.success(),
        "exit {:?}: {}",
        output.status,
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8(output.stdout.clone()).unwrap()
}

fn access_token(body: &str) -> String {
    match token::parse_token_answer(200, body) {
        Ok(TokenAnswer::Granted(grant)) => grant.access_token,
        other => panic!("no token: {other:?} from {body}"),
    }
}

fn expectations(stand_ins: &StandIns) -> Expectations {
    support::stad_gent_expectations(stand_ins.issuer(), Brand::Dao)
}

/// The `x-*` ids the stand-in received on its last ping.
fn last_ids(stand_ins: &StandIns) -> Vec<String> {
    let received = stand_ins.received();
    let last = received.lines().last().unwrap_or_default().to_string();
    ["x-correlation-id", "x-tracing-id", "x-request-id"]
        .iter()
        .map(|name| {
            let start = last
                .find(&format!("\"{name}\": \""))
                .unwrap_or_else(|| panic!("{name} in {last}"))
                + name.len()
                + 5;
            last[start..start + 36].to_string()
        })
        .collect()
}

fn token_url(stand_ins: &StandIns) -> EndpointUrl {
    EndpointUrl::parse(&stand_ins.token_url()).unwrap()
}

fn ping_url(stand_ins: &StandIns) -> EndpointUrl {
    EndpointUrl::parse(&stand_ins.ping_url()).unwrap()
}

fn client_id() -> ClientId {
    ClientId::parse(CLIENT_ID).unwrap()
}

/// What the recording curl was given, one argument per entry.
fn recorded_arguments(log: &std::path::Path) -> Vec<String> {
    let bytes = std::fs::read(log).unwrap_or_default();
    String::from_utf8_lossy(&bytes)
        .split('\0')
        .map(str::to_string)
        .collect()
}

fn assert_not_on_a_command_line(arguments: &[String], secret: &str, what: &str) {
    assert!(!arguments.is_empty(), "curl ran");
    for form in support::secret_forms(secret) {
        assert!(
            arguments.iter().all(|argument| !argument.contains(&form)),
            "the {what} reached curl's command line: {arguments:?}"
        );
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn real_values_work_as_pasted_and_keep_secrets_off_the_command_line() {
    let (stand_ins, signer) = setup().await;
    let (bin, log) = support::recording_curl("curl-real");
    let mut env = HashMap::new();
    env.insert(
        "PATH",
        format!("{}:{}", bin.display(), std::env::var("PATH").unwrap()),
    );
    let assertion = signer.assertion(&stand_ins);
    let command = shell::curl_token_request(
        &token_url(&stand_ins),
        &client_id(),
        SCOPE,
        None,
        Some(&assertion),
    )
    .unwrap();
    let token = access_token(&stdout(&bash(&command, &env).await));
    let ids = [(); 3].map(|()| assertion::new_uuid(&mut OsRng));
    let command = shell::curl_ping_request(&ping_url(&stand_ins), Some((&token, ids))).unwrap();
    let answer = stdout(&bash(&command, &env).await);
    let report = ping::check_text(&answer, &expectations(&stand_ins));
    assert_eq!(report.verdict, Verdict::Ok, "{answer}\n{:#?}", report.rows);
    let sent: Vec<String> = ids.iter().map(ToString::to_string).collect();
    assert_eq!(last_ids(&stand_ins), sent, "the literal ids went out");
    // The stand-in saw exactly this assertion and issued exactly this token ...
    assert_eq!(stand_ins.seen_assertions().last(), Some(&assertion));
    assert_eq!(stand_ins.issued_tokens().last(), Some(&token));
    // ... and neither was ever an argument of curl.
    let arguments = recorded_arguments(&log);
    assert!(
        arguments.iter().any(|a| a == "client_assertion@-"),
        "{arguments:?}"
    );
    // Both commands take their URLs literally: no range of [ ] is globbed.
    assert_eq!(
        arguments.iter().filter(|a| *a == "--globoff").count(),
        2,
        "{arguments:?}"
    );
    assert_not_on_a_command_line(&arguments, &assertion, "assertion");
    assert_not_on_a_command_line(&arguments, &token, "access token");
}

/// ACM's optional `audience` parameter, when chosen, reaches the token endpoint as written.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_api_audience_reaches_the_token_endpoint_when_chosen() {
    let (stand_ins, signer) = setup().await;
    let api = ClientId::parse("b3f43c85-53a5-443d-838c-7c2d0359897b").unwrap();
    let assertion = signer.assertion(&stand_ins);
    let command = shell::curl_token_request(
        &token_url(&stand_ins),
        &client_id(),
        SCOPE,
        Some(&api),
        Some(&assertion),
    )
    .unwrap();
    let token = access_token(&stdout(&bash(&command, &HashMap::new()).await));
    assert!(!token.is_empty());
    let received = stand_ins.received();
    assert!(
        received.contains(r#""audience": "b3f43c85-53a5-443d-838c-7c2d0359897b""#),
        "{received}"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn placeholders_work_with_the_variables_read_as_the_hint_says() {
    let (stand_ins, signer) = setup().await;
    let (bin, log) = support::recording_curl("curl-placeholders");
    let path = format!("{}:{}", bin.display(), std::env::var("PATH").unwrap());
    // The hint: `read -rs CLIENT_ASSERTION`, the value pasted on the terminal (here: stdin).
    let run_after_read = |var: &'static str, secret: String, command: String| {
        let path = path.clone();
        async move {
            let mut child = tokio::process::Command::new("/bin/bash")
                .arg("-c")
                .arg(format!("read -rs {var}\n{command}"))
                .env("PATH", path)
                .stdin(std::process::Stdio::piped())
                .stdout(std::process::Stdio::piped())
                .stderr(std::process::Stdio::piped())
                .spawn()
                .unwrap();
            let mut stdin = child.stdin.take().unwrap();
            tokio::io::AsyncWriteExt::write_all(&mut stdin, format!("{secret}\n").as_bytes())
                .await
                .unwrap();
            drop(stdin);
            child.wait_with_output().await.unwrap()
        }
    };
    let assertion = signer.assertion(&stand_ins);
    let command =
        shell::curl_token_request(&token_url(&stand_ins), &client_id(), SCOPE, None, None).unwrap();
    let token = access_token(&stdout(
        &run_after_read(shell::ASSERTION_VAR, assertion.clone(), command).await,
    ));
    let command = shell::curl_ping_request(&ping_url(&stand_ins), None).unwrap();
    let answer = stdout(&run_after_read(shell::TOKEN_VAR, token.clone(), command.clone()).await);
    let report = ping::check_text(&answer, &expectations(&stand_ins));
    assert_eq!(report.verdict, Verdict::Ok, "{answer}\n{:#?}", report.rows);
    // Three distinct version-4 UUIDs, and new ones on the next run.
    let first = last_ids(&stand_ins);
    for id in &first {
        let uuid = uuid::Uuid::parse_str(id).unwrap();
        assert_eq!(uuid.get_version_num(), 4, "{id}");
    }
    assert_eq!(
        first.iter().collect::<std::collections::HashSet<_>>().len(),
        3
    );
    stdout(&run_after_read(shell::TOKEN_VAR, token.clone(), command).await);
    let second = last_ids(&stand_ins);
    assert!(
        first.iter().all(|id| !second.contains(id)),
        "fresh ids each run"
    );
    let arguments = recorded_arguments(&log);
    assert_not_on_a_command_line(&arguments, &assertion, "assertion");
    assert_not_on_a_command_line(&arguments, &token, "access token");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn without_a_uuid_generator_nothing_is_sent() {
    let (stand_ins, _) = setup().await;
    // A PATH with curl and tr but no od: the generator fails, and the chain stops before curl.
    let bin = support::temp_dir("no-od");
    for tool in ["curl", "tr"] {
        std::os::unix::fs::symlink(format!("/usr/bin/{tool}"), bin.join(tool)).unwrap();
    }
    let mut env = HashMap::new();
    env.insert("PATH", bin.display().to_string());
    env.insert(shell::TOKEN_VAR, "irrelevant".to_string());
    let before = stand_ins.request_counts().1;
    let command = shell::curl_ping_request(&ping_url(&stand_ins), None).unwrap();
    let output = bash(&command, &env).await;
    assert!(!output.status.success(), "the command must fail");
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains("od: command not found"),
        "failed for another reason: {stderr}"
    );
    assert_eq!(
        stand_ins.request_counts().1,
        before,
        "no ping with empty ids"
    );
}
