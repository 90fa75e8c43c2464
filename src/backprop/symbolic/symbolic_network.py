"""A network whose inputs, weights, biases and targets are SymPy symbols.

Notation (``docs/notation.md``): layers ``1..L``, ``a^[0] = x``; ``w_jk^[l]`` is the weight to neuron ``j``
of layer ``l`` from neuron ``k`` of layer ``l-1``; ``z^[l] = w^[l] a^[l-1] + b^[l]``, ``a^[l] = g(z^[l])``;
``e_j^[l] = ∂c_x/∂z_j^[l]``. Indices in this API are 1-based, like the notation.
"""

from __future__ import annotations

from functools import lru_cache

import sympy as sp

from .. import _validate
from .functions import ACTIVATIONS, COSTS, act, act_prime, normalize
from .latex import latex as book_latex


def check_sizes(sizes) -> tuple:
    """Layer widths as a tuple; ``ValueError`` (naming ``sizes``) for anything else."""
    return tuple(_validate.layer_sizes(sizes, error=ValueError))


def check_names(activation, cost_function):
    _validate.one_of(activation, "activation", ACTIVATIONS)
    _validate.one_of(cost_function, "cost_function", COSTS)


def _idx(*ix) -> str:
    """Subscript text for indices: ``12`` when all are single digits, else ``1,12``."""
    return "".join(map(str, ix)) if all(i < 10 for i in ix) else ",".join(map(str, ix))


class SymbolicNetwork:
    """A network whose inputs ``x``, weights, biases and targets ``y`` are SymPy symbols.

    ``sizes = (n_0, ..., n_L)``. ``W[l]`` is a SymPy ``Matrix`` of shape ``(n_l, n_{l-1})``, ``B[l]`` of shape
    ``(n_l, 1)``, for ``l = 1..L`` (index 0 unused). ``Z[l]``, ``A[l]``: lists of the forward expressions of
    ``z^[l]``, ``a^[l]`` in terms of ``x, w, b`` (``A[0] = x``). ``zs[l]``, ``as_[l]``: plain symbols
    ``z_j^[l]``, ``a_j^[l]`` (used as free variables and for display). ``cost``: ``c_x`` as an expression in
    ``x, w, b, y``. Accessors ``w(l, j, k)``, ``b(l, j)``, ``a(l, k)``, ``z(l, j)``, ``e(l, j)``,
    ``g_prime(l, j)``, ``dc_da(j)`` are 1-based and raise ``IndexError`` outside the network.
    """

    def __init__(self, sizes=(2, 3, 2), activation="generic", cost_function="quadratic"):
        self.sizes = check_sizes(sizes)
        check_names(activation, cost_function)
        self.activation, self.cost_name = activation, cost_function
        self.L = L = len(self.sizes) - 1
        self.act = act(activation)
        self.names = {}  # symbol -> LaTeX, for display

        def sym(plain, tex):
            s = sp.Symbol(plain, real=True)
            self.names[s] = tex
            return s

        n = self.sizes
        self.x = [sym(f"x_{k}", f"x_{{{k}}}") for k in range(1, n[0] + 1)]
        self.y = [sym(f"y_{j}", f"y_{{{j}}}") for j in range(1, n[L] + 1)]
        self.W = [None] + [
            sp.Matrix(
                n[l], n[l - 1], lambda j, k: sym(f"w{l}_{j + 1}_{k + 1}", f"w^{{[{l}]}}_{{{_idx(j + 1, k + 1)}}}")
            )
            for l in range(1, L + 1)
        ]
        self.B = [None] + [
            sp.Matrix(n[l], 1, lambda j, _: sym(f"b{l}_{j + 1}", f"b^{{[{l}]}}_{{{_idx(j + 1)}}}"))
            for l in range(1, L + 1)
        ]
        self.zs = [None] + [
            [sym(f"z{l}_{j}", f"z^{{[{l}]}}_{{{_idx(j)}}}") for j in range(1, n[l] + 1)] for l in range(1, L + 1)
        ]
        self.as_ = [[sym(f"a0_{k}", f"a^{{[0]}}_{{{_idx(k)}}}") for k in range(1, n[0] + 1)]] + [
            [sym(f"a{l}_{j}", f"a^{{[{l}]}}_{{{_idx(j)}}}") for j in range(1, n[l] + 1)] for l in range(1, L + 1)
        ]
        # the forward pass in terms of x, w, b
        self.A = [list(self.x)]
        self.Z = [None]
        for l in range(1, L + 1):
            zl = list(self.W[l] * sp.Matrix(self.A[l - 1]) + self.B[l])
            self.Z.append(zl)
            self.A.append([self.act(u) for u in zl])
        self.cost = self.cost_of(self.A[L])
        self._cache = {}

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

    def _cached(self, key, compute):
        if key not in self._cache:
            self._cache[key] = compute()
        return self._cache[key]

    # -- 1-based accessors (x-domain expressions) ------------------------------------------------------
    @staticmethod
    def _check(i, n):
        return _validate.integer(i, "index", 1, n, error=IndexError) - 1

    def _layer(self, l, lo=1):
        return _validate.integer(l, "layer", lo, self.L, error=IndexError)

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
        return act_prime(self.activation, self.z(l, j))

    def e(self, l, j):
        """``e_j^[l] = ∂c_x/∂z_j^[l]`` derived by SymPy (differentiate ``cost_from_z(l)``, then put
        ``z^[l] = w^[l] a^[l-1] + b^[l]``), normalized, in terms of ``x, w, b, y``. Cached."""
        l = self._layer(l)
        i = self._check(j, self.sizes[l])

        def compute():
            cost = self._cached(("cost_from_z", l), lambda: self.cost_from_z(l))
            d = normalize(sp.diff(cost, self.zs[l][i]))
            return d.xreplace(dict(zip(self.zs[l], self.Z[l])))

        return self._cached(("e", l, i), compute)

    def d_cost(self, parameter):
        """``∂c_x/∂parameter`` (a weight or bias symbol), differentiated from the cost and normalized."""
        return self._cached(("d", parameter), lambda: normalize(sp.diff(self.cost, parameter)))

    # -- the same derivatives with the activation written out in exponentials --------------------------
    def e_exp(self, l, j):
        """``e_j^[l]`` derived with the activation written with ``exp`` (``σ = 1/(1+e^{-z})``,
        ``tanh = (e^z − e^{-z})/(e^z + e^{-z})``), so SymPy uses only its rules for ``exp``; ``x, w, b, y``."""
        l = self._layer(l)
        i = self._check(j, self.sizes[l])

        def compute():
            cost = self._cached(("cost_from_z", l), lambda: self.cost_from_z(l))
            d = sp.diff(cost.rewrite(sp.exp), self.zs[l][i])
            return d.xreplace({s: u.rewrite(sp.exp) for s, u in zip(self.zs[l], self.Z[l])})

        return self._cached(("e_exp", l, i), compute)

    def cost_exp(self):
        """``c_x`` with the activation written with ``exp``."""
        return self._cached("cost_exp", lambda: self.cost.rewrite(sp.exp))

    def d_cost_exp(self, parameter):
        """``∂c_x/∂parameter`` differentiated from :meth:`cost_exp`."""
        return sp.diff(self.cost_exp(), parameter)

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
        return book_latex(self.fold(expr) if fold else expr, self.names)

    def __repr__(self):
        return f"SymbolicNetwork(sizes={self.sizes}, activation={self.activation!r}, cost_function={self.cost_name!r})"


@lru_cache(maxsize=32)
def _network(sizes, activation, cost_function):
    return SymbolicNetwork(sizes, activation, cost_function)


def network(sizes=(2, 3, 2), activation="generic", cost_function="quadratic") -> SymbolicNetwork:
    """The (cached) :class:`SymbolicNetwork` for ``(sizes, activation, cost_function)``; validates its input."""
    sizes = check_sizes(sizes)
    check_names(activation, cost_function)
    return _network(sizes, activation, cost_function)


def clear_cache() -> None:
    """Forget the cached networks (and the derivatives they hold), e.g. before timing from cold."""
    _network.cache_clear()
