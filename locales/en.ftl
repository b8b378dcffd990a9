### The page's texts in English (Fluent: https://projectfluent.org/fluent/guide/).
### `id = text`; a value the page fills in is written `{ $name }`, a literal brace `{"{"}`.
### Every id must be in every language, with the same values (the build checks). Which text
### applies is decided by the code, so selectors, terms and attributes are not used.

## Page
app-title = eLys onboarding (formerly DAO): from request to a working client
app-intro = This page guides you through requesting and testing a client for the eLys API (formerly DAO, Digitale Aangifte Overlijden) of the Flemish government. Everything happens in your browser: your private key never leaves your computer.
lang-toggle = Nederlands
lang-toggle-label = Schakel de pagina naar het Nederlands
nav-label = Steps
copy = Copy
copied = Copied
copy-failed = Copying failed: select the text and copy it with Ctrl+C.
cancel = Cancel
busy = Working…
footer-promise = Privacy: your private key stays in this tab's key store as a non-extractable key and is never stored or sent. Only non-secret settings (organisation, ticks, relay) are kept in this browser.
footer-relay = The relay sees the client assertion, the token and the ping answer, never your private key.

## 1. Organisation
step-organisation = Organisation
org-intro = Enter the details of the organisation you request the client for. The values below follow the conventions of the API team's documentation (eLys) or of the onboarding text (DAO) and update as you type.
rename-note = The API was first called DAO (Digitale Aangifte Overlijden); the API team's documentation now calls it eLys: the scopes are elys_* since 9 April 2025, the names, references and host names (elys.api.*) are eLys since 8 May 2025. The onboarding text still uses the DAO naming; you can choose it below.
org-name-label = Organisation name
org-name-hint = As it should appear in the client name, e.g. Stad Gent.
org-code-label = Organisation code (vo_orgcode)
org-code-hint = KBO enterprise number (10 digits, starting with 0 or 1; dots and spaces allowed), OVO code (OVO and 6 digits) or OV-instellingsnummer.
env-label = Environment
env-beta = beta: T&I (test and integration)
env-acc = acc: T&I (acceptance)
env-prod = PROD: production
brand-label = API name
brand-dao = DAO (naming of the onboarding text, until the rename of May 2025)
brand-elys = eLys (current name, the API team's documentation)
role-label = Role
role-hint = One client per actor (e.g. per local government) and per environment.
role-uitvaartondernemer = uitvaartondernemer: an actor in the funeral sector
role-crematorium = crematorium: a crematorium
role-begraafplaats = begraafplaats: a local government responsible for a cemetery
role-lbbs = lbbs: a local government acting as its civil-registry service
role-depzorg = depzorg: the Departement Zorg
role-arts = arts: a physician
integrator-label = We are a software integrator requesting the client on behalf of a customer
integrator-hint = Then enter the name and code of your customer, not those of your own company.
integrator-hint-funeral-home = For funeral homes: a software integrator requests access in the name of a concrete funeral home that is its customer; it must be known to eLys and approve the requested client itself.
diagram-title = The exchange: this page, the relay, ACM/IDM and the API
diagram-heading = How it went
flow-heading = How it goes: the page asks ACM/IDM for a token through the relay and calls the API with it
step-software = Into your software
software-intro = Your software does what step { -step-connection } did, again and again: sign a new client assertion, request a token, call the API with three fresh UUIDs. Below is that as a program in four languages, filled in with your values. It holds no key: each program reads the private key (PKCS#8 PEM) from the file named by the environment variable CLIENT_KEY_FILE.
software-test-environment = The example scripts in the API team's repository use the API team's own test environment: elys.api.test-athumi.eu, and for the physician dao.api.test-athumi.eu (also the Swagger UI on test that the physician's API documentation links; the Departement Zorg's links one on elys.api.test-athumi.eu). Those scripts ask that test environment itself for a token with a client secret and send the headers x-scopes and x-kbonummer: these belong to that test environment, not to beta, acc or production. How a client gets access to test, no source says: client-aanvragen.md describes requesting a client for beta, acceptance and production, with a client assertion as below.
software-no-client-id = Enter your client id first (step { -step-assertion }); until then there is a placeholder.
software-run = Run
software-download = Download
software-languages = Programming language
tree-truncated = … (truncated)
access-token-label = access token
source-label = source
source-assumed = assumed
origin-published = the published value
origin-site-config = from this site's config.json
origin-typed = entered by you
origin-stored = stored from an earlier visit
origin-not-published = no source publishes this
origin-with-published = { $origin }; the published one is { $published }
acc-note = Note: acceptance is the environment for acceptance tests and for integrators' connection tests, and can hold real data from the national register. Treat what you see there as personal data. Beta never holds personal data.
api-reference-dated = From 31 January until the rename on 8 May 2025 the API team's documentation gave the reference ‘{ $reference }’ for beta and acc; above stands the onboarding text's. The current reference shows with eLys.
sources-heading = Sources
values-heading = The values you enter in the Beheerportaal
client-name-label = Client name
client-name-missing = Enter a valid organisation name first.
api-reference-label = API reference
scopes-label = Scopes
api-client-id-label = API client id
api-client-id-unknown = Not published for this name and environment: ask the API team.
beheerportaal-label = Beheerportaal
ping-label = Ping endpoint
ping-unconfirmed = This DAO host name was, with those of the other environments, on the API team's security page until the rename on 8 May 2025, which replaced all three DAO host names (beta, acc and production) with elys.api.*. The onboarding text names beta's. Whether it still answers, no source says. If it does not, choose eLys.

## 2. Key
step-key = Key
key-intro = The organisation makes its own key pair. You register the public key (JWK) in the Beheerportaal; the private key signs the client assertion.
key-promise = Your private key is in this browser tab's key store (WebCrypto) as a non-extractable key: no script can read it, this page included. It never goes to storage, the URL, a log or any request; close or reload the tab and it is gone. A key you make here can be saved as a file once.
insecure-context = Keys can only be made on a secure page (https or localhost). Open this page over https or via http://localhost. Importing an existing key still works.
generate-heading = Make a new key pair
key-type-label = Key type
key-type-rsa4096 = RSA 4096 bits, RS256 (RS256 as in every public example; no source names a key size)
key-type-rsa3072 = RSA 3072 bits, RS256
key-type-rsa2048 = RSA 2048 bits, RS256
key-type-ec-p256 = EC P-256, ES256 (not confirmed for ACM)
generate-button = Make key pair
generating = Making the key pair… 4096 bits can take a few seconds; the page stays usable.
generate-failed = The browser could not make a key pair. Try another key size or a recent browser, or import a key you made with openssl.
import-heading = Or: import an existing private key
key-input-label = Private key (JWK, JWKS or PEM)
key-input-hint = Paste the key, drop a file on this field or choose a file. The file is read locally, not uploaded. The field is emptied after every attempt.
key-file-label = Choose file
import-button = Import
importing = Reading the key…
key-status-none = No key loaded.
key-status-heading = Loaded key
key-imported = The key was read. The input field has been emptied.
jwks-choose = This JWKS holds several private keys. Choose the one to use:
public-jwk-heading = Public JWK for the Beheerportaal
public-jwk-hint = Register this with the client in the Beheerportaal. The API team calls it the ‘Publieke JWT’ (client-aanvragen.md, since November 2025); no public source shows what the Beheerportaal's own field is called. It holds no secret.
download-public-jwk = Download public JWK
private-download-warning = A private key in a file can be copied, mailed or end up in a backup. Whoever has it can pose as your organisation. Keep it only in a secure place (e.g. a secrets vault) and share it with no one.
save-heading = Save the private key now: this can be done only once
save-intro = Your software needs this private key to request tokens itself. The page can save it as a file once, now. After that it keeps only a non-extractable copy in the browser's key store: no one can read it any more, this page included.
save-pem = Save as PKCS#8 PEM
save-jwk = Save as JWK
save-decline = Do not save, I do not need it
saved = The private key is in your downloads. The page now keeps only a non-extractable copy to sign with.
save-declined = Not saved. The page keeps only a non-extractable copy: the key cannot be used outside this tab.
save-failed = Saving failed. Try again; the key stays saveable until then.
key-clear = Empty the field
key-store-unavailable = The browser's key store (WebCrypto) is not available here: open the page over https or http://localhost.
sign-failed = The browser could not sign with this key. Load the key again.
lint-public-key-label = Public key to check the signature with (optional)
lint-public-key-hint = Empty: the loaded key. Or paste a public JWK, for example your own backend's.
not-compact-jws = What is in step { -step-assertion }'s check is not a compact JWS (three base64url parts with a header holding alg). Nothing was sent: paste the client assertion there, never a key.
registered-heading = Does the registered key match?
registered-hint = Paste the public JWK or JWKS as registered in the Beheerportaal. When ACM answers invalid_client, check this first.
registered-label = Registered public JWK or JWKS
forget-button = Forget key
key-forgotten = The key has been removed from this tab's key store.
file-read-failed = The file could not be read. Choose it again or paste its content.

## 3. Registration
step-registration = Registration
reg-intro = Tick what you have done. The ticks and the details of step { -step-organisation } are kept in this browser (without keys).
checklist-title = eLys onboarding checklist
checklist-step-register = Step 1: register the client
checklist-step-connect = Step 2: first connection through ACM/IDM
export-button = Export as Markdown
exported = The checklist was downloaded and copied to the clipboard.
mail-heading = Mail to the API team
mail-intro = The onboarding text asks you to mail the API team once you have requested the client, so they can approve it. According to ACM's documentation the API's owner approves or rejects the link between your client and the API in the Beheerportaal. No source publishes an e-mail address of the API team: use the address you received with the onboarding.
api-team-email-label = API team's e-mail address
api-team-email-hint = The address you received with the onboarding; no source publishes one.
mail-open = Open in your mail program
mail-text-label = Mail text

## 4. Assertion
step-assertion = Client assertion
assertion-intro = With every token request, ACM expects a JWT signed with your private key (RFC 7523, private_key_jwt).
client-id-label = Your client id
client-id-hint = The id the Beheerportaal shows after you created the client; not the API's client id.
client-id-not-uuid = This does not look like a UUID. ACM client ids are UUIDs: check that you copied the right field.
client-id-is-api-id = This is the API's own client id, not your client's. Your own client id is shown with your client in the Beheerportaal.
aud-label = Audience (aud)
aud-issuer = Issuer
aud-token = Token endpoint (default)
alg-label = Algorithm
alg-unconfirmed = not confirmed for ACM
lifetime-label = Lifetime (seconds)
lifetime-hint = 60 by default: that is how long the API team's demo client's assertion lives, the only value known to be accepted by ACM. The page allows at most 600 (assumed: only another Flemish OAuth server's rules and public ACM scripts' comments name that limit).
sign-button = Sign
need-key = Load or make a key first (step { -step-key }).
need-client-id = Enter your client id first.
assertion-output-label = Client assertion
header-label = Header
claims-label = Claims
issued-at-label = Issued
expires-at-label = Expires
assertion-expired = Expired: sign again.
lint-heading = Assertion check
lint-intro = The rules of RFC 7523 and those a strict verifier applies; what no public source confirms is marked as assumed at the rule.
lint-paste-label = Or paste an assertion from your own backend
lint-run = Check
lint-passed = Every rule is met.
lint-failed = Not every rule is met; see below what to change.
lint-status-pass = passed
lint-status-fail = failed
lint-status-skipped = not checked
expected-label = expected
found-label = found

## 5. Connection
step-connection = Connection
conn-intro = Request a token from ACM and call the ping endpoint. Browsers block direct calls to ACM and the API (no CORS), so they go through a relay you configure.
relay-statement = The relay sees the client assertion, the access token and the ping answer, never your private key. Use a relay you trust, preferably this project's reference nginx configuration on your own server.
relay-label = Relay URL
relay-hint = The full target URL is appended to this URL, e.g. https://relay.example.org/ + https://authenticatie-ti.vlaanderen.be/op/v1/token. Empty = direct (only for local servers that allow CORS themselves).
relay-direct = No relay: calls go direct. That only works with servers that send CORS headers themselves.
relay-plain-http = This relay uses http without encryption. Use https, except for a relay on this computer.
endpoints-heading = Endpoints
issuer-label = Issuer
token-url-label = Token endpoint
ping-url-label = Ping endpoint
reset-endpoints = Restore default endpoints
timeout-label = Time-out (seconds)
relay-check-button = Test relay
relay-setup-heading = Your own relay
relay-setup-intro = Here the page writes the relay's reference nginx configuration for this page. It is the same file as the project's relay/nginx.conf, filled in with the fields below: it forwards only to the published endpoints of every environment and name, and to the endpoints you use here that differ from them.
relay-setup-origin = Origin of this page
relay-setup-origin-hint = Only this origin may use the relay. By default this page's; if the page is served elsewhere later, enter that one.
relay-setup-listen = Address nginx listens on (host:port)
relay-setup-resolver = DNS resolver
relay-setup-resolver-hint = For the host names of ACM and the API. 127.0.0.53 is Debian's and Ubuntu's local resolver (systemd-resolved).
relay-setup-log-dir = Directory for the logs
relay-setup-log-dir-hint = Relative: under the nginx directory below. The logs hold no bodies, query strings or Authorization.
relay-setup-prefix = nginx directory (-p)
relay-setup-tls-certificate = TLS certificate (full chain, PEM), if nginx speaks https itself
relay-setup-tls-key = That certificate's key
relay-setup-real-ip-from = Or: address of the TLS terminator in front of the relay
relay-setup-real-ip-from-hint = If a load balancer or reverse proxy handles https in front of it, enter its address: the limits then count the client it passes on, not the terminator itself.
relay-setup-targets = Besides the published endpoints the relay also forwards to:
relay-setup-targets-none = The relay forwards to the published endpoints only: you use no others.
relay-setup-config = The configuration
relay-setup-download = Download dao-relay.conf
relay-setup-run-heading = How to start it (Debian or Ubuntu)
relay-setup-run-intro = On the server, in the directory where you saved dao-relay.conf: install nginx, put the file in place, check it (nginx -t) and start it.
relay-setup-commands = The commands
relay-setup-tls-note = Put the relay behind TLS: the assertion and the token pass through it. Give a certificate and key above (nginx then speaks https itself), or the address of the TLS terminator. Only on this computer (127.0.0.1) can it do without.
relay-setup-then = Then enter under Relay URL above: { $url } and click ‘Test relay’: it fetches ACM's discovery document through the relay and says what goes wrong.
relay-setup-use-url = Use this relay URL
relay-setup-error-tls-incomplete = A certificate without a key, or the other way round: enter both, or neither.
relay-setup-error-bad-prefix = The nginx directory must be an absolute path of letters, digits and / . _ - only.
relay-setup-error-plain-http-off-loopback = Without TLS the relay listens on this machine only (127.0.0.1, localhost or ::1): on another address the assertion and the token would cross the network unencrypted. Give a certificate and key, or the TLS terminator's address, or let the relay listen on 127.0.0.1.
relay-setup-error-loopback-targets = These endpoints are on a local address: { $targets }. In the relay that means the relay server itself, not your computer. If the relay runs on the same machine as those servers (e.g. test servers), tick that below; otherwise enter the real endpoints in step { -step-connection }.
relay-setup-loopback-targets = The relay runs on the same machine as the servers on 127.0.0.1/localhost above (e.g. local test servers): put them on the allowlist.
relay-setup-error-bad-origin = The origin must be https://host or https://host:port (http only for this computer), without a path.
relay-setup-error-bad-target = The relay cannot forward to this endpoint: { $target }. Correct it above.
relay-setup-error-bad-listen = The listen address must be host:port, for example 127.0.0.1:8010.
relay-setup-error-resolver-needed = Host names need a DNS resolver.
relay-setup-error-unsafe-character = A field holds a character that means something to nginx (quotes, ;, braces, $, #, \, spaces or control characters). The page writes no configuration like that.
relay-setup-error-bad-real-ip-from = The TLS terminator's address must be an IP address or network (10.0.0.1, 10.0.0.0/8, ::1).
api-info-button = API reachable? (no token)
api-info-version = The API answers through the relay: version { $version } (from its public actuator/info, without a token).
api-info-no-version = The API answers through the relay, but its actuator/info names no version.
api-info-not-published = No source publishes an actuator/info for the DAO host names; choose eLys to check reachability without a token.
discovery-facts = ACM's discovery document, fetched at { $fetched_at }: { $method } { $algs }
discovery-private-key-jwt-listed = private_key_jwt is among the accepted client authentication methods (token_endpoint_auth_methods_supported).
discovery-private-key-jwt-not-listed = The document lists as client authentication methods (token_endpoint_auth_methods_supported): { $methods }; private_key_jwt is not among them. That is no proof that ACM takes no client assertion: ACM's own documented example lists only client_secret_basic and client_secret_post too, while ACM's documentation and the API team's demo client (security-method private_key_jwt) do work with a client assertion. The token request decides.
discovery-private-key-jwt-not-stated = The document names no client authentication methods.
discovery-algs-listed = Algorithms for the client assertion: { $algs } (token_endpoint_auth_signing_alg_values_supported).
discovery-algs-not-stated = The document names no algorithms for the client assertion (token_endpoint_auth_signing_alg_values_supported), like ACM's documented example: that does not say which ACM takes. The page's assumption (RS256, as in every public example) stands; the token request decides.
discovery-alg-not-listed = ACM's discovery document (fetched at { $fetched_at }) does not name { $alg } for client assertions, but: { $listed }. ACM may refuse this assertion; the token request decides. If ACM refuses it, choose an algorithm the document names.
discovery-alg-listed = according to ACM's discovery document, fetched at { $fetched_at }: { $algs }
token-source-label = Which assertion to use?
token-source-fresh = A fresh one each time, with the settings of step { -step-assertion } (recommended)
token-source-linted = The assertion in the check field of step { -step-assertion } (e.g. from your own backend)
token-request-button = Request token
ping-request-button = Call ping
need-token = Request a token first.
need-linted-assertion = Paste an assertion into the check field of step { -step-assertion } first.
token-granted = Token received
token-refused = ACM refused the token
reveal = Show
hide = Hide
causes-heading = Possible causes, most likely first
ping-done = Ping answer received
ping-handed-over = The answer is in step { -step-check } and has been checked.
curl-heading = Try it yourself with curl
curl-hint = curl needs no relay: these commands go straight to ACM and the API, in bash (Linux, macOS, Git Bash). By default they hold variables instead of the assertion and the token. Read them in first without showing them or keeping them in the shell's history: read -rs CLIENT_ASSERTION (paste the assertion of step { -step-assertion }, Enter) and, after the token answer, read -rs ACCESS_TOKEN (paste the access_token, Enter). The commands hand both to curl on its standard input, never as an argument: every user of the computer can read arguments (ps). The ping command makes three fresh UUIDs itself and stops if it cannot.
trace-ids-meaning = The three ids according to the API team's security page, which expects them on every request: required since 19 December 2024, with the emphasis "ELKE request" (every request) since 19 August 2025. x-correlation-id ties requests that belong together (for example the requests that together fill one screen), x-tracing-id the requests within the same local transaction, x-request-id is unique per request. For a test the page makes three fresh ones each time.
token-lifetime-example = In the documented example an access token lives 3,600 s (that example's figure: iat and exp are an hour apart); ACM itself says the real lifetime with expires_in.
curl-real-values = Fill in the real values (assertion and token, never the private key)
curl-token = Request a token
curl-ping = Call ping

## 6. Check
step-check = Check
check-intro = Check the ping endpoint's answer against what you registered: fetched in step { -step-connection }, or pasted if you used curl.
next-steps-heading = Next, after a good ping
next-step-swagger = The API documentation for your role, on beta (Swagger UI):
next-step-terms = As an integrator for funeral homes, you show eLys's terms of use in your software:
next-step-release-notes = What changes in the API, in the release notes:
checklist-item-await-approval-detail = So ACM's documentation describes it; the onboarding text asks you to mail the API team for it.
checklist-item-retention = Keep what you need yourself: eLys no longer shows a file after its legal retention period (last will and death certificate: 3 months; other requests and documents: 2 years). Keeping data is the entities' own responsibility.
checklist-item-retention-municipality = Municipal systems keep themselves, for 10 years: the data of the death certification (strook A), the submitted funeral information form (inlichtingenfiche uitvaart) with the permission granted, and the user-level audit logs.
token-audience-label = Also send the audience parameter: the API's client id, { $id }
token-audience-unknown = The audience parameter cannot be sent: no client id of the API is known for this name and environment (ask the API team, or have the host put it in config.json).
token-audience-hint = What the API's client id is for: ACM documents the optional token-request parameters audience (the client id of the API you want the token for) and resource (that API's URL); without either, the token gets your own client's id as its audience. Off by default: neither the onboarding text nor the API team's demo client sends audience. When on, the curl commands and the programs of step { -step-software } send it too.
api-client-id-purpose = With this client id you request access to the API in the Beheerportaal; ACM also documents it as the optional audience parameter of the token request (step { -step-connection }).
proof-api-audience-none = not sent (default)
lifetime-sources = Where the 60 s and the 600 s come from:
key-question-heading = Make a real key in a web page?
key-question-text = Other governments' guides advise against making real keys with JWK generators in the browser: such a page can read, keep or send the key. This page does it differently: the key is made in your browser's key store (WebCrypto) and is not extractable once you saved or declined it; it is stored nowhere, sent in no request, and once loaded the page works without the network too. Whoever hosts the page does decide which code you run: use a copy from a host you trust.
key-question-openssl = If you prefer or must make the key outside the browser (your organisation's policy, a secrets vault, or you do not trust this copy of the page), make it with openssl on your own computer. The command writes client-key.pem (RSA 2048, PKCS#8, readable by you only). Import that file below: it is read locally and becomes a non-extractable key, whose public JWK the page shows for the Beheerportaal. The programs of step { -step-software } read the same file.
next-step-json-ld-civil-registry = As a civil registry you send requests in JSON-LD, with the published context files /context/AangifteOverlijden.jsonld and /context/VerslagBeedigdArts.jsonld.
next-step-json-ld-physician = As a physician you send requests in JSON-LD, with the published context files /context/AangifteOverlijden.jsonld and /context/VerslagBeedigdArts.jsonld.
next-step-dossiers-v2 = Fetching dossiers: /burgerlijke-stand/v1/dossiers was replaced by /burgerlijke-stand/v2/dossiers (with a filter, paginated); v1 stays available to a limited extent.
next-step-dossier-payment = Starting a dossier needs a payment first since release 0.28.0 (17 September 2025), by the redirect flow or as a wallet payment; the old endpoint was removed.
ping-input-label = Ping endpoint answer (JSON)
ping-input-hint = Paste the answer or drop the file on this field.
ping-file-label = Choose file
validate-button = Check
check-column = Check
status-column = Result
expected-column = Expected
found-column = Found
explanation-column = Explanation
status-ok = ok
status-warning = warning
status-fail = failed
unknown-fields-heading = Fields the check does not know (shown, not rejected)
tree-heading = The answer
proof-heading = Proof of onboarding
proof-intro = A short report for the API team, without token, assertion or key.
proof-download = Download report
proof-mail = Mail report

## Texts chosen by src/i18n/messages/ (the comment above each group names the function)

# org_name_error
org-name-error-empty = Enter the organisation's name.
org-name-error-too-long = The name is { $chars } characters long; the maximum is { $max }. Shorten it.
org-name-error-control-character = Character { $position } is an invisible control character (U+{ $code_point }), probably copied along. Retype the name.

# org_code_error
org-code-error-empty = Enter the organisation's KBO (enterprise) number, OVO code or OV-instellingsnummer.
org-code-error-invalid-character = ‘{ $ch }’ does not belong in a KBO number (digits only) or OVO code (OVO and 6 digits). Leave out BE too.
org-code-error-kbo-nine-digits = A KBO number has 10 digits; this has 9. Older numbers take a leading 0.
org-code-error-kbo-wrong-length = A KBO number has 10 digits; this has { $digits }.
org-code-error-kbo-wrong-check-digits = The check digits are wrong: the last two digits must be { $expected }, not { $found }. There is probably a typo.
org-code-error-ovo-wrong-format = An OVO code is OVO followed by exactly 6 digits, e.g. OVO002949.
org-code-error-kbo-establishment-unit = This is the number of an establishment unit (starts with 2 to 9), not of the enterprise. Enter the enterprise number (starts with 0 or 1); the KBO shows it with this establishment.

# org_code_ok
org-code-ok-kbo = Valid KBO number: { $shown }
org-code-ok-ovo = Valid OVO code: { $shown }
org-code-ok-ov-instelling = Accepted as an OV-instellingsnummer: { $shown } (not checked: this number's rules are not known here).

# json_position
json-position-syntax = (line { $line }, column { $column })

# json_error
json-error-empty = The field is empty.
json-error-too-large = The input is too large ({ $size }; maximum { $max }).
json-error-not-utf8 = The file is not UTF-8 text (invalid byte at offset { $byte_offset }). Save it as UTF-8 or paste its content.
json-error-too-deep = The JSON is nested deeper than { $max } levels (line { $line }, column { $column }).
json-error-truncated = The JSON stops halfway (line { $line }, column { $column }): was everything copied?
json-error-trailing-characters = There is text after the JSON (line { $line }, column { $column }). Paste only the JSON answer.
json-error-syntax = Invalid JSON at line { $line }, column { $column } ({ $detail }).
json-error-not-an-object = Expected a JSON object ({"{"}…{"}"}), found { $found }.

# key_kind
key-kind-rsa = RSA, { $bits } bits

# key_status
key-status =
    { $kind } · source: { $source }
    kid: { $kid }{ $kid_note }
    thumbprint (RFC 7638, SHA-256): { $thumbprint }
    The private key is in the browser's key store (WebCrypto, not extractable).

# value_problem
value-problem-zero = { $field } is zero
value-problem-not-below = { $field } is not smaller than { $bound }
value-problem-not-odd = { $field } is even or too small
value-problem-wrong-length = { $field } is { $found } bytes long instead of { $expected }

# key_import_error
key-import-error-empty = Paste a key or choose a file first.
key-import-error-too-large = This is too large for a key ({ $size }; maximum { $max }).
key-import-error-json = This looks like JSON but is not valid{ $detail }. Copy the whole file again.
key-import-error-pem-in-json-string = This is a PEM key inside a JSON string (in quotes, with \n). Paste the content of the .pem file itself, from -----BEGIN up to and including -----END.
key-import-error-not-ajwk = This is JSON but neither a JWK (field kty) nor a JWKS (field keys).
key-import-error-unrecognised = This is neither a JWK nor PEM. A PEM key starts with -----BEGIN PRIVATE KEY----- (or RSA/EC PRIVATE KEY); copy those lines too.
key-import-error-public-key-only = This is a public key. Signing needs the private key (in a JWK: the field d).
key-import-error-certificate = This is a certificate, not a private key. Import the matching private key file.
key-import-error-encrypted-pem = This key is password-protected. Decrypt it on your own computer first: openssl pkey -in key.pem -out key-open.pem (asks for the password), then import key-open.pem and delete that file afterwards.
key-import-error-open-ssh-key = This is an OpenSSH key. Convert a copy to PKCS#8 with ssh-keygen -p -m PKCS8 -f copy-of-key, and import that. Note: this page signs with RSA or EC P-256, not Ed25519.
key-import-error-unsupported-key-type = Key type { $description } is not supported. Use RSA (2048 to 4096 bits, RS256) or EC P-256.
key-import-error-rsa-too-small = This RSA key has { $bits } bits; at least 2048 are needed. Make a new 4096-bit key.
key-import-error-rsa-too-large = This RSA key has { $bits } bits; this page supports up to 4096 bits.
key-import-error-missing-field = The JWK lacks the field { $field }.
key-import-error-bad-base64 = The JWK's field { $field } is not valid base64url text.
key-import-error-invalid-value = This key cannot be right: { $detail }. Is the file damaged or made of two keys?
key-import-error-rsa-crt-missing = This RSA JWK lacks the field { $field }. The browser's key store (WebCrypto) takes only a complete private JWK (n, e, d, p, q, dp, dq, qi). Export the key again with every field, or as PKCS#8 PEM.
key-import-error-ec-public-key-missing = This EC key file does not hold its public point. Convert a copy with openssl pkcs8 -topk8 -nocrypt -in key.pem -out key-pkcs8.pem and import that.
key-import-error-refused-by-key-store = The browser's key store (WebCrypto) refused this key: its parts do not belong together or the point is not on the curve. Is the file damaged or made of two keys? The previous key stays loaded.
key-import-error-jwks-too-large = This JWKS holds { $count } keys; at most { $max } are read. Paste only your own key.
key-import-error-several-public-keys = This holds { $count } keys; paste one.
key-import-error-jwks-empty = This JWKS holds no keys.
key-import-error-jwks-without-private-key = This JWKS holds only public keys. Import the private key.
key-import-error-several-private-keys = This JWKS holds { $count } private keys: choose one.
key-import-error-jwks-index-out-of-range = Key { $index } does not exist in this JWKS.
key-import-error-bad-pem = The PEM text is damaged ({ $detail }). Copy everything, from -----BEGIN up to and including -----END.
key-import-error-unknown-pem-label = A PEM block ‘{ $label }’ is not a private key. Expected: PRIVATE KEY, RSA PRIVATE KEY or EC PRIVATE KEY.
key-import-error-several-pem-keys = This holds { $count } private keys. Paste one.
key-import-error-der-invalid = The content does not fit the PEM label ({ $detail }). Is the text incomplete or was the label changed?

# hop_label
hop-label-failed = failed

# hop_sentence
hop-sentence = { $from } → { $to }: answer { $status } ({ $what })
hop-sentence-no-status = { $from } → { $to }: { $what }
hop-sentence-after = , after { $ms } ms
hop-sentence-failed-here = . This is where it failed: { $reason }.

# source_text
source-text-onboarding-text = Source: the onboarding text (DAO naming: the dao_* scopes until 9 April 2025, the names, references and host names until 8 May 2025).
source-text-api-repository = Source: the API team's documentation, { $repo }, file { $path }, version of { $date }.
source-text-api-repository-history = Source: the API team's documentation, { $repo }, file { $path }, as it stood there from { $from } until { $until } (the file's history; the last version that says it is that of { $date }). No source says whether it still holds.
source-text-api-repository-undated = Attributed to the API team's documentation, { $repo }, file { $path } (checked up to the version of { $date }); no dated version of that file in its history holds this sentence, so the page cannot say when it applied.
source-text-api-demo = Source: the API team's demo client, { $repo }: { $settings } (version of { $settings_date }) uses private_key_jwt with ACM T&I's token endpoint as token-uri, and { $code } (version of { $code_date }) has the client assertion made by Spring Security's NimbusJwtClientAuthenticationParametersConverter, which puts the token-uri in aud and makes the assertion valid for 60 s. So since { $since }.
source-text-acm-documentation = Source: ACM's documentation, ‘{ $title }’ ({ $url }).
source-text-standard = Source: { $name }.
source-text-assumed = Assumed: { $reason }

# key_material_refused
key-material-refused-timeout = Not saved: { $names }. What is there looks like key material (PEM, a JWK with d or a long base64 text). Paste a key only in step { -step-key } and empty this field.
private-key-refused-here = Not taken and the field was emptied: this holds a private key (PEM, a JWK with d, or a bare base64 line of one). Only public information belongs here; paste a private key only into the key field of step { -step-key }.
stored-settings-dropped = Not used from an earlier visit: { $names }. What was stored there does not pass the page's checks (any more); the field is back to its default. Enter it again if you need it.

# registered_report
registered-report-private-key-pasted = Beware: what you pasted holds a private key (field d). If it is registered like that, it is no longer secret: make a new key pair and register only the public JWK.
registered-report-same-kid = same thumbprint and kid ‘{ $kid }’
registered-report-registered-with-kid = same thumbprint; registered with kid ‘{ $kid }’, so the assertion carries that kid
registered-report-registered-without-kid = same thumbprint; registered without a kid, so the assertion leaves kid out
registered-report-matches = Matches: the registered key is the loaded key ({ $carried }).{ $leak }
registered-report-no-match = Does not match: none of the { $count } registered key(s) has thumbprint { $thumbprint }. An assertion signed with this key will not be accepted: register this key's public JWK or load the right private key.{ $leak }

# registered_error
registered-error-not-ajwk = This is not a JWK or JWKS.
registered-error-jwks-empty = This JWKS holds no keys.
registered-error-unusable-kid = Key { $position } has a kid the page does not take: only printable ASCII (space to ~), at most { $max } characters. This kid would go into the assertion and into the programs; check what the Beheerportaal holds.

# client_id_error
client-id-error-contains-white-space = A client id has no spaces. Copy only the id.
client-id-error-contains-control-character = The client id holds an invisible control character. Type or copy it again.
client-id-error-not-ascii = The client id holds a character beyond ASCII. An ACM client id is a UUID; copy it again from the Beheerportaal.
client-id-error-too-long = This is { $chars } characters long; a client id has at most { $max }.

# lifetime_error
lifetime-error-not-anumber = Enter a number of seconds, e.g. 300.
lifetime-error-not-positive = The lifetime must be at least 1 second.
lifetime-error-too-long = { $seconds } seconds is too long: the page allows at most { $max } seconds (assumed: only secondary sources name that limit). Use e.g. 60, as the API team's demo client does.

# sign_error
sign-error-algorithm-does-not-fit-key = { $alg } does not fit this key ({ $key }).
sign-error-encoding = Signing failed: { $detail }
sign-error-signature-length = The browser returned a signature of { $found } bytes instead of { $expected }. Load the key again.

# lint_problem
lint-problem-not-three-parts = A JWT has 3 parts separated by dots; this has { $parts }. Was it copied completely?
lint-problem-part-not-base64 = The { $part } part is not base64url.
lint-problem-part-not-json-object = The { $part } part is not a JSON object.
lint-problem-missing-claim = { $claim } is missing.
lint-problem-not-astring = { $claim } must be a string.
lint-problem-not-atimestamp = { $claim } must be a time in seconds since 1970 (a number).
lint-problem-alg-none = alg none means unsigned. A client assertion must be signed (RFC 7523 §3).
lint-problem-alg-symmetric = A symmetric algorithm (HS…) uses a shared secret; private_key_jwt needs a private key (RS256).
lint-problem-alg-unknown = Unknown algorithm. Use RS256.
lint-problem-alg-does-not-fit-key = This algorithm does not fit the loaded key (RS256/PS256 for RSA, ES256 for EC P-256).
lint-problem-typ-not-jwt = typ should be JWT (or absent).
lint-problem-kid-differs = This kid does not belong to the loaded key: a verifier that looks the key up by kid will not find it.
lint-problem-kid-not-registered = The key was registered without a kid; a strict verifier refuses a kid it does not know. Leave kid out.
lint-problem-signature-invalid = The signature does not verify with the key (checked by WebCrypto): it was made with another key or the assertion was changed.
lint-problem-no-key-loaded = No key to check with: load one in step { -step-key } or paste a public JWK below.
lint-problem-no-client-id-entered = No client id entered to compare with.
lint-problem-iss-differs-from-sub = iss and sub must both be your client id.
lint-problem-iss-differs-from-client-id = iss/sub is not the client id you entered.
lint-problem-aud-several = aud holds { $count } values; the page expects one (assumed: RFC 7523 allows more, strict verifiers do not always).
lint-problem-aud-not-this-acm = aud is neither the issuer nor the token endpoint of the chosen environment. An aud of the other ACM (T&I or production) gives invalid_client.
lint-problem-lifetime-too-long = Valid for { $seconds } s; the page allows at most 600 s (assumed: only secondary sources name that limit).
lint-problem-lifetime-not-positive = exp is { $seconds } s after iat: exp must come after iat.
lint-problem-iat-in-future = iat is { $seconds_ahead } s in the future. Is the signer's clock fast?
lint-problem-expired = Expired { $seconds_ago } s ago. Sign a new one.
lint-problem-jti-reused = Another assertion used this jti earlier this session. A server may refuse a reused jti (RFC 7523 §3); ACM is assumed to do so.

# expires_in
expires-in = expires in { $minutes }:{ $rest }

# url_error
url-error-empty = Enter an address.
url-error-scheme = The address must start with https:// (or http://).
url-error-contains-white-space = An address has no spaces.
url-error-no-host = The server name after https:// is missing.
url-error-query-or-fragment = The relay URL cannot contain ? or #: the target address is appended to it.
url-error-too-long = This address is { $bytes } bytes long; the page takes at most { $max }.
url-error-control-character = The address holds an invisible control character (copied along?). Type or copy it again.
url-error-not-ascii = The address holds a character beyond ASCII. Write it percent-encoded (and a host name with accents in its xn-- form).
url-error-invalid-character = The address holds a character that does not belong in a URL (" < > \ ^ ` {"{"} | {"}"}), or a % without two hex digits.
url-error-user-info = An endpoint address holds no user name or password (user@server).
url-error-fragment = An endpoint address holds no #: what follows it never reaches the server.
url-error-plain-http = Plain http:// can only go to this computer (localhost, 127.0.0.1): otherwise the assertion and the token would cross the network unencrypted. Use https://.
unwritable-endpoint = Not written: the { $field } field of step { -step-connection } holds no usable address ({ $problem }). Correct it there; nothing here runs anything.
unwritable-template = Not written: { $problem }. Nothing here runs anything.

# body_excerpt
body-excerpt-empty = (empty answer)
body-excerpt-json = (JSON)
body-excerpt-html =
    HTML page:
    { $first_lines }

# relay_error
relay-error-origin-not-allowed = The relay refuses this page ({ $code }): its origin is not in the relay's configuration. Render the relay configuration with --origin and this page's address.
relay-error-target-not-allowed = The relay refuses this target ({ $code }): it is not exactly on its list of allowed endpoints (case, ports, queries and encoded characters count). Check the endpoint field, or add the address to the relay configuration.
relay-error-method-not-allowed = The relay passes only GET and POST ({ $code }).
relay-error-rate-limited = The relay gets too many requests from this address ({ $code }). Wait a few seconds and try again.
relay-error-upstream-redirect = The server answered with a redirect; the relay neither follows nor passes it on ({ $code }). Check the endpoint field: the address is probably outdated or incomplete.
relay-error-upstream-failed = The relay could not reach the server or the answer broke off ({ $code }). Check the address, or try again later.
relay-error-upstream-timeout = The server did not answer the relay in time ({ $code }). Try again later.
relay-error-other = The relay refused the request ({ $code }).

# exchange_failure
exchange-failure-invalid-url = The { $field } field: { $problem }
exchange-failure-relay-unreachable = The relay cannot be reached or does not allow this page (CORS). Check the relay URL, whether the relay runs, and whether it allows this page's origin. The browser does not say which of the three it is; the console (F12) shows more.
exchange-failure-server-unreachable = The server cannot be reached or does not allow direct calls from the browser (CORS). ACM and the API do not: configure a relay.
exchange-failure-timeout = No answer within { $seconds } s. The relay or the server does not answer; try again or raise the time-out.
exchange-failure-cancelled = Cancelled.
exchange-failure-too-large = The answer is too large ({ $size }; maximum { $max }); this is not a normal answer.
exchange-failure-http-denied = Access denied: is the token valid and for this API?
exchange-failure-http-not-found = The address does not exist: check the endpoint field.
exchange-failure-http-bad-gateway = The relay did not reach the server: check the address or try again later.
exchange-failure-http-server-error = Error on the server's side: try again later or tell the API team.
exchange-failure-http =
    HTTP { $status }. { $hint }
    { $excerpt }
exchange-failure-not-json =
    HTTP { $status } but no JSON: probably a proxy's or relay's page instead of the API.
    { $excerpt }

# oauth_cause
oauth-cause-key-not-registered = The public key is not registered (or another one is): compare with the Beheerportaal in step { -step-key }.
oauth-cause-not-approved = The client is not approved yet: wait for the API team.
oauth-cause-kid-or-alg = The assertion's kid or alg does not fit the registered JWK: use RS256 and the registered key's kid.
oauth-cause-wrong-aud = Wrong aud: use this environment's token endpoint, as the API team's demo client does (or the issuer), of the right ACM: T&I for beta/acc, production for PROD.
oauth-cause-expired = The assertion had expired: sign a new one.
oauth-cause-jti-reused = The assertion (jti) was used before. ACM is assumed to refuse a reused jti (RFC 7523 §3 allows it): sign a fresh one for every request.
oauth-cause-clock = This computer's clock is off: let it set the time automatically.
oauth-cause-client-id-typo = Typo in the client id (iss, sub and client_id must equal the id in the Beheerportaal).
oauth-cause-scope-not-granted = The requested role scope is not granted to this client: request it in the Beheerportaal and have it approved.
oauth-cause-scope-other-name = The client may have the scope under the other name (dao_* or elys_*): choose the other API name in step { -step-organisation }.
oauth-cause-grant-not-allowed = The client may not use the Client Credentials Grant: choose that protocol for the client in the Beheerportaal.
oauth-cause-malformed = The request was incomplete or malformed.
oauth-cause-relay-alters-body = The relay may alter the body or the Content-Type: use the reference configuration.
oauth-cause-temporary = Temporary trouble at ACM: try again later.

# oauth_error
oauth-error-invalid-client = ACM could not authenticate your client.
oauth-error-invalid-scope = A requested scope is invalid or not granted.
oauth-error-unauthorized-client = The client may not use this grant type.
oauth-error-invalid-request = The request is incomplete or malformed.
oauth-error-invalid-grant = The assertion was not accepted.
oauth-error-unsupported-grant-type = This grant type is not supported.
oauth-error-server-error = Trouble on ACM's side.
oauth-error-other = Unknown error.

# token_answer_error
token-answer-error-not-json = The token endpoint's answer is not valid JSON: { $detail }
token-answer-error-missing-access-token = The answer holds no access_token.
token-answer-error-malformed-access-token = The access_token in the answer is not a valid bearer token (RFC 6750: only letters, digits and -._~+/ with = at the end). It is not used; check the token endpoint field.
token-answer-error-unexpected-error = HTTP { $status } without an OAuth error code: check the token endpoint field.

# relay_check
relay-check-reached = The relay answers and allows this page (CORS in order); HTTP { $status }.
relay-check-unreadable = { $reached } But the discovery document is unreadable: { $detail }
relay-check-no-token-endpoint = { $reached } The discovery document names no token_endpoint.
relay-check-matches = { $reached } The discovery's token_endpoint ({ $found }) matches the token endpoint field.
relay-check-differs = { $reached } But the discovery's token_endpoint ({ $found }) differs from the token endpoint field ({ $token_field }). Use the discovery's address.

# finding
finding-json = A JSON object with { $count } fields.
finding-matches = Matches.
finding-matches-after-normalising = Matches, apart from case, accents, punctuation or legal form.
finding-not-entered = Cannot compare: this is not yet entered on this page (step { -step-organisation } or { -step-assertion }).
finding-subject-of-its-own = For information: a subject id of its own, not the client id. The API team shows it the same way (‘Subject id’ beside ‘Client id’ in client-aanvragen.md); no source asks them to be equal.
finding-subject-is-client-id = For information: equal to the client id. No source asks for that; the API team shows a subject id of its own.
finding-subject-absent = For information: the token has no sub; no source asks for one.
finding-missing = The field { $field } is missing from the answer.
finding-client-id = This answer belongs to another client.
finding-org-code = The client is registered under another organisation.
finding-org-name = The name is not recognisable as your organisation; check that it is the right one.
finding-client-name = The client name in ACM does not follow the convention. This is a warning: the onboarding text only requires vo_orgcode, vo_orgnaam and the client id to match. Change it in the Beheerportaal if you want to follow the convention.
finding-differs = Differs.
finding-inconsistent = The answer gives different values in different places.
finding-case-or-spacing = Differs only in case or spacing; correct the name to be exact.
finding-partial = Partly equal: one name contains the other. Check that it is the right organisation.
finding-wrong-environment = Wrong environment: this token comes from ACM { $found }. Use the ACM of the chosen environment, or register the client in the right environment.
finding-unknown-issuer = Unknown issuer: not the issuer in the issuer field of step { -step-connection }.
finding-inactive = The token is not active (expired or revoked): request a new one.
finding-not-boolean = active is the text "true" instead of true.
finding-missing-scopes = Missing: { $missing }. Request the scope in the Beheerportaal and have it approved.
finding-other-brand-scope = The client has { $scope }: the scope under the API's other name. Choose the other API name in step { -step-organisation }, or request the right scope.
finding-malformed-org-code = The organisation code in the answer is not a valid KBO number or OVO code.
finding-time-unreadable = { $field } is not a readable time.
finding-exp-not-after-iat = exp is not after iat.
finding-expired-long-ago = This token expired { $hours } hours ago: is this an old answer?
finding-iat-in-future = iat is { $minutes } minutes in the future: is this computer's clock off?

# verdict
verdict-ok = Everything matches: your client is registered correctly. Send the proof of onboarding to the API team.
verdict-invalid = This is not a readable ping answer. { $detail }
verdict-warning = The answer matches, with a remark on { $name }: { $detail }
verdict-org-code = The organisation code differs: the client was registered under another organisation. { $detail }
verdict-client-id = The client id differs. { $detail }
verdict-environment = Wrong environment. { $detail }
verdict-client-name = The client name differs. { $detail }
verdict-scopes = Not every scope is granted. { $detail }
verdict-other = { $name }: { $detail }

# or_placeholder
or-placeholder = (to be filled in)

# checklist_item
checklist-item-make-key-pair = Make a key pair (step { -step-key }) and keep the private key safe.
checklist-item-make-key-pair-detail = RSA with RS256, as in every public example (assumed: no document lists what ACM accepts). No source names a key size; the page makes 4096 bits by default.
checklist-item-open-beheerportaal = Open the Beheerportaal: { $portal }
checklist-item-open-beheerportaal-manuals = ACM's manuals that the onboarding text names:
checklist-item-create-client = Create a new OAuth client named ‘{ $client_name }’.
checklist-item-create-client-detail = One client per actor (organisation) and environment ({ $env }).
checklist-item-use-client-credentials-with-jwt = Choose the OAuth2 Client Credentials Grant (CCG) protocol with authentication by a public JWT ("Publieke JWT", as the API team writes it since 28 November 2025; the onboarding text says "via een JWT").
checklist-item-upload-public-jwk = Register the public JWK of step { -step-key } with the client: the organisation makes its own key pair and hands out only the public key.
checklist-item-upload-public-jwk-kid = kid of the loaded key: { $kid }
checklist-item-upload-public-jwk-no-key = Make or load a key in step { -step-key } first.
checklist-item-request-api-access = Request access to the API with reference ‘{ $reference }’.
checklist-item-request-api-access-detail = API client id: { $api_id }
checklist-item-request-scopes = Request the scopes { $scopes }.
checklist-item-request-scopes-detail = Role: { $role }
checklist-item-integrator-customer-known = Request access in the name of your customer { $org }, a concrete funeral home: it must be known to eLys and approve the requested client itself.
checklist-item-integrator-customer-known-detail = The API team also approves the client after your mail (onboarding text).
checklist-item-integrator-trusted-party = As an integrator you are a ‘trusted party’: the conditions are in a cooperation agreement (samenwerkingsovereenkomst).
checklist-item-integrator-trusted-party-detail = It includes your responsibility to give the end user the right role and access through your own access system.
checklist-item-integrator-checks-users = Check that every user of your software belongs to { $org } and has the right role to use the platform: that is the integrator's responsibility, with the duty of an audit log.
checklist-item-integrator-checks-users-detail = The API team's security page says so for integrators of local governments, and since 15 May 2025 for the integrators of the other actors too.
checklist-item-integrator-terms-of-use = Show eLys's terms of use in your software: the API team asks this of integrators for funeral homes.
checklist-item-audit-log = Keep an audit log that ties every action on the platform, and every use of its data, to an individual user, and keep it for 10 years.
checklist-item-audit-log-detail = Why: the platform sees only your organisation (the token), not who acts. After an incident the API team may ask you for them.
checklist-item-roles-responsibility = Handle user roles and application scopes correctly: users get access only to the platform's functionality that applies to them.
checklist-item-roles-responsibility-detail = That is your responsibility.
checklist-item-mail-api-team = Mail the API team that you requested the client (see below).
checklist-item-await-approval = Wait for the approval: the API team approves or rejects the link between your client and the API in the Beheerportaal.
checklist-item-note-client-id = Note your new client's client id and enter it in step { -step-assertion }.
checklist-item-request-token = Request a token from ACM { $side } with a client assertion (steps { -step-assertion } and { -step-connection }).
checklist-item-request-token-detail = Token endpoint: { $token_url }
checklist-item-call-ping = Call the ping endpoint: { $ping_url }
checklist-item-call-ping-detail = On every request the API team expects (since 19 December 2024) the headers x-correlation-id (ties requests that belong together, for example the requests that together fill one screen), x-tracing-id (requests within the same local transaction) and x-request-id (unique per request); fresh ones for a test.
checklist-item-check-ping-answer = Check that vo_orgcode, vo_orgnaam and the client id in the answer match your client (step { -step-check }): vo_orgcode { $code }, vo_orgnaam { $org }.
checklist-item-send-proof = Keep the proof of onboarding (step { -step-check }), for yourself and whoever looks after your client.

# registration_mail
registration-mail-subject = Client request { $client_name } ({ $env })
registration-mail-integrator = We are a software integrator and requested the client on behalf of our customer { $org }.
registration-mail-client-id-line = Client id: { $id }
registration-mail-body =
    Hello,

    We have requested a client for the { $brand } API in the Beheerportaal ({ $portal }). Could you approve it?

    Client name: { $client_name }
    Environment: { $env }
    Organisation: { $org }
    Organisation code (vo_orgcode): { $code }
    API reference: { $reference }
    Requested scopes: { $scopes }{ $client_id }{ $integrator }

    Kind regards,

# proof_report
proof-report-out =
    # Proof of onboarding: { $client_name }

    - Client name: { $client_name }
    - Environment: { $env } (ACM { $side })
    - API name: { $brand }
    - Client id: { $client_id }
    - Organisation: { $org }
    - Organisation code: { $code }
    - Scopes: { $scopes }
    - Client assertion lifetime: { $lifetime } s
    - audience parameter in the token request: { $api_audience }
    - Result: { $verdict_id }: { $verdict_text }
    - Checked at: { $checked_at }

    ## Checks

    | Check | Result | Expected | Found |
    |---|---|---|---|
proof-report =
    ## Assumed

    The page applied these rules without a public source:
proof-report-subject = Proof of onboarding { $client_name } ({ $env })
proof-report-differing = ## Other than the sources publish
proof-differing-line = { $name }: { $value } ({ $origin })

# config_error
config-error-json = config.json is invalid: { $detail }
config-error-unknown-field = config.json: unknown field { $path }.
config-error-wrong-type = config.json: { $path } must be a { $expected }.
config-error-unknown-environment = config.json: { $path } is not an environment (beta, acc or PROD).
config-error-unknown-brand = config.json: { $path } ‘{ $value }’ is not an API name (DAO or eLys).
config-error-bad-url = config.json: { $path }: { $problem }
config-error-bad-email = config.json: { $path } is not an e-mail address.
config-error-bad-client-id = config.json: { $path } is not a client id (printable ASCII, no spaces).

# config_ignored
config-ignored = { $message } The page uses the defaults; ask this page's administrator to fix the file.

## Names chosen by the code
key-status-kid-is-thumbprint = {" "}(the thumbprint, as the key had no kid)
lint-expected-jti = present, unique
clock-skew-server-ahead = The server's clock is { $amount } s ahead of this computer's. A verifier rejects assertions from a clock that is too far off: let this computer set its time automatically.
clock-skew-computer-ahead = This computer's clock is { $amount } s ahead of the server's. A verifier rejects assertions from a clock that is too far off: let this computer set its time automatically.
acm-side-test-and-integration = T&I (test and integration)
acm-side-production = production
json-kind-null = null
json-kind-bool = a boolean
json-kind-number = a number
json-kind-string = a string
json-kind-array = an array
json-kind-object = an object
key-source-generated = made in this browser
key-source-jwk = JWK
key-source-jwks = JWKS
key-source-pkcs8-pem = PEM (PKCS#8)
key-source-pkcs1-pem = PEM (PKCS#1)
key-source-sec1-pem = PEM (SEC1)
pem-problem-begin-line-incomplete = the BEGIN line does not end in -----
pem-problem-no-end-line = the END line is missing
pem-problem-header-lines = header lines (Name: value) are not supported
pem-problem-empty-body = there is nothing between BEGIN and END
pem-problem-bad-base64 = the text between BEGIN and END is not valid base64
party-name-page = This page
party-name-relay = Relay
party-name-acm = ACM/IDM
party-name-api = API
assumption-reason-rs256-from-examples = RS256 with an RSA key: every public example signs so; no document lists the algorithms ACM accepts.
assumption-reason-other-algorithms-unconfirmed = PS256 and ES256 are offered, but no source confirms that ACM accepts them.
assumption-reason-audience-issuer = aud is the issuer here instead of the token endpoint. Several public ACM clients do that (for instance Wegen en Verkeer's jwt-python-script and the DCBaaS scripts), but no source of the page says that ACM accepts it; the API team's demo client sends the token endpoint. RFC 7523 allows both.
assumption-reason-lifetime-at-most600 = At most 600 s between iat and exp: only another Flemish OAuth server's rules and public ACM scripts' comments name that limit; ACM publishes none. Known to work is 60 s, the lifetime of the API team's demo client.
assumption-reason-jti-single-use = Each jti is accepted once: RFC 7523 allows a server to do so; ACM's own rule is not published.
assumption-reason-key-lookup-by-kid = When the header has a kid, the verifier looks the registered key up by that kid.
assumption-reason-single-audience = aud is one value, not a list: RFC 7523 allows a list, strict verifiers do not always.
assumption-reason-clock-tolerance = An iat up to 15 s in the future is tolerated (clock difference); ACM's margin is not published.
assumption-reason-dao-ping-hosts = The DAO host names of beta, acc and production were on the API team's security page until the rename on 8 May 2025, which replaced all three (the onboarding text names beta's); whether they still answer, no source says. The page assumes they do.
assumption-reason-other-org-codes = vo_orgcode may also be an OVO code or an OV-instellingsnummer (5 or 6 digits); no document at hand confirms those forms, and the OV number is not checked.
lint-check-name-format = Form (header.payload.signature)
lint-check-name-alg = Algorithm (alg) asymmetric and fitting the key
lint-check-name-typ = Type (typ) JWT
lint-check-name-kid = kid belongs to the key
lint-check-name-signature = Signature verifies with the loaded key
lint-check-name-iss-sub = iss = sub = your client id
lint-check-name-aud = One aud (assumed): this ACM's issuer or token endpoint
lint-check-name-lifetime = exp − iat ≤ 600 s
lint-check-name-iat-not-in-future = iat is not in the future
lint-check-name-not-expired = Not expired yet (exp)
lint-check-name-jti = jti present and unique this session
check-name-json = Valid JSON
check-name-client-id = Client id
check-name-subject = sub (for information)
check-name-org-code = Organisation code
check-name-org-name = Organisation name
check-name-client-name = Client name
check-name-environment = Environment (iss)
check-name-active = Token active
check-name-scopes = Scopes
check-name-token-times = Token validity

## Workspace
workspace-title = Workspace: all your onboardings
workspace-intro = One row per organisation, role and environment: each environment needs its own client. The workspace is kept in this browser, without secrets: never a private key, assertion or token; a key only by its public thumbprint and kid. The checklist's ticks belong to the open row.
workspace-add = Add the current onboarding
workspace-added = { $org } added and opened.
workspace-add-duplicate = { $org } is already in the workspace for this role and environment; that row is now open.
workspace-add-full = The workspace is full ({ $max } rows). Export it and delete rows that are done.
workspace-add-invalid = First enter a valid organisation name and code in step { -step-organisation }.
workspace-filter-label = Search by name, code, client id, role or environment
workspace-empty = No onboardings yet. Fill in step { -step-organisation } and choose ‘Add the current onboarding’, or import a CSV file.
workspace-empty-line = empty so far
workspace-count = Showing { $shown } of { $matching } found ({ $total } onboardings in all).
workspace-more = Show more
workspace-col-organisation = Organisation, code
workspace-col-role = Role, environment
workspace-col-client = Client id
workspace-col-status = Progress
workspace-col-actions = Actions
workspace-no-client-id = none yet
workspace-open = Open
workspace-is-open = Open now
workspace-current = Open onboarding: { $org } ({ $code }), { $role }, { $env }.
workspace-current-none = No row of the workspace is open: what you enter now belongs to no onboarding. Open a row or add this to the workspace.
workspace-next-env = Next: { $env }
workspace-next-env-started = Onboarding for { $env } started and opened. Create a new client for it in the Beheerportaal, with its own client id and its own key: each environment needs its own client.
workspace-next-env-exists = The onboarding for { $env } already exists; it is now open.
workspace-delete = Delete
workspace-delete-confirm = Delete { $org } from the workspace?
workspace-delete-yes = Yes, delete
workspace-delete-no = No, keep
workspace-deleted = { $org } deleted.
workspace-undo = Undo
workspace-undone = { $org } is back in the workspace.
workspace-import-label = Import CSV or JSON
workspace-import-help = CSV: a header row naming the columns organisation, code, role, environment and optionally client_id (other columns are ignored); comma or semicolon, as Excel writes them; UTF-8, with or without BOM. All or nothing: if one line is refused, nothing is added. At most 1 MB and 1000 rows.
workspace-import-busy = Reading the file …
workspace-import-added = { $count } onboardings added from { $file }.
workspace-import-refused = Nothing imported from { $file }; the workspace is unchanged. { $reason }
workspace-import-refused-lines = Nothing imported from { $file }: { $count } lines refused, the workspace is unchanged. Correct these lines and import the file again.
workspace-refusals-not-listed = … and { $count } more refused lines, not listed here.
workspace-import-line = Line { $line }: { $reason }
workspace-file-empty = The file is empty.
workspace-file-too-large = The file has { $bytes } bytes; the page reads at most { $max }. Split it into smaller files.
workspace-file-too-many-rows = The file has { $rows } rows; one import adds at most { $max }. Split it into smaller files.
workspace-file-not-utf8 = The file is not UTF-8 text. Save it from Excel as ‘CSV UTF-8’.
workspace-file-not-json = This is not valid JSON (line { $line }, column { $column }).
workspace-file-not-a-workspace = This JSON file is not an export of the workspace (‘format’: dao-onboard.workspace is missing).
workspace-file-newer-version = This file is from a newer version of the page (format { $version }); this version reads format 1. Open it with the newer page.
workspace-file-missing-column = The header row has no column ‘{ $name }’. Needed: organisation, code, role, environment (and optionally client_id).
workspace-file-duplicate-column = The header row names the column ‘{ $name }’ twice.
workspace-file-workspace-full = With this file the workspace would have { $rows } rows; it holds at most { $max }.
workspace-line-missing = the column ‘{ $column }’ is empty.
workspace-line-too-many-columns = too many columns (more than 64).
workspace-line-unknown-role = ‘{ $found }’ is not a role. Use uitvaartondernemer, crematorium, begraafplaats, lbbs, depzorg or arts.
workspace-line-unknown-role-unshown = the role is not one the page knows. Use uitvaartondernemer, crematorium, begraafplaats, lbbs, depzorg or arts.
workspace-line-unknown-environment = ‘{ $found }’ is not an environment. Use beta, acc or prod.
workspace-line-unknown-environment-unshown = the environment is not one the page knows. Use beta, acc or prod.
workspace-line-duplicate-in-file = the same organisation, role and environment as line { $first }.
workspace-line-duplicate-of-row = this organisation is already in the workspace with this role and environment.
workspace-line-bad-member = the field ‘{ $member }’ is missing or wrong.
workspace-line-key-material = { $column }: this looks like key material (a PEM line, a JWK with d or a long base64 text). Such a value never enters the workspace; put the right value here.
workspace-export-json = Export as JSON
workspace-export-csv = Export as CSV
workspace-report = Progress report (Markdown)
workspace-exported = { $file } downloaded.
workspace-status-new = New
workspace-status-requested = Client requested
workspace-status-mailed = API team mailed
workspace-status-approved = Approved
workspace-status-connected = Connected
workspace-milestone-composed = Values composed
workspace-milestone-key-registered = Key registered
workspace-milestone-requested = Client requested in the Beheerportaal
workspace-milestone-mailed = API team mailed
workspace-milestone-approved = Approved (as you say)
workspace-milestone-connected = Connected (ping answer in order)
workspace-progress-hint = Progress follows from what happened: the checklist's ticks ‘create the client’, ‘register the public JWK’ (with a key loaded), ‘mail the API team’ and ‘approval’, and a ping answer checked in step { -step-check } as in order or with warnings for this client and environment.
workspace-date-unknown = date unknown
workspace-not-yet = not yet
workspace-report-title = Progress of the onboardings
workspace-report-heading = { $org } ({ $code }), { $role }, { $env }
workspace-report-status = Progress
workspace-report-client = Client id
workspace-report-key = Key (thumbprint)
workspace-report-proof = Proof of the connection
workspace-report-col-check = Check
workspace-report-col-result = Result
workspace-report-col-found = Found
workspace-report-col-date = Checked on
workspace-key-this = This key is registered for the open onboarding.
workspace-key-other = Note: this key is registered for { $rows }, not for the open onboarding. Each environment has its own client with its own key; load this onboarding's key or make a new one.
workspace-key-open-has-other = Note: another key is registered for the open onboarding (thumbprint { $thumbprint }). Load that key, or untick and tick ‘register the public JWK’ again if you registered this one.
workspace-key-registered-for = This key is registered for { $rows }.
workspace-storage-full = The workspace could not be saved: the browser's storage is full. The latest changes exist only on this page; export the workspace as JSON before you close it.
workspace-storage-unavailable = This browser gives the page no storage (a private window, or its settings): the workspace goes with this tab. Export it as JSON to keep it.
workspace-stored-refused = The stored workspace was not read: { $reason } It was not erased, and until you choose to start a new workspace the page stores nothing over it (not even new rows). Download it to keep it.
workspace-stored-replace = Start a new workspace (the stored one is overwritten)
workspace-stored-download = Download the stored workspace
workspace-migrated = The onboarding of your previous visit became the workspace's first row; the dates of the steps before it are unknown.

## Language
lang-load-failed = The English texts could not be loaded or verified (no connection?). The page stays in Dutch; try again later.
late-loading = Loading the programs and the relay configuration (they come after the rest of the page) …
late-load-failed = The programs and the relay configuration could not be loaded or verified (no connection, or a file that differs: another version, or altered).
late-retry = Try again
part-loading = Loading this part of the page (it comes after the first step) …
part-load-failed = This part of the page could not be loaded or verified (no connection, or a file that differs: another version, or altered). What you already filled in stays.
