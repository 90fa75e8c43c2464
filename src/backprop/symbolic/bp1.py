"""BP1, the output error: ``e_j^[L] = ∂c_x/∂a_j^[L] · g'(z_j^[L])``, for SymPy.

Differentiated: ``c_x`` by ``z_j^[L]`` for every output neuron ``j``. Closed forms: the correct one; the
post's slip ``g'(z_j^[l])`` read with a hidden layer (``"post_slip"``, ``l = L-1``); and the quadratic
cost's derivative without its ½ (``"no_half"``, ``2(a − y)``).
"""

from __future__ import annotations

import sympy as sp

from . import chain, indexed
from .functions import g, g_prime, normalize
from .indexed import d, j, n_L, p, resolve_range, tex
from .spec import EquationSpec, Variant, dc_da_tex, g_prime_tex, quantity_tex


def keys(net):
    return [(net.L, j) for j in range(1, net.sizes[net.L] + 1)]


def lhs_tex(key):
    l, j = key
    return rf"{quantity_tex('e', l, j)} = \frac{{\partial c_x}}{{\partial {quantity_tex('z', l, j)}}}"


def correct(net, key):
    L, j = key
    return net.dc_da(j) * net.g_prime(L, j), dc_da_tex(net, j) + " " + g_prime_tex(net, L, j)


def post_slip(net, key):
    L, j = key
    if L < 2:
        raise IndexError("post_slip needs a hidden layer (L >= 2)")
    return net.dc_da(j) * net.g_prime(L - 1, j), dc_da_tex(net, j) + " " + g_prime_tex(net, L - 1, j)


def no_half(net, key):
    L, j = key
    return 2 * net.dc_da(j) * net.g_prime(L, j), dc_da_tex(net, j, "2") + " " + g_prime_tex(net, L, j)


def indexed_derivation() -> indexed.IndexedDerivation:
    """BP1 with a symbolic output width ``n_L`` (quadratic cost, generic ``g``):
    ``c = ½ Σ_p (g(z_p^[L]) − y_p)²`` differentiated w.r.t. ``z_j^[L]``."""
    Z, Y, A = indexed.bases("z^{[L]}", "y", "a^{[L]}")
    steps = []
    cost = sp.Rational(1, 2) * sp.Sum((g(Z[p]) - Y[p]) ** 2, (p, 1, n_L))
    steps.append(("the cost as a function of the output layer's $z$", rf"c_x = {tex(cost)}"))
    raw = sp.diff(cost, Z[j])
    steps.append(("SymPy differentiates it", rf"{d('c_x', 'z^{[L]}_j')} = {tex(raw)}"))
    derived = normalize(resolve_range(raw.doit(), [(j, n_L)]))
    steps.append(("the Kronecker delta picks $p = j$", rf"e^{{[L]}}_j = {tex(sp.factor_terms(derived))}"))
    cost_a = sp.Rational(1, 2) * sp.Sum((A[p] - Y[p]) ** 2, (p, 1, n_L))
    dc_da = resolve_range(sp.diff(cost_a, A[j]).doit(), [(j, n_L)])
    steps.append(("and the same cost differentiated by $a$", rf"{d('c_x', 'a^{[L]}_j')} = {tex(dc_da)}"))
    closed = dc_da.xreplace({A[j]: g(Z[j])}) * g_prime(Z[j])
    # the last line states BP1 in its own form, ∂c_x/∂a_j · g'(z_j), which the steps above make concrete
    return indexed.IndexedDerivation(
        1, steps, derived, closed, r"e^{[L]}_j", rf"{d('c_x', 'a^{[L]}_j')}\, g'(z^{{[L]}}_j)"
    )


def chain_rule(n_next=None) -> chain.ChainRuleStep:
    """``∂c/∂z_j^[L] = ∂c/∂a_j^[L] · ∂a_j^[L]/∂z_j^[L]`` with ``c = c(a)``, ``a = g(z)``."""
    z = sp.Symbol("z^{[L]}_j")
    c = chain.c
    computed = sp.diff(c(g(z)), z)
    expected = c(g(z)).fdiff(1) * sp.diff(g(z), z)
    dc_da = sp.Symbol(r"\frac{\partial c_x}{\partial a^{[L]}_j}")
    shown = normalize(chain.partials_as_symbols(computed, [dc_da]))
    lines = [
        r"&\text{chain rule, with } a^{[L]}_j = g(z^{[L]}_j)\text{:}",
        rf"{d('c_x', 'z^{[L]}_j')} &= {d('c_x', 'a^{[L]}_j')}\, {d('a^{[L]}_j', 'z^{[L]}_j')}",
        rf"&= {tex(shown)} \qquad \text{{(SymPy: }} \tfrac{{d}}{{dz}}\, c(g(z))\text{{)}}",
    ]
    return chain.ChainRuleStep(1, computed, expected, lines)


SPEC = EquationSpec(
    number=1,
    statement=r"e^{[L]}_j = \frac{\partial c_x}{\partial a^{[L]}_j}\, g'\!\left(z^{[L]}_j\right)",
    quantity="the error of each output neuron",
    keys=keys,
    lhs=lambda net, key: net.e(*key),
    lhs_tex=lhs_tex,
    variants={
        "correct": Variant("correct", "BP1", correct),
        "post_slip": Variant("post_slip", "g'(z_j^[l]) of a hidden layer, l = L-1", post_slip),
        "no_half": Variant("no_half", "2(a − y): the quadratic cost without its ½", no_half, ("quadratic",)),
    },
    indexed=indexed_derivation,
    chain_rule=chain_rule,
)
