"""The book's figures, drawn from code in the book's notation (matplotlib only).

Every function draws into a new figure (or into ``ax`` if one is given) and returns a :class:`Drawing`:
a named tuple ``(fig, artists, alt)``. ``fig`` is the matplotlib ``Figure``; ``artists`` is a dict of the
handles that the widgets update in place (texts, lines, patches, images), so a widget callback never
re-plots; ``alt`` is the alt text describing what the figure shows. A ``Drawing`` displays itself as a PNG
in a notebook, so a cell ending in ``figures.network_diagram()`` shows the image.

Notation: layers ``l = 0..L`` (0 is the input), ``w^[l]_jk`` is the weight *to* neuron ``j`` of layer ``l``
*from* neuron ``k`` of layer ``l-1``; neurons are numbered from 1 in labels and arguments, as in the text.
The running example has sizes ``(2, 3, 2)``, so ``L = 2``.

Alt text in the built book (myst-nb 1.4): either put the alt text in the cell metadata,
``{"mystnb": {"image": {"alt": "..."}, "figure": {"caption": "...", "name": "fig-bp1"}}}`` (what
:meth:`Drawing.cell_metadata` returns), or ``glue("fig-bp1", drawing.fig, display=False)`` and a
```` ```{glue:figure} fig-bp1 ```` directive with an ``:alt:`` option, or call :func:`show`, which displays
an HTML ``<img alt=...>`` (its output then holds a base64 PNG: tag it ``nbval-ignore-output`` or sanitize
``data:image/png;base64,...`` for nbval). ``ALT_TEXT`` holds the default alt text of every figure.

Dark mode: the book inverts images with ``filter: invert(.92) hue-rotate(180deg)``; every figure has an opaque
white background, dark ink and tab10 colours, which stay legible after that filter.
"""

from __future__ import annotations

import base64
import functools
import html
import io
import struct
import zlib
from contextlib import contextmanager
from typing import NamedTuple, Optional

import numpy as np
import matplotlib
from matplotlib import patches
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.colors import TwoSlopeNorm
from matplotlib.figure import Figure
from matplotlib.lines import Line2D

# -- style ---------------------------------------------------------------------------------------------
INK = "#1a1a1a"
GREY = "#8c8c8c"
LIGHT = "#d9d9d9"
BLUE, ORANGE, GREEN, RED, PURPLE = "#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd"
#: Fill colours of the neurons of the input, hidden and output layers (light tints, dark outline).
LAYER_FILL = {"input": "#d6e6f4", "hidden": "#fde3c8", "output": "#d5ecd4"}
HIGHLIGHT = RED
ERROR_CMAP = "RdBu_r"

#: The rcParams every figure is drawn with; ``use_book_style()`` also applies them globally.
BOOK_STYLE = {
    "figure.figsize": (6.0, 4.0),
    "figure.dpi": 100,
    "savefig.dpi": 100,
    "figure.facecolor": "white",
    "axes.facecolor": "white",
    "savefig.facecolor": "white",
    "savefig.edgecolor": "white",
    "savefig.transparent": False,
    "font.size": 11,
    "axes.titlesize": 12,
    "axes.labelsize": 11,
    "legend.fontsize": 9.5,
    "xtick.labelsize": 9.5,
    "ytick.labelsize": 9.5,
    "text.color": INK,
    "axes.labelcolor": INK,
    "axes.edgecolor": "#404040",
    "xtick.color": "#404040",
    "ytick.color": "#404040",
    "axes.spines.top": False,
    "axes.spines.right": False,
    "axes.grid": True,
    "grid.color": "#e3e3e3",
    "grid.linewidth": 0.8,
    "lines.linewidth": 2.0,
    "mathtext.fontset": "cm",
    "axes.prop_cycle": matplotlib.cycler(color=[BLUE, ORANGE, GREEN, RED, PURPLE,
                                                "#8c564b", "#e377c2", "#7f7f7f", "#bcbd22", "#17becf"]),
    "legend.frameon": True,
    "legend.framealpha": 1.0,
    "legend.edgecolor": LIGHT,
    "image.cmap": "viridis",
    "svg.hashsalt": "backprop-book",
    "path.simplify": True,
}


def use_book_style() -> None:
    """Apply the book's style to matplotlib globally, and show Figures as PNG in IPython.

    The figure functions of this module use the style whether or not this was called; chapters call it
    once so that their own ``plt`` plots match.
    """
    matplotlib.rcParams.update(BOOK_STYLE)
    try:  # show bare Figure objects (made without pyplot) as PNG in a notebook
        from IPython import get_ipython
    except ImportError:  # pragma: no cover
        return
    ip = get_ipython()
    if ip is not None:
        ip.display_formatter.formatters["image/png"].for_type(Figure, lambda fig: to_png(fig))


@contextmanager
def _style():
    with matplotlib.rc_context(BOOK_STYLE):
        yield


def _styled(func):
    """Run a drawing function under the book's rcParams (fonts and colours are fixed at artist creation)."""
    @functools.wraps(func)
    def wrapper(*args, **kwargs):
        with matplotlib.rc_context(BOOK_STYLE):
            return func(*args, **kwargs)
    return wrapper


def new_figure(width: float = 6.0, height: float = 4.0, dpi: float = 100, **subplots) -> Figure:
    """A white Figure of ``width × height`` inches with an Agg canvas, outside pyplot (no global state)."""
    with _style():
        fig = Figure(figsize=(width, height), dpi=dpi, facecolor="white")
    FigureCanvasAgg(fig)
    return fig


def to_png(fig: Figure, dpi: Optional[float] = None, compress_level: int = 6,
           colors: Optional[int] = None) -> bytes:
    """Render ``fig`` to PNG bytes (opaque white background).

    ``compress_level`` 1 is fastest (live widgets); ``colors`` quantizes to a palette of that many colours,
    which makes the small PNGs embedded in static pages 3-4 times lighter.
    """
    canvas = fig.canvas if isinstance(fig.canvas, FigureCanvasAgg) else FigureCanvasAgg(fig)
    if dpi is not None and dpi != fig.dpi:
        old = fig.dpi
        fig.set_dpi(dpi)
        try:
            canvas.draw()
        finally:
            fig.set_dpi(old)
    else:
        canvas.draw()
    buf = canvas.buffer_rgba()
    from PIL import Image as PILImage  # Pillow is a matplotlib dependency

    img = PILImage.frombuffer("RGBA", (int(buf.shape[1]), int(buf.shape[0])), np.asarray(buf), "raw", "RGBA", 0, 1)
    img = img.convert("RGB")
    if colors:
        img = img.quantize(colors=colors, method=PILImage.Quantize.MEDIANCUT, dither=PILImage.Dither.NONE)
    out = io.BytesIO()
    img.save(out, format="png", compress_level=compress_level, optimize=bool(colors))
    return out.getvalue()


def png_data_uri(png: bytes) -> str:
    return "data:image/png;base64," + base64.b64encode(png).decode("ascii")


def img_html(png: bytes, alt: str, width: Optional[int] = None) -> str:
    """An ``<img>`` element with real alt text and the PNG inlined as a data URI."""
    style = f' style="max-width:100%;width:{width}px"' if width else ' style="max-width:100%"'
    return f'<img alt="{html.escape(alt, quote=True)}" src="{png_data_uri(png)}"{style}>'


def encode_png(rgba: np.ndarray, level: int = 1) -> bytes:
    """Encode an (h, w, 4) uint8 RGBA buffer as an RGB PNG, fast (row filter "Up", zlib ``level``).

    About 3 ms for 600 × 400 px, against 9-15 ms through Pillow; used by live widget callbacks.
    """
    h, w = rgba.shape[:2]
    rows = np.ascontiguousarray(rgba[:, :, :3]).reshape(h, w * 3)
    raw = np.empty((h, w * 3 + 1), dtype=np.uint8)
    raw[:, 0] = 2  # PNG filter type 2 ("Up"): each row minus the row above, mod 256
    raw[0, 0] = 0
    raw[0, 1:] = rows[0]
    np.subtract(rows[1:], rows[:-1], out=raw[1:, 1:])

    def chunk(tag, data):
        return struct.pack(">I", len(data)) + tag + data + struct.pack(">I", zlib.crc32(tag + data) & 0xFFFFFFFF)

    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", w, h, 8, 2, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(raw.tobytes(), level)) + chunk(b"IEND", b""))


class LiveRenderer:
    """Re-render a figure after small changes without redrawing what did not change (blitting to PNG).

    The artists a callback changes are drawn *animated*: the rest of the figure is rendered once into a
    background, and each frame restores it and draws only the changed artists on top. Which artists change
    is learned: ``probe()`` collects the artists made stale by trial updates; an update that touches any
    other artist, or changes axes limits, makes the figure stale and triggers one full redraw (the newly
    touched artists join the animated set). Static artists drawn above an animated one and overlapping it
    are animated too, so the stacking order stays right. The PNG is identical to a full redraw's.
    """

    def __init__(self, fig: Figure):
        self.fig = fig
        self.canvas = fig.canvas if isinstance(fig.canvas, FigureCanvasAgg) else FigureCanvasAgg(fig)
        self.dynamic: list = []
        self._bg = None
        # Backgrounds by axes limits: a widget that switches between a few y ranges (one per layer, say)
        # draws each range's background once and restores it afterwards.
        self._bgs = {}
        self.full_redraws = 0
        self._seen = {}  # id(artist) -> union of the window extents it has had (it may move)

    def _extent(self, a, renderer):
        try:
            return a.get_window_extent(renderer)
        except Exception:  # some artists cannot say: treat as covering the figure
            return self.fig.bbox

    def note_extents(self, artists) -> None:
        """Remember where ``artists`` are now (call after trial updates, so moving artists are covered)."""
        from matplotlib.transforms import Bbox

        renderer = self.canvas.get_renderer()
        for a in artists:
            box = self._extent(a, renderer)
            old = self._seen.get(id(a))
            self._seen[id(a)] = box if old is None else Bbox.union([old, box])

    # artists that may be animated: direct children of axes (not Axis: ticks are the expensive part of a
    # draw and are redrawn only when limits change) and figure-level ones
    def _candidates(self):
        from matplotlib.axis import Axis
        from matplotlib.spines import Spine

        out = []
        for ax in self.fig.axes:
            for a in ax.get_children():
                if isinstance(a, Axis) or a is ax.patch or (isinstance(a, Spine) and not ax.axison):
                    continue
                out.append(a)
        out.extend(self.fig.texts + self.fig.lines + self.fig.patches)
        return out

    def stale_artists(self):
        return [a for a in self._candidates() if a.stale and not a.get_animated()]

    def mark_clean(self):
        self.canvas.draw()  # a full draw leaves every artist non-stale
        self._bg = None
        self._bgs = {}

    def _limits(self):
        return tuple((tuple(ax.get_xlim()), tuple(ax.get_ylim())) for ax in self.fig.axes)

    def add_dynamic(self, artists) -> None:
        """Animate ``artists`` (and the static artists above them that they overlap)."""
        dyn = [a for a in self.dynamic if a.figure is not None]
        ids = {id(a) for a in dyn}
        for a in artists:
            if id(a) not in ids and a.figure is not None:
                dyn.append(a)
                ids.add(id(a))
        from matplotlib.transforms import Bbox

        renderer = self.canvas.get_renderer()
        boxes = {}
        for a in self._candidates():
            box = self._extent(a, renderer)
            if id(a) in self._seen:
                box = Bbox.union([box, self._seen[id(a)]])
            boxes[id(a)] = box
        grew = True
        while grew:  # closure: static artists above and overlapping an animated one
            grew = False
            for s in self._candidates():
                if id(s) in ids or not s.get_visible():
                    continue
                for d in dyn:
                    if d.axes is s.axes and s.get_zorder() >= d.get_zorder() and \
                            boxes[id(s)].overlaps(boxes.get(id(d), self.fig.bbox)):
                        dyn.append(s)
                        ids.add(id(s))
                        grew = True
                        break
        for a in dyn:
            a.set_animated(True)
        self._bgs = {}  # backgrounds drawn with these artists in them are no longer right
        # the order of a full draw: axes by axes, then zorder, ties in the order the artists were added
        order = {id(a): i for i, a in enumerate(self._candidates())}
        self.dynamic = sorted(dyn, key=lambda a: (self.fig.axes.index(a.axes) if a.axes in self.fig.axes else 99,
                                                   a.get_zorder(), order.get(id(a), 0)))
        self._bg = None

    def render(self, level: int = 1) -> bytes:
        """PNG bytes of the figure in its current state."""
        if self._bg is None or self.fig.stale:
            # drop removed or replaced artists (a replaced legend keeps its figure but leaves the axes)
            self.dynamic = [a for a in self.dynamic if a.figure is not None and
                            (a.axes is None or a in a.axes.get_children())]
            stale = self.stale_artists() if self._bg is not None else []
            if stale:
                self.add_dynamic(stale)
            key = self._limits()
            if not stale and key in self._bgs:
                # only limits changed (no static artist did), back to ones already drawn: reuse that background
                self._bg = self._bgs[key]
                self.canvas.restore_region(self._bg)
            else:
                self.canvas.draw()
                self._bg = self._bgs[key] = self.canvas.copy_from_bbox(self.fig.bbox)
                self.full_redraws += 1
        else:
            self.canvas.restore_region(self._bg)
        renderer = self.canvas.get_renderer()
        for a in self.dynamic:
            if a.get_visible():
                a.draw(renderer)
        # Drawing some artists (legends, texts with boxes) touches their children, which marks the figure
        # stale; that is not a change made by the callback, so it must not force the next full redraw.
        self.fig.stale = False
        return encode_png(np.asarray(self.canvas.buffer_rgba()), level)


class Drawing(NamedTuple):
    """A figure, the handles of its artists (for in-place updates) and its alt text."""

    fig: Figure
    artists: dict
    alt: str

    def png(self, dpi: Optional[float] = None, **kw) -> bytes:
        return to_png(self.fig, dpi=dpi, **kw)

    def _repr_png_(self):
        return self.png()

    def cell_metadata(self, caption: Optional[str] = None, name: Optional[str] = None) -> dict:
        """The notebook cell metadata that gives this figure its alt text (and caption) in myst-nb."""
        meta = {"mystnb": {"image": {"alt": self.alt}}}
        if caption or name:
            meta["mystnb"]["figure"] = {k: v for k, v in (("caption", caption), ("name", name)) if v}
        return meta

    def html(self, dpi: Optional[float] = None) -> str:
        return img_html(self.png(dpi=dpi), self.alt)

    def __repr__(self) -> str:
        # Only the alt text: stored notebook outputs show this repr, so it must not change with internals.
        return f"Figure: {self.alt[:70]}..."


def show(drawing: Drawing, caption: Optional[str] = None):
    """Display ``drawing`` as an HTML ``<figure>`` whose ``<img>`` carries the alt text (notebook only)."""
    from IPython.display import HTML, display

    cap = f"<figcaption>{html.escape(caption)}</figcaption>" if caption else ""
    display(HTML(f"<figure>{drawing.html()}{cap}</figure>"))


def _axes(ax, width=6.0, height=4.0, ncols=1, full=False, **kw):
    """Return (fig, axes): new figure with ``ncols`` axes, or the figure of the given ``ax``.

    ``full``: one axes filling the figure (diagrams, which have no ticks or labels).
    """
    if ax is not None:
        return ax.figure, ax
    fig = new_figure(width, height)
    with _style():
        if full:
            axes = fig.add_axes((0.01, 0.01, 0.98, 0.98))
        elif ncols == 1:
            axes = fig.add_subplot(1, 1, 1, **kw)
        else:
            axes = fig.subplots(1, ncols, **kw)
    return fig, axes


def _blank(ax):
    ax.set_axis_off()
    ax.set_facecolor("white")


def _layer_kind(l, L):
    return "input" if l == 0 else ("output" if l == L else "hidden")


def _check_sizes(sizes):
    sizes = tuple(int(n) for n in sizes)
    if len(sizes) < 2 or any(n < 1 for n in sizes):
        raise ValueError(f"sizes must list at least two positive layer sizes, got {sizes!r}")
    if max(sizes) > 8:
        raise ValueError(f"network_diagram draws at most 8 neurons per layer, got sizes {sizes!r}")
    return sizes


def _fmt(v, digits=2):
    return f"{v:+.{digits}f}".replace("+", " ") if v >= 0 else f"{v:.{digits}f}".replace("-", "−")


# -- alt texts -----------------------------------------------------------------------------------------
ALT_TEXT = {
    "network_diagram": (
        "Diagram of the running example, a 2-layer network: layer 0 (input) with 2 neurons, layer 1 (hidden) "
        "with 3 neurons and layer 2 (output, L = 2) with 2 neurons. Every neuron of a layer is joined by a "
        "line to every neuron of the next layer; the lines into layer l are the weights w^[l]_jk, to neuron j "
        "of layer l from neuron k of layer l-1."),
    "neuron_computation": (
        "Inside one neuron j of layer l: the activations a^[l-1]_k of the previous layer, each multiplied by "
        "its weight w^[l]_jk, are summed with the bias b^[l]_j to give z^[l]_j; the activation function g "
        "turns z^[l]_j into the neuron's output a^[l]_j = g(z^[l]_j)."),
    "activation_formula": (
        "The activation formula a^[l]_j = g( sum over k of w^[l]_jk a^[l-1]_k + b^[l]_j ), with each part "
        "labelled: the weighted sum of the previous layer's activations, the bias, the activation function g."),
    "matrix_form": (
        "Matrix form of the forward pass for the 2-3-2 network: z^[1] (3 by 1) equals the weight matrix "
        "w^[1] (3 by 2) times a^[0] (2 by 1) plus b^[1] (3 by 1); z^[2] (2 by 1) equals w^[2] (2 by 3) times "
        "a^[1] (3 by 1) plus b^[2] (2 by 1). Row j of w^[l] holds the weights into neuron j."),
    "chain_graph": (
        "Two computation graphs. Top: z feeds a which feeds the cost c, with local slopes da/dz and dc/da; "
        "the chain rule gives dc/dz = dc/da times da/dz. Bottom: w feeds z, then a, then c, and "
        "dc/dw = dc/da times da/dz times dz/dw."),
    "output_neuron_cost": (
        "One neuron j of the last layer L: the activations a^[L-1]_k times the weights w^[L]_jk plus the "
        "bias b^[L]_j give z^[L]_j, the activation g gives the output a^[L]_j, which is compared with the "
        "target y_j in the cost c_x."),
    "error_flow": (
        "Two consecutive layers l and l+1. Neuron j of layer l sends its activation forward to both neurons "
        "k = 1, 2 of layer l+1 through the weights w^[l+1]_kj. The errors e^[l+1]_k flow back along the same "
        "weights to give e^[l]_j = (sum over k of w^[l+1]_kj e^[l+1]_k) times g'(z^[l]_j)."),
    "weight_matrix": (
        "The weight matrix w^[l] drawn as a grid: row j holds the weights into neuron j of layer l, column k "
        "the weights out of neuron k of layer l-1."),
    "cost_curves": (
        "Left: the quadratic cost and the cross-entropy cost of one output as functions of the prediction a, "
        "for a fixed target y. Right: their derivatives with respect to a; the cross-entropy derivative grows "
        "without bound as the prediction moves to the wrong end, the quadratic one stays bounded."),
    "activation_functions": (
        "Left: the activation functions sigmoid, tanh and ReLU against z. Right: their derivatives; the "
        "sigmoid and tanh derivatives are almost zero for large |z| (saturation), the ReLU derivative is 0 for "
        "negative z and 1 for positive z."),
    "gradient_descent": (
        "Gradient descent on a cost surface. Left: contour lines of the cost and the path of the parameters, "
        "step by step. Right: the cost after each step on a logarithmic scale."),
    "decision_boundary": (
        "Left: two classes of points in the plane and the network's output over the plane, shaded from one "
        "class to the other, with the decision boundary a = 0.5 drawn as a line. Right: the training cost per "
        "epoch."),
    "chain_rule": (
        "The composed function c(a(z)) plotted against z with the tangent line at the chosen z; its slope "
        "equals the product of the local slopes dc/da times da/dz."),
    "nudge": (
        "The measured change of the cost, as a curve, as one weight is nudged by delta w, beside the straight "
        "line a_k e_j delta w that backpropagation predicts; the two agree for small nudges."),
    "simplex_kernel": (
        "The kernel of one simplex-noise lattice vertex along a line that crosses the facet opposite that "
        "vertex. With r^2 = 0.5 the kernel has already reached zero at the facet; with a larger r^2 it is "
        "still positive there and is cut off when the vertex stops counting, so the noise jumps: a seam."),
}


def alt_text(name: str) -> str:
    """Default alt text of the figure function ``name`` (see ``ALT_TEXT``)."""
    try:
        return ALT_TEXT[name]
    except KeyError:
        raise ValueError(f"no alt text for {name!r}; known figures are {sorted(ALT_TEXT)}") from None


# == bp1: the network ===================================================================================
def _node_xy(sizes, dx=2.0, dy=1.1):
    """Centre (x, y) of neuron j (1-based) of layer l."""
    pos = {}
    for l, n in enumerate(sizes):
        for j in range(1, n + 1):
            pos[(l, j)] = (l * dx, ((n - 1) / 2 - (j - 1)) * dy)
    return pos


@_styled
def network_diagram(ax=None, sizes=(2, 3, 2), *, forward=None, highlight=None, errors=None,
                    targets=None, title=None, weight_labels=True, layer_labels=True, radius=0.3,
                    label_size=None) -> Drawing:
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
    fig, ax = _axes(ax, full=True)
    _blank(ax)
    pos = _node_xy(sizes)
    top = (max(sizes) - 1) / 2 * 1.1
    ax.set_xlim(-0.8, L * 2.0 + 1.0)
    ax.set_ylim(-top - 1.25, top + (1.15 if title is not None else 0.75))
    ax.set_aspect("equal", adjustable="box")
    art = {"nodes": {}, "labels": {}, "values": {}, "edges": {}, "matrix_labels": {}, "layer_labels": {},
           "targets": {}}
    small = label_size or (11 if max(sizes) <= 3 else 9)
    for l in range(1, L + 1):
        for j in range(1, sizes[l] + 1):
            for k in range(1, sizes[l - 1] + 1):
                (x0, y0), (x1, y1) = pos[(l - 1, k)], pos[(l, j)]
                line = Line2D([x0 + radius, x1 - radius], [y0, y1], color=GREY, lw=1.2, zorder=1)
                ax.add_line(line)
                art["edges"][(l, j, k)] = line
        if weight_labels:
            art["matrix_labels"][l] = ax.text((l - 0.5) * 2.0, top + 0.45, f"$w^{{[{l}]}}$", ha="center",
                                              va="center", fontsize=12, color=INK)
    for (l, j), (x, y) in pos.items():
        kind = _layer_kind(l, L)
        circ = patches.Circle((x, y), radius, facecolor=LAYER_FILL[kind], edgecolor=INK, lw=1.3, zorder=3)
        ax.add_patch(circ)
        art["nodes"][(l, j)] = circ
        art["labels"][(l, j)] = ax.text(x, y, f"$a^{{[{l}]}}_{{{j}}}$", ha="center", va="center",
                                        fontsize=small, zorder=4, color=INK)
        art["values"][(l, j)] = ax.text(x, y - radius - 0.06, "", ha="center", va="top", fontsize=8.5,
                                        zorder=4, color=INK,
                                        bbox=dict(boxstyle="square,pad=0.05", fc="white", ec="none"))
    if layer_labels:
        for l in range(L + 1):
            name = {"input": "input", "hidden": "hidden", "output": "output"}[_layer_kind(l, L)]
            extra = f" = L" if l == L else ""
            art["layer_labels"][l] = ax.text(l * 2.0, -top - 0.95, f"layer {l}{extra}\n({name})",
                                             ha="center", va="center", fontsize=9.5, color=INK)
    for j in range(1, sizes[-1] + 1):
        x, y = pos[(L, j)]
        art["targets"][j] = ax.text(x + radius + 0.12, y, "", ha="left", va="center", fontsize=9, color=INK)
    # highlight overlays, above everything else (so moving them redraws nothing else in a live widget);
    # the line stops at the circles and the rings are outlines, so they cover no label
    art["hl_edge"] = Line2D([], [], color=HIGHLIGHT, lw=3.2, zorder=4.4, visible=False, solid_capstyle="butt")
    ax.add_line(art["hl_edge"])
    art["hl_rings"] = [patches.Circle((0, 0), radius, facecolor="none", edgecolor=HIGHLIGHT, lw=2.6, zorder=4.5,
                                      visible=False) for _ in range(2)]
    for r in art["hl_rings"]:
        ax.add_patch(r)
    art["weight_label"] = ax.text(0, 0, "", ha="center", va="center", fontsize=min(11, small + 1), color=HIGHLIGHT,
                                  zorder=5,
                                  bbox=dict(boxstyle="round,pad=0.15", fc="white", ec=HIGHLIGHT, lw=0.8),
                                  visible=False)
    art["title"] = ax.text(0.5, 1.0, title or "", transform=ax.transAxes, ha="center", va="top", fontsize=11.5)
    d = Drawing(fig, art, alt_text("network_diagram") if tuple(sizes) == (2, 3, 2) else
                f"Diagram of a fully connected network with layer sizes {list(sizes)} (layer 0 is the input).")
    d.artists["_sizes"] = sizes
    d.artists["_pos"] = pos
    if forward is not None:
        set_values(d, forward)
    if highlight is not None:
        set_highlight(d, highlight)
    if errors is not None:
        set_errors(d, errors)
    if targets is not None:
        set_targets(d, targets)
    return d


def _column(v, col=0):
    v = np.asarray(v, dtype=float)
    return v[:, col] if v.ndim == 2 else v


def set_values(d: Drawing, forward, col: int = 0, show=("z", "a")) -> None:
    """Write ``z^[l]_j`` and ``a^[l]_j`` (from a ``Forward``, example ``col``) under every neuron."""
    sizes = d.artists["_sizes"]
    for l in range(len(sizes)):
        a = _column(forward.a(l), col)
        z = _column(forward.z(l), col) if l > 0 else None
        for j in range(1, sizes[l] + 1):
            parts = []
            if "z" in show and z is not None:
                parts.append(f"z={_fmt(z[j - 1]).strip()}")
            if "a" in show:
                parts.append(f"a={_fmt(a[j - 1]).strip()}")
            d.artists["values"][(l, j)].set_text("  ".join(parts))


def clear_values(d: Drawing) -> None:
    for t in d.artists["values"].values():
        t.set_text("")


def set_targets(d: Drawing, y, col: int = 0) -> None:
    y = _column(y, col) if y is not None else None
    for j, t in d.artists["targets"].items():
        t.set_text("" if y is None else f"$y_{{{j}}}$={_fmt(y[j - 1]).strip()}")


def set_highlight(d: Drawing, highlight, value: Optional[float] = None) -> None:
    """Light up the weight ``w^[l]_jk`` (``highlight=(l, j, k)``, or ``None`` to clear) and its two neurons.

    Drawn as overlays (a thick red line and two red rings) so the plain lines and neurons stay untouched.
    """
    art, sizes = d.artists, d.artists["_sizes"]
    label, line, rings = art["weight_label"], art["hl_edge"], art["hl_rings"]
    if highlight is None:
        label.set_visible(False)
        line.set_visible(False)
        for r in rings:
            r.set_visible(False)
        return
    l, j, k = _check_weight(highlight, sizes)
    xs, ys = art["edges"][(l, j, k)].get_data()
    line.set_data(xs, ys)
    line.set_visible(True)
    for ring, key in zip(rings, ((l, j), (l - 1, k))):
        ring.set_center(art["nodes"][key].get_center())
        ring.set_visible(True)
    t = 0.5
    label.set_position((xs[0] + t * (xs[1] - xs[0]), ys[0] + t * (ys[1] - ys[0])))
    text = f"$w^{{[{l}]}}_{{{j}{k}}}$"
    if value is not None:
        text += f" = {_fmt(value).strip()}"
    label.set_text(text)
    label.set_visible(True)


def _check_weight(highlight, sizes):
    try:
        l, j, k = (int(v) for v in highlight)
    except (TypeError, ValueError):
        raise ValueError(f"highlight must be a triple (l, j, k), got {highlight!r}") from None
    L = len(sizes) - 1
    if not 1 <= l <= L:
        raise ValueError(f"layer l must be in 1..{L}, got {l}")
    if not 1 <= j <= sizes[l]:
        raise ValueError(f"neuron j of layer {l} must be in 1..{sizes[l]}, got {j}")
    if not 1 <= k <= sizes[l - 1]:
        raise ValueError(f"neuron k of layer {l - 1} must be in 1..{sizes[l - 1]}, got {k}")
    return l, j, k


def set_errors(d: Drawing, errors, col: int = 0, layers=None, scale: Optional[float] = None) -> None:
    """Colour neurons by their error ``e^[l]_j`` (blue negative, red positive) and write ``e=`` under them.

    ``errors``: a ``Backward`` or a dict ``{l: e^[l]}``; ``layers`` restricts to some layers (the others are
    reset to their plain colours, e.g. while stepping backwards). ``scale`` fixes the colour range.
    """
    art, sizes = d.artists, d.artists["_sizes"]
    L = len(sizes) - 1
    get = errors.e if hasattr(errors, "e") else (lambda l: errors[l])
    shown = set(range(1, L + 1) if layers is None else layers)
    es = {l: _column(get(l), col) for l in shown}
    if scale is None:
        scale = max([float(np.max(np.abs(e))) for e in es.values()] + [1e-12])
    norm = TwoSlopeNorm(vcenter=0.0, vmin=-scale, vmax=scale)
    cmap = matplotlib.colormaps[ERROR_CMAP]
    for (l, j), c in art["nodes"].items():
        if l in es:
            e = es[l][j - 1]
            # keep the colours mid-range so labels stay readable on them
            c.set_facecolor(cmap(0.5 + 0.25 * (norm(e) - 0.5) * 2))
            art["values"][(l, j)].set_text(f"e={_fmt(e, 3).strip()}")
        else:  # layers not (yet) shown keep their plain colour and their text
            c.set_facecolor(LAYER_FILL[_layer_kind(l, L)])


def set_edge_style(d: Drawing, weight, color=GREY, lw=1.2) -> None:
    """Colour one weight line ``weight=(l, j, k)`` of a network diagram."""
    line = d.artists["edges"][_check_weight(weight, d.artists["_sizes"])]
    line.set_color(color)
    line.set_linewidth(lw)
    line.set_zorder(2 if color != GREY else 1)


def set_edge_gradients(d: Drawing, nabla_w, max_lw: float = 5.0) -> None:
    """Colour every weight line by its gradient ``∂c/∂w^[l]_jk`` (red positive, blue negative), width by size.

    ``nabla_w``: list of matrices, ``nabla_w[l-1]`` of shape ``(n_l, n_{l-1})`` (``Backward.nabla_w``), or
    ``None`` to reset the lines.
    """
    edges = d.artists["edges"]
    if nabla_w is None:
        for line in edges.values():
            line.set_color(GREY)
            line.set_linewidth(1.2)
        return
    scale = max(float(np.max(np.abs(g))) for g in nabla_w) or 1.0
    for (l, j, k), line in edges.items():
        g = float(nabla_w[l - 1][j - 1, k - 1])
        line.set_color(RED if g > 0 else BLUE)
        line.set_linewidth(0.6 + max_lw * abs(g) / scale)


def reset_colors(d: Drawing) -> None:
    sizes = d.artists["_sizes"]
    L = len(sizes) - 1
    for (l, j), c in d.artists["nodes"].items():
        c.set_facecolor(LAYER_FILL[_layer_kind(l, L)])


# == weight matrix (for the notation explorer) =========================================================
@_styled
def weight_matrix(ax=None, shape=(3, 2), *, layer=1, highlight=None, values=None, capacity=(3, 3)) -> Drawing:
    """Draw the weight matrix ``w^[l]`` as a grid of entries ``w^[l]_jk`` (or numbers, from ``values``).

    ``highlight=(j, k)`` shades row ``j`` and column ``k`` and marks the entry. Cells for up to
    ``capacity`` rows × columns are created once, so :func:`set_matrix` can change the shape in place.
    Artists: ``cells[(j, k)]`` Rectangle, ``entries[(j, k)]`` Text, ``row_labels[j]``, ``col_labels[k]``,
    ``title``, ``shape``, ``brackets`` (two Line2D).
    """
    fig, ax = _axes(ax, 4, 4, full=True)
    _blank(ax)
    R, C = capacity
    art = {"cells": {}, "entries": {}, "row_labels": {}, "col_labels": {}, "_capacity": capacity}
    for j in range(1, R + 1):
        for k in range(1, C + 1):
            rect = patches.Rectangle((k - 1, -j), 1, 1, facecolor="white", edgecolor=LIGHT, lw=1.0, zorder=1)
            ax.add_patch(rect)
            art["cells"][(j, k)] = rect
            art["entries"][(j, k)] = ax.text(k - 0.5, -j + 0.5, "", ha="center", va="center", fontsize=11,
                                             zorder=3)
        art["row_labels"][j] = ax.text(-0.25, -j + 0.5, f"j={j}", ha="right", va="center", fontsize=9,
                                       color=GREY)
    for k in range(1, C + 1):
        art["col_labels"][k] = ax.text(k - 0.5, 0.22, f"k={k}", ha="center", va="bottom", fontsize=9,
                                       color=GREY)
    art["brackets"] = [Line2D([], [], color=INK, lw=1.5, zorder=4) for _ in range(2)]
    for b in art["brackets"]:
        ax.add_line(b)
    # highlight overlays, translucent so the entries show through
    art["hl_row"] = patches.Rectangle((0, 0), 0, 0, facecolor=HIGHLIGHT, alpha=0.10, lw=0, zorder=5)
    art["hl_col"] = patches.Rectangle((0, 0), 0, 0, facecolor=HIGHLIGHT, alpha=0.10, lw=0, zorder=5)
    art["hl_cell"] = patches.Rectangle((0, 0), 1, 1, facecolor=matplotlib.colors.to_rgba(HIGHLIGHT, 0.12),
                                       edgecolor=HIGHLIGHT, lw=2.4, zorder=6)
    for p in (art["hl_row"], art["hl_col"], art["hl_cell"]):
        ax.add_patch(p)
    art["hl_labels"] = [ax.text(0, 0, "", ha=ha, va=va, fontsize=9, color=HIGHLIGHT, zorder=7,
                                bbox=dict(boxstyle="square,pad=0.1", fc="white", ec="none"))
                        for ha, va in (("right", "center"), ("center", "bottom"))]
    art["title"] = ax.text(C / 2, 0.95, "", ha="center", va="bottom", fontsize=12)
    art["shape"] = ax.text(C / 2, -R - 0.35, "", ha="center", va="top", fontsize=10)
    ax.set_xlim(-1.0, C + 0.3)
    ax.set_ylim(-R - 1.0, 1.5)
    d = Drawing(fig, art, alt_text("weight_matrix"))
    set_matrix(d, shape, layer=layer, highlight=highlight, values=values)
    return d


def set_matrix(d: Drawing, shape, *, layer=1, highlight=None, values=None) -> None:
    """Show ``w^[layer]`` with ``shape = (n_l, n_{l-1})`` in the cells, highlighting entry ``(j, k)``.

    The entries are rewritten only when the shape, layer or values change; the highlight is a set of
    translucent overlays (row, column, entry), so moving it touches nothing else.
    """
    art = d.artists
    R, C = art["_capacity"]
    n, m = int(shape[0]), int(shape[1])
    if not (1 <= n <= R and 1 <= m <= C):
        raise ValueError(f"shape must fit the capacity {art['_capacity']}, got {shape}")
    key = (n, m, layer, None if values is None else np.asarray(values, dtype=float).tobytes())
    if art.get("_key") != key:
        art["_key"] = key
        for (j, k), rect in art["cells"].items():
            inside = j <= n and k <= m
            rect.set_visible(inside)
            text = art["entries"][(j, k)]
            text.set_visible(inside)
            if not inside:
                continue
            if values is not None:
                text.set_text(_fmt(float(np.asarray(values)[j - 1, k - 1])).strip())
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
        art["title"].set_text(f"$w^{{[{layer}]}}$: rows $j$ = neurons of layer {layer},\n"
                              f"columns $k$ = neurons of layer {layer - 1}")
        art["title"].set_position((m / 2, 0.75))
        art["title"].set_fontsize(9.5)
        art["shape"].set_text(f"shape $(n_{{{layer}}}, n_{{{layer - 1}}}) = ({n}, {m})$")
        art["shape"].set_position((m / 2, -n - 0.35))
    row, col, cell = art["hl_row"], art["hl_col"], art["hl_cell"]
    marks = art["hl_labels"]
    if highlight is None:
        for p in (row, col, cell, *marks):
            p.set_visible(False)
        return
    hj, hk = int(highlight[0]), int(highlight[1])
    if not (1 <= hj <= n and 1 <= hk <= m):
        raise ValueError(f"highlight (j, k) must lie in the {n} × {m} matrix, got {highlight}")
    row.set_bounds(0, -hj, m, 1)
    col.set_bounds(hk - 1, -n, 1, n)
    cell.set_xy((hk - 1, -hj))
    marks[0].set_position((-0.25, -hj + 0.5))
    marks[0].set_text(f"j={hj}")
    marks[1].set_position((hk - 0.5, 0.22))
    marks[1].set_text(f"k={hk}")
    for p in (row, col, cell, *marks):
        p.set_visible(True)


# == bp2 / bp6: inside one neuron ========================================================================
def _neuron(ax, layer, n_inputs, cost, values):
    lp = "L-1" if layer == "L" else "l-1"
    _blank(ax)
    art = {"inputs": {}, "weights": {}, "arrows": {}}
    ys = [((n_inputs - 1) / 2 - i) * 1.25 for i in range(n_inputs)]
    cx, cy, R = 3.4, 0.0, 0.95
    for i, y in enumerate(ys, start=1):
        k = str(i) if i < n_inputs or n_inputs <= 2 else "k"
        c = patches.Circle((0, y), 0.52, facecolor=LAYER_FILL["hidden"], edgecolor=INK, lw=1.2)
        ax.add_patch(c)
        art["inputs"][i] = ax.text(0, y, f"$a^{{[{lp}]}}_{{{k}}}$", ha="center", va="center", fontsize=10.5)
        ax.annotate("", xy=(cx - R * 0.98, cy + 0.25 * (y / max(1, abs(ys[0])))), xytext=(0.54, y),
                    arrowprops=dict(arrowstyle="-|>", color=GREY, lw=1.3, shrinkA=0, shrinkB=0))
        mx, my = 1.45, y + (0.0 - y) * 0.3
        art["weights"][i] = ax.text(mx, my, f"$w^{{[{layer}]}}_{{j{k}}}$", ha="center", va="center",
                                    fontsize=11, color=BLUE,
                                    bbox=dict(boxstyle="round,pad=0.1", fc="white", ec="none"))
    # the neuron: summation half and activation half
    ax.add_patch(patches.Wedge((cx, cy), R, 90, 270, facecolor="#eef4fb", edgecolor=INK, lw=1.4))
    ax.add_patch(patches.Wedge((cx, cy), R, -90, 90, facecolor="#fdf0e2", edgecolor=INK, lw=1.4))
    ax.text(cx - R / 2, cy + 0.1, r"$\Sigma$", ha="center", va="center", fontsize=20)
    art["z"] = ax.text(cx - R / 2, cy - 0.45, f"$z^{{[{layer}]}}_j$", ha="center", va="center", fontsize=10)
    ax.text(cx + R / 2, cy + 0.05, "$g$", ha="center", va="center", fontsize=20)
    # bias from below
    ax.annotate("", xy=(cx - R / 2, cy - R * 0.87), xytext=(cx - R / 2, cy - 1.6),
                arrowprops=dict(arrowstyle="-|>", color=GREY, lw=1.3))
    art["bias"] = ax.text(cx - R / 2, cy - 1.65, f"$b^{{[{layer}]}}_j$", ha="center", va="top", fontsize=11,
                          color=PURPLE)
    # output
    x_out = cx + R + 1.5
    ax.annotate("", xy=(x_out, cy), xytext=(cx + R, cy), arrowprops=dict(arrowstyle="-|>", color=INK, lw=1.5))
    art["output"] = ax.text(x_out + 0.1, cy, f"$a^{{[{layer}]}}_j$", ha="left", va="center", fontsize=13,
                            color=GREEN if layer == "L" else INK)
    right = x_out + 1.0
    if cost:
        bx = x_out + 1.5
        ax.annotate("", xy=(bx + 0.15, cy), xytext=(x_out + 0.75, cy),
                    arrowprops=dict(arrowstyle="-|>", color=INK, lw=1.5))
        ax.text(bx + 1.0, cy + 0.9, "$y_j$", ha="center", va="center", fontsize=12)
        ax.annotate("", xy=(bx + 1.0, cy + 0.4), xytext=(bx + 1.0, cy + 0.7),
                    arrowprops=dict(arrowstyle="-|>", color=INK, lw=1.3))
        ax.add_patch(patches.FancyBboxPatch((bx + 0.2, cy - 0.35), 1.6, 0.7, boxstyle="round,pad=0.05",
                                            facecolor="#f3e8f8", edgecolor=PURPLE, lw=1.4))
        art["cost"] = ax.text(bx + 1.0, cy, "$c_x$", ha="center", va="center", fontsize=14)
        right = bx + 2.0
    # the two equations underneath
    ytxt = -2.75 - 0.3 * max(0, n_inputs - 3)
    art["eq_z"] = ax.text(right / 2 - 0.3, ytxt,
                          f"$z^{{[{layer}]}}_j = \\sum_k w^{{[{layer}]}}_{{jk}}\\, a^{{[{lp}]}}_k "
                          f"+ b^{{[{layer}]}}_j$", ha="center", va="center", fontsize=13)
    eq_a = f"$a^{{[{layer}]}}_j = g(z^{{[{layer}]}}_j)$"
    if cost:
        eq_a = eq_a[:-1] + r",\quad c_x = \frac{1}{2}\sum_j (a^{[L]}_j - y_j)^2$"
    art["eq_a"] = ax.text(right / 2 - 0.3, ytxt - 0.85, eq_a, ha="center", va="center", fontsize=13)
    ax.set_xlim(-0.7, right + 0.2)
    ax.set_ylim(ytxt - 1.3, max(ys) + 0.7)
    ax.set_aspect("equal", adjustable="box")
    return art


@_styled
def neuron_computation(ax=None, *, n_inputs=3, layer="l") -> Drawing:
    """The computation inside neuron ``j`` of layer ``layer`` (the post's bp2).

    Inputs ``a^[l-1]_k`` weighted by ``w^[l]_jk``, summed with ``b^[l]_j`` into ``z^[l]_j``, then ``g``.
    """
    n_inputs = _small_int(n_inputs, "n_inputs", 1, 5)
    fig, ax = _axes(ax, full=True)
    art = _neuron(ax, str(layer), n_inputs, cost=False, values=None)
    return Drawing(fig, art, alt_text("neuron_computation"))


@_styled
def output_neuron_cost(ax=None, *, n_inputs=3) -> Drawing:
    """One neuron ``j`` of the last layer ``L`` and its cost ``c_x`` (the post's bp6)."""
    n_inputs = _small_int(n_inputs, "n_inputs", 1, 5)
    fig, ax = _axes(ax, 7, 4, full=True)
    art = _neuron(ax, "L", n_inputs, cost=True, values=None)
    return Drawing(fig, art, alt_text("output_neuron_cost"))


def _small_int(v, name, lo, hi):
    if isinstance(v, bool) or not isinstance(v, (int, np.integer)) or not lo <= v <= hi:
        raise ValueError(f"{name} must be an integer in {lo}..{hi}, got {v!r}")
    return int(v)


# == bp4: the activation formula =========================================================================
@_styled
def activation_formula(ax=None, *, layer="l") -> Drawing:
    """The formula ``a^[l]_j = g(Σ_k w^[l]_jk a^[l-1]_k + b^[l]_j)`` with its parts labelled (the post's bp4)."""
    fig, ax = _axes(ax, 6, 2.6, full=True)
    _blank(ax)
    l = str(layer)
    lp = "L-1" if l == "L" else ("l-1" if l == "l" else str(int(l) - 1))
    pieces = [  # (text, colour, caption)
        (f"$a^{{[{l}]}}_j$", GREEN, "output of\nneuron j"),
        ("$\\,=\\,$", INK, None),
        ("$g$", ORANGE, "activation\nfunction"),
        ("$\\left(\\right.$", INK, None),
        (f"$\\sum_k w^{{[{l}]}}_{{jk}}\\, a^{{[{lp}]}}_k$", BLUE, "weighted sum of the\nprevious layer"),
        ("$\\,+\\,$", INK, None),
        (f"$b^{{[{l}]}}_j$", PURPLE, "bias"),
        ("$\\left.\\right)$", INK, None),
    ]
    ax.set_xlim(0, 1)
    ax.set_ylim(0, 1)
    renderer = fig.canvas.get_renderer()
    texts, x = [], 0.0
    for txt, col, _ in pieces:
        t = ax.text(x, 0.68, txt, ha="left", va="center", fontsize=22, color=col, transform=ax.transAxes)
        texts.append(t)
        bb = t.get_window_extent(renderer).transformed(ax.transAxes.inverted())
        x += bb.width
    shift = (1 - x) / 2
    art = {"pieces": texts, "captions": []}
    for t, (_, col, cap) in zip(texts, pieces):
        t.set_x(t.get_position()[0] + shift)
        if cap:
            bb = t.get_window_extent(renderer).transformed(ax.transAxes.inverted())
            xc = bb.x0 + bb.width / 2
            art["captions"].append(ax.text(xc, 0.22, cap, ha="center", va="center", fontsize=9.5, color=col,
                                           transform=ax.transAxes))
            ax.annotate("", xy=(xc, bb.y0 - 0.02), xytext=(xc, 0.36), xycoords="axes fraction",
                        arrowprops=dict(arrowstyle="-|>", color=col, lw=1.2))
    return Drawing(fig, art, alt_text("activation_formula"))


# == bp3: the matrix form =================================================================================
def _matrix_block(ax, x, yc, entries, color=INK, cw=0.95, rh=0.62, fs=11):
    """Draw a bracketed matrix of mathtext ``entries`` with its left edge at ``x``; return (width, texts)."""
    n, m = len(entries), len(entries[0])
    h = n * rh
    texts = []
    for j, row in enumerate(entries):
        for k, e in enumerate(row):
            texts.append(ax.text(x + 0.12 + (k + 0.5) * cw, yc + h / 2 - (j + 0.5) * rh, e, ha="center",
                                 va="center", fontsize=fs, color=color))
    w = m * cw + 0.24
    for xs in ([x + 0.1, x, x, x + 0.1], [x + w - 0.1, x + w, x + w, x + w - 0.1]):
        ax.add_line(Line2D(xs, [yc + h / 2, yc + h / 2, yc - h / 2, yc - h / 2], color=INK, lw=1.3))
    return w, texts


@_styled
def matrix_form(ax=None, sizes=(2, 3, 2)) -> Drawing:
    """``z^[l] = w^[l] a^[l-1] + b^[l]`` written out entry by entry for every layer, with shapes (bp3)."""
    sizes = _check_sizes(sizes)
    if max(sizes) > 4 or len(sizes) > 3:
        raise ValueError(f"matrix_form writes out networks up to 2 layers of 4 neurons, got {sizes!r}")
    L = len(sizes) - 1
    fig, ax = _axes(ax, 7, 4.6, full=True)
    _blank(ax)
    art = {"rows": {}}
    y = 0.0
    rh = 0.62
    ys = []
    for l in range(1, L + 1):
        n, m = sizes[l], sizes[l - 1]
        ys.append(y - max(n, m) * rh / 2)
        y -= max(n, m) * rh + 1.05
    xmax = 0
    for l, yc in zip(range(1, L + 1), ys):
        n, m = sizes[l], sizes[l - 1]
        x = 0.0
        parts = []
        w, _ = _matrix_block(ax, x, yc, [[f"$z^{{[{l}]}}_{{{j}}}$"] for j in range(1, n + 1)], GREEN)
        parts.append((x, w, f"$({n}\\times 1)$"))
        x += w
        ax.text(x + 0.25, yc, "$=$", ha="center", va="center", fontsize=14)
        x += 0.5
        w, _ = _matrix_block(ax, x, yc, [[f"$w^{{[{l}]}}_{{{j}{k}}}$" for k in range(1, m + 1)]
                                         for j in range(1, n + 1)], BLUE)
        parts.append((x, w, f"$({n}\\times {m})$"))
        x += w + 0.1
        w, _ = _matrix_block(ax, x, yc, [[f"$a^{{[{l - 1}]}}_{{{k}}}$"] for k in range(1, m + 1)], INK)
        parts.append((x, w, f"$({m}\\times 1)$"))
        x += w
        ax.text(x + 0.25, yc, "$+$", ha="center", va="center", fontsize=14)
        x += 0.5
        w, _ = _matrix_block(ax, x, yc, [[f"$b^{{[{l}]}}_{{{j}}}$"] for j in range(1, n + 1)], PURPLE)
        parts.append((x, w, f"$({n}\\times 1)$"))
        x += w
        bottom = yc - max(n, m) * rh / 2 - 0.12
        shapes = [ax.text(x0 + w0 / 2, bottom, s, ha="center", va="top", fontsize=9.5, color=GREY)
                  for x0, w0, s in parts]
        label = ax.text(x + 0.4, yc, f"$z^{{[{l}]}} = w^{{[{l}]}} a^{{[{l - 1}]}} + b^{{[{l}]}}$", ha="left",
                        va="center", fontsize=12)
        art["rows"][l] = {"shapes": shapes, "label": label}
        xmax = max(xmax, x)
    ax.set_xlim(-0.2, xmax + 3.4)
    ax.set_ylim(y + 0.55, 0.35)
    ax.set_aspect("equal", adjustable="box")
    alt = alt_text("matrix_form") if tuple(sizes) == (2, 3, 2) else (
        f"Matrix form z^[l] = w^[l] a^[l-1] + b^[l] for a network of sizes {list(sizes)}, entries written out.")
    return Drawing(fig, art, alt)


# == bp5: the chain rule graph ============================================================================
def _graph_row(ax, y, names, colors, slopes):
    """Circles for the variables ``names`` in a row, forward arrows, and backward slope arrows."""
    xs = np.linspace(0, 1.6 * (len(names) - 1), len(names))
    nodes = {}
    for x, name, col in zip(xs, names, colors):
        ax.add_patch(patches.Circle((x, y), 0.32, facecolor="white", edgecolor=col, lw=2))
        nodes[name] = ax.text(x, y, f"${name}$", ha="center", va="center", fontsize=15, color=col)
    arrows = []
    for i in range(len(names) - 1):
        ax.annotate("", xy=(xs[i + 1] - 0.34, y), xytext=(xs[i] + 0.34, y),
                    arrowprops=dict(arrowstyle="-|>", color=INK, lw=1.5))
        ax.annotate("", xy=(xs[i] + 0.2, y + 0.33), xytext=(xs[i + 1] - 0.2, y + 0.33),
                    arrowprops=dict(arrowstyle="-|>", color=RED, lw=1.3, ls="--",
                                    connectionstyle="arc3,rad=0.45"))
        arrows.append(ax.text((xs[i] + xs[i + 1]) / 2, y + 0.95, slopes[i], ha="center", va="center",
                              fontsize=16, color=RED))
    return xs, nodes, arrows


@_styled
def chain_graph(ax=None, *, with_weight=True) -> Drawing:
    """The computation graphs ``z → a → c`` and ``w → z → a → c`` with local slopes (the post's bp5).

    Forward arrows are solid; the derivatives flow back (dashed, red) and multiply: the chain rule.
    """
    fig, ax = _axes(ax, 6, 4 if with_weight else 2.4, full=True)
    _blank(ax)
    art = {}
    d_az, d_ca, d_zw = (r"$\frac{\partial a}{\partial z}$", r"$\frac{\partial c}{\partial a}$",
                        r"$\frac{\partial z}{\partial w}$")
    xs, art["nodes_top"], art["slopes_top"] = _graph_row(ax, 0.0, ["z", "a", "c"], [BLUE, GREEN, PURPLE],
                                                         [d_az, d_ca])
    art["rule_top"] = ax.text(xs[-1] + 0.8, 0.1,
                              r"$\frac{\partial c}{\partial z} = \frac{\partial c}{\partial a}\,"
                              r"\frac{\partial a}{\partial z}$", ha="left", va="center", fontsize=14)
    ylo = 0.0
    if with_weight:
        ylo = -2.3
        xs2, art["nodes_bottom"], art["slopes_bottom"] = _graph_row(
            ax, ylo, ["w", "z", "a", "c"], [ORANGE, BLUE, GREEN, PURPLE], [d_zw, d_az, d_ca])
        art["rule_bottom"] = ax.text(xs2[-1] + 0.6, ylo - 0.85,
                                     r"$\frac{\partial c}{\partial w} = \frac{\partial c}{\partial a}\,"
                                     r"\frac{\partial a}{\partial z}\,\frac{\partial z}{\partial w}$",
                                     ha="right", va="center", fontsize=14)
    ax.set_xlim(-0.6, 7.6)
    ax.set_ylim(ylo - 1.4 if with_weight else -0.7, 1.35)
    ax.set_aspect("equal", adjustable="box")
    return Drawing(fig, art, alt_text("chain_graph"))


# == bp7: two layers, the error flowing back ============================================================
@_styled
def error_flow(ax=None, *, n_l=3, n_next=2, j=2) -> Drawing:
    """Layers ``l`` and ``l+1``: neuron ``j`` feeds every ``k`` through ``w^[l+1]_kj``; errors flow back (bp7)."""
    n_l = _small_int(n_l, "n_l", 1, 4)
    n_next = _small_int(n_next, "n_next", 1, 4)
    j = _small_int(j, "j", 1, n_l)
    fig, ax = _axes(ax, full=True)
    _blank(ax)
    art = {"nodes": {}, "weights": {}, "errors": {}}
    yl = [((n_l - 1) / 2 - i) * 1.2 for i in range(n_l)]
    yn = [((n_next - 1) / 2 - i) * 1.5 for i in range(n_next)]
    x0, x1, r = 0.0, 3.6, 0.36
    for i, y in enumerate(yl, start=1):
        on = i == j
        ax.add_patch(patches.Circle((x0, y), r, facecolor=LAYER_FILL["hidden"], edgecolor=RED if on else INK,
                                    lw=2.4 if on else 1.2, zorder=3))
        art["nodes"][("l", i)] = ax.text(x0, y, f"$z^{{[l]}}_{{{i if not on else 'j'}}}$", ha="center",
                                         va="center", fontsize=10.5, zorder=4)
    for k, y in enumerate(yn, start=1):
        ax.add_patch(patches.Circle((x1, y), r, facecolor=LAYER_FILL["output"], edgecolor=INK, lw=1.2,
                                    zorder=3))
        art["nodes"][("l+1", k)] = ax.text(x1, y, f"$z^{{[l+1]}}_{{{k}}}$", ha="center", va="center",
                                           fontsize=10, zorder=4)
        for i, yi in enumerate(yl, start=1):
            if i != j:
                ax.add_line(Line2D([x0 + r, x1 - r], [yi, y], color=LIGHT, lw=1.0, zorder=1))
        yj = yl[j - 1]
        ax.add_line(Line2D([x0 + r, x1 - r], [yj, y], color=INK, lw=1.8, zorder=2))
        t = 0.62
        art["weights"][k] = ax.text(x0 + r + t * (x1 - x0 - 2 * r), yj + t * (y - yj) + 0.22,
                                    f"$w^{{[l+1]}}_{{{k}j}}$", ha="center", va="center", fontsize=11, color=BLUE,
                                    bbox=dict(boxstyle="round,pad=0.1", fc="white", ec="none"), zorder=3)
        # error arriving from the cost side, and flowing back to j
        ax.annotate("", xy=(x1 + r + 0.05, y), xytext=(x1 + 1.3, y),
                    arrowprops=dict(arrowstyle="-|>", color=RED, lw=1.4, ls="--"))
        art["errors"][k] = ax.text(x1 + 1.4, y, f"$e^{{[l+1]}}_{{{k}}}$", ha="left", va="center", fontsize=12,
                                   color=RED)
        ax.annotate("", xy=(x0 + r * 0.7, yj - 0.28 * np.sign(yj - y) if y != yj else yj - 0.3),
                    xytext=(x1 - r * 0.8, y - 0.28),
                    arrowprops=dict(arrowstyle="-|>", color=RED, lw=1.2, ls="--",
                                    connectionstyle="arc3,rad=-0.15"))
    art["errors"]["j"] = ax.text(x0 - r - 0.12, yl[j - 1], "$e^{[l]}_j$", ha="right", va="center", fontsize=12,
                                 color=RED)
    top = max(max(yl), max(yn))
    ax.text(x0, top + 0.75, "layer $l$", ha="center", fontsize=11)
    ax.text(x1, top + 0.75, "layer $l+1$", ha="center", fontsize=11)
    bottom = min(min(yl), min(yn))
    art["equation"] = ax.text((x0 + x1) / 2 + 0.4, bottom - 0.95,
                              r"$e^{[l]}_j = \left(\sum_k w^{[l+1]}_{kj}\, e^{[l+1]}_k\right) g'(z^{[l]}_j)$",
                              ha="center", va="center", fontsize=14)
    ax.set_xlim(-1.4, x1 + 2.3)
    ax.set_ylim(bottom - 1.5, top + 1.2)
    ax.set_aspect("equal", adjustable="box")
    return Drawing(fig, art, alt_text("error_flow"))


# == plots for the chapters ===============================================================================
def _costs():
    from .costs import get_cost
    return get_cost("quadratic"), get_cost("cross_entropy")


@_styled
def cost_curves(ax=None, *, y=1.0, a=None, derivatives=True) -> Drawing:
    """Quadratic vs cross-entropy cost of one output against the prediction ``a`` for target ``y``.

    With ``derivatives``, a second panel shows ``∂c/∂a``. ``a`` marks a prediction on the curves.
    Artists: ``cost_lines``/``slope_lines`` {name: Line2D}, ``cost_marks``/``slope_marks`` {name: Line2D},
    ``target`` (vertical line at y), ``readout`` Text. Update with :func:`set_cost_curves`.
    """
    if ax is None:
        fig = new_figure(6, 4 if derivatives else 3.2)
        with _style():
            axes = fig.subplots(1, 2 if derivatives else 1, squeeze=False)[0]
        fig.subplots_adjust(left=0.1, right=0.98, top=0.8, bottom=0.14, wspace=0.32)
    else:
        axes = np.atleast_1d(ax)
        fig = axes[0].figure
    grid = np.linspace(0.005, 0.995, 199)
    art = {"cost_lines": {}, "slope_lines": {}, "cost_marks": {}, "slope_marks": {}, "_grid": grid,
           "axes": axes}
    names = {"quadratic": "quadratic  $\\frac{1}{2}(a-y)^2$", "cross_entropy": "cross-entropy"}
    for (name, label), col in zip(names.items(), (BLUE, ORANGE)):
        art["cost_lines"][name], = axes[0].plot(grid, grid, color=col, label=label)
        art["cost_marks"][name], = axes[0].plot([], [], "o", color=col, ms=7, mec="white", mew=1)
        if derivatives:
            art["slope_lines"][name], = axes[1].plot(grid, grid, color=col)
            art["slope_marks"][name], = axes[1].plot([], [], "o", color=col, ms=7, mec="white", mew=1)
    axes[0].set_xlabel("prediction $a$")
    axes[0].set_ylabel("cost $c$")
    axes[0].set_xlim(0, 1)
    axes[0].set_ylim(0, 4)
    art["target"] = axes[0].axvline(y, color=GREEN, lw=1.2, ls=":")
    leg = axes[0].legend(loc="upper center", bbox_to_anchor=(1.1 if derivatives else 0.5, 1.27), ncol=2,
                         fontsize=9.5)
    art["legend"] = leg
    if derivatives:
        axes[1].set_xlabel("prediction $a$")
        axes[1].set_ylabel(r"$\partial c / \partial a$")
        axes[1].set_xlim(0, 1)
        axes[1].set_ylim(-10, 10)
        axes[1].axhline(0, color=GREY, lw=0.8)
        art["target2"] = axes[1].axvline(y, color=GREEN, lw=1.2, ls=":")
    art["readout"] = axes[0].text(0.02, 0.97, "", transform=axes[0].transAxes, ha="left", va="top",
                                  fontsize=9, bbox=dict(fc="white", ec=LIGHT, boxstyle="round,pad=0.25"))
    d = Drawing(fig, art, alt_text("cost_curves"))
    set_cost_curves(d, y=y, a=a)
    return d


def set_cost_curves(d: Drawing, *, y=None, a=None) -> str:
    """Move target ``y`` and/or prediction ``a``; returns an alt text describing the state."""
    art = d.artists
    grid = art["_grid"]
    if y is not None:
        y = float(np.clip(y, 0.0, 1.0))
        art["_y"] = y
        for cost in _costs():
            yy = np.full((1, grid.size), y)
            art["cost_lines"][cost.name].set_ydata(cost.fn(grid[None, :], yy))
            if cost.name in art["slope_lines"]:
                art["slope_lines"][cost.name].set_ydata(cost.da(grid[None, :], yy)[0])
        art["target"].set_xdata([y, y])
        if "target2" in art:
            art["target2"].set_xdata([y, y])
    y = art.get("_y", 1.0)
    if a is None:
        for m in list(art["cost_marks"].values()) + list(art["slope_marks"].values()):
            m.set_data([], [])
        art["readout"].set_text(f"target $y$ = {y:.2f}")
        return alt_text("cost_curves") + f" Target y = {y:.2f}."
    a = float(np.clip(a, 0.005, 0.995))
    vals = []
    for cost in _costs():
        c = float(cost.fn(np.array([[a]]), np.array([[y]]))[0])
        g = float(cost.da(np.array([[a]]), np.array([[y]]))[0, 0])
        art["cost_marks"][cost.name].set_data([a], [min(c, 4.0)])
        if cost.name in art["slope_marks"]:
            art["slope_marks"][cost.name].set_data([a], [np.clip(g, -10, 10)])
        vals.append((cost.name, c, g))
    (_, cq, gq), (_, ce, ge) = vals
    art["readout"].set_text(f"$y$={y:.2f}, $a$={a:.2f}\nquadratic: c={cq:.3f}, c'={gq:+.2f}\n"
                            f"cross-entropy: c={ce:.3f}, c'={ge:+.2f}")
    return (f"Cost curves for target y = {y:.2f} with the prediction a = {a:.2f} marked: quadratic cost "
            f"{cq:.3f} with slope {gq:.2f}; cross-entropy cost {ce:.3f} with slope {ge:.2f}.")


@_styled
def activation_functions(ax=None, *, names=("sigmoid", "tanh", "relu"), z=None, zlim=(-6.0, 6.0)) -> Drawing:
    """Activation functions ``g(z)`` (left) and their derivatives ``g'(z)`` (right), saturation shaded.

    ``z`` marks one input on every curve. Artists: ``lines``/``prime_lines``/``marks``/``prime_marks``
    {name: Line2D}, ``zline`` (two vertical lines), ``readout`` Text. Update with :func:`set_activation_z`.
    """
    from .activations import get_activation

    acts = [get_activation(n) for n in names]
    if ax is None:
        fig = new_figure(6, 3.6)
        with _style():
            axes = fig.subplots(1, 2)
        fig.subplots_adjust(left=0.09, right=0.98, top=0.86, bottom=0.15, wspace=0.28)
    else:
        axes = np.atleast_1d(ax)
        fig = axes[0].figure
    zz = np.linspace(zlim[0], zlim[1], 300)
    art = {"lines": {}, "prime_lines": {}, "marks": {}, "prime_marks": {}, "acts": acts, "axes": axes}
    cols = [BLUE, ORANGE, GREEN, PURPLE]
    for act, col in zip(acts, cols):
        art["lines"][act.name], = axes[0].plot(zz, act.fn(zz), color=col, label=act.name)
        art["prime_lines"][act.name], = axes[1].plot(zz, act.prime(zz), color=col)
        art["marks"][act.name], = axes[0].plot([], [], "o", color=col, ms=6)
        art["prime_marks"][act.name], = axes[1].plot([], [], "o", color=col, ms=6)
    for a_ in axes:
        a_.axvspan(zlim[0], -4, color="#efefef", zorder=0, lw=0)
        a_.axvspan(4, zlim[1], color="#efefef", zorder=0, lw=0)
        a_.set_xlim(*zlim)
        a_.set_xlabel("$z$")
    axes[0].text(0.98, 0.03, "shaded: saturation, $g'(z)\\approx 0$", transform=axes[0].transAxes, ha="right",
                 va="bottom", fontsize=8, color=GREY)
    axes[0].set_ylim(-1.15, 2.0)
    axes[1].set_ylim(-0.05, 1.1)
    axes[0].set_title("$g(z)$")
    axes[1].set_title("$g'(z)$")
    axes[0].legend(loc="upper left", fontsize=9)
    art["zline"] = [a_.axvline(0, color=RED, lw=1, ls=":", visible=False) for a_ in axes]
    art["readout"] = axes[1].text(0.02, 0.97, "", transform=axes[1].transAxes, ha="left", va="top", fontsize=8.5)
    d = Drawing(fig, art, alt_text("activation_functions") if tuple(names) == ("sigmoid", "tanh", "relu")
                else f"The activation functions {', '.join(names)} and their derivatives against z.")
    if z is not None:
        set_activation_z(d, z)
    return d


def set_activation_z(d: Drawing, z: float) -> str:
    art = d.artists
    parts = []
    for act in art["acts"]:
        g, gp = float(act.fn(np.array([z]))[0]), float(act.prime(np.array([z]))[0])
        art["marks"][act.name].set_data([z], [g])
        art["prime_marks"][act.name].set_data([z], [gp])
        parts.append(f"{act.name}' = {gp:.3f}")
    for line in art["zline"]:
        line.set_xdata([z, z])
        line.set_visible(True)
    art["readout"].set_text(f"z = {z:.2f}\n" + "\n".join(parts))
    return f"Activation functions and derivatives at z = {z:.2f}: " + ", ".join(parts) + "."


@_styled
def gradient_descent_plot(ax=None, *, f, path, xlim=(-2.2, 2.2), ylim=(-1.2, 1.2), title=None) -> Drawing:
    """Gradient descent on a cost surface ``f``: the path over the surface (left) and cost per step (right).

    ``path``: array ``(steps+1, dim)`` with ``dim`` 1 (a curve) or 2 (contours), e.g. from
    ``training.descend``. ``f`` maps an array of parameters (``dim`` leading axis) to costs, like
    ``training.QuadraticBowl``. Artists: ``path`` and ``start`` Line2D, ``cost`` Line2D, ``status`` Text.
    Update with :func:`set_descent_path`.
    """
    path = np.asarray(path, dtype=float)
    if path.ndim == 1:
        path = path[:, None]
    dim = path.shape[1]
    if dim not in (1, 2):
        raise ValueError(f"path must be (steps+1, 1) or (steps+1, 2), got shape {path.shape}")
    if ax is None:
        fig = new_figure(6, 3.6)
        with _style():
            axes = fig.subplots(1, 2, gridspec_kw={"width_ratios": [1.35, 1]})
        fig.subplots_adjust(left=0.1, right=0.98, top=0.88, bottom=0.14, wspace=0.32)
    else:
        axes = np.atleast_1d(ax)
        fig = axes[0].figure
    art = {"f": f, "dim": dim, "axes": axes, "xlim": xlim, "ylim": ylim}
    s = axes[0]
    if dim == 1:
        xx = np.linspace(*xlim, 300)
        s.plot(xx, f(xx[None, :]), color=INK, lw=1.5)
        s.set_xlabel(r"$\theta$")
        s.set_ylabel(r"$C(\theta)$")
        art["path"], = s.plot([], [], "-o", color=RED, ms=3.5, lw=1.2)
    else:
        xx, yy = np.meshgrid(np.linspace(*xlim, 120), np.linspace(*ylim, 80))
        zz = f(np.stack([xx, yy]))
        s.contour(xx, yy, zz, levels=np.geomspace(max(zz.min(), 1e-3) + 1e-3, zz.max(), 9), colors=GREY,
                  linewidths=0.8)
        s.plot([0], [0], "*", color=GREEN, ms=11, zorder=4)
        s.set_xlabel(r"$\theta_1$")
        s.set_ylabel(r"$\theta_2$")
        s.set_aspect("equal", adjustable="box")
        art["path"], = s.plot([], [], "-o", color=RED, ms=3.5, lw=1.2)
        s.grid(False)
    s.set_xlim(*xlim)
    if dim == 2:
        s.set_ylim(*ylim)
    art["start"], = s.plot([], [], "s", color=BLUE, ms=7, zorder=5)
    c = axes[1]
    art["cost"], = c.semilogy([], [], "-o", color=RED, ms=3, lw=1.2)
    c.set_xlabel("step")
    c.set_ylabel("cost")
    art["status"] = fig.text(0.02, 0.98, title or "", ha="left", va="top", fontsize=10)
    d = Drawing(fig, art, alt_text("gradient_descent"))
    set_descent_path(d, path)
    return d


def descent_status(costs) -> str:
    """'diverges', 'oscillates and converges', 'converges' or 'stalls' from the cost sequence of a path."""
    costs = np.asarray(costs, dtype=float)
    if costs.size < 2:
        return "no steps"
    if not np.all(np.isfinite(costs)) or costs[-1] > costs[0] * 1.0001:
        return "diverges"
    if costs[-1] > costs[0] * 0.9:
        return "barely moves"
    return "converges"


def set_descent_path(d: Drawing, path, max_steps: Optional[int] = None, cost_ylim=(1e-6, 1e4),
                     label: str = "") -> str:
    """Redraw the path and the cost per step; returns an alt text for the state."""
    art = d.artists
    path = np.asarray(path, dtype=float)
    if path.ndim == 1:
        path = path[:, None]
    f = art["f"]
    costs = f(path.T)
    shown = path
    if art["dim"] == 1:
        art["path"].set_data(shown[:, 0], f(shown.T))
        art["start"].set_data([shown[0, 0]], [costs[0]])
    else:
        art["path"].set_data(shown[:, 0], shown[:, 1])
        art["start"].set_data([shown[0, 0]], [shown[0, 1]])
    steps = np.arange(len(costs))
    art["cost"].set_data(steps, np.clip(costs, cost_ylim[0], cost_ylim[1] * 10))
    ax = art["axes"][1]
    _set_lims(ax, (-0.5, max(len(costs) - 1, max_steps or 1) + 0.5), cost_ylim)
    status = descent_status(costs)
    # Oscillation: the sign of the steepest coordinate flips from step to step.
    coord = path[:, -1]
    flips = np.sum(np.sign(coord[1:]) * np.sign(coord[:-1]) < 0) if len(coord) > 2 else 0
    if status == "converges" and flips >= max(2, (len(coord) - 1) // 2):
        status = "oscillates but converges"
    elif status == "diverges" and flips >= max(2, (len(coord) - 1) // 2):
        status = "oscillates and diverges"
    art["status_value"] = status
    art["status"].set_text(f"{label}{len(costs) - 1} steps: {status}; final cost {costs[-1]:.3g}")
    return (f"{label}Gradient descent path of {len(costs) - 1} steps on the cost surface: it {status}; the cost goes "
            f"from {costs[0]:.3g} to {costs[-1]:.3g}.")


@_styled
def loss_curve(ax=None, *, history=None, costs=None, label="training cost") -> Drawing:
    """The cost per epoch of a training ``History`` (log scale)."""
    fig, ax = _axes(ax, 5, 3.4)
    costs = np.asarray(history.cost if history is not None else costs, dtype=float)
    line, = ax.semilogy(np.arange(len(costs)), costs, color=BLUE, label=label)
    ax.set_xlabel("epoch")
    ax.set_ylabel("cost $C$")
    return Drawing(fig, {"line": line, "axes": ax},
                   f"Training cost per epoch on a logarithmic scale, from {costs[0]:.3g} to {costs[-1]:.3g}.")


@_styled
def decision_boundary(ax=None, *, net, X, Y, history=None, resolution=70, margin=0.5) -> Drawing:
    """Decision boundary of a trained 2-input, 1-output ``net`` over the data (left) and its loss curve.

    ``X`` (2, m), ``Y`` (1, m) of 0/1 labels. Artists: ``image`` (AxesImage of the output ``a^[L]`` over the
    plane), ``boundary`` (contour set, replaced on update), ``points`` {0, 1: Line2D}, ``loss`` Line2D,
    ``readout`` Text. Update with :func:`set_decision_boundary`.
    """
    X = np.asarray(X, dtype=float)
    Y = np.asarray(Y, dtype=float)
    if X.shape[0] != 2 or Y.shape[0] != 1:
        raise ValueError(f"decision_boundary needs X of shape (2, m) and Y of shape (1, m), got {X.shape}, {Y.shape}")
    with_loss = history is not None
    if ax is None:
        fig = new_figure(6, 4)
        with _style():
            if with_loss:
                axes = fig.subplots(1, 2, gridspec_kw={"width_ratios": [1.25, 1]})
            else:
                axes = [fig.add_subplot(1, 1, 1)]
        fig.subplots_adjust(left=0.11, right=0.98, top=0.9, bottom=0.13, wspace=0.3)
    else:
        axes = np.atleast_1d(ax)
        fig = axes[0].figure
    x0, x1 = X[0].min() - margin, X[0].max() + margin
    y0, y1 = X[1].min() - margin, X[1].max() + margin
    gx, gy = np.meshgrid(np.linspace(x0, x1, resolution), np.linspace(y0, y1, resolution))
    art = {"grid": np.vstack([gx.ravel(), gy.ravel()]), "shape": gx.shape, "extent": (x0, x1, y0, y1),
           "axes": axes, "X": X, "Y": Y}
    s = axes[0]
    art["image"] = s.imshow(np.zeros(gx.shape), origin="lower", extent=(x0, x1, y0, y1), cmap="RdBu_r",
                            vmin=-0.25, vmax=1.25, aspect="auto", interpolation="bilinear", zorder=0)
    art["boundary"], = s.plot([], [], color=INK, lw=1.6, zorder=1)
    lab = Y[0] >= 0.5
    art["points"] = {
        0: s.plot(X[0, ~lab], X[1, ~lab], "o", color=BLUE, mec="white", mew=0.6, ms=4.5, label="class 0")[0],
        1: s.plot(X[0, lab], X[1, lab], "^", color=RED, mec="white", mew=0.6, ms=5, label="class 1")[0],
    }
    s.set_xlim(x0, x1)
    s.set_ylim(y0, y1)
    s.set_xlabel("$x_1$")
    s.set_ylabel("$x_2$")
    s.grid(False)
    s.legend(loc="upper right", fontsize=8, handletextpad=0.2, borderpad=0.3)
    art["readout"] = s.text(0.0, 1.02, "", transform=s.transAxes, ha="left", va="bottom", fontsize=9.5)
    if with_loss:
        c = axes[1]
        art["loss"], = c.semilogy([], [], color=BLUE)
        c.set_xlabel("epoch")
        c.set_ylabel("cost $C$")
        c.set_ylim(1e-2, 1.0)
        c.set_xlim(0, 1)
    d = Drawing(fig, art, alt_text("decision_boundary"))
    set_decision_boundary(d, net, history)
    return d


@_styled
def set_decision_boundary(d: Drawing, net=None, history=None, *, output=None, label="") -> str:
    """Update the shaded output and boundary from ``net`` (or precomputed ``output`` over the grid)."""
    art = d.artists
    if output is None:
        output = net.feedforward(art["grid"])
    P = np.asarray(output, dtype=float).reshape(art["shape"])
    P = np.where(np.isfinite(P), P, 0.5)
    art["image"].set_data(P)
    art["boundary"].set_data(*boundary_line(P, art["extent"]))
    text = label
    if history is not None:
        costs = np.asarray(history.cost, dtype=float)
        if "loss" in art:
            art["loss"].set_data(np.arange(len(costs)), np.where(np.isfinite(costs), costs, np.nan))
            ax = art["axes"][1]
            finite = costs[np.isfinite(costs)]
            lo = float(finite.min()) if finite.size else 1.0
            hi = float(finite.max()) if finite.size else 1.0
            # fixed limits unless the curve leaves them (a limit change costs a full redraw in widgets)
            ylo, yhi = ax.get_ylim()
            _set_lims(ax, (0, max(1, len(costs) - 1)),
                      (min(ylo, 10 ** np.floor(np.log10(lo * 0.9))), max(yhi, 10 ** np.ceil(np.log10(hi * 1.1)))))
        acc = history.accuracy[-1] if getattr(history, "accuracy", None) else None
        status = "diverged" if history.diverged else f"cost {costs[-1]:.3f}"
        text = (label + "  " if label else "") + status + (f", accuracy {acc:.0%}" if acc is not None else "")
    art["readout"].set_text(text)
    return ("Decision boundary of the trained network over the two classes, with the training cost per epoch. "
            + text + ".")


def boundary_line(P, extent, level=0.5):
    """The contour ``P = level`` of a grid over ``extent`` as (x, y) arrays, pieces separated by NaN."""
    import contourpy  # a matplotlib dependency

    x0, x1, y0, y1 = extent
    gx = np.linspace(x0, x1, P.shape[1])
    gy = np.linspace(y0, y1, P.shape[0])
    if not (np.nanmin(P) < level < np.nanmax(P)):
        return np.array([]), np.array([])
    gen = contourpy.contour_generator(gx, gy, P, line_type="ChunkCombinedNan")
    pts = gen.lines(level)[0][0]
    if pts is None:
        return np.array([]), np.array([])
    return pts[:, 0], pts[:, 1]


@_styled
def chain_rule_plot(ax=None, *, z=0.5, y=1.0, activation="sigmoid", cost="quadratic", zlim=(-6, 6)) -> Drawing:
    """``c(a(z))`` against ``z`` with the tangent at ``z``; slope = ``∂c/∂a · ∂a/∂z`` (chain rule).

    Uses the package's activation and cost (``a = g(z)``, ``c = c_x(a, y)``). Artists: ``curve``,
    ``tangent``, ``point`` Line2D, ``readout`` Text; update with :func:`set_chain_rule`.
    """
    from .activations import get_activation
    from .costs import get_cost

    g, c = get_activation(activation), get_cost(cost)
    fig, ax = _axes(ax, 6, 4)
    zz = np.linspace(*zlim, 300)
    cz = c.fn(g.fn(zz)[None, :], np.full((1, zz.size), y))
    art = {"g": g, "c": c, "y": y, "zlim": zlim, "ax": ax}
    art["curve"], = ax.plot(zz, cz, color=BLUE, label=f"$c(a(z))$, $a = ${g.name}$(z)$, $y = {y:g}$")
    art["tangent"], = ax.plot([], [], color=RED, lw=1.5, ls="--", label="tangent: slope = product of local slopes")
    art["point"], = ax.plot([], [], "o", color=RED, ms=7)
    ax.set_xlim(*zlim)
    ax.set_ylim(min(-0.05, float(cz.min()) - 0.05), float(cz.max()) * 1.15 + 0.05)
    ax.set_xlabel("$z$")
    ax.set_ylabel("$c$")
    art["legend"] = ax.legend(loc="lower left", fontsize=8.5)
    art["readout"] = ax.text(0.98, 0.97, "", transform=ax.transAxes, ha="right", va="top", fontsize=10,
                             bbox=dict(fc="white", ec=LIGHT, boxstyle="round,pad=0.3"))
    d = Drawing(fig, art, alt_text("chain_rule"))
    set_chain_rule(d, z)
    return d


def set_chain_rule(d: Drawing, z: float, activation=None, h: float = 1e-5) -> str:
    """Move the point to ``z`` (and switch the activation ``g`` if given); returns an alt text."""
    from .activations import get_activation

    art = d.artists
    if activation is not None and get_activation(activation) is not art["g"]:
        art["g"] = get_activation(activation)
        zz = art["curve"].get_xdata()
        cz = art["c"].fn(art["g"].fn(zz)[None, :], np.full((1, zz.size), art["y"]))
        art["curve"].set_ydata(cz)
        label = f"$c(a(z))$, $a = ${art['g'].name}$(z)$, $y = {art['y']:g}$"
        art["curve"].set_label(label)
        art["legend"].get_texts()[0].set_text(label)
        art["ax"].set_ylim(min(-0.05, float(cz.min()) - 0.05), float(cz.max()) * 1.15 + 0.05)
    g, c, y = art["g"], art["c"], art["y"]
    z = float(np.clip(z, *art["zlim"]))
    Z = np.array([z])
    a = g.fn(Z)
    ca = float(c.fn(a[None, :], np.array([[y]]))[0])
    dc_da = float(c.da(a[None, :], np.array([[y]]))[0, 0])
    da_dz = float(g.prime(Z)[0])
    prod = dc_da * da_dz
    measured = float((c.fn(g.fn(np.array([[z + h]])), np.array([[y]]))[0]
                      - c.fn(g.fn(np.array([[z - h]])), np.array([[y]]))[0]) / (2 * h))
    zz = np.array([z - 1.8, z + 1.8])
    art["tangent"].set_data(zz, ca + prod * (zz - z))
    art["point"].set_data([z], [ca])
    art["readout"].set_text(
        f"$z$ = {z:.2f},  $a$ = {float(a[0]):.3f}\n"
        f"$\\partial c/\\partial a$ = {dc_da:.3f}\n$\\partial a/\\partial z$ = {da_dz:.3f}\n"
        f"product = {prod:.4f}\nmeasured slope = {measured:.4f}")
    return (f"The cost c(a(z)) with a = {g.name}(z), against z, with its tangent at z = {z:.2f}: dc/da = {dc_da:.3f}, "
            f"da/dz = {da_dz:.3f}, their product {prod:.4f} equals the measured slope {measured:.4f}.")


@_styled
def nudge_plot(ax=None, *, dws, measured, slope, dw=0.0, label="$w$") -> Drawing:
    """Measured ``ΔC(Δw)`` (curve) against the backprop prediction ``slope · Δw`` (line), with ``Δw`` marked.

    Artists: ``measured``, ``predicted``, ``point_measured``, ``point_predicted`` Line2D, ``readout`` Text.
    """
    own = ax is None
    fig, ax = _axes(ax, 5, 4)
    if own:
        fig.subplots_adjust(left=0.18)  # room for the y-label
    art = {"ax": ax}
    dws = np.asarray(dws, dtype=float)
    art["measured"], = ax.plot(dws, measured, color=BLUE, label=r"measured $\Delta C$")
    art["predicted"], = ax.plot(dws, slope * dws, color=RED, ls="--",
                                label=r"predicted $a_k^{[l-1]} e_j^{[l]}\,\Delta w$")
    art["point_measured"], = ax.plot([], [], "o", color=BLUE, ms=7)
    art["point_predicted"], = ax.plot([], [], "s", color=RED, ms=6)
    art["vline"] = ax.axvline(dw, color=GREY, lw=0.8, ls=":")
    ax.axhline(0, color=GREY, lw=0.8)
    ax.set_xlabel(r"nudge $\Delta w$")
    ax.set_ylabel(r"change of cost $\Delta C$")
    ax.legend(loc="upper left", fontsize=8.5)
    art["readout"] = ax.text(0.98, 0.03, "", transform=ax.transAxes, ha="right", va="bottom", fontsize=9,
                             bbox=dict(fc="white", ec=LIGHT, boxstyle="round,pad=0.3"))
    d = Drawing(fig, art, alt_text("nudge"))
    set_nudge(d, dws, measured, slope, dw)
    return d


def set_nudge(d: Drawing, dws, measured, slope, dw, info: str = "", ylim=None) -> str:
    """Show the curve ``measured`` over ``dws`` and the line ``slope·Δw``, with the nudge ``dw`` marked."""
    art = d.artists
    dws = np.asarray(dws, dtype=float)
    measured = np.asarray(measured, dtype=float)
    art["measured"].set_data(dws, measured)
    art["predicted"].set_data(dws, slope * dws)
    m_dw = float(np.interp(dw, dws, measured))
    art["point_measured"].set_data([dw], [m_dw])
    art["point_predicted"].set_data([dw], [slope * dw])
    art["vline"].set_xdata([dw, dw])
    lo = min(float(measured.min()), float((slope * dws).min()))
    hi = max(float(measured.max()), float((slope * dws).max()))
    pad = 0.08 * (hi - lo) + 1e-9
    _set_lims(art["ax"], (float(dws.min()), float(dws.max())), ylim or (lo - pad, hi + pad))
    art["readout"].set_text(f"{info}$\\Delta w$ = {dw:+.2f}\npredicted $\\Delta C$ = {slope * dw:+.4f}\n"
                            f"measured $\\Delta C$ = {m_dw:+.4f}")
    return (f"Nudging the weight by {dw:+.2f}: backpropagation predicts a change of the cost of {slope * dw:+.4f}, "
            f"the measured change is {m_dw:+.4f}.")


@_styled
def simplex_kernel_plot(ax=None, *, line, root: bool = True, ylim=None) -> Drawing:
    """The kernel of one lattice vertex along a line crossing the facet opposite it (the seam test).

    ``line``: a ``backprop.simplex.KernelLine`` (``t``, ``kernel`` as simplex noise evaluates it, 0 outside
    the vertex's simplex; ``kernel_unmasked``; ``r2``; ``t_cross``; ``jump_kernel``). ``root=True`` plots
    ``kernel^(1/4) = max(0, r² − d²)``, where a jump of ``(r² − d²)⁴ ≈ 10⁻⁴`` is visible; ``root=False``
    plots the kernel itself. Artists: ``kernel``, ``unmasked`` Line2D, ``seam`` (vertical line at the facet),
    ``readout`` Text; update with :func:`set_simplex_kernel`.
    """
    fig, ax = _axes(ax, 6, 4)
    art = {"ax": ax, "root": root}
    t = np.asarray(line.t, dtype=float)
    art["unmasked"], = ax.plot(t, t * np.nan, color=GREY, lw=1.4, ls="--",
                               label="kernel if it were not cut off")
    art["kernel"], = ax.plot(t, t * np.nan, color=BLUE, lw=2.2, label="kernel as simplex noise sums it")
    art["seam"] = ax.axvline(line.t_cross, color=RED, lw=1.0, ls=":")
    ax.text(line.t_cross, 1.0, " facet (simplex boundary)", transform=ax.get_xaxis_transform(), ha="left",
            va="top", fontsize=8.5, color=RED)
    ax.set_xlabel("position $t$ along the line (the facet is at $t = 0$)")
    ax.set_ylabel(r"$\max(0,\ r^2 - d^2)$  (kernel$^{1/4}$)" if root else r"kernel $\max(0, r^2 - d^2)^4$")
    ax.set_xlim(float(t.min()), float(t.max()))
    ax.set_ylim(*(ylim or ((0, 0.75) if root else (0, 0.25))))
    ax.legend(loc="upper right", fontsize=8.5, bbox_to_anchor=(1.0, 0.93))
    art["readout"] = ax.text(0.0, 1.02, "", transform=ax.transAxes, ha="left", va="bottom", fontsize=10)
    d = Drawing(fig, art, alt_text("simplex_kernel"))
    set_simplex_kernel(d, line)
    return d


def set_simplex_kernel(d: Drawing, line) -> str:
    """Show the ``KernelLine`` ``line``; returns an alt text for the state."""
    art = d.artists
    p = 0.25 if art["root"] else 1.0
    art["kernel"].set_ydata(np.asarray(line.kernel, dtype=float) ** p)
    art["unmasked"].set_ydata(np.asarray(line.kernel_unmasked, dtype=float) ** p)
    seam = line.jump_kernel > 0
    art["readout"].set_text(
        f"$N$ = {line.N}, $r^2$ = {line.r2:.2f}: "
        + (f"seam, the kernel jumps by {line.jump_kernel:.1e} at the facet" if seam
           else "no seam, the kernel is already 0 at the facet"))
    return (f"Kernel of one vertex along a line crossing the opposite facet, in {line.N} dimensions, with r squared "
            f"= {line.r2:.2f}: " + (f"it is cut off at the facet, a jump of {line.jump_kernel:.1e}: a seam."
                                    if seam else "it reaches zero before the facet, so there is no seam."))


def _set_lims(ax, xlim=None, ylim=None):
    """Set axes limits only if they change (a change forces a full redraw in live widgets)."""
    if xlim is not None and not np.allclose(ax.get_xlim(), xlim):
        ax.set_xlim(*xlim)
    if ylim is not None and not np.allclose(ax.get_ylim(), ylim):
        ax.set_ylim(*ylim)


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
