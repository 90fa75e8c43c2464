"""The slips of a backprop quantity, computed from the real network: what a reader gets who forgot g′,
took the layer one off, flipped the sign, summed instead of averaged, or made a slip of the ``bughunt``
catalogue; and the numeric question built from them."""

from __future__ import annotations

import math

from .questions import NumberQuestion


# -- the slips of backprop quantities, computed by the package -------------------------------------------
def running_example():
    """The book's running example: ``Network([2, 3, 2], seed=0)`` (sigmoid, quadratic cost) and the one
    example ``x = (0.5, -0.4)``, ``y = (1, 0)`` of chapter 6. Returns ``(net, x, y)``."""
    import numpy as np

    from ..network import Network

    return Network([2, 3, 2], seed=0), np.array([[0.5], [-0.4]]), np.array([[1.0], [0.0]])


#: How a reader who made each catalogued slip is told (completes "what you get if you …").
_DIAGNOSES = {
    "bp2_no_g_prime": "forget the factor g′(z^[l]) in BP2 (forgot σ′)",
    "bp2_no_transpose": "use w^[l+1] where its transpose (w^[l+1])ᵀ belongs in BP2",
    "bp1_wrong_layer": "take g′ at the wrong layer in BP1: g′(z^[L−1]) where g′(z^[L]) belongs",
    "bp1_sign_flipped": "flip the sign: y − a where a − y belongs",
    "cost_without_half": "differentiate ‖a − y‖² instead of ½‖a − y‖² (a factor 2 too many)",
    "bp4_wrong_index": "swap a and e in BP4: a^[l−1] (e^[l])ᵀ where e^[l] (a^[l−1])ᵀ belongs",
    "bp4_sum_not_mean": "sum the gradients over the batch instead of averaging them (no 1/m)",
}
_SYMBOL = {"e": "e_{j}^[{l}]", "w": "∂C/∂w_{j}{k}^[{l}]", "b": "∂C/∂b_{j}^[{l}]"}


def _pick(bw, what: str, l: int, j: int, k):
    """Entry ``(j, k)`` (1-based) of ``what`` at layer ``l`` of a Backward, or None where it is undefined."""
    if not 1 <= l <= len(bw.errors):
        return None
    array = {"e": bw.errors, "w": bw.nabla_w, "b": bw.nabla_b}[what][l - 1]
    col = (k if what == "w" else 1) - 1
    if not (0 <= j - 1 < array.shape[0] and 0 <= col < array.shape[1]):
        return None
    return float(array[j - 1, col])


def backprop_slips(net, X, Y, what: str, l: int, j: int, k: int | None = None, tol: float = 5e-4) -> dict:
    """``{diagnosis: value}``: what a reader who slipped gets for ``what`` at layer ``l``, entry ``j`` (and
    ``k``), 1-based: ``"e"`` the error ``e_j^[l]`` (one example), ``"w"`` ``∂C/∂w_jk^[l]``, ``"b"``
    ``∂C/∂b_j^[l]``.

    Each slip of ``bughunt.CATALOGUE`` that runs on ``net`` goes through the real backward pass (layers of
    different widths refuse ``W`` for ``Wᵀ``: a shape error, not a number); then the quantity at the
    layer one off, with ``j`` and ``k`` swapped, the sign flipped, and summed instead of averaged. A slip
    within ``2·tol`` of the answer is dropped (it is the answer for this input: the sum over one example is
    its mean); slips within ``2·tol`` of each other are merged, their diagnoses joined by "or"."""
    from ..bughunt import CATALOGUE, buggy_backward, runs_on
    from ..equations import STANDARD

    if what not in _SYMBOL:
        raise ValueError(f"what must be one of {sorted(_SYMBOL)}, got {what!r}")
    if (what == "w") != (k is not None):
        raise ValueError("k is given for 'w' (∂C/∂w_jk) and only for it")
    batch = net.check_batch(X, Y)
    if what == "e" and batch.m != 1:
        raise ValueError("an error e_j^[l] is asked of one example: pass X and Y with one column")
    right = net.backward(batch)
    answer = _pick(right, what, l, j, k)
    if answer is None:
        raise ValueError(f"{what} has no entry j={j}, k={k} at layer {l} in a network of sizes {net.sizes}")
    found = []
    for name in CATALOGUE:
        if runs_on(net, name):
            found.append(
                (
                    _DIAGNOSES.get(name, CATALOGUE[name].diagnosis),
                    _pick(buggy_backward(net, batch.X, batch.Y, name), what, l, j, k),
                )
            )
    # BP1 without g'(z^[L]): not in the catalogue (its checker sees it as a wrong layer), a classic here
    no_g_prime = STANDARD.swap(bp1_output_error=lambda dc_da, g_prime_zL: dc_da * 1.0)
    found.append(
        (
            "forget the factor g′(z^[L]) in BP1 (forgot σ′)",
            _pick(net.backward(batch, equations=no_g_prime), what, l, j, k),
        )
    )
    for off in (l - 1, l + 1):
        name = _SYMBOL[what].format(j=j, k=k, l=off)
        found.append((f"take the layer one off: that is {name}", _pick(right, what, off, j, k)))
    if what == "w":
        found.append(
            (
                f"swap the indices: that is {_SYMBOL['w'].format(j=k, k=j, l=l)}, the weight to "
                f"neuron {k} from neuron {j}",
                _pick(right, what, l, k, j),
            )
        )
    found.append(("flip the sign", -answer))
    if what != "e":
        found.append((_DIAGNOSES["bp4_sum_not_mean"], batch.m * answer))
    slips: dict = {}
    for diagnosis, value in found:
        if value is None or not math.isfinite(value) or abs(value - answer) <= 2 * tol:
            continue
        same = [d for d, v in slips.items() if abs(v - value) <= 2 * tol]
        if same:
            if diagnosis not in same[0]:
                slips[f"{same[0]}, or {diagnosis}"] = slips.pop(same[0])
            continue
        slips[diagnosis] = value
    return slips


def backprop_number(
    question: str, net, X, Y, what: str, l: int, j: int, k: int | None = None, tol: float = 5e-4
) -> NumberQuestion:
    """A numeric question on ``what`` (see :func:`backprop_slips`), its answer and slips from ``net``."""
    bw = net.backward(net.check_batch(X, Y))
    slips = backprop_slips(net, X, Y, what, l, j, k, tol)
    return NumberQuestion(question, _pick(bw, what, l, j, k), tol, slips)
