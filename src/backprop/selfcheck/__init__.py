"""Self-check questions: the reader answers in the page, with no kernel, and a slip gets its diagnosis.

A chapter cell ends with a question; its output is plain HTML with the answer, the slips and every
message in data attributes, which ``_static/selfcheck.js`` wires in the built book (no kernel)::

    from backprop import selfcheck
    net, x, y = selfcheck.running_example()
    selfcheck.backprop_number("What is e₁^[2] for this input?", net, x, y, "e", 2, 1, tol=5e-4)
    selfcheck.choice("Which layer's error does BP1 give?", [
        ("the output layer's, e^[L]", True, "BP1 starts the backward pass at the output."),
        ("the first layer's, e^[1]", False, "e^[1] comes last, from BP2 applied L − 1 times."),
    ])

``number(question, answer, tol, slips={diagnosis: value})`` and ``choice(question, [(text, correct,
why), ...])`` build them by hand; ``backprop_slips`` computes the slips of a backprop quantity from the real
network (the ``bughunt`` catalogue run through the real backward pass, plus the layer one off, the indices
swapped, the sign flipped and the sum instead of the mean). Every answer and slip is a number the package
computes at build time.

Verdicts (``judge``, the same rules and messages as the page's script): within ``tol`` of the answer is
``correct``; within ``tol`` of a slip, that slip's diagnosis; any other number ``wrong`` (never said of
garbage); empty input, text that is not a number, NaN and overflow (``1e999``) ``invalid``, with a message
saying what to type.

In Jupyter with a kernel (``BACKPROP_WIDGETS`` not ``static``) a question shows as a small ipywidgets form
judged by :meth:`judge`: JupyterLab does not run the page's script, nor inline scripts in an output it does
not trust (a saved notebook reopened). The HTML travels in the same output, for viewers without widgets.
"""

from .questions import MESSAGES, ChoiceQuestion, NumberQuestion, Verdict, choice, number, parse_number
from .slips import backprop_number, backprop_slips, running_example

__all__ = [
    "Verdict",
    "NumberQuestion",
    "ChoiceQuestion",
    "number",
    "choice",
    "running_example",
    "backprop_slips",
    "backprop_number",
    "parse_number",
    "MESSAGES",
]
