"""Gradient descent with momentum on the bowl ``h = (1, 10)`` (chapter 4).

Learning rate ``η`` and momentum ``β`` are the controls (``β = 0`` is plain
gradient descent). The path's status comes from the exact analysis of
``landscapes.heavy_ball_rate``, not from the plain-descent regime of
``figures.bowl_regime``, which does not apply once ``β > 0``.
"""

from __future__ import annotations

import numpy as np

from .. import figures as F
from ..landscapes import heavy_ball, heavy_ball_eta_critical, heavy_ball_rate
from .._validate import integer, same_shape
from ..training import QuadraticBowl
from .core import BookWidget, Control, build, register

__all__ = ["momentum_explorer", "MOMENTUM_BETAS", "MOMENTUM_STATIC_ETAS"]

#: The momentum settings: off, about Polyak's optimum for h = (1, 10), more.
MOMENTUM_BETAS = (("off (β = 0)", 0.0), ("β = 0.27", 0.27), ("β = 0.5", 0.5), ("β = 0.9", 0.9))
#: Learning rates precomputed for the static page, around the edges
#: 2(1 + β)/10 = 0.2, 0.254, 0.3 and 0.38 of the four settings.
MOMENTUM_STATIC_ETAS = (0.05, 0.1, 2 / 11, 0.2, 0.21, 0.25, 0.31, 0.39)
# |λ| within this of 1: the path neither shrinks nor grows.
_EDGE = 1e-9


def _status(rate: float) -> str:
    if rate > 1 + _EDGE:
        return f"diverges, error × {rate:.3g} per step"
    if rate >= 1 - _EDGE:
        return "oscillates forever, on the edge"
    return f"converges, error × {rate:.3g} per step"


@register
def momentum_explorer(mode: str = "auto", *, curvature=(1.0, 10.0), start=(-2.0, 1.0), steps: int = 30) -> BookWidget:
    """Learning rate ``η`` and momentum ``β`` on ``C = ½(h₁θ₁² + h₂θ₂²)``.

    Heavy-ball descent ``v ← βv − η∇C``, ``θ ← θ + v`` converges iff
    ``0 < η < 2(1 + β)/h_max`` (``landscapes.heavy_ball_eta_critical``).
    """
    same_shape(curvature, (2,), "curvature (h_1, h_2)")
    same_shape(start, (2,), "start (θ_1, θ_2)")
    steps = integer(steps, "steps", 1, 60)
    bowl = QuadraticBowl(tuple(float(h) for h in curvature))

    def setup():
        d = F.gradient_descent_plot(f=bowl, path=np.array([start]), xlim=(-2.5, 2.5), ylim=(-1.5, 1.5))

        def update(v):
            eta, beta = float(v["eta"]), float(v["beta"])
            path = heavy_ball(bowl.grad, start, eta, beta, int(v["steps"]))
            edge = heavy_ball_eta_critical(beta, bowl.h)
            label = f"β = {beta:g}, η = {eta:.3g} (edge {edge:.3g}): "
            d.set_path(path, max_steps=60, label=label, eta=eta)
            # The plain-descent regime does not apply with momentum:
            # replace it with the heavy ball's exact rate.
            status = _status(heavy_ball_rate(eta, beta, bowl.h))
            costs = bowl(path.T)
            d.regime, d.status = None, status
            d.artists["status"].set_text(f"{label}{len(path) - 1} steps, {status}")
            return (
                f"Descent with momentum beta = {beta:g} and learning "
                f"rate eta = {eta:.3g} on the bowl h = "
                f"{tuple(bowl.h)} from {tuple(start)}, {len(path) - 1} "
                f"steps, with the cost per step beside it: it {status}; "
                f"the edge of convergence is eta = {edge:.3g}; the cost "
                f"goes from {costs[0]:.3g} to {costs[-1]:.3g}."
            )

        return d, update

    specs = [
        Control("eta", "learning rate η", 0.1, 0.005, 0.4, 0.005, static=list(MOMENTUM_STATIC_ETAS), fmt="{:.3g}"),
        Control("beta", "momentum", 0.0, options=list(MOMENTUM_BETAS), static=[b for _, b in MOMENTUM_BETAS]),
        Control("steps", "steps", steps, 1, 60, 1, integer=True),
    ]
    return build("momentum_explorer", specs, setup, mode)
