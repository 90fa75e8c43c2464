"""LaTeX the way the book writes it, sized for the book's text column.

:func:`latex` prints a SymPy expression with the book's conventions: an indexed quantity as
``w^{[l+1]}_{kj}`` (layer above, neuron indices below, in the order of the notation), and the factors of a
product in the order the book writes them (``w``, ``a``, ``e``, then ``(a − y)`` and ``g'``), as in
``w^{[l]}_{jk} a^{[l-1]}_k``, ``a^{[l-1]}_k e^{[l]}_j`` or ``w^{[l+1]}_{kj} e^{[l+1]}_k g'(z^{[l]}_j)``; a sum
``Σ … + b`` with the sum first; a rational factor in front (``\frac{1}{2} Σ …``).

:func:`rows` breaks a long sum into rows that fit the column (about 700 px, ``ROW_BUDGET`` characters),
for ``aligned`` displays; :func:`text` writes prose with inline math inside a display (``\\text{}`` for the
words only, so no index notation ever lands in ``\\text``).
"""

from __future__ import annotations

import re

import sympy as sp
from sympy.printing.latex import LatexPrinter

#: About how many characters of math (indices counted smaller) fit in one row of the book's column.
ROW_BUDGET = 48

#: Where a letter's quantity sits in a product, as the book writes it (a before w before e ...).
_FACTOR_ORDER = {"w": 1, "x": 2, "a": 2, "e": 3, "y": 4, "b": 4, "z": 4}


class BookPrinter(LatexPrinter):
    """SymPy's LaTeX printer with the book's index form and factor order."""

    def _print_Indexed(self, expr):
        indices = [self._print(i) for i in expr.indices]
        sep = "" if all(len(i) == 1 for i in indices) else ","
        return f"{self._print(expr.base)}_{{{sep.join(indices)}}}"

    def _print_IndexedBase(self, expr):
        return str(expr.label)

    def _rank(self, factor):
        base = factor.base if isinstance(factor, sp.Pow) else factor
        if factor.is_Number:
            return 0
        if isinstance(base, (sp.Symbol, sp.Indexed)):
            letters = re.sub(r"\\[a-zA-Z]+|[^a-zA-Z]", "", self._print(base))
            return _FACTOR_ORDER.get(letters[:1], 4)
        if isinstance(base, (sp.Add, sp.Sum)):
            return 5
        if isinstance(base, sp.Function):
            return 6
        return 7

    def _print_Add(self, expr, order=None):
        terms = self._as_ordered_terms(expr, order=order)
        if any(isinstance(t, sp.Sum) for t in terms):
            terms = [t for t in terms if isinstance(t, sp.Sum)] + [t for t in terms if not isinstance(t, sp.Sum)]
            return super()._print_Add(sp.Add(*terms, evaluate=False), order="none")
        return super()._print_Add(expr, order=order)

    def _print_Mul(self, expr):
        coeff, rest = expr.as_coeff_Mul()
        if coeff.is_Rational and not coeff.is_Integer and coeff > 0 and sp.fraction(rest)[1] == 1:
            return rf"\frac{{{coeff.p}}}{{{coeff.q}}} " + self._print(rest)
        numer, denom = sp.fraction(expr, exact=True)
        if denom is not sp.S.One or expr.could_extract_minus_sign() or not isinstance(expr, sp.Mul):
            return super()._print_Mul(expr)
        factors = sorted(expr.as_ordered_factors(), key=self._rank)
        out = []
        for i, f in enumerate(factors):
            tex = self._print(f)
            if self._needs_mul_brackets(f, first=(i == 0), last=(i == len(factors) - 1)):
                tex = rf"\left({tex}\right)"
            out.append(tex)
        return " ".join(out)


def latex(expr, symbol_names=None) -> str:
    """``expr`` as LaTeX in the book's notation (``symbol_names``: symbol -> LaTeX, as SymPy's option)."""
    return BookPrinter({"symbol_names": symbol_names or {}}).doprint(expr)


def width(tex: str) -> float:
    """A rough width of rendered LaTeX in characters: sub- and superscripts count 0.6, commands 1."""
    tex = re.sub(r"\\(left|right|,|!|;|quad|qquad|big|Big)(?![a-zA-Z])", "", tex)
    total, i, scale, depth_stack = 0.0, 0, 1.0, []
    depth = 0
    while i < len(tex):
        c = tex[i]
        if c in "^_" and i + 1 < len(tex) and tex[i + 1] == "{":
            depth_stack.append((depth + 1, scale))
            scale, depth, i = 0.6, depth + 1, i + 2
            continue
        if c == "{":
            depth += 1
        elif c == "}":
            if depth_stack and depth_stack[-1][0] == depth:
                scale = depth_stack.pop()[1]
            depth -= 1
        elif c == "\\":
            m = re.match(r"\\[a-zA-Z]+", tex[i:])
            i += len(m.group(0)) if m else 2
            total += scale
            continue
        elif c not in " &":
            total += scale
        i += 1
    return total


def rows(expr, symbol_names=None, budget: float = ROW_BUDGET) -> list:
    """``expr`` as LaTeX rows that each fit ``budget``: a long sum breaks between its terms.

    The first row is the start of the expression; each further row starts with ``+`` or ``-``.
    """
    printer = BookPrinter({"symbol_names": symbol_names or {}})
    whole = printer.doprint(expr)
    if not isinstance(expr, sp.Add) or width(whole) <= budget:
        return [whole]
    out, current = [], ""
    for i, term in enumerate(expr.as_ordered_terms()):
        if term.could_extract_minus_sign():
            sign, body = "-", printer.doprint(-term)
        else:
            sign, body = "+", printer.doprint(term)
        if isinstance(-term if sign == "-" else term, sp.Add):
            body = rf"\left({body}\right)"
        piece = (("- " if sign == "-" else "") + body) if i == 0 else f" {sign} {body}"
        if current and width(current + piece) > budget:
            out.append(current)
            current = piece.lstrip()
        else:
            current += piece
    out.append(current)
    return out


def text(words: str) -> str:
    """Prose inside a display: the words in ``\\text{}``, the ``$math$`` parts as math.

    >>> text("chain rule over the neurons $k$ of layer $l+1$")
    '\\\\text{chain rule over the neurons }k\\\\text{ of layer }l+1'
    """
    parts = words.split("$")
    return "".join(p if i % 2 else (rf"\text{{{p}}}" if p else "") for i, p in enumerate(parts))


def frac_d(num: str, den: str) -> str:
    """``∂num/∂den`` as a LaTeX fraction."""
    return rf"\frac{{\partial {num}}}{{\partial {den}}}"


def display(lines) -> str:
    """An ``aligned`` block from a list of rows (``&`` marks the alignment point)."""
    return r"\begin{aligned}" + r"\\".join(lines) + r"\end{aligned}"
