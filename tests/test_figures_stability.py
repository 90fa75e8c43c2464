"""Chapter 8's curvature figure plots what the runs measured."""

import numpy as np
import pytest

from backprop import figures
from backprop.curvature import SharpnessRun


def _runs():
    return {
        1.0: [
            SharpnessRun(1.0, [0.9, 0.8, 0.7]),
            SharpnessRun(1.0, [1.1, 0.6, 0.5]),
            SharpnessRun(1.0, [1.0, 0.7, 0.6]),
        ],
        3.0: [
            SharpnessRun(3.0, [0.9, 0.5, 0.2]),
            SharpnessRun(3.0, [1.1, 0.4, 0.3]),
            SharpnessRun(3.0, [1.0, 0.3, 0.1]),
        ],
    }


def test_medians_limits_and_alt_text():
    d = figures.sharpness_curves(_runs())
    np.testing.assert_allclose(d.artists["medians"][3.0].get_ydata(), [1.0, 0.4, 0.2])
    assert set(d.artists["limits"]) == {3.0}  # 2/η = 2 lies above the plot (ymax = 1.6)
    assert d.artists["limits"][3.0].get_ydata()[0] == pytest.approx(2 / 3)
    assert "eta = 3: from 1.00 to 0.20 (2/eta = 0.67)" in d.alt and "median of 3 seeds" in d.alt
    assert d.png()[:8] == b"\x89PNG\r\n\x1a\n"


def test_a_limit_inside_the_plot_is_drawn():
    d = figures.sharpness_curves(_runs(), ymax=2.5)
    assert set(d.artists["limits"]) == {1.0, 3.0}
    with pytest.raises(ValueError):
        figures.sharpness_curves({})


def test_eta_sweep_draws_medians_ranges_and_bands():
    costs = {1.0: [0.3, 0.1, 0.2], 3.0: [0.05, 0.01, 0.02]}
    d = figures.stability.eta_sweep(costs, {1.0: 1, 3.0: 3, 10.0: (1, 2)}, bounds={10.0: (1e-4, 2.0)}, n_runs=3)
    np.testing.assert_allclose(d.artists["medians"].get_ydata(), [0.2, 0.02])
    assert set(d.artists["bands"]) == {10.0} and set(d.artists["bars"]) == {1.0, 3.0, 10.0}
    assert "eta = 1: median 0.2, range 0.1 to 0.3, 1 runs trained" in d.alt
    assert "eta = 10: between 0.0001 and 2, 1 to 2 runs trained" in d.alt
    assert d.png()[:8] == b"\x89PNG\r\n\x1a\n"


def test_eta_sweep_rejects_inconsistent_rates():
    with pytest.raises(ValueError):
        figures.stability.eta_sweep({}, {}, n_runs=3)
    with pytest.raises(ValueError):
        figures.stability.eta_sweep({1.0: [0.1]}, {1.0: 1}, bounds={1.0: (0, 1)}, n_runs=1)
    with pytest.raises(ValueError):
        figures.stability.eta_sweep({1.0: [0.1]}, {}, n_runs=1)
