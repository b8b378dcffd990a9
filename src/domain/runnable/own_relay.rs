//! "Uw eigen relay" (step 5): the reference relay configuration of `relay_nginx`, rendered for
//! this page's own origin from the fields of the page, with the allowlist the page needs, and
//! the commands that install, check and start it on Debian or Ubuntu.
//!
//! The page and `cargo run --example relay_nginx` render through the same
//! [`relay_nginx::render`]; [`RelaySetup::example_arguments`] gives the example's arguments
//! for the same parameters, so a test can hold the two to the same bytes.

use crate::domain::checked::url::{self, EndpointUrl};
use crate::domain::facts::config::Endpoints;
use crate::domain::facts::environment;
use crate::domain::facts::provenance::{Origin, Sourced, ValueName};
use crate::domain::runnable::relay_nginx::{self, RelayConfigError, RelayParams, TlsFiles};
use crate::domain::templates::engine::{Rendered, Syntax, Template, TemplateError, Value};

/// The file name the configuration is downloaded as.
pub const FILE_NAME: &str = "dao-relay.conf";

/// The fields of the page, as typed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RelaySetupForm {
    /// The page origin the relay serves (`location.origin` by default).
    pub origin: String,
    /// `host:port` nginx listens on.
    pub listen: String,
    /// The DNS resolver for the host-name targets.
    pub resolver: String,
    /// Where logs and the pid file go (relative: under the prefix directory).
    pub log_dir: String,
    /// The directory nginx runs in (`nginx -p`), for the commands.
    pub prefix: String,
    /// The TLS certificate file (full chain), empty when a TLS terminator is in front.
    pub tls_certificate: String,
    /// The TLS key file, with the certificate.
    pub tls_key: String,
    /// The TLS terminator's address, empty when nginx itself speaks TLS (or on this machine).
    pub real_ip_from: String,
    /// The user's explicit choice that endpoints on `127.0.0.1`/`localhost` (local test
    /// servers) go on the allowlist: in the relay they mean the relay host's own loopback, not
    /// this computer's, so they are refused unless the relay runs beside those servers.
    pub loopback_targets: bool,
}

impl RelaySetupForm {
    /// The defaults for a page served from `origin`: the relay on this machine's port 8010,
    /// the local resolver of systemd-resolved, logs under the prefix `/srv/dao-relay`.
    pub fn for_origin(origin: &str) -> RelaySetupForm {
        RelaySetupForm {
            origin: origin.to_string(),
            listen: "127.0.0.1:8010".into(),
            resolver: "127.0.0.53".into(),
            log_dir: "logs".into(),
            prefix: "/srv/dao-relay".into(),
            tls_certificate: String::new(),
            tls_key: String::new(),
            real_ip_from: String::new(),
            loopback_targets: false,
        }
    }
}

/// Why a target is in the allowlist.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TargetSource {
    /// A published endpoint of the facts table (every environment and brand).
    Published,
    /// An endpoint in use that differs from the published one, with its origin.
    InUse(Origin),
}

/// One target of the allowlist and where it came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Target {
    /// The exact URL forwarded to.
    pub url: String,
    /// Why it is there.
    pub source: TargetSource,
}

/// The allowlist for the page: every published endpoint of every environment and brand, and
/// each endpoint in use that differs (the token and discovery endpoints of another issuer, a
/// ping endpoint and the `actuator/info` beside it), with its origin.
pub fn targets(endpoints: &Endpoints, sourced: &[Sourced]) -> Vec<Target> {
    let mut list: Vec<Target> = environment::relay_targets()
        .into_iter()
        .map(|url| Target {
            url,
            source: TargetSource::Published,
        })
        .collect();
    let origin_of = |name: ValueName| {
        sourced
            .iter()
            .find(|s| s.name == name)
            .map_or(Origin::Typed, |s| s.origin)
    };
    // A value that is not a usable URL (still being typed) adds nothing.
    let mut add = |url: String, origin: Origin| {
        let usable = EndpointUrl::parse(&url).is_ok() && !url.contains(['?', '#']);
        if usable && !list.iter().any(|t| t.url == url) {
            list.push(Target {
                url,
                source: TargetSource::InUse(origin),
            });
        }
    };
    add(
        endpoints.token_endpoint.clone(),
        origin_of(ValueName::TokenEndpoint),
    );
    add(
        environment::discovery_url(&endpoints.issuer),
        origin_of(ValueName::Issuer),
    );
    add(endpoints.ping.clone(), origin_of(ValueName::Ping));
    if let environment::ActuatorInfo::BesidePing(url) =
        environment::actuator_info_for_ping(&endpoints.ping)
    {
        add(url, origin_of(ValueName::Ping));
    }
    list
}

/// A checked setup: the parameters of the configuration and the prefix for the commands.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RelaySetup {
    /// What the configuration is rendered from.
    pub params: RelayParams,
    /// The directory nginx runs in.
    pub prefix: String,
}

/// Why the fields cannot make a configuration.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum RelaySetupError {
    /// A value `relay_nginx` refuses (an origin with a path, a listen address without port,
    /// a character that means something to nginx, ...).
    Config(RelayConfigError),
    /// Only one of the TLS certificate and key was given.
    TlsIncomplete,
    /// The prefix directory is not an absolute path of safe characters.
    BadPrefix,
    /// nginx would listen beyond this machine in plain http: the assertion and the token would
    /// cross the network unencrypted. A certificate or a TLS terminator's address is needed.
    PlainHttpOffLoopback,
    /// An endpoint in use is on a loopback address, which in the relay is the relay host's
    /// own, and the user did not say the relay runs beside it.
    LoopbackTargets {
        /// The endpoints concerned.
        targets: Vec<String>,
    },
}

impl From<RelayConfigError> for RelaySetupError {
    fn from(err: RelayConfigError) -> RelaySetupError {
        RelaySetupError::Config(err)
    }
}

impl RelaySetup {
    /// Checks the fields and the targets. Nothing is rendered from a refused value.
    pub fn check(form: &RelaySetupForm, targets: &[Target]) -> Result<RelaySetup, RelaySetupError> {
        let trimmed = |value: &str| value.trim().to_string();
        let tls = match (form.tls_certificate.trim(), form.tls_key.trim()) {
            ("", "") => None,
            ("", _) | (_, "") => return Err(RelaySetupError::TlsIncomplete),
            (certificate, key) => Some(TlsFiles {
                certificate: certificate.to_string(),
                key: key.to_string(),
            }),
        };
        let prefix = form.prefix.trim().trim_end_matches('/').to_string();
        let prefix_ok = prefix.starts_with('/')
            && prefix
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b"/._-".contains(&b));
        if !prefix_ok {
            return Err(RelaySetupError::BadPrefix);
        }
        let resolver = trimmed(&form.resolver);
        let real_ip_from = trimmed(&form.real_ip_from);
        let listen = trimmed(&form.listen);
        // nginx's `listen` is an authority (`host:port`): the URLs' loopback rule applies.
        if tls.is_none() && real_ip_from.is_empty() && !url::is_loopback_authority(&listen) {
            return Err(RelaySetupError::PlainHttpOffLoopback);
        }
        let loopback: Vec<String> = targets
            .iter()
            .filter(|t| url::is_loopback(&t.url))
            .map(|t| t.url.clone())
            .collect();
        if !loopback.is_empty() && !form.loopback_targets {
            return Err(RelaySetupError::LoopbackTargets { targets: loopback });
        }
        let params = RelayParams {
            listen,
            page_origin: trimmed(&form.origin).trim_end_matches('/').to_string(),
            targets: targets.iter().map(|t| t.url.clone()).collect(),
            resolver: (!resolver.is_empty()).then_some(resolver),
            log_dir: trimmed(&form.log_dir),
            timeout_seconds: crate::domain::acm::exchange::DEFAULT_TIMEOUT_SECONDS,
            limits: relay_nginx::RelayLimits::REFERENCE,
            real_ip_from: (!real_ip_from.is_empty()).then_some(real_ip_from),
            tls,
        };
        // Rendering checks every value; what it refuses is never shown. Before the template
        // has arrived (it is fetched after the first paint) nothing is shown either, and the
        // page checks again once it is there.
        match relay_nginx::render(&params) {
            Ok(_) | Err(RelayConfigError::Template(TemplateError::NotLoaded)) => {}
            Err(err) => return Err(err.into()),
        }
        Ok(RelaySetup { params, prefix })
    }

    /// The configuration, as `relay/nginx.conf` is rendered.
    pub fn config(&self) -> Result<String, RelayConfigError> {
        relay_nginx::render(&self.params)
    }

    /// The arguments of `cargo run --example relay_nginx --` for the same configuration.
    pub fn example_arguments(&self) -> Vec<String> {
        let p = &self.params;
        let mut args = vec![
            "--origin".to_string(),
            p.page_origin.clone(),
            "--listen".into(),
            p.listen.clone(),
            "--resolver".into(),
            p.resolver.clone().unwrap_or_else(|| "none".into()),
            "--log-dir".into(),
            p.log_dir.clone(),
            "--timeout".into(),
            p.timeout_seconds.to_string(),
        ];
        for target in &p.targets {
            args.push("--target".into());
            args.push(target.clone());
        }
        if let Some(address) = &p.real_ip_from {
            args.push("--real-ip-from".into());
            args.push(address.clone());
        }
        if let Some(tls) = &p.tls {
            args.push("--tls-certificate".into());
            args.push(tls.certificate.clone());
            args.push("--tls-key".into());
            args.push(tls.key.clone());
        }
        args
    }

    /// The relay URL to enter in step 5 once it runs: https when nginx speaks TLS (or a
    /// terminator does), the listen address otherwise.
    pub fn relay_url(&self) -> String {
        let p = &self.params;
        if p.tls.is_some() || p.real_ip_from.is_some() {
            "https://<uw-relay-server>/".to_string()
        } else {
            format!("http://{}/", p.listen)
        }
    }

    /// The commands that install nginx, put the file in place, check it and start it (Debian,
    /// Ubuntu), as one shell text from the generator.
    pub fn commands(&self) -> Result<String, TemplateError> {
        let conf = format!("{}/{FILE_NAME}", self.prefix);
        let tmp = format!("{}/tmp", self.prefix);
        let log_dir = if self.params.log_dir.starts_with('/') {
            self.params.log_dir.clone()
        } else {
            format!("{}/{}", self.prefix, self.params.log_dir)
        };
        COMMANDS
            .render(|slot| {
                Some(Value::Str(match slot {
                    "PREFIX" => &self.prefix,
                    "TMP" => &tmp,
                    "LOG_DIR" => &log_dir,
                    "CONF" => &conf,
                    "FILE" => FILE_NAME,
                    _ => return None,
                }))
            })
            .map(Rendered::into_string)
    }
}

/// Install, place, check and start; stop and reload as comments.
const COMMANDS: Template = Template::new(
    Syntax::Bash,
    "sudo apt-get install -y nginx
sudo mkdir -p {{TMP}} {{LOG_DIR}}
sudo cp {{FILE}} {{CONF}}
sudo nginx -t -p {{PREFIX}} -c {{CONF}}
sudo nginx -p {{PREFIX}} -c {{CONF}}
# stop: sudo nginx -p {{PREFIX}} -c {{CONF}} -s stop
# after a change: sudo nginx -p {{PREFIX}} -c {{CONF}} -s reload
",
);

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::facts::config::{EndpointOverrides, SiteConfig};
    use crate::domain::facts::environment::{Brand, Environment};
    use crate::domain::facts::provenance;
    use std::collections::BTreeSet;

    fn form() -> RelaySetupForm {
        RelaySetupForm::for_origin("https://onboarding.example.org")
    }

    fn published_targets() -> Vec<Target> {
        let endpoints = SiteConfig::default().endpoints(Environment::Beta, Brand::Elys);
        let typed = BTreeSet::new();
        let sourced = provenance::endpoints(
            &SiteConfig::default(),
            Environment::Beta,
            Brand::Elys,
            provenance::EndpointEdits {
                overrides: None,
                typed: &typed,
            },
        );
        targets(&endpoints, &sourced)
    }

    #[test]
    fn the_allowlist_is_every_published_endpoint_and_each_one_in_use_that_differs() {
        let published = published_targets();
        assert_eq!(published.len(), environment::relay_targets().len());
        assert!(published
            .iter()
            .all(|t| t.source == TargetSource::Published));

        let overrides = EndpointOverrides {
            issuer: Some("http://127.0.0.1:9000/op".into()),
            token: None,
            ping: Some("http://127.0.0.1:9001/health/v1/ping".into()),
        };
        let endpoints = SiteConfig::default()
            .endpoints(Environment::Beta, Brand::Elys)
            .with_overrides(Some(&overrides));
        let mut typed = BTreeSet::new();
        typed.insert(crate::domain::facts::config::EndpointField::Ping);
        let sourced = provenance::endpoints(
            &SiteConfig::default(),
            Environment::Beta,
            Brand::Elys,
            provenance::EndpointEdits {
                overrides: Some(&overrides),
                typed: &typed,
            },
        );
        let list = targets(&endpoints, &sourced);
        let extra: Vec<(&str, TargetSource)> = list
            .iter()
            .filter(|t| t.source != TargetSource::Published)
            .map(|t| (t.url.as_str(), t.source))
            .collect();
        assert_eq!(
            extra,
            [
                (
                    "http://127.0.0.1:9000/op/v1/token",
                    TargetSource::InUse(Origin::Stored)
                ),
                (
                    "http://127.0.0.1:9000/op/.well-known/openid-configuration",
                    TargetSource::InUse(Origin::Stored)
                ),
                (
                    "http://127.0.0.1:9001/health/v1/ping",
                    TargetSource::InUse(Origin::Typed)
                ),
                (
                    "http://127.0.0.1:9001/actuator/info",
                    TargetSource::InUse(Origin::Typed)
                ),
            ]
        );
        // A field still being typed adds nothing.
        let half = Endpoints {
            ping: "http://127.0.0.1:9001/he alth".into(),
            ..endpoints
        };
        assert!(!targets(&half, &sourced)
            .iter()
            .any(|t| t.url.contains("he alth")));
    }

    #[test]
    fn values_that_mean_something_to_nginx_are_refused_never_rendered() {
        let targets = published_targets();
        assert!(RelaySetup::check(&form(), &targets).is_ok());
        let hostile = [
            "\"", ";", "{", "}", "$", " ", "\t", "\n", "\u{1b}", "'", "\\", "#",
        ];
        for bad in hostile {
            for field in [
                "origin", "listen", "resolver", "log_dir", "prefix", "tls", "real_ip",
            ] {
                let mut form = form();
                match field {
                    "origin" => form.origin = format!("https://onboarding{bad}.example.org"),
                    "listen" => form.listen = format!("127.0.0.1:80{bad}10"),
                    "resolver" => form.resolver = format!("127.0.0.53{bad}x"),
                    "log_dir" => form.log_dir = format!("logs{bad}x"),
                    "prefix" => form.prefix = format!("/srv/dao{bad}relay"),
                    "tls" => {
                        form.tls_certificate = format!("/etc/ssl/a{bad}b.pem");
                        form.tls_key = "/etc/ssl/a.key".into();
                    }
                    _ => form.real_ip_from = format!("10.0.{bad}0.1"),
                }
                assert!(
                    RelaySetup::check(&form, &targets).is_err(),
                    "{field} with {bad:?} was taken"
                );
            }
        }
        let mut half = form();
        half.tls_key = "/etc/ssl/relay.key".into();
        assert_eq!(
            RelaySetup::check(&half, &targets),
            Err(RelaySetupError::TlsIncomplete)
        );
        let mut relative = form();
        relative.prefix = "srv/dao-relay".into();
        assert_eq!(
            RelaySetup::check(&relative, &targets),
            Err(RelaySetupError::BadPrefix)
        );
    }

    /// Two ways a relay would undo what it is for: plain http beyond this machine (the
    /// assertion and the token in clear on the network), and a loopback endpoint that means
    /// the relay host's own loopback. The first needs TLS; the second an explicit choice.
    #[test]
    fn plain_http_off_this_machine_and_loopback_targets_are_refused() {
        let targets = published_targets();
        for listen in [
            "0.0.0.0:8010",
            "192.0.2.7:80",
            "relay.example.org:8010",
            "[::]:8010",
        ] {
            let plain = RelaySetupForm {
                listen: listen.into(),
                ..form()
            };
            assert_eq!(
                RelaySetup::check(&plain, &targets),
                Err(RelaySetupError::PlainHttpOffLoopback),
                "{listen}"
            );
            let tls = RelaySetupForm {
                tls_certificate: "/etc/ssl/relay.pem".into(),
                tls_key: "/etc/ssl/relay.key".into(),
                ..plain.clone()
            };
            assert!(RelaySetup::check(&tls, &targets).is_ok(), "{listen}");
            let behind = RelaySetupForm {
                real_ip_from: "10.0.0.1".into(),
                ..plain
            };
            assert!(RelaySetup::check(&behind, &targets).is_ok(), "{listen}");
        }
        for listen in [
            "127.0.0.1:8010",
            "localhost:8010",
            "[::1]:8010",
            "127.8.9.10:80",
        ] {
            let local = RelaySetupForm {
                listen: listen.into(),
                ..form()
            };
            assert!(RelaySetup::check(&local, &targets).is_ok(), "{listen}");
        }
        let mut with_local = targets.clone();
        for url in [
            "http://127.0.0.1:9000/op/v1/token",
            "https://localhost:9443/health/v1/ping",
        ] {
            with_local.push(Target {
                url: url.into(),
                source: TargetSource::InUse(Origin::Typed),
            });
        }
        assert_eq!(
            RelaySetup::check(&form(), &with_local),
            Err(RelaySetupError::LoopbackTargets {
                targets: vec![
                    "http://127.0.0.1:9000/op/v1/token".into(),
                    "https://localhost:9443/health/v1/ping".into()
                ]
            })
        );
        let chosen = RelaySetupForm {
            loopback_targets: true,
            ..form()
        };
        let setup = RelaySetup::check(&chosen, &with_local).unwrap();
        assert!(setup
            .config()
            .unwrap()
            .contains("http://127.0.0.1:9000/op/v1/token"));
    }

    #[test]
    fn the_example_gets_every_parameter_as_its_flags() {
        let form = RelaySetupForm {
            tls_certificate: "/etc/ssl/relay.pem".into(),
            tls_key: "/etc/ssl/relay.key".into(),
            real_ip_from: "10.0.0.1".into(),
            resolver: String::new(),
            loopback_targets: true,
            ..form()
        };
        // Without a resolver only IP targets render: keep one of them.
        let targets = [Target {
            url: "http://127.0.0.1:9001/health/v1/ping".into(),
            source: TargetSource::InUse(Origin::Typed),
        }];
        let setup = RelaySetup::check(&form, &targets).unwrap();
        assert_eq!(
            setup.example_arguments(),
            [
                "--origin",
                "https://onboarding.example.org",
                "--listen",
                "127.0.0.1:8010",
                "--resolver",
                "none",
                "--log-dir",
                "logs",
                "--timeout",
                "15",
                "--target",
                "http://127.0.0.1:9001/health/v1/ping",
                "--real-ip-from",
                "10.0.0.1",
                "--tls-certificate",
                "/etc/ssl/relay.pem",
                "--tls-key",
                "/etc/ssl/relay.key",
            ]
        );
    }

    #[test]
    fn the_commands_put_the_file_in_place_check_it_and_start_it() {
        let setup = RelaySetup::check(&form(), &published_targets()).unwrap();
        assert_eq!(setup.relay_url(), "http://127.0.0.1:8010/");
        assert_eq!(
            setup.commands().unwrap(),
            "sudo apt-get install -y nginx
sudo mkdir -p '/srv/dao-relay/tmp' '/srv/dao-relay/logs'
sudo cp 'dao-relay.conf' '/srv/dao-relay/dao-relay.conf'
sudo nginx -t -p '/srv/dao-relay' -c '/srv/dao-relay/dao-relay.conf'
sudo nginx -p '/srv/dao-relay' -c '/srv/dao-relay/dao-relay.conf'
# stop: sudo nginx -p '/srv/dao-relay' -c '/srv/dao-relay/dao-relay.conf' -s stop
# after a change: sudo nginx -p '/srv/dao-relay' -c '/srv/dao-relay/dao-relay.conf' -s reload
"
        );
        let mut tls = form();
        tls.tls_certificate = "/etc/ssl/relay.pem".into();
        tls.tls_key = "/etc/ssl/relay.key".into();
        let setup = RelaySetup::check(&tls, &published_targets()).unwrap();
        assert_eq!(setup.relay_url(), "https://<uw-relay-server>/");
        assert!(setup
            .config()
            .unwrap()
            .contains("listen 127.0.0.1:8010 ssl;"));
    }
}
