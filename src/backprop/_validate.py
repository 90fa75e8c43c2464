"""Input checks shared by every public entry point of the package.

Every public function validates what it is given here, so that bad input produces a ``ValueError`` or
``TypeError`` naming what was expected (a shape, a name, a range) and what came, instead of a NumPy
traceback from deep inside. One check per kind of input:

- :func:`as_matrix`, :func:`same_columns`, :func:`vector`: arrays with examples as columns, vectors;
  :func:`point_rows`: points as rows (geometry);
- :func:`parameters`, :func:`targets`: a network's weights and biases, and targets for its cost;
- :func:`integer`, :func:`positive_int`, :func:`layer`, :func:`dimension`: whole numbers, optionally in a
  range;
- :func:`finite_float`, :func:`positive_float`, :func:`nonnegative_float`, :func:`fraction`,
  :func:`momentum`: real numbers;
- :func:`layer_sizes`: a list of layer widths like ``[2, 3, 2]``;
- :func:`choice`, :func:`one_of`: a name out of a fixed set; :func:`function`: something to call.
"""

from __future__ import annotations

import math
import numbers
import sys

import numpy as np


# -- arrays ------------------------------------------------------------------------------------------------
def as_matrix(X, name: str, rows: int | None = None) -> np.ndarray:
    """Return ``X`` as a finite float64 matrix with examples as columns.

    A 1-D array of length ``rows`` is taken as one example (a single column).
    """
    if type(X) is np.ndarray and X.dtype == np.float64 and X.ndim == 2 and X.shape[0] == rows and X.shape[1]:
        # Already a float matrix of the right height: only the finiteness check remains.
        if all_finite(X):
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
    """``X`` and ``Y`` hold the same number of examples (columns)."""
    if X.shape[1] != Y.shape[1]:
        raise ValueError(
            f"{xname} and {yname} must have the same number of columns (examples): "
            f"{xname} has {X.shape[1]}, {yname} has {Y.shape[1]}"
        )


def same_shape(value, expected: tuple, name: str) -> None:
    """``value`` has the shape ``expected`` (e.g. a gradient has its parameter's shape)."""
    if np.shape(value) != tuple(expected):
        raise ValueError(f"{name} must have shape {tuple(expected)}, got {np.shape(value)}")


# -- whole numbers -----------------------------------------------------------------------------------------
def is_integer(value) -> bool:
    """True for Python, NumPy and SymPy integers; False for bools, floats (even 2.0) and strings."""
    return isinstance(value, numbers.Integral) and not isinstance(value, (bool, np.bool_))


def _range_text(lo, hi) -> str:
    if lo is not None and hi is not None:
        return f" in {lo}..{hi}"
    if lo is not None:
        return f" >= {lo}"
    if hi is not None:
        return f" <= {hi}"
    return ""


def integer(value, name: str, lo: int | None = None, hi: int | None = None, *, error=ValueError) -> int:
    """``value`` as an ``int`` in ``lo..hi`` (either bound may be None).

    A value that is not an integer, or is out of range, raises ``error`` (``ValueError`` unless a caller's
    contract says otherwise, e.g. ``IndexError`` for an index) saying what was expected and what came.
    """
    if not is_integer(value) or (lo is not None and value < lo) or (hi is not None and value > hi):
        raise error(f"{name} must be an integer{_range_text(lo, hi)}, got {value!r}")
    return int(value)


def positive_int(value, name: str) -> int:
    """A positive integer: ``TypeError`` for a non-integer (2.5, True, "3"), ``ValueError`` for ``<= 0``."""
    if not is_integer(value):
        raise TypeError(f"{name} must be a positive integer, got {value!r} ({type(value).__name__})")
    if value <= 0:
        raise ValueError(f"{name} must be a positive integer, got {value}")
    return int(value)


def nonnegative_int(value, name: str) -> int:
    """An integer ``>= 0``: ``TypeError`` for a non-integer, ``ValueError`` for a negative one."""
    if not is_integer(value):
        raise TypeError(f"{name} must be a non-negative integer, got {value!r} ({type(value).__name__})")
    if value < 0:
        raise ValueError(f"{name} must be a non-negative integer, got {value}")
    return int(value)


def dimension(n, lo: int = 1, *, symbolic: bool = False, why: str = ""):
    """A dimension ``N``: an integer ``>= lo`` as an ``int``, or, with ``symbolic=True``, a SymPy symbol
    standing for one (returned as it is). ``why`` ends the message (``"for a line crossing a facet"``)."""
    if symbolic and getattr(n, "is_Symbol", False):
        return n
    if not is_integer(n) or n < lo:
        expected = "a positive integer" if lo == 1 else f"an integer >= {lo}"
        raise ValueError(
            f"N must be {expected}{' or a SymPy symbol' if symbolic else ''}{' ' + why if why else ''}, got {n!r}"
        )
    return int(n)


def layer(l, L: int, first: int = 1) -> int:
    """A layer number in ``first..L`` (1..L for weights and errors, 0..L for activations)."""
    return integer(l, "layer", first, L)


def layer_sizes(sizes, name: str = "sizes", *, error=None) -> list:
    """A list of at least two positive integer layer widths, like ``[2, 3, 2]``.

    ``TypeError`` for something that is not a list of numbers, ``ValueError`` for too few entries or a
    width that is not positive; ``error`` replaces both (``symbolic`` raises ``ValueError`` throughout).
    """

    def fail(exc, message):
        raise (error or exc)(message)

    if isinstance(sizes, (str, bytes)) or not hasattr(sizes, "__len__"):
        fail(TypeError, f"{name} must be a list of layer widths like [2, 3, 2], got {sizes!r}")
    if len(sizes) < 2:
        fail(ValueError, f"{name} must list at least 2 layer widths (input and output), got {list(sizes)!r}")
    out = []
    for i, n in enumerate(sizes):
        if not is_integer(n):
            fail(TypeError, f"{name}[{i}] must be a positive integer, got {n!r} ({type(n).__name__})")
        if n <= 0:
            fail(ValueError, f"{name}[{i}] must be a positive integer, got {n}")
        out.append(int(n))
    return out


# -- real numbers ------------------------------------------------------------------------------------------
def _real(value, name: str, what: str) -> float:
    if isinstance(value, (bool, np.bool_)) or not isinstance(value, numbers.Real):
        raise TypeError(f"{name} must be {what}, got {value!r} ({type(value).__name__})")
    return float(value)


def finite_float(value, name: str) -> float:
    """A finite real number, as a ``float``: ``TypeError`` for a non-number, ``ValueError`` for NaN or ±inf."""
    value = _real(value, name, "a real number")
    if not np.isfinite(value):
        raise ValueError(f"{name} must be finite, got {value}")
    return value


def power_of(u: float, k: float) -> None:
    """``u ** k`` and its derivative ``k u^(k−1)`` are finite real numbers (``k != 0``): a ``ValueError``
    for a negative ``u`` and a fractional ``k`` (not a real number) or ``u = 0`` and ``k < 1`` (the
    derivative is infinite), an ``OverflowError`` when either exceeds the float64 range."""
    if u < 0 and not float(k).is_integer():
        raise ValueError(f"({u:g}) ** {k:g} is not a real number: a negative base needs a whole exponent")
    if u == 0 and k < 0:
        raise ValueError(f"0 ** {k:g} is infinite")
    if u == 0 and k < 1:
        raise ValueError(f"0 ** {k:g}: the derivative k u^(k-1) is infinite at u = 0")
    try:
        finite = math.isfinite(u**k) and math.isfinite(k * u ** (k - 1))
    except OverflowError:  # Python's float ** raises where * and / give inf
        finite = False
    if not finite:
        raise OverflowError(
            f"({u:g}) ** {k:g} overflows a float64: the power or its derivative "
            f"k u^(k-1) is beyond {sys.float_info.max:.3g}"
        )


def unit_interval(value, name: str, why: str = "") -> float:
    """A number in ``[0, 1]``, as a ``float``; ``why`` ends the message (``"for cross-entropy"``)."""
    value = _real(value, name, "a number in [0, 1]")
    if not 0.0 <= value <= 1.0:
        raise ValueError(f"{name} must lie in [0, 1]{' ' + why if why else ''}, got {value!r}")
    return value


def curvatures(h, name: str = "h") -> np.ndarray:
    """Curvatures ``h_i`` of a bowl: a non-empty vector of positive finite numbers."""
    h = np.atleast_1d(np.asarray(h, dtype=np.float64))
    if h.ndim != 1 or h.size == 0 or not np.all(np.isfinite(h)) or np.any(h <= 0):
        raise ValueError(f"{name} must be a list of positive finite curvatures, got {h.tolist()}")
    return h


def positive_float(value, name: str) -> float:
    """A finite number ``> 0``."""
    value = _real(value, name, "a positive number")
    if not np.isfinite(value) or value <= 0:
        raise ValueError(f"{name} must be a positive finite number, got {value}")
    return value


def nonnegative_float(value, name: str) -> float:
    """A finite number ``>= 0``."""
    value = _real(value, name, "a non-negative number")
    if not np.isfinite(value) or value < 0:
        raise ValueError(f"{name} must be a non-negative finite number, got {value}")
    return value


def fraction(value, name: str) -> float:
    """A number strictly between 0 and 1."""
    value = _real(value, name, "a number strictly between 0 and 1")
    if not 0 < value < 1:
        raise ValueError(f"{name} must lie strictly between 0 and 1, got {value}")
    return value


def momentum(value, name: str = "beta") -> float:
    """A momentum ``β`` in ``[0, 1)``: with ``β >= 1`` the velocity never forgets and a path cannot settle."""
    value = _real(value, name, "a number in [0, 1)")
    if not 0.0 <= value < 1.0:
        raise ValueError(
            f"{name} (the momentum) must be in [0, 1), got {value}: with beta >= 1 the velocity "
            "never forgets and the path cannot settle"
        )
    return value


# -- names -------------------------------------------------------------------------------------------------
def choice(name: str, value, options: dict, kind: str, cls: type | None = None):
    """Look ``value`` up in ``options`` by name; unknown names list the valid ones.

    An object that is not a string passes through unchanged if it is a ``cls`` (an ``Activation`` or a
    ``Cost`` itself); anything else is a ``TypeError``.
    """
    if not isinstance(value, str):
        if cls is not None and not isinstance(value, cls):
            raise TypeError(f"{name} must be a name in {sorted(options)} or {_a(cls)}, got {value!r}")
        return value
    try:
        return options[value]
    except KeyError:
        valid = ", ".join(repr(k) for k in options)
        raise ValueError(f"unknown {kind} {value!r} for {name}; valid {kind}s are {valid}") from None


def one_of(value, kind: str, valid) -> str:
    """``value`` is one of ``valid``; otherwise a ``ValueError`` that lists them."""
    if not isinstance(value, str) or value not in valid:
        raise ValueError(f"unknown {kind} {value!r}; valid: {', '.join(map(repr, valid))}")
    return value


def _a(cls: type) -> str:
    return ("an " if cls.__name__[0] in "AEIOU" else "a ") + cls.__name__


def instance(value, cls: type, name: str, why: str = ""):
    """``value`` itself if it is a ``cls``, else a ``TypeError`` naming what was expected (``why``, if
    given, says why in parentheses: ``"value_graph draws the graph of a Value"``)."""
    if not isinstance(value, cls):
        raise TypeError(f"{name} must be {_a(cls)}{f' ({why})' if why else ''}, got {type(value).__name__}")
    return value


def contiguous(x: np.ndarray, name: str) -> np.ndarray:
    """``x`` reshaped flat as a view of the same memory (so that writing into it changes ``x``)."""
    flat = x.reshape(-1)
    if not np.shares_memory(flat, x):
        raise ValueError(f"{name} must be a contiguous array that can be perturbed in place")
    return flat


def function(fn, name: str):
    """``fn`` itself if it can be called, else a ``TypeError`` naming what was expected."""
    if not callable(fn):
        raise TypeError(f"{name} must be a function, got {fn!r}")
    return fn
