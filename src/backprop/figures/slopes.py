"""A slope predicted against the change measured: the chain rule's tangent, and one nudged weight.

:func:`chain_rule_plot` draws ``c(a(z))`` with the tangent whose slope is the product of the local slopes;
:func:`nudge_plot` the measured change of the cost as one weight is nudged, beside the straight line that
backpropagation predicts. Each setter changes the artists and the state together and returns the alt text.
"""

from __future__ import annotations

import numpy as np

from .._validate import finite_float, same_shape
from .style import BLUE, GREY, LIGHT, RED, Drawing, figure, figure_axes, set_limits

__all__ = ["ChainRulePlot", "chain_rule_plot", "NudgePlot", "nudge_plot"]


# == the chain rule =======================================================================================
CHAIN_RULE_ALT = (
    "The composed function c(a(z)) plotted against z with the tangent line at the chosen z; its slope "
    "equals the product of the local slopes dc/da times da/dz."
)


class ChainRulePlot(Drawing):
    """State: ``g`` (activation), ``c`` (cost), ``y``, ``zlim``, ``z`` and the slopes at ``z``."""

    def __init__(self, fig, artists, g, c, y, zlim):
        super().__init__(fig, artists)
        self.g, self.c, self.y, self.zlim = g, c, y, zlim
        self.z = self.slopes = None

    def describe(self) -> str:
        if self.z is None:
            return CHAIN_RULE_ALT
        dc_da, da_dz, prod, measured = self.slopes
        return (
            f"The cost c(a(z)) with a = {self.g.name}(z) and target y = {self.y:g}, against z, with its tangent "
            f"at z = {self.z:.2f}: dc/da = {dc_da:.3f}, da/dz = {da_dz:.3f}, their product {prod:.4f} equals "
            f"the measured slope {measured:.4f}."
        )

    def set_z(self, z: float, activation=None, h: float = 1e-5) -> str:
        """Move the point to ``z`` (and switch the activation ``g`` if given); returns the alt text."""
        from ..activations import get_activation

        art = self.artists
        if activation is not None and get_activation(activation) is not self.g:
            self.g = get_activation(activation)
            zz = art["curve"].get_xdata()
            cz = self.c.fn(self.g.fn(zz)[None, :], np.full((1, zz.size), self.y))
            art["curve"].set_ydata(cz)
            label = f"$c(a(z))$, $a = ${self.g.name}$(z)$, $y = {self.y:g}$"
            art["curve"].set_label(label)
            art["legend"].get_texts()[0].set_text(label)
            art["ax"].set_ylim(min(-0.05, float(cz.min()) - 0.05), float(cz.max()) * 1.15 + 0.05)
        g, c, y = self.g, self.c, self.y
        z = float(np.clip(finite_float(z, "z"), *self.zlim))
        Z = np.array([z])
        a = g.fn(Z)
        ca = float(c.fn(a[None, :], np.array([[y]]))[0])
        dc_da = float(c.da(a[None, :], np.array([[y]]))[0, 0])
        da_dz = float(g.prime(Z)[0])
        prod = dc_da * da_dz
        measured = float(
            (c.fn(g.fn(np.array([[z + h]])), np.array([[y]]))[0] - c.fn(g.fn(np.array([[z - h]])), np.array([[y]]))[0])
            / (2 * h)
        )
        zz = np.array([z - 1.8, z + 1.8])
        art["tangent"].set_data(zz, ca + prod * (zz - z))
        art["point"].set_data([z], [ca])
        art["readout"].set_text(
            f"$z$ = {z:.2f},  $a$ = {float(a[0]):.3f}\n"
            f"$\\partial c/\\partial a$ = {dc_da:.3f}\n$\\partial a/\\partial z$ = {da_dz:.3f}\n"
            f"product = {prod:.4f}\nmeasured slope = {measured:.4f}"
        )
        self.z, self.slopes = z, (dc_da, da_dz, prod, measured)
        self._changed()
        return self.alt


@figure(alt=CHAIN_RULE_ALT)
def chain_rule_plot(
    ax=None, *, z=0.5, y=1.0, activation="sigmoid", cost_function="quadratic", zlim=(-6, 6)
) -> ChainRulePlot:
    """``c(a(z))`` against ``z`` with the tangent at ``z``; slope = ``∂c/∂a · ∂a/∂z`` (chain rule).

    Uses the package's activation and cost (``a = g(z)``, ``c = c_x(a, y)``). Artists: ``curve``,
    ``tangent``, ``point`` Line2D, ``readout`` Text; update with :meth:`ChainRulePlot.set_z`.
    """
    from ..activations import get_activation
    from ..costs import get_cost

    g, c = get_activation(activation), get_cost(cost_function)
    y = finite_float(y, "y")
    fig, ax = figure_axes(ax, 6, 4)
    zz = np.linspace(*zlim, 300)
    cz = c.fn(g.fn(zz)[None, :], np.full((1, zz.size), y))
    art = {"ax": ax}
    (art["curve"],) = ax.plot(zz, cz, color=BLUE, label=f"$c(a(z))$, $a = ${g.name}$(z)$, $y = {y:g}$")
    (art["tangent"],) = ax.plot([], [], color=RED, lw=1.5, ls="--", label="tangent: slope = product of local slopes")
    (art["point"],) = ax.plot([], [], "o", color=RED, ms=7)
    ax.set_xlim(*zlim)
    ax.set_ylim(min(-0.05, float(cz.min()) - 0.05), float(cz.max()) * 1.15 + 0.05)
    ax.set_xlabel("$z$")
    ax.set_ylabel("$c$")
    art["legend"] = ax.legend(loc="lower left", fontsize=9)
    art["readout"] = ax.text(
        0.98,
        0.97,
        "",
        transform=ax.transAxes,
        ha="right",
        va="top",
        fontsize=10,
        bbox=dict(fc="white", ec=LIGHT, boxstyle="round,pad=0.3"),
    )
    d = ChainRulePlot(fig, art, g, c, y, zlim)
    d.set_z(z)
    return d


# == nudging one weight ===================================================================================
NUDGE_ALT = (
    "The measured change of the cost, as a curve, as one weight is nudged by delta w, beside the straight "
    "line a_k e_j delta w that backpropagation predicts; the two agree for small nudges."
)


class NudgePlot(Drawing):
    """State: ``dws``, ``measured`` (the curve), ``slope`` (the prediction's), ``dw`` (the marked nudge)."""

    def __init__(self, fig, artists):
        super().__init__(fig, artists)
        self.dws = self.measured = self.slope = self.dw = None

    def describe(self) -> str:
        if self.dw is None:
            return NUDGE_ALT
        m_dw = float(np.interp(self.dw, self.dws, self.measured))
        return (
            NUDGE_ALT + f" Marked: the nudge {self.dw:+.2f}, where backpropagation predicts a change of the cost "
            f"of {self.slope * self.dw:+.4f} and the measured change is {m_dw:+.4f}."
        )

    def set_nudge(self, dws, measured, slope, dw, info: str = "", ylim=None) -> str:
        """Show the curve ``measured`` over ``dws`` and the line ``slope·Δw``, with the nudge ``dw`` marked."""
        art = self.artists
        dws = np.asarray(dws, dtype=float)
        measured = np.asarray(measured, dtype=float)
        art["measured"].set_data(dws, measured)
        art["predicted"].set_data(dws, slope * dws)
        m_dw = float(np.interp(dw, dws, measured))
        art["point_measured"].set_data([dw], [m_dw])
        art["point_predicted"].set_data([dw], [slope * dw])
        art["vline"].set_xdata([dw, dw])
        lo = min(float(measured.min()), float((slope * dws).min()))
        hi = max(float(measured.max()), float((slope * dws).max()))
        pad = 0.08 * (hi - lo) + 1e-9
        set_limits(art["ax"], (float(dws.min()), float(dws.max())), ylim or (lo - pad, hi + pad))
        art["readout"].set_text(
            f"{info}$\\Delta w$ = {dw:+.2f}\npredicted $\\Delta C$ = {slope * dw:+.4f}\n"
            f"measured $\\Delta C$ = {m_dw:+.4f}"
        )
        self.dws, self.measured, self.slope, self.dw = dws, measured, float(slope), float(dw)
        self._changed()
        return self.alt


@figure(alt=NUDGE_ALT)
def nudge_plot(ax=None, *, dws, measured, slope, dw=0.0, label="$w$") -> NudgePlot:
    """Measured ``ΔC(Δw)`` (curve) against the backprop prediction ``slope · Δw`` (line), with ``Δw`` marked.

    Artists: ``measured``, ``predicted``, ``point_measured``, ``point_predicted`` Line2D, ``readout`` Text.
    """
    own = ax is None
    fig, ax = figure_axes(ax, 5, 4)
    if own:
        fig.subplots_adjust(left=0.18)  # room for the y-label
    art = {"ax": ax}
    dws = np.asarray(dws, dtype=float)
    same_shape(measured, dws.shape, "measured (one change of C per nudge in dws)")
    (art["measured"],) = ax.plot(dws, measured, color=BLUE, label=r"measured $\Delta C$")
    (art["predicted"],) = ax.plot(
        dws, slope * dws, color=RED, ls="--", label=r"predicted $a_k^{[l-1]} e_j^{[l]}\,\Delta w$"
    )
    (art["point_measured"],) = ax.plot([], [], "o", color=BLUE, ms=7)
    (art["point_predicted"],) = ax.plot([], [], "s", color=RED, ms=6)
    art["vline"] = ax.axvline(dw, color=GREY, lw=0.8, ls=":")
    ax.axhline(0, color=GREY, lw=0.8)
    ax.set_xlabel(r"nudge $\Delta w$")
    ax.set_ylabel(r"change of cost $\Delta C$")
    ax.legend(loc="upper left", fontsize=9)
    art["readout"] = ax.text(
        0.98,
        0.03,
        "",
        transform=ax.transAxes,
        ha="right",
        va="bottom",
        fontsize=9,
        bbox=dict(fc="white", ec=LIGHT, boxstyle="round,pad=0.3"),
    )
    d = NudgePlot(fig, art)
    d.set_nudge(dws, measured, slope, dw)
    return d
