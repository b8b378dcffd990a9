//! The reference relay under abuse and faults, run as the real nginx in front of the stand-ins:
//! every target that is not exactly allowlisted, foreign and missing origins, redirects, rate
//! and connection limits, slow clients, the headers that reach the upstream, and an upstream
//! that is down, slow or breaks off. Requests are written byte for byte, so no client library
//! normalises the targets under test.

#![cfg(not(target_arch = "wasm32"))]

mod support;

use std::time::{Duration, Instant};

use dao_onboard::domain::acm::exchange::{relay_refusal, RelayError};
use support::stand_ins::{ApiMode, StandIns};
use support::{raw_http, RawReply, Relay};

/// The page origin the test relays allow (no page is needed to call them).
const ORIGIN: &str = "http://127.0.0.1:8080";

fn request(method: &str, path: &str, headers: &[(&str, &str)]) -> String {
    let mut text = format!("{method} {path} HTTP/1.1\r\nHost: relay\r\nConnection: close\r\n");
    for (name, value) in headers {
        text.push_str(&format!("{name}: {value}\r\n"));
    }
    text.push_str("\r\n");
    text
}

async fn get(relay: &Relay, path: &str, origin: Option<&str>) -> RawReply {
    let headers: Vec<(&str, &str)> = origin.map(|o| ("Origin", o)).into_iter().collect();
    raw_http(relay.port, &request("GET", path, &headers)).await
}

fn relay_error(reply: &RawReply) -> Option<RelayError> {
    relay_refusal(reply.status, reply.body.trim())
}

async fn setup() -> (StandIns, Relay) {
    let stand_ins = StandIns::start().await;
    let relay = Relay::start(ORIGIN, stand_ins.relay_targets());
    (stand_ins, relay)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn only_exact_targets_from_the_page_origin_pass() {
    let (stand_ins, relay) = setup().await;
    let discovery = stand_ins.discovery_url();
    // The allowed target, from the page's origin: forwarded, with CORS for that origin.
    let ok = get(&relay, &format!("/{discovery}"), Some(ORIGIN)).await;
    assert_eq!(ok.status, 200, "{ok:?}");
    assert!(ok.body.contains("token_endpoint"), "{ok:?}");
    assert_eq!(ok.header("access-control-allow-origin"), Some(ORIGIN));

    let (scheme_host, path) = discovery.split_at(discovery.find("/op").unwrap());
    let port = scheme_host.rsplit(':').next().unwrap();
    let variants = [
        (
            "upper-case path",
            format!("/{scheme_host}{}", path.to_uppercase()),
        ),
        ("upper-case scheme", format!("/HTTP{}", &discovery[4..])),
        ("query string", format!("/{discovery}?x=1")),
        ("empty query", format!("/{discovery}?")),
        (
            "encoded slash",
            format!("/{}", discovery.replace("/op/", "/op%2F")),
        ),
        (
            "encoded scheme slashes",
            format!("/http:%2F%2F{}", &discovery[7..]),
        ),
        (
            "encoded letter",
            format!("/{}", discovery.replace("/op/", "/%6Fp/")),
        ),
        (
            "dot segment",
            format!("/{scheme_host}/op/x/..{}", &path[3..]),
        ),
        (
            "single dot segment",
            format!("/{scheme_host}/op/.{}", &path[3..]),
        ),
        ("user-info", format!("/http://user@127.0.0.1:{port}{path}")),
        ("another port", format!("/http://127.0.0.1:1{path}")),
        ("trailing dot", format!("/http://127.0.0.1.:{port}{path}")),
        ("trailing slash", format!("/{discovery}/")),
        (
            "prefix of a target",
            format!("/{scheme_host}/op/.well-known/"),
        ),
        (
            "another host",
            "/https://example.org/op/v1/token".to_string(),
        ),
    ];
    for (name, path) in &variants {
        let reply = get(&relay, path, Some(ORIGIN)).await;
        assert_eq!(
            relay_error(&reply),
            Some(RelayError::TargetNotAllowed),
            "{name}: {path} gave {reply:?}"
        );
        assert_eq!(reply.status, 403, "{name}");
    }

    // A foreign origin, and none at all (also for the preflight).
    for origin in [
        Some("https://evil.example"),
        Some("http://127.0.0.1:8081"),
        None,
    ] {
        let reply = get(&relay, &format!("/{discovery}"), origin).await;
        assert_eq!(
            relay_error(&reply),
            Some(RelayError::OriginNotAllowed),
            "{origin:?}"
        );
        assert_eq!(
            reply.header("access-control-allow-origin"),
            None,
            "{origin:?}"
        );
    }
    let preflight = raw_http(
        relay.port,
        &request("OPTIONS", &format!("/{discovery}"), &[]),
    )
    .await;
    assert_eq!(relay_error(&preflight), Some(RelayError::OriginNotAllowed));
    let preflight = raw_http(
        relay.port,
        &request(
            "OPTIONS",
            &format!("/{}", stand_ins.ping_url()),
            &[
                ("Origin", ORIGIN),
                ("Access-Control-Request-Method", "GET"),
                (
                    "Access-Control-Request-Headers",
                    "authorization,x-correlation-id",
                ),
            ],
        ),
    )
    .await;
    assert_eq!(preflight.status, 204);
    assert!(preflight
        .header("access-control-allow-headers")
        .is_some_and(|h| h.contains("x-correlation-id")));
    let put = raw_http(
        relay.port,
        &request("PUT", &format!("/{discovery}"), &[("Origin", ORIGIN)]),
    )
    .await;
    assert_eq!(relay_error(&put), Some(RelayError::MethodNotAllowed));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn only_the_exchange_headers_reach_the_upstream() {
    let (stand_ins, relay) = setup().await;
    let before = stand_ins.received().lines().count();
    let reply = raw_http(
        relay.port,
        &request(
            "GET",
            &format!("/{}", stand_ins.ping_url()),
            &[
                ("Origin", ORIGIN),
                ("Authorization", "Bearer abc"),
                ("Accept", "application/json"),
                ("x-correlation-id", "0b6f1a52-8f0e-4b8e-9a63-3c1d2e4f5a6b"),
                ("x-tracing-id", "1b6f1a52-8f0e-4b8e-9a63-3c1d2e4f5a6b"),
                ("x-request-id", "2b6f1a52-8f0e-4b8e-9a63-3c1d2e4f5a6b"),
                ("Cookie", "session=secret"),
                ("X-Real-IP", "10.0.0.1"),
                ("Forwarded", "for=10.0.0.1"),
                ("X-Forwarded-For", "10.0.0.1"),
                ("X-Forwarded-Host", "evil.example"),
                ("Referer", "https://page.example/"),
                ("User-Agent", "Mozilla/5.0 test"),
                ("Accept-Language", "nl-BE"),
                ("Sec-Fetch-Mode", "cors"),
            ],
        ),
    )
    .await;
    assert_eq!(reply.status, 401, "the stand-in got the request: {reply:?}");
    let received = stand_ins.received();
    let last = received.lines().nth(before).expect("the ping was received");
    let allowed = [
        "host",
        "connection",
        "content-length",
        "authorization",
        "accept",
        "x-correlation-id",
        "x-tracing-id",
        "x-request-id",
    ];
    // The Debug form of axum's HeaderMap: {"name": "value", ...}.
    let names: Vec<&str> = last
        .split("\", \"")
        .filter_map(|pair| pair.split("\": \"").next())
        .map(|name| name.trim_start_matches("{\""))
        .collect();
    assert!(names.contains(&"authorization"), "{last}");
    for name in &names {
        assert!(
            allowed.contains(name),
            "{name} reached the upstream: {last}"
        );
    }
    for forbidden in [
        "secret",
        "10.0.0.1",
        "evil.example",
        "Mozilla",
        "nl-BE",
        "page.example",
    ] {
        assert!(
            !last.contains(forbidden),
            "{forbidden} reached the upstream: {last}"
        );
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_redirect_is_neither_followed_nor_passed_on() {
    let (stand_ins, relay) = setup().await;
    stand_ins.set_api_mode(ApiMode::Redirect);
    let reply = get(&relay, &format!("/{}", stand_ins.ping_url()), Some(ORIGIN)).await;
    assert_eq!(reply.status, 502, "{reply:?}");
    assert_eq!(relay_error(&reply), Some(RelayError::UpstreamRedirect));
    assert_eq!(
        reply.header("location"),
        None,
        "no Location leaves the relay"
    );
    assert!(!reply.body.contains("elsewhere.example"));
    assert_eq!(reply.header("access-control-allow-origin"), Some(ORIGIN));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn one_client_is_rate_limited() {
    let (stand_ins, relay) = setup().await;
    let path = format!("/{}", stand_ins.discovery_url());
    let mut limited = 0;
    for _ in 0..40 {
        let reply = get(&relay, &path, Some(ORIGIN)).await;
        match reply.status {
            200 => {}
            429 => {
                assert_eq!(relay_error(&reply), Some(RelayError::RateLimited));
                assert_eq!(reply.header("access-control-allow-origin"), Some(ORIGIN));
                limited += 1;
            }
            other => panic!("unexpected {other}: {reply:?}"),
        }
    }
    // 5 requests a second with a burst of 20: about 20 of 40 quick requests pass.
    assert!((10..=25).contains(&limited), "{limited} of 40 limited");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_client_sending_half_a_request_is_dropped_within_10_s() {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    let (_stand_ins, relay) = setup().await;
    let mut stream = tokio::net::TcpStream::connect(("127.0.0.1", relay.port))
        .await
        .unwrap();
    stream
        .write_all(b"GET /http://x/ HTTP/1.1\r\nHost: relay\r\n")
        .await
        .unwrap();
    let started = Instant::now();
    let mut buffer = Vec::new();
    let read = tokio::time::timeout(Duration::from_secs(20), stream.read_to_end(&mut buffer)).await;
    assert!(read.is_ok(), "still open after 20 s");
    let waited = started.elapsed();
    assert!(waited < Duration::from_secs(12), "closed after {waited:?}");
    assert!(
        waited >= Duration::from_secs(9),
        "closed too early: {waited:?}"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn upstream_faults_get_their_own_relay_error_in_time() {
    let stand_ins = StandIns::start().await;
    // Down (nothing listens) and breaking off (1000 bytes promised, 11 sent).
    let (down, breaking, targets) = support::fault_targets(&stand_ins).await;
    let relay = Relay::start_with(ORIGIN, targets, |params| params.timeout_seconds = 2);

    let started = Instant::now();
    let reply = get(&relay, &format!("/{down}"), Some(ORIGIN)).await;
    assert_eq!(reply.status, 502, "{reply:?}");
    assert_eq!(relay_error(&reply), Some(RelayError::UpstreamFailed));
    assert!(started.elapsed() < Duration::from_secs(6));

    stand_ins.set_api_mode(ApiMode::Hang);
    let started = Instant::now();
    let reply = get(&relay, &format!("/{}", stand_ins.ping_url()), Some(ORIGIN)).await;
    assert_eq!(reply.status, 504, "{reply:?}");
    assert_eq!(relay_error(&reply), Some(RelayError::UpstreamTimeout));
    let waited = started.elapsed();
    assert!(
        waited >= Duration::from_secs(2) && waited < Duration::from_secs(5),
        "{waited:?}"
    );

    // Broken off mid-answer: the headers went out, so the client sees a short body and a close.
    let reply = get(&relay, &format!("/{breaking}"), Some(ORIGIN)).await;
    assert_eq!(reply.status, 200);
    assert!(reply.body.len() < 1000, "a short body: {reply:?}");
}

/// Behind a TLS terminator (`--real-ip-from`), every connection comes from the terminator: the
/// limits must count the client it names in `X-Forwarded-For`. One forwarded client that
/// exhausts its burst is limited while another, through the same terminator, still passes; and
/// a client that is not the terminator cannot choose its address by sending the header.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn behind_a_tls_terminator_the_limits_count_clients() {
    let stand_ins = StandIns::start().await;
    let relay = Relay::start_with(ORIGIN, stand_ins.relay_targets(), |params| {
        params.real_ip_from = Some("127.0.0.1".into());
    });
    let path = format!("/{}", stand_ins.discovery_url());
    let from = |client: &'static str| {
        request(
            "GET",
            &path,
            &[("Origin", ORIGIN), ("X-Forwarded-For", client)],
        )
    };
    let mut limited = 0;
    for _ in 0..40 {
        let reply = raw_http(relay.port, &from("203.0.113.7")).await;
        match reply.status {
            200 => {}
            429 => limited += 1,
            other => panic!("unexpected {other}: {reply:?}"),
        }
    }
    assert!((10..=25).contains(&limited), "{limited} of 40 limited");
    // Another client behind the same terminator has its own budget.
    let other = raw_http(relay.port, &from("198.51.100.9")).await;
    assert_eq!(other.status, 200, "{other:?}");
    let access_log = std::fs::read_to_string(relay.dir.join("logs/access.log")).unwrap();
    assert!(
        !access_log.contains("198.51.100.9"),
        "the log format names no address"
    );

    // Without --real-ip-from, X-Forwarded-For is ignored: one client, one budget.
    let direct = Relay::start(ORIGIN, stand_ins.relay_targets());
    let mut limited = 0;
    for client in (0..40).map(|i| format!("192.0.2.{i}")) {
        let request = request(
            "GET",
            &path,
            &[("Origin", ORIGIN), ("X-Forwarded-For", &client)],
        );
        if raw_http(direct.port, &request).await.status == 429 {
            limited += 1;
        }
    }
    assert!(
        limited >= 10,
        "a forged X-Forwarded-For escaped the limit: {limited}"
    );
}

/// The API's public `actuator/info` passes the relay (the page's reachability check needs no
/// token); its variants do not.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn actuator_info_passes_and_its_variants_do_not() {
    let (stand_ins, relay) = setup().await;
    let info = stand_ins.actuator_info_url();
    let ok = get(&relay, &format!("/{info}"), Some(ORIGIN)).await;
    assert_eq!(ok.status, 200, "{ok:?}");
    assert!(ok.body.contains("0.31.2-stand-in"), "{ok:?}");
    assert_eq!(ok.header("access-control-allow-origin"), Some(ORIGIN));
    for variant in [
        format!("{info}/"),
        format!("{info}?x=1"),
        info.replace("/actuator/info", "/actuator/env"),
        info.replace("/actuator/info", "/actuator/INFO"),
        info.replace("/actuator/info", "/actuator/%69nfo"),
        info.replace("/actuator/info", "/actuator/./info"),
        info.replace("/actuator/info", "/actuator"),
    ] {
        let reply = get(&relay, &format!("/{variant}"), Some(ORIGIN)).await;
        assert_eq!(reply.status, 403, "{variant}: {reply:?}");
        assert_eq!(
            relay_error(&reply),
            Some(RelayError::TargetNotAllowed),
            "{variant}"
        );
    }
    // The reference allowlist holds exactly the published ones.
    let reference = dao_onboard::domain::facts::environment::relay_targets();
    let published: Vec<&String> = reference
        .iter()
        .filter(|t| t.ends_with("/actuator/info"))
        .collect();
    assert_eq!(
        published,
        [
            "https://elys.api.beta-athumi.eu/actuator/info",
            "https://elys.api.acc-athumi.eu/actuator/info",
            "https://elys.api.athumi.eu/actuator/info"
        ]
    );
}

/// The page's download and `cargo run --example relay_config` give the same bytes for the same
/// parameters: the configuration users run is the tested one.
#[test]
fn the_page_and_the_example_write_the_same_bytes() {
    use dao_onboard::domain::facts::config::SiteConfig;
    use dao_onboard::domain::facts::environment::{Brand, Environment};
    use dao_onboard::domain::facts::provenance;
    use dao_onboard::domain::runnable::own_relay::{self, RelaySetup, RelaySetupForm};
    let overrides = dao_onboard::domain::facts::config::EndpointOverrides {
        issuer: Some("http://127.0.0.1:9000/op".into()),
        token: None,
        ping: Some("http://127.0.0.1:9001/health/v1/ping".into()),
    };
    let config = SiteConfig::default();
    let endpoints = config
        .endpoints(Environment::Acc, Brand::Elys)
        .with_overrides(Some(&overrides));
    let typed = std::collections::BTreeSet::new();
    let sourced = provenance::endpoints(
        &config,
        Environment::Acc,
        Brand::Elys,
        provenance::EndpointEdits {
            overrides: Some(&overrides),
            typed: &typed,
        },
    );
    let targets = own_relay::targets(&endpoints, &sourced);
    // The local endpoints above are the relay host's own: said so explicitly.
    let plain = RelaySetupForm {
        loopback_targets: true,
        ..RelaySetupForm::for_origin("https://onboarding.example.org")
    };
    let tls = RelaySetupForm {
        tls_certificate: "/etc/letsencrypt/live/relay.example.org/fullchain.pem".into(),
        tls_key: "/etc/letsencrypt/live/relay.example.org/privkey.pem".into(),
        listen: "0.0.0.0:443".into(),
        ..plain.clone()
    };
    // An absolute log directory, as a server would have (/var/log/dao-relay); here a temporary one.
    let logs = support::temp_dir("same-bytes-logs");
    let behind = RelaySetupForm {
        real_ip_from: "10.0.0.0/8".into(),
        resolver: "1.1.1.1".into(),
        log_dir: logs.display().to_string(),
        ..plain.clone()
    };
    // The example is built by `cargo test` next to the test binaries.
    let example = std::env::current_exe()
        .unwrap()
        .parent()
        .and_then(std::path::Path::parent)
        .unwrap()
        .join("examples/relay_config");
    assert!(
        example.exists(),
        "{} is built by cargo test",
        example.display()
    );
    for form in [plain, tls, behind] {
        let setup = RelaySetup::check(&form, &targets).unwrap();
        let output = std::process::Command::new(&example)
            .args(setup.example_arguments())
            .output()
            .unwrap();
        assert!(
            output.status.success(),
            "{}",
            String::from_utf8_lossy(&output.stderr)
        );
        assert_eq!(
            String::from_utf8(output.stdout).unwrap(),
            setup.config().unwrap(),
            "{form:?}"
        );
        // And nginx accepts it.
        let dir = support::temp_dir("same-bytes");
        std::fs::create_dir_all(dir.join("logs")).unwrap();
        std::fs::create_dir_all(dir.join("tmp")).unwrap();
        let conf = dir.join("dao-relay.conf");
        let text = setup.config().unwrap();
        // Only nginx's syntax check; the certificate files of the TLS case do not exist here.
        if form.tls_certificate.is_empty() {
            std::fs::write(&conf, &text).unwrap();
            let checked = std::process::Command::new("nginx")
                .args(["-t", "-p"])
                .arg(&dir)
                .arg("-c")
                .arg(&conf)
                .output()
                .unwrap();
            assert!(
                checked.status.success(),
                "{}",
                String::from_utf8_lossy(&checked.stderr)
            );
        }
    }
}

/// A TLS-1.3-only upstream: the API team's release notes announced TLS 1.3 only for the eLys
/// API from 2025-10-02 (dated 2026-06-01 on 2025-11-05) until the entry was removed on
/// 2026-04-20; the relay keeps offering it. nginx before 1.23.4, Debian 12's 1.22 among them,
/// offers only TLS 1.0 to 1.2 upstream unless `proxy_ssl_protocols` says otherwise, and
/// answered 502 in front of a TLS-1.3-only server. The rendered relay, as shipped, against such
/// a server: a real nginx stand-in with `ssl_protocols TLSv1.3`, its certificate signed by a
/// test CA.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_relay_reaches_an_upstream_that_speaks_only_tls_1_3() {
    let (_upstream, upstream_port, upstream_dir) = support::tls13_only_nginx(
        "location = /op/.well-known/openid-configuration {\n\
             default_type application/json;\n\
             return 200 '{\"issuer\":\"tls13-only stand-in\"}';\n\
         }",
    );
    let target = format!("https://127.0.0.1:{upstream_port}/op/.well-known/openid-configuration");
    let ca = upstream_dir.join("ca.pem").display().to_string();

    // The stand-in refuses TLS 1.2: what the relay met before the fix.
    let tls12 = std::process::Command::new("curl")
        .args([
            "-s",
            "-o",
            "/dev/null",
            "--tlsv1.2",
            "--tls-max",
            "1.2",
            "--cacert",
            &ca,
        ])
        .arg(&target)
        .status()
        .expect("curl is installed");
    assert!(!tls12.success(), "the stand-in must refuse TLS 1.2");

    // The relay as rendered, trusting the test CA instead of the system's store.
    let relay_for = |adjust: fn(&str) -> String| {
        let port = support::free_port();
        let dir = support::temp_dir("tls13-relay");
        let params = Relay::params(ORIGIN, vec![target.clone()], port, &dir);
        let rendered = dao_onboard::domain::runnable::relay_nginx::render(&params).unwrap();
        let conf = adjust(&support::trusting_test_ca(
            &rendered,
            &upstream_dir.join("ca.pem"),
        ));
        Relay::run(port, dir, &conf)
    };
    let relay = relay_for(str::to_string);
    let reply = get(&relay, &format!("/{target}"), Some(ORIGIN)).await;
    assert_eq!(reply.status, 200, "{reply:?}\n{}", relay.logs());
    assert!(reply.body.contains("tls13-only stand-in"), "{reply:?}");

    // Without the directive, an nginx before 1.23.4 fails exactly as reported; later ones
    // offer TLS 1.3 upstream by default, so there the control says nothing.
    if support::nginx_version() < (1, 23, 4) {
        let control = relay_for(support::without_tls13_upstream);
        let reply = get(&control, &format!("/{target}"), Some(ORIGIN)).await;
        assert_eq!(reply.status, 502, "{reply:?}");
        assert!(
            control.logs().contains("protocol version") || control.logs().contains("alert"),
            "{}",
            control.logs()
        );
    }
}
