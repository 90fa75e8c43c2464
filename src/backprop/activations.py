"""Activation functions ``g`` and their derivatives ``g'``, which always travel together.

Each activation maps ``z`` (any shape) to ``a = g(z)`` elementwise. ``prime(z, a=None)`` returns ``g'(z)``;
passing the already computed ``a = g(z)`` lets sigmoid and tanh reuse it instead of recomputing. Both
return new arrays.

Softmax is the one activation that is not elementwise: its Jacobian is not diagonal, so BP1 in the form
``∇_a c ⊙ g'(z)`` does not apply to it. It is only offered together with the categorical cross-entropy cost
(``backprop.costs.softmax_cross_entropy``), which supplies the output error ``a − y`` directly.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

import numpy as np

from ._validate import choice


@dataclass(frozen=True)
class Activation:
    """An activation ``g`` and its derivative ``g'``.

    ``fn(z) -> a`` and ``prime(z, a=None) -> g'(z)``, both elementwise, same shape as ``z``.
    """

    name: str
    fn: Callable[..., np.ndarray]
    prime: Callable[..., np.ndarray]
    elementwise: bool = True

    def __call__(self, z):
        return self.fn(z)

    def __repr__(self) -> str:
        return f"Activation({self.name!r})"


def _sigmoid(z):
    # 1/(1+exp(-z)) overflows in exp for z < -709; the limit 1/(1+inf) = 0 is the right value, so the
    # overflow warning is silenced rather than the formula changed. Finite for every finite z.
    with np.errstate(over="ignore"):
        return 1.0 / (1.0 + np.exp(-z))


def _sigmoid_prime(z, a=None):
    a = _sigmoid(z) if a is None else a
    return a * (1.0 - a)  # σ(1 − σ)


def _tanh(z):
    return np.tanh(z)


def _tanh_prime(z, a=None):
    a = np.tanh(z) if a is None else a
    return 1.0 - a**2  # 1 − tanh²


def _relu(z):
    return np.maximum(z, 0.0)


def _relu_prime(z, a=None):
    # The derivative at exactly 0 is taken as 0 (any value in [0, 1] is a subgradient).
    return (np.asarray(z) > 0).astype(np.float64)


def _identity(z):
    return np.array(z, dtype=np.float64)  # a copy: a^[l] is not the same array as z^[l]


def _identity_prime(z, a=None):
    return np.ones(np.shape(z))


def _softmax(z):
    """Column-wise softmax: each column (example) of ``z`` is mapped to a probability vector."""
    # Subtracting each column's maximum changes nothing mathematically and keeps exp from overflowing.
    a = np.exp(z - np.max(z, axis=0, keepdims=True))
    return a / np.sum(a, axis=0, keepdims=True)


def _softmax_prime(z, a=None):
    raise TypeError(
        "softmax has no elementwise derivative g'(z) (its Jacobian is not diagonal); "
        "use it only as the output of cost_function='softmax_cross_entropy', whose output error is a − y"
    )


sigmoid = Activation("sigmoid", _sigmoid, _sigmoid_prime)
tanh = Activation("tanh", _tanh, _tanh_prime)
relu = Activation("relu", _relu, _relu_prime)
identity = Activation("identity", _identity, _identity_prime)
softmax = Activation("softmax", _softmax, _softmax_prime, elementwise=False)

#: The elementwise activations a network's layers may use, by name.
ACTIVATIONS = {a.name: a for a in (sigmoid, tanh, relu, identity)}


def get_activation(name) -> Activation:
    """Return the activation called ``name`` (one of ``ACTIVATIONS``), or ``name`` itself if it is one."""
    return choice("activation", name, ACTIVATIONS, "activation", Activation)
