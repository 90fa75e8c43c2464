"""Costs ``c_x`` of one example, each owning its derivative ``∂c_x/∂a^[L]`` and hence BP1.

``fn(a, y)`` returns the per-example costs, shape ``(m,)``, for outputs ``a`` and targets ``y`` of shape
``(n_L, m)``. ``da(a, y)`` returns ``∂c_x/∂a^[L]``, shape ``(n_L, m)``. ``output_error(z, a, y, g)`` is BP1
for this cost; adding a cost changes only this. The network's cost is the average ``C = (1/m) Σ_x c_x``.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable, Optional

import numpy as np

from . import equations
from ._validate import choice
from .activations import Activation, sigmoid, softmax

# Outputs are kept this far inside (0, 1) before taking logarithms, so that a saturated sigmoid
# (which is exactly 0.0 or 1.0 in float64 beyond |z| ≈ 37) gives a large but finite cost.
_TINY = np.finfo(np.float64).eps / 2


@dataclass(frozen=True)
class Cost:
    """A per-example cost ``c_x(a, y)`` with its gradient ``∂c_x/∂a`` and its BP1."""

    name: str
    fn: Callable[[np.ndarray, np.ndarray], np.ndarray]
    da: Callable[[np.ndarray, np.ndarray], np.ndarray]
    #: The output activation this cost requires (sigmoid for cross-entropy, softmax for categorical
    #: cross-entropy), or None to use the network's activation in the output layer too.
    output_activation: Optional[Activation] = None
    _output_error: Optional[Callable] = None
    _value_from_z: Optional[Callable] = None

    def value(self, z: np.ndarray, a: np.ndarray, y: np.ndarray, g: Activation) -> np.ndarray:
        """Per-example costs, shape ``(m,)``, from the output layer's ``z^[L]`` and ``a^[L] = g(z^[L])``.

        Equal to ``fn(a, y)``; a cost may compute it from ``z`` instead where that is exact and ``fn`` is not.
        """
        if self._value_from_z is not None:
            special = self._value_from_z(z, y, g)
            if special is not None:
                return special
        return self.fn(a, y)

    def output_error(
        self, z: np.ndarray, a: np.ndarray, y: np.ndarray, g: Activation, bp1=equations.bp1_output_error
    ) -> np.ndarray:
        """BP1 for this cost: ``e^[L] = ∂c_x/∂a^[L] ⊙ g'(z^[L])`` (or its simplified exact form).

        ``bp1`` is the equation to apply (``equations.bp1_output_error``); a replacement is always given
        ``∂c_x/∂a^[L]`` and ``g'(z^[L])``, never the simplified form.
        """
        if self._output_error is not None and bp1 is equations.bp1_output_error:
            special = self._output_error(z, a, y, g)
            if special is not None:
                return special
        return bp1(self.da(a, y), g.prime(z, a))

    def __repr__(self) -> str:
        return f"Cost({self.name!r})"


# -- quadratic: c_x = ½‖a − y‖² ------------------------------------------------------------------------
def _quadratic(a, y):
    return 0.5 * np.sum((a - y) ** 2, axis=0)


def _quadratic_da(a, y):
    # The ½ cancels the 2 of the square: ∂c_x/∂a_j = a_j − y_j (without the ½ it would be 2(a_j − y_j)).
    return a - y


# -- binary cross-entropy: c_x = −Σ_j [y_j ln a_j + (1 − y_j) ln(1 − a_j)] ----------------------------
def _clip(a):
    return np.clip(a, _TINY, 1.0 - _TINY)


def _cross_entropy(a, y):
    a = _clip(a)
    return -np.sum(y * np.log(a) + (1.0 - y) * np.log1p(-a), axis=0)


def _cross_entropy_da(a, y):
    a = _clip(a)
    return (a - y) / (a * (1.0 - a))


def _cross_entropy_sigmoid_error(z, a, y, g):
    # With a sigmoid output, ∂c_x/∂a = (a − y)/(a(1 − a)) and σ'(z) = a(1 − a): BP1's product is exactly
    # a − y. Computing it in that form keeps it exact when a saturates to 0.0 or 1.0 in float64, where the
    # unsimplified product would be 0 · (large) and lose the error.
    if g is sigmoid:
        return a - y
    return None


def _cross_entropy_sigmoid_value(z, y, g):
    # With a = σ(z): ln a = −softplus(−z) and ln(1 − a) = −softplus(z), so c_x = Σ_j softplus(z_j) − y_j z_j,
    # exact for every finite z, where fn(a, y) must clip a saturated a = 1.0 and caps the cost near 36.7.
    if g is sigmoid:
        return np.sum(np.logaddexp(0.0, z) - y * z, axis=0)
    return None


# -- softmax output with categorical cross-entropy: c_x = −Σ_j y_j ln a_j ----------------------------
def _categorical(a, y):
    return -np.sum(y * np.log(np.maximum(a, _TINY)), axis=0)


def _categorical_da(a, y):
    return -y / np.maximum(a, _TINY)


def _softmax_error(z, a, y, g):
    # The softmax Jacobian is not diagonal, so BP1's elementwise form does not apply; the full
    # Jacobian-vector product J(z)ᵀ ∇_a c_x simplifies to a − y (for targets whose columns sum to 1).
    return a - y


quadratic = Cost("quadratic", _quadratic, _quadratic_da)
# Cross-entropy needs outputs in (0, 1): the output layer is a sigmoid whatever the hidden layers use.
cross_entropy = Cost(
    "cross_entropy",
    _cross_entropy,
    _cross_entropy_da,
    sigmoid,
    _cross_entropy_sigmoid_error,
    _cross_entropy_sigmoid_value,
)
softmax_cross_entropy = Cost("softmax_cross_entropy", _categorical, _categorical_da, softmax, _softmax_error)

#: The costs a network may use, by name.
COSTS = {c.name: c for c in (quadratic, cross_entropy, softmax_cross_entropy)}


def get_cost(name) -> Cost:
    """Return the cost called ``name`` (one of ``COSTS``), or ``name`` itself if it is a ``Cost``."""
    return choice("cost_function", name, COSTS, "cost", Cost)
