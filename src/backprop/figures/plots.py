"""Plots of the book's functions: costs, activations, the chain rule, a nudged weight, the simplex kernel.

Each plot is a :class:`~backprop.figures.style.Drawing` subclass that keeps its state (the target, the
marked input, ...) in attributes; its ``set_*`` function changes the artists and the state together and
returns the new alt text, so ``drawing.alt`` always describes what is drawn.
"""

from __future__ import annotations

import numpy as np

from .style import BLUE, GREEN, GREY, LIGHT, ORANGE, PURPLE, RED, Drawing, _axes, _set_lims, _style, figure, \
    new_figure


def _costs():
    from ..costs import get_cost
    return get_cost("quadratic"), get_cost("cross_entropy")


# == costs ================================================================================================
COST_CURVES_ALT = (
    "Left: the quadratic cost and the cross-entropy cost of one output as functions of the prediction a, "
    "for a fixed target y. Right: their derivatives with respect to a; the cross-entropy derivative grows "
    "without bound as the prediction moves to the wrong end, the quadratic one stays bounded.")


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
            text = ("The quadratic cost and the cross-entropy cost of one output as functions of the prediction a, "
                    "for a fixed target y.")
        text += f" Target y = {self.y:.2f}."
        if self.a is not None:
            cq, gq, ce, ge = self.marked
            text += (f" The prediction a = {self.a:.2f} is marked: quadratic cost {cq:.3f} with slope {gq:.2f}; "
                     f"cross-entropy cost {ce:.3f} with slope {ge:.2f}.")
        return text


@figure(alt=COST_CURVES_ALT)
def cost_curves(ax=None, *, y=1.0, a=None, derivatives=True) -> CostCurves:
    """Quadratic vs cross-entropy cost of one output against the prediction ``a`` for target ``y``.

    With ``derivatives``, a second panel shows ``∂c/∂a``. ``a`` marks a prediction on the curves.
    Artists: ``cost_lines``/``slope_lines`` {name: Line2D}, ``cost_marks``/``slope_marks`` {name: Line2D},
    ``target`` (vertical line at y), ``readout`` Text. Update with :func:`set_cost_curves`.
    """
    if ax is None:
        fig = new_figure(6, 4 if derivatives else 3.2)
        with _style():
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
        art["cost_lines"][name], = axes[0].plot(grid, grid, color=col, label=label)
        art["cost_marks"][name], = axes[0].plot([], [], "o", color=col, ms=7, mec="white", mew=1)
        if derivatives:
            art["slope_lines"][name], = axes[1].plot(grid, grid, color=col)
            art["slope_marks"][name], = axes[1].plot([], [], "o", color=col, ms=7, mec="white", mew=1)
    axes[0].set_xlabel("prediction $a$")
    axes[0].set_ylabel("cost $c$")
    axes[0].set_xlim(0, 1)
    axes[0].set_ylim(0, 4)
    art["target"] = axes[0].axvline(y, color=GREEN, lw=1.2, ls=":")
    art["legend"] = axes[0].legend(loc="upper center", bbox_to_anchor=(1.1 if derivatives else 0.5, 1.27), ncol=2,
                                   fontsize=9.5)
    if derivatives:
        axes[1].set_xlabel("prediction $a$")
        axes[1].set_ylabel(r"$\partial c / \partial a$")
        axes[1].set_xlim(0, 1)
        axes[1].set_ylim(-10, 10)
        axes[1].axhline(0, color=GREY, lw=0.8)
        art["target2"] = axes[1].axvline(y, color=GREEN, lw=1.2, ls=":")
    art["readout"] = axes[0].text(0.02, 0.97, "", transform=axes[0].transAxes, ha="left", va="top",
                                  fontsize=9, bbox=dict(fc="white", ec=LIGHT, boxstyle="round,pad=0.25"))
    set_cost_curves(d, y=y, a=a)
    return d


def set_cost_curves(d: CostCurves, *, y=None, a=None) -> str:
    """Move target ``y`` and/or prediction ``a`` (``a=None`` removes the marks); returns the alt text."""
    art = d.artists
    grid = d.grid
    if y is not None:
        y = float(np.clip(y, 0.0, 1.0))
        d.y = y
        for cost in _costs():
            yy = np.full((1, grid.size), y)
            art["cost_lines"][cost.name].set_ydata(cost.fn(grid[None, :], yy))
            if cost.name in art["slope_lines"]:
                art["slope_lines"][cost.name].set_ydata(cost.da(grid[None, :], yy)[0])
        art["target"].set_xdata([y, y])
        if "target2" in art:
            art["target2"].set_xdata([y, y])
    if d.y is None:
        d.y = 1.0
    y = d.y
    d._changed()
    if a is None:
        d.a = d.marked = None
        for m in list(art["cost_marks"].values()) + list(art["slope_marks"].values()):
            m.set_data([], [])
        art["readout"].set_text(f"target $y$ = {y:.2f}")
        return d.alt
    a = float(np.clip(a, 0.005, 0.995))
    vals = []
    for cost in _costs():
        c = float(cost.fn(np.array([[a]]), np.array([[y]]))[0])
        g = float(cost.da(np.array([[a]]), np.array([[y]]))[0, 0])
        art["cost_marks"][cost.name].set_data([a], [min(c, 4.0)])
        if cost.name in art["slope_marks"]:
            art["slope_marks"][cost.name].set_data([a], [np.clip(g, -10, 10)])
        vals.extend((c, g))
    cq, gq, ce, ge = vals
    d.a, d.marked = a, (cq, gq, ce, ge)
    art["readout"].set_text(f"$y$={y:.2f}, $a$={a:.2f}\nquadratic: c={cq:.3f}, c'={gq:+.2f}\n"
                            f"cross-entropy: c={ce:.3f}, c'={ge:+.2f}")
    return d.alt


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
        text = (f"Left: the activation function{'s' if many else ''} {_join(names)} against z from "
                f"{self.zlim[0]:g} to {self.zlim[1]:g}. Right: {'their derivatives' if many else 'its derivative'} "
                f"g'(z).")
        sat = self.saturating
        zs = SATURATION_Z
        if sat:
            who = _join([_pretty(a.name) for a in sat])
            at = ", ".join(f"{_pretty(a.name)}' = {float(a.prime(np.array([zs]))[0]):.3f}" for a in sat)
            text += (f" Shaded, |z| > {zs:g}: there {who} saturate{'s' if len(sat) == 1 else ''}, "
                     f"{'its derivative' if len(sat) == 1 else 'their derivatives'} almost zero "
                     f"(at z = {zs:g}: {at}).")
        for a in self.acts:
            if a in sat:
                continue
            lo, hi = (float(a.prime(np.array([v]))[0]) for v in (-zs, zs))
            text += (f" {_pretty(a.name)} does not saturate: its derivative is {lo:.3g} at z = {-zs:g} and "
                     f"{hi:.3g} at z = {zs:g}.")
        if self.z is not None:
            vals = ", ".join(f"{_pretty(a.name)}' = {float(a.prime(np.array([self.z]))[0]):.3f}" for a in self.acts)
            text += f" Marked: z = {self.z:.2f}, where {vals}."
        return text


def _pretty(name):
    return {"relu": "ReLU"}.get(name, name)


def _join(words):
    words = list(words)
    return words[0] if len(words) == 1 else ", ".join(words[:-1]) + " and " + words[-1]


@figure(alt=("Left: the activation functions sigmoid, tanh and ReLU against z. Right: their derivatives; "
             "where |z| > 4 the sigmoid and tanh saturate (derivatives almost zero), the ReLU derivative is 0 "
             "for negative z and 1 for positive z."))
def activation_functions(ax=None, *, names=("sigmoid", "tanh", "relu"), z=None, zlim=(-6.0, 6.0)) -> ActivationPlot:
    """Activation functions ``g(z)`` (left) and their derivatives ``g'(z)`` (right), saturation shaded.

    The region ``|z| > 4`` is shaded only if one of the activations saturates there (its derivative below 10 %
    of its peak on both sides: sigmoid, tanh; not ReLU). ``z`` marks one input on every curve. Artists:
    ``lines``/``prime_lines``/``marks``/``prime_marks`` {name: Line2D}, ``zline`` (two vertical lines),
    ``readout`` Text. Update with :func:`set_activation_z`.
    """
    from ..activations import get_activation

    acts = [get_activation(n) for n in names]
    if ax is None:
        fig = new_figure(6, 3.6)
        with _style():
            axes = fig.subplots(1, 2)
        fig.subplots_adjust(left=0.09, right=0.98, top=0.86, bottom=0.15, wspace=0.28)
    else:
        axes = np.atleast_1d(ax)
        fig = axes[0].figure
    zz = np.linspace(zlim[0], zlim[1], 300)
    art = {"lines": {}, "prime_lines": {}, "marks": {}, "prime_marks": {}, "axes": axes}
    d = ActivationPlot(fig, art, acts, tuple(zlim))
    for act, col in zip(acts, [BLUE, ORANGE, GREEN, PURPLE]):
        art["lines"][act.name], = axes[0].plot(zz, act.fn(zz), color=col, label=_pretty(act.name))
        art["prime_lines"][act.name], = axes[1].plot(zz, act.prime(zz), color=col)
        art["marks"][act.name], = axes[0].plot([], [], "o", color=col, ms=6)
        art["prime_marks"][act.name], = axes[1].plot([], [], "o", color=col, ms=6)
    sat = d.saturating
    for a_ in axes:
        if sat:
            a_.axvspan(zlim[0], -SATURATION_Z, color="#efefef", zorder=0, lw=0)
            a_.axvspan(SATURATION_Z, zlim[1], color="#efefef", zorder=0, lw=0)
        a_.set_xlim(*zlim)
        a_.set_xlabel("$z$")
    if sat:
        who = _join([_pretty(a.name) for a in sat]) if len(sat) < len(acts) else "all"
        art["shade_label"] = axes[0].text(0.98, 0.03, f"shaded: {who}\nsaturate, $g'(z)\\approx 0$",
                                          transform=axes[0].transAxes, ha="right", va="bottom", fontsize=9,
                                          color="#595959")
    axes[0].set_ylim(-1.15, 2.0)
    axes[1].set_ylim(-0.05, 1.1)
    axes[0].set_title("$g(z)$")
    axes[1].set_title("$g'(z)$")
    axes[0].legend(loc="upper left", fontsize=9.5)
    art["zline"] = [a_.axvline(0, color=RED, lw=1, ls=":", visible=False) for a_ in axes]
    art["readout"] = axes[1].text(0.98, 0.86, "", transform=axes[1].transAxes, ha="right", va="top", fontsize=9)
    if z is not None:
        set_activation_z(d, z)
    return d


def set_activation_z(d: ActivationPlot, z: float) -> str:
    """Mark the input ``z`` on every curve and its derivative; returns the alt text."""
    art = d.artists
    parts = []
    for act in d.acts:
        g, gp = float(act.fn(np.array([z]))[0]), float(act.prime(np.array([z]))[0])
        art["marks"][act.name].set_data([z], [g])
        art["prime_marks"][act.name].set_data([z], [gp])
        parts.append(f"{_pretty(act.name)}' = {gp:.3f}")
    for line in art["zline"]:
        line.set_xdata([z, z])
        line.set_visible(True)
    art["readout"].set_text(f"z = {z:.2f}\n" + "\n".join(parts))
    d.z = float(z)
    d._changed()
    return d.alt


# == the chain rule =======================================================================================
CHAIN_RULE_ALT = (
    "The composed function c(a(z)) plotted against z with the tangent line at the chosen z; its slope "
    "equals the product of the local slopes dc/da times da/dz.")


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
        return (f"The cost c(a(z)) with a = {self.g.name}(z) and target y = {self.y:g}, against z, with its tangent "
                f"at z = {self.z:.2f}: dc/da = {dc_da:.3f}, da/dz = {da_dz:.3f}, their product {prod:.4f} equals "
                f"the measured slope {measured:.4f}.")


@figure(alt=CHAIN_RULE_ALT)
def chain_rule_plot(ax=None, *, z=0.5, y=1.0, activation="sigmoid", cost="quadratic",
                    zlim=(-6, 6)) -> ChainRulePlot:
    """``c(a(z))`` against ``z`` with the tangent at ``z``; slope = ``∂c/∂a · ∂a/∂z`` (chain rule).

    Uses the package's activation and cost (``a = g(z)``, ``c = c_x(a, y)``). Artists: ``curve``,
    ``tangent``, ``point`` Line2D, ``readout`` Text; update with :func:`set_chain_rule`.
    """
    from ..activations import get_activation
    from ..costs import get_cost

    g, c = get_activation(activation), get_cost(cost)
    fig, ax = _axes(ax, 6, 4)
    zz = np.linspace(*zlim, 300)
    cz = c.fn(g.fn(zz)[None, :], np.full((1, zz.size), y))
    art = {"ax": ax}
    art["curve"], = ax.plot(zz, cz, color=BLUE, label=f"$c(a(z))$, $a = ${g.name}$(z)$, $y = {y:g}$")
    art["tangent"], = ax.plot([], [], color=RED, lw=1.5, ls="--", label="tangent: slope = product of local slopes")
    art["point"], = ax.plot([], [], "o", color=RED, ms=7)
    ax.set_xlim(*zlim)
    ax.set_ylim(min(-0.05, float(cz.min()) - 0.05), float(cz.max()) * 1.15 + 0.05)
    ax.set_xlabel("$z$")
    ax.set_ylabel("$c$")
    art["legend"] = ax.legend(loc="lower left", fontsize=9)
    art["readout"] = ax.text(0.98, 0.97, "", transform=ax.transAxes, ha="right", va="top", fontsize=10,
                             bbox=dict(fc="white", ec=LIGHT, boxstyle="round,pad=0.3"))
    d = ChainRulePlot(fig, art, g, c, y, zlim)
    set_chain_rule(d, z)
    return d


def set_chain_rule(d: ChainRulePlot, z: float, activation=None, h: float = 1e-5) -> str:
    """Move the point to ``z`` (and switch the activation ``g`` if given); returns the alt text."""
    from ..activations import get_activation

    art = d.artists
    if activation is not None and get_activation(activation) is not d.g:
        d.g = get_activation(activation)
        zz = art["curve"].get_xdata()
        cz = d.c.fn(d.g.fn(zz)[None, :], np.full((1, zz.size), d.y))
        art["curve"].set_ydata(cz)
        label = f"$c(a(z))$, $a = ${d.g.name}$(z)$, $y = {d.y:g}$"
        art["curve"].set_label(label)
        art["legend"].get_texts()[0].set_text(label)
        art["ax"].set_ylim(min(-0.05, float(cz.min()) - 0.05), float(cz.max()) * 1.15 + 0.05)
    g, c, y = d.g, d.c, d.y
    z = float(np.clip(z, *d.zlim))
    Z = np.array([z])
    a = g.fn(Z)
    ca = float(c.fn(a[None, :], np.array([[y]]))[0])
    dc_da = float(c.da(a[None, :], np.array([[y]]))[0, 0])
    da_dz = float(g.prime(Z)[0])
    prod = dc_da * da_dz
    measured = float((c.fn(g.fn(np.array([[z + h]])), np.array([[y]]))[0]
                      - c.fn(g.fn(np.array([[z - h]])), np.array([[y]]))[0]) / (2 * h))
    zz = np.array([z - 1.8, z + 1.8])
    art["tangent"].set_data(zz, ca + prod * (zz - z))
    art["point"].set_data([z], [ca])
    art["readout"].set_text(
        f"$z$ = {z:.2f},  $a$ = {float(a[0]):.3f}\n"
        f"$\\partial c/\\partial a$ = {dc_da:.3f}\n$\\partial a/\\partial z$ = {da_dz:.3f}\n"
        f"product = {prod:.4f}\nmeasured slope = {measured:.4f}")
    d.z, d.slopes = z, (dc_da, da_dz, prod, measured)
    d._changed()
    return d.alt


# == nudging one weight ===================================================================================
NUDGE_ALT = (
    "The measured change of the cost, as a curve, as one weight is nudged by delta w, beside the straight "
    "line a_k e_j delta w that backpropagation predicts; the two agree for small nudges.")


class NudgePlot(Drawing):
    """State: ``dws``, ``measured`` (the curve), ``slope`` (the prediction's), ``dw`` (the marked nudge)."""

    def __init__(self, fig, artists):
        super().__init__(fig, artists)
        self.dws = self.measured = self.slope = self.dw = None

    def describe(self) -> str:
        if self.dw is None:
            return NUDGE_ALT
        m_dw = float(np.interp(self.dw, self.dws, self.measured))
        return (NUDGE_ALT + f" Marked: the nudge {self.dw:+.2f}, where backpropagation predicts a change of the cost "
                f"of {self.slope * self.dw:+.4f} and the measured change is {m_dw:+.4f}.")


@figure(alt=NUDGE_ALT)
def nudge_plot(ax=None, *, dws, measured, slope, dw=0.0, label="$w$") -> NudgePlot:
    """Measured ``ΔC(Δw)`` (curve) against the backprop prediction ``slope · Δw`` (line), with ``Δw`` marked.

    Artists: ``measured``, ``predicted``, ``point_measured``, ``point_predicted`` Line2D, ``readout`` Text.
    """
    own = ax is None
    fig, ax = _axes(ax, 5, 4)
    if own:
        fig.subplots_adjust(left=0.18)  # room for the y-label
    art = {"ax": ax}
    dws = np.asarray(dws, dtype=float)
    art["measured"], = ax.plot(dws, measured, color=BLUE, label=r"measured $\Delta C$")
    art["predicted"], = ax.plot(dws, slope * dws, color=RED, ls="--",
                                label=r"predicted $a_k^{[l-1]} e_j^{[l]}\,\Delta w$")
    art["point_measured"], = ax.plot([], [], "o", color=BLUE, ms=7)
    art["point_predicted"], = ax.plot([], [], "s", color=RED, ms=6)
    art["vline"] = ax.axvline(dw, color=GREY, lw=0.8, ls=":")
    ax.axhline(0, color=GREY, lw=0.8)
    ax.set_xlabel(r"nudge $\Delta w$")
    ax.set_ylabel(r"change of cost $\Delta C$")
    ax.legend(loc="upper left", fontsize=9)
    art["readout"] = ax.text(0.98, 0.03, "", transform=ax.transAxes, ha="right", va="bottom", fontsize=9,
                             bbox=dict(fc="white", ec=LIGHT, boxstyle="round,pad=0.3"))
    d = NudgePlot(fig, art)
    set_nudge(d, dws, measured, slope, dw)
    return d


def set_nudge(d: NudgePlot, dws, measured, slope, dw, info: str = "", ylim=None) -> str:
    """Show the curve ``measured`` over ``dws`` and the line ``slope·Δw``, with the nudge ``dw`` marked."""
    art = d.artists
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
    _set_lims(art["ax"], (float(dws.min()), float(dws.max())), ylim or (lo - pad, hi + pad))
    art["readout"].set_text(f"{info}$\\Delta w$ = {dw:+.2f}\npredicted $\\Delta C$ = {slope * dw:+.4f}\n"
                            f"measured $\\Delta C$ = {m_dw:+.4f}")
    d.dws, d.measured, d.slope, d.dw = dws, measured, float(slope), float(dw)
    d._changed()
    return d.alt


# == the simplex-noise kernel (the aside) =================================================================
SIMPLEX_KERNEL_ALT = (
    "The kernel of one simplex-noise lattice vertex along a line that crosses the facet opposite that "
    "vertex. With r^2 = 0.5 the kernel has already reached zero at the facet; with a larger r^2 it is "
    "still positive there and is cut off when the vertex stops counting, so the noise jumps: a seam.")


class SimplexKernelPlot(Drawing):
    """State: ``line`` (a ``backprop.simplex.KernelLine``) and ``root`` (plot the fourth root)."""

    def __init__(self, fig, artists, root):
        super().__init__(fig, artists)
        self.root, self.line = root, None

    def describe(self) -> str:
        line = self.line
        what = "the fourth root of the kernel, max(0, r^2 - d^2)," if self.root else "the kernel"
        seam = line.jump_kernel > 0
        return (f"{what[0].upper() + what[1:]} of one simplex-noise vertex along a line crossing the facet opposite "
                f"it, in {line.N} dimensions, with r squared = {line.r2:.2f}; dashed, the kernel if it were not "
                f"cut off. " + (f"It is still positive at the facet and is cut off there, a jump of "
                                f"{line.jump_kernel:.1e}: a seam." if seam else
                                "It reaches zero before the facet, so there is no seam."))


@figure(alt=SIMPLEX_KERNEL_ALT)
def simplex_kernel_plot(ax=None, *, line, root: bool = True, ylim=None) -> SimplexKernelPlot:
    """The kernel of one lattice vertex along a line crossing the facet opposite it (the seam test).

    ``line``: a ``backprop.simplex.KernelLine`` (``t``, ``kernel`` as simplex noise evaluates it, 0 outside
    the vertex's simplex; ``kernel_unmasked``; ``r2``; ``t_cross``; ``jump_kernel``). ``root=True`` plots
    ``kernel^(1/4) = max(0, r² − d²)``, where a jump of ``(r² − d²)⁴ ≈ 10⁻⁴`` is visible; ``root=False``
    plots the kernel itself. Artists: ``kernel``, ``unmasked`` Line2D, ``seam`` (vertical line at the facet),
    ``readout`` Text; update with :func:`set_simplex_kernel`.
    """
    fig, ax = _axes(ax, 6, 4)
    art = {"ax": ax}
    t = np.asarray(line.t, dtype=float)
    art["unmasked"], = ax.plot(t, t * np.nan, color=GREY, lw=1.4, ls="--",
                               label="kernel if it were not cut off")
    art["kernel"], = ax.plot(t, t * np.nan, color=BLUE, lw=2.2, label="kernel as simplex noise sums it")
    art["seam"] = ax.axvline(line.t_cross, color=RED, lw=1.0, ls=":")
    ax.text(line.t_cross, 1.0, " facet (simplex boundary)", transform=ax.get_xaxis_transform(), ha="left",
            va="top", fontsize=9, color=RED)
    ax.set_xlabel("position $t$ along the line (the facet is at $t = 0$)")
    ax.set_ylabel(r"$\max(0,\ r^2 - d^2)$  (kernel$^{1/4}$)" if root else r"kernel $\max(0, r^2 - d^2)^4$")
    ax.set_xlim(float(t.min()), float(t.max()))
    ax.set_ylim(*(ylim or ((0, 0.75) if root else (0, 0.25))))
    ax.legend(loc="upper right", fontsize=9, bbox_to_anchor=(1.0, 0.93))
    art["readout"] = ax.text(0.0, 1.02, "", transform=ax.transAxes, ha="left", va="bottom", fontsize=10)
    d = SimplexKernelPlot(fig, art, root)
    set_simplex_kernel(d, line)
    return d


def set_simplex_kernel(d: SimplexKernelPlot, line) -> str:
    """Show the ``KernelLine`` ``line``; returns the alt text."""
    art = d.artists
    p = 0.25 if d.root else 1.0
    art["kernel"].set_ydata(np.asarray(line.kernel, dtype=float) ** p)
    art["unmasked"].set_ydata(np.asarray(line.kernel_unmasked, dtype=float) ** p)
    seam = line.jump_kernel > 0
    art["readout"].set_text(
        f"$N$ = {line.N}, $r^2$ = {line.r2:.2f}: "
        + (f"seam, the kernel jumps by {line.jump_kernel:.1e} at the facet" if seam
           else "no seam, the kernel is already 0 at the facet"))
    d.line = line
    d._changed()
    return d.alt
