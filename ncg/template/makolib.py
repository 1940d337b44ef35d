"""Mako, imported without Pygments.

`mako.runtime` imports `mako.exceptions`, which imports Pygments (when
installed) to colour the HTML error pages Mako can render: about 80 ms of
every run's start, for pages ncg never renders. Made unimportable while
Mako is imported, Pygments is replaced by Mako's own plain fallback.
"""

from __future__ import annotations

import sys

PYGMENTS_PLUGIN = "mako.ext.pygmentplugin"


def _import_mako() -> None:
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

__all__ = ["Context", "MakoException", "ModuleInfo", "ModuleTemplate", "Template"]
