"""The book's execution cache: each chapter runs once per change, shared by the build and the tests.

    python -m scripts.exec_cache prepare    # what scripts/build_book.sh runs before jupyter-book

(run from the repository root, as a module, so that `_ext` and `scripts` import without any
`sys.path` edit; pytest finds them through `pythonpath` in pyproject.toml.)

The build (`execute_notebooks: cache` in _config.yml) takes every chapter's outputs from the
jupyter-cache in _build/.jupyter_cache, executing a chapter only when its code changed. The tests
(tests/test_notebook_outputs.py) compare those same executed notebooks with the stored outputs:
so a test run executes each chapter once, and `make book` after `make test` (or the reverse)
executes nothing.

jupyter-cache keys a notebook by its code cells only. The outputs also depend on the package and
the pinned environment, so `prepare`:

1. empties the cache when the digest of those inputs (src/, requirements*.txt, pyproject.toml)
   differs from the one the cache was filled with (a change in src/ that moves a number therefore
   re-executes every chapter, and the comparison sees the new number). The widget mode is not in
   the digest: `prepare` refuses to run unless BACKPROP_WIDGETS=static, so the cache only ever
   holds static-widget runs (scripts/build_book.sh sets it);
2. executes the chapters missing from the cache with jupyter-cache's documented Python API
   (`get_cache`, `add_nb_to_project`, `load_executor("local-parallel", cache).run_and_cache`):
   one process per core (two here; Sphinx would execute one at a time), the same executor
   settings myst-nb's cache mode uses (cwd: the notebook's folder; `timeout` and
   `allow_errors: false` from _config.yml). A chapter that fails is left out of the cache: the
   build then executes it itself and reports the error.
"""

from __future__ import annotations

import hashlib
import logging
import os
import shutil
import sys
import time
from pathlib import Path

import yaml

try:
    from _ext import book_toc
except ModuleNotFoundError:  # run as a file: sys.path[0] is scripts/, not the repository root
    sys.exit("exec_cache: run it from the repository root as a module: python -m scripts.exec_cache prepare")

ROOT = Path(__file__).resolve().parents[1]
CACHE = ROOT / "_build" / ".jupyter_cache"
STAMP = "backprop-inputs.sha256"


def toc_notebooks() -> list[Path]:
    """The book's notebooks, in reading order, from _toc.yml."""
    return book_toc.toc_notebooks(ROOT)


def inputs_digest() -> str:
    """Digest of everything besides a chapter's code that its outputs depend on (the widget mode is
    fixed: see the module docstring)."""
    h = hashlib.sha256()
    files = sorted((ROOT / "src").rglob("*.py"))
    files += sorted(ROOT.glob("requirements*.txt")) + [ROOT / "pyproject.toml"]
    for path in files:
        h.update(str(path.relative_to(ROOT)).encode() + b"\0" + path.read_bytes() + b"\0")
    return h.hexdigest()


def prepare() -> None:
    from jupyter_cache import get_cache
    from jupyter_cache.executors import load_executor

    if os.environ.get("BACKPROP_WIDGETS") != "static":
        sys.exit("exec_cache: the book's cache holds static-widget runs: set BACKPROP_WIDGETS=static")
    digest = inputs_digest()
    stamp = CACHE / STAMP
    if CACHE.exists() and (not stamp.is_file() or stamp.read_text().strip() != digest):
        print("exec_cache: src/ or the pins changed: emptying the execution cache")
        shutil.rmtree(CACHE)
    CACHE.mkdir(parents=True, exist_ok=True)
    cache = get_cache(str(CACHE))
    stamp.write_text(digest + "\n")

    config = yaml.safe_load((ROOT / "_config.yml").read_text(encoding="utf-8")).get("execute", {})
    uris = [str(path) for path in toc_notebooks()]
    for uri in uris:
        cache.add_nb_to_project(uri)
    missing = [record.uri for record in cache.list_unexecuted(filter_uris=uris)]
    if not missing:
        print("exec_cache: every chapter is in the cache; nothing to execute")
        return
    start = time.perf_counter()
    # jupyter-cache's executor logs a failure (with its error) as a warning; successes are printed below
    logger = logging.getLogger("exec_cache")
    logger.setLevel(logging.WARNING)
    logging.basicConfig(format="exec_cache: %(message)s")
    print(f"exec_cache: executing {len(missing)} chapter(s), one per core")
    executor = load_executor("local-parallel", cache, logger=logger)
    result = executor.run_and_cache(
        filter_uris=missing,
        timeout=int(config.get("timeout", 120)),
        allow_errors=bool(config.get("allow_errors", False)),
    )
    for uri in result.succeeded:
        record = cache.get_cached_project_nb(uri)
        seconds = record.data.get("execution_seconds") if record is not None else None
        print(f"exec_cache: executed {Path(uri).name}" + (f" in {seconds:.1f} s" if seconds else ""))
    for uri in result.excepted + result.errored:
        print(f"exec_cache: {Path(uri).name} failed; the build will execute it again and report the error")
    print(f"exec_cache: {len(missing)} chapter(s) executed in {time.perf_counter() - start:.1f} s")


def executed(path: Path):
    """The cached executed version of the notebook at ``path`` (KeyError if it is not cached)."""
    from jupyter_cache import get_cache
    import nbformat

    if not (CACHE / STAMP).is_file():
        raise KeyError(f"no execution cache at {CACHE}")
    cache = get_cache(str(CACHE))
    record = cache.match_cache_notebook(nbformat.read(path, as_version=4))
    return cache.get_cache_bundle(record.pk).nb


if __name__ == "__main__":
    if sys.argv[1:] != ["prepare"]:
        sys.exit(__doc__)
    prepare()
