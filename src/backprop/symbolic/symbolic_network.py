"""A network whose inputs, weights, biases and targets are SymPy symbols.

Notation (``docs/notation.md``): layers ``1..L``, ``a^[0] = x``; ``w_jk^[l]`` is the weight to neuron ``j``
of layer ``l`` from neuron ``k`` of layer ``l-1``; ``z^[l] = w^[l] a^[l-1] + b^[l]``, ``a^[l] = g(z^[l])``;
``e_j^[l] = ∂c_x/∂z_j^[l]``. Lists are indexed like :class:`backprop.network.Forward`'s: ``W[i]``, ``B[i]``,
``Z[i]`` and ``zs[i]`` belong to layer ``i+1``; ``A[l]`` and ``as_[l]`` to layer ``l`` (``l = 0`` is the input).
The accessors ``w(l, j, k)``, ``z(l, j)``, … take the layer and neuron numbers, 1-based like the notation.
"""

from __future__ import annotations

from functools import lru_cache

import sympy as sp

from .. import _validate
from .functions import ACTIVATIONS, COSTS, act, act_prime, normalize
from .latex import latex as book_latex
from .spec import idx as _idx


def check_sizes(sizes) -> tuple:
    """Layer widths as a tuple; ``ValueError`` (naming ``sizes``) for anything else."""
    return tuple(_validate.layer_sizes(sizes, error=ValueError))


def check_names(activation, cost_function):
    _validate.one_of(activation, "activation", ACTIVATIONS)
    _validate.one_of(cost_function, "cost_function", COSTS)


class SymbolicNetwork:
    """A network whose inputs ``x``, weights, biases and targets ``y`` are SymPy symbols.

    ``sizes = (n_0, ..., n_L)``. Indexed like ``net.weights`` and ``Forward.zs`` (0-based lists, layer
    ``i+1`` at index ``i``): ``W[i]`` is ``w^[i+1]``, a SymPy ``Matrix`` of shape ``(n_{i+1}, n_i)``; ``B[i]``
    is ``b^[i+1]``, of shape ``(n_{i+1}, 1)``; ``Z[i]`` lists the forward expressions of ``z^[i+1]`` in
    terms of ``x, w, b``; ``zs[i]`` the plain symbols ``z_j^[i+1]`` (free variables and display). Indexed
    like ``Forward.activations`` (layer ``l`` at index ``l``): ``A[l]``, the expressions of ``a^[l]``
    (``A[0] = x``), and ``as_[l]``, the plain symbols ``a_j^[l]``. ``cost``: ``c_x`` as an expression in
    ``x, w, b, y``. Ask by layer number with the accessors ``w(l, j, k)``, ``b(l, j)``, ``a(l, k)``,
    ``z(l, j)``, ``e(l, j)``, ``g_prime(l, j)``, ``dc_da(j)``: 1-based, ``IndexError`` outside the network.
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
        self.W = [
            sp.Matrix(
                n[l], n[l - 1], lambda j, k: sym(f"w{l}_{j + 1}_{k + 1}", f"w^{{[{l}]}}_{{{_idx(j + 1, k + 1)}}}")
            )
            for l in range(1, L + 1)
        ]
        self.B = [
            sp.Matrix(n[l], 1, lambda j, _: sym(f"b{l}_{j + 1}", f"b^{{[{l}]}}_{{{_idx(j + 1)}}}"))
            for l in range(1, L + 1)
        ]
        self.zs = [
            [sym(f"z{l}_{j}", f"z^{{[{l}]}}_{{{_idx(j)}}}") for j in range(1, n[l] + 1)] for l in range(1, L + 1)
        ]
        self.as_ = [[sym(f"a0_{k}", f"a^{{[0]}}_{{{_idx(k)}}}") for k in range(1, n[0] + 1)]] + [
            [sym(f"a{l}_{j}", f"a^{{[{l}]}}_{{{_idx(j)}}}") for j in range(1, n[l] + 1)] for l in range(1, L + 1)
        ]
        # the forward pass in terms of x, w, b
        self.A = [list(self.x)]
        self.Z = []
        for l in range(1, L + 1):
            zl = list(self.W[l - 1] * sp.Matrix(self.A[l - 1]) + self.B[l - 1])
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
        """``c_x`` with ``z^[l]`` as free symbols ``zs[l-1]``, carried forward through layers ``l+1..L``."""
        a = [self.act(s) for s in self.zs[l - 1]]
        for m in range(l + 1, self.L + 1):
            a = [self.act(u) for u in self.W[m - 1] * sp.Matrix(a) + self.B[m - 1]]
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
        return self.W[l - 1][self._check(j, self.sizes[l]), self._check(k, self.sizes[l - 1])]

    def b(self, l, j):
        l = self._layer(l)
        return self.B[l - 1][self._check(j, self.sizes[l])]

    def a(self, l, k):
        """``a_k^[l]`` in terms of ``x, w, b`` (``l = 0`` gives ``x_k``)."""
        l = self._layer(l, lo=0)
        return self.A[l][self._check(k, self.sizes[l])]

    def z(self, l, j):
        l = self._layer(l)
        return self.Z[l - 1][self._check(j, self.sizes[l])]

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
            d = normalize(sp.diff(cost, self.zs[l - 1][i]))
            return d.xreplace(dict(zip(self.zs[l - 1], self.Z[l - 1])))

        return self._cached(("e", l, i), compute)

    def d_cost(self, parameter):
        """``∂c_x/∂parameter`` (a weight or bias symbol), differentiated from the cost and normalized."""
        return self._cached(("d", parameter), lambda: normalize(sp.diff(self.cost, parameter)))

    # -- display -----------------------------------------------------------------------------------------
    def fold(self, expr):
        """For display: write the forward expressions back as ``z_j^[l]`` and ``g(z_j^[l])`` as ``a_j^[l]``."""
        rep = {}
        for z, s in zip(self.Z, self.zs):
            rep.update(zip(z, s))
        expr = expr.xreplace(rep)
        rep = {self.act(s): a for zs, as_ in zip(self.zs, self.as_[1:]) for s, a in zip(zs, as_)}
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
