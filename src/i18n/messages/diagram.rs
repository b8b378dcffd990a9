//! Part of `messages`: Texts of the exchange diagram: the parties and each hop.

use super::{msg, t, Lang, T};
use crate::domain::acm::diagram::{Hop, Party};

use super::owned;

pub fn party_name(lang: Lang, party: Party) -> &'static str {
    t(
        lang,
        match party {
            Party::Page => T::PartyNamePage,
            Party::Relay => T::PartyNameRelay,
            Party::Acm => T::PartyNameAcm,
            Party::Api => T::PartyNameApi,
        },
    )
}

/// The short text on an arrow: the request, or the answer's status and time, or the failure.
pub fn hop_label(lang: Lang, hop: &Hop) -> String {
    let mut label = match hop.status {
        Some(status) => format!("{status} {}", hop.label),
        None => hop.label.clone(),
    };
    if let Some(ms) = hop.elapsed_ms {
        let ms = ms.round() as i64;
        label.push_str(&format!(" · {ms} ms"));
    }
    if let Some(reason) = &hop.failure {
        let failed = owned(lang, T::HopLabelFailed);
        label.push_str(&format!(" ✗ {failed}: {reason}"));
    }
    label
}

/// The hop as a sentence, for the diagram's text equivalent.
pub fn hop_sentence(lang: Lang, hop: &Hop) -> String {
    let (from, to) = (party_name(lang, hop.from), party_name(lang, hop.to));
    let what = &hop.label;
    let mut sentence = match hop.status {
        Some(status) => msg::HopSentence {
            from: &from,
            status: &status,
            to: &to,
            what: &what,
        }
        .text(lang),
        None => msg::HopSentenceNoStatus {
            from: &from,
            to: &to,
            what: &what,
        }
        .text(lang),
    };
    if let Some(ms) = hop.elapsed_ms {
        sentence.push_str(
            &msg::HopSentenceAfter {
                ms: &(ms.round() as i64),
            }
            .text(lang),
        );
    }
    if let Some(reason) = &hop.failure {
        sentence.push_str(&msg::HopSentenceFailedHere { reason: &reason }.text(lang));
    }
    sentence
}
