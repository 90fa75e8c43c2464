"""Widgets on plots: the costs, gradient descent on the bowl, the chain rule, training on two moons, the
simplex kernel."""

from __future__ import annotations

import itertools
from typing import Optional

import numpy as np

from .. import figures as F
from .._validate import flag, integer, same_shape, unit_interval
from .core import Control, BookWidget, build, example_net, register


# == 03 cost ==============================================================================================
def _sigmoid_output_errors(a: float, y: float) -> dict:
    """``e = ∂c/∂z`` of each cost for a sigmoid output ``a = σ(z)`` with target ``y``: BP1 by the package's costs."""
    from ..activations import get_activation
    from ..costs import get_cost

    sigmoid = get_activation("sigmoid")
    A, Y = np.array([[a]]), np.array([[y]])
    Z = np.log(A / (1 - A))  # the z with σ(z) = a
    return {name: float(get_cost(name).output_error(Z, A, Y, sigmoid)[0, 0]) for name in ("quadratic", "cross_entropy")}


@register
def cost_explorer(mode: str = "auto", *, a: float = 0.3, y: float = 1.0) -> BookWidget:
    """Move the prediction ``a`` against the target ``y``: quadratic vs cross-entropy, and their slopes.

    It opens at ``a`` (rounded to the slider's step of 0.01) and ``y``, e.g. an output of the running example
    and its target.

    The readout gives each cost ``c``, its slope ``c' = ∂c/∂a`` and, for a sigmoid output ``a = σ(z)``, its
    error ``e = ∂c/∂z`` (BP1), which the chapter compares: near the target the slopes differ but both
    errors vanish. The drawing keeps them: ``drawing.marked`` is ``(c, c')`` of the quadratic cost then of
    cross-entropy, ``drawing.errors`` maps each cost's name to ``e``.
    """

    # the slider's range and step, as a slider would clamp it
    a = min(max(round(unit_interval(a, "a"), 2), 0.01), 0.99)
    y = unit_interval(y, "y")

    def setup():
        d = F.cost_curves(y=y, a=a)
        state = {"y": None}

        def update(v):
            y = None if v["y"] == state["y"] else v["y"]
            state["y"] = v["y"]
            alt = d.set_state(y=y, a=v["a"])
            cq, gq, ce, ge = d.marked
            d.errors = errors = _sigmoid_output_errors(d.a, d.y)
            eq, ece = errors["quadratic"], errors["cross_entropy"]
            # short lines: the box must stay inside the left panel
            d.artists["readout"].set_text(
                f"$y$={d.y:.2f}, $a$={d.a:.2f}\n"
                f"quadratic: c={cq:.3f}\n  c'={gq:+.2f}, e={eq:+.3f}\n"
                f"cross-entropy: c={ce:.3f}\n  c'={ge:+.2f}, e={ece:+.3f}"
            )
            return (
                alt + f" For a sigmoid output a = sigmoid(z), the error e = dc/dz is {eq:.3f} for the quadratic "
                f"cost and {ece:.3f} for cross-entropy."
            )

        return d, update

    specs = [
        Control("a", "prediction a", a, 0.01, 0.99, 0.01, static=[round(x, 2) for x in np.linspace(0.05, 0.95, 10)]),
        Control("y", "target y", y, 0.0, 1.0, 0.05, static=[0.0, 1.0]),
    ]
    return build("cost_explorer", specs, setup, mode)


# == 04 gradient descent ==================================================================================
@register
def gradient_descent_explorer(mode: str = "auto", *, curvature=(1.0, 10.0), start=(-2.0, 1.0)) -> BookWidget:
    """Learning rate ``η`` and number of steps on the bowl ``C = ½(h₁θ₁² + h₂θ₂²)``.

    Below ``1/h_max`` the path converges smoothly, between ``1/h_max`` and ``2/h_max`` it oscillates across
    the valley and still converges (fastest at ``2/(h_min + h_max)``), at exactly ``2/h_max`` it oscillates
    forever and beyond it diverges: the status comes from ``figures.bowl_regime``.
    """
    from ..training import QuadraticBowl, descend

    same_shape(curvature, (2,), "curvature (h_1, h_2)")
    same_shape(start, (2,), "start (θ_1, θ_2)")
    bowl = QuadraticBowl(tuple(float(h) for h in curvature))
    crit = bowl.eta_critical

    def setup():
        d = F.gradient_descent_plot(f=bowl, path=np.array([start]), xlim=(-2.5, 2.5), ylim=(-1.5, 1.5))

        def update(v):
            path = descend(bowl.grad, start, v["eta"], int(v["steps"]))
            label = f"η = {v['eta']:.3f} (diverges above 2/h_max = {crit:.2f}), "
            return d.set_path(path, max_steps=40, label=label, eta=v["eta"])

        return d, update

    specs = [
        Control("eta", "learning rate η", 0.05, 0.005, 0.25, 0.005, static=[0.02, 0.05, 0.1, 0.19, 0.2, 0.21]),
        Control("steps", "steps", 20, 1, 40, 1, integer=True, static=[5, 10, 20, 40]),
    ]
    return build("gradient_descent_explorer", specs, setup, mode)


# == 05 chain rule ========================================================================================
@register
def chain_rule_explorer(mode: str = "auto") -> BookWidget:
    """Move ``z``: ``c(a(z))``, the local slopes ``∂c/∂a`` and ``∂a/∂z``, their product vs the measured slope."""

    def setup():
        d = F.chain_rule_plot(z=0.5, y=1.0)

        def update(v):
            return d.set_z(v["z"], activation=v["activation"])

        return d, update

    specs = [
        Control("z", "input z", 0.5, -6.0, 6.0, 0.05, static=[float(x) for x in np.linspace(-6, 6, 13)]),
        Control("activation", "activation g", "sigmoid", options=["sigmoid", "tanh"], static=["sigmoid", "tanh"]),
    ]
    return build("chain_rule_explorer", specs, setup, mode)


# == 08 in practice: training =============================================================================
TRAIN_ETAS = (0.1, 0.3, 1.0, 3.0, 10.0, 30.0)
TRAIN_WIDTHS = (1, 2, 3, 5, 8)
TRAIN_ACTIVATIONS = ("sigmoid", "tanh", "relu")


@register
def training_explorer(
    mode: str = "auto",
    *,
    epochs: int = 200,
    n: int = 120,
    noise: float = 0.2,
    seed: int = 0,
    precompute: Optional[bool] = None,
) -> BookWidget:
    """Learning rate, hidden width and activation: the decision boundary on two moons and the loss curve.

    A ``[2, width, 1]`` network with a sigmoid output and the cross-entropy cost, trained by full-batch
    ``training.sgd`` for ``epochs`` epochs. Every training is cached (about 20 ms each); in live mode all
    ``len(TRAIN_ETAS) × len(TRAIN_WIDTHS) × len(TRAIN_ACTIVATIONS)`` runs are done up front
    (``precompute=False`` to train on demand instead), so a callback only redraws.
    """
    from .. import data, training
    from ..activations import get_activation

    epochs = integer(epochs, "epochs", 1, 2000)
    n = integer(n, "n", 2)  # classes alternate: two points give each moon one, a boundary to draw
    precompute = flag(precompute, "precompute", optional=True)
    X, Y = data.two_moons(n, noise, seed=seed)
    cache = {}
    sigmoid = get_activation("sigmoid")

    def run(eta, width, act):
        key = (float(eta), int(width), act)
        if key not in cache:
            net = example_net((2, int(width), 1), seed=seed + 1, activation=act, cost_function="cross_entropy")
            net.output_activation = sigmoid  # sigmoid output whatever the hidden activation: a ∈ (0, 1)
            hist = training.sgd(net, X, Y, float(eta), epochs)
            cache[key] = (hist, net)
        return cache[key]

    def setup():
        hist, net = run(1.0, 3, "sigmoid")
        d = F.decision_boundary(net=net, X=X, Y=Y, history=hist, resolution=60)
        grid = d.grid

        def update(v):
            hist, net = run(v["eta"], v["width"], v["activation"])
            key = ("P", float(v["eta"]), int(v["width"]), v["activation"])
            if key not in cache:
                with np.errstate(all="ignore"):
                    cache[key] = net.feedforward(grid)
            label = f"η = {v['eta']:g}, width {int(v['width'])}, {v['activation']}:"
            return d.set_state(history=hist, output=cache[key], label=label)

        return d, update

    specs = [
        Control("eta", "learning rate η", 1.0, options=list(TRAIN_ETAS), slider=True, static=[0.3, 3.0, 30.0]),
        Control("width", "hidden neurons", 3, options=list(TRAIN_WIDTHS), slider=True, static=[1, 3, 8]),
        Control(
            "activation", "activation g", "sigmoid", options=list(TRAIN_ACTIVATIONS), static=list(TRAIN_ACTIVATIONS)
        ),
    ]
    w = build("training_explorer", specs, setup, mode)
    if w.mode == "live" and (precompute is None or precompute):
        for eta, width, act in itertools.product(TRAIN_ETAS, TRAIN_WIDTHS, TRAIN_ACTIVATIONS):
            run(eta, width, act)
    return w


# == 09 simplex radius ====================================================================================
SIMPLEX_R2 = tuple(round(0.40 + 0.01 * i, 2) for i in range(31))


@register
def simplex_kernel(mode: str = "auto", *, precompute: Optional[bool] = None) -> BookWidget:
    """Squared radius ``r²`` from 0.4 to 0.7 and the dimension ``N`` of the lattice: the kernel of a vertex
    along a line crossing the facet opposite it. At ``r² ≤ 0.5`` it reaches 0 before the facet; above, it is
    cut off there: the seam. The lines come from ``backprop.simplex.kernel_along_line`` (cached; all
    ``31 × 3`` are computed up front in live mode, about 1 s).
    """
    from .. import simplex

    precompute = flag(precompute, "precompute", optional=True)
    t = np.linspace(-0.6, 0.4, 160)  # 0 (the facet) is not a sample point
    cache = {}

    def line(n, r2):
        key = (int(n), round(float(r2), 2))
        if key not in cache:
            cache[key] = simplex.kernel_along_line(key[0], key[1], t=t)
        return cache[key]

    def setup():
        d = F.simplex_kernel_plot(line=line(2, 0.6))

        def update(v):
            return d.set_line(line(v["N"], v["r2"]))

        return d, update

    specs = [
        Control(
            "r2",
            "squared radius r²",
            0.6,
            0.40,
            0.70,
            0.01,
            fmt="{:.2f}",
            static=[0.40, 0.45, 0.50, 0.52, 0.55, 0.60, 0.65, 0.70],
        ),
        Control("N", "dimension N", 2, options=[2, 3, 4], static=[2, 3, 4]),
    ]
    w = build("simplex_kernel", specs, setup, mode)
    if w.mode == "live" and (precompute is None or precompute):
        for n, r2 in itertools.product((2, 3, 4), SIMPLEX_R2):
            line(n, r2)
    return w
