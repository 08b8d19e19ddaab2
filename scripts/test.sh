#!/usr/bin/env bash
# The whole test suite:
#  1. install, build with g++ (build/), run every ctest test;
#  2. build with clang, AddressSanitizer + UndefinedBehaviorSanitizer and libFuzzer's
#     coverage instrumentation (build-asan/), run the tests again without the `long` ones
#     (they ran in 1.), then every libFuzzer target for DUALDEX_FUZZ_SECONDS (default 15)
#     each (scripts/fuzz.sh, same build).
# DUALDEX_NO_SANITIZERS=1 skips 2.; DUALDEX_NO_FUZZ=1 skips the fuzzing only.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-deps.sh
export DUALDEX_SHARED=${DUALDEX_SHARED:-$(cd .. && pwd)/shared}
jobs=$(nproc)
BUILD_DIR=build bash scripts/build.sh
(cd build && ctest --output-on-failure -j "$jobs")
if [ "${DUALDEX_NO_SANITIZERS:-0}" != 1 ]; then
  CC=clang CXX=clang++ BUILD_DIR=build-asan BUILD_TYPE=RelWithDebInfo bash scripts/build.sh \
    -DDUALDEX_SANITIZERS=ON -DDUALDEX_FUZZ=ON
  export ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
  (cd build-asan && ctest --output-on-failure -j "$jobs" -LE long)
  if [ "${DUALDEX_NO_FUZZ:-0}" != 1 ]; then
    FUZZ_BUILD_DIR=build-asan bash scripts/fuzz.sh "${DUALDEX_FUZZ_SECONDS:-15}"
  fi
fi
