"""Every chapter's stored outputs passed the cross-processor check of `make notebooks`.

scripts/execute_chapters.py saves a chapter, runs it again under settings that make this machine compute as
another processor would (other OpenBLAS kernels, NumPy's SIMD paths off, one BLAS thread), and stamps the
chapter with a digest of its outputs only if nothing moved. Outputs saved any other way, or saved while some
output still depended on the processor, have no matching stamp, and this test says which chapter to fix.
"""

from pathlib import Path

import nbformat
import pytest

from execute_chapters import outputs_digest

CHAPTERS = sorted((Path(__file__).resolve().parents[1] / "chapters").glob("*.ipynb"))


@pytest.mark.parametrize("path", CHAPTERS, ids=lambda p: p.name)
def test_outputs_passed_the_cross_processor_check(path):
    nb = nbformat.read(path, as_version=4)
    stamp = nb.metadata.get("backprop", {}).get("portable")
    assert stamp is not None, (
        f"{path.name} has no portability stamp: some output moved under another processor's settings when it "
        f"was saved, or it was saved without `make notebooks CHAPTERS={path.name[:2]}` (which checks that)"
    )
    assert stamp == outputs_digest(nb), (
        f"{path.name}: its outputs or code changed after the cross-processor check; save it with "
        f"`make notebooks CHAPTERS={path.name[:2]}`"
    )


def test_the_digest_sees_a_changed_output():
    nb = nbformat.read(CHAPTERS[0], as_version=4)
    before = outputs_digest(nb)
    cell = next(c for c in nb.cells if c.cell_type == "code" and c.get("outputs"))
    cell.outputs.append(nbformat.v4.new_output("stream", name="stdout", text="1e-16\n"))
    assert outputs_digest(nb) != before
