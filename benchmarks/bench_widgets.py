"""Time every live widget's callback: set each control across its range from Python, as a slider would.

Usage: python benchmarks/bench_widgets.py [--dpi D] [widget ...]   (default: every widget in WIDGETS)

One line per widget: number of callbacks, median and 95th percentile wall time in milliseconds (and CPU
time, less sensitive to other processes), the number of full redraws (axes limits or other artists changed),
and the size of the rendered PNG. The goal is a median under 30 ms and a p95 under 50 ms per callback.

Live figures render at ``widgets.LIVE_DPI`` (a 6-inch figure is 6 × LIVE_DPI px wide, shown 600 px wide);
``--dpi D`` renders at D instead, to compare scales within one run (``--dpi 100`` is the 1× of the first
edition, ``--dpi 200`` 2×).
"""

from __future__ import annotations

import os
import sys
import time

os.environ.setdefault("MPLBACKEND", "Agg")

import numpy as np  # noqa: E402

from backprop import widgets  # noqa: E402


def sweep_values(spec, n=12):
    """Values a user would pass through: every option, or ``n`` points across the numeric range."""
    if spec.options is not None:
        return list(spec.values)
    vals = np.linspace(spec.lo, spec.hi, n)
    return [int(round(v)) for v in vals] if spec.integer else [float(v) for v in vals]


def bench(name, rounds=2, dpi=None):
    try:
        w = widgets.WIDGETS[name](mode="live")
    except (ImportError, NotImplementedError) as exc:
        return f"{name:28s} skipped ({exc})"
    if dpi is not None:
        w.drawing.fig.set_dpi(dpi)
        w.renderer.mark_clean()
        w.refresh()
    times, cpu = [], []
    for _ in range(rounds):
        for spec_name, spec in w._specs.items():
            for v in sweep_values(spec):
                if w.controls[spec_name].value == v:
                    continue
                t, c = time.perf_counter(), time.process_time()
                w.set(**{spec_name: v})  # triggers the observer: update artists + render PNG
                times.append(time.perf_counter() - t)
                cpu.append(time.process_time() - c)
            w.set(**{spec_name: spec.default})
    t = np.array(times) * 1000
    c = np.array(cpu) * 1000
    px = w.image.value
    width = int.from_bytes(px[16:20], "big")
    height = int.from_bytes(px[20:24], "big")
    return (
        f"{name:28s} n={len(t):3d}  median {np.median(t):5.1f} ms  p95 {np.percentile(t, 95):5.1f} ms  "
        f"(CPU median {np.median(c):5.1f}, p95 {np.percentile(c, 95):5.1f})  "
        f"full redraws {w.renderer.full_redraws - 1:3d}  "
        f"({width}×{height} px, {len(px) // 1024} KB PNG)"
    )


def main(argv):
    dpi = None
    if argv[:1] == ["--dpi"]:
        dpi, argv = float(argv[1]), argv[2:]
    names = argv or list(widgets.WIDGETS)
    if hasattr(os, "getloadavg"):
        print(f"load average {os.getloadavg()[0]:.2f} on {os.cpu_count()} CPUs (wall times grow with load)")
    for name in names:
        print(bench(name, dpi=dpi), flush=True)


if __name__ == "__main__":
    main(sys.argv[1:])
