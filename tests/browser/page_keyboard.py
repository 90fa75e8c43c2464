"""The keyboard's part of a page's check (tests/browser/test_pages.py): the book's widgets respond in the
static page (no kernel), from the keyboard.

The book's widgets are a box of controls (IntSlider, SelectionSlider, Dropdown,
ToggleButtons, ...) jslinked to a Stack of precomputed images (see backprop.widgets, static
mode). For every control of every widget on every page this test:
  * checks it has a visible label (the description <label>, or an aria-label), and that
    the focusable element can take the keyboard focus;
  * focuses it and presses a key (ArrowRight on sliders, ArrowDown on a <select>,
    Enter on an unselected toggle button; the other direction if nothing moved);
  * checks that the figure displayed in the same widget changed: the visible <img>'s src. (Each
    static state is its own image with its own data URI; two states whose bytes are equal look
    the same, so a screenshot could not tell them apart either.)
Every notebook page must carry at least one widget (pages written in Markdown need not).
"""

from __future__ import annotations

import hashlib

from book_browser import NON_CHAPTER_PAGES

# Controls, as (kind, CSS selector of the focusable element within a widget-subarea).
CONTROLS_JS = r"""
() => {
  const out = [];
  const subareas = Array.from(document.querySelectorAll('.widget-subarea'));
  subareas.forEach((sub, si) => {
    const add = (kind, el, box) => {
      const label = box ? box.querySelector(':scope > label.widget-label') : null;
      const labelText = label && label.offsetParent !== null ? label.textContent.trim() : '';
      const aria = (el.getAttribute('aria-label') || '').trim();
      const labelledby = el.getAttribute('aria-labelledby');
      const lbText = labelledby ? labelledby.split(/\s+/).map(id => (document.getElementById(id) || {}).textContent || '').join(' ').trim() : '';
      el.setAttribute('data-audit-control', `${si}-${out.length}`);
      out.push({subarea: si, key: `${si}-${out.length}`, kind, label: labelText || aria || lbText,
                text: (el.textContent || '').trim().slice(0, 30), tabIndex: el.tabIndex,
                disabled: !!(el.disabled || el.closest('.mod-disabled'))});
    };
    sub.querySelectorAll('.widget-slider').forEach(box => {
      const h = box.querySelector('.noUi-handle'); if (h) add('slider', h, box);
    });
    sub.querySelectorAll('.widget-dropdown').forEach(box => {
      const s = box.querySelector('select'); if (s) add('dropdown', s, box);
    });
    sub.querySelectorAll('.widget-toggle-buttons').forEach(box => {
      const buttons = Array.from(box.querySelectorAll('button'));
      const next = buttons.find(b => !b.classList.contains('mod-active'));
      if (next) add('toggle-buttons', next, box);
    });
    sub.querySelectorAll('.widget-radio').forEach(box => {
      const r = box.querySelector('input[type=radio]:not(:checked)'); if (r) add('radio', r, box);
    });
    sub.querySelectorAll('.widget-checkbox').forEach(box => {
      const c = box.querySelector('input[type=checkbox]'); if (c) add('checkbox', c, box);
    });
  });
  return {subareas: subareas.length, controls: out};
}
"""

FIGURE_JS = r"""
(si) => {
  const sub = document.querySelectorAll('.widget-subarea')[si];
  const imgs = Array.from(sub.querySelectorAll('img')).filter(i => i.getClientRects().length > 0 && i.checkVisibility());
  return imgs.map(i => i.currentSrc || i.src);
}
"""


def _figure_srcs(page, subarea: int) -> str:
    return hashlib.sha1("\n".join(page.evaluate(FIGURE_JS, subarea)).encode()).hexdigest()


def _press(page, control: dict, backwards: bool = False):
    loc = page.locator(f'[data-audit-control="{control["key"]}"]')
    loc.scroll_into_view_if_needed()
    loc.focus()
    focused = page.evaluate(
        "(k) => document.activeElement && document.activeElement.getAttribute('data-audit-control') === k",
        control["key"],
    )
    kind = control["kind"]
    if kind == "dropdown":
        key = "ArrowUp" if backwards else "ArrowDown"
    elif kind in ("toggle-buttons", "checkbox", "radio"):
        key = "Space"
    else:
        key = "ArrowLeft" if backwards else "ArrowRight"
    loc.press(key)
    return focused, key


def check_keyboard(page, page_rel: str, views: int, errors) -> dict:
    """Operate every control of every widget on ``page`` (loaded, widgets rendered) from the keyboard.

    ``views``: how many widget views the page rendered; ``errors()``: the page's console and page errors so
    far (those that appear while the controls are operated are reported). Returns the counts and problems.
    """
    errors_before = len(errors())
    found = page.evaluate(CONTROLS_JS)
    controls = found["controls"]
    problems, moved = [], 0

    if page_rel not in NON_CHAPTER_PAGES and views == 0:
        problems.append("no widget on this chapter page (each chapter needs at least one)")
    elif views and not controls:
        problems.append(f"{views} widget(s) but no keyboard control found in them")

    for c in controls:
        what = f"{c['kind']} {c['label'] or c['text'] or c['key']!r}"
        if c["disabled"]:
            continue
        if not c["label"] and c["kind"] != "toggle-buttons":
            problems.append(f"{what}: no visible label (description) nor aria-label")
        if c["kind"] == "toggle-buttons" and not (c["label"] or c["text"]):
            problems.append(f"{what}: toggle button without text or label")
        if c["tabIndex"] < 0:
            problems.append(f"{what}: not reachable with Tab (tabIndex {c['tabIndex']})")
        if not page.evaluate(FIGURE_JS, c["subarea"]):
            problems.append(f"{what}: its widget shows no image")
            continue
        before_src = _figure_srcs(page, c["subarea"])
        changed = False
        for backwards in (False, True):
            focused, key = _press(page, c, backwards=backwards)
            if not focused:
                break
            for _ in range(20):  # up to ~1 s for the jslink and the re-render
                page.wait_for_timeout(50)
                if _figure_srcs(page, c["subarea"]) != before_src:
                    changed = True
                    break
            if changed:
                break  # else: maybe at the end of its range, try the other direction
        if not focused:
            problems.append(f"{what}: cannot take the keyboard focus")
        elif not changed:
            problems.append(f"{what}: pressing {key} (and the opposite key) did not change the displayed figure")
        else:
            moved += 1

    new_errors = errors()[errors_before:]
    if new_errors:
        problems.append(f"errors while operating the widgets: {new_errors[:5]}")
    return {"views": views, "controls": len(controls), "moved": moved, "problems": problems}
