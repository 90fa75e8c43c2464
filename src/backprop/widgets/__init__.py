"""Interactive widgets for the chapters, one builder per widget, each working live (Jupyter) or static (book).

Every builder returns a :class:`BookWidget` (an ``ipywidgets.VBox``) with, for tests and notebooks:
``controls`` (name → control widget), ``values()``, ``set(**values)`` (clamps or refuses bad values),
``drawing`` (whose ``alt`` describes the current state), and in live mode ``image``, ``refresh()``; in
static mode ``stack``, ``links``, ``states``.

Modules:

- :mod:`.core`: :class:`Control`, :class:`BookWidget`, :func:`build` (live and static modes), the registry
  :data:`WIDGETS` and its decorator :func:`register`;
- :mod:`.live`: the live rendering engine (:class:`LiveRenderer`, blitting; :func:`encode_png`);
- :mod:`.diagram_widgets`: widgets on the network diagram (notation, forward pass, backward pass, nudged weight);
- :mod:`.plots`: widgets on plots (costs, gradient descent, chain rule, training, simplex kernel).

- one module per topic: :mod:`.momentum`, :mod:`.init_scale`, :mod:`.engine` (the autodiff engine's backward
  sweep).

To add a widget, write a new module here with a builder decorated with ``@register`` and import it below
(one line of the names in its ``__all__``): it is then ``widgets.<builder>``, and listed in :data:`WIDGETS`.
"""

from .core import (
    LIVE_COMPRESS,
    LIVE_DPI,
    MODES,
    STATIC_COLORS,
    STATIC_FORMAT,
    STATIC_NOTE,
    WIDGETS,
    BookWidget,
    Control,
    build,
    example_net,
    note_text,
    register,
    resolve_mode,
)
from .live import LiveRenderer, encode_png, probe
from .diagram_widgets import backprop_flow, forward_pass, notation_explorer, nudge_weight
from .plots import (
    SIMPLEX_R2,
    TRAIN_ACTIVATIONS,
    TRAIN_ETAS,
    TRAIN_WIDTHS,
    chain_rule_explorer,
    cost_explorer,
    gradient_descent_explorer,
    simplex_kernel,
    training_explorer,
)
from .momentum import MOMENTUM_BETAS, MOMENTUM_STATIC_ETAS, momentum_explorer
from .init_scale import INIT_SCALES, init_scale_explorer
from .engine import backward_sweep
