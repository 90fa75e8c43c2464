"""Implement it yourself: check a reader's BP1, BP2, BP4 or whole backward pass, and name the slip.

The reader writes a function; the checker runs it on a seeded network and batch, compares the result with
``Network.backprop`` and, when they differ, says which classic slip it matches (the ``bughunt`` catalogue,
plus wrong factors such as a missing ½ or 1/m); when it matches none, it names the first layer, going back
from the output, whose error or gradient disagrees. The gradient checker (finite differences) gives an
independent second opinion in every verdict.

The functions to write have the signatures of the package's own (``backprop.equations``); arrays hold one
example per column (``m`` columns):

``bp1(dc_da, g_prime_zL)``
    ``e^[L] = ∂c_x/∂a^[L] ⊙ g'(z^[L])``; both arguments and the result have shape ``(n_L, m)``.
``bp2(w_next, e_next, g_prime_z)``
    ``e^[l] = (w^[l+1])ᵀ e^[l+1] ⊙ g'(z^[l])``; ``w_next``: ``(n_{l+1}, n_l)``, ``e_next``: ``(n_{l+1}, m)``,
    ``g_prime_z`` and the result: ``(n_l, m)``.
``bp4(e, a_prev)``
    ``∂C/∂w^[l] = (1/m) e^[l] (a^[l-1])ᵀ``, averaged over the ``m`` columns; ``e``: ``(n_l, m)``,
    ``a_prev``: ``(n_{l-1}, m)``, result: ``(n_l, n_{l-1})``.
``backward(net, X, Y)``
    the whole pass: returns ``(nabla_w, nabla_b)``, lists shaped like ``net.weights`` and ``net.biases``
    (use ``net.weights``, ``net.biases``, ``net.g(l).fn`` / ``.prime`` and ``net.cost_function.da``).

Usage, in a notebook cell::

    from backprop.exercises import check_bp2

    def my_bp2(w_next, e_next, g_prime_z):
        return (w_next @ e_next) * g_prime_z        # a slip: no transpose

    check_bp2(my_bp2)
    # ✗ BP2: matches BP2 without the transpose: w^[l+1] e^[l+1] where (w^[l+1])ᵀ e^[l+1] belongs …

A correct function gets ``✓``; the verdict is also truthy (``assert check_bp2(my_bp2)``).
"""

from __future__ import annotations

import textwrap
from dataclasses import dataclass, field
from typing import Callable, Optional

import numpy as np

from ._validate import function
from .bughunt import CATALOGUE, buggy_equations, runs_on
from .equations import STANDARD
from .gradcheck import check_gradients, relative_error
from .network import Network

#: Below this relative error two gradients are the same (float64 round-off is far below).
SAME = 1e-9

#: Wrong factors a hand-written pass often has, as (factor, diagnosis); ``m`` is the batch size.
_FACTORS = [
    (2.0, "off by a factor of 2 (missing ½?)"),
    (0.5, "half the right size (a ½ too many?)"),
    (-1.0, "the sign is flipped (y − a where a − y belongs?)"),
    ("m", "m times too large: a sum over the batch where the mean belongs (missing 1/m?)"),
    ("1/m", "m times too small: divided by m twice?"),
]


@dataclass
class Verdict:
    """The checker's answer. Truthy when the reader's function is right.

    ``what``: ``"BP1"``, ``"BP2"``, ``"BP4"`` or ``"the backward pass"``; ``slip``: the catalogue name (or
    ``"factor"``, ``"layer"``, ``"error"``, ``"shape"``, ``"unfinished"``) of what went wrong, None when
    right; ``message``: the diagnosis in words; ``layer``: the first layer (going back from L) that
    disagrees, where known; ``rel_error``: against ``Network.backprop``; ``gradcheck``: against finite differences.
    """

    what: str
    correct: bool
    message: str
    slip: Optional[str] = None
    layer: Optional[int] = None
    rel_error: float = float("nan")
    gradcheck: float = float("nan")
    details: list = field(default_factory=list)

    def __bool__(self) -> bool:
        return self.correct

    def _lines(self) -> list:
        mark = "✓" if self.correct else "✗"
        lines = textwrap.wrap(f"{mark} {self.what}: {self.message}", 78, subsequent_indent="  ")
        if not np.isnan(self.rel_error):
            lines.append(f"  relative error against the package's backprop: {self.rel_error:.1e}")
        if not np.isnan(self.gradcheck):
            lines.append(f"  relative error against finite differences:     {self.gradcheck:.1e}")
        return lines + [f"  {d}" for d in self.details]

    def __repr__(self) -> str:
        return "\n".join(self._lines())

    def _repr_markdown_(self) -> str:
        mark = "✓" if self.correct else "✗"
        rest = self._lines()[len(textwrap.wrap(f"{mark} {self.what}: {self.message}", 78)) :]
        # markdown specials escaped; backticks kept when they pair up (`...` shows as code)
        specials = "\\*_[]^<>#|" + ("" if self.message.count("`") % 2 == 0 else "`")
        message = "".join("\\" + c if c in specials else c for c in self.message)
        return f"**{mark} {self.what}:** {message}" + "".join(f"\n- {line.strip()}" for line in rest)


def problem(sizes=(3, 3, 3, 3), m: int = 5, seed: int = 0):
    """The seeded network and checked batch the checker uses: layers of one width (so that every slip
    runs), sigmoid, quadratic cost, ``m`` examples. Returns ``(net, batch)``."""
    rng = np.random.default_rng(seed)
    net = Network(list(sizes), activation="sigmoid", cost_function="quadratic", seed=seed)
    X = rng.standard_normal((sizes[0], m))
    Y = rng.uniform(0.05, 0.95, (sizes[-1], m))
    return net, net.check_batch(X, Y)


def _flat(grads) -> np.ndarray:
    return np.concatenate([np.ravel(g) for g in grads])


def _grads(result) -> list:
    return list(result.nabla_w) + list(result.nabla_b)


def _named(mine, net, batch, candidates, right) -> Optional[tuple]:
    """The first catalogued slip (or wrong factor) whose gradients equal ``mine``: ``(slip, message)``."""
    flat = _flat(mine)
    for bug in candidates:
        if runs_on(net, bug):
            theirs = net.backward(batch, equations=buggy_equations(net, batch, bug))
            if relative_error(flat, _flat(_grads(theirs))) < SAME:
                return bug, CATALOGUE[bug].diagnosis
    n_w = len(right.nabla_w)
    for factor, message in _FACTORS:
        c = {"m": batch.m, "1/m": 1 / batch.m}.get(factor, factor)
        if relative_error(flat, c * _flat(_grads(right))) < SAME:
            return "factor", message
        # a factor in BP4 alone scales the weight gradients and leaves the bias gradients right
        weights_only = _flat(mine[:n_w]), c * _flat(right.nabla_w)
        if relative_error(*weights_only) < SAME and relative_error(_flat(mine[n_w:]), _flat(right.nabla_b)) < SAME:
            return "factor", message + " in the weight gradients"
    return None


def _first_layer(net, right, mine_errors, mine_w, mine_b) -> tuple:
    """The first layer, going back from L, whose error (if known) or gradient disagrees, and in what."""
    for l in range(net.L, 0, -1):
        parts = []
        if mine_errors is not None and relative_error(mine_errors[l - 1], right.e(l)) >= SAME:
            parts.append(f"e^[{l}]")
        if relative_error(mine_w[l - 1], right.nabla_w[l - 1]) >= SAME:
            parts.append(f"∂C/∂w^[{l}]")
        if relative_error(mine_b[l - 1], right.nabla_b[l - 1]) >= SAME:
            parts.append(f"∂C/∂b^[{l}]")
        if parts:
            return l, parts
    return None, []


def _verdict(what, net, batch, right, mine_w, mine_b, mine_errors, candidates) -> Verdict:
    mine = list(mine_w) + list(mine_b)
    rel = relative_error(_flat(mine), _flat(_grads(right)))
    check = check_gradients(net, batch.X, batch.Y, backprop_fn=lambda *_: (list(mine_w), list(mine_b)))
    if rel < SAME:
        return Verdict(what, True, "agrees with the package's backprop", rel_error=rel, gradcheck=check.rel_error)
    named = _named(mine, net, batch, candidates, right)
    layer, parts = _first_layer(net, right, mine_errors, mine_w, mine_b)
    if named is not None:
        slip, message = named
        return Verdict(what, False, message, slip=slip, layer=layer, rel_error=rel, gradcheck=check.rel_error)
    message = (
        f"matches no known slip; layer {layer} is the first, going back from the output layer "
        f"L = {net.L}, that disagrees ({', '.join(parts)})"
    )
    return Verdict(what, False, message, slip="layer", layer=layer, rel_error=rel, gradcheck=check.rel_error)


class _Unfinished(Exception):
    """Raised from inside the pass when the reader's equation is still a skeleton (see ``_unfinished``)."""


def _run(what, fn, call):
    """``call()``, or a Verdict saying what went wrong when the reader's code raises."""
    try:
        return call(), None
    except _Unfinished as exc:
        return None, Verdict(what, False, str(exc), slip="unfinished")
    except TypeError as exc:
        if "ellipsis" not in str(exc):
            return None, _raised(what, fn, exc)
        # arithmetic on a `...` the reader has not replaced yet
        return None, Verdict(
            what,
            False,
            f"still computes with `...` ({exc}): replace each `...` with the computation",
            slip="unfinished",
        )
    except Exception as exc:  # the reader's code may raise anything
        return None, _raised(what, fn, exc)


def _raised(what, fn, exc) -> "Verdict":
    name = getattr(fn, "__name__", "the function")
    return Verdict(what, False, f"{name} raised {type(exc).__name__}: {exc}", slip="error")


def _unfinished(result) -> Optional[str]:
    """What to say when the reader's function is still a skeleton: it returned ``None`` (no ``return`` yet,
    or a body that is only ``...``) or a value holding ``...``."""
    if result is None:
        return "returned None: the function has no return value yet (write its body in place of `...`)"

    def has_ellipsis(x, depth=0):
        if x is Ellipsis:
            return True
        if depth < 3 and isinstance(x, (list, tuple)):
            return any(has_ellipsis(v, depth + 1) for v in x)
        return False

    if has_ellipsis(result):
        return "returned `...` where arrays belong: replace each `...` with the computation"
    return None


def _check_equation(what, slot, fn, shape_of, problem_args) -> Verdict:
    function(fn, f"the {what} to check")
    net, batch = problem(**problem_args)
    right = net.backward(batch)
    shapes = []

    def guarded(*args):
        raw = fn(*args)
        unfinished = _unfinished(raw)
        if unfinished:
            raise _Unfinished(unfinished)
        result = np.asarray(raw, dtype=np.float64)
        expected = shape_of(*args)
        if result.shape != expected:
            shapes.append((result.shape, expected))
            raise ValueError(f"returned shape {result.shape}, expected {expected}")
        return result

    mine, failed = _run(what, fn, lambda: net.backward(batch, equations=STANDARD.swap(**{slot: guarded})))
    if failed is not None:
        if shapes:
            got, expected = shapes[0]
            failed.message = f"returns an array of shape {got}; {what} must return shape {expected}"
            failed.slip = "shape"
        return failed
    candidates = [b for b, bug in CATALOGUE.items() if bug.equation == int(what[-1])]
    return _verdict(what, net, batch, right, mine.nabla_w, mine.nabla_b, mine.errors, candidates)


def check_bp1(bp1: Callable, **problem_args) -> Verdict:
    """Check ``bp1(dc_da, g_prime_zL) -> e^[L]`` inside the package's backward pass."""
    return _check_equation("BP1", "bp1_output_error", bp1, lambda dc_da, gp: np.shape(dc_da), problem_args)


def check_bp2(bp2: Callable, **problem_args) -> Verdict:
    """Check ``bp2(w_next, e_next, g_prime_z) -> e^[l]`` inside the package's backward pass."""
    return _check_equation("BP2", "bp2_error_back", bp2, lambda w, e, gp: np.shape(gp), problem_args)


def check_bp4(bp4: Callable, **problem_args) -> Verdict:
    """Check ``bp4(e, a_prev) -> ∂C/∂w^[l]`` (averaged over the columns) inside the package's backward pass."""
    return _check_equation(
        "BP4", "bp4_weight_gradient", bp4, lambda e, a: (np.shape(e)[0], np.shape(a)[0]), problem_args
    )


def check_backward(backward: Callable, **problem_args) -> Verdict:
    """Check a whole backward pass ``backward(net, X, Y) -> (nabla_w, nabla_b)``."""
    what = "the backward pass"
    function(backward, "the backward pass to check, backward(net, X, Y),")
    net, batch = problem(**problem_args)
    right = net.backward(batch)
    probe = net.copy()  # the reader's code gets its own copy: nothing it does can change the reference
    result, failed = _run(what, backward, lambda: backward(probe, batch.X.copy(), batch.Y.copy()))
    if failed is not None:
        return failed
    unfinished = _unfinished(result)
    if unfinished:
        return Verdict(what, False, unfinished, slip="unfinished")
    try:
        mine_w, mine_b = [list(map(np.asarray, part)) for part in result]
    except (TypeError, ValueError):
        return Verdict(what, False, "must return (nabla_w, nabla_b): two lists of arrays", slip="shape")
    expected = [w.shape for w in net.weights] + [b.shape for b in net.biases]
    got = [g.shape for g in mine_w + mine_b]
    if got != expected:
        return Verdict(
            what,
            False,
            f"returns gradients of shapes {got}; expected {expected} (those of net.weights, then net.biases)",
            slip="shape",
        )
    return _verdict(what, net, batch, right, mine_w, mine_b, None, list(CATALOGUE))


def check(bp1=None, bp2=None, bp4=None, backward=None, **problem_args) -> Verdict:
    """Check exactly one of ``bp1=``, ``bp2=``, ``bp4=``, ``backward=`` (see the module docstring)."""
    given = {k: v for k, v in dict(bp1=bp1, bp2=bp2, bp4=bp4, backward=backward).items() if v is not None}
    if len(given) != 1:
        raise TypeError(f"check one function at a time: bp1=, bp2=, bp4= or backward=; got {sorted(given)}")
    ((name, fn),) = given.items()
    checker = {"bp1": check_bp1, "bp2": check_bp2, "bp4": check_bp4, "backward": check_backward}[name]
    return checker(fn, **problem_args)
