"""Gradient descent on a cost surface and on networks: it descends, it is seeded, it reports divergence."""

import warnings

import numpy as np
import pytest

from backprop import Network, QuadraticBowl, accuracy, descend, sgd
from backprop import data

#: The four XOR points, examples as columns: the corners of the unit square and y = x1 XOR x2.
XOR = (np.array([[0.0, 0.0, 1.0, 1.0], [0.0, 1.0, 0.0, 1.0]]), np.array([[0.0, 1.0, 1.0, 0.0]]))


def test_descend_on_a_bowl_follows_the_closed_form():
    # On C = ½ Σ h_i θ_i², each step multiplies θ_i by (1 − η h_i): after t steps θ_i = (1 − η h_i)^t θ_i(0).
    bowl = QuadraticBowl((1.0, 10.0))
    path = descend(bowl.grad, [1.0, 1.0], eta=0.05, steps=20)
    assert path.shape == (21, 2)
    np.testing.assert_allclose(path[-1], [(1 - 0.05) ** 20, (1 - 0.5) ** 20])


def test_learning_rate_regimes_on_the_bowl():
    bowl = QuadraticBowl((1.0, 10.0))
    assert bowl.eta_critical == pytest.approx(0.2)
    slow = descend(bowl.grad, [1.0, 1.0], 0.01, 50)
    oscillating = descend(bowl.grad, [1.0, 1.0], 0.15, 50)  # 1/10 < η < 2/10: the steep axis flips sign
    diverging = descend(bowl.grad, [1.0, 1.0], 0.25, 50)
    assert bowl(slow[-1]) < bowl(slow[0])
    assert np.all(np.sign(oscillating[1:6, 1]) == [-1, 1, -1, 1, -1])
    assert bowl(oscillating[-1]) < 1e-3
    assert bowl(diverging[-1]) > 1e3 * bowl(diverging[0])


def test_descend_stops_when_it_blows_up_without_warnings():
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        path = descend(lambda t: t**3, [10.0], eta=1.0, steps=100)
    assert len(path) < 101 and np.all(np.isfinite(path))


def test_full_batch_gradient_descent_learns_xor():
    X, Y = XOR
    net = Network([2, 4, 1], activation="tanh", cost_function="cross_entropy", seed=0)
    history = sgd(net, X, Y, eta=1.0, epochs=500)  # batch_size=None: full-batch gradient descent
    assert history.epochs == 500 and len(history.costs) == 501
    assert history.costs[-1] < 0.1 * history.costs[0]
    assert history.accuracy[-1] == 1.0
    assert accuracy(net, X, Y) == 1.0


def test_full_batch_cost_goes_down_every_epoch_for_a_small_rate():
    X, Y = data.two_moons(100, seed=0)
    net = Network([2, 8, 1], seed=1)
    history = sgd(net, X, Y, eta=0.1, epochs=30)
    assert np.all(np.diff(history.costs) < 0)


def test_minibatch_sgd_is_seeded_and_learns_moons():
    X, Y = data.two_moons(200, noise=0.1, seed=0)
    runs = []
    for _ in range(2):
        net = Network([2, 16, 1], activation="tanh", cost_function="cross_entropy", seed=3)
        runs.append((sgd(net, X, Y, eta=0.5, epochs=60, batch_size=20, seed=9), net))
    (h1, n1), (h2, n2) = runs
    assert h1.costs == h2.costs
    assert np.array_equal(n1.weights[0], n2.weights[0])
    assert h1.accuracy[-1] > 0.95


def test_divergence_is_reported_once_without_warnings():
    X, Y = data.two_moons(50, seed=0)
    net = Network([2, 8, 1], activation="identity", seed=0)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        history = sgd(net, X, Y, eta=50.0, epochs=200)
    assert history.diverged and 1 <= history.diverged_epoch < 200
    assert len(history.costs) == history.diverged_epoch + 1
    assert "DIVERGED" in repr(history)


@pytest.mark.parametrize(
    "kwargs, exc, match",
    [
        (dict(eta=0.0, epochs=1), ValueError, "eta must be a positive"),
        (dict(eta=-1.0, epochs=1), ValueError, "eta must be a positive"),
        (dict(eta=float("nan"), epochs=1), ValueError, "eta must be a positive"),
        (dict(eta="0.1", epochs=1), TypeError, "eta must be a positive number"),
        (dict(eta=0.1, epochs=2.5), TypeError, "epochs must be a positive integer"),
        (dict(eta=0.1, epochs=0), ValueError, "epochs must be a positive integer"),
        (dict(eta=0.1, epochs=1, batch_size=0), ValueError, "batch_size"),
        (dict(eta=0.1, epochs=1, batch_size=3.0), TypeError, "batch_size"),
        (dict(eta=0.1, epochs=True), TypeError, "epochs"),
    ],
)
def test_bad_training_arguments(kwargs, exc, match):
    X, Y = XOR
    with pytest.raises(exc, match=match):
        sgd(Network([2, 2, 1]), X, Y, **kwargs)


def test_accuracy_needs_class_targets():
    with pytest.raises(ValueError, match="class targets"):
        accuracy(Network([2, 1]), np.zeros((2, 3)), np.full((1, 3), 0.3))


def test_integer_or_nan_weights_are_refused_before_training():
    X, Y = XOR
    net = Network([2, 3, 1], seed=0)
    net.weights[0] = np.array([[1, 2], [3, 4], [5, 6]])  # integers: the update could not be in place
    with pytest.raises(TypeError, match=r"w\^\[1\] \(net.weights\[0\]\) must be a float64"):
        sgd(net, X, Y, eta=0.5, epochs=2)
    net = Network([2, 3, 1], seed=0)
    net.weights[1][0, 2] = np.nan
    with pytest.raises(ValueError, match=r"w\^\[2\] \(net.weights\[1\]\) contains NaN"):
        sgd(net, X, Y, eta=0.5, epochs=2)
    net = Network([2, 3, 1], seed=0)
    net.biases[0][1, 0] = np.inf
    with pytest.raises(ValueError, match=r"b\^\[1\] \(net.biases\[0\]\) contains NaN or infinite"):
        net.backprop(X, Y)


def test_descend_with_momentum_and_noise_is_one_loop():
    bowl = QuadraticBowl((1.0, 10.0))
    plain = descend(bowl.grad, [1.0, 1.0], eta=0.1, steps=20)
    np.testing.assert_array_equal(descend(bowl.grad, [1.0, 1.0], eta=0.1, steps=20, beta=0.0), plain)
    # noise 0 draws the same numbers and changes nothing
    np.testing.assert_array_equal(descend(bowl.grad, [1.0, 1.0], 0.1, 20, noise=0.0, seed=3), plain)
    heavy = descend(bowl.grad, [1.0, 1.0], eta=0.1, steps=2, beta=0.5)
    v1 = -0.1 * bowl.grad(np.array([1.0, 1.0]))
    v2 = 0.5 * v1 - 0.1 * bowl.grad(heavy[1])
    np.testing.assert_allclose(heavy[1:], [[1, 1] + v1, [1, 1] + v1 + v2])
    noisy = [descend(bowl.grad, [1.0, 1.0], 0.1, 5, noise=0.5, seed=s) for s in (1, 1, 2)]
    np.testing.assert_array_equal(noisy[0], noisy[1])
    assert not np.array_equal(noisy[0], noisy[2])
    with pytest.raises(ValueError, match="momentum"):
        descend(bowl.grad, [1.0, 1.0], 0.1, 5, beta=1.0)
    with pytest.raises(ValueError, match="noise"):
        descend(bowl.grad, [1.0, 1.0], 0.1, 5, noise=-1.0)
    with pytest.raises(ValueError, match="theta0 must be a vector"):
        descend(bowl.grad, [[1.0, 1.0]], 0.1, 5)
