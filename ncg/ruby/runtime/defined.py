"""What `defined?` asks the runtime: does a value have such a method, is there such a
constant (a receiverless method: `has_function`).

The code generator answers the rest from the syntax (a local variable, an
assignment, an expression); see `PyCompiler.defined_lines`.
"""

from __future__ import annotations

from typing import Any

from ncg.errors import NameError_
from ncg.ruby.runtime.consts import const
from ncg.ruby.runtime.core import find_method

__all__ = ["defined_const", "defined_method"]


def defined_method(recv: Any, name: str) -> str | None:
    """`defined?(recv.name)`, once `recv` is evaluated: does it respond to `name`."""
    return "method" if find_method(recv, name) is not None else None


def defined_const(path: str) -> str | None:
    """`defined?(A::B)`: the constant resolves."""
    try:
        const(path)
    except NameError_:
        return None
    return "constant"
