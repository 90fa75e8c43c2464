"""SymPy derives the four backpropagation equations from the cost, and checks them.

For a network of given ``sizes`` whose inputs, weights, biases and targets are all symbols, SymPy
differentiates the per-example cost ``c_x`` with respect to every ``z_j^[l]``, ``b_j^[l]`` and ``w_jk^[l]``
(the left-hand sides), builds the right-hand side each equation states, and decides that the two are
equal. The decision is algebraic (``expand`` of the difference is ``0``, or its numerator over a common
denominator is), so it is a proof for that network, not a sample; evaluation at random points is offered
as a second, independent check and is what shows a *wrong* closed form fails.

Notation (as in the book): layers ``1..L``, ``a^[0] = x``; ``w_jk^[l]`` is the weight to neuron ``j`` of
layer ``l`` from neuron ``k`` of layer ``l-1``; ``z^[l] = w^[l] a^[l-1] + b^[l]``, ``a^[l] = g(z^[l])``;
``e_j^[l] = ∂c_x/∂z_j^[l]``. Indices in this API are 1-based, like the notation.

Representations. With the generic activation ``g`` (an undefined SymPy ``Function``, so a result holds for
every differentiable activation), SymPy's chain rule writes ``g'(u)`` as ``Derivative(g(z), z)`` or
``Subs(Derivative(g(ξ), ξ), ξ, u)``; :func:`normalize` renames both to the single function
:class:`g_prime` ``(u)`` (a one-to-one renaming, so equality is unaffected). With ``sigmoid`` the
activation is the function :class:`Sigmoid`, whose derivative rule ``σ' = σ(1 − σ)`` is itself proved from
``σ = 1/(1 + e^{-z})`` by :func:`activation_derivative`; ``tanh`` is SymPy's own (``tanh' = 1 − tanh²``).

Main entry points: :func:`derive` (one equation on a concrete network), :func:`indexed_derivation`
(``bp1_indexed`` … ``bp4_indexed``: symbolic layer widths with ``IndexedBase``/``Sum``/``KroneckerDelta``),
:func:`chain_rule_step` (the chain-rule step each proof uses) and :func:`activation_derivative`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from typing import Callable

import numpy as np
import sympy as sp

__all__ = [
    "ACTIVATIONS",
    "COSTS",
    "VARIANTS",
    "g",
    "g_prime",
    "Sigmoid",
    "normalize",
    "SymbolicNetwork",
    "network",
    "Entry",
    "Derivation",
    "derive",
    "derive_all",
    "IndexedDerivation",
    "indexed_derivation",
    "bp1_indexed",
    "bp2_indexed",
    "bp3_indexed",
    "bp4_indexed",
    "ChainRuleStep",
    "chain_rule_step",
    "ActivationDerivative",
    "activation_derivative",
]

#: Activations :func:`derive` accepts.
ACTIVATIONS = ("generic", "sigmoid", "tanh")
#: Costs :func:`derive` accepts.
COSTS = ("quadratic", "cross_entropy")
#: Closed-form variants per equation: ``"correct"`` and deliberately wrong ones (see :func:`derive`).
VARIANTS = {
    1: ("correct", "post_slip", "no_half"),
    2: ("correct", "no_transpose"),
    3: ("correct",),
    4: ("correct", "post_slip"),
}
EQUATION_NAMES = {1: "BP1", 2: "BP2", 3: "BP3", 4: "BP4"}

# --------------------------------------------------------------------------------------------------------
# Activations as SymPy functions
# --------------------------------------------------------------------------------------------------------

#: The generic activation: an undefined function, so whatever is proved with it holds for any ``g``.
g = sp.Function("g")


class g_prime(sp.Function):
    """``g'(u)``: the derivative of the generic activation ``g``, evaluated at ``u``.

    Only a name: :func:`normalize` puts it where SymPy's chain rule wrote ``Derivative``/``Subs`` of ``g``.
    """

    nargs = 1

    def _latex(self, printer, exp=None):
        s = r"g'\left(%s\right)" % printer._print(self.args[0])
        return s if exp is None else r"\left(%s\right)^{%s}" % (s, exp)


def _sigmoid_numeric(z):
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


def _act(name):
    return {"generic": g, "sigmoid": Sigmoid, "tanh": sp.tanh}[name]


def _act_prime(name, u):
    """Closed form of ``g'(u)`` for the activation called ``name`` (what the equations write as g')."""
    if name == "generic":
        return g_prime(u)
    if name == "sigmoid":
        return Sigmoid(u) * (1 - Sigmoid(u))
    return 1 - sp.tanh(u) ** 2


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


def _check_equation(equation):
    if isinstance(equation, bool) or not isinstance(equation, (int, np.integer)) or equation not in (1, 2, 3, 4):
        raise ValueError(f"equation must be one of 1, 2, 3, 4 (BP1–BP4), got {equation!r}")
    return int(equation)


def _check_name(kind, value, valid):
    if value not in valid:
        raise ValueError(f"unknown {kind} {value!r}; valid: {', '.join(map(repr, valid))}")


def _check_sizes(sizes):
    try:
        sizes = tuple(sizes)
    except TypeError:
        raise ValueError(f"sizes must be a sequence of layer widths like (2, 3, 2), got {sizes!r}") from None
    if len(sizes) < 2 or not all(
        isinstance(n, (int, np.integer)) and not isinstance(n, bool) and n >= 1 for n in sizes
    ):
        raise ValueError(
            "sizes must list at least two layer widths (input, ..., output), each a positive integer, "
            f"e.g. (2, 3, 2); got {sizes!r}"
        )
    return tuple(int(n) for n in sizes)


def _idx(*ix) -> str:
    """Subscript text for indices: ``12`` when all are single digits, else ``1,12``."""
    return "".join(map(str, ix)) if all(i < 10 for i in ix) else ",".join(map(str, ix))


# --------------------------------------------------------------------------------------------------------
# The symbolic network
# --------------------------------------------------------------------------------------------------------


class SymbolicNetwork:
    """A network whose inputs ``x``, weights, biases and targets ``y`` are SymPy symbols.

    ``sizes = (n_0, ..., n_L)``. ``W[l]`` is a SymPy ``Matrix`` of shape ``(n_l, n_{l-1})``, ``B[l]`` of shape
    ``(n_l, 1)``, for ``l = 1..L`` (index 0 unused). ``Z[l]``, ``A[l]``: lists of the forward expressions of
    ``z^[l]``, ``a^[l]`` in terms of ``x, w, b`` (``A[0] = x``). ``zs[l]``, ``as_[l]``: plain symbols
    ``z_j^[l]``, ``a_j^[l]`` (used as free variables and for display). ``cost``: ``c_x`` as an expression in
    ``x, w, b, y``. Accessors ``w(l, j, k)``, ``b(l, j)``, ``a(l, k)``, ``z(l, j)``, ``e(l, j)``,
    ``g_prime(l, j)``, ``dc_da(j)`` are 1-based and raise ``IndexError`` outside the network.
    """

    def __init__(self, sizes=(2, 3, 2), activation="generic", cost="quadratic"):
        self.sizes = _check_sizes(sizes)
        _check_name("activation", activation, ACTIVATIONS)
        _check_name("cost", cost, COSTS)
        self.activation, self.cost_name = activation, cost
        self.L = L = len(self.sizes) - 1
        self.act = _act(activation)
        self.names = {}  # symbol -> LaTeX, for display

        def sym(plain, tex):
            s = sp.Symbol(plain, real=True)
            self.names[s] = tex
            return s

        n = self.sizes
        self.x = [sym(f"x_{k}", f"x_{{{k}}}") for k in range(1, n[0] + 1)]
        self.y = [sym(f"y_{j}", f"y_{{{j}}}") for j in range(1, n[L] + 1)]
        self.W = [None] + [
            sp.Matrix(n[l], n[l - 1], lambda j, k: sym(f"w{l}_{j+1}_{k+1}", f"w^{{[{l}]}}_{{{_idx(j+1, k+1)}}}"))
            for l in range(1, L + 1)
        ]
        self.B = [None] + [
            sp.Matrix(n[l], 1, lambda j, _: sym(f"b{l}_{j+1}", f"b^{{[{l}]}}_{{{_idx(j+1)}}}"))
            for l in range(1, L + 1)
        ]
        self.zs = [None] + [
            [sym(f"z{l}_{j}", f"z^{{[{l}]}}_{{{_idx(j)}}}") for j in range(1, n[l] + 1)] for l in range(1, L + 1)
        ]
        self.as_ = [[sym(f"a0_{k}", f"a^{{[0]}}_{{{_idx(k)}}}") for k in range(1, n[0] + 1)]] + [
            [sym(f"a{l}_{j}", f"a^{{[{l}]}}_{{{_idx(j)}}}") for j in range(1, n[l] + 1)] for l in range(1, L + 1)
        ]
        # forward pass in terms of x, w, b
        self.A = [list(self.x)]
        self.Z = [None]
        for l in range(1, L + 1):
            zl = list(self.W[l] * sp.Matrix(self.A[l - 1]) + self.B[l])
            self.Z.append(zl)
            self.A.append([self.act(u) for u in zl])
        self.cost = self.cost_of(self.A[L])
        self._e = {}

    # -- the cost ---------------------------------------------------------------------------------------
    def cost_of(self, aL):
        """``c_x`` as a function of the output activations ``aL`` (a list of length ``n_L``)."""
        if self.cost_name == "quadratic":
            return sp.Rational(1, 2) * sum((a - y) ** 2 for a, y in zip(aL, self.y))
        return -sum(y * sp.log(a) + (1 - y) * sp.log(1 - a) for a, y in zip(aL, self.y))

    def dc_da(self, j):
        """Closed form of ``∂c_x/∂a_j^[L]`` (quadratic: ``a − y``; cross-entropy: ``(a − y)/(a(1 − a))``)."""
        a, y = self.a(self.L, j), self.y[self._check(j, self.sizes[-1])]
        if self.cost_name == "quadratic":
            return a - y
        return (a - y) / (a * (1 - a))

    def cost_from_z(self, l):
        """``c_x`` with ``z^[l]`` as free symbols ``zs[l]``, carried forward through layers ``l+1..L``."""
        a = [self.act(s) for s in self.zs[l]]
        for m in range(l + 1, self.L + 1):
            a = [self.act(u) for u in self.W[m] * sp.Matrix(a) + self.B[m]]
        return self.cost_of(a)

    # -- 1-based accessors (x-domain expressions) ------------------------------------------------------
    @staticmethod
    def _check(i, n):
        if not (isinstance(i, (int, np.integer)) and 1 <= i <= n):
            raise IndexError(f"index {i!r} out of range 1..{n}")
        return int(i) - 1

    def _layer(self, l, lo=1):
        if not (isinstance(l, (int, np.integer)) and lo <= l <= self.L):
            raise IndexError(f"layer {l!r} out of range {lo}..{self.L}")
        return int(l)

    def w(self, l, j, k):
        l = self._layer(l)
        return self.W[l][self._check(j, self.sizes[l]), self._check(k, self.sizes[l - 1])]

    def b(self, l, j):
        l = self._layer(l)
        return self.B[l][self._check(j, self.sizes[l])]

    def a(self, l, k):
        """``a_k^[l]`` in terms of ``x, w, b`` (``l = 0`` gives ``x_k``)."""
        l = self._layer(l, lo=0)
        return self.A[l][self._check(k, self.sizes[l])]

    def z(self, l, j):
        l = self._layer(l)
        return self.Z[l][self._check(j, self.sizes[l])]

    def g_prime(self, l, j):
        """Closed form of ``g'(z_j^[l])`` in terms of ``x, w, b``."""
        return _act_prime(self.activation, self.z(l, j))

    def e(self, l, j):
        """``e_j^[l] = ∂c_x/∂z_j^[l]`` derived by SymPy (differentiate ``cost_from_z(l)``, then put
        ``z^[l] = w^[l] a^[l-1] + b^[l]``), normalized, in terms of ``x, w, b, y``. Cached."""
        l = self._layer(l)
        i = self._check(j, self.sizes[l])
        if (l, i) not in self._e:
            d = normalize(sp.diff(self._cost_from_z(l), self.zs[l][i]))
            self._e[(l, i)] = d.xreplace(dict(zip(self.zs[l], self.Z[l])))
        return self._e[(l, i)]

    def _cost_from_z(self, l):
        if not hasattr(self, "_cfz"):
            self._cfz = {}
        if l not in self._cfz:
            self._cfz[l] = self.cost_from_z(l)
        return self._cfz[l]

    # -- the same derivatives with the activation written out in exponentials --------------------------
    def e_exp(self, l, j):
        """``e_j^[l]`` derived with the activation written with ``exp`` (``σ = 1/(1+e^{-z})``,
        ``tanh = (e^z − e^{-z})/(e^z + e^{-z})``), so SymPy uses only its rules for ``exp``; ``x, w, b, y``."""
        l = self._layer(l)
        i = self._check(j, self.sizes[l])
        key = ("exp", l, i)
        if key not in self._e:
            d = sp.diff(self._cost_from_z(l).rewrite(sp.exp), self.zs[l][i])
            self._e[key] = d.xreplace({s: u.rewrite(sp.exp) for s, u in zip(self.zs[l], self.Z[l])})
        return self._e[key]

    def cost_exp(self):
        """``c_x`` with the activation written with ``exp``."""
        if "cost_exp" not in self._e:
            self._e["cost_exp"] = self.cost.rewrite(sp.exp)
        return self._e["cost_exp"]

    # -- display -----------------------------------------------------------------------------------------
    def fold(self, expr):
        """For display: write the forward expressions back as ``z_j^[l]`` and ``g(z_j^[l])`` as ``a_j^[l]``."""
        rep = {}
        for l in range(1, self.L + 1):
            rep.update(zip(self.Z[l], self.zs[l]))
        expr = expr.xreplace(rep)
        rep = {self.act(s): a for l in range(1, self.L + 1) for s, a in zip(self.zs[l], self.as_[l])}
        rep.update(zip(self.x, self.as_[0]))
        return expr.xreplace(rep)

    def latex(self, expr, fold=True) -> str:
        """LaTeX of ``expr`` with the notation's symbol names (folded for reading unless ``fold=False``)."""
        names = dict(self.names)
        return sp.latex(self.fold(expr) if fold else expr, symbol_names=names)

    def __repr__(self):
        return f"SymbolicNetwork(sizes={self.sizes}, activation={self.activation!r}, cost={self.cost_name!r})"


@lru_cache(maxsize=32)
def _network(sizes, activation, cost):
    return SymbolicNetwork(sizes, activation, cost)


def network(sizes=(2, 3, 2), activation="generic", cost="quadratic") -> SymbolicNetwork:
    """The (cached) :class:`SymbolicNetwork` for ``(sizes, activation, cost)``; validates its input."""
    sizes = _check_sizes(sizes)
    _check_name("activation", activation, ACTIVATIONS)
    _check_name("cost", cost, COSTS)
    return _network(sizes, activation, cost)


# --------------------------------------------------------------------------------------------------------
# Deciding equality
# --------------------------------------------------------------------------------------------------------


def _algebraic_zero(d) -> bool:
    """True when ``d`` is identically 0 as a rational function of its atoms (symbols, g(·), g'(·), σ(·), ...)."""
    d = sp.expand(d)
    if d == 0:
        return True
    num = sp.expand(sp.numer(sp.together(d)))
    return num == 0


def _numeric_env(net, rng):
    """Random values for all free symbols, and a NumPy namespace in which generic g is a concrete function."""
    vals = {}
    for s in net.x:
        vals[s] = rng.uniform(-1, 1)
    for s in net.y:
        vals[s] = rng.uniform(0.1, 0.9)
    for l in range(1, net.L + 1):
        for s in list(net.W[l]) + list(net.B[l]):
            vals[s] = rng.uniform(-1, 1)
    # generic g: a concrete, non-special stand-in with values in (0, 1) so the cross-entropy is defined
    modules = [
        {
            "g": lambda u: 0.5 + 0.4 * np.sin(u),
            "g_prime": lambda u: 0.4 * np.cos(u),
            "Sigmoid": lambda u: 1.0 / (1.0 + np.exp(-u)),
        },
        "numpy",
    ]
    return vals, modules


def _numeric(net, exprs, n_points=3, seed=0):
    """Values of each expression at ``n_points`` random points: array of shape (len(exprs), n_points)."""
    rng = np.random.default_rng(seed)
    out = np.empty((len(exprs), n_points))
    fn = syms = None
    for p in range(n_points):
        vals, modules = _numeric_env(net, rng)
        if fn is None:
            syms = list(vals)
            fn = sp.lambdify(syms, list(exprs), modules=modules, cse=True)
        out[:, p] = np.asarray(fn(*[vals[s] for s in syms]), dtype=np.float64)
    return out


# --------------------------------------------------------------------------------------------------------
# derive(): one equation, every neuron / weight
# --------------------------------------------------------------------------------------------------------


@dataclass
class Entry:
    """One instance of an equation: ``key`` is ``(l, j)`` (BP1–BP3) or ``(l, j, k)`` (BP4), 1-based.

    ``lhs``: SymPy's derivative of the cost; ``rhs``: the closed form; ``lhs_tex``: e.g.
    ``\\frac{\\partial c_x}{\\partial w^{[2]}_{12}}``; ``rhs_tex``: the closed form in the notation, e.g.
    ``a^{[1]}_{2} e^{[2]}_{1}`` (``None`` for a user-supplied closed form); ``status``: ``"proved"``,
    ``"refuted"`` or ``"undecided"`` once checked.
    """

    key: tuple
    lhs: sp.Expr
    rhs: sp.Expr
    lhs_tex: str
    rhs_tex: str | None = None
    status: str | None = None
    residual: float | None = None


def _lhs_tex(equation, key):
    l, j = key[0], key[1]
    if equation in (1, 2):
        return rf"e^{{[{l}]}}_{{{_idx(j)}}} = \frac{{\partial c_x}}{{\partial z^{{[{l}]}}_{{{_idx(j)}}}}}"
    if equation == 3:
        return rf"\frac{{\partial c_x}}{{\partial b^{{[{l}]}}_{{{_idx(j)}}}}}"
    return rf"\frac{{\partial c_x}}{{\partial w^{{[{l}]}}_{{{_idx(j, key[2])}}}}}"


def _gp_tex(net, l, j):
    return (r"g'" if net.activation == "generic" else {"sigmoid": r"\sigma'", "tanh": r"\tanh'"}[net.activation]) + (
        rf"\left(z^{{[{l}]}}_{{{_idx(j)}}}\right)"
    )


def _dcda_tex(net, j, factor=""):
    L = net.L
    if net.cost_name == "quadratic":
        return rf"{factor}\left(a^{{[{L}]}}_{{{_idx(j)}}} - y_{{{_idx(j)}}}\right)"
    a = rf"a^{{[{L}]}}_{{{_idx(j)}}}"
    return rf"\frac{{{a} - y_{{{_idx(j)}}}}}{{{a}\left(1 - {a}\right)}}"


def _closed_form(net, equation, variant, key, err=None):
    """(rhs expression, rhs LaTeX) of ``variant`` for instance ``key``; IndexError if undefined there.

    ``err(l, j)`` gives ``e_j^[l]`` (default ``net.e``, SymPy's derivative of the cost)."""
    L = net.L
    err = net.e if err is None else err
    if equation == 1:
        _, j = key
        if variant == "correct":
            return net.dc_da(j) * net.g_prime(L, j), _dcda_tex(net, j) + " " + _gp_tex(net, L, j)
        if variant == "post_slip":  # the post's g'(z_j^[l]) read with a hidden layer, l = L-1
            if L < 2:
                raise IndexError("post_slip needs a hidden layer (L >= 2)")
            return net.dc_da(j) * net.g_prime(L - 1, j), _dcda_tex(net, j) + " " + _gp_tex(net, L - 1, j)
        # no_half: the quadratic cost's derivative written without its 1/2, i.e. 2(a - y)
        return 2 * net.dc_da(j) * net.g_prime(L, j), _dcda_tex(net, j, "2") + " " + _gp_tex(net, L, j)
    if equation == 2:
        l, j = key
        n_next = net.sizes[l + 1]
        if variant == "correct":
            terms = [net.w(l + 1, k, j) * err(l + 1, k) for k in range(1, n_next + 1)]
            wtex = rf"w^{{[{l+1}]}}_{{k{j}}}"
        else:  # no_transpose: w_jk instead of w_kj
            terms = [net.w(l + 1, j, k) * err(l + 1, k) for k in range(1, n_next + 1)]
            wtex = rf"w^{{[{l+1}]}}_{{{j}k}}"
        tex = rf"\Big(\sum_{{k=1}}^{{{n_next}}} {wtex}\, e^{{[{l+1}]}}_{{k}}\Big) " + _gp_tex(net, l, j)
        return sp.Add(*terms) * net.g_prime(l, j), tex
    if equation == 3:
        l, j = key
        return err(l, j), rf"e^{{[{l}]}}_{{{_idx(j)}}}"
    l, j, k = key
    if variant == "correct":
        return net.a(l - 1, k) * err(l, j), rf"a^{{[{l-1}]}}_{{{_idx(k)}}}\, e^{{[{l}]}}_{{{_idx(j)}}}"
    # post_slip: a_j^[l-1] (the post's a_jk read as a_j) instead of a_k^[l-1]
    return net.a(l - 1, j) * err(l, j), rf"a^{{[{l-1}]}}_{{{_idx(j)}}}\, e^{{[{l}]}}_{{{_idx(j)}}}"


def _keys(net, equation):
    L, n = net.L, net.sizes
    if equation == 1:
        return [(L, j) for j in range(1, n[L] + 1)]
    if equation == 2:
        return [(l, j) for l in range(1, L) for j in range(1, n[l] + 1)]
    if equation == 3:
        return [(l, j) for l in range(1, L + 1) for j in range(1, n[l] + 1)]
    return [(l, j, k) for l in range(1, L + 1) for j in range(1, n[l] + 1) for k in range(1, n[l - 1] + 1)]


def _lhs(net, equation, key):
    if equation in (1, 2):
        return net.e(*key)
    if equation == 3:
        return normalize(sp.diff(net.cost, net.b(*key)))
    return normalize(sp.diff(net.cost, net.w(*key)))


_STATEMENTS = {
    1: r"e^{[L]}_j = \frac{\partial c_x}{\partial a^{[L]}_j}\, g'\!\left(z^{[L]}_j\right)",
    2: r"e^{[l]}_j = \Big(\sum_k w^{[l+1]}_{kj}\, e^{[l+1]}_k\Big)\, g'\!\left(z^{[l]}_j\right)",
    3: r"\frac{\partial c_x}{\partial b^{[l]}_j} = e^{[l]}_j",
    4: r"\frac{\partial c_x}{\partial w^{[l]}_{jk}} = a^{[l-1]}_k\, e^{[l]}_j",
}


@dataclass
class Derivation:
    """BP``equation`` derived by SymPy on one network, for every neuron (BP1–BP3) or weight (BP4).

    ``entries``: list of :class:`Entry`; ``derived`` / ``closed_form``: dicts ``key -> expression`` (LHS
    differentiated from the cost / RHS the equation states), keys ``(l, j)`` or ``(l, j, k)``, 1-based.
    ``skipped``: keys where a wrong variant is undefined (an index outside the layer), not compared.
    ``holds()`` is True only when every entry is proved (algebraic identity). ``check()`` also refutes
    non-identities by evaluation at random points. ``numeric_check()`` is the secondary, sampled check.
    ``latex(max_entries=3)`` / ``_repr_latex_()`` render a few representative entries for a notebook.
    """

    equation: int
    net: SymbolicNetwork
    variant: str
    entries: list
    skipped: list = field(default_factory=list)
    _checked: bool = False

    @property
    def derived(self):
        return {e.key: e.lhs for e in self.entries}

    @property
    def closed_form(self):
        return {e.key: e.rhs for e in self.entries}

    @property
    def statement(self) -> str:
        """The equation, in general form, as LaTeX."""
        return _STATEMENTS[self.equation]

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

    def holds_exp(self) -> bool:
        """Second, independent proof for ``sigmoid``/``tanh``: re-derive every left-hand side (and every
        ``e`` in the closed form) from the cost written with ``exp``, so that no derivative rule of ours
        is used, and decide ``lhs − rhs = 0`` by ``cancel(together(·))`` after rewriting the closed form with
        ``exp``. (A user-supplied ``closed_form`` is only rewritten, not re-derived.) Sigmoid: about a second
        per equation for [3, 4, 2]; tanh is slower (seconds to tens of seconds). ValueError for generic ``g``."""
        net = self.net
        if net.activation == "generic":
            raise ValueError("holds_exp needs a concrete activation ('sigmoid' or 'tanh'); generic g has no exp form")
        for e in self.entries:
            if self.equation in (1, 2):
                lhs = net.e_exp(*e.key)
            else:
                v = net.b(*e.key) if self.equation == 3 else net.w(*e.key)
                lhs = sp.diff(net.cost_exp(), v)
            if self.variant == "custom":
                rhs = e.rhs
            else:
                rhs = _closed_form(net, self.equation, self.variant, e.key, err=net.e_exp)[0]
            d = sp.together((lhs - rhs.rewrite(sp.exp)))
            if sp.expand(sp.numer(d)) != 0 and sp.cancel(d) != 0:
                return False
        return True

    def evaluate(self, network, x, y) -> dict:
        """Each entry's derived left-hand side at numbers: ``key -> float``.

        ``network`` is a numeric ``backprop.Network`` with the same ``sizes``, whose weights and biases are
        substituted; ``x`` (length ``n_0``) and ``y`` (length ``n_L``) are one example. A generic ``g`` is
        taken to be that network's hidden activation (its output activation must be the same one).
        """
        s = self.net
        if list(network.sizes) != list(s.sizes):
            raise ValueError(f"network sizes {network.sizes} differ from the derivation's {list(s.sizes)}")
        if network.g(network.L) is not network.activation:
            raise ValueError("evaluate needs one activation in every layer (a generic g stands for all of them)")
        x = np.asarray(x, dtype=float).reshape(-1)
        y = np.asarray(y, dtype=float).reshape(-1)
        if x.size != s.sizes[0] or y.size != s.sizes[-1]:
            raise ValueError(f"x must have {s.sizes[0]} entries and y {s.sizes[-1]}, got {x.size} and {y.size}")
        values = dict(zip(s.x, x)) | dict(zip(s.y, y))
        for l in range(1, s.L + 1):
            values |= dict(zip(s.W[l], network.w(l).ravel())) | dict(zip(s.B[l], network.b(l).ravel()))
        act = network.activation
        modules = [{"g": act.fn, "g_prime": act.prime, "Sigmoid": _sigmoid_numeric}, "numpy"]
        symbols = list(values)
        numbers = [values[v] for v in symbols]
        return {e.key: float(sp.lambdify(symbols, e.lhs, modules=modules)(*numbers)) for e in self.entries}

    def numeric_check(self, n_points=5, seed=1) -> float:
        """Secondary evidence: max over entries and random points of ``|lhs − rhs| / (1 + |lhs|)``."""
        n = len(self.entries)
        both = _numeric(self.net, [e.lhs - e.rhs for e in self.entries] + [e.lhs for e in self.entries], n_points, seed)
        vals, scale = both[:n], 1 + np.abs(both[n:])
        return float(np.max(np.abs(vals) / scale))

    def representative(self, max_entries=3):
        """A few entries spread over the layers (first, last, and some in between)."""
        n = len(self.entries)
        if n <= max_entries:
            return list(self.entries)
        idx = sorted({round(i * (n - 1) / (max_entries - 1)) for i in range(max_entries)}) if max_entries > 1 else [0]
        return [self.entries[i] for i in idx]

    def latex(self, max_entries=3) -> str:
        """An ``aligned`` block: for each shown entry, SymPy's derivative (written with ``z``, ``a``) and the
        closed form, marked ✓ (proved) or ✗ (refuted)."""
        self.check()
        net = self.net
        mark = {"proved": r"\checkmark", "refuted": r"\times", "undecided": "?"}
        rows = []
        for e in self.representative(max_entries):
            rhs = e.rhs_tex if e.rhs_tex is not None else net.latex(e.rhs)
            rows.append(rf"{e.lhs_tex} &= {net.latex(e.lhs)} && \text{{SymPy, from }} c_x")
            rel = "=" if e.status == "proved" else r"\neq"
            rows.append(rf"&{rel} {rhs} && \text{{{EQUATION_NAMES[self.equation]}}}\ {mark[e.status]}")
        counts = ", ".join(f"{v} {k}" for k, v in self.status.items())
        head = (
            rf"&\text{{{EQUATION_NAMES[self.equation]} ({self.variant.replace('_', ' ')}), sizes {list(net.sizes)}, "
            rf"{net.activation} activation, {net.cost_name.replace('_', ' ')} cost: {counts}}}\\"
        )
        return r"\begin{aligned}" + head + r"\\".join(rows) + r"\end{aligned}"

    def _repr_latex_(self):
        return "$$" + self.latex() + "$$"

    def __repr__(self):
        return (
            f"Derivation(BP{self.equation}, sizes={self.net.sizes}, activation={self.net.activation!r}, "
            f"cost={self.net.cost_name!r}, variant={self.variant!r}, entries={len(self.entries)})"
        )


def derive(
    equation,
    sizes=(2, 3, 2),
    activation="generic",
    cost="quadratic",
    variant="correct",
    closed_form: Callable | None = None,
) -> Derivation:
    """Derive BP``equation`` (1–4) on the network ``sizes`` by differentiating the cost with SymPy.

    ``activation``: ``"generic"`` (undefined ``g``), ``"sigmoid"`` or ``"tanh"``; ``cost``: ``"quadratic"``
    (``½Σ(a − y)²``) or ``"cross_entropy"`` (``−Σ[y ln a + (1−y) ln(1−a)]``).
    ``variant`` picks the closed form: ``"correct"`` or a deliberately wrong one —
    BP1 ``"post_slip"`` (``g'(z_j^[L-1])``), BP1 ``"no_half"`` (``2(a − y)``, quadratic cost only),
    BP2 ``"no_transpose"`` (``w_jk`` for ``w_kj``), BP4 ``"post_slip"`` (``a_j^[l-1]`` for ``a_k^[l-1]``).
    Wrong variants are compared only where their indices exist (the others are listed in ``skipped``).
    ``closed_form``: instead, a callable ``f(net, *key) -> sympy expression`` (``net`` is the
    :class:`SymbolicNetwork`, use its 1-based accessors; ``key = (l, j)`` or ``(l, j, k)``).
    Returns a :class:`Derivation` (call ``.holds()``).
    """
    equation = _check_equation(equation)
    net = network(sizes, activation, cost)
    if closed_form is None:
        _check_name(f"variant for BP{equation}", variant, VARIANTS[equation])
        if variant == "no_half" and cost != "quadratic":
            raise ValueError("variant 'no_half' (2(a − y) for ∂c/∂a) is about the quadratic cost; use cost='quadratic'")
    elif not callable(closed_form):
        raise ValueError(f"closed_form must be a callable f(net, *key), got {closed_form!r}")
    if equation == 2 and net.L < 2:
        raise ValueError(f"BP2 needs a hidden layer: sizes must have at least 3 entries, got {list(net.sizes)}")
    entries, skipped = [], []
    for key in _keys(net, equation):
        try:
            if closed_form is None:
                rhs, rhs_tex = _closed_form(net, equation, variant, key)
            else:
                rhs, rhs_tex = sp.sympify(closed_form(net, *key)), None
        except IndexError:
            skipped.append(key)
            continue
        entries.append(Entry(key, _lhs(net, equation, key), rhs, _lhs_tex(equation, key), rhs_tex))
    if not entries:
        raise ValueError(f"variant {variant!r} of BP{equation} is defined for no neuron of sizes {list(net.sizes)}")
    return Derivation(equation, net, variant if closed_form is None else "custom", entries, skipped)


def derive_all(sizes=(2, 3, 2), activation="generic", cost="quadratic") -> dict:
    """``{1: derive(1, ...), ..., 4: derive(4, ...)}`` (BP2 omitted when the network has no hidden layer)."""
    L = len(_check_sizes(sizes)) - 1
    return {eq: derive(eq, sizes, activation, cost) for eq in (1, 2, 3, 4) if eq != 2 or L >= 2}


# --------------------------------------------------------------------------------------------------------
# Symbolic layer widths: IndexedBase, Sum, KroneckerDelta
# --------------------------------------------------------------------------------------------------------

_i, _j, _k, _p = sp.symbols("i j k p", integer=True, positive=True)
_n_prev, _n_l, _n_next = sp.symbols("n_{l-1} n_l n_{l+1}", integer=True, positive=True)
_m = sp.Symbol("m", integer=True, nonnegative=True)


def _resolve_range(expr, bounds):
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


@dataclass
class IndexedDerivation:
    """BP``equation`` for any layer widths (``n_{l-1}, n_l, n_{l+1}`` are symbols).

    ``steps``: list of ``(text, latex)`` pairs, each the result of a SymPy computation; ``derived``: the
    final expression SymPy reached; ``closed_form``: the equation's right-hand side; ``holds()``:
    ``derived − closed_form`` is 0 (``expand``, with sums' constant factors pulled out by ``factor_terms``).
    """

    equation: int
    steps: list
    derived: sp.Expr
    closed_form: sp.Expr
    lhs_tex: str

    def holds(self) -> bool:
        d = sp.factor_terms(sp.expand(self.derived - self.closed_form))
        return d == 0 or sp.expand(sp.factor_terms(self.derived) - sp.factor_terms(self.closed_form)) == 0

    def latex(self) -> str:
        rows = [rf"&\text{{{t}}}\\ &\quad {x}" for t, x in self.steps]
        mark = r"\checkmark" if self.holds() else r"\times"
        rows.append(
            rf"&\text{{so}}\quad {self.lhs_tex} = {_latex_idx(self.closed_form)}\quad {mark}"
        )
        return r"\begin{aligned}" + r"\\".join(rows) + r"\end{aligned}"

    def _repr_latex_(self):
        return "$$" + self.latex() + "$$"


def _latex_idx(expr):
    return sp.latex(normalize(expr))


def _d(num, den):
    return rf"\frac{{\partial {num}}}{{\partial {den}}}"


def indexed_derivation(equation) -> IndexedDerivation:
    """BP``equation`` (1–4) derived with symbolic widths (quadratic cost for BP1; generic ``g``).

    BP1: ``c = ½ Σ_p (g(z_p^[L]) − y_p)²`` differentiated w.r.t. ``z_j^[L]``. BP2: ``z_k^[l+1] = Σ_p
    w_kp^[l+1] g(z_p^[l]) + b_k^[l+1]`` differentiated w.r.t. ``z_j^[l]`` (a ``Sum`` of ``KroneckerDelta``
    that reduces to ``w_kj^[l+1] g'(z_j^[l])``), then the chain rule over the ``n_{l+1}`` neurons of layer
    ``l+1``. BP3/BP4: ``z_i^[l] = Σ_p w_ip^[l] a_p^[l-1] + b_i^[l]`` differentiated w.r.t. ``b_j`` /
    ``w_jk`` (``δ_ij`` / ``δ_ij a_k``), then the chain rule over the ``n_l`` neurons of layer ``l``.
    """
    equation = _check_equation(equation)
    i, j, k, p = _i, _j, _k, _p
    steps = []
    if equation == 1:
        Z, Y, A = (sp.IndexedBase(s) for s in ("z^{[L]}", "y", "a^{[L]}"))
        nL = sp.Symbol("n_L", integer=True, positive=True)
        cost = sp.Rational(1, 2) * sp.Sum((g(Z[p]) - Y[p]) ** 2, (p, 1, nL))
        steps.append(("the cost as a function of the output layer's z", rf"c_x = {_latex_idx(cost)}"))
        raw = sp.diff(cost, Z[j])
        steps.append(("SymPy differentiates it", rf"{_d('c_x', 'z^{[L]}_j')} = {_latex_idx(raw)}"))
        derived = normalize(_resolve_range(raw.doit(), [(j, nL)]))
        steps.append(("the Kronecker delta picks p = j", rf"e^{{[L]}}_j = {_latex_idx(sp.factor_terms(derived))}"))
        cost_a = sp.Rational(1, 2) * sp.Sum((A[p] - Y[p]) ** 2, (p, 1, nL))
        dc_da = _resolve_range(sp.diff(cost_a, A[j]).doit(), [(j, nL)])
        steps.append(("and the same cost differentiated w.r.t. a", rf"{_d('c_x', 'a^{[L]}_j')} = {_latex_idx(dc_da)}"))
        closed = dc_da.xreplace({A[j]: g(Z[j])}) * g_prime(Z[j])
        return IndexedDerivation(1, steps, derived, closed, r"e^{[L]}_j")
    if equation == 2:
        W, Z, B, E = (sp.IndexedBase(s) for s in ("w^{[l+1]}", "z^{[l]}", "b^{[l+1]}", "e^{[l+1]}"))
        zk = sp.Sum(W[k, p] * g(Z[p]), (p, 1, _n_l)) + B[k]
        steps.append(("the next layer's input, with a = g(z)", rf"z^{{[l+1]}}_k = {_latex_idx(zk)}"))
        raw = sp.diff(zk, Z[j])
        steps.append(("SymPy differentiates it", rf"{_d('z^{[l+1]}_k', 'z^{[l]}_j')} = {_latex_idx(raw)}"))
        dzk = normalize(_resolve_range(raw.doit(), [(j, _n_l)]))
        steps.append(("the Kronecker delta picks p = j", rf"{_d('z^{[l+1]}_k', 'z^{[l]}_j')} = {_latex_idx(dzk)}"))
        chain = sp.Sum(E[k] * dzk, (k, 1, _n_next))
        steps.append(
            (
                "chain rule over the neurons k of layer l+1 (c depends on z_j^[l] only through them)",
                rf"e^{{[l]}}_j = \sum_{{k=1}}^{{n_{{l+1}}}} e^{{[l+1]}}_k {_d('z^{[l+1]}_k', 'z^{[l]}_j')} = {_latex_idx(sp.factor_terms(chain))}",
            )
        )
        closed = sp.Sum(W[k, j] * E[k], (k, 1, _n_next)) * g_prime(Z[j])
        return IndexedDerivation(2, steps, chain, closed, r"e^{[l]}_j")
    W, Aprev, B, E = (sp.IndexedBase(s) for s in ("w^{[l]}", "a^{[l-1]}", "b^{[l]}", "e^{[l]}"))
    zi = sp.Sum(W[i, p] * Aprev[p], (p, 1, _n_prev)) + B[i]
    steps.append(("the input of neuron i of layer l", rf"z^{{[l]}}_i = {_latex_idx(zi)}"))
    if equation == 3:
        var, var_tex, bounds = B[j], "b^{[l]}_j", [(j, _n_l)]
    else:
        var, var_tex, bounds = W[j, k], "w^{[l]}_{jk}", [(j, _n_l), (k, _n_prev)]
    raw = sp.diff(zi, var)
    steps.append(("SymPy differentiates it", rf"{_d('z^{[l]}_i', var_tex)} = {_latex_idx(raw)}"))
    dzi = _resolve_range(raw.doit(), bounds)
    if dzi != raw:
        steps.append(("which is", rf"{_d('z^{[l]}_i', var_tex)} = {_latex_idx(dzi)}"))
    chain = sp.Sum(E[i] * dzi, (i, 1, _n_l))
    derived = _resolve_range(chain.doit(), bounds)
    steps.append(
        (
            "chain rule over the neurons i of layer l; the Kronecker delta keeps i = j",
            rf"{_d('c_x', var_tex)} = {_latex_idx(chain)} = {_latex_idx(derived)}",
        )
    )
    closed = E[j] if equation == 3 else Aprev[k] * E[j]
    return IndexedDerivation(equation, steps, derived, closed, _d("c_x", var_tex))


def bp1_indexed() -> IndexedDerivation:
    """BP1 with a symbolic output width ``n_L``: see :func:`indexed_derivation`."""
    return indexed_derivation(1)


def bp2_indexed() -> IndexedDerivation:
    """BP2 with symbolic widths: see :func:`indexed_derivation`."""
    return indexed_derivation(2)


def bp3_indexed() -> IndexedDerivation:
    """BP3 with symbolic widths: see :func:`indexed_derivation`."""
    return indexed_derivation(3)


def bp4_indexed() -> IndexedDerivation:
    """BP4 with symbolic widths: see :func:`indexed_derivation`."""
    return indexed_derivation(4)


# --------------------------------------------------------------------------------------------------------
# The chain-rule step of each proof
# --------------------------------------------------------------------------------------------------------


@dataclass
class ChainRuleStep:
    """The chain-rule step a proof uses, computed by SymPy on an undefined cost function ``c``.

    ``computed``: SymPy's derivative of the composite; ``expected``: the chain-rule product/sum written
    out term by term from partial derivatives; ``lines``: LaTeX lines for the Proofs chapter (the rule,
    then SymPy's result in the notation); ``holds()``: ``computed − expected`` expands to 0.
    """

    equation: int
    computed: sp.Expr
    expected: sp.Expr
    lines: list

    def holds(self) -> bool:
        return sp.expand(self.computed - self.expected) == 0

    def latex(self) -> str:
        return r"\begin{aligned}" + r"\\".join(self.lines) + r"\end{aligned}"

    def _repr_latex_(self):
        return "$$" + self.latex() + "$$"


def _partials_as_symbols(expr, c_func, names):
    """Replace SymPy's partial derivatives of the undefined ``c_func`` by display symbols ``names[i]``."""

    def is_partial(e):
        return isinstance(e, sp.Subs) and isinstance(e.expr, sp.Derivative) and e.expr.expr.func == c_func

    def sym(e):
        d = e.expr
        arg_pos = d.expr.args.index(d.variables[0])
        return names[arg_pos]

    expr = expr.replace(is_partial, sym)
    return expr.replace(
        lambda e: isinstance(e, sp.Derivative) and e.expr.func == c_func,
        lambda e: names[e.expr.args.index(e.variables[0])],
    )


def chain_rule_step(equation, n_next=2) -> ChainRuleStep:
    """The chain rule behind BP``equation``, shown and checked by SymPy.

    BP1: ``∂c/∂z_j^[L] = ∂c/∂a_j^[L] · ∂a_j^[L]/∂z_j^[L]`` with ``c = c(a)``, ``a = g(z)``.
    BP2: ``∂c/∂z_j^[l] = Σ_k ∂c/∂z_k^[l+1] · ∂z_k^[l+1]/∂z_j^[l]`` with ``c = c(z_1^[l+1], …)`` over
    ``n_next`` neurons of layer ``l+1`` (the post's figure has 2). BP3: ``∂c/∂b_j = ∂c/∂z_j · ∂z_j/∂b_j``.
    BP4: ``∂c/∂w_jk = ∂c/∂z_j · ∂z_j/∂w_jk``. ``c`` is an undefined SymPy function, so the step holds for
    every cost.
    """
    equation = _check_equation(equation)
    if not (isinstance(n_next, int) and 1 <= n_next <= 9):
        raise ValueError(f"n_next must be an integer in 1..9, got {n_next!r}")
    c = sp.Function("c")
    if equation == 1:
        z = sp.Symbol("z^{[L]}_j")
        comp = c(g(z))
        computed = sp.diff(comp, z)
        expected = c(g(z)).fdiff(1) * sp.diff(g(z), z)
        dc_da = sp.Symbol(r"\frac{\partial c_x}{\partial a^{[L]}_j}")
        shown = normalize(_partials_as_symbols(computed, c, [dc_da]))
        lines = [
            rf"{_d('c_x', 'z^{[L]}_j')} &= {_d('c_x', 'a^{[L]}_j')}\, {_d('a^{[L]}_j', 'z^{[L]}_j')}"
            r" && \text{chain rule, } a^{[L]}_j = g(z^{[L]}_j)",
            rf"&= {sp.latex(shown)} && \text{{SymPy: }} \tfrac{{d}}{{dz}}\, c(g(z))",
        ]
        return ChainRuleStep(1, computed, expected, lines)
    if equation == 2:
        zj = sp.Symbol("z^{[l]}_j")
        ws = [sp.Symbol(f"w^{{[l+1]}}_{{{k}j}}") for k in range(1, n_next + 1)]
        rest = [sp.Symbol(f"r_{{{k}}}") for k in range(1, n_next + 1)]  # the other terms of z_k^[l+1]
        zk = [w * g(zj) + r for w, r in zip(ws, rest)]
        comp = c(*zk)
        computed = sp.diff(comp, zj)
        expected = sum(comp.fdiff(k + 1) * sp.diff(zk[k], zj) for k in range(n_next))
        es = [sp.Symbol(f"e^{{[l+1]}}_{{{k}}}") for k in range(1, n_next + 1)]
        shown = normalize(_partials_as_symbols(computed, c, es))
        terms = " + ".join(
            rf"{_d('c_x', f'z^{{[l+1]}}_{{{k}}}')} {_d(f'z^{{[l+1]}}_{{{k}}}', 'z^{[l]}_j')}" for k in range(1, n_next + 1)
        )
        lines = [
            rf"{_d('c_x', 'z^{[l]}_j')} &= {terms} && \text{{chain rule through the {n_next} neurons of layer }} l+1",
            rf"&= \sum_{{k=1}}^{{{n_next}}} e^{{[l+1]}}_k\, {_d('z^{[l+1]}_k', 'z^{[l]}_j')}"
            rf" && z^{{[l+1]}}_k = w^{{[l+1]}}_{{kj}}\, g(z^{{[l]}}_j) + \dots",
            rf"&= {sp.latex(shown)} && \text{{SymPy}}",
        ]
        return ChainRuleStep(2, computed, expected, lines)
    zj = sp.Symbol("z^{[l]}_j")
    ak, wjk, bj, rest = sp.symbols("a^{[l-1]}_k w^{[l]}_{jk} b^{[l]}_j r")
    z_expr = wjk * ak + bj + rest  # rest: the other terms of z_j^[l]
    var, var_tex = (bj, "b^{[l]}_j") if equation == 3 else (wjk, "w^{[l]}_{jk}")
    comp = c(z_expr)
    computed = sp.diff(comp, var)
    expected = comp.fdiff(1) * sp.diff(z_expr, var)
    ej = sp.Symbol("e^{[l]}_j")
    shown = _partials_as_symbols(computed, c, [ej])
    lines = [
        rf"{_d('c_x', var_tex)} &= {_d('c_x', 'z^{[l]}_j')}\, {_d('z^{[l]}_j', var_tex)}"
        r" && z^{[l]}_j = \textstyle\sum_k w^{[l]}_{jk} a^{[l-1]}_k + b^{[l]}_j",
        rf"&= {sp.latex(shown)} && \text{{SymPy}}",
    ]
    return ChainRuleStep(equation, computed, expected, lines)


# --------------------------------------------------------------------------------------------------------
# Derivatives of the concrete activations
# --------------------------------------------------------------------------------------------------------


@dataclass
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
    fn: Callable
    prime: Callable

    def holds(self) -> bool:
        z = self.z
        ok = sp.cancel(sp.together((self.derivative - self.closed_form).rewrite(sp.exp))) == 0
        if self.name == "sigmoid":
            rule = sp.diff(Sigmoid(z), z).rewrite(sp.exp)
            ok = ok and sp.cancel(sp.together(rule - self.derivative)) == 0
        else:
            ok = ok and sp.expand(sp.diff(sp.tanh(z), z) - _act_prime("tanh", z)) == 0
        return bool(ok)

    def latex(self) -> str:
        z = self.z
        closed = Sigmoid(z) * (1 - Sigmoid(z)) if self.name == "sigmoid" else self.closed_form
        return rf"\frac{{d}}{{dz}}\,{sp.latex(self.expr)} = {sp.latex(self.derivative)} = {sp.latex(closed)}"

    def _repr_latex_(self):
        return "$$" + self.latex() + "$$"


def activation_derivative(name) -> ActivationDerivative:
    """SymPy's derivative of activation ``name`` (``"sigmoid"`` or ``"tanh"``) and its lambdified form."""
    _check_name("activation", name, ("sigmoid", "tanh"))
    z = sp.Symbol("z", real=True)
    if name == "sigmoid":
        expr = 1 / (1 + sp.exp(-z))
        closed = expr * (1 - expr)
    else:
        expr = sp.tanh(z)
        closed = 1 - expr**2
    der = sp.diff(expr, z)
    return ActivationDerivative(
        name, z, expr, der, closed, sp.lambdify(z, expr, "numpy"), sp.lambdify(z, der, "numpy")
    )
