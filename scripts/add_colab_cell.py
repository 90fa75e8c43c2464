#!/usr/bin/env python3
"""Insert (or update) the Colab install cell as the first code cell of every chapter notebook.

The book's "launch in Colab" button opens a chapter notebook alone on Google Colab, where the
``backprop`` package is not installed. The first code cell of every chapter therefore installs it
from the book's repository, on Colab only (elsewhere it does nothing and prints nothing, so strict
nbval and the book are unaffected), and turns on Colab's manager for ipywidgets 8. It is tagged
``remove-cell``: the book does not show it.

The repository URL is derived as for the launch buttons (``_ext/book_theme.py``: the environment
variable BACKPROP_REPOSITORY_URL, GITHUB_REPOSITORY on GitHub Actions, ``git remote get-url origin``,
else ``repository: url:`` of _config.yml); the branch is ``repository: branch:`` of _config.yml.

Idempotent: the cell is found by its id ``colab-install`` (or its first line), rewritten only when its
text changed, and moved in front of the first other code cell if it is elsewhere.

    .venv/bin/python -m scripts.add_colab_cell                 # every chapter in _toc.yml
    .venv/bin/python -m scripts.add_colab_cell 06 07           # chapters by file-name prefix
    .venv/bin/python -m scripts.add_colab_cell --check         # exit 1 if a chapter is not up to date
    .venv/bin/python -m scripts.add_colab_cell --url https://github.com/me/book --branch dev

(from the repository root, as a module: `_ext` then imports without a `sys.path` edit.)

Afterwards re-execute the chapters (scripts/execute_chapters.py) so the stored outputs stay complete.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import nbformat
import yaml

try:
    from _ext.book_theme import repository_url
    from _ext.book_toc import toc_notebooks
except ModuleNotFoundError:  # run as a file: sys.path[0] is scripts/, not the repository root
    sys.exit("add_colab_cell: run it from the repository root as a module: python -m scripts.add_colab_cell")

ROOT = Path(__file__).resolve().parent.parent

CELL_ID = "colab-install"
MARKER = "# Colab only: install the book's package"
TEMPLATE = """\
{marker} (hidden in the book).
import sys

if "google.colab" in sys.modules:
    import subprocess

    from google.colab import output

    repo = "{url}"
    subprocess.run([sys.executable, "-m", "pip", "install", "-q",
                    f"backprop @ git+{{repo}}@{branch}"], check=True)
    output.enable_custom_widget_manager()
"""


def cell_source(url: str, branch: str) -> str:
    src = TEMPLATE.format(marker=MARKER, url=url.rstrip("/"), branch=branch).rstrip("\n")
    too_long = [line for line in src.splitlines() if len(line) > 79]
    if too_long:  # the chapters' code is checked at 79 columns (ruff)
        print(
            f"add_colab_cell: warning: a line of the install cell exceeds 79 columns: {too_long[0]!r}", file=sys.stderr
        )
    return src


def chapter_paths(prefixes: list[str]) -> list[Path]:
    paths = toc_notebooks(ROOT)
    if prefixes:
        paths = [p for p in paths if any(p.name.startswith(x) for x in prefixes)]
        if not paths:
            raise SystemExit(f"add_colab_cell: no chapter notebook starts with {prefixes}")
    return paths


def _is_install_cell(cell) -> bool:
    return cell.get("id") == CELL_ID or (cell.cell_type == "code" and "".join(cell.source).lstrip().startswith(MARKER))


def update(nb, source: str) -> bool:
    """Put the install cell with ``source`` first among the code cells; True if ``nb`` changed."""
    cells = nb.cells
    found = [i for i, c in enumerate(cells) if _is_install_cell(c)]
    changed = len(found) > 1
    cell = cells[found[0]] if found else None
    for i in reversed(found):
        del cells[i]
    if cell is None:
        cell = nbformat.v4.new_code_cell(source=source, metadata={"tags": ["remove-cell"]})
        cell["id"] = CELL_ID
        changed = True
    if cell.source != source:
        cell.source = source
        cell.outputs = []
        cell.execution_count = None
        changed = True
    tags = cell.metadata.setdefault("tags", [])
    if "remove-cell" not in tags:
        tags.append("remove-cell")
        changed = True
    first_code = next((i for i, c in enumerate(cells) if c.cell_type == "code"), len(cells))
    if found and found[0] != first_code and not changed:
        changed = True  # it was not first among the code cells: moved
    cells.insert(first_code, cell)
    return changed


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("chapters", nargs="*", help="file-name prefixes (default: every chapter in _toc.yml)")
    ap.add_argument("--url", help="repository URL (default: derived like the launch buttons)")
    ap.add_argument("--branch", help="branch (default: repository.branch of _config.yml)")
    ap.add_argument("--check", action="store_true", help="change nothing; exit 1 if a chapter is not up to date")
    args = ap.parse_args()

    cfg = yaml.safe_load((ROOT / "_config.yml").read_text(encoding="utf-8"))
    url, origin = (args.url, "--url") if args.url else repository_url(ROOT)
    if not url:
        raise SystemExit("add_colab_cell: no repository URL (set repository.url in _config.yml or pass --url)")
    branch = args.branch or (cfg.get("repository") or {}).get("branch") or "main"
    source = cell_source(url, branch)
    print(f"add_colab_cell: {url}@{branch} (from {origin})")

    stale = []
    for path in chapter_paths(args.chapters):
        nb = nbformat.read(path, as_version=4)
        if not update(nb, source):
            print(f"  {path.name}: up to date")
            continue
        stale.append(path.name)
        if args.check:
            print(f"  {path.name}: needs the install cell")
            continue
        nbformat.validate(nb)
        nbformat.write(nb, path)
        print(f"  {path.name}: install cell written")
    if args.check and stale:
        sys.exit(1)
    if stale and not args.check:
        print("add_colab_cell: now re-execute those chapters: .venv/bin/python scripts/execute_chapters.py <prefix>")


if __name__ == "__main__":
    main()
