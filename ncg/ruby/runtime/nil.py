"""Ruby NilClass methods on Python `None`."""

from __future__ import annotations

from typing import Any

from ncg.ruby.runtime.core import method

NoneType = type(None)


@method(NoneType, "to_s")
def to_s(_: None) -> str:
    return ""


@method(NoneType, "inspect")
def inspect(_: None) -> str:
    return "nil"


@method(NoneType, "to_a")
def to_a(_: None) -> list[Any]:
    return []


@method(NoneType, "to_h")
def to_h(_: None) -> dict[Any, Any]:
    return {}


@method(NoneType, "to_i")
def to_i(_: None) -> int:
    return 0


@method(NoneType, "to_f")
def to_f(_: None) -> float:
    return 0.0


@method(NoneType, "&")
def and_(_: None, other: Any) -> bool:
    return False


@method(NoneType, "|", "^")
def or_(_: None, other: Any) -> bool:
    return other is not None and other is not False


@method(NoneType, "==", "===", "eql?", "equal?")
def equal(_: None, other: Any) -> bool:
    return other is None
