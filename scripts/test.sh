#!/usr/bin/env bash
# The whole test suite: install, build, run every ctest test; then the same with
# AddressSanitizer + UndefinedBehaviorSanitizer, optimized, without the `long` tests (they
# ran above; skip the whole sanitizer run with DUALDEX_NO_SANITIZERS=1); then every
# libFuzzer target for DUALDEX_FUZZ_SECONDS (default 10) each when DUALDEX_FUZZ=1.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-deps.sh
export DUALDEX_SHARED=${DUALDEX_SHARED:-$(cd .. && pwd)/shared}
jobs=$(nproc)
BUILD_DIR=build bash scripts/build.sh
(cd build && ctest --output-on-failure -j "$jobs")
if [ "${DUALDEX_NO_SANITIZERS:-0}" != 1 ]; then
  BUILD_DIR=build-asan BUILD_TYPE=RelWithDebInfo bash scripts/build.sh -DDUALDEX_SANITIZERS=ON
  export ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
  (cd build-asan && ctest --output-on-failure -j "$jobs" -LE long)
fi
# libFuzzer targets (fuzz/), run when DUALDEX_FUZZ=1 until their CI time is measured on a
# quiet machine (issue 5); skip with DUALDEX_NO_FUZZ=1.
if [ "${DUALDEX_FUZZ:-0}" = 1 ] && [ "${DUALDEX_NO_FUZZ:-0}" != 1 ]; then
  bash scripts/fuzz.sh "${DUALDEX_FUZZ_SECONDS:-10}"
fi
