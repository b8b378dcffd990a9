//! A key's `kid` as the page takes it: written into the assertion's header and into programs.

/// A key's `kid` as the page takes it, checked at the door: printable ASCII (space to `~`),
/// not blank, at most [`Kid::MAX_CHARS`] characters. It is written into the assertion's header
/// and into programs, so nothing else gets in.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Kid(String);

impl Kid {
    /// The longest `kid` taken.
    pub const MAX_CHARS: usize = 200;

    /// Checks a `kid` (`None` when it is not one the page takes).
    pub fn parse(raw: &str) -> Option<Kid> {
        let printable = raw.bytes().all(|b| (b' '..=b'~').contains(&b));
        (printable && !raw.trim().is_empty() && raw.len() <= Kid::MAX_CHARS)
            .then(|| Kid(raw.to_string()))
    }

    /// The checked `kid`.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}
