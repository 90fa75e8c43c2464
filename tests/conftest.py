"""Shared test configuration.

On CI (env var ``CI`` set) hypothesis runs derandomized, so a run is reproducible from the commit alone.
"""

import os
import re

import matplotlib
from hypothesis import settings

matplotlib.use("Agg")

settings.register_profile("ci", derandomize=True, print_blob=True)
if os.environ.get("CI"):
    settings.load_profile("ci")


# Summary lines that tests add through the `summary` fixture (tests/browser/conftest.py). The hook lives
# here, in a conftest pytest loads at start-up, so that it also runs in pytest-xdist's controller.
def pytest_terminal_summary(terminalreporter, exitstatus, config):
    sections: dict[str, list[str]] = {}
    for reports in terminalreporter.stats.values():
        for report in reports:
            if getattr(report, "when", None) != "call":
                continue
            for key, value in getattr(report, "user_properties", ()):
                if key == "summary":
                    title, line = value
                    sections.setdefault(title, []).append(line)
    for title, lines in sections.items():
        terminalreporter.section(title)
        for line in sorted(lines):
            terminalreporter.write_line(line)


# Tests that must run on one pytest-xdist worker, in collection order, by node id:
#  * a page's audit (tests/browser/test_pages.py), reader test (test_reader.py) and keyboard check
#    (test_widgets.py): the audit loads the page once and measures for the other two (one MathJax
#    typesetting per page; tests/browser/conftest.py puts the other two right after it);
#  * the JupyterLab tests, which share one server.
# `--dist loadgroup` with `xdist_group` marks cannot do this here: pytest-xdist 3.8 writes the group into
# `item._nodeid`, which pytest 9 no longer reads (a node id is computed from `item._id`), so every marked
# test was dealt out alone. The groups are named here and applied by the scheduler below instead.
_PAGE_TEST = re.compile(r"tests/browser/test_(?:pages|reader|widgets)\.py::\w+\[([^\]]+\.html)\]$")


def xdist_group(nodeid: str) -> str:
    """The work unit a test belongs to: its page's group, the JupyterLab group, or the test alone."""
    m = _PAGE_TEST.match(nodeid)
    if m:
        return "page:" + m.group(1)
    if nodeid.startswith("tests/browser/test_jupyterlab.py::"):
        return "jupyterlab"
    return nodeid


def pytest_xdist_make_scheduler(config, log):
    """With ``--dist loadgroup``: pytest-xdist's group scheduler, with the groups of :func:`xdist_group`,
    dealt out in collection order. That order starts with tests/browser, and there with the JupyterLab
    unit, the longest (a server, a kernel and a whole chapter run: about 25 s): started first, it does not
    finish alone at the end of the run, as it did when xdist dealt out the largest units (by test count,
    the pages' three) first."""
    if config.getvalue("dist") != "loadgroup":
        return None
    config.option.loadscopereorder = False
    from xdist.scheduler import LoadScopeScheduling

    class NodeIdGroups(LoadScopeScheduling):
        def _split_scope(self, nodeid: str) -> str:
            return xdist_group(nodeid)

    return NodeIdGroups(config, log)
