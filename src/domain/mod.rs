//! The pure core: every rule of onboarding, with no browser, network or clock of its own.
//!
//! Raw input from the UI is parsed here, once, into checked types (`OrgName`, `OrgCode`,
//! `ClientId`, `Lifetime`, `ImportableKey`, `Relay`), and everything after works with those.
//! Each phase has its own documented error enum. Time and randomness are passed in, so every
//! rule is tested natively with `cargo test`.

// Every public item of the pure core says what it is (clippy -D warnings makes this an error).
#![warn(missing_docs)]

pub mod assertion;
pub mod backend_code;
pub mod checklist;
pub mod collect;
pub mod config;
pub mod diagram;
pub mod display;
pub mod environment;
pub mod exchange;
pub mod facts;
pub mod hosting_config;
pub mod json;
pub mod key;
pub mod late;
pub mod naming;
pub mod organisation;
pub mod own_relay;
pub mod ping;
pub mod provenance;
pub mod registration;
pub mod relay_config;
pub mod shell;
pub mod template;
pub mod time;
pub mod token;
pub mod workspace;
pub mod workspace_file;
