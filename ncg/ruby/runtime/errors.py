"""Ruby exceptions inside templates: `rescue` matching, the few Python errors
that are Ruby errors too, and the methods of exception objects (`e.message`…).

Only the exceptions the runtime raises on purpose (the classes of
`ncg.errors`) are Ruby exceptions, plus the Python errors that mean exactly
what a Ruby error means: an integer divided by zero, a stack or memory
exhausted, a failed system call. Any other Python exception is a bug in ncg:
no `rescue` catches it, so it can never turn into wrong output.
"""

from __future__ import annotations

from typing import Any

from ncg.errors import (
    ENOENT,
    LocalJumpError,
    RubyError,
    StandardError,
    SystemExit_,
    TypeError_,
    ZeroDivisionError_,
    ruby_equivalent,
)
from ncg.ruby.runtime.core import BlockBreak, RClass, method


def ruby_error(exc: BaseException) -> RubyError | None:
    """The Ruby exception `exc` is, or None when it is a bug in ncg."""
    if isinstance(exc, RubyError):
        return exc
    translated = _same_in_ruby(exc)
    if translated is not None:
        translated.__cause__ = exc
    return translated


def _same_in_ruby(exc: BaseException) -> RubyError | None:
    """The Python errors that Ruby raises too, in Ruby's words.

    Python raises ZeroDivisionError for the integer `/`, `%`, `divmod` and
    `0 ** -1` by zero, as Ruby does (float division never reaches Python's
    operator: Ruby's gives Infinity or NaN).
    """
    if isinstance(exc, ZeroDivisionError):
        return ZeroDivisionError_("divided by 0")
    if isinstance(exc, FileNotFoundError):
        return ENOENT(f"No such file or directory @ rb_sysopen - {exc.filename}")
    return ruby_equivalent(exc)  # memory or stack exhausted, a failed system call


def escaped_error(exc: BaseException) -> RubyError | None:
    """The Ruby exception `exc` is when it leaves a whole template render.

    A `break` that no running method took (a proc's, called after the
    method it was given to returned) is Ruby's LocalJumpError there.
    """
    if isinstance(exc, BlockBreak):
        return LocalJumpError("break from proc-closure")
    return ruby_error(exc)


def to_ruby_error(exc: BaseException) -> RubyError:
    """The Ruby exception of an exception `rescue_match` accepted (`rescue => e`)."""
    error = ruby_error(exc)
    if error is None:
        raise exc  # never rescued, so never here: pass the bug on untouched
    return error


def rescue_match(exc: BaseException, classes: list[Any] | tuple[Any, ...] = ()) -> bool:
    """Does `rescue Class1, Class2` (or a bare `rescue`: StandardError) catch `exc`?

    Control flow (`break` out of a block, `throw`) and bugs in ncg are never
    rescued. Pass the result of `to_ruby_error` so the rescued variable and
    the match agree.
    """
    error = ruby_error(exc)
    if error is None:
        return False
    if not classes:
        return isinstance(error, StandardError)
    for cls in classes:
        if type(cls) is list:
            if rescue_match(error, cls):
                return True
            continue
        if type(cls) is not RClass:
            raise TypeError_("class or module required for rescue clause")
        if cls.exc_type is not None:
            if isinstance(error, cls.exc_type):
                return True
        else:
            from ncg.ruby.runtime.consts import class_of

            if cls in class_of(error).ancestors():
                return True
    return False


def exception_message(exc: RubyError) -> str:
    return exc.message if isinstance(exc.message, str) else str(exc.message)


def ruby_class_name(exc: RubyError) -> str:
    return exc.ruby_name


@method(RubyError, "message", "to_s", "detailed_message")
def message(exc: RubyError, *_options: Any) -> str:
    return exception_message(exc)


@method(RubyError, "inspect")
def inspect(exc: RubyError) -> str:
    text = exception_message(exc)
    if not text:
        return ruby_class_name(exc)
    return f"#<{ruby_class_name(exc)}: {text}>"


@method(RubyError, "full_message")
def full_message(exc: RubyError, *_options: Any) -> str:
    where = exc.trace[0] if exc.trace else "-e:1:in `<main>'"
    return f"{where}: {exception_message(exc)} ({ruby_class_name(exc)})"


@method(RubyError, "backtrace")
def backtrace(exc: RubyError) -> list[str] | None:
    """Where a raised exception passed (nil for one never raised)."""
    if exc.trace or exc.__traceback__ is not None:
        return list(exc.trace)
    return None


@method(RubyError, "set_backtrace")
def set_backtrace(exc: RubyError, trace: Any) -> Any:
    exc.trace = list(trace) if type(trace) is list else [trace]
    return trace


@method(RubyError, "cause")
def cause(exc: RubyError) -> Any:
    return exc.__context__ if isinstance(exc.__context__, RubyError) else None


@method(RubyError, "exception")
def exception(exc: RubyError, new_message: Any = None) -> RubyError:
    if new_message is None:
        return exc
    from ncg.ruby.runtime.values import to_s

    return type(exc)(to_s(new_message))


@method(RubyError, "==")
def equal(exc: RubyError, other: Any) -> bool:
    return exc is other or (
        type(other) is type(exc) and exception_message(other) == exception_message(exc)
    )


method(SystemExit_, "status")(lambda exc: exc.status)
method(SystemExit_, "success?")(lambda exc: exc.status == 0)
