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

# The one place npm runs: node_modules/ exactly as package-lock.json says, no install scripts. It runs in
# the background while the Python packages install (about 7 s saved on a fresh clone).
npm_pid=""
if ! [ -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
    npm ci --no-audit --no-fund --ignore-scripts --loglevel=error &
    npm_pid=$!
fi

PY=${PYTHON:-python3}
UV_VERSION=0.13.8
if ! [ -x .venv/bin/python ]; then
    "$PY" -m venv .venv
fi
reqs=requirements.txt
[ "$want_test" = 1 ] && reqs=requirements-dev.txt
stamp=".venv/.installed-$( (cat "$reqs" requirements.txt pyproject.toml; echo "uv $UV_VERSION") | sha256sum | cut -c1-16)-$(basename "$reqs")"
if ! [ -f "$stamp" ]; then
    # uv installs the pinned files: the same resolution as pip (highest versions allowed by the pins) in
    # ~5 s instead of ~25 s, from a cold cache too, because it downloads and unpacks in parallel. It is
    # Astral's installer, made for this job; itself pinned here. No byte-compiling at install time (uv's
    # default): Python writes .pyc files for what it imports, on first import.
    if ! [ -x .venv/bin/uv ] || [ "$(.venv/bin/uv --version | cut -d' ' -f2)" != "$UV_VERSION" ]; then
        .venv/bin/python -m pip install -q --no-compile --disable-pip-version-check "uv==$UV_VERSION" 2>&1 \
            | { grep -v "^WARNING: Location" || true; }
    fi
    # PyTorch's CPU build (requirements.txt: torch==...+cpu, for one cell of chapter 9) is not on PyPI. uv
    # (which does not read pip's configuration) takes it from the wheel folder pip is given here, if any,
    # else from PyTorch's CPU index, https://download.pytorch.org/whl/cpu, through --torch-backend cpu: that
    # sends only the PyTorch packages there. (--extra-index-url would be asked first for every package, and
    # uv keeps to the first index that has a name: numpy or jinja2 from PyTorch's index, at its versions.)
    # pip's wheel folder: $PIP_FIND_LINKS, else find-links in pip's configuration files (`pip config`).
    links=${PIP_FIND_LINKS:-$(.venv/bin/python -m pip config get global.find-links 2>/dev/null || true)}
    if [ -n "$links" ]; then
        torch_from=(--find-links "$links")
    else
        torch_from=(--torch-backend cpu)
    fi
    .venv/bin/uv pip install --quiet --python .venv/bin/python "${torch_from[@]}" -r "$reqs"
    .venv/bin/python -c "import backprop, jupyter_book"
    touch "$stamp"
fi

# npm's result is waited for here (its failure fails the setup, as set -e would).
if [ -n "$npm_pid" ]; then
    wait "$npm_pid" || { echo "setup: npm ci failed (see above)" >&2; exit 1; }
fi
