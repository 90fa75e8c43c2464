"""Write the book as one PDF from the built HTML, with the Chromium the browser tests use.

    .venv/bin/python -m scripts.make_pdf              # _build/html -> _build/pdf/backprop-book.pdf
    .venv/bin/python -m scripts.make_pdf --pages chapters/03_cost chapters/06_four_equations --out x.pdf

(from the repository root, as a module, so that ``_ext`` imports without a ``sys.path`` edit; ``make pdf``
runs the first, after ``make book``.) Nothing is downloaded: a local server serves
``_build/html`` and every request to another host is aborted. Each page of ``_toc.yml`` is opened in
headless Chromium (``BACKPROP_CHROMIUM``, default Debian's ``/usr/bin/chromium``), light mode, and printed
once MathJax has typeset it (its startup promise), every widget has rendered its static figure and every
image has loaded (lazy images are loaded first); Chromium's PDF keeps the PNG figures at their 2× pixels,
and the print style below keeps a figure with its caption and a heading with what follows. pypdf joins
the pages into one file with one outline bookmark per page of the book (its title), Chromium's own
outline of the page's headings nested under it.
"""

from __future__ import annotations

import argparse
import contextlib
import functools
import http.server
import os
import sys
import threading
import time
from pathlib import Path

try:
    from _ext import book_toc  # the one reader of _toc.yml
except ModuleNotFoundError:  # run as a file: sys.path[0] is scripts/, not the repository root
    sys.exit("make_pdf: run it from the repository root as a module: python -m scripts.make_pdf")

ROOT = Path(__file__).resolve().parent.parent

CHROMIUM = os.environ.get("BACKPROP_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]

# What the printed page needs beyond the theme's own print style (which hides the sidebars and header).
PRINT_CSS = """
@media print {
  figure, div.cell_output img, .widget-subarea, .self-check, table { break-inside: avoid; }
  figure img { max-width: 100%; }
  figcaption, .caption { break-before: avoid; }
  h1, h2, h3, h4 { break-after: avoid; }
  div.math, mjx-container[display="true"] { break-inside: avoid; }
  .bp-report, .prev-next-area, .bd-footer-article, .header-article-items, #jb-print-toc { display: none !important; }
  .bd-article-container { max-width: 100% !important; }
}
"""

READY_JS = """
async () => {
  document.querySelectorAll('img[loading="lazy"]').forEach(img => { img.loading = 'eager'; });
  const sleep = ms => new Promise(r => setTimeout(r, ms));
  if (document.querySelector('script[src*="mathjax"]')) {
    for (let i = 0; i < 400 && !(window.MathJax && window.MathJax.startup && window.MathJax.startup.promise); i++)
      await sleep(50);
    if (!(window.MathJax && window.MathJax.startup)) return 'MathJax did not start';
    await window.MathJax.startup.promise;
  }
  const views = () => Array.from(document.querySelectorAll('script[type="application/vnd.jupyter.widget-view+json"]'));
  const rendered = s => { const p = s.previousElementSibling;
    return !!(p && p.classList.contains('widget-subarea')
              && p.querySelector('.jupyter-widgets, [class*="widget-"]')); };
  for (let i = 0; i < 400 && !views().every(rendered); i++) await sleep(50);
  if (!views().every(rendered)) return 'widgets did not render';
  await Promise.all(Array.from(document.images).map(img => img.decode().catch(() => null)));
  if (window.MathJax && window.MathJax.typesetPromise) await window.MathJax.typesetPromise();
  return 'ready';
}
"""

TITLE_JS = """
() => { const h = document.querySelector('main h1, article h1, h1');
        return h ? h.innerText.replace(/[#¶]\\s*$/, '').trim() : document.title; }
"""


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


@contextlib.contextmanager
def serve(directory: Path):
    """A local HTTP server for ``directory`` on a free port of 127.0.0.1, in a thread; yields its base URL."""
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(directory)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


def write_pdf(html_dir: Path, docs: list[str], out: Path) -> dict:
    """Print each document of ``docs`` (``chapters/03_cost``, as in ``_toc.yml``) from
    ``html_dir`` and join them into ``out``. Returns ``{"pages", "bookmarks", "seconds", "bytes"}``."""
    from playwright.sync_api import sync_playwright
    from pypdf import PdfReader, PdfWriter

    t0 = time.perf_counter()
    writer, titles = PdfWriter(), []
    with serve(html_dir) as base, sync_playwright() as pw:
        local = base.split("/")[2]
        browser = pw.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        context = browser.new_context(viewport={"width": 1280, "height": 900}, color_scheme="light")
        context.add_init_script("localStorage.setItem('mode','light');localStorage.setItem('theme','light');")
        context.route("**/*", lambda r: r.continue_() if r.request.url.split("/")[2:3] == [local] else r.abort())
        page = context.new_page()
        for doc in docs:
            rel = f"{doc}.html"  # index.html only redirects to the root document's page
            if not (html_dir / rel).is_file():
                raise SystemExit(f"make_pdf: {html_dir / rel} not found; build the book first (make book)")
            page.goto(base + rel, wait_until="load", timeout=60_000)
            state = page.evaluate(READY_JS)
            if state != "ready":
                raise SystemExit(f"make_pdf: {rel}: {state}")
            page.add_style_tag(content=PRINT_CSS)
            page.emulate_media(media="print", color_scheme="light")
            title = page.evaluate(TITLE_JS)
            pdf = page.pdf(
                format="A4",
                print_background=True,
                outline=True,
                tagged=True,
                margin={"top": "16mm", "bottom": "16mm", "left": "14mm", "right": "14mm"},
                display_header_footer=True,
                header_template="<span></span>",
                footer_template='<div style="font-size:8px;width:100%;text-align:center;color:#555">'
                f'{_escape(title)} · <span class="pageNumber"></span></div>',
            )
            page.emulate_media(media="screen")
            import io

            writer.append(PdfReader(io.BytesIO(pdf)), outline_item=title, import_outline=True)
            titles.append(title)
        browser.close()
    writer.add_metadata({"/Title": "The backprop book"})
    writer.page_mode = "/UseOutlines"
    out.parent.mkdir(parents=True, exist_ok=True)
    with open(out, "wb") as fh:
        writer.write(fh)
    return {
        "pages": len(writer.pages),
        "bookmarks": titles,
        "seconds": time.perf_counter() - t0,
        "bytes": out.stat().st_size,
    }


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--html", type=Path, default=ROOT / "_build" / "html", help="the built book")
    ap.add_argument("--out", type=Path, default=ROOT / "_build" / "pdf" / "backprop-book.pdf")
    ap.add_argument("--pages", nargs="*", help="documents to print (default: every page of _toc.yml)")
    args = ap.parse_args(argv)
    if not (args.html / "index.html").is_file():
        print(f"make_pdf: no built book at {args.html}; run make book first", file=sys.stderr)
        return 1
    stats = write_pdf(args.html, args.pages or book_toc.toc_docs(ROOT), args.out)
    print(
        f"make_pdf: wrote {args.out} ({stats['pages']} pages, {len(stats['bookmarks'])} bookmarks, "
        f"{stats['bytes'] / 1e6:.1f} MB) in {stats['seconds']:.1f} s"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
