//! URLs checked at the door: [`EndpointUrl`] for every endpoint the page sends to or writes
//! into a program, and [`Relay`] for the relay's base, with the rules both share.

/// Why a URL typed into an endpoint or relay field was refused.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum UrlError {
    /// Nothing entered.
    Empty,
    /// Only `http://` and `https://` are accepted.
    Scheme,
    /// A space inside the address.
    ContainsWhiteSpace,
    /// No host after the scheme.
    NoHost,
    /// A relay base cannot carry a query or fragment: the target is appended to it.
    QueryOrFragment,
    /// Longer than [`MAX_URL_BYTES`].
    TooLong {
        /// The length entered, in bytes.
        bytes: usize,
        /// The longest URL accepted.
        max: usize,
    },
    /// An invisible control character (a terminal escape, a NUL), usually copied along.
    ControlCharacter,
    /// A character beyond ASCII: RFC 3986 wants it percent-encoded (and an IDN host as its
    /// `xn--` form).
    NotAscii,
    /// An ASCII character RFC 3986 does not allow in a URL (`"`, `<`, `>`, `\`, `^`, a
    /// backtick, `{`, `|`, `}`), or a `%` not followed by two hex digits.
    InvalidCharacter,
    /// User name or password before the host (`https://user@host`).
    UserInfo,
    /// A `#fragment`, which is never sent to a server.
    Fragment,
    /// Plain `http://` to a host that is not this machine: the assertion and token would cross
    /// the network unencrypted.
    PlainHttp,
}

/// Longest URL accepted, in bytes (what common servers and proxies accept on a request line).
pub const MAX_URL_BYTES: usize = 2048;

/// An endpoint URL checked at the door: absolute, `https` (plain `http` only for this
/// machine), ASCII as RFC 3986 allows, without user-info, fragment, white space or control
/// characters, at most [`MAX_URL_BYTES`] long. Everything that sends to an endpoint or writes
/// one into a program, a command or a configuration takes this type.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct EndpointUrl(String);

impl EndpointUrl {
    /// Checks a URL from a field, `config.json`, stored settings or the facts table.
    pub fn parse(raw: &str) -> Result<EndpointUrl, UrlError> {
        let url = check_url_text(raw)?;
        if url.contains('#') {
            return Err(UrlError::Fragment);
        }
        if url[..5].eq_ignore_ascii_case("http:") && !is_loopback(url) {
            return Err(UrlError::PlainHttp);
        }
        Ok(EndpointUrl(url.to_string()))
    }

    /// The URL.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl std::fmt::Display for EndpointUrl {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

/// True for the characters RFC 3986 allows in a URL: unreserved, reserved and `%`.
fn is_url_char(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b"-._~:/?#[]@!$&'()*+,;=%".contains(&b)
}

/// The rules every URL the page takes shares (endpoints and the relay base): trimmed, not
/// empty, at most [`MAX_URL_BYTES`], no white space or control characters, ASCII of RFC 3986
/// with well-formed `%` escapes, `http` or `https`, a host and no user-info.
fn check_url_text(raw: &str) -> Result<&str, UrlError> {
    let url = raw.trim();
    if url.is_empty() {
        return Err(UrlError::Empty);
    }
    if url.len() > MAX_URL_BYTES {
        return Err(UrlError::TooLong {
            bytes: url.len(),
            max: MAX_URL_BYTES,
        });
    }
    if url.chars().any(char::is_control) {
        return Err(UrlError::ControlCharacter);
    }
    if url.chars().any(char::is_whitespace) {
        return Err(UrlError::ContainsWhiteSpace);
    }
    if !url.is_ascii() {
        return Err(UrlError::NotAscii);
    }
    let bytes = url.as_bytes();
    let bad_percent = bytes.iter().enumerate().any(|(at, &b)| {
        b == b'%'
            && !(bytes.get(at + 1).is_some_and(u8::is_ascii_hexdigit)
                && bytes.get(at + 2).is_some_and(u8::is_ascii_hexdigit))
    });
    if bad_percent || !bytes.iter().all(|&b| is_url_char(b)) {
        return Err(UrlError::InvalidCharacter);
    }
    let rest = if let Some(rest) = strip_prefix_ignore_case(url, "https://") {
        rest
    } else if let Some(rest) = strip_prefix_ignore_case(url, "http://") {
        rest
    } else {
        return Err(UrlError::Scheme);
    };
    let authority = rest.split(['/', '?', '#']).next().unwrap_or_default();
    if authority.contains('@') {
        return Err(UrlError::UserInfo);
    }
    if authority.is_empty() || authority.starts_with(':') {
        return Err(UrlError::NoHost);
    }
    Ok(url)
}

fn strip_prefix_ignore_case<'a>(text: &'a str, prefix: &str) -> Option<&'a str> {
    let head = text.get(..prefix.len())?;
    head.eq_ignore_ascii_case(prefix)
        .then(|| &text[prefix.len()..])
}

/// Whether a URL is on this machine, where plain http is acceptable.
pub fn is_loopback(url: &str) -> bool {
    let rest = url.split("://").nth(1).unwrap_or_default();
    is_loopback_authority(rest.split(['/', '?', '#']).next().unwrap_or_default())
}

/// Whether an authority (`host:port`, `[::1]:port`, with or without user-info) names this
/// machine: `localhost`, `::1` or an IPv4 loopback address.
pub fn is_loopback_authority(authority: &str) -> bool {
    let host = authority
        .rsplit_once('@')
        .map_or(authority, |(_, host)| host);
    let host = if host.starts_with('[') {
        host.split(']')
            .next()
            .unwrap_or_default()
            .trim_start_matches('[')
    } else {
        host.split(':').next().unwrap_or_default()
    };
    host.eq_ignore_ascii_case("localhost")
        || host == "::1"
        || host
            .parse::<std::net::Ipv4Addr>()
            .is_ok_and(|ip| ip.is_loopback())
}

/// The relay: a base URL to which the full target URL is appended. `None` means direct calls.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Relay(Option<String>);

impl Relay {
    /// An empty field means direct calls (for local servers that send CORS headers themselves).
    pub fn parse(raw: &str) -> Result<Relay, UrlError> {
        if raw.trim().is_empty() {
            return Ok(Relay(None));
        }
        let url = check_url_text(raw)?.to_string();
        if url.contains(['?', '#']) {
            return Err(UrlError::QueryOrFragment);
        }
        let base = if url.ends_with('/') {
            url
        } else {
            format!("{url}/")
        };
        Ok(Relay(Some(base)))
    }

    /// True when no relay is set: requests go to the servers directly.
    pub fn is_direct(&self) -> bool {
        self.0.is_none()
    }

    /// The relay's address, when one is set.
    pub fn base(&self) -> Option<&str> {
        self.0.as_deref()
    }

    /// True for a relay on plain http that is not on this machine: what the page sends it (the
    /// assertion, the token) would cross the network unencrypted.
    pub fn is_plain_http_remote(&self) -> bool {
        self.base().is_some_and(|base| {
            base.to_ascii_lowercase().starts_with("http://") && !is_loopback(base)
        })
    }

    /// The URL the browser calls for `target`.
    pub fn url_for(&self, target: &str) -> String {
        match &self.0 {
            Some(base) => format!("{base}{target}"),
            None => target.to_string(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn relay_appends_the_full_target() {
        let relay = Relay::parse("https://relay.example.org").unwrap();
        assert_eq!(
            relay.url_for("https://authenticatie-ti.vlaanderen.be/op/v1/token"),
            "https://relay.example.org/https://authenticatie-ti.vlaanderen.be/op/v1/token"
        );
        let relay = Relay::parse(" http://127.0.0.1:8010/ ").unwrap();
        assert_eq!(
            relay.url_for("https://x/y"),
            "http://127.0.0.1:8010/https://x/y"
        );
        let direct = Relay::parse("  ").unwrap();
        assert!(direct.is_direct());
        assert_eq!(direct.url_for("https://x/y"), "https://x/y");
    }

    #[test]
    fn relay_and_endpoint_errors() {
        assert_eq!(Relay::parse("ftp://relay"), Err(UrlError::Scheme));
        assert_eq!(Relay::parse("relay.example.org"), Err(UrlError::Scheme));
        assert_eq!(Relay::parse("https://"), Err(UrlError::NoHost));
        assert_eq!(Relay::parse("https://:80/"), Err(UrlError::NoHost));
        assert_eq!(
            Relay::parse("https://a b"),
            Err(UrlError::ContainsWhiteSpace)
        );
        assert_eq!(
            Relay::parse("https://r/?url="),
            Err(UrlError::QueryOrFragment)
        );
        assert_eq!(
            Relay::parse("http://relay.example/").map(|r| r.is_plain_http_remote()),
            Ok(true),
            "a remote plain-http relay is taken, and warned about"
        );
        assert_eq!(Relay::parse("https://u@r/"), Err(UrlError::UserInfo));
    }

    #[test]
    fn endpoint_urls_are_checked_at_the_door() {
        let ok = |raw: &str| EndpointUrl::parse(raw).map(|url| url.as_str().to_string());
        assert_eq!(ok(" HTTPS://Host/x "), Ok("HTTPS://Host/x".into()));
        assert_eq!(
            ok("http://127.0.0.1:9000/op"),
            Ok("http://127.0.0.1:9000/op".into())
        );
        assert_eq!(
            ok("http://localhost/p?q=%2F"),
            Ok("http://localhost/p?q=%2F".into())
        );
        assert_eq!(ok("http://[::1]:8/p"), Ok("http://[::1]:8/p".into()));
        let long = format!("https://a/{}", "b".repeat(MAX_URL_BYTES));
        let cases: &[(&str, UrlError)] = &[
            ("", UrlError::Empty),
            ("ftp://a/b", UrlError::Scheme),
            ("authenticatie", UrlError::Scheme),
            ("https://a/b c", UrlError::ContainsWhiteSpace),
            ("https://a/b\u{1b}[201~", UrlError::ControlCharacter),
            ("https://a/\0", UrlError::ControlCharacter),
            ("https://a/\u{85}b", UrlError::ControlCharacter),
            ("https://\u{e9}/", UrlError::NotAscii),
            ("https://a/\"x", UrlError::InvalidCharacter),
            ("https://a/`id`", UrlError::InvalidCharacter),
            ("https://a/{{PING_URL}}", UrlError::InvalidCharacter),
            ("https://a/%zz", UrlError::InvalidCharacter),
            ("https://a/%2", UrlError::InvalidCharacter),
            ("https://user:pw@a/", UrlError::UserInfo),
            ("https://a/b#frag", UrlError::Fragment),
            ("http://a.example/ping", UrlError::PlainHttp),
            ("http://127.0.0.1.example/ping", UrlError::PlainHttp),
            ("https:///x", UrlError::NoHost),
            ("https://:443/x", UrlError::NoHost),
        ];
        for (raw, expected) in cases {
            assert_eq!(EndpointUrl::parse(raw).as_ref(), Err(expected), "{raw:?}");
        }
        assert_eq!(
            EndpointUrl::parse(&long),
            Err(UrlError::TooLong {
                bytes: long.len(),
                max: MAX_URL_BYTES
            })
        );
        let longest = format!("https://a/{}", "b".repeat(MAX_URL_BYTES - 10));
        assert!(EndpointUrl::parse(&longest).is_ok());
    }

    #[test]
    fn a_remote_relay_on_plain_http_is_flagged() {
        let flagged = |raw: &str| Relay::parse(raw).unwrap().is_plain_http_remote();
        assert!(flagged("http://relay.example.org/"));
        assert!(flagged("HTTP://relay.example.org/"));
        assert!(!flagged("https://relay.example.org/"));
        assert!(!flagged("http://127.0.0.1:8010/"));
        assert!(!flagged("http://localhost:8010/"));
        assert!(!flagged(""));
    }

    #[test]
    fn loopback_detection() {
        assert!(is_loopback("http://127.0.0.1:8010/"));
        assert!(is_loopback("http://localhost/"));
        assert!(is_loopback("http://[::1]:80/"));
        assert!(!is_loopback("http://relay.example.org/"));
        assert!(is_loopback("http://127.8.9.10/"));
        assert!(!is_loopback("http://127.0.0.1.evil.org/"));
        assert!(!is_loopback("http://localhost.evil.org/"));
    }
}
