//! Templates: the engine (`engine`: text with typed slots, each encoded for its language) and
//! the late tables (`late`) that bring some templates, and the English texts, after the first
//! paint.
//!
//! Knows no onboarding: it may import `checked`, and every folder that writes text imports it.

pub mod engine;
pub mod late;
