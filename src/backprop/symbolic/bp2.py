"""BP2, the error one layer back: ``e_j^[l] = (Σ_k w_kj^[l+1] e_k^[l+1]) · g'(z_j^[l])``, for SymPy.

Differentiated: ``c_x`` by ``z_j^[l]`` for every hidden neuron ``j`` of every hidden layer ``l``. Closed
forms: the correct one (the weight runs *to* ``k`` *from* ``j``: the transpose) and ``"no_transpose"``
(``w_jk`` for ``w_kj``).
"""

from __future__ import annotations

import sympy as sp

from . import chain, indexed
from .bp1 import lhs_tex
from .functions import g, g_prime, normalize
from .indexed import broken, d, j, k, n_l, n_next, p, resolve_range, tex
from .latex import rows
from .spec import EquationSpec, Variant, g_prime_tex


def keys(net):
    return [(l, j) for l in range(1, net.L) for j in range(1, net.sizes[l] + 1)]


def _form(net, key, transpose):
    l, j = key
    n = net.sizes[l + 1]
    if transpose:
        terms = [net.w(l + 1, k, j) * net.e(l + 1, k) for k in range(1, n + 1)]
        w_tex = rf"w^{{[{l + 1}]}}_{{k{j}}}"
    else:
        terms = [net.w(l + 1, j, k) * net.e(l + 1, k) for k in range(1, n + 1)]
        w_tex = rf"w^{{[{l + 1}]}}_{{{j}k}}"
    tex_ = rf"\Big(\sum_{{k=1}}^{{{n}}} {w_tex}\, e^{{[{l + 1}]}}_{{k}}\Big) " + g_prime_tex(net, l, j)
    return sp.Add(*terms) * net.g_prime(l, j), tex_


def correct(net, key):
    return _form(net, key, transpose=True)


def no_transpose(net, key):
    return _form(net, key, transpose=False)


def indexed_derivation() -> indexed.IndexedDerivation:
    """BP2 with symbolic widths: ``z_k^[l+1] = Σ_p w_kp^[l+1] g(z_p^[l]) + b_k^[l+1]`` differentiated
    w.r.t. ``z_j^[l]`` (a ``Sum`` of ``KroneckerDelta`` that reduces to ``w_kj^[l+1] g'(z_j^[l])``), then
    the chain rule over the ``n_{l+1}`` neurons of layer ``l+1``."""
    W, Z, B, E = indexed.bases("w^{[l+1]}", "z^{[l]}", "b^{[l+1]}", "e^{[l+1]}")
    steps = []
    zk = sp.Sum(W[k, p] * g(Z[p]), (p, 1, n_l)) + B[k]
    steps.append(("the next layer's input, with $a = g(z)$", rf"z^{{[l+1]}}_k = {tex(zk)}"))
    raw = sp.diff(zk, Z[j])
    steps.append(("SymPy differentiates it", rf"{d('z^{[l+1]}_k', 'z^{[l]}_j')} = {tex(raw)}"))
    dzk = normalize(resolve_range(raw.doit(), [(j, n_l)]))
    steps.append(("the Kronecker delta picks $p = j$", rf"{d('z^{[l+1]}_k', 'z^{[l]}_j')} = {tex(dzk)}"))
    chain_sum = sp.Sum(E[k] * dzk, (k, 1, n_next))
    steps.append(
        (
            "chain rule over the neurons $k$ of layer $l+1$",
            broken(
                rf"e^{{[l]}}_j = \sum_{{k=1}}^{{n_{{l+1}}}} e^{{[l+1]}}_k {d('z^{[l+1]}_k', 'z^{[l]}_j')}",
                rf"= {tex(sp.factor_terms(chain_sum))}",
            ),
        )
    )
    closed = sp.Sum(W[k, j] * E[k], (k, 1, n_next)) * g_prime(Z[j])
    return indexed.IndexedDerivation(2, steps, chain_sum, closed, r"e^{[l]}_j")


def chain_rule(n_next=2) -> chain.ChainRuleStep:
    """``∂c/∂z_j^[l] = Σ_k ∂c/∂z_k^[l+1] · ∂z_k^[l+1]/∂z_j^[l]`` with ``c = c(z_1^[l+1], …)`` over ``n_next``
    neurons of layer ``l+1`` (the post's figure has 2)."""
    c = chain.c
    zj = sp.Symbol("z^{[l]}_j")
    ws = [sp.Symbol(f"w^{{[l+1]}}_{{{k}j}}") for k in range(1, n_next + 1)]
    rest = [sp.Symbol(f"r_{{{k}}}") for k in range(1, n_next + 1)]  # the other terms of z_k^[l+1]
    zk = [w * g(zj) + r for w, r in zip(ws, rest)]
    comp = c(*zk)
    computed = sp.diff(comp, zj)
    expected = sum(comp.fdiff(k + 1) * sp.diff(zk[k], zj) for k in range(n_next))
    es = [sp.Symbol(f"e^{{[l+1]}}_{{{k}}}") for k in range(1, n_next + 1)]
    shown = normalize(chain.partials_as_symbols(computed, es))
    terms = [
        rf"{d('c_x', f'z^{{[l+1]}}_{{{k}}}')} {d(f'z^{{[l+1]}}_{{{k}}}', 'z^{[l]}_j')}" for k in range(1, n_next + 1)
    ]
    lines = [
        rf"&\text{{chain rule through the {n_next} neurons of layer }} l+1\text{{:}}",
        rf"{d('c_x', 'z^{[l]}_j')} &= " + " + ".join(terms[:2]),
    ]
    lines += [rf"&\quad + {t}" for t in terms[2:]]
    lines += [
        rf"&= \sum_{{k=1}}^{{{n_next}}} e^{{[l+1]}}_k\, {d('z^{[l+1]}_k', 'z^{[l]}_j')}"
        rf" \qquad \left(z^{{[l+1]}}_k = w^{{[l+1]}}_{{kj}}\, g(z^{{[l]}}_j) + \dots\right)",
    ]
    shown_rows = rows(shown)
    lines.append(rf"&= {shown_rows[0]}" + (r" \qquad \text{(SymPy)}" if len(shown_rows) == 1 else ""))
    lines += [rf"&\quad {r}" for r in shown_rows[1:]]
    return chain.ChainRuleStep(2, computed, expected, lines)


SPEC = EquationSpec(
    number=2,
    statement=r"e^{[l]}_j = \Big(\sum_k w^{[l+1]}_{kj}\, e^{[l+1]}_k\Big)\, g'\!\left(z^{[l]}_j\right)",
    quantity="the error of each hidden neuron",
    keys=keys,
    lhs=lambda net, key: net.e(*key),
    lhs_tex=lhs_tex,
    variants={
        "correct": Variant("correct", "BP2", correct),
        "no_transpose": Variant("no_transpose", "w_jk^[l+1] for w_kj^[l+1] (no transpose)", no_transpose),
    },
    indexed=indexed_derivation,
    chain_rule=chain_rule,
    needs_hidden_layer=True,
)
