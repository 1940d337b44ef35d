"""The value-level entry points compiled templates call: truthiness, `to_s`,
`inspect`, `==`, `===`, and the literals (symbols, strings, regexps)."""

from __future__ import annotations

from typing import Any

from ncg.ruby.runtime.core import find_method, send
from ncg.ruby.runtime.encoding import BinaryStr, binary_to_s, concat
from ncg.ruby.runtime.numeric import float_to_s
from ncg.ruby.runtime.object import any_to_s
from ncg.ruby.runtime.symbol import Symbol


def truthy(value: Any) -> bool:
    """Ruby truth: everything but nil and false."""
    return value is not None and value is not False


def to_s(value: Any) -> str:
    """Ruby `to_s` (`<%= x %>` and `"#{x}"`)."""
    t = type(value)
    if t is str:
        return value
    if t is int:
        return str(value)
    if t is float:
        return float_to_s(value)
    if value is None:
        return ""
    if t is BinaryStr:
        binary_to_s[0] += 1
        return value
    result = send(value, "to_s")
    # Ruby falls back to the default #<Class> form when to_s returns a non-String
    return result if isinstance(result, str) else any_to_s(value)


def inspect(value: Any) -> str:
    """Ruby `inspect` (what `p` prints)."""
    return send(value, "inspect")


def eq(a: Any, b: Any) -> bool:
    """Ruby `a == b` as a Python bool (`1 == true` is false, `1 == 1.0` true)."""
    ta = type(a)
    if ta is type(b) and (ta is str or ta is int):
        return a == b
    fn = find_method(a, "==")
    return truthy(fn(a, b)) if fn is not None else a is b


def case_eq(pattern: Any, value: Any) -> bool:
    """Ruby `pattern === value` (a `when` clause) as a Python bool."""
    tp = type(pattern)
    if tp is type(value) and (tp is str or tp is int):
        return pattern == value
    return truthy(send(pattern, "===", value))


def sym(name: str) -> Symbol:
    """A symbol literal `:name`."""
    return Symbol.of(name)


def dstr(*parts: Any) -> str:
    """String interpolation: `"a#{x}b"` is `dstr("a", x, "b")`."""
    try:
        return "".join([p if type(p) is str else _interpolated(p) for p in parts])
    except _BinaryPart:
        return _binary_dstr(parts)


class _BinaryPart(Exception):
    """An interpolated binary String: the result is built by Ruby's encoding rules."""


def _interpolated(value: Any) -> str:
    """`to_s` of an interpolated value (but a binary String, which dstr joins otherwise)."""
    if type(value) is BinaryStr:
        raise _BinaryPart
    return to_s(value)


def _binary_dstr(parts: tuple[Any, ...]) -> str:
    text = ""
    for part in parts:
        text = concat(text, part if type(part) is str else to_s(part))
    return text


_regexps: dict[tuple[str, str], Any] = {}


def regexp(source: str, flags: str = "") -> Any:
    """A regexp literal `/source/flags`, compiled once per process."""
    key = (source, flags)
    found = _regexps.get(key)
    if found is None:
        from ncg.ruby.runtime.regexp import Regexp

        found = _regexps[key] = Regexp(source, flags)
    return found
