"""The seam of simplex noise (the simplex-radius appendix): the kernel of one vertex, and the noise's slope.

:func:`simplex_kernel_plot` draws the kernel of one lattice vertex along a line crossing the facet opposite
it (``backprop.simplex.kernel_along_line``): cut off while still positive, it leaves a seam.
:func:`noise_seam_plot` looks through the gradient: along a line that crosses a facet of the lattice,
the noise ``n`` and its slope ``∂n/∂t = ∇n · n̂`` are drawn in a narrow window around the facet, for a
seamless radius (``r² = 0.5``) and one that leaves a seam (``r² = 0.6``). The lines come from
``backprop.simplex.gradient_along_line`` (the formula for ``∇n``); the open circles, if given, from the
autodiff engine; the two dots at the facet are the limits from either side, whose gap is the jump.
"""

from __future__ import annotations

import numpy as np
from matplotlib.ticker import MaxNLocator

from .._validate import instance
from .style import BLUE, GREY, ORANGE, RED, Drawing, figure, figure_axes, new_figure

__all__ = ["SimplexKernelPlot", "simplex_kernel_plot", "NoiseSeamPlot", "noise_seam_plot"]


def _kernel_line(line):
    """``line`` itself if it is a ``KernelLine`` (imported here: the simplex package loads SymPy)."""
    from ..simplex.kernel import KernelLine

    return instance(line, KernelLine, "line", "made by backprop.simplex.kernel_along_line")


# == the kernel of one vertex ============================================================================
SIMPLEX_KERNEL_ALT = (
    "The kernel of one simplex-noise lattice vertex along a line that crosses the facet opposite that "
    "vertex. With r^2 = 0.5 the kernel has already reached zero at the facet; with a larger r^2 it is "
    "still positive there and is cut off when the vertex stops counting, so the noise jumps: a seam."
)


class SimplexKernelPlot(Drawing):
    """State: ``line`` (a ``backprop.simplex.KernelLine``) and ``root`` (plot the fourth root)."""

    def __init__(self, fig, artists, root):
        super().__init__(fig, artists)
        self.root, self.line = root, None

    def describe(self) -> str:
        line = self.line
        what = "the fourth root of the kernel, max(0, r^2 - d^2)," if self.root else "the kernel"
        seam = line.jump_kernel > 0
        return (
            f"{what[0].upper() + what[1:]} of one simplex-noise vertex along a line crossing the facet opposite "
            f"it, in {line.N} dimensions, with r squared = {line.r2:.2f}; dashed, the kernel if it were not "
            f"cut off. "
            + (
                f"It is still positive at the facet and is cut off there, a jump of {line.jump_kernel:.1e}: a seam."
                if seam
                else "It reaches zero before the facet, so there is no seam."
            )
        )

    def set_line(self, line) -> str:
        """Show the ``KernelLine`` ``line``; returns the alt text."""
        line = _kernel_line(line)
        art = self.artists
        p = 0.25 if self.root else 1.0
        art["kernel"].set_ydata(np.asarray(line.kernel, dtype=float) ** p)
        art["unmasked"].set_ydata(np.asarray(line.kernel_unmasked, dtype=float) ** p)
        seam = line.jump_kernel > 0
        art["readout"].set_text(
            f"$N$ = {line.N}, $r^2$ = {line.r2:.2f}: "
            + (
                f"seam, the kernel jumps by {line.jump_kernel:.1e} at the facet"
                if seam
                else "no seam, the kernel is already 0 at the facet"
            )
        )
        self.line = line
        self._changed()
        return self.alt


@figure(alt=SIMPLEX_KERNEL_ALT)
def simplex_kernel_plot(ax=None, *, line, root: bool = True, ylim=None) -> SimplexKernelPlot:
    """The kernel of one lattice vertex along a line crossing the facet opposite it (the seam test).

    ``line``: a ``backprop.simplex.KernelLine`` (``t``, ``kernel`` as simplex noise evaluates it, 0 outside
    the vertex's simplex; ``kernel_unmasked``; ``r2``; ``t_cross``; ``jump_kernel``). ``root=True`` plots
    ``kernel^(1/4) = max(0, r² − d²)``, where a jump of ``(r² − d²)⁴ ≈ 10⁻⁴`` is visible; ``root=False``
    plots the kernel itself. Artists: ``kernel``, ``unmasked`` Line2D, ``seam`` (vertical line at the facet),
    ``readout`` Text; update with :meth:`SimplexKernelPlot.set_line`.
    """
    line = _kernel_line(line)
    fig, ax = figure_axes(ax, 6, 4)
    art = {"ax": ax}
    t = np.asarray(line.t, dtype=float)
    (art["unmasked"],) = ax.plot(t, t * np.nan, color=GREY, lw=1.4, ls="--", label="kernel if it were not cut off")
    (art["kernel"],) = ax.plot(t, t * np.nan, color=BLUE, lw=2.2, label="kernel as simplex noise sums it")
    art["seam"] = ax.axvline(line.t_cross, color=RED, lw=1.0, ls=":")
    ax.text(
        line.t_cross,
        1.0,
        " facet (simplex boundary)",
        transform=ax.get_xaxis_transform(),
        ha="left",
        va="top",
        fontsize=9,
        color=RED,
    )
    ax.set_xlabel("position $t$ along the line (the facet is at $t = 0$)")
    ax.set_ylabel(r"$\max(0,\ r^2 - d^2)$  (kernel$^{1/4}$)" if root else r"kernel $\max(0, r^2 - d^2)^4$")
    ax.set_xlim(float(t.min()), float(t.max()))
    ax.set_ylim(*(ylim or ((0, 0.75) if root else (0, 0.25))))
    ax.legend(loc="upper right", fontsize=9, bbox_to_anchor=(1.0, 0.93))
    art["readout"] = ax.text(0.0, 1.02, "", transform=ax.transAxes, ha="left", va="bottom", fontsize=10)
    d = SimplexKernelPlot(fig, art, root)
    d.set_line(line)
    return d


# == the noise and its slope =============================================================================
NOISE_SEAM_ALT = (
    "The simplex noise n and its slope along a line crossing a facet of the lattice, in a narrow window "
    "around the facet, for r^2 = 0.5 and r^2 = 0.6. With r^2 = 0.5 both are smooth; with r^2 = 0.6 both "
    "jump at the facet, the slope visibly."
)


def _fmt(v: float) -> str:
    return "0" if v == 0 else f"{v:.1e}"


class NoiseSeamPlot(Drawing):
    """State: ``lines`` (the ``GradientLine`` of each column) and ``engine`` (whether circles are drawn)."""

    def __init__(self, fig, artists, lines, engine):
        super().__init__(fig, artists)
        self.lines, self.engine = lines, engine

    def describe(self) -> str:
        first = self.lines[0]
        width = float(first.t.max() - first.t.min())
        parts = [
            f"Simplex noise in {first.N} dimensions along a line crossing a facet of the lattice, in a "
            f"window {width:.3g} wide around the facet (t = 0). Top row: the noise n; bottom row: its "
            f"slope along the line, the gradient of n dotted with the line's direction u"
            + (", with open circles where the autodiff engine computed it" if self.engine else "")
            + "."
        ]
        for line in self.lines:
            if line.jump_slope == 0 and line.jump_value == 0:
                parts.append(f"With r^2 = {line.r2:g} neither jumps: the curves pass straight through the facet.")
            else:
                parts.append(
                    f"With r^2 = {line.r2:g} the noise jumps by {_fmt(line.jump_value)}, hardly "
                    f"visible, and the slope by {_fmt(line.jump_slope)}, a visible step."
                )
        return " ".join(parts)


@figure(alt=NOISE_SEAM_ALT)
def noise_seam_plot(lines, *, engine=None) -> NoiseSeamPlot:
    """``n`` (top) and its slope along the line (bottom) near a facet, one column per line.

    ``lines``: ``backprop.simplex.GradientLine`` objects with the same ``N`` and ``t`` (for instance
    ``r² = 0.5`` and ``r² = 0.6``); ``engine``: optional, one ``(t, slope)`` pair of arrays per line,
    the slope computed by the autodiff engine, drawn as open circles. The one-sided limits at the facet
    are drawn as red dots. Artists: ``axes`` (2 × columns array), ``limits`` (the dots, per column).
    """
    from ..simplex.kernel import GradientLine

    why = "made by backprop.simplex.gradient_along_line"
    if isinstance(lines, (str, GradientLine)) or not hasattr(lines, "__iter__"):
        raise TypeError(f"lines must be a list of GradientLine objects ({why}), got {type(lines).__name__}")
    lines = [instance(line, GradientLine, f"lines[{j}]", why) for j, line in enumerate(lines)]
    if not lines:
        raise ValueError("noise_seam_plot needs at least one GradientLine")
    if engine is not None and len(engine) != len(lines):
        raise ValueError(f"engine needs one (t, slope) pair per line: {len(lines)} lines, {len(engine)} pairs")
    cols = len(lines)
    fig = new_figure(6.6, 5.6)
    axes = fig.subplots(2, cols, sharex=True, squeeze=False)
    fig.subplots_adjust(left=0.14, right=0.97, top=0.9, bottom=0.1, hspace=0.25, wspace=0.45)
    art = {"axes": axes, "limits": []}
    for j, line in enumerate(lines):
        t = np.asarray(line.t, dtype=float)
        before, after = t < 0, t > 0
        rows = [
            (line.value, line.value_before, line.value_after, "noise $n$"),
            (
                line.slope,
                float(line.gradient_before @ line.normal),
                float(line.gradient_after @ line.normal),
                r"slope $\nabla n \cdot u$",
            ),
        ]
        dots = []
        for i, (y, y0, y1, label) in enumerate(rows):
            ax = axes[i, j]
            for side in (before, after):
                ax.plot(t[side], np.asarray(y)[side], color=BLUE, lw=2)
            ax.axvline(0.0, color=RED, lw=1.0, ls=":")
            dots.append(ax.plot([0.0, 0.0], [y0, y1], "o", color=RED, ms=5, zorder=3)[0])
            if i == 1 and engine is not None:
                te, se = engine[j]
                ax.plot(te, se, "o", ms=5, mfc="none", mec=ORANGE, mew=1.4, zorder=4, label="autodiff engine")
            ax.yaxis.set_major_locator(MaxNLocator(4))
            ax.ticklabel_format(axis="y", style="sci", scilimits=(-2, 2), useMathText=True)
            ax.xaxis.set_major_locator(MaxNLocator(3))
            if j == 0:
                ax.set_ylabel(label)
        axes[0, j].set_title(f"$r^2 = {line.r2:g}$", fontsize=11)
        axes[1, j].set_xlabel("position $t$ (facet at $0$)")
        art["limits"].append(dots)
    if engine is not None:
        axes[1, 0].legend(loc="upper left", fontsize=9)
    return NoiseSeamPlot(fig, art, lines, engine is not None)
