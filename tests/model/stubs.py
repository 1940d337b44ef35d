"""A stand-in for the template engine, for the model's tests."""

from __future__ import annotations

import re
from typing import Any

from ncg.errors import RuntimeError_

_OUTPUT_TAG = re.compile(r"<%=\s*(.*?)\s*%>")
_FETCH = re.compile(r'^@target\["([^"]*)"\]$')
_RAISE = re.compile(r'^raise "([^"]*)"$')
_STRING = re.compile(r'^"([^"]*)"$')


def _evaluate(code: str, target: Any) -> str:
    if match := _FETCH.match(code):
        return target.get(match.group(1)) or ""
    if match := _RAISE.match(code):
        raise RuntimeError_(match.group(1))
    if match := _STRING.match(code):
        return match.group(1)
    if code == "@target.key":
        return target.key
    raise AssertionError(f"the test renderer does not know {code!r}")


class StubRenderer:
    """Renders `<%= @target["k"] %>`, `<%= "s" %>`, `<%= @target.key %>`, `<%= raise "m" %>`.

    `calls` records (text, filename, lineno) of each call.
    """

    def __init__(self) -> None:
        self.calls: list[tuple[str, str, int]] = []

    def __call__(self, text: str, filename: str, lineno: int, target: Any) -> str:
        self.calls.append((text, filename, lineno))
        try:
            return _OUTPUT_TAG.sub(lambda m: _evaluate(m.group(1), target), text)
        except RuntimeError_ as error:
            error.add_location(f"{filename}:{lineno}")
            raise
