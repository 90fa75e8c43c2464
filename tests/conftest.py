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
