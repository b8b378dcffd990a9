#!/usr/bin/env bash
# Checks a hosted copy of the page against this checkout's build, or against a release manifest.
#
#   scripts/verify.sh [--manifest FILE] PAGE_URL
#
# PAGE_URL is where the page is served (https://example.org/dao-onboard/). Without --manifest,
# this checkout is built for that URL's path (scripts/build.py release, into target/verify/);
# with it, nothing is built, and only bash, curl and Python's standard library are needed.
#
# It fetches index.html and every file of the build (the ones index.html pins and their
# precompressed copies, as the host hands them out to a browser that asks for br, gzip or
# nothing), prints one line per file and exits 1 naming each file that differs or is missing.
# It also reports, without failing, the host's security headers against the reference
# (hosting/nginx.conf) and the host's config.json against the page's facts: config.json is not
# pinned by design (it changes endpoints), so read what it changes.
set -euo pipefail
cd "$(dirname "$0")/.."

manifest=""
if [ "${1:-}" = "--manifest" ]; then
  manifest=${2:?--manifest needs a file}
  shift 2
fi
url=${1:?usage: scripts/verify.sh [--manifest FILE] PAGE_URL}
command -v curl >/dev/null || { echo "verify.sh: needs curl" >&2; exit 2; }

if [ -z "$manifest" ]; then
  # The page's path decides its URLs inside index.html: build for the same one.
  path=$(python3 -c 'import sys, urllib.parse; p = urllib.parse.urlsplit(sys.argv[1]).path or "/"; print(p[: p.rindex("/") + 1])' "$url")
  echo "==> building this checkout for $path (scripts/build.py release)" >&2
  python3 scripts/build.py release --public-url "$path" --dist target/verify/dist --out target/verify/release >&2
  manifest=$(ls target/verify/release/*.manifest.json)
fi

exec python3 - "$manifest" "$url" hosting/nginx.conf <<'PY'
import hashlib, json, pathlib, re, subprocess, sys, tempfile, urllib.parse

manifest_file, url, reference_conf = sys.argv[1:4]
manifest = json.loads(pathlib.Path(manifest_file).read_text(encoding="utf-8"))
base = url if url.endswith("/") else url[: url.rindex("/") + 1]
path = urllib.parse.urlsplit(base).path or "/"
print(f"{manifest['name']} {manifest['version']} ({manifest.get('commit') or 'commit unknown'}), "
      f"index.html {manifest['index_html_sha256'][:16]}…, against {base}")
if manifest["public_url"] != path:
    print(f"note: the manifest was built for {manifest['public_url']}, the page is at {path}: "
          f"index.html names its files by that path, so it differs (build for {path} instead)")

curl_version = subprocess.run(["curl", "--version"], capture_output=True, text=True).stdout
encodings = ["identity", "gzip"] + (["br"] if "brotli" in curl_version.lower() else [])
if "br" not in encodings:
    print("note: this curl cannot decode brotli: the .br copies are not checked")


def fetch(relative, encoding="identity"):
    """(status, headers, body decoded) as a browser asking for `encoding` would get it."""
    with tempfile.NamedTemporaryFile() as body, tempfile.NamedTemporaryFile() as head:
        command = ["curl", "-sS", "--globoff", "--max-time", "60", "-o", body.name, "-D", head.name,
                   "-w", "%{http_code}", "-H", f"Accept-Encoding: {encoding}"]
        if encoding != "identity":
            command.append("--compressed")
        done = subprocess.run(command + [urllib.parse.urljoin(base, relative)],
                              capture_output=True, text=True)
        if done.returncode != 0:
            return None, {}, b""
        headers = {}
        for line in pathlib.Path(head.name).read_text(encoding="latin-1").splitlines():
            if line.startswith("HTTP/"):
                headers = {}
            elif ":" in line:
                key, value = line.split(":", 1)
                headers.setdefault(key.strip().lower(), value.strip())
        return int(done.stdout or 0), headers, pathlib.Path(body.name).read_bytes()


files = {f["path"]: f for f in manifest["files"]}
served = sorted(p for p in files if not p.endswith((".gz", ".br")))
problems = []
for name in served:
    want = files[name]["sha256"]
    # A precompressed copy is what a browser asking for that encoding gets: check each.
    asked = [e for e in encodings
             if e == "identity" or f"{name}.{'gz' if e == 'gzip' else 'br'}" in files]
    verdicts = []
    for encoding in asked:
        status, _, body = fetch(name, encoding)
        if status != 200:
            verdicts.append(f"missing as {encoding} ({status or 'no answer'})")
        elif hashlib.sha256(body).hexdigest() != want:
            verdicts.append(f"differs as {encoding}")
    if verdicts:
        problems.append(name)
        print(f"DIFFERS  {name}: {', '.join(verdicts)}")
    else:
        print(f"ok       {name} ({', '.join(asked)})")

# The host's headers, against the reference server's (a report, not a verdict).
print("\nsecurity headers of index.html (reported, not checked):")
reference = dict(re.findall(r'add_header ([\w-]+) "([^"]*)" always;',
                            pathlib.Path(reference_conf).read_text(encoding="utf-8")))
_, headers, _ = fetch("")
for header in ("Content-Security-Policy", "Integrity-Policy", "X-Content-Type-Options",
               "Cross-Origin-Opener-Policy", "Referrer-Policy"):
    got, want = headers.get(header.lower()), reference.get(header)
    verdict = "as the reference" if got == want else ("missing" if got is None else "differs")
    print(f"  {header}: {verdict}" + ("" if got == want else f" (host: {got!r}; reference: {want!r})"))
csp = headers.get("content-security-policy", "")
print("  frame-ancestors: " + ("'none'" if "frame-ancestors 'none'" in csp
                                else "not forbidden: the page can be framed by another site"))

# config.json: not pinned (it changes endpoints); say what it changes against the facts.
print("\nconfig.json (not pinned by design; reported, not checked):")
status, headers, body = fetch("config.json")
if status != 200 or "json" not in headers.get("content-type", ""):
    print(f"  none ({status or 'no answer'}): the page uses its own facts")
else:
    try:
        config = json.loads(body)
    except ValueError:
        config = None
        print("  not JSON: the page says so and keeps its own facts")

    def flat(value, prefix=""):
        if isinstance(value, dict):
            for key, inner in value.items():
                yield from flat(inner, f"{prefix}{key}.")
        else:
            yield prefix[:-1], value

    defaults = dict(flat(manifest["site_defaults"]))
    for key, value in flat(config) if isinstance(config, dict) else []:
        if key.startswith("$"):
            continue
        if key.endswith(".apiClientId"):
            ids = {k.rsplit(".", 1)[1]: v for k, v in defaults.items() if k.startswith(key + ".")}
            default = ", ".join(f"{brand}: {v or 'not published'}" for brand, v in ids.items())
        else:
            default = defaults.get(key, "(not a field the page knows: it refuses the file)")
        if value != default:
            own = "none" if default is None else repr(default)
            print(f"  {key}: {value!r} (the page's own: {own})")

print()
if problems:
    print(f"NOT VERIFIED: {len(problems)} of {len(served)} files differ or are missing: "
          + ", ".join(problems))
    sys.exit(1)
print(f"verified: all {len(served)} files are this build's, byte for byte")
PY
