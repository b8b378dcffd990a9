//! End to end, what arrives after the first paint: the English texts, step 7's programs and the
//! later steps' chunk come checked, a part that cannot be fetched is said with a retry, and the
//! page keeps working offline once it has them (and after its server is gone).
#![cfg(not(target_arch = "wasm32"))]

mod support;

use serde_json::{json, Value};
use support::{dist_dir, fill_organisation, serve_page, use_every_step, Browser};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_page_keeps_working_with_the_network_cut() {
    let server = serve_page(&dist_dir("dist"), "/", None).await;
    let page = Browser::start().await;
    page.goto(&server.url()).await;
    go_offline(&page, &server).await;
    use_every_step(&page).await;
    assert!(page
        .text("proof-report")
        .await
        .contains("DAO beta Stad Gent client"));
    page.click("lang-toggle").await;
    assert!(page
        .text("ping-verdict")
        .await
        .starts_with("Everything matches"));
    page.close().await;
}

/// Stops the page's server and waits until it no longer answers.
async fn go_offline(page: &Browser, server: &support::Server) {
    server.stop();
    page.wait_for(
        || async { connect(&server.url()).await.is_err() },
        "the page's server to be gone",
    )
    .await;
}

/// A plain TCP connect, to show the page's server no longer answers.
async fn connect(url: &str) -> std::io::Result<()> {
    let address = url.trim_start_matches("http://");
    tokio::net::TcpStream::connect(address).await.map(|_| ())
}

/// Whether the first download's wasm in `dist/` holds `text` (as bytes).
fn release_wasm_holds() -> impl Fn(&str) -> bool {
    piece_holds("dao-onboard_bg.wasm")
}

/// Whether the built page's wasm piece `name` holds a text.
fn piece_holds(name: &str) -> impl Fn(&str) -> bool {
    let dist = dist_dir("dist");
    let wasm = std::fs::read(dist.join(support::pieces_dir(&dist)).join(name)).unwrap();
    move |text: &str| wasm.windows(text.len()).any(|w| w == text.as_bytes())
}

/// The page loaded from a copy of `dist/` whose late table `file` holds `table` instead.
async fn page_with_table(name: &str, file: &str, table: &str) -> (support::Server, Browser) {
    let server = serve_page(&dist_with_table(name, file, table), "/", None).await;
    let page = Browser::start().await;
    page.goto(&server.url()).await;
    page.wait_ready().await;
    (server, page)
}

/// An element's text from the DOM (also inside a closed `<details>`, which WebDriver's element
/// text leaves out).
async fn dom_text(page: &Browser, selector: &str) -> Value {
    page.eval(&format!(
        "return document.querySelector('{selector}').textContent"
    ))
    .await
}

/// Step 5's own relay configuration for 127.0.0.1:8443 with logs in `logs` (its section is
/// closed, so the text is read from the DOM).
async fn own_relay_config(page: &Browser) -> String {
    page.set("relay-config-listen", "127.0.0.1:8443").await;
    page.set("relay-config-log-dir", "logs").await;
    let text = dom_text(page, "[data-testid=\"relay-config\"]").await;
    text.as_str().unwrap().to_owned()
}

/// A copy of `dist/` with the late table `file`'s text replaced by `table` (no precompressed
/// copies of it, so the server sends these bytes).
fn dist_with_table(name: &str, file: &str, table: &str) -> std::path::PathBuf {
    let copy = support::copy_dist(&dist_dir("dist"), name, |_| true);
    std::fs::write(copy.join(file), table).unwrap();
    for compressed in ["gz", "br"] {
        let _ = std::fs::remove_file(copy.join(format!("{file}.{compressed}")));
    }
    copy
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn each_dutch_text_is_in_the_piece_that_shows_it_and_english_arrives_checked() {
    use dao_onboard::i18n::{t, Lang, T};
    let dist = dist_dir("dist");
    // The wasm holds the Dutch texts and none of the English ones; the table holds those,
    // under the name with its content hash that the wasm asks for. Each Dutch text is in the
    // piece that shows it: the first screen's in the first download, the later parts' in the
    // chunk (and only there).
    let (first, chunk) = (release_wasm_holds(), piece_holds("split_rest.wasm"));
    for key in [T::AppIntro, T::FooterPromise, T::OrgNameHint] {
        assert!(first(t(Lang::Nl, key)), "{key:?} in Dutch, first download");
        assert!(!chunk(t(Lang::Nl, key)), "{key:?} in Dutch, chunk");
        assert!(!first(t(Lang::En, key)), "{key:?} in English");
    }
    for key in [T::WorkspaceIntro, T::KeyPromise] {
        assert!(!first(t(Lang::Nl, key)), "{key:?} in Dutch, first download");
        assert!(chunk(t(Lang::Nl, key)), "{key:?} in Dutch, chunk");
        assert!(!chunk(t(Lang::En, key)), "{key:?} in English");
    }
    let table = std::fs::read_to_string(dist.join(dao_onboard::i18n::ENGLISH_FILE)).unwrap();
    assert!(table.contains(t(Lang::En, T::AppIntro)));

    // The table arrives after the page is up; the toggle then works without the server.
    let server = serve_page(&dist, "/", None).await;
    let page = Browser::start().await;
    page.goto(&server.url()).await;
    page.wait_ready().await;
    page.wait_for(
        || async {
            page.eval(
                "return performance.getEntriesByType('resource').some(e => e.name.includes('/texts-en-'))",
            )
            .await
                == json!(true)
        },
        "the English table's background fetch",
    )
    .await;
    tokio::time::sleep(std::time::Duration::from_millis(300)).await;
    server.stop();
    page.click("lang-toggle").await;
    page.wait_for(
        || async { page.text("lang-toggle").await == "Nederlands" },
        "English without the server",
    )
    .await;
    // The workspace is empty, so its header line is absent; the title speaks English.
    assert_eq!(
        page.eval("return document.querySelector('h1').textContent")
            .await,
        json!(t(Lang::En, T::AppTitle))
    );
    page.close().await;

    // A table that is not this build's is refused: the page says so and stays Dutch.
    let altered = table.replacen(t(Lang::En, T::AppTitle), "Altered title", 1);
    let (_other, page) =
        page_with_table("english-altered", dao_onboard::i18n::ENGLISH_FILE, &altered).await;
    page.click("lang-toggle").await;
    page.wait_exists("lang-problem").await;
    assert_eq!(page.text("lang-toggle").await, "English");
    assert!(!page
        .eval("return document.body.innerText")
        .await
        .to_string()
        .contains("Altered title"));
    page.close().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn step_7_s_programs_arrive_after_the_page_checked_and_stay_offline() {
    use dao_onboard::domain::templates::late::late_texts::{index, TEMPLATES_FILE};
    let dist = dist_dir("dist");
    let shell = include_str!("../src/domain/runnable/templates/elys-ping.sh.tmpl");
    let java = include_str!("../src/domain/runnable/templates/Main.java.tmpl");
    let relay = include_str!("../src/domain/runnable/templates/relay.conf.tmpl");
    let first_line = |text: &'static str| text.lines().nth(1).unwrap();
    let holds = release_wasm_holds();
    for line in [
        first_line(shell),
        first_line(java),
        relay.lines().next().unwrap(),
    ] {
        assert!(!holds(line), "{line} in the wasm");
    }
    let table = std::fs::read_to_string(dist.join(TEMPLATES_FILE)).unwrap();
    let entries: Vec<String> = serde_json::from_str(&table).unwrap();
    assert_eq!(entries[index("templates/elys-ping.sh.tmpl")], shell);
    assert_eq!(entries[index("templates/Main.java.tmpl")], java);

    // After the page is up, the programs are there, also once the server is gone.
    let server = serve_page(&dist, "/", None).await;
    let page = Browser::start().await;
    page.goto(&server.url()).await;
    page.wait_ready().await;
    page.wait_for(
        || async { !page.exists("software-loading").await },
        "the templates",
    )
    .await;
    server.stop();
    fill_organisation(&page).await;
    let snippet = dom_text(&page, "[data-testid=\"snippet\"][data-lang=\"shell\"]").await;
    let snippet = snippet.as_str().unwrap();
    assert!(snippet.starts_with("#!/usr/bin/env bash"), "{snippet:.200}");
    assert!(
        snippet.contains("Stad Gent") || snippet.contains("SCOPE="),
        "{snippet:.400}"
    );
    assert!(!page.exists("software-load-failed").await);
    // Step 5's own relay, rendered from the late template too.
    let relay_config = own_relay_config(&page).await;
    assert!(
        relay_config.starts_with(relay.lines().next().unwrap()),
        "{relay_config}"
    );
    page.close().await;

    // A table that is not this build's: the step says so and offers to try again.
    let altered = table.replacen("curl", "wget", 1);
    let (_other, page) = page_with_table("templates-altered", TEMPLATES_FILE, &altered).await;
    page.wait_exists("software-load-failed").await;
    page.wait_exists("software-retry").await;
    page.wait_exists("relay-config-load-failed").await;
    let relay_config = dom_text(&page, "[data-testid=\"relay-config\"]").await;
    assert_eq!(relay_config, json!(""));
    let snippet = dom_text(&page, "[data-testid=\"snippet\"][data-lang=\"shell\"]").await;
    assert_eq!(
        snippet,
        json!(""),
        "no program from a table that failed its check"
    );
    page.close().await;
}

/// The split build: the first download is the shell and step 1; the workspace and steps 2 to 7
/// arrive as a chunk the page requests by itself right after the first paint (no scrolling,
/// no click), and once it is there they work with the page's server gone: step 5's own relay,
/// step 7's programs and the workspace.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_parts_arrive_after_the_first_paint_and_work_offline() {
    let dist = dist_dir("dist");
    let first = std::fs::read(dist.join(support::first_wasm(&dist))).unwrap();
    let chunk = std::fs::read(
        dist.join(support::pieces_dir(&dist))
            .join("split_rest.wasm"),
    )
    .unwrap();
    let holds = |wasm: &[u8], text: &str| wasm.windows(text.len()).any(|w| w == text.as_bytes());
    // A text only step 7's component uses is in the chunk, not in the first download.
    let step_7_only = "data-lang";
    assert!(holds(&chunk, step_7_only) && !holds(&first, step_7_only));

    let server = serve_page(&dist, "/", None).await;
    let page = Browser::start().await;
    page.client.goto(&server.url()).await.unwrap();
    page.wait_ready().await;
    let timing = page
        .eval(
            "const paint = performance.getEntriesByType('paint').map(e => e.startTime);
             const chunk = performance.getEntriesByType('resource').filter(e => e.name.endsWith('/split_rest.wasm'));
             return { paint: Math.min(...paint), chunk: chunk.map(e => e.startTime), scrolled: window.scrollY };",
        )
        .await;
    let paint = timing["paint"].as_f64().expect("a paint entry");
    let chunk_starts = timing["chunk"].as_array().unwrap();
    assert_eq!(chunk_starts.len(), 1, "the chunk, fetched once: {timing}");
    assert!(
        chunk_starts[0].as_f64().unwrap() >= paint,
        "requested after the first paint: {timing}"
    );
    assert_eq!(timing["scrolled"], json!(0), "without scrolling");

    // What the byte budget counts as the first download (scripts/first_download.py) is what
    // the browser fetched before the page was usable: no file more, no file less.
    let listed = std::process::Command::new("python3")
        .arg(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/scripts/first_download.py"
        ))
        .arg(&dist)
        .arg("--files")
        .output()
        .unwrap();
    assert!(listed.status.success(), "{listed:?}");
    let mut listed: Vec<String> = String::from_utf8(listed.stdout)
        .unwrap()
        .lines()
        .map(|file| format!("/{file}"))
        .collect();
    listed.sort();
    let fetched = page
        .eval(
            "const ready = Number(document.documentElement.getAttribute('data-ready-ms'));
             const paths = performance.getEntriesByType('resource')
               .filter(e => e.responseEnd <= ready).map(e => new URL(e.name).pathname)
               // The browser's own guess at an icon (a 404 here), not a file of the page.
               .filter(path => path !== '/favicon.ico');
             const page = new URL(location.href).pathname;
             return [page.endsWith('/') ? page + 'index.html' : page, ...paths];",
        )
        .await;
    let mut fetched: Vec<String> = fetched
        .as_array()
        .unwrap()
        .iter()
        .map(|path| path.as_str().unwrap().to_owned())
        .collect();
    fetched.sort();
    fetched.dedup();
    assert_eq!(fetched, listed, "the first download");
    page.wait_for(
        || async { !page.exists("software-loading").await },
        "the templates",
    )
    .await;

    go_offline(&page, &server).await;
    fill_organisation(&page).await;
    // Step 5: the own relay's configuration.
    let relay_config = own_relay_config(&page).await;
    assert!(
        relay_config.contains("listen 127.0.0.1:8443"),
        "{relay_config}"
    );
    // Step 7: the programs.
    let snippet = dom_text(&page, "[data-testid=\"snippet\"][data-lang=\"shell\"]").await;
    assert!(
        snippet.as_str().unwrap().starts_with("#!/usr/bin/env bash"),
        "{snippet:.200}"
    );
    // The workspace: a row for this onboarding.
    page.click("workspace-add").await;
    page.wait_for(
        || async { page.all("workspace-row").await.len() == 1 },
        "the workspace's row",
    )
    .await;
    assert!(page.text("workspace-current").await.contains("Stad Gent"));
    assert!(!page.exists("part-steps-load-failed").await);
    assert!(!page.exists("part-workspace-load-failed").await);
    page.close().await;
}

/// A chunk that cannot be fetched: step 1 works, the page says which parts are missing and
/// offers to try again; once the file is back, the retry brings them, and what was typed stays.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_part_that_cannot_be_fetched_is_said_with_a_retry() {
    let dist = dist_dir("dist");
    let pieces = support::pieces_dir(&dist);
    let is_chunk = |file: &std::path::Path| {
        file.starts_with(&pieces)
            && file
                .file_name()
                .is_some_and(|n| n.to_string_lossy().starts_with("split_rest.wasm"))
    };
    let copy = support::copy_dist(&dist, "dist-without-chunk", |file| !is_chunk(file));
    let server = serve_page(&copy, "/", None).await;
    let page = Browser::start().await;
    page.client.goto(&server.url()).await.unwrap();
    page.wait_mounted().await;
    page.wait_exists("part-steps-load-failed").await;
    page.wait_exists("part-workspace-load-failed").await;
    assert!(page
        .text("part-steps-load-failed")
        .await
        .contains("kon niet geladen of gecontroleerd worden"));
    assert!(
        !page.exists("key-generate").await,
        "no step 2 without its part"
    );
    fill_organisation(&page).await;

    std::fs::copy(
        dist.join(&pieces).join("split_rest.wasm"),
        copy.join(&pieces).join("split_rest.wasm"),
    )
    .unwrap();
    page.click("part-steps-retry").await;
    page.click("part-workspace-retry").await;
    page.wait_ready().await;
    assert!(!page.exists("part-steps-load-failed").await);
    assert!(page.text("client-name").await.contains("Stad Gent"));
    assert_eq!(page.value("org-name").await, "Stad Gent");
    page.close().await;
}
