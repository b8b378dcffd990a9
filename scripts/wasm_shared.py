#!/usr/bin/env python3
"""What the first wasm piece holds only because the chunk calls it: an upper bound.

The splitter (wasm-split-cli) leaves in the first piece every function the chunk calls through
the shared function table. This lists those the first piece's own code never calls directly
(nor anything they call), with their size by crate. An upper bound: a function the first piece
reaches only through a vtable in its data (invisible here) counts, though it is needed.
Hand-written because no packaged tool follows calls across the two pieces of a split.

    scripts/wasm_shared.py target/split/current/split   (the split build's pieces, with names)

Reads the pieces through binaryen's wasm-dis (node_modules, pinned by scripts/setup.sh).
Sizes are characters of wasm-dis's text, compared with the first piece's whole text.
"""

import collections
import pathlib
import re
import subprocess
import sys

ROOT = pathlib.Path(__file__).resolve().parent.parent
NAME = r'\$("[^"]*"|[^\s)]+)'


def text_of(wasm: pathlib.Path) -> list[str]:
    dis = ROOT / "node_modules" / ".bin" / "wasm-dis"
    out = subprocess.run([dis, wasm], check=True, stdout=subprocess.PIPE,
                         stderr=subprocess.DEVNULL, text=True).stdout
    return out.split("\n")


def table_targets(chunk: list[str]) -> set[int]:
    """The table slots the chunk calls with a constant index (call_indirect's last operand)."""
    slots = set()
    for i, line in enumerate(chunk):
        start = re.match(r"^(\s*)\(call_indirect", line)
        if not start:
            continue
        depth, last = len(start.group(1)), None
        for following in chunk[i + 1:]:
            indent = len(following) - len(following.lstrip(" "))
            if indent <= depth:
                break
            if indent == depth + 1:
                last = following.strip()
        constant = re.match(r"\(i32\.const (\d+)\)", last or "")
        if constant:
            slots.add(int(constant.group(1)))
    return slots


def crate_of(name: str) -> str:
    name = name.strip('"')
    legacy = re.match(r"_ZN(\d+)", name)
    if legacy:
        length = int(legacy.group(1))
        return name[3 + len(legacy.group(1)):3 + len(legacy.group(1)) + length]
    return name[:40]


def main() -> None:
    folder = pathlib.Path(sys.argv[1] if len(sys.argv) > 1 else "target/split/current/split")
    first = text_of(folder / "dao-onboard.wasm")
    chunk = text_of(folder / "split_rest.wasm")
    table = next(line for line in first if line.startswith(" (elem $0"))
    offset = int(re.search(r"\(i32\.const (\d+)\)", table).group(1))
    entries = re.findall(NAME, table)[1:]
    shared = {entries[slot - offset] for slot in table_targets(chunk)
              if 0 <= slot - offset < len(entries)}
    bodies, current = {}, None
    for line in first:
        start = re.match(r" \(func " + NAME, line)
        if start:
            current = start.group(1)
            bodies[current] = []
        if current:
            bodies[current].append(line)
    size = {name: sum(len(line) for line in lines) for name, lines in bodies.items()}
    callees = {name: set(re.findall(r"\((?:call|ref\.func) " + NAME, "\n".join(lines)))
               for name, lines in bodies.items()}
    whole = "\n".join(first)
    roots = [f for e, f in re.findall(r'\(export "([^"]*)" \(func ' + NAME + r"\)\)", whole)
             if not e.startswith("__wbindgen_describe")]
    roots += re.findall(r"\(start " + NAME + r"\)", whole)
    roots += [entry for entry in entries if entry not in shared]

    def reach(start: list[str], known: set[str]) -> set[str]:
        stack, found = list(start), set()
        while stack:
            name = stack.pop()
            if name in known or name in found:
                continue
            found.add(name)
            stack.extend(callees.get(name, ()))
        return found

    own = reach(roots, set())
    for_chunk = reach(sorted(shared - own), own)
    by_crate = collections.Counter()
    for name in for_chunk:
        by_crate[crate_of(name)] += size.get(name, 0)
    total = sum(size.get(name, 0) for name in own | for_chunk)
    kept = sum(size.get(name, 0) for name in for_chunk)
    print(f"functions the chunk calls in the first piece: {len(shared)}; "
          f"the first piece calls {len(shared & own)} of them itself")
    print(f"kept only for the chunk (at most): {len(for_chunk)} functions, "
          f"{100 * kept / total:.1f} % of the first piece's code")
    for crate, chars in by_crate.most_common(8):
        print(f"  {crate[:60]}: {100 * chars / total:.1f} %")


if __name__ == "__main__":
    main()
