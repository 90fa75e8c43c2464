"""Self-check questions (backprop.selfcheck): verdicts, slips computed from the real network, the HTML
the page's script reads, and the reader's tools of the built book (the script and style on every page, the
notebook download, the report-an-error and source links)."""

from __future__ import annotations

import html
import os
import re
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import numpy as np
import pytest

from backprop import selfcheck
from backprop.network import Network

ROOT = Path(__file__).resolve().parent.parent
HTML_DIR = Path(os.environ.get("BACKPROP_BOOK_HTML", ROOT / "_build" / "html")).resolve()


def _example_number():
    net, x, y = selfcheck.running_example()
    return selfcheck.backprop_number("What is e₁^[2] for this input?", net, x, y, "e", 2, 1, tol=5e-4)


# -- verdicts ---------------------------------------------------------------------------------------------
def test_right_answer_within_tolerance_is_correct():
    q = selfcheck.number("2 + 2?", answer=4.0, tol=0.01, slips={"add 2 and 3": 5.0})
    for text in ("4", "4.005", " +4.0 ", "3.995", "4e0", ".4e1"):
        v = q.judge(text)
        assert v and v.kind == "correct" and v.message.startswith("Correct"), text
    assert q.judge("4.02").kind == "wrong"


def test_a_slip_gets_its_diagnosis_and_the_closest_wins():
    q = selfcheck.number("q", answer=1.0, tol=0.1, slips={"forget g′": 2.0, "flip the sign": -1.0})
    assert q.judge("2.05").message == "Not quite: 2.05 is what you get if you forget g′."
    assert q.judge("\u22121").kind == "slip" and "flip the sign" in q.judge("\u22121").message
    assert q.judge("7").kind == "wrong"


@pytest.mark.parametrize(
    "text, key",
    [
        ("", "empty"),
        ("   ", "empty"),
        ("abc", "not_number"),
        ("1e999", "infinite"),
        ("-1e999", "infinite"),
        ("inf", "infinite"),
        ("NaN", "not_number"),
        ("nan", "not_number"),
        ("0,25", "comma"),
        ("1/4", "not_number"),
        ("0x10", "not_number"),
        ("1e", "not_number"),
    ],
)
def test_garbage_gets_a_clear_message_never_wrong(text, key):
    q = selfcheck.number("q", answer=0.25, tol=0.01)
    v = q.judge(text)
    assert v.kind == "invalid" and not v
    assert selfcheck.parse_number(text) == (None, key)
    assert "wrong" not in v.message.lower() and "not quite" not in v.message.lower()


def test_a_question_refuses_slips_it_could_not_tell_apart():
    with pytest.raises(ValueError, match="within 2·tol of the answer"):
        selfcheck.number("q", answer=1.0, tol=0.1, slips={"x": 1.15})
    with pytest.raises(ValueError, match="of each other"):
        selfcheck.number("q", answer=1.0, tol=0.1, slips={"x": 2.0, "y": 2.1})
    for bad in (dict(answer=float("nan"), tol=0.1), dict(answer=1.0, tol=0.0), dict(answer=1.0, tol=-1)):
        with pytest.raises(ValueError):
            selfcheck.number("q", **bad)


def test_choice_explains_every_option():
    q = selfcheck.choice(
        "Which equation gives e^[L]?",
        [
            ("BP1", True, "BP1 is the output layer's error."),
            ("BP2", False, "BP2 moves an error one layer back."),
            ("BP4", False, "BP4 is a weight gradient, not an error."),
        ],
    )
    assert q.judge(0).message == "Correct. BP1 is the output layer's error."
    assert q.judge(1).message == "Not this one. BP2 moves an error one layer back."
    assert q.judge(None).kind == "invalid"
    with pytest.raises(ValueError, match="explanation"):
        selfcheck.choice("q", [("a", True, "yes"), ("b", False, "")])
    with pytest.raises(ValueError, match="one correct"):
        selfcheck.choice("q", [("a", False, "no"), ("b", False, "no")])


# -- slips computed by the package ------------------------------------------------------------------------
def test_running_example_slips_are_the_real_passes():
    net, x, y = selfcheck.running_example()
    bw = net.backward(x, y)
    q = _example_number()
    assert q.answer == pytest.approx(bw.e(2)[0, 0])
    values = {d.split(" (")[0]: v for d, v in q.slips.items()}
    # the sign flipped, a factor 2 (cost without ½), BP1 without g'(z^[2]), the layer one off (e_1^[1])
    assert values["flip the sign: y − a where a − y belongs"] == pytest.approx(-q.answer)
    assert values["differentiate ‖a − y‖² instead of ½‖a − y‖²"] == pytest.approx(2 * q.answer)
    a2 = net.forward(x).a(2)
    assert values["forget the factor g′(z^[L]) in BP1"] == pytest.approx(a2[0, 0] - y[0, 0])
    assert values["take the layer one off: that is e_1^[1]"] == pytest.approx(bw.e(1)[0, 0])


def test_bp2_slips_on_a_hidden_error():
    net, x, y = selfcheck.running_example()
    slips = selfcheck.backprop_slips(net, x, y, "e", 1, 2)
    fwd, bw = net.forward(x), net.backward(x, y)
    no_gp = (net.w(2).T @ bw.e(2))[1, 0]  # BP2 without ⊙ g'(z^[1])
    assert slips["forget the factor g′(z^[l]) in BP2 (forgot σ′)"] == pytest.approx(no_gp)
    assert fwd.z(1).shape == (3, 1)


def test_square_network_diagnoses_w_for_w_transpose():
    net = Network([2, 2, 2], seed=0)
    x, y = np.array([[0.5], [-0.4]]), np.array([[1.0], [0.0]])
    slips = selfcheck.backprop_slips(net, x, y, "e", 1, 1)
    w, e2 = net.w(2), net.backward(x, y).e(2)
    gp = net.g(1).prime(net.forward(x).z(1))
    assert slips["use w^[l+1] where its transpose (w^[l+1])ᵀ belongs in BP2"] == pytest.approx(((w @ e2) * gp)[0, 0])


def test_sum_instead_of_mean_on_a_batch_and_dropped_for_one_example():
    net, _, _ = selfcheck.running_example()
    rng = np.random.default_rng(1)
    X, Y = rng.standard_normal((2, 4)), rng.uniform(size=(2, 4))
    grad = net.backward(X, Y).nabla_w[1][0, 1]
    slips = selfcheck.backprop_slips(net, X, Y, "w", 2, 1, 2)
    assert any("no 1/m" in d and v == pytest.approx(4 * grad) for d, v in slips.items())
    x, y = X[:, :1], Y[:, :1]
    assert not any("1/m" in d for d in selfcheck.backprop_slips(net, x, y, "w", 2, 1, 2))


def test_backprop_slips_checks_its_arguments():
    net, x, y = selfcheck.running_example()
    with pytest.raises(ValueError, match="no entry"):
        selfcheck.backprop_slips(net, x, y, "e", 2, 3)
    with pytest.raises(ValueError, match="k is given"):
        selfcheck.backprop_slips(net, x, y, "w", 2, 1)
    with pytest.raises(ValueError, match="one column"):
        selfcheck.backprop_slips(net, np.ones((2, 2)), np.ones((2, 2)) / 2, "e", 2, 1)


# -- what the page's script reads ----------------------------------------------------------------------------
def test_html_carries_the_answer_slips_and_messages():
    q = _example_number()
    page = q._repr_html_()
    assert 'class="self-check self-check-number"' in page
    assert re.search(r'role="status" aria-live="polite"', page)
    assert re.search(r'<label for="(sc-\w+)-in">.*<input id="\1-in"', page)
    answer = float(re.search(r'data-answer="([^"]+)"', page).group(1))
    assert answer == pytest.approx(q.answer, rel=1e-9)
    shown = dict((html.unescape(d), float(v)) for v, d in re.findall(r'<li data-value="([^"]+)">([^<]+)</li>', page))
    assert shown.keys() == q.slips.keys()
    assert page == _example_number()._repr_html_(), "the HTML is stable (nbval compares it)"
    assert repr(q) == "Check yourself: What is e₁^[2] for this input?"


def test_html_escapes_what_it_shows():
    q = selfcheck.choice("Is <b> bold?", [("<i>", True, 'a "tag" & more'), ("no", False, "it is")])
    page = q._repr_html_()
    assert "<b>" not in page and "&lt;b&gt;" in page and "<i>" not in page


# -- the reader's tools in the built book ---------------------------------------------------------------------
def _built_pages():
    from _ext import book_toc

    if not (HTML_DIR / "index.html").is_file():
        pytest.fail("no built book in _build/html: run make book first", pytrace=False)
    docs = book_toc.toc_docs(ROOT)
    return [(d, HTML_DIR / f"{d}.html") for d in docs]  # index.html only redirects to the first


@pytest.mark.build
def test_every_page_loads_the_selfcheck_script_and_style():
    for doc, path in _built_pages():
        text = path.read_text(encoding="utf-8")
        assert re.search(r'<script src="[./]*_static/selfcheck\.js', text), doc
        assert re.search(r'href="[./]*_static/selfcheck\.css', text), doc


@pytest.mark.build
def test_every_chapter_offers_its_notebook_for_download():
    for doc, path in _built_pages():
        if not (ROOT / f"{doc}.ipynb").is_file():
            continue
        text = path.read_text(encoding="utf-8")
        links = re.findall(r'href="([^"]+\.ipynb)"[^>]*>', text)
        local = [link for link in links if not urlsplit(link).scheme]
        assert local, f"{doc}: no local .ipynb download link"
        assert (path.parent / local[0]).resolve().is_file(), f"{doc}: {local[0]} is not in the build"


@pytest.mark.build
def test_every_page_links_report_an_error_and_its_source():
    for doc, path in _built_pages():
        text = path.read_text(encoding="utf-8")
        issue = re.search(r'class="bp-report-issue" href="([^"]+)"', text)
        source = re.search(r'class="bp-report-source" href="([^"]+)"', text)
        assert issue and source, doc
        url = urlsplit(html.unescape(issue.group(1)))
        assert url.path.endswith("/issues/new")
        assert doc in parse_qs(url.query)["title"][0]
        assert html.unescape(source.group(1)).endswith(
            "/"
            + (ROOT / doc)
            .with_suffix(".ipynb" if (ROOT / f"{doc}.ipynb").is_file() else ".md")
            .relative_to(ROOT)
            .as_posix()
        )


# -- Jupyter -----------------------------------------------------------------------------------------------
@pytest.mark.parametrize("mode", ["static", "live"])
def test_display_outside_a_kernel_is_the_html_and_the_question(monkeypatch, mode):
    import IPython.display

    shown = []
    monkeypatch.setenv("BACKPROP_WIDGETS", mode)
    monkeypatch.setattr(IPython.display, "publish_display_data", lambda data, **kw: shown.append(data))
    q = _example_number()
    q._ipython_display_()
    assert shown == [{"text/plain": repr(q), "text/html": q._repr_html_()}]


def test_the_widgets_judge_as_the_page_does():
    q = _example_number()
    w = q.widget()
    text, button = w.children[1].children
    for typed in ("", "abc", f"{q.answer:.4f}", f"{next(iter(q.slips.values())):.6g}"):
        text.value = typed
        button.click()
        assert html.escape(q.judge(typed).message) in w.children[2].value
    c = selfcheck.choice("q", [("a", True, "yes, a"), ("b", False, "not b")])
    w = c.widget()
    radio, button, out = w.children[1:]
    radio.value = 1
    button.click()
    assert "Not this one. not b" in out.value
