#!/usr/bin/env python3
"""Screenshots of built pages at 1280 px and 390 px, light and dark (not a test; a tool for reviews).

    PYTHONPATH=.:tests/browser .venv/bin/python tests/browser/screens.py OUT_DIR PAGE [PAGE ...] [--html _build/html] [--full]

(the same import path as pytest's `pythonpath` in pyproject.toml.)

For each page, width (1280, 390) and mode (light, dark) it writes ``OUT_DIR/<page>-<width>-<mode>-top.png``
(the first screen), ``...-worst.png`` (the screen around the widest formula, code block or output, the
element the reader test would complain about first) and with ``--full`` the whole page.
"""

from __future__ import annotations

import argparse
import contextlib
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

from book_browser import CHROMIUM, CHROMIUM_ARGS, ROOT, wait_ready

WORST_JS = r"""
() => {
  const article = document.querySelector('article.bd-article') || document.body;
  document.querySelectorAll('details').forEach(d => { d.open = true; });
  document.querySelectorAll('.toggle-hidden').forEach(e => e.classList.remove('toggle-hidden'));
  let best = null, excess = 0;
  const vw = document.documentElement.clientWidth;
  for (const el of article.querySelectorAll('mjx-container[display="true"] > mjx-math, div.highlight pre, .cell_output > *, mjx-container')) {
    if (!el.getClientRects().length) continue;
    const box = (el.closest('div.math, .cell_output, .cell_input, .admonition') || article).getBoundingClientRect();
    const r = el.getBoundingClientRect();
    const over = Math.max(el.scrollWidth - el.clientWidth, r.width - box.width, r.right - vw);
    if (over > excess) { excess = over; best = el; }
  }
  if (!best) return null;
  best.scrollIntoView({block: 'center'});
  return Math.round(excess);
}
"""


def _free_port() -> int:
    with contextlib.closing(socket.socket(socket.AF_INET, socket.SOCK_STREAM)) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("out", type=Path)
    ap.add_argument("pages", nargs="+", help="e.g. chapters/06_four_equations.html")
    ap.add_argument("--html", type=Path, default=ROOT / "_build" / "html")
    ap.add_argument("--full", action="store_true", help="also a full-page screenshot")
    args = ap.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)

    from playwright.sync_api import sync_playwright

    port = _free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "http.server", str(port), "--bind", "127.0.0.1", "--directory", str(args.html)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}/"
    try:
        for _ in range(100):
            try:
                urllib.request.urlopen(base + "index.html", timeout=1).close()
                break
            except OSError:
                time.sleep(0.1)
        with sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
            for page_rel in args.pages:
                stem = Path(page_rel).stem
                for width, height in ((1280, 900), (390, 844)):
                    for mode in ("light", "dark"):
                        ctx = browser.new_context(viewport={"width": width, "height": height}, color_scheme=mode)
                        ctx.add_init_script(
                            f"localStorage.setItem('mode','{mode}');localStorage.setItem('theme','{mode}');"
                        )
                        ctx.route("**/*", lambda r: r.abort() if not r.request.url.startswith(base) else r.continue_())
                        page = ctx.new_page()
                        page.goto(base + page_rel, wait_until="load")
                        wait_ready(page)
                        page.wait_for_timeout(300)
                        name = f"{stem}-{width}-{mode}"
                        page.screenshot(path=args.out / f"{name}-top.png")
                        excess = page.evaluate(WORST_JS)
                        page.wait_for_timeout(200)
                        if excess:
                            page.screenshot(path=args.out / f"{name}-worst.png")
                        if args.full:
                            page.screenshot(path=args.out / f"{name}-full.png", full_page=True)
                        print(f"{name}: worst element {excess} px too wide")
                        ctx.close()
            browser.close()
    finally:
        server.terminate()


if __name__ == "__main__":
    main()
