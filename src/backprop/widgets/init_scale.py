"""Widget of the deep-networks chapter: the weight gradient of every layer against the initialization scale."""

from __future__ import annotations

import numpy as np

from .. import figures as F
from .._validate import positive_int
from ..deep import UNSCALED
from .core import BookWidget, Control, build, register

__all__ = ["init_scale_explorer", "INIT_SCALES"]

#: The initialization scales s offered (weights start as N(0, s²/n_{l-1})), with their labels; the last is
#: standard Gaussian weights, no 1/√n (s = √n_{l-1} in each layer).
INIT_SCALES = (
    ("1/4", 0.25),
    ("1/2", 0.5),
    ("1", 1.0),
    ("√2", float(np.sqrt(2))),
    ("2", 2.0),
    ("4", 4.0),
    ("√n (no 1/√n)", UNSCALED),
)


@register
def init_scale_explorer(
    mode: str = "auto", *, seed: int = 0, n_examples: int = 200, depth: int = 8, width: int = 32
) -> BookWidget:
    """Move the initialization scale ``s``: ``‖∂C/∂w^[l]‖`` per layer of a deep digits network
    ``[64, width × depth, 10]`` (cross-entropy cost, zero initial biases) for sigmoid, tanh and ReLU hidden
    layers."""
    from ..data import digits
    from ..deep import norms_by_scale

    n_examples = positive_int(n_examples, "n_examples")
    depth, width = positive_int(depth, "depth"), positive_int(width, "width")
    X, Y = digits()
    X, Y = X[:, :n_examples], Y[:, :n_examples]
    sizes = [64] + [width] * depth + [10]
    scales = [s for _, s in INIT_SCALES]
    norms = norms_by_scale(sizes, scales, ("sigmoid", "tanh", "relu"), X, Y, seed=seed)

    def setup():
        d = F.gradient_norm_plot(norms[1.0], scale=1.0)

        def update(v):
            s = v["scale"] if isinstance(v["scale"], str) else float(v["scale"])
            return d.set_norms(norms[s], s)

        return d, update

    specs = [Control("scale", "initialization scale s", 1.0, options=list(INIT_SCALES), static=scales, slider=True)]
    return build("init_scale_explorer", specs, setup, mode)
