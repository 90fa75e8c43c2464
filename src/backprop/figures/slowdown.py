"""The learning slowdown of a saturated sigmoid output (cost chapter): the error under two costs.

For one sigmoid output ``a = σ(z)`` with target ``y``, the error that starts backpropagation is
``e = ∂c_x/∂z``: ``(a − y) σ'(z)`` for the quadratic cost, ``a − y`` for cross-entropy. Plotted against
``z``, the quadratic error fades to zero where the output is confidently wrong, the cross-entropy error
does not (Nielsen's "learning slowdown").
"""

from __future__ import annotations

import numpy as np

from .._validate import unit_interval
from .style import BLUE, GREY, ORANGE, Drawing, figure, figure_axes

__all__ = ["LearningSlowdown", "learning_slowdown"]

SLOWDOWN_ALT = (
    "Left: the quadratic and cross-entropy costs of one sigmoid output, against its weighted input z. "
    "Right: the error e = dc/dz of each. For cross-entropy it is a - y, which stays large wherever the "
    "output is confidently wrong; for the quadratic cost it is (a - y) times the sigmoid's slope, which "
    "fades to zero there."
)


class LearningSlowdown(Drawing):
    """State: ``y`` (the target), ``mark`` (the marked weighted input, or ``None``) and ``errors``
    (cost name → the error ``e`` at ``mark``)."""

    def __init__(self, fig, artists, y, mark, errors):
        super().__init__(fig, artists)
        self.y, self.mark, self.errors = y, mark, errors

    def describe(self) -> str:
        text = SLOWDOWN_ALT.replace("one sigmoid output", f"one sigmoid output with target y = {self.y:g}")
        if self.mark is None:
            return text
        parts = ", ".join(f"{name.replace('_', '-')} {e:.4f}" for name, e in self.errors.items())
        return text + f" Dots mark z = {self.mark:g}, where the errors are: {parts}."


@figure(alt=SLOWDOWN_ALT)
def learning_slowdown(*, y: float = 1.0, mark: float | None = -5.0, zlim=(-7.0, 5.0)) -> LearningSlowdown:
    """Costs (left) and errors ``e = ∂c_x/∂z`` (right) of one sigmoid output with target ``y``.

    Both curves come from the package: ``Cost.fn`` and ``Cost.output_error`` (BP1 of each cost).
    ``mark`` puts a dot on each error curve at that ``z``. Artists: ``axes`` (cost, error), ``cost_lines``
    and ``error_lines`` by cost name, ``marks`` by cost name.
    """
    from ..activations import sigmoid
    from ..costs import get_cost

    y = unit_interval(y, "the target y", why="for cross-entropy")
    costs = [get_cost("quadratic"), get_cost("cross_entropy")]
    z = np.linspace(zlim[0], zlim[1], 241)[None, :]
    a = sigmoid(z)
    t = np.full_like(z, y)
    fig, (ax_c, ax_e) = figure_axes(None, 6.4, 3.0, ncols=2)
    fig.subplots_adjust(left=0.09, right=0.98, top=0.83, bottom=0.17, wspace=0.32)
    art = {"axes": (ax_c, ax_e), "cost_lines": {}, "error_lines": {}, "marks": {}}
    errors = {}
    for cost, color in zip(costs, (BLUE, ORANGE)):
        label = cost.name.replace("_", "-")
        (art["cost_lines"][cost.name],) = ax_c.plot(z[0], cost.value(z, a, t, sigmoid), color=color, label=label)
        (art["error_lines"][cost.name],) = ax_e.plot(z[0], cost.output_error(z, a, t, sigmoid)[0], color=color)
        if mark is not None:
            zm = np.array([[float(mark)]])
            em = float(cost.output_error(zm, sigmoid(zm), np.array([[y]]), sigmoid)[0, 0])
            (art["marks"][cost.name],) = ax_e.plot([mark], [em], "o", color=color, ms=6, mec="white", mew=1)
            errors[cost.name] = em
    ax_c.set(xlabel="weighted input $z$", ylabel="cost $c_x$", xlim=zlim, ylim=(0, 4))
    ax_e.set(
        xlabel="weighted input $z$",
        ylabel=r"error $e = \partial c_x / \partial z$",
        xlim=zlim,
        ylim=(min(-1.1, -y - 0.1), max(0.1, 1.1 - y)),
    )
    ax_e.axhline(0, color=GREY, lw=0.8)
    ax_c.legend(loc="upper center", bbox_to_anchor=(1.1, 1.25), ncol=2)
    return LearningSlowdown(fig, art, float(y), None if mark is None else float(mark), errors)
