"""The autodiff engine: local derivatives, the backward sweep, and agreement with backprop.

Two stages, as in micrograd's tests: forward values first, then gradients.
"""

import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from backprop import Network, check_gradients, relative_error
from backprop.autodiff import (
    Value,
    autodiff_backprop,
    forward_mode_derivative,
    graph_rows,
    label_tex,
    network_graph,
    topological_order,
)

X0 = np.array([[0.5], [-0.4]])
Y0 = np.array([[1.0], [0.0]])


def test_a_hand_worked_chain():
    # c = ½(σ(w x + b) − y)² with w = 0.5, x = 2, b = −1: z = 0, a = ½, c = ⅛.
    w, b = Value(0.5, label="w"), Value(-1.0, label="b")
    z = w * 2.0 + b
    a = z.sigmoid()
    c = 0.5 * (a - 1.0) ** 2
    assert (z.data, a.data, c.data) == (0.0, 0.5, 0.125)
    c.backward()
    # ∂c/∂a = a − y = −½, ∂a/∂z = σ'(0) = ¼, ∂z/∂w = x = 2, ∂z/∂b = 1.
    assert a.grad == -0.5
    assert z.grad == -0.125
    assert w.grad == -0.25 and b.grad == -0.125


def test_a_value_used_twice_collects_both_paths():
    x = Value(3.0)
    y = x * x + x  # dy/dx = 2x + 1 = 7
    y.backward()
    assert x.grad == 7.0


@pytest.mark.parametrize(
    "op, f, df",
    [
        ("exp", math.exp, math.exp),
        ("log", math.log, lambda u: 1 / u),
        ("sigmoid", lambda u: 1 / (1 + math.exp(-u)), lambda u: math.exp(-u) / (1 + math.exp(-u)) ** 2),
        ("tanh", math.tanh, lambda u: 1 - math.tanh(u) ** 2),
        ("relu", lambda u: max(u, 0.0), lambda u: float(u > 0)),
    ],
)
def test_each_unary_operation_value_then_derivative(op, f, df):
    for u in (0.3, 1.7):
        v = Value(u)
        out = getattr(v, op)()
        assert out.data == pytest.approx(f(u), rel=1e-14)
        out.backward()
        assert v.grad == pytest.approx(df(u), rel=1e-12)


def test_binary_operations_against_finite_differences():
    def f(p, q):
        return (p * q - q / p + 2.0 - p) ** 3 / (1.0 + q * q) + 1.0 / p

    p, q = Value(0.7), Value(-1.3)
    out = f(p, q)
    assert out.data == pytest.approx(f(0.7, -1.3))
    out.backward()
    h = 1e-5
    assert p.grad == pytest.approx((f(0.7 + h, -1.3) - f(0.7 - h, -1.3)) / (2 * h), rel=1e-6)
    assert q.grad == pytest.approx((f(0.7, -1.3 + h) - f(0.7, -1.3 - h)) / (2 * h), rel=1e-6)


def test_topological_order_puts_parents_first_and_handles_deep_graphs():
    x = Value(1.0)
    v = x
    for _ in range(5000):  # deeper than Python's recursion limit
        v = v * 1.0 + 0.0
    order = topological_order(v)
    position = {id(u): i for i, u in enumerate(order)}
    assert all(position[id(p)] < position[id(u)] for u in order for p in u.parents)
    v.backward()
    assert x.grad == 1.0


def test_backward_accumulates_and_zero_grad_starts_over():
    # As in PyTorch: each sweep adds its derivatives into .grad, leaves and inner values alike.
    x = Value(2.0)
    u = x * x
    y = (u + x).tanh()
    y.backward()
    first = {v: v.grad for v in topological_order(y)}
    assert x.grad == pytest.approx((1 - y.data**2) * (2 * 2.0 + 1), rel=1e-15)
    y.backward()
    assert all(v.grad == 2 * g for v, g in first.items())  # exactly twice, not compounded
    y.zero_grad()
    assert all(v.grad == 0.0 for v in topological_order(y))
    y.backward()
    assert all(v.grad == g for v, g in first.items())


def test_a_leaf_shared_by_two_graphs_sums_their_gradients():
    # Two training steps without zero_grad: a parameter's grad is the sum of both steps' gradients.
    w = Value(0.5)
    (w * 3.0).backward()
    (w * w).backward()
    assert w.grad == 3.0 + 2 * 0.5


def test_a_second_sweep_of_the_running_example_doubles_every_gradient():
    net = Network([2, 3, 2], seed=0)
    graph = network_graph(net, X0, Y0)
    graph.cost.backward()
    once = graph.gradients()
    graph.cost.backward()
    twice = graph.gradients()
    for a, b in zip(once[0] + once[1], twice[0] + twice[1]):
        np.testing.assert_array_equal(b, 2 * a)
    trace = []
    graph.cost.zero_grad().backward(trace=trace)
    for a, b in zip(once[0] + once[1], graph.gradients()[0] + graph.gradients()[1]):
        np.testing.assert_array_equal(b, a)
    assert len(trace) == graph.n_values and trace[0] is graph.cost


def test_forward_mode_gives_the_same_derivative_one_leaf_at_a_time():
    net = Network([2, 3, 2], seed=0)
    graph = network_graph(net, X0, Y0)
    graph.cost.backward()
    for leaf in (graph.w[0][1][0], graph.b[1][1], graph.w[1][0][2]):
        d, edges = forward_mode_derivative(graph.cost, leaf)
        assert d == pytest.approx(leaf.grad, rel=1e-12, abs=1e-15)
        assert edges == sum(len(v.parents) for v in topological_order(graph.cost))


def test_running_example_matches_backprop_and_errors():
    net = Network([2, 3, 2], seed=0)
    graph = network_graph(net, X0, Y0)
    assert graph.cost.data == pytest.approx(net.cost(X0, Y0), rel=1e-14)
    graph.cost.backward()
    bw = net.backward(X0, Y0)
    nabla_w, nabla_b = graph.gradients()
    for got, want in zip(nabla_w + nabla_b, bw.nabla_w + bw.nabla_b):
        assert got.shape == want.shape
        assert relative_error(got, want) < 1e-12
    # The grads of the z-nodes are the errors of BP1 (layer 2) and BP2 (layer 1).
    for l, e in enumerate(graph.errors(), start=1):
        assert relative_error(e, bw.e(l)) < 1e-12
    assert repr(graph.w[1][0][1]).startswith("Value(data=")
    assert "w_12^[2]" in repr(graph.w[1][0][1])


ACTIVATIONS = st.sampled_from(["sigmoid", "tanh"])
COSTS = st.sampled_from(["quadratic", "cross_entropy"])


@settings(max_examples=25, deadline=None)
@given(
    sizes=st.lists(st.integers(1, 4), min_size=2, max_size=4),
    activation=ACTIVATIONS,
    cost=COSTS,
    m=st.integers(1, 3),
    seed=st.integers(0, 2**16),
)
def test_agrees_with_backprop_on_random_networks(sizes, activation, cost, m, seed):
    net = Network(sizes, activation=activation, cost_function=cost, seed=seed)
    rng = np.random.default_rng(seed)
    X = rng.uniform(-1, 1, (sizes[0], m))
    Y = rng.uniform(0, 1, (sizes[-1], m))
    graph = network_graph(net, X, Y)
    assert graph.cost.data == pytest.approx(net.cost(X, Y), rel=1e-12)
    graph.cost.backward()
    got = graph.gradients()
    want = net.backprop(X, Y)
    assert (
        relative_error(
            np.concatenate([g.ravel() for g in got[0] + got[1]]), np.concatenate([g.ravel() for g in want[0] + want[1]])
        )
        < 1e-12
    )
    for l, e in enumerate(graph.errors(), start=1):
        assert relative_error(e, net.backward(X, Y).e(l)) < 1e-12


@pytest.mark.parametrize("activation", ["relu", "identity"])
def test_softmax_and_other_activations(activation):
    net = Network([3, 4, 3], activation=activation, cost_function="softmax_cross_entropy", seed=3)
    X = np.random.default_rng(3).uniform(-1, 1, (3, 4))
    Y = np.eye(3)[:, [0, 2, 1, 1]]
    got, want = autodiff_backprop(net, X, Y), net.backprop(X, Y)
    for a, b in zip(got[0] + got[1], want[0] + want[1]):
        assert relative_error(a, b) < 1e-12


def test_works_as_a_backprop_fn_for_the_gradient_checker():
    net = Network([2, 3, 2], seed=0)
    assert check_gradients(net, X0, Y0, backprop_fn=autodiff_backprop).ok


def test_network_is_not_modified():
    net = Network([2, 3, 2], seed=0)
    before = [w.copy() for w in net.weights]
    autodiff_backprop(net, X0, Y0)
    assert all(np.array_equal(a, b) for a, b in zip(before, net.weights))


def test_bad_input_gives_clear_errors():
    with pytest.raises(TypeError, match="real number"):
        Value("1.0")
    with pytest.raises(TypeError, match="real number"):
        Value(True)
    with pytest.raises(ValueError, match="finite"):
        Value(float("nan"))
    with pytest.raises(TypeError, match="exponent must be a constant"):
        Value(2.0) ** Value(3.0)
    with pytest.raises(ValueError, match="positive"):
        Value(-1.0).log()
    with pytest.raises(ZeroDivisionError, match="equal to 0"):
        Value(1.0) / 0.0
    with pytest.raises(OverflowError, match="overflows"):
        Value(800.0).exp()
    with pytest.raises(TypeError):
        Value(1.0) + "a"
    with pytest.raises(TypeError, match="root of a graph must be a Value"):
        topological_order(1.0)
    with pytest.raises(TypeError, match="leaf must be a Value"):
        forward_mode_derivative(Value(1.0), 2.0)
    net = Network([2, 3, 2], seed=0)
    with pytest.raises(ValueError, match="2 rows"):
        network_graph(net, np.zeros((3, 1)), Y0)


def test_an_activation_the_engine_lacks_is_named_by_validate():
    """The activation and cost names go through _validate.one_of, which lists the valid ones."""
    from backprop import Activation

    softplus = Activation("softplus", lambda z: np.log1p(np.exp(z)), lambda z: 1 / (1 + np.exp(-z)))
    net = Network([2, 2, 1], activation=softplus, seed=0)
    with pytest.raises(ValueError, match="unknown activation for autodiff 'softplus'; valid: 'sigmoid'"):
        network_graph(net, np.zeros(2), np.zeros(1))


def test_quotient_of_tiny_values_has_finite_derivatives():
    # −u/v² would underflow v² to 0; −(u/v)/v does not (PyTorch gives finite grads here too)
    u, v = Value(1e-170), Value(1e-170)
    q = (u / v).backward()
    assert q.data == 1.0
    assert u.grad == pytest.approx(1e170) and v.grad == pytest.approx(-1e170)


def test_powers_at_the_edges():
    x = Value(0.0)
    y = (x**0).backward()  # 0^0 = 1, and its derivative is 0 (as in PyTorch)
    assert (y.data, x.grad) == (1.0, 0.0)
    x = Value(-3.0)
    (x**0).backward()
    assert x.grad == 0.0
    x = Value(-2.0)
    (x**3).backward()  # a negative base with a whole exponent is fine
    assert x.grad == 12.0
    with pytest.raises(OverflowError, match=r"\(1e-200\) \*\* -2 overflows a float64"):
        Value(1e-200) ** -2
    with pytest.raises(OverflowError, match="overflows"):
        Value(1e-150) ** -2  # the power fits, its derivative −2 u⁻³ does not
    with pytest.raises(ValueError, match="not a real number"):
        Value(-2.0) ** 0.5
    with pytest.raises(ValueError, match="infinite"):
        Value(0.0) ** 0.5
    with pytest.raises(ValueError, match="infinite"):
        Value(0.0) ** -1


def test_printing_helpers():
    assert label_tex("w_12^[2]") == "$w_{12}^{[2]}$"
    assert label_tex("x_1(x3)") == "$x_{1}$(x3)"
    assert label_tex("C") == "$C$"
    neuron = Network([1, 1], seed=0)
    graph = network_graph(neuron, np.array([[0.8]]), np.array([[1.0]]))
    graph.cost.backward()
    rows = graph_rows(graph.cost)
    # constants (the target and the ½) are left out; the cost comes last with grad 1
    assert rows[-1][0] == "$C$" and rows[-1][3] == 1.0
    assert [r[0] for r in rows][3:5] == ["×", "$z_{1}^{[1]}$"]
    assert len(rows) == 9


def test_value_graph_figure_shows_the_sweep_step_by_step():
    from backprop import figures

    neuron = Network([1, 1], seed=0)
    graph = network_graph(neuron, np.array([[0.8]]), np.array([[1.0]]))
    graph.cost.backward()
    d = figures.value_graph(graph.cost, step=0)
    assert len(d.order) == 9 and "has not started" in d.alt
    alt = d.set_step(4)
    assert "reached 4 of 9 nodes" in alt and alt == d.alt
    assert d.artists["grads"][8].get_text().endswith("1.000")  # the cost: grad 1
    assert d.artists["grads"][0].get_text() == ""  # an input, not reached yet
    assert d.png()[:4] == b"\x89PNG"
    with pytest.raises(ValueError, match="step must be"):
        d.set_step(10)
    with pytest.raises(TypeError, match="graph of a Value"):
        figures.value_graph(1.0)
    big = network_graph(Network([2, 3, 2], seed=0), X0, Y0)
    with pytest.raises(ValueError, match="at most 16 nodes"):
        figures.value_graph(big.cost)


def test_backward_sweep_widget_has_one_state_per_step():
    from backprop import widgets

    w = widgets.backward_sweep(mode="static")
    assert len(w.states) == 10
    assert "has not started" in w.alts[0] and "reached 9 of 9" in w.alts[-1]
