"""Sphinx extension of the backprop book: the repository the launch buttons point at, and page chrome.

* ``repository_url`` (the GitHub button, Binder, Colab and Live Code/thebe) is derived at build time
  from the git checkout the book is built from, so a fork's buttons point at the fork:

  1. the environment variable ``BACKPROP_REPOSITORY_URL``, if set;
  2. else ``https://github.com/$GITHUB_REPOSITORY`` on GitHub Actions;
  3. else the URL of the git remote ``origin`` (``git remote get-url origin``; ``git@host:owner/repo.git``
     and ``https://host/owner/repo.git`` both become ``https://host/owner/repo``);
  4. else the documented setting ``repository: url:`` of ``_config.yml``.

  The branch stays ``repository: branch:`` (a local branch may not exist on the remote).
  ``scripts/add_colab_cell.py`` uses :func:`repository_url` too, for the Colab install cell.
* The empty top bar (pydata-sphinx-theme's header, holding only a second search field next to the
  sidebar's) is not rendered: ``navbar_persistent = []``. On narrow screens the article header's own
  search button remains.
"""

from __future__ import annotations

import os
import re
import subprocess
from pathlib import Path

from sphinx.util import logging

logger = logging.getLogger(__name__)

ROOT = Path(__file__).resolve().parent.parent


def normalise_remote(url: str) -> str | None:
    """``git@github.com:me/book.git`` / ``https://github.com/me/book.git`` -> ``https://github.com/me/book``.

    Returns None for what is not a ``host/owner/repo`` remote (a local path, a bundle).
    """
    url = url.strip()
    m = re.fullmatch(r"(?:ssh://)?[\w.-]+@([\w.-]+)[:/](?:\d+/)?([\w.-]+)/([\w.-]+?)(?:\.git)?/?", url)
    if not m:
        m = re.fullmatch(r"(?:https?|git)://(?:[^@/]+@)?([\w.-]+)(?::\d+)?/([\w.-]+)/([\w.-]+?)(?:\.git)?/?", url)
    if not m:
        return None
    host, owner, repo = m.groups()
    return f"https://{host}/{owner}/{repo}"


def _git_remote(root: Path) -> str | None:
    try:
        run = subprocess.run(["git", "-C", str(root), "remote", "get-url", "origin"],
                             capture_output=True, text=True, timeout=10, check=False)
    except (OSError, subprocess.SubprocessError):
        return None
    return normalise_remote(run.stdout) if run.returncode == 0 else None


def _configured(root: Path) -> str | None:
    import yaml

    try:
        cfg = yaml.safe_load((root / "_config.yml").read_text(encoding="utf-8"))
    except OSError:
        return None
    return ((cfg or {}).get("repository") or {}).get("url")


def repository_url(root: Path = ROOT, configured: str | None = None) -> tuple[str | None, str]:
    """``(url, source)``: the repository the book's buttons should point at, and where it came from."""
    env = os.environ.get("BACKPROP_REPOSITORY_URL", "").strip()
    if env:
        return env.rstrip("/"), "BACKPROP_REPOSITORY_URL"
    gh = os.environ.get("GITHUB_REPOSITORY", "").strip()
    if gh and os.environ.get("GITHUB_ACTIONS") == "true":
        server = os.environ.get("GITHUB_SERVER_URL", "https://github.com").rstrip("/")
        return f"{server}/{gh}", "GITHUB_REPOSITORY"
    remote = _git_remote(root)
    if remote:
        return remote, "git remote origin"
    configured = configured if configured is not None else _configured(root)
    return (configured.rstrip("/") if configured else None), "_config.yml repository.url"


def _config_inited(app, config):
    options = config.html_theme_options
    url, source = repository_url(Path(app.srcdir), options.get("repository_url"))
    if url:
        if url != options.get("repository_url"):
            logger.info("[book_theme] repository_url %s (from %s)", url, source)
        options["repository_url"] = url
        # sphinx-thebe reads its own config; sphinx-book-theme fills it from the theme options
        # only for keys that are missing
        thebe = getattr(config, "thebe_config", None)
        if isinstance(thebe, dict):
            thebe["repository_url"] = url
    # no top bar: its only item was a second search field (the sidebar has one)
    options["navbar_persistent"] = []


def setup(app):
    app.connect("config-inited", _config_inited)
    return {"version": "0.1", "parallel_read_safe": True, "parallel_write_safe": True}
