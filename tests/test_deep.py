"""BP2 unrolled into a product, the two factors of each step, and the initialization scale."""

import numpy as np
import pytest

from backprop import Network, relative_error
from backprop.deep import (
    UNSCALED,
    activation_rms,
    activation_spread,
    activation_stats,
    gradient_norms,
    layer_gains,
    scaled_network,
    signal_factors,
    unrolled_error,
    weight_changes,
)


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
    # zero biases by default (the initialization literature's assumption) ...
    assert all(b.shape == b0.shape and not b.any() for b, b0 in zip(net.biases, base.biases))
    # ... or the package's N(0, 1) draws, kept as they are
    normal = scaled_network([4, 5, 3], 3.0, seed=2, biases="normal")
    for b, b0 in zip(normal.biases, base.biases):
        np.testing.assert_array_equal(b, b0)


def test_unscaled_is_standard_gaussian_weights():
    """No 1/sqrt(n): s = sqrt(n_{l-1}) in each layer, so layers of different fan-in get different s."""
    base = Network([16, 4, 3], seed=3)
    net = scaled_network([16, 4, 3], UNSCALED, seed=3)
    np.testing.assert_allclose(net.weights[0], 4.0 * base.weights[0])
    np.testing.assert_allclose(net.weights[1], 2.0 * base.weights[1])


def test_activation_rms_and_mean_gain():
    rng = np.random.default_rng(4)
    X, Y = rng.uniform(-1, 1, (5, 30)), rng.uniform(0, 1, (2, 30))
    net = scaled_network([5, 7, 7, 2], 1.0, "tanh", seed=4)
    rms = activation_rms(net, X)
    fwd = net.forward(X)
    assert rms.shape == (4,)
    assert rms[0] == pytest.approx(np.sqrt(np.mean(X**2)))
    assert rms[2] == pytest.approx(np.sqrt(np.mean(fwd.a(2) ** 2)))
    g = layer_gains(net, X, Y)
    assert g.mean_gain == pytest.approx(np.prod(g.gain) ** (1 / len(g.gain)))


def test_spread_is_what_varies_from_example_to_example():
    rng = np.random.default_rng(7)
    X, Y = rng.uniform(-1, 1, (5, 40)), rng.uniform(0, 1, (2, 40))
    net = scaled_network([5, 6, 6, 6, 2], 1.0, "sigmoid", seed=7)
    spread, fwd = activation_spread(net, X), net.forward(X)
    assert spread.shape == (5,)
    assert spread[2] == pytest.approx(np.std(fwd.a(2), axis=1).dot(np.std(fwd.a(2), axis=1)) ** 0.5 / np.sqrt(6))
    # the same input for every example: the rms stays, the spread is 0
    same = activation_spread(net, np.repeat(X[:, :1], 10, axis=1))
    assert np.all(same < 1e-15) and activation_rms(net, X[:, :1])[3] > 0.1
    f = signal_factors(net, X, Y)
    rms, g = activation_rms(net, X), layer_gains(net, X, Y)
    assert f.forward == pytest.approx((rms[3] / rms[1]) ** 0.5)
    assert f.spread == pytest.approx((spread[3] / spread[1]) ** 0.5)
    assert f.backward == pytest.approx(g.mean_gain)
    assert (f.slope, f.weight) == pytest.approx((np.mean(g.slope), np.mean(g.weight)))
    with pytest.raises(ValueError, match="two hidden layers"):
        signal_factors(scaled_network([5, 6, 2], 1.0, seed=0), X, Y)


def test_activation_stats_are_mean_std_and_spread_per_layer():
    rng = np.random.default_rng(3)
    X = rng.uniform(-1, 1, (5, 30))
    net = scaled_network([5, 6, 6, 2], 1.0, "tanh", seed=3)
    stats, fwd = activation_stats(net, X), net.forward(X)
    assert stats.mean.shape == stats.std.shape == stats.spread.shape == (4,)
    for l in range(4):
        a = fwd.a(l)
        assert stats.mean[l] == pytest.approx(a.sum() / a.size)
        assert stats.std[l] == pytest.approx(np.sqrt(np.mean((a - a.mean()) ** 2)))
    assert np.array_equal(stats.spread, activation_spread(net, X))
    # what differs from example to example is part of the whole spread
    assert np.all(stats.spread <= stats.std + 1e-15)
    # sigmoid units sit around 1/2
    sig = activation_stats(scaled_network([5, 6, 6, 2], 1.0, "sigmoid", seed=3), X)
    assert np.all(np.abs(sig.mean[1:] - 0.5) < 0.2)


def test_relu_errors_and_activations_explode_without_the_scaling():
    """Standard Gaussian weights: a ReLU network's activations and errors both grow by about
    s/sqrt(2) per layer, while the weight gradients keep about one size from layer to layer."""
    rng = np.random.default_rng(5)
    X, Y = rng.uniform(0, 1, (32, 100)), rng.uniform(0, 1, (4, 100))
    sizes = [32] + [32] * 6 + [4]
    net = scaled_network(sizes, UNSCALED, "relu", "cross_entropy", seed=0)
    rms = activation_rms(net, X)
    per_layer = (rms[6] / rms[1]) ** (1 / 5)
    assert 3 < per_layer < 6  # s/sqrt(2) = 4
    assert 3 < layer_gains(net, X, Y).mean_gain < 6
    norms = gradient_norms(net, X, Y)
    assert norms.max() / norms.min() < 10


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
    with pytest.raises(ValueError, match="unscaled"):
        scaled_network([2, 3, 2], "sqrt")
    with pytest.raises(ValueError, match="biases"):
        scaled_network([2, 3, 2], 1.0, biases="uniform")


def test_norms_by_scale_and_the_plot():
    from backprop import figures
    from backprop.deep import norms_by_scale

    rng = np.random.default_rng(2)
    X, Y = rng.uniform(0, 1, (5, 10)), rng.uniform(0, 1, (2, 10))
    norms = norms_by_scale([5, 6, 6, 2], [0.5, 1.0], ("sigmoid", "tanh"), X, Y, seed=0)
    assert set(norms) == {0.5, 1.0} and norms[1.0]["tanh"].shape == (3,)
    np.testing.assert_allclose(
        norms[1.0]["tanh"], gradient_norms(scaled_network([5, 6, 6, 2], 1.0, "tanh", "cross_entropy", seed=0), X, Y)
    )
    d = figures.gradient_norm_plot(norms[1.0], scale=1.0)
    alt = d.set_norms(norms[0.5], 0.5)
    assert "s = 0.5" in alt and "tanh" in alt
    np.testing.assert_allclose(d.artists["lines"]["sigmoid"].get_ydata(), norms[0.5]["sigmoid"])
    with pytest.raises(ValueError, match="no line for"):
        d.set_norms({"relu": norms[0.5]["tanh"]}, 0.5)


def test_init_scale_widget_has_a_state_per_scale():
    from backprop import widgets

    w = widgets.init_scale_explorer(mode="static", n_examples=20, depth=3, width=8)
    assert len(w.states) == len(widgets.INIT_SCALES)
    assert all("s = " in alt for alt in w.alts)
    assert any("standard Gaussian" in alt for alt in w.alts)


def test_weight_changes_measure_each_layer_against_its_start():
    rng = np.random.default_rng(6)
    X, Y = rng.uniform(0, 1, (4, 12)), rng.uniform(0, 1, (2, 12))
    net = scaled_network([4, 5, 5, 2], 1.0, "tanh", "cross_entropy", seed=6)
    before = [w.copy() for w in net.weights]
    changes, history = weight_changes(net, X, Y, eta=0.5, epochs=3, seed=0)
    assert changes.shape == (3,) and len(history.costs) >= 3
    for c, w, w0 in zip(changes, net.weights, before):
        assert c == pytest.approx(np.linalg.norm(w - w0) / np.linalg.norm(w0))
    assert np.all(changes > 0)


def test_predicted_gain_is_weight_times_slope_factor_per_step():
    from backprop.deep import SLOPE_FACTORS, predicted_gain

    assert predicted_gain(2.0, "relu", 8) == pytest.approx(16.0)
    assert predicted_gain(np.sqrt(2), "relu", 8) == pytest.approx(1.0)
    assert predicted_gain(1.0, "sigmoid", 2) == pytest.approx(1 / 16)
    assert predicted_gain(3.0, "tanh") == pytest.approx(3.0)
    assert SLOPE_FACTORS["relu"] == pytest.approx(1 / np.sqrt(2))
    with pytest.raises(ValueError, match="activation"):
        predicted_gain(1.0, "softmax")
    with pytest.raises(ValueError):
        predicted_gain(-1.0, "relu")


def test_predicted_gain_is_near_the_measured_median_for_relu():
    """The prediction describes the typical network: ReLU at s = 2 over ten draws of [32, 32, 32, 32]."""
    from backprop.deep import predicted_gain

    X = np.random.default_rng(0).standard_normal((32, 100))
    Y = np.eye(4)[:, np.arange(100) % 4]
    gains = [
        layer_gains(scaled_network([32, 32, 32, 32, 4], 2.0, "relu", "cross_entropy", seed=k), X, Y).mean_gain
        for k in range(10)
    ]
    assert np.median(gains) == pytest.approx(predicted_gain(2.0, "relu"), rel=0.2)


def test_gain_slips_name_each_slip_and_stay_apart():
    from backprop.deep import gain_slips, predicted_gain
    from backprop.selfcheck import number

    tol = 0.2
    slips = gain_slips(2.0, "relu", 8, tol)
    values = {d.split(" (")[0].split(":")[0]: v for d, v in slips.items()}
    assert values["forget the slope factor"] == pytest.approx(256.0)
    assert any("variances" in d for d in slips if slips[d] == pytest.approx(256.0))  # merged: same value
    assert any("½" in d and v == pytest.approx(1.0) for d, v in slips.items())
    assert any("too many" in d and v == pytest.approx(2**4.5) for d, v in slips.items())
    assert any("too few" in d and "add" in d for d in slips)  # (√2)^7 = 8·√2: one diagnosis
    assert any("invert" in d and v == pytest.approx(1 / 16) for d, v in slips.items())
    # every slip is at least 2·tol from the answer and from the others: selfcheck.number accepts them
    question = number("ReLU, s = 2, eight steps?", predicted_gain(2.0, "relu", 8), tol, slips)
    assert question.judge("16").kind == "correct"
    assert question.judge("256").kind == "slip"
    # tanh has no share-of-units slip, and a slip equal to the answer is dropped (s = 1: s^k = answer)
    tanh = gain_slips(1.0, "tanh", 3, 0.01)
    assert not any("½" in d for d in tanh)
    assert not any("forget the slope" in d for d in tanh)
