"""Activations with their derivatives, and costs with theirs, against finite differences and known values."""

import warnings

import numpy as np
import pytest

from backprop import ACTIVATIONS, COSTS, Network, get_activation, get_cost
from backprop.activations import softmax

Z = np.linspace(-4, 4, 41).reshape(1, -1) + 0.013  # avoid relu's kink at exactly 0


@pytest.mark.parametrize("name", sorted(ACTIVATIONS))
def test_derivative_matches_finite_differences(name):
    g = get_activation(name)
    h = 1e-6
    numeric = (g.fn(Z + h) - g.fn(Z - h)) / (2 * h)
    np.testing.assert_allclose(g.prime(Z), numeric, rtol=1e-6, atol=1e-9)
    # Passing a = g(z) must not change g'(z).
    np.testing.assert_allclose(g.prime(Z, g.fn(Z)), g.prime(Z), rtol=0, atol=1e-15)


def test_known_values():
    assert get_activation("sigmoid").fn(np.array(0.0)) == 0.5
    assert get_activation("sigmoid").prime(np.array(0.0)) == 0.25
    assert get_activation("tanh").prime(np.array(0.0)) == 1.0
    np.testing.assert_array_equal(get_activation("relu").fn(np.array([-2.0, 3.0])), [0.0, 3.0])
    np.testing.assert_array_equal(get_activation("identity").prime(np.array([-2.0, 3.0])), [1.0, 1.0])


def test_sigmoid_and_cross_entropy_finite_and_silent_for_large_z():
    z = np.array([[-1e3, -745.0, -40.0, 0.0, 40.0, 745.0, 1e3]])
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        a = get_activation("sigmoid").fn(z)
        assert np.all(np.isfinite(a)) and np.all((a >= 0) & (a <= 1))
        assert np.all(np.isfinite(get_activation("sigmoid").prime(z)))
        net = Network([1, 1], cost_function="cross_entropy")
        net.weights, net.biases = [np.ones((1, 1))], [np.zeros((1, 1))]
        for y in (0.0, 1.0):
            Y = np.full_like(z, y)
            # Exact: c_x = softplus(z) − y z, which is |z| when the prediction is confidently wrong.
            assert net.cost(z, Y) == pytest.approx(np.mean(np.logaddexp(0, z[0]) - y * z[0]))
            nabla_w, nabla_b = net.backprop(z, Y)
            assert np.isfinite(nabla_w[0]).all() and np.isfinite(nabla_b[0]).all()
            # The output error of a saturated, wrong prediction is ±1 (a − y), not lost to 0 · ∞.
            np.testing.assert_allclose(net.backward(z, Y).e(1), a - y, atol=1e-12)


@pytest.mark.parametrize("name", ["quadratic", "cross_entropy", "softmax_cross_entropy"])
def test_cost_derivative_matches_finite_differences(name):
    cost = get_cost(name)
    rng = np.random.default_rng(1)
    a = rng.uniform(0.1, 0.9, (3, 4))
    y = rng.uniform(0, 1, (3, 4))
    if name == "softmax_cross_entropy":
        a, y = a / a.sum(0), y / y.sum(0)
    numeric = np.zeros_like(a)
    for i in np.ndindex(a.shape):
        d = np.zeros_like(a)
        d[i] = 1e-6
        numeric[i] = (cost.fn(a + d, y) - cost.fn(a - d, y))[i[1]] / 2e-6
    np.testing.assert_allclose(cost.da(a, y), numeric, rtol=1e-6)


def test_quadratic_has_the_half():
    # c = ½‖a − y‖²: for a − y = (3, 4) the cost is 12.5 and the gradient is (3, 4), not (6, 8).
    cost = get_cost("quadratic")
    a, y = np.array([[3.0], [4.0]]), np.zeros((2, 1))
    assert cost.fn(a, y)[0] == 12.5
    np.testing.assert_array_equal(cost.da(a, y), [[3.0], [4.0]])


def test_cross_entropy_value_from_z_equals_value_from_a():
    cost, g = get_cost("cross_entropy"), get_activation("sigmoid")
    z = np.linspace(-5, 5, 11).reshape(1, -1)
    y = np.linspace(0, 1, 11).reshape(1, -1)
    np.testing.assert_allclose(cost.value(z, g.fn(z), y, g), cost.fn(g.fn(z), y), rtol=1e-12)


def test_softmax_columns_sum_to_one_and_are_stable():
    z = np.array([[1000.0, -3.0], [999.0, 2.0], [-1000.0, 0.0]])
    a = softmax.fn(z)
    np.testing.assert_allclose(a.sum(axis=0), 1.0)
    assert np.all(np.isfinite(a))
    with pytest.raises(TypeError, match="Jacobian"):
        softmax.prime(z)


@pytest.mark.parametrize("getter, valid", [(get_activation, ACTIVATIONS), (get_cost, COSTS)])
def test_unknown_names_list_the_valid_ones(getter, valid):
    with pytest.raises(ValueError) as info:
        getter("softplus")
    for name in valid:
        assert repr(name) in str(info.value)
