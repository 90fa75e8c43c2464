"""What one backpropagation equation is, for SymPy: the specification each of ``bp1`` … ``bp4`` fills in.

An :class:`EquationSpec` says, for one equation,

- *what is differentiated*: the instances (``keys``: every output neuron, hidden neuron, bias or weight),
  the left-hand side SymPy computes from the cost (``lhs``) and how it is written (``lhs_tex``);
- *the closed form*: the right-hand side the equation states, and deliberately wrong ones
  (``variants``: ``"correct"`` first), each with its LaTeX;
- *how it is displayed and proved in general*: the statement, the derivation with symbolic layer widths
  (``indexed``) and the chain-rule step behind it (``chain_rule``).

The machinery that uses a specification (:mod:`.derivation`, :mod:`.indexed`, :mod:`.chain`) has no
per-equation branches: changing an equation means changing its own module.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Callable

from .functions import COSTS, act_prime_tex


@dataclass(frozen=True)
class Variant:
    """One closed form of an equation: ``closed_form(net, key) -> (expression, LaTeX)``.

    The errors ``e_j^[l]`` it uses are ``net.e(l, j)``, SymPy's derivatives of the cost. ``closed_form``
    raises ``IndexError`` for an instance where the form is undefined (an index outside its layer); such
    instances are skipped, not compared. ``costs``: the costs the variant is about.
    """

    name: str
    description: str
    closed_form: Callable
    costs: tuple = COSTS


@dataclass(frozen=True)
class EquationSpec:
    """Everything :mod:`backprop.symbolic` needs to know about BP``number`` (see the module docstring)."""

    number: int
    statement: str
    quantity: str
    keys: Callable
    lhs: Callable
    lhs_tex: Callable
    variants: dict
    indexed: Callable
    chain_rule: Callable
    needs_hidden_layer: bool = False
    instance_word: str = field(default="neurons")

    @property
    def name(self) -> str:
        return f"BP{self.number}"


# -- LaTeX pieces several equations write -----------------------------------------------------------------
def idx(*ix) -> str:
    """Subscript text for indices: ``12`` when all are single digits, else ``1,12``."""
    return "".join(map(str, ix)) if all(i < 10 for i in ix) else ",".join(map(str, ix))


def quantity_tex(letter: str, l, *ix) -> str:
    """``letter^{[l]}_{ix}``, e.g. ``quantity_tex("e", 2, 1)`` is ``e^{[2]}_{1}``."""
    return f"{letter}^{{[{l}]}}_{{{idx(*ix)}}}"


def g_prime_tex(net, l, j) -> str:
    """``g'(z_j^[l])`` (or ``σ'``, ``tanh'``) for a neuron of the symbolic network ``net``."""
    return act_prime_tex(net.activation) + rf"\left({quantity_tex('z', l, j)}\right)"


def dc_da_tex(net, j, factor: str = "") -> str:
    """``∂c_x/∂a_j^[L]`` as the cost of ``net`` writes it (``factor`` in front, e.g. ``2``)."""
    a, y = quantity_tex("a", net.L, j), f"y_{{{idx(j)}}}"
    if net.cost_name == "quadratic":
        return rf"{factor}\left({a} - {y}\right)"
    return rf"\frac{{{a} - {y}}}{{{a}\left(1 - {a}\right)}}"
