//! The pure core: every rule of onboarding, with no browser, network or clock of its own.
//!
//! Raw input from the UI is parsed once, at the door (`checked`), into checked types
//! (`OrgName`, `OrgCode`, `ClientId`, `Lifetime`, `EndpointUrl`, `Kid`, and the key and relay
//! types of the folders above), and everything after works with those. Each phase has its own
//! documented error enum. Time and randomness are passed in, so every rule is tested natively
//! with `cargo test`.
//!
//! The folders are floors, listed here from the bottom up; a module imports only from its own
//! floor or the ones below it, never up and never in a circle (`tests/architecture.rs` reads
//! the imports and holds the code to this):
//!
//! 1. `checked`: the door, the checked values everything above takes.
//! 2. `templates`: the template engine and the late tables.
//! 3. `facts`: the facts table, their sources, `config.json` and each value's origin.
//! 4. `acm`: the exchange with ACM/IDM and the API (key, assertion, token, HTTP, hops).
//! 5. `onboarding` and `runnable`, side by side: one organisation's onboarding, and the text
//!    people run or paste. Neither imports the other.
//! 6. `display` and `samples`: words for every error, and the documented sample values.

// Every public item of the pure core says what it is (clippy -D warnings makes this an error).
#![warn(missing_docs)]

pub mod checked;
pub mod templates;

pub mod facts;

pub mod acm;

pub mod onboarding;
pub mod runnable;

pub mod display;
pub mod samples;

/// The former name of [`runnable`] and its nginx modules, for code written against it (other
/// checkouts' tests, scripts); nothing in this crate uses it.
#[doc(hidden)]
pub mod generated {
    pub use super::runnable::*;
    pub use super::runnable::{hosting_nginx as hosting_config, relay_nginx as relay_config};
}

/// The former name of [`templates`], for code written against it; nothing in this crate uses
/// it.
#[doc(hidden)]
pub mod text {
    pub use super::templates::{engine as template, late};
}
