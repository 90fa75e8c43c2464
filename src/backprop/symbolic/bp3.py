"""BP3, the bias gradient: ``∂c_x/∂b_j^[l] = e_j^[l]``, for SymPy.

Differentiated: ``c_x`` by every bias ``b_j^[l]``. One closed form (the correct one). The derivation with
symbolic widths and the chain-rule step go through the neuron's input ``z_j^[l]``; BP4 reuses both helpers
(:func:`through_layer_input`, :func:`chain_rule_through_z`) with a weight in place of the bias.
"""

from __future__ import annotations

import sympy as sp

from . import chain, indexed
from .indexed import broken, d, i, j, n_l, n_prev, p, resolve_range, tex
from .spec import EquationSpec, Variant, quantity_tex


def keys(net):
    return [(l, j) for l in range(1, net.L + 1) for j in range(1, net.sizes[l] + 1)]


def lhs_tex(key):
    return rf"\frac{{\partial c_x}}{{\partial {quantity_tex('b', *key)}}}"


def correct(net, key):
    return net.e(*key), quantity_tex("e", *key)


def through_layer_input(equation, var_of, var_tex, bounds, closed_of) -> indexed.IndexedDerivation:
    """``z_i^[l] = Σ_p w_ip^[l] a_p^[l-1] + b_i^[l]`` differentiated by ``var_of(W, B)``, then the chain
    rule over the ``n_l`` neurons of layer ``l``; the Kronecker delta keeps ``i = j``."""
    W, Aprev, B, E = indexed.bases("w^{[l]}", "a^{[l-1]}", "b^{[l]}", "e^{[l]}")
    steps = []
    zi = sp.Sum(W[i, p] * Aprev[p], (p, 1, n_prev)) + B[i]
    steps.append(("the input of neuron $i$ of layer $l$", rf"z^{{[l]}}_i = {tex(zi)}"))
    var = var_of(W, B)
    raw = sp.diff(zi, var)
    steps.append(("SymPy differentiates it", rf"{d('z^{[l]}_i', var_tex)} = {tex(raw)}"))
    dzi = resolve_range(raw.doit(), bounds)
    if dzi != raw:
        steps.append(("which is", rf"{d('z^{[l]}_i', var_tex)} = {tex(dzi)}"))
    chain_sum = sp.Sum(E[i] * dzi, (i, 1, n_l))
    derived = resolve_range(chain_sum.doit(), bounds)
    steps.append(
        (
            "chain rule over the neurons $i$ of layer $l$; the Kronecker delta keeps $i = j$",
            broken(rf"{d('c_x', var_tex)} = {tex(chain_sum)}", rf"= {tex(derived)}"),
        )
    )
    return indexed.IndexedDerivation(equation, steps, derived, closed_of(Aprev, E), d("c_x", var_tex))


def indexed_derivation() -> indexed.IndexedDerivation:
    """BP3 with symbolic widths: ``∂z_i^[l]/∂b_j^[l] = δ_ij``."""
    return through_layer_input(3, lambda W, B: B[j], "b^{[l]}_j", [(j, n_l)], lambda A, E: E[j])


def chain_rule_through_z(equation, var_tex) -> chain.ChainRuleStep:
    """``∂c/∂v = ∂c/∂z_j^[l] · ∂z_j^[l]/∂v`` for ``v`` the bias ``b_j^[l]`` or a weight ``w_jk^[l]``."""
    ak, wjk, bj, rest = sp.symbols("a^{[l-1]}_k w^{[l]}_{jk} b^{[l]}_j r")
    z_expr = wjk * ak + bj + rest  # rest: the other terms of z_j^[l]
    var = bj if equation == 3 else wjk
    comp = chain.c(z_expr)
    computed = sp.diff(comp, var)
    expected = comp.fdiff(1) * sp.diff(z_expr, var)
    shown = chain.partials_as_symbols(computed, [sp.Symbol("e^{[l]}_j")])
    lines = [
        # the sum gets its own index p: k is the free index of w_jk (BP4)
        r"&\text{chain rule, with } z^{[l]}_j = \textstyle\sum_p w^{[l]}_{jp} a^{[l-1]}_p + b^{[l]}_j\text{:}",
        rf"{d('c_x', var_tex)} &= {d('c_x', 'z^{[l]}_j')}\, {d('z^{[l]}_j', var_tex)}",
        rf"&= {tex(shown)} \qquad \text{{(SymPy)}}",
    ]
    return chain.ChainRuleStep(equation, computed, expected, lines)


SPEC = EquationSpec(
    number=3,
    statement=r"\frac{\partial c_x}{\partial b^{[l]}_j} = e^{[l]}_j",
    quantity="the derivative by each bias",
    keys=keys,
    lhs=lambda net, key: net.d_cost(net.b(*key)),
    lhs_tex=lhs_tex,
    variants={"correct": Variant("correct", "BP3", correct)},
    indexed=indexed_derivation,
    chain_rule=lambda n_next=None: chain_rule_through_z(3, "b^{[l]}_j"),
    instance_word="biases",
)
