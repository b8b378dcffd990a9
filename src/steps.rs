//! The one list of the page's steps, in order, with each step's anchor (its section's `id`)
//! and number. The navigation, the skip link, `ui::parts::step_view`, `ui::widgets::StepSection`
//! (each section's `id` and heading), the stored settings (`settings::Settings::KEYS` names each
//! setting's step), the locale files' step numbers (`build.rs` reads this file) and the tests
//! (`tests/support::step_ids`) follow it. Adding a step is a variant here (the compiler then
//! asks for its anchor, title and view), its title in `locales/*.ftl`, and its own component
//! file, wrapped in `StepSection`.
//!
//! Self-contained (no `crate::` paths outside tests), because `build.rs` compiles it too.

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

    /// The step's number as the page shows it: its place in [`Step::ALL`], from 1. Headings,
    /// the navigation and every text that says "stap 4" take it from here (the locale files
    /// write `{ -step-assertion }`, numbered by `build.rs`), so inserting a step renumbers
    /// nothing by hand.
    pub fn number(self) -> usize {
        Step::ALL.iter().position(|&step| step == self).unwrap_or(0) + 1
    }

    /// The name a locale file refers to the step by: `{ -step-<name> }` for its number, and
    /// `step-<name>` for its title.
    pub fn name(self) -> String {
        format!("{self:?}").to_ascii_lowercase()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn anchors_are_unique_and_steps_are_numbered_in_order() {
        let mut ids: Vec<&str> = Step::ALL.iter().map(|s| s.id()).collect();
        ids.sort_unstable();
        ids.dedup();
        assert_eq!(ids.len(), Step::ALL.len());
        for (i, step) in Step::ALL.iter().enumerate() {
            assert_eq!(step.number(), i + 1);
            // Titles carry no number of their own: the page adds it.
            for lang in [crate::i18n::Lang::Nl, crate::i18n::Lang::En] {
                let title = crate::i18n::t(lang, step.title());
                assert!(!title.starts_with(|c: char| c.is_ascii_digit()), "{title}");
            }
        }
        assert_eq!(Step::Organisation.name(), "organisation");
        assert_eq!(Step::Software.name(), "software");
    }
}
