"""Errors that ncg reports as `ERROR(Class): message` / `\\tat FILE:LINE`.

NCG is a Ruby program, so every error it reports names a Ruby exception class.
Each Python class here stands for one Ruby class (`ruby_name`), and the Python
inheritance mirrors Ruby's, so a template's `rescue ArgumentError` catches
exactly what Ruby would.  `trace` holds the places the error passed through,
innermost first ("file.ncg:3", then its callers); the CLI prints `trace[0]`.
"""

from __future__ import annotations


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
NameError_ = _ruby_class("NameError", StandardError)
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
MathDomainError = _ruby_class("Math::DomainError", StandardError)
UncaughtThrowError = _ruby_class("UncaughtThrowError", ArgumentError)
IPAddrError = _ruby_class("IPAddr::Error", ArgumentError)
InvalidAddressError = _ruby_class("IPAddr::InvalidAddressError", IPAddrError)
AddressFamilyError = _ruby_class("IPAddr::AddressFamilyError", IPAddrError)
InvalidPrefixError = _ruby_class("IPAddr::InvalidPrefixError", InvalidAddressError)

BY_RUBY_NAME: dict[str, type[RubyError]] = {
    cls.ruby_name: cls
    for cls in (RubyError, *[c for c in list(globals().values())
                             if isinstance(c, type) and issubclass(c, RubyError)])
}


class CompileError(RubyError):
    """Template Ruby that ncg cannot translate: reported with file:line:col."""

    ruby_name = "NotImplementedError"


class InternalError(ScriptError):  # type: ignore[misc, valid-type]
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
