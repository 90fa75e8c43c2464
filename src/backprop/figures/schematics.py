"""The post's explanatory diagrams bp2–bp7: one neuron, the activation formula, the matrix form, the chain
rule graph, the output neuron and its cost, the error flowing back through two layers.

These figures show the notation, not data, so each has one fixed alt text (beside its function).
"""

from __future__ import annotations

import numpy as np
from matplotlib import patches
from matplotlib.lines import Line2D

from .diagrams import _check_sizes
from .style import (BLUE, GREEN, GREY, INK, LAYER_FILL, LIGHT, ORANGE, PURPLE, RED, TINT, Drawing, _axes,
                    _blank, _small_int, figure)


# == bp2 / bp6: inside one neuron ========================================================================
def _neuron(ax, layer, n_inputs, cost, values):
    lp = "L-1" if layer == "L" else "l-1"
    _blank(ax)
    art = {"inputs": {}, "weights": {}, "arrows": {}}
    ys = [((n_inputs - 1) / 2 - i) * 1.25 for i in range(n_inputs)]
    cx, cy, R = 3.4, 0.0, 0.95
    for i, y in enumerate(ys, start=1):
        k = str(i) if i < n_inputs or n_inputs <= 2 else "k"
        c = patches.Circle((0, y), 0.52, facecolor=LAYER_FILL["hidden"], edgecolor=INK, lw=1.2)
        ax.add_patch(c)
        art["inputs"][i] = ax.text(0, y, f"$a^{{[{lp}]}}_{{{k}}}$", ha="center", va="center", fontsize=10.5)
        ax.annotate("", xy=(cx - R * 0.98, cy + 0.25 * (y / max(1, abs(ys[0])))), xytext=(0.54, y),
                    arrowprops=dict(arrowstyle="-|>", color=GREY, lw=1.3, shrinkA=0, shrinkB=0))
        mx, my = 1.45, y + (0.0 - y) * 0.3
        art["weights"][i] = ax.text(mx, my, f"$w^{{[{layer}]}}_{{j{k}}}$", ha="center", va="center",
                                    fontsize=11, color=BLUE,
                                    bbox=dict(boxstyle="round,pad=0.1", fc="white", ec="none"))
    # the neuron: summation half and activation half
    ax.add_patch(patches.Wedge((cx, cy), R, 90, 270, facecolor=TINT["blue"], edgecolor=INK, lw=1.4))
    ax.add_patch(patches.Wedge((cx, cy), R, -90, 90, facecolor=TINT["orange"], edgecolor=INK, lw=1.4))
    ax.text(cx - R / 2, cy + 0.1, r"$\Sigma$", ha="center", va="center", fontsize=20)
    art["z"] = ax.text(cx - R / 2, cy - 0.45, f"$z^{{[{layer}]}}_j$", ha="center", va="center", fontsize=10)
    ax.text(cx + R / 2, cy + 0.05, "$g$", ha="center", va="center", fontsize=20)
    # bias from below
    ax.annotate("", xy=(cx - R / 2, cy - R * 0.87), xytext=(cx - R / 2, cy - 1.6),
                arrowprops=dict(arrowstyle="-|>", color=GREY, lw=1.3))
    art["bias"] = ax.text(cx - R / 2, cy - 1.65, f"$b^{{[{layer}]}}_j$", ha="center", va="top", fontsize=11,
                          color=PURPLE)
    # output
    x_out = cx + R + 1.5
    ax.annotate("", xy=(x_out, cy), xytext=(cx + R, cy), arrowprops=dict(arrowstyle="-|>", color=INK, lw=1.5))
    art["output"] = ax.text(x_out + 0.1, cy, f"$a^{{[{layer}]}}_j$", ha="left", va="center", fontsize=13,
                            color=GREEN if layer == "L" else INK)
    right = x_out + 1.0
    if cost:
        bx = x_out + 1.5
        ax.annotate("", xy=(bx + 0.15, cy), xytext=(x_out + 0.75, cy),
                    arrowprops=dict(arrowstyle="-|>", color=INK, lw=1.5))
        ax.text(bx + 1.0, cy + 0.9, "$y_j$", ha="center", va="center", fontsize=12)
        ax.annotate("", xy=(bx + 1.0, cy + 0.4), xytext=(bx + 1.0, cy + 0.7),
                    arrowprops=dict(arrowstyle="-|>", color=INK, lw=1.3))
        ax.add_patch(patches.FancyBboxPatch((bx + 0.2, cy - 0.35), 1.6, 0.7, boxstyle="round,pad=0.05",
                                            facecolor=TINT["purple"], edgecolor=PURPLE, lw=1.4))
        art["cost"] = ax.text(bx + 1.0, cy, "$c_x$", ha="center", va="center", fontsize=14)
        right = bx + 2.0
    # the two equations underneath
    ytxt = -2.75 - 0.3 * max(0, n_inputs - 3)
    art["eq_z"] = ax.text(right / 2 - 0.3, ytxt,
                          f"$z^{{[{layer}]}}_j = \\sum_k w^{{[{layer}]}}_{{jk}}\\, a^{{[{lp}]}}_k "
                          f"+ b^{{[{layer}]}}_j$", ha="center", va="center", fontsize=13)
    eq_a = f"$a^{{[{layer}]}}_j = g(z^{{[{layer}]}}_j)$"
    if cost:
        # the cost sums over every output neuron p; j is the one drawn
        eq_a = eq_a[:-1] + r",\quad c_x = \frac{1}{2}\sum_p (a^{[L]}_p - y_p)^2$"
    art["eq_a"] = ax.text(right / 2 - 0.3, ytxt - 0.85, eq_a, ha="center", va="center", fontsize=13)
    ax.set_xlim(-0.7, right + 0.2)
    ax.set_ylim(ytxt - 1.3, max(ys) + 0.7)
    ax.set_aspect("equal", adjustable="box")
    return art


NEURON_ALT = (
    "Inside one neuron j of layer l: the activations of the previous layer, drawn as the first two, "
    "a^[l-1]_1 and a^[l-1]_2, and the last, a^[l-1]_(n_(l-1)), where n_(l-1) is the number of neurons of "
    "layer l-1, each multiplied by its weight w^[l]_jk, are summed with the bias b^[l]_j to give "
    "z^[l]_j = sum over k = 1 to n_(l-1) of w^[l]_jk a^[l-1]_k + b^[l]_j; the activation function g turns "
    "z^[l]_j into the neuron's output a^[l]_j = g(z^[l]_j).")


@figure(alt=NEURON_ALT)
def neuron_computation(ax=None, *, n_inputs=3, layer="l") -> Drawing:
    """The computation inside neuron ``j`` of layer ``layer`` (the post's bp2).

    Inputs ``a^[l-1]_k`` weighted by ``w^[l]_jk``, summed with ``b^[l]_j`` into ``z^[l]_j``, then ``g``.
    With three or more inputs the last one is labelled with the size of layer ``l-1``,
    ``a^[l-1]_{n_{l-1}}``: never with ``k``, which is the summation index.
    """
    n_inputs = _small_int(n_inputs, "n_inputs", 1, 5)
    fig, ax = _axes(ax, full=True)
    art = _neuron(ax, str(layer), n_inputs, cost=False, values=None)
    layer = str(layer)
    lp = "L-1" if layer == "L" else ("l-1" if layer == "l" else str(int(layer) - 1))
    size = f"n_{{{lp}}}"
    for i in range(1, n_inputs + 1):
        # the last of three or more inputs is the n_{l-1}-th (k is the summation index, not a label)
        index = size if i == n_inputs >= 3 else str(i)
        art["inputs"][i].set_text(f"$a^{{[{lp}]}}_{{{index}}}$")
        wsub = "j" + (r"\," + index if index == size else index)
        art["weights"][i].set_text(f"$w^{{[{layer}]}}_{{{wsub}}}$")
        if index == size:
            art["inputs"][i].set_fontsize(9.5)
    art["eq_z"].set_text(f"$z^{{[{layer}]}}_j = \\sum_{{k=1}}^{{{size}}} w^{{[{layer}]}}_{{jk}}\\, a^{{[{lp}]}}_k "
                         f"+ b^{{[{layer}]}}_j$")
    alt = NEURON_ALT
    if layer != "l" or n_inputs != 3:
        plural = "s" if n_inputs > 1 else ""
        shown = (f"{n_inputs} activation{plural} a^[{lp}]_k of the previous layer" if n_inputs < 3 else
                 f"{n_inputs} activations of the previous layer, a^[{lp}]_1 to a^[{lp}]_{n_inputs - 1} and the "
                 f"last, a^[{lp}]_(n_({lp})), where n_({lp}) is the number of neurons of layer {lp}")
        alt = (f"Inside one neuron j of layer {layer}: {shown}, each multiplied by its weight w^[{layer}]_jk, are "
               f"summed with the bias b^[{layer}]_j to give z^[{layer}]_j = sum over k = 1 to n_({lp}) of "
               f"w^[{layer}]_jk a^[{lp}]_k + b^[{layer}]_j; the activation function g turns z^[{layer}]_j into "
               f"the neuron's output a^[{layer}]_j = g(z^[{layer}]_j).")
    return Drawing(fig, art, alt)


OUTPUT_NEURON_ALT = (
    "One neuron j of the last layer L: the activations a^[L-1]_1, a^[L-1]_2, ..., a^[L-1]_(n_(L-1)) of the "
    "previous layer, which has n_(L-1) neurons, times the weights w^[L]_j1, w^[L]_j2, ..., w^[L]_j(n_(L-1)), "
    "plus the bias b^[L]_j, give z^[L]_j = sum over k = 1 to n_(L-1) of w^[L]_jk a^[L-1]_k + b^[L]_j; the "
    "activation g gives the output a^[L]_j, which is "
    "compared with the target y_j in the cost c_x = 1/2 sum over all output neurons p of (a^[L]_p - y_p)^2; "
    "the other outputs a^[L]_p, p not j, enter the cost too.")


@figure(alt=OUTPUT_NEURON_ALT)
def output_neuron_cost(ax=None, *, n_inputs=3) -> Drawing:
    """One neuron ``j`` of the last layer ``L`` and its cost ``c_x`` (the post's bp6).

    The inputs are numbered ``1, 2, …`` and the last one ``n_{L-1}``: ``k`` is the summation index of the
    formula underneath, and ``j`` the one output neuron drawn (the cost sums over every output ``p``).
    """
    n_inputs = _small_int(n_inputs, "n_inputs", 1, 5)
    fig, ax = _axes(ax, 7, 4, full=True)
    art = _neuron(ax, "L", n_inputs, cost=True, values=None)
    for i in art["inputs"]:
        # the last of three or more inputs is the n_{L-1}-th (k is the summation index, not a label)
        last = i == n_inputs >= 3
        index = "n_{L-1}" if last else str(i)
        art["inputs"][i].set_text(f"$a^{{[L-1]}}_{{{index}}}$")
        art["weights"][i].set_text("$w^{[L]}_{j" + (r"\," if last else "") + index + "}$")
        if last:
            art["inputs"][i].set_fontsize(9.5)
    art["eq_z"].set_text(r"$z^{[L]}_j = \sum_{k=1}^{n_{L-1}} w^{[L]}_{jk}\, a^{[L-1]}_k + b^{[L]}_j$")
    # the cost also reads the other outputs
    bx, by = art["cost"].get_position()
    ax.annotate("", xy=(bx, by - 0.42), xytext=(bx, by - 1.05),
                arrowprops=dict(arrowstyle="-|>", color=GREY, lw=1.2))
    art["others"] = ax.text(bx, by - 1.12, r"$a^{[L]}_p,\ p \neq j$", ha="center", va="top", fontsize=11,
                            color=GREY)
    return Drawing(fig, art, OUTPUT_NEURON_ALT)


# == bp4: the activation formula =========================================================================
ACTIVATION_FORMULA_ALT = (
    "The activation formula a^[l]_j = g( sum over k of w^[l]_jk a^[l-1]_k + b^[l]_j ), with each part "
    "labelled: the weighted sum of the previous layer's activations, the bias, the activation function g.")


@figure(alt=ACTIVATION_FORMULA_ALT)
def activation_formula(ax=None, *, layer="l") -> Drawing:
    """The formula ``a^[l]_j = g(Σ_k w^[l]_jk a^[l-1]_k + b^[l]_j)`` with its parts labelled (the post's bp4)."""
    fig, ax = _axes(ax, 6, 2.6, full=True)
    _blank(ax)
    l = str(layer)
    lp = "L-1" if l == "L" else ("l-1" if l == "l" else str(int(l) - 1))
    pieces = [  # (text, colour, caption)
        (f"$a^{{[{l}]}}_j$", GREEN, "output of\nneuron j"),
        ("$\\,=\\,$", INK, None),
        ("$g$", ORANGE, "activation\nfunction"),
        ("$\\left(\\right.$", INK, None),
        (f"$\\sum_k w^{{[{l}]}}_{{jk}}\\, a^{{[{lp}]}}_k$", BLUE, "weighted sum of the\nprevious layer"),
        ("$\\,+\\,$", INK, None),
        (f"$b^{{[{l}]}}_j$", PURPLE, "bias"),
        ("$\\left.\\right)$", INK, None),
    ]
    ax.set_xlim(0, 1)
    ax.set_ylim(0, 1)
    renderer = fig.canvas.get_renderer()
    texts, x = [], 0.0
    for txt, col, _ in pieces:
        t = ax.text(x, 0.68, txt, ha="left", va="center", fontsize=22, color=col, transform=ax.transAxes)
        texts.append(t)
        bb = t.get_window_extent(renderer).transformed(ax.transAxes.inverted())
        x += bb.width
    shift = (1 - x) / 2
    art = {"pieces": texts, "captions": []}
    for t, (_, col, cap) in zip(texts, pieces):
        t.set_x(t.get_position()[0] + shift)
        if cap:
            bb = t.get_window_extent(renderer).transformed(ax.transAxes.inverted())
            xc = bb.x0 + bb.width / 2
            art["captions"].append(ax.text(xc, 0.22, cap, ha="center", va="center", fontsize=9.5, color=col,
                                           transform=ax.transAxes))
            ax.annotate("", xy=(xc, bb.y0 - 0.02), xytext=(xc, 0.36), xycoords="axes fraction",
                        arrowprops=dict(arrowstyle="-|>", color=col, lw=1.2))
    alt = ACTIVATION_FORMULA_ALT if l == "l" else ACTIVATION_FORMULA_ALT.replace("[l]", f"[{l}]").replace(
        "[l-1]", f"[{lp}]")
    return Drawing(fig, art, alt)


# == bp3: the matrix form =================================================================================
def _matrix_block(ax, x, yc, entries, color=INK, cw=0.95, rh=0.62, fs=11):
    """Draw a bracketed matrix of mathtext ``entries`` with its left edge at ``x``; return (width, texts)."""
    n, m = len(entries), len(entries[0])
    h = n * rh
    texts = []
    for j, row in enumerate(entries):
        for k, e in enumerate(row):
            texts.append(ax.text(x + 0.12 + (k + 0.5) * cw, yc + h / 2 - (j + 0.5) * rh, e, ha="center",
                                 va="center", fontsize=fs, color=color))
    w = m * cw + 0.24
    for xs in ([x + 0.1, x, x, x + 0.1], [x + w - 0.1, x + w, x + w, x + w - 0.1]):
        ax.add_line(Line2D(xs, [yc + h / 2, yc + h / 2, yc - h / 2, yc - h / 2], color=INK, lw=1.3))
    return w, texts


MATRIX_FORM_ALT = (
    "Matrix form of the forward pass for the 2-3-2 network: z^[1] (3 by 1) equals the weight matrix "
    "w^[1] (3 by 2) times a^[0] (2 by 1) plus b^[1] (3 by 1); z^[2] (2 by 1) equals w^[2] (2 by 3) times "
    "a^[1] (3 by 1) plus b^[2] (2 by 1). Row j of w^[l] holds the weights into neuron j.")


@figure(alt=MATRIX_FORM_ALT)
def matrix_form(ax=None, sizes=(2, 3, 2)) -> Drawing:
    """``z^[l] = w^[l] a^[l-1] + b^[l]`` written out entry by entry for every layer, with shapes (bp3)."""
    sizes = _check_sizes(sizes)
    if max(sizes) > 4 or len(sizes) > 3:
        raise ValueError(f"matrix_form writes out networks up to 2 layers of 4 neurons, got {sizes!r}")
    L = len(sizes) - 1
    fig, ax = _axes(ax, 7, 4.6, full=True)
    _blank(ax)
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
        w, _ = _matrix_block(ax, x, yc, [[f"$w^{{[{l}]}}_{{{j}{k}}}$" for k in range(1, m + 1)]
                                         for j in range(1, n + 1)], BLUE)
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
        shapes = [ax.text(x0 + w0 / 2, bottom, s, ha="center", va="top", fontsize=9.5, color=GREY)
                  for x0, w0, s in parts]
        label = ax.text(x + 0.4, yc, f"$z^{{[{l}]}} = w^{{[{l}]}} a^{{[{l - 1}]}} + b^{{[{l}]}}$", ha="left",
                        va="center", fontsize=12)
        art["rows"][l] = {"shapes": shapes, "label": label}
        xmax = max(xmax, x)
    ax.set_xlim(-0.2, xmax + 3.4)
    ax.set_ylim(y + 0.55, 0.35)
    ax.set_aspect("equal", adjustable="box")
    alt = MATRIX_FORM_ALT if tuple(sizes) == (2, 3, 2) else (
        f"Matrix form z^[l] = w^[l] a^[l-1] + b^[l] for a network of sizes {list(sizes)}, entries written out.")
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
        ax.annotate("", xy=(xs[i + 1] - 0.34, y), xytext=(xs[i] + 0.34, y),
                    arrowprops=dict(arrowstyle="-|>", color=INK, lw=1.5))
        ax.annotate("", xy=(xs[i] + 0.2, y + 0.33), xytext=(xs[i + 1] - 0.2, y + 0.33),
                    arrowprops=dict(arrowstyle="-|>", color=RED, lw=1.3, ls="--",
                                    connectionstyle="arc3,rad=0.45"))
        arrows.append(ax.text((xs[i] + xs[i + 1]) / 2, y + 0.95, slopes[i], ha="center", va="center",
                              fontsize=16, color=RED))
    return xs, nodes, arrows


CHAIN_GRAPH_ALT = (
    "Two computation graphs. Top: z feeds a which feeds the cost c, with local slopes da/dz and dc/da; "
    "the chain rule gives dc/dz = dc/da times da/dz. Bottom: w feeds z, then a, then c, and "
    "dc/dw = dc/da times da/dz times dz/dw.")


@figure(alt=CHAIN_GRAPH_ALT)
def chain_graph(ax=None, *, with_weight=True) -> Drawing:
    """The computation graphs ``z → a → c`` and ``w → z → a → c`` with local slopes (the post's bp5).

    Forward arrows are solid; the derivatives flow back (dashed, red) and multiply: the chain rule.
    """
    fig, ax = _axes(ax, 6, 4 if with_weight else 2.4, full=True)
    _blank(ax)
    art = {}
    d_az, d_ca, d_zw = (r"$\frac{\partial a}{\partial z}$", r"$\frac{\partial c}{\partial a}$",
                        r"$\frac{\partial z}{\partial w}$")
    xs, art["nodes_top"], art["slopes_top"] = _graph_row(ax, 0.0, ["z", "a", "c"], [BLUE, GREEN, PURPLE],
                                                         [d_az, d_ca])
    art["rule_top"] = ax.text(xs[-1] + 0.8, 0.1,
                              r"$\frac{\partial c}{\partial z} = \frac{\partial c}{\partial a}\,"
                              r"\frac{\partial a}{\partial z}$", ha="left", va="center", fontsize=14)
    ylo = 0.0
    if with_weight:
        ylo = -2.3
        xs2, art["nodes_bottom"], art["slopes_bottom"] = _graph_row(
            ax, ylo, ["w", "z", "a", "c"], [ORANGE, BLUE, GREEN, PURPLE], [d_zw, d_az, d_ca])
        art["rule_bottom"] = ax.text(xs2[-1] + 0.6, ylo - 0.85,
                                     r"$\frac{\partial c}{\partial w} = \frac{\partial c}{\partial a}\,"
                                     r"\frac{\partial a}{\partial z}\,\frac{\partial z}{\partial w}$",
                                     ha="right", va="center", fontsize=14)
    ax.set_xlim(-0.6, 7.6)
    ax.set_ylim(ylo - 1.4 if with_weight else -0.7, 1.35)
    ax.set_aspect("equal", adjustable="box")
    alt = CHAIN_GRAPH_ALT if with_weight else (
        "A computation graph: z feeds a which feeds the cost c, with local slopes da/dz and dc/da; the chain rule "
        "gives dc/dz = dc/da times da/dz.")
    return Drawing(fig, art, alt)


# == bp7: two layers, the error flowing back ============================================================
ERROR_FLOW_ALT = (
    "Two consecutive layers l and l+1. Neuron j of layer l sends its activation forward to both neurons "
    "k = 1, 2 of layer l+1 through the weights w^[l+1]_kj. The errors e^[l+1]_k flow back along the same "
    "weights to give e^[l]_j = (sum over k of w^[l+1]_kj e^[l+1]_k) times g'(z^[l]_j).")


@figure(alt=ERROR_FLOW_ALT)
def error_flow(ax=None, *, n_l=3, n_next=2, j=2) -> Drawing:
    """Layers ``l`` and ``l+1``: neuron ``j`` feeds every ``k`` through ``w^[l+1]_kj``; errors flow back (bp7)."""
    n_l = _small_int(n_l, "n_l", 1, 4)
    n_next = _small_int(n_next, "n_next", 1, 4)
    j = _small_int(j, "j", 1, n_l)
    fig, ax = _axes(ax, full=True)
    _blank(ax)
    art = {"nodes": {}, "weights": {}, "errors": {}}
    yl = [((n_l - 1) / 2 - i) * 1.2 for i in range(n_l)]
    yn = [((n_next - 1) / 2 - i) * 1.5 for i in range(n_next)]
    x0, x1, r = 0.0, 3.6, 0.36
    for i, y in enumerate(yl, start=1):
        on = i == j
        ax.add_patch(patches.Circle((x0, y), r, facecolor=LAYER_FILL["hidden"], edgecolor=RED if on else INK,
                                    lw=2.4 if on else 1.2, zorder=3))
        art["nodes"][("l", i)] = ax.text(x0, y, f"$z^{{[l]}}_{{{i if not on else 'j'}}}$", ha="center",
                                         va="center", fontsize=10.5, zorder=4)
    for k, y in enumerate(yn, start=1):
        ax.add_patch(patches.Circle((x1, y), r, facecolor=LAYER_FILL["output"], edgecolor=INK, lw=1.2,
                                    zorder=3))
        art["nodes"][("l+1", k)] = ax.text(x1, y, f"$z^{{[l+1]}}_{{{k}}}$", ha="center", va="center",
                                           fontsize=10, zorder=4)
        for i, yi in enumerate(yl, start=1):
            if i != j:
                ax.add_line(Line2D([x0 + r, x1 - r], [yi, y], color=LIGHT, lw=1.0, zorder=1))
        yj = yl[j - 1]
        ax.add_line(Line2D([x0 + r, x1 - r], [yj, y], color=INK, lw=1.8, zorder=2))
        t = 0.62
        art["weights"][k] = ax.text(x0 + r + t * (x1 - x0 - 2 * r), yj + t * (y - yj) + 0.22,
                                    f"$w^{{[l+1]}}_{{{k}j}}$", ha="center", va="center", fontsize=11, color=BLUE,
                                    bbox=dict(boxstyle="round,pad=0.1", fc="white", ec="none"), zorder=3)
        # error arriving from the cost side, and flowing back to j
        ax.annotate("", xy=(x1 + r + 0.05, y), xytext=(x1 + 1.3, y),
                    arrowprops=dict(arrowstyle="-|>", color=RED, lw=1.4, ls="--"))
        art["errors"][k] = ax.text(x1 + 1.4, y, f"$e^{{[l+1]}}_{{{k}}}$", ha="left", va="center", fontsize=12,
                                   color=RED)
        ax.annotate("", xy=(x0 + r * 0.7, yj - 0.28 * np.sign(yj - y) if y != yj else yj - 0.3),
                    xytext=(x1 - r * 0.8, y - 0.28),
                    arrowprops=dict(arrowstyle="-|>", color=RED, lw=1.2, ls="--",
                                    connectionstyle="arc3,rad=-0.15"))
    art["errors"]["j"] = ax.text(x0 - r - 0.12, yl[j - 1], "$e^{[l]}_j$", ha="right", va="center", fontsize=12,
                                 color=RED)
    top = max(max(yl), max(yn))
    ax.text(x0, top + 0.75, "layer $l$", ha="center", fontsize=11)
    ax.text(x1, top + 0.75, "layer $l+1$", ha="center", fontsize=11)
    bottom = min(min(yl), min(yn))
    art["equation"] = ax.text((x0 + x1) / 2 + 0.4, bottom - 0.95,
                              r"$e^{[l]}_j = \left(\sum_k w^{[l+1]}_{kj}\, e^{[l+1]}_k\right) g'(z^{[l]}_j)$",
                              ha="center", va="center", fontsize=14)
    ax.set_xlim(-1.4, x1 + 2.3)
    ax.set_ylim(bottom - 1.5, top + 1.2)
    ax.set_aspect("equal", adjustable="box")
    alt = ERROR_FLOW_ALT
    if (n_l, n_next, j) != (3, 2, 2):
        ks = ", ".join(str(k) for k in range(1, n_next + 1))
        alt = (f"Two consecutive layers l ({n_l} neurons) and l+1 ({n_next} neurons). Neuron j = {j} of layer l sends "
               f"its activation forward to {'all neurons' if n_next > 1 else 'the neuron'} k = {ks} of layer l+1 "
               f"through the weights w^[l+1]_kj. The errors e^[l+1]_k flow back along the same weights to give "
               f"e^[l]_j = (sum over k of w^[l+1]_kj e^[l+1]_k) times g'(z^[l]_j).")
    return Drawing(fig, art, alt)


