"""Self-check questions in headless Chromium, on a page of the built book with no kernel.

The questions are built by ``backprop.selfcheck`` (answers and slips computed from the running example and
a network of one width, where ``W`` for ``Wᵀ`` runs) and put into a built page, whose own
``_static/selfcheck.js`` and ``selfcheck.css`` (Jupyter Book injects them into every page) wire them. Driven
from the keyboard only: the right answer gets "Correct", every slip its diagnosis, garbage its message (the
page's verdict must equal the package's ``judge`` for the same text), every option of a multiple-choice
question its explanation; then axe on the questions, the text's contrast in light and dark mode, and the
width at 390 px and 1280 px.
"""

from __future__ import annotations

import re

import numpy as np
import pytest

from backprop import selfcheck
from backprop.network import Network

pytestmark = pytest.mark.browser

PAGE = "chapters/bibliography.html"  # a short built page: the questions' script and style, no widgets
GARBAGE = ["", "abc", "1e999", "NaN", "0,5"]


def questions():
    net, x, y = selfcheck.running_example()
    rng = np.random.default_rng(1)
    X, Y = rng.standard_normal((2, 4)), rng.uniform(size=(2, 4))
    square = Network([2, 2, 2], seed=0)
    return [
        selfcheck.backprop_number("What is e₁^[2] for this input?", net, x, y, "e", 2, 1),
        selfcheck.backprop_number("What is e₂^[1] for this input?", net, x, y, "e", 1, 2),
        selfcheck.backprop_number("What is ∂C/∂w₁₂^[2] for this batch of 4?", net, X, Y, "w", 2, 1, 2),
        selfcheck.backprop_number("In the [2, 2, 2] network, what is e₁^[1]?", square, x, y, "e", 1, 1),
        selfcheck.choice(
            "Which equation gives the output layer's error e^[L]?",
            [
                ("BP1", True, "BP1 starts the backward pass at the output layer."),
                ("BP2", False, "BP2 takes an error one layer back; it needs e^[L] first."),
                ("BP4", False, "BP4 gives a weight gradient, not an error."),
            ],
        ),
    ]


CONTRAST_JS = """
box => {
  const rgb = c => (c.match(/[\\d.]+/g) || []).map(Number);
  const lum = ([r, g, b]) => [r, g, b].map(v => { v /= 255; return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; })
                                     .reduce((s, v, i) => s + v * [0.2126, 0.7152, 0.0722][i], 0);
  const bg = el => { for (; el; el = el.parentElement) { const c = rgb(getComputedStyle(el).backgroundColor);
                       if (c.length === 3 || c[3] > 0) return c.slice(0, 3); } return [255, 255, 255]; };
  return Array.from(box.querySelectorAll('.self-check-title, .self-check-question, label, .self-check-feedback, '
                                         + '.self-check-button, .self-check-input, summary'))
    .filter(el => el.offsetParent !== null && el.textContent.trim() !== '' || el.tagName === 'INPUT')
    .map(el => { const a = lum(rgb(getComputedStyle(el).color)), b = lum(bg(el));
                 return {what: el.className || el.tagName, ratio: (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05)}; });
}
"""


@pytest.fixture(scope="module")
def loaded(browser, book_url):
    from book_browser import PageRecorder

    rec = PageRecorder(browser, book_url, stub_mathjax=True)
    page = rec.goto(PAGE)
    assert page.evaluate("() => typeof window.backpropSelfCheck"), "selfcheck.js is not loaded on the page"
    qs = questions()
    page.evaluate(
        """html => { const main = document.querySelector('main article, article, main');
                              const div = document.createElement('div'); div.id = 'sc-test';
                              div.innerHTML = html; main.prepend(div); window.backpropSelfCheck.wireAll(); }""",
        "".join(q._repr_html_() for q in qs),
    )
    yield rec, page, qs
    assert not rec.page_errors, rec.page_errors
    assert not rec.external, rec.external
    rec.close()


def _answer(page, index: int, text: str) -> str:
    box = page.locator("#sc-test .self-check").nth(index)
    field = box.locator(".self-check-input")
    field.focus()
    page.keyboard.press("Control+A")
    page.keyboard.press("Delete")
    if text:
        page.keyboard.type(text)
    page.keyboard.press("Enter")
    return box


def test_number_questions_right_slips_and_garbage(loaded):
    from playwright.sync_api import expect

    _, page, qs = loaded
    checked = 0
    for i, q in enumerate(qs):
        if not isinstance(q, selfcheck.NumberQuestion):
            continue
        assert q.slips, f"question {i} has no slip to diagnose"
        tries = [f"{q.answer:.{q.decimals}f}"] + [f"{v:.6g}" for v in q.slips.values()] + GARBAGE
        for text in tries:
            verdict = q.judge(text)
            box = _answer(page, i, text)
            expect(box.locator(".self-check-feedback")).to_have_text(verdict.message, timeout=3000)
            assert box.get_attribute("data-verdict") == verdict.kind
            checked += 1
        kinds = [q.judge(t).kind for t in tries]
        assert kinds[0] == "correct" and set(kinds[1 : 1 + len(q.slips)]) == {"slip"}
        assert set(kinds[1 + len(q.slips) :]) == {"invalid"}
        # each slip's own diagnosis, not another's
        for diagnosis, value in q.slips.items():
            assert diagnosis in q.judge(f"{value:.6g}").message
    assert checked >= 4 * 5


def test_the_check_button_works_from_the_keyboard(loaded):
    from playwright.sync_api import expect

    _, page, qs = loaded
    box = _answer(page, 0, "abc")
    box.locator(".self-check-input").focus()
    page.keyboard.press("Tab")
    assert page.evaluate("() => document.activeElement.className") == "self-check-button"
    box.locator(".self-check-input").fill(f"{qs[0].answer:.6f}")
    box.locator(".self-check-button").focus()
    page.keyboard.press("Space")
    expect(box.locator(".self-check-feedback")).to_have_text(qs[0].judge(f"{qs[0].answer:.6f}").message)


def test_choice_question_explains_every_option(loaded):
    from playwright.sync_api import expect

    _, page, qs = loaded
    i, q = next((i, q) for i, q in enumerate(qs) if isinstance(q, selfcheck.ChoiceQuestion))
    box = page.locator("#sc-test .self-check").nth(i)
    box.locator(".self-check-button").focus()
    page.keyboard.press("Enter")
    expect(box.locator(".self-check-feedback")).to_have_text(q.judge(None).message)
    box.locator('input[type="radio"]').first.focus()
    page.keyboard.press("Space")
    for n in range(len(q.options)):
        if n:
            page.keyboard.press("ArrowDown")  # moves to and selects the next option
        assert box.locator('input[type="radio"]').nth(n).is_checked()
        page.keyboard.press("Enter")
        expect(box.locator(".self-check-feedback")).to_have_text(q.judge(n).message)
        assert box.get_attribute("data-verdict") == q.judge(n).kind


def test_questions_pass_axe_contrast_and_widths(loaded):
    from axe_playwright_python.sync_playwright import Axe

    _, page, _ = loaded
    _answer(page, 0, "abc")  # a visible feedback line too
    results = Axe().run(
        page, context={"include": [["#sc-test"]]}, options={"resultTypes": ["violations"], "preload": False}
    )
    violations = [f"{v['id']}: {v['help']}" for v in results.response["violations"]]
    assert not violations, violations
    boxes = page.locator("#sc-test .self-check")
    for mode in ("light", "dark"):
        page.evaluate(f"() => document.documentElement.setAttribute('data-theme', '{mode}')")
        for n in range(boxes.count()):
            low = [c for c in page.evaluate(CONTRAST_JS, boxes.nth(n).element_handle()) if c["ratio"] < 4.5]
            assert not low, f"{mode} mode, question {n}: contrast below 4.5:1: {low}"
    page.evaluate("() => document.documentElement.setAttribute('data-theme', 'light')")
    for width in (390, 1280):
        page.set_viewport_size({"width": width, "height": 900})
        for n in range(boxes.count()):
            fit = boxes.nth(n).evaluate(
                "b => ({sw: b.scrollWidth, cw: b.clientWidth, "
                "right: b.getBoundingClientRect().right, vw: window.innerWidth})"
            )
            assert fit["sw"] <= fit["cw"] + 1 and fit["right"] <= fit["vw"], f"{width} px, question {n}: {fit}"


DRIVE_JS = """
async box => {
  const msgs = JSON.parse(box.getAttribute('data-messages'));
  const feedback = box.querySelector('.self-check-feedback');
  const settle = () => new Promise(r => setTimeout(r, 80));
  const out = [];
  if (box.getAttribute('data-kind') === 'number') {
    const input = box.querySelector('.self-check-input');
    const tries = [[box.getAttribute('data-shown'), 'correct', null]]
      .concat(Array.from(box.querySelectorAll('.self-check-slips > li'))
              .map(li => [li.getAttribute('data-value'), 'slip', li.textContent]))
      .concat([['abc', 'invalid', null]]);
    for (const [text, kind, diagnosis] of tries) {
      input.value = text;
      input.dispatchEvent(new KeyboardEvent('keydown', {key: 'Enter', bubbles: true}));
      await settle();
      out.push({text, kind, got: box.getAttribute('data-verdict'), message: feedback.textContent,
                ok: box.getAttribute('data-verdict') === kind && (!diagnosis || feedback.textContent.includes(diagnosis))});
    }
  } else {
    for (const radio of box.querySelectorAll('input[type="radio"]')) {
      radio.checked = true;
      box.querySelector('.self-check-button').click();
      await settle();
      const kind = radio.getAttribute('data-correct') === 'true' ? 'correct' : 'wrong';
      out.push({text: radio.value, kind, got: box.getAttribute('data-verdict'), message: feedback.textContent,
                ok: box.getAttribute('data-verdict') === kind && feedback.textContent.includes(radio.getAttribute('data-why'))});
    }
  }
  return out;
}
"""


def _question_pages():
    from book_browser import reader_pages

    return reader_pages()


# The main path (chapters 0-10) asks at least three questions per chapter (issue 22); appendices may ask some.
_MAIN_PATH = re.compile(r"chapters/(0\d|10)_")


@pytest.mark.parametrize("rel", _question_pages())
def test_every_question_on_the_page(rel, book_html, recorder_factory, summary):
    """Every question of a built page (found by its class), driven from its own data: the answer gives
    "correct", each slip its diagnosis, "abc" a message, each option its explanation. One test per page,
    so that pytest-xdist shares the pages between its workers."""
    if not (book_html / rel).is_file():
        pytest.fail(f"{rel} is not in the built book: build it first (make book)", pytrace=False)
    asked = (book_html / rel).read_text(encoding="utf-8").count('class="self-check ')
    if _MAIN_PATH.match(rel):
        assert asked >= 3, f"{rel}: {asked} self-check question(s); a chapter of the main path asks at least 3"
    if not asked:
        summary("self-check questions", f"{rel}: none")
        return
    rec = recorder_factory(stub_mathjax=True)
    page = rec.goto(rel)
    boxes = page.locator("div.self-check")
    assert boxes.count() == asked, f"{rel}: {asked} questions in the HTML, {boxes.count()} on the page"
    bad = []
    for n in range(boxes.count()):
        results = boxes.nth(n).evaluate(DRIVE_JS)
        assert results, f"{rel}: question {n} has nothing to try"
        bad += [f"question {n}: {r}" for r in results if not r["ok"]]
    summary("self-check questions", f"{rel}: {boxes.count()} questions")
    assert not bad, f"{rel}: " + "; ".join(bad)
    assert not rec.page_errors, rec.page_errors
