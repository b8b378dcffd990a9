//! Chromium driven over WebDriver (chromedriver): the page's own automation handles
//! (`data-testid`, `data-*` states) read and used the way a user would.

use super::*;

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
        Self::launch(extra_args, "normal").await
    }

    /// Starts Chromium whose `goto` returns at once (WebDriver's page load strategy "none"),
    /// for a test that acts on a page while it is still loading.
    pub async fn start_not_waiting_for_load() -> Browser {
        Self::launch(&[], "none").await
    }

    async fn launch(extra_args: &[&str], page_load_strategy: &str) -> Browser {
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
            "goog:loggingPrefs": { "browser": "ALL" },
            "pageLoadStrategy": page_load_strategy
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

    /// The network of a slow line, emulated by Chromium (its developer protocol through
    /// chromedriver) with the cache off: `latency_ms` each way, the throughputs in bits per
    /// second.
    pub async fn emulate_slow_line(&self, latency_ms: u32, down_bps: u64, up_bps: u64) {
        self.cdp("Network.enable", json!({})).await;
        self.cdp("Network.setCacheDisabled", json!({ "cacheDisabled": true }))
            .await;
        self.cdp(
            "Network.emulateNetworkConditions",
            json!({
                "offline": false,
                "latency": latency_ms,
                "downloadThroughput": down_bps / 8,
                "uploadThroughput": up_bps / 8
            }),
        )
        .await;
    }

    /// A DevTools-protocol command, for what WebDriver cannot say.
    pub async fn cdp(&self, cmd: &'static str, params: Value) -> Value {
        self.client.issue_cmd(Cdp { cmd, params }).await.unwrap()
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
    pub async fn wait_script(&self, script: &str, what: &str) {
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

/// A DevTools-protocol command through chromedriver (`goog/cdp/execute`).
#[derive(Debug)]
struct Cdp {
    cmd: &'static str,
    params: Value,
}

impl fantoccini::wd::WebDriverCompatibleCommand for Cdp {
    fn endpoint(
        &self,
        base_url: &url::Url,
        session_id: Option<&str>,
    ) -> Result<url::Url, url::ParseError> {
        base_url.join(&format!(
            "session/{}/goog/cdp/execute",
            session_id.unwrap_or_default()
        ))
    }

    fn method_and_body(&self, _request_url: &url::Url) -> (::http::Method, Option<String>) {
        let body = json!({ "cmd": self.cmd, "params": self.params });
        (::http::Method::POST, Some(body.to_string()))
    }
}

/// Runs one of the repository's Node scripts (they drive browsers through puppeteer-core) with
/// these arguments, failing the test with its message; what it printed.
#[allow(dead_code)]
pub fn node_script(script: &str, args: &[&std::ffi::OsStr]) -> Vec<u8> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let output = Command::new("node")
        .arg(root.join(script))
        .args(args)
        .current_dir(root)
        .output()
        .expect("node is installed (scripts/setup.sh)");
    assert!(
        output.status.success(),
        "{script}: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    output.stdout
}
