"""What the template cache keeps of a compiled template: its Mako source and
the Python module Mako made of it, so that a run whose templates are all
cached runs neither ncg's compiler nor Mako's (Mako's lexer and code
generator took most of a short run's rendering time).

An entry is the JSON object `{"mako": ..., "uri": ..., "python": ...}`.
Mako's module names its template: `uri` is its `_template_uri`, its module
name and its code's file name, by which a failing line is mapped back to the
template. The same text compiles to the same Mako source wherever it is, but
not to the same module (a `[% %]` line's uri names its line), so a module
made for another uri is not used: Mako makes the module again from the
entry's Mako source.
"""

from __future__ import annotations

import importlib.abc
import json
import types
import warnings
from dataclasses import dataclass
from importlib.machinery import ModuleSpec

from ncg.template.makolib import ModuleTemplate, Template


@dataclass(frozen=True)
class Entry:
    """A compiled template as the cache keeps it."""

    mako: str  # ncg's compiler's Mako source
    uri: str  # the module Mako made of it: its name
    python: str  # and its source

    def text(self) -> str:
        return json.dumps({"mako": self.mako, "uri": self.uri, "python": self.python},
                          ensure_ascii=False)


def read_entry(text: str | None) -> Entry | None:
    """The entry a cache gave back, or None if it is not one (then compile again)."""
    if text is None:
        return None
    try:
        data = json.loads(text)
    except ValueError:
        return None
    if not isinstance(data, dict):
        return None
    parts = [data.get(name) for name in ("mako", "uri", "python")]
    if not all(isinstance(part, str) for part in parts):
        return None
    return Entry(*parts)


class ModuleSource(importlib.abc.Loader):
    """The loader of a module made from source in memory, as Mako gives its
    own: linecache reads the module's lines from it for a traceback."""

    def __init__(self, source: str) -> None:
        self.source = source

    def get_source(self, name: str) -> str:
        return self.source

    def is_package(self, name: str) -> bool:
        return False


def cached_template(entry: Entry) -> Template | None:
    """Mako's template of `entry`, from the module source kept in it.

    None if compiling or running the module's top level warns or fails:
    then Mako makes it again from the Mako source and reports that as it
    does (a warning at the template's line, not the module's).
    """
    module = types.ModuleType(entry.uri)
    module.__loader__ = ModuleSource(entry.python)
    module.__spec__ = ModuleSpec(entry.uri, module.__loader__, origin=entry.uri)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        try:
            exec(compile(entry.python, entry.uri, "exec"), module.__dict__, module.__dict__)
        except Exception:
            return None
    if caught or getattr(module, "_template_uri", None) != entry.uri:
        return None
    return ModuleTemplate(module, module_source=entry.python, template_source=entry.mako)
