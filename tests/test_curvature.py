"""The Hessian of the cost and its largest eigenvalue, against independent computations."""

import numpy as np
import pytest

from backprop import Network, sgd
from backprop.curvature import (
    bias_cycle,
    gradient,
    hessian,
    parameters,
    set_parameters,
    sharpness,
    sharpness_during_training,
)


def _data(n_in=2, m=40, seed=0):
    rng = np.random.default_rng(seed)
    X = rng.normal(size=(n_in, m))
    Y = (X[:1] * X[1:2] > 0).astype(float)
    return X, Y


def test_parameters_round_trip_and_order():
    net = Network([2, 3, 1], seed=0)
    theta = parameters(net)
    assert theta.shape == (net.n_params,)
    assert theta[0] == net.weights[0][0, 0] and theta[6] == net.weights[1][0, 0]
    assert theta[-1] == net.biases[-1][0, 0]
    set_parameters(net, 2 * theta)
    assert np.array_equal(parameters(net), 2 * theta)
    with pytest.raises(ValueError, match="shape"):
        set_parameters(net, theta[:-1])


def test_hessian_of_the_linear_network_is_the_input_matrix():
    """[2, 1], identity, quadratic cost: H = (1/n) Σ x̃ x̃ᵀ exactly (order w11, w12, b)."""
    X, _ = _data()
    Y = np.random.default_rng(1).normal(size=(1, X.shape[1]))
    net = Network([2, 1], activation="identity", cost_function="quadratic", seed=3)
    X_ext = np.vstack([X, np.ones((1, X.shape[1]))])
    want = X_ext @ X_ext.T / X.shape[1]
    np.testing.assert_allclose(hessian(net, X, Y), want, rtol=1e-7, atol=1e-9)
    assert sharpness(net, X, Y) == pytest.approx(np.linalg.eigvalsh(want)[-1], rel=1e-7)


@pytest.mark.parametrize("activation, cost", [("tanh", "cross_entropy"), ("sigmoid", "quadratic")])
def test_hessian_against_second_differences_of_the_cost(activation, cost):
    """Independent of backprop: H_ij from four evaluations of C alone."""
    X, Y = _data()
    net = Network([2, 3, 1], activation=activation, cost_function=cost, seed=2)
    theta, h = parameters(net), 1e-4
    P = theta.size

    def C(t):
        set_parameters(net, t)
        return net.cost(X, Y)

    want = np.empty((P, P))
    for i in range(P):
        for j in range(P):
            ei, ej = np.eye(P)[i] * h, np.eye(P)[j] * h
            want[i, j] = (C(theta + ei + ej) - C(theta + ei - ej) - C(theta - ei + ej) + C(theta - ei - ej)) / (
                4 * h * h
            )
    set_parameters(net, theta)
    got = hessian(net, X, Y)
    assert np.array_equal(parameters(net), theta)  # left as it was
    assert np.linalg.norm(got - want) / np.linalg.norm(want) < 1e-5
    assert sharpness(net, X, Y) == pytest.approx(np.linalg.eigvalsh(want)[-1], rel=1e-5)


def test_gradient_is_backprop_flattened():
    X, Y = _data()
    net = Network([2, 3, 1], activation="tanh", cost_function="cross_entropy", seed=0)
    nabla_w, nabla_b = net.backprop(X, Y)
    g = gradient(net, X, Y)
    assert g[0] == nabla_w[0][0, 0] and g[-1] == nabla_b[-1][0, 0]


def test_sharpness_during_training_takes_sgds_steps():
    X, Y = _data()
    a = Network([2, 4, 1], activation="tanh", cost_function="cross_entropy", seed=0)
    b = a.copy()
    history = sgd(a, X, Y, eta=2.0, epochs=4, batch_size=10, seed=5)
    run = sharpness_during_training(b, X, Y, eta=2.0, epochs=4, batch_size=10, seed=5)
    assert np.array_equal(parameters(a), parameters(b))
    assert run.history.costs == history.costs and run.history.accuracy == history.accuracy
    assert len(run.sharpness) == 5 and run.limit == 1.0
    assert run.sharpness[-1] == pytest.approx(sharpness(b, X, Y))


def test_sharpness_during_training_stops_when_the_run_diverges():
    X, _ = _data()
    Y = np.random.default_rng(1).normal(size=(1, X.shape[1])) * 100
    net = Network([2, 1], activation="identity", cost_function="quadratic", seed=0)
    run = sharpness_during_training(net, X, Y, eta=50.0, epochs=2000)
    assert run.history.diverged and len(run.sharpness) == run.history.epochs


def test_bias_cycle_is_a_two_cycle_of_gradient_descent():
    def sigmoid(b):
        return 1 / (1 + np.exp(-b))

    for eta in (8.5, 10.0, 30.0):
        c = bias_cycle(eta)
        assert c.b > 0
        assert c.b - eta * (sigmoid(c.b) - 0.5) == pytest.approx(-c.b, abs=1e-9)
        assert c.cost == pytest.approx(0.5 * (np.log1p(np.exp(-c.b)) + np.log1p(np.exp(c.b))))
    assert bias_cycle(7.0).b == 0.0 and bias_cycle(7.0).cost == pytest.approx(np.log(2))


def test_a_dead_relu_network_ends_on_the_bias_cycle():
    """Every hidden unit dead, balanced classes: training moves only b^[2], onto the predicted cycle."""
    rng = np.random.default_rng(0)
    X = rng.uniform(0, 1, (2, 40))
    Y = np.tile([0.0, 1.0], 20)[None, :]
    for eta, want in ((30.0, bias_cycle(30.0).b), (6.0, 0.0)):
        net = Network([2, 4, 1], activation="relu", cost_function="cross_entropy", seed=0)
        net.weights[0][:] = -1.0  # z^[1] < 0 for every input in [0, 1]²: every hidden unit dead
        net.biases[0][:] = -1.0
        bs = []
        for _ in range(400):
            sgd(net, X, Y, eta=eta, epochs=1)
            bs.append(net.biases[1].item())
        assert abs(bs[-1]) == pytest.approx(want, abs=0.02)  # the cycle attracts slowly at η = 30
        if want:
            assert np.sign(bs[-1]) == -np.sign(bs[-2])
