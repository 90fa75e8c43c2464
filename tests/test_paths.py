"""The error of a neuron as a sum over paths, and what caching the errors saves."""

import math

import numpy as np
import pytest

from backprop import Network
from backprop.cost_count import multiply_adds
from backprop.paths import local_jacobian, numerical_local_jacobian, path_counts, path_sum


def _example(sizes, seed=0, activation="sigmoid"):
    net = Network(sizes, activation=activation, seed=seed)
    rng = np.random.default_rng(seed)
    x = rng.uniform(-1, 1, (sizes[0], 1))
    y = rng.uniform(0, 1, (sizes[-1], 1))
    return net, x, y


def test_local_jacobian_by_hand_and_by_finite_differences():
    net, x, _ = _example([2, 3, 2])
    fwd = net.forward(x)
    jac = local_jacobian(net, fwd, 1)
    slope = net.g(1).prime(fwd.z(1))[:, 0]
    for k in range(2):
        for j in range(3):
            assert jac[k, j] == net.w(2)[k, j] * slope[j]
    assert np.abs(numerical_local_jacobian(net, fwd, 1) - jac).max() < 1e-9


@pytest.mark.parametrize(
    "sizes, activation", [([2, 3, 2], "sigmoid"), ([3, 3, 3, 3, 3], "tanh"), ([2, 4, 1, 3, 2], "sigmoid")]
)
def test_path_sum_is_the_backpropagated_error(sizes, activation):
    net, x, y = _example(sizes, seed=1, activation=activation)
    bw = net.backward(x, y)
    L = net.L
    for l in range(1, L + 1):
        for j in range(1, sizes[l] + 1):
            p = path_sum(net, x, y, l, j)
            assert p.value == pytest.approx(bw.e(l)[j - 1, 0], rel=1e-12, abs=1e-15)
            assert len(p.paths) == len(p.terms) == math.prod(sizes[l + 1 :])
            assert p.multiply_adds == len(p.paths) * (L - l)
            assert sum(p.terms) == pytest.approx(p.value, rel=1e-12, abs=1e-15)


def test_two_paths_of_the_running_example():
    net, x, y = _example([2, 3, 2])
    fwd, bw = net.forward(x), net.backward(x, y)
    p = path_sum(net, x, y, 1, 1)
    assert p.paths == ((1,), (2,))
    slope = net.g(1).prime(fwd.z(1))[0, 0]
    for (k,), term in zip(p.paths, p.terms):
        assert term == pytest.approx(bw.e(2)[k - 1, 0] * net.w(2)[k - 1, 0] * slope, rel=1e-14)
    assert "2 paths" in repr(p)


def test_counts_agree_with_the_enumeration_and_with_bp2():
    for sizes in ([2, 3, 2], [3] * 6, [2, 4, 1, 3, 2]):
        net, x, y = _example(sizes)
        c = path_counts(sizes)
        counted = sum(path_sum(net, x, y, l, j).multiply_adds for l in range(1, net.L) for j in range(1, sizes[l] + 1))
        assert counted == c["enumeration"]
        assert c["cached"] == multiply_adds(sizes)["bp2"]
    assert path_counts([2, 3, 2]) == {"paths": {1: 2}, "enumeration": 6, "cached": 6}


def test_paths_grow_as_n_to_the_L_minus_1():
    for n in (2, 3, 10):
        for L in range(2, 12):
            c = path_counts([n] * (L + 1))
            assert c["paths"][1] == n ** (L - 1)
            assert c["cached"] == (L - 1) * n * n


def test_bad_input():
    net, x, y = _example([2, 3, 2])
    with pytest.raises(ValueError):
        path_sum(net, x, y, 3, 1)
    with pytest.raises(ValueError):
        path_sum(net, x, y, 1, 4)
    with pytest.raises(ValueError):
        path_sum(net, np.hstack([x, x]), np.hstack([y, y]), 1, 1)
    with pytest.raises(ValueError):
        local_jacobian(net, net.forward(x), 2)
    with pytest.raises((TypeError, ValueError)):
        path_counts([2])
