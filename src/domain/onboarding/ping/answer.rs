//! Part of `ping`: reading the answer. Field names normalised as the API writes them in either case, the fields found at the top and in `token`, the unknown ones, scope lists, times and organisation names folded for comparison.

use crate::domain::checked::time;
use serde_json::{Map, Value};

/// A key as the checker compares it: lower case, without `_` and `-`.
pub(super) fn normalise_key(key: &str) -> String {
    key.chars()
        .filter(|c| *c != '_' && *c != '-')
        .flat_map(char::to_lowercase)
        .collect()
}

const KNOWN_TOP: [&str; 5] = ["voorgcode", "scopes", "scope", "clientid", "token"];

const KNOWN_TOKEN: [&str; 17] = [
    "active",
    "iss",
    "sub",
    "clientid",
    "voorgcode",
    "voorgnaam",
    "voapplicatienaam",
    "tokentype",
    "aud",
    "scope",
    "scopes",
    "iat",
    "exp",
    "nbf",
    "jti",
    "void",
    "username",
];

/// The answer with its two levels, looked up by normalised key.
pub(super) struct Answer<'a> {
    pub(super) top: &'a Map<String, Value>,
    pub(super) token: Option<&'a Map<String, Value>>,
}

/// A value found in the answer, with its path.
pub(super) struct Found<'a> {
    pub(super) path: String,
    pub(super) value: &'a Value,
}

impl<'a> Answer<'a> {
    fn find_in(map: &'a Map<String, Value>, prefix: &str, name: &str) -> Option<Found<'a>> {
        map.iter()
            .find(|(key, _)| normalise_key(key) == name)
            .map(|(key, value)| Found {
                path: format!("{prefix}{key}"),
                value,
            })
    }

    pub(super) fn top(&self, name: &str) -> Option<Found<'a>> {
        Self::find_in(self.top, "", name)
    }

    pub(super) fn in_token(&self, name: &str) -> Option<Found<'a>> {
        let token = self.token?;
        let token_key = self
            .top
            .keys()
            .find(|key| normalise_key(key) == "token")
            .map_or("token", String::as_str);
        Self::find_in(token, &format!("{token_key}."), name)
    }

    /// A field of the token introspection, or the same field at the top level as a fallback.
    pub(super) fn token_field(&self, name: &str) -> Option<Found<'a>> {
        self.in_token(name).or_else(|| self.top(name))
    }
}

pub(super) fn text_of(value: &Value) -> String {
    match value {
        Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}

pub(super) fn unknown_fields(answer: &Answer<'_>) -> Vec<String> {
    let mut unknown: Vec<String> = answer
        .top
        .keys()
        .filter(|key| {
            let key = normalise_key(key);
            !KNOWN_TOP.contains(&key.as_str()) && !KNOWN_TOKEN.contains(&key.as_str())
        })
        .cloned()
        .collect();
    if let Some(token) = answer.token {
        let token_key = answer
            .top
            .keys()
            .find(|key| normalise_key(key) == "token")
            .map_or("token", String::as_str);
        unknown.extend(
            token
                .keys()
                .filter(|key| !KNOWN_TOKEN.contains(&normalise_key(key).as_str()))
                .map(|key| format!("{token_key}.{key}")),
        );
    }
    unknown
}

/// Shows the distinct values found, in order.
pub(super) fn distinct(values: &[String]) -> String {
    let mut seen: Vec<&String> = Vec::new();
    for value in values {
        if !seen.contains(&value) {
            seen.push(value);
        }
    }
    seen.iter()
        .map(|s| s.as_str())
        .collect::<Vec<_>>()
        .join(" / ")
}

/// Scopes as ACM gives them: a space-separated string or an array of strings.
pub(super) fn scope_list(value: &Value) -> Vec<String> {
    match value {
        Value::String(s) => s.split_whitespace().map(str::to_string).collect(),
        Value::Array(items) => items
            .iter()
            .filter_map(Value::as_str)
            .flat_map(|s| s.split_whitespace())
            .map(str::to_string)
            .collect(),
        _ => Vec::new(),
    }
}

/// A time as the API gives it: RFC 3339 text, or Unix seconds as a number or numeric text
/// (values beyond the year 5000 in seconds are taken as milliseconds).
pub(crate) fn parse_time(value: &Value) -> Option<i64> {
    let from_number = |n: f64| {
        if !n.is_finite() {
            None
        } else if n.abs() > 1e11 {
            Some((n / 1000.0) as i64)
        } else {
            Some(n as i64)
        }
    };
    match value {
        Value::Number(n) => n.as_f64().and_then(from_number),
        Value::String(s) => {
            let s = s.trim();
            // serde_json's number parser, so the page carries only one float parser.
            time::parse_rfc3339(s)
                .or_else(|| serde_json::from_str::<f64>(s).ok().and_then(from_number))
        }
        _ => None,
    }
}

/// A Unix time as RFC 3339 UTC text.
pub(crate) fn format_time(unix: i64) -> String {
    time::format_rfc3339(unix)
}

/// Lower case, accents folded, punctuation to spaces, legal-form words dropped, spaces collapsed:
/// "Begrafenissen Dûchêne BV" and "begrafenissen duchene" compare equal.
pub(crate) fn normalise_org_name(name: &str) -> String {
    const LEGAL_FORMS: &[&str] = &[
        "vzw", "ivzw", "nv", "bv", "bvba", "cv", "cvba", "cvso", "vof", "commv", "sa", "srl",
        "sprl", "asbl", "scrl", "scs", "snc", "ag", "gmbh", "ltd", "dv", "ov",
    ];
    let mut folded = String::with_capacity(name.len());
    for ch in name.chars().flat_map(char::to_lowercase) {
        match fold_accent(ch) {
            Folded::One(c) if c.is_alphanumeric() => folded.push(c),
            Folded::One(_) => folded.push(' '),
            Folded::Two(a, b) => {
                folded.push(a);
                folded.push(b);
            }
        }
    }
    folded
        .split_whitespace()
        .filter(|word| !LEGAL_FORMS.contains(word))
        .collect::<Vec<_>>()
        .join(" ")
}

enum Folded {
    One(char),
    Two(char, char),
}

/// Folds the accented lower-case letters of Latin-1 and Latin Extended-A to plain ASCII.
fn fold_accent(ch: char) -> Folded {
    let plain = match ch {
        'à'..='å' | 'ā' | 'ă' | 'ą' => 'a',
        'ç' | 'ć' | 'ĉ' | 'ċ' | 'č' => 'c',
        'ď' | 'đ' => 'd',
        'è'..='ë' | 'ē' | 'ĕ' | 'ė' | 'ę' | 'ě' => 'e',
        'ĝ' | 'ğ' | 'ġ' | 'ģ' => 'g',
        'ĥ' | 'ħ' => 'h',
        'ì'..='ï' | 'ĩ' | 'ī' | 'ĭ' | 'į' | 'ı' => 'i',
        'ĵ' => 'j',
        'ķ' => 'k',
        'ĺ' | 'ļ' | 'ľ' | 'ŀ' | 'ł' => 'l',
        'ñ' | 'ń' | 'ņ' | 'ň' => 'n',
        'ò'..='ö' | 'ø' | 'ō' | 'ŏ' | 'ő' => 'o',
        'ŕ' | 'ŗ' | 'ř' => 'r',
        'ś' | 'ŝ' | 'ş' | 'š' => 's',
        'ţ' | 'ť' | 'ŧ' => 't',
        'ù'..='ü' | 'ũ' | 'ū' | 'ŭ' | 'ů' | 'ű' | 'ų' => 'u',
        'ŵ' => 'w',
        'ý' | 'ÿ' | 'ŷ' => 'y',
        'ź' | 'ż' | 'ž' => 'z',
        'ß' => return Folded::Two('s', 's'),
        'æ' => return Folded::Two('a', 'e'),
        'œ' => return Folded::Two('o', 'e'),
        'ĳ' => return Folded::Two('i', 'j'),
        other => other,
    };
    Folded::One(plain)
}
