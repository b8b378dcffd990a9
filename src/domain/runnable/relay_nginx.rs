//! The reference CORS relay: an nginx configuration rendered from the facts table.
//!
//! The relay forwards `/<full target URL>` to exactly the allowlisted targets (token and
//! discovery endpoints of both ACM instances, the ping endpoints of both brands, the API's
//! published `actuator/info`): the raw request
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

use crate::domain::acm::exchange::{self, RelayError, RELAY_ERROR_FIELD, TRACE_HEADERS};
use crate::domain::checked::url::EndpointUrl;
use crate::domain::facts::environment;
use crate::domain::templates::engine::{Rendered, Syntax, Template, TemplateError, Value};
use crate::domain::templates::late::late_template;

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
    /// The address (or network) of a TLS terminator in front of the relay, whose
    /// `X-Forwarded-For` names the client; `None` when clients connect directly.
    pub real_ip_from: Option<String>,
    /// A certificate and key for nginx to speak TLS itself; `None` for plain http (on this
    /// machine, or behind a terminator).
    pub tls: Option<TlsFiles>,
}

/// The files nginx needs to speak TLS itself.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TlsFiles {
    /// The certificate with its chain (PEM), e.g. Let's Encrypt's `fullchain.pem`.
    pub certificate: String,
    /// The certificate's private key (PEM), readable by root only.
    pub key: String,
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
            real_ip_from: None,
            tls: None,
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
    /// `--real-ip-from` is not an IP address or network (`10.0.0.1`, `10.0.0.0/8`, `::1`).
    BadRealIpFrom {
        /// The value given.
        value: String,
    },
    /// The generator refused a value (a mistake in a template, or a value past its check).
    Template(TemplateError),
}

impl From<TemplateError> for RelayConfigError {
    fn from(err: TemplateError) -> RelayConfigError {
        RelayConfigError::Template(err)
    }
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

// What the relay's and the hosting configuration's nginx files share, up to the inside of
// `http {`: one worker, pid and error log under `log_dir`, the unprivileged user, temporary
// files under the `-p` prefix, and no version in headers.
late_template!(
    NGINX_PREAMBLE,
    Syntax::Nginx,
    "templates/nginx-preamble.conf.tmpl"
);

pub(crate) fn nginx_preamble(log_dir: &str) -> Result<Rendered, TemplateError> {
    NGINX_PREAMBLE.render(|slot| (slot == "LOG_DIR").then_some(Value::Word(log_dir)))
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

/// Renders a complete, standalone nginx configuration (run with `nginx -p DIR -c FILE`).
pub fn render(params: &RelayParams) -> Result<String, RelayConfigError> {
    let origin_ok = EndpointUrl::parse(&params.page_origin).is_ok()
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
        if EndpointUrl::parse(target).is_err() {
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
            Some(resolver.as_str())
        }
        (None, true) => return Err(RelayConfigError::ResolverNeeded),
        (None, false) => None,
    };
    if let Some(real_ip_from) = &params.real_ip_from {
        check_address_or_network(real_ip_from)?;
    }
    if let Some(tls) = &params.tls {
        check_safe(&tls.certificate)?;
        check_safe(&tls.key)?;
    }
    Ok(render_checked(params, resolver)?.into_string())
}

/// The configuration, from parameters [`render`] checked: every value goes through the one
/// generator, which refuses what nginx would read as syntax.
fn render_checked(params: &RelayParams, resolver: Option<&str>) -> Result<Rendered, TemplateError> {
    // Exact, case-sensitive, anchored: the raw request URI must be "/" + the target itself.
    let allowlist = params
        .targets
        .iter()
        .map(|target| {
            ALLOWLIST_ENTRY.render(|slot| match slot {
                "TARGET_REGEX" => Some(Value::RegexLiteral(target)),
                "TARGET" => Some(Value::Str(target)),
                _ => None,
            })
        })
        .collect::<Result<Vec<_>, _>>()?;
    // Only the headers the exchange needs travel upstream; nginx adds Host and Content-Length.
    let forwarded_headers = FORWARDED_HEADERS
        .iter()
        .map(|header| {
            let variable = header.to_ascii_lowercase().replace('-', "_");
            FORWARDED_HEADER.render(|slot| match slot {
                "HEADER" => Some(Value::Code(header)),
                "VARIABLE" => Some(Value::Word(&variable)),
                _ => None,
            })
        })
        .collect::<Result<Vec<_>, _>>()?;
    let resolver = match resolver {
        Some(resolver) => {
            RESOLVER.render(|slot| (slot == "RESOLVER").then_some(Value::Word(resolver)))?
        }
        None => Rendered::default(),
    };
    let tls = match &params.tls {
        Some(files) => TLS.render(|slot| match slot {
            "CERTIFICATE" => Some(Value::Word(&files.certificate)),
            "KEY" => Some(Value::Word(&files.key)),
            _ => None,
        })?,
        None => Rendered::default(),
    };
    let real_ip = match &params.real_ip_from {
        Some(address) => {
            REAL_IP.render(|slot| (slot == "REAL_IP_FROM").then_some(Value::Word(address)))?
        }
        None => Rendered::default(),
    };
    let (allowlist, forwarded_headers) = (
        Rendered::concat(allowlist),
        Rendered::concat(forwarded_headers),
    );
    let log_dir = params.log_dir.trim_end_matches('/');
    let preamble = nginx_preamble(log_dir)?;
    let limits = params.limits;
    let refusals = [
        RelayError::OriginNotAllowed,
        RelayError::TargetNotAllowed,
        RelayError::MethodNotAllowed,
        RelayError::RateLimited,
        RelayError::UpstreamRedirect,
        RelayError::UpstreamFailed,
        RelayError::UpstreamTimeout,
    ];
    let code = |i: usize| Value::Word(refusals[i].code());
    RELAY.render(|slot| {
        Some(match slot {
            "ORIGIN" => Value::Word(&params.page_origin),
            "ORIGIN_REGEX" => Value::RegexLiteral(&params.page_origin),
            "PREAMBLE" => Value::Fragment(&preamble),
            "ALLOWLIST" => Value::Fragment(&allowlist),
            "FORWARDED_HEADERS" => Value::Fragment(&forwarded_headers),
            "RESOLVER" => Value::Fragment(&resolver),
            "REAL_IP" => Value::Fragment(&real_ip),
            "TLS" => Value::Fragment(&tls),
            "SSL" => Value::Code(if params.tls.is_some() { " ssl" } else { "" }),
            "ALLOWED_HEADERS" => Value::Code(ALLOWED_HEADERS),
            "LISTEN" => Value::Word(&params.listen),
            "LOG_DIR" => Value::Word(log_dir),
            "TIMEOUT" => Value::Number(params.timeout_seconds.into()),
            "RATE" => Value::Number(limits.requests_per_second.into()),
            "BURST" => Value::Number(limits.burst.into()),
            "CONNECTIONS" => Value::Number(limits.connections.into()),
            "ERROR_FIELD" => Value::Code(RELAY_ERROR_FIELD),
            "ORIGIN_REFUSED" => code(0),
            "TARGET_REFUSED" => code(1),
            "METHOD_REFUSED" => code(2),
            "RATE_LIMITED" => code(3),
            "REDIRECTED" => code(4),
            "FAILED" => code(5),
            "TIMED_OUT" => code(6),
            _ => return None,
        })
    })
}

/// The request headers the page may send (answered in the preflight): what the token request
/// and the ping need.
const ALLOWED_HEADERS: &str =
    "Authorization, Content-Type, x-correlation-id, x-tracing-id, x-request-id";

/// The request headers forwarded upstream: the allowed ones and `Accept`.
const FORWARDED_HEADERS: [&str; 6] = [
    "Authorization",
    "Content-Type",
    "Accept",
    TRACE_HEADERS[0],
    TRACE_HEADERS[1],
    TRACE_HEADERS[2],
];

const ALLOWLIST_ENTRY: Template = Template::new(
    Syntax::Nginx,
    "        \"~^/{{TARGET_REGEX}}$\" {{TARGET}};\n",
);

const FORWARDED_HEADER: Template = Template::new(
    Syntax::Nginx,
    "        proxy_set_header {{HEADER}} $http_{{VARIABLE}};\n",
);

const RESOLVER: Template = Template::new(
    Syntax::Nginx,
    "    resolver {{RESOLVER}} valid=300s ipv6=off;\n    resolver_timeout 5s;\n",
);

/// nginx speaking TLS itself.
const TLS: Template = Template::new(
    Syntax::Nginx,
    "        # TLS by nginx itself: the certificate (with its chain) and its key.
        ssl_certificate {{CERTIFICATE}};
        ssl_certificate_key {{KEY}};
        ssl_protocols TLSv1.2 TLSv1.3;
",
);

/// Behind a TLS terminator every request comes from the terminator's address: the client's
/// own comes from the `X-Forwarded-For` the terminator sets, and only from that address.
const REAL_IP: Template = Template::new(
    Syntax::Nginx,
    "        # Behind a TLS terminator at {{REAL_IP_FROM}}: the per-client limits count the client
        # address it passes on in X-Forwarded-For (its last entry), not the terminator's.
        set_real_ip_from {{REAL_IP_FROM}};
        real_ip_header X-Forwarded-For;
        real_ip_recursive off;
",
);

late_template!(RELAY, Syntax::Nginx, "templates/relay.conf.tmpl");

/// Checks an IPv4 or IPv6 address, or a network in CIDR form (`10.0.0.0/8`), as nginx's
/// `set_real_ip_from` takes it.
fn check_address_or_network(value: &str) -> Result<(), RelayConfigError> {
    let (address, prefix) = match value.split_once('/') {
        Some((address, prefix)) => (address, Some(prefix)),
        None => (value, None),
    };
    let max_prefix = match address.parse::<std::net::IpAddr>() {
        Ok(std::net::IpAddr::V4(_)) => 32,
        Ok(std::net::IpAddr::V6(_)) => 128,
        Err(_) => {
            return Err(RelayConfigError::BadRealIpFrom {
                value: value.to_string(),
            })
        }
    };
    let prefix_ok = prefix.is_none_or(|p| {
        p.len() <= 3
            && p.bytes().all(|b| b.is_ascii_digit())
            && p.parse::<u8>().is_ok_and(|p| p <= max_prefix)
    });
    if prefix_ok {
        Ok(())
    } else {
        Err(RelayConfigError::BadRealIpFrom {
            value: value.to_string(),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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
        // A quote is not a URL character: refused as a target before nginx's rules apply.
        let injected = local(vec!["https://x/y\";evil".into()], Some("1.1.1.1"));
        assert!(matches!(
            render(&injected),
            Err(RelayConfigError::BadTarget { .. })
        ));
        // What is a URL character but means something to nginx is refused by those rules.
        let semicolon = local(vec!["https://x/y;evil".into()], Some("1.1.1.1"));
        assert!(matches!(
            render(&semicolon),
            Err(RelayConfigError::UnsafeCharacter { .. })
        ));
        let resolver = local(vec!["https://x/y".into()], Some("1.1.1.1; evil"));
        assert!(matches!(
            render(&resolver),
            Err(RelayConfigError::UnsafeCharacter { .. })
        ));
        for bad in [
            "10.0.0.1;",
            "10.0.0.0/33",
            "host.example",
            "::1/129",
            "10.0.0.1/+8",
            "",
        ] {
            let params = RelayParams {
                real_ip_from: Some(bad.into()),
                ..RelayParams::local_default()
            };
            assert!(
                matches!(render(&params), Err(RelayConfigError::BadRealIpFrom { .. })),
                "{bad:?}"
            );
        }
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
    fn nginx_speaks_tls_itself_when_given_a_certificate() {
        let conf = render(&RelayParams {
            tls: Some(TlsFiles {
                certificate: "/etc/letsencrypt/live/relay.example.org/fullchain.pem".into(),
                key: "/etc/letsencrypt/live/relay.example.org/privkey.pem".into(),
            }),
            ..RelayParams::local_default()
        })
        .unwrap();
        assert!(conf.contains("listen 127.0.0.1:8010 ssl;\n"));
        assert!(conf
            .contains("ssl_certificate /etc/letsencrypt/live/relay.example.org/fullchain.pem;\n"));
        assert!(conf
            .contains("ssl_certificate_key /etc/letsencrypt/live/relay.example.org/privkey.pem;"));
        let plain = render(&RelayParams::local_default()).unwrap();
        assert!(
            !plain.contains("ssl_certificate") && !plain.contains(" ssl;"),
            "no TLS without a certificate"
        );
    }

    /// nginx before 1.23.4 offers TLS 1.0 to 1.2 upstream unless told, and the API team once
    /// announced TLS 1.3 only for the eLys API. Every relay the page writes, with or without TLS
    /// of its own, offers both upstream, once, in the server that proxies; its comment cites the
    /// announcement as history (added 2025-10-02, removed 2026-04-20), never as a current rule.
    #[test]
    fn every_relay_offers_tls_1_3_upstream() {
        let tls = RelayParams {
            tls: Some(TlsFiles {
                certificate: "/etc/ssl/relay.pem".into(),
                key: "/etc/ssl/relay.key".into(),
            }),
            ..RelayParams::local_default()
        };
        for params in [RelayParams::local_default(), tls] {
            let conf = render(&params).unwrap();
            let directive = "\n        proxy_ssl_protocols TLSv1.2 TLSv1.3;\n";
            assert_eq!(conf.matches(directive).count(), 1, "{conf}");
            let server = conf.find("    server {").unwrap();
            assert!(conf.find(directive).unwrap() > server);
            assert!(
                conf.contains("for the eLys API (not ACM) from\n        # 2025-10-02")
                    && conf.contains("removed on 2026-04-20"),
                "{conf}"
            );
            assert!(!conf.contains("announced TLS 1.3 only"), "{conf}");
        }
    }

    #[test]
    fn committed_reference_config_is_the_rendered_default() {
        let committed = include_str!("../../../relay/nginx.conf");
        assert_eq!(
            committed,
            render(&RelayParams::local_default()).unwrap(),
            "relay/nginx.conf is stale: run `cargo run --example relay_config > relay/nginx.conf`"
        );
    }
}
