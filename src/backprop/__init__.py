"""backprop: a small, readable neural network whose code is the four backpropagation equations.

The math lives in ``activations``, ``costs``, ``equations``, ``network``, ``gradcheck``, ``training`` and
``data`` (NumPy only); ``bughunt`` and ``exercises`` find slips in backward passes; ``symbolic`` and
``simplex`` use SymPy; ``figures`` and ``widgets`` draw on top. ``docs/architecture.md`` maps every module.
"""

from .activations import ACTIVATIONS, Activation, get_activation
from .costs import COSTS, Cost, get_cost
from .equations import bp1_output_error, bp2_error_back, bp3_bias_gradient, bp4_weight_gradient
from .gradcheck import GradCheck, check_gradients, numerical_errors, numerical_gradient, relative_error
from .network import Backward, Batch, Forward, Network
from .training import History, QuadraticBowl, accuracy, descend, sgd, sgd_step

__version__ = "0.1.0"

__all__ = [
    "ACTIVATIONS",
    "Activation",
    "get_activation",
    "COSTS",
    "Cost",
    "get_cost",
    "bp1_output_error",
    "bp2_error_back",
    "bp3_bias_gradient",
    "bp4_weight_gradient",
    "GradCheck",
    "check_gradients",
    "numerical_errors",
    "numerical_gradient",
    "relative_error",
    "Backward",
    "Batch",
    "Forward",
    "Network",
    "History",
    "QuadraticBowl",
    "accuracy",
    "descend",
    "sgd",
    "sgd_step",
]
