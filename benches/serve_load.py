#!/usr/bin/env python3
"""Load on `dangjian serve`: N concurrent clients asking for search pages with
facets (the page `/search?q=…` computes place, year, source, formulation and
indicator facets over every match), p50/p99 of the answer time.

How it measures: an index of D invented documents (one per county of the
gazetteer, round and round, each with a year, a source and formulations,
written by this script and indexed by `dangjian index --search`); the server
started on a free port; C client threads, each sending REQUESTS requests in a
loop over a fixed list of queries and filters (one connection per request,
like a browser without keep-alive); the time from sending a request to
reading the whole answer, measured in the client with
time.perf_counter(); one warm-up pass over the queries before timing. The
machine and the load on it are printed with the figures: on a shared
machine, run it twice.

    python3 benches/serve_load.py [--docs 20000] [--clients 8] [--requests 50] [--bin target/release/dangjian]
    python3 benches/serve_load.py --index DIR   # an index built before, e.g. the 1M one that
                                                # DANGJIAN_BENCH_KEEP=DIR cargo bench --bench search_scale keeps
"""

import argparse
import json
import os
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FORMS = ["双报到", "三会一课", "两学一做", "四议两公开", "五星支部", "一网统管"]
QUERIES = [
    "q=双报到",
    "q=党员+社区",
    "q=志愿服务&year=2019",
    "formulation=三会一课",
    "q=基层党建&sort=date",
    "",
    "q=報到",
    "q=党员&page=3",
]


def counties():
    out = []
    for line in (ROOT / "data" / "gazetteer.tsv").read_text(encoding="utf-8").splitlines():
        f = line.split("\t")
        if not line.startswith("#") and len(f) >= 3 and f[2] == "county" and "historical" not in line:
            out.append((f[0], f[1]))
    return out


def generate(folder: Path, n: int) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    cs = counties()
    docs = []
    for k in range(n):
        code, name = cs[k % len(cs)]
        year = 2012 + k % 12
        used = [f for i, f in enumerate(FORMS) if k % (i + 1) == 0]
        text = (
            f"{name}推进基层党建工作\n\n{year}年以来，{name}"
            + "，".join(f"深化“{f}”" for f in used)
            + f"，组织{200 + k % 900}名在职党员到社区报到，开展志愿服务{1000 + k % 5000}余次。\n"
        )
        fname = f"d{k:06}.txt"
        (folder / fname).write_text(text, encoding="utf-8")
        docs.append({"file": fname, "place": name, "place_code": code,
                     "source": f"样本报{k % 40}", "date": f"{year}-{1 + k % 12:02}-{1 + k % 28:02}",
                     "title": f"{name}推进基层党建工作"})
    (folder / "manifest.json").write_text(json.dumps({"documents": docs}, ensure_ascii=False), encoding="utf-8")


def fresh_queries(n: int) -> list:
    """n requests, no two with the same matches: a term or two terms (the
    whole archive's matches of them), then the same with a year."""
    terms = ["党员", "社区", "服务", "干部", "群众", "基层", "志愿", "组织", "发展", "工作",
             "报到", "网格", "支部", "书记", "村民", "治理", "建设", "活动", "学习", "中心"]
    out = []
    for i in range(n):
        k = i % (len(terms) ** 2)
        t, u = terms[k % len(terms)], terms[k // len(terms)]
        q = f"q={t}" if t == u else f"q={t}+{u}"
        rnd = i // (len(terms) ** 2)
        out.append(q if rnd == 0 else f"{q}&year={2011 + rnd}")
    assert len(set(out)) == len(out)
    return out


def server_cpu(pid: int) -> float:
    """User + system CPU seconds of the server process so far."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--docs", type=int, default=20000)
    ap.add_argument("--clients", type=int, default=8)
    ap.add_argument("--requests", type=int, default=50)
    ap.add_argument("--bin", default=str(ROOT / "target" / "release" / "dangjian"))
    ap.add_argument("--index", help="serve this search index instead of building one of --docs documents")
    ap.add_argument("--fresh", action="store_true",
                    help="every request a new query and year (the server counts each one's matches)")
    a = ap.parse_args()
    work = Path(tempfile.mkdtemp(prefix="dangjian-load-"))
    try:
        index = Path(a.index) if a.index else work / "ix"
        if not a.index:
            generate(work / "docs", a.docs)
            t0 = time.perf_counter()
            subprocess.run([a.bin, "index", str(work / "docs"), "-o", str(work / "a.jsonl"),
                            "--search", str(index), "-q"], check=True)
            print(f"indexed {a.docs} documents in {time.perf_counter() - t0:.1f} s")
        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            port = s.getsockname()[1]
        srv = subprocess.Popen([a.bin, "serve", str(index), "--port", str(port)],
                               stdout=subprocess.PIPE, text=True)
        srv.stdout.readline()
        base = f"http://127.0.0.1:{port}/search?"
        urls = [base + urllib.parse.quote(q, safe="=&+") for q in QUERIES]
        for u in urls:
            urllib.request.urlopen(u).read()
        if a.fresh:
            # Every request a query and filter never asked before, so no
            # page finds its matches counted already.
            urls = [base + urllib.parse.quote(q, safe="=&+") for q in fresh_queries(a.clients * a.requests)]
        times, errors = [], []
        lock = threading.Lock()

        def client(i):
            for r in range(a.requests):
                u = urls[(i * a.requests + r) % len(urls)] if a.fresh else urls[(i + r) % len(urls)]
                t = time.perf_counter()
                try:
                    urllib.request.urlopen(u).read()
                    dt = time.perf_counter() - t
                    with lock:
                        times.append(dt)
                except Exception as e:  # noqa: BLE001 — counted and shown
                    with lock:
                        errors.append(str(e))

        cpu0 = server_cpu(srv.pid)
        t0 = time.perf_counter()
        threads = [threading.Thread(target=client, args=(i,)) for i in range(a.clients)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        wall = time.perf_counter() - t0
        cpu = server_cpu(srv.pid) - cpu0
        srv.terminate()
        srv.wait()
        times.sort()
        p = lambda q: times[min(len(times) - 1, int(q * len(times)))] * 1000  # noqa: E731
        over = f"the index {a.index}" if a.index else f"{a.docs} documents"
        over += ", every request new" if a.fresh else ", 8 requests in turn"
        print(f"{a.clients} clients × {a.requests} search pages with facets over {over} "
              f"({os.cpu_count()} cores, load {os.getloadavg()[0]:.1f}):")
        print(f"  p50 {p(0.50):.1f} ms  p99 {p(0.99):.1f} ms  max {times[-1] * 1000:.1f} ms  "
              f"mean {statistics.mean(times) * 1000:.1f} ms  {len(times) / wall:.0f} pages/s  errors {len(errors)}")
        print(f"  server CPU a page {cpu / max(1, len(times)) * 1000:.1f} ms (the steadier figure on a shared machine)")
        return 1 if errors else 0
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
