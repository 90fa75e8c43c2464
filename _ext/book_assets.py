"""Sphinx extension of the backprop book: keep the built pages' assets local and unique.

* Sphinx 7.4 includes twice every inline (body-only) script that an extension adds after
  the builder is initialised: once as ``_JavaScript(None)`` and once as ``_JavaScript('')``
  (``StandaloneHTMLBuilder.prepare_writing`` re-adds the registry's files with
  ``filename or ''``). sphinx-thebe's ``const THEBE_JS_URL = ...`` is one of them, so every
  page threw "Identifier 'THEBE_JS_URL' has already been declared". We drop the duplicates.
* docutils 0.21 writes the bibliography as ``<div role="list">`` of
  ``<div role="doc-biblioentry">``; DPUB-ARIA 1.1 deprecated doc-biblioentry and axe-core
  reports a critical aria-required-children violation. We write ``role="listitem"``.
* Fails the build (a warning; the book is built with ``-W``) when a page would load a script
  or stylesheet from another host, or when the vendored assets are missing (run
  ``scripts/vendor_assets.py``; ``scripts/build_book.sh`` does it).
"""

from __future__ import annotations

from pathlib import Path

from sphinx.util import logging

logger = logging.getLogger(__name__)

def _key(asset):
    filename = getattr(asset, "filename", asset) or ""
    attributes = getattr(asset, "attributes", {}) or {}
    return (str(filename), tuple(sorted((k, str(v)) for k, v in attributes.items())))


def _dedup_and_check(app, pagename, templatename, context, doctree):
    for name in ("script_files", "css_files"):
        files = context.get(name)
        if not files:
            continue
        seen, unique = set(), []
        for asset in files:
            key = _key(asset)
            if key in seen:
                continue
            seen.add(key)
            unique.append(asset)
            filename = key[0]
            if "://" in filename or filename.startswith("//"):
                logger.warning(
                    "[book_assets] %s loads %s from another host; vendor it instead "
                    "(see scripts/vendor_assets.py)", pagename, filename,
                    type="book_assets", subtype="external",
                )
        files[:] = unique
    body = context.get("body")
    if body and 'role="doc-biblioentry"' in body:
        context["body"] = body.replace('role="doc-biblioentry"', 'role="listitem"')


def vendored_assets(config) -> list[str]:
    """The vendored files every page may load, relative to ``vendor/_static/``.

    _config.yml is the one list of them (``mathjax_path`` and the keys of ``nb_ipywidgets_js``);
    ``scripts/vendor_assets.py`` reads the same two settings.
    """
    return [config.mathjax_path, *(config.nb_ipywidgets_js or {})]


def _check_vendor(app):
    if app.builder.format != "html":
        return
    static = Path(app.srcdir) / "vendor" / "_static"
    missing = [f for f in vendored_assets(app.config) if "://" not in f and not (static / f).is_file()]
    if missing:
        logger.warning(
            "[book_assets] vendored assets missing (%s): run `npm ci && python "
            "scripts/vendor_assets.py` (scripts/build_book.sh does both); without them the "
            "pages show raw TeX and empty widget cells offline", ", ".join(missing),
            type="book_assets", subtype="vendor",
        )


def setup(app):
    app.connect("builder-inited", _check_vendor)
    # after myst-nb (default 500) and the theme (sphinx-book-theme uses 501) added theirs
    app.connect("html-page-context", _dedup_and_check, priority=900)
    return {"version": "0.1", "parallel_read_safe": True, "parallel_write_safe": True}
