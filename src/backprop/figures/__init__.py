"""The book's figures, drawn from code in the book's notation (matplotlib only, no pyplot).

Every figure function draws into a new figure (or into ``ax`` if one is given) and returns a
:class:`Drawing`: ``fig`` (the matplotlib Figure), ``artists`` (the handles the widgets update in place, so a
callback never re-plots) and ``alt`` (the alt text of what is drawn, kept true by the setters). A figure
that changes is changed one way: by the setter methods of its Drawing (``diagram.set_highlight(...)``,
``plot.set_z(0.7)``, as matplotlib's ``line.set_data``), each returning the new alt text. A cell
ending in ``figures.network_diagram()`` shows the figure as a sharp PNG at its natural width.

Modules, by concept:

- :mod:`.style`: colours, rcParams, sizes (2× bitmaps), :class:`Drawing`, PNG and ``<img>`` helpers, and the
  helpers every figure module draws with (``figure_axes``, ``blank_axes``, ``format_signed``, ``set_limits``,
  ``book_style``);
- :mod:`.diagrams`: the network diagram (bp1) and :mod:`.diagram_text` its alt text, :mod:`.matrix`:
  the weight matrix;
- :mod:`.neuron`: one neuron (the post's bp2, bp4, bp6); :mod:`.schematics`: the matrix form, the chain rule's
  graphs and the error flowing back (bp3, bp5, bp7);
- :mod:`.curves`: the costs and the activations, with a marked point;
- :mod:`.slopes`: a predicted slope against the measured change (the chain rule, a nudged weight);
- :mod:`.descent`: gradient descent, with the exact analysis of the quadratic bowl;
- :mod:`.learning`: what training did (loss curves, the decision boundary);
- one module per chapter topic: :mod:`.engine_graphs` (the autodiff engine's graphs), :mod:`.gradient_norms`,
  :mod:`.slowdown`, :mod:`.stability`, :mod:`.noise_seam` (the simplex kernel and the noise's slope at a
  facet).

Everything is re-exported here (``figures.network_diagram``, ``figures.BLUE``, ...), by the explicit imports
below: a new module gets one import line of the names in its ``__all__``.
"""

from .style import (
    BLUE,
    BOOK_STYLE,
    DISPLAY_DPI,
    DIVERGING_CMAP,
    ERROR_CMAP,
    FIGURES,
    GREEN,
    GREY,
    HIGHLIGHT,
    INK,
    LAYER_FILL,
    LIGHT,
    MIN_FONT_PT,
    ORANGE,
    PURPLE,
    RED,
    RENDER_DPI,
    SCALE,
    TINT,
    Drawing,
    alt_text,
    blank_axes,
    book_style,
    display_width,
    figure,
    figure_axes,
    format_signed,
    image_data_uri,
    img_html,
    new_figure,
    set_limits,
    to_png,
)
from .diagram_text import RUNNING_EXAMPLE_ALT, describe_diagram
from .diagrams import NetworkDiagram, network_diagram
from .matrix import WeightMatrix, weight_matrix
from .neuron import activation_formula, neuron_computation, output_neuron_cost
from .schematics import chain_graph, error_flow, matrix_form
from .curves import ActivationPlot, CostCurves, activation_functions, cost_curves
from .slopes import ChainRulePlot, NudgePlot, chain_rule_plot, nudge_plot
from .descent import DescentPlot, Regime, bowl_regime, descent_status, gradient_descent_plot
from .learning import DecisionBoundary, boundary_line, decision_boundary, loss_curve
from .engine_graphs import ValueGraph, value_graph
from .gradient_norms import GradientNormPlot, gradient_norm_plot
from .slowdown import LearningSlowdown, learning_slowdown
from .stability import EtaSweep, SharpnessCurves, eta_sweep, sharpness_curves
from .noise_seam import NoiseSeamPlot, SimplexKernelPlot, noise_seam_plot, simplex_kernel_plot

#: The post's figures by their file names, for the chapters that follow the post.
POST_FIGURES = {
    "bp1": network_diagram,
    "bp2": neuron_computation,
    "bp3": matrix_form,
    "bp4": activation_formula,
    "bp5": chain_graph,
    "bp6": output_neuron_cost,
    "bp7": error_flow,
}
