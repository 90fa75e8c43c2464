#!/usr/bin/env bash
# Lint, then run every test: ruff check and ruff format --check on the package, tests and scripts, ruff
# check on the chapters (79 columns), the package's unit and property tests, the project and prose checks,
# the strict comparison of every chapter's stored outputs with the build's run of it
# (tests/test_notebook_outputs.py: nothing is executed twice), and the real-browser tests of the built
# HTML and of the chapters in JupyterLab. Every part runs; the exit status is non-zero if any failed.
#
#   scripts/test.sh --build [pytest args]   # what `make test` runs: build the book too (scripts/build_book.sh)
#   scripts/test.sh [pytest args]           # against the book already built in _build/html
#
# With --build, the tests that need no built book (marker `build` or `browser` unset) run beside the build,
# at the lowest CPU priority (nice 19): the build keeps the two cores while it executes the chapters, and the
# tests take what it leaves idle (its Sphinx phase uses one core). Then the build's tests run.
set -uo pipefail
cd "$(dirname "$0")/.."
# .pyc files are written and reused (see the Makefile: PYTHONDONTWRITEBYTECODE makes every process recompile)
unset PYTHONDONTWRITEBYTECODE
start=$(date +%s)
status=0
build=0
if [ "${1:-}" = "--build" ]; then build=1; shift; fi

.venv/bin/ruff check src tests scripts benchmarks || status=1
.venv/bin/ruff format --check src tests scripts benchmarks || status=1
.venv/bin/ruff check --line-length 79 chapters || status=1
[ "$status" = 0 ] || echo "test.sh: ruff found problems (see above); running the tests anyway" >&2

# Two workers, pytest-xdist's documented `worksteal` mode: each worker starts with half of the tests and an
# idle worker takes tests from the other's queue, which balances tests of very different lengths (a browser
# page takes seconds, JupyterLab about 30 s, most unit tests milliseconds). No test depends on another: a
# page's audit, reader test and keyboard check are one test (tests/browser/test_pages.py), and JupyterLab
# is one test with its own server.
PYTEST=(.venv/bin/python -m pytest -n 2 --dist worksteal --durations=12 -p no:cacheprovider)

if [ "$build" = 1 ]; then
    unit_log=$(mktemp)
    nice -n 19 "${PYTEST[@]}" -m "not build and not browser" tests "$@" >"$unit_log" 2>&1 &
    unit_pid=$!
    if scripts/build_book.sh; then
        "${PYTEST[@]}" -m "build or browser" tests "$@" || status=$?
    else
        echo "test.sh: the build failed (see above); the tests of the built book were not run" >&2
        status=1
    fi
    wait "$unit_pid"
    unit_status=$?
    echo "=== tests that need no built book (run beside the build) ==="
    cat "$unit_log"
    rm -f "$unit_log"
    [ "$unit_status" = 0 ] || status=$unit_status
else
    "${PYTEST[@]}" tests "$@" || status=$?
fi
echo "test.sh: lint and tests finished in $(( $(date +%s) - start )) s"
exit "$status"
