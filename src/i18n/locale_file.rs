//! The locale files' format (`locales/<lang>.ftl`): a strict subset of Fluent, one `id = text`
//! per line and `#` comments. Read by `build.rs` (through `#[path]`) to generate the text
//! tables, and compiled into the library only for its tests.

use std::collections::BTreeMap;

/// A file's messages by id.
pub type Table = BTreeMap<String, String>;

/// One file's messages, by id; or the line (1-based) and what is wrong with it.
pub fn parse(text: &str) -> Result<Table, (usize, String)> {
    let mut table = BTreeMap::new();
    for (index, line) in text.lines().enumerate() {
        let line_no = index + 1;
        if line.trim().is_empty() || line.starts_with('#') {
            continue;
        }
        let Some((id, value)) = line.split_once(" = ") else {
            return Err((line_no, "expected `id = text` on one line".into()));
        };
        if !is_id(id) {
            return Err((
                line_no,
                format!("`{id}` is not an id: lower-case words joined by `-`"),
            ));
        }
        let value = value.trim();
        if value.is_empty() {
            return Err((line_no, format!("`{id}` has no text")));
        }
        if value.contains(['{', '}']) {
            return Err((
                line_no,
                format!("`{id}`: a static text holds no `{{` or `}}`; texts with values are in src/i18n/messages.rs"),
            ));
        }
        if table.insert(id.to_string(), value.to_string()).is_some() {
            return Err((line_no, format!("`{id}` is given twice")));
        }
    }
    Ok(table)
}

/// Fluent's identifier, narrowed to the kebab-case the files use (`app-title`).
pub fn is_id(id: &str) -> bool {
    id.split('-').all(|part| {
        !part.is_empty()
            && part.starts_with(|c: char| c.is_ascii_lowercase())
            && part
                .chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit())
    })
}

/// `app-title` → `AppTitle`, the `T` variant.
pub fn variant(id: &str) -> String {
    id.split('-')
        .map(|part| {
            let (first, rest) = part.split_at(1);
            first.to_ascii_uppercase() + rest
        })
        .collect()
}

/// The first id of `reference` that `table` lacks.
pub fn missing_in<'a>(table: &Table, reference: &'a Table) -> Option<&'a str> {
    reference
        .keys()
        .find(|id| !table.contains_key(*id))
        .map(String::as_str)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_messages_comments_and_blank_lines() {
        let table =
            parse("### Title\n\n## Group\napp-title = Hallo = daar\nkey-type-rsa4096 = RSA\n")
                .expect("valid");
        assert_eq!(table.len(), 2);
        assert_eq!(table["app-title"], "Hallo = daar");
        assert_eq!(variant("key-type-rsa4096"), "KeyTypeRsa4096");
        assert_eq!(variant("client-id-is-api-id"), "ClientIdIsApiId");
    }

    #[test]
    fn refuses_what_the_subset_does_not_allow_with_the_line() {
        for (text, line, says) in [
            ("a = x\nno equals sign\n", 2, "expected `id = text`"),
            ("AppTitle = x\n", 1, "is not an id"),
            ("app--title = x\n", 1, "is not an id"),
            ("1st = x\n", 1, "is not an id"),
            ("a = x\nb =   \n", 2, "has no text"),
            ("a = { $name }\n", 1, "no `{` or `}`"),
            ("a = x\n\na = y\n", 3, "given twice"),
            ("  indented = x\n", 1, "is not an id"),
        ] {
            let (at, problem) = parse(text).expect_err(text);
            assert_eq!(at, line, "{text:?}");
            assert!(problem.contains(says), "{text:?}: {problem}");
        }
    }

    #[test]
    fn a_missing_message_is_named() {
        let nl = parse("a = x\nb = y\n").expect("valid");
        let en = parse("a = x\n").expect("valid");
        assert_eq!(missing_in(&en, &nl), Some("b"));
        assert_eq!(missing_in(&nl, &en), None);
    }

    #[test]
    fn the_shipped_files_hold_the_same_messages() {
        let read = |lang: &str| {
            let path = format!("{}/locales/{lang}.ftl", env!("CARGO_MANIFEST_DIR"));
            parse(&std::fs::read_to_string(path).expect("readable")).expect("valid")
        };
        let (nl, en) = (read("nl"), read("en"));
        let ids = |t: &Table| t.keys().cloned().collect::<Vec<_>>();
        assert_eq!(ids(&nl), ids(&en));
        assert!(nl.len() > 150, "{} messages", nl.len());
        // The generated table is the one the page reads.
        assert_eq!(
            super::super::t(super::super::Lang::Nl, super::super::T::AppTitle),
            nl["app-title"]
        );
        assert_eq!(
            super::super::t(super::super::Lang::En, super::super::T::AppTitle),
            en["app-title"]
        );
    }
}
