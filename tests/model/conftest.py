"""Model tests: a stand-in renderer, Ruby's way of showing values, a clean paranoid flag.

The importers render `[% %]` lines with the callable `load` is given; these
tests exercise the model, so the `render` fixture is a tiny renderer that
knows the few ERB forms the tests use, and records each call.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest

import ncg.netomata  # noqa: F401  (error messages show values as Ruby does: installs that)
from ncg import settings

from .stubs import StubRenderer


@pytest.fixture
def render() -> StubRenderer:
    return StubRenderer()


@pytest.fixture(autouse=True)
def not_paranoid() -> Iterator[None]:
    with settings.activated(settings.Settings()):
        yield
