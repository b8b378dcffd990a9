//! The one generator's encoders against the real parsers of each language: arbitrary strings
//! (quotes, backslashes, `{{SLOT}}` text, `$(...)`, control characters, NUL, characters beyond
//! the BMP) written as string literals by `domain::templates::engine`, read back by bash, Python,
//! Node.js and Java from the generated source, must be exactly the strings written, or be
//! refused by the encoder for a reason the string holds. Markdown is read back by a CommonMark
//! parser (pulldown-cmark), URL components by percent-decoding.

#![cfg(not(target_arch = "wasm32"))]

mod support;

use dao_onboard::domain::templates::engine::{
    EncodeProblem, Syntax, Template, TemplateError, Value,
};

/// A small deterministic generator (xorshift64*), so a failure names a reproducible case.
struct Strings(u64);

impl Strings {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }

    fn string(&mut self) -> String {
        const PIECES: &[&str] = &[
            "'",
            "\"",
            "\\",
            "`",
            "$",
            "$(touch pwned)",
            "${IFS}",
            "{{PING_URL}}",
            "{{",
            "}}",
            "\\u0022",
            "\\u000a",
            "\\x27",
            "\\n",
            "%",
            "%s",
            "\n",
            "\r",
            "\t",
            "\0",
            "\u{1b}",
            "\u{7f}",
            "\u{85}",
            "\u{a0}",
            "\u{e9}",
            "\u{20ac}",
            "\u{2028}",
            "\u{2029}",
            "\u{feff}",
            "\u{ffff}",
            "\u{10000}",
            "\u{1f600}",
            "\u{10ffff}",
            "*/",
            "/*",
            "#",
            "!",
            "\"\"\"",
            "'''",
            "a",
            "Z",
            "0",
            " ",
            "-",
            "[",
            "]",
            "(",
            ")",
            "<",
            ">",
            "_",
            "|",
            "~",
            "&",
            "=",
            ";",
        ];
        let length = self.next() % 12;
        (0..length)
            .map(|_| PIECES[(self.next() % PIECES.len() as u64) as usize])
            .collect()
    }
}

fn samples() -> Vec<String> {
    let mut strings = Strings(0x5eed_1234_abcd_ef01);
    let mut samples: Vec<String> = (0..400).map(|_| strings.string()).collect();
    samples.push(String::new());
    samples.push("x".repeat(10 * 1024));
    // Every char of the first planes' interesting ranges once (controls, Latin-1, surrogates'
    // neighbours, the last code point).
    samples.push(
        (0u32..0x300)
            .chain(0xd7f0..0xd800)
            .chain(0xe000..0xe010)
            .chain(0x10_fff0..0x11_0000)
            .filter_map(char::from_u32)
            .collect(),
    );
    samples
}

/// Renders `NAME{i} = {{V{i}}}` lines of `syntax` for every sample into one source, leaving out
/// (and returning) the samples the encoder refuses.
fn source(
    syntax: Syntax,
    samples: &[String],
    line: impl Fn(usize) -> String,
    head: &str,
    tail: impl Fn(&[usize]) -> String,
) -> (String, Vec<usize>, Vec<(usize, EncodeProblem)>) {
    let mut text = head.to_string();
    let (mut kept, mut refused) = (Vec::new(), Vec::new());
    for (i, sample) in samples.iter().enumerate() {
        let template = Template::new(syntax, Box::leak(line(i).into_boxed_str()));
        match template.render(|slot| (slot == "V").then_some(Value::Str(sample))) {
            Ok(rendered) => {
                text.push_str(rendered.as_str());
                kept.push(i);
            }
            Err(TemplateError::Unencodable { problem, .. }) => refused.push((i, problem)),
            Err(other) => panic!("{other:?}"),
        }
    }
    text.push_str(&tail(&kept));
    (text, kept, refused)
}

fn run(program: &str, args: &[&str], file: &std::path::Path, text: &str) -> Vec<u8> {
    std::fs::write(file, text).unwrap();
    let output = std::process::Command::new(program)
        .args(args)
        .arg(file)
        .output()
        .unwrap_or_else(|e| panic!("{program}: {e}"));
    assert!(
        output.status.success(),
        "{program} refused the generated source: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    output.stdout
}

fn assert_round_trip(language: &str, samples: &[String], kept: &[usize], read: &[String]) {
    assert_eq!(read.len(), kept.len(), "{language}: one value per literal");
    for (&i, value) in kept.iter().zip(read) {
        assert_eq!(
            value, &samples[i],
            "{language}: sample {i} came back different"
        );
    }
}

#[test]
fn bash_reads_back_every_word_but_nul() {
    let samples = samples();
    let (text, kept, refused) = source(
        Syntax::Bash,
        &samples,
        |i| format!("V{i}={{{{V}}}}\n"),
        "set -eu\n",
        |kept| {
            let names: String = kept.iter().map(|i| format!(" \"$V{i}\"")).collect();
            format!("printf '%s\\0'{names}\n")
        },
    );
    for (i, problem) in &refused {
        assert_eq!(*problem, EncodeProblem::Nul);
        assert!(
            samples[*i].contains('\0'),
            "sample {i} refused without a NUL"
        );
    }
    assert!(kept.iter().all(|&i| !samples[i].contains('\0')));
    let dir = support::temp_dir("generated-bash");
    let out = run("bash", &[], &dir.join("values.sh"), &text);
    let read: Vec<String> = String::from_utf8(out)
        .unwrap()
        .split_terminator('\0')
        .map(str::to_string)
        .collect();
    assert_round_trip("bash", &samples, &kept, &read);
    assert!(!dir.join("pwned").exists());
}

fn json_values(out: &[u8]) -> Vec<String> {
    serde_json::from_slice(out).expect("a JSON array of strings")
}

#[test]
fn python_reads_back_every_literal() {
    let samples = samples();
    let (text, kept, refused) = source(
        Syntax::Python,
        &samples,
        |i| format!("v{i} = {{{{V}}}}\n"),
        "import json\n",
        |kept| {
            let names: Vec<String> = kept.iter().map(|i| format!("v{i}")).collect();
            format!("print(json.dumps([{}]))\n", names.join(", "))
        },
    );
    assert!(refused.is_empty(), "{refused:?}");
    let dir = support::temp_dir("generated-python");
    let out = run("python3", &[], &dir.join("values.py"), &text);
    assert_round_trip("python", &samples, &kept, &json_values(&out));
}

#[test]
fn node_reads_back_every_literal() {
    let samples = samples();
    let (text, kept, refused) = source(
        Syntax::JavaScript,
        &samples,
        |i| format!("const v{i} = {{{{V}}}};\n"),
        "",
        |kept| {
            let names: Vec<String> = kept.iter().map(|i| format!("v{i}")).collect();
            format!("console.log(JSON.stringify([{}]));\n", names.join(", "))
        },
    );
    assert!(refused.is_empty(), "{refused:?}");
    let dir = support::temp_dir("generated-node");
    let out = run("node", &[], &dir.join("values.mjs"), &text);
    assert_round_trip("node", &samples, &kept, &json_values(&out));
}

#[test]
fn java_reads_back_every_literal() {
    let samples = samples();
    // One method per 50 literals: a Java method's code may not exceed 64 KB.
    let (body, kept, refused) = source(
        Syntax::Java,
        &samples,
        |i| format!("        print({{{{V}}}}); // {i}\n"),
        "",
        |_| String::new(),
    );
    assert!(refused.is_empty(), "{refused:?}");
    let lines: Vec<&str> = body.lines().collect();
    let methods: String = lines
        .chunks(50)
        .enumerate()
        .map(|(n, chunk)| {
            format!(
                "    static void part{n}() {{\n{}\n    }}\n",
                chunk.join("\n")
            )
        })
        .collect();
    let calls: String = (0..lines.chunks(50).len())
        .map(|n| format!("        part{n}();\n"))
        .collect();
    let text = format!(
        "public class Main {{\n    static void print(String s) {{\n        StringBuilder out = new StringBuilder();\n        s.codePoints().forEach(cp -> out.append(Integer.toHexString(cp)).append(' '));\n        System.out.println(out.toString().trim());\n    }}\n{methods}    public static void main(String[] args) {{\n{calls}    }}\n}}\n"
    );
    let dir = support::temp_dir("generated-java");
    let out = run("java", &[], &dir.join("Main.java"), &text);
    let read: Vec<String> = String::from_utf8(out)
        .unwrap()
        .lines()
        .map(|line| {
            line.split_whitespace()
                .map(|hex| char::from_u32(u32::from_str_radix(hex, 16).unwrap()).unwrap())
                .collect()
        })
        .collect();
    assert_round_trip("java", &samples, &kept, &read);
}

#[test]
fn markdown_text_reads_back_as_the_same_text() {
    use pulldown_cmark::{Event, Parser};
    for (i, sample) in samples().iter().enumerate() {
        let rendered = Template::new(Syntax::Markdown, "{{V}}")
            .render(|slot| (slot == "V").then_some(Value::Str(sample)))
            .unwrap();
        assert!(
            !rendered.as_str().contains('\n'),
            "sample {i} left its line"
        );
        // What a CommonMark reader shows: text only (no link, emphasis, code, HTML or heading).
        let mut shown = String::new();
        for event in Parser::new(rendered.as_str()) {
            match event {
                Event::Text(text) => shown.push_str(&text),
                Event::Start(pulldown_cmark::Tag::Paragraph)
                | Event::End(pulldown_cmark::TagEnd::Paragraph) => {}
                other => panic!("sample {i} ({sample:?}) became {other:?} in {rendered:?}"),
            }
        }
        // The value, its ends trimmed and its control characters as spaces.
        let expected: String = sample
            .trim_matches(|c: char| c.is_whitespace() || c.is_control())
            .chars()
            .map(|c| if c.is_control() { ' ' } else { c })
            .collect();
        assert_eq!(shown, expected, "sample {i}: {rendered:?}");
    }
}

#[test]
fn url_components_decode_to_the_same_text() {
    for (i, sample) in samples().iter().enumerate() {
        let rendered = Template::new(Syntax::UrlQuery, "{{V}}")
            .render(|slot| (slot == "V").then_some(Value::Str(sample)))
            .unwrap();
        assert!(
            rendered
                .as_str()
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b"-._~%".contains(&b)),
            "sample {i}: {rendered:?}"
        );
        let decoded = percent_encoding::percent_decode_str(rendered.as_str())
            .decode_utf8()
            .unwrap();
        assert_eq!(decoded, sample.as_str(), "sample {i}");
    }
}

#[test]
fn nginx_strings_hold_only_what_nginx_reads_as_text() {
    for (i, sample) in samples().iter().enumerate() {
        let rendered = Template::new(Syntax::Nginx, "{{V}}")
            .render(|slot| (slot == "V").then_some(Value::Str(sample)));
        let safe = sample.chars().all(|c| {
            c.is_ascii_graphic() && !matches!(c, '"' | '\'' | ';' | '{' | '}' | '\\' | '$' | '#')
        });
        match rendered {
            Ok(text) => {
                assert!(safe, "sample {i} ({sample:?}) was written");
                assert_eq!(text.as_str(), format!("\"{sample}\""));
            }
            Err(TemplateError::Unencodable { problem, .. }) => {
                assert!(!safe, "sample {i} ({sample:?}) was refused");
                assert_eq!(problem, EncodeProblem::UnsafeCharacter);
            }
            Err(other) => panic!("{other:?}"),
        }
    }
}
