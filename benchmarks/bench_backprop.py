"""Speed of the package's backprop, measured as ratios within one run (machines here are shared and noisy).

1. ``Network.backprop`` against PyTorch CPU autograd on [784, 30, 10] with a mini-batch of 10 and on
   [784, 128, 128, 10] with a batch of 128 (sigmoid, quadratic cost, the same averaged gradient): the ratio
   ours / PyTorch should stay at or below 1.0. Measured three ways: interleaved in one process (wall time,
   default threads; CPU time, one thread), and each library alone in its own process running consecutive
   steps as a training loop does (CPU time, one thread, with the minor page faults per step: fresh arrays
   every step make glibc grow its heap and return the pages after each step, and that counts as system
   time). Needs PyTorch (``pip install torch``); without it this part says so and is skipped.
2. Batched ``Network.backprop`` vs a per-example loop in the style of Nielsen's ``network.py`` on
   [784, 30, 10] with a mini-batch of 10 (goal: batched at least 9x faster).
3. For reference, the share of a step spent in its bare matrix products (forward ``w a``, weight gradients
   ``e aᵀ``, errors back ``wᵀ e``) on [784, 128, 128, 10] batch 128 and [1024, 1024, 1024, 10] batch 256:
   the rest is the elementwise work (g, g', ⊙), the allocation of fresh arrays and the checks.

The package's code is the plain teaching code (fresh arrays every pass); nothing here is tuned for speed.

Run: python benchmarks/bench_backprop.py [--quick]   (--quick: fewer rounds, noisier)
"""

from __future__ import annotations

import sys
import time
import timeit

import numpy as np

from backprop import Network


REPEAT = 7 if "--quick" in sys.argv else 31


def best_times(*fns, repeat=None, timer=time.perf_counter):
    """Best per-call time of each function, measured interleaved.

    The functions take turns, ``repeat`` rounds, so that a burst of load from another process on this shared
    machine hits all of them alike; the minimum over rounds is the least noisy estimate of each. ``timer``:
    wall time by default; ``time.process_time`` measures this process's CPU time (user + system, so page
    faults count), which other processes on the machine disturb much less.
    """
    repeat = repeat or REPEAT
    timers = [timeit.Timer(fn, timer=timer) for fn in fns]
    numbers = [t.autorange()[0] for t in timers]
    best = [float("inf")] * len(fns)
    for _ in range(repeat):
        for i, (t, n) in enumerate(zip(timers, numbers)):
            best[i] = min(best[i], t.timeit(n) / n)
    return best


# -- the baseline: Nielsen's network.py (backprop and update_mini_batch), transcribed -------------------------
# Only the parameter update is left out, so that both sides compute the same thing: the averaged gradient.
def nielsen_sigmoid(z):
    return 1.0 / (1.0 + np.exp(-z))


def nielsen_sigmoid_prime(z):
    return nielsen_sigmoid(z) * (1 - nielsen_sigmoid(z))


def nielsen_backprop(weights, biases, x, y):
    nabla_b = [np.zeros(b.shape) for b in biases]
    nabla_w = [np.zeros(w.shape) for w in weights]
    activation = x
    activations = [x]
    zs = []
    for b, w in zip(biases, weights):
        z = np.dot(w, activation) + b
        zs.append(z)
        activation = nielsen_sigmoid(z)
        activations.append(activation)
    delta = (activations[-1] - y) * nielsen_sigmoid_prime(zs[-1])  # cost_derivative(a, y) = a - y
    nabla_b[-1] = delta
    nabla_w[-1] = np.dot(delta, activations[-2].transpose())
    for l in range(2, len(weights) + 1):
        z = zs[-l]
        sp = nielsen_sigmoid_prime(z)
        delta = np.dot(weights[-l + 1].transpose(), delta) * sp
        nabla_b[-l] = delta
        nabla_w[-l] = np.dot(delta, activations[-l - 1].transpose())
    return (nabla_b, nabla_w)


def nielsen_loop(net, mini_batch):
    """update_mini_batch's gradient: one backprop per (x, y) pair of column vectors, summed, then averaged."""
    nabla_b = [np.zeros(b.shape) for b in net.biases]
    nabla_w = [np.zeros(w.shape) for w in net.weights]
    for x, y in mini_batch:
        delta_nabla_b, delta_nabla_w = nielsen_backprop(net.weights, net.biases, x, y)
        nabla_b = [nb + dnb for nb, dnb in zip(nabla_b, delta_nabla_b)]
        nabla_w = [nw + dnw for nw, dnw in zip(nabla_w, delta_nabla_w)]
    m = len(mini_batch)
    return [nw / m for nw in nabla_w], [nb / m for nb in nabla_b]


def bare_products(net, X, E):
    """Only the matrix products of one step: forward w a, weight gradients e aᵀ, errors back wᵀ e."""
    acts = [X]
    for w in net.weights:
        acts.append(w @ acts[-1])
    for l in range(len(net.weights)):
        E[l] @ acts[l].T
    for l in range(1, len(net.weights)):
        net.weights[l].T @ E[l]


def setup(sizes, m, seed=0):
    rng = np.random.default_rng(seed)
    net = Network(sizes, seed=seed)
    X = rng.random((sizes[0], m))
    Y = np.zeros((sizes[-1], m))
    Y[rng.integers(0, sizes[-1], m), np.arange(m)] = 1.0
    return net, X, Y


def overhead():
    """The bare products' share of a ``backprop`` step, for a caller's ``net.backprop(X, Y)`` (which checks
    X and Y) and a training loop's ``net.backprop(batch)`` on a batch checked once."""
    for sizes, m in (([784, 128, 128, 10], 128), ([1024, 1024, 1024, 10], 256)):
        net, X, Y = setup(sizes, m)
        batch = net.check_batch(X, Y)
        E = [np.ones((n, m)) for n in sizes[1:]]
        t_bp, t_batch, t_mm = best_times(
            lambda: net.backprop(X, Y), lambda: net.backprop(batch), lambda: bare_products(net, X, E)
        )
        print(
            f"{sizes} batch {m}: backprop(X, Y) {t_bp * 1e3:.3f} ms, backprop(batch) {t_batch * 1e3:.3f} ms, "
            f"bare products {t_mm * 1e3:.3f} ms: products / step {t_mm / t_bp:.2f} "
            f"({t_mm / t_batch:.2f} on a checked batch)"
        )


def against_torch():
    """``Network.backprop`` vs PyTorch CPU autograd on the same networks, data and cost: wall time with
    each library's default threads, then CPU time of this process with one thread each (steadier when
    other processes share the machine)."""
    try:
        import torch
    except ImportError:
        print("  PyTorch is not installed: no comparison (pip install torch adds it)")
        return
    print(f"  torch {torch.__version__}; wall time, default threads (torch: {torch.get_num_threads()})")
    torch_times()
    try:
        from threadpoolctl import threadpool_limits
    except ImportError:
        return
    threads = torch.get_num_threads()
    print("  CPU time of this process, one thread each")
    torch.set_num_threads(1)
    try:
        with threadpool_limits(1):
            torch_times(timer=time.process_time)
    finally:
        torch.set_num_threads(threads)


def torch_backprop(net, X, Y):
    """PyTorch's autograd on the same sigmoid network, quadratic cost and batch: a function that runs one
    step and returns the gradients (weights then biases), as ``net.backprop`` does."""
    import torch

    m = X.shape[1]
    Ws = [torch.tensor(w, requires_grad=True) for w in net.weights]
    Bs = [torch.tensor(b, requires_grad=True) for b in net.biases]
    Xt, Yt = torch.tensor(X), torch.tensor(Y)

    def step():
        a = Xt
        for w, bb in zip(Ws, Bs):
            a = torch.sigmoid(w @ a + bb)
        c = 0.5 * ((a - Yt) ** 2).sum() / m
        for p in Ws + Bs:
            p.grad = None
        c.backward()
        return [p.grad for p in Ws + Bs]

    return step


def torch_times(timer=time.perf_counter):

    for sizes, m in SHAPES:
        net, X, Y = setup(sizes, m)
        torch_step = torch_backprop(net, X, Y)

        ours = net.backprop(X, Y)
        theirs = torch_step()
        assert all(np.allclose(p, q.numpy()) for p, q in zip(ours[0] + ours[1], theirs)), "torch disagrees"
        t_torch, t_bp = best_times(torch_step, lambda: net.backprop(X, Y), timer=timer)
        print(
            f"    {sizes} batch {m}: backprop {t_bp * 1e6:.0f} us, torch autograd {t_torch * 1e6:.0f} us, "
            f"ours / PyTorch {t_bp / t_torch:.2f} (goal <= 1.0)"
        )


SHAPES = (([784, 30, 10], 10), ([784, 128, 128, 10], 128))


def alone(which: str):
    """Run in a process of its own (``--alone ours|torch``): CPU time and minor page faults per step of
    consecutive steps, one thread, best of 5 blocks."""
    import resource

    from threadpoolctl import threadpool_limits

    for sizes, m in SHAPES:
        net, X, Y = setup(sizes, m)
        if which == "torch":
            import torch

            torch.set_num_threads(1)
            step = torch_backprop(net, X, Y)
        else:

            def step():
                net.backprop(X, Y)

        n = max(10, int(2e8 / (m * sum(a * b for a, b in zip(sizes, sizes[1:])))))
        best = (float("inf"), 0.0)
        with threadpool_limits(1):
            for _ in range(5):
                faults, t0 = resource.getrusage(resource.RUSAGE_SELF).ru_minflt, time.process_time()
                for _ in range(n):
                    step()
                t = (time.process_time() - t0) / n
                best = min(best, (t, (resource.getrusage(resource.RUSAGE_SELF).ru_minflt - faults) / n))
        print(f"{best[0]!r} {best[1]!r}")


# glibc's documented malloc tunables (mallopt(3)): keep freed memory in the process instead of returning it to
# the kernel after every step. PyTorch's CPU allocator keeps its pages too (0 page faults a step), so this is
# the like-for-like comparison; the default one is printed as well. The package's code is the same in both.
KEEP_PAGES = {"MALLOC_TRIM_THRESHOLD_": str(2**28), "MALLOC_MMAP_THRESHOLD_": str(2**28)}


def against_torch_alone():
    import os
    import subprocess

    def run(which, env=None):
        out = subprocess.run(
            [sys.executable, __file__, "--alone", which],
            capture_output=True,
            text=True,
            check=True,
            env={**os.environ, **(env or {})},
        ).stdout.split("\n")
        return [tuple(map(float, line.split())) for line in out if line.strip()]

    torch_runs = run("torch")
    print("  each alone in its own process, consecutive steps, CPU time, one thread")
    for label, env in (("glibc's default", None), ("glibc keeping its pages, as PyTorch's allocator does", KEEP_PAGES)):
        print(f"   ours with {label}:")
        for (sizes, m), (t_bp, f_bp), (t_torch, f_torch) in zip(SHAPES, run("ours", env), torch_runs):
            print(
                f"    {sizes} batch {m}: backprop {t_bp * 1e6:.0f} us ({f_bp:.0f} page faults/step), torch "
                f"autograd {t_torch * 1e6:.0f} us ({f_torch:.0f}), ours / PyTorch {t_bp / t_torch:.2f} (goal <= 1.0)"
            )


def main():
    if "--alone" in sys.argv:
        return alone(sys.argv[sys.argv.index("--alone") + 1])
    print("backprop benchmark (ratios within one run)")
    try:
        from threadpoolctl import threadpool_info

        blas = [(i.get("internal_api"), i.get("num_threads"), i.get("architecture")) for i in threadpool_info()]
        print(f"  BLAS: {blas}")
    except ImportError:
        pass

    print("1. ours / PyTorch CPU autograd")
    against_torch()
    try:
        import torch  # noqa: F401

        against_torch_alone()
    except ImportError:
        pass

    print("2. batched vs Nielsen's per-example loop")
    net, X, Y = setup([784, 30, 10], 10)
    mini_batch = [(X[:, i : i + 1], Y[:, i : i + 1]) for i in range(X.shape[1])]  # Nielsen's data format
    a = nielsen_loop(net, mini_batch)
    b = net.backprop(X, Y)
    assert all(np.allclose(p, q) for p, q in zip(a[0] + a[1], b[0] + b[1])), "loop and batched disagree"
    t_loop, t_batch = best_times(lambda: nielsen_loop(net, mini_batch), lambda: net.backprop(X, Y))
    print(
        f"[784, 30, 10] batch 10: per-example loop {t_loop * 1e6:.0f} us, batched {t_batch * 1e6:.0f} us, "
        f"speed-up {t_loop / t_batch:.1f}x (goal >= 9x)"
    )

    print("3. the bare matrix products' share of a step (for reference)")
    overhead()


if __name__ == "__main__":
    main()
