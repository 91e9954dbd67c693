#!/usr/bin/env python3
"""dangjian from Python against the Python peer pipeline, on the same texts.

The peer (OpenCC t2s + jieba + jionlp money + cn2an + cpca, as a researcher
would write it) is ../shared/bench/peer.py, run in its own environment
(`bash ../shared/bench/setup_pyenv.sh /tmp/pyenv`); the texts are the
benchmark corpus's ~20 KB documents (`bash ../shared/bench/make_corpus.sh`,
giving /tmp/bench/docs). The same documents, concatenated, are the peer's
input; `dangjian.Pipeline().analyze_many` gets them as a list of str.

dangjian is timed on one core (the process pinned to one CPU, one worker
thread: the interpreter's own work shares that core) and on every core, each
the best of --repeat runs; the peer once (it is slow), without its start-up.
Besides wall time, MB per CPU second is printed: on a shared machine whose
other tenants take most of the cores, it is the figure that stays put.

With --rounds N (N > 1) the one-core figure is measured N times, alternating
dangjian (pinned, one thread, best of --repeat) with the peer (all stages),
each round printed with the load average at its start; the figures are the
medians of the rounds, so a burst of load on the shared machine hits both.

Usage: python python/benches/python_peer.py [--docs /tmp/bench/docs] [--mb 2] [--peer-python /tmp/pyenv/bin/python]
                       [--peer ../shared/bench/peer.py] [--repeat 3] [--rounds 1]
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import dangjian

HERE = Path(__file__).resolve().parent


def load_texts(docs: Path, mb: float) -> list[str]:
    """The first documents of `docs` (in name order) up to `mb` megabytes."""
    texts, size = [], 0
    for p in sorted(docs.glob("*.txt")):
        t = p.read_text(encoding="utf-8")
        texts.append(t)
        size += len(t.encode())
        if size >= mb * 1e6:
            break
    return texts


def cpu_seconds() -> float:
    """CPU seconds of this process so far, all its threads."""
    r = resource.getrusage(resource.RUSAGE_SELF)
    return r.ru_utime + r.ru_stime


def time_dangjian(texts: list[str], threads: int | None, repeat: int) -> tuple[float, float]:
    """Best wall and CPU seconds of `analyze_many` over `texts` (results converted to dicts)."""
    p = dangjian.Pipeline()
    p.analyze(texts[0])  # tables built before timing
    wall, cpu = float("inf"), float("inf")
    for _ in range(repeat):
        t, c = time.perf_counter(), cpu_seconds()
        n = sum(1 for _ in p.analyze_many(texts, threads=threads))
        wall, cpu = min(wall, time.perf_counter() - t), min(cpu, cpu_seconds() - c)
        assert n == len(texts)
    return wall, cpu


def one_core(texts: list[str], repeat: int) -> tuple[float, float]:
    """`time_dangjian` with this process pinned to one CPU, in a child process."""
    with tempfile.TemporaryDirectory() as d:
        inp = Path(d) / "texts.json"
        inp.write_text(json.dumps(texts), encoding="utf-8")
        code = (
            "import json, os, sys; sys.path.insert(0, %r)\n"
            "os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})\n"
            "import python_peer\n"
            "texts = json.load(open(%r, encoding='utf-8'))\n"
            "print(python_peer.time_dangjian(texts, 1, %d))\n"
        ) % (str(HERE), str(inp), repeat)
        out = subprocess.run([sys.executable, "-c", code], check=True, capture_output=True, text=True)
        wall, cpu = out.stdout.strip().splitlines()[-1].strip("()").split(",")
        return float(wall), float(cpu)


def time_peer(texts: list[str], python: str, peer: Path) -> dict:
    """The peer's JSON report on the concatenated texts."""
    with tempfile.TemporaryDirectory() as d:
        f = Path(d) / "corpus.txt"
        f.write_text("\n".join(texts), encoding="utf-8")
        out = subprocess.run([python, str(peer), str(f)], check=True, capture_output=True, text=True)
        return json.loads(out.stdout.strip().splitlines()[-1])


def peer_mb_s(r: dict, mb: float) -> tuple[float, float]:
    """The peer's MB/s of wall time and of CPU time (all stages, start-up excluded)."""
    return r["mb_s"]["total"], mb / sum(r["cpu_s"].values())


def rounds(texts: list[str], mb: float, args: argparse.Namespace) -> int:
    """One core, dangjian and the peer alternating `args.rounds` times; the medians."""
    rows = []
    print("round  load(1 min)  dangjian MB/s wall / CPU   peer MB/s wall / CPU   ratio wall / CPU")
    for i in range(args.rounds):
        load = os.getloadavg()[0]
        s1, c1 = one_core(texts, args.repeat)
        pw, pc = peer_mb_s(time_peer(texts, args.peer_python, args.peer), mb)
        dw, dc = mb / s1, mb / c1
        rows.append((load, dw, dc, pw, pc, dw / pw, dc / pc))
        print(f"{i + 1:5d}  {load:11.2f}  {dw:12.2f} / {dc:6.2f}   {pw:10.3f} / {pc:6.3f}   "
              f"{dw / pw:8.1f}x / {dc / pc:5.1f}x", flush=True)
    med = [statistics.median(col) for col in zip(*rows)]
    print(f"median {med[0]:11.2f}  {med[1]:12.2f} / {med[2]:6.2f}   {med[3]:10.3f} / {med[4]:6.3f}   "
          f"{med[5]:8.1f}x / {med[6]:5.1f}x")
    return 0


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--docs", type=Path, default=Path("/tmp/bench/docs"))
    ap.add_argument("--mb", type=float, default=2.0, help="megabytes of documents to use")
    ap.add_argument("--peer-python", default="/tmp/pyenv/bin/python")
    ap.add_argument("--peer", type=Path, default=HERE.parents[2] / "shared/bench/peer.py")
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--no-peer", action="store_true", help="time dangjian only")
    ap.add_argument("--rounds", type=int, default=1,
                    help="one core only: alternate dangjian and the peer this many times, print medians")
    args = ap.parse_args()

    if not args.docs.is_dir():
        print(f"python_peer.py: {args.docs} is missing; run ../shared/bench/make_corpus.sh", file=sys.stderr)
        return 2
    texts = load_texts(args.docs, args.mb)
    mb = sum(len(t.encode()) for t in texts) / 1e6
    cores = len(os.sched_getaffinity(0))
    print(f"{len(texts)} documents, {mb:.2f} MB; {cores} cores; dangjian {dangjian.__version__}")
    if args.rounds > 1:
        if not Path(args.peer_python).exists() or not args.peer.is_file():
            print(f"python_peer.py: peer not found ({args.peer_python}, {args.peer}); "
                  "run ../shared/bench/setup_pyenv.sh", file=sys.stderr)
            return 2
        return rounds(texts, mb, args)

    (s1, c1), (sn, cn) = one_core(texts, args.repeat), time_dangjian(texts, None, args.repeat)
    d1, dn = mb / s1, mb / sn
    print("MB/s of wall time, and of CPU time (the figure a loaded, shared machine leaves intact)")
    print(f"dangjian analyze_many, 1 core:  {d1:7.2f} MB/s  ({s1:.2f} s)   CPU {mb / c1:6.2f} MB/s")
    print(f"dangjian analyze_many, {cores} cores: {dn:7.2f} MB/s  ({sn:.2f} s)   CPU {mb / cn:6.2f} MB/s"
          f"   scaling {dn / d1:.2f}x")

    if args.no_peer:
        return 0
    if not Path(args.peer_python).exists() or not args.peer.is_file():
        print(f"python_peer.py: peer not found ({args.peer_python}, {args.peer}); "
              "run ../shared/bench/setup_pyenv.sh", file=sys.stderr)
        return 2
    pm, pc = peer_mb_s(time_peer(texts, args.peer_python, args.peer), mb)
    print(f"peer (OpenCC+jieba+jionlp+cn2an+cpca), 1 core: {pm:7.3f} MB/s  ({mb / pm:.1f} s)"
          f"   CPU {pc:6.3f} MB/s")
    print(f"ratio, 1 core:  {d1 / pm:6.1f}x wall   {mb / c1 / pc:6.1f}x CPU")
    print(f"ratio, {cores} cores: {dn / pm:6.1f}x wall")
    return 0


if __name__ == "__main__":
    sys.exit(main())
