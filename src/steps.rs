//! The one list of the page's steps, in order: each step's anchor (its section's `id`) and
//! title. The navigation, the skip link,
//! `ui::parts::step_view`, `ui::widgets::StepSection` (each section's `id` and heading), the
//! settings' test and the tests (`tests/support::step_ids`) read it. Adding a step is a variant
//! here (the compiler then asks for its anchor, title and view) plus its own
//! component file, wrapped in `StepSection`.

use crate::i18n::T;

listed_enum! {
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
}

impl Step {
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

    /// The keys of the stored settings that keep this step's fields across a reload, as
    /// `settings::Settings::KEYS` assigns them (a setting names its step there). Step 2 stores
    /// nothing: the key never leaves the key store.
    pub fn stored_settings(self) -> impl Iterator<Item = &'static str> {
        crate::settings::Settings::KEYS
            .iter()
            .filter(move |(_, owner)| *owner == Some(self))
            .map(|(key, _)| *key)
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
