//! End-to-end test support: the built page served on loopback, stand-ins for ACM/IDM and the
//! API, the project's nginx relay between them, and Chromium driven over WebDriver.
//!
//! Every server binds 127.0.0.1 on a free port and stops when its handle is dropped, so tests
//! run side by side and leave nothing behind.
#![allow(dead_code)]

pub mod signer;
pub mod stand_ins;

use std::net::{SocketAddr, TcpListener as StdListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use axum::http::{header, StatusCode};
use axum::response::IntoResponse;
use axum::routing::get;
use axum::Router;
use dao_onboard::domain::checked::organisation::{OrgCode, OrgName};
use dao_onboard::domain::facts::environment::{AcmSide, Brand, Role};
use dao_onboard::domain::generated::relay_config::{render, RelayLimits, RelayParams};
use dao_onboard::domain::onboarding::ping::Expectations;
use fantoccini::elements::Element;
use fantoccini::{Client, ClientBuilder, Locator};
use hyper_util::client::legacy::connect::HttpConnector;
use serde_json::{json, Value};
use tokio::task::JoinHandle;
use tower_http::services::ServeDir;

/// The client id the end-to-end tests register.
pub const CLIENT_ID: &str = dao_onboard::domain::samples::CLIENT_ID;

/// The anchors of the page's steps, from the page's own registry (`steps::Step::ALL`).
pub fn step_ids() -> impl Iterator<Item = &'static str> {
    dao_onboard::steps::Step::ALL
        .into_iter()
        .map(dao_onboard::steps::Step::id)
}

/// Fills step 1 for Stad Gent (KBO 0207.451.227) in beta, DAO, role lbbs.
pub async fn fill_organisation(page: &Browser) {
    page.set("brand-select", "DAO").await;
    page.type_keys("org-name", "Stad Gent").await;
    page.type_keys("org-code", "0207.451.227").await;
    page.set("role-select", "lbbs").await;
}

/// What the stand-ins' ping answer for Stad Gent (lbbs, beta, [`CLIENT_ID`]) is checked against,
/// under `brand`'s naming, now; `issuer` is the ACM/IDM stand-in's.
pub fn stad_gent_expectations(issuer: String, brand: Brand) -> Expectations {
    Expectations {
        client_id: Some(CLIENT_ID.into()),
        org_code: OrgCode::parse("0207451227").ok(),
        org_name: OrgName::parse("Stad Gent").ok(),
        client_name: Some(format!("{} beta Stad Gent client", brand.name())),
        issuer,
        side: AcmSide::TestAndIntegration,
        brand,
        role: Role::Lbbs,
        now: chrono::Utc::now().timestamp(),
    }
}

/// A ping answer that passes for [`fill_organisation`]'s registration and [`CLIENT_ID`], issued now.
pub fn stad_gent_answer() -> Value {
    let now = chrono::Utc::now().timestamp();
    json!({
        "VoOrgcode": "0207451227", "scopes": "vo_info dao_lbbs", "clientId": CLIENT_ID,
        "token": {"active": true, "iss": "https://authenticatie-ti.vlaanderen.be/op", "sub": CLIENT_ID, "client_id": CLIENT_ID,
                  "vo_orgcode": "0207451227", "vo_orgnaam": "Stad Gent", "vo_applicatienaam": "DAO beta Stad Gent client",
                  "token_type": "bearer", "aud": [], "scope": ["vo_info", "dao_lbbs"], "iat": now - 60, "exp": now + 3540}
    })
}

/// The `data-check` of every check row that failed, in order.
pub async fn failing_checks(page: &Browser) -> Vec<String> {
    let mut failed = Vec::new();
    for row in page.all("check-row").await {
        if row.attr("data-status").await.unwrap().as_deref() == Some("fail") {
            failed.push(row.attr("data-check").await.unwrap().unwrap());
        }
    }
    failed
}

/// How long waits for the page last before a test fails.
pub const WAIT: Duration = Duration::from_secs(20);

/// A fresh, empty directory under the system's temp dir.
/// A `curl` that records every argument it was given (NUL-separated, one run after another,
/// into the returned log) and then runs the real curl: put its directory first on `PATH` to
/// see what a command line carried.
#[allow(dead_code)]
pub fn recording_curl(name: &str) -> (PathBuf, PathBuf) {
    let dir = temp_dir(name);
    let log = dir.join("curl-arguments.log");
    let script = format!(
        "#!/bin/bash\nfor argument in \"$@\"; do printf '%s\\0' \"$argument\" >> '{}'; done\nexec /usr/bin/curl \"$@\"\n",
        log.display()
    );
    let curl = dir.join("curl");
    std::fs::write(&curl, script).unwrap();
    let mut permissions = std::fs::metadata(&curl).unwrap().permissions();
    std::os::unix::fs::PermissionsExt::set_mode(&mut permissions, 0o755);
    std::fs::set_permissions(&curl, permissions).unwrap();
    (dir, log)
}

/// Every form a secret could take on a command line: as it is, percent-encoded (a form field),
/// in a header, and its first and last 24 characters (a secret cut or split).
#[allow(dead_code)]
pub fn secret_forms(secret: &str) -> Vec<String> {
    let encoded: String = form_urlencoded::byte_serialize(secret.as_bytes()).collect();
    let mut forms = vec![secret.to_string(), encoded, format!("Bearer {secret}")];
    if secret.len() > 48 {
        forms.push(secret[..24].to_string());
        forms.push(secret[secret.len() - 24..].to_string());
    }
    forms
}

pub fn temp_dir(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!(
        "dao-onboard-{name}-{}-{:x}",
        std::process::id(),
        rand_suffix()
    ));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("temp dir");
    dir
}

fn rand_suffix() -> u128 {
    let mut bytes = [0u8; 16];
    rand_core::RngCore::fill_bytes(&mut rand_core::OsRng, &mut bytes);
    u128::from_le_bytes(bytes)
}

/// A free loopback port (bound and released; good enough for tests).
pub fn free_port() -> u16 {
    StdListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

pub fn wait_for_port(port: u16, what: &str) {
    let deadline = Instant::now() + Duration::from_secs(15);
    while TcpStream::connect(("127.0.0.1", port)).is_err() {
        assert!(
            Instant::now() < deadline,
            "{what} did not start on port {port}"
        );
        std::thread::sleep(Duration::from_millis(50));
    }
}

/// The built page (`dist/` by default; `DAO_DIST` overrides).
pub fn dist_dir(variant: &str) -> PathBuf {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let dir = match std::env::var("DAO_DIST") {
        Ok(dist) if variant == "dist" => PathBuf::from(dist),
        _ => root.join(variant),
    };
    assert!(
        dir.join("index.html").exists(),
        "{} has no built page: run scripts/test.sh (or `trunk build --release`) first",
        dir.display()
    );
    dir
}

/// Every file of a built page, as paths relative to `dist` (the split build's pieces are in its
/// `app-<hash>/` folder), sorted.
pub fn dist_files(dist: &Path) -> Vec<PathBuf> {
    fn walk(root: &Path, dir: &Path, files: &mut Vec<PathBuf>) {
        for entry in std::fs::read_dir(dir).unwrap().filter_map(Result::ok) {
            let path = entry.path();
            if path.is_dir() {
                walk(root, &path, files);
            } else {
                files.push(path.strip_prefix(root).unwrap().to_path_buf());
            }
        }
    }
    let mut files = Vec::new();
    walk(dist, dist, &mut files);
    files.sort();
    files
}

/// A copy of the built page `dist` in a fresh folder, with the files `keep` accepts.
pub fn copy_dist(dist: &Path, name: &str, keep: impl Fn(&Path) -> bool) -> PathBuf {
    let copy = temp_dir(name);
    for file in dist_files(dist).into_iter().filter(|file| keep(file)) {
        let target = copy.join(&file);
        std::fs::create_dir_all(target.parent().unwrap()).unwrap();
        std::fs::copy(dist.join(&file), target).unwrap();
    }
    copy
}

/// The split build's folder in `dist` (`app-<hash>/`, see `scripts/build.py`), relative.
pub fn pieces_dir(dist: &Path) -> PathBuf {
    let mut folders: Vec<PathBuf> = std::fs::read_dir(dist)
        .unwrap()
        .filter_map(Result::ok)
        .map(|entry| entry.path())
        .filter(|path| {
            path.is_dir()
                && path
                    .file_name()
                    .is_some_and(|n| n.to_string_lossy().starts_with("app-"))
        })
        .collect();
    assert_eq!(
        folders.len(),
        1,
        "one app-<hash>/ folder in {}",
        dist.display()
    );
    PathBuf::from(folders.pop().unwrap().file_name().unwrap())
}

/// The first download's wasm (the split build's main piece), relative to `dist`.
pub fn first_wasm(dist: &Path) -> PathBuf {
    pieces_dir(dist).join("dao-onboard_bg.wasm")
}

/// A running server task, aborted (listener and connections closed) on drop.
pub struct Server {
    pub addr: SocketAddr,
    task: JoinHandle<()>,
}

impl Server {
    pub async fn start(app: Router) -> Server {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let addr = listener.local_addr().unwrap();
        let task = tokio::spawn(async move {
            let _ = axum::serve(listener, app).await;
        });
        Server { addr, task }
    }

    pub fn url(&self) -> String {
        format!("http://{}", self.addr)
    }

    /// Stops the server now, as a network cut would.
    pub fn stop(&self) {
        self.task.abort();
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        self.task.abort();
    }
}

/// Serves `dist` at `base` ("/" or "/dao-onboard/"), with an optional `config.json`.
/// Serves `dist` the way single-page hosts (and `trunk serve`) do: any missing file, such as
/// `config.json`, is answered with `index.html` and status 200.
pub async fn serve_page_with_fallback(dist: &Path) -> Server {
    let files = ServeDir::new(dist).fallback(tower_http::services::ServeFile::new(
        dist.join("index.html"),
    ));
    Server::start(Router::new().fallback_service(files)).await
}

pub async fn serve_page(dist: &Path, base: &str, config_json: Option<String>) -> Server {
    let files = ServeDir::new(dist);
    let config_path = format!("{base}config.json");
    let config = move || {
        let config_json = config_json.clone();
        async move {
            match config_json {
                Some(body) => ([(header::CONTENT_TYPE, "application/json")], body).into_response(),
                None => StatusCode::NOT_FOUND.into_response(),
            }
        }
    };
    let app = if base == "/" {
        Router::new()
            .route(&config_path, get(config))
            .fallback_service(files)
    } else {
        Router::new()
            .route(&config_path, get(config))
            .nest_service(base.trim_end_matches('/'), files)
    };
    Server::start(app).await
}

/// An HTTP answer read off the wire.
#[derive(Debug)]
pub struct RawReply {
    pub status: u16,
    /// Header names lower-cased.
    pub headers: Vec<(String, String)>,
    pub body: String,
}

impl RawReply {
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
    }
}

/// Sends `request` byte for byte (nothing normalises the target) and reads the answer until
/// the server closes (send `Connection: close`).
/// Like [`raw_http`], with the body as bytes (a compressed file, say) and the headers.
#[allow(dead_code)]
pub async fn raw_http_bytes(port: u16, request: &str) -> (Vec<(String, String)>, Vec<u8>) {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    let mut stream = tokio::net::TcpStream::connect(("127.0.0.1", port))
        .await
        .expect("connects");
    stream.write_all(request.as_bytes()).await.unwrap();
    let mut bytes = Vec::new();
    let _ = tokio::time::timeout(Duration::from_secs(30), stream.read_to_end(&mut bytes)).await;
    let end = bytes
        .windows(4)
        .position(|w| w == b"\r\n\r\n")
        .map_or(bytes.len(), |at| at + 4);
    let head = String::from_utf8_lossy(&bytes[..end]).into_owned();
    let headers = head
        .lines()
        .skip(1)
        .filter_map(|line| line.split_once(':'))
        .map(|(n, v)| (n.trim().to_ascii_lowercase(), v.trim().to_string()))
        .collect();
    (headers, bytes[end..].to_vec())
}

pub async fn raw_http(port: u16, request: &str) -> RawReply {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    let mut stream = tokio::net::TcpStream::connect(("127.0.0.1", port))
        .await
        .expect("connects");
    stream.write_all(request.as_bytes()).await.unwrap();
    let mut bytes = Vec::new();
    let _ = tokio::time::timeout(Duration::from_secs(30), stream.read_to_end(&mut bytes)).await;
    let text = String::from_utf8_lossy(&bytes).into_owned();
    let (head, body) = text.split_once("\r\n\r\n").unwrap_or((&text, ""));
    let mut lines = head.lines();
    let status = lines
        .next()
        .and_then(|line| line.split_whitespace().nth(1))
        .and_then(|code| code.parse().ok())
        .unwrap_or(0);
    let headers = lines
        .filter_map(|line| line.split_once(':'))
        .map(|(n, v)| (n.trim().to_ascii_lowercase(), v.trim().to_string()))
        .collect();
    RawReply {
        status,
        headers,
        body: body.to_string(),
    }
}

/// A raw upstream that answers `200` with `Content-Length: 1000` and closes after 11 bytes: a
/// server that breaks off mid-answer. Returns its ping-shaped URL.
pub async fn breaking_upstream() -> String {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let port = listener.local_addr().unwrap().port();
    tokio::spawn(async move {
        while let Ok((mut socket, _)) = listener.accept().await {
            let mut buffer = [0u8; 4096];
            let _ = socket.read(&mut buffer).await;
            let _ = socket
                .write_all(b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n{\"partial\":")
                .await;
        }
    });
    format!("http://127.0.0.1:{port}/health/v1/ping")
}

/// A raw upstream that answers `200` without `Content-Length` and then streams 3 MB: an answer
/// no `Content-Length` check can catch. Returns its ping-shaped URL.
pub async fn endless_upstream() -> String {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let port = listener.local_addr().unwrap().port();
    tokio::spawn(async move {
        while let Ok((mut socket, _)) = listener.accept().await {
            tokio::spawn(async move {
                let mut buffer = [0u8; 4096];
                let _ = socket.read(&mut buffer).await;
                let _ = socket
                    .write_all(b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nConnection: close\r\n\r\n{\"padding\":\"")
                    .await;
                let chunk = vec![b'x'; 64 * 1024];
                for _ in 0..48 {
                    if socket.write_all(&chunk).await.is_err() {
                        return;
                    }
                }
            });
        }
    });
    format!("http://127.0.0.1:{port}/health/v1/ping")
}

/// Two extra allowlisted targets for fault tests, and the stand-ins' targets with them: an
/// address where nothing listens (down), and [`breaking_upstream`].
pub async fn fault_targets(stand_ins: &stand_ins::StandIns) -> (String, String, Vec<String>) {
    let down = format!("http://127.0.0.1:{}/health/v1/ping", free_port());
    let breaking = breaking_upstream().await;
    let mut targets = stand_ins.relay_targets();
    targets.push(down.clone());
    targets.push(breaking.clone());
    (down, breaking, targets)
}

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

/// The same configuration without `proxy_ssl_protocols`, as it was before issue 26.
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
        use dao_onboard::domain::generated::hosting_config::{self, HostingParams};
        let port = free_port();
        let dir = temp_dir("hosting");
        let config = hosting_config::render(&HostingParams {
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

/// Chromium under chromedriver, with a fresh profile.
pub struct Browser {
    pub client: Client,
    driver: Child,
    profile: PathBuf,
}

impl Browser {
    pub async fn start() -> Browser {
        Self::start_with(&[]).await
    }

    /// Starts Chromium with extra command-line flags.
    pub async fn start_with(extra_args: &[&str]) -> Browser {
        let port = free_port();
        let driver = Command::new(
            std::env::var("CHROMEDRIVER").unwrap_or_else(|_| "/usr/bin/chromedriver".into()),
        )
        .arg(format!("--port={port}"))
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("chromedriver is installed (scripts/setup.sh)");
        wait_for_port(port, "chromedriver");
        let profile = temp_dir("chromium");
        let mut args: Vec<String> = [
            "--headless=new",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-dev-shm-usage",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--window-size=1280,1600",
        ]
        .iter()
        .map(std::string::ToString::to_string)
        .collect();
        args.push(format!("--user-data-dir={}", profile.display()));
        args.extend(extra_args.iter().map(std::string::ToString::to_string));
        let capabilities = json!({
            "browserName": "chrome",
            "goog:chromeOptions": { "binary": "/usr/bin/chromium", "args": args },
            "goog:loggingPrefs": { "browser": "ALL" }
        });
        let Value::Object(capabilities) = capabilities else {
            unreachable!()
        };
        // chromedriver opens its port a moment before it takes sessions.
        let mut attempt = 0;
        let client = loop {
            match ClientBuilder::new(HttpConnector::new())
                .capabilities(capabilities.clone())
                .connect(&format!("http://127.0.0.1:{port}"))
                .await
            {
                Ok(client) => break client,
                Err(err) if attempt < 10 => {
                    attempt += 1;
                    eprintln!("WebDriver session not ready ({err}); retrying");
                    tokio::time::sleep(Duration::from_millis(300)).await;
                }
                Err(err) => panic!("no WebDriver session: {err}"),
            }
        };
        Browser {
            client,
            driver,
            profile,
        }
    }

    /// Records everything written to the console (and uncaught errors) from now on; read it
    /// with [`Browser::console_text`].
    pub async fn capture_console(&self) {
        self.eval(
            "window.__console = [];
             for (const m of ['log', 'info', 'warn', 'error', 'debug']) {
               const original = console[m].bind(console);
               console[m] = (...args) => {
                 window.__console.push(args.map(a => {
                   try { return typeof a === 'string' ? a : JSON.stringify(a); } catch (e) { return String(a); }
                 }).join(' '));
                 original(...args);
               };
             }
             window.addEventListener('error', e => window.__console.push(String(e.message)));
             return null;",
        )
        .await;
    }

    /// What the console received since [`Browser::capture_console`].
    pub async fn console_text(&self) -> String {
        self.eval("return JSON.stringify(window.__console || []);")
            .await
            .as_str()
            .unwrap_or_default()
            .to_string()
    }

    pub async fn goto(&self, url: &str) {
        self.client.goto(url).await.unwrap();
        self.wait_ready().await;
    }

    /// Waits until the app has mounted (it marks `<html data-ready-ms>`) and the parts after
    /// step 1 are there (the split build fetches them after the first paint: every step's
    /// section and the workspace).
    pub async fn wait_ready(&self) {
        self.wait_mounted().await;
        let sections: Vec<String> = step_ids().map(|id| format!("#{id}")).collect();
        let script = format!(
            "return {sections:?}.every(s => document.querySelector(s) !== null) && document.querySelector('[data-testid=\"workspace\"]') !== null"
        );
        self.wait_script(&script, "the parts after step 1").await;
    }

    /// Waits until the app has mounted: the first screen, step 1's field there.
    pub async fn wait_mounted(&self) {
        self.wait_script(
            "return document.documentElement.getAttribute('data-ready-ms') !== null && document.querySelector('[data-testid=\"org-name\"]') !== null",
            "the app to mount",
        )
        .await;
    }

    /// Waits until `script` returns `true` in the page (an error or anything else: not yet).
    async fn wait_script(&self, script: &str, what: &str) {
        self.wait_for(
            || async {
                self.client
                    .execute(script, vec![])
                    .await
                    .ok()
                    .and_then(|v| v.as_bool())
                    .unwrap_or(false)
            },
            what,
        )
        .await;
    }

    pub async fn wait_for<F, Fut>(&self, mut condition: F, what: &str)
    where
        F: FnMut() -> Fut,
        Fut: std::future::Future<Output = bool>,
    {
        let deadline = Instant::now() + WAIT;
        loop {
            if condition().await {
                return;
            }
            assert!(Instant::now() < deadline, "timed out waiting for {what}");
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    }

    pub fn selector(testid: &str) -> String {
        format!("[data-testid=\"{testid}\"]")
    }

    pub async fn el(&self, testid: &str) -> Element {
        let selector = Self::selector(testid);
        let deadline = Instant::now() + WAIT;
        loop {
            if let Ok(element) = self.client.find(Locator::Css(&selector)).await {
                return element;
            }
            assert!(Instant::now() < deadline, "no element {selector}");
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    }

    pub async fn all(&self, testid: &str) -> Vec<Element> {
        self.client
            .find_all(Locator::Css(&Self::selector(testid)))
            .await
            .unwrap()
    }

    pub async fn exists(&self, testid: &str) -> bool {
        !self.all(testid).await.is_empty()
    }

    /// Sets an input's, text area's or select's value as typing would (input/change events).
    pub async fn set(&self, testid: &str, value: &str) {
        let element = self.el(testid).await;
        self.client
            .execute(
                "const e = arguments[0]; e.value = arguments[1];
                 e.dispatchEvent(new Event(e.tagName === 'SELECT' ? 'change' : 'input', { bubbles: true }));",
                vec![serde_json::to_value(&element).unwrap(), json!(value)],
            )
            .await
            .unwrap();
    }

    /// Types with real key events.
    pub async fn type_keys(&self, testid: &str, text: &str) {
        let element = self.el(testid).await;
        element.clear().await.unwrap();
        element.send_keys(text).await.unwrap();
    }

    pub async fn click(&self, testid: &str) {
        let element = self.el(testid).await;
        self.client
            .execute(
                "arguments[0].scrollIntoView({block: 'center'});",
                vec![serde_json::to_value(&element).unwrap()],
            )
            .await
            .unwrap();
        element.click().await.unwrap();
    }

    pub async fn text(&self, testid: &str) -> String {
        let element = self.el(testid).await;
        self.client
            .execute(
                "return arguments[0].textContent;",
                vec![serde_json::to_value(&element).unwrap()],
            )
            .await
            .unwrap()
            .as_str()
            .unwrap_or_default()
            .to_string()
    }

    pub async fn value(&self, testid: &str) -> String {
        self.el(testid)
            .await
            .prop("value")
            .await
            .unwrap()
            .unwrap_or_default()
    }

    pub async fn attr(&self, testid: &str, name: &str) -> Option<String> {
        self.el(testid).await.attr(name).await.unwrap()
    }

    /// Waits until an element with `testid` has `name` = `expected`.
    pub async fn wait_attr(&self, testid: &str, name: &str, expected: &str) {
        let selector = format!("{}[{name}=\"{expected}\"]", Self::selector(testid));
        let what = format!("{selector} (now: {:?})", self.attr_now(testid, name).await);
        self.wait_for(
            || async { self.client.find(Locator::Css(&selector)).await.is_ok() },
            &what,
        )
        .await;
    }

    async fn attr_now(&self, testid: &str, name: &str) -> Option<String> {
        let element = self
            .client
            .find(Locator::Css(&Self::selector(testid)))
            .await
            .ok()?;
        element.attr(name).await.ok().flatten()
    }

    /// Waits until `testid` exists.
    pub async fn wait_exists(&self, testid: &str) {
        self.wait_for(|| async { self.exists(testid).await }, testid)
            .await;
    }

    /// What the page says of its `config.json` (`data-config`: `loaded`, `invalid`, or null).
    pub async fn data_config(&self) -> Value {
        self.eval("return document.documentElement.getAttribute('data-config')")
            .await
    }

    /// Waits until the page has read a good `config.json`.
    pub async fn wait_config_loaded(&self) {
        self.wait_for(
            || async { self.data_config().await == json!("loaded") },
            "config.json",
        )
        .await;
    }

    pub async fn eval(&self, script: &str) -> Value {
        self.client.execute(script, vec![]).await.unwrap()
    }

    pub async fn eval_async(&self, script: &str) -> Value {
        self.client.execute_async(script, vec![]).await.unwrap()
    }

    pub async fn screenshot(&self, path: &Path) {
        if let Ok(png) = self.client.screenshot().await {
            let _ = std::fs::write(path, png);
        }
    }

    /// Ends the session; dropping then stops chromedriver.
    pub async fn close(self) {
        let _ = self.client.clone().close().await;
        let _ = std::fs::remove_dir_all(&self.profile);
    }
}

impl Drop for Browser {
    fn drop(&mut self) {
        let _ = self.driver.kill();
        let _ = self.driver.wait();
    }
}
