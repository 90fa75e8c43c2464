#!/usr/bin/env bash
# Lint, then run every test against the built book (run scripts/build_book.sh first; `make test` does both):
# ruff on the package, tests and scripts and on the chapters (79 columns), the package's unit and property
# tests, the project and prose checks, the strict nbval comparison of every chapter's stored outputs with
# the build's run of it (tests/test_notebook_outputs.py: nothing is executed twice), and the real-browser
# tests of the built HTML and of the chapters in JupyterLab. Every part runs; the exit status is non-zero
# if any failed.
set -uo pipefail
cd "$(dirname "$0")/.."
start=$(date +%s)
status=0
.venv/bin/ruff check src tests scripts benchmarks || status=1
.venv/bin/ruff check --line-length 79 chapters || status=1
[ "$status" = 0 ] || echo "test.sh: ruff found problems (see above); running the tests anyway" >&2
# Two workers; tests are dealt out one by one (no notebook is executed cell by cell under pytest any more),
# except the work units of tests/conftest.py's xdist_group (a browser page's three tests share one page
# load; the JupyterLab tests share one server), which run together on one worker.
.venv/bin/python -m pytest -n 2 --dist loadgroup --durations=12 -p no:cacheprovider tests "$@" || status=$?
echo "test.sh: lint and tests finished in $(( $(date +%s) - start )) s"
exit "$status"
