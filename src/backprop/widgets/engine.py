"""Widget of the automatic-differentiation chapter: step through the backward sweep."""

from __future__ import annotations

import numpy as np

from .. import figures as F
from .._validate import finite_float
from .core import BookWidget, Control, build, register

__all__ = ["backward_sweep"]


@register
def backward_sweep(mode: str = "auto", *, x: float = 0.8, y: float = 1.0, seed: int = 0) -> BookWidget:
    """Step through the backward sweep on the graph of one sigmoid neuron, ``Network([1, 1])``, and its
    quadratic cost for input ``x`` and target ``y``: each step reaches one more node and shows its grad."""
    from ..autodiff import network_graph
    from ..network import Network

    x, y = finite_float(x, "x"), finite_float(y, "y")
    graph = network_graph(Network([1, 1], seed=seed), np.array([[x]]), np.array([[y]]))
    graph.cost.backward()
    n = len(F.value_graph(graph.cost).order)

    def setup():
        d = F.value_graph(graph.cost, step=0)

        def update(v):
            return d.set_step(int(v["step"]))

        return d, update

    specs = [Control("step", "nodes reached", 0, 0, n, 1, integer=True, static=list(range(n + 1)))]
    return build("backward_sweep", specs, setup, mode)
