"""Figures of the automatic-differentiation chapter: a small computational graph of ``Value`` nodes.

``value_graph(root)`` draws every value the scalar ``root`` depends on, one column per depth, with the
local derivative on each edge; the drawing's ``set_step(step)`` shows the backward sweep after it has reached
``step`` nodes (each reached node shows its grad, in red). Constants (unlabelled inputs such as a target)
are not drawn.
"""

from __future__ import annotations

from typing import Optional

from matplotlib import patches

from .._validate import instance, integer
from ..autodiff import Value, node_name, topological_order
from .style import BLUE, GREY, INK, RED, Drawing, figure, new_figure

__all__ = ["ValueGraph", "value_graph"]

VALUE_GRAPH_ALT = (
    "A computational graph: one box per input or operation with its value, arrows from "
    "inputs to the cost, each labelled with its local derivative."
)
_WORDS = {"*": "product", "+": "sum", "-": "difference", "/": "quotient", "neg": "negation"}


def _plain(v: Value) -> str:
    """The node's name in the alt text: its label, or the operation in words."""
    if v.label:
        return v.label
    if v.op.startswith("**"):
        return f"power {v.op[2:]}"
    return _WORDS.get(v.op, v.op)


def _num(x: float, digits: int = 3) -> str:
    return f"{x:.{digits}f}".replace("-", "−")


def _nodes(root):
    """The drawn values (no constants) in topological order, and the column of each."""
    order = [v for v in topological_order(root) if v.parents or v.label]
    drawn = {id(v) for v in order}
    col = {}
    for v in order:
        col[id(v)] = 1 + max((col[id(p)] for p in v.parents if id(p) in drawn), default=-1)
    for v in reversed(order):  # an input sits just before its first use, not in column 0
        if not v.parents:
            users = [col[id(u)] for u in order if any(p is v for p in u.parents)]
            if users:
                col[id(v)] = min(users) - 1
    return order, col


def _rows(order, col):
    """Row 0 holds the cost's main path: a node's first parent (the one computed from most) continues its
    row, its other parents take the next free row of their column."""
    drawn = {id(v) for v in order}
    row, taken = {id(order[-1]): 0}, {(col[id(order[-1])], 0)}
    for v in reversed(order):
        parents = [p for p in v.parents if id(p) in drawn and id(p) not in row]
        parents.sort(key=lambda p: (-bool(p.parents), -col[id(p)]))
        for p in parents:
            r = row[id(v)]
            while (col[id(p)], r) in taken:
                r += 1
            row[id(p)] = r
            taken.add((col[id(p)], r))
    return row


class ValueGraph(Drawing):
    """State: ``order`` (the drawn values, topologically sorted) and ``step`` (nodes the sweep reached)."""

    def __init__(self, fig, artists, order):
        super().__init__(fig, artists)
        self.order = order
        self.step = 0

    def describe(self) -> str:
        names = ", ".join(f"{_plain(v)} = {v.data:.3f}" for v in self.order)
        alt = (
            f"Computational graph of {len(self.order)} nodes, each an input or an operation with its "
            f"value: {names}. Arrows run from the inputs to the cost, each labelled with its local "
            f"derivative. "
        )
        if self.step == 0:
            return alt + "The backward sweep has not started."
        reached = list(reversed(self.order))[: self.step]
        return alt + (
            f"The backward sweep has reached {self.step} of {len(self.order)} nodes, the last "
            f"{_plain(reached[-1])}; grads so far: " + ", ".join(f"{_plain(v)} {v.grad:.3f}" for v in reached) + "."
        )

    def set_step(self, step: int) -> str:
        """Show the backward sweep after it has reached ``step`` nodes (0: only the forward values)."""
        n = len(self.order)
        step = integer(step, "step", 0, n)
        reached = {n - 1 - i for i in range(step)}  # the sweep runs through `order` backwards
        for i, v in enumerate(self.order):
            done = i in reached
            self.artists["grads"][i].set_text(f"∇ {_num(v.grad)}" if done else "")
            self.artists["boxes"][i].set_edgecolor(RED if done else INK)
            self.artists["boxes"][i].set_linewidth(2.0 if done else 1.3)
        self.step = step
        self._changed()
        return self.alt


@figure(alt=VALUE_GRAPH_ALT)
def value_graph(root: Value, step: Optional[int] = None) -> ValueGraph:
    """Draw the graph that ends in ``root`` (up to 16 nodes). Call ``root.backward()`` first.

    Each node shows its name (label or operation) and value; each edge its local derivative. ``step``:
    how many nodes the backward sweep has reached (default: all of them, the finished sweep).
    Artists: ``boxes`` and ``grads`` (dicts keyed by node index in ``order``).
    """
    instance(root, Value, "root", why="value_graph draws the graph of a Value")
    order, col = _nodes(root)
    if len(order) > 16:
        raise ValueError(f"value_graph draws at most 16 nodes; this graph has {len(order)}")
    row = _rows(order, col)
    pos = {id(v): (col[id(v)] * 2.25, -row[id(v)] * 1.6) for v in order}
    ncol, nrow = max(col.values()) + 1, max(row.values()) + 1
    fig = new_figure(max(6.0, 0.97 * ncol), 0.9 + 1.05 * nrow)
    ax = fig.add_axes((0.01, 0.01, 0.98, 0.98))
    ax.set_axis_off()
    boxes, grads = {}, {}
    for i, v in enumerate(order):
        x, y = pos[id(v)]
        boxes[i] = ax.add_patch(
            patches.FancyBboxPatch(
                (x - 0.65, y - 0.5),
                1.3,
                1.0,
                boxstyle="round,pad=0.02,rounding_size=0.12",
                facecolor="white",
                edgecolor=INK,
                lw=1.3,
            )
        )
        ax.text(x, y + 0.25, node_name(v), ha="center", va="center", fontsize=12)
        ax.text(x, y - 0.04, _num(v.data), ha="center", va="center", fontsize=9, color=GREY)
        grads[i] = ax.text(x, y - 0.3, "", ha="center", va="center", fontsize=8.5, color=RED)
        for p, d in zip(v.parents, v.local_grads):
            if id(p) not in pos:
                continue
            px, py = pos[id(p)]
            ax.annotate(
                "",
                xy=(x - 0.67, y),
                xytext=(px + 0.67, py),
                arrowprops=dict(arrowstyle="-|>", color=INK, lw=1.0, shrinkA=0, shrinkB=0),
            )
            if py == y:
                ax.text((x + px) / 2, y + 0.06, _num(d, 2), ha="center", va="bottom", fontsize=8.5, color=BLUE)
            else:  # a rising edge: its label sits right of the line, near its lower end
                t = 0.18
                ax.text(
                    px + 0.67 + t * (x - px - 1.34) + 0.1,
                    py + t * (y - py),
                    _num(d, 2),
                    ha="left",
                    va="center",
                    fontsize=8.5,
                    color=BLUE,
                )
    xs = [p[0] for p in pos.values()]
    ys = [p[1] for p in pos.values()]
    ax.set_xlim(min(xs) - 0.75, max(xs) + 0.75)
    ax.set_ylim(min(ys) - 0.65, max(ys) + 0.6)
    d = ValueGraph(fig, {"ax": ax, "boxes": boxes, "grads": grads}, order)
    d.set_step(len(order) if step is None else step)
    return d
