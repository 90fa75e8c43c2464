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

import numbers
from dataclasses import dataclass
from typing import Callable

import numpy as np

from ._validate import positive_float
from .training import descend


# -- input checks --------------------------------------------------------
def _steps(steps) -> int:
    if isinstance(steps, (bool, np.bool_)) or not isinstance(steps, numbers.Integral) or steps < 0:
        raise TypeError(f"steps must be a non-negative integer, got {steps!r}")
    return int(steps)


def _beta(beta) -> float:
    if isinstance(beta, (bool, np.bool_)) or not isinstance(beta, numbers.Real):
        raise TypeError(f"beta must be a number in [0, 1), got {beta!r}")
    beta = float(beta)
    if not 0.0 <= beta < 1.0:
        raise ValueError(
            f"beta (the momentum) must be in [0, 1), got {beta}: "
            "with beta >= 1 the velocity never forgets and the path "
            "cannot settle"
        )
    return beta


def _start(theta0, dim=None) -> np.ndarray:
    try:
        theta = np.atleast_1d(np.asarray(theta0, dtype=np.float64)).copy()
    except (TypeError, ValueError):
        raise TypeError(f"theta0 must be a vector of numbers, got {theta0!r}") from None
    if theta.ndim != 1:
        raise ValueError(f"theta0 must be a vector, got shape {theta.shape}")
    if dim is not None and theta.size != dim:
        raise ValueError(f"theta0 must have {dim} entries, got {theta.size}")
    if not np.all(np.isfinite(theta)):
        raise ValueError("theta0 contains NaN or infinite values")
    return theta


def _noise(noise) -> float:
    if (
        isinstance(noise, (bool, np.bool_))
        or not isinstance(noise, numbers.Real)
        or not np.isfinite(noise)
        or noise < 0
    ):
        raise ValueError(f"noise must be a non-negative number, got {noise!r}")
    return float(noise)


def _curvatures(h) -> np.ndarray:
    h = np.atleast_1d(np.asarray(h, dtype=np.float64))
    if h.ndim != 1 or h.size == 0:
        raise ValueError(f"h must be a list of curvatures, got {h!r}")
    if not np.all(np.isfinite(h)) or np.any(h <= 0):
        raise ValueError(f"curvatures h must be positive and finite, got {h.tolist()}")
    return h


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
    if step.shape != (net.n_params,):
        raise ValueError(
            f"step must be a flat vector of {net.n_params} numbers (one per parameter), got shape {step.shape}"
        )
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
    # the one descent loop of the package: training.descend with momentum
    return descend(grad, _start(theta0), positive_float(eta, "eta"), _steps(steps), beta=_beta(beta))


def heavy_ball_rate(eta: float, beta: float, h) -> float:
    """Factor that multiplies the error at each step, for large t, on a bowl.

    Along a direction of curvature ``h_i`` the heavy ball obeys
    ``θ_{t+1} = (1 + β − η h_i) θ_t − β θ_{t−1}``, whose solutions are
    combinations of ``λ^t`` with ``λ² − (1 + β − η h_i) λ + β = 0``.
    The rate is the largest ``|λ|`` over both roots and all directions:
    below 1 the path converges, above 1 it diverges.
    """
    eta = positive_float(eta, "eta")
    beta = _beta(beta)
    worst = 0.0
    for hi in _curvatures(h):
        lambdas = np.roots([1.0, -(1.0 + beta - eta * hi), beta])
        worst = max(worst, float(np.max(np.abs(lambdas))))
    return worst


def heavy_ball_eta_critical(beta: float, h) -> float:
    """The largest stable rate on a bowl: ``η h_max < 2(1 + β)``.

    ``beta = 0`` gives plain gradient descent's ``2 / h_max``.
    """
    beta = _beta(beta)
    return 2.0 * (1.0 + beta) / float(np.max(_curvatures(h)))


def heavy_ball_optimum(h) -> dict:
    """The fastest heavy ball on a bowl (Polyak): ``eta``, ``beta``, ``rate``.

    With ``κ = h_max / h_min``: ``η* = 4 / (√h_max + √h_min)²``,
    ``β* = ((√κ − 1) / (√κ + 1))²`` and the rate ``√β*``, against plain
    gradient descent's best ``(κ − 1) / (κ + 1)``.
    """
    h = _curvatures(h)
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
    # the one descent loop of the package: training.descend with noisy gradients
    return descend(grad, _start(theta0), positive_float(eta, "eta"), _steps(steps), noise=_noise(noise), seed=seed)


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
    steps = _steps(steps)
    if isinstance(runs, (bool, np.bool_)) or not isinstance(runs, numbers.Integral) or runs < 1:
        raise ValueError(f"runs must be a positive integer, got {runs!r}")
    noise = _noise(noise)
    rng = np.random.default_rng(seed)
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
