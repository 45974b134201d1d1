#!/usr/bin/env bash
# Builds the libFuzzer targets (fuzz/) with clang, ASan and UBSan into ./build-fuzz, replays the
# committed regression inputs, then fuzzes each target for FUZZ_SECONDS (default 30) starting
# from its seed corpus. Any crash, sanitizer report, leak or timeout fails the script; the
# input that found it is kept in build-fuzz/artifacts/. Usage: scripts/fuzz.sh [target ...]
set -euo pipefail
cd "$(dirname "$0")/.."
seconds="${FUZZ_SECONDS:-30}"
export CCACHE_BASEDIR="$PWD" CCACHE_NOHASHDIR=1
CC=clang CXX=clang++ cmake -S . -B build-fuzz -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DWHARF_FUZZ=ON \
  -DBUILD_TESTING=OFF >/dev/null
cmake --build build-fuzz --parallel "$(nproc)"
targets=("$@")
if [ ${#targets[@]} -eq 0 ]; then
  targets=(insert_values csv jsonl typed_jsonl gzip copy_encoder schema job_file_name toml connection_string python_json)
fi
mkdir -p build-fuzz/artifacts
export ASAN_OPTIONS="detect_leaks=1:abort_on_error=1" UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1"
for t in "${targets[@]}"; do
  bin="build-fuzz/fuzz/fuzz_$t"
  if [ -d "fuzz/regressions/$t" ]; then
    echo "== fuzz_$t: regression inputs"
    "$bin" -rss_limit_mb=2048 -timeout=10 "fuzz/regressions/$t"/* >/dev/null 2>"build-fuzz/$t-regressions.log" ||
      { cat "build-fuzz/$t-regressions.log"; echo "fuzz_$t: a regression input fails" >&2; exit 1; }
  fi
  echo "== fuzz_$t: ${seconds} s"
  work="$(mktemp -d)"
  # New inputs go to a scratch corpus; the committed seeds stay as they are.
  if ! "$bin" -max_total_time="$seconds" -rss_limit_mb=2048 -timeout=10 -max_len=65536 -print_final_stats=1 \
      -artifact_prefix="build-fuzz/artifacts/$t-" "$work" "fuzz/corpus/$t" >"build-fuzz/$t.log" 2>&1; then
    tail -n 60 "build-fuzz/$t.log"
    echo "fuzz_$t found a problem; the input is in build-fuzz/artifacts/" >&2
    rm -rf "$work"
    exit 1
  fi
  grep -E "stat::number_of_executed_units|stat::peak_rss_mb" "build-fuzz/$t.log" | tr '\n' ' '; echo
  rm -rf "$work"
done
echo "fuzzing: no findings"
