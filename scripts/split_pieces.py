#!/usr/bin/env python3
"""Places the split build's pieces (scripts/split_build.sh) and writes the page's boot tags.

    split_pieces.py PIECES STAGING HEAD_HTML PUBLIC_URL

PIECES holds what the splitter, wasm-bindgen and wasm-opt made: dao-onboard.js,
dao-onboard_bg.wasm (the first download), __wasm_split.js (the loader) and the chunk(s). They
refer to each other by their literal names (the loader imports "./dao-onboard.js" and fetches
"./split_rest.wasm" next to itself), so the names stay and the folder they go to is named by
the hash of all of them: app-<16 hex>/ in STAGING. A changed piece makes a new folder, so every
file in one can be cached for good (hosting/nginx.conf), and no file is rewritten.

HEAD_HTML gets what index.html inlines (Trunk's `rel="inline"`) at the top of its head, so that
index.html pins every byte the page executes (SHA-384, as Trunk writes for its own build):
  - the page's Content-Security-Policy (PAGE_CSP, = domain::hosting_config::PAGE_CSP, a test
    keeps them equal) with the import map's SHA-256 added to script-src: the one inline script;
  - the import map, whose `integrity` pins the JS modules (the main JS and the chunk loader),
    however they are imported (boot.js's dynamic import, the loader's static one);
  - a modulepreload of the main JS and a preload of the main wasm, both with their integrity
    (boot.js fetches the wasm with the preload's integrity: a fetch without it would not use the
    preload, and would check nothing);
  - boot.js's script tag with its integrity and the two URLs (boot.js starts the app).
The chunk loader (wasm-split's __wasm_split.js) fetches each chunk with the chunk's integrity,
written into its fetch here, before the loader's own hash is taken. The chunk is not preloaded:
the page asks for it after the first paint. Every value put into the HTML is escaped.
"""

import base64
import json
import hashlib
import html
import pathlib
import re
import sys

MAIN_JS = "dao-onboard.js"
MAIN_WASM = "dao-onboard_bg.wasm"
LOADER_JS = "__wasm_split.js"
BOOT_JS = "boot.js"
# = domain::hosting_config::PAGE_CSP (a test keeps them equal); one line, so the test finds it.
PAGE_CSP = "default-src 'none'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; img-src 'self' data:; font-src 'self'; connect-src 'self' https: http://127.0.0.1:* http://localhost:*; base-uri 'none'; form-action 'none'; object-src 'none'; manifest-src 'self'"
# wasm-split-cli 0.2.4 writes one such fetch per chunk into the loader.
CHUNK_FETCH = re.compile(r'fetch\(new URL\("\./([A-Za-z0-9_.-]+\.wasm)", import\.meta\.url\)\)')


def integrity(data: bytes) -> str:
    return "sha384-" + base64.b64encode(hashlib.sha384(data).digest()).decode("ascii")


def csp_with_script_hash(script: str) -> str:
    """PAGE_CSP with the inline script's SHA-256 allowed in script-src."""
    source = "'sha256-" + base64.b64encode(hashlib.sha256(script.encode()).digest()).decode() + "'"
    policy = PAGE_CSP.replace("script-src 'self' 'wasm-unsafe-eval'",
                              f"script-src 'self' 'wasm-unsafe-eval' {source}")
    if source not in policy:
        sys.exit("split_pieces.py: PAGE_CSP has no script-src to add the import map to")
    return policy


def pin_chunks(loader: str, chunks: dict[str, bytes]) -> str:
    """The loader with each chunk's fetch carrying the chunk's integrity; every chunk must have
    exactly one fetch, so a new wasm-split output format fails the build instead of loading
    chunks unchecked."""
    seen = []

    def pinned(match: re.Match) -> str:
        name = match.group(1)
        if name not in chunks:
            sys.exit(f"split_pieces.py: the loader fetches {name}, which is not a piece")
        seen.append(name)
        return match.group(0)[:-1] + ", { integrity: " + json.dumps(integrity(chunks[name])) + " })"

    patched = CHUNK_FETCH.sub(pinned, loader)
    if sorted(seen) != sorted(chunks):
        sys.exit(f"split_pieces.py: the loader fetches {sorted(seen)}, the chunks are {sorted(chunks)}")
    return patched


def tag(name: str, attributes: list[tuple[str, str | None]]) -> str:
    """One start tag; `None` is an attribute without a value."""
    parts = [name]
    for key, value in attributes:
        # Double-quoted values: `&`, `<`, `>` and `"` escaped (`'`, frequent in the policy, need not be).
        escaped = html.escape(value, quote=False).replace('"', "&quot;") if value is not None else None
        parts.append(key if escaped is None else f'{key}="{escaped}"')
    return "<" + " ".join(parts) + ">"


def main() -> None:
    pieces, staging, head_html, public_url = sys.argv[1:5]
    pieces = pathlib.Path(pieces)
    contents = {p.name: p.read_bytes() for p in sorted(pieces.iterdir()) if p.is_file()}
    for needed in (MAIN_JS, MAIN_WASM, LOADER_JS):
        if needed not in contents:
            sys.exit(f"split_pieces.py: {needed} missing in {pieces}")
    chunks = {name: data for name, data in contents.items()
              if name.endswith(".wasm") and name != MAIN_WASM}
    contents[LOADER_JS] = pin_chunks(contents[LOADER_JS].decode("utf-8"), chunks).encode("utf-8")

    digest = hashlib.sha256()
    for name, data in contents.items():
        digest.update(name.encode() + b"\0" + data + b"\0")
    folder = "app-" + digest.hexdigest()[:16]
    target = pathlib.Path(staging) / folder
    target.mkdir(parents=True, exist_ok=True)
    for name, data in contents.items():
        (target / name).write_bytes(data)

    base = public_url if public_url.endswith("/") else public_url + "/"
    url = {name: f"{base}{folder}/{name}" for name in contents}
    boot_js = pathlib.Path(BOOT_JS).read_bytes()
    import_map = json.dumps({"integrity": {url[name]: integrity(contents[name])
                                           for name in (MAIN_JS, LOADER_JS)}},
                            separators=(",", ":")).replace("<", "\\u003c")
    lines = [
        tag("meta", [("http-equiv", "Content-Security-Policy"),
                     ("content", csp_with_script_hash(import_map))]),
        f'<script type="importmap">{import_map}</script>',
        tag("link", [("rel", "modulepreload"), ("href", url[MAIN_JS]), ("crossorigin", "anonymous"),
                     ("integrity", integrity(contents[MAIN_JS]))]),
        tag("link", [("rel", "preload"), ("href", url[MAIN_WASM]), ("crossorigin", "anonymous"),
                     ("integrity", integrity(contents[MAIN_WASM])), ("as", "fetch"),
                     ("type", "application/wasm")]),
        tag("script", [("type", "module"), ("src", f"{base}{BOOT_JS}"),
                       ("integrity", integrity(boot_js)), ("data-js", url[MAIN_JS]),
                       ("data-wasm", url[MAIN_WASM])]) + "</script>",
    ]
    head = pathlib.Path(head_html)
    head.parent.mkdir(parents=True, exist_ok=True)
    head.write_text("\n".join(lines) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
