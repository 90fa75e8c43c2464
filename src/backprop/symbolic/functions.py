"""The activations as SymPy functions, and the renaming of SymPy's ``g'`` to one atom.

With the generic activation ``g`` (an undefined SymPy ``Function``, so a result holds for every
differentiable activation), SymPy's chain rule writes ``g'(u)`` as ``Derivative(g(z), z)`` or
``Subs(Derivative(g(ξ), ξ), ξ, u)``; :func:`normalize` renames both to the single function
:class:`g_prime` ``(u)`` (a one-to-one renaming, so equality is unaffected). With ``sigmoid`` the
activation is :class:`Sigmoid`, whose rule ``σ' = σ(1 − σ)`` is itself proved from ``σ = 1/(1 + e^{-z})``
by :func:`backprop.symbolic.activation_derivative`; ``tanh`` is SymPy's own (``tanh' = 1 − tanh²``).
"""

from __future__ import annotations

import numpy as np
import sympy as sp

#: Activations :func:`backprop.symbolic.derive` accepts.
ACTIVATIONS = ("generic", "sigmoid", "tanh")
#: Costs :func:`backprop.symbolic.derive` accepts.
COSTS = ("quadratic", "cross_entropy")


class g_prime(sp.Function):
    """``g'(u)``: the derivative of the generic activation ``g``, evaluated at ``u``.

    Only a name: nothing is known about it, as nothing is known about ``g``.
    """

    nargs = 1

    def _latex(self, printer, exp=None):
        s = r"g'\left(%s\right)" % printer._print(self.args[0])
        return s if exp is None else r"\left(%s\right)^{%s}" % (s, exp)


class g(sp.Function):
    """The generic activation: nothing is known about ``g`` but that its derivative is called ``g'``,
    so whatever is proved with it holds for every differentiable activation.

    SymPy's chain rule writes the derivative of ``g(u)`` as ``g_prime(u)`` times the derivative of ``u``
    (instead of ``Subs(Derivative(g(ξ), ξ), ξ, u)``, which is the same atom under another name and several
    times slower to build); :func:`normalize` renames the long forms where they still arise.
    """

    nargs = 1

    def fdiff(self, argindex=1):
        return g_prime(self.args[0])


def sigmoid_numeric(z):
    """``σ(z)`` in NumPy, for lambdified expressions that contain :class:`Sigmoid`."""
    return 1.0 / (1.0 + np.exp(-z))


class Sigmoid(sp.Function):
    """The logistic sigmoid ``σ(u) = 1/(1 + e^{-u})``, with SymPy derivative rule ``σ' = σ(1 − σ)``.

    The rule is proved from the exponential form by ``activation_derivative("sigmoid").holds()``.
    """

    nargs = 1

    def fdiff(self, argindex=1):
        s = Sigmoid(self.args[0])
        return s * (1 - s)

    def _eval_rewrite_as_exp(self, arg, **kwargs):
        return 1 / (1 + sp.exp(-arg))

    def _latex(self, printer, exp=None):
        s = r"\sigma\left(%s\right)" % printer._print(self.args[0])
        return s if exp is None else r"%s^{%s}" % (s, exp)


#: Each activation by name: the SymPy function, the closed form of its derivative, and how g' is written.
_ACTIVATION_TABLE = {
    "generic": (g, lambda u: g_prime(u), "g'"),
    "sigmoid": (Sigmoid, lambda u: Sigmoid(u) * (1 - Sigmoid(u)), r"\sigma'"),
    "tanh": (sp.tanh, lambda u: 1 - sp.tanh(u) ** 2, r"\tanh'"),
}


def act(name):
    """The SymPy function of the activation called ``name``."""
    return _ACTIVATION_TABLE[name][0]


def act_prime(name, u):
    """Closed form of ``g'(u)`` for the activation called ``name`` (what the equations write as g')."""
    return _ACTIVATION_TABLE[name][1](u)


def act_prime_tex(name) -> str:
    """How the derivative of activation ``name`` is written: ``g'``, ``\\sigma'`` or ``\\tanh'``."""
    return _ACTIVATION_TABLE[name][2]


def _is_gprime_subs(e) -> bool:
    if not isinstance(e, sp.Subs) or len(e.variables) != 1:
        return False
    v = e.variables[0]
    return e.expr == sp.Derivative(g(v), v)


def _is_gprime_derivative(e) -> bool:
    return (
        isinstance(e, sp.Derivative)
        and e.expr.func == g
        and len(e.variable_count) == 1
        and e.variable_count[0][1] == 1
        and e.expr.args == (e.variable_count[0][0],)
    )


def normalize(expr):
    """Rename SymPy's ``Derivative(g(s), s)`` and ``Subs(Derivative(g(ξ), ξ), ξ, u)`` to ``g_prime(·)``.

    A one-to-one renaming of the atom ``g'(u)``: two expressions are equal after it iff they were before.
    """
    expr = expr.replace(_is_gprime_subs, lambda e: g_prime(e.point[0]))
    return expr.replace(_is_gprime_derivative, lambda e: g_prime(e.variables[0]))
