"""The template frame: a render's instance variables and its `$~`.

One Frame per template render; `apply_by_filename` inside a template pushes
another, so the frames form a stack and `frame()` is the innermost. The
innermost frame is held per context (a ContextVar holds the context's
`FrameStack`), so renders on different threads never see each other's `$~`.
`$~` is always nil or a `regexp.MatchData`, whose methods give `$1`, `` $` ``
and `$'`.
"""

from __future__ import annotations

from collections.abc import Callable
from contextvars import ContextVar
from typing import Any, TypeVar

# name -> (function, wants_frame): the receiverless calls a render may make
# besides Kernel's (the template helpers of the environment rendering it)
Functions = dict[str, tuple[Callable[..., Any], bool]]

NO_FUNCTIONS: Functions = {}


class Frame:
    """A render's `@ivars` (`"@target" -> value`), last regexp match (`$~`),
    helper functions, the frame it was pushed over, and its output so far
    (the parts written, `write` to add one)."""

    __slots__ = ("functions", "given", "ivars", "last_match", "parent", "parts", "write")

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
        # what is rendered so far (ERB's @erb_result is these joined); `write`
        # is the list's own append, not a method of the frame's: a frame
        # holding its own bound method is a cycle, left for Python's
        # collector to find (97,000 renders made that a tenth of generating)
        self.parts: list[str] = []
        self.write = self.parts.append

    def ivar(self, name: str) -> Any:
        """`@name`: nil when never assigned."""
        return self.ivars.get(name)


class FrameStack:
    """The innermost frame of a context, replaced in place by each push and pop.

    Setting a ContextVar makes the context a new mapping, five times the cost
    of an attribute store, and a render would push and pop: the ContextVar is
    set once per context, to this. A context copied from another (`copy_context`)
    shares its stack: `ncg.deep_stack` runs one while its caller waits, and
    the frames pushed there are popped before it returns.
    """

    __slots__ = ("top",)

    def __init__(self, top: Frame) -> None:
        self.top = top


_stack: ContextVar[FrameStack | None] = ContextVar("ncg_frames", default=None)


def _new_stack() -> FrameStack:
    """The context's stack, with its bottom frame: for the context's first render."""
    stack = FrameStack(Frame())
    _stack.set(stack)
    return stack


def frame_stack() -> FrameStack:
    """The context's stack: for a caller that pushes and pops a frame itself,
    as the engine does for every render (two calls fewer than push/pop)."""
    return _stack.get() or _new_stack()


def frame() -> Frame:
    """The innermost template frame (each context gets a bottom frame outside any render)."""
    return (_stack.get() or _new_stack()).top


AnyFrame = TypeVar("AnyFrame", bound=Frame)


def push_frame(ivars: dict[str, Any] | None = None, functions: Functions | None = None,
               kind: type[AnyFrame] = Frame) -> AnyFrame:  # type: ignore[assignment]
    """Enter a render: a new frame over the current one, with its helpers
    (by default the same helpers as the frame it is pushed over); of class
    `kind`, a Frame with more to it (the engine's RenderContext)."""
    stack = _stack.get() or _new_stack()
    parent = stack.top
    pushed = kind(ivars, parent.functions if functions is None else functions, parent)
    stack.top = pushed
    return pushed


def pop_frame() -> Frame:
    """Leave the innermost frame; the bottom frame always stays."""
    stack = _stack.get() or _new_stack()
    current = stack.top
    if current.parent is not None:
        stack.top = current.parent
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
