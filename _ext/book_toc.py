"""The book's documents in reading order, read from ``_toc.yml`` (one reader for scripts and tests)."""

from __future__ import annotations

from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent


def toc_docs(root: Path = ROOT) -> list[str]:
    """Document names (``chapters/06_four_equations``) in reading order: the root, then every
    ``file`` under ``chapters``, ``sections`` and ``parts``, depth first."""
    toc = yaml.safe_load((root / "_toc.yml").read_text(encoding="utf-8"))
    docs = [toc["root"]]

    def walk(entries):
        for entry in entries or []:
            if "file" in entry:
                docs.append(entry["file"])
            walk(entry.get("sections"))
            walk(entry.get("chapters"))
            for part in entry.get("parts") or []:
                walk(part.get("chapters"))

    walk(toc.get("chapters"))
    for part in toc.get("parts") or []:
        walk(part.get("chapters"))
    return docs


def toc_notebooks(root: Path = ROOT) -> list[Path]:
    """The book's notebooks (``.ipynb`` files that exist), in reading order."""
    return [root / f"{d}.ipynb" for d in toc_docs(root) if (root / f"{d}.ipynb").is_file()]
