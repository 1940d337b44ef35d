"""The template frame: a render's instance variables and its `$~`.

One Frame per template render; `apply_by_filename` inside a template pushes
another, so the frames form a stack and `frame()` is the innermost. The
innermost frame is held in a ContextVar, so renders on different threads
(or contexts) never see each other's `$~`. `$~` is always nil or a
`regexp.MatchData`, whose methods give `$1`, `` $` `` and `$'`.
"""

from __future__ import annotations

from collections.abc import Callable
from contextvars import ContextVar
from typing import Any

# name -> (function, wants_frame): the receiverless calls a render may make
# besides Kernel's (the template helpers of the environment rendering it)
Functions = dict[str, tuple[Callable[..., Any], bool]]

NO_FUNCTIONS: Functions = {}


class Frame:
    """A render's `@ivars` (`"@target" -> value`), last regexp match (`$~`),
    helper functions, and the frame it was pushed over."""

    __slots__ = ("functions", "given", "ivars", "last_match", "output", "parent")

    def __init__(
        self,
        ivars: dict[str, Any] | None = None,
        functions: Functions = NO_FUNCTIONS,
        parent: Frame | None = None,
    ) -> None:
        self.ivars: dict[str, Any] = {} if ivars is None else ivars
        self.last_match: Any = None
        self.functions = functions
        self.parent = parent
        self.given = len(self.ivars)  # the caller's ivars come before ERB's @erb_result
        self.output: Callable[[], str] | None = None  # the text rendered so far

    def ivar(self, name: str) -> Any:
        """`@name`: nil when never assigned."""
        return self.ivars.get(name)


_current: ContextVar[Frame | None] = ContextVar("ncg_frame", default=None)


def frame() -> Frame:
    """The innermost template frame (each context gets a bottom frame outside any render)."""
    current = _current.get()
    if current is None:
        current = Frame()
        _current.set(current)
    return current


def push_frame(ivars: dict[str, Any] | None = None, functions: Functions | None = None) -> Frame:
    """Enter a render: a new frame over the current one, with its helpers
    (by default the same helpers as the frame it is pushed over)."""
    parent = _current.get() or frame()  # frame() only for the context's first render
    pushed = Frame(ivars, parent.functions if functions is None else functions, parent)
    _current.set(pushed)
    return pushed


def pop_frame() -> Frame:
    """Leave the innermost frame; the bottom frame always stays."""
    current = _current.get() or frame()
    if current.parent is not None:
        _current.set(current.parent)
    return current


def last_match() -> Any:
    """`$~`: the MatchData of the last successful match, or nil."""
    return frame().last_match


def nth_ref(n: int) -> Any:
    """`$1`…`$9`: group n of `$~`, nil when there is no match or no such group."""
    match = frame().last_match
    if match is None:
        return None
    return match.group_value(n)


def pre_match() -> Any:
    """`` $` ``: the text before the last match."""
    match = frame().last_match
    if match is None:
        return None
    return match.pre_match()


def post_match() -> Any:
    """`$'`: the text after the last match."""
    match = frame().last_match
    if match is None:
        return None
    return match.post_match()
