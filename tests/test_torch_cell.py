"""Chapter 9's PyTorch cell: PyTorch is a build-and-test dependency for that cell only, so a reader without
it (Binder installs binder/requirements.txt, which has no torch) must get a one-line note, not an error."""

import subprocess
import sys
from pathlib import Path

import nbformat

ROOT = Path(__file__).resolve().parents[1]
CHAPTER = ROOT / "chapters" / "09_autodiff.ipynb"
GUARD = "09-torch-cell"  # the cell id of the guarded import


def _code_cells():
    return [c for c in nbformat.read(CHAPTER, as_version=4).cells if c.cell_type == "code"]


def _without_torch(source: str) -> subprocess.CompletedProcess:
    """Run ``source`` in a fresh interpreter in which ``import torch`` fails (as where it is not installed)."""
    hide = "import sys\nsys.modules['torch'] = None  # import torch now raises ImportError\n"
    return subprocess.run([sys.executable, "-c", hide + source], capture_output=True, text=True, timeout=120)


def test_without_torch_the_cell_prints_one_line_and_the_later_cells_skip():
    cells = _code_cells()
    start = next(i for i, c in enumerate(cells) if c.get("id") == GUARD)
    later = [c.source for c in cells[start + 1 :] if "torch" in c.source]
    run = _without_torch("\n".join([cells[start].source, *later]))
    assert run.returncode == 0, run.stderr
    assert run.stderr == ""
    lines = run.stdout.splitlines()
    assert len(lines) == 1 and "PyTorch is not installed" in lines[0], run.stdout


def test_only_the_guarded_cells_use_torch():
    # the guard cell imports it; a later cell that uses it runs only when the import worked
    for cell in _code_cells():
        if "torch" in cell.source and cell.get("id") != GUARD:
            assert cell.source.startswith("if torch is not None:"), cell.source[:200]


def test_with_torch_the_stored_output_shows_the_chain_and_the_bound():
    (cell,) = [c for c in _code_cells() if c.get("id") == GUARD]
    text = "".join(out.get("text", "") for out in cell.outputs)
    assert "MmBackward0" in text and "AccumulateGrad" in text, text
    assert "largest difference over all 17 derivatives: below 1e-12" in text, text
