"""The simplex-noise kernel radius: why ``r² = ½`` in every dimension, proved three ways.

The post's closing aside says the squared kernel radius of N-dimensional simplex noise is ``½`` for all N,
arguing from a *regular* simplex of edge ``√(N/(N+1))``. The conclusion is right; the argument is only
valid for ``N ≤ 2``, because from ``N = 3`` the simplices of the simplex-noise lattice are not regular.
This module gives

- the symbolic proof for symbolic ``N`` (skew ``F``, unskew ``G``, the norms of the skewed facet normals,
  and :func:`simplex_height_squared`, which simplifies to ``1/2``);
- exact lattice geometry for concrete ``N`` with SymPy radicals (:func:`exact_lattice_simplex`): the edge
  lengths (not all equal from ``N = 3``) and every vertex's distance to its opposite facet (all ``1/√2``);
- an independent NumPy implementation that locates random points in the lattice as simplex noise does
  (:func:`numeric_lattice`), for the tests;
- the kernel ``max(0, r² − d²)⁴`` along a line crossing a facet (:func:`kernel_along_line`), which shows
  the seam ``r² = 0.6`` leaves and ``r² = 0.5`` does not. Plain NumPy arrays; the figures are drawn in
  ``backprop.figures``.

Conventions (Gustavson, "Simplex noise demystified"): skewed coordinates ``x' = S x`` with
``S = I + F·11ᵀ``, ``F = (√(N+1) − 1)/N``; unskew ``x = x' − G·Σx'``, ``G = (1 − 1/√(N+1))/N``.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from itertools import combinations

import numpy as np
import sympy as sp

from ._validate import integer, is_integer

__all__ = [
    "N",
    "skew_factor",
    "unskew_factor",
    "skew_matrix",
    "unskew_matrix",
    "facet_normal_norms_squared",
    "simplex_height_squared",
    "post_argument",
    "ExactSimplex",
    "exact_lattice_simplex",
    "NumericLattice",
    "numeric_lattice",
    "KernelLine",
    "kernel_along_line",
    "foot_is_midpoint",
    "noise",
    "noise_gradient",
    "NoiseGraph",
    "noise_graph",
    "engine_gradient",
    "GradientLine",
    "gradient_along_line",
]

#: The dimension as a SymPy symbol (a positive integer).
N = sp.Symbol("N", integer=True, positive=True)


def _dim(n, symbolic_ok=True):
    if symbolic_ok and isinstance(n, sp.Symbol):
        return n
    if is_integer(n) and n >= 1:
        return sp.Integer(int(n))
    raise ValueError(
        f"N must be a positive integer{' or a SymPy symbol' if symbolic_ok else ''}, got {n!r}"
    )


# --------------------------------------------------------------------------------------------------------
# Symbolic N
# --------------------------------------------------------------------------------------------------------


def skew_factor(n=N):
    """``F = (√(N+1) − 1)/N`` (SymPy expression; ``n`` a positive integer or a symbol)."""
    n = _dim(n)
    return (sp.sqrt(n + 1) - 1) / n


def unskew_factor(n=N):
    """``G = (1 − 1/√(N+1))/N`` (SymPy expression)."""
    n = _dim(n)
    return (1 - 1 / sp.sqrt(n + 1)) / n


def skew_matrix(n):
    """``S = I + F·11ᵀ``, shape ``(N, N)``, for a concrete ``N``: ``x' = S x``."""
    n = int(_dim(n, symbolic_ok=False))
    return sp.eye(n) + skew_factor(n) * sp.ones(n, n)


def unskew_matrix(n):
    """``U = I − G·11ᵀ``, shape ``(N, N)``, for a concrete ``N``: ``x = U x'`` (the inverse of ``S``)."""
    n = int(_dim(n, symbolic_ok=False))
    return sp.eye(n) - unskew_factor(n) * sp.ones(n, n)


def facet_normal_norms_squared(n=N) -> dict:
    """Squared norms of the skewed facet normals, unsimplified SymPy expressions.

    Every facet of a lattice simplex lies on a hyperplane ``a·x' = c`` with ``a = e_i`` or ``a = e_i − e_j``;
    in Euclidean coordinates its normal is ``Sᵀa = S a``. Returns ``{"e_i": 1 + 2F + N F²,
    "e_i - e_j": 2}`` (``S(e_i − e_j) = e_i − e_j`` because ``1ᵀ(e_i − e_j) = 0``). Also
    ``"inverse_check"``: ``F − G − N F G``, which is ``0`` exactly when ``U = S⁻¹``.
    """
    n = _dim(n)
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
    for ``N ≤ 2`` (see :func:`exact_lattice_simplex`). Returns ``{"s": ..., "h": ...}``.
    """
    n = _dim(n)
    s = sp.sqrt(n / (n + 1))
    return {"s": s, "h": s * sp.sqrt((n + 1) / (2 * n))}


# --------------------------------------------------------------------------------------------------------
# Exact geometry for concrete N
# --------------------------------------------------------------------------------------------------------


def _exact(expr):
    """Canonical exact form of a number built from radicals (e.g. a rational when it is one)."""
    return sp.nsimplify(sp.radsimp(sp.expand(expr)))


@dataclass
class ExactSimplex:
    """The lattice simplex of simplex noise in dimension ``N``, exactly.

    ``skewed``: vertices in skewed coordinates, SymPy ``Matrix`` of shape ``(N+1, N)``, rows
    ``0, e_1, e_1+e_2, ..., 1`` (identity permutation); ``vertices``: Euclidean positions, same shape
    (``x = x' − G Σx'``); ``edges_squared``: dict ``(p, q) -> ‖v_p − v_q‖²``; ``edge_lengths_squared``:
    the sorted distinct values; ``heights_squared``: list, the squared distance of vertex ``p`` to the affine
    hull of the other ``N``; ``regular``: all edges equal.
    """

    N: int
    skewed: sp.Matrix
    vertices: sp.Matrix
    edges_squared: dict
    heights_squared: list

    @property
    def edge_lengths_squared(self) -> list:
        return sorted(set(self.edges_squared.values()))

    @property
    def regular(self) -> bool:
        return len(set(self.edges_squared.values())) == 1


def _dist2_to_hull(p, others, dot):
    """Squared distance of ``p`` to the affine hull of ``others`` (Gram matrix, exact)."""
    q0 = others[0]
    D = [q - q0 for q in others[1:]]
    r = p - q0
    if not D:
        return dot(r, r)
    gram = sp.Matrix(len(D), len(D), lambda i, j: dot(D[i], D[j]))
    rhs = sp.Matrix([dot(d, r) for d in D])
    coef = gram.LUsolve(rhs)
    return _exact(dot(r, r) - (rhs.T * coef)[0])



def exact_lattice_simplex(n) -> ExactSimplex:
    """The lattice simplex for concrete ``N`` (an integer >= 1), exactly (cached)."""
    return _exact_lattice_simplex(int(_dim(n, symbolic_ok=False)))


@lru_cache(maxsize=16)
def _exact_lattice_simplex(n):
    G = unskew_factor(n)
    skewed = sp.Matrix(n + 1, n, lambda p, i: 1 if i < p else 0)
    rows = [skewed.row(p) for p in range(n + 1)]
    verts = [r - G * sum(r) * sp.ones(1, n) for r in rows]

    def dot(u, v):
        return sp.expand((u * v.T)[0])

    edges = {(p, q): _exact(dot(verts[p] - verts[q], verts[p] - verts[q])) for p, q in combinations(range(n + 1), 2)}
    heights = [_dist2_to_hull(verts[p], [v for q, v in enumerate(verts) if q != p], dot) for p in range(n + 1)]
    return ExactSimplex(n, skewed, sp.Matrix.vstack(*verts), edges, heights)


def foot_is_midpoint(n) -> bool:
    """Whether, for every vertex ``v_p`` of the exact lattice simplex, the midpoint ``m_p`` of ``v_(p-1)``
    and ``v_(p+1)`` (indices modulo ``N + 1``) is the foot of the perpendicular from ``v_p`` to its
    opposite facet: ``m_p − v_p`` is orthogonal to every ``v_q − m_p`` (``q ≠ p``) and has squared
    length ``½``. Exact (SymPy); ``n`` an integer ``>= 2``."""
    n = int(_dim(n, symbolic_ok=False))
    if n < 2:
        raise ValueError(f"N must be at least 2 for a facet with an edge, got {n}")
    V = exact_lattice_simplex(n).vertices
    rows = [V.row(p) for p in range(n + 1)]
    for p, v in enumerate(rows):
        m = (rows[p - 1] + rows[(p + 1) % (n + 1)]) / 2
        d = m - v
        if _exact(d.dot(d)) != sp.Rational(1, 2):
            return False
        if any(_exact(d.dot(rows[q] - m)) != 0 for q in range(n + 1) if q != p):
            return False
    return True


# --------------------------------------------------------------------------------------------------------
# The lattice with NumPy, located as simplex noise does
# --------------------------------------------------------------------------------------------------------


def _F(n):
    return (np.sqrt(n + 1.0) - 1.0) / n


def _G(n):
    return (1.0 - 1.0 / np.sqrt(n + 1.0)) / n


def _locate(points):
    """Simplex-noise lookup for points of shape ``(m, N)``.

    Returns ``(corners, vertices)``: integer skewed coordinates of each point's simplex vertices, shape
    ``(m, N+1, N)``, and their Euclidean positions, same shape. Vertex ``0`` is the cell corner
    ``floor(x')``; vertex ``p`` adds ``e`` along the ``p`` largest fractional parts (ties: lower axis first).
    """
    points = np.atleast_2d(np.asarray(points, dtype=np.float64))
    m, n = points.shape
    skewed = points + _F(n) * points.sum(axis=1, keepdims=True)
    cell = np.floor(skewed)
    frac = skewed - cell
    order = np.argsort(-frac, axis=1, kind="stable")
    steps = np.zeros((m, n + 1, n))
    for p in range(1, n + 1):
        steps[:, p] = steps[:, p - 1]
        steps[np.arange(m), p, order[:, p - 1]] += 1.0
    corners = cell[:, None, :] + steps
    vertices = corners - _G(n) * corners.sum(axis=2, keepdims=True)
    return corners, vertices


def _np_dist2_to_hull(p, others):
    q0 = others[0]
    D = (others[1:] - q0).T  # (N, N-1)
    r = p - q0
    if D.shape[1] == 0:
        return float(r @ r)
    coef, *_ = np.linalg.lstsq(D, r, rcond=None)
    res = r - D @ coef
    return float(res @ res)


@dataclass
class NumericLattice:
    """Simplices of the simplex-noise lattice found by NumPy for random points (float64).

    ``points``: shape ``(m, N)``; ``vertices``: Euclidean vertices of each point's simplex, ``(m, N+1, N)``;
    ``barycentric``: the point's barycentric coordinates in its simplex, ``(m, N+1)`` (all ``>= 0`` when the
    lookup is right); ``edges_squared``: ``(m, N(N+1)/2)``, all squared edge lengths per simplex;
    ``heights_squared``: ``(m, N+1)``, squared vertex–opposite-facet distances.
    """

    N: int
    points: np.ndarray
    vertices: np.ndarray
    barycentric: np.ndarray
    edges_squared: np.ndarray
    heights_squared: np.ndarray

    def edge_lengths_squared(self, decimals=9) -> np.ndarray:
        """Distinct squared edge lengths over all simplices, rounded to ``decimals``."""
        return np.unique(np.round(self.edges_squared, decimals))

    @property
    def contains(self) -> np.ndarray:
        """Shape ``(m,)``: whether each point lies in the simplex found for it."""
        return np.all(self.barycentric >= -1e-12, axis=1)


def numeric_lattice(n, n_points=200, seed=0, spread=10.0) -> NumericLattice:
    """Locate ``n_points`` random points of ``[-spread, spread]^N`` as simplex noise does, and measure
    their simplices (edges, vertex–facet distances). Independent of the SymPy code in this module."""
    n = int(_dim(n, symbolic_ok=False))
    n_points = integer(n_points, "n_points", lo=1)
    rng = np.random.default_rng(seed)
    pts = rng.uniform(-spread, spread, size=(n_points, n))
    _, verts = _locate(pts)
    # barycentric coordinates: solve [v_1 - v_0, ..., v_N - v_0] lam = x - v_0
    D = np.transpose(verts[:, 1:] - verts[:, :1], (0, 2, 1))
    lam = np.linalg.solve(D, (pts - verts[:, 0])[..., None])[..., 0]
    bary = np.concatenate([1.0 - lam.sum(axis=1, keepdims=True), lam], axis=1)
    pairs = list(combinations(range(n + 1), 2))
    edges = np.stack([np.sum((verts[:, p] - verts[:, q]) ** 2, axis=1) for p, q in pairs], axis=1)
    heights = np.array(
        [[_np_dist2_to_hull(v[p], np.delete(v, p, axis=0)) for p in range(n + 1)] for v in verts]
    )
    return NumericLattice(n, pts, verts, bary, edges, heights)


# --------------------------------------------------------------------------------------------------------
# The kernel along a line crossing a facet
# --------------------------------------------------------------------------------------------------------


@dataclass
class KernelLine:
    """The kernel of one vertex, and a noise-like sum, along a line crossing a simplex facet.

    The line is ``x(t) = c + t·n̂``: ``n̂`` the unit normal of the facet ``x'_1 = 1`` opposite the vertex
    ``v = 0`` (the origin) of the cell at the origin, ``c`` a point of that facet near the foot of the
    perpendicular from ``v`` (``t < 0``: ``v``'s simplex; ``t > 0``: the next cell, where ``v`` is no vertex).

    ``t``: shape ``(m,)``; ``kernel``: ``max(0, r² − d²)⁴`` of ``v`` as simplex noise counts it (0 where
    ``v`` is not a vertex of the containing simplex), ``(m,)``; ``kernel_unmasked``: the same without the
    mask; ``field``: ``Σ_vertices max(0, r² − d²)⁴ (γ_v · (x − v))`` with fixed pseudo-random unit gradients
    ``γ_v``, summed over the containing simplex's vertices, ``(m,)``; ``t_cross``: ``0.0``;
    ``d2_cross``: ``d²`` from ``v`` to the crossing point (slightly above ½);
    ``jump_kernel``: value of ``v``'s kernel just before the crossing (just after it is 0);
    ``jump_field``: ``field(0⁺) − field(0⁻)``, both sides evaluated exactly at the crossing point.
    """

    N: int
    r2: float
    t: np.ndarray
    kernel: np.ndarray
    kernel_unmasked: np.ndarray
    field: np.ndarray
    t_cross: float
    d2_cross: float
    jump_kernel: float
    jump_field: float


def _gradients(corners, seed):
    """Fixed pseudo-random unit gradient per lattice vertex (integer skewed coordinates), shape like corners."""
    out = np.empty(corners.shape, dtype=np.float64)
    flat = corners.reshape(-1, corners.shape[-1]).astype(np.int64)
    res = out.reshape(-1, corners.shape[-1])
    for i, c in enumerate(flat):
        rng = np.random.default_rng([seed] + [int(v) + 2**20 for v in c])
        v = rng.normal(size=c.shape[0])
        res[i] = v / np.linalg.norm(v)
    return out


def _field_with(points, corners, verts, r2, seed):
    grads = _gradients(corners, seed)
    diff = points[:, None, :] - verts
    d2 = np.sum(diff**2, axis=2)
    k = np.maximum(0.0, r2 - d2) ** 4
    return np.sum(k * np.sum(grads * diff, axis=2), axis=1)


def _crossing(n, offset):
    """The crossing point ``c`` on the facet ``x'_1 = 1`` opposite the origin, and the facet's unit normal.

    The foot of the perpendicular from the origin is ``x' = (1, ½, ..., ½)``; ``c`` moves along the facet
    by distinct amounts on the other coordinates (keeps ``x'_1 = 1`` and breaks the ties of the lookup).
    """
    F, G = _F(n), _G(n)
    s = 0.5 + offset * np.linspace(1.0, -1.0, n - 1) / np.sqrt(n - 1)
    c_skewed = np.concatenate([[1.0], s])
    c = c_skewed - G * c_skewed.sum()
    normal = np.full(n, F)
    normal[0] += 1.0  # S e_1
    normal /= np.linalg.norm(normal)
    return c, normal


def kernel_along_line(n, r2=0.5, t=None, offset=0.1, seed=0) -> KernelLine:
    """The kernel ``max(0, r² − d²)⁴`` and a noise-like field along a line crossing a facet (see
    :class:`KernelLine`). ``n``: dimension ``N >= 2``; ``r2``: squared kernel radius (0.5 seamless, 0.6
    leaves a seam); ``t``: positions along the line (default 400 points in ``[-0.75, 0.5]``, avoiding 0);
    ``offset``: how far (Euclidean) the crossing point is from the foot of the perpendicular, along the
    facet, so that no tie between coordinates makes the simplex lookup ambiguous; ``seed``: gradients.
    """
    n = int(_dim(n, symbolic_ok=False))
    if n < 2:
        raise ValueError(f"N must be at least 2 for a line crossing a facet, got {n}")
    r2 = float(r2)
    if not (np.isfinite(r2) and r2 > 0):
        raise ValueError(f"r2 must be a positive number, got {r2!r}")
    if t is None:
        t = np.linspace(-0.75, 0.5, 400)
    t = np.asarray(t, dtype=np.float64).ravel()
    c, normal = _crossing(n, offset)
    pts = c[None, :] + t[:, None] * normal[None, :]
    corners, verts = _locate(pts)
    is_vertex = np.all(corners == 0.0, axis=2).any(axis=1)
    d2 = np.sum(pts**2, axis=1)
    unmasked = np.maximum(0.0, r2 - d2) ** 4
    field = _field_with(pts, corners, verts, r2, seed)
    # both sides of the crossing, evaluated at the crossing point itself
    eps = 1e-9
    side = np.stack([c - eps * normal, c + eps * normal])
    corners_side, verts_side = _locate(side)
    both = np.stack([c, c])
    f_in, f_out = _field_with(both, corners_side, verts_side, r2, seed)
    d2c = float(c @ c)
    return KernelLine(
        N=n,
        r2=r2,
        t=t,
        kernel=np.where(is_vertex, unmasked, 0.0),
        kernel_unmasked=unmasked,
        field=field,
        t_cross=0.0,
        d2_cross=d2c,
        jump_kernel=float(max(0.0, r2 - d2c) ** 4),
        jump_field=float(f_out - f_in),
    )


# --------------------------------------------------------------------------------------------------------
# The noise and its gradient: by hand, and by the autodiff engine
# --------------------------------------------------------------------------------------------------------


def _points(x, n=None):
    x = np.atleast_2d(np.asarray(x, dtype=np.float64))
    if x.ndim != 2 or x.shape[1] < 1 or (n is not None and x.shape[1] != n):
        raise ValueError(f"points must have shape (m, N), got {x.shape}")
    if not np.all(np.isfinite(x)):
        raise ValueError("points must be finite")
    return x


def _r2(r2):
    r2 = float(r2)
    if not (np.isfinite(r2) and r2 > 0):
        raise ValueError(f"r2 must be a positive number, got {r2!r}")
    return r2


def noise(points, r2=0.5, seed=0) -> np.ndarray:
    """``n(x) = Σ_v max(0, r² − ‖x − v‖²)⁴ (γ_v · (x − v))`` over the vertices ``v`` of the simplex
    containing ``x``, with the fixed pseudo-random unit gradients ``γ_v`` of :class:`KernelLine`.

    ``points``: shape ``(m, N)`` (or ``(N,)``); returns shape ``(m,)``. No output scaling (implementations
    multiply by a constant such as 32 to fill ``[-1, 1]``).
    """
    pts = _points(points)
    corners, verts = _locate(pts)
    return _field_with(pts, corners, verts, _r2(r2), seed)


def _gradient_with(points, corners, verts, r2, seed):
    """``∇n`` by the formula: for each vertex, with ``δ = x − v`` and ``τ = max(0, r² − ‖δ‖²)``,
    ``∇[τ⁴ (γ·δ)] = τ⁴ γ − 8 τ³ (γ·δ) δ`` (product rule, and the chain rule on ``τ⁴``)."""
    grads = _gradients(corners, seed)
    diff = points[:, None, :] - verts
    tau = np.maximum(0.0, r2 - np.sum(diff**2, axis=2))[..., None]
    dot = np.sum(grads * diff, axis=2)[..., None]
    return np.sum(tau**4 * grads - 8.0 * tau**3 * dot * diff, axis=1)


def noise_gradient(points, r2=0.5, seed=0) -> np.ndarray:
    """``∇n`` at each point by the hand-derived formula, shape ``(m, N)`` (see :func:`noise`)."""
    pts = _points(points)
    corners, verts = _locate(pts)
    return _gradient_with(pts, corners, verts, _r2(r2), seed)


@dataclass
class NoiseGraph:
    """The noise at one point as a graph of the autodiff engine's ``Value`` nodes.

    ``x``: the ``N`` input Values (labels ``x_1`` ... ``x_N``); ``n``: the output Value. After
    ``n.backward()``, ``x[i].grad`` is ``∂n/∂x_i``. ``vertices``: the ``N + 1`` simplex vertices used,
    shape ``(N+1, N)``.
    """

    x: list
    n: object
    vertices: np.ndarray

    @property
    def n_values(self) -> int:
        from .autodiff import topological_order

        return len(topological_order(self.n))


def noise_graph(x, r2=0.5, seed=0, locate_at=None) -> NoiseGraph:
    """Build ``n(x)`` from ``Value`` nodes: ``+``, ``−``, ``×``, ``relu`` (for ``max(0, ·)``) and ``**4``.

    ``x``: one point, shape ``(N,)``. The simplex is located (skew, floor, sort) at ``locate_at``
    (default ``x``): the lookup is piecewise constant, so it is not part of the graph; give a point just
    on one side of a facet to take the limit of ``∇n`` from that side at a point of the facet.
    """
    from .autodiff import Value

    pt = _points(x)
    if pt.shape[0] != 1:
        raise ValueError(f"noise_graph takes one point, got {pt.shape[0]}")
    at = pt if locate_at is None else _points(locate_at, pt.shape[1])
    r2 = _r2(r2)
    corners, verts = _locate(at)
    grads = _gradients(corners, seed)[0]
    xs = [Value(float(v), label=f"x_{i + 1}") for i, v in enumerate(pt[0])]
    total = None
    for v, g in zip(verts[0], grads):
        delta = [xi - float(vi) for xi, vi in zip(xs, v)]
        d2 = delta[0] * delta[0]
        dot = delta[0] * float(g[0])
        for di, gi in zip(delta[1:], g[1:]):
            d2 = d2 + di * di
            dot = dot + di * float(gi)
        # max(0, r² − d²)⁴ (γ · δ): relu is max(0, ·), with derivative 0 where it is 0
        term = (r2 - d2).relu() ** 4 * dot
        total = term if total is None else total + term
    total.label = "n"
    return NoiseGraph(xs, total, verts[0])


def engine_gradient(x, r2=0.5, seed=0, locate_at=None) -> np.ndarray:
    """``∇n`` at one point from one backward sweep of :func:`noise_graph`'s graph, shape ``(N,)``."""
    graph = noise_graph(x, r2, seed, locate_at)
    graph.n.backward()
    return np.array([xi.grad for xi in graph.x])


@dataclass
class GradientLine:
    """The noise and its gradient along the line of :func:`kernel_along_line`, and their jumps at the facet.

    ``t``: shape ``(m,)``; ``value``: ``n`` along the line, ``(m,)``; ``gradient``: ``∇n``, ``(m, N)``;
    ``slope``: ``∇n · n̂``, the derivative of ``n`` along the line, ``(m,)``; ``crossing``, ``normal``: the
    point where the line crosses the facet (at ``t = 0``) and the line's unit direction, ``(N,)``;
    ``value_before`` / ``value_after``, ``gradient_before`` / ``gradient_after``: the limits at the crossing
    from inside the vertex's simplex and from the next one. ``jump_value`` and ``jump_gradient``
    (``after − before``; a number and shape ``(N,)``) and ``jump_slope`` (along ``normal``).
    """

    N: int
    r2: float
    t: np.ndarray
    value: np.ndarray
    gradient: np.ndarray
    slope: np.ndarray
    crossing: np.ndarray
    normal: np.ndarray
    value_before: float
    value_after: float
    gradient_before: np.ndarray
    gradient_after: np.ndarray

    @property
    def jump_value(self) -> float:
        return self.value_after - self.value_before

    @property
    def jump_gradient(self) -> np.ndarray:
        return self.gradient_after - self.gradient_before

    @property
    def jump_slope(self) -> float:
        return float(self.jump_gradient @ self.normal)


def gradient_along_line(n, r2=0.5, t=None, offset=0.1, seed=0) -> GradientLine:
    """``n`` and ``∇n`` (by the formula) along the line of :func:`kernel_along_line`, with their one-sided
    limits at the facet: the limits are evaluated at the crossing point itself, with the simplex located
    just before or just after it. ``t``: default 401 points in ``[-0.25, 0.25]``."""
    n = int(_dim(n, symbolic_ok=False))
    if n < 2:
        raise ValueError(f"N must be at least 2 for a line crossing a facet, got {n}")
    r2 = _r2(r2)
    t = np.linspace(-0.25, 0.25, 401) if t is None else np.asarray(t, dtype=np.float64).ravel()
    c, normal = _crossing(n, offset)
    pts = c[None, :] + t[:, None] * normal[None, :]
    corners, verts = _locate(pts)
    grad = _gradient_with(pts, corners, verts, r2, seed)
    eps = 1e-9
    corners_side, verts_side = _locate(np.stack([c - eps * normal, c + eps * normal]))
    both = np.stack([c, c])
    values = _field_with(both, corners_side, verts_side, r2, seed)
    grads = _gradient_with(both, corners_side, verts_side, r2, seed)
    return GradientLine(
        N=n, r2=r2, t=t,
        value=_field_with(pts, corners, verts, r2, seed),
        gradient=grad,
        slope=grad @ normal,
        crossing=c, normal=normal,
        value_before=float(values[0]), value_after=float(values[1]),
        gradient_before=grads[0], gradient_after=grads[1],
    )
