#!/usr/bin/env python3
"""Fill in the outputs shown in README.md and docs/ by running their commands.

The Markdown convention (the same one `tests/docs.rs` checks):

- A ```sh block is run, as one bash script (`set -e`), in a scratch directory
  that holds `corpus/` (the bundled corpus), with `dangjian` on PATH; the
  blocks of one page run in order in the same directory. A block that needs
  data the repository does not bundle (an archive, ../shared, cargo itself)
  is marked ```sh untested and is neither run nor checked.
- A ```text block right after a run block shows its output. Options after
  `text`: `lines=N` keeps the first N lines (then a line `…`), `cut=N` cuts
  each line to N characters (with `…`), `exact` marks an output that the test
  compares in full; without it the test compares the output's shape (the
  first line, the JSON keys).

    python3 .ci/docs_outputs.py [BIN [PAGES...]]   # BIN: default target/release/dangjian

rewrites the ```text blocks in place with what the commands print today.
"""

import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FENCE = re.compile(r"^```(.*)$")


def pages():
    if len(sys.argv) > 2:
        yield from (Path(p).resolve() for p in sys.argv[2:])
        return
    yield ROOT / "README.md"
    yield from sorted((ROOT / "docs").rglob("*.md"))


def blocks(lines):
    """(start, end, info) of every fenced block: lines[start] is the opening
    fence, lines[end] the closing one."""
    i = 0
    while i < len(lines):
        m = FENCE.match(lines[i])
        if m:
            j = i + 1
            while j < len(lines) and not lines[j].startswith("```"):
                j += 1
            yield i, j, m.group(1).strip()
            i = j + 1
        else:
            i += 1


def options(info):
    words = info.split()
    opts = {}
    for w in words[1:]:
        k, _, v = w.partition("=")
        opts[k] = v or True
    return words[0] if words else "", opts


def run(script, bindir, workdir):
    env = dict(os.environ, PATH=f"{bindir}:{os.environ['PATH']}", LC_ALL="C.UTF-8")
    p = subprocess.run(
        ["bash", "-c", "set -e\n" + script],
        cwd=workdir, env=env, capture_output=True, text=True, timeout=300,
    )
    if p.returncode != 0:
        raise SystemExit(f"command failed ({p.returncode}):\n{script}\n{p.stderr}")
    return p.stdout


def shape(out, opts):
    lines = out.rstrip("\n").split("\n")
    if "cut" in opts:
        n = int(opts["cut"])
        lines = [l if len(l) <= n else l[: n - 1] + "…" for l in lines]
    if "lines" in opts and len(lines) > int(opts["lines"]):
        lines = lines[: int(opts["lines"])] + ["…"]
    return [l.rstrip() for l in lines]


def main():
    binary = Path(sys.argv[1] if len(sys.argv) > 1 else ROOT / "target/release/dangjian").resolve()
    bindir = Path(tempfile.mkdtemp())
    shutil.copy(binary, bindir / "dangjian")
    for page in pages():
        lines = page.read_text(encoding="utf-8").split("\n")
        found = list(blocks(lines))
        outputs = {}
        # The page's blocks run in order in one scratch directory, so a
        # later block may use the files an earlier one made.
        with tempfile.TemporaryDirectory() as work:
            os.symlink(ROOT / "corpus", Path(work) / "corpus")
            for k, (s1, e1, i1) in enumerate(found):
                lang1, o1 = options(i1)
                if lang1 != "sh" or "untested" in o1:
                    continue
                out = run("\n".join(lines[s1 + 1 : e1]), bindir, work)
                if k + 1 < len(found):
                    s2, e2, i2 = found[k + 1]
                    lang2, o2 = options(i2)
                    if lang2 == "text" and not any(l.strip() for l in lines[e1 + 1 : s2]):
                        outputs[k + 1] = shape(out, o2)
        changed = False
        for k in sorted(outputs, reverse=True):
            s2, e2, _ = found[k]
            if lines[s2 + 1 : e2] != outputs[k]:
                lines[s2 + 1 : e2] = outputs[k]
                changed = True
        if changed:
            page.write_text("\n".join(lines), encoding="utf-8")
            print("updated", page.relative_to(ROOT))
    shutil.rmtree(bindir)


if __name__ == "__main__":
    main()
