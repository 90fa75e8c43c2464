"""Fixtures for the real-browser audit of the built book (headless Chromium via Playwright).

The tests read the HTML that `scripts/build_book.sh` writes to `_build/html/`:

    scripts/build_book.sh && .venv/bin/python -m pytest tests/browser

If the book has not been built the tests FAIL with a message saying so. Environment:

* BACKPROP_BOOK_HTML       audit another build folder (default: <repo>/_build/html)
* BACKPROP_BROWSER_SKIP_UNBUILT=1   skip instead of failing when there is no build
* BACKPROP_CHROMIUM        browser binary (default /usr/bin/chromium)

One Chromium and one local `python -m http.server --bind 127.0.0.1` serve the whole session.
Every test module here sets ``pytestmark = pytest.mark.browser`` (`-m "not browser"` deselects them).
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from book_browser import CHROMIUM, CHROMIUM_ARGS, HTML_DIR, PageRecorder, free_port, serving


@pytest.fixture
def summary(request):
    """``summary(title, line)``: one line for the terminal summary, printed under ``title`` after the run.

    Kept in the test report's user_properties, which pytest-xdist sends from its workers to the controller,
    so the lines are printed once, in the main process, with or without ``-n``.
    """

    def add(title: str, line: str) -> None:
        request.node.user_properties.append(("summary", (title, line)))

    return add


@pytest.fixture(scope="session")
def book_html() -> Path:
    index = HTML_DIR / "index.html"
    if not index.is_file():
        msg = (
            f"The built book was not found at {HTML_DIR} (no index.html). Build it first: "
            "`scripts/build_book.sh` (then `.venv/bin/python -m pytest tests/browser`)."
        )
        if os.environ.get("BACKPROP_BROWSER_SKIP_UNBUILT") == "1":
            pytest.skip(msg)
        pytest.fail(msg, pytrace=False)
    return HTML_DIR


@pytest.fixture(scope="session")
def book_url(book_html: Path):
    """Base URL (ending in /) of a local static server for the built book."""
    port = free_port()
    base = f"http://127.0.0.1:{port}/"
    with serving(
        [sys.executable, "-m", "http.server", str(port), "--bind", "127.0.0.1", "--directory", str(book_html)],
        base + "index.html",
        start_timeout=15,
        probe_timeout=1,
        poll=0.1,
        stop_timeout=5,
        failure=lambda: f"could not start the local server for {book_html}",
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    ):
        yield base


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    if not Path(CHROMIUM).exists():
        pytest.fail(f"Chromium not found at {CHROMIUM} (apt-get install chromium, or set BACKPROP_CHROMIUM)")
    with sync_playwright() as pw:
        b = pw.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        yield b
        b.close()


@pytest.fixture
def recorder_factory(browser, book_url):
    made = []

    def make(dark: bool = False, stub_mathjax: bool = False) -> PageRecorder:
        rec = PageRecorder(browser, book_url, dark=dark, stub_mathjax=stub_mathjax)
        made.append(rec)
        return rec

    yield make
    for rec in made:
        rec.close()
