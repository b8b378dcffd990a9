//! The reference nginx configuration for serving the built page (`dist/`), rendered like the
//! relay's, and the page's Content-Security-Policy.
//!
//! The policy lives in index.html's `<meta>` tag, which the build writes (`scripts/build.py`,
//! whose copy of [`PAGE_CSP`] a test keeps equal) with the import map's hash added to
//! `script-src`: the import map is the page's one inline script, and its hash changes with every
//! build. The header says only what does not depend on the build, above all what a `<meta>`
//! cannot say (`frame-ancestors 'none'`: no framing). Browsers enforce both policies, so the
//! page's scripts are exactly as restricted as with the whole policy in the header, and a host's
//! configuration never goes stale with a new build (a stale hash in a header would stop the
//! page). The server also sends `Integrity-Policy` (a script without integrity metadata is not
//! run, in browsers that know the header), `Cross-Origin-Opener-Policy`,
//! `X-Content-Type-Options`, `Referrer-Policy` and a `Permissions-Policy`, serves `.wasm` as
//! `application/wasm`, caches content-hashed files for a year and everything else never without
//! revalidation, serves the build's precompressed `.br` and `.gz` files with
//! `Vary: Accept-Encoding` (a shared cache must not hand brotli to a client that did not ask for
//! it), and has no single-page fallback: a missing `config.json` is a 404.

use crate::domain::runnable::relay_nginx::{
    check_listen, check_safe, nginx_preamble, RelayConfigError,
};
use crate::domain::templates::engine::{Syntax, Template, Value};

/// The page's policy: only its own scripts and styles (`'wasm-unsafe-eval'` for the wasm), no
/// inline script but the import map (whose hash the build adds to `script-src`); `connect-src`
/// allows `config.json`, a relay on https anywhere and relays or stand-ins on this machine.
/// (IPv6 literals are not valid CSP sources, so `[::1]` is absent.)
pub(crate) const PAGE_CSP: &str = "default-src 'none'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; img-src 'self' data:; font-src 'self'; connect-src 'self' https: http://127.0.0.1:* http://localhost:*; base-uri 'none'; form-action 'none'; object-src 'none'; manifest-src 'self'";

/// The page's policy before the build adds the import map's hash (see [`PAGE_CSP`]).
pub fn page_csp() -> &'static str {
    PAGE_CSP
}

/// The header's policy: what does not depend on the build, and what only a header can say.
pub(crate) const PAGE_CSP_HEADER: &str =
    "base-uri 'none'; form-action 'none'; object-src 'none'; frame-ancestors 'none'";

/// The header's policy (see [`PAGE_CSP_HEADER`]).
pub fn csp_header() -> &'static str {
    PAGE_CSP_HEADER
}

/// Scripts (of any kind: classic, module, imported) run only with integrity metadata; the
/// report-only variant is `Integrity-Policy-Report-Only` with the same value.
pub const INTEGRITY_POLICY: &str = "blocked-destinations=(script)";

/// Where and what to serve.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HostingParams {
    /// `host:port` nginx listens on.
    pub listen: String,
    /// The built page (`dist/`), absolute.
    pub root: String,
    /// Where logs and the pid file go; relative paths are relative to nginx's `-p` prefix.
    pub log_dir: String,
}

impl HostingParams {
    /// The page built into `/srv/dao-onboard/dist`, behind a TLS terminator on this machine.
    pub fn reference() -> HostingParams {
        HostingParams {
            listen: "127.0.0.1:8020".into(),
            root: "/srv/dao-onboard/dist".into(),
            log_dir: "logs".into(),
        }
    }
}

/// Renders a standalone nginx configuration (run with `nginx -p DIR -c FILE`).
pub fn render(params: &HostingParams) -> Result<String, RelayConfigError> {
    check_listen(&params.listen)?;
    check_safe(&params.root)?;
    check_safe(&params.log_dir)?;
    let log_dir = params.log_dir.trim_end_matches('/');
    let root = params.root.trim_end_matches('/');
    let preamble = nginx_preamble(log_dir)?;
    let rendered = HOSTING.render(|slot| {
        Some(match slot {
            "PREAMBLE" => Value::Fragment(&preamble),
            "LOG_DIR" => Value::Word(log_dir),
            "LISTEN" => Value::Word(&params.listen),
            "ROOT" => Value::Word(root),
            "CSP" => Value::Code(PAGE_CSP_HEADER),
            "INTEGRITY_POLICY" => Value::Code(INTEGRITY_POLICY),
            _ => return None,
        })
    })?;
    Ok(rendered.into_string())
}

const HOSTING: Template = Template::new(
    Syntax::Nginx,
    r#"# Reference nginx configuration for serving the built dao-onboard page (dist/).
# Rendered by `cargo run --example hosting_config`; change the parameters there, not this file.
# Serve it on its own origin, behind TLS (WebCrypto exists only on https and localhost).
# The build's .br files are served by Debian's libnginx-mod-http-brotli-static.
load_module /usr/lib/nginx/modules/ngx_http_brotli_static_module.so;
{{PREAMBLE}}    access_log {{LOG_DIR}}/access.log;

    # Only the types the page is made of; anything else is a download.
    types {
        text/html html;
        text/javascript js;
        text/css css;
        application/wasm wasm;
        application/json json;
        text/markdown md;
        image/png png;
        image/svg+xml svg;
    }
    default_type application/octet-stream;
    charset utf-8;
    charset_types text/css text/javascript application/json text/markdown;

    # Content-hashed files never change: cache them for a year. That is a file with its hash
    # in its name, and every file of the wasm's folder, which is named by the hash of all of
    # them (scripts/build.py). Everything else (index.html, boot.js, config.json) is
    # revalidated every time.
    map $uri $page_cache_control {
        default "no-cache";
        "~-[0-9a-f]{15,16}(_bg)?\.(js|wasm|css)$" "public, max-age=31536000, immutable";
        "~/app-[0-9a-f]{16}/[^/]+\.(js|wasm)$" "public, max-age=31536000, immutable";
    }

    server {
        listen {{LISTEN}};
        server_name _;
        root {{ROOT}};
        index index.html;
        # The build writes a .br and a .gz beside each asset: brotli where the browser takes
        # it (smaller), else gzip, else the file itself. Vary: Accept-Encoding on each, so a
        # shared cache never hands brotli to a client that did not ask for it.
        brotli_static on;
        gzip_static on;
        gzip_vary on;
        # Requests are small; a slow client gets no more than 10 s.
        client_header_timeout 10s;
        client_body_timeout 10s;
        client_max_body_size 1k;

        # The page's whole policy is in index.html's <meta> tag, with the hash of its import map
        # (different for every build); the header adds what only a header can say.
        add_header Content-Security-Policy "{{CSP}}" always;
        # Every script needs integrity metadata (Chrome 138+, Firefox 145+); to try it first,
        # send Integrity-Policy-Report-Only with the same value instead.
        add_header Integrity-Policy "{{INTEGRITY_POLICY}}" always;
        add_header Cross-Origin-Opener-Policy "same-origin" always;
        add_header X-Content-Type-Options "nosniff" always;
        add_header Referrer-Policy "no-referrer" always;
        add_header Permissions-Policy "camera=(), microphone=(), geolocation=(), payment=(), usb=(), serial=(), bluetooth=(), hid=()" always;
        add_header Cache-Control $page_cache_control always;
        # On https, also: add_header Strict-Transport-Security "max-age=31536000" always;

        location / {
            limit_except GET HEAD {
                deny all;
            }
            # No single-page fallback: a missing file (config.json) is a plain 404.
            try_files $uri $uri/ =404;
        }
    }
}
"#,
);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_header_policy_forbids_framing_and_needs_no_build() {
        let header = csp_header();
        assert!(header.ends_with("frame-ancestors 'none'"));
        // Nothing in the header depends on a build: no script hash, no script-src at all.
        assert!(!header.contains("sha256-"));
        assert!(!header.contains("script-src") && !header.contains("default-src"));
        // What it does say, the page's policy says the same way.
        for directive in header
            .split("; ")
            .filter(|d| !d.starts_with("frame-ancestors"))
        {
            assert!(PAGE_CSP.contains(directive), "{directive}");
        }
        assert!(!PAGE_CSP.contains("[::1]"), "not a valid CSP source");
        assert!(!PAGE_CSP.contains("unsafe-inline"));
    }

    #[test]
    fn the_build_writes_the_same_policy() {
        let build = include_str!("../../../scripts/build.py");
        assert!(
            build.contains(&format!("PAGE_CSP = \"{}\"\n", page_csp())),
            "scripts/build.py's PAGE_CSP differs from hosting_nginx::PAGE_CSP"
        );
        let html = include_str!("../../../index.html");
        assert!(
            !html.contains("Content-Security-Policy"),
            "index.html's policy is the build's, with the import map's hash"
        );
    }

    #[test]
    fn committed_reference_config_is_the_rendered_default() {
        assert_eq!(
            include_str!("../../../hosting/nginx.conf"),
            render(&HostingParams::reference()).unwrap(),
            "hosting/nginx.conf is stale: run `cargo run --example hosting_config > hosting/nginx.conf`"
        );
    }

    #[test]
    fn refuses_values_that_would_break_the_config() {
        let bad = HostingParams {
            root: "/srv/x; evil".into(),
            ..HostingParams::reference()
        };
        assert!(render(&bad).is_err());
        let bad = HostingParams {
            listen: "8020".into(),
            ..HostingParams::reference()
        };
        assert!(render(&bad).is_err());
    }
}
