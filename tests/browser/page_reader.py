"""The reader's part of a page's check (tests/browser/test_pages.py): does everything fit, are figures sharp?

On the page test's load (headless Chromium; every dropdown and hidden block opened first):

* at 1280 px: no display formula (MathJax container), code block (``div.highlight pre``) or cell
  output is wider than its box: its content's width exceeds the box's visible width
  (``scrollWidth > clientWidth + 1``) or its right edge lies past the article column; a numbered
  formula must not run under its equation number;
* at 390 px (a phone): the page does not scroll sideways (document ``scrollWidth`` > viewport), and
  no content is cut off at the right edge outside a box that scrolls on its own (a formula may scroll
  inside its own box: that is allowed and the CSS shows a cue);
* every figure image (cell outputs, widgets, figures; not icons or logos) has a bitmap at least 2x
  as wide as it is displayed at 1280 px (SVG passes).

The page test prints one line per page in the terminal summary ("book reader test") and lists each
offender as ``1280 px: kind ... : where``.
"""

from __future__ import annotations

PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 900}
MIN_DENSITY = 2.0  # bitmap pixels per displayed CSS pixel

# Opens solutions, hidden cells and other collapsed blocks, so that their content is measured too.
OPEN_ALL_JS = r"""
() => {
  document.querySelectorAll('details').forEach(d => { d.open = true; });
  document.querySelectorAll('.toggle-hidden').forEach(e => e.classList.remove('toggle-hidden'));
  document.querySelectorAll('.dropdown .admonition-title + *').forEach(e => { e.hidden = false; });
  return true;
}
"""

# Shared helpers: a short description of where an element is, and of a box's visible width.
HELPERS_JS = r"""
const where = el => {
  const parts = [];
  const sec = el.closest('section[id]');
  if (sec) parts.push('#' + sec.id);
  const eq = el.closest('[id^="equation-"], .math[id]');
  if (eq && eq.id) parts.push('#' + eq.id);
  const cell = el.closest('.cell');
  if (cell) {
    const cells = Array.from(document.querySelectorAll('.cell'));
    parts.push('cell ' + (cells.indexOf(cell) + 1));
  }
  const txt = (el.innerText || el.textContent || '').replace(/\s+/g, ' ').trim().slice(0, 50);
  if (txt) parts.push(JSON.stringify(txt));
  return parts.join(' ');
};
const visible = el => el.getClientRects().length > 0 && (!el.checkVisibility || el.checkVisibility());
const article = document.querySelector('article.bd-article') || document.querySelector('main') || document.body;
"""

# At the desktop width: formulas, code blocks and outputs that do not fit their box.
FIT_JS = (
    "() => {"
    + HELPERS_JS
    + r"""
  const col = article.getBoundingClientRect();
  const colRight = col.right;
  const out = [];
  const add = (kind, el, need, have, extra) => out.push({kind, where: where(el), need: Math.round(need),
                                                           have: Math.round(have), extra: extra || ''});
  // display formulas (MathJax 3 CHTML) in the text and in outputs (SymPy's text/latex)
  let nFormula = 0;
  for (const c of article.querySelectorAll('mjx-container[display="true"]')) {
    if (!visible(c)) continue;
    nFormula++;
    const m = c.querySelector(':scope > mjx-math') || c;
    const mr = m.getBoundingClientRect();
    // the box: the block that holds the formula (div.math, an output) - whichever is narrower
    const holder = c.closest('div.math, .output, .cell_output, .admonition, .proof, .exercise') || c.parentElement;
    const hr = holder.getBoundingClientRect();
    const boxRight = Math.min(hr.right, colRight);
    const boxLeft = Math.max(hr.left, col.left);
    const eqno = holder.querySelector(':scope > .eqno') || (c.parentElement && c.parentElement.querySelector(':scope > .eqno'));
    // (the formula's width is its <mjx-math>'s: the container's scrollWidth also counts MathJax's
    // clipped assistive MathML)
    if (mr.width > Math.min(boxRight - boxLeft, c.clientWidth || 1e9) + 1) {
      add('formula', c, mr.width, Math.min(boxRight - boxLeft, c.clientWidth || 1e9));
    } else if (mr.right > boxRight + 1 || mr.left < boxLeft - 1) {
      add('formula', c, mr.right - boxLeft, boxRight - boxLeft, 'runs past its box');
    } else if (eqno && visible(eqno)) {
      const er = eqno.getBoundingClientRect();
      const overlapX = Math.min(mr.right, er.right) - Math.max(mr.left, er.left);
      const overlapY = Math.min(mr.bottom, er.bottom) - Math.max(mr.top, er.top);
      if (overlapX > 1 && overlapY > 1) add('formula', c, mr.right - boxLeft, er.left - boxLeft, 'under its equation number');
    }
  }
  // code blocks (cell inputs, literal blocks, streams are checked as outputs below)
  let nCode = 0;
  for (const pre of article.querySelectorAll('div.highlight pre')) {
    if (!visible(pre) || pre.closest('.cell_output')) continue;
    nCode++;
    const r = pre.getBoundingClientRect();
    if (pre.scrollWidth > pre.clientWidth + 1) add('code', pre, pre.scrollWidth, pre.clientWidth);
    else if (r.right > colRight + 1) add('code', pre, r.right - col.left, col.width, 'runs past the column');
  }
  // cell outputs: every output block, and anything inside it that is wider than the output
  let nOutput = 0;
  for (const o of article.querySelectorAll('.cell_output > *')) {
    if (!visible(o) || o.tagName === 'SCRIPT') continue;
    nOutput++;
    const r = o.getBoundingClientRect();
    const inner = o.querySelector('pre') || o;
    let bad = null;
    if (inner.scrollWidth > inner.clientWidth + 1) bad = [inner.scrollWidth, inner.clientWidth, ''];
    else if (o.scrollWidth > o.clientWidth + 1) bad = [o.scrollWidth, o.clientWidth, ''];
    else if (r.right > colRight + 1) bad = [r.right - col.left, col.width, 'runs past the column'];
    else {
      for (const d of o.querySelectorAll('table, img, .widget-subarea, .jupyter-widgets, mjx-container, svg')) {
        if (!visible(d)) continue;
        const dr = d.getBoundingClientRect();
        if (dr.right > Math.min(r.right, colRight) + 1) { bad = [dr.right - r.left, r.width, d.tagName.toLowerCase() + ' runs past'];
          break; }
      }
    }
    if (bad) add('output', o, bad[0], bad[1], bad[2]);
  }
  return {offenders: out, formulas: nFormula, code: nCode, outputs: nOutput, column: Math.round(col.width)};
}
"""
)

# On a phone: the page scrolls sideways? which elements stick out (outside a box that scrolls)?
PHONE_JS = (
    "() => {"
    + HELPERS_JS
    + r"""
  const vw = document.documentElement.clientWidth;
  const scrollW = Math.max(document.documentElement.scrollWidth, document.body.scrollWidth);
  // inside a box that scrolls sideways and fits the screen: clipped by that box, not cut at the edge
  // (any such ancestor counts: inline math is its own small scroller inside a table's scrolling box)
  const scrolls = el => {
    for (let e = el.parentElement; e && e !== document.body; e = e.parentElement) {
      const ox = getComputedStyle(e).overflowX;
      if ((ox === 'auto' || ox === 'scroll') && e.getBoundingClientRect().right <= vw + 1) return true;
    }
    return false;
  };
  const sticking = [];
  const all = article.querySelectorAll('*');
  for (const el of all) {
    if (sticking.length >= 12) break;
    if (el.closest('mjx-assistive-mml') || !visible(el)) continue;
    const r = el.getBoundingClientRect();
    if (r.width === 0 || r.right <= vw + 1) continue;
    if (scrolls(el)) continue;
    // report the outermost element that sticks out, not each of its children
    const p = el.parentElement;
    if (p && p !== article && p.getBoundingClientRect().right > vw + 1 && !scrolls(p)) continue;
    sticking.push({tag: el.tagName.toLowerCase() + (el.className && typeof el.className === 'string' ? '.' + el.className.split(' ')[0] : ''),
                   where: where(el), right: Math.round(r.right)});
  }
  return {viewport: vw, scrollWidth: scrollW, sticking};
}
"""
)

# Figure images: bitmap width vs displayed width (at the desktop width).
DENSITY_JS = (
    "() => {"
    + HELPERS_JS
    + r"""
  const out = [];
  let n = 0;
  for (const img of article.querySelectorAll('img')) {
    if (!visible(img) || !img.complete || !img.naturalWidth) continue;
    if (img.closest('header, nav, .navbar-brand, .headerlink, .bd-sidebar')) continue;
    const r = img.getBoundingClientRect();
    if (r.width < 48 && r.height < 48) continue; // icons
    const src = img.currentSrc || img.src;
    const svg = /\.svg(\?|#|$)/i.test(src) || src.startsWith('data:image/svg');
    n++;
    if (svg) continue;
    const density = img.naturalWidth / r.width;
    if (density < 2 - 1e-6) {
      out.push({where: where(img) || src.slice(-50), natural: img.naturalWidth, shown: Math.round(r.width),
                density: Math.round(density * 100) / 100, inWidget: !!img.closest('.widget-subarea'),
                src: src.startsWith('data:') ? src.slice(0, 22) : src.split('/').pop()});
    }
  }
  return {images: n, offenders: out};
}
"""
)


def _fmt_fit(o):
    extra = f", {o['extra']}" if o["extra"] else ""
    return f"{o['kind']} {o['need']} px in a {o['have']} px box{extra}: {o['where']}"


def measure(page, timeout_ms=60_000) -> dict:
    """Everything the reader test measures on a page already loaded at 1280 px (changes the viewport)."""
    page.evaluate(OPEN_ALL_JS)
    page.wait_for_timeout(100)
    fit = page.evaluate(FIT_JS)
    density = page.evaluate(DENSITY_JS)
    page.set_viewport_size(PHONE)
    page.wait_for_timeout(300)
    phone = page.evaluate(PHONE_JS)
    page.set_viewport_size(DESKTOP)
    return {"fit": fit, "density": density, "phone": phone}


def problems_of(page_rel: str, m: dict) -> list[str]:
    problems = [f"1280 px: {_fmt_fit(o)}" for o in m["fit"]["offenders"]]
    ph = m["phone"]
    if ph["scrollWidth"] > ph["viewport"] + 1:
        problems.append(
            f"390 px: the page scrolls sideways ({ph['scrollWidth']} px wide in a {ph['viewport']} px viewport)"
        )
    for s in ph["sticking"]:
        problems.append(f"390 px: {s['tag']} reaches x={s['right']} px, cut at the edge: {s['where']}")
    for d in m["density"]["offenders"]:
        kind = "widget image" if d["inWidget"] else "image"
        problems.append(
            f"density: {kind} {d['src']} is {d['natural']} px shown at {d['shown']} px "
            f"({d['density']}x < {MIN_DENSITY:.0f}x): {d['where']}"
        )
    return problems


def summary_line(page_rel: str, m: dict, problems: list[str]) -> str:
    fit, ph, den = m["fit"], m["phone"], m["density"]
    kinds = {k: sum(o["kind"] == k for o in fit["offenders"]) for k in ("formula", "code", "output")}
    return (
        f"{page_rel}: 1280 px: {kinds['formula']}/{fit['formulas']} formulas, {kinds['code']}/{fit['code']} code "
        f"blocks, {kinds['output']}/{fit['outputs']} outputs too wide; 390 px: page {ph['scrollWidth']} px"
        f"{' (scrolls sideways)' if ph['scrollWidth'] > ph['viewport'] + 1 else ''}, {len(ph['sticking'])} cut; "
        f"images below 2x: {len(den['offenders'])}/{den['images']}"
        + (f"  -> {len(problems)} problem(s)" if problems else "")
    )
