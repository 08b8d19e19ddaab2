#!/usr/bin/env bash
# Full ingest side by side (issue 7, docs/PERFORMANCE.md "Speed and scale"): Reuters-21578
# from its SGML and from the same stories written as one HTML page each, by dualdex
# (--jobs 1 and 2), Xapian's omindex (package xapian-omega) and bench/minimal_indexer
# (read, TermGenerator, add_document: the floor), RUNS times each, alternating, each into
# a fresh index. Then the incremental runs: a rerun with nothing changed (SGML and HTML)
# and with 1% of the HTML pages changed (a sentence appended to every 100th page), for
# dualdex and omindex. Prints median/min/max wall time, median CPU (user + sys), peak RSS
# and index size, and the ratios to omindex.
# Usage: bench/ingest_compare.sh [BUILD_DIR] [RUNS]   (DUALDEX_SHARED overrides ../shared)
# Needs: xapian-omega (omindex), time (/usr/bin/time); the targets dualdex, reuters_to_html
# and minimal_indexer (cmake --build BUILD_DIR --target speed_bench).
set -euo pipefail
cd "$(dirname "$0")/.."
BUILD=${1:-build}
RUNS=${2:-5}
SHARED=${DUALDEX_SHARED:-$(cd .. && pwd)/shared}
DATA="$SHARED/data/reuters21578"
echo "# bench/ingest_compare.sh $*   ($(date -u +%Y-%m-%dT%H:%MZ), $(nproc) cores, $(git rev-parse --short HEAD 2>/dev/null || echo '?'), load $(cut -d' ' -f1-3 /proc/loadavg))"
[ -d "$DATA" ] || { echo "SKIPPED: $DATA not found"; exit 0; }
DUALDEX="$BUILD/cli/dualdex"
for tool in "$DUALDEX" "$BUILD/bench/reuters_to_html" "$BUILD/bench/minimal_indexer"; do
  [ -x "$tool" ] || { echo "missing $tool: cmake --build $BUILD --target speed_bench" >&2; exit 2; }
done
[ -x /usr/bin/time ] || { echo "missing /usr/bin/time: apt-get install -y time" >&2; exit 2; }
HAVE_OMINDEX=1
command -v omindex >/dev/null || { HAVE_OMINDEX=0; echo "omindex not found (apt-get install -y xapian-omega): its rows are skipped"; }
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
HTML="$TMP/html"
"$BUILD/bench/reuters_to_html" "$DATA" "$HTML"
RESULTS="$TMP/results"
: > "$RESULTS"

# run NAME INDEX CMD...: times CMD, appends "NAME wall cpu rss_kb index_kb" to RESULTS.
run() {
  local name=$1 idx=$2; shift 2
  /usr/bin/time -f "%e %U %S %M" -o "$TMP/t" "$@" > /dev/null 2>> "$TMP/log" || {
    echo "FAILED: $*" >&2; tail -5 "$TMP/log" >&2; exit 1; }
  local wall user sys rss
  read -r wall user sys rss < <(tail -1 "$TMP/t")
  echo "$name $wall $(awk -v a="$user" -v b="$sys" 'BEGIN { print a + b }') $rss $(du -sk "$idx" | cut -f1)" >> "$RESULTS"
}
fresh() { rm -rf "$1"; }

CASES=(sgml-j1 sgml-j2 html-j1 html-j2 minimal)
[ "$HAVE_OMINDEX" = 1 ] && CASES+=(omindex)
run_case() {
  local idx="$TMP/idx"; fresh "$idx"
  case $1 in
    sgml-j1) run "$1" "$idx" "$DUALDEX" ingest --quiet --jobs 1 --index "$idx" "$DATA" ;;
    sgml-j2) run "$1" "$idx" "$DUALDEX" ingest --quiet --jobs 2 --index "$idx" "$DATA" ;;
    html-j1) run "$1" "$idx" "$DUALDEX" ingest --quiet --jobs 1 --index "$idx" "$HTML" ;;
    html-j2) run "$1" "$idx" "$DUALDEX" ingest --quiet --jobs 2 --index "$idx" "$HTML" ;;
    omindex) run "$1" "$idx" omindex --db "$idx" --url / "$HTML" ;;
    minimal) run "$1" "$idx" "$BUILD/bench/minimal_indexer" "$idx" "$HTML" ;;
  esac
}
for r in $(seq "$RUNS"); do
  n=${#CASES[@]}
  for k in $(seq 0 $((n - 1))); do run_case "${CASES[$(((k + r - 1) % n))]}"; done   # rotate the order
  echo "round $r of $RUNS done" >&2
done

# Incremental: indexes built once (untimed), then per round: unchanged reruns, 1% change, reruns.
"$DUALDEX" ingest --quiet --jobs 2 --index "$TMP/inc-sgml" "$DATA" > /dev/null 2>> "$TMP/log"
cp -r "$HTML" "$TMP/html-inc"
"$DUALDEX" ingest --quiet --jobs 2 --index "$TMP/inc-html" "$TMP/html-inc" > /dev/null 2>> "$TMP/log"
[ "$HAVE_OMINDEX" = 1 ] && omindex --db "$TMP/inc-om" --url / "$TMP/html-inc" > /dev/null 2>> "$TMP/log"
mapfile -t EVERY100 < <(ls "$TMP/html-inc" | sort | awk 'NR % 100 == 0')
for r in $(seq "$RUNS"); do
  run rerun-sgml "$TMP/inc-sgml" "$DUALDEX" ingest --quiet --jobs 2 --index "$TMP/inc-sgml" "$DATA"
  run rerun-html "$TMP/inc-html" "$DUALDEX" ingest --quiet --jobs 2 --index "$TMP/inc-html" "$TMP/html-inc"
  [ "$HAVE_OMINDEX" = 1 ] && run rerun-omindex "$TMP/inc-om" omindex --db "$TMP/inc-om" --url / "$TMP/html-inc"
  sleep 1.1   # a new mtime second for omindex
  for f in "${EVERY100[@]}"; do
    sed -i "s#</body>#<p>Revision $r: officials said on Friday the figures above had been revised.</p></body>#" "$TMP/html-inc/$f"
  done
  run changed1pct-html "$TMP/inc-html" "$DUALDEX" ingest --quiet --jobs 2 --index "$TMP/inc-html" "$TMP/html-inc"
  [ "$HAVE_OMINDEX" = 1 ] && run changed1pct-omindex "$TMP/inc-om" omindex --db "$TMP/inc-om" --url / "$TMP/html-inc"
done

echo
echo "Reuters-21578: $(ls "$HTML" | wc -l) HTML pages ($(du -sh --apparent-size "$HTML" | cut -f1)), SGML $(du -shc --apparent-size "$DATA"/*.sgm | tail -1 | cut -f1); ${#EVERY100[@]} pages changed per 1% round; $RUNS runs each"
awk '
  function median(arr, n,   i, j, t, b) {
    for (i = 1; i <= n; i++) b[i] = arr[i]
    for (i = 2; i <= n; i++) { t = b[i]; for (j = i - 1; j >= 1 && b[j] > t; j--) b[j+1] = b[j]; b[j+1] = t }
    return (n % 2) ? b[(n+1)/2] : (b[n/2] + b[n/2+1]) / 2
  }
  { n = ++count[$1]; wall[$1, n] = $2; cpu[$1, n] = $3
    if ($4 > rss[$1]) rss[$1] = $4
    size[$1] = $5
    if (!(($1) in seen)) { seen[$1] = 1; order[++names] = $1 } }
  END {
    printf "%-22s %8s %8s %8s %10s %10s %10s\n", "run", "median s", "min s", "max s", "CPU s", "peak RSS", "index"
    for (k = 1; k <= names; k++) {
      c = order[k]; n = count[c]; mn = 1e9; mx = 0
      for (i = 1; i <= n; i++) { w[i] = wall[c, i]; u[i] = cpu[c, i]; if (w[i] < mn) mn = w[i]; if (w[i] > mx) mx = w[i] }
      med[c] = median(w, n)
      printf "%-22s %8.2f %8.2f %8.2f %10.2f %7.0f MB %7.0f MB\n", c, med[c], mn, mx, median(u, n), rss[c] / 1024, size[c] / 1024
    }
    if ("omindex" in med) {
      print ""
      printf "ratios of median wall time to omindex: html-j1 %.2f, html-j2 %.2f, sgml-j1 %.2f, sgml-j2 %.2f, minimal %.2f\n",
        med["html-j1"] / med["omindex"], med["html-j2"] / med["omindex"], med["sgml-j1"] / med["omindex"],
        med["sgml-j2"] / med["omindex"], med["minimal"] / med["omindex"]
    }
    printf "rerun with nothing changed / full ingest (--jobs 2): SGML %.1f%%, HTML %.1f%%\n",
      100 * med["rerun-sgml"] / med["sgml-j2"], 100 * med["rerun-html"] / med["html-j2"]
    printf "1%% of the HTML changed / full ingest (--jobs 2): %.1f%%\n", 100 * med["changed1pct-html"] / med["html-j2"]
  }' "$RESULTS"
