#!/usr/bin/env bash
# Set up this machine for the book: a virtual environment with the pinned Python packages, the pinned npm
# packages the offline HTML needs (MathJax, require.js, the widget manager), and, with --test, Debian's
# Chromium for the browser tests. Idempotent: a second run only checks. Any failure stops it (set -e,
# pipefail: a failed pip install is never hidden).
set -euo pipefail
cd "$(dirname "$0")/.."

want_test=0
[ "${1:-}" = "--test" ] && want_test=1

need() { command -v "$1" >/dev/null 2>&1; }
apt_install() {
    local sudo=""
    [ "$(id -u)" = 0 ] || sudo="sudo"
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "$@" >/dev/null
}

# npm builds the offline assets; the build refuses to make a book that would load them from CDNs.
if ! need npm; then
    echo "setup: npm not found; installing Debian's nodejs and npm" >&2
    apt_install nodejs npm
fi

# The browser tests drive $BACKPROP_CHROMIUM (default: Debian's /usr/bin/chromium).
if [ "$want_test" = 1 ] && ! [ -x "${BACKPROP_CHROMIUM:-/usr/bin/chromium}" ]; then
    echo "setup: installing Debian's chromium for the browser tests" >&2
    apt_install chromium fonts-dejavu-core
fi

PY=${PYTHON:-python3}
if ! [ -x .venv/bin/python ]; then
    "$PY" -m venv .venv
fi
reqs=requirements.txt
[ "$want_test" = 1 ] && reqs=requirements-dev.txt
stamp=".venv/.installed-$(cat "$reqs" requirements.txt pyproject.toml | sha256sum | cut -c1-16)-$(basename "$reqs")"
if ! [ -f "$stamp" ]; then
    # pip's exit status is the pipeline's (pipefail); grep -v only drops one harmless warning line
    # (and exits 1 when it has nothing left to print, hence the `{ ...; }` around it).
    quiet() { { grep -v "^WARNING: Location" || true; }; }
    .venv/bin/python -m pip install -q --upgrade pip 2>&1 | quiet
    # --no-compile: no byte-compiling of the ~10,000 installed .py files at install time; Python
    # writes them for what it imports, on first import
    .venv/bin/python -m pip install -q --no-compile -r "$reqs" 2>&1 | quiet
    .venv/bin/python -c "import backprop, jupyter_book"
    touch "$stamp"
fi

# The one place npm runs: node_modules/ exactly as package-lock.json says, no install scripts.
if ! [ -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
    npm ci --no-audit --no-fund --ignore-scripts --loglevel=error
fi
