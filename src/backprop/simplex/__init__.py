"""The simplex-noise kernel radius: why ``r² = ½`` in every dimension, proved three ways.

The post's closing aside says the squared kernel radius of N-dimensional simplex noise is ``½`` for all N,
arguing from a *regular* simplex of edge ``√(N/(N+1))``. The conclusion is right; the argument is only
valid for ``N ≤ 2``, because from ``N = 3`` the simplices of the simplex-noise lattice are not regular.
Modules, by concept:

- :mod:`.proof`: the symbolic proof for symbolic ``N`` (skew ``F``, unskew ``G``, the norms of the skewed
  facet normals, and :func:`simplex_height_squared`, which simplifies to ``1/2``), and the post's argument;
- :mod:`.lattice`: the lattice checked for concrete ``N``, exactly with SymPy radicals
  (:func:`exact_lattice_simplex`: the edge lengths, not all equal from ``N = 3``, and every vertex's
  distance to its opposite facet, all ``1/√2``) and independently with NumPy, locating random points as
  simplex noise does (:func:`numeric_lattice`);
- :mod:`.kernel`: the kernel ``max(0, r² − d²)⁴`` along a line crossing a facet (:func:`kernel_along_line`),
  which shows the seam ``r² = 0.6`` leaves and ``r² = 0.5`` does not; the noise and its gradient, by hand
  and by the autodiff engine. Plain NumPy arrays; the figures are drawn in ``backprop.figures``.

Conventions (Gustavson, "Simplex noise demystified"): skewed coordinates ``x' = S x`` with
``S = I + F·11ᵀ``, ``F = (√(N+1) − 1)/N``; unskew ``x = x' − G·Σx'``, ``G = (1 − 1/√(N+1))/N``.
Every name is re-exported here (``simplex.noise``, ``simplex.N``, ...).
"""

from . import kernel, lattice, proof
from .proof import (
    N,
    facet_normal_norms_squared,
    post_argument,
    simplex_height_squared,
    skew_factor,
    skew_matrix,
    unskew_factor,
    unskew_matrix,
)
from .lattice import (
    ExactSimplex,
    NumericLattice,
    exact_lattice_simplex,
    float_factors,
    foot_is_midpoint,
    locate,
    numeric_lattice,
)
from .kernel import (
    GradientLine,
    KernelLine,
    NoiseGraph,
    engine_gradient,
    gradient_along_line,
    kernel_along_line,
    noise,
    noise_gradient,
    noise_graph,
)

# every module's public names, in the order of the modules above
__all__ = proof.__all__ + lattice.__all__ + kernel.__all__
