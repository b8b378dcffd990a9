#!/usr/bin/env bash
# Sets everything up and serves the page at http://127.0.0.1:8080 (release build).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
source scripts/env.sh
# Trunk.toml's [watch] ignores these, and `trunk serve` stops when an ignored path is missing.
mkdir -p target release release.partial
echo "==> building; the page will be at http://127.0.0.1:8080" >&2
exec trunk serve --release "$@"
