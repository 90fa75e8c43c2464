#!/usr/bin/env bash
# Build the backprop book: every notebook re-executed, warnings are errors, all assets local.
#
#   scripts/build_book.sh            # from anywhere; uses .venv/ if present
#   PYTHON=python3 scripts/build_book.sh
#
# Steps: check node/npm, `npm ci` if node_modules/ is missing or stale, vendor the assets
# (scripts/vendor_assets.py), then `jupyter-book build . -W --keep-going --all` with
# BACKPROP_WIDGETS=static (the widget builders switch to precomputed static states).
# The output is _build/html/. Exit status is non-zero on any warning or cell error.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

if [[ -z "${PYTHON:-}" ]]; then
  if [[ -x "$ROOT/.venv/bin/python" ]]; then PYTHON="$ROOT/.venv/bin/python"; else PYTHON=python3; fi
fi
JB=("$PYTHON" -c "import sys; from jupyter_book.cli.main import main; sys.argv[0] = 'jupyter-book'; sys.exit(main())")

start=$(date +%s.%N)

# --- 1. offline assets -------------------------------------------------------------
if ! command -v node >/dev/null 2>&1 || ! command -v npm >/dev/null 2>&1; then
  echo "build_book: ERROR: node and npm are required to vendor MathJax, require.js and the" >&2
  echo "  ipywidgets html-manager (the book must not load them from CDNs). Install Node.js >= 18." >&2
  exit 1
fi
# npm ci when node_modules is missing or older than the lock file.
if [[ ! -f node_modules/.package-lock.json || package-lock.json -nt node_modules/.package-lock.json ]]; then
  echo "build_book: npm ci"
  npm ci --no-audit --no-fund --ignore-scripts
fi
"$PYTHON" scripts/vendor_assets.py

# --- 2. build ---------------------------------------------------------------------------
export BACKPROP_WIDGETS=static
# A fresh build so that removed pages/assets do not linger in _build/html.
rm -rf _build/html _build/jupyter_execute
"${JB[@]}" build . -W --keep-going --all "$@"

end=$(date +%s.%N)
awk -v s="$start" -v e="$end" 'BEGIN { printf "build_book: built _build/html in %.1f s\n", e - s }'
