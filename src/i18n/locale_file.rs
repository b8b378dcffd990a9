//! The locale files (`locales/<lang>.ftl`): Fluent, read with Project Fluent's own parser
//! (`fluent-syntax`), narrowed to what the page needs: messages of text and `{ $variable }`
//! placeables (and `{"{"}`-style literals). Selectors, terms, attributes and functions are
//! refused: which text applies is decided by the code, so both languages always take the same
//! arguments. Read by `build.rs` (through `#[path]`) to generate the texts, and compiled into
//! the library only for its tests.

use std::collections::BTreeSet;

use fluent_syntax::ast::{Entry, Expression, InlineExpression, PatternElement};

/// One piece of a message's text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Part {
    Text(String),
    /// A `{ $name }` placeable: a value the code fills in.
    Value(String),
    /// A `{ -step-<name> }` reference: the number of that step of the page, filled in at build
    /// time by [`number_steps`] (from `steps::Step::ALL`), so no text writes a step's number.
    Step(String),
}

/// One message: its id and its text, in file order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Message {
    pub id: String,
    pub parts: Vec<Part>,
}

impl Message {
    /// The names of the values the message takes.
    pub fn values(&self) -> BTreeSet<&str> {
        self.parts
            .iter()
            .filter_map(|part| match part {
                Part::Value(name) => Some(name.as_str()),
                Part::Text(_) | Part::Step(_) => None,
            })
            .collect()
    }

    /// The text when the message takes no values.
    pub fn static_text(&self) -> Option<String> {
        self.parts
            .iter()
            .map(|part| match part {
                Part::Text(text) => Some(text.as_str()),
                Part::Value(_) | Part::Step(_) => None,
            })
            .collect()
    }
}

/// One file's messages in file order; or the line (1-based) and what is wrong there.
pub fn parse(text: &str) -> Result<Vec<Message>, (usize, String)> {
    let resource = fluent_syntax::parser::parse(text).map_err(|(_, errors)| {
        // The entry the error is in (its junk) starts on the line to name.
        let Some(first) = errors.first() else {
            return (1, "not Fluent".into());
        };
        let at = first
            .slice
            .as_ref()
            .map_or(first.pos.start, |junk| junk.start);
        (line_of(text, at), format!("not Fluent: {}", first.kind))
    })?;
    let mut messages: Vec<Message> = Vec::new();
    // Entries come in file order, so each is looked for after the one before.
    let mut cursor = 0;
    for entry in resource.body {
        let message = match entry {
            Entry::Message(message) => message,
            Entry::Comment(_) | Entry::GroupComment(_) | Entry::ResourceComment(_) => continue,
            Entry::Term(term) => {
                let id = term.id.name;
                return Err((
                    line_of_id(text, &format!("-{id}"), &mut cursor),
                    format!("`-{id}`: terms are not used; write the text in each message"),
                ));
            }
            Entry::Junk { content } => {
                return Err((line_of_id(text, content, &mut cursor), "not Fluent".into()));
            }
        };
        let id = message.id.name.to_string();
        let line = line_of_id(text, &id, &mut cursor);
        if !is_id(&id) {
            return Err((
                line,
                format!("`{id}` is not an id: lower-case words joined by `-`"),
            ));
        }
        if !message.attributes.is_empty() {
            return Err((line, format!("`{id}`: attributes (`.name =`) are not used")));
        }
        let Some(pattern) = message.value else {
            return Err((line, format!("`{id}` has no text")));
        };
        let mut parts: Vec<Part> = Vec::new();
        for element in pattern.elements {
            let part = match element {
                PatternElement::TextElement { value } => Part::Text(value.to_string()),
                PatternElement::Placeable {
                    expression: Expression::Inline(InlineExpression::StringLiteral { value }),
                } => Part::Text(fluent_syntax::unicode::unescape_unicode_to_string(value).into()),
                PatternElement::Placeable {
                    expression: Expression::Inline(InlineExpression::VariableReference { id: name }),
                } if is_value_name(name.name) => Part::Value(name.name.to_string()),
                PatternElement::Placeable {
                    expression: Expression::Inline(InlineExpression::VariableReference { id: name }),
                } => {
                    return Err((
                        line,
                        format!(
                            "`{id}`: `${}` is not a value name: lower-case letters, digits and `_`",
                            name.name
                        ),
                    ))
                }
                PatternElement::Placeable {
                    expression:
                        Expression::Inline(InlineExpression::TermReference {
                            id: term,
                            attribute: None,
                            arguments: None,
                        }),
                } if term.name.starts_with("step-") => {
                    Part::Step(term.name["step-".len()..].to_string())
                }
                PatternElement::Placeable { .. } => {
                    return Err((
                        line,
                        format!(
                            "`{id}`: only `{{ $value }}`, `{{ -step-<name> }}` and `{{\"{{\"}}` placeables \
                             are used; selectors, functions and other references are not (the code \
                             chooses the text)"
                        ),
                    ))
                }
            };
            match (parts.last_mut(), part) {
                (Some(Part::Text(before)), Part::Text(more)) => before.push_str(&more),
                (_, part) => parts.push(part),
            }
        }
        if messages.iter().any(|known| known.id == id) {
            return Err((line, format!("`{id}` is given twice")));
        }
        messages.push(Message { id, parts });
    }
    Ok(messages)
}

/// Replaces each `{ -step-<name> }` with that step's number, `names` being the steps' names in
/// the page's order; or the message and the name no step has.
pub fn number_steps(messages: &mut [Message], names: &[String]) -> Result<(), String> {
    for message in messages {
        let mut parts: Vec<Part> = Vec::new();
        for part in std::mem::take(&mut message.parts) {
            let part = match part {
                Part::Step(name) => {
                    let Some(at) = names.iter().position(|known| *known == name) else {
                        return Err(format!(
                            "`{}`: `-step-{name}` is no step (the steps: {})",
                            message.id,
                            names.join(", ")
                        ));
                    };
                    Part::Text((at + 1).to_string())
                }
                part => part,
            };
            match (parts.last_mut(), part) {
                (Some(Part::Text(before)), Part::Text(more)) => before.push_str(&more),
                (_, part) => parts.push(part),
            }
        }
        message.parts = parts;
    }
    Ok(())
}

/// Fluent's identifier, narrowed to the kebab-case the files use (`app-title`).
pub fn is_id(id: &str) -> bool {
    id.split('-').all(|part| {
        !part.is_empty()
            && part.starts_with(|c: char| c.is_ascii_lowercase())
            && part
                .chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit())
    })
}

/// A value's name becomes a Rust field name: snake case, and not a keyword.
fn is_value_name(name: &str) -> bool {
    const KEYWORDS: [&str; 12] = [
        "as", "fn", "for", "if", "impl", "in", "let", "match", "mod", "ref", "self", "type",
    ];
    name.starts_with(|c: char| c.is_ascii_lowercase())
        && name
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
        && !KEYWORDS.contains(&name)
}

/// `app-title` → `AppTitle`: the `T` variant or the `msg` struct.
pub fn variant(id: &str) -> String {
    id.split('-')
        .map(|part| {
            let (first, rest) = part.split_at(1);
            first.to_ascii_uppercase() + rest
        })
        .collect()
}

/// What makes `other` differ from `reference`: an id one has and the other lacks, or a message
/// whose values differ. Named so a translator knows where to look.
pub fn differences(reference: &[Message], other: &[Message]) -> Option<String> {
    for message in reference {
        match other.iter().find(|m| m.id == message.id) {
            None => return Some(format!("`{}` is missing", message.id)),
            Some(translated) if translated.values() != message.values() => {
                return Some(format!(
                    "`{}` takes {:?} here but {:?} in the other language; both must take the same values",
                    message.id,
                    translated.values(),
                    message.values()
                ))
            }
            Some(_) => {}
        }
    }
    other
        .iter()
        .find(|m| !reference.iter().any(|r| r.id == m.id))
        .map(|extra| format!("`{}` is not in the other language", extra.id))
}

fn line_of(text: &str, offset: usize) -> usize {
    text[..offset.min(text.len())].matches('\n').count() + 1
}

/// The line where an entry starts: the first line from `cursor` on that begins with its id
/// (then a blank or `=`). Moves `cursor` past it.
fn line_of_id(text: &str, id: &str, cursor: &mut usize) -> usize {
    let mut offset = *cursor;
    for line in text[*cursor..].split_inclusive('\n') {
        let starts_entry = line
            .strip_prefix(id)
            .is_some_and(|rest| rest.starts_with([' ', '=', '\n']) || rest.is_empty());
        if starts_entry {
            *cursor = offset + line.len();
            return line_of(text, offset);
        }
        offset += line.len();
    }
    line_of(text, *cursor)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(value: &str) -> Part {
        Part::Text(value.into())
    }

    #[test]
    fn reads_messages_values_literals_and_multiline_text() {
        let messages = parse(concat!(
            "### Title\n\n## Group\n# a note\n",
            "app-title = Hallo = daar\n",
            "too-long = De naam is { $chars } tekens; maximum {$max}.\n",
            "braces = Een object ({\"{\"}…{\"}\"}){\" \"}\n",
            "mail =\n    Beste,\n\n    Client: { $client_name }\n    {\"*\"} ster\n",
        ))
        .expect("valid");
        let ids: Vec<&str> = messages.iter().map(|m| m.id.as_str()).collect();
        assert_eq!(ids, ["app-title", "too-long", "braces", "mail"]);
        assert_eq!(messages[0].static_text().as_deref(), Some("Hallo = daar"));
        assert_eq!(
            messages[1].parts,
            [
                text("De naam is "),
                Part::Value("chars".into()),
                text(" tekens; maximum "),
                Part::Value("max".into()),
                text(".")
            ]
        );
        assert_eq!(messages[1].static_text(), None);
        assert_eq!(messages[1].values(), BTreeSet::from(["chars", "max"]));
        assert_eq!(
            messages[2].static_text().as_deref(),
            Some("Een object ({…}) ")
        );
        assert_eq!(
            messages[3].parts,
            [
                text("Beste,\n\nClient: "),
                Part::Value("client_name".into()),
                text("\n* ster")
            ]
        );
        assert_eq!(variant("key-type-rsa4096"), "KeyTypeRsa4096");
        assert_eq!(variant("client-id-is-api-id"), "ClientIdIsApiId");
    }

    #[test]
    fn step_references_become_the_steps_numbers_and_an_unknown_step_is_named() {
        let names: Vec<String> = ["organisation", "key", "assertion"]
            .map(String::from)
            .to_vec();
        let mut messages =
            parse("a = Vul { $what } in (stap { -step-key } of { -step-assertion }).\n")
                .expect("valid");
        assert_eq!(
            messages[0].parts[3],
            Part::Step("key".into()),
            "read as a step"
        );
        number_steps(&mut messages, &names).unwrap();
        assert_eq!(
            messages[0].parts,
            [
                Part::Text("Vul ".into()),
                Part::Value("what".into()),
                Part::Text(" in (stap 2 of 3).".into()),
            ]
        );
        let mut unknown = parse("a = stap { -step-monitoring }\n").expect("valid");
        let problem = number_steps(&mut unknown, &names).unwrap_err();
        assert!(
            problem.contains("`a`: `-step-monitoring` is no step"),
            "{problem}"
        );
        // Other terms are still refused.
        let (_, problem) = parse("a = { -brand }\n").unwrap_err();
        assert!(problem.contains("other references"), "{problem}");
    }

    #[test]
    fn refuses_what_the_page_does_not_use_with_the_line() {
        for (source, line, says) in [
            ("a = x\nno equals sign\n", 2, "not Fluent"),
            ("AppTitle = x\n", 1, "is not an id"),
            ("a = x\nb-1st = y\n", 2, "is not an id"),
            ("a = x\nb =\n", 2, "not Fluent"),
            ("a = x\n\na = y\n", 3, "given twice"),
            (
                "a = x\nb = { $n ->\n [one] een\n *[other] veel\n}\n",
                2,
                "selectors",
            ),
            ("a = { NUMBER($n) }\n", 1, "selectors"),
            ("a = { other-message }\n", 1, "references"),
            ("a = x\n    .title = y\n", 1, "attributes"),
            ("-brand = eLys\n", 1, "terms are not used"),
            ("a = { $clientName }\n", 1, "not a value name"),
            ("a = { $type }\n", 1, "not a value name"),
            ("a = open { brace\n", 1, "not Fluent"),
        ] {
            let (at, problem) = parse(source).expect_err(source);
            assert_eq!(at, line, "{source:?}: {problem}");
            assert!(problem.contains(says), "{source:?}: {problem}");
        }
    }

    #[test]
    fn a_missing_message_or_a_different_value_is_named() {
        let nl = parse("a = x\nb = y { $n }\n").expect("valid");
        let en = parse("a = x\n").expect("valid");
        assert_eq!(differences(&nl, &en).as_deref(), Some("`b` is missing"));
        assert_eq!(
            differences(&en, &nl).as_deref(),
            Some("`b` is not in the other language")
        );
        let renamed = parse("a = x\nb = y { $count }\n").expect("valid");
        let said = differences(&nl, &renamed).expect("differs");
        assert!(said.contains("`b` takes {\"count\"}"), "{said}");
        assert_eq!(differences(&nl, &nl), None);
    }

    #[test]
    fn the_shipped_files_hold_the_same_messages_with_the_same_values() {
        use super::super::{msg, t, Lang, T};
        let read = |lang: &str| {
            let path = format!("{}/locales/{lang}.ftl", env!("CARGO_MANIFEST_DIR"));
            parse(&std::fs::read_to_string(path).expect("readable")).expect("valid")
        };
        let (nl, en) = (read("nl"), read("en"));
        assert_eq!(differences(&nl, &en), None);
        assert!(nl.len() > 400, "{} messages", nl.len());
        let text_of = |messages: &[Message], id: &str| {
            messages
                .iter()
                .find(|m| m.id == id)
                .and_then(Message::static_text)
                .expect("a static text")
        };
        // The generated code is what the page reads.
        assert_eq!(t(Lang::Nl, T::AppTitle), text_of(&nl, "app-title"));
        assert_eq!(t(Lang::En, T::AppTitle), text_of(&en, "app-title"));
        let chars = 130;
        let max = 120;
        let too_long = msg::OrgNameErrorTooLong {
            chars: &chars,
            max: &max,
        };
        assert_eq!(
            too_long.text(Lang::Nl),
            "De naam is 130 tekens lang; het maximum is 120. Kort hem in."
        );
        assert_eq!(
            too_long.text(Lang::En),
            "The name is 130 characters long; the maximum is 120. Shorten it."
        );
    }
}
