#!/usr/bin/env python3
"""The pages of `dangjian serve` in a real browser (headless Chromium).

Builds one index of the bundled corpus, invented documents spread over 10,
100 and 300 places (one source per set, so each set is one filter away) and,
when present, the development texts (../shared/dev/texts, read in place as a
fixture, never copied); serves it; renders the search, document, claims and
comparison pages of each set at 1280 and 500 pixels wide (the narrowest
window headless Chromium opens); fails when a page
is wider than the window (document.documentElement.scrollWidth against
window.innerWidth); saves the screenshots docs/serve-{search,document,
claims,compare}.png (the 300-place set, 1280 × 900).

The width is read through a small proxy in this script: it passes each page
on with a four-line script that writes the two widths into the page, so the
server itself (whose pages forbid scripts) is checked unchanged.

    python3 .ci/browser_check.py [--bin target/release/dangjian] [--no-screenshots]

Exits 0 with a note when chromium is not installed.
"""

import argparse
import http.server
import json
import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
SETS = (10, 100, 300)
WIDTHS = (1280, 500)  # headless Chromium opens no window narrower than 500
PROBE = (
    "<script>addEventListener('load',function(){var p=document.createElement('pre');"
    "p.id='dj-widths';p.textContent=document.documentElement.scrollWidth+' '+innerWidth;"
    "document.body.appendChild(p);});</script>"
)

FORMULATIONS = ["双报到", "三会一课", "两学一做", "四议两公开", "五星支部", "一网统管"]


def counties():
    """Counties of the gazetteer (code, name), in code order, historical ones left out."""
    out = []
    for line in (ROOT / "data" / "gazetteer.tsv").read_text(encoding="utf-8").splitlines():
        if line.startswith("#"):
            continue
        f = line.split("\t")
        if len(f) >= 3 and f[2] == "county" and "historical" not in line:
            out.append((f[0], f[1]))
    return out


def generate(folder: Path, n: int, cs) -> None:
    """n invented reports, one per county spread over the country."""
    folder.mkdir(parents=True, exist_ok=True)
    step = max(1, len(cs) // n)
    docs = []
    for k in range(n):
        code, name = cs[(k * step + n) % len(cs)]
        year = 2015 + k % 8
        used = [FORMULATIONS[0]] + [f for i, f in enumerate(FORMULATIONS[1:], 1) if k % (i + 1) == 0]
        quoted = "，".join(f"深化“{f}”" for f in used)
        text = (
            f"{name}扎实推进基层党建工作\n\n"
            f"{year}年以来，{name}{quoted}，组织{300 + 7 * k}名在职党员到社区报到，"
            f"认领服务项目{20 + k % 50}个，开展志愿服务{1000 + 13 * k}余次，"
            f"全县党员参学率达到{90 + k % 10}%。\n"
            f"下一步，{name}将持续推动机关党建与基层治理深度融合。\n"
        )
        fname = f"gen{n}-{k:03}.txt"
        (folder / fname).write_text(text, encoding="utf-8")
        docs.append(
            {
                "file": fname,
                "place": name,
                "place_code": code,
                "source": f"样本报{n}",
                "date": f"{year}-{1 + k % 12:02}-{1 + k % 28:02}",
                "title": f"{name}扎实推进基层党建工作",
            }
        )
    (folder / "manifest.json").write_text(
        json.dumps({"description": "invented", "documents": docs}, ensure_ascii=False),
        encoding="utf-8",
    )


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def proxy(upstream: str):
    """A proxy that adds the width probe to each HTML page."""

    class H(http.server.BaseHTTPRequestHandler):
        def do_GET(self):
            try:
                with urllib.request.urlopen(upstream + self.path) as r:
                    body, ctype, status = r.read(), r.headers.get("Content-Type", ""), r.status
            except urllib.error.HTTPError as e:
                body, ctype, status = e.read(), e.headers.get("Content-Type", ""), e.code
            if "text/html" in ctype:
                body = body.replace(b"</body>", PROBE.encode() + b"</body>")
            self.send_response(status)
            self.send_header("Content-Type", ctype)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *a):
            pass

    srv = http.server.ThreadingHTTPServer(("127.0.0.1", 0), H)
    threading.Thread(target=srv.serve_forever, daemon=True).start()
    return srv


def chromium(args, timeout=120):
    cmd = [CHROMIUM, "--headless", "--disable-gpu", "--no-sandbox", "--hide-scrollbars",
           "--disable-dev-shm-usage", "--no-first-run", "--disable-extensions"] + args
    return subprocess.run(cmd, capture_output=True, text=True, timeout=timeout)


def widths(url: str, width: int):
    r = chromium([f"--window-size={width},900", "--virtual-time-budget=5000", "--dump-dom", url])
    m = re.search(r'id="dj-widths">(\d+) (\d+)<', r.stdout)
    if not m:
        raise SystemExit(f"no width probe in {url}: {r.stderr[-500:]}")
    return int(m.group(1)), int(m.group(2))


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--bin", default=str(ROOT / "target" / "release" / "dangjian"))
    ap.add_argument("--no-screenshots", action="store_true")
    a = ap.parse_args()
    if not CHROMIUM:
        print("browser check: chromium is not installed; skipped")
        return 0
    work = Path(tempfile.mkdtemp(prefix="dangjian-browser-"))
    cs = counties()
    inputs = [str(ROOT / "corpus")]
    for n in SETS:
        generate(work / f"gen{n}", n, cs)
        inputs.append(str(work / f"gen{n}"))
    dev = ROOT.parent / "shared" / "dev" / "texts"
    if dev.is_dir():
        inputs.append(str(dev))
    ix = work / "ix"
    subprocess.run([a.bin, "index", *inputs, "-o", str(work / "all.jsonl"), "--search", str(ix), "-q"],
                   check=False)
    port = free_port()
    server = subprocess.Popen([a.bin, "serve", str(ix), "--port", str(port)], stdout=subprocess.PIPE, text=True)
    try:
        line = server.stdout.readline()
        print(line.strip())
        base = f"http://127.0.0.1:{port}"
        px = proxy(base)
        pbase = f"http://127.0.0.1:{px.server_address[1]}"
        failures = []
        for n in SETS:
            src = urllib.parse.quote(f"样本报{n}")
            hits = json.load(urllib.request.urlopen(f"{base}/api/search?source={src}&limit=1"))
            if hits["total"] != n:
                failures.append(f"set {n}: {hits['total']} documents indexed")
            doc = hits["hits"][0]["id"] if hits["hits"] else "none"
            pages = {
                "search": f"/search?q={urllib.parse.quote('双报到')}&source={src}",
                "document": f"/doc/{doc}",
                "claims": f"/claims?source={src}",
                "compare": f"/compare?source={src}",
            }
            for name, path in pages.items():
                for w in WIDTHS:
                    sw, iw = widths(pbase + path, w)
                    verdict = "ok" if sw <= iw else "OVERFLOW"
                    print(f"{n:>3} places  {name:<9} {w:>4}px: scrollWidth {sw} / viewport {iw}  {verdict}")
                    if sw > iw:
                        failures.append(f"{name} at {n} places, {w}px: {sw} > {iw}")
                if n == SETS[-1] and not a.no_screenshots:
                    out = ROOT / "docs" / f"serve-{name}.png"
                    chromium([f"--window-size=1280,900", f"--screenshot={out}", base + path])
                    print(f"saved {out.relative_to(ROOT)}")
        # The whole archive, unfiltered, too.
        for w in WIDTHS:
            sw, iw = widths(pbase + "/search", w)
            print(f"all       search    {w:>4}px: scrollWidth {sw} / viewport {iw}")
            if sw > iw:
                failures.append(f"unfiltered search at {w}px: {sw} > {iw}")
        if failures:
            print("browser check FAILED:\n  " + "\n  ".join(failures))
            return 1
        print("browser check: no page wider than its window")
        return 0
    finally:
        server.terminate()
        server.wait()
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
