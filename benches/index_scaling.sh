#!/usr/bin/env bash
# Throughput and peak memory of `dangjian index` over a directory of
# documents, on one core and on two, at 1x, 10x and 100x the input, and the
# scaling this machine gives to perfectly independent work (the ceiling).
#
#   bash benches/index_scaling.sh [REPS]     # needs /usr/bin/time (Debian: time)
#
# The base set is the bundled corpus plus, when ../shared/data is present,
# the SIGHAN 2005 raw test texts cut into documents of about 40 lines. Each
# set is split into two halves (h0, h1). Every figure is the median of REPS
# runs (default 3), the three kinds of run taken in turn:
#
#   jobs 1   index the set with one analysis thread
#   jobs 2   index the set with two
#   pair     two separate `--jobs 1` processes at once, one per half: no
#            shared state at all, so jobs-1 time / pair time is the most any
#            program gets from the second core on this machine
set -euo pipefail
cd "$(dirname "$0")/.."
reps=${1:-3}
cargo build --release -q
bin=$PWD/target/release/dangjian
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
  local dir=$1 copies=$2 n=0
  for ((k = 0; k < copies; k++)); do
    for f in "$base"/*.txt; do
      # one copy: files alternate between the halves; more: copies do
      local half=$(( copies == 1 ? n++ % 2 : k % 2 ))
      mkdir -p "$dir/h$half/c$k"
      { printf 'copy %d\n' "$k"; cat "$f"; } > "$dir/h$half/c$k/$(basename "$f")"
    done
  done
}

timed() { # timed OUT-PREFIX CMD... : wall seconds and peak RSS (MB) into files
  local pre=$1
  shift
  /usr/bin/time -f '%e %M' -o "$pre.time" "$@" > /dev/null || true
}

median() { sort -g | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }

printf '| input | documents | MB | jobs 1 (s) | jobs 2 (s) | MB/s (2 jobs) | scaling 1→2 | pair (s) | ceiling | of ceiling | peak RSS 1 / 2 jobs (MB) |\n'
printf '|---|---|---|---|---|---|---|---|---|---|---|\n'
for copies in 1 10 100; do
  set_dir="$work/x$copies"
  make_set "$set_dir" "$copies"
  docs=$(find "$set_dir" -name '*.txt' | wc -l)
  mb=$(du -sb "$set_dir" | awk '{printf "%.1f", $1/1e6}')
  : > "$work/j1" ; : > "$work/j2" ; : > "$work/pair" ; : > "$work/rss1" ; : > "$work/rss2"
  for ((r = 0; r < reps; r++)); do
    timed "$work/a" "$bin" index -q --jobs 1 -o "$work/out1.jsonl" "$set_dir"
    read -r s m < "$work/a.time"; echo "$s" >> "$work/j1"; echo $((m / 1024)) >> "$work/rss1"
    timed "$work/b" "$bin" index -q --jobs 2 -o "$work/out2.jsonl" "$set_dir"
    read -r s m < "$work/b.time"; echo "$s" >> "$work/j2"; echo $((m / 1024)) >> "$work/rss2"
    start=$(date +%s.%N)
    "$bin" index -q --jobs 1 -o "$work/h0.jsonl" "$set_dir/h0" &
    "$bin" index -q --jobs 1 -o "$work/h1.jsonl" "$set_dir/h1" &
    wait
    end=$(date +%s.%N)
    awk -v a="$start" -v b="$end" 'BEGIN {printf "%.2f\n", b - a}' >> "$work/pair"
  done
  # Both thread counts must write the same records in the same order.
  cmp -s "$work/out1.jsonl" "$work/out2.jsonl" || echo "warning: jobs 1 and jobs 2 outputs differ" >&2
  j1=$(median < "$work/j1"); j2=$(median < "$work/j2"); pair=$(median < "$work/pair")
  rss1=$(median < "$work/rss1"); rss2=$(median < "$work/rss2")
  awk -v c="$copies" -v d="$docs" -v mb="$mb" -v j1="$j1" -v j2="$j2" -v p="$pair" \
      -v r1="$rss1" -v r2="$rss2" 'BEGIN {
    printf "| %sx | %s | %s | %.2f | %.2f | %.2f | %.2f× | %.2f | %.2f× | %.0f %% | %s / %s |\n",
      c, d, mb, j1, j2, mb / j2, j1 / j2, p, j1 / p, 100 * (j1 / j2) / (j1 / p), r1, r2 }'
  rm -rf "$set_dir"
done
