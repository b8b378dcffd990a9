//! The one list of the page's steps, in order: each step's anchor (its section's `id`), title
//! and the settings it keeps across a reload. The navigation, the skip link,
//! `ui::parts::step_view`, `ui::widgets::StepSection` (each section's `id` and heading), the
//! settings' test and the tests (`tests/support::step_ids`) read it. Adding a step is a variant
//! here (the compiler then asks for its anchor, title, stored settings and view) plus its own
//! component file, wrapped in `StepSection`.

use crate::i18n::T;

/// A step of the page.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Step {
    Organisation,
    Key,
    Registration,
    Assertion,
    Connection,
    Check,
    Software,
}

impl Step {
    pub const ALL: [Step; 7] = [
        Step::Organisation,
        Step::Key,
        Step::Registration,
        Step::Assertion,
        Step::Connection,
        Step::Check,
        Step::Software,
    ];

    /// The `id` of the step's section, and its anchor in the navigation.
    pub fn id(self) -> &'static str {
        match self {
            Step::Organisation => "organisatie",
            Step::Key => "sleutel",
            Step::Registration => "registratie",
            Step::Assertion => "assertion",
            Step::Connection => "verbinding",
            Step::Check => "controle",
            Step::Software => "software",
        }
    }

    /// The step's heading and navigation label.
    pub fn title(self) -> T {
        match self {
            Step::Organisation => T::StepOrganisation,
            Step::Key => T::StepKey,
            Step::Registration => T::StepRegistration,
            Step::Assertion => T::StepAssertion,
            Step::Connection => T::StepConnection,
            Step::Check => T::StepCheck,
            Step::Software => T::StepSoftware,
        }
    }

    /// The keys of the stored settings (`settings::Settings`, written to browser storage) that
    /// keep this step's fields across a reload. Every stored key but the page's language belongs
    /// to exactly one step (a test in `settings.rs` checks it both ways), so a new step declares
    /// here what it stores. Step 2 stores nothing: the key never leaves the key store.
    pub fn stored_settings(self) -> &'static [&'static str] {
        match self {
            Step::Organisation => &[
                "org_name",
                "org_code",
                "environment",
                "brand",
                "role",
                "integrator",
            ],
            Step::Key | Step::Check | Step::Software => &[],
            Step::Registration => &["ticks", "api_team_email"],
            Step::Assertion => &["client_id", "audience", "lifetime"],
            Step::Connection => &["relay_url", "endpoint_overrides", "timeout_seconds"],
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn anchors_are_unique_and_titles_are_numbered_in_order() {
        let mut ids: Vec<&str> = Step::ALL.iter().map(|s| s.id()).collect();
        ids.sort_unstable();
        ids.dedup();
        assert_eq!(ids.len(), Step::ALL.len());
        for (i, step) in Step::ALL.iter().enumerate() {
            for lang in [crate::i18n::Lang::Nl, crate::i18n::Lang::En] {
                let title = crate::i18n::t(lang, step.title());
                assert!(title.starts_with(&format!("{}.", i + 1)), "{title}");
            }
        }
    }
}
