"""The gradient checker: it accepts correct gradients, flags wrong ones, and leaves the network untouched."""

import numpy as np
import pytest

from backprop import Network, check_gradients, numerical_errors, numerical_gradient, relative_error
from backprop.bughunt import BUGS, buggy_backprop


def _data(sizes, m=5, seed=0):
    rng = np.random.default_rng(seed)
    return rng.standard_normal((sizes[0], m)), rng.uniform(0.05, 0.95, (sizes[-1], m))


def test_numerical_gradient_of_a_known_function():
    # f(x) = Σ x³ has gradient 3x²; central differences are exact up to O(eps²) = 1e-10 here.
    x = np.array([[1.0, -2.0], [0.5, 3.0]])
    g = numerical_gradient(lambda: float(np.sum(x**3)), x, eps=1e-5)
    np.testing.assert_allclose(g, 3 * x**2, rtol=1e-8)


def test_relative_error():
    assert relative_error([3.0, 4.0], [3.0, 4.0]) == 0.0
    assert relative_error([0.0, 0.0], [0.0, 0.0]) == 0.0
    assert relative_error([1.0, 0.0], [2.0, 0.0]) == pytest.approx(0.5)


@pytest.mark.parametrize("activation", ["sigmoid", "tanh", "relu", "identity"])
@pytest.mark.parametrize("cost", ["quadratic", "cross_entropy", "softmax_cross_entropy"])
def test_correct_backprop_passes(activation, cost):
    net = Network([3, 5, 4, 3], activation=activation, cost_function=cost, seed=2)
    X, Y = _data(net.sizes)
    if cost == "softmax_cross_entropy":
        Y = Y / Y.sum(axis=0)
    result = check_gradients(net, X, Y)
    assert result.rel_error < 1e-7, result
    assert result.ok and result.n_checked == net.n_params


@pytest.mark.parametrize("bug", sorted(BUGS))
def test_every_bug_is_caught(bug):
    net = Network([3, 3, 3, 3], seed=4)
    X, Y = _data(net.sizes)
    result = check_gradients(net, X, Y, backprop_fn=buggy_backprop(bug))
    assert result.rel_error > 1e-3, (bug, result)
    assert not result.ok


def test_network_is_left_untouched():
    net = Network([2, 3, 2], seed=0)
    before = [p.copy() for p in net.weights + net.biases]
    ids = [id(p) for p in net.weights + net.biases]
    check_gradients(net, *_data(net.sizes))
    assert [id(p) for p in net.weights + net.biases] == ids
    assert all(np.array_equal(p, q) for p, q in zip(before, net.weights + net.biases))


def test_sampling_checks_only_the_sample_and_is_seeded():
    net = Network([6, 8, 3], seed=0)
    X, Y = _data(net.sizes)
    r1 = check_gradients(net, X, Y, n_samples=10, seed=1)
    r2 = check_gradients(net, X, Y, n_samples=10, seed=1)
    assert r1.n_checked == 10 and r1.rel_error < 1e-7
    nan_mask = [np.isnan(g) for g in r1.nabla_w_num + r1.nabla_b_num]
    assert sum(int((~m).sum()) for m in nan_mask) == 10
    assert all(np.array_equal(a, b, equal_nan=True) for a, b in zip(r1.nabla_w_num, r2.nabla_w_num))


def test_gradients_of_the_wrong_shape_are_refused():
    net = Network([2, 3, 2], seed=0)
    wrong = lambda n, X, Y: ([w.T for w in n.weights], list(n.biases))  # noqa: E731
    with pytest.raises(ValueError, match="shape"):
        check_gradients(net, *_data(net.sizes), backprop_fn=wrong)


def test_bad_eps_and_samples():
    net = Network([2, 3, 2], seed=0)
    with pytest.raises(ValueError, match="eps"):
        check_gradients(net, *_data(net.sizes), eps=0.0)
    with pytest.raises(TypeError, match="n_samples"):
        check_gradients(net, *_data(net.sizes), n_samples=2.5)


def test_bugs_need_square_layers_and_known_names():
    with pytest.raises(ValueError, match="one width"):
        buggy_backprop("bp2_no_transpose")(Network([2, 3, 2]), *_data([2, 3, 2]))
    with pytest.raises(ValueError, match="valid bugs"):
        buggy_backprop("bp5")


@pytest.mark.parametrize("activation", ["sigmoid", "tanh", "identity"])
@pytest.mark.parametrize("cost", ["quadratic", "cross_entropy", "softmax_cross_entropy"])
def test_numerical_errors_match_bp1_and_bp2(activation, cost):
    net = Network([3, 4, 5, 3], activation=activation, cost_function=cost, seed=5)
    X, Y = _data(net.sizes, m=4, seed=1)
    if cost == "softmax_cross_entropy":
        Y = Y / Y.sum(axis=0)
    measured = numerical_errors(net, X, Y)
    backprop = net.backward(X, Y).errors
    assert [m.shape for m in measured] == [e.shape for e in backprop]
    assert (
        relative_error(np.concatenate([m.ravel() for m in measured]), np.concatenate([e.ravel() for e in backprop]))
        < 1e-8
    )


def test_costs_from_the_input_layer_of_z_match_the_cost():
    # Feeding z^[1] of a forward pass back in must give the same costs as the full forward pass.
    net = Network([2, 3, 2], seed=0)
    X, Y = _data(net.sizes)
    z1 = net.forward(X).z(1)
    assert np.mean(net.costs_from_layer(1, z1, Y)) == pytest.approx(net.cost(X, Y), rel=1e-14)
    with pytest.raises(ValueError, match="z must have 3 rows"):
        net.costs_from_layer(1, np.zeros((2, 5)), Y)
