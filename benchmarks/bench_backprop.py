"""Speed of the package's backprop, measured as ratios within one run (machines here are shared and noisy).

1. Batched ``Network.backprop`` vs a per-example loop in the style of Nielsen's ``network.py`` on
   [784, 30, 10] with a mini-batch of 10 (goal: batched at least 9x faster).
2. ``backprop`` time vs the bare matrix products one step needs (forward ``w a``, weight gradients
   ``e aᵀ``, errors back ``wᵀ e``) on [784, 128, 128, 10] batch 128 and [1024, 1024, 1024, 10] batch 256
   (goal: the bare products take at least 0.75 of the step's time).
3. If PyTorch happens to be installed, backprop vs PyTorch CPU autograd on the same networks (for reference).

Run: python benchmarks/bench_backprop.py
"""

from __future__ import annotations

import timeit

import numpy as np

from backprop import Network


def best_times(*fns, repeat=15):
    """Best per-call time of each function, measured interleaved.

    The functions take turns, ``repeat`` rounds, so that a burst of load from another process on this shared
    machine hits all of them alike; the minimum over rounds is the least noisy estimate of each.
    """
    timers = [timeit.Timer(fn) for fn in fns]
    numbers = [t.autorange()[0] for t in timers]
    best = [float("inf")] * len(fns)
    for _ in range(repeat):
        for i, (t, n) in enumerate(zip(timers, numbers)):
            best[i] = min(best[i], t.timeit(n) / n)
    return best


def nielsen_sigmoid(z):
    """Nielsen's network.py, verbatim: the baseline's own activation."""
    return 1.0 / (1.0 + np.exp(-z))


def nielsen_sigmoid_prime(z):
    return nielsen_sigmoid(z) * (1 - nielsen_sigmoid(z))


def nielsen_loop(net, X, Y):
    """Per-example backprop as in Nielsen's network.py (update_mini_batch + backprop), averaged."""
    nabla_b = [np.zeros(b.shape) for b in net.biases]
    nabla_w = [np.zeros(w.shape) for w in net.weights]
    for i in range(X.shape[1]):
        x, y = X[:, i:i + 1], Y[:, i:i + 1]
        activation, activations, zs = x, [x], []
        for b, w in zip(net.biases, net.weights):
            z = np.dot(w, activation) + b
            zs.append(z)
            activation = nielsen_sigmoid(z)
            activations.append(activation)
        delta = (activations[-1] - y) * nielsen_sigmoid_prime(zs[-1])
        dnb = [None] * len(net.weights)
        dnw = [None] * len(net.weights)
        dnb[-1] = delta
        dnw[-1] = np.dot(delta, activations[-2].T)
        for l in range(2, len(net.sizes)):
            delta = np.dot(net.weights[-l + 1].T, delta) * nielsen_sigmoid_prime(zs[-l])
            dnb[-l] = delta
            dnw[-l] = np.dot(delta, activations[-l - 1].T)
        nabla_b = [nb + d for nb, d in zip(nabla_b, dnb)]
        nabla_w = [nw + d for nw, d in zip(nabla_w, dnw)]
    m = X.shape[1]
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
    a = nielsen_loop(net, X, Y)
    b = net.backprop(X, Y)
    assert all(np.allclose(p, q) for p, q in zip(a[0] + a[1], b[0] + b[1])), "loop and batched disagree"
    t_loop, t_batch = best_times(lambda: nielsen_loop(net, X, Y), lambda: net.backprop(X, Y))
    print(f"[784, 30, 10] batch 10: per-example loop {t_loop * 1e6:.0f} us, batched {t_batch * 1e6:.0f} us, "
          f"speed-up {t_loop / t_batch:.1f}x (goal >= 9x)")

    # 2. overhead over the bare matrix products
    for sizes, m in (([784, 128, 128, 10], 128), ([1024, 1024, 1024, 10], 256)):
        net, X, Y = setup(sizes, m)
        E = [np.ones((n, m)) for n in sizes[1:]]
        t_bp, t_mm = best_times(lambda: net.backprop(X, Y), lambda: bare_products(net, X, E))
        print(f"{sizes} batch {m}: backprop {t_bp * 1e3:.3f} ms, bare products {t_mm * 1e3:.3f} ms, "
              f"products / step = {t_mm / t_bp:.2f} (goal >= 0.75)")

    # 3. optional reference: PyTorch CPU autograd
    try:
        import torch
    except ImportError:
        print("PyTorch not installed: skipping the autograd reference (pip install torch==2.13.0 to add it)")
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


if __name__ == "__main__":
    main()
