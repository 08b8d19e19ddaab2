#!/usr/bin/env bash
# Chinese and Japanese retrieval quality (docs/QUALITY.md): dualdex (ICU word segmentation)
# against Xapian's own FLAG_CJK_NGRAM on the same documents and queries, in the same run.
#   bash bench/cjk_quality.sh [BUILD_DIR] [--details]
# Documents: corpus/cjk plus the Chinese passages of ../shared/data/cn-export-control-notices-md
# (written to a temporary folder, never into the repo). Judgments: bench/cjk-queries.tsv.
set -euo pipefail
cd "$(dirname "$0")/.."
build=${1:-build}
shift || true
shared=${DUALDEX_SHARED:-../shared}
notices="$shared/data/cn-export-control-notices-md"
[ -d "$notices" ] || { echo "SKIPPED: $notices not found (set DUALDEX_SHARED)"; exit 0; }
cmake --build "$build" --target dualdex quality_cjk >/dev/null
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# cn-notices/<same relative path>.txt: the md's title (without "# "), a blank line, then
# every other line with a CJK ideograph, in order, joined by blank lines. Files without
# such a line, and SOURCE.md, are left out.
python3 - "$notices" "$tmp/cn-notices" <<'EOF'
import os, re, sys
src, dst = sys.argv[1], sys.argv[2]
han = re.compile('[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f]')
written = 0
for root, _, files in os.walk(src):
    for name in sorted(files):
        rel = os.path.relpath(os.path.join(root, name), src)
        if not name.endswith('.md') or rel == 'SOURCE.md':
            continue
        with open(os.path.join(root, name), encoding='utf-8') as f:
            lines = [l.rstrip('\n') for l in f]
        title = next((i for i, l in enumerate(lines) if l.startswith('# ')), None)
        passages = [l.strip() for i, l in enumerate(lines) if i != title and han.search(l)]
        title_text = lines[title][2:].strip() if title is not None else ''
        if not passages and not han.search(title_text):
            continue
        out = os.path.join(dst, rel + '.txt')
        os.makedirs(os.path.dirname(out), exist_ok=True)
        with open(out, 'w', encoding='utf-8') as f:
            f.write(title_text + '\n\n' + '\n\n'.join(passages) + '\n')
        written += 1
print(f'cn-notices: {written} files with Chinese passages', file=sys.stderr)
EOF

"$build/cli/dualdex" ingest --quiet --index "$tmp/dualdex-index" corpus/cjk "$tmp/cn-notices"
"$build/bench/quality_cjk" "$tmp/dualdex-index" bench/cjk-queries.tsv "$tmp" "$@"
