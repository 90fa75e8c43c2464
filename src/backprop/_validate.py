"""Input checks shared by the public entry points.

Every public function validates what it is given here, so that bad input produces a ``ValueError`` or
``TypeError`` naming what was expected and what came, instead of a NumPy traceback from deep inside.
"""

from __future__ import annotations

import numbers

import numpy as np


def as_matrix(X, name: str, rows: int | None = None) -> np.ndarray:
    """Return ``X`` as a finite float64 matrix with examples as columns.

    A 1-D array of length ``rows`` is taken as one example (a single column).
    """
    if type(X) is np.ndarray and X.dtype == np.float64 and X.ndim == 2 and X.shape[0] == rows and X.shape[1]:
        # Fast path for what the training loop passes on every step: only the finiteness check remains.
        # A finite sum proves every entry finite; only when it is not is the exact check needed.
        with np.errstate(over="ignore", invalid="ignore"):
            total = X.sum()
        if np.isfinite(total) or np.isfinite(X).all():
            return X
        raise ValueError(f"{name} contains NaN or infinite values")
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
            f"{name} must have {rows} rows (one per neuron of its layer, examples as columns), "
            f"got shape {arr.shape}"
        )
    if arr.shape[1] == 0:
        raise ValueError(f"{name} must hold at least one example (column), got shape {arr.shape}")
    if not np.all(np.isfinite(arr)):
        raise ValueError(f"{name} contains NaN or infinite values")
    return arr


def same_columns(X: np.ndarray, Y: np.ndarray, xname: str = "X", yname: str = "Y") -> None:
    if X.shape[1] != Y.shape[1]:
        raise ValueError(
            f"{xname} and {yname} must have the same number of columns (examples): "
            f"{xname} has {X.shape[1]}, {yname} has {Y.shape[1]}"
        )


def positive_int(value, name: str) -> int:
    if isinstance(value, (bool, np.bool_)) or not isinstance(value, numbers.Integral):
        raise TypeError(f"{name} must be a positive integer, got {value!r} ({type(value).__name__})")
    if value <= 0:
        raise ValueError(f"{name} must be a positive integer, got {value}")
    return int(value)


def positive_float(value, name: str) -> float:
    if isinstance(value, (bool, np.bool_)) or not isinstance(value, numbers.Real):
        raise TypeError(f"{name} must be a positive number, got {value!r} ({type(value).__name__})")
    value = float(value)
    if not np.isfinite(value) or value <= 0:
        raise ValueError(f"{name} must be a positive finite number, got {value}")
    return value


def choice(name: str, value, options: dict, kind: str):
    """Look ``value`` up in ``options`` by name; unknown names list the valid ones."""
    if not isinstance(value, str):
        # An object of the right kind (an Activation or a Cost) passes through.
        return value
    try:
        return options[value]
    except KeyError:
        valid = ", ".join(repr(k) for k in options)
        raise ValueError(f"unknown {kind} {value!r} for {name}; valid {kind}s are {valid}") from None
