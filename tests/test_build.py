"""Static checks of the book's skeleton and offline configuration (no build, no browser)."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
import yaml

from _ext import book_toc

ROOT = Path(__file__).resolve().parent.parent


def toc_docs() -> list[str]:
    """Documents of the book in reading order, read from _toc.yml (root first, then chapters/parts/sections)."""
    return book_toc.toc_docs(ROOT)


CHAPTERS = toc_docs()
NOTEBOOKS = [d for d in CHAPTERS if (ROOT / f"{d}.ipynb").is_file()]


def _config():
    return yaml.safe_load((ROOT / "_config.yml").read_text(encoding="utf-8"))


def test_toc_lists_the_chapters_in_order_and_they_exist():
    toc = yaml.safe_load((ROOT / "_toc.yml").read_text(encoding="utf-8"))
    assert toc["format"] == "jb-book"
    docs = CHAPTERS
    assert docs[0] == "chapters/00_introduction" and docs[-1] == "chapters/bibliography"
    assert len(docs) == len(set(docs)), "a document is listed twice"
    for doc in docs:
        assert (ROOT / f"{doc}.ipynb").is_file() or (ROOT / f"{doc}.md").is_file(), doc
    # files with a two-digit prefix come in reading order (01_notation ... 11_simplex_radius); the other
    # pages (notes on the post, about, bibliography) have none
    prefixes = [int(Path(d).name[:2]) for d in docs if Path(d).name[:2].isdigit()]
    assert prefixes == sorted(prefixes), prefixes
    # every chapter notebook in chapters/ is in the book (only_build_toc_files would silently drop it)
    on_disk = {f"chapters/{p.stem}" for p in (ROOT / "chapters").glob("[0-9][0-9]_*.ipynb")}
    assert on_disk <= set(docs), f"chapter notebooks missing from _toc.yml: {sorted(on_disk - set(docs))}"


def test_numbering_is_per_chapter():
    """Sphinx numbers the chapters; equations, figures, theorems and exercises get 6.4-style numbers."""
    toc = yaml.safe_load((ROOT / "_toc.yml").read_text(encoding="utf-8"))
    parts = toc["parts"]
    chapters = [c["file"] for c in parts[0]["chapters"]]
    assert parts[0].get("numbered") is True, "the chapters' part needs `numbered: true`"
    assert chapters[0] == "chapters/01_notation" and "chapters/bibliography" not in chapters
    (last,) = [p for p in parts if "chapters/bibliography" in [c["file"] for c in p["chapters"]]]
    assert last is parts[-1] and not last.get("numbered"), "the bibliography is in the last part, unnumbered"
    sphinx = _config()["sphinx"]["config"]
    assert sphinx.get("numfig", True) is True
    assert sphinx["numfig_secnum_depth"] == 1
    assert sphinx["math_numfig"] is True
    assert sphinx["nb_render_markdown_format"] == "myst"
    assert sphinx["nb_merge_streams"] is True


def test_titles_carry_no_typed_number():
    """Sphinx numbers the chapters: a typed number ("# 6. The four equations") would read "6. 6. ..."."""
    for doc in NOTEBOOKS:
        nb = json.loads((ROOT / f"{doc}.ipynb").read_text(encoding="utf-8"))
        first = next(c for c in nb["cells"] if c["cell_type"] == "markdown")
        title = "".join(first["source"]).lstrip().splitlines()[0]
        assert not re.match(r"#\s*(Chapter\s*)?\d+[.:]?\s", title), f"{doc}: typed number in title {title!r}"


def test_chapter_notebooks_use_the_python3_kernel():
    for doc in NOTEBOOKS:
        nb = json.loads((ROOT / f"{doc}.ipynb").read_text(encoding="utf-8"))
        assert nb["nbformat"] == 4
        assert nb["metadata"]["kernelspec"]["name"] == "python3", doc


def test_build_fails_on_errors_and_reexecutes_everything():
    cfg = _config()
    assert cfg["only_build_toc_files"] is True
    ex = cfg["execute"]
    # every chapter is executed for the build: afresh ("force") or from jupyter-cache, which
    # scripts/exec_cache.py refills whenever a chapter, src/ or the pins change ("cache")
    assert ex["execute_notebooks"] in ("force", "cache")
    if ex["execute_notebooks"] == "cache":
        assert ex.get("cache"), "execute.cache: the jupyter-cache folder"
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


@pytest.mark.build
def test_no_cdn_reference_in_built_pages():
    """Cheap textual check of the build (the browser tests check the requests)."""
    html = ROOT / "_build" / "html"
    assert (html / "index.html").is_file(), f"no build in {html}: run scripts/build_book.sh first"
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

    cfg = {"title": "t", "only_build_toc_files": True, "execute": _config()["execute"], "parse": _config()["parse"]}
    (tmp_path / "_config.yml").write_text(yaml.safe_dump(cfg))
    (tmp_path / "_toc.yml").write_text("format: jb-book\nroot: page\n")
    nb = nbformat.v4.new_notebook(
        cells=[nbformat.v4.new_markdown_cell("# Page"), nbformat.v4.new_code_cell("raise RuntimeError('boom')")]
    )
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    nbformat.write(nb, tmp_path / "page.ipynb")
    jupyter_book = "import sys; from jupyter_book.cli.main import main; sys.argv[0] = 'jupyter-book'; main()"
    run = subprocess.run(
        [sys.executable, "-c", jupyter_book, "build", str(tmp_path), "-W", "--keep-going", "--all"],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert run.returncode != 0, run.stdout[-2000:]
    assert "boom" in run.stdout + run.stderr


def test_launch_buttons_follow_the_checkout(monkeypatch):
    """_ext/book_theme.py derives repository_url (Binder, Colab, Live Code, GitHub button) from the checkout."""
    from _ext import book_theme

    n = book_theme.normalise_remote
    assert n("git@github.com:me/book.git") == "https://github.com/me/book"
    assert n("https://github.com/me/book.git\n") == "https://github.com/me/book"
    assert n("ssh://git@github.com/me/book.git") == "https://github.com/me/book"
    assert n("https://user:token@gitlab.com/me/book/") == "https://gitlab.com/me/book"
    assert n("/srv/git/book") is None
    monkeypatch.setenv("BACKPROP_REPOSITORY_URL", "https://github.com/fork/book/")
    assert book_theme.repository_url(ROOT) == ("https://github.com/fork/book", "BACKPROP_REPOSITORY_URL")
    monkeypatch.delenv("BACKPROP_REPOSITORY_URL")
    monkeypatch.delenv("GITHUB_ACTIONS", raising=False)
    url, source = book_theme.repository_url(ROOT)
    assert url.startswith("https://") and source in ("git remote origin", "_config.yml repository.url")
    if source == "_config.yml repository.url":
        assert url == _config()["repository"]["url"]
    cfg = _config()
    assert "book_theme" in cfg["sphinx"]["local_extensions"]
    assert cfg["launch_buttons"]["colab_url"] and cfg["launch_buttons"]["binderhub_url"]


def test_vendored_files_are_listed_once():
    """The files the pages load are listed in _config.yml only; the widgets shim is a real .js file."""
    import types

    from _ext import book_assets
    import vendor_assets as va

    sphinx = _config()["sphinx"]["config"]
    loaded = va.loaded_assets()
    assert loaded == [sphinx["mathjax_path"], *sphinx["nb_ipywidgets_js"]]
    config = types.SimpleNamespace(mathjax_path=sphinx["mathjax_path"], nb_ipywidgets_js=sphinx["nb_ipywidgets_js"])
    assert book_assets.vendored_assets(config) == loaded
    assert not hasattr(book_assets, "VENDOR_FILES")
    assert va.WIDGETS_OFFLINE_SRC.is_file() and "vendor/widgets-offline.js" in loaded
    assert "function typeset" in va.WIDGETS_OFFLINE_SRC.read_text(encoding="utf-8")
    assert "requirejs.config" not in (ROOT / "scripts" / "vendor_assets.py").read_text(encoding="utf-8")


def test_bibliography_is_author_year():
    sphinx = _config()["sphinx"]
    assert sphinx["config"]["bibtex_reference_style"] == "author_year_round"
    assert sphinx["config"]["bibtex_default_style"] == "authoryear"
    assert "book_bibstyle" in sphinx["local_extensions"]


def test_colab_install_cell_is_first_and_current():
    """scripts/add_colab_cell.py: once the chapters carry the Colab install cell, it is the first code cell
    of every chapter, hidden (remove-cell), and points at the repository the launch buttons use."""
    import nbformat

    import add_colab_cell as acc

    src = acc.cell_source("https://github.com/o/r", "main")
    assert 'if "google.colab" in sys.modules:' in src and "git+{repo}@main" in src
    assert max(len(line) for line in src.splitlines()) <= 79
    nbs = {p: nbformat.read(p, as_version=4) for p in acc.chapter_paths([])}
    having = [p for p, nb in nbs.items() if any(acc._is_install_cell(c) for c in nb.cells)]
    if not having:
        return  # not added yet (the lead runs scripts/add_colab_cell.py once the chapters are final)
    url, _ = acc.repository_url(ROOT)
    want = acc.cell_source(url, _config()["repository"]["branch"])
    for path, nb in nbs.items():
        first = next(c for c in nb.cells if c.cell_type == "code")
        assert acc._is_install_cell(first), f"{path.name}: the Colab install cell is not the first code cell"
        assert first.source == want, f"{path.name}: stale Colab cell (run scripts/add_colab_cell.py)"
        assert "remove-cell" in first.metadata.get("tags", [])
