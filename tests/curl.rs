//! The curl commands of step 5 as a user pastes them: run with bash and curl against the ACM and
//! API stand-ins, in "real values" mode and in placeholder mode (with the variables exported as
//! the page's text says), the printed ping answer fed to the page's own checker.

#![cfg(not(target_arch = "wasm32"))]

mod support;

use std::collections::HashMap;
use std::process::Output;

use dao_onboard::domain::assertion;
use dao_onboard::domain::environment::Brand;
use dao_onboard::domain::ping::{self, Expectations, Verdict};
use dao_onboard::domain::shell;
use dao_onboard::domain::token::{self, TokenAnswer};
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

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn real_values_work_as_pasted() {
    let (stand_ins, signer) = setup().await;
    let no_env = HashMap::new();
    let command = shell::curl_token_request(
        &stand_ins.token_url(),
        CLIENT_ID,
        SCOPE,
        Some(&signer.assertion(&stand_ins)),
    );
    let token = access_token(&stdout(&bash(&command, &no_env).await));
    let ids = [(); 3].map(|()| assertion::new_uuid(&mut OsRng));
    let command = shell::curl_ping_request(&stand_ins.ping_url(), Some(&token), Some(ids));
    let answer = stdout(&bash(&command, &no_env).await);
    let report = ping::check_text(&answer, &expectations(&stand_ins));
    assert_eq!(report.verdict, Verdict::Ok, "{answer}\n{:#?}", report.rows);
    let sent: Vec<String> = ids.iter().map(ToString::to_string).collect();
    assert_eq!(last_ids(&stand_ins), sent, "the literal ids went out");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn placeholders_work_with_the_variables_exported() {
    let (stand_ins, signer) = setup().await;
    let mut env = HashMap::new();
    env.insert(shell::ASSERTION_VAR, signer.assertion(&stand_ins));
    let command = shell::curl_token_request(&stand_ins.token_url(), CLIENT_ID, SCOPE, None);
    let token = access_token(&stdout(&bash(&command, &env).await));
    env.insert(shell::TOKEN_VAR, token);
    let command = shell::curl_ping_request(&stand_ins.ping_url(), None, None);
    let answer = stdout(&bash(&command, &env).await);
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
    stdout(&bash(&command, &env).await);
    let second = last_ids(&stand_ins);
    assert!(
        first.iter().all(|id| !second.contains(id)),
        "fresh ids each run"
    );
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
    let command = shell::curl_ping_request(&stand_ins.ping_url(), None, None);
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
