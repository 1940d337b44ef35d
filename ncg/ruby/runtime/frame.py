"""The template frame: a render's instance variables and its `$~`.

One Frame per template render; `apply_by_filename` inside a template pushes
another, so the frames form a stack and `frame()` is the innermost.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from ncg.ruby.runtime.core import send


class Frame:
    """A render's `@ivars` (`"@target" -> value`) and last regexp match (`$~`)."""

    __slots__ = ("ivars", "last_match", "given", "output")

    def __init__(self, ivars: dict[str, Any] | None = None) -> None:
        self.ivars: dict[str, Any] = {} if ivars is None else ivars
        self.last_match: Any = None
        self.given = len(self.ivars)  # the caller's ivars come before ERB's @erb_result
        self.output: Callable[[], str] | None = None  # the text rendered so far

    def ivar(self, name: str) -> Any:
        """`@name`: nil when never assigned."""
        return self.ivars.get(name)


_stack: list[Frame] = [Frame()]


def frame() -> Frame:
    """The innermost template frame (a bottom frame exists outside any render)."""
    return _stack[-1]


def push_frame(ivars: dict[str, Any] | None = None) -> Frame:
    pushed = Frame(ivars)
    _stack.append(pushed)
    return pushed


def pop_frame() -> Frame:
    """Leave the innermost frame; the bottom frame always stays."""
    return _stack.pop() if len(_stack) > 1 else _stack[0]


def last_match() -> Any:
    """`$~`: the MatchData of the last successful match, or nil."""
    return _stack[-1].last_match


def nth_ref(n: int) -> Any:
    """`$1`…`$9`: group n of `$~`, nil when there is no match or no such group."""
    match = _stack[-1].last_match
    if match is None:
        return None
    return send(match, "[]", n)


def pre_match() -> Any:
    """`` $` ``: the text before the last match."""
    match = _stack[-1].last_match
    if match is None:
        return None
    return send(match, "pre_match")


def post_match() -> Any:
    """`$'`: the text after the last match."""
    match = _stack[-1].last_match
    if match is None:
        return None
    return send(match, "post_match")
