#!/usr/bin/env bash
# Linking quality (docs/QUALITY.md): loads the EU and US lists of ../shared/data and
# corpus/lists into a fresh index, then runs bench/quality_link over bench/link-gold.
#   bash bench/link_quality.sh [BUILD_DIR] [--details]
set -euo pipefail
cd "$(dirname "$0")/.."
build=${1:-build}
shift || true
shared=${DUALDEX_SHARED:-../shared}
lists="$shared/data/control-lists-text"
[ -d "$lists" ] || { echo "SKIPPED: $lists not found (set DUALDEX_SHARED)"; exit 0; }
cmake --build "$build" --target dualdex quality_link >/dev/null
index=$(mktemp -d)
trap 'rm -rf "$index"' EXIT
"$build/cli/dualdex" ingest --quiet --index "$index" \
  "$lists/eu-annex-i-2021-821.txt" "$lists/us-ccl-supp1-headings.txt" corpus/lists
"$build/bench/quality_link" "$index" bench/link-gold/measures.jsonl "$@"
