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

/// The members of a registry that keeps a hand-written `const ALL` (the others are declared
/// with `listed_enum!`, complete by construction): the variants of its enum, or the constants
/// of its type, found in the same file. A variant with data (`SwaggerUi(Role)`) must appear at
/// least once; that every one of its values does is its own module's test.
fn registry_members(source: &str, ty: &str) -> Vec<String> {
    let mut members = Vec::new();
    if let Some(start) = source.find(&format!("enum {ty} {{")) {
        let body = &source[start..];
        let body = &body[body.find('{').unwrap() + 1..body.find("\n}").unwrap()];
        for line in body.lines().map(str::trim) {
            if line.is_empty() || line.starts_with("//") || line.starts_with('#') {
                continue;
            }
            let name: String = line
                .chars()
                .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
                .collect();
            let data = line[name.len()..].starts_with('(');
            members.push(format!("{ty}::{name}{}", if data { "(" } else { "" }));
        }
    }
    let marker = format!(": {ty} = ");
    for line in source.lines().map(str::trim) {
        if let Some(rest) = line.strip_prefix("pub const ") {
            if let Some(at) = rest.find(&marker) {
                members.push(rest[..at].to_string());
            }
        }
    }
    members
}

#[test]
fn every_hand_kept_all_list_names_every_member() {
    let mut checked = 0;
    let mut missing = Vec::new();
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let sources = read_files(root)
        .into_iter()
        .filter(|file| {
            file.starts_with(root.join("src")) && file.extension().is_some_and(|e| e == "rs")
        })
        // The macro that declares the other lists, whose docs show the pattern.
        .filter(|file| !file.ends_with("listed.rs"));
    for file in sources {
        let source = std::fs::read_to_string(&file).unwrap();
        let mut rest = source.as_str();
        while let Some(at) = rest.find("const ALL: [") {
            rest = &rest[at + "const ALL: [".len()..];
            let ty: String = rest
                .chars()
                .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
                .collect();
            if ty.starts_with('$') || ty.is_empty() {
                continue;
            }
            let list_start = rest.find("= [").unwrap();
            let list_end = list_start + rest[list_start..].find("];").unwrap();
            let list = &rest[list_start..list_end];
            let members = registry_members(&source, &ty);
            assert!(
                !members.is_empty(),
                "{}: no members of {ty} found next to its ALL",
                file.display()
            );
            for member in members {
                let named = if member.ends_with('(') {
                    list.contains(&member)
                } else {
                    list.split(|c: char| c == ',' || c.is_whitespace() || c == '[')
                        .any(|item| item == member || item == member.rsplit("::").next().unwrap())
                };
                if !named {
                    missing.push(format!("{}: {member}", file.display()));
                }
            }
            checked += 1;
        }
    }
    assert!(
        checked >= 2,
        "the hand-kept lists (facts, documents) were found"
    );
    assert!(missing.is_empty(), "not in their ALL: {missing:#?}");
}
