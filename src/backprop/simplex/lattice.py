"""The simplex-noise lattice for a concrete ``N``, checked two independent ways.

- exactly, with SymPy radicals (:func:`exact_lattice_simplex`): the edge lengths (not all equal from
  ``N = 3``) and every vertex's distance to its opposite facet (all ``1/√2``); :func:`foot_is_midpoint`;
- with NumPy, locating random points as simplex noise does (:func:`locate`, :func:`numeric_lattice`) and
  measuring their simplices, for the tests and the chapter's table.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from itertools import combinations

import numpy as np
import sympy as sp

from .._validate import dimension, integer
from .proof import unskew_factor

__all__ = [
    "ExactSimplex",
    "exact_lattice_simplex",
    "foot_is_midpoint",
    "float_factors",
    "locate",
    "NumericLattice",
    "numeric_lattice",
]


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
    return _exact_lattice_simplex(dimension(n))


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
    n = dimension(n, 2, why="for a facet with an edge")
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


def float_factors(n: int) -> tuple:
    """The skew and unskew factors ``(F, G)`` as float64 numbers, as simplex noise computes them."""
    return (np.sqrt(n + 1.0) - 1.0) / n, (1.0 - 1.0 / np.sqrt(n + 1.0)) / n


def locate(points) -> tuple:
    """Simplex-noise lookup for points of shape ``(m, N)``.

    Returns ``(corners, vertices)``: integer skewed coordinates of each point's simplex vertices, shape
    ``(m, N+1, N)``, and their Euclidean positions, same shape. Vertex ``0`` is the cell corner
    ``floor(x')``; vertex ``p`` adds ``e`` along the ``p`` largest fractional parts (ties: lower axis first).
    """
    points = np.atleast_2d(np.asarray(points, dtype=np.float64))
    m, n = points.shape
    F, G = float_factors(n)
    skewed = points + F * points.sum(axis=1, keepdims=True)
    cell = np.floor(skewed)
    frac = skewed - cell
    order = np.argsort(-frac, axis=1, kind="stable")
    steps = np.zeros((m, n + 1, n))
    for p in range(1, n + 1):
        steps[:, p] = steps[:, p - 1]
        steps[np.arange(m), p, order[:, p - 1]] += 1.0
    corners = cell[:, None, :] + steps
    vertices = corners - G * corners.sum(axis=2, keepdims=True)
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
    their simplices (edges, vertex–facet distances). Independent of the SymPy code of this package."""
    n = dimension(n)
    n_points = integer(n_points, "n_points", lo=1)
    rng = np.random.default_rng(seed)
    pts = rng.uniform(-spread, spread, size=(n_points, n))
    _, verts = locate(pts)
    # barycentric coordinates: solve [v_1 - v_0, ..., v_N - v_0] lam = x - v_0
    D = np.transpose(verts[:, 1:] - verts[:, :1], (0, 2, 1))
    lam = np.linalg.solve(D, (pts - verts[:, 0])[..., None])[..., 0]
    bary = np.concatenate([1.0 - lam.sum(axis=1, keepdims=True), lam], axis=1)
    pairs = list(combinations(range(n + 1), 2))
    edges = np.stack([np.sum((verts[:, p] - verts[:, q]) ** 2, axis=1) for p, q in pairs], axis=1)
    heights = np.array([[_np_dist2_to_hull(v[p], np.delete(v, p, axis=0)) for p in range(n + 1)] for v in verts])
    return NumericLattice(n, pts, verts, bary, edges, heights)
