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

__all__ = ["ClaimFailed", "claim"]


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
        raise TypeError(f"claim: `holds` must be True or False, got {type(holds).__name__}"
                        + (" (reduce an array with .all() or .any())" if isinstance(holds, np.ndarray) else ""))
    if not holds:
        shown = ", ".join(f"{k} = {_show(v)}" for k, v in values.items())
        raise ClaimFailed(f"the book says: “{sentence}”, but its own computation disagrees"
                          + (f" ({shown})" if shown else ""))
