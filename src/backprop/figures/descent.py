"""Gradient descent: a path over a cost surface, with the cost per step.

On the quadratic bowl ``C = ½ Σ h_i θ_i²`` gradient descent multiplies each coordinate by ``1 − η h_i`` per
step, so its behaviour is known exactly (:func:`bowl_regime`); the descent plot describes the path from that
analysis, not from how far the cost happened to drop.
"""

from __future__ import annotations

from typing import NamedTuple, Optional

import numpy as np

from .. import _validate
from .style import BLUE, GREEN, GREY, INK, RED, Drawing, book_style, figure, new_figure, set_limits

__all__ = ["Regime", "bowl_regime", "descent_status", "DescentPlot", "gradient_descent_plot"]

#: Tolerance of the exact analysis: ``|1 − η h| = 1`` within this counts as the boundary itself (so that
#: η = 0.2 on ``h = 10`` is "oscillates forever" even when ``0.2 · 10`` is rounded).
TOL = 1e-9


class Regime(NamedTuple):
    """What gradient descent with rate ``eta`` does on a quadratic bowl, from ``factors[i] = 1 − η h_i``.

    ``status``: "converges", "oscillates but converges", "oscillates forever", "oscillates and diverges",
    "diverges" or "stalls". ``rate``: the largest ``|1 − η h_i|``, the factor by which the distance to the
    minimum shrinks (below 1) or grows per step in the long run. ``fastest``: ``η = 2 / (h_min + h_max)``,
    the rate that minimises ``rate``. ``detail``: one sentence for alt texts.
    """

    status: str
    factors: tuple
    rate: float
    fastest: bool
    detail: str


def bowl_regime(h, eta: float, theta0=None) -> Regime:
    """Classify gradient descent with learning rate ``eta`` on the bowl with curvatures ``h`` exactly.

    Coordinate ``i`` evolves as ``θ_i(t) = (1 − η h_i)^t θ_i(0)``: it converges if ``|1 − η h_i| < 1``,
    keeps its size forever if ``|1 − η h_i| = 1`` (for ``h_i > 0``: flips sign with constant amplitude, at
    ``η = 2 / h_i``), and grows if ``|1 − η h_i| > 1``; a negative factor flips its sign every step. Only
    coordinates where ``theta0`` is non-zero count (all, if ``theta0`` is not given).
    """
    h = np.atleast_1d(np.asarray(h, dtype=float))
    eta = float(eta)
    t0 = None if theta0 is None else np.atleast_1d(np.asarray(theta0, dtype=float))
    active = np.ones(h.shape, bool) if t0 is None else t0 != 0
    r = 1.0 - eta * h
    if not active.any():
        return Regime("converges", tuple(r), 0.0, False, "It starts at the minimum and stays there.")
    ra = np.abs(r[active])
    rate = float(ra.max())
    idx = np.flatnonzero(active)
    worst = int(idx[np.argmax(ra)])
    name = f"θ{worst + 1}" if h.size > 1 else "θ"
    hs = h[active]
    fastest = hs.size > 1 and abs(eta - 2.0 / (hs.min() + hs.max())) <= TOL * max(1.0, eta)
    flips = [f"θ{i + 1}" if h.size > 1 else "θ" for i in idx if r[i] < -TOL]
    if rate > 1 + TOL:
        status = "oscillates and diverges" if r[worst] < 0 else "diverges"
        detail = (
            f"{name} is multiplied by {r[worst]:.3f} each step"
            + (", so it flips sign and grows" if r[worst] < 0 else ", so it grows")
            + f": η h = {eta * h[worst]:.3f} is beyond 2."
        )
    elif rate >= 1 - TOL:
        if r[worst] < 0:
            status = "oscillates forever"
            amp = "" if t0 is None else f", between {abs(t0[worst]):g} and {-abs(t0[worst]):g}"
            detail = (
                f"{name} is multiplied by exactly -1 each step (η h = 2): it flips sign with constant "
                f"amplitude{amp}, neither converging nor diverging."
            )
        else:
            status = "stalls"
            detail = f"{name} does not move: its curvature is zero."
    else:
        status = "oscillates but converges" if flips else "converges"
        detail = (
            f"{', '.join(flips)} flip{'s' if len(flips) == 1 else ''} sign every step while shrinking; "
            if flips
            else "No coordinate changes sign; "
        )
        detail += f"the distance to the minimum shrinks by a factor {rate:.3f} per step in the long run"
        if fastest:
            detail += f", the fastest possible: η = 2/(h_min + h_max) = {eta:.4g}"
        detail += "."
    return Regime(status, tuple(float(x) for x in r), rate, bool(fastest), detail)


def descent_status(costs=None, *, h=None, eta: Optional[float] = None, theta0=None) -> str:
    """The regime of a gradient descent run.

    With the bowl's curvatures ``h`` and the rate ``eta``: exact, from :func:`bowl_regime`. Otherwise a
    guess from the cost sequence alone (any surface): "diverges" if the cost ends above where it started or
    is not finite, "barely moves" if it ends above 0.9 of its start, else "converges"; it cannot tell a
    path that oscillates forever from one that converges slowly.
    """
    if h is not None and eta is not None:
        return bowl_regime(h, eta, theta0).status
    costs = np.asarray(costs, dtype=float)
    if costs.size < 2:
        return "no steps"
    if not np.all(np.isfinite(costs)) or costs[-1] > costs[0] * 1.0001:
        return "diverges"
    if costs[-1] > costs[0] * 0.9:
        return "barely moves"
    return "converges"


def _infer_eta(f, path) -> Optional[float]:
    """The rate of a plain gradient descent path on a quadratic bowl ``f`` (``None`` if it is not one)."""
    h = getattr(f, "h", None)
    if h is None or len(path) < 2:
        return None
    h = np.asarray(h, dtype=float)
    g = h * path[0]
    i = int(np.argmax(np.abs(g)))
    if g[i] == 0:
        return None
    eta = float((path[0, i] - path[1, i]) / g[i])
    if eta <= 0 or not np.allclose(path[1], path[0] - eta * g, rtol=1e-9, atol=1e-12):
        return None
    return eta


GRADIENT_DESCENT_ALT = (
    "Gradient descent on a cost surface. Left: contour lines of the cost and the path of the parameters, "
    "step by step. Right: the cost after each step on a logarithmic scale."
)


class DescentPlot(Drawing):
    """State: ``f`` (the surface), ``dim``, ``path`` (steps + 1, dim), ``eta`` (known or inferred on a
    bowl, else ``None``), ``regime`` (a :class:`Regime`, or ``None`` off the bowl), ``status``, ``label``."""

    def __init__(self, fig, artists, f, dim):
        super().__init__(fig, artists)
        self.f, self.dim = f, dim
        self.path = self.eta = self.regime = self.status = None
        self.label = ""

    def describe(self) -> str:
        costs = self.f(self.path.T)
        n = len(self.path) - 1
        start = ", ".join(f"{v:g}" for v in self.path[0])
        where = "the cost curve" if self.dim == 1 else "the contours of the cost"
        text = (
            f"{self.label}Gradient descent path of {n} step{'s' if n != 1 else ''} from ({start}) over {where}, "
            f"with the cost per step on a log scale beside it: it {self.status}; the cost goes from "
            f"{costs[0]:.3g} to {costs[-1]:.3g}."
        )
        if self.regime is not None:
            text += " " + self.regime.detail
        return text

    def set_path(
        self,
        path,
        max_steps: Optional[int] = None,
        cost_ylim=(1e-6, 1e4),
        label: str = "",
        eta: Optional[float] = None,
    ) -> str:
        """Redraw the path and the cost per step; returns the alt text.

        On a quadratic bowl the status comes from :func:`bowl_regime` with ``eta`` (read off the path's first
        step if not given); on other surfaces from :func:`descent_status`'s cost heuristic.
        """
        art = self.artists
        path = _validate.path(path, dims=(self.dim,))
        f = self.f
        costs = _costs(f, path.T)
        if self.dim == 1:
            art["path"].set_data(path[:, 0], costs)
            art["start"].set_data([path[0, 0]], [costs[0]])
        else:
            art["path"].set_data(path[:, 0], path[:, 1])
            art["start"].set_data([path[0, 0]], [path[0, 1]])
        steps = np.arange(len(costs))
        art["cost"].set_data(steps, np.clip(costs, cost_ylim[0], cost_ylim[1] * 10))
        set_limits(art["axes"][1], (-0.5, max(len(costs) - 1, max_steps or 1) + 0.5), cost_ylim)
        eta = _infer_eta(f, path) if eta is None else float(eta)
        if eta is not None and getattr(f, "h", None) is not None:
            self.regime = bowl_regime(f.h, eta, path[0])
            status = self.regime.status
        else:
            self.regime = None
            status = descent_status(costs)
            # Oscillation: the sign of the steepest coordinate flips from step to step.
            coord = path[:, -1]
            flips = np.sum(np.sign(coord[1:]) * np.sign(coord[:-1]) < 0) if len(coord) > 2 else 0
            if flips >= max(2, (len(coord) - 1) // 2) and status in ("converges", "diverges"):
                status = "oscillates but converges" if status == "converges" else "oscillates and diverges"
        self.path, self.eta, self.status, self.label = path, eta, status, label
        art["status"].set_text(f"{label}{len(costs) - 1} steps: {status}; final cost {costs[-1]:.3g}")
        self._changed()
        return self.alt


def _costs(f, points: np.ndarray) -> np.ndarray:
    """``f(points)``: the cost at each point, ``points`` of shape ``(dim, ...)`` (one row per parameter)."""
    dim = points.shape[0]
    try:
        costs = np.asarray(f(points), dtype=np.float64)
    except TypeError as exc:
        raise TypeError(
            f"f must take one argument, an array with the parameters along its first axis (length {dim} for "
            f"this path, as training.QuadraticBowl does), and return the costs; f(points) raised: {exc}"
        ) from None
    if costs.shape != points.shape[1:]:
        raise ValueError(
            f"f must return one cost per point: shape {points.shape[1:]} for points of shape {points.shape}, "
            f"got {costs.shape}"
        )
    return costs


@figure(alt=GRADIENT_DESCENT_ALT)
def gradient_descent_plot(
    ax=None, *, f, path, xlim=(-2.2, 2.2), ylim=(-1.2, 1.2), title=None, eta: Optional[float] = None
) -> DescentPlot:
    """Gradient descent on a cost surface ``f``: the path over the surface (left) and cost per step (right).

    ``path``: array ``(steps+1, dim)`` with ``dim`` 1 (a curve) or 2 (contours), e.g. from
    ``training.descend``. ``f`` maps an array of parameters (``dim`` leading axis) to costs, like
    ``training.QuadraticBowl`` (on a bowl the regime is exact; ``eta`` is read off the path if not given).
    Artists: ``path`` and ``start`` Line2D, ``cost`` Line2D, ``status`` Text. Update with
    :meth:`DescentPlot.set_path`.
    """
    path = _validate.path(path)
    f = _validate.function(f, "f (the cost surface)")
    dim = path.shape[1]
    if getattr(f, "h", None) is not None and len(f.h) != dim:
        raise ValueError(f"path must have {len(f.h)} columns, one per curvature of the bowl f, got shape {path.shape}")
    if ax is None:
        fig = new_figure(6, 3.6)
        with book_style():
            axes = fig.subplots(1, 2, gridspec_kw={"width_ratios": [1.35, 1]})
        fig.subplots_adjust(left=0.1, right=0.98, top=0.88, bottom=0.14, wspace=0.32)
    else:
        axes = np.atleast_1d(ax)
        fig = axes[0].figure
    art = {"axes": axes}
    s = axes[0]
    if dim == 1:
        xx = np.linspace(*xlim, 300)
        s.plot(xx, _costs(f, xx[None, :]), color=INK, lw=1.5)
        s.set_xlabel(r"$\theta$")
        s.set_ylabel(r"$C(\theta)$")
    else:
        xx, yy = np.meshgrid(np.linspace(*xlim, 120), np.linspace(*ylim, 80))
        zz = _costs(f, np.stack([xx, yy]))
        s.contour(xx, yy, zz, levels=np.geomspace(max(zz.min(), 1e-3) + 1e-3, zz.max(), 9), colors=GREY, linewidths=0.8)
        s.plot([0], [0], "*", color=GREEN, ms=11, zorder=4)
        s.set_xlabel(r"$\theta_1$")
        s.set_ylabel(r"$\theta_2$")
        s.set_aspect("equal", adjustable="box")
        s.grid(False)
    (art["path"],) = s.plot([], [], "-o", color=RED, ms=3.5, lw=1.2)
    s.set_xlim(*xlim)
    if dim == 2:
        s.set_ylim(*ylim)
    (art["start"],) = s.plot([], [], "s", color=BLUE, ms=7, zorder=5)
    c = axes[1]
    (art["cost"],) = c.semilogy([], [], "-o", color=RED, ms=3, lw=1.2)
    c.set_xlabel("step")
    c.set_ylabel("cost")
    art["status"] = fig.text(0.02, 0.98, title or "", ha="left", va="top", fontsize=10)
    d = DescentPlot(fig, art, f, dim)
    d.set_path(path, eta=eta)
    return d
