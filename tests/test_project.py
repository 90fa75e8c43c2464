"""Project hygiene: one source of truth for dependencies, and chapters saved the way CI can check them."""

import json
import re
import tomllib
from pathlib import Path

import pytest
from packaging.requirements import Requirement
from packaging.version import Version

from exec_cache import toc_notebooks  # the chapter list, read from _toc.yml

ROOT = Path(__file__).resolve().parents[1]

CHAPTERS = toc_notebooks()


def _pins(path):
    pins = {}
    for line in (ROOT / path).read_text().splitlines():
        line = line.split("#")[0].strip()
        if not line or line.startswith("-"):
            continue
        req = Requirement(line)
        (spec,) = req.specifier
        assert spec.operator == "==", f"{path}: {line} is not pinned with =="
        pins[req.name.lower()] = Version(spec.version)
    return pins


def test_requirements_pin_what_pyproject_asks_for():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    pins = _pins("requirements.txt")
    deps = project["dependencies"] + [d for extra in project["optional-dependencies"].values() for d in extra]
    for dep in deps:
        req = Requirement(dep)
        assert req.name.lower() in pins, f"{req.name} is in pyproject.toml but not pinned in requirements.txt"
        pin = pins[req.name.lower()]
        assert pin in req.specifier, f"pin {pin} of {req.name} not in {req.specifier}"
    last = (ROOT / "requirements.txt").read_text().splitlines()[-1]
    assert "-e ." in last, "requirements.txt must end with -e ."


def test_binder_environment_is_lean_and_pinned_like_the_build():
    """binder/ (repo2docker reads it instead of the top-level files) holds only what a reader needs live."""
    binder = _pins("binder/requirements.txt")
    build = _pins("requirements.txt") | _pins("requirements-dev.txt")
    live = {"jupyterlab", "jupyterlab-myst", "ipywidgets", "numpy", "matplotlib", "sympy", "scikit-learn"}
    assert live <= set(binder)
    heavy = {
        "jupyter-book",
        "sphinx-proof",
        "sphinx-exercise",
        "sphinxcontrib-bibtex",
        "nbval",
        "pytest",
        "playwright",
        "hypothesis",
        "ruff",
        "torch",  # chapter 9's one PyTorch cell guards its import: Binder readers get a note instead
    }
    assert not heavy & set(binder), f"the Binder image needs no build or test tools: {heavy & set(binder)}"
    for name, version in binder.items():
        if name in build:
            assert version == build[name], f"binder pins {name}=={version}, the build {build[name]}"
    lines = (ROOT / "binder" / "requirements.txt").read_text().splitlines()
    assert any(line.split("#")[0].strip() == "-e ." for line in lines), "binder must install the package"
    assert (ROOT / "binder" / "runtime.txt").read_text() == (ROOT / "runtime.txt").read_text()


def test_torch_is_pinned_for_the_build_only():
    """PyTorch runs one guarded cell of chapter 9: pinned, CPU build, for the build and tests; the package
    itself does not need it (pyproject.toml), and neither does a Binder reader (checked above)."""
    pin = _pins("requirements.txt")["torch"]
    assert pin.local == "cpu", f"requirements.txt pins torch {pin}: the CPU build (+cpu) keeps CUDA out"
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    deps = project["dependencies"] + [d for extra in project["optional-dependencies"].values() for d in extra]
    assert "torch" not in {Requirement(d).name.lower() for d in deps}


def test_there_are_chapters():
    assert len(CHAPTERS) >= 10


@pytest.mark.parametrize("path", CHAPTERS, ids=lambda p: p.name)
def test_chapter_saved_with_outputs(path):
    nb = json.loads(path.read_text())
    assert nb["metadata"]["kernelspec"]["name"] == "python3"
    code = [c for c in nb["cells"] if c["cell_type"] == "code"]
    assert code, f"{path.name} has no code cell"
    unrun = [i for i, c in enumerate(code) if c.get("execution_count") is None]
    assert not unrun, f"{path.name}: code cells {unrun} were saved without being executed"
    counts = [c["execution_count"] for c in code]
    assert counts == list(range(1, len(code) + 1)), f"{path.name} was not saved from one top-to-bottom run: {counts}"
    assert sum(bool(c.get("outputs")) for c in code) >= len(code) // 2, f"{path.name}: most cells have no output"


@pytest.mark.parametrize("path", CHAPTERS, ids=lambda p: p.name)
def test_chapter_imports_the_package_and_defines_no_core_math(path):
    nb = json.loads(path.read_text())
    source = "\n".join("".join(c["source"]) for c in nb["cells"] if c["cell_type"] == "code")
    assert re.search(r"^\s*(from backprop|import backprop)", source, re.M), f"{path.name} does not import backprop"
    core = r"def\s+(sigmoid|tanh|relu|backprop|feedforward|forward|cost|bp[1-4]\w*|check_gradients|sgd)\b"
    assert not re.search(core, source), f"{path.name} defines core math inline; it belongs in src/backprop"


@pytest.mark.parametrize("path", CHAPTERS, ids=lambda p: p.name)
def test_chapter_saved_as_a_reader_opens_it(path):
    """Saved by scripts/execute_chapters.py: JupyterLab's kernelspec (opening it changes nothing), and
    widget cells show a "run this cell" note instead of a widget view that cannot display before Run All."""
    from execute_chapters import KERNELSPEC, WIDGET_VIEW

    nb = json.loads(path.read_text())
    assert nb["metadata"]["kernelspec"] == KERNELSPEC, f"{path.name}: re-save it with scripts/execute_chapters.py"
    views = [
        c.get("id")
        for c in nb["cells"]
        if c["cell_type"] == "code"
        for out in c.get("outputs", [])
        if WIDGET_VIEW in out.get("data", {})
    ]
    assert not views, f"{path.name}: widget views stored in cells {views}; re-save with scripts/execute_chapters.py"


def test_execute_chapters_tidies_what_it_saves():
    import nbformat
    from execute_chapters import KERNELSPEC, WIDGET_NOTE_TEXT, WIDGET_VIEW, tidy

    nb = nbformat.v4.new_notebook()
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    nb.metadata["widgets"] = {"state": {}}
    widget = nbformat.v4.new_code_cell("widgets.nudge_weight()", metadata={"tags": ["nbval-ignore-output"]})
    widget.outputs = [
        nbformat.v4.new_output(
            "display_data", data={WIDGET_VIEW: {"model_id": "abc"}, "text/plain": "BookWidget(children=(...))"}
        )
    ]
    figure = nbformat.v4.new_code_cell("fig")
    figure.outputs = [
        nbformat.v4.new_output(
            "display_data", data={"image/png": "iVBOR", "text/plain": "Figure: A neuron with z = -2.24, a = 0.10."}
        )
    ]
    printed = nbformat.v4.new_code_cell("for n in (2, 3, 4): print(n)")
    printed.outputs = [
        nbformat.v4.new_output("stream", name="stdout", text="2\n3\n"),
        nbformat.v4.new_output("stream", name="stdout", text="4\n"),  # the kernel's split: timing, not content
        nbformat.v4.new_output("stream", name="stderr", text="warning\n"),
    ]
    nb.cells = [widget, figure, printed]
    tidy(nb)
    assert [(o.name, o.text) for o in printed.outputs] == [("stdout", "2\n3\n4\n"), ("stderr", "warning\n")]
    assert nb.metadata["kernelspec"] == KERNELSPEC and "widgets" not in nb.metadata
    (note,) = widget.outputs
    assert note["data"]["text/plain"] == WIDGET_NOTE_TEXT and "Run this cell" in note["data"]["text/html"]
    assert figure.metadata["mystnb"]["image"]["alt"] == "A neuron with z = -2.24, a = 0.10."


def test_tests_need_no_path_edits():
    """Tests import scripts/, _ext/ and tests/browser/ through pytest's `pythonpath` (pyproject.toml): no test
    or extension edits sys.path or loads a module from a file path. (The scripts import _ext/ as a package:
    they run as `python -m scripts.NAME` from the repository root.)"""
    cfg = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["pytest"]["ini_options"]
    assert cfg["pythonpath"] == [".", "scripts", "tests/browser"]
    offenders = []
    for folder in ("tests", "_ext"):
        for path in sorted((ROOT / folder).rglob("*.py")):
            text = path.read_text(encoding="utf-8")
            for pattern in ("sys.path.insert", "sys.path.append", "spec_from_file_location"):
                if pattern in text and path.name != "test_project.py":
                    offenders.append(f"{path.relative_to(ROOT)}: {pattern}")
    assert not offenders, offenders


def test_module_names_are_unique_in_the_package():
    """One name, one module: a reader who sees `deep.py` or `network.py` in a traceback knows which one
    (issue 21 found three `network.py`, three `autodiff.py` and three `deep.py`)."""
    names = [p.name for p in (ROOT / "src" / "backprop").rglob("*.py") if p.name != "__init__.py"]
    assert sorted({n for n in names if names.count(n) > 1}) == []


def test_no_module_exceeds_400_lines():
    """The package is teaching material: a module a learner can read in one sitting (issue 21)."""
    long = {
        p.relative_to(ROOT).as_posix(): n
        for p in (ROOT / "src" / "backprop").rglob("*.py")
        if (n := len(p.read_text(encoding="utf-8").splitlines())) > 400
    }
    assert long == {}, f"split these along their concepts: {long}"
