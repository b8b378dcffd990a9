#!/usr/bin/env bash
# Sets everything up and runs every test: formatting and lints, the release and sub-path builds,
# the release built again elsewhere and compared byte for byte, native tests (domain, integration, end to end in Chromium with the nginx relay) and the
# browser tests. Ends with one "N passed, N failed" line.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
source scripts/env.sh

step() { printf '\n==> %s\n' "$*" >&2; }
results=$(mktemp)
trap 'rm -f "$results"' EXIT

step "rustfmt and leptosfmt (the view! blocks)"
cargo fmt --all -- --check
leptosfmt --quiet --check src/ tests/
step "clippy (native)"
cargo clippy --all-targets --locked -- -D warnings
step "clippy (wasm)"
cargo clippy --target wasm32-unknown-unknown --lib --bins --test web --test web_workspace --test web_late --test bench_web --locked -- -D warnings

step "clippy (wasm, with the split points of the shipped build)"
cargo clippy --target wasm32-unknown-unknown --lib --bins --features split --locked -- -D warnings

step "shipped dependency graph: no bignum or curve arithmetic in the wasm"
# The private key lives in WebCrypto; the page must not link a software signer.
if cargo tree --locked --target wasm32-unknown-unknown -e normal --prefix none \
  | grep -E '^(rsa|num-bigint-dig|num-bigint|crypto-bigint|p256|p384|k256|elliptic-curve|ecdsa|primeorder|ring) v'; then
  echo "the shipped wasm links the crates above: private-key work belongs to WebCrypto" >&2
  exit 1
fi

step "release build (dist/ and release/: scripts/build.py release)"
python3 scripts/build.py release
step "release build under a sub-path (dist-subpath/)"
trunk build --release --locked --public-url /dao-onboard/ --dist dist-subpath
step "reproducible: the release built again in another folder with another CARGO_HOME, compared"
python3 scripts/build.py reproduce
# Bytes are deterministic for the pinned toolchain: the first download (index.html with its
# first screen, and what it loads before the wasm has taken over) may not grow past what it is
# now plus about 1 % (brotli moves by a few hundred bytes between builds of same-size code).
# The issue's targets are lower; README names the next levers.
FIRST_DOWNLOAD_BUDGET_GZIP=204600
FIRST_DOWNLOAD_BUDGET_BROTLI=166900
step "byte budget of the first download (scripts/first_download.py)"
python3 scripts/first_download.py dist --budget "$FIRST_DOWNLOAD_BUDGET_GZIP" "$FIRST_DOWNLOAD_BUDGET_BROTLI" >/dev/null

# Both suites run even if the first fails, so the summary counts everything.
status=0
step "native tests: domain, integration, end to end"
cargo test --locked --no-fail-fast 2>&1 | tee -a "$results" || status=1
step "browser tests: headless Chromium"
cargo test --locked --no-fail-fast --target wasm32-unknown-unknown --test web --test web_workspace --test web_late 2>&1 | tee -a "$results" || status=1

awk '/^test result:/ {
       for (i = 1; i <= NF; i++) {
         if ($(i+1) ~ /^passed/) passed += $i
         if ($(i+1) ~ /^failed/) failed += $i
       }
     }
     END { printf "\n%d passed, %d failed\n", passed, failed }' "$results"
exit "$status"
