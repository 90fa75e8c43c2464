"""The PDF writer (scripts/make_pdf.py, `make pdf`), checked on two built pages with the same writer.

The whole book's PDF takes minutes on a loaded 2-core machine (see the README), so it stays `make pdf`
only; this test prints a chapter with formulas, figures and a widget (chapter 10, the shortest such) and
the bibliography, and checks what the reader of the whole book relies on: one bookmark per page of the
book, titled by its heading and pointing at its first PDF page; no raw TeX left in the text (and the page's
HTML did hold TeX, so the check has something to find); the figures embedded at their full pixel size
(the PNGs are drawn at 2× their display size); the widget's static figure printed.
"""

from __future__ import annotations

import html
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
HTML_DIR = Path(os.environ.get("BACKPROP_BOOK_HTML", ROOT / "_build" / "html")).resolve()
DOCS = ["chapters/10_deep_networks", "chapters/bibliography"]
RAW_TEX = [r"\frac", "$$", r"\(", r"\[", r"\begin{", r"\lVert", r"\partial"]

pytestmark = pytest.mark.build


def test_pdf_of_two_built_pages(tmp_path):
    """One test, so that the two pages are printed once (pytest-xdist may hand a module's tests to two
    workers, and a module fixture would then print them twice)."""
    printed = _print(tmp_path)
    _check_bookmarks(printed)
    _check_no_raw_tex(printed)
    _check_figures(printed)


def _print(tmp_path):
    if not (HTML_DIR / "index.html").is_file():
        pytest.fail("no built book in _build/html: run make book first", pytrace=False)
    from scripts import make_pdf

    if not Path(make_pdf.CHROMIUM).exists():
        pytest.fail(f"Chromium not found at {make_pdf.CHROMIUM}", pytrace=False)
    out = tmp_path / "two-pages.pdf"
    # `make pdf`'s own command line, in its own process: Playwright's sync API refuses to start inside a
    # pytest-xdist worker whose browser tests already run an event loop.
    run = subprocess.run(
        [sys.executable, "-m", "scripts.make_pdf", "--html", str(HTML_DIR), "--out", str(out), "--pages", *DOCS],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    assert run.returncode == 0, f"make_pdf failed:\n{run.stdout}\n{run.stderr}"
    pages = int(re.search(r"\((\d+) pages,", run.stdout).group(1))
    from pypdf import PdfReader

    return {"pages": pages}, PdfReader(out)


def _heading(doc: str) -> str:
    text = (HTML_DIR / f"{doc}.html").read_text(encoding="utf-8")
    h1 = re.search(r"<h1[^>]*>(.*?)</h1>", text, re.S).group(1)
    return " ".join(html.unescape(re.sub(r"<[^>]+>|[#¶]", " ", h1)).split())


def _check_bookmarks(printed):
    stats, pdf = printed
    top = [item for item in pdf.outline if not isinstance(item, list)]
    assert [" ".join(b.title.split()) for b in top] == [_heading(d) for d in DOCS]
    firsts = [pdf.get_destination_page_number(b) for b in top]
    assert firsts[0] == 0 and firsts[1] > firsts[0], firsts
    assert len(pdf.pages) == stats["pages"] > firsts[1], "each page of the book has at least one PDF page"
    assert any(isinstance(item, list) for item in pdf.outline), "the chapter's headings nest under it"


def _code_text(page_html: str) -> str:
    """The text of the page's code blocks (TeX there is code, a string the reader reads, not math)."""
    blocks = re.findall(r"<pre[^>]*>(.*?)</pre>", page_html, re.S)
    return html.unescape(re.sub(r"<[^>]+>", "", "\n".join(blocks)))


def _check_no_raw_tex(printed):
    _, pdf = printed
    source = (HTML_DIR / f"{DOCS[0]}.html").read_text(encoding="utf-8")
    assert re.search(r"\\\(|\\\[|\$\$", source), "the chapter's HTML holds TeX for MathJax (else nothing to check)"
    text = "\n".join(page.extract_text() or "" for page in pdf.pages)
    assert len(text) > 2000
    code = _code_text(source)
    left = {tex: text.count(tex) for tex in RAW_TEX if text.count(tex) > code.count(tex)}
    assert not left, f"raw TeX in the PDF's text, beyond what the code blocks hold: {left}"


def _check_figures(printed):
    _, pdf = printed
    first, second = (pdf.get_destination_page_number(b) for b in pdf.outline if not isinstance(b, list))
    widths = [img.image.width for page in pdf.pages[first:second] for img in page.images]
    source = (HTML_DIR / f"{DOCS[0]}.html").read_text(encoding="utf-8")
    # the figures' <img> tags (the widget's states are <img> tags inside its JSON state, escaped)
    figures = len(re.findall(r'<img alt="[^"]*" src="[^"]*_images/', source))
    widgets = source.count('type="application/vnd.jupyter.widget-view+json"')
    assert figures and widgets, "the chapter has figures and a widget (else nothing to check)"
    assert len(widths) >= figures + widgets, f"{len(widths)} images in the PDF for {figures} figures, {widgets} widgets"
    from PIL import Image

    pngs = [HTML_DIR / "chapters" / src for src in re.findall(r'<img alt="[^"]*" src="([^"]+\.png)"', source)]
    shown = [Image.open(png).width for png in pngs if png.is_file()]
    assert shown, "the figures' PNG files are in the build"
    # Chromium embeds each PNG with its own pixels (none resampled to the printed size)
    assert min(widths) >= min(shown) and max(widths) >= max(shown), (widths, shown)
