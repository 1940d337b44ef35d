"""Model tests: a stand-in for the template engine, and a clean paranoid flag.

The importers render `[% %]` lines through `ncg.template.engine.render_snippet`;
these tests exercise the model, so `snippets` puts a tiny renderer in its
place that knows the few ERB forms the tests use.
"""

from __future__ import annotations

import re
import sys
import types
from collections.abc import Iterator
from typing import Any

import pytest

from ncg import settings
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


def fake_render_snippet(text: str, filename: str, lineno: int, target: Any) -> str:
    """Render `<%= @target["k"] %>`, `<%= "s" %>`, `<%= @target.key %>`, `<%= raise "m" %>`."""
    try:
        return _OUTPUT_TAG.sub(lambda m: _evaluate(m.group(1), target), text)
    except RuntimeError_ as error:
        error.add_location(f"{filename}:{lineno}")
        raise


@pytest.fixture
def snippets(monkeypatch: pytest.MonkeyPatch) -> list[tuple[str, str, int]]:
    """Use the test renderer; the list records (text, file, line) of each call."""
    calls: list[tuple[str, str, int]] = []

    def render(text: str, filename: str, lineno: int, target: Any) -> str:
        calls.append((text, filename, lineno))
        return fake_render_snippet(text, filename, lineno, target)

    engine = types.ModuleType("ncg.template.engine")
    engine.render_snippet = render  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "ncg.template.engine", engine)
    return calls


@pytest.fixture(autouse=True)
def not_paranoid(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    monkeypatch.setattr(settings, "paranoid", False)
    yield
