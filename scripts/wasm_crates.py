#!/usr/bin/env python3
"""Sizes of a wasm module's function bodies, summed by the Rust crate each function belongs to.

Hand-written because no packaged tool groups by crate (twiggy lists items, not crates): it reads
the code section (body sizes) and the "name" custom section (function names), takes the crate
from each mangled Rust name (legacy `_ZN<len><crate>…` or v0 `_R…`), and prints the largest.
Run on cargo's release wasm before wasm-bindgen and wasm-opt, which keeps the names; sizes are
therefore larger than the shipped file, but their shares are what matters.

    scripts/wasm_crates.py target/wasm32-unknown-unknown/release/dao-onboard.wasm [N]
"""

import collections
import re
import sys


def leb(data, pos):
    result = shift = 0
    while True:
        byte = data[pos]
        pos += 1
        result |= (byte & 0x7F) << shift
        shift += 7
        if byte < 0x80:
            return result, pos


def sections(data):
    pos = 8
    while pos < len(data):
        kind = data[pos]
        size, pos = leb(data, pos + 1)
        yield kind, data[pos:pos + size]
        pos += size


def crate_of(name):
    legacy = re.match(r"_ZN(\d+)", name)
    if legacy:
        length = int(legacy.group(1))
        start = legacy.end()
        first = name[start:start + length]
        if first.startswith("_$LT$"):
            # A trait impl `<Type as Trait>`: the type's crate, or the trait's for a bare generic.
            paths = re.findall(r"([A-Za-z_][A-Za-z0-9_]*)\.\.", first)
            return paths[0] if paths else "(generic impls)"
        return first
    v0 = re.search(r"C(?:s[0-9A-Za-z]*_)?(\d+)([A-Za-z_][A-Za-z0-9_]*)", name)
    if name.startswith("_R") and v0:
        return v0.group(2)[: int(v0.group(1))]
    if name.startswith("__wbindgen_describe"):
        return "(wasm-bindgen descriptors, removed by wasm-bindgen)"
    return "(not Rust: " + name[:24] + ")" if name else "(unnamed)"


def main():
    path = sys.argv[1]
    top = int(sys.argv[2]) if len(sys.argv) > 2 else 15
    data = open(path, "rb").read()
    imported = 0
    bodies = []
    names = {}
    for kind, body in sections(data):
        if kind == 2:  # imports: functions among them take the first indices
            count, pos = leb(body, 0)
            for _ in range(count):
                for _ in range(2):
                    length, pos = leb(body, pos)
                    pos += length
                desc = body[pos]
                pos += 1
                if desc == 0:
                    _, pos = leb(body, pos)
                    imported += 1
                elif desc == 1:
                    pos += 1
                    flags, pos = leb(body, pos)
                    _, pos = leb(body, pos)
                    if flags & 1:
                        _, pos = leb(body, pos)
                elif desc == 2:
                    flags, pos = leb(body, pos)
                    _, pos = leb(body, pos)
                    if flags & 1:
                        _, pos = leb(body, pos)
                else:
                    pos += 2
        elif kind == 10:  # code
            count, pos = leb(body, 0)
            for _ in range(count):
                size, pos = leb(body, pos)
                bodies.append(size)
                pos += size
        elif kind == 0:
            length, pos = leb(body, 0)
            if body[pos:pos + length] != b"name":
                continue
            pos += length
            while pos < len(body):
                sub = body[pos]
                size, pos = leb(body, pos + 1)
                end = pos + size
                if sub == 1:
                    count, p = leb(body, pos)
                    for _ in range(count):
                        index, p = leb(body, p)
                        length, p = leb(body, p)
                        names[index] = body[p:p + length].decode("utf-8", "replace")
                        p += length
                pos = end
    if not names:
        print("no name section: build without stripping to see crates", file=sys.stderr)
        return 1
    by_crate = collections.Counter()
    for i, size in enumerate(bodies):
        by_crate[crate_of(names.get(imported + i, ""))] += size
    total = sum(bodies)
    for crate, size in by_crate.most_common(top):
        print(f"{crate}|{size}|{100 * size / total:.1f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
