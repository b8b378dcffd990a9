#!/usr/bin/env bash
# Starts the reference relay on http://127.0.0.1:8010 with Debian's nginx, allowing the page that
# scripts/serve.sh serves at http://127.0.0.1:8080. It is relay/nginx.conf, rendered with this
# machine's DNS resolver. Ctrl+C stops it.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
source scripts/env.sh
run="$PWD/relay/run"
mkdir -p "$run/logs" "$run/tmp"
resolver=$(awk '/^nameserver/ { print $2; exit }' /etc/resolv.conf)
case "$resolver" in *:*) resolver="[$resolver]" ;; esac
cargo run --quiet --locked --example relay_config -- --resolver "${resolver:-127.0.0.53}" --log-dir logs > "$run/nginx.conf"
nginx -t -q -p "$run" -c "$run/nginx.conf"
echo "==> relay at http://127.0.0.1:8010/ for the page at http://127.0.0.1:8080 (logs in relay/run/logs)" >&2
exec nginx -p "$run" -c "$run/nginx.conf" -g 'daemon off;'
