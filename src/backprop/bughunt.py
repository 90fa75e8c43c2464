"""Deliberately wrong backpropagations, built from the slips in the blog post the book follows.

Each bug is one small change to one of the four equations. On a network whose layers all have the same width
(for example ``[2, 2, 2]``) every bug still runs and returns gradients of the right shapes — only the numbers
are wrong, which is exactly what the gradient checker is for::

    check_gradients(net, X, Y, backprop_fn=buggy_backprop("bp2_no_transpose"))

The chapters' bug-hunt exercises hand these to the reader unlabelled.
"""

from __future__ import annotations

import numpy as np

from . import equations
from .network import Backward, Network

#: The bugs, by name, with what each one gets wrong.
BUGS = {
    "bp1_wrong_layer": "BP1 uses g'(z^[L-1]) (a hidden layer's z, the post's g'(z_j^[l])) instead of g'(z^[L])",
    "bp2_no_transpose": "BP2 multiplies by w^[l+1] instead of its transpose: Σ_k w_jk e_k instead of Σ_k w_kj e_k",
    "bp4_wrong_index": "BP4 uses a_j^[l-1] e_k^[l] (the indices swapped, the post's a_jk) instead of a_k^[l-1] e_j^[l]",
    "cost_without_half": "the cost is ½‖a − y‖² but BP1 uses the derivative of ‖a − y‖², 2(a − y)",
}


def _check(net: Network, bug: str):
    if bug not in BUGS:
        raise ValueError(f"unknown bug {bug!r}; valid bugs are {', '.join(map(repr, BUGS))}")
    if len(set(net.sizes)) != 1 and bug != "cost_without_half":
        raise ValueError(f"bug {bug!r} only runs on a network whose layers all have one width "
                         f"(like [2, 2, 2]); got sizes {net.sizes}")
    if bug == "cost_without_half" and net.cost_fn.name != "quadratic":
        raise ValueError("bug 'cost_without_half' concerns the quadratic cost; build the net with cost='quadratic'")


def buggy_backward(net: Network, X, Y, bug: str) -> Backward:
    """Like ``net.backward(X, Y)`` with one deliberate bug (a key of ``BUGS``)."""
    _check(net, bug)
    X, Y = net._batch(X, Y)
    fwd = net._forward(X)
    zs, acts, L = fwd.zs, fwd.activations, net.L
    errors = [None] * L
    if bug == "bp1_wrong_layer":
        errors[L - 1] = equations.bp1_output_error(net.cost_fn.da(acts[L], Y), net.g(L).prime(zs[L - 2]))
    elif bug == "cost_without_half":
        errors[L - 1] = equations.bp1_output_error(2 * (acts[L] - Y), net.g(L).prime(zs[L - 1], acts[L]))
    else:
        errors[L - 1] = net.cost_fn.output_error(zs[L - 1], acts[L], Y, net.g(L))
    for l in range(L - 1, 0, -1):
        w_next = net.weights[l].T if bug == "bp2_no_transpose" else net.weights[l]
        errors[l - 1] = equations.bp2_error_back(w_next, errors[l], net.g(l).prime(zs[l - 1], acts[l]))
    nabla_b = [equations.bp3_bias_gradient(e) for e in errors]
    if bug == "bp4_wrong_index":
        nabla_w = [(acts[l - 1] @ errors[l - 1].T) / X.shape[1] for l in range(1, L + 1)]
    else:
        nabla_w = [equations.bp4_weight_gradient(errors[l - 1], acts[l - 1]) for l in range(1, L + 1)]
    return Backward(fwd, errors, nabla_w, nabla_b)


def buggy_backprop(bug: str):
    """A ``backprop_fn(net, X, Y) -> (nabla_w, nabla_b)`` with the given bug, for ``check_gradients``."""
    if bug not in BUGS:
        raise ValueError(f"unknown bug {bug!r}; valid bugs are {', '.join(map(repr, BUGS))}")

    def backprop_fn(net, X, Y):
        result = buggy_backward(net, X, Y, bug)
        return result.nabla_w, result.nabla_b

    backprop_fn.__name__ = f"backprop_with_{bug}"
    return backprop_fn
