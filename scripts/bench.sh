#!/usr/bin/env bash
# Builds the release page and prints one table of figures: bytes per file (raw, and the
# build's own gzip and brotli copies), the first download and the rest apart, with the totals
# and the largest crates of each wasm piece, time to first interactive render in headless Chromium, the
# first visit on an emulated slow line (brotli and gzip), the
# whole assertion against the bare WebCrypto signature, key import and generation, and the ping
# check of a 1 MB answer. Figures, not pass/fail.
#   scripts/bench.sh                  print the table
#   scripts/bench.sh --update-readme  also put it into README.md between the bench markers
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
source scripts/env.sh

trunk build --release --locked >&2
figures=$(mktemp)
table=$(mktemp)
trap 'rm -f "$figures" "$table"' EXIT

{
  echo "| figure | value | note |"
  echo "|---|---|---|"
  # Per file, the first download and what comes after the first paint apart (the build's
  # own precompressed copies: what hosting/nginx.conf serves); the budget is .ci's check.
  python3 scripts/first_download.py dist
} > "$table"

echo "==> native and Chromium benchmarks" >&2
cargo test --release --locked --test bench -- --ignored --nocapture --test-threads 1 2>/dev/null | grep -o 'BENCH|.*' >> "$figures" || true
echo "==> relay benchmarks (nginx, oha)" >&2
OHA_VERSION=1.16.0
if [ "$(oha --version 2>/dev/null)" != "oha $OHA_VERSION" ]; then
  cargo install --locked oha --version "$OHA_VERSION" >&2
fi
cargo test --release --locked --test bench_relay -- --ignored --nocapture --test-threads 1 2>/dev/null | grep -o 'BENCH|.*' >> "$figures" || true
echo "==> browser benchmarks (wasm, release)" >&2
cargo test --release --locked --target wasm32-unknown-unknown --test bench_web -- --nocapture 2>/dev/null \
  | grep -o 'BENCH|.*' >> "$figures" || true
while IFS='|' read -r _ name value unit note; do
  echo "| $name | $value $unit | $note |"
done < "$figures" >> "$table"
# The split build's pieces before wasm-bindgen and wasm-opt (scripts/build.py keeps them,
# target/split/current being this build's).
split="target/split/current/split"
crates() {
  python3 scripts/wasm_crates.py "$1" 16 \
    | grep -v 'removed by wasm-bindgen' | head -12 \
    | while IFS='|' read -r crate bytes share; do echo "| $crate | $bytes B | $share % |"; done
}
{
  echo
  echo "Largest shares of each wasm piece by crate (function bodies of the split build's pieces,"
  echo "before wasm-bindgen and wasm-opt; \`scripts/wasm_crates.py\`):"
  echo
  echo "| first download: crate | bytes | share |"
  echo "|---|---|---|"
  crates "$split/dao-onboard.wasm"
  echo
  echo "| the chunk (after the first paint): crate | bytes | share |"
  echo "|---|---|---|"
  crates "$split/split_rest.wasm"
} >> "$table"
echo >> "$table"
echo "Measured $(date -u +%Y-%m-%d) on $(nproc) cores with $(chromium --version 2>/dev/null | head -1)." >> "$table"

cat "$table"
if [ "${1:-}" = "--update-readme" ]; then
  python3 - "$table" <<'PY'
import pathlib, re, sys
table = pathlib.Path(sys.argv[1]).read_text()
readme = pathlib.Path("README.md")
text = readme.read_text()
new = re.sub(r"(<!-- bench:start -->\n).*?(<!-- bench:end -->)", lambda m: m.group(1) + table + m.group(2), text, flags=re.S)
readme.write_text(new)
PY
  echo "==> README.md updated" >&2
fi
