"""Global variables (`$name`): one store for the whole run, as Ruby's are for a process.

The store is held in a ContextVar, like the render frames: a run (and the
templates it renders) sees one set of globals, another context its own;
`reset_globals` starts a run's. A global never assigned reads as nil. Some are Ruby's own and always
defined: `$stdout`/`$stderr` (the streams), the separators `$,` `$/` `$;`,
`$!` (the exception being rescued) and the switches `$DEBUG`/`$VERBOSE`
(as the original runs them: `ruby -W0`). `BUILTIN_GLOBALS` maps such a name
to the function that reads it, until a template assigns it.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from typing import Any

from ncg.ruby.runtime.errors import to_ruby_error
from ncg.ruby.runtime.kernel import STDERR, STDOUT
from ncg.ruby.runtime.run_store import RunStore

__all__ = ["BUILTIN_GLOBALS", "gvar", "gvar_defined", "gvar_set", "reset_globals"]


def _rescued() -> Any:
    """`$!`: the exception the innermost running `rescue` clause handles, else nil."""
    exc = sys.exc_info()[1]
    return None if exc is None else to_ruby_error(exc)


BUILTIN_GLOBALS: dict[str, Callable[[], Any]] = {
    "$stdout": lambda: STDOUT,
    "$>": lambda: STDOUT,
    "$stderr": lambda: STDERR,
    "$,": lambda: None,
    "$/": lambda: "\n",
    "$;": lambda: None,
    "$_": lambda: None,
    "$!": _rescued,
    "$DEBUG": lambda: False,
    "$VERBOSE": lambda: None,
}

_store = RunStore("ncg_globals")
_UNSET = object()


def gvar(name: str) -> Any:
    """The value of global `name` (with its `$`): nil when it was never assigned."""
    value = _store.get().get(name, _UNSET)
    if value is not _UNSET:
        return value
    builtin = BUILTIN_GLOBALS.get(name)
    return None if builtin is None else builtin()


def gvar_set(name: str, value: Any) -> Any:
    _store.get()[name] = value
    return value


def gvar_defined(name: str) -> str | None:
    """`defined?($name)`: assigned (even to nil) or one of Ruby's own."""
    return "global-variable" if name in _store.get() or name in BUILTIN_GLOBALS else None


def reset_globals() -> None:
    """Forget every assigned global (a new run)."""
    _store.reset()
