"""The network diagram (the post's bp1), with setters that keep its alt text true.

Notation: layers ``l = 0..L`` (0 is the input), ``w^[l]_jk`` is the weight *to* neuron ``j`` of layer ``l``
*from* neuron ``k`` of layer ``l-1``; neurons are numbered from 1 in labels and arguments, as in the text.
The running example has sizes ``(2, 3, 2)``, so ``L = 2``.

The diagram keeps what it shows as attributes (``diagram.highlight``, ``diagram.values``, ...) and describes
it in ``alt``; change them with their methods (``diagram.set_highlight(...)``, ...), which return the new
alt text, never by writing to the artists behind their back.
"""

from __future__ import annotations

from typing import Optional

import numpy as np
from matplotlib import patches
from matplotlib.colors import TwoSlopeNorm
from matplotlib.lines import Line2D

from .._validate import integer, layer_sizes, matches
from .diagram_text import RUNNING_EXAMPLE_ALT, describe_diagram
from .style import (
    BLUE,
    GREY,
    HIGHLIGHT,
    INK,
    LAYER_FILL,
    RED,
    ERROR_CMAP,
    Drawing,
    blank_axes,
    figure,
    figure_axes,
    format_signed,
)

__all__ = ["NetworkDiagram", "network_diagram"]


def _layer_kind(l, L):
    return "input" if l == 0 else ("output" if l == L else "hidden")


def _check_sizes(sizes):
    sizes = tuple(layer_sizes(sizes, error=ValueError))
    if max(sizes) > 8:
        raise ValueError(f"network_diagram draws at most 8 neurons per layer, got sizes {sizes!r}")
    return sizes


def _check_weight(highlight, sizes):
    if isinstance(highlight, (str, bytes)) or not hasattr(highlight, "__len__") or len(highlight) != 3:
        raise ValueError(f"highlight must be a triple (l, j, k), got {highlight!r}")
    L = len(sizes) - 1
    l = integer(highlight[0], "layer l", 1, L)
    j = integer(highlight[1], f"neuron j of layer {l}", 1, sizes[l])
    k = integer(highlight[2], f"neuron k of layer {l - 1}", 1, sizes[l - 1])
    return l, j, k


def _column(v, col=0):
    v = np.asarray(v, dtype=float)
    return v[:, col] if v.ndim == 2 else v


def _node_xy(sizes, dx=2.0, dy=1.1):
    """Centre (x, y) of neuron j (1-based) of layer l."""
    pos = {}
    for l, n in enumerate(sizes):
        for j in range(1, n + 1):
            pos[(l, j)] = (l * dx, ((n - 1) / 2 - (j - 1)) * dy)
    return pos


# == bp1: the network ===================================================================================


class NetworkDiagram(Drawing):
    """A drawn network and what is shown on it: values, targets, a highlighted weight, errors, gradients.

    State: ``sizes``, ``pos`` (centre of neuron ``(l, j)``), ``values`` (``{l: (z, a)}`` written under the
    neurons, or ``None``), ``targets``, ``highlight`` (``(l, j, k)`` or ``None``) and ``highlight_value``,
    ``errors`` (``{l: e}`` colouring the neurons), ``gradients`` (``nabla_w`` colouring the lines) and
    ``edge_styles`` (``{(l, j, k): colour}``).
    """

    def __init__(self, fig, artists, sizes, pos):
        super().__init__(fig, artists)
        self.sizes, self.pos = sizes, pos
        self.values = None
        self.show = ("z", "a")
        self.targets = None
        self.highlight = None
        self.highlight_value = None
        self.errors = None
        self.gradients = None
        self.edge_styles = {}

    @property
    def L(self):
        return len(self.sizes) - 1

    # -- setters ---------------------------------------------------------------------------------------
    def set_values(self, forward, col: int = 0, show=("z", "a")) -> str:
        """Write ``z^[l]_j`` and ``a^[l]_j`` (from a ``Forward``, example ``col``) under every neuron."""
        widths = [len(a) for a in forward.activations]
        matches(widths, list(self.sizes), "the layer widths of forward (the diagram's sizes)")
        self.values = {
            l: (_column(forward.z(l), col) if l > 0 else None, _column(forward.a(l), col)) for l in range(self.L + 1)
        }
        self.show = tuple(show)
        for l, (z, a) in self.values.items():
            for j in range(1, self.sizes[l] + 1):
                parts = []
                if "z" in show and z is not None:
                    parts.append(f"z={format_signed(z[j - 1]).strip()}")
                if "a" in show:
                    parts.append(f"a={format_signed(a[j - 1]).strip()}")
                self.artists["values"][(l, j)].set_text("  ".join(parts))
        self._changed()
        return self.alt

    def set_targets(self, y, col: int = 0) -> str:
        """Write the targets ``y_j`` right of the output layer (``None`` clears them)."""
        self.targets = None if y is None else _column(y, col)
        for j, t in self.artists["targets"].items():
            t.set_text("" if y is None else f"$y_{{{j}}}$={format_signed(self.targets[j - 1]).strip()}")
        self._changed()
        return self.alt

    def set_highlight(self, highlight, value: Optional[float] = None) -> str:
        """Light up the weight ``w^[l]_jk`` (``highlight=(l, j, k)``, or ``None`` to clear) and its two neurons.

        Drawn as overlays (a thick red line and two red rings) so the plain lines and neurons stay untouched.
        """
        art = self.artists
        label, line, rings = art["weight_label"], art["hl_edge"], art["hl_rings"]
        if highlight is None:
            self.highlight = self.highlight_value = None
            for a in (label, line, *rings):
                a.set_visible(False)
            self._changed()
            return self.alt
        l, j, k = _check_weight(highlight, self.sizes)
        self.highlight, self.highlight_value = (l, j, k), None if value is None else float(value)
        xs, ys = art["edges"][(l, j, k)].get_data()
        line.set_data(xs, ys)
        line.set_visible(True)
        for ring, key in zip(rings, ((l, j), (l - 1, k))):
            ring.set_center(art["nodes"][key].get_center())
            ring.set_visible(True)
        label.set_position(((xs[0] + xs[1]) / 2, (ys[0] + ys[1]) / 2))
        text = f"$w^{{[{l}]}}_{{{j}{k}}}$"
        if value is not None:
            text += f" = {format_signed(value).strip()}"
        label.set_text(text)
        label.set_visible(True)
        self._changed()
        return self.alt

    def set_errors(self, errors, col: int = 0, layers=None, scale: Optional[float] = None) -> str:
        """Colour neurons by their error ``e^[l]_j`` (blue negative, red positive) and write ``e=`` under them.

        ``errors``: a ``Backward`` or a dict ``{l: e^[l]}``; ``layers`` restricts to some layers (the others
        keep their plain colours, e.g. while stepping backwards). ``scale`` fixes the colour range.
        """
        get = errors.e if hasattr(errors, "e") else (lambda l: errors[l])
        shown = set(range(1, self.L + 1) if layers is None else layers)
        es = {l: _column(get(l), col) for l in sorted(shown)}
        if scale is None:
            scale = max([float(np.max(np.abs(e))) for e in es.values()] + [1e-12])
        norm = TwoSlopeNorm(vcenter=0.0, vmin=-scale, vmax=scale)
        for (l, j), c in self.artists["nodes"].items():
            if l in es:
                e = es[l][j - 1]
                # keep the colours in the middle half of the map so labels stay readable on them
                c.set_facecolor(ERROR_CMAP(0.5 + 0.25 * (norm(e) - 0.5) * 2))
                self.artists["values"][(l, j)].set_text(f"e={format_signed(e, 3).strip()}")
            else:
                c.set_facecolor(LAYER_FILL[_layer_kind(l, self.L)])
        self.errors = es
        self._changed()
        return self.alt

    def reset_colors(self) -> str:
        """Back to the plain layer colours (the errors are no longer shown)."""
        for (l, j), c in self.artists["nodes"].items():
            c.set_facecolor(LAYER_FILL[_layer_kind(l, self.L)])
        self.errors = None
        self._changed()
        return self.alt

    def set_edge_style(self, weight, color=GREY, lw=1.2) -> str:
        """Colour one weight line ``weight=(l, j, k)`` (``GREY``, 1.2: back to plain)."""
        key = _check_weight(weight, self.sizes)
        line = self.artists["edges"][key]
        line.set_color(color)
        line.set_linewidth(lw)
        line.set_zorder(2 if color != GREY else 1)
        if color == GREY:
            self.edge_styles.pop(key, None)
        else:
            self.edge_styles[key] = color
        self._changed()
        return self.alt

    def set_edge_gradients(self, nabla_w, max_lw: float = 5.0) -> str:
        """Colour every weight line by its gradient ``∂c/∂w^[l]_jk`` (red positive, blue negative), width by size.

        ``nabla_w``: list of matrices, ``nabla_w[l-1]`` of shape ``(n_l, n_{l-1})`` (``Backward.nabla_w``), or
        ``None`` to reset the lines.
        """
        edges = self.artists["edges"]
        self.gradients = None if nabla_w is None else [np.asarray(g, dtype=float) for g in nabla_w]
        self.edge_styles = {}
        if nabla_w is None:
            for line in edges.values():
                line.set_color(GREY)
                line.set_linewidth(1.2)
        else:
            scale = max(float(np.max(np.abs(g))) for g in self.gradients) or 1.0
            for (l, j, k), line in edges.items():
                g = float(self.gradients[l - 1][j - 1, k - 1])
                line.set_color(RED if g > 0 else BLUE)
                line.set_linewidth(0.6 + max_lw * abs(g) / scale)
        self._changed()
        return self.alt

    # -- text ------------------------------------------------------------------------------------------
    def describe(self) -> str:
        return describe_diagram(self)


@figure(alt=RUNNING_EXAMPLE_ALT)
def network_diagram(
    ax=None,
    sizes=(2, 3, 2),
    *,
    forward=None,
    highlight=None,
    errors=None,
    targets=None,
    title=None,
    weight_labels=True,
    layer_labels=True,
    radius=0.3,
    label_size=None,
) -> NetworkDiagram:
    """Draw a fully connected network (the post's bp1): neurons as labelled circles, weights as lines.

    ``forward``: optional result of ``Network.forward`` (first column shown) to write ``z`` and ``a`` under
    each neuron. ``highlight=(l, j, k)``: light up the weight ``w^[l]_jk`` (1-based ``j``, ``k``).
    ``errors``: a ``Backward`` (or a dict ``{l: e^[l]}``) to colour neurons by their error ``e^[l]_j``.
    ``targets``: optional output targets ``y`` written right of the output layer.

    Artists: ``nodes[(l, j)]`` Circle, ``labels[(l, j)]`` and ``values[(l, j)]`` Text, ``edges[(l, j, k)]``
    Line2D, ``weight_label`` Text (the highlighted weight), ``matrix_labels[l]``, ``layer_labels[l]``,
    ``targets[j]`` Text, ``title`` Text.
    """
    sizes = _check_sizes(sizes)
    L = len(sizes) - 1
    fig, ax = figure_axes(ax, full=True)
    blank_axes(ax)
    pos = _node_xy(sizes)
    top = (max(sizes) - 1) / 2 * 1.1
    ax.set_xlim(-0.8, L * 2.0 + 1.0)
    ax.set_ylim(-top - 1.25, top + (1.15 if title is not None else 0.75))
    ax.set_aspect("equal", adjustable="box")
    art = {"nodes": {}, "labels": {}, "values": {}, "edges": {}, "matrix_labels": {}, "layer_labels": {}, "targets": {}}
    small = max(9, label_size or (11 if max(sizes) <= 3 else 9))
    for l in range(1, L + 1):
        for j in range(1, sizes[l] + 1):
            for k in range(1, sizes[l - 1] + 1):
                (x0, y0), (x1, y1) = pos[(l - 1, k)], pos[(l, j)]
                line = Line2D([x0 + radius, x1 - radius], [y0, y1], color=GREY, lw=1.2, zorder=1)
                ax.add_line(line)
                art["edges"][(l, j, k)] = line
        if weight_labels:
            art["matrix_labels"][l] = ax.text(
                (l - 0.5) * 2.0, top + 0.45, f"$w^{{[{l}]}}$", ha="center", va="center", fontsize=12, color=INK
            )
    for (l, j), (x, y) in pos.items():
        kind = _layer_kind(l, L)
        circ = patches.Circle((x, y), radius, facecolor=LAYER_FILL[kind], edgecolor=INK, lw=1.3, zorder=3)
        ax.add_patch(circ)
        art["nodes"][(l, j)] = circ
        art["labels"][(l, j)] = ax.text(
            x, y, f"$a^{{[{l}]}}_{{{j}}}$", ha="center", va="center", fontsize=small, zorder=4, color=INK
        )
        art["values"][(l, j)] = ax.text(
            x,
            y - radius - 0.06,
            "",
            ha="center",
            va="top",
            fontsize=9,
            zorder=4,
            color=INK,
            bbox=dict(boxstyle="square,pad=0.05", fc="white", ec="none"),
        )
    if layer_labels:
        for l in range(L + 1):
            extra = " = L" if l == L else ""
            art["layer_labels"][l] = ax.text(
                l * 2.0,
                -top - 0.95,
                f"layer {l}{extra}\n({_layer_kind(l, L)})",
                ha="center",
                va="center",
                fontsize=9.5,
                color=INK,
            )
    for j in range(1, sizes[-1] + 1):
        x, y = pos[(L, j)]
        art["targets"][j] = ax.text(x + radius + 0.12, y, "", ha="left", va="center", fontsize=9, color=INK)
    # highlight overlays, above everything else (so moving them redraws nothing else in a live widget);
    # the line stops at the circles and the rings are outlines, so they cover no label
    art["hl_edge"] = Line2D([], [], color=HIGHLIGHT, lw=3.2, zorder=4.4, visible=False, solid_capstyle="butt")
    ax.add_line(art["hl_edge"])
    art["hl_rings"] = [
        patches.Circle((0, 0), radius, facecolor="none", edgecolor=HIGHLIGHT, lw=2.6, zorder=4.5, visible=False)
        for _ in range(2)
    ]
    for r in art["hl_rings"]:
        ax.add_patch(r)
    art["weight_label"] = ax.text(
        0,
        0,
        "",
        ha="center",
        va="center",
        fontsize=min(11, small + 1),
        color=HIGHLIGHT,
        zorder=5,
        bbox=dict(boxstyle="round,pad=0.15", fc="white", ec=HIGHLIGHT, lw=0.8),
        visible=False,
    )
    art["title"] = ax.text(0.5, 1.0, title or "", transform=ax.transAxes, ha="center", va="top", fontsize=11.5)
    d = NetworkDiagram(fig, art, sizes, pos)
    if forward is not None:
        d.set_values(forward)
    if highlight is not None:
        d.set_highlight(highlight)
    if errors is not None:
        d.set_errors(errors)
    if targets is not None:
        d.set_targets(targets)
    return d
