#!/usr/bin/env bash
# Build the backprop book: warnings are errors, all assets local, every chapter's outputs fresh.
#
#   scripts/build_book.sh            # from anywhere; uses .venv/ if present (run scripts/setup.sh first)
#   PYTHON=python3 scripts/build_book.sh
#
# Steps: vendor the npm assets (scripts/vendor_assets.py; scripts/setup.sh ran `npm ci`), bring the
# execution cache up to date (`python -m scripts.exec_cache prepare`: emptied when src/ or the pins
# changed, missing chapters executed by jupyter-cache's local-parallel executor, one per core, widgets
# in static mode), then
# `jupyter-book build . -W --keep-going --all`, which takes each chapter's outputs from that cache
# (`execute_notebooks: cache`) and executes only what is still missing. tests/test_notebook_outputs.py
# compares the same cached runs with the stored outputs, so `make test` executes each chapter once and
# `make book` after it executes nothing. The output is _build/html/. Exit status is non-zero on any
# warning or cell error.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
# .pyc files are written and reused (see the Makefile: PYTHONDONTWRITEBYTECODE makes every process recompile)
unset PYTHONDONTWRITEBYTECODE
# ipykernel (>= 7) logs "Kernel is running over TCP without encryption ..." as every kernel starts. The kernels
# of the build are started by jupyter-cache's executor and myst-nb through nbclient's default KernelManager,
# whose `transport_encryption` setting (jupyter_client >= 8.9; see jupyter/enhancement-proposals#145) neither
# tool lets us pass; they listen on 127.0.0.1 only. So that one line is filtered out of the build's stderr;
# every other line passes. (JupyterLab in tests/browser/test_jupyterlab.py encrypts instead.)
exec 2> >(grep --line-buffered -v "Kernel is running over TCP without encryption" >&2)

if [[ -z "${PYTHON:-}" ]]; then
  if [[ -x "$ROOT/.venv/bin/python" ]]; then PYTHON="$ROOT/.venv/bin/python"; else PYTHON=python3; fi
fi
JB=("$PYTHON" -c "import sys; from jupyter_book.cli.main import main; sys.argv[0] = 'jupyter-book'; sys.exit(main())")

start=$(date +%s.%N)

# --- 1. offline assets (node_modules/ comes from `npm ci` in scripts/setup.sh, the one place it runs) ---
if [[ ! -f node_modules/.package-lock.json || package-lock.json -nt node_modules/.package-lock.json ]]; then
  echo "build_book: ERROR: node_modules/ is missing or older than package-lock.json; run scripts/setup.sh" >&2
  echo "  (or make book), which runs npm ci: the book must not load MathJax or the widget manager from CDNs." >&2
  exit 1
fi
"$PYTHON" scripts/vendor_assets.py

# --- 2. execute what the cache lacks ------------------------------------------------------
export BACKPROP_WIDGETS=static
"$PYTHON" -m scripts.exec_cache prepare

# --- 3. build -----------------------------------------------------------------------------
# A fresh HTML tree so that removed pages/assets do not linger in _build/html (the cache stays).
rm -rf _build/html _build/jupyter_execute
"${JB[@]}" build . -W --keep-going --all "$@"

end=$(date +%s.%N)
awk -v s="$start" -v e="$end" 'BEGIN { printf "build_book: built _build/html in %.1f s\n", e - s }'
