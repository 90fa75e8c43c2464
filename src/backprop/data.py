"""Small data sets for the chapters, made in code from a seed (no downloads).

Every function returns ``(X, Y)`` with examples as columns: ``X`` of shape ``(n_features, m)`` and ``Y``
either one row of 0/1 labels, shape ``(1, m)``, or one-hot columns, shape ``(k, m)`` (``one_hot=True``).
"""

from __future__ import annotations

import numpy as np

from ._validate import class_labels, flag, fraction, nonnegative_float, positive_int, rng_seed, same_columns


def one_hot(labels, k: int) -> np.ndarray:
    """Integer labels ``0..k-1`` (shape ``(m,)``) as one-hot columns, shape ``(k, m)``."""
    k = positive_int(k, "k")
    labels = class_labels(labels, k)
    Y = np.zeros((k, labels.size))
    Y[labels, np.arange(labels.size)] = 1.0
    return Y


def _labels_out(labels, k, one_hot_out):
    return one_hot(labels, k) if flag(one_hot_out, "one_hot_out") else labels.reshape(1, -1).astype(np.float64)


def two_moons(n: int = 200, noise: float = 0.1, seed=None, one_hot_out: bool = False):
    """Two interleaving half circles, ``n`` points in all (classes 0 and 1 alternate)."""
    n, noise = positive_int(n, "n"), nonnegative_float(noise, "noise")
    rng = np.random.default_rng(rng_seed(seed))
    labels = np.arange(n) % 2
    t = rng.uniform(0, np.pi, n)
    x = np.where(labels == 0, np.cos(t), 1 - np.cos(t))
    y = np.where(labels == 0, np.sin(t), 0.5 - np.sin(t))
    X = np.vstack([x, y]) + noise * rng.standard_normal((2, n))
    return X, _labels_out(labels, 2, one_hot_out)


def circles(n: int = 200, noise: float = 0.05, factor: float = 0.5, seed=None, one_hot_out: bool = False):
    """Two concentric circles of radii 1 and ``factor`` (class 1 is the inner one)."""
    n, noise = positive_int(n, "n"), nonnegative_float(noise, "noise")
    factor = fraction(factor, "factor")
    rng = np.random.default_rng(rng_seed(seed))
    labels = np.arange(n) % 2
    t = rng.uniform(0, 2 * np.pi, n)
    r = np.where(labels == 0, 1.0, factor)
    X = np.vstack([r * np.cos(t), r * np.sin(t)]) + noise * rng.standard_normal((2, n))
    return X, _labels_out(labels, 2, one_hot_out)


def digits(one_hot_out: bool = True):
    """The 1,797 8×8 handwritten digits that scikit-learn ships in its package (no download).

    ``X``: shape (64, 1797), pixel intensities scaled to [0, 1]; ``Y``: one-hot (10, 1797) or labels (1, 1797).
    """
    try:
        from sklearn.datasets import load_digits
    except ImportError:  # pragma: no cover - depends on the environment
        raise ImportError("digits() needs scikit-learn (pip install scikit-learn), which ships the data") from None
    bunch = load_digits()
    X = bunch.data.T / 16.0
    return X, _labels_out(bunch.target.astype(int), 10, one_hot_out)


def train_test_split(X, Y, test_fraction: float = 0.25, seed=None):
    """Split the columns of ``X`` and ``Y`` into a shuffled training and test part."""
    test_fraction = fraction(test_fraction, "test_fraction")
    X, Y = np.asarray(X), np.asarray(Y)
    same_columns(X, Y)
    order = np.random.default_rng(rng_seed(seed)).permutation(X.shape[1])
    n_test = max(1, int(round(test_fraction * X.shape[1])))
    test, train = order[:n_test], order[n_test:]
    return X[:, train], Y[:, train], X[:, test], Y[:, test]
