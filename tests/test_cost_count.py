"""Counting and timing a gradient: backprop against finite differences."""

import numpy as np
import pytest

from backprop import Network
from backprop.cost_count import multiply_adds, shared_subexpressions, time_gradients, time_passes


def test_multiply_adds_by_hand():
    # [2, 3, 2], m = 1: forward 3·2 + 2·3 = 12; BP2 only for layer 1: 6; BP4 12; 17 parameters.
    c = multiply_adds([2, 3, 2])
    assert c == {"forward": 12, "bp2": 6, "bp4": 12, "backprop": 30,
                 "finite_differences": 2 * 17 * 12, "params": 17}
    assert multiply_adds([2, 3, 2], m=5)["backprop"] == 150


def test_timing_reports_a_large_ratio():
    net = Network([8, 10, 4], seed=0)
    rng = np.random.default_rng(0)
    X, Y = rng.uniform(0, 1, (8, 30)), rng.uniform(0, 1, (4, 30))
    t = time_gradients(net, X, Y, repeat=3)
    assert t.ok and t.params == net.n_params
    assert t.ratio > 10
    assert "ratio=" in repr(t)


def test_both_timings_are_the_best_of_several_runs(monkeypatch):
    """A slow first finite-difference run (a moment of load) does not inflate the ratio."""
    import time

    from backprop import cost_count

    real = cost_count.check_gradients
    delays = iter([0.06, 0.01, 0.04])

    def slow_check(net, X, Y):
        time.sleep(next(delays))
        return real(net, X, Y)

    monkeypatch.setattr(cost_count, "check_gradients", slow_check)
    net = Network([2, 3, 2], seed=0)
    X, Y = np.full((2, 1), 0.5), np.full((2, 1), 0.5)
    t = time_gradients(net, X, Y, repeat=2, fd_repeat=3)
    assert 0.01 <= t.finite_differences < 0.04  # the fastest of the three, not the first
    with pytest.raises(ValueError, match="fd_repeat"):
        time_gradients(net, X, Y, fd_repeat=0)


def test_shared_subexpressions_of_the_running_example():
    s = shared_subexpressions((2, 3, 2))
    assert s.n_derivatives == 17
    rows = {name: (times, n) for name, times, n in s.rows}
    # g'(z_1^[2]) sits in every derivative but those of the 4 parameters of output neuron 2.
    assert rows["g'(z_{1}^{[2]})"][1] == 13
    assert s.ops_shared < s.ops_written_out / 10


def test_bad_sizes():
    with pytest.raises(ValueError, match="at least 2"):
        multiply_adds([3])
    with pytest.raises(ValueError, match="positive"):
        multiply_adds([2, 0, 1])


def test_time_passes_sets_the_clock_beside_the_count():
    net = Network([8, 10, 4], seed=0)
    rng = np.random.default_rng(0)
    X, Y = rng.uniform(0, 1, (8, 30)), rng.uniform(0, 1, (4, 30))
    t = time_passes(net, X, Y, repeat=5)
    assert 0 < t.forward and 0 < t.backprop
    assert t.ratio == t.backprop / t.forward and t.ratio > 1  # backprop includes a forward pass
    assert "ratio=" in repr(t)
    with pytest.raises(ValueError, match="repeat"):
        time_passes(net, X, Y, repeat=0)
