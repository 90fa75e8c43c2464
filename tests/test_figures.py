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
            f=bowl, path=training.descend(bowl.grad, [-2.0, 1.0], 0.1, 10)),
        "chain_rule": lambda: F.chain_rule_plot(z=0.5),
        "nudge": lambda: F.nudge_plot(dws=np.linspace(-1, 1, 5), measured=np.linspace(-1, 1, 5) ** 3,
                                      slope=0.5, dw=0.2),
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
    with pytest.raises(ValueError, match="known figures"):
        F.alt_text("no_such_figure")


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
    F.set_highlight(d, (1, 3, 2), value=0.25)
    assert label.get_text() == "$w^{[1]}_{32}$ = 0.25"
    F.set_highlight(d, None)
    assert not label.get_visible() and not hl.get_visible()
    with pytest.raises(ValueError, match="neuron k of layer 0 must be in 1..2"):
        F.set_highlight(d, (1, 1, 3))
    with pytest.raises(ValueError, match="layer l must be in 1..2"):
        F.set_highlight(d, (3, 1, 1))


def test_values_and_errors_on_the_diagram(net_pass):
    net, X, Y, fw, bw = net_pass
    d = F.network_diagram(forward=fw)
    z11, a11 = fw.z(1)[0, 0], fw.a(1)[0, 0]
    assert d.artists["values"][(1, 1)].get_text() == f"z={z11:.2f}  a={a11:.2f}".replace("-", "−")
    before = d.artists["nodes"][(2, 1)].get_facecolor()
    F.set_errors(d, bw)
    assert d.artists["nodes"][(2, 1)].get_facecolor() != before
    assert d.artists["values"][(2, 1)].get_text().startswith("e=")
    F.set_edge_gradients(d, bw.nabla_w)
    widths = [line.get_linewidth() for line in d.artists["edges"].values()]
    assert max(widths) > 5 and min(widths) < max(widths)


def test_bad_sizes_are_refused():
    with pytest.raises(ValueError, match="at least two"):
        F.network_diagram(sizes=(3,))
    with pytest.raises(ValueError, match="at most 8"):
        F.network_diagram(sizes=(2, 20, 1))


def test_matrix_form_writes_every_entry_with_shapes():
    labels = texts(F.matrix_form().fig)
    assert "$w^{[1]}_{32}$" in labels and "$w^{[2]}_{23}$" in labels
    assert r"$(3\times 2)$" in labels and r"$(2\times 3)$" in labels


def test_neuron_and_error_flow_show_the_equations():
    assert any(r"\sum_k w^{[l]}_{jk}" in t for t in texts(F.neuron_computation().fig))
    assert any("c_x" in t for t in texts(F.output_neuron_cost().fig))
    assert any(r"w^{[l+1]}_{kj}" in t for t in texts(F.error_flow().fig))
    assert any(r"\frac{\partial c}{\partial w}" in t for t in texts(F.chain_graph().fig))


def test_weight_matrix_changes_shape_in_place():
    d = F.weight_matrix(shape=(3, 2), layer=1, highlight=(3, 2))
    visible = [k for k, r in d.artists["cells"].items() if r.get_visible()]
    assert len(visible) == 6
    F.set_matrix(d, (2, 3), layer=2, highlight=(1, 3))
    visible = [k for k, r in d.artists["cells"].items() if r.get_visible()]
    assert len(visible) == 6 and (1, 3) in visible and (3, 1) not in visible
    assert d.artists["entries"][(2, 3)].get_text() == "$w^{[2]}_{23}$"
    with pytest.raises(ValueError):
        F.set_matrix(d, (2, 3), layer=2, highlight=(3, 1))


def test_cost_curves_use_the_package_costs():
    d = F.cost_curves(y=1.0, a=0.3)
    mark = d.artists["cost_marks"]["quadratic"].get_xydata()[0]
    assert mark[0] == pytest.approx(0.3) and mark[1] == pytest.approx(0.5 * 0.7 ** 2)
    ce = d.artists["cost_marks"]["cross_entropy"].get_xydata()[0]
    assert ce[1] == pytest.approx(-np.log(0.3))
    F.set_cost_curves(d, y=0.0, a=0.3)
    assert d.artists["cost_marks"]["quadratic"].get_xydata()[0][1] == pytest.approx(0.5 * 0.3 ** 2)


def test_descent_status_reports_convergence_oscillation_divergence():
    bowl = training.QuadraticBowl((1.0, 10.0))
    d = F.gradient_descent_plot(f=bowl, path=[[-2.0, 1.0]])
    for eta, word in [(0.05, "converges"), (0.15, "oscillates but converges"), (0.21, "oscillates and diverges")]:
        F.set_descent_path(d, training.descend(bowl.grad, [-2.0, 1.0], eta, 30))
        assert d.status == word


def test_decision_boundary_draws_the_half_level(net_pass):
    from backprop import data

    X, Y = data.two_moons(60, 0.1, seed=0)
    net = Network([2, 4, 1], seed=0)
    hist = training.sgd(net, X, Y, 2.0, 30)
    d = F.decision_boundary(net=net, X=X, Y=Y, history=hist, resolution=30)
    assert d.artists["image"].get_array().shape == (30, 30)
    assert len(d.artists["loss"].get_xdata()) == len(hist.cost)
    assert "accuracy" in d.artists["readout"].get_text()


def test_chain_rule_product_matches_measured_slope():
    d = F.chain_rule_plot(z=0.7)
    alt = F.set_chain_rule(d, 0.7)
    prod = float(alt.split("product ")[1].split(" ")[0])
    measured = float(alt.split("measured slope ")[1].rstrip("."))
    assert prod == pytest.approx(measured, abs=1e-4)
    F.set_chain_rule(d, 0.7, activation="tanh")
    assert "tanh" in d.artists["curve"].get_label()


def test_simplex_kernel_plot_shows_the_seam_above_one_half():
    simplex = pytest.importorskip("backprop.simplex")
    t = np.linspace(-0.6, 0.4, 40)
    d = F.simplex_kernel_plot(line=simplex.kernel_along_line(2, 0.5, t=t))
    assert "no seam" in d.artists["readout"].get_text()
    alt = F.set_simplex_kernel(d, simplex.kernel_along_line(2, 0.6, t=t))
    assert "seam" in alt and "no seam" not in alt
