"""The learning-slowdown figure of the cost chapter plots what the package computes."""

import numpy as np
import pytest

from backprop import figures
from backprop.activations import sigmoid
from backprop.costs import get_cost


def test_error_curves_are_the_costs_output_errors():
    d = figures.learning_slowdown(y=1.0, mark=-5.0)
    quad = d.artists["error_lines"]["quadratic"]
    ce = d.artists["error_lines"]["cross_entropy"]
    z = quad.get_xdata()
    a = sigmoid(z)
    # quadratic: (a - y) sigma'(z); cross-entropy with a sigmoid output: a - y
    np.testing.assert_allclose(quad.get_ydata(), (a - 1.0) * a * (1.0 - a), atol=1e-12)
    np.testing.assert_allclose(ce.get_ydata(), a - 1.0, atol=1e-12)
    cost = d.artists["cost_lines"]["quadratic"].get_ydata()
    np.testing.assert_allclose(cost, get_cost("quadratic").fn(a[None, :], np.ones((1, z.size))), atol=1e-12)


def test_marks_and_alt_text_describe_the_marked_input():
    d = figures.learning_slowdown(y=1.0, mark=-5.0)
    a = sigmoid(np.array(-5.0))
    assert d.errors["cross_entropy"] == pytest.approx(a - 1.0)
    assert d.errors["quadratic"] == pytest.approx((a - 1.0) * a * (1.0 - a))
    # the saturated output: cross-entropy's error is about 150 times the quadratic one
    assert d.errors["cross_entropy"] / d.errors["quadratic"] == pytest.approx(1.0 / (a * (1.0 - a)))
    assert "z = -5" in d.alt and f"{d.errors['quadratic']:.4f}" in d.alt
    assert d.png()[:8] == b"\x89PNG\r\n\x1a\n"


def test_without_a_mark_and_with_target_zero():
    d = figures.learning_slowdown(y=0.0, mark=None)
    assert not d.artists["marks"] and not d.errors
    assert "target y = 0" in d.alt and "Dots" not in d.alt
    with pytest.raises(ValueError, match=r"the target y must lie in \[0, 1\] for cross-entropy, got 1.5"):
        figures.learning_slowdown(y=1.5)
    with pytest.raises(TypeError, match="the target y must be a number"):
        figures.learning_slowdown(y="1")
