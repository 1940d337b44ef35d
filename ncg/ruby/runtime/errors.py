"""Ruby exceptions inside templates: `rescue` matching, Python errors that
escape runtime code, and the methods of exception objects (`e.message`…)."""

from __future__ import annotations

from typing import Any

from ncg.errors import (
    ENOENT,
    ArgumentError,
    FloatDomainError,
    IndexError_,
    KeyError_,
    RubyError,
    StandardError,
    StopIteration_,
    SystemExit_,
    SystemStackError,
    TypeError_,
    ZeroDivisionError_,
    python_error,
)
from ncg.ruby.runtime.core import BlockBreak, RClass, Thrown, method


def to_ruby_error(exc: BaseException) -> RubyError:
    """The Ruby exception a Python exception stands for (RubyErrors are themselves)."""
    if isinstance(exc, RubyError):
        return exc
    translated = translate(exc)
    translated.__cause__ = exc
    return translated


def translate(exc: BaseException) -> RubyError:
    if isinstance(exc, ZeroDivisionError):
        return ZeroDivisionError_("divided by 0")
    if isinstance(exc, RecursionError):
        return SystemStackError("stack level too deep")
    if isinstance(exc, OverflowError):
        return FloatDomainError(str(exc))
    if isinstance(exc, FileNotFoundError):
        return ENOENT(f"No such file or directory @ rb_sysopen - {exc.filename}")
    if isinstance(exc, OSError):
        return python_error(exc)
    if isinstance(exc, StopIteration):
        return StopIteration_("iteration reached an end")
    if isinstance(exc, KeyError):
        return KeyError_(str(exc))
    if isinstance(exc, IndexError):
        return IndexError_(str(exc))
    if isinstance(exc, TypeError):
        return TypeError_(str(exc))
    if isinstance(exc, (ValueError, UnicodeError)):
        return ArgumentError(str(exc))
    return python_error(exc)


def rescue_match(exc: BaseException, classes: list[Any] | tuple[Any, ...] = ()) -> bool:
    """Does `rescue Class1, Class2` (or a bare `rescue`: StandardError) catch `exc`?

    Control flow (`break` out of a block) is never rescued. Pass the result
    of `to_ruby_error` so the rescued variable and the match agree.
    """
    if isinstance(exc, (BlockBreak, Thrown)) or not isinstance(exc, Exception):
        return False
    error = to_ruby_error(exc)
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
