"""The book's look, and the :class:`Drawing` every figure function returns.

Style: the colours, the rcParams (:data:`BOOK_STYLE`) and :func:`new_figure`. Every figure is laid out in
inches at :data:`DISPLAY_DPI` pixels per inch (a 6-inch figure is shown 600 px wide) and rendered at
:data:`SCALE` times that, so the bitmap stays sharp on hi-dpi screens; the PNG carries its display width
(IPython display metadata, an ``<img width>``), so pages show it at 1×. Text is at least
:data:`MIN_FONT_PT` points, 12.5 px as displayed.

Dark mode: the book shows images with ``filter: invert(1) hue-rotate(180deg)``, which flips lightness and
keeps hues. The fills are therefore picked by lightness, not as pastels: a light tint becomes a dark fill of
the same hue, and :data:`DIVERGING_CMAP` is symmetric in lightness, so both of its ends stay equally strong.

Alt text: a :class:`Drawing` carries the alt text of what it draws (``drawing.alt``); a notebook output of
a Drawing is a PNG with ``text/plain`` ``"Figure: <alt text>"``. In the book, the alt text goes into the
cell metadata (:meth:`Drawing.cell_metadata`): ``scripts/execute_chapters.py`` copies it there from that
``text/plain``, and myst-nb puts it on the ``<img>``.
"""

from __future__ import annotations

import base64
import functools
import html
import inspect
import io
from contextlib import contextmanager
from typing import Optional

import numpy as np
import matplotlib
from matplotlib.axes import Axes
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.colors import LinearSegmentedColormap
from matplotlib.figure import Figure

from .._validate import instance, one_of

__all__ = [
    "INK",
    "GREY",
    "LIGHT",
    "BLUE",
    "ORANGE",
    "GREEN",
    "RED",
    "PURPLE",
    "LAYER_FILL",
    "TINT",
    "HIGHLIGHT",
    "DIVERGING_CMAP",
    "ERROR_CMAP",
    "DISPLAY_DPI",
    "SCALE",
    "RENDER_DPI",
    "MIN_FONT_PT",
    "BOOK_STYLE",
    "book_style",
    "FIGURES",
    "figure",
    "alt_text",
    "new_figure",
    "display_width",
    "to_png",
    "image_data_uri",
    "img_html",
    "Drawing",
    "figure_axes",
    "blank_axes",
    "format_signed",
    "set_limits",
]

# -- colours ---------------------------------------------------------------------------------------------
INK = "#1a1a1a"
GREY = "#8c8c8c"
LIGHT = "#d9d9d9"
BLUE, ORANGE, GREEN, RED, PURPLE = "#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd"
#: Fill colours of the neurons of the input, hidden and output layers: light tints of blue, orange and green
#: (lightness about 80 %, saturated enough that the dark-mode filter turns them into navy, brown and dark
#: green fills, not near-black ones; checked in Chromium).
LAYER_FILL = {"input": "#b3cde8", "hidden": "#f9c89b", "output": "#b5dfb0"}
#: Lighter tints for large areas (the two halves of a neuron, a cost box), same idea.
TINT = {"blue": "#cfe0f1", "orange": "#fcdcbe", "purple": "#e2d2ee"}
HIGHLIGHT = RED


def _diverging_cmap():
    """Blue – white – red, straight lines in sRGB from white to each end, symmetric in lightness twice over.

    In light mode the two arms have the same CIE lightness at equal distance from the centre; under the
    dark-mode filter (``invert(1) hue-rotate(180deg)``, which keeps the sRGB luma of the inverted colour and
    clips saturated colours) they do too. The red end was chosen by a search over sRGB colours for the one
    whose arm matches the blue arm's lightness in both modes within 0.3 L* (see ``tests/test_figures.py``).
    """
    blue, red = "#2166ab", "#a24851"
    return LinearSegmentedColormap.from_list("book_diverging", [blue, "#ffffff", red])


#: Diverging map for signed quantities (errors, gradients) and the two-class decision map.
DIVERGING_CMAP = _diverging_cmap()
ERROR_CMAP = DIVERGING_CMAP

# -- sizes -----------------------------------------------------------------------------------------------
#: Pixels per inch as displayed in the page: a figure ``w`` inches wide is shown ``w × 100`` px wide.
DISPLAY_DPI = 100
#: The bitmap is rendered at this multiple of the displayed size (hi-dpi screens).
SCALE = 2
RENDER_DPI = DISPLAY_DPI * SCALE
#: Smallest font size any figure uses, in points: 9 pt × 100/72 = 12.5 px as displayed.
MIN_FONT_PT = 9.0

#: The rcParams every figure is drawn with (inside :func:`figure` functions and :func:`new_figure`).
BOOK_STYLE = {
    "figure.figsize": (6.0, 4.0),
    "figure.dpi": DISPLAY_DPI,
    "savefig.dpi": RENDER_DPI,
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
    "axes.prop_cycle": matplotlib.cycler(
        color=[BLUE, ORANGE, GREEN, RED, PURPLE, "#8c564b", "#e377c2", "#7f7f7f", "#bcbd22", "#17becf"]
    ),
    "legend.frameon": True,
    "legend.framealpha": 1.0,
    "legend.edgecolor": LIGHT,
    "image.cmap": "viridis",
    "svg.hashsalt": "backprop-book",
    "path.simplify": True,
}


@contextmanager
def book_style():
    """``with book_style(): ...`` creates artists under :data:`BOOK_STYLE` (fonts and colours are fixed when
    an artist is made), for drawing code outside a :func:`figure` function, such as a widget's second axes."""
    with matplotlib.rc_context(BOOK_STYLE):
        yield


def _check_ax(ax, name: str) -> None:
    """``ax``: None, a matplotlib Axes, or a list or array of them (figures with several panels)."""
    many = isinstance(ax, (list, tuple, np.ndarray)) and len(ax) > 0
    if ax is None or isinstance(ax, Axes) or (many and all(isinstance(a, Axes) for a in np.ravel(ax))):
        return
    why = f"{name} draws into it, or into a new figure for ax=None; pass its other arguments by keyword"
    instance(ax, Axes, "ax", why)


def _styled(func):
    """Run a drawing function under the book's rcParams (fonts and colours are fixed at artist creation).
    A function whose first parameter is ``ax`` gets it checked: None, an Axes, or a sequence of Axes."""
    takes_ax = next(iter(inspect.signature(func).parameters), None) == "ax"

    @functools.wraps(func)
    def wrapper(*args, **kwargs):
        if takes_ax and (args or "ax" in kwargs):
            _check_ax(args[0] if args else kwargs["ax"], func.__name__)
        with matplotlib.rc_context(BOOK_STYLE):
            return func(*args, **kwargs)

    return wrapper


#: Every figure function of the package by name (filled by :func:`figure`).
FIGURES: dict = {}


def figure(alt: str):
    """Decorator of a figure function: draw under the book's style, ``alt`` is its default alt text.

    The default alt text is ``function.default_alt``; the function is listed in :data:`FIGURES`.
    """

    def decorate(func):
        wrapped = _styled(func)
        wrapped.default_alt = alt
        FIGURES[func.__name__] = wrapped
        return wrapped

    return decorate


def alt_text(name: str) -> str:
    """Default alt text of the figure function ``name``."""
    return FIGURES[one_of(name, "figure function", sorted(FIGURES))].default_alt


def new_figure(width: float = 6.0, height: float = 4.0, dpi: float = RENDER_DPI) -> Figure:
    """A white Figure of ``width × height`` inches with an Agg canvas, outside pyplot (no global state).

    It renders at ``dpi`` (2× the display density) and is shown ``width × DISPLAY_DPI`` px wide.
    """
    with book_style():
        fig = Figure(figsize=(width, height), dpi=dpi, facecolor="white")
    FigureCanvasAgg(fig)
    return fig


def display_width(fig: Figure) -> int:
    """The width in CSS pixels at which the page shows ``fig`` (its width in inches × DISPLAY_DPI)."""
    return int(round(fig.get_figwidth() * DISPLAY_DPI))


def to_png(
    fig: Figure, dpi: Optional[float] = None, compress_level: int = 6, colors: Optional[int] = None, format: str = "png"
) -> bytes:
    """Render ``fig`` to PNG bytes (opaque white background), at ``RENDER_DPI`` unless ``dpi`` is given.

    ``compress_level`` 1 is fastest; ``colors`` quantizes to a palette of that many colours, which makes the
    images embedded in static pages 3-4 times lighter. ``format="webp"`` gives lossless WebP instead, another
    third lighter than PNG (every current browser shows it).
    """
    one_of(format, "image format", ("png", "webp"))
    dpi = RENDER_DPI if dpi is None else dpi
    canvas = fig.canvas if isinstance(fig.canvas, FigureCanvasAgg) else FigureCanvasAgg(fig)
    if dpi != fig.dpi:
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
        img = img.quantize(colors=colors, method=PILImage.Quantize.FASTOCTREE, dither=PILImage.Dither.NONE)
        # the octree averages the background with near-white anti-aliasing: keep the background pure white
        pal = np.array(img.getpalette()[: 3 * colors], dtype=int).reshape(-1, 3)
        pal[int(np.argmax(pal.sum(axis=1)))] = 255
        img.putpalette(pal.astype(np.uint8).ravel().tolist())
    out = io.BytesIO()
    if format == "webp":
        img.save(out, format="webp", lossless=True, method=4, quality=75)
    else:
        img.save(out, format="png", compress_level=compress_level, optimize=bool(colors))
    return out.getvalue()


def image_data_uri(data: bytes) -> str:
    """A ``data:`` URI for PNG or WebP bytes."""
    mime = "image/webp" if data[:4] == b"RIFF" and data[8:12] == b"WEBP" else "image/png"
    return f"data:{mime};base64," + base64.b64encode(data).decode("ascii")


def img_html(png: bytes, alt: str, width: Optional[int] = None) -> str:
    """An ``<img>`` with real alt text, the PNG inlined as a data URI, shown ``width`` px wide at most.

    Centred like the book's static figures; ``max-width: 100%`` shrinks it in narrow windows only.
    """
    size = f' width="{int(width)}"' if width else ""
    return (
        f'<img alt="{html.escape(alt, quote=True)}" src="{image_data_uri(png)}"{size} '
        f'style="display:block;margin:0 auto;max-width:100%;height:auto">'
    )


class Drawing:
    """A figure, the handles of its artists (for in-place updates), and its alt text and caption.

    ``Drawing(fig, artists, alt)`` wraps any figure with a fixed alt text. The figure functions return
    subclasses that keep their state in attributes and describe it: their setters change the artists and
    the state together, so ``alt`` always describes what is drawn. ``artists`` holds only matplotlib handles.
    A Drawing displays itself as a PNG in a notebook, 2× sharp and shown at its natural width.
    """

    def __init__(self, fig: Figure, artists: Optional[dict] = None, alt: Optional[str] = None, caption=None):
        self.fig = fig
        self.artists = {} if artists is None else artists
        self._alt = alt
        self.caption = caption

    @property
    def caption(self) -> Optional[str]:
        """The caption: a fixed string, or ``caption(drawing)`` if a function was given, so a caption that
        mentions the state (``lambda d: f"... w^[{d.highlight[0]}] ..."``) stays true after the setters."""
        c = self._caption
        return c(self) if callable(c) else c

    @caption.setter
    def caption(self, value) -> None:
        self._caption = value

    # -- text --------------------------------------------------------------------------------------------
    def describe(self) -> str:
        """The alt text of the current state (subclasses describe their state; here: the text given)."""
        return ""

    @property
    def alt(self) -> str:
        """The alt text: a hand-written one if given, else the description of the current state."""
        return self._alt if self._alt is not None else self.describe()

    @alt.setter
    def alt(self, text: Optional[str]) -> None:
        self._alt = text

    def _changed(self) -> None:
        """Setters call this: a hand-written alt text no longer describes the new state."""
        self._alt = None

    # -- pictures ----------------------------------------------------------------------------------------
    @property
    def width(self) -> int:
        """Displayed width in CSS pixels (the bitmap is ``SCALE`` times wider)."""
        return display_width(self.fig)

    def png(self, dpi: Optional[float] = None, **kw) -> bytes:
        return to_png(self.fig, dpi=dpi, **kw)

    def _repr_png_(self):
        # the metadata width makes Jupyter and myst-nb show the 2× bitmap at its 1× size
        return self.png(), {"width": self.width}

    def cell_metadata(self, caption: Optional[str] = None, name: Optional[str] = None) -> dict:
        """The notebook cell metadata that gives this figure its alt text (and caption) in myst-nb."""
        caption = self.caption if caption is None else caption
        meta = {"mystnb": {"image": {"alt": self.alt}}}
        if caption or name:
            meta["mystnb"]["figure"] = {k: v for k, v in (("caption", caption), ("name", name)) if v}
        return meta

    def html(self, dpi: Optional[float] = None) -> str:
        return img_html(self.png(dpi=dpi), self.alt, self.width)

    def __repr__(self) -> str:
        # The full alt text, and nothing that changes between runs: stored outputs show this repr.
        return f"Figure: {self.alt}"


# -- helpers for the figure modules ----------------------------------------------------------------------
def figure_axes(ax, width=6.0, height=4.0, ncols=1, full=False, **kw):
    """``(fig, axes)``: the figure of the given ``ax`` and ``ax`` itself, or, when ``ax`` is None, a new
    ``width × height`` figure with ``ncols`` axes (``kw`` goes to ``add_subplot``/``subplots``).

    ``full``: one axes filling the figure (diagrams, which have no ticks or labels).
    """
    if ax is not None:
        return ax.figure, ax
    fig = new_figure(width, height)
    with book_style():
        if full:
            axes = fig.add_axes((0.01, 0.01, 0.98, 0.98))
        elif ncols == 1:
            axes = fig.add_subplot(1, 1, 1, **kw)
        else:
            axes = fig.subplots(1, ncols, **kw)
    return fig, axes


def blank_axes(ax) -> None:
    """Turn ``ax`` into a white canvas without axis lines, ticks or labels (for diagrams)."""
    ax.set_axis_off()
    ax.set_facecolor("white")


def format_signed(v, digits=2) -> str:
    """A number for a figure label with ``digits`` decimals: a real minus sign (−), and a space where a plus
    sign would be, so that positive and negative numbers line up."""
    return f"{v:+.{digits}f}".replace("+", " ") if v >= 0 else f"{v:.{digits}f}".replace("-", "−")


def set_limits(ax, xlim=None, ylim=None) -> None:
    """Set the axes limits ``xlim``/``ylim`` (pairs; None leaves one alone) only where they change: a change
    forces a full redraw in live widgets."""
    if xlim is not None and not np.allclose(ax.get_xlim(), xlim):
        ax.set_xlim(*xlim)
    if ylim is not None and not np.allclose(ax.get_ylim(), ylim):
        ax.set_ylim(*ylim)
