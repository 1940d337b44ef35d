"""A dict a run keeps for its templates (global variables, assigned constants):
one per context, so that runs on other threads or environments never share
it, made on first use and emptied when a run starts."""

from __future__ import annotations

from contextvars import ContextVar
from typing import Any


class RunStore:
    """A dict per context, under a ContextVar named `name`."""

    def __init__(self, name: str) -> None:
        self._var: ContextVar[dict[str, Any] | None] = ContextVar(name, default=None)

    def get(self) -> dict[str, Any]:
        store = self._var.get()
        if store is None:
            store = {}
            self._var.set(store)
        return store

    def reset(self) -> None:
        """Empty it (a new run)."""
        self._var.set({})
