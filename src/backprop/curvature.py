"""The curvature of the cost: the full-batch Hessian and its largest eigenvalue, ``λ_max``.

On a quadratic cost gradient descent converges exactly when ``η < 2/λ_max``. A network's cost is not
quadratic: its Hessian changes with the parameters, and training moves the parameters. This module
measures it, for networks small enough to hold the whole Hessian (a few hundred parameters):

- ``parameters(net)`` / ``set_parameters(net, θ)``: all weights and biases as one flat vector
  ``θ = (w^[1], …, w^[L], b^[1], …, b^[L])``, each matrix row by row;
- ``gradient(net, X, Y)``: ``∇C(θ)`` from backpropagation, in the same order;
- ``hessian(net, X, Y)``: ``H_ij = ∂²C/∂θ_i ∂θ_j`` by central differences of the backpropagated gradient
  (one column per parameter, then symmetrised);
- ``sharpness(net, X, Y)``: ``λ_max``, the largest eigenvalue of ``H``;
- ``sharpness_during_training(...)``: ``λ_max`` after every epoch of ``training.sgd``;
- ``bias_cycle(η)``: a sigmoid output whose only live parameter is its bias ``b`` (every hidden unit dead),
  on two balanced classes with the cross-entropy cost: the curvature ``C''(b) = σ'(b) ≤ ¼`` lets ``b`` settle
  only for ``η < 8``; beyond, gradient descent ends in the two-cycle ``b → −b``.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from ._validate import positive_float, positive_int, rng_seed, same_shape

__all__ = [
    "parameters",
    "set_parameters",
    "gradient",
    "hessian",
    "sharpness",
    "SharpnessRun",
    "sharpness_during_training",
    "BiasCycle",
    "bias_cycle",
]


def parameters(net) -> np.ndarray:
    """All weights, then all biases, layer by layer, as one new flat vector of ``net.n_params`` numbers."""
    return np.concatenate([p.ravel() for p in net.weights + net.biases])


def set_parameters(net, theta) -> None:
    """Write the flat vector ``theta`` (the order of :func:`parameters`) into ``net``, in place."""
    theta = np.asarray(theta, dtype=np.float64)
    same_shape(theta, (net.n_params,), "theta")
    start = 0
    for p in net.weights + net.biases:
        p[...] = theta[start : start + p.size].reshape(p.shape)
        start += p.size


def gradient(net, X, Y) -> np.ndarray:
    """``∇C`` at the network's parameters, by backpropagation, flat (the order of :func:`parameters`)."""
    nabla_w, nabla_b = net.backprop(X, Y)
    return np.concatenate([g.ravel() for g in list(nabla_w) + list(nabla_b)])


def hessian(net, X, Y, eps: float = 1e-5) -> np.ndarray:
    """The Hessian of the cost ``C`` over the batch ``(X, Y)``, shape ``(P, P)`` with ``P = net.n_params``.

    Column ``i`` is ``(∇C(θ + ε u_i) − ∇C(θ − ε u_i)) / (2ε)``, with ``u_i`` the ``i``-th unit vector and
    the gradients from backpropagation; the result is symmetrised, ``(H + Hᵀ)/2``. ``net`` is left as it
    was. For a ReLU network the kinks make this a finite-difference average across them.
    """
    eps = positive_float(eps, "eps")
    batch = net.check_batch(X, Y)
    theta = parameters(net)
    H = np.empty((theta.size, theta.size))
    try:
        for i in range(theta.size):
            step = np.zeros_like(theta)
            step[i] = eps
            set_parameters(net, theta + step)
            up = gradient(net, batch, None)
            set_parameters(net, theta - step)
            H[:, i] = (up - gradient(net, batch, None)) / (2 * eps)
    finally:
        set_parameters(net, theta)
    return (H + H.T) / 2


def sharpness(net, X, Y, eps: float = 1e-5) -> float:
    """``λ_max``, the largest eigenvalue of :func:`hessian` (the "sharpness" of Cohen et al., 2021)."""
    return float(np.linalg.eigvalsh(hessian(net, X, Y, eps))[-1])


@dataclass
class SharpnessRun:
    """A training run with ``λ_max`` measured on the full batch: ``sharpness[t]`` after ``t`` epochs
    (``sharpness[0]`` before training); ``history`` is the run's ``training.History``."""

    eta: float
    sharpness: list = field(default_factory=list)
    history: object = None

    @property
    def limit(self) -> float:
        """``2/η``: the largest ``λ_max`` for which a step of size ``η`` is stable on a quadratic."""
        return 2.0 / self.eta


def sharpness_during_training(
    net, X, Y, eta: float, epochs: int, batch_size=None, seed=None, eps: float = 1e-5
) -> SharpnessRun:
    """Train ``net`` in place with ``training.sgd`` and measure ``λ_max`` of the full-batch cost after
    every epoch.

    The steps are those of one call ``sgd(net, X, Y, eta, epochs, batch_size, seed)``: the epochs are run
    one at a time with one shared shuffling generator. Stops early if the run diverges.
    """
    from .training import History, sgd

    eta = positive_float(eta, "eta")
    epochs = positive_int(epochs, "epochs")
    batch = net.check_batch(X, Y)
    shuffle = np.random.default_rng(rng_seed(seed))  # sgd draws every epoch's order from this one generator
    run = SharpnessRun(eta, [sharpness(net, batch, None, eps)], History())
    for _ in range(epochs):
        step = sgd(net, batch, None, eta, 1, batch_size, seed=shuffle)
        if not run.history.costs:
            run.history.costs.append(step.costs[0])
            run.history.accuracy.extend(step.accuracy[:1])
        run.history.costs.extend(step.costs[1:])
        run.history.accuracy.extend(step.accuracy[1:])
        if step.diverged:
            run.history.diverged = True
            run.history.diverged_epoch = run.history.epochs
            break
        run.sharpness.append(sharpness(net, batch, None, eps))
    return run


@dataclass(frozen=True)
class BiasCycle:
    """Gradient descent on a lone output bias: ``b ← b − η (σ(b) − ½)``.

    This is the whole of training when every hidden unit is dead (``g' = 0`` on every input) and the two
    classes are balanced: the output is ``σ(b)`` for every input and the cross-entropy cost is
    ``C(b) = ½ ln(1 + e^{−b}) + ½ ln(1 + e^{b})``, with ``C'(b) = σ(b) − ½`` and ``C''(b) = σ'(b) ≤ ¼``.
    ``limit``: ``2 / max C'' = 8``, the largest ``η`` for which ``b`` settles at 0 (cost ``ln 2``);
    ``b``: for ``η > 8``, the amplitude of the two-cycle ``b → −b → b``, the root of ``2b = η (σ(b) − ½)``
    (0 for ``η ≤ 8``); ``cost``: ``C(b)`` on that cycle.
    """

    eta: float
    b: float
    cost: float
    limit: float = 8.0


def bias_cycle(eta: float) -> BiasCycle:
    """The two-cycle of gradient descent on a lone sigmoid output bias (see :class:`BiasCycle`)."""
    eta = positive_float(eta, "eta")

    def sigmoid(b):
        return 1.0 / (1.0 + np.exp(-b))

    def cost(b):
        return 0.5 * (np.logaddexp(0.0, -b) + np.logaddexp(0.0, b))

    if eta <= 8.0:
        return BiasCycle(eta, 0.0, float(cost(0.0)))
    # f(b) = η (σ(b) − ½) − 2b is positive just above 0 (slope η/4 − 2 > 0) and negative at b = η/4.
    lo, hi = 1e-6, eta / 4
    for _ in range(200):
        mid = 0.5 * (lo + hi)
        if eta * (sigmoid(mid) - 0.5) - 2 * mid > 0:
            lo = mid
        else:
            hi = mid
    b = 0.5 * (lo + hi)
    return BiasCycle(eta, float(b), float(cost(b)))
