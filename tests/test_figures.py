"""The book's figures: each draws, carries alt text, shows the book's notation, and updates in place."""

import io

import matplotlib

matplotlib.use("Agg")

import numpy as np  # noqa: E402
import pytest  # noqa: E402
from matplotlib.figure import Figure  # noqa: E402
from PIL import Image  # noqa: E402

from backprop import figures as F  # noqa: E402
from backprop import training  # noqa: E402
from backprop.network import Network  # noqa: E402


def texts(fig):
    return [t.get_text() for t in fig.findobj(matplotlib.text.Text)]


@pytest.fixture(scope="module")
def net_pass():
    net = Network([2, 3, 2], seed=0)
    X = np.array([[0.5], [-0.3]])
    Y = np.array([[1.0], [0.0]])
    return net, X, Y, net.forward(X), net.backward(X, Y)


def simple_calls():
    bowl = training.QuadraticBowl((1.0, 10.0))
    return {
        "network_diagram": lambda: F.network_diagram(),
        "neuron_computation": lambda: F.neuron_computation(),
        "matrix_form": lambda: F.matrix_form(),
        "activation_formula": lambda: F.activation_formula(),
        "chain_graph": lambda: F.chain_graph(),
        "output_neuron_cost": lambda: F.output_neuron_cost(),
        "error_flow": lambda: F.error_flow(),
        "weight_matrix": lambda: F.weight_matrix(highlight=(2, 1)),
        "cost_curves": lambda: F.cost_curves(y=1.0, a=0.3),
        "activation_functions": lambda: F.activation_functions(z=1.0),
        "gradient_descent": lambda: F.gradient_descent_plot(
            f=bowl, path=training.descend(bowl.grad, [-2.0, 1.0], 0.1, 10)
        ),
        "chain_rule": lambda: F.chain_rule_plot(z=0.5),
        "nudge": lambda: F.nudge_plot(
            dws=np.linspace(-1, 1, 5), measured=np.linspace(-1, 1, 5) ** 3, slope=0.5, dw=0.2
        ),
    }


@pytest.mark.parametrize("name", list(simple_calls()))
def test_every_figure_draws_with_alt_text_and_white_background(name):
    d = simple_calls()[name]()
    assert isinstance(d, F.Drawing) and isinstance(d.fig, Figure)
    assert isinstance(d.alt, str) and len(d.alt) > 40
    png = d.png()
    img = Image.open(io.BytesIO(png))
    assert img.format == "PNG" and img.mode == "RGB"  # opaque: survives the dark-mode invert filter
    assert img.getpixel((1, 1)) == (255, 255, 255)
    data, meta = d._repr_png_()  # the page shows the 2x bitmap at its natural width
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    inches = d.fig.get_figwidth()
    assert meta == {"width": round(inches * 100)} and img.width == 2 * meta["width"]


def test_every_figure_function_has_a_default_alt_text_and_unknown_names_are_refused():
    assert set(simple_calls()) - {"gradient_descent", "chain_rule", "nudge"} <= set(F.FIGURES)
    assert all(len(f.default_alt) > 40 for f in F.FIGURES.values() if f is not F.loss_curve)
    assert F.alt_text("network_diagram") == F.network_diagram.default_alt
    assert set(F.POST_FIGURES) == {f"bp{i}" for i in range(1, 8)}
    with pytest.raises(ValueError, match="unknown figure function 'no_such_figure'; valid: .*'network_diagram'"):
        F.alt_text("no_such_figure")
    with pytest.raises(ValueError, match="unknown image format 'gif'"):
        F.to_png(F.network_diagram().fig, format="gif")


def test_cell_metadata_gives_myst_nb_alt_and_caption():
    d = F.network_diagram()
    meta = d.cell_metadata(caption="The running example", name="fig-bp1")
    assert meta["mystnb"]["image"]["alt"] == d.alt
    assert meta["mystnb"]["figure"] == {"caption": "The running example", "name": "fig-bp1"}
    assert 'alt="' in d.html() and "data:image/png;base64," in d.html()


def test_bp1_diagram_has_7_neurons_12_weights_and_bracket_labels():
    d = F.network_diagram(sizes=(2, 3, 2))
    assert len(d.artists["nodes"]) == 7
    assert len(d.artists["edges"]) == 2 * 3 + 3 * 2
    labels = texts(d.fig)
    assert "$a^{[0]}_{1}$" in labels and "$a^{[2]}_{2}$" in labels
    assert "$w^{[1]}$" in labels and "$w^{[2]}$" in labels
    assert any("layer 2 = L" in t for t in labels)


def test_highlight_shows_w_jk_on_the_right_line():
    d = F.network_diagram(highlight=(2, 1, 3))
    label = d.artists["weight_label"]
    assert label.get_visible() and label.get_text() == "$w^{[2]}_{13}$"
    hl = d.artists["hl_edge"]
    assert np.allclose(hl.get_xydata(), d.artists["edges"][(2, 1, 3)].get_xydata())
    d.set_highlight((1, 3, 2), value=0.25)
    assert label.get_text() == "$w^{[1]}_{32}$ = 0.25"
    d.set_highlight(None)
    assert not label.get_visible() and not hl.get_visible()
    with pytest.raises(ValueError, match="neuron k of layer 0 must be an integer in 1..2, got 3"):
        d.set_highlight((1, 1, 3))
    with pytest.raises(ValueError, match="layer l must be an integer in 1..2, got 3"):
        d.set_highlight((3, 1, 1))
    with pytest.raises(ValueError, match="neuron j of layer 1 must be an integer"):
        d.set_highlight((1, 1.5, 1))
    with pytest.raises(ValueError, match="a triple"):
        d.set_highlight((1, 1))


def test_values_and_errors_on_the_diagram(net_pass):
    net, X, Y, fw, bw = net_pass
    d = F.network_diagram(forward=fw)
    z11, a11 = fw.z(1)[0, 0], fw.a(1)[0, 0]
    assert d.artists["values"][(1, 1)].get_text() == f"z={z11:.2f}  a={a11:.2f}".replace("-", "−")
    before = d.artists["nodes"][(2, 1)].get_facecolor()
    d.set_errors(bw)
    assert d.artists["nodes"][(2, 1)].get_facecolor() != before
    assert d.artists["values"][(2, 1)].get_text().startswith("e=")
    d.set_edge_gradients(bw.nabla_w)
    widths = [line.get_linewidth() for line in d.artists["edges"].values()]
    assert max(widths) > 5 and min(widths) < max(widths)


def test_bad_sizes_are_refused():
    with pytest.raises(ValueError, match="at least 2 layer widths"):
        F.network_diagram(sizes=(3,))
    with pytest.raises(ValueError, match=r"sizes\[1\] must be a positive integer"):
        F.network_diagram(sizes=(2, 0, 1))
    with pytest.raises(ValueError, match="at least 2 layer widths"):
        F.matrix_form(sizes=(2,))
    with pytest.raises(ValueError, match="at most 8"):
        F.network_diagram(sizes=(2, 20, 1))


def test_matrix_form_writes_every_entry_with_shapes():
    labels = texts(F.matrix_form().fig)
    assert "$w^{[1]}_{32}$" in labels and "$w^{[2]}_{23}$" in labels
    assert r"$(3\times 2)$" in labels and r"$(2\times 3)$" in labels


def test_neuron_and_error_flow_show_the_equations():
    assert any(r"\sum_{k=1}^{n_{l-1}} w^{[l]}_{jk}" in t for t in texts(F.neuron_computation().fig))
    assert any("c_x" in t for t in texts(F.output_neuron_cost().fig))
    assert any(r"w^{[l+1]}_{kj}" in t for t in texts(F.error_flow().fig))
    assert any(r"\frac{\partial c}{\partial w}" in t for t in texts(F.chain_graph().fig))


def test_weight_matrix_changes_shape_in_place():
    d = F.weight_matrix(shape=(3, 2), layer=1, highlight=(3, 2))
    visible = [k for k, r in d.artists["cells"].items() if r.get_visible()]
    assert len(visible) == 6
    d.set_matrix((2, 3), layer=2, highlight=(1, 3))
    visible = [k for k, r in d.artists["cells"].items() if r.get_visible()]
    assert len(visible) == 6 and (1, 3) in visible and (3, 1) not in visible
    assert d.artists["entries"][(2, 3)].get_text() == "$w^{[2]}_{23}$"
    with pytest.raises(ValueError):
        d.set_matrix((2, 3), layer=2, highlight=(3, 1))


def test_cost_curves_use_the_package_costs():
    d = F.cost_curves(y=1.0, a=0.3)
    mark = d.artists["cost_marks"]["quadratic"].get_xydata()[0]
    assert mark[0] == pytest.approx(0.3) and mark[1] == pytest.approx(0.5 * 0.7**2)
    ce = d.artists["cost_marks"]["cross_entropy"].get_xydata()[0]
    assert ce[1] == pytest.approx(-np.log(0.3))
    d.set_state(y=0.0, a=0.3)
    assert d.artists["cost_marks"]["quadratic"].get_xydata()[0][1] == pytest.approx(0.5 * 0.3**2)


def test_descent_status_reports_convergence_oscillation_divergence():
    bowl = training.QuadraticBowl((1.0, 10.0))
    d = F.gradient_descent_plot(f=bowl, path=[[-2.0, 1.0]])
    for eta, word in [(0.05, "converges"), (0.15, "oscillates but converges"), (0.21, "oscillates and diverges")]:
        d.set_path(training.descend(bowl.grad, [-2.0, 1.0], eta, 30))
        assert d.status == word


def test_descent_plot_refuses_a_path_of_the_wrong_shape():
    bowl = training.QuadraticBowl((1.0, 10.0))
    with pytest.raises(ValueError, match=r"path must be \(steps\+1, 1\) or \(steps\+1, 2\), got shape \(4, 3\)"):
        F.gradient_descent_plot(f=bowl, path=np.zeros((4, 3)))
    with pytest.raises(ValueError, match=r"got shape \(2, 2, 2\)"):
        F.gradient_descent_plot(f=bowl, path=np.zeros((2, 2, 2)))
    d = F.gradient_descent_plot(f=bowl, path=[[-2.0, 1.0]])
    with pytest.raises(ValueError, match=r"path must be \(steps\+1, 2\), got shape \(3, 1\)"):
        d.set_path(np.zeros(3))


def test_decision_boundary_refuses_data_of_the_wrong_shape():
    from backprop import data

    X, Y = data.two_moons(20, 0.1, seed=0)
    net = Network([2, 4, 1], seed=0)
    with pytest.raises(ValueError, match="X must have 2 rows"):
        F.decision_boundary(net=net, X=X.T, Y=Y)
    with pytest.raises(ValueError, match="Y must have 1 rows"):
        F.decision_boundary(net=net, X=X, Y=np.vstack([Y, Y]))
    with pytest.raises(ValueError, match="same number of columns"):
        F.decision_boundary(net=net, X=X, Y=Y[:, :5])


def test_decision_boundary_draws_the_half_level(net_pass):
    from backprop import data

    X, Y = data.two_moons(60, 0.1, seed=0)
    net = Network([2, 4, 1], seed=0)
    hist = training.sgd(net, X, Y, 2.0, 30)
    d = F.decision_boundary(net=net, X=X, Y=Y, history=hist, resolution=30)
    assert d.artists["image"].get_array().shape == (30, 30)
    assert len(d.artists["loss"].get_xdata()) == len(hist.costs)
    assert "accuracy" in d.artists["readout"].get_text()


def test_chain_rule_product_matches_measured_slope():
    d = F.chain_rule_plot(z=0.7)
    alt = d.set_z(0.7)
    prod = float(alt.split("product ")[1].split(" ")[0])
    measured = float(alt.split("measured slope ")[1].rstrip("."))
    assert prod == pytest.approx(measured, abs=1e-4)
    d.set_z(0.7, activation="tanh")
    assert "tanh" in d.artists["curve"].get_label()


def test_simplex_kernel_plot_shows_the_seam_above_one_half():
    simplex = pytest.importorskip("backprop.simplex")
    t = np.linspace(-0.6, 0.4, 40)
    d = F.simplex_kernel_plot(line=simplex.kernel_along_line(2, 0.5, t=t))
    assert "no seam" in d.artists["readout"].get_text()
    alt = d.set_line(simplex.kernel_along_line(2, 0.6, t=t))
    assert "seam" in alt and "no seam" not in alt


# -- the exact regimes of gradient descent on the bowl h = (1, 10) ----------------------------------------
BOWL = training.QuadraticBowl((1.0, 10.0))
START = (-2.0, 1.0)


def _amplitude(eta, steps=400):
    """|θ₂| after ``steps`` steps of real gradient descent, and its sign changes (measured, not derived)."""
    path = training.descend(BOWL.grad, START, eta, steps)
    t2 = path[:, 1]
    return abs(t2[-1]) if len(path) == steps + 1 else np.inf, int(np.sum(t2[1:] * t2[:-1] < 0))


@pytest.mark.parametrize(
    "eta, word",
    [
        (0.05, "converges"),
        (0.1 - 1e-3, "converges"),
        (0.1 + 1e-3, "oscillates but converges"),
        (2 / 11 - 1e-3, "oscillates but converges"),
        (2 / 11, "oscillates but converges"),
        (2 / 11 + 1e-3, "oscillates but converges"),
        (0.2 - 1e-3, "oscillates but converges"),
        (0.2, "oscillates forever"),
        (0.2 + 1e-3, "oscillates and diverges"),
        (0.25, "oscillates and diverges"),
    ],
)
def test_bowl_regime_matches_what_descent_does(eta, word):
    assert F.bowl_regime(BOWL.h, eta, START).status == word
    amp, flips = _amplitude(eta)
    if word == "oscillates forever":
        assert amp == pytest.approx(1.0, abs=1e-9) and flips == 400  # θ₂ = ±1 forever
    elif "diverges" in word:
        assert amp > 1.0
    else:
        assert amp < 0.1
    assert (flips > 0) == word.startswith("oscillates")


def test_status_at_exactly_0_2_is_oscillates_forever_in_the_plot_and_the_widget():
    from backprop import widgets

    path = training.descend(BOWL.grad, START, 0.2, 20)
    d = F.gradient_descent_plot(f=BOWL, path=path)  # eta read off the path
    assert d.status == "oscillates forever" and "oscillates forever" in d.alt
    assert "converges" not in d.artists["status"].get_text()
    w = widgets.gradient_descent_explorer(mode="live")
    w.set(eta=0.2)
    assert "oscillates forever" in w.last_alt and "converges" not in w.last_alt


def test_the_fastest_rate_is_2_over_h_min_plus_h_max():
    # measured: the long-run contraction per step of real descent paths, over a fine grid of rates
    etas = np.linspace(0.15, 0.199, 491)
    rates = []
    for eta in etas:
        p = training.descend(BOWL.grad, START, float(eta), 300)
        rates.append((np.linalg.norm(p[300]) / np.linalg.norm(p[200])) ** (1 / 100))
    best = etas[int(np.argmin(rates))]
    assert best == pytest.approx(2 / 11, abs=2e-4)
    assert F.bowl_regime(BOWL.h, 2 / 11, START).fastest
    assert not F.bowl_regime(BOWL.h, 2 / 11 + 1e-3, START).fastest
    assert not F.bowl_regime(BOWL.h, 2 / 11 - 1e-3, START).fastest
    assert F.bowl_regime(BOWL.h, 2 / 11, START).rate == pytest.approx(min(rates), abs=1e-3)


# -- alt text stays true to what is drawn -------------------------------------------------------------------
def test_network_diagram_alt_follows_its_setters(net_pass):
    net, X, Y, fw, bw = net_pass
    d = F.network_diagram()
    assert "highlighted" not in d.alt and "Written under" not in d.alt
    d.set_highlight((2, 1, 3), value=-0.25)
    assert "w^[2]_13 = -0.25 is highlighted" in d.alt
    d.set_highlight(None)
    assert "highlighted" not in d.alt
    d.set_values(fw)
    # the numbers in the alt text are the forward pass's own (computed here by hand from the weights)
    z1 = net.w(1) @ X + net.b(1)
    a1 = 1 / (1 + np.exp(-z1))
    assert "layer 1: z = (" + ", ".join(f"{v:.2f}" for v in z1[:, 0]) + ")" in d.alt
    assert "a = (" + ", ".join(f"{v:.2f}" for v in a1[:, 0]) + ")" in d.alt
    d.set_errors(bw, layers=[2])
    assert "Neurons of layer 2 are coloured" in d.alt and "layers 1" not in d.alt
    d.reset_colors()
    assert "coloured by their error" not in d.alt
    d.alt = "hand-written"
    assert d.alt == "hand-written" and repr(d) == "Figure: hand-written"
    d.set_targets(Y)  # a change of state: the hand-written text no longer describes it
    assert "targets y = (1.00, 0.00)" in d.alt


def test_repr_is_the_full_alt_text_and_stable():
    a, b = F.network_diagram(), F.network_diagram()
    assert repr(a) == "Figure: " + a.alt == repr(b)
    assert "0x" not in repr(a) and "..." not in repr(a) and len(repr(a)) > 200


def test_weight_matrix_alt_reads_the_numbers_row_by_row():
    values = np.array([[0.5, -1.25, 2.0], [0.0, 0.75, -0.5]])
    d = F.weight_matrix(shape=values.shape, layer=2, values=values)
    assert "shape 2 by 3" in d.alt
    assert "row 1 reads 0.50, -1.25, 2.00; row 2 reads 0.00, 0.75, -0.50" in d.alt
    d.set_matrix((3, 2), layer=1, highlight=(2, 1))
    assert "w^[1]" in d.alt and "entry w^[1]_21" in d.alt and "reads" not in d.alt


def test_activation_alt_says_relu_does_not_saturate():
    d = F.activation_functions()
    relu = d.alt.split("ReLU does not saturate")
    assert len(relu) == 2 and "ReLU" not in relu[0].split("saturate")[0].split("Shaded")[-1]
    # sigmoid'(4) = σ(4)(1 − σ(4)), tanh'(4) = 1 − tanh²(4), computed here
    s4 = 1 / (1 + np.exp(-4.0))
    assert f"sigmoid' = {s4 * (1 - s4):.3f}" in d.alt and f"tanh' = {1 - np.tanh(4.0) ** 2:.3f}" in d.alt
    assert "derivative is 0 at z = -4 and 1 at z = 4" in d.alt
    shade = d.artists["shade_label"].get_text()
    assert "relu" not in shade.lower() and "sigmoid and tanh" in shade
    assert "shade_label" not in F.activation_functions(names=("relu",)).artists


def test_cost_curves_alt_has_the_costs_at_the_marked_prediction():
    d = F.cost_curves(y=1.0, a=0.3)
    assert f"quadratic cost {0.5 * 0.7**2:.3f}" in d.alt and f"cross-entropy cost {-np.log(0.3):.3f}" in d.alt
    d.set_state(a=None)
    assert "marked" not in d.alt and "Target y = 1.00" in d.alt


# -- hi-dpi: 2x bitmaps, shown at their natural width, labels at least 12 px ---------------------------------
@pytest.mark.parametrize("name", list(simple_calls()))
def test_labels_are_at_least_12_px_as_displayed(name):
    d = simple_calls()[name]()
    d.fig.canvas.draw()
    for t in d.fig.findobj(matplotlib.text.Text):
        if t.get_visible() and t.get_text().strip():
            assert t.get_fontsize() * 100 / 72 >= 12, (name, t.get_text(), t.get_fontsize())


def test_html_img_carries_its_display_width():
    d = F.cost_curves(y=1.0, a=0.3)
    html = d.html()
    assert f'width="{d.width}"' in html and "max-width:100%" in html
    png = F.to_png(d.fig)
    assert Image.open(io.BytesIO(png)).width == 2 * d.width == 1200
    webp = F.to_png(d.fig, colors=64, format="webp")
    assert Image.open(io.BytesIO(webp)).width == 1200 and F.image_data_uri(webp).startswith("data:image/webp")


# -- dark mode: the book shows images with `filter: invert(1) hue-rotate(180deg)` ---------------------------
def _dark(rgb):
    """The CSS filter on sRGB values in [0, 1] (Filter Effects spec: invert, then the hue-rotate matrix)."""
    c, s = np.cos(np.pi), np.sin(np.pi)
    m = np.array(
        [
            [0.213 + c * 0.787 - s * 0.213, 0.715 - c * 0.715 - s * 0.715, 0.072 - c * 0.072 + s * 0.928],
            [0.213 - c * 0.213 + s * 0.143, 0.715 + c * 0.285 + s * 0.140, 0.072 - c * 0.072 - s * 0.283],
            [0.213 - c * 0.213 - s * 0.787, 0.715 - c * 0.715 + s * 0.715, 0.072 + c * 0.928 + s * 0.072],
        ]
    )
    return np.clip(m @ (1 - np.asarray(rgb, dtype=float)), 0, 1)


def _lightness(rgb):
    """CIE L* of an sRGB colour."""
    rgb = np.asarray(rgb, dtype=float)
    lin = np.where(rgb <= 0.04045, rgb / 12.92, ((rgb + 0.055) / 1.055) ** 2.4)
    y = float(lin @ [0.2126, 0.7152, 0.0722])
    return 116 * y ** (1 / 3) - 16 if y > 216 / 24389 else y * 24389 / 27


def test_diverging_map_is_symmetric_in_both_modes():
    for t in np.linspace(0, 0.45, 10):
        lo, hi = np.array(F.DIVERGING_CMAP(t)[:3]), np.array(F.DIVERGING_CMAP(1 - t)[:3])
        assert abs(_lightness(lo) - _lightness(hi)) < 1.5
        assert abs(_lightness(_dark(lo)) - _lightness(_dark(hi))) < 1.5
        assert lo[2] > lo[0] and hi[0] > hi[2]  # blue arm, red arm


def test_layer_fills_become_dark_fills_of_their_hue():
    for kind, fill in F.LAYER_FILL.items():
        rgb = np.array(matplotlib.colors.to_rgb(fill))
        dark = _dark(rgb)
        assert 15 <= _lightness(dark) <= 35, kind  # a real dark fill, neither near-black nor light
        assert np.argmax(dark) == np.argmax(rgb), kind  # same dominant channel: the hue is kept
        assert max(dark) - min(dark) > 0.15, kind  # visibly coloured, not grey-brown mud


def test_neuron_labels_no_input_with_the_summation_index():
    """The sum runs over k, so no drawn input is a_k: the last of three or more is a_{n_{l-1}} (issue 19)."""
    for layer, n_inputs, lp in (("l", 3, "l-1"), ("L", 4, "L-1"), (2, 3, "1")):
        d = F.neuron_computation(layer=layer, n_inputs=n_inputs)
        labels = [t.get_text() for t in d.artists["inputs"].values()]
        weights = [t.get_text() for t in d.artists["weights"].values()]
        assert labels[:2] == [f"$a^{{[{lp}]}}_{{1}}$", f"$a^{{[{lp}]}}_{{2}}$"]
        assert labels[-1] == f"$a^{{[{lp}]}}_{{n_{{{lp}}}}}$" and weights[-1].endswith(f"n_{{{lp}}}}}$")
        assert not any("_{k}" in t for t in labels + weights)
        assert f"a^[{lp}]_(n_({lp}))" in d.alt


def test_schematic_alt_texts_follow_their_arguments():
    assert "layer 2: 2 activations a^[1]_k" in F.neuron_computation(layer=2, n_inputs=2).alt
    assert "a^[L]_j = g(" in F.activation_formula(layer="L").alt and "a^[L-1]_k" in F.activation_formula(layer="L").alt
    assert "k = 1, 2, 3 of layer l+1" in F.error_flow(n_l=2, n_next=3, j=1).alt
    assert "Bottom" not in F.chain_graph(with_weight=False).alt and "Bottom" in F.chain_graph().alt


def test_output_neuron_cost_keeps_its_summation_indices_off_the_drawing():
    # k is summed over in z_j, p in c_x: neither labels a drawn input, and j (the neuron drawn) is not summed
    d = F.output_neuron_cost()
    drawn = [t.get_text() for part in ("inputs", "weights") for t in d.artists[part].values()]
    assert drawn and not any(s in t for t in drawn for s in ("_{k}", "_{jk}", "_{p}"))
    assert "$a^{[L-1]}_{n_{L-1}}$" in drawn and r"$w^{[L]}_{j\,n_{L-1}}$" in drawn
    assert r"\sum_{k=1}^{n_{L-1}} w^{[L]}_{jk}" in d.artists["eq_z"].get_text()
    assert r"\sum_p (a^{[L]}_p - y_p)^2" in d.artists["eq_a"].get_text()
    assert r"\sum_j" not in d.artists["eq_a"].get_text() and "p not j" in d.alt
    assert [t.get_text() for t in d.artists["inputs"].values()] == [
        "$a^{[L-1]}_{1}$",
        "$a^{[L-1]}_{2}$",
        "$a^{[L-1]}_{n_{L-1}}$",
    ]
    assert "$a^{[L-1]}_{2}$" in [t.get_text() for t in F.output_neuron_cost(n_inputs=2).artists["inputs"].values()]


def test_error_flow_labels_the_next_layer_by_number_and_sums_over_k():
    d = F.error_flow()
    drawn = [t.get_text() for part in ("nodes", "weights", "errors") for t in d.artists[part].values()]
    assert not any("_{k}" in t or "_{kj}" in t for t in drawn)
    assert r"\sum_k w^{[l+1]}_{kj}" in d.artists["equation"].get_text()


def test_size_arguments_are_checked_by_validate():
    """The schematics' small integers and the value graph's step go through _validate.integer."""
    from backprop.autodiff import Value

    for bad in (6, 0, True, 2.0):
        with pytest.raises(ValueError, match=f"n_inputs must be an integer in 1..5, got {bad!r}"):
            F.neuron_computation(n_inputs=bad)
    d = F.value_graph(Value(2.0, label="a") * Value(3.0, label="b"))
    with pytest.raises(ValueError, match=r"step must be an integer in 0..3, got 4"):
        d.set_step(4)


def test_style_helpers_are_public_and_documented():
    """figure_axes, blank_axes, format_signed, set_limits and book_style are in style's __all__, re-exported
    and documented; none of the former private names is left."""
    from backprop.figures import style

    for name in ("figure_axes", "blank_axes", "format_signed", "set_limits", "book_style"):
        assert name in style.__all__ and getattr(F, name) is getattr(style, name)
        assert getattr(style, name).__doc__
    assert not any(hasattr(style, old) for old in ("_axes", "_blank", "_fmt", "_small_int", "_style"))
    assert F.format_signed(0.5) == " 0.50" and F.format_signed(-0.5, 1) == "−0.5"
    fig, ax = F.figure_axes(None, 4, 3)
    assert F.figure_axes(ax) == (fig, ax) and fig.get_figwidth() == 4
    F.set_limits(ax, (0, 2), None)
    assert ax.get_xlim() == (0, 2)
    F.blank_axes(ax)
    assert not ax.axison


def setter_calls():
    """One call of a setter method for every Drawing class that has setters: {class name: (make, change)}."""
    from backprop import data, simplex
    from backprop.autodiff import Value

    bowl = training.QuadraticBowl((1.0, 10.0))
    X, Y = data.two_moons(20, 0.1, seed=0)
    net = Network([2, 3, 1], seed=0)
    t = np.linspace(-0.6, 0.4, 20)
    dws = np.linspace(-1, 1, 5)
    return {
        "NetworkDiagram": (F.network_diagram, lambda d: d.set_highlight((2, 1, 2), value=0.5)),
        "WeightMatrix": (F.weight_matrix, lambda d: d.set_matrix((2, 3), layer=2, highlight=(1, 3))),
        "CostCurves": (F.cost_curves, lambda d: d.set_state(y=0.0, a=0.3)),
        "ActivationPlot": (F.activation_functions, lambda d: d.set_z(1.5)),
        "DescentPlot": (
            lambda: F.gradient_descent_plot(f=bowl, path=[[-2.0, 1.0]]),
            lambda d: d.set_path(training.descend(bowl.grad, [-2.0, 1.0], 0.05, 10)),
        ),
        "ValueGraph": (
            lambda: F.value_graph(Value(2.0, label="a") * Value(3.0, label="b"), step=0),
            lambda d: d.set_step(2),
        ),
        "GradientNormPlot": (
            lambda: F.gradient_norm_plot({"tanh": [1.0, 0.5]}, scale=1.0),
            lambda d: d.set_norms({"tanh": [0.1, 0.2]}, 0.5),
        ),
        "DecisionBoundary": (
            lambda: F.decision_boundary(net=net, X=X, Y=Y, resolution=10),
            lambda d: d.set_state(output=np.zeros(100), label="all zero"),
        ),
        "SimplexKernelPlot": (
            lambda: F.simplex_kernel_plot(line=simplex.kernel_along_line(2, 0.5, t=t)),
            lambda d: d.set_line(simplex.kernel_along_line(2, 0.6, t=t)),
        ),
        "ChainRulePlot": (F.chain_rule_plot, lambda d: d.set_z(0.7, activation="tanh")),
        "NudgePlot": (
            lambda: F.nudge_plot(dws=dws, measured=dws**3, slope=0.5),
            lambda d: d.set_nudge(dws, dws**2, 0.0, 0.5),
        ),
    }


def test_figures_change_only_through_setter_methods_that_return_the_alt_text():
    """One way to change a figure (issue 21): the setter methods of its Drawing (as matplotlib's
    ``line.set_data``), each ``-> str`` returning the alt text of the new state; no module-level setter
    takes a drawing (the only module-level ``set_*`` are helpers on matplotlib Axes)."""
    import importlib
    import inspect
    import pkgutil

    with_setters = {}
    for info in pkgutil.iter_modules(F.__path__):
        mod = importlib.import_module(f"backprop.figures.{info.name}")
        for name, obj in vars(mod).items():
            if getattr(obj, "__module__", None) != mod.__name__:
                continue
            if inspect.isfunction(obj) and name.startswith("set_"):
                first = next(iter(inspect.signature(obj).parameters))
                assert first == "ax", f"{info.name}.{name}: a figure changes through its Drawing's methods"
            if inspect.isclass(obj) and issubclass(obj, F.Drawing):
                setters = [m for m, f in vars(obj).items() if m.startswith("set_") and inspect.isfunction(f)]
                for m in setters:
                    assert inspect.signature(getattr(obj, m)).return_annotation in ("str", str), f"{name}.{m}"
                if setters:
                    with_setters[name] = obj
    calls = setter_calls()
    assert set(with_setters) == set(calls)  # a new class with setters gets a call here
    for name, (make, change) in calls.items():
        d = make()
        before = d.alt
        alt = change(d)
        assert isinstance(d, with_setters[name]) and isinstance(alt, str), name
        assert alt == d.alt and alt != before, f"{name}: the setter returns the alt text of the new state"
    d = F.activation_functions()
    assert d.set_z(1.5) == d.alt and "z = 1.50" in d.alt
    diagram = F.network_diagram()
    assert diagram.set_highlight((2, 1, 2), value=0.5) == diagram.alt and "w^[2]_12 = 0.50" in diagram.alt
    assert diagram.set_highlight(None) == diagram.alt and "highlighted" not in diagram.alt
    matrix = F.weight_matrix()
    assert matrix.set_matrix((2, 3), layer=2, highlight=(1, 3)) == matrix.alt and "shape 2 by 3" in matrix.alt
