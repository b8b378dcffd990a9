//! Renders the reference nginx configuration for serving the built page.
//!
//! ```text
//! cargo run --example hosting_config -- [--listen HOST:PORT] [--root DIST_DIR] [--log-dir DIR]
//! ```

use dao_onboard::domain::runnable::hosting_nginx::{render, HostingParams};

fn main() {
    let mut params = HostingParams::reference();
    let mut args = std::env::args().skip(1);
    while let Some(flag) = args.next() {
        if flag == "--help" || flag == "-h" {
            println!(
                "usage: hosting_config [--listen HOST:PORT] [--root DIST_DIR] [--log-dir DIR]"
            );
            return;
        }
        let Some(value) = args.next() else {
            eprintln!("hosting_config: {flag} needs a value");
            std::process::exit(2);
        };
        match flag.as_str() {
            "--listen" => params.listen = value,
            "--root" => params.root = value,
            "--log-dir" => params.log_dir = value,
            other => {
                eprintln!("hosting_config: unknown option {other} (see --help)");
                std::process::exit(2);
            }
        }
    }
    match render(&params) {
        Ok(conf) => print!("{conf}"),
        Err(err) => {
            eprintln!("hosting_config: {err}");
            std::process::exit(1);
        }
    }
}
