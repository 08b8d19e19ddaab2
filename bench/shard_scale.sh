#!/usr/bin/env bash
# Shards (issue 8): the same N generated stories (bench/make_big_corpus) ingested into
# one database and into SHARDS shards by hash (wall, CPU, peak RSS, size), and query
# latency (bench/query_latency: the analyst queries of bench/queries.txt, in-process, with
# and without exact facets) over the one database, the local shards (the sharded folder)
# and the same shards behind SHARDS xapian-tcpsrv processes on 127.0.0.1 (a stub file).
# The binaries are copied first, so a rebuild during the run does not change them.
# Usage: bench/shard_scale.sh [BUILD_DIR] [N]            (default N: 100000)
# Env: SHARDS (3), JOBS (2), PASSES (3); ONE=ingest (default) ingests the one database,
#      ONE=compact merges the shards into it with xapian-compact instead (timed: the
#      documented merge, and half the time of a second ingest at 1M); KEEP_DIR=DIR keeps
#      the corpus and the indexes; DUALDEX_SHARED as elsewhere.
set -euo pipefail
cd "$(dirname "$0")/.."
BUILD=${1:-build}
N=${2:-100000}
SHARDS=${SHARDS:-3}
JOBS=${JOBS:-2}
PASSES=${PASSES:-3}
ONE=${ONE:-ingest}
SHARED=${DUALDEX_SHARED:-$(cd .. && pwd)/shared}
echo "# bench/shard_scale.sh $BUILD $N  (SHARDS=$SHARDS JOBS=$JOBS PASSES=$PASSES ONE=$ONE; $(date -u +%Y-%m-%dT%H:%MZ), $(nproc) cores, $(git rev-parse --short HEAD 2>/dev/null || echo '?'), load $(cut -d' ' -f1-3 /proc/loadavg))"
[ -d "$SHARED/data/reuters21578" ] || { echo "SKIPPED: $SHARED/data/reuters21578 not found"; exit 0; }
if [ -n "${KEEP_DIR:-}" ]; then
  WORK=$KEEP_DIR; mkdir -p "$WORK"
else
  WORK=$(mktemp -d)
fi
PIDS=()
cleanup() {
  for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; done
  [ -n "${KEEP_DIR:-}" ] || rm -rf "$WORK"
}
trap cleanup EXIT
BIN=$WORK/bin
mkdir -p "$BIN"
for tool in cli/dualdex bench/make_big_corpus bench/query_latency; do
  [ -x "$BUILD/$tool" ] || { echo "missing $BUILD/$tool: cmake --build $BUILD --target speed_bench" >&2; exit 2; }
  cp "$BUILD/$tool" "$BIN/"
done
corpus=$WORK/corpus-$N one=$WORK/one-$N sharded=$WORK/shards-$N
[ -d "$corpus" ] || DUALDEX_SHARED="$SHARED" "$BIN/make_big_corpus" "$N" "$corpus" > /dev/null

# name, then the command: one line of wall s, CPU s, peak RSS MB
timed() {
  local name=$1; shift
  /usr/bin/time -f "%e %U %S %M" -o "$WORK/t" "$@" > /dev/null 2> "$WORK/log" || { tail -5 "$WORK/log" >&2; exit 1; }
  read -r wall user sys rss < <(tail -1 "$WORK/t")
  printf "%-34s %9.1f s wall %9.1f s CPU %7.0f MB peak RSS\n" "$name" "$wall" "$(awk -v a="$user" -v b="$sys" 'BEGIN { print a + b }')" "$((rss / 1024))"
}
echo "## ingest of $N stories (--jobs $JOBS)"
rm -rf "$sharded"
timed "ingest, $SHARDS shards" "$BIN/dualdex" ingest --quiet --jobs "$JOBS" --shards "$SHARDS" --index "$sharded" "$corpus"
rm -rf "$one"
if [ "$ONE" = compact ]; then
  shard_dirs=()
  for ((k = 0; k < SHARDS; k++)); do shard_dirs+=("$sharded/shard-$k"); done
  timed "xapian-compact $SHARDS shards -> one" xapian-compact "${shard_dirs[@]}" "$one"
else
  timed "ingest, one database" "$BIN/dualdex" ingest --quiet --jobs "$JOBS" --index "$one" "$corpus"
fi
echo "sizes: one $(du -sh "$one" | cut -f1), shards $(du -sh "$sharded" | cut -f1)"
"$BIN/dualdex" shards --index "$sharded"

# The shards behind xapian-tcpsrv on 127.0.0.1, listed in a stub file.
stub=$WORK/remote-$N.stub
: > "$stub"
for ((k = 0; k < SHARDS; k++)); do
  port=$((34000 + RANDOM % 20000))
  xapian-tcpsrv --interface 127.0.0.1 --port "$port" "$sharded/shard-$k" > "$WORK/tcpsrv-$k.log" 2>&1 &
  PIDS+=($!)
  echo "remote 127.0.0.1:$port" >> "$stub"
done
for _ in $(seq 100); do "$BIN/dualdex" shards --index "$stub" > /dev/null 2>&1 && break; sleep 0.2; done

for target in "one database:$one" "$SHARDS local shards:$sharded" "$SHARDS remote shards (127.0.0.1):$stub"; do
  echo
  echo "## queries: ${target%%:*}"
  "$BIN/query_latency" "${target#*:}" bench/queries.txt --passes "$PASSES" --cli "$BIN/dualdex"
done
