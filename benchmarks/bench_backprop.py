"""Speed of the package's backprop, measured as ratios within one run (machines here are shared and noisy).

1. Batched ``Network.backprop`` vs a per-example loop in the style of Nielsen's ``network.py`` on
   [784, 30, 10] with a mini-batch of 10 (goal: batched at least 9x faster).
2. ``backprop`` time vs the bare matrix products one step needs (forward ``w a``, weight gradients
   ``e aᵀ``, errors back ``wᵀ e``) on [784, 128, 128, 10] batch 128 and [1024, 1024, 1024, 10] batch 256,
   with the default allocator (goal: the bare products take at least 0.85 of the step's time). The
   products are timed twice: into fresh arrays, as plain ``w @ a`` does, and into arrays reused with
   ``out=``, as ``backprop`` does since it keeps per-shape work arrays; the second is the stricter floor.
   Measured twice: wall time with the default BLAS threads, and CPU time of this process with one BLAS
   thread (steadier when other processes share the machine; page faults count, as system time). Then
   wall time with glibc's heap padded (``M_TOP_PAD``), for reference: with reused arrays it should no
   longer matter.
3. If PyTorch happens to be installed, backprop vs PyTorch CPU autograd on the same networks (for reference).

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


def bare_products_into(net, X, E, out):
    """The same products, written into arrays reused from call to call (``out``: made by ``product_arrays``)."""
    acts = [X]
    for l, w in enumerate(net.weights):
        acts.append(np.matmul(w, acts[-1], out=out["z"][l]))
    for l in range(len(net.weights)):
        np.matmul(E[l], acts[l].T, out=out["w"][l])
    for l in range(1, len(net.weights)):
        np.matmul(net.weights[l].T, E[l], out=out["e"][l - 1])


def product_arrays(net, m):
    sizes = net.sizes
    return {"z": [np.empty((n, m)) for n in sizes[1:]], "w": [np.empty(w.shape) for w in net.weights],
            "e": [np.empty((n, m)) for n in sizes[1:-1]]}


def setup(sizes, m, seed=0):
    rng = np.random.default_rng(seed)
    net = Network(sizes, seed=seed)
    X = rng.random((sizes[0], m))
    Y = np.zeros((sizes[-1], m))
    Y[rng.integers(0, sizes[-1], m), np.arange(m)] = 1.0
    return net, X, Y


def pad_the_heap() -> bool:
    """Ask glibc to grow and trim the heap in 64 MB steps (``M_TOP_PAD``; the env var ``MALLOC_TOP_PAD_``).

    Each step allocates fresh 0.1–1 MB arrays. By default glibc shrinks the heap as soon as they are freed,
    so the next step grows it again and takes a page fault on every 4 KB page it touches, which on this VM
    costs as much as the arithmetic. With padding the pages stay mapped between steps. The setting applies
    to the whole process, so both sides of the comparison get it alike. Returns False off glibc.
    """
    import ctypes
    import ctypes.util

    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c"))
        M_TOP_PAD = -2
        return libc.mallopt(M_TOP_PAD, 64 << 20) == 1
    except (OSError, AttributeError, TypeError):
        return False


def overhead(label, timer=time.perf_counter):
    """backprop vs the bare products. A step is timed as a caller writes it, ``net.backprop(X, Y)`` (which
    checks X and Y), and as a training loop runs it, ``net.backprop(batch)`` on a batch checked once."""
    print(f"  {label}")
    for sizes, m in (([784, 128, 128, 10], 128), ([1024, 1024, 1024, 10], 256)):
        net, X, Y = setup(sizes, m)
        batch = net.check_batch(X, Y)
        E = [np.ones((n, m)) for n in sizes[1:]]
        out = product_arrays(net, m)
        t_bp, t_batch, t_mm, t_into = best_times(
            lambda: net.backprop(X, Y), lambda: net.backprop(batch), lambda: bare_products(net, X, E),
            lambda: bare_products_into(net, X, E, out), timer=timer)
        print(f"{sizes} batch {m}: backprop(X, Y) {t_bp * 1e3:.3f} ms, backprop(batch) {t_batch * 1e3:.3f} ms; "
              f"bare products {t_mm * 1e3:.3f} ms fresh, {t_into * 1e3:.3f} ms reused")
        print(f"    products / step: fresh {t_mm / t_bp:.2f}, reused {t_into / t_bp:.2f}; "
              f"on a checked batch: fresh {t_mm / t_batch:.2f}, reused {t_into / t_batch:.2f} (goal >= 0.85)")


def page_faults():
    """Minor page faults per ``backprop`` step (``getrusage``): the allocator's cost, counted, not timed.

    Fresh 0.1–8 MB temporaries on every step made glibc grow and trim its heap, one fault per 4 KB page
    touched; with the network's reused work arrays a step should take none.
    """
    try:
        import resource
    except ImportError:  # not on this platform
        return
    for sizes, m in (([784, 128, 128, 10], 128), ([1024, 1024, 1024, 10], 256)):
        net, X, Y = setup(sizes, m)
        for _ in range(10):
            net.backprop(X, Y)
        n = 20
        before = resource.getrusage(resource.RUSAGE_SELF).ru_minflt
        for _ in range(n):
            net.backprop(X, Y)
        faults = (resource.getrusage(resource.RUSAGE_SELF).ru_minflt - before) / n
        print(f"{sizes} batch {m}: {faults:.0f} page faults per backprop step (default allocator)")


def torch_reference():
    """For reference: backprop vs PyTorch CPU autograd on the same networks, if PyTorch is installed."""
    try:
        import torch
    except ImportError:
        print("  PyTorch not installed: no autograd reference (pip install torch==2.13.0 adds it)")
        return
    torch.set_num_threads(max(1, torch.get_num_threads()))
    for sizes, m in (([2, 3, 2], 1), ([784, 30, 10], 10), ([784, 128, 128, 10], 128)):
        net, X, Y = setup(sizes, m)
        Ws = [torch.tensor(w, requires_grad=True) for w in net.weights]
        Bs = [torch.tensor(b, requires_grad=True) for b in net.biases]
        Xt, Yt = torch.tensor(X), torch.tensor(Y)

        def torch_step():
            a = Xt
            for w, bb in zip(Ws, Bs):
                a = torch.sigmoid(w @ a + bb)
            c = 0.5 * ((a - Yt) ** 2).sum() / m
            for p in Ws + Bs:
                p.grad = None
            c.backward()

        t_torch, t_bp = best_times(torch_step, lambda: net.backprop(X, Y))
        print(f"{sizes} batch {m}: backprop {t_bp * 1e6:.0f} us, torch autograd {t_torch * 1e6:.0f} us, "
              f"ratio {t_bp / t_torch:.2f}x of torch time")


def main():
    print("backprop benchmark (ratios within one run)")
    try:
        from threadpoolctl import threadpool_info
        blas = [(i.get("internal_api"), i.get("num_threads"), i.get("architecture")) for i in threadpool_info()]
        print(f"  BLAS: {blas}")
    except ImportError:
        pass

    # 1. batched vs per-example loop
    net, X, Y = setup([784, 30, 10], 10)
    mini_batch = [(X[:, i:i + 1], Y[:, i:i + 1]) for i in range(X.shape[1])]  # Nielsen's data format
    a = nielsen_loop(net, mini_batch)
    b = net.backprop(X, Y)
    assert all(np.allclose(p, q) for p, q in zip(a[0] + a[1], b[0] + b[1])), "loop and batched disagree"
    t_loop, t_batch = best_times(lambda: nielsen_loop(net, mini_batch), lambda: net.backprop(X, Y))
    print(f"[784, 30, 10] batch 10: per-example loop {t_loop * 1e6:.0f} us, batched {t_batch * 1e6:.0f} us, "
          f"speed-up {t_loop / t_batch:.1f}x (goal >= 9x)")

    page_faults()

    # 2. overhead over the bare matrix products, default allocator: wall time with the default BLAS threads,
    # then CPU time with one BLAS thread (steadier on a shared machine); then, for reference, a padded heap
    overhead("default glibc malloc, wall time, default BLAS threads")
    try:
        from threadpoolctl import threadpool_limits
    except ImportError:
        threadpool_limits = None
    if threadpool_limits is not None:
        with threadpool_limits(1):
            overhead("default glibc malloc, CPU time of this process, 1 BLAS thread", timer=time.process_time)
    torch_reference()
    if "--quick" not in sys.argv and pad_the_heap():
        overhead("glibc heap padded by 64 MB (mallopt M_TOP_PAD, as MALLOC_TOP_PAD_=67108864 does), wall time")

if __name__ == "__main__":
    main()
