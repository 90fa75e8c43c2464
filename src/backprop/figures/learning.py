"""What training did: the cost per epoch, and the decision boundary a trained network draws in the plane.

:func:`loss_curve` draws a training ``History``'s cost per epoch; :func:`decision_boundary` a 2-input,
1-output network's output over the plane with its boundary ``a = 0.5``, beside the loss curve. The setter
changes the artists and the state together and returns the alt text.
"""

from __future__ import annotations

import numpy as np

from .._validate import as_matrix, instance, same_columns, series
from ..training import History
from .style import BLUE, DIVERGING_CMAP, INK, RED, Drawing, book_style, figure, figure_axes, new_figure, set_limits

__all__ = ["loss_curve", "DecisionBoundary", "decision_boundary", "boundary_line"]


@figure(alt="Training cost per epoch on a logarithmic scale.")
def loss_curve(ax=None, *, history=None, costs=None, label="training cost") -> Drawing:
    """The cost per epoch of a training ``History``, or a list ``costs`` (log scale)."""
    if (history is None) == (costs is None):
        raise TypeError("loss_curve draws either history= (a training History) or costs= (a list), not both")
    if history is not None:
        instance(history, History, "history", "what training.sgd returns")
    costs = series(costs if history is None else history.costs, "costs" if history is None else "history.costs")
    fig, ax = figure_axes(ax, 5, 3.4)
    (line,) = ax.semilogy(np.arange(len(costs)), costs, color=BLUE, label=label)
    ax.set_xlabel("epoch")
    ax.set_ylabel("cost $C$")
    return Drawing(
        fig,
        {"line": line, "axes": ax},
        f"Training cost per epoch on a logarithmic scale over {len(costs) - 1} epochs, from "
        f"{costs[0]:.3g} to {costs[-1]:.3g}.",
    )


DECISION_BOUNDARY_ALT = (
    "Left: two classes of points in the plane and the network's output over the plane, shaded from one "
    "class to the other, with the decision boundary a = 0.5 drawn as a line. Right: the training cost per "
    "epoch."
)


class DecisionBoundary(Drawing):
    """State: the data ``X``, ``Y``; ``output`` (the network output over the grid), ``history``, ``label``."""

    def __init__(self, fig, artists, X, Y, grid, shape, extent):
        super().__init__(fig, artists)
        self.X, self.Y, self.grid, self.shape, self.extent = X, Y, grid, shape, extent
        self.output = self.history = None
        self.label = ""

    def describe(self) -> str:
        n1 = int(np.sum(self.Y[0] >= 0.5))
        n0 = self.Y.shape[1] - n1
        text = (
            f"Left: {n0} points of class 0 (blue circles) and {n1} of class 1 (red triangles) in the plane, "
            f"over the network's output a, shaded blue where a is near 0 and red where it is near 1, with the "
            f"decision boundary a = 0.5 as a black line."
        )
        if self.output is not None:
            share = float(np.mean(self.output >= 0.5))
            text += f" The network assigns {share:.0%} of the plotted plane to class 1."
        h = self.history
        if h is not None:
            costs = np.asarray(h.costs, dtype=float)
            if "loss" in self.artists:
                text += (
                    f" Right: the training cost per epoch on a log scale over {len(costs) - 1} epochs, from "
                    f"{costs[0]:.3g} to {costs[-1]:.3g}."
                )
            acc = h.accuracy[-1] if getattr(h, "accuracy", None) else None
            if h.diverged:
                text += " The training diverged."
            elif acc is not None:
                text += f" Final training accuracy {acc:.0%}."
        return (self.label + " " if self.label else "") + text

    def set_state(self, net=None, history=None, *, output=None, label="") -> str:
        """Update the shaded output and boundary from ``net`` (or precomputed ``output`` over ``self.grid``)."""
        art = self.artists
        if output is None:
            with np.errstate(all="ignore"):
                output = net.feedforward(self.grid)
        P = np.asarray(output, dtype=float).reshape(self.shape)
        P = np.where(np.isfinite(P), P, 0.5)
        art["image"].set_data(P)
        art["boundary"].set_data(*boundary_line(P, self.extent))
        text = label
        if history is not None:
            costs = np.asarray(history.costs, dtype=float)
            if "loss" in art:
                art["loss"].set_data(np.arange(len(costs)), np.where(np.isfinite(costs), costs, np.nan))
                ax = art["axes"][1]
                finite = costs[np.isfinite(costs)]
                lo = float(finite.min()) if finite.size else 1.0
                hi = float(finite.max()) if finite.size else 1.0
                # fixed limits unless the curve leaves them (a limit change costs a full redraw in widgets)
                ylo, yhi = ax.get_ylim()
                set_limits(
                    ax,
                    (0, max(1, len(costs) - 1)),
                    (min(ylo, 10 ** np.floor(np.log10(lo * 0.9))), max(yhi, 10 ** np.ceil(np.log10(hi * 1.1)))),
                )
            acc = history.accuracy[-1] if getattr(history, "accuracy", None) else None
            status = "diverged" if history.diverged else f"cost {costs[-1]:.3f}"
            text = (label + "  " if label else "") + status + (f", accuracy {acc:.0%}" if acc is not None else "")
        art["readout"].set_text(text)
        self.output, self.history, self.label = P, history, label
        self._changed()
        return self.alt


@figure(alt=DECISION_BOUNDARY_ALT)
def decision_boundary(ax=None, *, net, X, Y, history=None, resolution=70, margin=0.5) -> DecisionBoundary:
    """Decision boundary of a trained 2-input, 1-output ``net`` over the data (left) and its loss curve.

    ``X`` (2, m), ``Y`` (1, m) of 0/1 labels. Artists: ``image`` (AxesImage of the output ``a^[L]`` over the
    plane), ``boundary`` Line2D (the level 0.5), ``points`` {0, 1: Line2D}, ``loss`` Line2D, ``readout``
    Text. Update with :meth:`DecisionBoundary.set_state`.
    """
    X, Y = as_matrix(X, "X", rows=2), as_matrix(Y, "Y", rows=1)
    same_columns(X, Y)
    with_loss = history is not None
    if ax is None:
        fig = new_figure(6, 4)
        with book_style():
            if with_loss:
                axes = fig.subplots(1, 2, gridspec_kw={"width_ratios": [1.25, 1]})
            else:
                axes = [fig.add_subplot(1, 1, 1)]
        fig.subplots_adjust(left=0.11, right=0.98, top=0.9, bottom=0.13, wspace=0.3)
    else:
        axes = np.atleast_1d(ax)
        fig = axes[0].figure
    x0, x1 = X[0].min() - margin, X[0].max() + margin
    y0, y1 = X[1].min() - margin, X[1].max() + margin
    gx, gy = np.meshgrid(np.linspace(x0, x1, resolution), np.linspace(y0, y1, resolution))
    art = {"axes": axes}
    s = axes[0]
    # the output a in [0, 1] over the middle of the diverging map: light tints, so the points stay visible
    art["image"] = s.imshow(
        np.zeros(gx.shape),
        origin="lower",
        extent=(x0, x1, y0, y1),
        cmap=DIVERGING_CMAP,
        vmin=-0.6,
        vmax=1.6,
        aspect="auto",
        interpolation="bilinear",
        zorder=0,
    )
    (art["boundary"],) = s.plot([], [], color=INK, lw=1.6, zorder=1)
    lab = Y[0] >= 0.5
    art["points"] = {
        0: s.plot(X[0, ~lab], X[1, ~lab], "o", color=BLUE, mec="white", mew=0.6, ms=4.5, label="class 0")[0],
        1: s.plot(X[0, lab], X[1, lab], "^", color=RED, mec="white", mew=0.6, ms=5, label="class 1")[0],
    }
    s.set_xlim(x0, x1)
    s.set_ylim(y0, y1)
    s.set_xlabel("$x_1$")
    s.set_ylabel("$x_2$")
    s.grid(False)
    s.legend(loc="upper right", fontsize=9, handletextpad=0.2, borderpad=0.3)
    art["readout"] = s.text(0.0, 1.02, "", transform=s.transAxes, ha="left", va="bottom", fontsize=9.5)
    if with_loss:
        c = axes[1]
        (art["loss"],) = c.semilogy([], [], color=BLUE)
        c.set_xlabel("epoch")
        c.set_ylabel("cost $C$")
        c.set_ylim(1e-2, 1.0)
        c.set_xlim(0, 1)
    d = DecisionBoundary(fig, art, X, Y, np.vstack([gx.ravel(), gy.ravel()]), gx.shape, (x0, x1, y0, y1))
    d.set_state(net, history)
    return d


def boundary_line(P, extent, level=0.5):
    """The contour ``P = level`` of a grid over ``extent`` as (x, y) arrays, pieces separated by NaN."""
    import contourpy  # a matplotlib dependency

    x0, x1, y0, y1 = extent
    gx = np.linspace(x0, x1, P.shape[1])
    gy = np.linspace(y0, y1, P.shape[0])
    if not (np.nanmin(P) < level < np.nanmax(P)):
        return np.array([]), np.array([])
    gen = contourpy.contour_generator(gx, gy, P, line_type="ChunkCombinedNan")
    pts = gen.lines(level)[0][0]
    if pts is None:
        return np.array([]), np.array([])
    return pts[:, 0], pts[:, 1]
