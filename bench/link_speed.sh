#!/usr/bin/env bash
# Linking speed (docs/PERFORMANCE.md):
#  1. `dualdex link --text` end to end (loading the knowledge and 4,135 list entries, then
#     one measure), median of RUNS;
#  2. relinking every measure of Reuters-21578 against the EU, US and China lists: the
#     Reuters ingest runs with --no-link, then an ingest of the unchanged lists links all
#     measures at once (its own ingest part is timed alone first, on the unchanged index).
# Usage: bench/link_speed.sh [BUILD_DIR] [RUNS]    (DUALDEX_SHARED overrides ../shared)
set -euo pipefail
cd "$(dirname "$0")/.."
BUILD=${1:-build}
RUNS=${2:-5}
SHARED=${DUALDEX_SHARED:-$(cd .. && pwd)/shared}
LISTS="$SHARED/data/control-lists-text"
REUTERS="$SHARED/data/reuters21578"
[ -d "$LISTS" ] && [ -d "$REUTERS" ] || { echo "SKIPPED: $LISTS or $REUTERS not found"; exit 0; }
DUALDEX="$BUILD/cli/dualdex"
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
stats() {
  sort -n | awk '{a[NR]=$1} END {m=(NR%2)?a[(NR+1)/2]:(a[NR/2]+a[NR/2+1])/2; printf "median %.3f  min %.3f  max %.3f", m, a[1], a[NR]}'
}
"$DUALDEX" ingest --quiet --index "$TMP/idx" "$LISTS/eu-annex-i-2021-821.txt" "$LISTS/us-ccl-supp1-headings.txt" corpus/lists
: > "$TMP/times"
for _ in $(seq "$RUNS"); do
  /usr/bin/time -f "%e %M" -o "$TMP/t" "$DUALDEX" link --index "$TMP/idx" --format json \
    --text "The Netherlands extended its licence requirement to EUV lithography scanners and chip-making tools." >/dev/null
  read -r secs kb < "$TMP/t"; echo "$secs" >> "$TMP/times"
done
echo "link --text (one measure, cold process): $(stats < "$TMP/times") s; peak RSS $kb KB ($RUNS runs)"
"$DUALDEX" ingest --quiet --no-link --index "$TMP/idx" "$REUTERS"
measures=$("$DUALDEX" query --index "$TMP/idx" --kind measure --format json --limit 0 | python3 -c 'import json,sys; print(json.load(sys.stdin)["total"])')
/usr/bin/time -f "%e %M" -o "$TMP/t" "$DUALDEX" ingest --index "$TMP/idx" "$LISTS/eu-annex-i-2021-821.txt" 2> "$TMP/log"
read -r secs kb < "$TMP/t"
grep linked "$TMP/log" || true
echo "relink of $measures Reuters measures (with an unchanged-list ingest): $secs s; peak RSS $kb KB"
/usr/bin/time -f "%e" -o "$TMP/t" "$DUALDEX" ingest --quiet --index "$TMP/idx" "$LISTS/eu-annex-i-2021-821.txt"
echo "the same ingest with nothing to relink: $(cat "$TMP/t") s"
