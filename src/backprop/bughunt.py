"""Deliberately wrong backpropagations, built from the slips in the blog post the book follows and the
classic slips of anyone writing backprop by hand.

Each bug swaps ONE of the four equations in the package's real backward pass (``Network.backward(...,
equations=STANDARD.swap(...))``); nothing else changes. On a network whose layers all have the same width
(for example ``[2, 2, 2]``) every bug runs and returns gradients of the right shapes — only the numbers are
wrong, which is exactly what the gradient checker is for::

    check_gradients(net, X, Y, backprop_fn=buggy_backprop("bp2_no_transpose"))

The chapters' bug-hunt exercises hand these to the reader unlabelled, and ``hunt_table`` lays out, layer by
layer, how far each one's gradients are from finite differences; ``backprop.exercises`` uses the same
catalogue to name the slip a reader's own code matches.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

import numpy as np

from . import equations
from .display import Table
from .equations import STANDARD
from .gradcheck import TOLERANCE, check_gradients, relative_error
from .network import Backward, Network


@dataclass(frozen=True)
class Bug:
    """One slip: ``description`` says what it gets wrong, ``equation`` which one it changes (1–4),
    ``diagnosis`` how a checker names it to a reader; ``swap(net, batch)`` returns the replacement for that
    equation (keyword for ``Equations.swap``). ``square`` bugs need layers of one width to run,
    ``hidden`` bugs a hidden layer (``L >= 2``), ``quadratic_only`` bugs the quadratic cost."""

    name: str
    equation: int
    description: str
    diagnosis: str
    swap: Callable
    square: bool = False
    quadratic_only: bool = False
    hidden: bool = False


def _bp1_wrong_layer(net, batch):
    # The post's g'(z_j^[l]) read with a hidden layer: g'(z^[L-1]) where g'(z^[L]) belongs.
    z_hidden = net.forward(batch).z(net.L - 1)

    def bp1(dc_da, g_prime_zL):
        return equations.bp1_output_error(dc_da, net.g(net.L).prime(z_hidden))

    return {"bp1_output_error": bp1}


def _cost_without_half(net, batch):
    def bp1(dc_da, g_prime_zL):  # d/da ‖a − y‖² = 2(a − y), for a cost that is ½‖a − y‖²
        return equations.bp1_output_error(2 * dc_da, g_prime_zL)

    return {"bp1_output_error": bp1}


def _bp1_sign_flipped(net, batch):
    def bp1(dc_da, g_prime_zL):  # y − a for a − y
        return equations.bp1_output_error(-dc_da, g_prime_zL)

    return {"bp1_output_error": bp1}


def _bp2_no_transpose(net, batch):
    def bp2(w_next, e_next, g_prime_z):  # w e instead of wᵀ e
        return equations.bp2_error_back(w_next.T, e_next, g_prime_z)

    return {"bp2_error_back": bp2}


def _bp2_no_g_prime(net, batch):
    def bp2(w_next, e_next, g_prime_z):  # the ⊙ g'(z^[l]) forgotten
        return equations.bp2_error_back(w_next, e_next, np.ones_like(g_prime_z))

    return {"bp2_error_back": bp2}


def _bp4_wrong_index(net, batch):
    def bp4(e, a_prev):  # a_j e_k: the post's a_jk, a and e swapped
        return (a_prev @ e.T) / e.shape[1]

    return {"bp4_weight_gradient": bp4}


def _bp4_sum_not_mean(net, batch):
    def bp4(e, a_prev):  # the 1/m of the averaged cost forgotten
        return e @ a_prev.T

    return {"bp4_weight_gradient": bp4}


#: The catalogue, by name.
CATALOGUE = {
    bug.name: bug
    for bug in (
        Bug(
            "bp1_wrong_layer",
            1,
            "BP1 uses g'(z^[L-1]) (a hidden layer's z, the post's g'(z_j^[l])) instead of g'(z^[L])",
            "BP1 with the wrong layer: g'(z^[L-1]) where g'(z^[L]) belongs",
            _bp1_wrong_layer,
            square=True,
            hidden=True,
        ),
        Bug(
            "cost_without_half",
            1,
            "the cost is ½‖a − y‖² but BP1 uses the derivative of ‖a − y‖², 2(a − y)",
            "off by a factor of 2 (missing ½?): BP1 with 2(a − y) for a cost of ½‖a − y‖²",
            _cost_without_half,
            quadratic_only=True,
        ),
        Bug(
            "bp1_sign_flipped",
            1,
            "BP1 uses y − a instead of a − y (the gradient points uphill)",
            "the sign is flipped: y − a where a − y belongs in BP1",
            _bp1_sign_flipped,
            quadratic_only=True,
        ),
        Bug(
            "bp2_no_transpose",
            2,
            "BP2 multiplies by w^[l+1] instead of its transpose: Σ_k w_jk e_k instead of Σ_k w_kj e_k",
            "matches BP2 without the transpose: w^[l+1] e^[l+1] where (w^[l+1])ᵀ e^[l+1] belongs",
            _bp2_no_transpose,
            square=True,
        ),
        Bug(
            "bp2_no_g_prime",
            2,
            "BP2 leaves out the factor ⊙ g'(z^[l])",
            "matches BP2 without the factor g'(z^[l])",
            _bp2_no_g_prime,
        ),
        Bug(
            "bp4_wrong_index",
            4,
            "BP4 uses a_j^[l-1] e_k^[l] (the indices swapped, the post's a_jk) instead of a_k^[l-1] e_j^[l]",
            "BP4 with a and e swapped: a^[l-1] (e^[l])ᵀ where e^[l] (a^[l-1])ᵀ belongs",
            _bp4_wrong_index,
            square=True,
        ),
        Bug(
            "bp4_sum_not_mean",
            4,
            "BP4 sums the per-example gradients instead of averaging them (no 1/m)",
            "BP4 without the 1/m: the weight gradients are m times too large",
            _bp4_sum_not_mean,
        ),
    )
}

#: The bugs, by name, with what each one gets wrong.
BUGS = {name: bug.description for name, bug in CATALOGUE.items()}


def get_bug(bug: str) -> Bug:
    if bug not in CATALOGUE:
        raise ValueError(f"unknown bug {bug!r}; valid bugs are {', '.join(map(repr, CATALOGUE))}")
    return CATALOGUE[bug]


def _why_not(net: Network, b: Bug) -> str | None:
    """Why ``b`` cannot run on ``net``, or None if it can."""
    if b.square and len(set(net.sizes)) != 1:
        return (
            f"bug {b.name!r} only runs on a network whose layers all have one width (like [2, 2, 2]); "
            f"got sizes {net.sizes}"
        )
    if b.hidden and net.L < 2:
        return (
            f"bug {b.name!r} reads a hidden layer's z^[L-1], so it needs a network with a hidden layer "
            f"(like [2, 2, 2]); got sizes {net.sizes}"
        )
    if b.quadratic_only and net.cost_function.name != "quadratic":
        return f"bug {b.name!r} concerns the quadratic cost; build the net with cost_function='quadratic'"
    return None


def runs_on(net: Network, bug: str) -> bool:
    """Whether ``bug`` can run on ``net`` (square bugs need one width, ``bp1_wrong_layer`` a hidden layer;
    some need the quadratic cost)."""
    return _why_not(net, get_bug(bug)) is None


def _check(net: Network, bug: str) -> Bug:
    b = get_bug(bug)
    why = _why_not(net, b)
    if why is not None:
        raise ValueError(why)
    return b


def buggy_equations(net: Network, batch, bug: str) -> equations.Equations:
    """The four equations with the one ``bug`` changes swapped in (for ``net`` and a checked ``batch``)."""
    return STANDARD.swap(**_check(net, bug).swap(net, batch))


def buggy_backward(net: Network, X, Y, bug: str) -> Backward:
    """Like ``net.backward(X, Y)`` with one deliberate bug (a key of ``BUGS``): the real backward pass with
    one equation swapped."""
    _check(net, bug)
    batch = net.check_batch(X, Y)
    return net.backward(batch, equations=buggy_equations(net, batch, bug))


def buggy_backprop(bug: str):
    """A ``backprop_fn(net, X, Y) -> (nabla_w, nabla_b)`` with the given bug, for ``check_gradients``."""
    get_bug(bug)

    def backprop_fn(net, X, Y):
        result = buggy_backward(net, X, Y, bug)
        return result.nabla_w, result.nabla_b

    backprop_fn.__name__ = f"backprop_with_{bug}"
    return backprop_fn


# == the bug hunt: which layer is wrong first ==============================================================
def errors_by_layer(net: Network, X, Y, backprop_fn=None) -> list:
    """Per layer ``l = 1 … L``: ``(l, error in ∂C/∂w^[l], error in ∂C/∂b^[l])``, the relative errors of
    ``backprop_fn``'s gradients (the package's own when None) against central differences of the cost."""
    result = check_gradients(net, X, Y, backprop_fn=backprop_fn)
    return [
        (
            l,
            relative_error(result.nabla_w[l - 1], result.nabla_w_num[l - 1]),
            relative_error(result.nabla_b[l - 1], result.nabla_b_num[l - 1]),
        )
        for l in range(1, net.L + 1)
    ]


def shown_error(error: float) -> str:
    """A relative error as the bug hunt shows it: a right gradient's as the bound it stays under.

    Central differences with step 1e-5 agree with a right backprop to about 1e-10 in float64, and those
    digits depend on the processor (its BLAS kernels and SIMD paths); the page shows ``"below 1e-07"``
    (the gradient checker's tolerance) instead. A wrong gradient's error is large and shown to one digit.
    """
    return f"below {TOLERANCE:.0e}" if error < TOLERANCE else f"{error:.0e}"


def hunt_table(net: Network, X, Y, suspects: dict) -> Table:
    """The bug hunt's table: for each ``name → backprop_fn`` of ``suspects`` (None: the package's
    backprop) and each layer, the relative error of ``∂C/∂w^[l]`` and ``∂C/∂b^[l]`` against finite
    differences, and whether both are below the tolerance (``right``)."""
    rows = []
    for name, fn in suspects.items():
        for l, err_w, err_b in errors_by_layer(net, X, Y, fn):
            rows.append([name, str(l), shown_error(err_w), shown_error(err_b), bool(max(err_w, err_b) < TOLERANCE)])
    return Table(["backprop", "layer", "error in ∂C/∂w", "error in ∂C/∂b", "right"], rows)
