//! Every byte the page runs is pinned by index.html, and an altered file never runs.
//!
//! The built page is read as a host would serve it: each file it executes is found through
//! index.html (the boot script's tag, the import map, the preload, the chunk loader's fetch) and
//! its hash compared with what index.html (or a file it pins) says. Then the page is attacked as
//! a compromised host, CDN or shared cache would: one file altered in a copy served by the
//! reference nginx (`hosting/nginx.conf`, with its `Integrity-Policy`), opened in Chromium and in
//! Firefox (puppeteer-core, `tests/integrity/visit.mjs`). Each alteration is harmless in itself
//! (a marker appended to a JS file, a custom section appended to a wasm piece), so a browser
//! that ran it unchecked would show the page working; the test asks that it never runs, and that
//! the page says so.
#![cfg(not(target_arch = "wasm32"))]

mod support;

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::process::Command;

use base64ct::{Base64, Encoding};
use dao_onboard::domain::runnable::hosting_nginx::page_csp;
use serde_json::{json, Value};
use sha2::{Digest, Sha256, Sha384};

/// The start tags named `name` in `html`, each as its attributes (values unescaped).
fn tags(html: &str, name: &str) -> Vec<HashMap<String, String>> {
    let open = format!("<{name} ");
    let mut found = Vec::new();
    let mut rest = html;
    while let Some(start) = rest.find(&open) {
        let tag = &rest[start + open.len()..];
        let end = tag.find('>').expect("a closed tag");
        found.push(attributes(&tag[..end]));
        rest = &tag[end..];
    }
    found
}

fn attributes(mut text: &str) -> HashMap<String, String> {
    let mut attributes = HashMap::new();
    loop {
        text = text.trim_start().trim_end_matches('/');
        if text.is_empty() {
            return attributes;
        }
        let key_end = text.find(['=', ' ']).unwrap_or(text.len());
        let key = text[..key_end].to_string();
        text = &text[key_end..];
        if let Some(value) = text.strip_prefix("=\"") {
            let close = value.find('"').expect("a closed attribute value");
            let unescaped = value[..close]
                .replace("&quot;", "\"")
                .replace("&#x27;", "'")
                .replace("&lt;", "<")
                .replace("&gt;", ">")
                .replace("&amp;", "&");
            attributes.insert(key, unescaped);
            text = &value[close + 1..];
        } else {
            attributes.insert(key, String::new());
        }
    }
}

fn sri(data: &[u8]) -> String {
    format!("sha384-{}", Base64::encode_string(&Sha384::digest(data)))
}

/// The file of `dist` a URL of the page names (under `/` or a sub-path build's base).
fn file_of(dist: &Path, url: &str, base: &str) -> PathBuf {
    dist.join(url.strip_prefix(base).expect("a URL under the page's base"))
}

/// The inline import map's text.
fn import_map(html: &str) -> &str {
    let open = "<script type=\"importmap\">";
    let start = html.find(open).expect("index.html has an import map") + open.len();
    let end = start + html[start..].find("</script>").unwrap();
    &html[start..end]
}

/// Checks one built page: every file it runs is pinned, and its pins are the files' hashes.
/// Returns the pinned files, relative to `dist`.
fn pinned_files(dist: &Path, base: &str) -> Vec<PathBuf> {
    let html = std::fs::read_to_string(dist.join("index.html")).unwrap();
    let mut pinned = Vec::new();

    // The policy comes first: before it, nothing but the charset.
    let head = &html[html.find("<head>").unwrap()..];
    let first_tags: Vec<&str> = head.split('<').skip(2).take(2).collect();
    assert!(first_tags[0].starts_with("meta charset"), "{first_tags:?}");
    assert!(
        first_tags[1].starts_with("meta http-equiv=\"Content-Security-Policy\""),
        "the policy precedes every script: {first_tags:?}"
    );
    let map_text = import_map(&html);
    let map_hash = Base64::encode_string(&Sha256::digest(map_text.as_bytes()));
    let policy = &tags(&html, "meta")
        .into_iter()
        .find(|meta| meta.get("http-equiv").map(String::as_str) == Some("Content-Security-Policy"))
        .unwrap()["content"];
    assert_eq!(
        *policy,
        page_csp().replace(
            "script-src 'self' 'wasm-unsafe-eval'",
            &format!("script-src 'self' 'wasm-unsafe-eval' 'sha256-{map_hash}'")
        ),
        "the page's policy, allowing exactly the import map"
    );
    assert_eq!(
        html.matches("<script").count(),
        2,
        "the import map and boot.js, no other"
    );

    // The JS modules: by the import map.
    let map: Value = serde_json::from_str(map_text).unwrap();
    let modules = map["integrity"].as_object().unwrap();
    assert_eq!(
        modules.len(),
        2,
        "the main JS and the chunk loader: {modules:?}"
    );
    for (url, integrity) in modules {
        let file = file_of(dist, url, base);
        assert_eq!(*integrity, sri(&std::fs::read(&file).unwrap()), "{url}");
        pinned.push(file);
    }

    // boot.js: by its tag.
    let scripts = tags(&html, "script");
    let boot = scripts.iter().find(|s| s.contains_key("src")).unwrap();
    let boot_file = file_of(dist, &boot["src"], base);
    assert_eq!(boot["integrity"], sri(&std::fs::read(&boot_file).unwrap()));
    assert!(
        modules.contains_key(&boot["data-js"]),
        "boot.js imports a pinned module"
    );
    pinned.push(boot_file);

    // The first wasm piece: by the preload, whose integrity boot.js hands to its fetch.
    let preload = tags(&html, "link")
        .into_iter()
        .find(|l| l.get("rel").map(String::as_str) == Some("preload"))
        .unwrap();
    assert_eq!(preload["href"], boot["data-wasm"]);
    let wasm = file_of(dist, &preload["href"], base);
    assert_eq!(preload["integrity"], sri(&std::fs::read(&wasm).unwrap()));
    let boot_js = std::fs::read_to_string(dist.join("boot.js")).unwrap();
    assert!(boot_js.contains("fetch(boot.dataset.wasm, { integrity: preload.integrity })"));
    pinned.push(wasm.clone());

    // Each chunk: by the loader's fetch (the loader pinned by the import map).
    let folder = wasm.parent().unwrap();
    let loader = std::fs::read_to_string(folder.join("__wasm_split.js")).unwrap();
    for entry in std::fs::read_dir(folder).unwrap() {
        let path = entry.unwrap().path();
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        if path.extension().is_some_and(|e| e == "wasm") && path != wasm {
            let fetch = format!(
                "fetch(new URL(\"./{name}\", import.meta.url), {{ integrity: \"{}\" }})",
                sri(&std::fs::read(&path).unwrap())
            );
            assert!(loader.contains(&fetch), "the loader pins {name}");
            assert_eq!(loader.matches("fetch(").count(), 1, "no other fetch");
            pinned.push(path);
        }
    }

    // And nothing else runs: every script and wasm file of the build is one of them.
    for file in support::dist_files(dist) {
        if file.extension().is_some_and(|e| e == "js" || e == "wasm") {
            assert!(
                pinned.contains(&dist.join(&file)),
                "{} is not pinned",
                file.display()
            );
        }
    }
    pinned.sort();
    pinned
}

#[test]
fn index_html_pins_every_file_the_page_runs() {
    let pinned = pinned_files(&support::dist_dir("dist"), "/");
    assert_eq!(pinned.len(), 5, "{pinned:?}");
    let pinned = pinned_files(&support::dist_dir("dist-subpath"), "/dao-onboard/");
    assert_eq!(pinned.len(), 5, "{pinned:?}");
}

/// A wasm module with a custom section appended: valid, and it runs exactly as before.
fn with_custom_section(mut wasm: Vec<u8>) -> Vec<u8> {
    wasm.extend_from_slice(&[0, 8, 7]);
    wasm.extend_from_slice(b"altered");
    wasm
}

/// JavaScript that marks the page if it ever runs.
const MARKER: &str = "\ndocument.documentElement.dataset.altered = 'ran';\n";

/// One copy of the page, served by the reference nginx.
struct Hosted {
    name: &'static str,
    url: String,
    _nginx: support::Relay,
}

/// A copy of `dist` with `file` replaced by `alter(its bytes)`, served by the reference nginx.
/// The altered file's precompressed copies go, so nginx serves the altered bytes themselves.
fn hosted(
    dist: &Path,
    name: &'static str,
    file: &Path,
    alter: impl Fn(Vec<u8>) -> Vec<u8>,
) -> Hosted {
    let folder = format!("altered-{}", name.replace([' ', '.'], "-"));
    let copy = support::copy_dist(dist, &folder, |path| {
        let path = path.to_string_lossy();
        let whole = file.to_string_lossy();
        path != format!("{whole}.gz") && path != format!("{whole}.br")
    });
    let bytes = std::fs::read(copy.join(file)).unwrap();
    std::fs::write(copy.join(file), alter(bytes)).unwrap();
    let nginx = support::Relay::host_page(&copy);
    Hosted {
        name,
        url: nginx.url(),
        _nginx: nginx,
    }
}

/// What `tests/integrity/visit.mjs` saw of each page in `browser`, by case name.
fn visit(browser: &str, pages: &[Hosted]) -> HashMap<String, Value> {
    let cases = json!({
        "steps": support::step_ids().collect::<Vec<_>>(),
        "cases": pages.iter().map(|p| json!({ "name": p.name, "url": p.url })).collect::<Vec<_>>(),
    });
    let file = support::temp_dir("integrity-cases").join("cases.json");
    std::fs::write(&file, cases.to_string()).unwrap();
    let output = support::node_script(
        "tests/integrity/visit.mjs",
        &[browser.as_ref(), file.as_os_str()],
    );
    let seen: Vec<Value> = serde_json::from_slice(&output).unwrap();
    seen.into_iter()
        .map(|case| (case["name"].as_str().unwrap().to_string(), case))
        .collect()
}

#[test]
fn an_altered_file_never_runs_in_chromium_or_firefox_and_the_page_says_so() {
    let dist = std::fs::canonicalize(support::dist_dir("dist")).unwrap();
    let pieces = support::pieces_dir(&dist);
    let css = support::dist_files(&dist)
        .into_iter()
        .find(|f| f.extension().is_some_and(|e| e == "css"))
        .unwrap();
    let marked = |bytes: Vec<u8>| [bytes, MARKER.as_bytes().to_vec()].concat();
    let pages = [
        hosted(&dist, "unaltered", Path::new("index.html"), |bytes| bytes),
        hosted(&dist, "boot.js", Path::new("boot.js"), marked),
        hosted(&dist, "main js", &pieces.join("dao-onboard.js"), marked),
        hosted(
            &dist,
            "chunk loader",
            &pieces.join("__wasm_split.js"),
            marked,
        ),
        hosted(
            &dist,
            "first wasm",
            &pieces.join("dao-onboard_bg.wasm"),
            with_custom_section,
        ),
        hosted(
            &dist,
            "chunk",
            &pieces.join("split_rest.wasm"),
            with_custom_section,
        ),
        hosted(&dist, "stylesheet", &css, |mut bytes| {
            bytes.extend_from_slice(b"\nbody { margin: 0; }\n");
            bytes
        }),
        // index.html is the root of trust; a host that drops a pin is stopped by the
        // Integrity-Policy header, in browsers that know it.
        hosted(
            &dist,
            "boot.js unpinned",
            Path::new("index.html"),
            |bytes| {
                let html = String::from_utf8(bytes).unwrap();
                let start = html.find("<script type=\"module\"").unwrap();
                let attr = start + html[start..].find(" integrity=\"").unwrap();
                let end = attr + 13 + html[attr + 13..].find('"').unwrap();
                format!("{}{}", &html[..attr], &html[end + 1..]).into_bytes()
            },
        ),
    ];
    for browser in ["chromium", "firefox"] {
        let seen = visit(browser, &pages);
        let case = |name: &str| &seen[name];
        let flag = |name: &str, key: &str| case(name)[key] == json!(true);

        assert!(
            flag("unaltered", "ready"),
            "{browser}: {}",
            case("unaltered")
        );
        let version = case("unaltered")["version"].as_str().unwrap_or_default();
        assert!(
            version.contains(env!("CARGO_PKG_VERSION")),
            "{browser}: the page shows its version: {version}"
        );
        assert!(
            !flag("unaltered", "unverified") && !flag("unaltered", "firstScreen"),
            "{browser}: the page verified, its first screen taken over: {}",
            case("unaltered")
        );
        for name in [
            "boot.js",
            "main js",
            "chunk loader",
            "first wasm",
            "boot.js unpinned",
        ] {
            let what = format!("{browser}, {name} altered: {}", case(name));
            assert!(!flag(name, "altered"), "the altered code ran: {what}");
            assert!(!flag(name, "mounted"), "the page ran: {what}");
            assert!(flag(name, "unverified"), "the page did not say so: {what}");
            // Nor does the first screen index.html carries invite typing into it.
            assert!(
                !flag(name, "firstScreen"),
                "the first screen stayed: {what}"
            );
        }
        // The chunk: step 1 keeps working and keeps what was typed; the parts say they could
        // not be verified (with a retry), and nothing of the chunk runs.
        let what = format!("{browser}, chunk altered: {}", case("chunk"));
        assert!(
            flag("chunk", "mounted") && flag("chunk", "typedKept"),
            "{what}"
        );
        assert!(
            flag("chunk", "partFailed") && !flag("chunk", "ready"),
            "{what}"
        );
        assert!(!flag("chunk", "unverified"), "{what}");
        // An altered stylesheet is refused: the page runs unstyled, and the notice (which
        // only the stylesheet hides) says the page could not be verified.
        let what = format!("{browser}, stylesheet altered: {}", case("stylesheet"));
        assert!(flag("stylesheet", "unverified"), "{what}");
    }
}

/// The release of this build (`scripts/build.py release`, run by `scripts/test.sh`).
fn release_manifest() -> PathBuf {
    let release = Path::new(env!("CARGO_MANIFEST_DIR")).join("release");
    let manifest = release.join(format!(
        "dao-onboard-{}.manifest.json",
        env!("CARGO_PKG_VERSION")
    ));
    assert!(
        manifest.is_file(),
        "no release of this build: run scripts/test.sh (or `scripts/build.py release`) first"
    );
    manifest
}

/// `scripts/verify.sh --manifest MANIFEST URL`: whether it passed, and what it printed.
fn verify(manifest: &Path, page: &Hosted) -> (bool, String) {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let output = Command::new("bash")
        .arg(root.join("scripts/verify.sh"))
        .arg("--manifest")
        .arg(manifest)
        .arg(&page.url)
        .output()
        .expect("bash runs scripts/verify.sh");
    let text = String::from_utf8_lossy(&output.stdout).into_owned()
        + &String::from_utf8_lossy(&output.stderr);
    (output.status.success(), text)
}

/// The release and `dist/` are one build; its manifest is identified by index.html's hash and
/// lists every file with its size and SHA-256; the sums file covers both release files, and the
/// archive unpacks (by tar itself) to the same bytes.
#[test]
fn the_release_is_this_build_and_its_manifest_lists_every_file() {
    let dist = support::dist_dir("dist");
    let manifest_file = release_manifest();
    let manifest: Value = serde_json::from_slice(&std::fs::read(&manifest_file).unwrap()).unwrap();
    let index = std::fs::read(dist.join("index.html")).unwrap();
    assert_eq!(
        manifest["index_html_sha256"],
        format!("{:x}", Sha256::digest(&index)),
        "the manifest is identified by index.html's hash"
    );
    assert_eq!(manifest["version"], env!("CARGO_PKG_VERSION"));
    let listed: Vec<String> = manifest["files"]
        .as_array()
        .unwrap()
        .iter()
        .map(|file| {
            let path = file["path"].as_str().unwrap();
            let bytes = std::fs::read(dist.join(path)).unwrap();
            assert_eq!(file["size"], bytes.len(), "{path}");
            assert_eq!(
                file["sha256"],
                format!("{:x}", Sha256::digest(&bytes)),
                "{path}"
            );
            path.to_string()
        })
        .collect();
    let on_disk: Vec<String> = support::dist_files(&dist)
        .iter()
        .map(|f| f.to_string_lossy().into_owned())
        .collect();
    assert_eq!(listed, on_disk, "every file of dist/, sorted");
    assert!(manifest["site_defaults"]["environments"]["PROD"]["issuer"].is_string());

    let release = manifest_file.parent().unwrap();
    let sums = std::fs::read_to_string(release.join("SHA256SUMS")).unwrap();
    for line in sums.lines() {
        let (sum, name) = line.split_once("  ").unwrap();
        let bytes = std::fs::read(release.join(name)).unwrap();
        assert_eq!(sum, format!("{:x}", Sha256::digest(&bytes)), "{name}");
    }
    assert_eq!(sums.lines().count(), 2, "the archive and the manifest");
    let archive = release.join(format!("dao-onboard-{}.tar.gz", env!("CARGO_PKG_VERSION")));
    let unpacked = support::temp_dir("release-unpacked");
    let tar = Command::new("tar")
        .arg("-xzf")
        .arg(&archive)
        .arg("-C")
        .arg(&unpacked)
        .status()
        .unwrap();
    assert!(tar.success());
    let folder = unpacked.join(format!("dao-onboard-{}", env!("CARGO_PKG_VERSION")));
    for path in &listed {
        assert_eq!(
            std::fs::read(folder.join(path)).unwrap(),
            std::fs::read(dist.join(path)).unwrap(),
            "{path} in the archive"
        );
    }
}

/// `scripts/verify.sh` passes a served copy of this build, and fails a copy with one file
/// altered, naming it; a precompressed copy altered alone is caught too.
#[test]
fn verify_passes_this_build_and_names_an_altered_file() {
    let dist = std::fs::canonicalize(support::dist_dir("dist")).unwrap();
    let manifest = release_manifest();
    let pieces = support::pieces_dir(&dist);

    let unaltered = hosted(&dist, "unaltered", Path::new("index.html"), |b| b);
    let (passed, report) = verify(&manifest, &unaltered);
    assert!(passed, "{report}");
    assert!(report.contains("verified: all 9 files"), "{report}");
    assert!(
        report.contains("Integrity-Policy: as the reference"),
        "{report}"
    );
    assert!(report.contains("none (404)"), "no config.json: {report}");

    let chunk = pieces.join("split_rest.wasm");
    let (passed, report) = verify(
        &manifest,
        &hosted(&dist, "chunk", &chunk, with_custom_section),
    );
    assert!(!passed, "{report}");
    let named = format!("DIFFERS  {}", chunk.display());
    assert!(report.contains(&named), "{report}");
    assert!(report.contains("NOT VERIFIED: 1 of 9"), "{report}");

    // Only the brotli copy of boot.js altered: a browser asking for br would get it.
    let marked_brotli = |_: Vec<u8>| {
        let source = [std::fs::read(dist.join("boot.js")).unwrap(), MARKER.into()].concat();
        let mut brotli = Command::new("brotli")
            .args(["-q", "11", "-c"])
            .stdin(std::process::Stdio::piped())
            .stdout(std::process::Stdio::piped())
            .spawn()
            .expect("brotli is installed (scripts/setup.sh)");
        std::io::Write::write_all(&mut brotli.stdin.take().unwrap(), &source).unwrap();
        brotli.wait_with_output().unwrap().stdout
    };
    let copy = hosted(&dist, "boot.js.br", Path::new("boot.js.br"), marked_brotli);
    let (passed, report) = verify(&manifest, &copy);
    assert!(!passed, "{report}");
    assert!(
        report.contains("DIFFERS  boot.js: differs as br"),
        "{report}"
    );
}
