#!/usr/bin/env python3
"""The page's build driver: every step from the Rust source to dist/ and the release, in order.

    scripts/build.py pre-build     Trunk's pre_build hook (Trunk.toml): the wasm, in two pieces
    scripts/build.py post-build    Trunk's post_build hook: precompressed copies of every file
    scripts/build.py release       trunk build --release, then release/: archive, manifest, sums
    scripts/build.py reproduce     the release built again from a copy of this checkout in another
                                   folder with another CARGO_HOME, compared file by file

Trunk runs the two hooks around its own work (the stylesheet with its integrity, boot.js, and
index.html with target/split/head.html inlined). Read top to bottom, a release build is:

  1. cargo builds the page's wasm with the `split` feature and `--emit-relocs` (the splitter
     needs the relocations), every path of the build machine remapped (the checkout to /src,
     CARGO_HOME to /cargo: panic locations name source files, and a shipped byte must not depend
     on where the build ran). build.rs writes the late tables into its OUT_DIR, which cargo's
     messages name.
  2. wasm-split-cli cuts the wasm into the first download and the chunk, and writes the chunk
     loader; wasm-bindgen writes the main JS (`--keep-lld-exports`: the chunk links against
     them); binaryen's wasm-opt -Oz on each wasm piece (release builds). Kept per raw wasm (by
     its hash) in target/split/<hash>/, made in <hash>.partial/ and renamed when complete, so a
     half-finished step is never reused.
  3. The pieces go into dist's app-<hash>/ folder (the hash of all of them); the loader's fetch
     of each chunk gets the chunk's integrity first. head.html gets the page's CSP (with the
     import map's hash), the import map pinning the JS modules, the preloads and boot.js's tag,
     each with its integrity. The late tables are copied in under their content-hashed names.
  4. (post-build) the first screen: the staged page is served locally and loaded in headless
     Chromium; what its wasm mounts (header, navigation, step 1) is written into index.html's
     body (scripts/first_screen.mjs), so a visitor sees and can type into step 1 before the
     wasm arrives. Then gzip -9 and brotli quality 11 copies of every file served
     (hosting/nginx.conf serves them); all three are deterministic.
  5. (release) release/dao-onboard-<version>.tar.gz (sorted, fixed times and owners, gzip
     without a name or time), its manifest (every file's path, size and SHA-256; identified by
     index.html's SHA-256, since index.html pins every other file the page runs) and SHA256SUMS.

Every tool is pinned by scripts/setup.sh. Python's standard library only.
"""

import base64
import functools
import gzip
import hashlib
import html
import http.server
import io
import json
import os
import pathlib
import re
import shutil
import subprocess
import sys
import tarfile
import tempfile
import threading

ROOT = pathlib.Path(__file__).resolve().parent.parent
PACKAGE = "dao-onboard"
MAIN_JS = "dao-onboard.js"
MAIN_WASM = "dao-onboard_bg.wasm"
LOADER_JS = "__wasm_split.js"
BOOT_JS = "boot.js"
# = domain::runnable::hosting_nginx::PAGE_CSP (a test keeps them equal); one line, so the test finds it.
PAGE_CSP = "default-src 'none'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; img-src 'self' data:; font-src 'self'; connect-src 'self' https: http://127.0.0.1:* http://localhost:*; base-uri 'none'; form-action 'none'; object-src 'none'; manifest-src 'self'"
# wasm-split-cli 0.2.4 writes one such fetch per chunk into the loader.
CHUNK_FETCH = re.compile(r'fetch\(new URL\("\./([A-Za-z0-9_.-]+\.wasm)", import\.meta\.url\)\)')
# The first screen's container in index.html's body (boot.js takes it over).
FIRST_SCREEN_OPEN = '<div class="first-screen" data-testid="first-screen">'
# The files served precompressed (hosting/nginx.conf: brotli_static, gzip_static).
COMPRESSED = re.compile(r"\.(wasm|js|css|html)$|^(texts|late)-.*\.json$")


def say(message: str) -> None:
    print(f"==> {message}", file=sys.stderr, flush=True)


def fail(message: str) -> None:
    sys.exit(f"build.py: {message}")


def run(*command, **options) -> subprocess.CompletedProcess:
    return subprocess.run([str(c) for c in command], check=True, **options)


def sri(data: bytes) -> str:
    return "sha384-" + base64.b64encode(hashlib.sha384(data).digest()).decode("ascii")


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def replace_dir(partial: pathlib.Path, final: pathlib.Path) -> None:
    """Puts a folder made aside in place, whole."""
    if final.exists():
        shutil.rmtree(final)
    partial.rename(final)


def write_file(path: pathlib.Path, data: bytes) -> None:
    """Writes aside and renames, so no reader sees half a file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    aside = path.with_name(path.name + ".partial")
    aside.write_bytes(data)
    aside.replace(path)


# ---------------------------------------------------------------------------------------------
# 1. cargo


def cargo_wasm(release: bool) -> tuple[pathlib.Path, pathlib.Path]:
    """Builds the page's wasm; returns it and the OUT_DIR of the crate's build script."""
    cargo_home = pathlib.Path(os.environ.get("CARGO_HOME", pathlib.Path.home() / ".cargo"))
    # Both the path as given and as resolved: cargo names sources by the one it was given.
    remaps = []
    for source, target in ((cargo_home, "/cargo"), (ROOT, "/src")):
        for path in dict.fromkeys((str(source.absolute()), str(source.resolve()))):
            remaps.append(f'"--remap-path-prefix={path}={target}"')
    # cargo's --config adds these flags to .cargo/config.toml's, for every crate of the build;
    # `cargo rustc` puts --emit-relocs on the final link only.
    config = "target.wasm32-unknown-unknown.rustflags=[" + ",".join(remaps) + "]"
    command = ["cargo", "rustc", "--locked", "--target", "wasm32-unknown-unknown",
               "--features", "split", "--config", config, "--bin", PACKAGE,
               "--message-format", "json-render-diagnostics"]
    if release:
        command.append("--release")
    command += ["--", "-C", "link-args=--emit-relocs"]
    messages = run(*command, cwd=ROOT, stdout=subprocess.PIPE, text=True).stdout
    wasm = out_dir = None
    for line in messages.splitlines():
        message = json.loads(line)
        package = message.get("package_id", "")
        if "path+file://" not in package or PACKAGE not in package:
            continue
        if message.get("reason") == "build-script-executed":
            out_dir = pathlib.Path(message["out_dir"])
        if message.get("reason") == "compiler-artifact" and message["target"]["name"] == PACKAGE \
                and "bin" in message["target"]["kind"]:
            wasm = next(pathlib.Path(f) for f in message["filenames"] if f.endswith(".wasm"))
    if wasm is None or out_dir is None:
        fail("cargo named no wasm or no OUT_DIR for the page")
    return wasm, out_dir


# ---------------------------------------------------------------------------------------------
# 2. split, bind, optimise


def pieces_of(raw: pathlib.Path, release: bool) -> pathlib.Path:
    """The pieces of a raw wasm (cached by its hash): the main JS, the first wasm piece, the
    loader and the chunks."""
    work = ROOT / "target" / "split" / sha256(raw.read_bytes())[:16]
    if (work / "pieces" / MAIN_JS).is_file():
        return work / "pieces"
    partial = work.with_name(work.name + ".partial")
    shutil.rmtree(partial, ignore_errors=True)
    (partial / "pieces").mkdir(parents=True)
    run("wasm-split-cli", raw, partial / "split", "--out-name", PACKAGE, "--target", "web")
    run("wasm-bindgen", "--target", "web", "--keep-lld-exports", "--no-typescript",
        "--out-name", PACKAGE, "--out-dir", partial / "bindgen", partial / "split" / f"{PACKAGE}.wasm")
    shutil.copyfile(partial / "bindgen" / MAIN_JS, partial / "pieces" / MAIN_JS)
    shutil.copyfile(partial / "split" / LOADER_JS, partial / "pieces" / LOADER_JS)

    def optimise(source: pathlib.Path, target: pathlib.Path) -> None:
        # As Trunk calls it: -Oz with binaryen's default features, in release builds only.
        if release:
            run(ROOT / "node_modules" / ".bin" / "wasm-opt", "-Oz", source, "-o", target)
        else:
            shutil.copyfile(source, target)

    optimise(partial / "bindgen" / MAIN_WASM, partial / "pieces" / MAIN_WASM)
    for piece in sorted((partial / "split").glob("*.wasm")):
        if piece.name != f"{PACKAGE}.wasm":
            optimise(piece, partial / "pieces" / piece.name)
    replace_dir(partial, work)
    return work / "pieces"


# ---------------------------------------------------------------------------------------------
# 3. place the pieces, pin them in head.html, copy the late tables


def pin_chunks(loader: str, chunks: dict[str, bytes]) -> str:
    """The loader with each chunk's fetch carrying the chunk's integrity; every chunk must have
    exactly one fetch, so a new wasm-split output format fails the build instead of loading
    chunks unchecked."""
    seen = []

    def pinned(match: re.Match) -> str:
        name = match.group(1)
        if name not in chunks:
            fail(f"the loader fetches {name}, which is not a piece")
        seen.append(name)
        return match.group(0)[:-1] + ", { integrity: " + json.dumps(sri(chunks[name])) + " })"

    patched = CHUNK_FETCH.sub(pinned, loader)
    if sorted(seen) != sorted(chunks):
        fail(f"the loader fetches {sorted(seen)}, the chunks are {sorted(chunks)}")
    return patched


def csp_with_script_hash(script: str) -> str:
    """PAGE_CSP with the inline script's SHA-256 allowed in script-src."""
    source = "'sha256-" + base64.b64encode(hashlib.sha256(script.encode()).digest()).decode() + "'"
    policy = PAGE_CSP.replace("script-src 'self' 'wasm-unsafe-eval'",
                              f"script-src 'self' 'wasm-unsafe-eval' {source}")
    if source not in policy:
        fail("PAGE_CSP has no script-src to add the import map to")
    return policy


def tag(name: str, attributes: list[tuple[str, str | None]]) -> str:
    """One start tag; `None` is an attribute without a value. Values are double-quoted, with
    `&`, `<`, `>` and `"` escaped (`'`, frequent in the policy, need not be)."""
    parts = [name]
    for key, value in attributes:
        parts.append(key if value is None
                     else f'{key}="{html.escape(value, quote=False).replace(chr(34), "&quot;")}"')
    return "<" + " ".join(parts) + ">"


def place(pieces: pathlib.Path, staging: pathlib.Path, public_url: str) -> str:
    """Copies the pieces into staging's app-<hash>/ and returns head.html's text.

    The pieces refer to each other by their literal names (the loader imports
    "./dao-onboard.js" and fetches "./split_rest.wasm" next to itself), so the names stay and
    their folder is named by the hash of all of them: a changed piece makes a new folder, so
    every file in one can be cached for good, and no file is rewritten."""
    contents = {p.name: p.read_bytes() for p in sorted(pieces.iterdir()) if p.is_file()}
    for needed in (MAIN_JS, MAIN_WASM, LOADER_JS):
        if needed not in contents:
            fail(f"{needed} missing in {pieces}")
    chunks = {name: data for name, data in contents.items()
              if name.endswith(".wasm") and name != MAIN_WASM}
    contents[LOADER_JS] = pin_chunks(contents[LOADER_JS].decode("utf-8"), chunks).encode("utf-8")

    digest = hashlib.sha256()
    for name, data in contents.items():
        digest.update(name.encode() + b"\0" + data + b"\0")
    folder = "app-" + digest.hexdigest()[:16]
    for name, data in contents.items():
        write_file(staging / folder / name, data)

    base = public_url if public_url.endswith("/") else public_url + "/"
    url = {name: f"{base}{folder}/{name}" for name in contents}
    import_map = json.dumps({"integrity": {url[name]: sri(contents[name])
                                           for name in (MAIN_JS, LOADER_JS)}},
                            separators=(",", ":")).replace("<", "\\u003c")
    lines = [
        # First: a <meta> policy holds only for what follows it.
        tag("meta", [("http-equiv", "Content-Security-Policy"),
                     ("content", csp_with_script_hash(import_map))]),
        # Before any module is fetched, so every import of a pinned module is checked.
        f'<script type="importmap">{import_map}</script>',
        tag("link", [("rel", "modulepreload"), ("href", url[MAIN_JS]), ("crossorigin", "anonymous"),
                     ("integrity", sri(contents[MAIN_JS]))]),
        # boot.js fetches the wasm with this integrity: a fetch without it would not use the
        # preload, and would check nothing.
        tag("link", [("rel", "preload"), ("href", url[MAIN_WASM]), ("crossorigin", "anonymous"),
                     ("integrity", sri(contents[MAIN_WASM])), ("as", "fetch"),
                     ("type", "application/wasm")]),
        tag("script", [("type", "module"), ("src", f"{base}{BOOT_JS}"),
                       ("integrity", sri((ROOT / BOOT_JS).read_bytes())),
                       ("data-js", url[MAIN_JS]), ("data-wasm", url[MAIN_WASM])]) + "</script>",
    ]
    return "\n".join(lines) + "\n"


def copy_late_tables(out_dir: pathlib.Path, staging: pathlib.Path) -> None:
    """The late tables build.rs wrote (already under their content-hashed names)."""
    tables = sorted((out_dir / "late").glob("*.json"))
    if len(tables) != 2:
        fail(f"expected the English and the templates table in {out_dir / 'late'}, found {tables}")
    for table in tables:
        write_file(staging / table.name, table.read_bytes())


def pre_build() -> None:
    staging = pathlib.Path(os.environ.get("TRUNK_STAGING_DIR") or fail("run by trunk (pre_build hook)"))
    release = os.environ.get("TRUNK_PROFILE", "release") == "release"
    raw, out_dir = cargo_wasm(release)
    pieces = pieces_of(raw, release)
    # This build's pieces, for scripts/bench.sh (cargo's raw wasm may be overwritten by a
    # later test build of the binary).
    current = ROOT / "target" / "split" / "current"
    if current.is_symlink() or current.exists():
        current.unlink()
    current.symlink_to(pieces.parent.name)
    head = place(pieces, staging, os.environ.get("TRUNK_PUBLIC_URL") or "/")
    write_file(ROOT / "target" / "split" / "head.html", head.encode("utf-8"))
    copy_late_tables(out_dir, staging)


# ---------------------------------------------------------------------------------------------
# 4. precompressed copies


class _StagingHandler(http.server.SimpleHTTPRequestHandler):
    """Serves the staging folder under the public URL, quietly."""
    public_url = "/"
    extensions_map = {**http.server.SimpleHTTPRequestHandler.extensions_map,
                      ".wasm": "application/wasm", ".js": "text/javascript"}

    def translate_path(self, path: str) -> str:
        base = self.public_url if self.public_url.endswith("/") else self.public_url + "/"
        path = path.split("?", 1)[0]
        path = "/" + path[len(base):] if path.startswith(base) else "/__outside_the_page__"
        return super().translate_path(path)

    def log_message(self, *args) -> None:
        pass


def first_screen(staging: pathlib.Path, public_url: str) -> str:
    """The page's first screen as its wasm mounts it (scripts/first_screen.mjs in headless
    Chromium, the page served from the staging folder)."""
    # The public URL as this call's own subclass's attribute: the shared handler stays as it is.
    served = type("StagingUnderUrl", (_StagingHandler,), {"public_url": public_url})
    handler = functools.partial(served, directory=str(staging))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        base = public_url if public_url.endswith("/") else public_url + "/"
        url = f"http://127.0.0.1:{server.server_address[1]}{base}"
        return run("node", ROOT / "scripts" / "first_screen.mjs", url, cwd=ROOT,
                   stdout=subprocess.PIPE, text=True).stdout.strip()
    finally:
        server.shutdown()
        server.server_close()


def with_first_screen(index: str, markup: str) -> str:
    """index.html with the first screen at the end of its body, where the mount would put it."""
    if index.count("</body>") != 1:
        fail("index.html must have exactly one </body> to put the first screen before")
    if FIRST_SCREEN_OPEN in index:
        fail("index.html already has a first screen")
    return index.replace("</body>", f"{FIRST_SCREEN_OPEN}{markup}</div>\n</body>")


def post_build() -> None:
    staging = pathlib.Path(os.environ.get("TRUNK_STAGING_DIR") or fail("run by trunk (post_build hook)"))
    say("drawing the first screen into index.html (headless Chromium)")
    markup = first_screen(staging, os.environ.get("TRUNK_PUBLIC_URL") or "/")
    index = staging / "index.html"
    write_file(index, with_first_screen(index.read_text(encoding="utf-8"), markup).encode("utf-8"))
    files = sorted(p for p in staging.rglob("*") if p.is_file() and COMPRESSED.search(p.name))
    for path in files:
        # gzip -n: no name or time in the header; both tools give the same bytes every time.
        write_file(path.with_name(path.name + ".gz"), run("gzip", "-9", "-n", "-c", path,
                                                            stdout=subprocess.PIPE).stdout)
        write_file(path.with_name(path.name + ".br"), run("brotli", "-q", "11", "-c", path,
                                                            stdout=subprocess.PIPE).stdout)


# ---------------------------------------------------------------------------------------------
# 5. release


def version() -> str:
    cargo = (ROOT / "Cargo.toml").read_text(encoding="utf-8")
    match = re.search(r'^version = "([^"]+)"', cargo, re.M)
    return match.group(1) if match else fail("no version in Cargo.toml")


def commit() -> str | None:
    """The commit built: SOURCE_COMMIT if set (a copy outside git), else git's HEAD, marked
    when the work tree differs from it."""
    if os.environ.get("SOURCE_COMMIT"):
        return os.environ["SOURCE_COMMIT"]
    try:
        head = run("git", "rev-parse", "HEAD", cwd=ROOT, stdout=subprocess.PIPE,
                   stderr=subprocess.DEVNULL, text=True).stdout.strip()
        dirty = run("git", "status", "--porcelain", "--untracked-files=no", cwd=ROOT,
                    stdout=subprocess.PIPE, text=True).stdout.strip()
    except (subprocess.CalledProcessError, FileNotFoundError):
        return None
    return head + ("+modified" if dirty else "")


def site_defaults() -> dict:
    """What config.json may change, as the page holds it (for scripts/verify.sh's report)."""
    out = run("cargo", "run", "--quiet", "--locked", "--bin", "site_defaults", cwd=ROOT,
              stdout=subprocess.PIPE, text=True).stdout
    return json.loads(out)


def toolchain() -> dict:
    """The tools whose versions decide the bytes (all pinned by scripts/setup.sh but rustc,
    which is the machine's): a rebuild to the same bytes needs the same ones."""
    def first_line(*command) -> str:
        out = run(*command, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
        return out.stdout.splitlines()[0].strip()
    return {
        "rustc": first_line("rustc", "--version"),
        "trunk": first_line("trunk", "--version"),
        "wasm-bindgen": first_line("wasm-bindgen", "--version"),
        "wasm-opt": first_line(ROOT / "node_modules" / ".bin" / "wasm-opt", "--version"),
        "gzip": first_line("gzip", "--version"),
        "brotli": first_line("brotli", "--version"),
    }


def manifest_of(dist: pathlib.Path, public_url: str) -> dict:
    files = []
    for path in sorted(p for p in dist.rglob("*") if p.is_file()):
        data = path.read_bytes()
        files.append({"path": path.relative_to(dist).as_posix(), "size": len(data),
                      "sha256": sha256(data)})
    return {
        "name": PACKAGE,
        "version": version(),
        "commit": commit(),
        "public_url": public_url,
        # The manifest's identity: index.html pins every other file the page runs.
        "index_html_sha256": sha256((dist / "index.html").read_bytes()),
        "toolchain": toolchain(),
        "files": files,
        "site_defaults": site_defaults(),
    }


def archive(dist: pathlib.Path, name: str) -> bytes:
    """dist/ as a tar.gz that is the same bytes for the same files: sorted, owner 0, times 0,
    modes 644/755, gzip without a name or time."""
    raw = io.BytesIO()
    with tarfile.open(fileobj=raw, mode="w", format=tarfile.PAX_FORMAT) as tar:
        paths = sorted(dist.rglob("*"), key=lambda p: p.relative_to(dist).as_posix())
        for path in [dist, *paths]:
            relative = path.relative_to(dist).as_posix()
            info = tarfile.TarInfo(name if relative == "." else f"{name}/{relative}")
            info.mtime = 0
            info.uid = info.gid = 0
            info.uname = info.gname = ""
            if path.is_dir():
                info.type = tarfile.DIRTYPE
                info.mode = 0o755
                tar.addfile(info)
            else:
                data = path.read_bytes()
                info.size = len(data)
                info.mode = 0o644
                tar.addfile(info, io.BytesIO(data))
    packed = io.BytesIO()
    with gzip.GzipFile(filename="", mode="wb", fileobj=packed, mtime=0, compresslevel=9) as out:
        out.write(raw.getvalue())
    return packed.getvalue()


def release(args: list[str]) -> None:
    public_url = "/"
    dist = ROOT / "dist"
    out = ROOT / "release"
    while args:
        flag, value, args = args[0], (args[1] if len(args) > 1 else fail(f"{args[0]} needs a value")), args[2:]
        if flag == "--public-url":
            public_url = value
        elif flag == "--dist":
            dist = pathlib.Path(value).absolute()
        elif flag == "--out":
            out = pathlib.Path(value).absolute()
        else:
            fail(f"unknown option {flag}")
    say(f"trunk build --release (public URL {public_url}) into {dist}")
    run("trunk", "build", "--release", "--locked", "--public-url", public_url, "--dist", dist, cwd=ROOT)
    name = f"{PACKAGE}-{version()}"
    manifest = manifest_of(dist, public_url)
    partial = out.with_name(out.name + ".partial")
    shutil.rmtree(partial, ignore_errors=True)
    partial.mkdir(parents=True)
    (partial / f"{name}.tar.gz").write_bytes(archive(dist, name))
    (partial / f"{name}.manifest.json").write_text(json.dumps(manifest, indent=2) + "\n", encoding="utf-8")
    sums = "".join(f"{sha256((partial / f).read_bytes())}  {f}\n"
                   for f in (f"{name}.tar.gz", f"{name}.manifest.json"))
    (partial / "SHA256SUMS").write_text(sums, encoding="utf-8")
    replace_dir(partial, out)
    say(f"{out}: {name}.tar.gz, {name}.manifest.json, SHA256SUMS "
        f"(index.html {manifest['index_html_sha256'][:16]}…)")


# ---------------------------------------------------------------------------------------------
# Reproducibility


def reproduce() -> None:
    """Builds the release again from a copy of this checkout in another folder with another
    CARGO_HOME (its registry copied, so nothing is downloaded), and compares every file of
    dist/ and release/ with this checkout's (which `release` must have made first)."""
    ours = ROOT / "release"
    if not (ours / "SHA256SUMS").is_file():
        fail("run `scripts/build.py release` first")
    other = pathlib.Path(tempfile.mkdtemp(prefix="dao-onboard-reproduce-"))
    source = other / "checkout"
    cargo_home = other / "cargo-home"
    say(f"copying the checkout to {source}")
    listed = run("git", "ls-files", "-z", "--cached", "--others", "--exclude-standard", cwd=ROOT,
                 stdout=subprocess.PIPE).stdout.split(b"\0")
    for name in filter(None, listed):
        path = ROOT / name.decode()
        if path.is_file():
            (source / name.decode()).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(path, source / name.decode())
    (source / "node_modules").symlink_to(ROOT / "node_modules")
    (source / "target").mkdir()
    home = pathlib.Path(os.environ.get("CARGO_HOME", pathlib.Path.home() / ".cargo"))
    # The registry's index and downloaded crates (nothing is fetched again); cargo unpacks the
    # sources anew under this CARGO_HOME, so every path to them differs.
    (cargo_home / "registry").mkdir(parents=True)
    for part in ("index", "cache"):
        run("cp", "-a", home / "registry" / part, cargo_home / "registry" / part)
    # And cargo's own configuration, if the machine has one (a registry mirror, say).
    for config in ("config.toml", "config"):
        if (home / config).is_file():
            shutil.copy2(home / config, cargo_home / config)
    # The commit as this checkout's release recorded it (the copy is not a git work tree).
    recorded = json.loads(next(ours.glob("*.manifest.json")).read_text(encoding="utf-8"))["commit"]
    env = dict(os.environ, CARGO_HOME=str(cargo_home), SOURCE_COMMIT=recorded or "",
               PATH=f"{home / 'bin'}:{os.environ['PATH']}", CARGO_NET_OFFLINE="true")
    say(f"building the release in {source} with CARGO_HOME={cargo_home}")
    run(sys.executable, source / "scripts" / "build.py", "release", cwd=source, env=env)
    differing = []
    for mine, theirs in ((ROOT / "dist", source / "dist"), (ours, source / "release")):
        names = {p.relative_to(mine).as_posix() for p in mine.rglob("*") if p.is_file()}
        names |= {p.relative_to(theirs).as_posix() for p in theirs.rglob("*") if p.is_file()}
        for name in sorted(names):
            a, b = mine / name, theirs / name
            same = a.is_file() and b.is_file() and a.read_bytes() == b.read_bytes()
            if not same:
                differing.append(f"{mine.name}/{name}")
        say(f"{mine.name}/: {len(names)} files compared")
    if differing:
        fail("not reproducible, these differ: " + ", ".join(differing)
             + f" (the second build is kept in {source})")
    shutil.rmtree(other)
    say("reproducible: every file of dist/ and release/ is the same")


def main() -> None:
    command, args = (sys.argv[1], sys.argv[2:]) if len(sys.argv) > 1 else ("", [])
    commands = {
        "pre-build": lambda: pre_build(),
        "post-build": lambda: post_build(),
        "release": lambda: release(args),
        "reproduce": lambda: reproduce(),
    }
    if command not in commands:
        fail("usage: build.py pre-build | post-build | release [--public-url URL] [--dist DIR] "
             "[--out DIR] | reproduce")
    commands[command]()


if __name__ == "__main__":
    main()
