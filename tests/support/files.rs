//! Time limits, scratch folders, free ports and a recording curl: what every test that starts a
//! process needs.

use super::*;

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
