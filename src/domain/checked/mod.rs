//! The door: values from outside (a field, `config.json`, stored settings, a pasted key, a
//! server's answer) become checked types here, once, or are refused with an error enum.
//!
//! Imports nothing of the domain: every other folder imports from here, nothing here imports
//! from them.

pub mod client_id;
pub mod json;
pub mod kid;
pub mod lifetime;
pub mod organisation;
pub mod time;
pub mod url;
