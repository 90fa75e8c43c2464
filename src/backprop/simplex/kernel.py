"""The kernel ``max(0, r² − d²)⁴`` of simplex noise near a facet, and the noise and its gradient.

- :func:`kernel_along_line`: the kernel of one vertex, and a noise-like sum, along a line crossing the
  facet opposite that vertex: ``r² = 0.6`` leaves a seam there, ``r² = 0.5`` does not;
- :func:`noise` and :func:`noise_gradient`: the noise and its gradient by the hand-derived formula;
  :func:`noise_graph` and :func:`engine_gradient`: the same gradient from one backward sweep of the
  autodiff engine; :func:`gradient_along_line`: both along the line, with their jumps at the facet.

Plain NumPy arrays; the figures are drawn in ``backprop.figures``.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from .._validate import dimension, one_point, point_rows, positive_float
from .lattice import float_factors, locate

__all__ = [
    "KernelLine",
    "kernel_along_line",
    "noise",
    "noise_gradient",
    "NoiseGraph",
    "noise_graph",
    "engine_gradient",
    "GradientLine",
    "gradient_along_line",
]


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
    F, G = float_factors(n)
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
    n = dimension(n, 2, why="for a line crossing a facet")
    r2 = positive_float(r2, "r2")
    if t is None:
        t = np.linspace(-0.75, 0.5, 400)
    t = np.asarray(t, dtype=np.float64).ravel()
    c, normal = _crossing(n, offset)
    pts = c[None, :] + t[:, None] * normal[None, :]
    corners, verts = locate(pts)
    is_vertex = np.all(corners == 0.0, axis=2).any(axis=1)
    d2 = np.sum(pts**2, axis=1)
    unmasked = np.maximum(0.0, r2 - d2) ** 4
    field = _field_with(pts, corners, verts, r2, seed)
    # both sides of the crossing, evaluated at the crossing point itself
    eps = 1e-9
    side = np.stack([c - eps * normal, c + eps * normal])
    corners_side, verts_side = locate(side)
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


def noise(points, r2=0.5, seed=0) -> np.ndarray:
    """``n(x) = Σ_v max(0, r² − ‖x − v‖²)⁴ (γ_v · (x − v))`` over the vertices ``v`` of the simplex
    containing ``x``, with the fixed pseudo-random unit gradients ``γ_v`` of :class:`KernelLine`.

    ``points``: shape ``(m, N)`` (or ``(N,)``); returns shape ``(m,)``. No output scaling (implementations
    multiply by a constant such as 32 to fill ``[-1, 1]``).
    """
    pts = point_rows(points)
    corners, verts = locate(pts)
    return _field_with(pts, corners, verts, positive_float(r2, "r2"), seed)


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
    pts = point_rows(points)
    corners, verts = locate(pts)
    return _gradient_with(pts, corners, verts, positive_float(r2, "r2"), seed)


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
        from ..autodiff import topological_order

        return len(topological_order(self.n))


def noise_graph(x, r2=0.5, seed=0, locate_at=None) -> NoiseGraph:
    """Build ``n(x)`` from ``Value`` nodes: ``+``, ``−``, ``×``, ``relu`` (for ``max(0, ·)``) and ``**4``.

    ``x``: one point, shape ``(N,)``. The simplex is located (skew, floor, sort) at ``locate_at``
    (default ``x``): the lookup is piecewise constant, so it is not part of the graph; give a point just
    on one side of a facet to take the limit of ``∇n`` from that side at a point of the facet.
    """
    from ..autodiff import Value

    pt = one_point(x, "x")
    at = pt if locate_at is None else point_rows(locate_at, "locate_at", pt.shape[1])
    r2 = positive_float(r2, "r2")
    corners, verts = locate(at)
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
    n = dimension(n, 2, why="for a line crossing a facet")
    r2 = positive_float(r2, "r2")
    t = np.linspace(-0.25, 0.25, 401) if t is None else np.asarray(t, dtype=np.float64).ravel()
    c, normal = _crossing(n, offset)
    pts = c[None, :] + t[:, None] * normal[None, :]
    corners, verts = locate(pts)
    grad = _gradient_with(pts, corners, verts, r2, seed)
    eps = 1e-9
    corners_side, verts_side = locate(np.stack([c - eps * normal, c + eps * normal]))
    both = np.stack([c, c])
    values = _field_with(both, corners_side, verts_side, r2, seed)
    grads = _gradient_with(both, corners_side, verts_side, r2, seed)
    return GradientLine(
        N=n,
        r2=r2,
        t=t,
        value=_field_with(pts, corners, verts, r2, seed),
        gradient=grad,
        slope=grad @ normal,
        crossing=c,
        normal=normal,
        value_before=float(values[0]),
        value_after=float(values[1]),
        gradient_before=grads[0],
        gradient_after=grads[1],
    )
