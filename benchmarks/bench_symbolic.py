"""Time SymPy's derivation and proof of BP1–BP4 (backprop.symbolic), from a cold cache.

Run: ``python benchmarks/bench_symbolic.py [sizes ...]`` (default sizes 3 4 2). Prints seconds per
equation and in total for the generic activation g with the quadratic cost (target: total < 2 s for
[3, 4, 2]), then the same for the other activation/cost pairs for reference. Each number includes building
the symbolic network the first time it is needed (the cache is cleared before each configuration).
"""

import sys
import time

from backprop import symbolic as S


def bench(sizes, activation="generic", cost="quadratic"):
    S.clear_cache()
    times = {}
    t_all = time.perf_counter()
    for eq in (1, 2, 3, 4):
        t0 = time.perf_counter()
        d = S.derive(eq, sizes, activation, cost)
        ok = d.holds()
        times[eq] = time.perf_counter() - t0
        if not ok:
            raise SystemExit(f"BP{eq} did not hold for {sizes} {activation} {cost}: {d.status}")
    total = time.perf_counter() - t_all
    return times, total


def main(argv):
    sizes = tuple(int(a) for a in argv) or (3, 4, 2)
    print(f"sizes {list(sizes)}: seconds to derive and prove (holds()) each equation, cold cache")
    for activation, cost in [
        ("generic", "quadratic"),
        ("generic", "cross_entropy"),
        ("sigmoid", "quadratic"),
        ("sigmoid", "cross_entropy"),
        ("tanh", "quadratic"),
    ]:
        times, total = bench(sizes, activation, cost)
        per = "  ".join(f"BP{eq} {t:.3f}" for eq, t in times.items())
        print(f"{activation:8s} {cost:14s} {per}  total {total:.3f}")


if __name__ == "__main__":
    main(sys.argv[1:])
