"""Method dispatch: how a Ruby method call on a Python value finds its code.

Each Ruby class module registers its methods into `METHODS[python_type]`
with `@method(types, "name", ...)`. `send` looks the receiver's exact type
up first (one dict lookup: the hot path), then its Python base classes, then
the methods every Ruby object has (`OBJECT_METHODS`).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

RubyMethod = Callable[..., Any]

METHODS: dict[type, dict[str, RubyMethod]] = {}
OBJECT_METHODS: dict[str, RubyMethod] = {}


def method(types: type | tuple[type, ...] | None, *names: str) -> Callable[[RubyMethod], RubyMethod]:
    """Register the decorated function as Ruby method(s) `names` of `types`.

    The function is called as `fn(recv, *args, block=None)`; `types=None`
    registers it for every object (Kernel/Object methods).
    """

    def register(fn: RubyMethod) -> RubyMethod:
        tables = [OBJECT_METHODS] if types is None else [
            METHODS.setdefault(t, {}) for t in (types if isinstance(types, tuple) else (types,))
        ]
        for table in tables:
            for name in names:
                table[name] = fn
        return fn

    return register


def find_method(recv: Any, name: str) -> RubyMethod | None:
    """The code of Ruby method `name` for `recv`, or None when it has none."""
    table = METHODS.get(type(recv))
    if table is not None:
        fn = table.get(name)
        if fn is not None:
            return fn
    for base in type(recv).__mro__[1:]:
        table = METHODS.get(base)
        if table is not None and name in table:
            return table[name]
    return OBJECT_METHODS.get(name)
