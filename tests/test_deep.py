"""BP2 unrolled into a product, the two factors of each step, and the initialization scale."""

import numpy as np
import pytest

from backprop import Network, relative_error
from backprop.deep import gradient_norms, layer_gains, scaled_network, unrolled_error


@pytest.mark.parametrize("activation", ["sigmoid", "tanh", "relu"])
def test_the_unrolled_product_is_bp2(activation):
    net = Network([3, 4, 5, 4, 2], activation=activation, seed=1)
    x, y = np.array([[0.5], [-0.4], [0.9]]), np.array([[1.0], [0.0]])
    bw = net.backward(x, y)
    for l in range(1, net.L + 1):
        assert relative_error(unrolled_error(net, x, y, l), bw.e(l)) < 1e-12


def test_scaled_network_multiplies_the_same_draws():
    base = Network([4, 5, 3], seed=2)
    net = scaled_network([4, 5, 3], 3.0, seed=2)
    for w, w0 in zip(net.weights, base.weights):
        np.testing.assert_allclose(w, 3.0 * w0)
    for b, b0 in zip(net.biases, base.biases):
        np.testing.assert_array_equal(b, b0)


def test_gains_multiply_to_the_error_ratio():
    rng = np.random.default_rng(0)
    X, Y = rng.uniform(-1, 1, (6, 20)), rng.uniform(0, 1, (3, 20))
    net = scaled_network([6, 8, 8, 8, 3], 1.0, "sigmoid", seed=0)
    g = layer_gains(net, X, Y)
    for l in range(1, net.L):
        assert g.gain[l - 1] == pytest.approx(g.error_norms[l - 1] / g.error_norms[l])
    # σ' ≤ 1/4: the slope factor can never exceed it.
    assert max(g.slope) <= 0.25


def test_sigmoid_gradients_vanish_and_tanh_keeps_them_at_scale_one():
    rng = np.random.default_rng(1)
    X, Y = rng.uniform(0, 1, (16, 50)), rng.uniform(0, 1, (4, 50))
    sizes = [16] + [32] * 6 + [4]
    sig = gradient_norms(scaled_network(sizes, 1.0, "sigmoid", seed=0), X, Y)
    tanh = gradient_norms(scaled_network(sizes, 1.0, "tanh", seed=0), X, Y)
    assert sig.shape == (7,)
    assert sig[0] / sig[-1] < 1e-3
    assert tanh[0] / tanh[-1] > 10 * sig[0] / sig[-1]


def test_bad_input():
    net = Network([2, 3, 2], seed=0)
    with pytest.raises(ValueError, match="one example"):
        unrolled_error(net, np.zeros((2, 2)), np.zeros((2, 2)), 1)
    with pytest.raises(ValueError, match="layer must be"):
        unrolled_error(net, np.zeros((2, 1)), np.zeros((2, 1)), 3)
    with pytest.raises(ValueError, match="positive"):
        scaled_network([2, 3, 2], -1.0)


def test_norms_by_scale_and_the_plot():
    from backprop import figures
    from backprop.deep import norms_by_scale

    rng = np.random.default_rng(2)
    X, Y = rng.uniform(0, 1, (5, 10)), rng.uniform(0, 1, (2, 10))
    norms = norms_by_scale([5, 6, 6, 2], [0.5, 1.0], ("sigmoid", "tanh"), X, Y, seed=0)
    assert set(norms) == {0.5, 1.0} and norms[1.0]["tanh"].shape == (3,)
    np.testing.assert_allclose(norms[1.0]["tanh"],
                               gradient_norms(scaled_network([5, 6, 6, 2], 1.0, "tanh", "cross_entropy",
                                                             seed=0), X, Y))
    d = figures.gradient_norm_plot(norms[1.0], scale=1.0)
    alt = figures.set_gradient_norms(d, norms[0.5], 0.5)
    assert "s = 0.5" in alt and "tanh" in alt
    np.testing.assert_allclose(d.artists["lines"]["sigmoid"].get_ydata(), norms[0.5]["sigmoid"])
    with pytest.raises(ValueError, match="no line for"):
        figures.set_gradient_norms(d, {"relu": norms[0.5]["tanh"]}, 0.5)


def test_init_scale_widget_has_a_state_per_scale():
    from backprop import widgets

    w = widgets.init_scale_explorer(mode="static", n_examples=20, depth=3, width=8)
    assert len(w.states) == len(widgets.INIT_SCALES)
    assert all("s = " in alt for alt in w.alts)
