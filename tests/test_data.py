"""The toy data sets: shapes, labels, determinism, and the digits shipped with scikit-learn."""

import numpy as np
import pytest

from backprop import data


@pytest.mark.parametrize("make", [data.two_moons, data.circles])
def test_binary_sets(make):
    X, Y = make(101, seed=0)
    assert X.shape == (2, 101) and Y.shape == (1, 101)
    assert set(np.unique(Y)) == {0.0, 1.0}
    X2, _ = make(101, seed=0)
    X3, _ = make(101, seed=1)
    assert np.array_equal(X, X2) and not np.array_equal(X, X3)


def test_circles_radii():
    X, Y = data.circles(400, noise=0.0, factor=0.4, seed=0)
    r = np.hypot(*X)
    np.testing.assert_allclose(r[Y[0] == 0], 1.0)
    np.testing.assert_allclose(r[Y[0] == 1], 0.4)


def test_one_hot():
    np.testing.assert_array_equal(data.one_hot([2, 0], 3), [[0, 1], [0, 0], [1, 0]])
    with pytest.raises(ValueError, match="labels must lie in 0..2, got values in 3..3"):
        data.one_hot([3], 3)
    with pytest.raises(ValueError, match="labels must be a 1-D array of integers"):
        data.one_hot([0.0, 1.0], 2)


def test_digits_from_scikit_learn():
    pytest.importorskip("sklearn")
    X, Y = data.digits()
    assert X.shape == (64, 1797) and Y.shape == (10, 1797)
    assert 0.0 <= X.min() and X.max() <= 1.0
    np.testing.assert_array_equal(Y.sum(axis=0), 1.0)


def test_split_keeps_columns_together():
    X, Y = data.two_moons(40, seed=0)
    Xtr, Ytr, Xte, Yte = data.train_test_split(X, Y, 0.25, seed=0)
    assert Xtr.shape == (2, 30) and Xte.shape == (2, 10)
    for Xs, Ys in ((Xtr, Ytr), (Xte, Yte)):
        for x, y in zip(Xs.T, Ys.T):
            i = np.where((X.T == x).all(axis=1))[0][0]
            assert Y[0, i] == y[0]


@pytest.mark.parametrize(
    "call, match",
    [
        (lambda: data.two_moons(0), "n must be a positive"),
        (lambda: data.two_moons(10, noise=-1), "noise"),
        (lambda: data.circles(10, factor=1.5), "factor"),
    ],
)
def test_bad_arguments(call, match):
    with pytest.raises(ValueError, match=match):
        call()


@pytest.mark.parametrize("bad", [-1, float("nan"), float("inf"), "0.1", True, None])
@pytest.mark.parametrize("make", [data.two_moons, data.circles])
def test_bad_noise_is_refused_by_validate(make, bad):
    """A bad noise spread gets the one error _validate gives any non-negative number: one type, one message."""
    from backprop._validate import nonnegative_float

    with pytest.raises((TypeError, ValueError)) as expected:
        nonnegative_float(bad, "noise")
    with pytest.raises(expected.type) as got:
        make(10, noise=bad)
    assert str(got.value) == str(expected.value)
