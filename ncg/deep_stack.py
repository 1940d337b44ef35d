"""Run a function where Python's recursion limits do not stop deep input.

Ruby has no fixed recursion limit worth the name; Python's is 1,000 frames,
and its main thread's C stack is small. `call_deep(fn, …)` runs `fn` on a
thread with a big stack (only the pages it touches are used) and a raised
recursion limit, and returns its result or raises its exception.
"""

from __future__ import annotations

import contextvars
import sys
import threading
from collections.abc import Callable
from typing import Any, TypeVar

T = TypeVar("T")

STACK_BYTES = 1024 * 1024 * 1024
RECURSION_LIMIT = 1_000_000

_deep = threading.local()


def call_deep(fn: Callable[..., T], *args: Any) -> T:
    """`fn(*args)` on a big stack (directly when already on one)."""
    if getattr(_deep, "active", False):
        return fn(*args)
    outcome: dict[str, Any] = {}
    context = contextvars.copy_context()  # a new thread starts with none of the caller's

    def run() -> None:
        _deep.active = True
        try:
            outcome["value"] = context.run(fn, *args)
        except BaseException as exc:  # handed to the caller's thread
            outcome["error"] = exc

    old_limit = sys.getrecursionlimit()
    sys.setrecursionlimit(max(old_limit, RECURSION_LIMIT))
    old_size = threading.stack_size(STACK_BYTES)
    try:
        thread = threading.Thread(target=run, name="ncg-deep")
        thread.start()
    finally:
        threading.stack_size(old_size)
    try:
        thread.join()
    finally:
        sys.setrecursionlimit(old_limit)
    if "error" in outcome:
        raise outcome["error"]
    return outcome["value"]  # type: ignore[no-any-return]
