"""SymPy's derivatives of the concrete activations, and their NumPy forms for comparison with the package."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Callable

import sympy as sp

from .. import _validate
from .functions import Sigmoid, act_prime
from .latex import latex

#: Per activation: g(z) as SymPy writes it, the closed form of g' in terms of g, and that form for display.
_FORMS = {
    "sigmoid": (lambda z: 1 / (1 + sp.exp(-z)), lambda g: g * (1 - g), r"\sigma(z)\left(1 - \sigma(z)\right)"),
    "tanh": (sp.tanh, lambda g: 1 - g**2, r"1 - \tanh^{2}(z)"),
}


@dataclass(repr=False)
class ActivationDerivative:
    """SymPy's derivative of a concrete activation.

    ``z``: the variable; ``expr``: ``g(z)`` (sigmoid written ``1/(1 + e^{-z})``, tanh SymPy's ``tanh``);
    ``derivative``: ``sympy.diff(expr, z)``; ``closed_form``: ``g(1 − g)`` or ``1 − g²``; ``fn``, ``prime``:
    NumPy functions lambdified from ``expr`` and ``derivative`` (arrays in, arrays out).
    ``holds()``: ``derivative = closed_form`` decided by ``cancel`` on the ``exp`` forms, and (sigmoid) the
    rule :class:`Sigmoid` uses agrees with it.
    """

    name: str
    z: sp.Symbol
    expr: sp.Expr
    derivative: sp.Expr
    closed_form: sp.Expr
    fn: Callable = field(compare=False)
    prime: Callable = field(compare=False)

    def holds(self) -> bool:
        z = self.z
        ok = sp.cancel(sp.together((self.derivative - self.closed_form).rewrite(sp.exp))) == 0
        if self.name == "sigmoid":
            rule = sp.diff(Sigmoid(z), z).rewrite(sp.exp)
            ok = ok and sp.cancel(sp.together(rule - self.derivative)) == 0
        else:
            ok = ok and sp.expand(sp.diff(sp.tanh(z), z) - act_prime("tanh", z)) == 0
        return bool(ok)

    def latex(self) -> str:
        return (
            rf"\frac{{d}}{{dz}}\,{latex(self.expr)} = {latex(self.derivative)}"
            rf" = {_FORMS[self.name][2]}"
        )

    def _repr_latex_(self):
        return "$$" + self.latex() + "$$"

    def _repr_markdown_(self):
        return "$$\n" + self.latex() + "\n$$"

    def __repr__(self) -> str:
        return (
            f"ActivationDerivative({self.name}: d/dz {sp.sstr(self.expr)} = {sp.sstr(self.derivative)}; "
            f"holds: {self.holds()})"
        )


def activation_derivative(name) -> ActivationDerivative:
    """SymPy's derivative of activation ``name`` (``"sigmoid"`` or ``"tanh"``) and its lambdified form."""
    _validate.one_of(name, "activation", tuple(_FORMS))
    z = sp.Symbol("z", real=True)
    g_of, closed_of, _ = _FORMS[name]
    expr = g_of(z)
    der = sp.diff(expr, z)
    return ActivationDerivative(
        name, z, expr, der, closed_of(expr), sp.lambdify(z, expr, "numpy"), sp.lambdify(z, der, "numpy")
    )
