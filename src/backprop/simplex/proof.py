"""The simplex-noise radius for symbolic ``N``: the skew and unskew factors, the skewed facet normals, and
the height ``h² = ½`` of every lattice simplex; beside it, the post's regular-simplex argument.

Conventions (Gustavson): ``x' = S x`` with ``S = I + F·11ᵀ``, ``F = (√(N+1) − 1)/N``; unskew
``x = x' − G·Σx'``, ``G = (1 − 1/√(N+1))/N``.
"""

from __future__ import annotations

import sympy as sp

from .._validate import dimension

__all__ = [
    "N",
    "skew_factor",
    "unskew_factor",
    "skew_matrix",
    "unskew_matrix",
    "facet_normal_norms_squared",
    "simplex_height_squared",
    "post_argument",
]

#: The dimension as a SymPy symbol (a positive integer).
N = sp.Symbol("N", integer=True, positive=True)


def _sympy_n(n):
    """``n`` checked, as SymPy: the symbol itself, or ``sp.Integer`` (so that ``N/(N+1)`` stays exact)."""
    n = dimension(n, symbolic=True)
    return n if isinstance(n, sp.Basic) else sp.Integer(n)


def skew_factor(n=N):
    """``F = (√(N+1) − 1)/N`` (SymPy expression; ``n`` a positive integer or a symbol)."""
    n = _sympy_n(n)
    return (sp.sqrt(n + 1) - 1) / n


def unskew_factor(n=N):
    """``G = (1 − 1/√(N+1))/N`` (SymPy expression)."""
    n = _sympy_n(n)
    return (1 - 1 / sp.sqrt(n + 1)) / n


def skew_matrix(n):
    """``S = I + F·11ᵀ``, shape ``(N, N)``, for a concrete ``N``: ``x' = S x``."""
    n = dimension(n)
    return sp.eye(n) + skew_factor(n) * sp.ones(n, n)


def unskew_matrix(n):
    """``U = I − G·11ᵀ``, shape ``(N, N)``, for a concrete ``N``: ``x = U x'`` (the inverse of ``S``)."""
    n = dimension(n)
    return sp.eye(n) - unskew_factor(n) * sp.ones(n, n)


def facet_normal_norms_squared(n=N) -> dict:
    """Squared norms of the skewed facet normals, unsimplified SymPy expressions.

    Every facet of a lattice simplex lies on a hyperplane ``a·x' = c`` with ``a = e_i`` or ``a = e_i − e_j``;
    in Euclidean coordinates its normal is ``Sᵀa = S a``. Returns ``{"e_i": 1 + 2F + N F²,
    "e_i - e_j": 2}`` (``S(e_i − e_j) = e_i − e_j`` because ``1ᵀ(e_i − e_j) = 0``). Also
    ``"inverse_check"``: ``F − G − N F G``, which is ``0`` exactly when ``U = S⁻¹``.
    """
    n = _sympy_n(n)
    F, G = skew_factor(n), unskew_factor(n)
    return {"e_i": 1 + 2 * F + n * F**2, "e_i - e_j": sp.Integer(2), "inverse_check": F - G - n * F * G}


def simplex_height_squared(n=N):
    """``h²``: squared distance from a vertex of a lattice simplex to its opposite facet.

    A vertex is one lattice step (``a·x'`` changes by 1) from the hyperplane of its opposite facet, so
    ``h = 1/‖S a‖``. Both kinds of normal have ``‖S a‖² = 2``; the returned, unsimplified expression is
    ``1/(1 + 2F + N F²)``, which ``sympy.simplify`` (or ``radsimp``) reduces to ``1/2`` for symbolic and
    concrete ``N`` alike.
    """
    return 1 / facet_normal_norms_squared(n)["e_i"]


def post_argument(n=N) -> dict:
    """The post's argument: edge ``s = √(N/(N+1))`` and regular-simplex height ``h = s √((N+1)/(2N))``.

    The product is ``1/√2`` for every N, but the regular-simplex formula only describes the lattice simplex
    for ``N ≤ 2`` (see :func:`~backprop.simplex.lattice.exact_lattice_simplex`). Returns
    ``{"s": ..., "h": ...}``.
    """
    n = _sympy_n(n)
    s = sp.sqrt(n / (n + 1))
    return {"s": s, "h": s * sp.sqrt((n + 1) / (2 * n))}
