//! Every path of this repository named in its docs and comments exists: a renamed or removed
//! file leaves no reader looking for it. A path is a run of path characters that starts with
//! one of the repository's top folders (`src/`, `scripts/`, …) and is not the tail of a longer
//! path (`burgerlijke-stand/src/main/…` is the API team's). Paths with `*` or `<…>` are patterns,
//! not files, and are left alone.
#![cfg(not(target_arch = "wasm32"))]

use std::path::{Path, PathBuf};

/// The folders a path of this repository starts with.
const ROOTS: [&str; 11] = [
    "src/",
    "tests/",
    "scripts/",
    "hosting/",
    "relay/",
    "locales/",
    "style/",
    "examples/",
    "docs/",
    ".ci/",
    "fuzz/",
];

/// Named on purpose without existing, each for its reason.
const NOT_FILES: [(&str, &str); 3] = [
    (
        "src/ui/monitoring.rs",
        "ARCHITECTURE.md's worked example of adding a step",
    ),
    (
        "relay/run/logs",
        "made by scripts/relay-local.sh when it runs",
    ),
    (
        "examples/relay_config",
        "cargo's built example, under target/",
    ),
];

fn is_path_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || "._/-*<>".contains(c)
}

/// The repository paths `text` names.
fn named_paths(text: &str) -> Vec<String> {
    let mut found = Vec::new();
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let mut i = 0;
    while i < chars.len() {
        if !is_path_char(chars[i].1) {
            i += 1;
            continue;
        }
        let start = chars[i].0;
        while i < chars.len() && is_path_char(chars[i].1) {
            i += 1;
        }
        let end = chars.get(i).map_or(text.len(), |&(at, _)| at);
        let run = text[start..end].trim_end_matches('.');
        if ROOTS.iter().any(|root| run.starts_with(root)) {
            found.push(run.to_string());
        }
    }
    found
}

/// The files whose words are read: the docs, the build files and every source file.
fn read_files(root: &Path) -> Vec<PathBuf> {
    fn walk(dir: &Path, files: &mut Vec<PathBuf>) {
        for entry in std::fs::read_dir(dir).unwrap().filter_map(Result::ok) {
            let path = entry.path();
            let name = entry.file_name().to_string_lossy().into_owned();
            if path.is_dir() {
                if !["target", "fixtures", "corpus", "artifacts"].contains(&name.as_str()) {
                    walk(&path, files);
                }
            } else if [
                ".rs", ".py", ".sh", ".mjs", ".md", ".toml", ".conf", ".ftl", ".css",
            ]
            .iter()
            .any(|ext| name.ends_with(ext))
            {
                files.push(path);
            }
        }
    }
    let mut files: Vec<PathBuf> = [
        "README.md",
        "ARCHITECTURE.md",
        "build.rs",
        "Cargo.toml",
        "Trunk.toml",
        "index.html",
        "boot.js",
        ".ci/run",
    ]
    .iter()
    .map(|name| root.join(name))
    .collect();
    for dir in [
        "src", "tests", "scripts", "examples", "hosting", "relay", "style", "locales", "fuzz",
    ] {
        walk(&root.join(dir), &mut files);
    }
    files
}

#[test]
fn every_path_named_in_docs_and_comments_exists() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut missing = Vec::new();
    for file in read_files(root) {
        let Ok(text) = std::fs::read_to_string(&file) else {
            continue;
        };
        for path in named_paths(&text) {
            let pattern = path.contains('*') || path.contains('<');
            let excused = NOT_FILES.iter().any(|(name, _)| *name == path);
            if !pattern && !excused && !root.join(&path).exists() {
                missing.push(format!(
                    "{} names {path}",
                    file.strip_prefix(root).unwrap().display()
                ));
            }
        }
    }
    missing.sort();
    missing.dedup();
    assert!(
        missing.is_empty(),
        "paths that do not exist:\n{}",
        missing.join("\n")
    );
}

#[test]
fn the_reader_finds_repository_paths_and_only_those() {
    let text = "See `scripts/build.py`, (src/ui/parts.rs), tests/integrity.rs. \
                The API team's burgerlijke-stand/src/main/App.java and dist/index.html are \
                not ours; src/ui/*.rs is a pattern.";
    assert_eq!(
        named_paths(text),
        [
            "scripts/build.py",
            "src/ui/parts.rs",
            "tests/integrity.rs",
            "src/ui/*.rs"
        ]
    );
}
