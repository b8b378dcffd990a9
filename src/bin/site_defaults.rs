//! Prints what `config.json` may change, as the page holds it without one (the facts table), as
//! JSON in `config.json`'s shape. `scripts/build.py release` puts it into the release manifest,
//! so `scripts/verify.sh` can say what a host's `config.json` changes. A binary rather than an
//! example: an example would build every dev-dependency.

fn main() {
    println!("{}", dao_onboard::domain::facts::config::site_defaults());
}
