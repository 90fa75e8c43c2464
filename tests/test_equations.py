"""BP1–BP4, each on its own: against a tiny case worked by hand, then against finite differences.

Two-stage, as in micrograd's tests: forward values are checked first, so that a failure points at the right
half. The hand-worked case uses the identity activation and round numbers so every value can be checked on
paper; a second uses the sigmoid at z = 0, where σ = 1/2 and σ' = 1/4.
"""

import numpy as np
import pytest

from backprop import Network, check_gradients, equations
from backprop.activations import get_activation


@pytest.fixture
def hand_net():
    """[1, 2, 1], identity activation, quadratic cost; x = 2, y = 1.

    By hand: z^[1] = w^[1] x + b^[1] = [1·2 + 0, 2·2 + 1] = [2, 5] = a^[1];
    z^[2] = 3·2 + (−1)·5 + 0.5 = 1.5 = a^[2]; c_x = ½ (1.5 − 1)² = 0.125.
    """
    net = Network([1, 2, 1], activation="identity", cost_function="quadratic")
    net.weights = [np.array([[1.0], [2.0]]), np.array([[3.0, -1.0]])]
    net.biases = [np.array([[0.0], [1.0]]), np.array([[0.5]])]
    return net, np.array([[2.0]]), np.array([[1.0]])


def test_hand_case_forward(hand_net):
    net, X, Y = hand_net
    fwd = net.forward(X)
    np.testing.assert_array_equal(fwd.z(1), [[2.0], [5.0]])
    np.testing.assert_array_equal(fwd.a(1), [[2.0], [5.0]])
    np.testing.assert_array_equal(fwd.z(2), [[1.5]])
    assert net.cost(X, Y) == pytest.approx(0.125)


def test_bp1_hand_case(hand_net):
    net, X, Y = hand_net
    # e^[2] = ∂c/∂a^[2] · g'(z^[2]) = (1.5 − 1) · 1 = 0.5
    e2 = equations.bp1_output_error(np.array([[0.5]]), np.array([[1.0]]))
    assert e2 == pytest.approx(0.5)
    np.testing.assert_allclose(net.backward(X, Y).e(2), [[0.5]])


def test_bp2_hand_case(hand_net):
    net, X, Y = hand_net
    # e^[1] = (w^[2])ᵀ e^[2] ⊙ g'(z^[1]) = [3, −1]ᵀ · 0.5 = [1.5, −0.5]
    e1 = equations.bp2_error_back(net.w(2), np.array([[0.5]]), np.ones((2, 1)))
    np.testing.assert_allclose(e1, [[1.5], [-0.5]])
    np.testing.assert_allclose(net.backward(X, Y).e(1), [[1.5], [-0.5]])


def test_bp3_hand_case(hand_net):
    net, X, Y = hand_net
    _, nabla_b = net.backprop(X, Y)
    np.testing.assert_allclose(nabla_b[1], [[0.5]])  # ∂c/∂b^[2] = e^[2]
    np.testing.assert_allclose(nabla_b[0], [[1.5], [-0.5]])  # ∂c/∂b^[1] = e^[1]


def test_bp4_hand_case(hand_net):
    net, X, Y = hand_net
    nabla_w, _ = net.backprop(X, Y)
    np.testing.assert_allclose(nabla_w[1], [[0.5 * 2.0, 0.5 * 5.0]])  # a_k^[1] e^[2]
    np.testing.assert_allclose(nabla_w[0], [[1.5 * 2.0], [-0.5 * 2.0]])  # x e_j^[1]


def test_sigmoid_hand_case():
    """[1, 1] sigmoid, w = b = 0, x = 3, y = 1: a = 1/2, c = 1/8, e = (1/2 − 1)·1/4 = −1/8."""
    net = Network([1, 1], activation="sigmoid")
    net.weights, net.biases = [np.zeros((1, 1))], [np.zeros((1, 1))]
    X, Y = np.array([[3.0]]), np.array([[1.0]])
    assert net.feedforward(X) == pytest.approx(0.5)
    assert net.cost(X, Y) == pytest.approx(0.125)
    nabla_w, nabla_b = net.backprop(X, Y)
    assert nabla_b[0] == pytest.approx(-0.125)
    assert nabla_w[0] == pytest.approx(-0.375)


def test_batch_gradient_is_mean_of_per_example_gradients():
    rng = np.random.default_rng(0)
    net = Network([3, 4, 2], activation="tanh", seed=1)
    X, Y = rng.standard_normal((3, 5)), rng.uniform(size=(2, 5))
    nabla_w, nabla_b = net.backprop(X, Y)
    per = [net.backprop(X[:, i], Y[:, i]) for i in range(5)]
    for l in range(2):
        np.testing.assert_allclose(nabla_w[l], np.mean([p[0][l] for p in per], axis=0), atol=1e-14)
        np.testing.assert_allclose(nabla_b[l], np.mean([p[1][l] for p in per], axis=0), atol=1e-14)


# -- each equation against finite differences, on its own ------------------------------------------------
def _numeric(f, x, eps=1e-6):
    g = np.zeros_like(x)
    for i in np.ndindex(x.shape):
        old = x[i]
        x[i] = old + eps
        up = f()
        x[i] = old - eps
        down = f()
        x[i] = old
        g[i] = (up - down) / (2 * eps)
    return g


@pytest.fixture
def setting():
    rng = np.random.default_rng(7)
    net = Network([3, 4, 5, 2], activation="sigmoid", cost_function="quadratic", seed=3)
    return net, rng.standard_normal((3, 1)), rng.uniform(size=(2, 1))


def _cost_from_z(net, l, z, y):
    """c_x as a function of z^[l] alone: run the network forward from layer l."""
    a = net.g(l).fn(z)
    for k in range(l + 1, net.L + 1):
        a = net.g(k).fn(net.w(k) @ a + net.b(k))
    return 0.5 * float(np.sum((a - y) ** 2))


def test_bp1_against_finite_differences(setting):
    net, x, y = setting
    fwd = net.forward(x)
    zL = fwd.z(net.L).copy()
    numeric = _numeric(lambda: _cost_from_z(net, net.L, zL, y), zL)
    g = get_activation("sigmoid")
    e = equations.bp1_output_error(fwd.output - y, g.prime(fwd.z(net.L)))
    np.testing.assert_allclose(e, numeric, rtol=1e-6, atol=1e-10)


@pytest.mark.parametrize("l", [1, 2])
def test_bp2_against_finite_differences(setting, l):
    net, x, y = setting
    fwd = net.forward(x)
    bwd = net.backward(x, y)
    z = fwd.z(l).copy()
    numeric = _numeric(lambda: _cost_from_z(net, l, z, y), z)
    e = equations.bp2_error_back(net.w(l + 1), bwd.e(l + 1), net.g(l).prime(fwd.z(l)))
    np.testing.assert_allclose(e, numeric, rtol=1e-6, atol=1e-10)


@pytest.mark.parametrize("l", [1, 2, 3])
def test_bp3_against_finite_differences(setting, l):
    net, x, y = setting
    bwd = net.backward(x, y)
    numeric = _numeric(lambda: net.cost(x, y), net.biases[l - 1])
    np.testing.assert_allclose(equations.bp3_bias_gradient(bwd.e(l)), numeric, rtol=1e-6, atol=1e-10)


@pytest.mark.parametrize("l", [1, 2, 3])
def test_bp4_against_finite_differences(setting, l):
    net, x, y = setting
    bwd = net.backward(x, y)
    numeric = _numeric(lambda: net.cost(x, y), net.weights[l - 1])
    got = equations.bp4_weight_gradient(bwd.e(l), bwd.forward.a(l - 1))
    np.testing.assert_allclose(got, numeric, rtol=1e-6, atol=1e-10)
    assert got.shape == net.w(l).shape


def test_whole_backprop_passes_the_gradient_checker(setting):
    net, x, y = setting
    assert check_gradients(net, x, y).rel_error < 1e-7
