#!/bin/sh
# Runs every fuzz target briefly, starting from the committed corpus
# (fuzz/seeds/<target>), when nightly Rust and cargo-fuzz are installed;
# otherwise says so and succeeds (the corpus is replayed on stable by
# `cargo test --test fuzz_corpus` either way).
#
#   fuzz/ci.sh            # 30 s per target
#   FUZZ_SECONDS=60 fuzz/ci.sh
#
# A crash fails the script; libFuzzer leaves the input in
# fuzz/artifacts/<target>/, and `cargo +nightly fuzz tmin <target> <file>`
# minimizes it for fuzz/seeds/<target>/ and a regression test.
set -eu
cd "$(dirname "$0")/.."
seconds="${FUZZ_SECONDS:-30}"
if ! cargo +nightly --version >/dev/null 2>&1; then
    echo "fuzz/ci.sh: no nightly toolchain; fuzzing skipped"
    exit 0
fi
if ! cargo +nightly fuzz --version >/dev/null 2>&1; then
    echo "fuzz/ci.sh: cargo-fuzz not installed (cargo install cargo-fuzz); fuzzing skipped"
    exit 0
fi
# No sanitizer: the code is safe Rust, and the instrumentation alone finds
# panics, overflows (debug assertions on) and timeouts at twice the speed.
# FUZZ_TRACE_COMPARES=0 also drops the comparison tracing that guides the
# mutator through comparisons: most of the time of an execution goes to it
# (perf: 40 % in decode, 78 % in normalize), so a long run of a target whose
# corpus already covers its code goes 2-4x faster without it. The checks are
# the same either way.
build_flags="-s none -a -O"
if [ "${FUZZ_TRACE_COMPARES:-1}" = 0 ]; then
    build_flags="$build_flags --no-trace-compares"
fi
# shellcheck disable=SC2086
cargo +nightly fuzz build $build_flags
for target in decode normalize numerals html analyze index; do
    work="fuzz/corpus/$target"
    mkdir -p "$work"
    # Longest input per target: numerals are short, and a normalizer or
    # decoder bug shows on a few kilobytes (token-mode inputs render to
    # several times their length); whole pages only where page structure
    # matters. Larger inputs only slow every execution down.
    case "$target" in
        numerals) max_len=256 ;;
        decode | normalize) max_len=4096 ;;
        analyze) max_len=4096 ;;
        *) max_len=8192 ;;
    esac
    echo "fuzz/ci.sh: $target for ${seconds}s (max_len $max_len)"
    # shellcheck disable=SC2086
    cargo +nightly fuzz run $build_flags "$target" "$work" "fuzz/seeds/$target" -- \
        -dict=fuzz/dangjian.dict -max_len="$max_len" -timeout=10 -rss_limit_mb=2048 \
        -max_total_time="$seconds" -print_final_stats=1
done
