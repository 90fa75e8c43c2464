"""Bad inputs found by the second re-read of issue 21 (a sweep of 261 bad inputs against the public API):
each gets an error that names what was expected, from ``backprop._validate``, instead of a NumPy or
matplotlib traceback from deep inside, or a silently wrong picture."""

import matplotlib.pyplot as plt
import numpy as np
import pytest

from backprop import Network, QuadraticBowl, data, relative_error, sgd
from backprop import figures as F
from backprop import widgets as W
from backprop.selfcheck import choice
from backprop.symbolic import derive
from backprop.training import History, descend

X = np.random.default_rng(0).standard_normal((2, 5))
Y = np.random.default_rng(1).random((2, 5))

CASES = {
    # seeds: NumPy's own message ("expected non-negative integer") names no argument
    "Network seed=-1": (lambda: Network([2, 3, 2], seed=-1), ValueError, "seed must be a non-negative integer"),
    "Network seed='a'": (lambda: Network([2, 3, 2], seed="a"), TypeError, "seed must be None, a non-negative"),
    "sgd seed=1.5": (
        lambda: sgd(Network([2, 3, 2]), X, Y, 0.1, 1, batch_size=2, seed=1.5),
        TypeError,
        "seed must be",
    ),
    "two_moons seed=-1": (lambda: data.two_moons(10, seed=-1), ValueError, "seed must be a non-negative"),
    "forward_pass seed=-1": (lambda: W.forward_pass(mode="live", seed=-1), ValueError, "seed must be"),
    "digits one_hot_out='yes'": (lambda: data.digits("yes"), TypeError, "one_hot_out must be True or False"),
    # arrays
    "complex X": (lambda: Network([2, 3, 2]).forward(np.array([[1j], [1.0]])), TypeError, "real numbers"),
    "train_test_split 1-D": (lambda: data.train_test_split(np.ones(5), np.ones(5)), ValueError, "X must be 2-D"),
    "sgd without targets": (lambda: sgd(Network([2, 3, 2]), X, None, 0.1, 1), TypeError, "sgd trains toward targets"),
    "relative_error shapes": (lambda: relative_error(np.ones(3), np.ones(2)), ValueError, r"must have shape \(3,\)"),
    "QuadraticBowl negative": (lambda: QuadraticBowl((-1.0, 10.0)), ValueError, "positive finite curvatures"),
    "QuadraticBowl empty": (lambda: QuadraticBowl(()), ValueError, "positive finite curvatures"),
    "QuadraticBowl string": (lambda: QuadraticBowl("ab"), TypeError, "positive finite curvatures"),
    "choice judge out of range": (
        lambda: choice("q?", [("a", True, "yes"), ("b", False, "no")]).judge(7),
        ValueError,
        r"the chosen option must be an integer in 0\.\.1",
    ),
    "cost_function name": (lambda: Network([2, 3, 2], cost_function="mse"), ValueError, "for cost_function"),
    # figures: `ax` comes first, so a positional size or list is an Axes that is not one
    "network_diagram([2, 3, 2])": (lambda: F.network_diagram([2, 3, 2]), TypeError, "ax must be an Axes.*got list"),
    "loss_curve([1, 2])": (lambda: F.loss_curve([1.0, 0.5]), TypeError, "pass its other arguments by keyword"),
    "loss_curve(costs=[])": (lambda: F.loss_curve(costs=[]), ValueError, "costs must be a non-empty list"),
    "loss_curve()": (lambda: F.loss_curve(), TypeError, "either history="),
    "ActivationPlot.set_z('a')": (
        lambda: F.activation_functions().set_z("a"),
        TypeError,
        "z must be a real number",
    ),
    "chain_rule_plot(z=nan)": (lambda: F.chain_rule_plot(z=float("nan")), ValueError, "z must be finite"),
    "weight_matrix(layer=0)": (lambda: F.weight_matrix(layer=0), ValueError, "layer must be an integer >= 1"),
    "weight_matrix values too small": (
        lambda: F.weight_matrix(shape=(3, 2), values=np.ones((2, 2))),
        ValueError,
        r"values \(the matrix's entries\) must have shape \(3, 2\)",
    ),
    "network_diagram forward of another net": (
        lambda: F.network_diagram(sizes=(2, 3, 2), forward=Network([2, 3, 1]).forward(X)),
        ValueError,
        "layer widths of forward",
    ),
    "loss_curve(history='x')": (lambda: F.loss_curve(history="x"), TypeError, "history must be a History"),
    "gradient_norm_plot('x')": (lambda: F.gradient_norm_plot("x"), TypeError, "norms must be a dict"),
    "sharpness_curves('x')": (lambda: F.sharpness_curves("x"), TypeError, "runs must be a dict"),
    "gradient_descent_plot(f=3)": (
        lambda: F.gradient_descent_plot(f=3, path=np.ones((3, 2))),
        TypeError,
        r"f \(the cost surface\) must be a function",
    ),
    "nudge_plot lengths": (
        lambda: F.nudge_plot(dws=[0.1, 0.2], measured=[1.0], slope=1.0),
        ValueError,
        r"measured \(one change of C per nudge in dws\) must have shape \(2,\)",
    ),
    "eta_sweep n_runs=0": (lambda: F.eta_sweep({0.1: [1.0]}, {0.1: 1}, n_runs=0), ValueError, "n_runs must be"),
    # widget builders
    "init_scale n_examples=2.5": (
        lambda: W.init_scale_explorer(mode="live", n_examples=2.5),
        TypeError,
        "n_examples must be a positive integer",
    ),
    "init_scale depth=0": (lambda: W.init_scale_explorer(mode="live", depth=0), ValueError, "depth must be"),
    "momentum curvature=(1,)": (
        lambda: W.momentum_explorer(mode="live", curvature=(1.0,)),
        ValueError,
        r"curvature \(h_1, h_2\) must have shape \(2,\)",
    ),
    "momentum steps=-1": (lambda: W.momentum_explorer(mode="live", steps=-1), ValueError, r"steps must be .* 1\.\.60"),
    "gradient_descent curvature<0": (
        lambda: W.gradient_descent_explorer(mode="live", curvature=(-1.0, 10.0)),
        ValueError,
        "positive finite curvatures",
    ),
    "backprop_flow target=(1,)": (
        lambda: W.backprop_flow(mode="live", target=(1.0,)),
        ValueError,
        "target as a single example must have length 2",
    ),
    "nudge_weight x=(1, 2, 3)": (
        lambda: W.nudge_weight(mode="live", x=(1.0, 2.0, 3.0)),
        ValueError,
        "x as a single example must have length 2",
    ),
    "backward_sweep x='a'": (lambda: W.backward_sweep(mode="live", x="a"), TypeError, "x must be a real number"),
    "simplex_kernel precompute='y'": (
        lambda: W.simplex_kernel(mode="live", precompute="y"),
        TypeError,
        "precompute must be True or False or None",
    ),
    # the last confusing and silent ones of the sweep
    "sgd('net')": (lambda: sgd("net", X, Y, 0.1, 2), TypeError, r"net must be a Network \(sgd trains a Network"),
    "descend theta0 of 3 on a 2-D bowl": (
        lambda: descend(QuadraticBowl((1.0, 10.0)).grad, [1.0, 1.0, 1.0], 0.1, 5),
        ValueError,
        r"theta0 must have length 2, one coordinate per curvature",
    ),
    "descend grad of another shape": (
        lambda: descend(lambda theta: np.ones(3), [1.0, 1.0], 0.1, 5),
        ValueError,
        r"grad\(theta0\) must return a gradient of theta0's shape \(2,\), got \(3,\)",
    ),
    "QuadraticBowl.grad of 3 on a 2-D bowl": (
        lambda: QuadraticBowl((1.0, 10.0)).grad(np.ones(3)),
        ValueError,
        r"theta must have length 2",
    ),
    "Network.copy after net.weights = [1, 2]": (
        lambda: _with_weights([1, 2]).copy(),
        ValueError,
        r"w\^\[1\] \(net.weights\[0\]\) must have shape \(3, 2\)",
    ),
    "Network.copy after net.weights = 5": (
        lambda: _with_weights(5).copy(),
        TypeError,
        "net.weights must be a list of 2 NumPy arrays",
    ),
    "gradient_descent_plot f(x, y) for a 1-D path": (
        lambda: F.gradient_descent_plot(f=lambda x, y: x * x + y * y, path=np.ones(3)),
        TypeError,
        "f must take one argument, an array with the parameters along its first axis",
    ),
    "gradient_descent_plot f of the wrong shape": (
        lambda: F.gradient_descent_plot(f=lambda t: t**2, path=np.ones(3)),
        ValueError,
        "f must return one cost per point",
    ),
    "gradient_descent_plot 2-D bowl, 1-D path": (
        lambda: F.gradient_descent_plot(f=QuadraticBowl((1.0, 10.0)), path=np.ones(3)),
        ValueError,
        "path must have 2 columns, one per curvature",
    ),
    "simplex_kernel_plot(line='x')": (
        lambda: F.simplex_kernel_plot(line="x"),
        TypeError,
        "line must be a KernelLine .made by backprop.simplex.kernel_along_line",
    ),
    "noise_seam_plot('x')": (lambda: F.noise_seam_plot("x"), TypeError, "lines must be a list of GradientLine"),
    "noise_seam_plot(['x'])": (lambda: F.noise_seam_plot(["x"]), TypeError, r"lines\[0\] must be a GradientLine"),
    "cost_curves(y=2)": (lambda: F.cost_curves(y=2.0), ValueError, r"y must lie in \[0, 1\], got 2.0"),
    "cost_curves(a=1.5)": (lambda: F.cost_curves(a=1.5), ValueError, r"a must lie in \[0.005, 0.995\]"),
    "CostCurves.set_state(a=-1)": (lambda: F.cost_curves().set_state(a=-1.0), ValueError, "a must lie in"),
    "CostCurves.set_state(y=nan)": (lambda: F.cost_curves().set_state(y=float("nan")), ValueError, "y must lie in"),
    "gradient_norm_plot scale=-1": (
        lambda: F.gradient_norm_plot({"sigmoid": [1.0, 0.1]}, scale=-1.0),
        ValueError,
        "scale must be a positive finite number, got -1.0",
    ),
    "gradient_norm_plot scale='x'": (
        lambda: F.gradient_norm_plot({"sigmoid": [1.0, 0.1]}, scale="x"),
        ValueError,
        "scale must be a positive number or 'unscaled'",
    ),
    "training_explorer n=1": (lambda: W.training_explorer(mode="live", n=1), ValueError, "n must be an integer >= 2"),
    # derive's own inputs
    "derive equation=5": (lambda: derive(5), ValueError, r"equation \(BP1–BP4\) must be an integer in 1\.\.4"),
    "derive BP2 without a hidden layer": (
        lambda: derive(2, (2, 2)),
        ValueError,
        r"sizes must list at least 3 layer widths \(BP2 needs a hidden layer\)",
    ),
    "derive closed_form of one argument": (
        lambda: derive(1, closed_form=lambda net: 0),
        TypeError,
        r"closed_form must be called as f\(net, l, j\)",
    ),
    "derive closed_form returning None": (
        lambda: derive(1, closed_form=lambda net, l, j: None),
        TypeError,
        r"closed_form\(net, l, j\) must be an Expr \(a SymPy expression or a number\), got NoneType",
    ),
    "derive closed_form and variant": (
        lambda: derive(1, variant="no_half", closed_form=lambda net, l, j: 0),
        ValueError,
        "a closed_form replaces the variants",
    ),
}


def _with_weights(weights):
    net = Network([2, 3, 2], seed=0)
    net.weights = weights
    return net


@pytest.mark.parametrize("name", list(CASES))
def test_bad_input_gets_a_clear_error(name):
    call, error, message = CASES[name]
    with pytest.raises(error, match=message):
        call()
    plt.close("all")


def test_good_inputs_next_to_the_bad_ones_still_work():
    gen = np.random.default_rng(3)
    assert Network([2, 3, 2], seed=gen).sizes == [2, 3, 2]  # a Generator is a seed
    assert Network([2, 3, 2], seed=np.int64(4)).sizes == [2, 3, 2]
    _, axes = plt.subplots(1, 2)
    assert F.cost_curves(axes).alt  # an array of Axes for a two-panel figure
    assert F.network_diagram(axes[0], sizes=(2, 3, 2)).alt
    assert "over 2 epochs" in F.loss_curve(costs=[1.0, 0.5, float("inf")]).alt  # a diverged run is drawn
    assert History().epochs == 0
    assert F.cost_curves(y=0.0, a=0.995).a == 0.995  # the ends of the ranges are drawn
    assert F.gradient_norm_plot({"sigmoid": [1.0, 0.1]}, scale="unscaled").scale == "unscaled"
    assert descend(QuadraticBowl((1.0, 10.0)).grad, [1.0, 1.0], 0.1, 2).shape == (3, 2)
    net = Network([2, 3, 2], seed=0)
    net.weights[0][0, 0] = np.nan
    assert not np.isfinite(net.copy().weights[0][0, 0])  # a diverged network can still be copied
    plt.close("all")
