//! Every word the page shows comes from `locales/*.ftl`: this scans the markup of every `view!`
//! in `src/ui/` for text written in place, as a text node (`<p>"Klaar"</p>`) or as a readable
//! attribute (`title`, `aria-label`, `placeholder`, `alt`), and the string literals of
//! `src/i18n/messages/` for words. Rust code inside `{ }` is not markup and is left alone; a
//! nested `view!` is scanned on its own. It also keeps the components about a screen long.

use std::path::Path;

/// Attributes a person reads or hears, so their text must be translated.
const READABLE_ATTRIBUTES: [&str; 4] = ["title", "aria-label", "placeholder", "alt"];

/// A literal in markup that holds words: (line, text).
fn words_in_markup(source: &str) -> Vec<(usize, String)> {
    let bytes = source.as_bytes();
    let mut found = Vec::new();
    let mut search_from = 0;
    while let Some(offset) = source[search_from..].find("view!") {
        let start = search_from + offset;
        search_from = start + "view!".len();
        let Some(open) = source[search_from..].find(|c: char| !c.is_whitespace()) else {
            break;
        };
        let open = search_from + open;
        if bytes[open] != b'{' {
            continue;
        }
        scan_block(source, open, &mut found);
    }
    found
}

/// Scans one `view! { ... }` block from its opening brace, recording literals at markup level.
fn scan_block(source: &str, open: usize, found: &mut Vec<(usize, String)>) {
    let bytes = source.as_bytes();
    let mut depth = 0usize;
    // Parentheses and brackets outside braces are Rust expressions in attributes
    // (`class=format!("row-{}", ..)`), not markup.
    let mut nesting = 0usize;
    let mut i = open;
    while i < bytes.len() {
        match bytes[i] {
            b'{' => depth += 1,
            b'(' | b'[' if depth == 1 => nesting += 1,
            b')' | b']' if depth == 1 => nesting = nesting.saturating_sub(1),
            b'}' => {
                depth -= 1;
                if depth == 0 {
                    return;
                }
            }
            b'/' if bytes.get(i + 1) == Some(&b'/') => {
                i = source[i..].find('\n').map_or(bytes.len(), |n| i + n);
                continue;
            }
            b'\'' => {
                // A char literal ('{', '\n'); a lifetime has no closing quote within 4 bytes.
                if let Some(close) = source[i + 1..].chars().take(4).position(|c| c == '\'') {
                    i += close + 2;
                    continue;
                }
            }
            b'"' => {
                let end = literal_end(bytes, i);
                let text = &source[i + 1..end];
                if depth == 1 && nesting == 0 && has_words(text) {
                    let before = source[..i].trim_end();
                    let attribute = before.strip_suffix('=').map(|b| {
                        let name_start = b
                            .rfind(|c: char| !(c.is_ascii_alphanumeric() || c == '-' || c == ':'))
                            .map_or(0, |p| p + 1);
                        &b[name_start..]
                    });
                    let readable = match attribute {
                        None => true,
                        Some(name) => READABLE_ATTRIBUTES.contains(&name),
                    };
                    if readable {
                        found.push((source[..i].matches('\n').count() + 1, text.to_string()));
                    }
                }
                i = end + 1;
                continue;
            }
            _ => {}
        }
        i += 1;
    }
}

/// The index of the quote that closes the string literal opened at `open`.
fn literal_end(bytes: &[u8], open: usize) -> usize {
    let mut i = open + 1;
    while i < bytes.len() {
        match bytes[i] {
            b'\\' => i += 2,
            b'"' => return i,
            _ => i += 1,
        }
    }
    bytes.len() - 1
}

/// Two letters in a row: a word, not punctuation such as `": "` or `" · "`.
fn has_words(text: &str) -> bool {
    text.chars()
        .zip(text.chars().skip(1))
        .any(|(a, b)| a.is_alphabetic() && b.is_alphabetic())
}

#[test]
fn the_scanner_finds_text_in_markup_and_ignores_code_and_attributes() {
    let sample = r##"
        view! {
            <p class="note" data-testid="x">"Klaar"</p>
            <button title="Kopieer">{tr(T::Copy)}</button>
            <span>{format!("#{}", "not markup")}</span>
            // "a comment"
            <em>{move || if ok { '{' } else { '}' }}</em>
            <b>": "</b>
            <li class=format!("row-{}", "status")>{x}</li>
            {move || view! { <i>"Binnenin"</i> }}
        }
    "##;
    let found: Vec<String> = words_in_markup(sample)
        .into_iter()
        .map(|(_, t)| t)
        .collect();
    assert_eq!(found, ["Klaar", "Kopieer", "Binnenin"]);
}

/// Every `.rs` file in a folder and the folders within it (step 5's parts are a folder).
fn rust_files(folder: &Path) -> Vec<std::path::PathBuf> {
    let mut files = Vec::new();
    for entry in std::fs::read_dir(folder).expect("the source folder is readable") {
        let path = entry.expect("a directory entry").path();
        if path.is_dir() {
            files.extend(rust_files(&path));
        } else if path.extension().is_some_and(|e| e == "rs") {
            files.push(path);
        }
    }
    files.sort();
    files
}

#[test]
fn no_view_writes_its_own_words() {
    let ui = Path::new(env!("CARGO_MANIFEST_DIR")).join("src/ui");
    let mut problems = Vec::new();
    let mut files = 0;
    for path in rust_files(&ui) {
        files += 1;
        let source = std::fs::read_to_string(&path).expect("a source file is UTF-8");
        for (line, text) in words_in_markup(&source) {
            problems.push(format!("{}:{line}: {text:?}", path.display()));
        }
    }
    assert!(files >= 10, "src/ui has its components ({files} files)");
    assert!(
        problems.is_empty(),
        "texts not from src/i18n:\n{}",
        problems.join("\n")
    );
}

/// The string literals of Rust code (comments and `#[cfg(test)]` left out): (line, text).
fn code_literals(source: &str) -> Vec<(usize, String)> {
    let code = source.split("#[cfg(test)]").next().unwrap_or(source);
    let bytes = code.as_bytes();
    let mut found = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        if code[i..].starts_with("//") {
            i += code[i..].find('\n').unwrap_or(code.len() - i);
        } else if bytes[i] == b'\'' && i + 2 < bytes.len() && bytes[i + 2] == b'\'' {
            i += 3; // a char literal such as '"'
        } else if bytes[i] == b'"' {
            let end = literal_end(bytes, i);
            let line = code[..i].matches('\n').count() + 1;
            found.push((line, code[i + 1..end].to_string()));
            i = end + 1;
        } else {
            i += 1;
        }
    }
    found
}

/// The words left in `messages/`: units and names that are the same in every language.
const NOT_TRANSLATED: [&str; 5] = ["{}.{} MB", "{} KB", "EC P-256", " · {ms} ms", "{} ms"];

#[test]
fn the_message_chooser_holds_no_words_of_its_own() {
    let folder = Path::new(env!("CARGO_MANIFEST_DIR")).join("src/i18n/messages");
    let literals: Vec<(String, usize, String)> = rust_files(&folder)
        .iter()
        .flat_map(|path| {
            let source = std::fs::read_to_string(path).expect("a messages file is readable");
            let name = path.file_name().unwrap().to_string_lossy().into_owned();
            code_literals(&source)
                .into_iter()
                .map(move |(line, text)| (name.clone(), line, text))
        })
        .collect();
    assert!(literals.len() > 20, "the scan finds the literals");
    let words: Vec<String> = literals
        .into_iter()
        .filter(|(_, _, text)| has_words(text) && !NOT_TRANSLATED.contains(&text.as_str()))
        // `format!` templates of values and structure: `HTTP`, a status and placeholders.
        .filter(|(_, _, text)| {
            let without_values = text
                .split(['{', '}'])
                .step_by(2)
                .collect::<String>()
                .replace("HTTP", "");
            has_words(&without_values)
        })
        .map(|(file, line, text)| format!("src/i18n/messages/{file}:{line}: {text:?}"))
        .collect();
    assert!(
        words.is_empty(),
        "words belong in locales/*.ftl:\n{}",
        words.join("\n")
    );
}

/// Every `#[component]` function in `src/ui/` and its length in lines.
fn component_lengths(source: &str) -> Vec<(String, usize)> {
    let lines: Vec<&str> = source.lines().collect();
    let mut found = Vec::new();
    for (at, line) in lines.iter().enumerate() {
        if line.trim() != "#[component]" {
            continue;
        }
        let Some(start) = (at + 1..lines.len()).find(|&i| lines[i].contains("fn ")) else {
            continue;
        };
        let name = lines[start]
            .split("fn ")
            .nth(1)
            .and_then(|rest| rest.split(['(', '<']).next())
            .unwrap_or("?")
            .to_string();
        let end = (start..lines.len())
            .find(|&i| lines[i] == "}")
            .unwrap_or(lines.len());
        found.push((name, end - start + 1));
    }
    found
}

#[test]
fn components_stay_about_a_screen_long() {
    let sample = "#[component]\npub fn Short(x: u8) -> impl IntoView {\n    x\n}\n\n#[component]\nfn Other<'a>() {\n}\n";
    assert_eq!(
        component_lengths(sample),
        [("Short".to_string(), 3), ("Other".to_string(), 2)]
    );
    let ui = Path::new(env!("CARGO_MANIFEST_DIR")).join("src/ui");
    let mut all = Vec::new();
    for path in rust_files(&ui) {
        let source = std::fs::read_to_string(&path).expect("a source file is UTF-8");
        all.extend(component_lengths(&source));
    }
    assert!(all.len() > 30, "found {} components", all.len());
    let long: Vec<String> = all
        .iter()
        .filter(|(_, lines)| *lines > 120)
        .map(|(name, lines)| format!("{name}: {lines} lines"))
        .collect();
    assert!(long.is_empty(), "split these components: {long:?}");
}
