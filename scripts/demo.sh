#!/usr/bin/env bash
# The main job on the shipped corpus: install, build, ingest corpus/, then a few
# analyst queries. The index goes to var/demo-index (removed first, so the run is
# the same every time).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-deps.sh
bash scripts/build.sh
DUALDEX=build/cli/dualdex
export DUALDEX_INDEX=var/demo-index
rm -rf "$DUALDEX_INDEX"
set -x
$DUALDEX ingest corpus/news corpus/regulatory corpus/statements corpus/feeds
$DUALDEX query --limit 5 'rare earths'
$DUALDEX query --limit 5 --since 2025-10 --until 2026 'suspension OR suspends'
$DUALDEX query --limit 3 --facets --country JP 'military end users'
$DUALDEX query --format json --limit 2 'gallium germanium'
