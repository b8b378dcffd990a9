//! Entry point: installs the panic hook and mounts the page. Everything else is in the library,
//! so tests can mount the components.

#[cfg(target_arch = "wasm32")]
fn main() {
    console_error_panic_hook::set_once();
    dao_onboard::ui::start();
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!("dao-onboard is a web page: run `scripts/serve.sh` and open http://127.0.0.1:8080");
}
