//! dao-onboard: a static page that takes an organisation from "we need a client for the DAO
//! (now eLys) API" to "our client works".
//!
//! `domain`, `i18n` and `settings` are pure Rust and tested natively; `ui`, `net` and
//! `webcrypto` exist only on wasm32, where they form the thin web shell around the core.
//! ARCHITECTURE.md has the map.

#[macro_use]
mod listed;

pub mod domain;
pub mod i18n;
pub mod settings;
pub mod steps;

#[cfg(target_arch = "wasm32")]
pub mod net;
#[cfg(target_arch = "wasm32")]
pub(crate) mod platform;
#[cfg(target_arch = "wasm32")]
pub mod ui;
#[cfg(target_arch = "wasm32")]
pub mod webcrypto;
