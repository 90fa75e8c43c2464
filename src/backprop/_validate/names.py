"""Input checks for names out of a fixed set, instances of a class and functions.

Part of :mod:`backprop._validate` (import the checks from there).
"""

from __future__ import annotations


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
    return ("an " if cls.__name__[0].lower() in "aeiou" else "a ") + cls.__name__


def instance(value, cls: type, name: str, why: str = ""):
    """``value`` itself if it is a ``cls``, else a ``TypeError`` naming what was expected (``why``, if
    given, says why in parentheses: ``"value_graph draws the graph of a Value"``)."""
    if not isinstance(value, cls):
        raise TypeError(f"{name} must be {_a(cls)}{f' ({why})' if why else ''}, got {type(value).__name__}")
    return value


def function(fn, name: str):
    """``fn`` itself if it can be called, else a ``TypeError`` naming what was expected."""
    if not callable(fn):
        raise TypeError(f"{name} must be a function, got {fn!r}")
    return fn


def matches(value, expected, name: str):
    """``value`` itself if it equals ``expected`` (e.g. the layer widths of a ``Forward`` and of a diagram),
    else a ``ValueError`` naming both."""
    if value != expected:
        raise ValueError(f"{name} must be {expected!r}, got {value!r}")
    return value
