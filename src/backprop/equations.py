"""The four equations of backpropagation, one small function each.

Notation (``docs/notation.md``): ``e^[l] = ∂c_x/∂z^[l]`` is the error of layer ``l``; batches are stacked
as columns, so ``e`` has shape ``(n_l, m)`` and ``a_prev`` has shape ``(n_{l-1}, m)``. BP3 and BP4 return the
gradient of the averaged cost ``C = (1/m) Σ_x c_x``, i.e. the per-example gradients averaged over the columns.

``Network``'s backward pass is built from exactly these four functions. It takes them as one bundle,
:class:`Equations`; ``STANDARD`` holds the four below, and swapping one (``STANDARD.swap(bp2_error_back=f)``)
runs the real backward pass with that one equation changed, which is how ``bughunt`` plants its bugs and how
``exercises`` checks a reader's equation. Each function returns a new array.
"""

from __future__ import annotations

from typing import Callable, NamedTuple

from ._validate import function, one_of


def bp1_output_error(dc_da, g_prime_zL):
    """BP1: error of the output layer, ``e^[L] = ∇_a c_x ⊙ g'(z^[L])``.

    ``dc_da`` is ``∂c_x/∂a^[L]`` (supplied by the cost), ``g_prime_zL`` is
    ``g'(z^[L])``; both ``(n_L, m)``.
    """
    return dc_da * g_prime_zL


def bp2_error_back(w_next, e_next, g_prime_z):
    """BP2: error one layer back, ``e^[l] = ((w^[l+1])ᵀ e^[l+1]) ⊙ g'(z^[l])``.

    ``w_next`` is ``w^[l+1]``, ``(n_{l+1}, n_l)``; ``e_next`` is ``e^[l+1]``,
    ``(n_{l+1}, m)``; ``g_prime_z`` is ``g'(z^[l])``, ``(n_l, m)``. The
    transpose sums ``w_kj^[l+1] e_k^[l+1]`` over the neurons k of layer l+1:
    the weight runs *to* k *from* j.
    """
    return (w_next.T @ e_next) * g_prime_z


def bp3_bias_gradient(e):
    """BP3: ``∂c_x/∂b^[l] = e^[l]``.

    Over a batch, ``∂C/∂b^[l]`` is the mean over the columns, ``(n_l, 1)``.
    """
    return e.sum(axis=1, keepdims=True) / e.shape[1]


def bp4_weight_gradient(e, a_prev):
    """BP4: ``∂c_x/∂w_jk^[l] = a_k^[l-1] e_j^[l]``, or ``e^[l] (a^[l-1])ᵀ``.

    Over a batch of ``m`` columns, ``∂C/∂w^[l] = (1/m) E^[l] (A^[l-1])ᵀ``:
    one product sums the per-example outer products. Shape
    ``(n_l, n_{l-1})``, the shape of ``w^[l]``.
    """
    # 1/m applied to e (n_l × m), the smaller operand, not to the product
    return (e / e.shape[1]) @ a_prev.T


class Equations(NamedTuple):
    """The four equations a backward pass uses, as one bundle.

    ``STANDARD`` holds the four functions of this module. ``swap(name=f)``
    returns a bundle with one (or more) replaced; ``f`` has the signature of
    the function it replaces.
    """

    bp1_output_error: Callable = bp1_output_error
    bp2_error_back: Callable = bp2_error_back
    bp3_bias_gradient: Callable = bp3_bias_gradient
    bp4_weight_gradient: Callable = bp4_weight_gradient

    def swap(self, **replacements) -> "Equations":
        for name, fn in replacements.items():
            one_of(name, "equation", self._fields)
            function(fn, name)
        return self._replace(**replacements)


#: The four equations of this module: what ``Network`` uses unless told otherwise.
STANDARD = Equations()
