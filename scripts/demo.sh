#!/usr/bin/env bash
# The main job on the shipped corpus: install, build, ingest corpus/, then a few
# analyst queries. The index goes to var/demo-index, or $DEMO_INDEX (removed first, so
# the run is the same every time); the build to build/, or $BUILD_DIR.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-deps.sh
bash scripts/build.sh
DUALDEX=${BUILD_DIR:-build}/cli/dualdex
export DUALDEX_INDEX=${DEMO_INDEX:-var/demo-index}
rm -rf "$DUALDEX_INDEX"
set -x
$DUALDEX ingest corpus/lists corpus/news corpus/regulatory corpus/statements corpus/feeds corpus/instruments corpus/cjk
# The EU and US lists of ../shared, when present: news measures are then linked to them too.
SHARED_LISTS=${DUALDEX_SHARED:-../shared}/data/control-lists-text
if [ -d "$SHARED_LISTS" ]; then $DUALDEX ingest --quiet "$SHARED_LISTS"; fi
$DUALDEX query --limit 5 'rare earths'
$DUALDEX query --limit 5 --since 2025-10 --until 2026 'suspension OR suspends'
$DUALDEX query --limit 3 --facets --country JP 'military end users'
$DUALDEX query --format json --limit 2 'gallium germanium'
# Which rare-earth measures and instruments are in force on 1 Jan 2026 (Nos. 55-62 of 2025 are suspended)
$DUALDEX query --limit 5 --in-force-on 2026-01-01 'rare earths'
# Which control-list entries a measure concerns, with the evidence; and the measures linked to one
$DUALDEX link --text "China now requires export licences for samarium oxide and gadolinium sputtering targets."
$DUALDEX link --format json --limit 3 --text "Beijing banned exports of all dual-use items to Japanese military end users."
$DUALDEX query --limit 5 --code 1C902
# Chinese and Japanese: words, phrases, and the same item ids as the English press
$DUALDEX query --limit 3 '稀土 出口管制'
$DUALDEX query --limit 3 --facets --item gallium ''
$DUALDEX link --text '商务部、海关总署公告2025年第18号：对钐、钆相关物项实施出口管制。'

