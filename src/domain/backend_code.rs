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

use super::assertion::{ClientId, Lifetime};
use super::config::EndpointField;
use super::exchange::{EndpointUrl, UrlError, TRACE_HEADERS};
use super::key::{Kid, SigningAlg};
use super::shell::UUID_FUNCTION;
use super::template::{Rendered, Syntax, Template, TemplateError, Value};
use super::token::ASSERTION_TYPE;

/// The environment variable every program reads the key file's path from.
pub const KEY_FILE_VAR: &str = "CLIENT_KEY_FILE";

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

impl Language {
    /// Every language, in the order the page shows them.
    pub const ALL: [Language; 4] = [
        Language::Shell,
        Language::Python,
        Language::Node,
        Language::Java,
    ];

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
/// (`domain::template`): every value is encoded once, for the program's language.
pub fn program(language: Language, params: &BackendParams) -> Result<String, TemplateError> {
    let template = match language {
        Language::Shell => SHELL,
        Language::Python => PYTHON,
        Language::Node => NODE,
        Language::Java => JAVA,
    };
    let kid = params.kid.as_ref().map_or("", Kid::as_str);
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

const SHELL: Template = Template::new(
    Syntax::Bash,
    r#"#!/usr/bin/env bash
# A token for the eLys (DAO) API and a ping, with bash, curl and openssl.
# OAuth2 client credentials grant with a private_key_jwt client assertion (RFC 7523).
# The private key (PKCS#8 PEM) is read from the file named by {{KEY_FILE_VAR}}.
# `bash elys-ping.sh --settings` prints the values below and stops (no key needed).
# The client assertion and the access token reach curl on its standard input, never on its
# command line, which every user of this machine can read (ps).
set -euo pipefail

# AUDIENCE is the assertion's aud; an empty KID leaves kid out of the header; LIFETIME is the
# number of seconds between iat and exp.
CLIENT_ID={{CLIENT_ID}}
SCOPE={{SCOPE}}
TOKEN_URL={{TOKEN_URL}}
AUDIENCE={{AUDIENCE}}
PING_URL={{PING_URL}}
ALG={{ALG}}
KID={{KID}}
LIFETIME={{LIFETIME}}
ASSERTION_TYPE={{ASSERTION_TYPE}}

if [ "${1:-}" = --settings ]; then
  for name in CLIENT_ID SCOPE TOKEN_URL AUDIENCE PING_URL ALG KID LIFETIME; do
    printf '%s=%s\n' "$name" "${!name}"
  done
  exit 0
fi

KEY_FILE=${{{KEY_FILE_VAR}}:?set {{KEY_FILE_VAR}} to the private key file (PKCS#8 PEM)}

# base64url without padding (RFC 7515 section 2).
b64url() { openssl base64 -A | tr '+/' '-_' | tr -d '='; }

# A fresh random UUID (version 4), from /dev/urandom.
{{UUID_FUNCTION}}

# JSON string escaping for the values above.
json_string() { printf '"%s"' "$(printf '%s' "$1" | sed 's/\\/\\\\/g; s/"/\\"/g')"; }

# The first string or number value of a field in a flat JSON answer (no jq needed). What it
# returns is checked before use and never evaluated.
json_field() { sed -n 's/.*"'"$1"'"[[:space:]]*:[[:space:]]*"\{0,1\}\([^",}]*\).*/\1/p' | head -n 1; }
# The first string value of a field (a number or anything else is not taken).
json_string_field() { sed -n 's/.*"'"$1"'"[[:space:]]*:[[:space:]]*"\([^"]*\)".*/\1/p' | head -n 1; }

# openssl's DER-encoded ECDSA signature to the JWS form: r and s, 32 bytes each (RFC 7518 3.4).
der_to_p1363() {
  local ints r s
  ints=$(openssl asn1parse -inform DER | sed -n 's/.*INTEGER *://p')
  r=$(printf '%064s' "$(printf '%s\n' "$ints" | sed -n 1p)" | tr ' ' 0)
  s=$(printf '%064s' "$(printf '%s\n' "$ints" | sed -n 2p)" | tr ' ' 0)
  printf '%b' "$(printf '%s%s' "${r: -64}" "${s: -64}" | sed 's/../\\x&/g')"
}

# Signs standard input with the key, as the algorithm wants.
sign() {
  case "$ALG" in
    RS256) openssl dgst -sha256 -sign "$KEY_FILE" ;;
    PS256) openssl dgst -sha256 -sign "$KEY_FILE" -sigopt rsa_padding_mode:pss -sigopt rsa_pss_saltlen:32 ;;
    ES256) openssl dgst -sha256 -sign "$KEY_FILE" | der_to_p1363 ;;
  esac
}

# A new client assertion: iss = sub = client id, a fresh jti, iat now, exp after LIFETIME.
client_assertion() {
  local now header claims input
  now=$(date +%s)
  header="{\"alg\":$(json_string "$ALG"),\"typ\":\"JWT\""
  if [ -n "$KID" ]; then header="$header,\"kid\":$(json_string "$KID")"; fi
  header="$header}"
  claims="{\"iss\":$(json_string "$CLIENT_ID"),\"sub\":$(json_string "$CLIENT_ID"),\"aud\":$(json_string "$AUDIENCE"),\"jti\":\"$(new_uuid)\",\"iat\":$now,\"exp\":$((now + LIFETIME))}"
  input="$(printf '%s' "$header" | b64url).$(printf '%s' "$claims" | b64url)"
  printf '%s.%s' "$input" "$(printf '%s' "$input" | sign | b64url)"
}

# RFC 6750's b64token: an access token is these characters, or it is not used.
B64TOKEN='^[A-Za-z0-9._~+/-]+=*$'
# expires_in as a whole number of seconds (at most {{MAX_EXPIRES_IN}}), else {{DEFAULT_EXPIRES_IN}}.
SECONDS_PATTERN='^(0|[1-9][0-9]{0,5})$'

# Requests a token (a new assertion each time) unless the last one is still good for 30 s.
TOKEN=""
TOKEN_VALID_UNTIL=0
fetch_token() {
  if [ -n "$TOKEN" ] && [ "$(date +%s)" -lt "$TOKEN_VALID_UNTIL" ]; then return; fi
  local answer status expires
  # The assertion goes to curl on standard input (client_assertion@-).
  answer=$(client_assertion | curl -sS -w '\n%{http_code}' -X POST "$TOKEN_URL" \
    -H 'Content-Type: application/x-www-form-urlencoded' \
    --data-urlencode 'grant_type=client_credentials' \
    --data-urlencode "client_id=$CLIENT_ID" \
    --data-urlencode "client_assertion_type=$ASSERTION_TYPE" \
    --data-urlencode 'client_assertion@-' \
    --data-urlencode "scope=$SCOPE")
  status=${answer##*$'\n'}
  answer=${answer%$'\n'*}
  TOKEN=$(printf '%s' "$answer" | json_string_field access_token)
  if [ "$status" != 200 ] || ! printf '%s' "$answer" | grep -q '"access_token"'; then
    echo "token refused (HTTP $status): $(printf '%s' "$answer" | json_field error): $(printf '%s' "$answer" | json_field error_description)" >&2
    exit 1
  fi
  if ! [[ $TOKEN =~ $B64TOKEN ]]; then
    TOKEN=""
    echo "the token endpoint answered an access_token that is not an RFC 6750 token; stopping" >&2
    exit 1
  fi
  expires=$(printf '%s' "$answer" | json_field expires_in)
  expires=${expires//[[:space:]]/}
  if ! [[ $expires =~ $SECONDS_PATTERN ]]; then expires={{DEFAULT_EXPIRES_IN}}; fi
  TOKEN_VALID_UNTIL=$(( $(date +%s) + 10#$expires - 30 ))
}

fetch_token
# Fresh ids for every call, the safe default for a test. The API's security page: the
# correlation id groups the calls of one user action, the tracing id one local transaction,
# the request id is one call.
CORRELATION_ID=$(new_uuid) && TRACING_ID=$(new_uuid) && REQUEST_ID=$(new_uuid)
# The token goes to curl on standard input, as a header line (-H @-).
printf 'Authorization: Bearer %s\n' "$TOKEN" | curl -sS --fail-with-body "$PING_URL" \
  -H @- \
  -H "{{CORRELATION}}: $CORRELATION_ID" \
  -H "{{TRACING}}: $TRACING_ID" \
  -H "{{REQUEST}}: $REQUEST_ID"
echo
"#,
);

const PYTHON: Template = Template::new(
    Syntax::Python,
    r#"#!/usr/bin/env python3
"""A token for the eLys (DAO) API and a ping, in Python.

OAuth2 client credentials grant with a private_key_jwt client assertion (RFC 7523).
Needs PyJWT, cryptography and requests: pip install PyJWT cryptography requests
The private key (PKCS#8 PEM) is read from the file named by {{KEY_FILE_VAR}}.
`python3 elys_ping.py --settings` prints the values below and stops (no key needed).
"""
import json
import os
import re
import sys
import time
import uuid

CLIENT_ID = {{CLIENT_ID}}
SCOPE = {{SCOPE}}
TOKEN_URL = {{TOKEN_URL}}
AUDIENCE = {{AUDIENCE}}  # the assertion's aud
PING_URL = {{PING_URL}}
ALG = {{ALG}}
KID = {{KID}}  # empty: the header carries no kid
LIFETIME = {{LIFETIME}}  # seconds between iat and exp
ASSERTION_TYPE = {{ASSERTION_TYPE}}

# RFC 6750's b64token: an access token is these characters, or it is not used.
B64TOKEN = re.compile(r"[A-Za-z0-9\-._~+/]+=*")
SECONDS = re.compile(r"0|[1-9][0-9]{0,5}")


def load_key():
    path = os.environ.get("{{KEY_FILE_VAR}}")
    if not path:
        sys.exit("set {{KEY_FILE_VAR}} to the private key file (PKCS#8 PEM)")
    with open(path, "rb") as key_file:
        return key_file.read()


def client_assertion(key):
    """A new assertion: iss = sub = client id, a fresh jti, iat now, exp after LIFETIME."""
    import jwt

    now = int(time.time())
    claims = {"iss": CLIENT_ID, "sub": CLIENT_ID, "aud": AUDIENCE,
              "jti": str(uuid.uuid4()), "iat": now, "exp": now + LIFETIME}
    headers = {"typ": "JWT"}
    if KID:
        headers["kid"] = KID
    return jwt.encode(claims, key, algorithm=ALG, headers=headers)


def expires_in(value):
    """The token's lifetime in seconds: a whole number up to {{MAX_EXPIRES_IN}}, else {{DEFAULT_EXPIRES_IN}}."""
    if isinstance(value, int) and not isinstance(value, bool) and 0 <= value <= {{MAX_EXPIRES_IN}}:
        return value
    if isinstance(value, str) and SECONDS.fullmatch(value):
        return int(value)
    return {{DEFAULT_EXPIRES_IN}}


_token = None
_valid_until = 0.0


def access_token(key):
    """A token, requested with a new assertion unless the last one is still good for 30 s."""
    import requests

    global _token, _valid_until
    if _token and time.time() < _valid_until:
        return _token
    answer = requests.post(TOKEN_URL, data={
        "grant_type": "client_credentials",
        "client_id": CLIENT_ID,
        "client_assertion_type": ASSERTION_TYPE,
        "client_assertion": client_assertion(key),
        "scope": SCOPE,
    }, timeout=30, allow_redirects=False)
    try:
        body = answer.json()
    except ValueError:
        body = {}
    if not isinstance(body, dict):
        body = {}
    if answer.status_code != 200 or "access_token" not in body:
        sys.stderr.write("token refused (HTTP %d): %s: %s\n" % (
            answer.status_code, body.get("error", "?"), body.get("error_description", "")))
        sys.exit(1)
    token = body["access_token"]
    if not isinstance(token, str) or not B64TOKEN.fullmatch(token):
        sys.exit("the token endpoint answered an access_token that is not an RFC 6750 token; stopping")
    _token = token
    _valid_until = time.time() + expires_in(body.get("expires_in")) - 30
    return _token


def main():
    if sys.argv[1:] == ["--settings"]:
        for name in ("CLIENT_ID", "SCOPE", "TOKEN_URL", "AUDIENCE", "PING_URL", "ALG", "KID",
                     "LIFETIME"):
            print("%s=%s" % (name, globals()[name]))
        return
    import requests

    key = load_key()
    token = access_token(key)
    # Fresh ids for every call, the safe default for a test. The API's security page: the
    # correlation id groups the calls of one user action, the tracing id one local
    # transaction, the request id is one call.
    answer = requests.get(PING_URL, headers={
        "Authorization": "Bearer " + token,
        "{{CORRELATION}}": str(uuid.uuid4()),
        "{{TRACING}}": str(uuid.uuid4()),
        "{{REQUEST}}": str(uuid.uuid4()),
    }, timeout=30, allow_redirects=False)
    if answer.status_code != 200:
        sys.stderr.write("ping refused (HTTP %d): %s\n" % (answer.status_code, answer.text))
        sys.exit(1)
    print(json.dumps(answer.json(), indent=2, ensure_ascii=False))


if __name__ == "__main__":
    main()
"#,
);

const NODE: Template = Template::new(
    Syntax::JavaScript,
    r#"// A token for the eLys (DAO) API and a ping, in Node.js 18 or later, without packages.
// OAuth2 client credentials grant with a private_key_jwt client assertion (RFC 7523).
// The private key (PKCS#8 PEM) is read from the file named by {{KEY_FILE_VAR}}.
// `node elys-ping.mjs --settings` prints the values below and stops (no key needed).
import { readFileSync } from "node:fs";
import { constants, createPrivateKey, randomUUID, sign } from "node:crypto";

const CLIENT_ID = {{CLIENT_ID}};
const SCOPE = {{SCOPE}};
const TOKEN_URL = {{TOKEN_URL}};
const AUDIENCE = {{AUDIENCE}}; // the assertion's aud
const PING_URL = {{PING_URL}};
const ALG = {{ALG}};
const KID = {{KID}}; // empty: the header carries no kid
const LIFETIME = {{LIFETIME}}; // seconds between iat and exp
const ASSERTION_TYPE = {{ASSERTION_TYPE}};

if (process.argv[2] === "--settings") {
  const settings = { CLIENT_ID, SCOPE, TOKEN_URL, AUDIENCE, PING_URL, ALG, KID, LIFETIME };
  for (const [name, value] of Object.entries(settings)) console.log(`${name}=${value}`);
  process.exit(0);
}

// RFC 6750's b64token: an access token is these characters, or it is not used.
const B64TOKEN = /^[A-Za-z0-9\-._~+/]+=*$/;

// The token's lifetime in seconds: a whole number up to {{MAX_EXPIRES_IN}}, else {{DEFAULT_EXPIRES_IN}}.
function expiresIn(value) {
  if (Number.isInteger(value) && value >= 0 && value <= {{MAX_EXPIRES_IN}}) return value;
  if (typeof value === "string" && /^(0|[1-9][0-9]{0,5})$/.test(value)) return Number(value);
  return {{DEFAULT_EXPIRES_IN}};
}

const keyFile = process.env.{{KEY_FILE_VAR}};
if (!keyFile) {
  console.error("set {{KEY_FILE_VAR}} to the private key file (PKCS#8 PEM)");
  process.exit(1);
}
const key = createPrivateKey(readFileSync(keyFile));

const b64url = (bytes) => Buffer.from(bytes).toString("base64url");

// A new assertion: iss = sub = client id, a fresh jti, iat now, exp after LIFETIME.
function clientAssertion() {
  const now = Math.floor(Date.now() / 1000);
  const header = { alg: ALG, typ: "JWT", ...(KID ? { kid: KID } : {}) };
  const claims = { iss: CLIENT_ID, sub: CLIENT_ID, aud: AUDIENCE, jti: randomUUID(), iat: now, exp: now + LIFETIME };
  const input = `${b64url(JSON.stringify(header))}.${b64url(JSON.stringify(claims))}`;
  const options = { key };
  if (ALG === "PS256") Object.assign(options, { padding: constants.RSA_PKCS1_PSS_PADDING, saltLength: 32 });
  if (ALG === "ES256") options.dsaEncoding = "ieee-p1363"; // the JWS form: r and s
  return `${input}.${b64url(sign("sha256", Buffer.from(input), options))}`;
}

let token = null;
let validUntil = 0;

// A token, requested with a new assertion unless the last one is still good for 30 s.
async function accessToken() {
  if (token && Date.now() < validUntil) return token;
  const answer = await fetch(TOKEN_URL, {
    method: "POST",
    redirect: "error",
    body: new URLSearchParams({
      grant_type: "client_credentials",
      client_id: CLIENT_ID,
      client_assertion_type: ASSERTION_TYPE,
      client_assertion: clientAssertion(),
      scope: SCOPE,
    }),
  });
  const parsed = await answer.json().catch(() => ({}));
  const body = parsed !== null && typeof parsed === "object" && !Array.isArray(parsed) ? parsed : {};
  if (answer.status !== 200 || !body.access_token) {
    console.error(`token refused (HTTP ${answer.status}): ${body.error ?? "?"}: ${body.error_description ?? ""}`);
    process.exit(1);
  }
  if (typeof body.access_token !== "string" || !B64TOKEN.test(body.access_token)) {
    console.error("the token endpoint answered an access_token that is not an RFC 6750 token; stopping");
    process.exit(1);
  }
  token = body.access_token;
  validUntil = Date.now() + (expiresIn(body.expires_in) - 30) * 1000;
  return token;
}

// Fresh ids for every call, the safe default for a test. The API's security page: the
// correlation id groups the calls of one user action, the tracing id one local transaction,
// the request id is one call.
const answer = await fetch(PING_URL, {
  redirect: "error",
  headers: {
    Authorization: `Bearer ${await accessToken()}`,
    "{{CORRELATION}}": randomUUID(),
    "{{TRACING}}": randomUUID(),
    "{{REQUEST}}": randomUUID(),
  },
});
const text = await answer.text();
if (!answer.ok) {
  console.error(`ping refused (HTTP ${answer.status}): ${text}`);
  process.exit(1);
}
console.log(JSON.stringify(JSON.parse(text), null, 2));
"#,
);

const JAVA: Template = Template::new(
    Syntax::Java,
    r#"// A token for the eLys (DAO) API and a ping, in Java 17 with the JDK only: java Main.java
// OAuth2 client credentials grant with a private_key_jwt client assertion (RFC 7523).
// The private key (PKCS#8 PEM) is read from the file named by {{KEY_FILE_VAR}}.
// `java Main.java --settings` prints the values below and stops (no key needed).
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.spec.MGF1ParameterSpec;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.PSSParameterSpec;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

public class Main {
    static final String CLIENT_ID = {{CLIENT_ID}};
    static final String SCOPE = {{SCOPE}};
    static final String TOKEN_URL = {{TOKEN_URL}};
    static final String AUDIENCE = {{AUDIENCE}}; // the assertion's aud
    static final String PING_URL = {{PING_URL}};
    static final String ALG = {{ALG}};
    static final String KID = {{KID}}; // empty: the header carries no kid
    static final long LIFETIME = {{LIFETIME}}; // seconds between iat and exp
    static final String ASSERTION_TYPE = {{ASSERTION_TYPE}};

    static final HttpClient HTTP = HttpClient.newBuilder()
            .followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(Duration.ofSeconds(10))
            .build();

    // RFC 6750's b64token: an access token is these characters, or it is not used.
    static final Pattern B64TOKEN = Pattern.compile("[A-Za-z0-9\\-._~+/]+=*");
    static final Pattern SECONDS = Pattern.compile("0|[1-9][0-9]{0,5}");

    public static void main(String[] args) throws Exception {
        if (args.length == 1 && args[0].equals("--settings")) {
            System.out.println("CLIENT_ID=" + CLIENT_ID);
            System.out.println("SCOPE=" + SCOPE);
            System.out.println("TOKEN_URL=" + TOKEN_URL);
            System.out.println("AUDIENCE=" + AUDIENCE);
            System.out.println("PING_URL=" + PING_URL);
            System.out.println("ALG=" + ALG);
            System.out.println("KID=" + KID);
            System.out.println("LIFETIME=" + LIFETIME);
            return;
        }
        String keyFile = System.getenv("{{KEY_FILE_VAR}}");
        if (keyFile == null || keyFile.isEmpty()) {
            System.err.println("set {{KEY_FILE_VAR}} to the private key file (PKCS#8 PEM)");
            System.exit(1);
        }
        PrivateKey key = loadKey(Path.of(keyFile));
        // Fresh ids for every call, the safe default for a test. The API's security page: the
        // correlation id groups the calls of one user action, the tracing id one local
        // transaction, the request id is one call.
        HttpRequest ping = HttpRequest.newBuilder(URI.create(PING_URL))
                .timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + accessToken(key))
                .header("{{CORRELATION}}", UUID.randomUUID().toString())
                .header("{{TRACING}}", UUID.randomUUID().toString())
                .header("{{REQUEST}}", UUID.randomUUID().toString())
                .GET()
                .build();
        HttpResponse<String> answer = HTTP.send(ping, HttpResponse.BodyHandlers.ofString());
        if (answer.statusCode() != 200) {
            System.err.println("ping refused (HTTP " + answer.statusCode() + "): " + answer.body());
            System.exit(1);
        }
        System.out.println(answer.body());
    }

    static PrivateKey loadKey(Path file) throws Exception {
        String base64 = Files.readString(file)
                .replaceAll("-----(BEGIN|END) PRIVATE KEY-----", "")
                .replaceAll("\\s", "");
        PKCS8EncodedKeySpec spec = new PKCS8EncodedKeySpec(Base64.getDecoder().decode(base64));
        return KeyFactory.getInstance(ALG.equals("ES256") ? "EC" : "RSA").generatePrivate(spec);
    }

    static String b64url(byte[] bytes) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    static String json(String value) {
        return "\"" + value.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    // A new assertion: iss = sub = client id, a fresh jti, iat now, exp after LIFETIME.
    static String clientAssertion(PrivateKey key) throws Exception {
        long now = System.currentTimeMillis() / 1000;
        String header = "{\"alg\":" + json(ALG) + ",\"typ\":\"JWT\""
                + (KID.isEmpty() ? "" : ",\"kid\":" + json(KID)) + "}";
        String claims = "{\"iss\":" + json(CLIENT_ID) + ",\"sub\":" + json(CLIENT_ID)
                + ",\"aud\":" + json(AUDIENCE) + ",\"jti\":" + json(UUID.randomUUID().toString())
                + ",\"iat\":" + now + ",\"exp\":" + (now + LIFETIME) + "}";
        String input = b64url(header.getBytes(StandardCharsets.UTF_8)) + "."
                + b64url(claims.getBytes(StandardCharsets.UTF_8));
        Signature signer;
        switch (ALG) {
            case "PS256":
                signer = Signature.getInstance("RSASSA-PSS");
                signer.setParameter(new PSSParameterSpec("SHA-256", "MGF1", MGF1ParameterSpec.SHA256, 32, 1));
                break;
            case "ES256":
                // Java 9+: r and s as JWS wants them, not DER.
                signer = Signature.getInstance("SHA256withECDSAinP1363Format");
                break;
            default:
                signer = Signature.getInstance("SHA256withRSA");
        }
        signer.initSign(key);
        signer.update(input.getBytes(StandardCharsets.US_ASCII));
        return input + "." + b64url(signer.sign());
    }

    static String token;
    static long validUntil;

    // A token, requested with a new assertion unless the last one is still good for 30 s.
    static String accessToken(PrivateKey key) throws Exception {
        if (token != null && System.currentTimeMillis() < validUntil) {
            return token;
        }
        Map<String, String> form = new LinkedHashMap<>();
        form.put("grant_type", "client_credentials");
        form.put("client_id", CLIENT_ID);
        form.put("client_assertion_type", ASSERTION_TYPE);
        form.put("client_assertion", clientAssertion(key));
        form.put("scope", SCOPE);
        String body = form.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        HttpRequest request = HttpRequest.newBuilder(URI.create(TOKEN_URL))
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
        HttpResponse<String> answer = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        String accessToken = stringField(answer.body(), "access_token");
        if (answer.statusCode() != 200 || !answer.body().contains("\"access_token\"")) {
            System.err.println("token refused (HTTP " + answer.statusCode() + "): "
                    + field(answer.body(), "error") + ": " + field(answer.body(), "error_description"));
            System.exit(1);
        }
        if (accessToken == null || !B64TOKEN.matcher(accessToken).matches()) {
            System.err.println("the token endpoint answered an access_token that is not an RFC 6750 token; stopping");
            System.exit(1);
        }
        // expires_in: a whole number of seconds up to {{MAX_EXPIRES_IN}}, else {{DEFAULT_EXPIRES_IN}}.
        String expiresIn = field(answer.body(), "expires_in");
        long seconds = expiresIn != null && SECONDS.matcher(expiresIn.trim()).matches()
                ? Long.parseLong(expiresIn.trim()) : {{DEFAULT_EXPIRES_IN}};
        token = accessToken;
        validUntil = System.currentTimeMillis() + (seconds - 30) * 1000;
        return token;
    }

    // The string value of a field in a flat JSON answer; a number or anything else is null.
    static String stringField(String json, String name) {
        Matcher m = Pattern.compile("\"" + Pattern.quote(name) + "\"\\s*:\\s*\"([^\"]*)\"").matcher(json);
        return m.find() ? m.group(1) : null;
    }

    // The string or number value of a field in a flat JSON answer (the JDK has no JSON parser).
    static String field(String json, String name) {
        Matcher m = Pattern.compile("\"" + Pattern.quote(name) + "\"\\s*:\\s*\"?([^\",}]*)").matcher(json);
        return m.find() ? m.group(1) : null;
    }
}
"#,
);

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
        }
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
        assert!(java.contains("static final long LIFETIME = 300;"));
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
