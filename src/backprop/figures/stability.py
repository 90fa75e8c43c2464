"""The curvature of the cost during training (chapter 8): ``λ_max`` of the full-batch Hessian per epoch.

One band per learning rate ``η``: the median of ``λ_max`` over several seeds, the range shaded, and a
dashed line at ``2/η``, the largest curvature a step of size ``η`` is stable on for a quadratic cost. The
runs come from :func:`backprop.curvature.sharpness_during_training`.
"""

from __future__ import annotations

import numpy as np

from .style import BLUE, GREEN, ORANGE, PURPLE, Drawing, _axes, figure

__all__ = ["SharpnessCurves", "sharpness_curves"]

SHARPNESS_ALT = ("The largest eigenvalue of the full-batch Hessian of the cost, lambda_max, after each epoch "
                 "of training, for several learning rates eta, with dashed lines at 2/eta.")

_COLORS = (BLUE, ORANGE, GREEN, PURPLE)


class SharpnessCurves(Drawing):
    """State: ``etas`` and, per ``η``, the per-epoch ``median`` of ``λ_max`` over the runs."""

    def __init__(self, fig, artists, etas, medians, n_runs):
        super().__init__(fig, artists)
        self.etas, self.medians, self.n_runs = etas, medians, n_runs

    def describe(self) -> str:
        epochs = len(self.medians[self.etas[0]]) - 1
        parts = "; ".join(
            f"eta = {eta:g}: from {m[0]:.2f} to {m[-1]:.2f} (2/eta = {2 / eta:.2f})"
            for eta, m in self.medians.items())
        return (f"lambda_max of the full-batch Hessian of the cost after each of {epochs} epochs of training, "
                f"the median of {self.n_runs} seeds as a line and their range shaded, for eta = "
                + ", ".join(f"{eta:g}" for eta in self.etas)
                + ", with dashed lines at 2/eta where they fall inside the plot. The median goes " + parts
                + ".")


@figure(alt=SHARPNESS_ALT)
def sharpness_curves(runs: dict, *, ymax: float = 1.6) -> SharpnessCurves:
    """``runs``: ``η`` → a list of ``SharpnessRun`` (one per seed, same number of epochs).

    Artists: ``axes``, and per ``η`` the ``medians`` line, the ``bands`` (range over the runs) and the
    ``limits`` line at ``2/η`` (absent when ``2/η`` is above ``ymax``).
    """
    if not runs:
        raise ValueError("sharpness_curves needs at least one learning rate with its runs")
    fig, ax = _axes(None, 6.0, 3.2)
    fig.subplots_adjust(left=0.11, right=0.97, bottom=0.16, top=0.95)
    art = {"axes": ax, "medians": {}, "bands": {}, "limits": {}}
    medians, n_runs = {}, None
    for (eta, group), color in zip(runs.items(), _COLORS):
        lam = np.array([r.sharpness for r in group])
        if lam.ndim != 2:
            raise ValueError(f"the runs at eta = {eta:g} must all have the same number of epochs")
        n_runs = len(group)
        epochs = np.arange(lam.shape[1])
        med = np.median(lam, axis=0)
        medians[eta] = med
        art["bands"][eta] = ax.fill_between(epochs, lam.min(axis=0), lam.max(axis=0), color=color,
                                            alpha=0.18, lw=0)
        (art["medians"][eta],) = ax.plot(epochs, med, color=color, label=f"η = {eta:g}")
        if 2 / eta <= ymax:
            art["limits"][eta] = ax.axhline(2 / eta, color=color, ls="--", lw=1)
    ax.set(xlabel="epoch", ylabel=r"$\lambda_{\max}$ of the Hessian", xlim=(0, len(epochs) - 1),
           ylim=(0, ymax))
    ax.legend(loc="upper right", ncol=len(runs))
    return SharpnessCurves(fig, art, tuple(runs), medians, n_runs)
