"""Errors that ncg reports as `ERROR(Class): message` / `\\tat FILE:LINE`.

NCG is a Ruby program, so every error it reports names a Ruby exception class.
Each Python class here stands for one Ruby class (`ruby_name`), and the Python
inheritance mirrors Ruby's, so a template's `rescue ArgumentError` catches
exactly what Ruby would.  `trace` holds the places the error passed through,
innermost first ("file.ncg:3", then its callers); the CLI prints `trace[0]`.
"""

from __future__ import annotations

import errno
import os
import signal
from collections.abc import Callable


class RubyError(Exception):
    """Ruby's Exception: the root of everything ncg reports."""

    ruby_name = "Exception"

    def __init__(self, message: str = "") -> None:
        super().__init__(message)
        self.message = message
        self.trace: list[str] = []

    def add_location(self, where: str) -> None:
        """Record one more place (outermost last) the error passed through."""
        self.trace.append(where)


def _ruby_class(name: str, base: type[RubyError]) -> type[RubyError]:
    return type(name.replace("::", "_"), (base,), {"ruby_name": name})


ScriptError = _ruby_class("ScriptError", RubyError)
NotImplementedError_ = _ruby_class("NotImplementedError", ScriptError)
SyntaxError_ = _ruby_class("SyntaxError", ScriptError)
StandardError = _ruby_class("StandardError", RubyError)
RuntimeError_ = _ruby_class("RuntimeError", StandardError)
FrozenError = _ruby_class("FrozenError", RuntimeError_)
ArgumentError = _ruby_class("ArgumentError", StandardError)
TypeError_ = _ruby_class("TypeError", StandardError)


class NameError_(StandardError):  # type: ignore[misc, valid-type]
    """Ruby's NameError; `suggest`, when given, returns Ruby's did_you_mean
    suggestions for it, asked for only when the message is first read (the
    message then ends in the `Did you mean?` lines)."""

    ruby_name = "NameError"

    def __init__(self, message: str = "",
                 suggest: Callable[[NameError_], list[str]] | None = None) -> None:
        super().__init__(message)
        self.suggest = suggest

    @property
    def message(self) -> str:
        suggest = self.suggest
        if suggest is not None:
            self.suggest = None
            try:
                corrections = suggest(self)
            except Exception:  # noqa: BLE001  # as Ruby: no suggestions then, the message stays
                corrections = []
            if corrections:
                self._message += ("\nDid you mean?  "
                                  + "\n               ".join(corrections))
        return self._message

    @message.setter
    def message(self, text: str) -> None:
        self._message = text

    def __str__(self) -> str:
        return self.message

    def __reduce__(self) -> tuple[object, ...]:
        """Pickled (for another process) with its message complete, the
        suggestions worked out here."""
        state = {k: v for k, v in self.__dict__.items() if k != "suggest"}
        state["_message"] = self.message
        return (type(self), (state["_message"],), state)


NoMethodError = _ruby_class("NoMethodError", NameError_)
ZeroDivisionError_ = _ruby_class("ZeroDivisionError", StandardError)
IndexError_ = _ruby_class("IndexError", StandardError)
KeyError_ = _ruby_class("KeyError", IndexError_)
StopIteration_ = _ruby_class("StopIteration", IndexError_)
RangeError = _ruby_class("RangeError", StandardError)
FloatDomainError = _ruby_class("FloatDomainError", RangeError)
RegexpError = _ruby_class("RegexpError", StandardError)
LocalJumpError = _ruby_class("LocalJumpError", StandardError)
IOError_ = _ruby_class("IOError", StandardError)
SystemCallError = _ruby_class("SystemCallError", StandardError)
ENOENT = _ruby_class("Errno::ENOENT", SystemCallError)
EISDIR = _ruby_class("Errno::EISDIR", SystemCallError)
EACCES = _ruby_class("Errno::EACCES", SystemCallError)
SystemStackError = _ruby_class("SystemStackError", RubyError)
NoMemoryError = _ruby_class("NoMemoryError", RubyError)
MathDomainError = _ruby_class("Math::DomainError", StandardError)
UncaughtThrowError = _ruby_class("UncaughtThrowError", ArgumentError)
IPAddrError = _ruby_class("IPAddr::Error", ArgumentError)
InvalidAddressError = _ruby_class("IPAddr::InvalidAddressError", IPAddrError)
AddressFamilyError = _ruby_class("IPAddr::AddressFamilyError", IPAddrError)
InvalidPrefixError = _ruby_class("IPAddr::InvalidPrefixError", InvalidAddressError)



class SystemExit_(RubyError):
    """Ruby's SystemExit (`exit`, `abort`): ends the run with `status`; no ERROR line."""

    ruby_name = "SystemExit"

    def __init__(self, message: str = "exit", status: int = 0) -> None:
        super().__init__(message)
        self.status = status


class HardExit(BaseException):
    """Ruby's `exit!`: ends the run at once; no `rescue` or `ensure` sees it."""

    def __init__(self, status: int) -> None:
        super().__init__(status)
        self.status = status


class SignalException(RubyError):
    """A signal as an exception: `signo` is its number, the message its name
    as Ruby spells it ("TERM" and "SIGTERM" both give "SIGTERM")."""

    ruby_name = "SignalException"

    def __init__(self, message: str = "") -> None:
        name = message.removeprefix("SIG")
        number = getattr(signal.Signals, f"SIG{name}", None)
        if number is None:
            raise ArgumentError(f"unsupported signal `SIG{name}'")
        super().__init__(f"SIG{name}")
        self.signo = int(number)


class Interrupt(SignalException):
    """SIGINT's exception: any message (empty when a real Ctrl-C raised it)."""

    ruby_name = "Interrupt"

    def __init__(self, message: str = "") -> None:
        RubyError.__init__(self, message)
        self.signo = int(signal.SIGINT)


# Python's name for errno 35 is the alias; Ruby names the class after EDEADLK
_ERRNO_NAMES = {**errno.errorcode, errno.EDEADLK: "EDEADLK"}
ERRNO_CLASSES: dict[int, type[RubyError]] = {
    code: globals().get(name) or _ruby_class(f"Errno::{name}", SystemCallError)
    for code, name in _ERRNO_NAMES.items()
}

BY_RUBY_NAME: dict[str, type[RubyError]] = {
    cls.ruby_name: cls
    for cls in (RubyError, *[c for c in list(globals().values())
                             if isinstance(c, type) and issubclass(c, RubyError)],
                 *ERRNO_CLASSES.values())
}


def os_error(exc: OSError, where: str, path: str) -> RubyError:
    """A failed system call as Ruby words it: `Errno::EACCES`, with the message
    `Permission denied @ rb_sysopen - PATH`, where `where` is the C function of
    Ruby's that made the call (`rb_sysopen`, `io_write`...) and PATH the name
    the user gave (never a temporary file of ncg's)."""
    code = exc.errno
    if code is None:
        return SystemCallError(f"unknown error @ {where} - {path}")
    cls = ERRNO_CLASSES.get(code, SystemCallError)
    return cls(f"{os.strerror(code)} @ {where} - {path}")


class CompileError(RubyError):
    """Template Ruby that ncg cannot translate: reported with file:line:col."""

    ruby_name = "NotImplementedError"


class InternalError(Exception):
    """A bug in ncg itself, not an error of the template's Ruby.

    Not a RubyError, so no `rescue` (not even `rescue Exception`) catches it;
    ncg reports it like a Ruby error, as `ERROR(InternalError): …` at the
    template line where it happened, with the Python traceback under -D.
    """

    ruby_name = "InternalError"

    def __init__(self, message: str = "internal error of ncg (run with -D to see it)") -> None:
        super().__init__(message)
        self.message = message
        self.trace: list[str] = []

    def add_location(self, where: str) -> None:
        self.trace.append(where)


def ruby_equivalent(exc: BaseException) -> RubyError | None:
    """The Ruby error that a Python exception is, where Ruby has the same
    one: memory exhausted, the stack exhausted, a system call that failed."""
    if isinstance(exc, MemoryError):
        return NoMemoryError("failed to allocate memory")
    if isinstance(exc, RecursionError):
        return SystemStackError("stack level too deep")
    if isinstance(exc, OSError) and exc.errno:
        cls = ERRNO_CLASSES.get(exc.errno, SystemCallError)
        named = "" if exc.filename is None else f" - {exc.filename}"
        return cls(os.strerror(exc.errno) + named)
    return None


def python_error(exc: BaseException) -> RubyError | InternalError:
    """What ncg reports for a Python exception no Ruby rule of ncg's names:
    its Ruby equivalent, else a fault in ncg itself, whose Python text only
    `-D` shows (with the traceback)."""
    return ruby_equivalent(exc) or InternalError()


class BrokenInstall(ScriptError):  # type: ignore[misc, valid-type]
    """ncg itself is broken (a file of its own is missing or bad): Ruby's LoadError.

    It is never blamed on the model or template line being read when it
    happened: the locations that line would add go nowhere.
    """

    ruby_name = "LoadError"

    @property
    def trace(self) -> list[str]:
        return []  # a fresh list each time, so `trace[:1] = …` and appends are lost

    @trace.setter
    def trace(self, _where: list[str]) -> None:
        pass
