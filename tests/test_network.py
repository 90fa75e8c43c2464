"""The Network's contract: shapes, the forward pass it exposes, and clear errors on bad input."""

import numpy as np
import pytest

from backprop import Network


def test_shapes_follow_the_notation():
    net = Network([2, 3, 2], seed=0)
    assert net.L == 2
    assert [w.shape for w in net.weights] == [(3, 2), (2, 3)]  # w^[l]: (n_l, n_{l-1})
    assert [b.shape for b in net.biases] == [(3, 1), (2, 1)]
    assert net.w(1) is net.weights[0] and net.b(2) is net.biases[1]
    assert all(w.dtype == np.float64 for w in net.weights + net.biases)
    assert repr(net) == "Network([2, 3, 2], sigmoid, quadratic cost, 17 parameters)"  # 2*3+3 + 3*2+2


def test_seed_makes_the_network_reproducible():
    a, b, c = Network([2, 3, 2], seed=5), Network([2, 3, 2], seed=5), Network([2, 3, 2], seed=6)
    assert all(np.array_equal(p, q) for p, q in zip(a.weights, b.weights))
    assert not np.array_equal(a.weights[0], c.weights[0])


def test_forward_pass_exposes_every_z_and_a():
    net = Network([2, 3, 2], seed=0)
    X = np.array([[0.5, -1.0], [2.0, 0.0]])
    fwd = net.forward(X)
    assert [z.shape for z in fwd.zs] == [(3, 2), (2, 2)]
    assert [a.shape for a in fwd.activations] == [(2, 2), (3, 2), (2, 2)]
    np.testing.assert_array_equal(fwd.a(0), X)
    # Recompute each layer from the definitions z = w a + b, a = σ(z) written out here.
    a = X
    for l in (1, 2):
        z = net.w(l) @ a + net.b(l)
        np.testing.assert_allclose(fwd.z(l), z)
        a = 1 / (1 + np.exp(-z))
        np.testing.assert_allclose(fwd.a(l), a)
    np.testing.assert_allclose(net.feedforward(X), a)


def test_one_dimensional_input_is_one_example():
    net = Network([2, 3, 2], seed=0)
    out = net.feedforward([0.5, 2.0])
    assert out.shape == (2,)
    np.testing.assert_allclose(out, net.feedforward(np.array([[0.5], [2.0]]))[:, 0])
    nabla_w, _ = net.backprop([0.5, 2.0], [1.0, 0.0])
    assert nabla_w[0].shape == (3, 2)


def test_weights_may_be_replaced_by_the_caller():
    net = Network([2, 3, 2], seed=0)
    net.weights[0] = np.zeros((3, 2))
    np.testing.assert_allclose(net.forward([1.0, 1.0]).z(1), net.b(1))
    net.weights[0] = np.zeros((2, 3))
    with pytest.raises(ValueError, match=r"w\^\[1\].*\(3, 2\).*\(2, 3\)"):
        net.feedforward([1.0, 1.0])


def test_copy_is_independent():
    net = Network([2, 3, 2], seed=0)
    clone = net.copy()
    clone.weights[0][0, 0] += 1
    assert net.weights[0][0, 0] != clone.weights[0][0, 0]


@pytest.mark.parametrize(
    "sizes, exc, match",
    [
        ([2], ValueError, "at least 2"),
        ([], ValueError, "at least 2"),
        ([2, 0, 1], ValueError, r"sizes\[1\].*positive"),
        ([2, -3, 1], ValueError, r"sizes\[1\].*positive"),
        ([2, 2.5, 1], TypeError, r"sizes\[1\].*integer"),
        ("231", TypeError, "list of layer widths"),
        (3, TypeError, "list of layer widths"),
    ],
)
def test_bad_sizes(sizes, exc, match):
    with pytest.raises(exc, match=match):
        Network(sizes)


def test_bad_inputs_get_clear_errors():
    net = Network([2, 3, 2], seed=0)
    with pytest.raises(ValueError, match=r"X must have 2 rows.*\(3, 4\)"):
        net.feedforward(np.zeros((3, 4)))
    with pytest.raises(ValueError, match="same number of columns.*X has 4, Y has 5"):
        net.backprop(np.zeros((2, 4)), np.zeros((2, 5)))
    with pytest.raises(ValueError, match="Y must have 2 rows"):
        net.backprop(np.zeros((2, 4)), np.zeros((3, 4)))
    with pytest.raises(ValueError, match="NaN or infinite"):
        net.backprop(np.array([[np.nan], [0.0]]), np.zeros((2, 1)))
    with pytest.raises(ValueError, match="NaN or infinite"):
        net.backprop(np.zeros((2, 1)), np.array([[np.inf], [0.0]]))
    with pytest.raises(ValueError, match="3-D"):
        net.feedforward(np.zeros((2, 1, 1)))
    with pytest.raises(ValueError, match="length 2"):
        net.feedforward([1.0, 2.0, 3.0])
    with pytest.raises(TypeError, match="array of numbers"):
        net.feedforward([["a", "b"]])
    with pytest.raises(ValueError, match="at least one example"):
        net.feedforward(np.zeros((2, 0)))
    with pytest.raises(ValueError, match="layer must be an integer in 1..2"):
        net.w(3)
    with pytest.raises(ValueError, match="layer must be an integer in 0..2"):
        net.forward([1.0, 1.0]).a(-1)


def test_costs_check_their_targets():
    with pytest.raises(ValueError, match=r"targets Y in \[0, 1\]"):
        Network([2, 2], cost_function="cross_entropy").backprop(np.zeros((2, 1)), np.array([[2.0], [0.0]]))
    with pytest.raises(ValueError, match="sum to 1"):
        Network([2, 2], cost_function="softmax_cross_entropy").backprop(np.zeros((2, 1)), np.array([[1.0], [1.0]]))


def test_cross_entropy_and_softmax_set_the_output_activation():
    assert Network([2, 2], activation="tanh", cost_function="cross_entropy").g(1).name == "sigmoid"
    net = Network([2, 3, 4], activation="relu", cost_function="softmax_cross_entropy", seed=0)
    assert net.g(1).name == "relu" and net.g(2).name == "softmax"
    np.testing.assert_allclose(net.feedforward(np.ones((2, 3))).sum(axis=0), 1.0)


def test_huge_but_finite_inputs_are_accepted_silently():
    import warnings

    X = np.array([[1e308, 1e308], [1e308, -1e308]])
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        from backprop._validate import as_matrix

        assert as_matrix(X, "X", rows=2) is X
    with pytest.raises(ValueError, match="NaN or infinite"):
        as_matrix(np.array([[1.0, np.nan], [0.0, 0.0]]), "X", rows=2)


# -- checked batches and unchecked passes -------------------------------------------------------------------
def test_a_checked_batch_runs_every_pass_without_checking_again():
    from backprop.network import Batch

    rng = np.random.default_rng(0)
    net = Network([3, 4, 2], seed=0)
    X, Y = rng.standard_normal((3, 6)), rng.uniform(size=(2, 6))
    batch = net.check_batch(X, Y)
    assert isinstance(batch, Batch) and batch.m == 6 and "sizes [3, 4, 2]" in repr(batch)
    np.testing.assert_array_equal(net.forward(batch).output, net.forward(X).output)
    assert net.cost(batch) == net.cost(X, Y)
    for got, want in zip(sum(net.backprop(batch), []), sum(net.backprop(X, Y), [])):
        np.testing.assert_array_equal(got, want)
    np.testing.assert_array_equal(net.backward(batch).e(1), net.backward(X, Y).e(1))
    assert net.check_batch(batch) is batch
    sub = batch.take([0, 2])
    np.testing.assert_array_equal(sub.X, X[:, [0, 2]])
    np.testing.assert_array_equal(net.backprop(sub)[0][0], net.backprop(X[:, [0, 2]], Y[:, [0, 2]])[0][0])


def test_a_batch_is_refused_by_another_network_and_without_targets():
    net = Network([3, 4, 2], seed=0)
    batch = net.check_batch(np.zeros((3, 2)), np.zeros((2, 2)))
    with pytest.raises(ValueError, match=r"checked for sizes \[3, 4, 2\].*\[3, 5, 2\]"):
        Network([3, 5, 2]).backprop(batch)
    with pytest.raises(ValueError, match="cost"):
        Network([3, 4, 2], cost_function="cross_entropy").cost(batch)
    inputs_only = net.check_batch(np.zeros((3, 2)))
    assert net.forward(inputs_only).output.shape == (2, 2)
    with pytest.raises(ValueError, match="no targets"):
        net.backprop(inputs_only)
    with pytest.raises(TypeError, match="either a Batch"):
        net.backprop(batch, np.zeros((2, 2)))


def test_returned_gradients_are_never_overwritten_by_later_calls():
    """Every call returns new arrays: a gradient the caller holds (or a view of it) stays as it was."""
    rng = np.random.default_rng(1)
    net = Network([5, 6, 3], seed=1)
    X, Y = rng.standard_normal((5, 4)), rng.uniform(size=(3, 4))
    first = net.backprop(X, Y)
    kept = [g.copy() for g in first[0] + first[1]]
    view = net.backprop(X, Y)[0][0][:2]  # only a view of the second result survives
    view_copy = view.copy()
    for k in range(5):  # more calls, same shape, other data
        net.backprop(X * (k + 2), Y)
        for g, want in zip(first[0] + first[1], kept):
            np.testing.assert_array_equal(g, want)
        np.testing.assert_array_equal(view, view_copy)


def test_forward_and_backward_return_new_arrays_every_call():
    net = Network([2, 3, 2], seed=0)
    X, Y = np.ones((2, 3)), np.zeros((2, 3))
    a, b = net.backward(X, Y), net.backward(2 * X, Y)
    assert not np.shares_memory(a.e(1), b.e(1)) and not np.shares_memory(a.forward.z(1), b.forward.z(1))
    net.backprop(X, Y)
    np.testing.assert_array_equal(a.e(1), net.backward(X, Y).e(1))


def test_swapping_one_equation_changes_only_that_one():
    from backprop.equations import STANDARD

    net = Network([3, 3, 3], seed=2)
    X, Y = np.random.default_rng(2).standard_normal((3, 4)), np.full((3, 4), 0.5)
    right = net.backward(X, Y)
    doubled = net.backward(X, Y, equations=STANDARD.swap(bp4_weight_gradient=lambda e, a: 2 * (e @ a.T) / e.shape[1]))
    for l in (1, 2):
        np.testing.assert_array_equal(doubled.e(l), right.e(l))
        np.testing.assert_allclose(doubled.nabla_w[l - 1], 2 * right.nabla_w[l - 1])
        np.testing.assert_array_equal(doubled.nabla_b[l - 1], right.nabla_b[l - 1])
    with pytest.raises(ValueError, match="unknown equation"):
        STANDARD.swap(bp5=print)
