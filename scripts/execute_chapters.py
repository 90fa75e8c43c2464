"""Re-execute chapters top to bottom and save them with their outputs (the nbval baseline).

    .venv/bin/python scripts/execute_chapters.py                 # every chapter, 2 at a time
    .venv/bin/python scripts/execute_chapters.py 03_cost 06      # chapters whose names start so
    make notebooks [CHAPTERS="03 06"]                            # the same
    .venv/bin/python scripts/execute_chapters.py --tidy-only 06  # only the tidying below, no new run

Stored outputs are the regression baseline that the tests compare with (strict nbval comparison,
tests/test_notebook_outputs.py), so they must come from a real run: this is the one way chapters are
saved. Widgets run in live mode (as a reader in Jupyter sees them). The saved notebook is what a
reader opens in JupyterLab, so:

* no timestamps and no widget state (a re-run changes only what really changed; no repo bloat);
* the kernelspec JupyterLab writes, so that opening a chapter does not mark it modified;
* a widget cell's stored output is a short note, "▶ Run this cell for the interactive figure",
  instead of the widget's view (which shows "Error displaying widget: model not found" or the
  widget's repr before the kernel runs); those cells are tagged nbval-ignore-output, and the HTML
  book executes them again (static widgets);
* each figure's alt text is copied from the drawing's output (its text/plain repr is
  "Figure: " + the full alt text) into the cell metadata `mystnb.image.alt`, which myst-nb puts on
  the <img>: alt texts are never typed by hand (tests/test_prose.py checks they agree).
"""

from __future__ import annotations

import os
import sys
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import nbformat
from nbclient import NotebookClient

CHAPTERS = Path(__file__).resolve().parents[1] / "chapters"
KERNELSPEC = {"display_name": "Python 3 (ipykernel)", "language": "python", "name": "python3"}
WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"
WIDGET_NOTE_TEXT = "▶ Run this cell for the interactive figure."
WIDGET_NOTE_HTML = ('<p class="bp-widget-note"><strong>▶ Run this cell</strong> for the interactive figure '
                    '(or <em>Run All</em>): its controls then redraw it live.</p>')
FIGURE_REPR = "Figure: "  # backprop's Drawing.__repr__: "Figure: " + the full alt text


def widget_note() -> nbformat.NotebookNode:
    return nbformat.v4.new_output("display_data", data={"text/plain": WIDGET_NOTE_TEXT,
                                                        "text/html": WIDGET_NOTE_HTML})


def _text(value) -> str:
    return value if isinstance(value, str) else "".join(value)


def tidy(nb: nbformat.NotebookNode) -> nbformat.NotebookNode:
    """What a saved chapter holds besides the run itself (see the module docstring)."""
    nb.metadata.pop("widgets", None)
    nb.metadata["kernelspec"] = dict(KERNELSPEC)
    for cell in nb.cells:
        if cell.cell_type != "code":
            continue
        outputs, noted = [], False
        for out in cell.get("outputs", []):
            if WIDGET_VIEW in out.get("data", {}):
                if not noted:
                    outputs.append(widget_note())
                    noted = True
                continue
            outputs.append(out)
        cell.outputs = outputs
        alts = [_text(out["data"]["text/plain"])[len(FIGURE_REPR):] for out in outputs
                if "image/png" in out.get("data", {})
                and _text(out["data"].get("text/plain", "")).startswith(FIGURE_REPR)]
        if len(alts) == 1:
            cell.metadata.setdefault("mystnb", {}).setdefault("image", {})["alt"] = alts[0]
        elif len(alts) > 1:
            print(f"execute_chapters: a cell shows {len(alts)} figures; they would share one alt text "
                  f"(split the cell): {cell.get('id')}", file=sys.stderr)
    return nb


def execute(path: Path) -> str:
    start = time.perf_counter()
    nb = nbformat.read(path, as_version=4)
    env = dict(os.environ)
    env.pop("BACKPROP_WIDGETS", None)
    client = NotebookClient(nb, timeout=300, kernel_name="python3", resources={"metadata": {"path": str(CHAPTERS)}},
                            record_timing=False,  # no timestamps: a re-run changes only what really changed
                            store_widget_state=False)  # the book re-executes; live widget images would bloat the repo
    client.execute(env=env)
    nbformat.write(tidy(nb), path)
    return f"{path.name}: {time.perf_counter() - start:.1f} s"


def tidy_only(path: Path) -> str:
    nbformat.write(tidy(nbformat.read(path, as_version=4)), path)
    return f"{path.name}: tidied"


def main(prefixes):
    run = execute
    if prefixes[:1] == ["--tidy-only"]:
        run, prefixes = tidy_only, prefixes[1:]
    paths = sorted(p for p in CHAPTERS.glob("*.ipynb") if not prefixes or any(p.name.startswith(x) for x in prefixes))
    if not paths:
        sys.exit(f"no chapter matches {prefixes}")
    with ProcessPoolExecutor(max_workers=2) as pool:
        for line in pool.map(run, paths):
            print(line, flush=True)


if __name__ == "__main__":
    main(sys.argv[1:])
