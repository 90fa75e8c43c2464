"""The claim checker, and how many checked claims each chapter carries."""

import json
import re
from pathlib import Path

import numpy as np
import pytest

from backprop.claims import ClaimFailed, claim

CHAPTERS = sorted((Path(__file__).resolve().parents[1] / "chapters").glob("*.ipynb"))
CALL = re.compile(r"(?<![\w.])claim\(")


def test_a_true_claim_is_silent(capsys):
    assert claim("one is less than two", 1 < 2) is None
    assert claim("numpy truth counts", np.float64(1.0) < 2.0) is None
    assert capsys.readouterr() == ("", "")


def test_a_false_claim_names_the_sentence_and_the_values():
    with pytest.raises(ClaimFailed, match=r"“the gain is below one”.*gain = 1\.25"):
        claim("the gain is below one", 1.25 < 1, gain=1.25)


@pytest.mark.parametrize("bad", [np.array([True, False]), 1, 0.0, "yes", None])
def test_a_claim_needs_a_truth_value(bad):
    with pytest.raises(TypeError, match="True or False"):
        claim("something", bad)


def test_a_claim_needs_its_sentence():
    with pytest.raises(TypeError, match="sentence"):
        claim("  ", True)


def claims_per_chapter() -> dict[str, int]:
    counts = {}
    for path in CHAPTERS:
        cells = json.loads(path.read_text(encoding="utf-8"))["cells"]
        code = ("".join(c["source"]) for c in cells if c["cell_type"] == "code")
        counts[path.stem] = sum(len(CALL.findall(src)) for src in code)
    return counts


def test_checked_claims_per_chapter(record_property):
    counts = claims_per_chapter()
    for name, n in counts.items():
        record_property("summary", ("checked claims per chapter", f"{name}: {n}"))
    # The chapters whose sentences describe experiments (descent, the equations, training, autodiff,
    # deep networks) must check them; the report above lists every chapter's count.
    for name in (
        "04_gradient_descent",
        "06_four_equations",
        "08_backprop_in_practice",
        "09_autodiff",
        "10_deep_networks",
    ):
        assert counts.get(name, 0) >= 1, f"{name} checks none of its sentences with claim(...)"


def test_below_shows_the_bound_and_checks_it():
    from backprop.claims import below

    assert below(8.6e-11, 1e-9) == "below 1e-09"
    assert below(-3e-17, 1e-15) == "below 1e-15"
    with pytest.raises(ClaimFailed, match=r"the error is below 1e-09.*value = 2e-09"):
        below(2e-9, 1e-9, "the error")
    with pytest.raises(ClaimFailed):
        below(float("nan"), 1e-9)
    with pytest.raises(ValueError, match="positive"):
        below(1e-20, 0.0)
