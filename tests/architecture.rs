//! The domain's architecture, read off its source: every module imports only from its own floor
//! or the ones below (`src/domain/mod.rs` lists them), no two modules import each other round a
//! circle, the checked types live at the door, and no source file outgrows about a screen's
//! worth of reading (800 lines before its tests).

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::{Path, PathBuf};

/// The floors from the bottom up, read from `src/domain/mod.rs`'s numbered list (each folder
/// named in backticks before the line's first colon), the one place they are written. Folders on one floor may not import each other.
fn floors() -> Vec<(String, u8)> {
    let text = fs::read_to_string(root().join("src/domain/mod.rs")).expect("readable");
    let mut floors = Vec::new();
    for line in text.lines().filter_map(|line| line.strip_prefix("//! ")) {
        let Some((number, rest)) = line.split_once(". ") else {
            continue;
        };
        let Ok(floor) = number.parse::<u8>() else {
            continue;
        };
        let named = rest.split(':').next().unwrap_or_default();
        for (i, part) in named.split('`').enumerate() {
            if i % 2 == 1 {
                floors.push((part.to_string(), floor));
            }
        }
    }
    floors
}

#[test]
fn the_floor_list_names_every_domain_folder_once() {
    let floors = floors();
    assert!(floors.len() >= 8, "{floors:?}");
    let mut named: Vec<&str> = floors.iter().map(|(name, _)| name.as_str()).collect();
    named.sort_unstable();
    let mut folders: Vec<String> = fs::read_dir(root().join("src/domain"))
        .unwrap()
        .filter_map(Result::ok)
        .map(|entry| {
            let name = entry.file_name().to_string_lossy().into_owned();
            name.trim_end_matches(".rs").to_string()
        })
        .filter(|name| name != "mod")
        .collect();
    folders.sort();
    assert_eq!(named, folders);
    assert_eq!(floors[0], ("checked".to_string(), 1));
}

/// The most lines a source file holds before its `#[cfg(test)]` part.
const MAX_LINES: usize = 800;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in fs::read_dir(dir).expect("readable source folder") {
        let path = entry.expect("a folder entry").path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|ext| ext == "rs") {
            out.push(path);
        }
    }
}

/// The code of a file without its tests: everything before the first `#[cfg(test)]`.
fn code_of(text: &str) -> &str {
    text.find("#[cfg(test)]").map_or(text, |at| &text[..at])
}

/// The module a file belongs to: `acm::key` for `acm/key.rs`, `acm/key/mod.rs` and
/// `acm/key/pem.rs` alike; `display` for `display.rs`; `None` for a folder's `mod.rs`.
fn module_of(relative: &Path) -> Option<String> {
    let parts: Vec<String> = relative
        .with_extension("")
        .components()
        .map(|part| part.as_os_str().to_string_lossy().into_owned())
        .collect();
    match parts.as_slice() {
        [name] if name != "mod" => Some(name.clone()),
        [folder, name, ..] if name != "mod" => Some(format!("{folder}::{name}")),
        _ => None,
    }
}

/// The modules a code text names by `crate::domain::…` paths.
fn imports_of(code: &str) -> BTreeSet<String> {
    let mut found = BTreeSet::new();
    let mut rest = code;
    while let Some(at) = rest.find("crate::domain::") {
        rest = &rest[at + "crate::domain::".len()..];
        let path: String = rest
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric() || *c == '_' || *c == ':')
            .collect();
        let segments: Vec<&str> = path.split("::").filter(|s| !s.is_empty()).collect();
        match segments.as_slice() {
            [top, ..] if *top == "display" || *top == "samples" => {
                found.insert((*top).to_string());
            }
            [folder, module, ..] => {
                found.insert(format!("{folder}::{module}"));
            }
            _ => {}
        }
    }
    found
}

fn floor_of(module: &str) -> (String, u8) {
    let folder = module.split("::").next().unwrap_or_default();
    let Some((name, floor)) = floors().into_iter().find(|(name, _)| name == folder) else {
        panic!("{module}: a folder src/domain/mod.rs does not list");
    };
    (name, floor)
}

/// Every domain module with the modules it imports.
fn import_graph() -> BTreeMap<String, BTreeSet<String>> {
    let domain = root().join("src/domain");
    let mut files = Vec::new();
    rust_files(&domain, &mut files);
    let mut graph: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for file in files {
        let relative = file.strip_prefix(&domain).expect("inside src/domain");
        let Some(module) = module_of(relative) else {
            continue;
        };
        let text = fs::read_to_string(&file).expect("readable source");
        let mut imports = imports_of(code_of(&text));
        imports.remove(&module);
        graph.entry(module).or_default().extend(imports);
    }
    graph
}

#[test]
fn the_graph_is_read_from_the_code() {
    let graph = import_graph();
    assert!(graph.len() >= 30, "{:?}", graph.keys());
    assert!(graph["acm::assertion"].contains("acm::key"));
    assert!(graph["onboarding::ping"].contains("onboarding::registration"));
    assert!(graph["checked::json"].is_empty());
    assert_eq!(
        imports_of("use crate::domain::acm::key::{self, Kid};\nx(crate::domain::display::y)"),
        BTreeSet::from(["acm::key".to_string(), "display".to_string()])
    );
    assert_eq!(
        code_of("fn a() {}\n#[cfg(test)]\nmod tests { use crate::domain::samples; }"),
        "fn a() {}\n"
    );
}

#[test]
fn imports_run_down_the_floors() {
    let mut upward = Vec::new();
    for (module, imports) in import_graph() {
        let (folder, floor) = floor_of(&module);
        for imported in imports {
            let (imported_folder, imported_floor) = floor_of(&imported);
            let same_folder = folder == imported_folder;
            if imported_floor > floor || (imported_floor == floor && !same_folder) {
                upward.push(format!("{module} -> {imported}"));
            }
        }
    }
    assert!(
        upward.is_empty(),
        "imports that run up or across: {upward:#?}"
    );
}

#[test]
fn no_module_imports_round_a_circle() {
    // Depth-first search; a module met again while still on the path closes a circle.
    fn visit<'a>(
        module: &'a str,
        graph: &'a BTreeMap<String, BTreeSet<String>>,
        path: &mut Vec<&'a str>,
        done: &mut BTreeSet<&'a str>,
        circles: &mut Vec<String>,
    ) {
        if let Some(at) = path.iter().position(|m| *m == module) {
            circles.push(format!("{} -> {module}", path[at..].join(" -> ")));
            return;
        }
        if !done.insert(module) {
            return;
        }
        path.push(module);
        for next in graph.get(module).into_iter().flatten() {
            visit(next, graph, path, done, circles);
        }
        path.pop();
    }
    let graph = import_graph();
    let mut circles = Vec::new();
    let mut done = BTreeSet::new();
    for module in graph.keys() {
        visit(module, &graph, &mut Vec::new(), &mut done, &mut circles);
    }
    assert!(circles.is_empty(), "circles: {circles:#?}");
}

#[test]
fn the_checked_types_live_at_the_door() {
    let checked = root().join("src/domain/checked");
    let mut files = Vec::new();
    rust_files(&checked, &mut files);
    let text: String = files
        .iter()
        .map(|file| fs::read_to_string(file).expect("readable source"))
        .collect();
    for door_type in [
        "pub struct ClientId",
        "pub struct Lifetime",
        "pub struct EndpointUrl",
        "pub struct Relay",
        "pub struct Kid",
        "pub struct OrgName",
        "pub enum OrgCode",
        "pub(crate) fn parse_value",
    ] {
        assert!(
            text.contains(door_type),
            "{door_type} is not in src/domain/checked/"
        );
    }
}

#[test]
fn no_source_file_outgrows_a_screenful_of_reading() {
    let mut files = Vec::new();
    rust_files(&root().join("src"), &mut files);
    let long: Vec<String> = files
        .iter()
        .filter_map(|file| {
            let text = fs::read_to_string(file).expect("readable source");
            let lines = code_of(&text).lines().count();
            (lines > MAX_LINES).then(|| format!("{}: {lines} lines", file.display()))
        })
        .collect();
    assert!(
        long.is_empty(),
        "longer than {MAX_LINES} lines before tests: {long:#?}"
    );
}
