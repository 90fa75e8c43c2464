"""BP4, the weight gradient: ``∂c_x/∂w_jk^[l] = a_k^[l-1] e_j^[l]``, for SymPy.

Differentiated: ``c_x`` by every weight ``w_jk^[l]``. Closed forms: the correct one and the post's slip
``"post_slip"`` (``a_j^[l-1]`` for ``a_k^[l-1]``, the post's ``a_jk`` read as ``a_j``), which is undefined
(skipped) where ``j > n_{l-1}``.
"""

from __future__ import annotations

from .bp3 import chain_rule_through_z, through_layer_input
from .indexed import j, k, n_l, n_prev
from .spec import EquationSpec, Variant, quantity_tex


def keys(net):
    n = net.sizes
    return [(l, j, k) for l in range(1, net.L + 1) for j in range(1, n[l] + 1) for k in range(1, n[l - 1] + 1)]


def lhs_tex(key):
    return rf"\frac{{\partial c_x}}{{\partial {quantity_tex('w', *key)}}}"


def correct(net, key):
    l, j, k = key
    return net.a(l - 1, k) * net.e(l, j), rf"{quantity_tex('a', l - 1, k)}\, {quantity_tex('e', l, j)}"


def post_slip(net, key):
    l, j, k = key
    return net.a(l - 1, j) * net.e(l, j), rf"{quantity_tex('a', l - 1, j)}\, {quantity_tex('e', l, j)}"


def indexed_derivation():
    """BP4 with symbolic widths: ``∂z_i^[l]/∂w_jk^[l] = δ_ij a_k^[l-1]``."""
    return through_layer_input(
        4, lambda W, B: W[j, k], "w^{[l]}_{jk}", [(j, n_l), (k, n_prev)], lambda A, E: A[k] * E[j]
    )


SPEC = EquationSpec(
    number=4,
    statement=r"\frac{\partial c_x}{\partial w^{[l]}_{jk}} = a^{[l-1]}_k\, e^{[l]}_j",
    quantity="the derivative by each weight",
    keys=keys,
    lhs=lambda net, key: net.d_cost(net.w(*key)),
    lhs_tex=lhs_tex,
    variants={
        "correct": Variant("correct", "BP4", correct),
        "post_slip": Variant("post_slip", "a_j^[l-1] for a_k^[l-1] (the post's a_jk)", post_slip),
    },
    indexed=indexed_derivation,
    chain_rule=lambda n_next=None: chain_rule_through_z(4, "w^{[l]}_{jk}"),
    instance_word="weights",
)
