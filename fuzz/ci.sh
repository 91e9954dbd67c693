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
cargo +nightly fuzz build -s none -a -O
for target in decode normalize numerals html analyze index; do
    work="fuzz/corpus/$target"
    mkdir -p "$work"
    echo "fuzz/ci.sh: $target for ${seconds}s"
    cargo +nightly fuzz run -s none -a -O "$target" "$work" "fuzz/seeds/$target" -- \
        -dict=fuzz/dangjian.dict -max_len=8192 -timeout=10 -rss_limit_mb=2048 \
        -max_total_time="$seconds" -print_final_stats=1
done
