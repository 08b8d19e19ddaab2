#!/usr/bin/env bash
# Builds the libFuzzer targets (fuzz/) with clang, AddressSanitizer and UBSan in
# build-fuzz/ and runs each for SECONDS (default 30). Fails when any target crashes,
# leaks, times out (> 10 s on one input) or exceeds 2 GB, and says which target and
# where the reproducer is.
#   bash scripts/fuzz.sh [SECONDS] [TARGET...]     # default: every target
#   build-fuzz/fuzz/fuzz_html REPRODUCER           # replays one input
# New inputs found go to build-fuzz/fuzz-corpus/<target>/ (kept between runs); the
# checked-in seeds in fuzz/corpus/<target>/ and the past findings in
# fuzz/regressions/<target>/ are only read (ctest replays both: fuzz_replay_<target>).
set -euo pipefail
cd "$(dirname "$0")/.."
SECONDS_PER_TARGET=${1:-30}
shift || true
BUILD_DIR=${FUZZ_BUILD_DIR:-build-fuzz}

# A build folder already configured with DUALDEX_FUZZ=ON (scripts/test.sh's sanitizer
# build, which also holds the test suite) is used as it is.
if ! grep -q '^DUALDEX_FUZZ:BOOL=ON' "$BUILD_DIR/CMakeCache.txt" 2>/dev/null; then
  CC=clang CXX=clang++ cmake -S . -B "$BUILD_DIR" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
    -DDUALDEX_FUZZ=ON -DDUALDEX_BUILD_TESTS=OFF >/dev/null
fi
cmake --build "$BUILD_DIR" -j "$(nproc)" --target dualdex_fuzzers

if [ $# -gt 0 ]; then
  targets=("$@")
else
  read -r -a targets < <(tr ';' ' ' < "$BUILD_DIR/fuzz-targets.txt")
fi

# Longest input per target: room for a real document, short enough to stay fast.
max_len() {
  case "$1" in
    dates) echo 128 ;;
    query) echo 512 ;;
    date_extract) echo 4096 ;;
    html | reuters | rss) echo 16384 ;;
    *) echo 8192 ;;
  esac
}

export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=1}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}
failed=()
for t in "${targets[@]}"; do
  bin="$BUILD_DIR/fuzz/fuzz_$t"
  [ -x "$bin" ] || { echo "fuzz: no such target: $t" >&2; exit 2; }
  work="$BUILD_DIR/fuzz-corpus/$t"
  artifacts="$BUILD_DIR/fuzz-artifacts/$t"
  log="$BUILD_DIR/fuzz-logs/$t.log"
  mkdir -p "$work" "$artifacts" "$(dirname "$log")"
  seeds=()
  for d in "fuzz/corpus/$t" "fuzz/regressions/$t"; do [ -d "$d" ] && seeds+=("$d"); done
  # shipped documents that seed the target too (fuzz/CMakeLists.txt, DUALDEX_FUZZ_SHIPPED_*)
  if [ -f "$BUILD_DIR/fuzz-shipped-$t.txt" ]; then
    while read -r d; do [ -n "$d" ] && [ -d "$d" ] && seeds+=("$d"); done <"$BUILD_DIR/fuzz-shipped-$t.txt"
  fi
  start=$(date +%s)
  if "$bin" "$work" "${seeds[@]}" -max_total_time="$SECONDS_PER_TARGET" -max_len="$(max_len "$t")" \
      -timeout=10 -rss_limit_mb=2048 -artifact_prefix="$artifacts/" -print_final_stats=1 \
      >"$log" 2>&1; then
    stats=$(grep -E '^stat::number_of_executed_units' "$log" | awk '{print $2}')
    echo "fuzz: $t ok ($((${stats:-0})) inputs in $(($(date +%s) - start)) s)"
  else
    repro=$(grep -oE "Test unit written to [^ ]+" "$log" | awk '{print $NF}' | tail -1 || true)
    echo "fuzz: $t FAILED; log $log" >&2
    grep -E "^(==[0-9]+==ERROR|SUMMARY|.*runtime error|dualdex fuzz invariant|.*deadly signal|.*ERROR: libFuzzer)" "$log" | head -5 >&2 || true
    echo "fuzz: reproduce with: $bin ${repro:-<no reproducer written; see the log>}" >&2
    echo "fuzz: once fixed, keep it as a regression test: cp REPRODUCER fuzz/regressions/$t/<what-it-was>" >&2
    failed+=("$t")
  fi
done
if [ ${#failed[@]} -gt 0 ]; then
  echo "fuzz: ${#failed[@]} target(s) failed: ${failed[*]}" >&2
  exit 1
fi
echo "fuzz: all ${#targets[@]} target(s) ran ${SECONDS_PER_TARGET} s without a finding"
