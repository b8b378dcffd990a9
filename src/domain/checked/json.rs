//! Turning untrusted bytes into a JSON object, with errors a person can act on.
//!
//! Every JSON the page reads (a pasted ping answer, a JWK, `config.json`) comes through
//! [`parse_object`]: a UTF-8 BOM and surrounding white space are accepted; empty input, too many
//! bytes, invalid UTF-8 and nesting deeper than [`MAX_DEPTH`] are refused before `serde_json` sees
//! the text, so deep nesting cannot overflow the stack (`serde_json` then runs without its own
//! recursion limit, which is safe because the depth is already bounded).

use serde_json::{Map, Value};

/// Deepest nesting of arrays and objects accepted.
pub(crate) const MAX_DEPTH: usize = 128;

/// How much of the offending line an error shows on each side of the column.
const SNIPPET_RADIUS: usize = 30;

/// Why a text is not the JSON object we need. Lines and columns count from 1, columns in characters.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum JsonError {
    /// Nothing entered.
    Empty,
    /// Larger than the page reads.
    TooLarge {
        /// The size of the input.
        bytes: usize,
        /// The largest input read.
        max: usize,
    },
    /// Not UTF-8 text.
    NotUtf8 {
        /// Where the first invalid byte is.
        byte_offset: usize,
    },
    /// Nested deeper than [`MAX_DEPTH`].
    TooDeep {
        /// The deepest nesting read.
        max: usize,
        /// Where the limit was passed.
        at: Position,
    },
    /// The text ends in the middle of a value (a truncated copy).
    Truncated {
        /// Where the text ends.
        at: Position,
    },
    /// Something follows the complete value.
    TrailingCharacters {
        /// Where the extra text starts.
        at: Position,
    },
    /// Any other syntax error; `detail` is `serde_json`'s English description.
    Syntax {
        /// Where.
        at: Position,
        /// `serde_json`'s description.
        detail: String,
    },
    /// Valid JSON, but not an object at the top level.
    NotAnObject {
        /// What the top-level value is.
        found: JsonKind,
    },
}

impl JsonError {
    /// The same error without any of the text it was found in: for fields that may hold key
    /// material, whose errors keep only the line and column. The text taken out is wiped.
    #[must_use]
    pub fn without_text(mut self) -> JsonError {
        match &mut self {
            JsonError::TooDeep { at, .. }
            | JsonError::Truncated { at }
            | JsonError::TrailingCharacters { at }
            | JsonError::Syntax { at, .. } => {
                zeroize::Zeroize::zeroize(&mut at.snippet);
                at.caret = 0;
            }
            JsonError::Empty
            | JsonError::TooLarge { .. }
            | JsonError::NotUtf8 { .. }
            | JsonError::NotAnObject { .. } => {}
        }
        self
    }
}

/// Where an error was found, with the surrounding text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Position {
    /// The line, from 1.
    pub line: usize,
    /// The column in bytes, from 1.
    pub column: usize,
    /// Up to [`SNIPPET_RADIUS`] characters either side of the column, on one line.
    pub snippet: String,
    /// Where the column falls within `snippet`, in characters.
    pub caret: usize,
}

/// The kind of a JSON value, to say what was found instead of an object.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum JsonKind {
    /// `null`.
    Null,
    /// `true` or `false`.
    Bool,
    /// A number.
    Number,
    /// A string.
    String,
    /// An array.
    Array,
    /// An object.
    Object,
}

impl JsonKind {
    /// The kind of a value.
    pub fn of(value: &Value) -> JsonKind {
        match value {
            Value::Null => JsonKind::Null,
            Value::Bool(_) => JsonKind::Bool,
            Value::Number(_) => JsonKind::Number,
            Value::String(_) => JsonKind::String,
            Value::Array(_) => JsonKind::Array,
            Value::Object(_) => JsonKind::Object,
        }
    }
}

impl JsonError {
    /// The position of the error in the text, where it has one.
    pub fn position(&self) -> Option<&Position> {
        match self {
            JsonError::TooDeep { at, .. }
            | JsonError::Truncated { at }
            | JsonError::TrailingCharacters { at }
            | JsonError::Syntax { at, .. } => Some(at),
            _ => None,
        }
    }
}

/// Decodes bytes (from a file) as UTF-8 text, refusing invalid sequences and oversized input.
pub(crate) fn decode_utf8(bytes: &[u8], max_bytes: usize) -> Result<&str, JsonError> {
    if bytes.len() > max_bytes {
        return Err(JsonError::TooLarge {
            bytes: bytes.len(),
            max: max_bytes,
        });
    }
    std::str::from_utf8(bytes).map_err(|err| JsonError::NotUtf8 {
        byte_offset: err.valid_up_to(),
    })
}

/// Strips a UTF-8 byte-order mark and surrounding white space.
pub(crate) fn clean_text(text: &str) -> &str {
    text.trim().trim_start_matches('\u{feff}').trim()
}

/// Parses a JSON value of bounded size and depth.
pub(crate) fn parse_value(text: &str, max_bytes: usize) -> Result<Value, JsonError> {
    if text.len() > max_bytes {
        return Err(JsonError::TooLarge {
            bytes: text.len(),
            max: max_bytes,
        });
    }
    let text = clean_text(text);
    if text.is_empty() {
        return Err(JsonError::Empty);
    }
    if let Some(offset) = first_offset_deeper_than(text, MAX_DEPTH) {
        return Err(JsonError::TooDeep {
            max: MAX_DEPTH,
            at: position_at_offset(text, offset),
        });
    }
    let mut deserializer = serde_json::Deserializer::from_str(text);
    // The depth is bounded by the scan above; serde_json's own limit (128 minus one) would
    // otherwise refuse input at exactly our documented maximum.
    deserializer.disable_recursion_limit();
    let value = match serde::Deserialize::deserialize(&mut deserializer) {
        Ok(value) => value,
        Err(err) => return Err(classify(text, &err)),
    };
    if let Err(err) = deserializer.end() {
        return Err(classify(text, &err));
    }
    Ok(value)
}

/// Parses a JSON object of bounded size and depth: the common case of everything the page reads.
pub(crate) fn parse_object(text: &str, max_bytes: usize) -> Result<Map<String, Value>, JsonError> {
    match parse_value(text, max_bytes)? {
        Value::Object(map) => Ok(map),
        other => Err(JsonError::NotAnObject {
            found: JsonKind::of(&other),
        }),
    }
}

fn classify(text: &str, err: &serde_json::Error) -> JsonError {
    let at = position_at(text, err.line(), err.column());
    let detail = err.to_string();
    if err.classify() == serde_json::error::Category::Eof {
        JsonError::Truncated { at }
    } else if detail.starts_with("trailing characters") {
        JsonError::TrailingCharacters { at }
    } else {
        // Drop serde_json's " at line X column Y": the position is shown separately.
        let detail = match detail.find(" at line ") {
            Some(cut) => detail[..cut].to_string(),
            None => detail,
        };
        JsonError::Syntax { at, detail }
    }
}

/// Byte offset of the first bracket that opens nesting level `max + 1`, outside strings.
fn first_offset_deeper_than(text: &str, max: usize) -> Option<usize> {
    let mut depth = 0usize;
    let mut in_string = false;
    let mut escaped = false;
    for (offset, byte) in text.bytes().enumerate() {
        if in_string {
            match byte {
                _ if escaped => escaped = false,
                b'\\' => escaped = true,
                b'"' => in_string = false,
                _ => {}
            }
            continue;
        }
        match byte {
            b'"' => in_string = true,
            b'[' | b'{' => {
                depth += 1;
                if depth > max {
                    return Some(offset);
                }
            }
            b']' | b'}' => depth = depth.saturating_sub(1),
            _ => {}
        }
    }
    None
}

fn position_at_offset(text: &str, offset: usize) -> Position {
    let before = &text[..offset];
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    position_at(text, line, offset - line_start + 1)
}

/// Builds a position from a line and a byte column, both 1-based as `serde_json` reports them
/// (column 0 means "before the first character"); the reported column counts characters.
fn position_at(text: &str, line: usize, byte_column: usize) -> Position {
    let line_text = text.split('\n').nth(line.saturating_sub(1)).unwrap_or("");
    let line_text = line_text.strip_suffix('\r').unwrap_or(line_text);
    let mut byte_index = byte_column.saturating_sub(1).min(line_text.len());
    while !line_text.is_char_boundary(byte_index) {
        byte_index -= 1;
    }
    let chars: Vec<char> = line_text.chars().collect();
    let index = line_text[..byte_index].chars().count();
    let start = index.saturating_sub(SNIPPET_RADIUS);
    let end = (index + SNIPPET_RADIUS).min(chars.len());
    Position {
        line,
        column: index + 1,
        snippet: chars[start..end].iter().collect(),
        caret: index - start,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const LIMIT: usize = 1 << 20;

    #[test]
    fn accepts_an_object_with_bom_and_white_space() {
        let map = parse_object("\u{feff}\n  {\"a\": 1}\r\n ", LIMIT).unwrap();
        assert_eq!(map["a"], 1);
    }

    #[test]
    fn empty_input() {
        assert_eq!(parse_object("", LIMIT), Err(JsonError::Empty));
        assert_eq!(parse_object(" \u{feff}", LIMIT), Err(JsonError::Empty));
        assert_eq!(parse_object("\u{feff} \n\t", LIMIT), Err(JsonError::Empty));
    }

    #[test]
    fn not_an_object() {
        assert_eq!(
            parse_object("[1,2]", LIMIT),
            Err(JsonError::NotAnObject {
                found: JsonKind::Array
            })
        );
        assert_eq!(
            parse_object("\"hallo\"", LIMIT),
            Err(JsonError::NotAnObject {
                found: JsonKind::String
            })
        );
        assert_eq!(
            parse_object("null", LIMIT),
            Err(JsonError::NotAnObject {
                found: JsonKind::Null
            })
        );
    }

    #[test]
    fn truncated_input_reports_where_it_ends() {
        let err = parse_object("{\n  \"a\": 1,\n  \"b\": [1, 2", LIMIT).unwrap_err();
        let JsonError::Truncated { at } = err else {
            panic!("expected Truncated, got {err:?}")
        };
        assert_eq!(at.line, 3);
    }

    #[test]
    fn trailing_garbage() {
        let err = parse_object("{\"a\": 1} x", LIMIT).unwrap_err();
        let JsonError::TrailingCharacters { at } = err else {
            panic!("expected TrailingCharacters, got {err:?}")
        };
        assert_eq!((at.line, at.column), (1, 10));
    }

    #[test]
    fn syntax_error_with_line_column_and_snippet() {
        let text = "{\n  \"clientId\": \"abc\",\n  \"scopes\": vo_info\n}";
        let err = parse_object(text, LIMIT).unwrap_err();
        let JsonError::Syntax { at, detail } = err else {
            panic!("expected Syntax, got {err:?}")
        };
        assert_eq!(at.line, 3);
        assert_eq!(at.column, 13);
        assert!(at.snippet.contains("\"scopes\": vo_info"), "{at:?}");
        assert_eq!(at.snippet.chars().nth(at.caret), Some('v'));
        assert!(!detail.contains("line"), "{detail}");
    }

    #[test]
    fn snippet_is_cut_around_the_column_in_long_lines() {
        let text = format!("{{\"a\": \"{}\", oops}}", "x".repeat(200));
        let err = parse_object(&text, LIMIT).unwrap_err();
        let at = err.position().unwrap();
        assert!(at.snippet.chars().count() <= 2 * SNIPPET_RADIUS);
        assert!(at.snippet.contains("oops"));
    }

    #[test]
    fn depth_exactly_at_the_limit_is_accepted() {
        let inner = "[".repeat(MAX_DEPTH - 1) + &"]".repeat(MAX_DEPTH - 1);
        let text = format!("{{\"a\": {inner}}}");
        assert!(parse_object(&text, LIMIT).is_ok());
    }

    #[test]
    fn depth_beyond_the_limit_is_refused_without_overflowing_the_stack() {
        let text = format!("{{\"a\": {}}}", "[".repeat(10_000) + &"]".repeat(10_000));
        let err = parse_object(&text, LIMIT).unwrap_err();
        let JsonError::TooDeep { max, at } = err else {
            panic!("expected TooDeep, got {err:?}")
        };
        assert_eq!(max, MAX_DEPTH);
        assert_eq!(at.line, 1);
        assert_eq!(at.column, 7 + MAX_DEPTH - 1);
    }

    #[test]
    fn brackets_inside_strings_do_not_count_as_nesting() {
        let text = format!("{{\"a\": \"{}\\\"{}\"}}", "[".repeat(500), "{".repeat(500));
        assert!(parse_object(&text, LIMIT).is_ok());
    }

    #[test]
    fn size_limit() {
        let text = format!("{{\"a\": \"{}\"}}", "x".repeat(100));
        assert_eq!(
            parse_object(&text, 50),
            Err(JsonError::TooLarge {
                bytes: text.len(),
                max: 50
            })
        );
    }

    #[test]
    fn invalid_utf8_reports_the_offset() {
        let bytes = b"{\"a\": \"\xff\"}";
        assert_eq!(
            decode_utf8(bytes, LIMIT),
            Err(JsonError::NotUtf8 { byte_offset: 7 })
        );
        assert_eq!(decode_utf8(b"{}", LIMIT), Ok("{}"));
        assert!(matches!(
            decode_utf8(&[b' '; 100], 10),
            Err(JsonError::TooLarge { .. })
        ));
    }

    #[test]
    fn non_ascii_text_in_errors() {
        let err = parse_object("{\"naam\": \"Zoë\" \"x\"}", LIMIT).unwrap_err();
        let at = err.position().unwrap();
        assert_eq!((at.line, at.column), (1, 16));
        assert_eq!(at.snippet.chars().nth(at.caret), Some('"'));
    }
}
