"""Learning rates on a network (chapter 8): a sweep of ``η`` over seeds, and the curvature during training.

:func:`eta_sweep` draws, per ``η``, the final cost of several seeds and how many of them trained; where the
outcome of a run depends on rounding it draws only bounds that hold on any processor.

:func:`sharpness_curves` draws ``λ_max`` of the full-batch Hessian per epoch.
One band per learning rate ``η``: the median of ``λ_max`` over several seeds, the range shaded, and a
dashed line at ``2/η``, the largest curvature a step of size ``η`` is stable on for a quadratic cost. The
runs come from :func:`backprop.curvature.sharpness_during_training`.
"""

from __future__ import annotations

import numpy as np

from .._validate import instance, positive_int
from .style import BLUE, GREEN, GREY, ORANGE, PURPLE, RED, Drawing, figure, figure_axes

__all__ = ["EtaSweep", "SharpnessCurves", "eta_sweep", "sharpness_curves"]

SHARPNESS_ALT = (
    "The largest eigenvalue of the full-batch Hessian of the cost, lambda_max, after each epoch "
    "of training, for several learning rates eta, with dashed lines at 2/eta."
)

_COLORS = (BLUE, ORANGE, GREEN, PURPLE)


class SharpnessCurves(Drawing):
    """State: ``etas`` and, per ``η``, the per-epoch ``median`` of ``λ_max`` over the runs."""

    def __init__(self, fig, artists, etas, medians, n_runs):
        super().__init__(fig, artists)
        self.etas, self.medians, self.n_runs = etas, medians, n_runs

    def describe(self) -> str:
        epochs = len(self.medians[self.etas[0]]) - 1
        parts = "; ".join(
            f"eta = {eta:g}: from {m[0]:.2f} to {m[-1]:.2f} (2/eta = {2 / eta:.2f})" for eta, m in self.medians.items()
        )
        return (
            f"lambda_max of the full-batch Hessian of the cost after each of {epochs} epochs of training, "
            f"the median of {self.n_runs} seeds as a line and their range shaded, for eta = "
            + ", ".join(f"{eta:g}" for eta in self.etas)
            + ", with dashed lines at 2/eta where they fall inside the plot. The median goes "
            + parts
            + "."
        )


@figure(alt=SHARPNESS_ALT)
def sharpness_curves(runs: dict, *, ymax: float = 1.6) -> SharpnessCurves:
    """``runs``: ``η`` → a list of ``SharpnessRun`` (one per seed, same number of epochs).

    Artists: ``axes``, and per ``η`` the ``medians`` line, the ``bands`` (range over the runs) and the
    ``limits`` line at ``2/η`` (absent when ``2/η`` is above ``ymax``).
    """
    if not instance(runs, dict, "runs", "{eta: runs}"):
        raise ValueError("sharpness_curves needs at least one learning rate with its runs")
    fig, ax = figure_axes(None, 6.0, 3.2)
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
        art["bands"][eta] = ax.fill_between(epochs, lam.min(axis=0), lam.max(axis=0), color=color, alpha=0.18, lw=0)
        (art["medians"][eta],) = ax.plot(epochs, med, color=color, label=f"η = {eta:g}")
        if 2 / eta <= ymax:
            art["limits"][eta] = ax.axhline(2 / eta, color=color, ls="--", lw=1)
    ax.set(xlabel="epoch", ylabel=r"$\lambda_{\max}$ of the Hessian", xlim=(0, len(epochs) - 1), ylim=(0, ymax))
    ax.legend(loc="upper right", ncol=len(runs))
    return SharpnessCurves(fig, art, tuple(runs), medians, n_runs)


ETA_SWEEP_ALT = (
    "Final cost and number of trained runs over several seeds for each learning rate eta of a sweep, "
    "with bounds where the outcome depends on rounding."
)


def _g(v: float) -> str:
    return f"{v:.2g}"


class EtaSweep(Drawing):
    """State: per stable ``η`` the final ``costs`` of the runs, per chaotic ``η`` the cost ``bounds``, and
    per ``η`` the runs that ``reached`` the target (a count, or a ``(low, high)`` range)."""

    def __init__(self, fig, artists, costs, bounds, reached, n_runs, target):
        super().__init__(fig, artists)
        self.costs, self.bounds, self.reached = costs, bounds, reached
        self.n_runs, self.target = n_runs, target

    def describe(self) -> str:
        def runs(eta):
            r = self.reached[eta]
            return f"{r[0]} to {r[1]}" if isinstance(r, tuple) else f"{r}"

        stable = "; ".join(
            f"eta = {eta:g}: median {_g(np.median(c))}, range {_g(min(c))} to {_g(max(c))}, {runs(eta)} runs trained"
            for eta, c in self.costs.items()
        )
        chaotic = "; ".join(
            f"eta = {eta:g}: between {_g(lo)} and {_g(hi)}, {runs(eta)} runs trained"
            for eta, (lo, hi) in self.bounds.items()
        )
        text = (
            f"Two panels over the learning rate eta on a log axis, {self.n_runs} seeds per rate. Left: the "
            "final cost on a log axis, the median as a dot and the range of the seeds as a bar. Right: "
            f"the number of runs reaching {self.target:.0%} accuracy. " + stable + "."
        )
        if chaotic:
            text += (
                " Where the outcome depends on rounding, a hatched band shows bounds that hold for every "
                "run instead: " + chaotic + "."
            )
        return text


@figure(alt=ETA_SWEEP_ALT)
def eta_sweep(costs: dict, reached: dict, *, bounds: dict | None = None, n_runs: int, target: float = 0.99) -> EtaSweep:
    """A learning-rate sweep. ``costs``: ``η`` → the final costs of the runs (rates whose outcome is stable);
    ``bounds``: ``η`` → ``(low, high)``, bounds on every final cost where the outcome depends on rounding;
    ``reached``: ``η`` (every rate) → the number of runs reaching ``target`` accuracy, or a ``(low, high)``
    range; ``n_runs``: runs per rate.

    Artists: ``cost_axes``, ``runs_axes``, ``medians`` (the line through the stable medians), per ``η`` the
    ``ranges`` bars, the ``bands`` (chaotic rates) and the ``bars`` of trained runs.
    """
    bounds = dict(bounds or {})
    n_runs = positive_int(n_runs, "n_runs")
    if not costs:
        raise ValueError("eta_sweep needs at least one learning rate with its final costs")
    if set(costs) & set(bounds):
        raise ValueError("a learning rate has either final costs or bounds, not both")
    etas = sorted(set(costs) | set(bounds))
    if set(reached) != set(etas):
        raise ValueError("reached needs one entry per learning rate")
    fig, (ax, bx) = figure_axes(None, 6.4, 3.0, ncols=2)
    fig.subplots_adjust(left=0.1, right=0.98, bottom=0.17, top=0.92, wspace=0.32)
    art = {"cost_axes": ax, "runs_axes": bx, "ranges": {}, "bands": {}, "bars": {}}
    stable = sorted(costs)
    med = [float(np.median(costs[eta])) for eta in stable]
    for eta in stable:
        art["ranges"][eta] = ax.vlines(eta, min(costs[eta]), max(costs[eta]), color=BLUE, lw=2, alpha=0.5)
    (art["medians"],) = ax.plot(stable, med, "o-", color=BLUE, ms=5, label="median, range")
    for i, (eta, (lo, hi)) in enumerate(bounds.items()):
        art["bands"][eta] = ax.fill_between(
            [eta / 1.25, eta * 1.25],
            lo,
            hi,
            color=RED,
            alpha=0.15,
            hatch="///",
            lw=0,
            label=None if i else "depends on rounding",
        )
    ax.set(xscale="log", yscale="log", xlabel="learning rate η", ylabel="final cost")
    ax.legend(loc="lower left", fontsize=8)
    for eta in etas:
        r = reached[eta]
        if isinstance(r, tuple):
            art["bars"][eta] = bx.bar(
                eta, r[1] - r[0], bottom=r[0], width=eta * 0.4, color=RED, alpha=0.15, hatch="///", edgecolor=RED, lw=0
            )
        else:
            color = GREEN if r == n_runs else GREY
            art["bars"][eta] = bx.bar(eta, r, width=eta * 0.4, color=color)
            bx.plot(eta, r, "o", color=color, ms=4, clip_on=False)
    bx.set(xscale="log", xlabel="learning rate η", ylabel=f"runs reaching {target:.0%}", ylim=(0, n_runs + 0.5))
    for axes in (ax, bx):
        axes.set_xticks(etas, [f"{eta:g}" for eta in etas], fontsize=8)
        axes.minorticks_off()
    return EtaSweep(fig, art, {eta: list(costs[eta]) for eta in stable}, bounds, dict(reached), n_runs, target)
