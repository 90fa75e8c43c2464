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
        raise TypeError(f"source() expects a function, class or module defined in a file; "
                        f"got {obj!r}") from exc
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
                raise ValueError(f"Table row {i} has {len(r)} cells; expected {len(header)} "
                                 f"(one per header entry {header})")
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
        lines = ["| " + " | ".join(self.header) + " |",
                 "|" + "|".join("---:" if n else ":---" for n in numeric) + "|"]
        lines += ["| " + " | ".join(c.replace("|", "\\|") for c in r) + " |" for r in self._cells]
        text = "\n".join(lines)
        return f"{self.caption}\n\n{text}" if self.caption else text

    def __repr__(self) -> str:
        widths = [max(len(h), *(len(r[j]) for r in self._cells)) if self._cells else len(h)
                  for j, h in enumerate(self.header)]
        out = ["  ".join(h.rjust(w) for h, w in zip(self.header, widths))]
        out += ["  ".join(c.rjust(w) for c, w in zip(r, widths)) for r in self._cells]
        return ("" if not self.caption else self.caption + "\n") + "\n".join(out)
