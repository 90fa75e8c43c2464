"""Widgets on the network diagram: notation, the forward pass, the backward pass step by step, a nudged weight.

Each opens on the book's running example, ``Network([2, 3, 2], seed=0)``, unless given another ``seed``.
"""

from __future__ import annotations

import numpy as np

from .. import figures as F
from .._validate import as_matrix, finite_float
from .core import Control, BookWidget, build, example_net, note_text, register


# == 01 notation ==========================================================================================
@register
def notation_explorer(mode: str = "auto", *, seed: int = 0) -> BookWidget:
    """Pick layer ``l``, neuron ``j`` and source ``k``: ``w^[l]_jk`` lights up on the diagram and in ``w^[l]``.

    A ``j`` or ``k`` beyond the layer's size is clamped to the last neuron, with a note in the figure.
    """
    net = example_net(seed=seed)
    sizes = tuple(net.sizes)

    def setup():
        fig = F.new_figure(6.4, 4.0)
        ax1 = fig.add_axes((0.0, 0.05, 0.6, 0.93))
        ax2 = fig.add_axes((0.6, 0.12, 0.39, 0.78))
        dia = F.network_diagram(ax1, sizes, label_size=9, radius=0.34)
        mat = F.weight_matrix(ax2, (3, 2), layer=1, highlight=(1, 1))
        note = note_text(fig)
        drawing = F.Drawing(fig, {"diagram": dia, "matrix": mat, "note": note})

        def update(v):
            l = int(v["l"])
            j = min(int(v["j"]), sizes[l])
            k = min(int(v["k"]), sizes[l - 1])
            msgs = []
            if j != v["j"]:
                msgs.append(f"j clamped to {j}: layer {l} has {sizes[l]} neurons")
            if k != v["k"]:
                msgs.append(f"k clamped to {k}: layer {l - 1} has {sizes[l - 1]} neurons")
            w = float(net.w(l)[j - 1, k - 1])
            dia.set_highlight((l, j, k), value=w)
            mat.set_matrix(net.w(l).shape, layer=l, highlight=(j, k))
            note.set_text("; ".join(msgs))
            return (
                f"The network diagram with the weight w^[{l}]_{j}{k} = {w:.2f} highlighted: the line to neuron "
                f"{j} of layer {l} from neuron {k} of layer {l - 1}. Beside it the weight matrix w^[{l}] of "
                f"shape {sizes[l]} by {sizes[l - 1]}, entry row {j}, column {k} highlighted."
                + (" " + "; ".join(msgs) + "." if msgs else "")
            )

        return drawing, update

    specs = [
        Control("l", "layer l", 2, 1, 2, 1, integer=True, static=[1, 2]),
        Control("j", "neuron j (in layer l)", 1, 1, 3, 1, integer=True, static=[1, 2, 3]),
        Control("k", "source k (in layer l−1)", 2, 1, 3, 1, integer=True, static=[1, 2, 3]),
    ]
    return build("notation_explorer", specs, setup, mode)


# == 02 forward propagation ===============================================================================
@register
def forward_pass(mode: str = "auto", *, seed: int = 0) -> BookWidget:
    """Change the inputs ``x_1, x_2`` and the weights ``w^[1]_11``, ``w^[2]_11``: every ``z`` and ``a`` updates.

    It opens on the running example itself: ``x = (0.5, -0.4)`` and the network's own ``w^[1]_11`` and
    ``w^[2]_11`` (the numbers the chapter prints above it), so its first picture is the chapter's forward pass.
    """
    net = example_net(seed=seed)
    w1_start, w2_start = float(net.weights[0][0, 0]), float(net.weights[1][0, 0])

    def setup():
        dia = F.network_diagram(label_size=11, title="")
        dia.artists["title"].set_fontsize(10)

        dia.set_edge_style((1, 1, 1), F.ORANGE, 3.0)
        dia.set_edge_style((2, 1, 1), F.ORANGE, 3.0)

        def update(v):
            net.weights[0][0, 0] = v["w1"]
            net.weights[1][0, 0] = v["w2"]
            fw = net.forward(np.array([[v["x1"]], [v["x2"]]]))
            dia.set_values(fw)
            dia.artists["title"].set_text(
                f"$x$ = ({v['x1']:.2f}, {v['x2']:.2f}),  $w^{{[1]}}_{{11}}$ = {v['w1']:.2f},  "
                f"$w^{{[2]}}_{{11}}$ = {v['w2']:.2f}  (orange)"
            )
            out = fw.output[:, 0]
            hid = fw.a(1)[:, 0]
            return (
                f"Forward pass through the 2-3-2 network for the input x = ({v['x1']:.2f}, {v['x2']:.2f}) with "
                f"w^[1]_11 = {v['w1']:.2f} and w^[2]_11 = {v['w2']:.2f}: hidden activations "
                f"{', '.join(f'{a:.2f}' for a in hid)}; outputs {', '.join(f'{a:.2f}' for a in out)}."
            )

        return dia, update

    specs = [
        Control("x1", "input x₁", 0.5, -2.0, 2.0, 0.05, static=[-1.5, -0.5, 0.5, 1.5]),
        # The static page opens at the defaults (the running example's x), so each default is a static value.
        Control("x2", "input x₂", -0.4, -2.0, 2.0, 0.05, static=[-1.0, -0.4, 0.0, 1.0]),
        # the network's own weights as defaults (the static page adds the default to its values)
        Control("w1", "weight w¹₁₁ (layer 1)", w1_start, -3.0, 3.0, 0.05, static=[-2.0, 2.0], fmt="{:.2f}"),
        Control("w2", "weight w²₁₁ (layer 2)", w2_start, -3.0, 3.0, 0.05),
    ]
    return build("forward_pass", specs, setup, mode)


# == 06 the four equations ================================================================================
_FLOW_STEPS = {
    0: ("forward pass: every $z^{[l]}$ and $a^{[l]}$", "forward pass"),
    1: (r"BP1: $e^{[2]} = (a^{[2]} - y) \odot g'(z^{[2]})$", "BP1 gives the output error e^[2]"),
    2: (
        r"BP2: $e^{[1]} = (w^{[2]})^{\mathsf{T}} e^{[2]} \odot g'(z^{[1]})$",
        "BP2 carries the error back to layer 1, e^[1]",
    ),
    3: (
        r"BP3, BP4: $\partial c/\partial b^{[l]}_j = e^{[l]}_j$,  $\partial c/\partial w^{[l]}_{jk} = "
        r"a^{[l-1]}_k e^{[l]}_j$",
        "BP3 and BP4 give every gradient",
    ),
}


@register
def backprop_flow(mode: str = "auto", *, seed: int = 0, x2: float = -0.4, target=(1.0, 0.0)) -> BookWidget:
    """Step backwards: forward pass, BP1 at the output, BP2 to the hidden layer, then the gradients.

    Neurons are coloured by their error ``e^[l]_j`` (red positive, blue negative); at the last step the weight
    lines are coloured and thickened by their gradient ``∂c/∂w^[l]_jk``. ``x2`` is the fixed second input (the
    running example's -0.4); the first one is a control.
    """
    x2 = finite_float(x2, "x2")
    net = example_net(seed=seed)
    Y = as_matrix(target, "target", rows=2)

    def setup():
        dia = F.network_diagram(targets=Y, label_size=11, title="")
        dia.artists["title"].set_fontsize(10.5)

        def update(v):
            step = int(v["step"])
            X = np.array([[v["x1"]], [x2]])
            bw = net.backward(X, Y)
            dia.set_values(bw.forward)
            dia.reset_colors()
            dia.set_edge_gradients(None)
            if step >= 1:
                dia.set_errors(
                    bw, layers=[2] if step == 1 else [1, 2], scale=float(max(np.max(np.abs(e)) for e in bw.errors))
                )
            if step >= 3:
                dia.set_edge_gradients(bw.nabla_w)
            dia.artists["title"].set_text(f"step {step}: " + _FLOW_STEPS[step][0])
            parts = [
                f"Step {step} of the backward pass, input x = ({v['x1']:.2f}, {x2:.2f}), target y = "
                f"({Y[0, 0]:g}, {Y[1, 0]:g}): {_FLOW_STEPS[step][1]}."
            ]
            if step >= 1:
                parts.append("Output errors e^[2] = " + ", ".join(f"{e:.3f}" for e in bw.e(2)[:, 0]) + ".")
            if step >= 2:
                parts.append("Hidden errors e^[1] = " + ", ".join(f"{e:.3f}" for e in bw.e(1)[:, 0]) + ".")
            if step >= 3:
                parts.append(
                    "Weight lines are coloured by their gradient: red positive, blue negative, "
                    "thicker for larger magnitude."
                )
            return " ".join(parts)

        return dia, update

    specs = [
        Control("step", "step", 0, 0, 3, 1, integer=True, static=[0, 1, 2, 3]),
        Control("x1", "input x₁", 0.5, -2.0, 2.0, 0.05, static=[-1.0, 0.5, 2.0]),
    ]
    return build("backprop_flow", specs, setup, mode)


# == 07 proofs: nudge one weight ==========================================================================
def _weight_options(sizes):
    opts = []
    for l in range(1, len(sizes)):
        for j in range(1, sizes[l] + 1):
            for k in range(1, sizes[l - 1] + 1):
                opts.append((f"w[{l}]_{j}{k} (to neuron {j} of layer {l} from neuron {k})", (l, j, k)))
    return opts


@register
def nudge_weight(mode: str = "auto", *, seed: int = 0, x=(0.5, -0.4), target=(1.0, 0.0)) -> BookWidget:
    """Choose a weight and a nudge ``Δw``: predicted ``ΔC ≈ a_k^[l-1] e_j^[l] Δw`` against the measured change."""
    net = example_net(seed=seed)
    X = as_matrix(x, "x", rows=2)
    Y = as_matrix(target, "target", rows=2)
    bw = net.backward(X, Y)
    c0 = net.cost(X, Y)
    dws = np.linspace(-1.5, 1.5, 61)
    cache = {}

    def curve(wt):
        if wt not in cache:
            l, j, k = wt
            measured = []
            for dw in dws:
                nudged = net.copy()
                nudged.weights[l - 1][j - 1, k - 1] += dw
                measured.append(nudged.cost(X, Y) - c0)
            a_k = float(bw.forward.a(l - 1)[k - 1, 0])
            e_j = float(bw.e(l)[j - 1, 0])
            cache[wt] = (np.array(measured), float(bw.nabla_w[l - 1][j - 1, k - 1]), a_k, e_j)
        return cache[wt]

    def layer_ylim(l):
        """One y range for all the weights of layer ``l`` (a range change costs a full redraw)."""
        key = ("ylim", l)
        if key not in cache:
            lo, hi = 0.0, 0.0
            for _, wt in _weight_options(tuple(net.sizes)):
                if wt[0] == l:
                    measured, slope, _, _ = curve(wt)
                    lo = min(lo, measured.min(), (slope * dws).min())
                    hi = max(hi, measured.max(), (slope * dws).max())
            pad = 0.06 * (hi - lo) + 1e-12
            cache[key] = (float(lo - pad), float(hi + pad))
        return cache[key]

    def setup():
        fig = F.new_figure(6.6, 4.0)
        ax1 = fig.add_axes((0.0, 0.04, 0.46, 0.94))
        with F.book_style():
            ax2 = fig.add_axes((0.58, 0.14, 0.4, 0.8))
        dia = F.network_diagram(ax1, label_size=8, radius=0.36, layer_labels=True, weight_labels=False)
        dia.set_values(bw.forward, show=("a",))
        measured, slope, _, _ = curve((1, 1, 1))
        nd = F.nudge_plot(ax2, dws=dws, measured=measured, slope=slope, dw=0.0)
        drawing = F.Drawing(fig, {"diagram": dia, "nudge": nd})
        state = {"w": None}

        def update(v):
            wt = tuple(v["weight"])
            measured, slope, a_k, e_j = curve(wt)
            if wt != state["w"]:
                dia.set_highlight(wt, value=float(net.w(wt[0])[wt[1] - 1, wt[2] - 1]))
                state["w"] = wt
            l, j, k = wt
            info = f"$a^{{[{l - 1}]}}_{{{k}}}$ = {a_k:.3f},  $e^{{[{l}]}}_{{{j}}}$ = {e_j:.3f}\n"
            alt = nd.set_nudge(dws, measured, slope, float(v["dw"]), info=info, ylim=layer_ylim(l))
            return f"Weight w^[{l}]_{j}{k} highlighted on the network; a_k = {a_k:.3f}, e_j = {e_j:.3f}. " + alt

        return drawing, update

    opts = _weight_options(tuple(net.sizes))
    static_w = [(1, 1, 1), (1, 3, 2), (2, 1, 2), (2, 2, 3)]
    specs = [
        Control("weight", "weight", (1, 1, 1), options=opts, static=static_w),
        Control("dw", "nudge Δw", 0.5, -1.5, 1.5, 0.05, static=[-1.5, -1.0, -0.5, -0.1, 0.1, 0.5, 1.0, 1.5]),
    ]
    return build("nudge_weight", specs, setup, mode)
