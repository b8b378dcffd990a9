//! How long a client assertion lives, as the page takes it: whole seconds, within the page's bounds.

/// The lifetime the page proposes: the only value known to work against ACM, the 60 s of the
/// API team's demo client (Spring Security's `NimbusJwtClientAuthenticationParametersConverter`;
/// `facts::Fact::AssertionLifetimeDefault`).
pub(crate) const DEFAULT_LIFETIME_SECONDS: u32 = 60;
/// The lifetime earlier versions of the page proposed, and stored with the settings whether or
/// not the user chose it.
const FORMER_DEFAULT_SECONDS: &str = "300";
/// The longest lifetime the page allows: `facts::Assumption::LifetimeAtMost600` (secondary
/// sources only; no document of ACM's at hand states it).
pub(crate) const MAX_LIFETIME_SECONDS: u32 = 600;

/// How long an assertion lives: 1 to [`MAX_LIFETIME_SECONDS`] seconds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Lifetime(u32);

/// Why a lifetime was refused.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum LifetimeError {
    /// Not a whole number of seconds.
    NotANumber,
    /// Zero: an assertion must be valid for at least a second.
    NotPositive,
    /// Longer than the page allows (see [`MAX_LIFETIME_SECONDS`]).
    TooLong {
        /// The lifetime entered.
        seconds: u64,
        /// The longest lifetime allowed.
        max: u32,
    },
}

impl Lifetime {
    /// Checks the lifetime field's text, in seconds.
    pub fn parse(raw: &str) -> Result<Lifetime, LifetimeError> {
        let raw = raw.trim();
        if raw.starts_with('-') && raw[1..].bytes().all(|b| b.is_ascii_digit()) && raw.len() > 1 {
            return Err(LifetimeError::NotPositive);
        }
        let seconds: u64 = raw.parse().map_err(|_| LifetimeError::NotANumber)?;
        Lifetime::from_seconds(seconds)
    }

    /// Checks a lifetime given as a number of seconds.
    pub(crate) fn from_seconds(seconds: u64) -> Result<Lifetime, LifetimeError> {
        match seconds {
            0 => Err(LifetimeError::NotPositive),
            s if s > u64::from(MAX_LIFETIME_SECONDS) => Err(LifetimeError::TooLong {
                seconds: s,
                max: MAX_LIFETIME_SECONDS,
            }),
            s => Ok(Lifetime(s as u32)),
        }
    }

    /// The lifetime the backend code of step 7 is written with: the field's, when it passes;
    /// else the default, the one value known to work against ACM. The code is a whole program
    /// the user takes away, so it never carries a refused value; step 4 says what is wrong with
    /// the field, and signing there stays refused until it is fixed.
    pub fn for_backend_code(field: &str) -> Lifetime {
        Lifetime::parse(field).unwrap_or_default()
    }

    /// The lifetime in seconds.
    pub fn seconds(self) -> u32 {
        self.0
    }
}

/// The lifetime field's text from stored settings: empty, or the former default that every
/// earlier visit stored unasked, gives the current default; any other value is the user's own.
pub fn restored_field(stored: &str) -> String {
    match stored.trim() {
        "" | FORMER_DEFAULT_SECONDS => DEFAULT_LIFETIME_SECONDS.to_string(),
        _ => stored.to_string(),
    }
}

impl Default for Lifetime {
    fn default() -> Self {
        Lifetime(DEFAULT_LIFETIME_SECONDS)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_default_is_the_api_teams_demo_and_a_stored_old_default_gives_way() {
        assert_eq!(Lifetime::default().seconds(), 60);
        assert_eq!(restored_field(""), "60");
        assert_eq!(restored_field(" 300 "), "60");
        // A value the user chose stays, checked or not (the field says what is wrong).
        assert_eq!(restored_field("120"), "120");
        assert_eq!(restored_field("600"), "600");
        assert_eq!(restored_field("vijf"), "vijf");
    }
}
