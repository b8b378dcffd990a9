//! The organisation a client is made for: its name (as it goes into the client name) and its code
//! (`vo_orgcode`: a KBO enterprise number or an OVO code), parsed once from what the user typed.

use std::fmt;

/// Longest organisation name accepted, in characters, after normalisation.
pub(crate) const ORG_NAME_MAX_CHARS: usize = 100;

/// A checked organisation name: trimmed, inner white space collapsed to single spaces.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OrgName(String);

/// Why an organisation name was refused.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum OrgNameError {
    /// Nothing but white space.
    Empty,
    /// Longer than [`ORG_NAME_MAX_CHARS`] after normalisation.
    TooLong {
        /// The length entered, in characters.
        chars: usize,
        /// The longest name accepted.
        max: usize,
    },
    /// A control character other than tab or line break (which count as white space).
    ControlCharacter {
        /// The character's position, from 1.
        position: usize,
        /// Its Unicode code point.
        code_point: u32,
    },
}

impl OrgName {
    /// Checks the name entered (trimmed at both ends).
    pub fn parse(raw: &str) -> Result<OrgName, OrgNameError> {
        if let Some((position, ch)) = raw
            .chars()
            .enumerate()
            .find(|(_, ch)| ch.is_control() && !ch.is_whitespace())
        {
            return Err(OrgNameError::ControlCharacter {
                position: position + 1,
                code_point: ch as u32,
            });
        }
        let normalised = raw.split_whitespace().collect::<Vec<_>>().join(" ");
        if normalised.is_empty() {
            return Err(OrgNameError::Empty);
        }
        let chars = normalised.chars().count();
        if chars > ORG_NAME_MAX_CHARS {
            return Err(OrgNameError::TooLong {
                chars,
                max: ORG_NAME_MAX_CHARS,
            });
        }
        Ok(OrgName(normalised))
    }

    /// The checked name.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for OrgName {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// A checked organisation code in its canonical form (`0123456749`, `OVO002949`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum OrgCode {
    /// A KBO/BCE enterprise number: ten digits, the last two a mod-97 check.
    Kbo(String),
    /// An OVO code from the Flemish government's organisation register.
    Ovo(String),
    /// An OV-instellingsnummer (5 or 6 digits): accepted, but not checked (its rules are not
    /// at hand; see `facts::Assumption::OtherOrgCodes`).
    OvInstelling(String),
}

/// Why an organisation code was refused; each variant says what to change.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum OrgCodeError {
    /// Nothing entered.
    Empty,
    /// A character that is neither a digit nor a separator people type (space, dot, hyphen, slash).
    InvalidCharacter {
        /// The character.
        ch: char,
    },
    /// A KBO number must have ten digits; nine usually means the leading 0 was left out.
    KboWrongLength {
        /// How many digits there are.
        digits: usize,
    },
    /// The last two digits are not 97 − (first eight mod 97).
    KboWrongCheckDigits {
        /// The check digits the first eight digits give.
        expected: String,
        /// The check digits entered.
        found: String,
    },
    /// `OVO` must be followed by exactly six digits.
    OvoWrongFormat,
    /// A valid number starting with 2 to 9: a KBO establishment unit (vestigingseenheid), not
    /// the enterprise (onderneming) that ACM knows as the organisation.
    KboEstablishmentUnit,
}

impl OrgCode {
    /// Checks the code entered: a KBO number (with or without separators), an OVO code or an OV-instellingsnummer.
    pub fn parse(raw: &str) -> Result<OrgCode, OrgCodeError> {
        let compact: String = raw
            .chars()
            .filter(|ch| !(ch.is_whitespace() || matches!(ch, '.' | '-' | '/')))
            .collect();
        if compact.is_empty() {
            return Err(OrgCodeError::Empty);
        }
        if compact.len() >= 3 && compact.is_char_boundary(3) {
            let (prefix, rest) = compact.split_at(3);
            if prefix.eq_ignore_ascii_case("OVO") {
                return if rest.len() == 6 && rest.bytes().all(|b| b.is_ascii_digit()) {
                    Ok(OrgCode::Ovo(format!("OVO{rest}")))
                } else {
                    Err(OrgCodeError::OvoWrongFormat)
                };
            }
        }
        if let Some(ch) = compact.chars().find(|ch| !ch.is_ascii_digit()) {
            return Err(OrgCodeError::InvalidCharacter { ch });
        }
        if matches!(compact.len(), 5 | 6) {
            return Ok(OrgCode::OvInstelling(compact));
        }
        if compact.len() != 10 {
            return Err(OrgCodeError::KboWrongLength {
                digits: compact.len(),
            });
        }
        let expected = kbo_check_digits(&compact[..8]);
        let found = &compact[8..];
        if expected != found {
            return Err(OrgCodeError::KboWrongCheckDigits {
                expected,
                found: found.to_string(),
            });
        }
        // Enterprise numbers start with 0 or 1; establishment units with 2 to 9.
        if !compact.starts_with(['0', '1']) {
            return Err(OrgCodeError::KboEstablishmentUnit);
        }
        Ok(OrgCode::Kbo(compact))
    }

    /// The canonical form, as ACM puts it in `vo_orgcode`.
    pub(crate) fn canonical(&self) -> &str {
        match self {
            OrgCode::Kbo(code) | OrgCode::Ovo(code) | OrgCode::OvInstelling(code) => code,
        }
    }

    /// The form people read: `0123.456.749` for KBO numbers.
    pub fn display(&self) -> String {
        match self {
            OrgCode::Kbo(code) => format!("{}.{}.{}", &code[..4], &code[4..7], &code[7..]),
            OrgCode::Ovo(code) | OrgCode::OvInstelling(code) => code.clone(),
        }
    }

    /// True for a code whose form the page could check (KBO check digits, OVO format).
    pub fn is_checked(&self) -> bool {
        !matches!(self, OrgCode::OvInstelling(_))
    }
}

/// 97 − (n mod 97) for the first eight digits, as two digits.
fn kbo_check_digits(first_eight: &str) -> String {
    let number = first_eight
        .bytes()
        .fold(0u64, |acc, digit| acc * 10 + u64::from(digit - b'0'));
    format!("{:02}", 97 - number % 97)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check_name(raw: &str, expected: Result<&str, OrgNameError>) {
        let actual = OrgName::parse(raw);
        match expected {
            Ok(name) => assert_eq!(actual.as_ref().map(OrgName::as_str), Ok(name), "{raw:?}"),
            Err(err) => assert_eq!(actual, Err(err), "{raw:?}"),
        }
    }

    #[test]
    fn organisation_names() {
        check_name("Stad Gent", Ok("Stad Gent"));
        check_name("  Stad   Gent \t", Ok("Stad Gent"));
        check_name("Stad\nGent", Ok("Stad Gent"));
        check_name(
            "Zorgbedrijf Antwerpen-Noord/Oost",
            Ok("Zorgbedrijf Antwerpen-Noord/Oost"),
        );
        check_name(
            "Ziekenhuis Sint-Jozef Malle",
            Ok("Ziekenhuis Sint-Jozef Malle"),
        );
        check_name(
            "Begrafenissen Émile Dûchêne",
            Ok("Begrafenissen Émile Dûchêne"),
        );
        check_name("", Err(OrgNameError::Empty));
        check_name(" \t\n ", Err(OrgNameError::Empty));
        check_name(
            "Stad\u{0007}Gent",
            Err(OrgNameError::ControlCharacter {
                position: 5,
                code_point: 7,
            }),
        );
        check_name(
            "Stad Gent\u{0000}",
            Err(OrgNameError::ControlCharacter {
                position: 10,
                code_point: 0,
            }),
        );
        check_name(
            "\u{009b}Gent",
            Err(OrgNameError::ControlCharacter {
                position: 1,
                code_point: 0x9b,
            }),
        );
    }

    #[test]
    fn organisation_name_length_is_counted_in_characters_after_normalising() {
        let hundred = "é".repeat(100);
        check_name(&hundred, Ok(&hundred));
        check_name(
            &"é".repeat(101),
            Err(OrgNameError::TooLong {
                chars: 101,
                max: 100,
            }),
        );
        // Surrounding and doubled spaces do not count against the limit.
        let padded = format!("  {}   {}  ", "a".repeat(50), "b".repeat(49));
        assert_eq!(OrgName::parse(&padded).map(|n| n.as_str().len()), Ok(100));
    }

    fn check_code(raw: &str, expected: Result<&str, OrgCodeError>) {
        let actual = OrgCode::parse(raw);
        match expected {
            Ok(code) => assert_eq!(actual.as_ref().map(OrgCode::canonical), Ok(code), "{raw:?}"),
            Err(err) => assert_eq!(actual, Err(err), "{raw:?}"),
        }
    }

    #[test]
    fn kbo_numbers() {
        check_code("0123456749", Ok("0123456749"));
        check_code("0123.456.749", Ok("0123456749"));
        check_code(" 0123 456 749 ", Ok("0123456749"));
        check_code(
            "BE 0123.456.749",
            Err(OrgCodeError::InvalidCharacter { ch: 'B' }),
        );
        check_code("0207.451.227", Ok("0207451227"));
        check_code("0316.380.940", Ok("0316380940"));
        // A number from the new 1-series.
        check_code("1000.000.021", Ok("1000000021"));
        check_code(
            "0123456748",
            Err(OrgCodeError::KboWrongCheckDigits {
                expected: "49".into(),
                found: "48".into(),
            }),
        );
        check_code("123456749", Err(OrgCodeError::KboWrongLength { digits: 9 }));
        check_code(
            "01234567490",
            Err(OrgCodeError::KboWrongLength { digits: 11 }),
        );
        check_code(
            "0123a56749",
            Err(OrgCodeError::InvalidCharacter { ch: 'a' }),
        );
        check_code("", Err(OrgCodeError::Empty));
        check_code(" . ", Err(OrgCodeError::Empty));
    }

    #[test]
    fn establishment_units_are_not_organisations() {
        // Valid check digits, first digit 2: an establishment unit.
        check_code("2000.000.042", Err(OrgCodeError::KboEstablishmentUnit));
        check_code("2.123.456.791", Err(OrgCodeError::KboEstablishmentUnit));
        // The same rule does not hide wrong check digits.
        check_code(
            "2000.000.043",
            Err(OrgCodeError::KboWrongCheckDigits {
                expected: "42".into(),
                found: "43".into(),
            }),
        );
    }

    #[test]
    fn ov_instellingsnummers_are_accepted_unchecked() {
        let code = OrgCode::parse("035287").unwrap();
        assert_eq!(code, OrgCode::OvInstelling("035287".into()));
        assert!(!code.is_checked());
        assert_eq!(
            OrgCode::parse("12345"),
            Ok(OrgCode::OvInstelling("12345".into()))
        );
        assert!(OrgCode::parse("0207451227").unwrap().is_checked());
        check_code("1234", Err(OrgCodeError::KboWrongLength { digits: 4 }));
        check_code("1234567", Err(OrgCodeError::KboWrongLength { digits: 7 }));
    }

    #[test]
    fn kbo_check_digit_97_when_the_remainder_is_zero() {
        // 00000097 mod 97 == 0, so the check digits are 97.
        check_code("0000009797", Ok("0000009797"));
    }

    #[test]
    fn ovo_codes() {
        check_code("OVO002949", Ok("OVO002949"));
        check_code("ovo002949", Ok("OVO002949"));
        check_code("OVO 002 949", Ok("OVO002949"));
        check_code("OVO02949", Err(OrgCodeError::OvoWrongFormat));
        check_code("OVO0029490", Err(OrgCodeError::OvoWrongFormat));
        check_code("OVO00294A", Err(OrgCodeError::OvoWrongFormat));
    }

    #[test]
    fn non_ascii_input_never_panics() {
        check_code("ÖVO002949", Err(OrgCodeError::InvalidCharacter { ch: 'Ö' }));
        check_code("é", Err(OrgCodeError::InvalidCharacter { ch: 'é' }));
        check_code("OV€1", Err(OrgCodeError::InvalidCharacter { ch: 'O' }));
    }

    #[test]
    fn display_forms() {
        let kbo = OrgCode::parse("0123456749").unwrap();
        assert_eq!(kbo.display(), "0123.456.749");
        let ovo = OrgCode::parse("ovo002949").unwrap();
        assert_eq!(ovo.display(), "OVO002949");
    }
}
