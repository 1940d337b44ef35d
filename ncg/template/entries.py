"""What the template cache keeps of a compiled template: its Mako source and
the Python module Mako made of it, so that a run whose templates are all
cached runs neither ncg's compiler nor Mako's (Mako's lexer and code
generator took most of a short run's rendering time).

An entry is the JSON object `{"mako": ..., "uri": ..., "python": ...,
"magic": ..., "code": ...}`: the module's code is kept compiled too
(marshalled, in base64), as a `.pyc` file keeps it, since compiling the
module's source took most of the rest; `magic` names the bytecode as a
`.pyc` file does, and code of another is compiled again from the source.
Mako's module names its template: `uri` is its `_template_uri`, its module
name and its code's file name, by which a failing line is mapped back to the
template. The same text compiles to the same Mako source wherever it is, but
not to the same module (a `[% %]` line's uri names its line), so a module
made for another uri is not used: Mako makes the module again from the
entry's Mako source.
"""

from __future__ import annotations

import base64
import importlib.abc
import importlib.util
import json
import marshal
import types
import warnings
from dataclasses import dataclass
from importlib.machinery import ModuleSpec

from ncg.template.makolib import ModuleTemplate, Template

MAGIC = importlib.util.MAGIC_NUMBER.hex()  # this Python's bytecode, as its .pyc files name it


@dataclass(frozen=True)
class Entry:
    """A compiled template as the cache keeps it."""

    mako: str  # ncg's compiler's Mako source
    uri: str  # the module Mako made of it: its name
    python: str  # and its source
    code: str = ""  # its code object for MAGIC, marshalled, in base64 ("": compile `python`)

    @classmethod
    def made(cls, mako: str, uri: str, python: str) -> Entry:
        """The entry of a module Mako made now, with its code compiled for the
        next run (without it, if compiling warns: Mako has said so already)."""
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            try:
                code = marshal.dumps(compile(python, uri, "exec"))
            except (SyntaxError, ValueError):
                code = b""
        if caught:
            code = b""
        return cls(mako, uri, python, base64.b64encode(code).decode("ascii"))

    def text(self) -> str:
        data = {"mako": self.mako, "uri": self.uri, "python": self.python,
                "magic": MAGIC, "code": self.code}
        return json.dumps(data, ensure_ascii=False)

    def module_code(self) -> types.CodeType:
        """The module's code: unmarshalled if kept, else compiled from its source."""
        try:
            code = marshal.loads(base64.b64decode(self.code, validate=True))
        except (ValueError, EOFError, TypeError):  # bad base64 or marshal data
            code = None
        if isinstance(code, types.CodeType) and code.co_filename == self.uri:
            return code
        return compile(self.python, self.uri, "exec")


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
    code = data.get("code") if data.get("magic") == MAGIC else None  # another Python's
    return Entry(*parts, code=code if isinstance(code, str) else "")


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
    """Mako's template of `entry`, from the module code or source kept in it.

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
            exec(entry.module_code(), module.__dict__, module.__dict__)
            if caught or getattr(module, "_template_uri", None) != entry.uri:
                return None
            return ModuleTemplate(module, module_source=entry.python,
                                  template_source=entry.mako)
        except Exception:  # not Mako's module of a template
            return None
