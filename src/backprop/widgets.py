"""Interactive widgets for the chapters, one builder per widget, each working in two modes.

``mode="live"`` (Jupyter, Binder, Thebe): sliders move over continuous ranges; a callback updates the
artists of one figure drawn by :mod:`backprop.figures` (no re-plotting) and puts the re-rendered PNG into an
``ipywidgets.Image``.

``mode="static"`` (the built HTML book, no kernel): every state on a coarser grid of control values is
rendered when the chapter executes; the images sit in (nested) ``Stack`` widgets whose ``selected_index``
is linked to the controls with ``ipywidgets.jslink``, which runs in the browser, so the page still responds.
Each image is an ``HTML`` widget holding ``<img alt="...">`` with a description of that state.

``mode="auto"`` (the default) is ``"static"`` when the environment variable ``BACKPROP_WIDGETS=static`` is
set (the book build sets it), else ``"live"``.

Every builder returns a :class:`BookWidget` (an ``ipywidgets.VBox``) with, for tests and notebooks:
``controls`` (name → control widget), ``values()``, ``set(**values)`` (clamps or refuses bad values),
and in live mode ``drawing``, ``image``, ``refresh()``; in static mode ``stack``, ``links``, ``states``.
"""

from __future__ import annotations

import html
import itertools
import os
from dataclasses import dataclass
from typing import Any, Callable, Optional, Sequence

import numpy as np
import ipywidgets as W

from . import figures as F

MODES = ("auto", "live", "static")
STATIC_NOTE = ("Static preview: precomputed states. The live version is one click away: use the launch "
               "button (Binder/Live Code) at the top of the page.")

#: Rendering of precomputed states: 6 × 4 in at this dpi, quantized to this many colours.
STATIC_DPI = 80
STATIC_COLORS = 64
#: Live rendering: PNG compression level 1 is several times faster than the default and barely larger.
LIVE_COMPRESS = 1


def resolve_mode(mode: str = "auto") -> str:
    """``"live"`` or ``"static"``: ``"auto"`` reads the environment variable ``BACKPROP_WIDGETS``."""
    if mode not in MODES:
        raise ValueError(f"mode must be one of {MODES}, got {mode!r}")
    if mode == "auto":
        return "static" if os.environ.get("BACKPROP_WIDGETS", "").strip().lower() == "static" else "live"
    return mode


# -- controls --------------------------------------------------------------------------------------------
@dataclass
class Control:
    """One control: a numeric range (``lo``, ``hi``, ``step``) or a list of ``options``.

    ``static`` lists the values precomputed in static mode (``None``: the control is left out of the
    static page and stays at ``default``). ``options`` may be ``(label, value)`` pairs.
    """

    name: str
    label: str
    default: Any
    lo: Optional[float] = None
    hi: Optional[float] = None
    step: Optional[float] = None
    options: Optional[Sequence] = None
    static: Optional[Sequence] = None
    fmt: str = "{:g}"
    integer: bool = False
    slider: bool = False  # show options on a SelectionSlider instead of a Dropdown

    def __post_init__(self):
        if self.options is not None:
            self.options = [o if isinstance(o, tuple) else (self.fmt.format(o) if not isinstance(o, str) else o, o)
                            for o in self.options]

    @property
    def values(self):
        return [v for _, v in self.options] if self.options is not None else None

    def clamp(self, value):
        """Clamp a numeric value into ``[lo, hi]``; refuse an unknown option with the list of valid ones."""
        if self.options is not None:
            if value in self.values:
                return value
            for lab, v in self.options:  # accept a label too
                if value == lab:
                    return v
            valid = ", ".join(repr(v) for v in self.values)
            raise ValueError(f"{self.label}: {value!r} is not a valid choice; valid choices are {valid}")
        try:
            v = float(value)
        except (TypeError, ValueError):
            raise ValueError(f"{self.label}: expected a number in [{self.lo:g}, {self.hi:g}], got {value!r}") from None
        if not np.isfinite(v):
            raise ValueError(f"{self.label}: expected a finite number, got {value!r}")
        v = min(max(v, self.lo), self.hi)
        return int(round(v)) if self.integer else v

    def live_widget(self):
        style = {"description_width": "initial"}
        layout = W.Layout(width="min(100%, 420px)")
        if self.options is not None:
            cls = W.SelectionSlider if self.slider else W.Dropdown
            return cls(options=self.options, value=self.default, description=self.label, style=style,
                       layout=layout)
        if self.integer:
            return W.IntSlider(value=int(self.default), min=int(self.lo), max=int(self.hi), step=int(self.step or 1),
                               description=self.label, style=style, layout=layout, continuous_update=True)
        return W.FloatSlider(value=float(self.default), min=self.lo, max=self.hi, step=self.step or (self.hi - self.lo) / 100,
                             description=self.label, style=style, layout=layout, continuous_update=True,
                             readout_format=".3g")

    def static_widget(self):
        style = {"description_width": "initial"}
        layout = W.Layout(width="min(100%, 420px)")
        opts = [(self._label(v), i) for i, v in enumerate(self.static)]
        start = self._nearest_index(self.default)
        if self.options is not None and not self.slider:
            return W.Dropdown(options=opts, value=start, description=self.label, style=style, layout=layout)
        return W.SelectionSlider(options=opts, value=start, description=self.label, style=style, layout=layout,
                                 continuous_update=True)

    def _label(self, v):
        if self.options is not None:
            for lab, val in self.options:
                if val == v:
                    return lab
        return self.fmt.format(v)

    def _nearest_index(self, v):
        if self.options is not None or not all(isinstance(s, (int, float)) for s in self.static):
            return self.static.index(v) if v in self.static else 0
        return int(np.argmin([abs(s - v) for s in self.static]))


# -- the widget -----------------------------------------------------------------------------------------
class BookWidget(W.VBox):
    """A VBox holding the controls, the picture and (static mode) a note; see the module docstring."""

    def __init__(self, name, mode, controls, children, **kw):
        super().__init__(children=children, **kw)
        self.name = name
        self.mode = mode
        self.controls = controls
        self.drawing = None
        self.image = None
        self.stack = None
        self.links = []
        self.states = []
        self.alts = []
        self.last_alt = ""
        self._specs = {}
        self._update = None
        self._static_keys = []

    def values(self) -> dict:
        """The current control values (static mode: the values of the selected precomputed state)."""
        if self.mode == "live":
            return {n: c.value for n, c in self.controls.items()}
        out = {n: spec.default for n, spec in self._specs.items()}
        for n in self._static_keys:
            out[n] = self._specs[n].static[self.controls[n].value]
        return out

    def set(self, **values) -> dict:
        """Set controls from Python: numbers are clamped to the range, unknown names or options refused.

        In static mode a value snaps to the nearest precomputed one. Returns the values actually set.
        """
        unknown = set(values) - set(self._specs)
        if unknown:
            raise ValueError(f"{self.name} has no control {sorted(unknown)}; its controls are {list(self._specs)}")
        done = {}
        for n, v in values.items():
            spec = self._specs[n]
            v = spec.clamp(v)
            if self.mode == "live":
                self.controls[n].value = v
            elif n in self._static_keys:
                i = spec._nearest_index(v)
                self.controls[n].value = i
                v = spec.static[i]
            done[n] = v
        return done

    def refresh(self) -> str:
        """Live mode: update the figure from the controls and re-render the image; returns the alt text."""
        vals = {n: self._specs[n].clamp(c.value) for n, c in self.controls.items()}
        alt = self._update(vals)
        self.image.value = self.renderer.render(LIVE_COMPRESS)
        self.description.value = _description_html(alt)
        self.last_alt = alt
        return alt

    def __repr__(self):
        return f"BookWidget({self.name!r}, mode={self.mode!r}, controls={list(self._specs)})"


def _description_html(alt: str) -> str:
    """The live figure's text alternative, collapsed under a summary line."""
    return f"<details><summary>Figure description</summary>{html.escape(alt)}</details>"


def _build(name: str, specs: Sequence[Control], setup: Callable, mode: str) -> BookWidget:
    """Make the live or static widget from control specs and ``setup() -> (drawing, update)``.

    ``update(values) -> alt`` changes the drawing's artists for the control ``values`` (a dict).
    """
    mode = resolve_mode(mode)
    drawing, update = setup()
    specs = list(specs)
    if mode == "live":
        controls = {s.name: s.live_widget() for s in specs}
        defaults = {s.name: s.clamp(s.default) for s in specs}
        renderer = _probe(drawing, update, specs, defaults)
        alt = update(defaults)
        # No `tooltip` on the Image: ipywidgets 8.1's JavaScript reads `description.length` for a tooltip and
        # crashes on widgets without a description (jupyter-widgets/ipywidgets#3921). The text alternative
        # goes in a description below the image instead, updated with it.
        image = W.Image(value=renderer.render(LIVE_COMPRESS), format="png",
                        layout=W.Layout(max_width="100%", height="auto"))
        description = W.HTML(_description_html(alt))
        status = W.HTML("")
        w = BookWidget(name, mode, controls, [*controls.values(), image, description, status])
        w.description = description
        w.drawing, w.image, w._update, w.last_alt, w.renderer = drawing, image, update, alt, renderer
        w._specs = {s.name: s for s in specs}
        w.status = status

        def on_change(change):
            try:
                w.refresh()
                status.value = ""
            except Exception as exc:  # shown in the page: callbacks' exceptions are otherwise invisible
                status.value = f'<span role="alert">Could not update: {type(exc).__name__}: {exc}</span>'

        for c in controls.values():
            c.observe(on_change, names="value")
        w._on_change = on_change
        return w

    # static: precompute the product grid, nest one Stack level per control
    shown = [s for s in specs if s.static is not None]
    fixed = {s.name: s.clamp(s.default) for s in specs if s.static is None}
    controls = {s.name: s.static_widget() for s in shown}
    states, alts, links = [], [], []

    def render(values):
        alt = update(values)
        png = F.to_png(drawing.fig, dpi=STATIC_DPI, colors=STATIC_COLORS)
        states.append(dict(values))
        alts.append(alt)
        return W.HTML(value=F.img_html(png, alt))

    def level(i, prefix):
        if i == len(shown):
            return render({**fixed, **prefix})
        spec = shown[i]
        start = spec._nearest_index(spec.default)
        children = [level(i + 1, {**prefix, spec.name: spec.clamp(v)}) for v in spec.static]
        stack = W.Stack(children=children, selected_index=start)
        links.append(W.jslink((controls[spec.name], "index"), (stack, "selected_index")))
        return stack

    root = level(0, {})
    note = W.HTML(f'<p style="font-size:0.85em;margin:0.2em 0"><em>{STATIC_NOTE}</em></p>')
    w = BookWidget(name, mode, controls, [*controls.values(), root, note])
    w.stack, w.links, w.states, w.alts, w.note = root, links, states, alts, note
    w._specs = {s.name: s for s in specs}
    w._static_keys = [s.name for s in shown]
    w._update = update
    return w


def _probe(drawing, update, specs, defaults) -> "F.LiveRenderer":
    """A LiveRenderer whose animated artists are those that trial updates (each control at both ends) change."""
    renderer = F.LiveRenderer(drawing.fig)
    update(defaults)
    renderer.canvas.draw()  # everything clean: what is stale after an update is what the update changes
    changed = {}
    for spec in specs:
        ends = [spec.values[0], spec.values[-1]] if spec.options is not None else [spec.lo, spec.hi]
        for v in ends:
            update({**defaults, spec.name: spec.clamp(v)})
            stale = renderer.stale_artists()
            renderer.note_extents(stale)  # moving artists: remember every place they reach
            changed.update((id(a), a) for a in stale)
    update(defaults)
    renderer.add_dynamic(list(changed.values()) + renderer.stale_artists())
    return renderer


def _note(fig):
    """A text line at the bottom of a widget figure for messages such as clamped values."""
    return fig.text(0.01, 0.005, "", ha="left", va="bottom", fontsize=8.5, color=F.RED)


def _net(sizes=(2, 3, 2), seed=1, **kw):
    from .network import Network

    return Network(list(sizes), seed=seed, **kw)


# == 01 notation ==========================================================================================
def notation_explorer(mode: str = "auto", *, seed: int = 1) -> BookWidget:
    """Pick layer ``l``, neuron ``j`` and source ``k``: ``w^[l]_jk`` lights up on the diagram and in ``w^[l]``.

    A ``j`` or ``k`` beyond the layer's size is clamped to the last neuron, with a note in the figure.
    """
    net = _net(seed=seed)
    sizes = tuple(net.sizes)

    def setup():
        fig = F.new_figure(6.4, 4.0)
        ax1 = fig.add_axes((0.0, 0.05, 0.6, 0.93))
        ax2 = fig.add_axes((0.6, 0.12, 0.39, 0.78))
        dia = F.network_diagram(ax1, sizes, label_size=9, radius=0.34)
        mat = F.weight_matrix(ax2, (3, 2), layer=1, highlight=(1, 1))
        note = _note(fig)
        drawing = F.Drawing(fig, {"diagram": dia, "matrix": mat, "note": note}, F.alt_text("network_diagram"))

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
            F.set_highlight(dia, (l, j, k), value=w)
            F.set_matrix(mat, net.w(l).shape, layer=l, highlight=(j, k))
            note.set_text("; ".join(msgs))
            return (f"The network diagram with the weight w^[{l}]_{j}{k} = {w:.2f} highlighted: the line to neuron "
                    f"{j} of layer {l} from neuron {k} of layer {l - 1}. Beside it the weight matrix w^[{l}] of "
                    f"shape {sizes[l]} by {sizes[l - 1]}, entry row {j}, column {k} highlighted."
                    + (" " + "; ".join(msgs) + "." if msgs else ""))

        return drawing, update

    specs = [
        Control("l", "layer l", 2, 1, 2, 1, integer=True, static=[1, 2]),
        Control("j", "neuron j (in layer l)", 1, 1, 3, 1, integer=True, static=[1, 2, 3]),
        Control("k", "source k (in layer l−1)", 3, 1, 3, 1, integer=True, static=[1, 2, 3]),
    ]
    return _build("notation_explorer", specs, setup, mode)


# == 02 forward propagation ===============================================================================
def forward_pass(mode: str = "auto", *, seed: int = 1) -> BookWidget:
    """Change the inputs ``x_1, x_2`` and the weights ``w^[1]_11``, ``w^[2]_11``: every ``z`` and ``a`` updates."""
    net = _net(seed=seed)

    def setup():
        dia = F.network_diagram(label_size=11, title="")
        fig = dia.fig
        dia.artists["title"].set_fontsize(10)

        F.set_edge_style(dia, (1, 1, 1), F.ORANGE, 3.0)
        F.set_edge_style(dia, (2, 1, 1), F.ORANGE, 3.0)

        def update(v):
            net.weights[0][0, 0] = v["w1"]
            net.weights[1][0, 0] = v["w2"]
            fw = net.forward(np.array([[v["x1"]], [v["x2"]]]))
            F.set_values(dia, fw)
            dia.artists["title"].set_text(
                f"$x$ = ({v['x1']:.2f}, {v['x2']:.2f}),  $w^{{[1]}}_{{11}}$ = {v['w1']:.2f},  "
                f"$w^{{[2]}}_{{11}}$ = {v['w2']:.2f}  (orange)")
            out = fw.output[:, 0]
            hid = fw.a(1)[:, 0]
            return (f"Forward pass through the 2-3-2 network for the input x = ({v['x1']:.2f}, {v['x2']:.2f}) with "
                    f"w^[1]_11 = {v['w1']:.2f} and w^[2]_11 = {v['w2']:.2f}: hidden activations "
                    f"{', '.join(f'{a:.2f}' for a in hid)}; outputs {', '.join(f'{a:.2f}' for a in out)}.")

        return dia, update

    specs = [
        Control("x1", "input x₁", 0.5, -2.0, 2.0, 0.05, static=[-1.5, -0.5, 0.5, 1.5]),
        Control("x2", "input x₂", -0.5, -2.0, 2.0, 0.05, static=[-1.0, 0.0, 1.0]),
        Control("w1", "weight w¹₁₁ (layer 1)", 1.0, -3.0, 3.0, 0.05, static=[-2.0, 0.0, 2.0]),
        Control("w2", "weight w²₁₁ (layer 2)", 1.0, -3.0, 3.0, 0.05),
    ]
    return _build("forward_pass", specs, setup, mode)


# == 03 cost ==============================================================================================
def cost_explorer(mode: str = "auto") -> BookWidget:
    """Move the prediction ``a`` against the target ``y``: quadratic vs cross-entropy, and their slopes."""

    def setup():
        d = F.cost_curves(y=1.0, a=0.3)
        state = {"y": None}

        def update(v):
            y = None if v["y"] == state["y"] else v["y"]
            state["y"] = v["y"]
            return F.set_cost_curves(d, y=y, a=v["a"])

        return d, update

    specs = [
        Control("a", "prediction a", 0.3, 0.01, 0.99, 0.01, static=[round(x, 2) for x in np.linspace(0.05, 0.95, 10)]),
        Control("y", "target y", 1.0, 0.0, 1.0, 0.05, static=[0.0, 1.0]),
    ]
    return _build("cost_explorer", specs, setup, mode)


# == 04 gradient descent ==================================================================================
def gradient_descent_explorer(mode: str = "auto", *, curvature=(1.0, 10.0), start=(-2.0, 1.0)) -> BookWidget:
    """Learning rate ``η`` and number of steps on the bowl ``C = ½(h₁θ₁² + h₂θ₂²)``.

    Below ``1/h_max`` the path converges smoothly, between ``1/h_max`` and ``2/h_max`` it oscillates across
    the valley and still converges, beyond ``2/h_max`` it diverges.
    """
    from .training import QuadraticBowl, descend

    bowl = QuadraticBowl(tuple(float(h) for h in curvature))
    crit = bowl.eta_critical

    def setup():
        d = F.gradient_descent_plot(f=bowl, path=np.array([start]), xlim=(-2.5, 2.5), ylim=(-1.5, 1.5))

        def update(v):
            path = descend(bowl.grad, start, v["eta"], int(v["steps"]))
            return F.set_descent_path(d, path, max_steps=40, label=f"η = {v['eta']:.3f} (diverges above {crit:.2f}), ")

        return d, update

    specs = [
        Control("eta", "learning rate η", 0.05, 0.005, 0.25, 0.005, static=[0.02, 0.05, 0.1, 0.15, 0.19, 0.21]),
        Control("steps", "steps", 20, 1, 40, 1, integer=True, static=[5, 10, 20, 40]),
    ]
    return _build("gradient_descent_explorer", specs, setup, mode)


# == 05 chain rule ========================================================================================
def chain_rule_explorer(mode: str = "auto") -> BookWidget:
    """Move ``z``: ``c(a(z))``, the local slopes ``∂c/∂a`` and ``∂a/∂z``, their product vs the measured slope."""

    def setup():
        d = F.chain_rule_plot(z=0.5, y=1.0)

        def update(v):
            return F.set_chain_rule(d, v["z"], activation=v["activation"])

        return d, update

    specs = [
        Control("z", "input z", 0.5, -6.0, 6.0, 0.05, static=[float(x) for x in np.linspace(-5, 5, 11)]),
        Control("activation", "activation g", "sigmoid", options=["sigmoid", "tanh"], static=["sigmoid", "tanh"]),
    ]
    return _build("chain_rule_explorer", specs, setup, mode)


# == 06 the four equations ================================================================================
_FLOW_STEPS = {
    0: ("forward pass: every $z^{[l]}$ and $a^{[l]}$", "forward pass"),
    1: (r"BP1: $e^{[2]} = (a^{[2]} - y) \odot g'(z^{[2]})$", "BP1 gives the output error e^[2]"),
    2: (r"BP2: $e^{[1]} = (w^{[2]})^{\mathsf{T}} e^{[2]} \odot g'(z^{[1]})$",
        "BP2 carries the error back to layer 1, e^[1]"),
    3: (r"BP3, BP4: $\partial c/\partial b^{[l]}_j = e^{[l]}_j$,  $\partial c/\partial w^{[l]}_{jk} = "
        r"a^{[l-1]}_k e^{[l]}_j$", "BP3 and BP4 give every gradient"),
}


def backprop_flow(mode: str = "auto", *, seed: int = 1, x2: float = -0.4, target=(1.0, 0.0)) -> BookWidget:
    """Step backwards: forward pass, BP1 at the output, BP2 to the hidden layer, then the gradients.

    Neurons are coloured by their error ``e^[l]_j`` (red positive, blue negative); at the last step the weight
    lines are coloured and thickened by their gradient ``∂c/∂w^[l]_jk``. ``x2`` is the fixed second input (the
    running example's -0.4); the first one is a control.
    """
    if isinstance(x2, bool) or not isinstance(x2, (int, float)) or not np.isfinite(x2):
        raise ValueError(f"x2 must be a finite number, got {x2!r}")
    x2 = float(x2)
    net = _net(seed=seed)
    Y = np.array(target, dtype=float).reshape(2, 1)

    def setup():
        dia = F.network_diagram(targets=Y, label_size=11, title="")
        dia.artists["title"].set_fontsize(10.5)

        def update(v):
            step = int(v["step"])
            X = np.array([[v["x1"]], [x2]])
            bw = net.backward(X, Y)
            F.set_values(dia, bw.forward)
            F.reset_colors(dia)
            F.set_edge_gradients(dia, None)
            if step >= 1:
                F.set_errors(dia, bw, layers=[2] if step == 1 else [1, 2], scale=float(
                    max(np.max(np.abs(e)) for e in bw.errors)))
            if step >= 3:
                F.set_edge_gradients(dia, bw.nabla_w)
            dia.artists["title"].set_text(f"step {step}: " + _FLOW_STEPS[step][0])
            parts = [f"Step {step} of the backward pass, input x = ({v['x1']:.2f}, {x2:.2f}), target y = "
                     f"({Y[0, 0]:g}, {Y[1, 0]:g}): {_FLOW_STEPS[step][1]}."]
            if step >= 1:
                parts.append("Output errors e^[2] = " + ", ".join(f"{e:.3f}" for e in bw.e(2)[:, 0]) + ".")
            if step >= 2:
                parts.append("Hidden errors e^[1] = " + ", ".join(f"{e:.3f}" for e in bw.e(1)[:, 0]) + ".")
            if step >= 3:
                parts.append("Weight lines are coloured by their gradient: red positive, blue negative, "
                             "thicker for larger magnitude.")
            return " ".join(parts)

        return dia, update

    specs = [
        Control("step", "step", 0, 0, 3, 1, integer=True, static=[0, 1, 2, 3]),
        Control("x1", "input x₁", 0.5, -2.0, 2.0, 0.05, static=[-1.0, 0.5, 2.0]),
    ]
    return _build("backprop_flow", specs, setup, mode)


# == 07 proofs: nudge one weight ==========================================================================
def _weight_options(sizes):
    opts = []
    for l in range(1, len(sizes)):
        for j in range(1, sizes[l] + 1):
            for k in range(1, sizes[l - 1] + 1):
                opts.append((f"w[{l}]_{j}{k} (to neuron {j} of layer {l} from neuron {k})", (l, j, k)))
    return opts


def nudge_weight(mode: str = "auto", *, seed: int = 1, x=(0.5, -0.4), target=(1.0, 0.0)) -> BookWidget:
    """Choose a weight and a nudge ``Δw``: predicted ``ΔC ≈ a_k^[l-1] e_j^[l] Δw`` against the measured change."""
    net = _net(seed=seed)
    X = np.array(x, dtype=float).reshape(2, 1)
    Y = np.array(target, dtype=float).reshape(2, 1)
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
        with F._style():
            ax2 = fig.add_axes((0.58, 0.14, 0.4, 0.8))
        dia = F.network_diagram(ax1, label_size=8, radius=0.36, layer_labels=True, weight_labels=False)
        F.set_values(dia, bw.forward, show=("a",))
        measured, slope, _, _ = curve((1, 1, 1))
        nd = F.nudge_plot(ax2, dws=dws, measured=measured, slope=slope, dw=0.0)
        drawing = F.Drawing(fig, {"diagram": dia, "nudge": nd}, F.alt_text("nudge"))
        state = {"w": None}

        def update(v):
            wt = tuple(v["weight"])
            measured, slope, a_k, e_j = curve(wt)
            if wt != state["w"]:
                F.set_highlight(dia, wt, value=float(net.w(wt[0])[wt[1] - 1, wt[2] - 1]))
                state["w"] = wt
            l, j, k = wt
            info = f"$a^{{[{l - 1}]}}_{{{k}}}$ = {a_k:.3f},  $e^{{[{l}]}}_{{{j}}}$ = {e_j:.3f}\n"
            alt = F.set_nudge(nd, dws, measured, slope, float(v["dw"]), info=info, ylim=layer_ylim(l))
            return (f"Weight w^[{l}]_{j}{k} highlighted on the network; a_k = {a_k:.3f}, e_j = {e_j:.3f}. " + alt)

        return drawing, update

    opts = _weight_options(tuple(net.sizes))
    static_w = [(1, 1, 1), (1, 3, 2), (2, 1, 2), (2, 2, 3)]
    specs = [
        Control("weight", "weight", (1, 1, 1), options=opts, static=static_w),
        Control("dw", "nudge Δw", 0.5, -1.5, 1.5, 0.05, static=[-1.5, -1.0, -0.5, -0.1, 0.1, 0.5, 1.0, 1.5]),
    ]
    return _build("nudge_weight", specs, setup, mode)


# == 08 in practice: training =============================================================================
TRAIN_ETAS = (0.1, 0.3, 1.0, 3.0, 10.0, 30.0)
TRAIN_WIDTHS = (1, 2, 3, 5, 8)
TRAIN_ACTIVATIONS = ("sigmoid", "tanh", "relu")


def training_explorer(mode: str = "auto", *, epochs: int = 200, n: int = 120, noise: float = 0.2,
                      seed: int = 0, precompute: Optional[bool] = None) -> BookWidget:
    """Learning rate, hidden width and activation: the decision boundary on two moons and the loss curve.

    A ``[2, width, 1]`` network with a sigmoid output and the cross-entropy cost, trained by full-batch
    ``training.sgd`` for ``epochs`` epochs. Every training is cached (about 20 ms each); in live mode all
    ``len(TRAIN_ETAS) × len(TRAIN_WIDTHS) × len(TRAIN_ACTIVATIONS)`` runs are done up front
    (``precompute=False`` to train on demand instead), so a callback only redraws.
    """
    from . import data, training
    from .activations import get_activation

    if isinstance(epochs, bool) or not isinstance(epochs, (int, np.integer)) or not 1 <= epochs <= 2000:
        raise ValueError(f"epochs must be an integer in 1..2000, got {epochs!r}")
    X, Y = data.two_moons(n, noise, seed=seed)
    cache = {}
    sigmoid = get_activation("sigmoid")

    def run(eta, width, act):
        key = (float(eta), int(width), act)
        if key not in cache:
            net = _net((2, int(width), 1), seed=seed + 1, activation=act, cost="cross_entropy")
            net.output_activation = sigmoid  # sigmoid output whatever the hidden activation: a ∈ (0, 1)
            hist = training.sgd(net, X, Y, float(eta), epochs)
            cache[key] = (hist, net)
        return cache[key]

    def setup():
        hist, net = run(1.0, 3, "sigmoid")
        d = F.decision_boundary(net=net, X=X, Y=Y, history=hist, resolution=60)
        grid = d.artists["grid"]

        def update(v):
            hist, net = run(v["eta"], v["width"], v["activation"])
            key = ("P", float(v["eta"]), int(v["width"]), v["activation"])
            if key not in cache:
                with np.errstate(all="ignore"):
                    cache[key] = net.feedforward(grid)
            label = f"η = {v['eta']:g}, width {int(v['width'])}, {v['activation']}:"
            return F.set_decision_boundary(d, history=hist, output=cache[key], label=label)

        return d, update

    specs = [
        Control("eta", "learning rate η", 1.0, options=list(TRAIN_ETAS), slider=True, static=[0.3, 3.0, 30.0]),
        Control("width", "hidden neurons", 3, options=list(TRAIN_WIDTHS), slider=True, static=[1, 3, 8]),
        Control("activation", "activation g", "sigmoid", options=list(TRAIN_ACTIVATIONS),
                static=list(TRAIN_ACTIVATIONS)),
    ]
    w = _build("training_explorer", specs, setup, mode)
    if w.mode == "live" and (precompute is None or precompute):
        for eta, width, act in itertools.product(TRAIN_ETAS, TRAIN_WIDTHS, TRAIN_ACTIVATIONS):
            run(eta, width, act)
    w.cache = cache
    return w


# == 09 simplex radius ====================================================================================
SIMPLEX_R2 = tuple(round(0.40 + 0.01 * i, 2) for i in range(31))


def simplex_kernel(mode: str = "auto", *, precompute: Optional[bool] = None) -> BookWidget:
    """Squared radius ``r²`` from 0.4 to 0.7 and the dimension ``N`` of the lattice: the kernel of a vertex
    along a line crossing the facet opposite it. At ``r² ≤ 0.5`` it reaches 0 before the facet; above, it is
    cut off there: the seam. The lines come from ``backprop.simplex.kernel_along_line`` (cached; all
    ``31 × 3`` are computed up front in live mode, about 1 s).
    """
    from . import simplex

    t = np.linspace(-0.6, 0.4, 160)  # 0 (the facet) is not a sample point
    cache = {}

    def line(n, r2):
        key = (int(n), round(float(r2), 2))
        if key not in cache:
            cache[key] = simplex.kernel_along_line(key[0], key[1], t=t)
        return cache[key]

    def setup():
        d = F.simplex_kernel_plot(line=line(2, 0.6))

        def update(v):
            return F.set_simplex_kernel(d, line(v["N"], v["r2"]))

        return d, update

    specs = [
        Control("r2", "squared radius r²", 0.6, 0.40, 0.70, 0.01, fmt="{:.2f}",
                static=[0.40, 0.45, 0.50, 0.52, 0.55, 0.60, 0.65, 0.70]),
        Control("N", "dimension N", 2, options=[2, 3, 4], static=[2, 3, 4]),
    ]
    w = _build("simplex_kernel", specs, setup, mode)
    if w.mode == "live" and (precompute is None or precompute):
        for n, r2 in itertools.product((2, 3, 4), SIMPLEX_R2):
            line(n, r2)
    w.cache = cache
    return w


#: Every widget builder by name (one per chapter at least).
WIDGETS = {
    "notation_explorer": notation_explorer,
    "forward_pass": forward_pass,
    "cost_explorer": cost_explorer,
    "gradient_descent_explorer": gradient_descent_explorer,
    "chain_rule_explorer": chain_rule_explorer,
    "backprop_flow": backprop_flow,
    "nudge_weight": nudge_weight,
    "training_explorer": training_explorer,
    "simplex_kernel": simplex_kernel,
}
