#!/usr/bin/env python3
"""The built page's bytes: what the first visit downloads before the page is usable, and what
comes after the first paint, per file (raw, and the build's own .gz and .br copies, which
hosting/nginx.conf serves).

    first_download.py DIST                   print the Markdown table rows
    first_download.py DIST --budget GZ BR    also fail (exit 1) when the first download is over
                                             GZ bytes gzip or BR bytes brotli
    first_download.py DIST --files           print the first download's files, one per line
                                             (tests/e2e_late_parts.rs compares them with what the
                                             browser fetched before the page was usable)

The first download is index.html, every file it links or loads (stylesheet, preloads, boot.js's
script and the two URLs boot.js starts), and the JS modules those import statically (the split
build's main JS imports the chunk loader). Everything else in DIST is fetched later: the wasm
chunk (the parts after step 1) and the late tables. Bytes are deterministic for the pinned
toolchain, so the budget is a CI check; times are not (scripts/bench.sh).
"""

import html.parser
import os
import pathlib
import re
import sys
import urllib.parse

STATIC_IMPORT = re.compile(r'^\s*import\s[^;]*?from\s*"(\.{1,2}/[^"]+)"', re.M)


class References(html.parser.HTMLParser):
    """The URLs index.html makes the browser fetch at once."""

    def __init__(self):
        super().__init__()
        self.urls = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "link" and attrs.get("rel") in ("stylesheet", "modulepreload", "preload"):
            self.urls.append(attrs["href"])
        if tag == "script" and attrs.get("src"):
            self.urls.append(attrs["src"])
            for key in ("data-js", "data-wasm"):
                if attrs.get(key):
                    self.urls.append(attrs[key])


def in_dist(dist: pathlib.Path, url: str) -> pathlib.Path:
    """The file a URL of the page names: its path under the public URL (`/` or a sub-path
    build's `/dao-onboard/`), found as the longest tail of the path that is a file in DIST."""
    parts = [p for p in urllib.parse.urlparse(url).path.split("/") if p]
    for start in range(len(parts)):
        candidate = dist.joinpath(*parts[start:])
        if candidate.is_file():
            return candidate
    sys.exit(f"first_download.py: index.html refers to {url}, which is not in {dist}")


def first_download(dist: pathlib.Path) -> list[pathlib.Path]:
    page = dist / "index.html"
    parser = References()
    parser.feed(page.read_text(encoding="utf-8"))
    files = {page}
    todo = [in_dist(dist, url) for url in parser.urls]
    while todo:
        file = todo.pop()
        if file in files:
            continue
        files.add(file)
        if file.suffix == ".js":
            for spec in STATIC_IMPORT.findall(file.read_text(encoding="utf-8")):
                todo.append(pathlib.Path(os.path.normpath(file.parent / spec)))
    return sorted(files)


def sizes(file: pathlib.Path) -> tuple[int, int, int]:
    gz = pathlib.Path(str(file) + ".gz")
    br = pathlib.Path(str(file) + ".br")
    if not gz.is_file() or not br.is_file():
        sys.exit(f"first_download.py: {file} has no .gz or .br copy (Trunk.toml's post_build hook)")
    return file.stat().st_size, gz.stat().st_size, br.stat().st_size


def shown(dist: pathlib.Path, file: pathlib.Path) -> str:
    name = str(file.relative_to(dist))
    # Hashes change with every build; the table names the files.
    return re.sub(r"-[0-9a-f]{16}", "-…", name)


def main() -> None:
    dist = pathlib.Path(sys.argv[1])
    first = first_download(dist)
    if sys.argv[2:] == ["--files"]:
        for file in first:
            print(file.relative_to(dist))
        return
    later = sorted(
        f for f in dist.rglob("*")
        if f.is_file() and f.suffix not in (".gz", ".br") and f not in first
        and f.suffix in (".wasm", ".js", ".json", ".css", ".html")
    )
    totals = {}
    for label, files in (("first download", first), ("after the first paint", later)):
        total = [0, 0, 0]
        for file in files:
            raw, gz, br = sizes(file)
            total = [total[0] + raw, total[1] + gz, total[2] + br]
            print(f"| {shown(dist, file)} ({label}) | {raw} B raw, {gz} B gzip, {br} B brotli | |")
        totals[label] = total
        print(f"| **{label}, total** | **{total[0]} B raw, {total[1]} B gzip, {total[2]} B brotli** | |")
    whole = [a + b for a, b in zip(totals["first download"], totals["after the first paint"])]
    print(f"| **whole page** | **{whole[0]} B raw, {whole[1]} B gzip, {whole[2]} B brotli** | |")

    if len(sys.argv) == 5 and sys.argv[2] == "--budget":
        budget_gz, budget_br = int(sys.argv[3]), int(sys.argv[4])
        _, gz, br = totals["first download"]
        if gz > budget_gz or br > budget_br:
            print(
                f"first download over its budget: {gz} B gzip (budget {budget_gz}), "
                f"{br} B brotli (budget {budget_br}); README's Benchmarks name the levers",
                file=sys.stderr,
            )
            sys.exit(1)
        print(f"first download within its budget: {gz} ≤ {budget_gz} B gzip, {br} ≤ {budget_br} B brotli",
              file=sys.stderr)


if __name__ == "__main__":
    main()
