"""The weight matrix ``w^[l]`` drawn as a grid (the notation explorer's second panel), with a setter that
keeps its alt text true.

Row ``j`` holds the weights into neuron ``j`` of layer ``l``, column ``k`` the weights out of neuron ``k`` of
layer ``l-1``; ``j`` and ``k`` are 1-based, as in the text. The drawing keeps what it shows as attributes
(``matrix.shape``, ``matrix.highlight``, ...) and describes it in ``alt``; change it with
:meth:`WeightMatrix.set_matrix`, which returns the new alt text.
"""

from __future__ import annotations

import numpy as np
import matplotlib
from matplotlib import patches
from matplotlib.lines import Line2D

from .._validate import integer, same_shape
from .style import GREY, HIGHLIGHT, INK, LIGHT, Drawing, blank_axes, figure, figure_axes, format_signed

__all__ = ["WeightMatrix", "weight_matrix"]

WEIGHT_MATRIX_ALT = (
    "The weight matrix w^[l] drawn as a grid: row j holds the weights into neuron j of layer l, column k "
    "the weights out of neuron k of layer l-1."
)


class WeightMatrix(Drawing):
    """``w^[layer]`` as a grid; state ``shape``, ``layer``, ``values`` (numbers or ``None``), ``highlight``."""

    def __init__(self, fig, artists, capacity):
        super().__init__(fig, artists)
        self.capacity = capacity
        self.shape = self.layer = self.values = self.highlight = None
        self._key = None

    def set_matrix(self, shape, *, layer=1, highlight=None, values=None) -> str:
        """Show ``w^[layer]`` with ``shape = (n_l, n_{l-1})`` in the cells, highlighting entry ``(j, k)``.

        The entries are rewritten only when the shape, layer or values change; the highlight is a set of
        translucent overlays (row, column, entry), so moving it touches nothing else.
        """
        art = self.artists
        R, C = self.capacity
        layer = integer(layer, "layer", 1)
        n, m = int(shape[0]), int(shape[1])
        if not (1 <= n <= R and 1 <= m <= C):
            raise ValueError(f"shape must fit the capacity {self.capacity}, got {shape}")
        if highlight is not None:
            hj, hk = int(highlight[0]), int(highlight[1])
            if not (1 <= hj <= n and 1 <= hk <= m):
                raise ValueError(f"highlight (j, k) must lie in the {n} × {m} matrix, got {highlight}")
        vals = None if values is None else np.asarray(values, dtype=float)[:n, :m]
        if vals is not None:
            same_shape(vals, (n, m), "values (the matrix's entries)")
        key = (n, m, layer, None if vals is None else vals.tobytes())
        if self._key != key:
            self._key = key
            for (j, k), rect in art["cells"].items():
                inside = j <= n and k <= m
                rect.set_visible(inside)
                text = art["entries"][(j, k)]
                text.set_visible(inside)
                if not inside:
                    continue
                if vals is not None:
                    text.set_text(format_signed(float(vals[j - 1, k - 1])).strip())
                    text.set_fontsize(10)
                else:
                    text.set_text(f"$w^{{[{layer}]}}_{{{j}{k}}}$")
                    text.set_fontsize(11)
            for j, t in art["row_labels"].items():
                t.set_visible(j <= n)
            for k, t in art["col_labels"].items():
                t.set_visible(k <= m)
            left, right = art["brackets"]
            left.set_data([0.12, -0.08, -0.08, 0.12], [0.05, 0.05, -n - 0.05, -n - 0.05])
            right.set_data([m - 0.12, m + 0.08, m + 0.08, m - 0.12], [0.05, 0.05, -n - 0.05, -n - 0.05])
            art["title"].set_text(
                f"$w^{{[{layer}]}}$: rows $j$ = neurons of layer {layer},\ncolumns $k$ = neurons of layer {layer - 1}"
            )
            art["title"].set_position((m / 2, 0.75))
            art["title"].set_fontsize(9.5)
            art["shape"].set_text(f"shape $(n_{{{layer}}}, n_{{{layer - 1}}}) = ({n}, {m})$")
            art["shape"].set_position((m / 2, -n - 0.35))
        self.shape, self.layer, self.values = (n, m), layer, vals
        self.highlight = None if highlight is None else (hj, hk)
        row, col, cell = art["hl_row"], art["hl_col"], art["hl_cell"]
        marks = art["hl_labels"]
        if highlight is None:
            for p in (row, col, cell, *marks):
                p.set_visible(False)
        else:
            row.set_bounds(0, -hj, m, 1)
            col.set_bounds(hk - 1, -n, 1, n)
            cell.set_xy((hk - 1, -hj))
            marks[0].set_position((-0.25, -hj + 0.5))
            marks[0].set_text(f"j={hj}")
            marks[1].set_position((hk - 0.5, 0.22))
            marks[1].set_text(f"k={hk}")
            for p in (row, col, cell, *marks):
                p.set_visible(True)
        self._changed()
        return self.alt

    def describe(self) -> str:
        (n, m), l = self.shape, self.layer
        text = [
            WEIGHT_MATRIX_ALT,
            f"Here w^[{l}] has shape {n} by {m}: rows j = 1 to {n} are the neurons of layer "
            f"{l}, columns k = 1 to {m} the neurons of layer {l - 1}.",
        ]
        if self.values is not None:
            text.append(
                "The entries are numbers; "
                + "; ".join(
                    f"row {j + 1} reads " + ", ".join(f"{v:.2f}" for v in row) for j, row in enumerate(self.values)
                )
                + "."
            )
        else:
            text.append(f"Each cell holds its symbol w^[{l}]_jk.")
        if self.highlight is not None:
            j, k = self.highlight
            text.append(
                f"Row {j} and column {k} are shaded and the entry w^[{l}]_{j}{k} is outlined in red: the "
                f"weight to neuron {j} of layer {l} from neuron {k} of layer {l - 1}."
            )
        return " ".join(text)


@figure(alt=WEIGHT_MATRIX_ALT)
def weight_matrix(ax=None, shape=(3, 2), *, layer=1, highlight=None, values=None, capacity=(3, 3)) -> WeightMatrix:
    """Draw the weight matrix ``w^[l]`` as a grid of entries ``w^[l]_jk`` (or numbers, from ``values``).

    ``highlight=(j, k)`` shades row ``j`` and column ``k`` and marks the entry. Cells for up to
    ``capacity`` rows × columns are created once, so :meth:`WeightMatrix.set_matrix` can change the shape in
    place. Artists: ``cells[(j, k)]`` Rectangle, ``entries[(j, k)]`` Text, ``row_labels[j]``,
    ``col_labels[k]``, ``title``, ``shape``, ``brackets`` (two Line2D).
    """
    fig, ax = figure_axes(ax, 4, 4, full=True)
    blank_axes(ax)
    R, C = capacity
    art = {"cells": {}, "entries": {}, "row_labels": {}, "col_labels": {}}
    for j in range(1, R + 1):
        for k in range(1, C + 1):
            rect = patches.Rectangle((k - 1, -j), 1, 1, facecolor="white", edgecolor=LIGHT, lw=1.0, zorder=1)
            ax.add_patch(rect)
            art["cells"][(j, k)] = rect
            art["entries"][(j, k)] = ax.text(k - 0.5, -j + 0.5, "", ha="center", va="center", fontsize=11, zorder=3)
        art["row_labels"][j] = ax.text(-0.25, -j + 0.5, f"j={j}", ha="right", va="center", fontsize=9, color=GREY)
    for k in range(1, C + 1):
        art["col_labels"][k] = ax.text(k - 0.5, 0.22, f"k={k}", ha="center", va="bottom", fontsize=9, color=GREY)
    art["brackets"] = [Line2D([], [], color=INK, lw=1.5, zorder=4) for _ in range(2)]
    for b in art["brackets"]:
        ax.add_line(b)
    # highlight overlays, translucent so the entries show through
    art["hl_row"] = patches.Rectangle((0, 0), 0, 0, facecolor=HIGHLIGHT, alpha=0.10, lw=0, zorder=5)
    art["hl_col"] = patches.Rectangle((0, 0), 0, 0, facecolor=HIGHLIGHT, alpha=0.10, lw=0, zorder=5)
    art["hl_cell"] = patches.Rectangle(
        (0, 0), 1, 1, facecolor=matplotlib.colors.to_rgba(HIGHLIGHT, 0.12), edgecolor=HIGHLIGHT, lw=2.4, zorder=6
    )
    for p in (art["hl_row"], art["hl_col"], art["hl_cell"]):
        ax.add_patch(p)
    art["hl_labels"] = [
        ax.text(
            0,
            0,
            "",
            ha=ha,
            va=va,
            fontsize=9,
            color=HIGHLIGHT,
            zorder=7,
            bbox=dict(boxstyle="square,pad=0.1", fc="white", ec="none"),
        )
        for ha, va in (("right", "center"), ("center", "bottom"))
    ]
    art["title"] = ax.text(C / 2, 0.95, "", ha="center", va="bottom", fontsize=12)
    art["shape"] = ax.text(C / 2, -R - 0.35, "", ha="center", va="top", fontsize=10)
    ax.set_xlim(-1.0, C + 0.3)
    ax.set_ylim(-R - 1.0, 1.5)
    d = WeightMatrix(fig, art, capacity)
    d.set_matrix(shape, layer=layer, highlight=highlight, values=values)
    return d
