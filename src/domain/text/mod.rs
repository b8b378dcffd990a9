//! The template engine: text with typed slots, each encoded for its language, and the late
//! tables that bring some templates and texts after the first paint.
//!
//! Knows no onboarding: it may import `checked`, and every folder that writes text imports it.

pub mod late;
pub mod template;
