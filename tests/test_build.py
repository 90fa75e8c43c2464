"""Static checks of the book's skeleton and offline configuration (no build, no browser)."""

from __future__ import annotations

import json
import re
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent

CHAPTERS = [
    "chapters/00_introduction",
    "chapters/01_notation",
    "chapters/02_forward_propagation",
    "chapters/03_cost",
    "chapters/04_gradient_descent",
    "chapters/05_chain_rule",
    "chapters/06_four_equations",
    "chapters/07_proofs",
    "chapters/08_backprop_in_practice",
    "chapters/11_simplex_radius",
    "chapters/bibliography",
]


def _config():
    return yaml.safe_load((ROOT / "_config.yml").read_text(encoding="utf-8"))


def test_toc_lists_the_chapters_in_order_and_they_exist():
    toc = yaml.safe_load((ROOT / "_toc.yml").read_text(encoding="utf-8"))
    assert toc["format"] == "jb-book"
    docs = [toc["root"]] + [c["file"] for c in toc["chapters"]]
    assert docs == CHAPTERS
    for doc in docs:
        assert (ROOT / f"{doc}.ipynb").is_file() or (ROOT / f"{doc}.md").is_file(), doc


def test_chapter_notebooks_use_the_python3_kernel():
    for doc in CHAPTERS[:-1]:
        nb = json.loads((ROOT / f"{doc}.ipynb").read_text(encoding="utf-8"))
        assert nb["nbformat"] == 4
        assert nb["metadata"]["kernelspec"]["name"] == "python3", doc


def test_build_fails_on_errors_and_reexecutes_everything():
    cfg = _config()
    assert cfg["only_build_toc_files"] is True
    ex = cfg["execute"]
    assert ex["execute_notebooks"] == "force"
    assert ex["allow_errors"] is False and ex["raise_on_error"] is True
    exts = cfg["parse"]["myst_enable_extensions"]
    assert {"amsmath", "dollarmath"} <= set(exts)
    script = (ROOT / "scripts" / "build_book.sh").read_text(encoding="utf-8")
    assert "-W" in script and "--keep-going" in script and "--all" in script
    assert "BACKPROP_WIDGETS=static" in script


def test_references_are_in_the_bibliography():
    bib = (ROOT / "references.bib").read_text(encoding="utf-8")
    keys = set(re.findall(r"@\w+\{([^,]+),", bib))
    assert {"nielsen2015", "rumelhart1986", "goodfellow2016", "prince2023", "gustavson2005", "perlin2001"} <= keys
    assert _config()["bibtex_bibfiles"] == ["references.bib"]
    assert "{bibliography}" in (ROOT / "chapters" / "bibliography.md").read_text(encoding="utf-8")


def test_assets_are_configured_local():
    sphinx = _config()["sphinx"]["config"]
    assert "://" not in sphinx["mathjax_path"]
    assert sphinx["nb_ipywidgets_js"], "nb_ipywidgets_js must replace myst-nb's CDN default"
    assert all("://" not in url for url in sphinx["nb_ipywidgets_js"])
    assert "vendor" in sphinx["html_extra_path"]
    pkg = json.loads((ROOT / "package.json").read_text(encoding="utf-8"))["dependencies"]
    assert pkg["mathjax"].startswith("3.")
    assert pkg["@jupyter-widgets/html-manager"].startswith("1.0.")
    lock = json.loads((ROOT / "package-lock.json").read_text(encoding="utf-8"))
    assert lock["packages"]["node_modules/mathjax"]["version"] == pkg["mathjax"]


def test_no_cdn_reference_in_built_pages_if_built():
    """Cheap textual check of an existing build (the browser tests check the requests)."""
    html = ROOT / "_build" / "html"
    if not (html / "index.html").is_file():
        return  # nothing built: the browser tests report that loudly
    offenders = []
    pattern = re.compile(r'<(?:script|link)[^>]+(?:src|href)="(https?:)?//[^"]+"')
    for page in html.rglob("*.html"):
        for m in pattern.finditer(page.read_text(encoding="utf-8", errors="replace")):
            if 'rel="canonical"' in m.group(0):
                continue
            offenders.append(f"{page.relative_to(html)}: {m.group(0)[:120]}")
    assert not offenders, offenders[:10]


def test_a_failing_cell_fails_the_build(tmp_path):
    """Build a one-page book with this project's execution settings and a cell that raises: it must fail.

    (By default Jupyter Book only warns about a failing cell and exits 0; this checks that our settings and
    the -W flag of scripts/build_book.sh really turn it into a failed build.)
    """
    import subprocess
    import sys

    import nbformat
    import yaml

    cfg = {"title": "t", "only_build_toc_files": True, "execute": _config()["execute"],
           "parse": _config()["parse"]}
    (tmp_path / "_config.yml").write_text(yaml.safe_dump(cfg))
    (tmp_path / "_toc.yml").write_text("format: jb-book\nroot: page\n")
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_markdown_cell("# Page"),
                                         nbformat.v4.new_code_cell("raise RuntimeError('boom')")])
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    nbformat.write(nb, tmp_path / "page.ipynb")
    jupyter_book = "import sys; from jupyter_book.cli.main import main; sys.argv[0] = 'jupyter-book'; main()"
    run = subprocess.run([sys.executable, "-c", jupyter_book, "build", str(tmp_path), "-W", "--keep-going", "--all"],
                         capture_output=True, text=True, timeout=300)
    assert run.returncode != 0, run.stdout[-2000:]
    assert "boom" in run.stdout + run.stderr
