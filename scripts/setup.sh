#!/usr/bin/env bash
# Installs everything needed to build, serve and test the page, at pinned versions.
# Idempotent: what is already there at the right version is left alone. Nothing is downloaded
# from GitHub: Trunk uses the wasm-bindgen installed here and wasm-opt from npm.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/env.sh

TRUNK_VERSION=0.21.14
LEPTOSFMT_VERSION=0.1.33
BINARYEN_VERSION=132
# wasm-bindgen-cli must equal the wasm-bindgen crate in Cargo.lock.
WASM_BINDGEN_VERSION=$(awk '$0 == "name = \"wasm-bindgen\"" { getline; gsub(/"/, "", $3); print $3; exit }' Cargo.lock)

say() { printf '==> %s\n' "$*" >&2; }

missing=()
# brotli writes the build's .br files; the nginx module serves them (hosting/nginx.conf).
# firefox-esr: the integrity tests run the page in Firefox too (tests/integrity.rs).
for package in chromium chromium-driver firefox-esr nginx curl openssl brotli libnginx-mod-http-brotli-static; do
  dpkg -s "$package" >/dev/null 2>&1 || missing+=("$package")
done
# Runtimes for the backend programs' tests (tests/backend_code.rs).
command -v java >/dev/null 2>&1 || missing+=(openjdk-17-jdk-headless)
command -v node >/dev/null 2>&1 || missing+=(nodejs)
if [ "${#missing[@]}" -gt 0 ]; then
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo=sudo
  say "apt: ${missing[*]}"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${missing[@]}" >/dev/null
fi

if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  say "rustup: wasm32-unknown-unknown"
  rustup target add wasm32-unknown-unknown
fi

if [ "$(trunk --version 2>/dev/null)" != "trunk $TRUNK_VERSION" ]; then
  say "cargo install trunk $TRUNK_VERSION (about 7 minutes on 2 cores)"
  cargo install --locked trunk --version "$TRUNK_VERSION"
fi

if [ "$(leptosfmt --version 2>/dev/null)" != "leptosfmt $LEPTOSFMT_VERSION" ]; then
  say "cargo install leptosfmt $LEPTOSFMT_VERSION (about 2 minutes on 2 cores)"
  cargo install --locked leptosfmt --version "$LEPTOSFMT_VERSION"
fi

if [ "$(wasm-bindgen --version 2>/dev/null)" != "wasm-bindgen $WASM_BINDGEN_VERSION" ]; then
  say "cargo install wasm-bindgen-cli $WASM_BINDGEN_VERSION"
  # Not --locked: its own lock file pins a crate version the registry no longer serves.
  cargo install wasm-bindgen-cli --version "$WASM_BINDGEN_VERSION"
fi
if ! grep -q "^wasm_bindgen = \"$WASM_BINDGEN_VERSION\"" Trunk.toml; then
  echo "Trunk.toml [tools] wasm_bindgen must be $WASM_BINDGEN_VERSION, the version in Cargo.lock" >&2
  exit 1
fi

# The wasm split (scripts/build.py): crates.io's wasm-split-cli, which Leptos's
# `wasm_split` macros are made for (their wasm_split_helpers 0.2 pairs with this 0.2 line).
WASM_SPLIT_VERSION=0.2.4
# It has no --version: cargo's list of installed crates says which one is there.
if ! cargo install --list | grep -qx "wasm_split_cli_support v$WASM_SPLIT_VERSION:" || ! command -v wasm-split-cli >/dev/null; then
  say "cargo install wasm_split_cli_support $WASM_SPLIT_VERSION (wasm-split-cli, about 2 minutes on 2 cores)"
  cargo install --locked wasm_split_cli_support --version "$WASM_SPLIT_VERSION" --features build-binary
fi

# package-lock.json pins them all; puppeteer-core drives Chromium and Firefox in
# tests/integrity.rs (it downloads no browser).
PUPPETEER_VERSION=$(node -p "require('./package.json').devDependencies['puppeteer-core']")
if ! node_modules/.bin/wasm-opt --version 2>/dev/null | grep -q "version $BINARYEN_VERSION" || [ ! -f node_modules/axe-core/axe.min.js ] \
  || [ "$(node -p "require('./node_modules/puppeteer-core/package.json').version" 2>/dev/null)" != "$PUPPETEER_VERSION" ]; then
  say "npm ci (binaryen $BINARYEN_VERSION, axe-core, puppeteer-core $PUPPETEER_VERSION)"
  npm ci --no-audit --no-fund --loglevel=error
fi

# Python with the backend program's packages, pinned, in the project's own virtualenv.
PYJWT_VERSION=2.10.1
CRYPTOGRAPHY_VERSION=46.0.3
REQUESTS_VERSION=2.32.5
venv=.venv-backend
if ! "$venv/bin/python" -c "import jwt, cryptography, requests, sys; sys.exit(0 if (jwt.__version__, cryptography.__version__, requests.__version__) == ('$PYJWT_VERSION', '$CRYPTOGRAPHY_VERSION', '$REQUESTS_VERSION') else 1)" 2>/dev/null; then
  say "python venv: PyJWT $PYJWT_VERSION, cryptography $CRYPTOGRAPHY_VERSION, requests $REQUESTS_VERSION"
  python3 -m venv "$venv"
  "$venv/bin/pip" install --quiet --disable-pip-version-check \
    "PyJWT==$PYJWT_VERSION" "cryptography==$CRYPTOGRAPHY_VERSION" "requests==$REQUESTS_VERSION"
fi
