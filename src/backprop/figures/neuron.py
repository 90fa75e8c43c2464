"""One neuron, drawn as in the post: inside neuron ``j`` of layer ``l`` (bp2), the activation formula with its
parts named (bp4), and a neuron of the last layer with its cost (bp6).

These figures show the notation, not data, so each has one fixed alt text (beside its function), adapted
when the layer or the number of inputs is changed.
"""

from __future__ import annotations

from matplotlib import patches

from .._validate import integer
from .style import BLUE, GREEN, GREY, INK, LAYER_FILL, ORANGE, PURPLE, TINT, Drawing, blank_axes, figure, figure_axes

__all__ = ["neuron_computation", "activation_formula", "output_neuron_cost"]


# == bp2 / bp6: inside one neuron ========================================================================
def _neuron(ax, layer, n_inputs, with_cost):
    lp = "L-1" if layer == "L" else "l-1"
    blank_axes(ax)
    art = {"inputs": {}, "weights": {}, "arrows": {}}
    ys = [((n_inputs - 1) / 2 - i) * 1.25 for i in range(n_inputs)]
    cx, cy, R = 3.4, 0.0, 0.95
    for i, y in enumerate(ys, start=1):
        k = str(i) if i < n_inputs or n_inputs <= 2 else "k"
        c = patches.Circle((0, y), 0.52, facecolor=LAYER_FILL["hidden"], edgecolor=INK, lw=1.2)
        ax.add_patch(c)
        art["inputs"][i] = ax.text(0, y, f"$a^{{[{lp}]}}_{{{k}}}$", ha="center", va="center", fontsize=10.5)
        ax.annotate(
            "",
            xy=(cx - R * 0.98, cy + 0.25 * (y / max(1, abs(ys[0])))),
            xytext=(0.54, y),
            arrowprops=dict(arrowstyle="-|>", color=GREY, lw=1.3, shrinkA=0, shrinkB=0),
        )
        mx, my = 1.45, y + (0.0 - y) * 0.3
        art["weights"][i] = ax.text(
            mx,
            my,
            f"$w^{{[{layer}]}}_{{j{k}}}$",
            ha="center",
            va="center",
            fontsize=11,
            color=BLUE,
            bbox=dict(boxstyle="round,pad=0.1", fc="white", ec="none"),
        )
    # the neuron: summation half and activation half
    ax.add_patch(patches.Wedge((cx, cy), R, 90, 270, facecolor=TINT["blue"], edgecolor=INK, lw=1.4))
    ax.add_patch(patches.Wedge((cx, cy), R, -90, 90, facecolor=TINT["orange"], edgecolor=INK, lw=1.4))
    ax.text(cx - R / 2, cy + 0.1, r"$\Sigma$", ha="center", va="center", fontsize=20)
    art["z"] = ax.text(cx - R / 2, cy - 0.45, f"$z^{{[{layer}]}}_j$", ha="center", va="center", fontsize=10)
    ax.text(cx + R / 2, cy + 0.05, "$g$", ha="center", va="center", fontsize=20)
    # bias from below
    ax.annotate(
        "",
        xy=(cx - R / 2, cy - R * 0.87),
        xytext=(cx - R / 2, cy - 1.6),
        arrowprops=dict(arrowstyle="-|>", color=GREY, lw=1.3),
    )
    art["bias"] = ax.text(
        cx - R / 2, cy - 1.65, f"$b^{{[{layer}]}}_j$", ha="center", va="top", fontsize=11, color=PURPLE
    )
    # output
    x_out = cx + R + 1.5
    ax.annotate("", xy=(x_out, cy), xytext=(cx + R, cy), arrowprops=dict(arrowstyle="-|>", color=INK, lw=1.5))
    art["output"] = ax.text(
        x_out + 0.1,
        cy,
        f"$a^{{[{layer}]}}_j$",
        ha="left",
        va="center",
        fontsize=13,
        color=GREEN if layer == "L" else INK,
    )
    right = x_out + 1.0
    if with_cost:
        bx = x_out + 1.5
        ax.annotate(
            "", xy=(bx + 0.15, cy), xytext=(x_out + 0.75, cy), arrowprops=dict(arrowstyle="-|>", color=INK, lw=1.5)
        )
        ax.text(bx + 1.0, cy + 0.9, "$y_j$", ha="center", va="center", fontsize=12)
        ax.annotate(
            "",
            xy=(bx + 1.0, cy + 0.4),
            xytext=(bx + 1.0, cy + 0.7),
            arrowprops=dict(arrowstyle="-|>", color=INK, lw=1.3),
        )
        ax.add_patch(
            patches.FancyBboxPatch(
                (bx + 0.2, cy - 0.35),
                1.6,
                0.7,
                boxstyle="round,pad=0.05",
                facecolor=TINT["purple"],
                edgecolor=PURPLE,
                lw=1.4,
            )
        )
        art["cost"] = ax.text(bx + 1.0, cy, "$c_x$", ha="center", va="center", fontsize=14)
        right = bx + 2.0
    # the two equations underneath
    ytxt = -2.75 - 0.3 * max(0, n_inputs - 3)
    art["eq_z"] = ax.text(
        right / 2 - 0.3,
        ytxt,
        f"$z^{{[{layer}]}}_j = \\sum_k w^{{[{layer}]}}_{{jk}}\\, a^{{[{lp}]}}_k + b^{{[{layer}]}}_j$",
        ha="center",
        va="center",
        fontsize=13,
    )
    eq_a = f"$a^{{[{layer}]}}_j = g(z^{{[{layer}]}}_j)$"
    if with_cost:
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
    "z^[l]_j into the neuron's output a^[l]_j = g(z^[l]_j)."
)


@figure(alt=NEURON_ALT)
def neuron_computation(ax=None, *, n_inputs=3, layer="l") -> Drawing:
    """The computation inside neuron ``j`` of layer ``layer`` (the post's bp2).

    Inputs ``a^[l-1]_k`` weighted by ``w^[l]_jk``, summed with ``b^[l]_j`` into ``z^[l]_j``, then ``g``.
    With three or more inputs the last one is labelled with the size of layer ``l-1``,
    ``a^[l-1]_{n_{l-1}}``: never with ``k``, which is the summation index.
    """
    n_inputs = integer(n_inputs, "n_inputs", 1, 5)
    fig, ax = figure_axes(ax, full=True)
    art = _neuron(ax, str(layer), n_inputs, with_cost=False)
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
    art["eq_z"].set_text(
        f"$z^{{[{layer}]}}_j = \\sum_{{k=1}}^{{{size}}} w^{{[{layer}]}}_{{jk}}\\, a^{{[{lp}]}}_k + b^{{[{layer}]}}_j$"
    )
    alt = NEURON_ALT
    if layer != "l" or n_inputs != 3:
        plural = "s" if n_inputs > 1 else ""
        shown = (
            f"{n_inputs} activation{plural} a^[{lp}]_k of the previous layer"
            if n_inputs < 3
            else f"{n_inputs} activations of the previous layer, a^[{lp}]_1 to a^[{lp}]_{n_inputs - 1} and the "
            f"last, a^[{lp}]_(n_({lp})), where n_({lp}) is the number of neurons of layer {lp}"
        )
        alt = (
            f"Inside one neuron j of layer {layer}: {shown}, each multiplied by its weight w^[{layer}]_jk, are "
            f"summed with the bias b^[{layer}]_j to give z^[{layer}]_j = sum over k = 1 to n_({lp}) of "
            f"w^[{layer}]_jk a^[{lp}]_k + b^[{layer}]_j; the activation function g turns z^[{layer}]_j into "
            f"the neuron's output a^[{layer}]_j = g(z^[{layer}]_j)."
        )
    return Drawing(fig, art, alt)


OUTPUT_NEURON_ALT = (
    "One neuron j of the last layer L: the activations a^[L-1]_1, a^[L-1]_2, ..., a^[L-1]_(n_(L-1)) of the "
    "previous layer, which has n_(L-1) neurons, times the weights w^[L]_j1, w^[L]_j2, ..., w^[L]_j(n_(L-1)), "
    "plus the bias b^[L]_j, give z^[L]_j = sum over k = 1 to n_(L-1) of w^[L]_jk a^[L-1]_k + b^[L]_j; the "
    "activation g gives the output a^[L]_j, which is "
    "compared with the target y_j in the cost c_x = 1/2 sum over all output neurons p of (a^[L]_p - y_p)^2; "
    "the other outputs a^[L]_p, p not j, enter the cost too."
)


@figure(alt=OUTPUT_NEURON_ALT)
def output_neuron_cost(ax=None, *, n_inputs=3) -> Drawing:
    """One neuron ``j`` of the last layer ``L`` and its cost ``c_x`` (the post's bp6).

    The inputs are numbered ``1, 2, …`` and the last one ``n_{L-1}``: ``k`` is the summation index of the
    formula underneath, and ``j`` the one output neuron drawn (the cost sums over every output ``p``).
    """
    n_inputs = integer(n_inputs, "n_inputs", 1, 5)
    fig, ax = figure_axes(ax, 7, 4, full=True)
    art = _neuron(ax, "L", n_inputs, with_cost=True)
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
    ax.annotate("", xy=(bx, by - 0.42), xytext=(bx, by - 1.05), arrowprops=dict(arrowstyle="-|>", color=GREY, lw=1.2))
    art["others"] = ax.text(bx, by - 1.12, r"$a^{[L]}_p,\ p \neq j$", ha="center", va="top", fontsize=11, color=GREY)
    return Drawing(fig, art, OUTPUT_NEURON_ALT)


# == bp4: the activation formula =========================================================================
ACTIVATION_FORMULA_ALT = (
    "The activation formula a^[l]_j = g( sum over k of w^[l]_jk a^[l-1]_k + b^[l]_j ), with each part "
    "labelled: the weighted sum of the previous layer's activations, the bias, the activation function g."
)


@figure(alt=ACTIVATION_FORMULA_ALT)
def activation_formula(ax=None, *, layer="l") -> Drawing:
    """The formula ``a^[l]_j = g(Σ_k w^[l]_jk a^[l-1]_k + b^[l]_j)`` with its parts labelled (the post's bp4)."""
    fig, ax = figure_axes(ax, 6, 2.6, full=True)
    blank_axes(ax)
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
            art["captions"].append(
                ax.text(xc, 0.22, cap, ha="center", va="center", fontsize=9.5, color=col, transform=ax.transAxes)
            )
            ax.annotate(
                "",
                xy=(xc, bb.y0 - 0.02),
                xytext=(xc, 0.36),
                xycoords="axes fraction",
                arrowprops=dict(arrowstyle="-|>", color=col, lw=1.2),
            )
    alt = (
        ACTIVATION_FORMULA_ALT
        if l == "l"
        else ACTIVATION_FORMULA_ALT.replace("[l]", f"[{l}]").replace("[l-1]", f"[{lp}]")
    )
    return Drawing(fig, art, alt)
