"""What a gradient costs: backpropagation against finite differences, counted and timed.

``multiply_adds(sizes, m)`` counts the multiply-adds of the matrix products in one forward pass, one
backward pass (BP2 and BP4) and a central finite-difference gradient (two forward passes per
parameter). ``time_gradients(net, X, Y)`` measures both gradients on one CPU thread, and
``time_passes(net, X, Y)`` a forward pass against backpropagation (forward and backward), to set the
clock beside the count.
``stored_values(sizes, m, every)`` counts the numbers a backward pass needs kept from the forward pass, with
and without checkpointing, and the forward multiply-adds checkpointing runs again.
``shared_subexpressions(sizes)`` counts, with SymPy, how often the written-out derivatives of the
cost repeat the same pieces (each ``z_j^[l]`` and ``g'(z_j^[l])``) that backpropagation computes once.
"""

from __future__ import annotations

import time
from contextlib import contextmanager
from dataclasses import dataclass

from ._validate import layer_sizes, positive_int
from .gradcheck import check_gradients

__all__ = [
    "multiply_adds",
    "stored_values",
    "one_thread",
    "GradientTiming",
    "time_gradients",
    "PassTiming",
    "time_passes",
    "SharedSubexpressions",
    "shared_subexpressions",
]


def multiply_adds(sizes, m: int = 1) -> dict:
    """Multiply-adds of the matrix products for a batch of ``m`` examples.

    ``forward``: ``z^[l] = w^[l] a^[l-1]`` for every layer, ``m Σ_l n_l n_{l-1}``;
    ``bp2``: ``(w^[l+1])ᵀ e^[l+1]`` for ``l = L-1..1`` (no error is needed for the input layer);
    ``bp4``: ``e^[l] (a^[l-1])ᵀ``, the size of the forward product again;
    ``backprop``: forward + bp2 + bp4; ``finite_differences``: two forward passes per parameter;
    ``params``: the number of weights and biases.
    """
    n = layer_sizes(sizes)
    m = positive_int(m, "m")
    layers = [n[l] * n[l - 1] for l in range(1, len(n))]
    forward = m * sum(layers)
    bp2 = m * sum(layers[1:])
    bp4 = m * sum(layers)
    params = sum(layers) + sum(n[1:])
    return {
        "forward": forward,
        "bp2": bp2,
        "bp4": bp4,
        "backprop": forward + bp2 + bp4,
        "finite_differences": 2 * params * forward,
        "params": params,
    }


def stored_values(sizes, m: int = 1, every: int | None = None) -> dict:
    """Numbers kept for the backward pass of a batch of ``m`` examples, and the price of keeping fewer.

    Without checkpointing (``every=None``) the forward pass keeps the input ``a^[0]`` and every ``z^[l]`` and
    ``a^[l]``, ``l = 1..L``: ``stored = m (n_0 + 2 Σ_l n_l)``, and nothing is recomputed.

    With a checkpoint every ``every`` layers the forward pass keeps only ``a^[0], a^[k], a^[2k], …`` (``k =
    every``, below ``L``) and the values of the last segment, where the backward pass starts. The backward
    pass then re-runs each earlier segment forward from its checkpoint, keeps its ``z`` and ``a`` while it
    crosses that segment, and frees them. ``stored`` is the peak: the checkpoints plus the largest segment.
    ``recomputed`` counts the forward multiply-adds run again (every segment but the last), and
    ``forward`` those of one forward pass.
    """
    n = layer_sizes(sizes)
    m = positive_int(m, "m")
    L = len(n) - 1
    forward = m * sum(n[l] * n[l - 1] for l in range(1, L + 1))
    if every is None:
        return {"stored": m * (n[0] + 2 * sum(n[1:])), "recomputed": 0, "forward": forward}
    k = positive_int(every, "every")
    starts = list(range(0, L, k))  # each segment runs from checkpoint a^[s] through layer min(s + k, L)
    segments = [range(s + 1, min(s + k, L) + 1) for s in starts]
    checkpoints = sum(n[s] for s in starts)
    peak = max(2 * sum(n[l] for l in seg) for seg in segments)
    recomputed = sum(n[l] * n[l - 1] for seg in segments[:-1] for l in seg)
    return {"stored": m * (checkpoints + peak), "recomputed": m * recomputed, "forward": forward}


@contextmanager
def one_thread():
    """Limit NumPy's BLAS to one thread inside the ``with`` block (needs threadpoolctl).

    Yields ``True`` when the limit is in force, ``False`` when threadpoolctl is missing (the
    timings then use however many threads BLAS chooses).
    """
    try:
        from threadpoolctl import threadpool_limits
    except ImportError:  # pragma: no cover - depends on the environment
        yield False
        return
    with threadpool_limits(limits=1):
        yield True


@dataclass
class GradientTiming:
    """Seconds for one gradient by backpropagation and by central finite differences."""

    backprop: float
    finite_differences: float
    params: int
    one_thread: bool
    ok: bool

    @property
    def ratio(self) -> float:
        """How many times longer finite differences take."""
        return self.finite_differences / self.backprop

    def __repr__(self) -> str:
        return (
            f"GradientTiming(backprop={self.backprop * 1e3:.3g} ms, finite differences="
            f"{self.finite_differences:.3g} s, ratio={self.ratio:,.0f}, "
            f"params={self.params}, one_thread={self.one_thread})"
        )


def _best_of(n, f):
    """The shortest of ``n`` timed calls of ``f`` (seconds), and the last result."""
    best, result = float("inf"), None
    for _ in range(n):
        start = time.perf_counter()
        result = f()
        best = min(best, time.perf_counter() - start)
    return best, result


@dataclass
class PassTiming:
    """Seconds for one forward pass and for one gradient by backpropagation (forward and backward pass)."""

    forward: float
    backprop: float
    one_thread: bool

    @property
    def ratio(self) -> float:
        """Backpropagation's time in forward passes: the clock's answer to ``multiply_adds``' count."""
        return self.backprop / self.forward

    def __repr__(self) -> str:
        return (
            f"PassTiming(forward={self.forward * 1e6:.3g} µs, backprop={self.backprop * 1e6:.3g} µs, "
            f"ratio={self.ratio:.2f}, one_thread={self.one_thread})"
        )


def time_passes(net, X, Y, repeat: int = 100) -> PassTiming:
    """Time ``net.forward`` and ``net.backprop`` on the batch ``(X, Y)``, best of ``repeat`` runs each, on
    one BLAS thread.

    The batch is checked once beforehand, so neither timing includes the input checks. The ratio counts
    everything the clock sees (elementwise work such as ``g'(z)``, memory traffic, Python calls), not only
    the multiply-adds of the matrix products; it depends on the machine.
    """
    repeat = positive_int(repeat, "repeat")
    batch = net.check_batch(X, Y)
    with one_thread() as limited:
        fw, _ = _best_of(repeat, lambda: net.forward(batch))
        bp, _ = _best_of(repeat, lambda: net.backprop(batch))
    return PassTiming(fw, bp, limited)


def time_gradients(net, X, Y, repeat: int = 20, fd_repeat: int = 3) -> GradientTiming:
    """Time ``net.backprop(X, Y)`` (best of ``repeat`` runs) and ``check_gradients(net, X, Y)`` (best of
    ``fd_repeat``).

    Both are the best of several runs, so that a moment of load on a shared machine inflates neither
    (a single finite-difference run against a best-of-20 backpropagation would overstate the ratio).
    The finite-difference gradient perturbs every parameter; ``ok`` says the two gradients agree.
    Both run with BLAS limited to one thread (see :func:`one_thread`).
    """
    repeat = positive_int(repeat, "repeat")
    fd_repeat = positive_int(fd_repeat, "fd_repeat")

    with one_thread() as limited:
        bp, _ = _best_of(repeat, lambda: net.backprop(X, Y))
        fd, check = _best_of(fd_repeat, lambda: check_gradients(net, X, Y))
    return GradientTiming(bp, fd, net.n_params, limited, check.ok)


@dataclass
class SharedSubexpressions:
    """How the written-out derivatives of ``c_x`` repeat the pieces backpropagation shares.

    ``rows``: ``(name, times written, derivatives containing it)`` for every ``z_j^[l]`` and
    ``g'(z_j^[l])`` (names in LaTeX, ``z_{1}^{[2]}``); ``ops_written_out``: SymPy's operation
    count of all the derivatives;
    ``ops_shared``: the count after common-subexpression elimination (``sympy.cse``), which
    writes each repeated piece once; ``example``: ``∂c_x/∂w_11^[1]`` in LaTeX.
    """

    sizes: tuple
    n_derivatives: int
    rows: list
    ops_written_out: int
    ops_shared: int
    #: LaTeX of one written-out derivative, ``∂c_x/∂w_11^[1]``, with ``z`` and ``a`` folded back in.
    example: str = ""


def shared_subexpressions(sizes=(2, 3, 2)) -> SharedSubexpressions:
    """Differentiate ``c_x`` of the symbolic network by every parameter, and count repeats.

    Uses a generic activation ``g`` and the quadratic cost (``backprop.symbolic``).
    """
    import sympy as sp

    from . import symbolic

    net = symbolic.network(tuple(layer_sizes(sizes)), "generic")
    params = [w for W in net.W for w in W] + [b for B in net.B for b in B]  # row-major, layer by layer
    ders = [symbolic.normalize(sp.diff(net.cost, p)) for p in params]
    rows = []
    for l in range(1, net.L + 1):
        for j in range(net.sizes[l]):
            z = net.Z[l - 1][j]
            gp = symbolic.g_prime(z)
            name = f"z_{{{j + 1}}}^{{[{l}]}}"
            rows.append((name, sum(d.count(z) for d in ders), sum(d.has(z) for d in ders)))
            rows.append((f"g'({name})", sum(d.count(gp) for d in ders), sum(d.has(gp) for d in ders)))
    replacements, reduced = sp.cse(ders)
    shared = sum(sp.count_ops(r) for _, r in replacements) + sum(sp.count_ops(d) for d in reduced)
    return SharedSubexpressions(
        tuple(net.sizes), len(ders), rows, int(sum(sp.count_ops(d) for d in ders)), int(shared), _aligned(net, ders[0])
    )


def _aligned(net, expr) -> str:
    """``∂c_x/∂w_11^[1] = …`` with one term per line, to fit a narrow column."""
    terms = expr.args if expr.is_Add else (expr,)
    body = r" \\ &\quad + ".join(net.latex(t) for t in terms)
    return r"\begin{aligned} \frac{\partial c_x}{\partial w_{11}^{[1]}} &= " + body + r" \end{aligned}"
