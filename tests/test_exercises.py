"""The "implement it yourself" checker names every catalogued slip, diagnoses unknown ones by layer, and
passes a correct answer."""

import numpy as np
import pytest

from backprop import equations
from backprop.bughunt import CATALOGUE, buggy_backprop
from backprop.exercises import check, check_backward, check_bp1, check_bp2, check_bp4, problem


def correct_backward(net, X, Y):
    """A reader's whole backward pass, written out (the right one)."""
    zs, acts = [], [X]
    for w, b in zip(net.weights, net.biases):
        zs.append(w @ acts[-1] + b)
        acts.append(1 / (1 + np.exp(-zs[-1])))
    e = (acts[-1] - Y) * acts[-1] * (1 - acts[-1])
    nabla_w, nabla_b = [None] * net.L, [None] * net.L
    for l in range(net.L, 0, -1):
        nabla_w[l - 1] = e @ acts[l - 1].T / X.shape[1]
        nabla_b[l - 1] = e.mean(axis=1, keepdims=True)
        if l > 1:
            e = (net.weights[l - 1].T @ e) * acts[l - 1] * (1 - acts[l - 1])
    return nabla_w, nabla_b


def test_correct_answers_pass():
    assert check_bp1(lambda dc_da, gp: dc_da * gp)
    assert check_bp2(lambda w_next, e_next, gp: (w_next.T @ e_next) * gp)
    assert check_bp4(lambda e, a_prev: e @ a_prev.T / e.shape[1])
    assert check_backward(correct_backward)
    assert check(bp2=equations.bp2_error_back)
    verdict = check_bp4(equations.bp4_weight_gradient)
    assert verdict.correct and verdict.slip is None and "✓" in repr(verdict) and verdict.gradcheck < 1e-7


# Each catalogued slip written as a reader would write it, at the level of one equation.
SLIPS = {
    "cost_without_half": ("bp1", lambda dc_da, gp: 2 * dc_da * gp),
    "bp1_sign_flipped": ("bp1", lambda dc_da, gp: -dc_da * gp),
    "bp2_no_transpose": ("bp2", lambda w, e, gp: (w @ e) * gp),
    "bp2_no_g_prime": ("bp2", lambda w, e, gp: w.T @ e),
    "bp4_wrong_index": ("bp4", lambda e, a: a @ e.T / e.shape[1]),
    "bp4_sum_not_mean": ("bp4", lambda e, a: e @ a.T),
}


@pytest.mark.parametrize("bug", sorted(SLIPS))
def test_every_slip_in_one_equation_is_named(bug):
    slot, fn = SLIPS[bug]
    verdict = check(**{slot: fn})
    assert not verdict and verdict.slip == bug, verdict
    assert CATALOGUE[bug].diagnosis in verdict.message
    assert verdict.gradcheck > 1e-3  # the gradient checker agrees that it is wrong


@pytest.mark.parametrize("bug", sorted(CATALOGUE))
def test_every_catalogued_slip_in_a_whole_backward_pass_is_named(bug):
    verdict = check_backward(buggy_backprop(bug))
    assert not verdict and verdict.slip == bug, verdict


def test_the_named_diagnoses_read_as_promised():
    assert "BP2 without the transpose" in check_bp2(SLIPS["bp2_no_transpose"][1]).message
    assert "factor of 2 (missing ½?)" in check_bp1(SLIPS["cost_without_half"][1]).message
    assert "BP4 with a and e swapped" in check_bp4(SLIPS["bp4_wrong_index"][1]).message
    assert "BP1 with the wrong layer" in check_backward(buggy_backprop("bp1_wrong_layer")).message
    assert "factor of 2" in check_bp4(lambda e, a: 2 * e @ a.T / e.shape[1]).message


@pytest.mark.parametrize("seed", range(5))
def test_random_wrong_answers_get_the_first_disagreeing_layer(seed):
    rng = np.random.default_rng(seed)
    noise = rng.standard_normal((3, 5)) * 0.1

    def noisy_bp2(w, e, gp):
        return (w.T @ e) * gp + noise

    verdict = check_bp2(noisy_bp2)
    net, _ = problem()
    assert not verdict and verdict.slip == "layer"
    assert verdict.layer == net.L - 1  # BP2 first runs at layer L-1
    assert f"layer {net.L - 1} is the first" in verdict.message

    layer = int(rng.integers(1, net.L + 1))

    def off_in_one_layer(net, X, Y):
        nabla_w, nabla_b = correct_backward(net, X, Y)
        nabla_w[layer - 1] = nabla_w[layer - 1] + rng.standard_normal(nabla_w[layer - 1].shape)
        return nabla_w, nabla_b

    verdict = check_backward(off_in_one_layer)
    assert not verdict and verdict.slip == "layer" and verdict.layer == layer


def test_errors_and_wrong_shapes_are_reported_not_raised():
    verdict = check_bp2(lambda w, e, gp: 1 / 0)
    assert not verdict and "ZeroDivisionError" in verdict.message
    verdict = check_bp4(lambda e, a: e @ a[:, :1].T)
    assert not verdict
    verdict = check_bp2(lambda w, e, gp: (w.T @ e)[:2] * gp[:2])
    assert not verdict and verdict.slip == "shape" and "(2, 5)" in verdict.message
    verdict = check_backward(lambda net, X, Y: ([np.zeros((1, 1))], []))
    assert not verdict and verdict.slip == "shape"
    with pytest.raises(TypeError, match="one function at a time"):
        check(bp1=print, bp2=print)


def test_the_reader_cannot_change_the_reference():
    def vandal(net, X, Y):
        for w in net.weights:
            w[:] = 0
        return correct_backward(net, X, Y)

    assert not check_backward(vandal)
    assert check_backward(correct_backward)


def test_a_skeleton_gets_told_to_finish_its_body_not_a_numpy_error():
    def backward(net, X, Y): ...

    def bp1(dc_da, g_prime_zL): ...

    def bp2(w_next, e_next, g_prime_z):
        return ...

    def half_done(net, X, Y):
        return [...], [...]

    for verdict in (check_backward(backward), check_bp1(bp1), check_bp2(bp2), check_backward(half_done)):
        assert not verdict and verdict.slip == "unfinished", verdict
        assert "`...`" in verdict.message and "Error" not in verdict.message
        assert "`...`" in verdict._repr_markdown_() and "\\`" not in verdict._repr_markdown_()  # shown as code


def test_arithmetic_on_a_leftover_ellipsis_is_called_unfinished_and_other_type_errors_are_not():
    def partly(net, X, Y):
        return [w * ... for w in net.weights], [b for b in net.biases]

    def wrong(net, X, Y):
        return [w + "1" for w in net.weights], net.biases

    v = check_backward(partly)
    assert v.slip == "unfinished" and "replace each `...`" in v.message, v
    v = check_backward(wrong)
    assert v.slip == "error" and "raised" in v.message, v
