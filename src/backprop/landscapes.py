"""Gradient descent beyond the quadratic bowl: a cost with two minima and
a saddle, descent with momentum, and descent with noisy gradients.

``DoubleWell`` is a 2-D cost whose gradient descent ends in different
places from different starts. ``heavy_ball`` is gradient descent with
momentum (Polyak's heavy ball); ``heavy_ball_rate``,
``heavy_ball_eta_critical`` and ``heavy_ball_optimum`` are its closed-form
analysis on the bowl ``C = ½ Σ_i h_i θ_i²`` of ``training.QuadraticBowl``.
``noisy_descend`` adds Gaussian noise to every gradient, a simple model of
the noise of mini-batch gradients. ``gradient_vector`` and ``cost_moved``
treat a network's cost as a surface over one long parameter vector.
NumPy only.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

import numpy as np

from ._validate import (
    curvatures,
    momentum,
    nonnegative_float,
    nonnegative_int,
    positive_float,
    positive_int,
    rng_seed,
    same_shape,
    vector,
)
from .training import descend


# -- input checks (the package's, from _validate) -----------------------
def _start(theta0, dim=None) -> np.ndarray:
    """A start ``θ₀`` (or a point): a new finite vector, of ``dim`` entries if given."""
    theta = vector(theta0, "theta0")
    if dim is not None:
        same_shape(theta, (dim,), "theta0")
    return theta


def gradient_vector(net, X, Y) -> np.ndarray:
    """``∇C`` of ``net`` on ``(X, Y)`` as one flat vector.

    Order: ``w^[1], …, w^[L]`` row by row, then ``b^[1], …, b^[L]``
    (the order of ``net.weights + net.biases``).
    """
    nabla_w, nabla_b = net.backprop(X, Y)
    return np.concatenate([g.ravel() for g in nabla_w + nabla_b])


def cost_moved(net, X, Y, step) -> float:
    """The cost ``C(θ + step)``: ``step`` is a flat vector, ordered as in
    ``gradient_vector``; ``net`` itself is not changed."""
    step = np.asarray(step, dtype=np.float64)
    same_shape(step, (net.n_params,), "step (one number per parameter)")
    moved, i = net.copy(), 0
    for p in moved.weights + moved.biases:
        p += step[i : i + p.size].reshape(p.shape)
        i += p.size
    return moved.cost(X, Y)


# -- a cost with two minima and a saddle ---------------------------------
@dataclass(frozen=True)
class DoubleWell:
    """``C(θ) = (θ₁² − 1)² + tilt·θ₁ + ½·h·θ₂²``: two valleys and a pass.

    Along ``θ₁`` a double well, tilted so that the left minimum is deeper;
    along ``θ₂`` a parabola of curvature ``h``. The stationary points lie
    on ``θ₂ = 0`` where ``4θ₁(θ₁² − 1) + tilt = 0``: two minima and,
    between them, a saddle (a maximum along θ₁, a minimum along θ₂).
    Call it on an array whose first axis has length 2 (like
    ``QuadraticBowl``) to evaluate it on a grid.
    """

    tilt: float = 0.3
    h: float = 1.0

    def __post_init__(self):
        tilt = float(self.tilt)
        # Beyond this tilt the cubic has a single real root: one minimum.
        limit = 8 / (3 * np.sqrt(3))
        if not np.isfinite(tilt) or abs(tilt) >= limit:
            raise ValueError(f"tilt must be finite with |tilt| < {limit:.4f} for two minima, got {self.tilt!r}")
        positive_float(self.h, "h")

    def __call__(self, theta) -> np.ndarray:
        t1, t2 = self._split(theta)
        return (t1**2 - 1) ** 2 + self.tilt * t1 + 0.5 * self.h * t2**2

    def grad(self, theta) -> np.ndarray:
        """``∇C = (4θ₁(θ₁² − 1) + tilt, h·θ₂)``, same shape as ``theta``."""
        t1, t2 = self._split(theta)
        return np.stack([4 * t1 * (t1**2 - 1) + self.tilt, self.h * t2])

    def hessian(self, theta) -> np.ndarray:
        """The 2 × 2 matrix of second derivatives at one point."""
        t1, _ = self._split(_start(theta, dim=2))
        return np.array([[12 * t1**2 - 4, 0.0], [0.0, self.h]])

    def stationary_points(self) -> dict:
        """``{"left minimum", "saddle", "right minimum"}`` → point (θ₁, 0).

        The roots of ``4θ₁³ − 4θ₁ + tilt`` come from ``np.roots`` (an
        eigenvalue solver, whose last bits depend on the processor's
        LAPACK kernels), then four Newton steps with plain float
        arithmetic settle each on the same float on every machine: a
        descent started on the saddle's line stays there only if its θ₁
        is within a few units in the last place of it.
        """
        roots = np.sort(np.roots([4.0, 0.0, -4.0, self.tilt]).real)
        for _ in range(4):
            # the same expression as grad, then its derivative
            roots = roots - ((4 * roots * (roots**2 - 1) + self.tilt) / (12 * roots**2 - 4))
        left, middle, right = roots
        return {
            "left minimum": np.array([left, 0.0]),
            "saddle": np.array([middle, 0.0]),
            "right minimum": np.array([right, 0.0]),
        }

    @staticmethod
    def _split(theta):
        theta = np.asarray(theta, dtype=np.float64)
        if theta.shape[:1] != (2,):
            raise ValueError(f"DoubleWell takes points with 2 coordinates on the first axis, got shape {theta.shape}")
        return theta[0], theta[1]


# -- descent with momentum -----------------------------------------------
def heavy_ball(grad: Callable[[np.ndarray], np.ndarray], theta0, eta: float, beta: float, steps: int) -> np.ndarray:
    """Gradient descent with momentum; the path, shape ``(steps + 1, dim)``.

    The velocity ``v`` (0 at the start) remembers past steps:
    ``v ← β v − η ∇C(θ)``, then ``θ ← θ + v``. ``beta = 0`` is plain
    gradient descent. Stops early once θ is not finite or exceeds ``training.DIVERGED``.
    """
    # the one descent loop of the package, which checks the input: training.descend with momentum
    return descend(grad, theta0, eta, steps, beta=beta)


def heavy_ball_rate(eta: float, beta: float, h) -> float:
    """Factor that multiplies the error at each step, for large t, on a bowl.

    Along a direction of curvature ``h_i`` the heavy ball obeys
    ``θ_{t+1} = (1 + β − η h_i) θ_t − β θ_{t−1}``, whose solutions are
    combinations of ``λ^t`` with ``λ² − (1 + β − η h_i) λ + β = 0``.
    The rate is the largest ``|λ|`` over both roots and all directions:
    below 1 the path converges, above 1 it diverges.
    """
    eta = positive_float(eta, "eta")
    beta = momentum(beta)
    worst = 0.0
    for hi in curvatures(h):
        lambdas = np.roots([1.0, -(1.0 + beta - eta * hi), beta])
        worst = max(worst, float(np.max(np.abs(lambdas))))
    return worst


def heavy_ball_eta_critical(beta: float, h) -> float:
    """The largest stable rate on a bowl: ``η h_max < 2(1 + β)``.

    ``beta = 0`` gives plain gradient descent's ``2 / h_max``.
    """
    beta = momentum(beta)
    return 2.0 * (1.0 + beta) / float(np.max(curvatures(h)))


def heavy_ball_optimum(h) -> dict:
    """The fastest heavy ball on a bowl (Polyak): ``eta``, ``beta``, ``rate``.

    With ``κ = h_max / h_min``: ``η* = 4 / (√h_max + √h_min)²``,
    ``β* = ((√κ − 1) / (√κ + 1))²`` and the rate ``√β*``, against plain
    gradient descent's best ``(κ − 1) / (κ + 1)``.
    """
    h = curvatures(h)
    lo, hi = np.sqrt(h.min()), np.sqrt(h.max())
    rate = (hi - lo) / (hi + lo)
    return {"eta": 4.0 / (hi + lo) ** 2, "beta": rate**2, "rate": rate}


# -- descent with noisy gradients ----------------------------------------
def noisy_descend(
    grad: Callable[[np.ndarray], np.ndarray], theta0, eta: float, steps: int, noise: float, seed=None
) -> np.ndarray:
    """Gradient descent on noisy gradients; the path, ``(steps + 1, dim)``.

    Each step uses ``∇C(θ) + noise · ξ`` with ``ξ`` standard normal (drawn
    from ``numpy.random.default_rng(seed)``): unbiased like a mini-batch
    gradient, with standard deviation ``noise`` (the chapter's τ) per
    coordinate. ``noise = 0`` is plain gradient descent.
    """
    # the one descent loop of the package, which checks the input: training.descend with noisy gradients
    return descend(grad, theta0, eta, steps, noise=noise, seed=seed)


def basin(surface: DoubleWell, point) -> str:
    """Which stationary point of ``surface`` is nearest to ``point``."""
    point = _start(point, dim=2)
    points = surface.stationary_points()
    return min(points, key=lambda k: np.linalg.norm(points[k] - point))


def endings(surface: DoubleWell, theta0, eta: float, noise: float, runs: int, steps: int, seed=None) -> dict:
    """Where ``runs`` noisy descents from ``theta0`` end up: name → count.

    Each run takes ``steps`` noisy steps (as ``noisy_descend``, all runs at
    once), then ``steps`` noise-free ones to settle; it is counted at the
    stationary point nearest to where it settles (see ``basin``).
    """
    eta = positive_float(eta, "eta")
    steps = nonnegative_int(steps, "steps")
    runs = positive_int(runs, "runs")
    noise = nonnegative_float(noise, "noise")
    rng = np.random.default_rng(rng_seed(seed))
    # One column per run: the surface evaluates (2, runs) arrays at once.
    theta = np.repeat(_start(theta0, dim=2)[:, None], runs, axis=1)
    for tau in (noise, 0.0):
        for _ in range(steps):
            kick = tau * rng.standard_normal(theta.shape)
            theta = theta - eta * (surface.grad(theta) + kick)
    counts = dict.fromkeys(surface.stationary_points(), 0)
    for point in theta.T:
        counts[basin(surface, point)] += 1
    return counts
