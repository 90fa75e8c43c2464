"""Activation functions ``g`` and their derivatives ``g'``, which always travel together.

Each activation maps ``z`` (any shape) to ``a = g(z)`` elementwise. ``prime(z, a=None)`` returns ``g'(z)``;
passing the already computed ``a = g(z)`` lets sigmoid and tanh reuse it instead of recomputing. Both take
an optional ``out=`` array to write into (the network's training path reuses its arrays between steps); an
``Activation`` built from functions without ``out`` gets it added.

Softmax is the one activation that is not elementwise: its Jacobian is not diagonal, so BP1 in the form
``∇_a c ⊙ g'(z)`` does not apply to it. It is only offered together with the categorical cross-entropy cost
(``backprop.costs.softmax_cross_entropy``), which supplies the output error ``a − y`` directly.
"""

from __future__ import annotations

import inspect
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

    def __post_init__(self):
        # A user's fn(z) / prime(z, a=None) without out= still fits the network's calls.
        if not _accepts_out(self.fn):
            object.__setattr__(self, "fn", _with_out(self.fn))
        if not _accepts_out(self.prime):
            object.__setattr__(self, "prime", _with_out(self.prime))

    def __call__(self, z, out=None):
        return self.fn(z, out=out)

    def __repr__(self) -> str:
        return f"Activation({self.name!r})"


def _accepts_out(fn) -> bool:
    try:
        return "out" in inspect.signature(fn).parameters
    except (TypeError, ValueError):  # a NumPy ufunc such as np.tanh takes out=
        return isinstance(fn, np.ufunc)


def _with_out(fn):
    def call(*args, out=None):
        value = fn(*args)
        if out is None:
            return value
        np.copyto(out, value)
        return out

    call.__wrapped__ = fn
    return call


def _array(shape, out):
    """``out``, or a new array of ``shape`` when there is none."""
    return np.empty(shape) if out is None else out


def _sigmoid(z, out=None):
    # 1/(1+exp(-z)) overflows in exp for z < -709; the limit 1/(1+inf) = 0 is the right value, so the
    # overflow warning is silenced rather than the formula changed. Finite for every finite z.
    # Computed in place in one array: this runs on every layer of every step.
    with np.errstate(over="ignore"):
        a = np.negative(z, out=_array(np.shape(z), out))
        np.exp(a, out=a)
        a += 1.0
        return np.reciprocal(a, out=a)


def _sigmoid_prime(z, a=None, out=None):
    a = _sigmoid(z) if a is None else a
    g_prime = np.subtract(1.0, a, out=_array(np.shape(a), out))
    g_prime *= a  # σ(1 − σ), in place
    return g_prime


def _tanh(z, out=None):
    return np.tanh(z, out=out)


def _tanh_prime(z, a=None, out=None):
    a = np.tanh(z) if a is None else a
    g_prime = np.square(a, out=_array(np.shape(a), out))
    np.subtract(1.0, g_prime, out=g_prime)  # 1 − tanh², in place
    return g_prime


def _relu(z, out=None):
    return np.maximum(z, 0.0, out=out)


def _relu_prime(z, a=None, out=None):
    # The derivative at exactly 0 is taken as 0 (any value in [0, 1] is a subgradient).
    if out is None:
        return (z > 0).astype(np.float64)
    return np.greater(z, 0.0, out=out)


def _identity(z, out=None):
    if out is None:
        return np.asarray(z, dtype=np.float64)
    np.copyto(out, z)
    return out


def _identity_prime(z, a=None, out=None):
    g_prime = _array(np.shape(z), out)
    g_prime.fill(1.0)
    return g_prime


def _softmax(z, out=None):
    """Column-wise softmax: each column (example) of ``z`` is mapped to a probability vector."""
    a = np.subtract(z, np.max(z, axis=0, keepdims=True), out=_array(np.shape(z), out))
    np.exp(a, out=a)
    a /= np.sum(a, axis=0, keepdims=True)
    return a


def _softmax_prime(z, a=None, out=None):
    raise TypeError(
        "softmax has no elementwise derivative g'(z) (its Jacobian is not diagonal); "
        "use it only as the output of cost='softmax_cross_entropy', whose output error is a − y"
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
    act = choice("activation", name, ACTIVATIONS, "activation")
    if not isinstance(act, Activation):
        raise TypeError(f"activation must be a name in {sorted(ACTIVATIONS)} or an Activation, got {name!r}")
    return act
