"""The switches set from the command line (`-D`, `-p`, `-v`, `-E`).

The original keeps them in Ruby globals (`$debug`, `$paranoid`, …). Here a
run's `Settings` belong to its template Environment (`ncg.app` builds both),
which makes them the active settings while it loads and renders, in a
ContextVar: two runs on two threads each see their own. The model reads
them through this module, read-only: `settings.paranoid` is the active
settings' `paranoid`.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass


@dataclass(frozen=True)
class Settings:
    debug: bool = False
    paranoid: bool = False
    verbose: bool = False
    error_dump: str | None = None  # -E FILE: where a failing template dumps its context


DEFAULTS = Settings()
_active: ContextVar[Settings] = ContextVar("ncg_settings", default=DEFAULTS)


def active() -> Settings:
    """The settings of the run in progress (the defaults outside any run)."""
    return _active.get()


@contextmanager
def activated(settings: Settings) -> Iterator[Settings]:
    """Make `settings` the active ones for the code run inside the `with`."""
    token = _active.set(settings)
    try:
        yield settings
    finally:
        _active.reset(token)


def __getattr__(name: str) -> object:
    """`settings.debug`, `settings.paranoid`…: the active settings' switches."""
    if name in Settings.__dataclass_fields__:
        return getattr(_active.get(), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
