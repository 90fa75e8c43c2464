"""Numbers in the prose come from code (issue 10), and figure alt texts come from the drawings.

A number with three or more significant decimals in a chapter's markdown (or in a figure caption) is
a computed result: it must be glued (`{glue:text}`name:.4f``) or appear in that notebook's stored
outputs (literally, or as the rounding of an output number to the decimals written). Then nbval's
comparison of the stored outputs catches every change of it. Counting the significant decimals:
0.000256 has three (leading zeros after the point do not count), 1.000 and 0.2370 have three and
four (written trailing zeros do), 0.5, 0.25, 0.001, 6.4 (an equation number), 1e-5, 2/11 and 2015
have fewer than three. Not read as numbers: version strings (3.2.2), glue/eq/ref/cite roles, inline
code, URLs and link targets, labels, directive options, HTML tags and TeX lengths (0.125em).
Exact constants are fine when written exactly (½, 2/11, 1/8); a decimal expansion of one (0.125,
1.4142) counts as a number like any other.
"""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation
from pathlib import Path

import nbformat
import pytest

from exec_cache import toc_notebooks  # the chapter list, read from _toc.yml

ROOT = Path(__file__).resolve().parents[1]

NOTEBOOKS = toc_notebooks()

# What is removed from prose before numbers are read (see the module docstring).
_STRIP = [
    re.compile(r"\{(?!math\})[\w:-]+\}`[^`]*`"),  # roles: {glue:text}`x:.4f`, {eq}`...`, {cite:p}`...`
    re.compile(r"``[^`]*``|`[^`]*`"),  # inline code
    re.compile(r"https?://\S+"),  # URLs
    re.compile(r"\]\([^)]*\)"),  # link targets
    re.compile(r"^\s*\([\w.-]+\)=\s*$", re.M),  # (label)=
    re.compile(r"^\s*:[\w-]+:.*$", re.M),  # directive options (:label:, :width: ...)
    re.compile(r"<[^>\n]+>"),  # HTML tags and their attributes
    re.compile(r"\d+(?:\.\d+)?\s*(?:em|ex|pt|mu|px|cm|mm)\b"),  # TeX/CSS lengths
    re.compile(r"\b\d+(?:\.\d+){2,}\b"),  # versions, dotted section numbers
]
_NUMBER = re.compile(r"(?<![\w.])(\d+)\.(\d+)(?![\w.]*\d)")
_ANY_DECIMAL = re.compile(r"\d+\.\d+")


_FENCE = re.compile(r"^\s*(`{3,}|~{3,})\s*(.*)$")
_CODE_INFO = re.compile(r"^(\{(code|code-block|code-cell|sourcecode|literalinclude)\}.*|[^{].*)$")


def drop_code_blocks(text: str) -> str:
    """The text without its code blocks (```python, ```{code-block}, ...), keeping the content of
    directives fenced the same way (```{solution}, ````{exercise} ...)."""
    kept, stack = [], []  # stack of (fence, is_code)
    for line in text.splitlines():
        m = _FENCE.match(line)
        if m:
            fence, info = m.groups()
            if stack and not info.strip() and fence[0] == stack[-1][0][0] and len(fence) >= len(stack[-1][0]):
                stack.pop()
                continue
            if not (stack and stack[-1][1]):  # a fence inside a code block is just code
                stack.append((fence, bool(info.strip()) is False or bool(_CODE_INFO.match(info.strip()))))
                continue
        if not any(is_code for _, is_code in stack):
            kept.append(line)
    return "\n".join(kept)


def significant_decimals(integer: str, fraction: str) -> int:
    """Decimals written after the point, not counting zeros that only lead the fraction of a number < 1."""
    return len(fraction.lstrip("0")) if int(integer) == 0 else len(fraction)


def prose_numbers(text: str) -> list[str]:
    """The numbers with three or more significant decimals in a piece of MyST prose."""
    text = drop_code_blocks(text)
    for pattern in _STRIP:
        text = pattern.sub(" ", text)
    return [m.group(0) for m in _NUMBER.finditer(text) if significant_decimals(m.group(1), m.group(2)) >= 3]


def _output_texts(nb) -> list[str]:
    texts = []
    for cell in nb.cells:
        for out in cell.get("outputs", []):
            if out.get("output_type") == "stream":
                texts.append(out.get("text", ""))
            for mime, value in out.get("data", {}).items():
                if mime.startswith("text/") or mime.startswith("application/papermill.record/text"):
                    texts.append(value if isinstance(value, str) else "".join(value))
    return texts


def output_numbers(nb) -> set[str]:
    """Every decimal number printed or displayed by the notebook's stored outputs (glued values included)."""
    return {m.group(0) for text in _output_texts(nb) for m in _ANY_DECIMAL.finditer(text)}


def _matches(number: str, outputs: set[str]) -> bool:
    if number in outputs:
        return True
    quantum = Decimal(1).scaleb(-len(number.split(".")[1]))
    for out in outputs:
        if len(out.split(".")[1]) < len(number.split(".")[1]):
            continue
        try:
            if Decimal(out).quantize(quantum) == Decimal(number):
                return True
        except InvalidOperation:
            continue
    return False


def prose_pieces(nb):
    """(where, text) for every markdown cell and every figure caption of a notebook."""
    for index, cell in enumerate(nb.cells):
        if cell.cell_type == "markdown":
            yield f"markdown cell {index} (id {cell.get('id')})", cell.source
        caption = cell.get("metadata", {}).get("mystnb", {}).get("figure", {}).get("caption")
        if caption:
            yield f"caption of cell {index} (id {cell.get('id')})", caption


def hand_typed_numbers(nb) -> list[str]:
    """'where: number' for each number of the prose that neither glue nor an output produced."""
    outputs = output_numbers(nb)
    return [
        f"{where}: {number}"
        for where, text in prose_pieces(nb)
        for number in prose_numbers(text)
        if not _matches(number, outputs)
    ]


FIGURE_REPR = "Figure: "  # backprop's Drawing.__repr__: "Figure: " + the full alt text


def drawing_alts(cell) -> list[str]:
    """Alt texts of the drawings a code cell displayed (their text/plain is the Drawing's repr)."""
    alts = []
    for out in cell.get("outputs", []):
        data = out.get("data", {})
        plain = data.get("text/plain", "")
        plain = plain if isinstance(plain, str) else "".join(plain)
        if "image/png" in data and plain.startswith(FIGURE_REPR):
            alts.append(plain[len(FIGURE_REPR) :])
    return alts


def alt_text_problems(nb) -> list[str]:
    problems = []
    for index, cell in enumerate(nb.cells):
        if cell.cell_type != "code":
            continue
        alts = drawing_alts(cell)
        meta = cell.get("metadata", {}).get("mystnb", {}).get("image", {}).get("alt")
        where = f"cell {index} (id {cell.get('id')})"
        if len(alts) > 1:
            problems.append(f"{where}: {len(alts)} figures in one cell share one alt text; split the cell")
        elif alts and meta != alts[0]:
            problems.append(
                f"{where}: metadata alt {meta!r} is not the drawing's alt {alts[0]!r} "
                "(scripts/execute_chapters.py copies it)"
            )
    return problems


# --- the chapters ---------------------------------------------------------------------------------------


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_numbers_in_prose_come_from_code(path):
    found = hand_typed_numbers(nbformat.read(path, as_version=4))
    assert not found, (
        f"{path.name}: numbers typed by hand (glue them with {{glue:text}} or print them):\n  " + "\n  ".join(found)
    )


_FORMAT_SPEC = re.compile(r"\{glue:text\}`([\w-]+):[^`]+`")


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_formatted_glue_values_are_plain_numbers(path):
    """`{glue:text}`name:.3f`` needs a value myst-nb can read back as a number: it parses the stored
    text/plain repr, and `np.float64(0.75)` (NumPy 2's repr) is a build warning, which -W makes an error.
    Glue `float(x)` instead. Found here without a build."""
    nb = nbformat.read(path, as_version=4)
    formatted = set()
    for cell in nb.cells:
        if cell.cell_type == "markdown":
            formatted.update(_FORMAT_SPEC.findall(cell.source))
    bad = []
    for cell in nb.cells:
        for out in cell.get("outputs", []) if cell.cell_type == "code" else []:
            name = out.get("metadata", {}).get("scrapbook", {}).get("name")
            prefix = out.get("metadata", {}).get("scrapbook", {}).get("mime_prefix", "")
            text = out.get("data", {}).get(prefix + "text/plain", "")
            text = text if isinstance(text, str) else "".join(text)
            if name in formatted and text.startswith("np."):
                bad.append(f"{name} = {text}")
    assert not bad, (
        f"{path.name}: glued with a NumPy scalar but shown with a format spec (glue float(x) instead): {bad}"
    )


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_figure_alt_text_is_the_drawings(path):
    problems = alt_text_problems(nbformat.read(path, as_version=4))
    assert not problems, f"{path.name}:\n  " + "\n  ".join(problems)


# --- the checks themselves, on small notebooks --------------------------------------------------------------


def _nb(markdown: str, printed: str = "", caption: str | None = None):
    nb = nbformat.v4.new_notebook()
    code = nbformat.v4.new_code_cell("print(...)")
    if printed:
        code.outputs = [nbformat.v4.new_output("stream", name="stdout", text=printed)]
    if caption:
        code.metadata["mystnb"] = {"figure": {"caption": caption}}
    nb.cells = [nbformat.v4.new_markdown_cell(markdown), code]
    return nb


@pytest.mark.parametrize(
    "text",
    [
        "The cost falls from 0.2370 to 0.2034.",
        "At η = 10 the cost is 0.000256 and the accuracy 1.000.",
        "$c_x = 0.237$ after one step",
        "a relative error of 3.141e-09",
        "the weight becomes −2.244",
        "(0.123, 0.456)",
        "```{solution} ex-08-rates\n:class: dropdown\n\n| η | cost |\n|---|---|\n| 10 | 0.000256 |\n```",
        ":::{admonition} Result\nThe accuracy is 0.955.\n:::",
    ],
)
def test_a_hand_typed_number_fails(text):
    assert hand_typed_numbers(_nb(text)), text


@pytest.mark.parametrize(
    "text",
    [
        "A step of 1e-5, a rate of 0.5, or 0.25, or 0.001; the optimum is 2/11 and $\\tfrac12$.",
        "See equation 6.4 and Fig. 6.12; Nielsen (2015); 60,000 images; 95.5% accuracy.",
        "MathJax 3.2.2 and jupyter-book 1.0.4 are pinned.",
        "The cost is {glue:text}`c0:.4f` and the step {glue:text}`step:.3e`.",
        "Call `sgd(eta=0.125)` with {eq}`eq-06-bp1` and {cite:p}`nielsen2015`.",
        "$$\\begin{aligned} a \\\\[0.125em] b \\hspace{0.333em} \\end{aligned}$$",
        "[the docs](https://example.org/v0.123/page) (eq-06-0.123)=",
        "```{figure} x.png\n:width: 0.555\n```",
        "```python\nsgd(net, eta=0.125)\n```",
        '<img src="a.png" width="0.875">',
    ],
)
def test_exact_constants_and_markup_pass(text):
    assert not hand_typed_numbers(_nb(text)), prose_numbers(text)


def test_a_printed_number_passes_literally_or_rounded():
    assert not hand_typed_numbers(_nb("The cost is 0.2370 and then 0.2034.", printed="0.2370 0.20338\n"))
    # a rounding that the output does not support fails
    assert hand_typed_numbers(_nb("The cost is 0.2035.", printed="0.20338\n"))
    # more decimals than printed: typed by hand
    assert hand_typed_numbers(_nb("The cost is 0.23701.", printed="0.2370\n"))


def test_glued_values_count_as_outputs():
    nb = _nb("The cost is {glue:text}`c0:.4f`, that is 0.2370.")
    nb.cells[1].outputs = [
        nbformat.v4.new_output(
            "display_data",
            data={"application/papermill.record/text/plain": "np.float64(0.23701234)"},
            metadata={"scrapbook": {"name": "c0", "mime_prefix": "application/papermill.record/"}},
        )
    ]
    assert not hand_typed_numbers(nb)


def test_captions_are_prose_too():
    assert hand_typed_numbers(_nb("No numbers here.", caption="The path at $\\eta = 0.190$ oscillates."))


def test_alt_text_check():
    nb = nbformat.v4.new_notebook()
    cell = nbformat.v4.new_code_cell("fig")
    cell.outputs = [
        nbformat.v4.new_output(
            "display_data", data={"image/png": "iVBOR", "text/plain": "Figure: A neuron with z = -2.24, a = 0.10."}
        )
    ]
    nb.cells = [cell]
    assert alt_text_problems(nb)  # no metadata alt
    cell.metadata["mystnb"] = {"image": {"alt": "A neuron with z = -2.24, a = 0.10."}}
    assert not alt_text_problems(nb)
    cell.metadata["mystnb"]["image"]["alt"] = "A neuron with z = -2.2, a = 0.1."  # retyped by hand
    assert alt_text_problems(nb)
