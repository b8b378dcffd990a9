//! The English texts as a table fetched at run time (on wasm32; see `build.rs`): only Dutch is
//! compiled into the page, so the first visit downloads one language. The table is installed
//! once, after its SHA-256 matched the one compiled in; until then English texts fall back to
//! Dutch, and the page switches only once the table is there.

use std::fmt::{Display, Write as _};
use std::sync::OnceLock;

use sha2::{Digest, Sha256};

use super::{ENGLISH_ENTRIES, ENGLISH_SHA256};

/// Largest table read (it is about 60 KB).
pub const MAX_TABLE_BYTES: usize = 512 * 1024;

/// The installed table: one text per entry, leaked once so the texts are `'static` like the
/// compiled-in Dutch ones.
static TABLE: OnceLock<Vec<&'static str>> = OnceLock::new();

/// Why a fetched table was not installed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TableError {
    /// Its SHA-256 is not the one this build expects (another build's file, or altered).
    WrongHash,
    /// Not a JSON array of as many strings as the build has texts.
    Malformed,
}

/// Whether the English texts are there.
pub fn is_installed() -> bool {
    TABLE.get().is_some()
}

/// Checks the fetched table against the hash compiled in and installs it (again is a no-op).
pub fn install(text: &str) -> Result<(), TableError> {
    if is_installed() {
        return Ok(());
    }
    let hash = Sha256::digest(text.as_bytes());
    let hex: String = hash.iter().map(|b| format!("{b:02x}")).collect();
    if hex != ENGLISH_SHA256 {
        return Err(TableError::WrongHash);
    }
    // Read as a `Value` (which the page carries anyway) rather than a derived `Vec<String>`.
    let Ok(serde_json::Value::Array(entries)) = serde_json::from_str(text) else {
        return Err(TableError::Malformed);
    };
    if entries.len() != ENGLISH_ENTRIES {
        return Err(TableError::Malformed);
    }
    let leaked = entries
        .into_iter()
        .map(|entry| match entry {
            serde_json::Value::String(text) => Ok(&*Box::leak(text.into_boxed_str())),
            _ => Err(TableError::Malformed),
        })
        .collect::<Result<Vec<&'static str>, _>>()?;
    let _ = TABLE.set(leaked);
    Ok(())
}

/// The text of a static message by its index (`T as usize`), once installed.
pub fn static_text(index: usize) -> Option<&'static str> {
    TABLE.get()?.get(index).copied()
}

/// A text with values: the pattern at `index` with each `\u{1}name\u{1}` replaced by the
/// value of that name, once installed. The pattern is the build's own text, never a value.
pub fn format(index: usize, values: &[(&str, &dyn Display)]) -> Option<String> {
    let pattern = TABLE.get()?.get(index)?;
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
            assert_eq!(static_text(key as usize), Some(text_en(key)));
        }
        assert_eq!(t(Lang::En, T::LangToggle), "Nederlands");
        // A text with values, from the table's pattern.
        let pattern = TABLE.get().unwrap()[crate::i18n::ENGLISH_FIRST_PATTERN..]
            .iter()
            .find(|p| p.starts_with("Showing \u{1}shown\u{1}"))
            .copied()
            .unwrap();
        let index = TABLE
            .get()
            .unwrap()
            .iter()
            .position(|p| *p == pattern)
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
