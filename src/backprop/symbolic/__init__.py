"""SymPy derives the four backpropagation equations from the cost, and checks them.

For a network of given ``sizes`` whose inputs, weights, biases and targets are all symbols, SymPy
differentiates the per-example cost ``c_x`` with respect to every ``z_j^[l]``, ``b_j^[l]`` and ``w_jk^[l]``
(the left-hand sides), builds the right-hand side each equation states, and decides that the two are
equal. The decision is algebraic, so it is a proof for that network, not a sample; evaluation at random
points is what shows a *wrong* closed form fails.

Layout, one module per equation:

- ``bp1`` … ``bp4``: each equation's specification (:class:`~.spec.EquationSpec`): what is differentiated,
  the closed form and its wrong variants, the derivation with symbolic widths and the chain-rule step;
- ``derivation``: :func:`derive` / :func:`derive_all` and the :class:`Derivation` they return;
  :func:`equation_spec` gives an equation's specification (``spec`` is the module that defines its type);
- ``indexed``, ``chain``: the results of :func:`indexed_derivation` and :func:`chain_rule_step`;
- ``symbolic_network``: :class:`SymbolicNetwork` (built by :func:`network`);
- ``functions``: ``g``, ``g'``, ``σ``, :func:`normalize`;
- ``activation``: :func:`activation_derivative`; ``latex``: the book's notation, sized for its column.

Notation as in ``docs/notation.md``; layer and neuron numbers in this API (keys, accessors) are 1-based,
like the notation; :class:`SymbolicNetwork`'s lists are indexed like ``Forward``'s (``zs[i]`` is layer ``i+1``).
"""

from __future__ import annotations

from .activation import ActivationDerivative, activation_derivative
from .chain import ChainRuleStep
from .derivation import EQUATION_NAMES, SPECS, VARIANTS, Derivation, Entry, derive, derive_all, equation_spec
from .functions import ACTIVATIONS, COSTS, Sigmoid, g, g_prime, normalize
from .indexed import IndexedDerivation
from .symbolic_network import SymbolicNetwork, clear_cache, network

__all__ = [
    "ACTIVATIONS",
    "COSTS",
    "VARIANTS",
    "SPECS",
    "EQUATION_NAMES",
    "g",
    "g_prime",
    "Sigmoid",
    "normalize",
    "SymbolicNetwork",
    "network",
    "clear_cache",
    "Entry",
    "Derivation",
    "derive",
    "derive_all",
    "equation_spec",
    "IndexedDerivation",
    "indexed_derivation",
    "bp1_indexed",
    "bp2_indexed",
    "bp3_indexed",
    "bp4_indexed",
    "ChainRuleStep",
    "chain_rule_step",
    "ActivationDerivative",
    "activation_derivative",
]


def indexed_derivation(equation) -> IndexedDerivation:
    """BP``equation`` (1–4) derived with symbolic layer widths (quadratic cost for BP1; generic ``g``).

    The steps are each equation's own (see ``bp1.indexed_derivation`` … ``bp4.indexed_derivation``).
    """
    return equation_spec(equation).indexed()


def bp1_indexed() -> IndexedDerivation:
    """BP1 with a symbolic output width ``n_L``: see :func:`indexed_derivation`."""
    return indexed_derivation(1)


def bp2_indexed() -> IndexedDerivation:
    """BP2 with symbolic widths: see :func:`indexed_derivation`."""
    return indexed_derivation(2)


def bp3_indexed() -> IndexedDerivation:
    """BP3 with symbolic widths: see :func:`indexed_derivation`."""
    return indexed_derivation(3)


def bp4_indexed() -> IndexedDerivation:
    """BP4 with symbolic widths: see :func:`indexed_derivation`."""
    return indexed_derivation(4)


def chain_rule_step(equation, n_next=2) -> ChainRuleStep:
    """The chain rule behind BP``equation``, shown and checked by SymPy on an undefined cost ``c``.

    BP1: ``∂c/∂z_j^[L] = ∂c/∂a_j^[L] · ∂a_j^[L]/∂z_j^[L]``. BP2: ``∂c/∂z_j^[l] = Σ_k ∂c/∂z_k^[l+1] ·
    ∂z_k^[l+1]/∂z_j^[l]`` over ``n_next`` (1..9) neurons of layer ``l+1``. BP3: ``∂c/∂b_j = ∂c/∂z_j ·
    ∂z_j/∂b_j``. BP4: ``∂c/∂w_jk = ∂c/∂z_j · ∂z_j/∂w_jk``. The step holds for every cost.
    """
    eq = equation_spec(equation)
    from .. import _validate

    n_next = _validate.integer(n_next, "n_next", 1, 9)
    return eq.chain_rule(n_next)
