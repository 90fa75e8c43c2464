"""Strict comparison of every chapter's stored outputs with the run the book build made.

A test run executes each chapter once: `scripts/build_book.sh` executes it (widgets in static
mode) into the execution cache, `_build/.jupyter_cache` (see scripts/exec_cache.py), and this test
compares that run, cell by cell, with the outputs stored in the notebook. The comparison is our
own, small and read with nbformat (:func:`compare`); it follows the rules of nbval's strict mode:

* compared: every MIME type of a display or result (text/plain, text/html, text/latex,
  text/markdown, image/svg+xml, ...) except bitmaps (image/png, image/jpeg) and widget-view ids;
  streams, by name, consecutive ones merged (with ``\\r`` and ``\\b`` applied); errors' name and
  value. Metadata, execution counts and tracebacks are not compared. Outputs are grouped by key
  (a MIME type or a stream name): order matters within a key, not between keys;
* every string is first passed through the sanitizers of nbval_sanitize.cfg (nbval's format:
  ``regex:`` and ``replace:`` lines, applied in order);
* a cell tagged ``nbval-skip`` or ``nbval-ignore-output`` (or with a ``# NBVAL_SKIP`` or
  ``# NBVAL_IGNORE_OUTPUT`` comment line) is not compared.

A changed number in any text, HTML, LaTeX or SVG output fails here, as under `pytest --nbval`.
nbval itself stays the tool for a run by hand, without a build (it executes the chapter again,
live widgets): `pytest --nbval --nbval-current-env --nbval-sanitize-with nbval_sanitize.cfg
chapters/06_four_equations.ipynb`.

The cache is emptied whenever src/ or the pins change, and this test refuses a cache filled from
other sources than the current ones, so it never compares against a stale run.
"""

from __future__ import annotations

import difflib
import re
from pathlib import Path

import nbformat
import pytest

import exec_cache

ROOT = Path(__file__).resolve().parents[1]
SANITIZE_FILE = ROOT / "nbval_sanitize.cfg"
NOTEBOOKS = exec_cache.toc_notebooks()

# Not compared: bitmaps (their bytes move with the libraries; the figures' alt text is text/plain) and
# the ids of widget views (new every run).
SKIPPED_MIME = {"image/png", "image/jpeg", "application/vnd.jupyter.widget-view+json"}
SKIP_TAGS = {"nbval-skip", "nbval-ignore-output"}
SKIP_COMMENTS = {"NBVAL_SKIP", "NBVAL_IGNORE_OUTPUT"}


def sanitizers(path: Path = SANITIZE_FILE) -> list[tuple[re.Pattern, str]]:
    """The ``(regex, replacement)`` pairs of an nbval sanitize file, in order."""
    pairs = re.findall(r"^regex: (.*)$\n^replace: (.*)$", path.read_text(encoding="utf-8"), flags=re.M)
    return [(re.compile(regex), replace) for regex, replace in pairs]


def _skipped(cell) -> bool:
    comments = {line.strip().lstrip("#").strip() for line in cell.source.splitlines() if line.strip().startswith("#")}
    return bool(SKIP_TAGS & set(cell.metadata.get("tags", ())) or SKIP_COMMENTS & comments)


def _stream_text(text: str) -> str:
    """A terminal's view of a stream: ``x\\b`` erased, a line rewritten after ``\\r`` (as nbval does)."""
    while True:
        shorter = re.sub(r"[^\n]\x08", "", text)
        if shorter == text:
            break
        text = shorter
    return re.sub(r"^.*\r(?=[^\n])", "", text, flags=re.M)


def comparable(outputs, patterns) -> dict[str, list]:
    """One cell's outputs as ``{key: [sanitized values, in order]}``: a key per MIME type, per stream
    name (``stream:stdout``) and ``error``."""
    streams: dict[str, str] = {}
    by_key: dict[str, list] = {}
    for out in outputs:
        if out.output_type == "stream":
            if out.name not in streams:
                by_key.setdefault(f"stream:{out.name}", []).append(None)  # its place; text filled below
            streams[out.name] = streams.get(out.name, "") + out.text
        elif out.output_type == "error":
            by_key.setdefault("error", []).append(f"{out.ename}: {out.evalue}")
        else:
            for mime, value in out.get("data", {}).items():
                if mime not in SKIPPED_MIME:
                    by_key.setdefault(mime, []).append(value)
    for name, text in streams.items():
        by_key[f"stream:{name}"] = [_stream_text(text)]

    def clean(value):
        if isinstance(value, str):
            for regex, replace in patterns:
                value = regex.sub(replace, value)
        return value

    return {key: [clean(v) for v in values] for key, values in by_key.items()}


def _diff(stored, run) -> str:
    a = stored if isinstance(stored, str) else repr(stored)
    b = run if isinstance(run, str) else repr(run)
    lines = difflib.unified_diff(a.splitlines(), b.splitlines(), "stored", "build", lineterm="", n=1)
    return "\n".join(line[:300] for line in list(lines)[:40])


def compare(stored, executed, sanitize_file: Path = SANITIZE_FILE) -> list[str]:
    """Differences between the stored outputs of a notebook and an execution of it (empty: they agree)."""
    patterns = sanitizers(sanitize_file)
    stored_cells = [c for c in stored.cells if c.cell_type == "code"]
    run_cells = [c for c in executed.cells if c.cell_type == "code"]
    if [c.source for c in stored_cells] != [c.source for c in run_cells]:
        return ["the executed notebook's code differs from the stored one (stale cache?)"]
    problems = []
    for number, (ref, run) in enumerate(zip(stored_cells, run_cells)):
        if _skipped(ref):
            continue
        want, got = comparable(ref.outputs, patterns), comparable(run.outputs, patterns)
        where = f"cell {number} (code cell index, id {ref.get('id')})"
        if want.keys() != got.keys():
            problems.append(f"{where}: outputs stored {sorted(want)}, the build's run gave {sorted(got)}")
            continue
        for key in want:
            if len(want[key]) != len(got[key]):
                problems.append(f"{where}: {len(want[key])} stored {key} output(s), the build gave {len(got[key])}")
            else:
                problems += [f"{where}, {key}:\n{_diff(a, b)}" for a, b in zip(want[key], got[key]) if a != b]
    return problems


def _nb(*cells):
    nb = nbformat.v4.new_notebook()
    nb.cells = list(cells)
    return nb


def _cell(source, *outputs, tags=()):
    cell = nbformat.v4.new_code_cell(source, metadata={"tags": list(tags)} if tags else {})
    cell.outputs = list(outputs)
    return cell


def test_the_comparison_sees_a_moved_number_and_keeps_to_the_rules():
    out = nbformat.v4.new_output
    text = {"text/plain": "0.1234567891", "text/latex": "$0.12$", "image/png": "iVBOR"}
    stored = _nb(_cell("x", out("execute_result", data=text, execution_count=1)))
    same = dict(text, **{"text/plain": "0.1234567891999", "image/png": "other bytes"})  # float noise, bitmap
    assert compare(stored, _nb(_cell("x", out("execute_result", data=same, execution_count=7)))) == []
    moved = dict(text, **{"text/latex": "$0.13$"})
    (problem,) = compare(stored, _nb(_cell("x", out("execute_result", data=moved))))
    assert "text/latex" in problem and "-$0.12$" in problem and "+$0.13$" in problem
    assert compare(stored, _nb(_cell("x"))), "a missing output is a difference"
    assert compare(_nb(_cell("x", out("execute_result", data=moved), tags=["nbval-ignore-output"])), stored) == []
    assert (
        compare(_nb(_cell("# NBVAL_SKIP\nx", out("execute_result", data=moved))), _nb(_cell("# NBVAL_SKIP\nx"))) == []
    )
    # streams of one name are merged and \r rewrites a line, on both sides
    split = _nb(_cell("p", out("stream", name="stdout", text="a\n"), out("stream", name="stdout", text="b 1%\rb 9%\n")))
    whole = _nb(_cell("p", out("stream", name="stdout", text="a\nb 9%\n")))
    assert compare(split, whole) == []
    (problem,) = compare(whole, _nb(_cell("p", out("stream", name="stdout", text="a\nc\n"))))
    assert "stream:stdout" in problem and "+c" in problem
    assert compare(_nb(_cell("x")), _nb(_cell("y"))) == [
        "the executed notebook's code differs from the stored one (stale cache?)"
    ]


@pytest.mark.build  # needs the build's execution cache: not part of `make unit`
def test_there_is_a_fresh_build_cache():
    stamp = exec_cache.CACHE / exec_cache.STAMP
    assert stamp.is_file(), f"no execution cache at {exec_cache.CACHE}: build the book first (make test does)"
    assert stamp.read_text().strip() == exec_cache.inputs_digest(), (
        "the execution cache was filled from other sources (src/, requirements, pyproject.toml changed "
        "since the build): run scripts/build_book.sh again"
    )


@pytest.mark.build
@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_stored_outputs_match_the_build(path):
    stamp = exec_cache.CACHE / exec_cache.STAMP
    if not stamp.is_file() or stamp.read_text().strip() != exec_cache.inputs_digest():
        pytest.fail("no execution cache for the current sources: build the book first (make test does)", pytrace=False)
    stored = nbformat.read(path, as_version=4)
    try:
        run = exec_cache.executed(path)
    except KeyError:
        pytest.fail(
            f"{path.name} is not in the execution cache: its code changed after the build, or the build failed on it",
            pytrace=False,
        )
    problems = compare(stored, run)
    assert not problems, (
        f"{path.name}: stored outputs differ from a fresh run (regenerate them with "
        f"`make notebooks` if the change is intended):\n\n" + "\n\n".join(problems)
    )
