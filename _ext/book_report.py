"""Sphinx extension of the backprop book: "report an error" and "source" links at the end of every page.

Each page of the book gets, after its content, a short line with two links:

* **Report an error on this page**: ``<repository>/issues/new?title=...`` with the page named in the new
  issue's title (its title and its document name, ``Error on “The four equations”
  (chapters/06_four_equations)``) and its address in the issue's body;
* **Source of this page**: ``<repository>/blob/<branch>/<path>`` of the page's notebook or markdown file.

The repository is the theme's ``repository_url``, which ``_ext/book_theme.py`` derives at
``config-inited`` (this extension reads that value when pages are written, so a fork's links point at the
fork); the branch and the book's folder are the theme's ``repository_branch`` and ``path_to_docs``
(``repository: branch:`` and ``path_to_book:`` of ``_config.yml``). Pages without a source document
(the search page, the index) get nothing.
"""

from __future__ import annotations

import html
import re
from urllib.parse import quote, urlencode


def links(repository: str, branch: str, book_path: str, docname: str, source: str, title: str) -> dict:
    """``{"issue": url, "source": url}`` for the page ``docname`` whose source file is ``source`` (relative
    to the book's folder) and whose title is ``title``."""
    repository = repository.rstrip("/")
    path = "/".join(p for p in (book_path.strip("/"), source) if p)
    query = urlencode({"title": f"Error on “{title}” ({docname})",
                       "body": f"Page: {docname}\nSource: {path}\n\nWhat is wrong, and where on the page:\n"},
                      quote_via=quote)
    return {"issue": f"{repository}/issues/new?{query}",
            "source": f"{repository}/blob/{quote(branch or 'main')}/{quote(path)}"}


def _page_context(app, pagename, templatename, context, doctree):
    if doctree is None or pagename not in app.env.found_docs or "body" not in context:
        return
    options = app.config.html_theme_options
    repository = options.get("repository_url")
    if not repository:
        return
    title = html.unescape(re.sub(r"<[^>]+>", "", context.get("title") or pagename)).strip()
    source = app.env.doc2path(pagename, False)
    source = str(source).replace("\\", "/")
    url = links(repository, options.get("repository_branch", "main"), options.get("path_to_docs", ""),
                pagename, source, title)
    context["body"] += (
        '<p class="bp-report">'
        f'<a class="bp-report-issue" href="{html.escape(url["issue"])}">Report an error on this page</a>'
        " · "
        f'<a class="bp-report-source" href="{html.escape(url["source"])}">Source of this page</a>'
        "</p>")


def setup(app):
    app.connect("html-page-context", _page_context)
    return {"version": "0.1", "parallel_read_safe": True, "parallel_write_safe": True}
