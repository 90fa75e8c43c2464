"""Vanishing and exploding gradients: BP2 unrolled, and the size of the error layer by layer.

BP2 applied from the output back to layer ``l`` is a product of matrices,

    e^[l] = D^[l] (w^[l+1])ᵀ D^[l+1] (w^[l+2])ᵀ ··· D^[L-1] (w^[L])ᵀ e^[L],   D^[k] = diag(g'(z^[k])),

so each layer multiplies the size of the error by a *weight factor* ``‖(w^[l+1])ᵀ e^[l+1]‖ / ‖e^[l+1]‖``
and a *slope factor* ``‖g'(z^[l]) ⊙ v‖ / ‖v‖``. ``unrolled_error`` computes the product;
``layer_gains`` measures both factors on a network, and ``activation_rms`` the size of the forward signal;
``activation_stats`` gives the mean, standard deviation and spread of ``a^[l]`` layer by layer;
``signal_factors`` sums one network up in per-layer factors (forward signal, its spread over the examples,
backward error, slope and weight factors);
``weight_changes`` trains a network and reports how far each layer's weights moved;
``scaled_network`` builds a network whose initial weights are ``scale`` times the package's
``1/sqrt(n_{l-1})`` Gaussians, with zero biases unless asked otherwise (the initialization literature's
assumption); ``gradient_norms`` returns ``‖∂C/∂w^[l]‖`` for every layer.
``predicted_gain`` is the back-of-the-envelope prediction (weight factor ``s`` times slope factor, per
BP2 step), and ``gain_slips`` what the usual slips in that prediction give (for a self-check question).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from . import _validate
from ._validate import positive_float
from .network import Network

__all__ = [
    "scaled_network",
    "unrolled_error",
    "LayerGains",
    "layer_gains",
    "activation_rms",
    "activation_spread",
    "ActivationStats",
    "activation_stats",
    "SignalFactors",
    "signal_factors",
    "gradient_norms",
    "norms_by_scale",
    "weight_changes",
    "UNSCALED",
    "BIASES",
    "SLOPE_FACTORS",
    "predicted_gain",
    "gain_slips",
]

#: ``scale=UNSCALED``: standard Gaussian weights, no ``1/sqrt(n_{l-1})``; that is ``s = sqrt(n_{l-1})``,
#: a different ``s`` in each layer whose fan-in differs.
UNSCALED = "unscaled"
#: The initial biases :func:`scaled_network` offers: ``"zero"`` (LeCun, Glorot and He assume it) or
#: ``"normal"`` (the package's default ``N(0, 1)``, Nielsen's convention).
BIASES = ("zero", "normal")


def _layer_scales(sizes, scale) -> list:
    if isinstance(scale, str):
        if scale != UNSCALED:
            raise ValueError(f"scale must be a positive number or {UNSCALED!r}, got {scale!r}")
        return [float(np.sqrt(n)) for n in sizes[:-1]]
    return [positive_float(scale, "scale")] * (len(sizes) - 1)


def scaled_network(
    sizes, scale=1.0, activation="sigmoid", cost_function="quadratic", seed=None, biases: str = "zero"
) -> Network:
    """A ``Network`` whose weights start as ``N(0, scale² / n_{l-1})`` (``scale = 1``: the package's).

    ``scale``: a positive number, or ``UNSCALED`` for standard Gaussian weights (``s = sqrt(n_{l-1})``
    in layer ``l``). ``biases``: ``"zero"`` (every ``b^[l] = 0``) or ``"normal"`` (the package's
    ``N(0, 1)`` draws, kept as ``Network`` made them). The same ``seed`` gives the same random draws
    for every ``scale``, only multiplied.
    """
    if biases not in BIASES:
        raise ValueError(f"biases must be one of {BIASES}, got {biases!r}")
    net = Network(sizes, activation=activation, cost_function=cost_function, seed=seed)
    net.weights = [s * w for s, w in zip(_layer_scales(net.sizes, scale), net.weights)]
    if biases == "zero":
        net.biases = [np.zeros_like(b) for b in net.biases]
    return net


def _one_example(net, x, y):
    batch = net.check_batch(x, y)
    if batch.X.shape[1] != 1:
        raise ValueError(f"unrolled_error takes one example (one column), got {batch.X.shape[1]}")
    return batch


def unrolled_error(net: Network, x, y, l: int) -> np.ndarray:
    """``e^[l]`` for one example as the product ``D^[l] (w^[l+1])ᵀ ··· D^[L-1] (w^[L])ᵀ e^[L]``.

    Builds the ``(n_l, n_L)`` matrix of the product explicitly (no BP2 loop), then applies it to
    the output error of BP1. Returns shape ``(n_l, 1)``, to compare with ``net.backward(x, y).e(l)``.
    """
    batch = _one_example(net, x, y)
    Y = batch.Y
    l = _validate.layer(l, net.L)
    fwd = net.forward(batch)
    L = net.L
    e_L = net.cost_function.output_error(fwd.z(L), fwd.a(L), Y, net.g(L))
    product = np.eye(net.sizes[L])
    for k in range(L - 1, l - 1, -1):
        D = np.diag(net.g(k).prime(fwd.z(k), fwd.a(k))[:, 0])
        product = D @ net.w(k + 1).T @ product
    return product @ e_L


@dataclass
class LayerGains:
    """Per layer ``l = 1..L``: ``error_norms[l-1] = ‖e^[l]‖`` (over the whole batch, Frobenius);
    for ``l = 1..L-1`` the factors of BP2 from layer ``l+1`` to ``l``: ``weight[l-1]`` (of the
    product with ``(w^[l+1])ᵀ``), ``slope[l-1]`` (of the product with ``g'(z^[l])``) and
    ``gain[l-1] = weight · slope = ‖e^[l]‖ / ‖e^[l+1]‖``.
    """

    error_norms: list
    weight: list
    slope: list

    @property
    def gain(self) -> list:
        return [w * s for w, s in zip(self.weight, self.slope)]

    @property
    def mean_gain(self) -> float:
        """The geometric mean of the gains: ``(‖e^[1]‖ / ‖e^[L]‖) ** (1 / (L-1))``."""
        return float((self.error_norms[0] / self.error_norms[-1]) ** (1 / (len(self.error_norms) - 1)))


def layer_gains(net: Network, X, Y) -> LayerGains:
    """Measure the two factors by which each BP2 step scales the error, on a batch ``(X, Y)``."""
    bw = net.backward(X, Y)
    norms = [float(np.linalg.norm(e)) for e in bw.errors]
    weight, slope = [], []
    for l in range(1, net.L):
        back = net.w(l + 1).T @ bw.e(l + 1)
        weight.append(float(np.linalg.norm(back) / norms[l]))
        slope.append(float(norms[l - 1] / np.linalg.norm(back)))
    return LayerGains(norms, weight, slope)


def activation_rms(net: Network, X) -> np.ndarray:
    """The root mean square of ``a^[l]`` over units and examples, for ``l = 0..L``, shape ``(L+1,)``:
    the size of the forward signal, layer by layer."""
    fwd = net.forward(X)
    return np.array([np.sqrt(np.mean(np.square(fwd.a(l)))) for l in range(net.L + 1)])


def activation_spread(net: Network, X) -> np.ndarray:
    """The root mean square of ``a^[l]`` minus its mean over the examples, for ``l = 0..L``, shape
    ``(L+1,)``: the part of the forward signal that differs from example to example (a layer whose
    units give every input the same value has spread 0, whatever its root mean square)."""
    fwd = net.forward(X)
    return np.array([np.sqrt(np.mean(np.square(a - a.mean(axis=1, keepdims=True)))) for a in fwd.activations])


@dataclass(frozen=True)
class ActivationStats:
    """The forward signal of one network on one batch, layer by layer (each of shape ``(L+1,)``, index
    ``l`` for ``a^[l]``): ``mean`` and ``std`` over all units and examples, and ``spread``, the part of
    ``std`` that differs from example to example (:func:`activation_spread`)."""

    mean: np.ndarray
    std: np.ndarray
    spread: np.ndarray


def activation_stats(net: Network, X) -> ActivationStats:
    """Mean, standard deviation and spread of ``a^[l]`` for ``l = 0..L`` on the batch ``X``."""
    fwd = net.forward(X)
    return ActivationStats(
        mean=np.array([np.mean(a) for a in fwd.activations]),
        std=np.array([np.std(a) for a in fwd.activations]),
        spread=activation_spread(net, X),
    )


@dataclass(frozen=True)
class SignalFactors:
    """One network on one batch, summed up per layer (each a geometric mean over the steps, 1 is steady):
    ``forward`` and ``spread`` the factors of :func:`activation_rms` and :func:`activation_spread` from
    one hidden layer to the next (layers ``1..L-1``); ``backward`` the factor of ``‖e^[l]‖`` per BP2 step
    (:attr:`LayerGains.mean_gain`); ``slope`` and ``weight`` the arithmetic means of the BP2 factors."""

    forward: float
    spread: float
    backward: float
    slope: float
    weight: float


def signal_factors(net: Network, X, Y) -> SignalFactors:
    """The per-layer factors of ``net`` on the batch ``(X, Y)``; needs at least two hidden layers."""
    if net.L < 3:
        raise ValueError(f"signal_factors needs at least two hidden layers (L >= 3), got L = {net.L}")
    steps = 1 / (net.L - 2)
    rms, spread = activation_rms(net, X), activation_spread(net, X)
    g = layer_gains(net, X, Y)
    return SignalFactors(
        forward=float((rms[net.L - 1] / rms[1]) ** steps),
        spread=float((spread[net.L - 1] / spread[1]) ** steps),
        backward=g.mean_gain,
        slope=float(np.mean(g.slope)),
        weight=float(np.mean(g.weight)),
    )


def gradient_norms(net: Network, X, Y) -> np.ndarray:
    """``‖∂C/∂w^[l]‖`` (Frobenius) for ``l = 1..L``, shape ``(L,)``."""
    nabla_w, _ = net.backprop(X, Y)
    return np.array([np.linalg.norm(g) for g in nabla_w])


def weight_changes(net: Network, X, Y, eta: float, epochs: int, batch_size=None, seed=None):
    """Train ``net`` in place by :func:`backprop.training.sgd`; return ``(changes, history)``.

    ``changes[l-1] = ‖w^[l]_after − w^[l]_before‖ / ‖w^[l]_before‖`` for ``l = 1..L``, shape ``(L,)``:
    how far training moved each layer's weights, relative to their initial size.
    """
    from .training import sgd

    before = [w.copy() for w in net.weights]
    history = sgd(net, X, Y, eta, epochs, batch_size=batch_size, seed=seed)
    changes = np.array([np.linalg.norm(w - w0) / np.linalg.norm(w0) for w, w0 in zip(net.weights, before)])
    return changes, history


def _key(scale):
    return scale if isinstance(scale, str) else float(scale)


def norms_by_scale(
    sizes, scales, activations, X, Y, cost_function="cross_entropy", seed=None, biases: str = "zero"
) -> dict:
    """``{scale: {activation: ‖∂C/∂w^[l]‖ for l = 1..L}}`` on the batch ``(X, Y)``.

    Every network starts from the same seeded draws, multiplied by ``scale``
    (:func:`scaled_network`, which also takes ``UNSCALED``), so only the scale and the activation
    differ. Keys are ``float(scale)``, or the string ``UNSCALED``.
    """
    return {
        _key(s): {
            a: gradient_norms(scaled_network(sizes, s, a, cost_function, seed, biases), X, Y) for a in activations
        }
        for s in scales
    }


#: The slope factor of each activation in the variance argument: the typical ``|g'(z)|`` for weighted
#: inputs near 0 (sigmoid ``σ'(0) = 1/4``, tanh ``tanh'(0) = 1``), and for ReLU, whose slope is 1 on the
#: half of the units that are active and 0 on the rest, the root mean square ``sqrt(1/2)``.
SLOPE_FACTORS = {"sigmoid": 0.25, "tanh": 1.0, "relu": float(np.sqrt(0.5))}


def _slope_factor(activation: str) -> float:
    if activation not in SLOPE_FACTORS:
        raise ValueError(f"activation must be one of {sorted(SLOPE_FACTORS)}, got {activation!r}")
    return SLOPE_FACTORS[activation]


def predicted_gain(scale, activation: str, steps: int = 1) -> float:
    """``(scale · slope)**steps``: the factor by which ``steps`` BP2 steps multiply ``‖e‖``, predicted from
    the weight factor (about ``scale``) and the slope factor ``SLOPE_FACTORS[activation]``."""
    steps = _validate.positive_int(steps, "steps")
    return float((positive_float(scale, "scale") * _slope_factor(activation)) ** steps)


def gain_slips(scale, activation: str, steps: int, tol: float) -> dict:
    """``{diagnosis: value}``: what the usual slips in :func:`predicted_gain` give, each diagnosis
    completing "what you get if you …": the slope factor forgotten, the factors' squares (variances)
    multiplied, ReLU's share of active units ``1/2`` taken for its slope factor ``1/sqrt(2)``, one step
    too many or too few, the factor of one step only, the factors added instead of multiplied, and the
    reciprocal. As in :func:`backprop.selfcheck.backprop_slips`, a slip within ``2·tol`` of the answer is
    dropped and slips within ``2·tol`` of each other are merged, their diagnoses joined by "or"."""
    steps = _validate.positive_int(steps, "steps")
    scale, slope = positive_float(scale, "scale"), _slope_factor(activation)
    tol = positive_float(tol, "tol")
    gain = scale * slope
    answer = gain**steps
    alone = "s per step" + (" where s/√2 belongs" if activation == "relu" else ", the weight factor alone")
    found = [
        (f"forget the slope factor ({alone})", scale**steps),
        ("multiply the variances s² and g′² instead of the sizes s and |g′|", (scale**2 * slope**2) ** steps),
    ]
    if activation == "relu":
        found.append(
            (
                "take ReLU's slope factor as ½, the share of active units, instead of its root mean square 1/√2",
                (scale / 2) ** steps,
            )
        )
    found += [
        (f"count one step too many ({steps + 1} instead of {steps})", gain ** (steps + 1)),
        (f"count one step too few ({steps - 1} instead of {steps})", gain ** (steps - 1)),
        ("give the factor of one step, not of all of them", gain),
        ("add the factors of the steps instead of multiplying them", steps * gain),
        ("invert the ratio: that is the error's size at the last layer over the first", 1 / answer),
    ]
    slips: dict = {}
    for diagnosis, value in found:
        if not np.isfinite(value) or abs(value - answer) <= 2 * tol:
            continue
        same = [d for d, v in slips.items() if abs(v - value) <= 2 * tol]
        if same:
            slips[f"{same[0]}, or {diagnosis}"] = slips.pop(same[0])
            continue
        slips[diagnosis] = float(value)
    return slips
