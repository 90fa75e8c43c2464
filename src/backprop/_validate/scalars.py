"""Input checks for single numbers: whole numbers (in a range, positive, layer numbers, layer sizes), real
numbers (finite, positive, in [0, 1], a momentum, a power), seeds and flags.

Part of :mod:`backprop._validate` (import the checks from there).
"""

from __future__ import annotations

import math
import numbers
import sys

import numpy as np


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


def layer_sizes(sizes, name: str = "sizes", *, error=None, at_least: int = 2, why: str = "input and output") -> list:
    """A list of at least ``at_least`` (two) positive integer layer widths, like ``[2, 3, 2]``.

    ``TypeError`` for something that is not a list of numbers, ``ValueError`` for too few entries or a
    width that is not positive; ``error`` replaces both (``symbolic`` raises ``ValueError`` throughout).
    ``why`` says why that many (``"BP2 needs a hidden layer"``).
    """

    def fail(exc, message):
        raise (error or exc)(message)

    if isinstance(sizes, (str, bytes)) or not hasattr(sizes, "__len__"):
        fail(TypeError, f"{name} must be a list of layer widths like [2, 3, 2], got {sizes!r}")
    if len(sizes) < at_least:
        fail(ValueError, f"{name} must list at least {at_least} layer widths ({why}), got {list(sizes)!r}")
    out = []
    for i, n in enumerate(sizes):
        if not is_integer(n):
            fail(TypeError, f"{name}[{i}] must be a positive integer, got {n!r} ({type(n).__name__})")
        if n <= 0:
            fail(ValueError, f"{name}[{i}] must be a positive integer, got {n}")
        out.append(int(n))
    return out


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
    try:
        h = np.atleast_1d(np.asarray(h, dtype=np.float64))
    except (TypeError, ValueError):
        raise TypeError(f"{name} must be a list of positive finite curvatures, got {h!r}") from None
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


# -- seeds and flags ---------------------------------------------------------------------------------------
def rng_seed(value, name: str = "seed"):
    """A seed ``numpy.random.default_rng`` takes, returned as it is: None (fresh entropy), a non-negative
    integer, a sequence of them, or a NumPy ``Generator``, ``BitGenerator`` or ``SeedSequence``."""
    if value is None or isinstance(value, (np.random.Generator, np.random.BitGenerator, np.random.SeedSequence)):
        return value
    entries = [value] if not isinstance(value, (list, tuple)) else list(value)
    if not entries or not all(is_integer(v) for v in entries):
        raise TypeError(
            f"{name} must be None, a non-negative integer (or a list of them) or a numpy Generator, "
            f"got {value!r} ({type(value).__name__})"
        )
    if any(v < 0 for v in entries):
        raise ValueError(f"{name} must be a non-negative integer, got {value!r}")
    return value


def flag(value, name: str, *, optional: bool = False):
    """``True`` or ``False`` (or None, if ``optional``), returned as a ``bool`` (or None)."""
    if optional and value is None:
        return None
    if not isinstance(value, (bool, np.bool_)):
        raise TypeError(f"{name} must be True or False{' or None' if optional else ''}, got {value!r}")
    return bool(value)
