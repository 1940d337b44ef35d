"""Ruby Integer methods on Python `int` (never `bool`: dispatch is by exact type)."""

from __future__ import annotations

import math
from collections.abc import Callable
from fractions import Fraction
from typing import Any

from ncg.errors import ArgumentError, RangeError, TypeError_
from ncg.ruby.runtime import numeric as num
from ncg.ruby.runtime.core import method
from ncg.ruby.runtime.encoding import UTF_8, binary
from ncg.ruby.runtime.encoding import find as find_encoding
from ncg.ruby.runtime.enumerable import enumerator
from ncg.ruby.runtime.object import include_comparable
from ncg.ruby.runtime.symbol import Symbol

Block = Callable[..., Any] | None

def int_add(a: int, b: Any) -> Any:
    return a + b if type(b) is int else num.add(a, b)


def int_subtract(a: int, b: Any) -> Any:
    return a - b if type(b) is int else num.subtract(a, b)


def int_less(a: int, b: Any) -> bool:
    return a < b if type(b) is int else num.less(a, b)


def int_greater(a: int, b: Any) -> bool:
    return a > b if type(b) is int else num.greater(a, b)


def int_equals(a: int, b: Any) -> bool:
    return a == b if type(b) is int else num.equals(a, b)


for _names, _fn in (
    (("+",), num.add),
    (("-",), num.subtract),
    (("*",), num.multiply),
    (("/",), num.divide),
    (("%", "modulo"), num.modulo),
    (("**", "pow"), num.power),
    (("divmod",), num.divmod_),
    (("div",), num.integer_div),
    (("remainder",), num.remainder),
    (("fdiv",), num.fdiv),
    (("==", "===", "equal?"), num.equals),
    (("<=>",), num.spaceship),
    (("<",), num.less),
    (("<=",), num.less_equal),
    ((">",), num.greater),
    ((">=",), num.greater_equal),
    (("coerce",), num.coerce),
):
    method((int, float, Fraction), *_names)(_fn)


@method(int, "pow")
def int_pow(n: int, exponent: Any, modulus: Any = None) -> Any:
    if modulus is None:
        return num.power(n, exponent)
    if modulus == 0:
        raise num.zero_division()
    return pow(n, exponent, modulus)


@method(int, "to_s", "inspect")
def to_s(n: int, base: Any = 10) -> str:
    base = num.to_int_arg(base)
    if base == 10:
        return str(n)
    if not 2 <= base <= 36:
        raise ArgumentError(f"invalid radix {base}")
    return ("-" if n < 0 else "") + digits_in_base(abs(n), base)


def digits_in_base(n: int, base: int) -> str:
    symbols = "0123456789abcdefghijklmnopqrstuvwxyz"
    out = []
    while True:
        n, d = divmod(n, base)
        out.append(symbols[d])
        if n == 0:
            return "".join(reversed(out))


@method(int, "chr")
def chr_(n: int, encoding: Any = None) -> str:
    """Integer#chr: a byte (ASCII-8BIT above 127), or a character of `encoding`."""
    if encoding is not None and n >= 0 and find_encoding(encoding) is UTF_8:
        if not 0 <= n <= 0x10FFFF or 0xD800 <= n <= 0xDFFF:
            raise RangeError(f"invalid codepoint 0x{n:X} in UTF-8")
        return chr(n)
    if not 0 <= n <= 255:
        raise RangeError(f"{n} out of char range")
    return chr(n) if n < 0x80 else binary(bytes([n]))


@method(int, "ord", "to_i", "to_int", "numerator")
def itself(n: int) -> int:
    return n


@method(int, "denominator")
def denominator(n: int) -> int:
    return 1


@method(int, "to_f")
def to_f(n: int) -> float:
    return num.int_to_float(n)


@method(int, "to_r", "rationalize")
def to_r(n: int) -> Fraction:
    return Fraction(n)


@method(int, "times")
def times(n: int, block: Block = None) -> Any:
    if block is None:
        return enumerator(n, "times")
    for i in range(n):
        block(i)
    return n


@method(int, "upto")
def upto(n: int, limit: Any, block: Block = None) -> Any:
    num.comparable_arg(n, limit)
    values = range(n, math.floor(limit) + 1)
    if block is None:
        return enumerator(n, "upto", limit)
    for i in values:
        block(i)
    return n


@method(int, "downto")
def downto(n: int, limit: Any, block: Block = None) -> Any:
    num.comparable_arg(n, limit)
    values = range(n, math.ceil(limit) - 1, -1)
    if block is None:
        return enumerator(n, "downto", limit)
    for i in values:
        block(i)
    return n


@method((int, float), "step")
def step(start: Any, limit: Any = None, by: Any = 1, block: Block = None) -> Any:
    """Numeric#step(limit, step) or step(by: step, to: limit): Floats step by MRI's
    error-compensated count."""
    if type(limit) is dict:
        options = limit
        limit = options.get(Symbol.of("to"))
        by = options.get(Symbol.of("by"), 1)
    values = step_values(start, limit, by)
    if block is None:
        return enumerator(start, "step", limit, by)
    for value in values:
        block(value)
    return start


def step_values(start: Any, limit: Any, by: Any) -> Any:
    if not num.is_number(by):
        raise num.coerce_error(by, start)
    if by == 0:
        raise ArgumentError("step can't be 0")
    if limit is None:
        raise ArgumentError("endless step is not supported here")
    num.comparable_arg(start, limit)
    if type(start) is float or type(limit) is float or type(by) is float:
        return float_steps(float(start), float(limit), float(by))
    stop = limit + (1 if by > 0 else -1)
    return range(start, stop, by)


def float_steps(begin: float, end: float, unit: float) -> list[float]:
    """MRI's ruby_float_step: count the steps once, then compute each from the start."""
    n = (end - begin) / unit
    err = (abs(begin) + abs(end) + abs(end - begin)) / abs(unit) * 2.220446049250313e-16
    if n < 0:
        return []
    count = math.floor(n + min(err, 0.5)) + 1
    values = []
    for i in range(count):
        d = i * unit + begin
        if (end < d) if unit >= 0 else (d < end):
            d = end
        values.append(d)
    return values


@method(int, "even?")
def is_even(n: int) -> bool:
    return n % 2 == 0


@method(int, "odd?")
def is_odd(n: int) -> bool:
    return n % 2 == 1


@method((int, float, Fraction), "zero?")
def is_zero(n: Any) -> bool:
    return n == 0


@method((int, float, Fraction), "nonzero?")
def nonzero(n: Any) -> Any:
    return None if n == 0 else n


@method((int, float, Fraction), "positive?")
def is_positive(n: Any) -> bool:
    return n > 0


@method((int, float, Fraction), "negative?")
def is_negative(n: Any) -> bool:
    return n < 0


@method((int, float, Fraction), "abs", "magnitude")
def absolute(n: Any) -> Any:
    return abs(n)


@method((int, float, Fraction), "abs2")
def abs_squared(n: Any) -> Any:
    return n * n


@method((int, float, Fraction), "-@")
def negated(n: Any) -> Any:
    return -n


@method((int, float, Fraction), "+@")
def unary_plus(n: Any) -> Any:
    return n


@method(int, "succ", "next")
def succ(n: int) -> int:
    return n + 1


@method(int, "pred")
def pred(n: int) -> int:
    return n - 1


@method(int, "integer?")
def is_integer(n: int) -> bool:
    return True


@method(int, "finite?")
def is_finite(n: int) -> bool:
    return True


@method(int, "infinite?")
def is_infinite(n: int) -> None:
    return None


@method(int, "round")
def round_(n: int, *args: Any) -> int:
    ndigits, mode = num.split_round_args(args)
    return num.integer_round(n, ndigits, mode)


@method(int, "floor")
def floor(n: int, ndigits: Any = 0) -> int:
    return num.integer_floor(n, num.to_int_arg(ndigits))


@method(int, "ceil")
def ceil(n: int, ndigits: Any = 0) -> int:
    return num.integer_ceil(n, num.to_int_arg(ndigits))


@method(int, "truncate")
def truncate(n: int, ndigits: Any = 0) -> int:
    return num.integer_truncate(n, num.to_int_arg(ndigits))


@method(int, "gcd")
def gcd(n: int, other: Any) -> int:
    return math.gcd(n, integer_arg(other))


@method(int, "lcm")
def lcm(n: int, other: Any) -> int:
    other = integer_arg(other)
    return abs(n * other) // math.gcd(n, other) if n and other else 0


def integer_arg(value: Any) -> int:
    if type(value) is not int:
        raise TypeError_("not an integer")
    return value


@method(int, "digits")
def digits(n: int, base: Any = 10) -> list[int]:
    """The digits, least significant first."""
    from ncg.errors import MathDomainError

    base = integer_arg(base)
    if base < 2:
        raise ArgumentError(f"invalid radix {base}")
    if n < 0:
        raise MathDomainError("out of domain")
    out = []
    while True:
        n, d = divmod(n, base)
        out.append(d)
        if n == 0:
            return out


@method(int, "bit_length")
def bit_length(n: int) -> int:
    return n.bit_length()


@method(int, "size")
def size(n: int) -> int:
    return 8 if -(2**63) <= n < 2**63 else (n.bit_length() + 63) // 64 * 8


def bitwise(name: str, op: Callable[[int, int], int]) -> None:
    def apply(n: int, other: Any) -> int:
        if type(other) is not int:
            raise num.coerce_error(other, n)
        return op(n, other)

    method(int, name)(apply)


bitwise("&", lambda a, b: a & b)
bitwise("|", lambda a, b: a | b)
bitwise("^", lambda a, b: a ^ b)
bitwise("<<", lambda a, b: a << b if b >= 0 else a >> -b)
bitwise(">>", lambda a, b: a >> b if b >= 0 else a << -b)


@method(int, "~")
def invert(n: int) -> int:
    return ~n


@method(int, "[]")
def bit(n: int, index: Any) -> int:
    index = num.to_int_arg(index)
    return 0 if index < 0 else (n >> index) & 1


@method((int, float, Fraction), "eql?")
def is_eql(n: Any, other: Any) -> bool:
    return type(n) is type(other) and n == other


@method((int, float), "hash")
def hash_(n: Any) -> int:
    return hash((type(n), n))


@method(int, "allbits?")
def allbits(n: int, mask: Any) -> bool:
    return n & integer_arg(mask) == mask


@method(int, "anybits?")
def anybits(n: int, mask: Any) -> bool:
    return n & integer_arg(mask) != 0


@method(int, "nobits?")
def nobits(n: int, mask: Any) -> bool:
    return n & integer_arg(mask) == 0


include_comparable(int, float, Fraction)


# the common Integer-with-Integer cases skip the generic numeric checks
method(int, "+")(int_add)
method(int, "-")(int_subtract)
method(int, "<")(int_less)
method(int, ">")(int_greater)
method(int, "==", "===")(int_equals)
