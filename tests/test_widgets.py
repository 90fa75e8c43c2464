"""Widget builders: live callbacks change the picture, static mode precomputes linked states, bad input is
clamped or refused. Callbacks are driven from Python by setting control values, as a slider would."""

import html
import io

import matplotlib

matplotlib.use("Agg")

import ipywidgets as W  # noqa: E402
import numpy as np  # noqa: E402
import pytest  # noqa: E402
from PIL import Image  # noqa: E402

from backprop import figures as F  # noqa: E402
from backprop import widgets  # noqa: E402
from backprop.network import Network  # noqa: E402

FAST = {"training_explorer": {"precompute": False}, "simplex_kernel": {"precompute": False}}


def build(name, mode):
    if name == "simplex_kernel":
        pytest.importorskip("backprop.simplex")
    return widgets.WIDGETS[name](mode=mode, **FAST.get(name, {}))


def other_value(spec):
    """A value different from the default, inside the control's range."""
    if spec.options is not None:
        return next(v for v in spec.values if v != spec.default)
    v = spec.clamp(spec.lo + 0.8 * (spec.hi - spec.lo))
    return v if v != spec.clamp(spec.default) else spec.clamp(spec.lo)


def pixels(png):
    return np.asarray(Image.open(io.BytesIO(png)).convert("RGB")).astype(int)


def test_mode_resolution(monkeypatch):
    monkeypatch.delenv("BACKPROP_WIDGETS", raising=False)
    assert widgets.resolve_mode("auto") == "live"
    monkeypatch.setenv("BACKPROP_WIDGETS", "static")
    assert widgets.resolve_mode("auto") == "static"
    assert widgets.resolve_mode("live") == "live"
    with pytest.raises(ValueError, match="unknown widget mode 'interactive'; valid: 'auto'"):
        widgets.resolve_mode("interactive")


@pytest.mark.parametrize("name", list(widgets.WIDGETS))
def test_live_callback_updates_the_same_figure(name):
    w = build(name, "live")
    assert w.mode == "live" and isinstance(w.image, W.Image) and w.image.format == "png"
    assert all(c.description for c in w.controls.values())  # every control has a visible label
    fig = w.drawing.fig
    for cname, spec in w._specs.items():
        before = bytes(w.image.value)
        alt_before = w.last_alt
        w.set(**{cname: other_value(spec)})  # the observer re-renders
        assert bytes(w.image.value) != before, f"{name}: changing {cname} did not change the picture"
        assert w.drawing.fig is fig  # same figure, updated in place
        assert w.last_alt and html.escape(w.last_alt) in w.description.value
        assert w.last_alt != alt_before or cname == "steps"
        assert w.status.value == ""


@pytest.mark.parametrize("name", list(widgets.WIDGETS))
def test_live_frames_match_a_full_redraw(name):
    """Blitted frames (only changed artists redrawn) equal a plain full draw of the same figure."""
    w = build(name, "live")
    for cname, spec in w._specs.items():
        w.set(**{cname: other_value(spec)})
    fast = pixels(w.image.value)
    for a in w.renderer.dynamic:
        a.set_animated(False)
    w.drawing.fig.canvas.draw()
    full = np.asarray(w.drawing.fig.canvas.buffer_rgba())[:, :, :3].astype(int)
    diff = np.abs(fast - full).sum(axis=2)
    assert np.mean(diff > 0) < 0.001


def test_values_are_clamped_and_bad_choices_refused():
    w = build("cost_explorer", "live")
    assert w.set(a=5.0) == {"a": 0.99} and w.controls["a"].value == pytest.approx(0.99)
    assert w.set(y=-3) == {"y": 0.0}
    with pytest.raises(ValueError, match="expected a number"):
        w.set(a="lots")
    with pytest.raises(ValueError, match="no control"):
        w.set(eta=0.1)
    c = build("chain_rule_explorer", "live")
    with pytest.raises(ValueError, match="valid choices are 'sigmoid', 'tanh'"):
        c.set(activation="softmax")
    g = build("gradient_descent_explorer", "live")
    assert g.set(steps=1000) == {"steps": 40} and g.controls["steps"].value == 40


def test_notation_explorer_clamps_neurons_with_a_note():
    w = build("notation_explorer", "live")
    w.set(l=1, j=3, k=3)  # layer 0 has only 2 neurons
    note = w.drawing.artists["note"].get_text()
    assert "k clamped to 2" in note and "w^[1]_32" in w.last_alt
    assert w.drawing.artists["diagram"].artists["weight_label"].get_text().startswith("$w^{[1]}_{32}$")


def test_builders_refuse_bad_arguments():
    with pytest.raises(ValueError, match=r"epochs must be an integer in 1..2000, got 0"):
        widgets.training_explorer(mode="live", epochs=0, precompute=False)
    with pytest.raises(ValueError, match="x2 must be finite"):
        widgets.backprop_flow(mode="live", x2=float("nan"))
    with pytest.raises(TypeError, match="x2 must be a real number"):
        widgets.backprop_flow(mode="live", x2="0.4")
    with pytest.raises(ValueError, match="mode"):
        widgets.cost_explorer(mode="html")


def _stack_leaves(stack):
    if isinstance(stack, W.Stack):
        return [leaf for child in stack.children for leaf in _stack_leaves(child)]
    return [stack]


@pytest.mark.parametrize("name", ["cost_explorer", "backprop_flow", "notation_explorer"])
def test_static_mode_precomputes_linked_states(name):
    w = build(name, "static")
    shown = [s for s in w._specs.values() if s.static is not None]
    sizes = [len(s.static) for s in shown]
    assert isinstance(w.stack, W.Stack) and len(w.stack.children) == sizes[0]
    leaves = _stack_leaves(w.stack)
    assert len(leaves) == len(w.states) == int(np.prod(sizes))
    # one jslink per Stack: control `index` -> stack `selected_index`, every inner stack linked too
    assert len(w.links) == sum(int(np.prod(sizes[:i])) for i in range(len(sizes)))
    for link in w.links:
        assert link._model_name == "LinkModel"  # a jslink: runs in the browser, no kernel needed
        assert link.source[1] == "index" and link.target[1] == "selected_index"
        assert isinstance(link.target[0], W.Stack) and link.source[0] in w.controls.values()
    # each state is an <img> with its own alt text; states differ
    assert all(isinstance(x, W.HTML) and '<img alt="' in x.value for x in leaves)
    assert len({x.value for x in leaves}) == len(leaves)
    assert len(set(w.alts)) == len(w.alts)
    assert widgets.STATIC_NOTE in w.note.value
    # page weight stays modest
    assert sum(len(x.value) for x in leaves) < 700_000
    # setting a value snaps to the nearest precomputed state
    first = shown[0]
    w.set(**{first.name: first.static[-1]})
    assert w.controls[first.name].value == len(first.static) - 1
    assert w.values()[first.name] == first.static[-1]


def test_static_states_follow_the_product_grid():
    w = build("cost_explorer", "static")
    a_vals = w._specs["a"].static
    y_vals = w._specs["y"].static
    assert [(s["a"], s["y"]) for s in w.states] == [(a, y) for a in a_vals for y in y_vals]


def test_reused_backgrounds_match_a_fresh_widget():
    """Switching back to a y range drawn before reuses its background; each frame equals the frame of a fresh
    widget set straight to the same values (whose first frame is a full draw)."""
    w = build("nudge_weight", "live")
    steps = [((2, 1, 2), 0.3), ((1, 3, 2), -0.7), ((2, 2, 3), 1.1), ((1, 1, 1), 0.2), ((2, 1, 1), -1.2)]
    for wt, dw in steps:
        w.set(weight=wt, dw=dw)
        fresh = build("nudge_weight", "live")
        fresh.set(weight=wt, dw=dw)
        assert np.mean(np.abs(pixels(w.image.value) - pixels(fresh.image.value)).sum(axis=2) > 0) < 0.001, wt
    assert w.renderer.full_redraws < len(steps)  # the later switches reused backgrounds


def test_encode_png_round_trips():
    d = F.cost_curves(y=1.0, a=0.5)
    d.fig.canvas.draw()
    buf = np.asarray(d.fig.canvas.buffer_rgba())
    img = Image.open(io.BytesIO(widgets.encode_png(buf)))
    assert np.array_equal(np.asarray(img), buf[:, :, :3])


def test_live_renderer_matches_a_full_redraw():
    """Blitting the changed artists over a cached background gives the same pixels as drawing it all."""
    net = Network([2, 3, 2], seed=0)
    X = np.array([[0.5], [-0.3]])
    fw = net.forward(X)
    d = F.network_diagram(forward=fw, highlight=(1, 1, 1))
    r = widgets.LiveRenderer(d.fig)
    r.canvas.draw()
    d.set_highlight((2, 2, 3), value=0.5)
    d.set_values(net.forward(X * 2))
    r.add_dynamic(r.stale_artists())
    r.render()
    for target in [(1, 3, 2), (2, 1, 1)]:
        d.set_highlight(target, value=-0.5)
        fast = np.asarray(Image.open(io.BytesIO(r.render())))
        for a in r.dynamic:  # a plain full draw (animated artists are left out of canvas.draw)
            a.set_animated(False)
        d.fig.canvas.draw()
        full = np.asarray(d.fig.canvas.buffer_rgba())[:, :, :3].astype(int)
        for a in r.dynamic:
            a.set_animated(True)
        r._bg = None  # the canvas now holds the plain draw: rebuild the background next time
        # identical up to anti-aliasing where a redrawn artist's edge blends over itself
        diff = np.abs(fast.astype(int) - full).sum(axis=2)
        assert np.mean(diff > 0) < 0.002 and np.mean(diff) < 0.1


def _png_width(data):
    return Image.open(io.BytesIO(bytes(data))).width


@pytest.mark.parametrize("name", ["notation_explorer", "cost_explorer", "nudge_weight"])
def test_live_figures_are_hidpi_bitmaps_shown_at_their_natural_width(name):
    w = build(name, "live")
    shown = int(w.image.width)
    assert shown == round(w.drawing.fig.get_figwidth() * 100)
    assert _png_width(w.image.value) == round(shown * widgets.LIVE_DPI / 100) >= 1.5 * shown
    # natural size, shrinking only in narrow outputs (JupyterLab must not stretch it: issue 13), placed at
    # the left of the output like JupyterLab's static figures
    lay = w.image.layout
    assert lay.width == f"{shown}px" and lay.max_width == "100%" and lay.align_self == "flex-start"
    assert w.drawing.alt == w.last_alt  # the drawing describes the widget's state


def test_static_states_are_2x_bitmaps_with_their_width():
    import base64
    import re

    w = build("cost_explorer", "static")
    shown = round(w.drawing.fig.get_figwidth() * 100)
    for leaf in _stack_leaves(w.stack)[:3]:
        m = re.search(r'src="data:image/(\w+);base64,([^"]+)"', leaf.value)
        assert m and m.group(1) == "webp"
        assert f'width="{shown}"' in leaf.value and "margin:0 auto" in leaf.value
        img = Image.open(io.BytesIO(base64.b64decode(m.group(2)))).convert("RGB")
        assert img.width == 2 * shown
        assert img.getpixel((1, 1)) == (255, 255, 255)  # quantized, but the background stays white


def test_descent_widget_status_at_the_critical_rates():
    w = build("gradient_descent_explorer", "live")
    for eta, word in [
        (0.195, "oscillates but converges"),
        (0.2, "oscillates forever"),
        (0.205, "oscillates and diverges"),
    ]:
        w.set(eta=eta, steps=40)
        assert f"it {word};" in w.last_alt, (eta, w.last_alt)


def test_every_module_of_both_packages_is_re_exported():
    """Each module's public names are imported by its package's __init__ (one explicit line per module):
    a module added to figures/ or widgets/ without its import line fails here."""
    import importlib
    import pkgutil

    from backprop import figures as F

    for package in (F, widgets):
        for info in pkgutil.iter_modules(package.__path__):
            mod = importlib.import_module(f"{package.__name__}.{info.name}")
            names = getattr(mod, "__all__", None) or [
                n
                for n, v in vars(mod).items()
                if not n.startswith("_") and callable(v) and getattr(v, "__module__", None) == mod.__name__
            ]
            for n in names:
                assert hasattr(package, n), f"{package.__name__}.{n} (from {info.name}) is not re-exported"
    for name, builder in widgets.WIDGETS.items():
        assert getattr(widgets, name) is builder


def test_forward_pass_opens_on_the_running_example():
    """Its first picture is the chapter's forward pass: the network's own w^[1]_11, w^[2]_11 and x (issue 19)."""
    net = Network([2, 3, 2], seed=0)
    x = np.array([[0.5], [-0.4]])
    outputs = ", ".join(f"{a:.2f}" for a in net.forward(x).output[:, 0])
    for mode in ("live", "static"):
        w = widgets.forward_pass(mode=mode, seed=0)
        v = w.values()
        assert (v["x1"], v["x2"]) == (0.5, -0.4)
        assert v["w1"] == net.w(1)[0, 0] and v["w2"] == net.w(2)[0, 0]
        first = w.last_alt if mode == "live" else w.alts[w.states.index(v)]
        assert f"outputs {outputs}." in first


def test_cost_explorer_reads_out_the_errors_of_a_sigmoid_output():
    """The readout adds e = ∂c/∂z for a sigmoid output: (a − y) a(1 − a) and a − y (issue 19, item 15)."""
    w = build("cost_explorer", "live")
    w.set(a=0.9, y=1.0)
    e = w.drawing.errors
    assert e["quadratic"] == pytest.approx(-0.1 * 0.9 * 0.1) and e["cross_entropy"] == pytest.approx(-0.1)
    _, slope_q, _, slope_ce = w.drawing.marked
    assert slope_q == pytest.approx(-0.1) and slope_ce == pytest.approx(-1 / 0.9)
    text = w.drawing.artists["readout"].get_text()
    assert "e=-0.009" in text and "e=-0.100" in text
    assert "the error e = dc/dz is -0.009 for the quadratic cost and -0.100 for cross-entropy" in w.last_alt


def test_every_static_page_opens_at_the_live_default():
    """The prose describes a widget's starting state; the static page must show that same state."""
    from backprop.widgets.core import Control

    c = Control("a", "a", 0.3, 0.0, 1.0, 0.1, static=[0.05, 0.25, 0.45])
    assert c.static == [0.05, 0.25, 0.3, 0.45]
    o = Control("g", "g", "relu", options=["sigmoid", "relu"], static=["sigmoid"])
    assert o.static[0] == "relu"
