//! The English texts as a table fetched at run time (on wasm32; see `build.rs`): only Dutch is
//! compiled into the page, so the first visit downloads one language. The table is installed
//! once, after its SHA-256 matched the one compiled in; until then English texts fall back to
//! Dutch, and the page switches only once the table is there.

use std::fmt::{Display, Write as _};

use crate::domain::templates::late::LateTable;
pub use crate::domain::templates::late::{TableError, MAX_TABLE_BYTES};

use super::{ENGLISH_ENTRIES, ENGLISH_SHA256};

/// The English table (see `domain::templates::late` for how a table is checked and kept).
static TABLE: LateTable = LateTable::new(ENGLISH_SHA256, ENGLISH_ENTRIES);

/// Whether the English texts are there.
pub fn is_installed() -> bool {
    TABLE.is_installed()
}

/// Checks the fetched table against the hash compiled in and installs it (again is a no-op).
pub fn install(text: &str) -> Result<(), TableError> {
    TABLE.install(text)
}

/// The text of a static message by its index (`T::index`), once installed.
pub fn static_text(index: usize) -> Option<&'static str> {
    TABLE.get(index)
}

/// A text with values: the pattern at `index` with each `\u{1}name\u{1}` replaced by the
/// value of that name, once installed. The pattern is the build's own text, never a value.
pub fn format(index: usize, values: &[(&str, &dyn Display)]) -> Option<String> {
    let pattern = TABLE.get(index)?;
    let mut out = String::with_capacity(pattern.len() + 16);
    for (i, piece) in pattern.split('\u{1}').enumerate() {
        if i % 2 == 0 {
            out.push_str(piece);
        } else {
            let (_, value) = values.iter().find(|(name, _)| *name == piece)?;
            let _ = write!(out, "{value}");
        }
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::{msg, t, text_en, Lang, T};

    const TABLE_TEXT: &str = include_str!(concat!(env!("OUT_DIR"), "/texts-en.json"));

    #[test]
    fn an_altered_table_is_refused_and_the_build_s_own_gives_every_english_text() {
        let altered = TABLE_TEXT.replacen("Nederlands", "Nederland", 1);
        assert_eq!(install(&altered), Err(TableError::WrongHash));
        assert!(!is_installed());
        assert_eq!(install(TABLE_TEXT), Ok(()));
        // Every static text from the table is the compiled-in one.
        for key in [
            T::AppTitle,
            T::LangToggle,
            T::WorkspaceTitle,
            T::WorkspaceMore,
        ] {
            assert_eq!(static_text(key.index()), Some(text_en(key)));
        }
        assert_eq!(t(Lang::En, T::LangToggle), "Nederlands");
        // A text with values, from the table's pattern.
        let index = (crate::i18n::ENGLISH_FIRST_PATTERN..crate::i18n::ENGLISH_ENTRIES)
            .find(|i| {
                TABLE
                    .get(*i)
                    .unwrap()
                    .starts_with("Showing \u{1}shown\u{1}")
            })
            .unwrap();
        assert_eq!(
            format(index, &[("shown", &3), ("matching", &4), ("total", &5)]).as_deref(),
            Some("Showing 3 of 4 found (5 onboardings in all).")
        );
        assert_eq!(
            format(index, &[("shown", &3)]),
            None,
            "a missing value is no text"
        );
        assert_eq!(
            msg::WorkspaceCount {
                shown: &3,
                matching: &4,
                total: &5
            }
            .text(Lang::En),
            "Showing 3 of 4 found (5 onboardings in all)."
        );
    }
}
