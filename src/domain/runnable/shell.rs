//! Shell text for people who try the exchange by hand: the curl commands of step 5, written to
//! work as pasted in bash on Linux, macOS and Git Bash.
//!
//! The commands are templates of the one generator (`domain::templates::engine`), so they quote the way
//! the programs do. In "real values" mode the commands carry the values (the assertion, the
//! token, fresh literal UUIDs); in placeholder mode they read [`ASSERTION_VAR`] and
//! [`TOKEN_VAR`] from the shell and make their own UUIDs. Either way the assertion and the
//! token reach curl on its standard input, never on its command line.

use uuid::Uuid;

use crate::domain::acm::exchange::TRACE_HEADERS;
use crate::domain::acm::token::ASSERTION_TYPE;
use crate::domain::checked::client_id::ClientId;
use crate::domain::checked::url::EndpointUrl;
use crate::domain::templates::engine::{Rendered, Syntax, Template, TemplateError, Value};

/// The variable the placeholder token command reads the client assertion from.
pub const ASSERTION_VAR: &str = "CLIENT_ASSERTION";
/// The variable the placeholder ping command reads the access token from.
pub const TOKEN_VAR: &str = "ACCESS_TOKEN";

/// A shell function printing a fresh random (version 4) UUID.
///
/// Hand-written because no UUID tool is on every stock system: `uuidgen` is missing from stock
/// Debian and Ubuntu and from Git Bash, `/proc/sys/kernel/random/uuid` from macOS. `od`, `tr`
/// and `/dev/urandom` are on all three, and bash's `${h:i:n}` is in bash 3.2 (macOS). The
/// function fails (and the `&&` chain stops before curl) when it could not read 16 bytes, so a
/// header never goes out empty.
pub(crate) const UUID_FUNCTION: &str = "new_uuid() { h=$(od -An -N16 -tx1 /dev/urandom | tr -d ' \\n') && [ ${#h} -eq 32 ] && printf '%s-%s-4%s-%x%s-%s\\n' \"${h:0:8}\" \"${h:8:4}\" \"${h:13:3}\" $(( 0x${h:16:1} & 3 | 8 )) \"${h:17:3}\" \"${h:20:12}\"; }";

/// Every curl command takes its URL literally (`--globoff`): `[` and `]` pass the URL check,
/// and curl would otherwise read them as a range to glob.
///
/// The token request. The assertion reaches curl on its standard input (`client_assertion@-`),
/// never as an argument, which every user of the machine can read with `ps`; `printf` is a
/// bash builtin, so the assertion is on no command line at all.
const TOKEN_COMMAND: Template = Template::new(
    Syntax::Bash,
    r"printf '%s' {{ASSERTION}} | curl -sS --globoff -X POST {{TOKEN_URL}} \
  -H 'Content-Type: application/x-www-form-urlencoded' \
  --data-urlencode 'grant_type=client_credentials' \
  --data-urlencode {{CLIENT_ID}} \
  --data-urlencode {{ASSERTION_TYPE}} \
  --data-urlencode 'client_assertion@-' \
  --data-urlencode {{SCOPE}}{{API_AUDIENCE}}",
);

/// ACM's optional `audience` parameter, a line of its own under the token request when sent.
const API_AUDIENCE_LINE: Template = Template::new(
    Syntax::Bash,
    r" \
  --data-urlencode {{AUDIENCE}}",
);

/// The ping with real values: the token on standard input as a header line (`-H @-`), the
/// page's fresh ids as literals.
const PING_COMMAND: Template = Template::new(
    Syntax::Bash,
    r"printf 'Authorization: Bearer %s\n' {{TOKEN}} | curl -sS --globoff {{PING_URL}} \
  -H @- \
  -H {{CORRELATION}} \
  -H {{TRACING}} \
  -H {{REQUEST}}",
);

/// The ping with placeholders: `$ACCESS_TOKEN` on standard input, three UUIDs made as it runs.
const PING_COMMAND_PLACEHOLDERS: Template = Template::new(
    Syntax::Bash,
    r#"{{UUID_FUNCTION}}
CORRELATION_ID=$(new_uuid) && TRACING_ID=$(new_uuid) && REQUEST_ID=$(new_uuid) &&
printf 'Authorization: Bearer %s\n' "${{TOKEN_VAR}}" | curl -sS --globoff {{PING_URL}} \
  -H @- \
  -H "{{CORRELATION}}: $CORRELATION_ID" \
  -H "{{TRACING}}: $TRACING_ID" \
  -H "{{REQUEST}}: $REQUEST_ID""#,
);

/// A curl command for the token request, straight to the token endpoint (curl needs no relay).
/// Without `assertion`, the command reads `$CLIENT_ASSERTION` (which the page's hint has the
/// user set with `read -rs`, so it stays out of the shell's history). With `api_audience`, it
/// sends ACM's optional `audience` parameter (`token::api_audience`).
pub fn curl_token_request(
    token_url: &EndpointUrl,
    client_id: &ClientId,
    scope: &str,
    api_audience: Option<&ClientId>,
    assertion: Option<&str>,
) -> Result<String, TemplateError> {
    let client_id = format!("client_id={}", client_id.as_str());
    let assertion_type = format!("client_assertion_type={ASSERTION_TYPE}");
    let scope = format!("scope={scope}");
    let audience_line = match api_audience {
        Some(audience) => {
            let pair = format!("audience={}", audience.as_str());
            API_AUDIENCE_LINE.render(|slot| (slot == "AUDIENCE").then_some(Value::Str(&pair)))?
        }
        None => Rendered::default(),
    };
    TOKEN_COMMAND
        .render(|slot| {
            Some(match slot {
                "ASSERTION" => match assertion {
                    Some(value) => Value::Str(value),
                    None => Value::Code(ASSERTION_REFERENCE),
                },
                "TOKEN_URL" => Value::Str(token_url.as_str()),
                "CLIENT_ID" => Value::Str(&client_id),
                "ASSERTION_TYPE" => Value::Str(&assertion_type),
                "SCOPE" => Value::Str(&scope),
                "API_AUDIENCE" => Value::Fragment(&audience_line),
                _ => return None,
            })
        })
        .map(Rendered::into_string)
}

/// The file the key-making command writes, and the page imports.
pub const KEY_FILE_NAME: &str = "client-key.pem";

/// Makes the organisation's key pair outside the browser: RSA 2048 in PKCS#8 PEM, the kind
/// every public ACM example signs RS256 with, readable only by its owner (`umask 077` in a
/// subshell, so the user's shell keeps its own).
const OPENSSL_KEY_COMMAND: Template = Template::new(
    Syntax::Bash,
    "(umask 077 && openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out {{FILE}})",
);

/// The openssl command that makes a key pair in [`KEY_FILE_NAME`], for those who make their
/// key outside the browser and import the file (or hand it to the programs of step 7).
pub fn openssl_key_command() -> Result<String, TemplateError> {
    OPENSSL_KEY_COMMAND
        .render(|slot| (slot == "FILE").then_some(Value::Str(KEY_FILE_NAME)))
        .map(Rendered::into_string)
}

/// `"$CLIENT_ASSERTION"`, as the placeholder token command reads it.
const ASSERTION_REFERENCE: &str = "\"$CLIENT_ASSERTION\"";

/// A curl command for the ping.
///
/// With `access_token` and `ids` (real values) it carries both literally; the page makes fresh
/// ids for every command it writes. Without them it reads `$ACCESS_TOKEN` and makes three fresh
/// UUIDs with [`UUID_FUNCTION`] each time it runs. Either way the token reaches curl on its
/// standard input.
pub fn curl_ping_request(
    ping_url: &EndpointUrl,
    real: Option<(&str, [Uuid; 3])>,
) -> Result<String, TemplateError> {
    let rendered = match real {
        Some((token, ids)) => {
            let headers = [0, 1, 2].map(|i| format!("{}: {}", TRACE_HEADERS[i], ids[i]));
            PING_COMMAND.render(|slot| {
                Some(match slot {
                    "TOKEN" => Value::Str(token),
                    "PING_URL" => Value::Str(ping_url.as_str()),
                    "CORRELATION" => Value::Str(&headers[0]),
                    "TRACING" => Value::Str(&headers[1]),
                    "REQUEST" => Value::Str(&headers[2]),
                    _ => return None,
                })
            })
        }
        None => PING_COMMAND_PLACEHOLDERS.render(|slot| {
            Some(match slot {
                "UUID_FUNCTION" => Value::Code(UUID_FUNCTION),
                "TOKEN_VAR" => Value::Word(TOKEN_VAR),
                "PING_URL" => Value::Str(ping_url.as_str()),
                "CORRELATION" => Value::Code(TRACE_HEADERS[0]),
                "TRACING" => Value::Code(TRACE_HEADERS[1]),
                "REQUEST" => Value::Code(TRACE_HEADERS[2]),
                _ => return None,
            })
        }),
    };
    rendered.map(Rendered::into_string)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn url(raw: &str) -> EndpointUrl {
        EndpointUrl::parse(raw).unwrap()
    }

    #[test]
    fn placeholders_by_default() {
        let id = ClientId::parse("id-1").unwrap();
        let token = curl_token_request(
            &url("https://a/op/v1/token"),
            &id,
            "vo_info dao_arts",
            None,
            None,
        )
        .unwrap();
        assert!(
            token.starts_with("printf '%s' \"$CLIENT_ASSERTION\" | curl"),
            "{token}"
        );
        assert!(token.contains("'client_assertion@-'"));
        assert!(token.contains("'scope=vo_info dao_arts'"));
        assert!(token.contains("'client_id=id-1'"));
        assert!(!token.contains("audience"), "off by default: {token}");
        let filled =
            curl_token_request(&url("https://a/op/v1/token"), &id, "s", None, Some("e.y.z"))
                .unwrap();
        assert!(filled.starts_with("printf '%s' 'e.y.z' | curl"), "{filled}");
        assert!(!filled.contains('$'));

        let ping = curl_ping_request(&url("https://p/health/v1/ping"), None).unwrap();
        assert!(ping.contains("\"$ACCESS_TOKEN\" | curl"), "{ping}");
        assert!(ping.starts_with(UUID_FUNCTION));
        assert!(
            !ping.contains("uuidgen"),
            "uuidgen is not on stock Debian or Git Bash"
        );
        for header in TRACE_HEADERS {
            assert_eq!(ping.matches(header).count(), 1, "{header}");
        }
    }

    /// `[` and `]` pass the URL check; without `--globoff` curl would expand them as a range.
    #[test]
    fn every_curl_takes_its_url_literally() {
        let id = ClientId::parse("id-1").unwrap();
        let token =
            curl_token_request(&url("https://a/op[1-2]/v1/token"), &id, "s", None, None).unwrap();
        let ids = [Uuid::from_u128(1), Uuid::from_u128(2), Uuid::from_u128(3)];
        let pings = [
            curl_ping_request(&url("https://p/health/v1/ping"), None).unwrap(),
            curl_ping_request(&url("https://p/health/v1/ping"), Some(("t", ids))).unwrap(),
        ];
        for command in std::iter::once(&token).chain(&pings) {
            assert_eq!(
                command.matches("curl -sS --globoff ").count(),
                1,
                "{command}"
            );
        }
    }

    #[test]
    fn the_api_audience_is_one_more_quoted_line() {
        let id = ClientId::parse("id-1").unwrap();
        let api = ClientId::parse("b3f43c85-53a5-443d-838c-7c2d0359897b").unwrap();
        let token =
            curl_token_request(&url("https://a/op/v1/token"), &id, "s", Some(&api), None).unwrap();
        assert!(
            token.ends_with(
                "--data-urlencode 'scope=s' \\\n  --data-urlencode 'audience=b3f43c85-53a5-443d-838c-7c2d0359897b'"
            ),
            "{token}"
        );
    }

    #[test]
    fn real_values_carry_literal_fresh_ids() {
        let ids = [Uuid::from_u128(1), Uuid::from_u128(2), Uuid::from_u128(3)];
        let ping = curl_ping_request(&url("https://p/health/v1/ping"), Some(("tok", ids))).unwrap();
        assert!(ping.starts_with("printf 'Authorization: Bearer %s\\n' 'tok' | curl"));
        assert!(ping.contains("-H 'x-correlation-id: 00000000-0000-0000-0000-000000000001'"));
        assert!(ping.contains("-H 'x-request-id: 00000000-0000-0000-0000-000000000003'"));
        assert!(!ping.contains('$'), "nothing left to the shell: {ping}");
    }

    #[test]
    fn a_hostile_value_stays_inside_its_quotes() {
        let id = ClientId::parse("it's{{SCOPE}}").unwrap();
        let token =
            curl_token_request(&url("https://a/t"), &id, "s", None, Some("a'b$(id)")).unwrap();
        assert!(token.contains(r"'client_id=it'\''s{{SCOPE}}'"), "{token}");
        assert!(token.contains(r"printf '%s' 'a'\''b$(id)' |"), "{token}");
    }
}
