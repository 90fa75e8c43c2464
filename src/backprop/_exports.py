"""Re-export the public names of a package's extra modules (used by ``figures`` and ``widgets``)."""

from __future__ import annotations

import importlib
import pkgutil


def export_extra_modules(namespace: dict, package: str, path, core: set) -> None:
    """Import every module of ``package`` not in ``core`` (nor private) and put its public names into
    ``namespace``: its ``__all__``, or else the callables it defines. Existing names are kept."""
    for info in sorted(pkgutil.iter_modules(path), key=lambda m: m.name):
        if info.name in core or info.name.startswith("_"):
            continue
        mod = importlib.import_module(f"{package}.{info.name}")
        names = getattr(mod, "__all__", None)
        if names is None:
            names = [n for n, v in vars(mod).items() if not n.startswith("_") and callable(v)
                     and getattr(v, "__module__", None) == mod.__name__]
        for n in names:
            namespace.setdefault(n, getattr(mod, n))
