#!/usr/bin/env python3
"""Report import cycles among the modules of src/.

A module "uses" another when a non-comment line outside its unit tests names
`crate::other` (in a `use` or inline) or, inside a folder module, `super::sibling`.
Two graphs are checked: the top-level modules (src/X.rs, src/X/), and the
files of each folder module among themselves. Prints every cycle found
(strongly connected component of more than one module) and exits 1 when
there is one, 0 when the modules read top to bottom.

    python3 .ci/module_cycles.py [SRC_DIR]
"""

import re
import sys
from pathlib import Path

SRC = Path(sys.argv[1] if len(sys.argv) > 1 else Path(__file__).resolve().parent.parent / "src")
CRATE_REF = re.compile(r"\bcrate::([a-z_][a-z0-9_]*)")
SUPER_REF = re.compile(r"\bsuper::([a-z_][a-z0-9_]*)")
USE_GROUP = re.compile(r"\buse\s+crate::\{([^}]*)\}")
SUPER_GROUP = re.compile(r"\buse\s+super::\{([^}]*)\}")


def code_lines(path: Path):
    """The file's lines up to its unit-test module, comments left out."""
    lines = path.read_text(encoding="utf-8").splitlines()
    for i, line in enumerate(lines):
        s = line.strip()
        if s.startswith("#[cfg(test)]") and i + 1 < len(lines) and "mod tests" in lines[i + 1]:
            return
        if s.startswith("//"):
            continue
        yield line.split("//", 1)[0] if "://" not in line else line


def top_module(path: Path) -> str | None:
    rel = path.relative_to(SRC)
    if rel.parts[0] in ("lib.rs", "main.rs"):
        return None
    return rel.parts[0].removesuffix(".rs")


def names(line: str, ref: re.Pattern, group: re.Pattern) -> set[str]:
    found = set(ref.findall(line))
    for g in group.findall(line):
        for item in g.split(","):
            head = item.strip().split("::")[0].strip()
            if head and head != "self":
                found.add(head)
    return found


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components with more than one node (Tarjan)."""
    index, low, stack, on, out = {}, {}, [], set(), []
    counter = [0]

    def visit(v):
        index[v] = low[v] = counter[0]
        counter[0] += 1
        stack.append(v)
        on.add(v)
        for w in sorted(graph.get(v, ())):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            comp = []
            while True:
                w = stack.pop()
                on.discard(w)
                comp.append(w)
                if w == v:
                    break
            if len(comp) > 1:
                out.append(sorted(comp))

    for v in sorted(graph):
        if v not in index:
            visit(v)
    return out


def edge_path(graph, comp):
    """One cycle through the component, for the message."""
    start = comp[0]
    path, seen = [start], {start}
    v = start
    while True:
        nxt = sorted(w for w in graph[v] if w in comp)
        back = [w for w in nxt if w == start]
        if back and len(path) > 1:
            return path + [start]
        fresh = [w for w in nxt if w not in seen]
        if not fresh:
            return path + [nxt[0]] if nxt else path
        v = fresh[0]
        path.append(v)
        seen.add(v)


def main() -> int:
    files = sorted(SRC.rglob("*.rs"))
    top: dict[str, set[str]] = {}
    inner: dict[str, dict[str, set[str]]] = {}
    for f in files:
        mod = top_module(f)
        if mod is None:
            continue
        top.setdefault(mod, set())
        rel = f.relative_to(SRC)
        folder = rel.parts[0] if len(rel.parts) > 1 else None
        this_file = rel.stem if folder else None
        for line in code_lines(f):
            for other in names(line, CRATE_REF, USE_GROUP):
                if other != mod and ((SRC / f"{other}.rs").exists() or (SRC / other).is_dir()):
                    top[mod].add(other)
            if folder and this_file != "mod":
                g = inner.setdefault(folder, {})
                g.setdefault(this_file, set())
                for sib in names(line, SUPER_REF, SUPER_GROUP):
                    if (SRC / folder / f"{sib}.rs").exists() and sib != this_file:
                        g[this_file].add(sib)
    found = 0
    for comp in cycles(top):
        found += 1
        print("cycle among top-level modules:", " -> ".join(edge_path(top, comp)))
    for folder, g in sorted(inner.items()):
        for comp in cycles(g):
            found += 1
            print(f"cycle among the files of {folder}/:", " -> ".join(edge_path(g, comp)))
    if not found:
        order = topo(top)
        print(f"no import cycle among {len(top)} top-level modules of {SRC}")
        print("bottom to top:", " ".join(order))
    return 1 if found else 0


def topo(graph):
    done, order = set(), []

    def visit(v):
        if v in done:
            return
        done.add(v)
        for w in sorted(graph.get(v, ())):
            visit(w)
        order.append(v)

    for v in sorted(graph):
        visit(v)
    return order


if __name__ == "__main__":
    sys.exit(main())
