"""Counting and timing a gradient: backprop against finite differences."""

import numpy as np
import pytest

from backprop import Network
from backprop.cost_count import multiply_adds, shared_subexpressions, time_gradients, time_passes


def test_multiply_adds_by_hand():
    # [2, 3, 2], m = 1: forward 3·2 + 2·3 = 12; BP2 only for layer 1: 6; BP4 12; 17 parameters.
    c = multiply_adds([2, 3, 2])
    assert c == {"forward": 12, "bp2": 6, "bp4": 12, "backprop": 30, "finite_differences": 2 * 17 * 12, "params": 17}
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
    with pytest.raises(TypeError, match="list of layer widths"):
        multiply_adds("232")
    with pytest.raises(TypeError, match=r"sizes\[1\] must be a positive integer"):
        multiply_adds([2, 2.5, 1])


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


def test_stored_values_by_hand():
    from backprop.cost_count import stored_values

    # [2, 3, 2], m = 2: the input (2) and z, a of both layers (2·3 + 2·2), per example.
    assert stored_values([2, 3, 2], m=2) == {"stored": 2 * (2 + 6 + 4), "recomputed": 0, "forward": 24}
    # Checkpoints a^[0] and a^[1] (5 numbers); the largest segment is layer 1, whose z and a (6) are kept
    # again while the backward pass crosses it (layer 2's are freed by then); its product (6 multiply-adds)
    # runs again.
    assert stored_values([2, 3, 2], every=1) == {"stored": 5 + 6, "recomputed": 6, "forward": 12}
    # A checkpoint every L layers is one segment: nothing to recompute, the same numbers kept.
    assert stored_values([4] * 5, every=4) == stored_values([4] * 5)
    # 16 layers of width 100, every 4: checkpoints a^[0,4,8,12] (400) and one segment (800); 12 of 16
    # layers run again.
    deep = stored_values([100] * 17, every=4)
    assert deep == {"stored": 1200, "recomputed": 120_000, "forward": 160_000}
    with pytest.raises(ValueError):
        stored_values([2, 3, 2], every=0)
