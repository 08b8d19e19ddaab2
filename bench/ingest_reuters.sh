#!/usr/bin/env bash
# Full ingest of Reuters-21578 (parse + normalization + extraction + indexing) into a
# fresh index, RUNS times per --jobs setting; prints median/min/max wall seconds and
# peak RSS, then the time of a rerun with nothing changed.
# Usage: bench/ingest_reuters.sh [BUILD_DIR] [RUNS]    (DUALDEX_SHARED overrides ../shared)
set -euo pipefail
cd "$(dirname "$0")/.."
BUILD=${1:-build}
RUNS=${2:-5}
SHARED=${DUALDEX_SHARED:-$(cd .. && pwd)/shared}
DATA="$SHARED/data/reuters21578"
[ -d "$DATA" ] || { echo "SKIPPED: $DATA not found"; exit 0; }
DUALDEX="$BUILD/cli/dualdex"
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
stats() {  # median min max of the numbers on stdin
  sort -n | awk '{a[NR]=$1} END {m=(NR%2)?a[(NR+1)/2]:(a[NR/2]+a[NR/2+1])/2; printf "median %.2f  min %.2f  max %.2f", m, a[1], a[NR]}'
}
for jobs in 1 2; do
  : > "$TMP/times"; : > "$TMP/rss"
  for _ in $(seq "$RUNS"); do
    rm -rf "$TMP/idx"
    /usr/bin/time -f "%e %M" -o "$TMP/t" "$DUALDEX" ingest --quiet --jobs "$jobs" --index "$TMP/idx" "$DATA"
    read -r secs kb < "$TMP/t"
    echo "$secs" >> "$TMP/times"; echo "$kb" >> "$TMP/rss"
  done
  echo "ingest --jobs $jobs: $(stats < "$TMP/times") s;  peak RSS $(sort -n "$TMP/rss" | tail -1) KB  ($RUNS runs)"
done
: > "$TMP/times"
for _ in $(seq "$RUNS"); do
  /usr/bin/time -f "%e %M" -o "$TMP/t" "$DUALDEX" ingest --quiet --index "$TMP/idx" "$DATA"
  read -r secs kb < "$TMP/t"; echo "$secs" >> "$TMP/times"
done
echo "rerun, nothing changed: $(stats < "$TMP/times") s"
echo "index size: $(du -sh "$TMP/idx" | cut -f1)"
