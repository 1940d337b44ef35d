"""Ruby TrueClass and FalseClass methods on Python `True`/`False`."""

from __future__ import annotations

from typing import Any

from ncg.ruby.runtime.core import method


def truth(value: Any) -> bool:
    return value is not None and value is not False


@method(bool, "to_s", "inspect")
def to_s(b: bool) -> str:
    return "true" if b else "false"


@method(bool, "&")
def and_(b: bool, other: Any) -> bool:
    return b and truth(other)


@method(bool, "|")
def or_(b: bool, other: Any) -> bool:
    return b or truth(other)


@method(bool, "^")
def xor(b: bool, other: Any) -> bool:
    return b != truth(other)


@method(bool, "==", "===", "eql?", "equal?")
def equal(b: bool, other: Any) -> bool:
    return other is b
