//! The one generator of text that people run or paste: the backend programs, the curl commands,
//! the nginx configurations, the Markdown exports and the `mailto:` text.
//!
//! A [`Template`] is literal text with `{{NAME}}` slots, written in one [`Syntax`]. Rendering
//! walks the template once: literal text is copied, and each slot's [`Value`] is encoded for
//! the template's syntax and the value's kind (a shell word, a Python, JavaScript or Java string
//! literal, a decimal number, an nginx string, Markdown text, a URL component). A value is
//! never scanned again for slots, so a value holding `{{PING_URL}}` (or any other text) stays
//! that text, inside its quotes. A value a syntax cannot represent (a NUL byte in a shell word,
//! a `$` in an nginx string) is refused with [`TemplateError::Unencodable`], never written.
//!
//! Hand-written because no crate does this for five languages: template engines (askama,
//! minijinja, handlebars) escape for HTML only, and their loops and conditions are more than
//! these texts need; composition goes through [`Value::Fragment`] instead.

use std::fmt::Write as _;

/// The language a template is written in, which decides how a value is encoded.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Syntax {
    /// bash: strings become single-quoted words.
    Bash,
    /// Python 3: strings become double-quoted literals.
    Python,
    /// JavaScript (Node.js): strings become double-quoted literals.
    JavaScript,
    /// Java 17: strings become double-quoted literals (Unicode escapes accounted for).
    Java,
    /// nginx configuration: strings become double-quoted strings of safe characters only.
    Nginx,
    /// Markdown: strings become inline text with Markdown's punctuation escaped.
    Markdown,
    /// A URL's query component (`mailto:` subject and body): strings are percent-encoded.
    UrlQuery,
    /// A CSV cell (RFC 4180) for a spreadsheet: strings are always quoted, a `"` doubled, and a
    /// cell a spreadsheet would take for a formula (`=`, `+`, `-`, `@`, tab, CR first) starts
    /// with `'` (OWASP's advice against CSV injection; the workspace's CSV reader removes it).
    Csv,
}

/// What fills a slot. The kind says what the value is; the syntax says how it is written.
#[derive(Debug, Clone, Copy)]
pub enum Value<'a> {
    /// Text, written as a string literal of the syntax (a quoted shell word, a quoted literal,
    /// escaped Markdown, a percent-encoded component).
    Str(&'a str),
    /// A whole number, written in decimal.
    Number(u64),
    /// A bare nginx word (an address, a path) or a shell variable name: characters that mean
    /// something to the syntax are refused, nothing is quoted.
    Word(&'a str),
    /// A literal for an anchored nginx regular expression (`"~^/...$"`): metacharacters escaped,
    /// characters that mean something to nginx refused.
    RegexLiteral(&'a str),
    /// Text this generator already rendered for the same syntax, inserted as it is.
    Fragment(&'a Rendered),
    /// A constant of the program itself (code, a header name): inserted as it is. Only
    /// `'static` text, so no value from outside can be passed as code.
    Code(&'static str),
    /// A link target in Markdown (`[title]({{URL}})`): characters that would end or break the
    /// destination (white space, parentheses, angle brackets, controls, non-ASCII) are
    /// percent-encoded.
    Url(&'a str),
}

/// Text rendered by a [`Template`]; only the generator makes one, so a fragment inserted into
/// another template was encoded by the generator.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Rendered(String);

impl Rendered {
    /// The text.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The text, owned.
    pub fn into_string(self) -> String {
        self.0
    }

    /// Several rendered pieces one after the other, each followed by nothing (the pieces carry
    /// their own line ends).
    pub fn concat(pieces: impl IntoIterator<Item = Rendered>) -> Rendered {
        Rendered(pieces.into_iter().map(|piece| piece.0).collect())
    }
}

/// Why a template could not be rendered.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum TemplateError {
    /// The template names a slot its caller does not fill (a mistake in the template).
    UnknownSlot {
        /// The slot's name.
        name: String,
    },
    /// A `{{` without its `}}` (a mistake in the template).
    UnclosedSlot {
        /// Byte offset of the `{{` in the template.
        offset: usize,
    },
    /// The template's text is fetched after the page's first paint and is not there yet (or
    /// could not be fetched; the page says which).
    NotLoaded,
    /// A value the syntax cannot represent in that slot.
    Unencodable {
        /// The slot's name.
        slot: String,
        /// The template's syntax.
        syntax: Syntax,
        /// What is wrong with the value.
        problem: EncodeProblem,
    },
}

/// Why a value cannot be written in a syntax.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum EncodeProblem {
    /// A NUL character, which a shell word cannot hold.
    Nul,
    /// A character that means something to the syntax and has no escape there (nginx's `$`,
    /// `;`, quotes, braces, white space, control characters; a shell name's punctuation).
    UnsafeCharacter,
    /// This kind of value has no place in this syntax (a regular expression in Python).
    KindNotSupported,
    /// An empty word.
    Empty,
}

/// A template: literal text with `{{NAME}}` slots (names of `A`-`Z`, `0`-`9` and `_`).
#[derive(Debug, Clone, Copy)]
pub struct Template {
    syntax: Syntax,
    text: Text,
}

/// Where a template's text is: compiled in, or an entry of the late table
/// (`late::TEMPLATES`, fetched after the page's first paint).
#[derive(Debug, Clone, Copy)]
enum Text {
    Inline(&'static str),
    Late(usize),
}

impl Template {
    /// A template in `syntax`.
    pub const fn new(syntax: Syntax, text: &'static str) -> Template {
        Template {
            syntax,
            text: Text::Inline(text),
        }
    }

    /// A template in `syntax` whose text is entry `index` of `late::TEMPLATES`; until that
    /// table is there, rendering gives [`TemplateError::NotLoaded`].
    pub const fn late(syntax: Syntax, index: usize) -> Template {
        Template {
            syntax,
            text: Text::Late(index),
        }
    }

    fn text(&self) -> Result<&'static str, TemplateError> {
        match self.text {
            Text::Inline(text) => Ok(text),
            Text::Late(index) => crate::domain::templates::late::TEMPLATES
                .get(index)
                .ok_or(TemplateError::NotLoaded),
        }
    }

    /// The template's syntax.
    pub fn syntax(&self) -> Syntax {
        self.syntax
    }

    /// The names of the template's slots, in order of appearance (for tests).
    pub fn slot_names(&self) -> Result<Vec<&'static str>, TemplateError> {
        let mut names = Vec::new();
        for piece in pieces(self.text()?) {
            if let Piece::Slot(name) = piece? {
                names.push(name);
            }
        }
        Ok(names)
    }

    /// Renders the template in one pass: `fill` gives each slot's value by name.
    pub fn render<'a>(
        &self,
        fill: impl Fn(&str) -> Option<Value<'a>>,
    ) -> Result<Rendered, TemplateError> {
        let text = self.text()?;
        let mut out = String::with_capacity(text.len() + 256);
        for piece in pieces(text) {
            match piece? {
                Piece::Text(text) => out.push_str(text),
                Piece::Slot(name) => {
                    let value = fill(name).ok_or_else(|| TemplateError::UnknownSlot {
                        name: name.to_string(),
                    })?;
                    encode(self.syntax, value, &mut out).map_err(|problem| {
                        TemplateError::Unencodable {
                            slot: name.to_string(),
                            syntax: self.syntax,
                            problem,
                        }
                    })?;
                }
            }
        }
        Ok(Rendered(out))
    }
}

enum Piece {
    Text(&'static str),
    Slot(&'static str),
}

/// Where the next slot starts: `{{` followed by a capital letter (so `${{{X}}}` in bash and
/// `{{` in other text are literal braces up to the slot).
fn next_slot(text: &str) -> Option<usize> {
    let bytes = text.as_bytes();
    (0..bytes.len().saturating_sub(2)).find(|&at| {
        bytes[at] == b'{' && bytes[at + 1] == b'{' && bytes[at + 2].is_ascii_uppercase()
    })
}

/// The template split into literal text and slots. Only the template is ever split.
fn pieces(text: &'static str) -> impl Iterator<Item = Result<Piece, TemplateError>> {
    let mut rest = text;
    let mut offset = 0;
    std::iter::from_fn(move || {
        if rest.is_empty() {
            return None;
        }
        let start = next_slot(rest).unwrap_or(rest.len());
        if start > 0 {
            let text = &rest[..start];
            rest = &rest[start..];
            offset += start;
            return Some(Ok(Piece::Text(text)));
        }
        let after = &rest[2..];
        let name = after.find("}}").map(|end| &after[..end]);
        match name {
            Some(name)
                if name
                    .bytes()
                    .all(|b| b.is_ascii_uppercase() || b.is_ascii_digit() || b == b'_') =>
            {
                rest = &after[name.len() + 2..];
                offset += name.len() + 4;
                Some(Ok(Piece::Slot(name)))
            }
            _ => {
                rest = "";
                Some(Err(TemplateError::UnclosedSlot { offset }))
            }
        }
    })
}

fn encode(syntax: Syntax, value: Value<'_>, out: &mut String) -> Result<(), EncodeProblem> {
    match value {
        Value::Fragment(rendered) => out.push_str(rendered.as_str()),
        Value::Code(code) => out.push_str(code),
        Value::Number(number) => {
            let _ = write!(out, "{number}");
        }
        Value::Str(text) => match syntax {
            Syntax::Bash => shell_word(text, out)?,
            Syntax::Python => python_literal(text, out),
            Syntax::JavaScript => javascript_literal(text, out),
            Syntax::Java => java_literal(text, out),
            Syntax::Nginx => {
                nginx_safe(text)?;
                out.push('"');
                out.push_str(text);
                out.push('"');
            }
            Syntax::Markdown => markdown_text(text, out),
            Syntax::UrlQuery => {
                out.extend(percent_encoding::utf8_percent_encode(text, URL_COMPONENT));
            }
            Syntax::Csv => csv_cell(text, out),
        },
        Value::Url(url) => {
            if syntax != Syntax::Markdown {
                return Err(EncodeProblem::KindNotSupported);
            }
            out.extend(percent_encoding::utf8_percent_encode(
                url,
                MARKDOWN_DESTINATION,
            ));
        }
        Value::Word(word) => {
            if word.is_empty() {
                return Err(EncodeProblem::Empty);
            }
            match syntax {
                Syntax::Nginx => nginx_safe(word)?,
                // An address before `?` in a `mailto:` URL: its `@` stays.
                Syntax::UrlQuery => {
                    out.extend(percent_encoding::utf8_percent_encode(word, MAIL_ADDRESS));
                    return Ok(());
                }
                Syntax::Bash => {
                    if !word.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_') {
                        return Err(EncodeProblem::UnsafeCharacter);
                    }
                }
                _ => return Err(EncodeProblem::KindNotSupported),
            }
            out.push_str(word);
        }
        Value::RegexLiteral(literal) => {
            if syntax != Syntax::Nginx {
                return Err(EncodeProblem::KindNotSupported);
            }
            nginx_safe(literal)?;
            for c in literal.chars() {
                if matches!(
                    c,
                    '.' | '?' | '*' | '+' | '(' | ')' | '[' | ']' | '|' | '^' | '/'
                ) {
                    out.push('\\');
                }
                out.push(c);
            }
        }
    }
    Ok(())
}

/// A query component: everything but RFC 3986's unreserved characters is percent-encoded.
const URL_COMPONENT: &percent_encoding::AsciiSet = &percent_encoding::NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'.')
    .remove(b'_')
    .remove(b'~');

/// A `mailto:` address: like a component, with its `@` kept.
const MAIL_ADDRESS: &percent_encoding::AsciiSet = &URL_COMPONENT.remove(b'@');

/// What ends or breaks a Markdown link destination.
const MARKDOWN_DESTINATION: &percent_encoding::AsciiSet = &percent_encoding::CONTROLS
    .add(b' ')
    .add(b'(')
    .add(b')')
    .add(b'<')
    .add(b'>')
    .add(b'\\')
    .add(b'`');

/// A POSIX shell word: single quotes, with `'` written as `'\''`. A NUL cannot be passed to a
/// program at all, so it is refused.
fn shell_word(text: &str, out: &mut String) -> Result<(), EncodeProblem> {
    if text.contains('\0') {
        return Err(EncodeProblem::Nul);
    }
    out.push('\'');
    for c in text.chars() {
        if c == '\'' {
            out.push_str(r"'\''");
        } else {
            out.push(c);
        }
    }
    out.push('\'');
    Ok(())
}

/// True for characters written as they are in every double-quoted literal: printable ASCII.
fn plain(c: char) -> bool {
    (' '..='~').contains(&c) && c != '"' && c != '\\'
}

/// A Python 3 string literal: printable ASCII as it is, everything else escaped (`\xNN`,
/// `\uNNNN`, `\UNNNNNNNN`), so the source is ASCII whatever the value.
fn python_literal(text: &str, out: &mut String) {
    out.push('"');
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            c if plain(c) => out.push(c),
            c if (c as u32) < 0x100 => {
                let _ = write!(out, "\\x{:02x}", c as u32);
            }
            c if (c as u32) < 0x1_0000 => {
                let _ = write!(out, "\\u{:04x}", c as u32);
            }
            c => {
                let _ = write!(out, "\\U{:08x}", c as u32);
            }
        }
    }
    out.push('"');
}

/// A JavaScript string literal: printable ASCII as it is, everything else as `\uNNNN` UTF-16
/// units (a surrogate pair above the BMP), which is what the string holds.
fn javascript_literal(text: &str, out: &mut String) {
    out.push('"');
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            c if plain(c) => out.push(c),
            c => utf16_escapes(c, out),
        }
    }
    out.push('"');
}

/// `c` as `\uNNNN` escapes of its UTF-16 units (a surrogate pair beyond the BMP): what a
/// JavaScript or Java string holds for it.
fn utf16_escapes(c: char, out: &mut String) {
    let mut units = [0u16; 2];
    for unit in c.encode_utf16(&mut units) {
        let _ = write!(out, "\\u{unit:04x}");
    }
}

/// A Java string literal. Java turns `\uNNNN` into its character before it reads the source,
/// so a `\u000a` would end the literal: control characters are written as octal escapes, `\`
/// is doubled (an escaped backslash cannot start a Unicode escape), and only characters beyond
/// ASCII, which cannot close a literal, are written as `\uNNNN` (UTF-16 units).
fn java_literal(text: &str, out: &mut String) {
    out.push('"');
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            c if plain(c) => out.push(c),
            c if c.is_ascii() => {
                let _ = write!(out, "\\{:03o}", c as u32);
            }
            c => utf16_escapes(c, out),
        }
    }
    out.push('"');
}

/// nginx has no escape for `$` (variables) in strings, and quotes, `;`, braces, `\` and white
/// space end or change a token: a value holding one is refused, never written.
fn nginx_safe(text: &str) -> Result<(), EncodeProblem> {
    let unsafe_char = text.chars().any(|c| {
        c.is_whitespace()
            || c.is_control()
            || !c.is_ascii()
            || matches!(c, '"' | '\'' | ';' | '{' | '}' | '\\' | '$' | '#')
    });
    if unsafe_char {
        Err(EncodeProblem::UnsafeCharacter)
    } else {
        Ok(())
    }
}

/// `text` as inline Markdown, encoded as a [`Value::Str`] is in a Markdown template: for the
/// values of the locale files' Markdown messages (the proof of onboarding), whose frame is a
/// translated message rather than a template.
pub fn markdown_inline(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    markdown_text(text, &mut out);
    out
}

/// Whether `rest` (what follows an `&`) reads as the rest of an HTML entity: `#`, letters or
/// digits, then `;`.
fn starts_entity(rest: &str) -> bool {
    let name = rest.strip_prefix('#').unwrap_or(rest);
    let length = name.bytes().take_while(u8::is_ascii_alphanumeric).count();
    length > 0 && name.as_bytes().get(length) == Some(&b';')
}

/// One CSV cell (RFC 4180): always quoted, a quote doubled; a cell a spreadsheet would read as
/// a formula (starting with `=`, `+`, `-`, `@`, a tab or a carriage return) gets a leading `'`,
/// so opening the export never runs what someone typed.
fn csv_cell(text: &str, out: &mut String) {
    out.push('"');
    if text.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        out.push('\'');
    }
    for c in text.chars() {
        if c == '"' {
            out.push('"');
        }
        out.push(c);
    }
    out.push('"');
}

/// Inline Markdown text: the characters that open CommonMark constructs inline (code, emphasis,
/// links, images, HTML, tables, headings, strike-through) are backslash-escaped, and so is a
/// leading list, quote or setext marker; line breaks and other control characters become
/// spaces, so the value stays on its line, and white space at its ends is dropped. Other
/// punctuation (`:`, `/`, `.`) stays as it is, so addresses remain readable as plain text.
fn markdown_text(text: &str, out: &mut String) {
    // Leading white space could make an indented code block; the value is inline text.
    let text = text.trim_matches(|c: char| c.is_whitespace() || c.is_control());
    let leading_digits = text.bytes().take_while(u8::is_ascii_digit).count();
    let chars: Vec<char> = text.chars().collect();
    let mut at = 0;
    for (index, &c) in chars.iter().enumerate() {
        let this = at;
        at += c.len_utf8();
        if c.is_control() {
            out.push(' ');
            continue;
        }
        // An `_` between two letters or digits cannot open or close emphasis (CommonMark's
        // intraword rule), so `vo_info` stays as it is.
        let intraword = |i: Option<usize>| {
            i.and_then(|i| chars.get(i))
                .is_some_and(|c| c.is_alphanumeric())
        };
        let underscore =
            c == '_' && !(intraword(index.checked_sub(1)) && intraword(Some(index + 1)));
        // `&` only where it would start an entity (`&amp;`, `&#38;`), so `T&I` stays.
        let entity = c == '&' && starts_entity(&text[this + 1..]);
        let inline = underscore
            || entity
            || matches!(
                c,
                '\\' | '`' | '*' | '[' | ']' | '<' | '>' | '#' | '|' | '!' | '~'
            );
        let leading = (this == 0 && matches!(c, '-' | '+' | '='))
            || (this == leading_digits && leading_digits > 0 && matches!(c, '.' | ')'));
        if inline || leading {
            out.push('\\');
        }
        out.push(c);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn render(
        syntax: Syntax,
        text: &'static str,
        value: Value<'_>,
    ) -> Result<String, TemplateError> {
        Template::new(syntax, text)
            .render(|name| (name == "V").then_some(value))
            .map(Rendered::into_string)
    }

    #[test]
    fn a_value_holding_a_slot_is_not_expanded_again() {
        let template = Template::new(Syntax::Bash, "A={{A}}\nB={{B}}\n");
        let text = template
            .render(|name| match name {
                "A" => Some(Value::Str("{{B}}")),
                "B" => Some(Value::Str("'; touch pwned; '")),
                _ => None,
            })
            .unwrap();
        assert_eq!(text.as_str(), "A='{{B}}'\nB=''\\''; touch pwned; '\\'''\n");
    }

    #[test]
    fn slots_are_named_and_closed() {
        let template = Template::new(Syntax::Python, "x = {{X}} + {{Y_2}}");
        assert_eq!(template.slot_names().unwrap(), vec!["X", "Y_2"]);
        assert_eq!(
            Template::new(Syntax::Python, "ab{{X").render(|_| None),
            Err(TemplateError::UnclosedSlot { offset: 2 })
        );
        // The offset counts the slots before it too.
        assert_eq!(
            Template::new(Syntax::Python, "{{AB}}x{{C").render(|_| Some(Value::Number(1))),
            Err(TemplateError::UnclosedSlot { offset: 7 })
        );
        assert_eq!(
            Template::new(Syntax::Python, "{{X-Y}}").render(|_| Some(Value::Number(1))),
            Err(TemplateError::UnclosedSlot { offset: 0 })
        );
        // `{{` before anything but a capital letter is text: bash's `${{{X}}:?}`, a `{{}}`.
        assert_eq!(
            render(Syntax::Bash, "${{{V}}:?} {{}} {{lower}}", Value::Word("K")).unwrap(),
            "${K:?} {{}} {{lower}}"
        );
        assert_eq!(
            Template::new(Syntax::Python, "{{X}}").render(|_| None),
            Err(TemplateError::UnknownSlot { name: "X".into() })
        );
        // Braces that are not a slot stay text.
        assert_eq!(
            render(Syntax::JavaScript, "{ a: {{V}} }", Value::Number(7)).unwrap(),
            "{ a: 7 }"
        );
    }

    #[test]
    fn each_syntax_writes_strings_its_own_way() {
        let v = Value::Str("a\"b\\c'$\n\u{e9}\u{1f600}");
        assert_eq!(
            render(Syntax::Bash, "{{V}}", v).unwrap(),
            "'a\"b\\c'\\''$\n\u{e9}\u{1f600}'"
        );
        assert_eq!(
            render(Syntax::Python, "{{V}}", v).unwrap(),
            r#""a\"b\\c'$\x0a\xe9\U0001f600""#
        );
        assert_eq!(
            render(Syntax::JavaScript, "{{V}}", v).unwrap(),
            r#""a\"b\\c'$\u000a\u00e9\ud83d\ude00""#
        );
        assert_eq!(
            render(Syntax::Java, "{{V}}", v).unwrap(),
            r#""a\"b\\c'$\012\u00e9\ud83d\ude00""#
        );
        assert_eq!(
            render(
                Syntax::Markdown,
                "{{V}}",
                Value::Str("*x* [y](z)\n# h: a/b.c")
            )
            .unwrap(),
            r"\*x\* \[y\](z) \# h: a/b.c"
        );
        assert_eq!(
            render(Syntax::Markdown, "{{V}}", Value::Str("- a")).unwrap(),
            r"\- a"
        );
        assert_eq!(
            render(
                Syntax::Markdown,
                "{{V}}",
                Value::Str("T&I &amp; &#38; &x &;")
            )
            .unwrap(),
            r"T&I \&amp; \&\#38; &x &;"
        );
        assert_eq!(
            render(Syntax::Markdown, "{{V}}", Value::Str("    code\n")).unwrap(),
            "code"
        );
        assert_eq!(
            render(Syntax::Markdown, "{{V}}", Value::Str("vo_info _x_ y_ _")).unwrap(),
            r"vo_info \_x\_ y\_ \_"
        );
        assert_eq!(
            render(Syntax::Markdown, "{{V}}", Value::Str("12. a-b")).unwrap(),
            r"12\. a-b"
        );
        // Only after leading digits does a "." or ")" make a list item.
        assert_eq!(
            render(Syntax::Markdown, "{{V}}", Value::Str(".5 of 3)")).unwrap(),
            ".5 of 3)"
        );
        assert_eq!(
            render(Syntax::UrlQuery, "{{V}}", Value::Str("a b&c=d\n")).unwrap(),
            "a%20b%26c%3Dd%0A"
        );
        assert_eq!(
            render(Syntax::Nginx, "{{V}}", Value::Str("https://a/b")).unwrap(),
            "\"https://a/b\""
        );
    }

    #[test]
    fn markdown_inline_encodes_as_a_markdown_slot_does() {
        for text in ["*x* [y](z)", "vo_info", "  - a\n", "T&I &amp;"] {
            assert_eq!(
                markdown_inline(text),
                render(Syntax::Markdown, "{{V}}", Value::Str(text)).unwrap(),
                "{text:?}"
            );
        }
        assert_eq!(markdown_inline("a*b"), r"a\*b");
    }

    #[test]
    fn python_escapes_take_the_shortest_form_that_holds_the_character() {
        // \x for Latin-1, \u for the rest of the BMP, \U beyond it (U+10000 needs \U: a
        // \u10000 would be U+1000 followed by "0").
        assert_eq!(
            render(
                Syntax::Python,
                "{{V}}",
                Value::Str("\u{ff}\u{100}\u{20ac}\u{ffff}\u{10000}")
            )
            .unwrap(),
            r#""\xff\u0100\u20ac\uffff\U00010000""#
        );
        assert_eq!(
            render(Syntax::JavaScript, "{{V}}", Value::Str("\u{ffff}\u{10000}")).unwrap(),
            r#""\uffff\ud800\udc00""#
        );
    }

    #[test]
    fn what_a_syntax_cannot_hold_is_refused() {
        let refused = |syntax, value| match render(syntax, "{{V}}", value) {
            Err(TemplateError::Unencodable { problem, .. }) => problem,
            other => panic!("{other:?}"),
        };
        assert_eq!(
            refused(Syntax::Bash, Value::Str("a\0b")),
            EncodeProblem::Nul
        );
        for hostile in [
            "a$b", "a;b", "a\"b", "a{b", "a}b", "a b", "a\nb", "a\\b", "a#b", "é",
        ] {
            assert_eq!(
                refused(Syntax::Nginx, Value::Str(hostile)),
                EncodeProblem::UnsafeCharacter,
                "{hostile:?}"
            );
            assert_eq!(
                refused(Syntax::Nginx, Value::Word(hostile)),
                EncodeProblem::UnsafeCharacter
            );
            assert_eq!(
                refused(Syntax::Nginx, Value::RegexLiteral(hostile)),
                EncodeProblem::UnsafeCharacter
            );
        }
        assert_eq!(
            refused(Syntax::Nginx, Value::Word("")),
            EncodeProblem::Empty
        );
        assert_eq!(
            refused(Syntax::Bash, Value::Word("A-B")),
            EncodeProblem::UnsafeCharacter
        );
        assert_eq!(
            refused(Syntax::Python, Value::RegexLiteral("a")),
            EncodeProblem::KindNotSupported
        );
        assert_eq!(
            refused(Syntax::Java, Value::Word("a")),
            EncodeProblem::KindNotSupported
        );
    }

    #[test]
    fn urls_and_addresses_are_encoded_for_their_place() {
        assert_eq!(
            render(
                Syntax::Markdown,
                "[a]({{V}})",
                Value::Url("https://x/a b(c)\n")
            )
            .unwrap(),
            "[a](https://x/a%20b%28c%29%0A)"
        );
        assert_eq!(
            render(
                Syntax::UrlQuery,
                "mailto:{{V}}",
                Value::Word("a.b@c-d.org?x=y")
            )
            .unwrap(),
            "mailto:a.b@c-d.org%3Fx%3Dy"
        );
    }

    #[test]
    fn regex_literals_escape_metacharacters() {
        assert_eq!(
            render(
                Syntax::Nginx,
                "~^/{{V}}$",
                Value::RegexLiteral("https://a.b/c?d")
            )
            .unwrap(),
            r"~^/https:\/\/a\.b\/c\?d$"
        );
    }

    #[test]
    fn fragments_and_code_are_inserted_as_they_are() {
        let inner = render(Syntax::Bash, "X={{V}}\n", Value::Str("{{V}}")).unwrap();
        let inner = Rendered(inner);
        let outer = Template::new(Syntax::Bash, "{{INNER}}{{CODE}}")
            .render(|name| match name {
                "INNER" => Some(Value::Fragment(&inner)),
                "CODE" => Some(Value::Code("echo ok")),
                _ => None,
            })
            .unwrap();
        assert_eq!(outer.as_str(), "X='{{V}}'\necho ok");
    }
}
