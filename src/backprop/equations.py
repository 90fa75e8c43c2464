"""The four equations of backpropagation, one small function each.

Notation (``shared/notes/math.md``): ``e^[l] = ∂c_x/∂z^[l]`` is the error of layer ``l``; batches are stacked
as columns, so ``e`` has shape ``(n_l, m)`` and ``a_prev`` has shape ``(n_{l-1}, m)``. BP3 and BP4 return the
gradient of the averaged cost ``C = (1/m) Σ_x c_x``, i.e. the per-example gradients averaged over the columns.
``Network.backward`` is built from exactly these four functions.
"""

from __future__ import annotations

import numpy as np


def bp1_output_error(dc_da: np.ndarray, g_prime_zL: np.ndarray) -> np.ndarray:
    """BP1: error of the output layer, ``e^[L] = ∇_a c_x ⊙ g'(z^[L])``.

    ``dc_da`` is ``∂c_x/∂a^[L]`` (supplied by the cost), ``g_prime_zL`` is ``g'(z^[L])``; both ``(n_L, m)``.
    """
    return dc_da * g_prime_zL


def bp2_error_back(w_next: np.ndarray, e_next: np.ndarray, g_prime_z: np.ndarray) -> np.ndarray:
    """BP2: error one layer back, ``e^[l] = ((w^[l+1])ᵀ e^[l+1]) ⊙ g'(z^[l])``.

    ``w_next`` is ``w^[l+1]``, shape ``(n_{l+1}, n_l)``; ``e_next`` is ``e^[l+1]``, ``(n_{l+1}, m)``;
    ``g_prime_z`` is ``g'(z^[l])``, ``(n_l, m)``. The transpose is the sum over neurons k of layer l+1 of
    ``w_kj^[l+1] e_k^[l+1]``: the weight runs *to* k *from* j.
    """
    e = w_next.T @ e_next
    e *= g_prime_z  # in place: one fresh array per layer instead of two
    return e


def bp3_bias_gradient(e: np.ndarray) -> np.ndarray:
    """BP3: ``∂c_x/∂b^[l] = e^[l]``; over a batch, ``∂C/∂b^[l]`` is the mean over columns, shape ``(n_l, 1)``."""
    return e.sum(axis=1, keepdims=True) / e.shape[1]


def bp4_weight_gradient(e: np.ndarray, a_prev: np.ndarray) -> np.ndarray:
    """BP4: ``∂c_x/∂w_jk^[l] = a_k^[l-1] e_j^[l]``, i.e. ``∂c_x/∂w^[l] = e^[l] (a^[l-1])ᵀ``.

    Over a batch of ``m`` columns, ``∂C/∂w^[l] = (1/m) E^[l] (A^[l-1])ᵀ``: one matrix product that sums the
    per-example outer products. Shape ``(n_l, n_{l-1})``, the shape of ``w^[l]``.
    """
    # Dividing e (n_l × m) by m before the product costs a pass over the smaller operand, not the result.
    return (e / e.shape[1]) @ a_prev.T
