"""The chain-rule step behind each equation, computed by SymPy on an undefined cost function ``c``.

Each equation's module builds its composite and the expected chain-rule sum; :class:`ChainRuleStep` holds
and shows the result.
"""

from __future__ import annotations

from dataclasses import dataclass

import sympy as sp

from .latex import display

#: The undefined cost: a step proved with it holds for every cost.
c = sp.Function("c")


@dataclass
class ChainRuleStep:
    """The chain-rule step a proof uses, computed by SymPy on an undefined cost function ``c``.

    ``computed``: SymPy's derivative of the composite; ``expected``: the chain-rule product/sum written
    out term by term from partial derivatives; ``lines``: LaTeX rows for the Proofs chapter (the rule,
    then SymPy's result in the notation); ``holds()``: ``computed − expected`` expands to 0.
    """

    equation: int
    computed: sp.Expr
    expected: sp.Expr
    lines: list

    def holds(self) -> bool:
        return sp.expand(self.computed - self.expected) == 0

    def latex(self) -> str:
        return display(self.lines)

    def _repr_latex_(self):
        return "$$" + self.latex() + "$$"

    def _repr_markdown_(self):
        return "$$\n" + self.latex() + "\n$$"

    def __repr__(self):
        return f"ChainRuleStep(BP{self.equation}, holds={self.holds()})"


def partials_as_symbols(expr, names):
    """Replace SymPy's partial derivatives of ``c`` by display symbols: ``names[i]`` for argument ``i``."""

    def is_partial(e):
        return isinstance(e, sp.Subs) and isinstance(e.expr, sp.Derivative) and e.expr.expr.func == c

    def sym(e):
        der = e.expr
        return names[der.expr.args.index(der.variables[0])]

    expr = expr.replace(is_partial, sym)
    return expr.replace(
        lambda e: isinstance(e, sp.Derivative) and e.expr.func == c,
        lambda e: names[e.expr.args.index(e.variables[0])],
    )
