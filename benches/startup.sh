#!/usr/bin/env bash
# Start-up of the command line: `dangjian analyze` of a one-line file (all
# of its time is loading: jieba's dictionary, the gazetteer, the normalizer,
# the IDF table, the stages' patterns), and `normalize` of the same file (a
# command that never builds the segmenter).
#
#   bash benches/startup.sh [RUNS] [BINARY...]
#
# With no binary, the release build of this checkout. With several (say the
# binary of another commit, then this one), the runs of the binaries
# alternate, so that a change in the machine's load falls on all of them.
# Every figure is the median of RUNS runs (default 30): wall time, CPU time
# (user + system, all threads) and peak resident memory. On this project's
# 2-core machine wall time is below CPU time only when the second core is
# free: note the load (`uptime`, printed first) with the figures.
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-30}
shift || true
if [ $# -eq 0 ]; then
  cargo build --release -q
  set -- "$PWD/target/release/dangjian"
fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
printf '浙江省杭州市今年发展党员1200名。\n' > "$work/one.txt"
uptime
for cmd in analyze normalize; do
  python3 - "$runs" "$cmd" "$work/one.txt" "$@" <<'EOF'
import os, statistics, sys, time

runs, cmd, text, bins = int(sys.argv[1]), sys.argv[2], sys.argv[3], sys.argv[4:]

def run(binary):
    t = time.perf_counter()
    pid = os.posix_spawn(binary, [binary, cmd, text], os.environ,
                         file_actions=[(os.POSIX_SPAWN_OPEN, 1, os.devnull, os.O_WRONLY, 0)])
    _, status, usage = os.wait4(pid, 0)
    wall = time.perf_counter() - t
    if status != 0:
        sys.exit(f"{binary} {cmd}: exit status {status}")
    return wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024

for b in bins:
    run(b)  # the binary into the page cache
results = {b: [] for b in bins}
for _ in range(runs):
    for b in bins:
        results[b].append(run(b))
for b in bins:
    wall, cpu, rss = (statistics.median(x) for x in zip(*results[b]))
    print(f"{cmd:<9} wall {wall:.3f} s  cpu {cpu:.3f} s  rss {rss:.0f} MB  {b}")
EOF
done
