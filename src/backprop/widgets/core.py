"""The machinery every widget shares: controls, the :class:`BookWidget`, live and static modes, the registry.

``mode="live"`` (Jupyter, Binder, Thebe): sliders move over continuous ranges; a callback updates the
artists of one figure drawn by :mod:`backprop.figures` (no re-plotting) and puts the re-rendered PNG into an
``ipywidgets.Image`` (see :mod:`.live`).

``mode="static"`` (the built HTML book, no kernel): every state on a coarser grid of control values is
rendered when the chapter executes; the images sit in (nested) ``Stack`` widgets whose ``selected_index``
is linked to the controls with ``ipywidgets.jslink``, which runs in the browser, so the page still responds.
Each image is an ``HTML`` widget holding ``<img alt="...">`` with a description of that state.

``mode="auto"`` (the default) is ``"static"`` when the environment variable ``BACKPROP_WIDGETS=static`` is
set (the book build sets it), else ``"live"``.

Both modes show the figure like the static figures around it: a bitmap at 2× the display density, shown at
the figure's natural width (``width`` × 100 px per inch), shrinking only in narrow windows; centred in the
book (static states), at the left of the output in JupyterLab (live), as JupyterLab shows figures.
"""

from __future__ import annotations

import html
import os
from dataclasses import dataclass
from typing import Any, Callable, Optional, Sequence

import numpy as np
import ipywidgets as W

from .. import figures as F
from .._validate import one_of
from .live import probe

MODES = ("auto", "live", "static")
STATIC_NOTE = (
    "Static preview: precomputed states. The live version is one click away: use the launch "
    "button (Binder/Live Code) at the top of the page."
)

#: Precomputed states are rendered at the figures' own dpi (2× the display density, ``F.RENDER_DPI``) and
#: quantized to this many colours, which keeps a page's embedded states within its weight budget.
STATIC_COLORS = 64
#: Precomputed states are lossless WebP (a third lighter than PNG).
STATIC_FORMAT = "webp"
#: Live rendering: PNG compression level 1 is several times faster than the default and barely larger.
LIVE_COMPRESS = 1
#: Live figures render at this dpi: 1.5× the display density (a 6-inch figure is a 900 px bitmap shown 600 px
#: wide). 2× (``F.RENDER_DPI``, what the static figures and the book's widget states use) cost 1.4-2.5× the
#: callback time of 1× (PNG encoding and image resampling grow with the pixels), past the 30 ms goal;
#: 1.5× costs 1.25-1.4×. ``benchmarks/bench_widgets.py --dpi`` compares scales within one run.
LIVE_DPI = 150


def resolve_mode(mode: str = "auto") -> str:
    """``"live"`` or ``"static"``: ``"auto"`` reads the environment variable ``BACKPROP_WIDGETS``."""
    one_of(mode, "widget mode", MODES)
    if mode == "auto":
        return "static" if os.environ.get("BACKPROP_WIDGETS", "").strip().lower() == "static" else "live"
    return mode


# -- controls --------------------------------------------------------------------------------------------
@dataclass
class Control:
    """One control: a numeric range (``lo``, ``hi``, ``step``) or a list of ``options``.

    ``static`` lists the values precomputed in static mode (``None``: the control is left out of the
    static page and stays at ``default``). ``options`` may be ``(label, value)`` pairs.
    """

    name: str
    label: str
    default: Any
    lo: Optional[float] = None
    hi: Optional[float] = None
    step: Optional[float] = None
    options: Optional[Sequence] = None
    static: Optional[Sequence] = None
    fmt: str = "{:g}"
    integer: bool = False
    slider: bool = False  # show options on a SelectionSlider instead of a Dropdown

    def __post_init__(self):
        if self.static is not None and self.default not in self.static:
            # The static page opens where the live widget starts (the text describes that state), so the
            # default is always one of the precomputed values.
            numeric = all(isinstance(s, (int, float)) for s in [*self.static, self.default])
            self.static = sorted([*self.static, self.default]) if numeric else [self.default, *self.static]
        if self.options is not None:
            self.options = [
                o if isinstance(o, tuple) else (self.fmt.format(o) if not isinstance(o, str) else o, o)
                for o in self.options
            ]

    @property
    def values(self):
        return [v for _, v in self.options] if self.options is not None else None

    def clamp(self, value):
        """Clamp a numeric value into ``[lo, hi]``; refuse an unknown option with the list of valid ones."""
        if self.options is not None:
            if value in self.values:
                return value
            for lab, v in self.options:  # accept a label too
                if value == lab:
                    return v
            valid = ", ".join(repr(v) for v in self.values)
            raise ValueError(f"{self.label}: {value!r} is not a valid choice; valid choices are {valid}")
        try:
            v = float(value)
        except (TypeError, ValueError):
            raise ValueError(f"{self.label}: expected a number in [{self.lo:g}, {self.hi:g}], got {value!r}") from None
        if not np.isfinite(v):
            raise ValueError(f"{self.label}: expected a finite number, got {value!r}")
        v = min(max(v, self.lo), self.hi)
        return int(round(v)) if self.integer else v

    def live_widget(self):
        style = {"description_width": "initial"}
        layout = W.Layout(width="min(100%, 420px)")
        if self.options is not None:
            cls = W.SelectionSlider if self.slider else W.Dropdown
            return cls(options=self.options, value=self.default, description=self.label, style=style, layout=layout)
        if self.integer:
            return W.IntSlider(
                value=int(self.default),
                min=int(self.lo),
                max=int(self.hi),
                step=int(self.step or 1),
                description=self.label,
                style=style,
                layout=layout,
                continuous_update=True,
            )
        step = self.step or (self.hi - self.lo) / 100
        return W.FloatSlider(
            value=float(self.default),
            min=self.lo,
            max=self.hi,
            step=step,
            description=self.label,
            style=style,
            layout=layout,
            continuous_update=True,
            readout_format=".3g",
        )

    def static_widget(self):
        style = {"description_width": "initial"}
        layout = W.Layout(width="min(100%, 420px)")
        opts = [(self._label(v), i) for i, v in enumerate(self.static)]
        start = self._nearest_index(self.default)
        if self.options is not None and not self.slider:
            return W.Dropdown(options=opts, value=start, description=self.label, style=style, layout=layout)
        return W.SelectionSlider(
            options=opts, value=start, description=self.label, style=style, layout=layout, continuous_update=True
        )

    def _label(self, v):
        if self.options is not None:
            for lab, val in self.options:
                if val == v:
                    return lab
        return self.fmt.format(v)

    def _nearest_index(self, v):
        if self.options is not None or not all(isinstance(s, (int, float)) for s in self.static):
            return self.static.index(v) if v in self.static else 0
        return int(np.argmin([abs(s - v) for s in self.static]))


# -- the widget -----------------------------------------------------------------------------------------
class BookWidget(W.VBox):
    """A VBox holding the controls, the picture and (static mode) a note; see the module docstring.

    Made by :func:`build`. ``specs``: the :class:`Control` specs; ``controls``: name → control widget;
    ``update(values) -> alt``: changes ``drawing`` for the control values. Live mode also has ``image``,
    ``description`` (the figure's text alternative), ``status`` (a failed update's message) and
    ``renderer``; static mode has ``stack``, ``links``, ``states``, ``alts`` and ``note``.
    """

    def __init__(
        self,
        name,
        mode,
        specs,
        controls,
        children,
        drawing,
        update,
        *,
        image=None,
        description=None,
        status=None,
        renderer=None,
        alt="",
        stack=None,
        links=(),
        states=(),
        alts=(),
        note=None,
    ):
        super().__init__(children=children)
        self.name, self.mode = name, mode
        self._specs = {s.name: s for s in specs}
        self._static_keys = [s.name for s in specs if s.static is not None] if mode == "static" else []
        self.controls = controls
        self.drawing, self._update = drawing, update
        self.image, self.description, self.status, self.renderer = image, description, status, renderer
        self.last_alt = alt
        self.stack, self.links, self.states, self.alts, self.note = stack, list(links), list(states), list(alts), note
        if mode == "live":
            for c in controls.values():
                c.observe(self._on_change, names="value")

    def values(self) -> dict:
        """The current control values (static mode: the values of the selected precomputed state)."""
        if self.mode == "live":
            return {n: c.value for n, c in self.controls.items()}
        out = {n: spec.default for n, spec in self._specs.items()}
        for n in self._static_keys:
            out[n] = self._specs[n].static[self.controls[n].value]
        return out

    def set(self, **values) -> dict:
        """Set controls from Python: numbers are clamped to the range, unknown names or options refused.

        In static mode a value snaps to the nearest precomputed one. Returns the values actually set.
        """
        unknown = set(values) - set(self._specs)
        if unknown:
            raise ValueError(f"{self.name} has no control {sorted(unknown)}; its controls are {list(self._specs)}")
        done = {}
        for n, v in values.items():
            spec = self._specs[n]
            v = spec.clamp(v)
            if self.mode == "live":
                self.controls[n].value = v
            elif n in self._static_keys:
                i = spec._nearest_index(v)
                self.controls[n].value = i
                v = spec.static[i]
            done[n] = v
        return done

    def refresh(self) -> str:
        """Live mode: update the figure from the controls and re-render the image; returns the alt text."""
        vals = {n: self._specs[n].clamp(c.value) for n, c in self.controls.items()}
        alt = self._update(vals)
        self.drawing.alt = alt
        self.image.value = self.renderer.render(LIVE_COMPRESS)
        self.description.value = _description_html(alt)
        self.last_alt = alt
        return alt

    def _on_change(self, change):
        """Live mode: a control moved. An exception is shown in the page (a callback's is otherwise invisible)."""
        try:
            self.refresh()
            self.status.value = ""
        except Exception as exc:
            self.status.value = f'<span role="alert">Could not update: {type(exc).__name__}: {exc}</span>'

    def __repr__(self):
        return f"BookWidget({self.name!r}, mode={self.mode!r}, controls={list(self._specs)})"


def _description_html(alt: str) -> str:
    """The live figure's text alternative, collapsed under a summary line."""
    return f"<details><summary>Figure description</summary>{html.escape(alt)}</details>"


def build(name: str, specs: Sequence[Control], setup: Callable, mode: str) -> BookWidget:
    """Make the live or static widget from control specs and ``setup() -> (drawing, update)``.

    ``update(values) -> alt`` changes the drawing's artists for the control ``values`` (a dict).
    """
    mode = resolve_mode(mode)
    drawing, update = setup()
    specs = list(specs)
    if mode == "live":
        return _live(name, specs, drawing, update)
    return _static(name, specs, drawing, update)


def _live(name, specs, drawing, update) -> BookWidget:
    """Sliders over continuous ranges; each change updates the figure's artists and re-renders the image."""
    if drawing.fig.dpi != LIVE_DPI:
        drawing.fig.set_dpi(LIVE_DPI)
    controls = {s.name: s.live_widget() for s in specs}
    defaults = {s.name: s.clamp(s.default) for s in specs}
    renderer = probe(drawing, update, specs, defaults)
    alt = update(defaults)
    drawing.alt = alt  # the drawing describes the widget's current state
    # No `tooltip` on the Image: ipywidgets 8.1's JavaScript reads `description.length` for a tooltip and
    # crashes on widgets without a description (jupyter-widgets/ipywidgets#3921). The text alternative
    # goes in a description below the image instead, updated with it.
    image = W.Image(value=renderer.render(LIVE_COMPRESS), format="png", **_image_size(drawing.fig))
    description = W.HTML(_description_html(alt))
    status = W.HTML("")
    return BookWidget(
        name,
        "live",
        specs,
        controls,
        [*controls.values(), image, description, status],
        drawing,
        update,
        image=image,
        description=description,
        status=status,
        renderer=renderer,
        alt=alt,
    )


def _static(name, specs, drawing, update) -> BookWidget:
    """Every state on the controls' ``static`` grid, precomputed, in nested Stacks linked to the controls."""
    shown = [s for s in specs if s.static is not None]
    fixed = {s.name: s.clamp(s.default) for s in specs if s.static is None}
    controls = {s.name: s.static_widget() for s in shown}
    states, alts, links = [], [], []

    def render(values):
        alt = update(values)
        drawing.alt = alt
        png = F.to_png(drawing.fig, colors=STATIC_COLORS, format=STATIC_FORMAT)
        states.append(dict(values))
        alts.append(alt)
        return W.HTML(value=F.img_html(png, alt, F.display_width(drawing.fig)), layout=W.Layout(width="100%"))

    def level(i, prefix):
        # one Stack level per control, one child per value of its grid
        if i == len(shown):
            return render({**fixed, **prefix})
        spec = shown[i]
        start = spec._nearest_index(spec.default)
        children = [level(i + 1, {**prefix, spec.name: spec.clamp(v)}) for v in spec.static]
        stack = W.Stack(children=children, selected_index=start, layout=W.Layout(width="100%"))
        links.append(W.jslink((controls[spec.name], "index"), (stack, "selected_index")))
        return stack

    root = level(0, {})
    note = W.HTML(f'<p style="font-size:0.85em;margin:0.2em 0"><em>{STATIC_NOTE}</em></p>')
    return BookWidget(
        name,
        "static",
        specs,
        controls,
        [*controls.values(), root, note],
        drawing,
        update,
        stack=root,
        links=links,
        states=states,
        alts=alts,
        note=note,
    )


def _image_size(fig) -> dict:
    """``Image`` arguments that show the 2× bitmap of ``fig`` at its natural width, shrinking only in narrow
    outputs. ``align_self="flex-start"`` keeps JupyterLab from stretching it to the output's width (issue
    13) and puts it where JupyterLab puts the static figures, at the left of the output, under the controls.
    (In the book, the static states are centred like the book's figures: see ``img_html``.)"""
    width = F.display_width(fig)
    return dict(
        width=str(width), layout=W.Layout(width=f"{width}px", max_width="100%", height="auto", align_self="flex-start")
    )


def note_text(fig):
    """A text line at the bottom of a widget figure for messages such as clamped values."""
    return fig.text(0.01, 0.005, "", ha="left", va="bottom", fontsize=9, color=F.RED)


def example_net(sizes=(2, 3, 2), seed=1, **kw):
    from ..network import Network

    return Network(list(sizes), seed=seed, **kw)


#: Every widget builder by name, filled by :func:`register`.
WIDGETS: dict = {}


def register(builder: Callable) -> Callable:
    """Decorator: list a widget builder in :data:`WIDGETS` (the tests and the benchmark run every one)."""
    WIDGETS[builder.__name__] = builder
    return builder
