"""A script as a user writes it; `mypy --strict` checks it against the stubs."""

from pathlib import Path
from typing import Any, Dict, List

import dangjian


def values(text: str) -> List[float]:
    a: Dict[str, Any] = dangjian.analyze(text)
    return [float(c["value"]) for c in a["claims"]]


def main() -> None:
    p = dangjian.Pipeline(keywords=5, lexicon=["邻里红管家 nz"], clean=False)
    docs: List[dangjian.Source] = ["党员10名", b"\xe5\x85\x9a", Path("report.txt")]
    for r in p.analyze_many(docs, threads=2):
        if "error" in r:
            print(r["kind"], r["error"])
    words: List[str] = dangjian.segment("天津市加強機關黨建工作")
    simplified: str = dangjian.normalize("慰藉著", config="t2s")
    report: str = dangjian.compare(["天津市党员10名"], format="html")
    table: Dict[str, Any] = dangjian.compare(["天津市党员10名"])
    rows = dangjian.claims(["天津市党员10名"])
    shared: Dict[str, Any] = dangjian.reuse(["天津市党员10名", "上海市党员20名"])
    reuse_csv: str = dangjian.reuse(["天津市党员10名"], format="csv")
    try:
        dangjian.analyze(b"\x00\x01")
    except dangjian.DecodeError as e:
        reason: str = e.reason
        print(e.file, reason, e.kind)
    built: Dict[str, Any] = dangjian.build_archive("archive", ["天津市党员10名"], threads=1)
    archive = dangjian.Archive(Path("archive"))
    hits = archive.search("党员", place="天津市", year=2020, limit=5, sort="date")
    found: Dict[str, Any] = archive.results("党员", facets=["place"])
    counts: Dict[str, Any] = archive.facets("党员", fields=["place", "year"])
    claim_rows = archive.claims(unit="名", min=5, indicator="count")
    print(built["added"], len(archive), "x" in archive, hits, found, counts, claim_rows)
    print(values("党员10名"), words, simplified, len(report), len(table), rows, dangjian.CLAIM_COLUMNS, shared, reuse_csv)


if __name__ == "__main__":
    main()
