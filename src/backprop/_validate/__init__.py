"""Input checks shared by every public entry point of the package.

Every public function validates what it is given here, so that bad input produces a ``ValueError`` or
``TypeError`` naming what was expected (a shape, a name, a range) and what came, instead of a NumPy
traceback from deep inside. One check per kind of input, in three modules by topic:

- ``arrays``: :func:`as_matrix`, :func:`same_columns`, :func:`vector`: arrays with examples as columns,
  vectors; :func:`point_rows`, :func:`one_point`: points as rows (geometry); :func:`parameters`,
  :func:`targets`: a network's weights and biases, and targets for its cost; :func:`path`,
  :func:`series`, :func:`class_labels`, :func:`same_shape`, :func:`contiguous`;
- ``scalars``: :func:`integer`, :func:`positive_int`, :func:`nonnegative_int`, :func:`layer`,
  :func:`dimension`, :func:`layer_sizes`: whole numbers, optionally in a range, and lists of layer widths;
  :func:`finite_float`, :func:`positive_float`, :func:`nonnegative_float`, :func:`fraction`,
  :func:`unit_interval`, :func:`momentum`, :func:`curvatures`, :func:`power_of`: real numbers;
  :func:`rng_seed`: a seed for ``numpy.random.default_rng``; :func:`flag`: ``True``/``False``;
- ``names``: :func:`choice`, :func:`one_of`: a name out of a fixed set; :func:`instance`: an object of a
  class; :func:`matches`: a value equal to the one expected; :func:`function`: something to call.

Import them from here (``from ._validate import positive_int``), not from the topic modules.
"""

from .arrays import (
    all_finite,
    as_matrix,
    class_labels,
    contiguous,
    one_point,
    parameters,
    path,
    point_rows,
    same_columns,
    same_shape,
    series,
    targets,
    vector,
)
from .names import choice, function, instance, matches, one_of
from .scalars import (
    curvatures,
    dimension,
    finite_float,
    flag,
    fraction,
    integer,
    is_integer,
    layer,
    layer_sizes,
    momentum,
    nonnegative_float,
    nonnegative_int,
    positive_float,
    positive_int,
    power_of,
    rng_seed,
    unit_interval,
)

__all__ = [
    "all_finite",
    "as_matrix",
    "class_labels",
    "contiguous",
    "one_point",
    "parameters",
    "path",
    "point_rows",
    "same_columns",
    "same_shape",
    "series",
    "targets",
    "vector",
    "choice",
    "function",
    "instance",
    "matches",
    "one_of",
    "curvatures",
    "dimension",
    "finite_float",
    "flag",
    "fraction",
    "integer",
    "is_integer",
    "layer",
    "layer_sizes",
    "momentum",
    "nonnegative_float",
    "nonnegative_int",
    "positive_float",
    "positive_int",
    "power_of",
    "rng_seed",
    "unit_interval",
]
