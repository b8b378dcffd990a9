//! Part of `messages`: Texts of the JSON door: what kind of value was found, where, and why the text was refused.

use super::{msg, t, Lang, T};
use crate::domain::checked::json::{JsonError, JsonKind};

use super::owned;

fn json_kind(lang: Lang, kind: JsonKind) -> &'static str {
    t(
        lang,
        match kind {
            JsonKind::Null => T::JsonKindNull,
            JsonKind::Bool => T::JsonKindBool,
            JsonKind::Number => T::JsonKindNumber,
            JsonKind::String => T::JsonKindString,
            JsonKind::Array => T::JsonKindArray,
            JsonKind::Object => T::JsonKindObject,
        },
    )
}

pub(super) fn bytes(n: usize) -> String {
    if n >= 1 << 20 {
        // Integer arithmetic: float formatting would add its tables to the wasm for one digit.
        let tenths = n * 10 / (1 << 20);
        format!("{}.{} MB", tenths / 10, tenths % 10)
    } else if n >= 1024 {
        format!("{} KB", n / 1024)
    } else {
        format!("{n} B")
    }
}

/// Where JSON went wrong, without `serde_json`'s description: for key text, which may hold
/// key material, only the position is told.
pub(super) fn json_position(lang: Lang, err: &JsonError) -> String {
    match err {
        JsonError::TooDeep { at, .. }
        | JsonError::Truncated { at }
        | JsonError::TrailingCharacters { at }
        | JsonError::Syntax { at, .. } => {
            let (line, column) = (at.line, at.column);
            format!(
                " {}",
                msg::JsonPositionSyntax {
                    column: &column,
                    line: &line
                }
                .text(lang)
            )
        }
        _ => String::new(),
    }
}

pub fn json_error(lang: Lang, err: &JsonError) -> String {
    match err {
        JsonError::Empty => owned(lang, T::JsonErrorEmpty),
        JsonError::TooLarge { bytes: size, max } => {
            let (size, max) = (bytes(*size), bytes(*max));
            msg::JsonErrorTooLarge {
                max: &max,
                size: &size,
            }
            .text(lang)
        }
        JsonError::NotUtf8 { byte_offset } => msg::JsonErrorNotUtf8 {
            byte_offset: &byte_offset,
        }
        .text(lang),
        JsonError::TooDeep { max, at } => {
            let (line, column) = (at.line, at.column);
            msg::JsonErrorTooDeep {
                column: &column,
                line: &line,
                max: &max,
            }
            .text(lang)
        }
        JsonError::Truncated { at } => {
            let (line, column) = (at.line, at.column);
            msg::JsonErrorTruncated {
                column: &column,
                line: &line,
            }
            .text(lang)
        }
        JsonError::TrailingCharacters { at } => {
            let (line, column) = (at.line, at.column);
            msg::JsonErrorTrailingCharacters {
                column: &column,
                line: &line,
            }
            .text(lang)
        }
        JsonError::Syntax { at, detail } => {
            let (line, column) = (at.line, at.column);
            msg::JsonErrorSyntax {
                column: &column,
                detail: &detail,
                line: &line,
            }
            .text(lang)
        }
        JsonError::NotAnObject { found } => {
            let found = json_kind(lang, *found);
            msg::JsonErrorNotAnObject { found: &found }.text(lang)
        }
    }
}
