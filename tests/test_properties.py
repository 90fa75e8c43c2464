"""Property-based tests: on random architectures, activations, costs and batches, backprop agrees with the
gradient checker; random bad input raises the documented error. At least 200 examples per property."""

import numpy as np
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from backprop import ACTIVATIONS, Network, check_gradients

SETTINGS = settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])

widths = st.integers(1, 8)
architectures = st.lists(widths, min_size=2, max_size=5)  # 1–4 weight layers, widths 1–8
activations = st.sampled_from(sorted(ACTIVATIONS))
costs = st.sampled_from(["quadratic", "cross_entropy", "softmax_cross_entropy"])


@SETTINGS
@given(sizes=architectures, activation=activations, cost=costs, m=st.integers(1, 6), seed=st.integers(0, 2**32 - 1))
def test_backprop_agrees_with_the_gradient_checker(sizes, activation, cost, m, seed):
    rng = np.random.default_rng(seed)
    net = Network(sizes, activation=activation, cost_function=cost, seed=seed)
    X = rng.standard_normal((sizes[0], m))
    if activation == "relu":
        # Keep pre-activations away from relu's kink, where finite differences straddle two slopes.
        for l in range(1, net.L + 1):
            z = net.forward(X).z(l)
            net.biases[l - 1] += np.where(np.abs(z).min(axis=1, keepdims=True) < 1e-3, 0.1, 0.0)
    Y = rng.uniform(0.0, 1.0, (sizes[-1], m))
    if cost == "softmax_cross_entropy":
        Y = Y / Y.sum(axis=0)
    result = check_gradients(net, X, Y)
    nabla_w, nabla_b = net.backprop(X, Y)
    assert [g.shape for g in nabla_w] == [w.shape for w in net.weights]
    assert [g.shape for g in nabla_b] == [b.shape for b in net.biases]
    assert result.rel_error < 1e-7, result


def _raises(fn, exc, *words):
    try:
        fn()
    except exc as err:
        message = str(err)
        assert all(w in message for w in words), message
        return
    raise AssertionError(f"expected {exc.__name__} mentioning {words}")


@SETTINGS
@given(sizes=architectures, extra=st.integers(1, 5), m=st.integers(1, 5), dm=st.integers(1, 5))
def test_wrong_shapes_raise_value_errors(sizes, extra, m, dm):
    net = Network(sizes, seed=0)
    good_X, good_Y = np.zeros((sizes[0], m)), np.zeros((sizes[-1], m))
    _raises(lambda: net.backprop(np.zeros((sizes[0] + extra, m)), good_Y), ValueError, "X must have", str(sizes[0]))
    _raises(lambda: net.backprop(good_X, np.zeros((sizes[-1] + extra, m))), ValueError, "Y must have")
    _raises(lambda: net.backprop(good_X, np.zeros((sizes[-1], m + dm))), ValueError, "same number of columns")
    _raises(lambda: net.feedforward(np.zeros((sizes[0] + extra, m))), ValueError, "X must have")


@SETTINGS
@given(
    sizes=architectures,
    m=st.integers(1, 5),
    i=st.integers(0, 100),
    bad=st.sampled_from([np.nan, np.inf, -np.inf]),
    target=st.booleans(),
)
def test_non_finite_input_raises(sizes, m, i, bad, target):
    net = Network(sizes, seed=0)
    X, Y = np.zeros((sizes[0], m)), np.zeros((sizes[-1], m))
    arr = Y if target else X
    arr.flat[i % arr.size] = bad
    _raises(lambda: net.backprop(X, Y), ValueError, "Y" if target else "X", "NaN or infinite")


@SETTINGS
@given(sizes=st.lists(st.integers(-5, 8), min_size=0, max_size=5))
def test_bad_sizes_raise(sizes):
    if len(sizes) >= 2 and all(n > 0 for n in sizes):
        assert Network(sizes).sizes == sizes
    else:
        _raises(lambda: Network(sizes), ValueError, "sizes")


@SETTINGS
@given(name=st.text(min_size=1, max_size=12).filter(lambda s: s not in ACTIVATIONS))
def test_unknown_activation_lists_valid_names(name):
    _raises(lambda: Network([2, 2], activation=name), ValueError, "valid activations", "'sigmoid'", "'relu'")
