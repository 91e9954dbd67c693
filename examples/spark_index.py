#!/usr/bin/env python3
"""Index documents with dangjian on Spark and reduce them to place profiles.

The map side is `dangjian index -` run by RDD.pipe: each partition's JSONL
records ({"id", "text", ...}) go to the binary's stdin and analyses come back
on its stdout. The reduce side merges profiles: `dangjian profile` turns each
partition's analyses into profiles, and `dangjian profile` over those profile
files merges them (the merge is associative and commutative).

Local mode, on the bundled corpus:

    cargo build --release
    python3 examples/spark_index.py --binary target/release/dangjian \
        --output /tmp/profiles.json corpus/
    target/release/dangjian compare /tmp/profiles.json

On a cluster, ship the binary with --files and pass its name:

    spark-submit --master yarn --files target/release/dangjian \
        examples/spark_index.py --binary ./dangjian --output profiles.json hdfs:///archive/
"""
import argparse
import json
import os
import subprocess
import sys
import tempfile


def documents(sc, inputs):
    """(path, text) pairs: whole files from local directories or HDFS."""
    rdds = []
    for root in inputs:
        if os.path.isdir(root):
            pattern = os.path.join(os.path.abspath(root), "*.txt")
            rdds.append(sc.wholeTextFiles("file://" + pattern))
        else:
            rdds.append(sc.wholeTextFiles(root))
    return sc.union(rdds)


def to_record(pair):
    path, text = pair
    return json.dumps({"id": None, "path": path, "text": text}, ensure_ascii=False)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--binary", default="dangjian", help="path to the dangjian binary")
    ap.add_argument("--output", required=True, help="where to write the merged profiles (JSON)")
    ap.add_argument("--partitions", type=int, default=4)
    ap.add_argument("inputs", nargs="+", help="directories of .txt files, or HDFS globs")
    args = ap.parse_args()

    from pyspark import SparkConf, SparkContext

    conf = SparkConf().setAppName("dangjian-index")
    if "spark.master" not in conf.getAll() and not os.environ.get("MASTER"):
        conf = conf.setMaster("local[*]")
    sc = SparkContext(conf=conf)
    binary = os.path.abspath(args.binary) if os.path.exists(args.binary) else args.binary

    # Map: analyze with `dangjian index -` as a pipe stage.
    records = documents(sc, args.inputs).repartition(args.partitions).map(to_record)
    analyses = records.pipe(binary + " index - -q").filter(lambda l: '"error"' not in l[:200])

    # Reduce: one profile file per partition, merged by `dangjian profile`.
    def profile_partition(lines):
        with tempfile.NamedTemporaryFile("w", suffix=".jsonl", delete=False, encoding="utf-8") as f:
            for line in lines:
                f.write(line + "\n")
            name = f.name
        try:
            out = subprocess.run([binary, "profile", name], capture_output=True, text=True, check=True)
            yield out.stdout
        finally:
            os.unlink(name)

    parts = analyses.mapPartitions(profile_partition).collect()
    sc.stop()

    with tempfile.TemporaryDirectory() as tmp:
        files = []
        for i, p in enumerate(parts):
            f = os.path.join(tmp, f"part{i}.json")
            with open(f, "w", encoding="utf-8") as fh:
                fh.write(p)
            files.append(f)
        merged = subprocess.run([binary, "profile", "-o", args.output, *files], check=False)
    sys.exit(merged.returncode)


if __name__ == "__main__":
    main()
