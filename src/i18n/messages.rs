//! Texts with values in them: error messages, check explanations, the checklist, the mail and
//! the proof report. Both languages stand side by side in each function, so they stay in step.

use crate::domain::assertion::{
    ClientIdError, LifetimeError, LintCheck, LintProblem, NotReady, SignError,
};
use crate::domain::checklist::{self, ChecklistItem};
use crate::domain::config::ConfigError;
use crate::domain::diagram::{Hop, Party};
use crate::domain::environment::{AcmSide, Environment, Role};
use crate::domain::exchange::{BodyKind, ExchangeFailure, RelayCheck, RelayError, UrlError};
use crate::domain::facts::{self, Assumption, Source};
use crate::domain::json::{JsonError, JsonKind};
use crate::domain::key::{
    self, KeyImportError, KeyInfo, KeyKind, KeySource, PemProblem, RegisteredKeyError,
    RegisteredKeyReport, ValueProblem,
};
use crate::domain::organisation::{OrgCode, OrgCodeError, OrgNameError};
use crate::domain::ping::{CheckId, CheckRow, Finding, PingReport, Verdict};
use crate::domain::registration::Registration;
use crate::domain::token::{OAuthError, OAuthErrorCode, TokenAnswerError, TokenFailureCause};
use crate::settings::RefusedField;

use super::{t, Lang, T};

/// Picks the Dutch or English text.
fn pick(lang: Lang, nl: String, en: String) -> String {
    match lang {
        Lang::Nl => nl,
        Lang::En => en,
    }
}

/// `say!(lang, "Dutch {x}", "English {x}", extra, args)`: both formats take the same arguments.
macro_rules! say {
    ($lang:expr, $nl:expr, $en:expr $(, $arg:expr)* $(,)?) => {
        pick($lang, format!($nl $(, $arg)*), format!($en $(, $arg)*))
    };
}

// ---------------------------------------------------------------------------------------------
// Organisation

pub fn role_text(lang: Lang, role: Role) -> &'static str {
    t(
        lang,
        match role {
            Role::Uitvaartondernemer => T::RoleUitvaartondernemer,
            Role::Crematorium => T::RoleCrematorium,
            Role::Begraafplaats => T::RoleBegraafplaats,
            Role::Lbbs => T::RoleLbbs,
            Role::Depzorg => T::RoleDepzorg,
            Role::Arts => T::RoleArts,
        },
    )
}

pub fn environment_text(lang: Lang, env: Environment) -> &'static str {
    t(
        lang,
        match env {
            Environment::Beta => T::EnvBeta,
            Environment::Acc => T::EnvAcc,
            Environment::Prod => T::EnvProd,
        },
    )
}

pub fn acm_side(lang: Lang, side: AcmSide) -> &'static str {
    match (lang, side) {
        (Lang::Nl, AcmSide::TestAndIntegration) => "T&I (test en integratie)",
        (Lang::En, AcmSide::TestAndIntegration) => "T&I (test and integration)",
        (Lang::Nl, AcmSide::Production) => "productie",
        (Lang::En, AcmSide::Production) => "production",
    }
}

pub fn org_name_error(lang: Lang, err: &OrgNameError) -> String {
    match err {
        OrgNameError::Empty => say!(lang, "Vul de naam van de organisatie in.", "Enter the organisation's name."),
        OrgNameError::TooLong { chars, max } => say!(
            lang,
            "De naam is {chars} tekens lang; het maximum is {max}. Kort hem in.",
            "The name is {chars} characters long; the maximum is {max}. Shorten it."
        ),
        OrgNameError::ControlCharacter { position, code_point } => say!(
            lang,
            "Teken {position} is een onzichtbaar stuurteken (U+{code_point:04X}), waarschijnlijk mee gekopieerd. Typ de naam opnieuw.",
            "Character {position} is an invisible control character (U+{code_point:04X}), probably copied along. Retype the name."
        ),
    }
}

pub fn org_code_error(lang: Lang, err: &OrgCodeError) -> String {
    match err {
        OrgCodeError::Empty => say!(
            lang,
            "Vul het KBO-nummer (ondernemingsnummer), de OVO-code of het OV-instellingsnummer van de organisatie in.",
            "Enter the organisation's KBO (enterprise) number, OVO code or OV-instellingsnummer."
        ),
        OrgCodeError::InvalidCharacter { ch } => say!(
            lang,
            "‘{ch}’ hoort niet in een KBO-nummer (alleen cijfers) of OVO-code (OVO en 6 cijfers). Laat ook BE weg.",
            "‘{ch}’ does not belong in a KBO number (digits only) or OVO code (OVO and 6 digits). Leave out BE too."
        ),
        OrgCodeError::KboWrongLength { digits: 9 } => say!(
            lang,
            "Een KBO-nummer heeft 10 cijfers; dit zijn er 9. Oudere nummers krijgen een 0 vooraan.",
            "A KBO number has 10 digits; this has 9. Older numbers take a leading 0."
        ),
        OrgCodeError::KboWrongLength { digits } => say!(
            lang,
            "Een KBO-nummer heeft 10 cijfers; dit zijn er {digits}.",
            "A KBO number has 10 digits; this has {digits}."
        ),
        OrgCodeError::KboWrongCheckDigits { expected, found } => say!(
            lang,
            "De controlecijfers kloppen niet: de laatste twee cijfers moeten {expected} zijn, niet {found}. Er is waarschijnlijk een tikfout.",
            "The check digits are wrong: the last two digits must be {expected}, not {found}. There is probably a typo."
        ),
        OrgCodeError::OvoWrongFormat => say!(
            lang,
            "Een OVO-code is OVO gevolgd door precies 6 cijfers, bv. OVO002949.",
            "An OVO code is OVO followed by exactly 6 digits, e.g. OVO002949."
        ),
        OrgCodeError::KboEstablishmentUnit => say!(
            lang,
            "Dit is het nummer van een vestigingseenheid (begint met 2 tot 9), niet van de onderneming. Vul het ondernemingsnummer in (begint met 0 of 1); u vindt het in de KBO bij deze vestiging.",
            "This is the number of an establishment unit (starts with 2 to 9), not of the enterprise. Enter the enterprise number (starts with 0 or 1); the KBO shows it with this establishment."
        ),
    }
}

pub fn org_code_ok(lang: Lang, code: &OrgCode) -> String {
    let shown = code.display();
    match code {
        OrgCode::Kbo(_) => say!(
            lang,
            "Geldig KBO-nummer: {shown}",
            "Valid KBO number: {shown}"
        ),
        OrgCode::Ovo(_) => say!(lang, "Geldige OVO-code: {shown}", "Valid OVO code: {shown}"),
        OrgCode::OvInstelling(_) => say!(
            lang,
            "Aanvaard als OV-instellingsnummer: {shown} (niet gecontroleerd: de regels van dit nummer zijn hier niet bekend).",
            "Accepted as an OV-instellingsnummer: {shown} (not checked: this number's rules are not known here)."
        ),
    }
}

// ---------------------------------------------------------------------------------------------
// JSON

fn json_kind(lang: Lang, kind: JsonKind) -> &'static str {
    match (lang, kind) {
        (Lang::Nl, JsonKind::Null) => "null",
        (Lang::En, JsonKind::Null) => "null",
        (Lang::Nl, JsonKind::Bool) => "een booleaanse waarde",
        (Lang::En, JsonKind::Bool) => "a boolean",
        (Lang::Nl, JsonKind::Number) => "een getal",
        (Lang::En, JsonKind::Number) => "a number",
        (Lang::Nl, JsonKind::String) => "een tekst",
        (Lang::En, JsonKind::String) => "a string",
        (Lang::Nl, JsonKind::Array) => "een lijst",
        (Lang::En, JsonKind::Array) => "an array",
        (Lang::Nl, JsonKind::Object) => "een object",
        (Lang::En, JsonKind::Object) => "an object",
    }
}

fn bytes(n: usize) -> String {
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

/// Where JSON went wrong, without serde_json's description: for key text, which may hold
/// key material, only the position is told.
fn json_position(lang: Lang, err: &JsonError) -> String {
    match err {
        JsonError::TooDeep { at, .. }
        | JsonError::Truncated { at }
        | JsonError::TrailingCharacters { at }
        | JsonError::Syntax { at, .. } => say!(
            lang,
            " (regel {}, kolom {})",
            " (line {}, column {})",
            at.line,
            at.column
        ),
        _ => String::new(),
    }
}

pub fn json_error(lang: Lang, err: &JsonError) -> String {
    match err {
        JsonError::Empty => say!(lang, "Het veld is leeg.", "The field is empty."),
        JsonError::TooLarge { bytes: size, max } => {
            let (size, max) = (bytes(*size), bytes(*max));
            say!(lang, "De invoer is te groot ({size}; maximum {max}).", "The input is too large ({size}; maximum {max}).")
        }
        JsonError::NotUtf8 { byte_offset } => say!(
            lang,
            "Het bestand is geen UTF-8-tekst (ongeldige byte op positie {byte_offset}). Sla het op als UTF-8 of plak de inhoud.",
            "The file is not UTF-8 text (invalid byte at offset {byte_offset}). Save it as UTF-8 or paste its content."
        ),
        JsonError::TooDeep { max, at } => say!(
            lang,
            "De JSON is dieper genest dan {max} niveaus (regel {}, kolom {}).",
            "The JSON is nested deeper than {max} levels (line {}, column {}).",
            at.line, at.column
        ),
        JsonError::Truncated { at } => say!(
            lang,
            "De JSON houdt halverwege op (regel {}, kolom {}): is alles meegekopieerd?",
            "The JSON stops halfway (line {}, column {}): was everything copied?",
            at.line, at.column
        ),
        JsonError::TrailingCharacters { at } => say!(
            lang,
            "Na de JSON staat nog tekst (regel {}, kolom {}). Plak alleen het JSON-antwoord.",
            "There is text after the JSON (line {}, column {}). Paste only the JSON answer.",
            at.line, at.column
        ),
        JsonError::Syntax { at, detail } => say!(
            lang,
            "Ongeldige JSON op regel {}, kolom {} ({detail}).",
            "Invalid JSON at line {}, column {} ({detail}).",
            at.line, at.column
        ),
        JsonError::NotAnObject { found } => {
            let found = json_kind(lang, *found);
            say!(lang, "Verwacht een JSON-object ({{…}}), gevonden: {found}.", "Expected a JSON object ({{…}}), found {found}.")
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Key

pub fn key_kind(lang: Lang, kind: KeyKind) -> String {
    match kind {
        KeyKind::Rsa { bits } => say!(lang, "RSA, {bits} bits", "RSA, {bits} bits"),
        KeyKind::EcP256 => "EC P-256".to_string(),
    }
}

pub fn key_source(lang: Lang, source: KeySource) -> &'static str {
    match (lang, source) {
        (Lang::Nl, KeySource::Generated) => "gemaakt in deze browser",
        (Lang::En, KeySource::Generated) => "made in this browser",
        (_, KeySource::Jwk) => "JWK",
        (_, KeySource::Jwks) => "JWKS",
        (_, KeySource::Pkcs8Pem) => "PEM (PKCS#8)",
        (_, KeySource::Pkcs1Pem) => "PEM (PKCS#1)",
        (_, KeySource::Sec1Pem) => "PEM (SEC1)",
    }
}

/// The key status line: type, size, kid, thumbprint, origin, and where the private key is.
pub fn key_status(lang: Lang, key: &KeyInfo) -> String {
    let kind = key_kind(lang, key.kind());
    let source = key_source(lang, key.source());
    let kid = key.kid();
    let thumbprint = key.thumbprint();
    let kid_note = match (lang, key.explicit_kid()) {
        (Lang::Nl, None) => " (de thumbprint, want de sleutel had geen kid)",
        (Lang::En, None) => " (the thumbprint, as the key had no kid)",
        _ => "",
    };
    say!(
        lang,
        "{kind} · bron: {source}\nkid: {kid}{kid_note}\nthumbprint (RFC 7638, SHA-256): {thumbprint}\nDe private sleutel zit in de sleutelopslag van de browser (WebCrypto, niet exporteerbaar).",
        "{kind} · source: {source}\nkid: {kid}{kid_note}\nthumbprint (RFC 7638, SHA-256): {thumbprint}\nThe private key is in the browser's key store (WebCrypto, not extractable)."
    )
}

fn value_problem(lang: Lang, field: &str, problem: ValueProblem) -> String {
    match problem {
        ValueProblem::Zero => say!(lang, "{field} is nul", "{field} is zero"),
        ValueProblem::NotBelow { bound } => say!(
            lang,
            "{field} is niet kleiner dan {bound}",
            "{field} is not smaller than {bound}"
        ),
        ValueProblem::NotOdd => say!(
            lang,
            "{field} is even of te klein",
            "{field} is even or too small"
        ),
        ValueProblem::WrongLength { expected, found } => say!(
            lang,
            "{field} is {found} bytes lang in plaats van {expected}",
            "{field} is {found} bytes long instead of {expected}"
        ),
    }
}

fn pem_problem(lang: Lang, problem: PemProblem) -> &'static str {
    match (lang, problem) {
        (Lang::Nl, PemProblem::BeginLineIncomplete) => "de BEGIN-regel eindigt niet op -----",
        (Lang::En, PemProblem::BeginLineIncomplete) => "the BEGIN line does not end in -----",
        (Lang::Nl, PemProblem::NoEndLine) => "de END-regel ontbreekt",
        (Lang::En, PemProblem::NoEndLine) => "the END line is missing",
        (Lang::Nl, PemProblem::HeaderLines) => "kopregels (Naam: waarde) worden niet ondersteund",
        (Lang::En, PemProblem::HeaderLines) => "header lines (Name: value) are not supported",
        (Lang::Nl, PemProblem::EmptyBody) => "er staat niets tussen BEGIN en END",
        (Lang::En, PemProblem::EmptyBody) => "there is nothing between BEGIN and END",
        (Lang::Nl, PemProblem::BadBase64) => "de tekst tussen BEGIN en END is geen geldige base64",
        (Lang::En, PemProblem::BadBase64) => "the text between BEGIN and END is not valid base64",
    }
}

pub fn key_import_error(lang: Lang, err: &KeyImportError) -> String {
    match err {
        KeyImportError::Empty => say!(lang, "Plak eerst een sleutel of kies een bestand.", "Paste a key or choose a file first."),
        KeyImportError::TooLarge { bytes: size, max } => {
            let (size, max) = (bytes(*size), bytes(*max));
            say!(lang, "Dit is te groot voor een sleutel ({size}; maximum {max}).", "This is too large for a key ({size}; maximum {max}).")
        }
        KeyImportError::Json(json) => {
            let detail = json_position(lang, json);
            say!(lang, "Dit lijkt JSON, maar is niet geldig{detail}. Kopieer het hele bestand opnieuw.", "This looks like JSON but is not valid{detail}. Copy the whole file again.")
        }
        KeyImportError::PemInJsonString => say!(
            lang,
            "Dit is een PEM-sleutel binnen een JSON-tekst (tussen aanhalingstekens, met \\n). Plak de inhoud van het .pem-bestand zelf, van -----BEGIN tot en met -----END.",
            "This is a PEM key inside a JSON string (in quotes, with \\n). Paste the content of the .pem file itself, from -----BEGIN up to and including -----END."
        ),
        KeyImportError::NotAJwk => say!(
            lang,
            "Dit is JSON, maar geen JWK (veld kty) of JWKS (veld keys).",
            "This is JSON but neither a JWK (field kty) nor a JWKS (field keys)."
        ),
        KeyImportError::Unrecognised => say!(
            lang,
            "Dit is geen JWK en geen PEM. Een PEM-sleutel begint met -----BEGIN PRIVATE KEY----- (of RSA/EC PRIVATE KEY); kopieer ook die regels mee.",
            "This is neither a JWK nor PEM. A PEM key starts with -----BEGIN PRIVATE KEY----- (or RSA/EC PRIVATE KEY); copy those lines too."
        ),
        KeyImportError::PublicKeyOnly => say!(
            lang,
            "Dit is een publieke sleutel. Om te ondertekenen is de private sleutel nodig (bij een JWK: het veld d).",
            "This is a public key. Signing needs the private key (in a JWK: the field d)."
        ),
        KeyImportError::Certificate => say!(
            lang,
            "Dit is een certificaat, geen private sleutel. Importeer het bijbehorende private-sleutelbestand.",
            "This is a certificate, not a private key. Import the matching private key file."
        ),
        KeyImportError::EncryptedPem => say!(
            lang,
            "Deze sleutel is met een wachtwoord beveiligd. Ontsleutel hem eerst op uw eigen computer: openssl pkey -in sleutel.pem -out sleutel-open.pem (vraagt het wachtwoord), importeer dan sleutel-open.pem en verwijder dat bestand daarna.",
            "This key is password-protected. Decrypt it on your own computer first: openssl pkey -in key.pem -out key-open.pem (asks for the password), then import key-open.pem and delete that file afterwards."
        ),
        KeyImportError::OpenSshKey => say!(
            lang,
            "Dit is een OpenSSH-sleutel. Zet een kopie om naar PKCS#8 met ssh-keygen -p -m PKCS8 -f kopie-van-sleutel, en importeer die. Let op: deze pagina ondertekent met RSA of EC P-256, niet met Ed25519.",
            "This is an OpenSSH key. Convert a copy to PKCS#8 with ssh-keygen -p -m PKCS8 -f copy-of-key, and import that. Note: this page signs with RSA or EC P-256, not Ed25519."
        ),
        KeyImportError::UnsupportedKeyType { description } => say!(
            lang,
            "Sleuteltype {description} wordt niet ondersteund. Gebruik RSA (2048 tot 4096 bits, RS256) of EC P-256.",
            "Key type {description} is not supported. Use RSA (2048 to 4096 bits, RS256) or EC P-256."
        ),
        KeyImportError::RsaTooSmall { bits } => say!(
            lang,
            "Deze RSA-sleutel heeft {bits} bits; minstens 2048 zijn nodig. Maak een nieuwe sleutel van 4096 bits.",
            "This RSA key has {bits} bits; at least 2048 are needed. Make a new 4096-bit key."
        ),
        KeyImportError::RsaTooLarge { bits } => say!(
            lang,
            "Deze RSA-sleutel heeft {bits} bits; deze pagina ondersteunt tot 4096 bits.",
            "This RSA key has {bits} bits; this page supports up to 4096 bits."
        ),
        KeyImportError::MissingField { field } => say!(
            lang,
            "In de JWK ontbreekt het veld {field}.",
            "The JWK lacks the field {field}."
        ),
        KeyImportError::BadBase64 { field } => say!(
            lang,
            "Het veld {field} van de JWK is geen geldige base64url-tekst.",
            "The JWK's field {field} is not valid base64url text."
        ),
        KeyImportError::InvalidValue { field, problem } => {
            let detail = value_problem(lang, field, *problem);
            say!(
                lang,
                "Deze sleutel kan niet kloppen: {detail}. Is het bestand beschadigd of samengesteld uit twee sleutels?",
                "This key cannot be right: {detail}. Is the file damaged or made of two keys?"
            )
        }
        KeyImportError::RsaCrtMissing { field } => say!(
            lang,
            "Deze RSA-JWK mist het veld {field}. De sleutelopslag van de browser (WebCrypto) aanvaardt alleen een volledige private JWK (n, e, d, p, q, dp, dq, qi). Exporteer de sleutel opnieuw met alle velden, of als PKCS#8 PEM.",
            "This RSA JWK lacks the field {field}. The browser's key store (WebCrypto) takes only a complete private JWK (n, e, d, p, q, dp, dq, qi). Export the key again with every field, or as PKCS#8 PEM."
        ),
        KeyImportError::EcPublicKeyMissing => say!(
            lang,
            "Dit EC-sleutelbestand bevat het publieke punt niet. Zet een kopie om met openssl pkcs8 -topk8 -nocrypt -in sleutel.pem -out sleutel-pkcs8.pem en importeer die.",
            "This EC key file does not hold its public point. Convert a copy with openssl pkcs8 -topk8 -nocrypt -in key.pem -out key-pkcs8.pem and import that."
        ),
        KeyImportError::RefusedByKeyStore => say!(
            lang,
            "De sleutelopslag van de browser (WebCrypto) weigerde deze sleutel: de delen horen niet bij elkaar of het punt ligt niet op de curve. Is het bestand beschadigd of samengesteld uit twee sleutels? De vorige sleutel blijft geladen.",
            "The browser's key store (WebCrypto) refused this key: its parts do not belong together or the point is not on the curve. Is the file damaged or made of two keys? The previous key stays loaded."
        ),
        KeyImportError::JwksTooLarge { count, max } => say!(
            lang,
            "Deze JWKS bevat {count} sleutels; hoogstens {max} worden gelezen. Plak alleen uw eigen sleutel.",
            "This JWKS holds {count} keys; at most {max} are read. Paste only your own key."
        ),
        KeyImportError::SeveralPublicKeys { count } => say!(
            lang,
            "Dit bevat {count} sleutels; plak er één.",
            "This holds {count} keys; paste one."
        ),
        KeyImportError::JwksEmpty => say!(lang, "Deze JWKS bevat geen sleutels.", "This JWKS holds no keys."),
        KeyImportError::JwksWithoutPrivateKey => say!(
            lang,
            "Deze JWKS bevat alleen publieke sleutels. Importeer de private sleutel.",
            "This JWKS holds only public keys. Import the private key."
        ),
        KeyImportError::SeveralPrivateKeys { candidates } => {
            let count = candidates.len();
            say!(lang, "Deze JWKS bevat {count} private sleutels: kies er één.", "This JWKS holds {count} private keys: choose one.")
        }
        KeyImportError::JwksIndexOutOfRange { index } => say!(
            lang,
            "Sleutel {index} bestaat niet in deze JWKS.",
            "Key {index} does not exist in this JWKS."
        ),
        KeyImportError::BadPem { problem } => {
            let detail = pem_problem(lang, *problem);
            say!(
                lang,
                "De PEM-tekst is beschadigd ({detail}). Kopieer alles, van -----BEGIN tot en met -----END.",
                "The PEM text is damaged ({detail}). Copy everything, from -----BEGIN up to and including -----END."
            )
        }
        KeyImportError::UnknownPemLabel { label } => say!(
            lang,
            "Een PEM-blok ‘{label}’ is geen private sleutel. Verwacht: PRIVATE KEY, RSA PRIVATE KEY of EC PRIVATE KEY.",
            "A PEM block ‘{label}’ is not a private key. Expected: PRIVATE KEY, RSA PRIVATE KEY or EC PRIVATE KEY."
        ),
        KeyImportError::SeveralPemKeys { count } => say!(
            lang,
            "Dit bevat {count} private sleutels. Plak er één.",
            "This holds {count} private keys. Paste one."
        ),
        KeyImportError::DerInvalid { detail } => say!(
            lang,
            "De inhoud past niet bij het PEM-label ({detail}). Is de tekst onvolledig of is het label aangepast?",
            "The content does not fit the PEM label ({detail}). Is the text incomplete or was the label changed?"
        ),
    }
}

// ---------------------------------------------------------------------------------------------
// The exchange diagram

pub fn party_name(lang: Lang, party: Party) -> &'static str {
    match (lang, party) {
        (Lang::Nl, Party::Page) => "Deze pagina",
        (Lang::En, Party::Page) => "This page",
        (_, Party::Relay) => "Relay",
        (_, Party::Acm) => "ACM/IDM",
        (_, Party::Api) => "API",
    }
}

/// The short text on an arrow: the request, or the answer's status and time, or the failure.
pub fn hop_label(lang: Lang, hop: &Hop) -> String {
    let mut label = match hop.status {
        Some(status) => format!("{status} {}", hop.label),
        None => hop.label.clone(),
    };
    if let Some(ms) = hop.elapsed_ms {
        label.push_str(&format!(" · {ms:.0} ms"));
    }
    if let Some(reason) = &hop.failure {
        let failed = say!(lang, "mislukt", "failed");
        label.push_str(&format!(" ✗ {failed}: {reason}"));
    }
    label
}

/// The hop as a sentence, for the diagram's text equivalent.
pub fn hop_sentence(lang: Lang, hop: &Hop) -> String {
    let (from, to) = (party_name(lang, hop.from), party_name(lang, hop.to));
    let what = &hop.label;
    let mut sentence = match hop.status {
        Some(status) => say!(
            lang,
            "{from} → {to}: antwoord {status} ({what})",
            "{from} → {to}: answer {status} ({what})"
        ),
        None => say!(lang, "{from} → {to}: {what}", "{from} → {to}: {what}"),
    };
    if let Some(ms) = hop.elapsed_ms {
        sentence.push_str(&say!(lang, ", na {ms:.0} ms", ", after {ms:.0} ms"));
    }
    if let Some(reason) = &hop.failure {
        sentence.push_str(&say!(
            lang,
            ". Hier liep het mis: {reason}.",
            ". This is where it failed: {reason}."
        ));
    }
    sentence
}

// ---------------------------------------------------------------------------------------------
// Sources

/// Why the page takes a rule on trust.
pub fn assumption_reason(lang: Lang, assumption: Assumption) -> &'static str {
    match (lang, assumption) {
        (Lang::Nl, Assumption::Rs256FromExamples) => "RS256 met een RSA-sleutel: zo ondertekent elk openbaar voorbeeld; geen document somt op welke algoritmen ACM aanvaardt.",
        (Lang::En, Assumption::Rs256FromExamples) => "RS256 with an RSA key: every public example signs so; no document lists the algorithms ACM accepts.",
        (Lang::Nl, Assumption::OtherAlgorithmsUnconfirmed) => "PS256 en ES256 worden aangeboden, maar geen bron bevestigt dat ACM ze aanvaardt.",
        (Lang::En, Assumption::OtherAlgorithmsUnconfirmed) => "PS256 and ES256 are offered, but no source confirms that ACM accepts them.",
        (Lang::Nl, Assumption::AudienceIssuer) => "aud is standaard de issuer: zo werken bestaande clients; ook het token-endpoint komt voor, en RFC 7523 laat dat toe.",
        (Lang::En, Assumption::AudienceIssuer) => "aud is the issuer by default: existing clients work so; the token endpoint is seen too, and RFC 7523 allows it.",
        (Lang::Nl, Assumption::LifetimeAtMost600) => "Hoogstens 600 s tussen iat en exp: alleen secundaire bronnen noemen die grens.",
        (Lang::En, Assumption::LifetimeAtMost600) => "At most 600 s between iat and exp: only secondary sources name that limit.",
        (Lang::Nl, Assumption::JtiSingleUse) => "Elke jti wordt maar één keer aanvaard: RFC 7523 laat een server dat toe; ACM's eigen regel is niet gepubliceerd.",
        (Lang::En, Assumption::JtiSingleUse) => "Each jti is accepted once: RFC 7523 allows a server to do so; ACM's own rule is not published.",
        (Lang::Nl, Assumption::KeyLookupByKid) => "Staat er een kid in de header, dan zoekt de verificateur de geregistreerde sleutel op die kid.",
        (Lang::En, Assumption::KeyLookupByKid) => "When the header has a kid, the verifier looks the registered key up by that kid.",
        (Lang::Nl, Assumption::SingleAudience) => "aud is één waarde, geen lijst: RFC 7523 laat een lijst toe, strikte verificateurs niet altijd.",
        (Lang::En, Assumption::SingleAudience) => "aud is one value, not a list: RFC 7523 allows a list, strict verifiers do not always.",
        (Lang::Nl, Assumption::ClockTolerance) => "Een iat tot 15 s in de toekomst wordt verdragen (klokverschil); ACM's marge is niet gepubliceerd.",
        (Lang::En, Assumption::ClockTolerance) => "An iat up to 15 s in the future is tolerated (clock difference); ACM's margin is not published.",
        (Lang::Nl, Assumption::DaoPingHosts) => "De DAO-hostnamen van acc en productie volgen het patroon van beta; de onboardingtekst noemt alleen die van beta.",
        (Lang::En, Assumption::DaoPingHosts) => "The DAO host names of acc and production follow beta's pattern; the onboarding text names only beta's.",
        (Lang::Nl, Assumption::OtherOrgCodes) => "vo_orgcode kan ook een OVO-code of een OV-instellingsnummer (5 of 6 cijfers) zijn; geen document bij de hand bevestigt die vormen, het OV-nummer wordt niet gecontroleerd.",
        (Lang::En, Assumption::OtherOrgCodes) => "vo_orgcode may also be an OVO code or an OV-instellingsnummer (5 or 6 digits); no document at hand confirms those forms, and the OV number is not checked.",
    }
}

/// Where a fact comes from, as the page says it.
pub fn source_text(lang: Lang, source: Source) -> String {
    match source {
        Source::OnboardingText => say!(
            lang,
            "Bron: de onboardingtekst (naamgeving DAO, vóór 2025).",
            "Source: the onboarding text (DAO naming, before 2025)."
        ),
        Source::ApiRepository(path) => {
            let repo = facts::API_REPOSITORY;
            say!(
                lang,
                "Bron: de documentatie van het API-team, {repo}, bestand {path}.",
                "Source: the API team's documentation, {repo}, file {path}."
            )
        }
        Source::AcmDocumentation(title, url) => say!(
            lang,
            "Bron: de documentatie van ACM, ‘{title}’ ({url}).",
            "Source: ACM's documentation, ‘{title}’ ({url})."
        ),
        Source::Standard(name) => say!(lang, "Bron: {name}.", "Source: {name}."),
        Source::Assumed(assumption) => {
            let reason = assumption_reason(lang, assumption);
            say!(lang, "Aangenomen: {reason}", "Assumed: {reason}")
        }
    }
}

/// Says which stored fields held key-shaped text and were therefore not saved.
pub fn key_material_refused(lang: Lang, fields: &[RefusedField]) -> String {
    let names = fields
        .iter()
        .map(|field| match field {
            RefusedField::OrgName => t(lang, T::OrgNameLabel),
            RefusedField::OrgCode => t(lang, T::OrgCodeLabel),
            RefusedField::ClientId => t(lang, T::ClientIdLabel),
            RefusedField::RelayUrl => t(lang, T::RelayLabel),
            RefusedField::Endpoint => t(lang, T::TokenUrlLabel),
            RefusedField::ApiTeamEmail => t(lang, T::ApiTeamEmailLabel),
            RefusedField::Lifetime => t(lang, T::LifetimeLabel),
            RefusedField::Timeout => t(lang, T::TimeoutLabel),
        })
        .collect::<Vec<_>>()
        .join(", ");
    say!(
        lang,
        "Niet bewaard: {names}. Wat daar staat, lijkt op sleutelmateriaal (PEM, een JWK met d of een lange base64-tekst). Plak een sleutel alleen in stap 2 en maak dit veld leeg.",
        "Not saved: {names}. What is there looks like key material (PEM, a JWK with d or a long base64 text). Paste a key only in step 2 and empty this field."
    )
}

/// The sentence for a registered-key report (`RegisteredKeyReport::is_good` says whether it is
/// good news).
pub fn registered_report(lang: Lang, report: &RegisteredKeyReport, key: &KeyInfo) -> String {
    let leak = if report.leaks_private_key() {
        say!(
            lang,
            " Let op: wat u plakte bevat een private sleutel (veld d). Staat die zo in het Beheerportaal, dan is hij niet meer geheim: maak een nieuw sleutelpaar en registreer alleen de publieke JWK.",
            " Beware: what you pasted holds a private key (field d). If it is registered like that, it is no longer secret: make a new key pair and register only the public JWK."
        )
    } else {
        String::new()
    };
    match report.matching_entry() {
        Some(entry) => {
            let carried = match key::assertion_kid(key, Some(report)) {
                Some(kid) if entry.kid.as_deref() == Some(key.kid()) => say!(
                    lang,
                    "zelfde thumbprint en kid ‘{kid}’",
                    "same thumbprint and kid ‘{kid}’"
                ),
                Some(kid) => say!(
                    lang,
                    "zelfde thumbprint; geregistreerd met kid ‘{kid}’, dus de assertion draagt die kid",
                    "same thumbprint; registered with kid ‘{kid}’, so the assertion carries that kid"
                ),
                None => say!(
                    lang,
                    "zelfde thumbprint; geregistreerd zonder kid, dus de assertion laat kid weg",
                    "same thumbprint; registered without a kid, so the assertion leaves kid out"
                ),
            };
            say!(
                lang,
                "Komt overeen: de geregistreerde sleutel is de geladen sleutel ({carried}).{leak}",
                "Matches: the registered key is the loaded key ({carried}).{leak}"
            )
        }
        None => {
            let count = report.registered.len();
            let thumbprint = key.thumbprint();
            say!(
                lang,
                "Komt niet overeen: geen van de {count} geregistreerde sleutel(s) heeft thumbprint {thumbprint}. Een assertion met deze sleutel zal niet aanvaard worden: registreer de publieke JWK van deze sleutel of laad de juiste private sleutel.{leak}",
                "Does not match: none of the {count} registered key(s) has thumbprint {thumbprint}. An assertion signed with this key will not be accepted: register this key's public JWK or load the right private key.{leak}"
            )
        }
    }
}

pub fn registered_error(lang: Lang, err: &RegisteredKeyError) -> String {
    match err {
        RegisteredKeyError::Json(json) => json_error(lang, json),
        RegisteredKeyError::NotAJwk => say!(
            lang,
            "Dit is geen JWK of JWKS.",
            "This is not a JWK or JWKS."
        ),
        RegisteredKeyError::JwksEmpty => say!(
            lang,
            "Deze JWKS bevat geen sleutels.",
            "This JWKS holds no keys."
        ),
    }
}

// ---------------------------------------------------------------------------------------------
// Assertion

/// Why the page cannot sign or send yet, in words.
pub fn not_ready(lang: Lang, reason: &NotReady) -> String {
    match reason {
        NotReady::NoKey => t(lang, T::NeedKey).to_string(),
        NotReady::ClientId(err) => client_id_error(lang, err),
        NotReady::Lifetime(err) => lifetime_error(lang, err),
        NotReady::Sign(err) => sign_error(lang, err),
        NotReady::KeyStoreFailed => t(lang, T::SignFailed).to_string(),
        NotReady::NoPastedAssertion => t(lang, T::NeedLintedAssertion).to_string(),
        NotReady::NotCompactJws => t(lang, T::NotCompactJws).to_string(),
        NotReady::NoToken => t(lang, T::NeedToken).to_string(),
    }
}

pub fn client_id_error(lang: Lang, err: &ClientIdError) -> String {
    match err {
        ClientIdError::Empty => t(lang, T::NeedClientId).to_string(),
        ClientIdError::ContainsWhiteSpace => say!(
            lang,
            "Een client id bevat geen spaties. Kopieer alleen het id.",
            "A client id has no spaces. Copy only the id."
        ),
        ClientIdError::ContainsControlCharacter => say!(
            lang,
            "Het client id bevat een onzichtbaar stuurteken. Typ of kopieer het opnieuw.",
            "The client id holds an invisible control character. Type or copy it again."
        ),
        ClientIdError::TooLong { chars, max } => say!(
            lang,
            "Dit is {chars} tekens lang; een client id heeft er hoogstens {max}.",
            "This is {chars} characters long; a client id has at most {max}."
        ),
    }
}

pub fn lifetime_error(lang: Lang, err: &LifetimeError) -> String {
    match err {
        LifetimeError::NotANumber => say!(lang, "Vul een aantal seconden in, bv. 300.", "Enter a number of seconds, e.g. 300."),
        LifetimeError::NotPositive => say!(lang, "De geldigheid moet minstens 1 seconde zijn.", "The lifetime must be at least 1 second."),
        LifetimeError::TooLong { seconds, max } => say!(
            lang,
            "{seconds} seconden is te lang: de pagina laat hoogstens {max} seconden toe (aangenomen: alleen secundaire bronnen noemen die grens). Gebruik bv. 300.",
            "{seconds} seconds is too long: the page allows at most {max} seconds (assumed: only secondary sources name that limit). Use e.g. 300."
        ),
    }
}

pub fn sign_error(lang: Lang, err: &SignError) -> String {
    match err {
        SignError::AlgorithmDoesNotFitKey { alg, key } => {
            let (alg, key) = (alg.name(), key_kind(lang, *key));
            say!(
                lang,
                "{alg} past niet bij deze sleutel ({key}).",
                "{alg} does not fit this key ({key})."
            )
        }
        SignError::Encoding { detail } => say!(
            lang,
            "Ondertekenen mislukte: {detail}",
            "Signing failed: {detail}"
        ),
        SignError::SignatureLength { expected, found } => say!(
            lang,
            "De browser gaf een handtekening van {found} bytes in plaats van {expected}. Laad de sleutel opnieuw.",
            "The browser returned a signature of {found} bytes instead of {expected}. Load the key again."
        ),
    }
}

pub fn lint_check_name(lang: Lang, check: LintCheck) -> &'static str {
    match (lang, check) {
        (Lang::Nl, LintCheck::Format) => "Vorm (header.payload.handtekening)",
        (Lang::En, LintCheck::Format) => "Form (header.payload.signature)",
        (Lang::Nl, LintCheck::Alg) => "Algoritme (alg) asymmetrisch en passend bij de sleutel",
        (Lang::En, LintCheck::Alg) => "Algorithm (alg) asymmetric and fitting the key",
        (Lang::Nl, LintCheck::Typ) => "Type (typ) JWT",
        (Lang::En, LintCheck::Typ) => "Type (typ) JWT",
        (Lang::Nl, LintCheck::Kid) => "kid hoort bij de sleutel",
        (Lang::En, LintCheck::Kid) => "kid belongs to the key",
        (Lang::Nl, LintCheck::Signature) => "Handtekening klopt met de geladen sleutel",
        (Lang::En, LintCheck::Signature) => "Signature verifies with the loaded key",
        (Lang::Nl, LintCheck::IssSub) => "iss = sub = uw client id",
        (Lang::En, LintCheck::IssSub) => "iss = sub = your client id",
        (Lang::Nl, LintCheck::Aud) => {
            "Eén aud (aangenomen): de issuer of het token-endpoint van deze ACM"
        }
        (Lang::En, LintCheck::Aud) => "One aud (assumed): this ACM's issuer or token endpoint",
        (Lang::Nl, LintCheck::Lifetime) => "exp − iat ≤ 600 s",
        (Lang::En, LintCheck::Lifetime) => "exp − iat ≤ 600 s",
        (Lang::Nl, LintCheck::IatNotInFuture) => "iat ligt niet in de toekomst",
        (Lang::En, LintCheck::IatNotInFuture) => "iat is not in the future",
        (Lang::Nl, LintCheck::NotExpired) => "Nog niet verlopen (exp)",
        (Lang::En, LintCheck::NotExpired) => "Not expired yet (exp)",
        (Lang::Nl, LintCheck::Jti) => "jti aanwezig en uniek in deze sessie",
        (Lang::En, LintCheck::Jti) => "jti present and unique this session",
    }
}

pub fn lint_problem(lang: Lang, problem: &LintProblem) -> String {
    match problem {
        LintProblem::NotThreeParts { parts } => say!(
            lang,
            "Een JWT bestaat uit 3 delen gescheiden door punten; dit heeft er {parts}. Is hij volledig gekopieerd?",
            "A JWT has 3 parts separated by dots; this has {parts}. Was it copied completely?"
        ),
        LintProblem::PartNotBase64 { part } => say!(lang, "Het deel {part} is geen base64url.", "The {part} part is not base64url."),
        LintProblem::PartNotJsonObject { part } => say!(lang, "Het deel {part} is geen JSON-object.", "The {part} part is not a JSON object."),
        LintProblem::MissingClaim { claim } => say!(lang, "{claim} ontbreekt.", "{claim} is missing."),
        LintProblem::NotAString { claim } => say!(lang, "{claim} moet een tekst zijn.", "{claim} must be a string."),
        LintProblem::NotATimestamp { claim } => say!(
            lang,
            "{claim} moet een tijdstip in seconden sinds 1970 zijn (een getal).",
            "{claim} must be a time in seconds since 1970 (a number)."
        ),
        LintProblem::AlgNone => say!(lang, "alg none betekent: niet ondertekend. Een client assertion moet ondertekend zijn (RFC 7523 §3).", "alg none means unsigned. A client assertion must be signed (RFC 7523 §3)."),
        LintProblem::AlgSymmetric => say!(
            lang,
            "Een symmetrisch algoritme (HS…) gebruikt een gedeeld geheim; private_key_jwt vraagt een private sleutel (RS256).",
            "A symmetric algorithm (HS…) uses a shared secret; private_key_jwt needs a private key (RS256)."
        ),
        LintProblem::AlgUnknown => say!(lang, "Onbekend algoritme. Gebruik RS256.", "Unknown algorithm. Use RS256."),
        LintProblem::AlgDoesNotFitKey => say!(
            lang,
            "Dit algoritme past niet bij de geladen sleutel (RS256/PS256 voor RSA, ES256 voor EC P-256).",
            "This algorithm does not fit the loaded key (RS256/PS256 for RSA, ES256 for EC P-256)."
        ),
        LintProblem::TypNotJwt => say!(lang, "typ hoort JWT te zijn (of weg te blijven).", "typ should be JWT (or absent)."),
        LintProblem::KidDiffers => say!(
            lang,
            "Deze kid hoort niet bij de geladen sleutel: een verificateur die de sleutel op kid opzoekt, vindt hem dan niet.",
            "This kid does not belong to the loaded key: a verifier that looks the key up by kid will not find it."
        ),
        LintProblem::KidNotRegistered => say!(
            lang,
            "De sleutel is zonder kid geregistreerd; een strikte verificateur weigert een kid die hij niet kent. Laat kid weg.",
            "The key was registered without a kid; a strict verifier refuses a kid it does not know. Leave kid out."
        ),
        LintProblem::SignatureInvalid => say!(
            lang,
            "De handtekening klopt niet met de sleutel (gecontroleerd door WebCrypto): hij is met een andere sleutel gemaakt of de assertion is gewijzigd.",
            "The signature does not verify with the key (checked by WebCrypto): it was made with another key or the assertion was changed."
        ),
        LintProblem::NoKeyLoaded => say!(
            lang,
            "Geen sleutel om mee te controleren: laad er een in stap 2 of plak hieronder een publieke JWK.",
            "No key to check with: load one in step 2 or paste a public JWK below."
        ),
        LintProblem::NoClientIdEntered => say!(lang, "Geen client id ingevuld om mee te vergelijken.", "No client id entered to compare with."),
        LintProblem::IssDiffersFromSub => say!(lang, "iss en sub moeten allebei uw client id zijn.", "iss and sub must both be your client id."),
        LintProblem::IssDiffersFromClientId => say!(
            lang,
            "iss/sub is niet het client id dat u invulde.",
            "iss/sub is not the client id you entered."
        ),
        LintProblem::AudSeveral { count } => say!(
            lang,
            "aud bevat {count} waarden; de pagina verwacht er één (aangenomen: RFC 7523 laat meer toe, strikte verificateurs niet altijd).",
            "aud holds {count} values; the page expects one (assumed: RFC 7523 allows more, strict verifiers do not always)."
        ),
        LintProblem::AudNotThisAcm => say!(
            lang,
            "aud is niet de issuer of het token-endpoint van de gekozen omgeving. Een aud van de andere ACM (T&I of productie) geeft invalid_client.",
            "aud is neither the issuer nor the token endpoint of the chosen environment. An aud of the other ACM (T&I or production) gives invalid_client."
        ),
        LintProblem::LifetimeTooLong { seconds } => say!(
            lang,
            "Geldig gedurende {seconds} s; de pagina laat hoogstens 600 s toe (aangenomen: alleen secundaire bronnen noemen die grens).",
            "Valid for {seconds} s; the page allows at most 600 s (assumed: only secondary sources name that limit)."
        ),
        LintProblem::LifetimeNotPositive { seconds } => say!(
            lang,
            "exp ligt {seconds} s na iat: exp moet na iat komen.",
            "exp is {seconds} s after iat: exp must come after iat."
        ),
        LintProblem::IatInFuture { seconds_ahead } => say!(
            lang,
            "iat ligt {seconds_ahead} s in de toekomst. Loopt de klok van de ondertekenaar voor?",
            "iat is {seconds_ahead} s in the future. Is the signer's clock fast?"
        ),
        LintProblem::Expired { seconds_ago } => say!(
            lang,
            "Verlopen sinds {seconds_ago} s. Onderteken een nieuwe.",
            "Expired {seconds_ago} s ago. Sign a new one."
        ),
        LintProblem::JtiReused => say!(
            lang,
            "Deze jti werd in deze sessie al door een andere assertion gebruikt. Een server mag een hergebruikte jti weigeren (RFC 7523 §3); aangenomen wordt dat ACM dat doet.",
            "Another assertion used this jti earlier this session. A server may refuse a reused jti (RFC 7523 §3); ACM is assumed to do so."
        ),
    }
}

/// The default "expected" text of a lint check whose expectation is a sentence.
pub fn lint_expected(lang: Lang, check: LintCheck) -> &'static str {
    match (lang, check) {
        (Lang::Nl, LintCheck::Jti) => "aanwezig, uniek",
        (Lang::En, LintCheck::Jti) => "present, unique",
        _ => "",
    }
}

/// "4:32" style remaining time, or the expired text.
pub fn expires_in(lang: Lang, seconds: i64) -> String {
    if seconds <= 0 {
        return t(lang, T::AssertionExpired).to_string();
    }
    let (minutes, rest) = (seconds / 60, seconds % 60);
    say!(
        lang,
        "verloopt over {minutes}:{rest:02}",
        "expires in {minutes}:{rest:02}"
    )
}

// ---------------------------------------------------------------------------------------------
// Connection

pub fn url_error(lang: Lang, err: &UrlError) -> String {
    match err {
        UrlError::Empty => say!(lang, "Vul een adres in.", "Enter an address."),
        UrlError::Scheme => say!(
            lang,
            "Het adres moet met https:// (of http://) beginnen.",
            "The address must start with https:// (or http://)."
        ),
        UrlError::ContainsWhiteSpace => say!(
            lang,
            "Een adres bevat geen spaties.",
            "An address has no spaces."
        ),
        UrlError::NoHost => say!(
            lang,
            "Na https:// ontbreekt de servernaam.",
            "The server name after https:// is missing."
        ),
        UrlError::QueryOrFragment => say!(
            lang,
            "De relay-URL mag geen ? of # bevatten: het doeladres wordt erachter geplakt.",
            "The relay URL cannot contain ? or #: the target address is appended to it."
        ),
    }
}

fn body_excerpt(lang: Lang, body: &BodyKind) -> String {
    match body {
        BodyKind::Empty => say!(lang, "(leeg antwoord)", "(empty answer)"),
        BodyKind::Json => say!(lang, "(JSON)", "(JSON)"),
        BodyKind::Html { first_lines } => say!(
            lang,
            "HTML-pagina:\n{first_lines}",
            "HTML page:\n{first_lines}"
        ),
        BodyKind::Text { first_lines } => first_lines.clone(),
    }
}

/// What the reference relay said, and what to do.
fn relay_error(lang: Lang, error: &RelayError) -> String {
    let code = error.code();
    match error {
        RelayError::OriginNotAllowed => say!(
            lang,
            "De relay weigert deze pagina ({code}): haar herkomst staat niet in de configuratie van de relay. Render de relay-configuratie met --origin en het adres van deze pagina.",
            "The relay refuses this page ({code}): its origin is not in the relay's configuration. Render the relay configuration with --origin and this page's address."
        ),
        RelayError::TargetNotAllowed => say!(
            lang,
            "De relay weigert dit doeladres ({code}): het staat niet precies zo op haar lijst van toegelaten endpoints (hoofdletters, poorten, queries en gecodeerde tekens tellen mee). Controleer het endpoint-veld, of voeg het adres toe aan de relay-configuratie.",
            "The relay refuses this target ({code}): it is not exactly on its list of allowed endpoints (case, ports, queries and encoded characters count). Check the endpoint field, or add the address to the relay configuration."
        ),
        RelayError::MethodNotAllowed => say!(
            lang,
            "De relay laat alleen GET en POST door ({code}).",
            "The relay passes only GET and POST ({code})."
        ),
        RelayError::RateLimited => say!(
            lang,
            "De relay krijgt te veel aanvragen van dit adres ({code}). Wacht enkele seconden en probeer opnieuw.",
            "The relay gets too many requests from this address ({code}). Wait a few seconds and try again."
        ),
        RelayError::UpstreamRedirect => say!(
            lang,
            "De server antwoordde met een doorverwijzing; de relay volgt die niet en geeft ze niet door ({code}). Controleer het endpoint-veld: waarschijnlijk is het adres verouderd of onvolledig.",
            "The server answered with a redirect; the relay neither follows nor passes it on ({code}). Check the endpoint field: the address is probably outdated or incomplete."
        ),
        RelayError::UpstreamFailed => say!(
            lang,
            "De relay bereikte de server niet of het antwoord brak af ({code}). Controleer het adres, of probeer later opnieuw.",
            "The relay could not reach the server or the answer broke off ({code}). Check the address, or try again later."
        ),
        RelayError::UpstreamTimeout => say!(
            lang,
            "De server antwoordde de relay niet op tijd ({code}). Probeer later opnieuw.",
            "The server did not answer the relay in time ({code}). Try again later."
        ),
        RelayError::Other(_) => say!(
            lang,
            "De relay weigerde de aanvraag ({code}).",
            "The relay refused the request ({code})."
        ),
    }
}

pub fn exchange_failure(lang: Lang, failure: &ExchangeFailure) -> String {
    match failure {
        ExchangeFailure::InvalidUrl { field, problem } => {
            let problem = url_error(lang, problem);
            say!(lang, "Het veld {field}: {problem}", "The {field} field: {problem}")
        }
        ExchangeFailure::Unreachable { via_relay: true } => say!(
            lang,
            "De relay is niet bereikbaar of staat deze pagina niet toe (CORS). Controleer de relay-URL, of de relay draait, en of hij de herkomst van deze pagina toelaat. De browser zegt niet welke van de drie het is; de console (F12) toont meer.",
            "The relay cannot be reached or does not allow this page (CORS). Check the relay URL, whether the relay runs, and whether it allows this page's origin. The browser does not say which of the three it is; the console (F12) shows more."
        ),
        ExchangeFailure::Unreachable { via_relay: false } => say!(
            lang,
            "De server is niet bereikbaar of staat rechtstreekse oproepen uit de browser niet toe (CORS). ACM en de API doen dat niet: stel een relay in.",
            "The server cannot be reached or does not allow direct calls from the browser (CORS). ACM and the API do not: configure a relay."
        ),
        ExchangeFailure::Timeout { seconds } => say!(
            lang,
            "Geen antwoord binnen {seconds} s. De relay of de server antwoordt niet; probeer opnieuw of verhoog de time-out.",
            "No answer within {seconds} s. The relay or the server does not answer; try again or raise the time-out."
        ),
        ExchangeFailure::Cancelled => say!(lang, "Geannuleerd.", "Cancelled."),
        ExchangeFailure::RelayRefused { error } => relay_error(lang, error),
        ExchangeFailure::TooLarge { bytes: size, max } => {
            let (size, max) = (bytes(*size), bytes(*max));
            say!(lang, "Het antwoord is te groot ({size}; maximum {max}); dit is geen normaal antwoord.", "The answer is too large ({size}; maximum {max}); this is not a normal answer.")
        }
        ExchangeFailure::HttpError { status, body } => {
            let excerpt = body_excerpt(lang, body);
            let hint = match status {
                401 | 403 => say!(lang, "Toegang geweigerd: is het token geldig en voor deze API?", "Access denied: is the token valid and for this API?"),
                404 => say!(lang, "Het adres bestaat niet: controleer het endpoint-veld.", "The address does not exist: check the endpoint field."),
                502..=504 => say!(lang, "De relay bereikte de server niet: controleer het adres of probeer later opnieuw.", "The relay did not reach the server: check the address or try again later."),
                500..=599 => say!(lang, "Fout aan de kant van de server: probeer later opnieuw of meld het aan het API-team.", "Error on the server's side: try again later or tell the API team."),
                _ => String::new(),
            };
            say!(lang, "HTTP {status}. {hint}\n{excerpt}", "HTTP {status}. {hint}\n{excerpt}")
        }
        ExchangeFailure::NotJson { status, body } => {
            let excerpt = body_excerpt(lang, body);
            say!(
                lang,
                "HTTP {status}, maar geen JSON: waarschijnlijk een pagina van een proxy of relay in plaats van de API.\n{excerpt}",
                "HTTP {status} but no JSON: probably a proxy's or relay's page instead of the API.\n{excerpt}"
            )
        }
    }
}

pub fn oauth_cause(lang: Lang, cause: TokenFailureCause) -> String {
    use TokenFailureCause::*;
    match cause {
        KeyNotRegistered => say!(lang, "De publieke sleutel is niet (of een andere) geregistreerd: vergelijk in stap 2 met wat in het Beheerportaal staat.", "The public key is not registered (or another one is): compare with the Beheerportaal in step 2."),
        ClientNotApproved => say!(lang, "De client is nog niet goedgekeurd: wacht op het API-team (en, bij integratoren, op de klant).", "The client is not approved yet: wait for the API team (and, for integrators, the customer)."),
        KidOrAlgMismatch => say!(lang, "kid of alg van de assertion past niet bij de geregistreerde JWK: gebruik RS256 en de kid van de geregistreerde sleutel.", "The assertion's kid or alg does not fit the registered JWK: use RS256 and the registered key's kid."),
        WrongAudience => say!(lang, "Verkeerde aud: gebruik de issuer van deze omgeving (T&I voor beta/acc, productie voor PROD).", "Wrong aud: use this environment's issuer (T&I for beta/acc, production for PROD)."),
        AssertionExpired => say!(lang, "De assertion was verlopen: onderteken een nieuwe.", "The assertion had expired: sign a new one."),
        AssertionReused => say!(lang, "De assertion (jti) werd al eens gebruikt: elke aanvraag heeft een nieuwe nodig.", "The assertion (jti) was used before: every request needs a fresh one."),
        ClockSkew => say!(lang, "De klok van deze computer wijkt af: zet de tijd automatisch gelijk.", "This computer's clock is off: let it set the time automatically."),
        ClientIdTypo => say!(lang, "Tikfout in het client id (iss, sub en client_id moeten gelijk zijn aan het id in het Beheerportaal).", "Typo in the client id (iss, sub and client_id must equal the id in the Beheerportaal)."),
        ScopeNotGranted => say!(lang, "De gevraagde rol-scope is niet aan deze client toegekend: vraag hem aan in het Beheerportaal en laat hem goedkeuren.", "The requested role scope is not granted to this client: request it in the Beheerportaal and have it approved."),
        ScopeOfOtherBrand => say!(lang, "De client kreeg misschien de scope onder de andere naam (dao_* of elys_*): kies de andere API-naam in stap 1.", "The client may have the scope under the other name (dao_* or elys_*): choose the other API name in step 1."),
        GrantNotAllowed => say!(lang, "De client mag geen Client Credentials Grant gebruiken: kies dat protocol bij de client in het Beheerportaal.", "The client may not use the Client Credentials Grant: choose that protocol for the client in the Beheerportaal."),
        MalformedRequest => say!(lang, "De aanvraag was onvolledig of fout gevormd.", "The request was incomplete or malformed."),
        RelayAltersBody => say!(lang, "De relay wijzigt misschien de body of de Content-Type: gebruik de referentieconfiguratie.", "The relay may alter the body or the Content-Type: use the reference configuration."),
        ServerTrouble => say!(lang, "Tijdelijk probleem bij ACM: probeer later opnieuw.", "Temporary trouble at ACM: try again later."),
    }
}

pub fn oauth_error(lang: Lang, status: u16, error: &OAuthError) -> String {
    let code = error.code.as_str();
    let description = error
        .description
        .as_deref()
        .map(|d| format!(" ({d})"))
        .unwrap_or_default();
    let meaning = match error.code {
        OAuthErrorCode::InvalidClient => say!(
            lang,
            "ACM kon uw client niet authenticeren.",
            "ACM could not authenticate your client."
        ),
        OAuthErrorCode::InvalidScope => say!(
            lang,
            "Een gevraagde scope is ongeldig of niet toegekend.",
            "A requested scope is invalid or not granted."
        ),
        OAuthErrorCode::UnauthorizedClient => say!(
            lang,
            "De client mag dit granttype niet gebruiken.",
            "The client may not use this grant type."
        ),
        OAuthErrorCode::InvalidRequest => say!(
            lang,
            "De aanvraag is onvolledig of fout gevormd.",
            "The request is incomplete or malformed."
        ),
        OAuthErrorCode::InvalidGrant => say!(
            lang,
            "De assertion werd niet aanvaard.",
            "The assertion was not accepted."
        ),
        OAuthErrorCode::UnsupportedGrantType => say!(
            lang,
            "Dit granttype wordt niet ondersteund.",
            "This grant type is not supported."
        ),
        OAuthErrorCode::ServerError | OAuthErrorCode::TemporarilyUnavailable => say!(
            lang,
            "Probleem aan de kant van ACM.",
            "Trouble on ACM's side."
        ),
        OAuthErrorCode::Other(_) => say!(lang, "Onbekende fout.", "Unknown error."),
    };
    format!("HTTP {status}: {code}{description}. {meaning}")
}

pub fn token_answer_error(lang: Lang, err: &TokenAnswerError) -> String {
    match err {
        TokenAnswerError::NotJson(json) => {
            let detail = json_error(lang, json);
            say!(
                lang,
                "Het antwoord van het token-endpoint is geen geldige JSON: {detail}",
                "The token endpoint's answer is not valid JSON: {detail}"
            )
        }
        TokenAnswerError::MissingAccessToken => say!(
            lang,
            "Het antwoord bevat geen access_token.",
            "The answer holds no access_token."
        ),
        TokenAnswerError::MalformedAccessToken => say!(
            lang,
            "Het access_token in het antwoord is geen geldig bearer-token (RFC 6750: alleen letters, cijfers en -._~+/ en = op het einde). Het wordt niet gebruikt; controleer het token-endpoint-veld.",
            "The access_token in the answer is not a valid bearer token (RFC 6750: only letters, digits and -._~+/ with = at the end). It is not used; check the token endpoint field."
        ),
        TokenAnswerError::UnexpectedError { status } => say!(
            lang,
            "HTTP {status} zonder OAuth-foutcode: controleer het token-endpoint-veld.",
            "HTTP {status} without an OAuth error code: check the token endpoint field."
        ),
    }
}

pub fn clock_skew(lang: Lang, skew_seconds: i64) -> String {
    let (amount, ahead) = (skew_seconds.abs(), skew_seconds > 0);
    match (lang, ahead) {
        (Lang::Nl, true) => format!("De klok van de server loopt {amount} s voor op die van deze computer. Een verificateur weigert assertions van een klok die te ver afwijkt: zet de tijd van deze computer automatisch gelijk."),
        (Lang::Nl, false) => format!("De klok van deze computer loopt {amount} s voor op die van de server. Een verificateur weigert assertions van een klok die te ver afwijkt: zet de tijd van deze computer automatisch gelijk."),
        (Lang::En, true) => format!("The server's clock is {amount} s ahead of this computer's. A verifier rejects assertions from a clock that is too far off: let this computer set its time automatically."),
        (Lang::En, false) => format!("This computer's clock is {amount} s ahead of the server's. A verifier rejects assertions from a clock that is too far off: let this computer set its time automatically."),
    }
}

/// A duration in whole milliseconds (the same in both languages).
pub fn duration(millis: f64) -> String {
    format!("{} ms", millis.round() as i64)
}

/// What the relay check found, in words (`RelayCheck::is_ok` says whether all is well).
pub fn relay_check(lang: Lang, status: u16, check: &RelayCheck, token_field: &str) -> String {
    let reached = say!(
        lang,
        "De relay antwoordt en laat deze pagina toe (CORS in orde); HTTP {status}.",
        "The relay answers and allows this page (CORS in order); HTTP {status}."
    );
    match check {
        RelayCheck::Unreadable(err) => {
            let detail = json_error(lang, err);
            say!(lang, "{reached} Maar het discovery-document is onleesbaar: {detail}", "{reached} But the discovery document is unreadable: {detail}")
        }
        RelayCheck::NoTokenEndpoint => say!(
            lang,
            "{reached} Het discovery-document vermeldt geen token_endpoint.",
            "{reached} The discovery document names no token_endpoint."
        ),
        RelayCheck::Matches { found } => say!(
            lang,
            "{reached} Het token_endpoint uit de discovery ({found}) komt overeen met het token-endpoint-veld.",
            "{reached} The discovery's token_endpoint ({found}) matches the token endpoint field."
        ),
        RelayCheck::Differs { found } => say!(
            lang,
            "{reached} Maar het token_endpoint uit de discovery ({found}) verschilt van het token-endpoint-veld ({token_field}). Neem het adres uit de discovery over.",
            "{reached} But the discovery's token_endpoint ({found}) differs from the token endpoint field ({token_field}). Use the discovery's address."
        ),
    }
}

// ---------------------------------------------------------------------------------------------
// Ping check

pub fn check_name(lang: Lang, check: CheckId) -> &'static str {
    match (lang, check) {
        (Lang::Nl, CheckId::Json) => "Geldige JSON",
        (Lang::En, CheckId::Json) => "Valid JSON",
        (Lang::Nl, CheckId::ClientId) => "Client id",
        (Lang::En, CheckId::ClientId) => "Client id",
        (Lang::Nl, CheckId::OrgCode) => "Organisatiecode",
        (Lang::En, CheckId::OrgCode) => "Organisation code",
        (Lang::Nl, CheckId::OrgName) => "Naam van de organisatie",
        (Lang::En, CheckId::OrgName) => "Organisation name",
        (Lang::Nl, CheckId::ClientName) => "Clientnaam",
        (Lang::En, CheckId::ClientName) => "Client name",
        (Lang::Nl, CheckId::Environment) => "Omgeving (iss)",
        (Lang::En, CheckId::Environment) => "Environment (iss)",
        (Lang::Nl, CheckId::Active) => "Token actief",
        (Lang::En, CheckId::Active) => "Token active",
        (Lang::Nl, CheckId::Scopes) => "Scopes",
        (Lang::En, CheckId::Scopes) => "Scopes",
        (Lang::Nl, CheckId::TokenTimes) => "Geldigheid van het token",
        (Lang::En, CheckId::TokenTimes) => "Token validity",
    }
}

/// The explanation of one check row.
pub fn finding(lang: Lang, row: &CheckRow) -> String {
    let check = row.check;
    match &row.finding {
        Finding::Matches => match check {
            CheckId::Json => say!(lang, "Een JSON-object met {} velden.", "A JSON object with {} fields.", row.found),
            _ => say!(lang, "Klopt.", "Matches."),
        },
        Finding::MatchesAfterNormalising => say!(
            lang,
            "Klopt, op hoofdletters, accenten, leestekens of rechtsvorm na.",
            "Matches, apart from case, accents, punctuation or legal form."
        ),
        Finding::NotEntered => say!(
            lang,
            "Niet te vergelijken: dit gegeven is op deze pagina nog niet ingevuld (stap 1 of 4).",
            "Cannot compare: this is not yet entered on this page (step 1 or 4)."
        ),
        Finding::Missing { field } => say!(lang, "Het veld {field} ontbreekt in het antwoord.", "The field {field} is missing from the answer."),
        Finding::Differs => match check {
            CheckId::ClientId => say!(lang, "Dit antwoord hoort bij een andere client.", "This answer belongs to another client."),
            CheckId::OrgCode => say!(lang, "De client is geregistreerd onder een andere organisatie.", "The client is registered under another organisation."),
            CheckId::OrgName => say!(lang, "De naam is niet herkenbaar als uw organisatie; kijk na of het de juiste is.", "The name is not recognisable as your organisation; check that it is the right one."),
            CheckId::ClientName => say!(lang, "De clientnaam in ACM volgt de conventie niet. Dat is een waarschuwing: de onboardingtekst eist alleen dat vo_orgcode, vo_orgnaam en het client id kloppen. Pas hem aan in het Beheerportaal als u de conventie wilt volgen.", "The client name in ACM does not follow the convention. This is a warning: the onboarding text only requires vo_orgcode, vo_orgnaam and the client id to match. Change it in the Beheerportaal if you want to follow the convention."),
            _ => say!(lang, "Verschilt.", "Differs."),
        },
        Finding::Inconsistent => say!(
            lang,
            "Het antwoord geeft op verschillende plaatsen verschillende waarden.",
            "The answer gives different values in different places."
        ),
        Finding::CaseOrSpacing => say!(
            lang,
            "Verschilt alleen in hoofdletters of spaties; pas de naam aan voor de volledigheid.",
            "Differs only in case or spacing; correct the name to be exact."
        ),
        Finding::Partial => say!(
            lang,
            "Gedeeltelijk gelijk: de ene naam bevat de andere. Kijk na of het de juiste organisatie is.",
            "Partly equal: one name contains the other. Check that it is the right organisation."
        ),
        Finding::WrongEnvironment { found } => {
            let found = acm_side(lang, *found);
            say!(
                lang,
                "Verkeerde omgeving: dit token komt van ACM {found}. Gebruik de ACM van de gekozen omgeving, of registreer de client in de juiste omgeving.",
                "Wrong environment: this token comes from ACM {found}. Use the ACM of the chosen environment, or register the client in the right environment."
            )
        }
        Finding::UnknownIssuer => say!(
            lang,
            "Onbekende issuer: niet de issuer uit het issuer-veld van stap 5.",
            "Unknown issuer: not the issuer in the issuer field of step 5."
        ),
        Finding::Inactive => say!(lang, "Het token is niet actief (verlopen of ingetrokken): vraag een nieuw aan.", "The token is not active (expired or revoked): request a new one."),
        Finding::NotBoolean => say!(lang, "active is de tekst \"true\" in plaats van true.", "active is the text \"true\" instead of true."),
        Finding::MissingScopes { missing } => {
            let missing = missing.join(", ");
            say!(
                lang,
                "Ontbreekt: {missing}. Vraag de scope aan in het Beheerportaal en laat hem goedkeuren.",
                "Missing: {missing}. Request the scope in the Beheerportaal and have it approved."
            )
        }
        Finding::OtherBrandScope { scope } => say!(
            lang,
            "De client heeft {scope}: de scope onder de andere naam van de API. Kies in stap 1 de andere API-naam, of vraag de juiste scope aan.",
            "The client has {scope}: the scope under the API's other name. Choose the other API name in step 1, or request the right scope."
        ),
        Finding::MalformedOrgCode => say!(
            lang,
            "De organisatiecode in het antwoord is geen geldig KBO-nummer of OVO-code.",
            "The organisation code in the answer is not a valid KBO number or OVO code."
        ),
        Finding::TimeUnreadable { field } => say!(lang, "{field} is geen leesbaar tijdstip.", "{field} is not a readable time."),
        Finding::ExpNotAfterIat => say!(lang, "exp ligt niet na iat.", "exp is not after iat."),
        Finding::ExpiredLongAgo { hours } => say!(
            lang,
            "Dit token is al {hours} uur verlopen: is dit een oud antwoord?",
            "This token expired {hours} hours ago: is this an old answer?"
        ),
        Finding::IatInFuture { minutes } => say!(
            lang,
            "iat ligt {minutes} minuten in de toekomst: wijkt de klok van deze computer af?",
            "iat is {minutes} minutes in the future: is this computer's clock off?"
        ),
        Finding::Invalid(err) => json_error(lang, err),
    }
}

/// The one sentence that sums up a report and says what to do next.
pub fn verdict(lang: Lang, report: &PingReport) -> String {
    let primary = report.primary_row();
    match report.verdict {
        Verdict::Ok => say!(
            lang,
            "Alles klopt: uw client is correct geregistreerd. Stuur het bewijs van onboarding naar het API-team.",
            "Everything matches: your client is registered correctly. Send the proof of onboarding to the API team."
        ),
        Verdict::Invalid => {
            let detail = primary.map(|row| finding(lang, row)).unwrap_or_default();
            say!(lang, "Dit is geen leesbaar ping-antwoord. {detail}", "This is not a readable ping answer. {detail}")
        }
        Verdict::Warning => {
            let (name, detail) = primary.map_or((String::new(), String::new()), |row| (check_name(lang, row.check).to_lowercase(), finding(lang, row)));
            say!(lang, "Het antwoord klopt, met een opmerking over {name}: {detail}", "The answer matches, with a remark on {name}: {detail}")
        }
        Verdict::Mismatch => {
            let Some(row) = primary else {
                return String::new();
            };
            let detail = finding(lang, row);
            match row.check {
                CheckId::OrgCode => say!(
                    lang,
                    "De organisatiecode verschilt: de client is geregistreerd onder een andere organisatie. {detail}",
                    "The organisation code differs: the client was registered under another organisation. {detail}"
                ),
                CheckId::ClientId => say!(lang, "Het client id verschilt. {detail}", "The client id differs. {detail}"),
                CheckId::Environment => say!(lang, "Verkeerde omgeving. {detail}", "Wrong environment. {detail}"),
                CheckId::ClientName => say!(lang, "De clientnaam verschilt. {detail}", "The client name differs. {detail}"),
                CheckId::Scopes => say!(lang, "Niet alle scopes zijn toegekend. {detail}", "Not every scope is granted. {detail}"),
                other => {
                    let name = check_name(lang, other);
                    say!(lang, "{name}: {detail}", "{name}: {detail}")
                }
            }
        }
    }
}

pub fn status_text(lang: Lang, status: crate::domain::ping::CheckStatus) -> &'static str {
    use crate::domain::ping::CheckStatus;
    t(
        lang,
        match status {
            CheckStatus::Ok => T::StatusOk,
            CheckStatus::Warning => T::StatusWarning,
            CheckStatus::Fail => T::StatusFail,
        },
    )
}

// ---------------------------------------------------------------------------------------------
// Documents: checklist, mail, proof

/// What the checklist texts are filled in with.
pub struct ChecklistContext<'a> {
    pub registration: &'a Registration,
    pub token_endpoint: &'a str,
    pub ping_url: &'a str,
    pub kid: Option<&'a str>,
}

fn or_placeholder(lang: Lang, value: Option<&str>) -> String {
    value.map_or_else(
        || say!(lang, "(nog in te vullen)", "(to be filled in)"),
        str::to_string,
    )
}

/// The title and detail of one checklist item.
pub fn checklist_item(
    lang: Lang,
    item: ChecklistItem,
    ctx: &ChecklistContext<'_>,
) -> (String, String) {
    let reg = ctx.registration;
    let org = or_placeholder(lang, reg.org_name.as_ref().ok().map(|n| n.as_str()));
    let code = or_placeholder(lang, reg.org_code.as_ref().ok().map(|c| c.canonical()));
    let client_name = or_placeholder(lang, reg.client_name.as_deref());
    let env = reg.environment.code();
    let portal = reg.beheerportaal;
    let reference = &reg.api_reference;
    let scopes = &reg.scope_string;
    let side = acm_side(lang, reg.environment.acm_side());
    let (token_url, ping_url) = (ctx.token_endpoint, ctx.ping_url);
    match item {
        ChecklistItem::MakeKeyPair => (
            say!(lang, "Maak een sleutelpaar (stap 2) en bewaar de private sleutel veilig.", "Make a key pair (step 2) and keep the private key safe."),
            say!(lang, "RSA 4096 bits met RS256, zoals in elk openbaar voorbeeld (aangenomen: geen document somt op wat ACM aanvaardt).", "RSA 4096 bits with RS256, as in every public example (assumed: no document lists what ACM accepts)."),
        ),
        ChecklistItem::OpenBeheerportaal => {
            let manuals = facts::acm::MANUALS
                .iter()
                .map(|(title, url)| format!("‘{title}’ ({url})"))
                .collect::<Vec<_>>()
                .join("; ");
            (
                say!(lang, "Open het Beheerportaal: {portal}", "Open the Beheerportaal: {portal}"),
                say!(
                    lang,
                    "De handleidingen van ACM die de onboardingtekst noemt: {manuals}.",
                    "ACM's manuals that the onboarding text names: {manuals}."
                ),
            )
        }
        ChecklistItem::CreateClient => (
            say!(lang, "Maak een nieuwe OAuth-client aan met de clientnaam ‘{client_name}’.", "Create a new OAuth client named ‘{client_name}’."),
            say!(lang, "Eén client per actor (organisatie) en per omgeving ({env}).", "One client per actor (organisation) and environment ({env})."),
        ),
        ChecklistItem::UseClientCredentialsWithJwt => (
            say!(
                lang,
                "Kies het protocol OAuth2 Client Credentials Grant (CCG) met authenticatie via een JWT.",
                "Choose the OAuth2 Client Credentials Grant (CCG) protocol with authentication by JWT."
            ),
            String::new(),
        ),
        ChecklistItem::UploadPublicJwk => (
            say!(lang, "Registreer de publieke JWK van stap 2 bij de client: de organisatie maakt zelf het sleutelpaar en geeft alleen de publieke sleutel af.", "Register the public JWK of step 2 with the client: the organisation makes its own key pair and hands out only the public key."),
            match ctx.kid {
                Some(kid) => say!(lang, "kid van de geladen sleutel: {kid}", "kid of the loaded key: {kid}"),
                None => say!(lang, "Maak of laad eerst een sleutel in stap 2.", "Make or load a key in step 2 first."),
            },
        ),
        ChecklistItem::RequestApiAccess => {
            let api_id = or_placeholder(lang, reg.api_client_id.as_deref());
            (
                say!(lang, "Vraag toegang tot de API met referentie ‘{reference}’.", "Request access to the API with reference ‘{reference}’."),
                match reg.api_client_id {
                    Some(_) => say!(lang, "Client id van de API: {api_id}", "API client id: {api_id}"),
                    None => t(lang, T::ApiClientIdUnknown).to_string(),
                },
            )
        }
        ChecklistItem::RequestScopes => {
            let role = role_text(lang, reg.role);
            (
                say!(lang, "Vraag de scopes {scopes} aan.", "Request the scopes {scopes}."),
                say!(lang, "Rol: {role}", "Role: {role}"),
            )
        }
        ChecklistItem::IntegratorCustomerKnown => (
            say!(
                lang,
                "Vraag de toegang aan op naam van uw klant {org}, een concrete uitvaartonderneming: die moet gekend zijn bij eLys en de aangevraagde client zelf goedkeuren.",
                "Request access in the name of your customer {org}, a concrete funeral home: it must be known to eLys and approve the requested client itself."
            ),
            say!(
                lang,
                "Daarnaast keurt het API-team de client goed na uw mail (onboardingtekst).",
                "The API team also approves the client after your mail (onboarding text)."
            ),
        ),
        ChecklistItem::IntegratorTrustedParty => (
            say!(
                lang,
                "Als integrator bent u een ‘trusted party’: de voorwaarden staan in een samenwerkingsovereenkomst.",
                "As an integrator you are a ‘trusted party’: the conditions are in a cooperation agreement (samenwerkingsovereenkomst)."
            ),
            say!(
                lang,
                "U geeft uw gebruikers de juiste rol, controleert dat ze bij {org} horen, en geeft hen toegang via uw eigen toegangsbeheer.",
                "You give your users the right role, check that they belong to {org}, and give them access through your own access management."
            ),
        ),
        ChecklistItem::AuditLog => (
            say!(
                lang,
                "Houd een auditlog bij dat elke actie met het platform, en elk gebruik van zijn gegevens, aan een individuele gebruiker koppelt, en bewaar het 10 jaar.",
                "Keep an audit log that ties every action on the platform, and every use of its data, to an individual user, and keep it for 10 years."
            ),
            say!(
                lang,
                "Waarom: het platform ziet alleen uw organisatie (het token), niet wie er handelt. Bij een incident kan het API-team u om die gegevens vragen.",
                "Why: the platform sees only your organisation (the token), not who acts. After an incident the API team may ask you for them."
            ),
        ),
        ChecklistItem::RolesResponsibility => (
            say!(
                lang,
                "Ga correct om met gebruikersrollen en applicatiescopes: gebruikers krijgen enkel toegang tot de functionaliteit van het platform die bij hen past.",
                "Handle user roles and application scopes correctly: users get access only to the platform's functionality that applies to them."
            ),
            say!(lang, "Dat is uw verantwoordelijkheid.", "That is your responsibility."),
        ),
        ChecklistItem::MailApiTeam => (
            say!(lang, "Mail het API-team dat u de client hebt aangevraagd (zie hieronder).", "Mail the API team that you requested the client (see below)."),
            String::new(),
        ),
        ChecklistItem::AwaitApproval => (
            say!(lang, "Wacht op de goedkeuring van het API-team.", "Wait for the API team's approval."),
            String::new(),
        ),
        ChecklistItem::NoteClientId => (
            say!(lang, "Noteer het client id van uw nieuwe client en vul het in bij stap 4.", "Note your new client's client id and enter it in step 4."),
            String::new(),
        ),
        ChecklistItem::RequestToken => (
            say!(lang, "Vraag een token aan bij ACM {side} met een client assertion (stap 4 en 5).", "Request a token from ACM {side} with a client assertion (steps 4 and 5)."),
            say!(lang, "Token-endpoint: {token_url}", "Token endpoint: {token_url}"),
        ),
        ChecklistItem::CallPing => (
            say!(lang, "Roep het ping-endpoint aan: {ping_url}", "Call the ping endpoint: {ping_url}"),
            say!(lang, "Met de headers x-correlation-id, x-tracing-id en x-request-id.", "With the headers x-correlation-id, x-tracing-id and x-request-id."),
        ),
        ChecklistItem::CheckPingAnswer => (
            say!(
                lang,
                "Controleer dat vo_orgcode ({code}), vo_orgnaam ({org}) en het client id in het antwoord kloppen met uw client (stap 6).",
                "Check that vo_orgcode ({code}), vo_orgnaam ({org}) and the client id in the answer match your client (step 6)."
            ),
            String::new(),
        ),
        ChecklistItem::SendProof => (
            say!(lang, "Bewaar het bewijs van onboarding (stap 6), voor uzelf en wie uw client opvolgt.", "Keep the proof of onboarding (step 6), for yourself and whoever looks after your client."),
            String::new(),
        ),
    }
}

/// The checklist as Markdown, with ticks.
pub fn checklist_markdown(
    lang: Lang,
    ctx: &ChecklistContext<'_>,
    ticked: &dyn Fn(ChecklistItem) -> bool,
) -> String {
    let items = checklist::items(ctx.registration.integrator);
    let steps = [
        (checklist::ChecklistStep::Register, T::ChecklistStepRegister),
        (
            checklist::ChecklistStep::FirstConnection,
            T::ChecklistStepConnect,
        ),
    ]
    .iter()
    .map(|(step, heading)| checklist::MarkdownStep {
        heading: t(lang, *heading).to_string(),
        items: items
            .iter()
            .filter(|item| item.step() == *step)
            .map(|item| {
                let (text, detail) = checklist_item(lang, *item, ctx);
                checklist::MarkdownItem {
                    done: ticked(*item),
                    text,
                    detail,
                }
            })
            .collect(),
    })
    .collect::<Vec<_>>();
    let title = match ctx.registration.client_name.as_deref() {
        Some(name) => format!("{} – {name}", t(lang, T::ChecklistTitle)),
        None => t(lang, T::ChecklistTitle).to_string(),
    };
    checklist::to_markdown(&title, &steps)
}

/// Subject and body of the mail that tells the API team the client was requested.
pub fn registration_mail(
    lang: Lang,
    reg: &Registration,
    client_id: Option<&str>,
) -> (String, String) {
    let org = or_placeholder(lang, reg.org_name.as_ref().ok().map(|n| n.as_str()));
    let code = or_placeholder(lang, reg.org_code.as_ref().ok().map(|c| c.canonical()));
    let client_name = or_placeholder(lang, reg.client_name.as_deref());
    let env = reg.environment.code();
    let brand = reg.brand.name();
    let (portal, reference, scopes) = (reg.beheerportaal, &reg.api_reference, &reg.scope_string);
    let subject = say!(
        lang,
        "Clientaanvraag {client_name} ({env})",
        "Client request {client_name} ({env})"
    );
    let integrator = if reg.integrator {
        say!(
            lang,
            "\nWij zijn een software-integrator en vroegen de client aan in naam van onze klant {org}.",
            "\nWe are a software integrator and requested the client on behalf of our customer {org}."
        )
    } else {
        String::new()
    };
    let client_id = client_id
        .map(|id| say!(lang, "\nClient id: {id}", "\nClient id: {id}"))
        .unwrap_or_default();
    let body = say!(
        lang,
        "Beste,\n\nWij hebben in het Beheerportaal ({portal}) een client aangevraagd voor de {brand}-API. Mogen wij u vragen hem goed te keuren?\n\nClientnaam: {client_name}\nOmgeving: {env}\nOrganisatie: {org}\nOrganisatiecode (vo_orgcode): {code}\nReferentie van de API: {reference}\nGevraagde scopes: {scopes}{client_id}{integrator}\n\nMet vriendelijke groeten,\n",
        "Hello,\n\nWe have requested a client for the {brand} API in the Beheerportaal ({portal}). Could you approve it?\n\nClient name: {client_name}\nEnvironment: {env}\nOrganisation: {org}\nOrganisation code (vo_orgcode): {code}\nAPI reference: {reference}\nRequested scopes: {scopes}{client_id}{integrator}\n\nKind regards,\n"
    );
    (subject, body)
}

/// What the proof report states; it holds no token, assertion or key by construction.
pub struct ProofFacts<'a> {
    pub registration: &'a Registration,
    pub client_id: Option<&'a str>,
    pub report: &'a PingReport,
    /// RFC 3339 time of the check.
    pub checked_at: String,
    /// The assumptions the page applied (`facts::assumptions_in_force`).
    pub assumptions: &'a [Assumption],
}

fn table_cell(text: &str) -> String {
    text.replace('|', "\\|").replace('\n', " ")
}

/// The proof of onboarding as Markdown, and its mail subject.
pub fn proof_report(lang: Lang, facts: &ProofFacts<'_>) -> (String, String) {
    let reg = facts.registration;
    let client_name = or_placeholder(lang, reg.client_name.as_deref());
    let org = or_placeholder(lang, reg.org_name.as_ref().ok().map(|n| n.as_str()));
    let code = or_placeholder(lang, reg.org_code.as_ref().ok().map(|c| c.canonical()));
    let client_id = or_placeholder(lang, facts.client_id);
    let env = reg.environment.code();
    let side = acm_side(lang, reg.environment.acm_side());
    let brand = reg.brand.name();
    let scopes = &reg.scope_string;
    let verdict_id = facts.report.verdict.id();
    let verdict_text = verdict(lang, facts.report);
    let checked_at = &facts.checked_at;
    let mut out = say!(
        lang,
        "# Bewijs van onboarding: {client_name}\n\n- Clientnaam: {client_name}\n- Omgeving: {env} (ACM {side})\n- Naam van de API: {brand}\n- Client id: {client_id}\n- Organisatie: {org}\n- Organisatiecode: {code}\n- Scopes: {scopes}\n- Resultaat: {verdict_id}: {verdict_text}\n- Gecontroleerd op: {checked_at}\n\n## Controles\n\n| Controle | Resultaat | Verwacht | Gevonden |\n|---|---|---|---|\n",
        "# Proof of onboarding: {client_name}\n\n- Client name: {client_name}\n- Environment: {env} (ACM {side})\n- API name: {brand}\n- Client id: {client_id}\n- Organisation: {org}\n- Organisation code: {code}\n- Scopes: {scopes}\n- Result: {verdict_id}: {verdict_text}\n- Checked at: {checked_at}\n\n## Checks\n\n| Check | Result | Expected | Found |\n|---|---|---|---|\n"
    );
    for row in &facts.report.rows {
        out.push_str(&format!(
            "| {} | {} | {} | {} |\n",
            check_name(lang, row.check),
            status_text(lang, row.status),
            table_cell(&row.expected),
            table_cell(&row.found)
        ));
    }
    out.push_str(&say!(
        lang,
        "\n## Aangenomen\n\nDeze regels paste de pagina toe zonder openbare bron:\n\n",
        "\n## Assumed\n\nThe page applied these rules without a public source:\n\n"
    ));
    for assumption in facts.assumptions {
        out.push_str(&format!("- {}\n", assumption_reason(lang, *assumption)));
    }
    let subject = say!(
        lang,
        "Bewijs van onboarding {client_name} ({env})",
        "Proof of onboarding {client_name} ({env})"
    );
    (out, subject)
}

// ---------------------------------------------------------------------------------------------
// Site configuration

pub fn config_error(lang: Lang, err: &ConfigError) -> String {
    match err {
        ConfigError::Json(json) => {
            let detail = json_error(lang, json);
            say!(
                lang,
                "config.json is ongeldig: {detail}",
                "config.json is invalid: {detail}"
            )
        }
        ConfigError::UnknownField { path } => say!(
            lang,
            "config.json: onbekend veld {path}.",
            "config.json: unknown field {path}."
        ),
        ConfigError::WrongType { path, expected } => say!(
            lang,
            "config.json: {path} moet een {expected} zijn.",
            "config.json: {path} must be a {expected}."
        ),
        ConfigError::UnknownEnvironment { path } => say!(
            lang,
            "config.json: {path} is geen omgeving (beta, acc of PROD).",
            "config.json: {path} is not an environment (beta, acc or PROD)."
        ),
        ConfigError::UnknownBrand { path, value } => say!(
            lang,
            "config.json: {path} ‘{value}’ is geen API-naam (DAO of eLys).",
            "config.json: {path} ‘{value}’ is not an API name (DAO or eLys)."
        ),
        ConfigError::BadUrl { path, problem } => {
            let problem = url_error(lang, problem);
            say!(
                lang,
                "config.json: {path}: {problem}",
                "config.json: {path}: {problem}"
            )
        }
        ConfigError::BadEmail { path } => say!(
            lang,
            "config.json: {path} is geen e-mailadres.",
            "config.json: {path} is not an e-mail address."
        ),
    }
}

pub fn config_ignored(lang: Lang, message: &str) -> String {
    say!(
        lang,
        "{message} De pagina gebruikt de standaardwaarden; vraag de beheerder van deze pagina het bestand te verbeteren.",
        "{message} The page uses the defaults; ask this page's administrator to fix the file."
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::config::SiteConfig;
    use crate::domain::registration::RegistrationForm;

    fn registration() -> Registration {
        let form = RegistrationForm {
            org_name: "Stad Gent".into(),
            org_code: "0207451227".into(),
            ..RegistrationForm::default()
        };
        Registration::from_form(&form, &SiteConfig::default())
    }

    #[test]
    fn checklist_markdown_is_filled_in() {
        let reg = registration();
        let ctx = ChecklistContext {
            registration: &reg,
            token_endpoint: "https://authenticatie-ti.vlaanderen.be/op/v1/token",
            ping_url: "https://dao.api.beta-athumi.eu/health/v1/ping",
            kid: Some("kid-1"),
        };
        let md = checklist_markdown(Lang::Nl, &ctx, &|item| item == ChecklistItem::MakeKeyPair);
        assert!(md.starts_with("# Checklist eLys-onboarding – DAO beta Stad Gent client\n"));
        assert!(md.contains("- [x] Maak een sleutelpaar"));
        assert!(md.contains(
            "- [ ] Maak een nieuwe OAuth-client aan met de clientnaam ‘DAO beta Stad Gent client’."
        ));
        assert!(md.contains("DAO (Digitale Aangifte Overlijden) API T&I"));
        assert!(md.contains("b3f43c85-53a5-443d-838c-7c2d0359897b"));
        assert!(md.contains("vo_info dao_uitvaartondernemer"));
        assert!(md.contains("kid-1"));
        // The audit-log duty is on every client (security/README.md), with its reason.
        assert!(
            md.contains("auditlog") && md.contains("10 jaar") && md.contains("niet wie er handelt")
        );
        // Not an integrator: no integrator items.
        assert!(!md.contains("samenwerkingsovereenkomst"));
        for (_, url) in crate::domain::facts::acm::MANUALS {
            assert!(md.contains(url), "{url}");
        }
        let en = checklist_markdown(Lang::En, &ctx, &|_| false);
        assert!(en.contains("## Step 1: register the client"));
    }

    #[test]
    fn mail_names_client_environment_organisation_and_code() {
        let (subject, body) = registration_mail(Lang::Nl, &registration(), None);
        assert_eq!(subject, "Clientaanvraag DAO beta Stad Gent client (beta)");
        for needle in [
            "DAO beta Stad Gent client",
            "Omgeving: beta",
            "Organisatie: Stad Gent",
            "0207451227",
        ] {
            assert!(body.contains(needle), "{needle} in {body}");
        }
    }

    #[test]
    fn every_key_error_has_a_message_in_both_languages() {
        let errors = [
            KeyImportError::Empty,
            KeyImportError::EncryptedPem,
            KeyImportError::RsaTooSmall { bits: 1024 },
            KeyImportError::UnsupportedKeyType {
                description: "Ed25519".into(),
            },
        ];
        for err in &errors {
            let (nl, en) = (
                key_import_error(Lang::Nl, err),
                key_import_error(Lang::En, err),
            );
            assert!(!nl.is_empty() && !en.is_empty() && nl != en, "{err:?}");
        }
        assert!(key_import_error(Lang::Nl, &KeyImportError::EncryptedPem).contains("openssl pkey"));
    }

    #[test]
    fn expiry_countdown() {
        assert_eq!(expires_in(Lang::Nl, 272), "verloopt over 4:32");
        assert_eq!(expires_in(Lang::En, 5), "expires in 0:05");
        assert_eq!(expires_in(Lang::Nl, 0), t(Lang::Nl, T::AssertionExpired));
    }
}
