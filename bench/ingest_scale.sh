#!/usr/bin/env bash
# Ingest time and peak memory against corpus size (issue 7): for each N, generates N
# stories with bench/make_big_corpus (JSON Lines, 1,000 per file; not timed) and ingests
# them into a fresh index with `dualdex ingest --jobs $JOBS`; prints wall time, CPU, peak
# RSS, index size and stories/s per N, and the growth exponent k of time ~ N^k (least
# squares on log time vs log N, and between consecutive points).
# Usage: bench/ingest_scale.sh [BUILD_DIR] [N...]     (default N: 10000 100000)
# Env: JOBS (default 2); KEEP_DIR=DIR keeps DIR/corpus-N and DIR/index-N (for
# bench/query_latency.sh: DUALDEX_BENCH_INDEX=DIR/index-N); DUALDEX_SHARED as elsewhere.
set -euo pipefail
cd "$(dirname "$0")/.."
BUILD=${1:-build}
shift || true
SIZES=("$@")
[ ${#SIZES[@]} -gt 0 ] || SIZES=(10000 100000)
JOBS=${JOBS:-2}
SHARED=${DUALDEX_SHARED:-$(cd .. && pwd)/shared}
echo "# bench/ingest_scale.sh $BUILD ${SIZES[*]}  (JOBS=$JOBS; $(date -u +%Y-%m-%dT%H:%MZ), $(nproc) cores, $(git rev-parse --short HEAD 2>/dev/null || echo '?'), load $(cut -d' ' -f1-3 /proc/loadavg))"
[ -d "$SHARED/data/reuters21578" ] || { echo "SKIPPED: $SHARED/data/reuters21578 not found"; exit 0; }
DUALDEX="$BUILD/cli/dualdex"
for tool in "$DUALDEX" "$BUILD/bench/make_big_corpus"; do
  [ -x "$tool" ] || { echo "missing $tool: cmake --build $BUILD --target speed_bench" >&2; exit 2; }
done
if [ -n "${KEEP_DIR:-}" ]; then
  WORK=$KEEP_DIR; mkdir -p "$WORK"
else
  WORK=$(mktemp -d); trap 'rm -rf "$WORK"' EXIT
fi
POINTS="$WORK/points"; : > "$POINTS"
printf "%10s %10s %10s %10s %10s %10s %10s %12s\n" "stories" "corpus MB" "wall s" "CPU s" "peak RSS" "index MB" "index docs" "stories/s"
for n in "${SIZES[@]}"; do
  corpus="$WORK/corpus-$n" idx="$WORK/index-$n"
  rm -rf "$corpus" "$idx"
  DUALDEX_SHARED="$SHARED" "$BUILD/bench/make_big_corpus" "$n" "$corpus" > /dev/null
  /usr/bin/time -f "%e %U %S %M" -o "$WORK/t" "$DUALDEX" ingest --quiet --jobs "$JOBS" --index "$idx" "$corpus" > /dev/null 2> "$WORK/log-$n" || {
    echo "FAILED at N=$n" >&2; tail -5 "$WORK/log-$n" >&2; exit 1; }
  read -r wall user sys rss < <(tail -1 "$WORK/t")
  docs=$("$DUALDEX" query --index "$idx" --kind any --format json --limit 0 '' | python3 -c 'import json,sys; print(json.load(sys.stdin)["total"])')
  printf "%10d %10.0f %10.1f %10.1f %7.0f MB %10.0f %10d %12.0f\n" "$n" \
    "$(du -sk --apparent-size "$corpus" | awk '{print $1 / 1024}')" "$wall" "$(awk -v a="$user" -v b="$sys" 'BEGIN { print a + b }')" \
    "$(awk -v r="$rss" 'BEGIN { print r / 1024 }')" "$(du -sk "$idx" | awk '{print $1 / 1024}')" "$docs" \
    "$(awk -v n="$n" -v w="$wall" 'BEGIN { print n / w }')"
  echo "$n $wall" >> "$POINTS"
  [ -n "${KEEP_DIR:-}" ] || rm -rf "$corpus" "$idx"
done
awk '{ x[NR] = log($1); y[NR] = log($2); n[NR] = $1 }
  END {
    if (NR < 2) exit
    for (i = 1; i <= NR; i++) { sx += x[i]; sy += y[i]; sxx += x[i] * x[i]; sxy += x[i] * y[i] }
    k = (NR * sxy - sx * sy) / (NR * sxx - sx * sx)
    printf "growth exponent of wall time (time ~ N^k, least squares over %d points): k = %.2f\n", NR, k
    for (i = 2; i <= NR; i++) printf "  %d -> %d: k = %.2f\n", n[i-1], n[i], (y[i] - y[i-1]) / (x[i] - x[i-1])
  }' "$POINTS"
