"""Figures of the deep-networks chapter: the size of the weight gradient, layer by layer."""

from __future__ import annotations

import numpy as np

from .._validate import instance, positive_float
from .style import BLUE, GREEN, ORANGE, Drawing, figure, figure_axes

__all__ = ["GradientNormPlot", "gradient_norm_plot"]

GRADIENT_NORM_ALT = (
    "The size of the weight gradient in each layer of a deep network, on a log scale, one line per hidden activation."
)
_COLORS = {"sigmoid": BLUE, "tanh": ORANGE, "relu": GREEN}
_STYLES = {"sigmoid": "-", "tanh": "--", "relu": ":"}


def _scale_text(scale, tex: bool = False) -> str:
    """``s = 1.41``, or for standard Gaussian weights (``scale`` a string) ``s = sqrt(n_{l-1})``."""
    if isinstance(scale, str):
        return r"$s = \sqrt{n_{l-1}}$" if tex else "s = sqrt(n_{l-1}) (standard Gaussian weights)"
    return f"$s = {scale:.3g}$" if tex else f"s = {scale:.3g}"


def _scale(scale):
    """``scale`` as drawn: a positive ``float``, or the string ``backprop.deep.UNSCALED``."""
    from ..deep import UNSCALED

    if isinstance(scale, str):
        if scale != UNSCALED:
            raise ValueError(f"scale must be a positive number or {UNSCALED!r}, got {scale!r}")
        return scale
    return positive_float(scale, "scale")


class GradientNormPlot(Drawing):
    """State: ``norms`` (activation → ``‖∂C/∂w^[l]‖`` for ``l = 1..L``) and ``scale`` (the ``s`` of the
    initialization they were measured at, a number, or a string for standard Gaussian weights)."""

    def __init__(self, fig, artists):
        super().__init__(fig, artists)
        self.norms, self.scale = {}, None

    def describe(self) -> str:
        scale = _scale_text(self.scale)
        parts = [f"{name} {v[0]:.1e} in layer 1 and {v[-1]:.1e} in layer {len(v)}" for name, v in self.norms.items()]
        return (
            f"Size of the weight gradient in each layer of a deep network, on a log scale, with weights "
            f"initialized at scale {scale}: " + "; ".join(parts) + "."
        )

    def set_norms(self, norms: dict, scale: float) -> str:
        """Show ``norms`` (the activations drawn) measured at initialization scale ``scale``."""
        scale = _scale(scale)
        unknown = set(norms) - set(self.artists["lines"])
        if unknown:
            raise ValueError(f"no line for {sorted(unknown)}; the plot has {sorted(self.artists['lines'])}")
        for name, values in norms.items():
            self.artists["lines"][name].set_ydata(np.asarray(values, dtype=float))
        self.artists["title"].set_text(f"weights start as $N(0,\\, s^2/n_{{l-1}})$ with {_scale_text(scale, True)}")
        self.norms = {k: np.asarray(v, dtype=float) for k, v in norms.items()}
        self.scale = scale if isinstance(scale, str) else float(scale)
        self._changed()
        return self.alt


@figure(alt=GRADIENT_NORM_ALT)
def gradient_norm_plot(norms: dict, *, scale: float = 1.0, ylim=(1e-12, 1e8)) -> GradientNormPlot:
    """``norms``: ``{activation: ‖∂C/∂w^[l]‖ for l = 1..L}``, one line each on a log scale.

    ``scale``: the initialization scale ``s`` they were measured at (shown in the title); a string
    (``backprop.deep.UNSCALED``) for standard Gaussian weights, ``s = sqrt(n_{l-1})``.
    Artists: ``ax``, ``lines`` (by activation), ``title``.
    """
    if not instance(norms, dict, "norms", "{activation: norms per layer}"):
        raise ValueError("gradient_norm_plot needs the norms of at least one activation")
    scale = _scale(scale)
    fig, ax = figure_axes(None, 6.0, 3.6)
    lines = {}
    for name, values in norms.items():
        values = np.asarray(values, dtype=float)
        (lines[name],) = ax.semilogy(
            np.arange(1, values.size + 1),
            values,
            _STYLES.get(name, "-"),
            marker="o",
            ms=4,
            color=_COLORS.get(name),
            label=name,
        )
    L = max(np.size(v) for v in norms.values())
    ax.set_xticks(np.arange(1, L + 1))
    ax.set_xlim(0.7, L + 0.3)
    ax.set_ylim(*ylim)
    ax.set_xlabel(f"layer $l$ (1 = first hidden layer, {L} = output layer)")
    ax.set_ylabel(r"$\Vert \partial C / \partial w^{[l]} \Vert$")
    ax.legend(loc="lower right", ncol=len(norms))
    title = ax.set_title("")
    fig.subplots_adjust(left=0.15, right=0.97, bottom=0.15, top=0.9)
    d = GradientNormPlot(fig, {"ax": ax, "lines": lines, "title": title})
    d.set_norms(norms, scale)
    return d
