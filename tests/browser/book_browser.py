"""Shared helpers of the browser audit: book location, page list, page recorder, waits."""

from __future__ import annotations

import contextlib
import os
import socket
import subprocess
import time
import urllib.request
from pathlib import Path

import pytest

from _ext import book_toc

ROOT = Path(__file__).resolve().parents[2]
HTML_DIR = Path(os.environ.get("BACKPROP_BOOK_HTML", ROOT / "_build" / "html")).resolve()
# the Chromium and the flags that `make pdf` uses too (as root, on a machine with a closed network)
from scripts.make_pdf import CHROMIUM as CHROMIUM, CHROMIUM_ARGS as CHROMIUM_ARGS  # noqa: E402 (re-exported)

VIEWPORT = {"width": 1280, "height": 900}

# Pages written in Markdown, not notebooks (the bibliography, notes, about): no widget required.
NON_CHAPTER_PAGES = {d + ".html" for d in book_toc.toc_docs(ROOT) if not (ROOT / f"{d}.ipynb").is_file()}


def toc_pages() -> list[str]:
    """Pages of the book in reading order, from _toc.yml (root first), as html paths."""
    return [d + ".html" for d in book_toc.toc_docs(ROOT)]


def reader_pages() -> list[str]:
    """Pages to audit: the toc's, or with ``BACKPROP_BOOK_PAGES=built`` every page found in the build
    (index.html and chapters/*.html; for an old build whose chapter files differ from today's toc)."""
    if os.environ.get("BACKPROP_BOOK_PAGES") == "built":
        pages = sorted(str(p.relative_to(HTML_DIR)) for p in (HTML_DIR / "chapters").glob("*.html"))
        return pages
    return toc_pages()


class PageRecorder:
    """A fresh browser context + page that records requests, console errors and page errors.

    Requests to any host other than the local server are recorded and aborted (the book must
    not need them; aborting keeps the test fast and offline-deterministic).
    """

    def __init__(self, browser, base_url: str, dark: bool = False, stub_mathjax: bool = False):
        from urllib.parse import urlsplit

        self.base_url = base_url
        local = urlsplit(base_url).netloc
        self.requests: list[str] = []
        self.external: list[str] = []
        self.failed: list[str] = []
        self.console_errors: list[str] = []
        self.page_errors: list[str] = []
        self.context = browser.new_context(viewport=VIEWPORT, color_scheme="dark" if dark else "light")
        if dark:
            self.context.add_init_script("localStorage.setItem('mode','dark');localStorage.setItem('theme','dark');")

        def route(r):
            url = r.request.url
            parts = urlsplit(url)
            if parts.scheme in ("http", "https", "ws", "wss") and parts.netloc != local:
                self.external.append(url)
                r.abort()
            elif stub_mathjax and "/vendor/mathjax/" in parts.path:
                # tests that do not look at formulas skip the typesetting (seconds per chapter)
                r.fulfill(status=200, content_type="text/javascript", body="/* MathJax stubbed by the test */")
            else:
                r.continue_()

        self.context.route("**/*", route)
        self.page = self.context.new_page()
        p = self.page
        p.on("request", lambda req: self.requests.append(req.url))
        p.on("requestfailed", lambda req: self._failed(req.url, req.failure))
        p.on("response", lambda resp: resp.status >= 400 and self._failed(resp.url, f"HTTP {resp.status}"))
        p.on("console", lambda msg: msg.type == "error" and self.console_errors.append(self._console_text(msg)))
        p.on("pageerror", lambda err: self.page_errors.append(str(err)))

    @staticmethod
    def _console_text(msg) -> str:
        loc = msg.location or {}
        where = f" ({loc.get('url', '').rsplit('/', 1)[-1]}:{loc.get('lineNumber')})" if loc.get("url") else ""
        return f"{msg.text}{where}"

    def _failed(self, url, why):
        if url not in self.external:  # already reported as external
            self.failed.append(f"{url}: {why}")

    def goto(self, rel: str):
        self.page.goto(self.base_url + rel, wait_until="load", timeout=30_000)
        return self.page

    def close(self):
        self.context.close()


# ---------------------------------------------------------------------------------------------
# Helpers shared by the tests
# ---------------------------------------------------------------------------------------------

WAIT_MATHJAX_JS = """
async () => {
  const hasScript = !!document.querySelector('script[src*="mathjax"]');
  if (!hasScript) return {loaded: false};
  for (let i = 0; i < 300 && !(window.MathJax && window.MathJax.startup && window.MathJax.startup.promise); i++) {
    await new Promise(r => setTimeout(r, 50));
  }
  if (!(window.MathJax && window.MathJax.startup)) return {loaded: false, error: 'MathJax did not start'};
  await window.MathJax.startup.promise;
  return {loaded: true, version: window.MathJax.version};
}
"""

WAIT_WIDGETS_JS = """
async () => {
  const views = () => Array.from(document.querySelectorAll('script[type="application/vnd.jupyter.widget-view+json"]'));
  const rendered = s => {
    const prev = s.previousElementSibling;
    return !!(prev && prev.classList.contains('widget-subarea') && prev.querySelector('.jupyter-widgets, [class*="widget-"]'));
  };
  for (let i = 0; i < 200 && !views().every(rendered); i++) await new Promise(r => setTimeout(r, 50));
  const v = views();
  return {views: v.length, rendered: v.filter(rendered).length};
}
"""


def wait_ready(page, math: bool = True):
    """Wait for MathJax's startup promise (unless math=False) and for every widget view to render."""
    mj = page.evaluate(WAIT_MATHJAX_JS) if math else {"loaded": False}
    widgets = page.evaluate(WAIT_WIDGETS_JS)
    return mj, widgets


def free_port() -> int:
    """A TCP port on 127.0.0.1 that is free right now."""
    with contextlib.closing(socket.socket(socket.AF_INET, socket.SOCK_STREAM)) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextlib.contextmanager
def serving(
    cmd,
    probe_url: str,
    *,
    start_timeout: float,
    probe_timeout: float,
    poll: float,
    stop_timeout: float,
    failure,
    **popen,
):
    """Run the server ``cmd`` until the block ends: wait until ``probe_url`` answers (failing the test
    with ``failure()`` if the process dies or ``start_timeout`` passes), then terminate it."""
    proc = subprocess.Popen(cmd, **popen)
    deadline = time.monotonic() + start_timeout
    while True:
        try:
            with urllib.request.urlopen(probe_url, timeout=probe_timeout):
                break
        except OSError:
            if proc.poll() is not None or time.monotonic() > deadline:
                proc.kill()
                pytest.fail(failure(), pytrace=False)
            time.sleep(poll)
    try:
        yield proc
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=stop_timeout)
        except subprocess.TimeoutExpired:
            proc.kill()
