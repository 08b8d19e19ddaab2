#!/usr/bin/env bash
# Query latency (issue 7): builds an index of N generated stories (bench/make_big_corpus,
# JSON Lines; `dualdex ingest --jobs 2`, its time and peak RSS printed), then runs the
# analyst queries of bench/queries.txt through query::Searcher in-process (p50/p99,
# without and with exact facets) and, every 4th query, through `dualdex query` as a
# process (bench/query_latency.cpp).
# Usage: bench/query_latency.sh [BUILD_DIR] [N]      (default N: 100000)
# Env: DUALDEX_BENCH_INDEX=DIR: use that index if it exists (N is then ignored), else
# build it there and keep it; PASSES (default 5); DUALDEX_SHARED as elsewhere.
set -euo pipefail
cd "$(dirname "$0")/.."
BUILD=${1:-build}
N=${2:-100000}
PASSES=${PASSES:-5}
SHARED=${DUALDEX_SHARED:-$(cd .. && pwd)/shared}
echo "# bench/query_latency.sh $*  ($(date -u +%Y-%m-%dT%H:%MZ), $(nproc) cores, $(git rev-parse --short HEAD 2>/dev/null || echo '?'), load $(cut -d' ' -f1-3 /proc/loadavg))"
DUALDEX="$BUILD/cli/dualdex"
for tool in "$DUALDEX" "$BUILD/bench/make_big_corpus" "$BUILD/bench/query_latency"; do
  [ -x "$tool" ] || { echo "missing $tool: cmake --build $BUILD --target speed_bench" >&2; exit 2; }
done
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
IDX=${DUALDEX_BENCH_INDEX:-$TMP/index}
if [ -d "$IDX" ]; then
  echo "using the existing index $IDX"
else
  [ -d "$SHARED/data/reuters21578" ] || { echo "SKIPPED: $SHARED/data/reuters21578 not found"; exit 0; }
  DUALDEX_SHARED="$SHARED" "$BUILD/bench/make_big_corpus" "$N" "$TMP/corpus"
  /usr/bin/time -f "%e %U %S %M" -o "$TMP/t" "$DUALDEX" ingest --quiet --jobs 2 --index "$IDX" "$TMP/corpus" > /dev/null 2> "$TMP/log" || {
    tail -5 "$TMP/log" >&2; exit 1; }
  read -r wall user sys rss < <(tail -1 "$TMP/t")
  echo "ingest of $N stories: $wall s wall, $(awk -v a="$user" -v b="$sys" 'BEGIN { print a + b }') s CPU, peak RSS $((rss / 1024)) MB, index $(du -sh "$IDX" | cut -f1)"
  rm -rf "$TMP/corpus"
fi
"$BUILD/bench/query_latency" "$IDX" bench/queries.txt --passes "$PASSES" --cli "$DUALDEX"
