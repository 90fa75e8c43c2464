"""Input checks for arrays: examples as columns, vectors, points as rows, a network's parameters and
targets, paths, class labels, shapes.

Part of :mod:`backprop._validate` (import the checks from there).
"""

from __future__ import annotations

import numpy as np


def as_matrix(X, name: str, rows: int | None = None) -> np.ndarray:
    """Return ``X`` as a finite float64 matrix with examples as columns.

    A 1-D array of length ``rows`` is taken as one example (a single column).
    """
    if type(X) is np.ndarray and X.dtype == np.float64 and X.ndim == 2 and X.shape[0] == rows and X.shape[1]:
        # Already a float matrix of the right height: only the finiteness check remains.
        if all_finite(X):
            return X
        raise ValueError(f"{name} contains NaN or infinite values")
    if np.iscomplexobj(X):
        raise TypeError(f"{name} must hold real numbers, got complex values")
    try:
        arr = np.asarray(X, dtype=np.float64)
    except (TypeError, ValueError) as exc:
        raise TypeError(f"{name} must be an array of numbers, got {type(X).__name__}: {exc}") from None
    if arr.ndim == 1:
        if rows is not None and arr.shape[0] != rows:
            raise ValueError(f"{name} as a single example must have length {rows}, got length {arr.shape[0]}")
        arr = arr.reshape(-1, 1)
    elif arr.ndim != 2:
        raise ValueError(f"{name} must be 2-D with shape (features, examples), got {arr.ndim}-D shape {arr.shape}")
    if rows is not None and arr.shape[0] != rows:
        raise ValueError(
            f"{name} must have {rows} rows (one per neuron of its layer, examples as columns), got shape {arr.shape}"
        )
    if arr.shape[1] == 0:
        raise ValueError(f"{name} must hold at least one example (column), got shape {arr.shape}")
    if not np.all(np.isfinite(arr)):
        raise ValueError(f"{name} contains NaN or infinite values")
    return arr


def all_finite(x: np.ndarray) -> bool:
    """True if every entry of the float array ``x`` is finite.

    A finite sum proves every entry finite (a NaN or an infinity makes the sum non-finite); only when the
    sum is not finite (a NaN, an infinity, or finite entries whose sum overflows) is each entry looked at.
    """
    with np.errstate(over="ignore", invalid="ignore"):
        total = x.sum()
    return bool(np.isfinite(total) or np.isfinite(x).all())


def vector(x, name: str) -> np.ndarray:
    """``x`` as a new finite float64 vector (a number is a vector of length 1)."""
    try:
        v = np.atleast_1d(np.array(x, dtype=np.float64))
    except (TypeError, ValueError):
        raise TypeError(f"{name} must be a vector of numbers, got {x!r}") from None
    if v.ndim != 1:
        raise ValueError(f"{name} must be a vector, got shape {v.shape}")
    if not np.all(np.isfinite(v)):
        raise ValueError(f"{name} contains NaN or infinite values")
    return v


def parameters(weights, biases, sizes) -> None:
    """A network's ``weights`` and ``biases``: lists of ``L`` float arrays of the shapes ``sizes`` gives,
    ``w^[l]``: ``(n_l, n_{l-1})``, ``b^[l]``: ``(n_l, 1)``, every entry finite.

    They are plain lists a caller may replace or edit, so a network checks them before each checked pass.
    """
    L = len(sizes) - 1
    for value, name in ((weights, "net.weights"), (biases, "net.biases")):
        if not isinstance(value, (list, tuple)):
            raise TypeError(f"{name} must be a list of {L} NumPy arrays, one per layer, got {type(value).__name__}")
    if len(weights) != L or len(biases) != L:
        raise ValueError(f"net.weights and net.biases must each hold {L} arrays, got {len(weights)} and {len(biases)}")
    for l in range(1, L + 1):
        for p, shape, name in (
            (weights[l - 1], (sizes[l], sizes[l - 1]), f"w^[{l}] (net.weights[{l - 1}])"),
            (biases[l - 1], (sizes[l], 1), f"b^[{l}] (net.biases[{l - 1}])"),
        ):
            same_shape(p, shape, name)
            if not isinstance(p, np.ndarray) or p.dtype != np.float64:
                kind = p.dtype if isinstance(p, np.ndarray) else type(p).__name__
                raise TypeError(
                    f"{name} must be a float64 NumPy array (training updates it in place), got "
                    f"{kind}; convert it with np.asarray(..., dtype=float)"
                )
            if not all_finite(p):
                raise ValueError(f"{name} contains NaN or infinite values")


def targets(Y: np.ndarray, cost: str) -> None:
    """Targets ``Y`` (``(n_L, m)``) a cost can use: in [0, 1] for the cross-entropies, and columns that
    sum to 1 (one-hot or probabilities) for the softmax one."""
    if cost in ("cross_entropy", "softmax_cross_entropy") and (Y.min() < 0 or Y.max() > 1):
        raise ValueError(f"the {cost} cost needs targets Y in [0, 1], got values in [{Y.min()}, {Y.max()}]")
    if cost == "softmax_cross_entropy" and not np.allclose(Y.sum(axis=0), 1.0):
        raise ValueError("the softmax_cross_entropy cost needs each column of Y to sum to 1 (one-hot or probabilities)")


def point_rows(x, name: str = "points", n: int | None = None) -> np.ndarray:
    """Points as rows: a finite float64 array of shape ``(m, N)`` (one point of shape ``(N,)`` is one row),
    with ``N = n`` if ``n`` is given. (Geometry takes points as rows; a network takes examples as columns.)"""
    try:
        arr = np.atleast_2d(np.asarray(x, dtype=np.float64))
    except (TypeError, ValueError):
        raise TypeError(f"{name} must be an array of numbers, got {type(x).__name__}") from None
    if arr.ndim != 2 or arr.shape[1] < 1 or (n is not None and arr.shape[1] != n):
        raise ValueError(f"{name} must have shape (m, {'N' if n is None else n}), got {arr.shape}")
    if not np.all(np.isfinite(arr)):
        raise ValueError(f"{name} contains NaN or infinite values")
    return arr


def one_point(x, name: str = "x", n: int | None = None) -> np.ndarray:
    """One point, shape ``(N,)``, as the single row of a ``(1, N)`` array (see :func:`point_rows`)."""
    arr = point_rows(x, name, n)
    if arr.shape[0] != 1:
        raise ValueError(f"{name} must be one point, shape (N,), got {arr.shape[0]} points")
    return arr


def path(path, dims=(1, 2), name: str = "path") -> np.ndarray:
    """A descent path as a float array ``(steps+1, dim)`` with ``dim`` in ``dims`` (a 1-D array is the
    path of one parameter: one column)."""
    arr = np.asarray(path, dtype=np.float64)
    if arr.ndim == 1:
        arr = arr[:, None]
    if arr.ndim != 2 or arr.shape[1] not in dims:
        raise ValueError(f"{name} must be {' or '.join(f'(steps+1, {d})' for d in dims)}, got shape {arr.shape}")
    return arr


def class_labels(labels, k: int, name: str = "labels") -> np.ndarray:
    """Class labels: a 1-D integer array with values in ``0..k-1``."""
    labels = np.asarray(labels)
    if labels.ndim != 1 or not np.issubdtype(labels.dtype, np.integer):
        raise ValueError(f"{name} must be a 1-D array of integers, got dtype {labels.dtype}, shape {labels.shape}")
    if labels.size and (labels.min() < 0 or labels.max() >= k):
        raise ValueError(f"{name} must lie in 0..{k - 1}, got values in {labels.min()}..{labels.max()}")
    return labels


def same_columns(X: np.ndarray, Y: np.ndarray, xname: str = "X", yname: str = "Y") -> None:
    """``X`` and ``Y`` are 2-D and hold the same number of examples (columns)."""
    for arr, name in ((X, xname), (Y, yname)):
        if np.ndim(arr) != 2:
            raise ValueError(f"{name} must be 2-D with shape (features, examples), got shape {np.shape(arr)}")
    if X.shape[1] != Y.shape[1]:
        raise ValueError(
            f"{xname} and {yname} must have the same number of columns (examples): "
            f"{xname} has {X.shape[1]}, {yname} has {Y.shape[1]}"
        )


def same_shape(value, expected: tuple, name: str) -> None:
    """``value`` has the shape ``expected`` (e.g. a gradient has its parameter's shape)."""
    if np.shape(value) != tuple(expected):
        raise ValueError(f"{name} must have shape {tuple(expected)}, got {np.shape(value)}")


def contiguous(x: np.ndarray, name: str) -> np.ndarray:
    """``x`` reshaped flat as a view of the same memory (so that writing into it changes ``x``)."""
    flat = x.reshape(-1)
    if not np.shares_memory(flat, x):
        raise ValueError(f"{name} must be a contiguous array that can be perturbed in place")
    return flat


def series(values, name: str) -> np.ndarray:
    """A non-empty 1-D float array, such as the cost per epoch; NaN and ±inf are allowed (a run that
    diverged records them)."""
    try:
        arr = np.asarray(values, dtype=np.float64)
    except (TypeError, ValueError):
        raise TypeError(f"{name} must be a list of numbers, got {values!r}") from None
    if arr.ndim != 1 or arr.size == 0:
        raise ValueError(f"{name} must be a non-empty list of numbers, got shape {arr.shape}")
    return arr
