"""The post's diagrams of whole layers and graphs: the matrix form of the forward pass (bp3), the chain rule's
computation graphs (bp5), and the error flowing back from layer ``l+1`` to layer ``l`` (bp7).

These figures show the notation, not data, so each has one fixed alt text (beside its function). The one
neuron's diagrams (bp2, bp4, bp6) are in :mod:`.neuron`.
"""

from __future__ import annotations

import numpy as np
from matplotlib import patches
from matplotlib.lines import Line2D

from .._validate import integer, layer_sizes
from .style import (
    BLUE,
    GREEN,
    GREY,
    INK,
    LAYER_FILL,
    LIGHT,
    ORANGE,
    PURPLE,
    RED,
    Drawing,
    blank_axes,
    figure,
    figure_axes,
)

__all__ = ["matrix_form", "chain_graph", "error_flow"]


# == bp3: the matrix form =================================================================================
def _matrix_block(ax, x, yc, entries, color=INK, cw=0.95, rh=0.62, fs=11):
    """Draw a bracketed matrix of mathtext ``entries`` with its left edge at ``x``; return (width, texts)."""
    n, m = len(entries), len(entries[0])
    h = n * rh
    texts = []
    for j, row in enumerate(entries):
        for k, e in enumerate(row):
            texts.append(
                ax.text(
                    x + 0.12 + (k + 0.5) * cw,
                    yc + h / 2 - (j + 0.5) * rh,
                    e,
                    ha="center",
                    va="center",
                    fontsize=fs,
                    color=color,
                )
            )
    w = m * cw + 0.24
    for xs in ([x + 0.1, x, x, x + 0.1], [x + w - 0.1, x + w, x + w, x + w - 0.1]):
        ax.add_line(Line2D(xs, [yc + h / 2, yc + h / 2, yc - h / 2, yc - h / 2], color=INK, lw=1.3))
    return w, texts


MATRIX_FORM_ALT = (
    "Matrix form of the forward pass for the 2-3-2 network: z^[1] (3 by 1) equals the weight matrix "
    "w^[1] (3 by 2) times a^[0] (2 by 1) plus b^[1] (3 by 1); z^[2] (2 by 1) equals w^[2] (2 by 3) times "
    "a^[1] (3 by 1) plus b^[2] (2 by 1). Row j of w^[l] holds the weights into neuron j."
)


@figure(alt=MATRIX_FORM_ALT)
def matrix_form(ax=None, sizes=(2, 3, 2)) -> Drawing:
    """``z^[l] = w^[l] a^[l-1] + b^[l]`` written out entry by entry for every layer, with shapes (bp3)."""
    sizes = tuple(layer_sizes(sizes, error=ValueError))
    if max(sizes) > 4 or len(sizes) > 3:
        raise ValueError(f"matrix_form writes out networks up to 2 layers of 4 neurons, got {sizes!r}")
    L = len(sizes) - 1
    fig, ax = figure_axes(ax, 7, 4.6, full=True)
    blank_axes(ax)
    art = {"rows": {}}
    y = 0.0
    rh = 0.62
    ys = []
    for l in range(1, L + 1):
        n, m = sizes[l], sizes[l - 1]
        ys.append(y - max(n, m) * rh / 2)
        y -= max(n, m) * rh + 1.05
    xmax = 0
    for l, yc in zip(range(1, L + 1), ys):
        n, m = sizes[l], sizes[l - 1]
        x = 0.0
        parts = []
        w, _ = _matrix_block(ax, x, yc, [[f"$z^{{[{l}]}}_{{{j}}}$"] for j in range(1, n + 1)], GREEN)
        parts.append((x, w, f"$({n}\\times 1)$"))
        x += w
        ax.text(x + 0.25, yc, "$=$", ha="center", va="center", fontsize=14)
        x += 0.5
        w, _ = _matrix_block(
            ax, x, yc, [[f"$w^{{[{l}]}}_{{{j}{k}}}$" for k in range(1, m + 1)] for j in range(1, n + 1)], BLUE
        )
        parts.append((x, w, f"$({n}\\times {m})$"))
        x += w + 0.1
        w, _ = _matrix_block(ax, x, yc, [[f"$a^{{[{l - 1}]}}_{{{k}}}$"] for k in range(1, m + 1)], INK)
        parts.append((x, w, f"$({m}\\times 1)$"))
        x += w
        ax.text(x + 0.25, yc, "$+$", ha="center", va="center", fontsize=14)
        x += 0.5
        w, _ = _matrix_block(ax, x, yc, [[f"$b^{{[{l}]}}_{{{j}}}$"] for j in range(1, n + 1)], PURPLE)
        parts.append((x, w, f"$({n}\\times 1)$"))
        x += w
        bottom = yc - max(n, m) * rh / 2 - 0.12
        shapes = [
            ax.text(x0 + w0 / 2, bottom, s, ha="center", va="top", fontsize=9.5, color=GREY) for x0, w0, s in parts
        ]
        label = ax.text(
            x + 0.4,
            yc,
            f"$z^{{[{l}]}} = w^{{[{l}]}} a^{{[{l - 1}]}} + b^{{[{l}]}}$",
            ha="left",
            va="center",
            fontsize=12,
        )
        art["rows"][l] = {"shapes": shapes, "label": label}
        xmax = max(xmax, x)
    ax.set_xlim(-0.2, xmax + 3.4)
    ax.set_ylim(y + 0.55, 0.35)
    ax.set_aspect("equal", adjustable="box")
    alt = (
        MATRIX_FORM_ALT
        if tuple(sizes) == (2, 3, 2)
        else (f"Matrix form z^[l] = w^[l] a^[l-1] + b^[l] for a network of sizes {list(sizes)}, entries written out.")
    )
    return Drawing(fig, art, alt)


# == bp5: the chain rule graph ============================================================================
def _graph_row(ax, y, names, colors, slopes):
    """Circles for the variables ``names`` in a row, forward arrows, and backward slope arrows."""
    xs = np.linspace(0, 1.6 * (len(names) - 1), len(names))
    nodes = {}
    for x, name, col in zip(xs, names, colors):
        ax.add_patch(patches.Circle((x, y), 0.32, facecolor="white", edgecolor=col, lw=2))
        nodes[name] = ax.text(x, y, f"${name}$", ha="center", va="center", fontsize=15, color=col)
    arrows = []
    for i in range(len(names) - 1):
        ax.annotate(
            "", xy=(xs[i + 1] - 0.34, y), xytext=(xs[i] + 0.34, y), arrowprops=dict(arrowstyle="-|>", color=INK, lw=1.5)
        )
        ax.annotate(
            "",
            xy=(xs[i] + 0.2, y + 0.33),
            xytext=(xs[i + 1] - 0.2, y + 0.33),
            arrowprops=dict(arrowstyle="-|>", color=RED, lw=1.3, ls="--", connectionstyle="arc3,rad=0.45"),
        )
        arrows.append(
            ax.text((xs[i] + xs[i + 1]) / 2, y + 0.95, slopes[i], ha="center", va="center", fontsize=16, color=RED)
        )
    return xs, nodes, arrows


CHAIN_GRAPH_ALT = (
    "Two computation graphs. Top: z feeds a which feeds the cost c, with local slopes da/dz and dc/da; "
    "the chain rule gives dc/dz = dc/da times da/dz. Bottom: w feeds z, then a, then c, and "
    "dc/dw = dc/da times da/dz times dz/dw."
)


@figure(alt=CHAIN_GRAPH_ALT)
def chain_graph(ax=None, *, with_weight=True) -> Drawing:
    """The computation graphs ``z → a → c`` and ``w → z → a → c`` with local slopes (the post's bp5).

    Forward arrows are solid; the derivatives flow back (dashed, red) and multiply: the chain rule.
    """
    fig, ax = figure_axes(ax, 6, 4 if with_weight else 2.4, full=True)
    blank_axes(ax)
    art = {}
    d_az, d_ca, d_zw = (
        r"$\frac{\partial a}{\partial z}$",
        r"$\frac{\partial c}{\partial a}$",
        r"$\frac{\partial z}{\partial w}$",
    )
    xs, art["nodes_top"], art["slopes_top"] = _graph_row(ax, 0.0, ["z", "a", "c"], [BLUE, GREEN, PURPLE], [d_az, d_ca])
    art["rule_top"] = ax.text(
        xs[-1] + 0.8,
        0.1,
        r"$\frac{\partial c}{\partial z} = \frac{\partial c}{\partial a}\,"
        r"\frac{\partial a}{\partial z}$",
        ha="left",
        va="center",
        fontsize=14,
    )
    ylo = 0.0
    if with_weight:
        ylo = -2.3
        xs2, art["nodes_bottom"], art["slopes_bottom"] = _graph_row(
            ax, ylo, ["w", "z", "a", "c"], [ORANGE, BLUE, GREEN, PURPLE], [d_zw, d_az, d_ca]
        )
        art["rule_bottom"] = ax.text(
            xs2[-1] + 0.6,
            ylo - 0.85,
            r"$\frac{\partial c}{\partial w} = \frac{\partial c}{\partial a}\,"
            r"\frac{\partial a}{\partial z}\,\frac{\partial z}{\partial w}$",
            ha="right",
            va="center",
            fontsize=14,
        )
    ax.set_xlim(-0.6, 7.6)
    ax.set_ylim(ylo - 1.4 if with_weight else -0.7, 1.35)
    ax.set_aspect("equal", adjustable="box")
    alt = (
        CHAIN_GRAPH_ALT
        if with_weight
        else (
            "A computation graph: z feeds a which feeds the cost c, with local slopes da/dz and dc/da; the chain rule "
            "gives dc/dz = dc/da times da/dz."
        )
    )
    return Drawing(fig, art, alt)


# == bp7: two layers, the error flowing back ============================================================
ERROR_FLOW_ALT = (
    "Two consecutive layers l and l+1. Neuron j of layer l sends its activation forward to both neurons "
    "k = 1, 2 of layer l+1 through the weights w^[l+1]_kj. The errors e^[l+1]_k flow back along the same "
    "weights to give e^[l]_j = (sum over k of w^[l+1]_kj e^[l+1]_k) times g'(z^[l]_j)."
)


@figure(alt=ERROR_FLOW_ALT)
def error_flow(ax=None, *, n_l=3, n_next=2, j=2) -> Drawing:
    """Layers ``l`` and ``l+1``: neuron ``j`` feeds every ``k`` through ``w^[l+1]_kj``; errors flow back (bp7)."""
    n_l = integer(n_l, "n_l", 1, 4)
    n_next = integer(n_next, "n_next", 1, 4)
    j = integer(j, "j", 1, n_l)
    fig, ax = figure_axes(ax, full=True)
    blank_axes(ax)
    art = {"nodes": {}, "weights": {}, "errors": {}}
    yl = [((n_l - 1) / 2 - i) * 1.2 for i in range(n_l)]
    yn = [((n_next - 1) / 2 - i) * 1.5 for i in range(n_next)]
    x0, x1, r = 0.0, 3.6, 0.36
    for i, y in enumerate(yl, start=1):
        on = i == j
        ax.add_patch(
            patches.Circle(
                (x0, y),
                r,
                facecolor=LAYER_FILL["hidden"],
                edgecolor=RED if on else INK,
                lw=2.4 if on else 1.2,
                zorder=3,
            )
        )
        art["nodes"][("l", i)] = ax.text(
            x0, y, f"$z^{{[l]}}_{{{i if not on else 'j'}}}$", ha="center", va="center", fontsize=10.5, zorder=4
        )
    for k, y in enumerate(yn, start=1):
        ax.add_patch(patches.Circle((x1, y), r, facecolor=LAYER_FILL["output"], edgecolor=INK, lw=1.2, zorder=3))
        art["nodes"][("l+1", k)] = ax.text(
            x1, y, f"$z^{{[l+1]}}_{{{k}}}$", ha="center", va="center", fontsize=10, zorder=4
        )
        for i, yi in enumerate(yl, start=1):
            if i != j:
                ax.add_line(Line2D([x0 + r, x1 - r], [yi, y], color=LIGHT, lw=1.0, zorder=1))
        yj = yl[j - 1]
        ax.add_line(Line2D([x0 + r, x1 - r], [yj, y], color=INK, lw=1.8, zorder=2))
        t = 0.62
        art["weights"][k] = ax.text(
            x0 + r + t * (x1 - x0 - 2 * r),
            yj + t * (y - yj) + 0.22,
            f"$w^{{[l+1]}}_{{{k}j}}$",
            ha="center",
            va="center",
            fontsize=11,
            color=BLUE,
            bbox=dict(boxstyle="round,pad=0.1", fc="white", ec="none"),
            zorder=3,
        )
        # error arriving from the cost side, and flowing back to j
        ax.annotate(
            "",
            xy=(x1 + r + 0.05, y),
            xytext=(x1 + 1.3, y),
            arrowprops=dict(arrowstyle="-|>", color=RED, lw=1.4, ls="--"),
        )
        art["errors"][k] = ax.text(
            x1 + 1.4, y, f"$e^{{[l+1]}}_{{{k}}}$", ha="left", va="center", fontsize=12, color=RED
        )
        ax.annotate(
            "",
            xy=(x0 + r * 0.7, yj - 0.28 * np.sign(yj - y) if y != yj else yj - 0.3),
            xytext=(x1 - r * 0.8, y - 0.28),
            arrowprops=dict(arrowstyle="-|>", color=RED, lw=1.2, ls="--", connectionstyle="arc3,rad=-0.15"),
        )
    art["errors"]["j"] = ax.text(
        x0 - r - 0.12, yl[j - 1], "$e^{[l]}_j$", ha="right", va="center", fontsize=12, color=RED
    )
    top = max(max(yl), max(yn))
    ax.text(x0, top + 0.75, "layer $l$", ha="center", fontsize=11)
    ax.text(x1, top + 0.75, "layer $l+1$", ha="center", fontsize=11)
    bottom = min(min(yl), min(yn))
    art["equation"] = ax.text(
        (x0 + x1) / 2 + 0.4,
        bottom - 0.95,
        r"$e^{[l]}_j = \left(\sum_k w^{[l+1]}_{kj}\, e^{[l+1]}_k\right) g'(z^{[l]}_j)$",
        ha="center",
        va="center",
        fontsize=14,
    )
    ax.set_xlim(-1.4, x1 + 2.3)
    ax.set_ylim(bottom - 1.5, top + 1.2)
    ax.set_aspect("equal", adjustable="box")
    alt = ERROR_FLOW_ALT
    if (n_l, n_next, j) != (3, 2, 2):
        ks = ", ".join(str(k) for k in range(1, n_next + 1))
        alt = (
            f"Two consecutive layers l ({n_l} neurons) and l+1 ({n_next} neurons). Neuron j = {j} of layer l sends "
            f"its activation forward to {'all neurons' if n_next > 1 else 'the neuron'} k = {ks} of layer l+1 "
            f"through the weights w^[l+1]_kj. The errors e^[l+1]_k flow back along the same weights to give "
            f"e^[l]_j = (sum over k of w^[l+1]_kj e^[l+1]_k) times g'(z^[l]_j)."
        )
    return Drawing(fig, art, alt)
