//! The organisation's client id as the page takes it: ACM's id for the client, checked once.

use uuid::Uuid;

/// Longest client id accepted (ACM's are UUIDs: 36 characters).
const CLIENT_ID_MAX_CHARS: usize = 200;

/// The organisation's own client id, as shown in the Beheerportaal after creating the client.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ClientId(String);

/// Why a client id was refused.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum ClientIdError {
    /// Nothing entered.
    Empty,
    /// A space, tab or line break inside the id (often a copy that took the line break along).
    ContainsWhiteSpace,
    /// An invisible control character, usually copied along.
    ContainsControlCharacter,
    /// A character beyond printable ASCII: ACM's client ids are UUIDs, and the id is written
    /// into programs and commands.
    NotAscii,
    /// Longer than the page accepts (200 characters).
    TooLong {
        /// The length entered, in characters.
        chars: usize,
        /// The longest id accepted.
        max: usize,
    },
}

impl ClientId {
    /// Checks the text entered as the client id (trimmed at both ends).
    pub fn parse(raw: &str) -> Result<ClientId, ClientIdError> {
        let trimmed = raw.trim();
        if trimmed.is_empty() {
            return Err(ClientIdError::Empty);
        }
        if trimmed.chars().any(char::is_whitespace) {
            return Err(ClientIdError::ContainsWhiteSpace);
        }
        if trimmed.chars().any(char::is_control) {
            return Err(ClientIdError::ContainsControlCharacter);
        }
        if !trimmed.is_ascii() {
            return Err(ClientIdError::NotAscii);
        }
        let chars = trimmed.chars().count();
        if chars > CLIENT_ID_MAX_CHARS {
            return Err(ClientIdError::TooLong {
                chars,
                max: CLIENT_ID_MAX_CHARS,
            });
        }
        Ok(ClientId(trimmed.to_string()))
    }

    /// The checked id.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The stand-in shown in generated code until the user entered their client id.
    pub fn placeholder() -> ClientId {
        ClientId("<uw-client-id>".to_string())
    }

    /// ACM client ids are UUIDs; anything else is probably a copy of the wrong field (a warning).
    pub fn looks_like_uuid(&self) -> bool {
        self.0.len() == 36 && Uuid::try_parse(&self.0).is_ok()
    }
}
