"""What a chapter shows of the package itself: source code, read from the installed module.

``source(obj)`` is the notebook-and-book replacement for Sphinx's ``literalinclude``: a code cell
``source(bp1_output_error)`` renders the function's current source as a highlighted Python block in
JupyterLab *and* in the HTML book (myst-nb renders ``text/markdown`` outputs), and its ``text/plain`` is
the bare source, so strict nbval notices when the code a chapter displays changes.
"""

from __future__ import annotations

import inspect
import textwrap


class Source:
    """Source code of a package object, displayed as a Python code block."""

    def __init__(self, code: str, name: str):
        self.code = code
        self.name = name

    def _repr_markdown_(self) -> str:
        return f"```python\n{self.code}\n```"

    def __repr__(self) -> str:
        return self.code


def source(obj, *, lines: slice | None = None) -> Source:
    """The source of a function, class or module of the package, optionally only ``lines`` of it.

    >>> source(bp1_output_error)          # in a notebook cell tagged remove-input
    """
    try:
        code = inspect.getsource(obj)
    except (TypeError, OSError) as exc:
        raise TypeError(f"source() expects a function, class or module defined in a file; got {obj!r}") from exc
    code = textwrap.dedent(code).rstrip("\n")
    if lines is not None:
        code = "\n".join(code.splitlines()[lines])
    return Source(code, getattr(obj, "__qualname__", getattr(obj, "__name__", "?")))


class Table:
    """A small results table: a real table in JupyterLab and the HTML book, aligned text for nbval.

    >>> Table(["quantity", "SymPy", "finite diff.", "package"],
    ...       [["e_1^[2]", -0.1454595, -0.1454595, -0.1454595]], formats={1: ".9f", 2: ".9f", 3: ".9f"})

    ``formats`` maps a column index (or name) to a format spec for its numbers; cells that are strings are
    shown as given (Markdown, so ``$e_1^{[2]}$`` renders as math). ``caption`` is shown above the table.
    """

    def __init__(self, header, rows, *, formats=None, caption: str | None = None):
        header = [str(h) for h in header]
        rows = [list(r) for r in rows]
        for i, r in enumerate(rows):
            if len(r) != len(header):
                raise ValueError(
                    f"Table row {i} has {len(r)} cells; expected {len(header)} (one per header entry {header})"
                )
        fmt = {}
        for key, spec in (formats or {}).items():
            col = header.index(key) if isinstance(key, str) else int(key)
            fmt[col] = spec
        self.header, self.rows, self.caption = header, rows, caption
        self._cells = [[self._cell(v, fmt.get(j)) for j, v in enumerate(r)] for r in rows]

    @staticmethod
    def _cell(value, spec):
        if isinstance(value, str):
            return value
        if isinstance(value, bool):
            return "yes" if value else "no"
        return format(value, spec) if spec else str(value)

    def _repr_markdown_(self) -> str:
        numeric = [all(not isinstance(r[j], str) for r in self.rows) for j in range(len(self.header))]
        lines = [
            "| " + " | ".join(h.replace("|", "\\|") for h in self.header) + " |",
            "|" + "|".join("---:" if n else ":---" for n in numeric) + "|",
        ]
        lines += ["| " + " | ".join(c.replace("|", "\\|") for c in r) + " |" for r in self._cells]
        text = "\n".join(lines)
        return f"{self.caption}\n\n{text}" if self.caption else text

    def __repr__(self) -> str:
        widths = [
            max(len(h), *(len(r[j]) for r in self._cells)) if self._cells else len(h) for j, h in enumerate(self.header)
        ]
        out = ["  ".join(h.rjust(w) for h, w in zip(self.header, widths))]
        out += ["  ".join(c.rjust(w) for c, w in zip(r, widths)) for r in self._cells]
        return ("" if not self.caption else self.caption + "\n") + "\n".join(out)


# The four equations, index form (left) and matrix form (right), one row each. Kept short enough
# that the panel fits a ~700 px column; on a phone it scrolls inside its box.
_FOUR_EQUATIONS = [
    (
        "BP1",
        r"e_j^{[L]} = \frac{\partial c_x}{\partial a_j^{[L]}}\, g'\big(z_j^{[L]}\big)",
        r"e^{[L]} = \nabla_a c_x \odot g'\big(z^{[L]}\big)",
    ),
    (
        "BP2",
        r"e_j^{[l]} = \big(\textstyle\sum_k w_{kj}^{[l+1]} e_k^{[l+1]}\big)\,"
        r" g'\big(z_j^{[l]}\big)",
        r"e^{[l]} = \big((w^{[l+1]})^{\mathsf T} e^{[l+1]}\big) \odot g'\big(z^{[l]}\big)",
    ),
    ("BP3", r"\frac{\partial c_x}{\partial b_j^{[l]}} = e_j^{[l]}", r"\frac{\partial c_x}{\partial b^{[l]}} = e^{[l]}"),
    (
        "BP4",
        r"\frac{\partial c_x}{\partial w_{jk}^{[l]}} = a_k^{[l-1]}\, e_j^{[l]}",
        r"\frac{\partial c_x}{\partial w^{[l]}} = e^{[l]} \big(a^{[l-1]}\big)^{\mathsf T}",
    ),
]

_FOUR_EQUATIONS_TEXT = """\
The four equations of backpropagation (e_j^[l] = ∂c_x/∂z_j^[l])
         index form                            matrix form
  BP1  e_j^[L] = ∂c_x/∂a_j^[L] · g'(z_j^[L])    e^[L] = ∇_a c_x ⊙ g'(z^[L])
  BP2  e_j^[l] = (Σ_k w_kj^[l+1] e_k^[l+1])     e^[l] = ((w^[l+1])ᵀ e^[l+1])
                 · g'(z_j^[l])                           ⊙ g'(z^[l])
  BP3  ∂c_x/∂b_j^[l] = e_j^[l]                  ∂c_x/∂b^[l] = e^[l]
  BP4  ∂c_x/∂w_jk^[l] = a_k^[l-1] e_j^[l]       ∂c_x/∂w^[l] = e^[l] (a^[l-1])ᵀ"""


class FourEquations:
    """The four equations as one boxed panel: index form and matrix form side by side.

    In the book and JupyterLab it is a ``bp-panel`` box (MyST ``{div}``, styled by the book's CSS)
    holding one aligned display; its ``text/plain`` is a readable plain-text version.
    """

    title = "The four equations of backpropagation"

    def latex(self) -> str:
        rows = [rf"\text{{{name}}} \quad & {index} & \quad & {matrix}" for name, index, matrix in _FOUR_EQUATIONS]
        head = (
            r"& \text{index form} & & \text{matrix form}"
            r" \\[2pt]"
        )
        body = " \\\\[6pt]\n".join(rows)
        return r"\begin{aligned}" + head + "\n" + body + r"\end{aligned}"

    def _repr_markdown_(self) -> str:
        return (
            ":::{div} bp-panel\n"
            f"**{self.title}**, with the error $e_j^{{[l]}} = "
            r"\partial c_x / \partial z_j^{[l]}$ and $l = L-1, \dots, 1$ in BP2"
            "\n\n$$\n" + self.latex() + "\n$$\n:::"
        )

    def __repr__(self) -> str:
        return _FOUR_EQUATIONS_TEXT


def four_equations() -> FourEquations:
    """The four equations of backpropagation (BP1–BP4), index and matrix form, as one boxed panel.

    >>> four_equations()                  # in a notebook cell tagged remove-input
    """
    return FourEquations()
