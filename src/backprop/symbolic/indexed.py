"""Derivations with symbolic layer widths: ``IndexedBase``, ``Sum`` and ``KroneckerDelta``.

Each equation's module writes its own steps with the helpers here; :class:`IndexedDerivation` holds and
shows the result (and decides ``derived = closed form``).
"""

from __future__ import annotations

from dataclasses import dataclass

import sympy as sp

from .functions import normalize
from .latex import display, frac_d, latex, text

#: Neuron indices and layer widths (``n_{l-1}``, ``n_l``, ``n_{l+1}``, ``n_L``), as SymPy symbols.
i, j, k, p = sp.symbols("i j k p", integer=True, positive=True)
n_prev, n_l, n_next = sp.symbols("n_{l-1} n_l n_{l+1}", integer=True, positive=True)
n_L = sp.Symbol("n_L", integer=True, positive=True)
_m = sp.Symbol("m", integer=True, nonnegative=True)


def bases(*labels):
    """``IndexedBase`` objects labelled as the book writes them, e.g. ``bases("w^{[l]}", "e^{[l]}")``."""
    return tuple(sp.IndexedBase(s) for s in labels)


def resolve_range(expr, bounds):
    """Drop SymPy's ``Piecewise((value, index in range), (0, True))`` when the range condition holds.

    ``bounds``: pairs ``(index, width)`` meaning ``1 <= index <= width`` (a neuron of that layer). The
    condition is checked, not assumed: it must become ``True`` once each ``width = index + m`` (``m >= 0``).
    """

    def pick(*args):
        value, cond = args[0]
        rest = cond.subs({n: ix + _m for ix, n in bounds})
        if rest is not sp.true:
            raise ValueError(f"cannot show the range condition {cond} from {bounds}")
        return value

    return expr.replace(sp.Piecewise, pick)


def tex(expr) -> str:
    """An indexed expression in the book's notation (``g'`` as one atom, indices as ``w^{[l]}_{jk}``)."""
    return latex(normalize(expr))


d = frac_d  # ∂num/∂den, as the steps write it


@dataclass
class IndexedDerivation:
    """BP``equation`` for any layer widths (``n_{l-1}, n_l, n_{l+1}`` are symbols).

    ``steps``: list of ``(words, latex)`` pairs, each the result of a SymPy computation (``words`` may hold
    ``$math$``); ``derived``: the final expression SymPy reached; ``closed_form``: the equation's
    right-hand side; ``holds()``: ``derived − closed_form`` is 0 (``expand``, with sums' constant factors
    pulled out by ``factor_terms``).
    """

    equation: int
    steps: list
    derived: sp.Expr
    closed_form: sp.Expr
    lhs_tex: str
    #: the equation's right-hand side as the book writes it (e.g. BP1's ``∂c_x/∂a_j · g'(z_j)``), shown in
    #: the last line before ``closed_form`` when the two differ
    rhs_tex: str = ""

    def holds(self) -> bool:
        diff = sp.factor_terms(sp.expand(self.derived - self.closed_form))
        return diff == 0 or sp.expand(sp.factor_terms(self.derived) - sp.factor_terms(self.closed_form)) == 0

    def latex(self) -> str:
        rows = []
        for words, math in self.steps:
            rows.append("&" + text(words))
            rows.append(r"&\qquad " + math)
        mark = r"\checkmark" if self.holds() else r"\times"
        rhs = f"{self.rhs_tex} = {tex(self.closed_form)}" if self.rhs_tex else tex(self.closed_form)
        rows.append(r"&" + text("so ") + rf"\quad {self.lhs_tex} = {rhs}\quad {mark}")
        return display(rows)

    def _repr_latex_(self):
        return "$$" + self.latex() + "$$"

    def _repr_markdown_(self):
        return "$$\n" + self.latex() + "\n$$"

    def __repr__(self):
        return (
            f"IndexedDerivation(BP{self.equation}, symbolic layer widths, {len(self.steps)} steps, "
            f"holds={self.holds()})"
        )


def broken(*pieces) -> str:
    """Several ``= …`` pieces of one step, each on its own row of the display."""
    return r"\\&\qquad\quad ".join(pieces)
