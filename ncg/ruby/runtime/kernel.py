"""Kernel's receiverless functions: `format`, `Integer()`, `raise`, `puts`, `loop`…

Each is registered into the `call_fn` table under its Ruby name.
"""

from __future__ import annotations

import math
import os
import random
import re
import sys
import threading
import time
from collections.abc import Callable
from contextvars import ContextVar
from fractions import Fraction
from typing import Any

from ncg.errors import (
    ArgumentError,
    FloatDomainError,
    HardExit,
    LocalJumpError,
    RangeError,
    RubyError,
    RuntimeError_,
    StopIteration_,
    SystemExit_,
    TypeError_,
)
from ncg.ruby.runtime import libraries
from ncg.ruby.runtime.consts import CLASS_OF, CONSTANTS, IO, class_of
from ncg.ruby.runtime.core import RClass, Thrown, find_method, function, method, send
from ncg.ruby.runtime.enumerable import ruby_items
from ncg.ruby.runtime.object import is_equal
from ncg.ruby.runtime.sprintf import conversion_name, ruby_format
from ncg.ruby.runtime.symbol import Symbol

Block = Callable[..., Any] | None

INTEGER_PREFIXES = {"x": 16, "b": 2, "o": 8, "d": 10}
DIGIT_CLASS = {2: "01", 8: "0-7", 10: "0-9", 16: "0-9a-fA-F"}
DECIMAL_FLOAT = re.compile(
    r"[+-]?(?=\.?\d)(?:\d+(?:_\d+)*)?(?:\.\d+(?:_\d+)*)?(?:[eE][+-]?\d+(?:_\d+)*)?\Z"
)
HEX_INTEGER = re.compile(r"([+-]?)0[xX]([0-9a-fA-F]+(?:_[0-9a-fA-F]+)*)\Z")
RUBY_SPACE = " \t\n\v\f\r"


def write_stdout(text: str) -> None:
    sys.stdout.write(text)


def wants_exception(options: tuple[Any, ...]) -> bool:
    """The `exception: false` keyword of Integer()/Float()."""
    return not (options and type(options[-1]) is dict
                and options[-1].get(Symbol.of("exception")) is False)


def invalid_integer(text: str) -> ArgumentError:
    return ArgumentError(f"invalid value for Integer(): {send(text, 'inspect')}")


def ruby_integer(text: str, base: int | None = None) -> int:
    """Integer("0x1A"): Ruby's strict parse (prefixes, single underscores, spaces around)."""
    body = text.strip(RUBY_SPACE)
    sign = -1 if body.startswith("-") else 1
    body = body[1:] if body[:1] in "+-" else body
    base, body = split_radix_prefix(body, base, text)
    digits = DIGIT_CLASS.get(base, "0-9a-zA-Z")
    if not re.fullmatch(f"[{digits}]+(?:_[{digits}]+)*", body):
        raise invalid_integer(text)
    try:
        return sign * int(body.replace("_", ""), base)
    except ValueError:
        raise invalid_integer(text) from None


def split_radix_prefix(body: str, base: int | None, text: str) -> tuple[int, str]:
    """The base a prefix (0x, 0b, 0o, 0d, 0) names, and the digits after it."""
    if base is not None and not 2 <= base <= 36:
        raise ArgumentError(f"invalid radix {base}")
    if len(body) >= 2 and body[0] == "0" and body[1].lower() in INTEGER_PREFIXES:
        named = INTEGER_PREFIXES[body[1].lower()]
        if base is None or base == named:
            return named, body[2:]
        return base, body
    if base is None and len(body) >= 2 and body[0] == "0":
        rest = body[1:]
        return 8, rest[1:] if rest.startswith("_") else rest
    return (10 if base is None else base), body


def ruby_float(text: str) -> float:
    """Float("2.5"): Ruby's strict parse."""
    body = text.strip(RUBY_SPACE)
    hex_match = HEX_INTEGER.match(body)
    if hex_match:
        value = int(hex_match[2].replace("_", ""), 16)
        return float(-value if hex_match[1] == "-" else value)
    if not DECIMAL_FLOAT.match(body):
        raise ArgumentError(f"invalid value for Float(): {send(text, 'inspect')}")
    return float(body.replace("_", ""))


@function("Integer")
def integer(value: Any, *rest: Any) -> int | None:
    raising = wants_exception(rest)
    args = rest[:-1] if rest and type(rest[-1]) is dict else rest
    base = args[0] if args else None
    try:
        return to_integer(value, base)
    except (ArgumentError, TypeError_):
        if raising:
            raise
        return None


def to_integer(value: Any, base: Any) -> int:
    if type(value) is str:
        return ruby_integer(value, None if base is None else send(base, "to_i"))
    if base is not None:
        raise ArgumentError("base specified for non string value")
    if type(value) is int:
        return value
    if type(value) is float:
        if math.isnan(value) or math.isinf(value):
            raise FloatDomainError(send(value, "to_s"))
        return int(value)
    if type(value) is Fraction:
        return math.trunc(value)
    raise TypeError_(f"can't convert {conversion_name(value)} into Integer")


@function("Float")
def to_float(value: Any, *options: Any) -> float | None:
    try:
        if type(value) is str:
            return ruby_float(value)
        if type(value) in (int, float, Fraction):
            return float(value)
        raise TypeError_(f"can't convert {conversion_name(value)} into Float")
    except (ArgumentError, TypeError_):
        if wants_exception(options):
            raise
        return None


@function("String")
def to_string(value: Any) -> str:
    return value if type(value) is str else send(value, "to_s")


def splat(value: Any) -> list[Any]:
    """Ruby's `*value`: its `to_a` when it has one (nil, Hash, Range…), else `[value]`."""
    if type(value) is list:
        return value
    to_a = find_method(value, "to_a")
    if to_a is None:
        return [value]
    items = to_a(value)
    if type(items) is not list:
        raise TypeError_(f"can't convert {class_of(value).name} to Array "
                         f"({class_of(value).name}#to_a gives {class_of(items).name})")
    return items


@function("Array")
def to_array(value: Any) -> list[Any]:
    if value is None:
        return []
    if type(value) is list:
        return value
    if type(value) is dict:
        return [[k, v] for k, v in ruby_items(value)]
    from ncg.ruby.runtime.range import Range

    if type(value) is Range:
        return send(value, "to_a")
    return [value]


@function("Hash")
def to_hash(value: Any) -> dict[Any, Any]:
    if value is None or value == []:
        return {}
    if isinstance(value, dict):
        return value
    from ncg.ruby.runtime.consts import class_of

    raise TypeError_(f"can't convert {class_of(value).name} into Hash")


@function("Rational")
def rational(numerator: Any, denominator: Any = 1) -> Fraction:
    return Fraction(numerator) / Fraction(denominator)


@function("format", "sprintf")
def format_(fmt: Any, *values: Any) -> str:
    if type(fmt) is not str:
        raise TypeError_(f"no implicit conversion of {conversion_name(fmt)} into String")
    return ruby_format(fmt, *values)


@function("printf")
def printf(fmt: Any = None, *values: Any) -> None:
    if fmt is not None:
        write_stdout(format_(fmt, *values))


def exception_from(what: Any, message: Any) -> RubyError:
    """The exception `raise what, message` raises."""
    from ncg.ruby.runtime.values import to_s

    if type(what) is str and message is None:
        return RuntimeError_(what)
    if type(what) is RClass and what.exc_type is not None:
        return what.exc_type(what.name if message is None else to_s(message))
    if isinstance(what, RubyError):
        if message is None:
            return what
        return type(what)(to_s(message))
    raise TypeError_("exception class/object expected")


@function("raise", "fail")
def raise_(what: Any = None, message: Any = None, *_backtrace: Any) -> None:
    if what is None:
        raise RuntimeError_("")
    raise exception_from(what, message)


def exit_status(status: Any) -> int:
    """`exit true` is 0, `exit false` 1, an Integer itself."""
    if status is True:
        return 0
    if status is False:
        return 1
    if type(status) is int:
        return status & 0xFF
    raise TypeError_(f"no implicit conversion of {class_of(status).name} into Integer")


@function("exit")
def exit_(status: Any = True) -> None:
    raise SystemExit_("exit", exit_status(status))


@function("exit!")
def exit_now(status: Any = False) -> None:
    raise HardExit(exit_status(status))


@function("abort")
def abort(message: Any = None) -> None:
    if message is None:
        raise SystemExit_("exit", 1)
    text = message if type(message) is str else None
    if text is None:
        raise TypeError_(f"no implicit conversion of {class_of(message).name} into String")
    sys.stdout.flush()
    sys.stderr.write(text + "\n")
    raise SystemExit_(text, 1)


@function("lambda")
def make_lambda(block: Block = None) -> Callable[..., Any]:
    if block is None:
        raise ArgumentError("tried to create Proc object without a block")
    block.ncg_lambda = True  # type: ignore[attr-defined]
    return block


@function("proc")
def make_proc(block: Block = None) -> Callable[..., Any]:
    if block is None:
        raise ArgumentError("tried to create Proc object without a block")
    return block


@function("loop")
def loop(block: Block = None) -> Any:
    """Kernel#loop: until `break`, or a StopIteration (whose result is loop's value)."""
    if block is None:
        raise LocalJumpError("no block given (yield)")
    try:
        while True:
            block()
    except StopIteration_ as stop:
        return getattr(stop, "result", None)


class RubyRandom(random.Random):
    """MRI's Kernel#rand: MT19937 like Python's, seeded and narrowed as MRI does.

    A one-word seed goes through init_genrand (Python always uses
    init_by_array), and an Integer below n comes from masked 32-bit draws.
    """

    ruby_seed: Any = 0

    def seed_like_ruby(self, seed: int) -> None:
        if abs(seed) >= 1 << 32:
            self.seed(abs(seed))
            return
        state = [abs(seed) & 0xFFFFFFFF]
        for i in range(1, 624):
            previous = state[-1]
            state.append((1812433253 * (previous ^ (previous >> 30)) + i) & 0xFFFFFFFF)
        self.setstate((3, (*state, 624), None))

    def below(self, limit: int) -> int:
        """MRI's limited_rand(limit - 1): 0 ≤ n < limit."""
        top = limit - 1
        if top >= 1 << 64:
            return self.randrange(limit)
        mask = (1 << top.bit_length()) - 1
        while True:
            value = 0
            for word in (1, 0):
                if (mask >> (32 * word)) & 0xFFFFFFFF:
                    value = (value | self.getrandbits(32) << (32 * word)) & mask
                    if value > top:
                        break
            else:
                return value


RNG = RubyRandom()


@function("rand")
def rand(limit: Any = None) -> Any:
    from ncg.ruby.runtime.range import Range

    if type(limit) is Range:
        return rand_in_range(limit)
    bound = 0 if limit is None or limit is False else abs(to_integer(limit, None))
    if bound == 0:
        return RNG.random()
    return RNG.below(bound)


def rand_in_range(bounds: Any) -> Any:
    first, last = bounds.first, bounds.last
    if type(first) is int and type(last) is int:
        span = last - first + (0 if bounds.exclusive else 1)
        return None if span <= 0 else first + RNG.below(span)
    return first + RNG.random() * (last - first)


@function("srand")
def srand(seed: Any = None) -> int:
    """Seed Kernel#rand; returns the previous seed (ncg starts from a random one)."""
    previous, RNG.ruby_seed = RNG.ruby_seed, seed
    RNG.seed_like_ruby(to_integer(seed, None) if seed is not None else random.getrandbits(64))
    return previous


def puts_lines(value: Any, out: list[str]) -> None:
    if type(value) is list:
        for item in value:
            puts_lines(item, out)
        return
    text = value if type(value) is str else send(value, "to_s")
    out.append(text if text.endswith("\n") else text + "\n")


@function("puts")
def puts(*values: Any) -> None:
    io_puts(STDOUT, *values)


@function("print")
def print_(*values: Any) -> None:
    write_stdout("".join(v if type(v) is str else send(v, "to_s") for v in values))


@function("p", "pp")
def p(*values: Any) -> Any:
    write_stdout("".join(send(v, "inspect") + "\n" for v in values))
    if not values:
        return None
    return values[0] if len(values) == 1 else list(values)


@function("warn")
def warn(*messages: Any) -> None:
    for message in messages:
        sys.stderr.write(send(message, "to_s") + "\n")


@function("require")
def require(name: Any) -> bool:
    return libraries.require(name)


@function("require_relative")
def require_relative(name: Any) -> bool:
    """A Ruby file beside the template: ncg runs none (LoadError when missing).

    Ruby looks beside the template file; ncg looks in the current directory,
    where the original runs its templates from.
    """
    path = os.path.abspath(libraries.path_arg(name))
    raise libraries.not_loadable(path)


@function("load")
def load(name: Any, *_wrap: Any) -> bool:
    raise libraries.not_loadable(libraries.path_arg(name), any_path=True)


@function("block_given?")
def block_given() -> bool:
    return False


@function("caller")
def caller(*_args: Any) -> list[str]:
    return []


@function("sleep")
def sleep(*seconds: Any) -> int:
    """Kernel#sleep: the whole seconds of wall-clock time that passed (what
    MRI answers: the difference of time(2) before and after), and without
    an argument, for ever."""
    if len(seconds) > 1:
        raise ArgumentError(f"wrong number of arguments (given {len(seconds)}, expected 0..1)")
    began = int(time.time())
    time.sleep(sleep_interval(seconds[0]) if seconds else threading.TIMEOUT_MAX)
    return int(time.time()) - began


def sleep_interval(value: Any) -> float:
    if type(value) not in (int, float, Fraction):
        raise TypeError_(f"can't convert {class_of(value).name} into time interval")
    if value != value:
        raise RangeError("NaN out of Time range")
    if value < 0:
        raise ArgumentError("time interval must not be negative")
    return min(float(value), threading.TIMEOUT_MAX)


# the tags of the `catch` blocks running in this context, innermost last
CATCH_TAGS: ContextVar[tuple[Any, ...]] = ContextVar("ncg_catch_tags", default=())


@function("catch")
def catch(tag: Any = None, block: Block = None) -> Any:
    """Kernel#catch: run the block; a `throw` of this tag ends it with the thrown value."""
    from ncg.ruby.runtime.consts import RObject

    tag = RObject() if tag is None else tag
    if block is None:
        raise LocalJumpError("no block given (yield)")
    token = CATCH_TAGS.set((*CATCH_TAGS.get(), tag))
    try:
        return block(tag)
    except Thrown as thrown:
        if is_equal(thrown.tag, tag):
            return thrown.value
        raise
    finally:
        CATCH_TAGS.reset(token)


@function("throw")
def throw(tag: Any, value: Any = None) -> None:
    if not any(is_equal(tag, active) for active in CATCH_TAGS.get()):
        from ncg.errors import UncaughtThrowError

        raise UncaughtThrowError(f"uncaught throw {send(tag, 'inspect')}")
    raise Thrown(tag, value)


class RubyIO:
    """STDOUT and STDERR (`STDOUT.puts`, `$stderr.print`): Kernel's output on a stream."""

    __slots__ = ("name",)

    def __init__(self, name: str) -> None:
        self.name = name

    def write(self, text: str) -> None:
        stream = sys.stdout if self.name == "STDOUT" else sys.stderr
        stream.write(text)


STDOUT = RubyIO("STDOUT")
STDERR = RubyIO("STDERR")


def puts_text(values: tuple[Any, ...]) -> str:
    """What `puts(*values)` writes: each value (an Array's items) on its own line."""
    out: list[str] = []
    for value in values or ("",):
        if type(value) is list and not value:
            out.append("\n")
        else:
            puts_lines(value, out)
    return "".join(out)


def io_puts(io: RubyIO, *values: Any) -> None:
    io.write(puts_text(values))


@method(RubyIO, "print")
def io_print(io: RubyIO, *values: Any) -> None:
    io.write("".join(v if type(v) is str else send(v, "to_s") for v in values))


@method(RubyIO, "write")
def io_write(io: RubyIO, *values: Any) -> int:
    text = "".join(v if type(v) is str else send(v, "to_s") for v in values)
    io.write(text)
    return len(text.encode("utf-8", "surrogateescape"))


@method(RubyIO, "<<")
def io_append(io: RubyIO, value: Any) -> RubyIO:
    io_print(io, value)
    return io


@method(RubyIO, "printf")
def io_printf(io: RubyIO, fmt: Any = None, *values: Any) -> None:
    if fmt is not None:
        io.write(format_(fmt, *values))


@method(RubyIO, "flush")
def io_flush(io: RubyIO) -> RubyIO:
    return io


@method(RubyIO, "sync")
def io_sync(io: RubyIO) -> bool:
    return io.name == "STDERR"


@method(RubyIO, "inspect")
def io_inspect(io: RubyIO) -> str:
    return f"#<IO:<{io.name}>>"


method(RubyIO, "puts")(io_puts)
CLASS_OF[RubyIO] = IO
CONSTANTS.update({"STDOUT": STDOUT, "STDERR": STDERR})
