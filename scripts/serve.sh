#!/usr/bin/env bash
# Sets everything up and serves the page at http://127.0.0.1:8080 (release build).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
source scripts/env.sh
mkdir -p target # Trunk.toml's [watch] ignores it, so it must exist
echo "==> building; the page will be at http://127.0.0.1:8080" >&2
exec trunk serve --release "$@"
