//! Shell text for people who try the exchange by hand: the curl commands of step 5, written to
//! work as pasted in bash on Linux, macOS and Git Bash.
//!
//! One generator of shell text, so the commands and any program built from them quote, name
//! variables and make UUIDs the same way. In "real values" mode the commands carry the values
//! (the assertion, the token, fresh literal UUIDs); in placeholder mode they read
//! [`ASSERTION_VAR`] and [`TOKEN_VAR`] from the environment and make their own UUIDs.

use uuid::Uuid;

use super::exchange::TRACE_HEADERS;
use super::token::ASSERTION_TYPE;

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

/// The shell variables the placeholder ping command fills with fresh UUIDs, one per header.
const ID_VARS: [&str; 3] = ["CORRELATION_ID", "TRACING_ID", "REQUEST_ID"];

/// Quotes a value for a POSIX shell: single quotes, with `'` written as `'\''`.
pub fn quote(value: &str) -> String {
    format!("'{}'", value.replace('\'', r"'\''"))
}

/// A curl command for the token request, straight to the token endpoint (curl needs no relay).
/// Without `assertion`, the command reads `$CLIENT_ASSERTION`.
pub fn curl_token_request(
    token_url: &str,
    client_id: &str,
    scope: &str,
    assertion: Option<&str>,
) -> String {
    let assertion_arg = match assertion {
        Some(value) => quote(&format!("client_assertion={value}")),
        None => format!("\"client_assertion=${ASSERTION_VAR}\""),
    };
    [
        format!("curl -sS -X POST {}", quote(token_url)),
        "  -H 'Content-Type: application/x-www-form-urlencoded'".to_string(),
        "  --data-urlencode 'grant_type=client_credentials'".to_string(),
        format!(
            "  --data-urlencode {}",
            quote(&format!("client_id={client_id}"))
        ),
        format!(
            "  --data-urlencode {}",
            quote(&format!("client_assertion_type={ASSERTION_TYPE}"))
        ),
        format!("  --data-urlencode {assertion_arg}"),
        format!("  --data-urlencode {}", quote(&format!("scope={scope}"))),
    ]
    .join(" \\\n")
}

/// A curl command for the ping.
///
/// With `access_token` and `ids` (real values) it carries both literally; the page makes fresh
/// ids for every command it writes. Without them it reads `$ACCESS_TOKEN` and makes three fresh
/// UUIDs with [`UUID_FUNCTION`] each time it runs.
pub fn curl_ping_request(
    ping_url: &str,
    access_token: Option<&str>,
    ids: Option<[Uuid; 3]>,
) -> String {
    let authorization = match access_token {
        Some(token) => quote(&format!("Authorization: Bearer {token}")),
        None => format!("\"Authorization: Bearer ${TOKEN_VAR}\""),
    };
    let mut lines = vec![
        format!("curl -sS {}", quote(ping_url)),
        format!("  -H {authorization}"),
    ];
    if let Some(ids) = ids {
        for (header, id) in TRACE_HEADERS.iter().zip(ids) {
            lines.push(format!("  -H '{header}: {id}'"));
        }
        lines.join(" \\\n")
    } else {
        for (header, var) in TRACE_HEADERS.iter().zip(ID_VARS) {
            lines.push(format!("  -H \"{header}: ${var}\""));
        }
        let assignments = ID_VARS
            .iter()
            .map(|var| format!("{var}=$(new_uuid)"))
            .collect::<Vec<_>>()
            .join(" && ");
        format!("{UUID_FUNCTION}\n{assignments} &&\n{}", lines.join(" \\\n"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn placeholders_by_default() {
        let token = curl_token_request("https://a/op/v1/token", "id-1", "vo_info dao_arts", None);
        assert!(
            token.contains("\"client_assertion=$CLIENT_ASSERTION\""),
            "{token}"
        );
        assert!(token.contains("'scope=vo_info dao_arts'"));
        assert!(token.contains("'client_id=id-1'"));
        let filled = curl_token_request("https://a/op/v1/token", "id-1", "s", Some("e.y.z"));
        assert!(filled.contains("'client_assertion=e.y.z'"));
        assert!(!filled.contains('$'));

        let ping = curl_ping_request("https://p/health/v1/ping", None, None);
        assert!(ping.contains("\"Authorization: Bearer $ACCESS_TOKEN\""));
        assert!(ping.starts_with(UUID_FUNCTION));
        assert!(
            !ping.contains("uuidgen"),
            "uuidgen is not on stock Debian or Git Bash"
        );
        for header in TRACE_HEADERS {
            assert_eq!(ping.matches(header).count(), 1, "{header}");
        }
    }

    #[test]
    fn real_values_carry_literal_fresh_ids() {
        let ids = [Uuid::from_u128(1), Uuid::from_u128(2), Uuid::from_u128(3)];
        let ping = curl_ping_request("https://p/health/v1/ping", Some("tok"), Some(ids));
        assert!(ping.contains("'Authorization: Bearer tok'"));
        assert!(ping.contains("-H 'x-correlation-id: 00000000-0000-0000-0000-000000000001'"));
        assert!(ping.contains("-H 'x-request-id: 00000000-0000-0000-0000-000000000003'"));
        assert!(!ping.contains('$'), "nothing left to the shell: {ping}");
    }

    #[test]
    fn quoting_survives_single_quotes() {
        assert_eq!(quote("it's"), r"'it'\''s'");
    }
}
