"""The book's execution cache: each chapter runs once per change, shared by the build and the tests.

    python scripts/exec_cache.py prepare    # what scripts/build_book.sh runs before jupyter-book

The build (`execute_notebooks: cache` in _config.yml) takes every chapter's outputs from the
jupyter-cache in _build/.jupyter_cache, executing a chapter only when its code changed. The tests
(tests/test_notebook_outputs.py) compare those same executed notebooks with the stored outputs,
strictly, with nbval's comparison: so a test run executes each chapter once, and `make book`
after `make test` (or the reverse) executes nothing.

jupyter-cache keys a notebook by its code cells only. The outputs also depend on the package, the
pinned environment and the widget mode, so `prepare`:

1. empties the cache when the digest of those inputs (src/, requirements*.txt, pyproject.toml)
   differs from the one the cache was filled with (a change in src/ that moves a
   number therefore re-executes every chapter, and the comparison sees the new number);
2. executes the chapters missing from the cache, two at a time (the machine has 2 cores; Sphinx
   executes one at a time), with the same call and settings myst-nb uses, and caches them.
   A chapter that fails is left out: the build then executes it itself and reports the error.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import sys
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "_ext"))
import book_toc  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
CACHE = ROOT / "_build" / ".jupyter_cache"
STAMP = "backprop-inputs.sha256"


def toc_notebooks() -> list[Path]:
    """The book's notebooks, in reading order, from _toc.yml."""
    return book_toc.toc_notebooks(ROOT)


def inputs_digest() -> str:
    """Digest of everything besides a chapter's code that its outputs depend on."""
    h = hashlib.sha256()
    files = sorted((ROOT / "src").rglob("*.py"))
    files += sorted(ROOT.glob("requirements*.txt")) + [ROOT / "pyproject.toml"]
    for path in files:
        h.update(str(path.relative_to(ROOT)).encode() + b"\0" + path.read_bytes() + b"\0")
    return h.hexdigest()


def _execute(path: str, timeout: int):
    """Execute one notebook exactly as myst-nb's cache mode does (run_in_temp: false)."""
    import nbformat
    from jupyter_cache.executors.utils import single_nb_execution

    nb = nbformat.read(path, as_version=4)
    result = single_nb_execution(nb, cwd=str(Path(path).parent), allow_errors=False,
                                 timeout=timeout, meta_override=True)
    if result.err is not None:
        return path, None, result.time, f"{type(result.err).__name__}"
    return path, nbformat.writes(nb), result.time, None


def prepare() -> None:
    from jupyter_cache import get_cache
    from jupyter_cache.base import CacheBundleIn
    import nbformat

    if os.environ.get("BACKPROP_WIDGETS") != "static":
        sys.exit("exec_cache: the book's cache holds static-widget runs: set BACKPROP_WIDGETS=static")
    digest = inputs_digest()
    stamp = CACHE / STAMP
    if CACHE.exists() and (not stamp.is_file() or stamp.read_text().strip() != digest):
        print("exec_cache: src/, the pins or the widget mode changed: emptying the execution cache")
        shutil.rmtree(CACHE)
    CACHE.mkdir(parents=True, exist_ok=True)
    cache = get_cache(str(CACHE))
    stamp.write_text(digest + "\n")

    config = yaml.safe_load((ROOT / "_config.yml").read_text(encoding="utf-8")).get("execute", {})
    timeout = int(config.get("timeout", 120))
    missing = []
    for path in toc_notebooks():
        try:
            cache.match_cache_notebook(nbformat.read(path, as_version=4))
        except KeyError:
            missing.append(str(path))
    if not missing:
        print("exec_cache: every chapter is in the cache; nothing to execute")
        return
    start = time.perf_counter()
    with ProcessPoolExecutor(max_workers=2) as pool:
        for path, text, seconds, err in pool.map(_execute, missing, [timeout] * len(missing)):
            name = Path(path).name
            if err:
                print(f"exec_cache: {name} failed ({err}); the build will report it")
                continue
            record = cache.add_nb_to_project(path)
            cache.cache_notebook_bundle(CacheBundleIn(nbformat.reads(text, 4), record.uri,
                                                      data={"execution_seconds": seconds}),
                                        check_validity=False, overwrite=True)
            print(f"exec_cache: executed {name} in {seconds:.1f} s")
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
