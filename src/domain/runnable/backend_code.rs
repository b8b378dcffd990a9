//! The exchange of step 5 as backend code to take home: a program per language (bash with curl
//! and openssl; Python with PyJWT, cryptography and requests; Node.js with its built-ins; Java 17
//! with the JDK only), each filled in with the registration's values from one [`BackendParams`].
//!
//! Every program reads the private key (PKCS#8 PEM) from the file named by `CLIENT_KEY_FILE`, so
//! no key material is ever part of the text; signs a fresh client assertion (RFC 7523: new `jti`,
//! `iat`, `exp` = `iat` + the lifetime) for every token request; keeps the token until 30 s
//! before `expires_in` runs out; sends the three `x-*` ids as fresh UUIDs; follows no redirect;
//! prints the ping answer (JSON) on standard output; and exits non-zero with ACM's `error` and
//! `error_description` on standard error when refused.

use crate::domain::checked::client_id::ClientId;

use crate::domain::acm::exchange::TRACE_HEADERS;
use crate::domain::acm::key::SigningAlg;
use crate::domain::acm::token::ASSERTION_TYPE;
use crate::domain::checked::kid::Kid;
use crate::domain::checked::lifetime::Lifetime;
use crate::domain::checked::url::{EndpointUrl, UrlError};
use crate::domain::facts::config::EndpointField;
use crate::domain::runnable::shell::UUID_FUNCTION;
use crate::domain::templates::engine::{Rendered, Syntax, Template, TemplateError, Value};
use crate::domain::templates::late::late_template;

/// The environment variable every program reads the key file's path from.
pub const KEY_FILE_VAR: &str = "CLIENT_KEY_FILE";

listed_enum! {
    /// The languages, in the order the page shows them.
    #[derive(Debug, Clone, Copy, PartialEq, Eq)]
    pub enum Language {
        /// bash with curl and openssl.
        Shell,
        /// Python with PyJWT, cryptography and requests.
        Python,
        /// Node.js with its built-in modules.
        Node,
        /// Java 17 with the JDK only.
        Java,
    }
}

impl Language {
    /// The name for automation (`data-lang`).
    pub fn id(self) -> &'static str {
        match self {
            Language::Shell => "shell",
            Language::Python => "python",
            Language::Node => "node",
            Language::Java => "java",
        }
    }

    /// The name shown on the tab.
    pub fn label(self) -> &'static str {
        match self {
            Language::Shell => "bash (curl, openssl)",
            Language::Python => "Python",
            Language::Node => "Node.js",
            Language::Java => "Java 17",
        }
    }

    /// The file name to save the program as (`data-filename`); Java's single-file launcher
    /// wants the class name.
    pub fn filename(self) -> &'static str {
        match self {
            Language::Shell => "elys-ping.sh",
            Language::Python => "elys_ping.py",
            Language::Node => "elys-ping.mjs",
            Language::Java => "Main.java",
        }
    }

    /// How to run it, for the page's hint.
    pub fn run_command(self) -> &'static str {
        match self {
            Language::Shell => "CLIENT_KEY_FILE=key.pem bash elys-ping.sh",
            Language::Python => {
                "pip install PyJWT cryptography requests && CLIENT_KEY_FILE=key.pem python3 elys_ping.py"
            }
            Language::Node => "CLIENT_KEY_FILE=key.pem node elys-ping.mjs",
            Language::Java => "CLIENT_KEY_FILE=key.pem java Main.java",
        }
    }
}

/// The checked values every program is filled in with: each entered the page once, at the
/// door, as its checked type.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BackendParams {
    /// The client's id (`iss`, `sub` and `client_id`).
    pub client_id: ClientId,
    /// `vo_info` and the role scope, space-separated (composed by `naming` from the role).
    pub scope: String,
    /// The token endpoint, also the assertion's `aud` unless the issuer is chosen.
    pub token_url: EndpointUrl,
    /// The assertion's `aud`.
    pub audience: EndpointUrl,
    /// The ping endpoint of the API.
    pub ping_url: EndpointUrl,
    /// The algorithm the program signs with.
    pub alg: SigningAlg,
    /// The assertion header's `kid`; `None` leaves it out (see `key::assertion_kid`).
    pub kid: Option<Kid>,
    /// The assertion's lifetime.
    pub lifetime: Lifetime,
    /// ACM's optional `audience` parameter (the API's client id), sent when set
    /// (`token::api_audience`).
    pub api_audience: Option<ClientId>,
}

/// Why a program or command cannot be written: a value did not pass at the door (an endpoint
/// field), or the generator refused a value. The page shows this instead of the text.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum Unwritable {
    /// An endpoint field holds no usable URL.
    Endpoint {
        /// Which field.
        field: EndpointField,
        /// What is wrong with it.
        problem: UrlError,
    },
    /// The generator refused a value (or a template is broken).
    Template(TemplateError),
}

impl From<TemplateError> for Unwritable {
    fn from(err: TemplateError) -> Unwritable {
        Unwritable::Template(err)
    }
}

impl From<(EndpointField, UrlError)> for Unwritable {
    fn from((field, problem): (EndpointField, UrlError)) -> Unwritable {
        Unwritable::Endpoint { field, problem }
    }
}

/// The program in `language`, filled in with `params` by the one generator
/// (`domain::templates::engine`): every value is encoded once, for the program's language.
pub fn program(language: Language, params: &BackendParams) -> Result<String, TemplateError> {
    let template = match language {
        Language::Shell => SHELL,
        Language::Python => PYTHON,
        Language::Node => NODE,
        Language::Java => JAVA,
    };
    let kid = params.kid.as_ref().map_or("", Kid::as_str);
    let api_audience = params.api_audience.as_ref().map_or("", ClientId::as_str);
    template
        .render(|slot| {
            Some(match slot {
                "CLIENT_ID" => Value::Str(params.client_id.as_str()),
                "SCOPE" => Value::Str(&params.scope),
                "TOKEN_URL" => Value::Str(params.token_url.as_str()),
                "AUDIENCE" => Value::Str(params.audience.as_str()),
                "PING_URL" => Value::Str(params.ping_url.as_str()),
                "ALG" => Value::Str(params.alg.name()),
                "KID" => Value::Str(kid),
                "LIFETIME" => Value::Number(params.lifetime.seconds().into()),
                "API_AUDIENCE" => Value::Str(api_audience),
                "ASSERTION_TYPE" => Value::Str(ASSERTION_TYPE),
                "MAX_EXPIRES_IN" => Value::Number(MAX_EXPIRES_IN),
                "DEFAULT_EXPIRES_IN" => Value::Number(DEFAULT_EXPIRES_IN),
                "KEY_FILE_VAR" => Value::Code(KEY_FILE_VAR),
                "UUID_FUNCTION" => Value::Code(UUID_FUNCTION),
                "CORRELATION" => Value::Code(TRACE_HEADERS[0]),
                "TRACING" => Value::Code(TRACE_HEADERS[1]),
                "REQUEST" => Value::Code(TRACE_HEADERS[2]),
                _ => return None,
            })
        })
        .map(Rendered::into_string)
}

/// The largest `expires_in` a program believes (about 11.5 days); anything larger, negative,
/// fractional or not a number is replaced by [`DEFAULT_EXPIRES_IN`].
pub const MAX_EXPIRES_IN: u64 = 999_999;
/// The token lifetime a program assumes when the answer gives none it can use.
pub const DEFAULT_EXPIRES_IN: u64 = 60;

late_template!(SHELL, Syntax::Bash, "templates/elys-ping.sh.tmpl");

late_template!(PYTHON, Syntax::Python, "templates/elys_ping.py.tmpl");

late_template!(NODE, Syntax::JavaScript, "templates/elys-ping.mjs.tmpl");

late_template!(JAVA, Syntax::Java, "templates/Main.java.tmpl");

#[cfg(test)]
mod tests {
    use super::*;

    fn url(raw: &str) -> EndpointUrl {
        EndpointUrl::parse(raw).unwrap()
    }

    fn params() -> BackendParams {
        BackendParams {
            client_id: ClientId::parse("5b8c2a7e-3d1f-4e9a-b6c0-2f7d8e9a1b3c").unwrap(),
            scope: "vo_info elys_lbbs".into(),
            token_url: url("https://authenticatie-ti.vlaanderen.be/op/v1/token"),
            audience: url("https://authenticatie-ti.vlaanderen.be/op"),
            ping_url: url("https://elys.api.beta-athumi.eu/health/v1/ping"),
            alg: SigningAlg::Rs256,
            kid: Some(Kid::parse("kid-\"1\"").unwrap()),
            lifetime: Lifetime::default(),
            api_audience: None,
        }
    }

    /// Pinned after `cargo mutants` found no test holding it: the automation handles of DESIGN.md
    /// (`data-lang`, `data-filename`), and a run command that runs the file it is saved as (Java's
    /// single-file launcher wants the public class's name).
    #[test]
    fn each_language_s_handle_file_and_command_belong_together() {
        assert_eq!(
            Language::ALL.map(Language::id),
            ["shell", "python", "node", "java"]
        );
        assert_eq!(
            Language::ALL.map(Language::filename),
            ["elys-ping.sh", "elys_ping.py", "elys-ping.mjs", "Main.java"]
        );
        for language in Language::ALL {
            let command = language.run_command();
            assert!(
                command.ends_with(language.filename()),
                "{language:?}: {command}"
            );
            assert!(command.contains(KEY_FILE_VAR), "{language:?}: {command}");
        }
        // The tabs name what each program needs to run.
        assert_eq!(
            Language::ALL.map(Language::label),
            ["bash (curl, openssl)", "Python", "Node.js", "Java 17"]
        );
        let java = program(Language::Java, &params()).unwrap();
        assert!(java.contains("public class Main"), "{java}");
    }

    #[test]
    fn every_template_names_only_known_slots() {
        for language in Language::ALL {
            let text = program(language, &params()).unwrap();
            assert!(!text.contains("{{"), "{language:?}: {text}");
            assert!(
                text.contains("5b8c2a7e-3d1f-4e9a-b6c0-2f7d8e9a1b3c"),
                "{language:?}"
            );
            assert!(text.contains(KEY_FILE_VAR), "{language:?}");
        }
    }

    #[test]
    fn values_are_quoted_for_each_language() {
        let shell = program(Language::Shell, &params()).unwrap();
        assert!(shell.contains("KID='kid-\"1\"'"), "{shell}");
        let python = program(Language::Python, &params()).unwrap();
        assert!(python.contains(r#"KID = "kid-\"1\"""#), "{python}");
        let java = program(Language::Java, &params()).unwrap();
        assert!(java.contains(r#"static final String KID = "kid-\"1\"";"#));
        assert!(java.contains("static final long LIFETIME = 60;"));
    }

    #[test]
    fn a_value_that_names_a_slot_stays_a_value() {
        let mut hostile = params();
        hostile.kid = Some(Kid::parse("{{PING_URL}}'\"`$(id)`").unwrap());
        let shell = program(Language::Shell, &hostile).unwrap();
        assert!(
            shell.contains(r#"KID='{{PING_URL}}'\''"`$(id)`'"#),
            "{shell}"
        );
        let node = program(Language::Node, &hostile).unwrap();
        assert!(
            node.contains(r#"const KID = "{{PING_URL}}'\"`$(id)`";"#),
            "{node}"
        );
    }

    #[test]
    fn no_secret_reaches_curl_as_an_argument() {
        let shell = program(Language::Shell, &params()).unwrap();
        assert!(shell.contains("client_assertion | curl"));
        assert!(shell.contains("--data-urlencode 'client_assertion@-'"));
        assert!(shell.contains("\"$TOKEN\" | curl"));
        assert!(!shell.contains("Bearer $TOKEN\""), "{shell}");
        assert!(!shell.contains("client_assertion=$("), "{shell}");
    }
}
