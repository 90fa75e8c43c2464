#!/usr/bin/env bash
# Run every test against the built book: the package's unit and property tests, strict nbval over every
# chapter against its stored outputs, and the real-browser tests of the built HTML (run `make book` first;
# `make test` does both).
set -euo pipefail
cd "$(dirname "$0")/.."
start=$(date +%s)
.venv/bin/python -m pytest -n 2 --dist loadfile \
    tests chapters --nbval --nbval-sanitize-with nbval_sanitize.cfg --nbval-current-env -p no:cacheprovider "$@"
echo "test.sh: all tests finished in $(( $(date +%s) - start )) s"
