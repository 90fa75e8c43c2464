"""A fully connected network whose backward pass is the four equations.

Notation (``docs/notation.md``): layers ``l = 0..L``, input ``a^[0] = x``;
``z^[l] = w^[l] a^[l-1] + b^[l]`` and ``a^[l] = g(z^[l])``; ``w^[l]`` has shape ``(n_l, n_{l-1})``;
a batch of ``m`` examples is stacked as the columns of ``X`` (shape ``(n_0, m)``).

Python lists are 0-based and layers are 1-based: ``weights[l-1]`` is ``w^[l]`` and ``biases[l-1]`` is
``b^[l]``. ``net.w(l)`` and ``net.b(l)`` index by layer number, as the text does.

Checked once, then unchecked. Every public method checks what it is given (the parameters: float64, finite,
of the right shapes; ``X``; ``Y`` for this cost). A loop that passes the same data many times checks it once instead::

    batch = net.check_batch(X, Y)     # a Batch: X (n_0, m), Y (n_L, m), checked for this network
    for step in range(1000):
        nabla_w, nabla_b = net.backprop(batch)   # no checks: the batch vouches for its arrays

``forward``, ``feedforward``, ``cost``, ``backward`` and ``backprop`` all accept a :class:`Batch` in place of
``X, Y``; ``batch.take(cols)`` is a checked mini-batch of its columns.

Every pass allocates fresh arrays, as Nielsen's ``network.py`` does: nothing a method returns is
written to again by a later call.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Optional

import numpy as np

from . import _validate
from ._validate import as_matrix, same_columns
from .activations import Activation, get_activation
from .costs import Cost, get_cost
from .equations import STANDARD, Equations


@dataclass
class Forward:
    """Every ``z^[l]`` and ``a^[l]`` of one forward pass.

    ``zs[l-1]`` is ``z^[l]`` for ``l = 1..L``; ``activations[l]`` is ``a^[l]`` for ``l = 0..L`` (the input is
    ``activations[0]``). Each array has shape ``(n_l, m)``.
    """

    zs: list
    activations: list

    def z(self, l: int) -> np.ndarray:
        """``z^[l]``, for a layer ``l`` in ``1..L``."""
        return self.zs[_validate.layer(l, len(self.zs), first=1) - 1]

    def a(self, l: int) -> np.ndarray:
        """``a^[l]``, for a layer ``l`` in ``0..L``."""
        return self.activations[_validate.layer(l, len(self.zs), first=0)]

    @property
    def output(self) -> np.ndarray:
        return self.activations[-1]


@dataclass
class Backward:
    """The errors and gradients of one backward pass.

    ``errors[l-1]`` is ``e^[l] = ∂c_x/∂z^[l]`` (shape ``(n_l, m)``, one column per example);
    ``nabla_w[l-1]`` and ``nabla_b[l-1]`` are ``∂C/∂w^[l]`` and ``∂C/∂b^[l]`` of the averaged cost.
    """

    forward: Forward
    errors: list
    nabla_w: list
    nabla_b: list

    def e(self, l: int) -> np.ndarray:
        """``e^[l]``, for a layer ``l`` in ``1..L``."""
        return self.errors[_validate.layer(l, len(self.errors), first=1) - 1]


@dataclass(frozen=True, eq=False)
class Batch:
    """Inputs ``X`` (shape ``(n_0, m)``) and targets ``Y`` (``(n_L, m)``, or None) checked for one network.

    Made by :meth:`Network.check_batch`; the network's passes take it without checking again. It records the
    ``sizes`` and cost it was checked for, and a network of another shape or cost refuses it. Changing its
    arrays in place afterwards is not checked.
    """

    X: np.ndarray
    Y: Optional[np.ndarray]
    sizes: tuple
    cost_name: str

    @property
    def m(self) -> int:
        """The number of examples (columns)."""
        return self.X.shape[1]

    def take(self, cols) -> "Batch":
        """The columns ``cols`` (integer indices) as a batch, without checking again."""
        Y = None if self.Y is None else self.Y[:, cols]
        return Batch(self.X[:, cols], Y, self.sizes, self.cost_name)

    def __repr__(self) -> str:
        targets = "no targets" if self.Y is None else f"Y {self.Y.shape}"
        return f"Batch(X {self.X.shape}, {targets}, checked for sizes {list(self.sizes)}, cost {self.cost_name!r})"


class Network:
    """A fully connected feed-forward network.

    ``sizes`` lists the widths ``[n_0, n_1, ..., n_L]``, e.g. ``[2, 3, 2]`` for the running example (L = 2).
    ``activation`` is used by every layer (by name: sigmoid, tanh, relu, identity); ``cost_function`` by name:
    quadratic, cross_entropy (whose output layer is a sigmoid, so that outputs lie in (0, 1)),
    softmax_cross_entropy (whose output layer is a softmax).
    Weights start as Gaussians scaled by ``1/sqrt(n_{l-1})``, biases as standard Gaussians, drawn from
    ``numpy.random.default_rng(seed)``.
    """

    def __init__(self, sizes, activation="sigmoid", cost_function="quadratic", seed=None):
        self.sizes = _validate.layer_sizes(sizes)
        self.activation: Activation = get_activation(activation)
        self.cost_function: Cost = get_cost(cost_function)
        # The output layer's activation: the hidden one, unless the cost needs its own (softmax).
        self.output_activation: Activation = self.cost_function.output_activation or self.activation
        rng = np.random.default_rng(_validate.rng_seed(seed))
        self.weights = [rng.standard_normal((n, n_prev)) / np.sqrt(n_prev)
                        for n_prev, n in zip(self.sizes[:-1], self.sizes[1:])]
        self.biases = [rng.standard_normal((n, 1)) for n in self.sizes[1:]]

    # -- layer-numbered access, as in the text ---------------------------------------------------------
    @property
    def L(self) -> int:
        """Number of layers with weights (the input layer is not counted)."""
        return len(self.sizes) - 1

    def w(self, l: int) -> np.ndarray:
        """The weight matrix ``w^[l]``, shape ``(n_l, n_{l-1})``, for ``l`` in ``1..L``."""
        return self.weights[_validate.layer(l, self.L) - 1]

    def b(self, l: int) -> np.ndarray:
        """The bias vector ``b^[l]``, shape ``(n_l, 1)``, for ``l`` in ``1..L``."""
        return self.biases[_validate.layer(l, self.L) - 1]

    def g(self, l: int) -> Activation:
        """The activation of layer ``l``."""
        return self.output_activation if l == self.L else self.activation

    def copy(self) -> "Network":
        clone = object.__new__(Network)
        clone.__dict__.update(self.__dict__)
        clone.sizes = list(self.sizes)
        try:
            clone.weights = [w.copy() for w in self.weights]
            clone.biases = [b.copy() for b in self.biases]
        except (AttributeError, TypeError):
            # junk put into net.weights or net.biases: the check forward and sgd use says what
            _validate.parameters(self.weights, self.biases, self.sizes)
            raise
        return clone

    @property
    def n_params(self) -> int:
        return sum(w.size + b.size for w, b in zip(self.weights, self.biases))

    def __repr__(self) -> str:
        # short enough for the book's column: Network([2, 3, 2], sigmoid,
        # quadratic cost, 17 parameters)
        cost = self.cost_function.name.replace("_", "-")
        return (f"Network({self.sizes}, {self.activation.name}, {cost} cost, "
                f"{self.n_params} parameters)")

    # -- checks ------------------------------------------------------------------------------------------
    def check_batch(self, X, Y=None) -> Batch:
        """Check ``X`` (shape ``(n_0, m)``, or 1-D for one example), ``Y`` (``(n_L, m)``, targets valid for
        this cost; or None for inputs only) and the network's own parameters, once; return a :class:`Batch`
        that ``forward``, ``cost``, ``backward`` and ``backprop`` take without checking again. A Batch passed
        in is returned as it is, if it was made for a network of this shape and cost."""
        if isinstance(X, Batch):
            return self._checked(X, Y, targets=False)
        _validate.parameters(self.weights, self.biases, self.sizes)
        X = as_matrix(X, "X", rows=self.sizes[0])
        if Y is not None:
            Y = as_matrix(Y, "Y", rows=self.sizes[-1])
            same_columns(X, Y)
            _validate.targets(Y, self.cost_function.name)
        return Batch(X, Y, tuple(self.sizes), self.cost_function.name)

    def _checked(self, X, Y=None, targets=True) -> Batch:
        """``X, Y`` as a checked :class:`Batch` (checked now, or already a Batch made for this network)."""
        if not isinstance(X, Batch):
            if targets and Y is None:
                raise TypeError("targets Y are needed: pass X and Y, or a Batch made with targets")
            return self.check_batch(X, Y)
        if Y is not None:
            raise TypeError("pass either a Batch or X and Y, not both")
        if X.sizes != tuple(self.sizes) or X.cost_name != self.cost_function.name:
            raise ValueError(f"this batch was checked for sizes {list(X.sizes)} and cost {X.cost_name!r}, not for "
                             f"this network's {self.sizes} and {self.cost_function.name!r}; check it again")
        if targets and X.Y is None:
            raise ValueError("this batch has no targets Y; make it with net.check_batch(X, Y)")
        return X

    # -- forward ---------------------------------------------------------------------------------------
    def _forward(self, A, first=1):
        """Layers first..L from ``A = a^[first-1]``: every z^[l] and a^[l]."""
        zs, activations = [], [A]
        for l in range(first, self.L + 1):
            # z^[l] = w^[l] a^[l-1] + b^[l]
            z = self.weights[l - 1] @ activations[-1] + self.biases[l - 1]
            zs.append(z)
            # a^[l] = g(z^[l])
            activations.append(self.g(l).fn(z))
        return Forward(zs, activations)

    def forward(self, X) -> Forward:
        """Forward pass keeping every ``z^[l]`` and ``a^[l]``. ``X``: shape ``(n_0, m)`` (or 1-D, one example),
        or a :class:`Batch`."""
        return self._forward(self._checked(X, targets=False).X)

    def feedforward(self, X) -> np.ndarray:
        """The output ``a^[L]``: shape ``(n_L, m)`` for ``X`` of shape ``(n_0, m)``; 1-D in, 1-D out."""
        out = self.forward(X).output
        return out[:, 0] if not isinstance(X, Batch) and np.ndim(X) == 1 else out

    def cost(self, X, Y=None, forward: Optional[Forward] = None) -> float:
        """The averaged cost ``C = (1/m) Σ_x c_x`` over the columns of ``X`` and ``Y`` (or of a Batch).

        ``forward``: the :class:`Forward` of these inputs if already computed (saves a pass).
        """
        batch = self._checked(X, Y)
        fwd = forward or self._forward(batch.X)
        L = self.L
        return float(np.mean(self.cost_function.value(fwd.zs[-1], fwd.output, batch.Y, self.g(L))))

    def costs_from_layer(self, l: int, z, Y) -> np.ndarray:
        """The per-example costs ``c_x``, shape ``(m,)``, as a function of ``z^[l]`` alone.

        ``a^[l] = g(z^[l])`` is carried through layers ``l+1..L``; ``z`` has shape ``(n_l, m)``. Differentiating
        this with respect to ``z`` measures the errors ``e^[l] = ∂c_x/∂z^[l]`` without backpropagation.
        """
        l = _validate.layer(l, self.L)
        _validate.parameters(self.weights, self.biases, self.sizes)
        z = as_matrix(z, "z", rows=self.sizes[l])
        Y = as_matrix(Y, "Y", rows=self.sizes[-1])
        same_columns(z, Y, "z", "Y")
        rest = self._forward(self.g(l).fn(z), first=l + 1)
        z_L = rest.zs[-1] if rest.zs else z  # for l = L no layer is left to run
        return self.cost_function.value(z_L, rest.output, Y, self.g(self.L))

    # -- backward: the four equations ------------------------------------------------------------------
    def _backward(self, X, Y, equations=STANDARD):
        """Forward and backward pass over checked ``X``, ``Y``, using
        the four ``equations``."""
        fwd = self._forward(X)
        zs, acts, L = fwd.zs, fwd.activations, self.L
        errors = [None] * L    # errors[l-1] is e^[l]
        # BP1: the output error e^[L] = ∂c_x/∂a^[L] ⊙ g'(z^[L]), with
        # ∂c_x/∂a^[L] from the cost.
        errors[L - 1] = self.cost_function.output_error(
            zs[L - 1], acts[L], Y, self.g(L), equations.bp1_output_error)
        # BP2: from layer L-1 back to layer 1,
        # e^[l] = (w^[l+1])ᵀ e^[l+1] ⊙ g'(z^[l]).
        for l in range(L - 1, 0, -1):
            g_prime = self.g(l).prime(zs[l - 1], acts[l])
            errors[l - 1] = equations.bp2_error_back(
                self.weights[l], errors[l], g_prime)
        # BP3: ∂C/∂b^[l], the errors averaged over the columns.
        nabla_b = [equations.bp3_bias_gradient(e) for e in errors]
        # BP4: ∂C/∂w^[l] = (1/m) e^[l] (a^[l-1])ᵀ.
        nabla_w = [equations.bp4_weight_gradient(errors[l - 1], acts[l - 1])
                   for l in range(1, L + 1)]
        return Backward(fwd, errors, nabla_w, nabla_b)

    def backward(self, X, Y=None, equations: Equations = STANDARD) -> Backward:
        """Forward and backward pass over a batch: every ``z``, ``a``, the errors ``e^[l]`` and the gradients
        of ``C``. ``X``: ``(n_0, m)``, ``Y``: ``(n_L, m)``, or a :class:`Batch` alone.

        ``equations``: the four equations to use (``equations.STANDARD``; ``STANDARD.swap(...)`` changes one).
        """
        batch = self._checked(X, Y)
        return self._backward(batch.X, batch.Y, equations)

    def backprop(self, X, Y=None, equations: Equations = STANDARD):
        """``(nabla_w, nabla_b)``: the gradient of ``C = (1/m) Σ_x c_x`` over the ``m`` columns of X, Y.

        Shapes match ``weights`` and ``biases``. The whole batch goes through matrix products at once.
        ``X, Y`` or a :class:`Batch`; ``equations`` as in :meth:`backward`.
        """
        result = self.backward(X, Y, equations)
        return result.nabla_w, result.nabla_b
