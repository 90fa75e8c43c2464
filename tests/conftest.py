"""Shared test configuration.

On CI (env var ``CI`` set) hypothesis runs derandomized, so a run is reproducible from the commit alone.
"""

import os

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
