"""Check a gradient against central finite differences.

``check_gradients(net, X, Y)`` perturbs every parameter (or a seeded sample of them on large networks) by
``±eps``, measures the change in the averaged cost ``C``, and compares the numeric gradient with the one
backpropagation returns, by the global relative error

    ‖g_num − g_bp‖ / max(‖g_num‖, ‖g_bp‖)

over all checked entries. In float64 with ``eps = 1e-5`` a correct backprop gives an error far below 1e-7;
a wrong one (a missing transpose, a wrong index) gives an error of order 1e-2 or more.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable, Optional

import numpy as np

from ._validate import contiguous, positive_float, positive_int, same_shape

#: The error below which a float64 gradient is called correct.
TOLERANCE = 1e-7


@dataclass
class GradCheck:
    """Result of a gradient check.

    ``nabla_w_num``/``nabla_b_num`` hold the numeric gradients, with NaN where an entry was not sampled;
    ``nabla_w``/``nabla_b`` the gradients under test; ``rel_error`` the global relative error over the
    checked entries; ``n_checked`` their number.
    """

    rel_error: float
    nabla_w_num: list
    nabla_b_num: list
    nabla_w: list
    nabla_b: list
    n_checked: int
    tolerance: float = TOLERANCE

    @property
    def ok(self) -> bool:
        return bool(self.rel_error < self.tolerance)

    def __repr__(self) -> str:
        verdict = "ok" if self.ok else "MISMATCH"
        return (
            f"GradCheck(rel_error={self.rel_error:.3e}, checked={self.n_checked} parameters, "
            f"{verdict} at tolerance {self.tolerance:g})"
        )


def relative_error(a, b) -> float:
    """Global relative error ``‖a − b‖ / max(‖a‖, ‖b‖)`` (0 when both are zero)."""
    a, b = np.asarray(a, dtype=np.float64), np.asarray(b, dtype=np.float64)
    same_shape(b, a.shape, "b (compared with a)")
    scale = max(np.linalg.norm(a), np.linalg.norm(b))
    return 0.0 if scale == 0 else float(np.linalg.norm(a - b) / scale)


def numerical_gradient(f: Callable[[], float], x: np.ndarray, eps: float = 1e-5, index=None) -> np.ndarray:
    """Central differences of the scalar ``f()`` with respect to the array ``x``, modified in place.

    ``index`` restricts the check to those flat indices (the other entries are NaN). ``x`` is restored.
    """
    eps = positive_float(eps, "eps")
    grad = np.full(x.shape, np.nan)
    flat, gflat = contiguous(x, "x"), grad.reshape(-1)
    for i in range(flat.size) if index is None else index:
        old = flat[i]
        flat[i] = old + eps
        c_plus = f()
        flat[i] = old - eps
        c_minus = f()
        flat[i] = old
        gflat[i] = (c_plus - c_minus) / (2 * eps)
    return grad


def numerical_errors(net, X, Y, eps: float = 1e-5) -> list:
    """The errors ``e^[l] = ∂c_x/∂z^[l]`` measured by central differences, without backpropagation.

    Returns a list whose entry ``l-1`` has the shape of ``z^[l]``, ``(n_l, m)``: column ``i`` is the error for
    example ``i``. Compare with ``net.backward(X, Y).errors`` to check BP1 (``l = L``) and BP2 (``l < L``).
    """
    batch = net.check_batch(X, Y)
    fwd = net.forward(batch)
    errors = []
    for l in range(1, net.L + 1):
        z = fwd.z(l).copy()
        # Σ_x c_x: column i of z only moves c_x of example i, so its derivative is that example's error.
        errors.append(numerical_gradient(lambda: float(np.sum(net.costs_from_layer(l, z, batch.Y))), z, eps))
    return errors


def check_gradients(
    net, X, Y, eps: float = 1e-5, n_samples: Optional[int] = None, seed=None, backprop_fn: Optional[Callable] = None
) -> GradCheck:
    """Compare ``net.backprop(X, Y)`` (or ``backprop_fn(net, X, Y)``) with central differences of ``net.cost``.

    ``X``: shape ``(n_0, m)``; ``Y``: shape ``(n_L, m)``. ``n_samples``: check only that many parameters,
    drawn without replacement with ``numpy.random.default_rng(seed)`` (default: every parameter).
    ``backprop_fn`` lets a chapter check another implementation (e.g. one with a deliberate bug); it must
    return ``(nabla_w, nabla_b)`` shaped like ``net.weights`` and ``net.biases``.
    """
    eps = positive_float(eps, "eps")
    batch = net.check_batch(X, Y)
    if backprop_fn is None:
        nabla_w, nabla_b = net.backprop(batch)
    else:
        nabla_w, nabla_b = backprop_fn(net, batch.X, batch.Y)
    for i, (g, p) in enumerate(zip(list(nabla_w) + list(nabla_b), net.weights + net.biases)):
        same_shape(g, np.shape(p), f"gradient {i} (the parameter's shape)")

    params = net.weights + net.biases
    # Work on float64 copies so that the caller's arrays are never left perturbed.
    work = [np.array(p, dtype=np.float64, copy=True) for p in params]
    n_w = len(net.weights)
    net.weights, net.biases = work[:n_w], work[n_w:]
    try:
        sizes = [p.size for p in work]
        total = sum(sizes)
        if n_samples is None or n_samples >= total:
            chosen = np.arange(total)
        else:
            chosen = np.sort(
                np.random.default_rng(seed).choice(total, positive_int(n_samples, "n_samples"), replace=False)
            )
        offsets = np.cumsum([0] + sizes)
        cost = lambda: net.cost(batch)  # noqa: E731
        nums = []
        for i, p in enumerate(work):
            local = chosen[(chosen >= offsets[i]) & (chosen < offsets[i + 1])] - offsets[i]
            nums.append(numerical_gradient(cost, p, eps, index=local))
    finally:
        net.weights, net.biases = params[:n_w], params[n_w:]

    grads = list(nabla_w) + list(nabla_b)
    num_flat = np.concatenate([g.reshape(-1) for g in nums])[chosen]
    bp_flat = np.concatenate([np.asarray(g, dtype=np.float64).reshape(-1) for g in grads])[chosen]
    return GradCheck(
        relative_error(num_flat, bp_flat), nums[:n_w], nums[n_w:], list(nabla_w), list(nabla_b), int(chosen.size)
    )
