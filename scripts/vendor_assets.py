#!/usr/bin/env python3
"""Copy the front-end assets the built book needs from node_modules/ into vendor/.

Why: by default Jupyter Book pages load MathJax 3, require.js and the ipywidgets
html-manager from CDNs, so offline the math shows as raw TeX and the widget cells
show nothing. `_config.yml` points `mathjax_path` and `nb_ipywidgets_js` at local
copies under `_static/vendor/`, which this script provides.

Layout (vendor/ is git-ignored and listed in `html_extra_path`, so its content is
copied into `_build/html/` as is, and Jupyter Book does *not* inject every .js it
contains into every page, which it does for everything under `html_static_path`):

    vendor/_static/vendor/
        mathjax/            tex-chtml.js + the components it loads on demand
                            (input/tex/extensions, output/chtml/fonts/woff-v2, ui, a11y, sre)
        requirejs/require.js
        html-manager/embed-amd.js + the Font Awesome webfonts its CSS refers to
        widgets-offline.js  copied from _ext/widgets-offline.js: tells require.js where
                            html-manager lives (so the icon fonts resolve) and lets
                            html-manager's MathJax 2 call (MathJax.Hub.Queue) reach MathJax 3
        VERSIONS.json       which npm versions were copied

Sources come from `npm ci` (package.json / package-lock.json, exact versions). Which of the
vendored files the pages load is said once, in _config.yml (`mathjax_path`, `nb_ipywidgets_js`):
this script checks that each of them exists after copying, and so does _ext/book_assets.py at
build time.
Thebe (live code, loaded from unpkg by sphinx-thebe only when the reader clicks the
"live code" button, and useless offline because it needs a Binder kernel) is not
vendored.

Usage: python scripts/vendor_assets.py [--check]
Exit status 1 with a clear message when node_modules/ is missing or incomplete.
"""

from __future__ import annotations

import argparse
import json
import shutil
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
NODE_MODULES = ROOT / "node_modules"
OUT = ROOT / "vendor" / "_static" / "vendor"

# (package, files or directories relative to the package root, destination under OUT)
MATHJAX_PARTS = [
    "es5/tex-chtml.js",
    "es5/input/tex",  # extensions: [tex]/ams, autoloaded packages (\boldsymbol, \cancel, ...)
    "es5/output/chtml/fonts/woff-v2",  # CHTML output loads its fonts relative to tex-chtml.js
    "es5/ui",  # context menu, lazy typesetting
    "es5/a11y",  # explorer etc., loaded from the context menu
    "es5/sre",  # speech rule engine used by a11y (loaded on demand)
    "es5/adaptors",
]
FONT_SUFFIXES = {".woff2", ".woff", ".ttf", ".eot"}

# The shim loaded between require.js and html-manager (a real .js file, copied as is).
WIDGETS_OFFLINE_SRC = ROOT / "_ext" / "widgets-offline.js"
# One file that must exist besides those the pages load (CHTML fetches its fonts on demand).
MATHJAX_FONT = "mathjax/output/chtml/fonts/woff-v2/MathJax_Main-Regular.woff"


def loaded_assets(config_path: Path = ROOT / "_config.yml") -> list[str]:
    """The vendored files the pages load, relative to ``vendor/_static/``, read from _config.yml.

    _config.yml is the one list of them: ``mathjax_path`` and the keys of ``nb_ipywidgets_js``
    (``_ext/book_assets.py`` checks the same two settings at build time).
    """
    import yaml

    sphinx = yaml.safe_load(config_path.read_text(encoding="utf-8"))["sphinx"]["config"]
    files = [sphinx["mathjax_path"], *sphinx["nb_ipywidgets_js"]]
    bad = [f for f in files if "://" in f or not f.startswith("vendor/")]
    if bad:
        fail(f"_config.yml loads {bad} from outside vendor/ (the book must not use CDNs)")
    return files


def fail(msg: str) -> None:
    print(f"vendor_assets: ERROR: {msg}", file=sys.stderr)
    sys.exit(1)


def package_version(name: str) -> str:
    pkg = NODE_MODULES / name / "package.json"
    if not pkg.is_file():
        fail(
            f"{pkg.relative_to(ROOT)} not found. Install the front-end assets first with "
            "`npm ci` (needs node and npm) at the repository root."
        )
    return json.loads(pkg.read_text(encoding="utf-8"))["version"]


def expected_versions() -> dict[str, str]:
    spec = json.loads((ROOT / "package.json").read_text(encoding="utf-8"))
    return spec.get("dependencies", {})


def copy(src: Path, dst: Path) -> int:
    """Copy a file or a tree; return the number of files copied."""
    if not src.exists():
        fail(f"{src} is missing (is node_modules/ complete? run `npm ci`)")
    if src.is_dir():
        n = 0
        for f in src.rglob("*"):
            if f.is_file() and not f.name.endswith(".map"):
                n += copy(f, dst / f.relative_to(src))
        return n
    dst.parent.mkdir(parents=True, exist_ok=True)
    if not dst.exists() or dst.stat().st_size != src.stat().st_size or dst.stat().st_mtime < src.stat().st_mtime:
        shutil.copy2(src, dst)
    return 1


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--check", action="store_true", help="only check that vendor/ is complete")
    args = ap.parse_args()

    wanted = expected_versions()
    versions = {}
    for name, version in wanted.items():
        got = package_version(name)
        if got != version:
            fail(f"node_modules has {name}@{got} but package.json wants {version}: run `npm ci`")
        versions[name] = got

    required = [OUT.parent / f for f in loaded_assets()] + [OUT / MATHJAX_FONT]
    if args.check:
        missing = [str(p.relative_to(ROOT)) for p in required if not p.is_file()]
        if missing:
            fail("missing vendored assets: " + ", ".join(missing) + " (run scripts/vendor_assets.py)")
        print("vendor_assets: vendor/ is complete")
        return

    counts = {}
    mj = NODE_MODULES / "mathjax"
    counts["mathjax"] = sum(
        copy(mj / part, OUT / "mathjax" / Path(part).relative_to("es5")) for part in dict.fromkeys(MATHJAX_PARTS)
    )
    counts["requirejs"] = copy(NODE_MODULES / "requirejs" / "require.js", OUT / "requirejs" / "require.js")
    hm = NODE_MODULES / "@jupyter-widgets" / "html-manager" / "dist"
    n = copy(hm / "embed-amd.js", OUT / "html-manager" / "embed-amd.js")
    for f in hm.iterdir():
        if f.suffix in FONT_SUFFIXES:
            n += copy(f, OUT / "html-manager" / f.name)
    counts["html-manager"] = n
    counts["widgets-offline.js"] = copy(WIDGETS_OFFLINE_SRC, OUT / "widgets-offline.js")
    (OUT / "VERSIONS.json").write_text(json.dumps(versions, indent=2, sort_keys=True) + "\n", encoding="utf-8")

    missing = [str(p.relative_to(ROOT)) for p in required if not p.is_file()]
    if missing:
        fail("vendoring incomplete: " + ", ".join(missing))
    size = sum(f.stat().st_size for f in OUT.rglob("*") if f.is_file())
    print(
        "vendor_assets: "
        + ", ".join(
            f"{k} {versions.get(k, versions.get('@jupyter-widgets/' + k, ''))} ({v} files)" for k, v in counts.items()
        )
        + f"; {size / 1e6:.1f} MB in {OUT.relative_to(ROOT)}"
    )


if __name__ == "__main__":
    main()
