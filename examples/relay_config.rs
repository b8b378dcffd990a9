//! Renders the reference nginx relay configuration.
//!
//! ```text
//! cargo run --example relay_config -- [--origin URL] [--listen HOST:PORT] [--resolver IP]
//!                                     [--log-dir DIR] [--target URL]... [--timeout SECONDS]
//!                                     [--real-ip-from ADDRESS]
//!                                     [--tls-certificate FILE --tls-key FILE]
//! ```
//! Without `--target`, the allowlist is every endpoint of the facts table. With
//! `--real-ip-from` (the address or network of a TLS terminator in front of the relay), the
//! per-client limits count the client address the terminator passes on in `X-Forwarded-For`.

use dao_onboard::domain::runnable::relay_nginx::{render, RelayParams, TlsFiles};

fn main() {
    let mut params = RelayParams::local_default();
    let mut targets = Vec::new();
    let (mut certificate, mut key) = (None, None);
    let mut args = std::env::args().skip(1);
    while let Some(flag) = args.next() {
        if flag == "--help" || flag == "-h" {
            println!("usage: relay_config [--origin URL] [--listen HOST:PORT] [--resolver IP|none] [--log-dir DIR] [--target URL]... [--timeout SECONDS] [--real-ip-from ADDRESS] [--tls-certificate FILE --tls-key FILE]");
            return;
        }
        let Some(value) = args.next() else {
            eprintln!("relay_config: {flag} needs a value");
            std::process::exit(2);
        };
        match flag.as_str() {
            "--origin" => params.page_origin = value,
            "--listen" => params.listen = value,
            "--resolver" if value == "none" => params.resolver = None,
            "--resolver" => params.resolver = Some(value),
            "--log-dir" => params.log_dir = value,
            "--target" => targets.push(value),
            "--real-ip-from" => params.real_ip_from = Some(value),
            "--tls-certificate" => certificate = Some(value),
            "--tls-key" => key = Some(value),
            "--timeout" => {
                if let Ok(seconds) = value.parse() {
                    params.timeout_seconds = seconds;
                } else {
                    eprintln!("relay_config: --timeout takes whole seconds");
                    std::process::exit(2);
                }
            }
            other => {
                eprintln!("relay_config: unknown option {other} (see --help)");
                std::process::exit(2);
            }
        }
    }
    if !targets.is_empty() {
        params.targets = targets;
    }
    params.tls = match (certificate, key) {
        (None, None) => None,
        (Some(certificate), Some(key)) => Some(TlsFiles { certificate, key }),
        _ => {
            eprintln!("relay_config: --tls-certificate and --tls-key go together");
            std::process::exit(2);
        }
    };
    match render(&params) {
        Ok(conf) => print!("{conf}"),
        Err(err) => {
            eprintln!("relay_config: {err}");
            std::process::exit(1);
        }
    }
}
