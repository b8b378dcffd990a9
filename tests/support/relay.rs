//! The project's nginx relay and hosting configuration run for real: test certificates, TLS
//! variants, and the relay between the page and the stand-ins.

use super::*;

/// Runs `openssl` with these arguments in `dir`, failing the test with its message.
pub fn openssl(dir: &std::path::Path, args: &[&str]) {
    let out = std::process::Command::new("openssl")
        .current_dir(dir)
        .args(args)
        .output()
        .expect("openssl is installed (scripts/setup.sh)");
    assert!(
        out.status.success(),
        "openssl {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
}

/// A test CA and a certificate for 127.0.0.1 signed by it, made in `dir`: `ca.pem`,
/// `server.pem`, `server.key`.
pub fn test_certificates(dir: &std::path::Path) {
    let ec = [
        "-newkey",
        "ec",
        "-pkeyopt",
        "ec_paramgen_curve:prime256v1",
        "-nodes",
    ];
    let mut ca = vec!["req", "-x509"];
    ca.extend(ec);
    ca.extend(["-keyout", "ca.key", "-out", "ca.pem", "-days", "2"]);
    ca.extend(["-subj", "/CN=dao-onboard test CA"]);
    openssl(dir, &ca);
    let mut csr = vec!["req"];
    csr.extend(ec);
    csr.extend(["-keyout", "server.key", "-out", "server.csr"]);
    csr.extend(["-subj", "/CN=127.0.0.1"]);
    openssl(dir, &csr);
    std::fs::write(
        dir.join("san.ext"),
        "subjectAltName=IP:127.0.0.1,DNS:127.0.0.1\n",
    )
    .unwrap();
    openssl(
        dir,
        &[
            "x509",
            "-req",
            "-in",
            "server.csr",
            "-CA",
            "ca.pem",
            "-CAkey",
            "ca.key",
            "-CAcreateserial",
            "-out",
            "server.pem",
            "-days",
            "2",
            "-extfile",
            "san.ext",
        ],
    );
}

/// `nginx -v`'s version as (major, minor, patch).
pub fn nginx_version() -> (u32, u32, u32) {
    let out = std::process::Command::new("nginx")
        .arg("-v")
        .output()
        .expect("nginx is installed");
    let text = String::from_utf8_lossy(&out.stderr).to_string();
    let version = text
        .split("nginx/")
        .nth(1)
        .and_then(|rest| rest.split_whitespace().next())
        .unwrap_or_else(|| panic!("no version in {text:?}"));
    let parts: Vec<u32> = version.split('.').map(|p| p.parse().unwrap()).collect();
    (parts[0], parts[1], parts[2])
}

/// A real nginx that speaks only TLS 1.3, with a certificate for 127.0.0.1 from a test CA
/// (`ca.pem` in the returned directory), serving `locations` (nginx `location` blocks): the
/// TLS-1.3-only server the API team's release notes once announced, for the relay tests. Returns the server, its port and
/// its directory.
pub fn tls13_only_nginx(locations: &str) -> (Relay, u16, PathBuf) {
    let dir = temp_dir("tls13-upstream");
    test_certificates(&dir);
    let port = free_port();
    let d = dir.display();
    let conf = format!(
        "worker_processes 1;\npid {d}/logs/nginx.pid;\nerror_log {d}/logs/error.log warn;\n\
         user nobody nogroup;\nevents {{ worker_connections 64; }}\n\
         http {{\n    access_log off;\n    client_body_temp_path tmp/client_body;\n\
         proxy_temp_path tmp/proxy;\n    fastcgi_temp_path tmp/fastcgi;\n\
         uwsgi_temp_path tmp/uwsgi;\n    scgi_temp_path tmp/scgi;\n\
         server {{\n        listen 127.0.0.1:{port} ssl;\n\
         ssl_certificate {d}/server.pem;\n        ssl_certificate_key {d}/server.key;\n\
         ssl_protocols TLSv1.3;\n{locations}\n    }}\n}}\n"
    );
    let server = Relay::run(port, dir.clone(), &conf);
    (server, port, dir)
}

/// A relay configuration as rendered, trusting the test CA at `ca` instead of the system's
/// store: the one line that differs from what the page writes.
pub fn trusting_test_ca(rendered: &str, ca: &Path) -> String {
    let system_store = "proxy_ssl_trusted_certificate /etc/ssl/certs/ca-certificates.crt;";
    assert_eq!(rendered.matches(system_store).count(), 1, "{rendered}");
    rendered.replace(
        system_store,
        &format!("proxy_ssl_trusted_certificate {};", ca.display()),
    )
}

/// The same configuration without `proxy_ssl_protocols`, as it was before the relay asked its
/// upstreams for TLS 1.3: the test shows that version fails where the current one works.
pub fn without_tls13_upstream(conf: &str) -> String {
    let line = "        proxy_ssl_protocols TLSv1.2 TLSv1.3;\n";
    assert_eq!(conf.matches(line).count(), 1, "the relay sets it once");
    conf.replace(line, "")
}

/// The project's nginx relay, rendered for the stand-ins, as a child process.
pub struct Relay {
    pub port: u16,
    pub dir: PathBuf,
    child: Option<Child>,
}

impl Relay {
    /// The reference configuration for these targets (15 s time-out, reference limits).
    pub fn params(page_origin: &str, targets: Vec<String>, port: u16, dir: &Path) -> RelayParams {
        RelayParams {
            listen: format!("127.0.0.1:{port}"),
            page_origin: page_origin.to_string(),
            targets,
            resolver: None,
            log_dir: dir.join("logs").display().to_string(),
            timeout_seconds: 15,
            limits: RelayLimits::REFERENCE,
            real_ip_from: None,
            tls: None,
        }
    }

    pub fn start(page_origin: &str, targets: Vec<String>) -> Relay {
        Self::start_with(page_origin, targets, |_| {})
    }

    /// Starts the relay with the reference parameters changed by `adjust`.
    pub fn start_with(
        page_origin: &str,
        targets: Vec<String>,
        adjust: impl FnOnce(&mut RelayParams),
    ) -> Relay {
        let port = free_port();
        let dir = temp_dir("relay");
        let mut params = Self::params(page_origin, targets, port, &dir);
        adjust(&mut params);
        let conf = render(&params).expect("the relay config renders");
        Self::run(port, dir, &conf)
    }

    /// Runs nginx with any rendered configuration listening on `port` (the relay's or the
    /// hosting one).
    pub fn run(port: u16, dir: PathBuf, config: &str) -> Relay {
        std::fs::create_dir_all(dir.join("logs")).unwrap();
        std::fs::create_dir_all(dir.join("tmp")).unwrap();
        let conf = dir.join("nginx.conf");
        std::fs::write(&conf, config).unwrap();
        let test = Command::new("nginx")
            .arg("-t")
            .arg("-p")
            .arg(&dir)
            .arg("-c")
            .arg(&conf)
            .output()
            .expect("nginx is installed (scripts/setup.sh)");
        assert!(
            test.status.success(),
            "nginx -t failed: {}",
            String::from_utf8_lossy(&test.stderr)
        );
        let child = Command::new("nginx")
            .arg("-p")
            .arg(&dir)
            .arg("-c")
            .arg(&conf)
            .arg("-g")
            .arg("daemon off;")
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("nginx starts");
        wait_for_port(port, "nginx");
        Relay {
            port,
            dir,
            child: Some(child),
        }
    }

    /// The reference server for the page (`hosting/nginx.conf`, rendered) serving the built
    /// page in `root` (absolute) on a free port: its headers, precompression and caching.
    pub fn host_page(root: &Path) -> Relay {
        use dao_onboard::domain::runnable::hosting_nginx::{self, HostingParams};
        let port = free_port();
        let dir = temp_dir("hosting");
        let config = hosting_nginx::render(&HostingParams {
            listen: format!("127.0.0.1:{port}"),
            root: root.display().to_string(),
            log_dir: dir.join("logs").display().to_string(),
        })
        .expect("the hosting config renders");
        Self::run(port, dir, &config)
    }

    pub fn url(&self) -> String {
        format!("http://127.0.0.1:{}/", self.port)
    }

    /// Stops nginx (the "relay is down" case).
    pub fn stop(&mut self) {
        if let Some(mut child) = self.child.take() {
            // Killing the master would leave its workers serving: ask it to stop them.
            let stopped = Command::new("nginx")
                .arg("-p")
                .arg(&self.dir)
                .arg("-c")
                .arg(self.dir.join("nginx.conf"))
                .args(["-s", "stop"])
                .stderr(Stdio::null())
                .status()
                .is_ok_and(|s| s.success());
            if !stopped {
                let _ = child.kill();
            }
            let _ = child.wait();
        }
        let deadline = Instant::now() + Duration::from_secs(10);
        while TcpStream::connect(("127.0.0.1", self.port)).is_ok() && Instant::now() < deadline {
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    /// Both log files, for the "nothing secret is logged" test.
    pub fn logs(&self) -> String {
        ["access.log", "error.log"]
            .iter()
            .map(|name| {
                std::fs::read_to_string(self.dir.join("logs").join(name)).unwrap_or_default()
            })
            .collect::<Vec<_>>()
            .join("\n")
    }
}

impl Drop for Relay {
    fn drop(&mut self) {
        self.stop();
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}
