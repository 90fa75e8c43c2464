"""The questions themselves: a number or a multiple choice, judged the same way in Python and in the page's
script (``_static/selfcheck.js``), rendered as HTML with no kernel and as a small widget with one."""

from __future__ import annotations

import hashlib
import html
import json
import math
import os
import re
from dataclasses import dataclass

from .._validate import integer


#: What the reader is told; ``{input}`` is the reader's text, ``{answer}`` the rounded answer, ``{tol}``
#: the tolerance, ``{diagnosis}`` a slip's. The page's script uses these strings (a data attribute).
MESSAGES = {
    "correct": "Correct: {answer} (to within ±{tol}).",
    "slip": "Not quite: {input} is what you get if you {diagnosis}.",
    "wrong": "Not quite: {input} is not within ±{tol} of the answer, and it matches none of the usual "
    "slips. Check each step again.",
    "empty": "Type a number first, for example 0.25 or -1.5e-3.",
    "not_number": "“{input}” is not a number. Type digits with a decimal point and an optional "
    "exponent, for example 0.25 or -1.5e-3.",
    "comma": "“{input}”: write the decimal point as a point, for example 0.25.",
    "infinite": "“{input}” is too large: it overflows to infinity. Type a finite number.",
    "choose": "Choose one of the options first.",
    "right_option": "Correct. {why}",
    "wrong_option": "Not this one. {why}",
}

_NUMBER = re.compile(r"[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?")
_INFINITY_WORDS = {"inf", "+inf", "-inf", "infinity", "+infinity", "-infinity", "∞", "+∞", "-∞"}


@dataclass(frozen=True)
class Verdict:
    """``kind``: ``"correct"``, ``"slip"``, ``"wrong"`` or ``"invalid"``; ``message``: what the reader reads.
    Truthy when correct."""

    kind: str
    message: str

    def __bool__(self) -> bool:
        return self.kind == "correct"


def parse_number(text: str):
    """``(value, None)`` for a finite number, else ``(None, message key)``: the page's script parses the
    same way (strip; a Unicode minus is a minus; digits, one point, an optional exponent)."""
    s = str(text).strip().replace("\u2212", "-")
    if not s:
        return None, "empty"
    if s.lower() in _INFINITY_WORDS:
        return None, "infinite"
    if not _NUMBER.fullmatch(s):
        return None, "comma" if _NUMBER.fullmatch(s.replace(",", ".", 1)) else "not_number"
    value = float(s)
    return (value, None) if math.isfinite(value) else (None, "infinite")


def _shown(value: float) -> str:
    """A build-time number as the page stores it: 10 significant digits, so that a processor's last bits
    never reach the stored output."""
    return f"{value:.10g}"


def _ident(*parts) -> str:
    return "sc-" + hashlib.sha1("\x1f".join(map(str, parts)).encode()).hexdigest()[:10]


def _attr(value) -> str:
    return html.escape(value if isinstance(value, str) else json.dumps(value, ensure_ascii=False), quote=True)


class _Question:
    title = "Check yourself"

    def __repr__(self) -> str:
        return f"Check yourself: {self.question}"

    def _ipython_display_(self):
        from IPython.display import publish_display_data

        bundle = {"text/plain": repr(self), "text/html": self._repr_html_()}
        live = os.environ.get("BACKPROP_WIDGETS", "").strip().lower() != "static"
        if live and _in_kernel():
            try:
                w = self.widget()
            except ImportError:  # no ipywidgets: the HTML alone
                w = None
            if w is not None:
                bundle["application/vnd.jupyter.widget-view+json"] = {
                    "version_major": 2,
                    "version_minor": 0,
                    "model_id": w.model_id,
                }
        publish_display_data(bundle)


def _in_kernel() -> bool:
    try:
        from IPython import get_ipython
    except ImportError:
        return False
    shell = get_ipython()
    return shell is not None and getattr(shell, "kernel", None) is not None


class NumberQuestion(_Question):
    """A numeric question: ``answer`` within ``tol``, ``slips`` as ``{diagnosis: value}``."""

    def __init__(self, question: str, answer: float, tol: float, slips: dict | None = None):
        if not isinstance(question, str) or not question.strip():
            raise ValueError("question must be a non-empty string")
        answer, tol = float(answer), float(tol)
        if not math.isfinite(answer):
            raise ValueError(f"answer must be finite, got {answer}")
        if not (math.isfinite(tol) and tol > 0):
            raise ValueError(f"tol must be a positive number, got {tol}")
        self.question, self.answer, self.tol = question.strip(), answer, tol
        self.slips = {}
        for diagnosis, value in (slips or {}).items():
            value = float(value)
            if not math.isfinite(value):
                raise ValueError(f"slip {diagnosis!r}: value must be finite, got {value}")
            if abs(value - answer) <= 2 * tol:
                raise ValueError(
                    f"slip {diagnosis!r} ({value:.6g}) is within 2·tol of the answer "
                    f"({answer:.6g}): a reader could not tell them apart; drop it or lower tol"
                )
            for other, v in self.slips.items():
                if abs(value - v) <= 2 * tol:
                    raise ValueError(
                        f"slips {other!r} and {diagnosis!r} are within 2·tol of each other; "
                        "merge them into one diagnosis"
                    )
            self.slips[str(diagnosis)] = value

    @property
    def decimals(self) -> int:
        """Decimals shown for the answer: one more than the tolerance's first significant digit."""
        return max(0, 1 - math.floor(math.log10(self.tol)))

    def _fill(self, key: str, **values) -> str:
        values.setdefault("answer", f"{self.answer:.{self.decimals}f}")
        values.setdefault("tol", f"{self.tol:g}")
        return MESSAGES[key].format(**values)

    def judge(self, text) -> Verdict:
        value, problem = parse_number(text)
        shown = str(text).strip()
        if problem:
            return Verdict("invalid", self._fill(problem, input=shown))
        if abs(value - self.answer) <= self.tol:
            return Verdict("correct", self._fill("correct"))
        near = [(abs(value - v), d) for d, v in self.slips.items() if abs(value - v) <= self.tol]
        if near:
            return Verdict("slip", self._fill("slip", input=shown, diagnosis=min(near)[1]))
        return Verdict("wrong", self._fill("wrong", input=shown))

    def _repr_html_(self) -> str:
        i = _ident(self.question, _shown(self.answer))
        answer = f"{self.answer:.{self.decimals}f}"
        slips = "".join(f'<li data-value="{_shown(v)}">{html.escape(d)}</li>' for d, v in self.slips.items())
        return (
            f'<div class="self-check self-check-number" data-kind="number" data-answer="{_shown(self.answer)}" '
            f'data-tol="{self.tol!r}" data-tol-shown="{self.tol:g}" data-shown="{answer}" '
            f'data-messages="{_attr(MESSAGES)}">'
            f'<p class="self-check-title">{self.title}</p>'
            f'<p class="self-check-question" id="{i}-q">{html.escape(self.question)}</p>'
            f'<div class="self-check-form"><label for="{i}-in">Your answer (within ±{self.tol:g})</label>'
            f'<input id="{i}-in" class="self-check-input" type="text" inputmode="decimal" autocomplete="off" '
            f'spellcheck="false" aria-describedby="{i}-q {i}-fb">'
            f'<button type="button" class="self-check-button">Check</button></div>'
            f'<ul class="self-check-slips" hidden>{slips}</ul>'
            f'<p class="self-check-feedback" id="{i}-fb" role="status" aria-live="polite"></p>'
            f'<details class="self-check-reveal"><summary>Show the answer</summary><p>{answer}</p></details>'
            "</div>"
        )

    def widget(self):
        """The ipywidgets form of this question (Jupyter with a kernel), judged by :meth:`judge`."""
        import ipywidgets as W

        box = W.Text(placeholder="your answer", description="Answer:", continuous_update=False)
        button = W.Button(description="Check", tooltip="Check your answer")
        out = W.HTML()

        def check(*_):
            out.value = f'<span role="status">{html.escape(self.judge(box.value).message)}</span>'

        button.on_click(check)
        box.observe(check, names="value")
        return W.VBox(
            [
                W.HTML(f"<b>{self.title}</b>: {html.escape(self.question)} (within ±{self.tol:g})"),
                W.HBox([box, button]),
                out,
            ]
        )


class ChoiceQuestion(_Question):
    """A multiple-choice question: ``options`` as ``(text, correct, why)``, one or more correct."""

    def __init__(self, question: str, options):
        if not isinstance(question, str) or not question.strip():
            raise ValueError("question must be a non-empty string")
        self.question = question.strip()
        self.options = []
        for option in options:
            if len(option) != 3:
                raise ValueError(f"an option is (text, correct, why), got {option!r}")
            text, correct, why = option
            if not str(why).strip():
                raise ValueError(f"option {text!r} needs its explanation (why it is right or wrong)")
            self.options.append((str(text), bool(correct), str(why)))
        if len(self.options) < 2 or not any(c for _, c, _ in self.options):
            raise ValueError("a choice question needs at least two options and one correct")

    def judge(self, index) -> Verdict:
        if index is None:
            return Verdict("invalid", MESSAGES["choose"])
        text, correct, why = self.options[integer(index, "the chosen option", 0, len(self.options) - 1)]
        return (
            Verdict("correct", MESSAGES["right_option"].format(why=why))
            if correct
            else Verdict("wrong", MESSAGES["wrong_option"].format(why=why))
        )

    def _repr_html_(self) -> str:
        i = _ident(self.question, *[t for t, _, _ in self.options])
        options = "".join(
            f'<div class="self-check-option"><input type="radio" name="{i}" id="{i}-{n}" value="{n}" '
            f'data-correct="{str(c).lower()}" data-why="{_attr(why)}">'
            f'<label for="{i}-{n}">{html.escape(text)}</label></div>'
            for n, (text, c, why) in enumerate(self.options)
        )
        return (
            f'<div class="self-check self-check-choice" data-kind="choice" data-messages="{_attr(MESSAGES)}">'
            f'<p class="self-check-title">{self.title}</p>'
            f'<fieldset class="self-check-form"><legend class="self-check-question" id="{i}-q">'
            f"{html.escape(self.question)}</legend>{options}</fieldset>"
            f'<button type="button" class="self-check-button" aria-describedby="{i}-q">Check</button>'
            f'<p class="self-check-feedback" id="{i}-fb" role="status" aria-live="polite"></p>'
            "</div>"
        )

    def widget(self):
        import ipywidgets as W

        radio = W.RadioButtons(
            options=[(t, n) for n, (t, _, _) in enumerate(self.options)],
            value=None,
            layout=W.Layout(width="max-content"),
        )
        button, out = W.Button(description="Check"), W.HTML()

        def check(*_):
            out.value = f'<span role="status">{html.escape(self.judge(radio.value).message)}</span>'

        button.on_click(check)
        return W.VBox([W.HTML(f"<b>{self.title}</b>: {html.escape(self.question)}"), radio, button, out])


def number(question: str, answer: float, tol: float, slips: dict | None = None) -> NumberQuestion:
    """A numeric question; ``slips`` maps a diagnosis (completes "what you get if you …") to its value."""
    return NumberQuestion(question, answer, tol, slips)


def choice(question: str, options) -> ChoiceQuestion:
    """A multiple-choice question; ``options``: ``(text, correct, why)``, each wrong one saying why."""
    return ChoiceQuestion(question, options)
