"""``derive``: one equation on a concrete symbolic network, for every neuron or weight, proved by SymPy.

The left-hand sides are SymPy's derivatives of the cost, the right-hand sides the closed form the
equation states; both come from the equation's specification (``SPECS``). Equality is decided
algebraically (``expand`` of the difference is 0, or its numerator over a common denominator is), so it is
a proof for that network, not a sample; evaluation at random points is what refutes a *wrong* form.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Callable

import numpy as np
import sympy as sp

from .. import _validate
from . import bp1, bp2, bp3, bp4
from .functions import sigmoid_numeric
from .latex import display, rows
from .symbolic_network import SymbolicNetwork, check_sizes, network

#: The four equations' specifications, by number.
SPECS = {s.number: s for s in (bp1.SPEC, bp2.SPEC, bp3.SPEC, bp4.SPEC)}
#: Closed-form variants per equation: ``"correct"`` and deliberately wrong ones (see :func:`derive`).
VARIANTS = {n: tuple(s.variants) for n, s in SPECS.items()}
EQUATION_NAMES = {n: s.name for n, s in SPECS.items()}


def equation_spec(equation):
    """The specification of BP``equation``; ``ValueError`` unless ``equation`` is 1, 2, 3 or 4."""
    return SPECS[_validate.integer(equation, "equation (BP1–BP4)", 1, 4)]


# -- deciding equality ----------------------------------------------------------------------------------
def _algebraic_zero(diff) -> bool:
    """True when ``diff`` is identically 0 as a rational function of its atoms (symbols, g(·), g'(·), σ(·))."""
    diff = sp.expand(diff)
    if diff == 0:
        return True
    return sp.expand(sp.numer(sp.together(diff))) == 0


def _numeric_env(net, rng):
    """Random values for all free symbols, and a NumPy namespace in which generic g is a concrete function."""
    vals = {}
    for s in net.x:
        vals[s] = rng.uniform(-1, 1)
    for s in net.y:
        vals[s] = rng.uniform(0.1, 0.9)
    for w, b in zip(net.W, net.B):
        for s in list(w) + list(b):
            vals[s] = rng.uniform(-1, 1)
    # generic g: a concrete, non-special stand-in with values in (0, 1) so the cross-entropy is defined
    modules = [
        {"g": lambda u: 0.5 + 0.4 * np.sin(u), "g_prime": lambda u: 0.4 * np.cos(u), "Sigmoid": sigmoid_numeric},
        "numpy",
    ]
    return vals, modules


def _numeric(net, exprs, n_points=3, seed=0):
    """Values of each expression at ``n_points`` random points: array of shape (len(exprs), n_points)."""
    rng = np.random.default_rng(seed)
    out = np.empty((len(exprs), n_points))
    fn = syms = None
    for point in range(n_points):
        vals, modules = _numeric_env(net, rng)
        if fn is None:
            syms = list(vals)
            fn = sp.lambdify(syms, list(exprs), modules=modules, cse=True)
        out[:, point] = np.asarray(fn(*[vals[s] for s in syms]), dtype=np.float64)
    return out


# -- the result -------------------------------------------------------------------------------------------
@dataclass
class Entry:
    """One instance of an equation: ``key`` is ``(l, j)`` (BP1–BP3) or ``(l, j, k)`` (BP4), 1-based.

    ``lhs``: SymPy's derivative of the cost; ``rhs``: the closed form; ``lhs_tex``: e.g.
    ``\\frac{\\partial c_x}{\\partial w^{[2]}_{12}}``; ``rhs_tex``: the closed form in the notation, e.g.
    ``a^{[1]}_{2}\\, e^{[2]}_{1}`` (``None`` for a user-supplied closed form); ``status``: ``"proved"``,
    ``"refuted"`` or ``"undecided"`` once checked.
    """

    key: tuple
    lhs: sp.Expr
    rhs: sp.Expr
    lhs_tex: str
    rhs_tex: str | None = None
    status: str | None = None
    residual: float | None = None


_MARK = {"proved": r"\checkmark", "refuted": r"\times", "undecided": "?"}


@dataclass
class Derivation:
    """BP``equation`` derived by SymPy on one network, for every neuron (BP1–BP3) or weight (BP4).

    ``entries``: list of :class:`Entry`; ``derived`` / ``closed_form``: dicts ``key -> expression`` (LHS
    differentiated from the cost / RHS the equation states), keys ``(l, j)`` or ``(l, j, k)``, 1-based.
    ``skipped``: keys where a wrong variant is undefined (an index outside the layer), not compared.
    ``holds()`` is True only when every entry is proved (algebraic identity). ``check()`` also refutes
    non-identities by evaluation at random points.
    Shown in a notebook as a few representative entries (``latex(max_entries=3)``), each SymPy's
    derivative broken into rows that fit the book's column, then the closed form, marked ✓ or ✗.
    """

    equation: int
    net: SymbolicNetwork
    variant: str
    entries: list
    skipped: list = field(default_factory=list)
    _checked: bool = False

    @property
    def spec(self):
        return SPECS[self.equation]

    @property
    def derived(self):
        return {e.key: e.lhs for e in self.entries}

    @property
    def closed_form(self):
        return {e.key: e.rhs for e in self.entries}

    @property
    def statement(self) -> str:
        """The equation, in general form, as LaTeX."""
        return self.spec.statement

    def check(self, n_points=3, seed=0):
        """Decide every entry: ``"proved"`` if ``lhs − rhs`` is algebraically 0 (``expand``, or the numerator
        over a common denominator), ``"refuted"`` if it is nonzero at a random point (for generic ``g``, with
        ``g(u) = 0.5 + 0.4 sin u`` as the counterexample activation), else ``"undecided"``. Returns ``self``.
        """
        if self._checked:
            return self
        pending = []
        for e in self.entries:
            if sp.expand(e.lhs - e.rhs) == 0:
                e.status = "proved"
            else:
                pending.append(e)
        if pending:
            # a numeric counterexample refutes; only when there is none is the slower algebra tried
            both = _numeric(self.net, [e.lhs - e.rhs for e in pending] + [e.lhs for e in pending], n_points, seed)
            vals, scale = both[: len(pending)], 1 + np.abs(both[len(pending) :])
            for e, v, s in zip(pending, vals, scale):
                e.residual = float(np.max(np.abs(v) / s))
                if e.residual > 1e-9:
                    e.status = "refuted"
                else:
                    e.status = "proved" if _algebraic_zero(e.lhs - e.rhs) else "undecided"
        self._checked = True
        return self

    def holds(self) -> bool:
        """True iff every compared entry is proved equal (structural/algebraic, not sampled)."""
        self.check()
        return bool(self.entries) and all(e.status == "proved" for e in self.entries)

    @property
    def status(self) -> dict:
        """Counts of entries by status, e.g. ``{"proved": 6}``."""
        self.check()
        out = {}
        for e in self.entries:
            out[e.status] = out.get(e.status, 0) + 1
        return out

    def representative(self, max_entries=3):
        """A few entries spread over the layers (first, last, and some in between)."""
        n = len(self.entries)
        if n <= max_entries:
            return list(self.entries)
        if max_entries <= 1:
            return [self.entries[0]]
        idx = sorted({round(i * (n - 1) / (max_entries - 1)) for i in range(max_entries)})
        return [self.entries[i] for i in idx]

    # -- display --------------------------------------------------------------------------------------------
    def summary(self) -> str:
        """One sentence: the equation, the network, and how many entries were proved (plain text)."""
        net, counts = self.net, self.status
        variant = "" if self.variant == "correct" else f" ({self.variant.replace('_', ' ')} form)"
        g_name = "generic g" if net.activation == "generic" else net.activation
        verdict = ", ".join(f"{v} {k}" for k, v in counts.items())
        return (
            f"{self.spec.name}{variant} on the symbolic {list(net.sizes)} network ({g_name}, "
            f"{net.cost_name.replace('_', '-')} cost): {verdict} of {len(self.entries)} "
            f"{self.spec.instance_word}"
        )

    def latex(self, max_entries=3) -> str:
        """An ``aligned`` block: for each shown entry, SymPy's derivative (written with ``z``, ``a``, broken
        into rows that fit the column) and the closed form, marked ✓ (proved) or ✗ (refuted)."""
        self.check()
        net, name = self.net, self.spec.name
        lines = []
        for n, e in enumerate(self.representative(max_entries)):
            rhs = e.rhs_tex if e.rhs_tex is not None else net.latex(e.rhs)
            parts = rows(net.fold(e.lhs), net.names)
            gap = r"[6pt]" if n else ""
            lines.append(gap + rf"{e.lhs_tex} &\overset{{\text{{SymPy}}}}{{=}} {parts[0]}")
            lines += [rf"&\qquad {part}" for part in parts[1:]]
            rel = "=" if e.status == "proved" else r"\neq"
            lines.append(rf"&\overset{{\text{{{name}}}}}{{{rel}}} {rhs} \quad {_MARK[e.status]}")
        return display(lines)

    def _repr_latex_(self):
        return "$$" + self.latex() + "$$"

    def _repr_markdown_(self):
        shown = min(3, len(self.entries))
        more = "" if shown == len(self.entries) else f" ({shown} shown)"
        return f"{self.summary()}{more}:\n\n$$\n{self.latex()}\n$$"

    def __repr__(self):
        return (
            f"Derivation(BP{self.equation}, sizes={self.net.sizes}, activation={self.net.activation!r}, "
            f"cost_function={self.net.cost_name!r}, variant={self.variant!r}, entries={len(self.entries)})"
        )


def _custom(closed_form, net, key):
    """``closed_form(net, *key)`` as a SymPy expression; a clear error if it takes other arguments or returns
    something else (an ``IndexError`` passes through: the key does not exist for this form)."""
    args = ", ".join(("net",) + tuple("ljk"[: len(key)]))
    try:
        value = closed_form(net, *key)
    except TypeError as exc:
        raise TypeError(f"closed_form must be called as f({args}) for this equation; it raised: {exc}") from None
    try:
        value = sp.sympify(value, strict=True)
    except sp.SympifyError:
        pass
    return _validate.instance(value, sp.Expr, f"closed_form({args})", "a SymPy expression or a number")


def derive(
    equation,
    sizes=(2, 3, 2),
    activation="generic",
    cost_function="quadratic",
    variant="correct",
    closed_form: Callable | None = None,
) -> Derivation:
    """Derive BP``equation`` (1–4) on the network ``sizes`` by differentiating the cost with SymPy.

    ``activation``: ``"generic"`` (undefined ``g``), ``"sigmoid"`` or ``"tanh"``; ``cost_function``: ``"quadratic"``
    (``½Σ(a − y)²``) or ``"cross_entropy"`` (``−Σ[y ln a + (1−y) ln(1−a)]``).
    ``variant`` picks the closed form: ``"correct"`` or a deliberately wrong one —
    BP1 ``"post_slip"`` (``g'(z_j^[L-1])``), BP1 ``"no_half"`` (``2(a − y)``, quadratic cost only),
    BP2 ``"no_transpose"`` (``w_jk`` for ``w_kj``), BP4 ``"post_slip"`` (``a_j^[l-1]`` for ``a_k^[l-1]``).
    Wrong variants are compared only where their indices exist (the others are listed in ``skipped``).
    ``closed_form``: instead, a callable ``f(net, *key) -> sympy expression`` (``net`` is the
    :class:`SymbolicNetwork`, use its 1-based accessors; ``key = (l, j)`` or ``(l, j, k)``).
    Returns a :class:`Derivation` (call ``.holds()``).
    """
    eq = equation_spec(equation)
    net = network(sizes, activation, cost_function)
    if closed_form is None:
        _validate.one_of(variant, f"variant for {eq.name}", tuple(eq.variants))
        form = eq.variants[variant]
        if cost_function not in form.costs:
            raise ValueError(
                f"variant {variant!r} ({form.description}) is about the "
                f"{' or '.join(form.costs)} cost; use cost_function={form.costs[0]!r}"
            )
    else:
        _validate.function(closed_form, "closed_form, f(net, *key),")
        _validate.matches(variant, "correct", "variant (a closed_form replaces the variants; pass one or the other)")
    if eq.needs_hidden_layer:
        _validate.layer_sizes(net.sizes, error=ValueError, at_least=3, why=f"{eq.name} needs a hidden layer")
    entries, skipped = [], []
    for key in eq.keys(net):
        try:
            if closed_form is None:
                rhs, rhs_tex = form.closed_form(net, key)
            else:
                rhs, rhs_tex = _custom(closed_form, net, key), None
        except IndexError:
            skipped.append(key)
            continue
        entries.append(Entry(key, eq.lhs(net, key), rhs, eq.lhs_tex(key), rhs_tex))
    if not entries:
        raise ValueError(f"variant {variant!r} of {eq.name} is defined for no neuron of sizes {list(net.sizes)}")
    return Derivation(eq.number, net, variant if closed_form is None else "custom", entries, skipped)


def derive_all(sizes=(2, 3, 2), activation="generic", cost_function="quadratic") -> dict:
    """``{1: derive(1, ...), ..., 4: derive(4, ...)}`` (BP2 omitted when the network has no hidden layer)."""
    L = len(check_sizes(sizes)) - 1
    return {
        n: derive(n, sizes, activation, cost_function) for n, s in SPECS.items() if L >= 2 or not s.needs_hidden_layer
    }


__all__ = ["SPECS", "VARIANTS", "Entry", "Derivation", "derive", "derive_all", "equation_spec"]
