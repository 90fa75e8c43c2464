"""Checked claims: a sentence of the book that states a computed result is checked by code beside it.

A glued number keeps its digits honest; the sentence around it ("the error vanishes", "η = 3 trains
reliably", "at most three forward passes, counting multiply-adds") can still be false. Each such
sentence gets a call in a cell next to it, usually hidden from the page (tag ``remove-cell``)::

    claim("tanh at s = 1 keeps the first layer's gradient within a factor 2 of the last",
          0.5 <= ratio <= 2, ratio=ratio)

The call returns nothing and prints nothing when the sentence holds. When it stops holding, it raises
:class:`ClaimFailed`, which stops the chapter: the book build fails and names the sentence and the
values. State the conditions under which a claim holds in the sentence itself, and test them here.
"""

from __future__ import annotations

import numpy as np

__all__ = ["ClaimFailed", "below", "claim"]


class ClaimFailed(AssertionError):
    """A sentence of the book that its own computation contradicts."""


def _show(value) -> str:
    if isinstance(value, (float, np.floating)):
        return f"{float(value):.6g}"
    if isinstance(value, np.ndarray):
        return np.array2string(value, precision=6, threshold=20)
    return repr(value)


def claim(sentence: str, holds, **values) -> None:
    """Check that ``sentence`` is true: ``holds`` is the computed truth of it (a bool).

    ``values`` are the numbers the truth was computed from; they are printed when the claim fails.
    Raises :class:`ClaimFailed` if ``holds`` is false, ``TypeError`` if it is not a truth value (a
    common slip is passing an array: reduce it with ``.all()`` or ``.any()`` first).
    """
    if not isinstance(sentence, str) or not sentence.strip():
        raise TypeError("claim: the first argument must be the sentence of the book, as a non-empty string")
    if isinstance(holds, np.ndarray) and holds.shape == ():
        holds = holds.item()
    if not isinstance(holds, (bool, np.bool_)):
        raise TypeError(
            f"claim: `holds` must be True or False, got {type(holds).__name__}"
            + (" (reduce an array with .all() or .any())" if isinstance(holds, np.ndarray) else "")
        )
    if not holds:
        shown = ", ".join(f"{k} = {_show(v)}" for k, v in values.items())
        raise ClaimFailed(
            f"the book says: “{sentence}”, but its own computation disagrees" + (f" ({shown})" if shown else "")
        )


def below(value, limit: float, what: str = "the value") -> str:
    """Show a number that sits at rounding level as the bound it stays under: ``"below 1e-15"``.

    The last bits of a relative error or of a difference at rounding level depend on the processor (its
    BLAS kernels and SIMD paths), so a page that prints them differs from machine to machine. Print the
    bound instead, chosen by the author with a margin (a factor of ten or more above what any machine
    gives); the bound is checked, so the page never states a false one::

        below(relative_error(bp, fd), 1e-8, "the relative error")   # 'below 1e-08'

    Raises :class:`ClaimFailed` if ``abs(value) >= limit`` (or it is not finite).
    """
    value = float(value)
    limit = float(limit)
    if not limit > 0:
        raise ValueError(f"below: the limit must be a positive number, got {limit!r}")
    claim(f"{what} is below {limit:.0e}", bool(abs(value) < limit), value=value)
    return f"below {limit:.0e}"
