//! What the page states about the outside world and where each statement comes from: the
//! facts table, the sources and assumptions, `config.json`'s endpoints and each value's origin.
//!
//! May import `checked` and `templates`; `acm`, `onboarding` and `runnable` import it.

pub mod config;
pub mod documents;
pub mod environment;
pub mod provenance;
pub mod sources;
