"""Re-execute chapters top to bottom and save them with their outputs (the nbval baseline).

    .venv/bin/python scripts/execute_chapters.py                 # every chapter, 2 at a time
    .venv/bin/python scripts/execute_chapters.py 03_cost 06      # chapters whose names start so

Stored outputs are the regression baseline that CI compares with (strict nbval), so they must come from a
real run: this is the one way chapters are saved. Widgets run in live mode (as a reader in Jupyter sees them).
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


def execute(path: Path) -> str:
    start = time.perf_counter()
    nb = nbformat.read(path, as_version=4)
    env = dict(os.environ)
    env.pop("BACKPROP_WIDGETS", None)
    client = NotebookClient(nb, timeout=300, kernel_name="python3", resources={"metadata": {"path": str(CHAPTERS)}},
                            record_timing=False,  # no timestamps: a re-run changes only what really changed
                            store_widget_state=False)  # the book re-executes; live widget images would bloat the repo
    client.execute(env=env)
    nb.metadata.pop("widgets", None)
    nbformat.write(nb, path)
    return f"{path.name}: {time.perf_counter() - start:.1f} s"


def main(prefixes):
    paths = sorted(p for p in CHAPTERS.glob("*.ipynb") if not prefixes or any(p.name.startswith(x) for x in prefixes))
    if not paths:
        sys.exit(f"no chapter matches {prefixes}")
    with ProcessPoolExecutor(max_workers=2) as pool:
        for line in pool.map(execute, paths):
            print(line, flush=True)


if __name__ == "__main__":
    main(sys.argv[1:])
