"""Check every page of the built book in headless Chromium: one test per page, one page load.

On that load, in this order: the audit below, the reader's measurements (page_reader.py: formulas,
code and outputs fit at 1280 px and 390 px, figures sharp), the keyboard check of every widget
control (page_keyboard.py), then axe and dark mode (which alter the page). One test, so one
MathJax typesetting per page, with no state shared between tests. ``BACKPROP_BOOK_PAGES=built``
checks every page found in the build instead of the pages listed in _toc.yml.

The audit, per page (see conftest.py for the server and browser):
  * math: MathJax started, no MathJax error node, no raw TeX left in the text;
  * no uncaught page error, no console error, no failed request (404 ...);
  * no request leaves the local server (external requests are recorded and aborted);
  * every image loads; every internal link and #anchor resolves in the built files;
  * every widget view became a rendered widget;
  * accessibility: no serious/critical axe-core violation; every content image has a
    text alternative (alt, aria-label or title) that is not just its file name;
  * dark mode: each content image, screenshotted on the dark page, is not a bright box and
    its ink keeps a contrast >= 3:1 against its own background.

Run: scripts/build_book.sh && .venv/bin/python -m pytest tests/browser -q
"""

from __future__ import annotations

import io
import re
import time
from functools import lru_cache
from pathlib import Path
from urllib.parse import unquote, urlsplit

import numpy as np
import pytest
from PIL import Image

import page_keyboard
import page_reader
from book_browser import HTML_DIR, reader_pages, toc_pages, wait_ready

pytestmark = pytest.mark.browser
PAGES = reader_pages()

# Dark-mode thresholds (relative luminance 0..1, WCAG contrast ratio).
DARK_MAX_MEAN_LUMINANCE = 0.35  # a white box is ~0.8-1.0; the page is ~0.007
DARK_MIN_INK_CONTRAST = 3.0

RAW_TEX_JS = r"""
() => {
  const root = document.querySelector('main .bd-article') || document.querySelector('main') || document.body;
  const skip = 'mjx-container, script, style, pre, code, textarea, .highlight, .MathJax, mjx-assistive-mml, .widget-subarea';
  const patterns = [/\\\(/, /\\\)/, /\\\[/, /\\\]/, /\$\$/, /\\begin\{/, /\\end\{/, /\\frac/, /\\sum/, /\\partial/,
                    /\\mathbf/, /\\left/, /\\right/, /\\sqrt/, /\\odot/, /\\nabla/, /\$[^$\s][^$]*[\\^_][^$]*\$/];
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
  const hits = [];
  let n;
  while ((n = walker.nextNode())) {
    if (!n.textContent.trim()) continue;
    if (n.parentElement && n.parentElement.closest(skip)) continue;
    const t = n.textContent;
    if (patterns.some(p => p.test(t))) hits.push(t.trim().slice(0, 80));
  }
  return {
    formulas: document.querySelectorAll('mjx-container').length,
    errors: document.querySelectorAll('mjx-merror, .MathJax_Error, [data-mjx-error]').length,
    raw: hits.slice(0, 10),
  };
}
"""

IMAGES_JS = r"""
() => Array.from(document.querySelectorAll('.bd-content img')).map((img, i) => {
  const visible = img.getClientRects().length > 0 && (img.checkVisibility ? img.checkVisibility() : true);
  const name = (img.getAttribute('alt') || img.getAttribute('aria-label') || img.getAttribute('title') || '').trim();
  return {
    index: i,
    src: img.currentSrc || img.src,
    loaded: img.complete && img.naturalWidth > 0,
    visible,
    name,
    inWidget: !!img.closest('.widget-subarea'),
    inArticle: !!img.closest('.bd-article'),
    keepColors: !!img.closest('.tag_no-invert, .no-invert'),
  };
})
"""

# WCAG contrast of every visible text inside the elements matching ``selector`` against the colours
# actually behind it (4.5:1, or 3:1 for large text); the first 10 failures, one per distinct colour pair.
TEXT_CONTRAST_JS = r"""
(selector) => {
  const parse = c => { const m = c.match(/rgba?\(([^)]+)\)/); if (!m) return null;
    const v = m[1].split(/[ ,\/]+/).filter(Boolean).map(Number); return {r: v[0], g: v[1], b: v[2], a: v.length > 3 ? v[3] : 1}; };
  const lum = c => { const f = x => { x /= 255; return x <= 0.04045 ? x / 12.92 : Math.pow((x + 0.055) / 1.055, 2.4); };
    return 0.2126 * f(c.r) + 0.7152 * f(c.g) + 0.0722 * f(c.b); };
  const over = (top, bottom) => ({r: top.r * top.a + bottom.r * (1 - top.a), g: top.g * top.a + bottom.g * (1 - top.a),
                                  b: top.b * top.a + bottom.b * (1 - top.a), a: 1});
  const background = el => {
    const layers = [];
    for (let e = el; e; e = e.parentElement) {
      const c = parse(getComputedStyle(e).backgroundColor);
      if (c && c.a > 0) { layers.push(c); if (c.a >= 1) break; }
    }
    let bg = {r: 255, g: 255, b: 255, a: 1};
    for (let i = layers.length - 1; i >= 0; i--) bg = over(layers[i], bg);
    return bg;
  };
  const bad = [], seen = new Set();
  for (const sub of document.querySelectorAll(selector)) {
    const walker = document.createTreeWalker(sub, NodeFilter.SHOW_TEXT);
    let n;
    while ((n = walker.nextNode())) {
      const el = n.parentElement;
      if (!n.textContent.trim() || !el || el.closest('mjx-container, svg') || !el.checkVisibility()) continue;
      const st = getComputedStyle(el);
      const bg = background(el);
      const fg = over(Object.assign(parse(st.color), {a: parse(st.color).a * Number(st.opacity)}), bg);
      const l1 = lum(fg), l2 = lum(bg);
      const ratio = (Math.max(l1, l2) + 0.05) / (Math.min(l1, l2) + 0.05);
      const large = parseFloat(st.fontSize) >= 24 || (parseFloat(st.fontSize) >= 18.66 && Number(st.fontWeight) >= 700);
      const pair = `${st.color}|${bg.r},${bg.g},${bg.b}`;
      if (ratio < (large ? 3 : 4.5) && !seen.has(pair)) { seen.add(pair); bad.push({text: n.textContent.trim().slice(0, 40), ratio}); }
    }
  }
  return bad.slice(0, 10);
}
"""

LINKS_JS = r"""
() => Array.from(document.querySelectorAll('a[href]')).map(a => a.href)
"""


def _rel_luminance(rgb: np.ndarray) -> np.ndarray:
    c = rgb.astype(np.float64) / 255.0
    lin = np.where(c <= 0.04045, c / 12.92, ((c + 0.055) / 1.055) ** 2.4)
    return lin @ np.array([0.2126, 0.7152, 0.0722])


def _contrast(l1, l2):
    hi, lo = np.maximum(l1, l2), np.minimum(l1, l2)
    return (hi + 0.05) / (lo + 0.05)


PAGE_BUDGET = 3_000_000  # bytes: a chapter page's own weight (its HTML with the widget states, its images)


def page_weight(urls) -> tuple[int, int]:
    """Bytes on disk of the distinct local files behind ``urls``: ``(own, shared)``.

    ``own`` is what belongs to this page (its HTML, which embeds the static widgets' states, and its images);
    ``shared`` is what every page of the book loads from ``_static/`` (theme, MathJax, the widget manager),
    downloaded once and then cached by the browser.
    """
    from urllib.parse import unquote, urlsplit

    files = set()
    for url in urls:
        parts = urlsplit(url)
        if parts.scheme in ("http", "https"):
            path = HTML_DIR / unquote(parts.path).lstrip("/")
            if path.is_dir():
                path = path / "index.html"
            if path.is_file():
                files.add(path.resolve())
    static = (HTML_DIR / "_static").resolve()
    shared = sum(f.stat().st_size for f in files if f.is_relative_to(static))
    return sum(f.stat().st_size for f in files) - shared, shared


def measure_dark_image(png: bytes) -> dict:
    """Mean luminance, own background luminance and ink contrast of a screenshot."""
    img = np.asarray(Image.open(io.BytesIO(png)).convert("RGB"))
    lum = _rel_luminance(img.reshape(-1, 3))
    # the image's own background = its most frequent (quantised) colour
    q = (img.reshape(-1, 3) // 8).astype(np.int32)
    keys = q[:, 0] * 1024 + q[:, 1] * 32 + q[:, 2]
    bg_key = np.bincount(keys).argmax()
    bg_lum = float(lum[keys == bg_key].mean())
    contrast = _contrast(lum, bg_lum)
    ink = contrast[contrast > 1.25]  # pixels that are not background
    ink_contrast = float(np.percentile(ink, 99)) if ink.size else 1.0
    return {"mean": float(lum.mean()), "bg": bg_lum, "ink_contrast": ink_contrast, "ink_fraction": ink.size / lum.size}


@lru_cache(maxsize=None)
def _ids_in(path: Path) -> frozenset:
    text = path.read_text(encoding="utf-8", errors="replace")
    return frozenset(re.findall(r'\b(?:id|name)="([^"]+)"', text))


def check_links(hrefs: list[str], base_url: str, page_rel: str) -> list[str]:
    problems = []
    base = urlsplit(base_url)
    for href in sorted(set(hrefs)):
        parts = urlsplit(href)
        if parts.scheme not in ("http", "https") or parts.netloc != base.netloc:
            continue  # external links are not followed (the book is audited offline)
        path = unquote(parts.path)
        target = HTML_DIR / path.lstrip("/")
        if path.endswith("/") or target.is_dir():
            target = target / "index.html"
        if not target.is_file():
            problems.append(f"broken link {href} (no {target.relative_to(HTML_DIR)}) on {page_rel}")
            continue
        if parts.fragment and target.suffix == ".html":
            frag = unquote(parts.fragment)
            if frag not in _ids_in(target):
                problems.append(f"broken anchor {href} (no id {frag!r} in {target.relative_to(HTML_DIR)})")
    return problems


def test_every_built_chapter_is_in_the_toc(book_html):
    built = sorted(str(p.relative_to(book_html)) for p in (book_html / "chapters").glob("*.html"))
    assert built, "no chapter pages in the build"
    toc = toc_pages()
    missing = sorted(set(toc) - set(built) - {"index.html"})
    extra = sorted(set(built) - set(toc))
    assert not missing, f"pages in _toc.yml but not built: {missing}"
    assert not extra, f"pages built but not in _toc.yml: {extra}"


@pytest.mark.parametrize("page_rel", PAGES)
def test_page(page_rel, book_html, book_url, recorder_factory, summary):
    from axe_playwright_python.sync_playwright import Axe

    t0 = time.perf_counter()
    timing = {}
    rec = recorder_factory()
    page = rec.goto(page_rel)
    mathjax, widgets = wait_ready(page)
    timing["load"] = time.perf_counter() - t0
    page.wait_for_timeout(150)  # let late console errors / image loads arrive
    problems: list[str] = []

    # --- math ------------------------------------------------------------------------
    math = page.evaluate(RAW_TEX_JS)
    if mathjax.get("error"):
        problems.append(mathjax["error"])
    if math["errors"]:
        problems.append(f"{math['errors']} MathJax error node(s)")
    if math["raw"]:
        problems.append(f"raw TeX left visible: {math['raw']}")

    # --- widgets -----------------------------------------------------------------------
    if widgets["rendered"] != widgets["views"]:
        problems.append(f"only {widgets['rendered']} of {widgets['views']} widget views rendered")

    # --- images and alt text ------------------------------------------------------------------
    images = page.evaluate(IMAGES_JS)
    for im in images:
        short = im["src"][:80]
        if im["visible"] and not im["loaded"]:
            problems.append(f"image did not load: {short}")
        if not im["name"]:
            problems.append(f"image without alt text: {short}")
        elif re.fullmatch(r"[\w./-]+\.(png|jpe?g|gif|svg|webp)", im["name"], re.I):
            problems.append(
                f"image alt text is its file name ({im['name']}): set it, e.g. cell metadata "
                '{"mystnb": {"image": {"alt": "..."}}} or the widget tooltip'
            )

    # --- links -------------------------------------------------------------------------------
    problems += check_links(page.evaluate(LINKS_JS), book_url, page_rel)

    timing["checks"] = time.perf_counter() - t0 - timing["load"]
    # --- the reader's measurements (light mode, formulas typeset; page_reader.py) ---------------
    t1 = time.perf_counter()
    reading = page_reader.measure(page)
    reader_problems = page_reader.problems_of(page_rel, reading)
    problems += [f"reader: {p}" for p in reader_problems]
    summary("book reader test", page_reader.summary_line(page_rel, reading, reader_problems))
    timing["reader"] = time.perf_counter() - t1
    # --- every widget control from the keyboard (page_keyboard.py) -------------------------------
    t1 = time.perf_counter()
    keys = page_keyboard.check_keyboard(page, page_rel, widgets["views"], lambda: rec.page_errors + rec.console_errors)
    problems += [f"keyboard: {p}" for p in keys["problems"]]
    summary(
        "widget keyboard check",
        f"{page_rel}: {keys['views']} widgets, {keys['controls']} controls, {keys['moved']} changed the figure"
        + ("" if not keys["problems"] else f"  -> {len(keys['problems'])} problem(s)"),
    )
    timing["keys"] = time.perf_counter() - t1
    # --- accessibility (axe-core, light mode, formulas removed) -----------------------------
    t1 = time.perf_counter()
    axe = Axe()
    # * preload=False: axe's CSSOM preload re-fetches stylesheets and resolves their @import
    #   against the page instead of the stylesheet (a spurious /basic.css 404).
    # * MathJax's CHTML output is left out: thousands of custom elements (15k on a chapter with
    #   250 formulas); formulas take the surrounding text colour, and their text alternative is
    #   MathJax's own assistive MathML. They are removed from the page (the reader's measurements
    #   and the keyboard check are done), not just excluded: axe builds its tree of the whole
    #   document either way, and that tree made the run three times slower (4.9 s -> 1.6 s on
    #   chapter 7, same violations).
    # * Code blocks are left to TEXT_CONTRAST_JS, in light and dark mode: their thousands of
    #   highlighted tokens (4,000 on chapter 4) cost axe's colour-contrast rule about half its run
    #   time, and that rule is all axe checks in them.
    page.evaluate("() => document.querySelectorAll('mjx-container').forEach(e => e.replaceWith('formula'))")
    for bad in page.evaluate(TEXT_CONTRAST_JS, ".highlight"):
        problems.append(f"light mode: code text {bad['text']!r} contrast {bad['ratio']:.1f}:1 < 4.5:1")
    results = axe.run(
        page,
        context={"exclude": [[".highlight"]]},
        options={"resultTypes": ["violations"], "preload": False},
    )
    serious = [v for v in results.response["violations"] if v.get("impact") in ("serious", "critical")]
    for v in serious:
        targets = [", ".join(map(str, n["target"])) for n in v["nodes"][:3]]
        problems.append(f"axe {v['impact']} {v['id']}: {v['help']} ({len(v['nodes'])} nodes, e.g. {targets})")

    timing["axe"] = time.perf_counter() - t1
    # --- dark mode ---------------------------------------------------------------------------
    t1 = time.perf_counter()
    page.evaluate(
        "() => { localStorage.setItem('mode','dark'); localStorage.setItem('theme','dark');"
        " document.documentElement.dataset.mode = 'dark'; document.documentElement.dataset.theme = 'dark'; }"
    )
    page.wait_for_timeout(100)
    # our dark restyling of the widget controls (_static/book.css) and the theme's dark code
    # colours must keep their text readable: a cheap WCAG contrast check of every text in the
    # widget areas and code blocks (an axe run costs ~1.5 s per page here, mostly building its
    # tree of the whole document)
    for what, selector in (("widget", ".widget-subarea"), ("code", ".highlight")):
        for bad in page.evaluate(TEXT_CONTRAST_JS, selector):
            problems.append(f"dark mode: {what} text {bad['text']!r} contrast {bad['ratio']:.1f}:1 < 4.5:1")
    dark_measures = []
    imgs = page.locator(".bd-content img")
    for im in images:
        if not (im["visible"] and im["loaded"]) or im["keepColors"]:
            continue
        loc = imgs.nth(im["index"])
        try:
            loc.scroll_into_view_if_needed(timeout=2000)
            shot = loc.screenshot(timeout=5000, animations="disabled")
        except Exception as exc:  # noqa: BLE001 - report, do not crash the audit
            problems.append(f"dark mode: could not screenshot {im['src'][:60]}: {exc}")
            continue
        m = measure_dark_image(shot)
        dark_measures.append(m)
        what = ("widget image " if im["inWidget"] else "image ") + im["src"][-40:]
        if m["mean"] > DARK_MAX_MEAN_LUMINANCE:
            problems.append(f"dark mode: {what} is a bright box (mean luminance {m['mean']:.2f})")
        if m["ink_contrast"] < DARK_MIN_INK_CONTRAST:
            problems.append(f"dark mode: {what} ink contrast {m['ink_contrast']:.1f}:1 < 3:1")

    timing["dark"] = time.perf_counter() - t1
    # --- network and console -------------------------------------------------------------------
    if rec.external:
        problems.append(f"{len(rec.external)} request(s) left the local server: {sorted(set(rec.external))[:5]}")
    if rec.failed:
        problems.append(f"failed requests: {rec.failed[:5]}")
    if rec.page_errors:
        problems.append(f"uncaught page errors: {rec.page_errors[:5]}")
    if rec.console_errors:
        problems.append(f"console errors: {rec.console_errors[:5]}")

    # --- page weight: every file the page loaded from the local server, counted once ------------------
    weight, shared = page_weight(rec.requests)
    if weight > PAGE_BUDGET:
        problems.append(f"page weight {weight / 1e6:.2f} MB exceeds the {PAGE_BUDGET / 1e6:.0f} MB budget")

    worst_dark = max((m["mean"] for m in dark_measures), default=0.0)
    min_ink = min((m["ink_contrast"] for m in dark_measures), default=float("nan"))
    summary(
        "book page audit",
        f"{page_rel}: {math['formulas']} formulas, {sum(im['inArticle'] for im in images)} images, {widgets['views']} widgets, "
        f"{len(rec.console_errors) + len(rec.page_errors)} console errors, {len(rec.external)} external requests, "
        f"{len(rec.requests)} requests, {weight / 1e6:.2f} MB own + {shared / 1e6:.2f} MB shared, "
        f"axe {len(serious)} serious, "
        f"dark max mean lum {worst_dark:.2f} min ink contrast {min_ink:.1f} "
        f"[{', '.join(f'{k} {v:.1f}s' for k, v in timing.items())}]"
        + ("" if not problems else f"  -> {len(problems)} problem(s)"),
    )
    assert not problems, f"{page_rel}:\n  - " + "\n  - ".join(problems)
