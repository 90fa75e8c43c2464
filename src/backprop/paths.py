"""Backpropagation as a sum over paths, and what caching the errors saves.

The multivariable chain rule writes the error ``e_j^[l] = ∂c_x/∂z_j^[l]`` of a neuron as a sum over every
path from ``z_j^[l]`` to the output layer: along a path ``j → k_{l+1} → … → k_L`` multiply the local slopes
``∂z_k^[m+1]/∂z_p^[m] = w_kp^[m+1] g'(z_p^[m])`` (the entries of :func:`local_jacobian`) and the output
error ``e_{k_L}^[L]`` at its end. :func:`path_sum` enumerates those paths and counts its multiply-adds;
:func:`path_counts` gives the counts for any layer sizes, beside the count of backpropagation, which gets
each layer's errors once from the next layer's (BP2, ``e^[l] = J^ᵀ e^[l+1]``) and never lists a path.

Both start from the same local slopes and output errors; a multiply-add is one multiplication followed by
one addition (a path's term, ``e_{k_L}^[L]`` times ``L − l`` local slopes, takes ``L − l`` multiplications,
counted as ``L − l`` multiply-adds, the last one adding the term into the sum).
"""

from __future__ import annotations

import itertools
import math
from dataclasses import dataclass

import numpy as np

from . import _validate
from .gradcheck import numerical_gradient

__all__ = ["local_jacobian", "numerical_local_jacobian", "PathSum", "path_sum", "path_counts"]


def local_jacobian(net, forward, l: int, col: int = 0) -> np.ndarray:
    """``∂z^[l+1]/∂z^[l]`` for example ``col``: ``w^[l+1] diag(g'(z^[l]))``, shape ``(n_{l+1}, n_l)``.

    Entry ``(k, j)`` is ``w_kj^[l+1] g'(z_j^[l])``: column ``j`` of ``w^[l+1]`` scaled by neuron ``j``'s
    slope. ``forward`` is ``net.forward(X)``; ``l`` runs over ``1..L-1``.
    """
    l = _validate.layer(l, net.L - 1)
    slope = net.g(l).prime(forward.z(l))[:, col]
    return net.w(l + 1) * slope[None, :]


@dataclass(frozen=True)
class PathSum:
    """``e_j^[l]`` as a sum over paths: ``value``, the ``terms`` (one per path, in the order of
    ``paths``, each a tuple of neurons ``(k_{l+1}, …, k_L)``, 1-based), and the ``multiply_adds`` spent."""

    l: int
    j: int
    value: float
    paths: tuple
    terms: tuple
    multiply_adds: int

    def __repr__(self) -> str:
        return (
            f"PathSum(e_{self.j}^[{self.l}] = {self.value:.6g}, {len(self.paths)} paths, "
            f"{self.multiply_adds} multiply-adds)"
        )


def path_sum(net, X, Y, l: int, j: int) -> PathSum:
    """The error ``e_j^[l]`` of neuron ``j`` (1-based) in layer ``l``, for one example, by listing every path.

    Nothing is cached: each path's product is formed from scratch, ``e_{k_L}^[L]`` times the ``L − l`` local
    slopes along it. The output errors ``e^[L]`` (BP1) are the starting point, as in backpropagation.
    """
    batch = net.check_batch(X, Y)
    if batch.m != 1:
        raise ValueError(f"path_sum takes one example (one column); got {batch.m}")
    L = net.L
    l = _validate.layer(l, L)
    j = _validate.integer(j, "j", 1, net.sizes[l])
    fwd = net.forward(batch)
    e_out = net.backward(batch).e(L)[:, 0]
    jac = {m: local_jacobian(net, fwd, m) for m in range(l, L)}
    paths, terms, count = [], [], 0
    total = 0.0
    for path in itertools.product(*(range(1, net.sizes[m] + 1) for m in range(l + 1, L + 1))):
        term = float(e_out[(path[-1] if path else j) - 1])
        # walk back from the output: the slope of z^[m+1] with respect to z^[m]
        chain = (j,) + path
        for m in range(L - 1, l - 1, -1):
            k, p = chain[m + 1 - l], chain[m - l]
            term *= float(jac[m][k - 1, p - 1])
            count += 1
        total += term
        paths.append(path)
        terms.append(term)
    return PathSum(l, j, total, tuple(paths), tuple(terms), count)


def path_counts(sizes) -> dict:
    """What the errors of every hidden layer cost, one example, from the same local slopes.

    ``paths``: ``{l: number of paths from one z_j^[l] to the output layer}``, the product of the widths of
    layers ``l+1..L`` (a weight ``w_jk^[l]`` reaches the cost along the paths of ``z_j^[l]``);
    ``enumeration``: multiply-adds of :func:`path_sum` for every neuron of layers ``1..L-1``,
    ``Σ_l n_l · paths[l] · (L − l)``; ``cached``: multiply-adds of BP2, ``Σ_l n_l n_{l+1}``.
    """
    n = _validate.layer_sizes(sizes)
    L = len(n) - 1
    paths = {l: math.prod(n[l + 1 :]) for l in range(1, L)}
    enumeration = sum(n[l] * paths[l] * (L - l) for l in range(1, L))
    cached = sum(n[l] * n[l + 1] for l in range(1, L))
    return {"paths": paths, "enumeration": enumeration, "cached": cached}


def numerical_local_jacobian(net, forward, l: int, col: int = 0, eps: float = 1e-5) -> np.ndarray:
    """``∂z^[l+1]/∂z^[l]`` measured by central differences of ``z^[l+1] = w^[l+1] g(z^[l]) + b^[l+1]``.

    No derivative of ``g`` is used: compare with :func:`local_jacobian`.
    """
    l = _validate.layer(l, net.L - 1)
    z = forward.z(l)[:, [col]].copy()

    def z_next(k):
        return float((net.w(l + 1) @ net.g(l).fn(z) + net.b(l + 1))[k, 0])

    return np.array([numerical_gradient(lambda k=k: z_next(k), z, eps)[:, 0] for k in range(net.sizes[l + 1])])
