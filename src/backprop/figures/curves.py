"""Curves of the book's functions: the two costs of one output, and the activations with their derivatives.

Each plot is a :class:`~backprop.figures.style.Drawing` subclass that keeps its state (the target, the
marked input, ...) in attributes; its ``set_*`` function changes the artists and the state together and
returns the new alt text, so ``drawing.alt`` always describes what is drawn.
"""

from __future__ import annotations

import numpy as np

from .._validate import finite_float, unit_interval
from .style import BLUE, GREEN, GREY, LIGHT, ORANGE, PURPLE, RED, Drawing, book_style, figure, new_figure

__all__ = ["CostCurves", "cost_curves", "ActivationPlot", "activation_functions"]


def _costs():
    from ..costs import get_cost

    return get_cost("quadratic"), get_cost("cross_entropy")


# == costs ================================================================================================
COST_CURVES_ALT = (
    "Left: the quadratic cost and the cross-entropy cost of one output as functions of the prediction a, "
    "for a fixed target y. Right: their derivatives with respect to a; the cross-entropy derivative grows "
    "without bound as the prediction moves to the wrong end, the quadratic one stays bounded."
)


class CostCurves(Drawing):
    """State: ``y`` (target), ``a`` (marked prediction or ``None``), ``derivatives`` (second panel)."""

    def __init__(self, fig, artists, derivatives):
        super().__init__(fig, artists)
        self.derivatives = derivatives
        self.grid = np.linspace(0.005, 0.995, 199)
        self.y = self.a = None
        self.marked = None  # (quadratic c, c', cross-entropy c, c') at a

    def describe(self) -> str:
        if self.derivatives:
            text = COST_CURVES_ALT
        else:
            text = (
                "The quadratic cost and the cross-entropy cost of one output as functions of the prediction a, "
                "for a fixed target y."
            )
        text += f" Target y = {self.y:.2f}."
        if self.a is not None:
            cq, gq, ce, ge = self.marked
            text += (
                f" The prediction a = {self.a:.2f} is marked: quadratic cost {cq:.3f} with slope {gq:.2f}; "
                f"cross-entropy cost {ce:.3f} with slope {ge:.2f}."
            )
        return text

    def set_state(self, *, y=None, a=None) -> str:
        """Move target ``y`` and/or prediction ``a`` (``a=None`` removes the marks); returns the alt text.

        ``y`` must lie in [0, 1] and ``a`` in [0.005, 0.995], the predictions drawn (cross-entropy is infinite
        at 0 and 1); a value outside is refused, not clamped.
        """
        art = self.artists
        grid = self.grid
        if a is not None:
            a = finite_float(a, "a")
            if not grid[0] <= a <= grid[-1]:
                raise ValueError(
                    f"a must lie in [{grid[0]}, {grid[-1]}] (the predictions drawn; the cross-entropy cost is "
                    f"infinite at 0 and 1), got {a!r}"
                )
        if y is not None:
            y = unit_interval(y, "y")
            self.y = y
            for cost in _costs():
                yy = np.full((1, grid.size), y)
                art["cost_lines"][cost.name].set_ydata(cost.fn(grid[None, :], yy))
                if cost.name in art["slope_lines"]:
                    art["slope_lines"][cost.name].set_ydata(cost.da(grid[None, :], yy)[0])
            art["target"].set_xdata([y, y])
            if "target2" in art:
                art["target2"].set_xdata([y, y])
        if self.y is None:
            self.y = 1.0
        y = self.y
        self._changed()
        if a is None:
            self.a = self.marked = None
            for m in list(art["cost_marks"].values()) + list(art["slope_marks"].values()):
                m.set_data([], [])
            art["readout"].set_text(f"target $y$ = {y:.2f}")
            return self.alt
        vals = []
        for cost in _costs():
            c = float(cost.fn(np.array([[a]]), np.array([[y]]))[0])
            g = float(cost.da(np.array([[a]]), np.array([[y]]))[0, 0])
            art["cost_marks"][cost.name].set_data([a], [min(c, 4.0)])
            if cost.name in art["slope_marks"]:
                art["slope_marks"][cost.name].set_data([a], [np.clip(g, -10, 10)])
            vals.extend((c, g))
        cq, gq, ce, ge = vals
        self.a, self.marked = a, (cq, gq, ce, ge)
        art["readout"].set_text(
            f"$y$={y:.2f}, $a$={a:.2f}\nquadratic: c={cq:.3f}, c'={gq:+.2f}\ncross-entropy: c={ce:.3f}, c'={ge:+.2f}"
        )
        return self.alt


@figure(alt=COST_CURVES_ALT)
def cost_curves(ax=None, *, y=1.0, a=None, derivatives=True) -> CostCurves:
    """Quadratic vs cross-entropy cost of one output against the prediction ``a`` for target ``y``.

    With ``derivatives``, a second panel shows ``∂c/∂a``. ``a`` marks a prediction on the curves.
    Artists: ``cost_lines``/``slope_lines`` {name: Line2D}, ``cost_marks``/``slope_marks`` {name: Line2D},
    ``target`` (vertical line at y), ``readout`` Text. Update with :meth:`CostCurves.set_state`.
    """
    y = unit_interval(y, "y")
    if ax is None:
        fig = new_figure(6, 4 if derivatives else 3.2)
        with book_style():
            axes = fig.subplots(1, 2 if derivatives else 1, squeeze=False)[0]
        fig.subplots_adjust(left=0.1, right=0.98, top=0.8, bottom=0.14, wspace=0.32)
    else:
        axes = np.atleast_1d(ax)
        fig = axes[0].figure
    art = {"cost_lines": {}, "slope_lines": {}, "cost_marks": {}, "slope_marks": {}, "axes": axes}
    d = CostCurves(fig, art, derivatives)
    grid = d.grid
    names = {"quadratic": "quadratic  $\\frac{1}{2}(a-y)^2$", "cross_entropy": "cross-entropy"}
    for (name, label), col in zip(names.items(), (BLUE, ORANGE)):
        (art["cost_lines"][name],) = axes[0].plot(grid, grid, color=col, label=label)
        (art["cost_marks"][name],) = axes[0].plot([], [], "o", color=col, ms=7, mec="white", mew=1)
        if derivatives:
            (art["slope_lines"][name],) = axes[1].plot(grid, grid, color=col)
            (art["slope_marks"][name],) = axes[1].plot([], [], "o", color=col, ms=7, mec="white", mew=1)
    axes[0].set_xlabel("prediction $a$")
    axes[0].set_ylabel("cost $c$")
    axes[0].set_xlim(0, 1)
    axes[0].set_ylim(0, 4)
    art["target"] = axes[0].axvline(y, color=GREEN, lw=1.2, ls=":")
    art["legend"] = axes[0].legend(
        loc="upper center", bbox_to_anchor=(1.1 if derivatives else 0.5, 1.27), ncol=2, fontsize=9.5
    )
    if derivatives:
        axes[1].set_xlabel("prediction $a$")
        axes[1].set_ylabel(r"$\partial c / \partial a$")
        axes[1].set_xlim(0, 1)
        axes[1].set_ylim(-10, 10)
        axes[1].axhline(0, color=GREY, lw=0.8)
        art["target2"] = axes[1].axvline(y, color=GREEN, lw=1.2, ls=":")
    art["readout"] = axes[0].text(
        0.02,
        0.97,
        "",
        transform=axes[0].transAxes,
        ha="left",
        va="top",
        fontsize=9,
        bbox=dict(fc="white", ec=LIGHT, boxstyle="round,pad=0.25"),
    )
    d.set_state(y=y, a=a)
    return d


# == activations ==========================================================================================
#: Where the plot shades saturation: |z| at least this.
SATURATION_Z = 4.0


def _saturates(act, zlim) -> bool:
    """True if ``g'`` is below 10 % of its peak for every |z| ≥ SATURATION_Z on both sides (sigmoid, tanh)."""
    zz = np.linspace(*zlim, 601)
    gp = np.abs(act.prime(zz))
    tails = np.abs(zz) >= SATURATION_Z
    return bool(np.max(gp[tails]) < 0.1 * np.max(gp)) if tails.any() else False


class ActivationPlot(Drawing):
    """State: ``acts`` (the activations drawn), ``zlim``, ``z`` (marked input or ``None``)."""

    def __init__(self, fig, artists, acts, zlim):
        super().__init__(fig, artists)
        self.acts, self.zlim, self.z = acts, zlim, None

    @property
    def saturating(self):
        return [a for a in self.acts if _saturates(a, self.zlim)]

    def describe(self) -> str:
        names = [_pretty(a.name) for a in self.acts]
        many = len(names) > 1
        text = (
            f"Left: the activation function{'s' if many else ''} {_join(names)} against z from "
            f"{self.zlim[0]:g} to {self.zlim[1]:g}. Right: {'their derivatives' if many else 'its derivative'} "
            f"g'(z)."
        )
        sat = self.saturating
        zs = SATURATION_Z
        if sat:
            who = _join([_pretty(a.name) for a in sat])
            at = ", ".join(f"{_pretty(a.name)}' = {float(a.prime(np.array([zs]))[0]):.3f}" for a in sat)
            text += (
                f" Shaded, |z| > {zs:g}: there {who} saturate{'s' if len(sat) == 1 else ''}, "
                f"{'its derivative' if len(sat) == 1 else 'their derivatives'} almost zero "
                f"(at z = {zs:g}: {at})."
            )
        for a in self.acts:
            if a in sat:
                continue
            lo, hi = (float(a.prime(np.array([v]))[0]) for v in (-zs, zs))
            text += (
                f" {_pretty(a.name)} does not saturate: its derivative is {lo:.3g} at z = {-zs:g} and "
                f"{hi:.3g} at z = {zs:g}."
            )
        if self.z is not None:
            vals = ", ".join(f"{_pretty(a.name)}' = {float(a.prime(np.array([self.z]))[0]):.3f}" for a in self.acts)
            text += f" Marked: z = {self.z:.2f}, where {vals}."
        return text

    def set_z(self, z: float) -> str:
        """Mark the input ``z`` on every curve and its derivative; returns the alt text."""
        z = finite_float(z, "z")
        art = self.artists
        parts = []
        for act in self.acts:
            g, gp = float(act.fn(np.array([z]))[0]), float(act.prime(np.array([z]))[0])
            art["marks"][act.name].set_data([z], [g])
            art["prime_marks"][act.name].set_data([z], [gp])
            parts.append(f"{_pretty(act.name)}' = {gp:.3f}")
        for line in art["zline"]:
            line.set_xdata([z, z])
            line.set_visible(True)
        art["readout"].set_text(f"z = {z:.2f}\n" + "\n".join(parts))
        self.z = float(z)
        self._changed()
        return self.alt


def _pretty(name):
    return {"relu": "ReLU"}.get(name, name)


def _join(words):
    words = list(words)
    return words[0] if len(words) == 1 else ", ".join(words[:-1]) + " and " + words[-1]


@figure(
    alt=(
        "Left: the activation functions sigmoid, tanh and ReLU against z. Right: their derivatives; "
        "where |z| > 4 the sigmoid and tanh saturate (derivatives almost zero), the ReLU derivative is 0 "
        "for negative z and 1 for positive z."
    )
)
def activation_functions(ax=None, *, names=("sigmoid", "tanh", "relu"), z=None, zlim=(-6.0, 6.0)) -> ActivationPlot:
    """Activation functions ``g(z)`` (left) and their derivatives ``g'(z)`` (right), saturation shaded.

    The region ``|z| > 4`` is shaded only if one of the activations saturates there (its derivative below 10 %
    of its peak on both sides: sigmoid, tanh; not ReLU). ``z`` marks one input on every curve. Artists:
    ``lines``/``prime_lines``/``marks``/``prime_marks`` {name: Line2D}, ``zline`` (two vertical lines),
    ``readout`` Text. Update with :meth:`ActivationPlot.set_z`.
    """
    from ..activations import get_activation

    acts = [get_activation(n) for n in names]
    if ax is None:
        fig = new_figure(6, 3.6)
        with book_style():
            axes = fig.subplots(1, 2)
        fig.subplots_adjust(left=0.09, right=0.98, top=0.86, bottom=0.15, wspace=0.28)
    else:
        axes = np.atleast_1d(ax)
        fig = axes[0].figure
    zz = np.linspace(zlim[0], zlim[1], 300)
    art = {"lines": {}, "prime_lines": {}, "marks": {}, "prime_marks": {}, "axes": axes}
    d = ActivationPlot(fig, art, acts, tuple(zlim))
    for act, col in zip(acts, [BLUE, ORANGE, GREEN, PURPLE]):
        (art["lines"][act.name],) = axes[0].plot(zz, act.fn(zz), color=col, label=_pretty(act.name))
        (art["prime_lines"][act.name],) = axes[1].plot(zz, act.prime(zz), color=col)
        (art["marks"][act.name],) = axes[0].plot([], [], "o", color=col, ms=6)
        (art["prime_marks"][act.name],) = axes[1].plot([], [], "o", color=col, ms=6)
    sat = d.saturating
    for a_ in axes:
        if sat:
            a_.axvspan(zlim[0], -SATURATION_Z, color="#efefef", zorder=0, lw=0)
            a_.axvspan(SATURATION_Z, zlim[1], color="#efefef", zorder=0, lw=0)
        a_.set_xlim(*zlim)
        a_.set_xlabel("$z$")
    if sat:
        who = _join([_pretty(a.name) for a in sat]) if len(sat) < len(acts) else "all"
        art["shade_label"] = axes[0].text(
            0.98,
            0.03,
            f"shaded: {who}\nsaturate, $g'(z)\\approx 0$",
            transform=axes[0].transAxes,
            ha="right",
            va="bottom",
            fontsize=9,
            color="#595959",
        )
    axes[0].set_ylim(-1.15, 2.0)
    axes[1].set_ylim(-0.05, 1.1)
    axes[0].set_title("$g(z)$")
    axes[1].set_title("$g'(z)$")
    axes[0].legend(loc="upper left", fontsize=9.5)
    art["zline"] = [a_.axvline(0, color=RED, lw=1, ls=":", visible=False) for a_ in axes]
    art["readout"] = axes[1].text(0.98, 0.86, "", transform=axes[1].transAxes, ha="right", va="top", fontsize=9)
    if z is not None:
        d.set_z(z)
    return d
