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
  unless the widget carries its own HTML (a self-check question), which is kept without the view;
  instead of the widget's view (which shows "Error displaying widget: model not found" or the
  widget's repr before the kernel runs); those cells are tagged nbval-ignore-output, and the HTML
  book executes them again (static widgets);
* each figure's alt text is copied from the drawing's output (its text/plain repr is
  "Figure: " + the full alt text) into the cell metadata `mystnb.image.alt`, which myst-nb puts on
  the <img>: alt texts are never typed by hand (tests/test_prose.py checks they agree).

Then the saved chapters are run once more, by nbval's own command line, under settings that make this
machine compute as another processor would (see `other_processors`): other OpenBLAS kernels, NumPy's SIMD
paths switched off, one BLAS thread. The stored outputs are everyone's baseline, on every machine, so an
output that moves there (a relative error at rounding level, a chaotic training run) is reported and the
chapter is left without its stamp. A chapter that passes gets the stamp `metadata.backprop.portable`, a
digest of its outputs; tests/test_portable.py fails for any chapter whose outputs do not match their stamp,
so `make test` catches outputs saved without this check. Why a second run and not a perturbation test:
it checks every output of every chapter, with no list of "sensitive" cells to keep up to date, for about
35 s per setting. The settings are used here only, never in the tests or CI: there the machine's own
kernels are what must reproduce the stored outputs.
"""

from __future__ import annotations

import hashlib
import json
import os
import platform
import subprocess
import sys
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import nbformat
from jupyter_client.manager import KernelManager
from nbclient import NotebookClient

ROOT = Path(__file__).resolve().parents[1]
CHAPTERS = ROOT / "chapters"
KERNELSPEC = {"display_name": "Python 3 (ipykernel)", "language": "python", "name": "python3"}
WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"
WIDGET_NOTE_TEXT = "▶ Run this cell for the interactive figure."
WIDGET_NOTE_HTML = (
    '<p class="bp-widget-note"><strong>▶ Run this cell</strong> for the interactive figure '
    "(or <em>Run All</em>): its controls then redraw it live.</p>"
)
FIGURE_REPR = "Figure: "  # backprop's Drawing.__repr__: "Figure: " + the full alt text


def widget_note() -> nbformat.NotebookNode:
    return nbformat.v4.new_output("display_data", data={"text/plain": WIDGET_NOTE_TEXT, "text/html": WIDGET_NOTE_HTML})


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
            if WIDGET_VIEW in out.get("data", {}) and "text/html" in out["data"]:
                # a widget that also carries its own HTML (a self-check question: backprop.selfcheck):
                # the HTML and text are what a reader sees before the kernel runs, so they stay
                del out["data"][WIDGET_VIEW]
            elif WIDGET_VIEW in out.get("data", {}):
                if not noted:
                    outputs.append(widget_note())
                    noted = True
                continue
            if outputs and out.output_type == "stream" and outputs[-1].get("output_type") == "stream":
                if outputs[-1].name == out.name:
                    # one stream output per run of prints: how the kernel split it into messages depends
                    # on timing, and a re-run would otherwise change the file (and its stamp) for nothing
                    outputs[-1].text = _text(outputs[-1].text) + _text(out.text)
                    continue
            outputs.append(out)
        cell.outputs = outputs
        alts = [
            _text(out["data"]["text/plain"])[len(FIGURE_REPR) :]
            for out in outputs
            if "image/png" in out.get("data", {}) and _text(out["data"].get("text/plain", "")).startswith(FIGURE_REPR)
        ]
        if len(alts) == 1:
            cell.metadata.setdefault("mystnb", {}).setdefault("image", {})["alt"] = alts[0]
        elif len(alts) > 1:
            print(
                f"execute_chapters: a cell shows {len(alts)} figures; they would share one alt text "
                f"(split the cell): {cell.get('id')}",
                file=sys.stderr,
            )
    return nb


def execute(path: Path) -> str:
    start = time.perf_counter()
    nb = nbformat.read(path, as_version=4)
    env = dict(os.environ)
    env.pop("BACKPROP_WIDGETS", None)
    # CurveZMQ-encrypted kernel channels (jupyter_client's public `transport_encryption`): the kernel then
    # does not log "Kernel is running over TCP without encryption" at every start. We own this kernel
    # manager, so we shut its kernel down.
    km = KernelManager(kernel_name="python3", transport_encryption="required")
    client = NotebookClient(
        nb,
        km=km,
        timeout=300,
        resources={"metadata": {"path": str(CHAPTERS)}},
        record_timing=False,  # no timestamps: a re-run changes only what really changed
        store_widget_state=False,
    )  # the book re-executes; live widget images would bloat the repo
    try:
        client.execute(env=env)
    finally:
        if km.has_kernel:
            km.shutdown_kernel()
    nbformat.write(tidy(nb), path)
    return f"{path.name}: {time.perf_counter() - start:.1f} s"


def tidy_only(path: Path) -> str:
    nbformat.write(tidy(nbformat.read(path, as_version=4)), path)
    return f"{path.name}: tidied"


def outputs_digest(nb: nbformat.NotebookNode) -> str:
    """Digest of a notebook's code and outputs: what the stamp `metadata.backprop.portable` vouches for."""
    cells = [[c.source, c.get("outputs", [])] for c in nb.cells if c.cell_type == "code"]
    return hashlib.sha256(json.dumps(cells, sort_keys=True, ensure_ascii=True).encode()).hexdigest()


def other_processors() -> list[tuple[str, dict]]:
    """Settings under which this machine computes as another processor would, as (name, environment).

    On x86-64 with AVX-512: OpenBLAS's Haswell kernels and NumPy without its AVX-512 paths (an AVX2
    machine). With AVX2: OpenBLAS's Sandybridge kernels, NumPy with no SIMD paths beyond its baseline, and
    one BLAS thread (an older machine, or a CI runner with one core). Elsewhere (arm64): one BLAS thread and
    NumPy's baseline only; no other kernels can be simulated there. Asking OpenBLAS for kernels the
    processor lacks would crash, so only older ones are chosen.
    """
    import numpy as np

    found = np.show_config(mode="dicts")["SIMD Extensions"]["found"]
    flags = set()
    if Path("/proc/cpuinfo").is_file():
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("flags"):
                flags = set(line.split(":", 1)[1].split())
                break
    settings = []
    if platform.machine() in ("x86_64", "AMD64") and "avx512f" in flags:
        beyond_v3 = [f for f in found if f != "X86_V3"]
        settings.append(
            (
                "Haswell kernels, no AVX-512",
                {"OPENBLAS_CORETYPE": "Haswell", "NPY_DISABLE_CPU_FEATURES": " ".join(beyond_v3)},
            )
        )
    if platform.machine() in ("x86_64", "AMD64") and "avx2" in flags:
        settings.append(
            (
                "Sandybridge kernels, no SIMD paths, 1 thread",
                {
                    "OPENBLAS_CORETYPE": "Sandybridge",
                    "NPY_DISABLE_CPU_FEATURES": " ".join(found),
                    "OPENBLAS_NUM_THREADS": "1",
                },
            )
        )
    if not settings:
        settings.append(
            ("no SIMD paths, 1 thread", {"NPY_DISABLE_CPU_FEATURES": " ".join(found), "OPENBLAS_NUM_THREADS": "1"})
        )
    return settings


def check_portable(paths: list[Path]) -> bool:
    """Run the saved chapters under every `other_processors` setting with nbval; stamp those that pass."""
    try:
        import xdist  # noqa: F401  (two chapters at a time when pytest-xdist is installed)

        parallel = ["-n", "2", "--dist", "loadfile"] if len(paths) > 1 else []
    except ImportError:
        parallel = []
    failed: set[Path] = set()
    for name, settings in other_processors():
        env = {k: v for k, v in os.environ.items() if k != "BACKPROP_WIDGETS"}
        env.update(settings)
        shown = " ".join(f"{k}={v!r}" for k, v in settings.items())
        print(f"execute_chapters: the same chapters as on another processor ({name}: {shown}) ...", flush=True)
        start = time.perf_counter()
        run = subprocess.run(
            [
                sys.executable,
                "-m",
                "pytest",
                "-p",
                "no:cacheprovider",
                "-q",
                *parallel,
                "--color=no",
                "--nbval",
                "--nbval-current-env",
                "--nbval-sanitize-with",
                str(ROOT / "nbval_sanitize.cfg"),
                *map(str, paths),
            ],
            cwd=ROOT,
            env=env,
            capture_output=True,
            text=True,
        )
        failures = [line for line in run.stdout.splitlines() if line.startswith("FAILED ")]
        moved = {p for p in paths if any(line.startswith(f"FAILED {p.relative_to(ROOT)}::") for line in failures)}
        if run.returncode != 0:
            print(run.stdout[-20000:], run.stderr[-3000:], sep="\n", file=sys.stderr)
            print(
                f"execute_chapters: outputs MOVED under {name} in: "
                f"{', '.join(p.name for p in sorted(moved)) or '(see the report above)'}.\n"
                "  Show what sits at rounding level as a bound (backprop.claims.below) or stable digits, and "
                "report robust statistics for chaotic runs; see docs/architecture.md.",
                file=sys.stderr,
            )
            failed |= moved or set(paths)
        print(
            f"execute_chapters: {name}: {'differences found' if run.returncode else 'identical'} "
            f"({time.perf_counter() - start:.0f} s)",
            flush=True,
        )
    for path in paths:
        nb = nbformat.read(path, as_version=4)
        meta = nb.metadata.setdefault("backprop", {})
        if path in failed:
            meta.pop("portable", None)
        else:
            meta["portable"] = outputs_digest(nb)
        nbformat.write(nb, path)
    return not failed


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
    if run is execute and not check_portable(paths):
        sys.exit(
            "execute_chapters: saved, but some outputs depend on the processor (see above); "
            "those chapters carry no portability stamp, so the tests fail until they are fixed"
        )


if __name__ == "__main__":
    main(sys.argv[1:])
