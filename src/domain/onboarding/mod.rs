//! One organisation's onboarding: its client name and scopes, the registration and its
//! checklist, the check of the ping answer against what was registered, and the workspace that
//! keeps every onboarding with its files.
//!
//! May import `checked`, `text`, `facts` and `acm`; nothing in the domain imports it but
//! `display` and `samples`.

pub mod checklist;
pub mod collect;
pub mod naming;
pub mod ping;
pub mod registration;
pub mod workspace;
pub mod workspace_file;
