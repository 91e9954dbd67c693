#!/usr/bin/env bash
# Throughput and peak memory of `dangjian index` over a directory of
# documents, on one core and on all cores, at 1x, 10x and 100x the input.
#
#   bash benches/index_scaling.sh            # needs /usr/bin/time (Debian: time)
#
# The base set is the bundled corpus plus, when ../shared/data is present,
# the SIGHAN 2005 raw test texts cut into documents of about 40 lines.
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --release -q
bin=target/release/dangjian
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

base="$work/base"
mkdir -p "$base"
cp corpus/*.txt "$base/"
for f in ../shared/data/sighan2005/testing/{pku,msr,as,cityu}_test.utf8; do
  [ -f "$f" ] || continue
  split -l 40 -d -a 4 --additional-suffix=.txt "$f" "$base/$(basename "$f" .utf8)-"
done

make_set() { # copies of the base set, each copy made distinct by a header line
  local dir=$1 copies=$2
  mkdir -p "$dir"
  for ((k = 0; k < copies; k++)); do
    mkdir -p "$dir/c$k"
    for f in "$base"/*.txt; do
      { printf 'copy %d\n' "$k"; cat "$f"; } > "$dir/c$k/$(basename "$f")"
    done
  done
}

printf '| input | documents | MB | jobs | seconds | MB/s | peak RSS (MB) |\n|---|---|---|---|---|---|---|\n'
for copies in 1 10 100; do
  set_dir="$work/x$copies"
  make_set "$set_dir" "$copies"
  docs=$(find "$set_dir" -name '*.txt' | wc -l)
  mb=$(du -sb "$set_dir" | awk '{printf "%.1f", $1/1e6}')
  for jobs in 1 2; do
    out="$work/out.jsonl"
    /usr/bin/time -v -o "$work/time.txt" "$bin" index -q --jobs "$jobs" -o "$out" "$set_dir" || true
    secs=$(awk -F': ' '/Elapsed \(wall clock\)/ {n=split($2,t,":"); s=0; for(i=1;i<=n;i++) s=s*60+t[i]; print s}' "$work/time.txt")
    rss=$(awk -F': ' '/Maximum resident set size/ {printf "%.0f", $2/1024}' "$work/time.txt")
    rate=$(awk -v m="$mb" -v s="$secs" 'BEGIN {printf "%.2f", m/s}')
    printf '| %sx | %s | %s | %s | %s | %s | %s |\n' "$copies" "$docs" "$mb" "$jobs" "$secs" "$rate" "$rss"
  done
  rm -rf "$set_dir"
done
