"""A small reverse-mode automatic differentiation engine, in the spirit of micrograd.

A :class:`Value` is one number that remembers how it was made: the values it came from (its
*parents*) and, for each parent, the *local derivative* of the operation that made it (the slope of
one link of the chain, as in the chain-rule chapter). ``c.backward()`` sorts the graph that ends in
``c`` topologically and sweeps it once, from ``c`` back to the inputs, adding
``local derivative × grad of the child`` into each parent: the multivariable chain rule, one edge
at a time. The sweep adds ``∂c/∂v`` into ``v.grad`` for every value ``v`` in the graph; grads
accumulate over sweeps, as in PyTorch, until ``c.zero_grad()`` sets them to 0.

:func:`network_graph` builds the book's network out of ``Value`` objects, one per input, weight,
bias, ``z`` and ``a``; its backward sweep computes the same gradients as ``Network.backprop``, and
the ``grad`` of each ``z``-node is the error ``e_j^[l]`` of BP1 and BP2.

Scalars only, plain Python floats: slow, but every step can be printed.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

import numpy as np

from ._validate import finite_float, instance, one_of, power_of

__all__ = ["Value", "topological_order", "forward_mode_derivative", "graph_rows", "label_tex",
           "node_name",
           "NetworkGraph", "network_graph", "autodiff_backprop"]


class Value:
    """One scalar of a computation, with the local derivatives that link it to its parents.

    ``data``: the number; ``grad``: ``∂(output)/∂(this value)`` after ``output.backward()`` (added
    up over calls, until ``output.zero_grad()``);
    ``parents`` and ``local_grads``: the values this one was computed from, and the partial
    derivative of this value with respect to each of them; ``op``: the operation's name;
    ``label``: an optional name for printing (``'z_1^[2]'``).
    """

    __slots__ = ("data", "grad", "parents", "local_grads", "op", "label")

    def __init__(self, data, parents=(), local_grads=(), op="", label=""):
        self.data = finite_float(data, "a Value's data")
        self.grad = 0.0
        self.parents = tuple(parents)
        self.local_grads = tuple(float(d) for d in local_grads)
        if len(self.parents) != len(self.local_grads):
            raise ValueError("a Value needs one local derivative per parent")
        self.op = op
        self.label = label

    def __repr__(self) -> str:
        name = f", label={self.label!r}" if self.label else ""
        made = f", op={self.op!r}" if self.op else ""
        return f"Value(data={self.data:.6g}, grad={self.grad:.6g}{made}{name})"

    # -- the operations, each with its local derivative(s) ---------------------------------------
    @staticmethod
    def _lift(other):
        return other if isinstance(other, Value) else Value(other)

    def __add__(self, other):
        other = self._lift(other)
        # ∂(u + v)/∂u = 1, ∂(u + v)/∂v = 1
        return Value(self.data + other.data, (self, other), (1.0, 1.0), "+")

    def __mul__(self, other):
        other = self._lift(other)
        # ∂(u v)/∂u = v, ∂(u v)/∂v = u
        return Value(self.data * other.data, (self, other),
                     (other.data, self.data), "*")

    def __neg__(self):
        return Value(-self.data, (self,), (-1.0,), "neg")

    def __sub__(self, other):
        other = self._lift(other)
        return Value(self.data - other.data, (self, other), (1.0, -1.0), "-")

    def __truediv__(self, other):
        other = self._lift(other)
        if other.data == 0.0:
            raise ZeroDivisionError(f"division of {self!r} by a Value equal to 0")
        q = self.data / other.data
        # ∂(u/v)/∂u = 1/v, ∂(u/v)/∂v = −u/v² = −(u/v)/v (v² alone
        # underflows to 0 for |v| < 1e-162, the quotient need not)
        return Value(q, (self, other), (1.0 / other.data, -q / other.data),
                     "/")

    def __pow__(self, k):
        if isinstance(k, Value):
            raise TypeError("Value ** Value is not supported: the exponent must "
                            "be a constant number (write exp(v * log(u)) instead)")
        u, k = self.data, finite_float(k, "the exponent")
        if k == 0:
            # u^0 = 1 for every u, 0^0 included; its derivative is 0
            # (as in PyTorch)
            return Value(1.0, (self,), (0.0,), "**0")
        power_of(u, k)
        # ∂(u^k)/∂u = k u^(k−1)
        return Value(u ** k, (self,), (k * u ** (k - 1),), f"**{k:g}")

    def __radd__(self, other):
        return self + other

    def __rmul__(self, other):
        return self * other

    def __rsub__(self, other):
        return self._lift(other) - self

    def __rtruediv__(self, other):
        return self._lift(other) / self

    def exp(self):
        if self.data > 709.0:
            raise OverflowError(f"exp({self.data:g}) overflows a float64")
        out = math.exp(self.data)
        # exp' = exp
        return Value(out, (self,), (out,), "exp")

    def log(self):
        if self.data <= 0.0:
            raise ValueError(f"log needs a positive argument, got {self.data:g}")
        return Value(math.log(self.data), (self,), (1.0 / self.data,), "log")

    def sigmoid(self):
        # σ' = σ(1 − σ); below −709 exp overflows, and σ is 0 in float64
        s = 1.0 / (1.0 + math.exp(-self.data)) if self.data > -709.0 else 0.0
        return Value(s, (self,), (s * (1.0 - s),), "sigmoid")

    def tanh(self):
        t = math.tanh(self.data)
        # tanh' = 1 − tanh²
        return Value(t, (self,), (1.0 - t * t,), "tanh")

    def relu(self):
        # The derivative at exactly 0 is taken as 0, as in backprop.activations.
        return Value(max(self.data, 0.0), (self,),
                     (1.0 if self.data > 0 else 0.0,), "relu")

    def identity(self):
        return Value(self.data, (self,), (1.0,), "identity")

    # -- the backward sweep -------------------------------------------------------------------------
    def backward(self, trace=None):
        """Add ``∂self/∂v`` into ``v.grad`` for every ``v`` that ``self``
        depends on.

        Grads accumulate, as in PyTorch: a second call adds the same
        derivatives again (:meth:`zero_grad` starts over from 0). The
        sweep runs the topological order backwards, so that ``∂self/∂v`` is
        complete (every value computed from ``v`` has passed its share on)
        before ``v`` passes its own share to its parents. ``trace``: a list
        to which each value is appended when the sweep reaches it.
        """
        order = topological_order(self)
        fresh = {v: 0.0 for v in order}  # this sweep's ∂self/∂v
        fresh[self] = 1.0
        for v in reversed(order):
            if trace is not None:
                trace.append(v)
            v.grad += fresh[v]
            for parent, local in zip(v.parents, v.local_grads):
                # the chain rule along one edge:
                # ∂self/∂parent += ∂v/∂parent · ∂self/∂v
                fresh[parent] += local * fresh[v]
        return self

    def zero_grad(self):
        """Set ``v.grad = 0`` for ``self`` and every ``v`` it depends on."""
        for v in topological_order(self):
            v.grad = 0.0
        return self


def topological_order(root: Value) -> list:
    """Every value ``root`` depends on, each after all of its parents (``root`` last).

    Depth-first, with an explicit stack (a deep network would exceed Python's recursion limit).
    """
    instance(root, Value, "the root of a graph")
    order, done, stack = [], set(), [(root, False)]
    while stack:
        v, parents_done = stack.pop()
        if parents_done:
            order.append(v)
            continue
        if id(v) in done:
            continue
        done.add(id(v))
        stack.append((v, True))
        # reversed: the first parent is popped, and so placed, first
        stack.extend((p, False) for p in reversed(v.parents) if id(p) not in done)
    return order


_SYMBOLS = {"*": "×", "+": "+", "-": "−", "/": "÷", "neg": "−", "exp": "exp", "log": "log",
            "sigmoid": "σ", "tanh": "tanh", "relu": "relu", "identity": "identity"}


def node_name(v: Value) -> str:
    """How a value is named in tables and figures: its label as math, else its operation."""
    if v.label:
        return label_tex(v.label)
    if v.op.startswith("**"):
        return f"$(\\cdot)^{{{v.op[2:]}}}$"
    return _SYMBOLS.get(v.op, v.op)


def graph_rows(root: Value) -> list:
    """One row per value of the graph ending in ``root``, in topological order, for printing:
    ``(name, data, local derivatives, grad)`` (names from :func:`node_name`). Unlabelled inputs
    (constants such as a target ``y`` or the ``½``) are left out."""
    rows = []
    for v in topological_order(root):
        if not v.parents and not v.label:
            continue
        local = ", ".join(f"{d:.4g}" for d in v.local_grads) or "(input)"
        rows.append((node_name(v), v.data, local, v.grad))
    return rows


def label_tex(label: str) -> str:
    """A ``network_graph`` label as inline math: ``'w_11^[1]'`` → ``'$w_{11}^{[1]}$'``."""
    m = re.fullmatch(r"([a-zA-Z]+)_(\d+)(?:\^\[(\d+)\])?(.*)", label)
    if not m:
        return f"${label}$" if label.isalpha() else label
    name, sub, layer, rest = m.groups()
    sup = f"^{{[{layer}]}}" if layer else ""
    return f"${name}_{{{sub}}}{sup}${rest}"


def forward_mode_derivative(root: Value, leaf: Value) -> tuple:
    """``∂root/∂leaf`` by *forward* mode: one sweep from the inputs to ``root``.

    Uses the same local derivatives as :meth:`Value.backward`, but carries the tangent
    ``∂v/∂leaf`` forwards. Returns ``(derivative, edges)``, where ``edges`` counts the local
    derivatives used: one sweep gives the derivative with respect to one leaf only.
    """
    instance(leaf, Value, "leaf")
    tangent, edges = {}, 0
    for v in topological_order(root):
        if v is leaf:
            tangent[id(v)] = 1.0
            continue
        t = 0.0
        for parent, local in zip(v.parents, v.local_grads):
            t += local * tangent[id(parent)]
            edges += 1
        tangent[id(v)] = t
    return tangent[id(root)], edges


# -- the book's network, made of Values --------------------------------------------------------------
_COSTS = ("quadratic", "cross_entropy", "softmax_cross_entropy")
_ACTIVATIONS = ("sigmoid", "tanh", "relu", "identity")


@dataclass
class NetworkGraph:
    """The computation of the averaged cost ``C`` of a network, as a graph of :class:`Value`.

    ``w[l-1][j][k]`` is the Value of ``w_jk^[l]`` (0-based lists, layers from 1 as in ``Network``),
    ``b[l-1][j]`` that of ``b_j^[l]``; ``z[l-1][j][i]`` and ``a[l][j][i]`` are ``z_j^[l]`` and
    ``a_j^[l]`` for example (column) ``i``; ``cost`` is ``C``. Call ``cost.backward()`` first.
    """

    w: list
    b: list
    z: list
    a: list
    cost: Value

    def gradients(self):
        """``(nabla_w, nabla_b)`` from the grads of the parameter nodes, in the package's shapes."""
        nabla_w = [np.array([[v.grad for v in row] for row in w]) for w in self.w]
        nabla_b = [np.array([[v.grad] for v in b]) for b in self.b]
        return nabla_w, nabla_b

    def errors(self):
        """The grads of the ``z``-nodes, layer by layer: shape ``(n_l, m)`` like ``Backward.errors``.

        They are ``∂C/∂z^[l]``. Over a batch ``C = (1/m) Σ c_x``, so they are the errors
        ``e^[l] = ∂c_x/∂z^[l]`` divided by ``m``; :meth:`errors` multiplies the ``m`` back in.
        """
        m = len(self.z[0][0])
        return [m * np.array([[v.grad for v in row] for row in z]) for z in self.z]

    @property
    def n_values(self) -> int:
        return len(topological_order(self.cost))


def _unit(name, v):
    return getattr(v, one_of(name, "activation for autodiff", _ACTIVATIONS))()


def network_graph(net, X, Y) -> NetworkGraph:
    """Build the averaged cost ``C`` of ``net`` on the batch ``(X, Y)`` out of :class:`Value` nodes.

    ``X``: shape ``(n_0, m)`` (or 1-D, one example), ``Y``: shape ``(n_L, m)``. The parameters are
    copied into new leaf Values (``net`` is not changed). Labels follow the notation:
    ``'w_12^[2]'``, ``'z_1^[2]'`` (with ``'(x3)'`` appended for the fourth example of a batch).
    """
    batch = net.check_batch(X, Y)
    X, Y = batch.X, batch.Y
    cost_name = net.cost_function.name
    one_of(cost_name, "cost for autodiff", _COSTS)
    L, m = net.L, X.shape[1]
    w = [[[Value(net.w(l)[j, k], label=f"w_{j + 1}{k + 1}^[{l}]")
           for k in range(net.sizes[l - 1])] for j in range(net.sizes[l])]
         for l in range(1, L + 1)]
    b = [[Value(net.b(l)[j, 0], label=f"b_{j + 1}^[{l}]") for j in range(net.sizes[l])]
         for l in range(1, L + 1)]
    tag = (lambda i: "") if m == 1 else (lambda i: f"(x{i})")
    a = [[[Value(X[k, i], label=f"x_{k + 1}{tag(i)}") for i in range(m)]
          for k in range(net.sizes[0])]]
    z = []
    for l in range(1, L + 1):
        z_l, a_l = [], []
        for j in range(net.sizes[l]):
            row_z, row_a = [], []
            for i in range(m):
                # z_j^[l] = Σ_k w_jk^[l] a_k^[l-1] + b_j^[l]
                s = b[l - 1][j]
                for k in range(net.sizes[l - 1]):
                    s = s + w[l - 1][j][k] * a[l - 1][k][i]
                s.label = f"z_{j + 1}^[{l}]{tag(i)}"
                row_z.append(s)
                if l < L or cost_name != "softmax_cross_entropy":
                    act = _unit(net.g(l).name, s)
                    act.label = f"a_{j + 1}^[{l}]{tag(i)}"
                    row_a.append(act)
            z_l.append(row_z)
            a_l.append(row_a)
        if l == L and cost_name == "softmax_cross_entropy":
            a_l = _softmax(z_l, m, tag, L)
        z.append(z_l)
        a.append(a_l)
    per_example = [_cost(cost_name, [a[L][j][i] for j in range(net.sizes[L])], Y[:, i])
                   for i in range(m)]
    total = per_example[0]
    for c in per_example[1:]:
        total = total + c
    # C = (1/m) Σ_x c_x; with one example C is c_x itself.
    cost = total * (1.0 / m) if m > 1 else total
    cost.label = "C"
    return NetworkGraph(w, b, z, a, cost)


def _softmax(z_L, m, tag, L):
    out = [[None] * m for _ in z_L]
    for i in range(m):
        exps = [row[i].exp() for row in z_L]
        total = exps[0]
        for e in exps[1:]:
            total = total + e
        for j, e in enumerate(exps):
            out[j][i] = e / total
            out[j][i].label = f"a_{j + 1}^[{L}]{tag(i)}"
    return out


def _cost(name, a, y):
    """``c_x`` of one example from its output Values ``a`` and targets ``y`` (numbers)."""
    terms = []
    for a_j, y_j in zip(a, y):
        if name == "quadratic":
            terms.append(0.5 * (a_j - y_j) ** 2)
        elif name == "cross_entropy":
            terms.append(-(y_j * a_j.log() + (1.0 - y_j) * (1.0 - a_j).log()))
        else:
            terms.append(-(y_j * a_j.log()))
    c = terms[0]
    for t in terms[1:]:
        c = c + t
    return c


def autodiff_backprop(net, X, Y):
    """``(nabla_w, nabla_b)`` of ``C`` by the autodiff engine: same contract as ``Network.backprop``.

    Can be passed as ``backprop_fn`` to ``check_gradients``.
    """
    graph = network_graph(net, X, Y)
    graph.cost.backward()
    return graph.gradients()
