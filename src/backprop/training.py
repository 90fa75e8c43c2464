"""Gradient descent: on a cost surface, and on a network (full-batch and mini-batch SGD).

The update rule is ``θ ← θ − η ∇C(θ)``. On a network the gradient comes from backpropagation; a
mini-batch estimates it from ``batch_size`` examples drawn, without replacement, in a seeded shuffled order.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Callable, Optional

import numpy as np

from ._validate import (
    curvatures,
    function,
    instance,
    momentum,
    nonnegative_float,
    nonnegative_int,
    positive_float,
    positive_int,
    rng_seed,
    vector,
)
from .network import Network


# -- gradient descent on a small cost surface ------------------------------------------------------------
@dataclass(frozen=True)
class QuadraticBowl:
    """The cost surface ``C(θ) = ½ Σ_i h_i θ_i²``: curvature ``h_i`` along axis ``i``.

    Gradient descent with learning rate ``η`` converges iff ``η < 2 / max(h)``; it oscillates when
    ``η > 1 / max(h)`` and diverges beyond ``2 / max(h)``.
    """

    h: tuple = (1.0, 10.0)

    def __post_init__(self):
        curvatures(self.h)

    def __call__(self, theta) -> np.ndarray:
        theta = np.asarray(theta, dtype=np.float64)
        h = np.asarray(self.h).reshape((-1,) + (1,) * (theta.ndim - 1))
        return 0.5 * np.sum(h * theta**2, axis=0)

    def grad(self, theta) -> np.ndarray:
        theta = np.asarray(theta, dtype=np.float64)
        try:  # no check on the way: grad is the hot loop of every descent (descend checks theta0 once)
            return np.asarray(self.h) * theta
        except ValueError:
            raise ValueError(f"theta must have length {len(self.h)} (h = {self.h}), got shape {theta.shape}") from None

    @property
    def eta_critical(self) -> float:
        """The learning rate beyond which gradient descent diverges, ``2 / max(h)``."""
        return 2.0 / max(self.h)


def _check_gradient(grad, theta: np.ndarray) -> None:
    """Once per descent, not in the hot ``grad``: ``grad`` is a function and, for a ``QuadraticBowl``,
    ``theta0`` has one coordinate per curvature. (The first gradient's shape is checked in the loop.)"""
    function(grad, "grad")
    bowl = getattr(grad, "__self__", None)
    if isinstance(bowl, QuadraticBowl) and theta.shape != (len(bowl.h),):
        raise ValueError(
            f"theta0 must have length {len(bowl.h)}, one coordinate per curvature of the bowl h = {bowl.h}, "
            f"got shape {theta.shape}"
        )


#: A descent path is cut once some coordinate of θ exceeds this in size (or is no longer finite): it has
#: diverged, and one more step would overflow.
DIVERGED = 1e150


def descend(
    grad: Callable[[np.ndarray], np.ndarray],
    theta0,
    eta: float,
    steps: int,
    *,
    beta: float = 0.0,
    noise: Optional[float] = None,
    seed=None,
) -> np.ndarray:
    """Gradient descent ``θ_{t+1} = θ_t − η ∇C(θ_t)``; returns the path, shape ``(steps + 1, dim)``.

    ``beta``: momentum (the heavy ball): a velocity ``v`` (0 at the start) remembers past steps,
    ``v ← β v − η ∇C(θ)``, then ``θ ← θ + v``; ``beta = 0`` is plain gradient descent.
    ``noise``: each step uses ``∇C(θ) + noise · ξ`` with ``ξ`` standard normal, drawn from
    ``numpy.random.default_rng(seed)`` (unbiased like a mini-batch gradient, with spread ``noise`` per
    coordinate); ``None``: exact gradients.
    Stops early (the path is cut) once ``θ`` is no longer finite or exceeds ``DIVERGED`` in size.
    """
    eta = positive_float(eta, "eta")
    steps = nonnegative_int(steps, "steps")
    beta = momentum(beta)
    noise = None if noise is None else nonnegative_float(noise, "noise")
    rng = np.random.default_rng(rng_seed(seed))
    theta = vector(theta0, "theta0")
    _check_gradient(grad, theta)
    velocity = np.zeros_like(theta)
    path = [theta.copy()]
    with np.errstate(over="ignore", invalid="ignore"):
        for _ in range(steps):
            g = np.asarray(grad(theta), dtype=np.float64)
            if len(path) == 1 and g.shape != theta.shape:
                raise ValueError(f"grad(theta0) must return a gradient of theta0's shape {theta.shape}, got {g.shape}")
            if noise is not None:
                g = g + noise * rng.standard_normal(g.shape)
            velocity = beta * velocity - eta * g
            theta = theta + velocity
            if not np.all(np.isfinite(theta)) or np.max(np.abs(theta)) > DIVERGED:
                break
            path.append(theta.copy())
    return np.array(path)


# -- gradient descent on a network -----------------------------------------------------------------------
@dataclass
class History:
    """What a training run recorded, one entry per completed epoch.

    ``costs[0]`` is the cost before training; ``accuracy`` is filled when the targets are classes (one-hot
    columns, or a single 0/1 output). ``diverged`` tells whether the cost became non-finite, and
    ``diverged_epoch`` at which epoch (1-based).
    """

    costs: list = field(default_factory=list)
    accuracy: list = field(default_factory=list)
    diverged: bool = False
    diverged_epoch: Optional[int] = None

    @property
    def epochs(self) -> int:
        """Completed epochs: ``costs`` holds one cost per epoch after the one before training."""
        return max(len(self.costs) - 1, 0)

    def __repr__(self) -> str:
        last = f"{self.costs[-1]:.4g}" if self.costs else "n/a"
        acc = f", accuracy={self.accuracy[-1]:.3f}" if self.accuracy else ""
        div = f", DIVERGED at epoch {self.diverged_epoch}" if self.diverged else ""
        return f"History(epochs={self.epochs}, cost={last}{acc}{div})"


def _class_kind(Y: np.ndarray) -> Optional[str]:
    """'onehot', 'binary' or None: how to read targets as class labels, if they are classes."""
    if Y.shape[0] == 1 and np.all((Y == 0) | (Y == 1)):
        return "binary"
    if Y.shape[0] > 1 and np.all((Y == 0) | (Y == 1)) and np.all(Y.sum(axis=0) == 1):
        return "onehot"
    return None


def accuracy(net, X, Y) -> float:
    """Fraction of columns classified right: argmax for one-hot targets, threshold 0.5 for one 0/1 output."""
    batch = net.check_batch(X, Y)
    kind = _class_kind(batch.Y)
    if kind is None:
        raise ValueError("accuracy needs class targets: one-hot columns, or a single row of 0/1 labels")
    return _fraction_right(net.feedforward(batch), batch.Y, kind)


def _fraction_right(output: np.ndarray, Y: np.ndarray, kind: str) -> float:
    """Accuracy of ``output`` against class targets ``Y`` read as ``kind`` (see ``_class_kind``)."""
    if kind == "binary":
        return float(np.mean((output >= 0.5) == (Y == 1)))
    return float(np.mean(np.argmax(output, axis=0) == np.argmax(Y, axis=0)))


def sgd_step(net, batch, eta: float) -> None:
    """One step of gradient descent on a checked ``batch``: ``θ ← θ − η ∂C_batch/∂θ``, in place."""
    nabla_w, nabla_b = net.backprop(batch)
    for l in range(net.L):
        net.weights[l] -= eta * nabla_w[l]
        net.biases[l] -= eta * nabla_b[l]


def sgd(net, X, Y, eta: float, epochs: int, batch_size: Optional[int] = None, seed=None) -> History:
    """Train ``net`` in place by (mini-batch) stochastic gradient descent; return the ``History``.

    ``X``: ``(n_0, m)``, ``Y``: ``(n_L, m)``. ``batch_size=None`` (or ``m``) is full-batch gradient descent:
    one step per epoch on the exact gradient. Otherwise each epoch shuffles the columns with
    ``numpy.random.default_rng(seed)`` and takes one step per mini-batch ``θ ← θ − η ∂C_batch/∂θ``.
    A run whose cost becomes non-finite stops, restores nothing, and reports the epoch it diverged at.
    The data and the network's parameters are checked once (``net.check_batch``).
    """
    instance(net, Network, "net", "sgd trains a Network in place")
    eta = positive_float(eta, "eta")
    epochs = positive_int(epochs, "epochs")
    data = net.check_batch(X, Y)
    instance(data.Y, np.ndarray, "Y", "sgd trains toward targets: pass X and Y, or a Batch made with targets")
    m = data.m
    batch_size = m if batch_size is None else min(positive_int(batch_size, "batch_size"), m)
    rng = np.random.default_rng(rng_seed(seed))
    kind = _class_kind(data.Y)

    history = History()

    def record() -> bool:
        fwd = net.forward(data)
        c = net.cost(data, forward=fwd)
        history.costs.append(c)
        if kind is not None:
            history.accuracy.append(_fraction_right(fwd.output, data.Y, kind))
        return np.isfinite(c)

    # Overflow on the way to divergence is expected and reported once through History, not as warnings.
    with np.errstate(over="ignore", invalid="ignore", divide="ignore"):
        record()
        for epoch in range(1, epochs + 1):
            if batch_size == m:
                sgd_step(net, data, eta)
            else:
                order = rng.permutation(m)
                for start in range(0, m, batch_size):
                    sgd_step(net, data.take(order[start : start + batch_size]), eta)
            finite = record() and all(np.all(np.isfinite(w)) for w in net.weights)
            if not finite:
                history.diverged, history.diverged_epoch = True, epoch
                break
    return history
