"""A fully connected network whose backward pass is the four equations.

Notation (``shared/notes/math.md``): layers ``l = 0..L``, input ``a^[0] = x``;
``z^[l] = w^[l] a^[l-1] + b^[l]`` and ``a^[l] = g(z^[l])``; ``w^[l]`` has shape ``(n_l, n_{l-1})``;
a batch of ``m`` examples is stacked as the columns of ``X`` (shape ``(n_0, m)``).

Python lists are 0-based and layers are 1-based: ``weights[l-1]`` is ``w^[l]`` and ``biases[l-1]`` is
``b^[l]``. ``net.w(l)`` and ``net.b(l)`` index by layer number, as the text does.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from . import equations
from ._validate import as_matrix, positive_int, same_columns
from .activations import Activation, get_activation
from .costs import Cost, get_cost


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
        _check_layer(l, len(self.zs), first=1)
        return self.zs[l - 1]

    def a(self, l: int) -> np.ndarray:
        """``a^[l]``, for a layer ``l`` in ``0..L``."""
        _check_layer(l, len(self.zs), first=0)
        return self.activations[l]

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
        _check_layer(l, len(self.errors), first=1)
        return self.errors[l - 1]


def _check_layer(l, L, first):
    if isinstance(l, bool) or not isinstance(l, (int, np.integer)) or not first <= l <= L:
        raise ValueError(f"layer must be an integer in {first}..{L}, got {l!r}")


class Network:
    """A fully connected feed-forward network.

    ``sizes`` lists the widths ``[n_0, n_1, ..., n_L]``, e.g. ``[2, 3, 2]`` for the running example (L = 2).
    ``activation`` is used by every layer (by name: sigmoid, tanh, relu, identity); ``cost`` by name:
    quadratic, cross_entropy (whose output layer is a sigmoid, so that outputs lie in (0, 1)),
    softmax_cross_entropy (whose output layer is a softmax).
    Weights start as Gaussians scaled by ``1/sqrt(n_{l-1})``, biases as standard Gaussians, drawn from
    ``numpy.random.default_rng(seed)``.
    """

    def __init__(self, sizes, activation="sigmoid", cost="quadratic", seed=None):
        if isinstance(sizes, (str, bytes)) or not hasattr(sizes, "__len__"):
            raise TypeError(f"sizes must be a list of layer widths like [2, 3, 2], got {sizes!r}")
        if len(sizes) < 2:
            raise ValueError(f"sizes must list at least 2 layer widths (input and output), got {list(sizes)!r}")
        self.sizes = [positive_int(n, f"sizes[{i}]") for i, n in enumerate(sizes)]
        self.activation: Activation = get_activation(activation)
        self.cost_fn: Cost = get_cost(cost)
        # The output layer's activation: the hidden one, unless the cost needs its own (softmax).
        self.output_activation: Activation = self.cost_fn.output_activation or self.activation
        rng = np.random.default_rng(seed)
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
        _check_layer(l, self.L, first=1)
        return self.weights[l - 1]

    def b(self, l: int) -> np.ndarray:
        """The bias vector ``b^[l]``, shape ``(n_l, 1)``, for ``l`` in ``1..L``."""
        _check_layer(l, self.L, first=1)
        return self.biases[l - 1]

    def g(self, l: int) -> Activation:
        """The activation of layer ``l``."""
        return self.output_activation if l == self.L else self.activation

    def copy(self) -> "Network":
        clone = object.__new__(Network)
        clone.__dict__.update(self.__dict__)
        clone.sizes = list(self.sizes)
        clone.weights = [w.copy() for w in self.weights]
        clone.biases = [b.copy() for b in self.biases]
        return clone

    @property
    def n_params(self) -> int:
        return sum(w.size + b.size for w, b in zip(self.weights, self.biases))

    def __repr__(self) -> str:
        return (f"Network(sizes={self.sizes}, activation={self.activation.name!r}, "
                f"cost={self.cost_fn.name!r}, params={self.n_params})")

    # -- checks ------------------------------------------------------------------------------------------
    def _check_parameters(self):
        """Weights and biases are plain lists a caller may replace: check them before each use."""
        if len(self.weights) != self.L or len(self.biases) != self.L:
            raise ValueError(f"net.weights and net.biases must each hold {self.L} arrays, "
                             f"got {len(self.weights)} and {len(self.biases)}")
        for l in range(1, self.L + 1):
            w, b = self.weights[l - 1], self.biases[l - 1]
            expected = (self.sizes[l], self.sizes[l - 1])
            if np.shape(w) != expected:
                raise ValueError(f"w^[{l}] (net.weights[{l-1}]) must have shape {expected}, got {np.shape(w)}")
            if np.shape(b) != (self.sizes[l], 1):
                raise ValueError(f"b^[{l}] (net.biases[{l-1}]) must have shape {(self.sizes[l], 1)}, "
                                 f"got {np.shape(b)}")

    def _batch(self, X, Y):
        """``(X, Y)`` checked for a pass over a batch: the parameters, the inputs, the targets of this cost."""
        self._check_parameters()
        X = self._inputs(X)
        return X, self._targets(Y, X)

    def _inputs(self, X):
        return as_matrix(X, "X", rows=self.sizes[0])

    def _targets(self, Y, X):
        Y = as_matrix(Y, "Y", rows=self.sizes[-1])
        same_columns(X, Y)
        name = self.cost_fn.name
        if name in ("cross_entropy", "softmax_cross_entropy") and (Y.min() < 0 or Y.max() > 1):
            raise ValueError(f"the {name} cost needs targets Y in [0, 1], got values in [{Y.min()}, {Y.max()}]")
        if name == "softmax_cross_entropy" and not np.allclose(Y.sum(axis=0), 1.0):
            raise ValueError("the softmax_cross_entropy cost needs each column of Y to sum to 1 (one-hot or "
                             "probabilities)")
        return Y

    # -- forward ---------------------------------------------------------------------------------------
    def _forward(self, A, first: int = 1):
        """Run layers ``first..L`` from ``A = a^[first-1]`` (the whole network from ``a^[0]`` by default)."""
        zs, activations = [], [A]
        for l in range(first, self.L + 1):
            z = self.weights[l - 1] @ activations[-1]  # z^[l] = w^[l] a^[l-1] + b^[l]
            z += self.biases[l - 1]                    # (the bias added in place: no second array)
            zs.append(z)
            activations.append(self.g(l).fn(z))                             # a^[l] = g(z^[l])
        return Forward(zs, activations)

    def forward(self, X) -> Forward:
        """Forward pass keeping every ``z^[l]`` and ``a^[l]``. ``X``: shape ``(n_0, m)`` (or 1-D, one example)."""
        self._check_parameters()
        return self._forward(self._inputs(X))

    def feedforward(self, X) -> np.ndarray:
        """The output ``a^[L]``: shape ``(n_L, m)`` for ``X`` of shape ``(n_0, m)``; 1-D in, 1-D out."""
        out = self.forward(X).output
        return out[:, 0] if np.ndim(X) == 1 else out

    def cost(self, X, Y) -> float:
        """The averaged cost ``C = (1/m) Σ_x c_x`` over the columns of ``X`` and ``Y``."""
        X, Y = self._batch(X, Y)
        return self._cost(self._forward(X), Y)

    def costs_from_layer(self, l: int, z, Y) -> np.ndarray:
        """The per-example costs ``c_x``, shape ``(m,)``, as a function of ``z^[l]`` alone.

        ``a^[l] = g(z^[l])`` is carried through layers ``l+1..L``; ``z`` has shape ``(n_l, m)``. Differentiating
        this with respect to ``z`` measures the errors ``e^[l] = ∂c_x/∂z^[l]`` without backpropagation.
        """
        _check_layer(l, self.L, first=1)
        self._check_parameters()
        z = as_matrix(z, "z", rows=self.sizes[l])
        Y = as_matrix(Y, "Y", rows=self.sizes[-1])
        same_columns(z, Y, "z", "Y")
        rest = self._forward(self.g(l).fn(z), first=l + 1)
        z_L = rest.zs[-1] if rest.zs else z  # for l = L no layer is left to run
        return self.cost_fn.value(z_L, rest.output, Y, self.g(self.L))

    def _cost(self, fwd: Forward, Y) -> float:
        return float(np.mean(self.cost_fn.value(fwd.zs[-1], fwd.output, Y, self.g(self.L))))

    # -- backward: the four equations ------------------------------------------------------------------
    def _backward(self, X, Y) -> Backward:
        fwd = self._forward(X)
        zs, acts, L = fwd.zs, fwd.activations, self.L
        errors = [None] * L
        # BP1: the output error, supplied by the cost (∂c_x/∂a^[L] ⊙ g'(z^[L])).
        errors[L - 1] = self.cost_fn.output_error(zs[L - 1], acts[L], Y, self.g(L))
        # BP2: from layer L-1 back to layer 1, e^[l] = (w^[l+1])ᵀ e^[l+1] ⊙ g'(z^[l]).
        for l in range(L - 1, 0, -1):
            g_prime = self.g(l).prime(zs[l - 1], acts[l])
            errors[l - 1] = equations.bp2_error_back(self.weights[l], errors[l], g_prime)
        # BP3 and BP4: the gradients of C, averaged over the batch's columns.
        nabla_b = [equations.bp3_bias_gradient(e) for e in errors]
        nabla_w = [equations.bp4_weight_gradient(errors[l - 1], acts[l - 1]) for l in range(1, L + 1)]
        return Backward(fwd, errors, nabla_w, nabla_b)

    def backward(self, X, Y) -> Backward:
        """Forward and backward pass over a batch: errors ``e^[l]`` and the gradients of ``C``."""
        return self._backward(*self._batch(X, Y))

    def backprop(self, X, Y):
        """``(nabla_w, nabla_b)``: the gradient of ``C = (1/m) Σ_x c_x`` over the ``m`` columns of X, Y.

        Shapes match ``weights`` and ``biases``. The whole batch goes through matrix products at once.
        """
        result = self.backward(X, Y)
        return result.nabla_w, result.nabla_b
