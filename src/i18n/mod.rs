//! Every word the page shows, in Dutch (first) and English.
//!
//! All words are in `locales/<lang>.ftl` (Fluent), which translators edit without Rust.
//! `build.rs` generates from them: a message without values becomes a key of [`T`] (read with
//! [`t`]); a message with `{ $values }` becomes a struct in [`msg`] with a field per value, whose
//! `text(lang)` formats only that language. A message missing in a language, a language taking
//! other values, or a key no file holds does not build. `messages/` chooses the message for
//! each case (errors, explanations, the checklist, the mail, the proof report). Tests read
//! expected texts from here too.

pub mod english;
#[cfg(test)]
mod locale_file;
pub mod messages;
pub mod workspace_messages;

// `enum T`, `text_nl`, `text_en` and `mod msg`, generated from `locales/nl.ftl` and
// `locales/en.ftl` by build.rs.
include!(concat!(env!("OUT_DIR"), "/texts.rs"));

/// The page's language.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Lang {
    #[default]
    Nl,
    En,
}

impl Lang {
    /// The BCP 47 code, for `<html lang>` and settings.
    pub fn code(self) -> &'static str {
        match self {
            Lang::Nl => "nl",
            Lang::En => "en",
        }
    }

    pub fn parse(code: &str) -> Lang {
        if code.eq_ignore_ascii_case("en") {
            Lang::En
        } else {
            Lang::Nl
        }
    }

    #[must_use]
    pub fn other(self) -> Lang {
        match self {
            Lang::Nl => Lang::En,
            Lang::En => Lang::Nl,
        }
    }
}

impl crate::steps::Step {
    /// The step's title, without its number (`ui::widgets::step_title` adds it).
    pub fn title(self) -> T {
        use crate::steps::Step;
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
}

/// The text of `key` in `lang`.
pub fn t(lang: Lang, key: T) -> &'static str {
    match lang {
        Lang::Nl => text_nl(key),
        Lang::En => text_en(key),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn language_codes() {
        assert_eq!(Lang::parse("en"), Lang::En);
        assert_eq!(Lang::parse("EN"), Lang::En);
        assert_eq!(Lang::parse("nl"), Lang::Nl);
        assert_eq!(Lang::parse(""), Lang::Nl);
        assert_eq!(Lang::Nl.other(), Lang::En);
        assert_eq!(t(Lang::Nl, T::LangToggle), "English");
        assert_eq!(t(Lang::En, T::LangToggle), "Nederlands");
    }
}
