//! The reference CORS relay: an nginx configuration rendered from the facts table.
//!
//! The relay forwards `/<full target URL>` to exactly the allowlisted targets (token and
//! discovery endpoints of both ACM instances, the ping endpoints of both brands): the raw request
//! URI is compared, case-sensitively and anchored, with each target, so upper case, query
//! strings, encoded characters, dot segments, user-info, ports and trailing dots are all refused
//! with 403 and a JSON `relay_error`. It sends CORS headers for one page origin (never `*`),
//! answers the preflight for `Authorization`, `Content-Type` and the three `x-*` headers,
//! forwards only those headers and `Accept`, exposes `Date`, never follows or passes on a
//! redirect (502), limits each client's request rate and connections (429), gives clients 10 s
//! to send a request, logs neither bodies, query strings nor `Authorization`, and limits request
//! bodies to 64 KB and upstream waits to 15 s. Every `relay_error` comes from
//! `exchange::RelayError`, which the page reads.
//!
//! `cargo run --example relay_config -- --help` renders it; `relay/nginx.conf` is the rendered
//! default and a test keeps it identical to what this module renders.

use super::environment;
use super::exchange::{self, RelayError, TRACE_HEADERS};

/// Everything a rendered configuration depends on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RelayParams {
    /// `host:port` nginx listens on.
    pub listen: String,
    /// The one page origin allowed to call the relay (`https://onboarding.example.org`).
    pub page_origin: String,
    /// Exact target URLs the relay forwards to.
    pub targets: Vec<String>,
    /// DNS resolver for host-name targets (`127.0.0.53`, `1.1.1.1`); none for IP targets.
    pub resolver: Option<String>,
    /// Where logs and the pid file go; relative paths are relative to nginx's `-p` prefix.
    pub log_dir: String,
    /// Upstream read time-out in seconds.
    pub timeout_seconds: u32,
    /// Rate and connection limits per client address.
    pub limits: RelayLimits,
}

/// Per-client limits: requests per second (with a burst) and open connections, per address.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RelayLimits {
    /// Requests per second.
    pub requests_per_second: u32,
    /// Requests allowed above the rate at once.
    pub burst: u32,
    /// Open connections.
    pub connections: u32,
}

impl RelayLimits {
    /// Enough for a person clicking through the page (a few requests a second), far too little
    /// to use the relay as a general proxy.
    pub const REFERENCE: RelayLimits = RelayLimits {
        requests_per_second: 5,
        burst: 20,
        connections: 10,
    };
}

impl RelayParams {
    /// The reference relay for a page served on this machine by `trunk serve`.
    pub fn local_default() -> RelayParams {
        RelayParams {
            listen: "127.0.0.1:8010".into(),
            page_origin: "http://127.0.0.1:8080".into(),
            targets: environment::relay_targets(),
            resolver: Some("127.0.0.53".into()),
            log_dir: "logs".into(),
            timeout_seconds: exchange::DEFAULT_TIMEOUT_SECONDS,
            limits: RelayLimits::REFERENCE,
        }
    }
}

/// Why parameters cannot be rendered.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum RelayConfigError {
    /// The origin must be `scheme://host[:port]`, without path.
    BadOrigin {
        /// The origin given.
        origin: String,
    },
    /// A target that is not an http(s) URL.
    BadTarget {
        /// The target given.
        target: String,
    },
    /// A target with a query or fragment (the relay never forwards query strings).
    TargetWithQuery {
        /// The target given.
        target: String,
    },
    /// A listen address nginx would not take.
    BadListen {
        /// The address given.
        listen: String,
    },
    /// Host-name targets need a resolver.
    ResolverNeeded,
    /// A value that would break out of its nginx string.
    UnsafeCharacter {
        /// The value given.
        value: String,
    },
}

fn is_safe(value: &str) -> bool {
    !value.chars().any(|c| {
        c.is_whitespace()
            || c.is_control()
            || matches!(c, '"' | '\'' | ';' | '{' | '}' | '\\' | '$')
    })
}

pub(super) fn check_safe(value: &str) -> Result<(), RelayConfigError> {
    if is_safe(value) {
        Ok(())
    } else {
        Err(RelayConfigError::UnsafeCharacter {
            value: value.to_string(),
        })
    }
}

/// What the relay's and the hosting configuration's nginx files share, up to the inside of
/// `http {`: one worker, pid and error log under `log_dir`, the unprivileged user, temporary
/// files under the `-p` prefix, and no version in headers.
pub(crate) fn nginx_preamble(log_dir: &str) -> String {
    format!(
        r#"worker_processes 1;
pid {log_dir}/nginx.pid;
error_log {log_dir}/error.log warn;
# As root, nginx drops to this user for its workers (Debian has no group "nobody").
user nobody nogroup;

events {{
    worker_connections 1024;
}}

http {{
    # Temporary files stay under the prefix given with -p.
    client_body_temp_path tmp/client_body;
    proxy_temp_path tmp/proxy;
    fastcgi_temp_path tmp/fastcgi;
    uwsgi_temp_path tmp/uwsgi;
    scgi_temp_path tmp/scgi;
    server_tokens off;
"#
    )
}

/// Checks an nginx `listen` value: `host:port`, nothing that would break out of it.
pub(super) fn check_listen(listen: &str) -> Result<(), RelayConfigError> {
    let listen_ok = listen
        .rsplit_once(':')
        .is_some_and(|(host, port)| !host.is_empty() && port.parse::<u16>().is_ok());
    if !listen_ok {
        return Err(RelayConfigError::BadListen {
            listen: listen.to_string(),
        });
    }
    check_safe(listen)
}

fn target_host(target: &str) -> &str {
    let rest = target.split("://").nth(1).unwrap_or_default();
    rest.split('/').next().unwrap_or_default()
}

fn host_is_ip(host_port: &str) -> bool {
    let host = host_port.rsplit_once(':').map_or(host_port, |(h, _)| h);
    host.parse::<std::net::Ipv4Addr>().is_ok() || host.starts_with('[')
}

/// Escapes a literal for an nginx regular expression.
fn regex_literal(value: &str) -> String {
    let mut out = String::with_capacity(value.len() + 8);
    for c in value.chars() {
        if matches!(
            c,
            '.' | '?' | '*' | '+' | '(' | ')' | '[' | ']' | '|' | '^' | '$' | '/'
        ) {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// Renders a complete, standalone nginx configuration (run with `nginx -p DIR -c FILE`).
pub fn render(params: &RelayParams) -> Result<String, RelayConfigError> {
    let origin_ok = exchange::parse_http_url(&params.page_origin).is_ok()
        && params
            .page_origin
            .split("://")
            .nth(1)
            .is_some_and(|rest| !rest.contains('/'));
    if !origin_ok {
        return Err(RelayConfigError::BadOrigin {
            origin: params.page_origin.clone(),
        });
    }
    check_safe(&params.page_origin)?;
    check_listen(&params.listen)?;
    check_safe(&params.log_dir)?;
    let mut needs_resolver = false;
    for target in &params.targets {
        if exchange::parse_http_url(target).is_err() {
            return Err(RelayConfigError::BadTarget {
                target: target.clone(),
            });
        }
        if target.contains(['?', '#']) {
            return Err(RelayConfigError::TargetWithQuery {
                target: target.clone(),
            });
        }
        check_safe(target)?;
        needs_resolver |= !host_is_ip(target_host(target));
    }
    let resolver = match (&params.resolver, needs_resolver) {
        (Some(resolver), _) => {
            check_safe(resolver)?;
            format!("    resolver {resolver} valid=300s ipv6=off;\n    resolver_timeout 5s;\n")
        }
        (None, true) => return Err(RelayConfigError::ResolverNeeded),
        (None, false) => String::new(),
    };

    // Exact, case-sensitive, anchored: the raw request URI must be "/" + the target itself.
    let allowlist: String = params
        .targets
        .iter()
        .map(|target| format!("        \"~^/{}$\" \"{target}\";\n", regex_literal(target)))
        .collect();
    let allowed_headers = ["Authorization", "Content-Type"]
        .iter()
        .chain(TRACE_HEADERS.iter())
        .copied()
        .collect::<Vec<_>>()
        .join(", ");
    // Only the headers the exchange needs travel upstream; nginx adds Host and Content-Length.
    let forwarded_headers: String = ["Authorization", "Content-Type", "Accept"]
        .iter()
        .chain(TRACE_HEADERS.iter())
        .map(|header| {
            let variable = header.to_ascii_lowercase().replace('-', "_");
            format!("        proxy_set_header {header} $http_{variable};\n")
        })
        .collect();
    let origin_regex = regex_literal(&params.page_origin);
    let log_dir = params.log_dir.trim_end_matches('/');
    let timeout = params.timeout_seconds;
    let limits = params.limits;
    let body = |error: RelayError| error.body();
    let (origin_refused, target_refused, method_refused) = (
        body(RelayError::OriginNotAllowed),
        body(RelayError::TargetNotAllowed),
        body(RelayError::MethodNotAllowed),
    );
    let (rate_limited, redirected, failed, timed_out) = (
        body(RelayError::RateLimited),
        body(RelayError::UpstreamRedirect),
        body(RelayError::UpstreamFailed),
        body(RelayError::UpstreamTimeout),
    );

    let preamble = nginx_preamble(log_dir);
    Ok(format!(
        r#"# Reference CORS relay for dao-onboard (nginx).
# Rendered by `cargo run --example relay_config`; change the parameters there, not this file.
# Page origin: {origin}
{preamble}
    # Logged: time, method, target without query string, status, sizes, duration.
    # Never logged: bodies (assertions, tokens, ping answers), query strings, Authorization.
    log_format relay '$time_iso8601 $request_method "$relay_target" $status $body_bytes_sent $request_time';

    # Exactly these targets are forwarded. The raw request URI (undecoded, with any query) is
    # matched case-sensitively against each whole target; nginx's string keys would compare
    # case-insensitively, so every key is an anchored regular expression.
    map $request_uri $relay_target {{
        default "";
{allowlist}    }}

    # CORS for one page origin only.
    map $http_origin $relay_cors_origin {{
        default "";
        "~^{origin_regex}$" $http_origin;
    }}

    # Per client address: requests per second and open connections.
    limit_req_zone $binary_remote_addr zone=relay_rate:1m rate={rate}r/s;
    limit_conn_zone $binary_remote_addr zone=relay_conn:1m;
    limit_req_status 429;
    limit_conn_status 429;

    server {{
        listen {listen};
        server_name _;
        # Keep the "//" of the appended target URL intact.
        merge_slashes off;
        access_log {log_dir}/access.log relay;

        # A client gets 10 s to send its request line, headers and body.
        client_header_timeout 10s;
        client_body_timeout 10s;
        send_timeout 10s;
        keepalive_timeout 10s;
        client_max_body_size 64k;
        client_body_buffer_size 64k;
        proxy_connect_timeout 5s;
        proxy_send_timeout {timeout}s;
        proxy_read_timeout {timeout}s;
{resolver}
        proxy_http_version 1.1;
        proxy_ssl_server_name on;
        proxy_ssl_verify on;
        proxy_ssl_verify_depth 4;
        proxy_ssl_trusted_certificate /etc/ssl/certs/ca-certificates.crt;

        # Only these request headers travel upstream (no Cookie, Origin, Referer, User-Agent,
        # X-Real-IP, Forwarded or X-Forwarded-*).
        proxy_pass_request_headers off;
{forwarded_headers}
        # Upstream's clock, for the page's clock-skew warning.
        proxy_pass_header Date;
        # The relay sets CORS itself.
        proxy_hide_header Access-Control-Allow-Origin;
        proxy_hide_header Access-Control-Allow-Credentials;
        proxy_hide_header Access-Control-Allow-Headers;
        proxy_hide_header Access-Control-Allow-Methods;
        proxy_hide_header Access-Control-Expose-Headers;
        proxy_hide_header Set-Cookie;
        # A redirect is never followed nor passed on: its Location could point anywhere.
        proxy_redirect off;
        proxy_hide_header Location;
        proxy_intercept_errors on;
        error_page 300 301 302 303 305 307 308 = @redirected;
        error_page 429 = @rate_limited;
        error_page 502 503 = @failed;
        error_page 504 = @timed_out;

        add_header Access-Control-Allow-Origin $relay_cors_origin always;
        add_header Access-Control-Allow-Methods "GET, POST, OPTIONS" always;
        add_header Access-Control-Allow-Headers "{allowed_headers}" always;
        add_header Access-Control-Expose-Headers "Date" always;
        add_header Access-Control-Max-Age 600 always;
        add_header Vary Origin always;
        add_header Cache-Control "no-store" always;

        default_type application/json;

        location / {{
            if ($relay_cors_origin = "") {{
                return 403 '{origin_refused}';
            }}
            if ($request_method = OPTIONS) {{
                return 204;
            }}
            if ($request_method !~ ^(GET|POST)$) {{
                return 405 '{method_refused}';
            }}
            if ($relay_target = "") {{
                return 403 '{target_refused}';
            }}
            limit_req zone=relay_rate burst={burst} nodelay;
            limit_conn relay_conn {connections};
            proxy_pass $relay_target;
        }}

        location @redirected {{
            return 502 '{redirected}';
        }}
        location @rate_limited {{
            return 429 '{rate_limited}';
        }}
        location @failed {{
            return 502 '{failed}';
        }}
        location @timed_out {{
            return 504 '{timed_out}';
        }}
    }}
}}
"#,
        origin = params.page_origin,
        listen = params.listen,
        rate = limits.requests_per_second,
        burst = limits.burst,
        connections = limits.connections,
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn local(targets: Vec<String>, resolver: Option<&str>) -> RelayParams {
        RelayParams {
            targets,
            resolver: resolver.map(str::to_string),
            ..RelayParams::local_default()
        }
    }

    #[test]
    fn default_allowlist_holds_every_table_endpoint_and_nothing_else() {
        let conf = render(&RelayParams::local_default()).unwrap();
        for target in environment::relay_targets() {
            assert!(
                conf.contains(&format!("\"~^/{}$\" \"{target}\";", regex_literal(&target))),
                "{target}"
            );
        }
        assert_eq!(
            conf.matches("        \"~^/").count(),
            environment::relay_targets().len()
        );
        assert!(conf.contains("proxy_pass_request_headers off;"));
        assert!(conf.contains("limit_req_status 429;"));
        assert!(conf.contains("client_header_timeout 10s;"));
        assert!(conf.contains("resolver 127.0.0.53"));
        assert!(!conf.contains("Access-Control-Allow-Origin *"));
        assert!(conf.contains("\"~^http:\\/\\/127\\.0\\.0\\.1:8080$\" $http_origin;"));
        assert!(conf.contains("x-correlation-id, x-tracing-id, x-request-id"));
        assert!(conf.contains("client_max_body_size 64k;"));
        let log_format = conf
            .lines()
            .find(|line| line.trim_start().starts_with("log_format"))
            .unwrap();
        for secret in [
            "$request ",
            "$request_uri",
            "$args",
            "$http_",
            "$request_body",
        ] {
            assert!(!log_format.contains(secret), "{secret} would be logged");
        }
        assert_eq!(conf.matches("log_format").count(), 1);
        assert!(!conf.contains("$request_body"));
        // Authorization is forwarded, and only through proxy_set_header.
        assert!(conf.contains("proxy_set_header Authorization $http_authorization;"));
        assert_eq!(conf.matches("$http_authorization").count(), 1);
    }

    #[test]
    fn ip_targets_need_no_resolver_but_names_do() {
        let ip = local(vec!["http://127.0.0.1:9000/op/v1/token".into()], None);
        assert!(!render(&ip).unwrap().contains("resolver "));
        let named = local(vec!["https://idp.example/op/v1/token".into()], None);
        assert_eq!(render(&named), Err(RelayConfigError::ResolverNeeded));
    }

    #[test]
    fn refuses_parameters_that_would_break_the_config() {
        let bad_origin = RelayParams {
            page_origin: "https://page.example/app".into(),
            ..RelayParams::local_default()
        };
        assert!(matches!(
            render(&bad_origin),
            Err(RelayConfigError::BadOrigin { .. })
        ));
        let injected = local(vec!["https://x/y\";evil".into()], Some("1.1.1.1"));
        assert!(matches!(
            render(&injected),
            Err(RelayConfigError::UnsafeCharacter { .. })
        ));
        let query = local(vec!["https://x/y?a=b".into()], Some("1.1.1.1"));
        assert!(matches!(
            render(&query),
            Err(RelayConfigError::TargetWithQuery { .. })
        ));
        let listen = RelayParams {
            listen: "8010".into(),
            ..RelayParams::local_default()
        };
        assert!(matches!(
            render(&listen),
            Err(RelayConfigError::BadListen { .. })
        ));
    }

    #[test]
    fn committed_reference_config_is_the_rendered_default() {
        let committed = include_str!("../../relay/nginx.conf");
        assert_eq!(
            committed,
            render(&RelayParams::local_default()).unwrap(),
            "relay/nginx.conf is stale: run `cargo run --example relay_config > relay/nginx.conf`"
        );
    }
}
