#!/usr/bin/env bash
# Trunk's pre_build hook (Trunk.toml): builds the page's wasm in two parts. index.html's Rust
# link is `data-trunk-skip`, so this script is the page's Rust build:
#   1. cargo links the app with the `split` feature and `--emit-relocs` (the splitter needs the
#      relocations), so the parts after step 1 (src/ui/parts.rs) are split points;
#   2. wasm-split-cli cuts the wasm into the first download and the chunk, and writes the JS
#      loader that fetches the chunk;
#   3. wasm-bindgen writes the main JS (`--keep-lld-exports`: the chunk links against them);
#   4. binaryen's wasm-opt -Oz on each wasm piece (release builds);
#   5. scripts/split_pieces.py puts the pieces into a folder named by their content hash in the
#      staging dist, and writes target/split/head.html (the preload links and the boot script
#      with integrity hashes), which index.html inlines.
# Every tool is pinned by scripts/setup.sh. Steps 2-4 are kept per raw wasm (by its hash), so the
# sub-path build of the same code only copies.
set -euo pipefail
cd "${TRUNK_SOURCE_DIR:-$(dirname "$0")/..}"
: "${TRUNK_STAGING_DIR:?run by trunk (Trunk.toml pre_build hook)}"

if [ "${TRUNK_PROFILE:-release}" = release ]; then
  profile_flag=--release
  profile_dir=release
else
  profile_flag=
  profile_dir=debug
fi
# `cargo rustc` puts --emit-relocs on the final link only, so the dependencies' builds are the
# same as every other wasm build's (no rebuild for changed RUSTFLAGS).
# No path of the build machine may end up in a shipped file (panic locations name source files):
# the checkout and CARGO_HOME are remapped for every crate of this build (cargo's --config adds
# these flags to .cargo/config.toml's), so the same commit built elsewhere gives the same bytes.
cargo_home=$(cd "${CARGO_HOME:-$HOME/.cargo}" && pwd -P)
checkout=$(pwd -P)
remap="target.wasm32-unknown-unknown.rustflags=[\"--remap-path-prefix=$cargo_home=/cargo\",\"--remap-path-prefix=$checkout=/src\"]"
cargo rustc $profile_flag --locked --target wasm32-unknown-unknown --features split \
  --config "$remap" --bin dao-onboard -- -C link-args=--emit-relocs
raw="target/wasm32-unknown-unknown/$profile_dir/dao-onboard.wasm"

work="target/split/$(sha256sum "$raw" | cut -c1-16)"
if [ ! -f "$work/pieces/dao-onboard.js" ]; then
  rm -rf "$work"
  mkdir -p "$work/pieces"
  wasm-split-cli "$raw" "$work/split" --out-name dao-onboard --target web
  wasm-bindgen --target web --keep-lld-exports --no-typescript --out-name dao-onboard \
    --out-dir "$work/bindgen" "$work/split/dao-onboard.wasm"
  cp "$work/bindgen/dao-onboard.js" "$work/split/__wasm_split.js" "$work/pieces/"
  # As Trunk calls it: -Oz with binaryen's default features, in release builds only.
  optimise() {
    if [ -n "$profile_flag" ]; then node_modules/.bin/wasm-opt -Oz "$1" -o "$2"; else cp "$1" "$2"; fi
  }
  optimise "$work/bindgen/dao-onboard_bg.wasm" "$work/pieces/dao-onboard_bg.wasm"
  for piece in "$work"/split/*.wasm; do
    name=$(basename "$piece")
    [ "$name" = dao-onboard.wasm ] && continue
    optimise "$piece" "$work/pieces/$name"
  done
fi
# The pieces of this build, for scripts/bench.sh (cargo's raw wasm may be overwritten by a
# later test build of the binary).
ln -sfn "$(basename "$work")" target/split/current
python3 scripts/split_pieces.py "$work/pieces" "$TRUNK_STAGING_DIR" target/split/head.html \
  "${TRUNK_PUBLIC_URL:-/}"
