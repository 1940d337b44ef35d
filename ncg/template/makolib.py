"""Mako, imported without Pygments, and without importlib.metadata until used.

`mako.runtime` imports `mako.exceptions`, which imports Pygments (when
installed) to colour the HTML error pages Mako can render: about 80 ms of
every run's start, for pages ncg never renders. Made unimportable while
Mako is imported, Pygments is replaced by Mako's own plain fallback.

`mako.compat` imports importlib.metadata (with email, csv, zipfile…: a
tenth of a short run) for the plugins Mako looks up by entry point, which
ncg's templates never use; it is imported lazily instead (Python's
`importlib.util.LazyLoader`): the module is there, and loads when first used.
"""

from __future__ import annotations

import importlib
import importlib.util
import sys
import threading

PYGMENTS_PLUGIN = "mako.ext.pygmentplugin"
LAZY = "importlib.metadata"


def _import_lazily(name: str) -> None:
    """Import module `name` as LazyLoader does: its code runs at its first use."""
    if name in sys.modules:
        return
    spec = importlib.util.find_spec(name)
    if spec is None or spec.loader is None:
        return
    loader = importlib.util.LazyLoader(spec.loader)
    spec.loader = loader
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    loader.exec_module(module)
    parent, _, child = name.rpartition(".")
    setattr(importlib.import_module(parent), child, module)  # as an import sets it


def _import_mako() -> None:
    _import_lazily(LAZY)
    blocked = PYGMENTS_PLUGIN not in sys.modules
    if blocked:
        sys.modules[PYGMENTS_PLUGIN] = None  # type: ignore[assignment]  # import fails
    try:
        import mako.runtime  # noqa: F401
        import mako.template  # noqa: F401
    finally:
        if blocked and sys.modules.get(PYGMENTS_PLUGIN, "") is None:
            del sys.modules[PYGMENTS_PLUGIN]  # a later explicit import may have it


_import_mako()

from mako.exceptions import MakoException  # noqa: E402
from mako.runtime import Context  # noqa: E402
from mako.template import ModuleInfo, ModuleTemplate, Template  # noqa: E402

__all__ = ["COMPILING", "Context", "MakoException", "ModuleInfo", "ModuleTemplate", "Template"]

# Held while Mako and Python compile a template. CPython 3.11's compiler is not
# safe to run on several threads at once: threads compiling templates together
# failed with "SystemError: AST constructor recursion depth mismatch". Only
# compiling waits on it; rendering never does.
COMPILING = threading.RLock()
