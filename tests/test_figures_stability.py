"""Chapter 8's curvature figure plots what the runs measured."""

import numpy as np
import pytest

from backprop import figures
from backprop.curvature import SharpnessRun


def _runs():
    return {1.0: [SharpnessRun(1.0, [0.9, 0.8, 0.7]), SharpnessRun(1.0, [1.1, 0.6, 0.5]),
                  SharpnessRun(1.0, [1.0, 0.7, 0.6])],
            3.0: [SharpnessRun(3.0, [0.9, 0.5, 0.2]), SharpnessRun(3.0, [1.1, 0.4, 0.3]),
                  SharpnessRun(3.0, [1.0, 0.3, 0.1])]}


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
