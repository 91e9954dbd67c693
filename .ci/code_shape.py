#!/usr/bin/env python3
"""Report functions over 150 lines and files over 1,200 lines in src/.

A reader should find each decision in a function that fits on a screen or
two, and each job in a file named for it. Function bodies are found by
brace matching from each `fn` item (strings and char literals masked, line
comments dropped); test modules count like any other code. Prints each
offender and exits 1 when there is one, 0 otherwise.

    python3 .ci/code_shape.py [SRC_DIR]
"""

import re
import sys
from pathlib import Path

MAX_FN = 150
MAX_FILE = 1200
SRC = Path(sys.argv[1] if len(sys.argv) > 1 else Path(__file__).resolve().parent.parent / "src")
FN = re.compile(r"^\s*(?:pub(?:\([^)]*\))?\s+)?(?:const\s+)?(?:async\s+)?(?:unsafe\s+)?fn\s+(\w+)")
STRING = re.compile(r'"(?:\\.|[^"\\])*"')
CHAR = re.compile(r"'(?:\\.|[^'\\])'")


def masked(line: str) -> str:
    return CHAR.sub("''", STRING.sub('""', line.split("//", 1)[0]))


def long_functions(lines):
    i = 0
    while i < len(lines):
        m = FN.match(lines[i])
        if not m:
            i += 1
            continue
        depth, opened, j = 0, False, i
        while j < len(lines):
            s = masked(lines[j])
            depth += s.count("{") - s.count("}")
            opened = opened or "{" in s
            if (opened and depth <= 0) or (not opened and s.rstrip().endswith(";")):
                break
            j += 1
        if j - i + 1 > MAX_FN:
            yield i + 1, m.group(1), j - i + 1
        i = j + 1 if opened else i + 1


def main() -> int:
    bad = 0
    files = sorted(SRC.rglob("*.rs"))
    for p in files:
        lines = p.read_text(encoding="utf-8").splitlines()
        if len(lines) > MAX_FILE:
            print(f"{p}: {len(lines)} lines (over {MAX_FILE})")
            bad += 1
        for line, name, n in long_functions(lines):
            print(f"{p}:{line}: fn {name} is {n} lines (over {MAX_FN})")
            bad += 1
    if bad == 0:
        print(f"code shape: {len(files)} files of src/, none over {MAX_FILE} lines, no function over {MAX_FN}")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
