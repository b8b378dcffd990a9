#!/usr/bin/env python3
"""Places the split build's pieces (scripts/split_build.sh) and writes the page's boot tags.

    split_pieces.py PIECES STAGING HEAD_HTML PUBLIC_URL

PIECES holds what the splitter, wasm-bindgen and wasm-opt made: dao-onboard.js,
dao-onboard_bg.wasm (the first download), __wasm_split.js (the loader) and the chunk(s). They
refer to each other by their literal names (the loader imports "./dao-onboard.js" and fetches
"./split_rest.wasm" next to itself), so the names stay and the folder they go to is named by
the hash of all of them: app-<16 hex>/ in STAGING. A changed piece makes a new folder, so every
file in one can be cached for good (hosting/nginx.conf), and no file is rewritten.

HEAD_HTML gets what index.html inlines (Trunk's `rel="inline"`): a modulepreload of the main JS
and a preload of the main wasm, both with their SHA-384 integrity (as Trunk writes for its own
build), and boot.js's script tag with the two URLs (boot.js starts the app; no inline script,
for the page's CSP). The chunk is not preloaded: the page asks for it after the first paint.
Every value put into the HTML is escaped as an attribute value.
"""

import base64
import hashlib
import html
import pathlib
import shutil
import sys

MAIN_JS = "dao-onboard.js"
MAIN_WASM = "dao-onboard_bg.wasm"


def integrity(data: bytes) -> str:
    return "sha384-" + base64.b64encode(hashlib.sha384(data).digest()).decode("ascii")


def tag(name: str, attributes: list[tuple[str, str | None]]) -> str:
    """One start tag; `None` is an attribute without a value."""
    parts = [name]
    for key, value in attributes:
        parts.append(key if value is None else f'{key}="{html.escape(value, quote=True)}"')
    return "<" + " ".join(parts) + ">"


def main() -> None:
    pieces, staging, head_html, public_url = sys.argv[1:5]
    pieces = pathlib.Path(pieces)
    files = sorted(p for p in pieces.iterdir() if p.is_file())
    names = {p.name for p in files}
    for needed in (MAIN_JS, MAIN_WASM, "__wasm_split.js"):
        if needed not in names:
            sys.exit(f"split_pieces.py: {needed} missing in {pieces}")

    digest = hashlib.sha256()
    for path in files:
        digest.update(path.name.encode() + b"\0" + path.read_bytes() + b"\0")
    folder = "app-" + digest.hexdigest()[:16]
    target = pathlib.Path(staging) / folder
    target.mkdir(parents=True, exist_ok=True)
    for path in files:
        shutil.copyfile(path, target / path.name)

    base = public_url if public_url.endswith("/") else public_url + "/"
    js_url = f"{base}{folder}/{MAIN_JS}"
    wasm_url = f"{base}{folder}/{MAIN_WASM}"
    js_integrity = integrity((pieces / MAIN_JS).read_bytes())
    wasm_integrity = integrity((pieces / MAIN_WASM).read_bytes())
    lines = [
        tag("link", [("rel", "modulepreload"), ("href", js_url), ("crossorigin", "anonymous"),
                     ("integrity", js_integrity)]),
        tag("link", [("rel", "preload"), ("href", wasm_url), ("crossorigin", "anonymous"),
                     ("integrity", wasm_integrity), ("as", "fetch"), ("type", "application/wasm")]),
        tag("script", [("type", "module"), ("src", f"{base}boot.js"), ("data-js", js_url),
                       ("data-wasm", wasm_url)]) + "</script>",
    ]
    head = pathlib.Path(head_html)
    head.parent.mkdir(parents=True, exist_ok=True)
    head.write_text("\n".join(lines) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
