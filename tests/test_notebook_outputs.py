"""Strict nbval comparison of every chapter's stored outputs with the run the book build made.

A test run executes each chapter once: `scripts/build_book.sh` executes it (widgets in static
mode) into the execution cache, `_build/.jupyter_cache` (see scripts/exec_cache.py), and this test
compares that run, cell by cell, with the outputs stored in the notebook, using nbval's own
comparison: the same sanitizers (nbval_sanitize.cfg), the same skipped keys (PNG, metadata,
widget-view ids, execution counts), streams coalesced the same way, and the `nbval-ignore-output`
/ `nbval-skip` tags and `# NBVAL_*` comments honoured. A changed number in any text, HTML, LaTeX
or SVG output fails here, as under `pytest --nbval`.

The cache is emptied whenever src/ or the pins change, and this test refuses a cache filled from
other sources than the current ones, so it never compares against a stale run.
By hand, without a build: `pytest --nbval --nbval-current-env --nbval-sanitize-with
nbval_sanitize.cfg chapters/06_four_equations.ipynb` (executes the chapter again, live widgets).
"""

from __future__ import annotations

import copy
import sys
from collections import OrderedDict
from pathlib import Path

import nbformat
import pytest
from nbval import plugin as nbval

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "scripts"))
import exec_cache  # noqa: E402

NOTEBOOKS = exec_cache.toc_notebooks()
pytestmark = pytest.mark.build  # needs the build's execution cache: not part of `make unit`


class _Comparer:
    """Just enough of an nbval cell item to call nbval's own ``compare_outputs`` on two output lists."""

    class _Parent:
        skip_compare = (
            "metadata", "traceback", "prompt_number", "output_type", "name", "execution_count",
            "application/vnd.jupyter.widget-view+json", "image/png", "image/jpeg",
        )

        def __init__(self, patterns):
            self.sanitize_patterns = patterns

    class _NoHook:  # nbval then prints reference and test output in full, one above the other
        @staticmethod
        def pytest_assertrepr_compare(**kwargs):
            return []

    colors = nbval.nocolors
    ihook = _NoHook()
    config = None
    compare_outputs = nbval.IPyNbCell.compare_outputs
    format_output_compare = nbval.IPyNbCell.format_output_compare
    sanitize = nbval.IPyNbCell.sanitize

    def __init__(self, sanitize_file: Path):
        patterns = OrderedDict(nbval.get_sanitize_patterns(sanitize_file.read_text()))
        self.parent = self._Parent(patterns)


def _options(cell) -> dict:
    opts = dict(nbval.find_comment_markers(cell.source))
    opts.update(nbval.find_metadata_tags(cell.metadata))
    return opts


def compare(stored, executed, sanitize_file: Path = ROOT / "nbval_sanitize.cfg") -> list[str]:
    """Differences between two executions of one notebook, in nbval's words (empty: they agree)."""
    comparer = _Comparer(sanitize_file)
    stored_cells = [c for c in stored.cells if c.cell_type == "code"]
    run_cells = [c for c in executed.cells if c.cell_type == "code"]
    if [c.source for c in stored_cells] != [c.source for c in run_cells]:
        return ["the executed notebook's code differs from the stored one (stale cache?)"]
    problems = []
    for number, (ref, run) in enumerate(zip(stored_cells, run_cells)):
        opts = _options(ref)
        if opts.get("skip") or opts.get("check") is False:
            continue
        # as nbval's runtest does: consecutive stream outputs merged on both sides
        test, reference = (nbval.coalesce_streams(copy.deepcopy(c.outputs)) for c in (run, ref))
        if not comparer.compare_outputs(test, reference):
            report = "\n".join(str(line) for line in comparer.comparison_traceback)
            problems.append(f"cell {number} (code cell index, id {ref.get('id')}):\n{report}")
    return problems


def test_there_is_a_fresh_build_cache():
    stamp = exec_cache.CACHE / exec_cache.STAMP
    assert stamp.is_file(), f"no execution cache at {exec_cache.CACHE}: build the book first (make test does)"
    assert stamp.read_text().strip() == exec_cache.inputs_digest(), (
        "the execution cache was filled from other sources (src/, requirements, pyproject.toml changed "
        "since the build): run scripts/build_book.sh again")


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_stored_outputs_match_the_build(path):
    stamp = exec_cache.CACHE / exec_cache.STAMP
    if not stamp.is_file() or stamp.read_text().strip() != exec_cache.inputs_digest():
        pytest.fail("no execution cache for the current sources: build the book first (make test does)",
                    pytrace=False)
    stored = nbformat.read(path, as_version=4)
    try:
        run = exec_cache.executed(path)
    except KeyError:
        pytest.fail(f"{path.name} is not in the execution cache: its code changed after the build, "
                    "or the build failed on it", pytrace=False)
    problems = compare(stored, run)
    assert not problems, (f"{path.name}: stored outputs differ from a fresh run (regenerate them with "
                          f"`make notebooks` if the change is intended):\n\n" + "\n\n".join(problems))
